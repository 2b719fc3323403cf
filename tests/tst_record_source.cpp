// RecordSource (connectors/record_source.h): the same test body against every kind of source —
// a workspace file, the test broker's data directory read in place, and the live broker — each
// holding the same records. The Kafka kinds need scripts/test's broker and skip without it.

#include "kafka_client.h"
#include "record_source.h"
#include "schemas_topic.h"
#include "source_registry.h"
#include "test_util.h"
#include "workspace_store.h"

#include <QDateTime>
#include <QTemporaryDir>
#include <QTest>

#include <set>

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
        // Watermarks, read fresh.
        auto marks = source.watermarks(m_topic, 1);
        QVERIFY(marks.ok());
        QCOMPARE(marks.value(), std::make_pair(one.low, one.high));
        QVERIFY(!source.watermarks(m_topic, kPartitions + 5).ok());
        // One record, and an offset that holds none.
        auto rec = source.read(m_topic, 2, one.low + 7);
        QVERIFY2(rec.ok(), qPrintable(rec.ok() ? QString() : rec.error().message));
        QVERIFY(rec.value().has_value());
        QCOMPARE(rec.value()->value, recordAt(m_topic, 2, 7).value);
        QCOMPARE(rec.value()->topic, m_topic);
        auto missing = source.read(m_topic, 2, one.high);
        QVERIFY(missing.ok());
        QVERIFY(!missing.value().has_value());
        // Scattered refs across partitions (two near each other, one far, one past the end).
        const QStringList names{QStringLiteral("elsewhere"), m_topic};
        const std::vector<RecordRef> refs{
            {one.low + 3, 0, 0, 1}, {one.low + 30, 0, 2, 1}, {one.low + 5, 0, 0, 1}, {one.high + 2, 0, 1, 1}};
        std::map<size_t, QByteArray> byIndex;
        auto readRefs = source.readRefs(
            names, refs, [&](size_t i, const RecordView& v) { byIndex[i] = v.value.toByteArray(); });
        QVERIFY2(readRefs.ok(), qPrintable(readRefs.ok() ? QString() : readRefs.error().message));
        QCOMPARE(int(byIndex.size()), 3);
        QCOMPARE(byIndex[0], *recordAt(m_topic, 0, 3).value);
        QCOMPARE(byIndex[1], *recordAt(m_topic, 2, 30).value);
        QCOMPARE(byIndex[2], *recordAt(m_topic, 0, 5).value);
        QVERIFY(!byIndex.count(3));
        // Times in offset order, and a histogram that counts each record once.
        std::vector<std::pair<Offset, TimestampMs>> times;
        QVERIFY(source
                    .scanTimes(m_topic, 1, one.low, one.high,
                               [&](Offset o, TimestampMs ts) {
                                   times.emplace_back(o, ts);
                                   return true;
                               })
                    .ok());
        QCOMPARE(int(times.size()), kPerPartition);
        QCOMPARE(times[12], std::make_pair(one.low + 12, kStart + 1000 * 12));
        auto histogram = source.histogram(m_topic, 1, kStart, 10'000, 5);
        QVERIFY2(histogram.ok(), qPrintable(histogram.ok() ? QString() : histogram.error().message));
        QCOMPARE(histogram.value(), (std::vector<qint64>{10, 10, 10, 10, 0}));
        // A filter over every partition.
        auto filter = Filter::compile(QStringLiteral("value.i == 7"), 0);
        QVERIFY(filter.ok());
        SearchOptions options;
        options.topic = m_topic;
        int matched = 0;
        auto report = source.search(filter.value(), options, [&](const QString& topic, const RecordView& v) {
            if (topic == m_topic && v.value == *recordAt(m_topic, v.partition, 7).value) ++matched;
            return true;
        });
        QVERIFY2(report.ok(), qPrintable(report.ok() ? QString() : report.error().message));
        QCOMPARE(report->matched, qint64(kPartitions));
        QCOMPARE(matched, kPartitions);
        // A time range beside the filter (the timeline's shaded range): only records in
        // [from, to) match, with and without reading less for it.
        auto every = Filter::compile(QStringLiteral("true"), 0);
        QVERIFY(every.ok());
        for (const bool pushdown : {true, false}) {
            SearchOptions ranged;
            ranged.topic = m_topic;
            ranged.pushdown = pushdown;
            ranged.timeRange = std::make_pair(kStart + 1000 * 10, kStart + 1000 * 15); // i = 10..14
            std::set<std::pair<PartitionId, qint64>> seenTimes;
            auto r = source.search(every.value(), ranged, [&](const QString&, const RecordView& v) {
                seenTimes.insert({v.partition, v.timestamp});
                return true;
            });
            QVERIFY2(r.ok(), qPrintable(r.ok() ? QString() : r.error().message));
            QCOMPARE(r->matched, qint64(5 * kPartitions));
            QCOMPARE(int(seenTimes.size()), 5 * kPartitions);
            for (const auto& [partition, ts] : seenTimes)
                QVERIFY(ts >= kStart + 1000 * 10 && ts < kStart + 1000 * 15);
            if (pushdown)
                QVERIFY2(r->scanned < qint64(kPerPartition * kPartitions), "the range bounded the read");
            auto both =
                source.search(filter.value(), ranged, [](const QString&, const RecordView&) { return true; });
            QVERIFY(both.ok());
            QCOMPARE(both->matched, qint64(0)); // value.i == 7 lies outside the range
        }
        // Another connection with the same options, as a job on another thread takes.
        auto again = source.reopen();
        QVERIFY2(again.ok(), qPrintable(again.ok() ? QString() : again.error().message));
        QCOMPARE(again.value()->name(), source.name());
        QCOMPARE(again.value()->watermarks(m_topic, 1).value(), marks.value());
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
        auto source = openRecordSource({m_workspace, std::nullopt, false, false, std::nullopt, {}, {}});
        QVERIFY(source.ok());
        QCOMPARE(source.value()->name(), m_workspace);
        QVERIFY(!source.value()->capabilities().writable);
        QVERIFY(source.value()->capabilities().exactCounts);
        checkSource(*source.value());
        auto writable = openRecordSource({m_workspace, std::nullopt, true, false, std::nullopt, {}, {}});
        QVERIFY(writable.ok() && writable.value()->capabilities().writable);
    }

    void brokerDataDirectory()
    {
        if (brokerMissing())
            QSKIP("needs the test broker (REWIND_KAFKA_BOOTSTRAP, REWIND_KAFKA_DATA from scripts/test)");
        auto source = openRecordSource(
            {qEnvironmentVariable("REWIND_KAFKA_DATA"), std::nullopt, false, false, std::nullopt, {}, {}});
        QVERIFY2(source.ok(), qPrintable(source.ok() ? QString() : source.error().message));
        QVERIFY(!source.value()->capabilities().writable);
        QVERIFY(!source.value()->capabilities().live);
        checkSource(*source.value());
        auto writable = openRecordSource(
            {qEnvironmentVariable("REWIND_KAFKA_DATA"), std::nullopt, true, false, std::nullopt, {}, {}});
        QVERIFY(!writable.ok()); // read in place, never written
    }

    void liveCluster()
    {
        if (brokerMissing()) QSKIP("needs the test broker (REWIND_KAFKA_BOOTSTRAP from scripts/test)");
        auto source = openRecordSource({QString(), broker(), false, false, std::nullopt, {}, {}});
        QVERIFY2(source.ok(), qPrintable(source.ok() ? QString() : source.error().message));
        QVERIFY(source.value()->name().startsWith(QStringLiteral("kafka:")));
        QVERIFY(source.value()->capabilities().live);
        checkSource(*source.value());
    }

    // The decoding stage decodes long ranges a batch behind the reading, on a second thread: every
    // record comes out once, in order, decoded or passed through as it would be one at a time;
    // stopping mid-batch and a count limit work as on any scan.
    void decodingStageDecodesLongRangesInBatches()
    {
        const QString ws = m_dir.filePath(QStringLiteral("decoded.rewind"));
        constexpr int kRecords = 9000;
        {
            auto store = WorkspaceStore::create(ws);
            QVERIFY(store.ok());
            QVERIFY(store.value()->createTopic(QStringLiteral("big"), 1).ok());
            QVERIFY(store.value()->createTopic(kSchemasTopic, 1).ok());
            RegistrySchema schema;
            schema.ref = {7, SchemaFormat::Avro, QStringLiteral("big-value"), 1};
            schema.text =
                R"({"type":"record","name":"R","fields":[{"name":"n","type":"long"},{"name":"s","type":"string"}]})";
            const auto [key, value] = schemasTopicRecord(schema);
            std::vector<ProducerRecord> recs{test::producerRecord(kSchemasTopic, 0, 1, key, value)};
            for (int i = 0; i < kRecords; ++i) {
                QByteArray v;
                if (i % 1000 == 999) {
                    v = "plain " + QByteArray::number(i); // not in the wire format: passes through
                } else {
                    v = QByteArray("\0\0\0\0\x07", 5);
                    quint64 z = static_cast<quint64>(i) << 1; // zigzag varint of n
                    while (z >= 0x80) {
                        v += static_cast<char>((z & 0x7f) | 0x80);
                        z >>= 7;
                    }
                    v += static_cast<char>(z);
                    const QByteArray text = "r" + QByteArray::number(i);
                    v += static_cast<char>(text.size() * 2);
                    v += text;
                }
                recs.push_back(
                    test::producerRecord(QStringLiteral("big"), 0, 1000 + i, QByteArray::number(i), v));
            }
            QVERIFY(store.value()->append(recs).ok());
        }
        auto source = openRecordSource(SourceSpec::file(ws));
        QVERIFY(source.ok());
        const QString topic = QStringLiteral("big");
        auto expected = [](int i) {
            return i % 1000 == 999
                       ? "plain " + QByteArray::number(i)
                       : "{\"n\":" + QByteArray::number(i) + ",\"s\":\"r" + QByteArray::number(i) + "\"}";
        };
        int seen = 0;
        bool ok = true;
        auto all =
            source.value()->scan(topic, 0, 0, std::numeric_limits<Offset>::max(), [&](const RecordView& v) {
                const bool encoded = seen % 1000 != 999;
                ok = ok && v.offset == seen && v.value == QByteArrayView(expected(seen)) &&
                     v.key == QByteArrayView(QByteArray::number(seen)) &&
                     (v.decoding != nullptr) == encoded &&
                     (!encoded || (v.decoding->value.schemaId == 7 && v.decoding->rawValue.size() > 5));
                ++seen;
                return true;
            });
        QVERIFY(all.ok());
        QCOMPARE(all.value(), qint64(kRecords));
        QCOMPARE(seen, kRecords);
        QVERIFY(ok);
        // Stopping in the middle of a batch.
        seen = 0;
        auto stopped = source.value()->scan(topic, 0, 0, kRecords, [&](const RecordView& v) {
            ok = ok && v.value == QByteArrayView(expected(seen));
            return ++seen < 5000;
        });
        QVERIFY(stopped.ok());
        QCOMPARE(stopped.value(), qint64(5000));
        QCOMPARE(seen, 5000);
        QVERIFY(ok);
        // A count limit, from an offset.
        seen = 0;
        auto limited = source.value()->scan(
            topic, 0, 100, kRecords,
            [&](const RecordView& v) {
                ok = ok && v.offset == 100 + seen && v.value == QByteArrayView(expected(100 + seen));
                ++seen;
                return true;
            },
            6000);
        QVERIFY(limited.ok());
        QCOMPARE(limited.value(), qint64(6000));
        QCOMPARE(seen, 6000);
        QVERIFY(ok);
        // Cancelled: stops at once.
        std::atomic_bool cancel = false;
        seen = 0;
        auto cancelled = source.value()->scan(
            topic, 0, 0, kRecords,
            [&](const RecordView&) {
                if (++seen == 10) cancel = true;
                return true;
            },
            -1, &cancel);
        QVERIFY(cancelled.ok());
        QCOMPARE(seen, 10); // not one record more once cancelled, though a whole batch was decoded

        // A search reads the same way (decoded a batch ahead, filtered here): the filter sees the
        // decoded values, the plain records are counted as not evaluable, the report is exact.
        auto filter =
            Filter::compile(QStringLiteral("value.n >= 4000 && value.n < 4010 || value.n == 8998"), 0);
        QVERIFY(filter.ok());
        SearchOptions o;
        o.topic = topic;
        std::vector<Offset> matched;
        auto report = source.value()->search(filter.value(), o, [&](const QString& t, const RecordView& v) {
            ok = ok && t == topic && v.value == QByteArrayView(expected(static_cast<int>(v.offset))) &&
                 v.decoding != nullptr && v.decoding->value.schemaId == 7;
            matched.push_back(v.offset);
            return true;
        });
        QVERIFY(report.ok());
        QVERIFY(ok);
        QCOMPARE(matched,
                 (std::vector<Offset>{4000, 4001, 4002, 4003, 4004, 4005, 4006, 4007, 4008, 4009, 8998}));
        QCOMPARE(report->scanned, qint64(kRecords));
        QCOMPARE(report->matched, qint64(11));
        QCOMPARE(report->errors, qint64(9)); // 999, 1999, …, 8999: not JSON
        QCOMPARE(report->partitions.size(), size_t(1));
        QVERIFY(report->partitions[0].complete);
        QCOMPARE(report->partitions[0].next, Offset(kRecords));
        QVERIFY2(report->partitions[0].firstError.contains(QLatin1String("offset 999")),
                 qPrintable(report->partitions[0].firstError));
        // Stopped by the match limit in the middle of a batch: the coverage ends at the last match.
        o.maxMatches = 3;
        matched.clear();
        auto limitedSearch =
            source.value()->search(filter.value(), o, [&](const QString&, const RecordView& v) {
                matched.push_back(v.offset);
                return true;
            });
        QVERIFY(limitedSearch.ok());
        QCOMPARE(matched, (std::vector<Offset>{4000, 4001, 4002}));
        QCOMPARE(limitedSearch->scanned, qint64(4003));
        QCOMPARE(limitedSearch->partitions[0].next, Offset(4003));
        QVERIFY(!limitedSearch->partitions[0].complete);

        // Read in pieces by two threads, each decoding with a decoder of its own: the sink sees
        // the same decoded records (raw bytes and schema included) in the same order, and the
        // report is the same, as on one thread; also under a cap and a sink that stops.
        auto wide = Filter::compile(QStringLiteral("value.n >= 100 && value.n < 6000 || value.n == 8998"), 0);
        QVERIFY(wide.ok());
        struct Seen {
            Offset offset;
            QByteArray key, value, rawValue;
            qint32 schemaId;
            bool decoded;
            bool operator==(const Seen&) const = default;
        };
        for (const qint64 cap : {qint64(-1), qint64(2), qint64(3000)}) {
            for (const int stopAt : {-1, 1500}) {
                std::vector<Seen> seenBy[2];
                SearchReport reports[2];
                for (int threads : {1, 2}) {
                    SearchOptions p;
                    p.topic = topic;
                    p.maxMatches = cap;
                    p.threads = threads;
                    p.pieceOffsets = 700;
                    p.pieceMatchBytes = 4000;
                    std::vector<Seen>& out = seenBy[threads - 1];
                    auto r =
                        source.value()->search(wide.value(), p, [&](const QString&, const RecordView& v) {
                            out.push_back({v.offset, v.key.toByteArray(), v.value.toByteArray(),
                                           v.decoding ? v.decoding->rawValue.toByteArray() : QByteArray(),
                                           v.decoding ? v.decoding->value.schemaId : -1,
                                           v.decoding != nullptr});
                            return stopAt < 0 || static_cast<int>(out.size()) < stopAt;
                        });
                    QVERIFY(r.ok());
                    reports[threads - 1] = r.value();
                }
                const QByteArray what =
                    "cap " + QByteArray::number(cap) + ", stop at " + QByteArray::number(stopAt);
                QVERIFY2(seenBy[0] == seenBy[1], what.constData());
                QVERIFY2(!seenBy[0].empty() && seenBy[0].front().decoded && seenBy[0].front().schemaId == 7 &&
                             seenBy[0].front().rawValue.size() > 5,
                         what.constData());
                const SearchReport &a = reports[0], &b = reports[1];
                QVERIFY2(a.scanned == b.scanned && a.matched == b.matched && a.errors == b.errors,
                         what.constData());
                const PartitionCoverage &x = a.partitions.at(0), &y = b.partitions.at(0);
                QVERIFY2(x.next == y.next && x.scanned == y.scanned && x.errors == y.errors &&
                             x.complete == y.complete && x.firstError == y.firstError &&
                             x.firstTime == y.firstTime && x.lastTime == y.lastTime,
                         what.constData());
                QCOMPARE(a.threads, 1);
                if (cap < 0 && stopAt < 0) {
                    QCOMPARE(b.threads, 2);            // the helper read and decoded pieces
                    QCOMPARE(b.matched, qint64(5895)); // 100..5999 but 999, …, 5999 (plain), and 8998
                    QCOMPARE(b.errors, qint64(9));
                }
            }
        }
    }

    void cleanupTestCase()
    {
        if (brokerMissing()) return;
        if (auto client = KafkaClient::connect(broker())) (void)client.value()->deleteTopic(m_topic);
    }
};

QTEST_GUILESS_MAIN(TstRecordSource)
#include "tst_record_source.moc"
