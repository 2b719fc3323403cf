#include "replay_runner.h"

#include "audit.h"
#include "job_runner.h"
#include "replay_session.h"
#include "workspace_store.h"

#include <QElapsedTimer>
#include <QMetaObject>

#include <optional>

namespace rw {

ReplayRunner::ReplayRunner(QObject* parent)
    : QObject(parent), m_plans(new JobRunner(this)), m_runs(new JobRunner(this)),
      m_journals(new JobRunner(this)), m_audits(new JobRunner(this))
{
    qRegisterMetaType<ReplayPlan>();
    qRegisterMetaType<ReplayProgress>();
    qRegisterMetaType<ReplayReport>();
    qRegisterMetaType<Error>();
    qRegisterMetaType<std::vector<JournalEntry>>();
}

ReplayRunner::~ReplayRunner()
{
    m_control->cancel = true; // a run stops at its next batch; the runners then wait for it
}

void ReplayRunner::setSource(const std::shared_ptr<RecordSource>& source)
{
    m_context = {};
    m_context.source = source;
    if (source && source->spec().kafka)
        m_context.sessions[source->spec().kafka->name] = *source->spec().kafka;
}

void ReplayRunner::plan(const ReplayJob& job)
{
    m_plans->start<ReplayPlan>(
        [job, context = m_context](const CancelToken& token) {
            return planReplay(job, token.flag(), context);
        },
        [this](Result<ReplayPlan> r) {
            if (r)
                emit planned(r.value());
            else
                emit failed(r.error());
        });
}

void ReplayRunner::run(const ReplayJob& job, ReplayMode mode)
{
    if (m_running) return;
    m_running = true;
    m_control = std::make_shared<ReplayControl>();
    m_runs->startStreaming<ReplaySessionReport>(
        [this, job, mode, control = m_control, context = m_context](
            const CancelToken&, const JobRunner::Post& post) -> Result<ReplaySessionReport> {
            QElapsedTimer sinceProgress;
            sinceProgress.start();
            ReplaySessionOptions o;
            o.mode = mode;
            o.control = control.get();
            o.observe = true; // the console charts the sandbox's lag
            o.context = context;
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
            return r;
        },
        [this](Result<ReplaySessionReport> r) {
            m_running = false;
            if (r)
                emit finished(r->replay, r->consumerSummary(), r->consumerFailed());
            else
                emit failed(r.error());
        });
}

void ReplayRunner::auditRefused(const QString& where, const QString& topic, const Error& error)
{
    m_audits->start<bool>(
        [where, topic, error](const CancelToken&) -> Result<bool> {
            auditWrite(QStringLiteral("replay"), where, topic, QStringLiteral("refused before writing"),
                       &error);
            return true;
        },
        [](Result<bool>) {});
}

void ReplayRunner::loadJournal(const QString& workspace)
{
    m_journals->start<std::vector<JournalEntry>>(
        [workspace](const CancelToken&) -> Result<std::vector<JournalEntry>> {
            auto s = WorkspaceStore::open(workspace, WorkspaceStore::Mode::ReadOnly);
            if (!s) return std::vector<JournalEntry>{}; // no workspace, no past runs to list
            auto j = s.value()->journal();
            return j ? std::move(j.value()) : std::vector<JournalEntry>{};
        },
        [this](Result<std::vector<JournalEntry>> r) { emit journalLoaded(r.value()); });
}

} // namespace rw
