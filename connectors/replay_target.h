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

std::unique_ptr<ReplayTarget> makeReplayTarget(const ReplayJob& job, const SessionProfiles& sessions);

// "orders in demo.rewind", "Kafka topic sandbox.x on local": where an endpoint is, for people.
QString describeEndpoint(const ReplayEndpoint& e);
// The last value of a header (nullopt: absent or null).
std::optional<QByteArray> headerValue(const Headers& h, const char* name);
ProducerRecord ownedRecord(const QString& topic, PartitionId partition, TimestampMs timestamp,
                           std::optional<QByteArrayView> key, std::optional<QByteArrayView> value,
                           const std::vector<HeaderView>& headers);
void copyInto(QByteArray& dst, QByteArrayView src);

} // namespace rw
