// The Kafka connector against a real Apache Kafka broker started by scripts/kafka (scripts/test
// starts it and exports REWIND_KAFKA_BOOTSTRAP). Cross-checked with kcat and Kafka's own tools.

#include "capture.h"
#include "kafka_browser.h"
#include "kafka_fixture.h"
#include "murmur2.h"
#include "record_source.h"
#include "search.h"
#include "source_registry.h"
#include "test_util.h"
#include "time_parse.h"
#include "workspace_store.h"

#include <QElapsedTimer>
#include <QFileInfo>
#include <QProcess>
#include <QProcessEnvironment>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QScopeGuard>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>
#include <QUuid>

#include <librdkafka/rdkafka.h>

#include <csignal>
#include <set>
#include <thread>

using namespace rw;
using namespace rw::test::kafka;

// The Kafka connector when things go wrong: a broker whose coordinators are still loading, an
// unreachable broker, a capture killed at random points, the broker stopped mid-browse.
class TstKafkaFaults : public QObject {
    Q_OBJECT
    std::unique_ptr<KafkaClient> m_client;
    const TimestampMs m_base = 1795058220000;

private slots:
    void initTestCase()
    {
        if (env("REWIND_KAFKA_BOOTSTRAP").isEmpty())
            QSKIP("needs the test broker: run scripts/test (it starts scripts/kafka and sets "
                  "REWIND_KAFKA_BOOTSTRAP)");
        auto c = KafkaClient::connect(plain());
        QVERIFY2(c.ok(), qPrintable(c.ok() ? QString() : c.error().message));
        m_client = std::move(c.value());
    }

    // A broker of its own, set up as production clusters are (50 partitions of
    // __consumer_offsets), asked about groups the moment it serves clients: its coordinators are
    // not ready yet ("Not coordinator", "coordinator load in progress"). Each answer is asked
    // again until it is a real one: an unknown group is unknown (exit 3), not a failure (exit 1,
    // before the fix). Then the broker is killed and comes back on its data: the group's offsets
    // are read again as its coordinator loads them.
    void retriableAnswersAreAskedAgain()
    {
        const QString script = QStringLiteral(REWIND_SOURCE_DIR "/scripts/kafka");
        QTemporaryDir state;
        QProcessEnvironment e = QProcessEnvironment::systemEnvironment();
        e.insert(QStringLiteral("REWIND_KAFKA_PORT"), QStringLiteral("31192"));
        e.insert(QStringLiteral("REWIND_KAFKA_DIR"), state.path());
        e.insert(QStringLiteral("REWIND_KAFKA_OFFSETS_PARTITIONS"), QStringLiteral("50"));
        auto broker = [&](const QString& verb) {
            QProcess p;
            p.setProcessEnvironment(e);
            p.start(QStringLiteral("bash"), {script, verb});
            p.waitForFinished(180000);
            if (p.exitCode() != 0)
                qWarning("scripts/kafka %s: %s", qPrintable(verb), p.readAllStandardError().constData());
            return p.exitCode() == 0;
        };
        struct Stop {
            std::function<bool(const QString&)> f;
            ~Stop() { f(QStringLiteral("stop")); }
        } stopAtEnd{broker};
        QVERIFY(broker(QStringLiteral("start")));
        const QString bs = QStringLiteral("127.0.0.1:31192");
        const Run unknown =
            run(QStringLiteral(REWIND_CLI), {QStringLiteral("groups"), QStringLiteral("-b"), bs,
                                             QStringLiteral("-g"), QStringLiteral("no-such-group")});
        QVERIFY2(unknown.exit == 3, unknown.err.constData());
        QVERIFY2(unknown.err.contains("unknown consumer group 'no-such-group'"), unknown.err.constData());

        // A group with offsets, then the broker killed and started on the same data.
        KafkaProfile own;
        own.bootstrap = bs;
        const QString topic = uniqueTopic("retry");
        {
            auto c = KafkaClient::connect(own);
            RW_VERIFY_OK(c);
            QVERIFY(c.value()->createTopic(topic, 2).ok());
            QVERIFY(c.value()
                        ->produce({rec(topic, 0, m_base, QByteArray("k"), QByteArray("v")),
                                   rec(topic, 1, m_base, QByteArray("k"), QByteArray("v"))})
                        .ok());
            ResetSpec spec;
            spec.topic = topic;
            spec.kind = ResetKind::Latest;
            auto plan = c.value()->planReset(QStringLiteral("retry-group"), spec);
            RW_VERIFY_OK(plan);
            auto applied = c.value()->applyReset(QStringLiteral("retry-group"), plan.value());
            RW_VERIFY_OK(applied);
        }
        QVERIFY(broker(QStringLiteral("restart")));
        const Run after =
            run(QStringLiteral(REWIND_CLI), {QStringLiteral("groups"), QStringLiteral("-b"), bs,
                                             QStringLiteral("-g"), QStringLiteral("retry-group")});
        QVERIFY2(after.exit == 0, after.err.constData());
        QVERIFY2(after.out.contains(topic.toUtf8()), after.out.constData());
    }

    void unreachableBrokerFailsFast()
    {
        KafkaProfile p;
        p.bootstrap = QStringLiteral("127.0.0.1:1");
        QElapsedTimer t;
        t.start();
        auto c = KafkaClient::connect(p, 3000);
        QVERIFY(!c.ok());
        QVERIFY(c.error().code == ErrorCode::Unreachable || c.error().code == ErrorCode::Timeout);
        QVERIFY(t.elapsed() < 10000);
    }

    // kill -9 at random moments of a capture: the workspace (new or existing) opens and
    // verifies, and each partition holds a whole prefix of the Kafka partition (whole append
    // transactions: no hole, no half batch), with the records Kafka has there.
    void captureKilledAtRandomPointsLeavesWholeTransactions()
    {
        const QString topic = uniqueTopic("killcap");
        QVERIFY(m_client->createTopic(topic, 3).ok());
        const QByteArray pad(300, 'x');
        for (int chunk = 0; chunk < 6; ++chunk) {
            std::vector<ProducerRecord> batch;
            for (int i = 0; i < 10000; ++i) {
                const int n = chunk * 10000 + i;
                batch.push_back(
                    rec(topic, n % 3, m_base + n, QByteArray("k") + QByteArray::number(n),
                        QByteArray("{\"n\":") + QByteArray::number(n) + ",\"pad\":\"" + pad + "\"}"));
            }
            QVERIFY(m_client->produce(batch).ok());
        }
        QTemporaryDir dir;
        QRandomGenerator rng(1201);
        int partial = 0;
        for (int round = 0; round < 8; ++round) {
            const QString ws = dir.filePath(QStringLiteral("cap-%1.rewind").arg(round));
            if (round % 2) { // an existing workspace with something in it already
                QCOMPARE(run(QStringLiteral(REWIND_CLI), {QStringLiteral("demo"), QStringLiteral("--out"), ws,
                                                          QStringLiteral("--events"), QStringLiteral("100")})
                             .exit,
                         0);
            }
            QProcess p;
            p.start(QStringLiteral(REWIND_CLI),
                    {QStringLiteral("capture"), QStringLiteral("-b"), plain().bootstrap, QStringLiteral("-t"),
                     topic, QStringLiteral("--out"), ws});
            QVERIFY(p.waitForStarted());
            // Killed once the file and its write-ahead log have grown past a random size.
            const qint64 at = rng.bounded(1, 18) * (qint64(1) << 20);
            QElapsedTimer waited;
            waited.start();
            while (p.state() == QProcess::Running && waited.elapsed() < 30000 &&
                   QFileInfo(ws).size() + QFileInfo(ws + QStringLiteral("-wal")).size() < at)
                QThread::usleep(500);
            if (p.state() == QProcess::Running) ::kill(static_cast<pid_t>(p.processId()), SIGKILL);
            if (p.state() != QProcess::NotRunning) QVERIFY(p.waitForFinished(60000));
            if (!QFileInfo::exists(ws)) continue; // killed before the file was made
            const Run verify = run(QStringLiteral(REWIND_CLI), {QStringLiteral("verify"), ws});
            QVERIFY2(verify.exit == 0, (verify.out + verify.err).constData());
            auto store = WorkspaceStore::open(ws, WorkspaceStore::Mode::ReadOnly);
            QVERIFY(store.ok());
            auto t = store.value()->topic(topic);
            if (!t) continue; // killed before the topic was made
            qint64 total = 0;
            for (const PartitionInfo& part : t->partitions) {
                QCOMPARE(part.low, Offset(0));
                QCOMPARE(part.count, part.high); // a prefix without holes
                QVERIFY(part.high <= 20000);
                total += part.count;
                if (part.count > 0) { // the last record is Kafka's record at that offset
                    auto last = store.value()->read(topic, part.partition, part.high - 1, 1);
                    QVERIFY(last.ok() && last->size() == 1);
                    const qint64 n = (part.high - 1) * 3 + part.partition;
                    QCOMPARE(*last->front().key, QByteArray("k") + QByteArray::number(n));
                }
            }
            qInfo("round %d: %lld records", round, static_cast<long long>(total));
            if (total > 0 && total < 60000) ++partial;
        }
        qInfo("capture kill test: %d of 8 runs were cut mid-capture", partial);
        QVERIFY(partial > 0);
        (void)m_client->deleteTopic(topic);
    }

    // A second broker of our own, stopped while a browse is tailing it.
    // Records deleted (DeleteRecords, as retention does) ahead of a browse that has not read them
    // yet: the browse fails naming the offsets it could not read, after a whole prefix with no
    // record skipped. librdkafka's default would have jumped the partition to its end and the
    // browse said "complete" with them missing.
    void recordsDeletedUnderABrowseAreNamed()
    {
        const QString topic = uniqueTopic("deleted-under");
        QVERIFY(m_client->createTopic(topic, 1).ok());
        constexpr int kRecords = 200000, kDeleteBefore = 190000;
        for (int from = 0; from < kRecords; from += 20000) {
            std::vector<ProducerRecord> batch;
            for (int i = from; i < from + 20000; ++i)
                batch.push_back(rec(topic, 0, m_base + i, std::nullopt, QByteArray::number(i)));
            QVERIFY(m_client->produce(batch, 60000).ok());
        }
        // The browse stops at its first record until the records are deleted; librdkafka holds
        // about queued.min.messages (100,000) fetched ahead of it meanwhile, no more.
        std::atomic_bool release{false}, started{false};
        std::vector<Offset> seen;
        Result<BrowseReport> result = makeError(ErrorCode::Internal, QStringLiteral("not run"));
        std::thread worker([&] {
            BrowseRequest req;
            req.topic = topic;
            req.mergeByTime = false;
            KafkaBrowser b(plain());
            result = b.run(req, [&](Record&& r) {
                started = true;
                for (int waited = 0; !release && waited < 60000; waited += 10)
                    std::this_thread::sleep_for(std::chrono::milliseconds(10));
                seen.push_back(r.offset);
                return true;
            });
        });
        auto joinAtEnd = qScopeGuard([&] {
            release = true;
            worker.join();
        });
        QTRY_VERIFY_WITH_TIMEOUT(started.load(), 20000);
        QTest::qWait(2000);
        {
            char err[512];
            rd_kafka_conf_t* conf = rd_kafka_conf_new();
            QCOMPARE(rd_kafka_conf_set(conf, "bootstrap.servers", plain().bootstrap.toUtf8().constData(), err,
                                       sizeof err),
                     RD_KAFKA_CONF_OK);
            std::unique_ptr<rd_kafka_t, decltype(&rd_kafka_destroy)> rk(
                rd_kafka_new(RD_KAFKA_PRODUCER, conf, err, sizeof err), &rd_kafka_destroy);
            QVERIFY2(rk, err);
            rd_kafka_topic_partition_list_t* before = rd_kafka_topic_partition_list_new(1);
            rd_kafka_topic_partition_list_add(before, topic.toUtf8().constData(), 0)->offset = kDeleteBefore;
            rd_kafka_DeleteRecords_t* del = rd_kafka_DeleteRecords_new(before);
            rd_kafka_topic_partition_list_destroy(before);
            rd_kafka_queue_t* q = rd_kafka_queue_new(rk.get());
            rd_kafka_DeleteRecords(rk.get(), &del, 1, nullptr, q);
            rd_kafka_DeleteRecords_destroy(del);
            rd_kafka_event_t* ev = rd_kafka_queue_poll(q, 30000);
            QVERIFY(ev);
            const rd_kafka_resp_err_t e = rd_kafka_event_error(ev);
            const rd_kafka_topic_partition_list_t* done =
                rd_kafka_DeleteRecords_result_offsets(rd_kafka_event_DeleteRecords_result(ev));
            const bool deleted = !e && done && done->cnt == 1 && !done->elems[0].err;
            rd_kafka_event_destroy(ev);
            rd_kafka_queue_destroy(q);
            QVERIFY2(deleted, rd_kafka_err2str(e));
        }
        joinAtEnd.dismiss();
        release = true;
        worker.join();
        QVERIFY(!result.ok());
        const QString& m = result.error().message;
        qInfo("%zu records read, then: %s", seen.size(), qPrintable(m));
        QCOMPARE(result.error().code, ErrorCode::OutOfRange);
        QVERIFY2(m.contains(
                     QStringLiteral("offsets %1 to %2 were deleted").arg(seen.size()).arg(kDeleteBefore - 1)),
                 qPrintable(m));
        QVERIFY2(m.contains(QStringLiteral("now begins at %1").arg(kDeleteBefore)), qPrintable(m));
        QVERIFY(!seen.empty() && seen.size() < size_t(kDeleteBefore));
        for (size_t i = 0; i < seen.size(); ++i)
            QCOMPARE(seen[i], Offset(i)); // a whole prefix: nothing skipped
        (void)m_client->deleteTopic(topic);
    }

    void brokerStoppedMidBrowse()
    {
        QTemporaryDir state;
        QProcessEnvironment e = QProcessEnvironment::systemEnvironment();
        e.insert(QStringLiteral("REWIND_KAFKA_PORT"), QStringLiteral("31192"));
        e.insert(QStringLiteral("REWIND_KAFKA_DIR"), state.path());
        QByteArray said; // what the script printed, to show when it fails
        auto script = [&](const QString& verb) {
            QProcess p;
            p.setProcessEnvironment(e);
            p.setProcessChannelMode(QProcess::MergedChannels);
            p.start(QStringLiteral(REWIND_SOURCE_DIR "/scripts/kafka"), {verb});
            p.waitForFinished(180000);
            said = p.readAll();
            return p.exitCode();
        };
        QVERIFY2(script(QStringLiteral("start")) == 0, said.constData());
        KafkaProfile p;
        p.bootstrap = QStringLiteral("127.0.0.1:31192");
        auto c = KafkaClient::connect(p);
        QVERIFY(c.ok());
        const QString topic = uniqueTopic("dying");
        QVERIFY(c.value()->createTopic(topic, 1).ok());
        QVERIFY(c.value()->produce({rec(topic, 0, 0, std::nullopt, QByteArray("one"))}).ok());
        c.value().reset();
        std::atomic<int> seen{0};
        std::atomic<bool> finished{false};
        Result<BrowseReport> result = makeError(ErrorCode::Internal, QStringLiteral("not run"));
        std::thread worker([&] {
            BrowseRequest req;
            req.topic = topic;
            req.follow = true;
            req.stallTimeoutMs = 4000;
            KafkaBrowser b(p);
            result = b.run(req, [&](Record&&) {
                ++seen;
                return true;
            });
            finished = true;
        });
        QTRY_COMPARE_WITH_TIMEOUT(seen.load(), 1, 20000);
        QCOMPARE(script(QStringLiteral("stop")), 0);
        QTRY_VERIFY_WITH_TIMEOUT(finished.load(), 40000); // an error, not a hang
        worker.join();
        QVERIFY(!result.ok());
        QVERIFY2(result.error().code == ErrorCode::Unreachable, qPrintable(result.error().message));
        QVERIFY(result.error().message.contains(QStringLiteral("after 1 records")));
    }
};
QTEST_GUILESS_MAIN(TstKafkaFaults)
#include "tst_kafka_faults.moc"
