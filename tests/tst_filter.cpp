// Conformance table for the filter language: each row is a filter, a record, and the expected
// outcome: M match, N no match, E evaluation error on that record, C<n> compile error at column n
// (C alone: any column).

#include "filter.h"
#include "filter_cases.h"
#include "header_codec.h"

#include <QElapsedTimer>
#include <QTest>

using namespace rw;

namespace {

constexpr qint64 kT0 = 1795058220000;    // 2026-11-19T03:17:00Z, record 0's timestamp
constexpr qint64 kNow = kT0 + 3'600'000; // "now" in these tests: one hour later

struct Fixture {
    QString topic;
    PartitionId partition;
    Offset offset;
    TimestampMs ts;
    std::optional<QByteArray> key, value;
    Headers headers;
    QByteArray blob;
};

std::vector<Fixture>& fixtures()
{
    static std::vector<Fixture> f = [] {
        std::vector<Fixture> v;
        v.push_back(
            {QStringLiteral("orders"),
             2,
             100,
             kT0,
             QByteArray("o-123"),
             QByteArray(
                 "{\"type\":\"OrderCreated\",\"order_id\":\"o-123\",\"total_cents\":4999,\"price\":12.5,"
                 "\"paid\":false,"
                 "\"customer\":{\"id\":\"c-1042\",\"name\":\"Ada Lovelace\",\"email\":\"ada@example.com\"},"
                 "\"items\":[{\"sku\":\"SKU-00042\",\"qty\":2},{\"sku\":\"SKU-00007\",\"qty\":1}],\"tags\":[]"
                 ",\"note\":null,\"unicode\":\"Zo\\u00eb\"}"),
             {{"trace_id", QByteArray("abc123")},
              {"source", QByteArray("checkout-service")},
              {"content-type", QByteArray("application/json")},
              {"dup", QByteArray("1")},
              {"dup", QByteArray("2")},
              {"nullh", std::nullopt}},
             {}});
        v.push_back({QStringLiteral("payments"),
                     0,
                     7,
                     kT0 + 60000,
                     QByteArray("o-123"),
                     QByteArray("{\"type\":\"PaymentFailed\",\"error_code\":\"gateway_timeout\",\"attempt\":"
                                "3,\"amount_cents\":\"4999\"}"),
                     {{"source", QByteArray("payment-service")}},
                     {}});
        v.push_back({QStringLiteral("blobs"),
                     1,
                     0,
                     kT0 - 86'400'000,
                     std::nullopt,
                     QByteArray("\x00\xff not json", 11),
                     {},
                     {}});
        v.push_back({QStringLiteral("orders"), 0, 5, kT0, QByteArray("o-9"), std::nullopt, {}, {}});
        for (Fixture& x : v)
            x.blob = encodeHeaders(x.headers);
        return v;
    }();
    return f;
}

FilterInput input(const Fixture& f)
{
    FilterInput in;
    in.topic = &f.topic;
    in.partition = f.partition;
    in.offset = f.offset;
    in.timestamp = f.ts;
    in.keyNull = !f.key;
    if (f.key) in.key = *f.key;
    in.valueNull = !f.value;
    if (f.value) in.value = *f.value;
    in.headersBlob = f.blob;
    return in;
}

} // namespace

class TstFilter : public QObject {
    Q_OBJECT
private slots:
    void conformance_data()
    {
        QTest::addColumn<QString>("filter");
        QTest::addColumn<int>("record");
        QTest::addColumn<QString>("expect");
        int n = 0;
        for (const FilterCase& c : filterCases())
            QTest::addRow("%03d %s", ++n, c.filter)
                << QString::fromUtf8(c.filter) << c.record << QString::fromLatin1(c.expect);
        QVERIFY(n >= 150);
    }

    void conformance()
    {
        QFETCH(QString, filter);
        QFETCH(int, record);
        QFETCH(QString, expect);
        auto f = Filter::compile(filter, kNow);
        if (expect.startsWith(QLatin1Char('C'))) {
            QVERIFY2(!f.ok(), "compiled, but an error was expected");
            QCOMPARE(f.error().code, ErrorCode::Parse);
            if (expect.size() > 1) QCOMPARE(Filter::errorColumn(f.error()), expect.mid(1).toInt());
            return;
        }
        QVERIFY2(f.ok(), qPrintable(f.ok() ? QString() : f.error().message));
        const auto r = f->evaluate(input(fixtures()[static_cast<size_t>(record)]));
        const QString got = r.outcome == Filter::Outcome::Match     ? QStringLiteral("M")
                            : r.outcome == Filter::Outcome::NoMatch ? QStringLiteral("N")
                                                                    : QStringLiteral("E");
        QVERIFY2(got == expect, qPrintable(QStringLiteral("got %1 (%2)").arg(got, r.error)));
        if (got == QLatin1String("E"))
            QVERIFY2(!r.error.isEmpty(), "an evaluation error must say what went wrong");
        // Without the error text (the raw-byte prefilter may skip the parse): the same outcome.
        FilterInput quick = input(fixtures()[static_cast<size_t>(record)]);
        quick.needErrorText = false;
        QCOMPARE(f->evaluate(quick).outcome, r.outcome);
    }

    // The raw-byte prefilter: a value whose bytes lack the quoted name of the filter's only field
    // is not parsed when the caller does not need the error text, and the outcome never changes:
    // not with escaped names, malformed JSON, has(), a second path, arrays, or the key side.
    void prefilterNeverChangesOutcomes()
    {
        const char* filters[] = {
            R"(value.customer.id == "c-1")",
            R"(value.customer.id == "c-1" || value.type == "A")", // two paths: always parsed
            R"(has(value.customer) || key == "k")",               // has(): malformed is an error
            R"(value.customer.id == "c-1" || key == "k")",
            R"(!(value.customer.id == "c-1"))",
            R"(value[0] == 1)",
            R"(key.customer == "c-1")",
            R"(value.customer.id == "c-1" && text("x"))",
        };
        const char* values[] = {
            R"({"customer":{"id":"c-1"}})",
            R"({"customer":{"id":"c-1"}})", // escaped name: must be parsed, and matches
            R"({"type":"A"})",              // absent
            R"({"type":"A",)",              // malformed, no name
            R"({"customer":{"id":"c-2"}})",
            R"({"x":"customer"})", // the name as a value: parsed, absent
            R"([1,2])",
            R"("customer")",
            "not json",
            "",
        };
        int skipped = 0;
        for (const char* ft : filters) {
            auto f = Filter::compile(QString::fromUtf8(ft), kNow);
            QVERIFY2(f.ok(), ft);
            for (const char* vt : values) {
                const QByteArray value(vt), key = value.isEmpty() ? QByteArray("k") : value;
                const QString topic = QStringLiteral("t");
                FilterInput in;
                in.topic = &topic;
                in.keyNull = false;
                in.key = key;
                in.valueNull = false;
                in.value = value;
                const auto full = f->evaluate(in);
                in.needErrorText = false;
                const auto quick = f->evaluate(in);
                const QByteArray what = QByteArray(ft) + " on " + vt;
                QVERIFY2(quick.outcome == full.outcome, what.constData());
                if (quick.outcome == Filter::Outcome::Error && quick.error != full.error) ++skipped;
            }
        }
        QVERIFY(skipped >= 8); // the prefilter really skipped parses (its errors are generic)
        auto escaped = Filter::compile(QStringLiteral(R"(value.customer.id == "c-1")"), kNow);
        FilterInput in;
        const QString topic = QStringLiteral("t");
        const QByteArray v(R"({"customer":{"id":"c-1"}})");
        in.topic = &topic;
        in.valueNull = false;
        in.value = v;
        in.needErrorText = false;
        QCOMPARE(escaped->evaluate(in).outcome, Filter::Outcome::Match);
    }

    void errorsNameWhatWasExpected()
    {
        auto f = Filter::compile(QStringLiteral("partition == \"2\""), kNow);
        QVERIFY(f.error().message.contains(QStringLiteral("partition is an int")));
        auto g = Filter::compile(QStringLiteral("partition ="), kNow);
        QVERIFY(g.error().message.contains(QStringLiteral("use '=='")));
        auto h = Filter::compile(QStringLiteral("valu.type == 1"), kNow);
        QVERIFY(h.error().message.contains(QStringLiteral("unknown name 'valu'")));
        auto ok = Filter::compile(QStringLiteral("value.amount_cents == 1"), kNow);
        const auto r = ok->evaluate(input(fixtures()[1]));
        QCOMPARE(r.outcome, Filter::Outcome::Error);
        QVERIFY2(r.error.contains(QStringLiteral("a string")) && r.error.contains(QStringLiteral("an int")),
                 qPrintable(r.error));
        auto missing = Filter::compile(QStringLiteral("value.customer.id == \"x\""), kNow);
        QVERIFY(missing->evaluate(input(fixtures()[1]))
                    .error.contains(QStringLiteral("value.customer.id is not present")));
    }

    void hostileFiltersAreBounded()
    {
        const QString deep =
            QString(200, QLatin1Char('(')) + QStringLiteral("true") + QString(200, QLatin1Char(')'));
        auto d = Filter::compile(deep, kNow);
        QVERIFY(!d.ok());
        QVERIFY(d.error().message.contains(QStringLiteral("nests too deeply")));
        QStringList parts;
        for (int i = 0; i < 3000; ++i)
            parts << QStringLiteral("offset == %1").arg(i);
        auto big = Filter::compile(parts.join(QStringLiteral(" || ")), kNow);
        QVERIFY(!big.ok());
        QVERIFY(big.error().message.contains(QStringLiteral("too large")));
        auto longText = Filter::compile(QString(70000, QLatin1Char(' ')) + QStringLiteral("true"), kNow);
        QVERIFY(!longText.ok());
        // A pathological regex for backtracking engines runs in linear time under RE2.
        auto re = Filter::compile(QStringLiteral("value.matches(\"(a+)+$\")"), kNow);
        QVERIFY(re.ok());
        Fixture f = fixtures()[0];
        f.value = QByteArray(100000, 'a') + "!";
        QElapsedTimer t;
        t.start();
        QCOMPARE(re->evaluate(input(f)).outcome, Filter::Outcome::NoMatch);
        QVERIFY(t.elapsed() < 1000);
        // A regex too big for its memory budget is refused at compile time.
        auto huge = Filter::compile(QStringLiteral("value.matches(\"(\\\\w{1000}){1000}\")"), kNow);
        QVERIFY(!huge.ok());
    }

    void pushdownsAreConservative()
    {
        auto f = Filter::compile(
            QStringLiteral(
                "topic == \"orders\" && partition == 2 && key == \"o-1\" && timestamp >= "
                "\"2026-11-19T03:00:00Z\" && timestamp < \"2026-11-19T04:00:00Z\" && text(\"refund\")"),
            kNow);
        QVERIFY(f.ok());
        const FilterPushdown& p = f->pushdown();
        QCOMPARE(*p.topic, QStringLiteral("orders"));
        QCOMPARE(*p.partition, 2);
        QCOMPARE(*p.keyEquals, QByteArray("o-1"));
        QCOMPARE(*p.fromTime, qint64(1795057200000));
        QCOMPARE(*p.toTime, qint64(1795060800000));
        QCOMPARE(p.textTerms, std::vector<QString>{QStringLiteral("refund")});
        // Under || nothing may be pushed down.
        auto g = Filter::compile(QStringLiteral("topic == \"orders\" || timestamp > now"), kNow);
        QVERIFY(!g->pushdown().topic && !g->pushdown().fromTime);
        auto h = Filter::compile(QStringLiteral("\"2026-11-19T03:00:00Z\" < timestamp"), kNow);
        QCOMPARE(*h->pushdown().fromTime, qint64(1795057200001));
    }

    void copiesEvaluateIndependently()
    {
        auto f = Filter::compile(QStringLiteral("value.type == \"OrderCreated\""), kNow);
        Filter a = f.value();
        Filter b = a;
        QCOMPARE(a.evaluate(input(fixtures()[0])).outcome, Filter::Outcome::Match);
        QCOMPARE(b.evaluate(input(fixtures()[1])).outcome, Filter::Outcome::NoMatch);
        QCOMPARE(a.evaluate(input(fixtures()[0])).outcome, Filter::Outcome::Match);
    }
};

QTEST_APPLESS_MAIN(TstFilter)
#include "tst_filter.moc"
