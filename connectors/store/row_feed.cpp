#include "row_feed.h"

#include "sqlite_util.h"

namespace rw::sql {
namespace {

struct FeedTable {
    sqlite3_vtab base{};
    RowFeed* feed = nullptr;
};

struct FeedCursor {
    sqlite3_vtab_cursor base{};
    const std::vector<FeedRow>* rows = nullptr;
    size_t at = 0;
};

int feedConnect(sqlite3* db, void* aux, int, const char* const*, sqlite3_vtab** out, char**)
{
    const int rc = sqlite3_declare_vtab(
        db, "CREATE TABLE x(id INTEGER, ts INTEGER, ts_type INTEGER, key BLOB, value BLOB, headers BLOB)");
    if (rc != SQLITE_OK) return rc;
    auto* t = new FeedTable;
    t->feed = static_cast<RowFeed*>(aux);
    *out = &t->base;
    return SQLITE_OK;
}

int feedDisconnect(sqlite3_vtab* v)
{
    delete reinterpret_cast<FeedTable*>(v);
    return SQLITE_OK;
}

int feedBestIndex(sqlite3_vtab*, sqlite3_index_info* info)
{
    info->estimatedCost = 1e6;
    info->estimatedRows = 1'000'000;
    return SQLITE_OK;
}

int feedOpen(sqlite3_vtab* v, sqlite3_vtab_cursor** out)
{
    auto* c = new FeedCursor;
    c->rows = &reinterpret_cast<FeedTable*>(v)->feed->rows();
    *out = &c->base;
    return SQLITE_OK;
}

int feedClose(sqlite3_vtab_cursor* c)
{
    delete reinterpret_cast<FeedCursor*>(c);
    return SQLITE_OK;
}

int feedFilter(sqlite3_vtab_cursor* c, int, const char*, int, sqlite3_value**)
{
    reinterpret_cast<FeedCursor*>(c)->at = 0;
    return SQLITE_OK;
}

int feedNext(sqlite3_vtab_cursor* c)
{
    ++reinterpret_cast<FeedCursor*>(c)->at;
    return SQLITE_OK;
}

int feedEof(sqlite3_vtab_cursor* c)
{
    auto* cur = reinterpret_cast<FeedCursor*>(c);
    return cur->at >= cur->rows->size();
}

void resultBlob(sqlite3_context* ctx, QByteArrayView b, bool isNull)
{
    if (isNull)
        sqlite3_result_null(ctx);
    else if (b.isEmpty())
        sqlite3_result_zeroblob(ctx, 0); // empty but not null stays empty
    else
        sqlite3_result_blob(ctx, b.data(), static_cast<int>(b.size()), SQLITE_STATIC);
}

int feedColumn(sqlite3_vtab_cursor* c, sqlite3_context* ctx, int col)
{
    auto* cur = reinterpret_cast<FeedCursor*>(c);
    const FeedRow& r = (*cur->rows)[cur->at];
    switch (col) {
    case 0:
        sqlite3_result_int64(ctx, r.id);
        break;
    case 1:
        sqlite3_result_int64(ctx, r.ts);
        break;
    case 2:
        sqlite3_result_int(ctx, r.tsType);
        break;
    case 3:
        resultBlob(ctx, r.key, r.keyNull);
        break;
    case 4:
        resultBlob(ctx, r.value, r.valueNull);
        break;
    default:
        resultBlob(ctx, r.headers, r.headers.isEmpty());
        break;
    }
    return SQLITE_OK;
}

int feedRowid(sqlite3_vtab_cursor* c, sqlite3_int64* out)
{
    *out = static_cast<sqlite3_int64>(reinterpret_cast<FeedCursor*>(c)->at);
    return SQLITE_OK;
}

sqlite3_module feedModule()
{
    sqlite3_module m{};
    m.iVersion = 1;
    m.xCreate = nullptr; // eponymous only: there is nothing to CREATE
    m.xConnect = feedConnect;
    m.xBestIndex = feedBestIndex;
    m.xDisconnect = feedDisconnect;
    m.xDestroy = feedDisconnect;
    m.xOpen = feedOpen;
    m.xClose = feedClose;
    m.xFilter = feedFilter;
    m.xNext = feedNext;
    m.xEof = feedEof;
    m.xColumn = feedColumn;
    m.xRowid = feedRowid;
    return m;
}

const sqlite3_module kFeedModule = feedModule();

} // namespace

Result<std::unique_ptr<RowFeed>> RowFeed::install(sqlite3* db, const char* name)
{
    std::unique_ptr<RowFeed> feed(new RowFeed);
    const int rc = sqlite3_create_module(db, name, &kFeedModule, feed.get());
    if (rc != SQLITE_OK) return errorFor(rc, db, QStringLiteral("registering the row feed"));
    return feed;
}

} // namespace rw::sql
