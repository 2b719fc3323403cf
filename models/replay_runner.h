#pragma once
// Runs replay jobs for the replay console as JobRunner jobs: plan, run or resume (one
// ReplaySession) with pause, step and cancel, progress, the consumer's output, and the journal of
// past runs. Thread contract: ReplayRunner lives on the GUI thread; one run at a time.

#include "record_source.h"
#include "replay.h"

#include <QObject>

#include <atomic>
#include <memory>

namespace rw {

class JobRunner;

class ReplayRunner : public QObject {
    Q_OBJECT
public:
    explicit ReplayRunner(QObject* parent = nullptr);
    ~ReplayRunner() override;

    // The window's open source: jobs on it read through it, and a cluster's connection, which
    // jobs name "session:<name>", is kept here in memory and handed to each job, so its password
    // never goes into a job file or a setting.
    void setSource(const std::shared_ptr<RecordSource>& source);
    void plan(const ReplayJob& job);
    void run(const ReplayJob& job, ReplayMode mode);
    void loadJournal(const QString& workspace);
    // A run refused before it started (safety rules) still lands in the audit log (on the worker).
    void auditRefused(const QString& where, const QString& topic, const Error& error);
    bool running() const { return m_running; }

    void pause() { m_control->paused = true; }
    void resume() { m_control->paused = false; }
    void step() { m_control->steps.fetch_add(1); }
    void cancel() { m_control->cancel = true; }
    bool paused() const { return m_control->paused.load(); }

signals:
    void planned(const rw::ReplayPlan& plan);
    void progress(const rw::ReplayProgress& progress);
    void consumerOutput(const QString& text);
    // consumerStatus: how the job's consumer ended, with what went wrong feeding it;
    // consumerFailed: it exited non-zero, was stopped, or stopped reading.
    void finished(const rw::ReplayReport& report, const QString& consumerStatus, bool consumerFailed);
    void failed(const rw::Error& error); // its ErrorCode intact
    void journalLoaded(const std::vector<rw::JournalEntry>& runs);

private:
    JobRunner* m_plans;    // the newest plan wins (the console replans as the form changes)
    JobRunner* m_runs;     // one run at a time
    JobRunner* m_journals; // the newest journal read wins
    JobRunner* m_audits;
    std::shared_ptr<ReplayControl> m_control = std::make_shared<ReplayControl>();
    bool m_running = false;
    ReplayContext m_context;
};

} // namespace rw

Q_DECLARE_METATYPE(rw::ReplayPlan)
Q_DECLARE_METATYPE(rw::ReplayProgress)
Q_DECLARE_METATYPE(rw::ReplayReport)
Q_DECLARE_METATYPE(std::vector<rw::JournalEntry>)
