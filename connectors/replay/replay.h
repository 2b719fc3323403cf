#pragma once
// Replays a job (core/replay_job.h): reads the source range in a fixed order, applies the
// filter and the job's transforms, and writes to the target in atomic batches: one SQLite
// transaction per batch for a workspace, one Kafka transaction per batch for a topic. Every
// written record carries rewind.replay.job (the job's identity) and rewind.replay.seq (its
// position in the job's order), so a resumed run reads the target back, finds the last batch
// it holds, and continues right after it: nothing lost, nothing twice, whatever killed the
// previous run. Thread contract: planReplay/runReplay block (worker thread or CLI); the control
// flags may be set from any thread.

#include "kafka_profile.h"

#include "replay_job.h"
#include "workspace_store.h"
#include <map>

#include <atomic>
#include <functional>

namespace rw {

struct ReplayPartitionPlan {
    PartitionId partition = 0;
    Offset from = 0, to = 0; // offsets read: [from, to)
    qint64 records = 0;      // that pass the filter
    std::optional<TimestampMs> firstTime, lastTime;
};

struct ReplayPlan {
    QString jobId;
    std::vector<ReplayPartitionPlan> partitions;
    qint64 records = 0;
    std::optional<Record> first, last; // in the job's order
    qint64 estimatedMs = -1;           // -1: as fast as the target takes them
    QString writesTo; // "sandbox.payments.20261125-101500 on 127.0.0.1:31092 (creates it, 6 partitions)"
    int targetPartitions = 0;
    bool createsTarget = false;
    qint64 alreadyWritten = 0; // records of this job the target holds (resume skips them)
    // remove_fields/mask_fields paths that no record of the range holds: likely a typo, and then
    // the field meant is written in clear. A run refuses unless the job allows it.
    QStringList unmatchedFields;
    QString describe() const; // the plan in words, several lines
};

struct ReplayControl {
    std::atomic_bool cancel{false};
    std::atomic_bool paused{false};
    std::atomic_int steps{0}; // while paused: records still to write one at a time
};

struct ReplayProgress {
    qint64 written = 0; // in this run
    qint64 skipped = 0; // already in the target (resume)
    qint64 total = 0;   // records of the whole job
    double recordsPerSecond = 0;
    qint64 etaMs = -1;
    qint64 elapsedMs = 0;
    qint64 observerConsumed = -1; // the console's observer group on a Kafka sandbox (-1: none)
    qint64 observerLag = -1;
};

struct ReplayReport {
    QString jobId;
    qint64 written = 0;
    qint64 skipped = 0;
    qint64 total = 0;
    qint64 filterErrors = 0; // records the filter could not evaluate (not written)
    bool cancelled = false;
    qint64 elapsedMs = 0;
    QString target;
    qint64 journalId = -1;
    QString note; // something the user should know about the run (empty: nothing)
};

// Kafka connections of the desktop app, by name, that a job names "session:<name>" (see
// KafkaProfile::sessionRef): their security settings and password stay in the memory of the app
// that runs the job, never in the job file or its journal. The CLI has none.
using SessionProfiles = std::map<QString, KafkaProfile>;

class RecordSource;
// What the app that runs a job already holds: its connections, and the source it has open, so
// the job reads through that (another connection to it, sharing its index and schemas) instead of
// opening the job's source again. Empty in the CLI.
struct ReplayContext {
    SessionProfiles sessions;
    std::shared_ptr<RecordSource> source; // used when it is the job's source (the same key())
};

// A job's end as it can be opened: one that names a connection of the desktop app
// (KafkaProfile::sessionRef) gets the app's profile, secrets and all; others are as they are.
Result<SourceSpec> resolveSpec(const SourceSpec& spec, const SessionProfiles& sessions);
// How a job names a source the desktop app has open: a cluster by its connection (sessionRef: the
// secrets stay in the app, never in the job file), a file by its path.
SourceSpec jobSpecOf(const SourceSpec& open);

// The job's identity: a hash of everything that decides which records are written and how.
QString replayJobId(const ReplayJob& job);

Result<ReplayPlan> planReplay(const ReplayJob& job, const std::atomic_bool* cancel = nullptr,
                              const ReplayContext& context = {});

// mode Run refuses a target that already holds records of this job; Resume continues after them.
enum class ReplayMode { Run, Resume };

// The refusals a front end answers with its own words (a Resume button, a confirmation), told
// apart here, next to where they are made, so no front end parses the messages.
enum class ReplayRefusal { None, AlreadyWritten, UnmatchedFields };
ReplayRefusal replayRefusal(const QString& message);
Result<ReplayReport> runReplay(const ReplayJob& job, ReplayMode mode, ReplayControl* control = nullptr,
                               const std::function<void(const ReplayProgress&)>& progress = {},
                               const std::function<void(const ProducerRecord&)>& written = {},
                               const ReplayContext& context = {});

} // namespace rw
