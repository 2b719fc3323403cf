#include "envelope.h"
#include "json.h"

#include <QTest>

using namespace rw;

namespace {

Record sample()
{
    Record r;
    r.topic = QStringLiteral("orders");
    r.partition = 3;
    r.offset = 42;
    r.timestamp = 1795058220000;
    r.timestampType = TimestampType::LogAppendTime;
    r.key = QByteArray("o-123");
    r.value = QByteArray(R"({"type":"OrderCreated","n":1})");
    r.headers = {{"trace_id", QByteArray("t1")},
                 {"dup", QByteArray("a")},
                 {"dup", QByteArray("b")},
                 {"null", std::nullopt},
                 {"bin", QByteArray("\x00\xff", 2)}};
    return r;
}

Record roundTrip(const Record& r)
{
    QByteArray line;
    appendEnvelope(line, r);
    auto e = parseEnvelopeLine(line);
    if (!e.ok()) qFatal("parse failed: %s (%s)", qPrintable(e.error().message), line.constData());
    Record back;
    back.topic = e->record.topic;
    back.partition = e->record.partition;
    back.offset = e->record.offset.value_or(-1);
    back.timestamp = e->record.timestamp;
    back.timestampType = e->record.timestampType;
    back.key = e->record.key;
    back.value = e->record.value;
    back.headers = e->record.headers;
    return back;
}

} // namespace

class TstEnvelope : public QObject {
    Q_OBJECT
private slots:
    void compactJsonValueIsEmbeddedVerbatim()
    {
        QByteArray line;
        appendEnvelope(line, sample());
        QVERIFY(line.contains(R"("value":{"type":"OrderCreated","n":1})"));
        QVERIFY(json::isValidJson(line));
        QVERIFY(!line.contains('\n'));
        QCOMPARE(roundTrip(sample()), sample());
    }

    void everyPayloadShapeRoundTrips_data()
    {
        QTest::addColumn<std::optional<QByteArray>>("payload");
        QTest::newRow("null") << std::optional<QByteArray>{};
        QTest::newRow("empty") << std::optional<QByteArray>{QByteArray("", 0)};
        QTest::newRow("text") << std::optional<QByteArray>{QByteArray("plain text with \"quotes\" and \\")};
        QTest::newRow("pretty json") << std::optional<QByteArray>{QByteArray("{\n  \"a\": 1\n}")};
        QTest::newRow("json with padding") << std::optional<QByteArray>{QByteArray(" {\"a\":1}")};
        QTest::newRow("json string") << std::optional<QByteArray>{QByteArray("\"quoted\"")};
        QTest::newRow("json number") << std::optional<QByteArray>{QByteArray("42")};
        QTest::newRow("invalid json object") << std::optional<QByteArray>{QByteArray("{not json}")};
        QTest::newRow("binary") << std::optional<QByteArray>{QByteArray("\x00\x01\xfe\xff\x80", 5)};
        QTest::newRow("invalid utf8") << std::optional<QByteArray>{QByteArray("caf\xe9")};
        QTest::newRow("unicode") << std::optional<QByteArray>{QByteArray("Zo\xc3\xab \xf0\x9f\x98\x80")};
        QTest::newRow("control chars") << std::optional<QByteArray>{QByteArray("a\x01\x1f\tb\r\n", 7)};
    }
    void everyPayloadShapeRoundTrips()
    {
        QFETCH(std::optional<QByteArray>, payload);
        Record r = sample();
        r.value = payload;
        r.key = payload;
        const Record back = roundTrip(r);
        QCOMPARE(back.value.has_value(), payload.has_value());
        QCOMPARE(back.key.has_value(), payload.has_value());
        if (payload) {
            QCOMPARE(*back.value, *payload);
            QCOMPARE(*back.key, *payload);
        }
        QCOMPARE(back, r);
    }

    void binaryHeaderKeysRoundTrip()
    {
        Record r = sample();
        r.headers = {{QByteArray("\xff\x00k", 3), QByteArray("v")}, {"e", QByteArray("", 0)}};
        QCOMPARE(roundTrip(r), r);
    }

    void handWrittenLinesAreAccepted()
    {
        auto e = parseEnvelopeLine(R"({"topic":"t","key":"k","value":"aGk=","value_encoding":"base64",
            "timestamp":"2026-11-19T03:17:00Z","headers":[{"key":"h","value":null}]})");
        QVERIFY2(e.ok(), qPrintable(e.ok() ? QString() : e.error().message));
        QCOMPARE(*e->record.value, QByteArray("hi"));
        QCOMPARE(e->record.timestamp, qint64(1795058220000));
        QVERIFY(e->hasTimestamp);
        QVERIFY(!e->hasPartition);
        QVERIFY(!e->record.headers[0].value);
        auto noTopic = parseEnvelopeLine(R"({"value":1})", QStringLiteral("fallback"));
        QVERIFY(noTopic.ok());
        QCOMPARE(noTopic->record.topic, QStringLiteral("fallback"));
        QCOMPARE(*noTopic->record.value, QByteArray("1"));
    }

    void kcatJsonIsRead()
    {
        auto e = parseEnvelopeLine("{\"topic\":\"payments\",\"partition\":2,\"offset\":7,\"tstype\":"
                                   "\"create\",\"ts\":1700000000123,\"broker\":1,\"headers\":[\"trace_id\","
                                   "\"x\",\"n\",null],\"key\":\"o-1\",\"payload\":\"{\\\"a\\\":1}\"}");
        QVERIFY2(e.ok(), qPrintable(e.ok() ? QString() : e.error().message));
        QVERIFY(e->fromKcat);
        QCOMPARE(e->record.topic, QStringLiteral("payments"));
        QCOMPARE(e->record.partition, 2);
        QCOMPARE(*e->record.offset, qint64(7));
        QCOMPARE(e->record.timestamp, qint64(1700000000123));
        QCOMPARE(*e->record.value, QByteArray(R"({"a":1})"));
        QCOMPARE(e->record.headers.size(), size_t(2));
        QVERIFY(!e->record.headers[1].value);
        auto nulls = parseEnvelopeLine(
            R"({"topic":"t","partition":0,"offset":1,"tstype":"create","ts":1,"key":null,"payload":null})");
        QVERIFY(nulls.ok());
        QVERIFY(!nulls->record.key && !nulls->record.value);
    }

    void badLinesSayWhy_data()
    {
        QTest::addColumn<QByteArray>("line");
        QTest::addColumn<QString>("needle");
        QTest::newRow("not json") << QByteArray("hello") << QStringLiteral("expected a JSON object");
        QTest::newRow("no topic") << QByteArray(R"({"value":"x"})") << QStringLiteral("topic");
        QTest::newRow("bad partition")
            << QByteArray(R"({"topic":"t","partition":-1})") << QStringLiteral("partition");
        QTest::newRow("bad base64") << QByteArray(R"({"topic":"t","value":"%%%","value_encoding":"base64"})")
                                    << QStringLiteral("base64");
        QTest::newRow("bad encoding") << QByteArray(R"({"topic":"t","value":"x","value_encoding":"rot13"})")
                                      << QStringLiteral("unknown encoding");
        QTest::newRow("bad ts") << QByteArray(R"({"topic":"t","timestamp":"yesterday-ish"})")
                                << QStringLiteral("not a time");
        QTest::newRow("bad headers") << QByteArray(R"({"topic":"t","headers":{"a":"b"}})")
                                     << QStringLiteral("headers");
        QTest::newRow("array") << QByteArray(R"([1,2])") << QStringLiteral("expected a JSON object");
    }
    void badLinesSayWhy()
    {
        QFETCH(QByteArray, line);
        QFETCH(QString, needle);
        auto e = parseEnvelopeLine(line);
        QVERIFY(!e.ok());
        QVERIFY2(e.error().message.contains(needle), qPrintable(e.error().message));
    }
};

QTEST_APPLESS_MAIN(TstEnvelope)
#include "tst_envelope.moc"
