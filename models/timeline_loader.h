#pragma once
// Record counts over time for the timeline: one series per topic (all topics) or per partition
// (one topic), in "nice" buckets (1 s … 1 day) chosen so a range has at most ~720 of them.
// Thread contract: TimelineLoader lives on the GUI thread; each load runs on its pool thread
// with its own read-only connection; a newer load cancels and supersedes an older one.

#include "workspace_store.h"

#include <QObject>
#include <QThreadPool>

#include <atomic>
#include <memory>

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
};

// The bucket width for a span: the smallest nice width giving at most maxBuckets buckets.
TimestampMs niceBucket(TimestampMs span, int maxBuckets);

// Synchronous; for the worker and tests. range: [from, to) or the data's own extent.
// byPartition (with a topic): one series per partition instead of one for the topic.
Result<TimelineData> loadTimeline(WorkspaceStore& store, const QString& topic,
                                  std::optional<std::pair<TimestampMs, TimestampMs>> range, int maxBuckets,
                                  bool byPartition = false, const std::atomic_bool* cancel = nullptr);

class TimelineLoader : public QObject {
    Q_OBJECT
public:
    explicit TimelineLoader(QObject* parent = nullptr);
    ~TimelineLoader() override;
    int load(const QString& workspacePath, const QString& topic,
             std::optional<std::pair<TimestampMs, TimestampMs>> range = std::nullopt, int maxBuckets = 720,
             bool byPartition = false);
    void cancel();

signals:
    void loaded(int job, const rw::TimelineData& data);
    void failed(int job, const QString& message);

private:
    QThreadPool m_pool;
    int m_job = 0;
    std::shared_ptr<std::atomic_bool> m_cancel;
    std::shared_ptr<std::atomic_int> m_latest = std::make_shared<std::atomic_int>(0);
};

} // namespace rw

Q_DECLARE_METATYPE(rw::TimelineData)
