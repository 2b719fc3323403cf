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
    QObject::connect(m_profiles, &ProfileStore::passwordRead, this, &SourceSession::passwordRead);
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
    if (p->securityProtocol.startsWith(QLatin1String("sasl"))) {
        emit status(tr("Reading the password of %1 from the keychain …").arg(name));
        m_profiles->readPassword(name); // continues in passwordRead
        return;
    }
    continueConnecting(p.value());
}

void SourceSession::passwordRead(const QString& name, const QString& password, bool found,
                                 const QString& error)
{
    if (m_connecting && name == ProfileStore::registrySecret(m_connecting->name)) {
        registryPasswordRead(password, found, error);
        return;
    }
    auto p = m_profiles->profile(name);
    if (!p || !m_connecting || m_connecting->name != name) return;
    QString pw = password;
    if (!found) {
        bool ok = false;
        pw = QInputDialog::getText(
            m_window, tr("Password for %1").arg(name),
            error.isEmpty() ? tr("SASL password for %1 (not in the keychain):").arg(p->saslUser)
                            : tr("The keychain is not available (%1).\nSASL password for %2, for this "
                                 "session only:")
                                  .arg(error, p->saslUser),
            QLineEdit::Password, QString(), &ok);
        if (!ok) {
            m_connecting.reset();
            emit status(tr("Not connected."));
            return;
        }
    }
    p->saslPassword = pw;
    continueConnecting(p.value());
}

// After the SASL password: the Schema Registry's, when the profile logs in to one.
void SourceSession::continueConnecting(const KafkaProfile& profile)
{
    m_connecting = profile;
    if (!profile.registryUrl.isEmpty() && !profile.registryUser.isEmpty() &&
        profile.registryPassword.isEmpty()) {
        emit status(tr("Reading the Schema Registry password of %1 from the keychain …").arg(profile.name));
        m_profiles->readPassword(ProfileStore::registrySecret(profile.name)); // continues in passwordRead
        return;
    }
    connectProfile(profile);
}

void SourceSession::registryPasswordRead(const QString& password, bool found, const QString& error)
{
    KafkaProfile p = *m_connecting;
    QString pw = password;
    if (!found) {
        bool ok = false;
        pw = QInputDialog::getText(
            m_window, tr("Schema Registry password for %1").arg(p.name),
            error.isEmpty() ? tr("Schema Registry password for %1 (not in the keychain):").arg(p.registryUser)
                            : tr("The keychain is not available (%1).\nSchema Registry password for %2, "
                                 "for this session only:")
                                  .arg(error, p.registryUser),
            QLineEdit::Password, QString(), &ok);
        if (!ok)
            pw.clear(); // connect anyway: records are shown as stored, with the registry's refusal on each
    }
    p.registryPassword = pw;
    connectProfile(p);
}

void SourceSession::connectProfile(const KafkaProfile& profile)
{
    m_connecting = profile;
    emit status(tr("Connecting to %1 (%2) …").arg(profile.name, profile.bootstrap));
    m_loader->loadKafka(profile);
}

} // namespace rw
