#include "demo_workspace.h"

#include "schemas_topic.h"
#include "workspace_keep.h"
#include "workspace_store.h"

#include <QFile>

#include <map>

namespace rw {
namespace {

// The lag each group had through the week, sampled every 10 minutes as Rewind's sampler would
// have: billing keeps up, analytics reads ten hours behind, notifications stops at the incident.
Result<void> recordLagHistory(WorkspaceStore& store, const std::vector<TopicInfo>& topics,
                              const DemoWorkspaceReport& rep)
{
    constexpr TimestampMs kStep = 10 * 60 * 1000;
    // Records with a timestamp before t, per topic (a partition's first offset at/after t).
    std::map<std::pair<QString, TimestampMs>, qint64> cache;
    auto before = [&](const QString& topic, TimestampMs t) -> Result<qint64> {
        if (auto it = cache.find({topic, t}); it != cache.end()) return it->second;
        qint64 n = 0;
        for (const TopicInfo& info : topics) {
            if (info.name != topic) continue;
            for (const PartitionInfo& p : info.partitions) {
                auto o = store.offsetForTime(topic, p.partition, t);
                if (!o) return o.error();
                n += o.value().value_or(p.high) - p.low;
            }
        }
        cache[{topic, t}] = n;
        return n;
    };
    struct Plan {
        QString group;
        std::vector<QString> topics;
        std::function<TimestampMs(TimestampMs)> readUpTo;
    };
    const TimestampMs incident = rep.incidentStart;
    const std::vector<Plan> plans = {
        {QStringLiteral("billing"),
         {QStringLiteral("orders"), QStringLiteral("payments")},
         [](TimestampMs t) { return t; }},
        {QStringLiteral("analytics"),
         {QStringLiteral("orders"), QStringLiteral("payments"), QStringLiteral("inventory")},
         [](TimestampMs t) { return t - 10 * 3600 * 1000; }},
        {QStringLiteral("notifications"),
         {QStringLiteral("orders"), QStringLiteral("payments")},
         [incident](TimestampMs t) { return std::min(t, incident); }},
    };
    const TimestampMs first = rep.first - rep.first % kStep + kStep;
    for (const Plan& plan : plans) {
        std::vector<LagSample> samples;
        for (TimestampMs t = first; t <= rep.last; t += kStep) {
            qint64 lag = 0;
            for (const QString& topic : plan.topics) {
                auto end = before(topic, t);
                if (!end) return end.error();
                auto read = before(topic, std::max(rep.first, plan.readUpTo(t)));
                if (!read) return read.error();
                lag += std::max<qint64>(0, end.value() - read.value());
            }
            samples.push_back({t, lag});
        }
        auto now = store.lag(plan.group); // the last sample is the lag the workspace holds
        if (!now) return now.error();
        qint64 total = 0;
        for (const PartitionLag& l : now.value())
            total += l.lag.value_or(0);
        samples.push_back({rep.last, total});
        if (auto r = store.addLagSamples(plan.group, samples); !r) return r;
    }
    return {};
}

Result<void> placeGroups(WorkspaceStore& store, const DemoWorkspaceReport& rep)
{
    auto topics = store.topics();
    if (!topics) return topics.error();
    // Committed offsets: every partition of `topicNames` at the first offset at/after `at`
    // (or the end when `at` is empty), committed at that moment of the story (the end of the
    // week for a group that is caught up), not when the demo was made.
    auto commitAt = [&](const QString& group, const std::vector<QString>& topicNames,
                        std::optional<TimestampMs> at) -> Result<void> {
        const TimestampMs when = at.value_or(rep.last);
        std::vector<GroupOffset> offsets;
        for (const TopicInfo& t : topics.value()) {
            if (std::find(topicNames.begin(), topicNames.end(), t.name) == topicNames.end()) continue;
            for (const PartitionInfo& p : t.partitions) {
                Offset o = p.high;
                if (at) {
                    auto f = store.offsetForTime(t.name, p.partition, *at);
                    if (!f) return f.error();
                    o = f.value().value_or(p.high);
                }
                offsets.push_back({t.name, p.partition, o, QString()});
            }
        }
        return store.commitOffsets(group, offsets, when);
    };
    const QString orders = QStringLiteral("orders"), payments = QStringLiteral("payments"),
                  inventory = QStringLiteral("inventory");
    if (auto r = commitAt(QStringLiteral("billing"), {orders, payments}, std::nullopt); !r) return r;
    // analytics runs a nightly batch and is about ten hours behind.
    if (auto r =
            commitAt(QStringLiteral("analytics"), {orders, payments, inventory}, rep.last - 10 * 3600 * 1000);
        !r)
        return r;
    // notifications crashed on the first gateway timeout and never came back.
    if (auto r = commitAt(QStringLiteral("notifications"), {orders, payments}, rep.incidentStart); !r)
        return r;
    // antifraud was deployed but never committed.
    if (auto r = store.createGroup(QStringLiteral("antifraud"), {payments}); !r) return r;
    return recordLagHistory(store, topics.value(), rep);
}

} // namespace

Result<DemoWorkspaceReport> createDemoWorkspace(const QString& path, const DemoOptions& options,
                                                const std::function<bool(qint64)>& progress)
{
    if (options.events < 1 || options.events > 10'000'000)
        return makeError(ErrorCode::InvalidArgument,
                         QStringLiteral("--events must be between 1 and 10000000"));
    auto created = WorkspaceStore::create(path);
    if (!created) return created.error();
    std::unique_ptr<WorkspaceStore> store = std::move(created.value());
    auto fail = [&](Error e) -> Result<DemoWorkspaceReport> {
        store.reset();
        QFile::remove(path);
        QFile::remove(path + QStringLiteral("-wal"));
        QFile::remove(path + QStringLiteral("-shm"));
        return e;
    };
    for (const DemoTopicSpec& t : DemoGenerator::topics())
        if (auto r = store->createTopic(t.name, t.partitions); !r) return fail(r.error());
    DemoGenerator gen(options);
    DemoWorkspaceReport rep;
    rep.incidentStart = gen.incidentStart();
    std::vector<ProducerRecord> batch(50'000);
    while (true) {
        size_t n = 0;
        while (n < batch.size() && gen.next(batch[n]))
            ++n;
        if (n == 0) break;
        if (rep.records == 0) rep.first = batch[0].timestamp;
        rep.last = batch[n - 1].timestamp;
        std::vector<ProducerRecord> part;
        const std::vector<ProducerRecord>* toWrite = &batch;
        if (n < batch.size()) {
            part.assign(std::make_move_iterator(batch.begin()),
                        std::make_move_iterator(batch.begin() + static_cast<std::ptrdiff_t>(n)));
            toWrite = &part;
        }
        auto r = store->append(*toWrite);
        if (!r) return fail(r.error());
        rep.records += r->appended;
        if (progress && !progress(rep.records))
            return fail(makeError(ErrorCode::Cancelled, QStringLiteral("demo creation cancelled")));
        if (n < batch.size()) break;
    }
    if (auto r = placeGroups(*store, rep); !r) return fail(r.error());
    (void)store->setMeta(QStringLiteral("demo.seed"), QString::number(options.seed));
    // The shop's personal data, hidden by every export of the demo (rewind-cli mask shows it).
    (void)keepMaskPolicy(*store, MaskPolicy{{QStringLiteral("customer.*"), QStringLiteral("shipping_address"),
                                             QStringLiteral("card_last4")},
                                            {}});
    (void)store->setMeta(QStringLiteral("demo.events"), QString::number(rep.records));
    (void)store->setMeta(QStringLiteral("demo.incident_start_ms"), QString::number(rep.incidentStart));
    return rep;
}

} // namespace rw
