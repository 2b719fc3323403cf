#include "kafka_datadir.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QMutex>
#include <QRegularExpression>

#include <algorithm>
#include <condition_variable>
#include <map>
#include <mutex>
#include <thread>

namespace rw {

namespace {

constexpr qint64 kHeaderBytes = 61;
constexpr qint64 kResyncWindow = 64 << 20; // how far past damage to look for the next sane batch

enum BatchFlag : quint8 {
    Control = 1,
    Aborted = 2,   // data of an aborted transaction
    Undecided = 4, // data of a transaction without a marker in the copy
    Damaged = 8,   // CRC-valid but its offsets contradict its neighbours or the index
    Transactional = 16,
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

    bool visible() const { return !(flags & (Control | Aborted | Undecided | Damaged)); }
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
    std::vector<std::pair<Offset, Offset>> lost; // offsets damaged batches took with them
};

bool isInternal(const QString& topic)
{
    return topic.startsWith(QLatin1String("__"));
}

qint64 be64(const uchar* p)
{
    quint64 v = 0;
    for (int i = 0; i < 8; ++i)
        v = (v << 8) | p[i];
    return static_cast<qint64>(v);
}

qint32 be32(const uchar* p)
{
    return static_cast<qint32>((quint32(p[0]) << 24) | (quint32(p[1]) << 16) | (quint32(p[2]) << 8) | p[3]);
}

// Cleaner checkpoints: "0\n<n>\n<topic> <partition> <offset>\n…", per log dir.
std::map<std::pair<QString, PartitionId>, Offset> readCleanerCheckpoint(const QString& dir)
{
    std::map<std::pair<QString, PartitionId>, Offset> out;
    QFile f(QDir(dir).filePath(QStringLiteral("cleaner-offset-checkpoint")));
    if (!f.open(QIODevice::ReadOnly) || f.size() > (16 << 20)) return out;
    const QList<QByteArray> lines = f.readAll().split('\n');
    for (qsizetype i = 2; i < lines.size(); ++i) {
        const QList<QByteArray> parts = lines[i].trimmed().split(' ');
        if (parts.size() != 3) continue;
        bool okP = false, okO = false;
        const int p = parts[1].toInt(&okP);
        const Offset o = parts[2].toLongLong(&okO);
        if (okP && okO) out[{QString::fromUtf8(parts[0]), p}] = o;
    }
    return out;
}

} // namespace

struct KafkaDataDir::Impl {
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
    qint64 resync(const Segment& s, qint64 from, const std::vector<qint64>& indexPositions) const
    {
        auto sane = [&](qint64 q) {
            if (q + kHeaderBytes > s.size) return false;
            const QByteArrayView rest = s.bytes().sliced(q);
            if (static_cast<uchar>(rest[16]) != 2) return false;
            auto h = readBatchHeader(rest, limits.maxBatchBytes);
            if (!h || h->size > limits.maxBatchBytes || q + h->size > s.size) return false;
            return crc32c(rest.sliced(21, h->size - 21)) == h->crc;
        };
        auto it = std::lower_bound(indexPositions.begin(), indexPositions.end(), from);
        for (; it != indexPositions.end(); ++it)
            if (sane(*it)) return *it;
        const qint64 end = std::min(s.size - kHeaderBytes, from + kResyncWindow);
        for (qint64 q = from; q <= end; ++q)
            if (sane(q)) return q;
        return -1;
    }

    // Offset index entries (relative offset, position); an all-zero entry ends a preallocated file.
    static std::vector<std::pair<Offset, qint64>> readOffsetIndex(const QString& file, Offset base)
    {
        std::vector<std::pair<Offset, qint64>> out;
        QFile f(file);
        if (!f.open(QIODevice::ReadOnly) || f.size() > (1 << 30)) return out;
        const QByteArray all = f.readAll();
        const auto* p = reinterpret_cast<const uchar*>(all.constData());
        for (qsizetype i = 0; i + 8 <= all.size(); i += 8) {
            const qint32 rel = be32(p + i), pos = be32(p + i + 4);
            if (rel == 0 && pos == 0) break;
            out.push_back({base + rel, pos});
        }
        return out;
    }

    static std::vector<std::pair<TimestampMs, Offset>> readTimeIndex(const QString& file, Offset base)
    {
        std::vector<std::pair<TimestampMs, Offset>> out;
        QFile f(file);
        if (!f.open(QIODevice::ReadOnly) || f.size() > (1 << 30)) return out;
        const QByteArray all = f.readAll();
        const auto* p = reinterpret_cast<const uchar*>(all.constData());
        for (qsizetype i = 0; i + 12 <= all.size(); i += 12) {
            const qint64 ts = be64(p + i);
            const qint32 rel = be32(p + i + 8);
            if (ts == 0 && rel == 0) break;
            out.push_back({ts, base + rel});
        }
        return out;
    }

    // Reads one segment's batch headers into `batches`; independent of every other segment, so
    // segments are mapped in parallel.
    void mapSegment(Segment& s, qint32 segIndex, std::vector<Batch>& batches,
                    std::vector<SegmentIssue>& found) const
    {
        s.indexFile = s.file.chopped(4) + QStringLiteral(".index");
        s.timeIndexFile = s.file.chopped(4) + QStringLiteral(".timeindex");
        s.index = readOffsetIndex(s.indexFile, s.base);
        s.timeIndex = readTimeIndex(s.timeIndexFile, s.base);
        std::vector<qint64> indexPositions;
        for (const auto& e : s.index)
            indexPositions.push_back(e.second);
        std::sort(indexPositions.begin(), indexPositions.end());
        qint64 pos = 0;
        const QByteArrayView all = s.bytes();
        while (pos < s.size) {
            const QByteArrayView rest = all.sliced(pos);
            // A preallocated segment ends in zeros: a batch never starts with length 0.
            if (std::all_of(rest.begin(), rest.begin() + std::min<qsizetype>(rest.size(), 12),
                            [](char c) { return c == 0; })) {
                s.zeroTail = true;
                break;
            }
            auto h = readBatchHeader(rest, limits.maxBatchBytes);
            QString problem;
            if (!h) {
                if (rest.size() < kHeaderBytes) {
                    s.truncatedTail = true;
                    found.push_back(
                        {s.file, pos, QStringLiteral("truncated last batch (%1 bytes)").arg(rest.size())});
                    break;
                }
                problem = h.error().message;
            } else if (h->size > limits.maxBatchBytes) {
                problem = QStringLiteral("batch length %1 is impossible").arg(h->size - 12);
            } else if (h->size > rest.size()) {
                const qint64 next = resync(s, pos + 1, indexPositions);
                if (next < 0) {
                    s.truncatedTail = true;
                    found.push_back({s.file, pos,
                                     QStringLiteral("truncated last batch: %1 bytes announced, %2 present")
                                         .arg(h->size)
                                         .arg(rest.size())});
                    break;
                }
                problem = QStringLiteral("the batch (%1 bytes) runs into the next one").arg(h->size);
            } else if (!h->offsetsSane()) {
                problem = QStringLiteral("offsets out of range (base %1, last delta %2)")
                              .arg(h->baseOffset)
                              .arg(h->lastOffsetDelta);
            } else if (h->magic != 2) {
                problem = QStringLiteral("record batch magic %1 (message format v%1) is not supported; only "
                                         "v2 (Kafka 0.11 and later) is read")
                              .arg(h->magic);
            } else if (crc32c(rest.sliced(21, h->size - 21)) != h->crc) {
                problem = QStringLiteral("CRC mismatch (stored %1)").arg(h->crc, 8, 16, QLatin1Char('0'));
            } else if (h->count < 0 || h->count > limits.maxRecordsPerBatch ||
                       h->count > h->lastOffset - h->baseOffset + 1) {
                problem = QStringLiteral("record count %1 is impossible").arg(h->count);
            }
            if (!problem.isEmpty()) {
                found.push_back({s.file, pos, problem});
                s.damagedAt.push_back(pos);
                // Skip by the stated length only when it lands on a sane batch (or the end);
                // otherwise look for the next batch that is.
                const qint64 skip = h && h->size >= kHeaderBytes ? pos + h->size : -1;
                qint64 next = -1;
                if (skip > 0 && skip <= s.size) {
                    const QByteArrayView after = all.sliced(skip);
                    if (skip == s.size ||
                        (after.size() >= kHeaderBytes && static_cast<uchar>(after[16]) == 2))
                        next = skip;
                }
                if (next < 0) next = resync(s, pos + 1, indexPositions);
                if (next < 0) break;
                pos = next;
                continue;
            }
            Batch b;
            b.position = pos;
            b.size = h->size;
            b.base = h->baseOffset;
            b.last = h->lastOffset;
            b.firstTs = h->baseTimestamp;
            b.maxTs = h->maxTimestamp;
            b.producerId = h->producerId;
            b.count = h->count;
            b.segment = segIndex;
            b.compressed = h->compression != 0;
            if (h->transactional) b.flags |= Transactional;
            if (h->control) {
                b.flags |= Control;
                BatchScratch scratch;
                auto c =
                    decodeBatchViews(rest, limits, nullptr, scratch, [](const RecordView&) { return true; });
                if (!c || !c->controlType) {
                    found.push_back({s.file, pos,
                                     c ? QStringLiteral("control batch without a type") : c.error().message});
                    b.flags |= Damaged;
                } else {
                    b.controlType = static_cast<qint8>(*c->controlType);
                }
            } else {
                s.records += h->count;
            }
            ++s.batches;
            batches.push_back(b);
            pos += h->size;
        }
    }

    bool compactedAt(const Part& part, Offset o) const { return part.cleanedUpTo && o < *part.cleanedUpTo; }

    // Offsets must rise batch after batch with no gap, except where the cleaner compacted (the
    // log dir's cleaner-offset-checkpoint says how far). The base offset field is not covered by
    // the CRC: a batch whose base contradicts its neighbours or its segment's name is not shown.
    void checkContinuity(Part& part, std::vector<SegmentIssue>& found)
    {
        std::optional<Offset> prevLast;
        for (size_t k = 0; k < part.batches.size(); ++k) {
            Batch& b = part.batches[k];
            const Segment& seg = part.segments[static_cast<size_t>(b.segment)];
            const Batch* prev = k > 0 ? &part.batches[k - 1] : nullptr;
            const bool segStart = !prev || prev->segment != b.segment;
            const bool contiguous = prev && !segStart && prev->position + prev->size == b.position;
            Offset expected = prevLast ? *prevLast + 1 : seg.base;
            if (segStart) {
                if (prevLast && seg.base > expected && !compactedAt(part, seg.base))
                    found.push_back(
                        {seg.file, 0,
                         QStringLiteral("offsets %1..%2 are missing before this segment (a segment "
                                        "absent from the copy?)")
                             .arg(expected)
                             .arg(seg.base - 1)});
                expected = std::max(expected, seg.base);
            }
            const Offset span = b.last - b.base;
            auto damaged = [&](const QString& why) {
                b.flags |= Damaged;
                found.push_back(
                    {seg.file, b.position,
                     QStringLiteral("batch base offset %1 %2; the batch is not shown").arg(b.base).arg(why)});
                prevLast = expected + span; // the span (last offset delta) is CRC-covered
            };
            if (b.base == expected || (b.base > expected && compactedAt(part, b.base))) {
                prevLast = b.last;
            } else if (b.base < expected) {
                damaged(QStringLiteral("goes back (offset %1 was expected)").arg(expected));
            } else if (contiguous || (segStart && b.position == 0)) {
                // Nothing was skipped before it, yet offsets jump: its own base field is wrong.
                damaged(
                    QStringLiteral("leaves a gap after offset %1 in an uncompacted log").arg(expected - 1));
            } else {
                // Damaged bytes were skipped before it: say on that damage which offsets it took.
                const qint64 after = prev && !segStart ? prev->position + prev->size : 0;
                auto cause = std::find_if(found.rbegin(), found.rend(), [&](const SegmentIssue& i) {
                    return i.file == seg.file && i.position >= after && i.position < b.position;
                });
                const QString lost = QStringLiteral("offsets %1..%2").arg(expected).arg(b.base - 1);
                part.lost.push_back({expected, b.base - 1});
                if (cause != found.rend())
                    cause->what += QStringLiteral(" (%1 lost with it)").arg(lost);
                else
                    found.push_back({seg.file, b.position, lost + QStringLiteral(" are missing")});
                prevLast = b.last;
            }
        }
    }

    // The indexes must agree with the log: an offset index entry names the last offset of the
    // batch starting at its position; a time index entry names an offset in a batch with that
    // maximum timestamp. A disagreement is reported; in a compacted range, where the offsets
    // cannot be checked against their neighbours, the batch in doubt is not shown.
    void checkIndexes(Part& part, std::vector<SegmentIssue>& found)
    {
        for (qint32 si = 0; si < static_cast<qint32>(part.segments.size()); ++si) {
            const Segment& seg = part.segments[static_cast<size_t>(si)];
            auto first = std::lower_bound(part.batches.begin(), part.batches.end(), si,
                                          [](const Batch& b, qint32 v) { return b.segment < v; });
            auto end = std::upper_bound(first, part.batches.end(), si,
                                        [](qint32 v, const Batch& b) { return v < b.segment; });
            for (size_t i = 0; i < seg.index.size(); ++i) {
                const auto& [offset, position] = seg.index[i];
                auto it = std::lower_bound(first, end, position,
                                           [](const Batch& b, qint64 pos) { return b.position < pos; });
                if (std::find(seg.damagedAt.begin(), seg.damagedAt.end(), position) != seg.damagedAt.end())
                    continue; // the entry is right: the batch there is damaged (reported as such)
                if (it == end || it->position != position) {
                    found.push_back({seg.indexFile, static_cast<qint64>(i) * 8,
                                     QStringLiteral("index entry %1 (offset %2) points at byte %3, where no "
                                                    "batch starts")
                                         .arg(i)
                                         .arg(offset)
                                         .arg(position)});
                } else if (it->last != offset) {
                    found.push_back(
                        {seg.indexFile, static_cast<qint64>(i) * 8,
                         QStringLiteral("index entry %1 says offset %2 ends the batch at byte %3; "
                                        "the log says %4")
                             .arg(i)
                             .arg(offset)
                             .arg(position)
                             .arg(it->last)});
                    if (compactedAt(part, it->base)) it->flags |= Damaged;
                }
            }
            for (size_t i = 0; i < seg.timeIndex.size(); ++i) {
                const auto& [ts, offset] = seg.timeIndex[i];
                if (std::any_of(part.lost.begin(), part.lost.end(),
                                [&, o = offset](const auto& r) { return o >= r.first && o <= r.second; }))
                    continue; // in a damaged batch (reported as such)
                auto it =
                    std::lower_bound(first, end, offset, [](const Batch& b, Offset o) { return b.last < o; });
                if (it == end || it->base > offset || it->maxTs != ts)
                    found.push_back({seg.timeIndexFile, static_cast<qint64>(i) * 12,
                                     QStringLiteral("time index entry %1 (timestamp %2, offset %3) does not "
                                                    "match the log")
                                         .arg(i)
                                         .arg(ts)
                                         .arg(offset)});
            }
        }
    }

    // Transactions: data batches of a producer stay pending until its next marker; an abort
    // marker hides them, a commit shows them, no marker (yet) leaves them undecided.
    void resolveTransactions(Part& part)
    {
        std::map<qint64, std::vector<size_t>> pending;
        auto close = [&](qint64 pid, std::vector<size_t>& idx, quint8 flag) {
            if (idx.empty()) return;
            AbortedTransaction t;
            t.topic = part.topic;
            t.partition = part.partition;
            t.producerId = pid;
            t.first = part.batches[idx.front()].base;
            t.last = part.batches[idx.back()].last;
            t.undecided = flag == Undecided;
            for (size_t i : idx) {
                part.batches[i].flags |= flag;
                t.records += part.batches[i].count;
            }
            aborted.push_back(t);
            idx.clear();
        };
        for (size_t k = 0; k < part.batches.size(); ++k) {
            Batch& b = part.batches[k];
            if (!(b.flags & Transactional) || (b.flags & Damaged && !(b.flags & Control))) continue;
            if (b.flags & Control) {
                if (b.controlType == 0)
                    close(b.producerId, pending[b.producerId], Aborted);
                else if (b.controlType == 1)
                    pending[b.producerId].clear();
                continue;
            }
            pending[b.producerId].push_back(k);
        }
        for (auto& [pid, idx] : pending)
            close(pid, idx, Undecided);
    }

    void summarize(Part& part)
    {
        PartitionInfo& info = part.info;
        info.partition = part.partition;
        if (part.batches.empty()) {
            info.low = info.high = part.segments.empty() ? 0 : part.segments.front().base;
            return;
        }
        info.low = part.batches.front().base;
        info.high = part.batches.back().last + 1;
        for (const Batch& b : part.batches) {
            // The cleaner keeps emptied batches (for producer state) with no timestamps (-1).
            if (!b.visible() || b.count == 0) continue;
            info.count += b.count;
            if (!info.firstTimestamp) info.firstTimestamp = b.firstTs;
            info.maxTimestamp = std::max(info.maxTimestamp.value_or(b.maxTs), b.maxTs);
        }
    }

    Result<void> load(const QString& root)
    {
        static const QRegularExpression folder(QStringLiteral("^(.+)-([0-9]+)$"));
        static const QRegularExpression segmentName(QStringLiteral("^([0-9]+)\\.log$"));
        const QFileInfo fi(root);
        if (!fi.exists())
            return makeError(ErrorCode::NotFound, QStringLiteral("%1 does not exist").arg(root));
        QString logDir;
        auto addFolder = [&](const QString& dirPath, const QStringList& only) {
            const QDir dir(dirPath);
            const auto m = folder.match(dir.dirName());
            Part part;
            part.topic = m.hasMatch() ? m.captured(1) : dir.dirName();
            part.partition = m.hasMatch() ? m.captured(2).toInt() : 0;
            part.dir = dir.absolutePath();
            const QStringList logs =
                only.isEmpty() ? dir.entryList({QStringLiteral("*.log")}, QDir::Files, QDir::Name) : only;
            for (const QString& log : logs) {
                Segment s;
                s.file = dir.filePath(log);
                const auto sm = segmentName.match(log);
                s.base = sm.hasMatch() ? sm.captured(1).toLongLong() : 0;
                part.segments.push_back(std::move(s));
            }
            std::sort(part.segments.begin(), part.segments.end(),
                      [](const Segment& a, const Segment& b) { return a.base < b.base; });
            if (!part.segments.empty()) parts.push_back(std::move(part));
        };
        if (fi.isFile()) {
            if (!fi.fileName().endsWith(QLatin1String(".log")))
                return makeError(ErrorCode::NotAWorkspace,
                                 QStringLiteral("%1 is not a Kafka log segment (*.log)").arg(root));
            addFolder(fi.absolutePath(), {fi.fileName()});
            logDir = QFileInfo(fi.absolutePath()).absolutePath();
        } else if (folder.match(fi.fileName()).hasMatch() &&
                   !QDir(root).entryList({QStringLiteral("*.log")}, QDir::Files).isEmpty()) {
            addFolder(root, {});
            logDir = QFileInfo(fi.absoluteFilePath()).absolutePath();
        } else {
            logDir = fi.absoluteFilePath();
            for (const QString& sub : QDir(root).entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name))
                if (folder.match(sub).hasMatch()) addFolder(QDir(root).filePath(sub), {});
        }
        if (parts.empty())
            return makeError(
                ErrorCode::NotAWorkspace,
                QStringLiteral("%1 is a folder without Kafka log segments (<topic>-<n>/*.log): neither "
                               "a workspace nor a Kafka data directory")
                    .arg(root));
        const auto cleaned = readCleanerCheckpoint(logDir);
        std::vector<SegmentIssue> found;
        for (Part& part : parts) {
            if (auto c = cleaned.find({part.topic, part.partition}); c != cleaned.end())
                part.cleanedUpTo = c->second;
            for (size_t i = 0; i < part.segments.size(); ++i) {
                Segment& s = part.segments[i];
                s.f = std::make_unique<QFile>(s.file);
                if (!s.f->open(QIODevice::ReadOnly))
                    return makeError(ErrorCode::Io,
                                     QStringLiteral("cannot read %1: %2").arg(s.file, s.f->errorString()));
                s.size = s.f->size();
                if (s.size > 0) {
                    s.map = s.f->map(0, s.size);
                    if (!s.map) return makeError(ErrorCode::Io, QStringLiteral("cannot map %1").arg(s.file));
                }
            }
        }
        // Map every segment's batches, on as many threads as there are cores (each segment on
        // its own; results joined in order afterwards, so the outcome is the same as one thread).
        struct Job {
            Part* part;
            qint32 segment;
            std::vector<Batch> batches;
            std::vector<SegmentIssue> issues;
        };
        std::vector<Job> jobs;
        for (Part& part : parts)
            for (qint32 i = 0; i < static_cast<qint32>(part.segments.size()); ++i)
                jobs.push_back({&part, i, {}, {}});
        std::atomic<size_t> next{0};
        auto work = [&] {
            for (size_t j; (j = next.fetch_add(1)) < jobs.size();)
                mapSegment(jobs[j].part->segments[static_cast<size_t>(jobs[j].segment)], jobs[j].segment,
                           jobs[j].batches, jobs[j].issues);
        };
        const unsigned helpers = std::min<unsigned>(std::max(1u, std::thread::hardware_concurrency()) - 1,
                                                    static_cast<unsigned>(jobs.size()));
        std::vector<std::thread> threads;
        for (unsigned t = 0; t < helpers; ++t)
            threads.emplace_back(work);
        work();
        for (std::thread& t : threads)
            t.join();
        for (Job& j : jobs) {
            j.part->batches.insert(j.part->batches.end(), j.batches.begin(), j.batches.end());
            found.insert(found.end(), j.issues.begin(), j.issues.end());
        }
        for (Part& part : parts) {
            checkContinuity(part, found);
            checkIndexes(part, found);
            resolveTransactions(part);
            summarize(part);
        }
        std::sort(parts.begin(), parts.end(), [](const Part& a, const Part& b) {
            return std::pair(a.topic, a.partition) < std::pair(b.topic, b.partition);
        });
        issues = std::move(found);
        return {};
    }

    // Visits the visible data batches of [from, to) in offset order, decoding each. Compressed
    // batches are decompressed ahead on the other cores (a bounded window); records still reach
    // `fn` in order, on the calling thread.
    template <typename Fn>
    Result<void> forBatches(const Part& p, Offset from, Offset to, BatchScratch& scratch, Fn&& fn) const
    {
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
    // most kWindow batches ahead; the reader decompresses a batch itself when no helper has
    // started on it yet, so it never waits on idle helpers.
    class Prefetcher {
    public:
        static constexpr size_t kWindow = 16;
        Prefetcher(const Impl& dir, const Part& p, const std::vector<const Batch*>& todo)
            : m_dir(dir), m_part(p), m_todo(todo), m_slots(todo.size())
        {
            const unsigned n = std::min(3u, std::thread::hardware_concurrency() - 1);
            for (unsigned t = 0; t < n; ++t)
                m_threads.emplace_back([this] { run(); });
        }
        ~Prefetcher()
        {
            {
                std::lock_guard lock(m_mutex);
                m_stop = true;
            }
            m_cv.notify_all();
            for (std::thread& t : m_threads)
                t.join();
        }
        // The decompressed records of batch k (null: not compressed, or failed: decode inline).
        const QByteArray* take(size_t k)
        {
            if (k > 0) m_slots[k - 1].data = QByteArray(); // done with the previous one
            {
                std::lock_guard lock(m_mutex);
                m_consumed = k;
            }
            m_cv.notify_all();
            if (!m_todo[k]->compressed) return nullptr;
            Slot& slot = m_slots[k];
            while (slot.state.load() != 2) {
                int idle = 0;
                if (slot.state.compare_exchange_strong(idle, 1)) {
                    inflate(k);
                    break;
                }
                // A helper has it: rather than wait, decompress the next batch nobody has taken.
                if (m_next.load() < std::min(m_todo.size(), k + kWindow)) {
                    const size_t j = m_next.fetch_add(1);
                    int free = 0;
                    if (j < m_todo.size() && m_todo[j]->compressed &&
                        m_slots[j].state.compare_exchange_strong(free, 1))
                        inflate(j);
                    continue;
                }
                std::unique_lock lock(m_mutex);
                m_cv.wait(lock, [&] { return slot.state.load() == 2; });
            }
            return slot.ok ? &slot.data : nullptr;
        }

    private:
        struct Slot {
            std::atomic<int> state{0}; // 0 nobody, 1 being decompressed, 2 done
            QByteArray data;
            bool ok = false;
        };
        void inflate(size_t k)
        {
            Slot& slot = m_slots[k];
            const Batch& b = *m_todo[k];
            const Segment& s = m_part.segments[static_cast<size_t>(b.segment)];
            auto r = inflateBatch(s.bytes().sliced(b.position), m_dir.limits);
            {
                std::lock_guard lock(m_mutex);
                slot.ok = r.ok();
                if (r) slot.data = std::move(r.value());
                slot.state = 2;
            }
            m_cv.notify_all();
        }
        void run()
        {
            for (;;) {
                const size_t k = m_next.fetch_add(1);
                if (k >= m_todo.size()) return;
                if (!m_todo[k]->compressed) continue;
                {
                    std::unique_lock lock(m_mutex);
                    m_cv.wait(lock, [&] { return m_stop || k < m_consumed + kWindow; });
                    if (m_stop) return;
                }
                int idle = 0;
                if (m_slots[k].state.compare_exchange_strong(idle, 1)) inflate(k);
            }
        }
        const Impl& m_dir;
        const Part& m_part;
        const std::vector<const Batch*>& m_todo;
        std::vector<Slot> m_slots;
        std::vector<std::thread> m_threads;
        std::mutex m_mutex;
        std::condition_variable m_cv;
        std::atomic<size_t> m_next{0};
        size_t m_consumed = 0;
        bool m_stop = false;
    };

    Result<void> loadGroups() const
    {
        std::call_once(groupsOnce, [&] {
            BatchScratch scratch;
            for (const Part& p : parts) {
                if (p.topic != QLatin1String("__consumer_offsets")) continue;
                (void)forBatches(p, 0, std::numeric_limits<Offset>::max(), scratch, [&](const RecordView& v) {
                    parseOffsetCommit(v);
                    return true;
                });
            }
        });
        if (groupsError) return *groupsError;
        return {};
    }

    // One __consumer_offsets record: key v0/v1 = (group, topic, partition) → value = offset commit;
    // a null value deletes it. Other key versions (group metadata) are skipped.
    void parseOffsetCommit(const RecordView& v) const
    {
        struct Cur {
            const uchar* p;
            const uchar* end;
            bool ok = true;
            bool need(qint64 n)
            {
                if (!ok || end - p < n) ok = false;
                return ok;
            }
            qint64 be(int bytes)
            {
                if (!need(bytes)) return 0;
                quint64 x = 0;
                for (int i = 0; i < bytes; ++i)
                    x = (x << 8) | p[i];
                p += bytes;
                if (bytes == 2) return static_cast<qint16>(x);
                if (bytes == 4) return static_cast<qint32>(x);
                return static_cast<qint64>(x);
            }
            QString str()
            {
                const qint64 n = be(2);
                if (n < 0 || !need(n)) return ok = false, QString();
                QString s = QString::fromUtf8(reinterpret_cast<const char*>(p), n);
                p += n;
                return s;
            }
            quint64 uvarint()
            {
                quint64 x = 0;
                for (int shift = 0; shift < 64; shift += 7) {
                    if (!need(1)) return 0;
                    const uchar b = *p++;
                    x |= quint64(b & 0x7f) << shift;
                    if (!(b & 0x80)) return x;
                }
                ok = false;
                return 0;
            }
            QString compactStr()
            {
                const quint64 n = uvarint();
                if (n == 0) return QString();
                if (!need(static_cast<qint64>(n - 1))) return QString();
                QString s =
                    QString::fromUtf8(reinterpret_cast<const char*>(p), static_cast<qsizetype>(n - 1));
                p += n - 1;
                return s;
            }
        };
        if (v.keyNull) return;
        Cur k{reinterpret_cast<const uchar*>(v.key.data()),
              reinterpret_cast<const uchar*>(v.key.data()) + v.key.size()};
        const qint64 keyVersion = k.be(2);
        if (!k.ok || (keyVersion != 0 && keyVersion != 1)) return;
        const QString group = k.str();
        const QString topic = k.str();
        const PartitionId partition = static_cast<PartitionId>(k.be(4));
        if (!k.ok) return;
        auto& byGroup = commits[group];
        if (v.valueNull) {
            byGroup.erase({topic, partition});
            if (byGroup.empty()) commits.erase(group);
            return;
        }
        Cur c{reinterpret_cast<const uchar*>(v.value.data()),
              reinterpret_cast<const uchar*>(v.value.data()) + v.value.size()};
        const qint64 version = c.be(2);
        Commit commit;
        commit.offset = c.be(8);
        if (version >= 3) (void)c.be(4); // leader epoch
        commit.metadata = version >= 4 ? c.compactStr() : c.str();
        commit.at = c.be(8);
        if (!c.ok || version < 0 || version > 4 || commit.offset < 0) return; // unknown shape: skip
        byGroup[{topic, partition}] = commit;
    }
};

KafkaDataDir::KafkaDataDir(std::unique_ptr<Impl> impl) : d(std::move(impl)) {}
KafkaDataDir::~KafkaDataDir() = default;

bool KafkaDataDir::isCandidate(const QString& path)
{
    const QFileInfo fi(path);
    if (fi.isDir()) return true;
    if (!fi.isFile() || !fi.fileName().endsWith(QLatin1String(".log"))) return false;
    QFile f(path); // a workspace file that happens to be called *.log stays a workspace
    return !(f.open(QIODevice::ReadOnly) && f.read(16) == QByteArray("SQLite format 3\0", 16));
}

Result<std::shared_ptr<const KafkaDataDir>> KafkaDataDir::open(const QString& path)
{
    const QString abs = QFileInfo(path).absoluteFilePath();
    auto impl = std::make_unique<Impl>();
    impl->path = path;
    if (auto r = impl->load(abs); !r) return r.error();
    return std::shared_ptr<const KafkaDataDir>(new KafkaDataDir(std::move(impl)));
}

QString KafkaDataDir::path() const
{
    return d->path;
}

std::vector<TopicInfo> KafkaDataDir::topics(bool internal) const
{
    std::vector<TopicInfo> out;
    for (const Part& p : d->parts) {
        if (!internal && isInternal(p.topic)) continue;
        if (out.empty() || out.back().name != p.topic) out.push_back({p.topic, {}});
        out.back().partitions.push_back(p.info);
    }
    // Partition folders present: a copy of one broker of several may lack some partitions; the
    // ones present keep their numbers.
    return out;
}

Result<TopicInfo> KafkaDataDir::topic(const QString& name) const
{
    TopicInfo t{name, {}};
    for (const Part& p : d->parts)
        if (p.topic == name) t.partitions.push_back(p.info);
    if (t.partitions.empty())
        return makeError(ErrorCode::NotFound, QStringLiteral("no topic '%1' in %2").arg(name, d->path));
    return t;
}

Result<qint64> KafkaDataDir::scan(const QString& topic, PartitionId partition, Offset from, Offset to,
                                  const WorkspaceStore::ScanCallback& callback, qint64 maxCount) const
{
    auto p = d->need(topic, partition);
    if (!p) return p.error();
    qint64 n = 0;
    BatchScratch scratch;
    auto r = d->forBatches(*p.value(), from, to, scratch, [&](const RecordView& v) {
        if (maxCount >= 0 && n >= maxCount) return false;
        RecordView out = v;
        out.partition = partition;
        ++n;
        return callback(out);
    });
    if (!r) return r.error();
    return n;
}

Result<std::optional<Offset>> KafkaDataDir::offsetForTime(const QString& topic, PartitionId partition,
                                                          TimestampMs ts) const
{
    auto p = d->need(topic, partition);
    if (!p) return p.error();
    BatchScratch scratch;
    for (const Batch& b : p.value()->batches) {
        if (!b.visible() || b.maxTs < ts) continue;
        std::optional<Offset> found;
        (void)d->forBatches(*p.value(), b.base, b.last + 1, scratch, [&](const RecordView& v) {
            if (v.timestamp < ts) return true;
            found = v.offset;
            return false;
        });
        if (found) return found;
    }
    return std::optional<Offset>();
}

Result<std::vector<qint64>> KafkaDataDir::histogram(const QString& topic, PartitionId partition,
                                                    TimestampMs from, TimestampMs bucketMs, int buckets,
                                                    const std::atomic_bool* cancel) const
{
    auto p = d->need(topic, partition);
    if (!p) return p.error();
    if (bucketMs <= 0 || buckets <= 0) return std::vector<qint64>();
    std::vector<qint64> counts(static_cast<size_t>(buckets), 0);
    BatchScratch scratch;
    for (const Batch& b : p.value()->batches) {
        if (cancel && cancel->load()) return makeError(ErrorCode::Cancelled, QStringLiteral("cancelled"));
        if (!b.visible() || b.maxTs < from) continue;
        (void)d->forBatches(*p.value(), b.base, b.last + 1, scratch, [&](const RecordView& v) {
            if (v.timestamp >= from) {
                const qint64 i = (v.timestamp - from) / bucketMs;
                if (i < buckets) ++counts[static_cast<size_t>(i)];
            }
            return true;
        });
    }
    return counts;
}

Result<qint64> KafkaDataDir::scanTimes(const QString& topic, PartitionId partition, Offset from, Offset to,
                                       const std::function<bool(Offset, TimestampMs)>& callback) const
{
    auto p = d->need(topic, partition);
    if (!p) return p.error();
    qint64 n = 0;
    BatchScratch scratch;
    auto r = d->forBatches(*p.value(), from, to, scratch, [&](const RecordView& v) {
        ++n;
        return callback(v.offset, v.timestamp);
    });
    if (!r) return r.error();
    return n;
}

Result<std::vector<GroupOffset>> KafkaDataDir::committedOffsets(const QString& group) const
{
    if (auto r = d->loadGroups(); !r) return r.error();
    std::vector<GroupOffset> out;
    if (auto it = d->commits.find(group); it != d->commits.end())
        for (const auto& [tp, c] : it->second)
            out.push_back({tp.first, tp.second, c.offset, c.metadata});
    return out;
}

Result<std::vector<PartitionLag>> KafkaDataDir::lag(const QString& group) const
{
    if (auto r = d->loadGroups(); !r) return r.error();
    std::vector<PartitionLag> out;
    auto it = d->commits.find(group);
    if (it == d->commits.end())
        return makeError(ErrorCode::NotFound,
                         QStringLiteral("no consumer group '%1' in %2").arg(group, d->path));
    std::vector<QString> topics;
    for (const auto& [tp, c] : it->second)
        if (std::find(topics.begin(), topics.end(), tp.first) == topics.end()) topics.push_back(tp.first);
    for (const QString& t : topics)
        for (const Part& p : d->parts) {
            if (p.topic != t) continue;
            PartitionLag l;
            l.topic = t;
            l.partition = p.partition;
            l.end = p.info.high;
            l.held = p.info.count;
            if (auto c = it->second.find({t, p.partition}); c != it->second.end()) {
                l.committed = c->second.offset;
                l.lag = std::max<qint64>(0, l.end - c->second.offset);
                l.commitTime = c->second.at;
            }
            out.push_back(l);
        }
    return out;
}

Result<std::vector<GroupSummary>> KafkaDataDir::groups() const
{
    if (auto r = d->loadGroups(); !r) return r.error();
    std::vector<GroupSummary> out;
    for (const auto& [name, byPartition] : d->commits) {
        GroupSummary g;
        g.name = name;
        g.state = QStringLiteral("as copied");
        // Every topic it committed on, also those the copy does not hold (no lag there).
        for (const auto& [tp, c] : byPartition)
            if (std::find(g.topics.begin(), g.topics.end(), tp.first) == g.topics.end())
                g.topics.push_back(tp.first);
        auto l = lag(name);
        if (!l) return l.error();
        for (const PartitionLag& pl : l.value()) {
            if (pl.committed) {
                ++g.partitionsWithCommit;
                g.totalLag += pl.lag.value_or(0);
            } else {
                ++g.partitionsWithoutCommit;
                g.uncommittedHeld += pl.held;
            }
        }
        out.push_back(std::move(g));
    }
    return out;
}

std::vector<SegmentIssue> KafkaDataDir::issues() const
{
    QMutexLocker lock(&d->issueMutex);
    return d->issues;
}

std::vector<AbortedTransaction> KafkaDataDir::abortedTransactions() const
{
    return d->aborted;
}

Result<KafkaDataDir::Report> KafkaDataDir::verify(const std::function<bool(qint64, qint64)>& progress) const
{
    Report report;
    qint64 total = 0, done = 0;
    for (const Part& p : d->parts)
        for (const Segment& s : p.segments)
            total += s.size;
    std::vector<SegmentIssue> deep;
    BatchScratch scratch;
    for (const Part& p : d->parts) {
        ++report.partitions;
        for (const Segment& s : p.segments)
            report.segments.push_back({s.file, s.size, s.batches, s.records, s.zeroTail, s.truncatedTail});
        for (const Batch& b : p.batches) {
            ++report.batches;
            if (b.flags & Control) continue;
            const Segment& s = p.segments[static_cast<size_t>(b.segment)];
            auto r = decodeBatchViews(
                s.bytes().sliced(b.position), d->limits, nullptr, scratch,
                [](const RecordView&) { return true; }, true);
            if (!r)
                deep.push_back({s.file, b.position, r.error().message});
            else
                report.records += b.count;
        }
        for (const Segment& s : p.segments) {
            done += s.size;
            if (progress && !progress(done, total))
                return makeError(ErrorCode::Cancelled, QStringLiteral("verification cancelled"));
        }
    }
    report.issues = issues();
    for (const SegmentIssue& i : deep)
        if (std::none_of(report.issues.begin(), report.issues.end(),
                         [&](const SegmentIssue& o) { return o.file == i.file && o.position == i.position; }))
            report.issues.push_back(i);
    std::sort(report.issues.begin(), report.issues.end(), [](const SegmentIssue& a, const SegmentIssue& b) {
        return std::pair(a.file, a.position) < std::pair(b.file, b.position);
    });
    return report;
}

} // namespace rw
