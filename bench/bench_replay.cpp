// Replay benchmark: N records (default 1M) from a workspace into a Kafka sandbox topic, exactly
// once (transactional batches, provenance headers), against `kcat -P` producing the same keys
// and values from a file into another topic of the same shape, in the same run, once without
// headers and once with as many headers as a replayed record carries. Prints JSON.
//   bench_replay --bootstrap HOST:PORT [--records N] [--dir DIR]

#include "kafka_client.h"
#include "replay.h"
#include "workspace_store.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>

#include <cstdio>

using namespace rw;

namespace {

[[noreturn]] void die(const QString& what)
{
    fprintf(stderr, "bench_replay: %s\n", qPrintable(what));
    std::exit(1);
}

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    qint64 records = 1'000'000;
    QString bootstrap = qEnvironmentVariable("REWIND_KAFKA_BOOTSTRAP"), dirArg;
    const QStringList args = app.arguments();
    for (int i = 1; i + 1 < args.size(); ++i) {
        if (args[i] == QLatin1String("--records")) records = args[i + 1].toLongLong();
        if (args[i] == QLatin1String("--bootstrap")) bootstrap = args[i + 1];
        if (args[i] == QLatin1String("--dir")) dirArg = args[i + 1];
    }
    if (bootstrap.isEmpty())
        die(QStringLiteral("--bootstrap HOST:PORT (or REWIND_KAFKA_BOOTSTRAP) is needed"));
    QTemporaryDir tmp(dirArg.isEmpty() ? QDir::tempPath() + QStringLiteral("/bench_replay-XXXXXX")
                                       : dirArg + QStringLiteral("/bench_replay-XXXXXX"));
    const QString ws = tmp.filePath(QStringLiteral("source.rewind"));
    const QString lines = tmp.filePath(QStringLiteral("records.tsv"));
    constexpr int kPartitions = 6;
    // The source: N records over 6 partitions, ~300-byte JSON values, two headers; the same
    // keys and values as key<TAB>value lines for kcat.
    {
        auto s = WorkspaceStore::create(ws);
        if (!s || !s.value()->createTopic(QStringLiteral("orders"), kPartitions))
            die(QStringLiteral("cannot create the source"));
        QFile f(lines);
        if (!f.open(QIODevice::WriteOnly)) die(f.errorString());
        std::vector<ProducerRecord> batch;
        for (qint64 i = 0; i < records;) {
            batch.clear();
            for (int j = 0; j < 50'000 && i < records; ++j, ++i) {
                ProducerRecord r;
                r.topic = QStringLiteral("orders");
                r.partition = static_cast<PartitionId>(i % kPartitions);
                r.timestamp = 1'794'787'200'000 + i;
                r.key = QByteArray("o-") + QByteArray::number(i);
                r.value =
                    QByteArray(R"({"type":"OrderCreated","order_id":"o-)") + QByteArray::number(i) +
                    R"(","customer":{"id":"c-)" + QByteArray::number(i % 5000) +
                    R"(","email":"someone@example.com"},"items":[{"sku":"SKU-10001","qty":2,"unit_price_cents":1999}],"total_cents":3998,"currency":"EUR","channel":"web"})";
                r.headers = {{"trace_id", QByteArray::number(i * 7919, 16)},
                             {"source", QByteArray("order-service")}};
                f.write(*r.key + '\t' + *r.value + '\n');
                batch.push_back(std::move(r));
            }
            if (!s.value()->append(batch)) die(QStringLiteral("append failed"));
        }
    }
    KafkaProfile profile;
    profile.bootstrap = bootstrap;
    auto client = KafkaClient::connect(profile);
    if (!client) die(client.error().message);
    const QString stamp = QString::number(QDateTime::currentMSecsSinceEpoch());
    const QString kcatTopic = QStringLiteral("sandbox.bench-kcat-") + stamp;
    const QString replayTopic = QStringLiteral("sandbox.bench-replay-") + stamp;
    const QString kcatHeadersTopic = QStringLiteral("sandbox.bench-kcat-h-") + stamp;
    for (const QString& t : {kcatTopic, kcatHeadersTopic, replayTopic})
        if (auto r = client.value()->createTopic(t, kPartitions); !r) die(r.error().message);
    QJsonObject out;
    out[QStringLiteral("benchmark")] = QStringLiteral("replay");
    out[QStringLiteral("records")] = records;
    // The peers: kcat producing the same keys and values, without headers (what the target is
    // set against) and with the same number of headers a replayed record carries (the record's
    // two, four provenance headers, the job and the sequence number: eight, of the same sizes),
    // as -H options. Neither uses transactions.
    const QStringList sameHeaders = {QStringLiteral("trace_id=1e2f3a4b5c"),
                                     QStringLiteral("source=order-service"),
                                     QStringLiteral("rewind.source.topic=orders"),
                                     QStringLiteral("rewind.source.partition=3"),
                                     QStringLiteral("rewind.source.offset=123456"),
                                     QStringLiteral("rewind.source.timestamp=1794787323456"),
                                     QStringLiteral("rewind.replay.seq=740736"),
                                     QStringLiteral("rewind.replay.job=0123456789abcdef")};
    for (const bool withHeaders : {false, true}) {
        const QString topic = withHeaders ? kcatHeadersTopic : kcatTopic;
        QStringList kargs{QStringLiteral("-P"), QStringLiteral("-b"), bootstrap, QStringLiteral("-t"), topic,
                          QStringLiteral("-K"), QStringLiteral("\t")};
        if (withHeaders)
            for (const QString& h : sameHeaders)
                kargs << QStringLiteral("-H") << h;
        QProcess kcat;
        kcat.setStandardInputFile(lines);
        QElapsedTimer t;
        t.start();
        kcat.start(QStringLiteral("kcat"), kargs);
        if (!kcat.waitForFinished(-1) || kcat.exitCode() != 0)
            die(QStringLiteral("kcat failed: ") + QString::fromUtf8(kcat.readAllStandardError()));
        const double s = static_cast<double>(t.nsecsElapsed()) / 1e9;
        out[withHeaders ? QStringLiteral("kcat_P_8_headers_records_per_s")
                        : QStringLiteral("kcat_P_records_per_s")] =
            qRound64(static_cast<double>(records) / s);
        auto w = client.value()->topic(topic, true);
        qint64 n = 0;
        for (const KafkaPartitionInfo& p : w->partitions)
            n += p.high - p.low;
        if (n != records) die(QStringLiteral("kcat wrote %1 of %2 records").arg(n).arg(records));
    }
    // Rewind: the same records, exactly once, with provenance headers, in transactions.
    {
        ReplayJob job;
        job.source = SourceSpec::file(ws);
        job.sourceTopic = QStringLiteral("orders");
        job.target = SourceSpec::bootstrap(bootstrap);
        job.targetTopic = replayTopic;
        QElapsedTimer t;
        t.start();
        auto rep = runReplay(job, ReplayMode::Run);
        if (!rep) die(rep.error().message);
        const double s = static_cast<double>(t.nsecsElapsed()) / 1e9;
        if (rep->written != records)
            die(QStringLiteral("replay wrote %1 of %2").arg(rep->written).arg(records));
        out[QStringLiteral("replay_records_per_s")] = qRound64(static_cast<double>(records) / s);
        out[QStringLiteral("replay_seconds_including_plan_pass")] = s;
    }
    out[QStringLiteral("replay_vs_kcat")] = out[QStringLiteral("replay_records_per_s")].toDouble() /
                                            out[QStringLiteral("kcat_P_records_per_s")].toDouble();
    out[QStringLiteral("replay_vs_kcat_8_headers")] =
        out[QStringLiteral("replay_records_per_s")].toDouble() /
        out[QStringLiteral("kcat_P_8_headers_records_per_s")].toDouble();
    out[QStringLiteral("target_ratio_min")] = 0.8;
    for (const QString& t : {kcatTopic, kcatHeadersTopic, replayTopic})
        (void)client.value()->deleteTopic(t);
    printf("%s\n", QJsonDocument(out).toJson(QJsonDocument::Indented).constData());
    return 0;
}
