#pragma once
// RecordSource: one interface over every kind of source Rewind reads — a workspace file, a copy
// of a broker's data directory, a live Kafka cluster — opened once from a spec by one registry
// (openRecordSource) and shared by the jobs that read it, with its options on the handle. What a
// source can do is in its capabilities, not in branches on its kind. Decoding (schemas) and the
// views build on this; writing stays separate (a workspace writer, a Kafka sandbox writer).
// Thread contract: a source is used by one thread at a time (jobs take turns on the handle or
// open their own); `cancel` may be set from any thread.

#include "kafka_profile.h"
#include "workspace_store.h"

#include <atomic>
#include <memory>
#include <optional>

namespace rw {

struct SourceCapabilities {
    bool writable = false;    // appends and commits are possible (a workspace opened for writing)
    bool live = false;        // others may be adding records while it is read
    bool exactCounts = false; // counts are records held; else high - low (gaps make it an upper bound)
};

// What to open: a path (a workspace file, a data directory, a partition folder, a .log segment)
// or a Kafka profile, and how.
struct SourceSpec {
    QString path;
    std::optional<KafkaProfile> kafka;
    bool writable = false;
    bool showInternalTopics = false;
};

class RecordSource {
public:
    virtual ~RecordSource() = default;
    virtual QString name() const = 0; // the path, or "kafka:<profile or bootstrap>"
    virtual SourceCapabilities capabilities() const = 0;
    virtual Result<std::vector<TopicInfo>> topics() = 0;
    // [from, to) of one partition in offset order, at most maxCount; views valid during the
    // callback, which returns false to stop. Returns the number of records handed out.
    virtual Result<qint64> scan(const QString& topic, PartitionId partition, Offset from, Offset to,
                                const WorkspaceStore::ScanCallback& callback, qint64 maxCount = -1,
                                const std::atomic_bool* cancel = nullptr) = 0;
    // The first offset whose timestamp is >= ts; nullopt when there is none.
    virtual Result<std::optional<Offset>> offsetForTime(const QString& topic, PartitionId partition,
                                                        TimestampMs ts) = 0;
};

// The registry: the one place that knows the kinds of source.
Result<std::shared_ptr<RecordSource>> openRecordSource(const SourceSpec& spec);

} // namespace rw
