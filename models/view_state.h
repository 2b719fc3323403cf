#pragma once
// What the window shows, as one value: the source, topic, partition, filter, the time range the
// timeline shaded and the timeline's zoom. It is saved with the window, restored when the same
// source opens again, and handed from one page to another (Ctrl+R opens the replay console on
// exactly this view). The range is a field of its own, never written into the filter's text: the
// filter bar shows it as a chip beside the filter, and a search takes it as
// SearchOptions::timeRange. Any thread (a plain value).

#include "record.h"

#include <QJsonObject>
#include <QString>

#include <optional>
#include <utility>

namespace rw {

struct ViewState {
    using Range = std::pair<TimestampMs, TimestampMs>; // [from, to)

    QString source;             // the workspace or data directory path, or "kafka:<profile>"
    QString topic;              // empty: no topic chosen
    int partition = -1;         // -1: all partitions of the topic
    QString filter;             // as in the filter bar
    std::optional<Range> range; // only records in it are listed (the timeline's shaded range)
    std::optional<Range> zoom;

    // The range a replay of this view covers: the shaded range, else the zoom when no filter
    // decides which records.
    std::optional<Range> replayRange() const;

    QJsonObject toJson() const;
    static ViewState fromJson(const QJsonObject& o);
    bool operator==(const ViewState&) const = default;
};

} // namespace rw
