#include "sqlite_util.h"

#include <QFile>
#include <QFileInfo>
#include <QUrl>

#include <algorithm>
#include <memory>

namespace rw::sql {

Result<FileHead> readFileHead(const QString& path, int bytes)
{
    // immutable=1: SQLite reads without locks or -wal/-shm files and without checking that the
    // file is a database; the main file is opened at once, and its descriptor closes through
    // SQLite's unixClose, which keeps it open while this process holds locks on the file.
    const QString abs = QFileInfo(path).absoluteFilePath();
    const QByteArray uri = "file:" + QUrl::toPercentEncoding(abs, "/") + "?immutable=1";
    sqlite3* raw = nullptr;
    const int rc = sqlite3_open_v2(uri.constData(), &raw,
                                   SQLITE_OPEN_READONLY | SQLITE_OPEN_URI | SQLITE_OPEN_NOMUTEX, nullptr);
    std::unique_ptr<sqlite3, decltype(&sqlite3_close_v2)> db(raw, &sqlite3_close_v2);
    const auto cannot = [&](const QString& why) {
        return makeError(QFileInfo::exists(abs) ? ErrorCode::Io : ErrorCode::NotFound,
                         QStringLiteral("cannot read %1: %2").arg(path, why));
    };
    if (rc != SQLITE_OK) return cannot(QString::fromUtf8(raw ? sqlite3_errmsg(raw) : sqlite3_errstr(rc)));
    sqlite3_file* file = nullptr;
    if (sqlite3_file_control(raw, "main", SQLITE_FCNTL_FILE_POINTER, &file) != SQLITE_OK || !file ||
        !file->pMethods)
        return cannot(QStringLiteral("it could not be opened"));
    FileHead head;
    sqlite3_int64 size = 0;
    if (file->pMethods->xFileSize(file, &size) != SQLITE_OK)
        return cannot(QStringLiteral("its size is unknown"));
    head.size = size;
    const int n = static_cast<int>(std::min<sqlite3_int64>(size, std::max(bytes, 0)));
    head.bytes.resize(n);
    // A short read (the file shrank since) fills the rest with zeros and says SQLITE_IOERR_SHORT_READ.
    const int rrc = n > 0 ? file->pMethods->xRead(file, head.bytes.data(), n, 0) : SQLITE_OK;
    if (rrc != SQLITE_OK && rrc != SQLITE_IOERR_SHORT_READ)
        return cannot(QString::fromUtf8(sqlite3_errstr(rrc)));
    return head;
}

Stmt::Stmt(sqlite3* db, const char* sql)
{
    if (sqlite3_prepare_v3(db, sql, -1, SQLITE_PREPARE_PERSISTENT, &m_stmt, nullptr) != SQLITE_OK)
        m_stmt = nullptr;
}

Stmt::~Stmt()
{
    sqlite3_finalize(m_stmt);
}

Stmt::Stmt(Stmt&& o) noexcept : m_stmt(o.m_stmt)
{
    o.m_stmt = nullptr;
}

Stmt& Stmt::operator=(Stmt&& o) noexcept
{
    if (this != &o) {
        sqlite3_finalize(m_stmt);
        m_stmt = o.m_stmt;
        o.m_stmt = nullptr;
    }
    return *this;
}

Stmt& Stmt::bindInt64(int i, sqlite3_int64 v)
{
    sqlite3_bind_int64(m_stmt, i, v);
    return *this;
}

Stmt& Stmt::bindText(int i, const QString& s)
{
    const QByteArray u = s.toUtf8();
    sqlite3_bind_text(m_stmt, i, u.constData(), static_cast<int>(u.size()), SQLITE_TRANSIENT);
    return *this;
}

Stmt& Stmt::bindBlob(int i, QByteArrayView b, bool isNull)
{
    if (isNull)
        sqlite3_bind_null(m_stmt, i);
    else if (b.isEmpty())
        sqlite3_bind_zeroblob(m_stmt, i, 0);
    else
        sqlite3_bind_blob(m_stmt, i, b.data(), static_cast<int>(b.size()), SQLITE_STATIC);
    return *this;
}

Stmt& Stmt::bindNull(int i)
{
    sqlite3_bind_null(m_stmt, i);
    return *this;
}

int Stmt::step()
{
    return sqlite3_step(m_stmt);
}

void Stmt::reset()
{
    sqlite3_reset(m_stmt);
    sqlite3_clear_bindings(m_stmt);
}

QString Stmt::text(int col) const
{
    const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(m_stmt, col));
    return QString::fromUtf8(p, sqlite3_column_bytes(m_stmt, col));
}

QByteArrayView Stmt::blob(int col) const
{
    const void* p = sqlite3_column_blob(m_stmt, col);
    const int n = sqlite3_column_bytes(m_stmt, col);
    return QByteArrayView(static_cast<const char*>(p), n);
}

Error errorFor(int rc, sqlite3* db, const QString& context)
{
    const int primary = rc & 0xff;
    const QString detail = db ? QString::fromUtf8(sqlite3_errmsg(db)) : QString::fromUtf8(sqlite3_errstr(rc));
    ErrorCode code = ErrorCode::Io;
    switch (primary) {
    case SQLITE_CORRUPT:
        code = ErrorCode::Corrupt;
        break;
    case SQLITE_NOTADB:
        code = ErrorCode::NotAWorkspace;
        break;
    case SQLITE_READONLY:
        code = ErrorCode::ReadOnly;
        break;
    case SQLITE_CONSTRAINT:
        code = ErrorCode::InvalidArgument;
        break;
    case SQLITE_INTERRUPT:
        code = ErrorCode::Cancelled;
        break;
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
        code = ErrorCode::Busy;
        break;
    default:
        break;
    }
    return makeError(code, QStringLiteral("%1: %2").arg(context, detail));
}

Error lastError(sqlite3* db, const QString& context)
{
    return errorFor(sqlite3_extended_errcode(db), db, context);
}

Result<void> Transaction::begin(const char* sql)
{
    auto r = exec(m_db, sql);
    m_open = r.ok();
    return r;
}

Result<void> Transaction::beginSavepoint(const char* name)
{
    m_savepoint = QByteArray(name);
    auto r = exec(m_db, QByteArray("SAVEPOINT " + m_savepoint).constData());
    m_open = r.ok();
    return r;
}

Result<void> Transaction::commit()
{
    auto r = m_savepoint.isEmpty() ? exec(m_db, "COMMIT")
                                   : exec(m_db, QByteArray("RELEASE " + m_savepoint).constData());
    if (r)
        m_open = false;
    else
        rollback();
    return r;
}

void Transaction::rollback()
{
    if (!m_open) return;
    if (m_savepoint.isEmpty()) {
        (void)exec(m_db, "ROLLBACK");
    } else {
        (void)exec(m_db, QByteArray("ROLLBACK TO " + m_savepoint).constData());
        (void)exec(m_db, QByteArray("RELEASE " + m_savepoint).constData());
    }
    m_open = false;
    if (m_afterRollback) m_afterRollback();
}

Result<void> exec(sqlite3* db, const char* sql)
{
    char* msg = nullptr;
    const int rc = sqlite3_exec(db, sql, nullptr, nullptr, &msg);
    if (rc != SQLITE_OK) {
        const QString m = msg ? QString::fromUtf8(msg) : QString::fromUtf8(sqlite3_errstr(rc));
        sqlite3_free(msg);
        return errorFor(rc, nullptr, m);
    }
    return {};
}

} // namespace rw::sql
