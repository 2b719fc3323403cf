#pragma once
// Avro: a writer schema (JSON text, as a Schema Registry or an .avsc file gives it) compiled once,
// then records in Avro's binary encoding decoded to JSON text, the form every view, filter and
// export reads. The schema is checked by avro-c (libavro: names, namespaces, unions, defaults)
// and walked by our own decoder, because avro-c 1.11 knows no logical types (AVRO-2773) and its
// generic values allocate per record. Logical types are shown as people read them: timestamps
// and times in ISO 8601 UTC, dates as YYYY-MM-DD, decimals as exact numbers, uuids as text.
// Unions are shown as their value (not Avro's {"type": value} JSON encoding), bytes and fixed
// as "0x" hex.
// Payloads are untrusted: every length, count, union branch and enum index is checked, nesting
// and item counts are capped, and a payload that leaves bytes over does not match its schema.
// Thread contract: a compiled Schema is immutable; toJson may be called from any thread at once.

#include "mask_policy.h"
#include "result.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

#include <memory>
#include <vector>

namespace rw::avro {

struct Limits {
    int maxDepth = 200;           // nested records, arrays, maps, unions in one datum
    qint64 maxItems = 1 << 22;    // array items and map entries in one datum
    qint64 maxOutput = 256 << 20; // bytes of JSON one datum may produce
    qint64 maxSchemaBytes = 4 << 20;
};

class Schema {
public:
    // `json` is the schema; `references` are the schemas it names by reference (a registry's
    // references), compiled first so their named types can be used.
    static Result<std::shared_ptr<const Schema>>
    parse(QByteArrayView json, const std::vector<QByteArray>& references = {}, const Limits& limits = {});
    ~Schema();

    // Appends the JSON text of one datum in Avro binary encoding. On an error `out` may hold a
    // partial text: callers restore it.
    Result<void> toJson(QByteArrayView payload, QByteArray& out) const;

    // The same datum with the fields at `paths` masked, in Avro binary (appended to `out`): a
    // masked field keeps its type. Strings and bytes become "***", arrays and maps empty, a record
    // has each of its fields masked, other types take the field's default (an enum its own
    // default); a union keeps its branch where that branch has a stand-in, else takes the field's
    // default or null. Where none applies the record is refused with the path named. False when
    // no path matched (out untouched).
    Result<bool> mask(QByteArrayView payload, MaskPaths& paths, QByteArray& out) const;

    // A datum typed as JSON (as toJson shows it, or Avro's own JSON encoding) in Avro binary,
    // appended to `out`. Unions take a value as it is (the first branch that accepts it) or as
    // {"type name": value}; missing record fields take their defaults; timestamps and dates take
    // ISO 8601 text or numbers, bytes "0x" hex, decimals numbers. An error names the path and
    // what was expected there; `out` is then left as it was.
    Result<void> fromJson(QByteArrayView json, QByteArray& out) const;

    struct Impl;

private:
    explicit Schema(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> d;
};

} // namespace rw::avro
