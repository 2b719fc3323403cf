#include "workspace_store.h"

#include "kafka_datadir.h"
#include "row_feed.h"

#include "header_codec.h"
#include "json.h"
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

namespace {

// Record keys: (partition id << 44) | (offset - partition base). A partition's records are one
// contiguous rowid range, so reads by offset are range scans with no secondary index.
constexpr int kOffsetBits = 44;
constexpr qint64 kMaxRelOffset = (qint64(1) << kOffsetBits) - 1;
// The sparse time index keeps the running maximum timestamp per block of offsets.
constexpr int kBlockBits = 9;
// Files up to this size get a full PRAGMA quick_check on open; larger ones check the catalogue
// tables on open and leave the record pages to quickCheck() (rewind-cli verify), because a full
// check reads every page (~1 s per GB) and would stall opening a 10M-record workspace.
constexpr qint64 kFullCheckMaxBytes = qint64(1) << 30;

const char* const kSchemaV1 = R"sql(
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE topics(
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  created_ms INTEGER NOT NULL);
CREATE TABLE partitions(
  id INTEGER PRIMARY KEY,
  topic_id INTEGER NOT NULL REFERENCES topics(id),
  partition INTEGER NOT NULL,
  base_offset INTEGER NOT NULL DEFAULT 0,
  low_offset INTEGER NOT NULL DEFAULT 0,
  next_offset INTEGER NOT NULL DEFAULT 0,
  record_count INTEGER NOT NULL DEFAULT 0,
  first_ts INTEGER,
  max_ts INTEGER,
  UNIQUE(topic_id, partition));
CREATE TABLE records(
  id INTEGER PRIMARY KEY,
  ts INTEGER NOT NULL,
  ts_type INTEGER NOT NULL,
  key BLOB,
  value BLOB,
  headers BLOB);
CREATE TABLE time_index(
  pid INTEGER NOT NULL,
  block INTEGER NOT NULL,
  max_ts INTEGER NOT NULL,
  PRIMARY KEY(pid, block)) WITHOUT ROWID;
CREATE INDEX time_index_by_ts ON time_index(pid, max_ts, block);
CREATE TABLE groups(
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  created_ms INTEGER NOT NULL);
CREATE TABLE group_topics(
  group_id INTEGER NOT NULL REFERENCES groups(id),
  topic_id INTEGER NOT NULL REFERENCES topics(id),
  PRIMARY KEY(group_id, topic_id)) WITHOUT ROWID;
CREATE TABLE group_offsets(
  group_id INTEGER NOT NULL REFERENCES groups(id),
  pid INTEGER NOT NULL REFERENCES partitions(id),
  committed INTEGER NOT NULL,
  metadata TEXT,
  commit_ms INTEGER NOT NULL,
  PRIMARY KEY(group_id, pid)) WITHOUT ROWID;
)sql";

// Migrations: entry i takes schema i+1 to i+2. New files get schema 1 and then all of them, so
// the migration path runs on every workspace ever created.
const char* const kMigrations[] = {
    // 2: the minimum timestamp per block, for exact upper time bounds with out-of-order timestamps
    "ALTER TABLE time_index ADD COLUMN min_ts INTEGER;"
    "UPDATE time_index SET min_ts = (SELECT min(ts) FROM records WHERE id >= (pid << 44) + (block << 9) "
    "AND id < (pid << 44) + ((block + 1) << 9));",
    // 3: lag history per consumer group (sampled while Rewind runs; the demo writes its week's)
    "CREATE TABLE lag_samples(group_id INTEGER NOT NULL REFERENCES groups(id), ts INTEGER NOT NULL, "
    "lag INTEGER NOT NULL, PRIMARY KEY(group_id, ts)) WITHOUT ROWID;",
    // 4: the replay journal and the audit log of write actions
    "CREATE TABLE replay_journal(id INTEGER PRIMARY KEY, name TEXT NOT NULL, job_id TEXT NOT NULL, "
    "job_json TEXT NOT NULL, target TEXT NOT NULL, started_ms INTEGER NOT NULL, finished_ms INTEGER, "
    "outcome TEXT NOT NULL, written INTEGER NOT NULL, resumed_after INTEGER NOT NULL);"
    "CREATE TABLE audit_log(id INTEGER PRIMARY KEY, ts INTEGER NOT NULL, action TEXT NOT NULL, "
    "target TEXT NOT NULL, detail TEXT NOT NULL);",
};
static_assert(std::size(kMigrations) + 1 == WorkspaceStore::kSchemaVersion);

Result<void> migrate(sqlite3* db, int from, const QString& path)
{
    for (int v = from; v < WorkspaceStore::kSchemaVersion; ++v) {
        const QByteArray sqlText = QByteArrayLiteral("BEGIN IMMEDIATE;") + kMigrations[v - 1] +
                                   "PRAGMA user_version=" + QByteArray::number(v + 1) + "; COMMIT;";
        if (auto r = sql::exec(db, sqlText.constData()); !r) {
            (void)sql::exec(db, "ROLLBACK");
            return makeError(
                r.error().code,
                QStringLiteral("upgrading %1 to workspace schema %2 failed (nothing was changed): %3")
                    .arg(path)
                    .arg(v + 1)
                    .arg(r.error().message));
        }
    }
    return {};
}

const char* const kCatalogueTables[] = {"meta",   "topics",       "partitions",   "time_index",
                                        "groups", "group_topics", "group_offsets"};

std::uint32_t be32(const unsigned char* p)
{
    return (std::uint32_t(p[0]) << 24) | (std::uint32_t(p[1]) << 16) | (std::uint32_t(p[2]) << 8) | p[3];
}

// Checks the 100-byte SQLite header before SQLite touches the file, so foreign, truncated and
// newer files get a precise message and are never opened for writing.
Result<void> checkHeader(const QString& path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return makeError(ErrorCode::Io, QStringLiteral("cannot read %1: %2").arg(path, f.errorString()));
    const qint64 size = f.size();
    const QByteArray h = f.read(100);
    const QString notWs = QStringLiteral("%1 is not a Rewind workspace: %2");
    if (size == 0)
        return makeError(ErrorCode::NotAWorkspace, notWs.arg(path, QStringLiteral("the file is empty")));
    if (!h.startsWith(QByteArrayView("SQLite format 3\0", 16))) {
        const QString hint = h.trimmed().startsWith('{')
                                 ? QStringLiteral("it looks like NDJSON; import it with 'rewind-cli import'")
                                 : QStringLiteral("it is not a SQLite database");
        return makeError(ErrorCode::NotAWorkspace, notWs.arg(path, hint));
    }
    if (h.size() < 100)
        return makeError(ErrorCode::Truncated,
                         QStringLiteral("%1 is truncated: only %2 bytes, shorter than a database header")
                             .arg(path)
                             .arg(size));
    const auto* u = reinterpret_cast<const unsigned char*>(h.constData());
    const std::uint32_t pageSizeRaw = (std::uint32_t(u[16]) << 8) | u[17];
    const qint64 pageSize = pageSizeRaw == 1 ? 65536 : pageSizeRaw;
    if (pageSize < 512 || (pageSize & (pageSize - 1)) != 0)
        return makeError(ErrorCode::Corrupt,
                         QStringLiteral("%1 is damaged: invalid page size %2").arg(path).arg(pageSize));
    const std::uint32_t appId = be32(u + 68);
    const std::uint32_t userVersion = be32(u + 60);
    if (appId != WorkspaceStore::kApplicationId)
        return makeError(ErrorCode::NotAWorkspace,
                         notWs.arg(path, QStringLiteral("it is a SQLite database of another application")));
    if (userVersion > static_cast<std::uint32_t>(WorkspaceStore::kSchemaVersion))
        return makeError(
            ErrorCode::NewerSchema,
            QStringLiteral("%1 was written by a newer Rewind (workspace schema %2; this build reads "
                           "up to %3). Update Rewind to open it.")
                .arg(path)
                .arg(userVersion)
                .arg(WorkspaceStore::kSchemaVersion));
    const std::uint32_t changeCounter = be32(u + 24);
    const std::uint32_t validFor = be32(u + 92);
    const std::uint32_t pageCount = be32(u + 28);
    if (changeCounter == validFor && pageCount > 0 && size < qint64(pageCount) * pageSize)
        return makeError(
            ErrorCode::Truncated,
            QStringLiteral("%1 is truncated: %2 bytes on disk, the header says %3. Restore it from "
                           "a copy; Rewind has not changed it.")
                .arg(path)
                .arg(size)
                .arg(qint64(pageCount) * pageSize));
    if (size % pageSize != 0)
        return makeError(ErrorCode::Truncated,
                         QStringLiteral("%1 is truncated or damaged: its size (%2) is not a whole number of "
                                        "pages. Rewind has not changed it.")
                             .arg(path)
                             .arg(size));
    return {};
}

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

} // namespace

qint64 TopicInfo::count() const
{
    qint64 n = 0;
    for (const auto& p : partitions)
        n += p.count;
    return n;
}

struct WorkspaceStore::Impl {
    QString path;
    sqlite3* db = nullptr;
    bool readOnly = false;
    int txDepth = 0;
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

    ~Impl()
    {
        insertText = {};
        insertRecords = {};
        upsertTimeIndex = {};
        updatePartition = {};
        scanRange = {};
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

    Result<void> beginWrite()
    {
        if (txDepth > 0) return sql::exec(db, "SAVEPOINT rewind_op");
        return sql::exec(db, "BEGIN IMMEDIATE");
    }
    Result<void> endWrite()
    {
        if (txDepth > 0) return sql::exec(db, "RELEASE rewind_op");
        return sql::exec(db, "COMMIT");
    }
    void abortWrite()
    {
        if (txDepth > 0) {
            (void)sql::exec(db, "ROLLBACK TO rewind_op");
            (void)sql::exec(db, "RELEASE rewind_op");
        } else {
            (void)sql::exec(db, "ROLLBACK");
        }
        (void)loadCatalogue();
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

WorkspaceStore::WorkspaceStore(std::unique_ptr<Impl> impl) : d(std::move(impl)) {}
WorkspaceStore::~WorkspaceStore() = default;

QString WorkspaceStore::path() const
{
    return d->path;
}
bool WorkspaceStore::readOnly() const
{
    return d->readOnly;
}

namespace {

Result<void> applyConnectionSettings(sqlite3* db, bool readOnly)
{
    sqlite3_busy_timeout(db, 5000);
    sqlite3_extended_result_codes(db, 1);
    auto r =
        sql::exec(db, "PRAGMA mmap_size=2147418112; PRAGMA temp_store=MEMORY; PRAGMA cache_size=-131072;");
    if (!r) return r;
    if (!readOnly) return sql::exec(db, "PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;");
    return {};
}

} // namespace

Result<std::unique_ptr<WorkspaceStore>> WorkspaceStore::create(const QString& path)
{
    if (QFileInfo::exists(path))
        return makeError(ErrorCode::AlreadyExists,
                         QStringLiteral("%1 already exists; choose another name or open it").arg(path));
    auto impl = std::make_unique<Impl>();
    impl->path = path;
    const QByteArray native = QFile::encodeName(path);
    int rc = sqlite3_open_v2(native.constData(), &impl->db,
                             SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr);
    auto fail = [&](const Error& e) -> Error {
        sqlite3_close_v2(impl->db);
        impl->db = nullptr;
        QFile::remove(path);
        QFile::remove(path + QStringLiteral("-wal"));
        QFile::remove(path + QStringLiteral("-shm"));
        return e;
    };
    if (rc != SQLITE_OK)
        return fail(sql::errorFor(rc, impl->db, QStringLiteral("cannot create %1").arg(path)));
    // 16 KiB pages: rows are ~400 bytes and page I/O dominated appends. On 1M demo events
    // (bench_store, several runs, noisy): append ~235k -> 290k-430k records/s, full scan
    // 3.2M -> 4.3M-4.6M records/s, file size unchanged (1.18-1.20x payload).
    const QByteArray setup = QByteArrayLiteral("PRAGMA page_size=16384; PRAGMA journal_mode=WAL; "
                                               "PRAGMA application_id=") +
                             QByteArray::number(kApplicationId) + ";";
    if (auto r = sql::exec(impl->db, setup.constData()); !r) return fail(r.error());
    if (auto r = applyConnectionSettings(impl->db, false); !r) return fail(r.error());
    const QByteArray schema = QByteArrayLiteral("BEGIN;") + kSchemaV1 + "PRAGMA user_version=1; COMMIT;";
    if (auto r = sql::exec(impl->db, schema.constData()); !r) return fail(r.error());
    if (auto r = migrate(impl->db, 1, path); !r) return fail(r.error());
    impl->hasMinTs = true;
    impl->hasLagSamples = true;
    impl->hasJournal = true;
    if (auto r = impl->prepareWriters(); !r) return fail(r.error());
    if (auto r = impl->loadCatalogue(); !r) return fail(r.error());
    std::unique_ptr<WorkspaceStore> store(new WorkspaceStore(std::move(impl)));
    (void)store->setMeta(QStringLiteral("created_ms"), QString::number(currentTimeMs()));
    // The header (application id, schema version) goes into the file itself now, not only the
    // WAL: another process may open the new file at once and checks the header first.
    (void)sql::exec(store->d->db, "PRAGMA wal_checkpoint(TRUNCATE)");
    return store;
}

Result<std::unique_ptr<WorkspaceStore>> WorkspaceStore::open(const QString& path, Mode mode)
{
    const QFileInfo fi(path);
    if (!fi.exists()) return makeError(ErrorCode::NotFound, QStringLiteral("%1 does not exist").arg(path));
    if (KafkaDataDir::isCandidate(path)) { // read in place through openRecordSource, never as a workspace
        if (auto dir = KafkaDataDir::open(path); !dir) return dir.error(); // not one either: say why
        if (mode == Mode::ReadWrite)
            return makeError(
                ErrorCode::ReadOnly,
                QStringLiteral("%1 is a Kafka data directory or segment: it opens read-only, and "
                               "nothing is ever written to it")
                    .arg(path));
        return makeError(ErrorCode::InvalidArgument,
                         QStringLiteral("%1 is a Kafka data directory or segment, not a workspace file: this "
                                        "needs a workspace (a data directory is read as a source)")
                             .arg(path));
    }
    // A writer stopped during a bulk load (rollback journal: beginBulkLoad) leaves a hot journal
    // beside the file, and the file itself half-written until SQLite rolls the journal back.
    // That happens here, before anything reads the file (the checks below read it as it lies).
    if (QFileInfo(path + QStringLiteral("-journal")).size() > 0) {
        if (!fi.isWritable() || !QFileInfo(fi.absolutePath()).isWritable())
            return makeError(ErrorCode::ReadOnly,
                             QStringLiteral("%1 was being written when its writer stopped, and the write "
                                            "must be rolled back (its -journal file is beside it): open it "
                                            "once where it and its folder are writable")
                                 .arg(path));
        const QByteArray file = QFile::encodeName(fi.absoluteFilePath());
        sqlite3* db = nullptr;
        int rc = sqlite3_open_v2(file.constData(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, nullptr);
        if (rc == SQLITE_OK) {
            sqlite3_busy_timeout(db, 5000);
            rc = sqlite3_exec(db, "SELECT count(*) FROM sqlite_schema", nullptr, nullptr, nullptr);
        }
        if (rc != SQLITE_OK) {
            Error e = sql::errorFor(rc, db,
                                    QStringLiteral("cannot roll back the interrupted write to %1").arg(path));
            sqlite3_close_v2(db);
            return e;
        }
        sqlite3_close_v2(db);
    }
    if (auto r = checkHeader(path); !r) return r.error();
    if (mode == Mode::ReadWrite) {
        if (!fi.isWritable())
            return makeError(
                ErrorCode::ReadOnly,
                QStringLiteral("%1 is read-only (no write permission). Open it read-only to browse "
                               "it, or copy it somewhere writable to change it.")
                    .arg(path));
        if (!QFileInfo(fi.absolutePath()).isWritable())
            return makeError(
                ErrorCode::ReadOnly,
                QStringLiteral("the folder of %1 is not writable (a workspace needs its -wal file "
                               "beside it). Open it read-only, or move it.")
                    .arg(path));
    }

    const QByteArray native = QFile::encodeName(fi.absoluteFilePath());
    const bool walExists = QFileInfo::exists(path + QStringLiteral("-wal"));
    const QByteArray immutableUri =
        "file:" + QUrl::toPercentEncoding(fi.absoluteFilePath(), "/") + "?immutable=1";
    // Step 1: a read-only connection checks integrity, so a damaged file is never opened for
    // writing. Without a WAL the file alone is the whole truth, and immutable=1 keeps SQLite from
    // creating -wal/-shm files beside a file that may not even be ours.
    sqlite3* ro = nullptr;
    int rc =
        walExists
            ? sqlite3_open_v2(native.constData(), &ro, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, nullptr)
            : sqlite3_open_v2(immutableUri.constData(), &ro,
                              SQLITE_OPEN_READONLY | SQLITE_OPEN_URI | SQLITE_OPEN_NOMUTEX, nullptr);
    if (rc != SQLITE_OK) {
        Error e = sql::errorFor(rc, ro, QStringLiteral("cannot open %1").arg(path));
        sqlite3_close_v2(ro);
        return e;
    }
    auto closeRo = [&] {
        sqlite3_close_v2(ro);
        ro = nullptr;
    };
    sqlite3_extended_result_codes(ro, 1);
    sqlite3_busy_timeout(ro, 5000);
    // quick_check over everything for ordinary sizes; the catalogue only for very large files.
    QStringList problems;
    auto runCheck = [&](const QByteArray& pragma) -> Result<void> {
        sql::Stmt s(ro, pragma.constData());
        if (!s.valid()) return sql::lastError(ro, QStringLiteral("%1 is damaged").arg(path));
        int src;
        while ((src = s.step()) == SQLITE_ROW) {
            const QString line = s.text(0);
            if (line != QLatin1String("ok")) problems << line;
        }
        if (src != SQLITE_DONE) return sql::lastError(ro, QStringLiteral("%1 is damaged").arg(path));
        return {};
    };
    if (fi.size() <= kFullCheckMaxBytes) {
        if (auto r = runCheck("PRAGMA quick_check(20)"); !r) {
            closeRo();
            return makeError(ErrorCode::Corrupt, r.error().message);
        }
    } else {
        for (const char* t : kCatalogueTables) {
            if (auto r = runCheck(QByteArray("PRAGMA quick_check(") + t + ")"); !r) {
                closeRo();
                return makeError(ErrorCode::Corrupt, r.error().message);
            }
        }
    }
    if (!problems.isEmpty()) {
        closeRo();
        return makeError(
            ErrorCode::Corrupt,
            QStringLiteral("%1 is damaged (integrity check: %2). Rewind has not changed it; restore it "
                           "from a copy.")
                .arg(path, problems.mid(0, 3).join(QStringLiteral("; "))));
    }

    closeRo();
    auto impl = std::make_unique<Impl>();
    impl->path = path;
    impl->readOnly = mode == Mode::ReadOnly;
    // Step 2: the working connection. Read-only mode still opens writable files read-write with
    // query_only on: SQLite then removes its -wal/-shm on close, and sees other writers' appends.
    const bool canWrite = fi.isWritable() && QFileInfo(fi.absolutePath()).isWritable();
    if (canWrite) {
        rc = sqlite3_open_v2(native.constData(), &impl->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX,
                             nullptr);
    } else if (walExists) {
        rc = sqlite3_open_v2(native.constData(), &impl->db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX,
                             nullptr);
    } else { // read-only file on read-only media: nothing can change it
        rc = sqlite3_open_v2(immutableUri.constData(), &impl->db,
                             SQLITE_OPEN_READONLY | SQLITE_OPEN_URI | SQLITE_OPEN_NOMUTEX, nullptr);
    }
    if (rc != SQLITE_OK) return sql::errorFor(rc, impl->db, QStringLiteral("cannot open %1").arg(path));
    if (impl->readOnly && canWrite) {
        if (auto r = sql::exec(impl->db, "PRAGMA query_only=ON"); !r) return r.error();
    }
    if (auto r = applyConnectionSettings(impl->db, impl->readOnly); !r) return r.error();
    // Older schemas are migrated when the file is opened for writing (each step in its own
    // transaction); read-only opens use them as they are. Newer ones were refused by checkHeader.
    {
        sql::Stmt v(impl->db, "PRAGMA user_version");
        const qint64 version = v.step() == SQLITE_ROW ? v.int64(0) : 0;
        v = sql::Stmt();
        if (version < 1 || version > kSchemaVersion)
            return makeError(ErrorCode::NotAWorkspace,
                             QStringLiteral("%1 has an unknown workspace schema version").arg(path));
        if (version < kSchemaVersion && !impl->readOnly) {
            if (auto r = migrate(impl->db, static_cast<int>(version), path); !r) return r.error();
        }
        impl->hasMinTs = version >= 2 || !impl->readOnly;
        impl->hasLagSamples = version >= 3 || !impl->readOnly;
        impl->hasJournal = version >= 4 || !impl->readOnly;
    }
    if (!impl->readOnly) {
        // A bulk load killed midway leaves the file in rollback-journal mode (its journal puts back
        // the state before the load, which was already out of WAL): back to WAL, so readers never
        // wait for a writer. Another connection holding it keeps it as it is for now.
        (void)sql::exec(impl->db, "PRAGMA journal_mode=WAL");
        if (auto r = impl->prepareWriters(); !r) return r.error();
    }
    if (auto r = impl->loadCatalogue(); !r) return r.error();
    return std::unique_ptr<WorkspaceStore>(new WorkspaceStore(std::move(impl)));
}

Result<std::vector<QString>> WorkspaceStore::quickCheck()
{
    sql::Stmt s(d->db, "PRAGMA quick_check(100)");
    std::vector<QString> problems;
    int rc;
    while ((rc = s.step()) == SQLITE_ROW) {
        const QString line = s.text(0);
        if (line != QLatin1String("ok")) problems.push_back(line);
    }
    if (rc != SQLITE_DONE) problems.push_back(QString::fromUtf8(sqlite3_errmsg(d->db)));
    return problems;
}

Result<void> WorkspaceStore::createTopic(const QString& name, int partitions)
{
    if (auto r = d->refuseIfReadOnly("create a topic"); !r) return r;
    if (name.isEmpty() || name.size() > 249)
        return makeError(ErrorCode::InvalidArgument,
                         QStringLiteral("a topic name must have 1 to 249 characters"));
    if (partitions < 1 || partitions > 100000)
        return makeError(ErrorCode::InvalidArgument, QStringLiteral("a topic needs 1 to 100000 partitions"));
    if (auto r = d->beginWrite(); !r) return r;
    sql::Stmt ins(d->db, "INSERT INTO topics(name, created_ms) VALUES(?, ?)");
    ins.bindText(1, name).bind(2, currentTimeMs());
    if (ins.step() != SQLITE_DONE) {
        const bool exists = (sqlite3_extended_errcode(d->db) & 0xff) == SQLITE_CONSTRAINT;
        Error e = exists ? makeError(ErrorCode::AlreadyExists,
                                     QStringLiteral("topic '%1' already exists").arg(name))
                         : d->err(QStringLiteral("creating topic '%1'").arg(name));
        d->abortWrite();
        return e;
    }
    const qint64 topicId = sqlite3_last_insert_rowid(d->db);
    if (auto r = d->createPartitions(topicId, 0, partitions); !r) {
        d->abortWrite();
        return r;
    }
    if (auto r = d->endWrite(); !r) {
        d->abortWrite();
        return r;
    }
    return d->loadCatalogue();
}

Result<void> WorkspaceStore::ensurePartitions(const QString& topic, int partitions)
{
    if (auto r = d->refuseIfReadOnly("add partitions"); !r) return r;
    auto it = d->topics.constFind(topic);
    if (it == d->topics.constEnd())
        return makeError(ErrorCode::NotFound, QStringLiteral("unknown topic '%1'").arg(topic));
    const int have = static_cast<int>(it->pids.size());
    if (partitions <= have) return {};
    if (partitions > 100000)
        return makeError(ErrorCode::InvalidArgument,
                         QStringLiteral("a topic can have at most 100000 partitions"));
    if (auto r = d->beginWrite(); !r) return r;
    if (auto r = d->createPartitions(it->id, have, partitions); !r) {
        d->abortWrite();
        return r;
    }
    if (auto r = d->endWrite(); !r) {
        d->abortWrite();
        return r;
    }
    return d->loadCatalogue();
}

Result<std::vector<TopicInfo>> WorkspaceStore::topics()
{
    // Another process may have appended since we loaded: re-read the (small) catalogue.
    if (d->txDepth == 0) {
        if (auto r = d->loadCatalogue(); !r) return r.error();
    }
    std::vector<TopicInfo> out;
    for (auto it = d->topics.cbegin(); it != d->topics.cend(); ++it) {
        TopicInfo t;
        t.name = it.key();
        for (qint64 pid : it->pids) {
            const PartState& p = d->parts.at(pid);
            t.partitions.push_back(
                {p.partition, p.count ? p.low : p.next, p.next, p.count, p.firstTs, p.maxTs});
        }
        out.push_back(std::move(t));
    }
    std::sort(out.begin(), out.end(), [](const TopicInfo& a, const TopicInfo& b) { return a.name < b.name; });
    return out;
}

Result<TopicInfo> WorkspaceStore::topic(const QString& name)
{
    auto all = topics();
    if (!all) return all.error();
    for (auto& t : all.value())
        if (t.name == name) return std::move(t);
    return makeError(ErrorCode::NotFound, QStringLiteral("unknown topic '%1'").arg(name));
}

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

template <typename RowFn> Result<AppendResult> WorkspaceStore::appendRows(size_t count, const RowFn& row)
{
    if (auto r = d->refuseIfReadOnly("append records"); !r) return r.error();
    AppendResult result;
    if (count == 0) return result;
    if (auto r = d->beginWrite(); !r) return r.error();
    // Inside the write lock the catalogue is current even if another process appended.
    if (d->txDepth == 0) {
        if (auto r = d->loadCatalogue(); !r) {
            d->abortWrite();
            return r.error();
        }
    }
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
    auto failWith = [&](Error e) -> Result<AppendResult> {
        d->abortWrite();
        return e;
    };
    for (size_t i = 0; i < count; ++i) {
        const AppendRow rec = row(i, arena);
        if (!lastTopicState || *rec.topic != lastTopic) {
            auto it = d->topics.constFind(*rec.topic);
            if (it == d->topics.constEnd())
                return failWith(
                    makeError(ErrorCode::NotFound, QStringLiteral("unknown topic '%1'").arg(*rec.topic)));
            lastTopic = *rec.topic;
            lastTopicState = &*it;
        }
        if (rec.partition < 0 || static_cast<size_t>(rec.partition) >= lastTopicState->pids.size())
            return failWith(makeError(
                ErrorCode::NotFound,
                QStringLiteral("topic '%1' has no partition %2").arg(*rec.topic).arg(rec.partition)));
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
                return failWith(makeError(ErrorCode::OutOfRange,
                                          QStringLiteral("%1-%2: offset %3 is below the partition's end %4")
                                              .arg(*rec.topic)
                                              .arg(rec.partition)
                                              .arg(*rec.offset)
                                              .arg(p.next)));
            if (p.count == 0 && p.next == 0)
                p.base = *rec.offset; // first record of a captured partition: keys start at 0
            offset = *rec.offset;
        }
        const qint64 rel = offset - p.base;
        if (rel > kMaxRelOffset)
            return failWith(
                makeError(ErrorCode::OutOfRange, QStringLiteral("%1-%2: offset %3 is too far from the "
                                                                "partition's first offset")
                                                     .arg(*rec.topic)
                                                     .arg(rec.partition)
                                                     .arg(offset)));
        const qint64 block = rel >> kBlockBits;
        if (p.lastBlock >= 0 && block != p.lastBlock) {
            if (auto r = d->flushTimeIndex(p); !r) return failWith(r.error());
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
                    return failWith(
                        d->err(QStringLiteral("indexing text of %1-%2").arg(*rec.topic).arg(rec.partition)));
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
        if (rc != SQLITE_DONE) return failWith(d->err(QStringLiteral("appending %1 records").arg(count)));
    }
    for (PartState* p : touched) {
        p->touched = false;
        if (auto r = d->flushTimeIndex(*p); !r) return failWith(r.error());
        sql::Stmt& up = d->updatePartition;
        up.reset();
        up.bind(1, p->base).bind(2, p->low).bind(3, p->next).bind(4, p->count);
        if (p->firstTs) up.bind(5, *p->firstTs);
        if (p->maxTs) up.bind(6, *p->maxTs);
        up.bind(7, p->pid);
        if (up.step() != SQLITE_DONE) return failWith(d->err(QStringLiteral("updating partition state")));
        if (d->textIndex) {
            auto it = d->textIndexed.find(p->pid);
            if (it != d->textIndexed.end()) {
                sql::Stmt prog(d->db, "INSERT INTO record_text_progress(pid, next_offset) VALUES(?, ?) "
                                      "ON CONFLICT(pid) DO UPDATE SET next_offset = excluded.next_offset");
                prog.bind(1, p->pid).bind(2, it->second);
                if (prog.step() != SQLITE_DONE)
                    return failWith(d->err(QStringLiteral("updating the text index")));
            }
        }
    }
    if (auto r = d->endWrite(); !r) return failWith(r.error());
    result.appended = static_cast<qint64>(count);
    return result;
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
        v.timestamp = s.int64(1);
        v.timestampType = s.int64(2) == 1 ? TimestampType::LogAppendTime : TimestampType::CreateTime;
        v.keyNull = s.isNull(3);
        v.key = s.blob(3);
        v.valueNull = s.isNull(4);
        v.value = s.blob(4);
        v.headersBlob = s.blob(5);
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

Result<void> WorkspaceStore::createGroup(const QString& group, const std::vector<QString>& topicNames)
{
    if (auto r = d->refuseIfReadOnly("create a consumer group"); !r) return r;
    if (group.isEmpty()) return makeError(ErrorCode::InvalidArgument, QStringLiteral("a group needs a name"));
    if (auto r = d->beginWrite(); !r) return r;
    auto gid = d->groupId(group, true);
    if (!gid) {
        d->abortWrite();
        return gid.error();
    }
    sql::Stmt ins(d->db, "INSERT OR IGNORE INTO group_topics(group_id, topic_id) VALUES(?, ?)");
    for (const QString& t : topicNames) {
        auto it = d->topics.constFind(t);
        if (it == d->topics.constEnd()) {
            d->abortWrite();
            return makeError(ErrorCode::NotFound, QStringLiteral("unknown topic '%1'").arg(t));
        }
        ins.reset();
        ins.bind(1, gid.value()).bind(2, it->id);
        if (ins.step() != SQLITE_DONE) {
            Error e = d->err(QStringLiteral("subscribing group '%1'").arg(group));
            d->abortWrite();
            return e;
        }
    }
    if (auto r = d->endWrite(); !r) {
        d->abortWrite();
        return r;
    }
    return {};
}

Result<void> WorkspaceStore::commitOffsets(const QString& group, const std::vector<GroupOffset>& offsets,
                                           std::optional<TimestampMs> at)
{
    if (auto r = d->refuseIfReadOnly("commit offsets"); !r) return r;
    std::vector<QString> topicNames;
    for (const GroupOffset& o : offsets)
        if (std::find(topicNames.begin(), topicNames.end(), o.topic) == topicNames.end())
            topicNames.push_back(o.topic);
    if (auto r = d->beginWrite(); !r) return r;
    auto fail = [&](Error e) -> Result<void> {
        d->abortWrite();
        return e;
    };
    ++d->txDepth; // createGroup below joins this transaction
    auto created = createGroup(group, topicNames);
    --d->txDepth;
    if (!created) return fail(created.error());
    auto gid = d->groupId(group, false);
    if (!gid) return fail(gid.error());
    sql::Stmt up(d->db,
                 "INSERT INTO group_offsets(group_id, pid, committed, metadata, commit_ms) VALUES(?,?,?,?,?) "
                 "ON CONFLICT(group_id, pid) DO UPDATE SET committed=excluded.committed, "
                 "metadata=excluded.metadata, commit_ms=excluded.commit_ms");
    const TimestampMs now = currentTimeMs();
    for (const GroupOffset& o : offsets) {
        auto pr = d->part(o.topic, o.partition);
        if (!pr) return fail(pr.error());
        if (o.offset < 0 || o.offset > pr.value()->next)
            return fail(makeError(ErrorCode::OutOfRange,
                                  QStringLiteral("cannot commit offset %1 for %2-%3: valid offsets are 0..%4")
                                      .arg(o.offset)
                                      .arg(o.topic)
                                      .arg(o.partition)
                                      .arg(pr.value()->next)));
        up.reset();
        up.bind(1, gid.value())
            .bind(2, pr.value()->pid)
            .bind(3, o.offset)
            .bindText(4, o.metadata)
            .bind(5, at.value_or(now));
        if (up.step() != SQLITE_DONE) return fail(d->err(QStringLiteral("committing offsets")));
    }
    if (auto r = d->endWrite(); !r) return fail(r.error());
    return {};
}

Result<std::vector<GroupOffset>> WorkspaceStore::committedOffsets(const QString& group)
{
    auto gid = d->groupId(group, false);
    if (!gid) return gid.error();
    sql::Stmt q(d->db, "SELECT t.name, p.partition, o.committed, o.metadata FROM group_offsets o "
                       "JOIN partitions p ON p.id = o.pid JOIN topics t ON t.id = p.topic_id "
                       "WHERE o.group_id = ? ORDER BY t.name, p.partition");
    q.bind(1, gid.value());
    std::vector<GroupOffset> out;
    int rc;
    while ((rc = q.step()) == SQLITE_ROW)
        out.push_back({q.text(0), static_cast<PartitionId>(q.int64(1)), q.int64(2), q.text(3)});
    if (rc != SQLITE_DONE) return d->err(QStringLiteral("reading offsets of '%1'").arg(group));
    return out;
}

Result<std::vector<PartitionLag>> WorkspaceStore::lag(const QString& group)
{
    if (d->txDepth == 0) {
        if (auto r = d->loadCatalogue(); !r) return r.error();
    }
    auto gid = d->groupId(group, false);
    if (!gid) return gid.error();
    // Every partition of a subscribed topic, plus any other partition with a commit.
    std::set<qint64> pids;
    sql::Stmt sub(d->db, "SELECT p.id FROM group_topics g JOIN partitions p ON p.topic_id = g.topic_id "
                         "WHERE g.group_id = ?");
    sub.bind(1, gid.value());
    while (sub.step() == SQLITE_ROW)
        pids.insert(sub.int64(0));
    struct Commit {
        Offset offset;
        TimestampMs at;
    };
    std::map<qint64, Commit> commits;
    sql::Stmt q(d->db, "SELECT pid, committed, commit_ms FROM group_offsets WHERE group_id = ?");
    q.bind(1, gid.value());
    int rc;
    while ((rc = q.step()) == SQLITE_ROW) {
        commits[q.int64(0)] = {q.int64(1), q.int64(2)};
        pids.insert(q.int64(0));
    }
    if (rc != SQLITE_DONE) return d->err(QStringLiteral("reading offsets of '%1'").arg(group));
    std::vector<PartitionLag> out;
    for (qint64 pid : pids) {
        auto pit = d->parts.find(pid);
        if (pit == d->parts.end()) continue;
        const PartState& p = pit->second;
        PartitionLag l;
        l.topic = p.topic;
        l.partition = p.partition;
        l.end = p.next;
        l.held = p.count;
        if (auto c = commits.find(pid); c != commits.end()) {
            l.committed = c->second.offset;
            l.commitTime = c->second.at;
            l.lag = std::max<qint64>(0, p.next - c->second.offset);
        }
        out.push_back(std::move(l));
    }
    std::sort(out.begin(), out.end(), [](const PartitionLag& a, const PartitionLag& b) {
        return a.topic != b.topic ? a.topic < b.topic : a.partition < b.partition;
    });
    return out;
}

Result<void> WorkspaceStore::addLagSamples(const QString& group, const std::vector<LagSample>& samples)
{
    if (auto r = d->refuseIfReadOnly("record lag samples"); !r) return r;
    auto gid = d->groupId(group, false);
    if (!gid) return gid.error();
    if (auto r = d->beginWrite(); !r) return r;
    sql::Stmt ins(d->db, "INSERT OR REPLACE INTO lag_samples(group_id, ts, lag) VALUES(?, ?, ?)");
    for (const LagSample& l : samples) {
        ins.reset();
        ins.bind(1, gid.value()).bind(2, l.at).bind(3, l.lag);
        if (ins.step() != SQLITE_DONE) {
            Error e = d->err(QStringLiteral("recording lag of '%1'").arg(group));
            d->abortWrite();
            return e;
        }
    }
    if (auto r = d->endWrite(); !r) {
        d->abortWrite();
        return r;
    }
    return {};
}

Result<qint64> WorkspaceStore::startJournal(const QString& name, const QString& jobId, const QString& jobJson,
                                            const QString& target, qint64 resumedAfter)
{
    if (auto r = d->refuseIfReadOnly("write the replay journal"); !r) return r.error();
    sql::Stmt ins(d->db,
                  "INSERT INTO replay_journal(name, job_id, job_json, target, started_ms, outcome, written, "
                  "resumed_after) VALUES(?, ?, ?, ?, ?, 'running', 0, ?)");
    ins.bindText(1, name)
        .bindText(2, jobId)
        .bindText(3, jobJson)
        .bindText(4, target)
        .bind(5, currentTimeMs())
        .bind(6, resumedAfter);
    if (ins.step() != SQLITE_DONE) return d->err(QStringLiteral("writing the replay journal"));
    return sqlite3_last_insert_rowid(d->db);
}

Result<void> WorkspaceStore::updateJournal(qint64 id, qint64 written, const std::optional<QString>& outcome)
{
    if (auto r = d->refuseIfReadOnly("write the replay journal"); !r) return r;
    sql::Stmt up(d->db,
                 outcome ? "UPDATE replay_journal SET written = ?, outcome = ?, finished_ms = ? WHERE id = ?"
                         : "UPDATE replay_journal SET written = ? WHERE id = ?");
    up.bind(1, written);
    if (outcome)
        up.bindText(2, *outcome).bind(3, currentTimeMs()).bind(4, id);
    else
        up.bind(2, id);
    if (up.step() != SQLITE_DONE) return d->err(QStringLiteral("writing the replay journal"));
    return {};
}

Result<std::vector<JournalEntry>> WorkspaceStore::journal()
{
    std::vector<JournalEntry> out;
    if (!d->hasJournal) return out;
    sql::Stmt q(d->db,
                "SELECT id, name, job_id, job_json, target, started_ms, finished_ms, outcome, written, "
                "resumed_after FROM replay_journal ORDER BY id");
    int rc;
    while ((rc = q.step()) == SQLITE_ROW) {
        JournalEntry e;
        e.id = q.int64(0);
        e.name = q.text(1);
        e.jobId = q.text(2);
        e.jobJson = q.text(3);
        e.target = q.text(4);
        e.started = q.int64(5);
        if (!q.isNull(6)) e.finished = q.int64(6);
        e.outcome = q.text(7);
        e.written = q.int64(8);
        e.resumedAfter = q.int64(9);
        out.push_back(std::move(e));
    }
    if (rc != SQLITE_DONE) return d->err(QStringLiteral("reading the replay journal"));
    return out;
}

Result<void> WorkspaceStore::addAudit(const QString& action, const QString& target, const QString& detail)
{
    if (auto r = d->refuseIfReadOnly("write the audit log"); !r) return r;
    sql::Stmt ins(d->db, "INSERT INTO audit_log(ts, action, target, detail) VALUES(?, ?, ?, ?)");
    ins.bind(1, currentTimeMs()).bindText(2, action).bindText(3, target).bindText(4, detail);
    if (ins.step() != SQLITE_DONE) return d->err(QStringLiteral("writing the audit log"));
    return {};
}

Result<std::vector<AuditEntry>> WorkspaceStore::auditLog()
{
    std::vector<AuditEntry> out;
    if (!d->hasJournal) return out;
    sql::Stmt q(d->db, "SELECT ts, action, target, detail FROM audit_log ORDER BY id");
    int rc;
    while ((rc = q.step()) == SQLITE_ROW)
        out.push_back({q.int64(0), q.text(1), q.text(2), q.text(3)});
    if (rc != SQLITE_DONE) return d->err(QStringLiteral("reading the audit log"));
    return out;
}

Result<std::vector<LagSample>> WorkspaceStore::lagSamples(const QString& group, TimestampMs from,
                                                          TimestampMs to)
{
    auto gid = d->groupId(group, false);
    if (!gid) return gid.error();
    std::vector<LagSample> out;
    if (!d->hasLagSamples) return out; // an older file opened read-only has no history
    sql::Stmt q(d->db,
                "SELECT ts, lag FROM lag_samples WHERE group_id = ? AND ts >= ? AND ts < ? ORDER BY ts");
    q.bind(1, gid.value()).bind(2, from).bind(3, to);
    int rc;
    while ((rc = q.step()) == SQLITE_ROW)
        out.push_back({q.int64(0), q.int64(1)});
    if (rc != SQLITE_DONE) return d->err(QStringLiteral("reading the lag history of '%1'").arg(group));
    return out;
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

Result<std::vector<GroupSummary>> WorkspaceStore::groups()
{
    sql::Stmt q(d->db, "SELECT name FROM groups ORDER BY name");
    std::vector<QString> names;
    int rc;
    while ((rc = q.step()) == SQLITE_ROW)
        names.push_back(q.text(0));
    if (rc != SQLITE_DONE) return d->err(QStringLiteral("listing groups"));
    std::vector<GroupSummary> out;
    for (const QString& name : names) {
        auto lags = lag(name);
        if (!lags) return lags.error();
        GroupSummary g;
        g.name = name;
        for (const PartitionLag& l : lags.value()) {
            if (std::find(g.topics.begin(), g.topics.end(), l.topic) == g.topics.end())
                g.topics.push_back(l.topic);
            if (l.committed) {
                ++g.partitionsWithCommit;
                g.totalLag += *l.lag;
            } else {
                ++g.partitionsWithoutCommit;
                g.uncommittedHeld += l.held;
            }
        }
        out.push_back(std::move(g));
    }
    return out;
}

Result<void> WorkspaceStore::begin()
{
    if (auto r = d->refuseIfReadOnly("write"); !r) return r;
    if (d->txDepth > 0)
        return makeError(ErrorCode::InvalidArgument, QStringLiteral("a transaction is already open"));
    sql::Transaction tx(d->db);
    if (auto r = tx.begin(); !r) return r;
    if (auto r = d->loadCatalogue(); !r) return r; // rolled back by tx
    tx.release();                                  // stays open until commit() or rollback()
    d->txDepth = 1;
    return {};
}

Result<void> WorkspaceStore::commit()
{
    if (d->txDepth == 0)
        return makeError(ErrorCode::InvalidArgument, QStringLiteral("no transaction is open"));
    auto r = sql::exec(d->db, "COMMIT");
    if (!r) {
        rollback();
        return r;
    }
    d->txDepth = 0;
    return {};
}

Result<void> WorkspaceStore::beginBulkLoad()
{
    if (auto r = d->refuseIfReadOnly("fill the workspace"); !r) return r;
    if (d->txDepth > 0)
        return makeError(ErrorCode::InvalidArgument,
                         QStringLiteral("cannot start a bulk load inside a transaction"));
    sql::Stmt mode(d->db, "PRAGMA journal_mode=DELETE");
    if (mode.step() != SQLITE_ROW || mode.text(0) != QLatin1String("delete"))
        return makeError(ErrorCode::Refused,
                         QStringLiteral("%1 is open elsewhere; a bulk load needs it alone").arg(d->path));
    return {};
}

Result<void> WorkspaceStore::endBulkLoad()
{
    sql::Stmt mode(d->db, "PRAGMA journal_mode=WAL");
    if (mode.step() != SQLITE_ROW || mode.text(0) != QLatin1String("wal"))
        return d->err(QStringLiteral("returning %1 to WAL mode").arg(d->path));
    return {};
}

void WorkspaceStore::rollback()
{
    if (d->txDepth == 0) return;
    (void)sql::exec(d->db, "ROLLBACK");
    d->txDepth = 0;
    (void)d->loadCatalogue();
}

QByteArray WorkspaceStore::indexedText(const RecordView& r)
{
    QByteArray body;
    appendIndexedText(body, r);
    return body;
}

void WorkspaceStore::appendIndexedText(QByteArray& body, const RecordView& r)
{
    if (!r.keyNull && json::isValidUtf8(r.key)) body.append(r.key);
    body.append('\n');
    if (!r.valueNull && json::isValidUtf8(r.value)) body.append(r.value);
    if (!r.headersBlob.isEmpty()) {
        thread_local std::vector<HeaderView> headers; // views: no allocation per header
        headers.clear();
        if (decodeHeaderViews(r.headersBlob, headers)) {
            for (const HeaderView& x : headers) {
                if (!x.valueNull && json::isValidUtf8(x.value)) {
                    body.append('\n');
                    body.append(x.value);
                }
            }
        }
    }
}

Result<WorkspaceStore::TextIndexStatus> WorkspaceStore::textIndexStatus()
{
    if (d->txDepth == 0) {
        if (auto r = d->loadCatalogue(); !r) return r.error();
    }
    TextIndexStatus st;
    st.exists = d->textIndex;
    for (const auto& [pid, p] : d->parts) {
        st.total += p.count;
        if (!st.exists) continue;
        auto it = d->textIndexed.find(pid);
        const Offset next = it == d->textIndexed.end() ? p.low : it->second;
        if (next >= p.next) {
            st.indexed += p.count;
        } else if (next > p.low) {
            sql::Stmt c(d->db, "SELECT count(*) FROM records WHERE id >= ? AND id < ?");
            c.bind(1, (pid << kOffsetBits) + (p.low - p.base))
                .bind(2, (pid << kOffsetBits) + (next - p.base));
            if (c.step() == SQLITE_ROW) st.indexed += c.int64(0);
        }
    }
    return st;
}

Result<WorkspaceStore::TextIndexStatus>
WorkspaceStore::buildTextIndex(const std::function<bool(qint64, qint64)>& progress)
{
    if (auto r = d->refuseIfReadOnly("build the text index"); !r) return r.error();
    if (d->txDepth > 0)
        return makeError(ErrorCode::InvalidArgument,
                         QStringLiteral("cannot build the text index inside a transaction"));
    if (!d->textIndex) {
        auto r = sql::exec(d->db, "BEGIN IMMEDIATE;"
                                  "CREATE VIRTUAL TABLE IF NOT EXISTS record_text USING fts5(body, "
                                  "content='', tokenize='trigram', detail='none');"
                                  "CREATE TABLE IF NOT EXISTS record_text_progress(pid INTEGER PRIMARY KEY, "
                                  "next_offset INTEGER NOT NULL);"
                                  "COMMIT;");
        if (!r) {
            (void)sql::exec(d->db, "ROLLBACK");
            return r.error();
        }
        if (auto l = d->loadCatalogue(); !l) return l.error();
    }
    auto status = textIndexStatus();
    if (!status) return status.error();
    qint64 done = status->indexed;
    const qint64 total = status->total;
    sql::Stmt read(
        d->db,
        "SELECT id, key, value, headers FROM records WHERE id >= ? AND id < ? ORDER BY id LIMIT 20000");
    sql::Stmt prog(d->db, "INSERT INTO record_text_progress(pid, next_offset) VALUES(?, ?) "
                          "ON CONFLICT(pid) DO UPDATE SET next_offset = excluded.next_offset");
    std::vector<qint64> pids;
    for (const auto& [pid, p] : d->parts)
        pids.push_back(pid);
    QByteArray body;
    for (qint64 pid : pids) {
        while (true) {
            const PartState& p = d->parts.at(pid);
            auto it = d->textIndexed.find(pid);
            Offset next = it == d->textIndexed.end() ? p.low : std::max(it->second, p.low);
            if (next >= p.next) break;
            sql::Transaction tx(d->db); // rolled back by any return before its commit
            if (auto r = tx.begin(); !r) return r.error();
            read.reset();
            read.bind(1, (pid << kOffsetBits) + (next - p.base))
                .bind(2, (pid << kOffsetBits) + (p.next - p.base));
            qint64 n = 0;
            int rc;
            while ((rc = read.step()) == SQLITE_ROW) {
                RecordView v;
                v.keyNull = read.isNull(1);
                v.key = read.blob(1);
                v.valueNull = read.isNull(2);
                v.value = read.blob(2);
                v.headersBlob = read.blob(3);
                body.resize(0); // keeps its capacity: no allocation per record
                appendIndexedText(body, v);
                d->insertText.reset();
                d->insertText.bind(1, read.int64(0));
                sqlite3_bind_text(d->insertText.get(), 2, body.constData(), static_cast<int>(body.size()),
                                  SQLITE_STATIC);
                if (d->insertText.step() != SQLITE_DONE)
                    return d->err(QStringLiteral("building the text index"));
                next = read.int64(0) - (pid << kOffsetBits) + p.base + 1;
                ++n;
            }
            read.reset();
            if (rc != SQLITE_DONE) return d->err(QStringLiteral("building the text index"));
            if (n == 0) next = p.next;
            prog.reset();
            prog.bind(1, pid).bind(2, next);
            if (prog.step() != SQLITE_DONE) return d->err(QStringLiteral("building the text index"));
            if (auto r = tx.commit(); !r) return r.error();
            d->textIndexed[pid] = next;
            done += n;
            if (progress && !progress(done, total)) {
                auto st = textIndexStatus();
                if (!st) return st.error();
                return makeError(ErrorCode::Cancelled,
                                 QStringLiteral("text index build cancelled at %1 of %2 records; "
                                                "run it again to continue")
                                     .arg(st->indexed)
                                     .arg(st->total));
            }
        }
    }
    return textIndexStatus();
}

Result<std::vector<WorkspaceStore::TextHit>> WorkspaceStore::textSearch(const std::vector<QString>& terms,
                                                                        qint64 limit)
{
    if (!d->textIndex)
        return makeError(
            ErrorCode::NotFound,
            QStringLiteral("%1 has no text index (build it with rewind-cli index)").arg(d->path));
    if (terms.empty()) return makeError(ErrorCode::InvalidArgument, QStringLiteral("no search terms"));
    // The index keeps no positions (detail=none: about twice as fast to build), so a term is the
    // AND of its trigrams: a superset of the records holding it, which callers check exactly.
    QStringList quoted;
    for (const QString& t : terms) {
        const QList<uint> cps = t.toUcs4();
        if (cps.size() < 3)
            return makeError(
                ErrorCode::InvalidArgument,
                QStringLiteral("the text index needs terms of 3 or more characters ('%1')").arg(t));
        for (qsizetype i = 0; i + 3 <= cps.size(); ++i) {
            QString tri = QString::fromUcs4(reinterpret_cast<const char32_t*>(cps.constData() + i), 3);
            tri.replace(QLatin1Char('"'), QStringLiteral("\"\""));
            quoted << QLatin1Char('"') + tri + QLatin1Char('"');
        }
    }
    sql::Stmt s(d->db, "SELECT rowid FROM record_text WHERE record_text MATCH ? ORDER BY rowid");
    s.bindText(1, quoted.join(QStringLiteral(" AND ")));
    std::vector<TextHit> out;
    int rc;
    while ((rc = s.step()) == SQLITE_ROW) {
        const qint64 id = s.int64(0);
        const qint64 pid = id >> kOffsetBits;
        auto it = d->parts.find(pid);
        if (it == d->parts.end()) continue;
        out.push_back({it->second.topic, it->second.partition, (id & kMaxRelOffset) + it->second.base});
        if (limit >= 0 && static_cast<qint64>(out.size()) >= limit) break;
    }
    if (rc != SQLITE_ROW && rc != SQLITE_DONE) return d->err(QStringLiteral("searching the text index"));
    return out;
}

Result<void> WorkspaceStore::setMeta(const QString& key, const QString& value)
{
    if (auto r = d->refuseIfReadOnly("write metadata"); !r) return r;
    sql::Stmt s(
        d->db,
        "INSERT INTO meta(key, value) VALUES(?, ?) ON CONFLICT(key) DO UPDATE SET value=excluded.value");
    s.bindText(1, key).bindText(2, value);
    if (s.step() != SQLITE_DONE) return d->err(QStringLiteral("writing metadata"));
    return {};
}

Result<std::optional<QString>> WorkspaceStore::meta(const QString& key)
{
    sql::Stmt s(d->db, "SELECT value FROM meta WHERE key = ?");
    s.bindText(1, key);
    const int rc = s.step();
    if (rc == SQLITE_ROW) return std::optional<QString>{s.text(0)};
    if (rc != SQLITE_DONE) return d->err(QStringLiteral("reading metadata"));
    return std::optional<QString>{};
}

} // namespace rw
