// The offline segment reader against segments the real test broker wrote: every codec, headers,
// tombstones; each record equals what a consumer reads from the live broker. Bit flips inside
// a batch's CRC-covered bytes are errors for that batch, never different data.

#include "kafka_browser.h"
#include "kafka_client.h"
#include "kafka_datadir.h"
#include "kafka_segment.h"
#include "kafka_tx_producer.h"
#include "record_source.h"
#include "source_registry.h"
#include "test_util.h"
#include "workspace_store.h"

#include <QDateTime>
#include <QDir>
#include <QDirIterator>
#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using namespace rw;

class TstSegment : public QObject {
    Q_OBJECT

    static QString dataDir() { return qEnvironmentVariable("REWIND_KAFKA_DATA"); }
    static bool brokerMissing()
    {
        return qEnvironmentVariable("REWIND_KAFKA_BOOTSTRAP").isEmpty() || dataDir().isEmpty();
    }
    static KafkaProfile brokerProfile()
    {
        KafkaProfile profile;
        profile.bootstrap = qEnvironmentVariable("REWIND_KAFKA_BOOTSTRAP");
        return profile;
    }
    // rewind-cli as a process: exit code, and stdout followed by stderr.
    static std::pair<int, QByteArray> runCli(const QStringList& args)
    {
        QProcess p;
        p.start(QStringLiteral(REWIND_CLI), args);
        p.waitForFinished(60000);
        return {p.exitCode(), p.readAllStandardOutput() + p.readAllStandardError()};
    }

private slots:
    void crc32cKnownValues()
    {
        QCOMPARE(crc32c(QByteArrayView("123456789")), 0xE3069283u); // the standard check value
        QCOMPARE(crc32c(QByteArrayView()), 0u);
        // Long inputs take the interleaved path: equal to a bit-at-a-time reference at every
        // length around its block boundaries.
        auto reference = [](QByteArrayView d) {
            quint32 c = 0xFFFFFFFFu;
            for (char ch : d) {
                c ^= static_cast<uchar>(ch);
                for (int k = 0; k < 8; ++k)
                    c = (c & 1) ? (c >> 1) ^ 0x82F63B78u : c >> 1;
            }
            return c ^ 0xFFFFFFFFu;
        };
        QByteArray data(5 * 3 * 4096 + 100, Qt::Uninitialized);
        quint32 x = 12345;
        for (char& ch : data)
            ch = static_cast<char>((x = x * 1103515245u + 12345u) >> 24);
        for (qsizetype n :
             {qsizetype(1), qsizetype(7), qsizetype(8), qsizetype(3 * 4096 - 1), qsizetype(3 * 4096),
              qsizetype(3 * 4096 + 1), qsizetype(6 * 4096 + 13), data.size()})
            for (qsizetype start : {qsizetype(0), qsizetype(3)})
                if (start + n <= data.size())
                    QCOMPARE(crc32c(QByteArrayView(data).sliced(start, n)),
                             reference(QByteArrayView(data).sliced(start, n)));
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
        if (brokerMissing())
            QSKIP("needs the test broker (REWIND_KAFKA_BOOTSTRAP, REWIND_KAFKA_DATA from scripts/test)");
        KafkaProfile profile = brokerProfile();
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
        for (size_t from = 0; from < recs.size(); from += 250) // several produce calls: several batches
            QVERIFY(
                client.value()
                    ->produce(std::vector<ProducerRecord>(recs.begin() + static_cast<qsizetype>(from),
                                                          recs.begin() + static_cast<qsizetype>(from + 250)))
                    .ok());
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
        // The same through the folder as a source (compressed batches decompressed ahead on the
        // other cores, records in order).
        auto folder = KafkaDataDir::open(dir.path());
        QVERIFY(folder.ok());
        std::vector<Record> viaDir;
        QVERIFY(folder.value()
                    ->scan(topic, 0, 0, std::numeric_limits<Offset>::max(),
                           [&](const RecordView& v) {
                               viaDir.push_back(toRecord(topic, v).value());
                               return true;
                           })
                    .ok());
        QCOMPARE(viaDir.size(), live.size());
        for (size_t i = 0; i < live.size(); ++i) {
            QCOMPARE(viaDir[i].offset, live[i].offset);
            QCOMPARE(viaDir[i].value, live[i].value);
            QCOMPARE(viaDir[i].headers, live[i].headers);
        }
        // Stopping early leaves no helper behind (the prefetcher joins on the way out).
        qint64 seen = 0;
        QVERIFY(folder.value()
                    ->scan(topic, 0, 0, std::numeric_limits<Offset>::max(),
                           [&](const RecordView&) { return ++seen < 700; })
                    .ok());
        QCOMPARE(seen, qint64(700));
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
        if (brokerMissing())
            QSKIP("needs the test broker (REWIND_KAFKA_BOOTSTRAP, REWIND_KAFKA_DATA from scripts/test)");
        KafkaProfile profile = brokerProfile();
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
        auto [okCode, okOut] = runCli({QStringLiteral("verify"), folder});
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
        auto [badCode, badOut] = runCli({QStringLiteral("verify"), copy.path()});
        QCOMPARE(badCode, 4);
        QVERIFY2(badOut.contains(QStringLiteral("at byte %1: CRC mismatch").arg(first).toUtf8()),
                 badOut.constData());
        QVERIFY2(badOut.contains(QStringLiteral("(offsets 100..199 lost with it)").toUtf8()),
                 badOut.constData());
        QVERIFY2(badOut.contains("200 records, 1 problem"),
                 badOut.constData()); // the other two batches still read
        // Every reading command says on stderr what it could not read, and exits 10 (it said
        // nothing and exited 0 before): the 200 records it could read are still output.
        const QString where = QStringLiteral("at byte %1").arg(first);
        const QList<QStringList> reads = {
            {QStringLiteral("consume"), copy.path(), QStringLiteral("-t"), topic, QStringLiteral("-e")},
            {QStringLiteral("export"), copy.path(), QStringLiteral("-t"), topic},
            {QStringLiteral("topics"), copy.path()},
            {QStringLiteral("search"), copy.path(), QStringLiteral("-e"), QStringLiteral("true")},
        };
        for (const QStringList& args : reads) {
            QProcess p;
            p.start(QStringLiteral(REWIND_CLI), args);
            QVERIFY(p.waitForFinished(60000));
            const QByteArray out = p.readAllStandardOutput(), err = p.readAllStandardError();
            QVERIFY2(p.exitCode() == 10,
                     qPrintable(args.join(' ') + QLatin1Char('\n') + QString::fromUtf8(err)));
            QVERIFY2(err.contains(where.toUtf8()) && err.contains("offsets 100..199"), err.constData());
            if (args[0] != QLatin1String("topics")) QCOMPARE(out.count('\n'), qsizetype(200));
        }
        // Damage in another topic is not this command's concern.
        QProcess other;
        other.start(QStringLiteral(REWIND_CLI),
                    {QStringLiteral("consume"), copy.path(), QStringLiteral("-t"), QStringLiteral("nope")});
        QVERIFY(other.waitForFinished(60000));
        QCOMPARE(other.exitCode(), 3);
        QVERIFY(!other.readAllStandardError().contains("damage"));
        (void)client.value()->deleteTopic(topic);
    }

    // A copy of the broker's data directory, taken while it runs (what a post-mortem gets), opened
    // as a source: every topic reads like a read_committed consumer of the live broker (codecs,
    // headers, tombstones, committed and aborted transactions, several segments, a compacted
    // topic), group offsets come back from __consumer_offsets, internal topics are hidden, the
    // command line reads it, and not one byte of the copy changes.
    void dataDirectoryReadsLikeTheLiveBroker()
    {
        if (brokerMissing())
            QSKIP("needs the test broker (REWIND_KAFKA_BOOTSTRAP, REWIND_KAFKA_DATA from scripts/test)");
        KafkaProfile profile = brokerProfile();
        auto client = KafkaClient::connect(profile);
        QVERIFY(client.ok());
        const QString stem = QStringLiteral("sandbox.dd%1").arg(QDateTime::currentMSecsSinceEpoch());
        const QString plain = stem + QStringLiteral("-plain"), tx = stem + QStringLiteral("-tx"),
                      compact = stem + QStringLiteral("-compact");
        const std::map<QString, QString> rolling{{QStringLiteral("segment.ms"), QStringLiteral("100")}};
        QVERIFY(client.value()->createTopic(plain, 3).ok());
        QVERIFY(client.value()->createTopic(tx, 1, -1, QStringLiteral("sandbox."), false, rolling).ok());
        QVERIFY(client.value()
                    ->createTopic(compact, 1, -1, QStringLiteral("sandbox."), false,
                                  {{QStringLiteral("cleanup.policy"), QStringLiteral("compact")},
                                   {QStringLiteral("segment.ms"), QStringLiteral("100")},
                                   {QStringLiteral("min.cleanable.dirty.ratio"), QStringLiteral("0.01")},
                                   {QStringLiteral("delete.retention.ms"), QStringLiteral("86400000")}})
                    .ok());
        // Plain: three partitions by key, headers, null keys and tombstones, lz4.
        {
            KafkaProfile lz4 = profile;
            lz4.extra[QStringLiteral("compression.type")] = QStringLiteral("lz4");
            auto c = KafkaClient::connect(lz4);
            QVERIFY(c.ok());
            std::vector<ProducerRecord> recs;
            for (int i = 0; i < 3000; ++i) {
                ProducerRecord r = test::producerRecord(
                    plain, -1, 1'794'787'200'000 + i * 1000,
                    i % 11 == 0 ? std::nullopt : std::optional<QByteArray>("o-" + QByteArray::number(i % 97)),
                    i % 13 == 0 ? std::nullopt
                                : std::optional<QByteArray>("{\"i\":" + QByteArray::number(i) + "}"),
                    {{"trace", QByteArray::number(i)}});
                r.partition = i % 3;
                recs.push_back(std::move(r));
            }
            QVERIFY(c.value()->produce(recs).ok());
        }
        // Transactions: commit, abort, commit, then one left open is not possible to observe
        // after the producer is gone (the coordinator aborts it), so three decided ones.
        {
            auto producer = KafkaTxProducer::create(profile, stem + QStringLiteral("-txid"));
            QVERIFY2(producer.ok(), qPrintable(producer.ok() ? QString() : producer.error().message));
            for (int t = 0; t < 3; ++t) {
                QVERIFY(producer.value()->begin().ok());
                for (int i = 0; i < 100; ++i)
                    QVERIFY(producer.value()
                                ->send(tx, 0, 1'794'787'200'000 + t * 1000 + i,
                                       QByteArrayView(QByteArray("t") + QByteArray::number(t)),
                                       QByteArrayView(QByteArray::number(i)), {})
                                .ok());
                if (t == 1) {
                    QVERIFY(producer.value()->commit().ok()); // flushed, then aborted below
                    QVERIFY(producer.value()->begin().ok());
                    for (int i = 0; i < 50; ++i)
                        QVERIFY(producer.value()
                                    ->send(tx, 0, 1'794'787'300'000 + i, QByteArrayView("gone"),
                                           QByteArrayView("aborted"), {})
                                    .ok());
                    QVERIFY(producer.value()->flush().ok()); // written to the log, then aborted
                    producer.value()->abort();
                    QTest::qWait(150); // segment.ms: the next transaction starts a new segment
                    continue;
                }
                QVERIFY(producer.value()->commit().ok());
                QTest::qWait(150);
            }
        }
        // Compaction: ten keys rewritten in rounds, each round in a new segment; wait until the
        // cleaner has removed older values (the live broker then shows gaps in offsets).
        for (int round = 0; round < 6; ++round) {
            std::vector<ProducerRecord> recs;
            for (int k = 0; k < 10; ++k)
                recs.push_back(test::producerRecord(
                    compact, 0, 1'794'787'200'000 + round * 100 + k,
                    QByteArray("key-") + QByteArray::number(k),
                    round == 5 && k == 0 ? std::nullopt
                                         : std::optional<QByteArray>(QByteArray::number(round))));
            QVERIFY(client.value()->produce(recs).ok());
            QTest::qWait(150);
        }
        auto browse = [&](const QString& topic) {
            std::map<PartitionId, std::vector<Record>> out;
            BrowseRequest req;
            req.topic = topic;
            req.mergeByTime = false;
            (void)KafkaBrowser(profile).run(req, [&](Record&& r) {
                out[r.partition].push_back(std::move(r));
                return true;
            });
            return out;
        };
        QElapsedTimer waited;
        waited.start();
        // Compacted: older values are gone, and the cleaner has written how far it got (the
        // reader's licence for gaps). The active segment is never cleaned.
        auto cleaned = [&] {
            return browse(compact)[0].size() < 60 &&
                   test::readFile(dataDir() + QStringLiteral("/cleaner-offset-checkpoint"))
                       .contains(compact.toUtf8());
        };
        while (!cleaned() && waited.elapsed() < 90000)
            QTest::qWait(500);
        QVERIFY2(cleaned(), "the cleaner did not compact within 90 s");
        qInfo("compaction after %lld ms", static_cast<long long>(waited.elapsed()));
        // A group with commits on the plain topic.
        const QString group = stem + QStringLiteral("-group");
        QVERIFY(client.value()
                    ->applyReset(group, {{plain, 0, std::nullopt, 400}, {plain, 1, std::nullopt, 1000}})
                    .ok());
        // The copy: the three topics, __consumer_offsets and the cleaner's checkpoint.
        QTemporaryDir copy;
        auto snapshot = [&] {
            for (const QString& sub : QDir(copy.path()).entryList(QDir::Dirs | QDir::NoDotAndDotDot))
                QDir(copy.filePath(sub)).removeRecursively();
            QFile::remove(copy.filePath(QStringLiteral("cleaner-offset-checkpoint")));
            for (const QString& sub : QDir(dataDir()).entryList(QDir::Dirs | QDir::NoDotAndDotDot)) {
                if (!sub.startsWith(stem) && !sub.startsWith(QLatin1String("__consumer_offsets-"))) continue;
                QDir().mkpath(copy.filePath(sub));
                for (const QString& f : QDir(dataDir() + QLatin1Char('/') + sub).entryList(QDir::Files)) {
                    QFile::copy(dataDir() + QLatin1Char('/') + sub + QLatin1Char('/') + f,
                                copy.filePath(sub + QLatin1Char('/') + f));
                }
            }
            QFile::copy(dataDir() + QStringLiteral("/cleaner-offset-checkpoint"),
                        copy.filePath(QStringLiteral("cleaner-offset-checkpoint")));
        };
        std::map<QString, std::map<PartitionId, std::vector<Record>>> live;
        for (int attempt = 0; attempt < 3; ++attempt) { // the cleaner may run during the copy
            for (const QString& t : {plain, tx, compact})
                live[t] = browse(t);
            snapshot();
            if (browse(compact) == live[compact]) break;
        }
        QCOMPARE(live[tx][0].size(), size_t(300));
        auto fingerprint = [&] {
            QStringList lines;
            QDirIterator it(copy.path(), QDir::Files | QDir::Dirs | QDir::NoDotAndDotDot,
                            QDirIterator::Subdirectories);
            while (it.hasNext()) {
                const QFileInfo fi(it.next());
                lines << fi.filePath() + QString::number(fi.size()) +
                             QString::number(fi.lastModified().toMSecsSinceEpoch()) +
                             (fi.isFile() ? QString::fromLatin1(test::fileHash(fi.filePath())) : QString());
            }
            lines.sort();
            return lines;
        };
        const QStringList before = fingerprint();

        auto store = openRecordSource(SourceSpec::file(copy.path()));
        QVERIFY2(store.ok(), qPrintable(store.ok() ? QString() : store.error().message));
        QVERIFY(!store.value()->capabilities().writable);
        QVERIFY(store.value()->facts()->readOnly);
        QVERIFY(!store.value()->facts()->lagNote.isEmpty()); // a copy has no lag history, and says so
        auto dir = KafkaDataDir::open(copy.path());
        QVERIFY(dir.ok());
        for (const QString& t : {plain, tx, compact}) {
            auto info = store.value()->topic(t);
            QVERIFY(info.ok());
            for (const PartitionInfo& p : info->partitions) {
                std::vector<Record> ours;
                QVERIFY(store.value()
                            ->scan(t, p.partition, 0, std::numeric_limits<Offset>::max(),
                                   [&](const RecordView& v) {
                                       ours.push_back(toRecord(t, v).value());
                                       return true;
                                   })
                            .ok());
                const std::vector<Record>& theirs = live[t][p.partition];
                QCOMPARE(ours.size(), theirs.size());
                QCOMPARE(p.count, qint64(theirs.size()));
                for (size_t i = 0; i < ours.size(); ++i) {
                    QCOMPARE(ours[i].offset, theirs[i].offset);
                    QCOMPARE(ours[i].timestamp, theirs[i].timestamp);
                    QCOMPARE(ours[i].key, theirs[i].key);
                    QCOMPARE(ours[i].value, theirs[i].value);
                    QCOMPARE(ours[i].headers, theirs[i].headers);
                }
                if (!theirs.empty()) {
                    // Seeks: from an offset in the middle, and by time.
                    const Record& mid = theirs[theirs.size() / 2];
                    auto from = store.value()->read(t, p.partition, mid.offset);
                    QVERIFY(from.ok() && from->has_value());
                    QCOMPARE((*from)->offset, mid.offset);
                    auto at = store.value()->offsetForTime(t, p.partition, mid.timestamp);
                    QVERIFY(at.ok() && at->has_value());
                    const auto firstAt = std::find_if(theirs.begin(), theirs.end(), [&](const Record& r) {
                        return r.timestamp >= mid.timestamp;
                    });
                    QCOMPARE(**at, firstAt->offset);
                }
            }
        }
        // Offsets the records do not fill: the transaction markers and the aborted records.
        auto txInfo = store.value()->topic(tx);
        QVERIFY(txInfo->partitions[0].high > 300 + 50);
        const auto aborted = dir.value()->abortedTransactions();
        QCOMPARE(aborted.size(), size_t(1));
        QCOMPARE(aborted.front().records, qint64(50));
        QVERIFY(!aborted.front().undecided);
        // Compaction gaps are expected, not damage; the tx topic spans several segments.
        QVERIFY(live[compact][0].back().offset + 1 - qint64(live[compact][0].size()) > 0);
        QVERIFY(QDir(copy.filePath(tx + QStringLiteral("-0"))).entryList({QStringLiteral("*.log")}).size() >=
                3);
        const auto issues = dir.value()->issues();
        QVERIFY2(issues.empty(),
                 qPrintable(issues.empty() ? QString()
                                           : issues.front().file + QLatin1Char(' ') + issues.front().what));
        // Internal topics are hidden unless asked for; committed offsets come back.
        auto topics = store.value()->topics();
        QVERIFY(std::none_of(topics->begin(), topics->end(),
                             [](const TopicInfo& t) { return t.name.startsWith(QLatin1String("__")); }));
        topics = openRecordSource({copy.path(), std::nullopt, false, true, std::nullopt, {}, {}})
                     .value()
                     ->topics();
        QVERIFY(std::any_of(topics->begin(), topics->end(), [](const TopicInfo& t) {
            return t.name == QLatin1String("__consumer_offsets");
        }));
        auto lag = store.value()->groupLag(group);
        QVERIFY2(lag.ok(), qPrintable(lag.ok() ? QString() : lag.error().message));
        QCOMPARE(lag->size(), size_t(3));
        QCOMPARE(lag->at(0).committed, std::optional<Offset>(400));
        QCOMPARE(lag->at(0).lag, std::optional<qint64>(1000 - 400));
        QCOMPARE(lag->at(1).committed, std::optional<Offset>(1000));
        QCOMPARE(lag->at(1).lag, std::optional<qint64>(0));
        QVERIFY(!lag->at(2).committed);
        auto groups = store.value()->groups();
        QVERIFY(std::any_of(groups->begin(), groups->end(), [&](const GroupSummary& g) {
            return g.name == group && g.totalLag == 600 && g.partitionsWithoutCommit == 1;
        }));
        // Read-only, always: never opened as a workspace, and refused as a writable source.
        QCOMPARE(WorkspaceStore::open(copy.path(), WorkspaceStore::Mode::ReadWrite).error().code,
                 ErrorCode::NotAWorkspace);
        QCOMPARE(
            openRecordSource({copy.path(), std::nullopt, true, false, std::nullopt, {}, {}}).error().code,
            ErrorCode::ReadOnly);
        // The command line reads it like a workspace.
        auto [tc, topicsOut] = runCli({QStringLiteral("topics"), copy.path()});
        QCOMPARE(tc, 0);
        QVERIFY(topicsOut.contains(plain.toUtf8()) && !topicsOut.contains("__consumer_offsets"));
        auto [cc, consumed] =
            runCli({QStringLiteral("consume"), copy.path(), QStringLiteral("-t"), tx, QStringLiteral("-J")});
        QCOMPARE(cc, 0);
        QCOMPARE(consumed.count('\n'), qsizetype(300));
        QVERIFY(!consumed.contains("aborted"));
        auto [gc, groupsOut] = runCli({QStringLiteral("groups"), copy.path(), QStringLiteral("-g"), group});
        QCOMPARE(gc, 0);
        QVERIFY2(groupsOut.contains("600"), groupsOut.constData());
        auto [sc, searched] = runCli({QStringLiteral("search"), copy.path(), QStringLiteral("-t"), plain,
                                      QStringLiteral("-e"), QStringLiteral("value.i == 2999")});
        QCOMPARE(sc, 0);
        QVERIFY2(searched.contains("1 matched"), searched.constData());
        auto [trc, traced] =
            runCli({QStringLiteral("trace"), copy.path(), QStringLiteral("-k"), QStringLiteral("o-5")});
        QVERIFY2(trc == 0, traced.constData());
        QVERIFY2(traced.contains(plain.toUtf8()), traced.constData());
        // A replay from the copy into a local workspace: the committed transactions only.
        QTemporaryDir out;
        const QString job = out.filePath(QStringLiteral("job.json"));
        QJsonObject source{{QStringLiteral("workspace"), copy.path()}, {QStringLiteral("topic"), tx}};
        QJsonObject target{{QStringLiteral("workspace"), out.filePath(QStringLiteral("sandbox.rewind"))},
                           {QStringLiteral("topic"), QStringLiteral("tx-replayed")}};
        QVERIFY(test::writeFile(
            job, QJsonDocument(QJsonObject{{QStringLiteral("name"), QStringLiteral("from a copy")},
                                           {QStringLiteral("source"), source},
                                           {QStringLiteral("target"), target}})
                     .toJson()));
        auto [rc, replayed] = runCli({QStringLiteral("replay"), QStringLiteral("run"), job});
        QVERIFY2(rc == 0, replayed.constData());
        auto sandbox = WorkspaceStore::open(out.filePath(QStringLiteral("sandbox.rewind")),
                                            WorkspaceStore::Mode::ReadOnly);
        QVERIFY(sandbox.ok());
        QCOMPARE(sandbox.value()->topic(QStringLiteral("tx-replayed"))->count(), qint64(300));
        QCOMPARE(sandbox.value()->journal()->size(), size_t(1)); // journaled in the target
        auto [vc, verified] = runCli({QStringLiteral("verify"), copy.path()});
        QVERIFY2(vc == 0, verified.constData());
        QVERIFY2(verified.contains("aborted a transaction") && verified.contains("0 problems"),
                 verified.constData());
        store = makeError(ErrorCode::Internal, QString());
        QCOMPARE(fingerprint(), before); // nothing written, nothing added
        for (const QString& t : {plain, tx, compact})
            (void)client.value()->deleteTopic(t);
    }

    // Any single bit flipped in a batch of a data directory: that batch is reported and not
    // shown, or (the partition leader epoch, which a reader does not use) nothing changes; never
    // different data. The base offset and length are outside the CRC: the reader checks them
    // against the neighbouring batches. A damaged index entry is reported, the data still reads.
    void everyFlippedBitInADirectoryIsCaught()
    {
        if (brokerMissing())
            QSKIP("needs the test broker (REWIND_KAFKA_BOOTSTRAP, REWIND_KAFKA_DATA from scripts/test)");
        KafkaProfile profile = brokerProfile();
        auto client = KafkaClient::connect(profile);
        QVERIFY(client.ok());
        const QString topic = QStringLiteral("sandbox.flip-%1").arg(QDateTime::currentMSecsSinceEpoch());
        QVERIFY(client.value()->createTopic(topic, 1).ok());
        for (int batch = 0; batch < 3; ++batch) {
            std::vector<ProducerRecord> recs;
            for (int i = 0; i < 60; ++i)
                recs.push_back(test::producerRecord(topic, 0, 5000 + batch * 100 + i, QByteArray("k"),
                                                    QByteArray(100, char('a' + batch)), {{"h", "v"}}));
            QVERIFY(client.value()->produce(recs).ok());
        }
        const QString folder = dataDir() + QLatin1Char('/') + topic + QStringLiteral("-0");
        const QString logName = QStringLiteral("00000000000000000000.log");
        const QByteArray log = test::readFile(folder + QLatin1Char('/') + logName);
        QByteArray index = test::readFile(folder + QStringLiteral("/00000000000000000000.index"));
        for (qsizetype i = 0; i + 8 <= index.size(); i += 8) // the active index is preallocated: trim
            if (index.mid(i, 8) == QByteArray(8, '\0')) {
                index.truncate(i);
                break;
            }
        qint64 first = 0, second = 0;
        QVERIFY(decodeBatch(log, topic, 0, {}, &first).ok());
        QVERIFY(decodeBatch(QByteArrayView(log).sliced(first), topic, 0, {}, &second).ok());
        QTemporaryDir root;
        int n = 0;
        auto readAll = [&](const QByteArray& logBytes, const QByteArray& indexBytes, std::vector<Record>& out,
                           std::vector<SegmentIssue>& issues) {
            const QString dir = root.filePath(QStringLiteral("c%1/%2-0").arg(n++).arg(topic));
            QDir().mkpath(dir);
            test::writeFile(dir + QLatin1Char('/') + logName, logBytes);
            if (!indexBytes.isEmpty())
                test::writeFile(dir + QStringLiteral("/00000000000000000000.index"), indexBytes);
            auto d = KafkaDataDir::open(QFileInfo(dir).absolutePath());
            if (!d) return false;
            (void)d.value()->scan(topic, 0, 0, std::numeric_limits<Offset>::max(), [&](const RecordView& v) {
                out.push_back(toRecord(topic, v).value());
                return true;
            });
            issues = d.value()->issues();
            return true;
        };
        std::vector<Record> original;
        std::vector<SegmentIssue> none;
        QVERIFY(readAll(log, index, original, none));
        QCOMPARE(original.size(), size_t(180));
        QVERIFY(none.empty());
        std::map<Offset, Record> byOffset;
        for (const Record& r : original)
            byOffset[r.offset] = r;
        // Every bit of the middle batch's header, and a spread of bits in its records; every bit
        // of the last batch's header too (it has no next batch to compare with).
        std::vector<qint64> bits;
        for (qint64 b = 0; b < 61 * 8; ++b) {
            bits.push_back(first * 8 + b);
            bits.push_back((first + second) * 8 + b);
        }
        for (qint64 b = 61 * 8; b < second * 8; b += 37)
            bits.push_back(first * 8 + b);
        int caught = 0;
        for (qint64 bit : bits) {
            QByteArray flipped = log;
            flipped[static_cast<qsizetype>(bit / 8)] ^= static_cast<char>(1 << (bit % 8));
            std::vector<Record> got;
            std::vector<SegmentIssue> issues;
            QVERIFY(readAll(flipped, index, got, issues));
            for (const Record& r : got) {
                auto it = byOffset.find(r.offset);
                QVERIFY2(
                    it != byOffset.end() && it->second == r,
                    qPrintable(QStringLiteral("bit %1: offset %2 reads differently").arg(bit).arg(r.offset)));
            }
            const qint64 inBatch = (bit / 8) - (bit / 8 >= first + second ? first + second : first);
            const bool leaderEpoch = inBatch >= 12 && inBatch < 16;
            if (!leaderEpoch) {
                QVERIFY2(!issues.empty(), qPrintable(QStringLiteral("bit %1 went unnoticed").arg(bit)));
                ++caught;
            } else {
                QCOMPARE(got.size(), original.size());
            }
            if (got.size() < original.size()) QVERIFY(!issues.empty());
        }
        QVERIFY(caught > 800);
        // A damaged offset index entry: reported at its byte in the .index file; all records read.
        QVERIFY(index.size() >= 8 && index.mid(0, 8) != QByteArray(8, '\0'));
        QByteArray badIndex = index;
        badIndex[3] = static_cast<char>(badIndex[3] ^ 0x04); // the first entry's relative offset
        std::vector<Record> got;
        std::vector<SegmentIssue> issues;
        QVERIFY(readAll(log, badIndex, got, issues));
        QCOMPARE(got, original);
        QCOMPARE(issues.size(), size_t(1));
        QVERIFY(issues.front().file.endsWith(QLatin1String(".index")));
        QCOMPARE(issues.front().position, qint64(0));
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
