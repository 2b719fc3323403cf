#pragma once
// A transactional Kafka producer for replays: every batch is one transaction, so a reader with
// isolation.level=read_committed sees a batch whole or not at all. Creating it with the same
// transactional.id as a crashed run fences that run and aborts its open transaction.
// Thread contract: one thread; calls block up to their timeouts.

#include "kafka_client.h"

typedef struct rd_kafka_topic_s rd_kafka_topic_t;

namespace rw {

class KafkaTxProducer {
public:
    // Refused for read-only profiles.
    static Result<std::unique_ptr<KafkaTxProducer>>
    create(const KafkaProfile& profile, const QString& transactionalId, int timeoutMs = 30000);
    ~KafkaTxProducer();
    KafkaTxProducer(const KafkaTxProducer&) = delete;
    KafkaTxProducer& operator=(const KafkaTxProducer&) = delete;

    Result<void> begin();
    // Nothing owned: librdkafka copies key, value and headers. The partition must be set (>= 0).
    Result<void> send(const QString& topic, PartitionId partition, TimestampMs timestamp,
                      std::optional<QByteArrayView> key, std::optional<QByteArrayView> value,
                      const std::vector<HeaderView>& headers);
    Result<void> commit(int timeoutMs = 60000); // flushes; on failure the transaction is aborted
    void abort(int timeoutMs = 30000);
    // Waits until every record sent so far is written to its partition (still uncommitted).
    Result<void> flush(int timeoutMs = 30000);

private:
    KafkaTxProducer() = default;
    std::shared_ptr<KafkaHandle> m_handle;
    QString m_id;
    bool m_open = false;
    QString m_topicName;
    rd_kafka_topic_t* m_topic = nullptr; // handle for m_topicName, made on first use
    quint64 m_sent = 0;
};

} // namespace rw
