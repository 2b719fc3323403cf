#include "workspace_store_impl.h"

#include "row_feed.h"

#include "header_codec.h"
#include "json.h"
#include "sqlite_util.h"
#include "time_parse.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QSaveFile>
#include <QStandardPaths>
#include <QThread>
#include <QUrl>

#include <algorithm>
#include <map>
#include <mutex>
#include <set>

#include <sys/stat.h>

namespace rw {

namespace {

// Files up to this size get a full PRAGMA quick_check on open; larger ones check the catalogue
// tables on open and leave the record pages to quickCheck() (rewind-cli verify), because a full
// check reads every page (~1 s per GB) and would stall opening a 10M-record workspace.
constexpr qint64 kFullCheckMaxBytes = qint64(1) << 30;

// How long a connection waits for another process's lock (a writer's transaction, a checkpoint)
// before it gives up with ErrorCode::Busy.
constexpr int kBusyTimeoutMs = 5000;

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
        const QByteArray sqlText =
            QByteArray(kMigrations[v - 1]) + "PRAGMA user_version=" + QByteArray::number(v + 1) + ";";
        sql::Transaction tx(db); // each step whole or not at all
        auto r = tx.begin();
        if (r) r = sql::exec(db, sqlText.constData());
        if (r) r = tx.commit();
        if (!r) {
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

// The SQLite header's application id (bytes 68-71) is Rewind's. Read through SQLite (readFileHead):
// never a descriptor of our own on a workspace another connection of this process may hold.
bool hasOurApplicationId(const QString& path)
{
    auto head = sql::readFileHead(path, 72);
    if (!head || head->bytes.size() < 72) return false;
    return be32(reinterpret_cast<const unsigned char*>(head->bytes.constData()) + 68) ==
           WorkspaceStore::kApplicationId;
}

// What the 100-byte SQLite header and the file's size say of a file, before SQLite opens it for
// real, so foreign, truncated and newer files get a precise message and are never opened for
// writing. `sizeChecks`: whether the size may be checked against the header's page count (only
// while nobody is writing: a checkpoint writes page 1 before it extends the file).
Result<void> checkHeaderOnce(const QString& path, bool sizeChecks)
{
    auto head = sql::readFileHead(path, 100);
    if (!head) return head.error();
    const qint64 size = head->size;
    const QByteArray& h = head->bytes;
    const QString notWs = QStringLiteral("%1 is not a Rewind workspace: %2");
    if (size == 0)
        return makeError(ErrorCode::NotAWorkspace, notWs.arg(path, QStringLiteral("the file is empty")));
    if (!h.startsWith(QByteArrayView("SQLite format 3\0", 16))) {
        const QString hint = h.trimmed().startsWith('{')
                                 ? QStringLiteral("it looks like NDJSON; import it with 'rewind-cli import'")
                             : path.endsWith(QLatin1String(".log"))
                                 ? QStringLiteral("it is not a SQLite database (a Kafka segment is read as a "
                                                  "source, and nothing is ever written to it)")
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
    if (!sizeChecks) return {};
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

// checkHeaderOnce with the size checks where they can be trusted. A -wal beside the file means a
// connection holds it (or held it when it stopped): its checkpoints move pages into the file, so
// the file's size is no evidence, and SQLite's own reading (the integrity check) decides. Without
// one, a truncation found is read again a moment later: a writer may have opened, written and
// checkpointed in between, and a file truncated for real stays so.
Result<void> checkHeader(const QString& path)
{
    const QString wal = path + QStringLiteral("-wal");
    auto r = checkHeaderOnce(path, !QFileInfo::exists(wal));
    if (r || r.error().code != ErrorCode::Truncated) return r;
    QThread::msleep(100);
    return checkHeaderOnce(path, !QFileInfo::exists(wal));
}

} // namespace

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
    sqlite3_busy_timeout(db, kBusyTimeoutMs);
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

namespace {

// A file as it was when its integrity was checked: another connection to it, unchanged (same
// file, size, modification and status-change times), is not checked again; a file replaced or
// written since is (the status-change time moves with any write and cannot be set back). stat()
// opens nothing, so no lock of SQLite's is at risk. Remembered in this process and, for the next
// ones (the CLI beside the window, the window opened again), in a small list in the user's cache
// folder; only stamps at least kSettledSec older than the check are kept there, so a write during
// or after the check (on a file system with coarse times) cannot pass for the checked file.
struct FileStamp {
    quint64 dev = 0, ino = 0;
    qint64 size = 0, mtimeSec = 0, mtimeNsec = 0, ctimeSec = 0, ctimeNsec = 0;
    auto operator<=>(const FileStamp&) const = default;
    QByteArray line() const
    {
        return QByteArray::number(dev) + ' ' + QByteArray::number(ino) + ' ' + QByteArray::number(size) +
               ' ' + QByteArray::number(mtimeSec) + ' ' + QByteArray::number(mtimeNsec) + ' ' +
               QByteArray::number(ctimeSec) + ' ' + QByteArray::number(ctimeNsec);
    }
};

constexpr qint64 kSettledSec = 2;
constexpr int kRememberedFiles = 256;

std::optional<FileStamp> stampOf(const QByteArray& native)
{
    struct stat st {};
    if (::stat(native.constData(), &st) != 0) return std::nullopt;
    return FileStamp{static_cast<quint64>(st.st_dev),         static_cast<quint64>(st.st_ino),
                     static_cast<qint64>(st.st_size),         static_cast<qint64>(st.st_mtim.tv_sec),
                     static_cast<qint64>(st.st_mtim.tv_nsec), static_cast<qint64>(st.st_ctim.tv_sec),
                     static_cast<qint64>(st.st_ctim.tv_nsec)};
}

std::mutex g_checkedMutex;
std::set<FileStamp> g_checked; // bounded by the files a process opens

QString checkedListPath()
{
    const QString cache = QStandardPaths::writableLocation(QStandardPaths::GenericCacheLocation);
    return cache.isEmpty() ? QString() : cache + QStringLiteral("/rewind/checked-workspaces");
}

// The remembered stamps, one a line, newest last (a missing or unreadable list is empty).
QList<QByteArray> readCheckedList()
{
    const QString path = checkedListPath();
    if (path.isEmpty()) return {};
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) return {};
    QList<QByteArray> lines = f.read(64 << 10).split('\n');
    lines.removeAll(QByteArray());
    return lines;
}

bool wasChecked(const FileStamp& stamp)
{
    std::lock_guard lock(g_checkedMutex);
    if (g_checked.count(stamp) > 0) return true;
    if (!readCheckedList().contains(stamp.line())) return false;
    g_checked.insert(stamp);
    return true;
}

// `statSec`: when the stamp was taken (before the check read the file).
void markChecked(const FileStamp& stamp, qint64 statSec)
{
    std::lock_guard lock(g_checkedMutex);
    g_checked.insert(stamp);
    if (statSec - std::max(stamp.mtimeSec, stamp.ctimeSec) < kSettledSec) return;
    const QString path = checkedListPath();
    if (path.isEmpty() || !QDir().mkpath(QFileInfo(path).absolutePath())) return;
    QList<QByteArray> lines = readCheckedList();
    const QByteArray mine = stamp.line();
    if (lines.contains(mine)) return;
    lines.append(mine);
    if (lines.size() > kRememberedFiles) lines = lines.mid(lines.size() - kRememberedFiles);
    QSaveFile out(path); // whole or not at all; another process writing at once may win: harmless
    if (!out.open(QIODevice::WriteOnly)) return;
    out.write(lines.join('\n') + '\n');
    (void)out.commit();
}

} // namespace

Result<std::unique_ptr<WorkspaceStore>> WorkspaceStore::open(const QString& path, Mode mode)
{
    const QFileInfo fi(path);
    if (!fi.exists()) return makeError(ErrorCode::NotFound, QStringLiteral("%1 does not exist").arg(path));
    if (fi.isDir()) // a broker's data directory is read in place (openRecordSource), never as a workspace
        return makeError(ErrorCode::NotAWorkspace,
                         QStringLiteral("%1 is a folder, not a workspace file: a Kafka data directory is "
                                        "read as a source, and nothing is ever written to it")
                             .arg(path));
    // A writer stopped during a bulk load (rollback journal: beginBulkLoad) leaves a hot journal
    // beside the file, and the file itself half-written until SQLite rolls the journal back.
    // That happens here, before the checks read the file as it lies (page 1 may already carry the
    // unfinished page count), and only for a file whose application id says it is ours (no
    // transaction of ours changes it): a foreign file is never written to.
    if (QFileInfo(path + QStringLiteral("-journal")).size() > 0 && hasOurApplicationId(path)) {
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
            sqlite3_busy_timeout(db, kBusyTimeoutMs);
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
    const bool canWrite = fi.isWritable() && QFileInfo(fi.absolutePath()).isWritable();
    const QByteArray immutableUri =
        "file:" + QUrl::toPercentEncoding(fi.absoluteFilePath(), "/") + "?immutable=1";
    // How a connection to this file is made: read-write where the file and its folder may be
    // written (read-only opens add query_only): SQLite then takes its locks, sees other processes'
    // writes as a consistent snapshot and removes its -wal/-shm on close. Read-only with a WAL
    // beside a file we may not write; immutable only for a file on read-only media without one,
    // which nothing can change.
    auto connect = [&](sqlite3** db) {
        if (canWrite)
            return sqlite3_open_v2(native.constData(), db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX,
                                   nullptr);
        if (walExists)
            return sqlite3_open_v2(native.constData(), db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX,
                                   nullptr);
        return sqlite3_open_v2(immutableUri.constData(), db,
                               SQLITE_OPEN_READONLY | SQLITE_OPEN_URI | SQLITE_OPEN_NOMUTEX, nullptr);
    };
    // Step 1: a connection that only reads checks integrity, so a damaged file is never opened
    // for writing. The header's application id was checked above: the file is ours. A file this
    // process checked already, unchanged since (a worker's second connection), is not read again.
    const qint64 statSec = QDateTime::currentSecsSinceEpoch();
    const std::optional<FileStamp> stamp = stampOf(native);
    const bool checkedBefore = stamp && wasChecked(*stamp);
    sqlite3* ro = nullptr;
    int rc = checkedBefore ? SQLITE_OK : connect(&ro);
    if (rc == SQLITE_OK && canWrite && ro)
        rc = sqlite3_exec(ro, "PRAGMA query_only=ON", nullptr, nullptr, nullptr);
    if (rc != SQLITE_OK) {
        Error e = sql::errorFor(rc, ro, QStringLiteral("cannot open %1").arg(path));
        sqlite3_close_v2(ro);
        return e;
    }
    auto closeRo = [&] {
        sqlite3_close_v2(ro);
        ro = nullptr;
    };
    if (ro) {
        sqlite3_extended_result_codes(ro, 1);
        sqlite3_busy_timeout(ro, kBusyTimeoutMs);
    }
    // quick_check over everything for ordinary sizes; the catalogue only for very large files.
    // "Damaged" is said only of what SQLite found damaged: a lock another process kept past the
    // busy timeout is Busy, any other failure to read is Io.
    QStringList problems;
    auto runCheck = [&](const QByteArray& pragma) -> Result<void> {
        sql::Stmt s(ro, pragma.constData());
        int src = s.valid() ? SQLITE_ROW : sqlite3_extended_errcode(ro);
        while (s.valid() && (src = s.step()) == SQLITE_ROW) {
            const QString line = s.text(0);
            if (line != QLatin1String("ok")) problems << line;
        }
        if (src == SQLITE_DONE) return {};
        Error e = sql::lastError(ro, QString());
        const QString detail = QString::fromUtf8(sqlite3_errmsg(ro));
        if (e.code == ErrorCode::Corrupt || e.code == ErrorCode::NotAWorkspace)
            return makeError(ErrorCode::Corrupt, QStringLiteral("%1 is damaged: %2").arg(path, detail));
        if (e.code == ErrorCode::Busy)
            return makeError(ErrorCode::Busy,
                             QStringLiteral("%1 is busy: another process kept it locked for more than %2 s "
                                            "(%3). Nothing is wrong with the file; try again.")
                                 .arg(path)
                                 .arg(kBusyTimeoutMs / 1000)
                                 .arg(detail));
        return makeError(e.code, QStringLiteral("cannot read %1: %2").arg(path, detail));
    };
    if (checkedBefore) {
        // nothing to check
    } else if (fi.size() <= kFullCheckMaxBytes) {
        if (auto r = runCheck("PRAGMA quick_check(20)"); !r) {
            closeRo();
            return r.error();
        }
    } else {
        for (const char* t : kCatalogueTables) {
            if (auto r = runCheck(QByteArray("PRAGMA quick_check(") + t + ")"); !r) {
                closeRo();
                return r.error();
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
    if (stamp && !checkedBefore) markChecked(*stamp, statSec);
    auto impl = std::make_unique<Impl>();
    impl->path = path;
    impl->readOnly = mode == Mode::ReadOnly;
    // Step 2: the working connection, made the same way. Read-only mode still opens writable files
    // read-write with query_only on.
    rc = connect(&impl->db);
    if (rc != SQLITE_OK) return sql::errorFor(rc, impl->db, QStringLiteral("cannot open %1").arg(path));
    if (impl->readOnly && canWrite) {
        if (auto r = sql::exec(impl->db, "PRAGMA query_only=ON"); !r) return r.error();
    }
    if (auto r = applyConnectionSettings(impl->db, impl->readOnly); !r) return r.error();
    // Older schemas are migrated when the file is opened for writing (each step in its own
    // transaction); read-only opens use them as they are. Newer ones were refused by checkHeader.
    {
        sql::Stmt v(impl->db, "PRAGMA user_version");
        if (v.step() != SQLITE_ROW) return sql::lastError(impl->db, QStringLiteral("reading %1").arg(path));
        const qint64 version = v.int64(0);
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
    sql::Transaction tx = d->write();
    if (auto r = d->beginWrite(tx); !r) return r;
    sql::Stmt ins(d->db, "INSERT INTO topics(name, created_ms) VALUES(?, ?)");
    ins.bindText(1, name).bind(2, currentTimeMs());
    if (ins.step() != SQLITE_DONE) {
        const bool exists = (sqlite3_extended_errcode(d->db) & 0xff) == SQLITE_CONSTRAINT;
        Error e = exists ? makeError(ErrorCode::AlreadyExists,
                                     QStringLiteral("topic '%1' already exists").arg(name))
                         : d->err(QStringLiteral("creating topic '%1'").arg(name));
        return e;
    }
    const qint64 topicId = sqlite3_last_insert_rowid(d->db);
    if (auto r = d->createPartitions(topicId, 0, partitions); !r) return r;
    if (auto r = tx.commit(); !r) return r;
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
    sql::Transaction tx = d->write();
    if (auto r = d->beginWrite(tx); !r) return r;
    if (auto r = d->createPartitions(it->id, have, partitions); !r) return r;
    if (auto r = tx.commit(); !r) return r;
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
                {p.partition, p.count ? p.low : p.next, p.next, p.count, p.firstTs, p.maxTs, std::nullopt});
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

Result<void> WorkspaceStore::begin()
{
    if (auto r = d->refuseIfReadOnly("write"); !r) return r;
    if (d->txDepth > 0)
        return makeError(ErrorCode::InvalidArgument, QStringLiteral("a transaction is already open"));
    auto tx = std::make_unique<sql::Transaction>(d->db, [impl = d.get()] { (void)impl->loadCatalogue(); });
    if (auto r = tx->begin(); !r) return r;
    if (auto r = d->loadCatalogue(); !r) return r; // rolled back as tx ends
    d->outer = std::move(tx);                      // stays open until commit() or rollback()
    d->txDepth = 1;
    return {};
}

Result<void> WorkspaceStore::commit()
{
    if (d->txDepth == 0)
        return makeError(ErrorCode::InvalidArgument, QStringLiteral("no transaction is open"));
    auto r = d->outer->commit(); // rolled back if it fails
    d->outer.reset();
    d->txDepth = 0;
    return r;
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
    d->outer.reset(); // rolls back, and reads the catalogue again
    d->txDepth = 0;
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
