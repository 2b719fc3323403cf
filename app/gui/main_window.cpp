#include "main_window.h"

#include "appearance.h"
#include "banner.h"
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
#include "replay_console.h"
#include "reset_dialog.h"
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
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
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
#include <QTreeWidget>
#include <QVBoxLayout>

#include <qcustomplot.h>
#include <sqlite3.h>

namespace rw {

namespace {

// A count for tr()'s %n, which takes an int.
int nCount(qint64 n)
{
    return static_cast<int>(std::min<qint64>(n, INT_MAX));
}
constexpr int kMaxRecent = 8;

} // namespace

MainWindow::MainWindow(QWidget* parent)
    : QMainWindow(parent), m_loader(new WorkspaceLoader(this)), m_topicModel(new TopicTreeModel(this)),
      m_topicView(new TopicTreeView), m_groups(new QTreeWidget), m_recordModel(new RecordTableModel(this)),
      m_records(new QTableView), m_recordsTitle(new QLabel), m_inspector(new RecordInspector),
      m_seek(new QLineEdit), m_utc(new QCheckBox(tr("UTC"))), m_follow(new QCheckBox(tr("Follow"))),
      m_banner(new Banner), m_status(new QLabel), m_timelineJobs(new JobRunner(this, 2)),
      m_search(new SearchRunner(this)), m_sampler(new LagSampler(this)), m_tailTimer(new QTimer(this)),
      m_profiles(new ProfileStore(this)), m_kafkaJobs(new KafkaJobs(this))
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
    m_groups->setObjectName(QStringLiteral("groupsList"));
    m_groups->setHeaderLabels({tr("Consumer group"), tr("Topics"), tr("Total lag"), tr("No commit")});
    m_groups->setRootIsDecorated(false);
    m_groups->setUniformRowHeights(true);
    m_groups->setAlternatingRowColors(true);
    m_groups->header()->setSectionResizeMode(QHeaderView::ResizeToContents);
    // Lag first, the (long) topic list last: the numbers must not be pushed out of a narrow pane.
    m_groups->header()->moveSection(1, 3);
    m_groups->header()->setSectionResizeMode(1, QHeaderView::Stretch);
    m_groups->header()->setStretchLastSection(false);
    m_groups->setToolTip(tr("Click a group to see its lag per partition and over time"));
    connect(m_groups, &QTreeWidget::itemClicked, this,
            [this](QTreeWidgetItem* item) { showGroup(item->text(0)); });
    connect(m_groups, &QTreeWidget::itemActivated, this,
            [this](QTreeWidgetItem* item) { showGroup(item->text(0)); });

    auto* topicsLabel = new QLabel(tr("<b>Topics</b>"));
    auto* groupsLabel = new QLabel(tr("<b>Consumer groups</b>"));
    auto* topPane = new QWidget;
    auto* topLayout = new QVBoxLayout(topPane);
    topLayout->setContentsMargins(0, 0, 0, 0);
    topLayout->addWidget(topicsLabel);
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
    connect(m_profiles, &ProfileStore::passwordRead, this,
            [this](const QString& name, const QString& password, bool found, const QString& error) {
                auto p = m_profiles->profile(name);
                if (!p || !m_connecting || m_connecting->name != name) return;
                QString pw = password;
                if (!found) {
                    bool ok = false;
                    pw = QInputDialog::getText(
                        this, tr("Password for %1").arg(name),
                        error.isEmpty()
                            ? tr("SASL password for %1 (not in the keychain):").arg(p->saslUser)
                            : tr("The keychain is not available (%1).\nSASL password for %2, for this "
                                 "session only:")
                                  .arg(error, p->saslUser),
                        QLineEdit::Password, QString(), &ok);
                    if (!ok) {
                        m_connecting.reset();
                        m_status->setText(tr("Not connected."));
                        return;
                    }
                }
                p->saslPassword = pw;
                connectKafka(p.value());
            });
    connect(m_profiles, &ProfileStore::passwordStored, this,
            [this](const QString& name, bool ok, const QString& error) {
                if (!ok)
                    m_banner->showMessage(
                        Banner::Kind::Warning,
                        tr("The password of %1 could not go to the system keychain (%2). It is kept for "
                           "this session only; nothing was written to disk.")
                            .arg(name, error));
            });

    auto* split = m_mainSplit = new QSplitter(Qt::Vertical);
    split->setObjectName(QStringLiteral("mainSplitter"));
    split->addWidget(m_sources);
    split->addWidget(topPane);
    split->addWidget(bottomPane);
    split->setStretchFactor(0, 1);
    split->setStretchFactor(1, 3);
    split->setStretchFactor(2, 1);
    split->setSizes({150, 450, 200});

    m_tabs = new QTabWidget;
    m_tabs->setObjectName(QStringLiteral("mainTabs"));
    m_tabs->setDocumentMode(true);
    m_tabs->addTab(buildRecordsTab(), tr("&Records"));
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
        if (!m_kafka && !m_path.isEmpty()) reload(); // the sandbox may be in this workspace
    });
    m_tabs->addTab(m_replay, tr("Re&play"));

    auto* horizontal = m_sideSplit = new QSplitter(Qt::Horizontal);
    horizontal->setObjectName(QStringLiteral("sideSplitter"));
    horizontal->addWidget(split);
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
    m_status->setText(tr("No workspace open. File ▸ Open (Ctrl+O), or run rewind-cli demo to create one."));

    buildMenus();
    refreshSources();

    // Every kind of source loads on the one loader: only the newest request's answer arrives.
    connect(m_loader, &WorkspaceLoader::loaded, this,
            [this](int, const WorkspaceOverview& o) { onLoaded(o); });
    connect(m_loader, &WorkspaceLoader::failed, this, [this](int, const QString& name, const Error& error) {
        m_connecting.reset();
        onFailed(name, error.message);
    });

    // Lag history: sampled while the window is open; live samples extend the chart shown.
    connect(m_sampler, &LagSampler::sampled, this,
            [this](const QString& path, const QString& group, const LagSample& s, bool) {
                if (path == m_path) m_groupPage->addSample(group, s);
            });
    connect(m_sampler, &LagSampler::notice, this,
            [this](const QString& message) { m_status->setToolTip(message); });

    m_tailTimer->setInterval(500); // coalesces appends: at most two table updates a second
    connect(m_tailTimer, &QTimer::timeout, this, &MainWindow::pollTail);

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
    m_recordsSplit->restoreState(settings.value(settings::kRecordsSplitter).toByteArray());
    m_utc->setChecked(settings.value(settings::kViewUtc, true).toBool());
}

MainWindow::~MainWindow() = default;

QWidget* MainWindow::buildRecordsTab()
{
    // Timeline: records over time; click to go there, drag to filter to a range.
    m_timeline = new TimelineView;
    m_timelineByPartition = new QCheckBox(tr("per partition"));
    m_timelineByPartition->setObjectName(QStringLiteral("timelineByPartition"));
    m_timelineByPartition->setToolTip(tr("Split the selected topic's bars by partition"));
    connect(m_timelineByPartition, &QCheckBox::toggled, this, [this] { loadTimeline(m_timelineRange); });
    connect(m_timeline, &TimelineView::timeClicked, this, [this](qint64 t) {
        if (m_viewTopic.isEmpty() && m_activeFilter.isEmpty()) {
            // Nothing selected: go to the topic with the most records at that time.
            const TimelineData& d = m_timeline->data();
            const qint64 b = d.bucketMs > 0 ? (t - d.from) / d.bucketMs : -1;
            QString best;
            qint64 most = -1;
            for (const TimelineSeries& s : d.series)
                if (b >= 0 && b < static_cast<qint64>(s.counts.size()) &&
                    s.counts[static_cast<size_t>(b)] > most) {
                    most = s.counts[static_cast<size_t>(b)];
                    best = s.label;
                }
            if (best.isEmpty()) return;
            m_pendingSeek = t;
            selectTopic(best);
            return;
        }
        seekToTime(t);
    });
    connect(m_timeline, &TimelineView::rangeSelected, this, &MainWindow::setTimeRangeFilter);
    connect(m_timeline, &TimelineView::viewChanged, this, [this](qint64 from, qint64 to) {
        m_timelineRange = std::make_pair(from, to);
        loadTimeline(m_timelineRange);
    });
    connect(m_timeline, &TimelineView::zoomOutRequested, this, [this] {
        m_timelineRange.reset();
        loadTimeline();
    });
    auto* timelinePane = new QWidget;
    auto* timelineLayout = new QVBoxLayout(timelinePane);
    timelineLayout->setContentsMargins(0, 0, 0, 0);
    timelineLayout->setSpacing(0);
    timelineLayout->addWidget(m_timeline, 1);
    auto* timelineOptions = new QHBoxLayout;
    timelineOptions->addStretch(1);
    timelineOptions->addWidget(m_timelineByPartition);
    timelineLayout->addLayout(timelineOptions);

    // The message table: fixed row heights and no per-row header, so millions of rows cost nothing.
    m_records->setObjectName(QStringLiteral("recordTable"));
    m_records->setModel(m_recordModel);
    m_records->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_records->setSelectionMode(QAbstractItemView::SingleSelection);
    m_records->setWordWrap(false);
    m_records->setAlternatingRowColors(true);
    m_records->verticalHeader()->setVisible(false);
    m_records->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_records->verticalHeader()->setDefaultSectionSize(m_records->fontMetrics().height() + 6);
    m_records->horizontalHeader()->setStretchLastSection(false);
    m_records->horizontalHeader()->setSectionResizeMode(RecordTableModel::ValueCol, QHeaderView::Stretch);
    // Fixed columns as narrow as their usual content; the Value column stretches into the rest.
    const QFontMetrics fm = m_records->fontMetrics();
    const std::pair<int, const char*> widths[] = {
        {RecordTableModel::TopicCol, "payments\u2003\u2003"}, // room for the topic's colour
        {RecordTableModel::PartitionCol, "Part.\u2002"},
        {RecordTableModel::OffsetCol, "0000000\u2002"},
        {RecordTableModel::TimestampCol, "2026-11-19 03:17:48.239Z\u2002"},
        {RecordTableModel::KeyCol, "o-000000\u2002"},
        {RecordTableModel::HeadersCol, "trace_id=5cd0…\u2002"},
        {RecordTableModel::SizeCol, "00000\u2002"}};
    for (const auto& [column, sample] : widths)
        m_records->setColumnWidth(column, fm.horizontalAdvance(QString::fromUtf8(sample)) + 8);
    m_records->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(m_records, &QWidget::customContextMenuRequested, this, [this](const QPoint& pos) {
        const QModelIndex idx = m_records->indexAt(pos);
        if (!idx.isValid()) return;
        QMenu menu(this);
        QAction* trace = menu.addAction(tr("Trace this key across topics"));
        // Known from the row's typed role; the key itself comes from the record, re-read below.
        trace->setEnabled(!idx.data(RecordTableModel::KeyNullRole).toBool());
        QAction* chosen = menu.exec(m_records->viewport()->mapToGlobal(pos));
        if (chosen != trace) return;
        m_traceOnRecord = RecordAddress{idx.data(RecordTableModel::TopicRole).toString(),
                                        idx.data(RecordTableModel::PartitionRole).toInt(),
                                        idx.data(RecordTableModel::OffsetRole).toLongLong()};
        m_recordModel->requestRecord(idx.row());
    });
    m_recordsTitle->setObjectName(QStringLiteral("recordsTitle"));
    m_recordsTitle->setTextFormat(Qt::PlainText);
    m_recordsTitle->setMinimumWidth(40);
    m_recordsTitle->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    m_recordsTitle->setText(tr("Select a topic or a partition to see its records."));
    // Seek bar: an offset, -N from the end, beginning/end, or a time (resolved on the worker).
    m_seek->setObjectName(QStringLiteral("seekBar"));
    m_seek->setPlaceholderText(tr("Go to (Ctrl+G): offset, -N, beginning, end, 2026-11-19T03:17Z, now-2h"));
    m_seek->setClearButtonEnabled(true);
    m_utc->setObjectName(QStringLiteral("utcToggle"));
    m_utc->setChecked(true);
    m_utc->setToolTip(tr("Show timestamps in UTC (unchecked: local time)"));
    m_follow->setObjectName(QStringLiteral("followToggle"));
    m_follow->setToolTip(tr("Follow new records as they are appended to this partition (Ctrl+L)"));
    connect(m_follow, &QCheckBox::toggled, this, &MainWindow::setFollow);
    connect(m_seek, &QLineEdit::returnPressed, this, &MainWindow::seek);
    connect(m_utc, &QCheckBox::toggled, this, [this](bool utc) {
        m_recordModel->setUtc(utc);
        m_timeline->setUtc(utc);
        m_groupPage->setUtc(utc);
        m_tracePage->setUtc(utc);
        QSettings().setValue(settings::kViewUtc, utc);
    });
    connect(m_recordModel, &RecordTableModel::rowForTime, this, [this](int row) {
        if (row < 0)
            m_banner->showMessage(Banner::Kind::Info, tr("No record at or after that time in this view."));
        else
            selectRow(row);
    });
    connect(m_recordModel, &RecordTableModel::mergeProgress, this, [this](qint64 done, qint64 total) {
        m_recordsTitle->setText(tr("%1 · merging partitions by time … %2 of %3")
                                    .arg(m_viewTopic, QLocale().toString(done), QLocale().toString(total)));
    });
    connect(m_recordModel, &RecordTableModel::mergeFinished, this, [this] {
        updateRecordsTitle();
        if (m_pendingSeek) {
            const qint64 t = *m_pendingSeek;
            m_pendingSeek.reset();
            seekToTime(t);
        }
    });
    connect(m_recordModel, &RecordTableModel::tailGrew, this, [this](int added) {
        updateRecordsTitle();
        if (m_follow->isChecked() && added > 0) m_records->scrollToBottom();
    });

    // Filter bar: the filter language; results replace the table's rows while active.
    m_filterBar = new FilterBar;
    connect(m_filterBar, &FilterBar::submitted, this, &MainWindow::runFilter);
    connect(m_filterBar, &FilterBar::cleared, this, &MainWindow::clearFilter);
    connect(m_filterBar, &FilterBar::cancelRequested, m_search, &SearchRunner::cancel);
    connect(m_search, &SearchRunner::matches, this, [this](int job, const RefBatch& refs) {
        if (job == m_searchJob) m_recordModel->appendRefs(refs);
    });
    connect(m_search, &SearchRunner::progress, this,
            [this](int job, qint64 scanned, qint64 total, qint64 matched) {
                if (job == m_searchJob) m_filterBar->searchProgress(scanned, total, matched);
            });
    connect(m_search, &SearchRunner::finished, this, [this](int job, const SearchReport& report) {
        if (job != m_searchJob) return;
        m_recordModel->sortListByTime(); // results arrive partition by partition; read them in time order
        m_filterBar->searchFinished(report, m_recordModel->listTruncated());
        std::vector<TimestampMs> times;
        times.reserve(static_cast<size_t>(m_recordModel->rowCount()));
        for (int r = 0; r < m_recordModel->rowCount(); ++r)
            if (const RecordRef* ref = m_recordModel->refAt(r)) times.push_back(ref->timestamp);
        m_timeline->setMatches(std::move(times));
        updateRecordsTitle();
        if (m_pendingSeek) {
            const qint64 t = *m_pendingSeek;
            m_pendingSeek.reset();
            seekToTime(t);
        }
        emit searchFinished();
    });
    connect(m_search, &SearchRunner::failed, this, [this](int job, const Error& error) {
        if (job != m_searchJob) return;
        m_filterBar->searchFailed(error.message);
        emit searchFinished();
    });

    auto* right = new QWidget;
    auto* rightLayout = new QVBoxLayout(right);
    rightLayout->setContentsMargins(0, 4, 0, 0);
    auto* seekRow = new QHBoxLayout;
    seekRow->addWidget(m_recordsTitle, 1);
    seekRow->addWidget(m_seek, 1);
    auto* picker = new QToolButton;
    picker->setObjectName(QStringLiteral("timePickerButton"));
    picker->setText(tr("Time…"));
    picker->setToolTip(tr("Pick a date and time to go to"));
    connect(picker, &QToolButton::clicked, this, &MainWindow::pickTime);
    seekRow->addWidget(picker);
    seekRow->addWidget(m_follow);
    seekRow->addWidget(m_utc);
    rightLayout->addLayout(seekRow);
    rightLayout->addWidget(m_filterBar);
    auto* tableAndInspector = new QSplitter(Qt::Vertical);
    tableAndInspector->addWidget(m_records);
    tableAndInspector->addWidget(m_inspector);
    tableAndInspector->setStretchFactor(0, 3);
    tableAndInspector->setStretchFactor(1, 2);
    rightLayout->addWidget(tableAndInspector, 1);
    connect(m_records->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex& current) {
                if (current.isValid())
                    m_recordModel->requestRecord(current.row());
                else
                    m_inspector->clear();
            });
    connect(m_recordModel, &RecordTableModel::recordReady, this, [this](const Record& r) {
        if (m_traceOnRecord && m_traceOnRecord->topic == r.topic &&
            m_traceOnRecord->partition == r.partition && m_traceOnRecord->offset == r.offset) {
            m_traceOnRecord.reset();
            if (r.key) traceKey(*r.key); // the key's bytes, whatever the cell showed
            return;
        }
        m_inspector->showRecord(r, m_path);
        m_timeline->markTime(r.timestamp);
    });
    connect(m_recordModel, &QAbstractItemModel::modelReset, m_inspector, &RecordInspector::clear);
    connect(m_recordModel, &RecordTableModel::loadError, this, [this](const QString& message) {
        m_banner->showMessage(Banner::Kind::Error, tr("Could not read records: %1").arg(message));
    });

    auto* outer = m_recordsSplit = new QSplitter(Qt::Vertical);
    outer->setObjectName(QStringLiteral("recordsSplitter"));
    outer->addWidget(timelinePane);
    outer->addWidget(right);
    outer->setStretchFactor(0, 0);
    outer->setStretchFactor(1, 1);
    outer->setSizes({190, 700});
    return outer;
}

QWidget* MainWindow::buildTraceTab()
{
    m_tracePage = new TracePage;
    connect(m_tracePage, &TracePage::finished, this, &MainWindow::traceFinished);
    connect(m_tracePage, &TracePage::showInRecordsRequested, this, &MainWindow::showRecordInRecords);
    connect(m_tracePage, &TracePage::copied, m_status, &QLabel::setText);
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
    file->addSeparator();
    QAction* quit = file->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setShortcut(QKeySequence::Quit);
    QMenu* go = menuBar()->addMenu(tr("&Go"));
    QAction* goTo = go->addAction(tr("&Go to offset or time…"), this, [this] {
        m_tabs->setCurrentIndex(RecordsTab);
        m_seek->setFocus();
        m_seek->selectAll();
    });
    goTo->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_G));
    QAction* find = go->addAction(tr("&Filter…"), this, [this] {
        m_tabs->setCurrentIndex(RecordsTab);
        m_filterBar->edit()->setFocus();
        m_filterBar->edit()->selectAll();
    });
    find->setShortcut(QKeySequence::Find);
    QAction* follow = go->addAction(tr("F&ollow new records"), this, [this] { m_follow->toggle(); });
    follow->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_L));
    QAction* trace = go->addAction(tr("&Trace…"), this, [this] {
        m_tabs->setCurrentIndex(TraceTab);
        m_tracePage->focusInput();
    });
    trace->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_T));
    QAction* replay = go->addAction(tr("&Replay the current view…"), this, &MainWindow::replayCurrentView);
    replay->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_R));
    QMenu* view = menuBar()->addMenu(tr("&View"));
    QAction* internal = view->addAction(tr("Show &internal topics of a Kafka data directory"));
    internal->setObjectName(QStringLiteral("showInternalTopicsAction"));
    internal->setToolTip(tr("__consumer_offsets, __transaction_state, __cluster_metadata"));
    internal->setCheckable(true);
    connect(internal, &QAction::toggled, this, [this](bool on) {
        m_showInternalTopics = on; // carried by the source's spec to every job that reads it
        if (m_overview.kafkaDataDir) reload();
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

void MainWindow::openWorkspace(const QString& path)
{
    m_status->setText(tr("Opening %1 …").arg(QDir::toNativeSeparators(path)));
    m_loader->load(path, m_showInternalTopics);
}

void MainWindow::chooseWorkspace()
{
    const QString start = m_path.isEmpty() ? QDir::currentPath() : QFileInfo(m_path).absolutePath();
    const QString path = QFileDialog::getOpenFileName(this, tr("Open workspace"), start,
                                                      tr("Rewind workspaces (*.rewind);;All files (*)"));
    if (!path.isEmpty()) openWorkspace(path);
}

void MainWindow::chooseDataDirectory()
{
    const QString start = m_path.isEmpty() ? QDir::homePath() : QFileInfo(m_path).absolutePath();
    const QString dir = QFileDialog::getExistingDirectory(
        this, tr("Open Kafka data directory (a copy of log.dirs, or one <topic>-<n> folder)"), start);
    if (!dir.isEmpty()) openWorkspace(dir);
}

void MainWindow::newWorkspace()
{
    const QString start =
        m_path.isEmpty() || m_kafka ? QDir::currentPath() : QFileInfo(m_path).absolutePath();
    QString path =
        QFileDialog::getSaveFileName(this, tr("New workspace"), start + QStringLiteral("/untitled.rewind"),
                                     tr("Rewind workspaces (*.rewind)"));
    if (path.isEmpty()) return;
    if (!path.endsWith(QLatin1String(".rewind"))) path += QStringLiteral(".rewind");
    createWorkspace(path);
}

void MainWindow::createWorkspace(const QString& path)
{
    m_status->setText(tr("Creating %1 …").arg(QDir::toNativeSeparators(path)));
    m_loader->create(path);
}

void MainWindow::pickTime()
{
    if (m_recordModel->rowCount() == 0) return;
    QDialog dialog(this);
    dialog.setWindowTitle(tr("Go to a time"));
    auto* edit = new QDateTimeEdit(&dialog);
    edit->setObjectName(QStringLiteral("timePicker"));
    edit->setCalendarPopup(true);
    edit->setDisplayFormat(QStringLiteral("yyyy-MM-dd HH:mm:ss.zzz"));
    edit->setTimeSpec(m_utc->isChecked() ? Qt::UTC : Qt::LocalTime);
    const qint64 start =
        m_inspector->record().timestamp > 0 ? m_inspector->record().timestamp : m_timeline->data().dataFirst;
    edit->setDateTime(m_utc->isChecked() ? QDateTime::fromMSecsSinceEpoch(start, Qt::UTC)
                                         : QDateTime::fromMSecsSinceEpoch(start));
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, &dialog);
    connect(buttons, &QDialogButtonBox::accepted, &dialog, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, &dialog, &QDialog::reject);
    auto* layout = new QVBoxLayout(&dialog);
    layout->addWidget(new QLabel(m_utc->isChecked() ? tr("Time (UTC):") : tr("Time (local):")));
    layout->addWidget(edit);
    layout->addWidget(buttons);
    if (dialog.exec() == QDialog::Accepted) seekToTime(edit->dateTime().toMSecsSinceEpoch());
}

void MainWindow::reload()
{
    if (m_kafka)
        connectKafka(*m_kafka);
    else if (!m_path.isEmpty())
        openWorkspace(m_path);
}

void MainWindow::openKafka(const QString& name)
{
    auto p = m_profiles->profile(name);
    if (!p) {
        m_banner->showMessage(Banner::Kind::Error, tr("There is no Kafka profile named %1.").arg(name));
        return;
    }
    m_connecting = p;
    if (p->securityProtocol.startsWith(QLatin1String("sasl"))) {
        m_status->setText(tr("Reading the password of %1 from the keychain …").arg(name));
        m_profiles->readPassword(name); // continues in passwordRead
        return;
    }
    connectKafka(p.value());
}

void MainWindow::connectKafka(const KafkaProfile& profile)
{
    m_connecting = profile;
    m_status->setText(tr("Connecting to %1 (%2) …").arg(profile.name, profile.bootstrap));
    m_loader->loadKafka(profile);
}

void MainWindow::editProfile(const QString& name)
{
    ProfileDialog dialog(m_kafkaJobs, this);
    if (!name.isEmpty()) {
        auto p = m_profiles->profile(name);
        if (!p) return;
        dialog.setProfile(p.value());
    }
    if (dialog.exec() != QDialog::Accepted) return;
    auto p = dialog.profile();
    if (!p) return;
    if (auto r = m_profiles->save(p.value()); !r) {
        m_banner->showMessage(Banner::Kind::Error,
                              tr("The profile was not saved: %1").arg(r.error().message));
        return;
    }
    if (!p->saslPassword.isEmpty()) m_profiles->storePassword(p->name, p->saslPassword);
}

void MainWindow::refreshSources()
{
    m_sources->setWorkspaces(QSettings().value(settings::kRecentWorkspaces).toStringList());
    m_sources->setProfiles(m_profiles->names());
}

void MainWindow::onLoaded(const WorkspaceOverview& o)
{
    const bool sameFile = o.path == m_path;
    // The view left at the last close of this source comes back (topic, partition, tab, group).
    QString keepTopic = sameFile ? m_viewTopic : QString();
    int keepPartition = sameFile ? m_viewPartition : -1;
    QSettings settings;
    const ViewState saved = ViewState::fromJson(
        QJsonDocument::fromJson(settings.value(settings::kViewState).toByteArray()).object());
    if (!sameFile && saved.source == o.path) {
        keepTopic = saved.topic;
        keepPartition = saved.partition;
        m_groupPage->setShownGroup(settings.value(settings::kViewGroup).toString());
        m_tabs->setCurrentIndex(settings.value(settings::kViewTab, 0).toInt());
    }
    if (o.isKafka()) {
        m_kafka = m_connecting;
    } else {
        m_kafka.reset();
    }
    m_connecting.reset(); // a connection superseded by this source is no longer wanted
    m_topicView->setColumnHidden(TopicTreeModel::Replicas, !o.isKafka());
    m_topicView->setColumnHidden(TopicTreeModel::LastRecord, o.isKafka());
    m_path = o.path;
    m_tracePage->setSource(o.source);
    m_groupPage->setSource(o);
    m_overview = o;
    m_banner->hide();
    m_search->cancel();
    // A reload keeps the filter (it runs again below); another source starts without one: the
    // last one's filter and its counts do not apply there.
    const QString keepFilter = sameFile ? m_activeFilter : QString();
    const bool keepAllTopics = sameFile && m_filterBar->allTopics();
    m_activeFilter.clear();
    m_filterBar->reset();
    if (!sameFile) m_timelineRange.reset();
    m_timeline->setSelection(std::nullopt);
    m_timeline->setMatches({});
    {
        QStringList names;
        for (const TopicInfo& t : o.topics)
            names << t.name;
        setTopicOrder(names); // distinct colours for this source's topics, the same in every view
    }
    m_viewTopic.clear();
    m_viewPartition = -1;
    m_recordModel->clear();
    m_topicModel->setOverview(o);
    m_topicView->resizeColumnToContents(0);
    m_groups->clear();
    const QLocale loc;
    for (const GroupSummary& g : o.groups) {
        QStringList topics;
        for (const QString& t : g.topics)
            topics << t;
        // A partition never committed is not "lag 0": the group would still read what it holds.
        QString lag = g.partitionsWithCommit ? loc.toString(g.totalLag) : QString();
        if (g.partitionsWithoutCommit)
            lag += (lag.isEmpty() ? QString() : QStringLiteral(" + ")) +
                   tr("≤ %1 uncommitted").arg(loc.toString(g.uncommittedHeld));
        auto* item = new QTreeWidgetItem(
            m_groups, {g.name, topics.join(QStringLiteral(", ")), lag,
                       g.partitionsWithoutCommit ? QString::number(g.partitionsWithoutCommit) : QString()});
        item->setTextAlignment(2, Qt::AlignRight | Qt::AlignVCenter);
        item->setTextAlignment(3, Qt::AlignRight | Qt::AlignVCenter);
    }
    const QString topics = tr("%Ln topic(s)", nullptr, static_cast<int>(o.topics.size()));
    const QString records = tr("%Ln record(s)", nullptr, nCount(o.totalRecords));
    if (m_kafka) {
        setWindowTitle(tr("%1 (Kafka) — Rewind").arg(m_kafka->name));
        m_status->setText(tr("Kafka %1 · %2 · %3 · %4 · about %5%6")
                              .arg(m_kafka->name, m_kafka->bootstrap,
                                   tr("%Ln broker(s)", nullptr, static_cast<int>(o.brokers)), topics, records,
                                   m_kafka->readOnly ? tr(" · read-only profile") : QString()));
        m_sampler->setKafka(*m_kafka);
        m_sources->setCurrent(o.path);
    } else if (o.kafkaDataDir) {
        setWindowTitle(tr("%1 (Kafka data, read-only) — Rewind").arg(QFileInfo(o.path).fileName()));
        QString note = tr("Kafka data directory %1 · read-only · %2 · %3")
                           .arg(QDir::toNativeSeparators(o.path), topics, records);
        if (o.hiddenTransactions)
            note += tr(" · %Ln aborted or open transaction(s) hidden", nullptr, nCount(o.hiddenTransactions));
        m_status->setText(note);
        if (!o.damage.empty())
            m_banner->showMessage(
                Banner::Kind::Error,
                tr("%n problem(s) in the segments; everything else reads normally. First: %1. "
                   "rewind-cli verify lists them all.",
                   nullptr, static_cast<int>(o.damage.size()))
                    .arg(o.damage.front()));
        rememberRecent(o.path);
        m_sampler->setWorkspace(QString()); // a copy does not move: no lag to sample
        m_sources->setCurrent(QFileInfo(o.path).absoluteFilePath());
    } else {
        setWindowTitle(tr("%1 — Rewind").arg(QFileInfo(o.path).fileName()));
        m_status->setText(tr("%1 · %2 · %3%4")
                              .arg(QDir::toNativeSeparators(o.path), topics, records,
                                   o.readOnly ? tr(" · read-only file") : QString()));
        rememberRecent(o.path);
        m_sampler->setWorkspace(o.path);
        m_sources->setCurrent(QFileInfo(o.path).absoluteFilePath());
    }
    QStringList topicNames;
    for (const TopicInfo& t : o.topics)
        topicNames << t.name;
    // Replay jobs refer to a cluster's connection by name: its security settings and password stay
    // with the console's runner, in memory, never in the job file.
    m_replay->setSource(o.source, topicNames);
    if (!keepTopic.isEmpty())
        selectTopic(keepTopic, keepPartition);
    else
        showSelection();
    if (!keepFilter.isEmpty()) {
        m_filterBar->setText(keepFilter);
        m_filterBar->setAllTopics(keepAllTopics);
        ViewState kept;
        kept.filter = keepFilter;
        if (const auto range = kept.timeRange()) m_timeline->setSelection(*range);
        if (auto f = Filter::compile(keepFilter, currentTimeMs())) runFilter(keepFilter, f.value());
    }
    const int tab = m_tabs->currentIndex();
    const QString shown = m_groupPage->shownGroup();
    if (!shown.isEmpty() &&
        std::any_of(o.groups.begin(), o.groups.end(), [&](const GroupSummary& g) { return g.name == shown; }))
        showGroup(shown);
    m_tabs->setCurrentIndex(tab);
    emit workspaceLoaded(o.path);
}

void MainWindow::selectTopic(const QString& topic, int partition)
{
    for (int r = 0; r < m_topicModel->rowCount(); ++r) {
        const QModelIndex t = m_topicModel->index(r, 0);
        if (t.data(TopicTreeModel::TopicRole).toString() != topic) continue;
        QModelIndex target = t;
        if (partition >= 0) {
            if (partition >= m_topicModel->rowCount(t)) return;
            target = m_topicModel->index(partition, 0, t);
            m_topicView->expand(t);
        }
        m_topicView->setCurrentIndex(target);
        m_topicView->scrollTo(target);
        return;
    }
}

void MainWindow::showSelection()
{
    const QModelIndex current = m_topicView->currentIndex();
    const QVariant partition = current.data(TopicTreeModel::PartitionRole);
    m_viewTopic = current.isValid() ? current.data(TopicTreeModel::TopicRole).toString() : QString();
    m_viewPartition = partition.isValid() ? partition.toInt() : -1;
    m_follow->setEnabled(m_viewPartition >= 0);
    if (!m_activeFilter.isEmpty() && !m_filterBar->allTopics()) {
        // A filter stays on and follows the selection.
        m_filterBar->setText(m_activeFilter);
        if (auto f = Filter::compile(m_activeFilter, currentTimeMs())) runFilter(m_activeFilter, f.value());
    } else if (m_activeFilter.isEmpty()) {
        const qint64 low = current.data(TopicTreeModel::LowRole).toLongLong();
        const qint64 high = current.data(TopicTreeModel::HighRole).toLongLong();
        if (m_viewTopic.isEmpty() || !m_overview.source)
            m_recordModel->clear();
        else if (m_viewPartition >= 0)
            m_recordModel->setPartition(m_overview.source, m_viewTopic, m_viewPartition, low, high);
        else if (!m_overview.source->capabilities().timeIndex)
            m_recordModel->clear(); // the title says to pick a partition
        else
            m_recordModel->setMergedTopic(m_overview.source, m_viewTopic);
    }
    updateRecordsTitle();
    loadTimeline(m_timelineRange); // a zoomed timeline stays zoomed on another topic
    showDamageFor(m_activeFilter.isEmpty() || !m_filterBar->allTopics() ? m_viewTopic : QString(),
                  m_viewPartition);
}

// A damaged data directory: wherever records of a damaged partition would appear, the banner
// says which are missing (the open-time banner alone is gone once anything else is said).
void MainWindow::showDamageFor(const QString& topic, int partition)
{
    if (m_overview.damage.empty()) return;
    // The partition folder exactly ("/orders-3/"): a topic's name may be another's prefix.
    const QRegularExpression folder(
        QStringLiteral("/%1-%2/").arg(QRegularExpression::escape(topic),
                                      partition >= 0 ? QString::number(partition) : QStringLiteral("\\d+")));
    QStringList here;
    for (const QString& d : m_overview.damage)
        if (topic.isEmpty() || folder.match(d).hasMatch()) here << d;
    if (here.isEmpty()) return;
    if (m_banner->isVisible() && m_banner->text().contains(here.front())) return; // said already
    m_banner->showMessage(Banner::Kind::Error,
                          tr("Records are missing here: %n damaged batch(es) could not be read. %1", nullptr,
                             static_cast<int>(here.size()))
                              .arg(here.front()));
}

void MainWindow::updateRecordsTitle()
{
    const QLocale loc;
    QString text;
    if (!m_activeFilter.isEmpty()) {
        text = tr("Filter results · %Ln record(s)%1", nullptr, m_recordModel->rowCount())
                   .arg(m_recordModel->listTruncated() ? tr(" (the first ones)") : QString());
    } else if (m_viewTopic.isEmpty()) {
        text = m_path.isEmpty() ? tr("Open a workspace.")
                                : tr("Select a topic or a partition to see its records.");
    } else if (m_viewPartition < 0 && m_overview.source && !m_overview.source->capabilities().timeIndex) {
        text = tr("%1 · pick a partition to browse it (all partitions merged by time need a capture into a "
                  "workspace)")
                   .arg(m_viewTopic);
    } else if (m_viewPartition >= 0) {
        const int rows = m_recordModel->rowCount();
        text =
            tr("%1 · partition %2 · offsets %3 to %4")
                .arg(m_viewTopic)
                .arg(m_viewPartition)
                .arg(loc.toString(m_recordModel->offsetAt(0)),
                     loc.toString(rows > 0 ? m_recordModel->offsetAt(rows - 1) : m_recordModel->offsetAt(0)));
    } else {
        int partitions = 0;
        for (const TopicInfo& t : m_overview.topics)
            if (t.name == m_viewTopic) partitions = static_cast<int>(t.partitions.size());
        text =
            tr("%1 · %2 partitions merged by time · %3 records%4")
                .arg(m_viewTopic)
                .arg(partitions)
                .arg(loc.toString(m_recordModel->rowCount()),
                     m_recordModel->listTruncated() ? tr(" (the first ones; pick a partition for the rest)")
                                                    : QString());
    }
    m_recordsTitle->setText(text);
}

void MainWindow::loadTimeline(std::optional<std::pair<qint64, qint64>> range)
{
    if (!m_overview.source) return;
    if (!m_overview.source->capabilities().timeIndex) {
        m_timeline->clear();
        m_timeline->setLoading(tr("Timeline: counts every record, so it is for workspaces. Capture a range "
                                  "(rewind-cli capture) to see one for Kafka data."));
        return;
    }
    m_timeline->setLoading(tr("Timeline: counting records by time …"));
    // A selected topic: split by partition on demand; nothing selected: one series per topic.
    const bool byPartition = !m_viewTopic.isEmpty() && m_timelineByPartition->isChecked();
    m_timelineByPartition->setEnabled(!m_viewTopic.isEmpty());
    m_timelineJobs->start<TimelineData>(
        [source = m_overview.source, topic = m_viewTopic, range,
         byPartition](const CancelToken& cancel) -> Result<TimelineData> {
            auto connection = source->reopen();
            if (!connection) return connection.error();
            return rw::loadTimeline(*connection.value(), topic, range, 720, byPartition, cancel.flag());
        },
        [this](Result<TimelineData> d) {
            if (!d) {
                m_timeline->setLoading(tr("Timeline: %1").arg(d.error().message));
                return;
            }
            m_timeline->setData(d.value());
            emit timelineLoaded();
        });
}

void MainWindow::runFilter(const QString& text, const Filter& filter)
{
    if (!m_overview.source) return;
    if (!text.startsWith(QStringLiteral("timestamp >= \""))) m_timeline->setSelection(std::nullopt);
    m_timeline->setMatches({});
    m_activeFilter = text;
    SearchOptions o;
    qint64 total = 0;
    QString scope;
    const bool all = m_filterBar->allTopics() || m_viewTopic.isEmpty();
    m_filterBar->setAllTopics(all); // the box says where the results come from
    if (!all) {
        o.topic = m_viewTopic;
        if (m_viewPartition >= 0) o.partition = m_viewPartition;
    }
    for (const TopicInfo& t : m_overview.topics) {
        if (!all && t.name != m_viewTopic) continue;
        for (const PartitionInfo& p : t.partitions)
            if (all || m_viewPartition < 0 || p.partition == m_viewPartition) total += p.count;
    }
    scope = all ? tr("all topics")
                : (m_viewPartition >= 0 ? tr("%1 partition %2").arg(m_viewTopic).arg(m_viewPartition)
                                        : m_viewTopic);
    m_recordModel->setList(m_overview.source, scope);
    m_searchJob = m_search->start(m_overview.source, filter, o, total);
    m_filterBar->searchStarted(scope);
    updateRecordsTitle();
    showDamageFor(all ? QString() : m_viewTopic, all ? -1 : m_viewPartition);
}

void MainWindow::clearFilter()
{
    m_search->cancel();
    m_timeline->setSelection(std::nullopt);
    m_timeline->setMatches({});
    if (m_activeFilter.isEmpty()) return;
    m_activeFilter.clear();
    showSelection();
}

void MainWindow::setTimeRangeFilter(qint64 from, qint64 to)
{
    // Replaces a time range this bar put there before; keeps the rest of the filter.
    ViewState v;
    v.filter = m_filterBar->text();
    v.setTimeRange(from, to);
    m_filterBar->setText(v.filter);
    m_pendingSeek.reset();
    m_timeline->setSelection(std::make_pair(from, to));
    if (auto f = Filter::compile(v.filter, currentTimeMs())) runFilter(v.filter, f.value());
}

void MainWindow::selectRow(int row)
{
    if (row < 0 || row >= m_recordModel->rowCount()) return;
    m_tabs->setCurrentIndex(RecordsTab);
    const QModelIndex idx = m_recordModel->index(row, RecordTableModel::OffsetCol);
    m_records->setCurrentIndex(idx);
    m_records->scrollTo(idx, QAbstractItemView::PositionAtCenter);
    m_records->setFocus();
}

void MainWindow::seekToTime(qint64 timestamp)
{
    if (m_recordModel->rowCount() == 0 && m_viewTopic.isEmpty()) return;
    m_recordModel->requestRowForTime(timestamp);
}

void MainWindow::seek()
{
    const QString text = m_seek->text().trimmed();
    if (text.isEmpty()) return;
    if (m_recordModel->rowCount() == 0) {
        m_banner->showMessage(
            Banner::Kind::Info,
            m_path.isEmpty()
                ? tr("Open a workspace first (File ▸ Open), then Go to moves within its records.")
            : m_viewTopic.isEmpty() && m_activeFilter.isEmpty()
                ? tr("Go to moves within the records shown: select a topic (its partitions "
                     "merged by time) or a partition first.")
                : tr("There are no records here to go to."));
        return;
    }
    const int rows = m_recordModel->rowCount();
    bool isNumber = false;
    const qint64 n = text.toLongLong(&isNumber);
    if (text == QLatin1String("beginning") || text == QLatin1String("start")) {
        selectRow(0);
    } else if (text == QLatin1String("end")) {
        selectRow(rows - 1);
    } else if (isNumber && n < 0) {
        selectRow(std::max(0, rows + static_cast<int>(std::max<qint64>(n, -rows))));
    } else if (isNumber && text.size() < 13) { // offsets; 13+ digits read as epoch milliseconds
        if (m_recordModel->isList()) {
            // Merged or filtered: the first row at that offset (in any partition shown).
            for (int r = 0; r < rows; ++r)
                if (m_recordModel->offsetAt(r) == n) {
                    selectRow(r);
                    return;
                }
            m_banner->showMessage(
                Banner::Kind::Info,
                tr("No record at offset %1 in this view. Pick a partition to go to an offset.").arg(n));
            return;
        }
        const int row = m_recordModel->rowForOffset(n);
        if (row < 0)
            m_banner->showMessage(Banner::Kind::Info,
                                  tr("Offset %1 is outside this partition (%2 to %3).")
                                      .arg(n)
                                      .arg(m_recordModel->offsetAt(0))
                                      .arg(m_recordModel->offsetAt(std::max(0, rows - 1))));
        else
            selectRow(row);
    } else {
        auto t = parseTimePoint(text, currentTimeMs());
        if (!t) {
            m_banner->showMessage(Banner::Kind::Warning,
                                  tr("Cannot go to \"%1\": %2").arg(text, t.error().message));
            return;
        }
        seekToTime(t.value());
    }
}

void MainWindow::showGroup(const QString& group)
{
    if (m_path.isEmpty()) return;
    m_tabs->setCurrentIndex(GroupTab);
    m_groupPage->showGroup(group);
}

// The console on exactly what is shown: topic, partition, the filter, and its time range (the
// shaded range the timeline put in the filter, else the timeline's zoom).
void MainWindow::replayCurrentView()
{
    const ViewState v = viewState();
    m_tabs->setCurrentIndex(ReplayTab);
    if (v.topic.isEmpty()) return;
    const auto range = v.replayRange();
    m_replay->prefill(v.topic, v.partition, range ? std::optional(range->first) : std::nullopt,
                      range ? std::optional(range->second) : std::nullopt, v.filterWithoutTimeRange());
}

ViewState MainWindow::viewState() const
{
    ViewState v;
    v.source = m_kafka ? QStringLiteral("kafka:") + m_kafka->name : m_path;
    v.topic = m_viewTopic;
    v.partition = m_viewPartition;
    v.filter = m_activeFilter;
    v.zoom = m_timelineRange;
    return v;
}

ResetDialog* MainWindow::resetOffsets()
{
    return m_groupPage->resetOffsets();
}

LagChart* MainWindow::lagChart() const
{
    return m_groupPage->lagChart();
}

GroupLagModel* MainWindow::groupModel() const
{
    return m_groupPage->model();
}

void MainWindow::traceKey(const QByteArray& key)
{
    m_tabs->setCurrentIndex(TraceTab);
    m_tracePage->traceKey(key);
}

void MainWindow::showRecordInRecords(const Record& r)
{
    m_search->cancel();
    m_activeFilter.clear();
    m_filterBar->reset();
    selectTopic(r.topic, r.partition);
    const int row = m_recordModel->rowForOffset(r.offset);
    if (row < 0) {
        m_banner->showMessage(Banner::Kind::Info, tr("%1-%2 offset %3 is not in this source any more.")
                                                      .arg(r.topic)
                                                      .arg(r.partition)
                                                      .arg(r.offset));
        return;
    }
    selectRow(row);
}

TraceView* MainWindow::traceView() const
{
    return m_tracePage->view();
}

void MainWindow::runTrace()
{
    m_tracePage->run();
}

void MainWindow::setFollow(bool follow)
{
    if (m_follow->isChecked() != follow) m_follow->setChecked(follow);
    if (follow) {
        pollTail();
        m_tailTimer->start();
        m_records->scrollToBottom();
    } else {
        m_tailTimer->stop();
    }
}

void MainWindow::pollTail()
{
    m_recordModel->pollTail();
}

void MainWindow::onFailed(const QString& path, const QString& message)
{
    m_banner->showMessage(
        Banner::Kind::Error,
        tr("Could not open %1: %2\nChoose another workspace with File ▸ Open, or create the demo "
           "with: rewind-cli demo --out demo.rewind")
            .arg(QFileInfo(path).fileName(), message));
    m_status->setText(m_path.isEmpty() ? tr("No workspace open.") : QDir::toNativeSeparators(m_path));
    emit workspaceFailed(path, message);
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
    QSettings settings;
    settings.setValue(settings::kWindowGeometry, saveGeometry());
    settings.setValue(settings::kWindowState, saveState());
    settings.setValue(settings::kMainSplitter, m_mainSplit->saveState());
    settings.setValue(settings::kSideSplitter, m_sideSplit->saveState());
    settings.setValue(settings::kRecordsSplitter, m_recordsSplit->saveState());
    settings.setValue(settings::kViewState,
                      QJsonDocument(viewState().toJson()).toJson(QJsonDocument::Compact));
    settings.setValue(settings::kViewTab, m_tabs->currentIndex());
    settings.setValue(settings::kViewGroup, m_groupPage->shownGroup());
    event->accept();
}

} // namespace rw
