#include "kafka_browser.h"

#include <QElapsedTimer>

#include <librdkafka/rdkafka.h>

#include <deque>

namespace rw {

namespace {

Record toRecord(const rd_kafka_message_t* m, const QString& topic)
{
    Record r;
    r.topic = topic;
    r.partition = m->partition;
    r.offset = m->offset;
    rd_kafka_timestamp_type_t tstype = RD_KAFKA_TIMESTAMP_NOT_AVAILABLE;
    r.timestamp = rd_kafka_message_timestamp(m, &tstype);
    r.timestampType = tstype == RD_KAFKA_TIMESTAMP_LOG_APPEND_TIME ? TimestampType::LogAppendTime : TimestampType::CreateTime;
    if (m->key)
        r.key = QByteArray(static_cast<const char*>(m->key), static_cast<qsizetype>(m->key_len));
    if (m->payload)
        r.value = QByteArray(static_cast<const char*>(m->payload), static_cast<qsizetype>(m->len));
    rd_kafka_headers_t* hdrs = nullptr;
    if (rd_kafka_message_headers(m, &hdrs) == RD_KAFKA_RESP_ERR_NO_ERROR && hdrs) {
        const char* name = nullptr;
        const void* value = nullptr;
        size_t size = 0;
        for (size_t i = 0; rd_kafka_header_get_all(hdrs, i, &name, &value, &size) == RD_KAFKA_RESP_ERR_NO_ERROR; ++i) {
            Header h;
            h.key = QByteArray(name);
            if (value)
                h.value = QByteArray(static_cast<const char*>(value), static_cast<qsizetype>(size));
            r.headers.push_back(std::move(h));
        }
    }
    return r;
}

struct PartState {
    BrowsePartitionReport report;
    std::deque<Record> buffer;
    bool done = false;
    bool sawEof = false;
    bool paused = false;
};

} // namespace

KafkaBrowser::KafkaBrowser(KafkaProfile profile) : m_profile(std::move(profile)) {}

Result<BrowseReport> KafkaBrowser::run(const BrowseRequest& req, const Sink& sink, const std::atomic_bool* cancel,
                                       const std::function<void(const BrowseReport&)>& progress)
{
    auto client = KafkaClient::connect(m_profile);
    if (!client)
        return client.error();
    auto topic = client.value()->topic(req.topic, true);
    if (!topic)
        return topic.error();

    std::vector<PartitionId> wanted = req.partitions;
    if (wanted.empty())
        for (const KafkaPartitionInfo& p : topic->partitions)
            wanted.push_back(p.partition);
    std::vector<PartState> parts;
    for (PartitionId id : wanted) {
        auto it = std::find_if(topic->partitions.begin(), topic->partitions.end(),
                               [&](const KafkaPartitionInfo& p) { return p.partition == id; });
        if (it == topic->partitions.end())
            return makeError(ErrorCode::NotFound, QStringLiteral("topic '%1' has no partition %2 (it has %3)")
                                                      .arg(req.topic).arg(id).arg(topic->partitions.size()));
        PartState s;
        s.report.partition = id;
        s.report.end = it->high;
        switch (req.start.kind) {
        case BrowseStart::Beginning: s.report.start = it->low; break;
        case BrowseStart::End: s.report.start = it->high; break;
        case BrowseStart::AtOffset: s.report.start = std::clamp<Offset>(req.start.value, it->low, it->high); break;
        case BrowseStart::FromEnd: s.report.start = std::max<Offset>(it->low, it->high - req.start.value); break;
        case BrowseStart::AtTime: break; // below, all partitions in one request
        }
        parts.push_back(std::move(s));
    }
    if (req.start.kind == BrowseStart::AtTime) {
        auto offs = client.value()->offsetsForTime(req.topic, wanted, req.start.value);
        if (!offs)
            return offs.error();
        for (size_t i = 0; i < parts.size(); ++i)
            parts[i].report.start = offs.value()[i];
    }
    for (PartState& s : parts) {
        s.report.next = s.report.start;
        Offset bound = s.report.end;
        if (req.endOffset)
            bound = std::min(bound, *req.endOffset);
        if (!req.follow && s.report.start >= bound) {
            s.done = true;
            s.report.complete = true;
        }
    }
    BrowseReport report;
    auto snapshot = [&] {
        report.partitions.clear();
        for (const PartState& s : parts)
            report.partitions.push_back(s.report);
        return report;
    };
    if (std::all_of(parts.begin(), parts.end(), [](const PartState& s) { return s.done; }))
        return snapshot();

    auto handle = makeKafkaHandle(m_profile, true,
                                  {{QStringLiteral("group.id"), QStringLiteral("rewind-browse-never-commits")},
                                   {QStringLiteral("enable.auto.commit"), QStringLiteral("false")},
                                   {QStringLiteral("enable.auto.offset.store"), QStringLiteral("false")},
                                   {QStringLiteral("enable.partition.eof"), QStringLiteral("true")},
                                   {QStringLiteral("isolation.level"),
                                    req.readCommitted ? QStringLiteral("read_committed") : QStringLiteral("read_uncommitted")},
                                   {QStringLiteral("queued.max.messages.kbytes"), QStringLiteral("262144")},
                                   {QStringLiteral("fetch.wait.max.ms"), QStringLiteral("100")}});
    if (!handle)
        return handle.error();
    rd_kafka_t* rk = handle.value()->rk;
    rd_kafka_poll_set_consumer(rk);
    const QByteArray topicName = req.topic.toUtf8();
    {
        rd_kafka_topic_partition_list_t* list = rd_kafka_topic_partition_list_new(static_cast<int>(parts.size()));
        for (const PartState& s : parts)
            if (!s.done)
                rd_kafka_topic_partition_list_add(list, topicName.constData(), s.report.partition)->offset = s.report.start;
        const rd_kafka_resp_err_t err = rd_kafka_assign(rk, list);
        rd_kafka_topic_partition_list_destroy(list);
        if (err)
            return handle.value()->errorFor(err, QStringLiteral("assigning %1").arg(req.topic));
    }
    auto indexOf = [&](PartitionId p) -> PartState* {
        for (PartState& s : parts)
            if (s.report.partition == p)
                return &s;
        return nullptr;
    };
    auto setPaused = [&](PartState& s, bool pause) {
        if (s.paused == pause)
            return;
        rd_kafka_topic_partition_list_t* list = rd_kafka_topic_partition_list_new(1);
        rd_kafka_topic_partition_list_add(list, topicName.constData(), s.report.partition);
        pause ? rd_kafka_pause_partitions(rk, list) : rd_kafka_resume_partitions(rk, list);
        rd_kafka_topic_partition_list_destroy(list);
        s.paused = pause;
    };
    bool stop = false;
    // Hands over buffered records in time order; a partition that may still deliver an earlier
    // record (not done, nothing buffered, not at its live end) holds the merge back.
    auto release = [&](bool all) {
        while (!stop) {
            PartState* best = nullptr;
            for (PartState& s : parts) {
                if (s.buffer.empty()) {
                    if (!all && !s.done && !(req.follow && s.sawEof))
                        return;
                    continue;
                }
                const Record& r = s.buffer.front();
                if (!best || r.timestamp < best->buffer.front().timestamp)
                    best = &s;
            }
            if (!best)
                return;
            Record r = std::move(best->buffer.front());
            best->buffer.pop_front();
            if (best->paused && best->buffer.size() < 2000)
                setPaused(*best, false);
            ++report.records;
            if (!sink(std::move(r)) || (req.maxRecords >= 0 && report.records >= req.maxRecords))
                stop = true;
        }
    };

    QElapsedTimer sinceProgress, sinceReport;
    sinceProgress.start();
    sinceReport.start();
    std::optional<Error> failure;
    while (!stop) {
        if (cancel && cancel->load()) {
            report.cancelled = true;
            break;
        }
        if (!req.follow && std::all_of(parts.begin(), parts.end(), [](const PartState& s) { return s.done; }))
            break;
        rd_kafka_message_t* m = rd_kafka_consumer_poll(rk, 100);
        if (!m) {
            const int last = handle.value()->lastError.load();
            if (sinceProgress.elapsed() > req.stallTimeoutMs &&
                (last == RD_KAFKA_RESP_ERR__ALL_BROKERS_DOWN || last == RD_KAFKA_RESP_ERR__TRANSPORT ||
                 last == RD_KAFKA_RESP_ERR__AUTHENTICATION || last == RD_KAFKA_RESP_ERR__RESOLVE)) {
                failure = handle.value()->errorFor(last, QStringLiteral("reading %1").arg(req.topic));
                break;
            }
            if (!req.follow && sinceProgress.elapsed() > std::max(req.stallTimeoutMs, 30000)) {
                failure = makeError(ErrorCode::Timeout, QStringLiteral("reading %1: no data arrived for %2 s")
                                                            .arg(req.topic).arg(sinceProgress.elapsed() / 1000));
                break;
            }
            if (req.mergeByTime)
                release(false);
            continue;
        }
        PartState* s = indexOf(m->partition);
        if (m->err == RD_KAFKA_RESP_ERR__PARTITION_EOF) {
            sinceProgress.restart();
            if (s) {
                s->sawEof = true;
                s->report.next = std::max(s->report.next, static_cast<Offset>(m->offset));
                if (!req.follow && !s->done) {
                    s->done = true;
                    s->report.complete = true;
                }
            }
            rd_kafka_message_destroy(m);
            release(false);
            continue;
        }
        if (m->err) {
            const auto err = m->err;
            rd_kafka_message_destroy(m);
            if (err == RD_KAFKA_RESP_ERR__TRANSPORT || err == RD_KAFKA_RESP_ERR__ALL_BROKERS_DOWN)
                continue; // librdkafka reconnects; the stall timeout above decides when to give up
            failure = handle.value()->errorFor(err, QStringLiteral("reading %1").arg(req.topic));
            break;
        }
        sinceProgress.restart();
        if (!s || s->done) {
            rd_kafka_message_destroy(m);
            continue;
        }
        const Offset off = m->offset;
        rd_kafka_timestamp_type_t tstype;
        const TimestampMs ts = rd_kafka_message_timestamp(m, &tstype);
        const bool pastOffset = (req.endOffset && off >= *req.endOffset) || (!req.follow && off >= s->report.end);
        const bool pastTime = req.endTime && ts >= *req.endTime;
        if (pastOffset || pastTime) {
            rd_kafka_message_destroy(m);
            s->done = true;
            s->report.complete = true;
            release(false);
            continue;
        }
        Record r = toRecord(m, req.topic);
        rd_kafka_message_destroy(m);
        s->report.next = off + 1;
        ++s->report.records;
        if (!req.follow && s->report.next >= s->report.end) {
            s->done = true;
            s->report.complete = true;
        }
        if (req.mergeByTime) {
            s->buffer.push_back(std::move(r));
            if (s->buffer.size() > 20000)
                setPaused(*s, true); // back-pressure: wait for the other partitions to catch up
            release(false);
        } else {
            ++report.records;
            if (!sink(std::move(r)) || (req.maxRecords >= 0 && report.records >= req.maxRecords))
                stop = true;
        }
        if (progress && sinceReport.elapsed() >= 100) {
            sinceReport.restart();
            progress(snapshot());
        }
    }
    if (!failure && !report.cancelled)
        release(true);
    rd_kafka_assign(rk, nullptr);
    snapshot();
    if (failure) {
        failure->message += QStringLiteral(" (after %1 records)").arg(report.records);
        return *failure;
    }
    return report;
}

Result<CaptureReport> captureToWorkspace(const KafkaProfile& profile, BrowseRequest request, WorkspaceStore& store,
                                         const QString& targetTopic, const std::atomic_bool* cancel,
                                         const std::function<void(const BrowseReport&)>& progress)
{
    request.follow = false;
    request.mergeByTime = false; // the store keeps partitions apart; fetch order is fastest
    CaptureReport out;
    out.targetTopic = targetTopic.isEmpty() ? request.topic : targetTopic;
    int partitionCount = 0;
    {
        auto client = KafkaClient::connect(profile);
        if (!client)
            return client.error();
        auto t = client.value()->topic(request.topic, false);
        if (!t)
            return t.error();
        for (const KafkaPartitionInfo& p : t->partitions)
            partitionCount = std::max(partitionCount, p.partition + 1);
    }
    auto existing = store.topic(out.targetTopic);
    if (!existing) {
        if (auto r = store.createTopic(out.targetTopic, partitionCount); !r)
            return r.error();
        out.createdTopic = true;
    } else if (auto r = store.ensurePartitions(out.targetTopic, partitionCount); !r) {
        return r.error();
    }
    std::vector<ProducerRecord> batch;
    batch.reserve(5000);
    std::optional<Error> storeError;
    auto flush = [&]() -> bool {
        if (batch.empty())
            return true;
        auto r = store.append(batch);
        batch.clear();
        if (!r) {
            storeError = r.error();
            return false;
        }
        return true;
    };
    KafkaBrowser browser(profile);
    auto rep = browser.run(
        request,
        [&](Record&& r) {
            ProducerRecord p;
            p.topic = out.targetTopic;
            p.partition = r.partition;
            p.offset = r.offset; // as in Kafka: gaps from compaction and markers stay
            p.timestamp = r.timestamp;
            p.timestampType = r.timestampType;
            p.key = std::move(r.key);
            p.value = std::move(r.value);
            p.headers = std::move(r.headers);
            batch.push_back(std::move(p));
            return batch.size() < 5000 || flush();
        },
        cancel, progress);
    const bool flushed = flush();
    if (storeError || !flushed) {
        Error e = storeError.value_or(makeError(ErrorCode::Internal, QStringLiteral("capture failed")));
        if (e.code == ErrorCode::OutOfRange)
            e.message += QStringLiteral(". The target topic already holds later offsets; capture into another topic "
                                        "or workspace.");
        return e;
    }
    if (!rep)
        return rep.error();
    out.browse = rep.value();
    return out;
}

} // namespace rw
