// Masking schema-encoded values (#28 point 6) codec by codec: the policy's paths masked, the
// value encoded again with the same writer schema, every masked field keeping its type (strings
// "***", arrays and maps empty, records field by field, other types the schema's default), the
// rest byte for byte as it was; a field with no safe stand-in refused with its path named.
// Records from Confluent's serializers, read back by Confluent's deserializer, are in tst_schemas.

#include "avro_codec.h"
#include "json_schema_mask.h"
#include "mask_policy.h"
#include "protobuf_codec.h"
#include "schema_texts.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

#include <google/protobuf/compiler/parser.h>
#include <google/protobuf/descriptor.pb.h>
#include <google/protobuf/dynamic_message.h>
#include <google/protobuf/io/tokenizer.h>
#include <google/protobuf/io/zero_copy_stream_impl_lite.h>
#include <google/protobuf/text_format.h>

#include <cstring>

using namespace rw;

namespace {

// Avro's binary encoding, written by hand: the masker is checked against bytes it did not make.
struct AvroOut {
    QByteArray b;
    AvroOut& varlong(qint64 v)
    {
        quint64 z = (static_cast<quint64>(v) << 1) ^ static_cast<quint64>(v >> 63);
        while (z >= 0x80) {
            b += static_cast<char>((z & 0x7f) | 0x80);
            z >>= 7;
        }
        b += static_cast<char>(z);
        return *this;
    }
    AvroOut& str(const QByteArray& s)
    {
        varlong(s.size());
        b += s;
        return *this;
    }
    AvroOut& boolean(bool v)
    {
        b += v ? '\1' : '\0';
        return *this;
    }
};

MaskPaths pathsOf(const QStringList& fields)
{
    MaskPaths p;
    for (const QString& f : fields) {
        QList<QByteArray> segs;
        for (const QString& s : f.split(QLatin1Char('.')))
            segs << s.toUtf8();
        p.segments.push_back(segs);
    }
    p.hits.assign(p.segments.size(), 0);
    return p;
}

QByteArray customer()
{
    AvroOut o;
    o.str("Alice Example");                                                    // name
    o.varlong(1).str("alice@example.com");                                     // email: branch string
    o.varlong(41);                                                             // age
    o.boolean(true);                                                           // vip
    o.str("1 Main St").varlong(12345);                                         // address
    o.varlong(-2).varlong(10).str("4111").str("4242").varlong(0);              // cards: a block with its size
    o.varlong(2).str("home").str("Elm 2").str("work").str("Oak 9").varlong(0); // tags
    o.varlong(1);                                                              // kind: PERSON
    o.varlong(1).varlong(90000);                                               // salary: branch long
    o.varlong(1).str("A-1").str("5555").varlong(0);                            // items
    return o.b;
}

QJsonObject avroJson(const avro::Schema& s, QByteArrayView payload)
{
    QByteArray out;
    auto r = s.toJson(payload, out);
    if (!r) qWarning("%s", qPrintable(r.error().message));
    return QJsonDocument::fromJson(out).object();
}

} // namespace

class TstSchemaMasking : public QObject {
    Q_OBJECT

private slots:
    void avroFieldsKeepTheirTypes()
    {
        auto schema = avro::Schema::parse(test::kMaskAvro);
        QVERIFY2(schema.ok(), schema.ok() ? "" : qPrintable(schema.error().message));
        const avro::Schema& s = *schema.value();
        const QByteArray in = customer();
        const QJsonObject before = avroJson(s, in);
        QCOMPARE(before.value(QLatin1String("email")).toString(), QStringLiteral("alice@example.com"));

        MaskPaths paths =
            pathsOf({QStringLiteral("name"), QStringLiteral("email"), QStringLiteral("age"),
                     QStringLiteral("address"), QStringLiteral("cards"), QStringLiteral("tags.home"),
                     QStringLiteral("kind"), QStringLiteral("salary"), QStringLiteral("items.card"),
                     QStringLiteral("nickname")});
        QByteArray out;
        auto r = s.mask(in, paths, out);
        QVERIFY2(r.ok(), r.ok() ? "" : qPrintable(r.error().message));
        QVERIFY(r.value());
        const QJsonObject after = avroJson(s, out); // reads back with the same writer schema
        QVERIFY2(!after.isEmpty(), out.toHex().constData());
        const QJsonObject expected =
            QJsonDocument::fromJson(R"({"name":"***","email":"***","age":0,"vip":true,
            "address":{"street":"***","zip":0},"cards":[],"tags":{"home":"***","work":"Oak 9"},
            "kind":"UNKNOWN","salary":null,"items":[{"sku":"A-1","card":"***"}]})")
                .object();
        QCOMPARE(after, expected);
        for (const char* secret : {"Alice", "alice@", "Main St", "4111", "4242", "Elm 2", "5555"})
            QVERIFY2(!out.contains(secret), secret);
        // Hits per path; a path that names nothing stays at zero (the Masker reports it).
        QCOMPARE(paths.hits.back(), 0);
        for (size_t i = 0; i + 1 < paths.hits.size(); ++i)
            QVERIFY2(paths.hits[i] >= 1, qPrintable(QString::number(i)));

        // Nothing the policy names: false, nothing written.
        MaskPaths none = pathsOf({QStringLiteral("customer.email")});
        QByteArray untouched;
        auto n = s.mask(in, none, untouched);
        QVERIFY(n.ok());
        QVERIFY(!n.value());
        QVERIFY(untouched.isEmpty());

        // A boolean without a default has no safe stand-in: refused, the path named.
        MaskPaths vip = pathsOf({QStringLiteral("vip")});
        QByteArray refused;
        auto v = s.mask(in, vip, refused);
        QVERIFY(!v.ok());
        QCOMPARE(v.error().code, ErrorCode::Refused);
        QVERIFY2(v.error().message.contains(QLatin1String("vip is an Avro boolean")),
                 qPrintable(v.error().message));
        // A truncated payload is an error, not a partial record.
        MaskPaths name = pathsOf({QStringLiteral("name")});
        QByteArray cut;
        QVERIFY(!s.mask(in.first(in.size() - 3), name, cut).ok());
        QVERIFY(cut.isEmpty());
    }

    // Protobuf: every kind of field, through a map of messages and a child message; the message
    // indexes of the framing are kept.
    void protobufFieldsKeepTheirTypes()
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
        std::unique_ptr<google::protobuf::Message> m(
            factory.GetPrototype(pool.FindMessageTypeByName("p.All"))->New());
        QVERIFY(google::protobuf::TextFormat::ParseFromString(test::kPrinterMessage, m.get()));
        std::string bytes;
        QVERIFY(m->SerializeToString(&bytes));
        const QByteArray framed = QByteArray(1, '\0') + QByteArray::fromStdString(bytes); // indexes [0]

        MaskPaths paths = pathsOf({QStringLiteral("s"), QStringLiteral("by"), QStringLiteral("i32"),
                                   QStringLiteral("rs"), QStringLiteral("mi"), QStringLiteral("ms.k.s"),
                                   QStringLiteral("child.s"), QStringLiteral("ts"), QStringLiteral("cs")});
        QByteArray out;
        auto r = ours.value()->maskFramed(framed, paths, out);
        QVERIFY2(r.ok(), r.ok() ? "" : qPrintable(r.error().message));
        QVERIFY(r.value());
        QCOMPARE(out.at(0), '\0');
        QByteArray text;
        QVERIFY(ours.value()->decodeFramed(out, text).ok());
        const QJsonObject after = QJsonDocument::fromJson(text).object();
        QCOMPARE(after.value(QLatin1String("s")).toString(), QStringLiteral("***"));
        QCOMPARE(QByteArray::fromBase64(after.value(QLatin1String("by")).toString().toLatin1()),
                 QByteArray("***"));
        QCOMPARE(after.value(QLatin1String("i32")).toInt(-1), 0);
        QCOMPARE(after.value(QLatin1String("rs")).toArray().size(), 0);
        QCOMPARE(after.value(QLatin1String("mi")).toObject().size(), 0);
        const QJsonObject k =
            after.value(QLatin1String("ms")).toObject().value(QLatin1String("k")).toObject();
        QCOMPARE(k.value(QLatin1String("s")).toString(), QStringLiteral("***"));
        QCOMPARE(k.value(QLatin1String("ri64")).toArray().first().toString(), QStringLiteral("5")); // kept
        QCOMPARE(after.value(QLatin1String("child")).toObject().value(QLatin1String("s")).toString(),
                 QStringLiteral("***"));
        QCOMPARE(after.value(QLatin1String("ts")).toString(), QStringLiteral("1970-01-01T00:00:00Z"));
        // The oneof held `cm`, not `cs`: it keeps its case (nothing to hide in an unset field).
        QVERIFY(after.contains(QLatin1String("cm")));
        QCOMPARE(after.value(QLatin1String("i64")).toString(),
                 QStringLiteral("-9007199254740993")); // untouched
        QVERIFY(!text.contains("h\\u00e9llo") && !text.contains("héllo") && !text.contains("minus two"));

        // A payload that is not the message: an error, nothing written.
        MaskPaths s = pathsOf({QStringLiteral("s")});
        QByteArray bad;
        QVERIFY(!ours.value()->maskFramed(QByteArray("\0\xff\xff\xff", 4), s, bad).ok());
        QVERIFY(bad.isEmpty());
    }

    void jsonSchemaFieldsKeepTheirTypes()
    {
        const QJsonObject schema = QJsonDocument::fromJson(test::kMaskJsonSchema).object();
        QVERIFY(!schema.isEmpty());
        // 12345678901234567890 is beyond a double: unmasked numbers must keep every digit.
        const QByteArray in = R"({"name":"Alice","total":12.5,"vip":true,"id":12345678901234567890,)"
                              R"("address":{"street":"1 Main St","zip":12345},)"
                              R"("lines":[{"sku":"A-1","card":"4111"},{"sku":"B-2","card":"4242"}]})";
        MaskPaths paths = pathsOf({QStringLiteral("name"), QStringLiteral("total"), QStringLiteral("address"),
                                   QStringLiteral("lines.card")});
        QByteArray out;
        auto r = maskJsonDocument(in, schema, paths, out);
        QVERIFY2(r.ok(), r.ok() ? "" : qPrintable(r.error().message));
        QVERIFY(r.value());
        QCOMPARE(out, QByteArray(R"({"name":"***","total":0,"vip":true,"id":12345678901234567890,)"
                                 R"("address":{"street":"***","zip":0},)"
                                 R"("lines":[{"sku":"A-1","card":"***"},{"sku":"B-2","card":"***"}]})"));
        MaskPaths vip = pathsOf({QStringLiteral("vip")});
        QByteArray refused;
        auto v = maskJsonDocument(in, schema, vip, refused);
        QVERIFY(!v.ok());
        QVERIFY2(v.error().message.startsWith(QLatin1String("vip: a boolean")),
                 qPrintable(v.error().message));
        QVERIFY(!maskJsonDocument("[1,2]", schema, vip, refused).ok()); // not an object
    }

    // Typing a value as JSON (produce): logical types from ISO text, longs from their digits,
    // unions either way, defaults for missing fields, and errors naming the field.
    void avroFromJsonTypesEveryShape()
    {
        auto schema = avro::Schema::parse(R"({"type":"record","name":"T","fields":[
            {"name":"at","type":{"type":"long","logicalType":"timestamp-micros"}},
            {"name":"day","type":{"type":"int","logicalType":"date"}},
            {"name":"price","type":{"type":"bytes","logicalType":"decimal","precision":10,"scale":2}},
            {"name":"big","type":"long"},
            {"name":"u","type":["null","string","long"]},
            {"name":"raw","type":"bytes"},
            {"name":"f","type":"float"},
            {"name":"opt","type":["null","string"],"default":null}]})");
        QVERIFY2(schema.ok(), schema.ok() ? "" : qPrintable(schema.error().message));
        const QByteArray in = R"({"at":"2026-11-18T03:17:48.239123Z","day":"2026-11-18","price":"-12.5",)"
                              R"("big":9007199254740993,"u":{"long":7},"raw":"0x00ff","f":0.1})";
        QByteArray bytes;
        auto r = schema.value()->fromJson(in, bytes);
        QVERIFY2(r.ok(), r.ok() ? "" : qPrintable(r.error().message));
        QByteArray text;
        QVERIFY(schema.value()->toJson(bytes, text).ok());
        QCOMPARE(text, QByteArray(R"({"at":"2026-11-18T03:17:48.239123Z","day":"2026-11-18","price":-12.50,)"
                                  R"("big":9007199254740993,"u":7,"raw":"0x00ff","f":0.1,"opt":null})"));
        // What it shows reads back the same: the decoder's JSON is valid input.
        QByteArray again, text2;
        QVERIFY(schema.value()->fromJson(text, again).ok());
        QVERIFY(schema.value()->toJson(again, text2).ok());
        QCOMPARE(text2, text);
        const auto error = [&](const QByteArray& json) {
            QByteArray out;
            auto e = schema.value()->fromJson(json, out);
            return e.ok() ? QString() : e.error().message;
        };
        QCOMPARE(error(R"({"at":1,"day":1,"price":1,"big":"x","u":null,"raw":"0x","f":1})"),
                 QStringLiteral("big: expected an integer"));
        QCOMPARE(error(R"({"at":1,"day":1,"price":1,"big":1,"u":true,"raw":"0x","f":1})"),
                 QStringLiteral("u: expected a value of one of null, string, long"));
        QCOMPARE(error(R"({"at":1,"day":1,"price":"1.234","big":1,"u":null,"raw":"0x","f":1})"),
                 QStringLiteral("price: expected at most 2 decimal places"));
        QCOMPARE(error(R"({"day":1,"price":1,"big":1,"u":null,"raw":"0x","f":1})"),
                 QStringLiteral("at: missing, and the field has no default"));
        QCOMPARE(error(R"({"at":1,"day":1,"price":1,"big":1,"u":null,"raw":"0x","f":1,"x":2})"),
                 QStringLiteral("x: record T has no such field"));
        QVERIFY(!error("{").isEmpty());
    }

    // The Masker hands schema-encoded values to its EncodedMasking, counts what it masked for
    // the unmatched report, and refuses to remove fields from them.
    void maskerUsesTheEncodedMasking()
    {
        class OnlyAvro final : public EncodedMasking {
        public:
            std::shared_ptr<const avro::Schema> schema;
            Result<bool> mask(const QString&, QByteArrayView stored, MaskPaths& paths,
                              QByteArray& out) override
            {
                if (!stored.startsWith("AV")) return false;
                out = "AV";
                auto r = schema->mask(stored.sliced(2), paths, out);
                if (!r) return r.error();
                if (!r.value()) out = stored.toByteArray();
                return true;
            }
        };
        auto enc = std::make_shared<OnlyAvro>();
        auto schema = avro::Schema::parse(test::kMaskAvro);
        QVERIFY(schema.ok());
        enc->schema = schema.value();
        Masker masker(MaskPolicy{{QStringLiteral("email"), QStringLiteral("nickname")}, {}});
        masker.setEncoded(enc);
        QByteArray out;
        auto r = masker.storedValue(QStringLiteral("t"), "AV" + customer(), out);
        QVERIFY(r.ok());
        QVERIFY(r.value());
        QCOMPARE(
            avroJson(*enc->schema, QByteArrayView(out).sliced(2)).value(QLatin1String("email")).toString(),
            QStringLiteral("***"));
        // A plain JSON value still goes through the JSON masker.
        auto j = masker.storedValue(QStringLiteral("t"), R"({"email":"a@b"})", out);
        QVERIFY(j.ok());
        QCOMPARE(out, QByteArray(R"({"email":"***"})"));
        QCOMPARE(masker.unmatched(), QStringList{QStringLiteral("nickname")});

        Masker removing(MaskPolicy{{QStringLiteral("email")}, {}}, {QStringLiteral("age")});
        removing.setEncoded(enc);
        auto rm = removing.storedValue(QStringLiteral("t"), "AV" + customer(), out);
        QVERIFY(!rm.ok());
        QVERIFY2(rm.error().message.contains(QLatin1String("cannot be removed")),
                 qPrintable(rm.error().message));
    }
};

QTEST_GUILESS_MAIN(TstSchemaMasking)
#include "tst_schema_masking.moc"
