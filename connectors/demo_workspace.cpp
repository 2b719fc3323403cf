#include "demo_workspace.h"

#include <QFile>

namespace rw {
namespace {

Result<void> placeGroups(WorkspaceStore& store, const DemoWorkspaceReport& rep)
{
    auto topics = store.topics();
    if (!topics) return topics.error();
    // Committed offsets: every partition of `topicNames` at the first offset at/after `at`
    // (or the end when `at` is empty).
    auto commitAt = [&](const QString& group, const std::vector<QString>& topicNames,
                        std::optional<TimestampMs> at) -> Result<void> {
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
        return store.commitOffsets(group, offsets);
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
    return store.createGroup(QStringLiteral("antifraud"), {payments});
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
    (void)store->setMeta(QStringLiteral("demo.events"), QString::number(rep.records));
    (void)store->setMeta(QStringLiteral("demo.incident_start_ms"), QString::number(rep.incidentStart));
    return rep;
}

} // namespace rw
