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

TraceQuery traceQueryOf(const CaseTrace& trace)
{
    TraceQuery q;
    q.key = trace.key;
    q.field = trace.field;
    q.value = trace.value;
    q.topic = trace.topic;
    q.keyPartitioner = trace.keyPartitioner;
    q.identityField = trace.identityField;
    return q;
}

CaseTrace caseTraceOf(const TraceQuery& query, qint64 events)
{
    CaseTrace t;
    t.key = query.key;
    if (!t.key) {
        t.field = query.field;
        t.value = query.value;
    }
    t.topic = query.topic;
    t.keyPartitioner = query.keyPartitioner;
    t.identityField = query.identityField;
    t.events = events;
    return t;
}

} // namespace rw
