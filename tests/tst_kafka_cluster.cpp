// What a cluster is made of, on the test broker (scripts/kafka): `rewind-cli cluster -b` names
// the brokers (controller, reachable), a partition whose ISR is below its topic's
// min.insync.replicas, the topic's settings marked where the topic overrides the cluster, a
// classic group with its live member and assignment, and a KIP-848 group made by Kafka's own
// Java consumer (group.protocol=consumer), listed as such.

#include "kafka_client.h"
#include "kafka_fixture.h"

#include <QtTest>

#include <librdkafka/rdkafka.h>

using namespace rw;
using namespace rw::test::kafka;

class TstKafkaCluster : public QObject {
    Q_OBJECT

private slots:
    void initTestCase()
    {
        if (env("REWIND_KAFKA_BOOTSTRAP").isEmpty())
            QFAIL("needs the test broker: run the tests through scripts/test");
    }

    void clusterCommandShowsBrokersReplicationSettingsAndGroups()
    {
        const QString id = QUuid::createUuid().toString(QUuid::Id128).left(8);
        const QString topic = QStringLiteral("sandbox.cluster-") + id;
        const QString classic = QStringLiteral("sandbox-classic-") + id,
                      kip848 = QStringLiteral("sandbox-848-") + id;
        auto admin = KafkaClient::connect(plain());
        QVERIFY(admin.ok());
        // One replica on one broker: an ISR of 1 below min.insync.replicas 2.
        QVERIFY(admin.value()
                    ->createTopic(topic, 2, -1, QStringLiteral("sandbox."), false,
                                  {{QStringLiteral("min.insync.replicas"), QStringLiteral("2")},
                                   {QStringLiteral("retention.ms"), QStringLiteral("3600000")}})
                    .ok());
        std::vector<ProducerRecord> batch;
        for (int i = 0; i < 6; ++i)
            batch.push_back(rec(topic, i % 2, 1795058220000 + i, QByteArray("k"), QByteArray("v")));
        QVERIFY(admin.value()->produce(batch).ok());

        // A classic group with one live member, kept in the group while the CLI looks.
        char err[512];
        rd_kafka_conf_t* conf = rd_kafka_conf_new();
        for (const auto& [k, v] : std::vector<std::pair<const char*, QByteArray>>{
                 {"bootstrap.servers", env("REWIND_KAFKA_BOOTSTRAP").toUtf8()},
                 {"group.id", classic.toUtf8()},
                 {"client.id", "rewind-test-member"},
                 {"auto.offset.reset", "earliest"}})
            QCOMPARE(rd_kafka_conf_set(conf, k, v.constData(), err, sizeof err), RD_KAFKA_CONF_OK);
        rd_kafka_t* member = rd_kafka_new(RD_KAFKA_CONSUMER, conf, err, sizeof err);
        QVERIFY(member);
        rd_kafka_poll_set_consumer(member);
        rd_kafka_topic_partition_list_t* sub = rd_kafka_topic_partition_list_new(1);
        rd_kafka_topic_partition_list_add(sub, topic.toUtf8().constData(), RD_KAFKA_PARTITION_UA);
        QCOMPARE(rd_kafka_subscribe(member, sub), RD_KAFKA_RESP_ERR_NO_ERROR);
        rd_kafka_topic_partition_list_destroy(sub);
        auto assigned = [&] {
            rd_kafka_topic_partition_list_t* a = nullptr;
            rd_kafka_assignment(member, &a);
            const int n = a ? a->cnt : 0;
            if (a) rd_kafka_topic_partition_list_destroy(a);
            return n;
        };
        QElapsedTimer waited;
        waited.start();
        while (assigned() < 2 && waited.elapsed() < 30000)
            if (rd_kafka_message_t* m = rd_kafka_consumer_poll(member, 100)) rd_kafka_message_destroy(m);
        QCOMPARE(assigned(), 2);

        // A KIP-848 group: Kafka's own console consumer with group.protocol=consumer.
        QProcess java;
        java.start(QStringLiteral("java"),
                   {QStringLiteral("-cp"), env("REWIND_KAFKA_JARS") + QStringLiteral("/*"),
                    QStringLiteral("-Dlog4j2.configurationFile=%1/scripts/kafka-broker/log4j2.properties")
                        .arg(QStringLiteral(REWIND_SOURCE_DIR)),
                    QStringLiteral("-XX:TieredStopAtLevel=1"),
                    QStringLiteral("org.apache.kafka.tools.consumer.ConsoleConsumer"),
                    QStringLiteral("--bootstrap-server"), env("REWIND_KAFKA_BOOTSTRAP"),
                    QStringLiteral("--topic"), topic, QStringLiteral("--group"), kip848,
                    QStringLiteral("--from-beginning"), QStringLiteral("--consumer-property"),
                    QStringLiteral("group.protocol=consumer"), QStringLiteral("--timeout-ms"),
                    QStringLiteral("60000")});
        QVERIFY(java.waitForStarted());
        bool listed = false;
        waited.restart();
        while (!listed && waited.elapsed() < 60000) {
            if (rd_kafka_message_t* m = rd_kafka_consumer_poll(member, 200)) rd_kafka_message_destroy(m);
            auto groups = admin.value()->groups();
            listed = groups && std::any_of(groups->begin(), groups->end(), [&](const KafkaGroupListing& g) {
                         return g.name == kip848 && g.type == QLatin1String("consumer");
                     });
        }
        QVERIFY2(listed, java.readAllStandardError().constData());

        QProcess cli;
        cli.start(QStringLiteral(REWIND_CLI),
                  {QStringLiteral("cluster"), QStringLiteral("-b"), env("REWIND_KAFKA_BOOTSTRAP")});
        while (!cli.waitForFinished(100)) // the member keeps polling, so it stays in its group
            if (rd_kafka_message_t* m = rd_kafka_consumer_poll(member, 50)) rd_kafka_message_destroy(m);
        const QString out = QString::fromUtf8(cli.readAllStandardOutput());
        QVERIFY2(cli.exitCode() == 0, cli.readAllStandardError().constData());
        // The client says what a KIP-848 group is (librdkafka 2.8 would describe it "Dead" with
        // no members): the listing's state and type, and why its members are not given; and a
        // reset while its consumer runs is refused before anything is written.
        auto described = admin.value()->describeGroup(kip848);
        QVERIFY2(described.ok(), described.ok() ? "" : qPrintable(described.error().message));
        QCOMPARE(described->type, QStringLiteral("consumer"));
        QVERIFY2(described->state.compare(QLatin1String("Dead"), Qt::CaseInsensitive) != 0,
                 qPrintable(described->state));
        QVERIFY(described->membersNote.contains(QStringLiteral("KIP-848")));
        auto classicDescribed = admin.value()->describeGroup(classic);
        QVERIFY(classicDescribed.ok());
        QCOMPARE(classicDescribed->type, QStringLiteral("classic"));
        QVERIFY(classicDescribed->membersNote.isEmpty());
        ResetSpec toStart;
        toStart.kind = ResetKind::Earliest;
        toStart.topic = topic;
        auto plan = admin.value()->planReset(kip848, toStart);
        QVERIFY2(plan.ok(), plan.ok() ? "" : qPrintable(plan.error().message));
        auto refused = admin.value()->applyReset(kip848, plan.value());
        QVERIFY(!refused.ok());
        QCOMPARE(refused.error().code, ErrorCode::Refused);
        QVERIFY2(refused.error().message.contains(described->state), qPrintable(refused.error().message));
        java.kill();
        java.waitForFinished();
        rd_kafka_consumer_close(member);
        rd_kafka_destroy(member);

        const QStringList lines = out.split(QLatin1Char('\n'));
        auto line = [&](const QString& a, const QString& b) {
            for (const QString& l : lines)
                if (l.contains(a) && l.contains(b)) return l;
            return QString();
        };
        QVERIFY2(!line(QStringLiteral("controller"), QStringLiteral("yes")).isEmpty(), qPrintable(out));
        QVERIFY2(!line(topic, QStringLiteral("below min.insync.replicas 2")).isEmpty(), qPrintable(out));
        QVERIFY2(out.contains(QRegularExpression(QRegularExpression::escape(topic) +
                                                 QStringLiteral(" +3600000 \\* .* 2 \\* "))),
                 qPrintable(out));
        QVERIFY2(!line(classic + QStringLiteral(": classic, Stable"), QStringLiteral("1 member")).isEmpty(),
                 qPrintable(out));
        const QString memberLine =
            line(QStringLiteral("rewind-test-member on"), topic + QStringLiteral("-0"));
        QVERIFY2(memberLine.contains(topic + QStringLiteral("-1")), qPrintable(out));
        QVERIFY2(!line(kip848 + QStringLiteral(": consumer"), QStringLiteral("KIP-848 groups need 2.10"))
                      .isEmpty(),
                 qPrintable(out));
        (void)admin.value()->deleteTopic(topic, QStringLiteral("sandbox."), false);
    }
};

QTEST_GUILESS_MAIN(TstKafkaCluster)
#include "tst_kafka_cluster.moc"
