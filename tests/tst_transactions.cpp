// Transactions and purged records as an exactly-once application leaves them: a transactional
// writer killed with -9 mid-transaction (tx_writer: committed, aborted, one transaction left
// open, and records another producer committed after it opened), a deleteRecords call, and a
// consumer group's commit. Rewind's answers, live (-b) and on a copy of the broker's data
// directory, against Kafka's own read_committed Java consumer (ConsoleConsumer):
//   the LSO named beside the high watermark, "the last N" counting records, the copy starting at
//   the log start offset, one lag rule (end = LSO) live and offline, nothing past the LSO shown.
#include "cli_run.h"
#include "kafka_client.h"
#include "test_util.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

#include <map>
#include <set>

using namespace rw;
using rw::test::cli;
using rw::test::Run;

namespace {

using Offsets = std::map<PartitionId, std::vector<Offset>>;

QString env(const char* name)
{
    return qEnvironmentVariable(name);
}

// Offsets per partition of consume -J output.
Offsets offsetsOf(const QByteArray& ndjson)
{
    static const QRegularExpression re(QStringLiteral("\"partition\":(\\d+),\"offset\":(\\d+)"));
    Offsets out;
    for (const QByteArray& line : ndjson.split('\n')) {
        const auto m = re.match(QString::fromUtf8(line));
        if (m.hasMatch()) out[m.captured(1).toInt()].push_back(m.captured(2).toLongLong());
    }
    for (auto& [p, v] : out)
        std::sort(v.begin(), v.end());
    return out;
}

QString describe(const Offsets& o)
{
    QStringList parts;
    for (const auto& [p, v] : o) {
        QStringList n;
        for (Offset x : v)
            n << QString::number(x);
        parts << QStringLiteral("p%1: %2").arg(p).arg(n.join(QLatin1Char(',')));
    }
    return parts.join(QStringLiteral("; "));
}

// The cells of a table row of rewind-cli's output from the two that are these on.
QStringList row(const QByteArray& out, const QString& first, const QString& second)
{
    for (const QByteArray& line : out.split('\n')) {
        const QStringList cells = QString::fromUtf8(line).split(QLatin1Char(' '), Qt::SkipEmptyParts);
        for (qsizetype i = 0; i + 1 < cells.size(); ++i)
            if (cells[i] == first && cells[i + 1] == second) return cells.mid(i);
    }
    return {};
}

} // namespace

class TstTransactions : public QObject {
    Q_OBJECT
    QString m_bootstrap, m_topic, m_group;
    QTemporaryDir m_dir;
    QString m_copy;
    QProcess m_writer;
    Offsets m_java; // what Kafka's read_committed Java consumer reads

    Run java(const QString& mainClass, const QStringList& args)
    {
        QProcess p;
        p.start(
            QStringLiteral("java"),
            QStringList{QStringLiteral("-cp"), env("REWIND_KAFKA_JARS") + QStringLiteral("/*"),
                        QStringLiteral("-Dlog4j2.configurationFile=%1/scripts/kafka-broker/log4j2.properties")
                            .arg(QStringLiteral(REWIND_SOURCE_DIR)),
                        QStringLiteral("-XX:TieredStopAtLevel=1"), mainClass} +
                args);
        p.waitForFinished(120000);
        return {p.exitCode(), p.readAllStandardOutput(), p.readAllStandardError()};
    }
    QStringList live() const { return {QStringLiteral("-b"), m_bootstrap}; }
    QStringList copy() const { return {m_copy}; }

private slots:
    void initTestCase()
    {
        m_bootstrap = env("REWIND_KAFKA_BOOTSTRAP");
        if (m_bootstrap.isEmpty() || env("REWIND_KAFKA_DATA").isEmpty() || env("REWIND_KAFKA_JARS").isEmpty())
            QSKIP("needs the test broker (scripts/test starts it)");
        m_topic = QStringLiteral("sandbox.tx-") + QUuid::createUuid().toString(QUuid::Id128).left(8);
        m_group = m_topic + QStringLiteral("-group");
        KafkaProfile profile;
        profile.bootstrap = m_bootstrap;
        auto c = KafkaClient::connect(profile);
        RW_VERIFY_OK(c);
        auto created = c.value()->createTopic(m_topic, 2);
        RW_VERIFY_OK(created);

        // The writer, killed with its transaction open.
        m_writer.start(QStringLiteral(REWIND_TX_WRITER), {m_bootstrap, m_topic});
        QVERIFY(m_writer.waitForStarted());
        QElapsedTimer waited;
        waited.start();
        while (!m_writer.readAllStandardOutput().contains("open") && waited.elapsed() < 90000) {
            QVERIFY2(m_writer.state() == QProcess::Running, m_writer.readAllStandardError().constData());
            m_writer.waitForReadyRead(500);
        }
        QVERIFY2(waited.elapsed() < 90000, "tx_writer did not open its transaction");
        m_writer.kill();
        m_writer.waitForFinished();

        // Records 0..4 of partition 1 deleted (Kafka Streams purges its repartition topics so).
        const QString json = m_dir.filePath(QStringLiteral("delete.json"));
        QVERIFY(test::writeFile(json, QStringLiteral("{\"partitions\":[{\"topic\":\"%1\",\"partition\":1,"
                                                     "\"offset\":5}],\"version\":1}")
                                          .arg(m_topic)
                                          .toUtf8()));
        const Run deleted = java(
            QStringLiteral("org.apache.kafka.tools.DeleteRecordsCommand"),
            {QStringLiteral("--bootstrap-server"), m_bootstrap, QStringLiteral("--offset-json-file"), json});
        QVERIFY2(deleted.exit == 0, deleted.err.constData());

        // A group that read partition 0 up to offset 3 and never committed on partition 1.
        ResetSpec spec;
        spec.topic = m_topic;
        spec.partition = 0;
        spec.kind = ResetKind::ToOffset;
        spec.value = 3;
        auto plan = c.value()->planReset(m_group, spec);
        RW_VERIFY_OK(plan);
        auto applied = c.value()->applyReset(m_group, plan.value());
        RW_VERIFY_OK(applied);

        // Kafka's own read_committed consumer.
        const Run consumed =
            java(QStringLiteral("org.apache.kafka.tools.consumer.ConsoleConsumer"),
                 {QStringLiteral("--bootstrap-server"), m_bootstrap, QStringLiteral("--topic"), m_topic,
                  QStringLiteral("--from-beginning"), QStringLiteral("--isolation-level"),
                  QStringLiteral("read_committed"), QStringLiteral("--timeout-ms"), QStringLiteral("8000"),
                  QStringLiteral("--property"), QStringLiteral("print.partition=true"),
                  QStringLiteral("--property"), QStringLiteral("print.offset=true")});
        static const QRegularExpression re(QStringLiteral("Partition:(\\d+)\\s+Offset:(\\d+)"));
        for (const QByteArray& line : consumed.out.split('\n')) {
            const auto m = re.match(QString::fromUtf8(line));
            if (m.hasMatch()) m_java[m.captured(1).toInt()].push_back(m.captured(2).toLongLong());
        }
        for (auto& [p, v] : m_java)
            std::sort(v.begin(), v.end());
        // Committed 10 + 5 a partition, minus the 5 deleted of partition 1; the 5 committed after
        // the open transaction are not read yet.
        QVERIFY2(m_java[0].size() == 10 && m_java[1].size() == 5,
                 qPrintable(describe(m_java) + QString::fromUtf8(consumed.err.right(500))));
        QCOMPARE(m_java[1].front(), Offset(5));

        // The copy: the partition folders, the log start checkpoint and the group offsets.
        const QString data = env("REWIND_KAFKA_DATA");
        // The broker writes log-start-offset-checkpoint every second, after a first delay of up to
        // 30 s from its start: wait for partition 1's start to be in it.
        const QByteArray startLine = m_topic.toUtf8() + " 1 5";
        QTRY_VERIFY_WITH_TIMEOUT(
            test::readFile(data + QStringLiteral("/log-start-offset-checkpoint")).contains(startLine), 60000);
        m_copy = m_dir.filePath(QStringLiteral("copy"));
        QStringList folders{m_topic + QStringLiteral("-0"), m_topic + QStringLiteral("-1")};
        for (const QString& f : QDir(data).entryList({QStringLiteral("__consumer_offsets-*")}, QDir::Dirs))
            folders << f;
        for (const QString& f : folders) {
            QVERIFY(QDir().mkpath(m_copy + QLatin1Char('/') + f));
            for (const QString& file : QDir(data + QLatin1Char('/') + f).entryList(QDir::Files))
                QVERIFY(QFile::copy(data + QLatin1Char('/') + f + QLatin1Char('/') + file,
                                    m_copy + QLatin1Char('/') + f + QLatin1Char('/') + file));
        }
        QVERIFY(QFile::copy(data + QStringLiteral("/log-start-offset-checkpoint"),
                            m_copy + QStringLiteral("/log-start-offset-checkpoint")));
    }

    // Every record a read_committed consumer gets, and no other: live and on the copy (the copy
    // starts at the log start offset and hides what lies past the open transaction).
    void readsAgreeWithReadCommitted()
    {
        for (const QStringList& source : {live(), copy()}) {
            const Run r =
                cli(QStringList{QStringLiteral("consume")} + source +
                    QStringList{QStringLiteral("-t"), m_topic, QStringLiteral("-J"), QStringLiteral("-e")});
            QVERIFY2(r.exit == 0, r.err.constData());
            const Offsets got = offsetsOf(r.out);
            QVERIFY2(got == m_java,
                     qPrintable(source.join(QLatin1Char(' ')) + QStringLiteral(": ") + describe(got) +
                                QStringLiteral(" / Java: ") + describe(m_java)));
        }
    }

    // "The last N" is N records, as the README says, not N offsets.
    void lastNCountsRecords()
    {
        for (const QStringList& source : {live(), copy()}) {
            const Run r = cli(QStringList{QStringLiteral("consume")} + source +
                              QStringList{QStringLiteral("-t"), m_topic, QStringLiteral("-o"),
                                          QStringLiteral("-3"), QStringLiteral("-J"), QStringLiteral("-e")});
            QVERIFY2(r.exit == 0, r.err.constData());
            const Offsets got = offsetsOf(r.out);
            Offsets want;
            for (const auto& [p, v] : m_java)
                want[p] = std::vector<Offset>(v.end() - 3, v.end());
            QVERIFY2(got == want, qPrintable(source.join(QLatin1Char(' ')) + QStringLiteral(": ") +
                                             describe(got) + QStringLiteral(" / want ") + describe(want)));
        }
    }

    // topics names the LSO beside the high watermark, live and on the copy; LOW is the log start.
    void topicsNameTheStableOffset()
    {
        const Run l =
            cli({QStringLiteral("topics"), QStringLiteral("-b"), m_bootstrap, QStringLiteral("-t"), m_topic});
        QVERIFY2(l.exit == 0, l.err.constData());
        const Run c = cli({QStringLiteral("topics"), m_copy, QStringLiteral("-t"), m_topic});
        QVERIFY2(c.exit == 0, c.err.constData());
        QVERIFY2(l.out.contains("LSO") && c.out.contains("LSO"), (l.out + c.out).constData());
        for (int p = 0; p < 2; ++p) {
            // live: TOPIC PARTITION LEADER REPLICAS ISR LOW HIGH LSO COUNT~
            const QStringList lr = row(l.out, m_topic, QString::number(p));
            // copy: TOPIC PARTITION LOW HIGH LSO COUNT FIRST LAST
            const QStringList cr = row(c.out, m_topic, QString::number(p));
            QVERIFY2(lr.size() >= 9 && cr.size() >= 6, (l.out + c.out).constData());
            const Offset low = lr[5].toLongLong(), high = lr[6].toLongLong(), lso = lr[7].toLongLong();
            QCOMPARE(low, p == 1 ? Offset(5) : Offset(0));
            QVERIFY2(lso < high, qPrintable(lr.join(QLatin1Char(' '))));
            QVERIFY2(m_java[p].back() < lso,
                     qPrintable(lr.join(QLatin1Char(' ')))); // nothing read at or past it
            QCOMPARE(cr[2].toLongLong(), low);
            QCOMPARE(cr[3].toLongLong(), high);
            QCOMPARE(cr[4].toLongLong(), lso);
        }
    }

    // One lag rule (end = the LSO), live and offline, and the same partitions listed.
    void lagIsOneRule()
    {
        const Run l =
            cli({QStringLiteral("groups"), QStringLiteral("-b"), m_bootstrap, QStringLiteral("-g"), m_group});
        QVERIFY2(l.exit == 0, l.err.constData());
        const Run c = cli({QStringLiteral("groups"), m_copy, QStringLiteral("-g"), m_group});
        QVERIFY2(c.exit == 0, c.err.constData());
        const Run t =
            cli({QStringLiteral("topics"), QStringLiteral("-b"), m_bootstrap, QStringLiteral("-t"), m_topic});
        const Offset lso0 = row(t.out, m_topic, QStringLiteral("0")).value(7).toLongLong();
        QVERIFY(lso0 > 3);
        for (const QByteArray* out : {&l.out, &c.out}) {
            const QStringList p0 = row(*out, m_topic, QStringLiteral("0"));
            const QStringList p1 = row(*out, m_topic, QStringLiteral("1"));
            QVERIFY2(!p0.isEmpty() && !p1.isEmpty(), out->constData()); // the uncommitted partition too
            QVERIFY2(p0.contains(QString::number(lso0 - 3)), out->constData());
            QVERIFY2(p1.contains(QStringLiteral("-")), out->constData());
        }
    }

    void cleanupTestCase()
    {
        if (m_bootstrap.isEmpty()) return;
        KafkaProfile profile;
        profile.bootstrap = m_bootstrap;
        if (auto c = KafkaClient::connect(profile)) (void)c.value()->deleteTopic(m_topic);
    }
};

QTEST_MAIN(TstTransactions)
#include "tst_transactions.moc"
