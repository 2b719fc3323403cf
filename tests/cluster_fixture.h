#pragma once
// What the suites on the replicated test cluster share: scripts/kafka-cluster (scripts/test starts
// it as root and exports REWIND_CLUSTER_BOOTSTRAP) and a profile of it.

#include "kafka_client.h"

#include <QString>

namespace rw::test {

inline const QString kClusterScript = QStringLiteral(REWIND_SOURCE_DIR "/scripts/kafka-cluster");

inline QString clusterBootstrap()
{
    return qEnvironmentVariable("REWIND_CLUSTER_BOOTSTRAP");
}

// A writable profile of the cluster.
inline KafkaProfile clusterProfile(const QString& name = QStringLiteral("cluster"))
{
    KafkaProfile p;
    p.name = name;
    p.bootstrap = clusterBootstrap();
    p.readOnly = false;
    return p;
}

} // namespace rw::test

// In initTestCase: the suite skips, saying why, where no cluster runs.
#define RW_SKIP_WITHOUT_CLUSTER()                                                                            \
    do {                                                                                                     \
        if (rw::test::clusterBootstrap().isEmpty())                                                          \
            QSKIP("needs the replicated test cluster: run scripts/test as root (it starts "                  \
                  "scripts/kafka-cluster and sets REWIND_CLUSTER_BOOTSTRAP)");                               \
    } while (false)
