#pragma once
// One colour per topic, the same in every view (timeline bars, topic tree, record table, trace,
// charts). The open source's topics get distinct colours in name order; any other name gets one
// by a stable hash. Partitions of a topic are shades of its colour. GUI thread only.

#include <QColor>
#include <QStringList>

namespace rw {

void setTopicOrder(const QStringList& topics); // the open source's topics (any order)
QColor topicColor(const QString& topic);
QColor partitionColor(const QString& topic, int partition, int partitions);
QColor matchColor(); // bars of the current filter's matches: not a topic's colour

} // namespace rw
