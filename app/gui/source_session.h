#pragma once
// The way to a source: opening a workspace file or a broker's data directory, creating a
// workspace, connecting to a cluster with its secrets from the keychain (SASL password, TLS key
// passphrase, OIDC client secret, Schema Registry password; each asked for, for this session
// only, when the keychain has none), and opening the shown source again. Every kind loads
// on one WorkspaceLoader, so only the newest request's answer arrives.
// Thread contract: GUI thread (it may ask for a password in a dialog over `window`).

#include "banner.h"
#include "kafka_profile.h"
#include "workspace_overview.h"

#include <QObject>

#include <optional>

class QWidget;

namespace rw {

class ProfileStore;

class SourceSession : public QObject {
    Q_OBJECT
public:
    SourceSession(ProfileStore* profiles, QWidget* window);

    void openPath(const QString& path, bool showInternalTopics);
    void create(const QString& path);
    void openProfile(const QString& name);            // reads the secrets it needs first
    void connectProfile(const KafkaProfile& profile); // as it is, its passwords given
    void open(const SourceSpec& spec);                // a reload: the same source with the same options
    bool connecting() const { return m_connecting.has_value(); }

signals:
    void status(const QString& line);
    void notice(Banner::Kind kind, const QString& text);
    void loaded(const WorkspaceOverview& overview);
    // `cluster`: the profile that could not connect (nullopt: a file or folder).
    void failed(const QString& name, const QString& message, const std::optional<KafkaProfile>& cluster);

private:
    // The next secret the profile being connected needs and does not hold, from the keychain;
    // connects when none is left.
    void readNextSecret();
    void secretRead(const QString& key, const QString& value, bool found, const QString& error);
    // Asks for a secret the keychain does not have; nullopt when the user cancels.
    std::optional<QString> askFor(ProfileSecret which, const QString& keychainError) const;

    ProfileStore* m_profiles;
    QWidget* m_window;
    WorkspaceLoader* m_loader;
    std::optional<KafkaProfile> m_connecting; // the cluster being connected to
    std::vector<ProfileSecret> m_pending;     // its secrets still to read, the first being read
};

} // namespace rw
