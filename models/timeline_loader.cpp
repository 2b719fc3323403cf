#include "timeline_loader.h"

namespace rw {

TimestampMs niceBucket(TimestampMs span, int maxBuckets)
{
    static constexpr TimestampMs kSteps[] = {1000,
                                             2000,
                                             5000,
                                             10'000,
                                             15'000,
                                             30'000,
                                             60'000,
                                             2 * 60'000,
                                             5 * 60'000,
                                             10 * 60'000,
                                             15 * 60'000,
                                             30 * 60'000,
                                             3'600'000,
                                             2 * 3'600'000,
                                             3 * 3'600'000,
                                             6 * 3'600'000,
                                             12 * 3'600'000,
                                             86'400'000,
                                             7 * TimestampMs(86'400'000),
                                             30 * TimestampMs(86'400'000)};
    for (TimestampMs s : kSteps)
        if (span / s < maxBuckets) return s;
    // Beyond 30-day buckets: whole days.
    return ((span / maxBuckets) / 86'400'000 + 1) * 86'400'000;
}

Result<TimelineData> loadTimeline(RecordSource& source, const QString& topic,
                                  std::optional<std::pair<TimestampMs, TimestampMs>> range, int maxBuckets,
                                  bool byPartition, const std::atomic_bool* cancel, bool exact)
{
    // One topic: its own metadata (on a cluster, not the list of every topic's watermarks).
    std::vector<TopicInfo> topics;
    if (topic.isEmpty()) {
        auto all = source.topics();
        if (!all) return all.error();
        topics = std::move(all.value());
    } else {
        auto one = source.topic(topic);
        if (!one) return one.error();
        topics.push_back(std::move(one.value()));
    }
    const bool fromOffsets = source.capabilities().offsetTimeline && !exact;
    TimelineData d;
    d.topic = topic;
    d.fromOffsets = fromOffsets;
    if (source.capabilities().offsetTimeline) {
        // Each topic's ends are read (a few records per partition, one consumer per topic and
        // end): with every topic of a large cluster, a topic has to be chosen.
        qint64 partitions = 0;
        for (const TopicInfo& t : topics)
            partitions += static_cast<qint64>(t.partitions.size());
        if (topic.isEmpty() && (topics.size() > kMaxOffsetTimelineTopics || partitions > 1000)) {
            d.tooMany = true;
            return d;
        }
    }
    std::optional<TimestampMs> first, last;
    for (const TopicInfo& t : topics)
        for (const PartitionInfo& p : t.partitions) {
            if (p.firstTimestamp) first = std::min(first.value_or(*p.firstTimestamp), *p.firstTimestamp);
            if (p.maxTimestamp) last = std::max(last.value_or(*p.maxTimestamp), *p.maxTimestamp);
            if (p.stable) d.undecided = true;
        }
    if (source.capabilities().offsetTimeline) {
        // Where the records begin and end in time, and whether offsets hold no record there
        // (transaction markers, compaction): what a read of each partition's ends finds.
        // With every topic, one the user may not read is left out and counted (#25: nothing fails
        // whole because one call was denied).
        for (auto t = topics.begin(); t != topics.end();) {
            std::vector<OffsetRange> ranges;
            for (const PartitionInfo& p : t->partitions)
                ranges.push_back({p.partition, p.low, p.high});
            auto edges = source.rangeEdges(t->name, ranges, cancel);
            if (!edges && topic.isEmpty() && edges.error().code == ErrorCode::NotAuthorized) {
                ++d.notAuthorized;
                t = topics.erase(t);
                continue;
            }
            ++t;
            if (!edges) return edges.error();
            for (const RangeEdges& e : edges.value()) {
                if (e.first) first = std::min(first.value_or(*e.first), *e.first);
                if (e.newest) last = std::max(last.value_or(*e.newest), *e.newest);
                d.gaps = d.gaps || e.gaps;
            }
        }
        if (!topic.isEmpty()) {
            auto settings = source.topicSettings(topic);
            if (settings)
                for (const TopicSetting& s : settings.value())
                    if (s.name == QLatin1String("cleanup.policy") &&
                        s.value.contains(QLatin1String("compact")))
                        d.compacted = true;
        }
    }
    if (!first || !last) return d; // nothing recorded yet
    d.dataFirst = *first;
    d.dataLast = *last;
    const TimestampMs from = range ? range->first : *first;
    const TimestampMs to = range ? range->second : *last + 1;
    if (to <= from) return makeError(ErrorCode::InvalidArgument, QStringLiteral("empty time range"));
    d.bucketMs = niceBucket(to - from, std::max(1, maxBuckets));
    // Align to the bucket width (UTC), so buckets start on whole minutes, hours, days.
    d.from = from - ((from % d.bucketMs) + d.bucketMs) % d.bucketMs;
    d.buckets = static_cast<int>((to - d.from + d.bucketMs - 1) / d.bucketMs);
    std::vector<TopicPartition> all;
    for (const TopicInfo& t : topics)
        for (const PartitionInfo& p : t.partitions)
            all.push_back({t.name, p.partition});
    std::vector<std::vector<qint64>> counts;
    if (fromOffsets) {
        auto h = source.histograms(all, d.from, d.bucketMs, d.buckets, cancel);
        if (!h) return h.error();
        counts = std::move(h.value());
    } else {
        for (const TopicPartition& tp : all) {
            auto h = source.histogram(tp.topic, tp.partition, d.from, d.bucketMs, d.buckets, cancel);
            if (!h) return h.error();
            counts.push_back(std::move(h.value()));
        }
    }
    size_t k = 0;
    for (const TopicInfo& t : topics) {
        std::vector<qint64> topicCounts(static_cast<size_t>(d.buckets), 0);
        for (const PartitionInfo& p : t.partitions) {
            const std::vector<qint64>& h = counts[k++];
            if (byPartition) d.series.push_back({QStringLiteral("%1-%2").arg(t.name).arg(p.partition), h});
            for (size_t i = 0; i < topicCounts.size() && i < h.size(); ++i)
                topicCounts[i] += h[i];
        }
        for (qint64 c : topicCounts)
            d.records += c;
        if (!byPartition) d.series.push_back({t.name, std::move(topicCounts)});
    }
    if (!topic.isEmpty() && &source.stored() != &source) {
        auto runs = schemaRuns(source, topic, std::pair(d.from, d.from + d.buckets * d.bucketMs), cancel);
        if (runs)
            d.schemaChanges = schemaChanges(runs.value());
        else if (runs.error().code == ErrorCode::Cancelled)
            return runs.error();
        else
            d.schemaProblem = runs.error().message;
    }
    return d;
}

} // namespace rw
