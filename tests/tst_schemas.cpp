// Schema decoding against a real Schema Registry (scripts/schema-registry: Apicurio 2.4.2, the
// Confluent-compatible API) with records written by Confluent's official serializers
// (tests/serializers, npm @confluentinc/schemaregistry), imported into a real workspace by the
// real CLI, and read back through the decoding stage.
#include "avro_codec.h"
#include "decoding_source.h"
#include "envelope.h"
#include "filter.h"
#include "json.h"
#include "kafka_client.h"
#include "protobuf_codec.h"
#include "record_export.h"
#include "record_source.h"
#include "replay.h"
#include "schema_cases.h"
#include "schema_registry.h"
#include "schema_texts.h"
#include "schemas_fixture.h"
#include "schemas_topic.h"
#include "serializers.h"
#include "source_registry.h"
#include "test_util.h"
#include "workspace_store.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <avro.h>
#include <google/protobuf/compiler/parser.h>
#include <google/protobuf/descriptor.pb.h>
#include <google/protobuf/dynamic_message.h>
#include <google/protobuf/io/tokenizer.h>
#include <google/protobuf/io/zero_copy_stream_impl_lite.h>
#include <google/protobuf/text_format.h>
#include <google/protobuf/util/json_util.h>

#include <cstring>

using namespace rw;
using rw::test::raw;

using namespace rw::test::schemas;

class TstSchemas : public QObject, protected SchemasFixture {
    Q_OBJECT

private slots:
    void initTestCase() { readSettings(); }

    // Two schema versions on one topic, every Avro shape the issue names, read back decoded
    // through the workspace source, the CLI and a filter on a decoded field.
    void avroFromTheOfficialSerializerDecodesEverywhere()
    {
        NEEDS_REGISTRY();
        const QString topic = QStringLiteral("payments-") + m_suffix;
        QByteArray v2 = avroSchemaV1();
        v2.replace(raw(1), raw(2));
        auto rec = [](int i, const char* status, bool card) {
            QByteArray r = QByteArray(raw(3)) + QByteArray::number(i) + raw(4) +
                           QByteArray::number(1795000000000 + i) + raw(5) + QByteArray::number(i) + raw(6) +
                           status + raw(7) + (card ? raw(8) : "null") + raw(9);
            return r;
        };
        QByteArray plan =
            raw(10) + topic.toUtf8() + raw(11) + jsonString(QString::fromUtf8(avroSchemaV1())).toUtf8() +
            raw(12) + rec(1, "CAPTURED", true) + "}}," + rec(2, "FAILED", false) + "}}," +
            rec(3, "FAILED", true) + raw(13) + topic.toUtf8() + raw(14) +
            jsonString(QString::fromUtf8(v2)).toUtf8() + raw(15) + rec(4, "CAPTURED", false) + raw(16);
        const auto serialized = serialize(plan);
        QVERIFY(serialized.ok());
        QCOMPARE(serialized.lines.size(), 4);
        const int id1 = serialized.ids.value(0), id2 = serialized.ids.value(1);
        QVERIFY(id1 > 0 && id2 > 0 && id1 != id2);

        const QString ws = m_dir.filePath(topic + QStringLiteral(".rewind"));
        const QString file = m_dir.filePath(topic + QStringLiteral(".ndjson"));
        QVERIFY(test::writeFile(file, serialized.lines.join('\n') + '\n'));
        const Run imported = run(QStringLiteral(REWIND_CLI), {QStringLiteral("import"), ws, file});
        QVERIFY2(imported.exit == 0, imported.err.constData());

        // Without a registry the records are the serializer's bytes.
        auto plain = openRecordSource(SourceSpec::file(ws));
        QVERIFY(plain.ok());
        auto stored = plain.value()->read(topic, 0, 0);
        QVERIFY(stored.ok() && stored.value());
        QCOMPARE(stored.value()->value->at(0), '\0');
        QVERIFY(!stored.value()->decoding);

        SourceSpec spec = SourceSpec::file(ws);
        spec.schemaRegistry = registry(m_registry);
        auto source = openRecordSource(spec);
        QVERIFY(source.ok());
        const std::vector<Record> got = recordsOf(*source.value(), topic);
        QCOMPARE(got.size(), size_t(4));
        QCOMPARE(QString::fromUtf8(*got[0].value),
                 QString::fromUtf8(QByteArray(raw(17)) + raw(18) + raw(19)));
        QVERIFY(got[1].value->contains(raw(20)));
        QVERIFY2(got[3].value->endsWith(raw(21)), got[3].value->constData());
        // What was decoded, with what, and the bytes as stored.
        QVERIFY(got[0].decoding);
        QCOMPARE(got[0].decoding->value.schemaId, id1);
        QCOMPARE(got[3].decoding->value.schemaId, id2);
        QCOMPARE(got[0].decoding->value.format, QStringLiteral("Avro"));
        QCOMPARE(got[0].decoding->value.subject, topic + QStringLiteral("-value"));
        QCOMPARE(got[0].decoding->value.version, 1);
        QCOMPARE(got[3].decoding->value.version, 2);
        QCOMPARE(*got[0].decoding->rawValue, *stored.value()->value);
        QCOMPARE(*got[0].key, QByteArray("o-1")); // a plain key passes through
        QVERIFY(!got[0].decoding->key.decoded && got[0].decoding->key.error.isEmpty());

        // The filter language on decoded fields, through the source's search.
        auto f = Filter::compile(QString::fromUtf8(raw(22)), 0);
        QVERIFY(f.ok());
        QStringList matched;
        auto report =
            source.value()->search(f.value(), SearchOptions{}, [&](const QString&, const RecordView& v) {
                matched << QString::fromUtf8(v.key.toByteArray());
                return true;
            });
        QVERIFY(report.ok());
        QCOMPARE(matched, QStringList{QStringLiteral("o-3")});

        // The CLI: consume -J prints the decoded value as JSON in the envelope.
        const Run consumed = run(QStringLiteral(REWIND_CLI),
                                 {QStringLiteral("consume"), ws, QStringLiteral("-t"), topic,
                                  QStringLiteral("-J"), QStringLiteral("--schema-registry"), m_registry});
        QVERIFY2(consumed.exit == 0, consumed.err.constData());
        const QList<QByteArray> out = consumed.out.trimmed().split('\n');
        QCOMPARE(out.size(), 4);
        // Where the writer schema changed: offsets 0..2 with version 1, offset 3 with version 2.
        auto runs = schemaRuns(*source.value(), topic);
        QVERIFY(runs.ok());
        QCOMPARE(runs->size(), size_t(2));
        QCOMPARE((std::pair(runs->at(0).first, runs->at(0).last)), (std::pair(Offset(0), Offset(2))));
        QCOMPARE(runs->at(0).schema.schemaId, id1);
        QCOMPARE(runs->at(1).first, Offset(3));
        QCOMPARE(runs->at(1).schema.version, 2);
        // Only the runs of a time range: record 4 alone.
        auto late = schemaRuns(*source.value(), topic,
                               std::pair(TimestampMs(1795000000004), TimestampMs(1795000001000)));
        QVERIFY(late.ok());
        QCOMPARE(late->size(), size_t(1));
        QCOMPARE(late->at(0).records, qint64(1));
        // The change, for the timeline: version 1 to version 2 at offset 3.
        const auto changes = schemaChanges(runs.value());
        QCOMPARE(changes.size(), size_t(1));
        QCOMPARE(changes[0].offset, Offset(3));
        QCOMPARE(changes[0].time, TimestampMs(1795000000004));
        QCOMPARE(changes[0].before.schemaId, id1);
        QCOMPARE(schemaLabel(changes[0].after), QStringLiteral("%1-value v2 (id %2)").arg(topic).arg(id2));
        const Run listed = run(QStringLiteral(REWIND_CLI),
                               {QStringLiteral("schemas"), ws, QStringLiteral("-t"), topic,
                                QStringLiteral("--diff"), QStringLiteral("--schema-registry"), m_registry});
        QVERIFY2(listed.exit == 0, listed.err.constData());
        QVERIFY2(listed.out.contains(QStringLiteral("0..2").toUtf8()) &&
                     listed.out.contains(
                         QStringLiteral("id %1 · Avro %2-value version 2").arg(id2).arg(topic).toUtf8()),
                 listed.out.constData());
        // --diff: the one field version 2 added, as a unified diff of the two schemas.
        QVERIFY2(listed.out.contains(QStringLiteral("--- %1-value version 1").arg(topic).toUtf8()) &&
                     listed.out.contains(QStringLiteral("+++ %1-value version 2").arg(topic).toUtf8()),
                 listed.out.constData());
        const QList<QByteArray> diffLines = listed.out.split('\n');
        const auto added = std::count_if(diffLines.begin(), diffLines.end(), [](const QByteArray& l) {
            return l.startsWith('+') && !l.startsWith("+++");
        });
        const auto channel = std::count_if(diffLines.begin(), diffLines.end(), [](const QByteArray& l) {
            return l.startsWith('+') && l.contains("\"channel\"");
        });
        QVERIFY2(added >= 1 && channel == 1, listed.out.constData());
        const QJsonObject first = QJsonDocument::fromJson(out[0]).object();
        QCOMPARE(first.value(QLatin1String("value")).toObject().value(QLatin1String("status")).toString(),
                 QStringLiteral("CAPTURED"));
    }

    // Our decoder and avro-c's own generic reader agree on the serializer's bytes (fields without
    // logical types, where the two print the same JSON).
    void decoderAgreesWithAvroC()
    {
        NEEDS_REGISTRY();
        const QByteArray schema = raw(23);
        const QString topic = QStringLiteral("agree-") + m_suffix;
        const QByteArray plan =
            raw(24) + topic.toUtf8() + raw(25) + jsonString(QString::fromUtf8(schema)).toUtf8() + raw(26);
        const auto serialized = serialize(plan);
        QVERIFY(serialized.ok());
        const QByteArray payload = valueOf(serialized.lines.first());
        QVERIFY(parseWireHeader(payload));
        const QByteArray body = payload.mid(5);

        auto ours = avro::Schema::parse(schema);
        QVERIFY(ours.ok());
        QByteArray mine;
        QVERIFY(ours.value()->toJson(body, mine).ok());

        avro_schema_t s = nullptr;
        QCOMPARE(avro_schema_from_json_length(schema.constData(), static_cast<size_t>(schema.size()), &s), 0);
        avro_value_iface_t* iface = avro_generic_class_from_schema(s);
        avro_value_t value;
        avro_generic_value_new(iface, &value);
        avro_reader_t reader = avro_reader_memory(body.constData(), body.size());
        QCOMPARE(avro_value_read(reader, &value), 0);
        char* text = nullptr;
        QCOMPARE(avro_value_to_json(&value, 1, &text), 0);
        const QByteArray theirs(text);
        free(text);
        avro_reader_free(reader);
        avro_value_decref(&value);
        avro_value_iface_decref(iface);
        avro_schema_decref(s);
        // avro-c writes the enum as its symbol and the same field order: the two documents agree.
        QCOMPARE(QJsonDocument::fromJson(mine), QJsonDocument::fromJson(theirs));
        QVERIFY(mine.contains("-1234567890123")); // exact, not through a double
    }

    // Bad input gets an error on that record and nothing else stops.
    void badRecordsGetAnErrorEachAndTheRestDecodes()
    {
        NEEDS_REGISTRY();
        const QString topic = QStringLiteral("bad-") + m_suffix;
        const QByteArray schema = raw(27);
        const auto serialized = serialize(raw(28) + topic.toUtf8() + raw(29) +
                                          jsonString(QString::fromUtf8(schema)).toUtf8() + raw(30));
        QVERIFY(serialized.ok());
        const QByteArray good = valueOf(serialized.lines.first());
        const QByteArray header = good.left(5);
        const QString ws = m_dir.filePath(topic + QStringLiteral(".rewind"));
        {
            auto store = WorkspaceStore::create(ws);
            QVERIFY(store.ok());
            QVERIFY(store.value()->createTopic(topic, 1).ok());
            std::vector<ProducerRecord> recs;
            auto add = [&](const QByteArray& v) {
                recs.push_back(test::producerRecord(topic, 0, 1000, std::nullopt, v));
            };
            add(good);                                  // 0 decodes
            add(QByteArray("\0\x7f\xff\xff\xf0zz", 7)); // 1 unknown schema id
            add(good.left(good.size() - 2));            // 2 truncated
            add(good + QByteArray("xx"));               // 3 bytes left over
            add(header + QByteArray("\x08"
                                    "fine"
                                    "\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\x01",
                                    16)); // 4 varint > 64 bits
            add(header + QByteArray("\x08"
                                    "fine"
                                    "\xfe\xff\xff\xff\xff\xff\xff\xff\x7f",
                                    14));               // 5 billions of nulls
            add(QByteArray("\0hello, plain text", 18)); // 6 plain text after a 0x00
            add(QByteArray("{\"plain\":true}"));        // 7 not in the wire format
            QVERIFY(store.value()->append(recs).ok());
        }
        SourceSpec spec = SourceSpec::file(ws);
        spec.schemaRegistry = registry(m_registry);
        auto source = openRecordSource(spec);
        QVERIFY(source.ok());
        QElapsedTimer t;
        t.start();
        const std::vector<Record> got = recordsOf(*source.value(), topic);
        QVERIFY2(t.elapsed() < 5000, "a hostile record must not take long");
        QCOMPARE(got.size(), size_t(8));
        QCOMPARE(*got[0].value, QByteArray(raw(31)));
        auto errorOf = [&](int i) {
            return got[static_cast<size_t>(i)].decoding ? got[static_cast<size_t>(i)].decoding->value.error
                                                        : QStringLiteral("(none)");
        };
        QVERIFY2(errorOf(1).contains(QLatin1String("no schema id")), qPrintable(errorOf(1)));
        QVERIFY2(errorOf(2).contains(QLatin1String("truncated")), qPrintable(errorOf(2)));
        QVERIFY2(errorOf(3).contains(QLatin1String("left after the record")), qPrintable(errorOf(3)));
        QVERIFY2(errorOf(4).contains(QLatin1String("varint")), qPrintable(errorOf(4)));
        QVERIFY2(errorOf(5).contains(QLatin1String("items")), qPrintable(errorOf(5)));
        QVERIFY2(!errorOf(6).isEmpty() && errorOf(6) != QLatin1String("(none)"), qPrintable(errorOf(6)));
        for (int i = 1; i <= 6; ++i) // undecodable records keep the bytes as stored
            QCOMPARE(got[static_cast<size_t>(i)].value->at(0), '\0');
        QVERIFY(!got[7].decoding);
        QCOMPARE(*got[7].value, QByteArray("{\"plain\":true}"));
    }

    // Protobuf with a reference (common/money.proto), well-known types, a oneof, a map, an enum and
    // a nested message (message index [0, 0]), two versions on one topic; then JSON Schema.
    void protobufAndJsonSchemaFromTheOfficialSerializers()
    {
        NEEDS_REGISTRY();
        QTemporaryDir protos;
        QVERIFY(QDir().mkpath(protos.filePath(QStringLiteral("common"))));
        QVERIFY(test::writeFile(protos.filePath(QStringLiteral("common/money.proto")), test::kMoneyProto));
        QByteArray v2 = test::kOrderProtoV1;
        v2.replace("  google.protobuf.Int32Value attempts = 9;\n",
                   QByteArray("  google.protobuf.Int32Value attempts = 9;\n") + test::kOrderV2Field);
        auto descriptorSet = [&](const QByteArray& proto) {
            test::writeFile(protos.filePath(QStringLiteral("order.proto")), proto);
            QProcess protoc;
            protoc.setWorkingDirectory(protos.path());
            protoc.start(QStringLiteral("protoc"),
                         {QStringLiteral("--include_imports"), QStringLiteral("--descriptor_set_out=set.bin"),
                          QStringLiteral("order.proto")});
            protoc.waitForFinished(60000);
            if (protoc.exitCode() != 0) qWarning("protoc: %s", protoc.readAllStandardError().constData());
            return test::readFile(protos.filePath(QStringLiteral("set.bin"))).toBase64();
        };
        const QString topic = QStringLiteral("orders-pb-") + m_suffix;
        const QString jsonTopic = QStringLiteral("orders-json-") + m_suffix;
        auto step = [&](const QByteArray& proto, const char* type, const QJsonArray& records) {
            return QJsonObject{{QStringLiteral("topic"), topic},
                               {QStringLiteral("format"), QStringLiteral("protobuf")},
                               {QStringLiteral("schema"), QString::fromUtf8(proto)},
                               {QStringLiteral("descriptorSet"), QString::fromLatin1(descriptorSet(proto))},
                               {QStringLiteral("messageType"), QString::fromLatin1(type)},
                               {QStringLiteral("references"),
                                QJsonArray{QJsonObject{
                                    {QStringLiteral("name"), QStringLiteral("common/money.proto")},
                                    {QStringLiteral("subject"), QStringLiteral("common-money-") + m_suffix},
                                    {QStringLiteral("version"), 1},
                                    {QStringLiteral("schema"), QString::fromUtf8(test::kMoneyProto)}}}},
                               {QStringLiteral("records"), records}};
        };
        auto record = [](const char* key, const QJsonObject& value) {
            return QJsonObject{{QStringLiteral("key"), QString::fromLatin1(key)},
                               {QStringLiteral("value"), value}};
        };
        const QJsonObject order{
            {QStringLiteral("orderId"), QStringLiteral("o-1")},
            {QStringLiteral("lines"),
             QJsonArray{QJsonObject{
                 {QStringLiteral("sku"), QStringLiteral("A-1")},
                 {QStringLiteral("qty"), 2},
                 {QStringLiteral("price"), QJsonObject{{QStringLiteral("currency"), QStringLiteral("EUR")},
                                                       {QStringLiteral("units"), QStringLiteral("12")},
                                                       {QStringLiteral("nanos"), 500000000}}}}}},
            {QStringLiteral("labels"), QJsonObject{{QStringLiteral("channel"), QStringLiteral("web")}}},
            {QStringLiteral("cardLast4"), QStringLiteral("4242")},
            {QStringLiteral("placedAt"), QStringLiteral("2026-11-18T03:17:48.239Z")},
            {QStringLiteral("state"), QStringLiteral("PAID")},
            {QStringLiteral("attempts"), 3}};
        const QJsonObject line{{QStringLiteral("sku"), QStringLiteral("B-2")}, {QStringLiteral("qty"), 0}};
        QJsonObject orderV2 = order;
        orderV2.insert(QStringLiteral("note"), QStringLiteral("gift"));
        const QJsonObject plan{
            {QStringLiteral("steps"),
             QJsonArray{
                 step(test::kOrderProtoV1, "shop.Order", QJsonArray{record("o-1", order)}),
                 step(test::kOrderProtoV1, "shop.Order.Line", QJsonArray{record("l-1", line)}),
                 step(v2, "shop.Order", QJsonArray{record("o-2", orderV2)}),
                 QJsonObject{{QStringLiteral("topic"), jsonTopic},
                             {QStringLiteral("format"), QStringLiteral("json")},
                             {QStringLiteral("schema"), QString::fromUtf8(test::kJsonSchema)},
                             {QStringLiteral("records"),
                              QJsonArray{record(
                                  "j-1", QJsonObject{{QStringLiteral("order_id"), QStringLiteral("o-9")},
                                                     {QStringLiteral("total"), 12.5}})}}}}}};
        const auto serialized = serialize(QJsonDocument(plan).toJson(QJsonDocument::Compact));
        QVERIFY(serialized.ok());
        const QList<QByteArray>& all = serialized.lines;
        QCOMPARE(all.size(), 4);
        // The nested message's indexes are [0, 0]: count 2, then 0, 0 (zigzag), after the id.
        QCOMPARE(valueOf(all[1]).mid(5, 3), QByteArray("\x04\x00\x00", 3));
        QCOMPARE(valueOf(all[0]).at(5), '\0'); // [0] in its one-byte form

        const QString ws = m_dir.filePath(topic + QStringLiteral(".rewind"));
        const QString file = m_dir.filePath(topic + QStringLiteral(".ndjson"));
        QVERIFY(test::writeFile(file, all.join('\n') + '\n'));
        const Run imported = run(QStringLiteral(REWIND_CLI), {QStringLiteral("import"), ws, file});
        QVERIFY2(imported.exit == 0, imported.err.constData());
        SourceSpec spec = SourceSpec::file(ws);
        spec.schemaRegistry = registry(m_registry);
        auto source = openRecordSource(spec);
        QVERIFY(source.ok());
        const std::vector<Record> got = recordsOf(*source.value(), topic);
        QCOMPARE(got.size(), size_t(3));
        for (const Record& r : got)
            QVERIFY2(r.decoding && r.decoding->value.decoded,
                     r.decoding ? qPrintable(r.decoding->value.error) : "no decoding");
        const QJsonObject o1 = QJsonDocument::fromJson(*got[0].value).object();
        QCOMPARE(o1.value(QLatin1String("order_id")).toString(),
                 QStringLiteral("o-1")); // names as in the .proto
        QCOMPARE(o1.value(QLatin1String("card_last4")).toString(), QStringLiteral("4242"));
        QCOMPARE(o1.value(QLatin1String("placed_at")).toString(), QStringLiteral("2026-11-18T03:17:48.239Z"));
        QCOMPARE(o1.value(QLatin1String("state")).toString(), QStringLiteral("PAID"));
        QCOMPARE(o1.value(QLatin1String("attempts")).toInt(), 3);
        QCOMPARE(o1.value(QLatin1String("labels")).toObject().value(QLatin1String("channel")).toString(),
                 QStringLiteral("web"));
        const QJsonObject l1 = o1.value(QLatin1String("lines")).toArray().first().toObject();
        QCOMPARE(l1.value(QLatin1String("price")).toObject().value(QLatin1String("units")).toString(),
                 QStringLiteral("12")); // int64 as a string, as the JSON mapping says
        QCOMPARE(got[0].decoding->value.format, QStringLiteral("Protobuf"));
        QCOMPARE(got[0].decoding->value.version, 1);
        const QJsonObject nested = QJsonDocument::fromJson(*got[1].value).object();
        QCOMPARE(nested.value(QLatin1String("sku")).toString(), QStringLiteral("B-2"));
        QCOMPARE(nested.value(QLatin1String("qty")).toInt(-1), 0); // a default value is shown
        const QJsonObject o2 = QJsonDocument::fromJson(*got[2].value).object();
        QCOMPARE(o2.value(QLatin1String("note")).toString(), QStringLiteral("gift"));
        QCOMPARE(got[2].decoding->value.version, 2);
        // A filter on a decoded Protobuf field, as on JSON.
        auto f = Filter::compile(QStringLiteral("value.card_last4 == \"4242\" && value.note == \"gift\""), 0);
        QVERIFY(f.ok());
        int matches = 0;
        QVERIFY(source.value()
                    ->search(f.value(), SearchOptions{},
                             [&](const QString&, const RecordView&) {
                                 ++matches;
                                 return true;
                             })
                    .ok());
        QCOMPARE(matches, 1);
        // JSON Schema: the payload after the id is the document.
        const std::vector<Record> jsonRecords = recordsOf(*source.value(), jsonTopic);
        QCOMPARE(jsonRecords.size(), size_t(1));
        const Record* j = &jsonRecords.front();
        QVERIFY(j->decoding && j->decoding->value.decoded);
        QCOMPARE(j->decoding->value.format, QStringLiteral("JSON Schema"));
        QCOMPARE(QJsonDocument::fromJson(*j->value).object().value(QLatin1String("total")).toDouble(), 12.5);
    }

    // Schema files for topics without a registry: an .avsc, a .proto importing another file, a
    // descriptor set; records are the payloads the official serializers wrote, without the
    // wire-format header (as a producer without a registry writes them). Read through the source
    // and the CLI; a mapping whose file is missing is an error on each record, not a stop.
    void schemaFilesDecodeTopicsWithoutARegistry()
    {
        NEEDS_REGISTRY();
        QTemporaryDir files;
        QVERIFY(QDir().mkpath(files.filePath(QStringLiteral("common"))));
        QVERIFY(test::writeFile(files.filePath(QStringLiteral("payment.avsc")), test::kAgreeSchema));
        QVERIFY(test::writeFile(files.filePath(QStringLiteral("common/money.proto")), test::kMoneyProto));
        QVERIFY(test::writeFile(files.filePath(QStringLiteral("order.proto")), test::kOrderProtoV1));
        QProcess protoc;
        protoc.setWorkingDirectory(files.path());
        protoc.start(QStringLiteral("protoc"),
                     {QStringLiteral("--include_imports"), QStringLiteral("--descriptor_set_out=order.desc"),
                      QStringLiteral("order.proto")});
        QVERIFY(protoc.waitForFinished(60000) && protoc.exitCode() == 0);
        const QString avroTopic = QStringLiteral("plain-avro-") + m_suffix,
                      pbTopic = QStringLiteral("plain-pb-") + m_suffix;
        const QJsonObject plan{
            {QStringLiteral("steps"),
             QJsonArray{QJsonObject{
                 {QStringLiteral("topic"), avroTopic},
                 {QStringLiteral("format"), QStringLiteral("avro")},
                 {QStringLiteral("schema"), QString::fromUtf8(test::kAgreeSchema)},
                 {QStringLiteral("records"),
                  QJsonArray{QJsonObject{{QStringLiteral("value"),
                                          QJsonObject{{QStringLiteral("s"), QStringLiteral("file")},
                                                      {QStringLiteral("n"), 3},
                                                      {QStringLiteral("l"), QJsonArray{}},
                                                      {QStringLiteral("e"), QStringLiteral("Y")}}}}}}}}}};
        const auto avro = serialize(QJsonDocument(plan).toJson(QJsonDocument::Compact));
        QVERIFY(avro.ok());
        const QByteArray avroPayload = valueOf(avro.lines.first()).mid(5); // the bare Avro datum
        // A shop.Order.Line (nested: message index [0, 0]) in bare Protobuf bytes.
        const QByteArray pbPayload("\x0a\x03"
                                   "A-1"
                                   "\x10\x02",
                                   7);
        const QString ws = m_dir.filePath(QStringLiteral("files.rewind"));
        {
            auto store = WorkspaceStore::create(ws);
            QVERIFY(store.ok());
            for (const QString& t : {avroTopic, pbTopic, QStringLiteral("unmapped")})
                QVERIFY(store.value()->createTopic(t, 1).ok());
            QVERIFY(store.value()
                        ->append({test::producerRecord(avroTopic, 0, 1000, std::nullopt, avroPayload),
                                  test::producerRecord(pbTopic, 0, 1000, std::nullopt, pbPayload),
                                  test::producerRecord(QStringLiteral("unmapped"), 0, 1000, std::nullopt,
                                                       avroPayload)})
                        .ok());
        }
        auto expect = [&](const std::vector<SchemaFile>& mapping, const QString& topic,
                          const QByteArray& json) {
            SourceSpec spec = SourceSpec::file(ws);
            spec.schemaFiles = mapping;
            auto source = openRecordSource(spec);
            QVERIFY(source.ok());
            const auto got = recordsOf(*source.value(), topic);
            QCOMPARE(got.size(), size_t(1));
            QVERIFY2(got.front().decoding && got.front().decoding->value.decoded,
                     got.front().decoding ? qPrintable(got.front().decoding->value.error) : "not decoded");
            QCOMPARE(QJsonDocument::fromJson(*got.front().value), QJsonDocument::fromJson(json));
        };
        const QString avsc = files.filePath(QStringLiteral("payment.avsc"));
        expect({SchemaFile::parse(avroTopic + QLatin1Char('=') + avsc).value()}, avroTopic,
               QByteArray("{\"s\":\"file\",\"n\":3,\"l\":[],\"e\":\"Y\"}"));
        const QByteArray line("{\"sku\":\"A-1\",\"qty\":2}");
        expect({SchemaFile::parse(pbTopic + QLatin1Char('=') +
                                  files.filePath(QStringLiteral("order.proto#shop.Order.Line")))
                    .value()},
               pbTopic, line);
        expect({SchemaFile::parse(pbTopic + QLatin1Char('=') +
                                  files.filePath(QStringLiteral("order.desc#shop.Order.Line")))
                    .value()},
               pbTopic, line);
        // Other topics are left as they are; a missing file is an error on its records.
        {
            SourceSpec spec = SourceSpec::file(ws);
            spec.schemaFiles = {
                SchemaFile::parse(avroTopic + QStringLiteral("=/nonexistent/x.avsc")).value()};
            auto source = openRecordSource(spec);
            QVERIFY(source.ok());
            const auto unmapped = recordsOf(*source.value(), QStringLiteral("unmapped"));
            QVERIFY(unmapped.size() == 1 && !unmapped.front().decoding);
            const auto missing = recordsOf(*source.value(), avroTopic);
            QVERIFY(missing.size() == 1 && missing.front().decoding);
            QVERIFY2(missing.front().decoding->value.error.contains(QLatin1String("cannot read")),
                     qPrintable(missing.front().decoding->value.error));
            QCOMPARE(*missing.front().value, avroPayload);
        }
        // The CLI.
        const Run consumed =
            run(QStringLiteral(REWIND_CLI),
                {QStringLiteral("consume"), ws, QStringLiteral("-t"), pbTopic, QStringLiteral("-J"),
                 QStringLiteral("--schema-file"),
                 pbTopic + QLatin1Char('=') + files.filePath(QStringLiteral("order.proto#shop.Order.Line"))});
        QVERIFY2(consumed.exit == 0, consumed.err.constData());
        QCOMPARE(
            QJsonDocument::fromJson(consumed.out.trimmed()).object().value(QLatin1String("value")).toObject(),
            QJsonDocument::fromJson(line).object());
        const Run bad = run(QStringLiteral(REWIND_CLI),
                            {QStringLiteral("consume"), ws, QStringLiteral("-t"), pbTopic,
                             QStringLiteral("--schema-file"), QStringLiteral("no-equals-sign")});
        QVERIFY(bad.exit != 0);
        QVERIFY2(bad.err.contains("topic=path"), bad.err.constData());
    }

    // Offline: a copy of a broker's data directory whose `_schemas` topic holds the registry's
    // records decodes with no registry; so does a workspace that keeps them in its own `_schemas`.
    void schemasTopicDecodesOffline()
    {
        NEEDS_REGISTRY();
        const QString bootstrap = qEnvironmentVariable("REWIND_KAFKA_BOOTSTRAP");
        const QString data = qEnvironmentVariable("REWIND_KAFKA_DATA");
        if (bootstrap.isEmpty() || data.isEmpty()) QSKIP("needs the test broker (scripts/test starts it)");
        const QString topic = QStringLiteral("sandbox.offline-") + m_suffix;
        const QString schemasSource = QStringLiteral("sandbox.schemas-src-") + m_suffix;
        const QJsonObject plan{
            {QStringLiteral("steps"),
             QJsonArray{QJsonObject{
                 {QStringLiteral("topic"), topic},
                 {QStringLiteral("format"), QStringLiteral("avro")},
                 {QStringLiteral("schema"), QString::fromUtf8(test::kAgreeSchema)},
                 {QStringLiteral("records"),
                  QJsonArray{QJsonObject{{QStringLiteral("key"), QStringLiteral("k1")},
                                         {QStringLiteral("value"),
                                          QJsonObject{{QStringLiteral("s"), QStringLiteral("offline")},
                                                      {QStringLiteral("n"), 7},
                                                      {QStringLiteral("l"), QJsonArray{1}},
                                                      {QStringLiteral("e"), QStringLiteral("X")}}}}}}}}}};
        const auto serialized = serialize(QJsonDocument(plan).toJson(QJsonDocument::Compact));
        QVERIFY(serialized.ok());
        const int id = serialized.ids.value(0);
        auto rec = parseEnvelopeLine(serialized.lines.first());
        QVERIFY(rec.ok());
        // The registry's own record of the schema, as Confluent's registry writes `_schemas`,
        // with the other key types a real topic holds around it, and one malformed record.
        SchemaRegistryClient client(registry(m_registry));
        auto schema = client.fetch(id);
        QVERIFY(schema.ok());
        const auto [schemaKey, schemaValue] = schemasTopicRecord(schema.value());
        std::vector<ProducerRecord> schemaRecords{
            test::producerRecord(schemasSource, 0, 1000, QByteArray("{\"keytype\":\"NOOP\",\"magic\":0}"),
                                 QByteArray("{}")),
            test::producerRecord(schemasSource, 0, 1001, schemaKey, schemaValue),
            test::producerRecord(schemasSource, 0, 1002,
                                 QByteArray("{\"keytype\":\"CONFIG\",\"subject\":null,\"magic\":0}"),
                                 QByteArray("{\"compatibilityLevel\":\"BACKWARD\"}")),
            test::producerRecord(schemasSource, 0, 1003,
                                 QByteArray("{\"keytype\":\"SCHEMA\",\"subject\":\"x\",\"version\":1}"),
                                 QByteArray("not json"))};

        // A broker's data directory: produced, then the partition folders copied, the source
        // topic's folder under the registry's topic name.
        KafkaProfile profile;
        profile.bootstrap = bootstrap;
        auto kafka = KafkaClient::connect(profile);
        QVERIFY(kafka.ok());
        QVERIFY(kafka.value()->createTopic(topic, 1).ok());
        QVERIFY(kafka.value()->createTopic(schemasSource, 1).ok());
        ProducerRecord r = rec->record;
        r.topic = topic;
        QVERIFY(kafka.value()->produce({r}).ok());
        QVERIFY(kafka.value()->produce(schemaRecords).ok());
        QTemporaryDir copy;
        copyPartition(data, topic + QStringLiteral("-0"), copy.filePath(topic + QStringLiteral("-0")));
        copyPartition(data, schemasSource + QStringLiteral("-0"),
                      copy.filePath(kSchemasTopic + QStringLiteral("-0")));
        (void)kafka.value()->deleteTopic(topic);
        (void)kafka.value()->deleteTopic(schemasSource);

        auto expectDecoded = [&](const QString& path) {
            auto source = openRecordSource(SourceSpec::file(path)); // no registry
            QVERIFY(source.ok());
            const std::vector<Record> all = recordsOf(*source.value(), topic);
            QCOMPARE(all.size(), size_t(1));
            const Record* got = &all.front();
            QVERIFY2(got->decoding && got->decoding->value.decoded,
                     got->decoding ? qPrintable(got->decoding->value.error) : "not decoded");
            QCOMPARE(*got->value, QByteArray(test::kOfflineDecoded));
            QCOMPARE(got->decoding->value.subject, topic + QStringLiteral("-value"));
            QCOMPARE(got->decoding->value.schemaId, id);
        };
        expectDecoded(copy.path());

        // A workspace keeping its schemas in its own `_schemas` topic.
        const QString ws = m_dir.filePath(QStringLiteral("offline.rewind"));
        {
            auto store = WorkspaceStore::create(ws);
            QVERIFY(store.ok());
            QVERIFY(store.value()->createTopic(topic, 1).ok());
            QVERIFY(store.value()->createTopic(kSchemasTopic, 1).ok());
            for (ProducerRecord& s : schemaRecords)
                s.topic = kSchemasTopic;
            QVERIFY(store.value()->append(schemaRecords).ok());
            QVERIFY(store.value()->append({r}).ok());
        }
        expectDecoded(ws);

        // A case bundle of that record holds it as stored with the schema it needs: it decodes
        // wherever it is opened, with no registry. With a masking policy that names a field, the
        // bundle holds it masked and encoded again with the same schema, still decoding offline.
        {
            auto source = openRecordSource(SourceSpec::file(ws));
            QVERIFY(source.ok());
            RecordExport bundle;
            bundle.format = ExportFormat::Workspace;
            bundle.records.topics = {topic};
            bundle.records.refs = {RecordRef{0, 0, 0, 0}};
            const QString plain = m_dir.filePath(QStringLiteral("offline-bundle.rewind"));
            auto out = exportRecords(*source.value(), bundle, plain);
            QVERIFY2(out.ok(), out.ok() ? "" : qPrintable(out.error().message));
            QCOMPARE(out->written, qint64(1));
            QCOMPARE(out->schemas, 1);
            expectDecoded(plain);
            bundle.mask = MaskPolicy{{QStringLiteral("s")}, {}};
            const QString masked = m_dir.filePath(QStringLiteral("offline-bundle-masked.rewind"));
            out = exportRecords(*source.value(), bundle, masked);
            QVERIFY2(out.ok(), out.ok() ? "" : qPrintable(out.error().message));
            QCOMPARE(out->schemas, 1);
            auto m = WorkspaceStore::open(masked, WorkspaceStore::Mode::ReadOnly);
            const auto held = m.value()->read(topic, 0, 0, 1);
            QVERIFY(held.ok() && held->size() == 1);
            QCOMPARE(held->front().value->left(5), r.value->left(5)); // the same framing and schema id
            QVERIFY(!held->front().value->contains("offline"));
            auto reopened = openRecordSource(SourceSpec::file(masked)); // no registry: its own _schemas
            QVERIFY(reopened.ok());
            const std::vector<Record> back = recordsOf(*reopened.value(), topic);
            QCOMPARE(back.size(), size_t(1));
            QVERIFY(back.front().decoding && back.front().decoding->value.decoded);
            QCOMPARE(*back.front().value,
                     QByteArray(test::kOfflineDecoded).replace("\"offline\"", "\"***\""));
        }

        // Replay from the decoding source writes the bytes as stored (schema id and all)…
        ReplayJob job;
        job.source = SourceSpec::file(ws);
        job.sourceTopic = topic;
        job.target = SourceSpec::file(m_dir.filePath(QStringLiteral("offline-sandbox.rewind")));
        job.targetTopic = QStringLiteral("sandbox.") + topic;
        job.provenance = false;
        auto report = runReplay(job, ReplayMode::Run);
        QVERIFY2(report.ok(), report.ok() ? "" : qPrintable(report.error().message));
        QCOMPARE(report->written, qint64(1));
        auto sandbox = WorkspaceStore::open(job.target.path, WorkspaceStore::Mode::ReadOnly);
        QVERIFY(sandbox.ok());
        auto written = sandbox.value()->read(job.targetTopic, 0, 0, 1);
        QVERIFY(written.ok() && written->size() == 1);
        QCOMPARE(*written->front().value, *r.value); // the serializer's bytes, not the JSON
        QCOMPARE(*written->front().key, *r.key);
        // …and masking a field of a schema-encoded record writes it masked, encoded again with
        // the same schema (the same framing; it decodes with the source's schema)…
        job.maskFields = QStringList{QStringLiteral("s")};
        job.targetTopic = QStringLiteral("sandbox.masked-") + topic;
        auto masked = runReplay(job, ReplayMode::Run);
        QVERIFY2(masked.ok(), masked.ok() ? "" : qPrintable(masked.error().message));
        QCOMPARE(masked->written, qint64(1));
        auto after = WorkspaceStore::open(job.target.path, WorkspaceStore::Mode::ReadOnly);
        QVERIFY(after.ok());
        auto maskedRecord = after.value()->read(job.targetTopic, 0, 0, 1);
        QVERIFY(maskedRecord.ok() && maskedRecord->size() == 1);
        const QByteArray maskedBytes = *maskedRecord->front().value;
        QCOMPARE(maskedBytes.left(5), r.value->left(5));
        auto writer = avro::Schema::parse(test::kAgreeSchema);
        QVERIFY(writer.ok());
        QByteArray text;
        QVERIFY(writer.value()->toJson(QByteArrayView(maskedBytes).sliced(5), text).ok());
        QCOMPARE(text, QByteArray(test::kOfflineDecoded).replace("\"offline\"", "\"***\""));
        // …while removing a field is refused (the writer schema has it), never written in clear.
        job.maskFields.clear();
        job.removeFields = QStringList{QStringLiteral("s")};
        job.targetTopic = QStringLiteral("sandbox.removed-") + topic;
        auto removed = runReplay(job, ReplayMode::Run);
        QVERIFY(!removed.ok());
        QVERIFY2(removed.error().code == ErrorCode::Refused, qPrintable(removed.error().message));
        QVERIFY2(removed.error().message.contains(QLatin1String("cannot be removed")),
                 qPrintable(removed.error().message));
        auto removedTopic = after.value()->topic(job.targetTopic);
        QVERIFY(!removedTopic || removedTopic->partitions.empty() ||
                removedTopic->partitions.front().count == 0);
    }

    // #28 point 6: records the official serializers wrote, with personal data in Avro, Protobuf
    // and JSON Schema values, masked by the workspace's policy on the way out: `export --raw`, a
    // replay into a sandbox and a bundle carry masked bytes in the wire format that Confluent's
    // deserializer reads (tests/serializers/read.mjs), with each masked field of its own type and
    // none of the personal data left.
    void maskedRecordsReadBackWithTheOfficialDeserializer()
    {
        NEEDS_REGISTRY();
        QTemporaryDir protos;
        QVERIFY(QDir().mkpath(protos.filePath(QStringLiteral("common"))));
        QVERIFY(test::writeFile(protos.filePath(QStringLiteral("common/money.proto")), test::kMoneyProto));
        QVERIFY(test::writeFile(protos.filePath(QStringLiteral("order.proto")), test::kOrderProtoV1));
        const QString descriptorFile = descriptorSetFor(protos.path(), QStringLiteral("order.proto"));
        QVERIFY(!descriptorFile.isEmpty());
        const QByteArray descriptorSet = test::readFile(descriptorFile).toBase64();

        const QString avroTopic = QStringLiteral("mask-avro-") + m_suffix;
        const QString pbTopic = QStringLiteral("mask-pb-") + m_suffix;
        const QString jsonTopic = QStringLiteral("mask-json-") + m_suffix;
        const auto one = [](const char* value) {
            return QJsonArray{
                QJsonObject{{QStringLiteral("key"), QStringLiteral("k")},
                            {QStringLiteral("value"), QJsonDocument::fromJson(value).object()}}};
        };
        const QJsonObject plan{
            {QStringLiteral("steps"),
             QJsonArray{
                 QJsonObject{{QStringLiteral("topic"), avroTopic},
                             {QStringLiteral("format"), QStringLiteral("avro")},
                             {QStringLiteral("schema"), QString::fromUtf8(test::kMaskAvro)},
                             {QStringLiteral("records"), one(test::kMaskAvroValue)}},
                 QJsonObject{{QStringLiteral("topic"), pbTopic},
                             {QStringLiteral("format"), QStringLiteral("protobuf")},
                             {QStringLiteral("schema"), QString::fromUtf8(test::kOrderProtoV1)},
                             {QStringLiteral("descriptorSet"), QString::fromLatin1(descriptorSet)},
                             {QStringLiteral("messageType"), QStringLiteral("shop.Order")},
                             {QStringLiteral("references"),
                              QJsonArray{QJsonObject{
                                  {QStringLiteral("name"), QStringLiteral("common/money.proto")},
                                  {QStringLiteral("subject"), QStringLiteral("mask-money-") + m_suffix},
                                  {QStringLiteral("version"), 1},
                                  {QStringLiteral("schema"), QString::fromUtf8(test::kMoneyProto)}}}},
                             {QStringLiteral("records"), one(test::kMaskOrderValue)}},
                 QJsonObject{{QStringLiteral("topic"), jsonTopic},
                             {QStringLiteral("format"), QStringLiteral("json")},
                             {QStringLiteral("schema"), QString::fromUtf8(test::kMaskJsonSchema)},
                             {QStringLiteral("records"), one(test::kMaskJsonValue)}}}}};
        const auto serialized = serialize(QJsonDocument(plan).toJson(QJsonDocument::Compact));
        QVERIFY(serialized.ok());
        QCOMPARE(serialized.lines.size(), 3);

        const QString ws = m_dir.filePath(QStringLiteral("masking.rewind"));
        const QString file = m_dir.filePath(QStringLiteral("masking.ndjson"));
        QVERIFY(test::writeFile(file, serialized.lines.join('\n') + '\n'));
        const Run imported = run(QStringLiteral(REWIND_CLI), {QStringLiteral("import"), ws, file});
        QVERIFY2(imported.exit == 0, imported.err.constData());
        QStringList policy{QStringLiteral("mask"), ws};
        for (const char* f : {"name", "email", "address", "cards", "tags.home", "items.card", "salary",
                              "card_last4", "labels", "lines.card", "total"})
            policy << QStringLiteral("--field") << QString::fromLatin1(f);
        const Run masked = run(QStringLiteral(REWIND_CLI), policy);
        QVERIFY2(masked.exit == 0, masked.err.constData());

        // What Confluent's deserializer reads from envelopes, by topic.
        const auto readBack = [&](const QByteArray& envelopes) {
            const Run r = run(
                QStringLiteral("node"),
                {QStringLiteral(REWIND_SOURCE_DIR "/tests/serializers/read.mjs"), m_registry, descriptorFile},
                envelopes);
            QMap<QString, QJsonObject> out;
            if (r.exit != 0) qWarning("read.mjs: %s", r.err.constData());
            for (const QByteArray& line : r.out.split('\n')) {
                const QJsonObject o = QJsonDocument::fromJson(line).object();
                if (o.contains(QLatin1String("error")))
                    qWarning("read.mjs: %s: %s", qPrintable(o.value(QLatin1String("topic")).toString()),
                             qPrintable(o.value(QLatin1String("error")).toString()));
                if (o.contains(QLatin1String("value")))
                    out.insert(o.value(QLatin1String("topic")).toString(),
                               o.value(QLatin1String("value")).toObject());
            }
            return out;
        };
        // The values as stored, personal data nowhere in them.
        const auto secretsIn = [](const QByteArray& envelopes) {
            QStringList found;
            for (const QByteArray& line : envelopes.split('\n')) {
                const QJsonObject o = QJsonDocument::fromJson(line).object();
                const QString v = o.value(QLatin1String("value")).toString();
                const QByteArray bytes =
                    o.value(QLatin1String("value_encoding")).toString() == QLatin1String("base64")
                        ? QByteArray::fromBase64(v.toLatin1())
                        : v.toUtf8();
                for (const char* secret : test::kMaskSecrets)
                    if (bytes.contains(secret)) found << QString::fromLatin1(secret);
            }
            return found;
        };
        const auto checkMasked = [&](const QString& what, const QByteArray& envelopes,
                                     const QMap<QString, QString>& topics) {
            QVERIFY2(
                secretsIn(envelopes).isEmpty(),
                qPrintable(what + QStringLiteral(": ") + secretsIn(envelopes).join(QStringLiteral(", "))));
            const QMap<QString, QJsonObject> got = readBack(envelopes);
            const QJsonObject avro = got.value(topics.value(QStringLiteral("avro")));
            QVERIFY2(!avro.isEmpty(), qPrintable(what + QStringLiteral(": no Avro record read back")));
            QCOMPARE(avro.value(QLatin1String("name")).toString(), QStringLiteral("***"));
            QCOMPARE(avro.value(QLatin1String("email")).toString(), QStringLiteral("***"));
            QCOMPARE(avro.value(QLatin1String("age")).toInt(), 41); // not in the policy
            QCOMPARE(
                avro.value(QLatin1String("address")).toObject(),
                QJsonObject({{QStringLiteral("street"), QStringLiteral("***")}, {QStringLiteral("zip"), 0}}));
            QCOMPARE(avro.value(QLatin1String("cards")).toArray().size(), 0);
            QCOMPARE(avro.value(QLatin1String("tags")).toObject().value(QLatin1String("work")).toString(),
                     QStringLiteral("Oak 9"));
            QVERIFY(avro.value(QLatin1String("salary")).isNull());
            QCOMPARE(avro.value(QLatin1String("items"))
                         .toArray()
                         .first()
                         .toObject()
                         .value(QLatin1String("card"))
                         .toString(),
                     QStringLiteral("***"));
            const QJsonObject pb = got.value(topics.value(QStringLiteral("protobuf")));
            QVERIFY2(!pb.isEmpty(), qPrintable(what + QStringLiteral(": no Protobuf record read back")));
            QCOMPARE(pb.value(QLatin1String("orderId")).toString(), QStringLiteral("o-7"));
            QCOMPARE(pb.value(QLatin1String("payment")).toObject().value(QLatin1String("value")).toString(),
                     QStringLiteral("***"));
            QCOMPARE(pb.value(QLatin1String("labels")).toObject().size(), 0);
            const QJsonObject js = got.value(topics.value(QStringLiteral("json")));
            QVERIFY2(!js.isEmpty(), qPrintable(what + QStringLiteral(": no JSON Schema record read back")));
            QCOMPARE(js.value(QLatin1String("name")).toString(), QStringLiteral("***"));
            QCOMPARE(js.value(QLatin1String("total")).toDouble(-1), 0.0);
            QCOMPARE(js.value(QLatin1String("vip")).toBool(true), false);
            QCOMPARE(js.value(QLatin1String("lines"))
                         .toArray()
                         .first()
                         .toObject()
                         .value(QLatin1String("sku"))
                         .toString(),
                     QStringLiteral("B-2"));
        };
        const QMap<QString, QString> own{{QStringLiteral("avro"), avroTopic},
                                         {QStringLiteral("protobuf"), pbTopic},
                                         {QStringLiteral("json"), jsonTopic}};

        // 1. export --raw: the wire format, masked.
        const Run exported =
            run(QStringLiteral(REWIND_CLI), {QStringLiteral("export"), QStringLiteral("--raw"),
                                             QStringLiteral("--schema-registry"), m_registry, ws});
        QVERIFY2(exported.exit == 0, exported.err.constData());
        checkMasked(QStringLiteral("export --raw"), exported.out, own);
        if (QTest::currentTestFailed()) return;
        // Without the registry nothing knows the schemas: refused, not written in clear.
        const Run blind =
            run(QStringLiteral(REWIND_CLI), {QStringLiteral("export"), QStringLiteral("--raw"), ws});
        QVERIFY2(blind.exit != 0 && secretsIn(blind.out).isEmpty(), blind.out.constData());
        QVERIFY2(blind.err.contains("schema id") && blind.err.contains("--schema-registry"),
                 blind.err.constData());

        // 2. A replay into a sandbox workspace, each topic.
        SourceSpec source = SourceSpec::file(ws);
        source.schemaRegistry = registry(m_registry);
        const QString sandbox = m_dir.filePath(QStringLiteral("masking-sandbox.rewind"));
        QMap<QString, QString> replayed;
        for (const auto& [format, topic] : own.asKeyValueRange()) {
            ReplayJob job;
            job.source = source;
            job.sourceTopic = topic;
            job.target = SourceSpec::file(sandbox);
            job.targetTopic = topic; // the same name: read.mjs finds its schema by the topic's subject
            job.provenance = false;
            auto report = runReplay(job, ReplayMode::Run);
            QVERIFY2(report.ok(), qPrintable(format + QStringLiteral(": ") +
                                             (report.ok() ? QString() : report.error().message)));
            QCOMPARE(report->written, qint64(1));
            replayed.insert(format, topic);
        }
        const Run fromSandbox =
            run(QStringLiteral(REWIND_CLI), {QStringLiteral("export"), QStringLiteral("--raw"), sandbox});
        QVERIFY2(fromSandbox.exit == 0, fromSandbox.err.constData());
        checkMasked(QStringLiteral("replay"), fromSandbox.out, replayed);
        if (QTest::currentTestFailed()) return;

        // 3. A bundle: the records as stored, masked, with their schemas.
        auto opened = openRecordSource(source);
        QVERIFY(opened.ok());
        RecordExport bundle;
        bundle.format = ExportFormat::Workspace;
        bundle.records.byFilter = true;
        auto policyNow = opened.value()->maskPolicy();
        QVERIFY(policyNow.ok());
        bundle.mask = policyNow.value();
        const QString bundlePath = m_dir.filePath(QStringLiteral("masking-bundle.rewind"));
        auto written = exportRecords(*opened.value(), bundle, bundlePath);
        QVERIFY2(written.ok(), written.ok() ? "" : qPrintable(written.error().message));
        QCOMPARE(written->written, qint64(3));
        QVERIFY(written->schemas >= 3);
        const Run fromBundle =
            run(QStringLiteral(REWIND_CLI), {QStringLiteral("export"), QStringLiteral("--raw"), bundlePath});
        QVERIFY2(fromBundle.exit == 0, fromBundle.err.constData());
        checkMasked(QStringLiteral("bundle"), fromBundle.out, own);
    }

    // The demo's own personal data, in Avro and Protobuf records the official serializers wrote
    // (its OrderCreated and PaymentAuthorized events), exported as stored under the demo's
    // policy: Confluent's deserializer reads every record, and no name, e-mail, phone, street or
    // card digits of the demo are left in the bytes.
    void demoPersonalDataIsMaskedInAvroAndProtobuf()
    {
        NEEDS_REGISTRY();
        const QString demo = m_dir.filePath(QStringLiteral("demo-mask.rewind"));
        const Run made =
            run(QStringLiteral(REWIND_CLI), {QStringLiteral("demo"), QStringLiteral("--out"), demo,
                                             QStringLiteral("--events"), QStringLiteral("3000")});
        QVERIFY2(made.exit == 0, made.err.constData());
        const auto events = [&](const QString& topic, const QString& type) {
            const Run r =
                run(QStringLiteral(REWIND_CLI), {QStringLiteral("consume"), demo, QStringLiteral("-t"), topic,
                                                 QStringLiteral("--unmasked")});
            QJsonArray out;
            for (const QByteArray& line : r.out.split('\n')) {
                const QJsonObject o = QJsonDocument::fromJson(line).object();
                if (o.value(QLatin1String("type")).toString() == type && out.size() < 25) out.append(o);
            }
            return out;
        };
        const QJsonArray orders = events(QStringLiteral("orders"), QStringLiteral("OrderCreated"));
        const QJsonArray payments = events(QStringLiteral("payments"), QStringLiteral("PaymentAuthorized"));
        QCOMPARE(orders.size(), 25);
        QCOMPARE(payments.size(), 25);
        QStringList secrets; // what the demo's policy hides, read from the demo itself
        QJsonArray orderRecords, paymentRecords;
        for (const QJsonValue& v : orders) {
            QJsonObject o = v.toObject();
            for (const char* f : {"name", "email", "phone"})
                secrets << o.value(QLatin1String("customer")).toObject().value(QLatin1String(f)).toString();
            secrets << o.value(QLatin1String("shipping_address"))
                           .toObject()
                           .value(QLatin1String("street"))
                           .toString();
            o.remove(QStringLiteral("schema_version"));
            orderRecords.append(QJsonObject{{QStringLiteral("key"), o.value(QLatin1String("order_id"))},
                                            {QStringLiteral("value"), o}});
        }
        for (const QJsonValue& v : payments) {
            QJsonObject o = v.toObject();
            // As the field is encoded (tag 9, length 4): four digits alone occur in payment ids too.
            secrets << QStringLiteral("\x4a\x04") + o.value(QLatin1String("card_last4")).toString();
            o.remove(QStringLiteral("schema_version"));
            QJsonObject pb; // the protobuf JSON mapping's names
            for (auto it = o.begin(); it != o.end(); ++it) {
                QString camel;
                bool up = false;
                for (const QChar c : it.key()) {
                    if (c == QLatin1Char('_')) {
                        up = true;
                        continue;
                    }
                    camel += up ? c.toUpper() : c;
                    up = false;
                }
                pb.insert(camel, it.key() == QLatin1String("amount_cents")
                                     ? QJsonValue(QString::number(it.value().toInteger()))
                                     : it.value());
            }
            paymentRecords.append(QJsonObject{{QStringLiteral("key"), o.value(QLatin1String("order_id"))},
                                              {QStringLiteral("value"), pb}});
        }
        QTemporaryDir protos;
        QVERIFY(test::writeFile(protos.filePath(QStringLiteral("payment.proto")), test::kDemoPaymentProto));
        const QString descriptorFile = descriptorSetFor(protos.path(), QStringLiteral("payment.proto"));
        QVERIFY(!descriptorFile.isEmpty());
        const QString ordersTopic = QStringLiteral("demo-orders-") + m_suffix;
        const QString paymentsTopic = QStringLiteral("demo-payments-") + m_suffix;
        const QJsonObject plan{
            {QStringLiteral("steps"),
             QJsonArray{QJsonObject{{QStringLiteral("topic"), ordersTopic},
                                    {QStringLiteral("format"), QStringLiteral("avro")},
                                    {QStringLiteral("schema"), QString::fromUtf8(test::kDemoOrderAvro)},
                                    {QStringLiteral("records"), orderRecords}},
                        QJsonObject{{QStringLiteral("topic"), paymentsTopic},
                                    {QStringLiteral("format"), QStringLiteral("protobuf")},
                                    {QStringLiteral("schema"), QString::fromUtf8(test::kDemoPaymentProto)},
                                    {QStringLiteral("descriptorSet"),
                                     QString::fromLatin1(test::readFile(descriptorFile).toBase64())},
                                    {QStringLiteral("messageType"), QStringLiteral("demo.PaymentAuthorized")},
                                    {QStringLiteral("records"), paymentRecords}}}}};
        const auto serialized = serialize(QJsonDocument(plan).toJson(QJsonDocument::Compact));
        QVERIFY(serialized.ok());
        QCOMPARE(serialized.lines.size(), 50);
        const QString ws = m_dir.filePath(QStringLiteral("demo-encoded.rewind"));
        const QString file = m_dir.filePath(QStringLiteral("demo-encoded.ndjson"));
        QVERIFY(test::writeFile(file, serialized.lines.join('\n') + '\n'));
        QVERIFY(run(QStringLiteral(REWIND_CLI), {QStringLiteral("import"), ws, file}).exit == 0);
        // In clear before the policy is set: the check below would see them.
        const Run clear =
            run(QStringLiteral(REWIND_CLI), {QStringLiteral("export"), QStringLiteral("--raw"), ws});
        // The demo's policy, as the demo workspace keeps it.
        const Run policy = run(QStringLiteral(REWIND_CLI), {QStringLiteral("mask"), demo});
        const QJsonArray fields =
            QJsonDocument::fromJson(policy.out).object().value(QLatin1String("fields")).toArray();
        QCOMPARE(fields.size(), 3);
        QStringList set{QStringLiteral("mask"), ws};
        for (const QJsonValue& f : fields)
            set << QStringLiteral("--field") << f.toString();
        QVERIFY(run(QStringLiteral(REWIND_CLI), set).exit == 0);
        const auto leaked = [&](const QByteArray& envelopes) {
            QStringList found;
            for (const QByteArray& line : envelopes.split('\n')) {
                const QJsonObject o = QJsonDocument::fromJson(line).object();
                const QString v = o.value(QLatin1String("value")).toString();
                const QByteArray bytes =
                    o.value(QLatin1String("value_encoding")).toString() == QLatin1String("base64")
                        ? QByteArray::fromBase64(v.toLatin1())
                        : v.toUtf8();
                for (const QString& s : secrets) {
                    const QByteArray needle = s.toUtf8();
                    if (!needle.isEmpty() && bytes.contains(needle) && !found.contains(s)) found << s;
                }
            }
            return found;
        };
        secrets.removeDuplicates();
        QVERIFY(secrets.size() >= 60);
        QCOMPARE(leaked(clear.out).size(), secrets.size());
        const Run exported =
            run(QStringLiteral(REWIND_CLI), {QStringLiteral("export"), QStringLiteral("--raw"),
                                             QStringLiteral("--schema-registry"), m_registry, ws});
        QVERIFY2(exported.exit == 0, exported.err.constData());
        QVERIFY2(leaked(exported.out).isEmpty(), qPrintable(leaked(exported.out).join(QStringLiteral(", "))));
        const Run read =
            run(QStringLiteral("node"),
                {QStringLiteral(REWIND_SOURCE_DIR "/tests/serializers/read.mjs"), m_registry, descriptorFile},
                exported.out);
        QVERIFY2(read.exit == 0, read.err.constData());
        int orderCount = 0, paymentCount = 0;
        for (const QByteArray& line : read.out.split('\n')) {
            if (line.isEmpty()) continue;
            const QJsonObject o = QJsonDocument::fromJson(line).object();
            QVERIFY2(!o.contains(QLatin1String("error")), line.constData());
            const QJsonObject v = o.value(QLatin1String("value")).toObject();
            if (o.value(QLatin1String("topic")).toString() == ordersTopic) {
                ++orderCount;
                for (const char* f : {"id", "name", "email", "phone"})
                    QCOMPARE(v.value(QLatin1String("customer")).toObject().value(QLatin1String(f)).toString(),
                             QStringLiteral("***"));
                QCOMPARE(v.value(QLatin1String("shipping_address"))
                             .toObject()
                             .value(QLatin1String("country"))
                             .toString(),
                         QStringLiteral("***"));
                QVERIFY(v.value(QLatin1String("order_id")).toString().startsWith(QLatin1String("o-")));
                QVERIFY(v.value(QLatin1String("total_cents")).toDouble() > 0);
            } else {
                ++paymentCount;
                QCOMPARE(v.value(QLatin1String("cardLast4")).toString(), QStringLiteral("***"));
                QVERIFY(v.value(QLatin1String("paymentId")).toString().startsWith(QLatin1String("pay-")));
            }
        }
        QCOMPARE(orderCount, 25);
        QCOMPARE(paymentCount, 25);
    }

    // #28 point 1 (the CLI): `rewind-cli produce --value-subject` encodes values typed as JSON
    // with the registry's Avro, Protobuf and JSON Schema schemas, framed as Confluent frames them:
    // Confluent's deserializer reads back exactly what was typed. A line that does not fit its
    // schema is refused with the line and the field named, and nothing of the file is sent.
    void produceEncodesWithTheRegistrysSchemas()
    {
        NEEDS_REGISTRY();
        const QString bootstrap = qEnvironmentVariable("REWIND_KAFKA_BOOTSTRAP");
        if (bootstrap.isEmpty()) QSKIP("needs the test broker (scripts/test starts it)");
        QTemporaryDir protos;
        QVERIFY(QDir().mkpath(protos.filePath(QStringLiteral("common"))));
        QVERIFY(test::writeFile(protos.filePath(QStringLiteral("common/money.proto")), test::kMoneyProto));
        QVERIFY(test::writeFile(protos.filePath(QStringLiteral("order.proto")), test::kOrderProtoV1));
        const QString descriptorFile = descriptorSetFor(protos.path(), QStringLiteral("order.proto"));
        QVERIFY(!descriptorFile.isEmpty());
        const QString avroTopic = QStringLiteral("sandbox.produce-avro-") + m_suffix;
        const QString pbTopic = QStringLiteral("sandbox.produce-pb-") + m_suffix;
        const QString jsonTopic = QStringLiteral("sandbox.produce-json-") + m_suffix;
        // The subjects registered (no records: write.mjs only registers them).
        const QJsonObject plan{
            {QStringLiteral("steps"),
             QJsonArray{
                 QJsonObject{{QStringLiteral("topic"), avroTopic},
                             {QStringLiteral("format"), QStringLiteral("avro")},
                             {QStringLiteral("schema"), QString::fromUtf8(test::kMaskAvro)},
                             {QStringLiteral("records"), QJsonArray{}}},
                 QJsonObject{{QStringLiteral("topic"), pbTopic},
                             {QStringLiteral("format"), QStringLiteral("protobuf")},
                             {QStringLiteral("schema"), QString::fromUtf8(test::kOrderProtoV1)},
                             {QStringLiteral("descriptorSet"),
                              QString::fromLatin1(test::readFile(descriptorFile).toBase64())},
                             {QStringLiteral("messageType"), QStringLiteral("shop.Order")},
                             {QStringLiteral("references"),
                              QJsonArray{QJsonObject{
                                  {QStringLiteral("name"), QStringLiteral("common/money.proto")},
                                  {QStringLiteral("subject"), QStringLiteral("produce-money-") + m_suffix},
                                  {QStringLiteral("version"), 1},
                                  {QStringLiteral("schema"), QString::fromUtf8(test::kMoneyProto)}}}},
                             {QStringLiteral("records"), QJsonArray{}}},
                 QJsonObject{{QStringLiteral("topic"), jsonTopic},
                             {QStringLiteral("format"), QStringLiteral("json")},
                             {QStringLiteral("schema"), QString::fromUtf8(test::kMaskJsonSchema)},
                             {QStringLiteral("records"), QJsonArray{}}}}}};
        QVERIFY(serialize(QJsonDocument(plan).toJson(QJsonDocument::Compact)).ok());

        const auto produce = [&](const QString& topic, const QByteArray& lines,
                                 const QStringList& extra = {}) {
            return run(QStringLiteral(REWIND_CLI),
                       QStringList{QStringLiteral("produce"), QStringLiteral("-b"), bootstrap,
                                   QStringLiteral("-t"), topic, QStringLiteral("--create"),
                                   QStringLiteral("1"), QStringLiteral("-K"), QStringLiteral("\t"),
                                   QStringLiteral("--schema-registry"), m_registry,
                                   QStringLiteral("--value-subject"), topic + QStringLiteral("-value")} +
                           extra,
                       lines);
        };
        const auto readBack = [&](const QString& topic) {
            const Run exported =
                run(QStringLiteral(REWIND_CLI), {QStringLiteral("export"), QStringLiteral("-b"), bootstrap,
                                                 QStringLiteral("-t"), topic, QStringLiteral("--raw")});
            const Run r = run(
                QStringLiteral("node"),
                {QStringLiteral(REWIND_SOURCE_DIR "/tests/serializers/read.mjs"), m_registry, descriptorFile},
                exported.out);
            QList<QJsonObject> out;
            for (const QByteArray& line : r.out.split('\n'))
                if (!line.isEmpty()) out << QJsonDocument::fromJson(line).object();
            return out;
        };

        // A line that does not fit: refused, line and field named, nothing sent.
        const Run bad =
            produce(avroTopic, QByteArray(test::kProduceAvroLines) + "o-9\t{\"name\":7,\"vip\":true}\n");
        QVERIFY2(bad.exit == 6, bad.err.constData());
        QVERIFY2(bad.err.contains("line 3") && bad.err.contains("name: expected a string"),
                 bad.err.constData());
        QVERIFY(readBack(avroTopic).isEmpty());

        const Run avro = produce(avroTopic, test::kProduceAvroLines);
        QVERIFY2(avro.exit == 0, avro.err.constData());
        const QList<QJsonObject> avroBack = readBack(avroTopic);
        QCOMPARE(avroBack.size(), 2);
        const QJsonObject a0 = avroBack[0].value(QLatin1String("value")).toObject();
        QCOMPARE(a0.value(QLatin1String("email")).toString(), QStringLiteral("ann@example.com"));
        QCOMPARE(a0.value(QLatin1String("kind")).toString(), QStringLiteral("FIRM"));
        QCOMPARE(a0.value(QLatin1String("tags")).toObject().value(QLatin1String("a")).toString(),
                 QStringLiteral("b"));
        QCOMPARE(a0.value(QLatin1String("address")).toObject().value(QLatin1String("zip")).toInt(), 1000);
        const QJsonObject a1 = avroBack[1].value(QLatin1String("value")).toObject();
        QVERIFY(a1.value(QLatin1String("email")).isNull()); // missing: the field's default
        QCOMPARE(a1.value(QLatin1String("age")).toInt(-1), 0);
        QCOMPARE(a1.value(QLatin1String("kind")).toString(), QStringLiteral("PERSON"));
        QCOMPARE(a1.value(QLatin1String("address")).toObject().value(QLatin1String("zip")).toInt(-1), 0);
        QCOMPARE(a0.value(QLatin1String("salary")).toInt(), 90000); // {"long": …}: Avro's JSON union form
        // 2^53 + 1 survives: encoded from the digits, not through a double (our own decoder reads it;
        // the JavaScript deserializer refuses longs past 2^53).
        const Run big =
            produce(avroTopic, "o-5\t{\"name\":\"Ed\",\"vip\":true,\"address\":{\"street\":\"x\"},"
                               "\"cards\":[],\"tags\":{},\"kind\":\"FIRM\",\"salary\":9007199254740993,"
                               "\"items\":[]}\n");
        QVERIFY2(big.exit == 0, big.err.constData());
        const Run decoded =
            run(QStringLiteral(REWIND_CLI),
                {QStringLiteral("consume"), QStringLiteral("-b"), bootstrap, QStringLiteral("-t"), avroTopic,
                 QStringLiteral("-e"), QStringLiteral("--schema-registry"), m_registry});
        QVERIFY2(decoded.out.contains("\"salary\":9007199254740993"), decoded.out.constData());

        const Run pb = produce(pbTopic, test::kProduceOrderLines);
        QVERIFY2(pb.exit == 0, pb.err.constData());
        const QList<QJsonObject> pbBack = readBack(pbTopic);
        QCOMPARE(pbBack.size(), 1);
        const QJsonObject p0 = pbBack[0].value(QLatin1String("value")).toObject();
        QCOMPARE(p0.value(QLatin1String("orderId")).toString(), QStringLiteral("o-3"));
        QCOMPARE(p0.value(QLatin1String("payment")).toObject().value(QLatin1String("value")).toString(),
                 QStringLiteral("DE89370400440532013000"));
        QCOMPARE(
            p0.value(QLatin1String("lines")).toArray().first().toObject().value(QLatin1String("qty")).toInt(),
            4);
        const Run pbBad = produce(pbTopic, "o-4\t{\"order_id\":\"o-4\",\"nope\":1}\n");
        QVERIFY2(pbBad.exit == 6 && pbBad.err.contains("nope"), pbBad.err.constData());

        const Run js = produce(jsonTopic, test::kProduceJsonLines);
        QVERIFY2(js.exit == 0, js.err.constData());
        const QList<QJsonObject> jsBack = readBack(jsonTopic);
        QCOMPARE(jsBack.size(), 1);
        QCOMPARE(jsBack[0].value(QLatin1String("value")).toObject().value(QLatin1String("name")).toString(),
                 QStringLiteral("Cy"));
        const Run jsBad = produce(jsonTopic, "j-2\t{\"name\":\"Di\",\"vip\":\"yes\"}\n");
        QVERIFY2(jsBad.exit == 6 && jsBad.err.contains("vip: expected boolean"), jsBad.err.constData());
        // The registry from nowhere: a usage error, not a plain-text write.
        const Run none =
            run(QStringLiteral(REWIND_CLI),
                {QStringLiteral("produce"), QStringLiteral("-b"), bootstrap, QStringLiteral("-t"), jsonTopic,
                 QStringLiteral("--value-subject"), jsonTopic + QStringLiteral("-value")},
                test::kProduceJsonLines);
        QCOMPARE(none.exit, 2);
    }

    // #28 point 5 from the CLI against the test registry (Apicurio's Confluent API): register a
    // subject's first version, list subjects and versions with types and the compatibility level,
    // check a compatible and an incompatible change with the registry's own check, register the
    // next version, be refused the incompatible one, soft-delete a version; writes audited.
    void registryBrowsedCheckedRegisteredAndDeleted()
    {
        NEEDS_REGISTRY();
        const QString subject = QStringLiteral("registry-cli-") + m_suffix;
        QTemporaryDir dir;
        const QString v1 = dir.filePath(QStringLiteral("v1.avsc")),
                      v2 = dir.filePath(QStringLiteral("v2.avsc")),
                      bad = dir.filePath(QStringLiteral("bad.avsc"));
        QVERIFY(test::writeFile(
            v1,
            QByteArrayLiteral(
                "{\"type\":\"record\",\"name\":\"R\",\"fields\":[{\"name\":\"a\",\"type\":\"string\"}]}")));
        QVERIFY(test::writeFile(
            v2, QByteArrayLiteral(
                    "{\"type\":\"record\",\"name\":\"R\",\"fields\":[{\"name\":\"a\",\"type\":\"string\"},"
                    "{\"name\":\"b\",\"type\":\"int\",\"default\":0}]}")));
        QVERIFY(test::writeFile(
            bad, QByteArrayLiteral(
                     "{\"type\":\"record\",\"name\":\"R\",\"fields\":[{\"name\":\"a\",\"type\":\"int\"}]}")));
        const QString audit = dir.filePath(QStringLiteral("audit.ndjson"));
        qputenv("REWIND_AUDIT_FILE", audit.toUtf8());
        auto unsetAudit = qScopeGuard([] { qunsetenv("REWIND_AUDIT_FILE"); });
        const auto cli = [&](const QStringList& a) {
            return run(
                QStringLiteral(REWIND_CLI),
                QStringList{QStringLiteral("registry"), QStringLiteral("--schema-registry"), m_registry} + a);
        };
        const Run plan = cli({subject, QStringLiteral("--register"), v1});
        QVERIFY2(plan.exit == 0 && plan.out.contains("would be its first") && plan.out.contains("Dry run"),
                 plan.out.constData());
        const Run first = cli({subject, QStringLiteral("--register"), v1, QStringLiteral("--execute")});
        QVERIFY2(first.exit == 0 && first.out.contains("schema id"), first.err.constData());
        // The subject's own level, so the check below does not depend on the registry's default:
        // planned, then set; a level that is none is refused.
        const Run levelPlan = cli({subject, QStringLiteral("--set-level"), QStringLiteral("backward")});
        QVERIFY2(levelPlan.exit == 0 && levelPlan.out.contains("-> BACKWARD") &&
                     levelPlan.out.contains("Dry run"),
                 levelPlan.out.constData());
        const Run level = cli({subject, QStringLiteral("--set-level"), QStringLiteral("BACKWARD"),
                               QStringLiteral("--execute")});
        QVERIFY2(level.exit == 0 && level.out.contains("now has compatibility BACKWARD"),
                 level.err.constData());
        const Run badLevel = cli({subject, QStringLiteral("--set-level"), QStringLiteral("SIDEWAYS"),
                                  QStringLiteral("--execute")});
        QVERIFY2(badLevel.exit != 0 && badLevel.err.contains("not a compatibility level"),
                 badLevel.err.constData());

        const Run listed = cli({});
        QVERIFY2(listed.exit == 0, listed.err.constData());
        QVERIFY2(QString::fromUtf8(listed.out)
                     .contains(QRegularExpression(subject +
                                                  QStringLiteral("\\s+1\\s+\\d+\\s+AVRO\\s+-\\s+BACKWARD"))),
                 listed.out.constData());
        const Run good = cli({subject, QStringLiteral("--check"), v2});
        QVERIFY2(good.exit == 0 && good.out.contains(": compatible"), good.out.constData());
        const Run incompatible = cli({subject, QStringLiteral("--check"), bad});
        QVERIFY2(incompatible.exit == 9 && incompatible.out.contains("NOT compatible"),
                 incompatible.out.constData());
        QVERIFY(cli({subject, QStringLiteral("--register"), v2, QStringLiteral("--execute")}).exit == 0);
        const Run refused = cli({subject, QStringLiteral("--register"), bad, QStringLiteral("--execute")});
        QVERIFY2(refused.exit == 9 && refused.err.contains("registry refused it"), refused.err.constData());
        const Run versions = cli({subject});
        QVERIFY2(versions.out.contains("compatibility BACKWARD"), versions.out.constData());
        QCOMPARE(versions.out.count("AVRO"), qsizetype(2));
        const Run show = cli({subject, QStringLiteral("--show"), QStringLiteral("latest")});
        QVERIFY2(show.out.contains("\"b\""), show.out.constData());

        QVERIFY(
            cli({subject, QStringLiteral("--delete-version"), QStringLiteral("1")}).out.contains("Dry run"));
        QCOMPARE(cli({subject}).out.count("AVRO"), qsizetype(2));
        const Run deleted = cli(
            {subject, QStringLiteral("--delete-version"), QStringLiteral("1"), QStringLiteral("--execute")});
        QVERIFY2(deleted.exit == 0 && deleted.out.contains("Deleted"), deleted.err.constData());
        // (Confluent's registry then hides version 1 from the list; Apicurio 2.4 keeps listing a
        // soft-deleted version until it is deleted for good.)
        const QByteArray log = test::readFile(audit);
        QVERIFY2(log.contains("register schema") && log.contains("set compatibility") &&
                     log.contains("delete schema version") && log.contains("registry refused"),
                 log.constData());
    }

    // One replay path for every kind of source: a filter on decoded fields selects the same
    // records from a cluster, a workspace and a broker's data directory, and each is written as
    // the serializer's bytes. (The cluster once bypassed the decoding stage and matched nothing.)
    void replayReadsDecodedRecordsFromEveryKindOfSource()
    {
        NEEDS_REGISTRY();
        const QString bootstrap = qEnvironmentVariable("REWIND_KAFKA_BOOTSTRAP");
        const QString data = qEnvironmentVariable("REWIND_KAFKA_DATA");
        if (bootstrap.isEmpty() || data.isEmpty()) QSKIP("needs the test broker (scripts/test starts it)");
        const QString topic = QStringLiteral("sandbox.replay-src-") + m_suffix;
        QJsonArray records;
        const QStringList marks = {QStringLiteral("keep"), QStringLiteral("skip"), QStringLiteral("keep"),
                                   QStringLiteral("skip"), QStringLiteral("keep")};
        for (int i = 0; i < marks.size(); ++i)
            records.append(QJsonObject{
                {QStringLiteral("key"), QStringLiteral("k%1").arg(i)},
                {QStringLiteral("value"), QJsonObject{{QStringLiteral("s"), marks[i]},
                                                      {QStringLiteral("n"), i},
                                                      {QStringLiteral("l"), QJsonArray{i}},
                                                      {QStringLiteral("e"), QStringLiteral("X")}}}});
        const QJsonObject plan{
            {QStringLiteral("steps"),
             QJsonArray{QJsonObject{{QStringLiteral("topic"), topic},
                                    {QStringLiteral("format"), QStringLiteral("avro")},
                                    {QStringLiteral("schema"), QString::fromUtf8(test::kAgreeSchema)},
                                    {QStringLiteral("records"), records}}}}};
        const auto serialized = serialize(QJsonDocument(plan).toJson(QJsonDocument::Compact));
        QVERIFY(serialized.ok());
        std::vector<ProducerRecord> produced;
        for (const QByteArray& line : serialized.lines) {
            auto rec = parseEnvelopeLine(line);
            QVERIFY(rec.ok());
            ProducerRecord r = rec->record;
            r.topic = topic;
            r.partition = 0;
            r.timestamp = 1795000000000 + static_cast<qint64>(produced.size());
            produced.push_back(r);
        }
        QCOMPARE(produced.size(), size_t(5));

        // The same records on a cluster, in a broker's data directory (copied) and in a workspace.
        KafkaProfile profile;
        profile.name = QStringLiteral("replay-kinds");
        profile.bootstrap = bootstrap;
        profile.registryUrl = m_registry;
        auto kafka = KafkaClient::connect(profile);
        QVERIFY(kafka.ok());
        QVERIFY(kafka.value()->createTopic(topic, 1).ok());
        QVERIFY(kafka.value()->produce(produced).ok());
        QTemporaryDir copy;
        copyPartition(data, topic + QStringLiteral("-0"), copy.filePath(topic + QStringLiteral("-0")));
        const QString ws = m_dir.filePath(QStringLiteral("replay-kinds.rewind"));
        {
            auto store = WorkspaceStore::create(ws);
            QVERIFY(store.ok());
            QVERIFY(store.value()->createTopic(topic, 1).ok());
            QVERIFY(store.value()->append(produced).ok());
        }
        SourceSpec cluster = SourceSpec::cluster(profile);
        SourceSpec workspace = SourceSpec::file(ws);
        workspace.schemaRegistry = registry(m_registry);
        SourceSpec dataDir = SourceSpec::file(copy.path());
        dataDir.schemaRegistry = registry(m_registry);

        for (const auto& [kind, spec] : {std::pair{QStringLiteral("cluster"), cluster},
                                         std::pair{QStringLiteral("workspace"), workspace},
                                         std::pair{QStringLiteral("data directory"), dataDir}}) {
            ReplayJob job;
            job.source = spec;
            job.sourceTopic = topic;
            job.target =
                SourceSpec::file(m_dir.filePath(QStringLiteral("replay-kinds-%1.rewind").arg(kind.left(4))));
            job.targetTopic = QStringLiteral("sandbox.kept");
            job.filter = QStringLiteral("value.s == \"keep\"");
            job.provenance = false;
            auto planned = planReplay(job);
            QVERIFY2(planned.ok(), qPrintable(kind + QStringLiteral(": ") +
                                              (planned.ok() ? QString() : planned.error().message)));
            QCOMPARE(planned->records, qint64(3));
            auto report = runReplay(job, ReplayMode::Run);
            QVERIFY2(report.ok(), qPrintable(kind + QStringLiteral(": ") +
                                             (report.ok() ? QString() : report.error().message)));
            QVERIFY2(report->written == 3,
                     qPrintable(QStringLiteral("%1: %2 written of %3, %4 filter errors, %5")
                                    .arg(kind)
                                    .arg(report->written)
                                    .arg(report->total)
                                    .arg(report->filterErrors)
                                    .arg(report->note)));
            auto out = WorkspaceStore::open(job.target.path, WorkspaceStore::Mode::ReadOnly);
            QVERIFY(out.ok());
            auto written = out.value()->read(job.targetTopic, 0, 0, 10);
            QVERIFY(written.ok());
            QCOMPARE(written->size(), size_t(3));
            for (size_t i = 0; i < 3; ++i) {
                QCOMPARE(*written->at(i).value, *produced[i * 2].value); // the serializer's bytes, not JSON
                QCOMPARE(*written->at(i).key, *produced[i * 2].key);
            }
        }
        (void)kafka.value()->deleteTopic(topic);
    }
};

QTEST_MAIN(TstSchemas)
#include "tst_schemas.moc"
