// Search benchmark on N demo events (default 1M). Prints one JSON object.
//   bench_search [--events N] [--dir DIR] [--only key,header,json_path_top,json_path_nested]
// (--only: those full scans alone, without the text index part)
// Full scans (no pushdown) with a key predicate, a header predicate and JSON-path predicates;
// grep -c for the same needle on the same data exported as NDJSON is the peer, in the same run.
// Each scan runs as the product runs it (a helper thread on a long read: "threads" says how many
// read) and on one thread, in turns; both ratios are printed.

#include "demo_workspace.h"
#include "record_source.h"
#include "search.h"
#include "source_registry.h"
#include "time_parse.h"
#include "workspace_store.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>

#include <cstdio>

using namespace rw;

namespace {

double secondsOf(const QElapsedTimer& t)
{
    return static_cast<double>(t.nsecsElapsed()) / 1e9;
}

[[noreturn]] void die(const QString& what)
{
    fprintf(stderr, "bench_search: %s\n", qPrintable(what));
    std::exit(1);
}

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    qint64 events = 1'000'000;
    QString dirArg = QDir::tempPath();
    QStringList only;
    const QStringList args = app.arguments();
    for (qsizetype i = 1; i + 1 < args.size(); i += 2) {
        if (args[i] == QLatin1String("--events"))
            events = args[i + 1].toLongLong();
        else if (args[i] == QLatin1String("--dir"))
            dirArg = args[i + 1];
        else if (args[i] == QLatin1String("--only"))
            only = args[i + 1].split(QLatin1Char(','));
    }
    QTemporaryDir dir(dirArg + QStringLiteral("/rewind-bench-search-XXXXXX"));
    const QString ws = dir.filePath(QStringLiteral("demo.rewind"));
    DemoOptions opt;
    opt.events = events;
    if (auto r = createDemoWorkspace(ws, opt); !r) die(r.error().message);
    const QString ndjson = dir.filePath(QStringLiteral("demo.ndjson"));
    {
        QProcess p;
        p.start(QStringLiteral(REWIND_CLI), {QStringLiteral("export"), ws, QStringLiteral("-O"), ndjson});
        if (!p.waitForFinished(-1) || p.exitCode() != 0) die(QStringLiteral("export failed"));
    }
    auto store = WorkspaceStore::open(ws, WorkspaceStore::Mode::ReadOnly);
    if (!store) die(store.error().message);

    QJsonObject out;
    out[QStringLiteral("benchmark")] = QStringLiteral("search");
    out[QStringLiteral("events")] = events;
    struct Query {
        const char* name;
        const char* filter;
        const char* grepNeedle;
    };
    const Query queries[] = {
        {"key", R"(key == "o-123")", R"("key":"o-123")"},
        {"header", R"(headers.source == "inventory-service")", R"("value":"inventory-service")"},
        {"json_path_top", R"(value.type == "PaymentFailed")", R"("type":"PaymentFailed")"},
        {"json_path_nested", R"(value.customer.id == "c-1042")", R"("id":"c-1042")"},
    };
    for (const Query& q : queries) {
        if (!only.isEmpty() && !only.contains(QLatin1String(q.name))) continue;
        auto f = Filter::compile(QString::fromUtf8(q.filter), currentTimeMs());
        if (!f) die(f.error().message);
        SearchOptions o;
        o.pushdown = false; // full scans: the cost of evaluation itself
        double best = 1e9, bestOne = 1e9;
        SearchReport rep, repOne;
        qint64 valueBytes = 0;
        // Turns: as the product reads (a helper thread on a long read), then this thread alone.
        for (int i = 0; i < 6; ++i) {
            SearchOptions turn = o;
            turn.threads = i % 2 == 0 ? 0 : 1;
            QElapsedTimer t;
            t.start();
            auto r = searchStored(*workspaceSourceOver(*store.value()), f.value(), turn,
                                  [](const QString&, const RecordView&) { return true; });
            const double s = secondsOf(t);
            if (!r) die(r.error().message);
            (i % 2 == 0 ? rep : repOne) = r.value();
            double& b = i % 2 == 0 ? best : bestOne;
            b = std::min(b, s);
        }
        if (rep.matched != repOne.matched || rep.errors != repOne.errors || rep.scanned != repOne.scanned)
            die(QStringLiteral("%1: one thread and two disagree").arg(QString::fromUtf8(q.filter)));
        if (valueBytes == 0) {
            for (const auto& tp : store.value()->topics().value())
                for (const auto& p : tp.partitions)
                    (void)store.value()->scan(tp.name, p.partition, 0, p.high, [&](const RecordView& v) {
                        valueBytes += v.value.size();
                        return true;
                    });
        }
        double grepBest = 1e9;
        qint64 grepCount = 0;
        for (int i = 0; i < 3; ++i) {
            QProcess g;
            QElapsedTimer t;
            t.start();
            g.start(QStringLiteral("grep"),
                    {QStringLiteral("-c"), QStringLiteral("-F"), QString::fromUtf8(q.grepNeedle), ndjson});
            g.waitForFinished(-1);
            grepBest = std::min(grepBest, secondsOf(t));
            grepCount = g.readAllStandardOutput().trimmed().toLongLong();
        }
        QJsonObject r;
        r[QStringLiteral("filter")] = QString::fromUtf8(q.filter);
        r[QStringLiteral("matched")] = rep.matched;
        r[QStringLiteral("not_evaluable")] = rep.errors;
        r[QStringLiteral("records_per_s")] = qRound64(static_cast<double>(rep.scanned) / best);
        r[QStringLiteral("value_mb_per_s")] = static_cast<double>(valueBytes) / 1e6 / best;
        r[QStringLiteral("grep_lines_matched")] = grepCount;
        r[QStringLiteral("grep_records_per_s")] = qRound64(static_cast<double>(events) / grepBest);
        r[QStringLiteral("vs_grep")] = grepBest / best;
        r[QStringLiteral("threads")] = rep.threads;
        r[QStringLiteral("one_thread_records_per_s")] =
            qRound64(static_cast<double>(repOne.scanned) / bestOne);
        r[QStringLiteral("one_thread_vs_grep")] = grepBest / bestOne;
        out[QString::fromLatin1(q.name)] = r;
    }
    // Full-text index: build rate, then text() query latency (first page and full count).
    if (only.isEmpty()) {
        store.value().reset();
        auto rw = WorkspaceStore::open(ws, WorkspaceStore::Mode::ReadWrite);
        if (!rw) die(rw.error().message);
        QElapsedTimer t;
        t.start();
        auto st = rw.value()->buildTextIndex();
        if (!st) die(st.error().message);
        const double buildS = secondsOf(t);
        QJsonObject fts;
        fts[QStringLiteral("build_records_per_s")] = qRound64(static_cast<double>(events) / buildS);
        // The ceiling of SQLite's FTS5 trigram tokenizer itself on this machine, as the peer: the
        // sqlite3 shell indexing just the value text of (up to) 1M of the same records into a
        // fresh table with the same options: no key, no headers, no bookkeeping.
        {
            const QString scratch = ws + QStringLiteral(".fts-peer.db");
            QFile::remove(scratch);
            const qint64 n = std::min<qint64>(events, 1'000'000);
            QProcess sq;
            t.restart();
            sq.start(
                QStringLiteral("sqlite3"),
                {scratch, QStringLiteral("ATTACH 'file:%1?mode=ro' AS w; CREATE VIRTUAL TABLE t USING "
                                         "fts5(body, content='', tokenize='trigram', detail='none'); BEGIN; "
                                         "INSERT INTO t(rowid, body) SELECT id, CAST(value AS TEXT) FROM "
                                         "w.records LIMIT %2; COMMIT;")
                              .arg(ws)
                              .arg(n)});
            if (!sq.waitForFinished(-1) || sq.exitCode() != 0)
                die(QStringLiteral("sqlite3 FTS5 peer failed: %1")
                        .arg(QString::fromUtf8(sq.readAllStandardError())));
            fts[QStringLiteral("sqlite3_fts5_values_only_records_per_s")] =
                qRound64(static_cast<double>(n) / secondsOf(t));
            QFile::remove(scratch);
        }
        // The fair peer: FTS5 indexing exactly the text Rewind indexes (key, value and header
        // values of every record, WorkspaceStore::indexedText), loaded into a plain table first
        // and then inserted with one INSERT … SELECT; only that statement is timed (.timer).
        {
            const QString csv = ws + QStringLiteral(".bodies.csv");
            const QString scratch = ws + QStringLiteral(".fts-same.db");
            QFile::remove(scratch);
            QFile f(csv);
            if (!f.open(QIODevice::WriteOnly)) die(QStringLiteral("cannot write %1").arg(csv));
            QByteArray buf;
            qint64 rows = 0;
            auto topicsNow = rw.value()->topics();
            if (!topicsNow) die(topicsNow.error().message);
            for (const TopicInfo& tp : topicsNow.value())
                for (const PartitionInfo& p : tp.partitions)
                    (void)rw.value()->scan(tp.name, p.partition, 0, p.high, [&](const RecordView& v) {
                        QByteArray body = WorkspaceStore::indexedText(v);
                        body.replace('"', "\"\"");
                        buf.append(QByteArray::number(++rows)).append(",\"").append(body).append("\"\n");
                        if (buf.size() > (8 << 20)) {
                            f.write(buf);
                            buf.clear();
                        }
                        return true;
                    });
            f.write(buf);
            f.close();
            const QString script = ws + QStringLiteral(".fts-same.sql");
            QFile sf(script);
            if (!sf.open(QIODevice::WriteOnly)) die(QStringLiteral("cannot write %1").arg(script));
            sf.write(QStringLiteral("CREATE TABLE src(id INTEGER PRIMARY KEY, body TEXT);\n"
                                    ".import --csv %1 src\n"
                                    "CREATE VIRTUAL TABLE t USING fts5(body, content='', tokenize='trigram', "
                                    "detail='none');\n"
                                    ".timer on\n" // reads stdin only: not with commands as arguments
                                    "BEGIN; INSERT INTO t(rowid, body) SELECT id, body FROM src; COMMIT;\n")
                         .arg(csv)
                         .toUtf8());
            sf.close();
            QProcess sq;
            sq.setStandardInputFile(script);
            sq.start(QStringLiteral("sqlite3"), {scratch});
            if (!sq.waitForFinished(-1) || sq.exitCode() != 0)
                die(QStringLiteral("sqlite3 FTS5 same-text peer failed: %1")
                        .arg(QString::fromUtf8(sq.readAllStandardError())));
            // ".timer on" prints one "Run Time: real S user U sys Y" per statement; sum them.
            double peerS = 0;
            for (const QByteArray& line : sq.readAllStandardOutput().split('\n'))
                if (line.startsWith("Run Time: real ")) peerS += line.split(' ').value(3).toDouble();
            QFile::remove(csv);
            QFile::remove(scratch);
            QFile::remove(script);
            if (peerS <= 0) die(QStringLiteral("sqlite3 printed no timing"));
            const double peerRate = static_cast<double>(rows) / peerS;
            fts[QStringLiteral("sqlite3_fts5_same_text_records_per_s")] = qRound64(peerRate);
            fts[QStringLiteral("build_vs_fts5_same_text")] = static_cast<double>(events) / buildS / peerRate;
        }
        fts[QStringLiteral("file_bytes_after_index")] = QFileInfo(ws).size();
        const char* terms[] = {"refund", "gateway_timeout", "o-123", "Lindqvist", "DE-BER-1", "SKU-10042"};
        std::vector<double> firstPage, fullCount;
        qint64 grepS = 0;
        for (int round = 0; round < 5; ++round) {
            for (const char* term : terms) {
                t.restart();
                auto page = rw.value()->textSearch({QString::fromLatin1(term)}, 50);
                firstPage.push_back(secondsOf(t) * 1000);
                t.restart();
                auto all = rw.value()->textSearch({QString::fromLatin1(term)});
                fullCount.push_back(secondsOf(t) * 1000);
                if (!page || !all) die(QStringLiteral("text search failed"));
            }
        }
        double grepBest = 1e9;
        for (int i = 0; i < 3; ++i) {
            QProcess g;
            t.restart();
            g.start(QStringLiteral("grep"), {QStringLiteral("-c"), QStringLiteral("-i"), QStringLiteral("-F"),
                                             QStringLiteral("refund"), ndjson});
            g.waitForFinished(-1);
            grepBest = std::min(grepBest, secondsOf(t));
        }
        Q_UNUSED(grepS);
        std::sort(firstPage.begin(), firstPage.end());
        std::sort(fullCount.begin(), fullCount.end());
        auto pct = [](const std::vector<double>& v, double q) {
            return v[static_cast<size_t>(q * static_cast<double>(v.size() - 1))];
        };
        fts[QStringLiteral("first_page_p50_ms")] = pct(firstPage, 0.5);
        fts[QStringLiteral("first_page_p95_ms")] = pct(firstPage, 0.95);
        fts[QStringLiteral("full_count_p50_ms")] = pct(fullCount, 0.5);
        fts[QStringLiteral("full_count_p99_ms")] = pct(fullCount, 0.99);
        fts[QStringLiteral("grep_i_refund_ms")] = grepBest * 1000;
        fts[QStringLiteral("full_count_p99_vs_grep")] = grepBest * 1000 / pct(fullCount, 0.99);
        out[QStringLiteral("text_index")] = fts;
    }
    QJsonObject targets;
    targets[QStringLiteral("key_header_records_per_s_min")] = 2000000;
    targets[QStringLiteral("json_path_value_mb_per_s_min")] = 500;
    out[QStringLiteral("targets")] = targets;
    printf("%s\n", QJsonDocument(out).toJson(QJsonDocument::Indented).constData());
    return 0;
}
