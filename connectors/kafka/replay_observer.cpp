#include "replay_observer.h"

#include <librdkafka/rdkafka.h>

#include <chrono>

namespace rw {

Result<std::unique_ptr<ReplayObserver>> ReplayObserver::start(const KafkaProfile& profile,
                                                              const QString& topic)
{
    std::unique_ptr<ReplayObserver> o(new ReplayObserver);
    o->m_topic = topic;
    o->m_group = QStringLiteral("rewind-observer-") + topic;
    auto h =
        makeKafkaHandle(profile, true,
                        {{QStringLiteral("group.id"), o->m_group},
                         {QStringLiteral("isolation.level"), QStringLiteral("read_committed")},
                         {QStringLiteral("auto.offset.reset"), QStringLiteral("earliest")},
                         {QStringLiteral("enable.auto.commit"), QStringLiteral("true")},
                         {QStringLiteral("auto.commit.interval.ms"), QStringLiteral("500")},
                         {QStringLiteral("topic.metadata.refresh.interval.ms"), QStringLiteral("1000")}});
    if (!h) return h.error();
    o->m_handle = h.value();
    rd_kafka_poll_set_consumer(o->m_handle->rk);
    rd_kafka_topic_partition_list_t* topics = rd_kafka_topic_partition_list_new(1);
    const QByteArray name = topic.toUtf8();
    rd_kafka_topic_partition_list_add(topics, name.constData(), RD_KAFKA_PARTITION_UA);
    const rd_kafka_resp_err_t e = rd_kafka_subscribe(o->m_handle->rk, topics);
    rd_kafka_topic_partition_list_destroy(topics);
    if (e) return o->m_handle->errorFor(e, QStringLiteral("subscribing the observer to %1").arg(topic));
    o->m_thread = std::thread([p = o.get()] { p->loop(); });
    return o;
}

void ReplayObserver::loop()
{
    rd_kafka_t* rk = m_handle->rk;
    auto last = std::chrono::steady_clock::now();
    while (!m_stop.load()) {
        if (rd_kafka_message_t* m = rd_kafka_consumer_poll(rk, 100)) {
            if (!m->err) m_consumed.fetch_add(1);
            rd_kafka_message_destroy(m);
        }
        const auto now = std::chrono::steady_clock::now();
        if (now - last < std::chrono::milliseconds(250)) continue;
        last = now;
        // Lag from the client's own view: cached high watermarks minus the positions reached.
        rd_kafka_topic_partition_list_t* assigned = nullptr;
        if (rd_kafka_assignment(rk, &assigned) || !assigned) continue;
        rd_kafka_position(rk, assigned);
        qint64 lag = 0;
        for (int i = 0; i < assigned->cnt; ++i) {
            const rd_kafka_topic_partition_t& tp = assigned->elems[i];
            int64_t low = 0, high = 0;
            if (rd_kafka_get_watermark_offsets(rk, tp.topic, tp.partition, &low, &high)) continue;
            const int64_t pos = tp.offset >= 0 ? tp.offset : low;
            lag += std::max<int64_t>(0, high - pos);
        }
        rd_kafka_topic_partition_list_destroy(assigned);
        m_lag.store(lag);
    }
}

void ReplayObserver::stop()
{
    if (!m_thread.joinable()) return;
    m_stop = true;
    m_thread.join();
    rd_kafka_consumer_close(m_handle->rk);
}

ReplayObserver::~ReplayObserver()
{
    stop();
}

} // namespace rw
