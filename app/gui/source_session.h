#pragma once
// The way to a source: opening a workspace file or a broker's data directory, creating a
// workspace, connecting to a cluster with its passwords from the keychain (asked for, for this
// session only, when the keychain has none), and opening the shown source again. Every kind loads
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
    void openProfile(const QString& name);            // reads its passwords first, where it logs in
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
    void passwordRead(const QString& name, const QString& password, bool found, const QString& error);
    void continueConnecting(const KafkaProfile& profile); // after the SASL password
    void registryPasswordRead(const QString& password, bool found, const QString& error);

    ProfileStore* m_profiles;
    QWidget* m_window;
    WorkspaceLoader* m_loader;
    std::optional<KafkaProfile> m_connecting; // the cluster being connected to
};

} // namespace rw
