#pragma once
// One way to run a cancellable background job, in the spirit of KDAB Hotspot's JobTracker:
// start() cancels the job before it and gives the new one a cancel token; the work runs on the
// process's one shared thread pool (JobRunner::pool()); its Result<T> comes back, error code
// intact, to a continuation that runs on the runner's thread (the GUI thread), and only while
// that job is still the newest one. A cancelled or superseded job's continuation never runs; the
// destructor drops the runner's queued jobs, cancels and waits for its running ones.
// How many of one runner's jobs may run side by side is the runner's to say (`threads`: 1 runs
// them one after another, as a superseded job finishes its last step before the next starts).
// Thread contract: JobRunner lives on the GUI thread; start()/cancel() from there; the work
// function runs on a pool thread and must only touch what it captured by value.

#include "result.h"

#include <QMetaObject>
#include <QObject>
#include <QThreadPool>

#include <atomic>
#include <functional>
#include <memory>

namespace rw {

// Checked by the work in its loops; cancelled when the job is cancelled or superseded.
class CancelToken {
public:
    CancelToken() : m_flag(std::make_shared<std::atomic_bool>(false)) {}
    bool cancelled() const { return m_flag->load(); }
    const std::atomic_bool* flag() const { return m_flag.get(); } // for the connectors' `cancel` arguments
    void cancel() const { *m_flag = true; }

private:
    std::shared_ptr<std::atomic_bool> m_flag;
};

class JobRunner : public QObject {
public:
    explicit JobRunner(QObject* parent = nullptr, int threads = 1);
    ~JobRunner() override;

    // Runs `work` on the pool and `done` with its result on this object's thread, if the job is
    // still the newest then. Returns the job's id.
    template <typename T>
    int start(std::function<Result<T>(const CancelToken&)> work, std::function<void(Result<T>)> done)
    {
        return startStreaming<T>(
            [work = std::move(work)](const CancelToken& token, const Post&) { return work(token); },
            std::move(done));
    }

    // The same for a job that streams: `work` also gets `post`, which runs a function on this
    // object's thread while the job is still the newest (partial results, progress); once the job
    // is superseded or cancelled, posted functions are dropped, before and after queueing.
    using Post = std::function<void(std::function<void()>)>;
    template <typename T>
    int startStreaming(std::function<Result<T>(const CancelToken&, const Post&)> work,
                       std::function<void(Result<T>)> done)
    {
        const auto [job, token] = next();
        launch<T>(job, token, std::move(work), std::move(done), false);
        return job;
    }

    // Jobs that may run side by side with the ones before (pages of one view, read one after
    // another at width 1): add() joins the current group instead of superseding it. Every job of
    // the group reaches its continuation until cancel() or start() ends the group; then they all
    // stop at their next check and none of their continuations runs.
    template <typename T>
    int add(std::function<Result<T>(const CancelToken&)> work, std::function<void(Result<T>)> done)
    {
        return addStreaming<T>(
            [work = std::move(work)](const CancelToken& token, const Post&) { return work(token); },
            std::move(done));
    }
    template <typename T>
    int addStreaming(std::function<Result<T>(const CancelToken&, const Post&)> work,
                     std::function<void(Result<T>)> done)
    {
        const auto [job, token] = joined();
        launch<T>(job, token, std::move(work), std::move(done), true);
        return job;
    }

    void cancel();       // the current job: its token says so, its continuation never runs
    void stop();         // the current job: its token says so, and what it returns still arrives
    int current() const; // the newest job's id (0: none yet)
    int nextJob() const { return m_job + 1; } // the id the next start() hands out
    bool idle();                              // no job running or waiting

    // The one pool every runner's jobs run on.
    static QThreadPool& pool();

private:
    struct Lanes; // this runner's running and waiting jobs (job_runner.cpp)
    std::pair<int, CancelToken> next();
    std::pair<int, CancelToken> joined(); // the current group, or a new one when there is none
    Post postFor(int job);                // runs functions here while `job` is still wanted
    // Queues the work; its result is dropped when its job is no longer wanted once done. A
    // superseded start() still runs (its token says it is cancelled, so it stops at its first
    // check); an added job of a group that has ended is not started at all (`skipEnded`).
    template <typename T>
    void launch(int job, CancelToken token, std::function<Result<T>(const CancelToken&, const Post&)> work,
                std::function<void(Result<T>)> done, bool skipEnded)
    {
        submit([this, job, token, skipEnded, latest = m_latest, post = postFor(job), work = std::move(work),
                done = std::move(done)] {
            if (skipEnded && latest->load() != job) return;
            auto result = std::make_shared<Result<T>>(work(token, post));
            if (latest->load() != job) return;
            QMetaObject::invokeMethod(
                this,
                [this, job, result, done] {
                    // Still wanted once on this thread (a start() may have come in between).
                    if (m_latest->load() == job) done(std::move(*result));
                },
                Qt::QueuedConnection);
        });
    }
    void submit(std::function<void()> task);
    std::shared_ptr<Lanes> m_lanes;
    int m_job = 0;
    CancelToken m_token;
    std::shared_ptr<std::atomic_int> m_latest = std::make_shared<std::atomic_int>(0);
};

} // namespace rw
