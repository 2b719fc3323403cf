#pragma once
// WorkspaceStore's private parts, shared by its source files (workspace_store*.cpp): the key
// layout, the catalogue kept in memory, and the connection with its prepared statements. Not for
// use elsewhere. Thread contract: as WorkspaceStore.

#include "workspace_store.h"

#include "row_feed.h"
#include "sqlite_util.h"
#include "time_parse.h"

#include <QHash>

#include <map>
#include <memory>
#include <optional>

namespace rw::store_detail {

// Record keys: (partition id << 44) | (offset - partition base). A partition's records are one
// contiguous rowid range, so reads by offset are range scans with no secondary index.
constexpr int kOffsetBits = 44;
constexpr qint64 kMaxRelOffset = (qint64(1) << kOffsetBits) - 1;
// The sparse time index keeps the running maximum timestamp per block of offsets.
constexpr int kBlockBits = 9;
struct PartState {
    qint64 pid = 0;
    QString topic;
    PartitionId partition = 0;
    Offset base = 0;
    Offset low = 0;
    Offset next = 0;
    qint64 count = 0;
    std::optional<TimestampMs> firstTs;
    std::optional<TimestampMs> maxTs;
    // Per append only:
    qint64 lastBlock = -1;
    std::optional<TimestampMs> blockMinTs; // of the records this append put in lastBlock
    bool touched = false;
};

struct TopicState {
    qint64 id = 0;
    std::vector<qint64> pids; // index = partition number
};

} // namespace rw::store_detail

namespace rw {

using namespace store_detail;

struct WorkspaceStore::Impl {
    QString path;
    sqlite3* db = nullptr;
    bool readOnly = false;
    int txDepth = 0;
    std::unique_ptr<sql::Transaction> outer; // the caller's transaction (begin() to commit()/rollback())
    QHash<QString, TopicState> topics;
    std::map<qint64, PartState> parts;
    bool textIndex = false;
    bool hasMinTs = false;                // schema 2+: time_index.min_ts
    bool hasLagSamples = false;           // schema 3+: lag_samples
    bool hasJournal = false;              // schema 4+: replay_journal, audit_log
    std::map<qint64, Offset> textIndexed; // pid -> next offset not yet in the text index
    sql::Stmt insertText;

    std::unique_ptr<sql::RowFeed> feed; // the batch an append writes with insertRecords
    sql::Stmt insertRecords;
    sql::Stmt upsertTimeIndex;
    sql::Stmt updatePartition;
    sql::Stmt scanRange;
    sql::Stmt readOne; // readAt's point lookup

    ~Impl()
    {
        if (outer) { // a transaction left open is rolled back, without reading the catalogue again
            outer->release();
            (void)sql::exec(db, "ROLLBACK");
            outer.reset();
        }
        insertText = {};
        insertRecords = {};
        upsertTimeIndex = {};
        updatePartition = {};
        scanRange = {};
        readOne = {};
        if (db) sqlite3_close_v2(db);
    }

    Error err(const QString& context) const { return sql::lastError(db, context); }

    Result<void> refuseIfReadOnly(const char* what) const
    {
        if (readOnly)
            return makeError(
                ErrorCode::ReadOnly,
                QStringLiteral("cannot %1: %2 is open read-only").arg(QLatin1String(what), path));
        return {};
    }

    Result<void> loadCatalogue()
    {
        topics.clear();
        parts.clear();
        sql::Stmt s(db, "SELECT t.name, t.id, p.id, p.partition, p.base_offset, p.low_offset, p.next_offset, "
                        "p.record_count, p.first_ts, p.max_ts FROM topics t LEFT JOIN partitions p "
                        "ON p.topic_id = t.id ORDER BY t.id, p.partition");
        if (!s.valid()) return err(QStringLiteral("reading the topic list"));
        int rc;
        while ((rc = s.step()) == SQLITE_ROW) {
            const QString name = s.text(0);
            TopicState& t = topics[name];
            t.id = s.int64(1);
            if (s.isNull(2)) continue;
            PartState p;
            p.pid = s.int64(2);
            p.topic = name;
            p.partition = static_cast<PartitionId>(s.int64(3));
            p.base = s.int64(4);
            p.low = s.int64(5);
            p.next = s.int64(6);
            p.count = s.int64(7);
            if (!s.isNull(8)) p.firstTs = s.int64(8);
            if (!s.isNull(9)) p.maxTs = s.int64(9);
            if (static_cast<size_t>(p.partition) != t.pids.size())
                return makeError(
                    ErrorCode::Corrupt,
                    QStringLiteral("%1: partitions of topic %2 are not numbered 0..n-1").arg(path, name));
            t.pids.push_back(p.pid);
            parts[p.pid] = p;
        }
        if (rc != SQLITE_DONE) return err(QStringLiteral("reading the topic list"));
        return loadTextIndexState();
    }

    Result<void> loadTextIndexState()
    {
        textIndexed.clear();
        sql::Stmt q(db, "SELECT count(*) FROM sqlite_schema WHERE name = 'record_text_progress'");
        textIndex = q.step() == SQLITE_ROW && q.int64(0) > 0;
        if (!textIndex) return {};
        sql::Stmt p(db, "SELECT pid, next_offset FROM record_text_progress");
        while (p.step() == SQLITE_ROW)
            textIndexed[p.int64(0)] = p.int64(1);
        if (!insertText.valid() && !readOnly)
            insertText = sql::Stmt(db, "INSERT INTO record_text(rowid, body) VALUES(?, ?)");
        return {};
    }

    Result<const PartState*> part(const QString& topic, PartitionId partition) const
    {
        auto it = topics.constFind(topic);
        if (it == topics.constEnd())
            return makeError(ErrorCode::NotFound, QStringLiteral("unknown topic '%1'").arg(topic));
        if (partition < 0 || static_cast<size_t>(partition) >= it->pids.size())
            return makeError(ErrorCode::NotFound, QStringLiteral("topic '%1' has no partition %2 (it has %3)")
                                                      .arg(topic)
                                                      .arg(partition)
                                                      .arg(it->pids.size()));
        return &parts.at(it->pids[static_cast<size_t>(partition)]);
    }

    // One write: a transaction that rolls back (and reads the catalogue again) unless committed.
    // beginWrite() opens it on its own, or as a savepoint inside the bulk load or write already
    // open (txDepth), which its commit then keeps.
    sql::Transaction write()
    {
        return sql::Transaction(db, [this] { (void)loadCatalogue(); });
    }
    Result<void> beginWrite(sql::Transaction& tx)
    {
        return txDepth > 0 ? tx.beginSavepoint("rewind_op") : tx.begin();
    }

    Result<void> prepareWriters()
    {
        if (!feed) {
            auto f = sql::RowFeed::install(db, "rewind_append_rows");
            if (!f) return f.error();
            feed = std::move(f.value());
        }
        insertRecords = sql::Stmt(db, "INSERT INTO records(id, ts, ts_type, key, value, headers) "
                                      "SELECT id, ts, ts_type, key, value, headers FROM rewind_append_rows");
        upsertTimeIndex = sql::Stmt(db, "INSERT INTO time_index(pid, block, max_ts, min_ts) VALUES(?,?,?,?) "
                                        "ON CONFLICT(pid, block) DO UPDATE SET max_ts = excluded.max_ts, "
                                        "min_ts = min(coalesce(min_ts, excluded.min_ts), excluded.min_ts)");
        updatePartition = sql::Stmt(db, "UPDATE partitions SET base_offset=?, low_offset=?, next_offset=?, "
                                        "record_count=?, first_ts=?, max_ts=? WHERE id=?");
        if (!insertRecords.valid() || !upsertTimeIndex.valid() || !updatePartition.valid())
            return err(QStringLiteral("preparing statements"));
        return {};
    }

    Result<void> flushTimeIndex(const PartState& p)
    {
        if (p.lastBlock < 0 || !p.maxTs) return {};
        upsertTimeIndex.reset();
        upsertTimeIndex.bind(1, p.pid)
            .bind(2, p.lastBlock)
            .bind(3, *p.maxTs)
            .bind(4, p.blockMinTs.value_or(*p.maxTs));
        if (upsertTimeIndex.step() != SQLITE_DONE) return err(QStringLiteral("updating the time index"));
        return {};
    }

    Result<void> createPartitions(qint64 topicId, int from, int to)
    {
        sql::Stmt ins(db, "INSERT INTO partitions(topic_id, partition) VALUES(?, ?)");
        for (int p = from; p < to; ++p) {
            ins.reset();
            ins.bind(1, topicId).bind(2, p);
            if (ins.step() != SQLITE_DONE) return err(QStringLiteral("creating partition %1").arg(p));
        }
        return {};
    }

    Result<qint64> groupId(const QString& group, bool create)
    {
        sql::Stmt q(db, "SELECT id FROM groups WHERE name = ?");
        q.bindText(1, group);
        if (q.step() == SQLITE_ROW) return q.int64(0);
        if (!create)
            return makeError(ErrorCode::NotFound, QStringLiteral("unknown consumer group '%1'").arg(group));
        sql::Stmt ins(db, "INSERT INTO groups(name, created_ms) VALUES(?, ?)");
        ins.bindText(1, group).bind(2, currentTimeMs());
        if (ins.step() != SQLITE_DONE) return err(QStringLiteral("creating group '%1'").arg(group));
        return sqlite3_last_insert_rowid(db);
    }
};

} // namespace rw
