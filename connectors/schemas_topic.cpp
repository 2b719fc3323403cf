#include "schemas_topic.h"

#include "record_source.h"
#include "workspace_store.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <map>

namespace rw {

namespace {

constexpr qint64 kMaxRecordBytes = 8 << 20; // a schema record larger than this is skipped

struct Stored {
    qint32 id = -1;
    SchemaFormat format = SchemaFormat::Avro;
    QByteArray text;
    QJsonArray references;
    bool deleted = false;
};

std::optional<SchemaFormat> formatOf(const QJsonValue& type)
{
    const QString t = type.toString(QStringLiteral("AVRO")).toUpper();
    if (t == QLatin1String("AVRO")) return SchemaFormat::Avro;
    if (t == QLatin1String("PROTOBUF")) return SchemaFormat::Protobuf;
    if (t == QLatin1String("JSON")) return SchemaFormat::Json;
    return std::nullopt;
}

} // namespace

Result<SchemasTopic> readSchemasTopic(RecordSource& source)
{
    SchemasTopic out;
    auto has = source.hasTopic(kSchemasTopic); // never a metadata request for a topic that is not there
    if (!has) return has.error();
    if (!has.value()) return out;
    auto topic = source.topic(kSchemasTopic);
    if (!topic) return topic.error();
    std::map<std::pair<QString, int>, Stored> bySubject; // the latest record per key wins
    auto skip = [&](const QString& why, Offset offset) {
        ++out.skipped;
        if (out.problems.size() < 5)
            out.problems << QStringLiteral("%1 offset %2: %3").arg(kSchemasTopic).arg(offset).arg(why);
    };
    for (const PartitionInfo& p : topic->partitions) {
        auto n = source.scan(kSchemasTopic, p.partition, p.low, p.high, [&](const RecordView& v) {
            const QByteArrayView keyBytes = v.decoding ? v.decoding->rawKey : v.key;
            const QByteArrayView valueBytes =
                v.decoding && v.decoding->value.decoded ? v.decoding->rawValue : v.value;
            if (v.keyNull || keyBytes.size() > kMaxRecordBytes || valueBytes.size() > kMaxRecordBytes) {
                skip(QStringLiteral("no key, or too large"), v.offset);
                return true;
            }
            const QJsonObject key = QJsonDocument::fromJson(keyBytes.toByteArray()).object();
            if (key.value(QLatin1String("keytype")).toString() != QLatin1String("SCHEMA"))
                return true; // CONFIG, NOOP, …
            const std::pair<QString, int> at{key.value(QLatin1String("subject")).toString(),
                                             key.value(QLatin1String("version")).toInt(-1)};
            if (v.valueNull) { // a tombstone: the schema was deleted for good
                bySubject.erase(at);
                return true;
            }
            const QJsonObject value = QJsonDocument::fromJson(valueBytes.toByteArray()).object();
            const auto format = formatOf(value.value(QLatin1String("schemaType")));
            Stored s;
            s.id = value.value(QLatin1String("id")).toInt(-1);
            if (!format || s.id < 0 || !value.value(QLatin1String("schema")).isString() ||
                at.first.isEmpty()) {
                skip(QStringLiteral("not a schema record"), v.offset);
                return true;
            }
            s.format = *format;
            s.text = value.value(QLatin1String("schema")).toString().toUtf8();
            s.references = value.value(QLatin1String("references")).toArray();
            s.deleted =
                value.value(QLatin1String("deleted")).toBool(); // soft delete: old records still name it
            bySubject[at] = std::move(s);
            return true;
        });
        if (!n) return n.error();
    }
    for (const auto& [at, s] : bySubject) {
        RegistrySchema r;
        r.ref.id = s.id;
        r.ref.format = s.format;
        r.ref.subject = at.first;
        r.ref.version = at.second;
        r.text = s.text;
        QSet<QString> seen;
        bool ok = true;
        std::function<void(const QJsonArray&, int)> resolve = [&](const QJsonArray& refs, int depth) {
            for (const QJsonValue& ref : refs) {
                const QJsonObject o = ref.toObject();
                const std::pair<QString, int> target{o.value(QLatin1String("subject")).toString(),
                                                     o.value(QLatin1String("version")).toInt(-1)};
                const QString key = target.first + QLatin1Char('/') + QString::number(target.second);
                if (seen.contains(key)) continue;
                seen.insert(key);
                auto it = bySubject.find(target);
                if (it == bySubject.end() || depth > 32) {
                    ok = false;
                    return;
                }
                resolve(it->second.references, depth + 1);
                r.references.push_back({o.value(QLatin1String("name")).toString(), target.first,
                                        target.second, it->second.id, it->second.text});
            }
        };
        resolve(s.references, 0);
        if (!ok) {
            skip(QStringLiteral("schema id %1 references a schema the topic does not hold").arg(s.id), -1);
            continue;
        }
        // Several subjects may hold one id (the same schema): the first one found names it.
        if (!out.byId.contains(s.id)) out.byId.insert(s.id, std::move(r));
    }
    return out;
}

std::pair<QByteArray, QByteArray> schemasTopicRecord(const RegistrySchema& schema)
{
    QJsonObject key{{QStringLiteral("keytype"), QStringLiteral("SCHEMA")},
                    {QStringLiteral("subject"), schema.ref.subject},
                    {QStringLiteral("version"), schema.ref.version},
                    {QStringLiteral("magic"), 1}};
    QJsonArray refs;
    for (const SchemaReference& r : schema.references)
        refs.append(QJsonObject{{QStringLiteral("name"), r.name},
                                {QStringLiteral("subject"), r.subject},
                                {QStringLiteral("version"), r.version}});
    QJsonObject value{{QStringLiteral("subject"), schema.ref.subject},
                      {QStringLiteral("version"), schema.ref.version},
                      {QStringLiteral("id"), schema.ref.id},
                      {QStringLiteral("schema"), QString::fromUtf8(schema.text)},
                      {QStringLiteral("deleted"), false}};
    if (schema.ref.format == SchemaFormat::Protobuf)
        value.insert(QStringLiteral("schemaType"), QStringLiteral("PROTOBUF"));
    if (schema.ref.format == SchemaFormat::Json)
        value.insert(QStringLiteral("schemaType"), QStringLiteral("JSON"));
    if (!refs.isEmpty()) value.insert(QStringLiteral("references"), refs);
    return {QJsonDocument(key).toJson(QJsonDocument::Compact),
            QJsonDocument(value).toJson(QJsonDocument::Compact)};
}

Result<std::vector<SchemaRun>> schemaRuns(RecordSource& source, const QString& topic,
                                          const std::atomic_bool* cancel)
{
    auto t = source.topic(topic);
    if (!t) return t.error();
    std::vector<SchemaRun> out;
    for (const PartitionInfo& p : t->partitions) {
        std::optional<SchemaRun> run;
        auto r = source.scan(
            topic, p.partition, p.low, p.high,
            [&](const RecordView& v) {
                qint32 id = -1;
                if (v.decoding && v.decoding->value.schemaId >= 0)
                    id = v.decoding->value.schemaId;
                else if (auto h = parseWireHeader(v.valueNull ? QByteArrayView() : v.value))
                    id = h->id; // a source that does not decode: the id alone
                if (!run || run->schema.schemaId != id) {
                    if (run) out.push_back(*run);
                    run = SchemaRun{p.partition, v.offset, v.offset, v.timestamp, v.timestamp, 0, {}};
                    if (v.decoding && v.decoding->value.schemaId == id) run->schema = v.decoding->value;
                    run->schema.schemaId = id;
                    run->schema.error.clear();
                }
                run->last = v.offset;
                run->lastTime = v.timestamp;
                ++run->records;
                return true;
            },
            -1, cancel);
        if (!r) return r.error();
        if (run) out.push_back(*run);
    }
    return out;
}

Result<KeptSchemas> keepSchemas(WorkspaceStore& store, const std::set<qint32>& ids,
                                const RegistryConfig& registry)
{
    KeptSchemas out;
    std::set<std::pair<QString, int>> held; // subject and version already in the topic
    QSet<qint32> heldIds;
    if (store.topic(kSchemasTopic)) {
        auto source = workspaceSourceOver(store);
        auto have = readSchemasTopic(*source);
        if (!have) return have.error();
        for (auto it = have->byId.begin(); it != have->byId.end(); ++it) {
            heldIds.insert(it.key());
            held.insert({it->ref.subject, it->ref.version});
            for (const SchemaReference& r : it->references)
                held.insert({r.subject, r.version});
        }
    } else if (auto r = store.createTopic(kSchemasTopic, 1); !r) {
        return r.error();
    }
    SchemaRegistryClient client(registry);
    std::vector<ProducerRecord> records;
    auto add = [&](const RegistrySchema& s) {
        if (held.count({s.ref.subject, s.ref.version})) return;
        held.insert({s.ref.subject, s.ref.version});
        const auto [key, value] = schemasTopicRecord(s);
        ProducerRecord r;
        r.topic = kSchemasTopic;
        r.timestamp = QDateTime::currentMSecsSinceEpoch();
        r.key = key;
        r.value = value;
        records.push_back(std::move(r));
    };
    for (qint32 id : ids) {
        if (heldIds.contains(id)) continue;
        auto s = client.fetch(id);
        if (!s) {
            out.problems << QStringLiteral("schema id %1: %2").arg(id).arg(s.error().message);
            continue;
        }
        if (s->ref.subject.isEmpty()) { // the registry does not say where it is: file it under its id
            s->ref.subject = QStringLiteral("id-%1").arg(id);
            s->ref.version = 1;
        }
        for (const SchemaReference& ref : s->references) { // references first, as records of their own
            RegistrySchema r;
            r.ref.id = ref.id;
            r.ref.format = s->ref.format;
            r.ref.subject = ref.subject;
            r.ref.version = ref.version;
            r.text = ref.text;
            add(r);
        }
        add(s.value());
        ++out.kept;
    }
    if (!records.empty())
        if (auto r = store.append(records); !r) return r.error();
    return out;
}

} // namespace rw
