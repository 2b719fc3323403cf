#pragma once
// Writes the demo workspace (core's DemoGenerator) into a new file and places the demo consumer
// groups at telling positions. Worker thread or CLI.

#include "demo_generator.h"
#include "workspace_store.h"

#include <functional>

namespace rw {

struct DemoWorkspaceReport {
    qint64 records = 0;
    TimestampMs first = 0;
    TimestampMs last = 0;
    TimestampMs incidentStart = 0;
};

// progress(recordsWritten) returns false to cancel; a cancelled or failed run removes the file.
Result<DemoWorkspaceReport> createDemoWorkspace(const QString& path, const DemoOptions& options,
                                                const std::function<bool(qint64)>& progress = {});

} // namespace rw
