#pragma once
// A copy of a Kafka broker's data directory (`log.dirs`: `<topic>-<n>/<base>.log` segments), one
// partition folder, or one `.log` segment, read in place and never written. Opening maps every
// segment and reads its batch headers (CRC-32C checked, records not decoded) into a batch table
// per partition: offsets, times, counts, transactional and control flags. Records are decoded on
// demand from the batches a read needs. Aborted and undecided transactions are worked out from the
// control markers (as a read_committed consumer sees the log) and hidden; committed consumer group
// offsets are recovered from `__consumer_offsets`, so lag at the time of the copy can be shown.
// Damage (bad CRC, bad lengths, impossible offsets, gaps, index entries that disagree with the
// log) is collected with file and byte position; everything else stays readable.
//
// Thread contract: an opened directory is immutable and shared; every method may be called from
// any thread at once. Each open() reads the directory afresh; share the object (a data-directory
// RecordSource's connections all use one) rather than opening it again.

#include "kafka_segment.h"
#include "log_types.h"

#include <atomic>
#include <memory>

namespace rw {

struct AbortedTransaction {
    QString topic;
    PartitionId partition = 0;
    qint64 producerId = -1;
    Offset first = 0, last = 0; // offsets of the transaction's data records
    qint64 records = 0;
    bool undecided = false; // no marker yet (the copy was taken mid-transaction)
};

class KafkaDataDir {
public:
    static Result<std::shared_ptr<const KafkaDataDir>> open(const QString& path);

    ~KafkaDataDir();
    KafkaDataDir(const KafkaDataDir&) = delete;
    KafkaDataDir& operator=(const KafkaDataDir&) = delete;

    QString path() const;
    // Internal topics (names starting with "__": __consumer_offsets, __transaction_state,
    // __cluster_metadata) are left out unless asked for; topic() finds them by name anyway.
    std::vector<TopicInfo> topics(bool internal = false) const;
    Result<TopicInfo> topic(const QString& name) const;

    // The WorkspaceStore read contract (see workspace_store.h), over the segments.
    Result<qint64> scan(const QString& topic, PartitionId partition, Offset from, Offset to,
                        const ScanCallback& callback, qint64 maxCount = -1) const;
    Result<std::optional<Offset>> offsetForTime(const QString& topic, PartitionId partition,
                                                TimestampMs ts) const;
    Result<std::vector<qint64>> histogram(const QString& topic, PartitionId partition, TimestampMs from,
                                          TimestampMs bucketMs, int buckets,
                                          const std::atomic_bool* cancel) const;
    Result<qint64> scanTimes(const QString& topic, PartitionId partition, Offset from, Offset to,
                             const std::function<bool(Offset, TimestampMs)>& callback) const;

    // Consumer groups as of the copy, from __consumer_offsets (read on first use).
    Result<std::vector<GroupOffset>> committedOffsets(const QString& group) const;
    Result<std::vector<GroupSummary>> groups() const;
    Result<std::vector<PartitionLag>> lag(const QString& group) const;

    // Problems found so far (opening, and any read since), in file order.
    std::vector<SegmentIssue> issues() const;
    std::vector<AbortedTransaction> abortedTransactions() const;

    struct SegmentSummary {
        QString file;
        qint64 bytes = 0, batches = 0, records = 0;
        bool zeroTail = false, truncatedTail = false;
    };
    struct Report {
        std::vector<SegmentSummary> segments;
        std::vector<SegmentIssue> issues;
        qint64 partitions = 0, batches = 0, records = 0;
    };
    // The full damage report: decodes every record of every batch (decompression included) on
    // top of what opening checked. progress(bytesDone, bytesTotal) returns false to cancel.
    Result<Report> verify(const std::function<bool(qint64, qint64)>& progress = {}) const;

    struct Impl;

private:
    explicit KafkaDataDir(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> d;
};

} // namespace rw
