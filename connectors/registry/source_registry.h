#pragma once
// The registry: the one place that knows the kinds of source. It decides what a spec names (a
// workspace file, a broker's data directory, a live cluster), opens it as a RecordSource with the
// decoding stage on, and answers the few questions whose answer is the kind itself. A new kind is
// one more class (source_kinds.h) and one more line here.
// Thread contract: any thread; openRecordSource blocks (a cluster's connect), `cancel` may be set
// from any thread.

#include "record_source.h"
#include "source_spec.h"

namespace rw {

class WorkspaceStore;

// The kinds of source, decided here and nowhere else: the
// views, the replay and the cases ask the spec or the opened source what they need to know.
enum class SourceKind { Workspace, DataDirectory, Cluster };
SourceKind sourceKindOf(const SourceSpec& spec);
// Whether others read and write there too (a cluster): a replay writes only to its sandbox topics
// unless the user unlocks one, and a sandbox consumer can read the target itself. A workspace
// file is the user's own.
bool isSharedSource(const SourceSpec& spec);
// The workspace file a source is, where its own notes can be kept (cases, a replay's journal);
// empty for a cluster or a data directory, which are never written.
QString workspaceFileOf(const SourceSpec& spec);
// The workspace file that keeps the cases of a source (and a cluster's lag history): the
// workspace itself where it may be written, else a case workspace of its own in `casesDir`
// (appCasesDir(), or a test's).
QString caseHomeFor(const SourceSpec& spec, const QString& casesDir);
QString appCasesDir(); // the app's data folder's "cases"
// The window's (Rewind's) cases folder, for another program (the CLI) to find a cluster's cases.
QString windowCasesDir();

// A source over a workspace the caller already holds open, for as long as it stays open: a writer
// that also reads its own workspace (replay's journal and source in one file) opens it once.
std::unique_ptr<RecordSource> workspaceSourceOver(WorkspaceStore& store);
// The same with the spec's decoding, as openRecordSource puts it on (the spec's registry and
// schema files, and those the workspace keeps).
std::unique_ptr<RecordSource> workspaceSourceOver(WorkspaceStore& store, const SourceSpec& spec);

// The decoding stage (decoding_source.h) over a source, where schemas can be had: a registry, or
// the source's own `_schemas` topic. openRecordSource puts it on; a caller holding a source opened
// otherwise (workspaceSourceOver) puts it on with this.
std::unique_ptr<RecordSource> withDecoding(std::unique_ptr<RecordSource> source,
                                           const std::optional<RegistryConfig>& registry,
                                           const std::vector<SchemaFile>& files = {});

// Opens what the spec names, decoding on. `cancel` stops a connect that is waiting on an unreachable cluster.
Result<std::shared_ptr<RecordSource>> openRecordSource(const SourceSpec& spec,
                                                       const std::atomic_bool* cancel = nullptr);

} // namespace rw
