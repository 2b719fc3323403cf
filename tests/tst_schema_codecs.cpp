// The schema codecs (avro-c, libprotobuf) and the registry client on their own: no records from
// the official serializers are needed, so these run without the test registry too.
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

// The codecs on their own, without records from the registry: Protobuf printed as libprotobuf
// prints it, Avro strings as JSON strings, hostile schemas refused, a registry that is down.
class TstSchemaCodecs : public QObject, protected SchemasFixture {
    Q_OBJECT

private slots:
    void initTestCase() { readSettings(); }

    // A registry that does not answer is one error per record, reached quickly, not a hang.
    void registryDownIsAnErrorNotAStop()
    {
        const QString ws = m_dir.filePath(QStringLiteral("down.rewind"));
        {
            auto store = WorkspaceStore::create(ws);
            QVERIFY(store.ok());
            QVERIFY(store.value()->createTopic(QStringLiteral("t"), 1).ok());
            std::vector<ProducerRecord> recs;
            for (int i = 0; i < 50; ++i)
                recs.push_back(test::producerRecord(QStringLiteral("t"), 0, 1000 + i, std::nullopt,
                                                    QByteArray("\0\0\0\0\x01\x02", 6)));
            QVERIFY(store.value()->append(recs).ok());
        }
        SourceSpec spec = SourceSpec::file(ws);
        spec.schemaRegistry = registry(QStringLiteral("http://127.0.0.1:9/apis/ccompat/v7"));
        auto source = openRecordSource(spec);
        QVERIFY(source.ok());
        int errors = 0;
        QString first;
        QElapsedTimer t;
        t.start();
        QVERIFY(source.value()
                    ->scan(QStringLiteral("t"), 0, 0, 100,
                           [&](const RecordView& v) {
                               if (v.decoding && !v.decoding->value.error.isEmpty()) {
                                   ++errors;
                                   if (first.isEmpty()) first = v.decoding->value.error;
                               }
                               return true;
                           })
                    .ok());
        QCOMPARE(errors, 50);
        QVERIFY2(first.contains(QLatin1String("did not answer")), qPrintable(first));
        QVERIFY2(t.elapsed() < 15000, "one failed fetch, remembered, not one per record");
    }

    // Our Protobuf JSON printer and libprotobuf's own (preserve_proto_field_names,
    // always_print_primitive_fields) print the same document for every shape and well-known type.
    void protobufPrinterAgreesWithLibprotobuf()
    {
        auto ours = protobuf::Schema::parse(test::kPrinterProto);
        QVERIFY2(ours.ok(), ours.ok() ? "" : qPrintable(ours.error().message));
        google::protobuf::DescriptorPool pool(google::protobuf::DescriptorPool::generated_pool());
        google::protobuf::FileDescriptorProto fdp;
        {
            google::protobuf::io::ArrayInputStream in(test::kPrinterProto,
                                                      static_cast<int>(std::strlen(test::kPrinterProto)));
            google::protobuf::io::Tokenizer tokens(&in, nullptr);
            google::protobuf::compiler::Parser parser;
            QVERIFY(parser.Parse(&tokens, &fdp));
            fdp.set_name("printer.proto");
        }
        QVERIFY(pool.BuildFile(fdp));
        google::protobuf::DynamicMessageFactory factory(&pool);
        const auto* type = pool.FindMessageTypeByName("p.All");
        QVERIFY(type);
        std::unique_ptr<google::protobuf::Message> m(factory.GetPrototype(type)->New());
        QVERIFY(google::protobuf::TextFormat::ParseFromString(test::kPrinterMessage, m.get()));
        std::string bytes, theirs;
        QVERIFY(m->SerializeToString(&bytes));
        google::protobuf::util::JsonPrintOptions options;
        options.preserve_proto_field_names = true;
        options.always_print_primitive_fields = true;
        QVERIFY(google::protobuf::util::MessageToJsonString(*m, &theirs, options).ok());
        QByteArray mine;
        auto r = ours.value()->decode(QByteArray::fromStdString(bytes), QStringLiteral("p.All"), mine);
        QVERIFY2(r.ok(), r.ok() ? "" : qPrintable(r.error().message));
        const QJsonDocument a = QJsonDocument::fromJson(mine),
                            b = QJsonDocument::fromJson(QByteArray::fromStdString(theirs));
        QVERIFY2(!a.isNull(), mine.constData());
        QVERIFY2(a == b, (mine + "\n" + QByteArray::fromStdString(theirs)).constData());
    }

    // Hostile schemas are refused with a reason, never a crash or a hang.
    void hostileSchemasAreRefused()
    {
        QVERIFY(!avro::Schema::parse("{").ok());
        QVERIFY(!avro::Schema::parse(raw(32)).ok());
        QByteArray deep;
        for (int i = 0; i < 5000; ++i)
            deep += raw(33);
        deep += "\"int\"" + QByteArray(5000, '}');
        QVERIFY(!avro::Schema::parse(deep).ok());
        // A recursive type: legal, and a payload that recurses forever is stopped by the depth cap.
        auto list = avro::Schema::parse(raw(34));
        QVERIFY2(list.ok(), list.ok() ? "" : qPrintable(list.error().message));
        QByteArray bomb(100000, '\x02'); // branch 1 (L) again and again
        QByteArray out;
        auto r = list.value()->toJson(bomb, out);
        QVERIFY(!r.ok());
        QVERIFY2(r.error().message.contains(QLatin1String("deeper")), qPrintable(r.error().message));
    }

    // Strings: plain ASCII is copied 8 bytes at a time, anything else escaped as JSON wants it,
    // and bytes that are not UTF-8 are an error, wherever in the string they are.
    void avroStringsBecomeJsonStrings()
    {
        auto schema = avro::Schema::parse("\"string\"");
        QVERIFY(schema.ok());
        auto decode = [&](const QByteArray& text) -> std::optional<QByteArray> {
            QByteArray payload(1, static_cast<char>(text.size() * 2)); // zigzag length, one byte
            payload += text;
            QByteArray out;
            if (!schema.value()->toJson(payload, out).ok()) return std::nullopt;
            return out;
        };
        auto expected = [](const QByteArray& text) {
            QByteArray j;
            json::appendString(j, text);
            return j;
        };
        const QList<QByteArray> texts{"",
                                      "short",
                                      "customer62@example.com, exactly",
                                      "0123456789\"quoted\" after ten",
                                      "01234567\nline two",
                                      "back\\slash in the first eight",
                                      "ctrl \x01 and \x1f and \x7f",
                                      QStringLiteral("Привет, мир — 8 байт и больше").toUtf8()};
        for (const QByteArray& t : texts) {
            const auto got = decode(t);
            QVERIFY2(got, t.constData());
            QCOMPARE(*got, expected(t));
            QVERIFY(json::isValidJson(*got));
        }
        QVERIFY(!decode(QByteArray("0123456789abcdef\xff")));
        QVERIFY(!decode(QByteArray("\xc3")));
        QVERIFY(!decode(QByteArray("abcdefgh\xe2\x82")));
    }
};
QTEST_MAIN(TstSchemaCodecs)
#include "tst_schema_codecs.moc"
