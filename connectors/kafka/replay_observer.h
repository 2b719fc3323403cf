#pragma once
// The replay console's observer: a real consumer group (rewind-observer-<topic>) that reads the
// sandbox topic while a replay writes it (read_committed, committing as it goes), so its lag
// and throughput can be charted live, the way a service's would be. Thread contract: start()
// and stop() on one thread; it consumes on its own thread; stats() from any thread.

#include "kafka_client.h"

#include <atomic>
#include <thread>

namespace rw {

struct ObserverStats {
    qint64 consumed = 0;
    qint64 lag = 0; // records written (high watermarks) minus consumed positions
};

class ReplayObserver {
public:
    ~ReplayObserver();
    static Result<std::unique_ptr<ReplayObserver>> start(const KafkaProfile& profile, const QString& topic);
    ObserverStats stats() const { return {m_consumed.load(), m_lag.load()}; }
    QString group() const { return m_group; }
    void stop();

private:
    ReplayObserver() = default;
    void loop();
    std::shared_ptr<KafkaHandle> m_handle;
    QString m_topic, m_group;
    std::thread m_thread;
    std::atomic_bool m_stop{false};
    std::atomic<qint64> m_consumed{0}, m_lag{0};
};

} // namespace rw
