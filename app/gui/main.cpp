// rewind: the desktop application.

#include "appearance.h"
#include "main_window.h"
#include "settings_keys.h"
#include "translations.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QFileInfo>
#include <QIcon>
#include <QSettings>
#include <QTimer>

#include <cstdio>

int main(int argc, char** argv)
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("Rewind"));
    QApplication::setOrganizationName(QStringLiteral("Rewind"));
    QApplication::setApplicationVersion(QStringLiteral(REWIND_VERSION));
    QApplication::setDesktopFileName(QStringLiteral("io.rewind.Rewind"));
    Q_INIT_RESOURCE(resources);
    QIcon icon;
    for (int s : {32, 64, 128, 256})
        icon.addFile(QStringLiteral(":/rewind/icons/rewind-%1.png").arg(s));
    QApplication::setWindowIcon(icon);

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Rewind: log explorer and replay console for event logs."));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addPositionalArgument(QStringLiteral("workspace"), QStringLiteral("A workspace file to open."));
    const QCommandLineOption smoke(
        QStringLiteral("smoke-test"),
        QStringLiteral("Open the workspace, then quit: 0 when it opened, 1 when not "
                       "(for package checks)."));
    parser.addOption(smoke);
    const QCommandLineOption colours(
        QStringLiteral("colours"),
        QStringLiteral("Colours for this run: light or dark (default: the setting, "
                       "View ▸ Colours, or the desktop's)."),
        QStringLiteral("scheme"));
    parser.addOption(colours);
    const QCommandLineOption kafka(
        QStringLiteral("kafka"),
        QStringLiteral("Connect to this saved Kafka profile instead of opening a workspace."),
        QStringLiteral("profile"));
    parser.addOption(kafka);
    parser.process(app);
    rw::installTranslations(rw::effectiveLanguage(rw::configuredLanguage()));
    rw::applyColours(parser.isSet(colours) ? parser.value(colours) : rw::configuredColours());

    rw::MainWindow window;
    window.show();
    QString path = parser.positionalArguments().value(0);
    if (parser.isSet(kafka)) {
        window.openKafka(parser.value(kafka));
        return QApplication::exec();
    }
    if (path.isEmpty()) {
        const QString last = QSettings().value(rw::settings::kRecentLast).toString();
        if (QFileInfo::exists(last)) path = last;
    }
    if (parser.isSet(smoke)) {
        if (path.isEmpty()) return 2;
        QObject::connect(&window, &rw::MainWindow::workspaceLoaded, &app, [] { QCoreApplication::exit(0); });
        QObject::connect(&window, &rw::MainWindow::workspaceFailed, &app,
                         [](const QString&, const QString& message) {
                             fprintf(stderr, "rewind: %s\n", qPrintable(message));
                             QCoreApplication::exit(1);
                         });
        QTimer::singleShot(60'000, &app, [] { QCoreApplication::exit(1); });
    }
    if (!path.isEmpty()) window.openWorkspace(path);
    return QApplication::exec();
}
