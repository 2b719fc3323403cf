#pragma once
// Thin RAII over the SQLite C API for the workspace store. One connection per thread.

#include "result.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

#include <sqlite3.h>

#include <concepts>
#include <functional>

namespace rw::sql {

class Stmt {
public:
    Stmt() = default;
    Stmt(sqlite3* db, const char* sql);
    ~Stmt();
    Stmt(Stmt&& o) noexcept;
    Stmt& operator=(Stmt&& o) noexcept;
    Stmt(const Stmt&) = delete;
    Stmt& operator=(const Stmt&) = delete;

    bool valid() const { return m_stmt != nullptr; }
    sqlite3_stmt* get() const { return m_stmt; }

    template <std::integral T> Stmt& bind(int i, T v) { return bindInt64(i, static_cast<sqlite3_int64>(v)); }
    Stmt& bindInt64(int i, sqlite3_int64 v);
    Stmt& bindText(int i, const QString& s);
    Stmt& bindBlob(int i, QByteArrayView b, bool isNull); // empty but not null stays empty
    Stmt& bindNull(int i);

    int step();   // SQLITE_ROW, SQLITE_DONE or an error code
    void reset(); // reset and clear bindings

    qint64 int64(int col) const { return sqlite3_column_int64(m_stmt, col); }
    bool isNull(int col) const { return sqlite3_column_type(m_stmt, col) == SQLITE_NULL; }
    QString text(int col) const;
    QByteArrayView blob(int col) const;

private:
    sqlite3_stmt* m_stmt = nullptr;
};

// The first bytes of a file and its size, read through SQLite's own file layer. Every workspace is
// read this way and never through another descriptor: on Linux, closing any descriptor of a file
// drops all of the process's POSIX locks on it, so a QFile opened and closed beside a live
// connection lets another process checkpoint and delete the WAL under it (SQLite's "How To Corrupt
// An SQLite Database File", 2.2). SQLite's file layer keeps such a descriptor open until the
// process's locks on the file are released. Works on any file, SQLite or not.
struct FileHead {
    QByteArray bytes; // up to the bytes asked for; fewer when the file is shorter
    qint64 size = 0;
};
Result<FileHead> readFileHead(const QString& path, int bytes);

// Maps the connection's last error to an Error with context. SQLITE_BUSY and SQLITE_LOCKED
// (another process kept a lock longer than the busy timeout) are ErrorCode::Busy, never damage.
Error lastError(sqlite3* db, const QString& context);
Error errorFor(int rc, sqlite3* db, const QString& context);

// Runs statements with no results; returns an Error on failure.
Result<void> exec(sqlite3* db, const char* sql);

// A write transaction that rolls back unless committed: every early return undoes it.
//   sql::Transaction tx(db);
//   if (auto r = tx.begin(); !r) return r;  ...  return tx.commit();
class Transaction {
public:
    // `afterRollback` runs once the transaction is rolled back (the store re-reads its catalogue).
    explicit Transaction(sqlite3* db, std::function<void()> afterRollback = {})
        : m_db(db), m_afterRollback(std::move(afterRollback))
    {
    }
    ~Transaction() { rollback(); }
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;

    Result<void> begin(const char* sql = "BEGIN IMMEDIATE");
    // A savepoint inside a transaction already open: a write that joins an outer one, undone
    // alone (ROLLBACK TO) and kept by the outer transaction's commit.
    Result<void> beginSavepoint(const char* name);
    Result<void> commit(); // COMMIT, or RELEASE of the savepoint; on failure it is rolled back
    void rollback();
    void release() { m_open = false; } // the transaction stays open; its owner ends it later
    bool open() const { return m_open; }

private:
    sqlite3* m_db;
    std::function<void()> m_afterRollback;
    QByteArray m_savepoint; // empty: a transaction of its own
    bool m_open = false;
};

} // namespace rw::sql
