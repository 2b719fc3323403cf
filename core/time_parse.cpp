#include "time_parse.h"

#include <QDateTime>
#include <QRegularExpression>

namespace rw {

Result<qint64> parseDurationMs(const QString& text)
{
    static const QRegularExpression re(QStringLiteral("^\\s*(\\d{1,12})\\s*(ms|s|m|h|d|w)\\s*$"));
    const auto m = re.match(text);
    if (!m.hasMatch())
        return makeError(
            ErrorCode::Parse,
            QStringLiteral("'%1' is not a duration (expected e.g. 500ms, 30s, 15m, 2h, 1d, 1w)").arg(text));
    const qint64 n = m.captured(1).toLongLong();
    const QString unit = m.captured(2);
    const qint64 mult = unit == QLatin1String("ms")  ? 1
                        : unit == QLatin1String("s") ? 1000
                        : unit == QLatin1String("m") ? 60'000
                        : unit == QLatin1String("h") ? 3'600'000
                        : unit == QLatin1String("d") ? 86'400'000
                                                     : 604'800'000;
    return n * mult;
}

Result<TimestampMs> parseTimePoint(const QString& input, TimestampMs nowMs)
{
    const QString text = input.trimmed();
    if (text.isEmpty()) return makeError(ErrorCode::Parse, QStringLiteral("empty time"));
    static const QRegularExpression digits(QStringLiteral("^\\d{1,15}$"));
    if (digits.match(text).hasMatch()) return static_cast<TimestampMs>(text.toLongLong());
    if (text == QLatin1String("now")) return nowMs;
    static const QRegularExpression rel(QStringLiteral("^(?:now)?\\s*([-+])\\s*(.+)$"));
    if (const auto m = rel.match(text); m.hasMatch() && !text.at(0).isDigit()) {
        auto d = parseDurationMs(m.captured(2));
        if (!d) return d.error();
        return m.captured(1) == QLatin1String("-") ? nowMs - d.value() : nowMs + d.value();
    }
    QString iso = text;
    if (iso.size() > 10 && iso.at(10) == QLatin1Char(' ')) iso[10] = QLatin1Char('T');
    QDateTime dt = QDateTime::fromString(iso, Qt::ISODateWithMs);
    if (!dt.isValid()) dt = QDateTime::fromString(iso, Qt::ISODate);
    if (!dt.isValid())
        return makeError(ErrorCode::Parse,
                         QStringLiteral("'%1' is not a time (expected epoch ms, ISO-8601 such as "
                                        "2026-11-19T03:17:00Z, or now-2h)")
                             .arg(input));
    return static_cast<TimestampMs>(dt.toMSecsSinceEpoch());
}

QString formatTimestampUtc(TimestampMs ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(Qt::ISODateWithMs);
}

void civilFromDays(long long z, int& year, int& month, int& day)
{
    z += 719468;
    const long long era = (z >= 0 ? z : z - 146096) / 146097;
    const long long doe = z - era * 146097;
    const long long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const long long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const long long mp = (5 * doy + 2) / 153;
    day = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
    month = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
    year = static_cast<int>(yoe + era * 400 + (month <= 2));
}

void appendTimestampUtc(QByteArray& out, TimestampMs ms)
{
    const long long days = ms / 86400000 - (ms % 86400000 < 0 ? 1 : 0);
    const long long inDay = ms - days * 86400000;
    if (days < -719162 || days > 2932896) { // outside 0001..9999
        out.append(formatTimestampUtc(ms).toLatin1());
        return;
    }
    int y = 0, m = 0, d = 0;
    civilFromDays(days, y, m, d);
    char buf[24];
    auto two = [&buf](int at, long long v) {
        buf[at] = static_cast<char>('0' + v / 10);
        buf[at + 1] = static_cast<char>('0' + v % 10);
    };
    two(0, y / 100);
    two(2, y % 100);
    buf[4] = '-';
    two(5, m);
    buf[7] = '-';
    two(8, d);
    buf[10] = 'T';
    two(11, inDay / 3600000);
    buf[13] = ':';
    two(14, inDay / 60000 % 60);
    buf[16] = ':';
    two(17, inDay / 1000 % 60);
    buf[19] = '.';
    buf[20] = static_cast<char>('0' + inDay % 1000 / 100);
    two(21, inDay % 100);
    buf[23] = 'Z';
    out.append(buf, sizeof buf);
}

TimestampMs currentTimeMs()
{
    return QDateTime::currentMSecsSinceEpoch();
}

} // namespace rw
