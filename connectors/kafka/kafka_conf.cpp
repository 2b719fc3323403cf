#include "kafka_conf.h"

#include <librdkafka/rdkafka.h>

#include <vector>

namespace rw {

Result<void> setConf(rd_kafka_conf_t* conf, const char* key, const QByteArray& value)
{
    char err[512];
    if (rd_kafka_conf_set(conf, key, value.constData(), err, sizeof err) != RD_KAFKA_CONF_OK)
        return makeError(ErrorCode::InvalidArgument, QStringLiteral("Kafka setting '%1' was refused: %2")
                                                         .arg(QLatin1String(key), QString::fromUtf8(err)));
    return {};
}

Result<rd_kafka_conf_t*> makeConf(const KafkaProfile& profile)
{
    if (auto v = profile.validate(); !v) return v.error();
    rd_kafka_conf_t* conf = rd_kafka_conf_new();
    auto set = [&](const char* k, const QString& v) -> Result<void> {
        if (v.isEmpty()) return {};
        return setConf(conf, k, v.toUtf8());
    };
    std::vector<std::pair<const char*, QString>> props = {
        {"bootstrap.servers", profile.bootstrap},
        {"client.id", profile.clientId},
        {"security.protocol", profile.securityProtocol.toLower()},
        {"sasl.mechanisms", profile.saslMechanism.toUpper()},
        {"sasl.username", profile.saslUser},
        {"sasl.password", profile.saslPassword},
        {"ssl.ca.location", profile.caFile},
        {"ssl.certificate.location", profile.certFile},
        {"ssl.key.location", profile.keyFile},
        {"ssl.key.password", profile.keyPassword},
        {"check.crcs", QStringLiteral("true")},
        // Naming a topic (metadata, a read) never creates it, whatever the broker allows.
        {"allow.auto.create.topics", QStringLiteral("false")},
        {"log.connection.close", QStringLiteral("false")},
        // KIP-714 client metrics: a Kafka 4 broker hands out a subscription, and librdkafka then
        // spends up to a second in every rd_kafka_destroy pushing its last metrics. A capture
        // makes and drops several handles; each waited that second. Rewind sends no telemetry.
        {"enable.metrics.push", QStringLiteral("false")},
        // A request unanswered this long fails and its connection is dropped, so the client
        // asks the cluster who leads now. librdkafka waits 60 s by default: a live tail whose
        // leader was cut off (not killed: no reset comes) stood still a whole minute. 30 s is
        // the Java clients' request.timeout.ms. A profile's own setting still wins.
        {"socket.timeout.ms", QStringLiteral("30000")},
    };
    for (const auto& [k, v] : props) {
        if (auto r = set(k, v); !r) {
            rd_kafka_conf_destroy(conf);
            return r.error();
        }
    }
    if (profile.usesOAuth()) {
        // OpenID Connect, client-credentials grant: librdkafka fetches and refreshes the token.
        const std::vector<std::pair<const char*, QString>> oauth = {
            {"sasl.oauthbearer.method", QStringLiteral("oidc")},
            {"sasl.oauthbearer.token.endpoint.url", profile.oauthTokenUrl.trimmed()},
            {"sasl.oauthbearer.client.id", profile.oauthClientId},
            {"sasl.oauthbearer.client.secret", profile.oauthClientSecret},
            {"sasl.oauthbearer.scope", profile.oauthScope},
        };
        for (const auto& [k, v] : oauth) {
            if (auto r = set(k, v); !r) {
                rd_kafka_conf_destroy(conf);
                return r.error();
            }
        }
    }
    for (const auto& [k, v] : profile.extra) {
        if (auto r = setConf(conf, k.toUtf8().constData(), v.toUtf8()); !r) {
            rd_kafka_conf_destroy(conf);
            return r.error();
        }
    }
    return conf;
}

} // namespace rw
