#pragma once
// RecordSource: one interface over every kind of source Rewind reads — a workspace file, a copy
// of a broker's data directory, a live Kafka cluster — opened once from a spec by one registry
// (openRecordSource, source_registry.h). The window holds the opened source as a shared handle; each job that
// reads it on another thread takes its own connection with reopen(), which carries the same options (the
// profile with its secrets, internal topics shown or not) so nothing travels through process-wide settings.
// What a source can do is in its capabilities, not in branches on its kind: views ask capabilities(), never
// "is this Kafka?". Decoding (schemas) and the views build on this; writing stays separate (a workspace
// writer, a Kafka sandbox writer). Thread contract: a connection is used by one thread at a time; reopen(),
// name(), spec() and capabilities() may be called from any thread; `cancel` may be set from any thread.

#include "log_types.h"
#include "offset_spec.h"
#include "schema_registry.h"
#include "search.h"
#include "source_spec.h"

#include <QHash>
#include <QPair>

#include <map>

#include <atomic>
#include <memory>
#include <optional>

namespace rw {

// Where a source's schema files (schemas for topics not in the registry's wire format) are kept:
// in the workspace itself, in the cluster's profile, or nowhere (a copy read in place).
enum class SchemaFilesHome { None, Workspace, Profile };

struct SourceCapabilities {
    bool writable = false;    // appends and commits are possible (a workspace opened for writing)
    bool live = false;        // others may be adding records while it is read
    bool exactCounts = false; // counts are records held; else high - low (gaps make it an upper bound)
    // Every record's time is indexed locally, so a histogram or a topic's partitions merged by
    // time cost a read of timestamps, not a read of every record over the network.
    bool timeIndex = false;
    bool resumableSearch = false; // search() continues from SearchOptions::resume
    SchemaFilesHome schemaFiles = SchemaFilesHome::None;
    // A timeline costs no read of records: the counts per time come from the brokers' time
    // indexes (each bucket start's offset, histograms()), so they count offsets: approximate
    // where offsets hold no record (transaction markers, aborted or compacted records).
    bool offsetTimeline = false;
};

// A range of one partition's offsets, [from, to).
struct OffsetRange {
    PartitionId partition = 0;
    Offset from = 0, to = 0;
};

// What the ends of an offset range hold: the time of its first record and the newest time among
// its last few, and whether offsets there were found without a record (markers, compaction).
struct RangeEdges {
    std::optional<TimestampMs> first, newest;
    bool gaps = false;
};

// A consumer group as a source knows it: per partition committed, end and lag, and the lag
// history kept for it (a workspace's own; for a cluster, the app's lag files).
struct GroupState {
    QString state;       // Kafka's group state (Stable, Empty, …); empty elsewhere
    QStringList members; // "client-id @ host: topic-0, topic-1" (live clusters)
    QString protocol;    // "classic", "consumer" (KIP-848), or empty where not known
    QString membersNote; // set when the members could not be read (they are then not "none")
    std::vector<PartitionLag> partitions;
    std::vector<LagSample> history;
    QString historyNote; // where the history is kept and for how long, where the source says
};

// One partition's replication on a live cluster: its leader (-1: none, offline), replicas and
// in-sync replicas (broker ids), and the topic's min.insync.replicas where it could be read.
struct ReplicaFact {
    int leader = -1;
    std::vector<int> replicas, isr;
    int minInsync = 0; // 0: not known (the configuration was not readable)
    bool offline() const { return leader < 0; }
    bool underReplicated() const { return isr.size() < replicas.size(); }
    bool belowMinInsync() const { return minInsync > 0 && static_cast<int>(isr.size()) < minInsync; }
    bool healthy() const { return !offline() && !underReplicated() && !belowMinInsync(); }
    // "leader 1 · replicas 1,2,3 · ISR 1,2"
    QString summary() const;
    // What is wrong, in one line ("under-replicated: 2 of 3 replicas in sync"), or empty.
    // Both translated (rw::SourceWords) where translations are loaded, English elsewhere.
    QString problem() const;
};

// What the window says about a source besides its records.
struct SourceFacts {
    bool readOnly = false;            // nothing may be written there (a read-only file or profile, a copy)
    std::vector<SegmentIssue> damage; // what the reader could not read so far (file, byte, why)
    int hiddenTransactions = 0;       // aborted or undecided transactions whose records are hidden
    int brokers = 0;                  // a live cluster's brokers
    QHash<QPair<QString, int>, ReplicaFact> replicas; // a live cluster's, per partition
    // The source in its own words, for the window (translated, context rw::SourceWords): a short
    // name, the title ("local (Kafka)"), and the status bar's start ("Kafka local · host:9092 ·
    // 3 brokers") and end (" · read-only file"); the window puts topics and records between.
    QString name, title, statusLead, statusTail;
    // Why its consumer groups have no lag history, where they have none (a copy read in place);
    // the group page says it where the chart would be.
    QString lagNote;
};

// What may be changed about a source's consumer groups, on a connection of its own that may
// write: offsets (the reset dialog) and the lag history kept for them (the lag sampler). Only a
// source that can be written to gives one (RecordSource::groupWriter).
class GroupWriter {
public:
    virtual ~GroupWriter() = default;
    // Commits the plan's targets, all or nothing; refused where the source's rules say so
    // (a read-only profile, a group with live members).
    virtual Result<void> applyReset(const QString& group, const std::vector<ResetPlanRow>& plan) = 0;
    // Offers a sample of a group's total lag; true when it was kept (a source may keep only
    // changes and a steady line now and then).
    virtual Result<bool> keepLagSample(const QString& group, const LagSample& sample) = 0;
};

// One read of a topic as a stream, as `consume`, capture and the tail read it: the partitions
// from a start (kcat's -o), each up to a bound, merged in time order, or following new records.
struct StreamRequest {
    QString topic;
    std::vector<PartitionId> partitions; // empty: all
    OffsetSpec start;                    // beginning, end, offset, the last N records, a time
    std::optional<TimestampMs> stopTime; // each partition stops at its first record at or after it
    qint64 maxRecords = -1;              // in total
    bool follow = false;                 // a live source keeps reading new records until cancelled
    bool timeOrder = true;               // false: partition by partition as fetched (a copy's order)
    // [from, to) per partition instead of `start` and `partitions` (a replay's resolved range):
    // only the partitions named here are read.
    std::map<PartitionId, std::pair<Offset, Offset>> ranges;
};

struct StreamPartition {
    PartitionId partition = 0;
    Offset start = 0; // first offset asked for
    Offset next = 0;  // next offset not yet read
    qint64 records = 0;
    bool complete = false; // reached its bound (not stopped by a count, a cancel or an error)
};

struct StreamReport {
    std::vector<StreamPartition> partitions;
    qint64 records = 0;
    bool cancelled = false;
};

// What the decoding stage could not decode, over every read of a source and of the connections
// reopen() made of it: per reason, how many records and the first of them. Counted once a record
// (a record read twice, say by a search and then for its page, counts once).
struct UndecodedReport {
    struct Reason {
        QString reason;
        qint64 records = 0;
        QStringList first; // "topic-partition@offset", the first few
    };
    std::vector<Reason> reasons; // most records first
    qint64 records = 0;
};

// The indexes of the refs that name one of `topics`, in (topic, partition, offset) order: the
// order a store reads fastest (readRefs implementations).
std::vector<size_t> refsInPlaceOrder(const QStringList& topics, const std::vector<RecordRef>& refs);

class RecordSource {
public:
    using TimeCallback = std::function<bool(Offset, TimestampMs)>; // false stops
    using RefCallback = std::function<void(size_t index, const RecordView& record)>;

    virtual ~RecordSource() = default;
    virtual QString name() const = 0; // the path, or "kafka:<profile or bootstrap>"
    virtual SourceCapabilities capabilities() const = 0;
    const SourceSpec& spec() const { return m_spec; }
    // Another connection to the same source with the same options, for another thread.
    virtual Result<std::unique_ptr<RecordSource>> reopen() const = 0;

    virtual Result<SourceFacts> facts() = 0;
    // facts() without what is slow to ask of a large source: a cluster leaves every topic's
    // min.insync.replicas out (ReplicaFact::minInsync 0), one DescribeConfigs of every topic. The
    // window's first overview uses it and reads facts() after. By default facts().
    virtual Result<SourceFacts> quickFacts() { return facts(); }
    virtual Result<std::vector<TopicInfo>> topics() = 0;
    // One topic by name (also an internal one that topics() leaves out).
    virtual Result<TopicInfo> topic(const QString& name);
    // Whether a topic exists, without reading its partitions (by default through topic()).
    virtual Result<bool> hasTopic(const QString& name);
    // [low, high) of one partition now (a live source re-reads it: others' appends show); by
    // default from topic().
    virtual Result<std::pair<Offset, Offset>> watermarks(const QString& topic, PartitionId partition);
    // [from, to) of one partition in offset order, at most maxCount; views valid during the
    // callback, which returns false to stop. Returns the number of records handed out.
    virtual Result<qint64> scan(const QString& topic, PartitionId partition, Offset from, Offset to,
                                const ScanCallback& callback, qint64 maxCount = -1,
                                const std::atomic_bool* cancel = nullptr) = 0;
    // Offsets and timestamps of [from, to) in offset order (merging partitions by time).
    virtual Result<qint64> scanTimes(const QString& topic, PartitionId partition, Offset from, Offset to,
                                     const TimeCallback& callback, const std::atomic_bool* cancel = nullptr);
    // One record; nullopt when the offset holds none (a marker, compacted, not captured).
    Result<std::optional<Record>> read(const QString& topic, PartitionId partition, Offset offset);
    // Records at scattered places (refs[i].topic indexes `topics`): the callback gets the index of
    // each ref found; refs not found are not called back. A source reads nearby ones together.
    virtual Result<void> readRefs(const QStringList& topics, const std::vector<RecordRef>& refs,
                                  const RefCallback& callback, const std::atomic_bool* cancel = nullptr);
    // The first offset whose timestamp is >= ts; nullopt when there is none.
    virtual Result<std::optional<Offset>> offsetForTime(const QString& topic, PartitionId partition,
                                                        TimestampMs ts) = 0;
    // An offset from which on every record's time is >= ts (exact where times are indexed; the
    // partition's end where they are not, which reads more but never misses).
    virtual Result<Offset> endOffsetBefore(const QString& topic, PartitionId partition, TimestampMs ts);
    // Records that may contain all these terms, from a complete text index; nullopt: no index.
    virtual Result<std::optional<std::vector<TextHit>>> textCandidates(const std::vector<QString>& terms);
    // Records per time bucket in one partition: `buckets` counts of bucketMs each from `from`.
    virtual Result<std::vector<qint64>> histogram(const QString& topic, PartitionId partition,
                                                  TimestampMs from, TimestampMs bucketMs, int buckets,
                                                  const std::atomic_bool* cancel = nullptr);
    // The same for several partitions at once: counts[k] for partitions[k]. By default each
    // histogram() in turn; a cluster answers from the offsets at every bucket start
    // (capabilities().offsetTimeline), one request per broker per bucket start, no record read.
    virtual Result<std::vector<std::vector<qint64>>> histograms(const std::vector<TopicPartition>& partitions,
                                                                TimestampMs from, TimestampMs bucketMs,
                                                                int buckets,
                                                                const std::atomic_bool* cancel = nullptr);
    // The ends of each range of one topic (a read of a few records at each end; a cluster reads
    // all the ranges' heads with one consumer and all their tails with another). For a timeline's
    // extent where topics() has no times, and a group's time behind.
    virtual Result<std::vector<RangeEdges>> rangeEdges(const QString& topic,
                                                       const std::vector<OffsetRange>& ranges,
                                                       const std::atomic_bool* cancel = nullptr);
    // histogram()'s counts from a read of every record time in [first, last) of one partition.
    Result<std::vector<qint64>> countTimes(const QString& topic, PartitionId partition, Offset first,
                                           Offset last, TimestampMs from, TimestampMs bucketMs, int buckets,
                                           const std::atomic_bool* cancel);
    // Consumer groups with their totals, and one group in detail.
    virtual Result<std::vector<GroupSummary>> groups() = 0;
    virtual Result<std::vector<PartitionLag>> groupLag(const QString& name) = 0;
    virtual Result<GroupState> group(const QString& name) = 0; // groupLag with state and history
    // Where a reset would move a group (current and target per partition), read only.
    virtual Result<std::vector<ResetPlanRow>> planGroupReset(const QString& group, const ResetSpec& spec);
    // A connection that may change the groups; refused (ReadOnly) where nothing may be written.
    virtual Result<std::unique_ptr<GroupWriter>> groupWriter() const;
    // The request's records as one stream, views valid during the sink call (decoded where the
    // source decodes); the sink returns false to stop. By default merged from scan(); a cluster
    // reads with one consumer and can follow. "The last N" counts records, not offsets.
    using StreamSink = std::function<bool(const QString& topic, const RecordView& record)>;
    virtual Result<StreamReport> stream(const StreamRequest& request, const StreamSink& sink,
                                        const std::atomic_bool* cancel = nullptr);
    // The first offset from which [from, high) holds the last `count` records of a partition
    // (markers, compaction and aborted transactions leave offsets without records).
    virtual Result<Offset> startOfLast(const QString& topic, PartitionId partition, Offset low, Offset high,
                                       qint64 count, const std::atomic_bool* cancel = nullptr);
    // What the decoding stage left undecoded so far, and why (empty where nothing decodes).
    virtual UndecodedReport undecoded() const { return {}; }
    // A filter over the source, with the coverage report (search.h).
    virtual Result<SearchReport> search(const Filter& filter, const SearchOptions& options,
                                        const SearchSink& sink, const std::atomic_bool* cancel = nullptr) = 0;
    // The same connection with records as stored: without the decoding stage (decoding_source.h)
    // where there is one, else this source. For readers that need only the wire headers.
    virtual RecordSource& stored() { return *this; }
    // The schema a wire-format id names, where the source decodes (NotFound elsewhere).
    virtual Result<RegistrySchema> schema(qint32 id);
    // The masking policy that goes with the source, read through this connection: a workspace's
    // own (kept in it), a Kafka profile's; empty for a data directory.
    virtual Result<MaskPolicy> maskPolicy();
    // What masks this source's schema-encoded values by encoding them again with their writer
    // schema (Masker::setEncoded); nullptr where no decoding stage knows their schemas.
    virtual std::shared_ptr<EncodedMasking> encodedMasking() { return nullptr; }
    // A live cluster's brokers, each asked whether it answers (NotFound elsewhere).
    virtual Result<ClusterBrokers> brokers();
    // The settings that decide what a topic keeps and accepts (retention, cleanup,
    // min.insync.replicas, max.message.bytes), each marked where the topic overrides the
    // default (NotFound where a source has none).
    virtual Result<std::vector<TopicSetting>> topicSettings(const QString& topic);

protected:
    explicit RecordSource(SourceSpec spec) : m_spec(std::move(spec)) {}
    // The callback, stopping once `cancel` is set (the callback itself when there is none).
    static ScanCallback cancellable(const ScanCallback& callback, const std::atomic_bool* cancel);
    static TimeCallback cancellable(const TimeCallback& callback, const std::atomic_bool* cancel);

private:
    SourceSpec m_spec;
};

} // namespace rw
