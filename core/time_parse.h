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
// The same appended as bytes, without QDateTime (hot loops: CSV export). Years outside
// 1..9999 are written as formatTimestampUtc writes them.
void appendTimestampUtc(QByteArray& out, TimestampMs ms);
// Days since 1970-01-01 to a proleptic Gregorian date (Howard Hinnant's algorithm).
void civilFromDays(long long days, int& year, int& month, int& day);
TimestampMs currentTimeMs();

} // namespace rw
