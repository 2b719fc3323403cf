// Offline segment benchmark against the test broker (scripts/kafka start). Prints one JSON object.
//   bench_segments [--mb N] [--bootstrap HOST:PORT] [--data DIR] [--jars DIR]
// Has the real broker write N MB of segments twice (compression none and zstd; ~1 KB JSON values
// with random hex so zstd has work to do; 64 MB segments, so several per partition), then in the
// same run, on the same files, warm in the page cache:
//   - Rewind: open the partition folder (map every segment, CRC-32C of every batch, batch table)
//     and read every record (decompressed, parsed, handed over as a view);
//   - the peer: Kafka's own kafka.tools.DumpLogSegments --deep-iteration (every record) > /dev/null,
//     best of two runs.
// Reports MB of segment per second, records per second and the ratio to the dump tool.

#include "kafka_client.h"
#include "kafka_datadir.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QThread>
#include <QUuid>

#include <cstdio>

using namespace rw;

namespace {

double secondsOf(const QElapsedTimer& t)
{
    return static_cast<double>(t.nsecsElapsed()) / 1e9;
}

[[noreturn]] void die(const QString& what)
{
    fprintf(stderr, "bench_segments: %s\n", qPrintable(what));
    std::exit(1);
}

qint64 folderBytes(const QString& dir)
{
    qint64 n = 0;
    for (const QFileInfo& f : QDir(dir).entryInfoList({QStringLiteral("*.log")}, QDir::Files))
        n += f.size();
    return n;
}

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    qint64 mb = 1024;
    QString bootstrap = qEnvironmentVariable("REWIND_KAFKA_BOOTSTRAP", QStringLiteral("127.0.0.1:31092"));
    QString data = qEnvironmentVariable("REWIND_KAFKA_DATA", QStringLiteral("/tmp/rewind-kafka-0/data"));
    QString jars =
        qEnvironmentVariable("REWIND_KAFKA_JARS", QCoreApplication::applicationDirPath() +
                                                      QStringLiteral("/../../../scripts/kafka-broker/jars"));
    const QStringList args = app.arguments();
    for (qsizetype i = 1; i + 1 < args.size(); i += 2) {
        if (args[i] == QLatin1String("--mb"))
            mb = args[i + 1].toLongLong();
        else if (args[i] == QLatin1String("--bootstrap"))
            bootstrap = args[i + 1];
        else if (args[i] == QLatin1String("--data"))
            data = args[i + 1];
        else if (args[i] == QLatin1String("--jars"))
            jars = args[i + 1];
    }
    KafkaProfile profile;
    profile.bootstrap = bootstrap;
    auto client = KafkaClient::connect(profile);
    if (!client) die(client.error().message);

    // The input: ~1 KB records, key<TAB>value, written once and produced twice.
    QTemporaryDir tmp;
    const QString input = tmp.filePath(QStringLiteral("records.txt"));
    {
        QFile f(input);
        if (!f.open(QIODevice::WriteOnly)) die(QStringLiteral("cannot write %1").arg(input));
        QRandomGenerator rng(42);
        const qint64 target = mb << 20;
        QByteArray line;
        for (qint64 written = 0, i = 0; written < target; ++i) {
            line = "order-" + QByteArray::number(i % 50000) + "\t{\"event_id\":" + QByteArray::number(i) +
                   ",\"type\":\"payment_captured\",\"amount\":" + QByteArray::number(rng.bounded(100000)) +
                   ",\"blob\":\"";
            QByteArray blob(880, '\0');
            for (char& c : blob)
                c = "0123456789abcdef"[rng.bounded(16)];
            line += blob + "\"}\n"; // random hex: zstd halves it, no more
            f.write(line);
            written += line.size();
        }
    }

    QJsonObject out;
    out[QStringLiteral("benchmark")] = QStringLiteral("offline_segments");
    out[QStringLiteral("target_mb_per_codec")] = mb;
    for (const QString& codec : {QStringLiteral("none"), QStringLiteral("zstd")}) {
        const QString topic = QStringLiteral("sandbox.bench-seg-%1-%2")
                                  .arg(codec, QUuid::createUuid().toString(QUuid::Id128).left(8));
        if (auto r = client.value()->createTopic(topic, 1); !r) die(r.error().message);
        QElapsedTimer t;
        t.start();
        const QString folder = data + QLatin1Char('/') + topic + QStringLiteral("-0");
        // Compressed segments are smaller than the input: produce it again until they reach N MB.
        while (folderBytes(folder) < (mb << 20)) {
            QProcess kcat;
            kcat.setStandardInputFile(input);
            kcat.start(QStringLiteral("kcat"),
                       {QStringLiteral("-P"), QStringLiteral("-b"), bootstrap, QStringLiteral("-t"), topic,
                        QStringLiteral("-K"), QStringLiteral("\t"), QStringLiteral("-z"), codec,
                        QStringLiteral("-X"), QStringLiteral("linger.ms=20"), QStringLiteral("-X"),
                        QStringLiteral("batch.size=1000000")});
            if (!kcat.waitForFinished(-1) || kcat.exitCode() != 0)
                die(QStringLiteral("kcat -P failed: %1").arg(QString::fromUtf8(kcat.readAllStandardError())));
            QThread::msleep(500); // every produce was acknowledged: the bytes are in the files
        }
        const qint64 bytes = folderBytes(folder);
        QJsonObject r;
        r[QStringLiteral("segment_bytes")] = bytes;
        r[QStringLiteral("segments")] =
            static_cast<int>(QDir(folder).entryList({QStringLiteral("*.log")}, QDir::Files).size());
        r[QStringLiteral("kcat_produce_s")] = secondsOf(t);

        // Warm the page cache for both readers: one untimed pass over the files.
        for (const QString& f : QDir(folder).entryList({QStringLiteral("*.log")}, QDir::Files)) {
            QFile in(folder + QLatin1Char('/') + f);
            if (in.open(QIODevice::ReadOnly))
                while (!in.read(1 << 20).isEmpty()) {
                }
        }
        double best = 1e9, openBest = 1e9;
        qint64 records = 0, payload = 0;
        for (int run = 0; run < 3; ++run) {
            // A copy of the folder's path per run defeats the open cache: each run maps and checks.
            const QString alias = tmp.filePath(QStringLiteral("run%1-%2").arg(run).arg(codec));
            QDir().mkpath(alias);
            const QString link = alias + QLatin1Char('/') + topic + QStringLiteral("-0");
            QFile::link(folder, link);
            t.restart();
            auto dir = KafkaDataDir::open(link);
            if (!dir) die(dir.error().message);
            openBest = std::min(openBest, secondsOf(t));
            records = 0;
            payload = 0;
            auto n =
                dir.value()->scan(topic, 0, 0, std::numeric_limits<Offset>::max(), [&](const RecordView& v) {
                    ++records;
                    payload += v.key.size() + v.value.size();
                    return true;
                });
            if (!n) die(n.error().message);
            best = std::min(best, secondsOf(t));
            if (!dir.value()->issues().empty()) die(dir.value()->issues().front().what);
        }
        r[QStringLiteral("records")] = records;
        r[QStringLiteral("payload_bytes")] = payload;
        r[QStringLiteral("rewind_open_s")] = openBest;
        r[QStringLiteral("rewind_s")] = best;
        r[QStringLiteral("rewind_segment_mb_per_s")] = static_cast<double>(bytes) / (1 << 20) / best;
        r[QStringLiteral("rewind_records_per_s")] = static_cast<double>(records) / best;

        QStringList files;
        for (const QString& f : QDir(folder).entryList({QStringLiteral("*.log")}, QDir::Files, QDir::Name))
            files << folder + QLatin1Char('/') + f;
        double dumpS = 1e9; // best of two, like Rewind's best of three: the JVM varies run to run
        for (int run = 0; run < 2; ++run) {
            QProcess dump;
            dump.setStandardOutputFile(QProcess::nullDevice());
            t.restart();
            dump.start(QStringLiteral("java"),
                       {QStringLiteral("-cp"), jars + QStringLiteral("/*"),
                        QStringLiteral("kafka.tools.DumpLogSegments"), QStringLiteral("--deep-iteration"),
                        QStringLiteral("--files"), files.join(QLatin1Char(','))});
            if (!dump.waitForFinished(-1) || dump.exitCode() != 0)
                die(QStringLiteral("DumpLogSegments failed: %1")
                        .arg(QString::fromUtf8(dump.readAllStandardError())));
            dumpS = std::min(dumpS, secondsOf(t));
        }
        r[QStringLiteral("dump_tool_s")] = dumpS;
        r[QStringLiteral("dump_tool_segment_mb_per_s")] = static_cast<double>(bytes) / (1 << 20) / dumpS;
        r[QStringLiteral("ratio_to_dump_tool")] = dumpS / best;
        out[codec] = r;
        (void)client.value()->deleteTopic(topic);
    }
    printf("%s\n", QJsonDocument(out).toJson(QJsonDocument::Indented).constData());
    return 0;
}
