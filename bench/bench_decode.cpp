// Decoding speed: Avro and Protobuf records to the JSON view, against the Python decoders people
// use (fastavro's schemaless_reader; protobuf's upb backend ParseFromString + MessageToJson), on
// the same payloads, in the same run; then a filter on a decoded field through the decoding stage
// of a workspace (records/s end to end, and of the filter alone on decoded JSON).
//
//   bench_decode [records] [--only search|browse]
//       (default 200000; the peers come from bench/peers/setup; --only search times the search
//       through the decoding stage and its ceilings, --only browse the browse from Kafka, not the
//       decoders against their peers)
//
// Prints one JSON object. Targets (issue #13): each decoder >= 2x its peer; filters on decoded
// fields >= 1M records/s; browsing Avro from Kafka >= 0.5x the plain browse (kafka_browse, with
// the test broker and registry running).
#include "avro_codec.h"
#include "bench_util.h"
#include "filter.h"
#include "kafka_client.h"
#include "protobuf_codec.h"
#include "record_source.h"
#include "schemas_topic.h"
#include "source_registry.h"
#include "workspace_store.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QtEndian>

#include <cstdio>

using namespace rw;

namespace {

std::vector<QByteArray> readFrames(const QString& path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) qFatal("cannot read %s", qPrintable(path));
    const QByteArray all = f.readAll();
    std::vector<QByteArray> out;
    for (qsizetype at = 0; at + 4 <= all.size();) {
        const quint32 n = qFromLittleEndian<quint32>(all.constData() + at);
        out.push_back(all.mid(at + 4, n));
        at += 4 + n;
    }
    return out;
}

// The median of `runs` timed runs (every run is listed in the output too).
template <typename Fn> double medianSeconds(int runs, std::vector<double>& all, Fn&& fn)
{
    for (int i = 0; i < runs; ++i) {
        QElapsedTimer t;
        t.start();
        fn();
        all.push_back(bench::secondsOf(t));
    }
    return bench::median(all);
}

// Browsing from Kafka with and without the decoding stage (issue #13: decoded >= 0.5x of the
// plain rate): the Avro records in the wire format in a sandbox topic of the test broker (3
// partitions), their schema registered in the test registry, every partition read through the
// cluster source as stored and then decoded. Needs REWIND_KAFKA_BOOTSTRAP and REWIND_REGISTRY_URL
// (scripts/kafka start, scripts/schema-registry start); skipped (empty) without them.
QJsonObject kafkaBrowse(const std::vector<QByteArray>& payloads, QFile& avsc)
{
    const QString bootstrap = qEnvironmentVariable("REWIND_KAFKA_BOOTSTRAP");
    const QString registryUrl = qEnvironmentVariable("REWIND_REGISTRY_URL");
    if (bootstrap.isEmpty() || registryUrl.isEmpty()) return {};
    const QString topic = QStringLiteral("sandbox.bench-avro-%1").arg(QDateTime::currentMSecsSinceEpoch());
    avsc.seek(0);
    const QByteArray body =
        QJsonDocument(QJsonObject{{QStringLiteral("schema"), QString::fromUtf8(avsc.readAll())}})
            .toJson(QJsonDocument::Compact);
    QProcess curl;
    curl.start(QStringLiteral("curl"),
               {QStringLiteral("-sf"), QStringLiteral("-X"), QStringLiteral("POST"), QStringLiteral("-H"),
                QStringLiteral("Content-Type: application/vnd.schemaregistry.v1+json"),
                QStringLiteral("--data-binary"), QString::fromUtf8(body),
                registryUrl + QStringLiteral("/subjects/%1-value/versions").arg(topic)});
    curl.waitForFinished(30000);
    const int id =
        QJsonDocument::fromJson(curl.readAllStandardOutput()).object().value(QLatin1String("id")).toInt();
    if (curl.exitCode() != 0 || id <= 0)
        qFatal("registering the schema failed: %s", curl.readAllStandardError().constData());
    KafkaProfile profile;
    profile.name = QStringLiteral("bench");
    profile.bootstrap = bootstrap;
    auto client = KafkaClient::connect(profile);
    if (!client) qFatal("%s", qPrintable(client.error().message));
    if (auto r = client.value()->createTopic(topic, 3); !r) qFatal("%s", qPrintable(r.error().message));
    const QByteArray header = QByteArray(1, '\0') + QByteArray(4, '\0');
    std::vector<ProducerRecord> batch;
    for (size_t i = 0; i < payloads.size(); ++i) {
        ProducerRecord r;
        r.topic = topic;
        r.partition = static_cast<int>(i % 3);
        r.timestamp = 1795000000000 + static_cast<qint64>(i);
        r.key = QByteArray("o-") + QByteArray::number(static_cast<qint64>(i % 50000));
        QByteArray v = header + payloads[i];
        qToBigEndian<qint32>(id, v.data() + 1);
        r.value = std::move(v);
        batch.push_back(std::move(r));
        if (batch.size() == 50000) {
            if (auto p = client.value()->produce(batch, 120000); !p)
                qFatal("%s", qPrintable(p.error().message));
            batch.clear();
        }
    }
    if (!batch.empty())
        if (auto p = client.value()->produce(batch, 120000); !p) qFatal("%s", qPrintable(p.error().message));
    auto browse = [&](bool decode, qint64& decoded) {
        SourceSpec spec = SourceSpec::cluster(profile);
        if (decode) spec.schemaRegistry = RegistryConfig{registryUrl, {}, {}, {}, false, 10000};
        auto source = openRecordSource(spec);
        if (!source) qFatal("%s", qPrintable(source.error().message));
        auto t = source.value()->topic(topic);
        if (!t) qFatal("%s", qPrintable(t.error().message));
        qint64 seen = 0;
        decoded = 0;
        QElapsedTimer timer;
        timer.start();
        for (const PartitionInfo& p : t->partitions)
            (void)source.value()->scan(topic, p.partition, p.low, p.high, [&](const RecordView& v) {
                ++seen;
                if (v.decoding && v.decoding->value.decoded) ++decoded;
                return true;
            });
        const double s = bench::secondsOf(timer);
        if (seen != static_cast<qint64>(payloads.size()))
            qFatal("browse read %lld records", static_cast<long long>(seen));
        return static_cast<double>(seen) / s;
    };
    std::vector<double> plain, withDecoding;
    qint64 decodedCount = 0, ignored = 0;
    for (int i = 0; i < 5; ++i) { // interleaved, so both see the broker alike
        plain.push_back(browse(false, ignored));
        withDecoding.push_back(browse(true, decodedCount));
    }
    const double a = bench::median(plain), b = bench::median(withDecoding);
    return {{QStringLiteral("topic_partitions"), 3},
            {QStringLiteral("plain_records_per_s"), qRound64(a)},
            {QStringLiteral("decoded_records_per_s"), qRound64(b)},
            {QStringLiteral("decoded_vs_plain"), b / a},
            {QStringLiteral("records_decoded"), decodedCount},
            {QStringLiteral("plain_runs"), bench::toJson(plain)},
            {QStringLiteral("decoded_runs"), bench::toJson(withDecoding)}};
}

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    const int n = argc > 1 ? std::atoi(argv[1]) : 200000;
    const bool only = argc > 3 && qstrcmp(argv[2], "--only") == 0;
    const bool searchOnly = only && qstrcmp(argv[3], "search") == 0;
    const bool browseOnly = only && qstrcmp(argv[3], "browse") == 0;
    const QString peers = QStringLiteral(REWIND_SOURCE_DIR "/bench/peers");
    QProcess setup;
    setup.start(peers + QStringLiteral("/setup"), {});
    setup.waitForFinished(600000);
    const QString python = QString::fromUtf8(setup.readAllStandardOutput()).trimmed();
    if (setup.exitCode() != 0 || python.isEmpty())
        qFatal("bench/peers/setup failed: %s", setup.readAllStandardError().constData());
    QTemporaryDir work;
    QProcess peer;
    QStringList peerArgs{peers + QStringLiteral("/decode_peer.py"), work.path(), QString::number(n)};
    if (only) peerArgs << QStringLiteral("frames");
    peer.start(python, peerArgs);
    peer.waitForFinished(1800000);
    if (peer.exitCode() != 0) qFatal("decode_peer.py failed: %s", peer.readAllStandardError().constData());
    const QJsonObject peerResult = QJsonDocument::fromJson(peer.readAllStandardOutput()).object();

    // Avro
    QFile avsc(peers + QStringLiteral("/payment.avsc"));
    avsc.open(QIODevice::ReadOnly);
    auto avro = avro::Schema::parse(avsc.readAll());
    if (!avro) qFatal("%s", qPrintable(avro.error().message));
    const auto avroPayloads = readFrames(work.filePath(QStringLiteral("avro.bin")));
    QByteArray out;
    qint64 avroFailures = 0;
    std::vector<double> avroRuns, pbRuns, searchRuns, filterRuns;
    const double avroS = medianSeconds(only ? 1 : 5, avroRuns, [&] {
        for (const QByteArray& p : avroPayloads) {
            out.resize(0); // keeps the capacity, as the decoding stage does
            if (!avro.value()->toJson(p, out)) ++avroFailures;
        }
    });
    // Protobuf
    QFile proto(peers + QStringLiteral("/order.proto"));
    proto.open(QIODevice::ReadOnly);
    auto pb = protobuf::Schema::parse(proto.readAll());
    if (!pb) qFatal("%s", qPrintable(pb.error().message));
    const auto pbPayloads = readFrames(work.filePath(QStringLiteral("pb.bin")));
    qint64 pbFailures = 0;
    const double pbS = medianSeconds(only ? 1 : 3, pbRuns, [&] {
        for (const QByteArray& p : pbPayloads) {
            out.resize(0); // keeps the capacity, as the decoding stage does
            if (!pb.value()->decode(p, QStringLiteral("shop.Payment"), out)) ++pbFailures;
        }
    });

    if (browseOnly) {
        const QJsonObject kafka = kafkaBrowse(avroPayloads, avsc);
        if (kafka.isEmpty()) qFatal("--only browse needs REWIND_KAFKA_BOOTSTRAP and REWIND_REGISTRY_URL");
        std::printf("%s\n", QJsonDocument(QJsonObject{{QStringLiteral("kafka_browse"), kafka}})
                                .toJson(QJsonDocument::Indented)
                                .constData());
        return 0;
    }
    // A filter on decoded fields, end to end: the Avro records in a workspace in the wire format
    // (schema id 1, kept in its `_schemas` topic), searched through the decoding stage.
    const QString ws = work.filePath(QStringLiteral("decode.rewind"));
    {
        auto store = WorkspaceStore::create(ws);
        if (!store) qFatal("%s", qPrintable(store.error().message));
        (void)store.value()->createTopic(QStringLiteral("payments"), 1);
        (void)store.value()->createTopic(kSchemasTopic, 1);
        RegistrySchema schema;
        schema.ref.id = 1;
        schema.ref.subject = QStringLiteral("payments-value");
        schema.ref.version = 1;
        avsc.seek(0);
        schema.text = avsc.readAll();
        const auto [k, v] = schemasTopicRecord(schema);
        std::vector<ProducerRecord> batch{
            ProducerRecord{kSchemasTopic, 0, std::nullopt, 0, TimestampType::CreateTime, k, v, {}}};
        (void)store.value()->append(batch);
        batch.clear();
        for (size_t i = 0; i < avroPayloads.size(); ++i) {
            ProducerRecord r;
            r.topic = QStringLiteral("payments");
            r.timestamp = 1795000000000 + static_cast<qint64>(i);
            r.key = QByteArray("o-") + QByteArray::number(static_cast<qint64>(i % 50000));
            r.value = QByteArray("\0\0\0\0\x01", 5) + avroPayloads[i];
            batch.push_back(std::move(r));
            if (batch.size() == 10000) {
                (void)store.value()->append(batch);
                batch.clear();
            }
        }
        if (!batch.empty()) (void)store.value()->append(batch);
    }
    auto source = openRecordSource(SourceSpec::file(ws));
    if (!source) qFatal("%s", qPrintable(source.error().message));
    auto filter = Filter::compile(QStringLiteral("value.status == \"FAILED\" && value.customer.vip"), 0);
    qint64 matched = 0, matchedOne = 0;
    // In turns: as the product searches (a helper thread reads and decodes pieces ahead), and on
    // one thread (the decoding stage's batched scan: a second thread decodes, this one filters).
    std::vector<double> searchOneRuns;
    double searchS = 0, searchOneS = 0;
    for (int turn = 0; turn < 2; ++turn) {
        const int threads = turn == 0 ? 0 : 1;
        qint64& count = turn == 0 ? matched : matchedOne;
        (turn == 0 ? searchS : searchOneS) = medianSeconds(3, turn == 0 ? searchRuns : searchOneRuns, [&] {
            count = 0;
            SearchOptions o;
            o.topic = QStringLiteral("payments");
            o.threads = threads;
            (void)source.value()->search(filter.value(), o, [&](const QString&, const RecordView&) {
                ++count;
                return true;
            });
        });
    }
    if (matched != matchedOne) qFatal("one thread and two disagree: %lld, %lld", matched, matchedOne);
    // The ceiling: the same partition scanned as stored, no decoding, no filter.
    auto store = WorkspaceStore::open(ws, WorkspaceStore::Mode::ReadOnly);
    if (!store) qFatal("%s", qPrintable(store.error().message));
    auto rawSource = workspaceSourceOver(*store.value());
    std::vector<double> scanRuns;
    qint64 scanned = 0;
    const double scanS = medianSeconds(3, scanRuns, [&] {
        scanned = 0;
        (void)rawSource->scan(QStringLiteral("payments"), 0, 0, std::numeric_limits<Offset>::max(),
                              [&](const RecordView&) {
                                  ++scanned;
                                  return true;
                              });
    });
    // The filter alone on the decoded JSON texts.
    std::vector<QByteArray> decoded;
    for (const QByteArray& p : avroPayloads) {
        QByteArray j;
        (void)avro.value()->toJson(p, j);
        decoded.push_back(std::move(j));
    }
    qint64 filterMatched = 0;
    const double filterS = medianSeconds(5, filterRuns, [&] {
        filterMatched = 0;
        RecordView v;
        v.keyNull = true;
        v.valueNull = false;
        for (const QByteArray& d : decoded) {
            v.value = d;
            if (filter.value().evaluate(FilterInput::of(QStringLiteral("payments"), v)).outcome ==
                Filter::Outcome::Match)
                ++filterMatched;
        }
    });

    const double avroRate = n / avroS, pbRate = n / pbS;
    const double fastavro = peerResult.value(QLatin1String("fastavro"))
                                .toObject()
                                .value(QLatin1String("records_per_s"))
                                .toDouble();
    const double pyPb = peerResult.value(QLatin1String("python_protobuf"))
                            .toObject()
                            .value(QLatin1String("records_per_s"))
                            .toDouble();
    QJsonObject result{
        {QStringLiteral("records"), n},
        {QStringLiteral("avro"),
         QJsonObject{{QStringLiteral("rewind_records_per_s"), qRound64(avroRate)},
                     {QStringLiteral("fastavro_records_per_s"), fastavro},
                     {QStringLiteral("ratio"), fastavro > 0 ? avroRate / fastavro : 0},
                     {QStringLiteral("failures"), avroFailures}}},
        {QStringLiteral("protobuf"), QJsonObject{{QStringLiteral("rewind_records_per_s"), qRound64(pbRate)},
                                                 {QStringLiteral("python_upb_records_per_s"), pyPb},
                                                 {QStringLiteral("ratio"), pyPb > 0 ? pbRate / pyPb : 0},
                                                 {QStringLiteral("failures"), pbFailures}}},
        {QStringLiteral("filter_decoded_search_records_per_s"), qRound64(n / searchS)},
        {QStringLiteral("filter_decoded_search_one_thread_records_per_s"), qRound64(n / searchOneS)},
        {QStringLiteral("filter_on_decoded_json_records_per_s"), qRound64(n / filterS)},
        {QStringLiteral("scan_as_stored_records_per_s"), qRound64(static_cast<double>(scanned) / scanS)},
        {QStringLiteral("filter_matches"), matched},
        {QStringLiteral("filter_matches_check"), filterMatched},
        {QStringLiteral("runs_s"), QJsonObject{{QStringLiteral("avro"), bench::toJson(avroRuns)},
                                               {QStringLiteral("protobuf"), bench::toJson(pbRuns)},
                                               {QStringLiteral("search"), bench::toJson(searchRuns)},
                                               {QStringLiteral("filter"), bench::toJson(filterRuns)}}},
        {QStringLiteral("peer"), peerResult}};
    if (auto kafka = searchOnly ? QJsonObject() : kafkaBrowse(avroPayloads, avsc); !kafka.isEmpty())
        result.insert(QStringLiteral("kafka_browse"), kafka);
    std::printf("%s\n", QJsonDocument(result).toJson(QJsonDocument::Indented).constData());
    return 0;
}
