#pragma once
// Private to connectors/kafka_client*.cpp: the client's handles and the librdkafka helpers its
// reads (kafka_client.cpp) and writes (kafka_client_write.cpp) share. Thread contract: as KafkaClient.

#include "kafka_client.h"
#include "kafka_conf.h"

#include <librdkafka/rdkafka.h>

#include <QElapsedTimer>

#include <algorithm>
#include <chrono>
#include <memory>
#include <thread>

namespace rw {

namespace kafka_detail {

struct Delivery {
    std::vector<std::pair<PartitionId, Offset>>* positions;
    std::vector<rd_kafka_resp_err_t>* errors;
};

// Who the cluster's ACLs judge, as the user knows it: the SASL user, the OIDC client, or the user
// the client certificate maps to (kafka_client.cpp).
QString principalOf(const KafkaProfile& profile);

// librdkafka callbacks (kafka_client.cpp): errors and statistics onto the handle (its opaque),
// librdkafka's own log lines dropped, deliveries counted.
void errorCallback(rd_kafka_t*, int err, const char* reason, void* opaque);
int statsCallback(rd_kafka_t*, char* json, size_t len, void* opaque);
void logCallback(const rd_kafka_t*, int, const char*, const char*);
int certVerifyCallback(rd_kafka_t*, const char* broker, int32_t brokerId, int* x509Error, int depth,
                       const char* der, size_t size, char* errstr, size_t errstrSize, void* opaque);
void failedDeliveryCallback(rd_kafka_t*, const rd_kafka_message_t* m, void* opaque);
void deliveryCallback(rd_kafka_t*, const rd_kafka_message_t* m, void* opaque);

using EventPtr = std::unique_ptr<rd_kafka_event_t, decltype(&rd_kafka_event_destroy)>;
using QueuePtr = std::unique_ptr<rd_kafka_queue_t, decltype(&rd_kafka_queue_destroy)>;
using OptionsPtr = std::unique_ptr<rd_kafka_AdminOptions_t, decltype(&rd_kafka_AdminOptions_destroy)>;
using ListPtr =
    std::unique_ptr<rd_kafka_topic_partition_list_t, decltype(&rd_kafka_topic_partition_list_destroy)>;

inline ListPtr makeList(int size)
{
    return ListPtr(rd_kafka_topic_partition_list_new(size), &rd_kafka_topic_partition_list_destroy);
}

} // namespace kafka_detail

struct KafkaClient::Impl {
    using EventPtr = kafka_detail::EventPtr;
    using OptionsPtr = kafka_detail::OptionsPtr;
    using Delivery = kafka_detail::Delivery;

    KafkaProfile profile;
    std::shared_ptr<KafkaHandle> producer;        // metadata, admin, produce
    std::shared_ptr<KafkaHandle> readCommitted;   // LSO watermarks, offsets for times, marker checks
    std::shared_ptr<KafkaHandle> readUncommitted; // high watermarks
    // More read_uncommitted handles for offsets by time (offsetsAtTimes), one connection each;
    // [0] unused (readUncommitted is the first).
    std::vector<std::shared_ptr<KafkaHandle>> timeLookups;
    KafkaClusterDescription lastListing; // describeCluster's last listing of the brokers
    std::vector<std::pair<PartitionId, Offset>> deliveryPositions;
    std::vector<rd_kafka_resp_err_t> deliveryErrors;
    Delivery delivery{&deliveryPositions, &deliveryErrors};

    // A read_uncommitted consumer handle: the high watermark itself (librdkafka's watermark query
    // answers as the handle's isolation level, read_committed by default, i.e. the LSO).
    Result<KafkaHandle*> ru()
    {
        if (!readUncommitted) {
            auto h = makeKafkaHandle(
                profile, true,
                {{QStringLiteral("isolation.level"), QStringLiteral("read_uncommitted")},
                 {QStringLiteral("enable.auto.commit"), QStringLiteral("false")},
                 {QStringLiteral("group.id"), QStringLiteral("rewind-inspect-never-commits")}});
            if (!h) return h.error();
            readUncommitted = h.value();
        }
        return readUncommitted.get();
    }

    Result<KafkaHandle*> rc()
    {
        if (!readCommitted) {
            auto h = makeKafkaHandle(
                profile, true,
                {{QStringLiteral("isolation.level"), QStringLiteral("read_committed")},
                 {QStringLiteral("enable.auto.commit"), QStringLiteral("false")},
                 {QStringLiteral("enable.partition.eof"), QStringLiteral("true")},
                 // Reads here are short checks (is anything readable before the end?): a
                 // partition with nothing to read answers at once, not after half a second.
                 {QStringLiteral("fetch.wait.max.ms"), QStringLiteral("10")},
                 {QStringLiteral("group.id"), QStringLiteral("rewind-inspect-never-commits")}});
            if (!h) return h.error();
            readCommitted = h.value();
        }
        return readCommitted.get();
    }

    // librdkafka answers a partition's offset queries from its metadata cache, refreshed every
    // few minutes: after a leader dies, is cut off or moves, a handle kept asking the old one
    // ("Not leader", a transport error, a time-out) long after the cluster had moved on (the
    // window's live tail stopped for minutes after a leader was killed). On such an answer the
    // read handles are dropped; the next try makes fresh ones, whose first lookup asks the
    // cluster. A transport failure or time-out of the leader while the cluster's metadata still
    // answers is Busy (asked again), naming `leader` (e.g. "broker 2 (leader of 5)"); when
    // nothing answers it stays what it was (Unreachable).
    // `clusterAnswered`: a metadata request of this same call was answered a moment ago, so a
    // transport failure is the leader's, not the cluster's (the soak met a check that failed
    // while one broker was down and another restarting).
    Error leaderError(KafkaHandle* h, rd_kafka_resp_err_t err, const QString& what,
                      const QString& leader = {}, bool clusterAnswered = false)
    {
        Error e = h->errorFor(err, what);
        const bool transport = err == RD_KAFKA_RESP_ERR__TRANSPORT || err == RD_KAFKA_RESP_ERR__TIMED_OUT ||
                               err == RD_KAFKA_RESP_ERR__TIMED_OUT_QUEUE;
        const bool stale = err == RD_KAFKA_RESP_ERR_LEADER_NOT_AVAILABLE ||
                           err == RD_KAFKA_RESP_ERR_NOT_LEADER_FOR_PARTITION ||
                           err == RD_KAFKA_RESP_ERR_FENCED_LEADER_EPOCH ||
                           err == RD_KAFKA_RESP_ERR_UNKNOWN_LEADER_EPOCH ||
                           err == RD_KAFKA_RESP_ERR_OFFSET_NOT_AVAILABLE;
        if (!transport && !stale) return e;
        readUncommitted.reset(); // `h` may be one of these: not used below
        readCommitted.reset();
        timeLookups.clear();
        if (!transport || e.code == ErrorCode::AuthenticationFailed) return e;
        if (!clusterAnswered && !othersAnswer()) return e;
        return makeError(
            ErrorCode::Busy,
            QStringLiteral("%1: %2 did not answer (%3); the cluster moves its partitions to another "
                           "replica, asking again")
                .arg(what, leader.isEmpty() ? QStringLiteral("the leader") : leader,
                     QString::fromUtf8(rd_kafka_err2str(err))));
    }

    // Whether some broker answers a metadata request now (3 s at most): librdkafka sends it to a
    // broker it can reach, which also renews the controller it sends admin requests to.
    bool othersAnswer()
    {
        const rd_kafka_metadata_t* md = nullptr;
        if (rd_kafka_metadata(producer->rk, 0, nullptr, &md, 3000) != RD_KAFKA_RESP_ERR_NO_ERROR)
            return false;
        rd_kafka_metadata_destroy(md);
        return true;
    }

    // A request that one broker did not answer (refused, cut off, timed out) while a metadata
    // request, which librdkafka sends to a broker it can reach, still gets an answer: Busy, so
    // the caller's retry asks again; when nothing answers, the error as it was (Unreachable).
    Error unlessOthersAnswer(rd_kafka_resp_err_t err, const QString& what)
    {
        Error e = producer->errorFor(err, what);
        if (e.code != ErrorCode::Unreachable && e.code != ErrorCode::Timeout) return e;
        if (!othersAnswer()) return e;
        return makeError(ErrorCode::Busy,
                         QStringLiteral("%1: the broker asked did not answer (%2) while others do; "
                                        "asking again")
                             .arg(what, QString::fromUtf8(rd_kafka_err2str(err))));
    }

    // An admin request's answer. librdkafka sends most admin requests to the broker the last
    // metadata named controller (with KRaft, any broker the cluster picked) and keeps that for
    // minutes: after that broker died or was cut off every admin call failed with a transport
    // error although the other brokers answered. Such a failure, while a metadata request (which
    // renews the controller librdkafka knows) still gets an answer, is Busy: asked again, it
    // goes to a broker that answers.
    // `raw`, when given, receives librdkafka's own code of a failure.
    Result<EventPtr> adminWait(rd_kafka_queue_t* q, int timeoutMs, const QString& what,
                               rd_kafka_resp_err_t* raw = nullptr)
    {
        EventPtr ev(rd_kafka_queue_poll(q, timeoutMs + 2000), &rd_kafka_event_destroy);
        const rd_kafka_resp_err_t err = ev ? rd_kafka_event_error(ev.get()) : RD_KAFKA_RESP_ERR__TIMED_OUT;
        if (raw) *raw = err;
        if (err == RD_KAFKA_RESP_ERR_NO_ERROR) return ev;
        return unlessOthersAnswer(err, what);
    }

    // The handle group requests go to (offsets, descriptions, resets): a consumer handle, as
    // librdkafka 2.8 answers an OffsetFetch's "not coordinator" through the handle's own group
    // (a producer has none: it crashed). librdkafka keeps each group's coordinator in a cache
    // that forgets an entry only once it has gone unused for metadata.max.age.ms (15 minutes),
    // and no admin answer evicts it: a group whose coordinator was killed was asked, every
    // second the lag sampler asked, at the dead and then the restarted broker ("Not
    // coordinator") long after the group had moved (tst_cluster_faults: no lag sample for over
    // a minute). So a coordinator's failure drops the handle (forgetCoordinators); the next
    // request makes a fresh one, whose first lookup asks the cluster.
    Result<std::shared_ptr<KafkaHandle>> groupHandle()
    {
        if (auto made = rc(); !made) return made.error();
        return readCommitted;
    }
    // A group request's handle, its answer queue and its options (the handle outlives the queue).
    struct GroupRequest {
        std::shared_ptr<KafkaHandle> handle;
        kafka_detail::QueuePtr queue{nullptr, &rd_kafka_queue_destroy};
        OptionsPtr options{nullptr, &rd_kafka_AdminOptions_destroy};
    };
    Result<GroupRequest> groupRequest(rd_kafka_admin_op_t op, int timeoutMs)
    {
        auto h = groupHandle();
        if (!h) return h.error();
        GroupRequest r;
        r.handle = h.value();
        r.queue.reset(rd_kafka_queue_new(r.handle->rk));
        r.options = optionsOn(r.handle->rk, op, timeoutMs);
        return r;
    }
    void forgetCoordinators(const std::shared_ptr<KafkaHandle>& used, rd_kafka_resp_err_t err)
    {
        const bool coordinatorGone =
            err == RD_KAFKA_RESP_ERR_NOT_COORDINATOR || err == RD_KAFKA_RESP_ERR_COORDINATOR_NOT_AVAILABLE ||
            err == RD_KAFKA_RESP_ERR__TRANSPORT || err == RD_KAFKA_RESP_ERR__TIMED_OUT ||
            err == RD_KAFKA_RESP_ERR__TIMED_OUT_QUEUE;
        if (coordinatorGone && readCommitted == used) readCommitted.reset();
    }

    OptionsPtr options(rd_kafka_admin_op_t op, int timeoutMs)
    {
        return optionsOn(producer->rk, op, timeoutMs);
    }
    static OptionsPtr optionsOn(rd_kafka_t* rk, rd_kafka_admin_op_t op, int timeoutMs)
    {
        OptionsPtr o(rd_kafka_AdminOptions_new(rk, op), &rd_kafka_AdminOptions_destroy);
        char err[256];
        rd_kafka_AdminOptions_set_request_timeout(o.get(), timeoutMs, err, sizeof err);
        return o;
    }

    // Writes the user's ACLs do not allow are refused before anything is written: the topics'
    // authorised operations (KIP-430), asked in one DescribeTopics (kafka_client_write.cpp).
    Result<void> refuseUnwritable(const QStringList& topics);
    Result<void> refuseUnwritableOnce(const QStringList& topics);

    Result<void> refuseIfReadOnly(const char* what) const
    {
        if (profile.readOnly)
            return makeError(ErrorCode::Refused, QStringLiteral("the profile '%1' is read-only: cannot %2")
                                                     .arg(profile.name, QLatin1String(what)));
        return {};
    }
};

// Asks again on retriable answers (ErrorCode::Busy) with a backoff, within kRetryBudgetMs.
template <typename F> auto KafkaClient::retrying(const F& attempt) -> decltype(attempt())
{
    QElapsedTimer waited;
    waited.start();
    int backoffMs = 100;
    while (true) {
        auto r = attempt();
        if (r.ok() || r.error().code != ErrorCode::Busy) return r;
        if (waited.elapsed() + backoffMs > kRetryBudgetMs) {
            Error e = r.error();
            e.message +=
                QStringLiteral(" (still so after %1 s of asking again)").arg(waited.elapsed() / 1000);
            return e;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(backoffMs));
        backoffMs = std::min(backoffMs * 2, 1000);
    }
}

} // namespace rw
