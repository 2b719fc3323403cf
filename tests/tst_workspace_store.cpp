#include "test_util.h"
#include "workspace_store.h"

#include "header_codec.h"
#include "rng.h"

#include <QDir>
#include <QFileInfo>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>

using namespace rw;

namespace {

ProducerRecord rec(const QString& topic, PartitionId p, TimestampMs ts, std::optional<QByteArray> key,
                   std::optional<QByteArray> value, Headers h = {})
{
    return test::producerRecord(topic, p, ts, std::move(key), std::move(value), std::move(h));
}

std::unique_ptr<WorkspaceStore> mustCreate(const QString& path)
{
    auto s = WorkspaceStore::create(path);
    if (!s) qFatal("create failed: %s", qPrintable(s.error().message));
    return std::move(s.value());
}

} // namespace

class TstWorkspaceStore : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    QString path(const QString& name) const { return m_dir.filePath(name); }

    // A small valid workspace with some records, closed.
    QString makeWorkspace(const QString& name, int records = 3000)
    {
        const QString p = path(name);
        auto s = mustCreate(p);
        if (!s->createTopic(QStringLiteral("t"), 2).ok()) qFatal("createTopic");
        std::vector<ProducerRecord> batch;
        for (int i = 0; i < records; ++i)
            batch.push_back(rec(QStringLiteral("t"), i % 2, 1000 + i, QByteArray::number(i),
                                QByteArray(200, char('a' + i % 26))));
        if (!s->append(batch).ok()) qFatal("append");
        return p;
    }

private slots:
    void createAppendReadRoundTrip()
    {
        auto s = mustCreate(path("rt.rewind"));
        QVERIFY(s->createTopic(QStringLiteral("orders"), 3).ok());
        const Headers h = {{"trace_id", QByteArray("x")},
                           {"dup", QByteArray("1")},
                           {"dup", QByteArray("2")},
                           {"nullv", std::nullopt},
                           {"emptyv", QByteArray("", 0)}};
        std::vector<ProducerRecord> batch = {
            rec(QStringLiteral("orders"), 0, 100, QByteArray("k"), QByteArray("v"), h),
            rec(QStringLiteral("orders"), 0, 90, std::nullopt, std::nullopt),            // both null
            rec(QStringLiteral("orders"), 0, 110, QByteArray("", 0), QByteArray("", 0)), // both empty
            rec(QStringLiteral("orders"), 1, 120, QByteArray("\x00\xff", 2),
                QByteArray("\x00\x01\x02", 3)), // binary
        };
        batch[3].timestampType = TimestampType::LogAppendTime;
        auto r = s->append(batch);
        QVERIFY(r.ok());
        QCOMPARE(r->offsets, (std::vector<Offset>{0, 1, 2, 0}));

        auto p0 = s->read(QStringLiteral("orders"), 0, 0, 100);
        QVERIFY(p0.ok());
        QCOMPARE(p0->size(), size_t(3));
        QCOMPARE(p0.value()[0].headers, h);
        QCOMPARE(*p0.value()[0].key, QByteArray("k"));
        QVERIFY(!p0.value()[1].key && !p0.value()[1].value);
        QVERIFY(p0.value()[2].key && p0.value()[2].key->isEmpty());
        QVERIFY(p0.value()[2].value && p0.value()[2].value->isEmpty());
        QCOMPARE(p0.value()[1].timestamp, qint64(90));
        auto p1 = s->read(QStringLiteral("orders"), 1, 0, 100);
        QCOMPARE(*p1.value()[0].key, QByteArray("\x00\xff", 2));
        QCOMPARE(*p1.value()[0].value, QByteArray("\x00\x01\x02", 3));
        QCOMPARE(p1.value()[0].timestampType, TimestampType::LogAppendTime);

        // Reopen from disk: all of it persisted.
        s.reset();
        auto again = WorkspaceStore::open(path("rt.rewind"), WorkspaceStore::Mode::ReadOnly);
        QVERIFY(again.ok());
        auto t = again.value()->topic(QStringLiteral("orders"));
        QVERIFY(t.ok());
        QCOMPARE(t->partitions.size(), size_t(3));
        QCOMPARE(t->partitions[0].high, Offset(3));
        QCOMPARE(t->partitions[0].count, qint64(3));
        QCOMPARE(t->partitions[1].high, Offset(1));
        QCOMPARE(t->partitions[2].high, Offset(0));
        QCOMPARE(t->partitions[2].low, Offset(0));
        QCOMPARE(*t->partitions[0].firstTimestamp, qint64(100));
        QCOMPARE(*t->partitions[0].maxTimestamp, qint64(110));
        auto again0 = again.value()->read(QStringLiteral("orders"), 0, 0, 100);
        QCOMPARE(again0.value(), p0.value());
    }

    // Append writes a batch in one statement, in key order, with the headers it encodes kept in
    // one growing buffer: records from interleaved partitions, with headers of every size, through
    // both entry points, come back byte for byte, and the text index kept current finds them.
    void interleavedBatchesComeBackByteForByte()
    {
        auto s = mustCreate(path("interleaved.rewind"));
        QVERIFY(s->createTopic(QStringLiteral("t"), 3).ok());
        QVERIFY(s->buildTextIndex().ok());
        std::vector<ProducerRecord> batch;
        Rng rng(7);
        for (int i = 0; i < 5000; ++i) {
            Headers h;
            for (int k = 0; k < i % 4; ++k)
                h.push_back({QByteArray("h") + QByteArray::number(k),
                             QByteArray(static_cast<qsizetype>(rng.below(300)), char('a' + k))});
            if (i % 7 == 0) h.push_back({"nullv", std::nullopt});
            batch.push_back(rec(QStringLiteral("t"), static_cast<PartitionId>(rng.below(3)), 1000 + i,
                                i % 11 == 0 ? std::nullopt : std::optional(QByteArray::number(i)),
                                QByteArray("value-") + QByteArray::number(i) + QByteArray(i % 50, 'x'),
                                std::move(h)));
        }
        batch[4321].value = QByteArray("needle-in-the-batch");
        QVERIFY(s->append(batch).ok());
        // The same records again through the borrowed-view entry point.
        std::vector<RecordView> views;
        std::vector<QByteArray> blobs;
        blobs.reserve(batch.size());
        std::array<Offset, 3> next{};
        for (const ProducerRecord& r : batch) // views carry their offsets: after the first copy
            ++next[static_cast<size_t>(r.partition)];
        for (const ProducerRecord& r : batch) {
            blobs.push_back(encodeHeaders(r.headers));
            RecordView v;
            v.partition = r.partition;
            v.offset = next[static_cast<size_t>(r.partition)]++;
            v.timestamp = r.timestamp;
            v.keyNull = !r.key;
            v.key = r.key ? QByteArrayView(*r.key) : QByteArrayView();
            v.valueNull = !r.value;
            v.value = r.value ? QByteArrayView(*r.value) : QByteArrayView();
            v.headersBlob = blobs.back();
            views.push_back(v);
        }
        QVERIFY(s->appendViews(QStringLiteral("t"), views).ok());
        for (PartitionId p = 0; p < 3; ++p) {
            std::vector<const ProducerRecord*> expected;
            for (const ProducerRecord& r : batch)
                if (r.partition == p) expected.push_back(&r);
            auto got = s->read(QStringLiteral("t"), p, 0, 1'000'000);
            QVERIFY(got.ok());
            QCOMPARE(got->size(), 2 * expected.size());
            for (size_t i = 0; i < got->size(); ++i) {
                const ProducerRecord& want = *expected[i % expected.size()];
                const Record& r = got.value()[i];
                QCOMPARE(r.offset, Offset(i));
                QCOMPARE(r.key, want.key);
                QCOMPARE(r.value, want.value);
                QCOMPARE(r.headers, want.headers);
                QCOMPARE(r.timestamp, want.timestamp);
            }
        }
        auto found = s->textSearch({QStringLiteral("needle-in-the")});
        QVERIFY(found.ok());
        QCOMPARE(found->size(), size_t(2));
        QCOMPARE(found.value()[0].partition, batch[4321].partition);
    }

    void offsetsAreDenseAcrossBatchesAndRangesWork()
    {
        auto s = mustCreate(path("dense.rewind"));
        QVERIFY(s->createTopic(QStringLiteral("t"), 1).ok());
        for (int b = 0; b < 5; ++b) {
            std::vector<ProducerRecord> batch;
            for (int i = 0; i < 1000; ++i)
                batch.push_back(rec(QStringLiteral("t"), 0, b * 1000 + i, QByteArray::number(b * 1000 + i),
                                    QByteArray("v")));
            auto r = s->append(batch);
            QVERIFY(r.ok());
            QCOMPARE(r->offsets.front(), Offset(b * 1000));
        }
        auto mid = s->read(QStringLiteral("t"), 0, 2500, 10);
        QCOMPARE(mid->size(), size_t(10));
        QCOMPARE(mid->front().offset, Offset(2500));
        QCOMPARE(*mid->front().key, QByteArray("2500"));
        qint64 seen = 0;
        auto n = s->scan(QStringLiteral("t"), 0, 4990, 4995, [&](const RecordView& v) {
            ++seen;
            return v.offset < 4995;
        });
        QCOMPARE(n.value(), qint64(5));
        QCOMPARE(seen, qint64(5));
        auto past = s->read(QStringLiteral("t"), 0, 5000, 10);
        RW_VERIFY_OK(past);
        QCOMPARE(past->size(), size_t(0));
    }

    void explicitOffsetsKeepGapsAndLargeBases()
    {
        auto s = mustCreate(path("gaps.rewind"));
        QVERIFY(s->createTopic(QStringLiteral("c"), 1).ok());
        std::vector<ProducerRecord> batch;
        for (Offset o : {Offset(5'000'000'000'000), Offset(5'000'000'000'002), Offset(5'000'000'000'010)}) {
            auto r = rec(QStringLiteral("c"), 0, o % 100, QByteArray("k"), QByteArray::number(o));
            r.offset = o;
            batch.push_back(r);
        }
        QVERIFY(s->append(batch).ok());
        auto t = s->topic(QStringLiteral("c"));
        QCOMPARE(t->partitions[0].low, Offset(5'000'000'000'000));
        QCOMPARE(t->partitions[0].high, Offset(5'000'000'000'011));
        QCOMPARE(t->partitions[0].count, qint64(3));
        auto all = s->read(QStringLiteral("c"), 0, 0, 10);
        QCOMPARE(all->size(), size_t(3));
        QCOMPARE(all.value()[1].offset, Offset(5'000'000'000'002));
        // A dense append continues after the last explicit offset; going backwards is refused.
        auto next = s->append({rec(QStringLiteral("c"), 0, 1, std::nullopt, QByteArray("n"))});
        QCOMPARE(next->offsets[0], Offset(5'000'000'000'011));
        auto back = rec(QStringLiteral("c"), 0, 1, std::nullopt, QByteArray("b"));
        back.offset = 5;
        auto refused = s->append({back});
        QVERIFY(!refused.ok());
        QCOMPARE(refused.error().code, ErrorCode::OutOfRange);
    }

    void appendIsAtomic()
    {
        auto s = mustCreate(path("atomic.rewind"));
        QVERIFY(s->createTopic(QStringLiteral("t"), 2).ok());
        QVERIFY(s->append({rec(QStringLiteral("t"), 0, 1, std::nullopt, QByteArray("first"))}).ok());
        std::vector<ProducerRecord> batch;
        for (int i = 0; i < 100; ++i)
            batch.push_back(rec(QStringLiteral("t"), i % 2, i, std::nullopt, QByteArray("x")));
        batch.push_back(rec(QStringLiteral("t"), 7, 1, std::nullopt, QByteArray("bad partition")));
        auto r = s->append(batch);
        QVERIFY(!r.ok());
        QCOMPARE(r.error().code, ErrorCode::NotFound);
        auto t = s->topic(QStringLiteral("t"));
        QCOMPARE(t->count(), qint64(1));
        QCOMPARE(t->partitions[0].high, Offset(1));
        // The store stays usable and offsets continue where they were.
        auto ok = s->append({rec(QStringLiteral("t"), 0, 2, std::nullopt, QByteArray("second"))});
        QCOMPARE(ok->offsets[0], Offset(1));
        QVERIFY(!s->append({rec(QStringLiteral("nope"), 0, 1, std::nullopt, std::nullopt)}).ok());
    }

    // Inside an open transaction a failed write undoes itself alone (its savepoint); what came
    // before it is kept and committed with the transaction.
    void failedWriteInsideATransactionUndoesOnlyItself()
    {
        auto s = mustCreate(path("tx-nested.rewind"));
        QVERIFY(s->createTopic(QStringLiteral("t"), 1).ok());
        QVERIFY(s->begin().ok());
        QVERIFY(s->append({rec(QStringLiteral("t"), 0, 1, std::nullopt, QByteArray("kept"))}).ok());
        auto bad = s->append({rec(QStringLiteral("t"), 0, 2, std::nullopt, QByteArray("undone")),
                              rec(QStringLiteral("t"), 3, 3, std::nullopt, QByteArray("no such partition"))});
        QVERIFY(!bad.ok());
        QVERIFY(!s->createTopic(QStringLiteral("t"), 1).ok()); // exists: undone alone too
        QVERIFY(s->commit().ok());
        auto again = WorkspaceStore::open(path("tx-nested.rewind"), WorkspaceStore::Mode::ReadOnly);
        RW_VERIFY_OK(again);
        auto read = again.value()->read(QStringLiteral("t"), 0, 0, 10);
        RW_VERIFY_OK(read);
        QCOMPARE(read->size(), size_t(1));
        QCOMPARE(*read->front().value, QByteArray("kept"));
    }

    void explicitTransactionRollsBackEverything()
    {
        auto s = mustCreate(path("tx.rewind"));
        QVERIFY(s->createTopic(QStringLiteral("t"), 1).ok());
        QVERIFY(s->begin().ok());
        QVERIFY(s->append({rec(QStringLiteral("t"), 0, 1, std::nullopt, QByteArray("a"))}).ok());
        QVERIFY(s->createTopic(QStringLiteral("u"), 1).ok());
        s->rollback();
        auto topics = s->topics();
        RW_VERIFY_OK(topics);
        QCOMPARE(topics->size(), size_t(1));
        auto t = s->topic(QStringLiteral("t"));
        RW_VERIFY_OK(t);
        QCOMPARE(t->count(), qint64(0));
        QVERIFY(s->append({rec(QStringLiteral("t"), 0, 1, std::nullopt, QByteArray("a"))})->offsets[0] == 0);
    }

    // Timestamp seek must equal Kafka's definition (first offset with ts >= T), also when
    // timestamps are not monotonic, across many index blocks.
    void offsetForTimeMatchesBruteForce()
    {
        auto s = mustCreate(path("time.rewind"));
        QVERIFY(s->createTopic(QStringLiteral("t"), 1).ok());
        Rng rng(7);
        std::vector<TimestampMs> ts;
        std::vector<ProducerRecord> batch;
        TimestampMs base = 1'000'000;
        for (int i = 0; i < 5000; ++i) {
            base += rng.range(0, 50);
            const TimestampMs t = base + (rng.chance(0.1) ? -rng.range(0, 3000) : 0); // some go back in time
            ts.push_back(t);
            batch.push_back(rec(QStringLiteral("t"), 0, t, std::nullopt, QByteArray("v")));
            if (batch.size() == 700) { // several appends, blocks spanning batches
                QVERIFY(s->append(batch).ok());
                batch.clear();
            }
        }
        QVERIFY(s->append(batch).ok());
        for (int q = 0; q < 400; ++q) {
            const TimestampMs target = 990'000 + rng.range(0, static_cast<qint64>(base - 990'000 + 100));
            std::optional<Offset> expected;
            for (size_t i = 0; i < ts.size(); ++i)
                if (ts[i] >= target) {
                    expected = static_cast<Offset>(i);
                    break;
                }
            auto got = s->offsetForTime(QStringLiteral("t"), 0, target);
            QVERIFY(got.ok());
            QCOMPARE(got.value(), expected);
        }
        auto after = s->offsetForTime(QStringLiteral("t"), 0, base + 10'000);
        RW_VERIFY_OK(after);
        QCOMPARE(after.value(), std::optional<Offset>{});
        QVERIFY(!s->offsetForTime(QStringLiteral("t"), 3, 0).ok());
    }

    // The upper bound must hold with out-of-order timestamps: every record at or after it has
    // a timestamp >= T.
    void endOffsetBeforeIsExact()
    {
        auto s = mustCreate(path("upper.rewind"));
        QVERIFY(s->createTopic(QStringLiteral("t"), 1).ok());
        Rng rng(11);
        std::vector<TimestampMs> ts;
        std::vector<ProducerRecord> batch;
        TimestampMs base = 1'000'000;
        for (int i = 0; i < 6000; ++i) {
            base += rng.range(0, 40);
            const TimestampMs t = base - (rng.chance(0.05) ? rng.range(0, 20000) : 0);
            ts.push_back(t);
            batch.push_back(rec(QStringLiteral("t"), 0, t, std::nullopt, QByteArray("v")));
            if (batch.size() == 900) {
                QVERIFY(s->append(batch).ok());
                batch.clear();
            }
        }
        QVERIFY(s->append(batch).ok());
        for (int q = 0; q < 300; ++q) {
            const TimestampMs target = 980'000 + rng.range(0, static_cast<qint64>(base - 980'000 + 100));
            auto bound = s->endOffsetBefore(QStringLiteral("t"), 0, target);
            QVERIFY(bound.ok());
            QVERIFY(bound.value() >= 0 && bound.value() <= 6000);
            for (size_t i = static_cast<size_t>(bound.value()); i < ts.size(); ++i)
                QVERIFY2(ts[i] >= target, qPrintable(QStringLiteral("offset %1 (ts %2) after bound %3 for %4")
                                                         .arg(i)
                                                         .arg(ts[i])
                                                         .arg(bound.value())
                                                         .arg(target)));
        }
    }

    // A schema-1 file: read-only opens use it as it is (and leave it untouched); opening it for
    // writing upgrades it, and the result answers like a new file.
    void migratesSchema1Files()
    {
        const QString p = makeWorkspace(QStringLiteral("v1.rewind"), 4000);
        QProcess sqlite;
        sqlite.start(QStringLiteral("sqlite3"),
                     {p, QStringLiteral("ALTER TABLE time_index DROP COLUMN min_ts; DROP TABLE lag_samples; "
                                        "DROP TABLE replay_journal; "
                                        "DROP TABLE audit_log; "
                                        "PRAGMA user_version=1;")});
        QVERIFY(sqlite.waitForFinished() && sqlite.exitCode() == 0);
        QCOMPARE(static_cast<int>(test::readFile(p).at(63)), 1);
        const QByteArray before = test::fileHash(p);
        {
            auto ro = WorkspaceStore::open(p, WorkspaceStore::Mode::ReadOnly);
            QVERIFY2(ro.ok(), qPrintable(ro.ok() ? QString() : ro.error().message));
            auto t = ro.value()->topic(QStringLiteral("t"));
            RW_VERIFY_OK(t);
            QCOMPARE(t->count(), qint64(4000));
            auto end = ro.value()->endOffsetBefore(QStringLiteral("t"), 0, 1500);
            RW_VERIFY_OK(end);
            QCOMPARE(end.value(), Offset(2000)); // no bound: the end
        }
        QCOMPARE(test::fileHash(p), before);
        {
            auto rw = WorkspaceStore::open(p, WorkspaceStore::Mode::ReadWrite);
            QVERIFY2(rw.ok(), qPrintable(rw.ok() ? QString() : rw.error().message));
            // timestamps 1000 + i over both partitions: partition 0 holds even i
            auto bounded = rw.value()->endOffsetBefore(QStringLiteral("t"), 0, 1000 + 1000);
            RW_VERIFY_OK(bounded);
            const Offset bound = bounded.value();
            QVERIFY(bound >= 500 && bound <= 1024);
            QVERIFY(rw.value()
                        ->append({rec(QStringLiteral("t"), 0, 9999, std::nullopt, QByteArray("after"))})
                        .ok());
        }
        QCOMPARE(static_cast<int>(test::readFile(p).at(63)), WorkspaceStore::kSchemaVersion);
    }

    // The timeline's counts equal a brute-force count, also with out-of-order timestamps and
    // buckets that cut the partition anywhere; scanTimes returns every (offset, ts) in order.
    void histogramMatchesBruteForce()
    {
        auto s = mustCreate(path("hist.rewind"));
        QVERIFY(s->createTopic(QStringLiteral("h"), 1).ok());
        Rng rng(7);
        std::vector<ProducerRecord> batch;
        std::vector<TimestampMs> times;
        for (int i = 0; i < 6000; ++i) {
            // Mostly rising, with late arrivals up to 400 ms back.
            const TimestampMs ts = 10'000 + i * 10 - (rng.chance(0.1) ? rng.range(0, 400) : 0);
            times.push_back(ts);
            batch.push_back(rec(QStringLiteral("h"), 0, ts, std::nullopt, QByteArray("x")));
        }
        QVERIFY(s->append(batch).ok());
        for (const auto& [from, bucket, buckets] : std::vector<std::tuple<TimestampMs, TimestampMs, int>>{
                 {0, 1000, 100}, {10'000, 250, 40}, {33'333, 77, 300}, {69'000, 5000, 3}, {90'000, 10, 5}}) {
            auto h = s->histogram(QStringLiteral("h"), 0, from, bucket, buckets);
            QVERIFY2(h.ok(), qPrintable(h.ok() ? QString() : h.error().message));
            std::vector<qint64> want(static_cast<size_t>(buckets), 0);
            for (TimestampMs t : times)
                if (t >= from && (t - from) / bucket < buckets)
                    ++want[static_cast<size_t>((t - from) / bucket)];
            QCOMPARE(h.value(), want);
        }
        std::vector<std::pair<Offset, TimestampMs>> seen;
        QVERIFY(s->scanTimes(QStringLiteral("h"), 0, 100, 200, [&](Offset o, TimestampMs t) {
                     seen.emplace_back(o, t);
                     return true;
                 }).ok());
        QCOMPARE(seen.size(), size_t(100));
        for (size_t i = 0; i < seen.size(); ++i)
            QCOMPARE(seen[i], std::make_pair(Offset(100 + i), times[100 + i]));
        std::atomic_bool cancel{true};
        QCOMPARE(s->histogram(QStringLiteral("h"), 0, 0, 1, 100'000, &cancel).error().code,
                 ErrorCode::Cancelled);
        QCOMPARE(s->histogram(QStringLiteral("h"), 0, 0, 0, 10).error().code, ErrorCode::InvalidArgument);
    }

    void lagHistoryRoundTrips()
    {
        const QString p = path("lagh.rewind");
        {
            auto s = mustCreate(p);
            QVERIFY(s->createTopic(QStringLiteral("t"), 1).ok());
            QVERIFY(s->createGroup(QStringLiteral("g"), {QStringLiteral("t")}).ok());
            auto none = s->lagSamples(QStringLiteral("g"));
            RW_VERIFY_OK(none);
            QCOMPARE(none->size(), size_t(0));
            QVERIFY(s->addLagSamples(QStringLiteral("g"), {{300, 5}, {100, 7}, {200, 6}}).ok());
            QVERIFY(s->addLagSamples(QStringLiteral("g"), {{200, 9}}).ok()); // same time: replaced
            QCOMPARE(s->addLagSamples(QStringLiteral("nope"), {{1, 1}}).error().code, ErrorCode::NotFound);
        }
        auto ro = WorkspaceStore::open(p, WorkspaceStore::Mode::ReadOnly);
        QVERIFY(ro.ok());
        auto l = ro.value()->lagSamples(QStringLiteral("g"));
        QVERIFY(l.ok());
        QCOMPARE(l->size(), size_t(3));
        QCOMPARE(l->at(0).at, TimestampMs(100));
        QCOMPARE(l->at(1).lag, qint64(9));
        auto window = ro.value()->lagSamples(QStringLiteral("g"), 150, 300);
        RW_VERIFY_OK(window);
        QCOMPARE(window->size(), size_t(1));
        QCOMPARE(ro.value()->addLagSamples(QStringLiteral("g"), {{1, 1}}).error().code, ErrorCode::ReadOnly);
    }

    void groupsCommitsAndLag()
    {
        auto s = mustCreate(path("groups.rewind"));
        QVERIFY(s->createTopic(QStringLiteral("a"), 2).ok());
        QVERIFY(s->createTopic(QStringLiteral("b"), 1).ok());
        std::vector<ProducerRecord> batch;
        for (int i = 0; i < 10; ++i)
            batch.push_back(rec(QStringLiteral("a"), i % 2, i, std::nullopt, QByteArray("v")));
        batch.push_back(rec(QStringLiteral("b"), 0, 1, std::nullopt, QByteArray("v")));
        QVERIFY(s->append(batch).ok());
        QVERIFY(s->commitOffsets(QStringLiteral("g1"), {{QStringLiteral("a"), 0, 5, {}},
                                                        {QStringLiteral("a"), 1, 2, QStringLiteral("m")}})
                    .ok());
        QVERIFY(s->createGroup(QStringLiteral("idle"), {QStringLiteral("b")}).ok());
        QVERIFY(s->commitOffsets(QStringLiteral("zero"), {{QStringLiteral("b"), 0, 0, {}}}).ok());

        auto lag = s->lag(QStringLiteral("g1"));
        QVERIFY(lag.ok());
        QCOMPARE(lag->size(), size_t(2));
        QCOMPARE(*lag.value()[0].committed, Offset(5));
        QCOMPARE(*lag.value()[0].lag, qint64(0));
        QCOMPARE(*lag.value()[1].lag, qint64(3));
        QCOMPARE(lag.value()[1].end, Offset(5));

        auto idle = s->lag(QStringLiteral("idle"));
        QCOMPARE(idle->size(), size_t(1));
        QVERIFY(!idle.value()[0].committed); // "no commit" ...
        QVERIFY(!idle.value()[0].lag);
        auto zero = s->lag(QStringLiteral("zero"));
        QCOMPARE(*zero.value()[0].committed, Offset(0)); // ... is not the same as committed 0
        QCOMPARE(*zero.value()[0].lag, qint64(1));

        auto groups = s->groups();
        QCOMPARE(groups->size(), size_t(3));
        QCOMPARE(groups.value()[0].name, QStringLiteral("g1"));
        QCOMPARE(groups.value()[0].totalLag, qint64(3));
        QCOMPARE(groups.value()[1].partitionsWithoutCommit, 1);

        // Re-commit moves the offset; nonsense offsets and unknown partitions are refused atomically.
        QVERIFY(s->commitOffsets(QStringLiteral("g1"), {{QStringLiteral("a"), 1, 5, {}}}).ok());
        auto lag1 = s->lag(QStringLiteral("g1"));
        RW_VERIFY_OK(lag1);
        QVERIFY(lag1->size() > 1 && lag1->at(1).lag);
        QCOMPARE(*lag1->at(1).lag, qint64(0));
        auto bad = s->commitOffsets(QStringLiteral("g1"),
                                    {{QStringLiteral("a"), 0, 1, {}}, {QStringLiteral("a"), 1, 99, {}}});
        QVERIFY(!bad.ok());
        QCOMPARE(bad.error().code, ErrorCode::OutOfRange);
        auto committed = s->committedOffsets(QStringLiteral("g1"));
        RW_VERIFY_OK(committed);
        QVERIFY(!committed->empty());
        QCOMPARE(committed->at(0).offset, Offset(5));
        QVERIFY(!s->lag(QStringLiteral("nobody")).ok());
    }

    void readOnlyModeRefusesWrites()
    {
        const QString p = makeWorkspace(QStringLiteral("ro.rewind"));
        const QByteArray before = test::fileHash(p);
        auto s = WorkspaceStore::open(p, WorkspaceStore::Mode::ReadOnly);
        QVERIFY(s.ok());
        QVERIFY(s.value()->readOnly());
        for (auto r : {s.value()->createTopic(QStringLiteral("x"), 1),
                       s.value()->commitOffsets(QStringLiteral("g"), {{QStringLiteral("t"), 0, 1, {}}}),
                       s.value()->setMeta(QStringLiteral("k"), QStringLiteral("v"))}) {
            QVERIFY(!r.ok());
            QCOMPARE(r.error().code, ErrorCode::ReadOnly);
        }
        auto a = s.value()->append({rec(QStringLiteral("t"), 0, 1, std::nullopt, std::nullopt)});
        QCOMPARE(a.error().code, ErrorCode::ReadOnly);
        auto five = s.value()->read(QStringLiteral("t"), 0, 0, 5);
        RW_VERIFY_OK(five);
        QCOMPARE(five->size(), size_t(5));
        s.value().reset();
        QCOMPARE(test::fileHash(p), before);
        QVERIFY(!QFileInfo::exists(p + QStringLiteral("-wal")));
    }

    void concurrentReaderSeesAppends()
    {
        const QString p = makeWorkspace(QStringLiteral("conc.rewind"), 10);
        auto writer = WorkspaceStore::open(p, WorkspaceStore::Mode::ReadWrite);
        auto reader = WorkspaceStore::open(p, WorkspaceStore::Mode::ReadOnly);
        QVERIFY(writer.ok() && reader.ok());
        auto before = reader.value()->topic(QStringLiteral("t"));
        RW_VERIFY_OK(before);
        QCOMPARE(before->count(), qint64(10));
        QVERIFY(
            writer.value()->append({rec(QStringLiteral("t"), 0, 5, std::nullopt, QByteArray("new"))}).ok());
        auto seen = reader.value()->topic(QStringLiteral("t"));
        RW_VERIFY_OK(seen);
        QCOMPARE(seen->count(), qint64(11));
    }

    // A second connection to a file this process checked, unchanged, skips the integrity check
    // (a worker's reopen costs no read of the file); once the file changes it is checked again,
    // so damage done since is still refused.
    void aCheckedFileIsCheckedAgainOnceItChanges()
    {
        const QString p = makeWorkspace(QStringLiteral("checked-once.rewind"), 2000);
        {
            auto first = WorkspaceStore::open(p, WorkspaceStore::Mode::ReadOnly);
            RW_VERIFY_OK(first);
            auto second = WorkspaceStore::open(p, WorkspaceStore::Mode::ReadOnly);
            RW_VERIFY_OK(second);
            QCOMPARE(second.value()->topic(QStringLiteral("t"))->count(), qint64(2000));
        }
        {
            QFile f(p); // no connection of this process has it open now
            QVERIFY(f.open(QIODevice::ReadWrite));
            QVERIFY(f.size() > 5 * 16384);
            QVERIFY(f.seek(3 * 16384));
            QCOMPARE(f.write(QByteArray(16384, '\xA5')), qint64(16384));
        }
        auto again = WorkspaceStore::open(p, WorkspaceStore::Mode::ReadOnly);
        QVERIFY(!again.ok());
        QCOMPARE(again.error().code, ErrorCode::Corrupt);
    }

    // The check is remembered for the next process (the CLI beside the window, the window opened
    // again): a file another process checked, unchanged since, is not read again here; a file
    // changed since is checked, so damage is still refused. Seen in what this process reads
    // (/proc/self/io rchar: the integrity check reads the file with read calls, the working
    // connection maps it).
    void aCheckIsRememberedForTheNextProcessUntilTheFileChanges()
    {
        const QByteArray cacheBefore = qgetenv("XDG_CACHE_HOME");
        const QString cache = m_dir.filePath(QStringLiteral("cache-home"));
        qputenv("XDG_CACHE_HOME", QFile::encodeName(cache));
        auto restore = qScopeGuard([&] { qputenv("XDG_CACHE_HOME", cacheBefore); });
        auto readChars = [] {
            QFile io(QStringLiteral("/proc/self/io"));
            if (!io.open(QIODevice::ReadOnly)) qFatal("/proc/self/io");
            for (const QByteArray& line : io.readAll().split('\n'))
                if (line.startsWith("rchar: ")) return line.mid(7).trimmed().toLongLong();
            qFatal("no rchar");
        };
        const QString remembered = makeWorkspace(QStringLiteral("remembered.rewind"), 20000);
        const QString other = makeWorkspace(QStringLiteral("not-remembered.rewind"), 20000);
        const qint64 size = QFileInfo(remembered).size();
        QVERIFY2(size > (4 << 20), qPrintable(QString::number(size)));
        // Only a check made two seconds or more after the file's last change is remembered.
        QTest::qWait(2100);
        QProcess cli;
        cli.start(QStringLiteral(REWIND_CLI), {QStringLiteral("topics"), remembered});
        QVERIFY(cli.waitForFinished(60000));
        QCOMPARE(cli.exitCode(), 0);
        const QByteArray list = test::readFile(cache + QStringLiteral("/rewind/checked-workspaces"));
        QVERIFY2(list.contains(' ' + QByteArray::number(QFileInfo(remembered).size()) + ' '),
                 list.constData());

        qint64 before = readChars();
        {
            auto s = WorkspaceStore::open(remembered, WorkspaceStore::Mode::ReadOnly);
            RW_VERIFY_OK(s);
            QCOMPARE(s.value()->topic(QStringLiteral("t"))->count(), qint64(20000));
        }
        const qint64 rememberedRead = readChars() - before;
        before = readChars();
        {
            auto s = WorkspaceStore::open(other, WorkspaceStore::Mode::ReadOnly);
            RW_VERIFY_OK(s);
        }
        const qint64 otherRead = readChars() - before;
        QVERIFY2(rememberedRead < size / 8 && otherRead > size * 9 / 10,
                 qPrintable(QStringLiteral("read %1 and %2 bytes of files of %3")
                                .arg(rememberedRead)
                                .arg(otherRead)
                                .arg(size)));

        // Damaged since (no connection open): checked again, and refused, by a process that never
        // checked it itself.
        {
            QFile f(remembered);
            QVERIFY(f.open(QIODevice::ReadWrite));
            QVERIFY(f.seek(3 * 16384));
            QCOMPARE(f.write(QByteArray(16384, '\xA5')), qint64(16384));
        }
        QProcess again;
        again.start(QStringLiteral(REWIND_CLI), {QStringLiteral("topics"), remembered});
        QVERIFY(again.waitForFinished(60000));
        QCOMPARE(again.exitCode(), 4); // workspace unusable
        QVERIFY2(again.readAllStandardError().contains("damaged"), "no 'damaged' in the CLI's error");
    }

    void foreignAndBrokenFilesAreRefusedUntouched_data()
    {
        QTest::addColumn<QString>("kind");
        QTest::addColumn<int>("code");
        QTest::addColumn<QString>("needle");
        QTest::newRow("empty") << "empty" << int(ErrorCode::NotAWorkspace) << "empty";
        QTest::newRow("text") << "text" << int(ErrorCode::NotAWorkspace) << "not a SQLite database";
        QTest::newRow("ndjson") << "ndjson" << int(ErrorCode::NotAWorkspace) << "rewind-cli import";
        QTest::newRow("other sqlite") << "foreign" << int(ErrorCode::NotAWorkspace) << "another application";
        QTest::newRow("short header") << "short" << int(ErrorCode::Truncated) << "truncated";
        QTest::newRow("truncated") << "truncated" << int(ErrorCode::Truncated) << "truncated";
        QTest::newRow("corrupt page") << "corrupt" << int(ErrorCode::Corrupt) << "damaged";
        QTest::newRow("newer schema") << "newer" << int(ErrorCode::NewerSchema) << "newer Rewind";
        QTest::newRow("missing") << "missing" << int(ErrorCode::NotFound) << "does not exist";
        QTest::newRow("folder") << "folder" << int(ErrorCode::NotAWorkspace) << "folder";
    }
    // A writer killed mid-transaction under a rollback journal (the bulk load of a new file)
    // leaves the file half-written beside a hot -journal. Opening rolls it back first: the file
    // opens whole, as before the transaction, read-only too; never "damaged".
    void aWriterKilledUnderARollbackJournalIsRolledBackOnOpen()
    {
        const QString ws = m_dir.filePath(QStringLiteral("killed-bulk.rewind"));
        {
            auto s = WorkspaceStore::create(ws);
            QVERIFY(s.ok());
            QVERIFY(s.value()->createTopic(QStringLiteral("t"), 1).ok());
        }
        QProcess fill; // committed rows that the killed transaction then rewrites in place
        fill.start(QStringLiteral("sqlite3"),
                   {ws, QStringLiteral("INSERT INTO meta SELECT 'filler-' || value, 'old' FROM "
                                       "generate_series(1, 20000);")});
        QVERIFY(fill.waitForFinished(30000) && fill.exitCode() == 0);
        QProcess sq;
        sq.start(QStringLiteral("sqlite3"), {ws});
        QVERIFY(sq.waitForStarted());
        // A tiny cache, so the changed pages reach the file long before any commit.
        sq.write("PRAGMA journal_mode=DELETE; PRAGMA cache_size=2; BEGIN; "
                 "UPDATE meta SET value = hex(randomblob(2000)) WHERE key LIKE 'filler-%';\n");
        const QString journal = ws + QStringLiteral("-journal");
        QTRY_VERIFY_WITH_TIMEOUT(QFileInfo(journal).size() > (256 << 10), 30000); // originals saved
        QTest::qWait(1000); // the statement done, its transaction open, its pages spilled into the file
        ::kill(static_cast<pid_t>(sq.processId()), SIGKILL);
        QVERIFY(sq.waitForFinished(10000));
        QVERIFY(QFileInfo(journal).size() > 0); // hot
        // Make the kill land mid-write, as it may: garbage in the file where the journal holds a
        // page's original (journal: a header sector, then page number, page, checksum per page).
        {
            const QByteArray j = test::readFile(journal);
            QVERIFY(j.size() > 28);
            auto be32 = [&](qsizetype at) {
                return (quint32(uchar(j[at])) << 24) | (quint32(uchar(j[at + 1])) << 16) |
                       (quint32(uchar(j[at + 2])) << 8) | quint32(uchar(j[at + 3]));
            };
            const qsizetype sector = be32(20), pageSize = be32(24);
            qsizetype at = sector;
            quint32 page = be32(at);
            if (page == 1) page = be32(at += 4 + pageSize + 4); // keep the header readable
            QVERIFY(page > 1 && at + 4 + pageSize + 4 <= j.size());
            QFile f(ws);
            QVERIFY(f.open(QIODevice::ReadWrite));
            QVERIFY(f.seek(qint64(page - 1) * pageSize));
            QCOMPARE(f.write(QByteArray(pageSize, '\xA5')), qint64(pageSize));
        }
        auto ro = WorkspaceStore::open(ws, WorkspaceStore::Mode::ReadOnly);
        QVERIFY2(ro.ok(), qPrintable(ro.ok() ? QString() : ro.error().message));
        auto listed = ro.value()->topics();
        RW_VERIFY_OK(listed);
        QCOMPARE(listed->size(), size_t(1));
        for (const char* key : {"filler-1", "filler-10000", "filler-20000"}) {
            const auto before = ro.value()->meta(QString::fromLatin1(key));
            QVERIFY(before.ok());
            QCOMPARE(before.value(), std::optional<QString>(QStringLiteral("old")));
        }
        QVERIFY(!QFileInfo::exists(journal));
        QVERIFY(ro.value()->quickCheck()->empty());
    }

    void foreignAndBrokenFilesAreRefusedUntouched()
    {
        QFETCH(QString, kind);
        QFETCH(int, code);
        QFETCH(QString, needle);
        const QString p = path(kind + QStringLiteral(".rewind"));
        if (kind == QLatin1String("empty")) {
            QVERIFY(test::writeFile(p, {}));
        } else if (kind == QLatin1String("text")) {
            QVERIFY(test::writeFile(p, QByteArray("hello, I am a text file\n").repeated(100)));
        } else if (kind == QLatin1String("ndjson")) {
            QVERIFY(test::writeFile(p, R"({"topic":"t","value":1})"
                                       "\n"));
        } else if (kind == QLatin1String("foreign")) {
            QProcess sqlite;
            sqlite.start(QStringLiteral("sqlite3"),
                         {p, QStringLiteral("CREATE TABLE x(a); INSERT INTO x VALUES(1);")});
            QVERIFY(sqlite.waitForFinished() && sqlite.exitCode() == 0);
        } else if (kind == QLatin1String("short")) {
            QVERIFY(test::writeFile(
                p, test::readFile(makeWorkspace(QStringLiteral("src-short.rewind"))).left(60)));
        } else if (kind == QLatin1String("truncated")) {
            const QByteArray full = test::readFile(makeWorkspace(QStringLiteral("src-trunc.rewind")));
            QVERIFY(test::writeFile(p, full.left(full.size() / 2)));
        } else if (kind == QLatin1String("corrupt")) {
            QByteArray full = test::readFile(makeWorkspace(QStringLiteral("src-corrupt.rewind")));
            // Scribble over the middle of the file (b-tree pages of records), keep the header intact.
            for (qsizetype i = full.size() / 2; i < full.size() / 2 + 3000; ++i)
                full[i] = static_cast<char>(0xA5 ^ (i & 0xff));
            QVERIFY(test::writeFile(p, full));
        } else if (kind == QLatin1String("newer")) {
            QByteArray full = test::readFile(makeWorkspace(QStringLiteral("src-newer.rewind")));
            full[63] = 99; // user_version (schema) in the database header
            QVERIFY(test::writeFile(p, full));
        } else if (kind == QLatin1String("folder")) {
            QVERIFY(QDir().mkpath(p));
        }
        const QByteArray before = test::fileHash(p);
        for (auto mode : {WorkspaceStore::Mode::ReadWrite, WorkspaceStore::Mode::ReadOnly}) {
            auto s = WorkspaceStore::open(p, mode);
            QVERIFY(!s.ok());
            QCOMPARE(int(s.error().code), code);
            QVERIFY2(s.error().message.contains(needle), qPrintable(s.error().message));
        }
        QCOMPARE(test::fileHash(p), before); // never modified
        QVERIFY(!QFileInfo::exists(p + QStringLiteral("-journal")));
        QVERIFY(!QFileInfo::exists(p + QStringLiteral("-wal"))); // nothing left beside it either
        QVERIFY(!QFileInfo::exists(p + QStringLiteral("-shm")));
    }

    void createRefusesExistingFiles()
    {
        const QString p = makeWorkspace(QStringLiteral("exists.rewind"), 1);
        const QByteArray before = test::fileHash(p);
        auto s = WorkspaceStore::create(p);
        QVERIFY(!s.ok());
        QCOMPARE(s.error().code, ErrorCode::AlreadyExists);
        QCOMPARE(test::fileHash(p), before);
    }

    // Root ignores permission bits, so read-only files are made with the immutable attribute.
    void readOnlyFileIsReportedAndUntouched()
    {
        const QString p = makeWorkspace(QStringLiteral("immutable.rewind"), 20);
        QFile::setPermissions(p, QFileDevice::ReadOwner | QFileDevice::ReadGroup | QFileDevice::ReadOther);
        bool immutable = false;
        if (QFileInfo(p).isWritable()) { // running as root
            immutable = QProcess::execute(QStringLiteral("chattr"), {QStringLiteral("+i"), p}) == 0;
            if (!immutable || QFileInfo(p).isWritable())
                QSKIP("cannot make a read-only file here (root without chattr +i)");
        }
        const QByteArray before = test::fileHash(p);
        auto rw = WorkspaceStore::open(p, WorkspaceStore::Mode::ReadWrite);
        QVERIFY(!rw.ok());
        QCOMPARE(rw.error().code, ErrorCode::ReadOnly);
        QVERIFY2(rw.error().message.contains(QStringLiteral("read-only")), qPrintable(rw.error().message));
        auto ro = WorkspaceStore::open(p, WorkspaceStore::Mode::ReadOnly);
        QVERIFY2(ro.ok(), qPrintable(ro.ok() ? QString() : ro.error().message));
        auto twenty = ro.value()->topic(QStringLiteral("t"));
        RW_VERIFY_OK(twenty);
        QCOMPARE(twenty->count(), qint64(20));
        ro.value().reset();
        QCOMPARE(test::fileHash(p), before);
        if (immutable) QProcess::execute(QStringLiteral("chattr"), {QStringLiteral("-i"), p});
    }

    void quickCheckReportsIntactWorkspace()
    {
        const QString p = makeWorkspace(QStringLiteral("qc.rewind"), 100);
        auto s = WorkspaceStore::open(p, WorkspaceStore::Mode::ReadOnly);
        auto problems = s.value()->quickCheck();
        QVERIFY(problems.ok());
        QVERIFY(problems->empty());
    }
};

QTEST_GUILESS_MAIN(TstWorkspaceStore)
#include "tst_workspace_store.moc"
