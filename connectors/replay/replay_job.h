#pragma once
// A replay job: which records to read again (a source range with an optional filter) and where
// to write them (a sandbox topic in Kafka or a topic in a local workspace), with the options that
// shape each written record (partitioning, timestamps, provenance headers, header rules, field
// removal and masking) and the pacing. A job is a JSON file (docs/replay-jobs.md) that can be
// saved, reviewed and run again. Any thread (plain data and pure functions).

#include "mask_policy.h"
#include "record.h"
#include "result.h"
#include "source_spec.h"

#include <QString>
#include <QStringList>

#include <optional>
#include <vector>

namespace rw {

struct HeaderRule {
    enum Kind { Strip, Set } kind = Strip;
    QByteArray name;
    QByteArray value; // Set only
};

struct ReplayPacing {
    enum Kind { Fast, Original, Rate } kind = Fast;
    double speed = 1.0; // Original: 10 plays a 10 s span in 1 s
    double rate = 0;    // Rate: records per second
};

// The user's service under test, started by the replay: fed every written record as an NDJSON
// envelope on its standard input ("stdin"), or started with REWIND_BOOTSTRAP, REWIND_TOPIC and
// REWIND_GROUP in its environment to read the Kafka sandbox itself ("kafka").
struct ReplayConsumer {
    QStringList command; // program and arguments; empty: none
    enum Input { Stdin, Kafka } input = Stdin;
    QString group;        // kafka: the consumer group it should use (default rewind-sandbox-<topic>)
    int waitSeconds = 30; // after the replay: how long it may take to finish before it is stopped
};

struct ReplayJob {
    QString name;
    SourceSpec source; // a workspace or data directory (path), or a cluster (profileRef or bootstrap)
    QString sourceTopic;
    std::vector<PartitionId> partitions;         // empty: all
    std::optional<Offset> fromOffset, toOffset;  // [from, to) in every partition
    std::optional<TimestampMs> fromTime, toTime; // [from, to)
    QString filter;                              // the filter language; empty: everything
    SourceSpec target;                           // a workspace (path, created if missing), or a cluster
    QString targetTopic;
    bool keepPartition = true;  // else by key (murmur2, as Kafka's producer)
    bool keepTimestamps = true; // else stamped when written
    bool provenance = true;     // rewind.source.topic/.partition/.offset/.timestamp headers
    std::vector<HeaderRule> headerRules;
    QStringList removeFields; // JSON paths in the value: customer.email
    QStringList maskFields;   // their values become "***"
    // The source's masking policy (mask_policy.h: a workspace's, a Kafka profile's) applies to
    // what is written too, unless the job says "mask_policy": false (personal data then goes to
    // the sandbox in clear). sourcePolicy is filled by the run from the source, never saved.
    bool applyMaskPolicy = true;
    MaskPolicy sourcePolicy;
    ReplayPacing pacing;
    ReplayConsumer consumer;
    QString sandboxPrefix = QStringLiteral("sandbox.");
    QString unlock; // to write a non-sandbox Kafka topic, its exact name typed here
    // Run-time confirmation, never saved: write even though a remove/mask path matches no record
    // of the range (else a run refuses: a typo in a mask path would write the real field in clear).
    bool allowUnmatchedFields = false;

    // Strict: unknown keys are errors. A profile file named by an end is read here; a connection of
    // the desktop app (KafkaProfile::sessionRef) is only named, and given its profile when run.
    static Result<ReplayJob> fromJson(const QByteArray& json);
    static Result<ReplayJob> fromFile(const QString& path);
    QByteArray toJson() const;
    // The safety rules: the target must be local or carry the sandbox prefix, unless `unlock`
    // spells the target topic exactly; source and target may not be the same topic.
    Result<void> validate() const;
    // The default target name for a Kafka sandbox: sandbox.<topic>.<yyyyMMdd-HHmmss> (UTC).
    static QString defaultSandboxTopic(const QString& sourceTopic, TimestampMs now,
                                       const QString& prefix = QStringLiteral("sandbox."));
};

// The policy a run masks with: the job's mask_fields and the source's policy (fields, headers).
MaskPolicy replayMaskPolicy(const ReplayJob& job);
// What the job does to one record's value: removes and masks fields of a JSON object value with
// the Masker (mask_policy.h: paths with * and through arrays). A value that is not a JSON object
// is kept as it is when there is nothing to do, and refused otherwise, so PII is never written
// by mistake.
Result<std::optional<QByteArray>> transformValue(const ReplayJob& job,
                                                 const std::optional<QByteArray>& value);
// The headers written: the record's own, with the rules applied, plus provenance and the job's
// sequence number (rewind.replay.seq: the record's position in the job, for exact resume).
Headers replayHeaders(const ReplayJob& job, const Record& source, qint64 seq);

// The same as views, without copies: `out` is cleared and refilled; numbers are formatted into
// `numbers`, which (like `source`, `job` and `sourceTopic`, the source topic in UTF-8) must
// outlive the views. Fails only on a corrupt header block.
struct ReplayHeaderScratch {
    std::vector<HeaderView> out, own;
    char numbers[4][24];
};
Result<void> replayHeaderViews(const ReplayJob& job, const RecordView& source, QByteArrayView sourceTopic,
                               qint64 seq, ReplayHeaderScratch& scratch);

constexpr const char* kSeqHeader = "rewind.replay.seq";

} // namespace rw
