#include "source_registry.h"

#include "decoding_source.h"
#include "schemas_topic.h"
#include "source_kinds.h"
#include "sqlite_util.h"
#include "workspace_keep.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFileInfo>
#include <QStandardPaths>

#include <algorithm>

namespace rw {

// ---- The kinds of source: decided here, and nowhere else.

SourceKind sourceKindOf(const SourceSpec& spec)
{
    if (spec.kafka) return SourceKind::Cluster;
    const QFileInfo fi(spec.path);
    if (fi.isDir()) return SourceKind::DataDirectory;
    if (!fi.isFile() || !fi.fileName().endsWith(QLatin1String(".log"))) return SourceKind::Workspace;
    // A workspace file that happens to be called *.log stays a workspace. Read through SQLite: the
    // file may be a workspace this process holds (sqlite_util.h, readFileHead).
    auto head = sql::readFileHead(spec.path, 16);
    return head && head->bytes == QByteArray("SQLite format 3\0", 16) ? SourceKind::Workspace
                                                                      : SourceKind::DataDirectory;
}

QString workspaceFileOf(const SourceSpec& spec)
{
    return sourceKindOf(spec) == SourceKind::Workspace ? spec.path : QString();
}

QString caseHomeFor(const SourceSpec& spec, const QString& casesDir)
{
    const QFileInfo own(workspaceFileOf(spec)); // a workspace keeps its cases itself
    if (own.isFile() && own.isWritable()) return own.absoluteFilePath();
    // A file name people can recognise, and a hash so two sources never share one.
    const QString key = spec.key(); // Case::source: a path, or "kafka:<profile>"
    QString readable = spec.shortName();
    for (QChar& c : readable)
        if (!c.isLetterOrNumber() && c != u'-' && c != u'_' && c != u'.') c = u'_';
    const QByteArray hash = QCryptographicHash::hash(key.toUtf8(), QCryptographicHash::Sha1).toHex().left(8);
    return QDir(casesDir).filePath(readable.left(60) + u'-' + QString::fromLatin1(hash) +
                                   QStringLiteral(".cases.rewind"));
}

QString appCasesDir()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + QStringLiteral("/cases");
}

QString windowCasesDir()
{
    return QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation) +
           QStringLiteral("/Rewind/Rewind/cases");
}

bool isSharedSource(const SourceSpec& spec)
{
    return sourceKindOf(spec) == SourceKind::Cluster;
}

std::unique_ptr<RecordSource> withDecoding(std::unique_ptr<RecordSource> source,
                                           const std::optional<RegistryConfig>& registry,
                                           const std::vector<SchemaFile>& files)
{
    // Decoding where schemas can be had: a registry, or the source's own schemas topic (a broker's
    // copy holds the registry's; a captured workspace keeps the schemas its records use).
    const auto schemasTopic = registry ? Result<bool>(false) : source->hasTopic(kSchemasTopic);
    if (registry || !files.empty() || (schemasTopic.ok() && schemasTopic.value()))
        return decodingSource(std::move(source), std::make_shared<SchemaCatalog>(registry, files));
    return source;
}

namespace {
// The workspace's own schema files, for topics the caller did not map itself. A list that cannot
// be read leaves the records as stored (`rewind-cli schemas --files` says why).
void addKeptSchemaFiles(WorkspaceStore& store, const QString& path, std::vector<SchemaFile>& files)
{
    if (auto kept = keptSchemaFiles(store, path))
        for (const SchemaFile& f : kept.value())
            if (std::none_of(files.begin(), files.end(),
                             [&](const SchemaFile& g) { return g.topic == f.topic; }))
                files.push_back(f);
}
} // namespace

Result<std::shared_ptr<RecordSource>> openRecordSource(const SourceSpec& spec, const std::atomic_bool* cancel)
{
    const SourceKind kind = sourceKindOf(spec);
    auto source = kind == SourceKind::Cluster         ? openClusterSource(spec, cancel)
                  : kind == SourceKind::DataDirectory ? openDataDirSource(spec)
                                                      : openWorkspaceSource(spec);
    if (!source) return source.error();
    std::vector<SchemaFile> files = spec.schemaFiles;
    if (kind == SourceKind::Workspace)
        if (auto store = WorkspaceStore::open(spec.path, WorkspaceStore::Mode::ReadOnly))
            addKeptSchemaFiles(*store.value(), spec.path, files);
    return std::shared_ptr<RecordSource>(withDecoding(std::move(source.value()), spec.schemaRegistry, files));
}

std::unique_ptr<RecordSource> workspaceSourceOver(WorkspaceStore& store, const SourceSpec& spec)
{
    std::vector<SchemaFile> files = spec.schemaFiles;
    addKeptSchemaFiles(store, spec.path, files);
    return withDecoding(workspaceSourceOver(store), spec.schemaRegistry, files);
}

} // namespace rw
