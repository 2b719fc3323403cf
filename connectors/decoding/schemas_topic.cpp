#include "schemas_topic.h"

#include "json.h"
#include "record_source.h"
#include "text_diff.h"

#include <QDateTime>
#include <QDir>
#include <QFileInfo>
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
                                          std::optional<std::pair<TimestampMs, TimestampMs>> range,
                                          const std::atomic_bool* cancel)
{
    auto t = source.topic(topic);
    if (!t) return t.error();
    RecordSource& stored = source.stored();
    std::vector<SchemaRun> out;
    for (const PartitionInfo& p : t->partitions) {
        Offset from = p.low, to = p.high;
        if (range) {
            auto first = stored.offsetForTime(topic, p.partition, range->first);
            if (!first) return first.error();
            if (!first.value()) continue; // nothing that late
            from = *first.value();
            auto last = stored.endOffsetBefore(topic, p.partition, range->second);
            if (!last) return last.error();
            to = std::min(to, last.value());
        }
        std::optional<SchemaRun> run;
        auto r = stored.scan(
            topic, p.partition, from, to,
            [&](const RecordView& v) {
                if (range && (v.timestamp < range->first || v.timestamp >= range->second)) return true;
                const auto h = parseWireHeader(v.valueNull ? QByteArrayView() : v.value);
                const qint32 id = h ? h->id : -1;
                if (!run || run->schema.schemaId != id) {
                    if (run) out.push_back(*run);
                    run = SchemaRun{p.partition, v.offset, v.offset, v.timestamp, v.timestamp, 0, {}};
                    run->schema.schemaId = id;
                }
                run->last = v.offset;
                run->lastTime = v.timestamp;
                ++run->records;
                return true;
            },
            -1, cancel);
        if (!r) return r.error();
        if (cancel && cancel->load()) return makeError(ErrorCode::Cancelled, QStringLiteral("cancelled"));
        if (run) out.push_back(*run);
    }
    // What each schema is, asked once per id of the source that decodes.
    QHash<qint32, SchemaUse> known;
    for (SchemaRun& run : out) {
        if (run.schema.schemaId < 0) continue;
        auto it = known.find(run.schema.schemaId);
        if (it == known.end()) {
            SchemaUse use;
            use.schemaId = run.schema.schemaId;
            if (auto s = source.schema(use.schemaId)) {
                use.decoded = true;
                use.format = schemaFormatName(s->ref.format);
                use.subject = s->ref.subject;
                use.version = s->ref.version;
            } else {
                use.error = s.error().message;
            }
            it = known.insert(use.schemaId, use);
        }
        run.schema = it.value();
    }
    return out;
}

std::vector<SchemaChange> schemaChanges(const std::vector<SchemaRun>& runs)
{
    std::map<std::pair<qint32, qint32>, SchemaChange> byPair;
    for (size_t i = 1; i < runs.size(); ++i) {
        const SchemaRun &a = runs[i - 1], &b = runs[i];
        if (a.partition != b.partition) continue;
        const auto key = std::make_pair(a.schema.schemaId, b.schema.schemaId);
        auto it = byPair.find(key);
        if (it == byPair.end()) {
            byPair.emplace(key, SchemaChange{b.firstTime, b.partition, b.first, a.schema, b.schema, 1});
            continue;
        }
        ++it->second.partitions;
        if (b.firstTime < it->second.time) {
            it->second.time = b.firstTime;
            it->second.partition = b.partition;
            it->second.offset = b.first;
        }
    }
    std::vector<SchemaChange> out;
    for (auto& [key, change] : byPair)
        out.push_back(change);
    std::sort(out.begin(), out.end(),
              [](const SchemaChange& x, const SchemaChange& y) { return x.time < y.time; });
    return out;
}

QString schemaLabel(const SchemaUse& use)
{
    if (use.schemaId < 0) return QStringLiteral("not schema-encoded");
    if (use.subject.isEmpty()) return QStringLiteral("id %1").arg(use.schemaId);
    return QStringLiteral("%1 v%2 (id %3)").arg(use.subject).arg(use.version).arg(use.schemaId);
}

QString schemaDisplayText(const RegistrySchema& schema)
{
    if (schema.ref.format != SchemaFormat::Protobuf && json::isValidJson(schema.text))
        return QString::fromUtf8(json::pretty(schema.text, 2)); // the writer's key order kept
    return QString::fromUtf8(schema.text);
}

QString schemaDiff(const RegistrySchema& before, const RegistrySchema& after, int context)
{
    auto name = [](const RegistrySchema& s) {
        return s.ref.subject.isEmpty() ? QStringLiteral("id %1").arg(s.ref.id)
                                       : QStringLiteral("%1 version %2 (id %3)")
                                             .arg(s.ref.subject)
                                             .arg(s.ref.version)
                                             .arg(s.ref.id);
    };
    return unifiedDiff(schemaDisplayText(before), schemaDisplayText(after), name(before), name(after),
                       context);
}

} // namespace rw
