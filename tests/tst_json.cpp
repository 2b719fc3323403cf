#include "json.h"
#include "mask_policy.h"
#include "text_diff.h"

#include <QTest>

using namespace rw;

class TstJson : public QObject {
    Q_OBJECT
private slots:
    void membersWithRawSpans()
    {
        const QByteArray text = R"( {"a": 1, "b" : {"x":[1,2,{"y":null}]}, "c":"s\u00e9\n", "d":true} )";
        auto m = json::parseObject(text);
        QVERIFY2(m.ok(), qPrintable(m.ok() ? QString() : m.error().message));
        QCOMPARE(m.value().size(), size_t(4));
        QCOMPARE(m.value()[0].name, QByteArray("a"));
        QCOMPARE(m.value()[0].value.type, json::Type::Number);
        QCOMPARE(m.value()[1].value.raw.toByteArray(), QByteArray(R"({"x":[1,2,{"y":null}]})"));
        QCOMPARE(m.value()[2].value.string, QByteArray("s\xc3\xa9\n"));
        QCOMPARE(m.value()[3].value.type, json::Type::Bool);
    }

    void surrogatePairsDecode()
    {
        auto m = json::parseObject(R"({"e":"\ud83d\ude00"})");
        QVERIFY(m.ok());
        QCOMPARE(m.value()[0].value.string, QByteArray("\xf0\x9f\x98\x80"));
        QVERIFY(!json::parseObject(R"({"e":"\ud83d"})").ok());
        QVERIFY(!json::parseObject(R"({"e":"\ude00x"})").ok());
    }

    void errorsNameTheColumn_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<int>("column");
        QTest::newRow("missing colon") << QByteArray(R"({"a" 1})") << 6;
        QTest::newRow("trailing") << QByteArray(R"({"a":1} x)") << 9;
        QTest::newRow("bad literal") << QByteArray(R"({"a":tru})") << 6;
        QTest::newRow("control char") << QByteArray("{\"a\":\"x\ty\"}") << 8;
        QTest::newRow("unterminated") << QByteArray("{\"a\":\"abc") << 10;
        QTest::newRow("leading zero ok, bad exponent") << QByteArray(R"({"a":0e})") << 8;
    }
    void errorsNameTheColumn()
    {
        QFETCH(QByteArray, text);
        QFETCH(int, column);
        auto m = json::parseObject(text);
        QVERIFY(!m.ok());
        QCOMPARE(m.error().code, ErrorCode::Parse);
        QVERIFY2(m.error().message.contains(QStringLiteral("column %1").arg(column)),
                 qPrintable(m.error().message));
    }

    void invalidUtf8IsRejectedUnlessLenient()
    {
        const QByteArray text = QByteArray("{\"a\":\"\xff\xfe\"}");
        QVERIFY(!json::parseObject(text).ok());
        auto lenient = json::parseObject(text, true);
        QVERIFY(lenient.ok());
        QCOMPARE(lenient.value()[0].value.string, QByteArray("\xff\xfe"));
    }

    void deepNestingIsCapped()
    {
        const QByteArray deep = "{\"a\":" + QByteArray(100000, '[') + QByteArray(100000, ']') + "}";
        auto m = json::parseObject(deep);
        QVERIFY(!m.ok());
        QVERIFY(m.error().message.contains(QStringLiteral("too deep")));
        const QByteArray ok = "{\"a\":" + QByteArray(100, '[') + QByteArray(100, ']') + "}";
        QVERIFY(json::parseObject(ok).ok());
    }

    void utf8Validation_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<bool>("valid");
        QTest::newRow("ascii") << QByteArray("hello world, long enough for the fast path") << true;
        QTest::newRow("2-byte") << QByteArray("caf\xc3\xa9") << true;
        QTest::newRow("4-byte") << QByteArray("\xf0\x9f\x98\x80") << true;
        QTest::newRow("overlong") << QByteArray("\xc0\xaf") << false;
        QTest::newRow("surrogate") << QByteArray("\xed\xa0\x80") << false;
        QTest::newRow("too big") << QByteArray("\xf4\x90\x80\x80") << false;
        QTest::newRow("truncated") << QByteArray("abc\xe2\x82") << false;
        QTest::newRow("lone continuation") << QByteArray("\x80") << false;
    }
    void utf8Validation()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(bool, valid);
        QCOMPARE(json::isValidUtf8(bytes), valid);
    }

    void stringEscapingRoundTrips()
    {
        QByteArray all;
        for (int c = 1; c < 128; ++c)
            all.append(static_cast<char>(c));
        all.append("\xc3\xa9\xf0\x9f\x98\x80");
        QByteArray doc = "{\"s\":";
        json::appendString(doc, all);
        doc.append('}');
        QVERIFY(!doc.contains('\n'));
        auto m = json::parseObject(doc);
        QVERIFY(m.ok());
        QCOMPARE(m.value()[0].value.string, all);
    }

    void prettyKeepsMemberOrder()
    {
        const QByteArray in = R"({"type":"X","a":[1,{"z":null,"b":true}],"e":{},"n":-1.5e3})";
        const QByteArray expected = "{\n  \"type\": \"X\",\n  \"a\": [\n    1,\n    {\n      \"z\": null,\n  "
                                    "    \"b\": true\n    }\n  ],\n"
                                    "  \"e\": {},\n  \"n\": -1.5e3\n}";
        QCOMPARE(json::pretty(in, 2), expected);
        QVERIFY(json::isValidJson(json::pretty(in)));
        QVERIFY(json::pretty("{oops").isEmpty());
        QCOMPARE(json::pretty("\"s\""), QByteArray("\"s\""));
    }

    void validity()
    {
        QVERIFY(json::isValidJson(" [1, 2.5e-3, -0, \"x\", {}] "));
        QVERIFY(!json::isValidJson("[1,]"));
        QVERIFY(!json::isValidJson("01"));
        QVERIFY(!json::isValidJson(""));
    }

    // The line diff people read for two schema versions: hunks with context, line numbers as
    // `diff -u` counts them, and nothing for equal texts.
    void unifiedLineDiff()
    {
        const QString a = QStringLiteral("a\nb\nc\nd\ne\nf\ng\nh\ni\nj\n");
        QCOMPARE(unifiedDiff(a, a, QStringLiteral("x"), QStringLiteral("y")), QString());
        QString b = a;
        b.replace(QStringLiteral("c\n"), QStringLiteral("C\n"))
            .replace(QStringLiteral("j\n"), QStringLiteral("j\nk\n"));
        QCOMPARE(
            unifiedDiff(a, b, QStringLiteral("v1"), QStringLiteral("v2"), 1),
            QStringLiteral("--- v1\n+++ v2\n@@ -2,3 +2,3 @@\n b\n-c\n+C\n d\n@@ -10,1 +10,2 @@\n j\n+k\n"));
        // Close changes share one hunk.
        QCOMPARE(unifiedDiff(QStringLiteral("1\n2\n3\n"), QStringLiteral("0\n1\n3\n"), QStringLiteral("a"),
                             QStringLiteral("b")),
                 QStringLiteral("--- a\n+++ b\n@@ -1,3 +1,3 @@\n+0\n 1\n-2\n 3\n"));
        // From nothing: every line added, counted from line 0 of the empty side.
        QCOMPARE(unifiedDiff(QString(), QStringLiteral("x\n"), QStringLiteral("a"), QStringLiteral("b")),
                 QStringLiteral("--- a\n+++ b\n@@ -0,0 +1,1 @@\n+x\n"));
        // The longest common subsequence is kept: only the moved line changes.
        const auto d = diffLines({QStringLiteral("p"), QStringLiteral("q"), QStringLiteral("r")},
                                 {QStringLiteral("q"), QStringLiteral("r"), QStringLiteral("p")});
        QCOMPARE(d.size(), size_t(4));
        QCOMPARE(d[0].kind, DiffLine::Removed);
        QCOMPARE(d[3].kind, DiffLine::Added);
    }

    // The masking mechanism: exact paths, a * for every member, paths through arrays, a whole
    // object at a masked path, removal, headers by name, and what matched nothing.
    void maskerHidesWhatThePolicyNames()
    {
        Masker m(MaskPolicy{{QStringLiteral("customer.*"), QStringLiteral("items.card"),
                             QStringLiteral("address"), QStringLiteral("no.such")},
                            {QStringLiteral("x-user")}},
                 {QStringLiteral("debug")});
        const QByteArray in =
            "{\"customer\":{\"id\":\"c-1\",\"email\":\"a@b.c\"},\"items\":[{\"sku\":\"S\",\"card\":"
            "\"4242\"},{\"card\":{\"n\":1}},7],\"address\":{\"street\":\"Main 1\"},\"debug\":true,"
            "\"total\":5}";
        bool changed = false;
        auto out = m.value(std::optional<QByteArray>(in), &changed);
        QVERIFY(out.ok() && changed);
        QCOMPARE(*out.value(),
                 QByteArray("{\"customer\":{\"id\":\"***\",\"email\":\"***\"},\"items\":[{\"sku\":\"S\","
                            "\"card\":\"***\"},{\"card\":\"***\"},7],\"address\":\"***\",\"total\":5}"));
        QVERIFY(json::isValidJson(*out.value()));
        QCOMPARE(m.unmatched(), QStringList({QStringLiteral("no.such"), QStringLiteral("header x-user")}));
        const Headers h =
            m.headers({{QByteArray("x-user"), QByteArray("alice")}, {QByteArray("k"), QByteArray("v")}});
        QCOMPARE(*h[0].value, QByteArray("***"));
        QCOMPARE(*h[1].value, QByteArray("v"));
        QCOMPARE(m.unmatched(), QStringList{QStringLiteral("no.such")});
        // Nothing to hide: the value as it was; a tombstone stays one; not JSON: refused.
        auto same = m.value(std::optional<QByteArray>("{\"total\":1}"), &changed);
        QVERIFY(same.ok() && !changed && *same.value() == "{\"total\":1}");
        QVERIFY(m.value(std::optional<QByteArray>()).ok());
        auto text = m.value(std::optional<QByteArray>("plain text a@b.c"));
        QVERIFY(!text.ok());
        QCOMPARE(text.error().code, ErrorCode::Refused);
        // A member name written with escapes is the same name: masked (the quick look for the
        // policy's names in the raw text must not let it through), at any depth; arrays and
        // invalid objects are still refused; a value without any of the names is passed as is.
        Masker c(MaskPolicy{{QStringLiteral("customer.email")}, {}});
        auto escaped = c.value(std::optional<QByteArray>("{\"\\u0063ustomer\":{\"em\\u0061il\":\"a@b.c\"}}"));
        QVERIFY(escaped.ok());
        QVERIFY2(!escaped.value()->contains("a@b.c"), escaped.value()->constData());
        QVERIFY(!c.value(std::optional<QByteArray>("[{\"customer\":{\"email\":\"a@b.c\"}}]")).ok());
        QVERIFY(!c.value(std::optional<QByteArray>("{\"customer\":{\"email\":\"a@b.c\"}")).ok());
        auto other = c.value(std::optional<QByteArray>("{\"sku\":\"S-1\"}"), &changed);
        QVERIFY(other.ok() && !changed && *other.value() == "{\"sku\":\"S-1\"}");
        auto deep = c.value(std::optional<QByteArray>(
            "{\"a\":[1,{\"b\":2}],\"customer\":{\"email\":\"x@y\",\"n\":{\"m\":[[{}]]}}}"));
        QVERIFY(deep.ok());
        QCOMPARE(*deep.value(),
                 QByteArray("{\"a\":[1,{\"b\":2}],\"customer\":{\"email\":\"***\",\"n\":{\"m\":[[{}]]}}}"));
        // The policy as JSON, strictly read.
        auto back = MaskPolicy::fromJson(MaskPolicy{{QStringLiteral("a.b")}, {QStringLiteral("h")}}.toJson());
        QVERIFY(back.ok() && back->fields == QStringList{QStringLiteral("a.b")});
        QVERIFY(!MaskPolicy::fromJson("{\"field\":[\"a\"]}").ok());
        QVERIFY(!MaskPolicy::fromJson("{\"fields\":[1]}").ok());
    }
};

QTEST_APPLESS_MAIN(TstJson)
#include "tst_json.moc"
