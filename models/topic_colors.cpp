#include "topic_colors.h"

#include "settings_keys.h"

#include <QHash>
#include <QSettings>
#include <QVariantMap>

#include <algorithm>
#include <iterator>

namespace rw {

namespace {

// Readable on light and dark backgrounds, and apart from each other.
const QColor kColors[] = {QColor(0x3b, 0x82, 0xc4), QColor(0xe0, 0x8a, 0x1e), QColor(0x3a, 0xa6, 0x5b),
                          QColor(0x8e, 0x6c, 0xc0), QColor(0x2a, 0xa7, 0xa7), QColor(0xb0, 0x7a, 0x50),
                          QColor(0xd0, 0x6f, 0xb0), QColor(0x7f, 0x8c, 0x2d), QColor(0x5b, 0x6e, 0xd6),
                          QColor(0xc7, 0x9d, 0x2a)};

constexpr int kRemembered = 2000; // names kept in the settings; other sources' go first

QHash<QString, int>& assigned() // the open source's topics
{
    static QHash<QString, int> topics;
    return topics;
}

int hashIndex(const QString& topic)
{
    quint32 h = 2166136261u; // FNV-1a: the same colour in every run
    for (const QChar c : topic)
        h = (h ^ c.unicode()) * 16777619u;
    return static_cast<int>(h % std::size(kColors));
}

} // namespace

void setTopicOrder(const QStringList& topics)
{
    QStringList sorted = topics;
    std::sort(sorted.begin(), sorted.end());
    sorted.removeDuplicates();
    QSettings settings;
    QVariantMap remembered = settings.value(settings::kTopicColours).toMap();
    constexpr int n = static_cast<int>(std::size(kColors));
    std::vector<int> uses(n, 0);
    QHash<QString, int> chosen;
    // Topics that had a colour keep it (the first of two that had the same one, by name).
    for (const QString& t : sorted) {
        bool ok = false;
        const int i = remembered.value(t).toInt(&ok);
        if (ok && i >= 0 && i < n && uses[static_cast<size_t>(i)] == 0) {
            chosen.insert(t, i);
            ++uses[static_cast<size_t>(i)];
        }
    }
    // The others: their hash colour if free, else the least used one (distinct while there are
    // colours left).
    for (const QString& t : sorted) {
        if (chosen.contains(t)) continue;
        int i = hashIndex(t);
        if (uses[static_cast<size_t>(i)] > 0)
            i = static_cast<int>(std::min_element(uses.begin(), uses.end()) - uses.begin());
        chosen.insert(t, i);
        ++uses[static_cast<size_t>(i)];
        remembered.insert(t, i);
    }
    if (remembered.size() > kRemembered) { // forget names of other sources first
        for (auto it = remembered.begin(); it != remembered.end() && remembered.size() > kRemembered;)
            it = chosen.contains(it.key()) ? std::next(it) : remembered.erase(it);
    }
    settings.setValue(settings::kTopicColours, remembered);
    assigned() = chosen;
}

QColor topicColor(const QString& topic)
{
    const auto it = assigned().constFind(topic);
    return kColors[static_cast<size_t>(it != assigned().constEnd() ? it.value() : hashIndex(topic))];
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
