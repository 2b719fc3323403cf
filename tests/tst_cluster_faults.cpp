// Rewind on a replicated cluster that fails: three brokers in their own network namespaces
// (scripts/kafka-cluster; scripts/test starts it and exports REWIND_CLUSTER_BOOTSTRAP), leaders
// killed, brokers cut off, leadership moved, Rewind itself killed, while rewind-cli replays into a
// sandbox topic, captures a growing topic and follows it live, and the real window follows it too.
// Checked against the records Kafka holds, read by kcat: nothing lost, nothing duplicated, nothing
// hung; the window's event loop is timed throughout (its longest stall is reported).
//
// REWIND_FAULTS (default 20) faults, drawn from REWIND_FAULT_SEED (default: from the clock;
// printed either way), within REWIND_FAULT_SECONDS (default 300). REWIND_FAULT_REPORT names a
// file for the figures as JSON (scripts/soak reads it).

#include "cluster_fixture.h"
#include "group_details.h"
#include "kafka_client.h"
#include "kafka_fixture.h"
#include "main_window.h"
#include "main_window_fixture.h"
#include "profile_store.h"
#include "record_table_model.h"
#include "source_registry.h"
#include "stall_meter.h"
#include "workspace_store.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QScopeGuard>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <atomic>
#include <csignal>
#include <limits>
#include <map>
#include <mutex>
#include <set>
#include <thread>

using namespace rw;
using namespace rw::test::kafka;

namespace {

using test::clusterBootstrap;
using test::clusterProfile;
using test::kClusterScript;

// rewind-cli as built, or the copy REWIND_CLI_BIN names (scripts/soak runs copies, so a rebuild
// meanwhile does not pull the binary from under an hour-long run).
QString cliBinary()
{
    const QString copy = env("REWIND_CLI_BIN");
    return copy.isEmpty() ? QStringLiteral(REWIND_CLI) : copy;
}

Run clusterCommand(const QStringList& args, int timeoutMs = 120000)
{
    return run(kClusterScript, args, timeoutMs);
}

// (partition, offset) -> key, as kcat reads a topic to its end (read_committed when asked).
using Holdings = std::map<std::pair<int, qint64>, QByteArray>;

Holdings kafkaHoldings(const QString& topic, bool readCommitted, QByteArray* headersOut = nullptr)
{
    QStringList args = {QStringLiteral("-b"),
                        clusterBootstrap(),
                        QStringLiteral("-C"),
                        QStringLiteral("-t"),
                        topic,
                        QStringLiteral("-e"),
                        QStringLiteral("-q"),
                        QStringLiteral("-f"),
                        QStringLiteral("%p %o %k\t%h\n")};
    if (readCommitted) args << QStringLiteral("-X") << QStringLiteral("isolation.level=read_committed");
    const Run r = run(QStringLiteral("kcat"), args, 300000);
    if (r.exit != 0) qFatal("kcat failed on %s: %s", qPrintable(topic), r.err.constData());
    Holdings out;
    for (const QByteArray& line : r.out.split('\n')) {
        if (line.isEmpty()) continue;
        const qsizetype sp1 = line.indexOf(' '), sp2 = line.indexOf(' ', sp1 + 1), tab = line.indexOf('\t');
        if (sp1 < 0 || sp2 < 0 || tab < 0) continue;
        out[{line.left(sp1).toInt(), line.mid(sp1 + 1, sp2 - sp1 - 1).toLongLong()}] =
            line.mid(sp2 + 1, tab - sp2 - 1);
        if (headersOut) *headersOut += line.mid(tab + 1) + '\n';
    }
    return out;
}

// A replay's sandbox read in read_committed: how often each rewind.replay.seq is there, and
// how many of [0, expected) are duplicated or missing.
struct SeqCount {
    qint64 distinct = 0, duplicated = 0, missing = 0;
};
SeqCount countSeqs(const QString& sandbox, qint64 expected)
{
    QByteArray headers;
    kafkaHoldings(sandbox, true, &headers);
    std::map<qint64, int> seqs;
    static const QRegularExpression seqRe(QStringLiteral("rewind\\.replay\\.seq=(\\d+)"));
    for (const QByteArray& h : headers.split('\n')) {
        const auto m = seqRe.match(QString::fromUtf8(h));
        if (m.hasMatch()) ++seqs[m.captured(1).toLongLong()];
    }
    SeqCount out;
    out.distinct = qint64(seqs.size());
    for (const auto& [seq, n] : seqs)
        out.duplicated += n - 1;
    for (qint64 seq = 0; seq < expected; ++seq)
        if (!seqs.count(seq)) ++out.missing;
    return out;
}

// The audit log's last replay line per target: "outcome detail".
std::map<QString, QString> lastReplays(const QString& audit)
{
    std::map<QString, QString> out;
    QFile f(audit);
    if (!f.open(QIODevice::ReadOnly)) return out;
    for (const QByteArray& line : f.readAll().split('\n')) {
        const QJsonObject o = QJsonDocument::fromJson(line).object();
        if (o.value(QStringLiteral("action")).toString() != QLatin1String("replay")) continue;
        out[o.value(QStringLiteral("target")).toString()] = o.value(QStringLiteral("outcome")).toString() +
                                                            u' ' +
                                                            o.value(QStringLiteral("detail")).toString();
    }
    return out;
}

// Whether an audit line says the job is done, with what it wrote and found there adding up to it.
bool auditSaysDone(const QString& line, qint64 records)
{
    static const QRegularExpression doneRe(
        QStringLiteral("^done job \\w+: (\\d+) records written, (\\d+) already there"));
    const auto m = doneRe.match(line);
    return m.hasMatch() && m.captured(1).toLongLong() + m.captured(2).toLongLong() == records;
}

// A topic of `partitions` (replication factor 3) with `records` records "k<n>" round-robin,
// values from `value(n)`.
template <typename Value>
bool makeTopic(KafkaClient& client, const QString& topic, int partitions, int records, const Value& value)
{
    if (!client.createTopic(topic, partitions, -1, {}, true).ok()) return false;
    for (int from = 0; from < records; from += 25000) {
        std::vector<ProducerRecord> batch;
        for (int n = from; n < std::min(records, from + 25000); ++n)
            batch.push_back(rec(topic, n % partitions, 1795058220000 + n,
                                QByteArray("k") + QByteArray::number(n), value(n)));
        if (!client.produce(batch, 60000).ok()) return false;
    }
    return true;
}

struct Figures {
    std::map<QString, int> faultsByKind;
    int faults = 0;
    int recoveries = 0;
    qint64 replayed = 0;
    int replayJobs = 0;
    int replayRuns = 0;
    int replayKilled = 0;
    qint64 lost = 0;
    qint64 duplicated = 0;
    int hung = 0;
    int captures = 0;
    int capturesFailed = 0;
    qint64 captured = 0;
    qint64 followed = 0;
    qint64 produced = 0;
    qint64 windowRows = 0;
    qint64 longestStallMs = 0;
    QStringList problems;

    QJsonObject json(quint32 seed, qint64 ms) const
    {
        QJsonObject kinds;
        for (const auto& [k, n] : faultsByKind)
            kinds.insert(k, n);
        return QJsonObject{{QStringLiteral("seed"), qint64(seed)},
                           {QStringLiteral("seconds"), double(ms) / 1000.0},
                           {QStringLiteral("faults"), faults},
                           {QStringLiteral("faults_by_kind"), kinds},
                           {QStringLiteral("recoveries"), recoveries},
                           {QStringLiteral("replay_jobs"), replayJobs},
                           {QStringLiteral("replay_runs"), replayRuns},
                           {QStringLiteral("replay_runs_killed"), replayKilled},
                           {QStringLiteral("records_replayed"), replayed},
                           {QStringLiteral("captures"), captures},
                           {QStringLiteral("captures_failed"), capturesFailed},
                           {QStringLiteral("records_captured"), captured},
                           {QStringLiteral("records_followed"), followed},
                           {QStringLiteral("records_produced_live"), produced},
                           {QStringLiteral("window_rows"), windowRows},
                           {QStringLiteral("window_longest_stall_ms"), longestStallMs},
                           {QStringLiteral("lost"), lost},
                           {QStringLiteral("duplicated"), duplicated},
                           {QStringLiteral("hung"), hung},
                           {QStringLiteral("problems"), QJsonArray::fromStringList(problems)}};
    }
};

// Draws faults from the seed on a thread of its own: at most one broker down or cut off at a
// time (two would leave min.insync.replicas=2 unmet and only stall everything), back after 0.5-2.5 s.
class Injector {
public:
    Injector(quint32 seed, int count, QStringList topics)
        : m_rng(seed), m_count(count), m_topics(std::move(topics))
    {
    }

    void start()
    {
        m_thread = std::thread([this] { loop(); });
    }
    void stop()
    {
        m_stop = true;
        if (m_thread.joinable()) m_thread.join();
    }
    bool done() const { return m_done; }
    // The replay process's pid, killed as one of the faults (0: none running).
    std::atomic<qint64> replayPid{0};

    std::map<QString, int> byKind() const
    {
        std::lock_guard lock(m_mutex);
        return m_byKind;
    }
    int faults() const { return m_faults; }
    int recoveries() const { return m_recoveries; }
    QStringList errors() const
    {
        std::lock_guard lock(m_mutex);
        return m_errors;
    }

private:
    void sleepMs(int ms)
    {
        for (int waited = 0; waited < ms && !m_stop; waited += 50)
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    bool act(const QString& kind, const QStringList& args)
    {
        const Run r = clusterCommand(QStringList{QStringLiteral("fault")} + args);
        std::lock_guard lock(m_mutex);
        if (r.exit != 0) {
            m_errors << QStringLiteral("fault %1: exit %2: %3")
                            .arg(args.join(u' '))
                            .arg(r.exit)
                            .arg(QString::fromUtf8(r.err.trimmed().right(300)));
            return false;
        }
        if (!kind.isEmpty()) {
            ++m_byKind[kind];
            ++m_faults;
        }
        qInfo("fault %d: %s", m_faults.load(), qPrintable(args.join(u' ')));
        return true;
    }
    void loop()
    {
        QString down; // "kill N" or "isolate N" in force
        QElapsedTimer downFor;
        int downMs = 0;
        while (!m_stop && m_faults < m_count) {
            sleepMs(int(m_rng.bounded(100, 500)));
            if (m_stop) break;
            if (!down.isEmpty()) {
                if (downFor.elapsed() < downMs) continue;
                const QString n = down.section(u' ', 1);
                if (down.startsWith(u'k'))
                    act({}, {QStringLiteral("restart"), n});
                else
                    act({}, {QStringLiteral("heal")});
                ++m_recoveries;
                down.clear();
                continue;
            }
            const int pick = int(m_rng.bounded(100));
            const QString broker = QString::number(m_rng.bounded(1, 4));
            if (pick < 15) {
                if (act(QStringLiteral("kill"), {QStringLiteral("kill"), broker}))
                    down = QStringLiteral("kill ") + broker;
            } else if (pick < 50) {
                if (act(QStringLiteral("isolate"), {QStringLiteral("isolate"), broker}))
                    down = QStringLiteral("isolate ") + broker;
            } else if (pick < 65) {
                const QString topic = m_topics.at(int(m_rng.bounded(qsizetype(m_topics.size()))));
                act(QStringLiteral("move-leader"),
                    {QStringLiteral("move-leader"), topic, QString::number(m_rng.bounded(3))});
            } else {
                const qint64 pid = replayPid.load();
                if (pid > 0 && ::kill(pid_t(pid), SIGKILL) == 0) {
                    std::lock_guard lock(m_mutex);
                    ++m_byKind[QStringLiteral("kill-rewind")];
                    ++m_faults;
                    qInfo("fault %d: kill -9 rewind-cli replay (pid %lld)", m_faults.load(),
                          static_cast<long long>(pid));
                }
            }
            if (!down.isEmpty()) {
                downFor.start();
                downMs = int(m_rng.bounded(500, 2500));
            }
        }
        if (!down.isEmpty()) {
            act({}, {QStringLiteral("heal")});
            ++m_recoveries;
        }
        m_done = true;
    }

    QRandomGenerator m_rng;
    const int m_count;
    const QStringList m_topics;
    std::thread m_thread;
    std::atomic_bool m_stop{false}, m_done{false};
    std::atomic<int> m_faults{0}, m_recoveries{0};
    mutable std::mutex m_mutex;
    std::map<QString, int> m_byKind;
    QStringList m_errors;
};

// The __consumer_offsets partition that holds a group (Kafka: abs(String.hashCode) % partitions):
// its leader is the group's coordinator.
int offsetsPartitionOf(const QString& group, int partitions)
{
    qint32 h = 0;
    for (const QChar c : group)
        h = static_cast<qint32>(static_cast<quint32>(h) * 31u + c.unicode());
    const qint32 a = h == std::numeric_limits<qint32>::min() ? 0 : std::abs(h);
    return a % partitions;
}

QByteArray tail(const QByteArray& text, int n = 400)
{
    return text.right(n).trimmed();
}

} // namespace

class TstClusterFaults : public QObject, protected rw::test::DemoWindowFixture {
    Q_OBJECT
    std::unique_ptr<KafkaClient> m_client;

private slots:
    void initTestCase()
    {
        RW_SKIP_WITHOUT_CLUSTER();
        QVERIFY(makeDemo()); // test-mode settings and translations for the window
        // Every earlier test's faults healed: all three brokers up.
        QVERIFY(clusterCommand({QStringLiteral("fault"), QStringLiteral("heal")}).exit == 0);
        auto c = KafkaClient::connect(clusterProfile());
        QVERIFY2(c.ok(), qPrintable(c.ok() ? QString() : c.error().message));
        m_client = std::move(c.value());
    }

    // Before each test: the cluster whole again after the last one's faults (a broker restarted
    // at its end may still be starting, or catching up): every link up, every broker running and
    // listed, every partition's replicas all in sync. CI once began the data directory test
    // while the broker the search test had restarted still refused connections.
    void init()
    {
        if (!m_client) return;
        QVERIFY(clusterCommand({QStringLiteral("fault"), QStringLiteral("heal")}).exit == 0);
        QElapsedTimer waited;
        waited.start();
        QString lacking;
        auto whole = [&] {
            auto c = m_client->cluster(true, false);
            if (!c.ok()) {
                lacking = c.error().message;
                return false;
            }
            if (c->brokers.size() != 3) {
                lacking = QStringLiteral("%1 brokers listed").arg(c->brokers.size());
                return false;
            }
            for (const KafkaTopicInfo& t : c->topics)
                for (const KafkaPartitionInfo& p : t.partitions)
                    if (p.leader < 0 || p.isr.size() != p.replicas.size()) {
                        lacking = QStringLiteral("%1-%2 in sync on %3 of %4 replicas")
                                      .arg(t.name)
                                      .arg(p.partition)
                                      .arg(p.isr.size())
                                      .arg(p.replicas.size());
                        return false;
                    }
            return true;
        };
        QVERIFY2(QTest::qWaitFor(whole, 90000), qPrintable(lacking));
        if (waited.elapsed() > 2000)
            qInfo("waited %.1f s for the cluster to be whole (%s)", double(waited.elapsed()) / 1000.0,
                  qPrintable(lacking));
    }

    // Faults at random during replays into sandbox topics (one after another, each resumed
    // after every failure or kill until complete), captures of a growing topic (one after
    // another) and one follow of that topic. Every replay's sandbox holds each
    // rewind.replay.seq once in read_committed; every capture holds each partition as a
    // hole-free prefix equal to Kafka's records; the follow printed every record Kafka holds,
    // once, in offset order per partition.
    void replayCaptureAndFollowUnderFaults()
    {
        const quint32 seed = env("REWIND_FAULT_SEED").isEmpty() ? quint32(QDateTime::currentMSecsSinceEpoch())
                                                                : env("REWIND_FAULT_SEED").toUInt();
        const int count = env("REWIND_FAULTS").isEmpty() ? 20 : env("REWIND_FAULTS").toInt();
        const qint64 budgetMs =
            1000 * (env("REWIND_FAULT_SECONDS").isEmpty() ? 300 : env("REWIND_FAULT_SECONDS").toInt());
        qInfo("fault seed %u (REWIND_FAULT_SEED=%u repeats this draw), %d faults", seed, seed, count);
        const QString id = QString::number(seed, 16);
        const QString src = QStringLiteral("faults.src-") + id, live = QStringLiteral("faults.live-") + id;
        // Each replay takes 5 s (a soak's 50 s) at 800 records/s: a soak makes about a hundred
        // sandbox topics, not a thousand.
        const int kReplayRecords = count >= 100 ? 40000 : 4000;
        constexpr qint64 kCaptureTail = 3000;
        QVERIFY(makeTopic(*m_client, src, 3, kReplayRecords,
                          [](int n) { return QByteArray("{\"n\":") + QByteArray::number(n) + '}'; }));
        QVERIFY(m_client->createTopic(live, 3, -1, {}, true).ok());
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString audit = dir.filePath(QStringLiteral("audit.ndjson"));
        QProcessEnvironment cliEnv = QProcessEnvironment::systemEnvironment();
        cliEnv.insert(QStringLiteral("REWIND_AUDIT_FILE"), audit);
        cliEnv.insert(QStringLiteral("HOME"),
                      dir.path()); // replays/<job>.json land here, not in the user's home

        Figures fig;
        Injector injector(seed, count, {src, live});
        QElapsedTimer clock;
        clock.start();

        // The live producer: 20 records every 100 ms, keys L<n>; a batch a fault refused is
        // counted as not produced (Kafka's own records are the reference, read at the end).
        std::atomic_bool producing{true};
        std::atomic<qint64> produced{0};
        std::thread producer([&] {
            auto pc = KafkaClient::connect(clusterProfile());
            if (!pc) return;
            qint64 n = 0;
            while (producing) {
                std::vector<ProducerRecord> batch;
                for (int i = 0; i < 20; ++i, ++n)
                    batch.push_back(rec(live, int(n % 3), QDateTime::currentMSecsSinceEpoch(),
                                        QByteArray("L") + QByteArray::number(n),
                                        QByteArray("{\"n\":") + QByteArray::number(n) + '}'));
                if (auto r = pc.value()->produce(batch, 15000)) produced += r->delivered;
                std::this_thread::sleep_for(std::chrono::milliseconds(100));
            }
        });

        // The follow: one rewind-cli consume without -e from the beginning of the live topic.
        QProcess follow;
        follow.setProcessEnvironment(cliEnv);
        follow.start(cliBinary(), {QStringLiteral("consume"), QStringLiteral("-b"), clusterBootstrap(),
                                   QStringLiteral("-t"), live, QStringLiteral("-o"),
                                   QStringLiteral("beginning"), QStringLiteral("-J")});
        QVERIFY(follow.waitForStarted());
        QByteArray followed;
        connect(&follow, &QProcess::readyReadStandardOutput, this,
                [&] { followed += follow.readAllStandardOutput(); });

        // Replays, one after another: run, then resume after every stop until exit 0.
        QStringList sandboxes;
        std::unique_ptr<QProcess> replay;
        QString job;
        bool resumeNext = false;
        auto startReplay = [&] {
            if (!resumeNext) {
                const QString target = QStringLiteral("sandbox.faults-%1-%2").arg(id).arg(sandboxes.size());
                sandboxes << target;
                job = dir.filePath(QStringLiteral("job-%1.json").arg(sandboxes.size()));
                const QJsonObject j{
                    {QStringLiteral("name"), QStringLiteral("fault test")},
                    {QStringLiteral("source"), QJsonObject{{QStringLiteral("bootstrap"), clusterBootstrap()},
                                                           {QStringLiteral("topic"), src}}},
                    {QStringLiteral("target"), QJsonObject{{QStringLiteral("bootstrap"), clusterBootstrap()},
                                                           {QStringLiteral("topic"), target}}},
                    {QStringLiteral("pacing"), QJsonObject{{QStringLiteral("mode"), QStringLiteral("rate")},
                                                           {QStringLiteral("records_per_second"), 800}}}};
                QVERIFY(test::writeFile(job, QJsonDocument(j).toJson()));
                ++fig.replayJobs;
            }
            replay = std::make_unique<QProcess>();
            replay->setProcessEnvironment(cliEnv);
            replay->setWorkingDirectory(dir.path());
            replay->start(cliBinary(), {QStringLiteral("replay"),
                                        resumeNext ? QStringLiteral("resume") : QStringLiteral("run"),
                                        QStringLiteral("--quiet"), job});
            QVERIFY(replay->waitForStarted());
            injector.replayPid = replay->processId();
            ++fig.replayRuns;
        };
        QElapsedTimer replayIdle; // since the last replay run ended without finishing its job

        // Captures of the growing topic, one after another, each into a new workspace.
        std::unique_ptr<QProcess> capture;
        QString captureFile;
        QStringList capturedFiles;
        auto startCapture = [&] {
            captureFile =
                dir.filePath(QStringLiteral("cap-%1.rewind").arg(fig.captures + fig.capturesFailed));
            capture = std::make_unique<QProcess>();
            capture->setProcessEnvironment(cliEnv);
            // The last kCaptureTail records of each partition as the capture starts (a soak's
            // topic grows to hundreds of thousands).
            capture->start(cliBinary(),
                           {QStringLiteral("capture"), QStringLiteral("-b"), clusterBootstrap(),
                            QStringLiteral("-t"), live, QStringLiteral("-o"),
                            QStringLiteral("-%1").arg(kCaptureTail), QStringLiteral("--out"), captureFile});
            QVERIFY(capture->waitForStarted());
        };

        // The window follows partition 0 of the live topic; a 10 ms timer on its thread measures
        // the longest stall of the event loop throughout.
        MainWindow window;
        window.resize(1280, 720);
        window.show();
        const KafkaProfile windowProfile = [&] {
            KafkaProfile p = clusterProfile();
            p.name = QStringLiteral("replicated cluster ") + id;
            p.readOnly = true;
            return p;
        }();
        QVERIFY(window.profiles()->save(windowProfile).ok());
        {
            QSignalSpy loaded(&window, &MainWindow::workspaceLoaded);
            window.openKafka(windowProfile.name);
            QTRY_COMPARE_WITH_TIMEOUT(loaded.size(), 1, 60000);
        }
        window.selectTopic(live, 0);
        window.setFollow(true);
        test::StallMeter meter;
        meter.start();

        injector.start();
        startReplay();
        startCapture();
        QElapsedTimer captureStarted;
        captureStarted.start();
        QElapsedTimer phase; // since the faults ended
        while (true) {
            QTest::qWait(50);
            if (replay && replay->state() == QProcess::NotRunning) {
                injector.replayPid = 0;
                const bool killed = replay->exitStatus() == QProcess::CrashExit;
                if (!killed && replay->exitCode() == 0) {
                    resumeNext = false;
                    replay.reset();
                    // A new job while faults go on; after them, the last one finishes and none follows.
                    if (!injector.done()) startReplay();
                } else {
                    if (killed)
                        ++fig.replayKilled;
                    else
                        qInfo("replay stopped (exit %d): %s", replay->exitCode(),
                              tail(replay->readAllStandardError()).constData());
                    resumeNext = true;
                    replay.reset();
                    replayIdle.start();
                }
            }
            if (!replay && resumeNext && replayIdle.elapsed() > 500) startReplay();
            if (capture && capture->state() == QProcess::NotRunning) {
                const bool ok = capture->exitStatus() == QProcess::NormalExit && capture->exitCode() == 0;
                if (ok) {
                    ++fig.captures;
                    capturedFiles << captureFile;
                } else {
                    ++fig.capturesFailed;
                    qInfo("capture failed (exit %d): %s", capture->exitCode(),
                          tail(capture->readAllStandardError()).constData());
                    if (QFileInfo::exists(captureFile))
                        fig.problems << QStringLiteral("a failed capture left %1 behind").arg(captureFile);
                }
                capture.reset();
            }
            // The next capture once the last is done, at most one every 5 s (a soak's files add up).
            if (!capture && !injector.done() && captureStarted.elapsed() >= 5000) {
                startCapture();
                captureStarted.restart();
            }
            if (follow.state() != QProcess::Running) {
                fig.problems << QStringLiteral("the follow stopped (exit %1): %2")
                                    .arg(follow.exitCode())
                                    .arg(QString::fromUtf8(tail(follow.readAllStandardError())));
                break;
            }
            if (!injector.done()) {
                if (clock.elapsed() > budgetMs) {
                    fig.problems << QStringLiteral("only %1 of %2 faults within %3 s")
                                        .arg(injector.faults())
                                        .arg(count)
                                        .arg(budgetMs / 1000);
                    injector.stop();
                }
                continue;
            }
            if (!phase.isValid()) {
                phase.start();
                injector.stop();
                producing = false;
                qInfo("faults done after %.1f s; waiting for the replay, the capture and the follow",
                      double(clock.elapsed()) / 1000.0);
            }
            const bool settled = !replay && !resumeNext && !capture;
            if (settled) break;
            if (phase.elapsed() > 240000) {
                if (replay || resumeNext) {
                    ++fig.hung;
                    fig.problems << QStringLiteral(
                        "the replay did not finish within 240 s of the last fault");
                }
                if (capture) {
                    ++fig.hung;
                    fig.problems << QStringLiteral("a capture did not finish within 240 s of the last fault");
                }
                break;
            }
        }
        if (producer.joinable()) {
            producing = false;
            producer.join();
        }
        if (replay) replay->kill(), replay->waitForFinished();
        if (capture) capture->kill(), capture->waitForFinished();
        fig.produced = produced;
        const QStringList injectorErrors = injector.errors();
        for (const QString& e : injectorErrors)
            fig.problems << e;

        // The follow has printed every record of the live topic: Kafka's records are the reference.
        const Holdings liveHeld = kafkaHoldings(live, false);
        {
            QElapsedTimer waited;
            waited.start();
            auto lines = [&] { return followed.count('\n'); };
            while (follow.state() == QProcess::Running && lines() < qsizetype(liveHeld.size()) &&
                   waited.elapsed() < 120000)
                QTest::qWait(100);
            if (lines() < qsizetype(liveHeld.size()) && follow.state() == QProcess::Running) {
                ++fig.hung;
                fig.problems << QStringLiteral(
                                    "the follow printed %1 of %2 records 120 s after the last fault")
                                    .arg(lines())
                                    .arg(liveHeld.size());
            }
            QTest::qWait(1000); // nothing beyond them either
            follow.terminate();
            if (!follow.waitForFinished(10000)) follow.kill(), follow.waitForFinished();
            followed += follow.readAllStandardOutput();
        }
        std::map<std::pair<int, qint64>, int> seen;
        std::map<int, qint64> lastOffset;
        for (const QByteArray& line : followed.split('\n')) {
            if (line.isEmpty()) continue;
            const QJsonObject o = QJsonDocument::fromJson(line).object();
            const int p = o.value(QStringLiteral("partition")).toInt();
            const qint64 off = o.value(QStringLiteral("offset")).toInteger();
            ++fig.followed;
            if (lastOffset.count(p) && off <= lastOffset[p])
                fig.problems << QStringLiteral("the follow went back in partition %1: %2 after %3")
                                    .arg(p)
                                    .arg(off)
                                    .arg(lastOffset[p]);
            lastOffset[p] = off;
            const auto held = liveHeld.find({p, off});
            if (held == liveHeld.end() ||
                held->second != o.value(QStringLiteral("key")).toString().toUtf8()) {
                ++fig.duplicated; // printed, but not Kafka's record at that offset
                fig.problems
                    << QStringLiteral("the follow printed %1/%2, not Kafka's record there").arg(p).arg(off);
                continue;
            }
            if (++seen[{p, off}] > 1) ++fig.duplicated;
        }
        qint64 followLost = 0;
        for (const auto& [at, key] : liveHeld)
            if (!seen.count(at)) ++followLost;
        if (followLost)
            fig.problems << QStringLiteral("the follow missed %1 of Kafka's %2 records")
                                .arg(followLost)
                                .arg(liveHeld.size());
        fig.lost += followLost;

        // The window's table: every offset of partition 0 Kafka holds, once, in order.
        {
            qint64 held0 = 0;
            for (const auto& [at, key] : liveHeld)
                if (at.first == 0) ++held0;
            if (!QTest::qWaitFor([&] { return window.recordModel()->rowCount() >= held0; }, 60000)) {
                ++fig.hung;
                fig.problems
                    << QStringLiteral(
                           "the window shows %1 of partition 0's %2 records 60 s after the last fault")
                           .arg(window.recordModel()->rowCount())
                           .arg(held0);
            }
            meter.stop();
            fig.longestStallMs = meter.longestMs();
            fig.windowRows = window.recordModel()->rowCount();
            for (int r = 0; r < window.recordModel()->rowCount(); ++r) {
                const qint64 off =
                    window.recordModel()->index(r, 0).data(RecordTableModel::OffsetRole).toLongLong();
                if (off != r) {
                    fig.problems << QStringLiteral("the window's row %1 holds offset %2").arg(r).arg(off);
                    break;
                }
            }
            if (fig.windowRows > held0) {
                fig.duplicated += fig.windowRows - held0;
                fig.problems << QStringLiteral("the window shows %1 rows of partition 0, Kafka holds %2")
                                    .arg(fig.windowRows)
                                    .arg(held0);
            }
            window.profiles()->remove(windowProfile.name);
        }

        // Each capture: every partition a hole-free run of Kafka's records, the last
        // kCaptureTail of it when the capture started (all of it when it held fewer).
        for (const QString& file : capturedFiles) {
            auto store = WorkspaceStore::open(file, WorkspaceStore::Mode::ReadOnly);
            if (!store) {
                fig.problems
                    << QStringLiteral("capture %1 does not open: %2").arg(file, store.error().message);
                continue;
            }
            auto t = store.value()->topic(live);
            if (!t) continue; // the topic was still empty when that capture began
            for (const PartitionInfo& part : t->partitions) {
                if (part.count == 0) continue;
                auto rs = store.value()->read(live, part.partition, part.low, int(part.count));
                QVERIFY(rs.ok());
                // `-o -3000` starts 3,000 before the end as the capture started; records written
                // while it read come with it (as with kcat -e), so a run holds at least 3,000
                // (all of a shorter partition), from its first offset on without a hole.
                if (rs->empty()) continue;
                const qint64 first = rs->front().offset, last = rs->back().offset;
                if (first > std::max<qint64>(0, last + 1 - kCaptureTail)) {
                    fig.problems
                        << QStringLiteral(
                               "capture %1: partition %2 starts at %3, fewer than %4 before its end %5")
                               .arg(file)
                               .arg(part.partition)
                               .arg(first)
                               .arg(kCaptureTail)
                               .arg(last + 1);
                    fig.lost += first - std::max<qint64>(0, last + 1 - kCaptureTail);
                }
                qint64 expect = first;
                for (const Record& r : *rs) {
                    ++fig.captured;
                    if (r.offset != expect) {
                        fig.problems << QStringLiteral(
                                            "capture %1: partition %2 has offset %3 where %4 was due")
                                            .arg(file)
                                            .arg(part.partition)
                                            .arg(r.offset)
                                            .arg(expect);
                        fig.lost += r.offset > expect ? r.offset - expect : 0;
                        fig.duplicated += r.offset < expect ? 1 : 0;
                    }
                    expect = r.offset + 1;
                    const auto held = liveHeld.find({part.partition, r.offset});
                    if (held == liveHeld.end() || !r.key || held->second != *r.key)
                        fig.problems << QStringLiteral("capture %1: %2/%3 is not Kafka's record")
                                            .arg(file)
                                            .arg(part.partition)
                                            .arg(r.offset);
                }
            }
        }

        // Each replay's sandbox: every seq once, read_committed; the audit log (the journal of a
        // Kafka-to-Kafka replay) agrees: each job's last run done, and what it wrote plus what it
        // found there is the whole job.
        const std::map<QString, QString> audited = lastReplays(audit);
        for (const QString& target : sandboxes) {
            const bool finished = target != sandboxes.last() || (!replay && !resumeNext);
            if (!finished) continue;
            const SeqCount c = countSeqs(target, kReplayRecords);
            fig.replayed += c.distinct;
            fig.duplicated += c.duplicated;
            fig.lost += c.missing;
            if (c.duplicated || c.missing)
                fig.problems << QStringLiteral("%1: %2 duplicated, %3 missing of %4")
                                    .arg(target)
                                    .arg(c.duplicated)
                                    .arg(c.missing)
                                    .arg(kReplayRecords);
            const QString said = audited.count(target) ? audited.at(target) : QString();
            if (!auditSaysDone(said, kReplayRecords))
                fig.problems
                    << QStringLiteral("the audit log's last replay of %1 says \"%2\"").arg(target, said);
        }

        fig.faults = injector.faults();
        fig.faultsByKind = injector.byKind();
        fig.recoveries = injector.recoveries();
        const QJsonObject report = fig.json(seed, clock.elapsed());
        qInfo("%s", QJsonDocument(report).toJson(QJsonDocument::Compact).constData());
        qInfo("seed %u: faults %d, lost %lld, duplicated %lld, hung %d", seed, fig.faults,
              static_cast<long long>(fig.lost), static_cast<long long>(fig.duplicated), fig.hung);
        if (!env("REWIND_FAULT_REPORT").isEmpty())
            test::writeFile(env("REWIND_FAULT_REPORT"), QJsonDocument(report).toJson());
        QVERIFY2(fig.problems.isEmpty(), qPrintable(fig.problems.join(u'\n')));
        QVERIFY(fig.faults >= count);
        QCOMPARE(fig.lost, 0);
        QCOMPARE(fig.duplicated, 0);
        QCOMPARE(fig.hung, 0);
        QVERIFY(fig.followed > 0 && fig.captures > 0 && fig.replayJobs > 0);
        for (const QString& t : sandboxes)
            (void)m_client->deleteTopic(t);
        (void)m_client->deleteTopic(src, {}, true);
        (void)m_client->deleteTopic(live, {}, true);
    }

    // The coordinator of a group with a known lag killed, then started again, while the lag
    // sampler samples every 300 ms through the source: every sample it keeps is the true lag (a
    // refused or half answer is no sample, never a zero or a spike), and samples go on after the
    // coordinator moved.
    void lagStaysTrueAcrossACoordinatorMove()
    {
        const QString id = QString::number(QDateTime::currentMSecsSinceEpoch(), 16);
        const QString topic = QStringLiteral("faults.lag-") + id, group = QStringLiteral("faults-lag-") + id;
        QVERIFY(makeTopic(*m_client, topic, 3, 600, [](int) { return QByteArray("{}"); }));
        std::vector<ResetPlanRow> plan;
        for (int p = 0; p < 3; ++p)
            plan.push_back({topic, p, std::nullopt, 50});
        QVERIFY(m_client->applyReset(group, plan).ok()); // committed at 50 of 200 in each: lag 450
        constexpr qint64 kLag = 450;

        auto offsets = m_client->topic(QStringLiteral("__consumer_offsets"), false);
        QVERIFY(offsets.ok());
        const int part = offsetsPartitionOf(group, int(offsets->partitions.size()));
        const int coordinator = offsets->partitions.at(size_t(part)).leader;
        QVERIFY(coordinator > 0);

        auto source = openRecordSource(SourceSpec::cluster(clusterProfile()));
        QVERIFY(source.ok());
        LagSampler sampler;
        std::vector<std::pair<TimestampMs, qint64>> samples;
        connect(&sampler, &LagSampler::sampled, this,
                [&](const QString&, const QString& g, const LagSample& sample, bool) {
                    if (g == group) samples.push_back({sample.at, sample.lag});
                });
        // What the sampler says while the coordinator is away, for whoever reads the log.
        QElapsedTimer clock;
        clock.start();
        QStringList notices;
        connect(&sampler, &LagSampler::notice, this, [&](const QString& m) {
            if (notices.size() < 20)
                notices << QStringLiteral("%1 s: %2").arg(double(clock.elapsed()) / 1000.0, 0, 'f', 1).arg(m);
        });
        sampler.setInterval(1000);
        sampler.setSource(source.value());
        QTRY_VERIFY_WITH_TIMEOUT(!samples.empty(), 20000);
        QVERIFY(
            clusterCommand({QStringLiteral("fault"), QStringLiteral("kill"), QString::number(coordinator)})
                .exit == 0);
        const TimestampMs killed = QDateTime::currentMSecsSinceEpoch();
        QTest::qWait(15000);
        QVERIFY(
            clusterCommand({QStringLiteral("fault"), QStringLiteral("restart"), QString::number(coordinator)})
                .exit == 0);
        // Sampling goes on once the group has a new coordinator: within 60 s of the restart.
        // (Before each group request's handle was dropped on a coordinator's failure, librdkafka
        // kept asking the restarted broker, "Not coordinator", for minutes: 3 runs in 5.)
        const bool resumed = QTest::qWaitFor(
            [&] {
                return std::any_of(samples.begin(), samples.end(),
                                   [&](const auto& s) { return s.first > killed + 8000; });
            },
            60000);
        for (const QString& n : notices)
            qInfo("notice %s", qPrintable(n));
        QVERIFY2(resumed, "no lag sample completed within 60 s of the coordinator's restart");
        for (const auto& [at, lag] : samples)
            if (at > killed + 8000) {
                qInfo("the first sample after the kill came %.1f s after it", double(at - killed) / 1000.0);
                break;
            }
        sampler.setSource(nullptr);
        qint64 after = 0;
        for (const auto& [at, lag] : samples) {
            QCOMPARE(lag, kLag);
            if (at > killed + 8000) ++after;
        }
        qInfo("coordinator %d killed: %zu samples, %lld of them taken 8 s or more after, all %lld",
              coordinator, samples.size(), static_cast<long long>(after), static_cast<long long>(kLag));
        (void)m_client->deleteTopic(topic, {}, true);
    }

    // An offset reset whose coordinator is cut off as it is applied: it fails saying, for each
    // partition, whether it moved (read back once the group has a new coordinator), or it
    // succeeds; either way the group's offsets are what the answer says.
    void resetCutOffMidwaySaysWhatMoved()
    {
        const QString id = QString::number(QDateTime::currentMSecsSinceEpoch(), 16);
        const QString topic = QStringLiteral("faults.reset-") + id,
                      group = QStringLiteral("faults-reset-") + id;
        QVERIFY(makeTopic(*m_client, topic, 3, 300, [](int) { return QByteArray("{}"); }));
        std::vector<ResetPlanRow> first, second;
        for (int p = 0; p < 3; ++p) {
            first.push_back({topic, p, std::nullopt, 10});
            second.push_back({topic, p, 10, 60});
        }
        QVERIFY(m_client->applyReset(group, first).ok());
        auto offsets = m_client->topic(QStringLiteral("__consumer_offsets"), false);
        QVERIFY(offsets.ok());
        const int coordinator =
            offsets->partitions.at(size_t(offsetsPartitionOf(group, int(offsets->partitions.size())))).leader;
        // A connection of its own that knows the coordinator, then the coordinator cut off.
        auto c = KafkaClient::connect(clusterProfile());
        QVERIFY(c.ok());
        QVERIFY(c.value()->groupLag(group).ok());
        QVERIFY(
            clusterCommand({QStringLiteral("fault"), QStringLiteral("isolate"), QString::number(coordinator)})
                .exit == 0);
        auto applied = c.value()->applyReset(group, second);
        QVERIFY(clusterCommand({QStringLiteral("fault"), QStringLiteral("heal")}).exit == 0);
        // How many partitions the answer says moved.
        int said = 3;
        if (!applied.ok()) {
            const QString& m = applied.error().message;
            qInfo("the reset failed: %s", qPrintable(m));
            static const QRegularExpression movedRe(QStringLiteral("(\\d) of 3 partitions moved"));
            const auto moved = movedRe.match(m);
            QVERIFY2(moved.hasMatch() || m.contains(QLatin1String("is not known")), qPrintable(m));
            for (int p = 0; p < 3; ++p)
                QVERIFY2(m.contains(QStringLiteral("%1-%2 at").arg(topic).arg(p)) ||
                             m.contains(QLatin1String("is not known")),
                         qPrintable(m));
            said = moved.hasMatch() ? moved.captured(1).toInt() : -1;
        } else {
            qInfo("the reset went through the cut: all 3 partitions at 60");
        }
        // The group's offsets as the cluster answers once healed. Right after the heal, a client
        // that last knew the cut-off broker as the group's coordinator may still be answered by
        // it, with the offsets it held before the cut, until it learns it leads no longer: the
        // answer must hold once the cluster agrees again, within 30 s.
        if (said >= 0) {
            QElapsedTimer settling;
            settling.start();
            int atTarget = -1;
            QTRY_VERIFY_WITH_TIMEOUT(
                [&] {
                    auto now = m_client->groupLag(group);
                    if (!now.ok()) return false;
                    atTarget = 0;
                    for (const KafkaPartitionLag& l : now.value())
                        if (l.committed && *l.committed == 60) ++atTarget;
                    return atTarget == said;
                }(),
                30000);
            qInfo("%d of 3 partitions at 60, as the answer said, read back after %.1f s", atTarget,
                  double(settling.elapsed()) / 1000.0);
        }
        (void)m_client->deleteTopic(topic, {}, true);
    }

    // The replay console's promise at its hardest: while a replay writes into a sandbox topic,
    // the leader of the sandbox's partition 0 is killed, the broker coordinating the replay's
    // transactions is cut off, and rewind-cli itself is killed, all at once. After heal, resume
    // until done: every rewind.replay.seq once in read_committed, the audit log agrees.
    void replayHoldsAcrossLeaderKillIsolationAndRewindKill()
    {
        const QString id = QString::number(QDateTime::currentMSecsSinceEpoch(), 16);
        const QString src = QStringLiteral("faults.eos-") + id,
                      target = QStringLiteral("sandbox.faults-eos-") + id;
        constexpr int kRecords = 6000;
        QVERIFY(makeTopic(*m_client, src, 3, kRecords,
                          [](int n) { return QByteArray("{\"n\":") + QByteArray::number(n) + '}'; }));
        QTemporaryDir dir;
        const QString audit = dir.filePath(QStringLiteral("audit.ndjson"));
        QProcessEnvironment cliEnv = QProcessEnvironment::systemEnvironment();
        cliEnv.insert(QStringLiteral("REWIND_AUDIT_FILE"), audit);
        cliEnv.insert(QStringLiteral("HOME"), dir.path());
        const QString job = dir.filePath(QStringLiteral("job.json"));
        const QJsonObject j{
            {QStringLiteral("name"), QStringLiteral("exactly once under faults")},
            {QStringLiteral("source"),
             QJsonObject{{QStringLiteral("bootstrap"), clusterBootstrap()}, {QStringLiteral("topic"), src}}},
            {QStringLiteral("target"), QJsonObject{{QStringLiteral("bootstrap"), clusterBootstrap()},
                                                   {QStringLiteral("topic"), target}}},
            {QStringLiteral("pacing"), QJsonObject{{QStringLiteral("mode"), QStringLiteral("rate")},
                                                   {QStringLiteral("records_per_second"), 1000}}}};
        QVERIFY(test::writeFile(job, QJsonDocument(j).toJson()));
        auto replay = [&](const QString& action) {
            auto p = std::make_unique<QProcess>();
            p->setProcessEnvironment(cliEnv);
            p->setWorkingDirectory(dir.path());
            p->start(cliBinary(), {QStringLiteral("replay"), action, QStringLiteral("--quiet"), job});
            return p;
        };
        auto running = replay(QStringLiteral("run"));
        QVERIFY(running->waitForStarted());
        // Two seconds in (some batches committed), the three faults at once.
        QTest::qWait(2000);
        int leader = -1;
        QTRY_VERIFY_WITH_TIMEOUT(
            [&] {
                auto t = m_client->topic(target, false);
                if (t) leader = t->partitions.front().leader;
                return t.ok() && leader > 0;
            }(),
            20000);
        // The transaction coordinator of transactional.id rewind-replay-<target>: a
        // __transaction_state partition's leader; another broker than the one killed is cut off.
        auto txState = m_client->topic(QStringLiteral("__transaction_state"), false);
        QVERIFY(txState.ok());
        const int txCoordinator = txState->partitions
                                      .at(size_t(offsetsPartitionOf(QStringLiteral("rewind-replay-") + target,
                                                                    int(txState->partitions.size()))))
                                      .leader;
        const int cut = txCoordinator != leader && txCoordinator > 0 ? txCoordinator : leader % 3 + 1;
        ::kill(pid_t(running->processId()), SIGKILL);
        QVERIFY(
            clusterCommand({QStringLiteral("fault"), QStringLiteral("kill"), QString::number(leader)}).exit ==
            0);
        QVERIFY(
            clusterCommand({QStringLiteral("fault"), QStringLiteral("isolate"), QString::number(cut)}).exit ==
            0);
        QVERIFY(running->waitForFinished(10000));
        qInfo("killed rewind-cli, broker %d (leader of %s-0), cut off broker %d (transaction coordinator %d)",
              leader, qPrintable(target), cut, txCoordinator);
        // A resume while two of three brokers are gone fails (it says why); after heal it finishes.
        {
            auto early = replay(QStringLiteral("resume"));
            QVERIFY(early->waitForStarted());
            QTest::qWait(3000);
            if (early->state() != QProcess::NotRunning) early->kill();
            early->waitForFinished(10000);
        }
        QVERIFY(clusterCommand({QStringLiteral("fault"), QStringLiteral("heal")}).exit == 0);
        int resumes = 0;
        QElapsedTimer waited;
        waited.start();
        while (true) {
            auto r = replay(QStringLiteral("resume"));
            QVERIFY(r->waitForStarted());
            QVERIFY2(QTest::qWaitFor([&] { return r->state() == QProcess::NotRunning; }, 180000),
                     "a resume hung");
            ++resumes;
            if (r->exitStatus() == QProcess::NormalExit && r->exitCode() == 0) break;
            qInfo("resume %d: exit %d: %s", resumes, r->exitCode(),
                  tail(r->readAllStandardError()).constData());
            QVERIFY2(waited.elapsed() < 180000, "the replay did not finish within 3 minutes of heal");
            QTest::qWait(2000);
        }
        const SeqCount c = countSeqs(target, kRecords);
        qInfo("%d resume(s) after heal: %lld distinct seqs, %lld duplicated, %lld missing", resumes,
              static_cast<long long>(c.distinct), static_cast<long long>(c.duplicated),
              static_cast<long long>(c.missing));
        QCOMPARE(c.duplicated, 0);
        QCOMPARE(c.missing, 0);
        const std::map<QString, QString> audited = lastReplays(audit);
        const QString said = audited.count(target) ? audited.at(target) : QString();
        QVERIFY2(auditSaysDone(said, kRecords), qPrintable(said));
        (void)m_client->deleteTopic(target);
        (void)m_client->deleteTopic(src, {}, true);
    }

    // A search over a topic whose partition leaders are killed while it reads: it finishes with
    // every match, each once, and says its coverage was complete.
    void searchGoesOnWhileALeaderIsKilled()
    {
        const QString topic =
            QStringLiteral("faults.search-%1").arg(QDateTime::currentMSecsSinceEpoch(), 0, 16);
        constexpr int kRecords = 150000;
        const QByteArray pad(200, 'x');
        QVERIFY(makeTopic(*m_client, topic, 3, kRecords, [&](int n) {
            return QByteArray("{\"n\":") + QByteArray::number(n) + ",\"even\":" + (n % 2 ? "false" : "true") +
                   ",\"pad\":\"" + pad + "\"}";
        }));
        auto t = m_client->topic(topic, false);
        QVERIFY(t.ok());
        const int leader = t->partitions.front().leader;
        QProcess search;
        // librdkafka's warnings and the browse's re-fetches on stderr, counted below.
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("REWIND_KAFKA_LOG"), QStringLiteral("1"));
        search.setProcessEnvironment(env);
        search.start(cliBinary(), {QStringLiteral("search"), QStringLiteral("-b"), clusterBootstrap(),
                                   QStringLiteral("-t"), topic, QStringLiteral("-e"),
                                   QStringLiteral("value.even == true")});
        QVERIFY(search.waitForStarted());
        QTest::qWait(300);
        const bool cut = search.state() == QProcess::Running;
        QVERIFY(
            clusterCommand({QStringLiteral("fault"), QStringLiteral("kill"), QString::number(leader)}).exit ==
            0);
        QVERIFY2(search.waitForFinished(180000), "the search hung");
        QVERIFY(clusterCommand({QStringLiteral("fault"), QStringLiteral("restart"), QString::number(leader)})
                    .exit == 0);
        const QByteArray out = search.readAllStandardOutput(), err = search.readAllStandardError();
        QVERIFY2(search.exitCode() == 0, err.constData());
        std::set<qint64> seen;
        qint64 lines = 0;
        for (const QByteArray& line : out.split('\n')) {
            if (line.isEmpty()) continue;
            ++lines;
            seen.insert(QJsonDocument::fromJson(line)
                            .object()
                            .value(QStringLiteral("value"))
                            .toObject()
                            .value(QStringLiteral("n"))
                            .toInteger());
        }
        qInfo("broker %d killed %s the search: %lld matches printed, %zu distinct; %lld offsets refused "
              "and fetched again",
              leader, cut ? "during" : "after", static_cast<long long>(lines), seen.size(),
              static_cast<long long>(err.count("fetching again")));
        for (const QByteArray& line : err.split('\n'))
            if (line.contains("fetching again") || line.contains("librdkafka OFFSET"))
                qInfo("  %s", line.constData());
        // The coverage lines: every partition read to its end ("INCOMPLETE" otherwise).
        QByteArray coverage;
        for (const QByteArray& line : err.split('\n'))
            if (!line.startsWith("librdkafka ")) coverage += line + '\n';
        QVERIFY2(!coverage.toLower().contains("incomplete"), coverage.constData());
        QVERIFY2(lines == qint64(kRecords / 2), coverage.constData());
        QCOMPARE(qint64(seen.size()), qint64(kRecords / 2));
        (void)m_client->deleteTopic(topic, {}, true);
    }

    // Copies of the three brokers' data directories taken while one follower was cut off and the
    // others went on taking records: `rewind-cli replicas` says the follower's copy is behind by
    // the records it missed, the others hold the same, each with the offsets it holds.
    void dataDirectoryCopiesSayWhoIsBehind()
    {
        const QString topic =
            QStringLiteral("faults.copies-%1").arg(QDateTime::currentMSecsSinceEpoch(), 0, 16);
        QVERIFY(m_client->createTopic(topic, 1, -1, {}, true).ok());
        auto produce = [&](int from, int n) {
            std::vector<ProducerRecord> batch;
            for (int i = from; i < from + n; ++i)
                batch.push_back(rec(topic, 0, 1795058220000 + i, QByteArray("k") + QByteArray::number(i),
                                    QByteArray("{}")));
            return m_client->produce(batch, 60000);
        };
        QVERIFY(produce(0, 200).ok());
        auto t = m_client->topic(topic, false);
        QVERIFY(t.ok());
        const KafkaPartitionInfo p0 = t->partitions.front();
        int follower = -1;
        for (int r : p0.replicas)
            if (r != p0.leader) follower = r;
        QVERIFY(follower > 0);
        // Cut off, the follower leaves the ISR after replica.lag.time.max.ms (10 s); then the
        // 150 records the leader and the other follower take are not on its copy.
        QVERIFY(
            clusterCommand({QStringLiteral("fault"), QStringLiteral("isolate"), QString::number(follower)})
                .exit == 0);
        auto healAtEnd = qScopeGuard([] {
            clusterCommand({QStringLiteral("fault"), QStringLiteral("heal")});
        });
        {
            // Known weakness (note 20): when the broker librdkafka sends admin requests to is the
            // one cut off, the write's ACL pre-check times out until its connection is dropped
            // (socket.timeout.ms, 30 s); nothing is written, the error says so. Asked again, as
            // a user would, for up to a minute.
            QElapsedTimer trying;
            trying.start();
            auto more = produce(200, 150);
            while (!more.ok() && trying.elapsed() < 60000) {
                qInfo("producing with broker %d cut off: %s; asking again", follower,
                      qPrintable(more.error().message));
                QTest::qWait(2000);
                more = produce(200, 150);
            }
            QVERIFY2(more.ok(), qPrintable(more.ok() ? QString() : more.error().message));
        }
        QTest::qWait(6000); // the high watermark checkpoint is written every 5 s
        QTemporaryDir dir;
        const QString status = QString::fromUtf8(clusterCommand({QStringLiteral("status")}).out);
        QStringList copies;
        for (int b = 1; b <= 3; ++b) {
            static const QRegularExpression dataRe(QStringLiteral("^broker(\\d)=.* data=(\\S+)"),
                                                   QRegularExpression::MultilineOption);
            QString data;
            for (auto it = dataRe.globalMatch(status); it.hasNext();) {
                const auto m = it.next();
                if (m.captured(1).toInt() == b) data = m.captured(2);
            }
            QVERIFY2(!data.isEmpty(), qPrintable(status));
            const QString copy = dir.filePath(QStringLiteral("broker-%1").arg(b));
            QCOMPARE(run(QStringLiteral("cp"), {QStringLiteral("-a"), data, copy}).exit, 0);
            copies << copy;
        }
        healAtEnd.dismiss();
        QVERIFY(clusterCommand({QStringLiteral("fault"), QStringLiteral("heal")}).exit == 0);
        const Run r =
            run(cliBinary(), QStringList{QStringLiteral("replicas"), QStringLiteral("-t"), topic} + copies);
        QVERIFY2(r.exit == 0, r.err.constData());
        const QString text = QString::fromUtf8(r.out);
        qInfo("%s", qPrintable(text));
        auto lineOf = [&](int broker) {
            for (const QString& line : text.split(u'\n'))
                if (line.contains(QStringLiteral("broker-%1 (node %1)").arg(broker))) return line;
            return QString();
        };
        QVERIFY2(lineOf(follower).contains(QLatin1String("offsets 0..200 held")),
                 qPrintable(lineOf(follower)));
        QVERIFY2(lineOf(follower).contains(
                     QLatin1String("behind by 150 records: a follower that had not caught up")),
                 qPrintable(text));
        QVERIFY2(lineOf(p0.leader).contains(QLatin1String("offsets 0..350 held, high watermark 350")),
                 qPrintable(text));
        for (int b = 1; b <= 3; ++b)
            if (b != follower) QVERIFY2(!lineOf(b).contains(QLatin1String("behind")), qPrintable(text));
        (void)m_client->deleteTopic(topic, {}, true);
    }
};

QTEST_MAIN(TstClusterFaults)
#include "tst_cluster_faults.moc"
