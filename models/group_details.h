#pragma once
// A consumer group in detail: per-partition committed, end and lag, the lag history, and an
// estimate of how fast it is catching up. Also the lag sampler that keeps that history while
// Rewind runs. Thread contract: loadGroupDetails blocks (JobRunner jobs);
// LagSampler lives on the GUI thread and does its I/O in jobs on the shared pool;
// GroupLagModel is a GUI-thread model.

#include "job_runner.h"
#include "kafka_client.h"
#include "lag_history.h"
#include "record_source.h"
#include "workspace_store.h"

#include <QAbstractTableModel>
#include <QCoreApplication>
#include <QObject>
#include <QTimer>

#include <memory>
#include <optional>

namespace rw {

struct GroupDetails {
    QString group;
    QString state;       // Kafka: Stable, Empty, …
    QStringList members; // Kafka: "client-id @ host: topic-0, topic-1"
    QString protocol;    // Kafka: "classic" or "consumer" (KIP-848)
    QString membersNote; // Kafka: why the members are not known
    std::vector<PartitionLag> partitions;
    std::vector<LagSample> history;
    qint64 totalLag = 0;
    int withoutCommit = 0;
    qint64 uncommittedHeld = 0; // records the partitions without a commit hold (read from the earliest)
    // Lag as time: per partition (aligned with `partitions`), how far the first unread record is
    // behind the partition's newest one (0: caught up; nullopt: unknown, e.g. on a cluster).
    std::vector<std::optional<qint64>> behindMs;
    std::optional<TimestampMs> oldestUnread; // the oldest first-unread record over all partitions
    qint64 maxBehindMs = 0;
    int behindUnread = 0;  // lagging partitions whose time behind was not read (over the cap)
    QString behindProblem; // why some could not be read (the lag itself is shown all the same)
    QString historyNote;   // where the lag history is kept and for how long (a cluster)
};

// The lagging partitions whose time behind loadGroupDetails reads (the most lagging first).
inline constexpr size_t kMaxBehindPartitions = 1000;

// "4 d 2 h", "12 min", "35 s": a duration as people read it.
QString formatDuration(qint64 ms);

// A group of any source (RecordSource::group), with its totals and lag as time: for each lagging
// partition, the time of the first record at its commit against its newest (RecordSource::rangeEdges:
// on a cluster a few records per partition, read by one consumer per topic, cancellable).
Result<GroupDetails> loadGroupDetails(RecordSource& source, const QString& group,
                                      const std::atomic_bool* cancel = nullptr);

// From the samples in the last `window` of the history: the catch-up rate (records/s; negative
// while falling behind) by least squares, and the time to reach zero lag at that rate.
struct CatchUp {
    std::optional<double> ratePerSecond;
    std::optional<qint64> etaMs; // only while catching up
    QString words;               // "catching up at 120 records/s, about 14 min to go"
};
CatchUp estimateCatchUp(const std::vector<LagSample>& history, TimestampMs window = 60 * 60 * 1000);

// Samples every group's total lag while a live source is open, and hands the samples to the
// source's GroupWriter, which keeps what its source keeps (a workspace: a sample when the lag
// changed, and every 10 minutes while it holds steady within a live series; a cluster: every
// sample, in the app's lag files). A source that cannot be written keeps them in memory only,
// and says so once. sampled() reports the samples kept.
class LagSamplerWorker {
    Q_DECLARE_TR_FUNCTIONS(rw::LagSamplerWorker)
public:
    using Notice = std::function<void(const QString& message)>;
    using Sampled =
        std::function<void(const QString& path, const QString& group, const LagSample& sample, bool saved)>;
    void open(const std::shared_ptr<RecordSource>& source, const Notice& notice); // nullptr: stop
    void sample(const Notice& notice, const Sampled& sampled);
    // Groups just read elsewhere (the overview's) kept as a sample, without asking again.
    void keep(const std::vector<GroupSummary>& groups, const Notice& notice, const Sampled& sampled);

private:
    QString m_path; // the source's name, carried by sampled()
    std::unique_ptr<RecordSource> m_reader;
    std::unique_ptr<GroupWriter> m_writer;
};

class LagSampler : public QObject {
    Q_OBJECT
public:
    explicit LagSampler(QObject* parent = nullptr);
    // Every 30 s (or setInterval's), one sample at a time; nullptr: stop. `read` (the overview's groups, just
    // read from this source) is the first sample: a cluster of 500 groups is not asked for every lag twice in
    // a row.
    void setSource(const std::shared_ptr<RecordSource>& source,
                   std::optional<std::vector<GroupSummary>> read = std::nullopt);
    void setInterval(int ms) { m_timer.setInterval(ms); }
    void sampleNow();
signals:
    void sampled(const QString& path, const QString& group, const rw::LagSample& sample, bool saved);
    void notice(const QString& message);

private:
    void sample(std::optional<std::vector<GroupSummary>> read); // nullopt: asks the source
    // The worker's jobs, one after another on the shared pool; another source cancels the last
    // one's. The worker is used by one job at a time.
    JobRunner* m_jobs;
    int m_sampling = 0;   // samples queued or running
    bool m_again = false; // sampleNow while one was under way
    std::shared_ptr<LagSamplerWorker> m_worker = std::make_shared<LagSamplerWorker>();
    QTimer m_timer;
};

class GroupLagModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column {
        TopicCol,
        PartitionCol,
        CommittedCol,
        EndCol,
        LagCol,
        CommitTimeCol,
        BehindCol,
        ColumnCount
    };
    using QAbstractTableModel::QAbstractTableModel;
    void setDetails(const GroupDetails& d);
    void setUtc(bool utc);
    const GroupDetails& details() const { return m_d; }
    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    // By any column (unknown values last); kept for the next details of the group.
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;

private:
    void order();
    GroupDetails m_d;
    bool m_utc = true;
    int m_sortColumn = -1; // -1: as the source listed them
    Qt::SortOrder m_sortOrder = Qt::AscendingOrder;
};

} // namespace rw

Q_DECLARE_METATYPE(rw::GroupDetails)
Q_DECLARE_METATYPE(rw::LagSample)
Q_DECLARE_METATYPE(rw::KafkaProfile)
Q_DECLARE_METATYPE(std::shared_ptr<rw::RecordSource>)
Q_DECLARE_METATYPE(std::vector<rw::ResetPlanRow>)
