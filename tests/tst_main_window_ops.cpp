// The real MainWindow, driven offscreen with QTest.

#include "banner.h"
#include "cli_run.h"
#include "demo_workspace.h"
#include "dialog_title.h"
#include "envelope.h"
#include "filter_bar.h"
#include "fit_check.h"
#include "group_details.h"
#include "group_page.h"
#include "kafka_client.h"
#include "lag_chart.h"
#include "main_window.h"
#include "main_window_fixture.h"
#include "profile_store.h"
#include "record_inspector.h"
#include "record_source.h"
#include "record_table_model.h"
#include "replay_console.h"
#include "replay_runner.h"
#include "reset_dialog.h"
#include "schema_files_dialog.h"
#include "schema_history_dialog.h"
#include "schema_registry.h"
#include "schemas_topic.h"
#include "serializers.h"
#include "source_registry.h"
#include "sources_panel.h"
#include "test_util.h"
#include "timeline_view.h"
#include "topic_tree_model.h"
#include "trace_view.h"
#include "translations.h"
#include "watermark_poller.h"
#include "workspace_store.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QContextMenuEvent>
#include <QDateTime>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMenu>
#include <QMenuBar>
#include <QProcess>
#include <QPushButton>
#include <QRegularExpression>
#include <QScopeGuard>
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
using rw::test::countIn;

// The real MainWindow doing its operations: sources loading, groups and lag, offset resets,
// following a live source, and the replay console (tst_main_window_kafka: the same on Kafka).
class TstMainWindowOps : public QObject, protected rw::test::DemoWindowFixture {
    Q_OBJECT

    // The window on a fresh copy of the demo, the replay console opened (Ctrl+R) on payments, its
    // target a new workspace at `target`; null when the copy did not open.
    ReplayConsole* paymentsReplayConsole(MainWindow& w, const QString& copyName, const QString& target)
    {
        if (!test::showAndOpen(w, writableCopy(copyName))) return nullptr;
        w.selectTopic(QStringLiteral("payments"));
        QTest::keyClick(&w, Qt::Key_R, Qt::ControlModifier);
        ReplayConsole* console = w.replayConsole();
        QFile::remove(target);
        console->findChild<QLineEdit*>(QStringLiteral("replayTargetWhere"))->setText(target);
        return console;
    }

private slots:
    void initTestCase() { QVERIFY(makeDemo()); }

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

    // The reset dialog shows the plan first; applying it moves the group; a read-only file
    // previews but never applies.
    // Samples missing for a while (sampling failed while a coordinator moved, the window was
    // closed): the line breaks there, and hovering the hole says no sample was taken, rather than
    // drawing the last value across it as if it had been measured.
    void lagChartBreaksWhereSamplesAreMissing()
    {
        LagChart chart;
        chart.resize(900, 300);
        chart.show();
        QVERIFY(QTest::qWaitForWindowExposed(&chart));
        const TimestampMs t0 = 1795058220000;
        std::vector<LagSample> history;
        for (int i = 0; i < 20; ++i)
            history.push_back({t0 + i * 30'000, 100});
        const TimestampMs resumed = t0 + 19 * 30'000 + 10 * 60'000; // ten minutes without a sample
        for (int i = 0; i < 10; ++i)
            history.push_back({resumed + i * 30'000, 120});
        chart.setHistory(QStringLiteral("g"), history);
        QCustomPlot* plot = chart.plot();
        int breaks = 0;
        for (auto it = plot->graph(0)->data()->constBegin(); it != plot->graph(0)->data()->constEnd(); ++it)
            if (qIsNaN(it->value)) ++breaks;
        QCOMPARE(breaks, 1);
        auto hoverAt = [&](TimestampMs t) {
            const int px = static_cast<int>(plot->xAxis->coordToPixel(static_cast<double>(t) / 1000.0));
            QTest::mouseMove(plot, QPoint(px, plot->axisRect()->center().y()));
            QTest::qWait(50);
            return chart.hoverText();
        };
        QVERIFY2(hoverAt(resumed - 5 * 60'000).startsWith(QLatin1String("no sample from")),
                 qPrintable(chart.hoverText()));
        QVERIFY2(hoverAt(t0 + 5 * 30'000 + 10'000).contains(QLatin1String("lag 100")),
                 qPrintable(chart.hoverText()));
        QVERIFY2(hoverAt(resumed + 3 * 30'000 + 10'000).contains(QLatin1String("lag 120")),
                 qPrintable(chart.hoverText()));
        // Regular samples: no break.
        history.resize(20);
        chart.setHistory(QStringLiteral("g"), history);
        for (auto it = plot->graph(0)->data()->constBegin(); it != plot->graph(0)->data()->constEnd(); ++it)
            QVERIFY(!qIsNaN(it->value));
    }

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

    // Walkthrough defect 6.14: a dialog's title was elided by its title bar. Every dialog is at
    // least as wide as its title, in Russian too, with a long group name.
    void dialogTitlesAreWhole()
    {
        QVERIFY(installTranslations(QStringLiteral("ru")));
        auto english = qScopeGuard([] { installTranslations(QStringLiteral("en")); });
        auto source = openRecordSource(SourceSpec::file(m_ws));
        RW_VERIFY_OK(source);
        ResetDialog reset(source.value(), QStringLiteral("notifications-service-consumers-eu-west-1"),
                          {{QStringLiteral("orders"), 6}}, true);
        SchemaFilesDialog files;
        for (QWidget* d : std::initializer_list<QWidget*>{&reset, &files}) {
            d->show();
            QVERIFY(QTest::qWaitForWindowExposed(d));
            QVERIFY2(d->width() >= titleWidthNeeded(d),
                     qPrintable(QStringLiteral("%1: %2 px for \"%3\" (%4 needed)")
                                    .arg(d->objectName())
                                    .arg(d->width())
                                    .arg(d->windowTitle())
                                    .arg(titleWidthNeeded(d))));
            QVERIFY(titleWidthNeeded(d) > QFontMetrics(d->font()).horizontalAdvance(d->windowTitle()));
        }
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

    // Walkthrough defect 6.15: the replay console kept the last source's plan, range, filter and
    // target topic when another source opened. They go; the job's own settings stay.
    void replayConsoleForgetsTheLastSourcesJob()
    {
        MainWindow w;
        const QString target = m_dir.filePath(QStringLiteral("forget-sandbox.rewind"));
        ReplayConsole* console = paymentsReplayConsole(w, QStringLiteral("forget-a.rewind"), target);
        QVERIFY(console);
        auto* filter = console->findChild<QLineEdit*>(QStringLiteral("replayFilter"));
        QVERIFY(filter);
        filter->setText(QStringLiteral("value.type == \"PaymentFailed\""));
        console->findChild<QComboBox*>(QStringLiteral("replayPacing"))->setCurrentIndex(1);
        const int pacing = console->findChild<QComboBox*>(QStringLiteral("replayPacing"))->currentIndex();
        QSignalSpy planned(console, &ReplayConsole::planReady);
        console->planJob();
        QTRY_COMPARE_WITH_TIMEOUT(planned.size(), 1, 15000);
        QVERIFY(!console->planText().isEmpty());
        QCOMPARE(console->findChild<QLineEdit*>(QStringLiteral("replayTargetTopic"))->text(),
                 QStringLiteral("payments-replay"));

        // Another source, with other topics.
        const QString other = m_dir.filePath(QStringLiteral("forget-b.rewind"));
        const test::Run imported = test::cli({QStringLiteral("import"), QStringLiteral("-t"),
                                              QStringLiteral("clicks"), other, QStringLiteral("-")},
                                             "{\"value\":{\"n\":1}}\n");
        QVERIFY2(imported.exit == 0, imported.err.constData());
        QSignalSpy loaded(&w, &MainWindow::workspaceLoaded);
        w.openWorkspace(other);
        QTRY_COMPARE_WITH_TIMEOUT(loaded.size(), 1, 15000);
        QVERIFY2(console->planText().isEmpty(), qPrintable(console->planText()));
        QVERIFY(filter->text().isEmpty());
        QCOMPARE(console->findChild<QComboBox*>(QStringLiteral("replayTopic"))->currentText(),
                 QStringLiteral("clicks"));
        QCOMPARE(console->findChild<QLineEdit*>(QStringLiteral("replayTargetTopic"))->text(),
                 QStringLiteral("clicks-replay"));
        QCOMPARE(console->findChild<QComboBox*>(QStringLiteral("replayPacing"))->currentIndex(), pacing);
    }

    // 8, 10, 11 in the replay console: a mask that matches nothing is refused until confirmed;
    // the plan pane never describes another job; "already written" points at Resume.
    void replayConsoleRefusesUnmatchedMasksUntilConfirmed()
    {
        MainWindow w;
        const QString target = m_dir.filePath(QStringLiteral("mask-sandbox.rewind"));
        ReplayConsole* console = paymentsReplayConsole(w, QStringLiteral("replay-mask.rewind"), target);
        QVERIFY(console);
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

    // Walkthrough defect 6.1: a group that could not be read left the previous group's table
    // and chart on screen under its name. The page empties and says why.
    void aFailedGroupLoadLeavesNothingOfThePreviousGroup()
    {
        MainWindow w;
        QSignalSpy group(&w, &MainWindow::groupLoaded);
        QVERIFY(test::showAndOpen(w, m_ws));
        w.showGroup(QStringLiteral("analytics"));
        QTRY_COMPARE_WITH_TIMEOUT(group.size(), 1, 15000);
        QVERIFY(w.groupModel()->rowCount() > 0);
        QVERIFY(w.lagChart()->summaryText().startsWith(QStringLiteral("analytics")));
        w.showGroup(QStringLiteral("no-such-group"));
        QTRY_VERIFY_WITH_TIMEOUT(w.groupPage()->titleText().startsWith(QStringLiteral("✖")), 15000);
        QCOMPARE(group.size(), 1);
        QCOMPARE(w.groupModel()->rowCount(), 0);
        QVERIFY2(!w.lagChart()->summaryText().contains(QStringLiteral("analytics")),
                 qPrintable(w.lagChart()->summaryText()));
        QVERIFY2(w.lagChart()->summaryText().contains(QStringLiteral("Could not read")),
                 qPrintable(w.lagChart()->summaryText()));
        QVERIFY2(w.groupPage()->titleText().contains(QStringLiteral("no-such-group")),
                 qPrintable(w.groupPage()->titleText()));
        // 6.14: an empty chart shows no dates (it said "Thu 1 Jan 00:00").
        QVERIFY(!w.lagChart()->plot()->xAxis->tickLabels());
        w.showGroup(QStringLiteral("analytics"));
        QTRY_COMPARE_WITH_TIMEOUT(group.size(), 2, 15000);
        QVERIFY(w.lagChart()->plot()->xAxis->tickLabels());
    }

    // Walkthrough defect 6.10: a profile pointing at a dead port said "…or create the demo with
    // rewind-cli demo" and left the dead profile selected while the workspace stayed shown. It
    // says what failed to connect, that the workspace is still shown, and selects it again.
    void aDeadProfileSaysSoAndTheShownSourceStaysSelected()
    {
        MainWindow w;
        QVERIFY(test::showAndOpen(w, m_ws));
        const QString shown = QFileInfo(m_ws).absoluteFilePath();
        QCOMPARE(w.sources()->current(), shown);
        KafkaProfile dead;
        dead.name = QStringLiteral("dead-port");
        dead.bootstrap = QStringLiteral("127.0.0.1:1");
        QSignalSpy failed(&w, &MainWindow::workspaceFailed);
        w.connectKafka(dead);
        QTRY_COMPARE_WITH_TIMEOUT(failed.size(), 1, 30000);
        const QString said = w.banner()->text();
        QVERIFY2(said.contains(QStringLiteral("Could not connect to dead-port (127.0.0.1:1)")),
                 qPrintable(said));
        QVERIFY2(!said.contains(QStringLiteral("rewind-cli demo")), qPrintable(said));
        QVERIFY2(said.contains(QStringLiteral("demo.rewind is still shown")), qPrintable(said));
        QCOMPARE(w.sources()->current(), shown);
        QCOMPARE(w.sources()->selectedKey(), shown);
        if (const QByteArray shots = qgetenv("REWIND_SCREENSHOT_DIR"); !shots.isEmpty()) {
            w.resize(1280, 720);
            QTest::qWait(200);
            QVERIFY(w.grab().save(QString::fromLocal8Bit(shots) + QStringLiteral("/dead-profile.png")));
        }
        QVERIFY2(w.windowTitle().contains(QStringLiteral("demo.rewind")), qPrintable(w.windowTitle()));
    }

    // Walkthrough defect 6.9: closing the window during a replay asked nothing and dropped it.
    // It asks; "no" keeps the window and the replay going; "yes" stops the replay at its next
    // batch, and what was written can be resumed.
    void closingDuringAReplayAsks()
    {
        MainWindow w;
        ReplayConsole* console = paymentsReplayConsole(
            w, QStringLiteral("replay-close.rewind"), m_dir.filePath(QStringLiteral("close-sandbox.rewind")));
        QVERIFY(console);
        auto* pacing = console->findChild<QComboBox*>(QStringLiteral("replayPacing"));
        QVERIFY(pacing);
        pacing->setCurrentIndex(pacing->findData(static_cast<int>(ReplayPacing::Rate)));
        console->findChild<QLineEdit*>(QStringLiteral("replayPacingValue"))->setText(QStringLiteral("20"));
        QSignalSpy done(console, &ReplayConsole::runFinished);
        QSignalSpy failed(console, &ReplayConsole::runFailed);
        console->runJob(false);
        QTRY_VERIFY_WITH_TIMEOUT(console->runner()->running(), 15000);
        w.closeDuringReplayAnswer = false;
        QVERIFY(!w.close());
        QVERIFY(w.isVisible());
        QVERIFY(console->runner()->running());
        w.closeDuringReplayAnswer = true;
        QVERIFY(w.close());
        QTRY_VERIFY_WITH_TIMEOUT(!console->runner()->running(), 15000);
        QVERIFY(done.size() + failed.size() == 1);
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
        QCOMPARE(job->sourceTopic, QStringLiteral("payments"));
        QCOMPARE(job->filter, QStringLiteral("value.attempt >= 3"));
        QCOMPARE(job->targetTopic, QStringLiteral("payments-replay"));
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
        QCOMPARE(ranged->sourceTopic, QStringLiteral("payments"));
    }
};

QTEST_MAIN(TstMainWindowOps)
#include "tst_main_window_ops.moc"
