#pragma once
// Lag history of Kafka consumer groups, kept in the app's data folder (one NDJSON file per
// profile and group: {"at":ms,"lag":n}), since a cluster has no place for it. A workspace keeps
// its own (WorkspaceStore::lagSamples). Thread contract: plain blocking file I/O; one writer per
// file at a time (the app's lag sampler).

#include "log_types.h"
#include "result.h"

#include <QString>

#include <vector>

namespace rw {

QString kafkaLagHistoryPath(const QString& profile, const QString& group);
Result<void> appendKafkaLagSample(const QString& profile, const QString& group, const LagSample& sample);
// Samples in time order; lines that are not ours are skipped.
std::vector<LagSample> readKafkaLagHistory(const QString& profile, const QString& group);

} // namespace rw
