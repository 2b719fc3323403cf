#pragma once
// The NDJSON envelope (docs/envelope.md): one record per line, importable and exportable with
// every field intact, binary and null included. Also reads kcat's -J output. Any thread.

#include "record.h"
#include "result.h"

namespace rw {

struct EnvelopeRecord {
    ProducerRecord record;
    bool hasPartition = false; // false: the importer picks one (murmur2 of the key, like Kafka)
    bool hasTimestamp = false; // false: the importer stamps it
    bool fromKcat = false;
};

// Parses one line (without its newline). `defaultTopic` fills a missing "topic".
Result<EnvelopeRecord> parseEnvelopeLine(QByteArrayView line, const QString& defaultTopic = {});

// The same parse for bulk import, without an allocation per field: the record's key and value
// bytes and its encoded header block (header_codec.h) are appended to `arena`, and `out` says
// where. Same rules and errors as parseEnvelopeLine; on an error `arena` is left as it was.
struct EnvelopeSlices {
    QByteArray topic; // UTF-8; may share the line's or defaultTopic's memory: valid while they are
    PartitionId partition = 0;
    bool hasPartition = false;
    std::optional<Offset> offset;
    TimestampMs timestamp = 0;
    bool hasTimestamp = false;
    TimestampType timestampType = TimestampType::CreateTime;
    bool keyNull = true, valueNull = true;
    qsizetype keyAt = 0, keyLen = 0, valueAt = 0, valueLen = 0, headersAt = 0, headersLen = 0;
    bool fromKcat = false;
};
Result<void> parseEnvelopeInto(QByteArrayView line, QByteArrayView defaultTopic, QByteArray& arena,
                               EnvelopeSlices& out);

// Appends one envelope line (no newline). Values that are compact JSON objects or arrays are
// embedded as JSON, other UTF-8 as text, anything else as base64, so re-import is byte-exact.
// Fails only when the stored header block is corrupt; nothing is appended then.
Result<void> appendEnvelope(QByteArray& out, const QString& topic, const RecordView& r);
void appendEnvelope(QByteArray& out, const Record& r);

} // namespace rw
