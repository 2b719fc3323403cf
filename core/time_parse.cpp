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

TimestampMs currentTimeMs()
{
    return QDateTime::currentMSecsSinceEpoch();
}

} // namespace rw
