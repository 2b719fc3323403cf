#pragma once
// Kafka as a source for the explorer: testing a profile's connection, and the cluster overview
// (brokers, topics with partitions, watermarks, leader and ISR, groups with lag) mapped onto the
// same WorkspaceOverview the local workspace uses. Thread contract: KafkaJobs lives on the GUI
// thread and runs librdkafka as JobRunner jobs; a newer job of a kind supersedes the older one.

#include "kafka_client.h"
#include "workspace_overview.h"

#include <QObject>

#include <atomic>

namespace rw {

class JobRunner;

// Synchronous; for the worker and tests.
Result<WorkspaceOverview> loadKafkaOverview(const KafkaProfile& profile,
                                            const std::atomic_bool* cancel = nullptr);
// "Connected to 1 broker (controller 1) · 12 topics" or the reason it failed.
Result<QString> testKafkaConnection(const KafkaProfile& profile);

class KafkaJobs : public QObject {
    Q_OBJECT
public:
    explicit KafkaJobs(QObject* parent = nullptr);
    int loadOverview(const KafkaProfile& profile);
    int testConnection(const KafkaProfile& profile);

signals:
    void overviewLoaded(int job, const rw::WorkspaceOverview& overview);
    void overviewFailed(int job, const QString& message);
    void connectionTested(int job, bool ok, const QString& message);

private:
    JobRunner* m_overviews; // one runner per kind: testing a connection never drops an overview
    JobRunner* m_tests;
};

} // namespace rw
