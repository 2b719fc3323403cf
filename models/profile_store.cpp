#include "profile_store.h"

#include "settings_keys.h"

#include <QSettings>

#include <qt6keychain/keychain.h>

namespace rw {

namespace {
const QString& kGroup = settings::kKafkaProfiles;

QString keyFor(const QString& profile)
{
    return QStringLiteral("kafka-profile/") + profile;
}
} // namespace

ProfileStore::ProfileStore(QObject* parent) : QObject(parent) {}

QStringList ProfileStore::names() const
{
    QSettings s;
    s.beginGroup(kGroup);
    QStringList out;
    for (const QString& k : s.childKeys())
        out << QString::fromUtf8(QByteArray::fromPercentEncoding(k.toLatin1()));
    out.sort(Qt::CaseInsensitive);
    return out;
}

std::optional<KafkaProfile> ProfileStore::profile(const QString& name) const
{
    QSettings s;
    const QByteArray json =
        s.value(kGroup + QLatin1Char('/') + QString::fromLatin1(name.toUtf8().toPercentEncoding()))
            .toByteArray();
    if (json.isEmpty()) return std::nullopt;
    auto p = KafkaProfile::fromJson(json);
    if (!p) return std::nullopt;
    p->name = name;
    return p.value();
}

Result<void> ProfileStore::save(const KafkaProfile& profile)
{
    if (profile.name.trimmed().isEmpty())
        return makeError(ErrorCode::InvalidArgument, tr("The profile needs a name."));
    if (auto r = profile.validate(); !r) return r;
    QSettings s;
    s.setValue(kGroup + QLatin1Char('/') + QString::fromLatin1(profile.name.toUtf8().toPercentEncoding()),
               profile.toJson()); // toJson() leaves the password out
    s.sync();
    emit changed();
    return {};
}

void ProfileStore::remove(const QString& name)
{
    QSettings s;
    s.remove(kGroup + QLatin1Char('/') + QString::fromLatin1(name.toUtf8().toPercentEncoding()));
    for (ProfileSecret which : kAllSecrets) {
        const QString key = secretKey(name, which);
        m_session.erase(key);
        auto* job = new QKeychain::DeletePasswordJob(QString::fromLatin1(kKeychainService));
        job->setAutoDelete(true);
        job->setInsecureFallback(false);
        job->setKey(keyFor(key));
        job->start();
    }
    emit changed();
}

void ProfileStore::storePassword(const QString& profile, const QString& password)
{
    auto* job = new QKeychain::WritePasswordJob(QString::fromLatin1(kKeychainService));
    job->setAutoDelete(true);
    job->setInsecureFallback(false); // never a plaintext file
    job->setKey(keyFor(profile));
    job->setTextData(password);
    connect(job, &QKeychain::Job::finished, this, [this, profile, password](QKeychain::Job* j) {
        const bool ok = j->error() == QKeychain::NoError;
        if (ok)
            m_session.erase(profile);
        else
            m_session[profile] = password; // usable now, gone when the app quits
        emit passwordStored(profile, ok, ok ? QString() : j->errorString());
    });
    job->start();
}

void ProfileStore::readPassword(const QString& profile)
{
    auto* job = new QKeychain::ReadPasswordJob(QString::fromLatin1(kKeychainService));
    job->setAutoDelete(true);
    job->setInsecureFallback(false);
    job->setKey(keyFor(profile));
    connect(job, &QKeychain::Job::finished, this, [this, profile](QKeychain::Job* j) {
        auto* read = static_cast<QKeychain::ReadPasswordJob*>(j);
        if (read->error() == QKeychain::NoError) {
            emit passwordRead(profile, read->textData(), true, QString());
            return;
        }
        if (auto s = sessionPassword(profile)) {
            emit passwordRead(profile, *s, true, QString());
            return;
        }
        emit passwordRead(profile, QString(), false,
                          read->error() == QKeychain::EntryNotFound ? QString() : read->errorString());
    });
    job->start();
}

QString ProfileStore::secretKey(const QString& profile, ProfileSecret which)
{
    switch (which) {
    case ProfileSecret::SaslPassword:
        return profile;
    case ProfileSecret::RegistryPassword:
        return registrySecret(profile);
    case ProfileSecret::KeyPassphrase:
        return profile + QStringLiteral(" / TLS key passphrase");
    case ProfileSecret::OAuthClientSecret:
        return profile + QStringLiteral(" / OIDC client secret");
    }
    return profile;
}

std::optional<QString> ProfileStore::sessionPassword(const QString& profile) const
{
    auto it = m_session.find(profile);
    if (it == m_session.end()) return std::nullopt;
    return it->second;
}

} // namespace rw
