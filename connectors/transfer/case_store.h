#pragma once
// Where cases (core/case_file.h) are kept, and reading and writing them there. A workspace file
// that may be written keeps its own cases; a Kafka cluster, a data directory (never written) or a
// read-only workspace has a case workspace of its own: a workspace file in the app's cases folder
// holding only cases. A case bundle (record_export.h) is a workspace holding records and a case.
// Thread contract: a CaseStore is used by one thread at a time; caseHomeFor any thread.

#include "case_file.h"
#include "source_registry.h"
#include "workspace_store.h"

#include <atomic>
#include <memory>

namespace rw {

struct SourceSpec;
// caseHomeFor (where a source's cases are kept) is in source_registry.h: a cluster's lag history
// is kept there too.

// Whether each pin's record is still there (a deleted sandbox topic, a compacted or expired offset
// make it missing, with the reason), with its time and key as they are now.
struct PinState {
    bool found = false;
    std::optional<TimestampMs> timestamp;
    QString key;
    QString why; // when missing: "topic x is gone", "partition 3 is gone", "offset 12 is gone"
};
class RecordSource;
Result<std::vector<PinState>> resolvePins(RecordSource& source, const std::vector<CasePin>& pins,
                                          const std::atomic_bool* cancel = nullptr);

class CaseStore {
public:
    // Opens the cases kept in `home` (a workspace file). `create`: make it, empty, when missing.
    static Result<std::unique_ptr<CaseStore>> open(const QString& home, bool create);

    QString home() const { return m_store->path(); }
    WorkspaceStore& workspace() { return *m_store; } // the records a case keeps (evidence.h)
    Result<std::vector<WorkspaceStore::CaseEntry>> list();
    // NotFound when there is none; NewerSchema for a case a newer Rewind wrote (case_file.h).
    Result<Case> load(const QString& name);
    Result<void> save(const Case& c);
    Result<void> remove(const QString& name);
    // Refuses a name another case has.
    Result<void> rename(const QString& from, const QString& to);

private:
    explicit CaseStore(std::unique_ptr<WorkspaceStore> store) : m_store(std::move(store)) {}
    std::unique_ptr<WorkspaceStore> m_store;
};

} // namespace rw
