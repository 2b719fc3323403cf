#pragma once
// Private to connectors/kafka_datadir*.cpp: the batch table of an opened data directory, shared
// by its loading (kafka_datadir_load.cpp), its reads (kafka_datadir.cpp) and its consumer groups
// (kafka_datadir_groups.cpp). Thread contract: as KafkaDataDir (immutable once loaded; the issue
// list and the groups, filled on demand, are guarded).

#include "channel.h"
#include "kafka_datadir.h"

#include <QFile>
#include <QMutex>

#include <algorithm>
#include <condition_variable>
#include <map>
#include <mutex>
#include <thread>

namespace rw {

namespace datadir {

// A broker's checkpoint file in a log dir (cleaner-offset-, log-start-offset-,
// replication-offset-checkpoint): a version line, a count line, then "topic partition offset"
// lines. Missing or unreadable: empty.
std::map<std::pair<QString, PartitionId>, Offset> readCheckpoint(const QString& dir, const QString& name);

constexpr qint64 kHeaderBytes = 61;
constexpr qint64 kResyncWindow = 64 << 20; // how far past damage to look for the next sane batch

enum BatchFlag : quint8 {
    Control = 1,
    Aborted = 2,   // data of an aborted transaction
    Undecided = 4, // data of a transaction without a marker in the copy
    Damaged = 8,   // CRC-valid but its offsets contradict its neighbours or the index
    Transactional = 16,
    PastStable = 32, // at or past the first undecided transaction: read_committed does not read it yet
};

struct Batch {
    qint64 position = 0, size = 0;
    Offset base = 0, last = 0;
    TimestampMs firstTs = 0, maxTs = 0;
    qint64 producerId = -1;
    qint32 count = 0;
    qint32 segment = 0;
    quint8 flags = 0;
    bool compressed = false;
    qint8 controlType = -1;

    bool visible() const { return !(flags & (Control | Aborted | Undecided | Damaged | PastStable)); }
};

struct Segment {
    QString file;
    Offset base = 0; // from the file name
    std::unique_ptr<QFile> f;
    const uchar* map = nullptr;
    qint64 size = 0;
    qint64 batches = 0, records = 0;
    bool zeroTail = false, truncatedTail = false;
    QString indexFile, timeIndexFile;
    std::vector<std::pair<Offset, qint64>> index;          // (offset, position) from .index
    std::vector<std::pair<TimestampMs, Offset>> timeIndex; // (timestamp, offset) from .timeindex
    std::vector<qint64> damagedAt;                         // positions of batches found damaged

    QByteArrayView bytes() const { return {reinterpret_cast<const char*>(map), size}; }
};

struct Part {
    QString topic;
    PartitionId partition = 0;
    QString dir;
    std::vector<Segment> segments;
    std::vector<Batch> batches; // offset order (segments in order, batches in file order)
    PartitionInfo info;
    std::optional<Offset> cleanedUpTo;           // from cleaner-offset-checkpoint: compacted below this
    std::optional<Offset> logStart;              // from log-start-offset-checkpoint: deleted below this
    std::vector<std::pair<Offset, Offset>> lost; // offsets damaged batches took with them
};

inline bool isInternal(const QString& topic)
{
    return topic.startsWith(QLatin1String("__"));
}

inline qint64 be64(const uchar* p)
{
    quint64 v = 0;
    for (int i = 0; i < 8; ++i)
        v = (v << 8) | p[i];
    return static_cast<qint64>(v);
}

inline qint32 be32(const uchar* p)
{
    return static_cast<qint32>((quint32(p[0]) << 24) | (quint32(p[1]) << 16) | (quint32(p[2]) << 8) | p[3]);
}

} // namespace datadir

struct KafkaDataDir::Impl {
    using Batch = datadir::Batch;
    using Segment = datadir::Segment;
    using Part = datadir::Part;

    QString path;
    std::vector<Part> parts;
    std::vector<AbortedTransaction> aborted;
    mutable QMutex issueMutex;
    mutable std::vector<SegmentIssue> issues;
    SegmentLimits limits;

    struct Commit {
        Offset offset = 0;
        QString metadata;
        TimestampMs at = 0;
    };
    mutable std::once_flag groupsOnce;
    mutable std::map<QString, std::map<std::pair<QString, PartitionId>, Commit>> commits;
    mutable std::optional<Error> groupsError;

    void addIssue(const QString& file, qint64 pos, const QString& what) const
    {
        QMutexLocker lock(&issueMutex);
        issues.push_back({file, pos, what});
    }

    const Part* part(const QString& topic, PartitionId partition) const
    {
        for (const Part& p : parts)
            if (p.topic == topic && p.partition == partition) return &p;
        return nullptr;
    }

    Result<const Part*> need(const QString& topic, PartitionId partition) const
    {
        if (const Part* p = part(topic, partition)) return p;
        return makeError(
            ErrorCode::NotFound,
            QStringLiteral("%1 has no partition %2 of topic '%3'").arg(path).arg(partition).arg(topic));
    }

    // Looks for the next sane batch at or after `from`: first where the offset index says a batch
    // starts, then byte by byte (magic 2, a believable length, a matching CRC).
    qint64 resync(const Segment& s, qint64 from, const std::vector<qint64>& indexPositions) const;

    // Offset index entries (relative offset, position); an all-zero entry ends a preallocated file.
    static std::vector<std::pair<Offset, qint64>> readOffsetIndex(const QString& file, Offset base);

    static std::vector<std::pair<TimestampMs, Offset>> readTimeIndex(const QString& file, Offset base);

    // Reads one segment's batch headers into `batches`; independent of every other segment, so
    // segments are mapped in parallel.
    void mapSegment(Segment& s, qint32 segIndex, std::vector<Batch>& batches,
                    std::vector<SegmentIssue>& found) const;

    bool compactedAt(const Part& part, Offset o) const { return part.cleanedUpTo && o < *part.cleanedUpTo; }

    // Offsets must rise batch after batch with no gap, except where the cleaner compacted (the
    // log dir's cleaner-offset-checkpoint says how far). The base offset field is not covered by
    // the CRC: a batch whose base contradicts its neighbours or its segment's name is not shown.
    void checkContinuity(Part& part, std::vector<SegmentIssue>& found);

    // The indexes must agree with the log: an offset index entry names the last offset of the
    // batch starting at its position; a time index entry names an offset in a batch with that
    // maximum timestamp. A disagreement is reported; in a compacted range, where the offsets
    // cannot be checked against their neighbours, the batch in doubt is not shown.
    void checkIndexes(Part& part, std::vector<SegmentIssue>& found);

    // Transactions: data batches of a producer stay pending until its next marker; an abort
    // marker hides them, a commit shows them, no marker (yet) leaves them undecided.
    void resolveTransactions(Part& part);

    void summarize(Part& part);

    Result<void> load(const QString& root);

    // Visits the visible data batches of [from, to) in offset order, decoding each. Compressed
    // batches are decompressed ahead on the other cores (a bounded window); records still reach
    // `fn` in order, on the calling thread.
    template <typename Fn>
    Result<void> forBatches(const Part& p, Offset from, Offset to, BatchScratch& scratch, Fn&& fn) const
    {
        from = std::max(from, p.info.low); // records before the log start offset were deleted
        std::vector<const Batch*> todo;
        size_t compressed = 0;
        for (auto it = std::lower_bound(p.batches.begin(), p.batches.end(), from,
                                        [](const Batch&b, Offset o) { return b.last < o; });
             it != p.batches.end() && it->base < to; ++it) {
            if (!it->visible() || it->count == 0) continue;
            todo.push_back(&*it);
            if (it->compressed) ++compressed;
        }
        std::optional<Prefetcher> ahead;
        if (compressed >= 4 && std::thread::hardware_concurrency() > 1) ahead.emplace(*this, p, todo);
        for (size_t k = 0; k < todo.size(); ++k) {
            const Batch& b = *todo[k];
            const Segment& s = p.segments[static_cast<size_t>(b.segment)];
            const QByteArray* inflated = ahead ? ahead->take(k) : nullptr;
            bool stop = false;
            auto r = decodeBatchViews(
                s.bytes().sliced(b.position), limits, nullptr, scratch,
                [&](const RecordView& v) {
                    if (v.offset < from) return true;
                    if (v.offset >= to || !fn(v)) {
                        stop = true;
                        return false;
                    }
                    return true;
                },
                true, inflated); // the CRC was checked when the segment was mapped
            if (!r) addIssue(s.file, b.position, r.error().message); // decompression or record damage
            if (stop) break;
        }
        return {};
    }

    // Decompresses the compressed batches of a read ahead of the reader, on helper threads, at
    // most kWindow batches ahead, through an OrderedChannel (core/channel.h); the reader
    // decompresses a batch itself when no helper has begun it, so it never waits on idle helpers.
    class Prefetcher {
    public:
        static constexpr qint64 kWindow = 16;
        Prefetcher(const Impl& dir, const Part& p, const std::vector<const Batch*>& todo)
            : m_dir(dir), m_part(p), m_todo(todo), m_ordinal(todo.size(), -1), m_channel(kWindow)
        {
            for (size_t k = 0; k < todo.size(); ++k)
                if (todo[k]->compressed) {
                    m_ordinal[k] = static_cast<qint64>(m_compressed.size());
                    m_compressed.push_back(k);
                }
            m_channel.setTotal(static_cast<qint64>(m_compressed.size()));
            const unsigned n = std::min(3u, std::thread::hardware_concurrency() - 1);
            for (unsigned t = 0; t < n; ++t)
                m_threads.emplace_back([this] { run(); });
        }
        ~Prefetcher()
        {
            m_channel.abandon();
            for (std::thread& t : m_threads)
                t.join();
        }
        // The decompressed records of batch k (null: not compressed, or failed: decode inline).
        // Batches are asked for in order; the pointer holds until the next call.
        const QByteArray* take(size_t k)
        {
            if (m_ordinal[k] < 0) return nullptr;
            auto got =
                m_channel.takeOrMake([&](qint64 j) { return inflate(m_compressed[static_cast<size_t>(j)]); });
            if (!got || !got->ok) return nullptr;
            m_current = std::move(got->data);
            return &m_current;
        }

    private:
        struct Inflated {
            bool ok = false; // else the reader decodes the batch itself and says why it failed
            QByteArray data;
        };
        Inflated inflate(size_t k) const
        {
            const Batch& b = *m_todo[k];
            const Segment& s = m_part.segments[static_cast<size_t>(b.segment)];
            auto r = inflateBatch(s.bytes().sliced(b.position), m_dir.limits);
            return r ? Inflated{true, std::move(r.value())} : Inflated{};
        }
        void run()
        {
            for (;;) {
                const size_t j = m_nextHelper.fetch_add(1);
                if (j >= m_compressed.size() || m_channel.abandoned()) return;
                if (!m_channel.claim(static_cast<qint64>(j))) continue; // the reader took it on
                if (!m_channel.put(static_cast<qint64>(j), inflate(m_compressed[j]))) return;
            }
        }
        const Impl& m_dir;
        const Part& m_part;
        const std::vector<const Batch*>& m_todo;
        std::vector<qint64> m_ordinal;    // per batch of the read: its place among the compressed ones
        std::vector<size_t> m_compressed; // the compressed batches, in order
        OrderedChannel<Inflated> m_channel;
        std::atomic<size_t> m_nextHelper{0};
        std::vector<std::thread> m_threads;
        QByteArray m_current;
    };

    Result<void> loadGroups() const;

    // One __consumer_offsets record: key v0/v1 = (group, topic, partition) → value = offset commit;
    // a null value deletes it. Other key versions (group metadata) are skipped.
    void parseOffsetCommit(const RecordView& v) const;
};

} // namespace rw
