#pragma once
// RowFeed: hands a batch of record rows to SQLite as an eponymous virtual table, so one
// `INSERT INTO records SELECT … FROM <name>` writes the whole batch in a single statement, the
// way the sqlite3 shell bulk-inserts from generate_series. One statement keeps the b-tree cursor
// open between rows, so rows that follow each other in key order are appended without a seek from
// the root; a statement per row pays that seek and the statement's set-up every time.
// Thread contract: belongs to one connection, used on that connection's thread.

#include "result.h"

#include <QByteArrayView>

#include <sqlite3.h>

#include <memory>
#include <vector>

namespace rw::sql {

struct FeedRow {
    qint64 id = 0;
    qint64 ts = 0;
    int tsType = 0;
    bool keyNull = true;
    bool valueNull = true;
    QByteArrayView key, value, headers; // borrowed: valid until the statement has run
};

class RowFeed {
public:
    // Registers the module `name` (columns id, ts, ts_type, key, value, headers) on `db`. The
    // feed must outlive the connection's use of the module.
    static Result<std::unique_ptr<RowFeed>> install(sqlite3* db, const char* name);

    // The rows the next statement reading the table sees, in this order.
    std::vector<FeedRow>& rows() { return m_rows; }

private:
    RowFeed() = default;
    std::vector<FeedRow> m_rows;
};

} // namespace rw::sql
