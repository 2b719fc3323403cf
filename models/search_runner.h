#pragma once
// Runs a filter over a workspace on a worker thread for the filter bar: matches stream back in
// coalesced batches (at most ~10 a second), with progress, cancel, and the coverage report at
// the end. Thread contract: SearchRunner lives on the GUI thread; each search runs on its own
// pool thread; a new start() or cancel() stops the previous search, whose late results are
// dropped by job id.

#include "record_table_model.h"
#include "search.h"

#include <QObject>
#include <QThreadPool>

#include <atomic>
#include <memory>

namespace rw {

using RefBatch = std::vector<std::pair<QString, RecordRef>>;

class SearchRunner : public QObject {
    Q_OBJECT
public:
    explicit SearchRunner(QObject* parent = nullptr);
    ~SearchRunner() override;

    // Starts a search (the filter was compiled by the caller, so its errors are shown while
    // typing); `total` is the number of records in scope, for progress. Returns the job id.
    int start(const QString& workspacePath, const Filter& filter, const SearchOptions& options, qint64 total,
              const std::optional<KafkaProfile>& kafka = std::nullopt); // kafka: search the cluster instead
    void cancel();
    bool running() const { return m_running; }
    int currentJob() const { return m_job; }

signals:
    void matches(int job, const rw::RefBatch& refs);
    void progress(int job, qint64 scanned, qint64 total, qint64 matched);
    void finished(int job, const rw::SearchReport& report);
    void failed(int job, const QString& message);

private:
    QThreadPool m_pool;
    int m_job = 0;
    bool m_running = false;
    std::shared_ptr<std::atomic_bool> m_cancel;
    std::shared_ptr<std::atomic_int> m_latest = std::make_shared<std::atomic_int>(0);
};

} // namespace rw

Q_DECLARE_METATYPE(rw::RefBatch)
Q_DECLARE_METATYPE(rw::SearchReport)
