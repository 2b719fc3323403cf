#include "translations.h"

#include "settings_keys.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QLocale>
#include <QSettings>
#include <QTranslator>

namespace rw {

namespace {
const QString& kKey = settings::kLanguage;
}

QStringList availableLanguages()
{
    return {QStringLiteral("en"), QStringLiteral("ru")};
}

QString configuredLanguage()
{
    const QString l = QSettings().value(kKey).toString();
    return availableLanguages().contains(l) ? l : QString();
}

void setConfiguredLanguage(const QString& language)
{
    if (language.isEmpty())
        QSettings().remove(kKey);
    else
        QSettings().setValue(kKey, language);
}

QString effectiveLanguage(const QString& configured)
{
    if (!configured.isEmpty()) return configured;
    return QLocale::system().language() == QLocale::Russian ? QStringLiteral("ru") : QStringLiteral("en");
}

bool installTranslations(const QString& language)
{
    static QTranslator* ours = nullptr;
    static QTranslator* qt = nullptr;
    for (QTranslator** t : {&ours, &qt})
        if (*t) {
            QCoreApplication::removeTranslator(*t);
            delete *t;
            *t = nullptr;
        }
    // English has a translation too: the plural forms of "%n record(s)".
    ours = new QTranslator;
    const bool ok = ours->load(QStringLiteral(":/i18n/rewind_%1.qm").arg(language));
    if (ok) QCoreApplication::installTranslator(ours);
    if (language != QLatin1String("en")) {
        qt = new QTranslator;
        if (qt->load(QStringLiteral("qtbase_%1").arg(language),
                     QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
            QCoreApplication::installTranslator(qt);
    }
    // Numbers and dates in the window follow the language (copy and export stay ISO).
    QLocale::setDefault(language == QLatin1String("ru") ? QLocale(QLocale::Russian, QLocale::Russia)
                                                        : QLocale(QLocale::English, QLocale::UnitedStates));
    return ok;
}

} // namespace rw
