#pragma once
// The words every part of connectors/ shares about an event log, whatever holds it (a workspace,
// a broker's data directory, a live cluster): topics and partitions with their watermarks,
// consumer groups with their commits and lag, an offset reset's plan, what a reader could not
// read. Below the store, the data directory and the Kafka client, so none of them includes
// another for a type. Any thread (plain data).

#include "record.h"
#include "result.h"

#include <QString>

#include <functional>
#include <optional>
#include <utility>
#include <vector>

namespace rw {

struct PartitionInfo {
    PartitionId partition = 0;
    Offset low = 0;   // first offset held (== high when empty)
    Offset high = 0;  // next offset to be written (the high watermark)
    qint64 count = 0; // records held (== high - low unless offsets have gaps)
    std::optional<TimestampMs> firstTimestamp;
    std::optional<TimestampMs> maxTimestamp;
    // The last stable offset where it differs from high: records at or past it belong to, or
    // follow, a transaction not yet decided, and a read_committed reader does not get them yet
    // (Kafka clusters and copies of their data directories; a workspace has none).
    std::optional<Offset> stable;
    Offset stableEnd() const { return stable.value_or(high); }
};

struct TopicInfo {
    QString name;
    std::vector<PartitionInfo> partitions;
    qint64 count() const;
};

struct GroupOffset {
    QString topic;
    PartitionId partition = 0;
    Offset offset = 0; // the next offset the group will read (Kafka semantics)
    QString metadata;
};

struct PartitionLag {
    QString topic;
    PartitionId partition = 0;
    std::optional<Offset> committed; // nullopt: the group never committed here ("no commit")
    Offset end = 0;
    std::optional<qint64> lag; // end - committed; nullopt without a commit
    std::optional<TimestampMs> commitTime;
    // Records the partition holds: what a group without a commit here would read if it started
    // from the earliest offset (auto.offset.reset=earliest); from the latest, nothing.
    qint64 held = 0;
};

struct GroupSummary {
    QString name;
    QString state; // Kafka's group state (Stable, Empty, …); empty for a workspace
    std::vector<QString> topics;
    int partitionsWithCommit = 0;
    int partitionsWithoutCommit = 0;
    qint64 totalLag = 0;        // over partitions with a commit
    qint64 uncommittedHeld = 0; // over partitions without one: records it would read from the earliest
    // Per topic with a commit, its largest lag on one partition (the topic tree's Max lag).
    std::vector<std::pair<QString, qint64>> maxLag;
    void noteLag(const QString& topic, qint64 lag);
};

// A group's totals from its per-partition lag (topics in the order met).
GroupSummary summarizeGroup(const QString& name, const std::vector<PartitionLag>& lags);

// A live cluster's broker as the cluster describes it, and whether it answered a request of its
// own (a broker listed in the metadata may still be down).
struct BrokerFact {
    int id = 0;
    QString host;
    int port = 0;
    QString rack; // empty: none set
    bool controller = false;
    bool reachable = false;
    QString problem; // why it did not answer
};

struct ClusterBrokers {
    QString clusterId;
    std::vector<BrokerFact> brokers;
};

// One topic setting as the cluster reports it: set on the topic, or its default.
struct TopicSetting {
    QString name, value;
    bool setOnTopic = false; // differs from the cluster's (the broker's or Kafka's) default
};

struct LagSample {
    TimestampMs at = 0;
    qint64 lag = 0; // the group's total lag over partitions with a commit
};

// Reads hand records out one at a time as views, valid only during the call; false stops.
using ScanCallback = std::function<bool(const RecordView&)>;

// A record a text index names as a candidate (WorkspaceStore::textSearch).
struct TextHit {
    QString topic;
    PartitionId partition = 0;
    Offset offset = 0;
};

// What a reader could not read: the file, the byte, why.
struct SegmentIssue {
    QString file;
    qint64 position = 0;
    QString what;
};

enum class ResetKind { Earliest, Latest, ToTime, ToOffset, ShiftBy };

struct ResetSpec {
    ResetKind kind = ResetKind::Latest;
    qint64 value = 0; // time (ms), offset, or shift (±N)
    QString topic;
    std::optional<PartitionId> partition;
};

struct ResetPlanRow {
    QString topic;
    PartitionId partition = 0;
    std::optional<Offset> current;
    Offset target = 0;
};

// Where a reset moves one partition: the plan's rule for Kafka and for workspaces alike (a time
// resolves to `atTime`, the first offset at or after it; shifting needs a commit; the result
// stays within [low, high] like Kafka's own tool). Fills row.target or says why not.
Result<void> planResetRow(ResetPlanRow& row, const ResetSpec& spec, Offset low, Offset high, Offset atTime,
                          const QString& group);
// "topic-p:current->target ..." for the audit logs ("none" without a commit).
QString describeResetPlan(const std::vector<ResetPlanRow>& plan);

} // namespace rw
