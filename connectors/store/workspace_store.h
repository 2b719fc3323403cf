#pragma once
// The local event-log workspace: one SQLite file with topics, partitions, records and consumer
// groups. Thread contract: one WorkspaceStore per thread (it owns one SQLite connection); open
// the same file from several threads or processes at once (WAL: many readers, one writer).

#include "log_types.h"

#include <QString>

#include <atomic>
#include <functional>
#include <limits>
#include <memory>
#include <optional>
#include <vector>

struct sqlite3;

namespace rw {

struct JournalEntry {
    qint64 id = 0;
    QString name, jobId, jobJson, target;
    TimestampMs started = 0;
    std::optional<TimestampMs> finished;
    QString outcome; // running, complete, cancelled, failed: …
    qint64 written = 0, resumedAfter = 0;
};

struct AuditEntry {
    TimestampMs at = 0;
    QString action, target, detail;
};

// A borrowed record for appendRefs: bytes owned by the caller (typically one arena per batch).
struct AppendRef {
    int topic = 0; // index into the topic names passed alongside
    PartitionId partition = 0;
    std::optional<Offset> offset; // empty: the next offset of the partition
    TimestampMs timestamp = 0;
    TimestampType timestampType = TimestampType::CreateTime;
    bool keyNull = true, valueNull = true;
    QByteArrayView key, value, headersBlob; // headersBlob: encoded (header_codec.h), empty: none
};

struct AppendResult {
    qint64 appended = 0;
    std::vector<Offset> offsets; // per input record, in input order
};

class WorkspaceStore {
public:
    enum class Mode { ReadOnly, ReadWrite };
    static constexpr int kSchemaVersion = 4;
    static constexpr std::uint32_t kApplicationId = 0x52574E44; // "RWND"

    // Creates a new workspace; fails if the path exists.
    static Result<std::unique_ptr<WorkspaceStore>> create(const QString& path);
    // Opens an existing workspace after checking it is one and is intact. A file that is not a
    // workspace, is damaged, truncated or (for ReadWrite) not writable is reported and never
    // written to. A Kafka data directory is refused: it is read as a source (record_source.h).
    static Result<std::unique_ptr<WorkspaceStore>> open(const QString& path, Mode mode);

    ~WorkspaceStore();
    WorkspaceStore(const WorkspaceStore&) = delete;
    WorkspaceStore& operator=(const WorkspaceStore&) = delete;

    QString path() const;
    bool readOnly() const;

    // Topics.
    Result<void> createTopic(const QString& name, int partitions);
    Result<void> ensurePartitions(const QString& topic, int partitions); // grows, never shrinks
    Result<std::vector<TopicInfo>> topics();
    Result<TopicInfo> topic(const QString& name);

    // Appends atomically: all records or none. Offsets are assigned densely per partition unless
    // a record carries an explicit offset, which must be >= the partition's high watermark.
    Result<AppendResult> append(const std::vector<ProducerRecord>& batch);
    // The same for borrowed records that keep their offsets (capture): one topic, views with
    // encoded header blobs; nothing is copied before SQLite.
    Result<AppendResult> appendViews(const QString& topic, const std::vector<RecordView>& views);
    // The same for borrowed records of several topics, offsets assigned or kept (bulk import).
    Result<AppendResult> appendRefs(const std::vector<QString>& topics, const std::vector<AppendRef>& refs);
    // Drops every record of one partition, leaving it empty at offset 0, so that records can be
    // written into it again in offset order (a case workspace's kept evidence, merged with records
    // kept before). A text index is dropped with them (buildTextIndex makes it again).
    Result<void> clearPartition(const QString& topic, PartitionId partition);

    // Reads [from, to) of one partition in offset order; stops after maxCount records.
    // The callback returns false to stop early. Views are valid only during the callback.
    Result<qint64> scan(const QString& topic, PartitionId partition, Offset from, Offset to,
                        const ScanCallback& callback, qint64 maxCount = -1);
    // The records at these offsets of one partition (in increasing order), one point lookup each
    // on one statement: callback(i, view) for offsets[i] where a record is; false stops.
    Result<void> readAt(const QString& topic, PartitionId partition, const std::vector<Offset>& offsets,
                        const std::function<bool(size_t, const RecordView&)>& callback);
    Result<std::vector<Record>> read(const QString& topic, PartitionId partition, Offset from,
                                     qint64 maxCount);

    // First offset whose timestamp is >= ts (Kafka's offsetsForTimes); nullopt if none.
    Result<std::optional<Offset>> offsetForTime(const QString& topic, PartitionId partition, TimestampMs ts);
    // An offset from which on every record has timestamp >= ts, even with out-of-order
    // timestamps (from per-block minimums); records before ts lie below it. The partition's end
    // when unknown (a schema-1 file opened read-only).
    Result<Offset> endOffsetBefore(const QString& topic, PartitionId partition, TimestampMs ts);

    // Consumer groups.
    Result<void> createGroup(const QString& group, const std::vector<QString>& topics);
    // `at`: when the commit happened (default: now), e.g. the moment of a demo's story.
    Result<void> commitOffsets(const QString& group, const std::vector<GroupOffset>& offsets,
                               std::optional<TimestampMs> at = std::nullopt);
    Result<std::vector<GroupOffset>> committedOffsets(const QString& group);
    Result<std::vector<GroupSummary>> groups();
    Result<std::vector<PartitionLag>> lag(const QString& group);
    // Lag history: samples of a group's total lag over time (replaced when the time repeats).
    // A group the file does not know is NotFound, unless `create` (a cluster's case workspace
    // keeps only its groups' history).
    Result<void> addLagSamples(const QString& group, const std::vector<LagSample>& samples,
                               bool create = false);
    // Drops a group's samples older than `before` and all but the newest `keep`; how many went.
    Result<qint64> pruneLagSamples(const QString& group, TimestampMs before, qint64 keep);
    Result<std::vector<LagSample>> lagSamples(const QString& group, TimestampMs from = 0,
                                              TimestampMs to = std::numeric_limits<TimestampMs>::max());

    // Records per time bucket in one partition: `buckets` counts of bucketMs each from `from`.
    // Reads only timestamps, and only the offsets the time index says can fall in the range.
    Result<std::vector<qint64>> histogram(const QString& topic, PartitionId partition, TimestampMs from,
                                          TimestampMs bucketMs, int buckets,
                                          const std::atomic_bool* cancel = nullptr);
    // Offsets and timestamps of [from, to) in offset order (to merge partitions by time);
    // the callback returns false to stop.
    Result<qint64> scanTimes(const QString& topic, PartitionId partition, Offset from, Offset to,
                             const std::function<bool(Offset, TimestampMs)>& callback);

    // Full-text index (SQLite FTS5 with the trigram tokenizer, so terms match as case-insensitive
    // substrings of the UTF-8 key, value and header values). Optional: built on request, resumable
    // after a cancel, and kept current on append once a partition is fully indexed.
    struct TextIndexStatus {
        bool exists = false;
        qint64 indexed = 0;
        qint64 total = 0;
        bool complete() const { return exists && indexed >= total; }
    };
    Result<TextIndexStatus> textIndexStatus();
    // progress(done, total) is called every batch; returning false cancels (what was indexed stays).
    Result<TextIndexStatus> buildTextIndex(const std::function<bool(qint64, qint64)>& progress = {});
    // Candidate records for terms of 3+ characters: every record that contains all terms is among
    // them (a superset: the index has no positions); check each with the filter. By offset.
    Result<std::vector<TextHit>> textSearch(const std::vector<QString>& terms, qint64 limit = -1);
    // The text the index holds for a record: the UTF-8 parts of key, value and header values.
    static QByteArray indexedText(const RecordView& r);
    static void appendIndexedText(QByteArray& body, const RecordView& r); // the same into a buffer

    // Replay journal (every run, its job, progress and outcome) and the audit log of write actions.
    Result<qint64> startJournal(const QString& name, const QString& jobId, const QString& jobJson,
                                const QString& target, qint64 resumedAfter);
    Result<void> updateJournal(qint64 id, qint64 written, const std::optional<QString>& outcome);
    Result<std::vector<JournalEntry>> journal();
    Result<void> addAudit(const QString& action, const QString& target, const QString& detail);
    Result<std::vector<AuditEntry>> auditLog();

    // Groups several appends/commits into one transaction; rollback undoes all of them.
    Result<void> begin();
    Result<void> commit();
    void rollback();

    // For filling a workspace nobody else has open yet (one this process just created): writes go
    // straight into the file under a rollback journal instead of through the WAL, which a large
    // transaction's commit would then copy into the file a second time. A crash still leaves the
    // file as it was before (the journal restores it on the next open). endBulkLoad() returns to
    // WAL. Refused inside a transaction and while another connection has the file open.
    Result<void> beginBulkLoad();
    Result<void> endBulkLoad();

    // Free-form workspace metadata (demo seed, creation info).
    Result<void> setMeta(const QString& key, const QString& value);
    Result<std::optional<QString>> meta(const QString& key);

    // Cases (core/case_file.h) kept in the workspace: JSON documents by name, in a table made
    // when the first one is saved (a workspace without cases has none).
    struct CaseEntry {
        QString name;
        qint64 pins = 0;
        TimestampMs updated = 0;
    };
    Result<std::vector<CaseEntry>> cases(); // by name
    Result<std::optional<QByteArray>> caseDocument(const QString& name);
    Result<void> saveCase(const QString& name, QByteArrayView json, qint64 pins, TimestampMs updated);
    Result<void> deleteCase(const QString& name); // no error when there is none of that name

    // Full integrity check of every table (PRAGMA quick_check); empty list means intact.
    Result<std::vector<QString>> quickCheck();

private:
    struct Impl;
    explicit WorkspaceStore(std::unique_ptr<Impl> impl);
    template <typename RowFn> Result<AppendResult> appendRows(size_t count, const RowFn& row);
    std::unique_ptr<Impl> d;
};

} // namespace rw
