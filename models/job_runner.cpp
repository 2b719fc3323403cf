#include "job_runner.h"

namespace rw {

JobRunner::JobRunner(QObject* parent, int threads) : QObject(parent)
{
    m_pool.setMaxThreadCount(std::max(1, threads));
}

JobRunner::~JobRunner()
{
    *m_latest = -1; // nothing that finishes from now on reaches a continuation
    m_token.cancel();
    m_pool.waitForDone();
}

std::pair<int, CancelToken> JobRunner::next()
{
    m_token.cancel(); // the job before this one stops at its next check
    m_token = CancelToken();
    *m_latest = ++m_job;
    return {m_job, m_token};
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
    return m_pool.activeThreadCount() == 0;
}

} // namespace rw
