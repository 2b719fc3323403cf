#pragma once
// Testing a Kafka profile's connection (the cluster's overview loads like any source's, in
// WorkspaceLoader).
// Thread contract: the functions block (workers, tests); KafkaJobs lives on the GUI thread and
// tests connections as JobRunner jobs, the newest winning.

#include "kafka_client.h"
#include "workspace_overview.h"

#include <QObject>

#include <atomic>

namespace rw {

class JobRunner;

// "Connected to 1 broker (controller 1) · 12 topics" or the reason it failed.
Result<QString> testKafkaConnection(const KafkaProfile& profile);

class KafkaJobs : public QObject {
    Q_OBJECT
public:
    explicit KafkaJobs(QObject* parent = nullptr);
    int testConnection(const KafkaProfile& profile); // the cluster's overview loads in WorkspaceLoader

signals:
    // ok: the message says what answered; else `error` (code intact) says why not.
    void connectionTested(int job, bool ok, const QString& message, const rw::Error& error);

private:
    JobRunner* m_tests;
};

} // namespace rw
