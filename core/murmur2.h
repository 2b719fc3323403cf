#pragma once
// Kafka's default partitioner: murmur2 of the key bytes, positive, modulo the partition count.
// Matches org.apache.kafka.common.utils.Utils.murmur2 / toPositive. Any thread.

#include <QByteArrayView>

#include <cstdint>

namespace rw {

std::int32_t murmur2(QByteArrayView data);
std::int32_t defaultPartition(QByteArrayView key, std::int32_t partitionCount);

} // namespace rw
