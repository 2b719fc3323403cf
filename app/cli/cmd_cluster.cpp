// rewind-cli cluster: what a Kafka cluster is made of: brokers (rack, controller, reachable),
// partitions with a replication problem, the settings that decide what each topic keeps, and
// consumer groups with their protocol type and members.

#include "cli_common.h"
#include "kafka_client.h"

#include <algorithm>
#include <map>

namespace rw::cli {

namespace {

void printBrokers(const KafkaClusterDescription& c)
{
    out() << "cluster " << (c.clusterId.isEmpty() ? QStringLiteral("(no id)") : c.clusterId) << ": "
          << c.brokers.size() << (c.brokers.size() == 1 ? " broker\n" : " brokers\n");
    std::vector<QStringList> rows{{QStringLiteral("BROKER"), QStringLiteral("HOST"), QStringLiteral("PORT"),
                                   QStringLiteral("RACK"), QStringLiteral("ROLE"),
                                   QStringLiteral("REACHABLE")}};
    for (const KafkaBrokerState& b : c.brokers)
        rows.push_back({QString::number(b.id), b.host, QString::number(b.port),
                        b.rack.isEmpty() ? QStringLiteral("-") : b.rack,
                        b.controller ? QStringLiteral("controller") : QStringLiteral("-"),
                        b.reachable ? QStringLiteral("yes") : QStringLiteral("no: ") + b.problem});
    out() << formatTable(rows, {true, false, true, false, false, false});
}

} // namespace

int cmdCluster(const QStringList& args)
{
    QCommandLineParser p;
    addKafkaOptions(p);
    p.addOption({{QStringLiteral("t"), QStringLiteral("topic")},
                 QStringLiteral("Only this topic (its partitions and settings)."),
                 QStringLiteral("topic")});
    p.addOption(
        {QStringLiteral("internal"), QStringLiteral("Include internal topics (__consumer_offsets, …).")});
    p.addOption({QStringLiteral("all-partitions"),
                 QStringLiteral("List every partition, not only those with a replication problem.")});
    if (int rc = parseOrExit(
            p, args,
            QStringLiteral("What a Kafka cluster is made of: brokers (rack, controller, "
                           "reachable), offline and under-replicated partitions, each "
                           "topic's retention, cleanup, min.insync.replicas and "
                           "max.message.bytes (* where the topic overrides the cluster's default), "
                           "and consumer groups with their protocol type and members."));
        rc >= 0)
        return rc;
    if (!wantsKafka(p)) return usage(QStringLiteral("cluster needs -b (or --profile)"), p);
    auto profile = kafkaProfileFrom(p);
    if (!profile) return fail(profile.error());
    auto client = KafkaClient::connect(profile.value());
    if (!client) return fail(client.error());
    KafkaClient& k = *client.value();

    auto brokers = k.describeCluster();
    if (!brokers) return fail(brokers.error());
    printBrokers(brokers.value());

    auto meta = k.cluster(p.isSet(QStringLiteral("internal")), false);
    if (!meta) return fail(meta.error());
    const QString only = p.value(QStringLiteral("topic"));
    std::vector<const KafkaTopicInfo*> topics;
    for (const KafkaTopicInfo& t : meta->topics)
        if (only.isEmpty() || t.name == only) topics.push_back(&t);
    if (!only.isEmpty() && topics.empty())
        return fail(makeError(ErrorCode::NotFound, QStringLiteral("unknown topic '%1'").arg(only)));
    QStringList names;
    for (const KafkaTopicInfo* t : topics)
        names << t->name;
    auto configs = k.topicConfigs(names);
    if (!configs) return fail(configs.error());
    std::map<QString, const KafkaTopicConfig*> configOf;
    for (const KafkaTopicConfig& c : configs.value())
        configOf[c.topic] = &c;
    auto minInsyncOf = [&](const QString& topic) {
        auto it = configOf.find(topic);
        if (it == configOf.end()) return 0;
        for (const KafkaConfigValue& v : it->second->values)
            if (v.name == QLatin1String("min.insync.replicas")) return v.value.toInt();
        return 0;
    };

    // Partitions: those with a problem (or all of them).
    int partitions = 0, offline = 0, under = 0, belowMin = 0;
    std::vector<QStringList> rows{{QStringLiteral("TOPIC"), QStringLiteral("PARTITION"),
                                   QStringLiteral("LEADER"), QStringLiteral("REPLICAS"),
                                   QStringLiteral("ISR"), QStringLiteral("PROBLEM")}};
    for (const KafkaTopicInfo* t : topics) {
        const int minInsync = minInsyncOf(t->name);
        for (const KafkaPartitionInfo& pi : t->partitions) {
            ++partitions;
            const ReplicaFact r{pi.leader, pi.replicas, pi.isr, minInsync};
            const QString problem = r.problem();
            offline += r.offline();
            under += !r.offline() && r.underReplicated();
            belowMin += !r.offline() && r.belowMinInsync();
            if (problem.isEmpty() && !p.isSet(QStringLiteral("all-partitions"))) continue;
            rows.push_back({t->name, QString::number(pi.partition), QString::number(pi.leader),
                            fmtList(pi.replicas), fmtList(pi.isr),
                            problem.isEmpty() ? QStringLiteral("-") : problem});
        }
    }
    out() << "\ntopics: " << topics.size() << " (" << partitions << " partitions): " << offline
          << " offline, " << under << " under-replicated, " << belowMin << " below min.insync.replicas\n";
    if (rows.size() > 1) out() << formatTable(rows, {false, true, true, false, false, false});

    // Settings.
    std::vector<QStringList> settings{{QStringLiteral("TOPIC")}};
    for (const QString& n : kKeyTopicConfigs)
        settings.front() << n.toUpper();
    int refused = 0;
    for (const KafkaTopicConfig& c : configs.value()) {
        if (!c.problem.isEmpty()) {
            ++refused;
            continue;
        }
        QStringList row{c.topic};
        for (const QString& n : kKeyTopicConfigs) {
            auto v = std::find_if(c.values.begin(), c.values.end(),
                                  [&](const KafkaConfigValue& x) { return x.name == n; });
            row << (v == c.values.end() ? QStringLiteral("?")
                                        : v->value + (v->setOnTopic ? QStringLiteral(" *") : QString()));
        }
        settings.push_back(row);
    }
    out() << "\ntopic settings (* set for the topic, unlike the cluster's default):\n"
          << formatTable(settings, {false, true, true, false, true, true});
    if (refused > 0)
        out() << "the settings of " << refused << (refused == 1 ? " topic are" : " topics are")
              << " not shown: the cluster refused them to this user (ACLs)\n";

    // Groups.
    auto groups = k.groups();
    if (!groups) {
        out() << "\ngroups: " << groups.error().message << '\n';
        return Ok;
    }
    out() << "\ngroups: " << groups->size() << '\n';
    // Every group described in one request (a KIP-848 group: its listing, and why no members).
    QStringList groupNames;
    for (const KafkaGroupListing& g : groups.value())
        groupNames << g.name;
    auto described = k.describeGroups(groupNames);
    for (const KafkaGroupListing& g : groups.value()) {
        out() << "  " << g.name << ": " << (g.type.isEmpty() ? QStringLiteral("type unknown") : g.type)
              << ", " << g.state;
        if (!described) {
            out() << ", " << described.error().message << '\n';
            continue;
        }
        auto found = described->find(g.name);
        if (found == described->end()) {
            out() << ", not described\n";
            continue;
        }
        const Result<KafkaGroupDescription>& desc = found->second;
        if (!desc) {
            out() << ", " << desc.error().message << '\n';
            continue;
        }
        if (!desc->membersNote.isEmpty()) {
            out() << ", " << desc->membersNote << '\n';
            continue;
        }
        if (!desc->assignor.isEmpty()) out() << ", assignor " << desc->assignor;
        out() << ", " << desc->members.size() << (desc->members.size() == 1 ? " member\n" : " members\n");
        for (const KafkaGroupMember& m : desc->members) {
            QStringList parts;
            for (const TopicPartition& tp : m.assignment)
                parts << QStringLiteral("%1-%2").arg(tp.topic).arg(tp.partition);
            out() << "    " << (m.clientId.isEmpty() ? QStringLiteral("(no client id)") : m.clientId)
                  << " on " << m.host << ": "
                  << (parts.isEmpty() ? QStringLiteral("no partitions") : parts.join(QLatin1Char(' ')))
                  << '\n';
        }
    }
    return Ok;
}

} // namespace rw::cli
