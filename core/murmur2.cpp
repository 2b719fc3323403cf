#include "murmur2.h"

#include <QString>

namespace rw {

std::int32_t murmur2(QByteArrayView data)
{
    const auto length = static_cast<std::uint32_t>(data.size());
    const std::uint32_t seed = 0x9747b28c;
    const std::uint32_t m = 0x5bd1e995;
    const int r = 24;
    std::uint32_t h = seed ^ length;
    const std::uint32_t length4 = length / 4;
    const auto* p = reinterpret_cast<const std::uint8_t*>(data.data());
    for (std::uint32_t i = 0; i < length4; ++i) {
        const std::uint32_t i4 = i * 4;
        std::uint32_t k = std::uint32_t(p[i4 + 0]) | (std::uint32_t(p[i4 + 1]) << 8) |
                          (std::uint32_t(p[i4 + 2]) << 16) | (std::uint32_t(p[i4 + 3]) << 24);
        k *= m;
        k ^= k >> r;
        k *= m;
        h *= m;
        h ^= k;
    }
    const std::uint32_t tail = length4 * 4;
    switch (length % 4) {
    case 3:
        h ^= std::uint32_t(p[tail + 2]) << 16;
        [[fallthrough]];
    case 2:
        h ^= std::uint32_t(p[tail + 1]) << 8;
        [[fallthrough]];
    case 1:
        h ^= std::uint32_t(p[tail]);
        h *= m;
    }
    h ^= h >> 13;
    h *= m;
    h ^= h >> 15;
    return static_cast<std::int32_t>(h);
}

std::int32_t defaultPartition(QByteArrayView key, std::int32_t partitionCount)
{
    if (partitionCount <= 0) return 0;
    const auto positive = static_cast<std::int32_t>(static_cast<std::uint32_t>(murmur2(key)) & 0x7fffffffu);
    return positive % partitionCount;
}

namespace {

struct Crc32Table {
    std::uint32_t t[256];
    constexpr Crc32Table() : t()
    {
        for (std::uint32_t i = 0; i < 256; ++i) {
            std::uint32_t c = i;
            for (int k = 0; k < 8; ++k)
                c = (c & 1) ? 0xedb88320u ^ (c >> 1) : c >> 1;
            t[i] = c;
        }
    }
};
constexpr Crc32Table kCrc32;

} // namespace

std::uint32_t crc32(QByteArrayView data)
{
    std::uint32_t c = 0xffffffffu;
    for (const char ch : data)
        c = kCrc32.t[(c ^ static_cast<unsigned char>(ch)) & 0xff] ^ (c >> 8);
    return c ^ 0xffffffffu;
}

std::int32_t crc32Partition(QByteArrayView key, std::int32_t partitionCount)
{
    if (partitionCount <= 0) return 0;
    return static_cast<std::int32_t>(crc32(key) % static_cast<std::uint32_t>(partitionCount));
}

std::int32_t partitionFor(KeyPartitioner partitioner, QByteArrayView key, std::int32_t partitionCount)
{
    return partitioner == KeyPartitioner::Crc32 ? crc32Partition(key, partitionCount)
                                                : defaultPartition(key, partitionCount);
}

const char* partitionerName(KeyPartitioner partitioner)
{
    switch (partitioner) {
    case KeyPartitioner::Murmur2:
        return "murmur2";
    case KeyPartitioner::Crc32:
        return "crc32";
    case KeyPartitioner::None:
        break;
    }
    return "none";
}

bool parsePartitioner(QStringView name, KeyPartitioner& out)
{
    for (KeyPartitioner k : {KeyPartitioner::None, KeyPartitioner::Murmur2, KeyPartitioner::Crc32})
        if (name == QLatin1String(partitionerName(k))) {
            out = k;
            return true;
        }
    return false;
}

} // namespace rw
