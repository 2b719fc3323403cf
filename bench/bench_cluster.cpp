// Cluster-scale benchmark: a broker with thousands of topics and hundreds of committed groups,
// as the window and the CLI meet it, against Kafka's own tools on the same cluster in the same
// run. Prints one JSON object. Not a test: numbers, not pass/fail.
//   bench_cluster --bootstrap HOST:PORT --jars DIR [--topics 5000] [--partitions 6] [--groups 500]
//                 [--runs 3]
// bench/cluster runs it against a broker of its own (scripts/kafka with room for 30,000
// partitions). The cluster is filled once (topics "bench.t-NNNN", 20 records a partition, groups
// "bench.g-NNN" each committed on 10 topics) and kept: a second run measures at once.
// Measured:
//   - the window's first full overview (topics, partitions, watermarks, replication, groups and
//     their lag), from openKafka() to workspaceLoaded, in a fresh process each run, with the
//     longest GUI-thread stall meanwhile and the window's resident memory;
//   - a keystroke in the topic filter over every topic (each key to the tree repainted), typed
//     after the window settled for 3 s (the longest GUI stall in those 3 s is reported too);
//   - every group's lag: `rewind-cli groups -b` against Kafka's
//     `kafka-consumer-groups --describe --all-groups`;
//   - every topic's partitions: `rewind-cli topics -b` and `rewind-cli cluster -b --all-partitions`
//     against `kafka-topics --describe`.

#include "kafka_client.h"
#include "main_window.h"
#include "profile_store.h"
#include "topic_tree_model.h"

#include "bench_util.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLineEdit>
#include <QProcess>
#include <QSignalSpy>
#include <QTest>
#include <QThread>
#include <QTimer>
#include <QTreeView>

#include <librdkafka/rdkafka.h>

#include <cstdio>

using namespace rw;
using rw::bench::median;
using rw::bench::secondsOf;
using rw::bench::statusKiB;
using rw::bench::toJson;

namespace {

struct Options {
    QString bootstrap, jars;
    int topics = 5000, partitions = 6, groups = 500, runs = 3;
};

QString topicName(int i)
{
    return QStringLiteral("bench.t-%1").arg(i, 4, 10, QLatin1Char('0'));
}

QString groupName(int i)
{
    return QStringLiteral("bench.g-%1").arg(i, 3, 10, QLatin1Char('0'));
}

[[noreturn]] void die(const QString& why)
{
    fprintf(stderr, "bench_cluster: %s\n", qPrintable(why));
    std::exit(1);
}

// ---- Filling the cluster (librdkafka's admin API directly: setup, not what is measured).

rd_kafka_t* adminHandle(const QString& bootstrap)
{
    char err[512];
    rd_kafka_conf_t* conf = rd_kafka_conf_new();
    rd_kafka_conf_set(conf, "bootstrap.servers", bootstrap.toUtf8().constData(), err, sizeof err);
    rd_kafka_conf_set(conf, "enable.metrics.push", "false", err, sizeof err);
    rd_kafka_t* rk = rd_kafka_new(RD_KAFKA_PRODUCER, conf, err, sizeof err);
    if (!rk) die(QString::fromUtf8(err));
    return rk;
}

rd_kafka_event_t* waitFor(rd_kafka_queue_t* q, const char* what)
{
    rd_kafka_event_t* ev = rd_kafka_queue_poll(q, 300'000);
    if (!ev) die(QStringLiteral("%1: no answer in 300 s").arg(QLatin1String(what)));
    if (rd_kafka_event_error(ev))
        die(QStringLiteral("%1: %2").arg(QLatin1String(what),
                                         QString::fromUtf8(rd_kafka_event_error_string(ev))));
    return ev;
}

void createTopics(rd_kafka_t* rk, const Options& o, int from)
{
    constexpr int kBatch = 200;
    rd_kafka_queue_t* q = rd_kafka_queue_new(rk);
    for (int first = from; first < o.topics; first += kBatch) {
        std::vector<rd_kafka_NewTopic_t*> topics;
        char err[256];
        for (int i = first; i < std::min(o.topics, first + kBatch); ++i)
            topics.push_back(
                rd_kafka_NewTopic_new(topicName(i).toUtf8().constData(), o.partitions, 1, err, sizeof err));
        rd_kafka_AdminOptions_t* opts = rd_kafka_AdminOptions_new(rk, RD_KAFKA_ADMIN_OP_CREATETOPICS);
        rd_kafka_AdminOptions_set_operation_timeout(opts, 120'000, err, sizeof err);
        rd_kafka_AdminOptions_set_request_timeout(opts, 300'000, err, sizeof err);
        rd_kafka_CreateTopics(rk, topics.data(), topics.size(), opts, q);
        rd_kafka_event_t* ev = waitFor(q, "creating topics");
        size_t n = 0;
        const rd_kafka_topic_result_t** res =
            rd_kafka_CreateTopics_result_topics(rd_kafka_event_CreateTopics_result(ev), &n);
        for (size_t i = 0; i < n; ++i)
            if (rd_kafka_topic_result_error(res[i]) &&
                rd_kafka_topic_result_error(res[i]) != RD_KAFKA_RESP_ERR_TOPIC_ALREADY_EXISTS)
                die(QStringLiteral("creating %1: %2")
                        .arg(QString::fromUtf8(rd_kafka_topic_result_name(res[i])),
                             QString::fromUtf8(rd_kafka_topic_result_error_string(res[i]))));
        rd_kafka_event_destroy(ev);
        rd_kafka_AdminOptions_destroy(opts);
        rd_kafka_NewTopic_destroy_array(topics.data(), topics.size());
        fprintf(stderr, "bench_cluster: %d of %d topics\n", std::min(o.topics, first + kBatch), o.topics);
    }
    rd_kafka_queue_destroy(q);
}

// Every group commits on its 10 topics, each partition a few records short of its end (some at
// the end): what the lag columns show.
void commitGroups(rd_kafka_t* rk, const Options& o, int recordsPerPartition)
{
    rd_kafka_queue_t* q = rd_kafka_queue_new(rk);
    char err[256];
    rd_kafka_AdminOptions_t* opts =
        rd_kafka_AdminOptions_new(rk, RD_KAFKA_ADMIN_OP_ALTERCONSUMERGROUPOFFSETS);
    rd_kafka_AdminOptions_set_request_timeout(opts, 120'000, err, sizeof err);
    // The first group alone (a new cluster makes __consumer_offsets for it), then 50 at a time.
    int tries = 0;
    for (int first = 0; first < o.groups;) {
        const int last = std::min(o.groups, first == 0 ? 1 : first + 50);
        for (int g = first; g < last; ++g) {
            rd_kafka_topic_partition_list_t* list = rd_kafka_topic_partition_list_new(10 * o.partitions);
            for (int k = 0; k < 10; ++k) {
                const QByteArray topic = topicName((g * 10 + k) % o.topics).toUtf8();
                for (int p = 0; p < o.partitions; ++p)
                    rd_kafka_topic_partition_list_add(list, topic.constData(), p)->offset =
                        recordsPerPartition - ((g + k + p) % 7) * 2;
            }
            rd_kafka_AlterConsumerGroupOffsets_t* alter =
                rd_kafka_AlterConsumerGroupOffsets_new(groupName(g).toUtf8().constData(), list);
            rd_kafka_AlterConsumerGroupOffsets(rk, &alter, 1, opts, q);
            rd_kafka_AlterConsumerGroupOffsets_destroy(alter);
            rd_kafka_topic_partition_list_destroy(list);
        }
        bool retry = false;
        for (int g = first; g < last; ++g) {
            rd_kafka_event_t* ev = rd_kafka_queue_poll(q, 300'000);
            if (!ev) die(QStringLiteral("committing group offsets: no answer in 300 s"));
            // A new cluster's first commit may time out while __consumer_offsets is made.
            if (rd_kafka_event_error(ev) && first == 0 && tries < 10)
                retry = true;
            else if (rd_kafka_event_error(ev))
                die(QStringLiteral("committing group offsets: %1")
                        .arg(QString::fromUtf8(rd_kafka_event_error_string(ev))));
            rd_kafka_event_destroy(ev);
        }
        if (retry) {
            ++tries;
            continue;
        }
        first = last;
    }
    rd_kafka_AdminOptions_destroy(opts);
    rd_kafka_queue_destroy(q);
}

void fill(const Options& o, QJsonObject& out)
{
    QElapsedTimer t;
    t.start();
    KafkaProfile profile;
    profile.bootstrap = o.bootstrap;
    profile.readOnly = false;
    auto client = KafkaClient::connect(profile);
    if (!client) die(client.error().message);
    // A cluster started on 30,000 partitions takes a while to lead them all again: asked until
    // every partition answers (10 minutes at most).
    auto cluster = client.value()->cluster(false, true);
    for (int waited = 0; !cluster && waited < 120; ++waited) {
        fprintf(stderr, "bench_cluster: waiting for the cluster: %s\n",
                qPrintable(cluster.error().message.left(200)));
        QThread::sleep(5);
        cluster = client.value()->cluster(false, true);
    }
    if (!cluster) die(cluster.error().message);
    int have = 0;
    for (const KafkaTopicInfo& info : cluster->topics)
        have += info.name.startsWith(QLatin1String("bench.t-"));
    constexpr int kRecords = 20;
    bool committed = false; // the last step of a fill: the last group's commits
    if (auto groups = client.value()->groups())
        for (const KafkaGroupListing& g : groups.value())
            committed = committed || g.name == groupName(o.groups - 1);
    if (have >= o.topics && committed) {
        out[QStringLiteral("fill_seconds")] = 0; // filled by an earlier run
        return;
    }
    rd_kafka_t* rk = adminHandle(o.bootstrap);
    createTopics(rk, o, have);
    // Every new partition led somewhere before records go to it (metadata spreads in a while).
    for (int waited = 0;; ++waited) {
        auto now = client.value()->cluster(false, false);
        if (!now) die(now.error().message);
        int ready = 0;
        for (const KafkaTopicInfo& info : now->topics)
            if (info.name.startsWith(QLatin1String("bench.t-")))
                for (const KafkaPartitionInfo& p : info.partitions)
                    ready += p.leader >= 0;
        if (ready >= o.topics * o.partitions) break;
        if (waited > 300)
            die(QStringLiteral("%1 of %2 partitions have a leader after 300 s")
                    .arg(ready)
                    .arg(o.topics * o.partitions));
        QThread::sleep(1);
    }
    // A new connection for the records: the first one's producer met these topics before they
    // had partitions everywhere.
    client = KafkaClient::connect(profile);
    if (!client) die(client.error().message);
    // 20 records a partition, keyed, a few hundred bytes each.
    std::vector<ProducerRecord> batch;
    const QByteArray value(200, 'x');
    for (int i = 0; i < o.topics; ++i) {
        for (int p = 0; p < o.partitions; ++p)
            for (int r = 0; r < kRecords; ++r) {
                ProducerRecord rec;
                rec.topic = topicName(i);
                rec.partition = p;
                rec.timestamp = 1'795'000'000'000 + r * 1000;
                rec.key = QByteArray("k-") + QByteArray::number(r);
                rec.value = value;
                batch.push_back(std::move(rec));
            }
        if (batch.size() >= 60'000 || i + 1 == o.topics) {
            auto sent = client.value()->produce(batch);
            if (!sent) die(sent.error().message);
            batch.clear();
            fprintf(stderr, "bench_cluster: records of %d of %d topics\n", i + 1, o.topics);
        }
    }
    commitGroups(rk, o, kRecords);
    rd_kafka_destroy(rk);
    out[QStringLiteral("fill_seconds")] = secondsOf(t);
}

// ---- The window, in a process of its own.

// The longest gap between ticks of a 1 ms timer on the GUI thread.
struct StallMeter {
    QTimer timer;
    QElapsedTimer clock;
    double last = 0, worst = 0;
    StallMeter()
    {
        timer.setInterval(1);
        timer.setTimerType(Qt::PreciseTimer);
        QObject::connect(&timer, &QTimer::timeout, [this] {
            const double now = static_cast<double>(clock.nsecsElapsed()) / 1e6;
            worst = std::max(worst, now - last);
            last = now;
        });
        clock.start();
        timer.start();
    }
};

int windowRun(const Options& o)
{
    QJsonObject out;
    MainWindow w;
    w.resize(1280, 720);
    w.show();
    KafkaProfile profile;
    profile.name = QStringLiteral("bench cluster");
    profile.bootstrap = o.bootstrap;
    if (auto saved = w.profiles()->save(profile); !saved) die(saved.error().message);
    QSignalSpy loaded(&w, &MainWindow::workspaceLoaded);
    QSignalSpy failed(&w, &MainWindow::workspaceFailed);
    StallMeter stall;
    QElapsedTimer t;
    t.start();
    w.openKafka(profile.name);
    rw::bench::waitUntil([&] { return !loaded.isEmpty() || !failed.isEmpty(); }, 300'000);
    if (!failed.isEmpty()) die(failed.first().at(1).toString());
    if (loaded.isEmpty()) die(QStringLiteral("the overview did not load in 300 s"));
    out[QStringLiteral("overview_seconds")] = secondsOf(t);
    out[QStringLiteral("overview_gui_stall_ms")] = stall.worst;
    QApplication::processEvents();
    out[QStringLiteral("topics_shown")] = w.topicModel()->rowCount();
    int partitions = 0;
    for (int r = 0; r < w.topicModel()->rowCount(); ++r)
        partitions += w.topicModel()->rowCount(w.topicModel()->index(r, 0));
    out[QStringLiteral("partitions_shown")] = partitions;

    // The topic filter: a name typed a key at a time, then erased; each key until the tree is
    // repainted.
    // What the load started settles first (the lag sampler's first sample of every group, the
    // watermark poller, the Cluster tab's brokers): someone reads the tree before typing.
    // The longest GUI-thread stall meanwhile is reported on its own (after_load_gui_stall_ms).
    stall.worst = 0;
    rw::bench::waitUntil([] { return false; }, 3000);
    out[QStringLiteral("after_load_gui_stall_ms")] = stall.worst;
    QLineEdit* filter = w.topicFilter();
    filter->setFocus();
    std::vector<double> keys;
    const QString typed = QStringLiteral("t-0042");
    auto press = [&](Qt::Key key, const QString& text) {
        QElapsedTimer k;
        k.start();
        QTest::keyClick(filter, key, Qt::NoModifier);
        if (!text.isEmpty() && !filter->text().endsWith(text))
            die(QStringLiteral("the filter did not take the key"));
        QApplication::processEvents();
        w.repaint();
        keys.push_back(static_cast<double>(k.nsecsElapsed()) / 1e6);
    };
    for (const QChar c : typed)
        press(static_cast<Qt::Key>(c.toUpper().unicode()), QString(c));
    int visible = 0;
    for (int r = 0; r < w.topicModel()->rowCount(); ++r)
        visible += !w.findChild<QTreeView*>(QStringLiteral("topicTree"))->isRowHidden(r, {});
    out[QStringLiteral("filter_topics_left")] = visible;
    for (int i = 0; i < typed.size(); ++i)
        press(Qt::Key_Backspace, {});
    out[QStringLiteral("filter_key_ms")] = toJson(keys);
    out[QStringLiteral("filter_key_max_ms")] = *std::max_element(keys.begin(), keys.end());
    out[QStringLiteral("filter_key_median_ms")] = median(keys);
    out[QStringLiteral("rss_mb")] = static_cast<double>(statusKiB("VmRSS")) / 1024.0;
    out[QStringLiteral("rss_anon_mb")] = static_cast<double>(statusKiB("RssAnon")) / 1024.0;
    fprintf(stdout, "%s\n", QJsonDocument(out).toJson(QJsonDocument::Compact).constData());
    return 0;
}

// ---- The CLI against Kafka's own tools.

struct Timed {
    double seconds = 0;
    QByteArray out;
};

Timed timed(const QString& program, const QStringList& args)
{
    QProcess p;
    p.setProcessChannelMode(QProcess::SeparateChannels);
    QElapsedTimer t;
    t.start();
    p.start(program, args);
    if (!p.waitForStarted()) die(QStringLiteral("%1 did not start").arg(program));
    p.waitForFinished(600'000);
    Timed r{secondsOf(t), p.readAllStandardOutput()};
    if (p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0)
        die(QStringLiteral("%1 %2 failed: %3")
                .arg(program, args.join(QLatin1Char(' ')),
                     QString::fromUtf8(p.readAllStandardError().right(800))));
    return r;
}

QJsonObject compare(const Options& o, const QString& name, const QString& program, const QStringList& args,
                    const QStringList& javaArgs)
{
    std::vector<double> ours, theirs;
    int ourLines = 0, theirLines = 0;
    for (int i = 0; i < o.runs; ++i) {
        const Timed a = timed(program, args);
        ours.push_back(a.seconds);
        ourLines = static_cast<int>(a.out.count('\n'));
        const Timed b = timed(QStringLiteral("java"), javaArgs);
        theirs.push_back(b.seconds);
        theirLines = static_cast<int>(b.out.count('\n'));
    }
    QJsonObject r;
    r[QStringLiteral("rewind_seconds")] = median(ours);
    r[QStringLiteral("rewind_runs")] = toJson(ours);
    r[QStringLiteral("rewind_lines")] = ourLines;
    r[QStringLiteral("kafka_seconds")] = median(theirs);
    r[QStringLiteral("kafka_runs")] = toJson(theirs);
    r[QStringLiteral("kafka_lines")] = theirLines;
    r[QStringLiteral("ratio_rewind_to_kafka")] = median(ours) / median(theirs);
    r[QStringLiteral("what")] = name;
    return r;
}

} // namespace

int main(int argc, char** argv)
{
    if (qEnvironmentVariableIsEmpty("DISPLAY") && qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("RewindBench"));
    Options o;
    bool window = false;
    const QStringList args = app.arguments();
    for (int i = 1; i < args.size(); ++i) {
        const QString a = args[i], v = i + 1 < args.size() ? args[i + 1] : QString();
        if (a == QLatin1String("--window"))
            window = true;
        else if (a == QLatin1String("--bootstrap"))
            o.bootstrap = v;
        else if (a == QLatin1String("--jars"))
            o.jars = v;
        else if (a == QLatin1String("--topics"))
            o.topics = v.toInt();
        else if (a == QLatin1String("--partitions"))
            o.partitions = v.toInt();
        else if (a == QLatin1String("--groups"))
            o.groups = v.toInt();
        else if (a == QLatin1String("--runs"))
            o.runs = std::max(1, v.toInt());
    }
    if (o.bootstrap.isEmpty())
        die(QStringLiteral("--bootstrap HOST:PORT is needed (bench/cluster starts a broker)"));
    if (window) return windowRun(o);
    if (o.jars.isEmpty()) die(QStringLiteral("--jars DIR is needed: Kafka's tools are the peer"));

    QJsonObject out;
    out[QStringLiteral("topics")] = o.topics;
    out[QStringLiteral("partitions")] = o.topics * o.partitions;
    out[QStringLiteral("groups")] = o.groups;
    fill(o, out);

    // The window: a fresh process per run.
    std::vector<double> overview, stalls, afterStalls, rss, keyMax, keyMedian;
    QJsonObject lastWindow;
    for (int i = 0; i < o.runs; ++i) {
        const Timed r = timed(QCoreApplication::applicationFilePath(),
                              {QStringLiteral("--window"), QStringLiteral("--bootstrap"), o.bootstrap});
        lastWindow = QJsonDocument::fromJson(r.out).object();
        if (lastWindow.isEmpty()) die(QStringLiteral("the window run printed nothing"));
        overview.push_back(lastWindow.value(QStringLiteral("overview_seconds")).toDouble());
        stalls.push_back(lastWindow.value(QStringLiteral("overview_gui_stall_ms")).toDouble());
        afterStalls.push_back(lastWindow.value(QStringLiteral("after_load_gui_stall_ms")).toDouble());
        rss.push_back(lastWindow.value(QStringLiteral("rss_mb")).toDouble());
        keyMax.push_back(lastWindow.value(QStringLiteral("filter_key_max_ms")).toDouble());
        keyMedian.push_back(lastWindow.value(QStringLiteral("filter_key_median_ms")).toDouble());
    }
    QJsonObject win;
    win[QStringLiteral("overview_seconds")] = median(overview);
    win[QStringLiteral("overview_runs")] = toJson(overview);
    win[QStringLiteral("gui_stall_ms_worst")] = *std::max_element(stalls.begin(), stalls.end());
    win[QStringLiteral("after_load_gui_stall_ms_worst")] =
        *std::max_element(afterStalls.begin(), afterStalls.end());
    win[QStringLiteral("filter_key_max_ms")] = *std::max_element(keyMax.begin(), keyMax.end());
    win[QStringLiteral("filter_key_median_ms")] = median(keyMedian);
    win[QStringLiteral("rss_mb")] = median(rss);
    win[QStringLiteral("topics_shown")] = lastWindow.value(QStringLiteral("topics_shown"));
    win[QStringLiteral("partitions_shown")] = lastWindow.value(QStringLiteral("partitions_shown"));
    win[QStringLiteral("filter_topics_left")] = lastWindow.value(QStringLiteral("filter_topics_left"));
    out[QStringLiteral("window")] = win;

    const QString cli = QCoreApplication::applicationDirPath() + QStringLiteral("/rewind-cli");
    const QStringList java{QStringLiteral("-cp"), o.jars + QStringLiteral("/*"), QStringLiteral("-Xmx1g")};
    out[QStringLiteral("all_groups_lag")] = compare(
        o, QStringLiteral("rewind-cli groups -b vs kafka-consumer-groups --describe --all-groups"), cli,
        {QStringLiteral("groups"), QStringLiteral("-b"), o.bootstrap},
        java + QStringList{QStringLiteral("org.apache.kafka.tools.consumer.group.ConsumerGroupCommand"),
                           QStringLiteral("--bootstrap-server"), o.bootstrap, QStringLiteral("--describe"),
                           QStringLiteral("--all-groups")});
    const QStringList describeTopics =
        java + QStringList{QStringLiteral("org.apache.kafka.tools.TopicCommand"),
                           QStringLiteral("--bootstrap-server"), o.bootstrap, QStringLiteral("--describe")};
    out[QStringLiteral("topics_with_watermarks")] =
        compare(o, QStringLiteral("rewind-cli topics -b vs kafka-topics --describe"), cli,
                {QStringLiteral("topics"), QStringLiteral("-b"), o.bootstrap}, describeTopics);
    out[QStringLiteral("cluster_all_partitions")] = compare(
        o, QStringLiteral("rewind-cli cluster -b --all-partitions vs kafka-topics --describe"), cli,
        {QStringLiteral("cluster"), QStringLiteral("-b"), o.bootstrap, QStringLiteral("--all-partitions")},
        describeTopics);
    fprintf(stdout, "%s\n", QJsonDocument(out).toJson(QJsonDocument::Indented).constData());
    return 0;
}
