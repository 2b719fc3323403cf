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

#include <QStringList>

#include <atomic>
#include <functional>

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
};

struct RecordExport {
    ExportFormat format = ExportFormat::Ndjson;
    RecordSet records;
    QStringList columns; // CSV: standard names, value.<path>, header.<name>; empty: the standard ones
    MaskPolicy mask;
    // Workspace: the case kept in it, its pins pointing at the bundle's records; with
    // `withSchemas`, the schemas of schema-encoded records go in its `_schemas` topic. Records the
    // policy masks are written as their decoded, masked JSON (schema bytes cannot be masked).
    std::optional<Case> bundleCase;
    bool withSchemas = true;
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

} // namespace rw
