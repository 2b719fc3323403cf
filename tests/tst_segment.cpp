// The offline segment reader against segments the real test broker wrote: every codec, headers,
// tombstones; each record equals what a consumer reads from the live broker. Bit flips inside
// a batch's CRC-covered bytes are errors for that batch, never different data.

#include "kafka_browser.h"
#include "kafka_client.h"
#include "kafka_segment.h"
#include "test_util.h"

#include <QDateTime>
#include <QDir>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using namespace rw;

class TstSegment : public QObject {
    Q_OBJECT

    QString dataDir() const { return qEnvironmentVariable("REWIND_KAFKA_DATA"); }

private slots:
    void crc32cKnownValues()
    {
        QCOMPARE(crc32c(QByteArrayView("123456789")), 0xE3069283u); // the standard check value
        QCOMPARE(crc32c(QByteArrayView()), 0u);
    }

    void everyCodecReadsLikeTheLiveBroker_data()
    {
        QTest::addColumn<QString>("codec");
        for (const char* c : {"none", "gzip", "snappy", "lz4", "zstd"})
            QTest::newRow(c) << QString::fromLatin1(c);
    }

    void everyCodecReadsLikeTheLiveBroker()
    {
        QFETCH(QString, codec);
        const QString bootstrap = qEnvironmentVariable("REWIND_KAFKA_BOOTSTRAP");
        if (bootstrap.isEmpty() || dataDir().isEmpty())
            QSKIP("needs the test broker (REWIND_KAFKA_BOOTSTRAP, REWIND_KAFKA_DATA from scripts/test)");
        KafkaProfile profile;
        profile.bootstrap = bootstrap;
        profile.extra[QStringLiteral("compression.type")] = codec;
        auto client = KafkaClient::connect(profile);
        QVERIFY2(client.ok(), qPrintable(client.ok() ? QString() : client.error().message));
        const QString topic =
            QStringLiteral("sandbox.seg-%1-%2").arg(codec).arg(QDateTime::currentMSecsSinceEpoch());
        QVERIFY(client.value()->createTopic(topic, 1).ok());
        std::vector<ProducerRecord> recs;
        for (int i = 0; i < 2000; ++i) {
            ProducerRecord r = test::producerRecord(
                topic, 0, 1'794'787'200'000 + i,
                i % 10 == 0 ? std::nullopt
                            : std::optional<QByteArray>(QByteArray("k") + QByteArray::number(i)),
                i % 7 == 0 ? std::nullopt
                           : std::optional<QByteArray>(QByteArray("{\"n\":") + QByteArray::number(i) +
                                                       ",\"pad\":\"" + QByteArray(i % 300, 'x') + "\"}"),
                {{"h", QByteArray::number(i)}, {"nul", std::nullopt}});
            recs.push_back(std::move(r));
        }
        QVERIFY(client.value()->produce(recs).ok());
        // The live broker's view.
        std::vector<Record> live;
        BrowseRequest req;
        req.topic = topic;
        QVERIFY(KafkaBrowser(profile)
                    .run(req,
                         [&](Record&& r) {
                             live.push_back(std::move(r));
                             return true;
                         })
                    .ok());
        QCOMPARE(live.size(), size_t(2000));
        // The files.
        const QDir dir(dataDir() + QLatin1Char('/') + topic + QStringLiteral("-0"));
        QVERIFY2(dir.exists(), qPrintable(dir.path()));
        std::vector<Record> offline;
        qint64 batches = 0, uncompressed = 0;
        for (const QString& log : dir.entryList({QStringLiteral("*.log")}, QDir::Files, QDir::Name)) {
            auto scan = scanSegment(dir.filePath(log), topic, 0, [&](SegmentBatch&& b) {
                ++batches;
                if (codec != QLatin1String("none") && b.compression == 0) ++uncompressed;
                for (Record& r : b.records)
                    offline.push_back(std::move(r));
                return true;
            });
            QVERIFY2(scan.ok(), qPrintable(scan.ok() ? QString() : scan.error().message));
            QVERIFY2(scan->issues.empty(),
                     qPrintable(scan->issues.empty() ? QString() : scan->issues.front().what));
        }
        QVERIFY(batches > 0);
        QCOMPARE(uncompressed, qint64(0)); // the codec asked for is the one read
        QCOMPARE(offline.size(), live.size());
        for (size_t i = 0; i < live.size(); ++i) {
            QCOMPARE(offline[i].offset, live[i].offset);
            QCOMPARE(offline[i].timestamp, live[i].timestamp);
            QCOMPARE(offline[i].key, live[i].key);
            QCOMPARE(offline[i].value, live[i].value);
            QCOMPARE(offline[i].headers, live[i].headers);
        }
        // Kafka's own dump tool on the same files agrees batch by batch and record by record.
        const QString jars = qEnvironmentVariable("REWIND_KAFKA_JARS");
        if (!jars.isEmpty()) {
            static const QRegularExpression batchLine(QStringLiteral(
                "^baseOffset: (\\d+) lastOffset: (\\d+) count: (\\d+) .* isTransactional: (\\w+) "
                "isControl: (\\w+) .* position: (\\d+) CreateTime: (-?\\d+) size: (\\d+) magic: 2 "
                "compresscodec: (\\w+) crc: (\\d+) isvalid: true"));
            static const QRegularExpression recordLine(QStringLiteral(
                "^\\| offset: (\\d+) CreateTime: (-?\\d+) keySize: (-?\\d+) valueSize: (-?\\d+) "
                "sequence: -?\\d+ headerKeys: \\[([^\\]]*)\\]"));
            static const char* codecs[] = {"none", "gzip", "snappy", "lz4", "zstd"};
            for (const QString& log : dir.entryList({QStringLiteral("*.log")}, QDir::Files, QDir::Name)) {
                QProcess dump;
                dump.start(QStringLiteral("java"),
                           {QStringLiteral("-cp"), jars + QStringLiteral("/*"),
                            QStringLiteral("kafka.tools.DumpLogSegments"), QStringLiteral("--files"),
                            dir.filePath(log), QStringLiteral("--print-data-log"),
                            QStringLiteral("--deep-iteration")});
                QVERIFY(dump.waitForFinished(120000));
                QVERIFY2(dump.exitCode() == 0, dump.readAllStandardError().constData());
                std::vector<SegmentBatch> ours;
                QVERIFY(scanSegment(dir.filePath(log), topic, 0, [&](SegmentBatch&& b) {
                            ours.push_back(std::move(b));
                            return true;
                        }).ok());
                size_t bi = 0, ri = 0;
                qint64 dumpedRecords = 0;
                for (const QByteArray& raw : dump.readAllStandardOutput().split('\n')) {
                    const QString line = QString::fromUtf8(raw);
                    if (auto m = batchLine.match(line); m.hasMatch()) {
                        QVERIFY2(bi < ours.size(), "the dump tool lists more batches");
                        const SegmentBatch& b = ours[bi++];
                        ri = 0;
                        QCOMPARE(b.baseOffset, m.captured(1).toLongLong());
                        QCOMPARE(b.lastOffset, m.captured(2).toLongLong());
                        QCOMPARE(qint64(b.count), m.captured(3).toLongLong());
                        QCOMPARE(b.transactional, m.captured(4) == QLatin1String("true"));
                        QCOMPARE(b.control, m.captured(5) == QLatin1String("true"));
                        QCOMPARE(b.position, m.captured(6).toLongLong());
                        QCOMPARE(b.maxTimestamp, m.captured(7).toLongLong());
                        QCOMPARE(b.size, m.captured(8).toLongLong());
                        QCOMPARE(QString::fromLatin1(codecs[b.compression]), m.captured(9));
                        QCOMPARE(qint64(b.crc), m.captured(10).toLongLong());
                    } else if (auto r = recordLine.match(line); r.hasMatch()) {
                        QVERIFY(bi > 0 && ri < ours[bi - 1].records.size());
                        const Record& rec = ours[bi - 1].records[ri++];
                        ++dumpedRecords;
                        QCOMPARE(rec.offset, r.captured(1).toLongLong());
                        QCOMPARE(rec.timestamp, r.captured(2).toLongLong());
                        QCOMPARE(rec.key ? qint64(rec.key->size()) : qint64(-1), r.captured(3).toLongLong());
                        QCOMPARE(rec.value ? qint64(rec.value->size()) : qint64(-1),
                                 r.captured(4).toLongLong());
                        QStringList keys;
                        for (const Header& h : rec.headers)
                            keys << QString::fromUtf8(h.key);
                        QCOMPARE(keys.join(QLatin1Char(',')), r.captured(5));
                    }
                }
                QCOMPARE(bi, ours.size());
                QCOMPARE(dumpedRecords, qint64(2000));
            }
        }
        // Bit flips in the CRC-covered part of the first batch: an error, never other data.
        const QString first =
            dir.filePath(dir.entryList({QStringLiteral("*.log")}, QDir::Files, QDir::Name).front());
        QByteArray bytes = test::readFile(first);
        qint64 size = 0;
        QVERIFY(decodeBatch(bytes, topic, 0, {}, &size).ok());
        for (qint64 bit = 21 * 8; bit < size * 8; bit += std::max<qint64>(1, size * 8 / 4000)) {
            QByteArray flipped = bytes;
            flipped[static_cast<qsizetype>(bit / 8)] =
                static_cast<char>(flipped[static_cast<qsizetype>(bit / 8)] ^ (1 << (bit % 8)));
            auto b = decodeBatch(flipped, topic, 0, {});
            QVERIFY2(!b.ok(), qPrintable(QStringLiteral("bit %1 flipped went unnoticed").arg(bit)));
        }
        (void)client.value()->deleteTopic(topic);
    }

    // rewind-cli verify on a partition folder the broker wrote, then on a copy with one byte
    // changed: the damage is reported with its file and byte position; the rest still reads.
    void cliVerifyReportsDamage()
    {
        const QString bootstrap = qEnvironmentVariable("REWIND_KAFKA_BOOTSTRAP");
        if (bootstrap.isEmpty() || dataDir().isEmpty())
            QSKIP("needs the test broker (REWIND_KAFKA_BOOTSTRAP, REWIND_KAFKA_DATA from scripts/test)");
        KafkaProfile profile;
        profile.bootstrap = bootstrap;
        auto client = KafkaClient::connect(profile);
        QVERIFY(client.ok());
        const QString topic = QStringLiteral("sandbox.verify-%1").arg(QDateTime::currentMSecsSinceEpoch());
        QVERIFY(client.value()->createTopic(topic, 1).ok());
        for (int batch = 0; batch < 3; ++batch) { // three produce calls: at least three batches
            std::vector<ProducerRecord> recs;
            for (int i = 0; i < 100; ++i)
                recs.push_back(test::producerRecord(topic, 0, 1000 + i, QByteArray("k"),
                                                    QByteArray(50, char('a' + batch))));
            QVERIFY(client.value()->produce(recs).ok());
        }
        const QString folder = dataDir() + QLatin1Char('/') + topic + QStringLiteral("-0");
        auto run = [](const QStringList& args) {
            QProcess p;
            p.start(QStringLiteral(REWIND_CLI), args);
            p.waitForFinished(60000);
            return std::make_pair(p.exitCode(), p.readAllStandardOutput());
        };
        auto [okCode, okOut] = run({QStringLiteral("verify"), folder});
        QVERIFY2(okCode == 0, okOut.constData());
        QVERIFY(okOut.contains("300 records, 0 problems"));
        QTemporaryDir copy;
        const QString damaged = copy.filePath(topic + QStringLiteral("-0"));
        QVERIFY(QDir().mkpath(damaged));
        const QString log =
            QDir(folder).entryList({QStringLiteral("*.log")}, QDir::Files, QDir::Name).front();
        QByteArray bytes = test::readFile(folder + QLatin1Char('/') + log);
        qint64 first = 0;
        QVERIFY(decodeBatch(bytes, topic, 0, {}, &first).ok());
        bytes[static_cast<qsizetype>(first + 80)] =
            static_cast<char>(bytes[static_cast<qsizetype>(first + 80)] ^ 0x10); // inside the 2nd batch
        QVERIFY(test::writeFile(damaged + QLatin1Char('/') + log, bytes));
        auto [badCode, badOut] = run({QStringLiteral("verify"), copy.path()});
        QCOMPARE(badCode, 4);
        QVERIFY2(badOut.contains(QStringLiteral("damage at byte %1: CRC mismatch").arg(first).toUtf8()),
                 badOut.constData());
        QVERIFY2(badOut.contains("200 records, 1 problem"),
                 badOut.constData()); // the other two batches still read
        (void)client.value()->deleteTopic(topic);
    }

    void damageIsReportedWithItsPosition()
    {
        QTemporaryDir dir;
        // A made-up v1 (magic 1) message set is refused as unsupported, not misread.
        QByteArray v1(12 + 60, '\0');
        v1[11] = 60; // length
        v1[16] = 1;  // magic
        const QString p = dir.filePath(QStringLiteral("00000000000000000000.log"));
        QVERIFY(test::writeFile(p, v1 + QByteArray(100, '\0')));
        auto scan = scanSegment(p, QStringLiteral("t"), 0, [](SegmentBatch&&) { return true; });
        QVERIFY(scan.ok());
        QCOMPARE(scan->issues.size(), size_t(1));
        QCOMPARE(scan->issues.front().position, qint64(0));
        QVERIFY(scan->issues.front().what.contains(QStringLiteral("magic 1")));
        QVERIFY(scan->zeroTail);
        // Garbage lengths stop the scan with the position named.
        QVERIFY(test::writeFile(p, QByteArray("\x00\x00\x00\x00\x00\x00\x00\x05\x7f\xff\xff\xff", 12) +
                                       QByteArray(40, 'x')));
        scan = scanSegment(p, QStringLiteral("t"), 0, [](SegmentBatch&&) { return true; });
        QVERIFY(scan.ok());
        QCOMPARE(scan->issues.size(), size_t(1));
        QVERIFY(scan->issues.front().what.contains(QStringLiteral("impossible")));
    }
};

QTEST_MAIN(TstSegment)
#include "tst_segment.moc"
