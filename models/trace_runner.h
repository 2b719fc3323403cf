#pragma once
// Runs an order trace (connectors/trace.h) over any source (RecordSource).
// Thread contract: blocks (a JobRunner job, with its own connection); `cancel` may be set from
// any thread.

#include "case_file.h"
#include "record_source.h"
#include "trace.h"

#include <atomic>
#include <functional>
#include <optional>

namespace rw {

// On its own connection to the source (reopen), so it can run beside the other views' jobs.
Result<TraceResult> traceSource(const RecordSource& source, const TraceQuery& query,
                                const std::atomic_bool* cancel);

// The story in one line a person reads, in the window's language: "8 events from … to …
// (OrderCreated → OrderDelivered); now: OrderDelivered. OrderCreated, StockReserved ×2, …", then
// the redeliveries. `time` writes a time as the view does (UTC or local). Shared by the trace view
// and the case report, so both tell the same story.
QString traceStoryLine(const TraceStory& story, const std::function<QString(TimestampMs)>& time);

// A case's trace as a query (the same rules as when the window ran it), and back.
TraceQuery traceQueryOf(const CaseTrace& trace);
CaseTrace caseTraceOf(const TraceQuery& query, qint64 events);

} // namespace rw
