// The real MainWindow, driven offscreen with QTest.

#include "banner.h"
#include "case_book.h"
#include "case_page.h"
#include "cli_run.h"
#include "cluster_page.h"
#include "demo_workspace.h"
#include "dialog_title.h"
#include "envelope.h"
#include "evidence.h"
#include "filter_bar.h"
#include "fit_check.h"
#include "group_details.h"
#include "group_page.h"
#include "kafka_client.h"
#include "lag_chart.h"
#include "lag_history.h"
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
#include "timeline_loader.h"
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
#include <QTabWidget>
#include <QTableView>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QToolButton>
#include <QTreeView>
#include <QTreeWidget>
#include <QtEndian>
#include <qcustomplot.h>

#include <set>

#include <librdkafka/rdkafka.h>

using namespace rw;
using rw::test::countIn;

// The real MainWindow on Kafka: a live cluster browsed like a workspace and kept current, records
// in the Schema Registry's wire format decoded, schema files kept in a workspace, a broker's data
// directory read in place, and the replay console writing through the cluster's connection.
class TstMainWindowKafka : public QObject, protected rw::test::DemoWindowFixture {
    Q_OBJECT

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

private slots:
    void initTestCase() { QVERIFY(makeDemo()); }

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
        // Time behind, from the record at each commit and the partition's newest (record i at
        // base + i ms, partition i % 2): partition 0 first unread i=200, newest 338; partition 1
        // first unread 101, newest 339.
        {
            const GroupDetails& gd = w.groupModel()->details();
            for (size_t i = 0; i < gd.partitions.size(); ++i)
                QCOMPARE(gd.behindMs[i], std::optional<qint64>(gd.partitions[i].partition == 0 ? 138 : 238));
            QCOMPARE(gd.maxBehindMs, qint64(238));
            QCOMPARE(gd.oldestUnread, std::optional<TimestampMs>(1'794'787'200'000 + 101));
            // Sorted by it, the most behind first (the header click of the table).
            auto* groupTable = w.findChild<QTableView*>(QStringLiteral("groupTable"));
            QVERIFY(groupTable->isSortingEnabled());
            groupTable->sortByColumn(GroupLagModel::BehindCol, Qt::DescendingOrder);
            QCOMPARE(w.groupModel()->index(0, GroupLagModel::PartitionCol).data().toString(),
                     QStringLiteral("1"));
            QCOMPARE(w.groupModel()->index(0, GroupLagModel::BehindCol).data().toString(),
                     formatDuration(238));
            groupTable->sortByColumn(GroupLagModel::BehindCol, Qt::AscendingOrder);
            QCOMPARE(w.groupModel()->index(0, GroupLagModel::PartitionCol).data().toString(),
                     QStringLiteral("0"));
        }
        QVERIFY2(w.groupPage()->memberLines().value(0).contains(QStringLiteral("no members")),
                 qPrintable(w.groupPage()->memberLines().join(u'|')));

        // A group somebody reads for now (kcat as a balanced consumer): its member, host and
        // partitions are shown, and its protocol.
        const QString liveGroup = group + QStringLiteral("-live");
        QProcess kcat;
        kcat.setStandardOutputFile(QProcess::nullDevice());
        kcat.start(QStringLiteral("kcat"), {QStringLiteral("-b"), profile.bootstrap, QStringLiteral("-X"),
                                            QStringLiteral("client.id=gui-member"), QStringLiteral("-q"),
                                            QStringLiteral("-G"), liveGroup, topic});
        QVERIFY(kcat.waitForStarted());
        auto guard = qScopeGuard([&] {
            kcat.terminate();
            if (!kcat.waitForFinished(5000)) kcat.kill();
        });
        QStringList lines;
        QElapsedTimer waited;
        waited.start();
        while (waited.elapsed() < 40000) {
            groupLoaded.clear();
            w.showGroup(liveGroup);
            QTRY_COMPARE_WITH_TIMEOUT(groupLoaded.size(), 1, 30000);
            lines = w.groupPage()->memberLines();
            if (lines.size() > 1 && lines.value(0).contains(QStringLiteral("Stable"))) break;
            QTest::qWait(500);
        }
        QVERIFY2(lines.value(0).contains(QStringLiteral("Stable · classic protocol · 1 member")),
                 qPrintable(lines.join(u'|')));
        QVERIFY2(lines.value(1).startsWith(QStringLiteral("gui-member @ 127.0.0.1: ")) &&
                     lines.value(1).contains(topic + QStringLiteral("-0")) &&
                     lines.value(1).contains(topic + QStringLiteral("-1")),
                 qPrintable(lines.join(u'|')));
        QVERIFY(w.groupPage()->findChild<QWidget*>(QStringLiteral("groupMembers"))->isVisible());
        (void)client.value()->deleteTopic(topic);
    }

    // Walkthrough defects 6.6, 6.7 and 6.8, against the real broker: a cluster opened after a
    // workspace does not show the workspace's timeline; records produced after connecting show in
    // the table and the tree without F5; editing the connected profile applies at once.
    // The Cluster tab of a live cluster: its broker (controller, answering), the partitions below
    // min.insync.replicas flagged in the tree and listed (a topic of one replica that asks for
    // two: the stand-in for a broker down until the replicated test cluster lands), and the
    // selected topic's settings with its own marked. A workspace has no such tab.
    void clusterPageShowsBrokersReplicationAndSettings()
    {
        if (testBroker().isEmpty())
            QSKIP("REWIND_KAFKA_BOOTSTRAP is not set (scripts/test starts the test broker)");
        const KafkaProfile profile = testCluster(QStringLiteral("cluster page"));
        auto client = KafkaClient::connect(profile);
        QVERIFY(client.ok());
        const QString stamp = QString::number(QDateTime::currentMSecsSinceEpoch());
        const QString weak = QStringLiteral("sandbox.isr-") + stamp,
                      fine = QStringLiteral("sandbox.fine-") + stamp;
        QVERIFY(client.value()
                    ->createTopic(weak, 2, -1, QStringLiteral("sandbox."), false,
                                  {{QStringLiteral("min.insync.replicas"), QStringLiteral("2")},
                                   {QStringLiteral("retention.ms"), QStringLiteral("3600000")}})
                    .ok());
        QVERIFY(client.value()->createTopic(fine, 1).ok());

        MainWindow w;
        w.show();
        QVERIFY(w.profiles()->save(profile).ok());
        QSignalSpy loaded(&w, &MainWindow::workspaceLoaded);
        QSignalSpy brokers(w.clusterPage(), &ClusterPage::brokersLoaded);
        w.openKafka(profile.name);
        QTRY_COMPARE_WITH_TIMEOUT(loaded.size(), 1, 30000);
        QVERIFY(w.tabs()->isTabVisible(MainWindow::ClusterTab));

        // The tree: the weak topic's partitions in red with what is wrong, the fine one plain.
        auto rowOf = [&](const QString& name) {
            for (int r = 0; r < w.topicModel()->rowCount(); ++r)
                if (w.topicModel()->index(r, 0).data(TopicTreeModel::TopicRole).toString() == name)
                    return w.topicModel()->index(r, 0);
            return QModelIndex();
        };
        const QModelIndex weakRow = rowOf(weak), fineRow = rowOf(fine);
        QVERIFY(weakRow.isValid() && fineRow.isValid());
        const QModelIndex weakReplicas = w.topicModel()->index(weakRow.row(), TopicTreeModel::Replicas);
        // The overview shows replication from the metadata at once; every topic's
        // min.insync.replicas is read just after (RecordSource::quickFacts, then facts()).
        QTRY_COMPARE_WITH_TIMEOUT(weakReplicas.data().toString(),
                                  QStringLiteral("2 partitions below min.insync.replicas"), 20000);
        QVERIFY(weakReplicas.data(Qt::ForegroundRole).canConvert<QColor>());
        QVERIFY(weakRow.data(Qt::ForegroundRole).canConvert<QColor>()); // the name too: seen however narrow
        QVERIFY(!fineRow.data(Qt::ForegroundRole).isValid());
        const QModelIndex weak0 = w.topicModel()->index(0, TopicTreeModel::Replicas, weakRow);
        QVERIFY2(weak0.data().toString().startsWith(
                     QStringLiteral("below min.insync.replicas 2: acks=all writes fail · leader ")),
                 qPrintable(weak0.data().toString()));
        QVERIFY(weak0.data(Qt::ToolTipRole).toString().contains(QStringLiteral("ISR ")));
        QCOMPARE(w.topicModel()->index(fineRow.row(), TopicTreeModel::Replicas).data().toString(), QString());
        const QModelIndex fine0 = w.topicModel()->index(0, TopicTreeModel::Replicas, fineRow);
        QVERIFY(fine0.data().toString().startsWith(QStringLiteral("leader ")));
        QVERIFY(!fine0.data(Qt::ForegroundRole).isValid());
        QVERIFY(fine0.data(TopicTreeModel::ReplicationProblemRole).toString().isEmpty());

        // The page: one broker, the controller, answering.
        ClusterPage* page = w.clusterPage();
        QTRY_VERIFY_WITH_TIMEOUT(!brokers.isEmpty(), 20000);
        QVERIFY2(page->titleText().contains(QStringLiteral("1 broker · controller ")),
                 qPrintable(page->titleText()));
        QCOMPARE(page->brokersTable()->rowCount(), 1);
        QCOMPARE(page->brokersTable()->item(0, 1)->text(), QStringLiteral("127.0.0.1"));
        QCOMPARE(page->brokersTable()->item(0, 2)->text(), testBroker().section(QLatin1Char(':'), 1));
        QCOMPARE(page->brokersTable()->item(0, 4)->text(), QStringLiteral("controller"));
        QCOMPARE(page->brokersTable()->item(0, 5)->text(), QStringLiteral("yes"));
        // Its problem partitions: both of the weak topic, none of the fine one.
        int weakRows = 0;
        for (int r = 0; r < page->problemsTable()->rowCount(); ++r) {
            QVERIFY(page->problemsTable()->item(r, 0)->text() != fine);
            if (page->problemsTable()->item(r, 0)->text() != weak) continue;
            ++weakRows;
            QCOMPARE(page->problemsTable()->item(r, 2)->text(),
                     QStringLiteral("below min.insync.replicas 2: acks=all writes fail"));
        }
        QCOMPARE(weakRows, 2);
        QVERIFY(
            page->problemsTitleText().startsWith(QStringLiteral("Partitions with a replication problem: ")));

        // The weak topic's settings, its own two in bold, the rest the cluster's defaults.
        QSignalSpy settings(page, &ClusterPage::settingsLoaded);
        w.tabs()->setCurrentIndex(MainWindow::ClusterTab);
        w.selectTopic(weak);
        QTRY_VERIFY_WITH_TIMEOUT(!settings.isEmpty() && settings.last().at(0).toString() == weak, 20000);
        QTableWidget* st = page->settingsTable();
        QCOMPARE(st->rowCount(), 5);
        QHash<QString, int> rowNamed;
        for (int r = 0; r < st->rowCount(); ++r)
            rowNamed[st->item(r, 0)->text()] = r;
        const int retention = rowNamed.value(QStringLiteral("retention.ms"), -1),
                  minIsr = rowNamed.value(QStringLiteral("min.insync.replicas"), -1),
                  maxBytes = rowNamed.value(QStringLiteral("max.message.bytes"), -1);
        QVERIFY(retention >= 0 && minIsr >= 0 && maxBytes >= 0);
        QCOMPARE(st->item(retention, 1)->text(),
                 QStringLiteral("3600000 (%1)").arg(formatDuration(3'600'000)));
        QCOMPARE(st->item(retention, 2)->text(), QStringLiteral("this topic"));
        QVERIFY(st->item(retention, 0)->font().bold());
        QCOMPARE(st->item(minIsr, 1)->text(), QStringLiteral("2"));
        QCOMPARE(st->item(maxBytes, 2)->text(), QStringLiteral("cluster default"));
        QVERIFY(!st->item(maxBytes, 0)->font().bold());
        QVERIFY2(page->settingsTitleText().contains(QStringLiteral("2 set on the topic")),
                 qPrintable(page->settingsTitleText()));

        // A problem row takes the tree to its partition.
        for (int r = 0; r < page->problemsTable()->rowCount(); ++r)
            if (page->problemsTable()->item(r, 0)->text() == weak &&
                page->problemsTable()->item(r, 1)->text() == QStringLiteral("1")) {
                emit page->problemsTable()->cellActivated(r, 0);
                break;
            }
        auto* tree = w.findChild<QTreeView*>(QStringLiteral("topicTree"));
        QVERIFY(tree);
        QCOMPARE(tree->currentIndex().data(TopicTreeModel::TopicRole).toString(), weak);
        QCOMPARE(tree->currentIndex().data(TopicTreeModel::PartitionRole).toInt(), 1);

        // A workspace: no Cluster tab, and its page says why.
        QVERIFY(rw::test::showAndOpen(w, m_ws));
        QVERIFY(!w.tabs()->isTabVisible(MainWindow::ClusterTab));
        QVERIFY(page->titleText().contains(QStringLiteral("is not a Kafka cluster")));
        QCOMPARE(page->brokersTable()->rowCount(), 0);
    }

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
        QStringList labelsBefore;
        for (const TimelineSeries& ser : w.timeline()->data().series)
            labelsBefore << ser.label;
        QVERIFY(w.profiles()->save(profile).ok());
        QSignalSpy loaded(&w, &MainWindow::workspaceLoaded);
        w.openKafka(profile.name);
        QTRY_COMPARE_WITH_TIMEOUT(loaded.size(), 1, 30000);
        // 6.6: no timeline of the workspace, no dates of it on the axis: the cluster's own (from
        // offsets) once counted, nothing before.
        auto labels = [](const TimelineData& d) {
            QStringList l;
            for (const TimelineSeries& ser : d.series)
                l << ser.label;
            return l;
        };
        if (w.timeline()->data().series.empty()) {
            QVERIFY(!w.timeline()->plot()->xAxis->tickLabels());
            QCOMPARE(w.timeline()->plot()->plottableCount(), 0);
        } else {
            QVERIFY(w.timeline()->data().fromOffsets);
            QVERIFY(labels(w.timeline()->data()) != labelsBefore);
        }
        if (const QByteArray shots = qgetenv("REWIND_SCREENSHOT_DIR"); !shots.isEmpty()) {
            w.resize(1280, 720);
            QTest::qWait(200);
            QVERIFY(
                w.grab().save(QString::fromLocal8Bit(shots) + QStringLiteral("/kafka-after-workspace.png")));
        }
        QVERIFY(w.kafkaProfile()->readOnly);
        const QString readOnlyWords = QCoreApplication::translate("rw::SourceWords", " · read-only profile");
        QVERIFY2(w.statusText().contains(readOnlyWords), qPrintable(w.statusText()));
        w.selectTopic(topic); // a whole topic of a cluster: merged by time, its title and the window buttons
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

    // A cluster topic's timeline from the brokers' time indexes (no record read): a planted spike
    // in its bucket, the same counts as reading every record, approximate where offsets are not
    // records (transaction markers, compaction) and exact on demand; in the window, a click goes to
    // the busiest partition at that time and a drag filters the range.
    void clusterTimelineFromOffsets()
    {
        if (testBroker().isEmpty())
            QSKIP("REWIND_KAFKA_BOOTSTRAP is not set (scripts/test starts the test broker)");
        const KafkaProfile profile = testCluster(QStringLiteral("timeline cluster"));
        auto client = KafkaClient::connect(profile);
        QVERIFY2(client.ok(), qPrintable(client.ok() ? QString() : client.error().message));
        const QString topic = QStringLiteral("sandbox.timeline-%1").arg(QDateTime::currentMSecsSinceEpoch());
        QVERIFY(client.value()->createTopic(topic, 3).ok());
        // An hour, two hours ago, on whole minutes: each partition two records a minute; at minute
        // 37, 100 more in partition 1.
        const TimestampMs base = (QDateTime::currentMSecsSinceEpoch() - 2 * 3600'000) / 60'000 * 60'000;
        const TimestampMs spike = base + 37 * 60'000;
        std::vector<ProducerRecord> recs;
        for (int m = 0; m < 60; ++m)
            for (PartitionId p = 0; p < 3; ++p)
                for (int i = 0; i < 2; ++i)
                    recs.push_back(test::producerRecord(topic, p, base + m * 60'000 + p * 1000 + i * 100,
                                                        QByteArray("k"),
                                                        QByteArray("{\"m\":") + QByteArray::number(m) + "}"));
        for (int i = 0; i < 100; ++i)
            recs.push_back(test::producerRecord(topic, 1, spike + 500 + i, QByteArray("k"),
                                                QByteArray("{\"m\":37,\"spike\":true}")));
        // In time order per partition (the time index is monotonic per partition).
        std::stable_sort(recs.begin(), recs.end(), [](const ProducerRecord& a, const ProducerRecord& b) {
            return a.timestamp < b.timestamp;
        });
        auto rep = client.value()->produce(recs);
        QVERIFY2(rep.ok(), qPrintable(rep.ok() ? QString() : rep.error().message));
        const qint64 total = 60 * 3 * 2 + 100;

        auto source = openRecordSource(SourceSpec::cluster(profile));
        QVERIFY2(source.ok(), qPrintable(source.ok() ? QString() : source.error().message));
        QVERIFY(source.value()->capabilities().offsetTimeline);
        auto d = loadTimeline(*source.value(), topic, std::nullopt, 720, true);
        QVERIFY2(d.ok(), qPrintable(d.ok() ? QString() : d.error().message));
        QVERIFY(d->fromOffsets);
        QVERIFY(!d->approximate()); // no transaction, not compacted
        QCOMPARE(d->records, total);
        QCOMPARE(d->dataFirst, base);
        TimestampMs lastTs = 0;
        for (const ProducerRecord& r : recs)
            lastTs = std::max(lastTs, r.timestamp);
        QCOMPARE(d->dataLast, lastTs);
        QCOMPARE(d->series.size(), size_t(3));
        const size_t spikeBucket = static_cast<size_t>((spike - d->from) / d->bucketMs);
        QCOMPARE(d->series[1].counts[spikeBucket], qint64(102)); // two a minute and the hundred
        QCOMPARE(d->series[0].counts[spikeBucket], qint64(2));
        // Reading every record gives the same counts.
        auto exact =
            loadTimeline(*source.value(), topic, std::pair(d->from, d->from + d->buckets * d->bucketMs), 720,
                         true, nullptr, true);
        QVERIFY2(exact.ok(), qPrintable(exact.ok() ? QString() : exact.error().message));
        QVERIFY(!exact->fromOffsets);
        QCOMPARE(exact->buckets, d->buckets);
        for (size_t p = 0; p < 3; ++p)
            QCOMPARE(exact->series[p].counts, d->series[p].counts);
        // Zoomed in: finer buckets from more offsets, no record read.
        auto zoomed = loadTimeline(*source.value(), topic, std::pair(spike - 60'000, spike + 60'000), 720);
        QVERIFY(zoomed.ok());
        QVERIFY(zoomed->bucketMs < d->bucketMs);
        QCOMPARE(zoomed->records, qint64(2 * 3 * 2 + 100));

        // Transactions: markers take offsets, so counts from offsets are flagged approximate.
        const QString txTopic = topic + QStringLiteral("-tx");
        QVERIFY(client.value()->createTopic(txTopic, 1).ok());
        {
            char err[512];
            rd_kafka_conf_t* conf = rd_kafka_conf_new();
            rd_kafka_conf_set(conf, "bootstrap.servers", testBroker().toUtf8().constData(), err, sizeof err);
            rd_kafka_conf_set(conf, "transactional.id", QUuid::createUuid().toByteArray().constData(), err,
                              sizeof err);
            rd_kafka_t* rk = rd_kafka_new(RD_KAFKA_PRODUCER, conf, err, sizeof err);
            QVERIFY(rk);
            auto guard = qScopeGuard([rk] { rd_kafka_destroy(rk); });
            QVERIFY(!rd_kafka_init_transactions(rk, 30000));
            const QByteArray t = txTopic.toUtf8();
            for (int tx = 0; tx < 3; ++tx) {
                QVERIFY(!rd_kafka_begin_transaction(rk));
                for (int i = 0; i < 4; ++i)
                    QCOMPARE(rd_kafka_producev(rk, RD_KAFKA_V_TOPIC(t.constData()), RD_KAFKA_V_PARTITION(0),
                                               RD_KAFKA_V_VALUE(const_cast<char*>("{}"), 2), RD_KAFKA_V_END),
                             RD_KAFKA_RESP_ERR_NO_ERROR);
                rd_kafka_error_t* e = rd_kafka_commit_transaction(rk, 30000);
                QVERIFY2(!e, e ? rd_kafka_error_string(e) : "");
            }
        }
        QTRY_VERIFY_WITH_TIMEOUT(client.value()->watermarks(txTopic, 0, true).ok() &&
                                     client.value()->watermarks(txTopic, 0, true)->second == 15,
                                 15000); // 12 records and 3 commit markers
        auto tx = loadTimeline(*source.value(), txTopic, std::nullopt, 720);
        QVERIFY2(tx.ok(), qPrintable(tx.ok() ? QString() : tx.error().message));
        QVERIFY(tx->gaps);
        QVERIFY(tx->approximate());
        QCOMPARE(tx->records, qint64(15)); // offsets
        auto txExact = loadTimeline(*source.value(), txTopic, std::nullopt, 720, false, nullptr, true);
        QVERIFY(txExact.ok());
        QCOMPARE(txExact->records, qint64(12)); // records

        // Compacted: said from the topic's cleanup.policy.
        const QString compacted = topic + QStringLiteral("-compact");
        QVERIFY(client.value()
                    ->createTopic(compacted, 1, -1, QStringLiteral("sandbox."), false,
                                  {{QStringLiteral("cleanup.policy"), QStringLiteral("compact")}})
                    .ok());
        QVERIFY(
            client.value()
                ->produce({test::producerRecord(compacted, 0, base, QByteArray("a"), QByteArray("1")),
                           test::producerRecord(compacted, 0, base + 1, QByteArray("a"), QByteArray("2"))})
                .ok());
        auto c = loadTimeline(*source.value(), compacted, std::nullopt, 720);
        QVERIFY(c.ok());
        QVERIFY(c->compacted);
        QVERIFY(c->approximate());

        // A topic bigger than a merged window, for paging below.
        const QString big = topic + QStringLiteral("-big");
        QVERIFY(client.value()->createTopic(big, 3).ok());
        const qint64 bigCount = RecordTableModel::kMergeWindow + 20'000;
        {
            std::vector<ProducerRecord> many;
            many.reserve(static_cast<size_t>(bigCount));
            for (qint64 i = 0; i < bigCount; ++i)
                many.push_back(test::producerRecord(big, static_cast<PartitionId>(i % 3), base + i,
                                                    QByteArray("k"), QByteArray("{}")));
            auto made = client.value()->produce(many, 120000);
            QVERIFY2(made.ok(), qPrintable(made.ok() ? QString() : made.error().message));
        }
        // The window: the cluster's timeline for the topic, the spike where it was planted.
        MainWindow w;
        w.resize(1400, 900);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QVERIFY(w.profiles()->save(profile).ok());
        QSignalSpy loaded(&w, &MainWindow::workspaceLoaded);
        w.openKafka(profile.name);
        QTRY_COMPARE_WITH_TIMEOUT(loaded.size(), 1, 30000);
        QSignalSpy timeline(&w, &MainWindow::timelineLoaded);
        w.selectTopic(topic, -1);
        QTRY_VERIFY_WITH_TIMEOUT(timeline.size() >= 1 && w.timeline()->data().topic == topic, 30000);
        QVERIFY(!w.timeline()->isUnavailable());
        const TimelineData& shown = w.timeline()->data();
        QCOMPARE(shown.records, total);
        const auto [peakAt, peakCount] = w.timeline()->peak();
        QVERIFY2(peakAt <= spike && spike < peakAt + shown.bucketMs,
                 qPrintable(QStringLiteral("peak at %1, spike at %2").arg(peakAt).arg(spike)));
        QCOMPARE(peakCount, qint64(106));
        auto* title = w.findChild<QLabel*>(QStringLiteral("timelineTitle"));
        QVERIFY2(title->text().contains(QStringLiteral("from offsets")), qPrintable(title->text()));
        QVERIFY(w.findChild<QToolButton*>(QStringLiteral("timelineExact"))->isVisible());
        // The topic merged by time, without a capture: every record of the three partitions (a
        // window of it, here the whole topic), in time order.
        QTRY_VERIFY_WITH_TIMEOUT(w.recordModel()->isWindow() && w.recordModel()->window()->atEnd, 20000);
        QCOMPARE(qint64(w.recordModel()->rowCount()), total);
        QVERIFY(w.recordModel()->window()->atStart);
        std::set<PartitionId> seen;
        for (int r = 0; r < w.recordModel()->rowCount(); ++r) {
            seen.insert(w.recordModel()->refAt(r)->partition);
            if (r > 0)
                QVERIFY(w.recordModel()->refAt(r - 1)->timestamp <= w.recordModel()->refAt(r)->timestamp);
        }
        QCOMPARE(seen.size(), size_t(3));
        auto* recordsTitle = w.findChild<QLabel*>(QStringLiteral("recordsTitle"));
        QVERIFY2(recordsTitle->text().contains(QStringLiteral("merged by time")),
                 qPrintable(recordsTitle->text()));
        // A click on the spike: that time in the merged view.
        QCustomPlot* plot = w.timeline()->plot();
        const int y = plot->axisRect()->center().y();
        QTest::mouseClick(plot, Qt::LeftButton, {},
                          QPoint(w.timeline()->xForTime(spike + shown.bucketMs / 2), y));
        auto* table = w.findChild<QTableView*>(QStringLiteral("recordTable"));
        QTRY_VERIFY_WITH_TIMEOUT(table->currentIndex().isValid(), 20000);
        QTRY_VERIFY_WITH_TIMEOUT(w.inspector()->record().topic == topic, 20000);
        QVERIFY2(w.inspector()->record().timestamp >= spike &&
                     w.inspector()->record().timestamp < spike + shown.bucketMs,
                 qPrintable(QString::number(w.inspector()->record().timestamp - spike)));
        if (const QByteArray shots = qgetenv("REWIND_SCREENSHOT_DIR"); !shots.isEmpty()) {
            // README: a cluster topic's timeline from offsets and the topic merged by time.
            w.resize(1600, 1000);
            QTest::qWait(300);
            QVERIFY(w.grab().save(QString::fromLocal8Bit(shots) + QStringLiteral("/cluster-timeline.png")));
            w.resize(1280, 720);
            QTest::qWait(300);
            QVERIFY(
                w.grab().save(QString::fromLocal8Bit(shots) + QStringLiteral("/cluster-timeline-small.png")));
            w.resize(1400, 900);
            QTest::qWait(300);
        }
        // "Count exactly": the same numbers, read from the records.
        timeline.clear();
        w.findChild<QToolButton*>(QStringLiteral("timelineExact"))->click();
        QTRY_VERIFY_WITH_TIMEOUT(timeline.size() >= 1, 30000);
        QVERIFY(!w.timeline()->data().fromOffsets);
        QCOMPARE(w.timeline()->data().records, total);
        QVERIFY(!w.findChild<QToolButton*>(QStringLiteral("timelineExact"))->isVisible());
        // A drag across the spike filters that range (the whole topic, the view shown).
        QSignalSpy searched(&w, &MainWindow::searchFinished);
        const int x0 = w.timeline()->xForTime(spike - 30'000), x1 = w.timeline()->xForTime(spike + 90'000);
        QTest::mousePress(plot, Qt::LeftButton, {}, QPoint(x0, y));
        QTest::mouseMove(plot, QPoint((x0 + x1) / 2, y));
        QTest::mouseMove(plot, QPoint(x1, y));
        QTest::mouseRelease(plot, Qt::LeftButton, {}, QPoint(x1, y));
        QTRY_VERIFY_WITH_TIMEOUT(searched.size() >= 1, 30000);
        const auto range = w.filterBar()->timeRange();
        QVERIFY(range.has_value());
        qint64 inRange = 0;
        for (const ProducerRecord& r : recs)
            if (r.timestamp >= range->first && r.timestamp < range->second) ++inRange;
        QVERIFY(inRange >= 100);
        QCOMPARE(qint64(w.recordModel()->rowCount()), inRange);
        QTRY_COMPARE_WITH_TIMEOUT(w.timeline()->matchesShown(), inRange, 5000);
        // Matches are drawn as batches stream in, not only when the search ends.
        w.timeline()->setMatches({});
        w.timeline()->addMatches({spike + 1, spike + 2});
        w.timeline()->addMatches({spike + 3});
        QTRY_COMPARE_WITH_TIMEOUT(w.timeline()->matchesShown(), qint64(3), 5000);

        // Follow on the merged topic: a record written now shows in under a second.
        w.filterBar()->findChild<QToolButton*>(QStringLiteral("filterRange"))->click(); // the range off
        QTRY_VERIFY_WITH_TIMEOUT(w.recordModel()->isWindow() && w.recordModel()->window()->atEnd, 20000);
        QCOMPARE(qint64(w.recordModel()->rowCount()), total);
        w.setFollow(true);
        QVERIFY(client.value()
                    ->produce({test::producerRecord(topic, 2, QDateTime::currentMSecsSinceEpoch(),
                                                    QByteArray("k"), QByteArray("{\"followed\":true}"))})
                    .ok());
        QElapsedTimer followed;
        followed.start();
#if defined(__SANITIZE_ADDRESS__)
        constexpr int kFollowMs = 5000; // instrumented: everything is several times slower
#else
        constexpr int kFollowMs = 1000;
#endif
        QTRY_COMPARE_WITH_TIMEOUT(qint64(w.recordModel()->rowCount()), total + 1, kFollowMs);
        qInfo("a followed record showed %lld ms after it was written", followed.elapsed());
        QCOMPARE(w.recordModel()->refAt(static_cast<int>(total))->partition, PartitionId(2));
        w.setFollow(false);

        // Paging: a window of a bigger topic moves earlier and later without a hole or a repeat.
        w.selectTopic(big, -1);
        QTRY_VERIFY_WITH_TIMEOUT(w.recordModel()->isWindow() && w.recordModel()->topic() == big &&
                                     w.recordModel()->rowCount() > 0 &&
                                     w.recordModel()->window()->ends.size() == 3,
                                 30000);
        QTRY_COMPARE_WITH_TIMEOUT(qint64(w.recordModel()->rowCount()), RecordTableModel::kMergeWindow, 30000);
        QVERIFY(w.recordModel()->window()->atStart && !w.recordModel()->window()->atEnd);
        QCOMPARE(w.recordModel()->refAt(0)->timestamp, base);
        auto* later = w.findChild<QToolButton*>(QStringLiteral("windowLater"));
        QVERIFY(later->isVisible() && later->isEnabled());
        QSignalSpy windowLoaded(w.recordModel(), &RecordTableModel::windowLoaded);
        later->click();
        QTRY_COMPARE_WITH_TIMEOUT(windowLoaded.size(), 1, 30000);
        QCOMPARE(qint64(w.recordModel()->rowCount()), bigCount - RecordTableModel::kMergeWindow);
        QVERIFY(w.recordModel()->window()->atEnd);
        QCOMPARE(w.recordModel()->refAt(0)->timestamp, base + RecordTableModel::kMergeWindow);
        w.findChild<QToolButton*>(QStringLiteral("windowEarlier"))->click();
        QTRY_COMPARE_WITH_TIMEOUT(windowLoaded.size(), 2, 30000);
        const int back = w.recordModel()->rowCount();
        QVERIFY(back > 0);
        // Right before the window it came from: its last record is the one before.
        QCOMPARE(w.recordModel()->refAt(back - 1)->timestamp, base + RecordTableModel::kMergeWindow - 1);
        for (int r = 1; r < back; ++r)
            QCOMPARE(w.recordModel()->refAt(r)->timestamp, w.recordModel()->refAt(r - 1)->timestamp + 1);
        // Going to a time outside the window reads the window at that time.
        auto* seekBar = w.findChild<QLineEdit*>(QStringLiteral("seekBar"));
        seekBar->setText(QString::number(base + bigCount - 10));
        QTest::keyClick(seekBar, Qt::Key_Return);
        QTRY_VERIFY_WITH_TIMEOUT(w.inspector()->record().topic == big &&
                                     w.inspector()->record().timestamp == base + bigCount - 10,
                                 30000);
        for (const QString& t : {topic, txTopic, compacted, big})
            (void)client.value()->deleteTopic(t);
    }

    // A cluster's lag history is kept in its case workspace (not only for the session): every
    // sample, 30 days and 100,000 samples at most per group; the app's lag file of an earlier
    // version moves there on the group's first sample.
    void clusterLagHistoryIsKeptInItsCaseWorkspace()
    {
        if (testBroker().isEmpty())
            QSKIP("REWIND_KAFKA_BOOTSTRAP is not set (scripts/test starts the test broker)");
        const KafkaProfile profile =
            testCluster(QStringLiteral("lag keep %1").arg(QDateTime::currentMSecsSinceEpoch()));
        auto client = KafkaClient::connect(profile);
        QVERIFY(client.ok());
        const QString topic = QStringLiteral("sandbox.lagkeep-%1").arg(QDateTime::currentMSecsSinceEpoch());
        QVERIFY(client.value()->createTopic(topic, 1).ok());
        const QString group = QStringLiteral("lag-keep-%1").arg(QDateTime::currentMSecsSinceEpoch());
        QVERIFY(client.value()->applyReset(group, {{topic, 0, std::nullopt, 0}}).ok());
        const TimestampMs now = QDateTime::currentMSecsSinceEpoch();
        // What an earlier version kept: a sample 40 days old and one an hour old.
        const QString legacy = kafkaLagHistoryPath(profile.name, group);
        QVERIFY(QDir().mkpath(QFileInfo(legacy).absolutePath()));
        {
            QFile f(legacy);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write("{\"at\":" + QByteArray::number(now - 40 * 86'400'000LL) + ",\"lag\":9}\n");
            f.write("{\"at\":" + QByteArray::number(now - 3'600'000) + ",\"lag\":4}\n");
        }
        const SourceSpec spec = SourceSpec::cluster(profile);
        auto source = openRecordSource(spec);
        QVERIFY(source.ok());
        auto writer = source.value()->groupWriter();
        QVERIFY(writer.ok());
        auto kept = [&](TimestampMs at, qint64 lag) {
            auto r = writer.value()->keepLagSample(group, {at, lag});
            if (!r) qWarning("%s", qPrintable(r.error().message));
            return r.ok() && r.value();
        };
        QVERIFY(kept(now, 5));
        QVERIFY(!QFileInfo::exists(legacy)); // moved
        const QString home = caseHomeFor(spec, appCasesDir());
        QVERIFY2(QFileInfo::exists(home), qPrintable(home));
        QVERIFY(kept(now + 1000, 5)); // every sample (the chart breaks where samples are missing)
        QVERIFY(kept(now + 2000, 7));
        // Another connection (a later session) reads it back: the 40-day-old sample is gone.
        auto again = openRecordSource(spec);
        QVERIFY(again.ok());
        auto g = again.value()->group(group);
        QVERIFY2(g.ok(), qPrintable(g.ok() ? QString() : g.error().message));
        QCOMPARE(g->history.size(), size_t(4));
        QCOMPARE(g->history[0].at, now - 3'600'000);
        QCOMPARE(g->history[0].lag, qint64(4));
        QCOMPARE(g->history[1].lag, qint64(5));
        QCOMPARE(g->history[2].lag, qint64(5));
        QCOMPARE(g->history[3].lag, qint64(7));
        QVERIFY2(g->historyNote.contains(QStringLiteral("30 days")), qPrintable(g->historyNote));
        // The count bound: the newest kept.
        {
            auto store = WorkspaceStore::open(home, WorkspaceStore::Mode::ReadWrite);
            QVERIFY(store.ok());
            auto gone = store.value()->pruneLagSamples(group, 0, 2);
            QVERIFY(gone.ok());
            QCOMPARE(gone.value(), qint64(2));
            QCOMPARE(store.value()->lagSamples(group)->front().lag, qint64(5));
            QCOMPARE(store.value()->lagSamples(group)->back().lag, qint64(7));
        }
        (void)client.value()->deleteTopic(topic);
    }

    // Evidence that will expire (issue 27): a case on the cluster says when retention deletes its
    // pins and its range (retention.ms=60000: a minute after each record's time; a topic without
    // retention: never), warns of what goes within 24 h, keeps the evidence into its case
    // workspace (the records at their offsets), and opens there without the cluster. The CLI
    // prints the same.
    void clusterCaseWarnsOfExpiryAndKeepsTheEvidence()
    {
        if (testBroker().isEmpty())
            QSKIP("REWIND_KAFKA_BOOTSTRAP is not set (scripts/test starts the test broker)");
        const qint64 stamp = QDateTime::currentMSecsSinceEpoch();
        const KafkaProfile profile = testCluster(QStringLiteral("evidence %1").arg(stamp));
        auto client = KafkaClient::connect(profile);
        QVERIFY(client.ok());
        const QString topic = QStringLiteral("sandbox.evidence-%1").arg(stamp);
        const QString noRetention = QStringLiteral("sandbox.evidence-noRetention-%1").arg(stamp);
        QVERIFY(client.value()
                    ->createTopic(topic, 2, -1, QStringLiteral("sandbox."), false,
                                  {{QStringLiteral("retention.ms"), QStringLiteral("60000")}})
                    .ok());
        QVERIFY(client.value()->createTopic(noRetention, 1).ok());
        auto cleanup = qScopeGuard([&] {
            (void)client.value()->deleteTopic(topic);
            (void)client.value()->deleteTopic(noRetention);
        });
        // Record i: partition i % 2, 100 ms apart from 5 s ago; the range holds i in [10, 20).
        const TimestampMs t0 = stamp - 5'000;
        std::vector<ProducerRecord> recs;
        for (int i = 0; i < 40; ++i)
            recs.push_back(test::producerRecord(topic, i % 2, t0 + i * 100, "o-" + QByteArray::number(i),
                                                "{\"n\":" + QByteArray::number(i) + "}", {}));
        for (int i = 0; i < 5; ++i)
            recs.push_back(
                test::producerRecord(noRetention, 0, stamp, "f-" + QByteArray::number(i), "{}", {}));
        QVERIFY(client.value()->produce(recs).ok());

        MainWindow w;
        w.resize(1280, 720);
        w.show();
        QVERIFY(w.profiles()->save(profile).ok());
        QSignalSpy loaded(&w, &MainWindow::workspaceLoaded);
        w.openKafka(profile.name);
        QTRY_COMPARE_WITH_TIMEOUT(loaded.size(), 1, 30000);
        CaseBook* book = w.cases();
        // Partition 0, offset 3 is record 6; partition 1, offset 5 is record 11.
        QCOMPARE(book->addPins({{topic, 0, 3, QStringLiteral("first timeout"), 0, std::nullopt, {}, 0},
                                {topic, 1, 5, QStringLiteral("retry storm"), 0, std::nullopt, {}, 0},
                                {noRetention, 0, 2, {}, 0, std::nullopt, {}, 0}}),
                 3);
        book->addRange({t0 + 1000, t0 + 2000, QStringLiteral("the spike"), 0});
        const QString caseName = book->current().name;
        QTabWidget* tabs = w.findChild<QTabWidget*>(QStringLiteral("mainTabs"));
        if (tabs)
            for (int i = 0; i < tabs->count(); ++i)
                if (tabs->widget(i) == w.casePage()) tabs->setCurrentIndex(i);
        CasePage* page = w.casePage();
        QTRY_VERIFY2_WITH_TIMEOUT(
            page->expiryLabel()->text().contains(QStringLiteral("2 pins will be deleted within 24 h")),
            qPrintable(page->expiryLabel()->text()), 30000);
        QVERIFY(page->expiryLabel()->isVisible());
        QVERIFY2(page->expiryLabel()->text().contains(QStringLiteral("and 1 time range")),
                 qPrintable(page->expiryLabel()->text()));
        auto* pins = book->pinModel();
        // A minute after the record's time (retention.ms), never on a topic without retention.
        QCOMPARE(pins->index(0, CasePinModel::ExpiresCol).data(CasePinModel::ExpiresRole).toLongLong(),
                 t0 + 6 * 100 + 60'000);
        QCOMPARE(pins->index(1, CasePinModel::ExpiresCol).data(CasePinModel::ExpiresRole).toLongLong(),
                 t0 + 11 * 100 + 60'000);
        QVERIFY2(pins->index(0, CasePinModel::ExpiresCol).data().toString().startsWith(QStringLiteral("in ")),
                 qPrintable(pins->index(0, CasePinModel::ExpiresCol).data().toString()));
        QVERIFY(pins->index(0, CasePinModel::ExpiresCol)
                    .data(Qt::ToolTipRole)
                    .toString()
                    .contains(QStringLiteral("retention.ms=60000")));
        QCOMPARE(pins->index(2, CasePinModel::ExpiresCol).data().toString(), QStringLiteral("never"));
        QVERIFY2(page->rangeTable()->item(0, 3)->text().startsWith(QStringLiteral("in ")),
                 qPrintable(page->rangeTable()->item(0, 3)->text()));
        const QStringList cut = rw::test::cutTexts(page); // at 1280x720, nothing is cut
        QVERIFY2(cut.isEmpty(), qPrintable(cut.join(u'\n')));
        if (!qEnvironmentVariableIsEmpty("REWIND_SCREENSHOT_DIR"))
            w.grab().save(QDir(qEnvironmentVariable("REWIND_SCREENSHOT_DIR")).filePath("case-expiry.png"));

        // Keep the evidence.
        QSignalSpy kept(book, &CaseBook::evidenceKept);
        QTest::mouseClick(page->keepButton(), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(kept.size(), 1, 60000);
        const auto report = kept.at(0).at(0).value<EvidenceReport>();
        QCOMPARE(report.pinsKept, 3);
        QCOMPARE(report.ranges, 1);
        QTRY_VERIFY2_WITH_TIMEOUT(page->expiryLabel()->text().contains(QStringLiteral(
                                      "3 pinned records and 1 time range (12 records); 3 of them go from the "
                                      "cluster within 24 h")),
                                  qPrintable(page->expiryLabel()->text()), 10000);
        QVERIFY(!page->expiryLabel()->text().contains(QStringLiteral("will be deleted")));
        QVERIFY(
            pins->index(0, CasePinModel::ExpiresCol).data().toString().startsWith(QStringLiteral("kept")));
        if (!qEnvironmentVariableIsEmpty("REWIND_SCREENSHOT_DIR"))
            w.grab().save(
                QDir(qEnvironmentVariable("REWIND_SCREENSHOT_DIR")).filePath("case-evidence-kept.png"));
        book->saveNow();
        const QString home = caseHomeFor(SourceSpec::cluster(profile), appCasesDir());
        QCOMPARE(book->home(), home);
        {
            // The case workspace holds the records at their offsets, as the cluster has them: the
            // pins and every record of the range.
            auto store = WorkspaceStore::open(home, WorkspaceStore::Mode::ReadOnly);
            QVERIFY(store.ok());
            int inRange = 0;
            std::set<std::pair<int, Offset>> have;
            for (int p = 0; p < 2; ++p)
                for (const Record& r : store.value()->read(topic, p, 0, -1).value()) {
                    const int i =
                        QJsonDocument::fromJson(*r.value).object().value(QStringLiteral("n")).toInt();
                    QCOMPARE(r.partition, i % 2);
                    QCOMPARE(r.offset, Offset(i / 2));
                    QCOMPARE(r.timestamp, t0 + i * 100);
                    QCOMPARE(*r.key, "o-" + QByteArray::number(i));
                    have.insert({p, r.offset});
                    if (r.timestamp >= t0 + 1000 && r.timestamp < t0 + 2000) ++inRange;
                }
            QCOMPARE(inRange, 10);
            QVERIFY(have.count({0, 3}));
            QVERIFY(have.count({1, 5}));
            QCOMPARE(store.value()->read(noRetention, 0, 2, 1).value().at(0).key, QByteArray("f-2"));
            const auto doc = store.value()->caseDocument(caseName);
            QVERIFY(doc.ok() && doc->has_value());
            const Case c = Case::fromJson(*doc.value()).value();
            QVERIFY(std::all_of(c.pins.begin(), c.pins.end(), [](const CasePin& p) { return p.kept > 0; }));
            QVERIFY(c.ranges.at(0).kept > 0);
        }

        // The CLI says the same, on the cluster and on the case workspace alone.
        QTemporaryDir dir;
        const QString profileFile = dir.filePath(QStringLiteral("profile.json"));
        {
            QFile f(profileFile);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(QJsonDocument(QJsonObject{{QStringLiteral("name"), profile.name},
                                              {QStringLiteral("bootstrap"), profile.bootstrap}})
                        .toJson());
        }
        auto onCluster = rw::test::cli({QStringLiteral("case"), QStringLiteral("--profile"), profileFile,
                                        QStringLiteral("--cases"), appCasesDir(), caseName});
        QVERIFY2(onCluster.exit == 0, onCluster.err.constData());
        QVERIFY2(onCluster.out.contains("DELETED"), onCluster.out.constData());
        QCOMPARE(onCluster.out.count("kept; in "), qsizetype(3)); // two pins and the range
        QVERIFY2(onCluster.out.contains("kept; never"), onCluster.out.constData());
        QVERIFY2(onCluster.out.contains("0 pins will be deleted within 24 h"), onCluster.out.constData());
        auto alone = rw::test::cli({QStringLiteral("case"), home, caseName});
        QVERIFY2(alone.exit == 0, alone.err.constData());
        QCOMPARE(alone.out.count("found"), qsizetype(3));
        QVERIFY2(alone.err.contains("3 pins, 0 missing"), alone.err.constData());

        // Open the kept evidence: the case workspace becomes the source, the case opens there
        // and its pins are found without the cluster.
        QSignalSpy reloaded(&w, &MainWindow::workspaceLoaded);
        QVERIFY(page->findChild<QPushButton*>(QStringLiteral("caseOpenKept"))->isVisible());
        QTest::mouseClick(page->findChild<QPushButton*>(QStringLiteral("caseOpenKept")), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(reloaded.size(), 1, 30000);
        QVERIFY(!w.isKafka());
        QTRY_VERIFY_WITH_TIMEOUT(book->hasCase() && book->current().name == caseName, 15000);
        QTRY_VERIFY_WITH_TIMEOUT(pins->index(0, 0).data(CasePinModel::FoundRole).isValid(), 15000);
        for (int r = 0; r < 3; ++r)
            QVERIFY(pins->index(r, 0).data(CasePinModel::FoundRole).toBool());
        QCOMPARE(book->missingPins(), 0);
    }
};
QTEST_MAIN(TstMainWindowKafka)
#include "tst_main_window_kafka.moc"
