#pragma once
// One way to produce records a person typed or picked (rewind-cli produce, the window's Produce
// and Send again dialogs): the sandbox rule checked for every topic, every draft encoded with its
// schema before anything is sent (an error names the record, the side and the field), then the
// records produced in batches, each batch delivered and on the audit log (KafkaClient::produce)
// before the next, with progress and Stop between batches.
// Thread contract: blocking calls for a worker thread; `cancel` may be set from any thread;
// `progress` is called on the calling thread.

#include "kafka_client.h"
#include "schema_encode.h"

#include <atomic>
#include <functional>
#include <memory>

namespace rw {

// A record as a person gives it: value and key as typed (JSON where a schema encodes them).
struct ProduceDraft {
    QString topic;
    PartitionId partition = -1; // -1: by key (murmur2, as Kafka's producer)
    TimestampMs timestamp = 0;  // 0: the producer stamps it
    std::optional<QByteArray> key, value;
    Headers headers;
    QString label; // "line 4", "record 2 (orders-0@17)": how errors name it
    // The value's own schema (a re-sent record edited: its writer schema); null: the job's.
    std::shared_ptr<const ValueEncoder> valueEncoder;
};

struct ProduceEncoders {
    std::shared_ptr<const ValueEncoder> value, key; // null: the bytes as given
};

// Refused unless `topic` has the sandbox prefix or the user unlocked it by name.
Result<void> refuseOutsideSandbox(const QString& topic, const QString& sandboxPrefix,
                                  const QStringList& unlocked);

// One side encoded: a key that is not JSON is taken as the JSON string of its text.
Result<QByteArray> encodeSide(const ValueEncoder& encoder, QByteArrayView typed, bool isKey);

// Every draft encoded (none sent): the records to produce, or the first draft that does not fit,
// "<label>: the value does not fit <subject> (id N): <why>".
Result<std::vector<ProducerRecord>> encodeDrafts(const std::vector<ProduceDraft>& drafts,
                                                 const ProduceEncoders& encoders);

struct ProduceOutcome {
    qint64 delivered = 0;
    bool cancelled = false;
    std::vector<std::pair<PartitionId, Offset>> positions; // of the delivered, in order
};

// Produces `records` in batches of `batch`, stopping between batches when `cancel` is set.
// A failed batch returns its error with how many were delivered before it.
Result<ProduceOutcome> produceInBatches(KafkaClient& client, const std::vector<ProducerRecord>& records,
                                        const std::atomic_bool* cancel = nullptr,
                                        const std::function<void(qint64 done, qint64 total)>& progress = {},
                                        size_t batch = 500);

// Headers a re-sent record carries, as a replay's: where it came from.
void addProvenance(Headers& headers, const Record& source);

class RecordSource;

// A record picked to be sent again, read through its source: the bytes as stored and the text a
// person edits, both with the source's masking policy applied when `mask` (schema-encoded values
// masked and encoded again with their writer schema, as a replay writes them).
struct ResendItem {
    Record source;                         // as read (topic, partition, offset, time; headers masked)
    std::optional<QByteArray> key;         // as stored (masked where the policy says)
    std::optional<QByteArray> storedValue; // as stored, masked: what is sent when not edited
    std::optional<QByteArray> shownValue;  // the decoded JSON (masked), or the stored text
    qint32 valueSchemaId = -1;             // a wire-format value's writer schema
    QString valueSchema;                   // "Avro, orders-value version 2 (id 7)" for people
};
struct ResendRead {
    std::vector<ResendItem> items;
    qint64 missing = 0; // addresses holding no record any more
    QStringList masked; // what the policy hid
};
Result<ResendRead> readForResend(RecordSource& source, const QStringList& topics,
                                 const std::vector<RecordRef>& refs, bool mask,
                                 const std::atomic_bool* cancel = nullptr);

} // namespace rw
