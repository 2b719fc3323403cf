// The real MainWindow, driven offscreen with QTest.

#include "banner.h"
#include "demo_workspace.h"
#include "main_window.h"
#include "record_inspector.h"
#include "record_table_model.h"
#include "test_util.h"
#include "topic_tree_model.h"

#include <QApplication>
#include <QCheckBox>
#include <QLabel>
#include <QLineEdit>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeView>
#include <QTreeWidget>

using namespace rw;

class TstMainWindow : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    QString m_ws;

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QApplication::setOrganizationName(QStringLiteral("RewindTests"));
        m_ws = m_dir.filePath(QStringLiteral("demo.rewind"));
        DemoOptions o;
        o.events = 20000;
        QVERIFY(createDemoWorkspace(m_ws, o).ok());
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
        QCOMPARE(groups->topLevelItem(1)->text(2), QStringLiteral("–")); // never committed
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
