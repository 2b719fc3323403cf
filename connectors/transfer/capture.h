#pragma once
// Capture: a range of any source copied into a workspace with its partitions, offsets,
// timestamps and headers as they were, the keys and values as stored (schema bytes and all), and
// the schemas those name kept in the workspace's `_schemas` so it decodes offline. Reads through
// RecordSource like every other reader (a cluster with one consumer, partition by partition).
// Thread contract: blocks; a worker thread or the CLI. `cancel` may be set from any thread.

#include "record_source.h"
#include "workspace_store.h"

#include <atomic>
#include <set>

namespace rw {

struct CaptureReport {
    StreamReport stream;
    QString targetTopic;
    bool createdTopic = false;
    // Schema ids the captured keys and values name (Schema Registry wire format); where the source
    // knows them (a registry, its own `_schemas`), their schemas are kept in the workspace.
    std::set<qint32> schemaIds;
    int schemasKept = 0;
    QStringList schemaProblems; // ids that could not be kept, and why
};

// Appends in batches on a second thread (what was captured before a cancel or error stays).
Result<CaptureReport> captureToWorkspace(RecordSource& source, StreamRequest request, WorkspaceStore& store,
                                         const QString& targetTopic = {},
                                         const std::atomic_bool* cancel = nullptr);

} // namespace rw
