// The translations: every string the window shows is translated into Russian (lupdate over the
// sources, as scripts/translations runs it, leaves nothing unfinished), plurals use Qt's numerus
// forms, placeholders survive translation, and the window really speaks Russian.

#include "translations.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QLibraryInfo>
#include <QLocale>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>
#include <QXmlStreamReader>

namespace {

struct Message {
    QString context, source;
    bool numerus = false, unfinished = false;
    QStringList forms; // the translation, or its numerus forms
};

std::vector<Message> readTs(const QString& path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) qFatal("cannot read %s", qPrintable(path));
    QXmlStreamReader x(&f);
    std::vector<Message> out;
    QString context;
    Message m;
    while (!x.atEnd()) {
        x.readNext();
        if (!x.isStartElement()) continue;
        if (x.name() == QLatin1String("name")) context = x.readElementText();
        if (x.name() == QLatin1String("message")) {
            m = Message{context,
                        {},
                        x.attributes().value(QLatin1String("numerus")) == QLatin1String("yes"),
                        false,
                        {}};
        } else if (x.name() == QLatin1String("source")) {
            m.source = x.readElementText();
        } else if (x.name() == QLatin1String("translation")) {
            const auto type = x.attributes().value(QLatin1String("type"));
            m.unfinished = type == QLatin1String("unfinished") || type == QLatin1String("vanished");
            if (!m.numerus) {
                m.forms = {x.readElementText(QXmlStreamReader::IncludeChildElements)};
                out.push_back(m);
            }
        } else if (x.name() == QLatin1String("numerusform")) {
            m.forms << x.readElementText();
            if (m.forms.size() == 1)
                out.push_back(m);
            else
                out.back().forms = m.forms;
        }
    }
    if (x.hasError()) qFatal("%s: %s", qPrintable(path), qPrintable(x.errorString()));
    return out;
}

QStringList placeholders(const QString& s)
{
    QStringList out;
    static const QRegularExpression re(QStringLiteral("%L?[n0-9]+"));
    for (auto it = re.globalMatch(s); it.hasNext();)
        out << it.next().captured();
    out.sort();
    return out;
}

} // namespace

class TstTranslations : public QObject {
    Q_OBJECT

private slots:
    // lupdate over the sources, into a copy of the committed files: nothing new, nothing
    // unfinished. A new tr() string without its Russian fails here.
    void everyStringIsTranslated()
    {
        const QString lupdate = QLibraryInfo::path(QLibraryInfo::BinariesPath) + QStringLiteral("/lupdate");
        QVERIFY2(QFile::exists(lupdate),
                 qPrintable(lupdate + QStringLiteral(" is missing (scripts/deps installs it)")));
        QTemporaryDir dir;
        const QString ts = dir.filePath(QStringLiteral("rewind_ru.ts"));
        QVERIFY(QFile::copy(QStringLiteral(REWIND_SOURCE_DIR "/resources/translations/rewind_ru.ts"), ts));
        QFile::setPermissions(ts, QFile::ReadOwner | QFile::WriteOwner);
        QProcess p;
        p.setWorkingDirectory(QStringLiteral(REWIND_SOURCE_DIR));
        p.start(lupdate,
                {QStringLiteral("-locations"), QStringLiteral("none"), QStringLiteral("-no-obsolete"),
                 QStringLiteral("app/gui"), QStringLiteral("widgets"), QStringLiteral("models"),
                 QStringLiteral("connectors"), QStringLiteral("core"), QStringLiteral("-ts"), ts});
        QVERIFY(p.waitForFinished(120000));
        QVERIFY2(p.exitCode() == 0, p.readAllStandardError().constData());
        const auto messages = readTs(ts);
        QVERIFY(messages.size() > 400);
        QStringList unfinished;
        for (const Message& m : messages)
            if (m.unfinished || m.forms.join(QString()).trimmed().isEmpty())
                unfinished << m.context + QStringLiteral(": ") + m.source;
        QVERIFY2(unfinished.isEmpty(),
                 qPrintable(QStringLiteral("%1 untranslated (run scripts/translations, then translate):\n")
                                .arg(unfinished.size()) +
                            unfinished.join(QLatin1Char('\n'))));
    }

    // Placeholders survive; Russian plurals have their three forms; English has its two.
    void translationsAreWellFormed()
    {
        for (const QString& lang : {QStringLiteral("ru"), QStringLiteral("en")}) {
            const auto messages =
                readTs(QStringLiteral(REWIND_SOURCE_DIR "/resources/translations/rewind_%1.ts").arg(lang));
            for (const Message& m : messages) {
                if (m.numerus) QCOMPARE(m.forms.size(), lang == QLatin1String("ru") ? 3 : 2);
                for (const QString& f : m.forms)
                    QVERIFY2(placeholders(f) == placeholders(m.source),
                             qPrintable(m.source + QStringLiteral(" => ") + f));
            }
        }
    }

    // The compiled Russian translation: "1 запись / 2 записи / 5 записей", Russian numbers.
    void russianPluralsAndNumbers()
    {
        QVERIFY(rw::installTranslations(QStringLiteral("ru")));
        auto records = [](int n) {
            return QCoreApplication::translate("rw::MainWindow", "%Ln record(s)", nullptr, n);
        };
        QCOMPARE(records(1), QStringLiteral("1 запись"));
        QCOMPARE(records(2), QStringLiteral("2 записи"));
        QCOMPARE(records(5), QStringLiteral("5 записей"));
        QCOMPARE(records(21), QStringLiteral("21 запись"));
        QCOMPARE(records(20000), QStringLiteral("20\u00a0000 записей"));
        QCOMPARE(QCoreApplication::translate("rw::MainWindow", "&File"), QStringLiteral("&Файл"));
        QCOMPARE(QLocale().toString(1234567), QStringLiteral("1\u00a0234\u00a0567"));
        QVERIFY(rw::installTranslations(QStringLiteral("en")));
        QCOMPARE(records(1), QStringLiteral("1 record"));
        QCOMPARE(records(20000), QStringLiteral("20,000 records"));
        QCOMPARE(QCoreApplication::translate("rw::MainWindow", "&File"), QStringLiteral("&File"));
    }
};

QTEST_GUILESS_MAIN(TstTranslations)
#include "tst_translations.moc"
