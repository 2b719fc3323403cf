#pragma once
// Exports what the window shows: the records a filter matches in a topic or partition (a timeline
// selection is a filter with a time range), or records by address (a selection, a trace, a case's
// pins). Formats: NDJSON envelopes (docs/envelope.md), CSV with chosen columns, and a new
// workspace holding just those records at their own offsets plus, optionally, a case and the
// schemas the records need (the bundle a colleague opens). The masking policy applies to every
// format through the one Masker (mask_policy.h); paths that matched nothing are reported.
// Thread contract: a blocking call for a worker thread; `cancel` may be set from any thread;
// `progress` is called on the calling thread.

#include "case_file.h"
#include "mask_policy.h"
#include "record.h"

#include <QIODevice>
#include <QStringList>

#include <atomic>
#include <functional>
#include <limits>

namespace rw {

class RecordSource;

enum class ExportFormat { Ndjson, Csv, Workspace };

// The columns a CSV export can have, besides `value.<path>` (a member of a JSON value, e.g.
// value.customer.id) and `header.<name>` (a header's value).
QStringList csvStandardColumns(); // topic, partition, offset, timestamp, key, value, headers, size

struct RecordSet {
    // Records by address (refs[i].topic indexes `topics`), written by topic, partition and offset;
    // addresses that hold no record any more are counted as missing, not an error.
    QStringList topics;
    std::vector<RecordRef> refs;
    // Else: what `filter` matches (empty: every record) in `topic` (empty: every topic) and
    // `partition` (empty: every partition): for a file of one topic's partitions, merged by time
    // as the view shows them; otherwise partition by partition in offset order.
    bool byFilter = false;
    QString filter;
    QString topic;
    std::optional<PartitionId> partition;
    std::optional<std::pair<TimestampMs, TimestampMs>> timeRange; // only records in [first, second)
    // The range form (byFilter without a filter or time range; the CLI's export): in each
    // partition, offsets [fromOffset, toOffset), from the first record at or after startTime, up
    // to the first at or after stopTime (kcat's s@ and e@), at most perPartition records.
    Offset fromOffset = 0;
    Offset toOffset = std::numeric_limits<Offset>::max();
    std::optional<TimestampMs> startTime, stopTime;
    qint64 perPartition = -1;
    // One topic's partitions merged by time, as the view shows them; false: partition by
    // partition in offset order (the CLI's order, kcat's). The range form is always by partition.
    bool timeOrder = true;
};

struct RecordExport {
    ExportFormat format = ExportFormat::Ndjson;
    RecordSet records;
    QStringList columns; // CSV: standard names, value.<path>, header.<name>; empty: the standard ones
    MaskPolicy mask;
    // Workspace: the case kept in it, its pins pointing at the bundle's records; with
    // `withSchemas`, the schemas of schema-encoded records go in its `_schemas` topic. Records the
    // policy masks are written as stored, masked and encoded again with their writer schema
    // (EncodedMasking), or as their masked JSON from a source without a decoding stage.
    std::optional<Case> bundleCase;
    bool withSchemas = true;
    // NDJSON and CSV: keys and values the decoding stage decoded are written as stored (wire
    // format, schema id and all: a re-import is byte-exact) rather than as their JSON. A policy
    // that masks values masks them as stored and encodes them again with their writer schema.
    bool raw = false;
    std::function<void(qint64 done, qint64 total)> progress; // total -1: not known
};

struct ExportOutcome {
    qint64 written = 0;
    qint64 missing = 0;    // addresses with no record
    QStringList unmatched; // mask paths and headers that matched nothing
    QStringList masked;    // what the policy hid, for the status line
    int schemas = 0;       // schemas kept in a bundle
    QStringList problems;  // schemas a bundle could not keep, and the like
};

// Writes to `path` (a new file; an existing one is replaced only for NDJSON and CSV). On failure
// or cancel nothing is left at `path`.
Result<ExportOutcome> exportRecords(RecordSource& source, const RecordExport& job, const QString& path,
                                    const std::atomic_bool* cancel = nullptr);
// NDJSON or CSV onto a device already open (standard output): written as the records come, so a
// failure leaves what was written before it.
Result<ExportOutcome> exportRecords(RecordSource& source, const RecordExport& job, QIODevice& out,
                                    const std::atomic_bool* cancel = nullptr);

} // namespace rw
