#pragma once
// Talks to a Kafka cluster through librdkafka: metadata, watermarks, offsets for times, consumer
// groups and their lag, offset resets, sandbox topics and producing. Thread contract: one
// KafkaClient per thread (calls block up to their timeout; run them on a worker, never on the
// GUI thread). Every failure is a typed Error with a human message; passwords never appear.

#include "kafka_profile.h"
#include "log_types.h"

#include <atomic>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <vector>

typedef struct rd_kafka_s rd_kafka_t;

namespace rw {

struct KafkaBroker {
    int id = 0;
    QString host;
    int port = 0;
};

struct KafkaPartitionInfo {
    PartitionId partition = 0;
    int leader = -1;
    std::vector<int> replicas;
    std::vector<int> isr;
    Offset low = 0;    // filled by topics(…, withWatermarks): the log start offset
    Offset high = 0;   // the high watermark
    Offset stable = 0; // the last stable offset (== high without open transactions)
    qint64 countEstimate() const { return high - low; } // gaps (compaction, markers) make it an upper bound
};

struct KafkaTopicInfo {
    QString name;
    bool internal = false;
    std::vector<KafkaPartitionInfo> partitions;
};

struct KafkaClusterInfo {
    std::vector<KafkaBroker> brokers;
    int controllerId = -1;
    std::vector<KafkaTopicInfo> topics;
};

struct KafkaGroupListing {
    QString name;
    QString state;
    bool simple = false;
    QString type; // "classic", "consumer" (KIP-848), or empty when the broker does not say
};

// A broker as the cluster describes it (DescribeCluster), whether it answered a request of its
// own, and a topic setting: the source layer's own types (log_types.h).
using KafkaBrokerState = BrokerFact;
using KafkaClusterDescription = ClusterBrokers;
using KafkaConfigValue = TopicSetting;

struct KafkaTopicConfig {
    QString topic;
    std::vector<KafkaConfigValue> values;       // in the order asked
    QString problem;                            // set when this topic's configuration was refused
    ErrorCode problemCode = ErrorCode::Refused; // and why (NotAuthorized: the ACLs)
};

// The topic settings that decide what a log keeps and accepts.
inline const QStringList kKeyTopicConfigs = {
    QStringLiteral("retention.ms"), QStringLiteral("retention.bytes"), QStringLiteral("cleanup.policy"),
    QStringLiteral("min.insync.replicas"), QStringLiteral("max.message.bytes")};

struct KafkaGroupMember {
    QString clientId, consumerId, host;
    std::vector<TopicPartition> assignment;
};

// librdkafka 2.8 describes groups with the classic DescribeGroups request, which answers a
// KIP-848 `consumer` group as "Dead" with no members (ConsumerGroupDescribe arrived in librdkafka
// 2.10). Said wherever such a group's members would be shown.
inline const QString kConsumerGroupMembersUnknown = QStringLiteral(
    "members not shown: librdkafka 2.8 describes only classic groups (KIP-848 groups need 2.10); "
    "kafka-consumer-groups --describe --members lists them");

struct KafkaGroupDescription {
    QString name;
    QString state;
    QString assignor; // the partition assignment strategy ("protocol")
    std::vector<KafkaGroupMember> members;
    QString type;        // "classic", "consumer" (KIP-848), or empty where the listing has no type
    QString membersNote; // kConsumerGroupMembersUnknown for a KIP-848 group: members not read
};

struct KafkaPartitionLag {
    QString topic;
    PartitionId partition = 0;
    std::optional<Offset> committed; // nullopt: no commit
    Offset end = 0;                  // last stable offset (read_committed high watermark)
    std::optional<qint64> lag;       // nullopt without a commit
    qint64 held = 0;                 // end - log start: what a group reads from the earliest offset
};

// Many groups' lag: each group answered, or refused on its own (the ACLs), the others still
// answered.
struct KafkaGroupsLag {
    std::map<QString, std::vector<KafkaPartitionLag>> lags;
    std::map<QString, Error> refused;
    // Partitions whose small lag (64 or less) was not checked for being only transaction
    // markers (beyond the first 2,000, smallest lags first): their lag is an upper bound.
    int unchecked = 0;
};

struct ProduceReport {
    qint64 delivered = 0;
    std::vector<std::pair<PartitionId, Offset>> positions; // per input record, in input order
};

class KafkaClient {
public:
    static constexpr int kDefaultTimeoutMs = 10000;
    static constexpr int kRetryBudgetMs = 30000;

    // Connects and checks that the cluster answers (metadata request). `cancel` set gives up
    // within a quarter second (ErrorCode::Cancelled): a window closing or moving on to another
    // source never waits for an unreachable cluster's whole timeout.
    static Result<std::unique_ptr<KafkaClient>> connect(const KafkaProfile& profile,
                                                        int timeoutMs = kDefaultTimeoutMs,
                                                        const std::atomic_bool* cancel = nullptr);
    ~KafkaClient();
    KafkaClient(const KafkaClient&) = delete;
    KafkaClient& operator=(const KafkaClient&) = delete;

    const KafkaProfile& profile() const;

    Result<KafkaClusterInfo> cluster(bool includeInternal = false, bool withWatermarks = true);
    Result<KafkaTopicInfo> topic(const QString& name, bool withWatermarks = true);
    // Low and high watermark; with readCommitted the high one is the last stable offset (LSO).
    Result<std::pair<Offset, Offset>> watermarks(const QString& topic, PartitionId partition,
                                                 bool readCommitted = false);
    // First offset with timestamp >= ts per partition; the high watermark where there is none.
    Result<std::vector<Offset>> offsetsForTime(const QString& topic,
                                               const std::vector<PartitionId>& partitions, TimestampMs ts);

    // For each time, each partition's first offset whose record time is at or after it, from the
    // brokers' time indexes (ListOffsets by timestamp), or -1 where no record is: answers[time][k]
    // for partitions[k]. No record is read: one request per leader broker per time (and per 250
    // partitions), four in flight. The difference between two times' offsets is what was written
    // between them (records, and transaction markers or compacted records where there are some).
    Result<std::vector<std::vector<Offset>>> offsetsAtTimes(const std::vector<TopicPartition>& partitions,
                                                            const std::vector<TimestampMs>& times,
                                                            const std::atomic_bool* cancel = nullptr);

    Result<std::vector<KafkaGroupListing>> groups();
    // The brokers (DescribeCluster), each then asked for its own configuration within
    // probeTimeoutMs, all at once: which of them answer (kafka_cluster.cpp).
    Result<KafkaClusterDescription> describeCluster(int probeTimeoutMs = 3000);
    // Settings of topics, one DescribeConfigs request for all of them, each marked when the topic
    // overrides the cluster's default (no names: every setting the topic has of its own); a topic whose
    // configuration is refused (ACLs) says so in its problem, the others are still answered.
    Result<std::vector<KafkaTopicConfig>> topicConfigs(const QStringList& topics,
                                                       const QStringList& names = kKeyTopicConfigs);
    // A group's state, protocol type and members. A KIP-848 `consumer` group (known from the
    // listing) keeps the listing's state and says in membersNote why no members are given.
    Result<KafkaGroupDescription> describeGroup(const QString& group);
    // Many groups in one DescribeConsumerGroups call (and one listing for their types); each
    // answered or refused on its own.
    Result<std::map<QString, Result<KafkaGroupDescription>>> describeGroups(const QStringList& groups);
    Result<std::vector<KafkaPartitionLag>> groupLag(const QString& group);
    // The lag of many groups at once (the same per group as groupLag), asked together: one
    // OffsetFetch per group in flight at once, the watermarks batched.
    // `known`: topics with watermarks just read (cluster(…, true)), used instead of asking again.
    Result<KafkaGroupsLag> groupsLag(const QStringList& groups,
                                     const std::vector<KafkaTopicInfo>* known = nullptr);
    Result<std::vector<ResetPlanRow>> planReset(const QString& group, const ResetSpec& spec);
    // Applies a plan; refused on a read-only profile and while the group has members.
    Result<void> applyReset(const QString& group, const std::vector<ResetPlanRow>& plan);

    // Topic creation/deletion: only names with the sandbox prefix unless allowAnyName.
    // `config`: topic settings (cleanup.policy, segment.ms, …) as Kafka names them.
    Result<void> createTopic(const QString& name, int partitions, int replicationFactor = -1,
                             const QString& sandboxPrefix = QStringLiteral("sandbox."),
                             bool allowAnyName = false, const std::map<QString, QString>& config = {});
    Result<void> deleteTopic(const QString& name, const QString& sandboxPrefix = QStringLiteral("sandbox."),
                             bool allowAnyName = false);
    // Produces and waits for every delivery; a record without an explicit partition goes where
    // Kafka's Java producer would put it (murmur2 of the key).
    Result<ProduceReport> produce(const std::vector<ProducerRecord>& records, int timeoutMs = 30000);
    // Topic administration, each audited, refused with a read-only profile and outside the
    // sandbox prefix unless allowAnyName (the user unlocked the topic):
    // more partitions (Kafka cannot take any away);
    Result<void> addPartitions(const QString& topic, int total, const QString& sandboxPrefix,
                               bool allowAnyName);
    // settings set and taken off the topic (back to the cluster's default), in one request.
    Result<void> alterTopicConfig(const QString& topic, const std::map<QString, QString>& set,
                                  const QStringList& unset, const QString& sandboxPrefix, bool allowAnyName);
    // Group administration, each audited and refused with a read-only profile or while the group
    // has members (the broker's own reason where it refuses):
    // a group deleted whole (its committed offsets with it);
    Result<void> deleteGroup(const QString& group);
    // a group's committed offsets for one topic deleted (returns the partitions that had one);
    Result<int> deleteGroupOffsets(const QString& group, const QString& topic);
    // one group's committed offsets as a plan for another, new group (refused when it has
    // committed offsets already), and that plan applied.
    Result<std::vector<ResetPlanRow>> planCopyOffsets(const QString& from, const QString& to);
    Result<void> copyOffsets(const QString& from, const QString& to, const std::vector<ResetPlanRow>& plan);

    rd_kafka_t* handle() const; // for the browser; same thread only

private:
    // Each call once; the public ones ask again on retriable answers (ErrorCode::Busy) with a
    // backoff, up to kRetryBudgetMs: a leader that was killed is replaced after the cluster's
    // broker session timeout (Kafka's default 9 s) and an election, which 10 s did not always cover.
    template <typename F> auto retrying(const F& attempt) -> decltype(attempt());
    Result<KafkaClusterInfo> clusterOnce(bool includeInternal, bool withWatermarks);
    Result<KafkaTopicInfo> topicOnce(const QString& name, bool withWatermarks);
    // Log start, high watermark and LSO of every partition, batched (kafka_cluster.cpp); drops
    // topics deleted meanwhile.
    Result<void> fillAllWatermarks(std::vector<KafkaTopicInfo>& topics);
    Result<std::pair<Offset, Offset>> watermarksOnce(const QString& topic, PartitionId partition,
                                                     bool readCommitted);
    Result<std::vector<Offset>>
    offsetsForTimeOnce(const QString& topic, const std::vector<PartitionId>& partitions, TimestampMs ts);
    Result<std::vector<std::vector<Offset>>> offsetsAtTimesOnce(const std::vector<TopicPartition>& partitions,
                                                                const std::vector<TimestampMs>& times,
                                                                const std::atomic_bool* cancel);
    Result<std::vector<KafkaGroupListing>> groupsOnce();
    Result<KafkaGroupDescription> describeGroupOnce(const QString& group);
    Result<std::vector<KafkaPartitionLag>> groupLagOnce(const QString& group);
    Result<KafkaGroupsLag> groupsLagOnce(const QStringList& groups, const std::vector<KafkaTopicInfo>* known);
    Result<std::map<QString, Result<KafkaGroupDescription>>> describeGroupsOnce(const QStringList& groups);
    Result<void> applyResetUnaudited(const QString& group, const std::vector<ResetPlanRow>& plan);
    Result<void> createTopicUnaudited(const QString& name, int partitions, int replicationFactor,
                                      const QString& sandboxPrefix, bool allowAnyName,
                                      const std::map<QString, QString>& config);
    Result<void> deleteTopicUnaudited(const QString& name, const QString& sandboxPrefix, bool allowAnyName);
    Result<ProduceReport> produceUnaudited(const std::vector<ProducerRecord>& records, int timeoutMs);
    struct Impl;
    explicit KafkaClient(std::unique_ptr<Impl> d);
    std::unique_ptr<Impl> d;
};

QString librdkafkaVersion(); // for About boxes and --version

// Creates a librdkafka handle of the given type for a profile, with an error callback that
// records the last error (see kafkaLastError). For KafkaClient and KafkaBrowser.
struct KafkaHandle;
Result<std::shared_ptr<KafkaHandle>> makeKafkaHandle(const KafkaProfile& profile, bool consumer,
                                                     const std::map<QString, QString>& overrides = {});
// Produces one record with the copy flag and its headers, waiting while the queue is full.
// Returns 0 or the rd_kafka_resp_err_t. For KafkaClient::produce.
int produceRecord(rd_kafka_t* rk, const ProducerRecord& record, void* opaque = nullptr);

struct KafkaHandle {
    rd_kafka_t* rk = nullptr;
    bool consumer = false;
    std::atomic<int> lastError{0}; // rd_kafka_resp_err_t of the last error callback
    // Producers: deliveries that failed (counted by the delivery report callback; the first
    // failure's rd_kafka_resp_err_t). A transaction must not commit over a failed delivery.
    std::atomic<qint64> failedDeliveries{0};
    std::atomic<int> firstDeliveryError{0};
    QString lastErrorText; // guarded by mutex
    QString tlsProblem;    // guarded by mutex: a broker certificate verification refused, in one sentence
    KafkaProfile facts;    // the profile without its secrets, for the sentences of errorFor
    std::mutex mutex;
    ~KafkaHandle();
    Error errorFor(int err, const QString& context);
    // Whether the connection failed for a cause that asking again will not change (a refused
    // login, certificate or OIDC token).
    bool failedForGood();
};

} // namespace rw
