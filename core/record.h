#pragma once
// Value types of the event-log domain. Plain data, any thread.

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

#include "result.h"

#include <cstdint>
#include <optional>
#include <vector>

namespace rw {

using Offset = std::int64_t;      // position in one partition; gaps allowed (compaction, markers)
using PartitionId = std::int32_t; // partition number within a topic
using TimestampMs = std::int64_t; // milliseconds since the Unix epoch, UTC

enum class TimestampType : std::uint8_t { CreateTime = 0, LogAppendTime = 1 };

// A Kafka header: the key is text, the value is bytes or null. Order and repeats matter.
struct Header {
    QByteArray key;
    std::optional<QByteArray> value;
    bool operator==(const Header&) const = default;
};
using Headers = std::vector<Header>;

// A borrowed header, for hot paths that hand headers on without owning them.
struct HeaderView {
    QByteArrayView key;
    QByteArrayView value;
    bool valueNull = false;
};

// A record as stored in a partition. Null key/value (nullopt) is distinct from empty.
struct Record {
    QString topic;
    PartitionId partition = 0;
    Offset offset = 0;
    TimestampMs timestamp = 0;
    TimestampType timestampType = TimestampType::CreateTime;
    std::optional<QByteArray> key;
    std::optional<QByteArray> value;
    Headers headers;
    bool operator==(const Record&) const = default;
};

// What a writer hands to append(): the offset is assigned by the store unless given.
struct ProducerRecord {
    QString topic;
    PartitionId partition = 0;
    std::optional<Offset> offset; // set only to preserve offsets (import --keep-offsets, capture)
    TimestampMs timestamp = 0;
    TimestampType timestampType = TimestampType::CreateTime;
    std::optional<QByteArray> key;
    std::optional<QByteArray> value;
    Headers headers;
};

// A borrowed view of a stored record, valid only inside a scan callback. Zero-copy hot path.
struct RecordView {
    PartitionId partition = 0;
    Offset offset = 0;
    TimestampMs timestamp = 0;
    TimestampType timestampType = TimestampType::CreateTime;
    bool keyNull = true;
    bool valueNull = true;
    QByteArrayView key;
    QByteArrayView value;
    QByteArrayView headersBlob; // encoded by header_codec; empty when there are no headers
};

// A record's address in a list view (merged partitions, search results): 24 bytes a row.
struct RecordRef {
    Offset offset = 0;
    TimestampMs timestamp = 0;
    PartitionId partition = 0;
    qint32 topic = 0; // index into a list of topic names held alongside
};

// An owned copy of a view; fails only when the stored header block is corrupt.
Result<Record> toRecord(const QString& topic, const RecordView& view);

struct TopicPartition {
    QString topic;
    PartitionId partition = 0;
    bool operator==(const TopicPartition&) const = default;
};

} // namespace rw
