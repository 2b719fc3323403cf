#include "kafka_browser.h"

#include "header_codec.h"

#include <QElapsedTimer>

#include <librdkafka/rdkafka.h>

#include <condition_variable>
#include <cstdio>
#include <cstring>
#include <deque>
#include <mutex>
#include <thread>

namespace rw {

namespace {

struct MessageDeleter {
    void operator()(rd_kafka_message_t* m) const { rd_kafka_message_destroy(m); }
};
using MessagePtr = std::unique_ptr<rd_kafka_message_t, MessageDeleter>;

KafkaRecordView viewOf(const rd_kafka_message_t* m, const QString* topic)
{
    KafkaRecordView v;
    v.topic = topic;
    v.partition = m->partition;
    v.offset = m->offset;
    rd_kafka_timestamp_type_t tstype = RD_KAFKA_TIMESTAMP_NOT_AVAILABLE;
    v.timestamp = rd_kafka_message_timestamp(m, &tstype);
    v.timestampType = tstype == RD_KAFKA_TIMESTAMP_LOG_APPEND_TIME ? TimestampType::LogAppendTime
                                                                   : TimestampType::CreateTime;
    v.keyNull = m->key == nullptr;
    v.key = QByteArrayView(static_cast<const char*>(m->key), static_cast<qsizetype>(m->key_len));
    v.valueNull = m->payload == nullptr;
    v.value = QByteArrayView(static_cast<const char*>(m->payload), static_cast<qsizetype>(m->len));
    v.message = m;
    return v;
}

struct PartState {
    BrowsePartitionReport report;
    std::deque<MessagePtr> buffer;
    bool done = false;
    bool sawEof = false;
    bool paused = false;
    int resets = 0; // auto.offset.reset answers since this partition last delivered a record
    Offset limit = std::numeric_limits<Offset>::max(); // endOffset / partitionEnds: stop before
};

} // namespace

Headers KafkaRecordView::headers() const
{
    Headers out;
    rd_kafka_headers_t* hdrs = nullptr;
    if (rd_kafka_message_headers(static_cast<const rd_kafka_message_t*>(message), &hdrs) !=
            RD_KAFKA_RESP_ERR_NO_ERROR ||
        !hdrs)
        return out;
    const char* name = nullptr;
    const void* hv = nullptr;
    size_t size = 0;
    for (size_t i = 0; rd_kafka_header_get_all(hdrs, i, &name, &hv, &size) == RD_KAFKA_RESP_ERR_NO_ERROR;
         ++i) {
        Header h;
        h.key = QByteArray(name);
        if (hv) h.value = QByteArray(static_cast<const char*>(hv), static_cast<qsizetype>(size));
        out.push_back(std::move(h));
    }
    return out;
}

void KafkaRecordView::encodeHeaders(QByteArray& out) const
{
    rd_kafka_headers_t* hdrs = nullptr;
    if (rd_kafka_message_headers(static_cast<const rd_kafka_message_t*>(message), &hdrs) !=
            RD_KAFKA_RESP_ERR_NO_ERROR ||
        !hdrs)
        return;
    const size_t n = rd_kafka_header_cnt(hdrs);
    if (n == 0) return;
    appendHeaderCount(out, n);
    const char* name = nullptr;
    const void* hv = nullptr;
    size_t size = 0;
    for (size_t i = 0; rd_kafka_header_get_all(hdrs, i, &name, &hv, &size) == RD_KAFKA_RESP_ERR_NO_ERROR; ++i)
        appendHeader(out, QByteArrayView(name, static_cast<qsizetype>(strlen(name))),
                     QByteArrayView(static_cast<const char*>(hv), static_cast<qsizetype>(size)),
                     hv == nullptr);
}

RecordView KafkaRecordView::toView(QByteArray& headersBuf) const
{
    headersBuf.resize(0);
    encodeHeaders(headersBuf);
    RecordView v;
    v.partition = partition;
    v.offset = offset;
    v.timestamp = timestamp;
    v.timestampType = timestampType;
    v.keyNull = keyNull;
    v.key = key;
    v.valueNull = valueNull;
    v.value = value;
    v.headersBlob = headersBuf;
    return v;
}

Record KafkaRecordView::toRecord() const
{
    QByteArray headersBuf;
    auto r = rw::toRecord(*topic, toView(headersBuf));
    return r ? std::move(r.value()) : Record{}; // our own encoding of librdkafka's headers cannot be corrupt
}

KafkaBrowser::KafkaBrowser(KafkaProfile profile) : m_profile(std::move(profile)) {}

Result<BrowseReport> KafkaBrowser::run(const BrowseRequest& req, const Sink& sink,
                                       const std::atomic_bool* cancel, const Progress& progress)
{
    return runViews(
        req, [&](const KafkaRecordView& v) { return sink(v.toRecord()); }, cancel, progress);
}

Result<BrowseReport> KafkaBrowser::runViews(const BrowseRequest& req, const ViewSink& sink,
                                            const std::atomic_bool* cancel, const Progress& progress)
{
    auto client = KafkaClient::connect(m_profile);
    if (!client) return client.error();
    auto topic = client.value()->topic(req.topic, true);
    if (!topic) return topic.error();

    std::vector<PartitionId> wanted = req.partitions;
    if (wanted.empty())
        for (const KafkaPartitionInfo& p : topic->partitions)
            wanted.push_back(p.partition);
    std::deque<PartState> parts; // deque: PartState is move-only and must not relocate
    for (PartitionId id : wanted) {
        auto it = std::find_if(topic->partitions.begin(), topic->partitions.end(),
                               [&](const KafkaPartitionInfo& p) { return p.partition == id; });
        if (it == topic->partitions.end())
            return makeError(ErrorCode::NotFound, QStringLiteral("topic '%1' has no partition %2 (it has %3)")
                                                      .arg(req.topic)
                                                      .arg(id)
                                                      .arg(topic->partitions.size()));
        PartState s;
        s.report.partition = id;
        // A read_committed reader gets nothing at or past the last stable offset (yet).
        s.report.end = req.readCommitted ? it->stable : it->high;
        switch (req.start.kind) {
        case BrowseStart::Beginning:
            s.report.start = it->low;
            break;
        case BrowseStart::End:
            s.report.start = it->high;
            break;
        case BrowseStart::AtOffset:
            s.report.start = std::clamp<Offset>(req.start.value, it->low, it->high);
            break;
        case BrowseStart::FromEnd:
            s.report.start = std::max<Offset>(it->low, s.report.end - req.start.value);
            break;
        case BrowseStart::AtTime:
            break; // below, all partitions in one request
        }
        if (auto at = req.partitionStarts.find(id); at != req.partitionStarts.end())
            s.report.start = std::clamp<Offset>(at->second, it->low, it->high);
        parts.push_back(std::move(s));
    }
    if (req.start.kind == BrowseStart::AtTime) {
        auto offs = client.value()->offsetsForTime(req.topic, wanted, req.start.value);
        if (!offs) return offs.error();
        for (size_t i = 0; i < parts.size(); ++i)
            if (!req.partitionStarts.count(parts[i].report.partition))
                parts[i].report.start = offs.value()[i];
    }
    for (PartState& s : parts) {
        s.report.next = s.report.start;
        Offset bound = s.report.end;
        if (req.endOffset) s.limit = std::min(s.limit, *req.endOffset);
        if (auto e = req.partitionEnds.find(s.report.partition); e != req.partitionEnds.end())
            s.limit = std::min(s.limit, e->second);
        bound = std::min(bound, s.limit);
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
    if (std::all_of(parts.begin(), parts.end(), [](const PartState& s) { return s.done; })) return snapshot();

    auto handle = makeKafkaHandle(
        m_profile, true,
        {{QStringLiteral("group.id"), QStringLiteral("rewind-browse-never-commits")},
         {QStringLiteral("enable.auto.commit"), QStringLiteral("false")},
         {QStringLiteral("enable.auto.offset.store"), QStringLiteral("false")},
         {QStringLiteral("enable.partition.eof"), QStringLiteral("true")},
         // librdkafka's default, "largest", jumps a partition to its end when a fetch is answered
         // "offset out of range" or the leader-epoch check after a leader change fails; a search
         // across a killed leader so skipped 196 records and said it was done. An error instead
         // comes to the loop below, which checks the partition's offsets and goes on or says why.
         {QStringLiteral("auto.offset.reset"), QStringLiteral("error")},
         {QStringLiteral("isolation.level"),
          req.readCommitted ? QStringLiteral("read_committed") : QStringLiteral("read_uncommitted")},
         {QStringLiteral("queued.max.messages.kbytes"), QStringLiteral("262144")},
         // A partition whose local queue holds queued.min.messages (100k) is not fetched again for
         // fetch.queue.backoff.ms, a whole second by default: a reader slower than the broker,
         // like capture writing to SQLite, drained the queue and then sat idle (130k records/s
         // instead of 400k). The two queue bounds still cap memory.
         {QStringLiteral("fetch.queue.backoff.ms"), QStringLiteral("10")},
         {QStringLiteral("fetch.wait.max.ms"), QStringLiteral("100")},
         {QStringLiteral("statistics.interval.ms"), QStringLiteral("1000")}});
    if (!handle) return handle.error();
    rd_kafka_t* rk = handle.value()->rk;
    // librdkafka's destroy waits for every message still held: release buffered ones first
    // (this guard is declared after the handle, so it runs before the handle goes).
    struct ReleaseBuffers {
        std::deque<PartState>& parts;
        ~ReleaseBuffers()
        {
            for (PartState& s : parts)
                s.buffer.clear();
        }
    } releaseBuffers{parts};
    rd_kafka_poll_set_consumer(rk);
    const QByteArray topicName = req.topic.toUtf8();
    {
        rd_kafka_topic_partition_list_t* list =
            rd_kafka_topic_partition_list_new(static_cast<int>(parts.size()));
        for (const PartState& s : parts)
            if (!s.done)
                rd_kafka_topic_partition_list_add(list, topicName.constData(), s.report.partition)->offset =
                    s.report.start;
        const rd_kafka_resp_err_t err = rd_kafka_assign(rk, list);
        rd_kafka_topic_partition_list_destroy(list);
        if (err) return handle.value()->errorFor(err, QStringLiteral("assigning %1").arg(req.topic));
    }
    auto indexOf = [&](PartitionId p) -> PartState* {
        for (PartState& s : parts)
            if (s.report.partition == p) return &s;
        return nullptr;
    };
    auto setPaused = [&](PartState& s, bool pause) {
        if (s.paused == pause) return;
        rd_kafka_topic_partition_list_t* list = rd_kafka_topic_partition_list_new(1);
        rd_kafka_topic_partition_list_add(list, topicName.constData(), s.report.partition);
        pause ? rd_kafka_pause_partitions(rk, list) : rd_kafka_resume_partitions(rk, list);
        rd_kafka_topic_partition_list_destroy(list);
        s.paused = pause;
    };
    // Fetching again from each partition's next offset (librdkafka stops a partition after an
    // auto.offset.reset error, and a seek is refused in that state): a new assignment.
    auto reassign = [&]() -> rd_kafka_resp_err_t {
        rd_kafka_topic_partition_list_t* list =
            rd_kafka_topic_partition_list_new(static_cast<int>(parts.size()));
        for (PartState& s : parts)
            if (!s.done) {
                rd_kafka_topic_partition_list_add(list, topicName.constData(), s.report.partition)->offset =
                    s.report.next;
                s.paused = false;
            }
        const rd_kafka_resp_err_t err = rd_kafka_assign(rk, list);
        rd_kafka_topic_partition_list_destroy(list);
        for (PartState& s : parts)
            if (!s.done && s.buffer.size() > 20000) setPaused(s, true);
        return err;
    };
    bool stop = false;
    // Hands over buffered records in time order; a partition that may still deliver an earlier
    // record (not done, nothing buffered, not at its live end) holds the merge back.
    auto release = [&](bool all) {
        while (!stop) {
            PartState* best = nullptr;
            TimestampMs bestTs = 0;
            for (PartState& s : parts) {
                if (s.buffer.empty()) {
                    if (!all && !s.done && !(req.follow && s.sawEof)) return;
                    continue;
                }
                const TimestampMs ts = rd_kafka_message_timestamp(s.buffer.front().get(), nullptr);
                if (!best || ts < bestTs) {
                    best = &s;
                    bestTs = ts;
                }
            }
            if (!best) return;
            MessagePtr m = std::move(best->buffer.front());
            best->buffer.pop_front();
            if (best->paused && best->buffer.size() < 2000) setPaused(*best, false);
            ++report.records;
            if (!sink(viewOf(m.get(), &req.topic)) ||
                (req.maxRecords >= 0 && report.records >= req.maxRecords))
                stop = true;
        }
    };

    QElapsedTimer sinceProgress, sinceReport;
    sinceProgress.start();
    sinceReport.start();
    std::optional<Error> failure;
    quint32 tick = 0;
    while (!stop) {
        if (cancel && cancel->load()) {
            report.cancelled = true;
            break;
        }
        if (!req.follow && std::all_of(parts.begin(), parts.end(), [](const PartState& s) { return s.done; }))
            break;
        MessagePtr m(rd_kafka_consumer_poll(rk, 100));
        if (!m) {
            const int last = handle.value()->lastError.load();
            if (sinceProgress.elapsed() > req.stallTimeoutMs &&
                (last == RD_KAFKA_RESP_ERR__ALL_BROKERS_DOWN || last == RD_KAFKA_RESP_ERR__TRANSPORT ||
                 last == RD_KAFKA_RESP_ERR__AUTHENTICATION || last == RD_KAFKA_RESP_ERR__RESOLVE)) {
                // The statistics callback clears the error once a broker is UP again, so an error
                // still set after a quiet stall interval means no broker is reachable.
                failure = handle.value()->errorFor(last, QStringLiteral("reading %1").arg(req.topic));
                break;
            }
            if (!req.follow && sinceProgress.elapsed() > std::max(req.stallTimeoutMs, 30000)) {
                failure = makeError(ErrorCode::Timeout, QStringLiteral("reading %1: no data arrived for %2 s")
                                                            .arg(req.topic)
                                                            .arg(sinceProgress.elapsed() / 1000));
                break;
            }
            if (req.mergeByTime) release(false);
            continue;
        }
        PartState* s = indexOf(m->partition);
        if (m->err == RD_KAFKA_RESP_ERR__PARTITION_EOF) {
            sinceProgress.restart();
            handle.value()->lastError = 0;
            if (s) {
                s->sawEof = true;
                s->report.next = std::max(s->report.next, static_cast<Offset>(m->offset));
                // The end of what the partition's leader holds now. A replica just elected may
                // answer with a high watermark below the one the read began with, until its
                // followers catch up: that is not the end of this read.
                if (!req.follow && !s->done && m->offset >= std::min(s->report.end, s->limit)) {
                    s->done = true;
                    s->report.complete = true;
                }
            }
            release(false);
            continue;
        }
        if (m->err) {
            const auto err = m->err;
            if (err == RD_KAFKA_RESP_ERR__TRANSPORT || err == RD_KAFKA_RESP_ERR__ALL_BROKERS_DOWN)
                continue; // librdkafka reconnects; the stall timeout above decides when to give up
            if (err == RD_KAFKA_RESP_ERR__AUTO_OFFSET_RESET && s && m->rkt && !s->done) {
                // The partition's offsets as its leader has them now decide: the next offset still
                // there (a leader change's epoch check or a replica not caught up answered too
                // early) is fetched again; records deleted or lost under the read are said.
                const QString reason = QString::fromUtf8(rd_kafka_message_errstr(m.get()));
                int64_t lo = -1, hi = -1;
                const rd_kafka_resp_err_t q = rd_kafka_query_watermark_offsets(
                    rk, topicName.constData(), s->report.partition, &lo, &hi, 5000);
                const QString where =
                    QStringLiteral("reading %1, partition %2").arg(req.topic).arg(s->report.partition);
                if (qEnvironmentVariableIntValue("REWIND_KAFKA_LOG") > 0)
                    std::fprintf(stderr,
                                 "%s: offset %lld refused (%s); watermarks %lld..%lld; fetching again\n",
                                 qPrintable(where), static_cast<long long>(s->report.next),
                                 qPrintable(reason), static_cast<long long>(lo), static_cast<long long>(hi));
                if (!q && s->report.next < lo) {
                    failure = makeError(ErrorCode::OutOfRange,
                                        QStringLiteral("%1: offsets %2 to %3 were deleted (retention or a "
                                                       "records deletion) while this read was on its way; "
                                                       "the partition now begins at %4")
                                            .arg(where)
                                            .arg(s->report.next)
                                            .arg(lo - 1)
                                            .arg(lo));
                    break;
                }
                if (++s->resets > 20) { // about 30 s of asking
                    failure = makeError(
                        !q && s->report.next > hi ? ErrorCode::OutOfRange : ErrorCode::Busy,
                        !q && s->report.next > hi
                            ? QStringLiteral("%1: the partition's leader ends at offset %2, below offset %3 "
                                             "this read already had: the cluster lost the records past %2 "
                                             "(an unclean leader election?). Kafka said: %4")
                                  .arg(where)
                                  .arg(hi)
                                  .arg(s->report.next)
                                  .arg(reason)
                            : QStringLiteral("%1: offset %2 was refused 20 times in a row (%3)")
                                  .arg(where)
                                  .arg(s->report.next)
                                  .arg(reason));
                    break;
                }
                // A new leader's high watermark may stay below the old one until its followers
                // catch up or leave the in-sync set (replica.lag.time.max.ms, 30 s by default).
                for (int slept = 0; slept < 200 * std::min(s->resets, 10) && !(cancel && cancel->load());
                     slept += 50)
                    std::this_thread::sleep_for(std::chrono::milliseconds(50));
                if (const rd_kafka_resp_err_t a = reassign(); a) {
                    failure = handle.value()->errorFor(a, where);
                    break;
                }
                sinceProgress.restart();
                continue;
            }
            // librdkafka looks up the coordinator of the consumer's group even though a browse
            // never joins it nor commits: a user whose ACLs give it no group (support staff who
            // may only read some topics) is answered "group authorization failed". Reading a
            // partition needs no group, so that answer concerns nothing this browse does.
            if (err == RD_KAFKA_RESP_ERR_GROUP_AUTHORIZATION_FAILED && !m->rkt) continue;
            failure = handle.value()->errorFor(err, QStringLiteral("reading %1").arg(req.topic));
            break;
        }
        sinceProgress.restart();
        if ((++tick & 255) == 0) handle.value()->lastError = 0; // data flows: the broker is reachable
        if (!s || s->done) continue;
        s->resets = 0;
        const Offset off = m->offset;
        const TimestampMs ts = rd_kafka_message_timestamp(m.get(), nullptr);
        const bool pastOffset = off >= s->limit || (!req.follow && off >= s->report.end);
        const bool pastTime = req.endTime && ts >= *req.endTime;
        if (pastOffset || pastTime) {
            s->done = true;
            s->report.complete = true;
            release(false);
            continue;
        }
        s->report.next = off + 1;
        ++s->report.records;
        if (!req.follow && s->report.next >= s->report.end) {
            s->done = true;
            s->report.complete = true;
        }
        if (req.mergeByTime) {
            s->buffer.push_back(std::move(m));
            if (s->buffer.size() > 20000)
                setPaused(*s, true); // back-pressure: wait for the other partitions to catch up
            release(false);
        } else {
            ++report.records;
            if (!sink(viewOf(m.get(), &req.topic)) ||
                (req.maxRecords >= 0 && report.records >= req.maxRecords))
                stop = true;
        }
        if (progress && (tick & 255) == 0 && sinceReport.elapsed() >= 100) {
            sinceReport.restart();
            progress(snapshot());
        }
    }
    if (!failure && !report.cancelled) release(true);
    rd_kafka_assign(rk, nullptr);
    snapshot();
    if (failure) {
        failure->message += QStringLiteral(" (after %1 records)").arg(report.records);
        return *failure;
    }
    return report;
}

} // namespace rw
