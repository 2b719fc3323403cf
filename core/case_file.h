#pragma once
// An incident or support case: what a person keeps while working out what happened, to come back
// to and to hand on. Pinned records (an address and a note), pinned time ranges (with notes, drawn
// on the timeline and the lag charts), saved views (the window's state as JSON, opaque here) and a
// free-text summary. A case is one JSON document with a format number; a document written by a
// newer Rewind (a higher format) is refused with a clear error, never half-read.
// Thread contract: value types, any thread.

#include "murmur2.h"
#include "record.h"
#include "result.h"

#include <QByteArray>
#include <QJsonObject>
#include <QString>

#include <vector>

namespace rw {

inline constexpr int kCaseFormat = 1;

struct CasePin {
    QString topic;
    PartitionId partition = 0;
    Offset offset = 0;
    QString note;
    TimestampMs pinnedAt = 0;
    // What the record was when pinned (shown when it has gone; refreshed when it resolves).
    std::optional<TimestampMs> timestamp;
    QString key;
    // When the record was kept in the case workspace (connectors/evidence.h); 0: it was not.
    TimestampMs kept = 0;
    bool operator==(const CasePin&) const = default;
};

struct CaseRange {
    TimestampMs from = 0, to = 0; // [from, to)
    QString note;
    TimestampMs kept = 0; // when its records were kept in the case workspace; 0: they were not
    bool operator==(const CaseRange&) const = default;
};

struct CaseView {
    QString name;
    QJsonObject view; // models/view_state.h's JSON
    bool operator==(const CaseView&) const = default;
};

// The trace a case keeps: the one the user ran (by key or by a JSON field), so the report tells
// the same history the window showed, by the same rules.
struct CaseTrace {
    std::optional<QByteArray> key; // every event with this key (exact bytes), or:
    QString field, value;          // every event whose value has field == value
    QString topic;                 // empty: every topic
    KeyPartitioner keyPartitioner = KeyPartitioner::None;
    QString identityField = QStringLiteral("event_id");
    qint64 events = -1; // how many events it showed when the case kept it; -1: not known
    bool isEmpty() const { return !key && field.isEmpty(); }
    // As the trace view's input spells it: "o-123", or "order_id=o-123" for a field.
    QString text() const;
    // The reverse: text with '=' names a field (as the trace view reads it); empty text: no trace.
    static CaseTrace fromText(const QString& text);
    bool operator==(const CaseTrace&) const = default;
};

struct Case {
    QString name;
    QString source; // the source its pins are in: a workspace path, a data directory, "kafka:<profile>"
    QString summary;
    CaseTrace trace; // the trace the report shows; empty: none
    std::vector<CasePin> pins;
    std::vector<CaseRange> ranges;
    std::vector<CaseView> views;
    TimestampMs created = 0, updated = 0;

    // Index of the pin at this address, or -1.
    int pinIndex(const QString& topic, PartitionId partition, Offset offset) const;
    QByteArray toJson() const;
    // Refuses a document of a newer format, one that is not a case, or one with bad pins (a
    // negative partition or offset, a missing topic), saying which.
    static Result<Case> fromJson(QByteArrayView json);
    bool operator==(const Case&) const = default;
};

} // namespace rw
