// rewind-cli replay plan|run|resume JOBFILE

#include "audit.h"
#include "cli_common.h"
#include "replay.h"
#include "replay_session.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>

#include <csignal>

namespace rw::cli {

namespace {

ReplayControl* g_control = nullptr;
void onSignal(int)
{
    if (g_control) g_control->cancel = true;
}

QJsonObject planJson(const ReplayPlan& plan)
{
    QJsonObject o;
    o[QStringLiteral("job_id")] = plan.jobId;
    o[QStringLiteral("records")] = plan.records;
    o[QStringLiteral("writes_to")] = plan.writesTo;
    o[QStringLiteral("target_partitions")] = plan.targetPartitions;
    o[QStringLiteral("creates_target")] = plan.createsTarget;
    o[QStringLiteral("already_written")] = plan.alreadyWritten;
    o[QStringLiteral("estimated_ms")] = plan.estimatedMs;
    o[QStringLiteral("unmatched_fields")] = QJsonArray::fromStringList(plan.unmatchedFields);
    QJsonArray parts;
    for (const ReplayPartitionPlan& p : plan.partitions) {
        QJsonObject x;
        x[QStringLiteral("partition")] = p.partition;
        x[QStringLiteral("from")] = static_cast<qint64>(p.from);
        x[QStringLiteral("to")] = static_cast<qint64>(p.to);
        x[QStringLiteral("records")] = p.records;
        if (p.firstTime) x[QStringLiteral("first_time")] = static_cast<qint64>(*p.firstTime);
        if (p.lastTime) x[QStringLiteral("last_time")] = static_cast<qint64>(*p.lastTime);
        parts.append(x);
    }
    o[QStringLiteral("partitions")] = parts;
    return o;
}

} // namespace

int cmdReplay(const QStringList& args)
{
    QCommandLineParser p;
    p.addPositionalArgument(QStringLiteral("action"), QStringLiteral("plan, run or resume"));
    p.addPositionalArgument(QStringLiteral("job"), QStringLiteral("The job file (docs/replay-jobs.md)."));
    p.addOption({QStringLiteral("json"), QStringLiteral("plan: print the plan as JSON.")});
    p.addOption({QStringLiteral("quiet"), QStringLiteral("No progress on standard error.")});
    p.addOption(
        {QStringLiteral("allow-unmatched-fields"),
         QStringLiteral("run/resume: write even if a remove_fields/mask_fields path matches no record "
                        "of the range (refused otherwise: a typo would write the field in clear).")});
    if (int rc = parseOrExit(
            p, args,
            QStringLiteral("Replays a range of records into a sandbox, exactly once: `plan` shows "
                           "what would be written where, `run` writes it, `resume` continues a "
                           "run that stopped (killed, cancelled, crashed) right after the last "
                           "batch the target holds."));
        rc >= 0)
        return rc;
    const QStringList pos = p.positionalArguments();
    if (pos.size() != 2)
        return usage(QStringLiteral("replay needs an action (plan, run, resume) and a job file"), p);
    const QString action = pos[0];
    if (action != QLatin1String("plan") && action != QLatin1String("run") &&
        action != QLatin1String("resume"))
        return usage(QStringLiteral("unknown replay action '%1' (plan, run, resume)").arg(action), p);
    auto job = ReplayJob::fromFile(pos[1]);
    if (!job) {
        if (job.error().code == ErrorCode::Refused && action != QLatin1String("plan"))
            auditWrite(QStringLiteral("replay"), pos[1], job.error().message.section(QLatin1Char('\''), 1, 1),
                       QStringLiteral("refused before writing"), &job.error());
        return fail(job.error());
    }
    job->allowUnmatchedFields = p.isSet(QStringLiteral("allow-unmatched-fields"));
    if (action == QLatin1String("plan")) {
        auto plan = planReplay(job.value());
        if (!plan) return fail(plan.error());
        if (p.isSet(QStringLiteral("json")))
            out() << QJsonDocument(planJson(plan.value())).toJson(QJsonDocument::Indented);
        else
            out() << plan->describe() << '\n';
        out().flush();
        return Ok;
    }
    ReplayControl control;
    g_control = &control;
    std::signal(SIGINT, onSignal);
    std::signal(SIGTERM, onSignal);
    const bool quiet = p.isSet(QStringLiteral("quiet"));
    QElapsedTimer lastShown;
    lastShown.start();
    const QLocale loc;
    ReplaySessionOptions o;
    o.mode = action == QLatin1String("run") ? ReplayMode::Run : ReplayMode::Resume;
    o.control = &control;
    o.progress = [&](const ReplayProgress& pr) {
        if (quiet || lastShown.elapsed() < 1000) return;
        lastShown.restart();
        err() << "replay: " << loc.toString(pr.skipped + pr.written) << " / " << loc.toString(pr.total)
              << " records, " << loc.toString(pr.recordsPerSecond, 'f', 0) << "/s"
              << (pr.etaMs >= 0 ? QStringLiteral(", %1 s left").arg(pr.etaMs / 1000) : QString()) << '\n';
        err().flush();
    };
    auto session = runReplaySession(job.value(), o);
    g_control = nullptr;
    Result<ReplayReport> rep =
        session ? Result<ReplayReport>(session->replay) : Result<ReplayReport>(session.error());
    if (!rep) {
        const ReplayRefusal refusal =
            rep.error().code == ErrorCode::Refused ? replayRefusal(rep.error().message) : ReplayRefusal::None;
        if (refusal == ReplayRefusal::AlreadyWritten)
            err() << "rewind-cli: to continue it: rewind-cli replay resume " << pos[1] << '\n';
        else if (refusal == ReplayRefusal::UnmatchedFields)
            err() << "rewind-cli: to write anyway: rewind-cli replay " << action << ' ' << pos[1]
                  << " --allow-unmatched-fields\n";
        return fail(rep.error());
    }
    err() << "replay " << rep->jobId << ": " << loc.toString(rep->written) << " records written to "
          << rep->target;
    if (rep->skipped > 0) err() << " after the " << loc.toString(rep->skipped) << " it already held";
    err() << " in " << loc.toString(static_cast<double>(rep->elapsedMs) / 1000.0, 'f', 1) << " s";
    if (!rep->note.isEmpty()) err() << "\nnote: " << rep->note;
    if (rep->filterErrors)
        err() << "; " << rep->filterErrors << " records the filter could not evaluate were skipped";
    if (rep->cancelled) err() << " (cancelled: `replay resume` continues it)";
    err() << Qt::endl;
    if (session->hasConsumer) err() << "replay: " << session->consumerSummary() << Qt::endl;
    if (rep->cancelled) return Cancelled;
    return session->consumerFailed() ? Failure : Ok;
}

} // namespace rw::cli
