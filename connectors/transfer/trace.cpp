#include "trace.h"

#include "json.h"
#include "time_parse.h"

#include <QHash>
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

// A top-level (or dotted) field of a JSON value as text: strings as they are, other values as
// JSON; empty when absent.
QString fieldText(const Record& r, const QString& path)
{
    if (!r.value || path.isEmpty()) return {};
    QByteArray level = *r.value;
    const QStringList parts = path.split(QLatin1Char('.'));
    for (qsizetype i = 0; i < parts.size(); ++i) {
        auto m = json::parseObject(level);
        if (!m) return {};
        const QByteArray name = parts[i].toUtf8();
        const json::Member* found = nullptr;
        for (const json::Member& mem : m.value())
            if (mem.name == name) found = &mem;
        if (!found) return {};
        if (i + 1 == parts.size())
            return found->value.type == json::Type::String
                       ? QString::fromUtf8(found->value.string)
                       : QString::fromUtf8(found->value.raw.toByteArray());
        level = found->value.raw.toByteArray();
    }
    return {};
}

// Numbers that count up along a run of one event type ("attempt 1→130"): top-level numeric
// fields whose value at the run's end is larger than at its start.
QString progression(const Record& a, const Record& b)
{
    if (!a.value || !b.value) return {};
    auto ma = json::parseObject(*a.value), mb = json::parseObject(*b.value);
    if (!ma || !mb) return {};
    QStringList out;
    for (const json::Member& x : ma.value()) {
        if (x.value.type != json::Type::Number) continue;
        for (const json::Member& y : mb.value())
            if (y.name == x.name && y.value.type == json::Type::Number) {
                bool okA = false, okB = false;
                const double va = x.value.raw.toByteArray().toDouble(&okA),
                             vb = y.value.raw.toByteArray().toDouble(&okB);
                if (okA && okB && vb > va)
                    out << QStringLiteral("%1 %2→%3")
                               .arg(QString::fromUtf8(x.name), QString::fromUtf8(x.value.raw.toByteArray()),
                                    QString::fromUtf8(y.value.raw.toByteArray()));
            }
    }
    return out.join(QStringLiteral(", "));
}

QString duration(TimestampMs ms)
{
    const qint64 s = ms / 1000;
    if (s < 60) return QStringLiteral("%1 s").arg(s);
    if (s < 3600) return QStringLiteral("%1 min %2 s").arg(s / 60).arg(s % 60);
    if (s < 86400) return QStringLiteral("%1 h %2 min").arg(s / 3600).arg(s / 60 % 60);
    return QStringLiteral("%1 d %2 h").arg(s / 86400).arg(s / 3600 % 24);
}

} // namespace

TraceStory traceStory(const std::vector<TraceEvent>& events)
{
    TraceStory story;
    const TraceEvent* firstEvent = nullptr;
    const TraceEvent* lastEvent = nullptr;
    for (size_t i = 0; i < events.size(); ++i) {
        const TraceEvent& e = events[i];
        if (e.redeliveryOf >= 0) {
            ++story.redeliveries;
            // Under the line that holds its first delivery.
            for (auto it = story.lines.rbegin(); it != story.lines.rend(); ++it)
                if (it->first <= e.redeliveryOf && e.redeliveryOf <= it->last) {
                    ++it->redeliveries;
                    break;
                }
            continue;
        }
        if (!firstEvent) firstEvent = &e;
        lastEvent = &e;
        auto counted = std::find_if(story.countsByType.begin(), story.countsByType.end(),
                                    [&](const auto& c) { return c.first == e.type; });
        if (counted == story.countsByType.end())
            story.countsByType.push_back({e.type, 1});
        else
            ++counted->second;
        TraceLine* open = story.lines.empty() ? nullptr : &story.lines.back();
        if (open && !e.type.isEmpty() && open->type == e.type &&
            events[static_cast<size_t>(open->last)].record.topic == e.record.topic) {
            open->last = static_cast<int>(i);
            ++open->events;
            continue;
        }
        story.lines.push_back({static_cast<int>(i), static_cast<int>(i), 1, 0, e.type, QString()});
    }
    for (TraceLine& l : story.lines)
        if (l.events > 1)
            l.progression = progression(events[static_cast<size_t>(l.first)].record,
                                        events[static_cast<size_t>(l.last)].record);
    if (!firstEvent) return story;
    story.firstType = firstEvent->type;
    story.lastType = lastEvent->type;
    story.firstTime = firstEvent->record.timestamp;
    story.lastTime = lastEvent->record.timestamp;
    story.finalState = lastEvent->type;
    if (const QString status = fieldText(lastEvent->record, QStringLiteral("status")); !status.isEmpty())
        story.finalState += QStringLiteral(" (status %1)").arg(status);
    int total = 0;
    QStringList counts;
    for (const auto& [type, n] : story.countsByType) {
        total += n;
        counts
            << (n > 1
                    ? QStringLiteral("%1 ×%2").arg(type.isEmpty() ? QStringLiteral("(no type)") : type).arg(n)
                    : (type.isEmpty() ? QStringLiteral("(no type)") : type));
    }
    story.summary = QStringLiteral("%1 event%2 over %3, from %4 to %5%6. Per type: %7")
                        .arg(total)
                        .arg(total == 1 ? QString() : QStringLiteral("s"))
                        .arg(duration(story.lastTime - story.firstTime), story.firstType, story.lastType,
                             story.finalState == story.lastType
                                 ? QString()
                                 : QStringLiteral(" (final state: %1)").arg(story.finalState),
                             counts.join(QStringLiteral(", ")));
    if (story.redeliveries > 0)
        story.summary += QStringLiteral(". %1 redeliver%2 (the same event again): not counted as events")
                             .arg(story.redeliveries)
                             .arg(story.redeliveries == 1 ? QStringLiteral("y") : QStringLiteral("ies"));
    return story;
}

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
    // The identity of each record (event_id by default): a later record with the same identity
    // is a redelivery of the first, shown under it, and left out of the changes.
    QHash<QString, int> firstOf;
    const TraceEvent* lastEvent = nullptr;
    for (size_t i = 0; i < records.size(); ++i) {
        TraceEvent e;
        e.identity = fieldText(records[i], q.identityField);
        if (!e.identity.isEmpty()) {
            const QString key = records[i].topic + QLatin1Char('\x1f') + e.identity;
            if (auto it = firstOf.find(key); it != firstOf.end())
                e.redeliveryOf = it.value();
            else
                firstOf.insert(key, static_cast<int>(out.events.size()));
        }
        if (e.redeliveryOf < 0) {
            const Record* prev = lastEvent ? &lastEvent->record : nullptr;
            if (prev && prev->value && records[i].value)
                for (FieldChange& c : diffJson(*prev->value, *records[i].value))
                    if (!noisy(c.path)) e.changes.push_back(std::move(c));
        }
        e.type = eventType(records[i]);
        e.record = std::move(records[i]);
        out.events.push_back(std::move(e));
        if (out.events.back().redeliveryOf < 0) lastEvent = &out.events.back();
    }
    return out;
}

} // namespace rw
