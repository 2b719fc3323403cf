#include "envelope.h"

#include "header_codec.h"
#include "json.h"
#include "time_parse.h"

#include <charconv>
#include <cstring>

namespace rw {
namespace {

Error lineError(const QString& what)
{
    return makeError(ErrorCode::Parse, what);
}

// glibc's memmem: several times faster than QByteArrayView::contains on long lines.
bool contains(QByteArrayView haystack, const char* needle)
{
    return memmem(haystack.data(), static_cast<size_t>(haystack.size()), needle, strlen(needle)) != nullptr;
}

QByteArray nonNull(QByteArray b)
{
    if (b.isNull()) return QByteArray("", 0);
    return b;
}

Result<QByteArray> decodeBase64(const QByteArray& text, const char* field)
{
    if (text.size() % 4 != 0)
        return lineError(QStringLiteral("\"%1\": invalid base64 (length is not a multiple of 4)")
                             .arg(QLatin1String(field)));
    auto r = QByteArray::fromBase64Encoding(text, QByteArray::AbortOnBase64DecodingErrors);
    if (!r) return lineError(QStringLiteral("\"%1\": invalid base64").arg(QLatin1String(field)));
    return nonNull(*r);
}

// Decodes a key or value member given its optional "<field>_encoding" into `arena`.
Result<void> payloadInto(const json::Value& v, QByteArrayView encoding, const char* field, QByteArray& arena,
                         bool& isNull, qsizetype& at, qsizetype& len)
{
    using json::Type;
    at = arena.size();
    len = 0;
    isNull = v.type == Type::Null;
    if (isNull) return {};
    QByteArrayView bytes;
    if (encoding.isEmpty()) {
        bytes = v.type == Type::String ? QByteArrayView(v.string) : v.raw;
    } else if (encoding == "text" || encoding == "utf8") {
        if (v.type != Type::String)
            return lineError(
                QStringLiteral("\"%1\" with encoding text must be a string").arg(QLatin1String(field)));
        bytes = v.string;
    } else if (encoding == "base64") {
        if (v.type != Type::String)
            return lineError(
                QStringLiteral("\"%1\" with encoding base64 must be a string").arg(QLatin1String(field)));
        auto b = decodeBase64(v.string, field);
        if (!b) return b.error();
        arena.append(b.value());
        len = b->size();
        return {};
    } else if (encoding == "json") {
        bytes = v.raw;
    } else {
        return lineError(
            QStringLiteral("\"%1_encoding\": unknown encoding '%2' (expected json, text or base64)")
                .arg(QLatin1String(field), QString::fromUtf8(encoding)));
    }
    arena.append(bytes);
    len = bytes.size();
    return {};
}

// Encodes a Rewind "headers" array into `arena` as a header block (header_codec.h).
Result<void> headersInto(const json::Value& v, QByteArray& arena, qsizetype& at, qsizetype& len)
{
    at = arena.size();
    len = 0;
    if (v.type == json::Type::Null) return {};
    if (v.type != json::Type::Array) return lineError(QStringLiteral("\"headers\" must be an array"));
    thread_local std::vector<json::Value> elems;
    thread_local std::vector<json::Member> members;
    if (auto r = json::parseArrayInto(v.raw, elems); !r) return r.error();
    if (elems.empty()) return {};
    appendHeaderCount(arena, elems.size());
    for (const json::Value& e : elems) {
        if (e.type != json::Type::Object)
            return lineError(QStringLiteral("each header must be an object {\"key\":…,\"value\":…}"));
        if (auto r = json::parseObjectInto(e.raw, members); !r) return r.error();
        QByteArrayView key;
        bool haveKey = false;
        const json::Value* value = nullptr;
        QByteArrayView encoding, keyEncoding;
        for (const json::Member& m : members) {
            if (m.name == "key") {
                if (m.value.type != json::Type::String)
                    return lineError(QStringLiteral("header \"key\" must be a string"));
                key = m.value.string;
                haveKey = true;
            } else if (m.name == "value") {
                value = &m.value;
            } else if (m.name == "encoding" && m.value.type == json::Type::String) {
                encoding = m.value.string;
            } else if (m.name == "key_encoding" && m.value.type == json::Type::String) {
                keyEncoding = m.value.string;
            }
        }
        if (!haveKey) return lineError(QStringLiteral("a header has no \"key\""));
        QByteArray decodedKey;
        if (keyEncoding == "base64") {
            auto k = decodeBase64(key.toByteArray(), "headers.key");
            if (!k) return k.error();
            decodedKey = k.value();
            key = decodedKey;
        } else if (!keyEncoding.isEmpty() && keyEncoding != "text") {
            return lineError(QStringLiteral("header \"key_encoding\" must be text or base64"));
        }
        // The value is decoded after the key's length is known: into a scratch arena first.
        thread_local QByteArray scratch;
        scratch.resize(0);
        bool valueNull = true;
        qsizetype vAt = 0, vLen = 0;
        if (value) {
            if (value->type != json::Type::Null && value->type != json::Type::String && encoding != "json")
                return lineError(QStringLiteral("header \"value\" must be a string or null"));
            if (auto p = payloadInto(*value, encoding, "headers.value", scratch, valueNull, vAt, vLen); !p)
                return p.error();
        }
        appendHeader(arena, key, QByteArrayView(scratch).sliced(vAt, vLen), valueNull);
    }
    len = arena.size() - at;
    return {};
}

Result<Headers> decodeKcatHeaders(const json::Value& v)
{
    Headers out;
    if (v.type == json::Type::Null) return out;
    if (v.type != json::Type::Array) return lineError(QStringLiteral("kcat \"headers\" must be an array"));
    auto elems = json::parseArray(v.raw, true);
    if (!elems) return elems.error();
    const auto& e = elems.value();
    if (e.size() % 2 != 0) return lineError(QStringLiteral("kcat \"headers\" must hold key, value pairs"));
    for (size_t i = 0; i < e.size(); i += 2) {
        if (e[i].type != json::Type::String)
            return lineError(QStringLiteral("kcat header key must be a string"));
        Header h{nonNull(e[i].string), std::nullopt};
        if (e[i + 1].type == json::Type::String)
            h.value = nonNull(e[i + 1].string);
        else if (e[i + 1].type != json::Type::Null)
            return lineError(QStringLiteral("kcat header value must be a string or null"));
        out.push_back(std::move(h));
    }
    return out;
}

Result<TimestampMs> decodeTimestamp(const json::Value& v)
{
    qint64 ms = 0;
    if (json::toInt64(v, ms)) return ms;
    if (v.type == json::Type::String) return parseTimePoint(QString::fromUtf8(v.string), currentTimeMs());
    return lineError(QStringLiteral("\"timestamp\" must be epoch milliseconds or an ISO-8601 string"));
}

Result<EnvelopeRecord> parseKcat(const std::vector<json::Member>& members, const QString& defaultTopic)
{
    EnvelopeRecord out;
    out.fromKcat = true;
    out.record.topic = defaultTopic;
    for (const json::Member& m : members) {
        const json::Value& v = m.value;
        if (m.name == "topic" && v.type == json::Type::String) {
            out.record.topic = QString::fromUtf8(v.string);
        } else if (m.name == "partition") {
            qint64 p = 0;
            if (!json::toInt64(v, p) || p < 0 || p > 1'000'000)
                return lineError(QStringLiteral("\"partition\" must be a non-negative integer"));
            out.record.partition = static_cast<PartitionId>(p);
            out.hasPartition = true;
        } else if (m.name == "offset") {
            qint64 o = 0;
            if (!json::toInt64(v, o) || o < 0)
                return lineError(QStringLiteral("\"offset\" must be a non-negative integer"));
            out.record.offset = o;
        } else if (m.name == "ts") {
            qint64 ts = 0;
            if (!json::toInt64(v, ts)) return lineError(QStringLiteral("\"ts\" must be an integer"));
            out.record.timestamp = ts;
            out.hasTimestamp = true;
        } else if (m.name == "tstype" && v.type == json::Type::String) {
            out.record.timestampType =
                v.string == "logappend" ? TimestampType::LogAppendTime : TimestampType::CreateTime;
        } else if (m.name == "key" || m.name == "payload") {
            std::optional<QByteArray> b;
            if (v.type == json::Type::String)
                b = nonNull(v.string);
            else if (v.type != json::Type::Null)
                b = nonNull(v.raw.toByteArray()); // kcat -J with -D/JSON payloads embeds them
            (m.name == "key" ? out.record.key : out.record.value) = std::move(b);
        } else if (m.name == "headers") {
            auto h = decodeKcatHeaders(v);
            if (!h) return h.error();
            out.record.headers = std::move(h.value());
        }
    }
    if (out.record.topic.isEmpty()) return lineError(QStringLiteral("missing \"topic\""));
    return out;
}

} // namespace

Result<void> parseEnvelopeInto(QByteArrayView line, QByteArrayView defaultTopic, QByteArray& arena,
                               EnvelopeSlices& out)
{
    const qsizetype mark = arena.size();
    auto fail = [&](Error e) -> Result<void> {
        arena.truncate(mark);
        return e;
    };
    out = EnvelopeSlices{};
    out.keyAt = out.valueAt = out.headersAt = mark;
    // kcat writes binary bytes raw inside its strings, so parse leniently when it is kcat.
    const bool looksKcat = contains(line, "\"payload\"") && contains(line, "\"tstype\"");
    thread_local std::vector<json::Member> members;
    if (auto r = json::parseObjectInto(line, members, looksKcat); !r) return r.error();
    for (const json::Member& m : members)
        if (m.name == "payload") {
            auto k = parseKcat(members, QString::fromUtf8(defaultTopic));
            if (!k) return k.error();
            const ProducerRecord& r = k->record;
            out.fromKcat = true;
            out.topic = r.topic.toUtf8();
            out.partition = r.partition;
            out.hasPartition = k->hasPartition;
            out.offset = r.offset;
            out.timestamp = r.timestamp;
            out.hasTimestamp = k->hasTimestamp;
            out.timestampType = r.timestampType;
            out.keyNull = !r.key;
            if (r.key) arena.append(*r.key);
            out.keyLen = arena.size() - out.keyAt;
            out.valueAt = arena.size();
            out.valueNull = !r.value;
            if (r.value) arena.append(*r.value);
            out.valueLen = arena.size() - out.valueAt;
            out.headersAt = arena.size();
            appendEncodedHeaders(arena, r.headers);
            out.headersLen = arena.size() - out.headersAt;
            return {};
        }

    const json::Value* key = nullptr;
    const json::Value* value = nullptr;
    QByteArrayView keyEncoding, valueEncoding;
    for (const json::Member& m : members) {
        const json::Value& v = m.value;
        if (m.name == "topic") {
            if (v.type != json::Type::String || v.string.isEmpty())
                return fail(lineError(QStringLiteral("\"topic\" must be a non-empty string")));
            out.topic = v.string;
        } else if (m.name == "partition") {
            if (v.type == json::Type::Null) continue;
            qint64 p = 0;
            if (!json::toInt64(v, p) || p < 0 || p > 1'000'000)
                return fail(lineError(QStringLiteral("\"partition\" must be a non-negative integer")));
            out.partition = static_cast<PartitionId>(p);
            out.hasPartition = true;
        } else if (m.name == "offset") {
            if (v.type == json::Type::Null) continue;
            qint64 o = 0;
            if (!json::toInt64(v, o) || o < 0)
                return fail(lineError(QStringLiteral("\"offset\" must be a non-negative integer")));
            out.offset = o;
        } else if (m.name == "timestamp") {
            auto ts = decodeTimestamp(v);
            if (!ts) return fail(ts.error());
            out.timestamp = ts.value();
            out.hasTimestamp = true;
        } else if (m.name == "timestamp_type") {
            if (v.type != json::Type::String || (v.string != "create" && v.string != "log_append"))
                return fail(
                    lineError(QStringLiteral("\"timestamp_type\" must be \"create\" or \"log_append\"")));
            out.timestampType =
                v.string == "create" ? TimestampType::CreateTime : TimestampType::LogAppendTime;
        } else if (m.name == "key") {
            key = &v;
        } else if (m.name == "value") {
            value = &v;
        } else if (m.name == "key_encoding" || m.name == "value_encoding") {
            if (v.type != json::Type::String)
                return fail(
                    lineError(QStringLiteral("\"%1\" must be a string").arg(QString::fromUtf8(m.name))));
            (m.name == "key_encoding" ? keyEncoding : valueEncoding) = v.string;
        } else if (m.name == "headers") {
            // Only headers are written before the loop ends: a repeated member replaces them.
            arena.truncate(mark);
            if (auto h = headersInto(v, arena, out.headersAt, out.headersLen); !h) return fail(h.error());
        }
        // Unknown members are ignored so newer envelopes stay readable.
    }
    if (out.topic.isEmpty()) {
        if (defaultTopic.isEmpty())
            return fail(lineError(QStringLiteral("missing \"topic\" (give one in the line or with -t)")));
        out.topic = QByteArray::fromRawData(defaultTopic.data(), defaultTopic.size());
    }
    out.keyAt = arena.size();
    if (key) {
        if (auto k = payloadInto(*key, keyEncoding, "key", arena, out.keyNull, out.keyAt, out.keyLen); !k)
            return fail(k.error());
    }
    out.valueAt = arena.size();
    if (value) {
        if (auto v =
                payloadInto(*value, valueEncoding, "value", arena, out.valueNull, out.valueAt, out.valueLen);
            !v)
            return fail(v.error());
    }
    return {};
}

Result<EnvelopeRecord> parseEnvelopeLine(QByteArrayView line, const QString& defaultTopic)
{
    QByteArray arena;
    EnvelopeSlices s;
    const QByteArray fallback = defaultTopic.toUtf8();
    if (auto r = parseEnvelopeInto(line, fallback, arena, s); !r) return r.error();
    EnvelopeRecord out;
    out.hasPartition = s.hasPartition;
    out.hasTimestamp = s.hasTimestamp;
    out.fromKcat = s.fromKcat;
    ProducerRecord& rec = out.record;
    rec.topic = QString::fromUtf8(s.topic);
    rec.partition = s.partition;
    rec.offset = s.offset;
    rec.timestamp = s.timestamp;
    rec.timestampType = s.timestampType;
    if (!s.keyNull) rec.key = nonNull(arena.mid(s.keyAt, s.keyLen));
    if (!s.valueNull) rec.value = nonNull(arena.mid(s.valueAt, s.valueLen));
    if (s.headersLen > 0) {
        auto h = decodeHeaders(QByteArrayView(arena).sliced(s.headersAt, s.headersLen));
        if (!h) return h.error();
        rec.headers = std::move(h.value());
    }
    return out;
}

namespace {

bool isEmbeddableJson(QByteArrayView b)
{
    if (b.size() < 2) return false;
    const char first = b.front();
    const char last = b.back();
    if (!((first == '{' && last == '}') || (first == '[' && last == ']'))) return false;
    if (b.contains('\n') || b.contains('\r')) return false;
    return json::isValidJson(b);
}

void appendPayload(QByteArray& out, const char* field, bool isNull, QByteArrayView bytes)
{
    out.append('"').append(field).append("\":");
    if (isNull) {
        out.append("null");
        return;
    }
    if (isEmbeddableJson(bytes)) {
        out.append(bytes);
        return;
    }
    if (json::isValidUtf8(bytes)) {
        json::appendString(out, bytes);
        return;
    }
    out.append('"')
        .append(bytes.toByteArray().toBase64())
        .append("\",\"")
        .append(field)
        .append("_encoding\":\"base64\"");
}

void appendCommon(QByteArray& out, const QString& topic, PartitionId partition, Offset offset, TimestampMs ts,
                  TimestampType type)
{
    // Per record: no allocations (the topic's quoted form is kept while it repeats).
    thread_local QString lastTopic;
    thread_local QByteArray quotedTopic;
    if (quotedTopic.isEmpty() || topic != lastTopic) {
        lastTopic = topic;
        quotedTopic.clear();
        json::appendString(quotedTopic, topic.toUtf8());
    }
    auto number = [&out](qint64 v) {
        char buf[24];
        const auto end = std::to_chars(buf, buf + sizeof buf, v).ptr;
        out.append(buf, end - buf);
    };
    out.append("{\"topic\":").append(quotedTopic);
    out.append(",\"partition\":");
    number(partition);
    out.append(",\"offset\":");
    number(offset);
    out.append(",\"timestamp\":");
    number(ts);
    out.append(",\"timestamp_type\":")
        .append(type == TimestampType::CreateTime ? "\"create\"" : "\"log_append\"");
}

// Why a key or value that looked schema-encoded was left as stored (docs/envelope.md).
void appendDecodeErrors(QByteArray& out, const SchemaUse& key, const SchemaUse& value)
{
    for (const auto& [name, use] : {std::pair{"key_error", &key}, std::pair{"value_error", &value}}) {
        if (use->decoded || use->error.isEmpty()) continue;
        out.append(",\"").append(name).append("\":");
        json::appendString(out, use->error.toUtf8());
    }
}

void appendHeaders(QByteArray& out, const std::vector<HeaderView>& headers)
{
    if (headers.empty()) return;
    out.append(",\"headers\":[");
    bool first = true;
    for (const HeaderView& h : headers) {
        if (!first) out.append(',');
        first = false;
        out.append("{\"key\":");
        if (json::isValidUtf8(h.key)) {
            json::appendString(out, h.key);
        } else {
            out.append('"').append(h.key.toByteArray().toBase64()).append("\",\"key_encoding\":\"base64\"");
        }
        out.append(',');
        if (h.valueNull) {
            out.append("\"value\":null");
        } else if (json::isValidUtf8(h.value)) {
            out.append("\"value\":");
            json::appendString(out, h.value);
        } else {
            out.append("\"value\":\"")
                .append(h.value.toByteArray().toBase64())
                .append("\",\"encoding\":\"base64\"");
        }
        out.append('}');
    }
    out.append(']');
}

void appendHeaders(QByteArray& out, const Headers& headers)
{
    std::vector<HeaderView> views;
    views.reserve(headers.size());
    for (const Header& h : headers)
        views.push_back({h.key, h.value ? QByteArrayView(*h.value) : QByteArrayView(), !h.value});
    appendHeaders(out, views);
}

} // namespace

Result<void> appendEnvelope(QByteArray& out, const QString& topic, const RecordView& r)
{
    thread_local std::vector<HeaderView> headers; // views into the record: no allocations
    headers.clear();
    if (!r.headersBlob.isEmpty()) {
        if (auto h = decodeHeaderViews(r.headersBlob, headers); !h)
            return makeError(h.error().code, QStringLiteral("%1-%2 offset %3: %4")
                                                 .arg(topic)
                                                 .arg(r.partition)
                                                 .arg(r.offset)
                                                 .arg(h.error().message));
    }
    appendCommon(out, topic, r.partition, r.offset, r.timestamp, r.timestampType);
    out.append(',');
    appendPayload(out, "key", r.keyNull, r.key);
    out.append(',');
    appendPayload(out, "value", r.valueNull, r.value);
    if (r.decoding) appendDecodeErrors(out, r.decoding->key, r.decoding->value);
    appendHeaders(out, headers);
    out.append('}');
    return {};
}

void appendEnvelope(QByteArray& out, const Record& r)
{
    appendCommon(out, r.topic, r.partition, r.offset, r.timestamp, r.timestampType);
    out.append(',');
    appendPayload(out, "key", !r.key, r.key ? QByteArrayView(*r.key) : QByteArrayView());
    out.append(',');
    appendPayload(out, "value", !r.value, r.value ? QByteArrayView(*r.value) : QByteArrayView());
    if (r.decoding) appendDecodeErrors(out, r.decoding->key, r.decoding->value);
    appendHeaders(out, r.headers);
    out.append('}');
}

} // namespace rw
