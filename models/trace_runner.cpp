#include "trace_runner.h"

namespace rw {

Result<TraceResult> traceSource(const RecordSource& source, const TraceQuery& query,
                                const std::atomic_bool* cancel)
{
    auto connection = source.reopen();
    if (!connection) return connection.error();
    return runTrace(query, [&](const Filter& f, const SearchOptions& o, const SearchSink& sink) {
        return connection.value()->search(f, o, sink, cancel);
    });
}

} // namespace rw
