// Workspace store benchmark. Prints one JSON object. Not a test: numbers, not pass/fail.
//   bench_store [--events N] [--dir DIR] [--runs N (default 5)] [--stop-after append]
// Peers in the same run: the sqlite3 shell bulk-inserting rows of the same shape (the append
// ratio), cat of the exported NDJSON (export), and the append rate itself (import).
// Measures, on N demo events (default 1M): append records/s, full scan records/s and MB/s,
// file size vs payload bytes, timestamp seek latency, open time, `rewind-cli import` into a new
// and into an existing workspace against the append rate, and `rewind-cli export`
// against `cat` of the same NDJSON (the peer), as a ratio. Each timed phase runs N times, in turns
// with its peer; the medians are reported and every run is listed.

#include "bench_util.h"
#include "demo_generator.h"
#include "header_codec.h"
#include "rng.h"
#include "workspace_store.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>

#include <algorithm>
#include <cstdio>
#include <unistd.h>

using namespace rw;

namespace {

using bench::median;
using bench::toJson;
constexpr auto seconds = bench::secondsOf;

[[noreturn]] void fail(const QString& message)
{
    fprintf(stderr, "bench_store: %s\n", qPrintable(message));
    std::exit(1);
}

// Every timed run starts from a quiet disk: the dirty pages earlier phases left behind are
// written out first, so one phase's writeback is not charged to the next.
void settle()
{
    ::sync();
}

double runProcess(const QString& program, const QStringList& args, const QString& stdoutFile = {},
                  const QString& stdinFile = {})
{
    settle();
    QProcess p;
    if (!stdoutFile.isEmpty())
        p.setStandardOutputFile(stdoutFile);
    else
        p.setStandardOutputFile(QProcess::nullDevice());
    if (!stdinFile.isEmpty()) p.setStandardInputFile(stdinFile);
    QElapsedTimer t;
    t.start();
    p.start(program, args);
    if (!p.waitForFinished(-1) || p.exitCode() != 0) {
        fprintf(stderr, "%s failed: %s\n", qPrintable(program), p.readAllStandardError().constData());
        std::exit(1);
    }
    return seconds(t);
}

double percentile(std::vector<double> v, double p)
{
    std::sort(v.begin(), v.end());
    return v[static_cast<size_t>(p * static_cast<double>(v.size() - 1))];
}

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    qint64 events = 1'000'000;
    QString dirArg, stopAfter;
    int runs = 5;
    const QStringList args = app.arguments();
    for (qsizetype i = 1; i + 1 < args.size(); i += 2) {
        if (args[i] == QLatin1String("--events"))
            events = args[i + 1].toLongLong();
        else if (args[i] == QLatin1String("--dir"))
            dirArg = args[i + 1];
        else if (args[i] == QLatin1String("--runs"))
            runs = std::max(1, args[i + 1].toInt());
        else if (args[i] == QLatin1String("--stop-after"))
            stopAfter = args[i + 1]; // "append": for profiling one phase
    }
    QTemporaryDir tmp(dirArg.isEmpty() ? QDir::tempPath() + QStringLiteral("/rewind-bench-XXXXXX")
                                       : dirArg + QStringLiteral("/rewind-bench-XXXXXX"));
    const QString ws = tmp.filePath(QStringLiteral("bench.rewind"));
    QJsonObject out;
    out[QStringLiteral("benchmark")] = QStringLiteral("workspace_store");
    out[QStringLiteral("events")] = events;

    // 1. Generate in memory (not timed as append).
    DemoOptions opt;
    opt.events = events;
    DemoGenerator gen(opt);
    std::vector<ProducerRecord> records;
    records.reserve(static_cast<size_t>(events));
    QElapsedTimer t;
    t.start();
    ProducerRecord r;
    qint64 payload = 0, headerBlobBytes = 0;
    while (gen.next(r)) {
        payload +=
            (r.key ? r.key->size() : 0) + (r.value ? r.value->size() : 0) + headersPayloadSize(r.headers);
        headerBlobBytes += encodeHeaders(r.headers).size();
        records.push_back(r);
    }
    out[QStringLiteral("generate_records_per_s")] = qRound64(static_cast<double>(events) / seconds(t));

    // 2. Append in 100k-record transactions into a fresh workspace, and the peer: the sqlite3
    // shell bulk-inserting rows of the same shape (rowid, timestamp, type, a key like the demo's,
    // a value blob of the demo's mean size, a header blob of its mean size) into a WAL table with
    // the same page size and synchronous setting, in transactions of the same size, from
    // generate_series: SQLite's own rate on this machine, in this run. Taken in turns, `runs`
    // times each; the medians are reported.
    // Batches are cut before the clock starts: copying records is the caller's cost, not the
    // store's.
    const size_t batchSize = 100'000;
    std::vector<std::vector<ProducerRecord>> batches;
    for (size_t i = 0; i < records.size(); i += batchSize)
        batches.emplace_back(std::make_move_iterator(records.begin() + static_cast<std::ptrdiff_t>(i)),
                             std::make_move_iterator(records.begin() + static_cast<std::ptrdiff_t>(std::min(
                                                                           records.size(), i + batchSize))));
    records.clear();
    auto appendOnce = [&]() -> double {
        for (const char* suffix : {"", "-wal", "-shm"})
            QFile::remove(ws + QLatin1String(suffix));
        auto store = WorkspaceStore::create(ws);
        if (!store) fail(store.error().message);
        for (const auto& spec : DemoGenerator::topics())
            (void)store.value()->createTopic(spec.name, spec.partitions);
        settle();
        QElapsedTimer at;
        at.start();
        for (const auto& b : batches)
            if (auto a = store.value()->append(b); !a) fail(a.error().message);
        return seconds(at);
    };
    const qint64 meanValue = std::max<qint64>(1, (payload - headerBlobBytes) / std::max<qint64>(1, events));
    const qint64 meanHeaders = std::max<qint64>(1, headerBlobBytes / std::max<qint64>(1, events));
    const QString peerDb = tmp.filePath(QStringLiteral("peer.db"));
    QByteArray script =
        "PRAGMA page_size=16384; PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;\n"
        "CREATE TABLE records(id INTEGER PRIMARY KEY, ts INTEGER NOT NULL, ts_type INTEGER NOT "
        "NULL, key BLOB, value BLOB, headers BLOB);\n";
    for (qint64 from = 1; from <= events; from += 100'000) {
        const qint64 to = std::min(events, from + 99'999);
        script += "BEGIN; INSERT INTO records SELECT value, 1795000000000 + value, 0, CAST('o-' || "
                  "(value % 50000) AS BLOB), randomblob(" +
                  QByteArray::number(meanValue) + "), randomblob(" + QByteArray::number(meanHeaders) +
                  ") FROM generate_series(" + QByteArray::number(from) + ", " + QByteArray::number(to) +
                  "); COMMIT;\n";
    }
    const QString scriptFile = tmp.filePath(QStringLiteral("peer.sql"));
    {
        QFile f(scriptFile);
        if (!f.open(QIODevice::WriteOnly) || f.write(script) != script.size())
            fail(QStringLiteral("peer.sql"));
    }
    auto peerOnce = [&]() -> double {
        for (const char* suffix : {"", "-wal", "-shm"})
            QFile::remove(peerDb + QLatin1String(suffix));
        return runProcess(QStringLiteral("sqlite3"), {peerDb}, {}, scriptFile);
    };
    std::vector<double> appendS, peerS;
    for (int i = 0; i < runs; ++i) {
        appendS.push_back(appendOnce());
        if (stopAfter == QLatin1String("append")) break;
        peerS.push_back(peerOnce());
    }
    batches.clear();
    const double appendRate = static_cast<double>(events) / median(appendS);
    out[QStringLiteral("append_records_per_s")] = qRound64(appendRate);
    out[QStringLiteral("append_seconds")] = median(appendS);
    out[QStringLiteral("append_seconds_runs")] = toJson(appendS);
    if (stopAfter == QLatin1String("append")) {
        printf("%s\n", QJsonDocument(out).toJson(QJsonDocument::Indented).constData());
        return 0;
    }
    const double peerRate = static_cast<double>(events) / median(peerS);
    out[QStringLiteral("sqlite3_shell_insert_rows_per_s")] = qRound64(peerRate);
    out[QStringLiteral("sqlite3_shell_seconds_runs")] = toJson(peerS);
    out[QStringLiteral("append_vs_sqlite3_shell")] = appendRate / peerRate;
    const qint64 fileBytes = QFileInfo(ws).size() + QFileInfo(ws + QStringLiteral("-wal")).size();
    out[QStringLiteral("file_bytes")] = fileBytes;
    out[QStringLiteral("payload_bytes")] = payload;
    out[QStringLiteral("file_to_payload_ratio")] =
        static_cast<double>(fileBytes) / static_cast<double>(payload);

    // 3. Open (header check + quick_check), then full scans, then timestamp seeks.
    t.restart();
    auto store = WorkspaceStore::open(ws, WorkspaceStore::Mode::ReadOnly);
    out[QStringLiteral("open_with_integrity_check_ms")] = seconds(t) * 1000;
    if (!store) {
        fprintf(stderr, "%s\n", qPrintable(store.error().message));
        return 1;
    }
    auto topics = store.value()->topics().value();
    double best = 1e9;
    qint64 scanned = 0, bytes = 0;
    for (int round = 0; round < 3; ++round) {
        scanned = 0;
        bytes = 0;
        t.restart();
        for (const TopicInfo& tp : topics)
            for (const PartitionInfo& p : tp.partitions)
                (void)store.value()->scan(tp.name, p.partition, 0, p.high, [&](const RecordView& v) {
                    ++scanned;
                    bytes += v.key.size() + v.value.size() + v.headersBlob.size();
                    return true;
                });
        best = std::min(best, seconds(t));
    }
    out[QStringLiteral("scan_records")] = scanned;
    out[QStringLiteral("scan_records_per_s")] = qRound64(static_cast<double>(scanned) / best);
    out[QStringLiteral("scan_mb_per_s")] = static_cast<double>(bytes) / 1e6 / best;

    std::vector<double> seekMs;
    Rng rng(1);
    const TimestampMs lo = opt.weekStart, hi = opt.weekStart + 7 * 86'400'000LL;
    for (int i = 0; i < 2000; ++i) {
        const TopicInfo& tp = topics[rng.below(topics.size())];
        const auto part = static_cast<PartitionId>(rng.below(tp.partitions.size()));
        t.restart();
        (void)store.value()->offsetForTime(tp.name, part, rng.range(lo, hi));
        seekMs.push_back(seconds(t) * 1000);
    }
    out[QStringLiteral("time_seek_p50_ms")] = percentile(seekMs, 0.5);
    out[QStringLiteral("time_seek_p99_ms")] = percentile(seekMs, 0.99);
    store.value().reset();

    // 4. rewind-cli export vs cat of the same NDJSON (both as processes, output to a file), in
    // turns, `runs` times each.
    const QString ndjson = tmp.filePath(QStringLiteral("export.ndjson"));
    const QString catOut = tmp.filePath(QStringLiteral("cat.ndjson"));
    std::vector<double> exportS, catS;
    for (int i = 0; i < runs; ++i) {
        exportS.push_back(runProcess(QStringLiteral(REWIND_CLI),
                                     {QStringLiteral("export"), ws, QStringLiteral("-O"), ndjson}));
        catS.push_back(runProcess(QStringLiteral("cat"), {ndjson}, catOut));
    }
    QFile::remove(catOut);
    const qint64 ndjsonBytes = QFileInfo(ndjson).size();
    out[QStringLiteral("export_seconds")] = median(exportS);
    out[QStringLiteral("export_seconds_runs")] = toJson(exportS);
    out[QStringLiteral("export_records_per_s")] = qRound64(static_cast<double>(events) / median(exportS));
    out[QStringLiteral("export_mb_per_s")] = static_cast<double>(ndjsonBytes) / 1e6 / median(exportS);
    out[QStringLiteral("cat_seconds")] = median(catS);
    out[QStringLiteral("cat_seconds_runs")] = toJson(catS);
    out[QStringLiteral("ndjson_bytes")] = ndjsonBytes;
    out[QStringLiteral("export_time_vs_cat")] = median(exportS) / median(catS);

    // 5. rewind-cli import of that export into a fresh workspace, against the append rate.
    const QString imported = tmp.filePath(QStringLiteral("imported.rewind"));
    std::vector<double> importS;
    for (int i = 0; i < runs; ++i) {
        for (const char* suffix : {"", "-wal", "-shm"})
            QFile::remove(imported + QLatin1String(suffix));
        importS.push_back(
            runProcess(QStringLiteral(REWIND_CLI), {QStringLiteral("import"), imported, ndjson}));
    }
    out[QStringLiteral("import_records_per_s")] = qRound64(static_cast<double>(events) / median(importS));
    out[QStringLiteral("import_seconds_runs")] = toJson(importS);
    out[QStringLiteral("import_vs_append")] = static_cast<double>(events) / median(importS) / appendRate;
    // The same into a workspace that already exists (empty here): through the WAL, as every
    // import into a file that may have readers.
    std::vector<double> importExistingS;
    for (int i = 0; i < runs; ++i) {
        for (const char* suffix : {"", "-wal", "-shm"})
            QFile::remove(imported + QLatin1String(suffix));
        if (auto made = WorkspaceStore::create(imported); !made) fail(made.error().message);
        importExistingS.push_back(
            runProcess(QStringLiteral(REWIND_CLI), {QStringLiteral("import"), imported, ndjson}));
    }
    out[QStringLiteral("import_existing_records_per_s")] =
        qRound64(static_cast<double>(events) / median(importExistingS));
    out[QStringLiteral("import_existing_seconds_runs")] = toJson(importExistingS);
    out[QStringLiteral("import_existing_vs_append")] =
        static_cast<double>(events) / median(importExistingS) / appendRate;

    QJsonObject targets;
    targets[QStringLiteral("append_records_per_s_min")] = 250000;
    targets[QStringLiteral("append_vs_sqlite3_shell_min")] = 0.7;
    targets[QStringLiteral("import_vs_append_min")] = 0.8;
    targets[QStringLiteral("export_time_vs_cat_max")] = 5.0;
    targets[QStringLiteral("scan_records_per_s_min")] = 2000000;
    targets[QStringLiteral("file_to_payload_ratio_max")] = 1.5;
    out[QStringLiteral("targets")] = targets;
    printf("%s\n", QJsonDocument(out).toJson(QJsonDocument::Indented).constData());
    return 0;
}
