#pragma once
// Reads several partitions of a workspace as one stream in timestamp order (ties: topic,
// partition, offset), fetching each partition in chunks. Worker thread or CLI; not shared.

#include "workspace_store.h"

#include <deque>
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
    MergedReader(WorkspaceStore& store, std::vector<PartitionRange> ranges, qint64 chunk = 1024);

    // Fills `out` with the next record; false at the end. Errors stop the stream.
    Result<bool> next(Record& out);

private:
    struct Cursor {
        PartitionRange range;
        std::deque<Record> buffer;
        bool exhausted = false;
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

    WorkspaceStore& m_store;
    std::vector<Cursor> m_cursors;
    std::priority_queue<HeapItem, std::vector<HeapItem>, std::greater<>> m_heap;
    qint64 m_chunk;
    bool m_started = false;
};

} // namespace rw
