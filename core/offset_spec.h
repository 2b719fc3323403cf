#pragma once
// kcat's -o grammar, shared by every source: beginning | end | <offset> | -<N> | @<time> | s@<time>,
// and e@<time> for where to stop. Any thread.

#include "record.h"
#include "result.h"

namespace rw {

struct OffsetSpec {
    enum Kind { Beginning, End, Absolute, FromEnd, Time, StopAtTime } kind = Beginning;
    qint64 value = 0; // offset, N, or time in ms
};

Result<OffsetSpec> parseOffsetSpec(const QString& text, TimestampMs nowMs);

} // namespace rw
