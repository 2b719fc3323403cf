#pragma once
// Test records written by Confluent's official Schema Registry serializers: runs
// tests/serializers/write.mjs (node, @confluentinc/schemaregistry) on a plan (see write.mjs) and
// returns its envelope lines and the schema id each step registered.

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>

namespace rw::test {

struct Serialized {
    QList<QByteArray> lines; // one envelope (docs/envelope.md) per record
    QList<int> ids;          // per step of the plan
    QString error;           // what write.mjs said when it failed
    bool ok() const { return error.isEmpty(); }
};

inline Serialized serializeWithOfficialSerializers(const QString& registryUrl, const QByteArray& plan)
{
    Serialized out;
    QProcess node;
    node.start(QStringLiteral("node"),
               {QStringLiteral(REWIND_SOURCE_DIR "/tests/serializers/write.mjs"), registryUrl});
    if (!node.waitForStarted(10000)) {
        out.error = QStringLiteral("node did not start");
        return out;
    }
    node.write(plan);
    node.closeWriteChannel();
    node.waitForFinished(120000);
    if (node.exitCode() != 0 || node.exitStatus() != QProcess::NormalExit) {
        out.error = QString::fromUtf8(node.readAllStandardError());
        return out;
    }
    out.lines = node.readAllStandardOutput().trimmed().split('\n');
    const QJsonObject ids =
        QJsonDocument::fromJson(out.lines.takeLast()).object().value(QLatin1String("ids")).toObject();
    for (int i = 0; ids.contains(QString::number(i)); ++i)
        out.ids << ids.value(QString::number(i)).toInt();
    return out;
}

inline Serialized serializeWithOfficialSerializers(const QString& registryUrl, const QJsonObject& plan)
{
    return serializeWithOfficialSerializers(registryUrl, QJsonDocument(plan).toJson(QJsonDocument::Compact));
}

} // namespace rw::test
