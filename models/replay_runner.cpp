#include "replay_runner.h"

#include "audit.h"
#include "replay_session.h"

#include <QElapsedTimer>
#include <QMetaObject>

#include <optional>

namespace rw {

ReplayRunner::ReplayRunner(QObject* parent) : QObject(parent)
{
    qRegisterMetaType<ReplayPlan>();
    qRegisterMetaType<ReplayProgress>();
    qRegisterMetaType<ReplayReport>();
    qRegisterMetaType<std::vector<JournalEntry>>();
    m_pool.setMaxThreadCount(2);
}

ReplayRunner::~ReplayRunner()
{
    *m_alive = false;
    m_control->cancel = true;
    m_pool.waitForDone();
}

void ReplayRunner::plan(const ReplayJob& job)
{
    auto alive = m_alive;
    m_pool.start([this, job, alive] {
        auto r = planReplay(job);
        if (!*alive) return; // the destructor waits for this task
        if (r)
            QMetaObject::invokeMethod(
                this, [this, p = r.value()] { emit planned(p); }, Qt::QueuedConnection);
        else
            QMetaObject::invokeMethod(
                this, [this, m = r.error().message] { emit failed(m); }, Qt::QueuedConnection);
    });
}

void ReplayRunner::run(const ReplayJob& job, ReplayMode mode)
{
    if (m_running) return;
    m_running = true;
    m_control = std::make_shared<ReplayControl>();
    auto control = m_control;
    auto alive = m_alive;
    m_pool.start([this, job, mode, control, alive] {
        auto post = [this, alive](auto fn) {
            if (*alive) QMetaObject::invokeMethod(this, std::move(fn), Qt::QueuedConnection);
        };
        QElapsedTimer sinceProgress;
        sinceProgress.start();
        ReplaySessionOptions o;
        o.mode = mode;
        o.control = control.get();
        o.observe = true;                     // the console charts the sandbox's lag
        std::optional<ReplayProgress> unsent; // the last word always reaches the console
        o.progress = [&](const ReplayProgress& p) {
            unsent = p;
            if (sinceProgress.elapsed() < 100) return;
            sinceProgress.restart();
            post([this, p] { emit progress(p); });
            unsent.reset();
        };
        o.consumerOutput = [&](const QByteArray& out) {
            post([this, t = QString::fromUtf8(out)] { emit consumerOutput(t); });
        };
        auto r = runReplaySession(job, o);
        if (unsent) post([this, p = *unsent] { emit progress(p); });
        if (r)
            post(
                [this, rep = r->replay, status = r->consumerSummary(), consumerFailed = r->consumerFailed()] {
                    m_running = false;
                    emit finished(rep, status, consumerFailed);
                });
        else
            post([this, m = r.error().message] {
                m_running = false;
                emit failed(m);
            });
    });
}

void ReplayRunner::auditRefused(const QString& where, const QString& topic, const Error& error)
{
    m_pool.start([where, topic, error] {
        auditWrite(QStringLiteral("replay"), where, topic, QStringLiteral("refused before writing"), &error);
    });
}

void ReplayRunner::loadJournal(const QString& workspace)
{
    auto alive = m_alive;
    m_pool.start([this, workspace, alive] {
        auto s = WorkspaceStore::open(workspace, WorkspaceStore::Mode::ReadOnly);
        std::vector<JournalEntry> runs;
        if (s)
            if (auto j = s.value()->journal()) runs = std::move(j.value());
        if (*alive)
            QMetaObject::invokeMethod(
                this, [this, runs] { emit journalLoaded(runs); }, Qt::QueuedConnection);
    });
}

} // namespace rw
