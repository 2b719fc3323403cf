#pragma once
// Every key Rewind keeps in QSettings, in one place: what the window, the views and the stores
// remember between runs. Passwords are never among them (they live in the OS keychain).
// Any thread (QSettings is thread-safe); the values are plain constants.

#include <QString>

namespace rw::settings {

// The main window.
inline const QString kWindowGeometry = QStringLiteral("window/geometry");
inline const QString kWindowState = QStringLiteral("window/state");
inline const QString kMainSplitter = QStringLiteral("window/split");      // sources | topics | groups
inline const QString kSideSplitter = QStringLiteral("window/side");       // left column | tabs
inline const QString kRecordsSplitter = QStringLiteral("window/records"); // timeline | records

// What was on screen, restored when the same source opens again: the ViewState (JSON), the tab
// and the consumer group shown.
inline const QString kViewState = QStringLiteral("view/state");
inline const QString kViewTab = QStringLiteral("view/tab");
inline const QString kViewGroup = QStringLiteral("view/group");
inline const QString kViewUtc = QStringLiteral("view/utc");
inline const QString kViewCase = QStringLiteral("view/case"); // the case open (its name; empty: none)

// Sources opened before.
inline const QString kRecentWorkspaces = QStringLiteral("recent/workspaces");
inline const QString kRecentLast = QStringLiteral("recent/last");

// Look and language.
inline const QString kColours = QStringLiteral("ui/colours");
// Each topic name's colour (an index into the palette), kept so a topic looks the same in every
// source and after a restart.
inline const QString kTopicColours = QStringLiteral("ui/topicColours");
inline const QString kLanguage = QStringLiteral("ui/language");

// The export dialog's last choices: format (NDJSON or CSV; a bundle is chosen for cases), CSV
// columns ticked and typed, and the file last written (its folder and name are offered again).
inline const QString kExportFormat = QStringLiteral("export/format");
inline const QString kExportColumns = QStringLiteral("export/columns");
inline const QString kExportExtraColumns = QStringLiteral("export/extraColumns");
inline const QString kExportPath = QStringLiteral("export/path");

// Kafka connection profiles, one JSON value per profile under this group (no passwords).
inline const QString kKafkaProfiles = QStringLiteral("kafka/profiles");

} // namespace rw::settings
