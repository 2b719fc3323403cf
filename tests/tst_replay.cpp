// Replay jobs: the job format and its safety rules, transforms, and the engine through the real
// rewind-cli process: exactly once across kill -9 at random points (local and Kafka targets),
// filters and time ranges, repartitioning by key, pacing, the journal and the audit log.

#include "demo_workspace.h"
#include "kafka_browser.h"
#include "kafka_client.h"
#include "murmur2.h"
#include "replay.h"
#include "test_util.h"
#include "workspace_store.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>
#include <map>
#include <thread>

using namespace rw;

namespace {

struct Run {
    int code = -1;
    QByteArray out, err;
};

Run cli(const QStringList& args, int timeoutMs = 120000)
{
    QProcess p;
    p.start(QStringLiteral(REWIND_CLI), args);
    Run r;
    if (!p.waitForFinished(timeoutMs)) {
        p.kill();
        p.waitForFinished();
        return r;
    }
    r.code = p.exitCode();
    r.out = p.readAllStandardOutput();
    r.err = p.readAllStandardError();
    return r;
}

// Starts `rewind-cli replay resume JOB`, lets it run for `ms`, then kill -9.
// Resumes the job and kills it with SIGKILL `ms` after its run has begun (once the source's
// journal holds one run more): a kill during the process's start-up, on a loaded machine, would
// not be a kill of a run at all.
void killAfter(const QString& job, int ms, const QString& journalOf = QString())
{
    qsizetype runs = -1;
    if (!journalOf.isEmpty())
        if (auto s = WorkspaceStore::open(journalOf, WorkspaceStore::Mode::ReadOnly))
            if (auto j = s.value()->journal()) runs = static_cast<qsizetype>(j->size());
    QProcess p;
    p.start(QStringLiteral(REWIND_CLI),
            {QStringLiteral("replay"), QStringLiteral("resume"), job, QStringLiteral("--quiet")});
    QVERIFY(p.waitForStarted());
    if (runs >= 0) {
        auto began = [&] {
            auto s = WorkspaceStore::open(journalOf, WorkspaceStore::Mode::ReadOnly);
            auto j = s ? s.value()->journal() : Result<std::vector<JournalEntry>>(s.error());
            return j && static_cast<qsizetype>(j->size()) > runs;
        };
        QTRY_VERIFY_WITH_TIMEOUT(began() || p.state() != QProcess::Running, 10000);
    }
    if (!p.waitForFinished(ms)) {
        ::kill(static_cast<pid_t>(p.processId()), SIGKILL);
        p.waitForFinished();
    }
}

std::optional<QByteArray> header(const Record& r, const char* name)
{
    for (const Header& h : r.headers)
        if (h.key == name) return h.value;
    return std::nullopt;
}

} // namespace

class TstReplay : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    QString m_ws;
    DemoWorkspaceReport m_rep;

    QString writeJob(const QString& name, const QByteArray& json)
    {
        const QString p = m_dir.filePath(name);
        if (!test::writeFile(p, json)) qFatal("cannot write %s", qPrintable(p));
        return p;
    }

    // Source records of `topic` in [from, to) per partition, by offset, from the workspace.
    std::map<PartitionId, std::vector<Record>> sourceRecords(const QString& topic, TimestampMs from,
                                                             TimestampMs to)
    {
        std::map<PartitionId, std::vector<Record>> out;
        auto s = WorkspaceStore::open(m_ws, WorkspaceStore::Mode::ReadOnly);
        const TopicInfo info1 = s.value()->topic(topic).value();
        for (const PartitionInfo& p : info1.partitions)
            for (Record& r : s.value()->read(topic, p.partition, p.low, -1).value())
                if (r.timestamp >= from && r.timestamp < to) out[p.partition].push_back(std::move(r));
        return out;
    }

    // Every source record exactly once, per partition in source order, with its provenance.
    void checkExactlyOnce(const std::map<PartitionId, std::vector<Record>>& want,
                          const std::map<PartitionId, std::vector<Record>>& got)
    {
        qint64 total = 0;
        for (const auto& [p, recs] : want) {
            total += static_cast<qint64>(recs.size());
            auto it = got.find(p);
            const size_t have = it == got.end() ? 0 : it->second.size();
            QVERIFY2(have == recs.size(), qPrintable(QStringLiteral("partition %1: %2 written, %3 expected")
                                                         .arg(p)
                                                         .arg(have)
                                                         .arg(recs.size())));
            for (size_t i = 0; i < recs.size(); ++i) {
                const Record& g = it->second[i];
                QCOMPARE(header(g, "rewind.source.offset").value_or(QByteArray()),
                         QByteArray::number(recs[i].offset));
                QCOMPARE(g.key, recs[i].key);
                QCOMPARE(g.timestamp, recs[i].timestamp);
            }
        }
        QVERIFY(total > 0);
    }

private slots:
    void initTestCase()
    {
        qputenv("REWIND_AUDIT_FILE",
                m_dir.filePath(QStringLiteral("audit.ndjson")).toUtf8()); // also for rewind-cli
        m_ws = m_dir.filePath(QStringLiteral("demo.rewind"));
        DemoOptions o;
        o.events = 40000;
        auto r = createDemoWorkspace(m_ws, o);
        QVERIFY(r.ok());
        m_rep = r.value();
    }

    void jobFilesAreStrictAndSafe()
    {
        auto ok = ReplayJob::fromJson(R"({"source":{"workspace":"a.rewind","topic":"payments"},
            "target":{"bootstrap":"h:1","topic":"sandbox.payments.x"},"from_time":"2026-11-19T03:00:00Z",
            "mask_fields":["customer.email"],"pacing":{"mode":"original","speed":10}})");
        QVERIFY2(ok.ok(), qPrintable(ok.ok() ? QString() : ok.error().message));
        QCOMPARE(*ok->fromTime, TimestampMs(1795057200000));
        QCOMPARE(ok->pacing.speed, 10.0);
        auto again = ReplayJob::fromJson(ok->toJson()); // round trip
        QVERIFY(again.ok());
        QCOMPARE(replayJobId(again.value()), replayJobId(ok.value()));
        // Safety: a non-sandbox Kafka topic needs its name typed in "unlock".
        auto prod = ReplayJob::fromJson(R"({"source":{"workspace":"a.rewind","topic":"payments"},
            "target":{"bootstrap":"h:1","topic":"payments"}})");
        QCOMPARE(prod.error().code, ErrorCode::Refused);
        QVERIFY(prod.error().message.contains(QStringLiteral("unlock")));
        QVERIFY(ReplayJob::fromJson(R"({"source":{"workspace":"a.rewind","topic":"payments"},
            "target":{"bootstrap":"h:1","topic":"payments"},"unlock":"payments"})")
                    .ok());
        QVERIFY(!ReplayJob::fromJson(R"({"source":{"workspace":"a.rewind","topic":"payments"},
            "target":{"bootstrap":"h:1","topic":"payments"},"unlock":"payment"})")
                     .ok());
        // Mistakes are named.
        QVERIFY(
            ReplayJob::fromJson(
                R"({"source":{"workspace":"a","topic":"t"},"target":{"workspace":"b","topic":"t"},"speed":2})")
                .error()
                .message.contains(QStringLiteral("unknown key ") + QLatin1Char(0x22) +
                                  QStringLiteral("speed")));
        QVERIFY(ReplayJob::fromJson(
                    R"({"source":{"workspace":"a","topic":"t"},"target":{"workspace":"a","topic":"t"}})")
                    .error()
                    .message.contains(QStringLiteral("source topic itself")));
        QVERIFY(!ReplayJob::fromJson("{nope").ok());
        QCOMPARE(ReplayJob::defaultSandboxTopic(QStringLiteral("payments"), 1795057200000),
                 QStringLiteral("sandbox.payments.20261119-030000"));
    }

    void exampleJobsParse()
    {
        for (const char* name : {"demo-incident-replay.json", "demo-incident-replay-kafka.json"}) {
            auto j =
                ReplayJob::fromFile(QStringLiteral(REWIND_SOURCE_DIR "/examples/") + QLatin1String(name));
            QVERIFY2(j.ok(), qPrintable(j.ok() ? QString() : j.error().message));
        }
    }

    void transformsRemoveAndMaskFields()
    {
        ReplayJob j;
        j.removeFields = {QStringLiteral("customer.email"), QStringLiteral("items")};
        j.maskFields = {QStringLiteral("customer.name"), QStringLiteral("card_last4")};
        auto v = transformValue(
            j,
            QByteArray(
                R"({"customer":{"id":"c-1","email":"a@b.c","name":"Ann"},"items":[1],"card_last4":"1234","n":1})"));
        QVERIFY(v.ok());
        QCOMPARE(*v.value(),
                 QByteArray(R"({"customer":{"id":"c-1","name":"***"},"card_last4":"***","n":1})"));
        QVERIFY(!transformValue(j, std::nullopt).value()); // a tombstone stays one
        QCOMPARE(transformValue(j, QByteArray("not json")).error().code,
                 ErrorCode::Parse); // never written unmasked
        j.removeFields.clear();
        j.maskFields.clear();
        QCOMPARE(*transformValue(j, QByteArray("\x00\x01", 2)).value(), QByteArray("\x00\x01", 2));
        Record src;
        src.topic = QStringLiteral("payments");
        src.partition = 3;
        src.offset = 77;
        src.timestamp = 5;
        src.headers = {{"trace_id", QByteArray("t")}, {"secret", QByteArray("s")}};
        j.headerRules = {{HeaderRule::Strip, "secret", {}}, {HeaderRule::Set, "env", "sandbox"}};
        const Headers h = replayHeaders(j, src, 9);
        QCOMPARE(h.size(), size_t(7));
        QCOMPARE(h[0].key, QByteArray("trace_id"));
        QCOMPARE(h[1].key, QByteArray("env"));
        QCOMPARE(*h[4].value, QByteArray("77"));
        QCOMPARE(*h[6].value, QByteArray("9"));
    }

    // kill -9 at 20 random points, resume each time: the target holds each selected record once,
    // per partition in source order. The journal has every run; the audit log every write.
    void localTargetIsExactlyOnceAcrossKills()
    {
        const QString target = m_dir.filePath(QStringLiteral("sandbox-kill.rewind"));
        const QString job =
            writeJob(QStringLiteral("kill.json"),
                     QStringLiteral(R"({"name":"kill test","source":{"workspace":"%1","topic":"orders"},
            "target":{"workspace":"%2","topic":"orders-replay"},"pacing":{"mode":"rate","records_per_second":1500}})")
                         .arg(m_ws, target)
                         .toUtf8());
        auto* rng = QRandomGenerator::global();
        for (int i = 0; i < 20; ++i)
            killAfter(job, static_cast<int>(rng->bounded(20, 700)),
                      m_ws); // 20 x 700 ms at 1500/s < the ~22k orders
        // The kills landed mid-run: the target does not hold everything yet.
        const Run mid =
            cli({QStringLiteral("replay"), QStringLiteral("plan"), job, QStringLiteral("--json")});
        const QJsonObject midPlan = QJsonDocument::fromJson(mid.out).object();
        QVERIFY(midPlan.value(QStringLiteral("already_written")).toInteger() > 0);
        QVERIFY(midPlan.value(QStringLiteral("already_written")).toInteger() <
                midPlan.value(QStringLiteral("records")).toInteger());
        const Run last =
            cli({QStringLiteral("replay"), QStringLiteral("resume"), job, QStringLiteral("--quiet")});
        QVERIFY2(last.code == 0, last.err.constData());
        std::map<PartitionId, std::vector<Record>> got;
        auto t = WorkspaceStore::open(target, WorkspaceStore::Mode::ReadOnly);
        const TopicInfo info2 = t.value()->topic(QStringLiteral("orders-replay")).value();
        for (const PartitionInfo& p : info2.partitions)
            got[p.partition] =
                t.value()->read(QStringLiteral("orders-replay"), p.partition, p.low, -1).value();
        checkExactlyOnce(sourceRecords(QStringLiteral("orders"), 0, std::numeric_limits<TimestampMs>::max()),
                         got);
        auto s = WorkspaceStore::open(m_ws, WorkspaceStore::Mode::ReadOnly);
        auto journal = s.value()->journal().value();
        QVERIFY(journal.size() >= 21);
        QCOMPARE(journal.back().outcome, QStringLiteral("complete"));
        QCOMPARE(journal.back().name, QStringLiteral("kill test"));
        QVERIFY(s.value()->auditLog()->size() >= 21);
        // Run again on the same target: refused, nothing written twice.
        const Run again = cli({QStringLiteral("replay"), QStringLiteral("run"), job});
        QCOMPARE(again.code, 9);
    }

    // A run is killed; records are appended to the source (some with earlier timestamps, so they
    // would sort into the middle of the merged order); the resume still writes exactly the
    // records the run selected: the run kept its partition ends before writing anything.
    void resumeKeepsTheRunsRangeWhileTheSourceGrows()
    {
        const QString source = m_dir.filePath(QStringLiteral("growing.rewind"));
        const QString target = m_dir.filePath(QStringLiteral("growing-sandbox.rewind"));
        auto append = [&](int from, int to, TimestampMs base) {
            auto s = WorkspaceStore::open(source, WorkspaceStore::Mode::ReadWrite);
            QVERIFY(s.ok());
            std::vector<ProducerRecord> recs;
            for (int i = from; i < to; ++i)
                recs.push_back(test::producerRecord(QStringLiteral("grow"), i % 3, base + i * 10,
                                                    QByteArray("k-") + QByteArray::number(i),
                                                    QByteArray("v")));
            QVERIFY(s.value()->append(recs).ok());
        };
        {
            auto s = WorkspaceStore::create(source);
            QVERIFY(s.ok());
            QVERIFY(s.value()->createTopic(QStringLiteral("grow"), 3).ok());
        }
        append(0, 3000, 1'794'787'200'000);
        const auto want = [&] {
            std::map<PartitionId, std::vector<Record>> out;
            auto s = WorkspaceStore::open(source, WorkspaceStore::Mode::ReadOnly);
            for (PartitionId p = 0; p < 3; ++p)
                out[p] = s.value()->read(QStringLiteral("grow"), p, 0, -1).value();
            return out;
        }();
        const QString job =
            writeJob(QStringLiteral("grow.json"),
                     QStringLiteral(R"({"name":"growing source","source":{"workspace":"%1","topic":"grow"},
            "target":{"workspace":"%2","topic":"grow-replay"},"pacing":{"mode":"rate","records_per_second":1500}})")
                         .arg(source, target)
                         .toUtf8());
        killAfter(job, 1100);
        {
            auto mid = WorkspaceStore::open(target, WorkspaceStore::Mode::ReadOnly);
            QVERIFY(mid.ok());
            const qint64 held = mid.value()->topic(QStringLiteral("grow-replay"))->count();
            QVERIFY2(held > 0 && held < 3000, qPrintable(QString::number(held))); // killed mid-run
        }
        append(3000, 3600, 1'794'787'200'000 + 5); // interleaves with the first 600 by time
        append(3600, 3700, 1'794'787'300'000);     // and some after everything
        const Run last =
            cli({QStringLiteral("replay"), QStringLiteral("resume"), job, QStringLiteral("--quiet")});
        QVERIFY2(last.code == 0, last.err.constData());
        QVERIFY2(!last.err.contains("note:"), last.err.constData());
        std::map<PartitionId, std::vector<Record>> got;
        auto t = WorkspaceStore::open(target, WorkspaceStore::Mode::ReadOnly);
        QVERIFY(t.ok());
        for (PartitionId p = 0; p < 3; ++p)
            got[p] = t.value()->read(QStringLiteral("grow-replay"), p, 0, -1).value();
        qint64 before = 0;
        for (const auto& [p, recs] : got)
            before += static_cast<qint64>(recs.size());
        QVERIFY2(before == 3000, qPrintable(QString::number(before)));
        checkExactlyOnce(want, got);
    }

    // A filter and a time range, repartitioned by key into fewer partitions; the plan's count is
    // what gets written.
    // The source's masking policy goes with every replay (the demo's: customer.*,
    // shipping_address, card_last4): the sandbox holds none of the personal data, unless the job
    // says "mask_policy": false. The policy's paths that do not occur in the topic are said.
    void replaysApplyTheSourcesMaskingPolicy()
    {
        const TimestampMs from = m_rep.incidentStart - 3'600'000, to = m_rep.incidentStart;
        QSet<QByteArray> emails;
        for (const auto& [p, recs] : sourceRecords(QStringLiteral("orders"), from, to))
            for (const Record& r : recs) {
                const QJsonObject c =
                    QJsonDocument::fromJson(*r.value).object().value(QLatin1String("customer")).toObject();
                if (c.contains(QLatin1String("email")))
                    emails.insert(c.value(QLatin1String("email")).toString().toUtf8());
            }
        QVERIFY(emails.size() > 5);
        auto replayed = [&](bool policy) -> QByteArray {
            const QString target =
                m_dir.filePath(policy ? QStringLiteral("masked.rewind") : QStringLiteral("clear.rewind"));
            QFile::remove(target);
            QJsonObject src{{QStringLiteral("workspace"), m_ws},
                            {QStringLiteral("topic"), QStringLiteral("orders")}};
            QJsonObject dst{{QStringLiteral("workspace"), target},
                            {QStringLiteral("topic"), QStringLiteral("orders")}};
            QJsonObject o{{QStringLiteral("source"), src},
                          {QStringLiteral("target"), dst},
                          {QStringLiteral("from_time"), static_cast<qint64>(from)},
                          {QStringLiteral("to_time"), static_cast<qint64>(to)}};
            if (!policy) o[QStringLiteral("mask_policy")] = false;
            auto job = ReplayJob::fromJson(QJsonDocument(o).toJson());
            if (!job) qFatal("%s", qPrintable(job.error().message));
            auto rep = runReplay(job.value(), ReplayMode::Run);
            if (!rep) qFatal("%s", qPrintable(rep.error().message));
            if (policy && !rep->note.contains(QStringLiteral("card_last4 matched nothing in this replay")))
                qFatal("note: %s", qPrintable(rep->note));
            QByteArray all;
            auto t = WorkspaceStore::open(target, WorkspaceStore::Mode::ReadOnly);
            for (const PartitionInfo& p : t.value()->topic(QStringLiteral("orders")).value().partitions)
                for (const Record& r :
                     t.value()->read(QStringLiteral("orders"), p.partition, p.low, -1).value())
                    all += r.value.value_or(QByteArray()) + '\n';
            return all;
        };
        const QByteArray masked = replayed(true);
        int hits = 0;
        for (const QByteArray& e : emails)
            hits += masked.contains(e) ? 1 : 0;
        QCOMPARE(hits, 0);
        QVERIFY(masked.contains("\"email\":\"***\""));
        QVERIFY(masked.contains("\"order_id\":\"o-")); // the rest as it was
        const QByteArray clear = replayed(false);
        QVERIFY(clear.contains(*emails.begin()));
        QCOMPARE(clear.count('\n'), masked.count('\n'));
    }

    void filterTimeRangeAndByKey()
    {
        const QString target = m_dir.filePath(QStringLiteral("sandbox-filter.rewind"));
        {
            auto t = WorkspaceStore::create(target);
            QVERIFY(t.value()->createTopic(QStringLiteral("failed"), 2).ok());
        }
        const TimestampMs from = m_rep.incidentStart - 600'000, to = m_rep.incidentStart + 3'000'000;
        QJsonObject src, dst, o;
        src[QStringLiteral("workspace")] = m_ws;
        src[QStringLiteral("topic")] = QStringLiteral("payments");
        dst[QStringLiteral("workspace")] = target;
        dst[QStringLiteral("topic")] = QStringLiteral("failed");
        o[QStringLiteral("source")] = src;
        o[QStringLiteral("target")] = dst;
        o[QStringLiteral("from_time")] = static_cast<qint64>(from);
        o[QStringLiteral("to_time")] = static_cast<qint64>(to);
        o[QStringLiteral("filter")] = QStringLiteral("value.type == ") + QLatin1Char('"') +
                                      QStringLiteral("PaymentFailed") + QLatin1Char('"');
        o[QStringLiteral("partitioning")] = QStringLiteral("by_key");
        o[QStringLiteral("mask_fields")] = QJsonArray{QStringLiteral("card_last4")};
        const QString job = writeJob(QStringLiteral("filter.json"), QJsonDocument(o).toJson());
        const Run plan =
            cli({QStringLiteral("replay"), QStringLiteral("plan"), job, QStringLiteral("--json")});
        QVERIFY2(plan.code == 0, plan.err.constData());
        const qint64 planned =
            QJsonDocument::fromJson(plan.out).object().value(QStringLiteral("records")).toInteger();
        qint64 want = 0;
        for (const auto& [p, recs] : sourceRecords(QStringLiteral("payments"), from, to))
            for (const Record& r : recs)
                if (r.value->contains(QByteArray("\x22type\x22:\x22PaymentFailed\x22"))) ++want;
        QCOMPARE(planned, want);
        QVERIFY(want > 100);
        const Run run =
            cli({QStringLiteral("replay"), QStringLiteral("run"), job, QStringLiteral("--quiet")});
        QVERIFY2(run.code == 0, run.err.constData());
        auto t = WorkspaceStore::open(target, WorkspaceStore::Mode::ReadOnly);
        qint64 got = 0;
        const TopicInfo info3 = t.value()->topic(QStringLiteral("failed")).value();
        for (const PartitionInfo& p : info3.partitions)
            for (const Record& r :
                 t.value()->read(QStringLiteral("failed"), p.partition, p.low, -1).value()) {
                ++got;
                QVERIFY(r.value->contains(QByteArray(1, '"') + "card_last4" + QByteArray(1, '"') + ":" +
                                          QByteArray(1, '"') + "***"));
                QCOMPARE(p.partition, defaultPartition(*r.key, 2)); // where Kafka's producer would put it
                QVERIFY(r.timestamp >= from && r.timestamp < to);
            }
        QCOMPARE(got, want);

        // A typo in a mask path (card_last5) matches nothing: the plan warns, a run refuses before
        // writing anything (it reported success and wrote card_last4 in clear before), and only an
        // explicit confirmation runs it.
        const QString typoTarget = m_dir.filePath(QStringLiteral("sandbox-typo.rewind"));
        dst[QStringLiteral("workspace")] = typoTarget;
        o[QStringLiteral("target")] = dst;
        o[QStringLiteral("mask_fields")] = QJsonArray{QStringLiteral("card_last5")};
        const QString typo = writeJob(QStringLiteral("typo.json"), QJsonDocument(o).toJson());
        const Run typoPlan = cli({QStringLiteral("replay"), QStringLiteral("plan"), typo});
        QCOMPARE(typoPlan.code, 0);
        QVERIFY2(typoPlan.out.contains("WARNING: the field card_last5 is in no record"),
                 typoPlan.out.constData());
        const Run typoJson =
            cli({QStringLiteral("replay"), QStringLiteral("plan"), typo, QStringLiteral("--json")});
        QCOMPARE(QJsonDocument::fromJson(typoJson.out)
                     .object()
                     .value(QStringLiteral("unmatched_fields"))
                     .toArray(),
                 QJsonArray{QStringLiteral("card_last5")});
        const Run refused =
            cli({QStringLiteral("replay"), QStringLiteral("run"), typo, QStringLiteral("--quiet")});
        QCOMPARE(refused.code, 9);
        QVERIFY2(refused.err.contains("card_last5") && refused.err.contains("--allow-unmatched-fields"),
                 refused.err.constData());
        QVERIFY(!QFileInfo::exists(typoTarget)); // nothing created, nothing written
        const Run confirmed = cli({QStringLiteral("replay"), QStringLiteral("run"), typo,
                                   QStringLiteral("--quiet"), QStringLiteral("--allow-unmatched-fields")});
        QVERIFY2(confirmed.code == 0, confirmed.err.constData());
    }

    // The service under test gets every written record on its standard input; the example
    // consumer computes revenue per hour from them; Kafka consumers get the sandbox's address.
    void externalConsumerReceivesEveryRecord()
    {
        const TimestampMs from = m_rep.incidentStart - 3600'000, to = m_rep.incidentStart + 3600'000;
        qint64 want = 0;
        for (const auto& [p, recs] : sourceRecords(QStringLiteral("payments"), from, to))
            want += static_cast<qint64>(recs.size());
        auto jobWith = [&](const QString& name, const QJsonArray& command, const QString& target) {
            QJsonObject src, dst, consumer, o;
            src[QStringLiteral("workspace")] = m_ws;
            src[QStringLiteral("topic")] = QStringLiteral("payments");
            dst[QStringLiteral("workspace")] = m_dir.filePath(target);
            dst[QStringLiteral("topic")] = QStringLiteral("p");
            consumer[QStringLiteral("command")] = command;
            consumer[QStringLiteral("input")] = QStringLiteral("stdin");
            o[QStringLiteral("source")] = src;
            o[QStringLiteral("target")] = dst;
            o[QStringLiteral("from_time")] = static_cast<qint64>(from);
            o[QStringLiteral("to_time")] = static_cast<qint64>(to);
            o[QStringLiteral("consumer")] = consumer;
            return writeJob(name, QJsonDocument(o).toJson());
        };
        const Run lines = cli({QStringLiteral("replay"), QStringLiteral("run"),
                               jobWith(QStringLiteral("wc.json"),
                                       {QStringLiteral("sh"), QStringLiteral("-c"), QStringLiteral("wc -l")},
                                       QStringLiteral("consumer-wc.rewind")),
                               QStringLiteral("--quiet")});
        QVERIFY2(lines.code == 0, lines.err.constData());
        QCOMPARE(lines.out.trimmed().toLongLong(), want);
        QVERIFY(lines.err.contains("the consumer exited with status 0"));
        const Run revenue = cli({QStringLiteral("replay"), QStringLiteral("run"),
                                 jobWith(QStringLiteral("revenue.json"),
                                         {QStringLiteral("python3"),
                                          QStringLiteral(REWIND_SOURCE_DIR "/examples/revenue_per_hour.py")},
                                         QStringLiteral("consumer-revenue.rewind")),
                                 QStringLiteral("--quiet")});
        QVERIFY2(revenue.code == 0, revenue.err.constData());
        QVERIFY2(revenue.out.contains(QStringLiteral("from %1 records").arg(want).toUtf8()),
                 revenue.out.constData());
        QVERIFY(revenue.out.contains("2026-11-19 03:00"));
        // A consumer that fails makes the command fail, and says so.
        const Run bad = cli(
            {QStringLiteral("replay"), QStringLiteral("run"),
             jobWith(QStringLiteral("bad.json"),
                     {QStringLiteral("sh"), QStringLiteral("-c"), QStringLiteral("cat >/dev/null; exit 3")},
                     QStringLiteral("consumer-bad.rewind")),
             QStringLiteral("--quiet")});
        QCOMPARE(bad.code, 1);
        QVERIFY(bad.err.contains("the consumer exited with status 3"));
    }

    // Original timing at ×10: a 10 s span plays in about 1 s.
    void pacingFollowsTheOriginalTiming()
    {
        const QString src = m_dir.filePath(QStringLiteral("pace.rewind"));
        {
            auto s = WorkspaceStore::create(src);
            QVERIFY(s.value()->createTopic(QStringLiteral("t"), 1).ok());
            std::vector<ProducerRecord> recs;
            for (int i = 0; i <= 100; ++i)
                recs.push_back(test::producerRecord(QStringLiteral("t"), 0, 1'000'000 + i * 100,
                                                    QByteArray("k"), QByteArray("v")));
            QVERIFY(s.value()->append(recs).ok());
        }
        ReplayJob j;
        j.source = SourceSpec::file(src);
        j.sourceTopic = QStringLiteral("t");
        j.target = SourceSpec::file(m_dir.filePath(QStringLiteral("pace-out.rewind")));
        j.targetTopic = QStringLiteral("t");
        j.pacing.kind = ReplayPacing::Original;
        j.pacing.speed = 10;
        QElapsedTimer t;
        t.start();
        auto rep = runReplay(j, ReplayMode::Run);
        QVERIFY2(rep.ok(), qPrintable(rep.ok() ? QString() : rep.error().message));
        QCOMPARE(rep->written, qint64(101));
        QVERIFY2(t.elapsed() >= 950 && t.elapsed() < 1600, qPrintable(QString::number(t.elapsed())));
        // Pause, step, cancel from another thread.
        ReplayJob slow = j;
        slow.targetTopic = QStringLiteral("t2");
        slow.pacing.speed = 1;
        ReplayControl control;
        control.paused = true;
        control.steps = 3;
        // Another thread cancels once the three steps are written (a condition, not a clock).
        std::atomic<qint64> stepped{0};
        std::thread stopper([&] {
            while (stepped.load() < 3 || control.steps.load() > 0)
                std::this_thread::yield();
            control.cancel = true;
        });
        auto paused = runReplay(slow, ReplayMode::Run, &control,
                                [&](const ReplayProgress& p) { stepped.store(p.written); });
        stopper.join();
        QVERIFY(paused.ok());
        QVERIFY(paused->cancelled);
        QCOMPARE(paused->written, qint64(3)); // three steps while paused, then cancelled
    }

    // Kafka as the source, into a workspace and into another Kafka sandbox, with a filter and
    // a time range: each selected record once, in partition order, with its provenance.
    void kafkaSourceToLocalAndToKafka()
    {
        const QString bootstrap = qEnvironmentVariable("REWIND_KAFKA_BOOTSTRAP");
        if (bootstrap.isEmpty())
            QSKIP("REWIND_KAFKA_BOOTSTRAP is not set (scripts/test starts the test broker)");
        KafkaProfile profile;
        profile.bootstrap = bootstrap;
        auto client = KafkaClient::connect(profile);
        QVERIFY(client.ok());
        const QString stamp = QString::number(QDateTime::currentMSecsSinceEpoch());
        const QString source = QStringLiteral("sandbox.src-") + stamp;
        QVERIFY(client.value()->createTopic(source, 3).ok());
        std::vector<ProducerRecord> recs;
        for (int i = 0; i < 900; ++i)
            recs.push_back(test::producerRecord(
                source, i % 3, 1'000'000 + i * 1000, QByteArray("k") + QByteArray::number(i),
                QByteArray("{\"n\":") + QByteArray::number(i) + "}", {{"h", QByteArray::number(i)}}));
        QVERIFY(client.value()->produce(recs).ok());
        // Selected: 100 <= n < 700 (by time), n even (by filter).
        std::map<PartitionId, std::vector<int>> want;
        for (int i = 100; i < 700; ++i)
            if (i % 2 == 0) want[i % 3].push_back(i);
        auto check = [&](const std::map<PartitionId, std::vector<Record>>& got) {
            for (const auto& [p, ns] : want) {
                auto it = got.find(p);
                QVERIFY(it != got.end());
                QCOMPARE(it->second.size(), ns.size());
                for (size_t i = 0; i < ns.size(); ++i) {
                    QCOMPARE(*it->second[i].key, QByteArray("k") + QByteArray::number(ns[i]));
                    QCOMPARE(header(it->second[i], "rewind.source.topic").value_or(QByteArray()),
                             source.toUtf8());
                    QCOMPARE(header(it->second[i], "h").value_or(QByteArray()), QByteArray::number(ns[i]));
                }
            }
        };
        for (const bool toKafka : {false, true}) {
            QJsonObject src, dst, o;
            src[QStringLiteral("bootstrap")] = bootstrap;
            src[QStringLiteral("topic")] = source;
            if (toKafka) {
                dst[QStringLiteral("bootstrap")] = bootstrap;
                dst[QStringLiteral("topic")] = QStringLiteral("sandbox.dst-") + stamp;
            } else {
                dst[QStringLiteral("workspace")] =
                    m_dir.filePath(QStringLiteral("from-kafka-%1.rewind").arg(stamp));
                dst[QStringLiteral("topic")] = QStringLiteral("copy");
            }
            o[QStringLiteral("source")] = src;
            o[QStringLiteral("target")] = dst;
            o[QStringLiteral("from_time")] = 1'000'000 + 100 * 1000;
            o[QStringLiteral("to_time")] = 1'000'000 + 700 * 1000;
            o[QStringLiteral("filter")] = QStringLiteral("value.n % 2 == 0");
            const QString job = writeJob(toKafka ? QStringLiteral("k2k.json") : QStringLiteral("k2l.json"),
                                         QJsonDocument(o).toJson());
            const Run run =
                cli({QStringLiteral("replay"), QStringLiteral("run"), job, QStringLiteral("--quiet")});
            QVERIFY2(run.code == 0, run.err.constData());
            std::map<PartitionId, std::vector<Record>> got;
            if (toKafka) {
                BrowseRequest req;
                req.topic = dst[QStringLiteral("topic")].toString();
                req.readCommitted = true;
                req.mergeByTime = false;
                size_t total = 0;
                for (const auto& [p, ns] : want)
                    total += ns.size();
                // A topic made a moment ago: its metadata may lag a little behind the writes.
                for (int attempt = 0; attempt < 20; ++attempt) {
                    got.clear();
                    size_t n = 0;
                    auto rep = KafkaBrowser(profile).run(req, [&](Record&& r) {
                        got[r.partition].push_back(std::move(r));
                        ++n;
                        return true;
                    });
                    QVERIFY2(rep.ok(), qPrintable(rep.ok() ? QString() : rep.error().message));
                    if (n >= total) break;
                    QTest::qWait(250);
                }
                (void)client.value()->deleteTopic(req.topic);
            } else {
                auto t = WorkspaceStore::open(dst[QStringLiteral("workspace")].toString(),
                                              WorkspaceStore::Mode::ReadOnly);
                QVERIFY(t.ok());
                const TopicInfo info = t.value()->topic(QStringLiteral("copy")).value();
                for (const PartitionInfo& p : info.partitions)
                    got[p.partition] =
                        t.value()->read(QStringLiteral("copy"), p.partition, p.low, -1).value();
            }
            check(got);
            // The partitions were read merged by time: sequence numbers follow the timestamps
            // across partitions (what "original" pacing plays, and what a resume counts on).
            std::vector<std::pair<qint64, TimestampMs>> bySeq;
            for (const auto& [p, written] : got)
                for (const Record& r : written)
                    bySeq.push_back(
                        {header(r, "rewind.replay.seq").value_or("-1").toLongLong(), r.timestamp});
            std::sort(bySeq.begin(), bySeq.end());
            for (size_t k = 1; k < bySeq.size(); ++k)
                QVERIFY2(bySeq[k - 1].second <= bySeq[k].second,
                         qPrintable(QStringLiteral("seq %1 is older than seq %2")
                                        .arg(bySeq[k].first)
                                        .arg(bySeq[k - 1].first)));
        }
        (void)client.value()->deleteTopic(source);
    }

    // Local → Kafka sandbox with kills: the transactional producer and the read-back keep it
    // exactly once; a consumer reading committed data sees each record once, in order.
    void kafkaTargetIsExactlyOnceAcrossKills()
    {
        const QString bootstrap = qEnvironmentVariable("REWIND_KAFKA_BOOTSTRAP");
        if (bootstrap.isEmpty())
            QSKIP("REWIND_KAFKA_BOOTSTRAP is not set (scripts/test starts the test broker)");
        const QString topic = QStringLiteral("sandbox.replay-%1").arg(QDateTime::currentMSecsSinceEpoch());
        const TimestampMs from = m_rep.incidentStart - 3600'000, to = m_rep.incidentStart + 3600'000;
        const QString job = writeJob(QStringLiteral("kafka.json"),
                                     QStringLiteral(R"({"source":{"workspace":"%1","topic":"payments"},
            "target":{"bootstrap":"%2","topic":"%3"},"from_time":%4,"to_time":%5,
            "pacing":{"mode":"rate","records_per_second":250}})")
                                         .arg(m_ws, bootstrap, topic)
                                         .arg(from)
                                         .arg(to)
                                         .toUtf8());
        auto* rng = QRandomGenerator::global();
        for (int i = 0; i < 6; ++i)
            killAfter(job, static_cast<int>(rng->bounded(600, 1500)));
        const Run last =
            cli({QStringLiteral("replay"), QStringLiteral("resume"), job, QStringLiteral("--quiet")});
        QVERIFY2(last.code == 0, last.err.constData());
        KafkaProfile profile;
        profile.bootstrap = bootstrap;
        std::map<PartitionId, std::vector<Record>> got;
        BrowseRequest req;
        req.topic = topic;
        req.readCommitted = true;
        req.mergeByTime = false;
        auto rep = KafkaBrowser(profile).run(req, [&](Record&& r) {
            got[r.partition].push_back(std::move(r));
            return true;
        });
        QVERIFY2(rep.ok(), qPrintable(rep.ok() ? QString() : rep.error().message));
        checkExactlyOnce(sourceRecords(QStringLiteral("payments"), from, to), got);
        // The sandbox keeps last week's timestamps: it was made without time retention (a broker
        // with the default 7 days would otherwise delete the records as soon as they land).
        const QString jars = qEnvironmentVariable("REWIND_KAFKA_JARS");
        if (!jars.isEmpty()) {
            QProcess configs;
            configs.start(QStringLiteral("java"),
                          {QStringLiteral("-cp"), jars + QStringLiteral("/*"),
                           QStringLiteral("kafka.admin.ConfigCommand"), QStringLiteral("--bootstrap-server"),
                           bootstrap, QStringLiteral("--entity-type"), QStringLiteral("topics"),
                           QStringLiteral("--entity-name"), topic, QStringLiteral("--describe")});
            QVERIFY(configs.waitForFinished(60000));
            const QByteArray described = configs.readAllStandardOutput();
            QVERIFY2(described.contains("retention.ms=-1"), described.constData());
        }
        // Production topics are refused without the typed unlock (exit 9), and nothing is created.
        const QString prodJob = writeJob(QStringLiteral("prod.json"),
                                         QStringLiteral(R"({"source":{"workspace":"%1","topic":"payments"},
            "target":{"bootstrap":"%2","topic":"payments-live"}})")
                                             .arg(m_ws, bootstrap)
                                             .toUtf8());
        const Run refused = cli({QStringLiteral("replay"), QStringLiteral("run"), prodJob});
        QCOMPARE(refused.code, 9);
        auto client = KafkaClient::connect(profile);
        QCOMPARE(client.value()->topic(QStringLiteral("payments-live"), false).error().code,
                 ErrorCode::NotFound);
        // A read-only profile refuses the write.
        const QString roProfile = m_dir.filePath(QStringLiteral("ro-profile.json"));
        QVERIFY(test::writeFile(
            roProfile,
            QStringLiteral(R"({"name":"ro","bootstrap":"%1","read_only":true})").arg(bootstrap).toUtf8()));
        const QString roJob = writeJob(QStringLiteral("ro.json"),
                                       QStringLiteral(R"({"source":{"workspace":"%1","topic":"payments"},
            "target":{"profile":"%2","topic":"sandbox.ro-%3"}})")
                                           .arg(m_ws, roProfile)
                                           .arg(QDateTime::currentMSecsSinceEpoch())
                                           .toUtf8());
        const Run ro = cli({QStringLiteral("replay"), QStringLiteral("run"), roJob});
        QVERIFY2(ro.code == 9, ro.err.constData());
        (void)client.value()->deleteTopic(topic);
        // Every write action on Kafka is in the audit log, the refused ones too.
        const QByteArray audit = test::readFile(m_dir.filePath(QStringLiteral("audit.ndjson")));
        QVERIFY(audit.contains(
            ("\"action\":\"create topic\",\"cluster\":\"" + bootstrap + "\",\"target\":\"" + topic)
                .toUtf8()));
        QVERIFY(audit.contains(
            ("\"action\":\"replay\",\"cluster\":\"" + bootstrap + "\",\"target\":\"" + topic).toUtf8()));
        QVERIFY(audit.contains("\"target\":\"payments-live\",\"detail\":\"refused before writing\""));
        QVERIFY(audit.contains(
            ("\"action\":\"delete topic\",\"cluster\":\"" + bootstrap + "\",\"target\":\"" + topic)
                .toUtf8()));
    }
};

QTEST_MAIN(TstReplay)
#include "tst_replay.moc"
