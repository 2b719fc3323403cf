#include "demo_generator.h"
#include "json.h"
#include "murmur2.h"

#include <QCryptographicHash>
#include <QHash>
#include <QSet>
#include <QTest>

using namespace rw;

namespace {

QByteArray digest(quint64 seed, qint64 events)
{
    DemoOptions o;
    o.seed = seed;
    o.events = events;
    DemoGenerator g(o);
    QCryptographicHash h(QCryptographicHash::Sha256);
    ProducerRecord r;
    while (g.next(r)) {
        h.addData(r.topic.toUtf8());
        h.addData(QByteArray::number(r.partition) + QByteArray::number(r.timestamp));
        h.addData(*r.key);
        h.addData(*r.value);
        for (const Header& x : r.headers)
            h.addData(x.key + *x.value);
    }
    return h.result().toHex();
}

QByteArray field(const QByteArray& value, const char* name)
{
    auto m = json::parseObject(value);
    if (!m) return {};
    for (const auto& mem : m.value())
        if (mem.name == name)
            return mem.value.type == json::Type::String ? mem.value.string : mem.value.raw.toByteArray();
    return {};
}

} // namespace

class TstDemoGenerator : public QObject {
    Q_OBJECT
private slots:
    void sameSeedSameData()
    {
        QCOMPARE(digest(42, 20000), digest(42, 20000));
        QVERIFY(digest(42, 20000) != digest(43, 20000));
    }

    void weekOfRealisticEvents()
    {
        DemoOptions o; // defaults: 200k events, seed 42
        DemoGenerator g(o);
        const QHash<QString, int> partitions = {
            {QStringLiteral("orders"), 6}, {QStringLiteral("payments"), 6}, {QStringLiteral("inventory"), 3}};
        QHash<QByteArray, int> typeCount;
        QHash<QByteArray, int> eventIds;
        QSet<QByteArray> schemaVersions;
        TimestampMs last = 0;
        qint64 n = 0, incidentFailures = 0, nightBeforeFailures = 0, withPii = 0, withChannel = 0;
        const TimestampMs inc = g.incidentStart();
        ProducerRecord r;
        while (g.next(r)) {
            ++n;
            QVERIFY(r.timestamp >= last); // appended in time order
            last = r.timestamp;
            QVERIFY(partitions.contains(r.topic));
            QVERIFY(r.key && r.value);
            QCOMPARE(r.partition, defaultPartition(*r.key, partitions.value(r.topic)));
            QVERIFY2(json::isValidJson(*r.value), r.value->constData());
            const QByteArray type = field(*r.value, "type");
            ++typeCount[type];
            ++eventIds[field(*r.value, "event_id")];
            schemaVersions.insert(field(*r.value, "schema_version"));
            QVERIFY(r.headers.size() >= 3);
            QCOMPARE(r.headers[0].key, QByteArray("trace_id"));
            QCOMPARE(r.headers[2].key, QByteArray("content-type"));
            if (type == "PaymentFailed") {
                if (r.timestamp >= inc && r.timestamp < inc + 15 * 60'000) ++incidentFailures;
                if (r.timestamp >= inc - 86'400'000 && r.timestamp < inc - 86'400'000 + 15 * 60'000)
                    ++nightBeforeFailures;
            }
            if (type == "OrderCreated") {
                if (r.value->contains("\"email\"") && r.value->contains("\"phone\"")) ++withPii;
                if (r.value->contains("\"channel\"")) ++withChannel;
                QCOMPARE(r.value->contains("\"channel\""), r.timestamp >= g.schemaChangeTime());
            }
        }
        QCOMPARE(n, qint64(200000));
        const QByteArrayList types = {
            "OrderCreated",   "OrderPaid",     "OrderPacked",       "OrderShipped",    "OrderDelivered",
            "OrderCancelled", "OrderReturned", "PaymentAuthorized", "PaymentCaptured", "PaymentFailed",
            "RefundIssued",   "StockReserved", "StockReleased"};
        for (const QByteArray& t : types)
            QVERIFY2(typeCount.value(t) > 0, t.constData());
        QCOMPARE(typeCount.size(), types.size());
        QVERIFY(schemaVersions.contains("1") && schemaVersions.contains("2"));
        QCOMPARE(withPii, qint64(typeCount.value("OrderCreated")));
        QVERIFY(withChannel > 0 && withChannel < withPii);
        // The incident: a burst, far above the same quarter hour the night before.
        QVERIFY2(incidentFailures > 200, qPrintable(QString::number(incidentFailures)));
        QVERIFY(incidentFailures > 20 * (nightBeforeFailures + 1));
        // A few duplicate deliveries (same event id twice), not many.
        int dups = 0;
        for (int c : eventIds)
            if (c > 1) ++dups;
        QVERIFY2(dups > 50 && dups < 2000, qPrintable(QString::number(dups)));
        // The week: Monday 2026-11-16 to about the next Monday.
        QVERIFY(last > o.weekStart + 6 * 86'400'000LL && last < o.weekStart + 9 * 86'400'000LL);
    }

    void smallCountsStillHaveTheIncident()
    {
        DemoOptions o;
        o.events = 300;
        DemoGenerator g(o);
        ProducerRecord r;
        qint64 n = 0, incidentFailures = 0, incidentOthers = 0, failuresElsewhere = 0;
        const TimestampMs inc = g.incidentStart(), incEnd = g.incidentEnd();
        QVERIFY(inc < incEnd);
        while (g.next(r)) {
            ++n;
            QVERIFY(r.value);
            const bool failed = field(*r.value, "type") == "PaymentFailed";
            const bool during = r.timestamp >= inc && r.timestamp < incEnd + 5 * 60'000;
            if (failed && during) ++incidentFailures;
            if (failed && !during) ++failuresElsewhere;
            if (!failed && during) ++incidentOthers;
        }
        QCOMPARE(n, qint64(300));
        // Even 300 events tell the story: payments failing at 03:17, more than anywhere else in
        // the week, among other traffic of those minutes.
        QVERIFY2(incidentFailures >= 3, qPrintable(QString::number(incidentFailures)));
        QVERIFY2(incidentFailures > failuresElsewhere,
                 qPrintable(QStringLiteral("%1 in the incident, %2 elsewhere")
                                .arg(incidentFailures)
                                .arg(failuresElsewhere)));
        QVERIFY(incidentOthers > 0);
    }
};

QTEST_APPLESS_MAIN(TstDemoGenerator)
#include "tst_demo_generator.moc"
