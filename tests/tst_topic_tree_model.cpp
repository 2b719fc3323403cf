#include "demo_workspace.h"
#include "test_util.h"
#include "topic_colors.h"
#include "topic_tree_model.h"

#include <QAbstractItemModelTester>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace rw;

class TstTopicTreeModel : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    QString m_ws;

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QSettings().clear();
        m_ws = m_dir.filePath(QStringLiteral("demo.rewind"));
        DemoOptions o;
        o.events = 5000;
        QVERIFY(createDemoWorkspace(m_ws, o).ok());
    }

    // Walkthrough defect 6.15: a topic's colour changed between sources (it came from its place
    // in the source's sorted names). It keeps its colour in every source and after a restart;
    // a source's topics still get distinct colours.
    void topicColoursStayAcrossSources()
    {
        setTopicOrder({QStringLiteral("inventory"), QStringLiteral("orders"), QStringLiteral("payments")});
        const QColor orders = topicColor(QStringLiteral("orders"));
        const QColor payments = topicColor(QStringLiteral("payments"));
        QVERIFY(orders != payments && orders != topicColor(QStringLiteral("inventory")));
        setTopicOrder({QStringLiteral("orders")}); // a sandbox with one of them
        QCOMPARE(topicColor(QStringLiteral("orders")), orders);
        setTopicOrder({QStringLiteral("aaa-first"), QStringLiteral("payments"), QStringLiteral("orders")});
        QCOMPARE(topicColor(QStringLiteral("orders")), orders);
        QCOMPARE(topicColor(QStringLiteral("payments")), payments);
        QVERIFY(topicColor(QStringLiteral("aaa-first")) != orders &&
                topicColor(QStringLiteral("aaa-first")) != payments);
        // Ten topics, ten colours.
        QStringList ten;
        for (int i = 0; i < 10; ++i)
            ten << QStringLiteral("t%1").arg(i);
        setTopicOrder(ten);
        QSet<QRgb> colours;
        for (const QString& t : ten)
            colours.insert(topicColor(t).rgb());
        QCOMPARE(colours.size(), 10);
        // Another run: the settings keep them.
        setTopicOrder({QStringLiteral("zzz"), QStringLiteral("orders")});
        QCOMPARE(topicColor(QStringLiteral("orders")), orders);
    }

    // A partition with an undecided transaction says where read_committed readers stop.
    void undecidedTransactionsShowTheStableOffset()
    {
        WorkspaceOverview o;
        TopicInfo t;
        t.name = QStringLiteral("payments");
        PartitionInfo p0;
        p0.partition = 0;
        p0.high = 120;
        p0.count = 120;
        p0.stable = 100;
        PartitionInfo p1;
        p1.partition = 1;
        p1.high = 50;
        p1.count = 50;
        t.partitions = {p0, p1};
        o.topics = {t};
        TopicTreeModel model;
        model.setOverview(o);
        const QModelIndex topic = model.index(0, 0);
        QCOMPARE(model.index(0, TopicTreeModel::High, topic).data().toString(),
                 QStringLiteral("120 (stable 100)"));
        QVERIFY(model.index(0, TopicTreeModel::High, topic)
                    .data(Qt::ToolTipRole)
                    .toString()
                    .contains(QStringLiteral("read_committed")));
        QCOMPARE(model.index(1, TopicTreeModel::High, topic).data().toString(), QStringLiteral("50"));
        // Decided since: the fresh watermarks have no stable offset apart from the end.
        t.partitions[0].stable.reset();
        t.partitions[0].high = 121;
        QVERIFY(model.updateWatermarks({t}));
        QCOMPARE(model.index(0, TopicTreeModel::High, topic).data().toString(), QStringLiteral("121"));
    }

    void showsTopicsPartitionsAndLag()
    {
        auto overview = loadWorkspaceOverview(m_ws);
        QVERIFY(overview.ok());
        TopicTreeModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setOverview(overview.value());
        QCOMPARE(model.rowCount(), 3);
        QStringList names;
        qint64 total = 0;
        for (int r = 0; r < 3; ++r) {
            const QModelIndex t = model.index(r, TopicTreeModel::Name);
            names << t.data().toString();
            total += model.index(r, TopicTreeModel::Records).data(TopicTreeModel::SortRole).toLongLong();
            const int parts = model.rowCount(t);
            QCOMPARE(model.index(r, TopicTreeModel::Partitions).data().toInt(), parts);
            qint64 sum = 0;
            for (int p = 0; p < parts; ++p) {
                const QModelIndex pi = model.index(p, TopicTreeModel::Records, t);
                QCOMPARE(pi.parent(), t);
                QCOMPARE(pi.data(TopicTreeModel::PartitionRole).toInt(), p);
                QCOMPARE(pi.data(TopicTreeModel::TopicRole).toString(), names.last());
                sum += pi.data(TopicTreeModel::SortRole).toLongLong();
            }
            QCOMPARE(sum,
                     model.index(r, TopicTreeModel::Records).data(TopicTreeModel::SortRole).toLongLong());
        }
        QCOMPARE(names, (QStringList{QStringLiteral("inventory"), QStringLiteral("orders"),
                                     QStringLiteral("payments")}));
        QCOMPARE(total, qint64(5000));
        QCOMPARE(model.rowCount(model.index(1, 0)), 6);
        // notifications is stuck since the incident: its lag is the largest on orders.
        QVERIFY(model.index(1, TopicTreeModel::MaxLag).data(TopicTreeModel::SortRole).toLongLong() > 0);
        // Reset and clear keep the tester happy.
        model.setOverview(overview.value());
        model.clear();
        QCOMPARE(model.rowCount(), 0);
    }

    void loaderDeliversOnTheGuiThreadAndDropsStaleJobs()
    {
        WorkspaceLoader loader;
        QSignalSpy loaded(&loader, &WorkspaceLoader::loaded);
        QSignalSpy failed(&loader, &WorkspaceLoader::failed);
        loader.load(m_dir.filePath(QStringLiteral("missing.rewind")));
        const int second = loader.load(m_ws); // supersedes the first
        QTRY_COMPARE_WITH_TIMEOUT(loaded.size(), 1, 10000);
        QCOMPARE(loaded.at(0).at(0).toInt(), second);
        QCOMPARE(failed.size(), 0);
        const auto o = loaded.at(0).at(1).value<WorkspaceOverview>();
        QCOMPARE(o.totalRecords, qint64(5000));
        QCOMPARE(o.groups.size(), size_t(4));

        const QString junk = m_dir.filePath(QStringLiteral("junk.rewind"));
        QVERIFY(test::writeFile(junk, "not a workspace"));
        loader.load(junk);
        QTRY_COMPARE_WITH_TIMEOUT(failed.size(), 1, 10000);
        QVERIFY(failed.at(0).at(2).value<Error>().message.contains(QStringLiteral("not a Rewind workspace")));
        QCOMPARE(failed.at(0).at(2).value<Error>().code, ErrorCode::NotAWorkspace); // the code arrives too
    }
};

QTEST_MAIN(TstTopicTreeModel)
#include "tst_topic_tree_model.moc"
