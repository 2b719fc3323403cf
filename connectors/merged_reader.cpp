#include "merged_reader.h"

namespace rw {

MergedReader::MergedReader(WorkspaceStore& store, std::vector<PartitionRange> ranges, qint64 chunk)
    : m_store(store), m_chunk(chunk)
{
    std::sort(ranges.begin(), ranges.end(), [](const PartitionRange& a, const PartitionRange& b) {
        return a.topic != b.topic ? a.topic < b.topic : a.partition < b.partition;
    });
    for (auto& r : ranges)
        m_cursors.push_back({std::move(r), {}, false});
}

Result<void> MergedReader::refill(Cursor& c)
{
    if (c.exhausted || !c.buffer.empty()) return {};
    if (c.range.from >= c.range.to) {
        c.exhausted = true;
        return {};
    }
    const qint64 want = std::min<qint64>(m_chunk, c.range.to - c.range.from);
    auto recs = m_store.read(c.range.topic, c.range.partition, c.range.from, want);
    if (!recs) return recs.error();
    for (Record& r : recs.value()) {
        if (r.offset >= c.range.to) break;
        c.range.from = r.offset + 1;
        c.buffer.push_back(std::move(r));
    }
    if (c.buffer.empty()) c.exhausted = true;
    return {};
}

Result<bool> MergedReader::next(Record& out)
{
    if (!m_started) {
        m_started = true;
        for (size_t i = 0; i < m_cursors.size(); ++i) {
            if (auto r = refill(m_cursors[i]); !r) return r.error();
            if (!m_cursors[i].buffer.empty())
                m_heap.push({m_cursors[i].buffer.front().timestamp, i, m_cursors[i].buffer.front().offset});
        }
    }
    if (m_heap.empty()) return false;
    const HeapItem top = m_heap.top();
    m_heap.pop();
    Cursor& c = m_cursors[top.cursor];
    out = std::move(c.buffer.front());
    c.buffer.pop_front();
    if (auto r = refill(c); !r) return r.error();
    if (!c.buffer.empty()) m_heap.push({c.buffer.front().timestamp, top.cursor, c.buffer.front().offset});
    return true;
}

} // namespace rw
