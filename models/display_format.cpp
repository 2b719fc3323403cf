#include "display_format.h"

#include <QDateTime>
#include <QLocale>

namespace rw {

QString windowDateFormat()
{
    const QLocale loc;
    if (loc.language() == QLocale::English || loc.language() == QLocale::C)
        return QStringLiteral("yyyy-MM-dd");
    QString f = loc.dateFormat(QLocale::ShortFormat);
    if (!f.contains(QStringLiteral("yyyy"))) f.replace(QStringLiteral("yy"), QStringLiteral("yyyy"));
    return f;
}

QString displayTime(TimestampMs ms, bool utc, TimeDetail detail, bool weekday)
{
    const QDateTime t =
        utc ? QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC) : QDateTime::fromMSecsSinceEpoch(ms);
    const QString time = detail == TimeDetail::Minutes   ? QStringLiteral("HH:mm")
                         : detail == TimeDetail::Seconds ? QStringLiteral("HH:mm:ss")
                                                         : QStringLiteral("HH:mm:ss.zzz");
    const QString format =
        (weekday ? QStringLiteral("ddd ") : QString()) + windowDateFormat() + QLatin1Char(' ') + time;
    return QLocale().toString(t, format) + (utc ? QStringLiteral("Z") : QString());
}

} // namespace rw
