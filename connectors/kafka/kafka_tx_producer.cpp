#include "kafka_tx_producer.h"

#include <librdkafka/rdkafka.h>

namespace rw {

namespace {

Error txError(rd_kafka_error_t* e, KafkaHandle& h, const QString& context)
{
    const rd_kafka_resp_err_t code = rd_kafka_error_code(e);
    const bool fatal = rd_kafka_error_is_fatal(e);
    const QString text = QString::fromUtf8(rd_kafka_error_string(e));
    rd_kafka_error_destroy(e);
    if (code == RD_KAFKA_RESP_ERR__FENCED || code == RD_KAFKA_RESP_ERR_PRODUCER_FENCED ||
        code == RD_KAFKA_RESP_ERR_INVALID_PRODUCER_EPOCH)
        return makeError(ErrorCode::Refused,
                         QStringLiteral("%1: another replay with the same target took over (fenced): %2")
                             .arg(context, text));
    Error err = h.errorFor(code, context);
    if (fatal) err.message += QStringLiteral(" (fatal for this producer)");
    return err;
}

} // namespace

Result<std::unique_ptr<KafkaTxProducer>>
KafkaTxProducer::create(const KafkaProfile& profile, const QString& transactionalId, int timeoutMs)
{
    if (profile.readOnly)
        return makeError(ErrorCode::Refused,
                         QStringLiteral("cannot replay into Kafka: profile '%1' is read-only")
                             .arg(profile.name.isEmpty() ? profile.bootstrap : profile.name));
    auto h = makeKafkaHandle(profile, false,
                             {{QStringLiteral("transactional.id"), transactionalId},
                              {QStringLiteral("enable.idempotence"), QStringLiteral("true")},
                              {QStringLiteral("linger.ms"), QStringLiteral("5")},
                              {QStringLiteral("batch.size"), QStringLiteral("1000000")},
                              {QStringLiteral("compression.type"), QStringLiteral("none")},
                              {QStringLiteral("transaction.timeout.ms"), QStringLiteral("60000")}});
    if (!h) return h.error();
    std::unique_ptr<KafkaTxProducer> p(new KafkaTxProducer);
    p->m_handle = h.value();
    p->m_id = transactionalId;
    if (rd_kafka_error_t* e = rd_kafka_init_transactions(p->m_handle->rk, timeoutMs))
        return txError(e, *p->m_handle, QStringLiteral("starting transactions for %1").arg(transactionalId));
    return p;
}

KafkaTxProducer::~KafkaTxProducer()
{
    if (m_open) abort(5000);
    if (m_topic) rd_kafka_topic_destroy(m_topic);
}

Result<void> KafkaTxProducer::send(const QString& topic, PartitionId partition, TimestampMs timestamp,
                                   std::optional<QByteArrayView> key, std::optional<QByteArrayView> value,
                                   const std::vector<HeaderView>& headers)
{
    if (!m_topic || topic != m_topicName) {
        if (m_topic) rd_kafka_topic_destroy(m_topic);
        m_topic = rd_kafka_topic_new(m_handle->rk, topic.toUtf8().constData(), nullptr);
        m_topicName = topic;
        if (!m_topic)
            return m_handle->errorFor(rd_kafka_last_error(), QStringLiteral("producing to %1").arg(topic));
    }
    rd_kafka_headers_t* hdrs = nullptr;
    if (!headers.empty()) {
        hdrs = rd_kafka_headers_new(headers.size());
        for (const HeaderView& h : headers)
            rd_kafka_header_add(hdrs, h.key.data(), h.key.size(), h.valueNull ? nullptr : h.value.data(),
                                h.valueNull ? 0 : h.value.size());
    }
    void* keyData = key ? const_cast<char*>(key->data()) : nullptr;
    const size_t keyLen = key ? static_cast<size_t>(key->size()) : 0;
    void* valueData = value ? const_cast<char*>(value->data()) : nullptr;
    const size_t valueLen = value ? static_cast<size_t>(value->size()) : 0;
    rd_kafka_resp_err_t e;
    do {
        e = rd_kafka_producev(m_handle->rk, RD_KAFKA_V_RKT(m_topic), RD_KAFKA_V_PARTITION(partition),
                              RD_KAFKA_V_MSGFLAGS(RD_KAFKA_MSG_F_COPY), RD_KAFKA_V_KEY(keyData, keyLen),
                              RD_KAFKA_V_VALUE(valueData, valueLen), RD_KAFKA_V_TIMESTAMP(timestamp),
                              RD_KAFKA_V_HEADERS(hdrs), RD_KAFKA_V_END);
        if (e == RD_KAFKA_RESP_ERR__QUEUE_FULL) rd_kafka_poll(m_handle->rk, 20);
    } while (e == RD_KAFKA_RESP_ERR__QUEUE_FULL);
    if (e) {
        if (hdrs) rd_kafka_headers_destroy(hdrs); // not taken over by a failed produce
        return m_handle->errorFor(e, QStringLiteral("producing to %1-%2").arg(topic).arg(partition));
    }
    // Delivery reports are served now and then, not after every record.
    if ((++m_sent & 1023) == 0) rd_kafka_poll(m_handle->rk, 0);
    return {};
}

Result<void> KafkaTxProducer::begin()
{
    if (rd_kafka_error_t* e = rd_kafka_begin_transaction(m_handle->rk))
        return txError(e, *m_handle, QStringLiteral("beginning a transaction"));
    m_open = true;
    return {};
}

Result<void> KafkaTxProducer::commit(int timeoutMs)
{
    // Every record must have reached its partition: librdkafka can fail a message (a partition
    // not known yet on a topic made moments ago, say) and still commit the others' transaction.
    // Flushing serves the delivery reports; one failure aborts the whole batch.
    rd_kafka_flush(m_handle->rk, timeoutMs);
    if (const qint64 failed = m_handle->failedDeliveries.exchange(0); failed > 0) {
        const int first = m_handle->firstDeliveryError.exchange(0);
        abort(timeoutMs);
        Error e = m_handle->errorFor(first, QStringLiteral("delivering a batch"));
        e.message +=
            QStringLiteral(" (%1 records not delivered; the batch was aborted, nothing of it is kept)")
                .arg(failed);
        return e;
    }
    rd_kafka_error_t* e = rd_kafka_commit_transaction(m_handle->rk, timeoutMs);
    if (!e) {
        m_open = false;
        return {};
    }
    const bool abortable = rd_kafka_error_txn_requires_abort(e);
    Error err = txError(e, *m_handle, QStringLiteral("committing a transaction"));
    if (abortable) abort(timeoutMs);
    m_open = false;
    return err;
}

Result<void> KafkaTxProducer::flush(int timeoutMs)
{
    if (rd_kafka_flush(m_handle->rk, timeoutMs) != RD_KAFKA_RESP_ERR_NO_ERROR)
        return makeError(ErrorCode::Timeout,
                         QStringLiteral("records not delivered within %1 ms").arg(timeoutMs));
    return {};
}

void KafkaTxProducer::abort(int timeoutMs)
{
    if (rd_kafka_error_t* e = rd_kafka_abort_transaction(m_handle->rk, timeoutMs)) rd_kafka_error_destroy(e);
    m_open = false;
}

} // namespace rw
