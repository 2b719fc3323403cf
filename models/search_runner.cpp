#include "search_runner.h"

#include <QElapsedTimer>
#include <QMetaObject>

namespace rw {

SearchRunner::SearchRunner(QObject* parent) : QObject(parent)
{
    qRegisterMetaType<RefBatch>();
    qRegisterMetaType<SearchReport>();
    m_pool.setMaxThreadCount(2); // a cancelled search may still be unwinding when the next starts
}

SearchRunner::~SearchRunner()
{
    *m_latest = -1;
    if (m_cancel) *m_cancel = true;
    m_pool.waitForDone();
}

void SearchRunner::cancel()
{
    if (m_cancel) *m_cancel = true;
}

int SearchRunner::start(const QString& workspacePath, const Filter& filter, const SearchOptions& options,
                        qint64 total, const std::optional<KafkaProfile>& kafka)
{
    cancel();
    const int job = ++m_job;
    *m_latest = job;
    m_cancel = std::make_shared<std::atomic_bool>(false);
    m_running = true;
    auto cancelFlag = m_cancel;
    auto latest = m_latest;
    m_pool.start([this, job, workspacePath, filter, options, total, kafka, cancelFlag, latest] {
        // Everything posted back is queued to this (GUI-thread) object; the destructor waits for
        // the pool, so `this` outlives the task.
        auto post = [this, latest, job](auto fn) {
            if (latest->load() != job) return;
            QMetaObject::invokeMethod(this, std::move(fn), Qt::QueuedConnection);
        };
        auto store = kafka ? Result<std::unique_ptr<WorkspaceStore>>(std::unique_ptr<WorkspaceStore>())
                           : WorkspaceStore::open(workspacePath, WorkspaceStore::Mode::ReadOnly);
        if (!store) {
            post([this, job, m = store.error().message] {
                if (job == m_job) m_running = false;
                emit failed(job, m);
            });
            return;
        }
        RefBatch batch;
        QElapsedTimer sinceFlush;
        sinceFlush.start();
        qint64 scanned = 0, matched = 0;
        auto flush = [&] {
            if (!batch.empty()) post([this, job, b = std::move(batch)] { emit matches(job, b); });
            batch.clear();
            post([this, job, scanned, total, matched] { emit progress(job, scanned, total, matched); });
            sinceFlush.restart();
        };
        SearchOptions opts = options;
        opts.progress = [&](qint64 s) {
            scanned = s;
            if (sinceFlush.elapsed() >= 100) flush();
        };
        const SearchSink sink = [&](const QString& topic, const RecordView& v) {
            batch.push_back({topic, RecordRef{v.offset, v.timestamp, v.partition, 0}});
            ++matched;
            if (sinceFlush.elapsed() >= 100 || batch.size() >= 50'000) flush();
            return latest->load() == job;
        };
        auto rep = kafka ? searchKafka(*kafka, filter, opts, sink, cancelFlag.get())
                         : searchWorkspace(*store.value(), filter, opts, sink, cancelFlag.get());
        if (rep) scanned = rep->scanned;
        flush();
        if (!rep) {
            post([this, job, m = rep.error().message] {
                if (job == m_job) m_running = false;
                emit failed(job, m);
            });
            return;
        }
        post([this, job, r = std::move(rep.value())] {
            if (job == m_job) m_running = false;
            emit finished(job, r);
        });
    });
    return job;
}

} // namespace rw
