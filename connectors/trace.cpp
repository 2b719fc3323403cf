#include "trace.h"

#include "json.h"
#include "time_parse.h"

#include <QRegularExpression>

namespace rw {

namespace {

QString quoted(const QString& s)
{
    QByteArray out;
    json::appendString(out, s.toUtf8());
    return QString::fromUtf8(out);
}

QString eventType(const Record& r)
{
    if (!r.value) return QStringLiteral("(tombstone)");
    auto m = json::parseObject(*r.value);
    if (m)
        for (const auto& mem : m.value())
            if (mem.name == "type" && mem.value.type == json::Type::String)
                return QString::fromUtf8(mem.value.string);
    return QString();
}

} // namespace

Result<QString> traceFilterText(const TraceQuery& q)
{
    if (q.key) {
        if (!json::isValidUtf8(*q.key))
            return makeError(ErrorCode::InvalidArgument, QStringLiteral("the key must be UTF-8 text"));
        return QStringLiteral("key == %1").arg(quoted(QString::fromUtf8(*q.key)));
    }
    static const QRegularExpression name(
        QStringLiteral("^[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)*$"));
    if (!name.match(q.field).hasMatch())
        return makeError(ErrorCode::InvalidArgument,
                         QStringLiteral("'%1' is not a plain field name (letters, digits, _ and dots: "
                                        "order_id, customer.id)")
                             .arg(q.field.left(80)));
    return QStringLiteral("has(value.%1) && string(value.%1) == %2").arg(q.field, quoted(q.value));
}

Result<TraceResult> runTrace(const TraceQuery& q, const TraceSearch& search)
{
    auto text = traceFilterText(q);
    if (!text) return text.error();
    auto f = Filter::compile(text.value(), currentTimeMs());
    if (!f) return f.error();
    SearchOptions o;
    o.topic = q.topic;
    o.keyPartitioner = q.keyPartitioner;
    TraceResult out;
    out.filterText = text.value();
    std::vector<Record> records;
    std::optional<Error> damaged;
    auto rep = search(f.value(), o, [&](const QString& topic, const RecordView& v) {
        auto r = toRecord(topic, v);
        if (!r) {
            damaged = r.error();
            return false;
        }
        records.push_back(std::move(r.value()));
        if (static_cast<qint64>(records.size()) >= q.maxEvents) {
            out.truncated = true;
            return false;
        }
        return true;
    });
    if (!rep) return rep.error();
    if (damaged) return *damaged;
    out.report = std::move(rep.value());
    std::stable_sort(records.begin(), records.end(), [](const Record& a, const Record& b) {
        if (a.timestamp != b.timestamp) return a.timestamp < b.timestamp;
        if (a.topic != b.topic) return a.topic < b.topic;
        return a.partition != b.partition ? a.partition < b.partition : a.offset < b.offset;
    });
    auto noisy = [&](const QString& path) {
        return !q.allFields && (path == QLatin1String("event_id") || path == QLatin1String("occurred_at"));
    };
    out.events.reserve(records.size());
    for (size_t i = 0; i < records.size(); ++i) {
        TraceEvent e;
        const Record* prev = out.events.empty() ? nullptr : &out.events.back().record;
        if (prev && prev->value && records[i].value)
            for (FieldChange& c : diffJson(*prev->value, *records[i].value))
                if (!noisy(c.path)) e.changes.push_back(std::move(c));
        e.type = eventType(records[i]);
        e.record = std::move(records[i]);
        out.events.push_back(std::move(e));
    }
    return out;
}

} // namespace rw
