#pragma once
// A Kafka connection profile: where and how to connect, and whether writes are allowed.
// Secrets (the SASL password, the TLS key's passphrase, the OIDC client secret, the Schema
// Registry's password) are held in memory only: toJson() never writes them, messages never show
// them; the desktop app keeps them in the OS keychain (ProfileStore). Any thread (plain data).

#include "mask_policy.h"
#include "result.h"
#include "schema_registry.h"

#include <QString>

#include <map>
#include <optional>
#include <vector>

namespace rw {

// The secrets a profile may call for. Each is a keychain entry of its own (ProfileStore).
enum class ProfileSecret { SaslPassword, KeyPassphrase, OAuthClientSecret, RegistryPassword };

struct KafkaProfile {
    QString name;
    QString bootstrap; // host:port[,host:port...]
    QString clientId = QStringLiteral("rewind");
    QString securityProtocol = QStringLiteral("plaintext"); // plaintext, ssl, sasl_plaintext, sasl_ssl
    QString saslMechanism; // PLAIN, SCRAM-SHA-256, SCRAM-SHA-512, OAUTHBEARER
    QString saslUser;
    QString saslPassword;              // never saved by toJson(), never logged
    QString caFile, certFile, keyFile; // TLS (PEM files)
    QString keyPassword;               // the client key's passphrase; never saved, never logged
    // OAUTHBEARER through OpenID Connect (client-credentials grant): librdkafka fetches and
    // refreshes the token. The client secret is never saved, never logged.
    QString oauthTokenUrl, oauthClientId, oauthClientSecret, oauthScope;
    bool readOnly = false;
    std::map<QString, QString> extra; // only allow-listed librdkafka properties
    // The Schema Registry of this cluster (records in its wire format are decoded); its password
    // lives in the keychain like the SASL one and is never saved by toJson().
    QString registryUrl, registryUser, registryPassword, registryCaFile;
    std::vector<SchemaFile> schemaFiles; // for topics whose records are not in the wire format
    MaskPolicy mask;                     // personal data hidden in exports from this cluster
    std::optional<RegistryConfig> registry() const;

    bool usesSasl() const { return securityProtocol.startsWith(QLatin1String("sasl"), Qt::CaseInsensitive); }
    bool usesOAuth() const
    {
        return usesSasl() && saslMechanism.compare(QLatin1String("OAUTHBEARER"), Qt::CaseInsensitive) == 0;
    }
    // The secrets this profile's settings call for, whether held now or not, in the order a
    // connection asks for them.
    std::vector<ProfileSecret> neededSecrets() const;
    QString secret(ProfileSecret which) const;
    void setSecret(ProfileSecret which, const QString& value);

    // Checks the profile; refuses properties that run commands or load code, and any property
    // outside the allow-list, with a message that names it.
    Result<void> validate() const;

    QByteArray toJson() const; // without the password
    static Result<KafkaProfile> fromJson(const QByteArray& json);
    static Result<KafkaProfile> fromFile(const QString& path);

    // How a replay job names a connection of the desktop app (with its secrets from the keychain)
    // rather than a profile file: the app hands the profile itself to the job's runner
    // (SessionProfiles in replay.h); nothing is written anywhere.
    static QString sessionRef(const QString& name) { return QStringLiteral("session:") + name; }
    // The connection's name in a sessionRef; nullopt for anything else (a profile file).
    static std::optional<QString> sessionName(const QString& ref)
    {
        if (!ref.startsWith(QLatin1String("session:"))) return std::nullopt;
        return ref.mid(8);
    }
};

// Whether a PEM key file is encrypted (it then needs a passphrase). False for a file that cannot be read.
bool keyFileIsEncrypted(const QString& path);

} // namespace rw
