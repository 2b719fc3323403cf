#pragma once
// Where a replay writes: a workspace, or a Kafka sandbox topic through one transactional producer,
// in atomic batches, and what of a job it already holds (the writers beside RecordSource, which
// only reads). Also the small helpers the replay engine and its targets share.
// Thread contract: a target is used by one thread.

#include "replay.h"

#include <memory>
#include <optional>

namespace rw {

constexpr const char* kJobHeader = "rewind.replay.job";

// Where the records go, in atomic batches, and what of this job it already holds.
class ReplayTarget {
public:
    virtual ~ReplayTarget() = default;
    // What the target holds now, read only (planning writes nothing): whether the topic exists,
    // its partitions, and how many records of this job it already holds where that is cheap to
    // tell (0 where it is not).
    struct State {
        bool exists = false;
        int partitions = 0;
        qint64 alreadyWritten = 0;
        QString createsWith; // what creating the topic sets, for the plan (", retention.ms=-1 …")
    };
    virtual Result<State> inspect(const QString& jobId) = 0;
    virtual Result<void> open(int sourcePartitions) = 0;
    // The highest rewind.replay.seq of this job in the target (-1: none).
    virtual Result<qint64> lastSeq(const QString& jobId) = 0;
    // A batch: add() records (borrowed: copied before returning), then commit() them atomically
    // (or abort()).
    virtual Result<void> add(PartitionId partition, TimestampMs timestamp, std::optional<QByteArrayView> key,
                             std::optional<QByteArrayView> value, const std::vector<HeaderView>& headers) = 0;
    virtual Result<void> commit() = 0;
    virtual void abort() = 0;
    int partitions = 0;
    bool created = false;
};

// The registry of targets: the one place that tells a workspace target from a cluster's.
std::unique_ptr<ReplayTarget> makeReplayTarget(const ReplayJob& job, const SessionProfiles& sessions);

// "orders in demo.rewind", "Kafka topic sandbox.x on local": where the job writes, for people.
QString describeTarget(const ReplayJob& job);
// Puts a write to a shared target (a cluster) on the audit log, also one refused or failed; a
// workspace target's runs are in its own journal.
void auditTarget(const ReplayJob& job, const QString& what, const Error* error = nullptr);
// The last value of a header (nullopt: absent or null).
std::optional<QByteArray> headerValue(const Headers& h, const char* name);
ProducerRecord ownedRecord(const QString& topic, PartitionId partition, TimestampMs timestamp,
                           std::optional<QByteArrayView> key, std::optional<QByteArrayView> value,
                           const std::vector<HeaderView>& headers);
void copyInto(QByteArray& dst, QByteArrayView src);

} // namespace rw
