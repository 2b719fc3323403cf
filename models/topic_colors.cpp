#include "topic_colors.h"

#include <algorithm>
#include <iterator>

namespace rw {

namespace {

// Readable on light and dark backgrounds, and apart from each other.
const QColor kColors[] = {QColor(0x3b, 0x82, 0xc4), QColor(0xe0, 0x8a, 0x1e), QColor(0x3a, 0xa6, 0x5b),
                          QColor(0x8e, 0x6c, 0xc0), QColor(0x2a, 0xa7, 0xa7), QColor(0xb0, 0x7a, 0x50),
                          QColor(0xd0, 0x6f, 0xb0), QColor(0x7f, 0x8c, 0x2d), QColor(0x5b, 0x6e, 0xd6),
                          QColor(0xc7, 0x9d, 0x2a)};

QStringList& order()
{
    static QStringList topics;
    return topics;
}

} // namespace

void setTopicOrder(const QStringList& topics)
{
    QStringList sorted = topics;
    std::sort(sorted.begin(), sorted.end());
    order() = sorted;
}

QColor topicColor(const QString& topic)
{
    const qsizetype i = order().indexOf(topic);
    if (i >= 0) return kColors[static_cast<size_t>(i) % std::size(kColors)];
    quint32 h = 2166136261u; // FNV-1a: the same colour in every run
    for (const QChar c : topic)
        h = (h ^ c.unicode()) * 16777619u;
    return kColors[h % std::size(kColors)];
}

QColor partitionColor(const QString& topic, int partition, int partitions)
{
    const QColor base = topicColor(topic);
    if (partitions <= 1) return base;
    // From darker to lighter shades of the topic's colour.
    const int factor = 70 + (partition * 80) / std::max(1, partitions - 1);
    return factor < 100 ? base.darker(100 + (100 - factor)) : base.lighter(factor);
}

QColor matchColor()
{
    return QColor(0xd0, 0x30, 0x30);
}

} // namespace rw
