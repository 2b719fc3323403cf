#pragma once
// The Cluster page of a live Kafka cluster: its brokers (host, rack, controller, whether each
// answers), the partitions with a replication problem (offline, under-replicated, below
// min.insync.replicas), and the settings of the topic selected in the tree (retention, cleanup,
// min.insync.replicas, max.message.bytes, each marked where the topic overrides the default).
// Brokers and settings load on JobRunners of their own through the source (RecordSource::brokers,
// topicSettings); the newest request of each kind wins. GUI thread only.

#include "workspace_overview.h"

#include <QWidget>

class QLabel;
class QTableWidget;

namespace rw {

class JobRunner;

class ClusterPage : public QWidget {
    Q_OBJECT
public:
    explicit ClusterPage(QWidget* parent = nullptr);

    // The open source: for a cluster its brokers are asked again and its replication problems
    // listed; for any other source the page says it has no brokers.
    void setSource(const WorkspaceOverview& overview);
    void setReplicas(const WorkspaceOverview& overview); // replication read again
    // The topic whose settings are shown (loaded now where the source is a cluster).
    void showTopic(const QString& topic);
    void refresh(); // asks the brokers and the topic's settings again

    QString titleText() const;
    QString settingsTitleText() const;
    QString problemsTitleText() const;
    QTableWidget* brokersTable() const { return m_brokers; }
    QTableWidget* problemsTable() const { return m_problems; }
    QTableWidget* settingsTable() const { return m_settings; }

signals:
    void brokersLoaded();
    void settingsLoaded(const QString& topic);
    void partitionWanted(const QString& topic, int partition); // a problem row was activated

private:
    void loadBrokers();
    void loadSettings();
    void listProblems(const WorkspaceOverview& overview);
    JobRunner* m_brokerJobs;
    JobRunner* m_settingJobs;
    QLabel* m_title;
    QTableWidget* m_brokers;
    QLabel* m_problemsTitle;
    QTableWidget* m_problems;
    QLabel* m_settingsTitle;
    QTableWidget* m_settings;
    std::shared_ptr<RecordSource> m_source;
    bool m_cluster = false;
    int m_brokerCount = 0;
    QString m_topic;
};

} // namespace rw
