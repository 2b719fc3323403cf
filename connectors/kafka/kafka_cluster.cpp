// What a cluster is made of, beyond its metadata: the brokers with their racks and whether each
// answers, and topic configurations. Thread contract: as KafkaClient.

#include "kafka_client_impl.h"

#include <QHash>

#include <algorithm>
#include <atomic>
#include <map>
#include <set>
#include <thread>

namespace rw {

using namespace kafka_detail;

Result<KafkaClusterDescription> KafkaClient::describeCluster(int probeTimeoutMs)
{
    // The brokers as the cluster lists them, asked with the probe's time-out: librdkafka sends
    // the request to the broker it last knew as controller, which may be the one that was just
    // killed or cut off (a cut-off broker's connection looks alive to librdkafka for a minute).
    auto listing = [&]() -> Result<KafkaClusterDescription> {
        KafkaClusterDescription out;
        QueuePtr q(rd_kafka_queue_new(d->producer->rk), &rd_kafka_queue_destroy);
        auto opts = d->options(RD_KAFKA_ADMIN_OP_DESCRIBECLUSTER, probeTimeoutMs);
        rd_kafka_DescribeCluster(d->producer->rk, opts.get(), q.get());
        auto ev = d->adminWait(q.get(), probeTimeoutMs, QStringLiteral("describing the cluster"));
        if (!ev) return ev.error();
        const rd_kafka_DescribeCluster_result_t* res = rd_kafka_event_DescribeCluster_result(ev->get());
        if (const char* id = rd_kafka_DescribeCluster_result_cluster_id(res))
            out.clusterId = QString::fromUtf8(id);
        const rd_kafka_Node_t* controller = rd_kafka_DescribeCluster_result_controller(res);
        const int controllerId = controller ? rd_kafka_Node_id(controller) : -1;
        size_t n = 0;
        const rd_kafka_Node_t** nodes = rd_kafka_DescribeCluster_result_nodes(res, &n);
        for (size_t i = 0; i < n; ++i) {
            KafkaBrokerState b;
            b.id = rd_kafka_Node_id(nodes[i]);
            b.host = QString::fromUtf8(rd_kafka_Node_host(nodes[i]));
            b.port = rd_kafka_Node_port(nodes[i]);
            if (const char* rack = rd_kafka_Node_rack(nodes[i])) b.rack = QString::fromUtf8(rack);
            b.controller = b.id == controllerId;
            out.brokers.push_back(std::move(b));
        }
        std::sort(out.brokers.begin(), out.brokers.end(),
                  [](const KafkaBrokerState& a, const KafkaBrokerState& b) { return a.id < b.id; });
        return out;
    };
    // A connection that listed the brokers before asks each of those when the listing does not
    // come (who leads the cluster then is unknown); a first listing is asked again while the
    // cluster answers (Busy).
    const bool known = !d->lastListing.brokers.empty();
    auto listed = known ? listing() : retrying(listing);
    KafkaClusterDescription out;
    if (listed) {
        out = listed.value();
        d->lastListing = out;
    } else if (known &&
               (listed.error().code == ErrorCode::Busy || listed.error().code == ErrorCode::Unreachable ||
                listed.error().code == ErrorCode::Timeout)) {
        out = d->lastListing;
        for (KafkaBrokerState& b : out.brokers)
            b.controller = false;
    } else {
        return listed.error();
    }
    // A BROKER resource is asked of that broker itself, so its answer says it is reachable. One
    // request per broker (librdkafka sends at most one broker resource per call), all in flight
    // together: the wait is one probe's, not the sum.
    std::vector<QueuePtr> queues;
    for (const KafkaBrokerState& b : out.brokers) {
        queues.emplace_back(rd_kafka_queue_new(d->producer->rk), &rd_kafka_queue_destroy);
        rd_kafka_ConfigResource_t* r =
            rd_kafka_ConfigResource_new(RD_KAFKA_RESOURCE_BROKER, QByteArray::number(b.id).constData());
        auto opts = d->options(RD_KAFKA_ADMIN_OP_DESCRIBECONFIGS, probeTimeoutMs);
        rd_kafka_DescribeConfigs(d->producer->rk, &r, 1, opts.get(), queues.back().get());
        rd_kafka_ConfigResource_destroy(r);
    }
    for (size_t i = 0; i < out.brokers.size(); ++i) {
        KafkaBrokerState& b = out.brokers[i];
        EventPtr ev(rd_kafka_queue_poll(queues[i].get(), probeTimeoutMs + 2000), &rd_kafka_event_destroy);
        if (!ev) {
            b.problem = QStringLiteral("no answer within %1 s").arg(probeTimeoutMs / 1000.0);
            continue;
        }
        const rd_kafka_resp_err_t err = rd_kafka_event_error(ev.get());
        if (err == RD_KAFKA_RESP_ERR_NO_ERROR) {
            b.reachable = true;
            continue;
        }
        // Refused by ACLs still means the broker answered.
        if (err == RD_KAFKA_RESP_ERR_CLUSTER_AUTHORIZATION_FAILED ||
            err == RD_KAFKA_RESP_ERR_TOPIC_AUTHORIZATION_FAILED) {
            b.reachable = true;
            continue;
        }
        b.problem = err == RD_KAFKA_RESP_ERR__TIMED_OUT
                        ? QStringLiteral("no answer within %1 s").arg(probeTimeoutMs / 1000.0)
                        : QString::fromUtf8(rd_kafka_event_error_string(ev.get()));
    }
    return out;
}

Result<std::vector<KafkaTopicConfig>> KafkaClient::topicConfigs(const QStringList& topics,
                                                                const QStringList& names)
{
    std::vector<KafkaTopicConfig> out;
    if (topics.isEmpty()) return out;
    std::vector<rd_kafka_ConfigResource_t*> resources;
    for (const QString& t : topics) {
        rd_kafka_ConfigResource_t* r =
            rd_kafka_ConfigResource_new(RD_KAFKA_RESOURCE_TOPIC, t.toUtf8().constData());
        // Only the names asked for come back (the request's configuration keys), not every
        // setting of every topic: a tenth of the answer's size for 5 names.
        for (const QString& name : names)
            rd_kafka_ConfigResource_set_config(r, name.toUtf8().constData(), nullptr);
        resources.push_back(r);
    }
    QueuePtr q(rd_kafka_queue_new(d->producer->rk), &rd_kafka_queue_destroy);
    auto opts = d->options(RD_KAFKA_ADMIN_OP_DESCRIBECONFIGS, kDefaultTimeoutMs);
    rd_kafka_DescribeConfigs(d->producer->rk, resources.data(), resources.size(), opts.get(), q.get());
    for (rd_kafka_ConfigResource_t* r : resources)
        rd_kafka_ConfigResource_destroy(r);
    auto ev = d->adminWait(q.get(), kDefaultTimeoutMs,
                           QStringLiteral("reading the configuration of %1 topics").arg(topics.size()));
    if (!ev) return ev.error();
    size_t n = 0;
    const rd_kafka_ConfigResource_t** res =
        rd_kafka_DescribeConfigs_result_resources(rd_kafka_event_DescribeConfigs_result(ev->get()), &n);
    for (size_t i = 0; i < n; ++i) {
        KafkaTopicConfig c;
        c.topic = QString::fromUtf8(rd_kafka_ConfigResource_name(res[i]));
        if (const rd_kafka_resp_err_t err = rd_kafka_ConfigResource_error(res[i])) {
            const Error e = d->producer->errorFor(err, QStringLiteral("configuration of %1").arg(c.topic));
            c.problem = e.message;
            c.problemCode = e.code;
            out.push_back(std::move(c));
            continue;
        }
        size_t count = 0;
        const rd_kafka_ConfigEntry_t** entries = rd_kafka_ConfigResource_configs(res[i], &count);
        if (names.isEmpty()) // every setting the topic has of its own
            for (size_t k = 0; k < count; ++k)
                if (rd_kafka_ConfigEntry_source(entries[k]) == RD_KAFKA_CONFIG_SOURCE_DYNAMIC_TOPIC_CONFIG) {
                    const char* value = rd_kafka_ConfigEntry_value(entries[k]);
                    c.values.push_back({QString::fromUtf8(rd_kafka_ConfigEntry_name(entries[k])),
                                        value ? QString::fromUtf8(value) : QString(), true});
                }
        for (const QString& name : names) {
            for (size_t k = 0; k < count; ++k) {
                if (QString::fromUtf8(rd_kafka_ConfigEntry_name(entries[k])) != name) continue;
                const char* value = rd_kafka_ConfigEntry_value(entries[k]);
                c.values.push_back(
                    {name, value ? QString::fromUtf8(value) : QString(),
                     rd_kafka_ConfigEntry_source(entries[k]) == RD_KAFKA_CONFIG_SOURCE_DYNAMIC_TOPIC_CONFIG});
                break;
            }
        }
        out.push_back(std::move(c));
    }
    std::sort(out.begin(), out.end(),
              [](const KafkaTopicConfig& a, const KafkaTopicConfig& b) { return a.topic < b.topic; });
    return out;
}

Result<void> KafkaClient::fillAllWatermarks(std::vector<KafkaTopicInfo>& topics)
{
    // Three offsets of every partition: the log start and the high watermark (read_uncommitted)
    // and the last stable offset (read_committed). Each is one ListOffsets per leader broker for
    // a chunk of partitions (rd_kafka_offsets_for_times with the special times "earliest" and
    // "latest" on a handle of that isolation level), never a round trip per partition.
    // Not the admin rd_kafka_ListOffsets: librdkafka 2.8's leader lookup for it races with the
    // metadata cache filling (the first lookup runs on the calling thread while the main thread
    // may already finish it; rd_kafka_topic_partition_list_query_leaders_async_worker then
    // locks a null mutex). A cluster of 30,000 partitions crashed 2 runs in 30 of
    // `rewind-cli topics -b` that way; offsets_for_times looks leaders up synchronously.
    int count = 0;
    for (const KafkaTopicInfo& t : topics)
        count += static_cast<int>(t.partitions.size());
    if (count == 0) return {};
    auto ru = d->ru();
    if (!ru) return ru.error();
    auto rc = d->rc();
    if (!rc) return rc.error();
    // librdkafka merges an answer by looking each partition up in the whole list (quadratic:
    // 30,000 partitions in one list took 4 s of CPU), so the partitions go in chunks of 250,
    // a few chunks in flight at once: the round trips overlap and the brokers stay busy.
    constexpr int kChunk = 250;
    constexpr int kInFlight = 4;
    std::vector<ListPtr> chunks;
    chunks.push_back(makeList(kChunk));
    for (const KafkaTopicInfo& t : topics) {
        const QByteArray name = t.name.toUtf8();
        for (const KafkaPartitionInfo& p : t.partitions) {
            // A partition without a leader (offline, or a restarted cluster still electing) has
            // nobody to answer: its offsets stay unknown (0) and it shows as offline.
            if (p.leader < 0) continue;
            if (chunks.back()->cnt >= kChunk) chunks.push_back(makeList(kChunk));
            rd_kafka_topic_partition_list_add(chunks.back().get(), name.constData(), p.partition);
        }
    }
    if (chunks.back()->cnt == 0) chunks.pop_back();
    struct Ask {
        KafkaHandle* handle;
        int64_t time;
    };
    const Ask asks[] = {{ru.value(), RD_KAFKA_OFFSET_BEGINNING},
                        {ru.value(), RD_KAFKA_OFFSET_END},
                        {rc.value(), RD_KAFKA_OFFSET_END}};
    struct Answer {
        ListPtr list{nullptr, &rd_kafka_topic_partition_list_destroy};
        rd_kafka_resp_err_t err = RD_KAFKA_RESP_ERR_NO_ERROR;
    };
    // One answer per (kind, chunk); workers take the next unasked one, every chunk of a kind
    // before the next kind: a handle's first lookup of a chunk's leaders fills its metadata
    // cache for them, and the second kind on that handle finds them there.
    const size_t n = chunks.size();
    std::vector<Answer> answers(n * 3);
    std::atomic<size_t> next{0};
    auto work = [&] {
        for (size_t i = next++; i < answers.size(); i = next++) {
            const Ask& ask = asks[i / n];
            Answer& a = answers[i];
            a.list.reset(rd_kafka_topic_partition_list_copy(chunks[i % n].get()));
            for (int k = 0; k < a.list->cnt; ++k)
                a.list->elems[k].offset = ask.time;
            a.err = rd_kafka_offsets_for_times(ask.handle->rk, a.list.get(), kDefaultTimeoutMs);
        }
    };
    {
        std::vector<std::thread> workers;
        for (int w = 1; w < kInFlight && static_cast<size_t>(w) < answers.size(); ++w)
            workers.emplace_back(work);
        work();
        for (std::thread& w : workers)
            w.join();
    }
    QHash<QString, QHash<PartitionId, KafkaPartitionInfo*>> where;
    for (KafkaTopicInfo& t : topics)
        for (KafkaPartitionInfo& p : t.partitions)
            where[t.name].insert(p.partition, &p);
    std::set<QString> gone; // deleted after the metadata listed them
    const QString what = QStringLiteral("reading the offsets of %1 partitions").arg(count);
    // The brokers leading a list's failed partitions (all of the list when none says so), for
    // an error that names who did not answer.
    auto leadersOf = [&](const rd_kafka_topic_partition_list_t& list) {
        bool anyFailed = false;
        for (int k = 0; k < list.cnt; ++k)
            anyFailed = anyFailed || list.elems[k].err != RD_KAFKA_RESP_ERR_NO_ERROR;
        std::map<int32_t, int> leaders; // broker -> failed partitions it leads
        for (int k = 0; k < list.cnt; ++k) {
            const rd_kafka_topic_partition_t& tp = list.elems[k];
            if (anyFailed && tp.err == RD_KAFKA_RESP_ERR_NO_ERROR) continue;
            auto inTopic = where.constFind(QString::fromUtf8(tp.topic));
            const KafkaPartitionInfo* p =
                inTopic == where.constEnd() ? nullptr : inTopic->value(tp.partition);
            if (p) ++leaders[p->leader];
        }
        QStringList named;
        for (const auto& [broker, parts] : leaders)
            named << QStringLiteral("broker %1 (leader of %2)").arg(broker).arg(parts);
        return named.join(QStringLiteral(", "));
    };
    for (size_t i = 0; i < answers.size(); ++i) {
        const Answer& a = answers[i];
        const size_t kind = i / n;
        KafkaHandle* h = asks[kind].handle;
        // No leader for any partition of the chunk: each partition says why (a topic deleted
        // since the metadata listed it is left out below); anything else is asked again whole
        // by the caller's retry.
        // A topic deleted (or just created) between the metadata and these requests answers for
        // the whole request, without saying which partition: asked again whole, with fresh
        // metadata (tests that create and delete topics beside a listing met it in CI).
        if (a.err == RD_KAFKA_RESP_ERR_UNKNOWN_TOPIC_OR_PART || a.err == RD_KAFKA_RESP_ERR__UNKNOWN_TOPIC ||
            a.err == RD_KAFKA_RESP_ERR__UNKNOWN_PARTITION)
            return makeError(ErrorCode::Busy,
                             QStringLiteral("%1: %2 (a topic deleted or created meanwhile); asking again")
                                 .arg(what, QString::fromUtf8(rd_kafka_err2str(a.err))));
        if (a.err && a.err != RD_KAFKA_RESP_ERR__NOENT)
            return d->leaderError(h, a.err, what, leadersOf(*a.list), true);
        for (int k = 0; k < a.list->cnt; ++k) {
            const rd_kafka_topic_partition_t& tp = a.list->elems[k];
            const QString topic = QString::fromUtf8(tp.topic);
            if (tp.err == RD_KAFKA_RESP_ERR_UNKNOWN_TOPIC_OR_PART ||
                tp.err == RD_KAFKA_RESP_ERR__UNKNOWN_TOPIC ||
                tp.err == RD_KAFKA_RESP_ERR__UNKNOWN_PARTITION) {
                gone.insert(topic);
                continue;
            }
            if (tp.err)
                return d->leaderError(
                    h, tp.err, QStringLiteral("reading watermarks of %1-%2").arg(topic).arg(tp.partition),
                    leadersOf(*a.list), true);
            auto inTopic = where.constFind(topic);
            KafkaPartitionInfo* p = inTopic == where.constEnd() ? nullptr : inTopic->value(tp.partition);
            if (!p) continue;
            (kind == 0 ? p->low : kind == 1 ? p->high : p->stable) = tp.offset;
        }
    }
    for (KafkaTopicInfo& t : topics)
        for (KafkaPartitionInfo& p : t.partitions)
            p.stable = std::min(p.stable, p.high);
    topics.erase(std::remove_if(topics.begin(), topics.end(),
                                [&](const KafkaTopicInfo& t) { return gone.count(t.name) > 0; }),
                 topics.end());
    return {};
}

} // namespace rw

namespace rw {

Result<std::vector<std::vector<Offset>>>
KafkaClient::offsetsAtTimes(const std::vector<TopicPartition>& partitions,
                            const std::vector<TimestampMs>& times, const std::atomic_bool* cancel)
{
    return retrying([&] { return offsetsAtTimesOnce(partitions, times, cancel); });
}

Result<std::vector<std::vector<Offset>>>
KafkaClient::offsetsAtTimesOnce(const std::vector<TopicPartition>& partitions,
                                const std::vector<TimestampMs>& times, const std::atomic_bool* cancel)
{
    std::vector<std::vector<Offset>> out(times.size(), std::vector<Offset>(partitions.size(), -1));
    if (partitions.empty() || times.empty()) return out;
    // read_uncommitted: a time in an undecided transaction's records still has its offset (a
    // read_committed lookup answers "none" past the last stable offset).
    auto ru = d->ru();
    if (!ru) return ru.error();
    constexpr size_t kChunk = 250; // as fillAllWatermarks: librdkafka merges answers quadratically
    // A broker answers one request of a connection at a time, and a handle has one connection
    // per broker: on one handle the lookups queue (about 2.5 ms each on the test broker, 1 or 16
    // in flight alike). So each worker asks on a handle of its own (made once per client, in
    // parallel), and the broker's I/O threads answer several at once (1.8 s -> 1.1 s for 712).
    // Four: eight were no faster on the test broker (two I/O threads, two cores).
    constexpr size_t kInFlight = 4;
    std::vector<std::shared_ptr<KafkaHandle>> handles = d->timeLookups;
    handles.resize(kInFlight);
    handles[0] = d->readUncommitted;
    std::vector<Error> made(handles.size());
    std::vector<QByteArray> names;
    names.reserve(partitions.size());
    for (const TopicPartition& tp : partitions)
        names.push_back(tp.topic.toUtf8());
    const size_t chunks = (partitions.size() + kChunk - 1) / kChunk;
    struct Answer {
        rd_kafka_resp_err_t err = RD_KAFKA_RESP_ERR_NO_ERROR;
        QString where; // "topic-3" of a partition that failed
    };
    std::vector<Answer> answers(times.size() * chunks);
    std::atomic<size_t> next{0};
    std::atomic_bool failed{false};
    auto work = [&](size_t w) {
        if (!handles[w]) {
            auto h = makeKafkaHandle(
                d->profile, true,
                {{QStringLiteral("isolation.level"), QStringLiteral("read_uncommitted")},
                 {QStringLiteral("enable.auto.commit"), QStringLiteral("false")},
                 {QStringLiteral("group.id"), QStringLiteral("rewind-inspect-never-commits")}});
            if (!h) {
                made[w] = h.error();
                return; // the others ask its share
            }
            handles[w] = h.value();
        }
        KafkaHandle* handle = handles[w].get();
        for (size_t i = next++; i < answers.size(); i = next++) {
            if ((cancel && cancel->load()) || failed.load()) return;
            const size_t t = i / chunks, c = i % chunks;
            const size_t first = c * kChunk, last = std::min(partitions.size(), first + kChunk);
            ListPtr list = makeList(static_cast<int>(last - first));
            for (size_t k = first; k < last; ++k)
                rd_kafka_topic_partition_list_add(list.get(), names[k].constData(), partitions[k].partition)
                    ->offset = times[t];
            Answer& a = answers[i];
            a.err = rd_kafka_offsets_for_times(handle->rk, list.get(), kDefaultTimeoutMs);
            // The answer's order is the list's (librdkafka fills the elements in place).
            for (int k = 0; !a.err && k < list->cnt; ++k) {
                const rd_kafka_topic_partition_t& e = list->elems[k];
                if (e.err) {
                    a.err = e.err;
                    a.where = QStringLiteral("%1-%2").arg(QString::fromUtf8(e.topic)).arg(e.partition);
                    break;
                }
                out[t][first + static_cast<size_t>(k)] = e.offset < 0 ? -1 : e.offset;
            }
            if (a.err) failed = true;
        }
    };
    {
        std::vector<std::thread> workers;
        for (size_t w = 1; w < handles.size() && w < answers.size(); ++w)
            workers.emplace_back(work, w);
        work(0);
        for (std::thread& w : workers)
            w.join();
    }
    if (cancel && cancel->load()) return makeError(ErrorCode::Cancelled, QStringLiteral("cancelled"));
    handles[0].reset(); // d->readUncommitted's own
    d->timeLookups = handles;
    if (next.load() < answers.size() && !failed.load())
        for (const Error& e : made)
            if (!e.message.isEmpty()) return e; // nobody was left to ask
    for (const Answer& a : answers)
        if (a.err)
            return d->leaderError(
                ru.value(), a.err,
                a.where.isEmpty()
                    ? QStringLiteral("looking up offsets by time in %1 partitions").arg(partitions.size())
                    : QStringLiteral("looking up offsets by time in %1").arg(a.where));
    return out;
}

} // namespace rw
