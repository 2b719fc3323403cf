#include "export_dialog.h"
#include "record_inspector.h"
#include "sources_panel.h"

#include <QApplication>
#include <QClipboard>
#include <QDialogButtonBox>
#include <QDir>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSettings>
#include <QStandardPaths>
#include <QTest>
#include <QTreeWidget>
#include <QTreeWidgetItemIterator>

using namespace rw;

namespace {
Record make(std::optional<QByteArray> key, std::optional<QByteArray> value)
{
    Record r;
    r.topic = QStringLiteral("t");
    r.partition = 1;
    r.offset = 7;
    r.timestamp = 1795058220000;
    r.key = std::move(key);
    r.value = std::move(value);
    r.headers = {{"h", QByteArray("<i>x</i>")}, {"n", std::nullopt}};
    return r;
}
} // namespace

class TstRecordInspector : public QObject {
    Q_OBJECT
private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QApplication::setOrganizationName(QStringLiteral("RewindTests"));
    }

    // Walkthrough defect 6.15: the export dialog forgot its format, columns and file every time.
    // The last accepted export's choices come back; a case bundle's choice is not remembered.
    void exportDialogRemembersTheLastChoices()
    {
        QSettings().remove(QStringLiteral("export"));
        const QString file = QDir::temp().filePath(QStringLiteral("rewind-export-test.csv"));
        {
            ExportDialog d(QStringLiteral("some records"), MaskPolicy{}, false);
            d.setFormat(ExportFormat::Csv);
            auto* columns = d.findChild<QListWidget*>(QStringLiteral("exportColumns"));
            QVERIFY(columns && columns->count() > 2);
            for (int i = 0; i < columns->count(); ++i)
                columns->item(i)->setCheckState(i < 2 ? Qt::Checked : Qt::Unchecked);
            d.extraColumns()->setText(QStringLiteral("value.order_id"));
            d.setPath(file);
            d.findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Ok)->click();
            QCOMPARE(d.result(), int(QDialog::Accepted));
        }
        ExportDialog again(QStringLiteral("other records"), MaskPolicy{}, false);
        QCOMPARE(again.format(), ExportFormat::Csv);
        auto* columns = again.findChild<QListWidget*>(QStringLiteral("exportColumns"));
        QCOMPARE(again.columns(), (QStringList{columns->item(0)->text(), columns->item(1)->text(),
                                               QStringLiteral("value.order_id")}));
        QCOMPARE(again.path(), file);
        ExportDialog bundle(QStringLiteral("a case"), MaskPolicy{}, true);
        QCOMPARE(bundle.format(), ExportFormat::Workspace);
    }

    // Recent files of the same name (demo.rewind here and there) were listed alike: the folder
    // tells them apart, and a name used once stays short.
    void sameNamedSourcesAreToldApart()
    {
        SourcesPanel panel;
        panel.setWorkspaces({QStringLiteral("/srv/a/demo.rewind"), QStringLiteral("/srv/b/demo.rewind"),
                             QStringLiteral("/srv/c/other.rewind")});
        QStringList texts;
        for (QTreeWidgetItemIterator it(panel.tree()); *it; ++it)
            texts << (*it)->text(0);
        QVERIFY2(texts.contains(QStringLiteral("demo.rewind — ") +
                                QDir::toNativeSeparators(QStringLiteral("/srv/a"))),
                 qPrintable(texts.join(QLatin1Char('|'))));
        QVERIFY(texts.contains(QStringLiteral("demo.rewind — ") +
                               QDir::toNativeSeparators(QStringLiteral("/srv/b"))));
        QVERIFY(texts.contains(QStringLiteral("other.rewind")));
    }

    void jsonIsPrettyAndPlain()
    {
        RecordInspector w;
        w.showRecord(
            make(QByteArray("<b>k</b>"), QByteArray(R"({"a":1,"html":"<script>alert(1)</script>"})")),
            QStringLiteral("/tmp/x.rewind"));
        QCOMPARE(w.currentView(), QStringLiteral("json"));
        QVERIFY(w.valueText().contains(QStringLiteral("\"html\": \"<script>alert(1)</script>\"")));
        QCOMPARE(w.findChild<QPlainTextEdit*>(QStringLiteral("inspectorKey"))->toPlainText(),
                 QStringLiteral("<b>k</b>"));
    }

    void binaryShowsHex()
    {
        RecordInspector w;
        w.showRecord(make(std::nullopt, QByteArray("\x00\xff\x80 raw", 7)), QString());
        QCOMPARE(w.currentView(), QStringLiteral("hex"));
        QVERIFY(w.valueText().startsWith(QStringLiteral("00000000  00 ff 80 20")));
        QVERIFY(w.findChild<QPlainTextEdit*>(QStringLiteral("inspectorKey"))
                    ->toPlainText()
                    .contains(QStringLiteral("null")));
    }

    void hugeValueIsTruncatedUntilShowAll()
    {
        RecordInspector w;
        w.showRecord(make(QByteArray("k"), QByteArray(10 << 20, 'x')), QString());
        QVERIFY(w.valueText().size() < (1 << 20) + 100);
        QVERIFY(w.valueText().endsWith(QStringLiteral("(truncated)")));
        auto* showAll = w.findChild<QPushButton*>();
        bool clicked = false;
        for (QPushButton* b : w.findChildren<QPushButton*>()) {
            if (b->text().startsWith(QStringLiteral("Show all"))) {
                QVERIFY(b->text().contains(QStringLiteral("10.5 MB")));
                QTest::mouseClick(b, Qt::LeftButton);
                clicked = true;
            }
        }
        Q_UNUSED(showAll);
        QVERIFY(clicked);
        QCOMPARE(w.valueText().size(), qsizetype(10 << 20));
    }

    void tombstoneAndCopyCommand()
    {
        RecordInspector w;
        w.showRecord(make(QByteArray("k"), std::nullopt), QStringLiteral("/data/demo.rewind"));
        QVERIFY(w.valueText().contains(QStringLiteral("tombstone")));
        for (QPushButton* b : w.findChildren<QPushButton*>())
            if (b->text() == QLatin1String("Copy command")) QTest::mouseClick(b, Qt::LeftButton);
        QCOMPARE(QApplication::clipboard()->text(),
                 QStringLiteral("rewind-cli consume '/data/demo.rewind' -t 't' -p 1 -o 7 -c 1 -J"));
    }
};

QTEST_MAIN(TstRecordInspector)
#include "tst_record_inspector.moc"
