#include "demo_generator.h"

#include "murmur2.h"
#include "rng.h"

#include <algorithm>
#include <array>
#include <queue>

namespace rw {
namespace {

constexpr qint64 kSecond = 1000;
constexpr qint64 kMinute = 60 * kSecond;
constexpr qint64 kHour = 60 * kMinute;
constexpr qint64 kDay = 24 * kHour;

enum class Kind : std::uint8_t {
    OrderCreated,
    OrderPaid,
    OrderPacked,
    OrderShipped,
    OrderDelivered,
    OrderCancelled,
    OrderReturned,
    PaymentAuthorized,
    PaymentCaptured,
    PaymentFailed,
    RefundIssued,
    StockReserved,
    StockReleased,
};

const char* kindName(Kind k)
{
    static const char* names[] = {"OrderCreated",    "OrderPaid",      "OrderPacked",   "OrderShipped",
                                  "OrderDelivered",  "OrderCancelled", "OrderReturned", "PaymentAuthorized",
                                  "PaymentCaptured", "PaymentFailed",  "RefundIssued",  "StockReserved",
                                  "StockReleased"};
    return names[static_cast<int>(k)];
}

enum Topic : std::uint8_t { Orders = 0, Payments = 1, Inventory = 2 };

Topic topicOf(Kind k)
{
    switch (k) {
    case Kind::PaymentAuthorized:
    case Kind::PaymentCaptured:
    case Kind::PaymentFailed:
    case Kind::RefundIssued:
        return Payments;
    case Kind::StockReserved:
    case Kind::StockReleased:
        return Inventory;
    default:
        return Orders;
    }
}

const char* sourceOf(Kind k)
{
    switch (k) {
    case Kind::OrderCreated:
    case Kind::OrderPaid:
    case Kind::OrderCancelled:
        return "checkout-service";
    case Kind::OrderPacked:
    case Kind::OrderShipped:
    case Kind::OrderDelivered:
    case Kind::OrderReturned:
        return "fulfillment-service";
    case Kind::StockReserved:
    case Kind::StockReleased:
        return "inventory-service";
    default:
        return "payment-service";
    }
}

struct Step {
    qint64 atMs; // absolute time
    Kind kind;
    std::uint16_t arg; // item index for stock events, attempt number for payments, reason code
};

struct Item {
    std::uint16_t sku;
    std::uint8_t qty;
    std::uint32_t unitPriceCents;
};

struct Order {
    std::uint32_t no = 0;
    std::uint32_t customer = 0;
    qint64 created = 0;
    std::uint64_t traceHi = 0, traceLo = 0;
    std::vector<Item> items;
    std::vector<Step> steps;
    std::uint16_t nextStep = 0;
    std::uint8_t channel = 0;
    std::uint16_t cardLast4 = 0;
};

const char* const kFirst[] = {"Ada",     "Grace",  "Alan",    "Linus", "Margaret", "Dennis",
                              "Barbara", "Ken",    "Frances", "John",  "Radia",    "Tim",
                              "Hedy",    "Edsger", "Zoë",     "José",  "Søren",    "Amélie",
                              "Björn",   "Chiara", "Mateus",  "Aiko",  "Priya",    "Kwame"};
const char* const kLast[] = {"Lovelace",  "Hopper",   "Turing", "Torvalds", "Hamilton",    "Ritchie",
                             "Liskov",    "Thompson", "Allen",  "McCarthy", "Perlman",     "Berners-Lee",
                             "Lamarr",    "Dijkstra", "Müller", "García",   "Kierkegaard", "Dubois",
                             "Lindqvist", "Rossi",    "Silva",  "Tanaka",   "Sharma",      "Mensah"};
const char* const kCities[] = {"Berlin", "Hamburg",   "Munich",     "Cologne", "Vienna",
                               "Zurich", "Amsterdam", "Copenhagen", "Lyon",    "Milan"};
const char* const kCountries[] = {"DE", "DE", "DE", "DE", "AT", "CH", "NL", "DK", "FR", "IT"};
const char* const kStreets[] = {"Hauptstraße", "Bahnhofstraße", "Gartenweg", "Lindenallee",
                                "Schulstraße", "Kirchplatz",    "Am Markt",  "Rosenweg"};
const char* const kCarriers[] = {"DHL", "DPD", "UPS", "GLS", "Hermes"};
const char* const kWarehouses[] = {"DE-BER-1", "DE-HAM-2", "NL-AMS-1"};
const char* const kChannels[] = {"web", "app", "pos"};
const char* const kDecline[] = {"card_declined", "insufficient_funds", "expired_card"};
const char* const kReturnReasons[] = {"damaged", "wrong_size", "not_as_described", "changed_mind"};

// Relative order volume per UTC hour: a quiet night, a lunch bump and an evening peak.
constexpr std::array<double, 24> kHourWeight = {0.35, 0.25, 0.20, 0.18, 0.20, 0.30, 0.50, 0.80,
                                                1.00, 1.10, 1.15, 1.20, 1.30, 1.25, 1.20, 1.15,
                                                1.20, 1.35, 1.55, 1.70, 1.75, 1.50, 1.00, 0.60};
constexpr int kNumCustomers = 4000;
constexpr int kNumSkus = 500;

void appendIso(QByteArray& out, qint64 ms)
{
    // Civil-from-days (Howard Hinnant), UTC; avoids QDateTime on the hot path.
    qint64 days = ms >= 0 ? ms / kDay : (ms - kDay + 1) / kDay;
    qint64 rem = ms - days * kDay;
    days += 719468;
    const qint64 era = (days >= 0 ? days : days - 146096) / 146097;
    const qint64 doe = days - era * 146097;
    const qint64 yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    qint64 y = yoe + era * 400;
    const qint64 doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const qint64 mp = (5 * doy + 2) / 153;
    const qint64 d = doy - (153 * mp + 2) / 5 + 1;
    const qint64 m = mp < 10 ? mp + 3 : mp - 9;
    if (m <= 2) ++y;
    char buf[32];
    const int n =
        snprintf(buf, sizeof buf, "%04lld-%02lld-%02lldT%02lld:%02lld:%02lld.%03lldZ", (long long)y,
                 (long long)m, (long long)d, (long long)(rem / kHour), (long long)(rem / kMinute % 60),
                 (long long)(rem / kSecond % 60), (long long)(rem % 1000));
    out.append(buf, n);
}

void appendHex(QByteArray& out, std::uint64_t v, int digits)
{
    static const char hex[] = "0123456789abcdef";
    for (int i = digits - 1; i >= 0; --i)
        out.append(hex[(v >> (i * 4)) & 0xF]);
}

struct HeapEntry {
    qint64 at;
    std::uint64_t seq;
    std::uint32_t order;
    bool operator>(const HeapEntry& o) const { return at != o.at ? at > o.at : seq > o.seq; }
};

struct Duplicate {
    qint64 at;
    std::uint64_t seq;
    ProducerRecord record;
};
struct DuplicateLater {
    bool operator()(const Duplicate& a, const Duplicate& b) const
    {
        return a.at != b.at ? a.at > b.at : a.seq > b.seq;
    }
};

} // namespace

struct DemoGenerator::Impl {
    DemoOptions opt;
    Rng rng;
    std::vector<qint64> creationTimes;
    std::vector<Order> orders; // indexed by order number - 1; steps freed when done
    size_t nextCreation = 0;
    std::priority_queue<HeapEntry, std::vector<HeapEntry>, std::greater<>> heap;
    std::priority_queue<Duplicate, std::vector<Duplicate>, DuplicateLater> duplicates;
    std::uint64_t seq = 0;
    qint64 produced = 0;
    qint64 incidentStart = 0, incidentEnd = 0, schemaChange = 0;
    std::array<int, 3> partitions = {6, 6, 3};
    std::array<QString, 3> topicNames = {QStringLiteral("orders"), QStringLiteral("payments"),
                                         QStringLiteral("inventory")};
    std::array<std::uint32_t, kNumSkus> skuPrice{};

    explicit Impl(const DemoOptions& o) : opt(o), rng(o.seed)
    {
        incidentStart = opt.weekStart + 3 * kDay + 3 * kHour + 17 * kMinute; // Thursday 03:17
        incidentEnd = incidentStart + 14 * kMinute;
        schemaChange = opt.weekStart + 3 * kDay + 12 * kHour; // Thursday noon: schema_version 2
        for (auto& p : skuPrice)
            p = static_cast<std::uint32_t>(rng.range(299, 24999));
        planCreations();
    }

    void planCreations()
    {
        // ~9 events per order on average; plan a little more than needed so the week fills up
        // and the stream is cut at exactly `events` records.
        const qint64 target = std::max<qint64>(opt.events, 1);
        const qint64 numOrders = std::max<qint64>(4, target * 10 / 82);
        double total = 0;
        for (double w : kHourWeight)
            total += w;
        total *= 7;
        double carry = 0;
        for (int h = 0; h < 7 * 24; ++h) {
            carry += static_cast<double>(numOrders) * kHourWeight[static_cast<size_t>(h % 24)] / total;
            const auto n = static_cast<qint64>(carry);
            carry -= static_cast<double>(n);
            for (qint64 i = 0; i < n; ++i)
                creationTimes.push_back(opt.weekStart + h * kHour + rng.range(0, kHour - 1));
        }
        // The incident needs a few customers checking out while the gateway is down, at any scale.
        for (int i = 0; i < 4; ++i)
            creationTimes.push_back(incidentStart + rng.range(0, 10 * kMinute));
        std::sort(creationTimes.begin(), creationTimes.end());
        orders.resize(creationTimes.size());
    }

    bool inIncident(qint64 t) const { return t >= incidentStart && t < incidentEnd; }

    void activate(std::uint32_t index)
    {
        Order& o = orders[index];
        o.no = index + 1;
        o.created = creationTimes[index];
        Rng r(opt.seed * 0x9E3779B97F4A7C15ull + o.no);
        o.customer = static_cast<std::uint32_t>(r.below(kNumCustomers));
        o.traceHi = r.next();
        o.traceLo = r.next();
        o.channel = static_cast<std::uint8_t>(r.below(3));
        o.cardLast4 = static_cast<std::uint16_t>(r.below(10000));
        const int nItems = 1 + static_cast<int>(r.below(10) < 6 ? 0 : r.below(10) < 7 ? 1 : 2);
        for (int i = 0; i < nItems; ++i) {
            Item it;
            it.sku = static_cast<std::uint16_t>(r.below(kNumSkus));
            it.qty = static_cast<std::uint8_t>(1 + (r.chance(0.8) ? 0 : r.below(3)));
            it.unitPriceCents = skuPrice[it.sku];
            o.items.push_back(it);
        }
        planLifecycle(o, r);
        std::stable_sort(o.steps.begin(), o.steps.end(),
                         [](const Step& a, const Step& b) { return a.atMs < b.atMs; });
        o.nextStep = 0;
        pushNext(index);
    }

    void addStock(Order& o, qint64 at, Kind k, Rng& r)
    {
        for (size_t i = 0; i < o.items.size(); ++i)
            o.steps.push_back({at + r.range(50, 3000), k, static_cast<std::uint16_t>(i)});
    }

    void planLifecycle(Order& o, Rng& r)
    {
        auto& s = o.steps;
        qint64 t = o.created;
        s.push_back({t, Kind::OrderCreated, 0});
        t += r.range(2 * kSecond, 40 * kSecond);
        std::uint16_t attempt = 1; // the 0x8000 bit marks a decline (below)
        // Incident: the gateway times out; checkout retries every few seconds until it recovers.
        bool giveUp = false;
        while (inIncident(t)) {
            s.push_back({t, Kind::PaymentFailed, attempt});
            attempt = static_cast<std::uint16_t>(std::min(attempt + 1, 30000));
            t += r.range(3 * kSecond, 8 * kSecond);
            if (!inIncident(t)) giveUp = r.chance(0.25);
        }
        if (!giveUp) {
            const double u = r.unit();
            if (u < 0.025) { // declined once, then a second card works
                s.push_back({t, Kind::PaymentFailed, static_cast<std::uint16_t>(attempt | 0x8000)});
                ++attempt;
                t += r.range(1 * kMinute, 10 * kMinute);
            } else if (u < 0.035) { // declined twice, the order is cancelled
                s.push_back({t, Kind::PaymentFailed, static_cast<std::uint16_t>(attempt | 0x8000)});
                t += r.range(30 * kSecond, 5 * kMinute);
                s.push_back({t, Kind::PaymentFailed, static_cast<std::uint16_t>((attempt + 1) | 0x8000)});
                giveUp = true;
            }
        }
        if (giveUp) {
            s.push_back({t + r.range(1 * kSecond, 30 * kSecond), Kind::OrderCancelled, 1});
            return;
        }
        s.push_back({t, Kind::PaymentAuthorized, attempt});
        addStock(o, t, Kind::StockReserved, r);
        t += r.range(30 * kSecond, 5 * kMinute);
        s.push_back({t, Kind::PaymentCaptured, 0});
        t += r.range(200, 2000);
        s.push_back({t, Kind::OrderPaid, 0});
        if (r.chance(0.03)) { // the customer cancels before packing
            t += r.range(5 * kMinute, 3 * kHour);
            s.push_back({t, Kind::OrderCancelled, 0});
            s.push_back({t + r.range(1 * kSecond, 20 * kSecond), Kind::RefundIssued, 0});
            addStock(o, t, Kind::StockReleased, r);
            return;
        }
        t += r.range(1 * kHour, 20 * kHour);
        s.push_back({t, Kind::OrderPacked, 0});
        t += r.range(1 * kHour, 10 * kHour);
        s.push_back({t, Kind::OrderShipped, 0});
        t += r.range(18 * kHour, 72 * kHour);
        s.push_back({t, Kind::OrderDelivered, 0});
        if (r.chance(0.04)) {
            t += r.range(1 * kDay, 5 * kDay);
            s.push_back({t, Kind::OrderReturned, static_cast<std::uint16_t>(r.below(4))});
            t += r.range(1 * kHour, 24 * kHour);
            s.push_back({t, Kind::RefundIssued, 1});
            addStock(o, t, Kind::StockReleased, r);
        }
    }

    void pushNext(std::uint32_t index)
    {
        Order& o = orders[index];
        if (o.nextStep >= o.steps.size()) {
            std::vector<Step>().swap(o.steps);
            std::vector<Item>().swap(o.items);
            return;
        }
        heap.push({o.steps[o.nextStep].atMs, seq++, index});
    }

    // Common leading members of every event value.
    void beginValue(QByteArray& v, Kind k, const Order& o, qint64 at, std::uint64_t eventId, int schema)
    {
        v.append("{\"event_id\":\"evt-");
        appendHex(v, eventId, 16);
        v.append("\",\"type\":\"").append(kindName(k)).append("\",\"schema_version\":");
        v.append(QByteArray::number(schema));
        v.append(",\"order_id\":\"o-").append(QByteArray::number(o.no)).append('"');
        v.append(",\"occurred_at\":\"");
        appendIso(v, at);
        v.append('"');
    }

    std::uint32_t totalCents(const Order& o) const
    {
        std::uint32_t t = 0;
        for (const Item& it : o.items)
            t += it.unitPriceCents * it.qty;
        return t;
    }

    void appendCustomer(QByteArray& v, const Order& o)
    {
        Rng r(opt.seed ^ (0xC0FFEEull * (o.customer + 1)));
        const char* first = kFirst[r.below(std::size(kFirst))];
        const char* last = kLast[r.below(std::size(kLast))];
        const auto city = r.below(std::size(kCities));
        v.append(",\"customer\":{\"id\":\"c-").append(QByteArray::number(o.customer + 1000));
        v.append("\",\"name\":\"").append(first).append(' ').append(last);
        v.append("\",\"email\":\"")
            .append(QByteArray(first).toLower())
            .append('.')
            .append(QByteArray(last).toLower());
        v.append(QByteArray::number(o.customer % 97)).append("@example.com\"");
        v.append(",\"phone\":\"+49 30 ").append(QByteArray::number(r.range(1000000, 9999999))).append("\"}");
        v.append(",\"shipping_address\":{\"street\":\"").append(kStreets[r.below(std::size(kStreets))]);
        v.append(' ').append(QByteArray::number(r.range(1, 180)));
        v.append("\",\"city\":\"").append(kCities[city]).append("\",\"postcode\":\"");
        v.append(QByteArray::number(r.range(10000, 99999)))
            .append("\",\"country\":\"")
            .append(kCountries[city]);
        v.append("\"}");
    }

    void render(const Order& o, const Step& st, ProducerRecord& out)
    {
        const Topic topic = topicOf(st.kind);
        const int schema = st.atMs >= schemaChange && topic != Inventory ? 2 : 1;
        std::uint64_t idSeed = (static_cast<std::uint64_t>(o.no) << 20) ^
                               (static_cast<std::uint64_t>(o.nextStep) << 4) ^ opt.seed;
        const std::uint64_t eventId = splitmix64(idSeed);
        QByteArray key = topic == Inventory
                             ? "SKU-" + QByteArray::number(o.items[st.arg].sku + 10000).right(5)
                             : "o-" + QByteArray::number(o.no);
        QByteArray v;
        v.reserve(512);
        beginValue(v, st.kind, o, st.atMs, eventId, schema);
        const QByteArray paymentId = "pay-" + QByteArray::number(o.no * 7 + 100000);
        const auto cents = totalCents(o);
        switch (st.kind) {
        case Kind::OrderCreated:
            appendCustomer(v, o);
            v.append(",\"items\":[");
            for (size_t i = 0; i < o.items.size(); ++i) {
                if (i) v.append(',');
                v.append("{\"sku\":\"SKU-").append(QByteArray::number(o.items[i].sku + 10000).right(5));
                v.append("\",\"qty\":").append(QByteArray::number(o.items[i].qty));
                v.append(",\"unit_price_cents\":")
                    .append(QByteArray::number(o.items[i].unitPriceCents))
                    .append('}');
            }
            v.append("],\"total_cents\":").append(QByteArray::number(cents)).append(",\"currency\":\"EUR\"");
            if (schema >= 2) v.append(",\"channel\":\"").append(kChannels[o.channel]).append('"');
            break;
        case Kind::OrderPaid:
            v.append(",\"payment_id\":\"").append(paymentId).append("\",\"amount_cents\":");
            v.append(QByteArray::number(cents)).append(",\"currency\":\"EUR\"");
            break;
        case Kind::OrderPacked:
            v.append(",\"warehouse\":\"").append(kWarehouses[o.no % 3]).append("\",\"parcel_count\":");
            v.append(QByteArray::number(o.items.size() > 2 ? 2 : 1));
            break;
        case Kind::OrderShipped:
            v.append(",\"carrier\":\"").append(kCarriers[o.no % 5]).append("\",\"tracking_number\":\"");
            appendHex(v, o.traceLo, 12);
            v.append('"');
            break;
        case Kind::OrderDelivered:
            v.append(",\"signed_by\":\"").append(kFirst[o.customer % std::size(kFirst)]).append('"');
            break;
        case Kind::OrderCancelled:
            v.append(",\"reason\":\"")
                .append(st.arg == 1 ? "payment_failed" : "customer_request")
                .append('"');
            break;
        case Kind::OrderReturned:
            v.append(",\"reason\":\"").append(kReturnReasons[st.arg % 4]).append('"');
            break;
        case Kind::PaymentAuthorized:
        case Kind::PaymentCaptured:
        case Kind::PaymentFailed:
            v.append(",\"payment_id\":\"").append(paymentId).append("\",\"amount_cents\":");
            v.append(QByteArray::number(cents))
                .append(",\"currency\":\"EUR\",\"method\":\"card\",\"card_last4\":\"");
            v.append(QByteArray::number(o.cardLast4 + 10000).right(4)).append('"');
            if (st.kind == Kind::PaymentFailed) {
                const bool decline = st.arg & 0x8000;
                v.append(",\"attempt\":").append(QByteArray::number(st.arg & 0x7fff));
                v.append(",\"error_code\":\"")
                    .append(decline ? kDecline[o.no % 3] : "gateway_timeout")
                    .append('"');
                if (!decline)
                    v.append(",\"gateway\":\"psp-eu-west\",\"latency_ms\":")
                        .append(QByteArray::number(30000));
            }
            if (st.kind == Kind::PaymentAuthorized && schema >= 2)
                v.append(",\"three_ds\":").append(o.cardLast4 % 3 ? "true" : "false");
            break;
        case Kind::RefundIssued:
            v.append(",\"refund_id\":\"ref-").append(QByteArray::number(o.no)).append("\",\"payment_id\":\"");
            v.append(paymentId).append("\",\"amount_cents\":").append(QByteArray::number(cents));
            v.append(",\"reason\":\"").append(st.arg ? "return" : "cancellation").append('"');
            break;
        case Kind::StockReserved:
        case Kind::StockReleased:
            v.append(",\"sku\":\"")
                .append(key)
                .append("\",\"qty\":")
                .append(QByteArray::number(o.items[st.arg].qty));
            v.append(",\"warehouse\":\"").append(kWarehouses[o.no % 3]).append('"');
            break;
        }
        v.append('}');

        out.topic = topicNames[topic];
        out.partition = defaultPartition(key, partitions[topic]);
        out.offset.reset();
        out.timestamp = st.atMs;
        out.timestampType = TimestampType::CreateTime;
        out.key = std::move(key);
        out.value = std::move(v);
        QByteArray trace;
        trace.reserve(32);
        appendHex(trace, o.traceHi, 16);
        appendHex(trace, o.traceLo, 16);
        out.headers = {{"trace_id", trace},
                       {"source", QByteArray(sourceOf(st.kind))},
                       {"content-type", QByteArray("application/json")}};
    }

    bool next(ProducerRecord& out)
    {
        if (produced >= opt.events) return false;
        while (true) {
            const qint64 nextCreate =
                nextCreation < creationTimes.size() ? creationTimes[nextCreation] : INT64_MAX;
            const qint64 nextStep = heap.empty() ? INT64_MAX : heap.top().at;
            const qint64 nextDup = duplicates.empty() ? INT64_MAX : duplicates.top().at;
            if (nextCreate == INT64_MAX && nextStep == INT64_MAX && nextDup == INT64_MAX) return false;
            if (nextCreate <= nextStep && nextCreate <= nextDup) {
                activate(static_cast<std::uint32_t>(nextCreation++));
                continue;
            }
            if (nextDup <= nextStep) {
                out = duplicates.top().record;
                duplicates.pop();
                ++produced;
                return true;
            }
            const HeapEntry e = heap.top();
            heap.pop();
            Order& o = orders[e.order];
            render(o, o.steps[o.nextStep], out);
            ++o.nextStep;
            pushNext(e.order);
            // At-least-once delivery: now and then a producer retry writes the same event again.
            if (rng.chance(0.003)) {
                Duplicate d{out.timestamp + rng.range(20, 2500), seq++, out};
                d.record.timestamp = d.at;
                d.record.headers.push_back({"x-delivery-attempt", QByteArray("2")});
                duplicates.push(std::move(d));
            }
            ++produced;
            return true;
        }
    }
};

DemoGenerator::DemoGenerator(const DemoOptions& options) : d(std::make_unique<Impl>(options)) {}
DemoGenerator::~DemoGenerator() = default;

std::vector<DemoTopicSpec> DemoGenerator::topics()
{
    return {{QStringLiteral("orders"), 6}, {QStringLiteral("payments"), 6}, {QStringLiteral("inventory"), 3}};
}

bool DemoGenerator::next(ProducerRecord& out)
{
    return d->next(out);
}

qint64 DemoGenerator::produced() const
{
    return d->produced;
}
TimestampMs DemoGenerator::incidentStart() const
{
    return d->incidentStart;
}
TimestampMs DemoGenerator::incidentEnd() const
{
    return d->incidentEnd;
}
TimestampMs DemoGenerator::schemaChangeTime() const
{
    return d->schemaChange;
}

} // namespace rw
