#include "merged_reader.h"

namespace rw {

MergedReader::MergedReader(RecordSource& store, std::vector<PartitionRange> ranges, qint64 chunk)
    : m_store(store), m_chunk(chunk)
{
    std::sort(ranges.begin(), ranges.end(), [](const PartitionRange& a, const PartitionRange& b) {
        return a.topic != b.topic ? a.topic < b.topic : a.partition < b.partition;
    });
    for (auto& r : ranges) {
        Cursor c;
        c.range = std::move(r);
        m_cursors.push_back(std::move(c));
    }
}

Result<void> MergedReader::refill(Cursor& c)
{
    if (c.exhausted || !c.empty()) return {};
    c.items.clear();
    c.decodings.clear();
    c.pos = 0;
    c.arena.resize(0); // keeps its capacity unless the last view still shares it (then it detaches)
    if (c.range.from >= c.range.to) {
        c.exhausted = true;
        return {};
    }
    const qint64 want = std::min<qint64>(m_chunk, c.range.to - c.range.from);
    auto put = [&](bool isNull, QByteArrayView bytes, qsizetype& at, qsizetype& len) {
        at = isNull ? -1 : c.arena.size();
        len = bytes.size();
        c.arena.append(bytes);
    };
    auto n = m_store.scan(
        c.range.topic, c.range.partition, c.range.from, c.range.to,
        [&](const RecordView& v) {
            Item it;
            it.offset = v.offset;
            it.timestamp = v.timestamp;
            it.timestampType = v.timestampType;
            put(v.keyNull, v.key, it.key, it.keyLen);
            put(v.valueNull, v.value, it.value, it.valueLen);
            put(false, v.headersBlob, it.headers, it.headersLen);
            if (v.decoding) {
                Decoding d;
                put(false, v.decoding->rawKey, d.rawKey, d.rawKeyLen);
                put(false, v.decoding->rawValue, d.rawValue, d.rawValueLen);
                d.key = v.decoding->key;
                d.value = v.decoding->value;
                it.decoding = static_cast<qint32>(c.decodings.size());
                c.decodings.push_back(std::move(d));
            }
            c.items.push_back(it);
            return true;
        },
        want);
    if (!n) return n.error();
    if (c.items.empty())
        c.exhausted = true;
    else
        c.range.from = c.items.back().offset + 1;
    return {};
}

Result<bool> MergedReader::nextView(RecordView& out, const QString** topic)
{
    if (!m_started) {
        m_started = true;
        for (size_t i = 0; i < m_cursors.size(); ++i) {
            if (auto r = refill(m_cursors[i]); !r) return r.error();
            if (!m_cursors[i].empty())
                m_heap.push({m_cursors[i].items.front().timestamp, i, m_cursors[i].items.front().offset});
        }
    }
    if (m_heap.empty()) return false;
    const HeapItem top = m_heap.top();
    m_heap.pop();
    Cursor& c = m_cursors[top.cursor];
    const Item it = c.items[c.pos++];
    const QByteArray* arena = &c.arena;
    if (it.decoding >= 0) {
        const Decoding& d = c.decodings[static_cast<size_t>(it.decoding)];
        m_decoding.key = d.key;
        m_decoding.value = d.value;
        m_decodingAt = {d.rawKey, d.rawKeyLen, d.rawValue, d.rawValueLen};
    }
    if (c.empty()) {
        // The view points into this chunk: keep it alive while the cursor reads the next one.
        m_retired = c.arena;
        arena = &m_retired;
        if (auto r = refill(c); !r) return r.error();
    }
    if (!c.empty()) m_heap.push({c.items[c.pos].timestamp, top.cursor, c.items[c.pos].offset});
    const char* base = arena->constData();
    out.partition = c.range.partition;
    out.offset = it.offset;
    out.timestamp = it.timestamp;
    out.timestampType = it.timestampType;
    out.keyNull = it.key < 0;
    out.key = out.keyNull ? QByteArrayView() : QByteArrayView(base + it.key, it.keyLen);
    out.valueNull = it.value < 0;
    out.value = out.valueNull ? QByteArrayView() : QByteArrayView(base + it.value, it.valueLen);
    out.headersBlob = QByteArrayView(base + it.headers, it.headersLen);
    out.decoding = nullptr;
    if (it.decoding >= 0) {
        m_decoding.rawKey = QByteArrayView(base + m_decodingAt[0], m_decodingAt[1]);
        m_decoding.rawValue = QByteArrayView(base + m_decodingAt[2], m_decodingAt[3]);
        out.decoding = &m_decoding;
    }
    if (topic) *topic = &c.range.topic;
    return true;
}

Result<bool> MergedReader::next(Record& out)
{
    RecordView v;
    const QString* topic = nullptr;
    auto more = nextView(v, &topic);
    if (!more || !more.value()) return more;
    auto r = toRecord(*topic, v);
    if (!r) return r.error();
    out = std::move(r.value());
    return true;
}

} // namespace rw
