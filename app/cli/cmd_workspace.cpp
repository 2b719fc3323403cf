// rewind-cli demo, topics, groups, verify.

#include "cli_common.h"
#include "kafka_datadir.h"
#include "kafka_segment.h"
#include "replica_copies.h"

#include "demo_workspace.h"
#include "workspace_store.h"
#include <QDir>
#include <QFileInfo>
#include <QRegularExpression>

#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>

namespace rw::cli {

int cmdDemo(const QStringList& args)
{
    QCommandLineParser p;
    const QCommandLineOption outOpt(QStringLiteral("out"),
                                    QStringLiteral("Workspace file to create (default demo.rewind)."),
                                    QStringLiteral("file"), QStringLiteral("demo.rewind"));
    const QCommandLineOption eventsOpt(QStringLiteral("events"),
                                       QStringLiteral("Number of events, 1 to 10000000 (default 200000)."),
                                       QStringLiteral("n"), QStringLiteral("200000"));
    const QCommandLineOption seedOpt(
        QStringLiteral("seed"),
        QStringLiteral("Random seed (default 42); the same seed gives the same data."), QStringLiteral("n"),
        QStringLiteral("42"));
    const QCommandLineOption forceOpt(QStringLiteral("force"),
                                      QStringLiteral("Replace the file if it exists."));
    p.addOptions({outOpt, eventsOpt, seedOpt, forceOpt});
    if (int rc = parseOrExit(p, args,
                             QStringLiteral("Create the demo workspace: a small shop's week of orders, "
                                            "payments and inventory events, with an incident at 03:17."));
        rc >= 0)
        return rc;
    bool ok1 = false, ok2 = false;
    DemoOptions o;
    o.events = p.value(eventsOpt).toLongLong(&ok1);
    o.seed = p.value(seedOpt).toULongLong(&ok2);
    if (!ok1 || !ok2 || o.events < 1 || o.events > 10'000'000)
        return usage(QStringLiteral("--events must be 1..10000000 and --seed a non-negative number"), p);
    const QString path = p.value(outOpt);
    if (QFileInfo::exists(path)) {
        if (!p.isSet(forceOpt))
            return fail(makeError(ErrorCode::AlreadyExists,
                                  QStringLiteral("%1 exists; pass --force to replace it").arg(path)));
        // Only replace what is a workspace: --force must not eat an unrelated file.
        auto check = WorkspaceStore::open(path, WorkspaceStore::Mode::ReadOnly);
        if (!check)
            return fail(
                makeError(check.error().code,
                          QStringLiteral("refusing to replace %1: %2").arg(path, check.error().message)));
        check.value().reset();
        QFile::remove(path);
        QFile::remove(path + QStringLiteral("-wal"));
        QFile::remove(path + QStringLiteral("-shm"));
    }
    QElapsedTimer timer;
    timer.start();
    qint64 lastReport = 0;
    auto rep = createDemoWorkspace(path, o, [&](qint64 n) {
        if (timer.elapsed() - lastReport > 1000) {
            lastReport = timer.elapsed();
            err() << "  " << n << " / " << o.events << " events\r";
            err().flush();
        }
        return true;
    });
    if (!rep) return fail(rep.error());
    out() << "Created " << path << ": " << rep->records << " events from " << formatTime(rep->first) << " to "
          << formatTime(rep->last) << " in " << timer.elapsed() << " ms\n"
          << "Incident: PaymentFailed burst from " << formatTime(rep->incidentStart) << "\n"
          << "Try: rewind-cli topics " << path << " ; rewind-cli groups " << path << Qt::endl;
    return Ok;
}

int cmdTopics(const QStringList& args)
{
    QCommandLineParser p;
    p.addPositionalArgument(
        QStringLiteral("workspace"),
        QStringLiteral("The workspace file, or a Kafka data directory or .log segment (read-only)."));
    const QCommandLineOption topicOpt({QStringLiteral("t"), QStringLiteral("topic")},
                                      QStringLiteral("Only this topic."), QStringLiteral("topic"));
    p.addOption(topicOpt);
    p.addOption({QStringLiteral("internal"),
                 QStringLiteral("Kafka or a Kafka data directory: also list internal topics "
                                "(__consumer_offsets, ...).")});
    addKafkaOptions(p);
    if (int rc = parseOrExit(p, args,
                             QStringLiteral("List topics and partitions: low and high watermarks, record "
                                            "counts, first and last timestamps."));
        rc >= 0)
        return rc;
    if (wantsKafka(p)) {
        auto profile = kafkaProfileFrom(p);
        if (!profile) return fail(profile.error());
        return kafkaTopics(p, profile.value());
    }
    if (p.positionalArguments().size() != 1)
        return usage(QStringLiteral("topics needs exactly one workspace file (or -b for Kafka)"), p);
    auto store = openSource(p.positionalArguments().first(), p.isSet(QStringLiteral("internal")));
    if (!store) return fail(store.error());
    auto topics = store.value()->topics();
    if (!topics) return fail(topics.error());
    // A copy of a data directory taken while a transaction was open has a last stable offset
    // below the high watermark: then it is shown, named, as `topics -b` shows it.
    bool anyStable = false;
    for (const TopicInfo& t : topics.value())
        for (const PartitionInfo& pi : t.partitions)
            anyStable = anyStable || ((!p.isSet(topicOpt) || t.name == p.value(topicOpt)) && pi.stable);
    std::vector<QStringList> rows{{QStringLiteral("TOPIC"), QStringLiteral("PARTITION"),
                                   QStringLiteral("LOW"), QStringLiteral("HIGH"), QStringLiteral("COUNT"),
                                   QStringLiteral("FIRST"), QStringLiteral("LAST")}};
    if (anyStable) rows.front().insert(4, QStringLiteral("LSO"));
    bool found = !p.isSet(topicOpt);
    for (const TopicInfo& t : topics.value()) {
        if (p.isSet(topicOpt) && t.name != p.value(topicOpt)) continue;
        found = true;
        TimestampMs first = std::numeric_limits<TimestampMs>::max(),
                    last = std::numeric_limits<TimestampMs>::min();
        for (const PartitionInfo& pi : t.partitions) {
            rows.push_back({t.name, QString::number(pi.partition), QString::number(pi.low),
                            QString::number(pi.high), QString::number(pi.count),
                            pi.firstTimestamp ? formatTime(*pi.firstTimestamp) : QStringLiteral("-"),
                            pi.maxTimestamp ? formatTime(*pi.maxTimestamp) : QStringLiteral("-")});
            if (anyStable) rows.back().insert(4, QString::number(pi.stableEnd()));
            if (pi.firstTimestamp) first = std::min(first, *pi.firstTimestamp);
            if (pi.maxTimestamp) last = std::max(last, *pi.maxTimestamp);
        }
        rows.push_back({t.name, QStringLiteral("(all %1)").arg(t.partitions.size()), QString(), QString(),
                        QString::number(t.count()), t.count() ? formatTime(first) : QStringLiteral("-"),
                        t.count() ? formatTime(last) : QStringLiteral("-")});
        if (anyStable) rows.back().insert(4, QString());
    }
    if (!found)
        return fail(
            makeError(ErrorCode::NotFound, QStringLiteral("unknown topic '%1'").arg(p.value(topicOpt))));
    out() << formatTable(rows, anyStable
                                   ? std::vector<bool>{false, true, true, true, true, true, false, false}
                                   : std::vector<bool>{false, true, true, true, true, false, false});
    if (anyStable)
        out()
            << "LOW is the log start offset, HIGH the high watermark, LSO the last stable offset: records at "
               "or past it follow a transaction still open in the copy and are not shown (as a "
               "read_committed "
               "consumer would not get them yet).\n";
    return Ok;
}

int cmdGroups(const QStringList& args)
{
    QCommandLineParser p;
    p.addPositionalArgument(
        QStringLiteral("workspace"),
        QStringLiteral("The workspace file, or a Kafka data directory or .log segment (read-only)."));
    const QCommandLineOption groupOpt({QStringLiteral("g"), QStringLiteral("group")},
                                      QStringLiteral("Only this group, per partition."),
                                      QStringLiteral("group"));
    p.addOption(groupOpt);
    addKafkaOptions(p);
    if (int rc = parseOrExit(p, args,
                             QStringLiteral("Consumer groups with committed offsets, end offsets and lag "
                                            "per partition. \"-\" means the group never committed there."));
        rc >= 0)
        return rc;
    if (wantsKafka(p)) {
        auto profile = kafkaProfileFrom(p);
        if (!profile) return fail(profile.error());
        return kafkaGroups(p, profile.value());
    }
    if (p.positionalArguments().size() != 1)
        return usage(QStringLiteral("groups needs exactly one workspace file (or -b for Kafka)"), p);
    auto store = openSource(p.positionalArguments().first());
    if (!store) return fail(store.error());
    auto groups = store.value()->groups();
    if (!groups) return fail(groups.error());
    std::vector<QStringList> rows{{QStringLiteral("GROUP"), QStringLiteral("TOPIC"),
                                   QStringLiteral("PARTITION"), QStringLiteral("COMMITTED"),
                                   QStringLiteral("END"), QStringLiteral("LAG")}};
    bool found = !p.isSet(groupOpt);
    for (const GroupSummary& g : groups.value()) {
        if (p.isSet(groupOpt) && g.name != p.value(groupOpt)) continue;
        found = true;
        auto lags = store.value()->groupLag(g.name);
        if (!lags) return fail(lags.error());
        for (const PartitionLag& l : lags.value())
            rows.push_back({g.name, l.topic, QString::number(l.partition),
                            l.committed ? QString::number(*l.committed) : QStringLiteral("-"),
                            QString::number(l.end), l.lag ? QString::number(*l.lag) : QStringLiteral("-")});
        QString total = g.partitionsWithCommit ? QString::number(g.totalLag) : QStringLiteral("-");
        if (g.partitionsWithoutCommit)
            total += QStringLiteral(" (%1 partitions without a commit: %2 records to read from the earliest "
                                    "offset, 0 from the latest)")
                         .arg(g.partitionsWithoutCommit)
                         .arg(g.uncommittedHeld);
        rows.push_back({g.name, QStringLiteral("(total)"), QString(), QString(), QString(), total});
    }
    if (!found)
        return fail(makeError(ErrorCode::NotFound,
                              QStringLiteral("unknown consumer group '%1'").arg(p.value(groupOpt))));
    out() << formatTable(rows, {false, false, true, true, true, false});
    return Ok;
}

namespace {

// The damage report of a Kafka data directory (log.dirs: <topic>-<n> folders), one partition
// folder, or one .log segment: per segment the batches and records read, transactions that were
// aborted or left open, then every problem with its file and byte position. Nothing is ever
// written there.
int verifySegments(const QString& path)
{
    auto dir = KafkaDataDir::open(path);
    if (!dir) return fail(dir.error());
    auto report = dir.value()->verify();
    if (!report) return fail(report.error());
    for (const auto& s : report->segments)
        out() << s.file << ": " << s.batches << " batches, " << s.records << " records"
              << (s.zeroTail ? ", zero-filled tail" : "") << (s.truncatedTail ? ", truncated last batch" : "")
              << '\n';
    for (const AbortedTransaction& t : dir.value()->abortedTransactions())
        out() << t.topic << '-' << t.partition << ": producer " << t.producerId << ' '
              << (t.undecided ? "left a transaction open" : "aborted a transaction") << ", offsets "
              << t.first << ".." << t.last << " (" << t.records << " records, not shown)\n";
    for (const SegmentIssue& i : report->issues)
        out() << "damage in " << i.file << " at byte " << i.position << ": " << i.what << '\n';
    const size_t issues = report->issues.size();
    out() << report->partitions << " partitions, " << report->batches << " batches, " << report->records
          << " records, " << issues << (issues == 1 ? " problem" : " problems") << Qt::endl;
    return issues ? BadWorkspace : Ok;
}

} // namespace

int cmdVerify(const QStringList& args)
{
    QCommandLineParser p;
    p.addPositionalArgument(
        QStringLiteral("workspace"),
        QStringLiteral("The workspace file, or a Kafka data directory or .log segment (read-only)."));
    if (int rc = parseOrExit(
            p, args, QStringLiteral("Check every page of a workspace (PRAGMA quick_check). Read-only."));
        rc >= 0)
        return rc;
    if (p.positionalArguments().size() != 1)
        return usage(
            QStringLiteral("verify needs exactly one workspace file, Kafka data directory or .log segment"),
            p);
    const QString target = p.positionalArguments().first();
    const QFileInfo fi(target);
    if (fi.isDir() || target.endsWith(QLatin1String(".log"))) return verifySegments(target);
    auto store = openWorkspace(p.positionalArguments().first(), WorkspaceStore::Mode::ReadOnly);
    if (!store) return fail(store.error());
    auto problems = store.value()->quickCheck();
    if (!problems) return fail(problems.error());
    if (!problems->empty()) {
        for (const QString& s : problems.value())
            out() << s << '\n';
        return fail(makeError(ErrorCode::Corrupt,
                              QStringLiteral("%1 is damaged").arg(p.positionalArguments().first())));
    }
    out() << p.positionalArguments().first() << ": ok" << Qt::endl;
    return Ok;
}

// What copies of brokers' data directories hold of each partition, compared (replica_copies.h).
int cmdReplicas(const QStringList& args)
{
    QCommandLineParser p;
    p.addPositionalArgument(QStringLiteral("copies"),
                            QStringLiteral("Copies of brokers' data directories (log.dirs), one per broker."),
                            QStringLiteral("copy [copy...]"));
    p.addOption({{QStringLiteral("t"), QStringLiteral("topic")},
                 QStringLiteral("Only this topic."),
                 QStringLiteral("topic")});
    p.addOption(
        {QStringLiteral("internal"), QStringLiteral("Also internal topics (__consumer_offsets, …).")});
    p.addOption({QStringLiteral("all"), QStringLiteral("Every partition, also those the copies agree on.")});
    if (int rc = parseOrExit(
            p, args,
            QStringLiteral("What each copy of a replicated cluster's data directories holds of "
                           "each partition: its offsets, the high watermark its broker last "
                           "checkpointed, the leader epochs its records start; with several "
                           "copies, which is behind (a follower that had not caught up) and which "
                           "holds a tail the newest leader does not (Kafka truncates it when that "
                           "replica rejoins). Read-only."));
        rc >= 0)
        return rc;
    if (p.positionalArguments().isEmpty())
        return usage(QStringLiteral("replicas needs at least one copy"), p);
    std::vector<DataDirCopy> copies;
    for (const QString& path : p.positionalArguments()) {
        auto dir = KafkaDataDir::open(path);
        if (!dir) return fail(dir.error());
        copies.push_back(replicaCopiesOf(*dir.value()));
    }
    auto name = [&](int i) {
        const DataDirCopy& c = copies[size_t(i)];
        return c.nodeId ? QStringLiteral("%1 (node %2)").arg(c.path).arg(*c.nodeId) : c.path;
    };
    const QString only = p.value(QStringLiteral("topic"));
    int shown = 0, agreeing = 0, partitions = 0;
    for (const PartitionComparison& cmp : compareCopies(copies)) {
        if (!only.isEmpty() && cmp.topic != only) continue;
        if (only.isEmpty() && !p.isSet(QStringLiteral("internal")) &&
            cmp.topic.startsWith(QLatin1String("__")))
            continue;
        ++partitions;
        bool agree = true;
        for (const ReplicaVerdict& v : cmp.verdicts)
            agree =
                agree && (v.kind == ReplicaVerdict::Kind::Reference || v.kind == ReplicaVerdict::Kind::Same);
        if (agree) ++agreeing;
        if (agree && copies.size() > 1 && !p.isSet(QStringLiteral("all")) && only.isEmpty()) continue;
        ++shown;
        out() << cmp.topic << '-' << cmp.partition << '\n';
        for (const ReplicaVerdict& v : cmp.verdicts) {
            out() << "  " << name(v.copy) << ": ";
            const ReplicaCopy* c = nullptr;
            for (const ReplicaCopy& r : copies[size_t(v.copy)].partitions)
                if (r.topic == cmp.topic && r.partition == cmp.partition) c = &r;
            if (!c) {
                out() << "no such partition\n";
                continue;
            }
            out() << "offsets " << c->logStart << ".." << c->logEnd << " held";
            if (c->highWatermark)
                out() << ", high watermark " << *c->highWatermark
                      << (*c->highWatermark < c->logEnd
                              ? QStringLiteral(" (%1 records past it were not known committed)")
                                    .arg(c->logEnd - *c->highWatermark)
                              : QString());
            if (!c->epochs.empty()) {
                out() << ", leader epochs";
                for (const auto& [epoch, start] : c->epochs)
                    out() << ' ' << epoch << '@' << start;
            }
            switch (v.kind) {
            case ReplicaVerdict::Kind::Reference:
                if (copies.size() > 1) out() << " — the newest epoch and longest log";
                break;
            case ReplicaVerdict::Kind::Same:
                out() << " — the same";
                break;
            case ReplicaVerdict::Kind::Behind:
                out() << " — behind by " << v.by << " records: a follower that had not caught up";
                break;
            case ReplicaVerdict::Kind::Diverged:
                out() << " — diverged: its records from offset " << v.at
                      << " are not the newest leader's (Kafka truncates them when it rejoins)";
                break;
            case ReplicaVerdict::Kind::Missing:
                break;
            }
            out() << '\n';
        }
    }
    if (copies.size() > 1)
        out() << partitions << " partitions: " << agreeing << " alike in every copy, "
              << (partitions - agreeing) << " differ" << Qt::endl;
    return Ok;
}

} // namespace rw::cli

namespace rw::cli {

int cmdIndex(const QStringList& args)
{
    QCommandLineParser p;
    p.addPositionalArgument(
        QStringLiteral("workspace"),
        QStringLiteral("The workspace file, or a Kafka data directory or .log segment (read-only)."));
    p.addOption({QStringLiteral("status"), QStringLiteral("Only report how much is indexed.")});
    if (int rc = parseOrExit(
            p, args,
            QStringLiteral("Build (or continue building) the full-text index that text(\"…\") filters "
                           "use. Interrupt it any time; run it again to continue."));
        rc >= 0)
        return rc;
    if (p.positionalArguments().size() != 1)
        return usage(QStringLiteral("index needs exactly one workspace file"), p);
    const bool statusOnly = p.isSet(QStringLiteral("status"));
    auto store = openWorkspace(p.positionalArguments().first(),
                               statusOnly ? WorkspaceStore::Mode::ReadOnly : WorkspaceStore::Mode::ReadWrite);
    if (!store) return fail(store.error());
    if (statusOnly) {
        auto st = store.value()->textIndexStatus();
        if (!st) return fail(st.error());
        out() << (st->exists ? QStringLiteral("text index: %1 of %2 records").arg(st->indexed).arg(st->total)
                             : QStringLiteral("no text index (%1 records)").arg(st->total))
              << Qt::endl;
        return Ok;
    }
    QElapsedTimer t;
    t.start();
    qint64 last = 0;
    auto st = store.value()->buildTextIndex([&](qint64 done, qint64 total) {
        if (t.elapsed() - last > 1000) {
            last = t.elapsed();
            err() << "  " << done << " / " << total << " records\r" << Qt::flush;
        }
        return true;
    });
    if (!st) return fail(st.error());
    out() << "text index: " << st->indexed << " of " << st->total << " records, " << t.elapsed() << " ms"
          << Qt::endl;
    return Ok;
}

} // namespace rw::cli
