#include "record_inspector.h"

#include <QApplication>
#include <QClipboard>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTest>

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
