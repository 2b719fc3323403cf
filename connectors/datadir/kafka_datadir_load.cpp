#include "kafka_datadir_impl.h"

#include <QDir>
#include <QFileInfo>
#include <QRegularExpression>

namespace rw {

using namespace datadir;

std::map<std::pair<QString, PartitionId>, Offset> datadir::readCheckpoint(const QString& dir,
                                                                          const QString& name)
{
    std::map<std::pair<QString, PartitionId>, Offset> out;
    QFile f(QDir(dir).filePath(name));
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

qint64 KafkaDataDir::Impl::resync(const Segment& s, qint64 from,
                                  const std::vector<qint64>& indexPositions) const
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

std::vector<std::pair<Offset, qint64>> KafkaDataDir::Impl::readOffsetIndex(const QString& file, Offset base)
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

std::vector<std::pair<TimestampMs, Offset>> KafkaDataDir::Impl::readTimeIndex(const QString& file,
                                                                              Offset base)
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

void KafkaDataDir::Impl::mapSegment(Segment& s, qint32 segIndex, std::vector<Batch>& batches,
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
                if (skip == s.size || (after.size() >= kHeaderBytes && static_cast<uchar>(after[16]) == 2))
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
            auto c = decodeBatchViews(rest, limits, nullptr, scratch, [](const RecordView&) { return true; });
            if (!c || !c->controlType) {
                found.push_back(
                    {s.file, pos, c ? QStringLiteral("control batch without a type") : c.error().message});
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

void KafkaDataDir::Impl::checkContinuity(Part& part, std::vector<SegmentIssue>& found)
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
                found.push_back({seg.file, 0,
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
            damaged(QStringLiteral("leaves a gap after offset %1 in an uncompacted log").arg(expected - 1));
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

void KafkaDataDir::Impl::checkIndexes(Part& part, std::vector<SegmentIssue>& found)
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
                found.push_back({seg.indexFile, static_cast<qint64>(i) * 8,
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

void KafkaDataDir::Impl::resolveTransactions(Part& part)
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
    // The last stable offset: the first offset of the first undecided transaction. Whatever lies
    // at or past it (other producers' committed records included) a read_committed consumer does
    // not get yet, so neither does the copy show it.
    std::optional<Offset> stable;
    for (const Batch& b : part.batches)
        if (b.flags & Undecided) {
            stable = b.base;
            break;
        }
    if (!stable) return;
    part.info.stable = stable;
    for (Batch& b : part.batches)
        if (b.base >= *stable && !(b.flags & (Control | Undecided))) b.flags |= PastStable;
}

void KafkaDataDir::Impl::summarize(Part& part)
{
    PartitionInfo& info = part.info;
    info.partition = part.partition;
    if (part.batches.empty()) {
        info.low = info.high = part.segments.empty() ? 0 : part.segments.front().base;
        return;
    }
    info.high = part.batches.back().last + 1;
    info.low = std::clamp(std::max(part.batches.front().base, part.logStart.value_or(0)),
                          part.batches.front().base, info.high);
    for (const Batch& b : part.batches) {
        // The cleaner keeps emptied batches (for producer state) with no timestamps (-1).
        if (!b.visible() || b.count == 0 || b.last < info.low) continue;
        // A batch the log start cuts through: only its records from there on are held.
        info.count += b.base >= info.low ? b.count : std::min<qint64>(b.count, b.last - info.low + 1);
        if (!info.firstTimestamp) info.firstTimestamp = b.firstTs;
        info.maxTimestamp = std::max(info.maxTimestamp.value_or(b.maxTs), b.maxTs);
    }
}

Result<void> KafkaDataDir::Impl::load(const QString& root)
{
    static const QRegularExpression folder(QStringLiteral("^(.+)-([0-9]+)$"));
    static const QRegularExpression segmentName(QStringLiteral("^([0-9]+)\\.log$"));
    const QFileInfo fi(root);
    if (!fi.exists()) return makeError(ErrorCode::NotFound, QStringLiteral("%1 does not exist").arg(root));
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
    const auto cleaned = readCheckpoint(logDir, QStringLiteral("cleaner-offset-checkpoint"));
    // Where each partition starts: records deleted with deleteRecords (Kafka Streams purges its
    // repartition topics so) or by retention stay in their segments until those are removed.
    const auto starts = readCheckpoint(logDir, QStringLiteral("log-start-offset-checkpoint"));
    std::vector<SegmentIssue> found;
    for (Part& part : parts) {
        if (auto c = cleaned.find({part.topic, part.partition}); c != cleaned.end())
            part.cleanedUpTo = c->second;
        if (auto c = starts.find({part.topic, part.partition}); c != starts.end()) part.logStart = c->second;
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

} // namespace rw
