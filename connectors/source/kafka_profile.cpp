#include "kafka_profile.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMutex>
#include <QSet>

#include <map>

namespace rw {
namespace {

// Properties that execute commands, load libraries or hand librdkafka code: never accepted.
const QSet<QString>& dangerous()
{
    static const QSet<QString> s = {
        QStringLiteral("sasl.kerberos.kinit.cmd"),
        QStringLiteral("plugin.library.paths"),
        QStringLiteral("ssl.engine.location"),
        QStringLiteral("ssl.engine.id"),
        QStringLiteral("ssl_engine_callback_data"),
        QStringLiteral("opaque"),
        QStringLiteral("interceptors"),
        QStringLiteral("oauthbearer_token_refresh_cb"),
        QStringLiteral("sasl.oauthbearer.method"),
        QStringLiteral("ssl.keystore.location"),
        QStringLiteral("debug"),
    };
    return s;
}

// Tuning properties a user may add. Everything else is refused.
const QSet<QString>& allowed()
{
    static const QSet<QString> s = {
        QStringLiteral("socket.timeout.ms"),
        QStringLiteral("socket.keepalive.enable"),
        QStringLiteral("socket.connection.setup.timeout.ms"),
        QStringLiteral("reconnect.backoff.ms"),
        QStringLiteral("reconnect.backoff.max.ms"),
        QStringLiteral("metadata.max.age.ms"),
        QStringLiteral("topic.metadata.refresh.interval.ms"),
        QStringLiteral("message.max.bytes"),
        QStringLiteral("receive.message.max.bytes"),
        QStringLiteral("fetch.max.bytes"),
        QStringLiteral("max.partition.fetch.bytes"),
        QStringLiteral("fetch.wait.max.ms"),
        QStringLiteral("fetch.min.bytes"),
        QStringLiteral("queued.max.messages.kbytes"),
        QStringLiteral("queued.min.messages"),
        QStringLiteral("isolation.level"),
        QStringLiteral("client.rack"),
        QStringLiteral("api.version.request"),
        QStringLiteral("broker.version.fallback"),
        QStringLiteral("ssl.endpoint.identification.algorithm"),
        QStringLiteral("enable.ssl.certificate.verification"),
        QStringLiteral("ssl.cipher.suites"),
        QStringLiteral("ssl.curves.list"),
        QStringLiteral("ssl.sigalgs.list"),
        QStringLiteral("compression.codec"),
        QStringLiteral("linger.ms"),
        QStringLiteral("compression.type"),
        QStringLiteral("batch.num.messages"),
        QStringLiteral("batch.size"),
        QStringLiteral("request.timeout.ms"),
        QStringLiteral("message.timeout.ms"),
        QStringLiteral("check.crcs"),
    };
    return s;
}

} // namespace

Result<void> KafkaProfile::validate() const
{
    if (bootstrap.trimmed().isEmpty())
        return makeError(ErrorCode::InvalidArgument, QStringLiteral("the profile has no bootstrap servers"));
    if (const QString r = registryUrl.trimmed();
        !r.isEmpty() && !r.startsWith(QLatin1String("http://")) && !r.startsWith(QLatin1String("https://")))
        return makeError(ErrorCode::InvalidArgument,
                         QStringLiteral("the Schema Registry URL must start with http:// or https://"));
    const QString proto = securityProtocol.toLower();
    if (proto != QLatin1String("plaintext") && proto != QLatin1String("ssl") &&
        proto != QLatin1String("sasl_plaintext") && proto != QLatin1String("sasl_ssl"))
        return makeError(
            ErrorCode::InvalidArgument,
            QStringLiteral("unknown security protocol '%1' (plaintext, ssl, sasl_plaintext, sasl_ssl)")
                .arg(securityProtocol));
    if (proto.startsWith(QLatin1String("sasl"))) {
        const QString m = saslMechanism.toUpper();
        if (m != QLatin1String("PLAIN") && m != QLatin1String("SCRAM-SHA-256") &&
            m != QLatin1String("SCRAM-SHA-512") && m != QLatin1String("OAUTHBEARER"))
            return makeError(ErrorCode::InvalidArgument,
                             QStringLiteral("SASL mechanism '%1' is not supported (PLAIN, SCRAM-SHA-256, "
                                            "SCRAM-SHA-512, OAUTHBEARER)")
                                 .arg(saslMechanism));
        if (m == QLatin1String("OAUTHBEARER")) {
            const QString url = oauthTokenUrl.trimmed();
            if (!url.startsWith(QLatin1String("https://")) && !url.startsWith(QLatin1String("http://")))
                return makeError(ErrorCode::InvalidArgument,
                                 QStringLiteral("OAUTHBEARER needs the OIDC token endpoint's URL (http:// or "
                                                "https://)"));
            if (oauthClientId.isEmpty())
                return makeError(ErrorCode::InvalidArgument,
                                 QStringLiteral("OAUTHBEARER needs an OIDC client id"));
        } else if (saslUser.isEmpty()) {
            return makeError(ErrorCode::InvalidArgument, QStringLiteral("SASL needs a user name"));
        }
    }
    if (!keyFile.isEmpty() && certFile.isEmpty())
        return makeError(ErrorCode::InvalidArgument,
                         QStringLiteral("a TLS client key needs its certificate (ssl_cert) too"));
    for (const auto& [key, value] : extra) {
        Q_UNUSED(value);
        if (dangerous().contains(key))
            return makeError(
                ErrorCode::Refused,
                QStringLiteral("the property '%1' is refused: it can run commands, load code or leak "
                               "secrets")
                    .arg(key));
        if (!allowed().contains(key))
            return makeError(
                ErrorCode::Refused,
                QStringLiteral("the property '%1' is not on Rewind's allow-list of Kafka settings").arg(key));
    }
    return {};
}

QByteArray KafkaProfile::toJson() const
{
    QJsonObject o;
    o[QStringLiteral("name")] = name;
    o[QStringLiteral("bootstrap")] = bootstrap;
    o[QStringLiteral("client_id")] = clientId;
    o[QStringLiteral("security_protocol")] = securityProtocol;
    if (!saslMechanism.isEmpty()) o[QStringLiteral("sasl_mechanism")] = saslMechanism;
    if (!saslUser.isEmpty()) o[QStringLiteral("sasl_user")] = saslUser;
    if (!caFile.isEmpty()) o[QStringLiteral("ssl_ca")] = caFile;
    if (!certFile.isEmpty()) o[QStringLiteral("ssl_cert")] = certFile;
    if (!keyFile.isEmpty()) o[QStringLiteral("ssl_key")] = keyFile;
    if (!oauthTokenUrl.isEmpty() || !oauthClientId.isEmpty()) {
        QJsonObject oauth{{QStringLiteral("token_url"), oauthTokenUrl},
                          {QStringLiteral("client_id"), oauthClientId}};
        if (!oauthScope.isEmpty()) oauth[QStringLiteral("scope")] = oauthScope;
        o[QStringLiteral("oidc")] = oauth; // without the client secret
    }
    o[QStringLiteral("read_only")] = readOnly;
    QJsonObject ex;
    for (const auto& [k, v] : extra)
        ex[k] = v;
    if (!ex.isEmpty()) o[QStringLiteral("properties")] = ex;
    if (!registryUrl.isEmpty()) {
        QJsonObject r{{QStringLiteral("url"), registryUrl}};
        if (!registryUser.isEmpty()) r[QStringLiteral("user")] = registryUser;
        if (!registryCaFile.isEmpty()) r[QStringLiteral("ca")] = registryCaFile;
        o[QStringLiteral("schema_registry")] = r; // without the password
    }
    if (!schemaFiles.empty()) {
        QJsonObject files;
        for (const SchemaFile& f : schemaFiles)
            files[f.topic] = f.messageType.isEmpty() ? f.path : f.path + QLatin1Char('#') + f.messageType;
        o[QStringLiteral("schema_files")] = files;
    }
    if (!mask.empty()) o[QStringLiteral("mask")] = QJsonDocument::fromJson(mask.toJson()).object();
    return QJsonDocument(o).toJson(QJsonDocument::Indented);
}

Result<KafkaProfile> KafkaProfile::fromJson(const QByteArray& json)
{
    QJsonParseError pe;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &pe);
    if (!doc.isObject())
        return makeError(ErrorCode::Parse,
                         QStringLiteral("profile is not a JSON object: %1").arg(pe.errorString()));
    const QJsonObject o = doc.object();
    KafkaProfile p;
    p.name = o.value(QStringLiteral("name")).toString();
    p.bootstrap = o.value(QStringLiteral("bootstrap")).toString();
    p.clientId = o.value(QStringLiteral("client_id")).toString(QStringLiteral("rewind"));
    p.securityProtocol = o.value(QStringLiteral("security_protocol")).toString(QStringLiteral("plaintext"));
    p.saslMechanism = o.value(QStringLiteral("sasl_mechanism")).toString();
    p.saslUser = o.value(QStringLiteral("sasl_user")).toString();
    // A password in a profile file is accepted (scripts, CI) but never written back by toJson().
    p.saslPassword = o.value(QStringLiteral("sasl_password")).toString();
    p.caFile = o.value(QStringLiteral("ssl_ca")).toString();
    p.certFile = o.value(QStringLiteral("ssl_cert")).toString();
    p.keyFile = o.value(QStringLiteral("ssl_key")).toString();
    p.keyPassword = o.value(QStringLiteral("ssl_key_password")).toString(); // accepted, never written back
    const QJsonObject oauth = o.value(QStringLiteral("oidc")).toObject();
    p.oauthTokenUrl = oauth.value(QStringLiteral("token_url")).toString();
    p.oauthClientId = oauth.value(QStringLiteral("client_id")).toString();
    p.oauthScope = oauth.value(QStringLiteral("scope")).toString();
    p.oauthClientSecret =
        oauth.value(QStringLiteral("client_secret")).toString(); // accepted, never written back
    p.readOnly = o.value(QStringLiteral("read_only")).toBool(false);
    const QJsonObject reg = o.value(QStringLiteral("schema_registry")).toObject();
    p.registryUrl = reg.value(QStringLiteral("url")).toString();
    p.registryUser = reg.value(QStringLiteral("user")).toString();
    p.registryPassword = reg.value(QStringLiteral("password")).toString(); // accepted, never written back
    p.registryCaFile = reg.value(QStringLiteral("ca")).toString();
    const QJsonObject files = o.value(QStringLiteral("schema_files")).toObject();
    for (auto it = files.begin(); it != files.end(); ++it) {
        auto f = SchemaFile::parse(it.key() + QLatin1Char('=') + it.value().toString());
        if (!f) return f.error();
        p.schemaFiles.push_back(f.value());
    }
    if (o.contains(QStringLiteral("mask"))) {
        auto m = MaskPolicy::fromJson(QJsonDocument(o.value(QStringLiteral("mask")).toObject()).toJson());
        if (!m) return m.error();
        p.mask = m.value();
    }
    const QJsonObject ex = o.value(QStringLiteral("properties")).toObject();
    for (auto it = ex.begin(); it != ex.end(); ++it)
        p.extra[it.key()] = it.value().isString() ? it.value().toString() : it.value().toVariant().toString();
    if (auto v = p.validate(); !v) return v.error();
    return p;
}

std::vector<ProfileSecret> KafkaProfile::neededSecrets() const
{
    std::vector<ProfileSecret> out;
    if (usesOAuth())
        out.push_back(ProfileSecret::OAuthClientSecret);
    else if (usesSasl())
        out.push_back(ProfileSecret::SaslPassword);
    if (!keyFile.isEmpty() && keyFileIsEncrypted(keyFile)) out.push_back(ProfileSecret::KeyPassphrase);
    if (!registryUrl.isEmpty() && !registryUser.isEmpty()) out.push_back(ProfileSecret::RegistryPassword);
    return out;
}

QString KafkaProfile::secret(ProfileSecret which) const
{
    switch (which) {
    case ProfileSecret::SaslPassword:
        return saslPassword;
    case ProfileSecret::KeyPassphrase:
        return keyPassword;
    case ProfileSecret::OAuthClientSecret:
        return oauthClientSecret;
    case ProfileSecret::RegistryPassword:
        return registryPassword;
    }
    return {};
}

void KafkaProfile::setSecret(ProfileSecret which, const QString& value)
{
    switch (which) {
    case ProfileSecret::SaslPassword:
        saslPassword = value;
        break;
    case ProfileSecret::KeyPassphrase:
        keyPassword = value;
        break;
    case ProfileSecret::OAuthClientSecret:
        oauthClientSecret = value;
        break;
    case ProfileSecret::RegistryPassword:
        registryPassword = value;
        break;
    }
}

bool keyFileIsEncrypted(const QString& path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) return false; // the connection names the missing file
    const QByteArray head = f.read(64 * 1024);
    // PKCS#8 ("ENCRYPTED PRIVATE KEY") or the traditional OpenSSL form ("Proc-Type: 4,ENCRYPTED").
    return head.contains("-----BEGIN ENCRYPTED PRIVATE KEY-----") || head.contains("Proc-Type: 4,ENCRYPTED");
}

std::optional<RegistryConfig> KafkaProfile::registry() const
{
    if (registryUrl.trimmed().isEmpty()) return std::nullopt;
    RegistryConfig c;
    c.url = registryUrl.trimmed();
    c.user = registryUser;
    c.password = registryPassword;
    c.caFile = registryCaFile;
    return c;
}

Result<KafkaProfile> KafkaProfile::fromFile(const QString& path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return makeError(ErrorCode::NotFound,
                         QStringLiteral("cannot read profile %1: %2").arg(path, f.errorString()));
    auto p = fromJson(f.read(1 << 20));
    if (!p) return makeError(p.error().code, QStringLiteral("%1: %2").arg(path, p.error().message));
    return p;
}

} // namespace rw
