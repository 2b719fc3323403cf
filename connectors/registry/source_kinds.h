#pragma once
// The kinds of RecordSource, each in its own file, known only to the registry
// (openRecordSource in source_registry.cpp). A new kind is one more class and one more line there.
// Thread contract: as RecordSource.

#include "record_source.h"

namespace rw {

// Which lag samples a workspace's own history takes: a change always; an unchanged lag every 10 minutes while
// a live series runs (so a steady lag still draws a line), never to restart an old one.
inline bool lagSampleDue(const std::optional<LagSample>& last, const LagSample& s)
{
    return !last || last->lag != s.lag || (s.at - last->at >= 10 * 60'000 && s.at - last->at < 60 * 60'000);
}

// What the two local kinds share: a backend with the store's read contract (WorkspaceStore, or
// KafkaDataDir over the segments), read here the same way, and searched by searchStored. The
// kind sets m_backend in its constructor.
template <typename Backend> class StoredSource : public RecordSource {
public:
    Result<TopicInfo> topic(const QString& name) override { return m_backend->topic(name); }
    Result<qint64> scan(const QString& topic, PartitionId partition, Offset from, Offset to,
                        const ScanCallback& callback, qint64 maxCount,
                        const std::atomic_bool* cancel) override
    {
        return m_backend->scan(topic, partition, from, to, cancellable(callback, cancel), maxCount);
    }
    Result<qint64> scanTimes(const QString& topic, PartitionId partition, Offset from, Offset to,
                             const TimeCallback& callback, const std::atomic_bool* cancel) override
    {
        return m_backend->scanTimes(topic, partition, from, to, cancellable(callback, cancel));
    }
    Result<std::optional<Offset>> offsetForTime(const QString& topic, PartitionId partition,
                                                TimestampMs ts) override
    {
        return m_backend->offsetForTime(topic, partition, ts);
    }
    Result<std::vector<qint64>> histogram(const QString& topic, PartitionId partition, TimestampMs from,
                                          TimestampMs bucketMs, int buckets,
                                          const std::atomic_bool* cancel) override
    {
        return m_backend->histogram(topic, partition, from, bucketMs, buckets, cancel);
    }
    Result<SearchReport> search(const Filter& filter, const SearchOptions& options, const SearchSink& sink,
                                const std::atomic_bool* cancel) override
    {
        return searchStored(*this, filter, options, sink, cancel);
    }

protected:
    using RecordSource::RecordSource;
    Backend* m_backend = nullptr;
};

// A workspace file (SQLite).
Result<std::unique_ptr<RecordSource>> openWorkspaceSource(const SourceSpec& spec);
// A copy of a broker's data directory, a partition folder or one .log segment, read in place.
Result<std::unique_ptr<RecordSource>> openDataDirSource(const SourceSpec& spec);
// A live Kafka cluster.
Result<std::unique_ptr<RecordSource>> openClusterSource(const SourceSpec& spec,
                                                        const std::atomic_bool* cancel);

} // namespace rw
