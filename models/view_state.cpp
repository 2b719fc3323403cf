#include "view_state.h"

#include <QJsonArray>

namespace rw {
namespace {

QJsonValue rangeJson(const std::optional<ViewState::Range>& r)
{
    if (!r) return QJsonValue();
    return QJsonArray{static_cast<double>(r->first), static_cast<double>(r->second)};
}

std::optional<ViewState::Range> rangeFromJson(const QJsonValue& v)
{
    const QJsonArray a = v.toArray();
    if (a.size() != 2 || !a[0].isDouble() || !a[1].isDouble() || !(a[0].toDouble() < a[1].toDouble()))
        return std::nullopt;
    return ViewState::Range{static_cast<TimestampMs>(a[0].toDouble()),
                            static_cast<TimestampMs>(a[1].toDouble())};
}

} // namespace

std::optional<ViewState::Range> ViewState::replayRange() const
{
    if (range) return range;
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
    if (range) o[QStringLiteral("range")] = rangeJson(range);
    if (zoom) o[QStringLiteral("zoom")] = rangeJson(zoom);
    return o;
}

ViewState ViewState::fromJson(const QJsonObject& o)
{
    ViewState v;
    v.source = o.value(QStringLiteral("source")).toString();
    v.topic = o.value(QStringLiteral("topic")).toString();
    v.partition = o.value(QStringLiteral("partition")).toInt(-1);
    v.filter = o.value(QStringLiteral("filter")).toString();
    v.range = rangeFromJson(o.value(QStringLiteral("range")));
    v.zoom = rangeFromJson(o.value(QStringLiteral("zoom")));
    return v;
}

} // namespace rw
