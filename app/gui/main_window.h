#pragma once
// Rewind's main window. Left: topics (partitions, watermarks, counts, largest group lag) and
// consumer groups. Right, in tabs: Records (timeline, seek and filter bars, the message table,
// the inspector), Consumer group (per-partition lag and the lag-over-time chart), Trace (an
// entity's history across topics). All I/O runs on workers; errors show in a non-modal banner.
// GUI thread only.

#include "kafka_profile.h"
#include "record_export.h"
#include "view_state.h"
#include "workspace_overview.h"

#include <QMainWindow>
#include <QPointer>

#include <optional>

#include <functional>

class QCheckBox;
class QLabel;
class QProgressBar;
class QPushButton;
class QLineEdit;
class QMenu;
class QSplitter;
class QTabWidget;
class QTableView;
class QTimer;
class QTreeWidget;

namespace rw {

class Banner;
class ExportController;
class SourceSession;
class CaseBook;
class CasePage;
class ClusterPage;
class KafkaJobs;
class ProfileStore;
class SourcesPanel;
class FilterBar;
class Filter;
class GroupLagModel;
class GroupsList;
class GroupPage;
class LagChart;
class LagSampler;
class WatermarkPoller;
class BrokerWatch;
class RecordInspector;
class RecordsPage;
class ReplayConsole;
class ResetDialog;
class ProduceDialog;
class TopicAdminDialog;
class GroupAdminDialog;
class RegistryDialog;
class RecordTableModel;
class SearchRunner;
class JobRunner;
class SchemaFilesDialog;
class TimelineView;
class TopicTreeModel;
class TopicTreeView;
class TracePage;
class TraceView;
struct GroupDetails;
struct SearchReport;
struct TimelineData;
struct TraceResult;

class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    enum Tab { RecordsTab, GroupTab, TraceTab, ReplayTab, CaseTab, ClusterTab };

    explicit MainWindow(QWidget* parent = nullptr);
    ~MainWindow() override;

    void openWorkspace(const QString& path);   // a workspace file, or a Kafka data directory / segment
    void createWorkspace(const QString& path); // a new, empty workspace file, then opened
    QString workspacePath() const { return m_path; }

    // Views, for tests and for the window's own wiring.
    TopicTreeModel* topicModel() const { return m_topicModel; }
    RecordTableModel* recordModel() const;
    RecordInspector* inspector() const;
    Banner* banner() const { return m_banner; }
    TimelineView* timeline() const;
    FilterBar* filterBar() const;
    LagChart* lagChart() const;
    GroupLagModel* groupModel() const;
    GroupPage* groupPage() const { return m_groupPage; }
    ClusterPage* clusterPage() const { return m_clusterPage; }
    QLineEdit* topicFilter() const { return m_topicFilter; }
    TraceView* traceView() const;
    QTabWidget* tabs() const { return m_tabs; }
    ReplayConsole* replayConsole() const { return m_replay; }
    // For tests: the answer to "a replay is running: stop it and close?" without the dialog.
    std::optional<bool> closeDuringReplayAnswer;
    // Opens the replay console on what the explorer shows: topic, partition and filter.
    void replayCurrentView();

    // Connects to a saved Kafka profile (its password from the keychain when it has SASL).
    void openKafka(const QString& profile);
    void connectKafka(const KafkaProfile& profile); // as it is, its passwords given
    bool isKafka() const { return kafkaProfile().has_value(); }
    // The connected profile as the window uses it (nullopt: not a cluster).
    std::optional<KafkaProfile> kafkaProfile() const;
    // Saves a profile (passwords to the keychain); the connected one is used at once: the window
    // reconnects with it, keeping the view, unless a replay runs (then it says when it applies).
    void saveProfile(const KafkaProfile& profile);
    QString statusText() const;
    ProfileStore* profiles() const { return m_profiles; }
    SourcesPanel* sources() const { return m_sources; }

    void selectTopic(const QString& topic, int partition = -1); // -1: the whole topic, merged
    void showGroup(const QString& group);
    // Opens the offset-reset dialog for the group shown (non-blocking); returns it.
    ResetDialog* resetOffsets();
    // The Kafka menu (main_window_admin.cpp), for a connected cluster: each dialog non-blocking,
    // returned (nullptr, with the reason in the status line, when the source is not a cluster).
    ProduceDialog* produce();
    // Send again: the records read (masked by the source's policy) through the source on a
    // worker, then the dialog opens (resendReady).
    void resend(const RecordSet& set, const QString& what);
    ProduceDialog* produceDialog() const;
    // action: TopicAdminDialog::Action; topic: the one acted on (default: the one shown).
    TopicAdminDialog* administerTopics(int action, const QString& topic = {});
    // action: GroupAdminDialog::Action, for `group` (default: the one shown).
    GroupAdminDialog* administerGroup(int action, const QString& group = {});
    RegistryDialog* browseRegistry();
    // What is on screen now (source, topic, partition, filter, timeline zoom).
    ViewState viewState() const;
    void traceKey(const QByteArray& key);
    // Filters the view to [from, to) (what dragging across the timeline does), keeping the rest
    // of the filter.
    void setTimeRangeFilter(qint64 from, qint64 to);
    void setFollow(bool follow);
    // File ▸ Schema files…: the workspace's schema files (a cluster's are in its profile).
    void editSchemaFiles();
    SchemaFilesDialog* schemaFilesDialog() const { return m_schemaFiles; }

    // Cases (main_window_cases.cpp): the cases of the source shown, the Case tab.
    CaseBook* cases() const { return m_cases; }
    WatermarkPoller* watermarkPoller() const { return m_watermarks; }
    BrokerWatch* brokerWatch() const { return m_brokerWatch; }
    // The status bar's note of brokers that do not answer (hidden while all do).
    QString brokerHealthText() const;
    CasePage* casePage() const { return m_casePage; }
    // Pins the records selected in Records (the current one when none is) / a record itself.
    void pinSelectedRecords(const QString& note = {});
    void pinRecord(const Record& record, const QString& note = {});
    // Pins the view's time range: the filter's (what the timeline's drag set), else the zoom.
    void pinViewRange(const QString& note);
    void saveViewInCase(const QString& name);
    void applyView(const ViewState& view);
    // Display masking (View menu): the policy's personal data hidden in the table and inspectors.
    void setHidePersonalData(bool hide);
    bool hidesPersonalData() const { return m_hidePersonal; }
    // What an export covers.
    RecordSet viewRecordSet() const;     // the filter's results (or everything) in the topic/partition shown
    RecordSet selectedRecordSet() const; // the rows selected in Records
    RecordSet traceRecordSet() const;    // the events of the trace shown
    RecordSet pinRecordSet() const;      // the open case's pins
    // Asks how (ExportDialog), then exports; bundle: the workspace format, with the case.
    void exportWithDialog(const RecordSet& set, const QString& what, bool bundle);
    // Runs an export on a worker, progress and Stop in the status bar; exportFinished at the end.
    void startExport(RecordExport job, const QString& path);
    void cancelExport();
    // The open case as a report (HTML, or PDF through Qt's text layout); reportFinished at the end.
    void writeReport(const QString& path, bool pdf);

signals:
    void workspaceLoaded(const QString& path);
    void workspaceFailed(const QString& path, const QString& message);
    void searchFinished();
    void timelineLoaded();
    void groupLoaded(const QString& group);
    void traceFinished();
    void exportFinished(bool ok, const QString& message);
    void resendReady(ProduceDialog* dialog);
    void reportFinished(bool ok, const QString& message);

protected:
    void closeEvent(QCloseEvent* event) override;

private:
    void showRecordInRecords(const Record& record);
    void addChoiceMenu(QMenu* parent, const QString& title, const QString& objectName,
                       const std::vector<std::pair<QString, QString>>& choices, const QString& current,
                       const std::function<void(const QString&)>& chosen);
    QWidget* buildTraceTab();
    void applyTopicFilter(); // the tree shows the topics the filter's text is part of
    void buildSidePane();
    void buildTabs();
    void buildCentral();
    void wireSources();
    void restoreLayout();
    void buildMenus();
    void chooseWorkspace();
    void chooseDataDirectory();
    void newWorkspace();
    void reload();
    void showAbout();
    void onLoaded(const WorkspaceOverview& overview);
    void readFullFacts(const WorkspaceOverview& overview); // after a quick overview
    void onFailed(const QString& path, const QString& message,
                  const std::optional<KafkaProfile>& cluster = std::nullopt);
    void rememberRecent(const QString& path);
    void rebuildRecentMenu();
    void showSelection();
    void runTrace();
    void editProfile(const QString& name); // empty: a new one
    void refreshSources();
    void buildCases();
    void buildCaseMenu(QMenu* menu);
    void askExport(const QString& which);
    void buildKafkaMenu(QMenu* menu);
    bool needsCluster(); // says so in the status line when the source is not a cluster

    SourceSession* m_session; // the way to every kind of source; the newest request wins
    TopicTreeModel* m_topicModel;
    TopicTreeView* m_topicView;
    QLineEdit* m_topicFilter = nullptr; // hides the topics whose names do not contain its text
    QLabel* m_topicsLabel = nullptr;
    GroupsList* m_groups;
    Banner* m_banner;
    QLabel* m_status;
    QMenu* m_recentMenu = nullptr;
    QTabWidget* m_tabs = nullptr;
    QSplitter* m_mainSplit = nullptr; // sources | topics | groups (saved and restored)
    QSplitter* m_sideSplit = nullptr; // left column | tabs
    RecordsPage* m_recordsPage = nullptr;
    GroupPage* m_groupPage = nullptr;
    ClusterPage* m_clusterPage = nullptr;
    LagSampler* m_sampler;
    WatermarkPoller* m_watermarks;
    BrokerWatch* m_brokerWatch;
    QLabel* m_brokerHealth;
    TracePage* m_tracePage = nullptr;
    ReplayConsole* m_replay = nullptr;
    ProfileStore* m_profiles;
    KafkaJobs* m_kafkaJobs;
    SourcesPanel* m_sources = nullptr;
    bool m_showInternalTopics = false; // View menu: a data directory's internal topics

    QString m_path;
    WorkspaceOverview m_overview;
    JobRunner* m_jobs;     // small reads and writes of the window's own
    JobRunner* m_factJobs; // the source's full facts after a quick overview (one at a time)
    SchemaFilesDialog* m_schemaFiles = nullptr;
    QAction* m_schemaFilesAction = nullptr;
    CaseBook* m_cases = nullptr;
    CasePage* m_casePage = nullptr;
    ExportController* m_exports = nullptr;
    bool m_hidePersonal = true;
    QAction* m_hidePersonalAction = nullptr;
    QPointer<ProduceDialog> m_produceDialog;
    JobRunner* m_resendJobs = nullptr;
};

} // namespace rw
