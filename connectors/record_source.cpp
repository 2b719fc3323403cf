#include "record_source.h"

#include "kafka_browser.h"
#include "kafka_client.h"

#include <algorithm>

namespace rw {
namespace {

// A workspace file or a data directory: both are read through the store (which reads a data
// directory in place, never writing).
class StoreSource final : public RecordSource {
public:
    StoreSource(QString path, std::unique_ptr<WorkspaceStore> store)
        : m_path(std::move(path)), m_store(std::move(store))
    {
    }
    QString name() const override { return m_path; }
    SourceCapabilities capabilities() const override
    {
        const bool dir = m_store->kafkaDataDir() != nullptr;
        return {!m_store->readOnly() && !dir, !dir, true};
    }
    Result<std::vector<TopicInfo>> topics() override { return m_store->topics(); }
    Result<qint64> scan(const QString& topic, PartitionId partition, Offset from, Offset to,
                        const WorkspaceStore::ScanCallback& callback, qint64 maxCount,
                        const std::atomic_bool* cancel) override
    {
        if (!cancel) return m_store->scan(topic, partition, from, to, callback, maxCount);
        return m_store->scan(
            topic, partition, from, to, [&](const RecordView& v) { return !cancel->load() && callback(v); },
            maxCount);
    }
    Result<std::optional<Offset>> offsetForTime(const QString& topic, PartitionId partition,
                                                TimestampMs ts) override
    {
        return m_store->offsetForTime(topic, partition, ts);
    }

private:
    QString m_path;
    std::unique_ptr<WorkspaceStore> m_store;
};

class KafkaSource final : public RecordSource {
public:
    KafkaSource(KafkaProfile profile, std::unique_ptr<KafkaClient> client, bool showInternal)
        : m_profile(std::move(profile)), m_client(std::move(client)), m_showInternal(showInternal)
    {
    }
    QString name() const override
    {
        return QStringLiteral("kafka:") + (m_profile.name.isEmpty() ? m_profile.bootstrap : m_profile.name);
    }
    SourceCapabilities capabilities() const override { return {false, true, false}; }
    Result<std::vector<TopicInfo>> topics() override
    {
        auto cluster = m_client->cluster(m_showInternal, true);
        if (!cluster) return cluster.error();
        std::vector<TopicInfo> out;
        for (const KafkaTopicInfo& t : cluster->topics) {
            TopicInfo ti;
            ti.name = t.name;
            for (const KafkaPartitionInfo& p : t.partitions)
                ti.partitions.push_back(
                    {p.partition, p.low, p.high, p.countEstimate(), std::nullopt, std::nullopt});
            std::sort(
                ti.partitions.begin(), ti.partitions.end(),
                [](const PartitionInfo& a, const PartitionInfo& b) { return a.partition < b.partition; });
            out.push_back(std::move(ti));
        }
        std::sort(out.begin(), out.end(),
                  [](const TopicInfo& a, const TopicInfo& b) { return a.name < b.name; });
        return out;
    }
    Result<qint64> scan(const QString& topic, PartitionId partition, Offset from, Offset to,
                        const WorkspaceStore::ScanCallback& callback, qint64 maxCount,
                        const std::atomic_bool* cancel) override
    {
        if (from >= to || maxCount == 0) return qint64(0);
        BrowseRequest req;
        req.topic = topic;
        req.partitions = {partition};
        req.start = {BrowseStart::AtOffset, from};
        req.endOffset = to;
        req.maxRecords = maxCount;
        req.mergeByTime = false;
        qint64 n = 0;
        QByteArray headers;
        bool stopped = false;
        auto rep = KafkaBrowser(m_profile).runViews(
            req,
            [&](const KafkaRecordView& v) {
                ++n;
                if (!callback(v.toView(headers))) stopped = true;
                return !stopped;
            },
            cancel);
        if (!rep) return rep.error();
        return n;
    }
    Result<std::optional<Offset>> offsetForTime(const QString& topic, PartitionId partition,
                                                TimestampMs ts) override
    {
        auto at = m_client->offsetsForTime(topic, {partition}, ts);
        if (!at) return at.error();
        auto marks = m_client->watermarks(topic, partition);
        if (!marks) return marks.error();
        if (at->empty() || at->front() >= marks->second) return std::optional<Offset>();
        return std::optional<Offset>(at->front());
    }

private:
    KafkaProfile m_profile;
    std::unique_ptr<KafkaClient> m_client;
    bool m_showInternal;
};

} // namespace

Result<std::shared_ptr<RecordSource>> openRecordSource(const SourceSpec& spec)
{
    if (spec.kafka) {
        auto client = KafkaClient::connect(*spec.kafka);
        if (!client) return client.error();
        return std::shared_ptr<RecordSource>(
            std::make_shared<KafkaSource>(*spec.kafka, std::move(client.value()), spec.showInternalTopics));
    }
    auto store = WorkspaceStore::open(spec.path, spec.writable ? WorkspaceStore::Mode::ReadWrite
                                                               : WorkspaceStore::Mode::ReadOnly);
    if (!store) return store.error();
    store.value()->setShowInternalTopics(spec.showInternalTopics);
    return std::shared_ptr<RecordSource>(std::make_shared<StoreSource>(spec.path, std::move(store.value())));
}

} // namespace rw
