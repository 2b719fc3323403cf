#include "workspace_keep.h"

#include "schemas_topic.h"
#include "source_registry.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>

namespace rw {

Result<KeptSchemas> keepSchemas(WorkspaceStore& store, const std::set<qint32>& ids,
                                const RegistryConfig& registry)
{
    SchemaRegistryClient client(registry);
    return keepSchemas(store, ids, [&](qint32 id) { return client.fetch(id); });
}

Result<KeptSchemas> keepSchemas(WorkspaceStore& store, const std::set<qint32>& ids,
                                const std::function<Result<RegistrySchema>(qint32 id)>& fetch)
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
        auto s = fetch(id);
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

namespace {
const QString kSchemaFilesMeta = QStringLiteral("schema_files");
} // namespace

Result<std::vector<SchemaFile>> keptSchemaFiles(WorkspaceStore& store, const QString& workspacePath)
{
    auto text = store.meta(kSchemaFilesMeta);
    if (!text) return text.error();
    std::vector<SchemaFile> out;
    if (!text.value()) return out;
    QJsonParseError e{};
    const QJsonDocument d = QJsonDocument::fromJson(text.value()->toUtf8(), &e);
    if (!d.isObject())
        return makeError(
            ErrorCode::Parse,
            QStringLiteral("the workspace's schema file list is not a JSON object: %1").arg(e.errorString()));
    const QDir base = QFileInfo(workspacePath).absoluteDir();
    const QJsonObject o = d.object();
    for (auto it = o.begin(); it != o.end(); ++it) {
        auto f = SchemaFile::parse(it.key() + QLatin1Char('=') + it.value().toString());
        if (!f) return f.error();
        if (QFileInfo(f->path).isRelative()) f->path = QDir::cleanPath(base.filePath(f->path));
        out.push_back(f.value());
    }
    return out;
}

Result<void> keepSchemaFiles(WorkspaceStore& store, const QString& workspacePath,
                             const std::vector<SchemaFile>& files)
{
    const QDir base = QFileInfo(workspacePath).absoluteDir();
    QJsonObject o;
    for (const SchemaFile& f : files) {
        if (f.topic.isEmpty() || f.path.isEmpty())
            return makeError(ErrorCode::InvalidArgument,
                             QStringLiteral("a schema file needs a topic and a path"));
        QString path = QFileInfo(f.path).absoluteFilePath();
        const QString relative = base.relativeFilePath(path);
        if (!relative.startsWith(QLatin1String("../"))) path = relative;
        o[f.topic] = f.messageType.isEmpty() ? path : path + QLatin1Char('#') + f.messageType;
    }
    return store.setMeta(kSchemaFilesMeta,
                         QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact)));
}

Result<MaskPolicy> keptMaskPolicy(WorkspaceStore& store)
{
    auto text = store.meta(QStringLiteral("mask_policy"));
    if (!text) return text.error();
    if (!text.value()) return MaskPolicy{};
    return MaskPolicy::fromJson(text.value()->toUtf8());
}

Result<void> keepMaskPolicy(WorkspaceStore& store, const MaskPolicy& policy)
{
    return store.setMeta(QStringLiteral("mask_policy"), QString::fromUtf8(policy.toJson()));
}

} // namespace rw
