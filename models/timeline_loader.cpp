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
                                  bool byPartition, const std::atomic_bool* cancel)
{
    auto topics = source.topics();
    if (!topics) return topics.error();
    std::vector<const TopicInfo*> chosen;
    for (const TopicInfo& t : topics.value())
        if (topic.isEmpty() || t.name == topic) chosen.push_back(&t);
    if (!topic.isEmpty() && chosen.empty())
        return makeError(ErrorCode::NotFound, QStringLiteral("unknown topic '%1'").arg(topic));
    TimelineData d;
    d.topic = topic;
    std::optional<TimestampMs> first, last;
    for (const TopicInfo* t : chosen)
        for (const PartitionInfo& p : t->partitions) {
            if (p.firstTimestamp) first = std::min(first.value_or(*p.firstTimestamp), *p.firstTimestamp);
            if (p.maxTimestamp) last = std::max(last.value_or(*p.maxTimestamp), *p.maxTimestamp);
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
    for (const TopicInfo* t : chosen) {
        std::vector<qint64> topicCounts(static_cast<size_t>(d.buckets), 0);
        for (const PartitionInfo& p : t->partitions) {
            auto h = source.histogram(t->name, p.partition, d.from, d.bucketMs, d.buckets, cancel);
            if (!h) return h.error();
            if (byPartition)
                d.series.push_back({QStringLiteral("%1-%2").arg(t->name).arg(p.partition), h.value()});
            for (size_t i = 0; i < topicCounts.size(); ++i)
                topicCounts[i] += h.value()[i];
        }
        for (qint64 c : topicCounts)
            d.records += c;
        if (!byPartition) d.series.push_back({t->name, std::move(topicCounts)});
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
