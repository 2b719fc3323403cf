// MainWindow: how the window is put together (its panes, tabs, status bar and menus), and its
// layout restored at start and saved at close.

#include "groups_list.h"
#include "main_window.h"
#include "source_session.h"

#include "file_dialogs.h"

#include "appearance.h"
#include "banner.h"
#include "broker_watch.h"
#include "case_book.h"
#include "cluster_page.h"
#include "envelope.h"
#include "filter_bar.h"
#include "group_details.h"
#include "group_page.h"
#include "job_runner.h"
#include "kafka_client.h"
#include "kafka_source.h"
#include "lag_chart.h"
#include "profile_dialog.h"
#include "profile_store.h"
#include "record_inspector.h"
#include "record_table_model.h"
#include "records_page.h"
#include "replay_console.h"
#include "replay_runner.h"
#include "reset_dialog.h"
#include "schema_files_dialog.h"
#include "schemas_topic.h"
#include "search_runner.h"
#include "settings_keys.h"
#include "sources_panel.h"
#include "time_parse.h"
#include "timeline_loader.h"
#include "timeline_view.h"
#include "topic_colors.h"
#include "topic_tree_model.h"
#include "topic_tree_view.h"
#include "trace_page.h"
#include "trace_view.h"
#include "translations.h"
#include "view_state.h"
#include "watermark_poller.h"

#include <climits>

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QCloseEvent>
#include <QDateTime>
#include <QDateTimeEdit>
#include <QDialogButtonBox>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QPushButton>
#include <QRegularExpression>
#include <QScreen>
#include <QScrollBar>
#include <QSettings>
#include <QSplitter>
#include <QStatusBar>
#include <QTabWidget>
#include <QTableView>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

#include <qcustomplot.h>
#include <sqlite3.h>

namespace rw {

namespace {
constexpr int kMaxRecent = 8;
} // namespace

MainWindow::MainWindow(QWidget* parent)
    : QMainWindow(parent), m_topicModel(new TopicTreeModel(this)), m_topicView(new TopicTreeView),
      m_groups(new GroupsList), m_banner(new Banner), m_status(new QLabel), m_sampler(new LagSampler(this)),
      m_watermarks(new WatermarkPoller(this)), m_brokerWatch(new BrokerWatch(this)),
      m_brokerHealth(new QLabel), m_profiles(new ProfileStore(this)), m_kafkaJobs(new KafkaJobs(this)),
      m_jobs(new JobRunner(this)), m_factJobs(new JobRunner(this))
{
    setObjectName(QStringLiteral("mainWindow"));
    setWindowTitle(QStringLiteral("Rewind"));
    // The first window fits the screen it opens on (a 1280×720 laptop included); later ones come
    // back where they were (restoreGeometry below).
    if (const QScreen* screen = QGuiApplication::primaryScreen()) {
        const QRect avail = screen->availableGeometry();
        resize(std::min(1500, avail.width() * 95 / 100), std::min(950, avail.height() * 92 / 100));
    } else {
        resize(1280, 720);
    }

    m_topicView->setModel(m_topicModel);
    connect(m_groups, &GroupsList::groupChosen, this, &MainWindow::showGroup);

    buildSidePane();
    buildTabs();
    buildCentral();
    buildCases();
    // A live cluster's brokers, replication problems and topic settings, after the case (the
    // tab shows only while a cluster is open).
    m_clusterPage = new ClusterPage;
    connect(m_clusterPage, &ClusterPage::partitionWanted, this,
            [this](const QString& topic, int partition) { selectTopic(topic, partition); });
    m_tabs->addTab(m_clusterPage, tr("C&luster"));
    m_tabs->setTabVisible(ClusterTab, false);
    buildMenus();
    refreshSources();

    wireSources();
    restoreLayout();
}

void MainWindow::applyTopicFilter()
{
    const QString text = m_topicFilter->text().trimmed();
    const int total = m_topicModel->rowCount();
    int shown = 0;
    for (int r = 0; r < total; ++r) {
        const bool show = text.isEmpty() || m_topicModel->index(r, 0)
                                                .data(TopicTreeModel::TopicRole)
                                                .toString()
                                                .contains(text, Qt::CaseInsensitive);
        if (m_topicView->isRowHidden(r, {}) == show) m_topicView->setRowHidden(r, {}, !show);
        shown += show;
    }
    m_topicsLabel->setText(
        text.isEmpty()
            ? tr("<b>Topics</b>")
            : tr("<b>Topics</b> %1 of %2").arg(QLocale().toString(shown), QLocale().toString(total)));
}

// Sources, topics and consumer groups, one above the other.
void MainWindow::buildSidePane()
{
    auto* topicsLabel = m_topicsLabel = new QLabel(tr("<b>Topics</b>"));
    auto* groupsLabel = new QLabel(tr("<b>Consumer groups</b>"));
    // A cluster of thousands of topics: a few letters find one.
    m_topicFilter = new QLineEdit;
    m_topicFilter->setObjectName(QStringLiteral("topicFilter"));
    m_topicFilter->setPlaceholderText(tr("Filter topics"));
    m_topicFilter->setToolTip(tr("Shows the topics whose names contain this text (any case)"));
    m_topicFilter->setClearButtonEnabled(true);
    connect(m_topicFilter, &QLineEdit::textChanged, this, &MainWindow::applyTopicFilter);
    auto* topicsRow = new QHBoxLayout;
    topicsRow->addWidget(topicsLabel);
    topicsRow->addWidget(m_topicFilter, 1);
    auto* topPane = new QWidget;
    auto* topLayout = new QVBoxLayout(topPane);
    topLayout->setContentsMargins(0, 0, 0, 0);
    topLayout->addLayout(topicsRow);
    topLayout->addWidget(m_topicView);
    auto* bottomPane = new QWidget;
    auto* bottomLayout = new QVBoxLayout(bottomPane);
    bottomLayout->setContentsMargins(0, 0, 0, 0);
    bottomLayout->addWidget(groupsLabel);
    bottomLayout->addWidget(m_groups);
    m_sources = new SourcesPanel;
    connect(m_sources, &SourcesPanel::workspaceChosen, this, &MainWindow::openWorkspace);
    connect(m_sources, &SourcesPanel::kafkaChosen, this, &MainWindow::openKafka);
    connect(m_sources, &SourcesPanel::openFileRequested, this, &MainWindow::chooseWorkspace);
    connect(m_sources, &SourcesPanel::openDataDirRequested, this, &MainWindow::chooseDataDirectory);
    connect(m_sources, &SourcesPanel::addKafkaRequested, this, [this] { editProfile(QString()); });
    connect(m_sources, &SourcesPanel::editKafkaRequested, this, &MainWindow::editProfile);
    connect(m_sources, &SourcesPanel::removeKafkaRequested, this, [this](const QString& name) {
        if (QMessageBox::question(this, tr("Remove profile"),
                                  tr("Remove the Kafka profile \"%1\" and its saved password?").arg(name)) ==
            QMessageBox::Yes)
            m_profiles->remove(name);
    });
    connect(m_profiles, &ProfileStore::changed, this, &MainWindow::refreshSources);
    auto* split = m_mainSplit = new QSplitter(Qt::Vertical);
    split->setObjectName(QStringLiteral("mainSplitter"));
    split->addWidget(m_sources);
    split->addWidget(topPane);
    split->addWidget(bottomPane);
    split->setStretchFactor(0, 1);
    split->setStretchFactor(1, 3);
    split->setStretchFactor(2, 1);
    split->setSizes({150, 450, 200});
}

// The pages: records, consumer group, trace, replay (the case page joins in buildCases()).
void MainWindow::buildTabs()
{
    m_tabs = new QTabWidget;
    m_tabs->setObjectName(QStringLiteral("mainTabs"));
    m_tabs->setDocumentMode(true);
    m_recordsPage = new RecordsPage(m_banner);
    connect(m_recordsPage, &RecordsPage::topicWanted, this, [this](const QString& t) { selectTopic(t); });
    connect(m_recordsPage, &RecordsPage::traceKeyRequested, this, &MainWindow::traceKey);
    connect(m_recordsPage, &RecordsPage::rowShown, this, [this] { m_tabs->setCurrentIndex(RecordsTab); });
    connect(m_recordsPage, &RecordsPage::utcChanged, this, [this](bool utc) {
        m_groupPage->setUtc(utc);
        m_tracePage->setUtc(utc);
        QSettings().setValue(settings::kViewUtc, utc);
    });
    connect(m_recordsPage, &RecordsPage::searchFinished, this, &MainWindow::searchFinished);
    connect(m_recordsPage, &RecordsPage::copied, m_status, &QLabel::setText);
    connect(m_recordsPage, &RecordsPage::timelineLoaded, this, &MainWindow::timelineLoaded);
    m_tabs->addTab(m_recordsPage, tr("&Records"));
    m_groupPage = new GroupPage;
    connect(m_groupPage, &GroupPage::groupLoaded, this, &MainWindow::groupLoaded);
    connect(m_groupPage, &GroupPage::failed, this,
            [this](const QString& message) { m_banner->showMessage(Banner::Kind::Error, message); });
    connect(m_groupPage, &GroupPage::offsetsReset, this, [this](const QString& group) {
        m_banner->showMessage(Banner::Kind::Info, tr("The offsets of %1 were reset.").arg(group));
        reload();
        showGroup(group);
    });
    m_tabs->addTab(m_groupPage, tr("Consumer &group"));
    m_tabs->addTab(buildTraceTab(), tr("&Trace"));
    m_replay = new ReplayConsole;
    connect(m_replay, &ReplayConsole::runFinished, this, [this] {
        reload(); // the sandbox may be in this source: its new records and topics show
    });
    m_tabs->addTab(m_replay, tr("Re&play"));
}

// The side pane beside the pages, the banner above them, the status line below.
void MainWindow::buildCentral()
{
    auto* horizontal = m_sideSplit = new QSplitter(Qt::Horizontal);
    horizontal->setObjectName(QStringLiteral("sideSplitter"));
    horizontal->addWidget(m_mainSplit);
    horizontal->addWidget(m_tabs);
    horizontal->setStretchFactor(0, 0);
    horizontal->setStretchFactor(1, 1);
    // The records get the room (restored from settings below): a quarter for the side at most.
    const int side = std::clamp(width() / 4, 250, 420);
    horizontal->setSizes({side, width() - side});
    connect(m_topicView->selectionModel(), &QItemSelectionModel::currentChanged, this,
            &MainWindow::showSelection);

    auto* central = new QWidget;
    auto* layout = new QVBoxLayout(central);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->addWidget(m_banner);
    layout->addWidget(horizontal, 1);
    setCentralWidget(central);
    m_status->setMinimumWidth(40);
    m_status->setSizePolicy(QSizePolicy::Ignored,
                            QSizePolicy::Preferred); // a long path never widens the window
    statusBar()->addWidget(m_status, 1);
    // Brokers of the open cluster that do not answer: which, and since when (hidden while all do).
    m_brokerHealth->setObjectName(QStringLiteral("brokerHealth"));
    m_brokerHealth->setTextFormat(Qt::PlainText);
    m_brokerHealth->setStyleSheet(QStringLiteral("QLabel { color: #b3261e; font-weight: bold; }"));
    m_brokerHealth->hide();
    statusBar()->addPermanentWidget(m_brokerHealth);
    m_status->setText(tr("No workspace open. File ▸ Open (Ctrl+O), or run rewind-cli demo to create one."));
}

// The source session, the lag sampler and the watermark poller, to the views they feed.
void MainWindow::wireSources()
{
    // Every kind of source loads through the one session: only the newest request's answer arrives.
    m_session = new SourceSession(m_profiles, this);
    connect(m_session, &SourceSession::status, m_status, &QLabel::setText);
    connect(m_session, &SourceSession::notice, m_banner, &Banner::showMessage);
    connect(m_session, &SourceSession::loaded, this, &MainWindow::onLoaded);
    connect(m_session, &SourceSession::failed, this, &MainWindow::onFailed);

    // Lag history: sampled while the window is open; live samples extend the chart shown.
    connect(m_sampler, &LagSampler::sampled, this,
            [this](const QString& path, const QString& group, const LagSample& s, bool) {
                if (path == m_path) m_groupPage->addSample(group, s);
            });
    connect(m_sampler, &LagSampler::notice, this,
            [this](const QString& message) { m_status->setToolTip(message); });
    // A live source's watermarks, read again every few seconds and when a view reads further,
    // so the tree never says "0 records" beside a table of 52 (walkthrough defect 6.8).
    connect(m_brokerWatch, &BrokerWatch::changed, this, [this] {
        QString text = m_brokerWatch->summary();
        QStringList why;
        for (const BrokerWatch::Broker& b : m_brokerWatch->brokers())
            if (!b.reachable) why << tr("Broker %1: %2").arg(b.id).arg(b.problem);
        if (m_brokerWatch->clusterDownSince() != 0) why << m_brokerWatch->clusterProblem();
        if (text.size() > 160) text = text.left(159) + QChar(0x2026);
        m_brokerHealth->setText(text);
        m_brokerHealth->setToolTip(why.join(QLatin1Char('\n')));
        m_brokerHealth->setVisible(!text.isEmpty());
    });
    connect(m_watermarks, &WatermarkPoller::polled, this,
            [this](const std::vector<TopicInfo>& topics) { m_topicModel->updateWatermarks(topics); });
    connect(m_recordsPage, &RecordsPage::partitionEndSeen, this,
            [this](const QString& topic, int partition, qint64 high) {
                m_topicModel->setPartitionHigh(topic, partition, high);
            });
}

// The geometry, splitters and time zone of the last session.
void MainWindow::restoreLayout()
{
    QSettings settings;
    // A geometry saved on a larger screen is clipped to this one, never left off it.
    if (restoreGeometry(settings.value(settings::kWindowGeometry).toByteArray()))
        if (const QScreen* screen = QGuiApplication::primaryScreen()) {
            const QRect avail = screen->availableGeometry();
            if (!isMaximized() && (width() > avail.width() || height() > avail.height()))
                resize(std::min(width(), avail.width()), std::min(height(), avail.height()));
        }
    restoreState(settings.value(settings::kWindowState).toByteArray());
    m_mainSplit->restoreState(settings.value(settings::kMainSplitter).toByteArray());
    m_sideSplit->restoreState(settings.value(settings::kSideSplitter).toByteArray());
    m_recordsPage->splitter()->restoreState(settings.value(settings::kRecordsSplitter).toByteArray());
    m_recordsPage->setUtc(settings.value(settings::kViewUtc, true).toBool());
}

QWidget* MainWindow::buildTraceTab()
{
    m_tracePage = new TracePage;
    connect(m_tracePage, &TracePage::finished, this, &MainWindow::traceFinished);
    connect(m_tracePage, &TracePage::showInRecordsRequested, this, &MainWindow::showRecordInRecords);
    connect(m_tracePage, &TracePage::copied, m_status, &QLabel::setText);
    connect(m_tracePage->inspector(), &RecordInspector::schemaHistoryRequested, this,
            [this](const QString& topic, qint32 id) { m_recordsPage->openSchemaHistory(topic, id); });
    return m_tracePage;
}

// A submenu of exclusive choices (code, name); the current one checked; `chosen` gets the code.
void MainWindow::addChoiceMenu(QMenu* parent, const QString& title, const QString& objectName,
                               const std::vector<std::pair<QString, QString>>& choices,
                               const QString& current, const std::function<void(const QString&)>& chosen)
{
    QMenu* menu = parent->addMenu(title);
    menu->setObjectName(objectName);
    auto* group = new QActionGroup(menu);
    for (const auto& [code, name] : choices) {
        QAction* a = menu->addAction(name);
        a->setCheckable(true);
        a->setChecked(code == current);
        group->addAction(a);
        connect(a, &QAction::triggered, this, [chosen, code = code] { chosen(code); });
    }
}

void MainWindow::buildMenus()
{
    QMenu* file = menuBar()->addMenu(tr("&File"));
    QAction* open = file->addAction(tr("&Open workspace…"), this, &MainWindow::chooseWorkspace);
    open->setShortcut(QKeySequence::Open);
    file->addAction(tr("Open Kafka &data directory…"), this, &MainWindow::chooseDataDirectory);
    QAction* create = file->addAction(tr("&New workspace…"), this, &MainWindow::newWorkspace);
    create->setShortcut(QKeySequence::New);
    file->addAction(tr("Add &Kafka cluster…"), this, [this] { editProfile(QString()); });
    m_recentMenu = file->addMenu(tr("Open &recent"));
    rebuildRecentMenu();
    QAction* reloadAction = file->addAction(tr("&Reload"), this, &MainWindow::reload);
    reloadAction->setShortcut(QKeySequence::Refresh);
    m_schemaFilesAction = file->addAction(tr("Schema &files…"), this, &MainWindow::editSchemaFiles);
    m_schemaFilesAction->setObjectName(QStringLiteral("schemaFilesAction"));
    m_schemaFilesAction->setEnabled(false);
    file->addSeparator();
    QAction* quit = file->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setShortcut(QKeySequence::Quit);
    QMenu* go = menuBar()->addMenu(tr("&Go"));
    QAction* goTo = go->addAction(tr("&Go to offset or time…"), this, [this] {
        m_tabs->setCurrentIndex(RecordsTab);
        m_recordsPage->focusSeek();
    });
    goTo->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_G));
    QAction* find = go->addAction(tr("&Filter…"), this, [this] {
        m_tabs->setCurrentIndex(RecordsTab);
        m_recordsPage->focusFilter();
    });
    find->setShortcut(QKeySequence::Find);
    QAction* follow =
        go->addAction(tr("F&ollow new records"), this, [this] { m_recordsPage->toggleFollow(); });
    follow->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_L));
    QAction* trace = go->addAction(tr("&Trace…"), this, [this] {
        m_tabs->setCurrentIndex(TraceTab);
        m_tracePage->focusInput();
    });
    trace->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_T));
    QAction* replay = go->addAction(tr("&Replay the current view…"), this, &MainWindow::replayCurrentView);
    replay->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_R));
    buildKafkaMenu(menuBar()->addMenu(tr("&Kafka")));
    buildCaseMenu(menuBar()->addMenu(tr("C&ase")));
    QMenu* view = menuBar()->addMenu(tr("&View"));
    m_hidePersonalAction = view->addAction(tr("&Hide personal data (the masking policy's fields)"));
    m_hidePersonalAction->setObjectName(QStringLiteral("hidePersonalDataAction"));
    m_hidePersonalAction->setCheckable(true);
    m_hidePersonalAction->setChecked(m_hidePersonal);
    m_hidePersonalAction->setToolTip(
        tr("Values and headers the policy names show as *** in the table and the "
           "inspector; the inspector's Reveal shows one record. Copies, exports and "
           "reports are masked either way."));
    connect(m_hidePersonalAction, &QAction::toggled, this, &MainWindow::setHidePersonalData);
    QAction* internal = view->addAction(tr("Show &internal topics"));
    internal->setObjectName(QStringLiteral("showInternalTopicsAction"));
    internal->setToolTip(tr("__consumer_offsets, __transaction_state, __cluster_metadata, and the "
                            "_schemas topic the decoding reads"));
    internal->setCheckable(true);
    connect(internal, &QAction::toggled, this, [this](bool on) {
        m_showInternalTopics = on;       // carried by the source's spec to every job that reads it
        if (m_overview.source) reload(); // every kind lists them only when asked
    });
    // Colours: the desktop's, or light or dark whatever the desktop offers (applied at once).
    addChoiceMenu(view, tr("&Colours"), QStringLiteral("coloursMenu"),
                  {{QString(), tr("As the desktop")},
                   {QStringLiteral("light"), tr("Light")},
                   {QStringLiteral("dark"), tr("Dark")}},
                  configuredColours(), [this](const QString& code) {
                      setConfiguredColours(code);
                      if (code.isEmpty())
                          m_banner->showMessage(
                              Banner::Kind::Info,
                              tr("The desktop's colours come back the next time Rewind starts."));
                      else
                          applyColours(code);
                  });
    // The interface language: the system's, or a choice kept for the next start.
    addChoiceMenu(view, tr("&Language"), QStringLiteral("languageMenu"),
                  {{QString(), tr("As the system")},
                   {QStringLiteral("en"), QStringLiteral("English")},
                   {QStringLiteral("ru"), QStringLiteral("Русский")}},
                  configuredLanguage(), [this](const QString& code) {
                      setConfiguredLanguage(code);
                      m_banner->showMessage(Banner::Kind::Info,
                                            tr("The language changes the next time Rewind starts."));
                  });
    QMenu* help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&About Rewind"), this, &MainWindow::showAbout);
}

void MainWindow::rememberRecent(const QString& path)
{
    QSettings settings;
    QStringList recent = settings.value(settings::kRecentWorkspaces).toStringList();
    const QString abs = QFileInfo(path).absoluteFilePath();
    recent.removeAll(abs);
    recent.prepend(abs);
    while (recent.size() > kMaxRecent)
        recent.removeLast();
    settings.setValue(settings::kRecentWorkspaces, recent);
    settings.setValue(settings::kRecentLast, abs);
    rebuildRecentMenu();
    if (m_sources) refreshSources();
}

void MainWindow::rebuildRecentMenu()
{
    m_recentMenu->clear();
    const QStringList recent = QSettings().value(settings::kRecentWorkspaces).toStringList();
    for (const QString& p : recent)
        m_recentMenu->addAction(QDir::toNativeSeparators(p), this, [this, p] { openWorkspace(p); });
    m_recentMenu->setEnabled(!recent.isEmpty());
}

void MainWindow::showAbout()
{
    QMessageBox::about(this, tr("About Rewind"),
                       tr("<h3>Rewind %1</h3><p>A log explorer and replay console for event logs.</p>"
                          "<p>Qt %2 (built with %3) · SQLite %4 · librdkafka %5 · QCustomPlot %6</p>")
                           .arg(QApplication::applicationVersion(), QString::fromLatin1(qVersion()),
                                QStringLiteral(QT_VERSION_STR), QString::fromLatin1(sqlite3_libversion()),
                                librdkafkaVersion(), QStringLiteral(QCUSTOMPLOT_VERSION_STR)));
}

void MainWindow::closeEvent(QCloseEvent* event)
{
    // A replay under way is not dropped in silence: it stops at its next batch only if the user
    // says so, and can be resumed (nothing is written twice; the journal keeps where it stopped).
    if (m_replay && m_replay->runner()->running()) {
        const bool stop =
            closeDuringReplayAnswer
                ? *closeDuringReplayAnswer
                : QMessageBox::question(
                      this, tr("A replay is running"),
                      tr("A replay is still writing. Stop it and close the window?\n\nIt stops after the "
                         "batch "
                         "it is writing; what was written stays, and Resume in the replay console (or "
                         "rewind-cli replay resume) continues it later without writing anything twice."),
                      QMessageBox::Yes | QMessageBox::No, QMessageBox::No) == QMessageBox::Yes;
        if (!stop) {
            event->ignore();
            return;
        }
        m_replay->runner()->cancel();
    }
    QSettings settings;
    settings.setValue(settings::kWindowGeometry, saveGeometry());
    settings.setValue(settings::kWindowState, saveState());
    settings.setValue(settings::kMainSplitter, m_mainSplit->saveState());
    settings.setValue(settings::kSideSplitter, m_sideSplit->saveState());
    settings.setValue(settings::kRecordsSplitter, m_recordsPage->splitter()->saveState());
    settings.setValue(settings::kViewState,
                      QJsonDocument(viewState().toJson()).toJson(QJsonDocument::Compact));
    settings.setValue(settings::kViewTab, m_tabs->currentIndex());
    settings.setValue(settings::kViewGroup, m_groupPage->shownGroup());
    settings.setValue(settings::kViewCase, m_cases->hasCase() ? m_cases->current().name : QString());
    event->accept();
}

void MainWindow::chooseWorkspace()
{
    const QString start = m_path.isEmpty() ? QDir::currentPath() : QFileInfo(m_path).absolutePath();
    const QString path =
        askOpenFile(this, tr("Open workspace"), start, tr("Rewind workspaces (*.rewind);;All files (*)"));
    if (!path.isEmpty()) openWorkspace(path);
}

void MainWindow::chooseDataDirectory()
{
    const QString start = m_path.isEmpty() ? QDir::homePath() : QFileInfo(m_path).absolutePath();
    const QString dir = askDirectory(
        this, tr("Open Kafka data directory (a copy of log.dirs, or one <topic>-<n> folder)"), start);
    if (!dir.isEmpty()) openWorkspace(dir);
}

void MainWindow::newWorkspace()
{
    const QString here = m_overview.source ? m_overview.source->spec().path : QString();
    const QString start = here.isEmpty() ? QDir::currentPath() : QFileInfo(here).absolutePath();
    QString path = askSaveFile(this, tr("New workspace"), start + QStringLiteral("/untitled.rewind"),
                               tr("Rewind workspaces (*.rewind)"));
    if (path.isEmpty()) return;
    if (!path.endsWith(QLatin1String(".rewind"))) path += QStringLiteral(".rewind");
    createWorkspace(path);
}

} // namespace rw
