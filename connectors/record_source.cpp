#include "record_source.h"

#include "kafka_browser.h"
#include "kafka_client.h"
#include "lag_history.h"

#include "kafka_datadir.h"

#include <QFileInfo>

#include <algorithm>
#include <map>

namespace rw {

// ---- What every source can do with its own primitives (a source overrides what it does better).

Result<std::pair<Offset, Offset>> RecordSource::watermarks(const QString& topic, PartitionId partition)
{
    auto all = topics();
    if (!all) return all.error();
    for (const TopicInfo& t : all.value())
        if (t.name == topic)
            for (const PartitionInfo& p : t.partitions)
                if (p.partition == partition) return std::make_pair(p.low, p.high);
    return makeError(ErrorCode::NotFound, QStringLiteral("%1 has no partition %2").arg(topic).arg(partition));
}

Result<qint64> RecordSource::scanTimes(const QString& topic, PartitionId partition, Offset from, Offset to,
                                       const TimeCallback& callback, const std::atomic_bool* cancel)
{
    return scan(
        topic, partition, from, to, [&](const RecordView& v) { return callback(v.offset, v.timestamp); }, -1,
        cancel);
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

Result<void> RecordSource::readRefs(const QStringList& topics, const std::vector<RecordRef>& refs,
                                    const RefCallback& callback, const std::atomic_bool* cancel)
{
    for (size_t i = 0; i < refs.size(); ++i) {
        if (cancel && cancel->load()) return {};
        const RecordRef& ref = refs[i];
        if (ref.topic < 0 || ref.topic >= topics.size()) continue;
        auto r = scan(
            topics.at(ref.topic), ref.partition, ref.offset, ref.offset + 1,
            [&](const RecordView& v) {
                if (v.offset == ref.offset) callback(i, v);
                return false;
            },
            1);
        if (!r) return r.error();
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
    std::vector<qint64> counts(static_cast<size_t>(buckets), 0);
    auto r = scanTimes(
        topic, partition, marks->first, marks->second,
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

namespace {

// A workspace file or a data directory: both are read through the store (which reads a data
// directory in place, never writing).
class StoreSource final : public RecordSource {
public:
    StoreSource(SourceSpec spec, std::unique_ptr<WorkspaceStore> store)
        : RecordSource(std::move(spec)), m_store(std::move(store)),
          m_dataDir(m_store->kafkaDataDir() != nullptr), m_readOnly(m_store->readOnly())
    {
    }
    static Result<std::unique_ptr<RecordSource>> open(const SourceSpec& spec)
    {
        auto store = WorkspaceStore::open(spec.path, spec.writable ? WorkspaceStore::Mode::ReadWrite
                                                                   : WorkspaceStore::Mode::ReadOnly);
        if (!store) return store.error();
        store.value()->setShowInternalTopics(spec.showInternalTopics);
        return std::unique_ptr<RecordSource>(std::make_unique<StoreSource>(spec, std::move(store.value())));
    }
    QString name() const override { return spec().path; }
    SourceCapabilities capabilities() const override
    {
        return {!m_readOnly && !m_dataDir, !m_dataDir, true, true};
    }
    Result<std::unique_ptr<RecordSource>> reopen() const override { return open(spec()); }
    Result<std::vector<TopicInfo>> topics() override { return m_store->topics(); }
    Result<std::pair<Offset, Offset>> watermarks(const QString& topic, PartitionId partition) override
    {
        auto t = m_store->topic(topic); // re-reads the catalogue: sees other writers' appends
        if (!t) return t.error();
        for (const PartitionInfo& p : t->partitions)
            if (p.partition == partition) return std::make_pair(p.low, p.high);
        return makeError(ErrorCode::NotFound,
                         QStringLiteral("%1 has no partition %2").arg(topic).arg(partition));
    }
    Result<qint64> scan(const QString& topic, PartitionId partition, Offset from, Offset to,
                        const WorkspaceStore::ScanCallback& callback, qint64 maxCount,
                        const std::atomic_bool* cancel) override
    {
        if (!cancel) return m_store->scan(topic, partition, from, to, callback, maxCount);
        return m_store->scan(
            topic, partition, from, to, [&](const RecordView& v) { return !cancel->load() && callback(v); },
            maxCount);
    }
    Result<qint64> scanTimes(const QString& topic, PartitionId partition, Offset from, Offset to,
                             const TimeCallback& callback, const std::atomic_bool* cancel) override
    {
        if (!cancel) return m_store->scanTimes(topic, partition, from, to, callback);
        return m_store->scanTimes(topic, partition, from, to, [&](Offset o, TimestampMs ts) {
            return !cancel->load() && callback(o, ts);
        });
    }
    Result<std::optional<Offset>> offsetForTime(const QString& topic, PartitionId partition,
                                                TimestampMs ts) override
    {
        return m_store->offsetForTime(topic, partition, ts);
    }
    Result<std::vector<qint64>> histogram(const QString& topic, PartitionId partition, TimestampMs from,
                                          TimestampMs bucketMs, int buckets,
                                          const std::atomic_bool* cancel) override
    {
        return m_store->histogram(topic, partition, from, bucketMs, buckets, cancel);
    }
    Result<SearchReport> search(const Filter& filter, const SearchOptions& options, const SearchSink& sink,
                                const std::atomic_bool* cancel) override
    {
        return searchWorkspace(*m_store, filter, options, sink, cancel);
    }
    Result<SourceFacts> facts() override
    {
        SourceFacts f;
        f.readOnly = !QFileInfo(spec().path).isWritable(); // the file, whatever this connection is
        if (auto dir = m_store->kafkaDataDir()) {
            f.dataDirectory = f.readOnly = true;
            for (const SegmentIssue& i : dir->issues())
                f.damage.push_back(
                    QStringLiteral("%1 at byte %2: %3").arg(i.file).arg(i.position).arg(i.what));
            f.hiddenTransactions = static_cast<int>(dir->abortedTransactions().size());
        }
        return f;
    }
    Result<std::vector<GroupSummary>> groups() override { return m_store->groups(); }
    Result<std::vector<PartitionLag>> groupLag(const QString& name) override { return m_store->lag(name); }
    Result<GroupState> group(const QString& name) override
    {
        GroupState g;
        auto lag = m_store->lag(name);
        if (!lag) return lag.error();
        g.partitions = std::move(lag.value());
        auto history = m_store->lagSamples(name);
        if (!history) return history.error();
        g.history = std::move(history.value());
        return g;
    }

private:
    std::unique_ptr<WorkspaceStore> m_store;
    bool m_dataDir, m_readOnly;
};

class KafkaSource final : public RecordSource {
public:
    KafkaSource(SourceSpec spec, std::unique_ptr<KafkaClient> client)
        : RecordSource(std::move(spec)), m_profile(*this->spec().kafka), m_client(std::move(client))
    {
    }
    static Result<std::unique_ptr<RecordSource>> open(const SourceSpec& spec, const std::atomic_bool* cancel)
    {
        auto client = KafkaClient::connect(*spec.kafka, KafkaClient::kDefaultTimeoutMs, cancel);
        if (!client) return client.error();
        return std::unique_ptr<RecordSource>(std::make_unique<KafkaSource>(spec, std::move(client.value())));
    }
    // Another connection connects when first needed: a job that only browses or searches (each
    // browse has its own consumer) never opens a metadata client it would not use.
    Result<std::unique_ptr<RecordSource>> reopen() const override
    {
        return std::unique_ptr<RecordSource>(std::make_unique<KafkaSource>(spec(), nullptr));
    }
    QString name() const override
    {
        return QStringLiteral("kafka:") + (m_profile.name.isEmpty() ? m_profile.bootstrap : m_profile.name);
    }
    SourceCapabilities capabilities() const override { return {false, true, false, false}; }
    Result<std::vector<TopicInfo>> topics() override
    {
        auto c = client();
        if (!c) return c.error();
        auto cluster = c.value()->cluster(spec().showInternalTopics, true);
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
    Result<std::pair<Offset, Offset>> watermarks(const QString& topic, PartitionId partition) override
    {
        auto c = client();
        if (!c) return c.error();
        return c.value()->watermarks(topic, partition);
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
        req.stallTimeoutMs = 10000;
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
    // Each run of nearby offsets of one partition is read with one browse (a consumer each), so a
    // page of scattered search results costs a handful of fetches, not one per record.
    Result<void> readRefs(const QStringList& topics, const std::vector<RecordRef>& refs,
                          const RefCallback& callback, const std::atomic_bool* cancel) override
    {
        std::map<std::pair<qint32, PartitionId>, std::map<Offset, std::vector<size_t>>> wanted;
        for (size_t i = 0; i < refs.size(); ++i)
            if (refs[i].topic >= 0 && refs[i].topic < topics.size())
                wanted[{refs[i].topic, refs[i].partition}][refs[i].offset].push_back(i);
        constexpr Offset kMaxGap = 256;
        for (const auto& [tp, offsets] : wanted) {
            auto it = offsets.begin();
            while (it != offsets.end()) {
                const Offset first = it->first;
                Offset last = first;
                auto end = it;
                while (end != offsets.end() && end->first - last <= kMaxGap) {
                    last = end->first;
                    ++end;
                }
                auto r = scan(
                    topics.at(tp.first), tp.second, first, last + 1,
                    [&](const RecordView& v) {
                        if (auto w = offsets.find(v.offset); w != offsets.end())
                            for (size_t i : w->second)
                                callback(i, v);
                        return true;
                    },
                    -1, cancel);
                if (!r) return r.error();
                if (cancel && cancel->load()) return {};
                it = end;
            }
        }
        return {};
    }
    Result<std::optional<Offset>> offsetForTime(const QString& topic, PartitionId partition,
                                                TimestampMs ts) override
    {
        auto c = client();
        if (!c) return c.error();
        auto at = c.value()->offsetsForTime(topic, {partition}, ts);
        if (!at) return at.error();
        auto marks = c.value()->watermarks(topic, partition);
        if (!marks) return marks.error();
        if (at->empty() || at->front() >= marks->second) return std::optional<Offset>();
        return std::optional<Offset>(at->front());
    }
    Result<SearchReport> search(const Filter& filter, const SearchOptions& options, const SearchSink& sink,
                                const std::atomic_bool* cancel) override
    {
        return searchKafka(m_profile, filter, options, sink, cancel);
    }
    Result<std::vector<GroupSummary>> groups() override
    {
        auto c = client();
        if (!c) return c.error();
        auto listed = c.value()->groups();
        if (!listed) return listed.error();
        std::vector<GroupSummary> out;
        for (const KafkaGroupListing& g : listed.value()) {
            auto lag = groupLag(g.name);
            if (!lag) return lag.error();
            GroupSummary s;
            s.name = g.name;
            s.state = g.state;
            for (const PartitionLag& l : lag.value()) {
                if (std::find(s.topics.begin(), s.topics.end(), l.topic) == s.topics.end())
                    s.topics.push_back(l.topic);
                if (l.lag) {
                    ++s.partitionsWithCommit;
                    s.totalLag += *l.lag;
                } else {
                    ++s.partitionsWithoutCommit;
                    s.uncommittedHeld += l.held;
                }
            }
            out.push_back(std::move(s));
        }
        std::sort(out.begin(), out.end(),
                  [](const GroupSummary& a, const GroupSummary& b) { return a.name < b.name; });
        return out;
    }
    Result<SourceFacts> facts() override
    {
        auto c = client();
        if (!c) return c.error();
        auto cluster = c.value()->cluster(spec().showInternalTopics, false);
        if (!cluster) return cluster.error();
        SourceFacts f;
        f.readOnly = m_profile.readOnly;
        f.brokers = static_cast<int>(cluster->brokers.size());
        for (const KafkaTopicInfo& t : cluster->topics)
            for (const KafkaPartitionInfo& p : t.partitions) {
                QStringList isr;
                for (int b : p.isr)
                    isr << QString::number(b);
                f.replicaInfo[{t.name, p.partition}] =
                    QStringLiteral("leader %1 · ISR %2").arg(p.leader).arg(isr.join(QLatin1Char(',')));
            }
        return f;
    }
    Result<std::vector<PartitionLag>> groupLag(const QString& name) override
    {
        auto c = client();
        if (!c) return c.error();
        auto lag = c.value()->groupLag(name);
        if (!lag) return lag.error();
        std::vector<PartitionLag> out;
        for (const KafkaPartitionLag& l : lag.value())
            out.push_back({l.topic, l.partition, l.committed, l.end, l.lag, std::nullopt, l.held});
        return out;
    }
    Result<GroupState> group(const QString& name) override
    {
        auto c = client();
        if (!c) return c.error();
        auto desc = c.value()->describeGroup(name);
        if (!desc) return desc.error();
        auto lag = groupLag(name);
        if (!lag) return lag.error();
        GroupState g;
        g.state = desc->state;
        for (const KafkaGroupMember& m : desc->members) {
            QStringList parts;
            for (const TopicPartition& tp : m.assignment)
                parts << QStringLiteral("%1-%2").arg(tp.topic).arg(tp.partition);
            g.members
                << QStringLiteral("%1 @ %2: %3").arg(m.clientId, m.host, parts.join(QStringLiteral(", ")));
        }
        g.partitions = std::move(lag.value());
        g.history = readKafkaLagHistory(m_profile.name, name);
        return g;
    }

private:
    Result<KafkaClient*> client()
    {
        if (!m_client) {
            auto c = KafkaClient::connect(m_profile);
            if (!c) return c.error();
            m_client = std::move(c.value());
        }
        return m_client.get();
    }

    KafkaProfile m_profile;
    std::unique_ptr<KafkaClient> m_client;
};

} // namespace

Result<std::shared_ptr<RecordSource>> openRecordSource(const SourceSpec& spec, const std::atomic_bool* cancel)
{
    auto source = spec.kafka ? KafkaSource::open(spec, cancel) : StoreSource::open(spec);
    if (!source) return source.error();
    return std::shared_ptr<RecordSource>(std::move(source.value()));
}

} // namespace rw
