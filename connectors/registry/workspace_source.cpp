#include "source_kinds.h"

#include "source_registry.h"
#include "workspace_keep.h"
#include "workspace_store.h"

#include <QCoreApplication>
#include <QDir>

#include <QFileInfo>

#include <map>

namespace rw {
namespace {

// Group offsets and lag history written into the workspace, on a writable connection of its own.
class WorkspaceGroupWriter final : public GroupWriter {
public:
    explicit WorkspaceGroupWriter(std::unique_ptr<WorkspaceStore> store) : m_store(std::move(store)) {}
    Result<void> applyReset(const QString& group, const std::vector<ResetPlanRow>& plan) override
    {
        std::vector<GroupOffset> offsets;
        for (const ResetPlanRow& r : plan)
            offsets.push_back({r.topic, r.partition, r.target, QStringLiteral("reset by Rewind")});
        auto r = m_store->commitOffsets(group, offsets); // one transaction: all or nothing
        (void)m_store->addAudit(QStringLiteral("reset"), group,
                                (r ? QString() : QStringLiteral("failed: %1; ").arg(r.error().message)) +
                                    describeResetPlan(plan));
        return r;
    }
    // As lagSampleDue says: a workspace that nothing writes to keeps its history as it was.
    Result<bool> keepLagSample(const QString& group, const LagSample& s) override
    {
        auto it = m_last.find(group);
        if (it == m_last.end()) {
            auto h = m_store->lagSamples(group);
            if (h && !h->empty()) it = m_last.emplace(group, h->back()).first;
        }
        if (!lagSampleDue(it == m_last.end() ? std::nullopt : std::optional<LagSample>(it->second), s))
            return false;
        if (auto r = m_store->addLagSamples(group, {s}); !r) return r.error();
        m_last[group] = s;
        return true;
    }

private:
    std::unique_ptr<WorkspaceStore> m_store;
    std::map<QString, LagSample> m_last; // the last kept per group
};

// A workspace file, read (and, opened writable, written) through WorkspaceStore.
class WorkspaceSource final : public StoredSource<WorkspaceStore> {
public:
    WorkspaceSource(SourceSpec spec, std::unique_ptr<WorkspaceStore> store)
        : StoredSource(std::move(spec)), m_owned(std::move(store)), m_store(m_owned.get()),
          m_readOnly(m_store->readOnly())
    {
        m_backend = m_store;
    }
    explicit WorkspaceSource(WorkspaceStore& borrowed)
        : StoredSource(SourceSpec::file(borrowed.path())), m_store(&borrowed), m_readOnly(borrowed.readOnly())
    {
        m_backend = m_store;
    }
    static Result<std::unique_ptr<RecordSource>> open(const SourceSpec& spec)
    {
        auto store = WorkspaceStore::open(spec.path, spec.writable ? WorkspaceStore::Mode::ReadWrite
                                                                   : WorkspaceStore::Mode::ReadOnly);
        if (!store) return store.error();
        return std::unique_ptr<RecordSource>(
            std::make_unique<WorkspaceSource>(spec, std::move(store.value())));
    }
    QString name() const override { return spec().path; }
    SourceCapabilities capabilities() const override
    {
        return {!m_readOnly, true, true, true, true, SchemaFilesHome::Workspace};
    }
    Result<std::unique_ptr<RecordSource>> reopen() const override { return open(spec()); }
    // By partition in offset order, a point lookup each on one statement (a case's pins, a trace,
    // an export of a selection).
    Result<void> readRefs(const QStringList& topics, const std::vector<RecordRef>& refs,
                          const RefCallback& callback, const std::atomic_bool* cancel) override
    {
        const std::vector<size_t> order = refsInPlaceOrder(topics, refs);
        std::vector<Offset> offsets;
        for (size_t k = 0; k < order.size();) {
            if (cancel && cancel->load()) return {};
            const RecordRef& first = refs[order[k]];
            size_t end = k;
            offsets.clear();
            while (end < order.size() && refs[order[end]].topic == first.topic &&
                   refs[order[end]].partition == first.partition)
                offsets.push_back(refs[order[end++]].offset);
            auto r = m_store->readAt(topics.at(first.topic), first.partition, offsets,
                                     [&](size_t i, const RecordView& v) {
                                         callback(order[k + i], v);
                                         return !(cancel && cancel->load());
                                     });
            if (!r && r.error().code != ErrorCode::NotFound) return r.error();
            k = end;
        }
        return {};
    }
    Result<std::unique_ptr<GroupWriter>> groupWriter() const override
    {
        auto store = WorkspaceStore::open(spec().path, WorkspaceStore::Mode::ReadWrite);
        if (!store) return store.error();
        return std::unique_ptr<GroupWriter>(std::make_unique<WorkspaceGroupWriter>(std::move(store.value())));
    }
    Result<std::vector<TopicInfo>> topics() override { return m_store->topics(); }
    Result<SourceFacts> facts() override
    {
        SourceFacts f;
        f.readOnly = !QFileInfo(spec().path).isWritable(); // the file, whatever this connection is
        f.name = QFileInfo(spec().path).fileName();
        f.title = f.name;
        f.statusLead = QDir::toNativeSeparators(spec().path);
        if (f.readOnly) f.statusTail = QCoreApplication::translate("rw::SourceWords", " · read-only file");
        return f;
    }
    Result<Offset> endOffsetBefore(const QString& topic, PartitionId partition, TimestampMs ts) override
    {
        return m_store->endOffsetBefore(topic, partition, ts);
    }
    Result<std::optional<std::vector<TextHit>>> textCandidates(const std::vector<QString>& terms) override
    {
        auto st = m_store->textIndexStatus();
        if (!st || !st->complete()) return std::optional<std::vector<TextHit>>();
        auto hits = m_store->textSearch(terms);
        if (!hits) return hits.error();
        return std::optional<std::vector<TextHit>>(std::move(hits.value()));
    }
    Result<std::vector<GroupSummary>> groups() override { return m_store->groups(); }
    Result<MaskPolicy> maskPolicy() override { return keptMaskPolicy(*m_store); }
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
    std::unique_ptr<WorkspaceStore> m_owned;
    WorkspaceStore* m_store;
    bool m_readOnly;
};

} // namespace

std::unique_ptr<RecordSource> workspaceSourceOver(WorkspaceStore& store)
{
    return std::make_unique<WorkspaceSource>(store);
}

Result<std::unique_ptr<RecordSource>> openWorkspaceSource(const SourceSpec& spec)
{
    return WorkspaceSource::open(spec);
}

} // namespace rw
