#pragma once
// What copies of a replicated cluster's brokers' data directories (`log.dirs`) say about each
// partition's replicas, offline. Each copy of a partition holds its own log: a follower fetches
// from the leader and may not have caught up when the copy was taken, and a replica that led for
// a while before it was cut off may hold a tail the new leader never had (Kafka truncates it when
// that replica rejoins). A copy says what it holds (log start and end), how far its broker knew
// the partition committed (the high watermark in `replication-offset-checkpoint`), and from
// which offset each leader epoch's records start (`leader-epoch-checkpoint`). Compared as Kafka
// compares a follower with its leader (OffsetsForLeaderEpoch): the reference is the copy with
// the newest leader epoch (the longest log among those); another copy whose last epoch ends in
// the reference where that copy's log ends, or later, is a prefix of it (behind by the
// difference: a follower that had not caught up); one that goes on past that end holds a
// divergent tail from there.
// Thread contract: plain functions over opened, immutable data directories; any thread.

#include "kafka_datadir.h"

#include <optional>
#include <vector>

namespace rw {

struct ReplicaCopy {
    QString topic;
    PartitionId partition = 0;
    Offset logStart = 0, logEnd = 0;               // offsets held: [logStart, logEnd)
    std::optional<Offset> highWatermark;           // as this broker last checkpointed it
    std::vector<std::pair<qint32, Offset>> epochs; // (leader epoch, first offset of its records)
    qint32 lastEpoch() const { return epochs.empty() ? -1 : epochs.back().first; }
};

struct DataDirCopy {
    QString path;
    std::optional<int> nodeId;           // meta.properties' node.id, where the copy has it
    std::vector<ReplicaCopy> partitions; // every partition, internal topics included
};

// The replicas a copy holds. Reads the checkpoint files of the log dir (or of the parent of a
// partition folder); a missing or unreadable checkpoint leaves the fields it fills empty.
DataDirCopy replicaCopiesOf(const KafkaDataDir& dir);

struct ReplicaVerdict {
    enum class Kind {
        Reference, // the newest epoch, longest log
        Same,      // equal to the reference
        Behind,    // a prefix of the reference: `by` records short (a follower not caught up)
        Diverged,  // holds records from `at` that the reference does not (truncated on rejoin)
        Missing,   // this copy has no such partition
    };
    int copy = 0; // index into the copies compared
    Kind kind = Kind::Same;
    Offset by = 0, at = 0;
};

struct PartitionComparison {
    QString topic;
    PartitionId partition = 0;
    std::vector<ReplicaVerdict> verdicts; // one per copy, in the order given
};

// Every partition found in any copy, compared across the copies.
std::vector<PartitionComparison> compareCopies(const std::vector<DataDirCopy>& copies);

} // namespace rw
