#include "replay_target.h"

#include "audit.h"
#include "header_codec.h"
#include "kafka_browser.h"
#include "kafka_client.h"
#include "kafka_tx_producer.h"
#include "murmur2.h"
#include "source_registry.h"
#include "workspace_store.h"

#include <QFileInfo>
#include <QThread>

#include <cstring>

namespace rw {

namespace {
// A cluster target as the job names it: its profile file or session, else its bootstrap servers.
QString clusterNamed(const SourceSpec& t)
{
    return t.profileRef.isEmpty() && t.kafka ? t.kafka->bootstrap : t.profileRef;
}
} // namespace

QString describeTarget(const ReplayJob& job)
{
    if (!isSharedSource(job.target)) return QStringLiteral("%1 in %2").arg(job.targetTopic, job.target.path);
    return QStringLiteral("Kafka topic %1 on %2").arg(job.targetTopic, clusterNamed(job.target));
}

void auditTarget(const ReplayJob& job, const QString& what, const Error* error)
{
    if (!isSharedSource(job.target)) return;
    auditWrite(QStringLiteral("replay"), clusterNamed(job.target), job.targetTopic, what, error);
}

std::optional<QByteArray> headerValue(const Headers& h, const char* name)
{
    for (auto it = h.rbegin(); it != h.rend(); ++it)
        if (it->key == name) return it->value;
    return std::nullopt;
}

// An owned copy of a record given as views.
ProducerRecord ownedRecord(const QString& topic, PartitionId partition, TimestampMs timestamp,
                           std::optional<QByteArrayView> key, std::optional<QByteArrayView> value,
                           const std::vector<HeaderView>& headers)
{
    ProducerRecord r;
    r.topic = topic;
    r.partition = partition;
    r.timestamp = timestamp;
    if (key) r.key = key->toByteArray();
    if (value) r.value = value->toByteArray();
    for (const HeaderView& h : headers)
        r.headers.push_back({h.key.toByteArray(),
                             h.valueNull ? std::nullopt : std::optional<QByteArray>(h.value.toByteArray())});
    return r;
}

// Copies bytes into a buffer that keeps its capacity from record to record.
void copyInto(QByteArray& dst, QByteArrayView src)
{
    dst.resize(src.size());
    if (!src.isEmpty()) std::memcpy(dst.data(), src.data(), static_cast<size_t>(src.size()));
}

namespace {

// The highest rewind.replay.seq of the job among the last records of a workspace topic (-1: none).
Result<qint64> lastSeqIn(WorkspaceStore& store, const TopicInfo& topic, const QString& jobId)
{
    qint64 best = -1;
    for (const PartitionInfo& p : topic.partitions) {
        if (p.count == 0) continue;
        auto last = store.read(topic.name, p.partition, p.high - 1, 1);
        if (!last) return last.error();
        if (last->empty()) continue;
        const Headers& h = last->front().headers;
        if (headerValue(h, kJobHeader).value_or(QByteArray()) != jobId.toUtf8()) continue;
        best = std::max(best, headerValue(h, kSeqHeader).value_or(QByteArray("-1")).toLongLong());
    }
    return best;
}

class WorkspaceTarget : public ReplayTarget {
public:
    explicit WorkspaceTarget(const ReplayJob& job) : m_job(job) {}
    Result<State> inspect(const QString& jobId) override
    {
        State state;
        if (!QFileInfo::exists(m_job.target.path)) return state;
        auto s = WorkspaceStore::open(m_job.target.path, WorkspaceStore::Mode::ReadOnly);
        if (!s) return s.error();
        auto t = s.value()->topic(m_job.targetTopic);
        if (!t) {
            if (t.error().code != ErrorCode::NotFound) return t.error();
            return state;
        }
        state.exists = true;
        state.partitions = static_cast<int>(t->partitions.size());
        auto last = lastSeqIn(*s.value(), *t, jobId);
        if (!last) return last.error();
        state.alreadyWritten = last.value() + 1;
        return state;
    }
    Result<void> open(int sourcePartitions) override
    {
        auto s = QFileInfo::exists(m_job.target.path)
                     ? WorkspaceStore::open(m_job.target.path, WorkspaceStore::Mode::ReadWrite)
                     : WorkspaceStore::create(m_job.target.path);
        if (!s) return s.error();
        m_store = std::move(s.value());
        auto t = m_store->topic(m_job.targetTopic);
        if (!t) {
            if (t.error().code != ErrorCode::NotFound) return t.error();
            if (auto r = m_store->createTopic(m_job.targetTopic, std::max(1, sourcePartitions)); !r) return r;
            created = true;
            t = m_store->topic(m_job.targetTopic);
            if (!t) return t.error();
        }
        partitions = static_cast<int>(t->partitions.size());
        return {};
    }
    Result<qint64> lastSeq(const QString& jobId) override
    {
        auto t = m_store->topic(m_job.targetTopic);
        if (!t) return t.error();
        return lastSeqIn(*m_store, *t, jobId);
    }
    Result<void> add(PartitionId partition, TimestampMs timestamp, std::optional<QByteArrayView> key,
                     std::optional<QByteArrayView> value, const std::vector<HeaderView>& headers) override
    {
        m_batch.push_back(ownedRecord(m_job.targetTopic, partition, timestamp, key, value, headers));
        return {};
    }
    Result<void> commit() override
    {
        auto r = m_store->append(m_batch); // one transaction: the batch is there whole or not at all
        m_batch.clear();
        if (!r) return r.error();
        return {};
    }
    void abort() override { m_batch.clear(); }
    WorkspaceStore* store() { return m_store.get(); }

private:
    const ReplayJob& m_job;
    std::unique_ptr<WorkspaceStore> m_store;
    std::vector<ProducerRecord> m_batch;
};

class KafkaTarget : public ReplayTarget {
public:
    KafkaTarget(const ReplayJob& job, const SessionProfiles& sessions) : m_job(job), m_sessions(sessions) {}
    Result<State> inspect(const QString&) override
    {
        auto spec = resolveSpec(m_job.target, m_sessions);
        if (!spec) return spec.error();
        auto c = KafkaClient::connect(*spec->kafka);
        if (!c) return c.error();
        auto t = c.value()->topic(m_job.targetTopic, false);
        if (!t && t.error().code != ErrorCode::NotFound) return t.error();
        State state;
        state.exists = t.ok();
        state.partitions = t ? static_cast<int>(t->partitions.size()) : 0;
        if (m_job.keepTimestamps) // as open() creates it
            state.createsWith = QObject::tr(", retention.ms=-1 so records with their original "
                                            "timestamps are not deleted as too old");
        return state; // what a cluster's topic holds of the job is read when the run opens it
    }
    Result<void> open(int sourcePartitions) override
    {
        auto spec = resolveSpec(m_job.target, m_sessions);
        if (!spec) return spec.error();
        if (spec->kafka->readOnly)
            return makeError(
                ErrorCode::Refused,
                QStringLiteral("cannot replay into %1: the profile is read-only").arg(describeTarget(m_job)));
        m_profile = *spec->kafka;
        auto c = KafkaClient::connect(m_profile);
        if (!c) return c.error();
        m_client = std::move(c.value());
        auto t = m_client->topic(m_job.targetTopic, false);
        if (!t) {
            if (t.error().code != ErrorCode::NotFound) return t.error();
            // Records that keep their original timestamps would fall to the broker's time retention
            // as soon as they are written (last week's incident, replayed today); a sandbox made for
            // them keeps them until it is deleted.
            std::map<QString, QString> config;
            if (m_job.keepTimestamps) config[QStringLiteral("retention.ms")] = QStringLiteral("-1");
            if (auto r =
                    m_client->createTopic(m_job.targetTopic, std::max(1, sourcePartitions), -1,
                                          m_job.sandboxPrefix, m_job.unlock == m_job.targetTopic, config);
                !r)
                return r;
            created = true;
            for (int i = 0; i < 50 && !(t = m_client->topic(m_job.targetTopic, false)); ++i)
                QThread::msleep(100); // metadata catches up with the new topic
            if (!t) return t.error();
        }
        partitions = static_cast<int>(t->partitions.size());
        // Fences an earlier run of this job (same transactional id) and aborts what it left open,
        // so the read-back below sees only committed batches.
        auto p = KafkaTxProducer::create(m_profile, QStringLiteral("rewind-replay-") + m_job.targetTopic);
        if (!p) return p.error();
        m_producer = std::move(p.value());
        return {};
    }
    Result<qint64> lastSeq(const QString& jobId) override
    {
        qint64 best = -1;
        if (created) return best; // a topic made just now holds nothing (and may not have leaders yet)
        for (int p = 0; p < partitions; ++p) {
            auto w = m_client->watermarks(m_job.targetTopic, p, true); // last stable offset
            if (!w) return w.error();
            const Offset low = w->first, lso = w->second;
            // The last committed data record: step back past transaction markers and aborted batches.
            for (Offset window = 64; lso > low; window *= 4) {
                const Offset from = std::max(low, lso - window);
                std::optional<Record> last;
                BrowseRequest req;
                req.topic = m_job.targetTopic;
                req.partitions = {p};
                req.start = {BrowseStart::AtOffset, from};
                req.endOffset = lso;
                req.readCommitted = true;
                auto rep = KafkaBrowser(m_profile).run(req, [&](Record&& r) {
                    last = std::move(r);
                    return true;
                });
                if (!rep) return rep.error();
                if (last) {
                    if (headerValue(last->headers, kJobHeader).value_or(QByteArray()) == jobId.toUtf8())
                        best = std::max(
                            best,
                            headerValue(last->headers, kSeqHeader).value_or(QByteArray("-1")).toLongLong());
                    break;
                }
                if (from == low) break;
            }
        }
        return best;
    }
    // Records go to the producer as they come (it batches and compresses in the background);
    // the transaction opens with the first and commits with the batch.
    Result<void> add(PartitionId partition, TimestampMs timestamp, std::optional<QByteArrayView> key,
                     std::optional<QByteArrayView> value, const std::vector<HeaderView>& headers) override
    {
        if (!m_open) {
            if (auto r = m_producer->begin(); !r) return r;
            m_open = true;
        }
        if (auto r = m_producer->send(m_job.targetTopic, partition, timestamp, key, value, headers); !r) {
            abort();
            return r;
        }
        return {};
    }
    Result<void> commit() override
    {
        if (!m_open) return {};
        m_open = false;
        return m_producer->commit();
    }
    void abort() override
    {
        if (m_open) m_producer->abort();
        m_open = false;
    }

private:
    const ReplayJob& m_job;
    const SessionProfiles& m_sessions;
    KafkaProfile m_profile;
    std::unique_ptr<KafkaClient> m_client;
    std::unique_ptr<KafkaTxProducer> m_producer;
    bool m_open = false;
};

} // namespace

std::unique_ptr<ReplayTarget> makeReplayTarget(const ReplayJob& job, const SessionProfiles& sessions)
{
    if (isSharedSource(job.target)) return std::make_unique<KafkaTarget>(job, sessions);
    return std::make_unique<WorkspaceTarget>(job);
}

} // namespace rw
