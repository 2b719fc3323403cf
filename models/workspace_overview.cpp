#include "workspace_overview.h"

#include "job_runner.h"
#include "kafka_datadir.h"
#include "kafka_source.h"

#include <QFileInfo>
#include <QMetaObject>

namespace rw {

Result<WorkspaceOverview> loadWorkspaceOverview(const QString& path, bool showInternal)
{
    auto store = WorkspaceStore::open(path, WorkspaceStore::Mode::ReadOnly);
    if (!store) return store.error();
    store.value()->setShowInternalTopics(showInternal);
    WorkspaceOverview o;
    o.path = path;
    // The overview reads through a read-only connection; what matters to the user is the file.
    o.readOnly = !QFileInfo(path).isWritable();
    if (auto dir = store.value()->kafkaDataDir()) {
        o.kafkaDataDir = o.readOnly = true;
        for (const SegmentIssue& i : dir->issues())
            o.damage.push_back(QStringLiteral("%1 at byte %2: %3").arg(i.file).arg(i.position).arg(i.what));
        o.hiddenTransactions = static_cast<int>(dir->abortedTransactions().size());
    }
    auto topics = store.value()->topics();
    if (!topics) return topics.error();
    o.topics = std::move(topics.value());
    for (const TopicInfo& t : o.topics)
        o.totalRecords += t.count();
    auto groups = store.value()->groups();
    if (!groups) return groups.error();
    o.groups = std::move(groups.value());
    for (const GroupSummary& g : o.groups) {
        auto lag = store.value()->lag(g.name);
        if (!lag) return lag.error();
        for (const PartitionLag& l : lag.value())
            if (l.lag) o.maxLagByTopic[l.topic] = std::max(o.maxLagByTopic.value(l.topic), *l.lag);
    }
    return o;
}

WorkspaceLoader::WorkspaceLoader(QObject* parent) : QObject(parent), m_jobs(new JobRunner(this, 2))
{
    qRegisterMetaType<WorkspaceOverview>();
}

namespace {

// The overview, then the source every view reads through (opened with the same options).
Result<WorkspaceOverview> withSource(Result<WorkspaceOverview> o, const SourceSpec& spec,
                                     const std::atomic_bool* cancel)
{
    if (!o) return o;
    auto source = openRecordSource(spec, cancel);
    if (!source) return source.error();
    o->source = std::move(source.value());
    return o;
}

} // namespace

int WorkspaceLoader::create(const QString& path)
{
    return start(path, [path](const CancelToken& token) -> Result<WorkspaceOverview> {
        if (auto made = WorkspaceStore::create(path); !made) return made.error(); // refused if it exists
        return withSource(loadWorkspaceOverview(path), SourceSpec{path, std::nullopt, false, false},
                          token.flag());
    });
}

int WorkspaceLoader::load(const QString& path, bool showInternal)
{
    return start(path, [path, showInternal](const CancelToken& token) {
        return withSource(loadWorkspaceOverview(path, showInternal),
                          SourceSpec{path, std::nullopt, false, showInternal}, token.flag());
    });
}

int WorkspaceLoader::loadKafka(const KafkaProfile& profile, bool showInternal)
{
    return start(QStringLiteral("kafka:") + profile.name, [profile, showInternal](const CancelToken& token) {
        return withSource(loadKafkaOverview(profile, token.flag()),
                          SourceSpec{QString(), profile, false, showInternal}, token.flag());
    });
}

int WorkspaceLoader::currentJob() const
{
    return m_jobs->current();
}

int WorkspaceLoader::start(const QString& name,
                           std::function<Result<WorkspaceOverview>(const CancelToken&)> load)
{
    const int job = m_jobs->nextJob();
    return m_jobs->start<WorkspaceOverview>(std::move(load), [this, job, name](Result<WorkspaceOverview> r) {
        if (r)
            emit loaded(job, r.value());
        else
            emit failed(job, name, r.error().message);
    });
}

} // namespace rw
