#pragma once
// What the schema suites share: the test registry's address (scripts/test starts it and exports
// REWIND_REGISTRY_URL), records written by the official serializers, processes, and reads of a
// topic back through a source.

#include "record_source.h"
#include "schema_registry.h"
#include "schema_texts.h"
#include "serializers.h"
#include "test_util.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>

#include <limits>
#include <vector>

namespace rw::test::schemas {

struct Run {
    int exit = -1;
    QByteArray out, err;
};

inline Run run(const QString& program, const QStringList& args, const QByteArray& input = {})
{
    QProcess p;
    p.start(program, args);
    if (!p.waitForStarted(10000)) return {};
    p.write(input);
    p.closeWriteChannel();
    p.waitForFinished(120000);
    return {p.exitCode(), p.readAllStandardOutput(), p.readAllStandardError()};
}

inline QString jsonString(const QString& s)
{
    return QString::fromUtf8(
               QJsonDocument(QJsonObject{{QStringLiteral("s"), s}}).toJson(QJsonDocument::Compact))
        .mid(5)
        .chopped(1);
}

// protoc --include_imports --descriptor_set_out for `file` in `dir` (the .proto files written
// there): the set's path, empty when protoc failed.
inline QString descriptorSetFor(const QString& dir, const QString& file)
{
    QProcess protoc;
    protoc.setWorkingDirectory(dir);
    protoc.start(QStringLiteral("protoc"),
                 {QStringLiteral("--include_imports"), QStringLiteral("--descriptor_set_out=set.bin"), file});
    if (!protoc.waitForFinished(60000) || protoc.exitCode() != 0) {
        qWarning("protoc: %s", protoc.readAllStandardError().constData());
        return {};
    }
    return dir + QStringLiteral("/set.bin");
}

inline RegistryConfig registry(const QString& url)
{
    RegistryConfig c;
    c.url = url;
    return c;
}

} // namespace rw::test::schemas

// The tests that write records with the official serializers need the registry they register with.
#define NEEDS_REGISTRY()                                                                                     \
    if (m_registry.isEmpty()) QSKIP("REWIND_REGISTRY_URL is not set (scripts/test starts the registry)")

namespace rw::test::schemas {

class SchemasFixture {
protected:
    QTemporaryDir m_dir;
    QString m_registry;
    QString m_suffix;

    // Writes the plan's records with the official serializers; returns the envelope lines.
    test::Serialized serialize(const QByteArray& plan)
    {
        auto r = test::serializeWithOfficialSerializers(m_registry, plan);
        if (!r.ok()) qWarning("write.mjs: %s", qPrintable(r.error));
        return r;
    }

    // The stored bytes of an envelope line's value.
    static QByteArray valueOf(const QByteArray& line)
    {
        return QByteArray::fromBase64(
            QJsonDocument::fromJson(line).object().value(QLatin1String("value")).toString().toLatin1());
    }

    // Every record of partition 0 of a topic, read through a source.
    static std::vector<Record> recordsOf(RecordSource& source, const QString& topic)
    {
        std::vector<Record> out;
        auto n = source.scan(topic, 0, 0, std::numeric_limits<Offset>::max(), [&](const RecordView& v) {
            out.push_back(toRecord(topic, v).value());
            return true;
        });
        if (!n) qWarning("scan: %s", qPrintable(n.error().message));
        return out;
    }

    static QByteArray avroSchemaV1() { return raw(0); }

    // A copy of one partition folder of the broker's data directory (a data directory to read).
    static void copyPartition(const QString& data, const QString& folder, const QString& to)
    {
        QDir().mkpath(to);
        for (const QString& f : QDir(data + QLatin1Char('/') + folder).entryList(QDir::Files))
            QFile::copy(data + QLatin1Char('/') + folder + QLatin1Char('/') + f, to + QLatin1Char('/') + f);
    }

    // Only the tests that talk to the registry skip without it: the codec tests run always.
    void readSettings()
    {
        m_registry = qEnvironmentVariable("REWIND_REGISTRY_URL");
        m_suffix = QString::number(QDateTime::currentMSecsSinceEpoch()) +
                   QString::number(QRandomGenerator::global()->bounded(1000));
    }
};

} // namespace rw::test::schemas
