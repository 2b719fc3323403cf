#include "json_schema_mask.h"

#include "json.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QStringList>

namespace rw {

namespace {

constexpr int kMaxDepth = 64;

struct Run {
    const QJsonObject& root;
    MaskPaths& paths;
    QStringList where;
    bool changed = false;
    std::optional<Error> error;
};

// The schema of a place, following local references ("#/definitions/x", "#/$defs/x").
QJsonObject resolve(const Run& run, QJsonObject s)
{
    for (int hops = 0; hops < 16 && s.contains(QLatin1String("$ref")); ++hops) {
        const QString ref = s.value(QLatin1String("$ref")).toString();
        if (!ref.startsWith(QLatin1String("#/"))) return {};
        QJsonValue at = run.root;
        for (const QString& part : ref.mid(2).split(QLatin1Char('/')))
            at = at.toObject().value(QString(part)
                                         .replace(QLatin1String("~1"), QLatin1String("/"))
                                         .replace(QLatin1String("~0"), QLatin1String("~")));
        s = at.toObject();
    }
    return s;
}

QJsonObject member(const Run& run, const QJsonObject& object, const QString& name)
{
    const QJsonObject s = resolve(run, object);
    const QJsonObject props = s.value(QLatin1String("properties")).toObject();
    if (props.contains(name)) return resolve(run, props.value(name).toObject());
    return resolve(run, s.value(QLatin1String("additionalProperties")).toObject());
}

QJsonObject items(const Run& run, const QJsonObject& array)
{
    return resolve(run, resolve(run, array).value(QLatin1String("items")).toObject());
}

void fail(Run& run, const QString& why)
{
    if (!run.error)
        run.error =
            Error{ErrorCode::Refused, QStringLiteral("%1: %2").arg(run.where.join(QLatin1Char('.')), why)};
}

// What a masked value becomes.
void standIn(Run& run, const json::Value& v, const QJsonObject& schema, QByteArray& out, int depth)
{
    switch (v.type) {
    case json::Type::Null:
        out += "null";
        return;
    case json::Type::String:
        out += '"';
        out += kMaskedText;
        out += '"';
        return;
    case json::Type::Array:
        out += "[]";
        return;
    case json::Type::Object: {
        auto members = json::parseObject(v.raw);
        if (!members || depth > kMaxDepth) return fail(run, QStringLiteral("an object that cannot be read"));
        out += '{';
        bool first = true;
        for (const json::Member& m : members.value()) {
            if (!first) out += ',';
            first = false;
            json::appendString(out, m.name);
            out += ':';
            run.where.push_back(QString::fromUtf8(m.name));
            standIn(run, m.value, member(run, schema, QString::fromUtf8(m.name)), out, depth + 1);
            run.where.pop_back();
        }
        out += '}';
        return;
    }
    case json::Type::Number:
    case json::Type::Bool: {
        const QJsonValue def = resolve(run, schema).value(QLatin1String("default"));
        const bool fits = v.type == json::Type::Number ? def.isDouble() : def.isBool();
        if (!fits)
            return fail(run, QStringLiteral("a %1 has no safe stand-in, and the schema gives it no default: "
                                            "give it one, or leave the path out of the masking policy")
                                 .arg(v.type == json::Type::Number ? QStringLiteral("number")
                                                                   : QStringLiteral("boolean")));
        out += QJsonDocument(QJsonArray{def}).toJson(QJsonDocument::Compact).mid(1).chopped(1);
        return;
    }
    }
}

void rewrite(Run& run, const json::Value& v, const QJsonObject& schema,
             const std::vector<std::pair<int, int>>& active, QByteArray& out, int depth)
{
    if (active.empty() || depth > kMaxDepth ||
        (v.type != json::Type::Object && v.type != json::Type::Array)) {
        out += v.raw;
        return;
    }
    if (v.type == json::Type::Array) {
        auto values = json::parseArray(v.raw);
        if (!values) return fail(run, QStringLiteral("an array that cannot be read"));
        const QJsonObject of = items(run, schema);
        out += '[';
        for (size_t i = 0; i < values->size(); ++i) {
            if (i) out += ',';
            rewrite(run, values.value()[i], of, active, out, depth + 1);
        }
        out += ']';
        return;
    }
    auto members = json::parseObject(v.raw);
    if (!members) return fail(run, QStringLiteral("an object that cannot be read"));
    out += '{';
    bool first = true;
    std::vector<std::pair<int, int>> next;
    for (const json::Member& m : members.value()) {
        if (!first) out += ',';
        first = false;
        json::appendString(out, m.name);
        out += ':';
        const QString name = QString::fromUtf8(m.name);
        run.where.push_back(name);
        const QJsonObject sub = member(run, schema, name);
        if (run.paths.step(active, m.name, next)) {
            standIn(run, m.value, sub, out, depth + 1);
            run.changed = true;
        } else {
            rewrite(run, m.value, sub, std::vector<std::pair<int, int>>(next), out, depth + 1);
        }
        run.where.pop_back();
    }
    out += '}';
}

} // namespace

Result<bool> maskJsonDocument(QByteArrayView document, const QJsonObject& schema, MaskPaths& paths,
                              QByteArray& out)
{
    const QByteArrayView t = document.trimmed();
    if (t.isEmpty() || t.front() != '{' || !json::isValidJson(t))
        return makeError(
            ErrorCode::Refused,
            QStringLiteral("the value is not a JSON object, so its personal data cannot be masked"));
    json::Value top;
    top.type = json::Type::Object;
    top.raw = t;
    Run run{schema, paths, {}, false, std::nullopt};
    QByteArray masked;
    rewrite(run, top, schema, paths.all(), masked, 0);
    if (run.error) return *run.error;
    if (!run.changed) return false;
    out.append(masked);
    return true;
}

} // namespace rw
