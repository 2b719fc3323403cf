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
}

Result<void> KafkaTxProducer::begin()
{
    if (rd_kafka_error_t* e = rd_kafka_begin_transaction(m_handle->rk))
        return txError(e, *m_handle, QStringLiteral("beginning a transaction"));
    m_open = true;
    return {};
}

Result<void> KafkaTxProducer::send(const ProducerRecord& r)
{
    if (const int e = produceRecord(m_handle->rk, r))
        return m_handle->errorFor(e, QStringLiteral("producing to %1-%2").arg(r.topic).arg(r.partition));
    return {};
}

Result<void> KafkaTxProducer::commit(int timeoutMs)
{
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
