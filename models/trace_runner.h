#pragma once
// Runs an order trace (connectors/trace.h) over a workspace on a worker, cancellable.
// Thread contract: TraceRunner lives on the GUI thread; a newer trace supersedes an older one.

#include "trace.h"

#include <QObject>
#include <QThreadPool>

#include <atomic>
#include <memory>

namespace rw {

class TraceRunner : public QObject {
    Q_OBJECT
public:
    explicit TraceRunner(QObject* parent = nullptr);
    ~TraceRunner() override;
    int start(const QString& workspacePath, const TraceQuery& query,
              const std::optional<KafkaProfile>& kafka = std::nullopt);
    void cancel();

signals:
    void finished(int job, const rw::TraceResult& result);
    void failed(int job, const QString& message);

private:
    QThreadPool m_pool;
    int m_job = 0;
    std::shared_ptr<std::atomic_bool> m_cancel;
    std::shared_ptr<std::atomic_int> m_latest = std::make_shared<std::atomic_int>(0);
};

} // namespace rw

Q_DECLARE_METATYPE(rw::TraceResult)
