#pragma once
// What the window shows, as one value: the source, topic, partition, filter and the timeline's
// zoom. It is saved with the window, restored when the same source opens again, and handed from
// one page to another (Ctrl+R opens the replay console on exactly this view). The filter keeps
// the time range the timeline put in front of it as text, so what the user sees in the filter bar
// is what runs; timeRange() reads that range back. Any thread (a plain value).

#include "record.h"

#include <QJsonObject>
#include <QString>

#include <optional>
#include <utility>

namespace rw {

struct ViewState {
    using Range = std::pair<TimestampMs, TimestampMs>; // [from, to)

    QString source;     // the workspace or data directory path, or "kafka:<profile>"
    QString topic;      // empty: no topic chosen
    int partition = -1; // -1: all partitions of the topic
    QString filter;     // as in the filter bar
    std::optional<Range> zoom;

    // The leading `timestamp >= "…" && timestamp < "…"` of the filter, and the rest of it.
    std::optional<Range> timeRange() const;
    QString filterWithoutTimeRange() const;
    // The filter with its leading time range replaced by [from, to) (or put in front).
    void setTimeRange(TimestampMs from, TimestampMs to);
    // The range a replay of this view covers: the filter's time range, else the zoom.
    std::optional<Range> replayRange() const;

    QJsonObject toJson() const;
    static ViewState fromJson(const QJsonObject& o);
    bool operator==(const ViewState&) const = default;
};

} // namespace rw
