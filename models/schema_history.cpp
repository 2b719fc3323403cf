#include "schema_history.h"

#include <QCoreApplication>

#include <map>

namespace rw {

Result<SchemaHistory> loadSchemaHistory(const RecordSource& source, const QString& topic,
                                        const std::atomic_bool* cancel)
{
    auto connection = source.reopen();
    if (!connection) return connection.error();
    RecordSource& s = *connection.value();
    auto runs = schemaRuns(s, topic, std::nullopt, cancel);
    if (!runs) return runs.error();
    SchemaHistory h;
    h.topic = topic;
    h.runs = std::move(runs.value());
    h.changes = schemaChanges(h.runs);
    std::map<qint32, Result<RegistrySchema>> schemas; // each asked once
    auto schemaOf = [&](qint32 id) -> const Result<RegistrySchema>& {
        auto it = schemas.find(id);
        if (it == schemas.end()) it = schemas.emplace(id, s.schema(id)).first;
        return it->second;
    };
    // The earliest record's schema, over every partition.
    const SchemaRun* earliest = nullptr;
    for (const SchemaRun& r : h.runs)
        if (!earliest || r.firstTime < earliest->firstTime) earliest = &r;
    if (earliest) {
        h.first = earliest->schema;
        if (h.first.schemaId >= 0)
            if (const auto& first = schemaOf(h.first.schemaId))
                h.firstText = schemaDisplayText(first.value());
    }
    for (const SchemaChange& c : h.changes) {
        if (cancel && cancel->load()) return makeError(ErrorCode::Cancelled, QStringLiteral("cancelled"));
        if (c.after.schemaId < 0) {
            h.diffs.push_back(QCoreApplication::translate(
                "SchemaHistory", "From here on the values are not in the Schema Registry wire format "
                                 "(plain JSON or text, or another producer)."));
            continue;
        }
        const auto& after = schemaOf(c.after.schemaId);
        if (!after) {
            h.diffs.push_back(QCoreApplication::translate("SchemaHistory", "Schema id %1 cannot be read: %2")
                                  .arg(c.after.schemaId)
                                  .arg(after.error().message));
            continue;
        }
        if (c.before.schemaId < 0) {
            h.diffs.push_back(
                QCoreApplication::translate("SchemaHistory",
                                            "Values were not schema-encoded before; from here on:\n\n") +
                schemaDisplayText(after.value()));
            continue;
        }
        const auto& before = schemaOf(c.before.schemaId);
        if (!before) {
            h.diffs.push_back(QCoreApplication::translate("SchemaHistory", "Schema id %1 cannot be read: %2")
                                  .arg(c.before.schemaId)
                                  .arg(before.error().message));
            continue;
        }
        const QString d = schemaDiff(before.value(), after.value());
        h.diffs.push_back(d.isEmpty() ? QCoreApplication::translate(
                                            "SchemaHistory",
                                            "The two schemas read the same (registered twice, or only "
                                            "their formatting differs).")
                                      : d);
    }
    return h;
}

} // namespace rw
