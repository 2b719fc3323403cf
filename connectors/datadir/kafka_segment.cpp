#include "kafka_segment.h"

#include "header_codec.h"

#include <QFile>

#include <lz4frame.h>
#include <snappy-c.h>
#include <zlib.h>
#include <zstd.h>

#include <algorithm>
#include <array>
#include <cstring>
#include <memory>
#include <vector>

namespace rw {

namespace {

constexpr qint64 kBatchHeader = 61; // bytes from baseOffset through the records count

std::array<quint32, 256> makeCrcTable()
{
    std::array<quint32, 256> t{};
    for (quint32 i = 0; i < 256; ++i) {
        quint32 c = i;
        for (int k = 0; k < 8; ++k)
            c = (c & 1) ? (c >> 1) ^ 0x82F63B78u : c >> 1;
        t[i] = c;
    }
    return t;
}

// Big-endian readers over a bounds-checked cursor.
struct Reader {
    const uchar* p;
    const uchar* end;
    bool ok = true;

    qint64 left() const { return end - p; }
    bool need(qint64 n)
    {
        if (!ok || n < 0 || left() < n) ok = false;
        return ok;
    }
    template <typename T> T be()
    {
        if (!need(sizeof(T))) return T{};
        std::make_unsigned_t<T> v = 0;
        for (size_t i = 0; i < sizeof(T); ++i)
            v = static_cast<std::make_unsigned_t<T>>((v << 8) | p[i]);
        p += sizeof(T);
        return static_cast<T>(v);
    }
    qint64 varlong() // zigzag
    {
        quint64 v = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            if (!need(1)) return 0;
            const uchar b = *p++;
            v |= quint64(b & 0x7f) << shift;
            if (!(b & 0x80)) return static_cast<qint64>((v >> 1) ^ (~(v & 1) + 1));
        }
        ok = false;
        return 0;
    }
    qint32 varint()
    {
        const qint64 v = varlong();
        if (v < std::numeric_limits<qint32>::min() || v > std::numeric_limits<qint32>::max()) ok = false;
        return static_cast<qint32>(v);
    }
};

Error damage(const QString& what)
{
    return makeError(ErrorCode::Corrupt, what);
}

Result<QByteArray> gunzip(QByteArrayView in, qint64 cap)
{
    z_stream z{};
    if (inflateInit2(&z, 16 + MAX_WBITS) != Z_OK) return damage(QStringLiteral("gzip: cannot start"));
    QByteArray out;
    z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
    z.avail_in = static_cast<uInt>(in.size());
    int rc = Z_OK;
    while (rc != Z_STREAM_END) {
        const qsizetype before = out.size();
        if (before >= cap) {
            inflateEnd(&z);
            return damage(QStringLiteral("gzip: more than %1 bytes decompressed").arg(cap));
        }
        out.resize(std::min<qint64>(cap, std::max<qint64>(before * 2, 64 * 1024)));
        z.next_out = reinterpret_cast<Bytef*>(out.data() + before);
        z.avail_out = static_cast<uInt>(out.size() - before);
        rc = inflate(&z, Z_NO_FLUSH);
        out.resize(out.size() - static_cast<qsizetype>(z.avail_out));
        if (rc != Z_OK && rc != Z_STREAM_END) {
            inflateEnd(&z);
            return damage(QStringLiteral("gzip: %1").arg(QString::fromLatin1(z.msg ? z.msg : "bad data")));
        }
        if (rc == Z_OK && z.avail_in == 0 && z.avail_out != 0) {
            inflateEnd(&z);
            return damage(QStringLiteral("gzip: the data ends early"));
        }
    }
    inflateEnd(&z);
    return out;
}

Result<QByteArray> snappyRaw(QByteArrayView in, qint64 cap)
{
    size_t n = 0;
    if (snappy_uncompressed_length(in.data(), static_cast<size_t>(in.size()), &n) != SNAPPY_OK)
        return damage(QStringLiteral("snappy: bad length"));
    if (static_cast<qint64>(n) > cap)
        return damage(QStringLiteral("snappy: more than %1 bytes decompressed").arg(cap));
    QByteArray out(static_cast<qsizetype>(n), Qt::Uninitialized);
    if (snappy_uncompress(in.data(), static_cast<size_t>(in.size()), out.data(), &n) != SNAPPY_OK)
        return damage(QStringLiteral("snappy: bad data"));
    out.resize(static_cast<qsizetype>(n));
    return out;
}

Result<QByteArray> unsnappy(QByteArrayView in, qint64 cap)
{
    static const char kXerial[] = "\x82SNAPPY\x00";
    if (in.size() >= 16 && std::memcmp(in.data(), kXerial, 8) == 0) {
        // Xerial framing: 8-byte magic, version, compatible version, then [int32 length][block].
        Reader r{reinterpret_cast<const uchar*>(in.data()) + 16,
                 reinterpret_cast<const uchar*>(in.data()) + in.size()};
        QByteArray out;
        while (r.ok && r.left() > 0) {
            const qint32 len = r.be<qint32>();
            if (!r.ok || len < 0 || !r.need(len))
                return damage(QStringLiteral("snappy (xerial): bad block length"));
            auto block = snappyRaw(QByteArrayView(reinterpret_cast<const char*>(r.p), len), cap - out.size());
            if (!block) return block.error();
            out += block.value();
            r.p += len;
        }
        return out;
    }
    return snappyRaw(in, cap);
}

Result<QByteArray> unlz4(QByteArrayView in, qint64 cap)
{
    LZ4F_dctx* ctx = nullptr;
    if (LZ4F_isError(LZ4F_createDecompressionContext(&ctx, LZ4F_VERSION)))
        return damage(QStringLiteral("lz4: cannot start"));
    QByteArray out;
    const char* src = in.data();
    size_t left = static_cast<size_t>(in.size());
    size_t hint = 1;
    while (left > 0 && hint != 0) {
        if (out.size() >= cap) {
            LZ4F_freeDecompressionContext(ctx);
            return damage(QStringLiteral("lz4: more than %1 bytes decompressed").arg(cap));
        }
        const qsizetype before = out.size();
        out.resize(std::min<qint64>(cap, std::max<qint64>(before * 2, 64 * 1024)));
        size_t dstSize = static_cast<size_t>(out.size() - before);
        size_t srcSize = left;
        hint = LZ4F_decompress(ctx, out.data() + before, &dstSize, src, &srcSize, nullptr);
        out.resize(before + static_cast<qsizetype>(dstSize));
        if (LZ4F_isError(hint)) {
            const QString e = QString::fromLatin1(LZ4F_getErrorName(hint));
            LZ4F_freeDecompressionContext(ctx);
            return damage(QStringLiteral("lz4: %1").arg(e));
        }
        src += srcSize;
        left -= srcSize;
        if (srcSize == 0 && dstSize == 0) break;
    }
    LZ4F_freeDecompressionContext(ctx);
    if (hint != 0) return damage(QStringLiteral("lz4: the frame ends early"));
    return out;
}

Result<QByteArray> unzstd(QByteArrayView in, qint64 cap)
{
    // One decompression context per thread, reused: creating one per batch costs more than
    // decompressing a small batch.
    thread_local std::unique_ptr<ZSTD_DCtx, size_t (*)(ZSTD_DCtx*)> ctx(ZSTD_createDCtx(), &ZSTD_freeDCtx);
    if (!ctx) return damage(QStringLiteral("zstd: cannot start"));
    ZSTD_DCtx_reset(ctx.get(), ZSTD_reset_session_only);
    QByteArray out;
    // A frame that states its size (librdkafka's do) decompresses in one call, straight into place.
    const unsigned long long stated = ZSTD_getFrameContentSize(in.data(), static_cast<size_t>(in.size()));
    if (stated != ZSTD_CONTENTSIZE_UNKNOWN && stated != ZSTD_CONTENTSIZE_ERROR &&
        ZSTD_findFrameCompressedSize(in.data(), static_cast<size_t>(in.size())) ==
            static_cast<size_t>(in.size())) {
        if (stated > static_cast<unsigned long long>(cap))
            return damage(QStringLiteral("zstd: the batch says %1 bytes, more than the cap of %2")
                              .arg(stated)
                              .arg(cap));
        out.resize(static_cast<qsizetype>(stated));
        const size_t rc = ZSTD_decompressDCtx(ctx.get(), out.data(), static_cast<size_t>(out.size()),
                                              in.data(), static_cast<size_t>(in.size()));
        if (ZSTD_isError(rc))
            return damage(QStringLiteral("zstd: %1").arg(QString::fromLatin1(ZSTD_getErrorName(rc))));
        if (rc != stated) return damage(QStringLiteral("zstd: the frame ends early"));
        return out;
    }
    ZSTD_inBuffer src{in.data(), static_cast<size_t>(in.size()), 0};
    size_t rc = 1;
    while (src.pos < src.size || rc != 0) {
        if (out.size() >= cap)
            return damage(QStringLiteral("zstd: more than %1 bytes decompressed").arg(cap));
        const qsizetype before = out.size();
        out.resize(std::min<qint64>(cap, std::max<qint64>(before * 2, 64 * 1024)));
        ZSTD_outBuffer dst{out.data() + before, static_cast<size_t>(out.size() - before), 0};
        rc = ZSTD_decompressStream(ctx.get(), &dst, &src);
        out.resize(before + static_cast<qsizetype>(dst.pos));
        if (ZSTD_isError(rc))
            return damage(QStringLiteral("zstd: %1").arg(QString::fromLatin1(ZSTD_getErrorName(rc))));
        if (src.pos == src.size && dst.pos == 0 && rc != 0)
            return damage(QStringLiteral("zstd: the frame ends early"));
    }
    return out;
}

} // namespace

namespace {

quint32 crc32cTable(quint32 c, const uchar* p, qsizetype n)
{
    static const std::array<quint32, 256> table = makeCrcTable();
    for (qsizetype i = 0; i < n; ++i)
        c = table[(c ^ p[i]) & 0xff] ^ (c >> 8);
    return c;
}

#if defined(__x86_64__)
// SSE 4.2 has CRC-32C as an instruction: 8 bytes per step instead of one table lookup per byte.
// The instruction takes three cycles but can start every cycle, so long inputs run as three
// interleaved streams over consecutive blocks, joined by "shift a CRC over a block of zeros"
// (CRC is linear: crc(A||B) = shift_|B|(crc(A)) ^ crc0(B)).
constexpr qsizetype kCrcBlock = 4096;

// shift(c) = the register after feeding c through kCrcBlock zero bytes, as four byte tables.
const std::array<std::array<quint32, 256>, 4>& crcShiftTables()
{
    static const auto tables = [] {
        std::array<std::array<quint32, 256>, 4> t{};
        const std::vector<uchar> zeros(kCrcBlock, 0);
        for (int k = 0; k < 4; ++k)
            for (quint32 b = 0; b < 256; ++b)
                t[static_cast<size_t>(k)][b] = crc32cTable(b << (8 * k), zeros.data(), kCrcBlock);
        return t;
    }();
    return tables;
}

__attribute__((target("sse4.2"))) quint32 crc32cHardware(quint32 c, const uchar* p, qsizetype n)
{
    quint64 c64 = c;
    if (n >= 3 * kCrcBlock) {
        const auto& shift = crcShiftTables();
        auto shifted = [&](quint32 v) {
            return shift[0][v & 0xff] ^ shift[1][(v >> 8) & 0xff] ^ shift[2][(v >> 16) & 0xff] ^
                   shift[3][v >> 24];
        };
        while (n >= 3 * kCrcBlock) {
            quint64 a = c64, b = 0, d = 0;
            for (qsizetype i = 0; i < kCrcBlock; i += 8) {
                quint64 va, vb, vd;
                std::memcpy(&va, p + i, 8);
                std::memcpy(&vb, p + kCrcBlock + i, 8);
                std::memcpy(&vd, p + 2 * kCrcBlock + i, 8);
                a = __builtin_ia32_crc32di(a, va);
                b = __builtin_ia32_crc32di(b, vb);
                d = __builtin_ia32_crc32di(d, vd);
            }
            c64 =
                shifted(shifted(static_cast<quint32>(a)) ^ static_cast<quint32>(b)) ^ static_cast<quint32>(d);
            p += 3 * kCrcBlock;
            n -= 3 * kCrcBlock;
        }
    }
    while (n >= 8) {
        quint64 v;
        std::memcpy(&v, p, 8);
        c64 = __builtin_ia32_crc32di(c64, v);
        p += 8;
        n -= 8;
    }
    c = static_cast<quint32>(c64);
    while (n-- > 0)
        c = __builtin_ia32_crc32qi(c, *p++);
    return c;
}
#endif

// A record of a batch as views into the (decompressed) records bytes; headers stay encoded in
// Kafka's varint form until someone asks for them.
struct RawRecord {
    Offset offset = 0;
    TimestampMs timestamp = 0;
    bool keyNull = true, valueNull = true;
    QByteArrayView key, value;
    qint32 headerCount = 0;
    QByteArrayView headerBytes;
};

// Reads a varint-length byte string as a view; -1 = null.
bool viewBytes(Reader& r, qint64 maxLen, QByteArrayView& out, bool& isNull)
{
    const qint32 n = r.varint();
    if (!r.ok || n < -1 || n > maxLen) return r.ok = false;
    isNull = n == -1;
    if (isNull) {
        out = {};
        return true;
    }
    if (!r.need(n)) return false;
    out = QByteArrayView(reinterpret_cast<const char*>(r.p), n);
    r.p += n;
    return true;
}

// Walks the headers of a raw record; fn(key, value, valueNull). False when they are malformed.
template <typename Fn> bool forEachHeader(const RawRecord& rec, Fn&& fn)
{
    Reader h{reinterpret_cast<const uchar*>(rec.headerBytes.data()),
             reinterpret_cast<const uchar*>(rec.headerBytes.data()) + rec.headerBytes.size()};
    for (qint32 k = 0; k < rec.headerCount; ++k) {
        QByteArrayView key, value;
        bool keyNull = true, valueNull = true;
        if (!viewBytes(h, rec.headerBytes.size(), key, keyNull) ||
            !viewBytes(h, rec.headerBytes.size(), value, valueNull) || keyNull)
            return false;
        fn(key, value, valueNull);
    }
    return h.ok && h.left() == 0;
}

// The one batch decoder: checks framing and CRC, inflates, then hands each data record to
// `sink` (returning false stops). Control records set the batch's controlType instead.
Result<QByteArray> inflateRecords(int compression, QByteArrayView bytes, qint64 cap)
{
    switch (compression) {
    case 1:
        return gunzip(bytes, cap);
    case 2:
        return unsnappy(bytes, cap);
    case 3:
        return unlz4(bytes, cap);
    case 4:
        return unzstd(bytes, cap);
    default:
        return damage(QStringLiteral("unknown compression %1").arg(compression));
    }
}

template <typename Sink>
Result<SegmentBatch> decodeCore(QByteArrayView data, const SegmentLimits& limits, qint64* sizeOut,
                                QByteArray& inflated, Sink&& sink, bool checkCrc = true,
                                const QByteArray* preInflated = nullptr)
{
    if (sizeOut) *sizeOut = 0;
    auto hr = readBatchHeader(data, limits.maxBatchBytes);
    if (!hr) return hr.error();
    const BatchHeader& hd = hr.value();
    SegmentBatch b;
    b.size = hd.size;
    if (b.size > data.size())
        return damage(QStringLiteral("the batch (%1 bytes) runs past the end of the file").arg(b.size));
    if (sizeOut) *sizeOut = b.size; // the framing is sane: a reader can skip this batch
    if (hd.magic != 2)
        return makeError(
            ErrorCode::Parse,
            QStringLiteral("record batch magic %1 (message format v%1) is not supported; only v2 (Kafka "
                           "0.11 and later) is read")
                .arg(hd.magic));
    const QByteArrayView covered = data.sliced(21, b.size - 21);
    if (const quint32 computed = checkCrc ? crc32c(covered) : hd.crc; computed != hd.crc)
        return damage(QStringLiteral("CRC mismatch (stored %1, computed %2)")
                          .arg(hd.crc, 8, 16, QLatin1Char('0'))
                          .arg(computed, 8, 16, QLatin1Char('0')));
    if (hd.count < 0 || hd.count > limits.maxRecordsPerBatch)
        return damage(QStringLiteral("record count %1 is impossible").arg(hd.count));
    // Offsets and times come from the file: check them before any arithmetic.
    if (!hd.offsetsSane())
        return damage(QStringLiteral("offsets out of range (base %1, last delta %2)")
                          .arg(hd.baseOffset)
                          .arg(hd.lastOffsetDelta));
    const qint32 lastOffsetDelta = hd.lastOffsetDelta;
    const qint32 count = hd.count;
    b.baseOffset = hd.baseOffset;
    b.lastOffset = hd.lastOffset;
    b.baseTimestamp = hd.baseTimestamp;
    b.maxTimestamp = hd.maxTimestamp;
    b.producerId = hd.producerId;
    b.producerEpoch = hd.producerEpoch;
    b.crc = hd.crc;
    b.count = count;
    b.compression = hd.compression;
    b.logAppendTime = hd.logAppendTime;
    b.transactional = hd.transactional;
    b.control = hd.control;
    const Reader h{reinterpret_cast<const uchar*>(data.data()) + kBatchHeader,
                   reinterpret_cast<const uchar*>(data.data()) + b.size};
    QByteArrayView recordsBytes(reinterpret_cast<const char*>(h.p), b.size - kBatchHeader);
    if (b.compression != 0 && preInflated) {
        recordsBytes = *preInflated;
    } else if (b.compression != 0) {
        auto r = inflateRecords(b.compression, recordsBytes, limits.maxDecompressedBytes);
        if (!r) return r.error();
        inflated = std::move(r.value());
        recordsBytes = inflated;
    }
    Reader r{reinterpret_cast<const uchar*>(recordsBytes.data()),
             reinterpret_cast<const uchar*>(recordsBytes.data()) + recordsBytes.size()};
    bool more = true;
    for (qint32 i = 0; i < count; ++i) {
        const qint32 length = r.varint();
        if (!r.ok || length < 0 || !r.need(length))
            return damage(QStringLiteral("record %1: bad length").arg(i));
        Reader rec{r.p, r.p + length};
        r.p += length;
        (void)rec.be<qint8>(); // record attributes (unused)
        const qint64 tsDelta = rec.varlong();
        const qint32 offsetDelta = rec.varint();
        RawRecord raw;
        viewBytes(rec, length, raw.key, raw.keyNull);
        viewBytes(rec, length, raw.value, raw.valueNull);
        raw.headerCount = rec.varint();
        if (!rec.ok || raw.headerCount < 0 || raw.headerCount > length)
            return damage(QStringLiteral("record %1: bad fields").arg(i));
        raw.headerBytes = QByteArrayView(reinterpret_cast<const char*>(rec.p), rec.left());
        if (offsetDelta < 0 || offsetDelta > lastOffsetDelta)
            return damage(
                QStringLiteral("record %1: offset delta %2 outside the batch").arg(i).arg(offsetDelta));
        raw.timestamp = b.maxTimestamp;
        if (!b.logAppendTime && __builtin_add_overflow(b.baseTimestamp, tsDelta, &raw.timestamp))
            return damage(QStringLiteral("record %1: timestamp out of range").arg(i));
        raw.offset = b.baseOffset + offsetDelta;
        if (!forEachHeader(raw, [](QByteArrayView, QByteArrayView, bool) {}))
            return damage(QStringLiteral("record %1: bad header").arg(i));
        if (b.control) {
            // Control record: key = version int16, type int16 (0 abort, 1 commit).
            if (raw.keyNull || raw.key.size() < 4)
                return damage(QStringLiteral("control record without a type"));
            b.controlType = (static_cast<uchar>(raw.key[2]) << 8) | static_cast<uchar>(raw.key[3]);
            continue;
        }
        if (more) more = sink(raw);
    }
    if (r.left() != 0) return damage(QStringLiteral("%1 bytes after the last record").arg(r.left()));
    return b;
}

} // namespace

quint32 crc32c(QByteArrayView data)
{
    const auto* p = reinterpret_cast<const uchar*>(data.data());
#if defined(__x86_64__)
    static const bool hardware = __builtin_cpu_supports("sse4.2");
    if (hardware) return crc32cHardware(0xFFFFFFFFu, p, data.size()) ^ 0xFFFFFFFFu;
#endif
    return crc32cTable(0xFFFFFFFFu, p, data.size()) ^ 0xFFFFFFFFu;
}

Result<SegmentBatch> decodeBatch(QByteArrayView data, const QString& topic, PartitionId partition,
                                 const SegmentLimits& limits, qint64* sizeOut)
{
    QByteArray inflated;
    std::vector<Record> records;
    auto b = decodeCore(data, limits, sizeOut, inflated, [&](const RawRecord& raw) {
        Record out;
        out.topic = topic;
        out.partition = partition;
        out.offset = raw.offset;
        out.timestamp = raw.timestamp;
        if (!raw.keyNull) out.key = raw.key.toByteArray();
        if (!raw.valueNull) out.value = raw.value.toByteArray();
        forEachHeader(raw, [&](QByteArrayView k, QByteArrayView v, bool vNull) {
            out.headers.push_back(
                {k.toByteArray(), vNull ? std::nullopt : std::optional<QByteArray>(v.toByteArray())});
        });
        records.push_back(std::move(out));
        return true;
    });
    if (!b) return b.error();
    for (Record& r : records)
        r.timestampType = b->logAppendTime ? TimestampType::LogAppendTime : TimestampType::CreateTime;
    b->records = std::move(records);
    return b;
}

Result<SegmentBatch> decodeBatchViews(QByteArrayView data, const SegmentLimits& limits, qint64* size,
                                      BatchScratch& scratch,
                                      const std::function<bool(const RecordView&)>& each, bool crcChecked,
                                      const QByteArray* inflated)
{
    bool logAppend = false;
    // The timestamp type is a batch attribute: peek at it (bounds-checked) before the records.
    if (data.size() >= 23) logAppend = static_cast<uchar>(data[22]) & 0x8;
    return decodeCore(
        data, limits, size, scratch.inflated,
        [&](const RawRecord& raw) {
            RecordView v;
            v.offset = raw.offset;
            v.timestamp = raw.timestamp;
            v.timestampType = logAppend ? TimestampType::LogAppendTime : TimestampType::CreateTime;
            v.keyNull = raw.keyNull;
            v.valueNull = raw.valueNull;
            v.key = raw.key;
            v.value = raw.value;
            if (raw.headerCount > 0) {
                scratch.headers.clear();
                appendHeaderCount(scratch.headers, static_cast<size_t>(raw.headerCount));
                forEachHeader(raw, [&](QByteArrayView k, QByteArrayView hv, bool vNull) {
                    appendHeader(scratch.headers, k, hv, vNull);
                });
                v.headersBlob = scratch.headers;
            }
            return each(v);
        },
        !crcChecked, inflated);
}

Result<QByteArray> inflateBatch(QByteArrayView batch, const SegmentLimits& limits)
{
    auto h = readBatchHeader(batch, limits.maxBatchBytes);
    if (!h) return h.error();
    if (h->size > batch.size())
        return damage(QStringLiteral("the batch (%1 bytes) runs past the end of the file").arg(h->size));
    if (h->compression == 0) return QByteArray();
    return inflateRecords(h->compression, batch.sliced(kBatchHeader, h->size - kBatchHeader),
                          limits.maxDecompressedBytes);
}

Result<BatchHeader> readBatchHeader(QByteArrayView data, qint64 maxBatchBytes)
{
    Reader h{reinterpret_cast<const uchar*>(data.data()),
             reinterpret_cast<const uchar*>(data.data()) + data.size()};
    BatchHeader b;
    b.baseOffset = h.be<qint64>();
    const qint32 batchLength = h.be<qint32>();
    if (!h.ok) return damage(QStringLiteral("truncated batch header"));
    if (batchLength < kBatchHeader - 12 || batchLength > maxBatchBytes)
        return damage(QStringLiteral("batch length %1 is impossible").arg(batchLength));
    b.size = 12 + static_cast<qint64>(batchLength);
    if (data.size() < kBatchHeader)
        return damage(b.size > data.size()
                          ? QStringLiteral("the batch (%1 bytes) runs past the end of the file").arg(b.size)
                          : QStringLiteral("truncated batch header"));
    (void)h.be<qint32>(); // partition leader epoch (not used)
    b.magic = h.be<qint8>();
    b.crc = h.be<quint32>();
    const qint16 attributes = h.be<qint16>();
    b.lastOffsetDelta = h.be<qint32>();
    b.baseTimestamp = h.be<qint64>();
    b.maxTimestamp = h.be<qint64>();
    b.producerId = h.be<qint64>();
    b.producerEpoch = h.be<qint16>();
    (void)h.be<qint32>(); // base sequence
    b.count = h.be<qint32>();
    b.lastOffset = b.offsetsSane() ? b.baseOffset + b.lastOffsetDelta : b.baseOffset;
    b.compression = attributes & 0x7;
    b.logAppendTime = attributes & 0x8;
    b.transactional = attributes & 0x10;
    b.control = attributes & 0x20;
    return b;
}

Result<SegmentScan> scanSegment(const QString& path, const QString& topic, PartitionId partition,
                                const std::function<bool(SegmentBatch&&)>& sink, const SegmentLimits& limits)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return makeError(ErrorCode::NotFound,
                         QStringLiteral("cannot read %1: %2").arg(path, f.errorString()));
    SegmentScan scan;
    scan.bytes = f.size();
    const uchar* map = scan.bytes > 0 ? f.map(0, scan.bytes) : nullptr;
    if (scan.bytes > 0 && !map) return makeError(ErrorCode::Io, QStringLiteral("cannot map %1").arg(path));
    const QByteArrayView all(reinterpret_cast<const char*>(map), scan.bytes);
    qint64 pos = 0;
    while (pos < scan.bytes) {
        const QByteArrayView rest = all.sliced(pos);
        if (rest.size() < 12) {
            if (std::all_of(rest.begin(), rest.end(), [](char c) { return c == 0; }))
                scan.zeroTail = true;
            else
                scan.truncatedTail = true;
            break;
        }
        // A preallocated segment ends in zeros: a batch never starts with length 0.
        if (std::all_of(rest.begin(), rest.begin() + 12, [](char c) { return c == 0; })) {
            scan.zeroTail = true;
            break;
        }
        qint64 size = 0;
        auto b = decodeBatch(rest, topic, partition, limits, &size);
        if (!b) {
            const bool runsPastEnd = size == 0 && b.error().message.contains(QStringLiteral("past the end"));
            if (runsPastEnd && pos + 12 < scan.bytes) {
                scan.truncatedTail = true; // the last batch was cut short (a copy taken mid-write)
                scan.issues.push_back(
                    {path, pos, QStringLiteral("truncated last batch: %1").arg(b.error().message)});
                break;
            }
            scan.issues.push_back({path, pos, b.error().message});
            if (size <= 0) break; // the framing itself is gone: nothing after this can be trusted
            pos += size;
            continue;
        }
        b->position = pos;
        pos += size;
        ++scan.batches;
        scan.records += static_cast<qint64>(b->records.size());
        if (!sink(std::move(b.value()))) break;
    }
    return scan;
}

} // namespace rw
