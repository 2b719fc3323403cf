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

// The real MainWindow on every kind of source and doing its operations: groups and lag, offset
// resets, replays, following a live source, a Kafka cluster and a broker data directory.
class TstMainWindowOps : public QObject, protected rw::test::DemoWindowFixture {
    Q_OBJECT

    // The window on a fresh copy of the demo, the replay console opened (Ctrl+R) on payments, its
    // target a new workspace at `target`; null when the copy did not open.
    static QString testBroker() { return qEnvironmentVariable("REWIND_KAFKA_BOOTSTRAP"); }
    // A writable profile of the test broker (scripts/test starts it).
    static KafkaProfile testCluster(const QString& name)
    {
        KafkaProfile p;
        p.name = name;
        p.bootstrap = testBroker();
        p.readOnly = false;
        return p;
    }

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

    // A Kafka cluster (the real test broker) through a saved profile: topics with leader/ISR, a
    // partition browsed page by page, a record inspected, new records followed, a filter run on
    // the cluster, and a group's lag.
    void kafkaClusterBrowsesLikeAWorkspace()
    {
        if (testBroker().isEmpty())
            QSKIP("REWIND_KAFKA_BOOTSTRAP is not set (scripts/test starts the test broker)");
        const KafkaProfile profile = testCluster(QStringLiteral("test cluster"));
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

    // Walkthrough defects 6.6, 6.7 and 6.8, against the real broker: a cluster opened after a
    // workspace does not show the workspace's timeline; records produced after connecting show in
    // the table and the tree without F5; editing the connected profile applies at once.
    void kafkaViewStaysCurrent()
    {
        if (testBroker().isEmpty())
            QSKIP("REWIND_KAFKA_BOOTSTRAP is not set (scripts/test starts the test broker)");
        const KafkaProfile writer = testCluster(QStringLiteral("fresh cluster")); // the test's producer
        KafkaProfile profile = writer;
        profile.readOnly = true;
        auto client = KafkaClient::connect(writer);
        RW_VERIFY_OK(client);
        const QString topic = QStringLiteral("sandbox.fresh-%1").arg(QDateTime::currentMSecsSinceEpoch());
        RW_VERIFY_OK(client.value()->createTopic(topic, 2));
        auto produce = [&](int partition, int n) {
            std::vector<ProducerRecord> recs;
            for (int i = 0; i < n; ++i)
                recs.push_back(test::producerRecord(topic, partition, QDateTime::currentMSecsSinceEpoch(),
                                                    QByteArray("k-") + QByteArray::number(i),
                                                    QByteArray("{\"n\":") + QByteArray::number(i) + "}", {}));
            auto rep = client.value()->produce(recs);
            QVERIFY2(rep.ok(), qPrintable(rep.ok() ? QString() : rep.error().message));
        };

        // In Russian, where the words are longest: nothing a cluster shows is cut (6.11).
        QVERIFY(installTranslations(QStringLiteral("ru")));
        auto english = qScopeGuard([] { installTranslations(QStringLiteral("en")); });
        MainWindow w;
        w.resize(1280, 720);
        QVERIFY(test::showAndOpen(w, m_ws));
        QTRY_VERIFY_WITH_TIMEOUT(!w.timeline()->data().series.empty(), 15000);
        QVERIFY(w.timeline()->plot()->xAxis->tickLabels());
        QVERIFY(w.profiles()->save(profile).ok());
        QSignalSpy loaded(&w, &MainWindow::workspaceLoaded);
        w.openKafka(profile.name);
        QTRY_COMPARE_WITH_TIMEOUT(loaded.size(), 1, 30000);
        // 6.6: no timeline of the workspace, no dates of it on the axis.
        QVERIFY(w.timeline()->data().series.empty());
        QVERIFY(!w.timeline()->plot()->xAxis->tickLabels());
        QCOMPARE(w.timeline()->plot()->plottableCount(), 0);
        QVERIFY(w.timeline()->isUnavailable()); // no empty plot: the records take its room
        if (const QByteArray shots = qgetenv("REWIND_SCREENSHOT_DIR"); !shots.isEmpty()) {
            w.resize(1280, 720);
            QTest::qWait(200);
            QVERIFY(
                w.grab().save(QString::fromLocal8Bit(shots) + QStringLiteral("/kafka-after-workspace.png")));
        }
        QVERIFY(w.kafkaProfile()->readOnly);
        const QString readOnlyWords = QCoreApplication::translate("rw::SourceWords", " · read-only profile");
        QVERIFY2(w.statusText().contains(readOnlyWords), qPrintable(w.statusText()));
        w.selectTopic(topic); // a whole topic of a cluster: the hint to pick a partition
        QTest::qWait(200);
        const QStringList cut = test::cutTexts(&w);
        QVERIFY2(cut.isEmpty(), qPrintable(cut.join(QLatin1Char('\n'))));

        // 6.8: 52 records produced into the empty partition after connecting.
        produce(0, 52);
        w.selectTopic(topic, 0);
        QTRY_COMPARE_WITH_TIMEOUT(w.recordModel()->rowCount(), 52, 20000);
        auto partitionCell = [&](int partition, int column) {
            for (int r = 0; r < w.topicModel()->rowCount(); ++r) {
                const QModelIndex t = w.topicModel()->index(r, 0);
                if (t.data(TopicTreeModel::TopicRole).toString() == topic)
                    return w.topicModel()->index(partition, column, t).data().toString();
            }
            return QString();
        };
        QTRY_COMPARE_WITH_TIMEOUT(partitionCell(0, TopicTreeModel::High), QStringLiteral("52"), 10000);
        QCOMPARE(partitionCell(0, TopicTreeModel::Records), QStringLiteral("52"));
        // And a partition nobody looks at: the poller reads it again.
        w.watermarkPoller()->setInterval(300);
        w.watermarkPoller()->pollNow();
        produce(1, 7);
        QTRY_COMPARE_WITH_TIMEOUT(partitionCell(1, TopicTreeModel::High), QStringLiteral("7"), 15000);

        // 6.7: read-only turned off on the connected profile applies now, the view kept.
        KafkaProfile writable = profile;
        writable.readOnly = false;
        w.saveProfile(writable);
        QTRY_COMPARE_WITH_TIMEOUT(loaded.size(), 2, 30000);
        QVERIFY(!w.kafkaProfile()->readOnly);
        QVERIFY2(!w.statusText().contains(readOnlyWords), qPrintable(w.statusText()));
        QTRY_COMPARE_WITH_TIMEOUT(w.recordModel()->rowCount(), 52, 20000); // the same partition shown
        (void)client.value()->deleteTopic(topic);
        w.profiles()->remove(profile.name);
    }

    // A workspace with Avro records (written by Confluent's serializer) and the schemas they use
    // in its `_schemas` topic, as a capture keeps them: the real window shows them decoded in the
    // table and the inspector, with the schema named, and the stored bytes in the hex tab.
    void avroTopicIsDecodedInTheTableAndInspector()
    {
        const QString registryUrl = qEnvironmentVariable("REWIND_REGISTRY_URL");
        if (registryUrl.isEmpty()) QSKIP("needs the Schema Registry (REWIND_REGISTRY_URL from scripts/test)");
        const QString topic = QStringLiteral("gui-avro-%1").arg(QDateTime::currentMSecsSinceEpoch());
        const QString schema = QStringLiteral(
            "{\"type\":\"record\",\"name\":\"Payment\",\"namespace\":\"shop\",\"fields\":["
            "{\"name\":\"order_id\",\"type\":\"string\"},"
            "{\"name\":\"status\",\"type\":{\"type\":\"enum\",\"name\":\"Status\",\"symbols\":[\"CAPTURED\","
            "\"FAILED\"]}},"
            "{\"name\":\"at\",\"type\":{\"type\":\"long\",\"logicalType\":\"timestamp-millis\"}}]}");
        QJsonArray records;
        for (int i = 0; i < 3; ++i)
            records.append(
                QJsonObject{{QStringLiteral("key"), QStringLiteral("o-%1").arg(i)},
                            {QStringLiteral("timestamp"), 1795000000000.0 + i},
                            {QStringLiteral("value"),
                             QJsonObject{{QStringLiteral("order_id"), QStringLiteral("o-%1").arg(i)},
                                         {QStringLiteral("status"),
                                          i == 1 ? QStringLiteral("FAILED") : QStringLiteral("CAPTURED")},
                                         {QStringLiteral("at"), 1795000000239.0}}}});
        // Version 2 adds a field; two records a minute later are written with it.
        QString schemaV2 = schema;
        schemaV2.replace(QStringLiteral("\"timestamp-millis\"}}]}"),
                         QStringLiteral("\"timestamp-millis\"}},{\"name\":\"channel\",\"type\":\"string\","
                                        "\"default\":\"web\"}]}"));
        QVERIFY(schemaV2 != schema);
        QJsonArray laterRecords;
        for (int i = 3; i < 5; ++i)
            laterRecords.append(
                QJsonObject{{QStringLiteral("key"), QStringLiteral("o-%1").arg(i)},
                            {QStringLiteral("timestamp"), 1795000060000.0 + i},
                            {QStringLiteral("value"),
                             QJsonObject{{QStringLiteral("order_id"), QStringLiteral("o-%1").arg(i)},
                                         {QStringLiteral("status"), QStringLiteral("CAPTURED")},
                                         {QStringLiteral("at"), 1795000060239.0},
                                         {QStringLiteral("channel"), QStringLiteral("pos")}}}});
        const QJsonObject plan{{QStringLiteral("steps"),
                                QJsonArray{QJsonObject{{QStringLiteral("topic"), topic},
                                                       {QStringLiteral("format"), QStringLiteral("avro")},
                                                       {QStringLiteral("schema"), schema},
                                                       {QStringLiteral("records"), records}},
                                           QJsonObject{{QStringLiteral("topic"), topic},
                                                       {QStringLiteral("format"), QStringLiteral("avro")},
                                                       {QStringLiteral("schema"), schemaV2},
                                                       {QStringLiteral("records"), laterRecords}}}}};
        const auto serialized = test::serializeWithOfficialSerializers(registryUrl, plan);
        QVERIFY2(serialized.ok(), qPrintable(serialized.error));
        const QList<QByteArray>& lines = serialized.lines;
        QCOMPARE(lines.size(), 5);
        const int id = serialized.ids.value(0), id2 = serialized.ids.value(1);
        QVERIFY(id2 > 0 && id2 != id);
        RegistryConfig registry;
        registry.url = registryUrl;
        std::vector<ProducerRecord> schemaRecords;
        for (int schemaId : {id, id2}) {
            auto fetched = SchemaRegistryClient(registry).fetch(schemaId);
            QVERIFY(fetched.ok());
            const auto [schemaKey, schemaValue] = schemasTopicRecord(fetched.value());
            schemaRecords.push_back(test::producerRecord(kSchemasTopic, 0, 1000, schemaKey, schemaValue));
        }

        const QString ws = m_dir.filePath(QStringLiteral("avro.rewind"));
        {
            auto store = WorkspaceStore::create(ws);
            QVERIFY(store.ok());
            QVERIFY(store.value()->createTopic(topic, 1).ok());
            QVERIFY(store.value()->createTopic(kSchemasTopic, 1).ok());
            std::vector<ProducerRecord> recs;
            for (int i = 0; i < 5; ++i) {
                auto e = parseEnvelopeLine(lines[i]);
                QVERIFY(e.ok());
                recs.push_back(e->record);
            }
            recs.insert(recs.end(), schemaRecords.begin(), schemaRecords.end());
            QVERIFY(store.value()->append(recs).ok());
        }

        MainWindow w;
        w.show();
        QSignalSpy loaded(&w, &MainWindow::workspaceLoaded);
        w.openWorkspace(ws);
        QTRY_COMPARE_WITH_TIMEOUT(loaded.size(), 1, 30000);
        QCOMPARE(w.topicModel()->rowCount(), 1); // _schemas is the stage's input, not listed
        w.selectTopic(topic, 0);
        auto* table = w.findChild<QTableView*>(QStringLiteral("recordTable"));
        QVERIFY(table);
        QTRY_VERIFY_WITH_TIMEOUT(w.recordModel()
                                     ->index(1, RecordTableModel::ValueCol)
                                     .data()
                                     .toString()
                                     .contains(QStringLiteral("\"status\":\"FAILED\"")),
                                 20000);
        QVERIFY(w.recordModel()
                    ->index(1, RecordTableModel::ValueCol)
                    .data()
                    .toString()
                    .contains(QStringLiteral("\"at\":\"2026-11-18T11:06:40.239Z\"")));
        table->setFocus();
        table->setCurrentIndex(table->model()->index(1, 0));
        QTRY_COMPARE_WITH_TIMEOUT(w.inspector()->record().offset, Offset(1), 5000);
        QCOMPARE(w.inspector()->currentView(), QStringLiteral("json"));
        QVERIFY2(w.inspector()->valueText().contains(QStringLiteral("\"order_id\": \"o-1\"")),
                 qPrintable(w.inspector()->valueText()));
        auto* schemaLabel = w.inspector()->findChild<QLabel*>(QStringLiteral("inspectorSchema"));
        QVERIFY(schemaLabel && schemaLabel->isVisible());
        QVERIFY2(schemaLabel->text().contains(QStringLiteral("Avro, schema id %1").arg(id)) &&
                     schemaLabel->text().contains(topic + QStringLiteral("-value version 1")),
                 qPrintable(schemaLabel->text()));
        // The stored bytes are one click away: the hex tab shows the wire format, magic byte first.
        QVERIFY(w.inspector()->record().decoding && w.inspector()->record().decoding->rawValue);
        QCOMPARE(w.inspector()->record().decoding->rawValue->at(0), '\0');
        // Sizes are of the bytes as stored, not of the JSON shown.
        const qint64 stored =
            w.inspector()->record().decoding->rawValue->size() + w.inspector()->record().key->size();
        QCOMPARE(w.recordModel()->index(1, RecordTableModel::SizeCol).data().toString(),
                 QLocale().toString(stored));

        // The timeline marks where the writer schema changed (read from the wire headers), and a
        // click on the mark shows what changed: the field version 2 added.
        QTRY_COMPARE_WITH_TIMEOUT(w.timeline()->data().schemaChanges.size(), size_t(1), 20000);
        const SchemaChange change = w.timeline()->data().schemaChanges.front();
        QCOMPARE(change.offset, Offset(3));
        QCOMPARE(change.after.version, 2);
        QCOMPARE(w.timeline()->schemaMarksShown(), 1);
        QCustomPlot* plot = w.timeline()->plot();
        QTest::mouseClick(plot, Qt::LeftButton, {},
                          QPoint(w.timeline()->xForTime(change.time), plot->axisRect()->center().y()));
        SchemaHistoryDialog* history = nullptr;
        QTRY_VERIFY_WITH_TIMEOUT((history = w.findChild<SchemaHistoryDialog*>()) && history->isVisible(),
                                 5000);
        QTRY_VERIFY_WITH_TIMEOUT(history->shownText().startsWith(QStringLiteral("---")), 20000);
        const QStringList diff = history->shownText().split(QLatin1Char('\n'));
        QVERIFY2(diff.filter(QRegularExpression(QStringLiteral("^\\+.*\"channel\""))).size() == 1,
                 qPrintable(history->shownText()));
        QVERIFY2(diff.filter(QRegularExpression(QStringLiteral("^-"))).size() >= 1,
                 qPrintable(history->shownText()));
        QVERIFY2(history->summary().contains(QStringLiteral("2 writer schema")),
                 qPrintable(history->summary()));
        // The click also went to the first record with the new schema.
        QTRY_COMPARE_WITH_TIMEOUT(w.inspector()->record().offset, Offset(3), 10000);
        // From the inspector: the history at the change that led to this record's schema; on a
        // record of version 1, the schema the topic began with.
        history->hide();
        table->setCurrentIndex(table->model()->index(0, 0));
        QTRY_COMPARE_WITH_TIMEOUT(w.inspector()->record().offset, Offset(0), 5000);
        auto* historyButton =
            w.inspector()->findChild<QPushButton*>(QStringLiteral("inspectorSchemaHistory"));
        QVERIFY(historyButton && historyButton->isVisible());
        historyButton->click();
        QTRY_VERIFY_WITH_TIMEOUT(history->isVisible() &&
                                     history->shownText().contains(QStringLiteral("\"order_id\"")) &&
                                     !history->shownText().startsWith(QStringLiteral("---")),
                                 20000);
    }

    // Schema files kept in the workspace (File ▸ Schema files…): values that are plain Avro (no
    // registry, no wire format) show decoded in the table and inspector once a file is mapped, and
    // rewind-cli decodes them too, from the same workspace; a file that is not a schema is refused.
    void schemaFilesKeptInTheWorkspaceDecodeItsTopic()
    {
        const QString avsc = m_dir.filePath(QStringLiteral("reading.avsc"));
        QVERIFY(test::writeFile(avsc,
                                QByteArray(R"({"type":"record","name":"Reading","fields":[)"
                                           R"({"name":"n","type":"long"},{"name":"s","type":"string"}]})")));
        const QString bad = m_dir.filePath(QStringLiteral("not-a-schema.avsc"));
        QVERIFY(test::writeFile(bad, "{\"type\": \"recordz\"}"));
        const QString ws = m_dir.filePath(QStringLiteral("plain-avro.rewind"));
        const QString topic = QStringLiteral("readings");
        {
            auto store = WorkspaceStore::create(ws);
            QVERIFY(store.ok());
            QVERIFY(store.value()->createTopic(topic, 1).ok());
            std::vector<ProducerRecord> recs;
            for (int i = 0; i < 3; ++i) {
                QByteArray v(1, static_cast<char>(i * 2)); // zigzag n
                const QByteArray text = "r" + QByteArray::number(i);
                v += static_cast<char>(text.size() * 2);
                v += text;
                recs.push_back(test::producerRecord(topic, 0, 1795000000000 + i, QByteArray::number(i), v));
            }
            QVERIFY(store.value()->append(recs).ok());
        }
        MainWindow w;
        w.show();
        QSignalSpy loaded(&w, &MainWindow::workspaceLoaded);
        w.openWorkspace(ws);
        QTRY_COMPARE_WITH_TIMEOUT(loaded.size(), 1, 30000);
        w.selectTopic(topic, 0);
        QTRY_COMPARE_WITH_TIMEOUT(w.recordModel()->rowCount(), 3, 20000);
        QVERIFY(!w.recordModel()
                     ->index(1, RecordTableModel::ValueCol)
                     .data()
                     .toString()
                     .contains(QLatin1String("\"n\"")));

        w.editSchemaFiles();
        SchemaFilesDialog* dialog = nullptr;
        QTRY_VERIFY_WITH_TIMEOUT((dialog = w.schemaFilesDialog()) && dialog->isVisible(), 10000);
        QVERIFY(dialog->files().empty());
        auto* save = dialog->findChild<QPushButton*>(QStringLiteral("schemaFilesSave"));
        QVERIFY(save);
        // Not a schema: refused with the reason, nothing kept.
        dialog->addFile(topic, bad);
        save->click();
        auto* problem = dialog->findChild<QLabel*>(QStringLiteral("schemaFilesProblem"));
        QTRY_VERIFY_WITH_TIMEOUT(
            problem->isVisible() && problem->text().contains(QLatin1String("not-a-schema.avsc")), 10000);
        dialog->addFile(topic, avsc); // the topic's row, now with the right file
        QCOMPARE(dialog->files().size(), size_t(1));
        loaded.clear();
        save->click();
        QTRY_COMPARE_WITH_TIMEOUT(loaded.size(), 1, 30000);
        QVERIFY(!dialog->isVisible());
        w.selectTopic(topic, 0);
        QTRY_COMPARE_WITH_TIMEOUT(w.recordModel()->index(1, RecordTableModel::ValueCol).data().toString(),
                                  QStringLiteral("{\"n\":1,\"s\":\"r1\"}"), 20000);
        auto* table = w.findChild<QTableView*>(QStringLiteral("recordTable"));
        table->setFocus();
        table->setCurrentIndex(table->model()->index(2, 0));
        QTRY_COMPARE_WITH_TIMEOUT(w.inspector()->record().offset, Offset(2), 5000);
        auto* schemaLabel = w.inspector()->findChild<QLabel*>(QStringLiteral("inspectorSchema"));
        QVERIFY2(schemaLabel->text().contains(QStringLiteral("Avro, schema file reading.avsc")),
                 qPrintable(schemaLabel->text()));
        // The workspace keeps the file relative to itself, and the command line decodes with it.
        QProcess cli;
        cli.start(QStringLiteral(REWIND_CLI), {QStringLiteral("schemas"), ws, QStringLiteral("--files")});
        QVERIFY(cli.waitForFinished(30000));
        QCOMPARE(cli.readAllStandardOutput().trimmed(), QByteArray("readings=") + avsc.toUtf8());
        cli.start(QStringLiteral(REWIND_CLI),
                  {QStringLiteral("consume"), ws, QStringLiteral("-t"), topic, QStringLiteral("-p"),
                   QStringLiteral("0"), QStringLiteral("-o"), QStringLiteral("2"), QStringLiteral("-c"),
                   QStringLiteral("1")});
        QVERIFY(cli.waitForFinished(30000));
        QCOMPARE(cli.readAllStandardOutput().trimmed(), QByteArray("{\"n\":2,\"s\":\"r2\"}"));
        cli.start(QStringLiteral(REWIND_CLI),
                  {QStringLiteral("schemas"), ws, QStringLiteral("--unmap"), topic});
        QVERIFY(cli.waitForFinished(30000));
        QCOMPARE(cli.exitCode(), 0);
        QCOMPARE(cli.readAllStandardOutput().trimmed(), QByteArray());
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
        QCOMPARE(job->source.profileRef, KafkaProfile::sessionRef(profile.name));
        QCOMPARE(job->target.profileRef, KafkaProfile::sessionRef(profile.name));
        QVERIFY(!QString::fromUtf8(job->toJson()).contains(QStringLiteral("rewind-test-secret")));
        QSignalSpy done(console, &ReplayConsole::runFinished);
        QSignalSpy failed(console, &ReplayConsole::runFailed);
        console->runJob(false);
        QTRY_VERIFY_WITH_TIMEOUT(done.size() + failed.size() == 1, 60000);
        QVERIFY2(done.size() == 1, qPrintable(console->statusText()));
        QCOMPARE(done.at(0).at(0).value<ReplayReport>().written, qint64(80));
        auto held = [&] {
            auto t = client.value()->topic(job->targetTopic, true);
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
        (void)client.value()->deleteTopic(job->targetTopic);
    }
};

QTEST_MAIN(TstMainWindowOps)
#include "tst_main_window_ops.moc"
