#include "profile_dialog.h"

#include "dialog_title.h"

#include "kafka_source.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace rw {

ProfileDialog::ProfileDialog(KafkaJobs* jobs, QWidget* parent)
    : QDialog(parent), m_jobs(jobs), m_name(new QLineEdit), m_bootstrap(new QLineEdit),
      m_clientId(new QLineEdit), m_protocol(new QComboBox), m_mechanism(new QComboBox), m_user(new QLineEdit),
      m_password(new QLineEdit), m_ca(new QLineEdit), m_cert(new QLineEdit), m_key(new QLineEdit),
      m_readOnly(new QCheckBox), m_extra(new QPlainTextEdit), m_result(new QLabel),
      m_test(new QPushButton(tr("&Test connection")))
{
    setObjectName(QStringLiteral("profileDialog"));
    setWindowTitle(tr("Kafka connection"));
    fitTitle(this);
    m_name->setObjectName(QStringLiteral("profileName"));
    m_bootstrap->setObjectName(QStringLiteral("profileBootstrap"));
    m_password->setObjectName(QStringLiteral("profilePassword"));
    m_readOnly->setObjectName(QStringLiteral("profileReadOnly"));
    m_result->setObjectName(QStringLiteral("profileTestResult"));
    m_bootstrap->setPlaceholderText(QStringLiteral("broker1:9092,broker2:9092"));
    m_clientId->setText(QStringLiteral("rewind"));
    m_protocol->addItems({QStringLiteral("plaintext"), QStringLiteral("ssl"),
                          QStringLiteral("sasl_plaintext"), QStringLiteral("sasl_ssl")});
    m_mechanism->addItems({QString(), QStringLiteral("PLAIN"), QStringLiteral("SCRAM-SHA-256"),
                           QStringLiteral("SCRAM-SHA-512"), QStringLiteral("OAUTHBEARER")});
    m_mechanism->setToolTip(tr("OAUTHBEARER: an OpenID Connect token (client-credentials grant), fetched and "
                               "renewed from the token endpoint"));
    m_password->setEchoMode(QLineEdit::Password);
    m_password->setPlaceholderText(tr("kept in the system keychain, never in settings"));
    m_readOnly->setText(tr("Read-only: refuse every write (produce, reset, topic changes, replays)"));
    m_readOnly->setChecked(true);
    m_extra->setPlaceholderText(tr("Extra librdkafka properties, one per line: name=value (allow-listed)"));
    m_extra->setMaximumHeight(80);
    m_result->setTextFormat(Qt::PlainText);
    m_result->setWordWrap(true);
    auto secretField = [this](const char* name) {
        auto* e = new QLineEdit;
        e->setObjectName(QLatin1String(name));
        e->setEchoMode(QLineEdit::Password);
        e->setPlaceholderText(tr("kept in the system keychain, never in settings"));
        return e;
    };
    m_keyPassword = secretField("profileKeyPassword");
    m_oauthSecret = secretField("profileOidcSecret");
    m_oauthUrl = new QLineEdit;
    m_oauthUrl->setObjectName(QStringLiteral("profileOidcUrl"));
    m_oauthUrl->setPlaceholderText(QStringLiteral("https://idp.example/oauth2/token"));
    m_oauthClient = new QLineEdit;
    m_oauthClient->setObjectName(QStringLiteral("profileOidcClient"));
    m_oauthScope = new QLineEdit;
    m_oauthScope->setPlaceholderText(tr("optional"));
    m_ca->setPlaceholderText(tr("PEM; empty: the system's CAs"));
    m_cert->setPlaceholderText(tr("PEM, for mutual TLS"));
    m_key->setPlaceholderText(tr("PEM, for mutual TLS"));
    auto* form = new QFormLayout;
    m_form = form;
    form->addRow(tr("&Name"), m_name);
    form->addRow(tr("&Bootstrap servers"), m_bootstrap);
    form->addRow(tr("&Client id"), m_clientId);
    form->addRow(tr("&Security protocol"), m_protocol);
    form->addRow(tr("SASL &mechanism"), m_mechanism);
    form->addRow(tr("SASL &user"), m_user);
    form->addRow(tr("SASL &password"), m_password);
    form->addRow(tr("OIDC token URL"), m_oauthUrl);
    form->addRow(tr("OIDC client id"), m_oauthClient);
    form->addRow(tr("OIDC client secret"), m_oauthSecret);
    form->addRow(tr("OIDC scope"), m_oauthScope);
    form->addRow(tr("TLS CA file"), m_ca);
    form->addRow(tr("TLS certificate"), m_cert);
    form->addRow(tr("TLS key"), m_key);
    form->addRow(tr("TLS key passphrase"), m_keyPassword);
    m_registryUrl = new QLineEdit;
    m_registryUrl->setObjectName(QStringLiteral("profileRegistryUrl"));
    m_registryUrl->setPlaceholderText(tr("http://registry:8081 (records in its wire format are decoded)"));
    m_registryUser = new QLineEdit;
    m_registryPassword = new QLineEdit;
    m_registryPassword->setEchoMode(QLineEdit::Password);
    m_registryPassword->setPlaceholderText(tr("kept in the system keychain, never in settings"));
    m_registryCa = new QLineEdit;
    form->addRow(tr("Schema &Registry URL"), m_registryUrl);
    form->addRow(tr("Registry user"), m_registryUser);
    form->addRow(tr("Registry password"), m_registryPassword);
    form->addRow(tr("Registry CA file"), m_registryCa);
    m_schemaFiles = new QPlainTextEdit;
    m_schemaFiles->setObjectName(QStringLiteral("profileSchemaFiles"));
    m_schemaFiles->setPlaceholderText(
        tr("Schema files for topics without the registry's wire format, one per line: topic=/path/x.avsc, "
           "topic=/path/x.proto#package.Message or a descriptor set"));
    m_schemaFiles->setMaximumHeight(60);
    form->addRow(tr("Schema &files"), m_schemaFiles);
    form->addRow(QString(), m_readOnly);
    form->addRow(tr("E&xtra properties"), m_extra);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel);
    buttons->addButton(m_test, QDialogButtonBox::ActionRole);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_test, &QPushButton::clicked, this, &ProfileDialog::testConnection);
    connect(m_jobs, &KafkaJobs::connectionTested, this,
            [this](int job, bool ok, const QString& message, const Error&) {
                if (job != m_testJob) return;
                m_test->setEnabled(true);
                m_result->setText((ok ? QStringLiteral("✔ ") : QStringLiteral("✖ ")) + message);
            });
    connect(m_protocol, &QComboBox::currentTextChanged, this, &ProfileDialog::showRowsInUse);
    connect(m_mechanism, &QComboBox::currentTextChanged, this, &ProfileDialog::showRowsInUse);
    showRowsInUse();
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_result);
    layout->addWidget(buttons);
    resize(560, sizeHint().height());
}

void ProfileDialog::showRowsInUse()
{
    const QString proto = m_protocol->currentText();
    const bool sasl = proto.startsWith(QLatin1String("sasl"));
    const bool tls = proto == QLatin1String("ssl") || proto == QLatin1String("sasl_ssl");
    const bool oauth = sasl && m_mechanism->currentText() == QLatin1String("OAUTHBEARER");
    m_form->setRowVisible(m_mechanism, sasl);
    m_form->setRowVisible(m_user, sasl && !oauth);
    m_form->setRowVisible(m_password, sasl && !oauth);
    for (QWidget* w : {m_oauthUrl, m_oauthClient, m_oauthSecret, m_oauthScope})
        m_form->setRowVisible(w, oauth);
    for (QWidget* w : {m_ca, m_cert, m_key, m_keyPassword})
        m_form->setRowVisible(w, tls);
    adjustSize();
}

void ProfileDialog::setProfile(const KafkaProfile& p)
{
    m_name->setText(p.name);
    m_name->setReadOnly(true);
    m_bootstrap->setText(p.bootstrap);
    m_clientId->setText(p.clientId);
    m_protocol->setCurrentText(p.securityProtocol);
    m_mechanism->setCurrentText(p.saslMechanism);
    m_user->setText(p.saslUser);
    m_password->setText(p.saslPassword);
    m_ca->setText(p.caFile);
    m_cert->setText(p.certFile);
    m_key->setText(p.keyFile);
    m_keyPassword->setText(p.keyPassword);
    m_oauthUrl->setText(p.oauthTokenUrl);
    m_oauthClient->setText(p.oauthClientId);
    m_oauthSecret->setText(p.oauthClientSecret);
    m_oauthScope->setText(p.oauthScope);
    m_readOnly->setChecked(p.readOnly);
    m_registryUrl->setText(p.registryUrl);
    m_registryUser->setText(p.registryUser);
    m_registryPassword->setText(p.registryPassword);
    m_registryCa->setText(p.registryCaFile);
    QStringList files;
    for (const SchemaFile& f : p.schemaFiles)
        files << f.topic + QLatin1Char('=') + f.path +
                     (f.messageType.isEmpty() ? QString() : QLatin1Char('#') + f.messageType);
    m_schemaFiles->setPlainText(files.join(QLatin1Char('\n')));
    QStringList lines;
    for (const auto& [k, v] : p.extra)
        lines << k + QLatin1Char('=') + v;
    m_extra->setPlainText(lines.join(QLatin1Char('\n')));
}

Result<KafkaProfile> ProfileDialog::profile() const
{
    KafkaProfile p;
    p.name = m_name->text().trimmed();
    p.bootstrap = m_bootstrap->text().trimmed();
    p.clientId = m_clientId->text().trimmed();
    p.securityProtocol = m_protocol->currentText();
    p.saslMechanism = m_mechanism->currentText();
    p.saslUser = m_user->text();
    p.saslPassword = m_password->text();
    p.caFile = m_ca->text().trimmed();
    p.certFile = m_cert->text().trimmed();
    p.keyFile = m_key->text().trimmed();
    const bool tls =
        p.securityProtocol == QLatin1String("ssl") || p.securityProtocol == QLatin1String("sasl_ssl");
    if (tls) {
        p.keyPassword = m_keyPassword->text();
    } else { // rows hidden for this protocol do not count
        p.caFile.clear();
        p.certFile.clear();
        p.keyFile.clear();
    }
    if (p.usesOAuth()) {
        p.oauthTokenUrl = m_oauthUrl->text().trimmed();
        p.oauthClientId = m_oauthClient->text().trimmed();
        p.oauthClientSecret = m_oauthSecret->text();
        p.oauthScope = m_oauthScope->text().trimmed();
        p.saslUser.clear();
        p.saslPassword.clear();
    }
    if (!p.usesSasl()) {
        p.saslMechanism.clear();
        p.saslUser.clear();
        p.saslPassword.clear();
    }
    p.readOnly = m_readOnly->isChecked();
    p.registryUrl = m_registryUrl->text().trimmed();
    p.registryUser = m_registryUser->text().trimmed();
    p.registryPassword = m_registryPassword->text();
    p.registryCaFile = m_registryCa->text().trimmed();
    for (const QString& line : m_schemaFiles->toPlainText().split(QLatin1Char('\n'), Qt::SkipEmptyParts)) {
        if (line.trimmed().isEmpty()) continue;
        auto f = SchemaFile::parse(line.trimmed());
        if (!f) return makeError(ErrorCode::InvalidArgument, tr("schema files: %1").arg(f.error().message));
        p.schemaFiles.push_back(f.value());
    }
    int lineNo = 0;
    for (const QString& raw : m_extra->toPlainText().split(QLatin1Char('\n'))) {
        ++lineNo;
        const QString line = raw.trimmed();
        if (line.isEmpty() || line.startsWith(QLatin1Char('#'))) continue;
        const qsizetype eq = line.indexOf(QLatin1Char('='));
        if (eq <= 0)
            return makeError(ErrorCode::InvalidArgument,
                             tr("extra properties, line %1: write name=value").arg(lineNo));
        p.extra[line.left(eq).trimmed()] = line.mid(eq + 1).trimmed();
    }
    if (p.name.isEmpty()) return makeError(ErrorCode::InvalidArgument, tr("The profile needs a name."));
    if (p.bootstrap.isEmpty())
        return makeError(ErrorCode::InvalidArgument, tr("The profile needs bootstrap servers (host:port)."));
    if (auto r = p.validate(); !r) return r.error();
    return p;
}

QString ProfileDialog::testResult() const
{
    return m_result->text();
}

void ProfileDialog::testConnection()
{
    auto p = profile();
    if (!p) {
        m_result->setText(QStringLiteral("✖ ") + p.error().message);
        return;
    }
    m_test->setEnabled(false);
    m_result->setText(tr("Connecting to %1 …").arg(p->bootstrap));
    m_testJob = m_jobs->testConnection(p.value());
}

void ProfileDialog::accept()
{
    auto p = profile();
    if (!p) {
        m_result->setText(QStringLiteral("✖ ") + p.error().message);
        return;
    }
    QDialog::accept();
}

} // namespace rw
