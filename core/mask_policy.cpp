#include "mask_policy.h"

#include "header_codec.h"
#include "json.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

namespace rw {

namespace {

constexpr int kMaxDepth = 64; // deeper than any path: what lies below is copied as it is

QStringList unique(QStringList l)
{
    l.removeDuplicates();
    l.removeAll(QString());
    return l;
}

} // namespace

bool MaskPolicy::touchesPath(const QString& path) const
{
    static const QRegularExpression index(QStringLiteral("\\[\\d+\\]"));
    QString plain = path;
    plain.remove(index); // through arrays, as masking goes
    const QStringList segments = plain.split(QLatin1Char('.'), Qt::SkipEmptyParts);
    for (const QString& field : fields) {
        const QStringList masked = field.split(QLatin1Char('.'), Qt::SkipEmptyParts);
        const qsizetype common = std::min(masked.size(), segments.size());
        bool same = common > 0;
        for (qsizetype i = 0; i < common && same; ++i)
            same = masked[i] == QLatin1String("*") || masked[i] == segments[i];
        if (same) return true; // one lies under the other
    }
    return false;
}

MaskPolicy MaskPolicy::merged(const MaskPolicy& other) const
{
    return {unique(fields + other.fields), unique(headers + other.headers)};
}

QByteArray MaskPolicy::toJson() const
{
    return QJsonDocument(QJsonObject{{QStringLiteral("fields"), QJsonArray::fromStringList(fields)},
                                     {QStringLiteral("headers"), QJsonArray::fromStringList(headers)}})
        .toJson(QJsonDocument::Compact);
}

Result<MaskPolicy> MaskPolicy::fromJson(QByteArrayView json)
{
    QJsonParseError e{};
    const QJsonDocument d = QJsonDocument::fromJson(json.toByteArray(), &e);
    if (!d.isObject())
        return makeError(ErrorCode::Parse,
                         QStringLiteral("a masking policy is a JSON object: %1").arg(e.errorString()));
    MaskPolicy p;
    const QJsonObject o = d.object();
    for (auto it = o.begin(); it != o.end(); ++it) {
        if (it.key() != QLatin1String("fields") && it.key() != QLatin1String("headers"))
            return makeError(ErrorCode::Parse, QStringLiteral("a masking policy has no '%1'").arg(it.key()));
        if (!it.value().isArray())
            return makeError(ErrorCode::Parse,
                             QStringLiteral("'%1' of a masking policy is a list").arg(it.key()));
        QStringList& list = it.key() == QLatin1String("fields") ? p.fields : p.headers;
        for (const QJsonValue& v : it.value().toArray()) {
            if (!v.isString() || v.toString().trimmed().isEmpty())
                return makeError(ErrorCode::Parse,
                                 QStringLiteral("'%1' holds a name that is not text").arg(it.key()));
            list << v.toString().trimmed();
        }
    }
    p.fields = unique(p.fields);
    p.headers = unique(p.headers);
    return p;
}

Masker::Masker(const MaskPolicy& policy, const QStringList& removeFields)
    : m_headers(policy.headers), m_headerHits(static_cast<size_t>(policy.headers.size()), 0)
{
    auto segments = [](const QString& f) {
        QList<QByteArray> out;
        for (const QString& s : f.split(QLatin1Char('.')))
            out << s.toUtf8();
        return out;
    };
    for (const QString& f : policy.fields)
        m_fields.push_back({segments(f), false, 0, f});
    for (const QString& f : removeFields)
        m_fields.push_back({segments(f), true, 0, f});
    for (size_t i = 0; i < m_fields.size(); ++i)
        if (!m_fields[i].remove) {
            m_encodedPaths.segments.push_back(m_fields[i].segments);
            m_encodedIndex.push_back(static_cast<int>(i));
        }
    m_encodedPaths.hits.assign(m_encodedPaths.segments.size(), 0);
    for (const QString& h : m_headers)
        m_headerNames << h.toUtf8();
    m_members.resize(kMaxDepth + 2);
    m_next.resize(kMaxDepth + 2);
    for (size_t i = 0; i < m_fields.size(); ++i) {
        m_all.push_back({static_cast<int>(i), 0});
        const QByteArray& first = m_fields[i].segments.front();
        if (first == "*")
            m_wildcardFirst = true;
        else
            m_quotedFirst << '"' + first + '"';
    }
}

Result<std::optional<QByteArray>> Masker::value(const std::optional<QByteArray>& v, bool* changed)
{
    if (changed) *changed = false;
    if (!v || m_fields.empty()) return v;
    QByteArray out;
    auto r = value(*v, out);
    if (!r) return r.error();
    if (changed) *changed = r.value();
    return r.value() ? std::optional<QByteArray>(std::move(out)) : v;
}

// Whether a value can hold a member a path names: without escapes in it, a member name is
// written as it is, so a value in which no path's first name appears quoted holds none of them.
bool Masker::mayHold(QByteArrayView v) const
{
    if (m_wildcardFirst || v.contains('\\')) return true;
    for (const QByteArray& q : m_quotedFirst)
        if (v.indexOf(q) >= 0) return true;
    return false;
}

Result<bool> Masker::value(QByteArrayView v, QByteArray& out)
{
    out.resize(0);
    if (m_fields.empty()) {
        out.append(v);
        return false;
    }
    const QByteArrayView t = v.trimmed();
    const bool looksLikeObject = t.size() >= 2 && t.front() == '{' && t.back() == '}';
    bool changed = false;
    if (looksLikeObject && !mayHold(v)) { // nothing of the policy's in it: as it is
        out.append(v);
        return false;
    }
    if (!looksLikeObject || !rewriteObject(v, m_all, out, changed, 0)) {
        if (v.size() >= 5 && v[0] == '\0') { // the Schema Registry wire format, its schema unknown here
            const auto* p = reinterpret_cast<const uchar*>(v.data());
            const quint32 id = (quint32(p[1]) << 24) | (quint32(p[2]) << 16) | (quint32(p[3]) << 8) | p[4];
            return makeError(ErrorCode::Refused,
                             QStringLiteral("the value is in the Schema Registry wire format (schema id %1) "
                                            "and its schema is not at hand, so its personal data cannot be "
                                            "masked: give the registry (--schema-registry, or the profile's)")
                                 .arg(id));
        }
        return makeError(
            ErrorCode::Refused,
            QStringLiteral("the value is not a JSON object, so its personal data cannot be masked"));
    }
    return changed;
}

bool Masker::rewriteObject(QByteArrayView text, const std::vector<std::pair<int, int>>& active,
                           QByteArray& out, bool& changed, int depth)
{
    if (depth > kMaxDepth) return false;
    // One member list and path list per depth (sized once: references stay valid in recursion),
    // reused from record to record.
    std::vector<json::Member>& members = m_members[static_cast<size_t>(depth)];
    if (!json::parseObjectInto(text, members)) return false;
    out += '{';
    bool first = true;
    for (const json::Member& m : members) {
        bool drop = false, hide = false;
        std::vector<std::pair<int, int>>& next = m_next[static_cast<size_t>(depth)];
        next.clear();
        for (const auto& [path, at] : active) {
            Path& p = m_fields[static_cast<size_t>(path)];
            const QByteArray& seg = p.segments[at];
            if (seg != "*" && seg != m.name) continue;
            if (at + 1 == p.segments.size()) {
                ++p.hits;
                (p.remove ? drop : hide) = true;
            } else {
                next.push_back({path, at + 1});
            }
        }
        if (drop) {
            changed = true;
            continue;
        }
        if (!first) out += ',';
        first = false;
        json::appendString(out, m.name);
        out += ':';
        if (hide) {
            out += '"';
            out += kMaskedText;
            out += '"';
            changed = true;
        } else if (next.empty()) {
            out.append(m.value.raw);
        } else {
            // Deeper levels reuse this level's path list: take it out for the call.
            std::vector<std::pair<int, int>> open;
            open.swap(next);
            rewriteValue(m.value.raw, m.value.type == json::Type::Object, m.value.type == json::Type::Array,
                         open, out, changed, depth + 1);
            open.swap(m_next[static_cast<size_t>(depth)]);
        }
    }
    out += '}';
    return true;
}

// A member's value below the paths still open: objects are rewritten, arrays element by element
// (a path applies to each element), anything else is copied.
void Masker::rewriteValue(QByteArrayView raw, bool isObject, bool isArray,
                          const std::vector<std::pair<int, int>>& next, QByteArray& out, bool& changed,
                          int depth)
{
    if (next.empty() || depth > kMaxDepth || (!isObject && !isArray)) {
        out.append(raw);
        return;
    }
    if (isObject) {
        const qsizetype mark = out.size();
        if (!rewriteObject(raw, next, out, changed, depth)) {
            out.truncate(mark);
            out.append(raw);
        }
        return;
    }
    auto items = json::parseArray(raw);
    if (!items) {
        out.append(raw);
        return;
    }
    out += '[';
    for (size_t i = 0; i < items->size(); ++i) {
        if (i) out += ',';
        const json::Value& v = items.value()[i];
        rewriteValue(v.raw, v.type == json::Type::Object, v.type == json::Type::Array, next, out, changed,
                     depth + 1);
    }
    out += ']';
}

bool Masker::masksHeader(QByteArrayView name)
{
    for (qsizetype i = 0; i < m_headerNames.size(); ++i)
        if (m_headerNames[i] == name) {
            ++m_headerHits[static_cast<size_t>(i)];
            return true;
        }
    return false;
}

Headers Masker::headers(const Headers& headers)
{
    if (m_headers.isEmpty()) return headers;
    Headers out = headers;
    for (Header& h : out)
        if (masksHeader(h.key) && h.value) h.value = QByteArray(kMaskedText);
    return out;
}

bool MaskPaths::step(const std::vector<std::pair<int, int>>& active, QByteArrayView name,
                     std::vector<std::pair<int, int>>& next)
{
    next.clear();
    bool masked = false;
    for (const auto& [path, at] : active) {
        const QList<QByteArray>& p = segments[static_cast<size_t>(path)];
        const QByteArray& seg = p[at];
        if (seg != "*" && seg != name) continue;
        if (at + 1 == p.size()) {
            ++hits[static_cast<size_t>(path)];
            masked = true;
        } else {
            next.push_back({path, at + 1});
        }
    }
    return masked;
}

std::vector<std::pair<int, int>> MaskPaths::all() const
{
    std::vector<std::pair<int, int>> out;
    for (size_t i = 0; i < segments.size(); ++i)
        out.push_back({static_cast<int>(i), 0});
    return out;
}

Result<bool> Masker::storedValue(const QString& topic, QByteArrayView stored, QByteArray& out)
{
    if (m_encoded) {
        auto r = m_encoded->mask(topic, stored, m_encodedPaths, out);
        if (!r) return r.error();
        if (r.value()) {
            if (m_encodedPaths.segments.size() != m_fields.size())
                return makeError(ErrorCode::Refused,
                                 QStringLiteral("fields cannot be removed from a schema-encoded value (its "
                                                "writer schema has them): mask them instead"));
            return true;
        }
    }
    return value(stored, out);
}

Result<void> Masker::record(const QString& topic, const RecordView& in, bool valueAsStored, RecordView& out)
{
    out = in;
    const auto where = [&] { return QStringLiteral("%1-%2@%3").arg(topic).arg(in.partition).arg(in.offset); };
    if (masksValues() && !in.valueNull) {
        if (valueAsStored && !m_encoded)
            return makeError(
                ErrorCode::Refused,
                QStringLiteral("%1: a schema-encoded value cannot be masked as stored; export it "
                               "decoded (without --raw)")
                    .arg(where()));
        auto r = valueAsStored ? storedValue(topic, in.value, m_value) : value(in.value, m_value);
        if (!r) return makeError(r.error().code, QStringLiteral("%1: %2").arg(where(), r.error().message));
        if (r.value()) out.value = m_value;
    }
    if (m_headers.isEmpty() || in.headersBlob.isEmpty()) return {};
    m_views.clear(); // decodeHeaderViews appends
    if (auto h = decodeHeaderViews(in.headersBlob, m_views); !h)
        return makeError(h.error().code, QStringLiteral("%1: %2").arg(where(), h.error().message));
    m_hide.assign(m_views.size(), 0);
    bool any = false;
    for (size_t i = 0; i < m_views.size(); ++i)
        if (masksHeader(m_views[i].key) && !m_views[i].valueNull) {
            m_hide[i] = 1;
            any = true;
        }
    if (!any) return {};
    m_headerBlock.resize(0);
    appendHeaderCount(m_headerBlock, m_views.size());
    for (size_t i = 0; i < m_views.size(); ++i)
        appendHeader(m_headerBlock, m_views[i].key,
                     m_hide[i] ? QByteArrayView(kMaskedText) : m_views[i].value, m_views[i].valueNull);
    out.headersBlob = m_headerBlock;
    return {};
}

QStringList Masker::unmatched() const
{
    QStringList out;
    std::vector<qint64> encodedHits(m_fields.size(), 0);
    for (size_t i = 0; i < m_encodedIndex.size(); ++i)
        encodedHits[static_cast<size_t>(m_encodedIndex[i])] = m_encodedPaths.hits[i];
    for (size_t i = 0; i < m_fields.size(); ++i)
        if (m_fields[i].hits == 0 && encodedHits[i] == 0) out << m_fields[i].text;
    for (qsizetype i = 0; i < m_headers.size(); ++i)
        if (m_headerHits[static_cast<size_t>(i)] == 0) out << QStringLiteral("header ") + m_headers[i];
    return out;
}

} // namespace rw
