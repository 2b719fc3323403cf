// rewind-cli schemas: where a topic's writer schema changes, partition by partition (post-mortems
// ask "since when do records carry the new schema?").
#include "cli_common.h"
#include "schemas_topic.h"

#include <QDateTime>

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
    addSchemaRegistryOptions(p);
    if (int rc = parseOrExit(
            p, args,
            QStringLiteral("The schemas a topic's values were written with, as runs of offsets per "
                           "partition: where the writer schema changed, and to what."));
        rc >= 0)
        return rc;
    if (p.positionalArguments().size() != 1 || !p.isSet(topicOpt))
        return usage(QStringLiteral("schemas needs a workspace file and -t"), p);
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
