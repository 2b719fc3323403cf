#pragma once
// The decoding stage: a RecordSource over another one whose records' keys and values, when they
// are in the Schema Registry wire format, reach every reader as JSON text (the table, the
// inspector, filters, trace, export, the CLI), with the bytes as stored and the schema used in
// RecordView::decoding. Records not in the wire format pass through untouched; one that cannot be
// decoded keeps its bytes and carries the reason, and nothing else stops.
// openRecordSource puts it over any kind of source whose spec names a Schema Registry.
// Thread contract: as RecordSource (a connection on one thread at a time); the schema catalog is
// shared by every connection reopen() makes.

#include "record_source.h"
#include "schema_registry.h"

namespace rw {

std::unique_ptr<RecordSource> decodingSource(std::unique_ptr<RecordSource> inner,
                                             std::shared_ptr<SchemaCatalog> catalog);

} // namespace rw
