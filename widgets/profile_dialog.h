#pragma once
// Add or edit a Kafka connection profile: where, how (security protocol, SASL, TLS files), the
// read-only flag and allow-listed extra properties, with "Test connection" run on a worker.
// Rows show what the protocol and mechanism use: SASL user and password, or the OIDC token
// endpoint, client id, secret and scope; the TLS files and the key's passphrase.
// The secrets are never saved with the profile (the owner puts them in the keychain).
// GUI thread only.

#include "kafka_profile.h"

#include <QDialog>

class QCheckBox;
class QComboBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;

namespace rw {

class KafkaJobs;

class ProfileDialog : public QDialog {
    Q_OBJECT
public:
    ProfileDialog(KafkaJobs* jobs, QWidget* parent = nullptr);

    void setProfile(const KafkaProfile& profile); // for editing; the name stays fixed
    // The profile as entered (with the password), or what is wrong with it.
    Result<KafkaProfile> profile() const;
    QString testResult() const;

    void accept() override;

private:
    void testConnection();
    void showRowsInUse(); // the SASL, OIDC and TLS rows the protocol and mechanism use

    KafkaJobs* m_jobs;
    QLineEdit* m_name;
    QLineEdit* m_bootstrap;
    QLineEdit* m_clientId;
    QComboBox* m_protocol;
    QComboBox* m_mechanism;
    QLineEdit* m_user;
    QLineEdit* m_password;
    QLineEdit* m_ca;
    QLineEdit* m_cert;
    QLineEdit* m_key;
    QLineEdit* m_keyPassword = nullptr;
    QLineEdit* m_oauthUrl = nullptr;
    QLineEdit* m_oauthClient = nullptr;
    QLineEdit* m_oauthSecret = nullptr;
    QLineEdit* m_oauthScope = nullptr;
    QFormLayout* m_form = nullptr;
    QLineEdit* m_registryUrl = nullptr;
    QLineEdit* m_registryUser = nullptr;
    QLineEdit* m_registryPassword = nullptr;
    QLineEdit* m_registryCa = nullptr;
    QPlainTextEdit* m_schemaFiles = nullptr;
    QCheckBox* m_readOnly;
    QPlainTextEdit* m_extra;
    QLabel* m_result;
    QPushButton* m_test;
    int m_testJob = 0;
};

} // namespace rw
