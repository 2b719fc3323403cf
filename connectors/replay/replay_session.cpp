#include "replay_session.h"

#include "kafka_profile.h"
#include "replay_consumer.h"
#include "replay_observer.h"

#include <QElapsedTimer>
#include <QThread>

namespace rw {

QString ReplaySessionReport::consumerSummary() const
{
    if (!hasConsumer) return {};
    if (!consumerError) return consumerStatus;
    return QStringLiteral("%1 (%2)").arg(consumerStatus, consumerError->message);
}

namespace {

qint64 sequenceOf(const ProducerRecord& written)
{
    for (const Header& h : written.headers)
        if (h.key == kSeqHeader && h.value) return h.value->toLongLong();
    return -1;
}

} // namespace

Result<ReplaySessionReport> runReplaySession(const ReplayJob& job, const ReplaySessionOptions& options)
{
    ReplaySessionReport out;
    std::unique_ptr<ReplayConsumerProcess> consumer;
    if (!job.consumer.command.isEmpty()) {
        QString bootstrap; // where a consumer reading the sandbox itself finds it
        if (auto spec = resolveSpec(job.target, options.context.sessions); spec && spec->kafka)
            bootstrap = spec->kafka->bootstrap;
        auto c = ReplayConsumerProcess::start(job, bootstrap, options.consumerOutput);
        if (!c) return c.error();
        consumer = std::move(c.value());
        out.hasConsumer = true;
    }
    std::unique_ptr<ReplayObserver> observer;
    if (options.observe) {
        // Best effort, where the target is a cluster a consumer group can read: without it the
        // chart has no lag line, and the replay is the same.
        if (auto spec = resolveSpec(job.target, options.context.sessions); spec && spec->kafka)
            if (auto o = ReplayObserver::start(*spec->kafka, job.targetTopic))
                observer = std::move(o.value());
    }
    auto withObserver = [&](ReplayProgress p) {
        if (observer) {
            const ObserverStats st = observer->stats();
            p.observerConsumed = st.consumed;
            p.observerLag = st.lag;
        }
        return p;
    };
    auto r = runReplay(
        job, options.mode, options.control,
        [&](const ReplayProgress& p) {
            if (consumer && options.consumerOutput) consumer->pollOutput();
            if (options.progress) options.progress(withObserver(p));
        },
        // Only a consumer fed on stdin needs the written records handed back.
        consumer && job.consumer.input == ReplayConsumer::Stdin
            ? std::function<void(const ProducerRecord&)>([&](const ProducerRecord& written) {
                  if (out.consumerError) return; // said once; the replay itself goes on
                  if (auto f = consumer->feed(written, sequenceOf(written)); !f)
                      out.consumerError = f.error();
              })
            : std::function<void(const ProducerRecord&)>(),
        options.context);
    if (observer && r) {
        // Let the observer catch up so the chart shows the lag drain: joining its group on a busy
        // broker can take seconds; it stops as soon as it has read everything.
        QElapsedTimer drain;
        drain.start();
        auto report = [&] {
            ReplayProgress q;
            q.written = r->written;
            q.skipped = r->skipped;
            q.total = r->total;
            q.elapsedMs = r->elapsedMs + drain.elapsed();
            if (options.progress) options.progress(withObserver(q));
        };
        auto caughtUp = [&] {
            const ObserverStats st = observer->stats();
            return st.consumed >= r->written + r->skipped && st.lag == 0;
        };
        while (drain.elapsed() < options.drainMs && !caughtUp()) {
            QThread::msleep(200);
            report();
        }
        report(); // the last word is the state it stopped in
        observer->stop();
    }
    if (consumer) {
        if (options.consumerOutput) consumer->pollOutput();
        out.consumerStatus = consumer->finish(&out.consumerExit);
    }
    if (!r) return r.error();
    out.replay = r.value();
    return out;
}

} // namespace rw
