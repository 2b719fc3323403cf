#pragma once
// NDJSON import into a workspace (docs/envelope.md); export, the window's and the CLI's, is
// exportRecords (record_export.h). Import is atomic: it
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

} // namespace rw
