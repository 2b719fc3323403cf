#include "record.h"

#include "header_codec.h"

namespace rw {

RecordView storedView(const RecordView& v)
{
    RecordView out = v;
    if (!v.decoding) return out;
    if (v.decoding->key.decoded) out.key = v.decoding->rawKey;
    if (v.decoding->value.decoded) out.value = v.decoding->rawValue;
    out.decoding = nullptr;
    return out;
}

Result<Record> toRecord(const QString& topic, const RecordView& v)
{
    Record r;
    r.topic = topic;
    r.partition = v.partition;
    r.offset = v.offset;
    r.timestamp = v.timestamp;
    r.timestampType = v.timestampType;
    if (!v.keyNull)
        r.key = v.key.isEmpty() ? QByteArray("", 0) : v.key.toByteArray(); // empty stays distinct from null
    if (!v.valueNull) r.value = v.value.isEmpty() ? QByteArray("", 0) : v.value.toByteArray();
    auto h = decodeHeaders(v.headersBlob);
    if (!h)
        return makeError(ErrorCode::Corrupt, QStringLiteral("%1-%2 offset %3: %4")
                                                 .arg(topic)
                                                 .arg(v.partition)
                                                 .arg(v.offset)
                                                 .arg(h.error().message));
    r.headers = std::move(h.value());
    if (v.decoding) {
        RecordDecoding d;
        d.key = v.decoding->key;
        d.value = v.decoding->value;
        if (d.key.decoded) d.rawKey = v.decoding->rawKey.toByteArray();
        if (d.value.decoded) d.rawValue = v.decoding->rawValue.toByteArray();
        r.decoding = std::move(d);
    }
    return r;
}

} // namespace rw
