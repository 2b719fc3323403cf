#include "envelope.h"

#include "header_codec.h"
#include "json.h"
#include "time_parse.h"

namespace rw {
namespace {

Error lineError(const QString& what)
{
    return makeError(ErrorCode::Parse, what);
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

// Decodes a key or value member given its optional "<field>_encoding".
Result<std::optional<QByteArray>> decodePayload(const json::Value& v, const QByteArray& encoding,
                                                const char* field)
{
    using json::Type;
    if (v.type == Type::Null) return std::optional<QByteArray>{};
    if (encoding.isEmpty()) {
        if (v.type == Type::String) return std::optional<QByteArray>{nonNull(v.string)};
        return std::optional<QByteArray>{nonNull(v.raw.toByteArray())};
    }
    if (encoding == "text" || encoding == "utf8") {
        if (v.type != Type::String)
            return lineError(
                QStringLiteral("\"%1\" with encoding text must be a string").arg(QLatin1String(field)));
        return std::optional<QByteArray>{nonNull(v.string)};
    }
    if (encoding == "base64") {
        if (v.type != Type::String)
            return lineError(
                QStringLiteral("\"%1\" with encoding base64 must be a string").arg(QLatin1String(field)));
        auto b = decodeBase64(v.string, field);
        if (!b) return b.error();
        return std::optional<QByteArray>{b.value()};
    }
    if (encoding == "json") return std::optional<QByteArray>{nonNull(v.raw.toByteArray())};
    return lineError(QStringLiteral("\"%1_encoding\": unknown encoding '%2' (expected json, text or base64)")
                         .arg(QLatin1String(field), QString::fromUtf8(encoding)));
}

Result<Headers> decodeRewindHeaders(const json::Value& v)
{
    Headers out;
    if (v.type == json::Type::Null) return out;
    if (v.type != json::Type::Array) return lineError(QStringLiteral("\"headers\" must be an array"));
    auto elems = json::parseArray(v.raw);
    if (!elems) return elems.error();
    for (const json::Value& e : elems.value()) {
        if (e.type != json::Type::Object)
            return lineError(QStringLiteral("each header must be an object {\"key\":…,\"value\":…}"));
        auto members = json::parseObject(e.raw);
        if (!members) return members.error();
        Header h;
        bool haveKey = false;
        const json::Value* value = nullptr;
        QByteArray encoding, keyEncoding;
        for (const json::Member& m : members.value()) {
            if (m.name == "key") {
                if (m.value.type != json::Type::String)
                    return lineError(QStringLiteral("header \"key\" must be a string"));
                h.key = nonNull(m.value.string);
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
        if (keyEncoding == "base64") {
            auto k = decodeBase64(h.key, "headers.key");
            if (!k) return k.error();
            h.key = k.value();
        } else if (!keyEncoding.isEmpty() && keyEncoding != "text") {
            return lineError(QStringLiteral("header \"key_encoding\" must be text or base64"));
        }
        if (value) {
            if (value->type != json::Type::Null && value->type != json::Type::String && encoding != "json")
                return lineError(QStringLiteral("header \"value\" must be a string or null"));
            auto p = decodePayload(*value, encoding, "headers.value");
            if (!p) return p.error();
            h.value = p.value();
        }
        out.push_back(std::move(h));
    }
    return out;
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

Result<EnvelopeRecord> parseEnvelopeLine(QByteArrayView line, const QString& defaultTopic)
{
    // kcat writes binary bytes raw inside its strings, so parse leniently when it is kcat.
    const bool looksKcat = line.contains("\"payload\"") && line.contains("\"tstype\"");
    auto parsed = json::parseObject(line, looksKcat);
    if (!parsed) return parsed.error();
    const auto& members = parsed.value();
    for (const json::Member& m : members)
        if (m.name == "payload") return parseKcat(members, defaultTopic);

    EnvelopeRecord out;
    out.record.topic = defaultTopic;
    const json::Value* key = nullptr;
    const json::Value* value = nullptr;
    QByteArray keyEncoding, valueEncoding;
    for (const json::Member& m : members) {
        const json::Value& v = m.value;
        if (m.name == "topic") {
            if (v.type != json::Type::String || v.string.isEmpty())
                return lineError(QStringLiteral("\"topic\" must be a non-empty string"));
            out.record.topic = QString::fromUtf8(v.string);
        } else if (m.name == "partition") {
            if (v.type == json::Type::Null) continue;
            qint64 p = 0;
            if (!json::toInt64(v, p) || p < 0 || p > 1'000'000)
                return lineError(QStringLiteral("\"partition\" must be a non-negative integer"));
            out.record.partition = static_cast<PartitionId>(p);
            out.hasPartition = true;
        } else if (m.name == "offset") {
            if (v.type == json::Type::Null) continue;
            qint64 o = 0;
            if (!json::toInt64(v, o) || o < 0)
                return lineError(QStringLiteral("\"offset\" must be a non-negative integer"));
            out.record.offset = o;
        } else if (m.name == "timestamp") {
            auto ts = decodeTimestamp(v);
            if (!ts) return ts.error();
            out.record.timestamp = ts.value();
            out.hasTimestamp = true;
        } else if (m.name == "timestamp_type") {
            if (v.type != json::Type::String || (v.string != "create" && v.string != "log_append"))
                return lineError(QStringLiteral("\"timestamp_type\" must be \"create\" or \"log_append\""));
            out.record.timestampType =
                v.string == "create" ? TimestampType::CreateTime : TimestampType::LogAppendTime;
        } else if (m.name == "key") {
            key = &v;
        } else if (m.name == "value") {
            value = &v;
        } else if (m.name == "key_encoding" || m.name == "value_encoding") {
            if (v.type != json::Type::String)
                return lineError(QStringLiteral("\"%1\" must be a string").arg(QString::fromUtf8(m.name)));
            (m.name == "key_encoding" ? keyEncoding : valueEncoding) = v.string;
        } else if (m.name == "headers") {
            auto h = decodeRewindHeaders(v);
            if (!h) return h.error();
            out.record.headers = std::move(h.value());
        }
        // Unknown members are ignored so newer envelopes stay readable.
    }
    if (out.record.topic.isEmpty())
        return lineError(QStringLiteral("missing \"topic\" (give one in the line or with -t)"));
    if (key) {
        auto k = decodePayload(*key, keyEncoding, "key");
        if (!k) return k.error();
        out.record.key = std::move(k.value());
    }
    if (value) {
        auto val = decodePayload(*value, valueEncoding, "value");
        if (!val) return val.error();
        out.record.value = std::move(val.value());
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
    out.append("{\"topic\":");
    json::appendString(out, topic.toUtf8());
    out.append(",\"partition\":").append(QByteArray::number(partition));
    out.append(",\"offset\":").append(QByteArray::number(offset));
    out.append(",\"timestamp\":").append(QByteArray::number(ts));
    out.append(",\"timestamp_type\":")
        .append(type == TimestampType::CreateTime ? "\"create\"" : "\"log_append\"");
}

void appendHeaders(QByteArray& out, const Headers& headers)
{
    if (headers.empty()) return;
    out.append(",\"headers\":[");
    bool first = true;
    for (const Header& h : headers) {
        if (!first) out.append(',');
        first = false;
        out.append("{\"key\":");
        if (json::isValidUtf8(h.key)) {
            json::appendString(out, h.key);
        } else {
            out.append('"').append(h.key.toBase64()).append("\",\"key_encoding\":\"base64\"");
        }
        out.append(',');
        if (!h.value) {
            out.append("\"value\":null");
        } else if (json::isValidUtf8(*h.value)) {
            out.append("\"value\":");
            json::appendString(out, *h.value);
        } else {
            out.append("\"value\":\"").append(h.value->toBase64()).append("\",\"encoding\":\"base64\"");
        }
        out.append('}');
    }
    out.append(']');
}

} // namespace

Result<void> appendEnvelope(QByteArray& out, const QString& topic, const RecordView& r)
{
    Headers headers;
    if (!r.headersBlob.isEmpty()) {
        auto h = decodeHeaders(r.headersBlob);
        if (!h)
            return makeError(h.error().code, QStringLiteral("%1-%2 offset %3: %4")
                                                 .arg(topic)
                                                 .arg(r.partition)
                                                 .arg(r.offset)
                                                 .arg(h.error().message));
        headers = std::move(h.value());
    }
    appendCommon(out, topic, r.partition, r.offset, r.timestamp, r.timestampType);
    out.append(',');
    appendPayload(out, "key", r.keyNull, r.key);
    out.append(',');
    appendPayload(out, "value", r.valueNull, r.value);
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
    appendHeaders(out, r.headers);
    out.append('}');
}

} // namespace rw
