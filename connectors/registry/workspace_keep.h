#pragma once
// What a workspace keeps for its records besides them: the schemas they were written with (in its
// `_schemas` topic), schema files for topics outside the registry's wire format, and its masking
// policy (metadata). Read by the registry when it opens a workspace, written by capture, import,
// the demo and the window. Thread contract: as WorkspaceStore (the caller's connection).

#include "mask_policy.h"
#include "schema_registry.h"
#include "workspace_store.h"

#include <QStringList>

#include <functional>
#include <set>

namespace rw {

// Keeps the schemas of `ids` (and what they reference) in the workspace's `_schemas` topic,
// fetched from the registry; ids it holds already are left alone. An id the registry cannot give
// is a problem on the list, not a failure of the rest.
struct KeptSchemas {
    int kept = 0;
    QStringList problems;
};
Result<KeptSchemas> keepSchemas(WorkspaceStore& store, const std::set<qint32>& ids,
                                const RegistryConfig& registry);
// The same with the schemas from elsewhere (another source's RecordSource::schema: a bundle).
Result<KeptSchemas> keepSchemas(WorkspaceStore& store, const std::set<qint32>& ids,
                                const std::function<Result<RegistrySchema>(qint32 id)>& fetch);

// Schema files a workspace keeps for its topics (metadata "schema_files": {"topic":
// "path[#package.Message]"}), for teams without a registry: openRecordSource decodes the workspace's
// topics with them wherever it is opened (window, CLI, replay). A path is kept relative to the
// workspace's folder when the file lies there or below, so the two can be moved together.
Result<std::vector<SchemaFile>> keptSchemaFiles(WorkspaceStore& store, const QString& workspacePath);
Result<void> keepSchemaFiles(WorkspaceStore& store, const QString& workspacePath,
                             const std::vector<SchemaFile>& files);

// The masking policy a workspace keeps (metadata "mask_policy"; mask_policy.h); empty when none.
Result<MaskPolicy> keptMaskPolicy(WorkspaceStore& store);
Result<void> keepMaskPolicy(WorkspaceStore& store, const MaskPolicy& policy);

} // namespace rw
