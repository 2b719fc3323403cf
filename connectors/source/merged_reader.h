#pragma once
// Reads several partitions of a source as one stream in timestamp order (ties: topic,
// partition, offset), fetching each partition in chunks. Worker thread or CLI; not shared.

#include "record_source.h"

#include <array>
#include <queue>

namespace rw {

struct PartitionRange {
    QString topic;
    PartitionId partition = 0;
    Offset from = 0;
    Offset to = std::numeric_limits<Offset>::max(); // exclusive
};

class MergedReader {
public:
    MergedReader(RecordSource& source, std::vector<PartitionRange> ranges, qint64 chunk = 1024);

    // Fills `out` with the next record; false at the end. Errors stop the stream.
    Result<bool> next(Record& out);
    // The same without copies: the view (and `topic`, if asked for) stays valid until the next
    // call. A chunk's records share one buffer, so reading costs no allocation per record.
    Result<bool> nextView(RecordView& out, const QString** topic = nullptr);

private:
    struct Item {
        Offset offset = 0;
        TimestampMs timestamp = 0;
        TimestampType timestampType = TimestampType::CreateTime;
        qsizetype key = -1, keyLen = 0, value = -1, valueLen = 0, headers = 0, headersLen = 0; // -1: null
        qint32 decoding = -1; // index into Cursor::decodings: the record came through the decoding stage
    };
    // A decoded record's stored bytes (in the arena) and how each side was decoded.
    struct Decoding {
        qsizetype rawKey = 0, rawKeyLen = 0, rawValue = 0, rawValueLen = 0;
        SchemaUse key, value;
    };
    struct Cursor {
        PartitionRange range;
        QByteArray arena; // keys, values and header blocks of the chunk
        std::vector<Item> items;
        std::vector<Decoding> decodings;
        size_t pos = 0;
        bool exhausted = false;
        bool empty() const { return pos >= items.size(); }
    };
    Result<void> refill(Cursor& c);
    struct HeapItem {
        TimestampMs ts;
        size_t cursor;
        Offset offset;
        bool operator>(const HeapItem& o) const
        {
            if (ts != o.ts) return ts > o.ts;
            if (cursor != o.cursor) return cursor > o.cursor;
            return offset > o.offset;
        }
    };

    RecordSource& m_store;
    std::vector<Cursor> m_cursors;
    std::priority_queue<HeapItem, std::vector<HeapItem>, std::greater<>> m_heap;
    qint64 m_chunk;
    bool m_started = false;
    QByteArray m_retired;    // the chunk the last view points into, when its cursor was refilled
    DecodingView m_decoding; // the last view's decoding (its raw bytes are in the arena)
    std::array<qsizetype, 4> m_decodingAt{}; // where: raw key, its length, raw value, its length
};

} // namespace rw
