#include "offset_spec.h"

#include "time_parse.h"

namespace rw {

Result<OffsetSpec> parseOffsetSpec(const QString& s, TimestampMs nowMs)
{
    if (s == QLatin1String("beginning") || s == QLatin1String("earliest"))
        return OffsetSpec{OffsetSpec::Beginning, 0};
    if (s == QLatin1String("end") || s == QLatin1String("latest")) return OffsetSpec{OffsetSpec::End, 0};
    if (s.startsWith(QLatin1Char('@')) || s.startsWith(QLatin1String("s@")) ||
        s.startsWith(QLatin1String("e@"))) {
        auto t = parseTimePoint(s.mid(s.indexOf(QLatin1Char('@')) + 1), nowMs);
        if (!t) return t.error();
        return OffsetSpec{s.startsWith(QLatin1String("e@")) ? OffsetSpec::StopAtTime : OffsetSpec::Time,
                          t.value()};
    }
    bool ok = false;
    const qint64 n = s.toLongLong(&ok);
    if (!ok)
        return makeError(
            ErrorCode::InvalidArgument,
            QStringLiteral("-o '%1': expected beginning, end, <offset>, -<N>, @<time> or e@<time>").arg(s));
    return n < 0 ? OffsetSpec{OffsetSpec::FromEnd, -n} : OffsetSpec{OffsetSpec::Absolute, n};
}

} // namespace rw
