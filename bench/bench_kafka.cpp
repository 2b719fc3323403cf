// Kafka benchmark against the test broker (scripts/kafka start). Prints one JSON object.
//   bench_kafka [--records N] [--bootstrap HOST:PORT] [--runs N (default 5)] [--dir DIR] [--only timeline]
// Fills a sandbox topic with N demo-like records (~300-byte JSON values, 6 partitions), then in
// the same run: kcat -C -e -o beginning -q > /dev/null (the peer), Rewind's browse (decoded to
// records, not stored; per partition as fetched, and merged in time order) and capture into a
// workspace, against kcat -J writing to a file and against the store's own append rate on the
// same records (capture's ceiling). And the topic's timeline (the demo's week) as the window
// loads it from a cluster: from the brokers' offsets by time, against reading
// every record's time ("Count exactly"). Reports records/s and ratios; timed phases run N times
// and report the median and every run.

#include "bench_util.h"
#include "capture.h"
#include "demo_generator.h"
#include "header_codec.h"
#include "kafka_browser.h"
#include "record_source.h"
#include "source_registry.h"
#ifdef REWIND_BENCH_TIMELINE
#include "timeline_loader.h"

#include <librdkafka/rdkafka.h>
#endif
#include "workspace_store.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QUuid>

#include <algorithm>
#include <cstdio>
#include <unistd.h>

using namespace rw;

namespace {

using bench::median;
using bench::secondsOf;
using bench::toJson;

[[noreturn]] void die(const QString& what)
{
    fprintf(stderr, "bench_kafka: %s\n", qPrintable(what));
    std::exit(1);
}

// The demo's records padded to ~300 bytes, keyed by order id (both fills).
void pad(ProducerRecord& r)
{
    if (r.value && r.value->size() < 300)
        r.value->insert(r.value->size() - 1,
                        ",\"pad\":\"" + QByteArray(std::max<qsizetype>(0, 290 - r.value->size()), 'x') +
                            "\"");
}

#ifdef REWIND_BENCH_TIMELINE
// The same records through a producer batching at most batchBytes (librdkafka directly: Rewind's
// own producer keeps librdkafka's batch size), as a Java producer with its defaults would.
void fillBatched(const QString& bootstrap, const QString& topic, qint64 n, int batchBytes)
{
    char err[512];
    rd_kafka_conf_t* conf = rd_kafka_conf_new();
    const QByteArray batch = QByteArray::number(batchBytes);
    for (const auto& [k, v] : {std::pair<const char*, QByteArray>{"bootstrap.servers", bootstrap.toUtf8()},
                               {"batch.size", batch},
                               {"linger.ms", "5"},
                               {"partitioner", "murmur2_random"},
                               {"enable.idempotence", "true"}})
        if (rd_kafka_conf_set(conf, k, v.constData(), err, sizeof err) != RD_KAFKA_CONF_OK)
            die(QString::fromUtf8(err));
    static std::atomic<qint64> failed{0};
    rd_kafka_conf_set_dr_msg_cb(conf, [](rd_kafka_t*, const rd_kafka_message_t* m, void*) {
        if (m->err) ++failed;
    });
    rd_kafka_t* rk = rd_kafka_new(RD_KAFKA_PRODUCER, conf, err, sizeof err);
    if (!rk) die(QString::fromUtf8(err));
    DemoOptions opt;
    opt.events = n;
    DemoGenerator gen(opt);
    ProducerRecord r;
    const QByteArray name = topic.toUtf8();
    while (gen.next(r)) {
        pad(r);
        const QByteArray key = r.key.value_or(QByteArray()), value = r.value.value_or(QByteArray());
        while (true) {
            const rd_kafka_resp_err_t e = rd_kafka_producev(
                rk, RD_KAFKA_V_TOPIC(name.constData()),
                RD_KAFKA_V_KEY(key.constData(), static_cast<size_t>(key.size())),
                RD_KAFKA_V_VALUE(const_cast<char*>(value.constData()), static_cast<size_t>(value.size())),
                RD_KAFKA_V_TIMESTAMP(r.timestamp), RD_KAFKA_V_MSGFLAGS(RD_KAFKA_MSG_F_COPY), RD_KAFKA_V_END);
            if (e == RD_KAFKA_RESP_ERR_NO_ERROR) break;
            if (e != RD_KAFKA_RESP_ERR__QUEUE_FULL) die(QString::fromUtf8(rd_kafka_err2str(e)));
            rd_kafka_poll(rk, 10);
        }
        rd_kafka_poll(rk, 0);
        r = ProducerRecord();
    }
    const rd_kafka_resp_err_t flushed = rd_kafka_flush(rk, 300000);
    rd_kafka_destroy(rk);
    if (flushed || failed.load() > 0)
        die(QStringLiteral("the 16 KB-batched fill lost %1 records (%2)").arg(failed.load()).arg(flushed));
}
#endif

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    qint64 n = 1'000'000;
    int runs = 5;
    QString scratchDir;
    QString only; // "timeline": fill, the timeline phase, and nothing else
    QString bootstrap = qEnvironmentVariable("REWIND_KAFKA_BOOTSTRAP", QStringLiteral("127.0.0.1:31092"));
    const QStringList args = app.arguments();
    for (qsizetype i = 1; i + 1 < args.size(); i += 2) {
        if (args[i] == QLatin1String("--records"))
            n = args[i + 1].toLongLong();
        else if (args[i] == QLatin1String("--bootstrap"))
            bootstrap = args[i + 1];
        else if (args[i] == QLatin1String("--runs"))
            runs = std::max(1, args[i + 1].toInt());
        else if (args[i] == QLatin1String("--dir"))
            scratchDir = args[i + 1];
        else if (args[i] == QLatin1String("--only"))
            only = args[i + 1];
    }
    KafkaProfile profile;
    profile.name = QStringLiteral("bench");
    profile.bootstrap = bootstrap;
    auto client = KafkaClient::connect(profile);
    if (!client) die(client.error().message);
    const QString topic =
        QStringLiteral("sandbox.bench-") + QUuid::createUuid().toString(QUuid::Id128).left(8);
    if (auto r = client.value()->createTopic(topic, 6); !r) die(r.error().message);

    QJsonObject out;
    out[QStringLiteral("benchmark")] = QStringLiteral("kafka_browse_capture");
    out[QStringLiteral("records")] = n;
    // Fill: demo values padded to ~300 bytes, keyed by order id.
    DemoOptions opt;
    opt.events = n;
    DemoGenerator gen(opt);
    std::vector<ProducerRecord> batch;
    qint64 valueBytes = 0;
    QElapsedTimer t;
    t.start();
    ProducerRecord r;
    while (gen.next(r)) {
        r.topic = topic;
        r.partition = -1;
        pad(r);
        valueBytes += r.value->size();
        batch.push_back(std::move(r));
        r = ProducerRecord();
        if (batch.size() == 100'000) {
            if (auto p = client.value()->produce(batch, 120000); !p) die(p.error().message);
            batch.clear();
        }
    }
    if (!batch.empty())
        if (auto p = client.value()->produce(batch, 120000); !p) die(p.error().message);
    out[QStringLiteral("fill_records_per_s")] = qRound64(static_cast<double>(n) / secondsOf(t));
    out[QStringLiteral("avg_value_bytes")] = static_cast<double>(valueBytes) / static_cast<double>(n);

#ifdef REWIND_BENCH_TIMELINE
    // The timeline from offsets against reading every record's time, same records, same run. A
    // broker answers a time lookup by reading into the batch that holds it, so the batch size
    // matters: the topic above has librdkafka's (up to 1 MB); a second one gets the same records
    // batched as a Java producer's defaults batch them (16 KB, linger 5 ms).
    {
        const QString javaTopic = topic + QStringLiteral("-16k");
        if (auto made = client.value()->createTopic(javaTopic, 6); !made) die(made.error().message);
        fillBatched(bootstrap, javaTopic, n, 16384);
        auto source = openRecordSource(SourceSpec::cluster(profile));
        if (!source) die(source.error().message);
        auto measure = [&](const QString& name, const QString& prefix) {
            auto once = [&](bool exact, std::vector<double>& seconds) {
                t.restart();
                // As the window asks: fewer buckets from offsets, a workspace's 720 when reading.
                auto d = loadTimeline(*source.value(), name, std::nullopt,
                                      exact ? 720 : kOffsetTimelineBuckets, false, nullptr, exact);
                seconds.push_back(secondsOf(t));
                if (!d) die(d.error().message);
                if (d->records != n)
                    die(QStringLiteral("timeline counted %1 of %2 records").arg(d->records).arg(n));
                return d.value();
            };
            std::vector<double> offsetsS, readS;
            TimelineData d;
            for (int i = 0; i < runs; ++i)
                d = once(false, offsetsS);
            for (int i = 0; i < std::min(runs, 3); ++i)
                once(true, readS);
            out[prefix + QStringLiteral("buckets")] = d.buckets;
            out[prefix + QStringLiteral("bucket_ms")] = static_cast<double>(d.bucketMs);
            out[prefix + QStringLiteral("span_days")] =
                static_cast<double>(d.dataLast - d.dataFirst) / 86'400'000.0;
            out[prefix + QStringLiteral("from_offsets_seconds")] = median(offsetsS);
            out[prefix + QStringLiteral("from_offsets_seconds_runs")] = toJson(offsetsS);
            out[prefix + QStringLiteral("reading_records_seconds")] = median(readS);
            out[prefix + QStringLiteral("reading_records_seconds_runs")] = toJson(readS);
            out[prefix + QStringLiteral("offsets_vs_reading")] = median(readS) / median(offsetsS);
        };
        measure(topic, QStringLiteral("timeline_"));
        measure(javaTopic, QStringLiteral("timeline_16k_batches_"));
        (void)client.value()->deleteTopic(javaTopic);
    }
#endif
    if (only == QLatin1String("timeline")) {
        (void)client.value()->deleteTopic(topic);
        printf("%s\n", QJsonDocument(out).toJson(QJsonDocument::Indented).constData());
        return 0;
    }

    // Peer: kcat's plain output to /dev/null.
    double kcatBest = 1e9;
    for (int i = 0; i < 3; ++i) {
        QProcess k;
        k.setStandardOutputFile(QProcess::nullDevice());
        t.restart();
        k.start(QStringLiteral("kcat"),
                {QStringLiteral("-b"), bootstrap, QStringLiteral("-C"), QStringLiteral("-t"), topic,
                 QStringLiteral("-e"), QStringLiteral("-o"), QStringLiteral("beginning"),
                 QStringLiteral("-q")});
        if (!k.waitForFinished(600000) || k.exitCode() != 0)
            die(QStringLiteral("kcat failed: ") + QString::fromUtf8(k.readAllStandardError()));
        kcatBest = std::min(kcatBest, secondsOf(t));
    }
    const double kcatRate = static_cast<double>(n) / kcatBest;
    out[QStringLiteral("kcat_records_per_s")] = qRound64(kcatRate);
    QTemporaryDir dir(scratchDir.isEmpty() ? QDir::tempPath() + QStringLiteral("/rewind-bench-XXXXXX")
                                           : scratchDir + QStringLiteral("/rewind-bench-XXXXXX"));
    // Second peer: kcat -J writing to a file: like capture it reads every record's headers and
    // keeps everything; `runs` times, the median.
    {
        const QString file = dir.filePath(QStringLiteral("kcat.json"));
        std::vector<double> runsS;
        for (int i = 0; i < runs; ++i) {
            QFile::remove(file);
            ::sync();
            QProcess k;
            k.setStandardOutputFile(file);
            t.restart();
            k.start(QStringLiteral("kcat"),
                    {QStringLiteral("-b"), bootstrap, QStringLiteral("-C"), QStringLiteral("-t"), topic,
                     QStringLiteral("-e"), QStringLiteral("-o"), QStringLiteral("beginning"),
                     QStringLiteral("-q"), QStringLiteral("-J")});
            if (!k.waitForFinished(600000) || k.exitCode() != 0) die(QStringLiteral("kcat -J failed"));
            runsS.push_back(secondsOf(t));
        }
        QFile::remove(file);
        out[QStringLiteral("kcat_json_file_records_per_s")] =
            qRound64(static_cast<double>(n) / median(runsS));
        out[QStringLiteral("kcat_json_file_seconds_runs")] = toJson(runsS);
    }

    // views: fields decoded in place (what kcat does before printing); records: owning copies.
    auto browse = [&](bool merge, bool owning) {
        double best = 1e9;
        for (int i = 0; i < 3; ++i) {
            BrowseRequest req;
            req.topic = topic;
            req.mergeByTime = merge;
            qint64 seen = 0, bytes = 0;
            KafkaBrowser b(profile);
            t.restart();
            Result<BrowseReport> rep = owning ? b.run(req,
                                                      [&](Record&& rec) {
                                                          ++seen;
                                                          bytes += rec.value ? rec.value->size() : 0;
                                                          return true;
                                                      })
                                              : b.runViews(req, [&](const KafkaRecordView& v) {
                                                    ++seen;
                                                    bytes += v.value.size() + v.key.size();
                                                    return true;
                                                });
            const double s = secondsOf(t);
            if (!rep || seen != n) die(QStringLiteral("browse read %1 of %2 records").arg(seen).arg(n));
            best = std::min(best, s);
        }
        return static_cast<double>(n) / best;
    };
    const double browseRate = browse(false, false);
    const double mergedRate = browse(true, false);
    const double recordsRate = browse(false, true);
    out[QStringLiteral("browse_records_per_s")] = qRound64(browseRate);
    out[QStringLiteral("browse_vs_kcat")] = browseRate / kcatRate;
    out[QStringLiteral("browse_merged_records_per_s")] = qRound64(mergedRate);
    out[QStringLiteral("browse_merged_vs_kcat")] = mergedRate / kcatRate;
    out[QStringLiteral("browse_merged_vs_browse")] = mergedRate / browseRate;
    out[QStringLiteral("browse_owning_records_per_s")] = qRound64(recordsRate);
    out[QStringLiteral("browse_owning_vs_kcat")] = recordsRate / kcatRate;

    // Capture into a fresh workspace, `runs` times, the median; then the store's own append rate
    // on the same records (read back from the capture, appended in 100k-record transactions as
    // bench_store does), in the same run: capture's ceiling.
    const QString capturePath = dir.filePath(QStringLiteral("capture.rewind"));
    std::vector<double> captureS;
    for (int i = 0; i < runs; ++i) {
        for (const char* suffix : {"", "-wal", "-shm"})
            QFile::remove(capturePath + QLatin1String(suffix));
        auto store = WorkspaceStore::create(capturePath);
        if (!store) die(store.error().message);
        StreamRequest req;
        req.topic = topic;
        ::sync();
        t.restart();
        auto source = openRecordSource(SourceSpec::cluster(profile)); // connecting is part of a capture
        if (!source) die(source.error().message);
        auto cap = captureToWorkspace(*source.value(), req, *store.value());
        captureS.push_back(secondsOf(t));
        if (!cap || cap->stream.records != n)
            die(cap ? QStringLiteral("capture incomplete") : cap.error().message);
    }
    const double captureRate = static_cast<double>(n) / median(captureS);
    out[QStringLiteral("capture_records_per_s")] = qRound64(captureRate);
    out[QStringLiteral("capture_seconds_runs")] = toJson(captureS);
    out[QStringLiteral("capture_vs_kcat")] = captureRate / kcatRate;
    out[QStringLiteral("capture_vs_kcat_json_file")] =
        captureRate / out[QStringLiteral("kcat_json_file_records_per_s")].toDouble();
    {
        auto captured = WorkspaceStore::open(capturePath, WorkspaceStore::Mode::ReadOnly);
        if (!captured) die(captured.error().message);
        // In the order they were produced (time, across partitions), as bench_store appends the
        // demo: partitions interleave, the store's ordinary case. (Partition by partition would
        // be its best case: every insert right after the previous one.)
        std::vector<ProducerRecord> all;
        auto parts = captured.value()->topic(topic);
        if (!parts) die(parts.error().message);
        for (const PartitionInfo& p : parts->partitions)
            (void)captured.value()->scan(topic, p.partition, 0, p.high, [&](const RecordView& v) {
                ProducerRecord rec;
                rec.topic = topic;
                rec.partition = v.partition;
                rec.timestamp = v.timestamp;
                rec.timestampType = v.timestampType;
                if (!v.keyNull) rec.key = v.key.toByteArray();
                if (!v.valueNull) rec.value = v.value.toByteArray();
                if (auto h = decodeHeaders(v.headersBlob)) rec.headers = std::move(h.value());
                all.push_back(std::move(rec));
                return true;
            });
        captured.value().reset();
        std::stable_sort(all.begin(), all.end(), [](const ProducerRecord& a, const ProducerRecord& b) {
            return a.timestamp < b.timestamp;
        });
        std::vector<std::vector<ProducerRecord>> batches;
        for (ProducerRecord& rec : all) {
            if (batches.empty() || batches.back().size() == 100'000) batches.emplace_back();
            batches.back().push_back(std::move(rec));
        }
        all.clear();
        const QString appendPath = dir.filePath(QStringLiteral("append.rewind"));
        std::vector<double> appendS;
        for (int i = 0; i < runs; ++i) {
            for (const char* suffix : {"", "-wal", "-shm"})
                QFile::remove(appendPath + QLatin1String(suffix));
            auto store = WorkspaceStore::create(appendPath);
            if (!store) die(store.error().message);
            if (auto c = store.value()->createTopic(topic, static_cast<int>(parts->partitions.size())); !c)
                die(c.error().message);
            ::sync();
            t.restart();
            for (const auto& b : batches)
                if (auto a = store.value()->append(b); !a) die(a.error().message);
            appendS.push_back(secondsOf(t));
        }
        const double appendRate = static_cast<double>(n) / median(appendS);
        out[QStringLiteral("append_records_per_s")] = qRound64(appendRate);
        out[QStringLiteral("append_seconds_runs")] = toJson(appendS);
        out[QStringLiteral("capture_vs_append")] = captureRate / appendRate;
    }
    QJsonObject targets;
    targets[QStringLiteral("browse_vs_kcat_min")] = 1.0;
    targets[QStringLiteral("capture_vs_kcat_min")] = 0.5;
    targets[QStringLiteral("capture_vs_append_min")] = 0.9;
    targets[QStringLiteral("capture_vs_kcat_json_file_min")] = 2.0;
    targets[QStringLiteral("timeline_from_offsets_seconds_max")] = 1.0;
    targets[QStringLiteral("timeline_offsets_vs_reading_min")] = 50.0;
    targets[QStringLiteral("browse_merged_vs_browse_min")] = 0.9;
    out[QStringLiteral("targets")] = targets;
    (void)client.value()->deleteTopic(topic);
    printf("%s\n", QJsonDocument(out).toJson(QJsonDocument::Indented).constData());
    return 0;
}
