// rewind-cli end to end, as a real process.

#include "cli_run.h"
#include "json.h"
#include "test_util.h"
#include "workspace_store.h"

#include <QDateTime>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>

using namespace rw;

namespace {

using test::cli;
using test::Run;

// Parses `topics` output into topic -> list of (partition, low, high, count).
QMap<QString, QList<QList<qint64>>> parseTopics(const QByteArray& out)
{
    QMap<QString, QList<QList<qint64>>> m;
    for (const QByteArray& line : out.split('\n')) {
        const QList<QByteArray> f = line.simplified().split(' ');
        if (f.size() < 5 || f[0] == "TOPIC" || f[1].startsWith("(all")) continue;
        m[QString::fromUtf8(f[0])].append(
            {f[1].toLongLong(), f[2].toLongLong(), f[3].toLongLong(), f[4].toLongLong()});
    }
    return m;
}

} // namespace

class TstCli : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    QString m_ws;

private slots:
    void initTestCase()
    {
        m_ws = m_dir.filePath(QStringLiteral("demo.rewind"));
        const Run r = cli({QStringLiteral("demo"), QStringLiteral("--out"), m_ws, QStringLiteral("--events"),
                           QStringLiteral("20000")});
        QVERIFY2(r.exit == 0, r.err.constData());
        QVERIFY(r.out.contains("20000 events"));
        QVERIFY(QFileInfo::exists(m_ws));
    }

    // The demo keeps a masking policy (customer.*, shipping_address, card_last4): every export
    // hides those fields, so not one of the customers' e-mail addresses, names, phones or card
    // digits read from the same records is found in the exported file. A --mask path that
    // matches nothing is said (exit 9), and headers are masked by name.
    void exportsHideThePersonalDataOfThePolicy()
    {
        const Run policy = cli({QStringLiteral("mask"), m_ws});
        QCOMPARE(policy.exit, 0);
        QVERIFY2(policy.out.contains("customer.*") && policy.out.contains("card_last4"),
                 policy.out.constData());
        // The personal data as stored: read with consume --unmasked, which shows records as they are.
        const Run plain = cli({QStringLiteral("consume"), m_ws, QStringLiteral("-t"),
                               QStringLiteral("orders"), QStringLiteral("-p"), QStringLiteral("0"),
                               QStringLiteral("-J"), QStringLiteral("--unmasked")});
        QCOMPARE(plain.exit, 0);
        const Run pay = cli({QStringLiteral("consume"), m_ws, QStringLiteral("-t"),
                             QStringLiteral("payments"), QStringLiteral("-p"), QStringLiteral("0"),
                             QStringLiteral("-J"), QStringLiteral("--unmasked")});
        QCOMPARE(pay.exit, 0);
        QSet<QByteArray> pii;
        for (const QByteArray& line : plain.out.split('\n') + pay.out.split('\n')) {
            const QJsonObject v =
                QJsonDocument::fromJson(line).object().value(QLatin1String("value")).toObject();
            const QJsonObject c = v.value(QLatin1String("customer")).toObject();
            for (const char* k : {"email", "name", "phone"})
                if (c.contains(QLatin1String(k))) pii.insert(c.value(QLatin1String(k)).toString().toUtf8());
            const QJsonObject a = v.value(QLatin1String("shipping_address")).toObject();
            if (a.contains(QLatin1String("street")))
                pii.insert(a.value(QLatin1String("street")).toString().toUtf8());
            if (v.contains(QLatin1String("card_last4")))
                pii.insert("\"card_last4\":\"" + v.value(QLatin1String("card_last4")).toString().toUtf8());
        }
        QVERIFY2(pii.size() > 50, qPrintable(QString::number(pii.size())));
        const QString file = m_dir.filePath(QStringLiteral("masked.ndjson"));
        const Run exported = cli({QStringLiteral("export"), m_ws, QStringLiteral("-O"), file});
        QVERIFY2(exported.exit == 0, exported.err.constData());
        QVERIFY2(exported.err.contains("Masked: customer.*, shipping_address, card_last4"),
                 exported.err.constData());
        QFile f(file);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray all = f.readAll();
        int hits = 0;
        for (const QByteArray& value : pii)
            hits += all.contains(value) ? 1 : 0;
        QCOMPARE(hits, 0);
        QVERIFY(all.contains("\"customer\":{\"id\":\"***\"") && all.contains("\"card_last4\":\"***\""));
        // Everything else is as stored: the same number of records, order ids intact.
        QCOMPARE(all.count('\n'), 20000);
        QVERIFY(all.contains("\"order_id\":\"o-"));

        // Every other reading command prints through the same policy: consume, search, trace.
        const QString order = QJsonDocument::fromJson(plain.out.split('\n').first())
                                  .object()
                                  .value(QLatin1String("value"))
                                  .toObject()
                                  .value(QLatin1String("order_id"))
                                  .toString();
        QVERIFY(!order.isEmpty());
        for (const QStringList& read :
             {QStringList{QStringLiteral("consume"), m_ws, QStringLiteral("-t"), QStringLiteral("orders"),
                          QStringLiteral("-p"), QStringLiteral("0"), QStringLiteral("-J")},
              QStringList{QStringLiteral("consume"), m_ws, QStringLiteral("-t"), QStringLiteral("payments"),
                          QStringLiteral("-p"), QStringLiteral("0"), QStringLiteral("-f"),
                          QStringLiteral("%s\\n")},
              QStringList{QStringLiteral("search"), m_ws, QStringLiteral("-e"),
                          QStringLiteral("partition == 0")},
              QStringList{QStringLiteral("trace"), m_ws, QStringLiteral("--field"),
                          QStringLiteral("order_id=") + order, QStringLiteral("-J"),
                          QStringLiteral("--all-fields")}}) {
            const Run r = cli(read);
            QVERIFY2(r.exit == 0, r.err.constData());
            QVERIFY2(r.out.contains("\"***\""), qPrintable(read.join(QLatin1Char(' '))));
            int seen = 0;
            for (const QByteArray& value : pii)
                seen += r.out.contains(value) ? 1 : 0;
            QVERIFY2(seen == 0, qPrintable(read.join(QLatin1Char(' ')) +
                                           QStringLiteral(": %1 personal values in clear").arg(seen)));
        }
        // A path given here that matches nothing: said, exit 9 (the file is written, masked).
        const Run typo =
            cli({QStringLiteral("export"), m_ws, QStringLiteral("-t"), QStringLiteral("orders"),
                 QStringLiteral("-O"), file, QStringLiteral("--mask"), QStringLiteral("customer.emial")});
        QCOMPARE(typo.exit, 9);
        QVERIFY2(
            typo.err.contains("customer.emial matched nothing in this export: nothing was masked for it"),
            typo.err.constData());
        // The policy's own paths that do not occur in a topic are said, without failing.
        const Run inventory = cli({QStringLiteral("export"), m_ws, QStringLiteral("-t"),
                                   QStringLiteral("inventory"), QStringLiteral("-O"), file});
        QCOMPARE(inventory.exit, 0);
        QVERIFY2(inventory.err.contains("card_last4 matched nothing in this export\n"),
                 inventory.err.constData());
        // Headers by name.
        const Run headers = cli({QStringLiteral("export"), m_ws, QStringLiteral("-t"),
                                 QStringLiteral("payments"), QStringLiteral("-c"), QStringLiteral("5"),
                                 QStringLiteral("--mask-header"), QStringLiteral("trace_id")});
        QCOMPARE(headers.exit, 0);
        // Every record's trace_id hidden, the other headers as they were (ASan found the header
        // views of one record read again for the next).
        const QList<QByteArray> exportedLines = headers.out.trimmed().split('\n');
        QCOMPARE(exportedLines.size(), 5 * 6); // -c is per partition: 6 partitions of payments
        for (const QByteArray& l : exportedLines) {
            const QJsonArray hs =
                QJsonDocument::fromJson(l).object().value(QLatin1String("headers")).toArray();
            QCOMPARE(hs.size(), 3);
            for (const QJsonValue& h : hs) {
                const QString key = h.toObject().value(QLatin1String("key")).toString();
                const QString value = h.toObject().value(QLatin1String("value")).toString();
                QVERIFY2(key == QLatin1String("trace_id") ? value == QLatin1String("***")
                                                          : value != QLatin1String("***"),
                         l.constData());
            }
        }
        // Changing the policy: a field added and removed again.
        QCOMPARE(
            cli({QStringLiteral("mask"), m_ws, QStringLiteral("--field"), QStringLiteral("items.sku")}).exit,
            0);
        const Run changed =
            cli({QStringLiteral("mask"), m_ws, QStringLiteral("--remove"), QStringLiteral("items.sku")});
        QCOMPARE(changed.exit, 0);
        QVERIFY(!changed.out.contains("items.sku") && changed.out.contains("customer.*"));
    }

    void helpAndUsage()
    {
        const Run top = cli({QStringLiteral("--help")});
        QCOMPARE(top.exit, 0);
        for (const char* c : {"demo", "topics", "consume", "groups", "import", "export", "verify"}) {
            QVERIFY(top.out.contains(c));
            const Run h = cli({QString::fromLatin1(c), QStringLiteral("--help")});
            QCOMPARE(h.exit, 0);
            QVERIFY2(h.out.contains("Usage:"), c);
        }
        QCOMPARE(cli({}).exit, 2);
        QCOMPARE(cli({QStringLiteral("frobnicate")}).exit, 2);
        const Run bad = cli({QStringLiteral("consume"), m_ws});
        QCOMPARE(bad.exit, 2);
        QVERIFY(bad.err.contains("-t <topic>"));
        QCOMPARE(cli({QStringLiteral("consume"), m_ws, QStringLiteral("-t"), QStringLiteral("orders"),
                      QStringLiteral("-o"), QStringLiteral("soon")})
                     .exit,
                 2);
    }

    void topicsShowsTheShop()
    {
        const Run r = cli({QStringLiteral("topics"), m_ws});
        QCOMPARE(r.exit, 0);
        const auto t = parseTopics(r.out);
        QCOMPARE(t.keys(), (QStringList{QStringLiteral("inventory"), QStringLiteral("orders"),
                                        QStringLiteral("payments")}));
        QCOMPARE(t[QStringLiteral("orders")].size(), 6);
        QCOMPARE(t[QStringLiteral("payments")].size(), 6);
        QCOMPARE(t[QStringLiteral("inventory")].size(), 3);
        qint64 total = 0;
        for (const auto& parts : t)
            for (const auto& p : parts) {
                QCOMPARE(p[2] - p[1], p[3]); // dense: high - low == count
                total += p[3];
            }
        QCOMPARE(total, qint64(20000));
    }

    void groupsShowTellingPositions()
    {
        const Run r = cli({QStringLiteral("groups"), m_ws});
        QCOMPARE(r.exit, 0);
        QMap<QString, QString> totals;
        for (const QByteArray& line : r.out.split('\n')) {
            const QList<QByteArray> f = line.simplified().split(' ');
            if (f.size() >= 3 && f[1] == "(total)")
                totals[QString::fromUtf8(f[0])] = QString::fromUtf8(f.mid(2).join(' '));
        }
        QCOMPARE(totals.value(QStringLiteral("billing")), QStringLiteral("0"));
        QVERIFY(totals.value(QStringLiteral("analytics")).toLongLong() > 0);
        QVERIFY(totals.value(QStringLiteral("notifications")).toLongLong() >
                totals.value(QStringLiteral("analytics")).toLongLong());
        QVERIFY2(totals.value(QStringLiteral("antifraud")).contains(QStringLiteral("without a commit")),
                 r.out.constData());
        const Run one =
            cli({QStringLiteral("groups"), m_ws, QStringLiteral("-g"), QStringLiteral("antifraud")});
        QVERIFY(one.out.contains("payments"));
        QVERIFY(!one.out.contains("billing"));
        // A group that never committed is not at "lag 0": it would read every payment from the
        // earliest offset (before the fix only "(6 partitions without a commit)" was said).
        const auto topics = parseTopics(cli({QStringLiteral("topics"), m_ws}).out);
        qint64 payments = 0;
        for (const auto& p : topics.value(QStringLiteral("payments")))
            payments += p[3];
        QVERIFY(payments > 1000);
        QVERIFY2(
            one.out.contains(QStringLiteral("%1 records to read from the earliest").arg(payments).toUtf8()),
            one.out.constData());
        QCOMPARE(cli({QStringLiteral("groups"), m_ws, QStringLiteral("-g"), QStringLiteral("nobody")}).exit,
                 3);
    }

    // The demo's commits carry the times of its story, not the time the demo was made:
    // notifications last committed at 03:17 on the incident night, analytics ten hours before
    // the end, billing at the end of the week.
    void demoCommitTimesTellTheStory()
    {
        auto s = WorkspaceStore::open(m_ws, WorkspaceStore::Mode::ReadOnly);
        QVERIFY(s.ok());
        const qint64 incident =
            s.value()->meta(QStringLiteral("demo.incident_start_ms")).value()->toLongLong();
        QVERIFY(incident > 0);
        auto lastOf = [&](const QString& group) {
            auto lag = s.value()->lag(group);
            if (!lag) qFatal("%s", qPrintable(lag.error().message));
            TimestampMs latest = 0;
            for (const PartitionLag& l : lag.value())
                if (l.commitTime) latest = std::max(latest, *l.commitTime);
            return latest;
        };
        QCOMPARE(lastOf(QStringLiteral("notifications")), incident);
        const TimestampMs billing = lastOf(QStringLiteral("billing"));
        QVERIFY(billing > incident && billing < 1795500000000); // within the demo's week
        QCOMPARE(lastOf(QStringLiteral("analytics")), billing - 10 * 3600 * 1000);
    }

    void consumeLastFiveAsJson()
    {
        const auto t = parseTopics(cli({QStringLiteral("topics"), m_ws}).out);
        const qint64 high = t[QStringLiteral("orders")][0][2];
        const Run r = cli({QStringLiteral("consume"), m_ws, QStringLiteral("-t"), QStringLiteral("orders"),
                           QStringLiteral("-p"), QStringLiteral("0"), QStringLiteral("-o"),
                           QStringLiteral("-5"), QStringLiteral("-J")});
        QCOMPARE(r.exit, 0);
        const QList<QByteArray> lines = r.out.trimmed().split('\n');
        QCOMPARE(lines.size(), 5);
        for (int i = 0; i < 5; ++i) {
            auto m = json::parseObject(lines[i]);
            QVERIFY(m.ok());
            QMap<QByteArray, json::Value> f;
            for (const auto& x : m.value())
                f[x.name] = x.value;
            QCOMPARE(f["topic"].string, QByteArray("orders"));
            QCOMPARE(f["partition"].raw.toByteArray(), QByteArray("0"));
            QCOMPARE(f["offset"].raw.toByteArray().toLongLong(), high - 5 + i);
            QCOMPARE(f["value"].type, json::Type::Object);
            QVERIFY(f["key"].string.startsWith("o-"));
            QVERIFY(f["headers"].raw.toByteArray().contains("trace_id"));
        }
    }

    void consumeMergesPartitionsInTimeOrderAndSeeksByTime()
    {
        const Run r =
            cli({QStringLiteral("consume"), m_ws, QStringLiteral("-t"), QStringLiteral("payments"),
                 QStringLiteral("-o"), QStringLiteral("@2026-11-19T03:17:00Z"), QStringLiteral("-c"),
                 QStringLiteral("200"), QStringLiteral("-f"), QStringLiteral("%T %p %o %s\\n")});
        QCOMPARE(r.exit, 0);
        const QList<QByteArray> lines = r.out.trimmed().split('\n');
        QCOMPARE(lines.size(), 200);
        qint64 prev = 0;
        QSet<QByteArray> partitions;
        int failed = 0;
        for (const QByteArray& l : lines) {
            const qint64 ts = l.left(l.indexOf(' ')).toLongLong();
            QVERIFY(ts >= 1795058220000);
            QVERIFY(ts >= prev);
            prev = ts;
            partitions.insert(l.split(' ').at(1));
            if (l.contains("gateway_timeout")) ++failed;
        }
        QVERIFY(partitions.size() > 1);
        QVERIFY2(failed > 100, "the incident's PaymentFailed burst starts at 03:17");
        // e@ stops before a time.
        const Run window =
            cli({QStringLiteral("consume"), m_ws, QStringLiteral("-t"), QStringLiteral("payments"),
                 QStringLiteral("-o"), QStringLiteral("@2026-11-19T03:17:00Z"), QStringLiteral("-o"),
                 QStringLiteral("e@2026-11-19T03:20:00Z"), QStringLiteral("-f"), QStringLiteral("%T\\n")});
        QCOMPARE(window.exit, 0);
        for (const QByteArray& l : window.out.trimmed().split('\n'))
            QVERIFY(l.toLongLong() >= 1795058220000 && l.toLongLong() < 1795058400000);
    }

    void errorsHaveExitCodesAndLeaveFilesAlone()
    {
        QCOMPARE(cli({QStringLiteral("consume"), m_ws, QStringLiteral("-t"), QStringLiteral("nope")}).exit,
                 3);
        const Run np = cli({QStringLiteral("consume"), m_ws, QStringLiteral("-t"), QStringLiteral("orders"),
                            QStringLiteral("-p"), QStringLiteral("9")});
        QCOMPARE(np.exit, 3);
        QVERIFY(np.err.contains("no partition 9"));
        QCOMPARE(cli({QStringLiteral("topics"), m_dir.filePath(QStringLiteral("missing.rewind"))}).exit, 3);

        QByteArray damaged = test::readFile(m_ws);
        for (qsizetype i = damaged.size() / 2; i < damaged.size() / 2 + 8192; ++i)
            damaged[i] = static_cast<char>(i * 7);
        const QString bad = m_dir.filePath(QStringLiteral("damaged.rewind"));
        QVERIFY(test::writeFile(bad, damaged));
        const QByteArray before = test::fileHash(bad);
        for (const char* cmd : {"topics", "groups", "verify"}) {
            const Run r = cli({QString::fromLatin1(cmd), bad});
            QCOMPARE(r.exit, 4);
            QVERIFY2(r.err.contains("damaged"), r.err.constData());
        }
        const Run imp =
            cli({QStringLiteral("import"), bad, QStringLiteral("-")}, R"({"topic":"t","value":1})");
        QCOMPARE(imp.exit, 4);
        QCOMPARE(test::fileHash(bad), before);
        QVERIFY(!QFileInfo::exists(bad + QStringLiteral("-wal")));

        const QString text = m_dir.filePath(QStringLiteral("notes.txt"));
        QVERIFY(test::writeFile(text, "just some notes\n"));
        const Run r = cli({QStringLiteral("topics"), text});
        QCOMPARE(r.exit, 4);
        QVERIFY(r.err.contains("not a Rewind workspace"));
        // demo --force must not replace a file that is not a workspace.
        QCOMPARE(cli({QStringLiteral("demo"), QStringLiteral("--out"), text, QStringLiteral("--force"),
                      QStringLiteral("--events"), QStringLiteral("10")})
                     .exit,
                 4);
        QCOMPARE(test::readFile(text), QByteArray("just some notes\n"));
        QVERIFY(cli({QStringLiteral("demo"), QStringLiteral("--out"), m_ws}).exit != 0); // exists, no --force
    }

    void importErrorsAndSkipBad()
    {
        const QString ws = m_dir.filePath(QStringLiteral("imp.rewind"));
        const QByteArray good = R"({"topic":"t","value":1})"
                                "\n";
        const Run bad = cli({QStringLiteral("import"), ws, QStringLiteral("-")}, good + "{broken\n" + good);
        QCOMPARE(bad.exit, 6);
        QVERIFY2(bad.err.contains("line 2:"), bad.err.constData());
        QVERIFY(bad.err.contains("unchanged"));
        QVERIFY(!QFileInfo::exists(ws)); // a failed import into a new file leaves nothing behind
        const Run skip =
            cli({QStringLiteral("import"), ws, QStringLiteral("-"), QStringLiteral("--skip-bad")},
                good + "{broken\n" + good);
        QCOMPARE(skip.exit, 5);
        QVERIFY(skip.err.contains("line 2:"));
        QVERIFY(skip.out.contains("Imported 2 records"));
        const QByteArray before = test::fileHash(ws);
        QCOMPARE(cli({QStringLiteral("import"), ws, QStringLiteral("-")}, good + "nope\n").exit, 6);
        QVERIFY(cli({QStringLiteral("topics"), ws}).out.contains(" 2 "));
        QCOMPARE(test::fileHash(ws), before);
    }

    void exportImportRoundTripAndDeterminism()
    {
        const QString dump = m_dir.filePath(QStringLiteral("dump.ndjson"));
        const Run ex = cli({QStringLiteral("export"), m_ws, QStringLiteral("-O"), dump});
        QCOMPARE(ex.exit, 0);
        QCOMPARE(test::readFile(dump).count('\n'), qsizetype(20000));
        const QString copy = m_dir.filePath(QStringLiteral("copy.rewind"));
        const Run im = cli({QStringLiteral("import"), copy, dump});
        QVERIFY2(im.exit == 0, im.err.constData());
        const QString dump2 = m_dir.filePath(QStringLiteral("dump2.ndjson"));
        QCOMPARE(cli({QStringLiteral("export"), copy, QStringLiteral("-O"), dump2}).exit, 0);
        QCOMPARE(test::fileHash(dump2), test::fileHash(dump));
        // The same seed gives the same workspace content.
        const QString other = m_dir.filePath(QStringLiteral("demo2.rewind"));
        QCOMPARE(cli({QStringLiteral("demo"), QStringLiteral("--out"), other, QStringLiteral("--events"),
                      QStringLiteral("20000")})
                     .exit,
                 0);
        const Run ex2 = cli({QStringLiteral("export"), other});
        QCOMPARE(QCryptographicHash::hash(ex2.out, QCryptographicHash::Sha256).toHex(), test::fileHash(dump));
        // Stdout export of one partition range.
        const Run part = cli({QStringLiteral("export"), m_ws, QStringLiteral("-t"), QStringLiteral("orders"),
                              QStringLiteral("-p"), QStringLiteral("1"), QStringLiteral("--from-offset"),
                              QStringLiteral("10"), QStringLiteral("-c"), QStringLiteral("3")});
        QCOMPARE(part.out.count('\n'), qsizetype(3));
        QVERIFY(part.out.startsWith("{\"topic\":\"orders\",\"partition\":1,\"offset\":10,"));
    }

    // kill -9 at random moments of an import into a workspace that already holds records: the
    // file always opens and verifies, the records it held are all there, and the import is all
    // or nothing (one transaction), never a part.
    void importKilledAtRandomPointsLeavesWholeTransactions()
    {
        const QString ndjson = m_dir.filePath(QStringLiteral("kill-source.ndjson"));
        QCOMPARE(cli({QStringLiteral("export"), m_ws, QStringLiteral("-O"), ndjson}).exit, 0);
        const auto source = parseTopics(cli({QStringLiteral("topics"), m_ws}).out);
        qint64 exported = 0;
        for (const auto& parts : source)
            for (const auto& p : parts)
                exported += p[3];
        QCOMPARE(exported, qint64(20000));
        const QString base = m_dir.filePath(QStringLiteral("kill-base.rewind"));
        QCOMPARE(cli({QStringLiteral("import"), base, QStringLiteral("-"), QStringLiteral("-t"),
                      QStringLiteral("before")},
                     QByteArray(R"({"topic":"before","key":"k","value":{"n":1}})"
                                "\n"))
                     .exit,
                 0);
        int complete = 0, nothing = 0;
        QRandomGenerator rng(20261201);
        for (int round = 0; round < 10; ++round) {
            const QString ws = m_dir.filePath(QStringLiteral("kill-%1.rewind").arg(round));
            QFile::remove(ws);
            QVERIFY(QFile::copy(base, ws));
            QFile::setPermissions(ws, QFile::ReadOwner | QFile::WriteOwner);
            QProcess p;
            p.start(QStringLiteral(REWIND_CLI), {QStringLiteral("import"), ws, ndjson});
            QVERIFY(p.waitForStarted());
            QTest::qWait(static_cast<int>(rng.bounded(20, 400)));
            if (p.state() == QProcess::Running) ::kill(static_cast<pid_t>(p.processId()), SIGKILL);
            if (p.state() != QProcess::NotRunning) QVERIFY(p.waitForFinished(60000));
            const Run verify = cli({QStringLiteral("verify"), ws});
            QVERIFY2(verify.exit == 0, (verify.out + verify.err).constData());
            const auto after = parseTopics(cli({QStringLiteral("topics"), ws}).out);
            QCOMPARE(after.value(QStringLiteral("before")).value(0).value(3), qint64(1)); // kept
            qint64 imported = 0;
            for (auto it = after.begin(); it != after.end(); ++it)
                if (it.key() != QLatin1String("before"))
                    for (const auto& part : it.value())
                        imported += part[3];
            QVERIFY2(imported == 0 || imported == exported, qPrintable(QString::number(imported)));
            (imported == 0 ? nothing : complete) += 1;
        }
        qInfo("import kill test: %d runs left nothing, %d the whole import", nothing, complete);
        QVERIFY(nothing > 0); // the kills did land mid-import
    }

    // An import into a file it creates writes straight into the file under a rollback journal
    // (no WAL copy). kill -9 at random moments: the file is either gone or opens, verifies and
    // holds nothing or everything; the next writer puts it back into WAL mode.
    void importIntoNewFileKilledAtRandomPointsIsAllOrNothing()
    {
        const QString one = m_dir.filePath(QStringLiteral("bulk-one.ndjson"));
        QCOMPARE(cli({QStringLiteral("export"), m_ws, QStringLiteral("-O"), one}).exit, 0);
        const QByteArray copy = test::readFile(one);
        const QString ndjson = m_dir.filePath(QStringLiteral("bulk-source.ndjson"));
        {
            QFile f(ndjson);
            QVERIFY(f.open(QIODevice::WriteOnly));
            for (int i = 0; i < 15; ++i) // 300k lines: long enough to be killed midway
                QCOMPARE(f.write(copy), copy.size());
        }
        const qint64 all = 15 * 20000;
        int whole = 0, nothing = 0, absent = 0;
        QRandomGenerator rng(20261202);
        for (int round = 0; round < 8; ++round) {
            const QString ws = m_dir.filePath(QStringLiteral("bulk-%1.rewind").arg(round));
            QProcess p;
            p.start(QStringLiteral(REWIND_CLI), {QStringLiteral("import"), ws, ndjson});
            QVERIFY(p.waitForStarted());
            QTest::qWait(static_cast<int>(rng.bounded(20, 700)));
            if (p.state() == QProcess::Running) ::kill(static_cast<pid_t>(p.processId()), SIGKILL);
            if (p.state() != QProcess::NotRunning) QVERIFY(p.waitForFinished(60000));
            if (!QFileInfo::exists(ws)) { // killed before the file was made
                ++absent;
                continue;
            }
            const Run verify = cli({QStringLiteral("verify"), ws});
            QVERIFY2(verify.exit == 0, (verify.out + verify.err).constData());
            qint64 imported = 0;
            for (const auto& parts : parseTopics(cli({QStringLiteral("topics"), ws}).out))
                for (const auto& part : parts)
                    imported += part[3];
            QVERIFY2(imported == 0 || imported == all, qPrintable(QString::number(imported)));
            (imported == 0 ? nothing : whole) += 1;
            // The next writer finds it in WAL mode again (or leaves it there).
            QCOMPARE(cli({QStringLiteral("import"), ws, QStringLiteral("-"), QStringLiteral("-t"),
                          QStringLiteral("after")},
                         QByteArray("{\"value\":1}\n"))
                         .exit,
                     0);
            QProcess sq;
            sq.start(QStringLiteral("sqlite3"), {ws, QStringLiteral("PRAGMA journal_mode")});
            QVERIFY(sq.waitForFinished(10000));
            QCOMPARE(sq.readAllStandardOutput().trimmed(), QByteArray("wal"));
        }
        qInfo("bulk import kill test: %d runs left no file, %d an empty workspace, %d the whole import",
              absent, nothing, whole);
        QVERIFY(nothing + absent > 0); // the kills did land mid-import
    }

    void verifyAcceptsIntactWorkspace()
    {
        const Run r = cli({QStringLiteral("verify"), m_ws});
        QCOMPARE(r.exit, 0);
        QVERIFY(r.out.contains(": ok"));
    }
};

QTEST_GUILESS_MAIN(TstCli)
#include "tst_cli.moc"
