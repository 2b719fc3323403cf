#include "schema_encode.h"

#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QStringList>

#include <cmath>

namespace rw {

namespace {

// What a JSON Schema says about a value, checked as far as it describes it: type, required and
// unknown members (additionalProperties: false), enum, items, minimum/maximum, string lengths.
// The first problem, with its path; local $refs are followed.
class JsonChecker {
public:
    explicit JsonChecker(const QJsonObject& root) : m_root(root) {}

    QString check(const QJsonValue& v, const QJsonObject& schema, const QString& where, int depth = 0) const
    {
        if (depth > 64) return {};
        const QJsonObject s = resolve(schema);
        const QString at = where.isEmpty() ? QStringLiteral("(the value)") : where;
        if (s.contains(QLatin1String("type"))) {
            QStringList types;
            const QJsonValue t = s.value(QLatin1String("type"));
            if (t.isArray())
                for (const QJsonValue& x : t.toArray())
                    types << x.toString();
            else
                types << t.toString();
            bool fits = false;
            for (const QString& type : types)
                fits = fits || typeFits(v, type);
            if (!fits) return QStringLiteral("%1: expected %2").arg(at, types.join(QStringLiteral(" or ")));
        }
        if (s.contains(QLatin1String("enum")) && !s.value(QLatin1String("enum")).toArray().contains(v))
            return QStringLiteral("%1: not one of the values the schema allows").arg(at);
        if (v.isDouble()) {
            if (s.contains(QLatin1String("minimum")) &&
                v.toDouble() < s.value(QLatin1String("minimum")).toDouble())
                return QStringLiteral("%1: below the minimum %2")
                    .arg(at)
                    .arg(s.value(QLatin1String("minimum")).toDouble());
            if (s.contains(QLatin1String("maximum")) &&
                v.toDouble() > s.value(QLatin1String("maximum")).toDouble())
                return QStringLiteral("%1: above the maximum %2")
                    .arg(at)
                    .arg(s.value(QLatin1String("maximum")).toDouble());
        }
        if (v.isString()) {
            const qsizetype n = v.toString().size();
            if (s.contains(QLatin1String("minLength")) && n < s.value(QLatin1String("minLength")).toInt())
                return QStringLiteral("%1: shorter than %2 characters")
                    .arg(at)
                    .arg(s.value(QLatin1String("minLength")).toInt());
            if (s.contains(QLatin1String("maxLength")) && n > s.value(QLatin1String("maxLength")).toInt())
                return QStringLiteral("%1: longer than %2 characters")
                    .arg(at)
                    .arg(s.value(QLatin1String("maxLength")).toInt());
        }
        if (v.isObject()) {
            const QJsonObject o = v.toObject();
            const QJsonObject props = s.value(QLatin1String("properties")).toObject();
            for (const QJsonValue& r : s.value(QLatin1String("required")).toArray())
                if (!o.contains(r.toString()))
                    return QStringLiteral("%1: required, missing").arg(join(where, r.toString()));
            for (auto it = o.begin(); it != o.end(); ++it) {
                const QString path = join(where, it.key());
                if (props.contains(it.key())) {
                    if (QString e = check(it.value(), props.value(it.key()).toObject(), path, depth + 1);
                        !e.isEmpty())
                        return e;
                } else if (s.value(QLatin1String("additionalProperties")) == QJsonValue(false)) {
                    return QStringLiteral("%1: the schema allows no such member").arg(path);
                } else if (s.value(QLatin1String("additionalProperties")).isObject()) {
                    if (QString e =
                            check(it.value(), s.value(QLatin1String("additionalProperties")).toObject(), path,
                                  depth + 1);
                        !e.isEmpty())
                        return e;
                }
            }
        }
        if (v.isArray() && s.value(QLatin1String("items")).isObject()) {
            const QJsonArray a = v.toArray();
            for (qsizetype i = 0; i < a.size(); ++i)
                if (QString e = check(a[i], s.value(QLatin1String("items")).toObject(),
                                      QStringLiteral("%1[%2]").arg(where).arg(i), depth + 1);
                    !e.isEmpty())
                    return e;
        }
        return {};
    }

private:
    static QString join(const QString& where, const QString& name)
    {
        return where.isEmpty() ? name : where + QLatin1Char('.') + name;
    }
    static bool typeFits(const QJsonValue& v, const QString& type)
    {
        if (type == QLatin1String("object")) return v.isObject();
        if (type == QLatin1String("array")) return v.isArray();
        if (type == QLatin1String("string")) return v.isString();
        if (type == QLatin1String("number")) return v.isDouble();
        if (type == QLatin1String("integer")) return v.isDouble() && std::floor(v.toDouble()) == v.toDouble();
        if (type == QLatin1String("boolean")) return v.isBool();
        if (type == QLatin1String("null")) return v.isNull();
        return true; // a type this checker does not know: not held against the value
    }
    QJsonObject resolve(QJsonObject s) const
    {
        for (int hops = 0; hops < 16 && s.contains(QLatin1String("$ref")); ++hops) {
            const QString ref = s.value(QLatin1String("$ref")).toString();
            if (!ref.startsWith(QLatin1String("#/"))) return {};
            QJsonValue at = m_root;
            for (const QString& part : ref.mid(2).split(QLatin1Char('/')))
                at = at.toObject().value(part);
            s = at.toObject();
        }
        return s;
    }
    const QJsonObject& m_root;
};

void appendHeader(QByteArray& out, qint32 id)
{
    out += '\0';
    for (int shift = 24; shift >= 0; shift -= 8)
        out += static_cast<char>((static_cast<quint32>(id) >> shift) & 0xff);
}

// Where the message starts after Protobuf message indexes (a zigzag varint count, then that many
// zigzag varints; a single 0 is the first message): -1 when they do not parse.
qsizetype afterMessageIndexes(QByteArrayView b)
{
    qsizetype at = 0;
    auto varint = [&](quint64& v) {
        v = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            if (at >= b.size()) return false;
            const auto byte = static_cast<quint8>(b[at++]);
            v |= quint64(byte & 0x7f) << shift;
            if (!(byte & 0x80)) return true;
        }
        return false;
    };
    quint64 count = 0;
    if (!varint(count)) return -1;
    count = (count >> 1) ^ (~(count & 1) + 1); // zigzag
    for (quint64 i = 0; i < count; ++i) {
        quint64 ignored = 0;
        if (!varint(ignored)) return -1;
    }
    return at;
}

} // namespace

Result<ValueEncoder> ValueEncoder::fromFile(const QString& path, const QString& messageType)
{
    auto compiled = compileSchemaFile(path);
    if (!compiled) return compiled.error();
    ValueEncoder e;
    e.m_bare = true;
    e.m_messageType = messageType;
    e.m_avro = compiled->avro;
    e.m_protobuf = compiled->protobuf;
    e.m_schema.ref.format = compiled->format;
    e.m_schema.ref.subject = QFileInfo(path).fileName();
    return e;
}

Result<RegistrySchema> subjectSchema(const RegistryConfig& registry, const QString& subject, int version)
{
    SchemaRegistryClient client(registry);
    auto id = client.subjectVersionId(subject, version);
    if (!id) return id.error();
    auto s = client.fetch(id.value());
    if (!s) return s.error();
    s->ref.subject = subject;
    return s;
}

Result<ValueEncoder> ValueEncoder::fromRegistry(const RegistryConfig& registry, const QString& subject,
                                                int version, const QString& messageType)
{
    auto s = subjectSchema(registry, subject, version);
    if (!s) return s.error();
    return fromSchema(s.value(), messageType);
}

Result<ValueEncoder> ValueEncoder::fromSchema(const RegistrySchema& schema, const QString& messageType)
{
    ValueEncoder e;
    e.m_schema = schema;
    e.m_messageType = messageType;
    switch (schema.ref.format) {
    case SchemaFormat::Avro: {
        std::vector<QByteArray> refs;
        for (const SchemaReference& r : schema.references)
            refs.push_back(r.text);
        auto c = avro::Schema::parse(schema.text, refs);
        if (!c) return c.error();
        e.m_avro = c.value();
        break;
    }
    case SchemaFormat::Protobuf: {
        std::vector<protobuf::SourceFile> imports;
        for (const SchemaReference& r : schema.references)
            imports.push_back({r.name, r.text});
        auto c = protobuf::Schema::parse(schema.text, imports);
        if (!c) return c.error();
        e.m_protobuf = c.value();
        break;
    }
    case SchemaFormat::Json: {
        QJsonParseError err;
        const QJsonDocument doc = QJsonDocument::fromJson(schema.text, &err);
        if (err.error != QJsonParseError::NoError || !doc.isObject())
            return makeError(ErrorCode::Parse, QStringLiteral("the JSON Schema is not a JSON object"));
        e.m_json = doc.object();
        break;
    }
    }
    return e;
}

Result<QByteArray> ValueEncoder::encode(QByteArrayView json) const
{
    QByteArray out;
    if (m_bare) { // a schema file's topic: the payload alone, as SchemaCatalog decodes it
        if (m_avro) {
            if (auto r = m_avro->fromJson(json, out); !r) return r.error();
            return out;
        }
        if (auto r = m_protobuf->encodeFramed(json, m_messageType, out); !r) return r.error();
        const qsizetype at = afterMessageIndexes(out);
        if (at < 0) return makeError(ErrorCode::Internal, QStringLiteral("message indexes did not parse"));
        return out.mid(at);
    }
    appendHeader(out, m_schema.ref.id);
    if (m_avro) {
        if (auto r = m_avro->fromJson(json, out); !r) return r.error();
        return out;
    }
    if (m_protobuf) {
        if (auto r = m_protobuf->encodeFramed(json, m_messageType, out); !r) return r.error();
        return out;
    }
    QJsonParseError err;
    const QByteArray text = json.trimmed().toByteArray();
    const QJsonDocument doc = QJsonDocument::fromJson(QByteArray("[") + text + "]", &err);
    if (err.error != QJsonParseError::NoError || doc.array().size() != 1)
        return makeError(ErrorCode::Parse, QStringLiteral("the value is not JSON"));
    if (QString problem = JsonChecker(m_json).check(doc.array().first(), m_json, {}); !problem.isEmpty())
        return makeError(ErrorCode::Parse, problem);
    out += text; // as written: numbers keep every digit
    return out;
}

} // namespace rw
