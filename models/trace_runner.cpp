#include "trace_runner.h"

namespace rw {

Result<TraceResult> traceSource(const QString& workspacePath, const TraceQuery& query,
                                const std::optional<KafkaProfile>& kafka, const std::atomic_bool* cancel)
{
    if (kafka)
        return runTrace(query, [&](const Filter& f, const SearchOptions& o, const SearchSink& sink) {
            return searchKafka(*kafka, f, o, sink, cancel);
        });
    auto store = WorkspaceStore::open(workspacePath, WorkspaceStore::Mode::ReadOnly);
    if (!store) return store.error();
    return runTrace(query, [&](const Filter& f, const SearchOptions& o, const SearchSink& sink) {
        return searchWorkspace(*store.value(), f, o, sink, cancel);
    });
}

} // namespace rw
