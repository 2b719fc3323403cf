#include "case_file.h"

#include <QJsonArray>
#include <QJsonDocument>

#include <limits>

namespace rw {

int Case::pinIndex(const QString& topic, PartitionId partition, Offset offset) const
{
    for (size_t i = 0; i < pins.size(); ++i)
        if (pins[i].offset == offset && pins[i].partition == partition && pins[i].topic == topic)
            return static_cast<int>(i);
    return -1;
}

QString CaseTrace::text() const
{
    if (key) return QString::fromUtf8(*key);
    if (field.isEmpty()) return {};
    return field + QLatin1Char('=') + value;
}

CaseTrace CaseTrace::fromText(const QString& text)
{
    CaseTrace t;
    const QString s = text.trimmed();
    if (s.isEmpty()) return t;
    const qsizetype eq = s.indexOf(QLatin1Char('='));
    if (eq > 0) {
        t.field = s.left(eq).trimmed();
        t.value = s.mid(eq + 1).trimmed();
    } else {
        t.key = s.toUtf8();
    }
    return t;
}

QByteArray Case::toJson() const
{
    QJsonObject o;
    o[QStringLiteral("format")] = kCaseFormat;
    o[QStringLiteral("name")] = name;
    o[QStringLiteral("source")] = source;
    o[QStringLiteral("summary")] = summary;
    if (!trace.isEmpty()) {
        QJsonObject t;
        if (trace.key) {
            const QString text = QString::fromUtf8(*trace.key);
            if (text.toUtf8() == *trace.key) {
                t[QStringLiteral("key")] = text;
                o[QStringLiteral("trace_key")] = text; // what format-1 readers before "trace" read
            } else {
                t[QStringLiteral("key_base64")] = QString::fromLatin1(trace.key->toBase64());
            }
        } else {
            t[QStringLiteral("field")] = trace.field;
            t[QStringLiteral("value")] = trace.value;
        }
        if (!trace.topic.isEmpty()) t[QStringLiteral("topic")] = trace.topic;
        if (trace.keyPartitioner != KeyPartitioner::None)
            t[QStringLiteral("partitioner")] = QString::fromLatin1(partitionerName(trace.keyPartitioner));
        t[QStringLiteral("identity_field")] = trace.identityField;
        if (trace.events >= 0) t[QStringLiteral("events")] = static_cast<double>(trace.events);
        o[QStringLiteral("trace")] = t;
    }
    o[QStringLiteral("created_ms")] = static_cast<double>(created);
    o[QStringLiteral("updated_ms")] = static_cast<double>(updated);
    QJsonArray p;
    for (const CasePin& pin : pins) {
        QJsonObject j;
        j[QStringLiteral("topic")] = pin.topic;
        j[QStringLiteral("partition")] = pin.partition;
        j[QStringLiteral("offset")] = static_cast<double>(pin.offset);
        if (!pin.note.isEmpty()) j[QStringLiteral("note")] = pin.note;
        j[QStringLiteral("pinned_ms")] = static_cast<double>(pin.pinnedAt);
        if (pin.timestamp) j[QStringLiteral("timestamp_ms")] = static_cast<double>(*pin.timestamp);
        if (!pin.key.isEmpty()) j[QStringLiteral("key")] = pin.key;
        if (pin.kept) j[QStringLiteral("kept_ms")] = static_cast<double>(pin.kept);
        p.append(j);
    }
    o[QStringLiteral("pins")] = p;
    QJsonArray r;
    for (const CaseRange& range : ranges) {
        QJsonObject j{{QStringLiteral("from_ms"), static_cast<double>(range.from)},
                      {QStringLiteral("to_ms"), static_cast<double>(range.to)},
                      {QStringLiteral("note"), range.note}};
        if (range.kept) j[QStringLiteral("kept_ms")] = static_cast<double>(range.kept);
        r.append(j);
    }
    o[QStringLiteral("ranges")] = r;
    QJsonArray v;
    for (const CaseView& view : views)
        v.append(QJsonObject{{QStringLiteral("name"), view.name}, {QStringLiteral("view"), view.view}});
    o[QStringLiteral("views")] = v;
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

namespace {

// JSON numbers are doubles: offsets and times are exact up to 2^53.
bool wholeNumber(const QJsonValue& v, std::int64_t& out)
{
    if (!v.isDouble()) return false;
    const double d = v.toDouble();
    if (d < -9007199254740992.0 || d > 9007199254740992.0 ||
        d != static_cast<double>(static_cast<std::int64_t>(d)))
        return false;
    out = static_cast<std::int64_t>(d);
    return true;
}

Error bad(const QString& what)
{
    return makeError(ErrorCode::InvalidArgument, QStringLiteral("not a usable case: %1").arg(what));
}

} // namespace

Result<Case> Case::fromJson(QByteArrayView json)
{
    QJsonParseError pe;
    const QJsonDocument doc = QJsonDocument::fromJson(json.toByteArray(), &pe);
    if (pe.error != QJsonParseError::NoError)
        return bad(QStringLiteral("%1 at byte %2").arg(pe.errorString()).arg(pe.offset));
    if (!doc.isObject()) return bad(QStringLiteral("the document is not a JSON object"));
    const QJsonObject o = doc.object();
    std::int64_t format = 0;
    if (!wholeNumber(o.value(QStringLiteral("format")), format) || format < 1)
        return bad(QStringLiteral("it has no case format number"));
    if (format > kCaseFormat)
        return makeError(ErrorCode::NewerSchema,
                         QStringLiteral("this case was written by a newer version of Rewind (case format %1; "
                                        "this version reads format %2 and older): open it with that version")
                             .arg(format)
                             .arg(kCaseFormat));
    Case c;
    c.name = o.value(QStringLiteral("name")).toString();
    if (c.name.trimmed().isEmpty()) return bad(QStringLiteral("it has no name"));
    c.source = o.value(QStringLiteral("source")).toString();
    c.summary = o.value(QStringLiteral("summary")).toString();
    if (const QJsonValue tv = o.value(QStringLiteral("trace")); tv.isObject()) {
        const QJsonObject t = tv.toObject();
        if (t.contains(QStringLiteral("key")))
            c.trace.key = t.value(QStringLiteral("key")).toString().toUtf8();
        else if (t.contains(QStringLiteral("key_base64")))
            c.trace.key = QByteArray::fromBase64(t.value(QStringLiteral("key_base64")).toString().toLatin1());
        else {
            c.trace.field = t.value(QStringLiteral("field")).toString();
            c.trace.value = t.value(QStringLiteral("value")).toString();
            if (c.trace.field.isEmpty())
                return bad(QStringLiteral("its trace names neither a key nor a field"));
        }
        c.trace.topic = t.value(QStringLiteral("topic")).toString();
        if (t.contains(QStringLiteral("partitioner")) &&
            !parsePartitioner(t.value(QStringLiteral("partitioner")).toString(), c.trace.keyPartitioner))
            return bad(QStringLiteral("its trace names an unknown partitioner"));
        c.trace.identityField = t.value(QStringLiteral("identity_field")).toString(c.trace.identityField);
        std::int64_t events = -1;
        if (wholeNumber(t.value(QStringLiteral("events")), events)) c.trace.events = events;
    } else if (const QString key = o.value(QStringLiteral("trace_key")).toString(); !key.isEmpty()) {
        c.trace.key = key.toUtf8(); // written before cases kept the whole trace
    }
    wholeNumber(o.value(QStringLiteral("created_ms")), c.created);
    wholeNumber(o.value(QStringLiteral("updated_ms")), c.updated);
    const QJsonArray pins = o.value(QStringLiteral("pins")).toArray();
    c.pins.reserve(static_cast<size_t>(pins.size()));
    for (qsizetype i = 0; i < pins.size(); ++i) {
        const QJsonObject j = pins.at(i).toObject();
        CasePin pin;
        pin.topic = j.value(QStringLiteral("topic")).toString();
        std::int64_t partition = -1;
        if (pin.topic.isEmpty() || !wholeNumber(j.value(QStringLiteral("partition")), partition) ||
            partition < 0 || partition > std::numeric_limits<PartitionId>::max() ||
            !wholeNumber(j.value(QStringLiteral("offset")), pin.offset) || pin.offset < 0)
            return bad(QStringLiteral("pin %1 has no topic, partition and offset").arg(i + 1));
        pin.partition = static_cast<PartitionId>(partition);
        pin.note = j.value(QStringLiteral("note")).toString();
        wholeNumber(j.value(QStringLiteral("pinned_ms")), pin.pinnedAt);
        std::int64_t ts = 0;
        if (wholeNumber(j.value(QStringLiteral("timestamp_ms")), ts)) pin.timestamp = ts;
        pin.key = j.value(QStringLiteral("key")).toString();
        wholeNumber(j.value(QStringLiteral("kept_ms")), pin.kept);
        c.pins.push_back(std::move(pin));
    }
    const QJsonArray ranges = o.value(QStringLiteral("ranges")).toArray();
    for (qsizetype i = 0; i < ranges.size(); ++i) {
        const QJsonObject j = ranges.at(i).toObject();
        CaseRange r;
        if (!wholeNumber(j.value(QStringLiteral("from_ms")), r.from) ||
            !wholeNumber(j.value(QStringLiteral("to_ms")), r.to) || r.to < r.from)
            return bad(QStringLiteral("time range %1 has no from and to").arg(i + 1));
        r.note = j.value(QStringLiteral("note")).toString();
        wholeNumber(j.value(QStringLiteral("kept_ms")), r.kept);
        c.ranges.push_back(std::move(r));
    }
    const QJsonArray views = o.value(QStringLiteral("views")).toArray();
    for (const QJsonValue& v : views) {
        const QJsonObject j = v.toObject();
        c.views.push_back(
            {j.value(QStringLiteral("name")).toString(), j.value(QStringLiteral("view")).toObject()});
    }
    return c;
}

} // namespace rw
