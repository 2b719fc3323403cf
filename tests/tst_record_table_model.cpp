#include "record_source.h"
#include "record_table_model.h"
#include "source_registry.h"
#include "test_util.h"
#include "workspace_store.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <set>

using namespace rw;

class TstRecordTableModel : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    QString m_ws;

private slots:
    void initTestCase()
    {
        m_ws = m_dir.filePath(QStringLiteral("t.rewind"));
        auto s = WorkspaceStore::create(m_ws);
        QVERIFY(s.ok());
        QVERIFY(s.value()->createTopic(QStringLiteral("t"), 2).ok());
        std::vector<ProducerRecord> batch;
        for (int i = 0; i < 5000; ++i)
            batch.push_back(test::producerRecord(
                QStringLiteral("t"), 0, 1795058220000 + i, QByteArray("k") + QByteArray::number(i),
                QByteArray(R"({"n":)") + QByteArray::number(i) + "}", {{"h", QByteArray("v")}}));
        // Hostile payloads: markup, control characters, binary, huge, null.
        batch.push_back(test::producerRecord(QStringLiteral("t"), 1, 1, QByteArray("<b>bold</b>"),
                                             QByteArray("line1\nline2\x01")));
        batch.push_back(test::producerRecord(QStringLiteral("t"), 1, 2, std::nullopt,
                                             QByteArray("\x00\xff\xfe binary", 10)));
        batch.push_back(
            test::producerRecord(QStringLiteral("t"), 1, 3, QByteArray("big"), QByteArray(10 << 20, 'x')));
        batch.push_back(test::producerRecord(QStringLiteral("t"), 1, 4, QByteArray("tomb"), std::nullopt));
        QVERIFY(s.value()->append(batch).ok());
    }

    std::shared_ptr<RecordSource> source()
    {
        auto s = openRecordSource(SourceSpec::file(m_ws));
        return s ? s.value() : nullptr;
    }

    void pagesArriveAndTheModelStaysConsistent()
    {
        RecordTableModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setPartition(source(), QStringLiteral("t"), 0, 0, 5000);
        QCOMPARE(model.rowCount(), 5000);
        QCOMPARE(model.index(4999, RecordTableModel::OffsetCol).data().toString(),
                 QStringLiteral("4999")); // without I/O
        QCOMPARE(model.index(10, RecordTableModel::KeyCol).data().toString(),
                 QStringLiteral("…")); // placeholder
        QTRY_COMPARE_WITH_TIMEOUT(model.index(10, RecordTableModel::KeyCol).data().toString(),
                                  QStringLiteral("k10"), 5000);
        QCOMPARE(model.index(10, RecordTableModel::ValueCol).data().toString(),
                 QStringLiteral(R"({"n":10})"));
        QCOMPARE(model.index(10, RecordTableModel::HeadersCol).data().toString(), QStringLiteral("h=v"));
        QVERIFY(model.index(10, RecordTableModel::TimestampCol)
                    .data()
                    .toString()
                    .startsWith(QStringLiteral("2026-11-19 03:17:00.010")));
        // Jump to the far end: that page loads on its own.
        (void)model.index(4990, RecordTableModel::KeyCol).data();
        QTRY_COMPARE_WITH_TIMEOUT(model.index(4990, RecordTableModel::KeyCol).data().toString(),
                                  QStringLiteral("k4990"), 5000);
    }

    void cacheIsBounded()
    {
        RecordTableModel model;
        model.setPartition(source(), QStringLiteral("t"), 0, 0, 5000);
        for (int r = 0; r < 5000; r += RecordTableModel::kPageSize)
            (void)model.index(r, RecordTableModel::KeyCol).data();
        QTRY_VERIFY_WITH_TIMEOUT(
            model.index(4864, RecordTableModel::KeyCol).data().toString() == QLatin1String("k4864"), 5000);
        QVERIFY(model.cachedPages() <= RecordTableModel::kMaxPages);
        // A huge partition costs nothing until rows are looked at.
        model.setPartition(source(), QStringLiteral("t"), 0, 0, 10'000'000);
        QCOMPARE(model.rowCount(), 10'000'000);
        QCOMPARE(model.cachedPages(), 0);
    }

    void stalePagesAreDropped()
    {
        RecordTableModel model;
        QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
        model.setPartition(source(), QStringLiteral("t"), 0, 0, 5000);
        (void)model.index(0, RecordTableModel::KeyCol).data();
        model.setPartition(source(), QStringLiteral("t"), 1, 0, 4); // before the first page arrives
        QTRY_COMPARE_WITH_TIMEOUT(model.index(0, RecordTableModel::KeyCol).data().toString(),
                                  QStringLiteral("<b>bold</b>"), 5000);
        QCOMPARE(model.rowCount(), 4);
    }

    // Both partitions of "t" merged by time: every record once, in time order (ties by partition).
    void mergedTopicHasEveryRecordInTimeOrder()
    {
        RecordTableModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy done(&model, &RecordTableModel::mergeFinished);
        model.setMergedTopic(source(), QStringLiteral("t"));
        QTRY_COMPARE_WITH_TIMEOUT(done.size(), 1, 5000);
        QCOMPARE(model.rowCount(), 5004);
        QVERIFY(!model.listTruncated());
        std::set<std::pair<int, qint64>> seen;
        for (int r = 0; r < model.rowCount(); ++r) {
            const RecordRef* ref = model.refAt(r);
            QVERIFY(seen.insert({ref->partition, ref->offset}).second);
            if (r) QVERIFY(model.refAt(r - 1)->timestamp <= ref->timestamp);
        }
        // Partition 1's records have timestamps 1..4: they come first.
        QCOMPARE(model.index(0, RecordTableModel::PartitionCol).data().toString(), QStringLiteral("1"));
        QCOMPARE(model.index(4, RecordTableModel::TopicCol).data().toString(), QStringLiteral("t"));
        QTRY_COMPARE_WITH_TIMEOUT(model.index(4, RecordTableModel::KeyCol).data().toString(),
                                  QStringLiteral("k0"), 5000);
        // Seeking by time in a merged view answers from the rows it holds.
        QSignalSpy row(&model, &RecordTableModel::rowForTime);
        model.requestRowForTime(1795058220000 + 100);
        QCOMPARE(row.size(), 1);
        QCOMPARE(row.at(0).at(0).toInt(), 104);
        QSignalSpy fetched(&model, &RecordTableModel::recordReady);
        model.requestRecord(104);
        QTRY_COMPARE_WITH_TIMEOUT(fetched.size(), 1, 5000);
        QCOMPARE(fetched.at(0).at(0).value<Record>().offset, Offset(100));
    }

    // A list fed in batches (search results), then sorted by time: rows, cached pages and the
    // current selection (a persistent index) all follow.
    void listAppendsAndSortsConsistently()
    {
        RecordTableModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setList(source(), QStringLiteral("results"));
        std::vector<RecordRef> batch;
        for (int i = 4999; i >= 4000; --i) // newest first
            batch.push_back({i, 1795058220000 + i, 0, 0});
        model.appendRefs(QStringLiteral("t"), batch);
        model.appendRefs({{QStringLiteral("t"), RecordRef{2, 3, 1, 0}}});
        QCOMPARE(model.rowCount(), 1001);
        QTRY_COMPARE_WITH_TIMEOUT(model.index(0, RecordTableModel::KeyCol).data().toString(),
                                  QStringLiteral("k4999"), 5000);
        const QPersistentModelIndex kept = model.index(0, RecordTableModel::KeyCol);
        model.sortListByTime();
        QCOMPARE(kept.row(), 1000);
        QCOMPARE(model.index(0, RecordTableModel::OffsetCol).data().toString(), QStringLiteral("2"));
        QTRY_COMPARE_WITH_TIMEOUT(model.index(0, RecordTableModel::KeyCol).data().toString(),
                                  QStringLiteral("big"), 5000);
        QTRY_COMPARE_WITH_TIMEOUT(model.index(1000, RecordTableModel::KeyCol).data().toString(),
                                  QStringLiteral("k4999"), 5000);
        // A ref to a record that is not there says so in its row instead of failing the page.
        model.appendRefs(QStringLiteral("t"), {RecordRef{999'999, 0, 0, 0}});
        QTRY_VERIFY_WITH_TIMEOUT(model.index(1001, RecordTableModel::ValueCol)
                                     .data()
                                     .toString()
                                     .contains(QStringLiteral("no longer")),
                                 5000);
    }

    void hostilePayloadsArePlainBoundedText()
    {
        RecordTableModel model;
        model.setPartition(source(), QStringLiteral("t"), 1, 0, 4);
        (void)model.index(0, 0).data(Qt::UserRole);
        QTRY_VERIFY_WITH_TIMEOUT(
            model.index(3, RecordTableModel::KeyCol).data().toString() == QLatin1String("tomb"), 5000);
        const QString controls = model.index(0, RecordTableModel::ValueCol).data().toString();
        QVERIFY(!controls.contains(QLatin1Char('\n')) && !controls.contains(QChar(0x01)));
        QVERIFY(model.index(1, RecordTableModel::KeyCol).data().toString().contains(QStringLiteral("null")));
        QVERIFY(model.index(1, RecordTableModel::ValueCol)
                    .data()
                    .toString()
                    .startsWith(QStringLiteral("binary 00 ff fe")));
        const QString big = model.index(2, RecordTableModel::ValueCol).data().toString();
        QVERIFY(big.size() <= 301 && big.endsWith(QChar(0x2026)));
        QVERIFY(
            model.index(3, RecordTableModel::ValueCol).data().toString().contains(QStringLiteral("null")));
    }
};

QTEST_MAIN(TstRecordTableModel)
#include "tst_record_table_model.moc"
