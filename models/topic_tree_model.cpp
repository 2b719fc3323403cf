#include "topic_tree_model.h"

#include "display_format.h"
#include "topic_colors.h"

#include "time_parse.h"

#include <QColor>
#include <QDateTime>
#include <QLocale>

namespace rw {

TopicTreeModel::TopicTreeModel(QObject* parent) : QAbstractItemModel(parent) {}

void TopicTreeModel::setOverview(const WorkspaceOverview& overview)
{
    beginResetModel();
    m_topics = overview.topics;
    m_rowOf.clear();
    for (size_t i = 0; i < m_topics.size(); ++i)
        m_rowOf.insert(m_topics[i].name, i);
    m_maxLag = overview.maxLagByTopic;
    m_replicas = overview.replicas;
    endResetModel();
}

void TopicTreeModel::setReplicas(const QHash<QPair<QString, int>, ReplicaFact>& replicas)
{
    emit layoutAboutToBeChanged();
    m_replicas = replicas;
    emit layoutChanged(); // no row moves: the views ask every shown row again
}

void TopicTreeModel::clear()
{
    beginResetModel();
    m_topics.clear();
    m_rowOf.clear();
    m_maxLag.clear();
    m_replicas.clear();
    endResetModel();
}

void TopicTreeModel::partitionChanged(size_t topicRow, size_t partitionRow)
{
    const QModelIndex topic = index(static_cast<int>(topicRow), 0);
    emit dataChanged(index(static_cast<int>(partitionRow), 0, topic),
                     index(static_cast<int>(partitionRow), ColumnCount - 1, topic));
    emit dataChanged(topic, index(static_cast<int>(topicRow), ColumnCount - 1));
}

bool TopicTreeModel::updateWatermarks(const std::vector<TopicInfo>& fresh)
{
    bool any = false;
    for (const TopicInfo& f : fresh) {
        // By name through the index: a poll of 5,000 topics is 5,000 lookups, not 25 million
        // comparisons on the GUI thread.
        auto row = m_rowOf.constFind(f.name);
        if (row == m_rowOf.constEnd()) continue;
        const size_t t = row.value();
        TopicInfo& mine = m_topics[t];
        if (mine.partitions.size() != f.partitions.size()) continue; // waits for a reload
        for (size_t i = 0; i < f.partitions.size(); ++i) {
            PartitionInfo& p = mine.partitions[i];
            const PartitionInfo& q = f.partitions[i];
            if (p.partition != q.partition) break;
            if (p.low == q.low && p.high == q.high && p.count == q.count && p.stable == q.stable &&
                p.maxTimestamp == q.maxTimestamp)
                continue;
            p = q;
            partitionChanged(t, i);
            any = true;
        }
    }
    return any;
}

void TopicTreeModel::setPartitionHigh(const QString& topic, PartitionId partition, Offset high)
{
    auto row = m_rowOf.constFind(topic);
    if (row == m_rowOf.constEnd()) return;
    const size_t t = row.value();
    for (size_t i = 0; i < m_topics[t].partitions.size(); ++i) {
        PartitionInfo& p = m_topics[t].partitions[i];
        if (p.partition != partition || high <= p.high) continue;
        const bool dense = p.count == p.high - p.low;
        p.high = high;
        if (dense) p.count = p.high - p.low;
        if (p.stable && *p.stable < high) p.stable.reset(); // read past it: decided since
        partitionChanged(t, i);
    }
}

QString TopicTreeModel::topicProblem(const TopicInfo& t) const
{
    if (m_replicas.isEmpty()) return {};
    int offline = 0, under = 0, belowMin = 0;
    for (const PartitionInfo& p : t.partitions) {
        auto r = m_replicas.constFind({t.name, p.partition});
        if (r == m_replicas.constEnd()) continue;
        if (r->offline()) {
            ++offline;
            continue;
        }
        under += r->underReplicated();
        belowMin += r->belowMinInsync();
    }
    QStringList parts;
    if (offline) parts << tr("%n partition(s) offline", nullptr, offline);
    if (under) parts << tr("%n partition(s) under-replicated", nullptr, under);
    if (belowMin) parts << tr("%n partition(s) below min.insync.replicas", nullptr, belowMin);
    return parts.join(QLatin1String(" · "));
}

// Internal id: kTopLevel for topic rows, the topic's row for partition rows.
QModelIndex TopicTreeModel::index(int row, int column, const QModelIndex& parent) const
{
    if (row < 0 || column < 0 || column >= ColumnCount) return {};
    if (!parent.isValid())
        return static_cast<size_t>(row) < m_topics.size() ? createIndex(row, column, kTopLevel)
                                                          : QModelIndex();
    if (parent.internalId() != kTopLevel || parent.column() != 0) return {};
    const auto& t = m_topics[static_cast<size_t>(parent.row())];
    if (static_cast<size_t>(row) >= t.partitions.size()) return {};
    return createIndex(row, column, static_cast<quintptr>(parent.row()));
}

QModelIndex TopicTreeModel::parent(const QModelIndex& child) const
{
    if (!child.isValid() || child.internalId() == kTopLevel) return {};
    return createIndex(static_cast<int>(child.internalId()), 0, kTopLevel);
}

int TopicTreeModel::rowCount(const QModelIndex& parent) const
{
    if (!parent.isValid()) return static_cast<int>(m_topics.size());
    if (parent.internalId() == kTopLevel && parent.column() == 0)
        return static_cast<int>(m_topics[static_cast<size_t>(parent.row())].partitions.size());
    return 0;
}

int TopicTreeModel::columnCount(const QModelIndex&) const
{
    return ColumnCount;
}

QVariant TopicTreeModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid()) return {};
    const bool isTopic = index.internalId() == kTopLevel;
    const auto& t =
        m_topics[static_cast<size_t>(isTopic ? index.row() : static_cast<int>(index.internalId()))];
    const PartitionInfo* p = isTopic ? nullptr : &t.partitions[static_cast<size_t>(index.row())];
    if (role == TopicRole) return t.name;
    if (role == PartitionRole) return p ? QVariant(p->partition) : QVariant();
    if (role == LowRole) return p ? QVariant(static_cast<qint64>(p->low)) : QVariant();
    if (role == HighRole) return p ? QVariant(static_cast<qint64>(p->high)) : QVariant();
    if (role == Qt::TextAlignmentRole)
        return index.column() == Name ? QVariant() : QVariant(Qt::AlignRight | Qt::AlignVCenter);
    if (role == Qt::DecorationRole && index.column() == Name)
        return p ? partitionColor(t.name, p->partition, static_cast<int>(t.partitions.size()))
                 : topicColor(t.name);
    if (role == ReplicationProblemRole) {
        if (isTopic) return topicProblem(t);
        auto r = m_replicas.constFind({t.name, p->partition});
        return r == m_replicas.constEnd() ? QString() : r->problem();
    }
    if ((index.column() == Replicas || index.column() == Name) &&
        (role == Qt::ForegroundRole || role == Qt::ToolTipRole)) {
        const QString problem = data(index, ReplicationProblemRole).toString();
        if (problem.isEmpty()) return {};
        if (role == Qt::ForegroundRole) return QColor(0xc0, 0x30, 0x30);
        if (isTopic) return problem;
        return QStringLiteral("%1\n%2").arg(problem, m_replicas.value({t.name, p->partition}).summary());
    }
    if (role == Qt::ToolTipRole && index.column() == MaxLag && isTopic)
        return tr("Largest lag of any consumer group on one partition of this topic");
    if (role == Qt::ToolTipRole && index.column() == High && p && p->stable && *p->stable != p->high)
        return tr("Records from offset %1 on belong to, or follow, a transaction not yet committed or "
                  "aborted: read_committed consumers (and this view) stop there until it is decided.")
            .arg(QLocale().toString(*p->stable));
    if (role != Qt::DisplayRole && role != SortRole) return {};
    const QLocale loc;
    auto lastTs = [&]() -> std::optional<TimestampMs> {
        if (p) return p->maxTimestamp;
        std::optional<TimestampMs> m;
        for (const auto& x : t.partitions)
            if (x.maxTimestamp) m = m ? std::max(*m, *x.maxTimestamp) : *x.maxTimestamp;
        return m;
    };
    switch (index.column()) {
    case Name:
        return p ? tr("partition %1").arg(p->partition) : t.name;
    case Partitions:
        return p ? QVariant() : QVariant(static_cast<int>(t.partitions.size()));
    case Records:
        return role == SortRole ? QVariant(p ? p->count : t.count())
                                : QVariant(loc.toString(p ? p->count : t.count()));
    case Low:
        return p ? QVariant(loc.toString(p->low)) : QVariant();
    case High:
        if (!p) return QVariant();
        // An undecided transaction: a read_committed reader stops at the last stable offset.
        if (p->stable && *p->stable != p->high)
            return role == SortRole
                       ? QVariant(static_cast<qint64>(p->high))
                       : QVariant(tr("%1 (stable %2)").arg(loc.toString(p->high), loc.toString(*p->stable)));
        return QVariant(loc.toString(p->high));
    case LastRecord: {
        const auto ts = lastTs();
        if (!ts) return QStringLiteral("–");
        return displayTime(*ts, false, TimeDetail::Seconds);
    }
    case MaxLag:
        if (p || !m_maxLag.contains(t.name)) return {};
        return role == SortRole ? QVariant(m_maxLag.value(t.name))
                                : QVariant(loc.toString(m_maxLag.value(t.name)));
    case Replicas: {
        if (!p) return topicProblem(t);
        auto r = m_replicas.constFind({t.name, p->partition});
        if (r == m_replicas.constEnd()) return QString();
        const QString problem = r->problem();
        return problem.isEmpty() ? r->summary() : QStringLiteral("%1 · %2").arg(problem, r->summary());
    }
    default:
        return {};
    }
}

QVariant TopicTreeModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) return {};
    switch (section) {
    case Name:
        return tr("Topic");
    case Partitions:
        return tr("Partitions");
    case Records:
        return tr("Records");
    case Low:
        return tr("Low");
    case High:
        return tr("High");
    case LastRecord:
        return tr("Last record");
    case MaxLag:
        return tr("Max lag");
    case Replicas:
        return tr("Replication");
    default:
        return {};
    }
}

} // namespace rw
