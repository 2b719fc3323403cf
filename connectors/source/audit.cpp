#include "audit.h"

#include "json.h"
#include "time_parse.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QStandardPaths>

#include <cstdio>
#include <mutex>

namespace rw {

QString auditFilePath()
{
    const QString env = qEnvironmentVariable("REWIND_AUDIT_FILE");
    if (!env.isEmpty()) return env;
    return QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation) +
           QStringLiteral("/rewind/audit.ndjson");
}

void auditWrite(const QString& action, const QString& cluster, const QString& target, const QString& detail,
                const Error* err)
{
    static std::mutex mutex;
    QByteArray line = "{\"ts\":" + QByteArray::number(currentTimeMs()) + ",\"action\":";
    json::appendString(line, action.toUtf8());
    line += ",\"cluster\":";
    json::appendString(line, cluster.toUtf8());
    line += ",\"target\":";
    json::appendString(line, target.toUtf8());
    line += ",\"detail\":";
    json::appendString(line, detail.toUtf8());
    line += ",\"outcome\":";
    json::appendString(line, err ? (QStringLiteral("refused or failed: ") + err->message).toUtf8()
                                 : QByteArray("done"));
    line += "}\n";
    const std::lock_guard<std::mutex> lock(mutex);
    const QString path = auditFilePath();
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile f(path);
    if (!f.open(QIODevice::Append | QIODevice::WriteOnly) || f.write(line) != line.size())
        fprintf(stderr, "rewind: the audit log %s cannot be written: %s\n", qPrintable(path),
                qPrintable(f.errorString()));
}

} // namespace rw
