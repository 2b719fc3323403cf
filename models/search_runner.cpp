#include "search_runner.h"

#include "job_runner.h"

#include <QElapsedTimer>

namespace rw {

SearchRunner::SearchRunner(QObject* parent) : QObject(parent), m_jobs(new JobRunner(this, 2))
{
    // Two threads: a superseded search may still be unwinding when the next one starts.
    qRegisterMetaType<RefBatch>();
    qRegisterMetaType<SearchReport>();
    qRegisterMetaType<Error>();
}

void SearchRunner::cancel()
{
    m_jobs->stop(); // what it found so far still arrives, with the report saying it was cancelled
}

int SearchRunner::currentJob() const
{
    return m_jobs->current();
}

int SearchRunner::start(const std::shared_ptr<RecordSource>& source, const Filter& filter,
                        const SearchOptions& options, qint64 total)
{
    m_running = true;
    const int job = m_jobs->nextJob();
    return m_jobs->startStreaming<SearchReport>(
        [this, job, source, filter, options, total](const CancelToken& token,
                                                    const JobRunner::Post& post) -> Result<SearchReport> {
            auto connection = source->reopen();
            if (!connection) return connection.error();
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
                return true; // a superseded search is stopped by its token
            };
            auto rep = connection.value()->search(filter, opts, sink, token.flag());
            if (rep) scanned = rep->scanned;
            flush();
            return rep;
        },
        [this, job](Result<SearchReport> r) {
            m_running = false;
            if (r)
                emit finished(job, r.value());
            else
                emit failed(job, r.error());
        });
}

} // namespace rw
