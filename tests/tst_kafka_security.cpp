// Kafka 4 with real security, on the test broker (scripts/kafka): SCRAM-SHA-256/512 over TLS and
// plaintext, PLAIN over TLS, mutual TLS with a passphrase-protected key, OAUTHBEARER through the
// local OIDC issuer. Each logs in from the library and from the CLI. Wrong host name, unknown CA,
// expired client certificate, wrong passphrase, wrong password, an issuer that refuses and a missing
// client certificate each get one sentence naming the cause and exit 8, and no secret appears in
// any output (canary secrets).

#include "kafka_client.h"
#include "kafka_fixture.h"
#include "test_util.h"

#include <QFile>
#include <QProcessEnvironment>
#include <QTemporaryDir>
#include <QtTest>

#include <librdkafka/rdkafka.h>

Q_DECLARE_METATYPE(rw::KafkaProfile)

using namespace rw;
using namespace rw::test::kafka;

namespace {

QString tls(const char* file)
{
    return env("REWIND_KAFKA_TLS_DIR") + QLatin1Char('/') + QLatin1String(file);
}

KafkaProfile saslSsl(const QString& mechanism, const QString& user, const QString& password)
{
    KafkaProfile p;
    p.name = QStringLiteral("secure");
    p.bootstrap = env("REWIND_KAFKA_SASL_SSL_BOOTSTRAP");
    p.securityProtocol = QStringLiteral("sasl_ssl");
    p.saslMechanism = mechanism;
    p.saslUser = user;
    p.saslPassword = password;
    p.caFile = tls("ca.pem");
    return p;
}

KafkaProfile mutualTls(const char* cert = "client.pem", const char* key = "client-encrypted.key",
                       const QString& passphrase = QStringLiteral("rewind-key-pass"))
{
    KafkaProfile p;
    p.name = QStringLiteral("mtls");
    p.bootstrap = env("REWIND_KAFKA_SSL_BOOTSTRAP");
    p.securityProtocol = QStringLiteral("ssl");
    p.caFile = tls("ca.pem");
    p.certFile = tls(cert);
    p.keyFile = tls(key);
    p.keyPassword = passphrase;
    return p;
}

KafkaProfile oidc(const QString& secret)
{
    KafkaProfile p = saslSsl(QStringLiteral("OAUTHBEARER"), {}, {});
    p.name = QStringLiteral("oidc");
    p.oauthTokenUrl = env("REWIND_OIDC_TOKEN_URL");
    p.oauthClientId = QStringLiteral("rewind-oidc");
    p.oauthClientSecret = secret;
    return p;
}

// The CLI's arguments and environment for a profile: settings as -X, secrets in the environment.
struct CliCall {
    QStringList args;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
};

CliCall cliFor(const KafkaProfile& p)
{
    CliCall c;
    c.args = {QStringLiteral("-b"), p.bootstrap, QStringLiteral("-X"),
              QStringLiteral("security.protocol=") + p.securityProtocol};
    auto x = [&](const char* key, const QString& value) {
        if (!value.isEmpty()) c.args << QStringLiteral("-X") << QLatin1String(key) + QLatin1Char('=') + value;
    };
    x("sasl.mechanisms", p.saslMechanism);
    x("sasl.username", p.saslUser);
    x("ssl.ca.location", p.caFile);
    x("ssl.certificate.location", p.certFile);
    x("ssl.key.location", p.keyFile);
    x("sasl.oauthbearer.token.endpoint.url", p.oauthTokenUrl);
    x("sasl.oauthbearer.client.id", p.oauthClientId);
    c.env.insert(QStringLiteral("REWIND_SASL_PASSWORD"), p.saslPassword);
    c.env.insert(QStringLiteral("REWIND_SSL_KEY_PASSWORD"), p.keyPassword);
    c.env.insert(QStringLiteral("REWIND_OIDC_CLIENT_SECRET"), p.oauthClientSecret);
    return c;
}

Run runCli(const QStringList& args, const QProcessEnvironment& environment)
{
    QProcess proc;
    proc.setProcessEnvironment(environment);
    proc.start(QStringLiteral(REWIND_CLI), args);
    if (!proc.waitForFinished(60000)) {
        proc.kill();
        proc.waitForFinished();
    }
    return {proc.exitCode(), proc.readAllStandardOutput(), proc.readAllStandardError()};
}

} // namespace

class TestKafkaSecurity : public QObject {
    Q_OBJECT
    QString m_topic;

private slots:
    void initTestCase()
    {
        if (env("REWIND_KAFKA_SASL_SSL_BOOTSTRAP").isEmpty() || env("REWIND_KAFKA_TLS_DIR").isEmpty())
            QFAIL("the secured test broker is not running: run the tests through scripts/test");
        // Debian 12's librdkafka 2.0.2 cannot log in with SCRAM to Kafka 4; ours is 2.8.0.
        QCOMPARE(QLatin1String(rd_kafka_version_str()), QLatin1String("2.8.0"));
        m_topic = QStringLiteral("sandbox.security-") + QUuid::createUuid().toString(QUuid::Id128).left(8);
        auto admin = KafkaClient::connect(plain());
        QVERIFY2(admin.ok(), qPrintable(admin.ok() ? QString() : admin.error().message));
        QVERIFY(admin.value()->createTopic(m_topic, 2).ok());
    }

    void everyMechanismLogsIn_data()
    {
        QTest::addColumn<KafkaProfile>("profile");
        const QString user = QStringLiteral("rewind-test"), pw = QStringLiteral("rewind-test-secret");
        QTest::newRow("SCRAM-SHA-256 over TLS") << saslSsl(QStringLiteral("SCRAM-SHA-256"), user, pw);
        QTest::newRow("SCRAM-SHA-512 over TLS") << saslSsl(QStringLiteral("SCRAM-SHA-512"), user, pw);
        KafkaProfile plaintextScram = saslSsl(QStringLiteral("SCRAM-SHA-512"), user, pw);
        plaintextScram.securityProtocol = QStringLiteral("sasl_plaintext");
        plaintextScram.bootstrap = env("REWIND_KAFKA_SASL_BOOTSTRAP");
        plaintextScram.caFile.clear();
        QTest::newRow("SCRAM-SHA-512 without TLS") << plaintextScram;
        QTest::newRow("PLAIN over TLS") << saslSsl(QStringLiteral("PLAIN"), user, pw);
        QTest::newRow("mutual TLS, key with a passphrase") << mutualTls();
        QTest::newRow("mutual TLS, key without one") << mutualTls("client.pem", "client.key", QString());
        QTest::newRow("OAUTHBEARER (OIDC)") << oidc(QStringLiteral("rewind-oidc-secret"));
    }

    void everyMechanismLogsIn()
    {
        QFETCH(KafkaProfile, profile);
        auto client = KafkaClient::connect(profile, 15000);
        QVERIFY2(client.ok(), qPrintable(client.ok() ? QString() : client.error().message));
        auto cluster = client.value()->cluster(false, true);
        QVERIFY2(cluster.ok(), qPrintable(cluster.ok() ? QString() : cluster.error().message));
        QVERIFY(std::any_of(cluster->topics.begin(), cluster->topics.end(), [&](const KafkaTopicInfo& t) {
            return t.name == m_topic && t.partitions.size() == 2;
        }));

        // The CLI, secrets from the environment.
        const CliCall call = cliFor(profile);
        const Run cli = runCli(QStringList{QStringLiteral("topics")} + call.args, call.env);
        QVERIFY2(cli.exit == 0, cli.err.constData());
        QVERIFY2(cli.out.contains(m_topic.toUtf8()), cli.out.constData());
    }

    void wrongCredentialsSayTheCause_data()
    {
        QTest::addColumn<KafkaProfile>("profile");
        QTest::addColumn<QStringList>("words"); // what the one sentence must name
        QTest::addColumn<QString>("canary");    // a secret of the profile that must appear nowhere

        KafkaProfile host = mutualTls();
        host.bootstrap = env("REWIND_KAFKA_ELSEWHERE_BOOTSTRAP");
        QTest::newRow("wrong host name")
            << host
            << QStringList{QStringLiteral("kafka.elsewhere.example"), QStringLiteral("not for 127.0.0.1")}
            << QStringLiteral("rewind-key-pass");

        KafkaProfile unknownCa = mutualTls();
        unknownCa.caFile = tls("other-ca.pem");
        QTest::newRow("unknown CA") << unknownCa
                                    << QStringList{QStringLiteral("Rewind Test CA"),
                                                   QStringLiteral("other-ca.pem"), QStringLiteral("not in")}
                                    << QStringLiteral("rewind-key-pass");

        KafkaProfile expired = mutualTls("expired.pem", "expired.key", QString());
        QTest::newRow("expired client certificate")
            << expired << QStringList{QStringLiteral("expired.pem"), QStringLiteral("expired on 2020-01-02")}
            << QString();

        KafkaProfile passphrase = mutualTls();
        passphrase.keyPassword = QStringLiteral("canary-passphrase-Zq81");
        QTest::newRow("wrong key passphrase")
            << passphrase
            << QStringList{QStringLiteral("passphrase does not open"), QStringLiteral("client-encrypted.key")}
            << QStringLiteral("canary-passphrase-Zq81");

        KafkaProfile noCert = mutualTls();
        noCert.certFile.clear();
        noCert.keyFile.clear();
        noCert.keyPassword.clear();
        QTest::newRow("no client certificate")
            << noCert << QStringList{QStringLiteral("needs a client certificate")} << QString();

        QTest::newRow("wrong password")
            << saslSsl(QStringLiteral("SCRAM-SHA-512"), QStringLiteral("rewind-test"),
                       QStringLiteral("canary-password-Kp27"))
            << QStringList{QStringLiteral("authentication failed"), QStringLiteral("SCRAM-SHA-512")}
            << QStringLiteral("canary-password-Kp27");

        QTest::newRow("OIDC issuer refuses")
            << oidc(QStringLiteral("canary-oidc-secret-Wm53"))
            << QStringList{QStringLiteral("OIDC issuer"), QStringLiteral("refused"),
                           QStringLiteral("rewind-oidc"), QStringLiteral("invalid_client")}
            << QStringLiteral("canary-oidc-secret-Wm53");
    }

    void wrongCredentialsSayTheCause()
    {
        QFETCH(KafkaProfile, profile);
        QFETCH(QStringList, words);
        QFETCH(QString, canary);
        auto client = KafkaClient::connect(profile, 10000);
        QVERIFY(!client.ok());
        const Error& e = client.error();
        QCOMPARE(e.code, ErrorCode::AuthenticationFailed);
        for (const QString& w : words)
            QVERIFY2(e.message.contains(w), qPrintable(QStringLiteral("'%1' not in: %2").arg(w, e.message)));
        QVERIFY2(!e.message.contains(QLatin1String("\n")), qPrintable(e.message)); // one sentence, one line
        if (!canary.isEmpty()) QVERIFY(!e.message.contains(canary));

        const CliCall call = cliFor(profile);
        const Run cli = runCli(QStringList{QStringLiteral("topics")} + call.args, call.env);
        QCOMPARE(cli.exit, 8);
        QVERIFY2(cli.err.contains(words.first().toUtf8()), cli.err.constData());
        if (!canary.isEmpty()) {
            QVERIFY(!cli.err.contains(canary.toUtf8()));
            QVERIFY(!cli.out.contains(canary.toUtf8()));
        }
    }

    // support-reader may read orders* and payments* and use its own group, see ledger* without
    // reading it, and nothing else (scripts/kafka's ACLs). What it may do works; what it may not
    // is named, exit 8, and never fails the rest.
    void restrictedUserSeesWhatItMayAndIsToldTheRest()
    {
        const QString id = QUuid::createUuid().toString(QUuid::Id128).left(8);
        const QString orders = QStringLiteral("orders.acl-") + id,
                      ledger = QStringLiteral("ledger.acl-") + id,
                      hidden = QStringLiteral("hidden.acl-") + id;
        {
            auto admin = KafkaClient::connect(plain());
            QVERIFY(admin.ok());
            for (const QString& t : {orders, ledger, hidden}) {
                QVERIFY(admin.value()->createTopic(t, 2, -1, QStringLiteral("sandbox."), true).ok());
                std::vector<ProducerRecord> batch;
                for (int i = 0; i < 4; ++i)
                    batch.push_back(rec(t, i % 2, 1795058220000 + i, QByteArray("o-") + QByteArray::number(i),
                                        QByteArray("{\"n\":") + QByteArray::number(i) + "}"));
                QVERIFY(admin.value()->produce(batch).ok());
            }
        }
        const KafkaProfile reader =
            saslPlain(QStringLiteral("support-reader"), QStringLiteral("support-reader-secret"));
        const CliCall call = cliFor(reader);

        // Topics: what it may read and what it may only see; the rest is not there for it.
        const Run topics = runCli(QStringList{QStringLiteral("topics")} + call.args, call.env);
        QVERIFY2(topics.exit == 0, topics.err.constData());
        QVERIFY(topics.out.contains(orders.toUtf8()));
        QVERIFY(topics.out.contains(ledger.toUtf8()));
        QVERIFY(!topics.out.contains(hidden.toUtf8()));
        QVERIFY(!topics.out.contains("sandbox."));

        // Reading what it may: the browse's own group, which it may not use, is not in the way.
        const Run read = runCli(
            QStringList{QStringLiteral("consume"), QStringLiteral("-t"), orders, QStringLiteral("-e")} +
                call.args,
            call.env);
        QVERIFY2(read.exit == 0, read.err.constData());
        QCOMPARE(read.out.count('\n'), 4);

        // Reading what it may only see, and what it may not see: one sentence each, exit 8.
        for (const QString& t : {ledger, hidden}) {
            const Run denied =
                runCli(QStringList{QStringLiteral("consume"), QStringLiteral("-t"), t, QStringLiteral("-e")} +
                           call.args,
                       call.env);
            QCOMPARE(denied.exit, 8);
            QVERIFY2(denied.err.contains("not authorised: the cluster's ACLs do not let support-reader"),
                     denied.err.constData());
            QVERIFY(denied.err.contains(t.toUtf8()));
            QVERIFY(!denied.err.contains("support-reader-secret"));
        }

        // Groups: its own is described; another one says so, by name.
        const Run other = runCli(
            QStringList{QStringLiteral("groups"), QStringLiteral("-g"), QStringLiteral("billing-") + id} +
                call.args,
            call.env);
        QCOMPARE(other.exit, 8);
        QVERIFY2(other.err.contains("do this with that group"), other.err.constData());
        const Run groups = runCli(QStringList{QStringLiteral("groups")} + call.args, call.env);
        QVERIFY2(groups.exit == 0, groups.err.constData());

        // A write it may not do is refused before anything is written, with the ACL's reason.
        QTemporaryDir dir;
        QFile input(dir.filePath(QStringLiteral("in.txt")));
        QVERIFY(input.open(QIODevice::WriteOnly));
        input.write("one\ntwo\n");
        input.close();
        const Run write = runCli(QStringList{QStringLiteral("produce"), QStringLiteral("-t"), orders,
                                             QStringLiteral("--unlock"), orders, input.fileName()} +
                                     call.args,
                                 call.env);
        QCOMPARE(write.exit, 8);
        QVERIFY2(write.err.contains("the cluster's ACLs let support-reader ") &&
                     write.err.contains(" read") && write.err.contains("describe") &&
                     write.err.contains("this topic, not write to it"),
                 write.err.constData());
        auto admin = KafkaClient::connect(plain());
        QVERIFY(admin.ok());
        auto t = admin.value()->topic(orders, true);
        QVERIFY(t.ok());
        qint64 records = 0;
        for (const auto& p : t->partitions)
            records += p.high - p.low;
        QCOMPARE(records, qint64(4)); // nothing was written
        // Topic and group administration (#28): each refused with the ACL's reason, exit 8.
        const QStringList writes[] = {
            {QStringLiteral("topic"), orders, QStringLiteral("--unlock"), orders, QStringLiteral("--set"),
             QStringLiteral("retention.ms=1000"), QStringLiteral("--execute")},
            {QStringLiteral("topic"), QStringLiteral("sandbox.reader-") + id, QStringLiteral("--create"),
             QStringLiteral("--execute")},
            {QStringLiteral("topic"), orders, QStringLiteral("--unlock"), orders,
             QStringLiteral("--add-partitions"), QStringLiteral("5"), QStringLiteral("--execute")},
            {QStringLiteral("group"), QStringLiteral("-g"), QStringLiteral("billing-") + id,
             QStringLiteral("--delete"), QStringLiteral("--execute")}};
        for (const QStringList& w : writes) {
            const Run refused = runCli(w + call.args, call.env);
            QVERIFY2(refused.exit == 8 && refused.err.contains("not authorised"),
                     qPrintable(w.join(QLatin1Char(' ')) + QStringLiteral(": ") +
                                QString::number(refused.exit) + QStringLiteral(" ") +
                                QString::fromUtf8(refused.err)));
            QVERIFY(!refused.err.contains("support-reader-secret"));
        }
        auto after = admin.value()->topic(orders, false);
        QVERIFY(after.ok());
        QCOMPARE(after->partitions.size(), t->partitions.size());
        auto retention = admin.value()->topicConfigs({orders}, {QStringLiteral("retention.ms")});
        QVERIFY(retention.ok() && !retention->empty() && !retention->front().values.empty());
        QVERIFY(retention->front().values.front().value != QStringLiteral("1000"));
        QVERIFY(!admin.value()->topic(QStringLiteral("sandbox.reader-") + id, false).ok());
        for (const QString& name : {orders, ledger, hidden})
            (void)admin.value()->deleteTopic(name, QStringLiteral("sandbox."), true);
    }

    // The secrets a profile calls for, and that none of them is ever written with it.
    void secretsStayOutOfTheProfile()
    {
        KafkaProfile p = oidc(QStringLiteral("canary-json-secret-1"));
        p.certFile = tls("client.pem");
        p.keyFile = tls("client-encrypted.key");
        p.keyPassword = QStringLiteral("canary-json-pass-2");
        p.saslPassword = QStringLiteral("canary-json-password-3");
        const QByteArray json = p.toJson();
        QVERIFY(!json.contains("canary"));
        auto back = KafkaProfile::fromJson(json);
        QVERIFY2(back.ok(), qPrintable(back.ok() ? QString() : back.error().message));
        QCOMPARE(back->oauthTokenUrl, p.oauthTokenUrl);
        QCOMPARE(back->oauthClientId, QStringLiteral("rewind-oidc"));
        QVERIFY(back->oauthClientSecret.isEmpty());
        const std::vector<ProfileSecret> needed = back->neededSecrets();
        QCOMPARE(needed, (std::vector<ProfileSecret>{ProfileSecret::OAuthClientSecret,
                                                     ProfileSecret::KeyPassphrase}));
        KafkaProfile unencrypted = mutualTls("client.pem", "client.key", QString());
        QVERIFY(unencrypted.neededSecrets().empty());
    }
};

QTEST_GUILESS_MAIN(TestKafkaSecurity)
#include "tst_kafka_security.moc"
