#include "murmur2.h"

#include <QTest>

using namespace rw;

class TstPartitioner : public QObject {
    Q_OBJECT
private slots:
    // Vectors from Apache Kafka's UtilsTest.testMurmur2: keys must land where Kafka puts them.
    void matchesKafka_data()
    {
        QTest::addColumn<QByteArray>("input");
        QTest::addColumn<int>("hash");
        QTest::newRow("21") << QByteArray("21") << -973932308;
        QTest::newRow("foobar") << QByteArray("foobar") << -790332482;
        QTest::newRow("long") << QByteArray("a-little-bit-long-string") << -985981536;
        QTest::newRow("longer") << QByteArray("a-little-bit-longer-string") << -1486304829;
        QTest::newRow("longest") << QByteArray("lkjh234lh9fiuh90y23oiuhsafujhadof229phr9h19h89h8")
                                 << -58897971;
        QTest::newRow("abc") << QByteArray("abc") << 479470107;
    }
    void matchesKafka()
    {
        QFETCH(QByteArray, input);
        QFETCH(int, hash);
        QCOMPARE(murmur2(input), hash);
    }

    void partitionIsPositiveAndInRange()
    {
        for (int i = 0; i < 10000; ++i) {
            const QByteArray key = "o-" + QByteArray::number(i);
            const int p = defaultPartition(key, 6);
            QVERIFY(p >= 0 && p < 6);
        }
        QCOMPARE(defaultPartition("x", 0), 0);
    }

    // librdkafka's consistent partitioner: rd_crc32(key) % partitions, the IEEE CRC-32.
    void crc32MatchesTheStandard()
    {
        QCOMPARE(crc32("123456789"), 0xcbf43926u);
        QCOMPARE(crc32(""), 0u);
        QCOMPARE(crc32Partition("123456789", 7), int(0xcbf43926u % 7));
        KeyPartitioner k;
        QVERIFY(parsePartitioner(u"crc32", k) && k == KeyPartitioner::Crc32);
        QVERIFY(parsePartitioner(u"murmur2", k) && k == KeyPartitioner::Murmur2);
        QVERIFY(!parsePartitioner(u"random", k));
    }
};

QTEST_APPLESS_MAIN(TstPartitioner)
#include "tst_partitioner.moc"
