#include "workspace_store_impl.h"

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
        sql::Transaction tx(d->db);
        auto r = tx.begin();
        if (r)
            r = sql::exec(d->db, "CREATE VIRTUAL TABLE IF NOT EXISTS record_text USING fts5(body, "
                                 "content='', tokenize='trigram', detail='none');"
                                 "CREATE TABLE IF NOT EXISTS record_text_progress(pid INTEGER PRIMARY KEY, "
                                 "next_offset INTEGER NOT NULL);");
        if (r) r = tx.commit();
        if (!r) return r.error();
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

Result<std::vector<TextHit>> WorkspaceStore::textSearch(const std::vector<QString>& terms, qint64 limit)
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

} // namespace rw
