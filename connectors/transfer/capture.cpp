#include "capture.h"

#include "channel.h"

#include "schema_registry.h"
#include "schemas_topic.h"
#include "workspace_keep.h"
#include "workspace_store.h"

#include <deque>
#include <mutex>
#include <thread>

namespace rw {

Result<CaptureReport> captureToWorkspace(RecordSource& source, StreamRequest request, WorkspaceStore& store,
                                         const QString& targetTopic, const std::atomic_bool* cancel)
{
    request.follow = false;
    request.timeOrder = false; // the store keeps partitions apart; fetch order is fastest
    CaptureReport out;
    out.targetTopic = targetTopic.isEmpty() ? request.topic : targetTopic;
    int partitionCount = 0;
    {
        auto t = source.topic(request.topic);
        if (!t) return t.error();
        for (const PartitionInfo& p : t->partitions)
            partitionCount = std::max(partitionCount, p.partition + 1);
    }
    auto existing = store.topic(out.targetTopic);
    if (!existing) {
        if (auto r = store.createTopic(out.targetTopic, partitionCount); !r) return r.error();
        out.createdTopic = true;
    } else if (auto r = store.ensurePartitions(out.targetTopic, partitionCount); !r) {
        return r.error();
    }
    // Records are copied into one arena per batch (no allocation per record) and appended as views
    // on a second thread, so decoding (librdkafka's header parsing dominates) and SQLite overlap.
    struct Span {
        PartitionId partition;
        Offset offset;
        TimestampMs timestamp;
        TimestampType type;
        bool keyNull, valueNull;
        qsizetype key, keyLen, value, valueLen, headers, headersLen;
    };
    struct Batch {
        QByteArray arena;
        std::vector<Span> spans;
    };
    BoundedChannel<Batch> queue(3);  // at most 3 batches in flight
    std::optional<Error> storeError; // set by the writer before it abandons the queue
    std::thread writer([&] {
        std::vector<RecordView> views;
        while (auto batch = queue.pop()) {
            views.clear();
            for (const Span& sp : batch->spans) {
                RecordView v;
                v.partition = sp.partition;
                v.offset = sp.offset; // as in Kafka: gaps from compaction and markers stay
                v.timestamp = sp.timestamp;
                v.timestampType = sp.type;
                v.keyNull = sp.keyNull;
                v.valueNull = sp.valueNull;
                v.key = QByteArrayView(batch->arena.constData() + sp.key, sp.keyLen);
                v.value = QByteArrayView(batch->arena.constData() + sp.value, sp.valueLen);
                v.headersBlob = QByteArrayView(batch->arena.constData() + sp.headers, sp.headersLen);
                views.push_back(v);
            }
            if (auto r = store.appendViews(out.targetTopic, views); !r) {
                storeError = r.error();
                queue.abandon(); // the reader's next hand-over is refused
                return;
            }
        }
    });
    Batch current;
    current.arena.reserve(16 << 20);
    // Hands the current batch to the writer; false once the writer has failed.
    auto handOver = [&]() -> bool {
        if (current.spans.empty()) return !queue.abandoned();
        if (!queue.push(std::move(current))) return false;
        current = Batch();
        current.arena.reserve(16 << 20);
        return true;
    };
    // The records as stored: the decoding stage, where there is one, is not wanted here.
    auto rep = source.stored().stream(
        request,
        [&](const QString&, const RecordView& v) {
            Span sp{v.partition, v.offset, v.timestamp, v.timestampType, v.keyNull, v.valueNull, 0, 0, 0, 0,
                    0,           0};
            QByteArray& arena = current.arena;
            for (QByteArrayView b : {v.key, v.value}) // schema ids, to keep their schemas beside the records
                if (auto h = parseWireHeader(b)) out.schemaIds.insert(h->id);
            sp.key = arena.size();
            arena.append(v.key);
            sp.keyLen = v.key.size();
            sp.value = arena.size();
            arena.append(v.value);
            sp.valueLen = v.value.size();
            sp.headers = arena.size();
            arena.append(v.headersBlob);
            sp.headersLen = v.headersBlob.size();
            current.spans.push_back(sp);
            return (current.spans.size() < 20000 && arena.size() < (32 << 20)) || handOver();
        },
        cancel);
    const bool flushed = handOver();
    queue.finish();
    writer.join(); // storeError is the writer's to set until here
    if (storeError || !flushed) {
        Error e = storeError.value_or(makeError(ErrorCode::Internal, QStringLiteral("capture failed")));
        if (e.code == ErrorCode::OutOfRange)
            e.message +=
                QStringLiteral(". The target topic already holds later offsets; capture into another topic "
                               "or workspace.");
        return e;
    }
    if (!rep) return rep.error();
    out.stream = rep.value();
    if (!out.schemaIds.empty()) {
        auto kept = keepSchemas(store, out.schemaIds, [&](qint32 id) { return source.schema(id); });
        if (!kept) {
            out.schemaProblems << kept.error().message;
        } else {
            out.schemasKept = kept->kept;
            out.schemaProblems = kept->problems;
        }
    }
    return out;
}

} // namespace rw
