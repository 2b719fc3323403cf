#pragma once
// Times as the window shows them. The date follows the interface language's own order
// (19.11.2026 in Russian); English keeps ISO 8601 (2026-11-19), which is also what every copy,
// export and the command line use. Day names come from the locale. GUI thread only (reads the
// default QLocale).

#include "record.h"

#include <QString>

namespace rw {

enum class TimeDetail { Minutes, Seconds, Millis };

QString windowDateFormat(); // "yyyy-MM-dd" or the locale's short date with a four-digit year
// The time of `ms` in UTC ("…Z") or local time, optionally with the weekday first.
QString displayTime(TimestampMs ms, bool utc, TimeDetail detail, bool weekday = false);

} // namespace rw
