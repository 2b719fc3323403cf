#include "workspace_store_impl.h"

#include <QScopeGuard>

#include "header_codec.h"
#include "json.h"
#include "row_feed.h"
#include "sqlite_util.h"
#include "time_parse.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QUrl>

#include <algorithm>
#include <map>
#include <set>

namespace rw {

// One append for owned records and for borrowed views: `count` rows, `row(i, headersBuf)`
// describes row i (and may encode its headers into headersBuf).
struct AppendRow {
    const QString* topic;
    PartitionId partition;
    std::optional<Offset> offset;
    TimestampMs timestamp;
    TimestampType timestampType;
    bool keyNull, valueNull;
    QByteArrayView key, value, headers;
    qsizetype headersAt = -1; // >= 0: the headers are headersLen bytes at this index of the arena
    qsizetype headersLen = 0;
};

namespace {

// A record row's columns ts, ts_type, key, value, headers from column `at` on, as a view (valid
// until the statement steps again).
void viewOfRow(sql::Stmt& s, int at, RecordView& v)
{
    v.timestamp = s.int64(at);
    v.timestampType = s.int64(at + 1) == 1 ? TimestampType::LogAppendTime : TimestampType::CreateTime;
    v.keyNull = s.isNull(at + 2);
    v.key = s.blob(at + 2);
    v.valueNull = s.isNull(at + 3);
    v.value = s.blob(at + 3);
    v.headersBlob = s.blob(at + 4);
}

} // namespace

template <typename RowFn> Result<AppendResult> WorkspaceStore::appendRows(size_t count, const RowFn& row)
{
    if (auto r = d->refuseIfReadOnly("append records"); !r) return r.error();
    AppendResult result;
    if (count == 0) return result;
    sql::Transaction tx = d->write(); // every return before its commit rolls the batch back
    if (auto r = d->beginWrite(tx); !r) return r.error();
    // Inside the write lock the catalogue is current even if another process appended.
    if (d->txDepth == 0)
        if (auto r = d->loadCatalogue(); !r) return r.error();
    result.offsets.reserve(count);
    // The rows go to SQLite in one statement at the end, borrowing the caller's bytes; headers
    // the caller has to encode go into one arena (views into it are made once it stops growing).
    std::vector<sql::FeedRow>& rows = d->feed->rows();
    rows.clear();
    rows.reserve(count);
    QByteArray arena;
    struct ArenaSlice {
        size_t row;
        qsizetype at, len;
    };
    std::vector<ArenaSlice> inArena;
    std::vector<PartState*> touched;
    QString lastTopic;
    const TopicState* lastTopicState = nullptr;
    for (size_t i = 0; i < count; ++i) {
        const AppendRow rec = row(i, arena);
        if (!lastTopicState || *rec.topic != lastTopic) {
            auto it = d->topics.constFind(*rec.topic);
            if (it == d->topics.constEnd())
                return makeError(ErrorCode::NotFound, QStringLiteral("unknown topic '%1'").arg(*rec.topic));
            lastTopic = *rec.topic;
            lastTopicState = &*it;
        }
        if (rec.partition < 0 || static_cast<size_t>(rec.partition) >= lastTopicState->pids.size())
            return makeError(
                ErrorCode::NotFound,
                QStringLiteral("topic '%1' has no partition %2").arg(*rec.topic).arg(rec.partition));
        PartState& p = d->parts.at(lastTopicState->pids[static_cast<size_t>(rec.partition)]);
        if (!p.touched) {
            p.touched = true;
            p.lastBlock = -1;
            p.blockMinTs.reset();
            touched.push_back(&p);
        }
        Offset offset = p.next;
        if (rec.offset) {
            if (*rec.offset < p.next)
                return makeError(ErrorCode::OutOfRange,
                                 QStringLiteral("%1-%2: offset %3 is below the partition's end %4")
                                     .arg(*rec.topic)
                                     .arg(rec.partition)
                                     .arg(*rec.offset)
                                     .arg(p.next));
            if (p.count == 0 && p.next == 0)
                p.base = *rec.offset; // first record of a captured partition: keys start at 0
            offset = *rec.offset;
        }
        const qint64 rel = offset - p.base;
        if (rel > kMaxRelOffset)
            return makeError(ErrorCode::OutOfRange, QStringLiteral("%1-%2: offset %3 is too far from the "
                                                                   "partition's first offset")
                                                        .arg(*rec.topic)
                                                        .arg(rec.partition)
                                                        .arg(offset));
        const qint64 block = rel >> kBlockBits;
        if (p.lastBlock >= 0 && block != p.lastBlock) {
            if (auto r = d->flushTimeIndex(p); !r) return r.error();
        }
        if (block != p.lastBlock)
            p.blockMinTs = rec.timestamp;
        else
            p.blockMinTs = std::min(p.blockMinTs.value_or(rec.timestamp), rec.timestamp);
        if (rec.headersAt >= 0) inArena.push_back({rows.size(), rec.headersAt, rec.headersLen});
        rows.push_back({(p.pid << kOffsetBits) | rel, rec.timestamp, static_cast<int>(rec.timestampType),
                        rec.keyNull, rec.valueNull, rec.key, rec.value, rec.headers});
        if (d->textIndex) {
            QByteArrayView headers = rec.headers;
            if (rec.headersAt >= 0) headers = QByteArrayView(arena).sliced(rec.headersAt, rec.headersLen);
            auto it = d->textIndexed.find(p.pid);
            const bool current = it == d->textIndexed.end() ? p.count == 0 : it->second >= p.next;
            if (current) { // keep a fully indexed partition fully indexed
                RecordView v;
                v.keyNull = rec.keyNull;
                v.key = rec.key;
                v.valueNull = rec.valueNull;
                v.value = rec.value;
                v.headersBlob = headers;
                const QByteArray body = indexedText(v);
                sql::Stmt& t = d->insertText;
                t.reset();
                t.bind(1, (p.pid << kOffsetBits) | rel);
                sqlite3_bind_text(t.get(), 2, body.constData(), static_cast<int>(body.size()), SQLITE_STATIC);
                if (t.step() != SQLITE_DONE)
                    return d->err(
                        QStringLiteral("indexing text of %1-%2").arg(*rec.topic).arg(rec.partition));
                d->textIndexed[p.pid] = offset + 1;
            }
        }
        if (p.count == 0) {
            p.low = offset;
            p.firstTs = rec.timestamp;
        }
        p.maxTs = p.maxTs ? std::max(*p.maxTs, rec.timestamp) : rec.timestamp;
        p.lastBlock = block;
        p.next = offset + 1;
        ++p.count;
        result.offsets.push_back(offset);
    }
    for (const ArenaSlice& a : inArena)
        rows[a.row].headers = QByteArrayView(arena).sliced(a.at, a.len);
    // Key order: each partition's rows follow one another, and SQLite appends them without seeking.
    std::sort(rows.begin(), rows.end(),
              [](const sql::FeedRow& a, const sql::FeedRow& b) { return a.id < b.id; });
    {
        sql::Stmt& ins = d->insertRecords;
        ins.reset();
        const int rc = ins.step();
        ins.reset();
        rows.clear();
        if (rc != SQLITE_DONE) return d->err(QStringLiteral("appending %1 records").arg(count));
    }
    for (PartState* p : touched) {
        p->touched = false;
        if (auto r = d->flushTimeIndex(*p); !r) return r.error();
        sql::Stmt& up = d->updatePartition;
        up.reset();
        up.bind(1, p->base).bind(2, p->low).bind(3, p->next).bind(4, p->count);
        if (p->firstTs) up.bind(5, *p->firstTs);
        if (p->maxTs) up.bind(6, *p->maxTs);
        up.bind(7, p->pid);
        if (up.step() != SQLITE_DONE) return d->err(QStringLiteral("updating partition state"));
        if (d->textIndex) {
            auto it = d->textIndexed.find(p->pid);
            if (it != d->textIndexed.end()) {
                sql::Stmt prog(d->db, "INSERT INTO record_text_progress(pid, next_offset) VALUES(?, ?) "
                                      "ON CONFLICT(pid) DO UPDATE SET next_offset = excluded.next_offset");
                prog.bind(1, p->pid).bind(2, it->second);
                if (prog.step() != SQLITE_DONE) return d->err(QStringLiteral("updating the text index"));
            }
        }
    }
    if (auto r = tx.commit(); !r) return r.error();
    result.appended = static_cast<qint64>(count);
    return result;
}

Result<void> WorkspaceStore::clearPartition(const QString& topic, PartitionId partition)
{
    if (auto r = d->refuseIfReadOnly("clear a partition"); !r) return r;
    sql::Transaction tx = d->write();
    if (auto r = d->beginWrite(tx); !r) return r;
    if (d->txDepth == 0)
        if (auto r = d->loadCatalogue(); !r) return r;
    auto it = d->topics.constFind(topic);
    if (it == d->topics.constEnd())
        return makeError(ErrorCode::NotFound, QStringLiteral("unknown topic '%1'").arg(topic));
    if (partition < 0 || static_cast<size_t>(partition) >= it->pids.size())
        return makeError(ErrorCode::NotFound,
                         QStringLiteral("topic '%1' has no partition %2").arg(topic).arg(partition));
    const qint64 pid = it->pids[static_cast<size_t>(partition)];
    sql::Stmt del(d->db, "DELETE FROM records WHERE id >= ? AND id < ?");
    del.bind(1, pid << kOffsetBits).bind(2, (pid + 1) << kOffsetBits);
    if (del.step() != SQLITE_DONE) return d->err(QStringLiteral("clearing %1-%2").arg(topic).arg(partition));
    sql::Stmt idx(d->db, "DELETE FROM time_index WHERE pid = ?");
    idx.bind(1, pid);
    if (idx.step() != SQLITE_DONE) return d->err(QStringLiteral("clearing %1-%2").arg(topic).arg(partition));
    // The text index has no content to delete rows by (contentless FTS5): it goes whole.
    if (d->textIndex)
        if (auto r = sql::exec(
                d->db, "DROP TABLE IF EXISTS record_text; DROP TABLE IF EXISTS record_text_progress;");
            !r)
            return r;
    sql::Stmt up(d->db, "UPDATE partitions SET base_offset=0, low_offset=0, next_offset=0, record_count=0, "
                        "first_ts=NULL, max_ts=NULL WHERE id=?");
    up.bind(1, pid);
    if (up.step() != SQLITE_DONE) return d->err(QStringLiteral("clearing %1-%2").arg(topic).arg(partition));
    if (auto r = tx.commit(); !r) return r;
    return d->loadCatalogue();
}

Result<AppendResult> WorkspaceStore::append(const std::vector<ProducerRecord>& batch)
{
    return appendRows(batch.size(), [&](size_t i, QByteArray& arena) {
        const ProducerRecord& r = batch[i];
        const qsizetype at = arena.size();
        appendEncodedHeaders(arena, r.headers);
        return AppendRow{&r.topic,
                         r.partition,
                         r.offset,
                         r.timestamp,
                         r.timestampType,
                         !r.key,
                         !r.value,
                         r.key ? QByteArrayView(*r.key) : QByteArrayView(),
                         r.value ? QByteArrayView(*r.value) : QByteArrayView(),
                         {},
                         at,
                         arena.size() - at};
    });
}

Result<AppendResult> WorkspaceStore::appendViews(const QString& topic, const std::vector<RecordView>& views)
{
    return appendRows(views.size(), [&](size_t i, QByteArray&) {
        const RecordView& v = views[i];
        return AppendRow{&topic,          v.partition,   v.offset,    v.timestamp,
                         v.timestampType, v.keyNull,     v.valueNull, v.key,
                         v.value,         v.headersBlob, -1,          0};
    });
}

Result<AppendResult> WorkspaceStore::appendRefs(const std::vector<QString>& topics,
                                                const std::vector<AppendRef>& refs)
{
    for (const AppendRef& r : refs)
        if (r.topic < 0 || static_cast<size_t>(r.topic) >= topics.size())
            return makeError(ErrorCode::InvalidArgument, QStringLiteral("a record names no topic"));
    return appendRows(refs.size(), [&](size_t i, QByteArray&) {
        const AppendRef& r = refs[i];
        return AppendRow{&topics[static_cast<size_t>(r.topic)],
                         r.partition,
                         r.offset,
                         r.timestamp,
                         r.timestampType,
                         r.keyNull,
                         r.valueNull,
                         r.key,
                         r.value,
                         r.headersBlob,
                         -1,
                         0};
    });
}

Result<qint64> WorkspaceStore::scan(const QString& topic, PartitionId partition, Offset from, Offset to,
                                    const ScanCallback& callback, qint64 maxCount)
{
    auto pr = d->part(topic, partition);
    if (!pr) return pr.error();
    const PartState& p = *pr.value();
    from = std::max(from, p.base);
    to = std::min(to, p.next);
    if (from >= to || maxCount == 0) return qint64(0);
    if (!d->scanRange.valid()) {
        d->scanRange = sql::Stmt(d->db, "SELECT id, ts, ts_type, key, value, headers FROM records "
                                        "WHERE id >= ? AND id < ? ORDER BY id");
        if (!d->scanRange.valid()) return d->err(QStringLiteral("preparing a scan"));
    }
    sql::Stmt& s = d->scanRange;
    s.reset();
    const qint64 keyBase = (p.pid << kOffsetBits) - p.base;
    s.bind(1, keyBase + from).bind(2, keyBase + to);
    qint64 n = 0;
    RecordView v;
    v.partition = partition;
    int rc;
    while ((rc = s.step()) == SQLITE_ROW) {
        v.offset = s.int64(0) - keyBase;
        viewOfRow(s, 1, v);
        ++n;
        if (!callback(v) || n == maxCount) {
            rc = SQLITE_DONE;
            break;
        }
    }
    const bool failed = rc != SQLITE_DONE;
    Error e = failed ? d->err(QStringLiteral("reading %1-%2").arg(topic).arg(partition)) : Error{};
    s.reset();
    if (failed) return e;
    return n;
}

Result<void> WorkspaceStore::readAt(const QString& topic, PartitionId partition,
                                    const std::vector<Offset>& offsets,
                                    const std::function<bool(size_t, const RecordView&)>& callback)
{
    auto pr = d->part(topic, partition);
    if (!pr) return pr.error();
    const PartState p = *pr.value(); // a copy: a callback may read the catalogue again
    if (!d->readOne.valid()) {
        d->readOne = sql::Stmt(d->db, "SELECT ts, ts_type, key, value, headers FROM records WHERE id = ?");
        if (!d->readOne.valid()) return d->err(QStringLiteral("preparing a lookup"));
    }
    sql::Stmt& s = d->readOne;
    const qint64 keyBase = (p.pid << kOffsetBits) - p.base;
    // One read transaction for every lookup (else each takes and drops the WAL's read lock).
    const bool own = sqlite3_get_autocommit(d->db) != 0 && offsets.size() > 1;
    if (own)
        if (auto r = sql::exec(d->db, "BEGIN"); !r) return r;
    auto end = qScopeGuard([&] {
        if (own) (void)sql::exec(d->db, "COMMIT");
    });
    RecordView v;
    v.partition = partition;
    for (size_t i = 0; i < offsets.size(); ++i) {
        const Offset o = offsets[i];
        if (o < p.base || o >= p.next) continue;
        s.reset();
        s.bind(1, keyBase + o);
        const int rc = s.step();
        if (rc == SQLITE_DONE) continue;
        if (rc != SQLITE_ROW) {
            Error e = d->err(QStringLiteral("reading %1-%2").arg(topic).arg(partition));
            s.reset();
            return e;
        }
        v.offset = o;
        viewOfRow(s, 0, v);
        if (!callback(i, v)) break;
    }
    s.reset();
    return {};
}

Result<std::vector<Record>> WorkspaceStore::read(const QString& topic, PartitionId partition, Offset from,
                                                 qint64 maxCount)
{
    std::vector<Record> out;
    std::optional<Error> decodeError;
    auto r = scan(
        topic, partition, from, std::numeric_limits<Offset>::max(),
        [&](const RecordView& v) {
            auto rec = toRecord(topic, v);
            if (!rec) {
                decodeError = rec.error();
                return false;
            }
            out.push_back(std::move(rec.value()));
            return true;
        },
        maxCount);
    if (!r) return r.error();
    if (decodeError) return *decodeError;
    return out;
}

Result<std::optional<Offset>> WorkspaceStore::offsetForTime(const QString& topic, PartitionId partition,
                                                            TimestampMs ts)
{
    auto pr = d->part(topic, partition);
    if (!pr) return pr.error();
    const PartState p = *pr.value();
    if (p.count == 0 || !p.maxTs || *p.maxTs < ts) return std::optional<Offset>{};
    sql::Stmt idx(
        d->db, "SELECT block FROM time_index WHERE pid = ? AND max_ts >= ? ORDER BY max_ts, block LIMIT 1");
    idx.bind(1, p.pid).bind(2, ts);
    int rc = idx.step();
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return d->err(QStringLiteral("seeking %1-%2 by time").arg(topic).arg(partition));
    // The first block whose running maximum reaches ts holds the answer (the index is monotone).
    const qint64 startRel = rc == SQLITE_ROW ? idx.int64(0) << kBlockBits : 0;
    const qint64 keyBase = (p.pid << kOffsetBits) - p.base;
    sql::Stmt s(d->db, "SELECT id FROM records WHERE id >= ? AND id < ? AND ts >= ? ORDER BY id LIMIT 1");
    s.bind(1, (p.pid << kOffsetBits) + startRel).bind(2, keyBase + p.next).bind(3, ts);
    rc = s.step();
    if (rc == SQLITE_ROW) return std::optional<Offset>{s.int64(0) - keyBase};
    if (rc != SQLITE_DONE) return d->err(QStringLiteral("seeking %1-%2 by time").arg(topic).arg(partition));
    return std::optional<Offset>{};
}

Result<Offset> WorkspaceStore::endOffsetBefore(const QString& topic, PartitionId partition, TimestampMs ts)
{
    auto pr = d->part(topic, partition);
    if (!pr) return pr.error();
    const PartState p = *pr.value();
    if (!d->hasMinTs || p.count == 0) return p.next;
    sql::Stmt q(d->db, "SELECT max(block) FROM time_index WHERE pid = ? AND min_ts < ?");
    q.bind(1, p.pid).bind(2, ts);
    if (q.step() != SQLITE_ROW)
        return d->err(QStringLiteral("reading the time index of %1-%2").arg(topic).arg(partition));
    if (q.isNull(0)) return p.low; // every record is at or after ts
    const Offset afterBlock = p.base + ((q.int64(0) + 1) << kBlockBits);
    return std::min(p.next, afterBlock);
}

Result<std::vector<qint64>> WorkspaceStore::histogram(const QString& topic, PartitionId partition,
                                                      TimestampMs from, TimestampMs bucketMs, int buckets,
                                                      const std::atomic_bool* cancel)
{
    if (bucketMs <= 0 || buckets <= 0 || buckets > 1'000'000)
        return makeError(ErrorCode::InvalidArgument, QStringLiteral("histogram: bad bucket layout"));
    auto pr = d->part(topic, partition);
    if (!pr) return pr.error();
    const PartState p = *pr.value();
    std::vector<qint64> counts(static_cast<size_t>(buckets), 0);
    if (cancel && cancel->load()) return makeError(ErrorCode::Cancelled, QStringLiteral("cancelled"));
    if (p.count == 0) return counts;
    // Only the offsets that can hold times in range: from the time index, both ends.
    Offset first = p.base;
    if (auto o = offsetForTime(topic, partition, from); !o)
        return o.error();
    else if (!o.value())
        return counts;
    else
        first = *o.value();
    auto last = endOffsetBefore(topic, partition, from + bucketMs * buckets);
    if (!last) return last.error();
    // Out-of-order timestamps can sit below `first`: the index's running maximum only bounds
    // where ts >= from can start, so a record before it is < from and is not counted anyway.
    const qint64 keyBase = (p.pid << kOffsetBits) - p.base;
    sql::Stmt s(d->db, "SELECT ts FROM records WHERE id >= ? AND id < ?");
    s.bind(1, keyBase + first).bind(2, keyBase + std::max(first, last.value()));
    int rc;
    qint64 n = 0;
    while ((rc = s.step()) == SQLITE_ROW) {
        const qint64 ts = s.int64(0);
        if (ts >= from) {
            const qint64 b = (ts - from) / bucketMs;
            if (b < buckets) ++counts[static_cast<size_t>(b)];
        }
        if ((++n & 0xffff) == 0 && cancel && cancel->load(std::memory_order_relaxed))
            return makeError(ErrorCode::Cancelled, QStringLiteral("cancelled"));
    }
    if (rc != SQLITE_DONE)
        return d->err(QStringLiteral("counting records of %1-%2 by time").arg(topic).arg(partition));
    return counts;
}

Result<qint64> WorkspaceStore::scanTimes(const QString& topic, PartitionId partition, Offset from, Offset to,
                                         const std::function<bool(Offset, TimestampMs)>& callback)
{
    auto pr = d->part(topic, partition);
    if (!pr) return pr.error();
    const PartState p = *pr.value();
    from = std::max(from, p.base);
    to = std::min(to, p.next);
    if (from >= to) return qint64(0);
    const qint64 keyBase = (p.pid << kOffsetBits) - p.base;
    sql::Stmt s(d->db, "SELECT id, ts FROM records WHERE id >= ? AND id < ? ORDER BY id");
    s.bind(1, keyBase + from).bind(2, keyBase + to);
    qint64 n = 0;
    int rc;
    while ((rc = s.step()) == SQLITE_ROW) {
        ++n;
        if (!callback(s.int64(0) - keyBase, s.int64(1))) return n;
    }
    if (rc != SQLITE_DONE) return d->err(QStringLiteral("reading %1-%2").arg(topic).arg(partition));
    return n;
}

} // namespace rw
