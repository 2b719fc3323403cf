#include "json_diff.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <map>

namespace rw {
namespace {

QString compact(const QJsonValue& v)
{
    if (v.isString()) return QStringLiteral("\"%1\"").arg(v.toString());
    if (v.isObject()) return QString::fromUtf8(QJsonDocument(v.toObject()).toJson(QJsonDocument::Compact));
    if (v.isArray()) return QString::fromUtf8(QJsonDocument(v.toArray()).toJson(QJsonDocument::Compact));
    if (v.isDouble()) {
        const double d = v.toDouble();
        return d == static_cast<double>(static_cast<qint64>(d)) ? QString::number(static_cast<qint64>(d))
                                                                : QString::number(d, 'g', 17);
    }
    if (v.isBool()) return v.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    return QStringLiteral("null");
}

void flatten(const QJsonValue& v, const QString& path, std::map<QString, QString>& out, int depth = 0)
{
    if (depth < 16 && v.isObject() && !v.toObject().isEmpty()) {
        const QJsonObject o = v.toObject();
        for (auto it = o.begin(); it != o.end(); ++it)
            flatten(it.value(), path.isEmpty() ? it.key() : path + QLatin1Char('.') + it.key(), out,
                    depth + 1);
        return;
    }
    if (depth < 16 && v.isArray() && !v.toArray().isEmpty()) {
        const QJsonArray a = v.toArray();
        for (qsizetype i = 0; i < a.size(); ++i)
            flatten(a.at(i), QStringLiteral("%1[%2]").arg(path).arg(i), out, depth + 1);
        return;
    }
    out[path.isEmpty() ? QStringLiteral("(value)") : path] = compact(v);
}

bool parse(QByteArrayView bytes, QJsonValue& out)
{
    QJsonParseError e;
    const QJsonDocument d = QJsonDocument::fromJson(bytes.toByteArray(), &e);
    if (e.error != QJsonParseError::NoError) return false;
    out = d.isObject() ? QJsonValue(d.object()) : QJsonValue(d.array());
    return true;
}

} // namespace

std::vector<FieldChange> diffJson(QByteArrayView before, QByteArrayView after)
{
    QJsonValue a, b;
    if (!parse(before, a) || !parse(after, b)) return {};
    std::map<QString, QString> fa, fb;
    flatten(a, {}, fa);
    flatten(b, {}, fb);
    std::vector<FieldChange> out;
    for (const auto& [path, v] : fa) {
        auto it = fb.find(path);
        if (it == fb.end())
            out.push_back({FieldChange::Removed, path, v, {}});
        else if (it->second != v)
            out.push_back({FieldChange::Changed, path, v, it->second});
    }
    for (const auto& [path, v] : fb)
        if (!fa.count(path)) out.push_back({FieldChange::Added, path, {}, v});
    std::sort(out.begin(), out.end(),
              [](const FieldChange& x, const FieldChange& y) { return x.path < y.path; });
    return out;
}

} // namespace rw
