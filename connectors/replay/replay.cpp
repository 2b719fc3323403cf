#include "replay.h"
#include "replay_target.h"

#include "audit.h"
#include "filter.h"
#include "header_codec.h"
#include "murmur2.h"
#include "record_source.h"
#include "source_registry.h"
#include "time_parse.h"
#include "workspace_store.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>

#include <QLocale>
#include <QThread>
#include <cstring>

namespace rw {

// The words that mark the two refusals a front end answers itself (replayRefusal()).
constexpr char kResumeHint[] = "resume the job to continue it";
constexpr char kConfirmHint[] = "confirm that it may match nothing";

namespace {

// A batch is one transaction: big enough that commits cost little (each is a round trip to the
// transaction coordinator and every partition leader), small enough that a consumer sees records
// soon and a crash loses little work. Paced replays flush before every sleep anyway.
constexpr int kBatchRecords = 50'000;
constexpr qint64 kBatchMs = 500;

} // namespace

Result<SourceSpec> resolveSpec(const SourceSpec& spec, const SessionProfiles& sessions)
{
    const auto session = KafkaProfile::sessionName(spec.profileRef);
    if (!session) return spec;
    auto it = sessions.find(*session);
    if (it == sessions.end())
        return makeError(
            ErrorCode::NotFound,
            QStringLiteral("%1 is a connection of the desktop app, not open here; give a profile "
                           "file instead (docs/kafka.md)")
                .arg(spec.profileRef));
    SourceSpec out = SourceSpec::cluster(it->second);
    out.profileRef = spec.profileRef;
    return out;
}

SourceSpec jobSpecOf(const SourceSpec& open)
{
    SourceSpec spec = open;
    if (spec.kafka) spec.profileRef = KafkaProfile::sessionRef(spec.kafka->name);
    return spec;
}

namespace {

// The job's source, read through RecordSource like every view (decoding included): another
// connection to the one the app has open when it is that, else opened from the job's spec.
Result<std::shared_ptr<RecordSource>> openJobSource(const ReplayJob& job, const ReplayContext& context)
{
    auto spec = resolveSpec(job.source, context.sessions);
    if (!spec) return spec.error();
    if (context.source && context.source->spec().key() == spec->key()) {
        auto again = context.source->reopen();
        if (!again) return again.error();
        return std::shared_ptr<RecordSource>(std::move(again.value()));
    }
    return openRecordSource(spec.value());
}

// The source in the job's order: the selected partitions merged by time (ties: partition, then
// offset), the same order on every run, which is what the sequence numbers count and the order
// "original" pacing plays them in. Records that fail the filter are not passed on.
struct SourceReader {
    const ReplayJob& job;
    RecordSource& source;
    std::optional<Filter> filter;
    std::vector<ReplayPartitionPlan> partitions; // filled by read()
    qint64 filterErrors = 0;
    // Where each partition's range ends. A run fixes them when it starts (onResolved gets them
    // before the first record, to keep); a resume reads up to the same ends (pinned), so records
    // appended to the source in between neither shift the sequence nor join the job.
    std::map<PartitionId, Offset> pinned;
    std::map<PartitionId, Offset> ends;
    std::function<Result<void>(const std::map<PartitionId, Offset>&)> onResolved;

    SourceReader(const ReplayJob& j, RecordSource& s) : job(j), source(s) {}

    Offset endFor(PartitionId p, Offset current)
    {
        auto it = pinned.find(p);
        // A partition the run did not know of (added since) holds nothing of the job.
        const Offset end = pinned.empty() ? current : it == pinned.end() ? 0 : std::min(current, it->second);
        ends[p] = end;
        return end;
    }

    bool passes(const RecordView& v)
    {
        if (job.fromTime && v.timestamp < *job.fromTime) return false;
        if (job.toTime && v.timestamp >= *job.toTime) return false;
        if (!filter) return true;
        FilterInput in = FilterInput::of(job.sourceTopic, v);
        in.needErrorText = false; // counted, not told
        const auto e = filter->evaluate(in);
        if (e.outcome == Filter::Outcome::Error) ++filterErrors;
        return e.outcome == Filter::Outcome::Match;
    }

    ReplayPartitionPlan& planFor(PartitionId p)
    {
        for (ReplayPartitionPlan& x : partitions)
            if (x.partition == p) return x;
        partitions.push_back({p, 0, 0, 0, {}, {}});
        return partitions.back();
    }

    void count(const RecordView& r)
    {
        ReplayPartitionPlan& p = planFor(r.partition);
        ++p.records;
        if (!p.firstTime || r.timestamp < *p.firstTime) p.firstTime = r.timestamp;
        if (!p.lastTime || r.timestamp > *p.lastTime) p.lastTime = r.timestamp;
    }

    // Hands every selected record to `sink` as a view (valid during the call), decoded where the
    // source decodes (the bytes as stored in RecordView::decoding), in the job's order.
    Result<void> read(const std::function<bool(const RecordView&)>& sink, const std::atomic_bool* cancel)
    {
        if (!job.filter.isEmpty()) {
            auto f = Filter::compile(job.filter, currentTimeMs());
            if (!f)
                return makeError(f.error().code,
                                 QStringLiteral("replay job filter: %1").arg(f.error().message));
            filter = std::move(f.value());
        }
        auto t = source.topic(job.sourceTopic);
        if (!t) return t.error();
        for (PartitionId want : job.partitions)
            if (std::none_of(t->partitions.begin(), t->partitions.end(),
                             [&](const PartitionInfo& p) { return p.partition == want; }))
                return makeError(
                    ErrorCode::NotFound,
                    QStringLiteral("topic '%1' has no partition %2").arg(job.sourceTopic).arg(want));
        StreamRequest req;
        req.topic = job.sourceTopic;
        req.timeOrder = true;
        // Where every record's time is indexed, the time range's offsets are exact; elsewhere each
        // partition stops at its first record at or after to_time, as a Kafka consumer would.
        const bool exactTimes = source.capabilities().timeIndex;
        if (job.toTime && !exactTimes) req.stopTime = *job.toTime;
        for (const PartitionInfo& p : t->partitions) {
            if (!job.partitions.empty() &&
                std::find(job.partitions.begin(), job.partitions.end(), p.partition) == job.partitions.end())
                continue;
            Offset from = std::max(p.low, job.fromOffset.value_or(p.low));
            Offset to = endFor(p.partition, std::min(p.high, job.toOffset.value_or(p.high)));
            if (job.fromTime) {
                auto o = source.offsetForTime(job.sourceTopic, p.partition, *job.fromTime);
                if (!o) return o.error();
                from = std::max(from, o.value().value_or(p.high));
            }
            if (job.toTime && exactTimes) {
                auto e = source.endOffsetBefore(job.sourceTopic, p.partition, *job.toTime);
                if (!e) return e.error();
                to = std::min(to, e.value());
            }
            ReplayPartitionPlan& pp = planFor(p.partition);
            pp.from = from;
            pp.to = std::max(from, to);
            if (from < to) req.ranges[p.partition] = {from, to};
        }
        if (onResolved)
            if (auto r = onResolved(ends); !r) return r;
        if (req.ranges.empty()) return {};
        auto rep = source.stream(
            req,
            [&](const QString&, const RecordView& v) {
                if (!passes(v)) return true;
                count(v);
                return sink(v);
            },
            cancel);
        if (!rep) return rep.error();
        return {};
    }
};

// A run's partition ends, kept beside the audit log (one small file per job) so that a resume
// reads exactly the records the run selected, whatever was appended to the source since.
QString boundsPath(const QString& jobId)
{
    return QFileInfo(auditFilePath()).absolutePath() + QStringLiteral("/replays/") + jobId +
           QStringLiteral(".json");
}

Result<void> saveBounds(const QString& jobId, const std::map<PartitionId, Offset>& ends)
{
    QJsonObject o;
    for (const auto& [p, end] : ends)
        o[QString::number(p)] = QString::number(end);
    const QString path = boundsPath(jobId);
    QDir().mkpath(QFileInfo(path).absolutePath());
    QSaveFile f(path);
    if (!f.open(QIODevice::WriteOnly) ||
        f.write(QJsonDocument(QJsonObject{{QStringLiteral("ends"), o}}).toJson()) < 0 || !f.commit())
        return makeError(
            ErrorCode::Io,
            QStringLiteral("cannot keep the replay's partition ends in %1: %2").arg(path, f.errorString()));
    return {};
}

std::optional<std::map<PartitionId, Offset>> loadBounds(const QString& jobId)
{
    QFile f(boundsPath(jobId));
    if (!f.open(QIODevice::ReadOnly) || f.size() > (1 << 20)) return std::nullopt;
    const QJsonObject ends =
        QJsonDocument::fromJson(f.readAll()).object().value(QStringLiteral("ends")).toObject();
    std::map<PartitionId, Offset> out;
    for (auto it = ends.begin(); it != ends.end(); ++it) {
        bool okP = false, okO = false;
        const int p = it.key().toInt(&okP);
        const Offset o = it.value().toString().toLongLong(&okO);
        if (!okP || !okO || p < 0) return std::nullopt;
        out[p] = o;
    }
    if (out.empty()) return std::nullopt;
    return out;
}

// The journal lives in a workspace of the job: the source, else the target. A cluster and a
// broker's data directory are never written: their runs are journaled in a workspace target.
QString journalWorkspace(const ReplayJob& job)
{
    const QString source = workspaceFileOf(job.source);
    return !source.isEmpty() ? source : workspaceFileOf(job.target);
}

} // namespace

ReplayRefusal replayRefusal(const QString& message)
{
    if (message.contains(QLatin1String(kResumeHint))) return ReplayRefusal::AlreadyWritten;
    if (message.contains(QLatin1String(kConfirmHint))) return ReplayRefusal::UnmatchedFields;
    return ReplayRefusal::None;
}

QString replayJobId(const ReplayJob& job)
{
    ReplayJob identity = job;
    identity.pacing = {}; // pacing and the consumer do not change what is written
    identity.consumer = {};
    identity.name.clear();
    return QString::fromLatin1(
        QCryptographicHash::hash(identity.toJson(), QCryptographicHash::Sha256).toHex().left(16));
}

QString ReplayPlan::describe() const
{
    const QLocale loc;
    QStringList lines;
    lines << QObject::tr("job %1: %2 records to write to %3").arg(jobId, loc.toString(records), writesTo);
    for (const ReplayPartitionPlan& p : partitions)
        lines << QObject::tr("  partition %1: offsets %2 to %3, %4 records%5")
                     .arg(p.partition)
                     .arg(p.from)
                     .arg(p.to)
                     .arg(loc.toString(p.records))
                     .arg(p.firstTime ? QObject::tr(", %1 to %2")
                                            .arg(QDateTime::fromMSecsSinceEpoch(*p.firstTime, Qt::UTC)
                                                     .toString(Qt::ISODateWithMs),
                                                 QDateTime::fromMSecsSinceEpoch(*p.lastTime, Qt::UTC)
                                                     .toString(Qt::ISODateWithMs))
                                      : QString());
    if (first)
        lines << QObject::tr("  first: %1-%2@%3").arg(first->topic).arg(first->partition).arg(first->offset);
    if (last)
        lines << QObject::tr("  last:  %1-%2@%3").arg(last->topic).arg(last->partition).arg(last->offset);
    lines << (estimatedMs < 0 ? QObject::tr("  pacing: as fast as the target takes them")
                              : QObject::tr("  pacing: about %1 s")
                                    .arg(loc.toString(static_cast<double>(estimatedMs) / 1000.0, 'f', 1)));
    if (alreadyWritten > 0)
        lines << QObject::tr("  the target already holds %1 records of this job: resume continues after them")
                     .arg(loc.toString(alreadyWritten));
    for (const QString& f : unmatchedFields)
        lines << QObject::tr(
                     "  WARNING: the field %1 is in no record of this range, so removing or masking it "
                     "changes nothing. If it is a typo, the field you meant is written in clear.")
                     .arg(f);
    return lines.join(QLatin1Char('\n'));
}

namespace {
// "1 partition", "6 partitions": read by the CLI too, which installs no plural forms.
QString partitionCount(int n)
{
    return n == 1 ? QObject::tr("1 partition") : QObject::tr("%1 partitions").arg(n);
}

// The plan, read through an open source (a run plans on the connection it then reads).
Result<ReplayPlan> planWith(const ReplayJob& job, RecordSource& source, const std::atomic_bool* cancel,
                            const SessionProfiles& sessions)
{
    ReplayPlan plan;
    plan.jobId = replayJobId(job);
    SourceReader reader(job, source);
    if (auto pinned = loadBounds(plan.jobId)) reader.pinned = std::move(*pinned); // a started run's range
    RecordView lastView;
    QByteArray lastHeaders, lastKey, lastValue;
    // Which remove/mask paths some record of the range holds: the same Masker the run uses,
    // asked until every path has matched once.
    Masker probe(MaskPolicy{job.maskFields, {}}, job.removeFields);
    QByteArray probed;
    qsizetype missing = (job.maskFields + job.removeFields).size();
    auto r = reader.read(
        [&](const RecordView& rec) {
            if (missing > 0 && !rec.valueNull && probe.value(rec.value, probed))
                missing = probe.unmatched().size();
            // Copies only at the ends: the first record once, the last one's position always.
            if (!plan.first) plan.first = toRecord(job.sourceTopic, rec).value();
            lastView = rec;
            lastView.decoding = nullptr; // lives only during the callback
            copyInto(lastHeaders, rec.headersBlob);
            copyInto(lastKey, rec.key);
            copyInto(lastValue, rec.value);
            ++plan.records;
            return true;
        },
        cancel);
    if (!r) return r.error();
    for (const QString& f : probe.unmatched())
        if (!plan.unmatchedFields.contains(f)) plan.unmatchedFields << f;
    if (plan.records > 0) {
        lastView.key = lastKey;
        lastView.value = lastValue;
        lastView.headersBlob = lastHeaders;
        plan.last = toRecord(job.sourceTopic, lastView).value();
    }
    std::sort(
        reader.partitions.begin(), reader.partitions.end(),
        [](const ReplayPartitionPlan& a, const ReplayPartitionPlan& b) { return a.partition < b.partition; });
    plan.partitions = reader.partitions;
    if (job.pacing.kind == ReplayPacing::Original && plan.first && plan.last)
        plan.estimatedMs = static_cast<qint64>(
            static_cast<double>(plan.last->timestamp - plan.first->timestamp) / job.pacing.speed);
    else if (job.pacing.kind == ReplayPacing::Rate)
        plan.estimatedMs = static_cast<qint64>(static_cast<double>(plan.records) / job.pacing.rate * 1000.0);
    // The target as it is now (read only: planning writes nothing).
    auto sourceTopic = source.topic(job.sourceTopic);
    if (!sourceTopic) return sourceTopic.error();
    auto target = makeReplayTarget(job, sessions)->inspect(plan.jobId);
    if (!target) return target.error();
    plan.createsTarget = !target->exists;
    plan.targetPartitions =
        target->exists ? target->partitions : static_cast<int>(sourceTopic->partitions.size());
    plan.alreadyWritten = target->alreadyWritten;
    if (job.keepPartition)
        for (const ReplayPartitionPlan& p : plan.partitions)
            if (p.records > 0 && p.partition >= plan.targetPartitions)
                return makeError(ErrorCode::InvalidArgument,
                                 QStringLiteral("the target has %1 partitions, too few to keep partition %2; "
                                                "use \"partitioning\": \"by_key\" or another target")
                                     .arg(plan.targetPartitions)
                                     .arg(p.partition));
    plan.writesTo = describeTarget(job) +
                    (plan.createsTarget ? QObject::tr(" (creates it, %1%2)")
                                              .arg(partitionCount(plan.targetPartitions))
                                              .arg(target->createsWith)
                                        : QObject::tr(" (%1)").arg(partitionCount(plan.targetPartitions)));
    return plan;
}
} // namespace

Result<ReplayPlan> planReplay(const ReplayJob& job, const std::atomic_bool* cancel,
                              const ReplayContext& context)
{
    if (auto v = job.validate(); !v) return v.error();
    auto source = openJobSource(job, context);
    if (!source) return source.error();
    return planWith(job, *source.value(), cancel, context.sessions);
}

namespace {

// One run of a job, in the order it happens: open (the journal, the source, the checks that
// refuse before anything is written, the target), resume (what the target already holds, the
// range and the total), the loop that reads and writes in atomic batches, and finish (the
// journal, the audit log, the report).
class ReplayRun {
public:
    ReplayRun(const ReplayJob& asGiven, ReplayMode runMode, ReplayControl* runControl,
              const std::function<void(const ReplayProgress&)>& onProgress,
              const std::function<void(const ProducerRecord&)>& onWritten, const ReplayContext& context)
        : job(asGiven), mode(runMode), control(runControl), progress(onProgress), written(onWritten),
          given(context), sessions(context.sessions), valueMasker(MaskPolicy{}, {})
    {
        report.jobId = replayJobId(job);
        report.target = describeTarget(job);
    }

    Result<void> open();
    Result<void> resume();
    Result<void> loop();
    Result<ReplayReport> finish(const Result<void>& read);

private:
    void emitProgress();
    bool flush();
    bool waitUntil(qint64 dueMs);
    bool write(const RecordView& rec);
    const std::atomic_bool* cancelFlag() const { return control ? &control->cancel : nullptr; }

    ReplayJob job; // with the source's masking policy, once the source is open
    const ReplayMode mode;
    ReplayControl* const control;
    const std::function<void(const ReplayProgress&)>& progress;
    const std::function<void(const ProducerRecord&)>& written;
    const ReplayContext& given;
    const SessionProfiles& sessions;
    ReplayReport report;

    // open()
    std::unique_ptr<WorkspaceStore> journal;
    std::shared_ptr<RecordSource> sourceHandle;
    std::optional<qint64> plannedTotal;
    Masker valueMasker; // counts what matched, over the run
    bool rewritesValues = false;
    std::optional<TopicInfo> sourceTopicInfo;
    std::unique_ptr<ReplayTarget> target;
    // resume()
    qint64 resumeAfter = -1;
    std::optional<std::map<PartitionId, Offset>> pinnedEnds;
    // loop()
    QElapsedTimer clock;
    std::vector<ProducerRecord> batch; // kept only to hand committed records to `written`
    qint64 inBatch = 0;
    qint64 seq = -1;
    std::optional<TimestampMs> firstSourceTs;
    qint64 paced = 0;
    QElapsedTimer sinceFlush;
    std::optional<Error> failure;
    qint64 filterErrors = 0;
    QByteArray sourceTopic, jobIdUtf8;
    ReplayHeaderScratch headerScratch;
    QByteArray encodedScratch; // a schema-encoded value masked and encoded again
};

Result<void> ReplayRun::open()
{
    if (auto v = job.validate(); !v) {
        auditTarget(job, QStringLiteral("refused before writing"), &v.error());
        return v.error();
    }
    // Journal and audit log first: every write action is on record, also one that fails.
    const QString jw = journalWorkspace(job);
    // The source is opened once for the whole run (an integrity check or a data directory's index
    // is not free): a workspace that keeps the journal is read through the journal's connection,
    // another source through the app's (reopened) or one opened here.
    if (!jw.isEmpty()) {
        // A new workspace target is created here, so the journal has a home from the first write on.
        auto s = !QFileInfo::exists(jw) && jw == workspaceFileOf(job.target)
                     ? WorkspaceStore::create(jw)
                     : WorkspaceStore::open(jw, WorkspaceStore::Mode::ReadWrite);
        if (s) journal = std::move(s.value()); // a read-only source keeps no journal; the run goes on
    }
    if (journal && jw == workspaceFileOf(job.source)) {
        sourceHandle = workspaceSourceOver(*journal, job.source);
    } else {
        auto s = openJobSource(job, given);
        if (!s) return s.error();
        sourceHandle = std::move(s.value());
    }
    RecordSource& source = *sourceHandle;
    // A remove/mask path that matches no record of the range is most likely a typo that would
    // write the field meant in clear: refused before anything is created or written.
    const bool hasFieldRules = !job.removeFields.isEmpty() || !job.maskFields.isEmpty();
    if (hasFieldRules) {
        auto plan = planWith(job, source, cancelFlag(), sessions);
        if (!plan) return plan.error();
        plannedTotal = plan->records;
        if (!plan->unmatchedFields.isEmpty() && !job.allowUnmatchedFields) {
            const Error e = makeError(
                ErrorCode::Refused,
                QStringLiteral("nothing written: %1 in no record of the range, so masking or removing "
                               "changes nothing, and a typo would write the field meant in clear. Check "
                               "the path, or %2.")
                    .arg(plan->unmatchedFields.size() == 1
                             ? QStringLiteral("the field %1 is").arg(plan->unmatchedFields.front())
                             : QStringLiteral("the fields %1 are")
                                   .arg(plan->unmatchedFields.join(QStringLiteral(", "))),
                         QLatin1String(kConfirmHint)));
            auditTarget(job, QStringLiteral("refused before writing"), &e);
            return e;
        }
    }
    // The source's masking policy applies to what is written (unless the job turns it off).
    if (job.applyMaskPolicy) {
        auto policy = source.maskPolicy();
        if (!policy) return policy.error();
        job.sourcePolicy = std::move(policy.value());
    }
    const MaskPolicy masking = replayMaskPolicy(job);
    valueMasker = Masker(MaskPolicy{masking.fields, {}}, job.removeFields);
    valueMasker.setEncoded(source.encodedMasking()); // schema-encoded values: masked, encoded again
    rewritesValues = !job.removeFields.isEmpty() || !masking.fields.isEmpty();
    auto info = source.topic(job.sourceTopic);
    if (!info) return info.error();
    sourceTopicInfo = std::move(info.value());
    const int parts = static_cast<int>(sourceTopicInfo->partitions.size());
    target = makeReplayTarget(job, sessions);
    if (auto r = target->open(parts); !r) {
        if (journal)
            (void)journal->addAudit(QStringLiteral("replay"), report.target,
                                    QStringLiteral("refused: %1").arg(r.error().message));
        return r.error();
    }
    return {};
}

Result<void> ReplayRun::resume()
{
    RecordSource& source = *sourceHandle;
    auto last = target->lastSeq(report.jobId);
    if (!last) return last.error();
    resumeAfter = last.value();
    if (mode == ReplayMode::Run && resumeAfter >= 0)
        return makeError(
            ErrorCode::Refused,
            QStringLiteral("%1 already holds %2 records of this job: %3, or choose another target for "
                           "a fresh copy")
                .arg(report.target, QString::number(resumeAfter + 1), QLatin1String(kResumeHint)));
    report.skipped = resumeAfter + 1;
    if (journal) {
        (void)journal->addAudit(
            QStringLiteral("replay"), report.target,
            QStringLiteral("%1 job %2%3")
                .arg(mode == ReplayMode::Run ? QStringLiteral("run") : QStringLiteral("resume"), report.jobId,
                     job.name.isEmpty() ? QString() : QStringLiteral(" (%1)").arg(job.name)));
        auto id = journal->startJournal(job.name, report.jobId, QString::fromUtf8(job.toJson()),
                                        report.target, report.skipped);
        if (id) report.journalId = id.value();
    }
    // A resume of a run that wrote something reads the run's range; one that wrote nothing starts afresh.
    pinnedEnds = mode == ReplayMode::Resume && resumeAfter >= 0 ? loadBounds(report.jobId) : std::nullopt;
    // The total, for progress and ETA: the offset ranges when every record in them is written
    // (a workspace range without filter or time bounds), else a counting pass.
    if (plannedTotal) {
        report.total = *plannedTotal;
    } else if (source.capabilities().exactCounts && job.filter.isEmpty() && !job.fromTime && !job.toTime) {
        for (const PartitionInfo& p : sourceTopicInfo->partitions) {
            if (!job.partitions.empty() &&
                std::find(job.partitions.begin(), job.partitions.end(), p.partition) == job.partitions.end())
                continue;
            const Offset from = std::max(p.low, job.fromOffset.value_or(p.low));
            Offset to = std::min(p.high, job.toOffset.value_or(p.high));
            if (pinnedEnds)
                to = std::min(to, pinnedEnds->count(p.partition) ? pinnedEnds->at(p.partition) : 0);
            report.total += std::max<qint64>(0, std::min<qint64>(p.count, to - from));
        }
    } else {
        auto plan = planWith(job, source, cancelFlag(), sessions);
        if (!plan) return plan.error();
        report.total = plan->records;
    }

    return {};
}

void ReplayRun::emitProgress()
{
    if (!progress) return;
    ReplayProgress p;
    p.written = report.written;
    p.skipped = report.skipped;
    p.total = report.total;
    p.elapsedMs = clock.elapsed();
    p.recordsPerSecond =
        p.elapsedMs > 0 ? static_cast<double>(report.written) * 1000.0 / static_cast<double>(p.elapsedMs) : 0;
    const qint64 left = report.total - report.skipped - report.written;
    p.etaMs = p.recordsPerSecond > 0
                  ? static_cast<qint64>(static_cast<double>(left) / p.recordsPerSecond * 1000.0)
                  : -1;
    progress(p);
}

bool ReplayRun::flush()
{
    if (inBatch == 0) return true;
    if (auto r = target->commit(); !r) {
        failure = r.error();
        return false;
    }
    report.written += inBatch;
    inBatch = 0;
    if (written)
        for (const ProducerRecord& r : batch)
            written(r);
    batch.clear();
    sinceFlush.restart();
    if (journal && report.journalId >= 0) (void)journal->updateJournal(report.journalId, report.written, {});
    emitProgress();
    return true;
}

// Sleeps until a record is due; what is already batched goes out first, so a consumer sees
// records at their time, not at the end of a batch.
bool ReplayRun::waitUntil(qint64 dueMs)
{
    if (dueMs - clock.elapsed() > 20 && !flush()) return false;
    while (clock.elapsed() < dueMs) {
        if (control && control->cancel.load()) return false;
        QThread::msleep(static_cast<unsigned long>(std::clamp<qint64>(dueMs - clock.elapsed(), 1, 50)));
    }
    return true;
}

// One record of the range: paced, its value masked or refused, its headers set, added to the
// batch, and the batch committed when it is full or old enough. False stops the run.
bool ReplayRun::write(const RecordView& rec)
{
    ++seq;
    if (seq <= resumeAfter) return true; // the target has it already
    if (control) {
        while (control->paused.load() && control->steps.load() <= 0) {
            if (control->cancel.load()) return false;
            QThread::msleep(20);
        }
        if (control->paused.load()) {
            control->steps.fetch_sub(1);
        }
        if (control->cancel.load()) return false;
    }
    if (!firstSourceTs) firstSourceTs = rec.timestamp;
    if (job.pacing.kind == ReplayPacing::Original) {
        const qint64 due = static_cast<qint64>(
            static_cast<double>(std::max<qint64>(0, rec.timestamp - *firstSourceTs)) / job.pacing.speed);
        if (!waitUntil(due)) return false;
    } else if (job.pacing.kind == ReplayPacing::Rate) {
        if (!waitUntil(static_cast<qint64>(static_cast<double>(paced) * 1000.0 / job.pacing.rate)))
            return false;
    }
    ++paced;
    // A decoded record goes out as it was stored (schema id and all), never as its JSON.
    const RecordView asStored = storedView(rec);
    const QByteArrayView storedKey = asStored.key, storedValue = asStored.value;
    // Field removal and masking rewrite the value; otherwise it goes out as it is.
    std::optional<std::optional<QByteArray>> rewritten;
    if (rewritesValues && rec.decoding &&
        (rec.decoding->value.decoded || !rec.decoding->value.error.isEmpty())) {
        // Masked and encoded again with the writer schema and the same framing (a consumer with
        // the registry reads it); refused, never written as it was or as JSON, where it cannot be.
        if (!rec.valueNull) {
            auto masked = valueMasker.storedValue(job.sourceTopic, storedValue, encodedScratch);
            if (!masked) {
                failure =
                    makeError(masked.error().code,
                              QStringLiteral("%1-%2@%3: the value is %4 (schema id %5): %6%7")
                                  .arg(job.sourceTopic)
                                  .arg(rec.partition)
                                  .arg(rec.offset)
                                  .arg(rec.decoding->value.format)
                                  .arg(rec.decoding->value.schemaId)
                                  .arg(masked.error().message)
                                  .arg(job.sourcePolicy.fields.isEmpty()
                                           ? QString()
                                           : QStringLiteral(" (the source's masking policy names %1; a "
                                                            "job with \"mask_policy\": false writes them "
                                                            "in clear)")
                                                 .arg(job.sourcePolicy.fields.join(QStringLiteral(", ")))));
                return false;
            }
            rewritten = std::optional<QByteArray>(encodedScratch);
        }
    } else if (rewritesValues) {
        // A value that is not a JSON object cannot be masked: refused (Masker), never written.
        auto value = valueMasker.value(rec.valueNull ? std::nullopt
                                                     : std::optional<QByteArray>(rec.value.toByteArray()));
        if (!value) {
            failure = makeError(value.error().code, QStringLiteral("%1-%2@%3: %4")
                                                        .arg(job.sourceTopic)
                                                        .arg(rec.partition)
                                                        .arg(rec.offset)
                                                        .arg(value.error().message));
            return false;
        }
        rewritten = std::move(value.value());
    }
    const std::optional<QByteArrayView> valueOut =
        rewritten       ? (*rewritten ? std::optional<QByteArrayView>(**rewritten) : std::nullopt)
        : rec.valueNull ? std::nullopt
                        : std::optional<QByteArrayView>(storedValue);
    const std::optional<QByteArrayView> keyOut =
        rec.keyNull ? std::nullopt : std::optional<QByteArrayView>(storedKey);
    const TimestampMs timestamp = job.keepTimestamps ? rec.timestamp : currentTimeMs();
    const PartitionId partition = job.keepPartition ? rec.partition
                                  : keyOut          ? defaultPartition(*keyOut, target->partitions)
                                                    : static_cast<PartitionId>(seq % target->partitions);
    if (auto h = replayHeaderViews(job, rec, sourceTopic, seq, headerScratch); !h) {
        failure = makeError(h.error().code, QStringLiteral("%1-%2@%3: %4")
                                                .arg(job.sourceTopic)
                                                .arg(rec.partition)
                                                .arg(rec.offset)
                                                .arg(h.error().message));
        return false;
    }
    headerScratch.out.push_back({kJobHeader, jobIdUtf8, false});
    if (written) // the records go on to a consumer after the commit: keep owned copies
        batch.push_back(
            ownedRecord(job.targetTopic, partition, timestamp, keyOut, valueOut, headerScratch.out));
    if (auto a = target->add(partition, timestamp, keyOut, valueOut, headerScratch.out); !a) {
        failure = a.error();
        return false;
    }
    ++inBatch;
    const bool stepping = control && control->paused.load();
    if (stepping || inBatch >= kBatchRecords || sinceFlush.elapsed() >= kBatchMs) return flush();
    return true;
}

Result<void> ReplayRun::loop()
{
    RecordSource& source = *sourceHandle;
    clock.start();
    sinceFlush.start();
    sourceTopic = job.sourceTopic.toUtf8();
    jobIdUtf8 = report.jobId.toUtf8();
    SourceReader reader(job, source);
    if (mode == ReplayMode::Resume) {
        if (pinnedEnds)
            reader.pinned = *pinnedEnds;
        else if (resumeAfter >= 0)
            report.note =
                QStringLiteral("the run's partition ends were not found here (%1); records appended "
                               "to the source since then may shift what is resumed")
                    .arg(boundsPath(report.jobId));
    }
    reader.onResolved = [&](const std::map<PartitionId, Offset>& ends) -> Result<void> {
        if (!reader.pinned.empty()) return {};
        return saveBounds(report.jobId, ends); // before the first record is written
    };
    auto read = reader.read([this](const RecordView& rec) { return write(rec); }, cancelFlag());
    if (read && !failure) flush();
    if (!read || failure) target->abort(); // an unfinished batch is never half-written
    filterErrors = reader.filterErrors;
    return read;
}

Result<ReplayReport> ReplayRun::finish(const Result<void>& read)
{
    report.filterErrors = filterErrors;
    report.cancelled = control && control->cancel.load();
    // The policy's own paths may not occur in this topic: said, not a failure (the job's own
    // paths were checked before anything was written).
    if (report.written > 0) {
        QStringList unmatched;
        for (const QString& f : valueMasker.unmatched())
            if (job.sourcePolicy.fields.contains(f) && !job.maskFields.contains(f)) unmatched << f;
        if (!unmatched.isEmpty())
            report.note += (report.note.isEmpty() ? QString() : QStringLiteral("; ")) +
                           QStringLiteral("masking policy: %1 matched nothing in this replay")
                               .arg(unmatched.join(QStringLiteral(", ")));
    }
    report.elapsedMs = clock.elapsed();
    const Error* err = !read ? &read.error() : failure ? &failure.value() : nullptr;
    if (journal && report.journalId >= 0)
        (void)journal->updateJournal(report.journalId, report.written,
                                     err                ? QStringLiteral("failed: %1").arg(err->message)
                                     : report.cancelled ? QStringLiteral("cancelled")
                                                        : QStringLiteral("complete"));
    auditTarget(job,
                QStringLiteral("job %1: %2 records written, %3 already there%4")
                    .arg(report.jobId)
                    .arg(report.written)
                    .arg(report.skipped)
                    .arg(report.cancelled ? QStringLiteral(", cancelled") : QString()),
                err);
    if (err) return *err;
    emitProgress();
    return report;
}

} // namespace

Result<ReplayReport> runReplay(const ReplayJob& job, ReplayMode mode, ReplayControl* control,
                               const std::function<void(const ReplayProgress&)>& progress,
                               const std::function<void(const ProducerRecord&)>& written,
                               const ReplayContext& given)
{
    ReplayRun run(job, mode, control, progress, written, given);
    if (auto r = run.open(); !r) return r.error();
    if (auto r = run.resume(); !r) return r.error();
    return run.finish(run.loop());
}

} // namespace rw
