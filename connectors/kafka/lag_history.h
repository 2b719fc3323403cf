#pragma once
// Lag history of Kafka consumer groups as earlier versions kept it, in the app's data folder (one
// NDJSON file per profile and group: {"at":ms,"lag":n}). Now a cluster's case workspace keeps it
// (cluster_source.cpp); these files are read until a group's samples moved there.
// Thread contract: plain blocking file I/O.

#include "log_types.h"
#include "result.h"

#include <QString>

#include <vector>

namespace rw {

QString kafkaLagHistoryPath(const QString& profile, const QString& group);
// Samples in time order; lines that are not ours are skipped.
std::vector<LagSample> readKafkaLagHistory(const QString& profile, const QString& group);

} // namespace rw
