// The real MainWindow, driven offscreen with QTest, on the secured test broker (scripts/kafka):
// profiles whose secrets (TLS key passphrase, OIDC client secret, SCRAM password) live in the OS
// keychain (gnome-keyring in scripts/test's private D-Bus session) connect; a refused OIDC secret
// and a host-name mismatch say their cause in the banner, and no secret reaches the settings or
// the banner.

#include "banner.h"
#include "group_admin_dialog.h"
#include "kafka_client.h"
#include "kafka_fixture.h"
#include "kafka_source.h"
#include "main_window.h"
#include "main_window_fixture.h"
#include "produce_dialog.h"
#include "profile_dialog.h"
#include "profile_store.h"
#include "record_table_model.h"
#include "topic_admin_dialog.h"
#include "topic_tree_model.h"

#include <QCheckBox>
#include <QComboBox>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QSettings>
#include <QSignalSpy>
#include <QUuid>
#include <QtTest>

using namespace rw;

class TstMainWindowSecurity : public QObject, protected rw::test::DemoWindowFixture {
    Q_OBJECT
    QString m_topic;

    static QString env(const char* name) { return qEnvironmentVariable(name); }
    static QString tls(const char* file)
    {
        return env("REWIND_KAFKA_TLS_DIR") + QLatin1Char('/') + QLatin1String(file);
    }

    static KafkaProfile mutualTls(const QString& name)
    {
        KafkaProfile p;
        p.name = name;
        p.bootstrap = env("REWIND_KAFKA_SSL_BOOTSTRAP");
        p.securityProtocol = QStringLiteral("ssl");
        p.caFile = tls("ca.pem");
        p.certFile = tls("client.pem");
        p.keyFile = tls("client-encrypted.key");
        p.readOnly = true;
        return p;
    }

    static KafkaProfile oidc(const QString& name)
    {
        KafkaProfile p;
        p.name = name;
        p.bootstrap = env("REWIND_KAFKA_SASL_SSL_BOOTSTRAP");
        p.securityProtocol = QStringLiteral("sasl_ssl");
        p.saslMechanism = QStringLiteral("OAUTHBEARER");
        p.caFile = tls("ca.pem");
        p.oauthTokenUrl = env("REWIND_OIDC_TOKEN_URL");
        p.oauthClientId = QStringLiteral("rewind-oidc");
        p.readOnly = true;
        return p;
    }

    // Saves the profile and puts its secret in the keychain, as the profile dialog's Save does.
    static void keep(MainWindow& w, const KafkaProfile& p, ProfileSecret which, const QString& secret)
    {
        QVERIFY(w.profiles()->save(p).ok());
        QSignalSpy stored(w.profiles(), &ProfileStore::passwordStored);
        w.profiles()->storePassword(ProfileStore::secretKey(p.name, which), secret);
        QTRY_COMPARE_WITH_TIMEOUT(stored.size(), 1, 10000);
        QVERIFY2(stored.at(0).at(1).toBool(), qPrintable(stored.at(0).at(2).toString()));
    }

    bool listsTopic(MainWindow& w) const
    {
        for (int r = 0; r < w.topicModel()->rowCount(); ++r)
            if (w.topicModel()->index(r, 0).data(TopicTreeModel::TopicRole).toString() == m_topic)
                return true;
        return false;
    }

    static bool settingsHold(const QString& secret)
    {
        QSettings s;
        s.sync();
        QFile f(s.fileName());
        return f.open(QIODevice::ReadOnly) && f.readAll().contains(secret.toUtf8());
    }

private slots:
    void initTestCase()
    {
        QVERIFY(makeDemo());
        if (env("REWIND_KAFKA_TLS_DIR").isEmpty() || env("REWIND_TEST_KEYRING") != QLatin1String("1"))
            QFAIL("needs the secured test broker and the test keyring: run the tests through scripts/test");
        KafkaProfile admin;
        admin.name = QStringLiteral("admin");
        admin.bootstrap = env("REWIND_KAFKA_BOOTSTRAP");
        auto c = KafkaClient::connect(admin);
        QVERIFY(c.ok());
        m_topic =
            QStringLiteral("sandbox.gui-security-") + QUuid::createUuid().toString(QUuid::Id128).left(8);
        QVERIFY(c.value()->createTopic(m_topic, 1).ok());
    }

    // Mutual TLS with a passphrase from the keychain, then OIDC with its client secret from the
    // keychain: each connects and lists the topic; neither secret is in the settings file.
    void securedProfilesConnectWithSecretsFromTheKeychain()
    {
        MainWindow w;
        w.show();
        const QString passphrase = QStringLiteral("rewind-key-pass");
        const KafkaProfile mtls = mutualTls(QStringLiteral("mtls %1").arg(QUuid::createUuid().toString()));
        keep(w, mtls, ProfileSecret::KeyPassphrase, passphrase);
        QSignalSpy loaded(&w, &MainWindow::workspaceLoaded);
        QSignalSpy failed(&w, &MainWindow::workspaceFailed);
        w.openKafka(mtls.name);
        QTRY_VERIFY_WITH_TIMEOUT(loaded.size() + failed.size() > 0, 30000);
        QVERIFY2(failed.isEmpty(), qPrintable(failed.isEmpty() ? QString() : failed.at(0).at(1).toString()));
        QVERIFY(w.isKafka());
        QVERIFY(listsTopic(w));

        const QString secret = QStringLiteral("rewind-oidc-secret");
        const KafkaProfile o = oidc(QStringLiteral("oidc %1").arg(QUuid::createUuid().toString()));
        keep(w, o, ProfileSecret::OAuthClientSecret, secret);
        loaded.clear();
        w.openKafka(o.name);
        QTRY_VERIFY_WITH_TIMEOUT(loaded.size() + failed.size() > 0, 30000);
        QVERIFY2(failed.isEmpty(), qPrintable(failed.isEmpty() ? QString() : failed.at(0).at(1).toString()));
        QVERIFY(listsTopic(w));
        QVERIFY(!settingsHold(passphrase));
        QVERIFY(!settingsHold(secret));
        w.profiles()->remove(mtls.name);
        w.profiles()->remove(o.name);
    }

    // A refused OIDC secret and a certificate for another host: the banner says the cause, and
    // the secret appears nowhere on screen.
    void refusedConnectionsSayTheirCause()
    {
        MainWindow w;
        w.show();
        const QString canary =
            QStringLiteral("canary-gui-oidc-%1").arg(QUuid::createUuid().toString(QUuid::Id128));
        const KafkaProfile o = oidc(QStringLiteral("oidc wrong %1").arg(QUuid::createUuid().toString()));
        keep(w, o, ProfileSecret::OAuthClientSecret, canary);
        QSignalSpy failed(&w, &MainWindow::workspaceFailed);
        w.openKafka(o.name);
        QTRY_COMPARE_WITH_TIMEOUT(failed.size(), 1, 40000);
        QVERIFY(w.banner()->isVisible());
        QVERIFY2(w.banner()->text().contains(QStringLiteral("refused the client credentials of rewind-oidc")),
                 qPrintable(w.banner()->text()));
        QVERIFY(!w.banner()->text().contains(canary));
        QVERIFY(!settingsHold(canary));

        KafkaProfile elsewhere =
            mutualTls(QStringLiteral("elsewhere %1").arg(QUuid::createUuid().toString()));
        elsewhere.bootstrap = env("REWIND_KAFKA_ELSEWHERE_BOOTSTRAP");
        keep(w, elsewhere, ProfileSecret::KeyPassphrase, QStringLiteral("rewind-key-pass"));
        w.openKafka(elsewhere.name);
        QTRY_COMPARE_WITH_TIMEOUT(failed.size(), 2, 40000);
        QVERIFY2(w.banner()->text().contains(QStringLiteral("kafka.elsewhere.example")),
                 qPrintable(w.banner()->text()));
        QVERIFY(!w.banner()->text().contains(QStringLiteral("rewind-key-pass")));
        w.profiles()->remove(o.name);
        w.profiles()->remove(elsewhere.name);
    }

    // support-reader (scripts/kafka's ACLs): the tree lists what it may read and what it may only
    // see, never the rest; a topic it may read shows its records; one it may only see says, in
    // the banner, that the cluster's ACLs do not let support-reader read it.
    void restrictedUserReadsWhatItMayAndIsToldTheRest()
    {
        const QString id = QUuid::createUuid().toString(QUuid::Id128).left(8);
        const QString orders = QStringLiteral("orders.gui-") + id,
                      ledger = QStringLiteral("ledger.gui-") + id,
                      hidden = QStringLiteral("hidden.gui-") + id;
        {
            KafkaProfile admin;
            admin.name = QStringLiteral("admin");
            admin.bootstrap = env("REWIND_KAFKA_BOOTSTRAP");
            auto c = KafkaClient::connect(admin);
            QVERIFY(c.ok());
            for (const QString& t : {orders, ledger, hidden}) {
                QVERIFY(c.value()->createTopic(t, 1, -1, QStringLiteral("sandbox."), true).ok());
                std::vector<ProducerRecord> batch(3);
                for (int i = 0; i < 3; ++i) {
                    batch[i].topic = t;
                    batch[i].partition = 0;
                    batch[i].key = QByteArray("o-") + QByteArray::number(i);
                    batch[i].value = QByteArray("{\"n\":") + QByteArray::number(i) + "}";
                }
                QVERIFY(c.value()->produce(batch).ok());
            }
        }
        MainWindow w;
        w.show();
        KafkaProfile reader = test::kafka::saslPlain(QStringLiteral("support-reader"), QString());
        reader.name = QStringLiteral("support %1").arg(id);
        reader.readOnly = true;
        keep(w, reader, ProfileSecret::SaslPassword, QStringLiteral("support-reader-secret"));
        QSignalSpy loaded(&w, &MainWindow::workspaceLoaded);
        QSignalSpy failed(&w, &MainWindow::workspaceFailed);
        w.openKafka(reader.name);
        QTRY_VERIFY_WITH_TIMEOUT(loaded.size() + failed.size() > 0, 30000);
        QVERIFY2(failed.isEmpty(), qPrintable(failed.isEmpty() ? QString() : failed.at(0).at(1).toString()));
        QStringList listed;
        for (int r = 0; r < w.topicModel()->rowCount(); ++r)
            listed << w.topicModel()->index(r, 0).data(TopicTreeModel::TopicRole).toString();
        QVERIFY2(listed.contains(orders) && listed.contains(ledger), qPrintable(listed.join(u' ')));
        QVERIFY(!listed.contains(hidden));
        QVERIFY(!listed.contains(m_topic));

        w.selectTopic(orders, 0);
        QTRY_COMPARE_WITH_TIMEOUT(w.recordModel()->rowCount(), 3, 20000);
        w.banner()->hide();
        w.selectTopic(ledger, 0);
        QTRY_VERIFY_WITH_TIMEOUT(
            w.banner()->isVisible() && w.banner()->text().contains(QStringLiteral("not authorised")), 20000);
        QVERIFY2(w.banner()->text().contains(QStringLiteral("do not let support-reader")) &&
                     w.banner()->text().contains(ledger),
                 qPrintable(w.banner()->text()));
        // Its offsets may be seen (3 rows), its records not: no cell holds a value.
        QCOMPARE(w.recordModel()->rowCount(), 3);
        QVERIFY(!w.recordModel()->index(0, RecordTableModel::ValueCol).data().toString().contains(u'n'));
        QVERIFY(!settingsHold(QStringLiteral("support-reader-secret")));
        w.profiles()->remove(reader.name);
    }

    // The window's writes (#28) with a user the ACLs let only read: produce, topic creation and
    // group deletion each refused with the ACL's reason, in the dialog, nothing written.
    void restrictedUserIsRefusedEachWriteWithTheAclsReason()
    {
        const QString id = QUuid::createUuid().toString(QUuid::Id128).left(8);
        const QString orders = QStringLiteral("orders.guiw-") + id;
        KafkaProfile admin;
        admin.name = QStringLiteral("admin");
        admin.bootstrap = env("REWIND_KAFKA_BOOTSTRAP");
        auto c = KafkaClient::connect(admin);
        QVERIFY(c.ok());
        QVERIFY(c.value()->createTopic(orders, 1, -1, QStringLiteral("sandbox."), true).ok());
        KafkaProfile reader =
            test::kafka::saslPlain(QStringLiteral("support-reader"), QStringLiteral("support-reader-secret"));
        reader.name = QStringLiteral("support writes %1").arg(id);
        reader.readOnly = false; // the profile lets it try: the cluster's ACLs refuse
        MainWindow w;
        w.show();
        QSignalSpy loaded(&w, &MainWindow::workspaceLoaded);
        w.connectKafka(reader);
        QTRY_VERIFY_WITH_TIMEOUT(loaded.size() > 0, 30000);

        ProduceDialog* p = w.produce();
        QVERIFY(p);
        p->setTopic(orders);
        p->findChild<QCheckBox*>(QStringLiteral("produceUnlock"))->setChecked(true);
        p->findChild<QPlainTextEdit*>(QStringLiteral("produceValue"))
            ->setPlainText(QStringLiteral("{\"n\":1}"));
        p->send();
        QTRY_VERIFY_WITH_TIMEOUT(!p->busy() && !p->statusText().isEmpty() &&
                                     !p->statusText().startsWith(QStringLiteral("Sending")),
                                 30000);
        QVERIFY2(p->statusText().contains(QStringLiteral("the cluster's ACLs let support-reader")) &&
                     p->statusText().contains(QStringLiteral("not write to it")),
                 qPrintable(p->statusText()));
        auto t = c.value()->topic(orders, true);
        QVERIFY(t.ok());
        QCOMPARE(t->partitions[0].high, Offset(0)); // nothing written

        TopicAdminDialog* topics = w.administerTopics(int(TopicAdminDialog::Action::Create));
        QVERIFY(topics);
        topics->setNewTopic(QStringLiteral("sandbox.guiw-") + id, 1);
        QSignalSpy topicFailed(topics, &TopicAdminDialog::failed);
        topics->apply();
        QTRY_COMPARE_WITH_TIMEOUT(topicFailed.size(), 1, 30000);
        QVERIFY2(topics->statusText().contains(QStringLiteral("not authorised")),
                 qPrintable(topics->statusText()));
        QVERIFY(!c.value()->topic(QStringLiteral("sandbox.guiw-") + id, false).ok());

        GroupAdminDialog* group =
            w.administerGroup(int(GroupAdminDialog::Action::DeleteGroup), QStringLiteral("billing-") + id);
        QVERIFY(group);
        QSignalSpy groupFailed(group, &GroupAdminDialog::failed);
        QTRY_VERIFY_WITH_TIMEOUT(groupFailed.size() > 0 || group->canApply(), 30000);
        if (group->canApply()) {
            group->apply();
            QTRY_VERIFY_WITH_TIMEOUT(groupFailed.size() > 0, 30000);
        }
        QVERIFY2(group->statusText().contains(QStringLiteral("not authorised")) ||
                     group->statusText().contains(QStringLiteral("do this with that group")),
                 qPrintable(group->statusText()));
    }

    // The profile dialog shows the rows the protocol and mechanism use, and the secrets it gives
    // back are the ones typed.
    void profileDialogShowsTheRowsInUse()
    {
        KafkaJobs jobs;
        ProfileDialog dialog(&jobs);
        auto* protocol = dialog.findChildren<QComboBox*>().at(0);
        auto* mechanism = dialog.findChildren<QComboBox*>().at(1);
        auto* oidcUrl = dialog.findChild<QLineEdit*>(QStringLiteral("profileOidcUrl"));
        auto* keyPassword = dialog.findChild<QLineEdit*>(QStringLiteral("profileKeyPassword"));
        auto* password = dialog.findChild<QLineEdit*>(QStringLiteral("profilePassword"));
        QVERIFY(oidcUrl && keyPassword && password);
        dialog.show();
        protocol->setCurrentText(QStringLiteral("plaintext"));
        QVERIFY(!oidcUrl->isVisible() && !keyPassword->isVisible() && !password->isVisible());
        protocol->setCurrentText(QStringLiteral("sasl_ssl"));
        mechanism->setCurrentText(QStringLiteral("SCRAM-SHA-512"));
        QVERIFY(password->isVisible() && keyPassword->isVisible() && !oidcUrl->isVisible());
        mechanism->setCurrentText(QStringLiteral("OAUTHBEARER"));
        QVERIFY(oidcUrl->isVisible() && !password->isVisible());
        dialog.findChild<QLineEdit*>(QStringLiteral("profileName"))->setText(QStringLiteral("x"));
        dialog.findChild<QLineEdit*>(QStringLiteral("profileBootstrap"))
            ->setText(QStringLiteral("127.0.0.1:1"));
        oidcUrl->setText(QStringLiteral("http://127.0.0.1:1/token"));
        dialog.findChild<QLineEdit*>(QStringLiteral("profileOidcClient"))->setText(QStringLiteral("client"));
        dialog.findChild<QLineEdit*>(QStringLiteral("profileOidcSecret"))
            ->setText(QStringLiteral("typed-secret"));
        auto p = dialog.profile();
        QVERIFY2(p.ok(), qPrintable(p.ok() ? QString() : p.error().message));
        QCOMPARE(p->oauthClientSecret, QStringLiteral("typed-secret"));
        QVERIFY(!p->toJson().contains("typed-secret"));
    }
};

QTEST_MAIN(TstMainWindowSecurity)
#include "tst_main_window_security.moc"
