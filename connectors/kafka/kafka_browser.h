#pragma once
// Reads a Kafka topic without a consumer group (assign, never commit): from the beginning, the
// end, an offset, N before the end or a time; bounded by offset, time or count, or tailing live;
// several partitions merged in timestamp order. Thread contract: run() blocks and belongs on a
// worker thread; `cancel` may be set from any thread; callbacks run on the worker.

#include "kafka_client.h"
#include "log_types.h"

#include <atomic>
#include <functional>
#include <map>

namespace rw {

struct BrowseStart {
    enum Kind { Beginning, End, AtOffset, FromEnd, AtTime } kind = Beginning;
    qint64 value = 0;
};

struct BrowseRequest {
    QString topic;
    std::vector<PartitionId> partitions; // empty: all
    BrowseStart start;
    std::optional<Offset> endOffset;             // stop before this offset (each partition)
    std::map<PartitionId, Offset> partitionEnds; // and before these, per partition
    std::map<PartitionId, Offset>
        partitionStarts;                // start here instead (per partition), whatever `start` says
    std::optional<TimestampMs> endTime; // stop at the first record at or after this time
    qint64 maxRecords = -1;             // in total
    bool follow = false;                // keep reading new records (live tail) until cancelled
    bool mergeByTime = true;            // else partition by partition as fetched
    bool readCommitted = true;          // hide aborted transactional records
    int stallTimeoutMs = 15000;         // give up when no broker answers for this long
};

struct BrowsePartitionReport {
    PartitionId partition = 0;
    Offset start = 0; // first offset asked for
    Offset next = 0;  // next offset not yet read
    Offset end = 0;   // high watermark when the browse began
    qint64 records = 0;
    bool complete = false; // reached its bound
};

struct BrowseReport {
    std::vector<BrowsePartitionReport> partitions;
    qint64 records = 0;
    bool cancelled = false;
};

// A record as librdkafka delivered it, without copies; valid only during the sink call.
struct KafkaRecordView {
    const QString* topic = nullptr;
    PartitionId partition = 0;
    Offset offset = 0;
    TimestampMs timestamp = 0;
    TimestampType timestampType = TimestampType::CreateTime;
    bool keyNull = true;
    bool valueNull = true;
    QByteArrayView key;
    QByteArrayView value;
    const void* message = nullptr; // the rd_kafka_message_t, for headers

    Headers headers() const;
    void encodeHeaders(QByteArray& out) const; // header_codec's format, into a reused buffer
    // The same record as the store's view type; its header block is encoded into headersBuf.
    RecordView toView(QByteArray& headersBuf) const;
    Record toRecord() const;
};

class KafkaBrowser {
public:
    explicit KafkaBrowser(KafkaProfile profile);

    using Sink = std::function<bool(Record&&)>;                   // false stops the browse
    using ViewSink = std::function<bool(const KafkaRecordView&)>; // zero-copy; false stops
    using Progress = std::function<void(const BrowseReport&)>;
    Result<BrowseReport> run(const BrowseRequest& request, const Sink& sink,
                             const std::atomic_bool* cancel = nullptr, const Progress& progress = {});
    Result<BrowseReport> runViews(const BrowseRequest& request, const ViewSink& sink,
                                  const std::atomic_bool* cancel = nullptr, const Progress& progress = {});

private:
    KafkaProfile m_profile;
};

} // namespace rw
