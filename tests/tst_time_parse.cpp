#include "time_parse.h"

#include <QRandomGenerator>
#include <QTest>

using namespace rw;

class TstTimeParse : public QObject {
    Q_OBJECT
private slots:
    // The fast formatter writes what QDateTime writes, for every kind of day: leap days, the
    // ends of the ISO range, before 1970, and a million random instants.
    void appendTimestampUtcWritesWhatQtWrites()
    {
        std::vector<qint64> times = {0,
                                     -1,
                                     1,
                                     951782400000,
                                     951868799999,
                                     4102444800123,
                                     253402300799999,
                                     -62135596800000,
                                     -62135596800001,
                                     253402300800000,
                                     1795058220000};
        QRandomGenerator rng(7);
        for (int i = 0; i < 1'000'000; ++i)
            times.push_back(static_cast<qint64>(rng.bounded(static_cast<quint64>(600'000'000'000'000))) -
                            300'000'000'000'000);
        for (qint64 t : times) {
            QByteArray b;
            appendTimestampUtc(b, t);
            if (b != formatTimestampUtc(t).toLatin1())
                QFAIL(qPrintable(QStringLiteral("%1: %2 vs %3")
                                     .arg(t)
                                     .arg(QString::fromLatin1(b), formatTimestampUtc(t))));
        }
    }

    void accepted_data()
    {
        const qint64 now = 1795058220000; // 2026-11-19T03:17:00Z
        QTest::addColumn<QString>("text");
        QTest::addColumn<qint64>("expected");
        QTest::newRow("epoch ms") << QStringLiteral("1700000000123") << qint64(1700000000123);
        QTest::newRow("iso z") << QStringLiteral("2026-11-19T03:17:00Z") << now;
        QTest::newRow("iso ms") << QStringLiteral("2026-11-19T03:17:00.250Z") << now + 250;
        QTest::newRow("iso offset") << QStringLiteral("2026-11-19T04:17:00+01:00") << now;
        QTest::newRow("space") << QStringLiteral("2026-11-19 03:17:00Z") << now;
        QTest::newRow("now") << QStringLiteral("now") << now;
        QTest::newRow("now-2h") << QStringLiteral("now-2h") << now - 7'200'000;
        QTest::newRow("now - 90m") << QStringLiteral("now - 90m") << now - 5'400'000;
        QTest::newRow("-1d") << QStringLiteral("-1d") << now - 86'400'000;
        QTest::newRow("+30s") << QStringLiteral("now+30s") << now + 30'000;
    }
    void accepted()
    {
        QFETCH(QString, text);
        QFETCH(qint64, expected);
        auto t = parseTimePoint(text, 1795058220000);
        QVERIFY2(t.ok(), qPrintable(t.ok() ? QString() : t.error().message));
        QCOMPARE(t.value(), expected);
    }

    void rejected()
    {
        for (const char* s : {"", "yesterday", "now-2x", "2026-13-45", "now--2h", "12:00"}) {
            auto t = parseTimePoint(QString::fromLatin1(s), 0);
            QVERIFY2(!t.ok(), s);
            QCOMPARE(t.error().code, ErrorCode::Parse);
        }
    }

    void formatsUtcWithMilliseconds()
    {
        QCOMPARE(formatTimestampUtc(1795058220123), QStringLiteral("2026-11-19T03:17:00.123Z"));
    }
};

QTEST_APPLESS_MAIN(TstTimeParse)
#include "tst_time_parse.moc"
