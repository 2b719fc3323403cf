#pragma once
// Key partitioners. Kafka's Java producer: murmur2 of the key bytes, positive, modulo the partition
// count (org.apache.kafka.common.utils.Utils.murmur2 / toPositive). librdkafka's default
// (consistent_random, used by kcat and most non-Java clients): CRC-32 of the key modulo the
// partition count. Any thread.

#include <QByteArrayView>
#include <QStringView>

#include <cstdint>

namespace rw {

std::int32_t murmur2(QByteArrayView data);
std::int32_t defaultPartition(QByteArrayView key, std::int32_t partitionCount);

std::uint32_t crc32(QByteArrayView data); // IEEE 802.3 (zlib's crc32, librdkafka's rd_crc32)
std::int32_t crc32Partition(QByteArrayView key, std::int32_t partitionCount);

// Which producer put keys where, as far as a search may assume it. None: nothing is assumed and a
// key lookup reads every partition (the default: a pushdown must never change a result).
enum class KeyPartitioner { None, Murmur2, Crc32 };
std::int32_t partitionFor(KeyPartitioner partitioner, QByteArrayView key, std::int32_t partitionCount);
const char* partitionerName(KeyPartitioner partitioner); // "none", "murmur2", "crc32"
bool parsePartitioner(QStringView name, KeyPartitioner& out);

} // namespace rw
