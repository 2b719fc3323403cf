// Case and export benchmark: the real MainWindow on a demo workspace. Prints one JSON object.
// Not a test: numbers, not pass/fail.
//   bench_cases [--events N] [--pins P] [--runs R] [--dir DIR]
// Exports every record (N demo events, default 1M) from the window as NDJSON and as CSV, masked
// by the workspace's policy, against the peer in the same run: `rewind-cli export` of the same
// workspace (same policy) as its own process. Then opens a case of P pins (default 10,000) in the
// window: time to the pins listed, and to every pin looked up in the source.

#include "bench_util.h"
#include "case_book.h"
#include "case_store.h"
#include "main_window.h"
#include "record_source.h"
#include "schemas_topic.h"
#include "source_registry.h"
#include "workspace_keep.h"
#include "workspace_store.h"

#include <QApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>

#include <cstdio>

using namespace rw;
using namespace rw::bench;

namespace {

// Waits in an event loop (not spinning: the GUI thread must not take a core from the worker).
bool waitFor(QSignalSpy& spy, int count, int timeoutMs)
{
    QElapsedTimer t;
    t.start();
    while (spy.size() < count && t.elapsed() < timeoutMs)
        spy.wait(static_cast<int>(std::max<qint64>(1, timeoutMs - t.elapsed())));
    return spy.size() >= count;
}

qint64 lines(const QString& path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) return -1;
    qint64 n = 0;
    while (!f.atEnd()) {
        const QByteArray chunk = f.read(1 << 20);
        n += chunk.count('\n');
    }
    return n;
}

} // namespace

int main(int argc, char** argv)
{
    QStandardPaths::setTestModeEnabled(true);
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("RewindBench"));
    qint64 events = 1'000'000;
    int pins = 10'000, runs = 3;
    QString dirArg;
    for (int i = 1; i + 1 < argc; i += 2) {
        const QByteArray a = argv[i];
        if (a == "--events")
            events = QByteArray(argv[i + 1]).toLongLong();
        else if (a == "--pins")
            pins = QByteArray(argv[i + 1]).toInt();
        else if (a == "--runs")
            runs = QByteArray(argv[i + 1]).toInt();
        else if (a == "--dir")
            dirArg = QString::fromLocal8Bit(argv[i + 1]);
    }
    QTemporaryDir tmp(dirArg.isEmpty() ? QDir::tempPath() + QStringLiteral("/bench_cases-XXXXXX")
                                       : dirArg + QStringLiteral("/bench_cases-XXXXXX"));
    const QString ws = tmp.filePath(QStringLiteral("demo.rewind"));
    {
        QProcess demo;
        demo.start(QStringLiteral(REWIND_CLI), {QStringLiteral("demo"), QStringLiteral("--out"), ws,
                                                QStringLiteral("--events"), QString::number(events)});
        if (!demo.waitForFinished(-1) || demo.exitCode() != 0) {
            std::fprintf(stderr, "demo failed: %s\n", demo.readAllStandardError().constData());
            return 1;
        }
    }
    qint64 records = 0;
    MaskPolicy policy; // the demo's: what the CLI applies too
    {
        auto s = WorkspaceStore::open(ws, WorkspaceStore::Mode::ReadOnly);
        for (const TopicInfo& t : s.value()->topics().value())
            records += t.count();
        policy = keptMaskPolicy(*s.value()).value();
    }

    MainWindow w;
    w.resize(1400, 900);
    w.show();
    QSignalSpy loaded(&w, &MainWindow::workspaceLoaded);
    w.openWorkspace(ws);
    if (!waitFor(loaded, 1, 60000)) return 1;
    QSignalSpy done(&w, &MainWindow::exportFinished);

    std::vector<double> cli, window, csv;
    qint64 cliLines = 0, windowLines = 0, csvLines = 0;
    for (int r = 0; r < runs; ++r) {
        const QString peerOut = tmp.filePath(QStringLiteral("cli.ndjson"));
        QElapsedTimer t;
        t.start();
        QProcess p;
        p.start(QStringLiteral(REWIND_CLI), {QStringLiteral("export"), ws, QStringLiteral("-O"), peerOut});
        p.waitForFinished(-1);
        cli.push_back(secondsOf(t));
        cliLines = lines(peerOut);
        QFile::remove(peerOut);

        // The window: what File ▸ Export of the whole source does (the policy applied).
        RecordExport job;
        job.records.byFilter = true;
        job.mask = policy;
        const QString out = tmp.filePath(QStringLiteral("window.ndjson"));
        t.restart();
        w.startExport(job, out);
        if (!waitFor(done, static_cast<int>(done.size()) + 1, 600000)) return 1;
        window.push_back(secondsOf(t));
        windowLines = lines(out);
        QFile::remove(out);

        job.format = ExportFormat::Csv;
        const QString csvOut = tmp.filePath(QStringLiteral("window.csv"));
        t.restart();
        w.startExport(job, csvOut);
        if (!waitFor(done, static_cast<int>(done.size()) + 1, 600000)) return 1;
        csv.push_back(secondsOf(t));
        csvLines = lines(csvOut) - 1; // the header
        QFile::remove(csvOut);
    }

    // A case of `pins` pins spread over the workspace, opened in the window.
    {
        auto store = CaseStore::open(ws, false);
        Case c;
        c.name = QStringLiteral("big");
        auto s = WorkspaceStore::open(ws, WorkspaceStore::Mode::ReadOnly);
        const auto topics = s.value()->topics().value();
        auto* rng = QRandomGenerator::global();
        for (int i = 0; i < pins; ++i) {
            const TopicInfo& t = topics[static_cast<size_t>(rng->bounded(static_cast<int>(topics.size())))];
            const PartitionInfo& p =
                t.partitions[static_cast<size_t>(rng->bounded(static_cast<int>(t.partitions.size())))];
            if (p.high == p.low) continue;
            c.pins.push_back({t.name,
                              p.partition,
                              p.low + static_cast<Offset>(rng->bounded(static_cast<quint64>(p.high - p.low))),
                              QStringLiteral("note %1").arg(i),
                              1,
                              std::nullopt,
                              {}});
        }
        (void)store.value()->save(c);
    }
    std::vector<double> opened, resolved;
    QSignalSpy openedSpy(w.cases(), &CaseBook::opened);
    QSignalSpy resolvedSpy(w.cases(), &CaseBook::pinsResolved);
    auto source = openRecordSource(SourceSpec::file(ws));
    if (!source) return 1;
    for (int r = 0; r < runs; ++r) {
        w.cases()->setSource(nullptr); // closed, then the source again: a cold open of the case
        QSignalSpy listed(w.cases(), &CaseBook::listChanged);
        w.cases()->setSource(source.value());
        waitFor(listed, 1, 60000);
        QElapsedTimer t;
        t.start();
        w.cases()->open(QStringLiteral("big"));
        if (!waitFor(openedSpy, static_cast<int>(openedSpy.size()) + 1, 60000)) return 1;
        opened.push_back(secondsOf(t) * 1000);
        if (!waitFor(resolvedSpy, static_cast<int>(resolvedSpy.size()) + 1, 120000)) return 1;
        resolved.push_back(secondsOf(t) * 1000);
    }

    const double cliMed = median(cli), windowMed = median(window), csvMed = median(csv);
    QJsonObject o;
    o[QStringLiteral("records")] = records;
    o[QStringLiteral("runs")] = runs;
    o[QStringLiteral("ndjson_window_s")] = toJson(window);
    o[QStringLiteral("ndjson_cli_s")] = toJson(cli);
    o[QStringLiteral("ndjson_window_records_per_s")] = static_cast<double>(records) / windowMed;
    o[QStringLiteral("ndjson_cli_records_per_s")] = static_cast<double>(records) / cliMed;
    o[QStringLiteral("ndjson_window_vs_cli")] = cliMed / windowMed; // >= 0.8 is the target
    o[QStringLiteral("ndjson_lines_window")] = windowLines;
    o[QStringLiteral("ndjson_lines_cli")] = cliLines;
    o[QStringLiteral("csv_window_s")] = toJson(csv);
    o[QStringLiteral("csv_records_per_s")] = static_cast<double>(records) / csvMed; // >= 200k
    o[QStringLiteral("csv_rows")] = csvLines;
    o[QStringLiteral("case_pins")] = pins;
    o[QStringLiteral("case_open_ms")] = toJson(opened);             // < 300 is the target
    o[QStringLiteral("case_pins_looked_up_ms")] = toJson(resolved); // from the click: open, then look up
    std::vector<double> lookup;
    for (size_t i = 0; i < resolved.size() && i < opened.size(); ++i)
        lookup.push_back(resolved[i] - opened[i]);
    o[QStringLiteral("case_pins_lookup_only_ms")] = toJson(lookup); // the lookup alone (a worker)
    std::printf("%s\n", QJsonDocument(o).toJson(QJsonDocument::Indented).constData());
    return 0;
}
