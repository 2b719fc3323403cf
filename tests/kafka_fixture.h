#pragma once
// What the Kafka suites share: the test broker's profile (scripts/test starts it and exports
// REWIND_KAFKA_BOOTSTRAP), sandbox topic names, processes (kcat, the CLI, Kafka's Java tools) and
// a browse of a whole request.

#include "kafka_browser.h"
#include "test_util.h"

#include <QProcess>
#include <QUuid>

#include <optional>
#include <vector>

namespace rw::test::kafka {

inline QString env(const char* name)
{
    return QString::fromLocal8Bit(qgetenv(name));
}

inline KafkaProfile plain()
{
    KafkaProfile p;
    p.name = QStringLiteral("test");
    p.bootstrap = env("REWIND_KAFKA_BOOTSTRAP");
    return p;
}

// SASL/PLAIN without TLS on the test broker's SASL listener.
inline KafkaProfile saslPlain(const QString& user, const QString& password)
{
    KafkaProfile p;
    p.name = user;
    p.bootstrap = env("REWIND_KAFKA_SASL_BOOTSTRAP");
    p.securityProtocol = QStringLiteral("sasl_plaintext");
    p.saslMechanism = QStringLiteral("PLAIN");
    p.saslUser = user;
    p.saslPassword = password;
    return p;
}

inline QString uniqueTopic(const char* stem)
{
    return QStringLiteral("sandbox.%1-%2")
        .arg(QLatin1String(stem), QUuid::createUuid().toString(QUuid::Id128).left(8));
}

struct Run {
    int exit = -1;
    QByteArray out, err;
};

inline Run run(const QString& program, const QStringList& args, int timeoutMs = 60000)
{
    QProcess p;
    p.start(program, args);
    if (!p.waitForFinished(timeoutMs)) {
        p.kill();
        p.waitForFinished();
    }
    return {p.exitCode(), p.readAllStandardOutput(), p.readAllStandardError()};
}

inline Run kafkaTool(const QString& mainClass, const QStringList& args)
{
    QStringList a = {QStringLiteral("-cp"), env("REWIND_KAFKA_JARS") + QStringLiteral("/*"),
                     QStringLiteral("-Dlog4j2.configurationFile=%1/scripts/kafka-broker/log4j2.properties")
                         .arg(QStringLiteral(REWIND_SOURCE_DIR)),
                     QStringLiteral("-XX:TieredStopAtLevel=1"), mainClass};
    return run(QStringLiteral("java"), a + args);
}

inline ProducerRecord rec(const QString& topic, PartitionId p, TimestampMs ts, std::optional<QByteArray> key,
                          std::optional<QByteArray> value, Headers h = {})
{
    return test::producerRecord(topic, p, ts, std::move(key), std::move(value), std::move(h));
}

inline std::vector<Record> browseAll(const BrowseRequest& req, const KafkaProfile& profile = plain())
{
    std::vector<Record> out;
    KafkaBrowser b(profile);
    auto r = b.run(req, [&](Record&& x) {
        out.push_back(std::move(x));
        return true;
    });
    if (!r) qFatal("browse failed: %s", qPrintable(r.error().message));
    return out;
}

} // namespace rw::test::kafka
