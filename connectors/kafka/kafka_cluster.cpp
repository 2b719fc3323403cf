// What a cluster is made of, beyond its metadata: the brokers with their racks and whether each
// answers, and topic configurations. Thread contract: as KafkaClient.

#include "kafka_client_impl.h"

#include <algorithm>

namespace rw {

using namespace kafka_detail;

Result<KafkaClusterDescription> KafkaClient::describeCluster(int probeTimeoutMs)
{
    KafkaClusterDescription out;
    {
        QueuePtr q(rd_kafka_queue_new(d->producer->rk), &rd_kafka_queue_destroy);
        auto opts = d->options(RD_KAFKA_ADMIN_OP_DESCRIBECLUSTER, kDefaultTimeoutMs);
        rd_kafka_DescribeCluster(d->producer->rk, opts.get(), q.get());
        auto ev = d->adminWait(q.get(), kDefaultTimeoutMs, QStringLiteral("describing the cluster"));
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
    }
    std::sort(out.brokers.begin(), out.brokers.end(),
              [](const KafkaBrokerState& a, const KafkaBrokerState& b) { return a.id < b.id; });
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
    for (const QString& t : topics)
        resources.push_back(rd_kafka_ConfigResource_new(RD_KAFKA_RESOURCE_TOPIC, t.toUtf8().constData()));
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
            c.problem =
                d->producer->errorFor(err, QStringLiteral("configuration of %1").arg(c.topic)).message;
            out.push_back(std::move(c));
            continue;
        }
        size_t count = 0;
        const rd_kafka_ConfigEntry_t** entries = rd_kafka_ConfigResource_configs(res[i], &count);
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

} // namespace rw
