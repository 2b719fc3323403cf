#include "source_session.h"

#include "profile_store.h"

#include <QDir>
#include <QInputDialog>
#include <QLineEdit>
#include <QWidget>

namespace rw {

SourceSession::SourceSession(ProfileStore* profiles, QWidget* window)
    : QObject(window), m_profiles(profiles), m_window(window), m_loader(new WorkspaceLoader(this))
{
    QObject::connect(m_loader, &WorkspaceLoader::loaded, this, [this](int, const WorkspaceOverview& o) {
        m_connecting.reset(); // a connection superseded by this source is no longer wanted
        emit loaded(o);
    });
    QObject::connect(m_loader, &WorkspaceLoader::failed, this,
                     [this](int, const QString& name, const Error& e) {
                         const std::optional<KafkaProfile> cluster = std::move(m_connecting);
                         m_connecting.reset();
                         emit failed(name, e.message, cluster);
                     });
    QObject::connect(m_profiles, &ProfileStore::passwordRead, this, &SourceSession::secretRead);
    QObject::connect(m_profiles, &ProfileStore::passwordStored, this,
                     [this](const QString& name, bool ok, const QString& error) {
                         if (!ok)
                             emit notice(Banner::Kind::Warning,
                                         tr("The password of %1 could not go to the system keychain (%2). It "
                                            "is kept for this session only; nothing was written to disk.")
                                             .arg(name, error));
                     });
}

void SourceSession::openPath(const QString& path, bool showInternalTopics)
{
    emit status(tr("Opening %1 …").arg(QDir::toNativeSeparators(path)));
    m_loader->load(path, showInternalTopics);
}

void SourceSession::create(const QString& path)
{
    emit status(tr("Creating %1 …").arg(QDir::toNativeSeparators(path)));
    m_loader->create(path);
}

void SourceSession::open(const SourceSpec& spec)
{
    m_loader->open(spec);
}

void SourceSession::openProfile(const QString& name)
{
    auto p = m_profiles->profile(name);
    if (!p) {
        emit notice(Banner::Kind::Error, tr("There is no Kafka profile named %1.").arg(name));
        return;
    }
    m_connecting = p;
    m_pending = p->neededSecrets();
    readNextSecret();
}

void SourceSession::readNextSecret()
{
    while (!m_pending.empty() && !m_connecting->secret(m_pending.front()).isEmpty())
        m_pending.erase(m_pending.begin());
    if (m_pending.empty()) {
        connectProfile(*m_connecting);
        return;
    }
    const QString name = m_connecting->name;
    switch (m_pending.front()) {
    case ProfileSecret::SaslPassword:
        emit status(tr("Reading the password of %1 from the keychain …").arg(name));
        break;
    case ProfileSecret::KeyPassphrase:
        emit status(tr("Reading the TLS key passphrase of %1 from the keychain …").arg(name));
        break;
    case ProfileSecret::OAuthClientSecret:
        emit status(tr("Reading the OIDC client secret of %1 from the keychain …").arg(name));
        break;
    case ProfileSecret::RegistryPassword:
        emit status(tr("Reading the Schema Registry password of %1 from the keychain …").arg(name));
        break;
    }
    m_profiles->readPassword(ProfileStore::secretKey(name, m_pending.front())); // continues in secretRead
}

void SourceSession::secretRead(const QString& key, const QString& value, bool found, const QString& error)
{
    if (!m_connecting || m_pending.empty() ||
        key != ProfileStore::secretKey(m_connecting->name, m_pending.front()))
        return;
    const ProfileSecret which = m_pending.front();
    QString secret = value;
    if (!found) {
        const std::optional<QString> asked = askFor(which, error);
        if (!asked && which != ProfileSecret::RegistryPassword) {
            m_connecting.reset();
            m_pending.clear();
            emit status(tr("Not connected."));
            return;
        }
        // Without the registry's password the cluster still opens: records are shown as stored,
        // with the registry's refusal on each.
        secret = asked.value_or(QString());
    }
    m_connecting->setSecret(which, secret);
    m_pending.erase(m_pending.begin());
    readNextSecret();
}

std::optional<QString> SourceSession::askFor(ProfileSecret which, const QString& error) const
{
    const KafkaProfile& p = *m_connecting;
    QString title, what;
    switch (which) {
    case ProfileSecret::SaslPassword:
        title = tr("Password for %1").arg(p.name);
        what = tr("SASL password for %1").arg(p.saslUser);
        break;
    case ProfileSecret::KeyPassphrase:
        title = tr("TLS key passphrase for %1").arg(p.name);
        what = tr("Passphrase of the TLS key %1").arg(QDir::toNativeSeparators(p.keyFile));
        break;
    case ProfileSecret::OAuthClientSecret:
        title = tr("OIDC client secret for %1").arg(p.name);
        what = tr("OIDC client secret of %1").arg(p.oauthClientId);
        break;
    case ProfileSecret::RegistryPassword:
        title = tr("Schema Registry password for %1").arg(p.name);
        what = tr("Schema Registry password for %1").arg(p.registryUser);
        break;
    }
    bool ok = false;
    const QString text = QInputDialog::getText(
        m_window, title,
        error.isEmpty()
            ? tr("%1 (not in the keychain):").arg(what)
            : tr("The keychain is not available (%1).\n%2, for this session only:").arg(error, what),
        QLineEdit::Password, QString(), &ok);
    if (!ok) return std::nullopt;
    return text;
}

void SourceSession::connectProfile(const KafkaProfile& profile)
{
    m_connecting = profile;
    m_pending.clear();
    emit status(tr("Connecting to %1 (%2) …").arg(profile.name, profile.bootstrap));
    m_loader->loadKafka(profile);
}

} // namespace rw
