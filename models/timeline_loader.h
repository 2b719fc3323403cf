#pragma once
// Record counts over time for the timeline: one series per topic (all topics) or per partition
// (one topic), in "nice" buckets (1 s … 1 day) chosen so a range has at most ~720 of them.
// Thread contract: loadTimeline blocks (a JobRunner job with its own read-only connection);
// `cancel` may be set from any thread.

#include "record_source.h"
#include "schemas_topic.h"

#include <QMetaType>

#include <atomic>

namespace rw {

struct TimelineSeries {
    QString label; // "payments" or "payments-3"
    std::vector<qint64> counts;
};

struct TimelineData {
    QString topic; // empty: every topic
    TimestampMs from = 0, bucketMs = 0;
    int buckets = 0;
    std::vector<TimelineSeries> series;
    qint64 records = 0;                      // counted in range
    TimestampMs dataFirst = 0, dataLast = 0; // of the whole selection, for "zoom out"
    // Where the topic's writer schema changed in range (one topic, on a source that decodes).
    std::vector<SchemaChange> schemaChanges;
    QString schemaProblem; // why they could not be read (the counts are shown all the same)
    // Counted from offsets (a cluster's time indexes, no record read): a bucket's count is the
    // offsets written in it, which is more than its records where offsets hold none: transaction
    // markers and aborted records (`gaps` found at the partitions' ends, or an undecided
    // transaction), compaction (`compacted`: cleanup.policy). approximate() says so.
    bool fromOffsets = false;
    bool gaps = false, compacted = false, undecided = false;
    bool tooMany = false;  // every topic of a cluster was asked with too many of them: pick one
    int notAuthorized = 0; // topics left out of "all topics": the user may not read them
    bool approximate() const { return fromOffsets && (gaps || compacted || undecided); }
};

// With every topic of a cluster, the timeline counts at most this many topics (each topic's
// ends are read) and 1,000 partitions; beyond that it asks for one topic.
inline constexpr size_t kMaxOffsetTimelineTopics = 20;
// Buckets the window asks for where counts come from offsets: each bucket start is a lookup per
// partition that the broker answers by reading into its log (about 0.25 ms of its time per
// partition on the test broker), so fewer than a workspace's 720; zooming in refines.
inline constexpr int kOffsetTimelineBuckets = 240;

// The bucket width for a span: the smallest nice width giving at most maxBuckets buckets.
TimestampMs niceBucket(TimestampMs span, int maxBuckets);

// Synchronous; for the worker and tests. range: [from, to) or the data's own extent.
// byPartition (with a topic): one series per partition instead of one for the topic.
// On a source with offsetTimeline, the counts come from offsets (no record read) unless `exact`:
// then every record's time in range is read.
// With a topic on a source that decodes schemas, also where its writer schema changed (a read of
// the wire headers in range).
Result<TimelineData> loadTimeline(RecordSource& source, const QString& topic,
                                  std::optional<std::pair<TimestampMs, TimestampMs>> range, int maxBuckets,
                                  bool byPartition = false, const std::atomic_bool* cancel = nullptr,
                                  bool exact = false);

} // namespace rw

Q_DECLARE_METATYPE(rw::TimelineData)
