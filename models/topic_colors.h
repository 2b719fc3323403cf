#pragma once
// One colour per topic, the same in every view (timeline bars, topic tree, record table, trace,
// charts), in every source and after a restart: a topic keeps the colour it had before (kept in
// the settings) unless another topic of the open source has it; a new one takes its name's hash
// colour if free, else the first free one. Any other name gets its hash colour. Partitions of a
// topic are shades of its colour. GUI thread only.

#include <QColor>
#include <QStringList>

namespace rw {

void setTopicOrder(const QStringList& topics); // the open source's topics (any order)
QColor topicColor(const QString& topic);
QColor partitionColor(const QString& topic, int partition, int partitions);
QColor matchColor(); // bars of the current filter's matches: not a topic's colour

} // namespace rw
