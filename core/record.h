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

// How the decoding stage (connectors/decoding_source.h) read one key or value that named a
// schema: which schema, or why it could not be decoded (the bytes are then shown as stored).
struct SchemaUse {
    bool decoded = false;
    qint32 schemaId = -1;
    QString format;  // "Avro", "Protobuf", "JSON Schema"
    QString subject; // empty when the schema's source does not say
    int version = 0;
    QString error;
    bool operator==(const SchemaUse&) const = default;
};

// A record whose key or value the decoding stage read: the views' key/value are then the decoded
// JSON text, and these are the bytes as stored (what replay writes and raw export shows).
struct DecodingView {
    QByteArrayView rawKey, rawValue;
    SchemaUse key, value; // decoded == false and an empty error: that side named no schema
};
struct RecordDecoding {
    std::optional<QByteArray> rawKey, rawValue;
    SchemaUse key, value;
    bool operator==(const RecordDecoding&) const = default;
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
    std::optional<RecordDecoding> decoding; // set when read through the decoding stage
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
    QByteArrayView headersBlob;             // encoded by header_codec; empty when there are no headers
    const DecodingView* decoding = nullptr; // set by the decoding stage when it decoded or failed
};

// A record's address in a list view (merged partitions, search results): 24 bytes a row.
struct RecordRef {
    Offset offset = 0;
    TimestampMs timestamp = 0;
    PartitionId partition = 0;
    qint32 topic = 0; // index into a list of topic names held alongside
};

// The record as stored: a view the decoding stage decoded, with its key and value bytes as they
// were before decoding and no decoding; any other view as it is.
RecordView storedView(const RecordView& view);

// An owned copy of a view; fails only when the stored header block is corrupt.
Result<Record> toRecord(const QString& topic, const RecordView& view);

struct TopicPartition {
    QString topic;
    PartitionId partition = 0;
    bool operator==(const TopicPartition&) const = default;
};

} // namespace rw
