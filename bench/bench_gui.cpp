// Explorer benchmark: the real MainWindow on a big workspace. Prints one JSON object.
// Not a test: numbers, not pass/fail.
//   bench_gui [--events N] [--dir DIR] [--jumps J]
//   bench_gui --kafka HOST:PORT [--events N (default 500,000)]
// With --kafka, a topic of the test broker instead (6 partitions of N records): the longest
// GUI-thread stall while the window shows it merged by time (a window of 100,000 records read
// by a merged browse), scrolls it end to end, pages to the next window and back, draws its
// timeline from offsets, and follows it while a producer writes.
// On one partition of N records (default 10M): time from "open" to the first screenful of
// rows painted; time to show a screenful after jumping to a random row (p50/p99); the longest
// GUI-thread stall while jumping, while dragging the scrollbar end to end, and while following
// a partition another thread appends to at full speed; resident memory. The peer is the sqlite3
// shell fetching the same screenful by rowid, a process per jump (what a script would do).

#include "kafka_client.h"
#include "main_window.h"
#include "record_table_model.h"
#include "timeline_view.h"
#include "workspace_store.h"

#include "bench_util.h"

#include <QApplication>
#include <QDateTime>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRandomGenerator>
#include <QScrollBar>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QTimer>

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <functional>
#include <thread>

using namespace rw;
using rw::bench::statusKiB;

namespace {

double ms(const QElapsedTimer& t)
{
    return static_cast<double>(t.nsecsElapsed()) / 1e6;
}

double percentile(std::vector<double> v, double p)
{
    if (v.empty()) return 0;
    std::sort(v.begin(), v.end());
    return v[static_cast<size_t>(p * static_cast<double>(v.size() - 1))];
}

// The longest gap between ticks of a 1 ms timer on the GUI thread: how long it was blocked.
class StallMeter : public QObject {
public:
    StallMeter()
    {
        m_timer.setInterval(1);
        m_timer.setTimerType(Qt::PreciseTimer);
        QObject::connect(&m_timer, &QTimer::timeout, this, [this] {
            const double now = ms(m_clock);
            m_worst = std::max(m_worst, now - m_last);
            m_last = now;
        });
    }
    void start()
    {
        m_clock.start();
        m_last = 0;
        m_worst = 0;
        m_timer.start();
    }
    double stop()
    {
        m_timer.stop();
        return m_worst;
    }

private:
    QTimer m_timer;
    QElapsedTimer m_clock;
    double m_last = 0, m_worst = 0;
};

ProducerRecord makeRecord(qint64 i)
{
    ProducerRecord r;
    r.topic = QStringLiteral("bench");
    r.partition = 0;
    r.timestamp = 1'794'787'200'000 + i;
    r.key = QByteArray("order-") + QByteArray::number(i % 100'000);
    r.value = QByteArray(R"({"type":"PaymentCaptured","order_id":"order-)") +
              QByteArray::number(i % 100'000) + R"(","amount_cents":)" + QByteArray::number(i % 50'000) +
              R"(,"currency":"EUR","seq":)" + QByteArray::number(i) + "}";
    r.headers = {{QByteArray("trace_id"), QByteArray::number(i * 2654435761ULL % 1'000'000'007ULL, 16)}};
    return r;
}

// Pumps events until every row visible in the table has its data (no placeholder), then paints.
bool waitForScreenful(QTableView* table, int timeoutMs)
{
    QElapsedTimer t;
    t.start();
    while (t.elapsed() < timeoutMs) {
        QApplication::processEvents(QEventLoop::AllEvents, 5);
        const int top = table->rowAt(0);
        const int bottom = table->rowAt(table->viewport()->height() - 1);
        if (top < 0) continue;
        const int last = bottom < 0 ? table->model()->rowCount() - 1 : bottom;
        bool ready = true;
        for (int r : {top, (top + last) / 2, last})
            if (table->model()->index(r, RecordTableModel::KeyCol).data().toString() == QStringLiteral("…"))
                ready = false;
        if (ready) {
            table->viewport()->repaint();
            return true;
        }
    }
    return false;
}

} // namespace

// The window on a cluster topic merged by time; prints the JSON and returns the exit code.
int kafkaMerged(const QString& bootstrap, qint64 events)
{
    QJsonObject out;
    out[QStringLiteral("benchmark")] = QStringLiteral("gui_kafka_merged");
    out[QStringLiteral("records")] = events;
    KafkaProfile profile;
    profile.name = QStringLiteral("bench");
    profile.bootstrap = bootstrap;
    auto client = KafkaClient::connect(profile);
    if (!client) {
        fprintf(stderr, "%s\n", qPrintable(client.error().message));
        return 1;
    }
    const QString topic = QStringLiteral("sandbox.bench-gui-%1").arg(QDateTime::currentMSecsSinceEpoch());
    if (!client.value()->createTopic(topic, 6)) return 1;
    auto fill = [&](qint64 from, qint64 to) {
        std::vector<ProducerRecord> batch;
        for (qint64 i = from; i < to; ++i) {
            ProducerRecord r = makeRecord(i);
            r.topic = topic;
            r.partition = static_cast<PartitionId>(i % 6);
            batch.push_back(std::move(r));
        }
        return client.value()->produce(batch, 120000).ok();
    };
    for (qint64 i = 0; i < events; i += 100'000)
        if (!fill(i, std::min(events, i + 100'000))) return 1;

    MainWindow w;
    w.resize(1400, 900);
    w.show();
    auto* table = w.findChild<QTableView*>(QStringLiteral("recordTable"));
    StallMeter stall;
    QSignalSpy loaded(&w, &MainWindow::workspaceLoaded);
    w.connectKafka(profile);
    QElapsedTimer t;
    t.start();
    while (loaded.isEmpty() && t.elapsed() < 60'000)
        QApplication::processEvents(QEventLoop::AllEvents, 5);
    auto pumpUntil = [&](const std::function<bool()>& done, int timeoutMs) {
        QElapsedTimer waited;
        waited.start();
        while (!done() && waited.elapsed() < timeoutMs)
            QApplication::processEvents(QEventLoop::AllEvents, 5);
        return done();
    };
    auto* model = w.recordModel();
    const qint64 window = std::min<qint64>(events, RecordTableModel::kMergeWindow);
    // Select the topic: the merged window and the timeline from offsets, first screenful painted.
    QSignalSpy timeline(&w, &MainWindow::timelineLoaded);
    stall.start();
    t.restart();
    w.selectTopic(topic, -1);
    if (!pumpUntil([&] { return model->isWindow() && model->rowCount() >= window; }, 60'000)) return 1;
    if (!waitForScreenful(table, 60'000)) return 1;
    out[QStringLiteral("merged_first_screenful_ms")] = ms(t);
    if (!pumpUntil([&] { return !timeline.isEmpty(); }, 60'000)) return 1;
    out[QStringLiteral("open_topic_stall_max_ms")] = stall.stop();
    out[QStringLiteral("timeline_records")] = static_cast<double>(w.timeline()->data().records);
    // Scroll the window end to end in 100 steps, painting each screenful.
    QScrollBar* bar = table->verticalScrollBar();
    stall.start();
    t.restart();
    for (int step = 0; step <= 100; ++step) {
        bar->setValue(static_cast<int>(static_cast<qint64>(bar->maximum()) * step / 100));
        if (!waitForScreenful(table, 20'000)) return 1;
    }
    out[QStringLiteral("scroll_100_screenfuls_ms")] = ms(t);
    out[QStringLiteral("scroll_stall_max_ms")] = stall.stop();
    // The next window and back.
    QSignalSpy windowLoaded(model, &RecordTableModel::windowLoaded);
    windowLoaded.clear();
    stall.start();
    t.restart();
    model->laterWindow();
    if (events > window) {
        if (!pumpUntil([&] { return windowLoaded.size() == 1; }, 60'000)) return 1;
        if (!waitForScreenful(table, 20'000)) return 1;
        out[QStringLiteral("later_window_ms")] = ms(t);
        t.restart();
        model->earlierWindow();
        if (!pumpUntil([&] { return windowLoaded.size() == 2; }, 60'000)) return 1;
        if (!waitForScreenful(table, 20'000)) return 1;
        out[QStringLiteral("earlier_window_ms")] = ms(t);
    }
    out[QStringLiteral("paging_stall_max_ms")] = stall.stop();
    // Follow while a producer writes 1,000 records every 100 ms for 5 s.
    w.setFollow(true);
    if (!pumpUntil([&] { return model->window() && model->window()->atEnd; }, 60'000)) return 1;
    const int before = model->rowCount();
    std::atomic_bool stop{false};
    std::atomic<qint64> written{0};
    std::thread writer([&] {
        auto c = KafkaClient::connect(profile);
        if (!c) return;
        qint64 i = events;
        while (!stop) {
            std::vector<ProducerRecord> batch;
            for (int j = 0; j < 1000; ++j, ++i) {
                ProducerRecord r = makeRecord(i);
                r.topic = topic;
                r.partition = static_cast<PartitionId>(i % 6);
                r.timestamp = QDateTime::currentMSecsSinceEpoch();
                batch.push_back(std::move(r));
            }
            if (!c.value()->produce(batch)) return;
            written += 1000;
            std::this_thread::sleep_for(std::chrono::milliseconds(100));
        }
    });
    stall.start();
    t.restart();
    while (t.elapsed() < 5000)
        QApplication::processEvents(QEventLoop::AllEvents, 5);
    stop = true;
    writer.join();
    out[QStringLiteral("follow_stall_max_ms")] = stall.stop();
    pumpUntil([&] { return model->rowCount() - before >= written.load(); }, 10'000);
    out[QStringLiteral("follow_written")] = static_cast<double>(written.load());
    out[QStringLiteral("follow_rows_shown")] = model->rowCount() - before;
    w.setFollow(false);
    out[QStringLiteral("rss_mb")] = static_cast<double>(statusKiB("VmRSS")) / 1024;
    QJsonObject targets;
    targets[QStringLiteral("stall_max_ms")] = 50;
    out[QStringLiteral("targets")] = targets;
    (void)client.value()->deleteTopic(topic);
    printf("%s\n", QJsonDocument(out).toJson(QJsonDocument::Indented).constData());
    return 0;
}

int main(int argc, char** argv)
{
    if (qEnvironmentVariableIsEmpty("DISPLAY") && qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("RewindBench"));
    qint64 events = 10'000'000;
    int jumps = 200;
    QString dirArg;
    const QStringList args = app.arguments();
    for (int i = 1; i + 1 < args.size(); ++i) {
        if (args[i] == QLatin1String("--events")) events = args[i + 1].toLongLong();
        if (args[i] == QLatin1String("--dir")) dirArg = args[i + 1];
        if (args[i] == QLatin1String("--jumps")) jumps = args[i + 1].toInt();
    }
    QString openPath, kafka;
    for (int i = 1; i + 1 < args.size(); ++i) {
        if (args[i] == QLatin1String("--open")) openPath = args[i + 1];
        if (args[i] == QLatin1String("--kafka")) kafka = args[i + 1];
    }
    if (!kafka.isEmpty())
        return kafkaMerged(kafka, args.contains(QStringLiteral("--events")) ? events : 500'000);
    QTemporaryDir tmp(dirArg.isEmpty() ? QDir::tempPath() + QStringLiteral("/bench_gui-XXXXXX")
                                       : dirArg + QStringLiteral("/bench_gui-XXXXXX"));
    const QString path = openPath.isEmpty() ? tmp.filePath(QStringLiteral("big.rewind")) : openPath;
    QJsonObject out;
    out[QStringLiteral("events")] = events;

    // The workspace: one partition of N records, written here; the window is measured in a
    // fresh process (--open), so its memory is the window's, not the writer's.
    if (openPath.isEmpty()) {
        QElapsedTimer t;
        t.start();
        auto s = WorkspaceStore::create(path);
        if (!s || !s.value()->createTopic(QStringLiteral("bench"), 1)) {
            fprintf(stderr, "cannot create %s\n", qPrintable(path));
            return 1;
        }
        std::vector<ProducerRecord> batch;
        for (qint64 i = 0; i < events;) {
            batch.clear();
            for (int j = 0; j < 50'000 && i < events; ++j, ++i)
                batch.push_back(makeRecord(i));
            if (!s.value()->append(batch)) return 1;
        }
        out[QStringLiteral("create_s")] = ms(t) / 1000;
        out[QStringLiteral("file_mb")] = static_cast<double>(QFileInfo(path).size()) / 1e6;
        QProcess child;
        child.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        child.start(QCoreApplication::applicationFilePath(),
                    {QStringLiteral("--open"), path, QStringLiteral("--events"), QString::number(events),
                     QStringLiteral("--jumps"), QString::number(jumps)});
        if (!child.waitForFinished(-1) || child.exitCode() != 0) {
            fprintf(stderr, "the measuring process failed\n");
            return 1;
        }
        const QJsonObject gui = QJsonDocument::fromJson(child.readAllStandardOutput()).object();
        for (auto it = gui.begin(); it != gui.end(); ++it)
            out[it.key()] = it.value();
        printf("%s\n", QJsonDocument(out).toJson(QJsonDocument::Compact).constData());
        return 0;
    }
    const qint64 rssBefore = statusKiB("VmRSS");

    MainWindow w;
    w.resize(1400, 900);
    w.show();
    auto* table = w.findChild<QTableView*>(QStringLiteral("recordTable"));
    StallMeter stall;

    // Open → first screenful painted.
    QSignalSpy loaded(&w, &MainWindow::workspaceLoaded);
    QElapsedTimer open;
    open.start();
    w.openWorkspace(path);
    while (loaded.isEmpty() && open.elapsed() < 60'000)
        QApplication::processEvents(QEventLoop::AllEvents, 5);
    w.selectTopic(QStringLiteral("bench"), 0);
    if (!waitForScreenful(table, 60'000)) return 1;
    out[QStringLiteral("first_paint_ms")] = ms(open);
    if (table->model()->rowCount() != events) {
        fprintf(stderr, "table shows %d rows, expected %lld\n", table->model()->rowCount(), events);
        return 1;
    }

    // Jumps to random rows (as a dragged scrollbar or Ctrl+G lands anywhere).
    std::vector<double> jumpMs, peerMs;
    auto* rng = QRandomGenerator::global();
    stall.start();
    for (int j = 0; j < jumps; ++j) {
        const int row = static_cast<int>(rng->bounded(events));
        QElapsedTimer t;
        t.start();
        table->scrollTo(table->model()->index(row, 0), QAbstractItemView::PositionAtTop);
        if (!waitForScreenful(table, 10'000)) return 1;
        jumpMs.push_back(ms(t));
    }
    out[QStringLiteral("jump_stall_max_ms")] = stall.stop();
    out[QStringLiteral("jump_p50_ms")] = percentile(jumpMs, 0.5);
    out[QStringLiteral("jump_p99_ms")] = percentile(jumpMs, 0.99);

    // The peer: the sqlite3 shell fetching a screenful at a random place, a process each.
    const int visibleRows = table->rowAt(table->viewport()->height() - 1) - table->rowAt(0) + 1;
    for (int j = 0; j < 20; ++j) {
        const qint64 row = rng->bounded(events);
        QProcess p;
        QElapsedTimer t;
        t.start();
        p.start(QStringLiteral("sqlite3"),
                {QStringLiteral("-readonly"), path,
                 QStringLiteral(
                     "SELECT id, ts, key, value, headers FROM records WHERE id >= %1 ORDER BY id LIMIT %2")
                     .arg((qint64(1) << 44) + row)
                     .arg(visibleRows)});
        if (!p.waitForFinished(-1) || p.exitCode() != 0) return 1;
        peerMs.push_back(ms(t));
    }
    out[QStringLiteral("peer_sqlite3_screenful_p50_ms")] = percentile(peerMs, 0.5);
    out[QStringLiteral("jump_vs_sqlite3_p50")] =
        percentile(peerMs, 0.5) / std::max(0.001, percentile(jumpMs, 0.5));

    // Dragging the scrollbar end to end in 200 steps, painting each.
    QScrollBar* bar = table->verticalScrollBar();
    stall.start();
    QElapsedTimer drag;
    drag.start();
    for (int step = 0; step <= 200; ++step) {
        bar->setValue(static_cast<int>(static_cast<qint64>(bar->maximum()) * step / 200));
        QApplication::processEvents(QEventLoop::AllEvents, 5);
        table->viewport()->repaint();
    }
    if (!waitForScreenful(table, 10'000)) return 1;
    out[QStringLiteral("drag_total_ms")] = ms(drag);
    out[QStringLiteral("drag_stall_max_ms")] = stall.stop();
    // Let the window's background work (the timeline's count over every record) finish first.
    QElapsedTimer idle;
    idle.start();
    while (idle.elapsed() < 3000)
        QApplication::processEvents(QEventLoop::AllEvents, 5);
    out[QStringLiteral("rss_mb")] = static_cast<double>(statusKiB("VmRSS")) / 1024;
    out[QStringLiteral("rss_anon_mb")] = static_cast<double>(statusKiB("RssAnon")) / 1024;
    out[QStringLiteral("rss_file_mb")] = static_cast<double>(statusKiB("RssFile")) / 1024;
    out[QStringLiteral("rss_before_window_mb")] = static_cast<double>(rssBefore) / 1024;

    // Following while another thread appends as fast as it can for 5 s.
    std::atomic_bool stop{false};
    std::atomic<qint64> appended{0};
    std::thread writer([&] {
        auto s = WorkspaceStore::open(path, WorkspaceStore::Mode::ReadWrite);
        if (!s) return;
        std::vector<ProducerRecord> batch;
        qint64 i = events;
        while (!stop) {
            batch.clear();
            for (int j = 0; j < 2000; ++j)
                batch.push_back(makeRecord(i++));
            if (!s.value()->append(batch)) return;
            appended += static_cast<qint64>(batch.size());
        }
    });
    w.setFollow(true);
    stall.start();
    QElapsedTimer tail;
    tail.start();
    while (tail.elapsed() < 5000)
        QApplication::processEvents(QEventLoop::AllEvents, 5);
    stop = true;
    writer.join();
    const double tailStall = stall.stop();
    // Everything appended shows up.
    QElapsedTimer settle;
    settle.start();
    while (table->model()->rowCount() < events + appended && settle.elapsed() < 10'000)
        QApplication::processEvents(QEventLoop::AllEvents, 5);
    out[QStringLiteral("tail_appended")] = appended.load();
    out[QStringLiteral("tail_records_per_s")] = static_cast<double>(appended.load()) / 5.0;
    out[QStringLiteral("tail_rows_shown")] = table->model()->rowCount() - events;
    out[QStringLiteral("tail_stall_max_ms")] = tailStall;
    w.setFollow(false);

    printf("%s\n", QJsonDocument(out).toJson(QJsonDocument::Compact).constData());
    return 0;
}
