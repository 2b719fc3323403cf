#pragma once
// The interface language: English or Russian, following the system locale unless the user chose
// one (View ▸ Language, kept in the settings; it takes effect at the next start). Installs
// Rewind's translation, Qt's own (standard dialogs), and makes the language's locale the default
// for numbers and dates in the window. The command line stays English. GUI thread only.

#include <QString>
#include <QStringList>

namespace rw {

QStringList availableLanguages(); // "en", "ru"
QString configuredLanguage();     // from the settings; empty: follow the system
QString effectiveLanguage(const QString& configured);
void setConfiguredLanguage(const QString& language); // empty: follow the system
// Loads the translations of `language` into the application; false if they are missing.
bool installTranslations(const QString& language);

} // namespace rw
