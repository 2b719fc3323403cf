#pragma once
// Runs an order trace (connectors/trace.h) over any source (RecordSource).
// Thread contract: blocks (a JobRunner job, with its own connection); `cancel` may be set from
// any thread.

#include "case_file.h"
#include "record_source.h"
#include "trace.h"

#include <atomic>
#include <optional>

namespace rw {

// On its own connection to the source (reopen), so it can run beside the other views' jobs.
Result<TraceResult> traceSource(const RecordSource& source, const TraceQuery& query,
                                const std::atomic_bool* cancel);

// A case's trace as a query (the same rules as when the window ran it), and back.
TraceQuery traceQueryOf(const CaseTrace& trace);
CaseTrace caseTraceOf(const TraceQuery& query, qint64 events);

} // namespace rw
