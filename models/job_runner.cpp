#include "job_runner.h"

#include <QThread>

#include <condition_variable>
#include <deque>
#include <mutex>

namespace rw {

// A runner's share of the pool: at most `width` of its jobs run at once; the rest wait here, in
// order, and the last job to finish starts the next.
struct JobRunner::Lanes {
    std::mutex mutex;
    std::condition_variable finished;
    std::deque<std::function<void()>> waiting;
    int running = 0;
    int width = 1;
};

namespace {
// Wide enough that long jobs (a replay, a live tail, a capture) never keep short ones waiting
// for a thread; the pool's threads come and go as jobs need them.
constexpr int kPoolThreads = 64;
} // namespace

QThreadPool& JobRunner::pool()
{
    static QThreadPool shared;
    static const bool sized = [] {
        shared.setMaxThreadCount(std::max(kPoolThreads, QThread::idealThreadCount()));
        return true;
    }();
    (void)sized;
    return shared;
}

JobRunner::JobRunner(QObject* parent, int threads) : QObject(parent), m_lanes(std::make_shared<Lanes>())
{
    m_lanes->width = std::max(1, threads);
}

JobRunner::~JobRunner()
{
    *m_latest = -1; // nothing that finishes from now on reaches a continuation
    m_token.cancel();
    std::unique_lock lock(m_lanes->mutex);
    m_lanes->waiting.clear(); // superseded by the end of the runner: never started
    m_lanes->finished.wait(lock, [&] { return m_lanes->running == 0; });
}

void JobRunner::submit(std::function<void()> task)
{
    {
        std::lock_guard lock(m_lanes->mutex);
        if (m_lanes->running >= m_lanes->width) {
            m_lanes->waiting.push_back(std::move(task));
            return;
        }
        ++m_lanes->running;
    }
    // The lane runs its task, then whatever waits behind it, and gives its place back at the end.
    pool().start([lanes = m_lanes, first = std::move(task)]() mutable {
        std::function<void()> current = std::move(first);
        while (current) {
            current();
            std::lock_guard held(lanes->mutex);
            if (lanes->waiting.empty()) {
                current = nullptr;
                --lanes->running;
                lanes->finished.notify_all();
            } else {
                current = std::move(lanes->waiting.front());
                lanes->waiting.pop_front();
            }
        }
    });
}

std::pair<int, CancelToken> JobRunner::next()
{
    m_token.cancel(); // the job before this one stops at its next check
    m_token = CancelToken();
    *m_latest = ++m_job;
    return {m_job, m_token};
}

std::pair<int, CancelToken> JobRunner::joined()
{
    if (m_job == 0 || m_latest->load() != m_job || m_token.cancelled()) { // none yet, cancelled or stopped
        m_token = CancelToken();
        *m_latest = ++m_job;
    }
    return {m_job, m_token};
}

JobRunner::Post JobRunner::postFor(int job)
{
    return [this, job, latest = m_latest](std::function<void()> fn) {
        if (latest->load() != job) return;
        QMetaObject::invokeMethod(
            this,
            [this, job, fn = std::move(fn)] {
                if (m_latest->load() == job) fn();
            },
            Qt::QueuedConnection);
    };
}

void JobRunner::cancel()
{
    m_token.cancel();
    *m_latest = 0; // no job is wanted any more
}

void JobRunner::stop()
{
    m_token.cancel();
}

int JobRunner::current() const
{
    return m_job;
}

bool JobRunner::idle()
{
    std::lock_guard lock(m_lanes->mutex);
    return m_lanes->running == 0 && m_lanes->waiting.empty();
}

} // namespace rw
