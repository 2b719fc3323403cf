#include "lag_history.h"

#include "json.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QObject>
#include <QStandardPaths>

namespace rw {

QString kafkaLagHistoryPath(const QString& profile, const QString& group)
{
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) +
           QStringLiteral("/lag-history/") + QString::fromLatin1(profile.toUtf8().toPercentEncoding()) +
           QLatin1Char('/') + QString::fromLatin1(group.toUtf8().toPercentEncoding()) +
           QStringLiteral(".ndjson");
}

std::vector<LagSample> readKafkaLagHistory(const QString& profile, const QString& group)
{
    std::vector<LagSample> out;
    QFile f(kafkaLagHistoryPath(profile, group));
    if (!f.open(QIODevice::ReadOnly)) return out;
    while (!f.atEnd()) {
        // Our own short lines; anything else is skipped. The parse keeps views into `text`.
        const QByteArray text = f.readLine(256).trimmed();
        auto o = json::parseObject(text);
        if (!o) continue;
        std::optional<qint64> at, lag;
        for (const auto& m : o.value()) {
            if (m.value.type != json::Type::Number) continue;
            qint64 v = 0;
            if (!json::toInt64(m.value, v)) continue;
            if (m.name == "at") at = v;
            if (m.name == "lag") lag = v;
        }
        if (at && lag && *lag >= 0 && (out.empty() || *at > out.back().at)) out.push_back({*at, *lag});
    }
    return out;
}

} // namespace rw
