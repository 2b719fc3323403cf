#pragma once
// The longest stall of the GUI thread's event loop: the longest gap between two ticks of a 10 ms
// timer on it, from start() on. A window's own work that blocks its thread shows as a stall; the
// test's own blocking calls must run off that thread (or they count too).
// Thread contract: GUI thread.

#include <QElapsedTimer>
#include <QTimer>

#include <algorithm>

namespace rw::test {

class StallMeter {
public:
    StallMeter()
    {
        m_timer.setInterval(10);
        QObject::connect(&m_timer, &QTimer::timeout,
                         [this] { m_longest = std::max(m_longest, m_sinceTick.restart()); });
    }
    void start()
    {
        m_sinceTick.start();
        m_timer.start();
    }
    void stop() { m_timer.stop(); }
    qint64 longestMs() const { return m_longest; }

private:
    QTimer m_timer;
    QElapsedTimer m_sinceTick;
    qint64 m_longest = 0;
};

} // namespace rw::test
