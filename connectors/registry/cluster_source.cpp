#include "source_kinds.h"

#include "kafka_browser.h"
#include "kafka_client.h"
#include "lag_history.h"
#include "source_registry.h"
#include "workspace_store.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QLocale>

#include <algorithm>
#include <map>
#include <set>
#include <thread>

namespace rw {
namespace {

// Offsets committed on the cluster (refused for a read-only profile or a group with members); the
// lag history goes to the cluster's case workspace (caseHomeFor): every sample (the window's
// chart and its breaks where samples are missing count on each one; a sample every 30 s by
// default is 86,400 in 30 days), for kKeptLagDays days and at most kKeptLagSamples per group. A
// group's samples from the app's lag files of earlier versions move there on its first sample.
constexpr qint64 kKeptLagDays = 30;
constexpr qint64 kKeptLagSamples = 100'000;

// The samples kept for a group: the case workspace's, and any a lag file of an earlier version
// still holds (not yet moved).
std::vector<LagSample> keptLagHistory(const SourceSpec& spec, const QString& group)
{
    std::vector<LagSample> out = readKafkaLagHistory(spec.kafka->name, group);
    const QString home = caseHomeFor(spec, appCasesDir());
    if (QFileInfo::exists(home))
        if (auto store = WorkspaceStore::open(home, WorkspaceStore::Mode::ReadOnly))
            if (auto kept = store.value()->lagSamples(group))
                out.insert(out.end(), kept->begin(), kept->end());
    std::sort(out.begin(), out.end(), [](const LagSample& a, const LagSample& b) { return a.at < b.at; });
    out.erase(std::unique(out.begin(), out.end(),
                          [](const LagSample& a, const LagSample& b) { return a.at == b.at; }),
              out.end());
    return out;
}

class ClusterGroupWriter final : public GroupWriter {
public:
    explicit ClusterGroupWriter(SourceSpec spec) : m_spec(std::move(spec)) {}
    Result<void> applyReset(const QString& group, const std::vector<ResetPlanRow>& plan) override
    {
        auto c = KafkaClient::connect(*m_spec.kafka);
        if (!c) return c.error();
        return c.value()->applyReset(group, plan);
    }
    Result<bool> keepLagSample(const QString& group, const LagSample& sample) override
    {
        auto store = home();
        if (!store) return store.error();
        if (!m_moved.count(group)) { // first sample of the group here: what was kept before
            const QString legacy = kafkaLagHistoryPath(m_spec.kafka->name, group);
            if (const auto old = readKafkaLagHistory(m_spec.kafka->name, group); !old.empty()) {
                if (auto r = store.value()->addLagSamples(group, old, true); !r) return r.error();
                QFile::remove(legacy);
            }
            m_moved.insert(group);
        }
        if (auto r = store.value()->addLagSamples(group, {sample}, true); !r) return r.error();
        // Bounded: on the first sample and every 1,000th, what is past the window goes.
        if (m_kept[group]++ % 1000 == 0)
            if (auto r = store.value()->pruneLagSamples(group, sample.at - kKeptLagDays * 86'400'000,
                                                        kKeptLagSamples);
                !r)
                return r.error();
        return true;
    }

private:
    Result<WorkspaceStore*> home()
    {
        if (m_store) return m_store.get();
        const QString path = caseHomeFor(m_spec, appCasesDir());
        QDir().mkpath(QFileInfo(path).absolutePath());
        auto store = QFileInfo::exists(path) ? WorkspaceStore::open(path, WorkspaceStore::Mode::ReadWrite)
                                             : WorkspaceStore::create(path);
        if (!store) return store.error();
        m_store = std::move(store.value());
        return m_store.get();
    }

    SourceSpec m_spec;
    std::unique_ptr<WorkspaceStore> m_store;
    std::set<QString> m_moved;        // groups whose old lag file was looked for
    std::map<QString, qint64> m_kept; // kept this session per group
};

// A live cluster: metadata and time lookups through one KafkaClient (connected on first use),
// records through KafkaBrowser (a consumer per read).
class ClusterSource final : public RecordSource {
public:
    ClusterSource(SourceSpec spec, std::unique_ptr<KafkaClient> client)
        : RecordSource(std::move(spec)), m_profile(*this->spec().kafka), m_client(std::move(client))
    {
    }
    static Result<std::unique_ptr<RecordSource>> open(const SourceSpec& spec, const std::atomic_bool* cancel)
    {
        auto client = KafkaClient::connect(*spec.kafka, KafkaClient::kDefaultTimeoutMs, cancel);
        if (!client) return client.error();
        return std::unique_ptr<RecordSource>(
            std::make_unique<ClusterSource>(spec, std::move(client.value())));
    }
    // Another connection connects when first needed: a job that only browses or searches (each
    // browse has its own consumer) never opens a metadata client it would not use.
    Result<std::unique_ptr<RecordSource>> reopen() const override
    {
        return std::unique_ptr<RecordSource>(std::make_unique<ClusterSource>(spec(), nullptr));
    }
    QString name() const override { return spec().key(); }
    Result<MaskPolicy> maskPolicy() override { return m_profile.mask; }
    SourceCapabilities capabilities() const override
    {
        return {false, true, false, false, false, SchemaFilesHome::Profile, true};
    }
    // One topic's metadata (no watermarks), not the list of every topic.
    Result<bool> hasTopic(const QString& name) override
    {
        auto c = client();
        if (!c) return c.error();
        auto t = c.value()->topic(name, false);
        if (!t && t.error().code == ErrorCode::NotFound) return false;
        if (!t) return t.error();
        return true;
    }

    Result<std::vector<TopicInfo>> topics() override
    {
        auto c = client();
        if (!c) return c.error();
        auto cluster = c.value()->cluster(spec().showInternalTopics, true);
        if (!cluster) return cluster.error();
        m_snapshot = cluster.value();
        m_snapshotAge.start();
        std::vector<TopicInfo> out;
        for (const KafkaTopicInfo& t : cluster->topics) {
            TopicInfo ti;
            ti.name = t.name;
            for (const KafkaPartitionInfo& p : t.partitions)
                ti.partitions.push_back({p.partition, p.low, p.high, p.countEstimate(), std::nullopt,
                                         std::nullopt,
                                         p.stable < p.high ? std::optional<Offset>(p.stable) : std::nullopt});
            std::sort(
                ti.partitions.begin(), ti.partitions.end(),
                [](const PartitionInfo& a, const PartitionInfo& b) { return a.partition < b.partition; });
            out.push_back(std::move(ti));
        }
        std::sort(out.begin(), out.end(),
                  [](const TopicInfo& a, const TopicInfo& b) { return a.name < b.name; });
        return out;
    }
    Result<TopicInfo> topic(const QString& name) override // one topic's metadata, not the cluster's
    {
        auto c = client();
        if (!c) return c.error();
        auto t = c.value()->topic(name, true);
        if (!t) return t.error();
        TopicInfo ti;
        ti.name = t->name;
        for (const KafkaPartitionInfo& p : t->partitions)
            ti.partitions.push_back({p.partition, p.low, p.high, p.countEstimate(), std::nullopt,
                                     std::nullopt,
                                     p.stable < p.high ? std::optional<Offset>(p.stable) : std::nullopt});
        std::sort(ti.partitions.begin(), ti.partitions.end(),
                  [](const PartitionInfo& a, const PartitionInfo& b) { return a.partition < b.partition; });
        return ti;
    }
    Result<std::pair<Offset, Offset>> watermarks(const QString& topic, PartitionId partition) override
    {
        auto c = client();
        if (!c) return c.error();
        return c.value()->watermarks(topic, partition);
    }
    Result<qint64> scan(const QString& topic, PartitionId partition, Offset from, Offset to,
                        const ScanCallback& callback, qint64 maxCount,
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
    // One consumer for the whole read, merging partitions by time as it fetches, and following
    // new records when asked (the live tail).
    Result<StreamReport> stream(const StreamRequest& request, const StreamSink& sink,
                                const std::atomic_bool* cancel) override
    {
        BrowseRequest req;
        req.topic = request.topic;
        req.partitions = request.partitions;
        switch (request.start.kind) {
        case OffsetSpec::Beginning:
        case OffsetSpec::StopAtTime:
            req.start = {BrowseStart::Beginning, 0};
            break;
        case OffsetSpec::End:
            req.start = {BrowseStart::End, 0};
            break;
        case OffsetSpec::Absolute:
            req.start = {BrowseStart::AtOffset, request.start.value};
            break;
        case OffsetSpec::FromEnd:
            req.start = {BrowseStart::FromEnd, request.start.value};
            break;
        case OffsetSpec::Time:
            req.start = {BrowseStart::AtTime, request.start.value};
            break;
        }
        if (request.start.kind == OffsetSpec::FromEnd) {
            // The last N records, counted as a read_committed reader gets them: markers and
            // aborted transactions take offsets, so N offsets back is fewer records.
            auto t = topic(request.topic);
            if (!t) return t.error();
            for (const PartitionInfo& pi : t->partitions) {
                if (!request.partitions.empty() &&
                    std::find(request.partitions.begin(), request.partitions.end(), pi.partition) ==
                        request.partitions.end())
                    continue;
                auto from = startOfLast(request.topic, pi.partition, pi.low, pi.stableEnd(),
                                        request.start.value, cancel);
                if (!from) return from.error();
                req.partitionStarts[pi.partition] = from.value();
            }
        }
        if (!request.ranges.empty()) { // each partition from and to where it is told
            req.partitions.clear();
            req.start = {BrowseStart::Beginning, 0};
            for (const auto& [partition, range] : request.ranges) {
                req.partitions.push_back(partition);
                req.partitionStarts[partition] = range.first;
                req.partitionEnds[partition] = range.second;
            }
        }
        req.endTime = request.stopTime;
        req.maxRecords = request.maxRecords;
        req.follow = request.follow;
        req.mergeByTime = request.timeOrder;
        QByteArray headers;
        auto rep = KafkaBrowser(m_profile).runViews(
            req, [&](const KafkaRecordView& v) { return sink(*v.topic, v.toView(headers)); }, cancel);
        if (!rep) return rep.error();
        StreamReport out;
        out.records = rep->records;
        out.cancelled = rep->cancelled;
        for (const BrowsePartitionReport& p : rep->partitions)
            out.partitions.push_back({p.partition, p.start, p.next, p.records, p.complete});
        return out;
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
        for (const auto& entry : wanted) {
            const auto& tp = entry.first; // not a structured binding: lambdas below capture it
            const auto& offsets = entry.second;
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
    // Counts from the brokers' time indexes: the offset at every bucket start of every partition
    // (one ListOffsets per leader broker per bucket start); a bucket's count is the difference.
    Result<std::vector<std::vector<qint64>>> histograms(const std::vector<TopicPartition>& partitions,
                                                        TimestampMs from, TimestampMs bucketMs, int buckets,
                                                        const std::atomic_bool* cancel) override
    {
        if (bucketMs <= 0 || buckets <= 0)
            return makeError(ErrorCode::InvalidArgument, QStringLiteral("a histogram needs buckets"));
        auto c = client();
        if (!c) return c.error();
        std::vector<TimestampMs> times;
        times.reserve(static_cast<size_t>(buckets) + 1);
        for (int b = 0; b <= buckets; ++b)
            times.push_back(from + b * bucketMs);
        auto at = c.value()->offsetsAtTimes(partitions, times, cancel);
        if (!at) return at.error();
        // Where no record is at or after a time, the partition's end is: the watermarks of each
        // topic once (after the lookups, so records written meanwhile are counted in the last
        // bucket they fall in rather than lost).
        std::map<QString, std::map<PartitionId, Offset>> ends;
        for (const TopicPartition& tp : partitions)
            if (!ends.count(tp.topic)) {
                auto t = c.value()->topic(tp.topic, true);
                if (!t) return t.error();
                for (const KafkaPartitionInfo& p : t->partitions)
                    ends[tp.topic][p.partition] = p.high;
            }
        std::vector<std::vector<qint64>> out(partitions.size(),
                                             std::vector<qint64>(static_cast<size_t>(buckets), 0));
        for (size_t k = 0; k < partitions.size(); ++k) {
            const Offset end = ends[partitions[k].topic][partitions[k].partition];
            auto offsetAt = [&](size_t t) {
                const Offset o = at.value()[t][k];
                return o < 0 ? end : std::min(o, end);
            };
            Offset prev = offsetAt(0);
            for (size_t b = 0; b < static_cast<size_t>(buckets); ++b) {
                const Offset next = offsetAt(b + 1);
                out[k][b] = std::max<qint64>(0, next - prev); // a time index is monotonic; never negative
                prev = std::max(prev, next);
            }
        }
        return out;
    }
    // The exact count (every record's time read), but only of the offsets the range's times
    // point at: a zoomed-in count does not read the whole partition.
    Result<std::vector<qint64>> histogram(const QString& topic, PartitionId partition, TimestampMs from,
                                          TimestampMs bucketMs, int buckets,
                                          const std::atomic_bool* cancel) override
    {
        if (bucketMs <= 0 || buckets <= 0)
            return makeError(ErrorCode::InvalidArgument, QStringLiteral("a histogram needs buckets"));
        auto c = client();
        if (!c) return c.error();
        auto at = c.value()->offsetsAtTimes({{topic, partition}}, {from, from + buckets * bucketMs}, cancel);
        if (!at) return at.error();
        auto marks = c.value()->watermarks(topic, partition);
        if (!marks) return marks.error();
        const Offset first = at.value()[0][0] < 0 ? marks->second : at.value()[0][0];
        const Offset last = at.value()[1][0] < 0 ? marks->second : at.value()[1][0];
        return countTimes(topic, partition, first, last, from, bucketMs, buckets, cancel);
    }
    // All the ranges' heads in one browse and all their tails in another (a consumer each, every
    // partition assigned at once), a few records each; read_uncommitted, so an offset without a
    // record is a marker or a compacted record.
    Result<std::vector<RangeEdges>> rangeEdges(const QString& topic, const std::vector<OffsetRange>& ranges,
                                               const std::atomic_bool* cancel) override
    {
        constexpr Offset kHead = 4, kTail = 16;
        std::vector<RangeEdges> out(ranges.size());
        std::map<PartitionId, std::vector<size_t>> where;
        for (size_t i = 0; i < ranges.size(); ++i)
            if (ranges[i].to > ranges[i].from) where[ranges[i].partition].push_back(i);
        if (where.empty()) return out;
        // One partition may have several ranges: a browse per distinct range set (rare).
        std::vector<std::map<PartitionId, size_t>> batches;
        for (const auto& [partition, list] : where)
            for (size_t j = 0; j < list.size(); ++j) {
                if (batches.size() <= j) batches.emplace_back();
                batches[j][partition] = list[j];
            }
        // The heads and the tails at once, each on its own thread and consumer, each with its own
        // results (merged below).
        struct Pass {
            std::vector<std::optional<TimestampMs>> times;
            std::vector<bool> gaps;
            std::optional<Error> error;
        };
        Pass passes[2];
        auto run = [&](int pass) {
            Pass& p = passes[pass];
            p.times.assign(ranges.size(), std::nullopt);
            p.gaps.assign(ranges.size(), false);
            for (const auto& b : batches) {
                BrowseRequest req;
                req.topic = topic;
                req.mergeByTime = false;
                req.readCommitted = false;
                req.stallTimeoutMs = 10000;
                std::map<PartitionId, Offset> expect;
                for (const auto& [partition, i] : b) {
                    const OffsetRange& r = ranges[i];
                    req.partitions.push_back(partition);
                    const Offset from = pass == 0 ? r.from : std::max(r.from, r.to - kTail);
                    req.partitionStarts[partition] = from;
                    req.partitionEnds[partition] = pass == 0 ? std::min(r.to, r.from + kHead) : r.to;
                    expect[partition] = from;
                }
                auto rep = KafkaBrowser(m_profile).runViews(
                    req,
                    [&](const KafkaRecordView& v) {
                        auto it = b.find(v.partition);
                        if (it == b.end()) return true;
                        std::optional<TimestampMs>& t = p.times[it->second];
                        if (pass == 0) {
                            if (!t) t = v.timestamp;
                        } else {
                            t = std::max(t.value_or(v.timestamp), v.timestamp);
                        }
                        Offset& next = expect[v.partition];
                        if (v.offset != next) p.gaps[it->second] = true;
                        next = v.offset + 1;
                        return true;
                    },
                    cancel);
                if (!rep) {
                    p.error = rep.error();
                    return;
                }
                if (cancel && cancel->load()) return;
                if (pass == 1)
                    for (const auto& [partition, i] : b)
                        if (expect[partition] != ranges[i].to) p.gaps[i] = true;
            }
        };
        std::thread tails(run, 1);
        run(0);
        tails.join();
        for (const Pass& p : passes)
            if (p.error) return *p.error;
        if (cancel && cancel->load()) return makeError(ErrorCode::Cancelled, QStringLiteral("cancelled"));
        for (size_t i = 0; i < ranges.size(); ++i) {
            out[i].first = passes[0].times[i];
            out[i].newest = passes[1].times[i];
            out[i].gaps = passes[0].gaps[i] || passes[1].gaps[i];
        }
        return out;
    }
    Result<SearchReport> search(const Filter& filter, const SearchOptions& options, const SearchSink& sink,
                                const std::atomic_bool* cancel) override
    {
        return searchStreamed(*this, filter, options, sink, cancel);
    }
    Result<std::vector<ResetPlanRow>> planGroupReset(const QString& group, const ResetSpec& spec) override
    {
        auto c = client();
        if (!c) return c.error();
        return c.value()->planReset(group, spec);
    }
    Result<std::unique_ptr<GroupWriter>> groupWriter() const override
    {
        return std::unique_ptr<GroupWriter>(std::make_unique<ClusterGroupWriter>(spec()));
    }
    Result<std::vector<GroupSummary>> groups() override
    {
        auto c = client();
        if (!c) return c.error();
        auto listed = c.value()->groups();
        if (!listed) return listed.error();
        // Every group's lag asked together (KafkaClient::groupsLag), not one group after another.
        QStringList names;
        for (const KafkaGroupListing& g : listed.value())
            names << g.name;
        auto lags = c.value()->groupsLag(names, fresh() ? &m_snapshot->topics : nullptr);
        if (!lags) return lags.error();
        std::vector<GroupSummary> out;
        for (const KafkaGroupListing& g : listed.value()) {
            std::vector<PartitionLag> lag; // none where the group's offsets were refused
            for (const KafkaPartitionLag& l : lags->lags[g.name])
                lag.push_back({l.topic, l.partition, l.committed, l.end, l.lag, std::nullopt, l.held});
            GroupSummary s = summarizeGroup(g.name, lag);
            s.state = g.state;
            out.push_back(std::move(s));
        }
        std::sort(out.begin(), out.end(),
                  [](const GroupSummary& a, const GroupSummary& b) { return a.name < b.name; });
        return out;
    }
    Result<SourceFacts> facts() override { return factsOf(true); }
    Result<SourceFacts> quickFacts() override { return factsOf(false); }
    Result<SourceFacts> factsOf(bool withMinInsync)
    {
        auto c = client();
        if (!c) return c.error();
        auto cluster = c.value()->cluster(spec().showInternalTopics, false);
        if (!cluster) return cluster.error();
        SourceFacts f;
        f.readOnly = m_profile.readOnly;
        f.brokers = static_cast<int>(cluster->brokers.size());
        f.name = m_profile.name.isEmpty() ? m_profile.bootstrap : m_profile.name;
        f.title = QCoreApplication::translate("rw::SourceWords", "%1 (Kafka)").arg(f.name);
        f.statusLead =
            QCoreApplication::translate("rw::SourceWords", "Kafka %1 · %2 · %3")
                .arg(f.name, m_profile.bootstrap,
                     QCoreApplication::translate("rw::SourceWords", "%Ln broker(s)", nullptr, f.brokers));
        if (m_profile.readOnly)
            f.statusTail = QCoreApplication::translate("rw::SourceWords", " · read-only profile");
        // min.insync.replicas of every topic in one DescribeConfigs: a partition whose ISR is
        // below it refuses acks=all writes. Where the ACLs refuse a topic's configuration (or
        // the request fails whole), that flag is left out and the rest still shows.
        QHash<QString, int> minInsync;
        QStringList names;
        for (const KafkaTopicInfo& t : cluster->topics)
            names << t.name;
        if (!withMinInsync) {
            // quickFacts: replication from the metadata alone
        } else if (auto configs = c.value()->topicConfigs(names, {QStringLiteral("min.insync.replicas")}))
            for (const KafkaTopicConfig& tc : configs.value())
                for (const KafkaConfigValue& v : tc.values)
                    minInsync[tc.topic] = v.value.toInt();
        for (const KafkaTopicInfo& t : cluster->topics)
            for (const KafkaPartitionInfo& p : t.partitions)
                f.replicas[{t.name, p.partition}] = {p.leader, p.replicas, p.isr, minInsync.value(t.name)};
        return f;
    }
    Result<ClusterBrokers> brokers() override
    {
        auto c = client();
        if (!c) return c.error();
        return c.value()->describeCluster();
    }
    Result<std::vector<TopicSetting>> topicSettings(const QString& topic) override
    {
        auto c = client();
        if (!c) return c.error();
        auto configs = c.value()->topicConfigs({topic});
        if (!configs) return configs.error();
        for (const KafkaTopicConfig& tc : configs.value()) {
            if (tc.topic != topic) continue;
            if (!tc.problem.isEmpty()) return makeError(ErrorCode::NotAuthorized, tc.problem);
            return tc.values;
        }
        return makeError(ErrorCode::NotFound,
                         QStringLiteral("%1: the cluster did not describe it").arg(topic));
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
        GroupState g;
        auto described = c.value()->describeGroup(name); // a KIP-848 group: its listing, no members
        if (!described) return described.error();
        const KafkaGroupDescription& desc = described.value();
        g.state = desc.state;
        g.protocol = desc.type;
        g.membersNote = desc.membersNote;
        auto lag = groupLag(name);
        if (!lag) return lag.error();
        for (const KafkaGroupMember& m : desc.members) {
            QStringList parts;
            for (const TopicPartition& tp : m.assignment)
                parts << QStringLiteral("%1-%2").arg(tp.topic).arg(tp.partition);
            g.members
                << QStringLiteral("%1 @ %2: %3").arg(m.clientId, m.host, parts.join(QStringLiteral(", ")));
        }
        g.partitions = std::move(lag.value());
        g.history = keptLagHistory(spec(), name);
        g.historyNote =
            QCoreApplication::translate("rw::SourceWords",
                                        "lag history kept in %1: %2 days, at most %3 samples per group")
                .arg(QDir::toNativeSeparators(caseHomeFor(spec(), appCasesDir())))
                .arg(kKeptLagDays)
                .arg(QLocale().toString(kKeptLagSamples));
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

    // What topics() read last: the overview's groups (asked right after) use it instead of
    // reading the metadata and every partition's watermarks again. (The overview reads the
    // facts on a connection of its own, which has no snapshot.)
    bool fresh() const { return m_snapshot && m_snapshotAge.isValid() && m_snapshotAge.elapsed() < 5000; }

    KafkaProfile m_profile;
    std::unique_ptr<KafkaClient> m_client;
    std::optional<KafkaClusterInfo> m_snapshot;
    QElapsedTimer m_snapshotAge;
};

} // namespace

Result<std::unique_ptr<RecordSource>> openClusterSource(const SourceSpec& spec,
                                                        const std::atomic_bool* cancel)
{
    return ClusterSource::open(spec, cancel);
}

} // namespace rw
