#include "kafka_client_impl.h"

#include "audit.h"

#include <QElapsedTimer>
#include <QStringList>

#include <algorithm>
#include <chrono>
#include <map>
#include <thread>

namespace rw {

using namespace kafka_detail;

Result<std::vector<ResetPlanRow>> KafkaClient::planReset(const QString& group, const ResetSpec& spec)
{
    auto t = topic(spec.topic, true);
    if (!t) return t.error();
    auto lag = groupLag(group);
    std::vector<KafkaPartitionLag> current = lag ? lag.value() : std::vector<KafkaPartitionLag>{};
    if (!lag && lag.error().code != ErrorCode::NotFound) return lag.error();
    std::vector<PartitionId> parts;
    for (const KafkaPartitionInfo& p : t->partitions)
        if (!spec.partition || p.partition == *spec.partition) parts.push_back(p.partition);
    if (parts.empty())
        return makeError(ErrorCode::NotFound, QStringLiteral("topic '%1' has no partition %2")
                                                  .arg(spec.topic)
                                                  .arg(spec.partition.value_or(-1)));
    std::vector<Offset> atTime;
    if (spec.kind == ResetKind::ToTime) {
        auto o = offsetsForTime(spec.topic, parts, spec.value);
        if (!o) return o.error();
        atTime = o.value();
    }
    std::vector<ResetPlanRow> plan;
    for (size_t i = 0; i < parts.size(); ++i) {
        const KafkaPartitionInfo& p = t->partitions[static_cast<size_t>(
            std::find_if(t->partitions.begin(), t->partitions.end(),
                         [&](const KafkaPartitionInfo& x) { return x.partition == parts[i]; }) -
            t->partitions.begin())];
        ResetPlanRow row;
        row.topic = spec.topic;
        row.partition = p.partition;
        for (const KafkaPartitionLag& l : current)
            if (l.topic == spec.topic && l.partition == p.partition) row.current = l.committed;
        if (auto r = planResetRow(row, spec, p.low, p.high,
                                  spec.kind == ResetKind::ToTime ? atTime[i] : p.high, group);
            !r)
            return r.error();
        plan.push_back(row);
    }
    return plan;
}

Result<void> KafkaClient::applyResetUnaudited(const QString& group, const std::vector<ResetPlanRow>& plan)
{
    if (auto r = d->refuseIfReadOnly("reset offsets"); !r) return r;
    auto desc = describeGroup(group);
    // A KIP-848 group's members are not read (librdkafka 2.8): its state says whether it has any.
    if (desc && desc->type == QLatin1String("consumer") &&
        desc->state.compare(QLatin1String("Empty"), Qt::CaseInsensitive) != 0 &&
        desc->state.compare(QLatin1String("Dead"), Qt::CaseInsensitive) != 0)
        return makeError(
            ErrorCode::Refused,
            QStringLiteral("group '%1' is a KIP-848 consumer group in state %2, so it has active "
                           "members; stop its consumers before resetting offsets")
                .arg(group, desc->state));
    if (desc && !desc->members.empty())
        return makeError(
            ErrorCode::Refused,
            QStringLiteral("group '%1' has %2 active member(s) (state %3); stop its consumers before "
                           "resetting offsets")
                .arg(group)
                .arg(desc->members.size())
                .arg(desc->state));
    auto list = makeList(static_cast<int>(plan.size()));
    std::vector<QByteArray> names;
    names.reserve(plan.size());
    for (const ResetPlanRow& r : plan) {
        names.push_back(r.topic.toUtf8());
        rd_kafka_topic_partition_list_add(list.get(), names.back().constData(), r.partition)->offset =
            r.target;
    }
    // A coordinator's failure drops the handle (Impl::forgetCoordinators).
    auto request = d->groupRequest(RD_KAFKA_ADMIN_OP_ALTERCONSUMERGROUPOFFSETS, kDefaultTimeoutMs);
    if (!request) return request.error();
    const std::shared_ptr<KafkaHandle>& asking = request->handle;
    const QByteArray g = group.toUtf8();
    rd_kafka_AlterConsumerGroupOffsets_t* req =
        rd_kafka_AlterConsumerGroupOffsets_new(g.constData(), list.get());
    rd_kafka_AlterConsumerGroupOffsets(asking->rk, &req, 1, request->options.get(), request->queue.get());
    rd_kafka_AlterConsumerGroupOffsets_destroy(req);
    rd_kafka_resp_err_t failed = RD_KAFKA_RESP_ERR_NO_ERROR;
    auto ev = d->adminWait(request->queue.get(), kDefaultTimeoutMs,
                           QStringLiteral("resetting offsets of '%1'").arg(group), &failed);
    if (!ev) {
        d->forgetCoordinators(asking, failed);
        return ev.error();
    }
    size_t n = 0;
    const rd_kafka_group_result_t** res = rd_kafka_AlterConsumerGroupOffsets_result_groups(
        rd_kafka_event_AlterConsumerGroupOffsets_result(ev->get()), &n);
    if (n == 1) {
        if (const rd_kafka_error_t* e = rd_kafka_group_result_error(res[0])) {
            d->forgetCoordinators(asking, rd_kafka_error_code(e));
            return d->producer->errorFor(rd_kafka_error_code(e),
                                         QStringLiteral("resetting offsets of '%1'").arg(group));
        }
        const rd_kafka_topic_partition_list_t* parts = rd_kafka_group_result_partitions(res[0]);
        for (int i = 0; parts && i < parts->cnt; ++i)
            if (parts->elems[i].err) {
                d->forgetCoordinators(asking, parts->elems[i].err);
                return d->producer->errorFor(parts->elems[i].err,
                                             QStringLiteral("resetting %1-%2 of '%3'")
                                                 .arg(QString::fromUtf8(parts->elems[i].topic))
                                                 .arg(parts->elems[i].partition)
                                                 .arg(group));
            }
    }
    return {};
}

Result<void> KafkaClient::createTopicUnaudited(const QString& name, int partitions, int replicationFactor,
                                               const QString& sandboxPrefix, bool allowAnyName,
                                               const std::map<QString, QString>& config)
{
    if (auto r = d->refuseIfReadOnly("create topics"); !r) return r;
    if (!allowAnyName && !name.startsWith(sandboxPrefix))
        return makeError(ErrorCode::Refused,
                         QStringLiteral("refusing to create '%1': only sandbox topics (prefix '%2') "
                                        "may be created")
                             .arg(name, sandboxPrefix));
    char err[512];
    const QByteArray n = name.toUtf8();
    rd_kafka_NewTopic_t* nt =
        rd_kafka_NewTopic_new(n.constData(), partitions, replicationFactor, err, sizeof err);
    if (!nt)
        return makeError(ErrorCode::InvalidArgument,
                         QStringLiteral("cannot create '%1': %2").arg(name, QString::fromUtf8(err)));
    for (const auto& [key, value] : config) {
        if (rd_kafka_NewTopic_set_config(nt, key.toUtf8().constData(), value.toUtf8().constData())) {
            rd_kafka_NewTopic_destroy(nt);
            return makeError(ErrorCode::InvalidArgument,
                             QStringLiteral("cannot create '%1': bad setting %2").arg(name, key));
        }
    }
    QueuePtr q(rd_kafka_queue_new(d->producer->rk), &rd_kafka_queue_destroy);
    auto opts = d->options(RD_KAFKA_ADMIN_OP_CREATETOPICS, kDefaultTimeoutMs);
    rd_kafka_CreateTopics(d->producer->rk, &nt, 1, opts.get(), q.get());
    rd_kafka_NewTopic_destroy(nt);
    auto ev = d->adminWait(q.get(), kDefaultTimeoutMs, QStringLiteral("creating topic '%1'").arg(name));
    if (!ev) return ev.error();
    size_t cnt = 0;
    const rd_kafka_topic_result_t** res =
        rd_kafka_CreateTopics_result_topics(rd_kafka_event_CreateTopics_result(ev->get()), &cnt);
    if (cnt == 1 && rd_kafka_topic_result_error(res[0])) {
        const auto e = rd_kafka_topic_result_error(res[0]);
        if (e == RD_KAFKA_RESP_ERR_TOPIC_ALREADY_EXISTS)
            return makeError(ErrorCode::AlreadyExists, QStringLiteral("topic '%1' already exists").arg(name));
        if (e == RD_KAFKA_RESP_ERR_TOPIC_AUTHORIZATION_FAILED ||
            e == RD_KAFKA_RESP_ERR_CLUSTER_AUTHORIZATION_FAILED)
            return d->producer->errorFor(e, QStringLiteral("creating topic '%1'").arg(name));
        return makeError(ErrorCode::Io,
                         QStringLiteral("creating topic '%1': %2")
                             .arg(name, QString::fromUtf8(rd_kafka_topic_result_error_string(res[0]))));
    }
    return {};
}

Result<void> KafkaClient::deleteTopicUnaudited(const QString& name, const QString& sandboxPrefix,
                                               bool allowAnyName)
{
    if (auto r = d->refuseIfReadOnly("delete topics"); !r) return r;
    if (!allowAnyName && !name.startsWith(sandboxPrefix))
        return makeError(ErrorCode::Refused,
                         QStringLiteral("refusing to delete '%1': only sandbox topics (prefix '%2') "
                                        "may be deleted")
                             .arg(name, sandboxPrefix));
    const QByteArray n = name.toUtf8();
    rd_kafka_DeleteTopic_t* dt = rd_kafka_DeleteTopic_new(n.constData());
    QueuePtr q(rd_kafka_queue_new(d->producer->rk), &rd_kafka_queue_destroy);
    auto opts = d->options(RD_KAFKA_ADMIN_OP_DELETETOPICS, kDefaultTimeoutMs);
    rd_kafka_DeleteTopics(d->producer->rk, &dt, 1, opts.get(), q.get());
    rd_kafka_DeleteTopic_destroy(dt);
    auto ev = d->adminWait(q.get(), kDefaultTimeoutMs, QStringLiteral("deleting topic '%1'").arg(name));
    if (!ev) return ev.error();
    size_t cnt = 0;
    const rd_kafka_topic_result_t** res =
        rd_kafka_DeleteTopics_result_topics(rd_kafka_event_DeleteTopics_result(ev->get()), &cnt);
    if (cnt == 1 && rd_kafka_topic_result_error(res[0]))
        return d->producer->errorFor(rd_kafka_topic_result_error(res[0]),
                                     QStringLiteral("deleting topic '%1'").arg(name));
    return {};
}

namespace {

// The topics records go to, each once, in the order first met.
QStringList topicsOf(const std::vector<ProducerRecord>& records)
{
    QStringList topics;
    for (const ProducerRecord& rec : records)
        if (!topics.contains(rec.topic)) topics << rec.topic;
    return topics;
}

} // namespace

Result<void> KafkaClient::Impl::refuseUnwritable(const QStringList& topics)
{
    // A broker that did not answer while others do (adminWait: Busy) is asked again, within
    // the retry budget.
    QElapsedTimer waited;
    waited.start();
    while (true) {
        auto r = refuseUnwritableOnce(topics);
        if (r.ok() || r.error().code != ErrorCode::Busy || waited.elapsed() > KafkaClient::kRetryBudgetMs)
            return r;
        std::this_thread::sleep_for(std::chrono::milliseconds(250));
    }
}

Result<void> KafkaClient::Impl::refuseUnwritableOnce(const QStringList& topics)
{
    std::vector<QByteArray> names;
    std::vector<const char*> pointers;
    for (const QString& t : topics)
        names.push_back(t.toUtf8());
    for (const QByteArray& n : names)
        pointers.push_back(n.constData());
    rd_kafka_TopicCollection_t* collection =
        rd_kafka_TopicCollection_of_topic_names(pointers.data(), pointers.size());
    QueuePtr q(rd_kafka_queue_new(producer->rk), &rd_kafka_queue_destroy);
    auto opts = options(RD_KAFKA_ADMIN_OP_DESCRIBETOPICS, kDefaultTimeoutMs);
    if (rd_kafka_error_t* e = rd_kafka_AdminOptions_set_include_authorized_operations(opts.get(), 1))
        rd_kafka_error_destroy(e);
    rd_kafka_DescribeTopics(producer->rk, collection, opts.get(), q.get());
    rd_kafka_TopicCollection_destroy(collection);
    auto ev =
        adminWait(q.get(), kDefaultTimeoutMs,
                  QStringLiteral("asking what may be written to %1").arg(topics.join(QLatin1String(", "))));
    if (!ev) return ev.error();
    size_t count = 0;
    const rd_kafka_TopicDescription_t** described =
        rd_kafka_DescribeTopics_result_topics(rd_kafka_event_DescribeTopics_result(ev->get()), &count);
    for (size_t i = 0; i < count; ++i) {
        const QString topic = QString::fromUtf8(rd_kafka_TopicDescription_name(described[i]));
        const rd_kafka_error_t* error = rd_kafka_TopicDescription_error(described[i]);
        const rd_kafka_resp_err_t code = error ? rd_kafka_error_code(error) : RD_KAFKA_RESP_ERR_NO_ERROR;
        if (code == RD_KAFKA_RESP_ERR_TOPIC_AUTHORIZATION_FAILED)
            return producer->errorFor(code, QStringLiteral("writing to %1").arg(topic));
        if (code) continue; // a topic not there yet: the write itself says what happens
        size_t n = 0;
        const rd_kafka_AclOperation_t* ops =
            rd_kafka_TopicDescription_authorized_operations(described[i], &n);
        if (!ops) continue; // the broker did not say (no authorizer): the write itself tells
        bool mayWrite = false;
        QStringList allowed;
        for (size_t k = 0; k < n; ++k) {
            mayWrite =
                mayWrite || ops[k] == RD_KAFKA_ACL_OPERATION_WRITE || ops[k] == RD_KAFKA_ACL_OPERATION_ALL;
            allowed << QString::fromLatin1(rd_kafka_AclOperation_name(ops[k])).toLower();
        }
        if (!mayWrite)
            return makeError(
                ErrorCode::NotAuthorized,
                QStringLiteral("writing to %1: not authorised: the cluster's ACLs let %2 %3 this "
                               "topic, not write to it. Nothing was written.")
                    .arg(topic, kafka_detail::principalOf(profile),
                         allowed.isEmpty() ? QStringLiteral("do nothing with")
                                           : allowed.join(QLatin1String(" and "))));
    }
    return {};
}

Result<ProduceReport> KafkaClient::produceUnaudited(const std::vector<ProducerRecord>& records, int timeoutMs)
{
    if (auto r = d->refuseIfReadOnly("produce"); !r) return r.error();
    if (const QStringList topics = topicsOf(records); !topics.isEmpty())
        if (auto r = d->refuseUnwritable(topics); !r) return r.error();
    // The delivery callback needs a producer configured with it; make one per call.
    auto conf = makeConf(d->profile);
    if (!conf) return conf.error();
    rd_kafka_conf_t* c = conf.value();
    (void)setConf(c, "partitioner", "murmur2_random");
    (void)setConf(c, "enable.idempotence", "true");
    (void)setConf(c, "linger.ms", "5");
    rd_kafka_conf_set_dr_msg_cb(c, deliveryCallback);
    auto handle = std::make_shared<KafkaHandle>();
    rd_kafka_conf_set_error_cb(c, errorCallback);
    rd_kafka_conf_set_log_cb(c, logCallback);
    d->deliveryPositions.assign(records.size(), {-1, -1});
    d->deliveryErrors.assign(records.size(), RD_KAFKA_RESP_ERR__IN_PROGRESS);
    // The opaque carries the delivery bookkeeping here, so this producer has no error callback;
    // failures arrive per message in the delivery reports.
    rd_kafka_conf_set_opaque(c, &d->delivery);
    rd_kafka_conf_set_error_cb(c, nullptr);
    (void)setConf(c, "message.timeout.ms", QByteArray::number(timeoutMs));
    char err[512];
    handle->rk = rd_kafka_new(RD_KAFKA_PRODUCER, c, err, sizeof err);
    if (!handle->rk) {
        rd_kafka_conf_destroy(c);
        return makeError(ErrorCode::InvalidArgument,
                         QStringLiteral("cannot create a producer: %1").arg(QString::fromUtf8(err)));
    }
    for (size_t i = 0; i < records.size(); ++i) {
        const ProducerRecord& r = records[i];
        if (const int e =
                produceRecord(handle->rk, r, reinterpret_cast<void*>(static_cast<std::uintptr_t>(i))))
            return handle->errorFor(e, QStringLiteral("producing to %1").arg(r.topic));
    }
    const rd_kafka_resp_err_t fe = rd_kafka_flush(handle->rk, timeoutMs);
    ProduceReport report;
    report.positions = d->deliveryPositions;
    for (size_t i = 0; i < records.size(); ++i) {
        if (d->deliveryErrors[i] == RD_KAFKA_RESP_ERR_NO_ERROR) {
            ++report.delivered;
            continue;
        }
        const auto e = d->deliveryErrors[i] == RD_KAFKA_RESP_ERR__IN_PROGRESS ? fe : d->deliveryErrors[i];
        return handle->errorFor(e ? e : RD_KAFKA_RESP_ERR__TIMED_OUT,
                                QStringLiteral("producing to %1 (%2 of %3 delivered)")
                                    .arg(records[i].topic)
                                    .arg(report.delivered)
                                    .arg(records.size()));
    }
    return report;
}

// Every write action lands in the audit log, done or refused.
Result<void> KafkaClient::applyReset(const QString& group, const std::vector<ResetPlanRow>& plan)
{
    // The group's offsets read again after a failed reset: its coordinator may be the broker that
    // died or was cut off, so asked for up to 45 s (the cluster moves the group within its broker
    // session timeout).
    auto rereadGroup = [this](const QString& name) {
        QElapsedTimer waited;
        waited.start();
        while (true) {
            auto now = groupLag(name);
            if (now || waited.elapsed() > 45'000 ||
                (now.error().code != ErrorCode::Timeout && now.error().code != ErrorCode::Unreachable &&
                 now.error().code != ErrorCode::Busy))
                return now;
            std::this_thread::sleep_for(std::chrono::seconds(1));
        }
    };
    auto r = applyResetUnaudited(group, plan);
    if (!r) {
        // Never half-applied without saying so: a refusal comes before anything is written; any
        // other failure (a coordinator that died or was cut off mid-request, a partition refused)
        // may have moved some partitions, so the group's offsets are read again and each
        // partition of the plan is named as moved or not.
        Error e = r.error();
        if (e.code == ErrorCode::Refused || e.code == ErrorCode::InvalidArgument) {
            e.message += QStringLiteral("; nothing was changed");
        } else if (auto now = rereadGroup(group); !now) {
            e.message +=
                QStringLiteral("; whether any of the %1 partitions moved is not known: reading the group's "
                               "offsets again failed too (%2). Read them (rewind-cli groups) before "
                               "trying again")
                    .arg(plan.size())
                    .arg(now.error().message);
        } else {
            std::map<std::pair<QString, PartitionId>, Offset> committed; // partitions with a commit
            for (const KafkaPartitionLag& l : now.value())
                if (l.committed) committed[{l.topic, l.partition}] = *l.committed;
            QStringList moved, stayed;
            for (const ResetPlanRow& row : plan) {
                const auto it = committed.find({row.topic, row.partition});
                const QString name = QStringLiteral("%1-%2").arg(row.topic).arg(row.partition);
                if (it != committed.end() && it->second == row.target)
                    moved << QStringLiteral("%1 at %2").arg(name).arg(row.target);
                else
                    stayed << QStringLiteral("%1 at %2, not %3")
                                  .arg(name, it == committed.end() ? QStringLiteral("no commit")
                                                                   : QString::number(it->second))
                                  .arg(row.target);
            }
            // Every partition at its target: the answer was lost, the reset was not.
            if (stayed.isEmpty()) {
                auditWrite(QStringLiteral("reset"), d->profile.bootstrap, group, describeResetPlan(plan),
                           nullptr);
                return {};
            }
            e.message +=
                QStringLiteral("; read again: %1 of %2 partitions moved%3%4")
                    .arg(moved.size())
                    .arg(plan.size())
                    .arg(moved.isEmpty() ? QString()
                                         : QStringLiteral(" (%1)").arg(moved.join(QStringLiteral(", "))),
                         stayed.isEmpty() ? QString()
                                          : QStringLiteral(", %1 did not (%2)")
                                                .arg(stayed.size())
                                                .arg(stayed.join(QStringLiteral(", "))));
        }
        r = e;
    }
    auditWrite(QStringLiteral("reset"), d->profile.bootstrap, group, describeResetPlan(plan),
               r ? nullptr : &r.error());
    return r;
}

Result<void> KafkaClient::createTopic(const QString& name, int partitions, int replicationFactor,
                                      const QString& sandboxPrefix, bool allowAnyName,
                                      const std::map<QString, QString>& config)
{
    auto r = createTopicUnaudited(name, partitions, replicationFactor, sandboxPrefix, allowAnyName, config);
    auditWrite(QStringLiteral("create topic"), d->profile.bootstrap, name,
               QStringLiteral("%1 partitions").arg(partitions), r ? nullptr : &r.error());
    return r;
}

Result<void> KafkaClient::deleteTopic(const QString& name, const QString& sandboxPrefix, bool allowAnyName)
{
    auto r = deleteTopicUnaudited(name, sandboxPrefix, allowAnyName);
    auditWrite(QStringLiteral("delete topic"), d->profile.bootstrap, name, QString(),
               r ? nullptr : &r.error());
    return r;
}

Result<ProduceReport> KafkaClient::produce(const std::vector<ProducerRecord>& records, int timeoutMs)
{
    auto r = produceUnaudited(records, timeoutMs);
    auditWrite(QStringLiteral("produce"), d->profile.bootstrap, topicsOf(records).join(QLatin1Char(',')),
               QStringLiteral("%1 records").arg(records.size()), r ? nullptr : &r.error());
    return r;
}

} // namespace rw

namespace rw {

namespace {

// A group with members (or a KIP-848 group that is not Empty) is in use: nothing of it is changed.
Result<void> refuseLiveGroup(const Result<KafkaGroupDescription>& desc, const QString& group,
                             const QString& what)
{
    if (!desc) return {}; // a group the broker does not describe: the write says why
    if (desc->type == QLatin1String("consumer") &&
        desc->state.compare(QLatin1String("Empty"), Qt::CaseInsensitive) != 0 &&
        desc->state.compare(QLatin1String("Dead"), Qt::CaseInsensitive) != 0)
        return makeError(ErrorCode::Refused,
                         QStringLiteral("group '%1' is a KIP-848 consumer group in state %2, so it "
                                        "has active members; stop its consumers before %3")
                             .arg(group, desc->state, what));
    if (!desc->members.empty())
        return makeError(
            ErrorCode::Refused,
            QStringLiteral("group '%1' has %2 active member(s) (state %3); stop its consumers before %4")
                .arg(group)
                .arg(desc->members.size())
                .arg(desc->state, what));
    return {};
}

} // namespace

Result<void> KafkaClient::deleteGroup(const QString& group)
{
    auto run = [&]() -> Result<void> {
        if (auto r = d->refuseIfReadOnly("delete groups"); !r) return r;
        if (auto r = refuseLiveGroup(describeGroup(group), group, QStringLiteral("deleting it")); !r)
            return r;
        auto request = d->groupRequest(RD_KAFKA_ADMIN_OP_DELETEGROUPS, kDefaultTimeoutMs);
        if (!request) return request.error();
        const QByteArray g = group.toUtf8();
        rd_kafka_DeleteGroup_t* dg = rd_kafka_DeleteGroup_new(g.constData());
        rd_kafka_DeleteGroups(request->handle->rk, &dg, 1, request->options.get(), request->queue.get());
        rd_kafka_DeleteGroup_destroy(dg);
        rd_kafka_resp_err_t failed = RD_KAFKA_RESP_ERR_NO_ERROR;
        auto ev = d->adminWait(request->queue.get(), kDefaultTimeoutMs,
                               QStringLiteral("deleting group '%1'").arg(group), &failed);
        if (!ev) {
            d->forgetCoordinators(request->handle, failed);
            return ev.error();
        }
        size_t n = 0;
        const rd_kafka_group_result_t** res =
            rd_kafka_DeleteGroups_result_groups(rd_kafka_event_DeleteGroups_result(ev->get()), &n);
        if (n == 1)
            if (const rd_kafka_error_t* e = rd_kafka_group_result_error(res[0]))
                return d->producer->errorFor(rd_kafka_error_code(e),
                                             QStringLiteral("deleting group '%1'").arg(group));
        return {};
    };
    auto r = run();
    auditWrite(QStringLiteral("delete group"), d->profile.bootstrap, group, QString(),
               r ? nullptr : &r.error());
    return r;
}

Result<int> KafkaClient::deleteGroupOffsets(const QString& group, const QString& topic)
{
    int partitions = 0;
    auto run = [&]() -> Result<void> {
        if (auto r = d->refuseIfReadOnly("delete group offsets"); !r) return r;
        if (auto r = refuseLiveGroup(describeGroup(group), group,
                                     QStringLiteral("deleting its offsets for '%1'").arg(topic));
            !r)
            return r;
        auto lag = groupLag(group);
        if (!lag) return lag.error();
        auto list = makeList(8);
        const QByteArray t = topic.toUtf8();
        for (const KafkaPartitionLag& l : lag.value())
            if (l.topic == topic && l.committed) {
                rd_kafka_topic_partition_list_add(list.get(), t.constData(), l.partition);
                ++partitions;
            }
        if (partitions == 0)
            return makeError(
                ErrorCode::NotFound,
                QStringLiteral("group '%1' has no committed offsets for '%2'").arg(group, topic));
        auto request = d->groupRequest(RD_KAFKA_ADMIN_OP_DELETECONSUMERGROUPOFFSETS, kDefaultTimeoutMs);
        if (!request) return request.error();
        const QByteArray g = group.toUtf8();
        rd_kafka_DeleteConsumerGroupOffsets_t* del =
            rd_kafka_DeleteConsumerGroupOffsets_new(g.constData(), list.get());
        rd_kafka_DeleteConsumerGroupOffsets(request->handle->rk, &del, 1, request->options.get(),
                                            request->queue.get());
        rd_kafka_DeleteConsumerGroupOffsets_destroy(del);
        rd_kafka_resp_err_t failed = RD_KAFKA_RESP_ERR_NO_ERROR;
        const QString what = QStringLiteral("deleting the offsets of '%1' for '%2'").arg(group, topic);
        auto ev = d->adminWait(request->queue.get(), kDefaultTimeoutMs, what, &failed);
        if (!ev) {
            d->forgetCoordinators(request->handle, failed);
            return ev.error();
        }
        size_t n = 0;
        const rd_kafka_group_result_t** res = rd_kafka_DeleteConsumerGroupOffsets_result_groups(
            rd_kafka_event_DeleteConsumerGroupOffsets_result(ev->get()), &n);
        if (n == 1) {
            if (const rd_kafka_error_t* e = rd_kafka_group_result_error(res[0]))
                return d->producer->errorFor(rd_kafka_error_code(e), what);
            const rd_kafka_topic_partition_list_t* parts = rd_kafka_group_result_partitions(res[0]);
            for (int i = 0; parts && i < parts->cnt; ++i)
                if (parts->elems[i].err) return d->producer->errorFor(parts->elems[i].err, what);
        }
        return {};
    };
    auto r = run();
    auditWrite(QStringLiteral("delete group offsets"), d->profile.bootstrap, group,
               QStringLiteral("topic %1, %2 partitions").arg(topic).arg(partitions),
               r ? nullptr : &r.error());
    if (!r) return r.error();
    return partitions;
}

Result<std::vector<ResetPlanRow>> KafkaClient::planCopyOffsets(const QString& from, const QString& to)
{
    if (from == to)
        return makeError(ErrorCode::InvalidArgument, QStringLiteral("a group cannot be copied onto itself"));
    auto target = groupLag(to);
    if (target)
        for (const KafkaPartitionLag& l : target.value())
            if (l.committed)
                return makeError(
                    ErrorCode::Refused,
                    QStringLiteral("group '%1' has committed offsets already (%2-%3 at %4): copy into a "
                                   "new group, or reset that one")
                        .arg(to, l.topic)
                        .arg(l.partition)
                        .arg(*l.committed));
    auto source = groupLag(from);
    if (!source) return source.error();
    std::vector<ResetPlanRow> plan;
    for (const KafkaPartitionLag& l : source.value())
        if (l.committed) plan.push_back({l.topic, l.partition, std::nullopt, *l.committed});
    if (plan.empty())
        return makeError(ErrorCode::NotFound,
                         QStringLiteral("group '%1' has no committed offsets to copy").arg(from));
    return plan;
}

Result<void> KafkaClient::copyOffsets(const QString& from, const QString& to,
                                      const std::vector<ResetPlanRow>& plan)
{
    auto r = applyResetUnaudited(to, plan);
    auditWrite(QStringLiteral("copy group offsets"), d->profile.bootstrap, to,
               QStringLiteral("from %1: %2").arg(from, describeResetPlan(plan)), r ? nullptr : &r.error());
    return r;
}

} // namespace rw

namespace rw {

namespace {

Result<void> refuseOutsideSandbox(const QString& topic, const QString& prefix, bool allowAnyName,
                                  const QString& what)
{
    if (allowAnyName || topic.startsWith(prefix)) return {};
    return makeError(
        ErrorCode::Refused,
        QStringLiteral("refusing to %1 '%2': it is not a sandbox topic (prefix '%3'); unlock it to "
                       "change it anyway")
            .arg(what, topic, prefix));
}

} // namespace

Result<void> KafkaClient::addPartitions(const QString& topic, int total, const QString& sandboxPrefix,
                                        bool allowAnyName)
{
    auto run = [&]() -> Result<void> {
        if (auto r = d->refuseIfReadOnly("add partitions"); !r) return r;
        if (auto r =
                refuseOutsideSandbox(topic, sandboxPrefix, allowAnyName, QStringLiteral("add partitions to"));
            !r)
            return r;
        char err[512];
        const QByteArray t = topic.toUtf8();
        rd_kafka_NewPartitions_t* np =
            rd_kafka_NewPartitions_new(t.constData(), static_cast<size_t>(total), err, sizeof err);
        if (!np) return makeError(ErrorCode::InvalidArgument, QString::fromUtf8(err));
        QueuePtr q(rd_kafka_queue_new(d->producer->rk), &rd_kafka_queue_destroy);
        auto opts = d->options(RD_KAFKA_ADMIN_OP_CREATEPARTITIONS, kDefaultTimeoutMs);
        rd_kafka_CreatePartitions(d->producer->rk, &np, 1, opts.get(), q.get());
        rd_kafka_NewPartitions_destroy(np);
        const QString what = QStringLiteral("adding partitions to '%1'").arg(topic);
        auto ev = d->adminWait(q.get(), kDefaultTimeoutMs, what);
        if (!ev) return ev.error();
        size_t n = 0;
        const rd_kafka_topic_result_t** res =
            rd_kafka_CreatePartitions_result_topics(rd_kafka_event_CreatePartitions_result(ev->get()), &n);
        if (n == 1 && rd_kafka_topic_result_error(res[0])) {
            Error e = d->producer->errorFor(rd_kafka_topic_result_error(res[0]), what);
            if (const char* why = rd_kafka_topic_result_error_string(res[0]); why && *why)
                e.message += QStringLiteral(" (%1)").arg(QString::fromUtf8(why));
            return e;
        }
        return {};
    };
    auto r = run();
    auditWrite(QStringLiteral("add partitions"), d->profile.bootstrap, topic,
               QStringLiteral("to %1").arg(total), r ? nullptr : &r.error());
    return r;
}

Result<void> KafkaClient::alterTopicConfig(const QString& topic, const std::map<QString, QString>& set,
                                           const QStringList& unset, const QString& sandboxPrefix,
                                           bool allowAnyName)
{
    QStringList said;
    for (const auto& [k, v] : set)
        said << QStringLiteral("%1=%2").arg(k, v);
    for (const QString& k : unset)
        said << QStringLiteral("%1 (default)").arg(k);
    auto run = [&]() -> Result<void> {
        if (auto r = d->refuseIfReadOnly("change topic settings"); !r) return r;
        if (auto r = refuseOutsideSandbox(topic, sandboxPrefix, allowAnyName,
                                          QStringLiteral("change the settings of"));
            !r)
            return r;
        rd_kafka_ConfigResource_t* res =
            rd_kafka_ConfigResource_new(RD_KAFKA_RESOURCE_TOPIC, topic.toUtf8().constData());
        for (const auto& [k, v] : set)
            if (rd_kafka_error_t* e = rd_kafka_ConfigResource_add_incremental_config(
                    res, k.toUtf8().constData(), RD_KAFKA_ALTER_CONFIG_OP_TYPE_SET, v.toUtf8().constData())) {
                const QString why = QString::fromUtf8(rd_kafka_error_string(e));
                rd_kafka_error_destroy(e);
                rd_kafka_ConfigResource_destroy(res);
                return makeError(ErrorCode::InvalidArgument, QStringLiteral("%1: %2").arg(k, why));
            }
        for (const QString& k : unset)
            if (rd_kafka_error_t* e = rd_kafka_ConfigResource_add_incremental_config(
                    res, k.toUtf8().constData(), RD_KAFKA_ALTER_CONFIG_OP_TYPE_DELETE, nullptr)) {
                const QString why = QString::fromUtf8(rd_kafka_error_string(e));
                rd_kafka_error_destroy(e);
                rd_kafka_ConfigResource_destroy(res);
                return makeError(ErrorCode::InvalidArgument, QStringLiteral("%1: %2").arg(k, why));
            }
        QueuePtr q(rd_kafka_queue_new(d->producer->rk), &rd_kafka_queue_destroy);
        auto opts = d->options(RD_KAFKA_ADMIN_OP_INCREMENTALALTERCONFIGS, kDefaultTimeoutMs);
        rd_kafka_IncrementalAlterConfigs(d->producer->rk, &res, 1, opts.get(), q.get());
        rd_kafka_ConfigResource_destroy(res);
        const QString what = QStringLiteral("changing the settings of '%1'").arg(topic);
        auto ev = d->adminWait(q.get(), kDefaultTimeoutMs, what);
        if (!ev) return ev.error();
        size_t n = 0;
        const rd_kafka_ConfigResource_t** out = rd_kafka_IncrementalAlterConfigs_result_resources(
            rd_kafka_event_IncrementalAlterConfigs_result(ev->get()), &n);
        if (n == 1 && rd_kafka_ConfigResource_error(out[0])) {
            Error e = d->producer->errorFor(rd_kafka_ConfigResource_error(out[0]), what);
            if (const char* why = rd_kafka_ConfigResource_error_string(out[0]); why && *why)
                e.message += QStringLiteral(" (%1)").arg(QString::fromUtf8(why));
            return e;
        }
        return {};
    };
    auto r = run();
    auditWrite(QStringLiteral("change topic settings"), d->profile.bootstrap, topic,
               said.join(QStringLiteral(", ")), r ? nullptr : &r.error());
    return r;
}

} // namespace rw
