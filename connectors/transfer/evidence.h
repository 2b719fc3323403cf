#pragma once
// Evidence that will expire: when a cluster's retention will delete what a case pins (core/
// case_file.h), and keeping it before then. A cluster deletes a partition's oldest segments once
// their newest record is older than the topic's retention.ms, or once the partition is bigger
// than retention.bytes; a compacted topic drops a record once a newer one has its key. For each
// pinned record and pinned time range the earliest time it may go is worked out from those
// settings, the partition's log start offset, its end and its write rate over the last hour (sizes
// from the records themselves). Sources without retention (a workspace, a data directory) keep
// their records: their pins never expire.
//
// Keeping the evidence copies the pinned records and every record of the pinned ranges (in the
// case's topics) into the case workspace (case_store.h) at their own topics, partitions and
// offsets, with the schemas they name and the source's masking policy, so the case opens from
// that workspace alone and its pins resolve there. Records kept earlier stay: a partition that
// must take records below those it holds is rewritten in offset order with both.
// Thread contract: blocking calls for a worker thread (or the CLI); `cancel` may be set from any
// thread; values any thread.

#include "case_file.h"
#include "case_store.h"
#include "mask_policy.h"
#include "record_source.h"
#include "schema_registry.h"
#include "workspace_store.h"

#include <atomic>
#include <functional>
#include <map>
#include <set>

namespace rw {

struct Expiry {
    enum class State {
        Unknown, // the source could not say (see why)
        Never,   // nothing deletes it: no retention (-1), or a source that keeps its records
        Compact, // a compacted topic: kept while it is its key's newest record
        Expires, // retention may delete it from `at` on
        Gone,    // deleted already (or partly, for a range: why says)
    };
    State state = State::Unknown;
    std::optional<TimestampMs> at; // Expires: the earliest time retention may delete it
    bool bySize = false;           // `at` comes from retention.bytes (else retention.ms)
    TimestampMs kept = 0;          // kept in the case workspace at this time (0: not)
    QString why;                   // how it was worked out, for a tooltip and the CLI
};

struct CaseExpiry {
    bool applies = false; // the source deletes records by retention (a cluster)
    TimestampMs now = 0;
    std::vector<Expiry> pins, ranges; // as the case's pins and ranges
    // Pins not kept that may be deleted before now + ms (gone ones not counted).
    int pinsDueWithin(qint64 ms) const;
    int rangesDueWithin(qint64 ms) const;
    int keptDueWithin(qint64 ms) const; // pins and ranges kept that retention deletes before now + ms
    int pinsGone() const;
};

// `states`: the pins as resolvePins found them (gone ones are gone); may be empty (looked up here).
Result<CaseExpiry> caseExpiry(RecordSource& source, const Case& c, const std::vector<PinState>& states,
                              TimestampMs now, const std::atomic_bool* cancel = nullptr);
// "in 3 h 20 min", "gone", "never", "when compacted", "kept" (short, for a table cell).
QString expiryText(const Expiry& e, TimestampMs now);
// A span as people say it: "58 s", "3 h 20 min", "2 d 4 h".
QString spanText(qint64 ms);

// The topics a case's time ranges cover: those of its pins and its trace's topic, else every
// topic of the source (at most 50; more is refused by keepEvidence with a clear error).
Result<QStringList> rangeTopics(RecordSource& source, const Case& c);

// What keeping found and read, before it is written (collectEvidence), and what was written.
struct Evidence {
    struct Part {
        int partitions = 0;                                 // the topic's partition count
        std::map<PartitionId, std::vector<Record>> records; // per partition, in offset order
    };
    std::map<QString, Part> topics;
    std::map<qint32, RegistrySchema> schemas; // the schemas the records name, from the source
    QStringList problems;                     // schemas it could not give, and the like
    MaskPolicy mask;                          // the source's masking policy
    std::vector<int> pinsFound;               // indexes of the pins whose record was read
    std::vector<int> pinsMissing;             // … and of those the source no longer holds
    qint64 records = 0, bytes = 0;
};
struct EvidenceReport {
    qint64 records = 0; // records written (read now or kept before)
    qint64 added = 0;   // of which new to the case workspace
    int pinsKept = 0, pinsMissing = 0, ranges = 0;
    int schemas = 0;
    QStringList problems;
    TimestampMs at = 0;
};
inline constexpr qint64 kMaxEvidenceRecords = 2'000'000;
inline constexpr qint64 kMaxEvidenceBytes = qint64(1) << 30;

// Refused where the case workspace is the source itself (a workspace keeps its own records).
Result<void> canKeepEvidence(const SourceSpec& spec, const QString& home);
// Reads what the case pins from `source` (records as stored), bounded by the limits above.
Result<Evidence> collectEvidence(RecordSource& source, const Case& c,
                                 const std::atomic_bool* cancel = nullptr,
                                 const std::function<void(qint64 records)>& progress = {});
// Writes it into `store` (the case workspace) in one transaction, with schemas and masking policy,
// and marks what was kept in `c` (pins and ranges, `at`); `c` itself is not saved here.
Result<EvidenceReport> writeEvidence(WorkspaceStore& store, const Evidence& evidence, Case& c);

} // namespace rw
