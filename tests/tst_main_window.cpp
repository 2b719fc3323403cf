// The real MainWindow, driven offscreen with QTest.

#include "banner.h"
#include "demo_workspace.h"
#include "filter_bar.h"
#include "group_details.h"
#include "kafka_client.h"
#include "lag_chart.h"
#include "main_window.h"
#include "profile_store.h"
#include "record_inspector.h"
#include "record_source.h"
#include "record_table_model.h"
#include "replay_console.h"
#include "reset_dialog.h"
#include "test_util.h"
#include "timeline_view.h"
#include "topic_tree_model.h"
#include "trace_view.h"
#include "translations.h"

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
#include <QScrollBar>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QStatusBar>
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

namespace {
// How many records of a workspace satisfy `pred`, read independently of the views.
template <typename Pred> qint64 countIn(const QString& path, const Pred& pred)
{
    auto s = WorkspaceStore::open(path, WorkspaceStore::Mode::ReadOnly);
    if (!s) qFatal("open failed");
    qint64 n = 0;
    for (const TopicInfo& t : s.value()->topics().value())
        for (const PartitionInfo& p : t.partitions)
            for (const Record& r : s.value()->read(t.name, p.partition, p.low, -1).value())
                if (pred(r)) ++n;
    return n;
}
} // namespace

class TstMainWindow : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    QString m_ws;
    TimestampMs m_incident = 0;

    // A fresh writable copy of the demo workspace, for tests that write to it.
    QString writableCopy(const QString& name)
    {
        const QString copy = m_dir.filePath(name);
        QFile::remove(copy);
        if (!QFile::copy(m_ws, copy)) qFatal("cannot copy the demo to %s", qPrintable(copy));
        QFile::setPermissions(copy, QFile::ReadOwner | QFile::WriteOwner);
        return copy;
    }

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QApplication::setOrganizationName(QStringLiteral("RewindTests"));
        QVERIFY(installTranslations(QStringLiteral("en"))); // as the app does: English plural forms
        m_ws = m_dir.filePath(QStringLiteral("demo.rewind"));
        DemoOptions o;
        o.events = 20000;
        auto rep = createDemoWorkspace(m_ws, o);
        QVERIFY(rep.ok());
        m_incident = rep->incidentStart;
    }

    // Every kind of source loads on one runner: a workspace opened while a cluster is still being
    // connected wins, and the cluster's late answer (here: no broker) neither replaces it nor
    // raises an error about a source nobody wants any more.
    void theNewestSourceWinsWhateverItsKind()
    {
        auto* w = new MainWindow;
        w->show();
        QVERIFY(QTest::qWaitForWindowExposed(w));
        QSignalSpy loaded(w, &MainWindow::workspaceLoaded);
        QSignalSpy failed(w, &MainWindow::workspaceFailed);
        KafkaProfile nowhere;
        nowhere.name = QStringLiteral("nowhere");
        nowhere.bootstrap = QStringLiteral("127.0.0.1:1"); // nothing listens: it would try for 10 s
        w->connectKafka(nowhere);
        w->openWorkspace(m_ws);
        // It opens at once: the connection it supersedes (which would try for 10 s) is not waited for.
        QTRY_COMPARE_WITH_TIMEOUT(loaded.size(), 1, 5000);
        QCOMPARE(loaded.at(0).at(0).toString(), m_ws);
        QTest::qWait(1000); // room for a late answer to arrive, were it not dropped
        QCOMPARE(loaded.size(), 1);
        QVERIFY2(failed.isEmpty(), failed.isEmpty() ? "" : qPrintable(failed.at(0).at(1).toString()));
        QVERIFY(!w->isKafka());
        QCOMPARE(w->workspacePath(), m_ws);
        QVERIFY(!w->banner()->isVisible());
        // The superseded connection gave up when the workspace was asked for: closing the window
        // does not wait out the cluster's timeout.
        QElapsedTimer closing;
        closing.start();
        delete w;
        QVERIFY2(closing.elapsed() < 3000, qPrintable(QString::number(closing.elapsed())));
    }

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
        QVERIFY(w.filterBar()->text().startsWith(QStringLiteral("timestamp >= \"2026-11-19T0")));
        const int n = w.recordModel()->rowCount();
        QVERIFY(n > 100);
        const TimestampMs lo = w.recordModel()->refAt(0)->timestamp;
        const TimestampMs hi = w.recordModel()->refAt(n - 1)->timestamp;
        // The range is the dragged one, to a pixel or two.
        const QRegularExpressionMatch m =
            QRegularExpression(QStringLiteral("^timestamp >= \"([^\"]+)\" && timestamp < \"([^\"]+)\"$"))
                .match(w.filterBar()->text());
        QVERIFY2(m.hasMatch(), qPrintable(w.filterBar()->text()));
        const TimestampMs from = QDateTime::fromString(m.captured(1), Qt::ISODateWithMs).toMSecsSinceEpoch();
        const TimestampMs to = QDateTime::fromString(m.captured(2), Qt::ISODateWithMs).toMSecsSinceEpoch();
        const double msPerPixel = plot->xAxis->range().size() * 1000.0 / plot->axisRect()->width();
        QVERIFY(std::abs(static_cast<double>(from - (m_incident - 30 * 60'000))) <= 2 * msPerPixel);
        QVERIFY(std::abs(static_cast<double>(to - (m_incident + 30 * 60'000))) <= 2 * msPerPixel);
        QVERIFY(lo >= from && hi < to);
        // The dragged range stays shaded, and the matches are drawn as bars of their own.
        QVERIFY(w.timeline()->selection().has_value());
        QCOMPARE(w.timeline()->selection()->first, from);
        QTRY_COMPARE_WITH_TIMEOUT(w.timeline()->matchesShown(), qint64(n), 5000);
        w.filterBar()->edit()->clear(); // clearing the filter (the clear button) clears both
        QTRY_VERIFY_WITH_TIMEOUT(!w.timeline()->selection().has_value(), 5000);
        QCOMPARE(w.timeline()->matchesShown(), qint64(0));
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

    void groupsViewShowsLagAndItsHistory()
    {
        MainWindow w;
        w.show();
        QSignalSpy loaded(&w, &MainWindow::workspaceLoaded);
        QSignalSpy group(&w, &MainWindow::groupLoaded);
        w.openWorkspace(m_ws);
        QTRY_COMPARE_WITH_TIMEOUT(loaded.size(), 1, 15000);
        auto* groups = w.findChild<QTreeWidget*>(QStringLiteral("groupsList"));
        QTreeWidgetItem* notifications = groups->topLevelItem(3);
        QCOMPARE(notifications->text(0), QStringLiteral("notifications"));
        groups->scrollToItem(notifications);
        QTest::mouseClick(groups->viewport(), Qt::LeftButton, {},
                          groups->visualItemRect(notifications).center());
        QTRY_COMPARE_WITH_TIMEOUT(group.size(), 1, 15000);
        QCOMPARE(w.tabs()->currentIndex(), int(MainWindow::GroupTab));
        QCOMPARE(w.groupModel()->rowCount(), 12); // orders and payments, six partitions each
        auto store = WorkspaceStore::open(m_ws, WorkspaceStore::Mode::ReadOnly);
        QVERIFY(store.ok());
        qint64 lag = 0;
        for (const PartitionLag& l : store.value()->lag(QStringLiteral("notifications")).value())
            lag += l.lag.value_or(0);
        QCOMPARE(w.groupModel()->details().totalLag, lag);
        QVERIFY(w.findChild<QLabel*>(QStringLiteral("groupTitle"))->text().contains(QLocale().toString(lag)));
        // The chart: the week's history, flat before the incident and rising after it.
        QVERIFY(w.lagChart()->pointCount() > 500);
        const auto& h = w.lagChart()->history();
        auto lagAt = [&](TimestampMs t) {
            qint64 v = 0;
            for (const LagSample& x : h)
                if (x.at <= t) v = x.lag;
            return v;
        };
        QVERIFY(lagAt(m_incident - 60'000) < 50);
        QVERIFY(lagAt(m_incident + 24 * 3600'000) > 1000);
        QCOMPARE(h.back().lag, lag);
        QVERIFY2(w.lagChart()->summary().contains(QStringLiteral("falling behind")),
                 qPrintable(w.lagChart()->summary()));
        // Lag as time: notifications stopped at the incident, so its oldest unread record is
        // from 03:17 on Thursday and days behind; the table says it per partition.
        QVERIFY2(w.lagChart()->summary().contains(QStringLiteral("oldest unread record: 2026-11-19 03:1")),
                 qPrintable(w.lagChart()->summary()));
        QVERIFY(w.groupModel()->details().maxBehindMs > 24 * 3600'000);
        QVERIFY(w.groupModel()
                    ->index(0, GroupLagModel::BehindCol)
                    .data()
                    .toString()
                    .contains(QStringLiteral(" d ")));
        // Values on hover.
        QCustomPlot* lagPlot = w.lagChart()->plot();
        const int hx = static_cast<int>(
            lagPlot->xAxis->coordToPixel(static_cast<double>(m_incident + 24 * 3600'000) / 1000.0));
        QTest::mouseMove(lagPlot, QPoint(hx, lagPlot->axisRect()->center().y()));
        QTRY_VERIFY_WITH_TIMEOUT(w.lagChart()->hoverText().contains(QStringLiteral("lag ")), 3000);
        const auto hoverAt = static_cast<TimestampMs>(lagPlot->xAxis->pixelToCoord(hx) * 1000.0);
        QVERIFY2(w.lagChart()->hoverText().contains(QLocale().toString(lagAt(hoverAt))),
                 qPrintable(w.lagChart()->hoverText()));
        // The y-axis follows the zoom: before the incident the lag is small, and so is the axis.
        const double fullTop = lagPlot->yAxis->range().upper;
        lagPlot->xAxis->setRange(static_cast<double>(m_incident - 2 * 24 * 3600'000) / 1000.0,
                                 static_cast<double>(m_incident - 3600'000) / 1000.0);
        QVERIFY2(lagPlot->yAxis->range().upper < fullTop / 10,
                 qPrintable(QStringLiteral("%1 vs %2").arg(lagPlot->yAxis->range().upper).arg(fullTop)));
        // billing keeps up.
        group.clear();
        w.showGroup(QStringLiteral("billing"));
        QTRY_COMPARE_WITH_TIMEOUT(group.size(), 1, 15000);
        QCOMPARE(w.groupModel()->details().totalLag, qint64(0));
        QVERIFY(w.lagChart()->summary().contains(QStringLiteral("caught up")));
        QAbstractItemModelTester tester(w.groupModel(),
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        group.clear();
        w.showGroup(QStringLiteral("antifraud"));
        QTRY_COMPARE_WITH_TIMEOUT(group.size(), 1, 15000);
        QCOMPARE(w.groupModel()->index(0, GroupLagModel::CommittedCol).data().toString(),
                 QStringLiteral("no commit"));
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
        QCOMPARE(QApplication::clipboard()->text().toUtf8(), *w.traceView()->result().events[1].record.value);
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

    // 8, 10, 11 in the replay console: a mask that matches nothing is refused until confirmed;
    // the plan pane never describes another job; "already written" points at Resume.
    void replayConsoleRefusesUnmatchedMasksUntilConfirmed()
    {
        const QString copy = writableCopy(QStringLiteral("replay-mask.rewind"));
        MainWindow w;
        w.show();
        QSignalSpy loaded(&w, &MainWindow::workspaceLoaded);
        w.openWorkspace(copy);
        QTRY_COMPARE_WITH_TIMEOUT(loaded.size(), 1, 15000);
        w.selectTopic(QStringLiteral("payments"));
        QTest::keyClick(&w, Qt::Key_R, Qt::ControlModifier);
        ReplayConsole* console = w.replayConsole();
        const QString target = m_dir.filePath(QStringLiteral("mask-sandbox.rewind"));
        QFile::remove(target);
        console->findChild<QLineEdit*>(QStringLiteral("replayTargetWhere"))->setText(target);
        console->findChild<QLineEdit*>(QStringLiteral("replayMask"))->setText(QStringLiteral("card_last5"));
        QSignalSpy planned(console, &ReplayConsole::planReady);
        console->planJob();
        QTRY_COMPARE_WITH_TIMEOUT(planned.size(), 1, 15000);
        QVERIFY2(console->planText().contains(QStringLiteral("card_last5 is in no record")),
                 qPrintable(console->planText()));
        QVERIFY(console->statusText().contains(QStringLiteral("refuses until you confirm")));
        QSignalSpy done(console, &ReplayConsole::runFinished);
        QSignalSpy failed(console, &ReplayConsole::runFailed);
        console->runJob(false);
        QTRY_COMPARE_WITH_TIMEOUT(failed.size(), 1, 15000);
        QVERIFY2(console->statusText().contains(QStringLiteral("Click Run again")),
                 qPrintable(console->statusText()));
        QVERIFY(!QFile::exists(target));
        console->runJob(false); // the confirmation
        QTRY_COMPARE_WITH_TIMEOUT(done.size(), 1, 30000);
        // Another job (another mask) run without planning: the old plan is not left standing.
        console->findChild<QLineEdit*>(QStringLiteral("replayMask"))->setText(QStringLiteral("card_last4"));
        console->findChild<QLineEdit*>(QStringLiteral("replayTargetTopic"))
            ->setText(QStringLiteral("second"));
        console->runJob(false);
        QTRY_COMPARE_WITH_TIMEOUT(done.size(), 2, 30000);
        QVERIFY2(!console->planText().contains(QStringLiteral("card_last5")),
                 qPrintable(console->planText()));
        // Running it again: the console's own words, Resume.
        failed.clear();
        console->runJob(false);
        QTRY_COMPARE_WITH_TIMEOUT(failed.size(), 1, 15000);
        QVERIFY2(console->statusText().contains(QStringLiteral("Click Resume")),
                 qPrintable(console->statusText()));
        QVERIFY(!console->statusText().contains(QStringLiteral("replay resume")));
    }

    // "Trace this key" reads the record's key bytes, never the cell's text: a 1 KB key with a
    // newline (the cell shows 300 cleaned-up characters), the literal key "(empty)" (the cell's
    // word for an empty key), and the empty key each trace exactly their own records.
    void traceThisKeyUsesTheRecordsBytes()
    {
        const QString ws = m_dir.filePath(QStringLiteral("keys.rewind"));
        QFile::remove(ws);
        QByteArray longKey(1024, 'k');
        longKey[500] = '\n';
        const QList<QByteArray> keys = {longKey, QByteArray("(empty)"), QByteArray("")};
        {
            auto s = WorkspaceStore::create(ws);
            QVERIFY(s.ok());
            QVERIFY(s.value()->createTopic(QStringLiteral("keys"), 1).ok());
            QVERIFY(s.value()->createTopic(QStringLiteral("more"), 1).ok());
            std::vector<ProducerRecord> batch;
            qint64 t = 1795000000000;
            for (int round = 0; round < 3; ++round)
                for (const QByteArray& k : keys)
                    for (const char* topic : {"keys", "more"}) {
                        ProducerRecord r;
                        r.topic = QString::fromLatin1(topic);
                        r.key = k;
                        r.value = QByteArray("{\"n\":") + QByteArray::number(round) + "}";
                        r.timestamp = t++;
                        batch.push_back(r);
                    }
            // Near misses: the long key cut where the cell cuts it, and with a space for the newline.
            for (const QByteArray& k : {longKey.left(300), QByteArray(longKey).replace('\n', ' ')}) {
                ProducerRecord r;
                r.topic = QStringLiteral("more");
                r.key = k;
                r.value = QByteArray("{}");
                r.timestamp = t++;
                batch.push_back(r);
            }
            QVERIFY(s.value()->append(batch).ok());
        }
        MainWindow w;
        w.show();
        QSignalSpy loaded(&w, &MainWindow::workspaceLoaded);
        QSignalSpy traced(&w, &MainWindow::traceFinished);
        w.openWorkspace(ws);
        QTRY_COMPARE_WITH_TIMEOUT(loaded.size(), 1, 15000);
        auto* table = w.findChild<QTableView*>(QStringLiteral("recordTable"));
        for (int row = 0; row < 3; ++row) {
            w.selectTopic(QStringLiteral("keys"), 0);
            w.tabs()->setCurrentIndex(MainWindow::RecordsTab);
            QTRY_VERIFY_WITH_TIMEOUT(
                w.recordModel()->index(row, 0).data(RecordTableModel::KeyNullRole).isValid(), 10000);
            QTimer::singleShot(300, [] {
                for (QWidget* top : QApplication::topLevelWidgets())
                    if (auto* menu = qobject_cast<QMenu*>(top); menu && menu->isVisible()) {
                        for (QAction* a : menu->actions())
                            if (a->text() == QStringLiteral("Trace this key across topics")) {
                                QVERIFY(a->isEnabled());
                                menu->setActiveAction(a);
                                QTest::keyClick(menu, Qt::Key_Return);
                            }
                    }
            });
            const QRect cell = table->visualRect(w.recordModel()->index(row, RecordTableModel::KeyCol));
            QContextMenuEvent e(QContextMenuEvent::Mouse, cell.center(),
                                table->viewport()->mapToGlobal(cell.center()));
            const qsizetype before = traced.size();
            QApplication::sendEvent(table->viewport(), &e);
            QTRY_COMPARE_WITH_TIMEOUT(traced.size(), before + 1, 15000);
            const TraceResult& r = w.traceView()->result();
            QCOMPARE(r.events.size(), size_t(6)); // three rounds in each of the two topics, nothing else
            for (const TraceEvent& ev : r.events)
                QCOMPARE(*ev.record.key, keys[row]);
        }
    }

    // The window in Russian: menus, tabs, counts with Russian plurals and number format, dates
    // in the Russian order; the language menu keeps the choice for the next start.
    void windowSpeaksRussian()
    {
        QVERIFY(installTranslations(QStringLiteral("ru")));
        {
            MainWindow w;
            w.resize(1280, 720);
            w.show();
            QSignalSpy loaded(&w, &MainWindow::workspaceLoaded);
            w.openWorkspace(m_ws);
            QTRY_COMPARE_WITH_TIMEOUT(loaded.size(), 1, 15000);
            QCOMPARE(w.tabs()->tabText(MainWindow::RecordsTab), QStringLiteral("&Записи"));
            // Longer Russian words must not push the window past a 1280×720 screen.
            QVERIFY2(w.minimumSizeHint().width() <= 1280 && w.minimumSizeHint().height() <= 720,
                     qPrintable(QStringLiteral("%1×%2")
                                    .arg(w.minimumSizeHint().width())
                                    .arg(w.minimumSizeHint().height())));
            QCOMPARE(w.tabs()->tabText(MainWindow::GroupTab), QStringLiteral("&Группа потребителей"));
            QStringList menus;
            for (QAction* a : w.menuBar()->actions())
                menus << a->text();
            QCOMPARE(menus.first(), QStringLiteral("&Файл"));
            const QString status = w.statusBar()->findChild<QLabel*>()->text();
            QVERIFY2(status.contains(QStringLiteral("3 топика · 20\u00a0000 записей")), qPrintable(status));
            w.selectTopic(QStringLiteral("payments"), 2);
            QTRY_VERIFY_WITH_TIMEOUT(
                w.recordModel()
                    ->index(0, RecordTableModel::TimestampCol)
                    .data()
                    .toString()
                    .contains(QRegularExpression(QStringLiteral("^\\d\\d\\.11\\.2026 "))),
                15000); // 16.11.2026 …
            auto* language = w.findChild<QMenu*>(QStringLiteral("languageMenu"));
            QVERIFY(language);
            for (QAction* a : language->actions())
                if (a->text() == QStringLiteral("English")) a->trigger();
            QCOMPARE(configuredLanguage(), QStringLiteral("en"));
            QVERIFY(w.banner()->text().contains(QStringLiteral("при следующем запуске")));
            const QByteArray shotDir = qgetenv("REWIND_SCREENSHOT_DIR");
            if (!shotDir.isEmpty())
                QVERIFY(w.grab().save(QString::fromLocal8Bit(shotDir) + QStringLiteral("/russian.png")));
        }
        setConfiguredLanguage(QString());
        QVERIFY(installTranslations(QStringLiteral("en")));
    }

    // The reset dialog shows the plan first; applying it moves the group; a read-only file
    // previews but never applies.
    void offsetResetShowsThePlanThenApplies()
    {
        const QString copy = writableCopy(QStringLiteral("reset.rewind"));
        MainWindow w;
        w.show();
        QSignalSpy loaded(&w, &MainWindow::workspaceLoaded);
        QSignalSpy group(&w, &MainWindow::groupLoaded);
        w.openWorkspace(copy);
        QTRY_COMPARE_WITH_TIMEOUT(loaded.size(), 1, 15000);
        w.showGroup(QStringLiteral("notifications"));
        QTRY_COMPARE_WITH_TIMEOUT(group.size(), 1, 15000);
        const qint64 lagBefore = w.groupModel()->details().totalLag;
        ResetDialog* d = w.resetOffsets();
        QVERIFY(d);
        QSignalSpy ready(d, &ResetDialog::planReady);
        const TimestampMs target = m_incident + 3600'000;
        d->setSpec(ResetKind::ToTime, QString::number(target), QStringLiteral("payments"));
        d->preview();
        QTRY_COMPARE_WITH_TIMEOUT(ready.size(), 1, 15000);
        QCOMPARE(d->plan().size(), size_t(6));
        auto store = WorkspaceStore::open(copy, WorkspaceStore::Mode::ReadOnly);
        for (const ResetPlanRow& r : d->plan()) {
            QVERIFY(r.current.has_value());
            QCOMPARE(r.target,
                     store.value()->offsetForTime(QStringLiteral("payments"), r.partition, target)->value());
        }
        store.value().reset();
        QVERIFY(d->statusText().contains(QStringLiteral("Nothing has changed yet")));
        // Nothing moved by previewing.
        {
            auto s = WorkspaceStore::open(copy, WorkspaceStore::Mode::ReadOnly);
            qint64 lag = 0;
            for (const PartitionLag& l : s.value()->lag(QStringLiteral("notifications")).value())
                lag += l.lag.value_or(0);
            QCOMPARE(lag, lagBefore);
        }
        group.clear();
        d->confirmWithoutAsking = true;
        d->apply();
        QTRY_VERIFY_WITH_TIMEOUT(group.size() >= 1, 15000);
        QTRY_VERIFY_WITH_TIMEOUT(w.groupModel()->details().totalLag < lagBefore, 15000);
        {
            auto s = WorkspaceStore::open(copy, WorkspaceStore::Mode::ReadOnly);
            for (const GroupOffset& o : s.value()->committedOffsets(QStringLiteral("notifications")).value())
                if (o.topic == QLatin1String("payments"))
                    QCOMPARE(
                        o.offset,
                        s.value()->offsetForTime(QStringLiteral("payments"), o.partition, target)->value());
        }
        // A read-only source (a read-only file or profile): the plan shows, Apply does nothing.
        ResetDialog ro(openRecordSource(SourceSpec::file(copy)).value(), QStringLiteral("billing"),
                       {{QStringLiteral("orders"), 6}}, true);
        QSignalSpy roReady(&ro, &ResetDialog::planReady);
        QSignalSpy roApplied(&ro, &ResetDialog::applied);
        ro.setSpec(ResetKind::Earliest, QString(), QStringLiteral("orders"), 2);
        ro.preview();
        QTRY_COMPARE_WITH_TIMEOUT(roReady.size(), 1, 15000);
        QCOMPARE(ro.plan().size(), size_t(1));
        QCOMPARE(ro.plan().front().target, Offset(0));
        QVERIFY(ro.statusText().contains(QStringLiteral("read-only")));
        ro.confirmWithoutAsking = true;
        ro.apply();
        QTest::qWait(300);
        QCOMPARE(roApplied.size(), 0);
        auto s = WorkspaceStore::open(copy, WorkspaceStore::Mode::ReadOnly);
        for (const GroupOffset& o : s.value()->committedOffsets(QStringLiteral("billing")).value())
            if (o.topic == QLatin1String("orders") && o.partition == 2) QVERIFY(o.offset > 0);
    }

    // Closing remembers the view; opening the same workspace again brings it back.
    void lastViewComesBack()
    {
        {
            MainWindow w;
            w.show();
            QSignalSpy loaded(&w, &MainWindow::workspaceLoaded);
            QSignalSpy group(&w, &MainWindow::groupLoaded);
            w.openWorkspace(m_ws);
            QTRY_COMPARE_WITH_TIMEOUT(loaded.size(), 1, 15000);
            w.selectTopic(QStringLiteral("payments"), 2);
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
        QCOMPARE(w.recordModel()->topic(), QStringLiteral("payments"));
        QCOMPARE(w.recordModel()->partition(), PartitionId(2));
        QTRY_COMPARE_WITH_TIMEOUT(group.size(), 1, 15000);
        QCOMPARE(group.at(0).at(0).toString(), QStringLiteral("analytics"));
        QCOMPARE(w.tabs()->currentIndex(), int(MainWindow::GroupTab));
    }

    void traceViewShowsAnOrdersLifecycle()
    {
        MainWindow w;
        w.show();
        QSignalSpy loaded(&w, &MainWindow::workspaceLoaded);
        QSignalSpy traced(&w, &MainWindow::traceFinished);
        w.openWorkspace(m_ws);
        QTRY_COMPARE_WITH_TIMEOUT(loaded.size(), 1, 15000);
        QTest::keyClick(&w, Qt::Key_T, Qt::ControlModifier);
        QCOMPARE(w.tabs()->currentIndex(), int(MainWindow::TraceTab));
        auto* input = w.findChild<QLineEdit*>(QStringLiteral("traceInput"));
        QTRY_VERIFY(input->hasFocus());
        QTest::keyClicks(input, QStringLiteral("order_id=o-1"));
        QTest::keyClick(input, Qt::Key_Return);
        QTRY_COMPARE_WITH_TIMEOUT(traced.size(), 1, 15000);
        const TraceResult& r = w.traceView()->result();
        QVERIFY(r.events.size() >= 2);
        QCOMPARE(r.events.front().type, QStringLiteral("OrderCreated"));
        QStringList topics;
        for (size_t i = 0; i < r.events.size(); ++i) {
            if (!topics.contains(r.events[i].record.topic)) topics << r.events[i].record.topic;
            if (i) QVERIFY(r.events[i - 1].record.timestamp <= r.events[i].record.timestamp);
            QVERIFY(r.events[i].record.value->contains("\"order_id\":\"o-1\""));
        }
        QVERIFY(topics.contains(QStringLiteral("orders")) && topics.contains(QStringLiteral("payments")));
        QCOMPARE(w.traceView()->tree()->topLevelItemCount(), static_cast<int>(r.events.size()));
        QVERIFY(w.traceView()->statusText().contains(QStringLiteral("events across")));
        // Choosing an event shows the whole record.
        w.traceView()->tree()->setCurrentItem(w.traceView()->tree()->topLevelItem(1));
        auto* inspector = w.findChild<RecordInspector*>(QStringLiteral("traceInspector"));
        QCOMPARE(inspector->record().offset, r.events[1].record.offset);
        QCOMPARE(inspector->record().topic, r.events[1].record.topic);
        // A field name that is not a path is refused in words.
        input->setText(QStringLiteral("order id; drop=x"));
        QTest::keyClick(input, Qt::Key_Return);
        QTRY_VERIFY(w.traceView()->statusText().contains(QStringLiteral("not a plain field name")));
    }

    // Following a partition that another process appends to: new rows arrive, the view stays at
    // the bottom, and the model stays consistent.
    void followShowsAppendedRecords()
    {
        const QString p = m_dir.filePath(QStringLiteral("tail.rewind"));
        {
            auto s = WorkspaceStore::create(p);
            QVERIFY(s.ok());
            QVERIFY(s.value()->createTopic(QStringLiteral("live"), 1).ok());
            QVERIFY(s.value()
                        ->append({test::producerRecord(QStringLiteral("live"), 0, 1000, QByteArray("k"),
                                                       QByteArray("v0"))})
                        .ok());
        }
        MainWindow w;
        w.show();
        QSignalSpy loaded(&w, &MainWindow::workspaceLoaded);
        w.openWorkspace(p);
        QTRY_COMPARE_WITH_TIMEOUT(loaded.size(), 1, 15000);
        w.selectTopic(QStringLiteral("live"), 0);
        QTRY_COMPARE(w.recordModel()->rowCount(), 1);
        QAbstractItemModelTester tester(w.recordModel(),
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        QTest::keyClick(&w, Qt::Key_L, Qt::ControlModifier);
        QVERIFY(w.findChild<QCheckBox*>(QStringLiteral("followToggle"))->isChecked());
        auto writer = WorkspaceStore::open(p, WorkspaceStore::Mode::ReadWrite);
        QVERIFY(writer.ok());
        for (int batch = 0; batch < 3; ++batch) {
            std::vector<ProducerRecord> recs;
            for (int i = 0; i < 500; ++i)
                recs.push_back(
                    test::producerRecord(QStringLiteral("live"), 0, 2000 + batch * 500 + i, QByteArray("k"),
                                         QByteArray("v") + QByteArray::number(batch * 500 + i + 1)));
            QVERIFY(writer.value()->append(recs).ok());
            QTRY_COMPARE_WITH_TIMEOUT(w.recordModel()->rowCount(), 1 + (batch + 1) * 500, 5000);
        }
        auto* table = w.findChild<QTableView*>(QStringLiteral("recordTable"));
        QTRY_COMPARE_WITH_TIMEOUT(w.recordModel()->index(1500, RecordTableModel::ValueCol).data().toString(),
                                  QStringLiteral("v1500"), 5000);
        QVERIFY(table->verticalScrollBar()->value() == table->verticalScrollBar()->maximum());
        QTest::keyClick(&w, Qt::Key_L, Qt::ControlModifier);
        QVERIFY(!w.findChild<QCheckBox*>(QStringLiteral("followToggle"))->isChecked());
    }

    // A Kafka cluster (the real test broker) through a saved profile: topics with leader/ISR, a
    // partition browsed page by page, a record inspected, new records followed, a filter run on
    // the cluster, and a group's lag.
    void kafkaClusterBrowsesLikeAWorkspace()
    {
        const QString bootstrap = qEnvironmentVariable("REWIND_KAFKA_BOOTSTRAP");
        if (bootstrap.isEmpty())
            QSKIP("REWIND_KAFKA_BOOTSTRAP is not set (scripts/test starts the test broker)");
        KafkaProfile profile;
        profile.name = QStringLiteral("test cluster");
        profile.bootstrap = bootstrap;
        profile.readOnly = false;
        auto client = KafkaClient::connect(profile);
        QVERIFY2(client.ok(), qPrintable(client.ok() ? QString() : client.error().message));
        const QString topic = QStringLiteral("sandbox.gui-%1").arg(QDateTime::currentMSecsSinceEpoch());
        QVERIFY(client.value()->createTopic(topic, 2).ok());
        auto produce = [&](int from, int to) {
            std::vector<ProducerRecord> recs;
            for (int i = from; i < to; ++i) {
                ProducerRecord r = test::producerRecord(
                    topic, i % 2, 1'794'787'200'000 + i, QByteArray("k-") + QByteArray::number(i),
                    QByteArray("{\"n\":") + QByteArray::number(i) + "}", {{"h", QByteArray("v")}});
                recs.push_back(std::move(r));
            }
            auto rep = client.value()->produce(recs);
            QVERIFY2(rep.ok(), qPrintable(rep.ok() ? QString() : rep.error().message));
        };
        produce(0, 300);
        const QString group = QStringLiteral("gui-group-%1").arg(QDateTime::currentMSecsSinceEpoch());
        QVERIFY(client.value()
                    ->applyReset(group, {{topic, 0, std::nullopt, 100}, {topic, 1, std::nullopt, 50}})
                    .ok());

        MainWindow w;
        w.show();
        QVERIFY(w.profiles()->save(profile).ok());
        QVERIFY(w.profiles()->names().contains(profile.name));
        QVERIFY(!QSettings().allKeys().join(QLatin1Char(' ')).contains(QStringLiteral("password")));
        QSignalSpy loaded(&w, &MainWindow::workspaceLoaded);
        w.openKafka(profile.name);
        QTRY_COMPARE_WITH_TIMEOUT(loaded.size(), 1, 30000);
        QVERIFY(w.isKafka());
        int topicRow = -1;
        for (int r = 0; r < w.topicModel()->rowCount(); ++r)
            if (w.topicModel()->index(r, 0).data(TopicTreeModel::TopicRole).toString() == topic) topicRow = r;
        QVERIFY(topicRow >= 0);
        const QModelIndex t = w.topicModel()->index(topicRow, 0);
        QCOMPARE(w.topicModel()->rowCount(t), 2);
        QVERIFY(w.topicModel()
                    ->index(0, TopicTreeModel::Replicas, t)
                    .data()
                    .toString()
                    .startsWith(QStringLiteral("leader ")));
        QCOMPARE(w.topicModel()->index(0, TopicTreeModel::High, t).data().toString(), QStringLiteral("150"));

        w.banner()->hide();
        w.selectTopic(topic, 0);
        QCOMPARE(w.recordModel()->rowCount(), 150);
        QVERIFY(!w.banner()->isVisible()); // partition 0 is whole
        QTRY_COMPARE_WITH_TIMEOUT(w.recordModel()->index(0, RecordTableModel::KeyCol).data().toString(),
                                  QStringLiteral("k-0"), 20000);
        QCOMPARE(w.recordModel()->index(3, RecordTableModel::ValueCol).data().toString(),
                 QStringLiteral("{\"n\":6}"));
        QCOMPARE(w.recordModel()->index(3, RecordTableModel::HeadersCol).data().toString(),
                 QStringLiteral("h=v"));
        auto* table = w.findChild<QTableView*>(QStringLiteral("recordTable"));
        table->setCurrentIndex(w.recordModel()->index(3, 0));
        QTRY_COMPARE_WITH_TIMEOUT(w.inspector()->record().offset, Offset(3), 20000);
        QCOMPARE(w.inspector()->record().topic, topic);
        QCOMPARE(*w.inspector()->record().key, QByteArray("k-6"));

        // Follow: records produced now appear.
        QAbstractItemModelTester tester(w.recordModel(),
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        w.setFollow(true);
        produce(300, 340);
        QTRY_COMPARE_WITH_TIMEOUT(w.recordModel()->rowCount(), 170, 20000);
        w.setFollow(false);

        // A filter runs on the cluster (partition 0 of the topic).
        QSignalSpy searched(&w, &MainWindow::searchFinished);
        w.filterBar()->setText(QStringLiteral("value.n == 8 || value.n == 9"));
        QTest::keyClick(w.filterBar()->edit(), Qt::Key_Return);
        QTRY_COMPARE_WITH_TIMEOUT(searched.size(), 1, 30000);
        QCOMPARE(w.recordModel()->rowCount(), 1); // 9 is in partition 1
        QTRY_COMPARE_WITH_TIMEOUT(w.recordModel()->index(0, RecordTableModel::KeyCol).data().toString(),
                                  QStringLiteral("k-8"), 20000);
        QTest::keyClick(w.filterBar()->edit(), Qt::Key_Escape);

        // The group's lag: committed 100 and 50 of 170 and 170.
        QSignalSpy groupLoaded(&w, &MainWindow::groupLoaded);
        w.showGroup(group);
        QTRY_COMPARE_WITH_TIMEOUT(groupLoaded.size(), 1, 30000);
        QCOMPARE(w.groupModel()->rowCount(), 2);
        QCOMPARE(w.groupModel()->details().totalLag, qint64(70 + 120));
        QCOMPARE(w.groupModel()->details().state, QStringLiteral("Empty"));
        (void)client.value()->deleteTopic(topic);
    }

    // The replay console from the explorer: the view's topic and filter prefill the job; the plan
    // comes first; the run writes exactly the planned records, feeds the consumer, and lands in
    // the journal.
    void replayConsoleReplaysTheCurrentView()
    {
        const QString copy = writableCopy(QStringLiteral("replay-src.rewind"));
        MainWindow w;
        w.show();
        QSignalSpy loaded(&w, &MainWindow::workspaceLoaded);
        w.openWorkspace(copy);
        QTRY_COMPARE_WITH_TIMEOUT(loaded.size(), 1, 15000);
        w.selectTopic(QStringLiteral("payments"));
        QSignalSpy searched(&w, &MainWindow::searchFinished);
        w.filterBar()->setText(QStringLiteral("value.attempt >= 3"));
        QTest::keyClick(w.filterBar()->edit(), Qt::Key_Return);
        QTRY_COMPARE_WITH_TIMEOUT(searched.size(), 1, 15000);
        const int matches = w.recordModel()->rowCount();
        QVERIFY(matches > 10);
        QTest::keyClick(&w, Qt::Key_R, Qt::ControlModifier);
        QCOMPARE(w.tabs()->currentIndex(), int(MainWindow::ReplayTab));
        ReplayConsole* console = w.replayConsole();
        auto* where = console->findChild<QLineEdit*>(QStringLiteral("replayTargetWhere"));
        const QString target = m_dir.filePath(QStringLiteral("console-sandbox.rewind"));
        QFile::remove(target);
        where->setText(target);
        auto job = console->job();
        QVERIFY2(job.ok(), qPrintable(job.ok() ? QString() : job.error().message));
        QCOMPARE(job->source.topic, QStringLiteral("payments"));
        QCOMPARE(job->filter, QStringLiteral("value.attempt >= 3"));
        QCOMPARE(job->target.topic, QStringLiteral("payments-replay"));
        QSignalSpy planned(console, &ReplayConsole::planReady);
        console->planJob();
        QTRY_COMPARE_WITH_TIMEOUT(planned.size(), 1, 15000);
        QVERIFY2(console->planText().contains(
                     QStringLiteral("%1 records to write").arg(QLocale().toString(matches))),
                 qPrintable(console->planText()));
        QVERIFY(!QFile::exists(target)); // planning writes nothing
        QSignalSpy done(console, &ReplayConsole::runFinished);
        QSignalSpy failed(console, &ReplayConsole::runFailed);
        console->runJob(false);
        QTRY_VERIFY_WITH_TIMEOUT(done.size() + failed.size() == 1, 30000);
        QVERIFY2(done.size() == 1, qPrintable(console->statusText()));
        QCOMPARE(done.at(0).at(0).value<ReplayReport>().written, qint64(matches));
        QVERIFY(console->statusText().contains(QStringLiteral("records written")));
        QTRY_VERIFY_WITH_TIMEOUT(console->pastRuns() >= 1, 5000);
        auto t = WorkspaceStore::open(target, WorkspaceStore::Mode::ReadOnly);
        QVERIFY(t.ok());
        QCOMPARE(t.value()->topic(QStringLiteral("payments-replay"))->count(), qint64(matches));
        // Running the same job again is refused (resume would continue it instead).
        failed.clear();
        console->runJob(false);
        QTRY_COMPARE_WITH_TIMEOUT(failed.size(), 1, 15000);
        QVERIFY(console->statusText().contains(QStringLiteral("already holds")));

        // A time range picked on the timeline comes along as the job's time range, the rest of
        // the filter as its filter (Ctrl+R dropped the range before).
        w.tabs()->setCurrentIndex(MainWindow::RecordsTab);
        searched.clear();
        w.setTimeRangeFilter(m_incident - 600'000, m_incident + 1'800'000);
        QTRY_COMPARE_WITH_TIMEOUT(searched.size(), 1, 15000);
        QTest::keyClick(&w, Qt::Key_R, Qt::ControlModifier);
        auto ranged = console->job();
        QVERIFY(ranged.ok());
        QCOMPARE(ranged->fromTime, std::optional<TimestampMs>(m_incident - 600'000));
        QCOMPARE(ranged->toTime, std::optional<TimestampMs>(m_incident + 1'800'000));
        QCOMPARE(ranged->filter, QStringLiteral("value.attempt >= 3"));
        QCOMPARE(ranged->source.topic, QStringLiteral("payments"));
    }

    // The replay console on a cluster with SASL: the job refers to the app's connection (its
    // password stays in this process, not in the job), so the replay reads and writes through it;
    // the same connection marked read-only refuses the write.
    void replayConsoleUsesTheClustersConnection()
    {
        const QString sasl = qEnvironmentVariable("REWIND_KAFKA_SASL_BOOTSTRAP");
        if (sasl.isEmpty())
            QSKIP("REWIND_KAFKA_SASL_BOOTSTRAP is not set (scripts/test starts the test broker)");
        KafkaProfile profile;
        profile.name = QStringLiteral("sasl cluster");
        profile.bootstrap = sasl;
        profile.securityProtocol = QStringLiteral("sasl_plaintext");
        profile.saslMechanism = QStringLiteral("PLAIN");
        profile.saslUser = QStringLiteral("rewind-test");
        profile.saslPassword = QStringLiteral("rewind-test-secret");
        auto client = KafkaClient::connect(profile);
        QVERIFY2(client.ok(), qPrintable(client.ok() ? QString() : client.error().message));
        const QString topic = QStringLiteral("sandbox.guisasl-%1").arg(QDateTime::currentMSecsSinceEpoch());
        QVERIFY(client.value()->createTopic(topic, 2).ok());
        std::vector<ProducerRecord> recs;
        for (int i = 0; i < 80; ++i)
            recs.push_back(test::producerRecord(topic, i % 2, 1'794'787'200'000 + i,
                                                QByteArray("k-") + QByteArray::number(i), QByteArray("v")));
        QVERIFY(client.value()->produce(recs).ok());

        MainWindow w;
        w.show();
        QSignalSpy loaded(&w, &MainWindow::workspaceLoaded);
        w.connectKafka(profile);
        QTRY_COMPARE_WITH_TIMEOUT(loaded.size(), 1, 30000);
        w.selectTopic(topic, -1);
        w.replayCurrentView();
        ReplayConsole* console = w.replayConsole();
        auto job = console->job();
        QVERIFY2(job.ok(), qPrintable(job.ok() ? QString() : job.error().message));
        QCOMPARE(job->source.profile, KafkaProfile::sessionRef(profile.name));
        QCOMPARE(job->target.profile, KafkaProfile::sessionRef(profile.name));
        QVERIFY(!QString::fromUtf8(job->toJson()).contains(QStringLiteral("rewind-test-secret")));
        QSignalSpy done(console, &ReplayConsole::runFinished);
        QSignalSpy failed(console, &ReplayConsole::runFailed);
        console->runJob(false);
        QTRY_VERIFY_WITH_TIMEOUT(done.size() + failed.size() == 1, 60000);
        QVERIFY2(done.size() == 1, qPrintable(console->statusText()));
        QCOMPARE(done.at(0).at(0).value<ReplayReport>().written, qint64(80));
        auto held = [&] {
            auto t = client.value()->topic(job->target.topic, true);
            qint64 n = 0;
            if (t)
                for (const KafkaPartitionInfo& p : t->partitions)
                    n += p.high - p.low;
            return n;
        };
        QTRY_VERIFY_WITH_TIMEOUT(held() >= 80, 15000); // 80 records and the transaction markers

        // Read-only: the same cluster, another sandbox topic: refused before anything is written.
        KafkaProfile readOnly = profile;
        readOnly.name = QStringLiteral("sasl cluster (read-only)");
        readOnly.readOnly = true;
        loaded.clear();
        w.connectKafka(readOnly);
        QTRY_COMPARE_WITH_TIMEOUT(loaded.size(), 1, 30000);
        w.selectTopic(topic, -1);
        w.replayCurrentView();
        auto* targetTopic = console->findChild<QLineEdit*>(QStringLiteral("replayTargetTopic"));
        QVERIFY(targetTopic);
        targetTopic->setText(topic + QStringLiteral("-ro"));
        failed.clear();
        done.clear();
        console->runJob(false);
        QTRY_VERIFY_WITH_TIMEOUT(done.size() + failed.size() == 1, 60000);
        QCOMPARE(failed.size(), 1);
        QVERIFY2(console->statusText().contains(QStringLiteral("read-only")),
                 qPrintable(console->statusText()));
        QVERIFY(!client.value()->topic(topic + QStringLiteral("-ro"), false).ok());
        (void)client.value()->deleteTopic(topic);
        (void)client.value()->deleteTopic(job->target.topic);
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

    // A copy of the broker's data directory opens like a workspace, read-only: topics, records,
    // groups with the lag at the time of the copy, and a banner naming the planted damage.
    void kafkaDataDirectoryOpensReadOnly()
    {
        const QString bootstrap = qEnvironmentVariable("REWIND_KAFKA_BOOTSTRAP");
        const QString data = qEnvironmentVariable("REWIND_KAFKA_DATA");
        if (bootstrap.isEmpty() || data.isEmpty())
            QSKIP("needs the test broker (REWIND_KAFKA_BOOTSTRAP, REWIND_KAFKA_DATA from scripts/test)");
        KafkaProfile profile;
        profile.bootstrap = bootstrap;
        auto client = KafkaClient::connect(profile);
        QVERIFY(client.ok());
        const QString topic = QStringLiteral("sandbox.guidir-%1").arg(QDateTime::currentMSecsSinceEpoch());
        QVERIFY(client.value()->createTopic(topic, 2).ok());
        for (int batch = 0; batch < 3; ++batch) {
            std::vector<ProducerRecord> recs;
            for (int i = 0; i < 100; ++i)
                recs.push_back(test::producerRecord(topic, i % 2, 1'794'787'200'000 + batch * 100 + i,
                                                    QByteArray("k-") + QByteArray::number(batch * 100 + i),
                                                    QByteArray("v") + QByteArray::number(batch * 100 + i)));
            QVERIFY(client.value()->produce(recs).ok());
        }
        const QString group = QStringLiteral("guidir-group-%1").arg(QDateTime::currentMSecsSinceEpoch());
        QVERIFY(client.value()->applyReset(group, {{topic, 0, std::nullopt, 120}}).ok());
        const QString copy = m_dir.filePath(QStringLiteral("logdirs"));
        for (const QString& sub : QDir(data).entryList(QDir::Dirs | QDir::NoDotAndDotDot)) {
            if (!sub.startsWith(topic) && !sub.startsWith(QLatin1String("__consumer_offsets-"))) continue;
            QVERIFY(QDir().mkpath(copy + QLatin1Char('/') + sub));
            for (const QString& f : QDir(data + QLatin1Char('/') + sub).entryList(QDir::Files))
                QVERIFY(QFile::copy(data + QLatin1Char('/') + sub + QLatin1Char('/') + f,
                                    copy + QLatin1Char('/') + sub + QLatin1Char('/') + f));
        }
        // Planted damage: one byte inside the second batch of partition 1.
        const QString log1 = copy + QLatin1Char('/') + topic + QStringLiteral("-1/00000000000000000000.log");
        QByteArray bytes = test::readFile(log1);
        const qint64 firstSize = 12 + qFromBigEndian<qint32>(bytes.constData() + 8);
        bytes[static_cast<qsizetype>(firstSize + 70)] ^= 0x01;
        QFile::remove(log1);
        QVERIFY(test::writeFile(log1, bytes));

        MainWindow w;
        w.show();
        QVERIFY(w.findChild<QAction*>(QStringLiteral("openDataDirAction")));
        QSignalSpy loaded(&w, &MainWindow::workspaceLoaded);
        w.openWorkspace(copy);
        QTRY_COMPARE_WITH_TIMEOUT(loaded.size(), 1, 30000);
        QVERIFY(w.windowTitle().contains(QStringLiteral("Kafka data")));
        QVERIFY(w.banner()->isVisible());
        QVERIFY2(w.banner()->text().contains(QStringLiteral("1 problem")) &&
                     w.banner()->text().contains(QStringLiteral("CRC mismatch")),
                 qPrintable(w.banner()->text()));
        QCOMPARE(w.topicModel()->rowCount(), 1); // __consumer_offsets is hidden
        auto* internal = w.findChild<QAction*>(QStringLiteral("showInternalTopicsAction"));
        QVERIFY(internal);
        loaded.clear();
        internal->setChecked(true); // View ▸ Show internal topics reloads the copy with them
        QTRY_COMPARE_WITH_TIMEOUT(loaded.size(), 1, 30000);
        QCOMPARE(w.topicModel()->rowCount(), 2);
        QCOMPARE(w.topicModel()->index(0, 0).data(TopicTreeModel::TopicRole).toString(),
                 QStringLiteral("__consumer_offsets"));
        loaded.clear();
        internal->setChecked(false);
        QTRY_COMPARE_WITH_TIMEOUT(loaded.size(), 1, 30000);
        QCOMPARE(w.topicModel()->rowCount(), 1);
        w.banner()->hide();
        w.selectTopic(topic, 0);
        QCOMPARE(w.recordModel()->rowCount(), 150);
        QVERIFY(!w.banner()->isVisible()); // partition 0 is whole
        QTRY_COMPARE_WITH_TIMEOUT(w.recordModel()->index(1, RecordTableModel::KeyCol).data().toString(),
                                  QStringLiteral("k-2"), 20000);
        w.selectTopic(topic, 1); // the damaged batch's 50 offsets show as missing, the rest reads
        // Where the damaged records would appear, the banner says so again.
        QVERIFY(w.banner()->isVisible());
        QVERIFY2(w.banner()->text().contains(QStringLiteral("Records are missing here")),
                 qPrintable(w.banner()->text()));
        QTRY_COMPARE_WITH_TIMEOUT(w.recordModel()->index(100, RecordTableModel::KeyCol).data().toString(),
                                  QStringLiteral("k-201"), 20000);
        QSignalSpy groupLoaded(&w, &MainWindow::groupLoaded);
        w.showGroup(group);
        QTRY_COMPARE_WITH_TIMEOUT(groupLoaded.size(), 1, 30000);
        QCOMPARE(w.groupModel()->details().totalLag, qint64(150 - 120));
        (void)client.value()->deleteTopic(topic);
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
