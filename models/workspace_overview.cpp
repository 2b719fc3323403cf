#include "workspace_overview.h"

#include "job_runner.h"
#include "source_registry.h"
#include "workspace_store.h"

#include <QFileInfo>
#include <QMetaObject>

#include <future>
#include <optional>

namespace rw {

Result<WorkspaceOverview> loadOverview(const std::shared_ptr<RecordSource>& source)
{
    WorkspaceOverview o;
    o.source = source;
    o.path = source->name();
    // A cluster's facts (brokers, replication) are read on a connection of their own while the
    // topics and groups are read here, without every topic's min.insync.replicas (a
    // DescribeConfigs of every topic, most of a second on 5,000 topics, that slowed the brokers
    // answering the watermarks): the window asks for them after (replicaSettingsPending).
    // Elsewhere the facts come last: a data directory's facts include the damage its reads found.
    std::optional<std::future<Result<SourceFacts>>> pendingFacts;
    if (source->spec().kafka)
        if (auto other = source->reopen())
            pendingFacts =
                std::async(std::launch::async, [c = std::shared_ptr<RecordSource>(std::move(other.value()))] {
                    return c->quickFacts();
                });
    // Topics before groups: a cluster's groups use the metadata and watermarks just read.
    auto topics = source->topics();
    if (!topics) return topics.error();
    o.topics = std::move(topics.value());
    for (const TopicInfo& t : o.topics)
        o.totalRecords += t.count();
    auto groups = source->groups();
    if (!groups) return groups.error();
    o.groups = std::move(groups.value());
    // From the groups' summaries: no group is asked again, one at a time.
    for (const GroupSummary& g : o.groups)
        for (const auto& [topic, lag] : g.maxLag)
            o.maxLagByTopic[topic] = std::max(o.maxLagByTopic.value(topic), lag);
    auto policy = source->maskPolicy();
    if (!policy) return policy.error();
    o.maskPolicy = std::move(policy.value());
    auto facts = pendingFacts ? pendingFacts->get() : source->facts();
    if (!facts) return facts.error();
    o.readOnly = facts->readOnly;
    o.lagNote = facts->lagNote;
    for (const SegmentIssue& i : facts->damage)
        o.damage.push_back(QStringLiteral("%1 at byte %2: %3").arg(i.file).arg(i.position).arg(i.what));
    o.hiddenTransactions = facts->hiddenTransactions;
    o.brokers = facts->brokers;
    o.replicas = std::move(facts->replicas);
    o.replicaSettingsPending = pendingFacts.has_value() && !o.replicas.isEmpty();
    o.name = facts->name;
    o.title = facts->title;
    o.statusLead = facts->statusLead;
    o.statusTail = facts->statusTail;
    return o;
}

Result<WorkspaceOverview> loadWorkspaceOverview(const QString& path, bool showInternal)
{
    auto source = openRecordSource({path, std::nullopt, false, showInternal, std::nullopt, {}, {}});
    if (!source) return source.error();
    return loadOverview(source.value());
}

WorkspaceLoader::WorkspaceLoader(QObject* parent) : QObject(parent), m_jobs(new JobRunner(this, 2))
{
    qRegisterMetaType<WorkspaceOverview>();
    qRegisterMetaType<Error>();
}

namespace {

Result<WorkspaceOverview> openAndLoad(const SourceSpec& spec, const std::atomic_bool* cancel)
{
    auto source = openRecordSource(spec, cancel);
    if (!source) return source.error();
    return loadOverview(source.value());
}

} // namespace

int WorkspaceLoader::create(const QString& path)
{
    return start(path, [path](const CancelToken& token) -> Result<WorkspaceOverview> {
        if (auto made = WorkspaceStore::create(path); !made) return made.error(); // refused if it exists
        return openAndLoad(SourceSpec::file(path), token.flag());
    });
}

int WorkspaceLoader::load(const QString& path, bool showInternal)
{
    return start(path, [path, showInternal](const CancelToken& token) {
        return openAndLoad({path, std::nullopt, false, showInternal, std::nullopt, {}, {}}, token.flag());
    });
}

int WorkspaceLoader::loadKafka(const KafkaProfile& profile, bool showInternal)
{
    SourceSpec spec = SourceSpec::cluster(profile);
    spec.showInternalTopics = showInternal;
    return open(spec);
}

int WorkspaceLoader::open(const SourceSpec& spec)
{
    return start(spec.key(), [spec](const CancelToken& token) { return openAndLoad(spec, token.flag()); });
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
            emit failed(job, name, r.error());
    });
}

} // namespace rw
