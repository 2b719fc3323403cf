#pragma once
// NDJSON import into and export out of a workspace (docs/envelope.md). Import is atomic: it
// either lands whole (bad lines skipped only with skipBad) or leaves the workspace as it was.
// Worker thread or CLI; the callbacks run on the calling thread. Import reads `in` on a helper
// thread of its own (started and joined inside importNdjson), so `in` must not be used elsewhere
// meanwhile.

#include "mask_policy.h"
#include "workspace_store.h"

#include <QIODevice>

#include <functional>

namespace rw {

struct ImportOptions {
    QString defaultTopic;       // for lines without "topic"
    bool skipBad = false;       // report and skip bad lines instead of aborting
    bool keepOffsets = false;   // use the lines' "offset" values (must increase per partition)
    int newTopicPartitions = 1; // partitions of a topic created by the import when lines name none
    qint64 maxLineBytes = qint64(64) << 20;
    qint64 batchSize = 10'000;
    // Called now and then with bytes read; returning false cancels (and rolls back).
    std::function<bool(qint64 bytesRead)> progress;
};

struct LineError {
    qint64 line = 0;
    QString message;
};

struct ImportReport {
    qint64 lines = 0; // non-blank lines read
    qint64 imported = 0;
    qint64 skipped = 0;
    std::vector<LineError> errors; // the first 100
    std::vector<QString> createdTopics;
};

Result<ImportReport> importNdjson(WorkspaceStore& store, QIODevice& in, const ImportOptions& options);

struct ExportSelection {
    QString topic;                        // empty: every topic
    std::optional<PartitionId> partition; // empty: every partition
    Offset from = 0;
    Offset to = std::numeric_limits<Offset>::max(); // exclusive
    std::optional<TimestampMs> fromTime;            // start at the first offset at or after this time
    std::optional<TimestampMs> toTime;              // stop before records at or after this time
    qint64 maxCount = -1;                           // per partition
    std::function<bool(qint64 records)> progress;   // false cancels
    // Keys and values the decoding stage decoded are written as stored (wire format, schema id
    // and all: re-import is byte-exact) rather than as their JSON.
    bool raw = false;
    // Personal data hidden in every record written (mask_policy.h): a value that cannot be masked
    // (not a JSON object, or schema-encoded bytes with `raw`) stops the export with an error
    // naming the record. After the export, the paths and headers that matched nothing are in
    // `unmatchedMasks` (when set): report them, a typo must not pass for masking.
    MaskPolicy mask;
    QStringList* unmatchedMasks = nullptr;
};

// Writes one envelope line per record, partition by partition in offset order.
class RecordSource;
Result<qint64> exportNdjson(RecordSource& source, const ExportSelection& selection, QIODevice& out);

} // namespace rw
