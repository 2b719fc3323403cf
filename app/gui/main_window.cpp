// MainWindow: the shell around the pages: the source shown (loaded, failed, reloaded), the
// selection, the profile and schema-file editors, and the view state handed between pages.

#include "main_window.h"
#include "groups_list.h"
#include "source_session.h"

#include "file_dialogs.h"

#include "appearance.h"
#include "banner.h"
#include "broker_watch.h"
#include "case_book.h"
#include "case_page.h"
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
#include "workspace_keep.h"
#include "workspace_store.h"

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

// A count for tr()'s %n, which takes an int.
int nCount(qint64 n)
{
    return static_cast<int>(std::min<qint64>(n, INT_MAX));
}

} // namespace

MainWindow::~MainWindow() = default;

RecordTableModel* MainWindow::recordModel() const
{
    return m_recordsPage->model();
}

RecordInspector* MainWindow::inspector() const
{
    return m_recordsPage->inspector();
}

TimelineView* MainWindow::timeline() const
{
    return m_recordsPage->timeline();
}

FilterBar* MainWindow::filterBar() const
{
    return m_recordsPage->filterBar();
}

void MainWindow::setTimeRangeFilter(qint64 from, qint64 to)
{
    m_recordsPage->setTimeRangeFilter(from, to);
}

void MainWindow::setFollow(bool follow)
{
    m_recordsPage->setFollow(follow);
}

void MainWindow::openWorkspace(const QString& path)
{
    m_session->openPath(path, m_showInternalTopics);
}

void MainWindow::createWorkspace(const QString& path)
{
    m_session->create(path);
}

void MainWindow::reload()
{
    if (!m_overview.source) return;
    SourceSpec spec = m_overview.source->spec(); // the same source, with the same options
    spec.showInternalTopics = m_showInternalTopics;
    m_session->open(spec);
}

void MainWindow::editSchemaFiles()
{
    if (!m_overview.source) return;
    const SchemaFilesHome home = m_overview.source->capabilities().schemaFiles;
    if (home == SchemaFilesHome::Profile) { // a cluster's schema files are part of its profile
        editProfile(m_overview.source->spec().kafka->name);
        return;
    }
    if (home != SchemaFilesHome::Workspace) return;
    if (!m_schemaFiles) {
        m_schemaFiles = new SchemaFilesDialog(this);
        connect(m_schemaFiles, &SchemaFilesDialog::saveRequested, this,
                [this](const std::vector<SchemaFile>& files) {
                    m_jobs->start<bool>(
                        [path = m_path, files](const CancelToken&) -> Result<bool> {
                            auto store = WorkspaceStore::open(path, WorkspaceStore::Mode::ReadWrite);
                            if (!store) return store.error();
                            for (const SchemaFile& f : files)
                                if (const QString problem =
                                        SchemaCatalog(std::nullopt, {f}).fileProblem(f.topic);
                                    !problem.isEmpty())
                                    return makeError(ErrorCode::Parse, problem);
                            if (auto r = keepSchemaFiles(*store.value(), path, files); !r) return r.error();
                            return true;
                        },
                        [this](Result<bool> r) {
                            if (!r) {
                                m_schemaFiles->setProblem(r.error().message);
                                return;
                            }
                            m_schemaFiles->hide();
                            m_status->setText(tr("Schema files kept in the workspace; reopening it …"));
                            reload();
                        });
                });
    }
    QStringList topics;
    for (const TopicInfo& t : m_overview.topics)
        topics << t.name;
    m_jobs->start<std::vector<SchemaFile>>(
        [path = m_path](const CancelToken&) -> Result<std::vector<SchemaFile>> {
            auto store = WorkspaceStore::open(path, WorkspaceStore::Mode::ReadOnly);
            if (!store) return store.error();
            return keptSchemaFiles(*store.value(), path);
        },
        [this, topics](Result<std::vector<SchemaFile>> files) {
            m_schemaFiles->setWorkspace(m_path, topics, files ? files.value() : std::vector<SchemaFile>());
            if (!files) m_schemaFiles->setProblem(files.error().message);
            m_schemaFiles->show();
            m_schemaFiles->raise();
        });
}

void MainWindow::openKafka(const QString& name)
{
    m_session->openProfile(name);
}

void MainWindow::connectKafka(const KafkaProfile& profile)
{
    m_session->connectProfile(profile);
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
    if (auto p = dialog.profile()) saveProfile(p.value());
}

void MainWindow::saveProfile(const KafkaProfile& p)
{
    if (auto r = m_profiles->save(p); !r) {
        m_banner->showMessage(Banner::Kind::Error,
                              tr("The profile was not saved: %1").arg(r.error().message));
        return;
    }
    for (ProfileSecret which : ProfileStore::kAllSecrets)
        if (!p.secret(which).isEmpty())
            m_profiles->storePassword(ProfileStore::secretKey(p.name, which), p.secret(which));
    // The connected profile edited: what it says now applies now (walkthrough defect 6.7: turning
    // read-only off did nothing until a reconnect, and nothing said so).
    if (!m_overview.source || m_overview.source->spec().key() != SourceSpec::clusterKey(p.name)) return;
    if (m_replay && m_replay->runner()->running()) {
        m_banner->showMessage(
            Banner::Kind::Info,
            tr("The profile %1 was saved. A replay is running on its connection: the "
               "changes apply when it has ended and you open the profile again from Sources.")
                .arg(p.name));
        return;
    }
    m_status->setText(tr("Reconnecting to %1 with the edited profile …").arg(p.name));
    openKafka(p.name);
}

std::optional<KafkaProfile> MainWindow::kafkaProfile() const
{
    return m_overview.source ? m_overview.source->spec().kafka : std::nullopt;
}

QString MainWindow::statusText() const
{
    return m_status->text();
}

QString MainWindow::brokerHealthText() const
{
    return m_brokerHealth->isHidden() ? QString() : m_brokerHealth->text();
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
    QString keepTopic = sameFile ? m_recordsPage->topic() : QString();
    int keepPartition = sameFile ? m_recordsPage->partition() : -1;
    QSettings settings;
    const ViewState saved = ViewState::fromJson(
        QJsonDocument::fromJson(settings.value(settings::kViewState).toByteArray()).object());
    const bool restoring = !sameFile && saved.source == o.path;
    if (restoring) {
        keepTopic = saved.topic;
        keepPartition = saved.partition;
        m_groupPage->setShownGroup(settings.value(settings::kViewGroup).toString());
        m_tabs->setCurrentIndex(settings.value(settings::kViewTab, 0).toInt());
    }
    // Columns for what the source knows: replicas (a live cluster), the last record's time
    // (where every record's time is indexed).
    m_topicView->setColumnHidden(TopicTreeModel::Replicas, o.replicas.isEmpty());
    m_topicView->setColumnHidden(TopicTreeModel::LastRecord,
                                 !(o.source && o.source->capabilities().timeIndex));
    m_path = o.path;
    // A workspace keeps schema files, a cluster's profile does; a data directory is never written.
    const bool keepsSchemaFiles = o.source && o.source->capabilities().schemaFiles != SchemaFilesHome::None;
    m_schemaFilesAction->setEnabled(keepsSchemaFiles);
    m_schemaFilesAction->setToolTip(o.source && !keepsSchemaFiles
                                        ? tr("A data directory is read in place and never written: "
                                             "use rewind-cli --schema-file, or capture it into a "
                                             "workspace")
                                        : QString());
    m_tracePage->setSource(o.source);
    m_groupPage->setSource(o);
    m_clusterPage->setSource(o);
    m_tabs->setTabVisible(ClusterTab, o.brokers > 0);
    if (!sameFile) m_cases->setSource(o.source); // the cases of this source (a reload keeps the case open)
    m_casePage->setSource(o.source, o.maskPolicy);
    if (restoring) m_cases->openWhenListed(settings.value(settings::kViewCase).toString());
    m_overview = o;
    m_banner->hide();
    m_recordsPage->setSource(o, sameFile);
    setHidePersonalData(m_hidePersonal); // this source's policy
    {
        QStringList names;
        for (const TopicInfo& t : o.topics)
            names << t.name;
        setTopicOrder(names); // distinct colours for this source's topics, the same in every view
    }
    m_topicModel->setOverview(o);
    applyTopicFilter(); // the filter typed stays: a reload shows the same topics
    m_topicView->resizeColumnToContents(0);
    m_groups->setGroups(o.groups);
    // A live source's lag, sampled and kept where it keeps it; the first sample is the
    // overview's (read a moment ago).
    m_sampler->setSource(o.source, o.groups);
    m_watermarks->setSource(o.source);
    m_brokerWatch->setSource(o.brokers > 0 ? o.source : nullptr);
    const QString topics = tr("%Ln topic(s)", nullptr, static_cast<int>(o.topics.size()));
    const QString records = tr("%Ln record(s)", nullptr, nCount(o.totalRecords));
    // The source says what it is (SourceFacts); the window puts its topics and records between.
    setWindowTitle(tr("%1 — Rewind").arg(o.title));
    const bool exact = o.source && o.source->capabilities().exactCounts;
    m_status->setText(
        tr("%1 · %2 · %3%4")
            .arg(o.statusLead, topics, exact ? records : tr("about %1").arg(records), o.statusTail));
    if (!o.damage.empty())
        m_banner->showMessage(Banner::Kind::Error,
                              tr("%n problem(s) in the segments; everything else reads normally. First: %1. "
                                 "rewind-cli verify lists them all.",
                                 nullptr, static_cast<int>(o.damage.size()))
                                  .arg(o.damage.front()));
    if (o.source && !o.source->spec().path.isEmpty()) rememberRecent(o.path); // a file or a folder
    if (o.source) m_sources->setCurrent(o.source->spec().key());
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
    m_recordsPage->rerunKeptFilter();
    // The filter, the shaded range and the timeline's zoom of the last close come back with the topic.
    if (restoring && !keepTopic.isEmpty() && (!saved.filter.isEmpty() || saved.range || saved.zoom))
        m_recordsPage->applyView(saved.filter, saved.range, saved.zoom);
    const int tab = m_tabs->currentIndex();
    const QString shown = m_groupPage->shownGroup();
    if (!shown.isEmpty() &&
        std::any_of(o.groups.begin(), o.groups.end(), [&](const GroupSummary& g) { return g.name == shown; }))
        showGroup(shown);
    m_tabs->setCurrentIndex(tab);
    readFullFacts(o);
    emit workspaceLoaded(o.path);
}

void MainWindow::readFullFacts(const WorkspaceOverview& o)
{
    m_factJobs->cancel(); // the last source's answer never lands on this one
    if (!o.replicaSettingsPending || !o.source) return;
    // The overview came without every topic's min.insync.replicas (RecordSource::quickFacts);
    // read on a connection of its own, then the tree and the Cluster tab flag what falls below.
    m_factJobs->start<SourceFacts>(
        [source = o.source](const CancelToken&) -> Result<SourceFacts> {
            auto connection = source->reopen();
            if (!connection) return connection.error();
            return connection.value()->facts();
        },
        [this, source = o.source](Result<SourceFacts> facts) {
            if (!facts || m_overview.source != source) return; // kept as read: without min.insync
            m_overview.replicas = facts->replicas;
            m_overview.replicaSettingsPending = false;
            m_topicModel->setReplicas(m_overview.replicas);
            m_clusterPage->setReplicas(m_overview);
        });
}

void MainWindow::selectTopic(const QString& topic, int partition)
{
    for (int r = 0; r < m_topicModel->rowCount(); ++r) {
        const QModelIndex t = m_topicModel->index(r, 0);
        if (t.data(TopicTreeModel::TopicRole).toString() != topic) continue;
        if (m_topicView->isRowHidden(r, {})) m_topicFilter->clear(); // asked for by name: shown
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
    // The tree beside the view says what the shown topic's partitions hold now (that topic
    // alone: every topic of a large cluster is the poller's timer's work).
    if (current.isValid()) m_watermarks->pollTopic(current.data(TopicTreeModel::TopicRole).toString());
    const QVariant partition = current.data(TopicTreeModel::PartitionRole);
    if (current.isValid()) m_clusterPage->showTopic(current.data(TopicTreeModel::TopicRole).toString());
    m_recordsPage->showSelection(
        current.isValid() ? current.data(TopicTreeModel::TopicRole).toString() : QString(),
        partition.isValid() ? partition.toInt() : -1, current.data(TopicTreeModel::LowRole).toLongLong(),
        current.data(TopicTreeModel::HighRole).toLongLong());
}

// A damaged data directory: wherever records of a damaged partition would appear, the banner
// says which are missing (the open-time banner alone is gone once anything else is said).

void MainWindow::showGroup(const QString& group)
{
    if (m_path.isEmpty()) return;
    m_tabs->setCurrentIndex(GroupTab);
    m_groupPage->showGroup(group);
}

// The console on exactly what is shown: topic, partition, the filter, and its time range (the
// range shaded on the timeline, else the timeline's zoom).
void MainWindow::replayCurrentView()
{
    const ViewState v = viewState();
    m_tabs->setCurrentIndex(ReplayTab);
    if (v.topic.isEmpty()) return;
    const auto range = v.replayRange();
    m_replay->prefill(v.topic, v.partition, range ? std::optional(range->first) : std::nullopt,
                      range ? std::optional(range->second) : std::nullopt, v.filter);
}

ViewState MainWindow::viewState() const
{
    ViewState v;
    v.source = m_overview.source ? m_overview.source->name() : QString();
    v.topic = m_recordsPage->topic();
    v.partition = m_recordsPage->partition();
    v.filter = m_recordsPage->activeFilter();
    v.range = m_recordsPage->activeRange();
    v.zoom = m_recordsPage->zoom();
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
    m_recordsPage->leaveFilter();
    selectTopic(r.topic, r.partition);
    if (!m_recordsPage->selectOffset(r.offset)) {
        m_banner->showMessage(Banner::Kind::Info, tr("%1-%2 offset %3 is not in this source any more.")
                                                      .arg(r.topic)
                                                      .arg(r.partition)
                                                      .arg(r.offset));
        return;
    }
}

TraceView* MainWindow::traceView() const
{
    return m_tracePage->view();
}

void MainWindow::runTrace()
{
    m_tracePage->run();
}

void MainWindow::onFailed(const QString& path, const QString& message,
                          const std::optional<KafkaProfile>& cluster)
{
    // What is still shown, said and selected again: a source that failed is not left looking
    // chosen (walkthrough defect 6.10).
    const QString shown = m_path.isEmpty() ? QString() : m_overview.name;
    const QString still = shown.isEmpty() ? QString() : tr("\n%1 is still shown.").arg(shown);
    if (cluster)
        m_banner->showMessage(Banner::Kind::Error,
                              tr("Could not connect to %1 (%2): %3\nThe profile's address and security "
                                 "settings: Edit… in Sources.")
                                      .arg(cluster->name, cluster->bootstrap, message) +
                                  still);
    else
        m_banner->showMessage(
            Banner::Kind::Error,
            tr("Could not open %1: %2\nChoose another workspace with File ▸ Open, or create the demo "
               "with: rewind-cli demo --out demo.rewind")
                    .arg(QFileInfo(path).fileName(), message) +
                still);
    m_status->setText(m_path.isEmpty() ? tr("No workspace open.") : QDir::toNativeSeparators(m_path));
    if (m_sources && !m_path.isEmpty())
        m_sources->setCurrent(m_overview.source ? m_overview.source->spec().key() : QString());
    emit workspaceFailed(path, message);
}

} // namespace rw
