// RecordSource (connectors/record_source.h): the same test body against every kind of source —
// a workspace file, the test broker's data directory read in place, and the live broker — each
// holding the same records. The Kafka kinds need scripts/test's broker and skip without it.

#include "kafka_client.h"
#include "record_source.h"
#include "test_util.h"

#include <QDateTime>
#include <QTemporaryDir>
#include <QTest>

using namespace rw;

namespace {

constexpr int kPartitions = 3;
constexpr int kPerPartition = 40;
constexpr TimestampMs kStart = 1'794'787'200'000; // 2026-11-16

ProducerRecord recordAt(const QString& topic, int p, int i)
{
    return test::producerRecord(topic, p, kStart + 1000 * i,
                                i % 9 == 0 ? std::nullopt
                                           : std::optional(QByteArray("k-%1-%2")
                                                               .replace("%1", QByteArray::number(p))
                                                               .replace("%2", QByteArray::number(i))),
                                QByteArray("{\"p\":") + QByteArray::number(p) +
                                    ",\"i\":" + QByteArray::number(i) + "}",
                                {{"n", QByteArray::number(i)}, {"nul", std::nullopt}});
}

std::vector<ProducerRecord> records(const QString& topic)
{
    std::vector<ProducerRecord> out;
    for (int i = 0; i < kPerPartition; ++i)
        for (int p = 0; p < kPartitions; ++p)
            out.push_back(recordAt(topic, p, i));
    return out;
}

} // namespace

class TstRecordSource : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    QString m_topic;
    QString m_workspace;

    static bool brokerMissing()
    {
        return qEnvironmentVariable("REWIND_KAFKA_BOOTSTRAP").isEmpty() ||
               qEnvironmentVariable("REWIND_KAFKA_DATA").isEmpty();
    }
    static KafkaProfile broker()
    {
        KafkaProfile p;
        p.bootstrap = qEnvironmentVariable("REWIND_KAFKA_BOOTSTRAP");
        return p;
    }

    // The body every kind of source must pass.
    void checkSource(RecordSource& source)
    {
        auto topics = source.topics();
        QVERIFY2(topics.ok(), qPrintable(topics.ok() ? QString() : topics.error().message));
        const auto it = std::find_if(topics->begin(), topics->end(),
                                     [&](const TopicInfo& t) { return t.name == m_topic; });
        QVERIFY2(it != topics->end(), qPrintable(source.name()));
        QCOMPARE(int(it->partitions.size()), kPartitions);
        for (const PartitionInfo& p : it->partitions) {
            QCOMPARE(p.high - p.low, Offset(kPerPartition));
            QCOMPARE(p.count, qint64(kPerPartition)); // no gaps here, exact or estimated
        }
        // A whole partition, in offset order, byte for byte.
        const PartitionInfo& one = it->partitions[1];
        std::vector<Record> got;
        auto n = source.scan(m_topic, 1, one.low, one.high, [&](const RecordView& v) {
            auto r = toRecord(m_topic, v);
            if (r) got.push_back(std::move(r.value()));
            return true;
        });
        QVERIFY2(n.ok(), qPrintable(n.ok() ? QString() : n.error().message));
        QCOMPARE(n.value(), qint64(kPerPartition));
        QCOMPARE(int(got.size()), kPerPartition);
        for (int i = 0; i < kPerPartition; ++i) {
            const ProducerRecord want = recordAt(m_topic, 1, i);
            QCOMPARE(got[size_t(i)].offset, one.low + i);
            QCOMPARE(got[size_t(i)].key, want.key);
            QCOMPARE(got[size_t(i)].value, want.value);
            QCOMPARE(got[size_t(i)].headers, want.headers);
            QCOMPARE(got[size_t(i)].timestamp, want.timestamp);
        }
        // A range, a cap, a stop from the callback, a cancel.
        std::vector<Offset> offsets;
        QCOMPARE(source
                     .scan(m_topic, 2, one.low + 10, one.low + 20,
                           [&](const RecordView& v) {
                               offsets.push_back(v.offset);
                               return true;
                           })
                     .value(),
                 qint64(10));
        QCOMPARE(offsets.front(), one.low + 10);
        QCOMPARE(offsets.back(), one.low + 19);
        QCOMPARE(source
                     .scan(
                         m_topic, 0, one.low, one.high, [](const RecordView&) { return true; }, 5)
                     .value(),
                 qint64(5));
        int seen = 0;
        (void)source.scan(m_topic, 0, one.low, one.high, [&](const RecordView&) { return ++seen < 3; });
        QCOMPARE(seen, 3);
        std::atomic_bool cancel{false};
        seen = 0;
        (void)source.scan(
            m_topic, 0, one.low, one.high,
            [&](const RecordView&) {
                if (++seen == 4) cancel = true;
                return true;
            },
            -1, &cancel);
        QVERIFY2(seen < kPerPartition, qPrintable(QString::number(seen)));
        // Seeking by time.
        auto at = source.offsetForTime(m_topic, 1, kStart + 1000 * 25 - 500);
        QVERIFY(at.ok());
        QCOMPARE(at.value(), std::optional<Offset>(one.low + 25));
        auto none = source.offsetForTime(m_topic, 1, kStart + 1000 * kPerPartition);
        QVERIFY(none.ok());
        QVERIFY(!none.value());
    }

private slots:
    void initTestCase()
    {
        m_topic = QStringLiteral("sandbox.source-%1").arg(QDateTime::currentMSecsSinceEpoch());
        m_workspace = m_dir.filePath(QStringLiteral("source.rewind"));
        auto s = WorkspaceStore::create(m_workspace);
        QVERIFY(s.ok());
        QVERIFY(s.value()->createTopic(m_topic, kPartitions).ok());
        QVERIFY(s.value()->append(records(m_topic)).ok());
        if (brokerMissing()) return;
        auto client = KafkaClient::connect(broker());
        QVERIFY(client.ok());
        QVERIFY(client.value()->createTopic(m_topic, kPartitions).ok());
        QVERIFY(client.value()->produce(records(m_topic)).ok());
    }

    void workspaceFile()
    {
        auto source = openRecordSource({m_workspace, std::nullopt, false, false});
        QVERIFY(source.ok());
        QCOMPARE(source.value()->name(), m_workspace);
        QVERIFY(!source.value()->capabilities().writable);
        QVERIFY(source.value()->capabilities().exactCounts);
        checkSource(*source.value());
        auto writable = openRecordSource({m_workspace, std::nullopt, true, false});
        QVERIFY(writable.ok() && writable.value()->capabilities().writable);
    }

    void brokerDataDirectory()
    {
        if (brokerMissing())
            QSKIP("needs the test broker (REWIND_KAFKA_BOOTSTRAP, REWIND_KAFKA_DATA from scripts/test)");
        auto source =
            openRecordSource({qEnvironmentVariable("REWIND_KAFKA_DATA"), std::nullopt, false, false});
        QVERIFY2(source.ok(), qPrintable(source.ok() ? QString() : source.error().message));
        QVERIFY(!source.value()->capabilities().writable);
        QVERIFY(!source.value()->capabilities().live);
        checkSource(*source.value());
        auto writable =
            openRecordSource({qEnvironmentVariable("REWIND_KAFKA_DATA"), std::nullopt, true, false});
        QVERIFY(!writable.ok()); // read in place, never written
    }

    void liveCluster()
    {
        if (brokerMissing()) QSKIP("needs the test broker (REWIND_KAFKA_BOOTSTRAP from scripts/test)");
        auto source = openRecordSource({QString(), broker(), false, false});
        QVERIFY2(source.ok(), qPrintable(source.ok() ? QString() : source.error().message));
        QVERIFY(source.value()->name().startsWith(QStringLiteral("kafka:")));
        QVERIFY(source.value()->capabilities().live);
        checkSource(*source.value());
    }

    void cleanupTestCase()
    {
        if (brokerMissing()) return;
        if (auto client = KafkaClient::connect(broker())) (void)client.value()->deleteTopic(m_topic);
    }
};

QTEST_GUILESS_MAIN(TstRecordSource)
#include "tst_record_source.moc"
