#include "replay_runner.h"

#include "audit.h"
#include "kafka_profile.h"
#include "replay_consumer.h"
#include "replay_observer.h"

#include <QElapsedTimer>
#include <QMetaObject>
#include <QThread>

namespace rw {

ReplayRunner::ReplayRunner(QObject* parent) : QObject(parent)
{
    qRegisterMetaType<ReplayPlan>();
    qRegisterMetaType<ReplayProgress>();
    qRegisterMetaType<ReplayReport>();
    qRegisterMetaType<std::vector<JournalEntry>>();
    m_pool.setMaxThreadCount(2);
}

ReplayRunner::~ReplayRunner()
{
    *m_alive = false;
    m_control->cancel = true;
    m_pool.waitForDone();
}

void ReplayRunner::plan(const ReplayJob& job)
{
    auto alive = m_alive;
    m_pool.start([this, job, alive] {
        auto r = planReplay(job);
        if (!*alive) return; // the destructor waits for this task
        if (r)
            QMetaObject::invokeMethod(
                this, [this, p = r.value()] { emit planned(p); }, Qt::QueuedConnection);
        else
            QMetaObject::invokeMethod(
                this, [this, m = r.error().message] { emit failed(m); }, Qt::QueuedConnection);
    });
}

void ReplayRunner::run(const ReplayJob& job, ReplayMode mode)
{
    if (m_running) return;
    m_running = true;
    m_control = std::make_shared<ReplayControl>();
    auto control = m_control;
    auto alive = m_alive;
    m_pool.start([this, job, mode, control, alive] {
        auto post = [this, alive](auto fn) {
            if (*alive) QMetaObject::invokeMethod(this, std::move(fn), Qt::QueuedConnection);
        };
        std::unique_ptr<ReplayConsumerProcess> consumer;
        if (!job.consumer.command.isEmpty()) {
            QString bootstrap = job.target.bootstrap;
            if (!job.target.profile.isEmpty())
                if (auto prof = KafkaProfile::resolve(job.target.profile)) bootstrap = prof->bootstrap;
            auto c = ReplayConsumerProcess::start(job, bootstrap, [&](const QByteArray& out) {
                post([this, t = QString::fromUtf8(out)] { emit consumerOutput(t); });
            });
            if (!c) {
                post([this, m = c.error().message] {
                    m_running = false;
                    emit failed(m);
                });
                return;
            }
            consumer = std::move(c.value());
        }
        // On a Kafka sandbox, an observer group reads along, so its lag can be charted.
        std::unique_ptr<ReplayObserver> observer;
        if (job.target.isKafka()) {
            Result<KafkaProfile> prof = job.target.profile.isEmpty()
                                            ? Result<KafkaProfile>(KafkaProfile{})
                                            : KafkaProfile::resolve(job.target.profile);
            if (prof) {
                if (job.target.profile.isEmpty()) prof->bootstrap = job.target.bootstrap;
                if (auto o = ReplayObserver::start(prof.value(), job.target.topic))
                    observer = std::move(o.value());
            }
        }
        QElapsedTimer sinceProgress;
        sinceProgress.start();
        auto r = runReplay(
            job, mode, control.get(),
            [&](const ReplayProgress& p) {
                if (consumer) consumer->pollOutput();
                if (sinceProgress.elapsed() < 100) return;
                sinceProgress.restart();
                ReplayProgress q = p;
                if (observer) {
                    q.observerConsumed = observer->stats().consumed;
                    q.observerLag = observer->stats().lag;
                }
                post([this, q] { emit progress(q); });
            },
            // Only a consumer fed on stdin needs the written records handed back.
            consumer && job.consumer.input == ReplayConsumer::Stdin
                ? std::function<void(const ProducerRecord&)>([&](const ProducerRecord& w) {
                      qint64 seq = -1;
                      for (const Header& h : w.headers)
                          if (h.key == kSeqHeader && h.value) seq = h.value->toLongLong();
                      (void)consumer->feed(w, seq);
                  })
                : std::function<void(const ProducerRecord&)>());
        if (observer && r) {
            // Let the observer catch up so the chart shows the lag drain: up to 15 s (joining its
            // group on a busy broker can take several seconds), less as soon as it has read
            // everything and its lag (refreshed every 250 ms) says so.
            QElapsedTimer drain;
            drain.start();
            auto caughtUp = [&] {
                const auto st = observer->stats();
                return st.consumed >= r->written + r->skipped && st.lag == 0;
            };
            auto report = [&] {
                ReplayProgress q;
                q.written = r->written;
                q.skipped = r->skipped;
                q.total = r->total;
                q.elapsedMs = r->elapsedMs + drain.elapsed();
                q.observerConsumed = observer->stats().consumed;
                q.observerLag = observer->stats().lag;
                post([this, q] { emit progress(q); });
            };
            while (drain.elapsed() < 15000 && !caughtUp()) {
                QThread::msleep(200);
                report();
            }
            report(); // the last word is the state it stopped in
            observer->stop();
        }
        const QString status = consumer ? consumer->finish() : QString();
        if (r)
            post([this, rep = r.value(), status] {
                m_running = false;
                emit finished(rep, status);
            });
        else
            post([this, m = r.error().message] {
                m_running = false;
                emit failed(m);
            });
    });
}

void ReplayRunner::auditRefused(const QString& where, const QString& topic, const Error& error)
{
    m_pool.start([where, topic, error] {
        auditWrite(QStringLiteral("replay"), where, topic, QStringLiteral("refused before writing"), &error);
    });
}

void ReplayRunner::loadJournal(const QString& workspace)
{
    auto alive = m_alive;
    m_pool.start([this, workspace, alive] {
        auto s = WorkspaceStore::open(workspace, WorkspaceStore::Mode::ReadOnly);
        std::vector<JournalEntry> runs;
        if (s)
            if (auto j = s.value()->journal()) runs = std::move(j.value());
        if (*alive)
            QMetaObject::invokeMethod(
                this, [this, runs] { emit journalLoaded(runs); }, Qt::QueuedConnection);
    });
}

} // namespace rw
