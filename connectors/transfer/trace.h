#pragma once
// An entity's history across topics: every event with a key, or with a JSON field equal to a
// value, in time order, with the field-level changes since the previous event. Shared by
// `rewind-cli trace` and the GUI's trace view. Thread contract: runTrace blocks (worker thread);
// `cancel` may be set from any thread.

#include "json_diff.h"
#include "search.h"

namespace rw {

struct TraceQuery {
    std::optional<QByteArray> key; // every event with this key, or:
    QString field;                 // a plain JSON path into the value (order_id, customer.id)
    QString value;                 // compared as text: numbers match their JSON spelling
    QString topic;                 // empty: every topic
    KeyPartitioner keyPartitioner = KeyPartitioner::None; // see SearchOptions
    bool allFields = false; // also list fields that change on every event (event_id, occurred_at)
    // What makes two records the same event: a second record with the same value here is a
    // redelivery (at-least-once delivery, a producer's retry), not a second event.
    QString identityField = QStringLiteral("event_id");
    qint64 maxEvents = 1'000'000; // an entity's history, not a dump
};

struct TraceEvent {
    Record record;
    QString type; // the value's "type" field when it has one; "(tombstone)" for null values
    std::vector<FieldChange> changes; // since the previous event (empty for the first)
    // A redelivery: the index of the first record of the same event (same identity field);
    // -1 for an event's first delivery. Its changes are empty: it is not a new event.
    int redeliveryOf = -1;
    QString identity; // the identity field's value, when the record has it
};

// The history told in lines a person reads: redeliveries under the event they repeat, runs of
// the same event type folded ("PaymentFailed ×130, attempt 1→130"), and a summary.
struct TraceLine {
    int first = 0, last = 0; // indexes into TraceResult::events (one event: first == last)
    int events = 1;          // events in the line, redeliveries not counted
    int redeliveries = 0;    // records that repeated one of them
    QString type;
    QString progression; // what counted up along a run: "attempt 1→130"
};
struct TraceStory {
    std::vector<TraceLine> lines;
    QString firstType, lastType;
    TimestampMs firstTime = 0, lastTime = 0;
    QString finalState; // the last event's type, and its status when it has one
    std::vector<std::pair<QString, int>> countsByType; // in order of first appearance
    int redeliveries = 0;
    QString summary; // one line: "12 events over 3 h 2 min: OrderCreated → … PaymentCaptured; …"
};
TraceStory traceStory(const std::vector<TraceEvent>& events);

struct TraceResult {
    QString filterText; // the filter the trace ran, for the user to see and reuse
    std::vector<TraceEvent> events;
    SearchReport report;
    bool truncated = false; // stopped at maxEvents
};

// "key == \"o-123\"" or "has(value.order_id) && string(value.order_id) == \"o-123\"", or an
// InvalidArgument error for a field that is not a plain path.
Result<QString> traceFilterText(const TraceQuery& query);

// Runs the trace through `search` (searchWorkspace or searchKafka bound to a source).
using TraceSearch =
    std::function<Result<SearchReport>(const Filter&, const SearchOptions&, const SearchSink&)>;
Result<TraceResult> runTrace(const TraceQuery& query, const TraceSearch& search);

} // namespace rw
