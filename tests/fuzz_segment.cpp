// libFuzzer target: the Kafka record batch decoder (connectors/kafka_segment) on arbitrary
// bytes. Each input is tried as it is, and again with its header made plausible and its CRC-32C
// recomputed, so the fuzzer reaches the record parser and the gzip/snappy/lz4/zstd decoders
// behind the checksum. Any crash, sanitizer report, hang or unbounded memory is a bug: broker
// files are untrusted and may only ever give errors.

#include "kafka_segment.h"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    static const QString topic = QStringLiteral("t");
    rw::SegmentLimits limits;
    limits.maxDecompressedBytes = 4 << 20;
    const QByteArrayView raw(reinterpret_cast<const char*>(data), static_cast<qsizetype>(size));
    qint64 used = 0;
    (void)rw::decodeBatch(raw, topic, 0, limits, &used);
    if (size < 61 || size > (1u << 20)) return 0;
    QByteArray fixed(raw.data(), raw.size());
    const quint32 length = static_cast<quint32>(size - 12);
    for (int i = 0; i < 4; ++i)
        fixed[8 + i] = static_cast<char>((length >> (24 - 8 * i)) & 0xff);
    fixed[16] = 2; // magic
    const quint32 crc = rw::crc32c(QByteArrayView(fixed).sliced(21));
    for (int i = 0; i < 4; ++i)
        fixed[17 + i] = static_cast<char>((crc >> (24 - 8 * i)) & 0xff);
    auto b = rw::decodeBatch(fixed, topic, 0, limits, &used);
    if (b && static_cast<qint64>(b->records.size()) > limits.maxRecordsPerBatch) __builtin_trap();
    return 0;
}
