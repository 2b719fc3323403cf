#include "watermark_poller.h"

#include "job_runner.h"

namespace rw {

WatermarkPoller::WatermarkPoller(QObject* parent) : QObject(parent), m_jobs(new JobRunner(this, 1))
{
    m_timer.setInterval(10'000);
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

void WatermarkPoller::pollNow()
{
    if (!m_connection) return;
    m_jobs->start<std::vector<TopicInfo>>(
        [connection = m_connection](const CancelToken& cancel) -> Result<std::vector<TopicInfo>> {
            if (cancel.cancelled()) return makeError(ErrorCode::Cancelled, QStringLiteral("cancelled"));
            if (!connection->reader) {
                auto r = connection->source->reopen();
                if (!r) return r.error();
                connection->reader = std::move(r.value());
            }
            return connection->reader->topics();
        },
        [this](Result<std::vector<TopicInfo>> topics) {
            if (topics) emit polled(topics.value()); // a failed poll: the next one tries again
        });
}

} // namespace rw
