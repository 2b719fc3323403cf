// The explorer's workers and helpers: timeline counts, lag history and catch-up estimates,
// the lag sampler, and the filter bar's search runner, on real workspace files.

#include "demo_workspace.h"
#include "group_details.h"
#include "kafka_source.h"
#include "profile_store.h"
#include "record_source.h"
#include "replay_runner.h"
#include "search_runner.h"
#include "source_registry.h"
#include "test_util.h"
#include "timeline_loader.h"
#include "view_state.h"
#include "watermark_poller.h"
#include "workspace_overview.h"
#include "workspace_store.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QProcess>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace rw;

class TstExplorerModels : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    QString m_ws;
    DemoWorkspaceReport m_rep;

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("RewindTests"));
        m_ws = m_dir.filePath(QStringLiteral("demo.rewind"));
        DemoOptions o;
        o.events = 30000;
        auto r = createDemoWorkspace(m_ws, o);
        QVERIFY(r.ok());
        m_rep = r.value();
    }

    // A profile's password goes to the OS keychain (a real Secret Service: gnome-keyring in
    // scripts/test's private D-Bus session), never into the settings file.
    void passwordsGoToTheKeychainNotSettings()
    {
        if (qEnvironmentVariable("REWIND_TEST_KEYRING") != QLatin1String("1"))
            QSKIP("needs the test keyring: scripts/test runs gnome-keyring in a private D-Bus session");
        const QString secret = QStringLiteral("s3cret-%1").arg(QDateTime::currentMSecsSinceEpoch());
        KafkaProfile p;
        p.name = QStringLiteral("keychain test %1").arg(QDateTime::currentMSecsSinceEpoch());
        p.bootstrap = QStringLiteral("127.0.0.1:1");
        p.securityProtocol = QStringLiteral("sasl_plaintext");
        p.saslMechanism = QStringLiteral("PLAIN");
        p.saslUser = QStringLiteral("alice");
        p.saslPassword = secret;
        ProfileStore store;
        QVERIFY(store.save(p).ok());
        QSignalSpy stored(&store, &ProfileStore::passwordStored);
        store.storePassword(p.name, secret);
        QTRY_COMPARE_WITH_TIMEOUT(stored.size(), 1, 10000);
        QVERIFY2(stored.at(0).at(1).toBool(), qPrintable(stored.at(0).at(2).toString()));
        QVERIFY(!store.sessionPassword(p.name));
        QSettings settings;
        settings.sync();
        QVERIFY(!test::readFile(settings.fileName()).contains(secret.toUtf8()));
        QCOMPARE(store.profile(p.name)->saslPassword, QString()); // the saved profile has none
        ProfileStore other;                                       // as after a restart
        QSignalSpy read(&other, &ProfileStore::passwordRead);
        other.readPassword(p.name);
        QTRY_COMPARE_WITH_TIMEOUT(read.size(), 1, 10000);
        QVERIFY(read.at(0).at(2).toBool());
        QCOMPARE(read.at(0).at(1).toString(), secret);
        store.remove(p.name);
        QVERIFY(!store.profile(p.name));
        read.clear();
        QTest::qWait(300); // the delete job finishes
        other.readPassword(p.name);
        QTRY_COMPARE_WITH_TIMEOUT(read.size(), 1, 10000);
        QVERIFY(!read.at(0).at(2).toBool());
    }

    // Without any Secret Service the password is refused by the keychain, kept in memory for the
    // session, and still never written to a file. Runs in a child process with no D-Bus.
    void passwordWithoutKeychainStaysInMemory()
    {
        const QString secret = QStringLiteral("no-keychain-secret");
        if (qEnvironmentVariable("REWIND_KEYCHAIN_CHILD") != QLatin1String("1")) {
            QProcess child;
            QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
            env.insert(QStringLiteral("REWIND_KEYCHAIN_CHILD"), QStringLiteral("1"));
            env.insert(QStringLiteral("DBUS_SESSION_BUS_ADDRESS"),
                       QStringLiteral("unix:path=/nonexistent/bus"));
            child.setProcessEnvironment(env);
            child.setProcessChannelMode(QProcess::MergedChannels);
            child.start(QCoreApplication::applicationFilePath(),
                        {QStringLiteral("passwordWithoutKeychainStaysInMemory")});
            QVERIFY(child.waitForFinished(60000));
            QVERIFY2(child.exitCode() == 0, child.readAll().constData());
            return;
        }
        ProfileStore store;
        KafkaProfile p;
        p.name = QStringLiteral("no keychain");
        p.bootstrap = QStringLiteral("127.0.0.1:1");
        QVERIFY(store.save(p).ok());
        QSignalSpy stored(&store, &ProfileStore::passwordStored);
        store.storePassword(p.name, secret);
        QTRY_COMPARE_WITH_TIMEOUT(stored.size(), 1, 30000);
        QVERIFY(!stored.at(0).at(1).toBool());
        QVERIFY(!stored.at(0).at(2).toString().isEmpty());
        QCOMPARE(store.sessionPassword(p.name).value_or(QString()), secret);
        QSettings settings;
        settings.sync();
        QVERIFY(!test::readFile(settings.fileName()).contains(secret.toUtf8()));
        store.remove(p.name);
    }

    // The replay console's runner on a Kafka sandbox: an observer group reads along and its
    // lag drains to zero; the journal lists the run.
    void replayRunnerObservesTheSandbox()
    {
        const QString bootstrap = qEnvironmentVariable("REWIND_KAFKA_BOOTSTRAP");
        if (bootstrap.isEmpty())
            QSKIP("REWIND_KAFKA_BOOTSTRAP is not set (scripts/test starts the test broker)");
        ReplayJob job;
        job.source = SourceSpec::file(m_ws);
        job.sourceTopic = QStringLiteral("payments");
        job.fromTime = m_rep.incidentStart;
        job.toTime = m_rep.incidentStart + 3'600'000;
        job.target = SourceSpec::bootstrap(bootstrap);
        job.targetTopic = QStringLiteral("sandbox.observed-%1").arg(QDateTime::currentMSecsSinceEpoch());
        ReplayRunner runner;
        QSignalSpy progress(&runner, &ReplayRunner::progress);
        QSignalSpy finished(&runner, &ReplayRunner::finished);
        QSignalSpy failed(&runner, &ReplayRunner::failed);
        runner.run(job, ReplayMode::Run);
        QTRY_VERIFY_WITH_TIMEOUT(finished.size() + failed.size() == 1, 60000);
        QVERIFY2(finished.size() == 1,
                 failed.isEmpty() ? "" : qPrintable(failed.at(0).at(0).value<Error>().message));
        const ReplayReport rep = finished.at(0).at(0).value<ReplayReport>();
        QVERIFY(rep.written > 0);
        QVERIFY(!progress.isEmpty());
        const ReplayProgress last = progress.last().at(0).value<ReplayProgress>();
        QCOMPARE(last.observerConsumed, rep.written);
        QCOMPARE(last.observerLag, qint64(0));
        QSignalSpy journal(&runner, &ReplayRunner::journalLoaded);
        runner.loadJournal(m_ws);
        QTRY_COMPARE_WITH_TIMEOUT(journal.size(), 1, 5000);
        const auto runs = journal.at(0).at(0).value<std::vector<JournalEntry>>();
        QVERIFY(!runs.empty());
        QCOMPARE(runs.back().outcome, QStringLiteral("complete"));
        KafkaProfile p;
        p.bootstrap = bootstrap;
        if (auto c = KafkaClient::connect(p)) (void)c.value()->deleteTopic(job.targetTopic);
    }

    // The window's runner and the CLI run the same replay session: a consumer that stops reading
    // halfway is reported as failed, with the reason, even though it exited with status 0.
    void replayRunnerReportsAConsumerThatStopsReading()
    {
        ReplayJob job;
        job.source = SourceSpec::file(m_ws);
        job.sourceTopic = QStringLiteral("payments");
        job.target = SourceSpec::file(m_dir.filePath(QStringLiteral("consumer-quits.rewind")));
        job.targetTopic = QStringLiteral("p");
        job.consumer.command = {QStringLiteral("sh"), QStringLiteral("-c"),
                                QStringLiteral("head -c 100 >/dev/null; exit 0")};
        job.consumer.input = ReplayConsumer::Stdin;
        ReplayRunner runner;
        QSignalSpy finished(&runner, &ReplayRunner::finished);
        QSignalSpy failed(&runner, &ReplayRunner::failed);
        QElapsedTimer took;
        took.start();
        runner.run(job, ReplayMode::Run);
        QTRY_VERIFY_WITH_TIMEOUT(finished.size() + failed.size() == 1, 60000);
        // It had ended by itself: no waiting out its 30 s grace period, no "was stopped".
        QVERIFY2(took.elapsed() < 20000, qPrintable(QString::number(took.elapsed())));
        QVERIFY2(finished.size() == 1,
                 failed.isEmpty() ? "" : qPrintable(failed.at(0).at(0).value<Error>().message));
        const ReplayReport rep = finished.at(0).at(0).value<ReplayReport>();
        QVERIFY(rep.written > 1000); // the replay itself went on
        const QString status = finished.at(0).at(1).toString();
        QVERIFY2(finished.at(0).at(2).toBool(), qPrintable(status));
        QVERIFY2(status.contains(QStringLiteral("stopped before the replay ended")), qPrintable(status));
        QVERIFY2(status.contains(QStringLiteral("exited with status 0")), qPrintable(status));
    }

    // The view as one value: the timeline's range is a field of its own, never in the filter's
    // text; a replay covers the range, else the zoom of an unfiltered view; JSON round-trips, and
    // a saved range that is not one (reversed, not numbers) is dropped.
    void viewStateKeepsRangeFilterAndZoom()
    {
        ViewState v;
        v.source = QStringLiteral("/tmp/a.rewind");
        v.topic = QStringLiteral("payments");
        v.partition = 2;
        v.filter = QStringLiteral("value.status == \"failed\"");
        QVERIFY(!v.replayRange()); // a filter of its own, no range: the zoom is only a view
        v.range = ViewState::Range{1'795'000'000'000, 1'795'003'600'000};
        QCOMPARE(v.filter, QStringLiteral("value.status == \"failed\"")); // the text stays the user's
        QCOMPARE(v.replayRange(), v.range);
        ViewState zoomed;
        zoomed.topic = QStringLiteral("orders");
        zoomed.zoom = ViewState::Range{10, 20};
        QCOMPARE(zoomed.replayRange(), zoomed.zoom);
        v.zoom = ViewState::Range{5, 50};
        const QJsonObject json = v.toJson();
        QCOMPARE(json.value(QStringLiteral("range")).toArray().size(), 2);
        QCOMPARE(ViewState::fromJson(json), v);
        QCOMPARE(ViewState::fromJson(QJsonObject{}).partition, -1);
        QJsonObject reversed = json;
        reversed[QStringLiteral("range")] = QJsonArray{20.0, 10.0};
        QVERIFY(!ViewState::fromJson(reversed).range);
        reversed[QStringLiteral("range")] = QJsonArray{QStringLiteral("a"), QStringLiteral("b")};
        QVERIFY(!ViewState::fromJson(reversed).range);
    }

    void niceBuckets()
    {
        QCOMPARE(niceBucket(7 * 86'400'000LL, 720), TimestampMs(15 * 60'000)); // a week: 15 min
        QCOMPARE(niceBucket(3'600'000, 720),
                 TimestampMs(10'000)); // an hour: 10 s (720 of 5 s would not fit once aligned)
        QCOMPARE(niceBucket(3'590'000, 720), TimestampMs(5000));
        QCOMPARE(niceBucket(10'000, 720), TimestampMs(1000));
        QVERIFY(niceBucket(3650LL * 86'400'000, 720) * 720 >= 3650LL * 86'400'000); // ten years fit
    }

    // Every record lands in exactly one bucket; per-partition series add up to the topic's;
    // a zoomed range counts exactly the records in it.
    void timelineCountsEveryRecordOnce()
    {
        auto source = openRecordSource(SourceSpec::file(m_ws));
        QVERIFY(source.ok());
        auto store = WorkspaceStore::open(m_ws, WorkspaceStore::Mode::ReadOnly); // the brute-force count
        QVERIFY(store.ok());
        auto all = loadTimeline(*source.value(), QString(), std::nullopt, 720);
        QVERIFY(all.ok());
        QCOMPARE(all->records, m_rep.records);
        QCOMPARE(all->series.size(), size_t(3));
        QVERIFY(all->buckets <= 721);
        auto byPartition = loadTimeline(*source.value(), QStringLiteral("payments"), std::nullopt, 720, true);
        auto whole = loadTimeline(*source.value(), QStringLiteral("payments"), std::nullopt, 720, false);
        QVERIFY(byPartition.ok() && whole.ok());
        QCOMPARE(byPartition->series.size(), size_t(6));
        QCOMPARE(whole->series.size(), size_t(1));
        for (int b = 0; b < whole->buckets; ++b) {
            qint64 sum = 0;
            for (const TimelineSeries& s : byPartition->series)
                sum += s.counts[static_cast<size_t>(b)];
            QCOMPARE(sum, whole->series[0].counts[static_cast<size_t>(b)]);
        }
        // The incident hour, zoomed: 10-second buckets, counts equal to a brute-force count.
        const TimestampMs from = m_rep.incidentStart - 600'000, to = m_rep.incidentStart + 3'000'000;
        auto zoom = loadTimeline(*source.value(), QStringLiteral("payments"), std::make_pair(from, to), 720);
        QVERIFY(zoom.ok());
        QCOMPARE(zoom->bucketMs, TimestampMs(10'000));
        qint64 brute = 0;
        const TopicInfo payments = store.value()->topic(QStringLiteral("payments")).value();
        for (const PartitionInfo& p : payments.partitions)
            for (const Record& r :
                 store.value()->read(QStringLiteral("payments"), p.partition, p.low, -1).value())
                if (r.timestamp >= zoom->from && r.timestamp < zoom->from + zoom->buckets * zoom->bucketMs)
                    ++brute;
        QCOMPARE(zoom->records, brute);
        QCOMPARE(loadTimeline(*source.value(), QStringLiteral("nope"), std::nullopt, 720).error().code,
                 ErrorCode::NotFound);
    }

    void catchUpEstimates()
    {
        // Catching up 10 records/s: 3,000 left -> 5 minutes.
        std::vector<LagSample> down;
        for (int i = 0; i <= 10; ++i)
            down.push_back({i * 60'000LL, 9000 - i * 600});
        CatchUp c = estimateCatchUp(down);
        QVERIFY(qAbs(*c.ratePerSecond - 10.0) < 1e-6);
        QCOMPARE(*c.etaMs, qint64(300'000));
        QVERIFY(c.words.contains(QStringLiteral("catching up")));
        std::vector<LagSample> up;
        for (int i = 0; i <= 10; ++i)
            up.push_back({i * 60'000LL, 100 + i * 120});
        c = estimateCatchUp(up);
        QVERIFY(*c.ratePerSecond < 0 && !c.etaMs);
        QVERIFY(c.words.contains(QStringLiteral("falling behind by 120 records/min")));
        c = estimateCatchUp({{0, 500}, {60'000, 500}, {120'000, 500}});
        QVERIFY(c.words.contains(QStringLiteral("steady")));
        QVERIFY(estimateCatchUp({}).words.contains(QStringLiteral("no lag history")));
        QVERIFY(estimateCatchUp({{0, 0}}).words.contains(QStringLiteral("caught up")));
        // Only the last hour counts: an old climb does not hide a recent recovery.
        std::vector<LagSample> mixed;
        for (int i = 0; i < 50; ++i)
            mixed.push_back({i * 600'000LL, i * 1000});
        for (int i = 0; i <= 6; ++i)
            mixed.push_back({50 * 600'000LL + i * 600'000LL, 49'000 - i * 6000});
        QVERIFY(estimateCatchUp(mixed).words.contains(QStringLiteral("catching up")));
        // Walkthrough defect 6.14: a reset to the earliest offset is a jump, not "falling behind";
        // after it, the rate comes from the samples since.
        std::vector<LagSample> reset;
        for (int i = 0; i <= 10; ++i)
            reset.push_back({i * 60'000LL, 2000 - i * 20});
        reset.push_back({11 * 60'000LL, 9000});
        c = estimateCatchUp(reset);
        QVERIFY2(c.words.contains(QStringLiteral("jumped")) && !c.ratePerSecond, qPrintable(c.words));
        reset.push_back({12 * 60'000LL, 8400});
        reset.push_back({13 * 60'000LL, 7800});
        c = estimateCatchUp(reset);
        QVERIFY2(c.words.contains(QStringLiteral("catching up at 10")), qPrintable(c.words));
    }

    // The window hands the sampler the overview's groups as its first sample: a cluster of 500
    // groups is not asked for every lag twice in a row. Proven by a commit made after the
    // overview was read: the first sample is the overview's lag, the next one the new lag.
    void samplerStartsFromTheOverviewsGroups()
    {
        const QString p = m_dir.filePath(QStringLiteral("sampler-first.rewind"));
        {
            auto s = WorkspaceStore::create(p);
            QVERIFY(s.ok());
            QVERIFY(s.value()->createTopic(QStringLiteral("t"), 1).ok());
            std::vector<ProducerRecord> recs;
            for (int i = 0; i < 50; ++i)
                recs.push_back(
                    test::producerRecord(QStringLiteral("t"), 0, i, QByteArray("k"), QByteArray("v")));
            QVERIFY(s.value()->append(recs).ok());
            QVERIFY(s.value()
                        ->commitOffsets(QStringLiteral("g"), {{QStringLiteral("t"), 0, 20, QString()}})
                        .ok());
        }
        auto source = openRecordSource(SourceSpec::file(p));
        QVERIFY(source.ok());
        auto overview = loadOverview(std::shared_ptr<RecordSource>(std::move(source.value())));
        QVERIFY2(overview.ok(), overview.ok() ? "" : qPrintable(overview.error().message));
        QCOMPARE(overview->groups.size(), size_t(1));
        const qint64 read = overview->groups.front().totalLag;
        QCOMPARE(read, qint64(30));
        {
            auto s = WorkspaceStore::open(p, WorkspaceStore::Mode::ReadWrite);
            QVERIFY(s.value()
                        ->commitOffsets(QStringLiteral("g"), {{QStringLiteral("t"), 0, 45, QString()}})
                        .ok());
        }
        LagSampler sampler;
        QSignalSpy sampled(&sampler, &LagSampler::sampled);
        sampler.setSource(overview->source, overview->groups);
        QTRY_COMPARE_WITH_TIMEOUT(sampled.size(), 1, 5000);
        QCOMPARE(sampled.at(0).at(1).toString(), QStringLiteral("g"));
        QCOMPARE(sampled.at(0).at(2).value<LagSample>().lag, read); // not asked again
        QTest::qWait(5); // a later millisecond than the first sample
        sampler.sampleNow();
        QTRY_COMPARE_WITH_TIMEOUT(sampled.size(), 2, 5000);
        QCOMPARE(sampled.at(1).at(2).value<LagSample>().lag, qint64(5)); // asked: the new commit
        sampler.setSource(nullptr);
    }

    // The watermark poller: a poll of every topic sets the wait before the next one to at
    // least ten times what it took (never under the interval asked for); a shown topic is read
    // alone.
    void pollerReadsOneTopicAloneAndWaitsAfterAPollOfAll()
    {
        const QString p = m_dir.filePath(QStringLiteral("poller.rewind"));
        {
            auto s = WorkspaceStore::create(p);
            QVERIFY(s.ok());
            for (const QString& t : {QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c")}) {
                QVERIFY(s.value()->createTopic(t, 2).ok());
                QVERIFY(s.value()
                            ->append({test::producerRecord(t, 1, 0, QByteArray("k"), QByteArray("v"))})
                            .ok());
            }
        }
        WatermarkPoller poller;
        QSignalSpy polled(&poller, &WatermarkPoller::polled);
        poller.setSource(std::shared_ptr<RecordSource>(openRecordSource(SourceSpec::file(p)).value()));
        poller.setInterval(40);
        poller.pollTopic(QStringLiteral("b"));
        QTRY_COMPARE_WITH_TIMEOUT(polled.size(), 1, 5000);
        auto one = polled.at(0).at(0).value<std::vector<TopicInfo>>();
        QCOMPARE(one.size(), size_t(1));
        QCOMPARE(one.front().name, QStringLiteral("b"));
        QCOMPARE(one.front().partitions.at(1).high, Offset(1));
        QCOMPARE(poller.lastPollMs(), qint64(0)); // one topic is not a poll of every topic
        poller.pollNow();
        QTRY_COMPARE_WITH_TIMEOUT(polled.size(), 2, 5000);
        QCOMPARE(polled.at(1).at(0).value<std::vector<TopicInfo>>().size(), size_t(3));
        QVERIFY(poller.nextPollMs() >= 40);
        QVERIFY2(poller.nextPollMs() >= std::min<qint64>(10 * poller.lastPollMs(), 600'000),
                 qPrintable(QStringLiteral("%1 ms after a poll of %2 ms")
                                .arg(poller.nextPollMs())
                                .arg(poller.lastPollMs())));
        poller.setSource(nullptr);
    }

    // The sampler keeps a sample when the lag changes (another process commits), not otherwise.
    void samplerKeepsChangesInTheWorkspace()
    {
        const QString p = m_dir.filePath(QStringLiteral("sampler.rewind"));
        {
            auto s = WorkspaceStore::create(p);
            QVERIFY(s.ok());
            QVERIFY(s.value()->createTopic(QStringLiteral("t"), 1).ok());
            std::vector<ProducerRecord> recs;
            for (int i = 0; i < 100; ++i)
                recs.push_back(
                    test::producerRecord(QStringLiteral("t"), 0, i, QByteArray("k"), QByteArray("v")));
            QVERIFY(s.value()->append(recs).ok());
            QVERIFY(s.value()
                        ->commitOffsets(QStringLiteral("g"), {{QStringLiteral("t"), 0, 40, QString()}})
                        .ok());
        }
        LagSampler sampler;
        QSignalSpy sampled(&sampler, &LagSampler::sampled);
        sampler.setSource(openRecordSource(SourceSpec::file(p)).value());
        QTRY_COMPARE_WITH_TIMEOUT(sampled.size(), 1, 5000);
        QCOMPARE(sampled.at(0).at(2).value<LagSample>().lag, qint64(60));
        QVERIFY(sampled.at(0).at(3).toBool()); // saved
        sampler.sampleNow();                   // unchanged: nothing new
        QTest::qWait(300);
        QCOMPARE(sampled.size(), 1);
        {
            auto s = WorkspaceStore::open(p, WorkspaceStore::Mode::ReadWrite);
            QVERIFY(s.value()
                        ->commitOffsets(QStringLiteral("g"), {{QStringLiteral("t"), 0, 90, QString()}})
                        .ok());
        }
        QTest::qWait(5); // a later millisecond than the first sample
        sampler.sampleNow();
        QTRY_COMPARE_WITH_TIMEOUT(sampled.size(), 2, 5000);
        QCOMPARE(sampled.at(1).at(2).value<LagSample>().lag, qint64(10));
        sampler.setSource(nullptr);
        auto ro = WorkspaceStore::open(p, WorkspaceStore::Mode::ReadOnly);
        auto h = ro.value()->lagSamples(QStringLiteral("g"));
        QCOMPARE(h->size(), size_t(2));
        QCOMPARE(h->at(0).lag, qint64(60));
        QCOMPARE(h->at(1).lag, qint64(10));
    }

    // Every runner of the models (JobRunner underneath, whose mechanism tst_job_runner tests):
    // of two jobs started back to back only the newer one's answer arrives, and a failure
    // arrives with its ErrorCode, not just words.
    void everyRunnerDeliversOnlyTheNewestJobWithItsErrorCode()
    {
        const QString missing = m_dir.filePath(QStringLiteral("nowhere.rewind"));
        auto settle = [] { QTest::qWait(300); }; // time for a superseded answer to (wrongly) arrive
        {                                        // the source loader
            WorkspaceLoader loader;
            QSignalSpy loaded(&loader, &WorkspaceLoader::loaded);
            QSignalSpy failed(&loader, &WorkspaceLoader::failed);
            loader.load(m_ws);
            const int newest = loader.load(missing);
            QTRY_COMPARE_WITH_TIMEOUT(failed.size(), 1, 10000);
            settle();
            QCOMPARE(loaded.size(), 0);
            QCOMPARE(failed.at(0).at(0).toInt(), newest);
            QCOMPARE(failed.at(0).at(2).value<Error>().code, ErrorCode::NotFound);
        }
        { // the filter bar's search
            auto source = openRecordSource(SourceSpec::file(m_ws));
            QVERIFY(source.ok());
            auto all = Filter::compile(QStringLiteral("true"), 0);
            QVERIFY(all.ok());
            SearchRunner runner;
            QSignalSpy batches(&runner, &SearchRunner::matches);
            QSignalSpy finished(&runner, &SearchRunner::finished);
            QSignalSpy failed(&runner, &SearchRunner::failed);
            const int first = runner.start(source.value(), all.value(), {}, m_rep.records);
            SearchOptions nowhere;
            nowhere.topic = QStringLiteral("no-such-topic");
            const int newest = runner.start(source.value(), all.value(), nowhere, 0);
            QTRY_COMPARE_WITH_TIMEOUT(failed.size(), 1, 15000);
            settle();
            QCOMPARE(finished.size(), 0);
            QCOMPARE(failed.at(0).at(0).toInt(), newest);
            QCOMPARE(failed.at(0).at(1).value<Error>().code, ErrorCode::NotFound);
            for (const auto& b : batches)
                QVERIFY(b.at(0).toInt() != first); // not even what it had found so far
        }
        { // the replay console's planner
            ReplayJob good;
            good.source = SourceSpec::file(m_ws);
            good.sourceTopic = QStringLiteral("payments");
            good.target = SourceSpec::file(m_dir.filePath(QStringLiteral("runner-sandbox.rewind")));
            good.targetTopic = QStringLiteral("sandbox.runner");
            ReplayJob bad = good;
            bad.source = SourceSpec::file(missing);
            ReplayRunner runner;
            QSignalSpy planned(&runner, &ReplayRunner::planned);
            QSignalSpy failed(&runner, &ReplayRunner::failed);
            runner.plan(good);
            runner.plan(bad);
            QTRY_COMPARE_WITH_TIMEOUT(failed.size(), 1, 15000);
            settle();
            QCOMPARE(planned.size(), 0);
            QCOMPARE(failed.at(0).at(0).value<Error>().code, ErrorCode::NotFound);
        }
        { // the connection test of the profile dialog
            KafkaJobs jobs;
            QSignalSpy tested(&jobs, &KafkaJobs::connectionTested);
            KafkaProfile noServers;
            noServers.name = QStringLiteral("first");
            KafkaProfile badProtocol;
            badProtocol.name = QStringLiteral("second");
            badProtocol.bootstrap = QStringLiteral("127.0.0.1:1");
            badProtocol.securityProtocol = QStringLiteral("carrier-pigeon");
            jobs.testConnection(noServers);
            const int newest = jobs.testConnection(badProtocol);
            QTRY_COMPARE_WITH_TIMEOUT(tested.size(), 1, 15000);
            settle();
            QCOMPARE(tested.size(), 1);
            QCOMPARE(tested.at(0).at(0).toInt(), newest);
            QVERIFY(!tested.at(0).at(1).toBool());
            QCOMPARE(tested.at(0).at(3).value<Error>().code, ErrorCode::InvalidArgument);
            QVERIFY(tested.at(0).at(2).toString().contains(QStringLiteral("carrier-pigeon")));
        }
    }

    // The search runner streams batches that add up to the report, and stops when cancelled.
    void searchRunnerStreamsAndCancels()
    {
        SearchRunner runner;
        QSignalSpy batches(&runner, &SearchRunner::matches);
        QSignalSpy finished(&runner, &SearchRunner::finished);
        auto f = Filter::compile(QStringLiteral("topic == \"orders\""), 0);
        QVERIFY(f.ok());
        auto source = openRecordSource(SourceSpec::file(m_ws));
        QVERIFY(source.ok());
        const int job = runner.start(source.value(), f.value(), {}, m_rep.records);
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 15000);
        qint64 got = 0;
        for (const auto& args : batches) {
            QCOMPARE(args.at(0).toInt(), job);
            for (const auto& [topic, ref] : args.at(1).value<RefBatch>()) {
                QCOMPARE(topic, QStringLiteral("orders"));
                ++got;
            }
        }
        const SearchReport rep = finished.at(0).at(1).value<SearchReport>();
        QCOMPARE(got, rep.matched);
        QVERIFY(rep.matched > 0 && !rep.cancelled);
        // Cancel at once: the report says so, and the count is a prefix.
        finished.clear();
        auto slow = Filter::compile(QStringLiteral("value.no_such_field == 1 || true"), 0);
        QVERIFY(slow.ok());
        runner.start(source.value(), slow.value(), {}, m_rep.records);
        runner.cancel();
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 15000);
        QVERIFY(finished.at(0).at(1).value<SearchReport>().scanned <= m_rep.records);
        // A file gone since the source was opened fails with its reason.
        QSignalSpy failed(&runner, &SearchRunner::failed);
        const QString gone = m_dir.filePath(QStringLiteral("gone.rewind"));
        QVERIFY(QFile::copy(m_ws, gone));
        auto goneSource = openRecordSource(SourceSpec::file(gone));
        QVERIFY(goneSource.ok());
        QVERIFY(QFile::remove(gone));
        runner.start(goneSource.value(), f.value(), {}, 0);
        QTRY_COMPARE_WITH_TIMEOUT(failed.size(), 1, 5000);
        QVERIFY(failed.at(0).at(1).value<Error>().message.contains(QStringLiteral("does not exist")));
        QCOMPARE(failed.at(0).at(1).value<Error>().code, ErrorCode::NotFound); // the code arrives too
    }
};

QTEST_MAIN(TstExplorerModels)
#include "tst_explorer_models.moc"
