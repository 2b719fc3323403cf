// rewind-cli schemas: where a topic's writer schema changes, partition by partition (post-mortems
// ask "since when do records carry the new schema?").
#include "cli_common.h"
#include "schemas_topic.h"
#include "workspace_keep.h"
#include "workspace_store.h"

#include <QDateTime>
#include <QFileInfo>

namespace rw::cli {

int cmdSchemas(const QStringList& args)
{
    QCommandLineParser p;
    p.addPositionalArgument(QStringLiteral("workspace"),
                            QStringLiteral("The workspace file, or a Kafka data directory (read-only)."));
    const QCommandLineOption topicOpt({QStringLiteral("t"), QStringLiteral("topic")},
                                      QStringLiteral("Topic (required)."), QStringLiteral("topic"));
    p.addOption(topicOpt);
    const QCommandLineOption diffOpt(
        QStringLiteral("diff"),
        QStringLiteral("After the runs, each change of writer schema with the difference between the "
                       "two schemas (a unified diff of their texts)."));
    p.addOption(diffOpt);
    const QCommandLineOption mapOpt(
        QStringLiteral("map"),
        QStringLiteral("Keep a schema file in the workspace for a topic whose values are not in the "
                       "wire format: .avsc, .proto or a descriptor set (repeatable). Every later "
                       "opening of the workspace decodes the topic with it."),
        QStringLiteral("topic=path[#Message]"));
    const QCommandLineOption unmapOpt(
        QStringLiteral("unmap"),
        QStringLiteral("Forget the workspace's schema file of a topic (repeatable)."),
        QStringLiteral("topic"));
    const QCommandLineOption filesOpt(QStringLiteral("files"),
                                      QStringLiteral("List the schema files the workspace keeps."));
    p.addOption(mapOpt);
    p.addOption(unmapOpt);
    p.addOption(filesOpt);
    addSchemaRegistryOptions(p);
    if (int rc = parseOrExit(
            p, args,
            QStringLiteral("The schemas a topic's values were written with, as runs of offsets per "
                           "partition: where the writer schema changed, and to what."));
        rc >= 0)
        return rc;
    const bool editing = p.isSet(mapOpt) || p.isSet(unmapOpt) || p.isSet(filesOpt);
    if (p.positionalArguments().size() != 1 || (!p.isSet(topicOpt) && !editing))
        return usage(QStringLiteral("schemas needs a workspace file and -t (or --map, --unmap, --files)"), p);
    if (editing) {
        const QString path = p.positionalArguments().first();
        const bool writes = p.isSet(mapOpt) || p.isSet(unmapOpt);
        auto store =
            openWorkspace(path, writes ? WorkspaceStore::Mode::ReadWrite : WorkspaceStore::Mode::ReadOnly);
        if (!store) return fail(store.error());
        auto kept = keptSchemaFiles(*store.value(), path);
        if (!kept) return fail(kept.error());
        std::vector<SchemaFile> files = kept.value();
        for (const QString& topic : p.values(unmapOpt))
            std::erase_if(files, [&](const SchemaFile& f) { return f.topic == topic; });
        for (const QString& text : p.values(mapOpt)) {
            auto f = SchemaFile::parse(text);
            if (!f) return usage(f.error().message, p);
            if (!QFileInfo(f->path).isFile())
                return fail(makeError(ErrorCode::NotFound, QStringLiteral("no schema file %1").arg(f->path)));
            // Checked now, so a typo is found here rather than as an error on every record.
            if (const QString problem = SchemaCatalog(std::nullopt, {f.value()}).fileProblem(f->topic);
                !problem.isEmpty())
                return fail(makeError(ErrorCode::Parse, problem));
            std::erase_if(files, [&](const SchemaFile& g) { return g.topic == f->topic; });
            files.push_back(f.value());
        }
        if (writes)
            if (auto r = keepSchemaFiles(*store.value(), path, files); !r) return fail(r.error());
        for (const SchemaFile& f : files)
            out() << f.topic << '=' << f.path
                  << (f.messageType.isEmpty() ? QString() : QLatin1Char('#') + f.messageType) << '\n';
        out().flush();
        if (!p.isSet(topicOpt)) return Ok;
    }
    auto files = schemaFilesFrom(p);
    if (!files) return usage(files.error().message, p);
    auto source = openSource(p.positionalArguments().first(), false, schemaRegistryFrom(p), files.value());
    if (!source) return fail(source.error());
    auto runs = schemaRuns(*source.value(), p.value(topicOpt));
    if (!runs) return fail(runs.error());
    std::vector<QStringList> rows{{QStringLiteral("PARTITION"), QStringLiteral("OFFSETS"),
                                   QStringLiteral("RECORDS"), QStringLiteral("FROM (UTC)"),
                                   QStringLiteral("TO (UTC)"), QStringLiteral("SCHEMA")}};
    auto time = [](TimestampMs t) {
        return QDateTime::fromMSecsSinceEpoch(t, Qt::UTC).toString(Qt::ISODateWithMs);
    };
    for (const SchemaRun& r : runs.value()) {
        QString schema = QStringLiteral("(not schema-encoded)");
        if (r.schema.schemaId >= 0) {
            schema = QStringLiteral("id %1").arg(r.schema.schemaId);
            if (!r.schema.format.isEmpty() && !r.schema.subject.isEmpty())
                schema += QStringLiteral(" · %1 %2 version %3")
                              .arg(r.schema.format, r.schema.subject)
                              .arg(r.schema.version);
            else if (!r.schema.error.isEmpty())
                schema += QStringLiteral(" (%1)").arg(r.schema.error);
        }
        rows.push_back({QString::number(r.partition), QStringLiteral("%1..%2").arg(r.first).arg(r.last),
                        QString::number(r.records), time(r.firstTime), time(r.lastTime), schema});
    }
    out() << formatTable(rows, {true, false, true, false, false, false});
    if (!p.isSet(diffOpt)) return reportDamage(Ok);
    int rc = Ok;
    for (const SchemaChange& c : schemaChanges(runs.value())) {
        out() << QStringLiteral("\n%1 → %2: first at %3 (partition %4, offset %5)%6\n")
                     .arg(schemaLabel(c.before), schemaLabel(c.after), time(c.time))
                     .arg(c.partition)
                     .arg(c.offset)
                     .arg(c.partitions > 1 ? QStringLiteral(", in %1 partitions").arg(c.partitions)
                                           : QString());
        if (c.before.schemaId < 0 || c.after.schemaId < 0) continue; // nothing to compare with
        auto before = source.value()->schema(c.before.schemaId);
        auto after = source.value()->schema(c.after.schemaId);
        if (!before || !after) {
            err() << QStringLiteral("cannot compare: %1\n")
                         .arg((before ? after.error() : before.error()).message);
            rc = Failure;
            continue;
        }
        const QString diff = schemaDiff(before.value(), after.value());
        out() << (diff.isEmpty() ? QStringLiteral("(the two schemas read the same)\n") : diff);
    }
    out().flush();
    return reportDamage(rc);
}

} // namespace rw::cli
