#pragma once
// Runs an order trace (connectors/trace.h) over a workspace, data directory or Kafka cluster.
// Thread contract: blocks (a JobRunner job, with its own connection); `cancel` may be set from
// any thread.

#include "trace.h"

#include <atomic>
#include <optional>

namespace rw {

Result<TraceResult> traceSource(const QString& workspacePath, const TraceQuery& query,
                                const std::optional<KafkaProfile>& kafka, const std::atomic_bool* cancel);

} // namespace rw
