#include "workspace_overview.h"

#include "kafka_datadir.h"

#include <QFileInfo>
#include <QMetaObject>

namespace rw {

Result<WorkspaceOverview> loadWorkspaceOverview(const QString& path)
{
    auto store = WorkspaceStore::open(path, WorkspaceStore::Mode::ReadOnly);
    if (!store) return store.error();
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

WorkspaceLoader::WorkspaceLoader(QObject* parent) : QObject(parent)
{
    qRegisterMetaType<WorkspaceOverview>();
    m_pool.setMaxThreadCount(1);
}

WorkspaceLoader::~WorkspaceLoader()
{
    *m_alive = false;
    m_pool.waitForDone();
}

int WorkspaceLoader::create(const QString& path)
{
    return start(path, true);
}

int WorkspaceLoader::load(const QString& path)
{
    return start(path, false);
}

int WorkspaceLoader::start(const QString& path, bool create)
{
    const int job = ++m_current;
    auto alive = m_alive;
    m_pool.start([this, alive, job, path, create] {
        Result<WorkspaceOverview> r = makeError(ErrorCode::Internal, QString());
        if (create) {
            auto made = WorkspaceStore::create(path);
            if (made) {
                made.value().reset();
                r = loadWorkspaceOverview(path);
            } else {
                r = made.error();
            }
        } else {
            r = loadWorkspaceOverview(path);
        }
        if (!*alive) return;
        // Queued to the loader's (GUI) thread; the destructor waits for this task, so `this` is valid.
        if (r) {
            QMetaObject::invokeMethod(
                this,
                [this, job, o = std::move(r.value())] {
                    if (job == m_current) emit loaded(job, o);
                },
                Qt::QueuedConnection);
        } else {
            QMetaObject::invokeMethod(
                this,
                [this, job, path, m = r.error().message] {
                    if (job == m_current) emit failed(job, path, m);
                },
                Qt::QueuedConnection);
        }
    });
    return job;
}

} // namespace rw
