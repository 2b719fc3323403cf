#pragma once
// Reads Kafka log segments (a broker's `<topic>-<n>/<base>.log` files) without a broker: record
// batch format v2 (magic 2) with CRC-32C checked on every batch, gzip / snappy (raw and xerial
// framing) / lz4 (frame) / zstd with a cap on decompressed size, varint records with headers,
// tombstones, and control batches (transaction commit/abort markers) recognised and kept apart
// from data. Older magic values are reported as unsupported, never misread. Everything read is
// untrusted: every length is bounds-checked; damage becomes an issue with file and byte position,
// and reading goes on with the next batch whose framing is sane.
// Thread contract: plain functions; any thread.

#include "log_types.h"

#include <QString>

#include <functional>
#include <limits>
#include <optional>
#include <vector>

namespace rw {

quint32 crc32c(QByteArrayView data);

struct SegmentBatch {
    Offset baseOffset = 0;
    Offset lastOffset = 0; // baseOffset + lastOffsetDelta
    qint64 position = 0;   // byte position of the batch in its file
    qint64 size = 0;       // bytes of the whole batch (12 + batchLength)
    int compression = 0;   // 0 none, 1 gzip, 2 snappy, 3 lz4, 4 zstd
    quint32 crc = 0;       // as stored (and checked)
    qint32 count = 0;      // records in the batch, control records included
    bool transactional = false;
    bool control = false;
    qint64 producerId = -1;
    qint16 producerEpoch = -1;
    TimestampMs baseTimestamp = 0, maxTimestamp = 0;
    bool logAppendTime = false;
    std::optional<int> controlType; // control batches: 0 abort, 1 commit
    std::vector<Record> records;    // data batches only
};

struct SegmentLimits {
    qint64 maxBatchBytes = 64 << 20;         // a batch larger than this is damage, not data
    qint64 maxDecompressedBytes = 256 << 20; // per batch
    qint32 maxRecordsPerBatch = 10'000'000;
};

// Decodes the batch at the start of `data` (which may hold more after it). An error names what
// is wrong (bad length, bad CRC, unsupported magic, codec failure); `size` is still set when the
// framing is sane, so a reader can skip the damaged batch.
Result<SegmentBatch> decodeBatch(QByteArrayView data, const QString& topic, PartitionId partition,
                                 const SegmentLimits& limits, qint64* size = nullptr);

// The same decoding without copies: each data record as a view into the batch (or its
// decompressed bytes), headers encoded by header_codec into scratch. Views live until `each`
// returns; `each` returns false to skip the rest of the batch. The batch's records stay empty.
struct BatchScratch {
    QByteArray inflated, headers;
};
// crcChecked: the caller has verified this batch's CRC already (a reader that checked it when
// mapping the file); everything else is still checked. inflated: the batch's records already
// decompressed by inflateBatch (on another thread, say).
Result<SegmentBatch> decodeBatchViews(QByteArrayView data, const SegmentLimits& limits, qint64* size,
                                      BatchScratch& scratch,
                                      const std::function<bool(const RecordView&)>& each,
                                      bool crcChecked = false, const QByteArray* inflated = nullptr);
// The records bytes of a compressed batch, decompressed (capped); empty for an uncompressed one.
Result<QByteArray> inflateBatch(QByteArrayView batch, const SegmentLimits& limits);

// The 61-byte header alone, without the CRC check or the records: what a reader needs to map a
// segment (offsets, times, sizes, flags). Untrusted: decodeBatch still checks everything.
struct BatchHeader {
    Offset baseOffset = 0, lastOffset = 0;
    qint32 lastOffsetDelta = 0;
    qint64 size = 0;
    qint8 magic = 0;
    quint32 crc = 0;
    int compression = 0;
    bool logAppendTime = false, transactional = false, control = false;
    qint64 producerId = -1;
    qint16 producerEpoch = -1;
    TimestampMs baseTimestamp = 0, maxTimestamp = 0;
    qint32 count = 0;
    // Base and last offset are non-negative and do not overflow (lastOffset is only meaningful then).
    bool offsetsSane() const
    {
        return baseOffset >= 0 && lastOffsetDelta >= 0 &&
               baseOffset <= std::numeric_limits<qint64>::max() - lastOffsetDelta;
    }
};
// Errors: fewer bytes than a header, or a length below a header's or above maxBatchBytes.
Result<BatchHeader> readBatchHeader(QByteArrayView data,
                                    qint64 maxBatchBytes = SegmentLimits{}.maxBatchBytes);

struct SegmentScan {
    qint64 bytes = 0;      // bytes of the file
    qint64 batches = 0;    // intact batches
    qint64 records = 0;    // data records
    bool zeroTail = false; // ended in a zero-filled (preallocated) tail
    bool truncatedTail = false;
    std::vector<SegmentIssue> issues;
};

// Reads a .log segment batch by batch; `sink` gets every intact batch in file order and returns
// false to stop. Damaged batches are listed in the scan's issues and skipped when their length
// is believable; a truncated last batch or a zero-filled tail ends the scan quietly (noted).
Result<SegmentScan> scanSegment(const QString& path, const QString& topic, PartitionId partition,
                                const std::function<bool(SegmentBatch&&)>& sink,
                                const SegmentLimits& limits = {});

} // namespace rw
