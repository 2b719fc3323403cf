#pragma once
// Kafka connection profiles for the desktop app. Everything but the secrets (SASL password, TLS
// key passphrase, OIDC client secret, Schema Registry password) lives in QSettings (as the
// profile's JSON, which never holds them); they live in the OS keychain through QtKeychain, with no plaintext
// fallback: when no keychain is reachable the app says so and keeps the password for this session only.
// Thread contract: GUI thread; keychain calls are asynchronous and answer with signals.

#include "kafka_profile.h"

#include <QObject>
#include <QStringList>

namespace rw {

class ProfileStore : public QObject {
    Q_OBJECT
public:
    static constexpr const char* kKeychainService = "io.rewind.Rewind";

    explicit ProfileStore(QObject* parent = nullptr);

    QStringList names() const;
    // The saved profile, without its password; nullopt when there is none by that name.
    std::optional<KafkaProfile> profile(const QString& name) const;
    // Validates and saves every field but the password (see storePassword).
    Result<void> save(const KafkaProfile& profile);
    void remove(const QString& name); // the settings and every keychain entry of the profile

    void storePassword(const QString& profile, const QString& password);
    void readPassword(const QString& profile);
    // The Schema Registry password of a profile is a keychain entry of its own, stored and read
    // with the two calls above under this name (and removed with the profile).
    static QString registrySecret(const QString& profile)
    {
        return profile + QStringLiteral(" / schema registry");
    }
    // The keychain entry of each secret of a profile (the SASL password's is the profile's name).
    static QString secretKey(const QString& profile, ProfileSecret which);
    static constexpr ProfileSecret kAllSecrets[] = {ProfileSecret::SaslPassword, ProfileSecret::KeyPassphrase,
                                                    ProfileSecret::OAuthClientSecret,
                                                    ProfileSecret::RegistryPassword};
    // Passwords the keychain could not take, kept in memory for this session.
    std::optional<QString> sessionPassword(const QString& profile) const;

signals:
    void passwordStored(const QString& profile, bool ok, const QString& error);
    void passwordRead(const QString& profile, const QString& password, bool found, const QString& error);
    void changed();

private:
    std::map<QString, QString> m_session;
};

} // namespace rw
