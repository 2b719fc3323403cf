// rewind-cli import and export.

#include "cli_common.h"
#include "ndjson_io.h"
#include "record_export.h"
#include "time_parse.h"
#include "workspace_store.h"

#include <QFile>
#include <QFileInfo>

namespace rw::cli {

int cmdImport(const QStringList& args)
{
    QCommandLineParser p;
    p.addPositionalArgument(QStringLiteral("workspace"),
                            QStringLiteral("Workspace file (created if missing)."));
    p.addPositionalArgument(QStringLiteral("file"), QStringLiteral("NDJSON file, or - for standard input."));
    const QCommandLineOption topicOpt({QStringLiteral("t"), QStringLiteral("topic")},
                                      QStringLiteral("Topic for lines that name none."),
                                      QStringLiteral("topic"));
    const QCommandLineOption skipOpt(
        QStringLiteral("skip-bad"),
        QStringLiteral(
            "Report bad lines and import the rest (exit code 5). Default: abort and import nothing."));
    const QCommandLineOption keepOpt(
        QStringLiteral("keep-offsets"),
        QStringLiteral(
            "Keep the lines' offsets (they must increase per partition). Default: assign offsets densely."));
    const QCommandLineOption partsOpt(
        QStringLiteral("partitions"),
        QStringLiteral("Partitions of topics the import creates when lines give none (default 1)."),
        QStringLiteral("n"), QStringLiteral("1"));
    p.addOptions({topicOpt, skipOpt, keepOpt, partsOpt});
    if (int rc = parseOrExit(p, args,
                             QStringLiteral("Import NDJSON records: Rewind envelopes (docs/envelope.md) or "
                                            "kcat -J output. All or nothing unless --skip-bad."));
        rc >= 0)
        return rc;
    if (p.positionalArguments().size() != 2)
        return usage(QStringLiteral("import needs a workspace file and an input file (or -)"), p);
    ImportOptions o;
    o.defaultTopic = p.value(topicOpt);
    o.skipBad = p.isSet(skipOpt);
    o.keepOffsets = p.isSet(keepOpt);
    bool ok = false;
    o.newTopicPartitions = p.value(partsOpt).toInt(&ok);
    if (!ok || o.newTopicPartitions < 1)
        return usage(QStringLiteral("--partitions needs a positive number"), p);

    const QString wsPath = p.positionalArguments().at(0);
    const QString inPath = p.positionalArguments().at(1);
    QFile in;
    if (inPath == QLatin1String("-")) {
        if (!in.open(stdin, QIODevice::ReadOnly))
            return fail(makeError(ErrorCode::Io, QStringLiteral("cannot read standard input")));
    } else {
        in.setFileName(inPath);
        if (!in.open(QIODevice::ReadOnly))
            return fail(makeError(QFileInfo::exists(inPath) ? ErrorCode::Io : ErrorCode::NotFound,
                                  QStringLiteral("cannot read %1: %2").arg(inPath, in.errorString())));
    }
    const bool created = !QFileInfo::exists(wsPath);
    auto store =
        created ? WorkspaceStore::create(wsPath) : openWorkspace(wsPath, WorkspaceStore::Mode::ReadWrite);
    if (!store) return fail(store.error());
    // A file this command created is nobody else's yet: filled without the WAL's second copy.
    if (created) {
        if (auto b = store.value()->beginBulkLoad(); !b) return fail(b.error());
    }
    auto rep = importNdjson(*store.value(), in, o);
    if (rep && created) {
        if (auto e = store.value()->endBulkLoad(); !e) rep = e.error();
    }
    if (!rep) {
        store.value().reset();
        if (created) { // leave nothing behind for a failed import into a new file
            QFile::remove(wsPath);
            QFile::remove(wsPath + QStringLiteral("-wal"));
            QFile::remove(wsPath + QStringLiteral("-shm"));
        }
        err() << "rewind-cli: import aborted; the workspace is unchanged" << Qt::endl;
        return fail(rep.error());
    }
    for (const LineError& e : rep->errors)
        err() << "line " << e.line << ": " << e.message << '\n';
    if (rep->skipped > static_cast<qint64>(rep->errors.size()))
        err() << "(" << rep->skipped - static_cast<qint64>(rep->errors.size())
              << " more bad lines not shown)\n";
    out() << "Imported " << rep->imported << (rep->imported == 1 ? " record" : " records") << " into "
          << wsPath;
    if (!rep->createdTopics.empty()) {
        QStringList names(rep->createdTopics.begin(), rep->createdTopics.end());
        out() << " (new topics: " << names.join(QStringLiteral(", ")) << ")";
    }
    if (rep->skipped) out() << "; skipped " << rep->skipped << " bad lines";
    out() << Qt::endl;
    return rep->skipped ? PartialImport : Ok;
}

int cmdExport(const QStringList& args)
{
    QCommandLineParser p;
    p.addPositionalArgument(
        QStringLiteral("workspace"),
        QStringLiteral("The workspace file, or a Kafka data directory or .log segment (read-only)."));
    const QCommandLineOption topicOpt({QStringLiteral("t"), QStringLiteral("topic")},
                                      QStringLiteral("Topic (default: all)."), QStringLiteral("topic"));
    const QCommandLineOption partOpt({QStringLiteral("p"), QStringLiteral("partition")},
                                     QStringLiteral("Partition (default: all)."), QStringLiteral("n"));
    const QCommandLineOption fromOpt(QStringLiteral("from-offset"),
                                     QStringLiteral("First offset (default: the beginning)."),
                                     QStringLiteral("offset"));
    const QCommandLineOption toOpt(QStringLiteral("to-offset"), QStringLiteral("Stop before this offset."),
                                   QStringLiteral("offset"));
    const QCommandLineOption sinceOpt(QStringLiteral("since"),
                                      QStringLiteral("Start at the first record at or after this time."),
                                      QStringLiteral("time"));
    const QCommandLineOption untilOpt(QStringLiteral("until"),
                                      QStringLiteral("Stop before the first record at or after this time."),
                                      QStringLiteral("time"));
    const QCommandLineOption countOpt({QStringLiteral("c"), QStringLiteral("count")},
                                      QStringLiteral("At most this many records per partition."),
                                      QStringLiteral("n"));
    const QCommandLineOption outOpt({QStringLiteral("O"), QStringLiteral("output")},
                                    QStringLiteral("Output file (default: standard output)."),
                                    QStringLiteral("file"));
    const QCommandLineOption rawOpt(
        QStringLiteral("raw"), QStringLiteral("Write schema-encoded keys and values as stored (wire format, "
                                              "byte-exact on re-import) instead of decoded JSON."));
    const QCommandLineOption maskOpt(
        QStringLiteral("mask"),
        QStringLiteral("Also mask this JSON path of values (customer.email, customer.*; repeatable), besides "
                       "the workspace's or profile's masking policy (rewind-cli mask)."),
        QStringLiteral("path"));
    const QCommandLineOption maskHeaderOpt(QStringLiteral("mask-header"),
                                           QStringLiteral("Also mask this header's value (repeatable)."),
                                           QStringLiteral("name"));
    p.addOptions({topicOpt, partOpt, fromOpt, toOpt, sinceOpt, untilOpt, countOpt, outOpt, rawOpt, maskOpt,
                  maskHeaderOpt});
    addSchemaRegistryOptions(p);
    addKafkaOptions(p);
    if (int rc = parseOrExit(p, args,
                             QStringLiteral("Export records of a workspace, a Kafka data directory or, with "
                                            "-b/--profile, a cluster as NDJSON envelopes (docs/envelope.md), "
                                            "partition by partition in offset order."));
        rc >= 0)
        return rc;
    if (!wantsKafka(p) && p.positionalArguments().size() != 1)
        return usage(QStringLiteral("export needs exactly one workspace file (or -b for Kafka)"), p);
    // The same exporter as the window's File ▸ Export, in its range form: partition by partition.
    RecordExport job;
    RecordSet& sel = job.records;
    sel.byFilter = true;
    sel.timeOrder = false;
    sel.topic = p.value(topicOpt);
    auto number = [&](const QCommandLineOption& o, qint64& v) {
        bool ok = false;
        v = p.value(o).toLongLong(&ok);
        return ok && v >= 0;
    };
    qint64 v = 0;
    if (p.isSet(partOpt)) {
        if (!number(partOpt, v)) return usage(QStringLiteral("-p needs a partition number"), p);
        sel.partition = static_cast<PartitionId>(v);
    }
    if (p.isSet(fromOpt)) {
        if (!number(fromOpt, v)) return usage(QStringLiteral("--from-offset needs an offset"), p);
        sel.fromOffset = v;
    }
    if (p.isSet(toOpt)) {
        if (!number(toOpt, v)) return usage(QStringLiteral("--to-offset needs an offset"), p);
        sel.toOffset = v;
    }
    if (p.isSet(countOpt)) {
        if (!number(countOpt, v)) return usage(QStringLiteral("-c needs a count"), p);
        sel.perPartition = v;
    }
    for (const auto* o : {&sinceOpt, &untilOpt}) {
        if (!p.isSet(*o)) continue;
        auto t = parseTimePoint(p.value(*o), currentTimeMs());
        if (!t) return usage(t.error().message, p);
        (o == &sinceOpt ? sel.startTime : sel.stopTime) = t.value();
    }
    job.raw = p.isSet(rawOpt);
    auto store = openNamedSource(p);
    if (!store)
        return store.error().code == ErrorCode::InvalidArgument ? usage(store.error().message, p)
                                                                : fail(store.error());
    // Personal data: the source's policy and what the command line adds, one mechanism.
    auto policy = store.value()->maskPolicy();
    if (!policy) return fail(policy.error());
    const MaskPolicy extra{p.values(maskOpt), p.values(maskHeaderOpt)};
    job.mask = policy.value().merged(extra);
    QFile outFile;
    const bool toStdout = !p.isSet(outOpt) || p.value(outOpt) == QLatin1String("-");
    if (toStdout) {
        if (!outFile.open(stdout, QIODevice::WriteOnly))
            return fail(makeError(ErrorCode::Io, QStringLiteral("cannot write to standard output")));
    } else {
        outFile.setFileName(p.value(outOpt));
        if (!outFile.open(QIODevice::WriteOnly | QIODevice::Truncate))
            return fail(
                makeError(ErrorCode::Io,
                          QStringLiteral("cannot write %1: %2").arg(p.value(outOpt), outFile.errorString())));
    }
    auto n = exportRecords(*store.value(), job, outFile);
    outFile.flush();
    if (!n) return fail(n.error());
    if (!toStdout) err() << "Exported " << n->written << " records to " << p.value(outOpt) << Qt::endl;
    if (!job.mask.empty()) err() << "Masked: " << n->masked.join(QStringLiteral(", ")) << Qt::endl;
    const QStringList& unmatched = n->unmatched;
    // A mask path that matched nothing is said, never passed over: the policy's own paths may
    // simply not occur in this selection; one given here is likely a typo (exit 9).
    bool typo = false;
    for (const QString& u : unmatched) {
        const bool given = extra.fields.contains(u) ||
                           (u.startsWith(QLatin1String("header ")) && extra.headers.contains(u.mid(7)));
        err() << "rewind-cli: masking: " << u << " matched nothing in this export"
              << (given ? ": nothing was masked for it (a typo?)" : "") << Qt::endl;
        typo = typo || given;
    }
    return typo ? Refused : Ok;
}

} // namespace rw::cli
