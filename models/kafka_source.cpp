#include "kafka_source.h"

#include "job_runner.h"

#include <QMetaObject>

namespace rw {

Result<WorkspaceOverview> loadKafkaOverview(const KafkaProfile& profile, const std::atomic_bool* cancel)
{
    auto client = KafkaClient::connect(profile, KafkaClient::kDefaultTimeoutMs, cancel);
    if (!client) return client.error();
    auto cluster = client.value()->cluster(false, true);
    if (!cluster) return cluster.error();
    WorkspaceOverview o;
    o.path = QStringLiteral("kafka:") + profile.name;
    o.kafkaProfile = profile.name;
    o.readOnly = profile.readOnly;
    o.brokers = static_cast<int>(cluster->brokers.size());
    for (const KafkaTopicInfo& t : cluster->topics) {
        TopicInfo info;
        info.name = t.name;
        for (const KafkaPartitionInfo& p : t.partitions) {
            PartitionInfo pi;
            pi.partition = p.partition;
            pi.low = p.low;
            pi.high = p.high;
            pi.count = p.countEstimate();
            info.partitions.push_back(pi);
            QStringList isr;
            for (int b : p.isr)
                isr << QString::number(b);
            o.replicaInfo[{t.name, p.partition}] =
                QStringLiteral("leader %1 · ISR %2").arg(p.leader).arg(isr.join(QLatin1Char(',')));
        }
        std::sort(info.partitions.begin(), info.partitions.end(),
                  [](const PartitionInfo& a, const PartitionInfo& b) { return a.partition < b.partition; });
        o.totalRecords += info.count();
        o.topics.push_back(std::move(info));
    }
    std::sort(o.topics.begin(), o.topics.end(),
              [](const TopicInfo& a, const TopicInfo& b) { return a.name < b.name; });
    auto groups = client.value()->groups();
    if (!groups) return groups.error();
    for (const KafkaGroupListing& g : groups.value()) {
        auto lag = client.value()->groupLag(g.name);
        if (!lag) return lag.error();
        GroupSummary s;
        s.name = g.name;
        s.state = g.state;
        for (const KafkaPartitionLag& l : lag.value()) {
            if (std::find(s.topics.begin(), s.topics.end(), l.topic) == s.topics.end())
                s.topics.push_back(l.topic);
            if (l.lag) {
                ++s.partitionsWithCommit;
                s.totalLag += *l.lag;
                o.maxLagByTopic[l.topic] = std::max(o.maxLagByTopic.value(l.topic), *l.lag);
            } else {
                ++s.partitionsWithoutCommit;
                s.uncommittedHeld += l.held;
            }
        }
        o.groups.push_back(std::move(s));
    }
    std::sort(o.groups.begin(), o.groups.end(),
              [](const GroupSummary& a, const GroupSummary& b) { return a.name < b.name; });
    return o;
}

Result<QString> testKafkaConnection(const KafkaProfile& profile)
{
    auto client = KafkaClient::connect(profile);
    if (!client) return client.error();
    auto cluster = client.value()->cluster(false, false);
    if (!cluster) return cluster.error();
    return QObject::tr("Connected: %n broker(s), ", nullptr, static_cast<int>(cluster->brokers.size())) +
           QObject::tr("%n topic(s)", nullptr, static_cast<int>(cluster->topics.size())) +
           (profile.readOnly ? QObject::tr(" · read-only profile") : QString());
}

KafkaJobs::KafkaJobs(QObject* parent) : QObject(parent), m_tests(new JobRunner(this)) {}

int KafkaJobs::testConnection(const KafkaProfile& profile)
{
    const int job = m_tests->nextJob();
    return m_tests->start<QString>([profile](const CancelToken&) { return testKafkaConnection(profile); },
                                   [this, job](Result<QString> r) {
                                       emit connectionTested(job, r.ok(), r ? r.value() : r.error().message);
                                   });
}

} // namespace rw
