// WorkspaceStore: the cases kept in a workspace (workspace_store.h).

#include "workspace_store_impl.h"

namespace rw {

namespace {

bool hasCasesTable(sqlite3* db)
{
    sql::Stmt s(db, "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'cases'");
    return s.step() == SQLITE_ROW;
}

} // namespace

Result<std::vector<WorkspaceStore::CaseEntry>> WorkspaceStore::cases()
{
    std::vector<CaseEntry> out;
    if (!hasCasesTable(d->db)) return out;
    sql::Stmt s(d->db, "SELECT name, pins, updated_ms FROM cases ORDER BY name");
    int rc;
    while ((rc = s.step()) == SQLITE_ROW)
        out.push_back({s.text(0), s.int64(1), s.int64(2)});
    if (rc != SQLITE_DONE) return d->err(QStringLiteral("reading the cases"));
    return out;
}

Result<std::optional<QByteArray>> WorkspaceStore::caseDocument(const QString& name)
{
    if (!hasCasesTable(d->db)) return std::optional<QByteArray>{};
    sql::Stmt s(d->db, "SELECT doc FROM cases WHERE name = ?");
    s.bindText(1, name);
    const int rc = s.step();
    if (rc == SQLITE_ROW) return std::optional<QByteArray>{s.blob(0).toByteArray()};
    if (rc != SQLITE_DONE) return d->err(QStringLiteral("reading case '%1'").arg(name));
    return std::optional<QByteArray>{};
}

Result<void> WorkspaceStore::saveCase(const QString& name, QByteArrayView json, qint64 pins,
                                      TimestampMs updated)
{
    if (auto r = d->refuseIfReadOnly("save a case"); !r) return r;
    if (auto r =
            sql::exec(d->db, "CREATE TABLE IF NOT EXISTS cases(name TEXT PRIMARY KEY, doc BLOB NOT NULL, "
                             "pins INTEGER NOT NULL, updated_ms INTEGER NOT NULL)");
        !r)
        return r;
    sql::Stmt s(d->db,
                "INSERT INTO cases(name, doc, pins, updated_ms) VALUES(?, ?, ?, ?) ON CONFLICT(name) "
                "DO UPDATE SET doc = excluded.doc, pins = excluded.pins, updated_ms = excluded.updated_ms");
    s.bindText(1, name).bindBlob(2, json, false).bind(3, pins).bind(4, updated);
    if (s.step() != SQLITE_DONE) return d->err(QStringLiteral("saving case '%1'").arg(name));
    return {};
}

Result<void> WorkspaceStore::deleteCase(const QString& name)
{
    if (auto r = d->refuseIfReadOnly("delete a case"); !r) return r;
    if (!hasCasesTable(d->db)) return {};
    sql::Stmt s(d->db, "DELETE FROM cases WHERE name = ?");
    s.bindText(1, name);
    if (s.step() != SQLITE_DONE) return d->err(QStringLiteral("deleting case '%1'").arg(name));
    return {};
}

} // namespace rw
