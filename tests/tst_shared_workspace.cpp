// One workspace, many processes (issue #23, point 1): two processes hold the file as the window does
// (tests/workspace_holder: an open source, a case book saving pins and notes, new connections as
// group clicks make them, lag samples), while rewind-cli runs every command that opens it, reading
// and writing, again and again. Afterwards a fresh process must find every write of every process,
// the file must pass SQLite's integrity check, and no holder may ever have had a descriptor on a
// deleted -wal or -shm (what a process has after it lost its locks to a stray close(): SQLite's
// "How To Corrupt", 2.2).

#include "cli_run.h"
#include "sqlite_util.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <memory>
#include <set>

using namespace rw;

namespace {

using test::cli;
using test::Run;

// Descriptors of process `pid` on the workspace's files that point at unlinked ones.
QStringList deletedDescriptors(qint64 pid, const QString& workspace)
{
    QStringList out;
    const QString name = QFileInfo(workspace).fileName();
    const QDir fds(QStringLiteral("/proc/%1/fd").arg(pid));
    for (const QString& fd : fds.entryList(QDir::System | QDir::NoDotAndDotDot)) {
        const QString target = QFileInfo(fds.filePath(fd)).symLinkTarget();
        if (target.contains(name) && target.endsWith(QLatin1String(" (deleted)"))) out << target;
    }
    return out;
}

struct Holder {
    explicit Holder(QString n) : name(std::move(n)) {}
    QString name;
    std::unique_ptr<QProcess> process = std::make_unique<QProcess>();
    bool started = false;
    QByteArray out;
    bool finished() const
    {
        if (started && process->state() != QProcess::NotRunning)
            process->waitForFinished(0); // notices an exit
        return started && process->state() == QProcess::NotRunning;
    }
    void read()
    {
        if (started) out += process->readAllStandardOutput();
    }
    QList<QByteArray> lines(const QByteArray& prefix) const
    {
        QList<QByteArray> r;
        for (const QByteArray& l : out.split('\n'))
            if (l.startsWith(prefix + ' ')) r << l.mid(prefix.size() + 1);
        return r;
    }
};

} // namespace

class TstSharedWorkspace : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    QString m_ws;

    QString path(const QString& name) const { return m_dir.filePath(name); }

    void startHolder(Holder& h, int steps)
    {
        h.process->setProcessChannelMode(QProcess::SeparateChannels);
        h.process->start(QStringLiteral(REWIND_HOLDER),
                         {m_ws, h.name, QString::number(steps), path(QStringLiteral("cases-") + h.name)});
        QVERIFY2(h.process->waitForStarted(), qPrintable(h.process->errorString()));
        h.started = true;
        // Ready once it has the file open, its case made and saved.
        QTRY_VERIFY_WITH_TIMEOUT((h.read(), h.out.contains("ready\n") || h.finished()), 60000);
        QVERIFY2(h.out.contains("ready\n"), h.out.constData());
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_ws = path(QStringLiteral("shared.rewind"));
        const Run demo = cli({QStringLiteral("demo"), QStringLiteral("--out"), m_ws,
                              QStringLiteral("--events"), QStringLiteral("20000")});
        QCOMPARE(demo.exit, 0);
    }

    void everyProcessKeepsEveryWrite()
    {
        // What to capture: a sandbox topic of the test broker, when scripts/test started one.
        const QString bootstrap = qEnvironmentVariable("REWIND_KAFKA_BOOTSTRAP");
        const QString kafkaTopic =
            QStringLiteral("sandbox.shared-ws-%1").arg(QCoreApplication::applicationPid());
        if (!bootstrap.isEmpty()) {
            QByteArray lines;
            for (int i = 0; i < 10; ++i)
                lines += QByteArray("k") + QByteArray::number(i) + ":{\"n\":" + QByteArray::number(i) + "}\n";
            const QString input = path(QStringLiteral("produce.txt"));
            QFile f(input);
            QVERIFY(f.open(QIODevice::WriteOnly) && f.write(lines) == lines.size());
            f.close();
            const Run produced =
                cli({QStringLiteral("produce"), QStringLiteral("-b"), bootstrap, QStringLiteral("-t"),
                     kafkaTopic, QStringLiteral("-K"), QStringLiteral(":"), QStringLiteral("--create"),
                     QStringLiteral("1"), input});
            QVERIFY2(produced.exit == 0, produced.err.constData());
        } else {
            qWarning("REWIND_KAFKA_BOOTSTRAP is not set: capture is left out of the rounds");
        }

        Holder first(QStringLiteral("holder-one")), second(QStringLiteral("holder-two"));
        startHolder(first, 240);

        // Rounds of every command that opens the workspace, until both holders are done (at least
        // four, at most forty). Each must succeed and never call the file damaged.
        int rounds = 0, imported = 0;
        QStringList probes, captured;
        QStringList seenDeleted;
        auto check = [&](const Run& r, const QString& what) {
            QVERIFY2(
                r.exit == 0,
                qPrintable(what + QStringLiteral(": exit %1: %2").arg(r.exit).arg(QString::fromUtf8(r.err))));
            QVERIFY2(!r.err.contains("damaged") && !r.err.contains("disk I/O"),
                     qPrintable(what + u' ' + QString::fromUtf8(r.err)));
        };
        for (; rounds < 40 && (rounds < 4 || !first.finished() || !second.finished()); ++rounds) {
            if (rounds == 1) startHolder(second, 160);
            if (QTest::currentTestFailed()) return;
            const QString n = QString::number(rounds);
            check(cli({QStringLiteral("topics"), m_ws}), QStringLiteral("topics"));
            check(cli({QStringLiteral("consume"), m_ws, QStringLiteral("-t"), QStringLiteral("orders"),
                       QStringLiteral("-o"), QStringLiteral("-5"), QStringLiteral("-J")}),
                  QStringLiteral("consume"));
            check(cli({QStringLiteral("export"), m_ws, QStringLiteral("-t"), QStringLiteral("payments"),
                       QStringLiteral("-c"), QStringLiteral("20"), QStringLiteral("-O"),
                       path(QStringLiteral("export.ndjson"))}),
                  QStringLiteral("export"));
            // Three records a round into a topic of their own, each with its round and number.
            QByteArray nd;
            for (int i = 0; i < 3; ++i)
                nd += "{\"topic\":\"imported\",\"key\":\"r" + n.toUtf8() + "-" + QByteArray::number(i) +
                      "\",\"value\":{\"round\":" + n.toUtf8() + ",\"i\":" + QByteArray::number(i) + "}}\n";
            const QString ndPath = path(QStringLiteral("import.ndjson"));
            {
                QFile f(ndPath);
                QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate) && f.write(nd) == nd.size());
            }
            check(cli({QStringLiteral("import"), m_ws, ndPath}), QStringLiteral("import"));
            imported += 3;
            check(cli({QStringLiteral("index"), m_ws}), QStringLiteral("index"));
            probes << QStringLiteral("probe.round%1").arg(rounds);
            check(cli({QStringLiteral("mask"), m_ws, QStringLiteral("--field"), probes.last()}),
                  QStringLiteral("mask"));
            check(cli({QStringLiteral("case"), m_ws}), QStringLiteral("case"));
            if (!bootstrap.isEmpty()) {
                captured << QStringLiteral("captured-%1").arg(rounds);
                check(cli({QStringLiteral("capture"), QStringLiteral("-b"), bootstrap, QStringLiteral("-t"),
                           kafkaTopic, QStringLiteral("-o"), QStringLiteral("beginning"),
                           QStringLiteral("-c"), QStringLiteral("10"), QStringLiteral("--out"), m_ws,
                           QStringLiteral("--as"), captured.last()}),
                      QStringLiteral("capture"));
            }
            for (Holder* h : {&first, &second}) {
                h->read();
                if (!h->finished() && h->process->processId() > 0)
                    seenDeleted << deletedDescriptors(h->process->processId(), m_ws);
            }
        }
        for (Holder* h : {&first, &second}) {
            QVERIFY2(h->finished() || h->process->waitForFinished(300000), qPrintable(h->name));
            h->read();
            const QByteArray err = h->process->readAllStandardError();
            QVERIFY2(h->process->exitStatus() == QProcess::NormalExit && h->process->exitCode() == 0,
                     qPrintable(h->name + u'\n' + QString::fromUtf8(h->out + err)));
            QVERIFY2(h->lines("deleted").isEmpty(), h->out.constData());
            QVERIFY2(h->lines("failed").isEmpty(), h->out.constData());
        }
        QVERIFY2(seenDeleted.isEmpty(), qPrintable(seenDeleted.join(u'\n')));
        qInfo("%d rounds of rewind-cli beside two holders", rounds);
        QVERIFY(rounds >= 4);

        // A fresh process finds each holder's case: every pin with its last note, the last summary.
        for (Holder* h : {&first, &second}) {
            const Run shown = cli({QStringLiteral("case"), m_ws, h->name});
            check(shown, QStringLiteral("case ") + h->name);
            const QList<QByteArray> pins = h->lines("pin");
            QVERIFY(pins.size() >= 100);
            QVERIFY2(shown.out.contains(h->name.toUtf8() + " final summary"), shown.out.constData());
            // Its rows: STATUS TOPIC PARTITION OFFSET TIME KEY NOTE, one per pin.
            std::set<QByteArray> rows;
            for (const QByteArray& line : shown.out.split('\n')) {
                const QList<QByteArray> f = line.simplified().split(' ');
                if (f.size() == 7 && f[0] == "found")
                    rows.insert(f[1] + ' ' + f[2] + ' ' + f[3] + ' ' + f[6]);
            }
            QCOMPARE(rows.size(), size_t(pins.size()));
            for (const QByteArray& p : pins)
                QVERIFY2(rows.count(p), (p + " is lost\n" + shown.out).constData());
            QVERIFY2(shown.err.contains(QByteArray::number(pins.size()) + " pins, 0 missing"),
                     shown.err.constData());
        }

        // The CLI's own writes: every import, every capture, every masked path.
        const Run topics = cli({QStringLiteral("topics"), m_ws});
        check(topics, QStringLiteral("topics"));
        std::map<QString, qint64> counts;
        for (const QByteArray& line : topics.out.split('\n')) {
            const QList<QByteArray> f = line.simplified().split(' ');
            if (f.size() >= 5 && f[0] != "TOPIC" && !f[1].startsWith("(all"))
                counts[QString::fromUtf8(f[0])] += f[4].toLongLong();
        }
        QCOMPARE(counts[QStringLiteral("imported")], qint64(imported));
        for (const QString& t : captured)
            QVERIFY2(counts[t] == 10, qPrintable(t));
        const Run mask = cli({QStringLiteral("mask"), m_ws});
        check(mask, QStringLiteral("mask"));
        const QJsonArray fields =
            QJsonDocument::fromJson(mask.out).object().value(QStringLiteral("fields")).toArray();
        for (const QString& probe : probes)
            QVERIFY2(fields.contains(probe),
                     qPrintable(probe + QStringLiteral(" is lost: ") + QString::fromUtf8(mask.out)));

        // The holders' lag samples, and SQLite's own integrity check, read now that all are gone.
        sqlite3* db = nullptr;
        QCOMPARE(sqlite3_open_v2(QFile::encodeName(m_ws).constData(), &db, SQLITE_OPEN_READONLY, nullptr),
                 SQLITE_OK);
        std::unique_ptr<sqlite3, decltype(&sqlite3_close_v2)> closer(db, &sqlite3_close_v2);
        int samples = 0;
        for (Holder* h : {&first, &second}) {
            for (const QByteArray& l : h->lines("lag")) {
                const QList<QByteArray> f = l.split(' ');
                QCOMPARE(f.size(), 3);
                sql::Stmt s(db, "SELECT lag FROM lag_samples JOIN groups ON groups.id = lag_samples.group_id "
                                "WHERE groups.name = ? AND lag_samples.ts = ?");
                s.bindText(1, QString::fromUtf8(f[0])).bind(2, f[1].toLongLong());
                QVERIFY2(s.step() == SQLITE_ROW && s.int64(0) == f[2].toLongLong(),
                         (l + " is lost").constData());
                ++samples;
            }
        }
        QVERIFY(samples > 0);
        sql::Stmt integrity(db, "PRAGMA integrity_check");
        QCOMPARE(integrity.step(), SQLITE_ROW);
        QCOMPARE(integrity.text(0), QStringLiteral("ok"));
    }

    // A writer that keeps the file locked past the busy timeout (here: an exclusive transaction
    // held by this process) makes rewind-cli wait and then say the file is busy: never damaged,
    // and not the exit code of an unusable workspace.
    void aLockedWorkspaceIsBusyNotDamaged()
    {
        const QString ws = path(QStringLiteral("locked.rewind"));
        QCOMPARE(cli({QStringLiteral("demo"), QStringLiteral("--out"), ws, QStringLiteral("--events"),
                      QStringLiteral("2000")})
                     .exit,
                 0);
        sqlite3* db = nullptr;
        QCOMPARE(sqlite3_open_v2(QFile::encodeName(ws).constData(), &db, SQLITE_OPEN_READWRITE, nullptr),
                 SQLITE_OK);
        std::unique_ptr<sqlite3, decltype(&sqlite3_close_v2)> closer(db, &sqlite3_close_v2);
        QVERIFY(sql::exec(db, "PRAGMA locking_mode=EXCLUSIVE; BEGIN EXCLUSIVE; "
                              "INSERT INTO meta(key, value) VALUES('held', 'yes')"));
        const Run r = cli({QStringLiteral("topics"), ws});
        QVERIFY2(r.exit == 1, r.err.constData()); // a runtime failure, not 4 (workspace unusable)
        QVERIFY2(r.err.contains("is busy") && !r.err.contains("damaged"), r.err.constData());
        // Once the lock is gone the same command reads it, and the file was never in doubt.
        QVERIFY(sql::exec(db, "ROLLBACK; PRAGMA locking_mode=NORMAL; SELECT 1 FROM meta LIMIT 1"));
        closer.reset();
        const Run again = cli({QStringLiteral("topics"), ws});
        QVERIFY2(again.exit == 0, again.err.constData());
        QVERIFY(again.out.contains("payments"));
    }
};

QTEST_GUILESS_MAIN(TstSharedWorkspace)
#include "tst_shared_workspace.moc"
