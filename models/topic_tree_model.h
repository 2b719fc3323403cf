#pragma once
// Topics and their partitions as a two-level tree with watermarks, counts, the largest group
// lag per topic and, on a live cluster, each partition's replication with its problems flagged. GUI thread
// only; fed whole overviews by WorkspaceLoader.

#include "workspace_overview.h"

#include <QAbstractItemModel>

namespace rw {

class TopicTreeModel : public QAbstractItemModel {
    Q_OBJECT
public:
    enum Column { Name, Partitions, Records, Low, High, LastRecord, MaxLag, Replicas, ColumnCount };
    // ReplicationProblemRole: what is wrong with a partition's replication (offline,
    // under-replicated, below min.insync.replicas), or for a topic how many of its partitions
    // have a problem; empty when nothing is (and everywhere but a live cluster).
    enum Role {
        TopicRole = Qt::UserRole + 1,
        PartitionRole,
        SortRole,
        LowRole,
        HighRole,
        ReplicationProblemRole
    };

    explicit TopicTreeModel(QObject* parent = nullptr);

    void setOverview(const WorkspaceOverview& overview);
    // Replication read again (with min.insync.replicas): every row repainted, the tree's
    // expansion and selection kept.
    void setReplicas(const QHash<QPair<QString, int>, ReplicaFact>& replicas);
    void clear();
    // A live source's fresh watermarks for the topics shown, without a reset (the tree keeps its
    // expansion and selection). Topics new or with another partition count wait for a reload.
    // Returns whether any partition changed.
    bool updateWatermarks(const std::vector<TopicInfo>& fresh);
    // One partition's end as a view has just read it (its count follows when offsets are dense).
    void setPartitionHigh(const QString& topic, PartitionId partition, Offset high);

    QModelIndex index(int row, int column, const QModelIndex& parent = {}) const override;
    QModelIndex parent(const QModelIndex& child) const override;
    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    void partitionChanged(size_t topicRow, size_t partitionRow);
    static constexpr quintptr kTopLevel = ~quintptr(0);
    std::vector<TopicInfo> m_topics;
    QHash<QString, size_t> m_rowOf; // a topic's row, by name
    QHash<QString, qint64> m_maxLag;
    QString topicProblem(const TopicInfo& t) const;
    QHash<QPair<QString, int>, ReplicaFact> m_replicas; // a live cluster's, per partition
};

} // namespace rw
