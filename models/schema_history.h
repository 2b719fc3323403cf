#pragma once
// A topic's schema history for the window: the runs of records per writer schema, each change
// with the difference between the two schemas, and the text of the schema the topic began with.
// Thread contract: loadSchemaHistory blocks (a JobRunner job with its own connection: it may ask
// the registry); `cancel` may be set from any thread.

#include "record_source.h"
#include "schemas_topic.h"

#include <QMetaType>

#include <atomic>

namespace rw {

struct SchemaHistory {
    QString topic;
    std::vector<SchemaRun> runs;
    std::vector<SchemaChange> changes;
    // Per change: the unified diff of the two schemas, or what there is to say instead (records
    // that are not schema-encoded, a schema that could not be had).
    std::vector<QString> diffs;
    SchemaUse first;   // the schema of the topic's earliest run
    QString firstText; // its text, as people read it (empty: not schema-encoded or unknown)
};

Result<SchemaHistory> loadSchemaHistory(const RecordSource& source, const QString& topic,
                                        const std::atomic_bool* cancel = nullptr);

} // namespace rw

Q_DECLARE_METATYPE(rw::SchemaHistory)
