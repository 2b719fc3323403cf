// The Kafka connector against a real Apache Kafka broker started by scripts/kafka (scripts/test
// starts it and exports REWIND_KAFKA_BOOTSTRAP). Cross-checked with kcat and Kafka's own tools.

#include "capture.h"
#include "kafka_browser.h"
#include "kafka_fixture.h"
#include "kafka_tx_producer.h"
#include "murmur2.h"
#include "record_source.h"
#include "search.h"
#include "source_registry.h"
#include "test_util.h"
#include "time_parse.h"
#include "workspace_store.h"

#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QProcessEnvironment>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>
#include <QUuid>

#include <librdkafka/rdkafka.h>

#include <csignal>
#include <set>
#include <thread>

using namespace rw;
using namespace rw::test::kafka;

class TstKafka : public QObject {
    Q_OBJECT
    std::unique_ptr<KafkaClient> m_client;
    QString m_topic; // 3 partitions, 10 records each, known timestamps
    const TimestampMs m_base = 1795058220000;

private slots:
    void initTestCase()
    {
        if (env("REWIND_KAFKA_BOOTSTRAP").isEmpty())
            QSKIP("needs the test broker: run scripts/test (it starts scripts/kafka and sets "
                  "REWIND_KAFKA_BOOTSTRAP)");
        auto c = KafkaClient::connect(plain());
        QVERIFY2(c.ok(), qPrintable(c.ok() ? QString() : c.error().message));
        m_client = std::move(c.value());
        m_topic = uniqueTopic("browse");
        QVERIFY(m_client->createTopic(m_topic, 3).ok());
        std::vector<ProducerRecord> batch;
        for (int i = 0; i < 10; ++i)
            for (PartitionId p = 0; p < 3; ++p)
                batch.push_back(rec(m_topic, p, m_base + i * 1000 + p * 100,
                                    QByteArray("k") + QByteArray::number(i),
                                    QByteArray("v-%1-%2")
                                        .replace("%1", QByteArray::number(p))
                                        .replace("%2", QByteArray::number(i))));
        auto r = m_client->produce(batch);
        QVERIFY2(r.ok(), qPrintable(r.ok() ? QString() : r.error().message));
        QCOMPARE(r->delivered, qint64(30));
    }

    void metadataAndWatermarks()
    {
        auto c = m_client->cluster();
        QVERIFY(c.ok());
        QCOMPARE(c->brokers.size(), size_t(1));
        QCOMPARE(c->brokers[0].host, QStringLiteral("127.0.0.1"));
        auto t = m_client->topic(m_topic);
        QVERIFY(t.ok());
        QCOMPARE(t->partitions.size(), size_t(3));
        for (const auto& p : t->partitions) {
            QCOMPARE(p.leader, 1);
            QCOMPARE(p.replicas, std::vector<int>{1});
            QCOMPARE(p.isr, std::vector<int>{1});
            QCOMPARE(p.low, Offset(0));
            QCOMPARE(p.high, Offset(10));
        }
        for (const auto& topic : c->topics)
            QVERIFY(!topic.name.startsWith(QLatin1String("__")));
        // kcat sees the same partitions.
        const Run k = run(QStringLiteral("kcat"), {QStringLiteral("-b"), plain().bootstrap,
                                                   QStringLiteral("-L"), QStringLiteral("-t"), m_topic});
        QCOMPARE(k.out.count("partition "), qsizetype(3));
        QCOMPARE(m_client->topic(QStringLiteral("sandbox.no-such-topic")).error().code, ErrorCode::NotFound);
    }

    void browseMergedBoundedAndSeeking()
    {
        BrowseRequest all;
        all.topic = m_topic;
        auto recs = browseAll(all);
        QCOMPARE(recs.size(), size_t(30));
        for (size_t i = 1; i < recs.size(); ++i)
            QVERIFY(recs[i].timestamp >= recs[i - 1].timestamp); // merged in time order
        QCOMPARE(recs.front().partition, 0);
        QCOMPARE(*recs.front().value, QByteArray("v-0-0"));

        BrowseRequest at = all;
        at.partitions = {1};
        at.start = {BrowseStart::AtOffset, 5};
        recs = browseAll(at);
        QCOMPARE(recs.size(), size_t(5));
        QCOMPARE(recs.front().offset, Offset(5));

        BrowseRequest last = all;
        last.start = {BrowseStart::FromEnd, 3};
        recs = browseAll(last);
        QCOMPARE(recs.size(), size_t(9));
        for (const Record& r : recs)
            QVERIFY(r.offset >= 7);

        BrowseRequest byTime = all;
        byTime.start = {BrowseStart::AtTime, m_base + 4 * 1000 + 150}; // p0,p1: from i=5; p2 (+200): i=4
        byTime.endTime = m_base + 8 * 1000;                            // stop before i=8
        recs = browseAll(byTime);
        std::map<PartitionId, std::vector<Offset>> seen;
        for (const Record& r : recs)
            seen[r.partition].push_back(r.offset);
        QCOMPARE(seen[0], (std::vector<Offset>{5, 6, 7}));
        QCOMPARE(seen[1], (std::vector<Offset>{5, 6, 7}));
        QCOMPARE(seen[2], (std::vector<Offset>{4, 5, 6, 7}));

        BrowseRequest counted = all;
        counted.maxRecords = 4;
        QCOMPARE(browseAll(counted).size(), size_t(4));
        BrowseRequest bounded = all;
        bounded.endOffset = 2;
        QCOMPARE(browseAll(bounded).size(), size_t(6));

        BrowseRequest badPartition = all;
        badPartition.partitions = {7};
        KafkaBrowser b(plain());
        auto r = b.run(badPartition, [](Record&&) { return true; });
        QCOMPARE(r.error().code, ErrorCode::NotFound);
    }

    void payloadShapesSurviveAndCaptureEqualsSource()
    {
        const QString topic = uniqueTopic("shapes");
        QVERIFY(m_client->createTopic(topic, 2).ok());
        const Headers h = {{"a", QByteArray("1")},
                           {"a", QByteArray("2")},
                           {"nullv", std::nullopt},
                           {"bin", QByteArray("\x00\xff", 2)}};
        std::vector<ProducerRecord> batch = {
            rec(topic, 0, m_base, std::nullopt, QByteArray("null key")),
            rec(topic, 0, m_base + 1, QByteArray("tomb"), std::nullopt),     // tombstone
            rec(topic, 0, m_base + 2, QByteArray("", 0), QByteArray("", 0)), // empty, not null
            rec(topic, 1, m_base + 3, QByteArray("\x00\x01", 2), QByteArray("\xff\xfe\x00 binary", 10), h),
            rec(topic, 1, m_base + 4, QByteArray("big"), QByteArray(300000, 'x')),
        };
        QVERIFY(m_client->produce(batch).ok());
        BrowseRequest req;
        req.topic = topic;
        req.mergeByTime = false;
        auto recs = browseAll(req);
        QCOMPARE(recs.size(), size_t(5));
        std::map<std::pair<int, qint64>, Record> byPos;
        for (const Record& r : recs)
            byPos[{r.partition, r.offset}] = r;
        auto at = [&](int part, qint64 off) -> const Record& { return byPos[{part, off}]; };
        QVERIFY(!at(0, 0).key);
        QVERIFY(!at(0, 1).value);
        QVERIFY(at(0, 2).key && at(0, 2).key->isEmpty());
        QVERIFY(at(0, 2).value && at(0, 2).value->isEmpty());
        QCOMPARE(*at(1, 0).value, QByteArray("\xff\xfe\x00 binary", 10));
        QCOMPARE(at(1, 0).headers, h);
        QCOMPARE(at(1, 1).value->size(), qsizetype(300000));

        QTemporaryDir dir;
        auto store = WorkspaceStore::create(dir.filePath(QStringLiteral("cap.rewind")));
        QVERIFY(store.ok());
        auto source = openRecordSource(SourceSpec::cluster(plain()));
        RW_VERIFY_OK(source);
        StreamRequest whole;
        whole.topic = topic;
        auto cap = captureToWorkspace(*source.value(), whole, *store.value());
        QVERIFY2(cap.ok(), qPrintable(cap.ok() ? QString() : cap.error().message));
        QCOMPARE(cap->stream.records, qint64(5));
        for (PartitionId p = 0; p < 2; ++p) {
            auto stored = store.value()->read(topic, p, 0, 100);
            QVERIFY(stored.ok());
            for (const Record& s : stored.value())
                QCOMPARE(s, at(p, s.offset)); // every field as in Kafka
        }
    }

    void liveTailSeesNewRecords()
    {
        const QString topic = uniqueTopic("tail");
        QVERIFY(m_client->createTopic(topic, 2).ok());
        QVERIFY(m_client->produce({rec(topic, 0, 0, QByteArray("old"), QByteArray("before"))}).ok());
        std::atomic_bool cancel{false};
        std::atomic<int> seen{0};
        std::atomic<bool> finished{false};
        Result<BrowseReport> result = makeError(ErrorCode::Internal, QStringLiteral("not run"));
        std::thread worker([&] {
            BrowseRequest req;
            req.topic = topic;
            req.start = {BrowseStart::End, 0};
            req.follow = true;
            KafkaBrowser b(plain());
            result = b.run(
                req,
                [&](Record&& r) {
                    if (r.value && r.value->startsWith("live")) ++seen;
                    return true;
                },
                &cancel);
            finished = true;
        });
        QTest::qWait(1500); // let the tail reach the end before producing
        std::vector<ProducerRecord> live;
        for (int i = 0; i < 5; ++i)
            live.push_back(
                rec(topic, i % 2, 0, QByteArray::number(i), QByteArray("live") + QByteArray::number(i)));
        QVERIFY(m_client->produce(live).ok());
        QTRY_COMPARE_WITH_TIMEOUT(seen.load(), 5, 15000);
        cancel = true;
        QTRY_VERIFY_WITH_TIMEOUT(finished.load(), 10000);
        worker.join();
        QVERIFY(result.ok());
        QVERIFY(result->cancelled);
    }

    void groupLagAgreesWithKcatAndKafkasTool()
    {
        const QString group =
            QStringLiteral("rewind-test-") + QUuid::createUuid().toString(QUuid::Id128).left(8);
        const QString bs = plain().bootstrap;
        const Run k =
            run(QStringLiteral("kcat"), {QStringLiteral("-b"), bs, QStringLiteral("-G"), group,
                                         QStringLiteral("-X"), QStringLiteral("auto.offset.reset=earliest"),
                                         QStringLiteral("-e"), QStringLiteral("-q"), m_topic});
        QCOMPARE(k.out.count('\n'), qsizetype(30)); // kcat read everything and commits at exit
        std::vector<ProducerRecord> more;
        for (int i = 0; i < 7; ++i)
            more.push_back(rec(m_topic, i % 3, m_base + 20000 + i, QByteArray("n"), QByteArray("more")));
        QVERIFY(m_client->produce(more).ok());
        auto lag = m_client->groupLag(group);
        QVERIFY2(lag.ok(), qPrintable(lag.ok() ? QString() : lag.error().message));
        QCOMPARE(lag->size(), size_t(3));
        qint64 total = 0;
        for (const auto& l : lag.value()) {
            QCOMPARE(*l.committed, Offset(10));
            total += *l.lag;
        }
        QCOMPARE(total, qint64(7));
        // Kafka's own tool: same committed offset, end and lag per partition.
        const Run tool =
            kafkaTool(QStringLiteral("org.apache.kafka.tools.consumer.group.ConsumerGroupCommand"),
                      {QStringLiteral("--bootstrap-server"), bs, QStringLiteral("--describe"),
                       QStringLiteral("--group"), group});
        static const QRegularExpression row(QStringLiteral("\\s(\\d+)\\s+(\\d+)\\s+(\\d+)\\s+(\\d+)\\s"));
        int matched = 0;
        for (const QByteArray& line : tool.out.split('\n')) {
            if (!line.contains(m_topic.toUtf8())) continue;
            const auto m = row.match(QString::fromUtf8(line));
            QVERIFY2(m.hasMatch(), line.constData());
            const int p = m.captured(1).toInt();
            const auto& l = lag.value()[static_cast<size_t>(p)];
            QCOMPARE(m.captured(2).toLongLong(), *l.committed);
            QCOMPARE(m.captured(3).toLongLong(), l.end);
            QCOMPARE(m.captured(4).toLongLong(), *l.lag);
            ++matched;
        }
        QCOMPARE(matched, 3);
        // rewind-cli shows the same total.
        const Run cli = run(QStringLiteral(REWIND_CLI), {QStringLiteral("groups"), QStringLiteral("-b"), bs,
                                                         QStringLiteral("-g"), group});
        QCOMPARE(cli.exit, 0);
        QVERIFY2(QString::fromUtf8(cli.out).contains(QRegularExpression(QStringLiteral("\\(total\\)\\s+7"))),
                 cli.out.constData());

        // Offset reset: a dry-run plan changes nothing; execute applies it.
        ResetSpec spec;
        spec.topic = m_topic;
        spec.kind = ResetKind::ShiftBy;
        spec.value = -4;
        auto plan = m_client->planReset(group, spec);
        QVERIFY(plan.ok());
        QCOMPARE(plan->size(), size_t(3));
        QCOMPARE(*plan->at(0).current, Offset(10));
        QCOMPARE(plan->at(0).target, Offset(6));
        QCOMPARE(*m_client->groupLag(group)->at(0).committed, Offset(10));
        QVERIFY(m_client->applyReset(group, plan.value()).ok());
        QCOMPARE(*m_client->groupLag(group)->at(0).committed, Offset(6));

        // With a live member, resets are refused.
        QProcess member;
        member.start(QStringLiteral("kcat"),
                     {QStringLiteral("-b"), bs, QStringLiteral("-G"), group, QStringLiteral("-q"), m_topic});
        QVERIFY(member.waitForStarted());
        QTRY_VERIFY_WITH_TIMEOUT(
            m_client->describeGroup(group).ok() && !m_client->describeGroup(group)->members.empty(), 20000);
        auto refused = m_client->applyReset(group, plan.value());
        QVERIFY(!refused.ok());
        QCOMPARE(refused.error().code, ErrorCode::Refused);
        QVERIFY(refused.error().message.contains(QStringLiteral("member")));
        member.terminate();
        member.waitForFinished(10000);
    }

    // #28 point 4 from the CLI: copy a group's offsets to a new group (plan, then --execute),
    // delete a group's offsets for one topic, delete a group; refused while it has members, into
    // a group that has offsets, and with a read-only profile; each write in the audit log.
    void groupAdministrationFromTheCli()
    {
        const QString bs = plain().bootstrap;
        const QString id = QUuid::createUuid().toString(QUuid::Id128).left(8);
        const QString group = QStringLiteral("rewind-admin-") + id, copy = group + QStringLiteral("-copy");
        QTemporaryDir dir;
        const QString audit = dir.filePath(QStringLiteral("audit.ndjson"));
        qputenv("REWIND_AUDIT_FILE", audit.toUtf8());
        auto unsetAudit = qScopeGuard([] { qunsetenv("REWIND_AUDIT_FILE"); });
        const Run k =
            run(QStringLiteral("kcat"), {QStringLiteral("-b"), bs, QStringLiteral("-G"), group,
                                         QStringLiteral("-X"), QStringLiteral("auto.offset.reset=earliest"),
                                         QStringLiteral("-e"), QStringLiteral("-q"), m_topic});
        QVERIFY(k.out.count('\n') >= 30);
        auto before = m_client->groupLag(group);
        QVERIFY(before.ok() && before->size() == 3);
        const auto cli = [&](const QStringList& a) {
            return run(QStringLiteral(REWIND_CLI), QStringList{QStringLiteral("group"), QStringLiteral("-b"),
                                                               bs, QStringLiteral("-g"), group} +
                                                       a);
        };

        const Run plan = cli({QStringLiteral("--copy-to"), copy});
        QCOMPARE(plan.exit, 0);
        QVERIFY2(plan.out.contains("Dry run") && plan.out.contains(m_topic.toUtf8()), plan.out.constData());
        QVERIFY(!m_client->groupLag(copy).ok() || m_client->groupLag(copy)->empty() ||
                !m_client->groupLag(copy)->front().committed); // nothing copied by the plan
        const Run copied = cli({QStringLiteral("--copy-to"), copy, QStringLiteral("--execute")});
        QVERIFY2(copied.exit == 0, copied.err.constData());
        auto got = m_client->groupLag(copy);
        QVERIFY(got.ok());
        for (const auto& l : before.value()) {
            const auto it = std::find_if(got->begin(), got->end(), [&](const KafkaPartitionLag& c) {
                return c.topic == l.topic && c.partition == l.partition;
            });
            QVERIFY(it != got->end() && it->committed == l.committed);
        }
        // Into a group that has offsets now: refused, nothing changed.
        const Run again = cli({QStringLiteral("--copy-to"), copy, QStringLiteral("--execute")});
        QCOMPARE(again.exit, 9);
        QVERIFY2(again.err.contains("has committed offsets already"), again.err.constData());

        // A group with a live member: every change refused, the broker's state untouched.
        QProcess member;
        member.start(QStringLiteral("kcat"), {QStringLiteral("-b"), bs, QStringLiteral("-G"), copy, m_topic});
        QVERIFY(member.waitForStarted());
        QTRY_VERIFY_WITH_TIMEOUT(
            m_client->describeGroup(copy).ok() && !m_client->describeGroup(copy)->members.empty(), 30000);
        const Run live = run(QStringLiteral(REWIND_CLI),
                             {QStringLiteral("group"), QStringLiteral("-b"), bs, QStringLiteral("-g"), copy,
                              QStringLiteral("--delete"), QStringLiteral("--execute")});
        QCOMPARE(live.exit, 9);
        QVERIFY2(live.err.contains("active member"), live.err.constData());
        member.terminate();
        QVERIFY(member.waitForFinished(10000));
        QTRY_VERIFY_WITH_TIMEOUT(
            m_client->describeGroup(copy).ok() && m_client->describeGroup(copy)->members.empty(), 60000);

        // Offsets for one topic, then the group.
        const Run offsets =
            run(QStringLiteral(REWIND_CLI),
                {QStringLiteral("group"), QStringLiteral("-b"), bs, QStringLiteral("-g"), copy,
                 QStringLiteral("--delete-offsets"), m_topic, QStringLiteral("--execute")});
        QVERIFY2(offsets.exit == 0, offsets.err.constData());
        QVERIFY2(offsets.out.contains("Deleted 3 committed offsets"), offsets.out.constData());
        auto cleared = m_client->groupLag(copy);
        QVERIFY(!cleared.ok() ||
                std::none_of(cleared->begin(), cleared->end(),
                             [](const KafkaPartitionLag& l) { return l.committed.has_value(); }));
        const Run gone = cli({QStringLiteral("--delete"), QStringLiteral("--execute")});
        QVERIFY2(gone.exit == 0, gone.err.constData());
        auto listed = m_client->groups();
        QVERIFY(listed.ok());
        QVERIFY(std::none_of(listed->begin(), listed->end(),
                             [&](const KafkaGroupListing& g) { return g.name == group; }));
        // A read-only profile changes nothing.
        KafkaProfile ro = plain();
        ro.name = QStringLiteral("ro");
        ro.readOnly = true;
        const QString roFile = dir.filePath(QStringLiteral("ro.json"));
        QVERIFY(test::writeFile(roFile, ro.toJson()));
        const Run refused =
            run(QStringLiteral(REWIND_CLI),
                {QStringLiteral("group"), QStringLiteral("--profile"), roFile, QStringLiteral("-g"), copy,
                 QStringLiteral("--delete"), QStringLiteral("--execute")});
        QCOMPARE(refused.exit, 9);
        QVERIFY2(refused.err.contains("read-only"), refused.err.constData());
        // The audit log: the copy, the refusals the broker saw, the deletes.
        const QByteArray log = test::readFile(audit);
        for (const char* action : {"copy group offsets", "delete group offsets", "delete group"})
            QVERIFY2(log.contains(action), log.constData());
    }

    // #28 point 3 from the CLI: create (with settings, or like another topic), change settings
    // with the change shown first, grow, delete with the name typed again; outside the sandbox,
    // with a read-only profile or against the broker's own rules: refused with the reason.
    void topicAdministrationFromTheCli()
    {
        const QString bs = plain().bootstrap;
        const QString id = QUuid::createUuid().toString(QUuid::Id128).left(8);
        const QString topic = QStringLiteral("sandbox.admin-") + id, clone = topic + QStringLiteral("-clone");
        QTemporaryDir dir;
        const QString audit = dir.filePath(QStringLiteral("audit.ndjson"));
        qputenv("REWIND_AUDIT_FILE", audit.toUtf8());
        auto unsetAudit = qScopeGuard([] { qunsetenv("REWIND_AUDIT_FILE"); });
        const auto cli = [&](const QString& name, const QStringList& a) {
            return run(QStringLiteral(REWIND_CLI),
                       QStringList{QStringLiteral("topic"), QStringLiteral("-b"), bs, name} + a);
        };
        const auto setting = [&](const QString& name, const QString& key) -> std::optional<KafkaConfigValue> {
            auto c = m_client->topicConfigs({name}, {key});
            if (!c || c->empty() || c->front().values.empty()) return std::nullopt;
            return c->front().values.front();
        };

        const Run plan =
            cli(topic, {QStringLiteral("--create"), QStringLiteral("--partitions"), QStringLiteral("2"),
                        QStringLiteral("--set"), QStringLiteral("retention.ms=60000")});
        QCOMPARE(plan.exit, 0);
        QVERIFY2(plan.out.contains("Dry run") && plan.out.contains("retention.ms  60000"),
                 plan.out.constData());
        QVERIFY(!m_client->topic(topic, false).ok());
        const Run created = cli(topic, {QStringLiteral("--create"), QStringLiteral("--partitions"),
                                        QStringLiteral("2"), QStringLiteral("--set"),
                                        QStringLiteral("retention.ms=60000"), QStringLiteral("--execute")});
        QVERIFY2(created.exit == 0, created.err.constData());
        QCOMPARE(m_client->topic(topic, false)->partitions.size(), size_t(2));
        QCOMPARE(setting(topic, QStringLiteral("retention.ms"))->value, QStringLiteral("60000"));

        // Settings: the change shown against what the topic has, then made; the broker's reason
        // when it refuses one.
        const Run diff = cli(topic, {QStringLiteral("--set"), QStringLiteral("retention.ms=120000"),
                                     QStringLiteral("--unset"), QStringLiteral("cleanup.policy")});
        QCOMPARE(diff.exit, 0);
        QVERIFY2(QString::fromUtf8(diff.out).contains(
                     QRegularExpression(QStringLiteral("retention.ms\\s+60000\\s+120000"))),
                 diff.out.constData());
        QVERIFY2(diff.out.contains("delete (default)"), diff.out.constData());
        QCOMPARE(setting(topic, QStringLiteral("retention.ms"))->value, QStringLiteral("60000"));
        QCOMPARE(cli(topic, {QStringLiteral("--set"), QStringLiteral("retention.ms=120000"),
                             QStringLiteral("--execute")})
                     .exit,
                 0);
        QCOMPARE(setting(topic, QStringLiteral("retention.ms"))->value, QStringLiteral("120000"));
        const Run invalid = cli(topic, {QStringLiteral("--set"), QStringLiteral("retention.ms=soon"),
                                        QStringLiteral("--execute")});
        QVERIFY(invalid.exit != 0);
        QVERIFY2(invalid.err.contains("Invalid value soon"), invalid.err.constData());

        // A clone: the same partitions and the settings the topic has of its own.
        const Run cloned = cli(clone, {QStringLiteral("--create"), QStringLiteral("--like"), topic,
                                       QStringLiteral("--execute")});
        QVERIFY2(cloned.exit == 0, cloned.err.constData());
        QCOMPARE(m_client->topic(clone, false)->partitions.size(), size_t(2));
        QCOMPARE(setting(clone, QStringLiteral("retention.ms"))->value, QStringLiteral("120000"));

        // Growing says what it does to keys; shrinking is not possible.
        const Run grow = cli(topic, {QStringLiteral("--add-partitions"), QStringLiteral("5")});
        QVERIFY2(grow.out.contains("Keys will map to other partitions") && grow.out.contains("Dry run"),
                 grow.out.constData());
        QCOMPARE(
            cli(topic, {QStringLiteral("--add-partitions"), QStringLiteral("5"), QStringLiteral("--execute")})
                .exit,
            0);
        QCOMPARE(m_client->topic(topic, false)->partitions.size(), size_t(5));
        const Run shrink = cli(
            topic, {QStringLiteral("--add-partitions"), QStringLiteral("3"), QStringLiteral("--execute")});
        QVERIFY(shrink.exit != 0 && shrink.err.contains("never take them away"));

        // Outside the sandbox, or read-only: refused before anything is asked of the broker.
        const Run outside =
            cli(QStringLiteral("orders-") + id,
                {QStringLiteral("--set"), QStringLiteral("retention.ms=1"), QStringLiteral("--execute")});
        QCOMPARE(outside.exit, 9);
        QVERIFY2(outside.err.contains("not a sandbox topic"), outside.err.constData());
        KafkaProfile ro = plain();
        ro.name = QStringLiteral("ro");
        ro.readOnly = true;
        const QString roFile = dir.filePath(QStringLiteral("ro.json"));
        QVERIFY(test::writeFile(roFile, ro.toJson()));
        const Run readOnly =
            run(QStringLiteral(REWIND_CLI), {QStringLiteral("topic"), QStringLiteral("--profile"), roFile,
                                             topic, QStringLiteral("--delete"), QStringLiteral("--confirm"),
                                             topic, QStringLiteral("--execute")});
        QCOMPARE(readOnly.exit, 9);
        QVERIFY(m_client->topic(topic, false).ok());

        // Delete: only with the name typed again.
        const Run unconfirmed = cli(topic, {QStringLiteral("--delete"), QStringLiteral("--execute")});
        QVERIFY(unconfirmed.exit != 0 && unconfirmed.err.contains("--confirm"));
        QVERIFY(m_client->topic(topic, false).ok());
        for (const QString& t : {topic, clone}) {
            const Run deleted = cli(
                t, {QStringLiteral("--delete"), QStringLiteral("--confirm"), t, QStringLiteral("--execute")});
            QVERIFY2(deleted.exit == 0, deleted.err.constData());
        }
        QTRY_VERIFY_WITH_TIMEOUT(!m_client->topic(topic, false).ok(), 10000);
        const QByteArray log = test::readFile(audit);
        for (const char* action : {"create topic", "change topic settings", "add partitions", "delete topic"})
            QVERIFY2(log.contains(action), log.constData());
        QVERIFY2(log.contains("Invalid value soon"), log.constData()); // the refusal is audited too
    }

    void transactionalTopicLagIsZeroWhenRead()
    {
        const QString topic = uniqueTopic("txn");
        QVERIFY(m_client->createTopic(topic, 1).ok());
        // A transactional producer (librdkafka directly): commit 5, abort 3, commit 2.
        char err[512];
        rd_kafka_conf_t* conf = rd_kafka_conf_new();
        rd_kafka_conf_set(conf, "bootstrap.servers", plain().bootstrap.toUtf8().constData(), err, sizeof err);
        rd_kafka_conf_set(conf, "transactional.id", QUuid::createUuid().toByteArray().constData(), err,
                          sizeof err);
        rd_kafka_t* rk = rd_kafka_new(RD_KAFKA_PRODUCER, conf, err, sizeof err);
        QVERIFY(rk);
        QVERIFY(!rd_kafka_init_transactions(rk, 30000));
        const QByteArray t = topic.toUtf8();
        auto txn = [&](int n, bool commit) {
            QVERIFY(!rd_kafka_begin_transaction(rk));
            for (int i = 0; i < n; ++i)
                QCOMPARE(
                    rd_kafka_producev(
                        rk, RD_KAFKA_V_TOPIC(t.constData()), RD_KAFKA_V_PARTITION(0),
                        RD_KAFKA_V_VALUE(const_cast<char*>(commit ? "committed" : "aborted"), commit ? 9 : 7),
                        RD_KAFKA_V_END),
                    RD_KAFKA_RESP_ERR_NO_ERROR);
            rd_kafka_flush(rk, 30000); // abort purges what is still queued: put it in the log first
            rd_kafka_error_t* e =
                commit ? rd_kafka_commit_transaction(rk, 30000) : rd_kafka_abort_transaction(rk, 30000);
            QVERIFY2(!e, e ? rd_kafka_error_string(e) : "");
        };
        txn(5, true);
        txn(3, false);
        txn(2, true);
        rd_kafka_destroy(rk);

        BrowseRequest req;
        req.topic = topic;
        // read_committed hides the aborted three. The commit returns once the coordinator has
        // decided; the markers reach the partition (and the last stable offset moves past the last
        // two records) a moment later, so the read is tried until then.
        QTRY_COMPARE_WITH_TIMEOUT(browseAll(req).size(), size_t(7), 15000);
        req.readCommitted = false;
        QCOMPARE(browseAll(req).size(), size_t(10));

        const QString group =
            QStringLiteral("rewind-txn-") + QUuid::createUuid().toString(QUuid::Id128).left(8);
        const Run k =
            run(QStringLiteral("kcat"), {QStringLiteral("-b"), plain().bootstrap, QStringLiteral("-G"), group,
                                         QStringLiteral("-X"), QStringLiteral("auto.offset.reset=earliest"),
                                         QStringLiteral("-e"), QStringLiteral("-q"), topic});
        QCOMPARE(k.out.count('\n'), qsizetype(7));
        auto lag = m_client->groupLag(group);
        QVERIFY(lag.ok());
        QCOMPARE(*lag->at(0).lag, qint64(0));
        // A consumer that committed right after its last record, before the final commit marker:
        // naive lag would be 1; nothing readable is left, so it is 0.
        auto w = m_client->watermarks(topic, 0, true);
        QCOMPARE(w->second, Offset(13)); // 10 records + 3 markers
        QVERIFY(m_client->applyReset(group, {{topic, 0, std::nullopt, w->second - 1}}).ok());
        lag = m_client->groupLag(group);
        QCOMPARE(*lag->at(0).committed, Offset(12));
        QCOMPARE(*lag->at(0).lag, qint64(0));
    }

    void saslLoginRightAndWrong()
    {
        KafkaProfile p = saslPlain(QStringLiteral("rewind-test"), QStringLiteral("rewind-test-secret"));
        auto ok = KafkaClient::connect(p);
        QVERIFY2(ok.ok(), qPrintable(ok.ok() ? QString() : ok.error().message));
        QVERIFY(ok.value()->topic(m_topic).ok());

        p.saslPassword = QStringLiteral("wrong-password-123");
        auto bad = KafkaClient::connect(p, 8000);
        QVERIFY(!bad.ok());
        QCOMPARE(bad.error().code, ErrorCode::AuthenticationFailed);
        QVERIFY(!bad.error().message.contains(QStringLiteral("wrong-password-123"))); // never echo secrets

        // SCRAM against Kafka 4.x: librdkafka before 2.6.1 (Debian 12's 2.0.2) sent the client
        // nonce twice and was refused with the right password (librdkafka#4895). Ours is 2.8.0.
        p.saslPassword = QStringLiteral("rewind-test-secret");
        for (const char* mechanism : {"SCRAM-SHA-256", "SCRAM-SHA-512"}) {
            p.saslMechanism = QLatin1String(mechanism);
            auto scram = KafkaClient::connect(p, 8000);
            QVERIFY2(scram.ok(), qPrintable(scram.ok() ? QString() : scram.error().message));
        }
    }

    // One topic's metadata, for a topic that is not there: NotFound, and the client goes at once
    // (librdkafka 2.0 could not destroy a handle that had asked for a missing topic, librdkafka#3007,
    // so Rewind used to list every topic instead).
    void missingTopicIsAnsweredAndTheClientGoes()
    {
        const QString missing = uniqueTopic("missing");
        QElapsedTimer timer;
        timer.start();
        {
            auto c = KafkaClient::connect(plain());
            QVERIFY(c.ok());
            auto t = c.value()->topic(missing, false);
            QVERIFY(!t.ok());
            QCOMPARE(t.error().code, ErrorCode::NotFound);
            QVERIFY(c.value()->topic(m_topic, false).ok());
        }
        QVERIFY2(timer.elapsed() < 30000, qPrintable(QString::number(timer.elapsed())));
        auto again = KafkaClient::connect(plain());
        QVERIFY(again.ok());
        auto cluster = again.value()->cluster(false, false);
        QVERIFY(cluster.ok());
        QVERIFY(std::none_of(cluster->topics.begin(), cluster->topics.end(),
                             [&](const KafkaTopicInfo& t) { return t.name == missing; }));
    }

    // A reader slower than the broker (capture writes to SQLite) is fed steadily: librdkafka
    // stops fetching a partition whose queue holds 100k records and, by default, waits a whole
    // second (fetch.queue.backoff.ms) before fetching again, so the reader drained the queue and
    // sat idle for most of that second, again and again.
    void slowReaderIsFedWithoutPauses()
    {
        const QString topic = uniqueTopic("slow-reader");
        QVERIFY(m_client->createTopic(topic, 1).ok());
        const int n = 400000;
        std::vector<ProducerRecord> batch;
        batch.reserve(n);
        for (int i = 0; i < n; ++i)
            batch.push_back(
                rec(topic, 0, m_base + i, std::nullopt, QByteArray("r-") + QByteArray::number(i)));
        auto produced = m_client->produce(batch, 120000);
        QVERIFY2(produced.ok() && produced->delivered == n, "producing the records failed");
        BrowseRequest req;
        req.topic = topic;
        req.mergeByTime = false;
        KafkaBrowser browser(plain());
        QElapsedTimer clock;
        clock.start();
        qint64 seen = 0, lastNs = -1, widestGapNs = 0;
        auto r = browser.runViews(req, [&](const KafkaRecordView&) {
            const qint64 at = clock.nsecsElapsed();
            if (lastNs >= 0) widestGapNs = std::max(widestGapNs, at - lastNs);
            while (clock.nsecsElapsed() - at < 2000) {
            } // about 500k records/s: slower than the broker hands them out
            lastNs = clock.nsecsElapsed();
            ++seen;
            return true;
        });
        QVERIFY2(r.ok(), qPrintable(r.ok() ? QString() : r.error().message));
        QCOMPARE(seen, qint64(n));
        qInfo("widest wait for a record: %lld ms", widestGapNs / 1000000);
        QVERIFY2(
            widestGapNs < 250'000'000,
            qPrintable(QStringLiteral("the reader waited %1 ms for a record").arg(widestGapNs / 1000000)));
    }

    // Kafka 4 hands clients a metrics subscription (KIP-714); librdkafka then spent up to a
    // second in every handle's destroy pushing its last metrics, and a capture makes several.
    // A lag of only a transaction's commit marker is 0 (a consumer that read everything sits
    // before it); a small lag with records to read stays what it is; and the lag of many groups
    // asked together (groupsLag, what the overview uses) is exactly each group's own groupLag.
    void smallLagOfOnlyMarkersIsZeroAndManyGroupsAnswerAsOne()
    {
        const QString topic = uniqueTopic("markers");
        QVERIFY(m_client->createTopic(topic, 3).ok());
        KafkaProfile profile = plain();
        profile.readOnly = false;
        auto tx = KafkaTxProducer::create(profile, QStringLiteral("sandbox-markers-") + topic);
        QVERIFY2(tx.ok(), qPrintable(tx.ok() ? QString() : tx.error().message));
        // Partitions 0 and 2: five records and the commit marker (offsets 0–4, marker at 5).
        QVERIFY(tx.value()->begin().ok());
        for (PartitionId p : {0, 2})
            for (int i = 0; i < 5; ++i)
                QVERIFY(tx.value()
                            ->send(topic, p, m_base + i, QByteArrayView("k"), QByteArrayView("v"), {})
                            .ok());
        QVERIFY(tx.value()->commit().ok());
        // Partition 1: five plain records.
        std::vector<ProducerRecord> plainRecords;
        for (int i = 0; i < 5; ++i)
            plainRecords.push_back(rec(topic, 1, m_base + i, QByteArray("k"), QByteArray("v")));
        QVERIFY(m_client->produce(plainRecords).ok());
        // The coordinator writes the commit markers after the commit returns: wait for them.
        auto t = m_client->topic(topic);
        QTRY_VERIFY_WITH_TIMEOUT((t = m_client->topic(topic)).ok() && t->partitions[0].high == 6 &&
                                     t->partitions[2].high == 6,
                                 15000);
        QCOMPARE(t->partitions[1].high, Offset(5));

        const QString a = topic + QStringLiteral("-a"), b = topic + QStringLiteral("-b"),
                      none = topic + QStringLiteral("-none");
        // a: read all of p0 (only the marker left), 3 records behind on p1 and on p2.
        QVERIFY(m_client
                    ->applyReset(a, {{topic, 0, std::nullopt, 5},
                                     {topic, 1, std::nullopt, 2},
                                     {topic, 2, std::nullopt, 3}})
                    .ok());
        // b: at the marker of p0, past it on p2; never committed on p1.
        QVERIFY(m_client->applyReset(b, {{topic, 0, std::nullopt, 5}, {topic, 2, std::nullopt, 6}}).ok());

        auto lagOf = [](const std::vector<KafkaPartitionLag>& lags, PartitionId p) -> std::optional<qint64> {
            for (const KafkaPartitionLag& l : lags)
                if (l.partition == p) return l.lag;
            return std::nullopt;
        };
        auto ga = m_client->groupLag(a);
        QVERIFY(ga.ok());
        QCOMPARE(ga->size(), size_t(3));
        QCOMPARE(lagOf(ga.value(), 0), std::optional<qint64>(0)); // 6 - 5 = 1: the marker only
        QCOMPARE(lagOf(ga.value(), 1), std::optional<qint64>(3));
        QCOMPARE(lagOf(ga.value(), 2), std::optional<qint64>(3)); // records 3, 4 and the marker
        auto gb = m_client->groupLag(b);
        QVERIFY(gb.ok());
        QCOMPARE(gb->size(), size_t(3)); // p1 listed without a commit
        QCOMPARE(lagOf(gb.value(), 0), std::optional<qint64>(0));
        QCOMPARE(lagOf(gb.value(), 1), std::optional<qint64>());
        QCOMPARE(lagOf(gb.value(), 2), std::optional<qint64>(0));

        auto all = m_client->groupsLag({a, b, none});
        QVERIFY2(all.ok(), qPrintable(all.ok() ? QString() : all.error().message));
        QCOMPARE(all->lags.size(), size_t(3));
        QVERIFY(all->refused.empty());
        QVERIFY(all->lags.at(none).empty());
        for (const auto& [group, one] : {std::pair{a, ga.value()}, std::pair{b, gb.value()}}) {
            const std::vector<KafkaPartitionLag>& many = all->lags.at(group);
            QCOMPARE(many.size(), one.size());
            for (size_t i = 0; i < one.size(); ++i) {
                QCOMPARE(many[i].partition, one[i].partition);
                QCOMPARE(many[i].committed, one[i].committed);
                QCOMPARE(many[i].end, one[i].end);
                QCOMPARE(many[i].lag, one[i].lag);
                QCOMPARE(many[i].held, one[i].held);
            }
        }
        QVERIFY(m_client->deleteTopic(topic).ok());
    }

    void clientsCloseWithoutATelemetryWait()
    {
        using Clock = std::chrono::steady_clock;
        for (int i = 0; i < 4; ++i) {
            BrowseRequest req;
            req.topic = m_topic;
            req.follow = true; // the consumer lives until cancelled
            std::atomic_bool cancel{false};
            Clock::time_point cancelledAt;
            std::thread canceller([&] {
                std::this_thread::sleep_for(std::chrono::milliseconds(1500));
                cancelledAt = Clock::now();
                cancel = true;
            });
            KafkaBrowser browser(plain());
            auto r = browser.runViews(
                req, [](const KafkaRecordView&) { return true; }, &cancel);
            const auto returnedAt = Clock::now();
            canceller.join();
            QVERIFY(r.ok() && r->cancelled);
            const auto ms =
                std::chrono::duration_cast<std::chrono::milliseconds>(returnedAt - cancelledAt).count();
            QVERIFY2(ms < 500, qPrintable(QStringLiteral("closing took %1 ms").arg(ms)));
        }
    }

    void safetyRules()
    {
        KafkaProfile ro = plain();
        ro.readOnly = true;
        auto c = KafkaClient::connect(ro);
        QVERIFY(c.ok());
        QCOMPARE(c.value()->createTopic(uniqueTopic("ro"), 1).error().code, ErrorCode::Refused);
        QCOMPARE(c.value()->deleteTopic(m_topic).error().code, ErrorCode::Refused);
        QCOMPARE(c.value()->produce({rec(m_topic, 0, 0, std::nullopt, QByteArray("x"))}).error().code,
                 ErrorCode::Refused);
        QCOMPARE(c.value()->applyReset(QStringLiteral("g"), {}).error().code, ErrorCode::Refused);
        QCOMPARE(m_client->createTopic(QStringLiteral("production-orders"), 1).error().code,
                 ErrorCode::Refused);
        QCOMPARE(m_client->deleteTopic(QStringLiteral("production-orders")).error().code, ErrorCode::Refused);
        // The CLI refuses non-sandbox produce without --unlock, and read-only profiles outright.
        const Run cli = run(QStringLiteral(REWIND_CLI),
                            {QStringLiteral("produce"), QStringLiteral("-b"), plain().bootstrap,
                             QStringLiteral("-t"), QStringLiteral("orders"), QStringLiteral("/dev/null")});
        QCOMPARE(cli.exit, 9);
        QVERIFY(cli.err.contains("--unlock orders"));

        KafkaProfile evil = plain();
        for (const char* key : {"sasl.kerberos.kinit.cmd", "plugin.library.paths", "some.unknown.property"}) {
            evil.extra = {{QString::fromLatin1(key), QStringLiteral("touch /tmp/pwned")}};
            auto v = evil.validate();
            QVERIFY(!v.ok());
            QCOMPARE(v.error().code, ErrorCode::Refused);
            QVERIFY(v.error().message.contains(QString::fromLatin1(key)));
            QCOMPARE(KafkaClient::connect(evil).error().code, ErrorCode::Refused);
        }
        KafkaProfile secret = plain();
        secret.saslPassword = QStringLiteral("s3cr3t-value");
        QVERIFY(!secret.toJson().contains("s3cr3t-value"));
    }

    // rewind-cli produce --value-schema-file: values typed as JSON encoded with an Avro or Protobuf
    // file, the payload alone (a bad line refuses the whole input), read back decoded through the
    // same file (consume --schema-file).
    void produceWithSchemaFilesFromTheCli()
    {
        QTemporaryDir dir;
        const QString avsc = dir.filePath(QStringLiteral("order.avsc"));
        const QString proto = dir.filePath(QStringLiteral("order.proto"));
        QFile a(avsc), b(proto);
        QVERIFY(a.open(QIODevice::WriteOnly) && b.open(QIODevice::WriteOnly));
        a.write("{\"type\":\"record\",\"name\":\"Order\",\"fields\":[{\"name\":\"id\",\"type\":\"string\"},"
                "{\"name\":\"qty\",\"type\":\"int\"}]}");
        b.write("syntax = \"proto3\";\npackage shop;\nmessage Order { string id = 1; int32 qty = 2; }\n");
        a.close();
        b.close();
        for (const QString& file : {avsc, proto}) {
            const QString topic = uniqueTopic("schemafile");
            QVERIFY(m_client->createTopic(topic, 1).ok());
            const auto produce = [&](const QByteArray& lines) {
                const QString input = dir.filePath(QStringLiteral("lines.ndjson"));
                QFile in(input);
                if (!in.open(QIODevice::WriteOnly | QIODevice::Truncate)) return Run{};
                in.write(lines);
                in.close();
                return run(QStringLiteral(REWIND_CLI),
                           {QStringLiteral("produce"), QStringLiteral("-b"), plain().bootstrap,
                            QStringLiteral("-t"), topic, QStringLiteral("--value-schema-file"), file, input});
            };
            const Run bad = produce("{\"id\":\"o-1\",\"qty\":2}\n{\"id\":\"o-2\",\"qty\":\"many\"}\n");
            QVERIFY2(bad.exit == 6 && bad.err.contains("line 2") && bad.err.contains("qty"),
                     bad.err.constData());
            const Run good = produce("{\"id\":\"o-1\",\"qty\":2}\n{\"id\":\"o-2\",\"qty\":5}\n");
            QVERIFY2(good.exit == 0, good.err.constData());
            const Run back = run(QStringLiteral(REWIND_CLI),
                                 {QStringLiteral("consume"), QStringLiteral("-b"), plain().bootstrap,
                                  QStringLiteral("-t"), topic, QStringLiteral("-e"), QStringLiteral("-J"),
                                  QStringLiteral("--schema-file"), topic + QLatin1Char('=') + file});
            QVERIFY2(back.exit == 0, back.err.constData());
            const QList<QByteArray> lines = back.out.trimmed().split('\n');
            QCOMPARE(lines.size(), qsizetype(2)); // the bad input sent nothing
            const QJsonObject second = QJsonDocument::fromJson(lines[1]).object();
            QCOMPARE(second.value(QLatin1String("value")).toObject().value(QLatin1String("id")).toString(),
                     QStringLiteral("o-2"));
            QCOMPARE(second.value(QLatin1String("value")).toObject().value(QLatin1String("qty")).toInt(), 5);
        }
    }

    void searchWithPushdownsAndStatedAssumptions()
    {
        auto collect = [&](const QString& text, SearchOptions o, SearchReport* rep) {
            auto f = Filter::compile(text, m_base + 100000);
            if (!f) qFatal("%s", qPrintable(f.error().message));
            std::set<std::pair<int, qint64>> out;
            o.topic = m_topic;
            auto source = openRecordSource(SourceSpec::cluster(plain()));
            if (!source) qFatal("%s", qPrintable(source.error().message));
            auto r = source.value()->search(f.value(), o, [&](const QString&, const RecordView& v) {
                out.insert({v.partition, v.offset});
                return true;
            });
            if (!r) qFatal("%s", qPrintable(r.error().message));
            if (rep) *rep = r.value();
            return out;
        };
        SearchOptions with, without;
        without.pushdown = false;
        SearchReport a, b;
        const QString byTime = QStringLiteral(R"(timestamp >= "%1" && value.startsWith("v-"))")
                                   .arg(formatTimestampUtc(m_base + 5000));
        QCOMPARE(collect(byTime, with, &a), collect(byTime, without, &b));
        QVERIFY(a.scanned < b.scanned); // the time bound became start offsets
        QCOMPARE(a.matched, qint64(15));
        // These records were produced to explicit partitions, not by key: a key lookup reads
        // every partition by default and finds them all; told to assume murmur2 it reads one
        // partition only (a cluster is not sampled first) and says so.
        SearchReport k;
        const auto everything = collect(QStringLiteral(R"(key == "k3")"), with, &k);
        QCOMPARE(everything.size(), size_t(3));
        QVERIFY(k.assumptions.isEmpty());
        SearchOptions assumed;
        assumed.keyPartitioner = KeyPartitioner::Murmur2;
        SearchReport ka;
        QVERIFY(collect(QStringLiteral(R"(key == "k3")"), assumed, &ka).size() <= 1);
        QCOMPARE(ka.assumptions.size(), 1);
    }

    // A topic made with Kafka's topic tool, filled with kcat, read by a kcat group: rewind-cli
    // shows the same partitions, leaders, offsets and lag as kcat and Kafka's own tools.
    void cliMatchesKcatAndKafkasTools()
    {
        const QString bs = plain().bootstrap;
        const QString topic = uniqueTopic("cli");
        const QString group =
            QStringLiteral("rewind-cli-") + QUuid::createUuid().toString(QUuid::Id128).left(8);
        const Run created = kafkaTool(QStringLiteral("org.apache.kafka.tools.TopicCommand"),
                                      {QStringLiteral("--bootstrap-server"), bs, QStringLiteral("--create"),
                                       QStringLiteral("--topic"), topic, QStringLiteral("--partitions"),
                                       QStringLiteral("4")});
        QVERIFY2(created.exit == 0, created.err.constData());
        auto kcatProduce = [&](int from, int to) {
            QProcess k;
            k.start(QStringLiteral("kcat"), {QStringLiteral("-b"), bs, QStringLiteral("-P"),
                                             QStringLiteral("-t"), topic, QStringLiteral("-K:")});
            QVERIFY(k.waitForStarted());
            for (int i = from; i < to; ++i)
                k.write("k" + QByteArray::number(i) + ":{\"n\":" + QByteArray::number(i) + "}\n");
            k.closeWriteChannel();
            QVERIFY(k.waitForFinished(30000) && k.exitCode() == 0);
        };
        kcatProduce(0, 100);
        const Run consumed =
            run(QStringLiteral("kcat"), {QStringLiteral("-b"), bs, QStringLiteral("-G"), group,
                                         QStringLiteral("-X"), QStringLiteral("auto.offset.reset=earliest"),
                                         QStringLiteral("-e"), QStringLiteral("-q"), topic});
        QCOMPARE(consumed.out.count('\n'), qsizetype(100));
        kcatProduce(100, 110);

        // Partitions, leaders and high watermarks.
        const Run topics = run(QStringLiteral(REWIND_CLI), {QStringLiteral("topics"), QStringLiteral("-b"),
                                                            bs, QStringLiteral("-t"), topic});
        QCOMPARE(topics.exit, 0);
        std::map<int, QList<QByteArray>> rows;
        for (const QByteArray& line : topics.out.split('\n')) {
            const QList<QByteArray> f = line.simplified().split(' ');
            if (f.size() == 9 && f[0] == topic.toUtf8()) rows[f[1].toInt()] = f; // … LOW HIGH LSO COUNT~
        }
        QCOMPARE(rows.size(), size_t(4));
        QStringList query;
        for (int p = 0; p < 4; ++p)
            query << QStringLiteral("-t") << QStringLiteral("%1:%2:-1").arg(topic).arg(p);
        const Run ends =
            run(QStringLiteral("kcat"), QStringList{QStringLiteral("-b"), bs, QStringLiteral("-Q")} + query);
        qint64 totalHigh = 0;
        for (int p = 0; p < 4; ++p) {
            const auto m = QRegularExpression(QStringLiteral("\\[%1\\] offset (\\d+)").arg(p))
                               .match(QString::fromUtf8(ends.out));
            QVERIFY2(m.hasMatch(), ends.out.constData());
            QCOMPARE(rows[p][6].toLongLong(), m.captured(1).toLongLong()); // HIGH == kcat's end offset
            QCOMPARE(rows[p][7], rows[p][6]);                              // no transaction: LSO == HIGH
            QCOMPARE(rows[p][2], QByteArray("1"));                         // leader
            totalHigh += rows[p][6].toLongLong();
        }
        QCOMPARE(totalHigh, qint64(110));

        // Committed offsets, ends and lag per partition, as Kafka's group tool reports them.
        const Run groups = run(QStringLiteral(REWIND_CLI), {QStringLiteral("groups"), QStringLiteral("-b"),
                                                            bs, QStringLiteral("-g"), group});
        QCOMPARE(groups.exit, 0);
        const Run tool =
            kafkaTool(QStringLiteral("org.apache.kafka.tools.consumer.group.ConsumerGroupCommand"),
                      {QStringLiteral("--bootstrap-server"), bs, QStringLiteral("--describe"),
                       QStringLiteral("--group"), group});
        int compared = 0;
        for (const QByteArray& line : tool.out.split('\n')) {
            const QList<QByteArray> f = line.simplified().split(' ');
            if (f.size() < 6 || f[1] != topic.toUtf8()) continue;
            const QByteArray expect = topic.toUtf8() + ' ' + f[2] + ' ' + f[3] + ' ' + f[4] + ' ' + f[5];
            bool found = false;
            for (const QByteArray& ours : groups.out.split('\n'))
                found = found || ours.simplified() == expect;
            QVERIFY2(found, (expect + "\n--- rewind-cli:\n" + groups.out).constData());
            ++compared;
        }
        QCOMPARE(compared, 4);
        QVERIFY(
            QString::fromUtf8(groups.out).contains(QRegularExpression(QStringLiteral("\\(total\\)\\s+10"))));

        // consume -e reads everything; capture keeps the offsets; reset is a dry run by default.
        const Run all = run(QStringLiteral(REWIND_CLI),
                            {QStringLiteral("consume"), QStringLiteral("-b"), bs, QStringLiteral("-t"), topic,
                             QStringLiteral("-e"), QStringLiteral("-J")});
        QCOMPARE(all.out.count('\n'), qsizetype(110));
        QTemporaryDir dir;
        const QString ws = dir.filePath(QStringLiteral("cap.rewind"));
        QCOMPARE(run(QStringLiteral(REWIND_CLI), {QStringLiteral("capture"), QStringLiteral("-b"), bs,
                                                  QStringLiteral("-t"), topic, QStringLiteral("--out"), ws})
                     .exit,
                 0);
        const Run local = run(QStringLiteral(REWIND_CLI), {QStringLiteral("topics"), ws});
        int localRows = 0;
        for (const QByteArray& line : local.out.split('\n')) {
            const QList<QByteArray> f = line.simplified().split(' ');
            if (f.size() >= 5 && f[0] == topic.toUtf8() && !f[1].startsWith('(')) {
                QCOMPARE(f[3], rows[f[1].toInt()][6]); // same high watermark as in Kafka
                ++localRows;
            }
        }
        QCOMPARE(localRows, 4);
        const Run dry = run(QStringLiteral(REWIND_CLI),
                            {QStringLiteral("reset"), QStringLiteral("-b"), bs, QStringLiteral("-g"), group,
                             QStringLiteral("-t"), topic, QStringLiteral("--to-earliest")});
        QCOMPARE(dry.exit, 0);
        QVERIFY(dry.out.contains("Dry run"));
        const auto before = m_client->groupLag(group);
        QVERIFY(before.ok() && *before->at(0).committed > 0); // unchanged by the dry run
        const Run exec =
            run(QStringLiteral(REWIND_CLI),
                {QStringLiteral("reset"), QStringLiteral("-b"), bs, QStringLiteral("-g"), group,
                 QStringLiteral("-t"), topic, QStringLiteral("--to-earliest"), QStringLiteral("--execute")});
        QCOMPARE(exec.exit, 0);
        const auto after = m_client->groupLag(group);
        QVERIFY(after.ok());
        for (const auto& l : after.value())
            QCOMPARE(*l.committed, Offset(0));

        // kcat places keys with librdkafka's CRC-32 partitioner, not murmur2: a key lookup finds
        // each key's record (it read only the murmur2 partition and said "no match" before).
        int crcElsewhere = 0;
        for (int i : {3, 17, 42, 77, 105}) {
            const QByteArray key = "k" + QByteArray::number(i);
            crcElsewhere += crc32Partition(key, 4) != defaultPartition(key, 4);
            const Run found =
                run(QStringLiteral(REWIND_CLI),
                    {QStringLiteral("search"), QStringLiteral("-b"), bs, QStringLiteral("-t"), topic,
                     QStringLiteral("-e"), QStringLiteral(R"(key == "%1")").arg(QString::fromLatin1(key))});
            QCOMPARE(found.exit, 0);
            QCOMPARE(found.out.count('\n'), qsizetype(1));
            const Run crc =
                run(QStringLiteral(REWIND_CLI),
                    {QStringLiteral("search"), QStringLiteral("-b"), bs, QStringLiteral("-t"), topic,
                     QStringLiteral("--key-partitioner"), QStringLiteral("crc32"), QStringLiteral("-e"),
                     QStringLiteral(R"(key == "%1")").arg(QString::fromLatin1(key))});
            QCOMPARE(crc.out.count('\n'), qsizetype(1)); // crc32 is where kcat put it
            QVERIFY(crc.err.contains("crc32"));
        }
        QVERIFY(crcElsewhere >= 1);

        // An unknown group is an error (exit 3), as with Kafka's own tool; not a "Dead" group.
        const Run unknown =
            run(QStringLiteral(REWIND_CLI), {QStringLiteral("groups"), QStringLiteral("-b"), bs,
                                             QStringLiteral("-g"), QStringLiteral("no-such-group")});
        QCOMPARE(unknown.exit, 3);
        QVERIFY(unknown.err.contains("no-such-group"));

        // Capturing a topic that does not exist leaves no workspace file behind.
        const QString none = dir.filePath(QStringLiteral("none.rewind"));
        const Run missing = run(QStringLiteral(REWIND_CLI),
                                {QStringLiteral("capture"), QStringLiteral("-b"), bs, QStringLiteral("-t"),
                                 uniqueTopic("missing"), QStringLiteral("--out"), none});
        QCOMPARE(missing.exit, 3);
        QVERIFY(!QFileInfo::exists(none));
        QVERIFY(!QFileInfo::exists(none + QStringLiteral("-wal")));
    }
};

QTEST_GUILESS_MAIN(TstKafka)
#include "tst_kafka.moc"
