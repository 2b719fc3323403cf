// The real MainWindow on the replicated cluster of scripts/kafka-cluster (scripts/test starts it
// and exports REWIND_CLUSTER_BOOTSTRAP) while it fails: the leader of the partition the window
// follows is killed, then the broker leading it next is cut off. The window keeps following,
// says which broker does not answer and since when, never stalls its event loop, and its table
// ends holding every offset Kafka holds, once.

#include "broker_watch.h"
#include "cluster_fixture.h"
#include "kafka_client.h"
#include "main_window.h"
#include "main_window_fixture.h"
#include "profile_store.h"
#include "record_table_model.h"
#include "stall_meter.h"
#include "test_util.h"

#include <QApplication>
#include <QDateTime>
#include <QElapsedTimer>
#include <QProcess>
#include <QScopeGuard>
#include <QSignalSpy>
#include <QTest>
#include <QTimer>

#include <atomic>
#include <set>
#include <thread>

using namespace rw;

namespace {

using test::clusterBootstrap;
using test::clusterProfile;

// scripts/kafka-cluster fault ..., run without blocking the event loop (the stall meter runs on it).
bool fault(const QStringList& args)
{
    QProcess p;
    p.start(test::kClusterScript, QStringList{QStringLiteral("fault")} + args);
    if (!p.waitForStarted()) return false;
    if (!QTest::qWaitFor([&] { return p.state() == QProcess::NotRunning; }, 120000)) return false;
    if (p.exitCode() != 0)
        qWarning("fault %s: %s", qPrintable(args.join(u' ')), p.readAllStandardError().constData());
    return p.exitCode() == 0;
}

// `work` on a thread of its own while the event loop runs: the test's own questions to the
// cluster (which may wait seconds for a broker that is cut off) never count as the window's stall.
template <typename F> auto offThread(F work) -> decltype(work())
{
    decltype(work()) out{};
    std::atomic_bool done{false};
    std::thread t([&] {
        out = work();
        done = true;
    });
    while (!done)
        QTest::qWait(20);
    t.join();
    return out;
}

int leaderOf(KafkaClient& client, const QString& topic, int partition)
{
    return offThread([&] {
        auto t = client.topic(topic, false);
        if (!t) return -1;
        for (const KafkaPartitionInfo& p : t->partitions)
            if (p.partition == partition) return int(p.leader);
        return -1;
    });
}

qint64 highOf(KafkaClient& client, const QString& topic, int partition)
{
    return offThread([&] {
        auto t = client.topic(topic);
        if (!t) return qint64(-1);
        for (const KafkaPartitionInfo& p : t->partitions)
            if (p.partition == partition) return qint64(p.high);
        return qint64(-1);
    });
}

} // namespace

class TstMainWindowCluster : public QObject, protected rw::test::DemoWindowFixture {
    Q_OBJECT

private slots:
    void initTestCase()
    {
        RW_SKIP_WITHOUT_CLUSTER();
        QVERIFY(makeDemo());
        QVERIFY(fault({QStringLiteral("heal")}));
    }

    void followKeepsGoingWhileLeadersFail()
    {
        auto client = KafkaClient::connect(clusterProfile(QStringLiteral("writer")));
        QVERIFY2(client.ok(), qPrintable(client.ok() ? QString() : client.error().message));
        KafkaClient& c = *client.value();
        const QString topic = QStringLiteral("faults.window-%1").arg(QDateTime::currentMSecsSinceEpoch());
        QVERIFY(c.createTopic(topic, 3, -1, {}, true).ok());
        {
            std::vector<ProducerRecord> first;
            for (int i = 0; i < 100; ++i)
                first.push_back(test::producerRecord(topic, 0, QDateTime::currentMSecsSinceEpoch(),
                                                     QByteArray("W") + QByteArray::number(i),
                                                     QByteArray("{}")));
            QVERIFY(c.produce(first).ok());
        }
        // Ten records every 100 ms into partition 0 while the cluster fails; a batch a fault
        // refused is simply not there (Kafka's watermark is the reference at the end).
        std::atomic_bool producing{true};
        std::thread producer([&] {
            auto pc = KafkaClient::connect(clusterProfile(QStringLiteral("producer")));
            if (!pc) return;
            qint64 n = 100;
            while (producing) {
                std::vector<ProducerRecord> batch;
                for (int i = 0; i < 10; ++i, ++n)
                    batch.push_back(test::producerRecord(topic, 0, QDateTime::currentMSecsSinceEpoch(),
                                                         QByteArray("W") + QByteArray::number(n),
                                                         QByteArray("{}")));
                (void)pc.value()->produce(batch, 15000);
                std::this_thread::sleep_for(std::chrono::milliseconds(100));
            }
        });
        auto stopProducer = qScopeGuard([&] {
            producing = false;
            if (producer.joinable()) producer.join();
        });

        MainWindow w;
        w.resize(1280, 720);
        QVERIFY(test::showAndOpen(w, m_ws));
        const KafkaProfile profile = clusterProfile(QStringLiteral("replicated cluster"));
        QVERIFY(w.profiles()->save(profile).ok());
        QSignalSpy loaded(&w, &MainWindow::workspaceLoaded);
        w.openKafka(profile.name);
        QTRY_COMPARE_WITH_TIMEOUT(loaded.size(), 1, 30000);
        w.brokerWatch()->setInterval(1000);
        w.selectTopic(topic, 0);
        w.setFollow(true); // the live tail, as a user turns it on
        QTRY_VERIFY_WITH_TIMEOUT(w.recordModel()->rowCount() >= 100, 20000);
        QVERIFY(w.brokerHealthText().isEmpty());

        // The stall meter: the longest gap between two ticks of a 10 ms timer on the GUI thread.
        test::StallMeter meter;
        meter.start();

        // The leader of partition 0 killed: the window names it, and the table keeps growing
        // once the partition has a new leader.
        const int first = leaderOf(c, topic, 0);
        QVERIFY(first > 0);
        const QString firstName = QStringLiteral("Broker %1 ").arg(first);
        QVERIFY(fault({QStringLiteral("kill"), QString::number(first)}));
        const qint64 killedAt = QDateTime::currentMSecsSinceEpoch();
        QTRY_VERIFY_WITH_TIMEOUT(w.brokerHealthText().contains(firstName), 20000);
        QVERIFY2(w.brokerHealthText().contains(QLatin1String("since")), qPrintable(w.brokerHealthText()));
        qInfo("after the kill of broker %d: \"%s\" (%.1f s)", first, qPrintable(w.brokerHealthText()),
              double(QDateTime::currentMSecsSinceEpoch() - killedAt) / 1000.0);
        int rows = w.recordModel()->rowCount();
        QTRY_VERIFY_WITH_TIMEOUT(w.recordModel()->rowCount() >= rows + 50, 40000);
        qInfo("50 more rows %.1f s after the kill",
              double(QDateTime::currentMSecsSinceEpoch() - killedAt) / 1000.0);
        QVERIFY(fault({QStringLiteral("restart"), QString::number(first)}));
        QTRY_VERIFY_WITH_TIMEOUT(w.brokerHealthText().isEmpty(), 40000);

        // The broker leading it now cut off from everyone, the window included.
        int second = -1;
        QTRY_VERIFY_WITH_TIMEOUT((second = leaderOf(c, topic, 0)) > 0, 20000);
        QVERIFY(fault({QStringLiteral("isolate"), QString::number(second)}));
        const qint64 cutAt = QDateTime::currentMSecsSinceEpoch();
        QTRY_VERIFY_WITH_TIMEOUT(w.brokerHealthText().contains(QStringLiteral("Broker %1 ").arg(second)),
                                 30000);
        qInfo("after cutting off broker %d: \"%s\"", second, qPrintable(w.brokerHealthText()));
        if (const QByteArray shots = qgetenv("REWIND_SCREENSHOT_DIR"); !shots.isEmpty())
            QVERIFY(
                w.grab().save(QString::fromLocal8Bit(shots) + QStringLiteral("/cluster-broker-cut-off.png")));
        rows = w.recordModel()->rowCount();
        // Its connection gives no sign (no reset): librdkafka drops it once a request goes
        // unanswered for socket.timeout.ms (30 s, makeConf), then asks who leads now.
        QTRY_VERIFY_WITH_TIMEOUT(w.recordModel()->rowCount() >= rows + 50, 60000);
        qInfo("50 more rows %.1f s after the cut",
              double(QDateTime::currentMSecsSinceEpoch() - cutAt) / 1000.0);
        QVERIFY(fault({QStringLiteral("heal")}));
        QTRY_VERIFY_WITH_TIMEOUT(w.brokerHealthText().isEmpty(), 40000);

        // Every offset Kafka holds, once, in order.
        stopProducer.dismiss();
        producing = false;
        producer.join();
        qint64 high = -1;
        QTRY_VERIFY_WITH_TIMEOUT((high = highOf(c, topic, 0)) >= 0 && w.recordModel()->rowCount() == high,
                                 40000);
        meter.stop();
        std::set<qint64> offsets;
        for (int r = 0; r < w.recordModel()->rowCount(); ++r) {
            const QModelIndex i = w.recordModel()->index(r, 0);
            QCOMPARE(i.data(RecordTableModel::OffsetRole).toLongLong(), qint64(r));
            QVERIFY2(!i.data(RecordTableModel::GapRole).toBool(),
                     qPrintable(
                         QStringLiteral("row %1 of %2 was read as holding no record: %3")
                             .arg(r)
                             .arg(w.recordModel()->rowCount())
                             .arg(w.recordModel()->index(r, RecordTableModel::ValueCol).data().toString())));
            offsets.insert(i.data(RecordTableModel::OffsetRole).toLongLong());
        }
        QCOMPARE(qint64(offsets.size()), high);
        qInfo("the table holds %lld records, offsets 0..%lld; the longest stall of the event loop: %lld ms",
              static_cast<long long>(high), static_cast<long long>(high - 1),
              static_cast<long long>(meter.longestMs()));
        QVERIFY2(meter.longestMs() < 1000,
                 qPrintable(QStringLiteral("the event loop stalled %1 ms").arg(meter.longestMs())));
        w.profiles()->remove(profile.name);
        (void)c.deleteTopic(topic, {}, true);
    }
};

QTEST_MAIN(TstMainWindowCluster)
#include "tst_main_window_cluster.moc"
