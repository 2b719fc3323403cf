#include "kafka_datadir_impl.h"

#include <QFileInfo>

namespace rw {

using namespace datadir;

KafkaDataDir::KafkaDataDir(std::unique_ptr<Impl> impl) : d(std::move(impl)) {}
KafkaDataDir::~KafkaDataDir() = default;

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
                                  const ScanCallback& callback, qint64 maxCount) const
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
