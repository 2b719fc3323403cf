#include "trace_runner.h"

#include <QMetaObject>

namespace rw {

TraceRunner::TraceRunner(QObject* parent) : QObject(parent)
{
    qRegisterMetaType<TraceResult>();
    m_pool.setMaxThreadCount(2);
}

TraceRunner::~TraceRunner()
{
    *m_latest = -1;
    cancel();
    m_pool.waitForDone();
}

void TraceRunner::cancel()
{
    if (m_cancel) *m_cancel = true;
}

int TraceRunner::start(const QString& workspacePath, const TraceQuery& query,
                       const std::optional<KafkaProfile>& kafka)
{
    cancel();
    const int job = ++m_job;
    *m_latest = job;
    m_cancel = std::make_shared<std::atomic_bool>(false);
    auto cancelFlag = m_cancel;
    auto latest = m_latest;
    m_pool.start([this, job, workspacePath, query, kafka, cancelFlag, latest] {
        Result<TraceResult> r = makeError(ErrorCode::Internal, QString());
        if (kafka) {
            r = runTrace(query, [&](const Filter& f, const SearchOptions& o, const SearchSink& sink) {
                return searchKafka(*kafka, f, o, sink, cancelFlag.get());
            });
        } else {
            auto store = WorkspaceStore::open(workspacePath, WorkspaceStore::Mode::ReadOnly);
            r = store ? runTrace(query,
                                 [&](const Filter& f, const SearchOptions& o, const SearchSink& sink) {
                                     return searchWorkspace(*store.value(), f, o, sink, cancelFlag.get());
                                 })
                      : Result<TraceResult>(store.error());
        }
        if (latest->load() != job) return; // superseded; the destructor waits for this task
        if (r)
            QMetaObject::invokeMethod(
                this, [this, job, t = std::move(r.value())] { emit finished(job, t); }, Qt::QueuedConnection);
        else
            QMetaObject::invokeMethod(
                this, [this, job, m = r.error().message] { emit failed(job, m); }, Qt::QueuedConnection);
    });
    return job;
}

} // namespace rw
