#include "watermark_poller.h"

#include "job_runner.h"

#include <QElapsedTimer>

#include <algorithm>

namespace rw {

WatermarkPoller::WatermarkPoller(QObject* parent) : QObject(parent), m_jobs(new JobRunner(this, 1))
{
    m_timer.setInterval(m_interval);
    connect(&m_timer, &QTimer::timeout, this, &WatermarkPoller::pollNow);
}

void WatermarkPoller::setSource(const std::shared_ptr<RecordSource>& source)
{
    m_jobs->cancel();
    m_connection.reset();
    m_timer.stop();
    if (!source || !source->capabilities().live) return;
    m_connection = std::make_shared<Connection>();
    m_connection->source = source;
    m_timer.start();
}

void WatermarkPoller::setInterval(int ms)
{
    m_interval = ms;
    m_timer.setInterval(ms);
}

void WatermarkPoller::pollNow()
{
    poll({});
}

void WatermarkPoller::pollTopic(const QString& topic)
{
    if (!topic.isEmpty()) poll(topic);
}

void WatermarkPoller::poll(const QString& topic)
{
    if (!m_connection) return;
    struct Polled {
        std::vector<TopicInfo> topics;
        qint64 ms = 0;
    };
    auto work = [connection = m_connection, topic](const CancelToken& cancel) -> Result<Polled> {
        if (cancel.cancelled()) return makeError(ErrorCode::Cancelled, QStringLiteral("cancelled"));
        QElapsedTimer t;
        t.start();
        if (!connection->reader) {
            auto r = connection->source->reopen();
            if (!r) return r.error();
            connection->reader = std::move(r.value());
        }
        Polled out;
        if (topic.isEmpty()) {
            auto all = connection->reader->topics();
            if (!all) return all.error();
            out.topics = std::move(all.value());
        } else {
            auto one = connection->reader->topic(topic);
            if (!one) return one.error(); // deleted meanwhile: the next reload says so
            out.topics.push_back(std::move(one.value()));
        }
        out.ms = t.elapsed();
        return out;
    };
    auto done = [this, all = topic.isEmpty()](Result<Polled> polledNow) {
        if (!polledNow) return; // a failed poll: the next one tries again
        if (all) {              // the next poll of every topic waits ten times what this one took
            m_lastPollMs = polledNow->ms;
            m_timer.setInterval(
                std::max(m_interval, static_cast<int>(std::min<qint64>(10 * polledNow->ms, 600'000))));
        }
        emit polled(polledNow->topics);
    };
    // One topic joins a poll of every topic under way (both answers are used); a poll of every
    // topic supersedes the one before.
    if (topic.isEmpty())
        m_jobs->start<Polled>(std::move(work), std::move(done));
    else
        m_jobs->add<Polled>(std::move(work), std::move(done));
}

} // namespace rw
