#include "kafka_client_impl.h"
#include "kafka_tls.h"

#include <QElapsedTimer>
#include <QHash>
#include <QStringList>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <set>
#include <thread>

namespace rw {

namespace kafka_detail {

namespace {
// Errors that name their cause (a refused login, a TLS handshake, an OIDC token) rather than its
// consequence (the transport failures that follow them).
bool telling(int err, const QString& reason)
{
    return err == RD_KAFKA_RESP_ERR__AUTHENTICATION ||
           reason.contains(QLatin1String("SSL handshake failed")) ||
           (reason.contains(QLatin1String("SSL routines")) && reason.contains(QLatin1String("alert"))) ||
           reason.contains(QLatin1String("OAUTHBEARER")) || reason.contains(QLatin1String("OIDC"));
}
} // namespace

void errorCallback(rd_kafka_t*, int err, const char* reason, void* opaque)
{
    auto* h = static_cast<KafkaHandle*>(opaque);
    const QString text = QString::fromUtf8(reason);
    std::lock_guard<std::mutex> lock(h->mutex);
    // Keep the most telling error: a failed login is not overwritten by the transport errors that
    // follow it.
    if (telling(h->lastError.load(), h->lastErrorText) && !telling(err, text)) return;
    h->lastError = err;
    h->lastErrorText = text;
}

// Called for each certificate of a broker's chain; keeps librdkafka's (OpenSSL's) verdict and, for
// a refused one, says why in one sentence, naming the certificate.
int certVerifyCallback(rd_kafka_t*, const char* broker, int32_t, int* x509Error, int depth, const char* der,
                       size_t size, char* errstr, size_t errstrSize, void* opaque)
{
    if (*x509Error == 0) return 1;
    auto* h = static_cast<KafkaHandle*>(opaque);
    const QString sentence =
        describeRefusedCertificate(*x509Error, depth, der, size, QString::fromUtf8(broker), h->facts.caFile);
    {
        std::lock_guard<std::mutex> lock(h->mutex);
        if (h->tlsProblem.isEmpty()) h->tlsProblem = sentence;
    }
    qstrncpy(errstr, sentence.toUtf8().constData(), errstrSize);
    return 0;
}

// With statistics.interval.ms set: a broker in state UP means the cluster is reachable again,
// which librdkafka does not report otherwise; clear the recorded connection error.
int statsCallback(rd_kafka_t*, char* json, size_t len, void* opaque)
{
    auto* h = static_cast<KafkaHandle*>(opaque);
    if (QByteArrayView(json, static_cast<qsizetype>(len)).contains("\"state\":\"UP\"")) {
        const int last = h->lastError.load();
        if (last == RD_KAFKA_RESP_ERR__TRANSPORT || last == RD_KAFKA_RESP_ERR__ALL_BROKERS_DOWN)
            h->lastError = 0;
    }
    return 0; // librdkafka frees the JSON
}

void logCallback(const rd_kafka_t*, int level, const char* fac, const char* buf)
{
    // librdkafka's own log lines are dropped: errors reach us through error_cb and results.
    // REWIND_KAFKA_LOG=1 shows its warnings and errors on stderr, for whoever chases a fault
    // (they name brokers and partitions, never settings or secrets).
    static const bool shown = qEnvironmentVariableIntValue("REWIND_KAFKA_LOG") > 0;
    if (shown && level <= 4) std::fprintf(stderr, "librdkafka %s: %s\n", fac, buf);
}

// Producers made by makeKafkaHandle: count failed deliveries on the handle (its opaque).
void failedDeliveryCallback(rd_kafka_t*, const rd_kafka_message_t* m, void* opaque)
{
    if (!m->err || !opaque) return;
    auto* h = static_cast<KafkaHandle*>(opaque);
    int none = 0;
    h->firstDeliveryError.compare_exchange_strong(none, m->err);
    h->failedDeliveries.fetch_add(1);
}

void deliveryCallback(rd_kafka_t*, const rd_kafka_message_t* m, void* opaque)
{
    auto* d = static_cast<Delivery*>(opaque);
    const auto index = reinterpret_cast<std::uintptr_t>(m->_private);
    if (!d || index >= d->positions->size()) return;
    (*d->errors)[index] = m->err;
    (*d->positions)[index] = {m->partition, m->offset};
}

} // namespace kafka_detail

using namespace kafka_detail;

KafkaHandle::~KafkaHandle()
{
    if (!rk) return;
    if (consumer)
        rd_kafka_consumer_close(rk);
    else
        rd_kafka_flush(rk, 2000);
    rd_kafka_destroy(rk);
}

namespace {

// Answers that mean "not now": a coordinator loading or moving, a partition's leader moving, a
// broker's request timeout. Kafka's own tools ask again; so does every KafkaClient call.
bool retriable(rd_kafka_resp_err_t e)
{
    switch (e) {
    case RD_KAFKA_RESP_ERR_COORDINATOR_LOAD_IN_PROGRESS:
    case RD_KAFKA_RESP_ERR_COORDINATOR_NOT_AVAILABLE:
    case RD_KAFKA_RESP_ERR_NOT_COORDINATOR:
    case RD_KAFKA_RESP_ERR_NOT_LEADER_FOR_PARTITION:
    case RD_KAFKA_RESP_ERR_LEADER_NOT_AVAILABLE:
    case RD_KAFKA_RESP_ERR_REQUEST_TIMED_OUT:
    case RD_KAFKA_RESP_ERR_NOT_ENOUGH_REPLICAS:
    case RD_KAFKA_RESP_ERR_FETCH_SESSION_ID_NOT_FOUND:
    case RD_KAFKA_RESP_ERR_OFFSET_NOT_AVAILABLE: // a new leader that does not know the high watermark yet
        return true;
    default:
        return false;
    }
}

} // namespace

bool KafkaHandle::failedForGood()
{
    rd_kafka_poll(rk, 0); // dispatch pending error callbacks
    std::lock_guard<std::mutex> lock(mutex);
    if (!tlsProblem.isEmpty() || lastError.load() == RD_KAFKA_RESP_ERR__AUTHENTICATION) return true;
    // A handshake that ended for a cause we can name; one cut short (a busy broker dropping the
    // connection) is tried again like any other transport failure.
    if (!describeHandshakeFailure(lastErrorText, facts).isEmpty()) return true;
    return facts.usesOAuth() && telling(lastError.load(), lastErrorText) &&
           (lastErrorText.contains(QLatin1String("OAUTHBEARER")) ||
            lastErrorText.contains(QLatin1String("OIDC")));
}

QString kafka_detail::principalOf(const KafkaProfile& p)
{
    if (p.usesOAuth()) return QStringLiteral("the OIDC client %1").arg(p.oauthClientId);
    if (p.usesSasl() && !p.saslUser.isEmpty()) return p.saslUser;
    if (!p.certFile.isEmpty()) return QStringLiteral("the user of the client certificate");
    return QStringLiteral("this connection's user");
}

Error KafkaHandle::errorFor(int err, const QString& context)
{
    if (rk) rd_kafka_poll(rk, 0); // dispatch pending error callbacks
    const int last = lastError.load();
    QString lastText;
    {
        std::lock_guard<std::mutex> lock(mutex);
        lastText = lastErrorText;
    }
    const auto e = static_cast<rd_kafka_resp_err_t>(err);
    const QString detail = QString::fromUtf8(rd_kafka_err2str(e));
    // A connection that failed for a named cause: a broker certificate refused, an OIDC token
    // refused, a handshake the broker ended. One sentence, the cause first.
    if (e == RD_KAFKA_RESP_ERR__TRANSPORT || e == RD_KAFKA_RESP_ERR__ALL_BROKERS_DOWN ||
        e == RD_KAFKA_RESP_ERR__TIMED_OUT || e == RD_KAFKA_RESP_ERR__TIMED_OUT_QUEUE ||
        e == RD_KAFKA_RESP_ERR__AUTHENTICATION || e == RD_KAFKA_RESP_ERR__SSL ||
        e == RD_KAFKA_RESP_ERR_SASL_AUTHENTICATION_FAILED) {
        QString cause;
        {
            std::lock_guard<std::mutex> lock(mutex);
            cause = tlsProblem;
        }
        if (cause.isEmpty() && facts.usesOAuth()) cause = describeOAuthFailure(lastText, facts);
        if (cause.isEmpty()) cause = describeHandshakeFailure(lastText, facts);
        if (!cause.isEmpty())
            return makeError(ErrorCode::AuthenticationFailed, QStringLiteral("%1: %2").arg(context, cause));
    }
    if (last == RD_KAFKA_RESP_ERR__AUTHENTICATION || e == RD_KAFKA_RESP_ERR__AUTHENTICATION ||
        e == RD_KAFKA_RESP_ERR_SASL_AUTHENTICATION_FAILED)
        return makeError(
            ErrorCode::AuthenticationFailed,
            QStringLiteral("%1: authentication failed: %2. Check the user name, password and SASL "
                           "mechanism of the profile.")
                .arg(context, lastText.isEmpty() ? detail : lastText));
    if (e == RD_KAFKA_RESP_ERR__TRANSPORT || e == RD_KAFKA_RESP_ERR__ALL_BROKERS_DOWN ||
        e == RD_KAFKA_RESP_ERR__RESOLVE ||
        ((e == RD_KAFKA_RESP_ERR__TIMED_OUT || e == RD_KAFKA_RESP_ERR__TIMED_OUT_QUEUE) &&
         (last == RD_KAFKA_RESP_ERR__TRANSPORT || last == RD_KAFKA_RESP_ERR__ALL_BROKERS_DOWN ||
          last == RD_KAFKA_RESP_ERR__RESOLVE)))
        return makeError(
            ErrorCode::Unreachable,
            QStringLiteral("%1: no broker answered (%2). Check the bootstrap address and that the cluster "
                           "is up.")
                .arg(context, lastText.isEmpty() ? detail : lastText));
    if (retriable(e))
        return makeError(ErrorCode::Busy,
                         QStringLiteral("%1: %2; the cluster is moving or loading that part, "
                                        "try again in a moment")
                             .arg(context, detail));
    if (e == RD_KAFKA_RESP_ERR__TIMED_OUT || e == RD_KAFKA_RESP_ERR__TIMED_OUT_QUEUE)
        return makeError(ErrorCode::Timeout, QStringLiteral("%1: timed out").arg(context));
    if (e == RD_KAFKA_RESP_ERR_UNKNOWN_TOPIC_OR_PART || e == RD_KAFKA_RESP_ERR__UNKNOWN_TOPIC ||
        e == RD_KAFKA_RESP_ERR__UNKNOWN_PARTITION || e == RD_KAFKA_RESP_ERR_GROUP_ID_NOT_FOUND)
        return makeError(ErrorCode::NotFound, QStringLiteral("%1: %2").arg(context, detail));
    if (e == RD_KAFKA_RESP_ERR_OFFSET_OUT_OF_RANGE)
        return makeError(ErrorCode::OutOfRange, QStringLiteral("%1: %2").arg(context, detail));
    if (e == RD_KAFKA_RESP_ERR_TOPIC_AUTHORIZATION_FAILED ||
        e == RD_KAFKA_RESP_ERR_GROUP_AUTHORIZATION_FAILED ||
        e == RD_KAFKA_RESP_ERR_CLUSTER_AUTHORIZATION_FAILED ||
        e == RD_KAFKA_RESP_ERR_TRANSACTIONAL_ID_AUTHORIZATION_FAILED) {
        const QString what =
            e == RD_KAFKA_RESP_ERR_TOPIC_AUTHORIZATION_FAILED
                ? QStringLiteral("that topic (Kafka says the same of a topic that does not exist)")
            : e == RD_KAFKA_RESP_ERR_GROUP_AUTHORIZATION_FAILED   ? QStringLiteral("that group")
            : e == RD_KAFKA_RESP_ERR_CLUSTER_AUTHORIZATION_FAILED ? QStringLiteral("the cluster")
                                                                  : QStringLiteral("that transactional id");
        return makeError(
            ErrorCode::NotAuthorized,
            QStringLiteral("%1: not authorised: the cluster's ACLs do not let %2 do this with %3")
                .arg(context, kafka_detail::principalOf(facts), what));
    }
    return makeError(ErrorCode::Io, QStringLiteral("%1: %2").arg(context, detail));
}

QString librdkafkaVersion()
{
    return QString::fromLatin1(rd_kafka_version_str());
}

int produceRecord(rd_kafka_t* rk, const ProducerRecord& r, void* opaque)
{
    rd_kafka_headers_t* hdrs = nullptr;
    if (!r.headers.empty()) {
        hdrs = rd_kafka_headers_new(r.headers.size());
        for (const Header& h : r.headers)
            rd_kafka_header_add(hdrs, h.key.constData(), h.key.size(),
                                h.value ? h.value->constData() : nullptr, h.value ? h.value->size() : 0);
    }
    const QByteArray topic = r.topic.toUtf8();
    void* keyData = r.key ? const_cast<char*>(r.key->constData()) : nullptr;
    const size_t keyLen = r.key ? static_cast<size_t>(r.key->size()) : 0;
    void* valueData = r.value ? const_cast<char*>(r.value->constData()) : nullptr;
    const size_t valueLen = r.value ? static_cast<size_t>(r.value->size()) : 0;
    const int32_t partition = r.partition >= 0 ? r.partition : RD_KAFKA_PARTITION_UA;
    rd_kafka_resp_err_t e;
    do {
        e = rd_kafka_producev(rk, RD_KAFKA_V_TOPIC(topic.constData()), RD_KAFKA_V_PARTITION(partition),
                              RD_KAFKA_V_MSGFLAGS(RD_KAFKA_MSG_F_COPY), RD_KAFKA_V_KEY(keyData, keyLen),
                              RD_KAFKA_V_VALUE(valueData, valueLen), RD_KAFKA_V_TIMESTAMP(r.timestamp),
                              RD_KAFKA_V_HEADERS(hdrs), RD_KAFKA_V_OPAQUE(opaque), RD_KAFKA_V_END);
        if (e == RD_KAFKA_RESP_ERR__QUEUE_FULL) rd_kafka_poll(rk, 20);
    } while (e == RD_KAFKA_RESP_ERR__QUEUE_FULL);
    if (e) {
        if (hdrs) rd_kafka_headers_destroy(hdrs); // not taken over by a failed produce
        return e;
    }
    rd_kafka_poll(rk, 0);
    return 0;
}

Result<std::shared_ptr<KafkaHandle>> makeKafkaHandle(const KafkaProfile& profile, bool consumer,
                                                     const std::map<QString, QString>& overrides)
{
    if (auto tls = checkTlsFiles(profile); !tls) return tls.error();
    auto conf = makeConf(profile);
    if (!conf) return conf.error();
    rd_kafka_conf_t* c = conf.value();
    auto handle = std::make_shared<KafkaHandle>();
    handle->consumer = consumer;
    handle->facts = profile;
    for (ProfileSecret which : {ProfileSecret::SaslPassword, ProfileSecret::KeyPassphrase,
                                ProfileSecret::OAuthClientSecret, ProfileSecret::RegistryPassword})
        handle->facts.setSecret(which, {});
    for (const auto& [k, v] : overrides) {
        if (auto r = setConf(c, k.toUtf8().constData(), v.toUtf8()); !r) {
            rd_kafka_conf_destroy(c);
            return r.error();
        }
    }
    rd_kafka_conf_set_error_cb(c, errorCallback);
    if (!consumer) rd_kafka_conf_set_dr_msg_cb(c, failedDeliveryCallback);
    rd_kafka_conf_set_stats_cb(c, statsCallback);
    rd_kafka_conf_set_log_cb(c, logCallback);
    rd_kafka_conf_set_ssl_cert_verify_cb(c, certVerifyCallback);
    rd_kafka_conf_set_opaque(c, handle.get());
    char err[512];
    handle->rk = rd_kafka_new(consumer ? RD_KAFKA_CONSUMER : RD_KAFKA_PRODUCER, c, err, sizeof err);
    if (!handle->rk) {
        rd_kafka_conf_destroy(c);
        return makeError(ErrorCode::InvalidArgument,
                         QStringLiteral("cannot create a Kafka client: %1").arg(QString::fromUtf8(err)));
    }
    return handle;
}

KafkaClient::KafkaClient(std::unique_ptr<Impl> impl) : d(std::move(impl)) {}
KafkaClient::~KafkaClient() = default;

const KafkaProfile& KafkaClient::profile() const
{
    return d->profile;
}

rd_kafka_t* KafkaClient::handle() const
{
    return d->producer->rk;
}

Result<std::unique_ptr<KafkaClient>> KafkaClient::connect(const KafkaProfile& profile, int timeoutMs,
                                                          const std::atomic_bool* cancel)
{
    auto impl = std::make_unique<Impl>();
    impl->profile = profile;
    auto h =
        makeKafkaHandle(profile, false, {{QStringLiteral("partitioner"), QStringLiteral("murmur2_random")}});
    if (!h) return h.error();
    impl->producer = h.value();
    const rd_kafka_metadata_t* md = nullptr;
    // Asked in slices so a cancel is heard; librdkafka keeps connecting in between.
    QElapsedTimer waited;
    waited.start();
    rd_kafka_resp_err_t err = RD_KAFKA_RESP_ERR__TIMED_OUT;
    // A failure that names its cause (a refused login or certificate, an OIDC token refused) ends
    // the wait at once: asking again would only meet it again.
    while (true) {
        const int slice = std::clamp(static_cast<int>(timeoutMs - waited.elapsed()), 1, 250);
        err = rd_kafka_metadata(impl->producer->rk, 0, nullptr, &md, slice);
        // A connection dropped while the request was out (a busy broker ending a TLS handshake)
        // answers at once with a transport failure: librdkafka reconnects, so that is asked again
        // like a timeout. A refused connection or an unknown host is the answer itself.
        bool again = err == RD_KAFKA_RESP_ERR__TIMED_OUT;
        if (err == RD_KAFKA_RESP_ERR__TRANSPORT || err == RD_KAFKA_RESP_ERR__ALL_BROKERS_DOWN) {
            std::lock_guard<std::mutex> lock(impl->producer->mutex);
            const QString& why = impl->producer->lastErrorText;
            again = impl->producer->lastError.load() != RD_KAFKA_RESP_ERR__RESOLVE &&
                    !why.contains(QLatin1String("Connection refused")) &&
                    !why.contains(QLatin1String("Failed to resolve"));
        }
        if (!again || waited.elapsed() >= timeoutMs) break;
        if (cancel && cancel->load())
            return makeError(ErrorCode::Cancelled,
                             QStringLiteral("connecting to %1 was cancelled").arg(profile.bootstrap));
        if (impl->producer->failedForGood()) break;
    }
    if (err) {
        // Give pending error callbacks (authentication) a moment to land before classifying.
        QElapsedTimer t;
        t.start();
        while (impl->producer->lastError.load() == 0 && t.elapsed() < 500)
            rd_kafka_poll(impl->producer->rk, 50);
        return impl->producer->errorFor(err, QStringLiteral("connecting to %1").arg(profile.bootstrap));
    }
    rd_kafka_metadata_destroy(md);
    return std::unique_ptr<KafkaClient>(new KafkaClient(std::move(impl)));
}

Result<KafkaClusterInfo> KafkaClient::cluster(bool includeInternal, bool withWatermarks)
{
    return retrying([&] { return clusterOnce(includeInternal, withWatermarks); });
}

namespace {

KafkaTopicInfo topicInfoOf(const rd_kafka_metadata_topic& t)
{
    KafkaTopicInfo ti;
    ti.name = QString::fromUtf8(t.topic);
    ti.internal = ti.name.startsWith(QLatin1String("__"));
    for (int p = 0; p < t.partition_cnt; ++p) {
        const rd_kafka_metadata_partition& mp = t.partitions[p];
        KafkaPartitionInfo pi;
        pi.partition = mp.id;
        pi.leader = mp.leader;
        pi.replicas.assign(mp.replicas, mp.replicas + mp.replica_cnt);
        pi.isr.assign(mp.isrs, mp.isrs + mp.isr_cnt);
        ti.partitions.push_back(std::move(pi));
    }
    std::sort(
        ti.partitions.begin(), ti.partitions.end(),
        [](const KafkaPartitionInfo& a, const KafkaPartitionInfo& b) { return a.partition < b.partition; });
    return ti;
}

} // namespace

Result<KafkaClusterInfo> KafkaClient::clusterOnce(bool includeInternal, bool withWatermarks)
{
    const rd_kafka_metadata_t* md = nullptr;
    const rd_kafka_resp_err_t err = rd_kafka_metadata(d->producer->rk, 1, nullptr, &md, kDefaultTimeoutMs);
    if (err) return d->unlessOthersAnswer(err, QStringLiteral("reading cluster metadata"));
    std::unique_ptr<const rd_kafka_metadata_t, decltype(&rd_kafka_metadata_destroy)> guard(
        md, &rd_kafka_metadata_destroy);
    KafkaClusterInfo info;
    for (int i = 0; i < md->broker_cnt; ++i)
        info.brokers.push_back(
            {md->brokers[i].id, QString::fromUtf8(md->brokers[i].host), md->brokers[i].port});
    info.controllerId = rd_kafka_controllerid(d->producer->rk, 0);
    for (int i = 0; i < md->topic_cnt; ++i) {
        const rd_kafka_metadata_topic& t = md->topics[i];
        KafkaTopicInfo ti = topicInfoOf(t);
        if (ti.internal && !includeInternal) continue;
        if (t.err) continue;
        info.topics.push_back(std::move(ti));
    }
    if (withWatermarks)
        if (auto w = fillAllWatermarks(info.topics); !w) return w.error();
    std::sort(info.topics.begin(), info.topics.end(),
              [](const KafkaTopicInfo& a, const KafkaTopicInfo& b) { return a.name < b.name; });
    return info;
}

Result<KafkaTopicInfo> KafkaClient::topic(const QString& name, bool withWatermarks)
{
    return retrying([&] { return topicOnce(name, withWatermarks); });
}

// Low (the log start offset), high (the high watermark) and stable (the last stable offset).
Result<KafkaTopicInfo> KafkaClient::topicOnce(const QString& name, bool withWatermarks)
{
    // The metadata of this one topic (a cluster may have thousands). Our handles never ask the
    // broker to create a topic they name (allow.auto.create.topics=false, kafka_conf.cpp).
    std::unique_ptr<rd_kafka_topic_t, decltype(&rd_kafka_topic_destroy)> rkt(
        rd_kafka_topic_new(d->producer->rk, name.toUtf8().constData(), nullptr), &rd_kafka_topic_destroy);
    if (!rkt)
        return makeError(ErrorCode::InvalidArgument,
                         QStringLiteral("'%1' is not a topic name").arg(name.left(300)));
    const rd_kafka_metadata_t* md = nullptr;
    const rd_kafka_resp_err_t err = rd_kafka_metadata(d->producer->rk, 0, rkt.get(), &md, kDefaultTimeoutMs);
    if (err)
        return d->unlessOthersAnswer(err, QStringLiteral("reading the metadata of topic '%1'").arg(name));
    std::unique_ptr<const rd_kafka_metadata_t, decltype(&rd_kafka_metadata_destroy)> guard(
        md, &rd_kafka_metadata_destroy);
    const rd_kafka_resp_err_t topicErr =
        md->topic_cnt == 1 ? md->topics[0].err : RD_KAFKA_RESP_ERR_UNKNOWN_TOPIC_OR_PART;
    if (topicErr == RD_KAFKA_RESP_ERR_UNKNOWN_TOPIC_OR_PART || topicErr == RD_KAFKA_RESP_ERR__UNKNOWN_TOPIC)
        return makeError(ErrorCode::NotFound,
                         QStringLiteral("unknown topic '%1' on %2").arg(name, d->profile.bootstrap));
    if (topicErr) return d->producer->errorFor(topicErr, QStringLiteral("topic '%1'").arg(name));
    std::vector<KafkaTopicInfo> one{topicInfoOf(md->topics[0])};
    if (withWatermarks) {
        if (auto w = fillAllWatermarks(one); !w) return w.error();
        if (one.empty())
            return makeError(ErrorCode::NotFound,
                             QStringLiteral("unknown topic '%1' on %2").arg(name, d->profile.bootstrap));
    }
    return std::move(one.front());
}

Result<std::pair<Offset, Offset>> KafkaClient::watermarks(const QString& topic, PartitionId partition,
                                                          bool readCommitted)
{
    return retrying([&] { return watermarksOnce(topic, partition, readCommitted); });
}

Result<std::pair<Offset, Offset>> KafkaClient::watermarksOnce(const QString& topic, PartitionId partition,
                                                              bool readCommitted)
{
    auto handle = readCommitted ? d->rc() : d->ru();
    if (!handle) return handle.error();
    KafkaHandle* h = handle.value();
    rd_kafka_t* rk = h->rk;
    int64_t low = 0, high = 0;
    const rd_kafka_resp_err_t err = rd_kafka_query_watermark_offsets(
        rk, topic.toUtf8().constData(), partition, &low, &high, kDefaultTimeoutMs);
    if (err)
        return d->leaderError(h, err,
                              QStringLiteral("reading watermarks of %1-%2").arg(topic).arg(partition));
    return std::make_pair(static_cast<Offset>(low), static_cast<Offset>(high));
}

Result<std::vector<Offset>>
KafkaClient::offsetsForTime(const QString& topic, const std::vector<PartitionId>& partitions, TimestampMs ts)
{
    return retrying([&] { return offsetsForTimeOnce(topic, partitions, ts); });
}

Result<std::vector<Offset>> KafkaClient::offsetsForTimeOnce(const QString& topic,
                                                            const std::vector<PartitionId>& partitions,
                                                            TimestampMs ts)
{
    auto list = makeList(static_cast<int>(partitions.size()));
    const QByteArray t = topic.toUtf8();
    for (PartitionId p : partitions)
        rd_kafka_topic_partition_list_add(list.get(), t.constData(), p)->offset = ts;
    // On the read_committed handle (what the producer handle asked as too: librdkafka's
    // isolation.level defaults to read_committed), which leaderError renews after a leader moved.
    auto handle = d->rc();
    if (!handle) return handle.error();
    const rd_kafka_resp_err_t err =
        rd_kafka_offsets_for_times(handle.value()->rk, list.get(), kDefaultTimeoutMs);
    if (err)
        return d->leaderError(handle.value(), err,
                              QStringLiteral("looking up offsets for a time in %1").arg(topic));
    std::vector<Offset> out;
    for (size_t i = 0; i < partitions.size(); ++i) {
        const rd_kafka_topic_partition_t& e = list->elems[i];
        if (e.err)
            return d->leaderError(
                handle.value(), e.err,
                QStringLiteral("looking up offsets for a time in %1-%2").arg(topic).arg(e.partition));
        if (e.offset < 0) { // no record at or after ts: the end
            auto w = watermarks(topic, e.partition);
            if (!w) return w.error();
            out.push_back(w->second);
        } else {
            out.push_back(e.offset);
        }
    }
    return out;
}

Result<std::vector<KafkaGroupListing>> KafkaClient::groups()
{
    return retrying([&] { return groupsOnce(); });
}

namespace {

QString groupTypeName(rd_kafka_consumer_group_type_t type)
{
    switch (type) {
    case RD_KAFKA_CONSUMER_GROUP_TYPE_CLASSIC:
        return QStringLiteral("classic");
    case RD_KAFKA_CONSUMER_GROUP_TYPE_CONSUMER:
        return QStringLiteral("consumer");
    default:
        return {};
    }
}

} // namespace

Result<std::vector<KafkaGroupListing>> KafkaClient::groupsOnce()
{
    QueuePtr q(rd_kafka_queue_new(d->producer->rk), &rd_kafka_queue_destroy);
    auto opts = d->options(RD_KAFKA_ADMIN_OP_LISTCONSUMERGROUPS, kDefaultTimeoutMs);
    rd_kafka_ListConsumerGroups(d->producer->rk, opts.get(), q.get());
    auto ev = d->adminWait(q.get(), kDefaultTimeoutMs, QStringLiteral("listing consumer groups"));
    if (!ev) return ev.error();
    const rd_kafka_ListConsumerGroups_result_t* res = rd_kafka_event_ListConsumerGroups_result(ev->get());
    size_t n = 0, nerr = 0;
    const rd_kafka_ConsumerGroupListing_t** valid = rd_kafka_ListConsumerGroups_result_valid(res, &n);
    const rd_kafka_error_t** errors = rd_kafka_ListConsumerGroups_result_errors(res, &nerr);
    if (n == 0 && nerr > 0)
        return d->producer->errorFor(rd_kafka_error_code(errors[0]),
                                     QStringLiteral("listing consumer groups"));
    std::vector<KafkaGroupListing> out;
    for (size_t i = 0; i < n; ++i)
        out.push_back({QString::fromUtf8(rd_kafka_ConsumerGroupListing_group_id(valid[i])),
                       QString::fromUtf8(
                           rd_kafka_consumer_group_state_name(rd_kafka_ConsumerGroupListing_state(valid[i]))),
                       rd_kafka_ConsumerGroupListing_is_simple_consumer_group(valid[i]) != 0,
                       groupTypeName(rd_kafka_ConsumerGroupListing_type(valid[i]))});
    std::sort(out.begin(), out.end(),
              [](const KafkaGroupListing& a, const KafkaGroupListing& b) { return a.name < b.name; });
    return out;
}

Result<KafkaGroupDescription> KafkaClient::describeGroup(const QString& group)
{
    return retrying([&] { return describeGroupOnce(group); });
}

Result<KafkaGroupDescription> KafkaClient::describeGroupOnce(const QString& group)
{
    auto all = describeGroupsOnce({group});
    if (!all) return all.error();
    auto it = all->find(group);
    if (it == all->end())
        return makeError(ErrorCode::Internal,
                         QStringLiteral("describing group '%1': unexpected answer").arg(group));
    if (!it->second) return it->second.error();
    return std::move(it->second.value());
}

Result<std::map<QString, Result<KafkaGroupDescription>>>
KafkaClient::describeGroups(const QStringList& groups)
{
    return retrying([&] { return describeGroupsOnce(groups); });
}

// One DescribeConsumerGroups call for all the groups (librdkafka asks each coordinator once).
Result<std::map<QString, Result<KafkaGroupDescription>>>
KafkaClient::describeGroupsOnce(const QStringList& groups)
{
    std::map<QString, Result<KafkaGroupDescription>> out;
    if (groups.isEmpty()) return out;
    // The listing says each group's protocol type. librdkafka 2.8 describes groups with the
    // classic DescribeGroups request, which answers a KIP-848 group "Dead" with no members: such
    // a group keeps the listing's state and is not described.
    auto listed = groupsOnce();
    if (!listed) return listed.error();
    QHash<QString, const KafkaGroupListing*> listing;
    for (const KafkaGroupListing& g : listed.value())
        listing.insert(g.name, &g);
    QStringList classic;
    for (const QString& g : groups) {
        const KafkaGroupListing* l = listing.value(g);
        if (l && l->type == QLatin1String("consumer"))
            out.emplace(g, KafkaGroupDescription{g, l->state, {}, {}, l->type, kConsumerGroupMembersUnknown});
        else
            classic << g;
    }
    if (classic.isEmpty()) return out;
    // A coordinator's failure drops the handle (Impl::forgetCoordinators).
    auto request = d->groupRequest(RD_KAFKA_ADMIN_OP_DESCRIBECONSUMERGROUPS, kDefaultTimeoutMs);
    if (!request) return request.error();
    const std::shared_ptr<KafkaHandle>& asking = request->handle;
    std::vector<QByteArray> utf8;
    std::vector<const char*> names;
    for (const QString& g : classic)
        utf8.push_back(g.toUtf8());
    for (const QByteArray& g : utf8)
        names.push_back(g.constData());
    rd_kafka_DescribeConsumerGroups(asking->rk, names.data(), names.size(), request->options.get(),
                                    request->queue.get());
    rd_kafka_resp_err_t failed = RD_KAFKA_RESP_ERR_NO_ERROR;
    auto ev = d->adminWait(request->queue.get(), kDefaultTimeoutMs,
                           classic.size() == 1 ? QStringLiteral("describing group '%1'").arg(classic.front())
                                               : QStringLiteral("describing %1 groups").arg(classic.size()),
                           &failed);
    if (!ev) {
        d->forgetCoordinators(asking, failed);
        return ev.error();
    }
    size_t n = 0;
    const rd_kafka_ConsumerGroupDescription_t** descs = rd_kafka_DescribeConsumerGroups_result_groups(
        rd_kafka_event_DescribeConsumerGroups_result(ev->get()), &n);
    for (size_t g = 0; g < n; ++g) {
        const QString group = QString::fromUtf8(rd_kafka_ConsumerGroupDescription_group_id(descs[g]));
        if (const rd_kafka_error_t* e = rd_kafka_ConsumerGroupDescription_error(descs[g])) {
            d->forgetCoordinators(asking, rd_kafka_error_code(e));
            out.emplace(group, d->producer->errorFor(rd_kafka_error_code(e),
                                                     QStringLiteral("describing group '%1'").arg(group)));
            continue;
        }
        KafkaGroupDescription desc;
        desc.name = group;
        if (const KafkaGroupListing* l = listing.value(group)) desc.type = l->type;
        desc.state = QString::fromUtf8(
            rd_kafka_consumer_group_state_name(rd_kafka_ConsumerGroupDescription_state(descs[g])));
        desc.assignor = QString::fromUtf8(rd_kafka_ConsumerGroupDescription_partition_assignor(descs[g]));
        for (size_t i = 0; i < rd_kafka_ConsumerGroupDescription_member_count(descs[g]); ++i) {
            const rd_kafka_MemberDescription_t* m =
                rd_kafka_ConsumerGroupDescription_member(descs[g], static_cast<int>(i));
            KafkaGroupMember member;
            member.clientId = QString::fromUtf8(rd_kafka_MemberDescription_client_id(m));
            member.consumerId = QString::fromUtf8(rd_kafka_MemberDescription_consumer_id(m));
            member.host = QString::fromUtf8(rd_kafka_MemberDescription_host(m));
            if (member.host.startsWith(QLatin1Char('/')))
                member.host.remove(0, 1); // Kafka writes "/10.0.0.5"
            if (const rd_kafka_MemberAssignment_t* a = rd_kafka_MemberDescription_assignment(m)) {
                const rd_kafka_topic_partition_list_t* parts = rd_kafka_MemberAssignment_partitions(a);
                for (int k = 0; parts && k < parts->cnt; ++k)
                    member.assignment.push_back(
                        {QString::fromUtf8(parts->elems[k].topic), parts->elems[k].partition});
            }
            desc.members.push_back(std::move(member));
        }
        out.emplace(group, std::move(desc));
    }
    return out;
}

Result<std::vector<KafkaPartitionLag>> KafkaClient::groupLag(const QString& group)
{
    return retrying([&] { return groupLagOnce(group); });
}

Result<std::vector<KafkaPartitionLag>> KafkaClient::groupLagOnce(const QString& group)
{
    auto all = groupsLagOnce({group}, nullptr);
    if (!all) return all.error();
    if (auto refused = all->refused.find(group); refused != all->refused.end()) return refused->second;
    return std::move(all->lags[group]);
}

Result<KafkaGroupsLag> KafkaClient::groupsLag(const QStringList& groups,
                                              const std::vector<KafkaTopicInfo>* known)
{
    auto answer = retrying([&] { return groupsLagOnce(groups, known); });
    if (!answer) return answer;
    // A group refused for now (its coordinator moving or loading, a partition it committed on
    // without a leader) is asked again alone, within the retry budget: a lag sample is taken
    // whole or not at all, never from a half answer (a dip drawn where a broker was down).
    QElapsedTimer waited;
    waited.start();
    int backoffMs = 200;
    while (true) {
        QStringList again;
        for (const auto& [group, error] : answer->refused)
            if (error.code == ErrorCode::Busy) again << group;
        if (again.isEmpty() || waited.elapsed() + backoffMs > kRetryBudgetMs) break;
        std::this_thread::sleep_for(std::chrono::milliseconds(backoffMs));
        backoffMs = std::min(backoffMs * 2, 2000);
        auto more = groupsLagOnce(again, nullptr); // watermarks read afresh
        if (!more) {
            if (more.error().code == ErrorCode::Busy) continue;
            break;
        }
        for (const QString& group : again) {
            answer->refused.erase(group);
            answer->lags.erase(group);
        }
        for (auto& [group, lags] : more->lags)
            answer->lags[group] = std::move(lags);
        for (auto& [group, error] : more->refused)
            answer->refused.insert_or_assign(group, std::move(error));
        answer->unchecked += more->unchecked;
    }
    return answer;
}

// One OffsetFetch per group (librdkafka asks one group a call), all in flight together on one
// queue; then the watermarks of every partition of the topics they committed on, in one batched
// ListOffsets per kind (fillAllWatermarks); then one consumer checks, for all partitions at
// once, whether a small lag is only transaction markers. Nothing is asked per partition.
Result<KafkaGroupsLag> KafkaClient::groupsLagOnce(const QStringList& groups,
                                                  const std::vector<KafkaTopicInfo>* known)
{
    KafkaGroupsLag answer;
    std::map<QString, std::vector<KafkaPartitionLag>>& out = answer.lags;
    if (groups.isEmpty()) return answer;
    // Asked on the group handle (Impl::groupHandle: a consumer, dropped when a coordinator
    // fails), held while its queue lives: a retry below may drop the client's read handles.
    auto handle = d->groupHandle();
    if (!handle) return handle.error();
    const std::shared_ptr<KafkaHandle> asking = handle.value();
    QueuePtr q(rd_kafka_queue_new(asking->rk), &rd_kafka_queue_destroy);
    for (qsizetype i = 0; i < groups.size(); ++i) {
        OptionsPtr opts =
            Impl::optionsOn(asking->rk, RD_KAFKA_ADMIN_OP_LISTCONSUMERGROUPOFFSETS, kDefaultTimeoutMs);
        // The group's index: an answer that failed whole names no group.
        rd_kafka_AdminOptions_set_opaque(opts.get(), reinterpret_cast<void*>(static_cast<std::uintptr_t>(i)));
        const QByteArray g = groups[i].toUtf8();
        rd_kafka_ListConsumerGroupOffsets_t* req =
            rd_kafka_ListConsumerGroupOffsets_new(g.constData(), nullptr);
        rd_kafka_ListConsumerGroupOffsets(asking->rk, &req, 1, opts.get(), q.get());
        rd_kafka_ListConsumerGroupOffsets_destroy(req);
    }
    std::set<QString> topics;
    for (qsizetype answered = 0; answered < groups.size(); ++answered) {
        EventPtr ev(rd_kafka_queue_poll(q.get(), kDefaultTimeoutMs + 2000), &rd_kafka_event_destroy);
        if (!ev) { // librdkafka answers every request by its timeout: none came
            d->forgetCoordinators(asking, RD_KAFKA_RESP_ERR__TIMED_OUT);
            return d->unlessOthersAnswer(RD_KAFKA_RESP_ERR__TIMED_OUT,
                                         QStringLiteral("reading offsets of %1 groups").arg(groups.size()));
        }
        const auto index = reinterpret_cast<std::uintptr_t>(rd_kafka_event_opaque(ev.get()));
        const QString asked = index < std::uintptr_t(groups.size()) ? groups[qsizetype(index)] : QString();
        // One group's failure (its coordinator moving, cut off, loading) is that group's: the
        // others' offsets still count.
        if (const rd_kafka_resp_err_t failed = rd_kafka_event_error(ev.get()); failed) {
            d->forgetCoordinators(asking, failed);
            if (asked.isEmpty())
                return makeError(ErrorCode::Internal,
                                 QStringLiteral("reading group offsets: unexpected answer"));
            Error e =
                d->unlessOthersAnswer(failed, QStringLiteral("reading offsets of group '%1'").arg(asked));
            answer.refused.insert_or_assign(asked, std::move(e));
            continue;
        }
        size_t n = 0;
        const rd_kafka_group_result_t** res = rd_kafka_ListConsumerGroupOffsets_result_groups(
            rd_kafka_event_ListConsumerGroupOffsets_result(ev.get()), &n);
        if (n != 1)
            return makeError(ErrorCode::Internal, QStringLiteral("reading group offsets: unexpected answer"));
        const QString group = QString::fromUtf8(rd_kafka_group_result_name(res[0]));
        if (const rd_kafka_error_t* e = rd_kafka_group_result_error(res[0])) {
            d->forgetCoordinators(asking, rd_kafka_error_code(e));
            answer.refused.emplace(
                group, d->producer->errorFor(rd_kafka_error_code(e),
                                             QStringLiteral("reading offsets of group '%1'").arg(group)));
            continue;
        }
        std::vector<KafkaPartitionLag>& lags = out[group];
        const rd_kafka_topic_partition_list_t* parts = rd_kafka_group_result_partitions(res[0]);
        for (int i = 0; parts && i < parts->cnt; ++i) {
            const rd_kafka_topic_partition_t& e = parts->elems[i];
            KafkaPartitionLag l;
            l.topic = QString::fromUtf8(e.topic);
            l.partition = e.partition;
            if (e.offset >= 0) l.committed = e.offset;
            topics.insert(l.topic);
            lags.push_back(std::move(l));
        }
    }
    // The topics' partitions (a group's partitions without a commit are listed too: a partition
    // it never committed on is news) and their watermarks. Many topics: one metadata request
    // for all of them; a few: one each.
    std::vector<KafkaTopicInfo> infos;
    std::vector<KafkaTopicInfo> given; // from `known`: watermarks already read
    if (known)
        for (const KafkaTopicInfo& t : *known)
            if (topics.erase(t.name)) given.push_back(t);
    if (topics.empty()) {
        // every topic known
    } else if (topics.size() > 16) {
        auto cluster = clusterOnce(true, false);
        if (!cluster) return cluster.error();
        for (KafkaTopicInfo& t : cluster->topics)
            if (topics.count(t.name)) infos.push_back(std::move(t));
    } else {
        for (const QString& t : topics) {
            auto info = topicOnce(t, false);
            if (!info && info.error().code == ErrorCode::NotFound) continue; // deleted since the commit
            if (!info) return info.error();
            infos.push_back(std::move(info.value()));
        }
    }
    if (auto w = fillAllWatermarks(infos); !w) return w.error();
    for (KafkaTopicInfo& t : given)
        infos.push_back(std::move(t));
    std::map<std::pair<QString, PartitionId>, const KafkaPartitionInfo*> where;
    for (const KafkaTopicInfo& t : infos)
        for (const KafkaPartitionInfo& p : t.partitions)
            where[{t.name, p.partition}] = &p;

    // Transaction markers take offsets but are never delivered: a consumer that read everything
    // may sit just before one. Where the lag is small, whether anything readable lies in
    // [committed, end) is asked of one read_committed consumer for every such partition at once.
    struct Check {
        KafkaPartitionLag* lag;
        bool readable = false, done = false;
    };
    std::map<std::pair<QString, PartitionId>, std::vector<Check>> checks;
    // A partition without a leader (its broker down, the cluster electing) has no end to count
    // from: its group's lag is not known now (Busy), rather than counted as if it were empty.
    for (auto it = out.begin(); it != out.end();) {
        QString offline;
        for (const KafkaPartitionLag& l : it->second) {
            auto p = where.find({l.topic, l.partition});
            if (l.committed && p != where.end() && p->second->leader < 0) {
                offline = QStringLiteral("%1-%2").arg(l.topic).arg(l.partition);
                break;
            }
        }
        if (offline.isEmpty()) {
            ++it;
            continue;
        }
        answer.refused.emplace(
            it->first, makeError(ErrorCode::Busy, QStringLiteral("reading the lag of group '%1': %2 has no "
                                                                 "leader now, so its end is not known")
                                                      .arg(it->first, offline)));
        it = out.erase(it);
    }
    for (auto& [group, lags] : out) {
        for (KafkaPartitionLag& l : lags) {
            auto it = where.find({l.topic, l.partition});
            if (it == where.end()) continue; // deleted since the commit: listed as it is
            l.end = it->second->stable;
            l.held = std::max<qint64>(0, it->second->stable - it->second->low);
            if (!l.committed) continue;
            const qint64 lag = std::max<qint64>(0, l.end - *l.committed);
            l.lag = lag;
            if (lag > 0 && lag <= 64) checks[{l.topic, l.partition}].push_back({&l});
        }
    }
    // A consumer assigned tens of thousands of partitions costs librdkafka seconds of CPU (it
    // looks topics up by name per partition): the partitions with the smallest lags are checked
    // (a commit marker after the last record is a lag of 1), the rest keep the lag as counted
    // and are counted as not checked.
    constexpr size_t kMaxChecked = 2000;
    if (checks.size() > kMaxChecked) {
        std::vector<std::pair<qint64, std::pair<QString, PartitionId>>> bySize;
        for (const auto& [tp, cs] : checks) {
            qint64 smallest = 64;
            for (const Check& c : cs)
                smallest = std::min(smallest, *c.lag->lag);
            bySize.push_back({smallest, tp});
        }
        std::nth_element(bySize.begin(), bySize.begin() + kMaxChecked, bySize.end());
        for (size_t i = kMaxChecked; i < bySize.size(); ++i)
            checks.erase(bySize[i].second);
        answer.unchecked = static_cast<int>(bySize.size() - kMaxChecked);
    }
    if (!checks.empty()) {
        auto rc = d->rc();
        if (!rc) return rc.error();
        rd_kafka_t* rk = rc.value()->rk;
        // Each partition is read from the lowest commit that needs checking.
        auto list = makeList(static_cast<int>(checks.size()));
        std::map<std::pair<QString, PartitionId>, Offset> from;
        for (auto& [tp, cs] : checks) {
            Offset lowest = *cs.front().lag->committed;
            for (const Check& c : cs)
                lowest = std::min(lowest, *c.lag->committed);
            from[tp] = lowest;
            rd_kafka_topic_partition_list_add(list.get(), tp.first.toUtf8().constData(), tp.second)->offset =
                lowest;
        }
        rd_kafka_assign(rk, list.get());
        size_t open = checks.size();
        std::map<std::pair<QString, PartitionId>, bool> finished;
        QElapsedTimer t;
        t.start();
        while (open > 0 && t.elapsed() < 5000) {
            rd_kafka_message_t* m = rd_kafka_consumer_poll(rk, 100);
            if (!m) continue;
            const std::pair<QString, PartitionId> tp{
                m->rkt ? QString::fromUtf8(rd_kafka_topic_name(m->rkt)) : QString(), m->partition};
            const bool eof = m->err == RD_KAFKA_RESP_ERR__PARTITION_EOF;
            const bool data = !m->err;
            const Offset offset = m->offset;
            rd_kafka_message_destroy(m);
            auto it = checks.find(tp);
            if (it == checks.end() || finished[tp] || (!eof && !data)) continue;
            bool all = true;
            for (Check& c : it->second) {
                if (c.done) continue;
                if (eof || offset >= c.lag->end) {
                    c.done = true; // nothing readable before its end
                } else if (offset >= *c.lag->committed) {
                    c.readable = c.done = true;
                }
                all = all && c.done;
            }
            if (all) {
                finished[tp] = true;
                --open;
            }
        }
        rd_kafka_assign(rk, nullptr);
        for (auto& [tp, cs] : checks)
            for (Check& c : cs)
                if (c.done && !c.readable) c.lag->lag = 0; // unanswered within 5 s: the lag as counted
    }
    // A group's topics found by name (500 groups and 5,000 topics: not every topic per group).
    QHash<QString, const KafkaTopicInfo*> infoOf;
    for (const KafkaTopicInfo& t : infos)
        infoOf.insert(t.name, &t);
    for (auto& [group, lags] : out) {
        std::set<std::pair<QString, PartitionId>> listed;
        std::set<QString> groupTopics;
        for (const KafkaPartitionLag& l : lags) {
            listed.insert({l.topic, l.partition});
            groupTopics.insert(l.topic);
        }
        for (const QString& name : groupTopics) {
            const KafkaTopicInfo* info = infoOf.value(name);
            if (!info) continue; // deleted since the commit
            const KafkaTopicInfo& t = *info;
            for (const KafkaPartitionInfo& p : t.partitions) {
                if (listed.count({t.name, p.partition})) continue;
                KafkaPartitionLag l;
                l.topic = t.name;
                l.partition = p.partition;
                l.end = p.stable;
                l.held = std::max<qint64>(0, p.high - p.low);
                lags.push_back(std::move(l));
            }
        }
        std::sort(lags.begin(), lags.end(), [](const KafkaPartitionLag& a, const KafkaPartitionLag& b) {
            return a.topic != b.topic ? a.topic < b.topic : a.partition < b.partition;
        });
    }
    for (const QString& g : groups)
        if (!answer.refused.count(g)) out[g]; // a group without commits: listed, with nothing
    return answer;
}

} // namespace rw
