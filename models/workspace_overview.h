#pragma once
// Loads the overview of a workspace (topics, partitions, groups, lag) on a worker and hands it
// to the GUI thread. Thread contract: WorkspaceLoader lives on the GUI thread; its jobs run on
// its own thread pool; results arrive as queued signals. A newer load supersedes an older one.

#include "kafka_profile.h"
#include "record_source.h"
#include "result.h"
#include "workspace_store.h"

#include <QHash>
#include <QObject>

#include <functional>

namespace rw {

struct WorkspaceOverview {
    QString path;
    // The opened source, for every view and job that reads records (each reopens it on its own
    // thread). Set by WorkspaceLoader.
    std::shared_ptr<RecordSource> source;
    bool readOnly = false; // the file cannot be written
    // A Kafka data directory (or segment) read in place: always read-only; what damage the
    // reader found in it, and how many transactions' records it hides (aborted or undecided).
    QString lagNote; // why the groups have no lag history here (SourceFacts::lagNote)
    std::vector<QString> damage;
    int hiddenTransactions = 0;
    std::vector<TopicInfo> topics;
    std::vector<GroupSummary> groups;
    QHash<QString, qint64> maxLagByTopic; // largest per-partition lag of any group, per topic
    qint64 totalRecords = 0;
    // Live clusters: broker count, and each partition's replication.
    int brokers = 0;
    QHash<QPair<QString, int>, ReplicaFact> replicas;
    // The replicas are from RecordSource::quickFacts (no min.insync.replicas yet): the window
    // reads facts() next and updates them.
    bool replicaSettingsPending = false;
    // The source's masking policy (RecordSource::maskPolicy): what the display, copies,
    // exports and reports hide; empty for a data directory.
    MaskPolicy maskPolicy;
    // The source in its own words (SourceFacts): a short name, the title, and the status bar's
    // start and end.
    QString name, title, statusLead, statusTail;
};

// Synchronous; for workers and tests: what any source holds (topics, groups, lag) and what it
// says of itself (RecordSource::facts).
Result<WorkspaceOverview> loadOverview(const std::shared_ptr<RecordSource>& source);
// The same for a workspace file or data directory by path. `showInternal`: internal topics listed.
Result<WorkspaceOverview> loadWorkspaceOverview(const QString& path, bool showInternal = false);

class CancelToken;
class JobRunner;

// Loads a source's overview as a JobRunner job: a workspace (or creates one, then loads it), a
// data directory, or a Kafka cluster. Whatever their kinds, the newest load wins: an older one's
// result never arrives, and a cluster still being connected is told to give up. Two threads, so
// a superseded load still winding down never delays the next.
class WorkspaceLoader : public QObject {
    Q_OBJECT
public:
    explicit WorkspaceLoader(QObject* parent = nullptr);

    // Starts loading; returns the job id carried by loaded()/failed(). `showInternal`: internal
    // topics (__consumer_offsets, …) are listed, and the source handed on lists them too.
    int load(const QString& path, bool showInternal = false);
    // Creates an empty workspace file (refused if the path exists), then loads it.
    int create(const QString& path);
    // Connects to a cluster; failed() names it "kafka:<profile>".
    int loadKafka(const KafkaProfile& profile, bool showInternal = false);
    // Any source by its spec (a reload opens the same spec again).
    int open(const SourceSpec& spec);
    int currentJob() const;

signals:
    void loaded(int job, const rw::WorkspaceOverview& overview);
    void failed(int job, const QString& path, const rw::Error& error); // its ErrorCode intact

private:
    int start(const QString& name, std::function<Result<WorkspaceOverview>(const CancelToken&)> load);
    JobRunner* m_jobs;
};

} // namespace rw

Q_DECLARE_METATYPE(rw::WorkspaceOverview)
