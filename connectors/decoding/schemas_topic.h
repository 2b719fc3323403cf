#pragma once
// The `_schemas` topic: where Confluent's Schema Registry keeps every schema (compacted, one
// partition; key {"keytype":"SCHEMA","subject","version","magic"}, value {"subject","version","id",
// "schemaType","schema","references","deleted"}, a null value deleting its key). A copied broker
// data directory holds it, so its records decode with no registry and no network; a workspace
// keeps the schemas its records use in a topic of the same name and shape, so a captured
// workspace decodes on another machine. Records of other key types (CONFIG, NOOP, …) and
// malformed ones are skipped and counted.
// Thread contract: plain functions; any thread.

#include "mask_policy.h"
#include "record.h"
#include "schema_registry.h"

#include <QHash>

#include <atomic>
#include <functional>
#include <set>

namespace rw {

class RecordSource;

inline const QString kSchemasTopic = QStringLiteral("_schemas");

struct SchemasTopic {
    QHash<qint32, RegistrySchema> byId; // references resolved
    qint64 skipped = 0;                 // records that were not usable schema records
    QStringList problems;               // the first few reasons, for people
};

// Reads `_schemas` of a source (every partition); an empty result when the topic is absent.
Result<SchemasTopic> readSchemasTopic(RecordSource& source);

// The `_schemas` record (key, value) that stores one schema, as the registry writes it.
// Its references are records of their own (write them first: they carry their own ids).
std::pair<QByteArray, QByteArray> schemasTopicRecord(const RegistrySchema& schema);

// Where a topic's writer schema changes: per partition, the runs of consecutive records whose
// value used one schema (or none: not in the wire format), with their offsets and times. Reads the
// stored bytes' wire headers only (RecordSource::stored(): nothing is decoded); the schemas'
// subjects and versions come from `source` where it decodes (one lookup per schema id).
// range: only records with times in [from, to) (read from offsetForTime on; a source that does
// not index times reads from the start of each partition).
struct SchemaRun {
    PartitionId partition = 0;
    Offset first = 0, last = 0;
    TimestampMs firstTime = 0, lastTime = 0;
    qint64 records = 0;
    SchemaUse schema; // schemaId -1: not schema-encoded; error: why subject/version are unknown
};
Result<std::vector<SchemaRun>> schemaRuns(RecordSource& source, const QString& topic,
                                          std::optional<std::pair<TimestampMs, TimestampMs>> range = {},
                                          const std::atomic_bool* cancel = nullptr);

// The places where a topic's writer schema changed, across its partitions: one per change from a
// schema to another (the earliest time it happened in any partition), for the timeline.
struct SchemaChange {
    TimestampMs time = 0;
    PartitionId partition = 0; // where it happened first
    Offset offset = 0;
    SchemaUse before, after;
    int partitions = 1; // how many partitions made the same change
};
std::vector<SchemaChange> schemaChanges(const std::vector<SchemaRun>& runs);

// How people name a schema: "payments-value v2 (id 2)", "id 7", "not schema-encoded".
QString schemaLabel(const SchemaUse& use);

// The schema as people read it: Avro and JSON Schema documents indented, Protobuf as written.
QString schemaDisplayText(const RegistrySchema& schema);

// A line diff of two schemas' display texts, unified with `context` lines around each change
// ("--- a", "+++ b", "@@ …", then " ", "-", "+" lines); empty when they read the same.
QString schemaDiff(const RegistrySchema& before, const RegistrySchema& after, int context = 3);

} // namespace rw
