#pragma once
// Kafka as a source for the explorer: testing a profile's connection, and the cluster overview
// (brokers, topics with partitions, watermarks, leader and ISR, groups with lag) mapped onto the
// same WorkspaceOverview the local workspace uses (WorkspaceLoader loads it on a worker).
// Thread contract: the functions block (workers, tests); KafkaJobs lives on the GUI thread and
// tests connections as JobRunner jobs, the newest winning.

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
    int testConnection(const KafkaProfile& profile); // the cluster's overview loads in WorkspaceLoader

signals:
    void connectionTested(int job, bool ok, const QString& message);

private:
    JobRunner* m_tests;
};

} // namespace rw
