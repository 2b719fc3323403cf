#include "view_state.h"

#include "time_parse.h"

#include <QDateTime>
#include <QJsonArray>
#include <QRegularExpression>

namespace rw {
namespace {

const QRegularExpression& leadingRange()
{
    static const QRegularExpression re(
        QStringLiteral("^timestamp >= \"([^\"]*)\" && timestamp < \"([^\"]*)\"(?:\\s*&&\\s*(.*))?$"),
        QRegularExpression::DotMatchesEverythingOption);
    return re;
}

QString isoUtc(TimestampMs ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(QStringLiteral("yyyy-MM-ddTHH:mm:ss.zzzZ"));
}

} // namespace

std::optional<ViewState::Range> ViewState::timeRange() const
{
    const auto m = leadingRange().match(filter);
    if (!m.hasMatch()) return std::nullopt;
    auto from = parseTimePoint(m.captured(1), currentTimeMs());
    auto to = parseTimePoint(m.captured(2), currentTimeMs());
    if (!from || !to) return std::nullopt;
    return Range{from.value(), to.value()};
}

QString ViewState::filterWithoutTimeRange() const
{
    const auto m = leadingRange().match(filter);
    return m.hasMatch() ? m.captured(3).trimmed() : filter.trimmed();
}

void ViewState::setTimeRange(TimestampMs from, TimestampMs to)
{
    const QString rest = filterWithoutTimeRange();
    filter = QStringLiteral("timestamp >= \"%1\" && timestamp < \"%2\"").arg(isoUtc(from), isoUtc(to));
    if (!rest.isEmpty()) filter += QStringLiteral(" && ") + rest;
}

std::optional<ViewState::Range> ViewState::replayRange() const
{
    if (auto r = timeRange()) return r;
    if (filter.trimmed().isEmpty()) return zoom;
    return std::nullopt; // a filter of its own decides which records; the zoom is only a view
}

QJsonObject ViewState::toJson() const
{
    QJsonObject o;
    o[QStringLiteral("source")] = source;
    o[QStringLiteral("topic")] = topic;
    o[QStringLiteral("partition")] = partition;
    o[QStringLiteral("filter")] = filter;
    if (zoom)
        o[QStringLiteral("zoom")] =
            QJsonArray{static_cast<double>(zoom->first), static_cast<double>(zoom->second)};
    return o;
}

ViewState ViewState::fromJson(const QJsonObject& o)
{
    ViewState v;
    v.source = o.value(QStringLiteral("source")).toString();
    v.topic = o.value(QStringLiteral("topic")).toString();
    v.partition = o.value(QStringLiteral("partition")).toInt(-1);
    v.filter = o.value(QStringLiteral("filter")).toString();
    const QJsonArray z = o.value(QStringLiteral("zoom")).toArray();
    if (z.size() == 2 && z[0].isDouble() && z[1].isDouble() && z[0].toDouble() < z[1].toDouble())
        v.zoom = Range{static_cast<TimestampMs>(z[0].toDouble()), static_cast<TimestampMs>(z[1].toDouble())};
    return v;
}

} // namespace rw
