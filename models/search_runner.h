#pragma once
// Runs a filter over any source (RecordSource) for the filter bar, as a JobRunner job: matches stream
// back in coalesced batches (at most ~10 a second), with progress, and the coverage report at
// the end. A new start() supersedes the search before it (its late results are dropped); cancel()
// stops the current one, which still reports what it found. Thread contract: SearchRunner lives
// on the GUI thread; the search runs on the runner's pool.

#include "record_table_model.h"
#include "search.h"

#include <QObject>

namespace rw {

class JobRunner;

using RefBatch = std::vector<std::pair<QString, RecordRef>>;

class SearchRunner : public QObject {
    Q_OBJECT
public:
    explicit SearchRunner(QObject* parent = nullptr);

    // Starts a search (the filter was compiled by the caller, so its errors are shown while
    // typing); `total` is the number of records in scope, for progress. Returns the job id.
    int start(const std::shared_ptr<RecordSource>& source, const Filter& filter, const SearchOptions& options,
              qint64 total);
    void cancel();
    bool running() const { return m_running; }
    int currentJob() const;

signals:
    void matches(int job, const rw::RefBatch& refs);
    void progress(int job, qint64 scanned, qint64 total, qint64 matched);
    void finished(int job, const rw::SearchReport& report);
    void failed(int job, const rw::Error& error); // its ErrorCode intact

private:
    JobRunner* m_jobs;
    bool m_running = false;
};

} // namespace rw

Q_DECLARE_METATYPE(rw::RefBatch)
Q_DECLARE_METATYPE(rw::SearchReport)
