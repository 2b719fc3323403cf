// One path for every reading command: the same records, held in a workspace, in a copy of the
// test broker's data directory and on the test broker itself, read by consume, search, export
// and trace (and capture, from the broker), must print the same envelopes: decoded the same way
// (JSON; Avro and Protobuf written by Confluent's serializers through the registry; Avro through
// a schema file, one datum beginning with 0x00), with the same reasons for what could not be
// decoded, and masked the same way. Real processes, a real registry and broker (scripts/test).
#include "cli_run.h"
#include "kafka_client.h"
#include "serializers.h"
#include "test_util.h"
#include "workspace_store.h"

#include <QDateTime>
#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>

using namespace rw;
using rw::test::cli;
using rw::test::Run;

namespace {

const char* kUserAvsc = R"({"type":"record","name":"User","namespace":"conf","fields":[
  {"name":"name","type":"string"},{"name":"age","type":"int"}]})";
const char* kUserProto =
    "syntax = \"proto3\";\npackage conf;\nmessage User {\n  string name = 1;\n  int32 age = 2;\n}\n";

QByteArray valueOf(const QByteArray& line)
{
    return QByteArray::fromBase64(
        QJsonDocument::fromJson(line).object().value(QLatin1String("value")).toString().toLatin1());
}

QList<QByteArray> sortedLines(const QByteArray& out)
{
    QList<QByteArray> lines = out.trimmed().split('\n');
    lines.removeAll(QByteArray());
    std::sort(lines.begin(), lines.end());
    return lines;
}

} // namespace

class TstConformance : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    QString m_registry, m_bootstrap, m_data, m_suffix;
    QString m_ws, m_copy;
    QString m_json, m_avro, m_proto, m_file; // topics
    QString m_avsc;

    // The flags every command gets, whatever the source: registry, schema file, and on the JSON
    // topic a masked field (a path that matches nothing in a read is refused as a likely typo).
    QStringList common(const QString& topic) const
    {
        QStringList flags{QStringLiteral("--schema-registry"), m_registry, QStringLiteral("--schema-file"),
                          m_file + QLatin1Char('=') + m_avsc};
        if (topic == m_json) flags << QStringLiteral("--mask") << QStringLiteral("customer.email");
        return flags;
    }
    // The three kinds of source, as a command names them.
    std::vector<std::pair<QString, QStringList>> kinds() const
    {
        return {{QStringLiteral("workspace"), {m_ws}},
                {QStringLiteral("data directory"), {m_copy}},
                {QStringLiteral("broker"), {QStringLiteral("-b"), m_bootstrap}}};
    }

private slots:
    void initTestCase()
    {
        m_registry = qEnvironmentVariable("REWIND_REGISTRY_URL");
        m_bootstrap = qEnvironmentVariable("REWIND_KAFKA_BOOTSTRAP");
        m_data = qEnvironmentVariable("REWIND_KAFKA_DATA");
        if (m_registry.isEmpty() || m_bootstrap.isEmpty() || m_data.isEmpty())
            QSKIP("needs the test broker and registry (scripts/test starts them)");
        m_suffix = QString::number(QDateTime::currentMSecsSinceEpoch()) +
                   QString::number(QRandomGenerator::global()->bounded(1000));
        m_json = QStringLiteral("sandbox.conf-json-") + m_suffix;
        m_avro = QStringLiteral("sandbox.conf-avro-") + m_suffix;
        m_proto = QStringLiteral("sandbox.conf-pb-") + m_suffix;
        m_file = QStringLiteral("sandbox.conf-file-") + m_suffix;

        // Avro and Protobuf through the registry, by Confluent's own serializers.
        QTemporaryDir protos;
        QVERIFY(test::writeFile(protos.filePath(QStringLiteral("user.proto")), kUserProto));
        QProcess protoc;
        protoc.setWorkingDirectory(protos.path());
        protoc.start(QStringLiteral("protoc"),
                     {QStringLiteral("--include_imports"), QStringLiteral("--descriptor_set_out=set.bin"),
                      QStringLiteral("user.proto")});
        QVERIFY(protoc.waitForFinished(60000) && protoc.exitCode() == 0);
        const QJsonArray users{
            QJsonObject{{QStringLiteral("name"), QStringLiteral("alice")}, {QStringLiteral("age"), 30}},
            QJsonObject{{QStringLiteral("name"), QStringLiteral("bob")}, {QStringLiteral("age"), 41}},
            QJsonObject{{QStringLiteral("name"), QString()}, {QStringLiteral("age"), 7}}};
        QJsonArray records;
        for (int i = 0; i < users.size(); ++i)
            records.append(QJsonObject{{QStringLiteral("key"), QStringLiteral("u-%1").arg(i)},
                                       {QStringLiteral("value"), users[i]}});
        const QJsonObject plan{
            {QStringLiteral("steps"),
             QJsonArray{
                 QJsonObject{{QStringLiteral("topic"), m_avro},
                             {QStringLiteral("format"), QStringLiteral("avro")},
                             {QStringLiteral("schema"), QString::fromUtf8(kUserAvsc)},
                             {QStringLiteral("records"), records}},
                 QJsonObject{{QStringLiteral("topic"), m_proto},
                             {QStringLiteral("format"), QStringLiteral("protobuf")},
                             {QStringLiteral("schema"), QString::fromUtf8(kUserProto)},
                             {QStringLiteral("messageType"), QStringLiteral("conf.User")},
                             {QStringLiteral("descriptorSet"),
                              QString::fromLatin1(
                                  test::readFile(protos.filePath(QStringLiteral("set.bin"))).toBase64())},
                             {QStringLiteral("records"), records}}}}};
        const auto serialized = test::serializeWithOfficialSerializers(m_registry, plan);
        QVERIFY2(serialized.ok(), qPrintable(serialized.error));
        QCOMPARE(serialized.lines.size(), 6);

        m_avsc = m_dir.filePath(QStringLiteral("user.avsc"));
        QVERIFY(test::writeFile(m_avsc, kUserAvsc));

        const TimestampMs t0 =
            QDateTime::currentMSecsSinceEpoch() - 86'400'000; // Kafka refuses times far ahead
        std::vector<ProducerRecord> all;
        auto add = [&](const QString& topic, int i, std::optional<QByteArray> key,
                       std::optional<QByteArray> value, Headers headers = {}) {
            all.push_back(test::producerRecord(topic, 0, t0 + i * 1000, std::move(key), std::move(value),
                                               std::move(headers)));
        };
        // JSON with personal data, a tombstone, binary bytes, a header.
        add(m_json, 0, QByteArray("o-1"),
            QByteArray(
                R"({"order_id":"o-1","customer":{"email":"ann@example.com","tier":"gold"},"total":12.5})"),
            {{QByteArray("trace_id"), QByteArray("t-1")}});
        add(m_json, 1, QByteArray("o-1"),
            QByteArray(
                R"({"order_id":"o-1","customer":{"email":"ann@example.com","tier":"gold"},"total":13})"));
        add(m_json, 2, QByteArray("o-2"), std::nullopt);
        add(m_json, 3, QByteArray("\x00\x01\x02", 3), QByteArray("{\"order_id\":\"o-3\"}"));
        // Registry-encoded records, then records that only look framed: an unknown schema id,
        // too few bytes for an id, an id past 2^31.
        for (int i = 0; i < 3; ++i) {
            add(m_avro, i, QStringLiteral("u-%1").arg(i).toUtf8(), valueOf(serialized.lines[i]));
            add(m_proto, i, QStringLiteral("u-%1").arg(i).toUtf8(), valueOf(serialized.lines[3 + i]));
        }
        add(m_avro, 3, QByteArray("u-bad"),
            QByteArray("\x00\x00\x0f\x42\x3f"
                       "abc",
                       8)); // id 999999
        add(m_avro, 4, QByteArray("u-short"), QByteArray("\x00\x01\x02\x03", 4));
        add(m_avro, 5, QByteArray("u-huge"),
            QByteArray("\x00\xff\xff\xff\x00"
                       "abc",
                       8));
        // Unframed Avro datums of a topic mapped to the schema file; the third begins with 0x00
        // (its name is ""), and is still the file's datum, not the wire format.
        for (int i = 0; i < 3; ++i)
            add(m_file, i, QStringLiteral("u-%1").arg(i).toUtf8(), valueOf(serialized.lines[i]).mid(5));
        QCOMPARE(all.back().value->at(0), '\0');

        // On the broker…
        KafkaProfile profile;
        profile.bootstrap = m_bootstrap;
        auto kafka = KafkaClient::connect(profile);
        RW_VERIFY_OK(kafka);
        for (const QString& t : {m_json, m_avro, m_proto, m_file}) {
            auto created = kafka.value()->createTopic(t, 1);
            RW_VERIFY_OK(created);
        }
        auto produced = kafka.value()->produce(all);
        RW_VERIFY_OK(produced);
        // …in a copy of its data directory…
        m_copy = m_dir.filePath(QStringLiteral("copy"));
        for (const QString& t : {m_json, m_avro, m_proto, m_file}) {
            const QString from = m_data + QLatin1Char('/') + t + QStringLiteral("-0");
            const QString to = m_copy + QLatin1Char('/') + t + QStringLiteral("-0");
            QVERIFY(QDir().mkpath(to));
            for (const QString& f : QDir(from).entryList(QDir::Files))
                QVERIFY(QFile::copy(from + QLatin1Char('/') + f, to + QLatin1Char('/') + f));
        }
        // …and in a workspace, with the same offsets and times.
        m_ws = m_dir.filePath(QStringLiteral("conf.rewind"));
        auto store = WorkspaceStore::create(m_ws);
        RW_VERIFY_OK(store);
        for (const QString& t : {m_json, m_avro, m_proto, m_file})
            QVERIFY(store.value()->createTopic(t, 1).ok());
        for (ProducerRecord& r : all) {
            auto kept = store.value()->append({r});
            RW_VERIFY_OK(kept);
        }
    }

    // consume -J: identical on every kind, and what it says is right.
    void consumePrintsTheSameEnvelopesEverywhere()
    {
        for (const QString& topic : {m_json, m_avro, m_proto, m_file}) {
            QByteArray first;
            QString firstKind;
            for (const auto& [kind, source] : kinds()) {
                const Run r =
                    cli(QStringList{QStringLiteral("consume")} + source +
                        QStringList{QStringLiteral("-t"), topic, QStringLiteral("-J"), QStringLiteral("-e")} +
                        common(topic));
                QVERIFY2(r.exit == 0, qPrintable(kind + QStringLiteral(": ") + QString::fromUtf8(r.err)));
                if (first.isNull()) {
                    first = r.out;
                    firstKind = kind;
                    continue;
                }
                QVERIFY2(r.out == first, qPrintable(QStringLiteral("%1 vs %2 on %3:\n%4\n---\n%5")
                                                        .arg(kind, firstKind, topic, QString::fromUtf8(r.out),
                                                             QString::fromUtf8(first))));
            }
            if (topic == m_avro) {
                QVERIFY2(first.contains("\"value\":{\"name\":\"alice\",\"age\":30}"), first.constData());
                QVERIFY2(first.contains(
                             "\"value_error\":\"schema id 999999: the registry has no schema id 999999\""),
                         first.constData());
                QVERIFY2(first.contains("too few for a schema id"), first.constData());
                QVERIFY2(first.contains("schema id 4294967040 is out of range"), first.constData());
            } else if (topic == m_proto) {
                QVERIFY2(first.contains("\"value\":{\"name\":\"alice\",\"age\":30}"), first.constData());
            } else if (topic == m_file) {
                QVERIFY2(first.contains("\"value\":{\"name\":\"\",\"age\":7}"), first.constData());
                QVERIFY2(!first.contains("value_error"), first.constData());
            } else {
                QVERIFY2(first.contains("\"customer\":{\"email\":\"***\",\"tier\":\"gold\"}"),
                         first.constData());
                QVERIFY2(!first.contains("ann@example.com"), first.constData());
                QVERIFY2(first.contains(
                             "\"key_error\":\"begins with the wire format's 0x00 but has 3 byte(s), too few "
                             "for a schema id\""),
                         first.constData());
                QVERIFY2(first.contains("\"key\":\"o-2\",\"value\":null"), first.constData());
            }
        }
    }

    // search, export and trace agree with consume, on every kind.
    void everyReadingCommandAgrees()
    {
        const QString topics[] = {m_json, m_avro, m_proto, m_file};
        for (const QString& topic : topics) {
            const Run reference = cli(QStringList{QStringLiteral("consume"), m_ws, QStringLiteral("-t"),
                                                  topic, QStringLiteral("-J")} +
                                      common(topic));
            QCOMPARE(reference.exit, 0);
            const QList<QByteArray> want = sortedLines(reference.out);
            QVERIFY(want.size() >= 3);
            for (const auto& [kind, source] : kinds()) {
                const Run search = cli(QStringList{QStringLiteral("search")} + source +
                                       QStringList{QStringLiteral("-t"), topic, QStringLiteral("-e"),
                                                   QStringLiteral("partition == 0"), QStringLiteral("-q")} +
                                       common(topic));
                QVERIFY2(search.exit == 0,
                         qPrintable(kind + QStringLiteral(": ") + QString::fromUtf8(search.err)));
                QVERIFY2(sortedLines(search.out) == want,
                         qPrintable(QStringLiteral("search on the %1, %2:\n%3")
                                        .arg(kind, topic, QString::fromUtf8(search.out))));
                const Run exported = cli(QStringList{QStringLiteral("export")} + source +
                                         QStringList{QStringLiteral("-t"), topic} + common(topic));
                QVERIFY2(exported.exit == 0,
                         qPrintable(kind + QStringLiteral(": ") + QString::fromUtf8(exported.err)));
                QVERIFY2(sortedLines(exported.out) == want,
                         qPrintable(QStringLiteral("export from the %1, %2:\n%3")
                                        .arg(kind, topic, QString::fromUtf8(exported.out))));
            }
        }
        // trace: the envelopes in its records are consume's.
        const Run reference =
            cli(QStringList{QStringLiteral("consume"), m_ws, QStringLiteral("-t"), m_json,
                            QStringLiteral("-J"), QStringLiteral("-c"), QStringLiteral("2")} +
                common(m_json));
        const QList<QByteArray> want = sortedLines(reference.out);
        QCOMPARE(want.size(), 2);
        for (const auto& [kind, source] : kinds()) {
            const Run trace = cli(QStringList{QStringLiteral("trace")} + source +
                                  QStringList{QStringLiteral("-t"), m_json, QStringLiteral("-k"),
                                              QStringLiteral("o-1"), QStringLiteral("-J")} +
                                  common(m_json));
            QVERIFY2(trace.exit == 0, qPrintable(kind + QStringLiteral(": ") + QString::fromUtf8(trace.err)));
            QList<QByteArray> got;
            for (const QByteArray& line : trace.out.trimmed().split('\n'))
                got << QJsonDocument(
                           QJsonDocument::fromJson(line).object().value(QLatin1String("record")).toObject())
                           .toJson(QJsonDocument::Compact);
            QList<QByteArray> normalized;
            for (const QByteArray& line : want)
                normalized << QJsonDocument::fromJson(line).toJson(QJsonDocument::Compact);
            std::sort(got.begin(), got.end());
            std::sort(normalized.begin(), normalized.end());
            QVERIFY2(
                got == normalized,
                qPrintable(QStringLiteral("trace on the %1:\n%2").arg(kind, QString::fromUtf8(trace.out))));
        }
    }

    // A capture from each kind of source holds what consume reads there: the captured workspace
    // prints the same envelopes (its schemas kept, so it decodes without the registry).
    void captureHoldsWhatEachSourceHolds()
    {
        for (const auto& [kind, source] : kinds()) {
            const QString captured = m_dir.filePath(QStringLiteral("captured-%1.rewind").arg(kind.left(4)));
            for (const QString& topic : {m_json, m_avro, m_proto, m_file}) {
                const Run cap = cli(QStringList{QStringLiteral("capture")} + source +
                                    QStringList{QStringLiteral("-t"), topic, QStringLiteral("--out"),
                                                captured, QStringLiteral("--schema-registry"), m_registry});
                QVERIFY2(cap.exit == 0, qPrintable(kind + QStringLiteral(": ") + QString::fromUtf8(cap.err)));
                const Run there =
                    cli(QStringList{QStringLiteral("consume")} + source +
                        QStringList{QStringLiteral("-t"), topic, QStringLiteral("-J"), QStringLiteral("-e")} +
                        common(topic));
                QStringList offline = common(topic);
                offline.removeAt(offline.indexOf(QStringLiteral("--schema-registry")) + 1);
                offline.removeAll(QStringLiteral("--schema-registry"));
                const Run held = cli(QStringList{QStringLiteral("consume"), captured, QStringLiteral("-t"),
                                                 topic, QStringLiteral("-J")} +
                                     offline);
                QCOMPARE(there.exit, 0);
                QCOMPARE(held.exit, 0);
                if (topic == m_avro) { // ids nobody knows stay unknown; the rest decodes offline
                    QVERIFY2(held.out.contains("\"value\":{\"name\":\"alice\",\"age\":30}"),
                             held.out.constData());
                    continue;
                }
                QVERIFY2(held.out == there.out,
                         qPrintable(QStringLiteral("capture from the %1, %2:\n%3\n---\n%4")
                                        .arg(kind, topic, QString::fromUtf8(held.out),
                                             QString::fromUtf8(there.out))));
            }
        }
    }

    // A replay's plan with a filter selects the same records on every kind of source.
    void replayPlansAgree()
    {
        QByteArray first;
        for (const auto& [kind, source] : kinds()) {
            QJsonObject from{{QStringLiteral("topic"), m_json}};
            if (source.first() == QLatin1String("-b"))
                from[QStringLiteral("bootstrap")] = m_bootstrap;
            else
                from[QStringLiteral("workspace")] = source.first();
            const QJsonObject job{
                {QStringLiteral("source"), from},
                {QStringLiteral("filter"), QStringLiteral("value.customer.tier == \"gold\"")},
                {QStringLiteral("target"),
                 QJsonObject{{QStringLiteral("workspace"), m_dir.filePath(QStringLiteral("sandbox.rewind"))},
                             {QStringLiteral("topic"), QStringLiteral("sandbox.gold")}}}};
            const QString file = m_dir.filePath(QStringLiteral("job-%1.json").arg(kind.left(4)));
            QVERIFY(test::writeFile(file, QJsonDocument(job).toJson()));
            const Run plan =
                cli({QStringLiteral("replay"), QStringLiteral("plan"), file, QStringLiteral("--json")});
            QVERIFY2(plan.exit == 0, qPrintable(kind + QStringLiteral(": ") + QString::fromUtf8(plan.err)));
            QJsonObject o = QJsonDocument::fromJson(plan.out).object();
            QVERIFY2(!o.isEmpty(), plan.out.constData());
            o.remove(QStringLiteral("source")); // names the source itself
            o.remove(QStringLiteral("job_id"));
            const QByteArray shown = QJsonDocument(o).toJson(QJsonDocument::Compact);
            QVERIFY2(shown.contains("\"records\":2") || shown.contains("\"count\":2"), shown.constData());
            // Walkthrough defect 6.14: "1 partitions".
            QVERIFY2(shown.contains("(creates it, 1 partition)"), shown.constData());
            if (first.isNull())
                first = shown;
            else
                QVERIFY2(shown == first,
                         qPrintable(QStringLiteral("%1:\n%2\n---\n%3")
                                        .arg(kind, QString::fromUtf8(shown), QString::fromUtf8(first))));
        }
    }

    // Every reading command ends with what it could not decode, by reason, and where first.
    void undecodedRecordsAreSummedUp()
    {
        for (const auto& [kind, source] : kinds()) {
            const Run r =
                cli(QStringList{QStringLiteral("consume")} + source +
                    QStringList{QStringLiteral("-t"), m_avro, QStringLiteral("-e")} + common(m_avro));
            QCOMPARE(r.exit, 0);
            QVERIFY2(r.err.contains("3 records read could not be decoded"),
                     qPrintable(kind + QString::fromUtf8(r.err)));
            QVERIFY2(
                r.err.contains("1  value: schema id 999999: the registry has no schema id 999999  (first: " +
                               m_avro.toUtf8() + "-0@3)"),
                r.err.constData());
            const Run s = cli(QStringList{QStringLiteral("search")} + source +
                              QStringList{QStringLiteral("-e"), QStringLiteral("key == \"u-short\""),
                                          QStringLiteral("-t"), m_avro, QStringLiteral("-q")} +
                              common(m_avro));
            QCOMPARE(s.exit, 0);
            QVERIFY2(s.err.contains("too few for a schema id  (first: " + m_avro.toUtf8() + "-0@4)"),
                     s.err.constData());
        }
    }

    void cleanupTestCase()
    {
        if (m_bootstrap.isEmpty()) return;
        KafkaProfile profile;
        profile.bootstrap = m_bootstrap;
        if (auto kafka = KafkaClient::connect(profile))
            for (const QString& t : {m_json, m_avro, m_proto, m_file})
                (void)kafka.value()->deleteTopic(t);
    }
};

QTEST_MAIN(TstConformance)
#include "tst_conformance.moc"
