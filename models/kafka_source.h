#pragma once
// Kafka as a source for the explorer: testing a profile's connection, and the cluster overview
// (brokers, topics with partitions, watermarks, leader and ISR, groups with lag) mapped onto the
// same WorkspaceOverview the local workspace uses. Thread contract: both objects live on the GUI
// thread and run librdkafka on their own pool threads; newer jobs supersede older ones.

#include "kafka_client.h"
#include "workspace_overview.h"

#include <QObject>
#include <QThreadPool>

#include <atomic>
#include <memory>

namespace rw {

// Synchronous; for the worker and tests.
Result<WorkspaceOverview> loadKafkaOverview(const KafkaProfile& profile);
// "Connected to 1 broker (controller 1) · 12 topics" or the reason it failed.
Result<QString> testKafkaConnection(const KafkaProfile& profile);

class KafkaJobs : public QObject {
    Q_OBJECT
public:
    explicit KafkaJobs(QObject* parent = nullptr);
    ~KafkaJobs() override;
    int loadOverview(const KafkaProfile& profile);
    int testConnection(const KafkaProfile& profile);

signals:
    void overviewLoaded(int job, const rw::WorkspaceOverview& overview);
    void overviewFailed(int job, const QString& message);
    void connectionTested(int job, bool ok, const QString& message);

private:
    QThreadPool m_pool;
    int m_job = 0;
    std::shared_ptr<std::atomic_bool> m_alive = std::make_shared<std::atomic_bool>(true);
};

} // namespace rw
