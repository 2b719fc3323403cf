// The real MainWindow, driven offscreen with QTest.

#include "banner.h"
#include "case_book.h"
#include "demo_workspace.h"
#include "filter_bar.h"
#include "fit_check.h"
#include "group_details.h"
#include "kafka_client.h"
#include "lag_chart.h"
#include "main_window.h"
#include "main_window_fixture.h"
#include "mask_policy.h"
#include "profile_store.h"
#include "record_inspector.h"
#include "record_source.h"
#include "record_table_model.h"
#include "replay_console.h"
#include "reset_dialog.h"
#include "schemas_topic.h"
#include "test_util.h"
#include "timeline_view.h"
#include "topic_tree_model.h"
#include "trace_view.h"
#include "translations.h"
#include "workspace_keep.h"
#include "workspace_store.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QContextMenuEvent>
#include <QDateTime>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMenu>
#include <QMenuBar>
#include <QPushButton>
#include <QRegularExpression>
#include <QScopeGuard>
#include <QScrollBar>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QToolButton>
#include <QTreeView>
#include <QTreeWidget>
#include <QtEndian>
#include <qcustomplot.h>

using namespace rw;
using rw::test::countIn;

// The real MainWindow exploring the demo workspace: records, timeline, filters, copies, pins,
// saved view, new and bad files (tst_main_window_trace: the trace, languages, the layout).
class TstMainWindow : public QObject, protected rw::test::DemoWindowFixture {
    Q_OBJECT

private slots:
    void initTestCase() { QVERIFY(makeDemo()); }

    void opensTheDemoAndListsTopicsAndGroups()
    {
        MainWindow w;
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QSignalSpy loaded(&w, &MainWindow::workspaceLoaded);
        w.openWorkspace(m_ws);
        QTRY_COMPARE_WITH_TIMEOUT(loaded.size(), 1, 15000);

        auto* tree = w.findChild<QTreeView*>(QStringLiteral("topicTree"));
        QVERIFY(tree);
        QCOMPARE(tree->model()->rowCount(), 3);
        QStringList shown;
        for (int r = 0; r < 3; ++r)
            shown << tree->model()->index(r, 0).data().toString();
        QCOMPARE(shown, (QStringList{QStringLiteral("inventory"), QStringLiteral("orders"),
                                     QStringLiteral("payments")}));
        // Expand "orders" by keyboard and see its six partitions.
        tree->setFocus();
        tree->setCurrentIndex(tree->model()->index(1, 0));
        QTest::keyClick(tree, Qt::Key_Right);
        QTRY_VERIFY(tree->isExpanded(tree->model()->index(1, 0)));
        QCOMPARE(tree->model()->rowCount(tree->model()->index(1, 0)), 6);
        QCOMPARE(tree->model()->index(0, 0, tree->model()->index(1, 0)).data().toString(),
                 QStringLiteral("partition 0"));

        // Selecting a partition shows its records, read on a worker.
        QTest::keyClick(tree, Qt::Key_Down); // orders → partition 0
        auto* table = w.findChild<QTableView*>(QStringLiteral("recordTable"));
        QVERIFY(table);
        const int rows =
            tree->model()->index(0, 0, tree->model()->index(1, 0)).data(TopicTreeModel::HighRole).toInt();
        QTRY_COMPARE(table->model()->rowCount(), rows);
        QTRY_VERIFY_WITH_TIMEOUT(table->model()
                                     ->index(0, RecordTableModel::KeyCol)
                                     .data()
                                     .toString()
                                     .startsWith(QStringLiteral("o-")),
                                 5000);
        QVERIFY(table->model()
                    ->index(0, RecordTableModel::ValueCol)
                    .data()
                    .toString()
                    .contains(QStringLiteral("\"type\":\"Order")));
        QVERIFY(w.findChild<QLabel*>(QStringLiteral("recordsTitle"))
                    ->text()
                    .startsWith(QStringLiteral("orders · partition 0")));
        // Choosing a record shows all of it in the inspector, as pretty JSON.
        table->setFocus();
        table->setCurrentIndex(table->model()->index(3, 0));
        QTRY_COMPARE_WITH_TIMEOUT(w.inspector()->record().offset, Offset(3), 5000);
        QCOMPARE(w.inspector()->currentView(), QStringLiteral("json"));
        QVERIFY(w.inspector()->valueText().startsWith(
            QStringLiteral("{\n    \"event_id\""))); // producer's member order
        QCOMPARE(w.inspector()->record().headers.front().key, QByteArray("trace_id"));
        QTest::keyClick(table, Qt::Key_Down);
        QTRY_COMPARE_WITH_TIMEOUT(w.inspector()->record().offset, Offset(4), 5000);

        // Seek bar: Ctrl+G, an offset, -N from the end, a time (resolved on the worker).
        auto* seek = w.findChild<QLineEdit*>(QStringLiteral("seekBar"));
        QVERIFY(seek);
        QTest::keyClick(&w, Qt::Key_G, Qt::ControlModifier);
        QTRY_VERIFY(seek->hasFocus());
        QTest::keyClicks(seek, QStringLiteral("100"));
        QTest::keyClick(seek, Qt::Key_Return);
        QCOMPARE(table->currentIndex().row(), 100);
        QTRY_COMPARE_WITH_TIMEOUT(w.inspector()->record().offset, Offset(100), 5000);
        seek->clear();
        QTest::keyClicks(seek, QStringLiteral("-1"));
        QTest::keyClick(seek, Qt::Key_Return);
        QCOMPARE(table->currentIndex().row(), rows - 1);
        seek->clear();
        QTest::keyClicks(seek, QStringLiteral("2026-11-18T12:00:00Z"));
        QTest::keyClick(seek, Qt::Key_Return);
        QTRY_VERIFY_WITH_TIMEOUT(table->currentIndex().row() > 0 && table->currentIndex().row() < rows - 1,
                                 5000);
        const int timeRow = table->currentIndex().row();
        QTRY_COMPARE_WITH_TIMEOUT(
            table->model()->index(timeRow, RecordTableModel::TimestampCol).data().toString().left(10),
            QStringLiteral("2026-11-18"), 5000);
        QVERIFY(table->model()->index(timeRow - 1, RecordTableModel::TimestampCol).data().toString() <
                QStringLiteral("2026-11-18 12:00"));
        // UTC/local toggle changes the header; garbage input is a warning, not a jump.
        auto* utc = w.findChild<QCheckBox*>(QStringLiteral("utcToggle"));
        utc->click();
        QVERIFY(table->model()
                    ->headerData(RecordTableModel::TimestampCol, Qt::Horizontal)
                    .toString()
                    .contains(QStringLiteral("local")));
        utc->click();
        seek->clear();
        QTest::keyClicks(seek, QStringLiteral("yesterday-ish"));
        QTest::keyClick(seek, Qt::Key_Return);
        QVERIFY(w.banner()->isVisible());
        QCOMPARE(table->currentIndex().row(), timeRow);
        w.banner()->hide();

        auto* groups = w.findChild<QTreeWidget*>(QStringLiteral("groupsList"));
        QVERIFY(groups);
        QCOMPARE(groups->topLevelItemCount(), 4);
        QCOMPARE(groups->topLevelItem(0)->text(0), QStringLiteral("analytics"));
        QCOMPARE(groups->topLevelItem(1)->text(0), QStringLiteral("antifraud"));
        // never committed: what it would read, not a dash or 0
        QVERIFY2(groups->topLevelItem(1)->text(2).contains(QStringLiteral("uncommitted")),
                 qPrintable(groups->topLevelItem(1)->text(2)));
        QCOMPARE(groups->topLevelItem(2)->text(2), QStringLiteral("0")); // billing caught up
        QVERIFY(w.windowTitle().startsWith(QStringLiteral("demo.rewind")));
        const QString status = w.statusBar()->findChild<QLabel*>()->text();
        QVERIFY2(status.contains(QStringLiteral("3 topics · 20,000 records")), qPrintable(status));
        QVERIFY(!status.contains(QStringLiteral("read-only")));
        QVERIFY(!w.banner()->isVisible());

        const QByteArray shotDir = qgetenv("REWIND_SCREENSHOT_DIR");
        if (!shotDir.isEmpty()) {
            w.resize(1400, 800);
            QTest::qWait(50);
            QVERIFY(w.grab().save(QString::fromLocal8Bit(shotDir) + QStringLiteral("/main-window.png")));
        }

        // F5 reloads.
        QTest::keyClick(&w, Qt::Key_F5);
        QTRY_COMPARE_WITH_TIMEOUT(loaded.size(), 2, 15000);
    }

    // The incident is the timeline's tallest bar; clicking it with nothing selected opens the
    // busiest topic there, merged by time, at that moment: a failed payment.
    // The topic filter: typed letters leave the topics whose names contain them (any case), the
    // label counts them, a reload keeps the filter, and a topic asked for by name is shown.
    void topicFilterLeavesTheTopicsNamed()
    {
        MainWindow w;
        QVERIFY(rw::test::showAndOpen(w, m_ws));
        auto* tree = w.findChild<QTreeView*>(QStringLiteral("topicTree"));
        QLineEdit* filter = w.topicFilter();
        QVERIFY(tree && filter);
        auto visible = [&] {
            QStringList out;
            for (int r = 0; r < tree->model()->rowCount(); ++r)
                if (!tree->isRowHidden(r, {})) out << tree->model()->index(r, 0).data().toString();
            return out;
        };
        QCOMPARE(visible().size(), 3);
        filter->setFocus();
        QTest::keyClicks(filter, QStringLiteral("PAY"));
        QCOMPARE(visible(), QStringList{QStringLiteral("payments")});
        auto* label = filter->parentWidget()->findChild<QLabel*>();
        QVERIFY(label);
        QCOMPARE(label->text(), QStringLiteral("<b>Topics</b> 1 of 3"));
        QTest::keyClick(filter, Qt::Key_Backspace);
        QTest::keyClick(filter, Qt::Key_Backspace);
        QTest::keyClick(filter, Qt::Key_Backspace);
        QTest::keyClicks(filter, QStringLiteral("r"));
        QCOMPARE(visible(), (QStringList{QStringLiteral("inventory"), QStringLiteral("orders")}));
        // A reload keeps what was typed.
        QSignalSpy loaded(&w, &MainWindow::workspaceLoaded);
        w.openWorkspace(m_ws);
        QTRY_COMPARE_WITH_TIMEOUT(loaded.size(), 1, 15000);
        QCOMPARE(visible(), (QStringList{QStringLiteral("inventory"), QStringLiteral("orders")}));
        // Nothing matches: an empty tree, and the label says so.
        filter->setText(QStringLiteral("zz<b>"));
        QVERIFY(visible().isEmpty());
        QCOMPARE(label->text(), QStringLiteral("<b>Topics</b> 0 of 3"));
        // A topic asked for by name (a trace, a case) is shown whatever the filter hid.
        w.selectTopic(QStringLiteral("payments"));
        QCOMPARE(filter->text(), QString());
        QCOMPARE(visible().size(), 3);
        QCOMPARE(tree->currentIndex().data(TopicTreeModel::TopicRole).toString(), QStringLiteral("payments"));
    }

    void timelineShowsTheIncidentAndClickingGoesThere()
    {
        MainWindow w;
        w.resize(1400, 900);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QSignalSpy timeline(&w, &MainWindow::timelineLoaded);
        w.openWorkspace(m_ws);
        QTRY_VERIFY_WITH_TIMEOUT(timeline.size() >= 1, 15000);
        const TimelineData& d = w.timeline()->data();
        QCOMPARE(d.series.size(), size_t(3)); // one per topic
        qint64 sum = 0;
        for (const TimelineSeries& ser : d.series)
            for (qint64 c : ser.counts)
                sum += c;
        QCOMPARE(sum, qint64(20000)); // every record in some bucket
        const auto [peakAt, peakCount] = w.timeline()->peak();
        QVERIFY2(peakAt + d.bucketMs > m_incident && peakAt < m_incident + 14 * 60'000,
                 qPrintable(QStringLiteral("peak at %1").arg(peakAt)));
        QVERIFY(peakCount > 0);
        QVERIFY(w.findChild<QLabel*>(QStringLiteral("timelineTitle"))
                    ->text()
                    .contains(QStringLiteral("busiest: Thu")));

        QCustomPlot* plot = w.timeline()->plot();
        const int x = w.timeline()->xForTime(peakAt + d.bucketMs / 2);
        const int y = plot->axisRect()->center().y();
        QTest::mouseClick(plot, Qt::LeftButton, {}, QPoint(x, y));
        auto* table = w.findChild<QTableView*>(QStringLiteral("recordTable"));
        QTRY_VERIFY_WITH_TIMEOUT(table->currentIndex().isValid(), 15000);
        QCOMPARE(w.recordModel()->topicAt(table->currentIndex().row()), QStringLiteral("payments"));
        QTRY_VERIFY_WITH_TIMEOUT(w.inspector()->record().topic == QLatin1String("payments"), 5000);
        const TimestampMs at = w.inspector()->record().timestamp;
        QVERIFY(at >= peakAt && at < m_incident + 20 * 60'000);
        QVERIFY2(w.inspector()->valueText().contains(QStringLiteral("PaymentFailed")),
                 qPrintable(w.inspector()->valueText()));
        QVERIFY(w.findChild<QLabel*>(QStringLiteral("recordsTitle"))
                    ->text()
                    .contains(QStringLiteral("merged by time")));
        // The merged view holds every payments record, in time order.
        QCOMPARE(w.recordModel()->rowCount(), static_cast<int>(countIn(m_ws, [](const Record& r) {
                     return r.topic == QLatin1String("payments");
                 })));
        for (int r = 1; r < w.recordModel()->rowCount(); r += 97)
            QVERIFY(w.recordModel()->refAt(r - 1)->timestamp <= w.recordModel()->refAt(r)->timestamp);

        // Per partition on demand: six series for payments.
        timeline.clear();
        w.findChild<QCheckBox*>(QStringLiteral("timelineByPartition"))->click();
        QTRY_VERIFY_WITH_TIMEOUT(timeline.size() >= 1, 15000);
        QCOMPARE(w.timeline()->data().series.size(), size_t(6));

        // Dragging across the incident filters to that time range.
        QSignalSpy searched(&w, &MainWindow::searchFinished);
        const int x0 = w.timeline()->xForTime(m_incident - 30 * 60'000);
        const int x1 = w.timeline()->xForTime(m_incident + 30 * 60'000);
        QTest::mousePress(plot, Qt::LeftButton, {}, QPoint(x0, y));
        QTest::mouseMove(plot, QPoint((x0 + x1) / 2, y));
        QTest::mouseMove(plot, QPoint(x1, y));
        QTest::mouseRelease(plot, Qt::LeftButton, {}, QPoint(x1, y));
        QTRY_VERIFY_WITH_TIMEOUT(searched.size() >= 1, 15000);
        // The range is a typed value shown as a chip; the filter's text stays the user's (empty).
        QVERIFY2(w.filterBar()->text().isEmpty(), qPrintable(w.filterBar()->text()));
        auto* chip = w.filterBar()->findChild<QToolButton*>(QStringLiteral("filterRange"));
        QVERIFY(chip && chip->isVisible());
        const auto range = w.filterBar()->timeRange();
        QVERIFY(range.has_value());
        const int n = w.recordModel()->rowCount();
        QVERIFY(n > 100);
        const TimestampMs lo = w.recordModel()->refAt(0)->timestamp;
        const TimestampMs hi = w.recordModel()->refAt(n - 1)->timestamp;
        // The range is the dragged one, to a pixel or two.
        const TimestampMs from = range->first, to = range->second;
        const double msPerPixel = plot->xAxis->range().size() * 1000.0 / plot->axisRect()->width();
        QVERIFY(std::abs(static_cast<double>(from - (m_incident - 30 * 60'000))) <= 2 * msPerPixel);
        QVERIFY(std::abs(static_cast<double>(to - (m_incident + 30 * 60'000))) <= 2 * msPerPixel);
        QVERIFY(lo >= from && hi < to);
        QCOMPARE(w.viewState().range, range);
        QVERIFY(w.viewState().filter.isEmpty());
        // The dragged range stays shaded, and the matches are drawn as bars of their own.
        QVERIFY(w.timeline()->selection().has_value());
        QCOMPARE(w.timeline()->selection()->first, from);
        QTRY_COMPARE_WITH_TIMEOUT(w.timeline()->matchesShown(), qint64(n), 5000);
        // A filter typed beside the range narrows it further; the range stays on.
        searched.clear();
        w.filterBar()->setText(QStringLiteral("value.type == \"PaymentFailed\""));
        QTest::keyClick(w.filterBar()->edit(), Qt::Key_Return);
        QTRY_VERIFY_WITH_TIMEOUT(searched.size() >= 1, 15000);
        const int failed = w.recordModel()->rowCount();
        QVERIFY(failed > 0 && failed < n);
        for (int r = 0; r < failed; ++r)
            QVERIFY(w.recordModel()->refAt(r)->timestamp >= from &&
                    w.recordModel()->refAt(r)->timestamp < to);
        QCOMPARE(w.filterBar()->timeRange(), range);
        // The chip's ✕ takes the range off: the same filter over every time.
        searched.clear();
        chip->click();
        QTRY_VERIFY_WITH_TIMEOUT(searched.size() >= 1, 15000);
        QVERIFY(!chip->isVisible());
        QVERIFY(!w.timeline()->selection().has_value());
        QVERIFY(w.recordModel()->rowCount() > failed);
        w.filterBar()->edit()->clear(); // clearing the filter (the clear button) clears the results
        QTRY_COMPARE_WITH_TIMEOUT(w.timeline()->matchesShown(), qint64(0), 5000);
        QVERIFY(!w.viewState().range && w.viewState().filter.isEmpty());
    }

    // Zoom buttons; a zoomed timeline stays zoomed when another topic is selected; a topic has
    // the same colour in the timeline, the topic tree and the record table.
    void timelineZoomsAndKeepsTopicColours()
    {
        MainWindow w;
        w.resize(1280, 720);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QSignalSpy timeline(&w, &MainWindow::timelineLoaded);
        w.openWorkspace(m_ws);
        QTRY_VERIFY_WITH_TIMEOUT(timeline.size() >= 1, 15000);
        QVERIFY(w.minimumSizeHint().width() <= 1280 && w.minimumSizeHint().height() <= 720);
        QCustomPlot* plot = w.timeline()->plot();
        const double full = plot->xAxis->range().size();
        timeline.clear();
        w.timeline()->findChild<QToolButton*>(QStringLiteral("timelineZoomIn"))->click();
        QTRY_VERIFY_WITH_TIMEOUT(timeline.size() >= 1, 15000); // finer buckets for the new range
        const double zoomed = plot->xAxis->range().size();
        QVERIFY2(zoomed < full * 0.6, qPrintable(QStringLiteral("%1 of %2").arg(zoomed).arg(full)));
        const TimestampMs finer = w.timeline()->data().bucketMs;
        timeline.clear();
        w.selectTopic(QStringLiteral("orders"));
        QTRY_VERIFY_WITH_TIMEOUT(timeline.size() >= 1, 15000);
        QCOMPARE(w.timeline()->data().topic, QStringLiteral("orders"));
        QVERIFY(std::abs(plot->xAxis->range().size() - zoomed) < zoomed * 0.05); // the zoom stayed
        QCOMPARE(w.timeline()->data().bucketMs, finer);
        timeline.clear();
        w.timeline()->findChild<QToolButton*>(QStringLiteral("timelineZoomReset"))->click();
        QTRY_VERIFY_WITH_TIMEOUT(timeline.size() >= 1, 15000);
        QVERIFY(plot->xAxis->range().size() > zoomed * 1.5);
        // orders: the same colour in the timeline's bars, the topic tree and the record table.
        auto* bars = qobject_cast<QCPBars*>(plot->plottable(0));
        QVERIFY(bars);
        const QColor inTimeline = bars->brush().color();
        const QColor inTree = w.topicModel()->index(1, 0).data(Qt::DecorationRole).value<QColor>();
        QTRY_VERIFY_WITH_TIMEOUT(w.recordModel()->rowCount() > 0, 15000);
        const QColor inTable =
            w.recordModel()->index(0, RecordTableModel::TopicCol).data(Qt::DecorationRole).value<QColor>();
        QCOMPARE(inTree, inTimeline);
        QCOMPARE(inTable, inTimeline);
        const QColor payments = w.topicModel()->index(2, 0).data(Qt::DecorationRole).value<QColor>();
        QVERIFY(payments != inTimeline);
    }

    void filterBarShowsErrorsInlineAndFindsExactlyTheMatches()
    {
        MainWindow w;
        w.show();
        QSignalSpy loaded(&w, &MainWindow::workspaceLoaded);
        w.openWorkspace(m_ws);
        QTRY_COMPARE_WITH_TIMEOUT(loaded.size(), 1, 15000);
        w.selectTopic(QStringLiteral("payments"));
        auto* edit = w.findChild<FilterEdit*>(QStringLiteral("filterEdit"));
        QVERIFY(edit);
        QTest::keyClick(&w, Qt::Key_F, Qt::ControlModifier);
        QTRY_VERIFY(edit->hasFocus());
        QTest::keyClicks(edit, QStringLiteral("value.type == \"PaymentFailed\" && value.attempt >"));
        QTRY_VERIFY_WITH_TIMEOUT(edit->errorColumn() > 0, 3000); // while typing, no Enter
        QVERIFY(w.filterBar()->statusText().contains(QStringLiteral("column")));
        QVERIFY(!w.filterBar()->isValid());
        QSignalSpy searched(&w, &MainWindow::searchFinished);
        QTest::keyClick(edit, Qt::Key_Return); // an invalid filter does not run
        QTest::qWait(100);
        QCOMPARE(searched.size(), 0);
        QTest::keyClicks(edit, QStringLiteral("= 3"));
        QTRY_COMPARE_WITH_TIMEOUT(edit->errorColumn(), 0, 3000);
        QTest::keyClick(edit, Qt::Key_Return);
        QTRY_COMPARE_WITH_TIMEOUT(searched.size(), 1, 15000);
        // The same count as an independent check over every record (QJsonDocument, not our parser).
        const qint64 want = countIn(m_ws, [](const Record& r) {
            if (r.topic != QLatin1String("payments") || !r.value) return false;
            const QJsonObject o = QJsonDocument::fromJson(*r.value).object();
            return o.value(QStringLiteral("type")).toString() == QLatin1String("PaymentFailed") &&
                   o.value(QStringLiteral("attempt")).toDouble() >= 3;
        });
        QVERIFY(want > 0);
        QCOMPARE(w.recordModel()->rowCount(), static_cast<int>(want));
        QVERIFY2(w.filterBar()->statusText().contains(QStringLiteral("complete")),
                 qPrintable(w.filterBar()->statusText()));
        QVERIFY(w.findChild<QLabel*>(QStringLiteral("recordsTitle"))
                    ->text()
                    .startsWith(QStringLiteral("Filter results")));
        for (int r = 1; r < w.recordModel()->rowCount(); ++r)
            QVERIFY(w.recordModel()->refAt(r - 1)->timestamp <= w.recordModel()->refAt(r)->timestamp);
        // Results open in the inspector like any row.
        auto* table = w.findChild<QTableView*>(QStringLiteral("recordTable"));
        table->setCurrentIndex(w.recordModel()->index(0, 0));
        QTRY_VERIFY_WITH_TIMEOUT(w.inspector()->valueText().contains(QStringLiteral("PaymentFailed")), 5000);
        // A filter with nothing to find says so.
        searched.clear();
        w.filterBar()->setText(QStringLiteral("key == \"no-such-order\""));
        QTest::keyClick(edit, Qt::Key_Return);
        QTRY_COMPARE_WITH_TIMEOUT(searched.size(), 1, 15000);
        QCOMPARE(w.recordModel()->rowCount(), 0);
        QVERIFY(w.filterBar()->statusText().startsWith(QStringLiteral("No match in the scanned range")));
        // Escape clears the filter and brings the topic back.
        QTest::keyClick(edit, Qt::Key_Escape);
        QTRY_COMPARE_WITH_TIMEOUT(
            w.recordModel()->rowCount(),
            static_cast<int>(
                countIn(m_ws, [](const Record& r) { return r.topic == QLatin1String("payments"); })),
            15000);
    }

    // Defects found by trying the window as users would; each of these failed before its fix.
    void defectsFoundByUsers()
    {
        MainWindow w;
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QSignalSpy loaded(&w, &MainWindow::workspaceLoaded);
        QSignalSpy searched(&w, &MainWindow::searchFinished);
        QSignalSpy traced(&w, &MainWindow::traceFinished);
        QSignalSpy group(&w, &MainWindow::groupLoaded);
        w.openWorkspace(m_ws);
        QTRY_COMPARE_WITH_TIMEOUT(loaded.size(), 1, 15000);

        // 11: Go to with nothing selected says why instead of doing nothing.
        auto* seek = w.findChild<QLineEdit*>(QStringLiteral("seekBar"));
        seek->setText(QStringLiteral("100"));
        QTest::keyClick(seek, Qt::Key_Return);
        QVERIFY(w.banner()->isVisible());
        QVERIFY2(w.banner()->text().contains(QStringLiteral("select a topic")),
                 qPrintable(w.banner()->text()));
        w.banner()->hide();

        // 1: a filter typo underlines the error without repainting in a loop, and Ctrl+A selects.
        FilterEdit* edit = w.filterBar()->edit();
        edit->setFocus();
        QTest::keyClicks(edit, QStringLiteral("value.type = 1"));
        QTRY_VERIFY_WITH_TIMEOUT(edit->errorColumn() > 0, 3000);
        struct PaintCounter : QObject {
            int paints = 0;
            bool eventFilter(QObject*, QEvent* e) override
            {
                if (e->type() == QEvent::Paint) ++paints;
                return false;
            }
        } counter;
        edit->installEventFilter(&counter);
        edit->repaint();
        QTest::qWait(600);
        edit->removeEventFilter(&counter);
        QVERIFY2(counter.paints < 15, qPrintable(QString::number(counter.paints))); // idle, not a loop
        QTest::keyClick(edit, Qt::Key_A, Qt::ControlModifier);
        edit->repaint();
        QCOMPARE(edit->selectedText(), edit->text());

        // 10: with no topic selected the search covers all topics, and the box says so.
        QVERIFY(!w.filterBar()->allTopics());
        w.filterBar()->setText(QStringLiteral("value.type == \"PaymentFailed\""));
        QTest::keyClick(edit, Qt::Key_Return);
        QTRY_COMPARE_WITH_TIMEOUT(searched.size(), 1, 15000);
        QVERIFY(w.filterBar()->allTopics());
        QVERIFY(w.recordModel()->rowCount() > 0);

        // 9: a filter that cannot be evaluated on any record says so, with the reason, unhovered.
        searched.clear();
        w.filterBar()->setText(QStringLiteral("value.attempt >= \"5\""));
        QTest::keyClick(edit, Qt::Key_Return);
        QTRY_COMPARE_WITH_TIMEOUT(searched.size(), 1, 15000);
        QVERIFY2(w.filterBar()->statusText().contains(QStringLiteral("could not be evaluated")),
                 qPrintable(w.filterBar()->statusText()));
        QVERIFY2(!w.filterBar()->statusText().startsWith(QStringLiteral("No match")),
                 qPrintable(w.filterBar()->statusText()));

        // 6: a group that never committed shows what it would have to read, never "lag 0".
        w.showGroup(QStringLiteral("antifraud"));
        QTRY_COMPARE_WITH_TIMEOUT(group.size(), 1, 15000);
        const QString title = w.findChild<QLabel*>(QStringLiteral("groupTitle"))->text();
        const qint64 payments =
            countIn(m_ws, [](const Record& r) { return r.topic == QLatin1String("payments"); });
        QVERIFY2(title.contains(QLocale().toString(payments)) &&
                     !title.contains(QStringLiteral("total lag 0")),
                 qPrintable(title));

        // 10 and 11: the trace inspector forgets the previous trace; right-click offers actions
        // that work on the record itself.
        w.tabs()->setCurrentIndex(MainWindow::TraceTab);
        w.traceView()->setQueryText(QStringLiteral("order_id=o-1"));
        emit w.traceView()->runRequested();
        QTRY_COMPARE_WITH_TIMEOUT(traced.size(), 1, 15000);
        auto* inspector = w.findChild<RecordInspector*>(QStringLiteral("traceInspector"));
        QTreeWidget* tree = w.traceView()->tree();
        tree->setCurrentItem(tree->topLevelItem(1));
        QVERIFY(!inspector->valueText().isEmpty());
        // 11: Copy says what it copied.
        auto* copyValue = [&]() -> QPushButton* {
            for (QPushButton* b : inspector->findChildren<QPushButton*>())
                if (b->text() == QStringLiteral("Copy value")) return b;
            return nullptr;
        }();
        QVERIFY(copyValue);
        copyValue->click();
        QVERIFY2(inspector->copyFeedback().startsWith(QStringLiteral("✓ Copied")),
                 qPrintable(inspector->copyFeedback()));
        { // the value as stored, with the workspace's masking policy applied (copies are masked)
            auto store = WorkspaceStore::open(m_ws, WorkspaceStore::Mode::ReadOnly);
            QVERIFY(store.ok());
            Masker masker(keptMaskPolicy(*store.value()).value());
            const auto masked = masker.value(w.traceView()->result().events[1].record.value);
            QVERIFY(masked.ok());
            QCOMPARE(QApplication::clipboard()->text().toUtf8(), masked.value().value());
        }
        w.traceView()->setQueryText(QStringLiteral("order_id=o-2"));
        emit w.traceView()->runRequested();
        QVERIFY(inspector->valueText().isEmpty()); // not the previous trace's record
        QTRY_COMPARE_WITH_TIMEOUT(traced.size(), 2, 15000);
        // Right-click ▸ Show in Records opens that record's partition at its offset.
        const Record target = w.traceView()->result().events.front().record;
        QTimer::singleShot(300, [] { // choose the action in the open menu, as Enter would
            for (QWidget* top : QApplication::topLevelWidgets())
                if (auto* menu = qobject_cast<QMenu*>(top); menu && menu->isVisible())
                    for (QAction* a : menu->actions())
                        if (a->text() == QStringLiteral("Show in Records")) {
                            menu->setActiveAction(a);
                            QTest::keyClick(menu, Qt::Key_Return);
                        }
        });
        const QRect first = tree->visualItemRect(tree->topLevelItem(0));
        QContextMenuEvent menuEvent(QContextMenuEvent::Mouse, first.center(),
                                    tree->viewport()->mapToGlobal(first.center()));
        QApplication::sendEvent(tree->viewport(), &menuEvent);
        QTRY_COMPARE_WITH_TIMEOUT(w.tabs()->currentIndex(), int(MainWindow::RecordsTab), 5000);
        QVERIFY2(!w.banner()->isVisible(), qPrintable(w.banner()->text()));
        QTRY_COMPARE_WITH_TIMEOUT(w.inspector()->record().topic, target.topic, 5000);
        QCOMPARE(w.inspector()->record().offset, target.offset);
        QCOMPARE(w.inspector()->record().topic, target.topic);
        QCOMPARE(w.inspector()->record().partition, target.partition);

        // 10: opening another workspace clears the filter bar's text and counts.
        loaded.clear();
        w.filterBar()->setText(QStringLiteral("value.type == \"OrderCreated\""));
        QTest::keyClick(edit, Qt::Key_Return);
        QTRY_VERIFY_WITH_TIMEOUT(w.filterBar()->statusText().contains(QStringLiteral("matches")), 15000);
        const QString other = m_dir.filePath(QStringLiteral("other.rewind"));
        QFile::remove(other);
        QVERIFY(QFile::copy(m_ws, other));
        w.openWorkspace(other);
        QTRY_COMPARE_WITH_TIMEOUT(loaded.size(), 1, 15000);
        QVERIFY2(w.filterBar()->statusText().isEmpty(), qPrintable(w.filterBar()->statusText()));
        QVERIFY(w.filterBar()->text().isEmpty());
    }

    // Several rows selected (Shift+click), Ctrl+C: their records as NDJSON, re-read from the
    // workspace, in row order, with the demo's masking policy applied (no e-mail in clear).
    void copyingRowsGivesTheirRecordsMasked()
    {
        MainWindow w;
        w.show();
        QSignalSpy loaded(&w, &MainWindow::workspaceLoaded);
        w.openWorkspace(m_ws);
        QTRY_COMPARE_WITH_TIMEOUT(loaded.size(), 1, 15000);
        w.selectTopic(QStringLiteral("orders"), 0);
        QTRY_VERIFY_WITH_TIMEOUT(w.recordModel()->rowCount() > 10, 15000);
        auto* table = w.findChild<QTableView*>(QStringLiteral("recordTable"));
        QTRY_VERIFY_WITH_TIMEOUT(
            !w.recordModel()->index(4, RecordTableModel::ValueCol).data().toString().isEmpty(), 10000);
        table->setFocus();
        QTest::mouseClick(table->viewport(), Qt::LeftButton, {},
                          table->visualRect(table->model()->index(2, 1)).center());
        QTest::mouseClick(table->viewport(), Qt::LeftButton, Qt::ShiftModifier,
                          table->visualRect(table->model()->index(4, 1)).center());
        QCOMPARE(table->selectionModel()->selectedRows().size(), 3);
        QApplication::clipboard()->clear();
        QTest::keyClick(table, Qt::Key_C, Qt::ControlModifier);
        QTRY_VERIFY_WITH_TIMEOUT(QApplication::clipboard()->text().count(QLatin1Char('\n')) == 3, 15000);
        const QStringList lines = QApplication::clipboard()->text().trimmed().split(QLatin1Char('\n'));
        for (int i = 0; i < 3; ++i) {
            const QJsonObject o = QJsonDocument::fromJson(lines[i].toUtf8()).object();
            QCOMPARE(o.value(QLatin1String("offset")).toInteger(), qint64(2 + i));
            QCOMPARE(o.value(QLatin1String("partition")).toInt(), 0);
            const QJsonObject customer =
                o.value(QLatin1String("value")).toObject().value(QLatin1String("customer")).toObject();
            if (!customer.isEmpty())
                QCOMPARE(customer.value(QLatin1String("email")).toString(), QStringLiteral("***"));
        }
        QVERIFY(!QApplication::clipboard()->text().contains(QLatin1String("@example.com")));
    }

    // Walkthrough defect 6.17: a pin from the table took its key from the Key cell's preview
    // ("o-1↵line 2", "(empty)") and only later from the bytes. It takes the record's own key.
    void pinsTakeTheKeyFromTheRecordsBytes()
    {
        const QString ws = m_dir.filePath(QStringLiteral("pinkeys.rewind"));
        QFile::remove(ws);
        const QList<QByteArray> keys = {QByteArray("o-1\nline 2"), QByteArray("")};
        {
            auto s = WorkspaceStore::create(ws);
            QVERIFY(s.ok());
            QVERIFY(s.value()->createTopic(QStringLiteral("keys"), 1).ok());
            std::vector<ProducerRecord> batch;
            for (int i = 0; i < keys.size(); ++i)
                batch.push_back(test::producerRecord(QStringLiteral("keys"), 0, 1795000000000 + i, keys[i],
                                                     QByteArray("{}")));
            QVERIFY(s.value()->append(batch).ok());
        }
        MainWindow w;
        QVERIFY(test::showAndOpen(w, ws));
        w.selectTopic(QStringLiteral("keys"), 0);
        w.tabs()->setCurrentIndex(MainWindow::RecordsTab);
        auto* table = w.findChild<QTableView*>(QStringLiteral("recordTable"));
        QVERIFY(table);
        for (int row = 0; row < keys.size(); ++row) {
            QTRY_VERIFY_WITH_TIMEOUT(
                w.recordModel()->index(row, 0).data(RecordTableModel::KeyNullRole).isValid(), 10000);
            QVERIFY(w.recordModel()->index(row, RecordTableModel::KeyCol).data().toString() !=
                    QString::fromUtf8(keys[row])); // the cell shows a preview, not the key
            table->setCurrentIndex(w.recordModel()->index(row, RecordTableModel::KeyCol));
            table->selectRow(row);
            const size_t before = w.cases()->current().pins.size();
            w.pinSelectedRecords();
            QCOMPARE(w.cases()->current().pins.size(), before + 1);
            QCOMPARE(w.cases()->current().pins.back().offset, Offset(row));
            QCOMPARE(w.cases()->current().pins.back().key, QString::fromUtf8(keys[row]));
        }
    }

    // Closing remembers the view; opening the same workspace again brings it back.
    void lastViewComesBack()
    {
        QString caseName;
        {
            MainWindow w;
            w.show();
            QSignalSpy loaded(&w, &MainWindow::workspaceLoaded);
            QSignalSpy group(&w, &MainWindow::groupLoaded);
            w.openWorkspace(m_ws);
            QTRY_COMPARE_WITH_TIMEOUT(loaded.size(), 1, 15000);
            w.selectTopic(QStringLiteral("payments"), 2);
            // Walkthrough defect 6.15: the filter, the zoom and the open case came back no more.
            ViewState v = w.viewState();
            v.filter = QStringLiteral("value.type == \"PaymentFailed\"");
            v.zoom = ViewState::Range{m_incident - 1'800'000, m_incident + 1'800'000};
            QSignalSpy searched(&w, &MainWindow::searchFinished);
            w.applyView(v);
            QTRY_VERIFY_WITH_TIMEOUT(!searched.isEmpty(), 15000);
            QTRY_VERIFY_WITH_TIMEOUT(w.recordModel()->rowCount() > 0, 15000);
            w.findChild<QTableView*>(QStringLiteral("recordTable"))
                ->setCurrentIndex(w.recordModel()->index(0, 1));
            w.pinSelectedRecords(QStringLiteral("kept over a restart"));
            QVERIFY(w.cases()->hasCase());
            caseName = w.cases()->current().name;
            w.showGroup(QStringLiteral("analytics"));
            QTRY_COMPARE_WITH_TIMEOUT(group.size(), 1, 15000);
            w.close();
        }
        MainWindow w;
        w.show();
        QSignalSpy loaded(&w, &MainWindow::workspaceLoaded);
        QSignalSpy group(&w, &MainWindow::groupLoaded);
        w.openWorkspace(m_ws);
        QTRY_COMPARE_WITH_TIMEOUT(loaded.size(), 1, 15000);
        QCOMPARE(w.viewState().topic, QStringLiteral("payments"));
        QCOMPARE(w.viewState().partition, 2);
        QTRY_COMPARE_WITH_TIMEOUT(group.size(), 1, 15000);
        QCOMPARE(group.at(0).at(0).toString(), QStringLiteral("analytics"));
        QCOMPARE(w.tabs()->currentIndex(), int(MainWindow::GroupTab));
        QCOMPARE(w.viewState().filter, QStringLiteral("value.type == \"PaymentFailed\""));
        QVERIFY(w.viewState().zoom.has_value());
        QCOMPARE(w.viewState().zoom->first, m_incident - 1'800'000);
        QTRY_VERIFY_WITH_TIMEOUT(w.cases()->hasCase(), 15000);
        QCOMPARE(w.cases()->current().name, caseName);
        QCOMPARE(w.tabs()->currentIndex(), int(MainWindow::GroupTab)); // the case opened in place
    }

    void newWorkspaceIsCreatedAndOpened()
    {
        MainWindow w;
        w.show();
        QSignalSpy loaded(&w, &MainWindow::workspaceLoaded);
        QSignalSpy failed(&w, &MainWindow::workspaceFailed);
        const QString p = m_dir.filePath(QStringLiteral("new.rewind"));
        w.createWorkspace(p);
        QTRY_COMPARE_WITH_TIMEOUT(loaded.size(), 1, 15000);
        QCOMPARE(w.topicModel()->rowCount(), 0);
        QVERIFY(WorkspaceStore::open(p, WorkspaceStore::Mode::ReadOnly).ok());
        w.createWorkspace(m_ws); // exists: refused, and the demo is untouched
        QTRY_COMPARE_WITH_TIMEOUT(failed.size(), 1, 15000);
        QVERIFY2(w.banner()->text().contains(QStringLiteral("exists")), qPrintable(w.banner()->text()));
        QCOMPARE(w.workspacePath(), p);
    }

    void badFileShowsBannerAndKeepsTheWindowUsable()
    {
        MainWindow w;
        w.show();
        QSignalSpy loaded(&w, &MainWindow::workspaceLoaded);
        QSignalSpy failed(&w, &MainWindow::workspaceFailed);
        w.openWorkspace(m_ws);
        QTRY_COMPARE_WITH_TIMEOUT(loaded.size(), 1, 15000);
        const QString bad = m_dir.filePath(QStringLiteral("<b>bold<i>.rewind"));
        QVERIFY(test::writeFile(bad, "definitely not <i>a</i> workspace"));
        w.openWorkspace(bad);
        QTRY_COMPARE_WITH_TIMEOUT(failed.size(), 1, 15000);
        QVERIFY(w.banner()->isVisible());
        QVERIFY2(w.banner()->text().contains(QStringLiteral("not a Rewind workspace")),
                 qPrintable(w.banner()->text()));
        QVERIFY(w.banner()->text().contains(QStringLiteral("<b>bold<i>"))); // shown as text, not markup
        auto* label = w.banner()->findChild<QLabel*>(QString(), Qt::FindDirectChildrenOnly);
        QVERIFY(label);
        // The last good workspace stays on screen.
        QCOMPARE(w.topicModel()->rowCount(), 3);
        QCOMPARE(w.workspacePath(), m_ws);
    }
};

QTEST_MAIN(TstMainWindow)
#include "tst_main_window.moc"
