#include "record_source.h"

#include "merged_reader.h"

#include <QCoreApplication>

#include <algorithm>
#include <tuple>

namespace rw {

// ---- What every source can do with its own primitives (a source overrides what it does better).

Result<std::pair<Offset, Offset>> RecordSource::watermarks(const QString& name, PartitionId partition)
{
    auto t = topic(name);
    if (!t) return t.error();
    for (const PartitionInfo& p : t->partitions)
        if (p.partition == partition) return std::make_pair(p.low, p.high);
    return makeError(ErrorCode::NotFound, QStringLiteral("%1 has no partition %2").arg(name).arg(partition));
}

ScanCallback RecordSource::cancellable(const ScanCallback& callback, const std::atomic_bool* cancel)
{
    if (!cancel) return callback;
    return [&callback, cancel](const RecordView& v) { return !cancel->load() && callback(v); };
}

RecordSource::TimeCallback RecordSource::cancellable(const TimeCallback& callback,
                                                     const std::atomic_bool* cancel)
{
    if (!cancel) return callback;
    return [&callback, cancel](Offset o, TimestampMs ts) { return !cancel->load() && callback(o, ts); };
}

Result<TopicInfo> RecordSource::topic(const QString& name)
{
    auto all = topics();
    if (!all) return all.error();
    for (TopicInfo& t : all.value())
        if (t.name == name) return std::move(t);
    return makeError(ErrorCode::NotFound, QStringLiteral("unknown topic '%1'").arg(name));
}

Result<qint64> RecordSource::scanTimes(const QString& topic, PartitionId partition, Offset from, Offset to,
                                       const TimeCallback& callback, const std::atomic_bool* cancel)
{
    return scan(
        topic, partition, from, to, [&](const RecordView& v) { return callback(v.offset, v.timestamp); }, -1,
        cancel);
}

Result<Offset> RecordSource::startOfLast(const QString& topic, PartitionId partition, Offset low, Offset high,
                                         qint64 count, const std::atomic_bool* cancel)
{
    if (count <= 0 || high <= low) return high;
    // Read back from the end in growing steps until the step holds `count` records: where offsets
    // are dense (most partitions) the first step is exactly the last `count` records.
    std::vector<Offset> offsets;
    for (qint64 span = count;; span = span > std::numeric_limits<qint64>::max() / 4
                                          ? std::numeric_limits<qint64>::max()
                                          : span * 4) {
        const Offset from = high - low > span ? high - span : low;
        offsets.clear();
        auto r = scanTimes(
            topic, partition, from, high,
            [&](Offset o, TimestampMs) {
                offsets.push_back(o);
                return true;
            },
            cancel);
        if (!r) return r.error();
        if (cancel && cancel->load()) return makeError(ErrorCode::Cancelled, QStringLiteral("cancelled"));
        if (static_cast<qint64>(offsets.size()) >= count)
            return offsets[offsets.size() - static_cast<size_t>(count)];
        if (from == low) return low; // fewer than `count` records in all
    }
}

Result<StreamReport> RecordSource::stream(const StreamRequest& req, const StreamSink& sink,
                                          const std::atomic_bool* cancel)
{
    auto t = topic(req.topic);
    if (!t) return t.error();
    for (PartitionId wanted : req.partitions)
        if (std::none_of(t->partitions.begin(), t->partitions.end(),
                         [&](const PartitionInfo& pi) { return pi.partition == wanted; }))
            return makeError(ErrorCode::NotFound, QStringLiteral("topic '%1' has no partition %2 (it has %3)")
                                                      .arg(req.topic)
                                                      .arg(wanted)
                                                      .arg(t->partitions.size()));
    std::vector<PartitionRange> ranges;
    StreamReport report;
    for (const PartitionInfo& pi : t->partitions) {
        if (!req.partitions.empty() &&
            std::find(req.partitions.begin(), req.partitions.end(), pi.partition) == req.partitions.end())
            continue;
        PartitionRange r{req.topic, pi.partition, pi.low, pi.high};
        if (!req.ranges.empty()) {
            const auto given = req.ranges.find(pi.partition);
            if (given == req.ranges.end()) continue;
            r.from = std::clamp<Offset>(given->second.first, pi.low, pi.high);
            r.to = std::max(r.from, std::min(pi.high, given->second.second));
        } else
            switch (req.start.kind) {
            case OffsetSpec::Beginning:
            case OffsetSpec::StopAtTime:
                break;
            case OffsetSpec::End:
                r.from = pi.high;
                break;
            case OffsetSpec::Absolute:
                r.from = std::clamp<Offset>(req.start.value, pi.low, pi.high);
                break;
            case OffsetSpec::FromEnd: {
                auto from = startOfLast(req.topic, pi.partition, pi.low, pi.high, req.start.value, cancel);
                if (!from) return from.error();
                r.from = from.value();
                break;
            }
            case OffsetSpec::Time: {
                auto o = offsetForTime(req.topic, pi.partition, req.start.value);
                if (!o) return o.error();
                r.from = o.value().value_or(pi.high);
                break;
            }
            }
        if (req.stopTime) { // kcat's e@: each partition stops at its first record at/after that time
            auto o = offsetForTime(req.topic, pi.partition, *req.stopTime);
            if (!o) return o.error();
            r.to = std::max(r.from, std::min(r.to, o.value().value_or(pi.high)));
        }
        ranges.push_back(r);
        report.partitions.push_back({pi.partition, r.from, r.from, 0, r.from >= r.to});
    }
    auto entry = [&](PartitionId p) -> StreamPartition& {
        for (StreamPartition& sp : report.partitions)
            if (sp.partition == p) return sp;
        return report.partitions.front(); // not reached: every record comes from a range above
    };
    auto full = [&] { return req.maxRecords >= 0 && report.records >= req.maxRecords; };
    bool stopped = false;
    if (!req.timeOrder) {
        for (size_t i = 0; i < ranges.size() && !stopped && !full(); ++i) {
            const PartitionRange& r = ranges[i];
            StreamPartition& sp = report.partitions[i];
            auto n = scan(
                req.topic, r.partition, r.from, r.to,
                [&](const RecordView& v) {
                    sp.next = v.offset + 1;
                    ++sp.records;
                    ++report.records;
                    if (!sink(req.topic, v)) stopped = true;
                    return !stopped;
                },
                req.maxRecords < 0 ? -1 : req.maxRecords - report.records, cancel);
            if (!n) return n.error();
            if (cancel && cancel->load()) break;
            if (!stopped && !full()) sp.complete = true;
        }
    } else {
        MergedReader reader(*this, ranges);
        RecordView v;
        const QString* name = nullptr;
        bool ended = false;
        while (!full() && !(cancel && cancel->load())) {
            auto more = reader.nextView(v, &name);
            if (!more) return more.error();
            if (!more.value()) {
                ended = true;
                break;
            }
            StreamPartition& sp = entry(v.partition);
            sp.next = v.offset + 1;
            ++sp.records;
            ++report.records;
            if (!sink(*name, v)) break;
        }
        for (size_t i = 0; i < ranges.size(); ++i)
            report.partitions[i].complete = ended || report.partitions[i].next >= ranges[i].to;
    }
    report.cancelled = cancel && cancel->load();
    return report;
}

Result<std::optional<Record>> RecordSource::read(const QString& topic, PartitionId partition, Offset offset)
{
    std::optional<Result<Record>> got;
    auto r = scan(
        topic, partition, offset, offset + 1,
        [&](const RecordView& v) {
            if (v.offset == offset) got = toRecord(topic, v);
            return false;
        },
        1);
    if (!r) return r.error();
    if (!got) return std::optional<Record>();
    if (!got->ok()) return got->error();
    return std::optional<Record>(std::move(got->value()));
}

std::vector<size_t> refsInPlaceOrder(const QStringList& topics, const std::vector<RecordRef>& refs)
{
    std::vector<size_t> order;
    order.reserve(refs.size());
    for (size_t i = 0; i < refs.size(); ++i)
        if (refs[i].topic >= 0 && refs[i].topic < topics.size()) order.push_back(i);
    std::sort(order.begin(), order.end(), [&](size_t a, size_t b) {
        const RecordRef &x = refs[a], &y = refs[b];
        return std::tie(x.topic, x.partition, x.offset) < std::tie(y.topic, y.partition, y.offset);
    });
    return order;
}

Result<void> RecordSource::readRefs(const QStringList& topics, const std::vector<RecordRef>& refs,
                                    const RefCallback& callback, const std::atomic_bool* cancel)
{
    // In key order (topic, partition, offset): a store's pages are then read once, in order, not
    // once per ref in the order a case pinned them. Nearby offsets are read with one scan.
    const std::vector<size_t> order = refsInPlaceOrder(topics, refs);
    constexpr Offset kNear = 2; // offsets this close share a scan (reading the one between)
    for (size_t k = 0; k < order.size();) {
        if (cancel && cancel->load()) return {};
        const RecordRef& first = refs[order[k]];
        size_t end = k + 1;
        while (end < order.size() && refs[order[end]].topic == first.topic &&
               refs[order[end]].partition == first.partition &&
               refs[order[end]].offset - refs[order[end - 1]].offset <= kNear)
            ++end;
        const Offset last = refs[order[end - 1]].offset;
        size_t next = k; // the first ref of the run not yet matched
        auto r = scan(
            topics.at(first.topic), first.partition, first.offset, last + 1,
            [&](const RecordView& v) {
                while (next < end && refs[order[next]].offset < v.offset)
                    ++next;
                while (next < end && refs[order[next]].offset == v.offset)
                    callback(order[next++], v); // the same address twice: called for each
                return next < end;
            },
            -1, cancel);
        if (!r) return r.error();
        k = end;
    }
    return {};
}

Result<std::vector<qint64>> RecordSource::histogram(const QString& topic, PartitionId partition,
                                                    TimestampMs from, TimestampMs bucketMs, int buckets,
                                                    const std::atomic_bool* cancel)
{
    if (bucketMs <= 0 || buckets <= 0)
        return makeError(ErrorCode::InvalidArgument, QStringLiteral("a histogram needs buckets"));
    auto marks = watermarks(topic, partition);
    if (!marks) return marks.error();
    return countTimes(topic, partition, marks->first, marks->second, from, bucketMs, buckets, cancel);
}

Result<std::vector<qint64>> RecordSource::countTimes(const QString& topic, PartitionId partition,
                                                     Offset first, Offset last, TimestampMs from,
                                                     TimestampMs bucketMs, int buckets,
                                                     const std::atomic_bool* cancel)
{
    std::vector<qint64> counts(static_cast<size_t>(buckets), 0);
    auto r = scanTimes(
        topic, partition, first, last,
        [&](Offset, TimestampMs ts) {
            if (ts >= from) {
                const qint64 b = (ts - from) / bucketMs;
                if (b < buckets) ++counts[static_cast<size_t>(b)];
            }
            return true;
        },
        cancel);
    if (!r) return r.error();
    if (cancel && cancel->load()) return makeError(ErrorCode::Cancelled, QStringLiteral("cancelled"));
    return counts;
}

Result<std::vector<std::vector<qint64>>>
RecordSource::histograms(const std::vector<TopicPartition>& partitions, TimestampMs from,
                         TimestampMs bucketMs, int buckets, const std::atomic_bool* cancel)
{
    std::vector<std::vector<qint64>> out;
    out.reserve(partitions.size());
    for (const TopicPartition& tp : partitions) {
        auto h = histogram(tp.topic, tp.partition, from, bucketMs, buckets, cancel);
        if (!h) return h.error();
        out.push_back(std::move(h.value()));
    }
    return out;
}

Result<std::vector<RangeEdges>> RecordSource::rangeEdges(const QString& topic,
                                                         const std::vector<OffsetRange>& ranges,
                                                         const std::atomic_bool* cancel)
{
    constexpr Offset kTail = 16;
    std::vector<RangeEdges> out(ranges.size());
    for (size_t i = 0; i < ranges.size(); ++i) {
        const OffsetRange& r = ranges[i];
        if (r.to <= r.from) continue;
        RangeEdges& e = out[i];
        Offset expect = r.from;
        auto head = scanTimes(
            topic, r.partition, r.from, r.to,
            [&](Offset o, TimestampMs ts) {
                e.first = ts;
                e.gaps = e.gaps || o != expect;
                return false;
            },
            cancel);
        if (!head) return head.error();
        const Offset from = std::max(r.from, r.to - kTail);
        expect = from;
        auto tail = scanTimes(
            topic, r.partition, from, r.to,
            [&](Offset o, TimestampMs ts) {
                e.newest = std::max(e.newest.value_or(ts), ts);
                e.gaps = e.gaps || o != expect;
                expect = o + 1;
                return true;
            },
            cancel);
        if (!tail) return tail.error();
        e.gaps = e.gaps || expect != r.to;
        if (cancel && cancel->load()) return makeError(ErrorCode::Cancelled, QStringLiteral("cancelled"));
    }
    return out;
}

Result<RegistrySchema> RecordSource::schema(qint32 id)
{
    return makeError(
        ErrorCode::NotFound,
        QStringLiteral("schema id %1: this source has no schemas (no registry, no _schemas topic)").arg(id));
}

Result<Offset> RecordSource::endOffsetBefore(const QString& topic, PartitionId partition, TimestampMs)
{
    auto marks = watermarks(topic, partition);
    if (!marks) return marks.error();
    return marks->second;
}

Result<std::optional<std::vector<TextHit>>> RecordSource::textCandidates(const std::vector<QString>&)
{
    return std::optional<std::vector<TextHit>>();
}

Result<std::vector<ResetPlanRow>> RecordSource::planGroupReset(const QString& group, const ResetSpec& spec)
{
    auto t = topic(spec.topic);
    if (!t) return t.error();
    auto lag = groupLag(group);
    if (!lag && lag.error().code != ErrorCode::NotFound) return lag.error();
    std::vector<ResetPlanRow> plan;
    for (const PartitionInfo& p : t->partitions) {
        if (spec.partition && p.partition != *spec.partition) continue;
        ResetPlanRow row;
        row.topic = spec.topic;
        row.partition = p.partition;
        if (lag)
            for (const PartitionLag& l : lag.value())
                if (l.topic == spec.topic && l.partition == p.partition) row.current = l.committed;
        Offset atTime = p.high;
        if (spec.kind == ResetKind::ToTime) {
            auto o = offsetForTime(spec.topic, p.partition, spec.value);
            if (!o) return o.error();
            atTime = o.value().value_or(p.high);
        }
        if (auto r = planResetRow(row, spec, p.low, p.high, atTime, group); !r) return r.error();
        plan.push_back(row);
    }
    if (plan.empty())
        return makeError(ErrorCode::NotFound, QStringLiteral("topic '%1' has no partition %2")
                                                  .arg(spec.topic)
                                                  .arg(spec.partition.value_or(-1)));
    return plan;
}

Result<std::unique_ptr<GroupWriter>> RecordSource::groupWriter() const
{
    return makeError(ErrorCode::ReadOnly,
                     QStringLiteral("%1 is read-only: its consumer groups cannot be changed").arg(name()));
}

Result<bool> RecordSource::hasTopic(const QString& name)
{
    auto t = topic(name);
    if (t) return true;
    if (t.error().code == ErrorCode::NotFound) return false;
    return t.error();
}

Result<MaskPolicy> RecordSource::maskPolicy()
{
    return MaskPolicy{}; // a data directory keeps none; a workspace and a cluster say their own
}

Result<ClusterBrokers> RecordSource::brokers()
{
    return makeError(ErrorCode::NotFound,
                     QStringLiteral("%1 is not a cluster: it has no brokers").arg(name()));
}

Result<std::vector<TopicSetting>> RecordSource::topicSettings(const QString& topic)
{
    return makeError(ErrorCode::NotFound,
                     QStringLiteral("%1: topic settings are a cluster's; %2 keeps none").arg(topic, name()));
}

namespace {
QString words(const char* text)
{
    return QCoreApplication::translate("rw::SourceWords", text);
}
QString idList(const std::vector<int>& ids)
{
    QStringList out;
    for (int id : ids)
        out << QString::number(id);
    return out.isEmpty() ? words(QT_TRANSLATE_NOOP("rw::SourceWords", "none")) : out.join(QLatin1Char(','));
}
} // namespace

QString ReplicaFact::summary() const
{
    return words(QT_TRANSLATE_NOOP("rw::SourceWords", "leader %1 · replicas %2 · ISR %3"))
        .arg(leader < 0 ? words(QT_TRANSLATE_NOOP("rw::SourceWords", "none")) : QString::number(leader),
             idList(replicas), idList(isr));
}

QString ReplicaFact::problem() const
{
    if (offline()) return words(QT_TRANSLATE_NOOP("rw::SourceWords", "offline: no leader"));
    QStringList problems;
    if (underReplicated())
        problems << words(QT_TRANSLATE_NOOP("rw::SourceWords", "under-replicated: %1 of %2 replicas in sync"))
                        .arg(isr.size())
                        .arg(replicas.size());
    if (belowMinInsync())
        problems << words(QT_TRANSLATE_NOOP("rw::SourceWords",
                                            "below min.insync.replicas %1: acks=all writes fail"))
                        .arg(minInsync);
    return problems.join(QLatin1String("; "));
}

} // namespace rw
