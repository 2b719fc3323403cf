// Search over a real workspace: pushdowns never change results, coverage is reported honestly,
// and trace returns each order's lifecycle in order.

#include "demo_workspace.h"
#include "json.h"
#include "murmur2.h"
#include "record_source.h"
#include "search.h"
#include "source_registry.h"
#include "time_parse.h"
#include "workspace_store.h"

#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <set>
#include <tuple>

using namespace rw;

namespace {

using Hit = std::tuple<QString, PartitionId, Offset>;

std::set<Hit> hits(WorkspaceStore& store, const QString& text, SearchOptions o,
                   SearchReport* report = nullptr)
{
    auto f = Filter::compile(text, 1795421000000);
    if (!f) qFatal("%s", qPrintable(f.error().message));
    std::set<Hit> out;
    auto r = searchStored(*workspaceSourceOver(store), f.value(), o,
                          [&](const QString& topic, const RecordView& v) {
                              out.insert({topic, v.partition, v.offset});
                              return true;
                          });
    if (!r) qFatal("%s", qPrintable(r.error().message));
    if (report) *report = r.value();
    return out;
}

QString typeOf(const QByteArray& envelopeLine)
{
    const qsizetype at = envelopeLine.indexOf("\"type\":\"");
    if (at < 0) return {};
    const qsizetype end = envelopeLine.indexOf('"', at + 8);
    return QString::fromUtf8(envelopeLine.mid(at + 8, end - at - 8));
}

} // namespace

class TstSearch : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    QString m_ws;
    std::unique_ptr<WorkspaceStore> m_store;

private slots:
    void initTestCase()
    {
        m_ws = m_dir.filePath(QStringLiteral("demo.rewind"));
        DemoOptions o;
        o.events = 30000;
        QVERIFY(createDemoWorkspace(m_ws, o).ok());
        auto s = WorkspaceStore::open(m_ws, WorkspaceStore::Mode::ReadOnly);
        QVERIFY(s.ok());
        m_store = std::move(s.value());
    }

    void pushdownsNeverChangeResults_data()
    {
        QTest::addColumn<QString>("filter");
        QTest::newRow("time lower bound")
            << R"(timestamp >= "2026-11-19T03:00:00Z" && value.type == "PaymentFailed")";
        QTest::newRow("time window")
            << R"(timestamp > "2026-11-17T00:00:00Z" && timestamp < "2026-11-17T06:00:00Z")";
        QTest::newRow("topic") << R"(topic == "payments" && value.attempt > 2)";
        QTest::newRow("partition") << R"(partition == 3 && value.type == "OrderShipped")";
        QTest::newRow("key") << R"(key == "o-123")";
        QTest::newRow("key and time") << R"(key == "o-42" && timestamp >= "2026-11-16T00:00:00Z")";
        QTest::newRow("sku key") << R"(key == "SKU-10042")";
        QTest::newRow("reversed time")
            << R"("2026-11-20T00:00:00Z" <= timestamp && headers.source == "payment-service")";
    }
    void pushdownsNeverChangeResults()
    {
        QFETCH(QString, filter);
        SearchOptions with, without;
        without.pushdown = false;
        SearchReport a, b;
        const auto fast = hits(*m_store, filter, with, &a);
        const auto full = hits(*m_store, filter, without, &b);
        QVERIFY(!full.empty());
        QCOMPARE(fast, full);
        QVERIFY(a.scanned <= b.scanned);
        QCOMPARE(b.scanned, qint64(30000));
        for (const PartitionCoverage& c : a.partitions)
            QVERIFY(c.complete);
    }

    void timeBoundsHoldWithOutOfOrderTimestamps()
    {
        const QString path = m_dir.filePath(QStringLiteral("shuffled.rewind"));
        auto created = WorkspaceStore::create(path);
        QVERIFY(created.ok());
        WorkspaceStore& s = *created.value();
        QVERIFY(s.createTopic(QStringLiteral("t"), 2).ok());
        std::vector<ProducerRecord> batch;
        quint64 x = 12345;
        for (int i = 0; i < 8000; ++i) {
            x = x * 6364136223846793005ull + 1442695040888963407ull;
            ProducerRecord r;
            r.topic = QStringLiteral("t");
            r.partition = i % 2;
            r.timestamp =
                1'000'000 + i * 10 - static_cast<qint64>((x >> 33) % 5 == 0 ? (x >> 40) % 30000 : 0);
            r.value = QByteArray::number(i);
            batch.push_back(r);
        }
        QVERIFY(s.append(batch).ok());
        for (const char* q :
             {"timestamp >= 1040000 && timestamp < 1041000", "timestamp < 1000500", "timestamp > 1070000",
              "timestamp >= 1020000 && timestamp <= 1020100 && offset % 2 == 0"}) {
            const QString text = QString::fromLatin1(q).replace(
                QRegularExpression(QStringLiteral("(\\d{7})")), QStringLiteral("timestamp(\"\\1\")"));
            SearchOptions with, without;
            without.pushdown = false;
            SearchReport a;
            const auto fast = hits(s, text, with, &a);
            const auto full = hits(s, text, without);
            QVERIFY2(fast == full, q);
            QVERIFY(!full.empty());
            QVERIFY2(a.scanned < 8000, q);
        }
    }

    void keyLookupReadsEveryPartitionUnlessToldOtherwise()
    {
        // Nothing is assumed by default: a key lookup reads every partition.
        SearchReport r;
        const auto all = hits(*m_store, QStringLiteral(R"(key == "o-123")"), {}, &r);
        QCOMPARE(r.scanned, qint64(30000));
        QVERIFY(r.assumptions.isEmpty());
        QVERIFY(!all.empty());
        // The demo is partitioned like Kafka's Java producer: murmur2, checked on a sample, holds.
        SearchOptions murmur;
        murmur.keyPartitioner = KeyPartitioner::Murmur2;
        SearchReport r2;
        QCOMPARE(hits(*m_store, QStringLiteral(R"(key == "o-123")"), murmur, &r2), all);
        QVERIFY2(r2.scanned < 30000 / 4, qPrintable(QString::number(r2.scanned)));
        QCOMPARE(r2.assumptions.size(), 1);
        QVERIFY(r2.assumptions.front().contains(QStringLiteral("murmur2")));
        // Told crc32 (librdkafka's), the sample contradicts it: every partition is read, and said.
        SearchOptions crc;
        crc.keyPartitioner = KeyPartitioner::Crc32;
        SearchReport r3;
        QCOMPARE(hits(*m_store, QStringLiteral(R"(key == "o-123")"), crc, &r3), all);
        QVERIFY(r3.scanned >= 30000 - 100);
        QVERIFY(r3.assumptions.join(QLatin1Char(' ')).contains(QStringLiteral("does not fit")));
    }

    // Records written the way librdkafka clients (kcat) place keys: CRC-32 of the key. Before the
    // fix a key lookup read only the murmur2 partition and answered "no match".
    void librdkafkaPartitionedTopicFindsEveryKey()
    {
        const QString ws = m_dir.filePath(QStringLiteral("crc.rewind"));
        auto created = WorkspaceStore::create(ws);
        QVERIFY(created.ok());
        auto& st = *created.value();
        QVERIFY(st.createTopic(QStringLiteral("kcat"), 4).ok());
        std::vector<ProducerRecord> batch;
        for (int i = 0; i < 400; ++i) {
            ProducerRecord r;
            r.topic = QStringLiteral("kcat");
            r.key = "order-" + QByteArray::number(i % 40);
            r.partition = crc32Partition(*r.key, 4);
            r.value = "{\"n\":" + QByteArray::number(i) + "}";
            r.timestamp = 1795000000000 + i;
            batch.push_back(r);
        }
        QVERIFY(st.append(batch).ok());
        int disagree = 0;
        for (int k = 0; k < 40; ++k) {
            const QByteArray key = "order-" + QByteArray::number(k);
            disagree += crc32Partition(key, 4) != defaultPartition(key, 4);
            const QString text = QStringLiteral(R"(key == "%1")").arg(QString::fromLatin1(key));
            QCOMPARE(hits(st, text, {}).size(), size_t(10));
            SearchOptions crc;
            crc.keyPartitioner = KeyPartitioner::Crc32;
            SearchReport cr;
            QCOMPARE(hits(st, text, crc, &cr).size(), size_t(10));
            QVERIFY(cr.scanned < 400); // one partition read
            QVERIFY(cr.assumptions.join(QLatin1Char(' ')).contains(QStringLiteral("crc32")));
            SearchOptions murmur;
            murmur.keyPartitioner = KeyPartitioner::Murmur2;
            QCOMPARE(hits(st, text, murmur).size(), size_t(10)); // contradicted: every partition
        }
        QVERIFY(disagree > 10); // the two partitioners really differ on these keys
    }

    void coverageIsHonest()
    {
        SearchReport r;
        const auto none = hits(*m_store, QStringLiteral(R"(value.type == "NoSuchEvent")"), {}, &r);
        QVERIFY(none.empty());
        QCOMPARE(r.matched, qint64(0));
        QCOMPARE(r.scanned, qint64(30000));
        QVERIFY(describeCoverage(r).contains(QStringLiteral("no match in the scanned range")));
        // Records without the field are counted as not evaluable, never silently as non-matches.
        SearchReport e;
        const auto some = hits(*m_store, QStringLiteral(R"(value.customer.id == "c-1042")"), {}, &e);
        QVERIFY(e.errors > 0);
        QCOMPARE(e.matched + e.errors + (e.scanned - e.matched - e.errors), e.scanned);
        for (const PartitionCoverage& c : e.partitions)
            if (c.errors) QVERIFY(c.firstError.contains(QStringLiteral("value.customer.id is not present")));
        // A cap stops early and the report says which partitions are incomplete.
        SearchOptions capped;
        capped.maxMatches = 3;
        SearchReport c;
        QCOMPARE(hits(*m_store, QStringLiteral(R"(value.type == "OrderCreated")"), capped, &c).size(),
                 size_t(3));
        bool someIncomplete = false;
        for (const PartitionCoverage& p : c.partitions)
            someIncomplete = someIncomplete || !p.complete;
        QVERIFY(someIncomplete);
    }

    // Reading with a helper thread (pieces read ahead, their matches kept, handed out in order)
    // shows the sink and the report exactly what one thread shows: same records in the same
    // order, same coverage to the last field, also when a cap or the sink stops mid-piece, or
    // when a piece's kept matches fill up and this thread reads the rest of it.
    void parallelReadsGiveWhatOneThreadGives()
    {
        struct Seen {
            QString topic;
            PartitionId partition;
            Offset offset;
            TimestampMs ts;
            QByteArray key, value, headers;
            bool keyNull, valueNull;
            bool operator==(const Seen&) const = default;
        };
        auto run = [&](const QString& text, SearchOptions o, int threads, qint64 stopAt,
                       std::vector<Seen>& seen) {
            auto f = Filter::compile(text, 1795421000000);
            if (!f) qFatal("%s", qPrintable(f.error().message));
            o.threads = threads;
            o.pieceOffsets = 700;     // 30,000 records: many pieces
            o.pieceMatchBytes = 3000; // a piece keeps a few matches, then leaves the rest here
            qint64 progressCalls = 0;
            o.progress = [&](qint64) { ++progressCalls; };
            auto r = searchStored(*workspaceSourceOver(*m_store), f.value(), o,
                                  [&](const QString& topic, const RecordView& v) {
                                      seen.push_back({topic, v.partition, v.offset, v.timestamp,
                                                      v.key.toByteArray(), v.value.toByteArray(),
                                                      v.headersBlob.toByteArray(), v.keyNull, v.valueNull});
                                      return stopAt < 0 || static_cast<qint64>(seen.size()) < stopAt;
                                  });
            if (!r) qFatal("%s", qPrintable(r.error().message));
            if (stopAt < 0 && o.maxMatches < 0 && r->scanned > 5000 && progressCalls == 0)
                qFatal("no progress reported");
            return r.value();
        };
        const QStringList filters = {
            QStringLiteral(R"(value.type == "PaymentFailed")"),
            QStringLiteral(R"(value.customer.id == "c-1042")"), // most records not evaluable
            QStringLiteral("offset >= 0"),                      // everything matches
            QStringLiteral(R"(timestamp > "2026-11-17T00:00:00Z" && value.attempt > 1)"),
        };
        int helped = 0;
        for (const QString& text : filters) {
            for (const qint64 cap : {qint64(-1), qint64(1), qint64(37), qint64(5000)}) {
                for (const qint64 stopAt : {qint64(-1), qint64(3), qint64(2500)}) {
                    SearchOptions o;
                    o.maxMatches = cap;
                    std::vector<Seen> one, two;
                    const SearchReport a = run(text, o, 1, stopAt, one);
                    const SearchReport b = run(text, o, 2, stopAt, two);
                    const QByteArray what = QStringLiteral("%1, cap %2, sink stops at %3")
                                                .arg(text)
                                                .arg(cap)
                                                .arg(stopAt)
                                                .toUtf8();
                    QVERIFY2(one == two, what.constData());
                    QCOMPARE(a.threads, 1);
                    QVERIFY2(a.scanned == b.scanned && a.matched == b.matched && a.errors == b.errors,
                             what.constData());
                    QVERIFY2(a.partitions.size() == b.partitions.size(), what.constData());
                    for (size_t i = 0; i < a.partitions.size(); ++i) {
                        const PartitionCoverage &x = a.partitions[i], &y = b.partitions[i];
                        const QByteArray where =
                            what + " at " + x.topic.toUtf8() + "-" + QByteArray::number(x.partition);
                        QVERIFY2(x.topic == y.topic && x.partition == y.partition && x.from == y.from &&
                                     x.next == y.next && x.end == y.end && x.firstTime == y.firstTime &&
                                     x.lastTime == y.lastTime && x.scanned == y.scanned &&
                                     x.matched == y.matched && x.errors == y.errors &&
                                     x.complete == y.complete && x.skippedByKey == y.skippedByKey &&
                                     x.firstError == y.firstError,
                                 where.constData());
                    }
                    if (cap < 0 && stopAt < 0) {
                        QVERIFY2(b.threads == 2, what.constData()); // the helper really read
                        ++helped;
                        for (const PartitionCoverage& c : b.partitions)
                            QVERIFY(c.complete && c.next == c.end);
                    }
                }
            }
        }
        QCOMPARE(helped, 4);
        // Cancelled midway: what was handed out is the start of the full answer, in order.
        auto f = Filter::compile(QStringLiteral("offset >= 0"), 1795421000000);
        QVERIFY(f.ok());
        std::vector<Seen> all, part;
        (void)run(QStringLiteral("offset >= 0"), {}, 1, -1, all);
        std::atomic_bool cancel{false};
        SearchOptions o;
        o.pieceOffsets = 700;
        o.pieceMatchBytes = 3000;
        auto r = searchStored(
            *workspaceSourceOver(*m_store), f.value(), o,
            [&](const QString& topic, const RecordView& v) {
                part.push_back({topic, v.partition, v.offset, v.timestamp, v.key.toByteArray(),
                                v.value.toByteArray(), v.headersBlob.toByteArray(), v.keyNull, v.valueNull});
                if (part.size() == 2000) cancel = true;
                return true;
            },
            &cancel);
        QVERIFY(r.ok());
        QVERIFY(r->cancelled);
        QVERIFY(part.size() >= 2000 && part.size() < all.size());
        QVERIFY(std::equal(part.begin(), part.end(), all.begin()));
        QCOMPARE(r->matched, static_cast<qint64>(part.size()));
        for (const PartitionCoverage& c : r->partitions)
            QVERIFY(!c.complete || c.next == c.end);
        QVERIFY(std::any_of(r->partitions.begin(), r->partitions.end(),
                            [](const PartitionCoverage& c) { return !c.complete; }));
    }

    // Offsets without a record (compaction, transaction markers) at the end of what was read do
    // not make a finished partition look unfinished.
    void aPartitionReadToItsBoundIsCompleteDespiteGaps()
    {
        const QString path = m_dir.filePath(QStringLiteral("gaps.rewind"));
        auto created = WorkspaceStore::create(path);
        QVERIFY(created.ok());
        WorkspaceStore& ws = *created.value();
        QVERIFY(ws.createTopic(QStringLiteral("compacted"), 1).ok());
        std::vector<ProducerRecord> batch;
        for (const auto& [offset, ts] : {std::pair<Offset, TimestampMs>{0, 1795420000000},
                                         {600, 1795420001000},
                                         {2000, 1795420002000}}) {
            ProducerRecord r;
            r.topic = QStringLiteral("compacted");
            r.offset = offset;
            r.timestamp = ts;
            r.value = QByteArray(R"({"n":1})");
            batch.push_back(r);
        }
        QVERIFY(ws.append(batch).ok());
        SearchReport r;
        const auto found = hits(ws, QStringLiteral(R"(timestamp < "2026-11-23T07:46:41.500Z")"), {}, &r);
        QCOMPARE(found.size(), size_t(2));
        QCOMPARE(r.partitions.size(), size_t(1));
        QCOMPARE(r.partitions[0].scanned, qint64(2));
        // The time index (blocks of 512 offsets) bounds the read at 1024: all before it was read,
        // and the next read starts there, though the last record read was at 600.
        QVERIFY(r.partitions[0].complete);
        QCOMPARE(r.partitions[0].next, Offset(1024));
        QCOMPARE(r.partitions[0].end, Offset(2001));
    }

    void traceGivesEachOrderItsLifecycleInOrder()
    {
        const QHash<QString, int> rank = {
            {QStringLiteral("OrderCreated"), 0},      {QStringLiteral("PaymentFailed"), 1},
            {QStringLiteral("PaymentAuthorized"), 2}, {QStringLiteral("PaymentCaptured"), 3},
            {QStringLiteral("OrderPaid"), 4},         {QStringLiteral("OrderPacked"), 5},
            {QStringLiteral("OrderShipped"), 6},      {QStringLiteral("OrderDelivered"), 7},
            {QStringLiteral("OrderReturned"), 8}};
        int checked = 0;
        for (int n : {1, 7, 42, 123, 500, 900}) {
            QProcess p;
            p.start(QStringLiteral(REWIND_CLI), {QStringLiteral("trace"), m_ws, QStringLiteral("-k"),
                                                 QStringLiteral("o-%1").arg(n), QStringLiteral("-J")});
            QVERIFY(p.waitForFinished(60000));
            QCOMPARE(p.exitCode(), 0);
            const QList<QByteArray> lines = p.readAllStandardOutput().trimmed().split('\n');
            QVERIFY2(lines.size() >= 2, qPrintable(QStringLiteral("o-%1").arg(n)));
            QCOMPARE(typeOf(lines.front()), QStringLiteral("OrderCreated"));
            QSet<QString> topics;
            int last = -1;
            qint64 lastTs = 0;
            for (const QByteArray& l : lines) {
                auto m = json::parseObject(l);
                QVERIFY(m.ok());
                const QString t = typeOf(l);
                topics.insert(QString::fromUtf8(l.mid(l.indexOf("\"topic\":\"") + 9).split('"').first()));
                const qint64 ts = l.mid(l.indexOf("\"timestamp\":") + 12).split(',').first().toLongLong();
                QVERIFY(ts >= lastTs);
                lastTs = ts;
                if (rank.contains(t) && t != QLatin1String("PaymentFailed")) {
                    QVERIFY2(rank.value(t) >= last,
                             qPrintable(QStringLiteral("o-%1: %2 after rank %3").arg(n).arg(t).arg(last)));
                    last = rank.value(t);
                }
                if (l != lines.front())
                    QVERIFY(l.contains("\"changes\":[{")); // consecutive events differ at least in type
            }
            QVERIFY(topics.contains(QStringLiteral("orders")) && topics.contains(QStringLiteral("payments")));
            ++checked;
        }
        QCOMPARE(checked, 6);
        // By JSON field across topics equals by key for the demo (order_id is the key there).
        QProcess byKey, byField;
        byKey.start(QStringLiteral(REWIND_CLI), {QStringLiteral("trace"), m_ws, QStringLiteral("-k"),
                                                 QStringLiteral("o-42"), QStringLiteral("-J")});
        byField.start(QStringLiteral(REWIND_CLI), {QStringLiteral("trace"), m_ws, QStringLiteral("--field"),
                                                   QStringLiteral("order_id=o-42"), QStringLiteral("-J")});
        QVERIFY(byKey.waitForFinished(60000) && byField.waitForFinished(60000));
        const QByteArray k = byKey.readAllStandardOutput(), f = byField.readAllStandardOutput();
        // inventory events carry the order id too (in the value, not the key)
        QVERIFY(f.count('\n') >= k.count('\n'));
        for (const QByteArray& l : k.trimmed().split('\n'))
            QVERIFY(f.contains(l.left(l.indexOf(",\"changes\""))));
    }

    // The text index answers text() exactly like a full scan, stays current on append, and a
    // cancelled build resumes.
    void textIndexEqualsFullScan()
    {
        const QString copy = m_dir.filePath(QStringLiteral("indexed.rewind"));
        QVERIFY(QFile::copy(m_ws, copy));
        auto s = WorkspaceStore::open(copy, WorkspaceStore::Mode::ReadWrite);
        QVERIFY(s.ok());
        WorkspaceStore& store = *s.value();
        QVERIFY(!store.textIndexStatus()->exists);
        int calls = 0;
        auto cancelled = store.buildTextIndex([&](qint64, qint64) { return ++calls < 2; });
        QVERIFY(!cancelled.ok());
        QCOMPARE(cancelled.error().code, ErrorCode::Cancelled);
        auto partial = store.textIndexStatus();
        QVERIFY(partial->indexed > 0 && !partial->complete());
        auto built = store.buildTextIndex();
        QVERIFY2(built.ok(), qPrintable(built.ok() ? QString() : built.error().message));
        QVERIFY(built->complete());
        QCOMPARE(built->total, qint64(30000));

        const QStringList queries = {QStringLiteral(R"(text("refund"))"),
                                     QStringLiteral(R"(text("GATEWAY_timeout"))"),
                                     QStringLiteral("text(\"BJ\u00d6RN\")"),
                                     QStringLiteral(R"(text("fulfillment") && text("DE-BER"))"),
                                     QStringLiteral(R"(text("o-123") && topic == "payments")"),
                                     QStringLiteral(R"(text("nothing-like-this"))"),
                                     QStringLiteral(R"(text("ab"))")};
        for (const QString& q : queries) {
            SearchOptions fast, full;
            full.pushdown = false;
            SearchReport a;
            const auto viaIndex = hits(store, q, fast, &a);
            const auto viaScan = hits(store, q, full);
            QVERIFY2(viaIndex == viaScan, qPrintable(q));
            if (!q.contains(QStringLiteral("\"ab\"")))
                QVERIFY2(a.scanned < 30000, qPrintable(q + QStringLiteral(": read %1").arg(a.scanned)));
        }
        // New records are indexed as they are appended.
        ProducerRecord r;
        r.topic = QStringLiteral("payments");
        r.partition = 1;
        r.timestamp = 1795500000000;
        r.key = QByteArray("o-999999");
        r.value = QByteArray(R"({"type":"RefundIssued","reason":"zebra-unicorn"})");
        QVERIFY(store.append({r}).ok());
        QVERIFY(store.textIndexStatus()->complete());
        auto found = store.textSearch({QStringLiteral("zebra-unicorn")});
        QVERIFY(found.ok());
        QCOMPARE(found->size(), size_t(1));
        QCOMPARE(found->front().partition, 1);
    }

    // A search stopped after 7 matches, resumed until done, finds exactly what one run finds.
    void stoppedSearchResumes()
    {
        const QString state = m_dir.filePath(QStringLiteral("state.json"));
        const QString filter = QStringLiteral(R"(value.type == "OrderShipped" && value.carrier == "UPS")");
        auto runCli = [&](const QStringList& extra) {
            QProcess p;
            p.start(QStringLiteral(REWIND_CLI),
                    QStringList{QStringLiteral("search"), m_ws, QStringLiteral("-e"), filter,
                                QStringLiteral("-q")} +
                        extra);
            p.waitForFinished(60000);
            return p.readAllStandardOutput();
        };
        const QByteArray all = runCli({});
        const int total = static_cast<int>(all.count('\n'));
        QVERIFY(total > 20);
        QByteArray pieces =
            runCli({QStringLiteral("-c"), QStringLiteral("7"), QStringLiteral("--save-state"), state});
        QCOMPARE(pieces.count('\n'), qsizetype(7));
        for (int i = 0; i < 100 && pieces.count('\n') < total; ++i)
            pieces += runCli({QStringLiteral("-c"), QStringLiteral("7"), QStringLiteral("--resume"), state,
                              QStringLiteral("--save-state"), state});
        QCOMPARE(pieces.count('\n'), qsizetype(total));
        QList<QByteArray> a = all.trimmed().split('\n'), b = pieces.trimmed().split('\n');
        std::sort(a.begin(), a.end());
        std::sort(b.begin(), b.end());
        QCOMPARE(b, a); // nothing twice, nothing missing
        // Once complete, resuming finds nothing new; and a state for another filter is refused.
        QCOMPARE(runCli({QStringLiteral("--resume"), state}).count('\n'), qsizetype(0));
        QProcess other;
        other.start(QStringLiteral(REWIND_CLI),
                    {QStringLiteral("search"), m_ws, QStringLiteral("-e"), QStringLiteral("partition == 1"),
                     QStringLiteral("--resume"), state});
        QVERIFY(other.waitForFinished(30000));
        QVERIFY(other.exitCode() != 0);
        QVERIFY(other.readAllStandardError().contains("another filter"));
    }

    void cliSearchReportsFilterErrorsWithColumn()
    {
        QProcess p;
        p.start(QStringLiteral(REWIND_CLI),
                {QStringLiteral("search"), m_ws, QStringLiteral("-e"), QStringLiteral("partition == \"2\"")});
        QVERIFY(p.waitForFinished(30000));
        QCOMPARE(p.exitCode(), 6);
        const QByteArray e = p.readAllStandardError();
        QVERIFY2(e.contains("column 11") && e.contains("^"), e.constData());
        QProcess q;
        q.start(QStringLiteral(REWIND_CLI),
                {QStringLiteral("search"), m_ws, QStringLiteral("-e"),
                 QStringLiteral(R"(value.type == "OrderShipped" && value.carrier == "DHL")"),
                 QStringLiteral("-c"), QStringLiteral("5")});
        QVERIFY(q.waitForFinished(30000));
        QCOMPARE(q.exitCode(), 0);
        const QList<QByteArray> lines = q.readAllStandardOutput().trimmed().split('\n');
        QCOMPARE(lines.size(), 5);
        for (const QByteArray& l : lines)
            QVERIFY(l.contains("\"carrier\":\"DHL\""));
        QVERIFY(q.readAllStandardError().contains("5 matched"));
    }
};

QTEST_GUILESS_MAIN(TstSearch)
#include "tst_search.moc"
