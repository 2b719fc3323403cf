#pragma once
// The kinds of RecordSource, each in its own file, known only to the registry
// (openRecordSource in record_source.cpp). A new kind is one more class and one more line there.
// Thread contract: as RecordSource.

#include "record_source.h"

namespace rw {

// A workspace file (SQLite).
Result<std::unique_ptr<RecordSource>> openWorkspaceSource(const SourceSpec& spec);
// A copy of a broker's data directory, a partition folder or one .log segment, read in place.
Result<std::unique_ptr<RecordSource>> openDataDirSource(const SourceSpec& spec);
// A live Kafka cluster.
Result<std::unique_ptr<RecordSource>> openClusterSource(const SourceSpec& spec,
                                                        const std::atomic_bool* cancel);

} // namespace rw
