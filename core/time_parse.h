#pragma once
// Parsing of user-typed points in time and durations. Any thread.
//
// Accepted: epoch milliseconds ("1763521020000"), ISO-8601 date-times with or without a zone
// ("2026-11-19T03:17:00Z", "2026-11-19 03:17", "2026-11-19T04:17:00+01:00"; no zone means local
// time), "now", and "now-2h" / "now - 90m" / "-2h" (units ms, s, m, h, d, w).

#include "record.h"
#include "result.h"

#include <QString>

namespace rw {

Result<TimestampMs> parseTimePoint(const QString& text, TimestampMs nowMs);
Result<qint64> parseDurationMs(const QString& text);
QString formatTimestampUtc(TimestampMs ms); // 2026-11-19T03:17:00.123Z
TimestampMs currentTimeMs();

} // namespace rw
