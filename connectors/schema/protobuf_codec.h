#pragma once
// Protobuf: a schema (.proto text as a Schema Registry gives it, with the files it imports by
// reference, or a descriptor set from protoc --descriptor_set_out) compiled once by libprotobuf
// (compiler::Parser, DescriptorPool over the well-known types, DynamicMessageFactory), then
// records decoded to JSON text as libprotobuf's JSON printer would print them (protobuf_json.h):
// field names as written in the .proto, default values shown (a filter on a zero field finds
// it), well-known types as people read them (Timestamp as RFC 3339, Duration as "1.5s", wrappers
// as their value, Struct as JSON).
// A record in the wire format names its message by indexes before the payload (Confluent's
// message-index list: a count then indexes, zigzag varints; the single byte 0 means the first
// message): decodeFramed reads them.
// Payloads are untrusted: nesting is capped by libprotobuf's recursion limit (set here), sizes
// by the caller; a payload that does not parse is an error with the message's name.
// Thread contract: a compiled Schema is immutable; its decode functions may be called from any
// thread at once.

#include "mask_policy.h"
#include "result.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

#include <memory>
#include <vector>

namespace rw::protobuf {

struct SourceFile {
    QString name; // the name others import it by ("common/money.proto")
    QByteArray text;
};

class Schema {
public:
    // `proto` is the schema's own .proto text; `imports` are the files it imports (the registry's
    // references, dependencies first). Well-known types (google/protobuf/*.proto) need none.
    static Result<std::shared_ptr<const Schema>> parse(QByteArrayView proto,
                                                       const std::vector<SourceFile>& imports = {});
    // A FileDescriptorSet (protoc --descriptor_set_out --include_imports).
    static Result<std::shared_ptr<const Schema>> fromDescriptorSet(QByteArrayView bytes);
    ~Schema();

    // Bytes after the schema id: message indexes, then the message.
    Result<void> decodeFramed(QByteArrayView bytes, QByteArray& out, QString* messageName = nullptr) const;
    // One message of a named type (full name, "shop.Payment"); empty: the schema's first message.
    Result<void> decode(QByteArrayView payload, const QString& messageType, QByteArray& out) const;

    // The same bytes with the fields at `paths` masked, encoded again (appended to `out`): a
    // masked field keeps its type. Strings and bytes become "***", repeated fields and maps
    // empty, a message has each of its fields masked, other types their default (the field
    // cleared). Paths name fields as the .proto writes them, map keys as members. False when no
    // path matched (out untouched). maskFramed keeps the message indexes as they were.
    Result<bool> maskFramed(QByteArrayView bytes, MaskPaths& paths, QByteArray& out) const;
    Result<bool> mask(QByteArrayView payload, const QString& messageType, MaskPaths& paths,
                      QByteArray& out) const;

    // A message typed as JSON (the .proto's field names or their JSON names, as libprotobuf's
    // JSON parser takes them) of `messageType` (empty: the schema's first message), encoded and
    // appended to `out` after its message indexes (the wire format's, as decodeFramed reads them).
    // An error says what the parser found and where.
    Result<void> encodeFramed(QByteArrayView json, const QString& messageType, QByteArray& out) const;

    struct Impl;

private:
    explicit Schema(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> d;
};

} // namespace rw::protobuf
