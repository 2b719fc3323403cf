// The one way background jobs run (models/job_runner.h): the newest job wins, a cancelled job's
// work sees the cancel and its continuation never runs, the Result's error code arrives intact
// on the runner's thread, and destroying the runner waits for running work.

#include "job_runner.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QTest>
#include <QThread>

#include <atomic>

using namespace rw;

namespace {
// Blocks until `go` or the token says stop (at most 10 s).
void waitFor(const std::atomic_bool& go, const CancelToken& t)
{
    QElapsedTimer clock;
    clock.start();
    while (!go && !t.cancelled() && clock.elapsed() < 10'000)
        QThread::msleep(1); // the job's own polling of its token, as real jobs do between records
}

// Everything queued on this thread before this call has been delivered once it returns: posted
// events arrive in order, so a marker queued now comes after them (a condition, not a pause).
void drainQueued()
{
    QObject anchor;
    bool marker = false;
    QMetaObject::invokeMethod(
        &anchor, [&marker] { marker = true; }, Qt::QueuedConnection);
    QTRY_VERIFY(marker);
}
} // namespace

class TstJobRunner : public QObject {
    Q_OBJECT

private slots:
    // Every runner's jobs run on the one shared pool; a runner of width 1 runs its jobs one after
    // another (a superseded job finishes before the next starts), a runner of width 2 side by side.
    void runnersShareOnePoolAndKeepTheirWidth()
    {
        const int before = JobRunner::pool().activeThreadCount();
        std::atomic_bool release{false};
        std::atomic_int inSerial{0}, maxSerial{0}, started{0};
        auto serialWork = [&](const CancelToken&) -> Result<int> {
            const int now = ++inSerial;
            maxSerial = std::max(maxSerial.load(), now);
            ++started;
            QElapsedTimer clock;
            clock.start();
            while (!release && clock.elapsed() < 10'000) // ignores its token: the worst case
                QThread::msleep(1);
            --inSerial;
            return 1;
        };
        JobRunner serial(nullptr, 1), wide(nullptr, 2);
        std::atomic_int wideIn{0};
        auto wideWork = [&](const CancelToken&) -> Result<int> {
            ++wideIn;
            QElapsedTimer clock;
            clock.start();
            while (!release && clock.elapsed() < 10'000)
                QThread::msleep(1);
            return 2;
        };
        serial.start<int>(serialWork, [](Result<int>) {});
        serial.start<int>(serialWork, [](Result<int>) {}); // supersedes the first, waits for it
        wide.start<int>(wideWork, [](Result<int>) {});
        wide.start<int>(wideWork, [](Result<int>) {}); // cancels the first's token only
        QTRY_COMPARE(wideIn.load(), 2);                // both of the wide runner's jobs run at once…
        QTRY_COMPARE(started.load(), 1);               // …while the serial one's second waits
        QVERIFY(!serial.idle());
        // One pool holds them all: three jobs of two runners on its threads.
        QVERIFY2(JobRunner::pool().activeThreadCount() >= before + 3,
                 qPrintable(QString::number(JobRunner::pool().activeThreadCount())));
        release = true;
        QTRY_COMPARE(started.load(), 2);
        QTRY_VERIFY(serial.idle() && wide.idle());
        QCOMPARE(maxSerial.load(), 1);
    }

    // A streaming job's posts arrive in order while it is the newest; once another job starts,
    // what the old one still posts is dropped, and only the new job's results and end arrive.
    void streamedPostsOfASupersededJobAreDropped()
    {
        JobRunner runner(nullptr, 2);
        std::atomic_bool superseded{false}, postedLate{false};
        QList<int> seen;
        bool oldDone = false;
        runner.startStreaming<int>(
            [&](const CancelToken& t, const JobRunner::Post& post) -> Result<int> {
                for (int i = 1; i <= 3; ++i)
                    post([&seen, i] { seen << i; });
                waitFor(superseded, t); // the next start() cancels this job's token
                post([&seen] { seen << 99; });
                postedLate = true;
                return 0;
            },
            [&](Result<int>) { oldDone = true; });
        QTRY_COMPARE(seen, (QList<int>{1, 2, 3}));
        QList<int> fresh;
        int newDone = 0;
        runner.startStreaming<int>(
            [](const CancelToken&, const JobRunner::Post& post) -> Result<int> {
                post([] {});
                return 7;
            },
            [&](Result<int> r) {
                newDone = r.value();
                fresh << r.value();
            });
        superseded = true;
        QTRY_VERIFY(postedLate.load());
        QTRY_COMPARE(newDone, 7);
        QTRY_VERIFY(runner.idle());
        drainQueued();
        QCOMPARE(seen, (QList<int>{1, 2, 3})); // the 99 posted after it was superseded never ran
        QVERIFY(!oldDone);
        QCOMPARE(fresh, QList<int>{7});
    }

    void newestJobWins()
    {
        JobRunner runner(nullptr, 2);
        std::atomic_bool release{false}, firstSawCancel{false};
        QList<int> delivered;
        runner.start<int>(
            [&](const CancelToken& t) -> Result<int> {
                waitFor(release, t);
                firstSawCancel = t.cancelled();
                return 1;
            },
            [&](Result<int> r) { delivered << r.value(); });
        const int second = runner.start<int>([](const CancelToken&) -> Result<int> { return 2; },
                                             [&](Result<int> r) { delivered << r.value(); });
        QCOMPARE(runner.current(), second);
        release = true;
        QTRY_COMPARE(delivered, QList<int>{2});
        QTRY_VERIFY(runner.idle());
        drainQueued();
        QCOMPARE(delivered, QList<int>{2}); // the first job's result never arrives
        QVERIFY(firstSawCancel);            // it was told to stop when the second started
    }

    // add(): jobs that join the current group instead of superseding it (a table's pages). All of
    // them reach their continuations, in order at width 1; cancel() drops the whole group, also
    // jobs still waiting; a job added after that starts a new group.
    void addedJobsRunSideBySideUntilCancelled()
    {
        JobRunner runner(nullptr, 1);
        std::atomic_bool release{false};
        std::atomic_int ran{0};
        QList<int> delivered;
        for (int i = 1; i <= 3; ++i)
            runner.add<int>(
                [&, i](const CancelToken& t) -> Result<int> {
                    if (i == 1) waitFor(release, t);
                    ++ran;
                    return i;
                },
                [&](Result<int> r) { delivered << r.value(); });
        release = true;
        QTRY_COMPARE(delivered, (QList<int>{1, 2, 3}));
        // A group cancelled while its jobs wait: none of them starts or delivers.
        release = false;
        ran = 0;
        bool late = false;
        std::atomic_bool firstSawCancel{false}, started{false};
        runner.add<int>(
            [&](const CancelToken& t) -> Result<int> {
                started = true;
                waitFor(release, t);
                firstSawCancel = t.cancelled();
                return 0;
            },
            [&](Result<int>) { late = true; });
        for (int i = 0; i < 5; ++i)
            runner.add<int>(
                [&](const CancelToken&) -> Result<int> {
                    ++ran;
                    return 1;
                },
                [&](Result<int>) { late = true; });
        QTRY_VERIFY(started.load()); // the first is running, the five wait behind it
        runner.cancel();
        QTRY_VERIFY(firstSawCancel.load());
        QTRY_VERIFY(runner.idle());
        drainQueued();
        QVERIFY(!late);
        QCOMPARE(ran.load(), 0);
        // The next job begins a group of its own and delivers.
        int fresh = 0;
        runner.add<int>([](const CancelToken&) -> Result<int> { return 9; },
                        [&](Result<int> r) { fresh = r.value(); });
        QTRY_COMPARE(fresh, 9);
    }

    void cancelStopsTheWorkAndTheContinuation()
    {
        JobRunner runner;
        std::atomic_bool sawCancel{false};
        bool called = false;
        std::atomic_bool never{false};
        runner.start<int>(
            [&](const CancelToken& t) -> Result<int> {
                waitFor(never, t);
                sawCancel = t.cancelled();
                return makeError(ErrorCode::Cancelled, QStringLiteral("stopped"));
            },
            [&](Result<int>) { called = true; });
        QTest::qWait(20);
        runner.cancel();
        QTRY_VERIFY(sawCancel.load());
        QTRY_VERIFY(runner.idle());
        drainQueued();
        QVERIFY(!called);
    }

    // stop(): the work ends early and what it has so far still arrives (a stopped search keeps
    // its matches).
    void stopDeliversWhatWasDone()
    {
        JobRunner runner;
        std::optional<int> got;
        std::atomic_bool never{false};
        runner.start<int>(
            [&](const CancelToken& t) -> Result<int> {
                waitFor(never, t);
                return t.cancelled() ? 7 : 0;
            },
            [&](Result<int> r) { got = r.value(); });
        QTest::qWait(20);
        runner.stop();
        QTRY_COMPARE(got, std::optional<int>(7));
    }

    void errorCodeArrivesIntactOnTheRunnersThread()
    {
        JobRunner runner;
        std::optional<Error> got;
        QThread* workThread = nullptr;
        QThread* doneThread = nullptr;
        runner.start<QString>(
            [&](const CancelToken&) -> Result<QString> {
                workThread = QThread::currentThread();
                return makeError(ErrorCode::NotFound, QStringLiteral("unknown topic 'x'"));
            },
            [&](Result<QString> r) {
                doneThread = QThread::currentThread();
                got = r.error();
            });
        QTRY_VERIFY(got.has_value());
        QCOMPARE(got->code, ErrorCode::NotFound);
        QCOMPARE(got->message, QStringLiteral("unknown topic 'x'"));
        QVERIFY(workThread != QThread::currentThread());
        QCOMPARE(doneThread, QThread::currentThread());
    }

    void destroyingTheRunnerWaitsForItsWork()
    {
        std::atomic_bool finished{false};
        bool called = false;
        {
            JobRunner runner;
            runner.start<int>(
                [&](const CancelToken& t) -> Result<int> {
                    std::atomic_bool never{false};
                    waitFor(never, t);
                    finished = true;
                    return 0;
                },
                [&](Result<int>) { called = true; });
            QTest::qWait(20);
        } // cancels, then waits
        QVERIFY(finished.load());
        drainQueued();
        QVERIFY(!called);
    }
};

QTEST_GUILESS_MAIN(TstJobRunner)
#include "tst_job_runner.moc"
