#pragma once
// Writing records with a schema: a value typed as JSON encoded with a registry subject's schema
// (Avro, Protobuf or JSON Schema) and framed in the Schema Registry wire format (0x00, the schema
// id, for Protobuf the message indexes, then the payload), as Confluent's serializers frame it.
// Errors name the field and what it expected, for the CLI's line numbers and the window's inline
// messages.
// Thread contract: an encoder is immutable once made; encode() may be called from any thread.

#include "avro_codec.h"
#include "protobuf_codec.h"
#include "schema_registry.h"

#include <QJsonObject>

#include <memory>

namespace rw {

class ValueEncoder {
public:
    // The schema of `subject` at `version` (-1: the latest) from the registry, compiled.
    static Result<ValueEncoder> fromRegistry(const RegistryConfig& registry, const QString& subject,
                                             int version = -1, const QString& messageType = {});
    // A schema file (.avsc, .proto, a descriptor set), as a topic mapped to it is decoded: the
    // payload alone, not framed (there is no registry id); schema().ref.subject is the file name.
    static Result<ValueEncoder> fromFile(const QString& path, const QString& messageType = {});
    // A schema at hand (its references resolved), for tests and files.
    static Result<ValueEncoder> fromSchema(const RegistrySchema& schema, const QString& messageType = {});

    // JSON text -> the wire format.
    Result<QByteArray> encode(QByteArrayView json) const;
    const RegistrySchema& schema() const { return m_schema; }
    bool framed() const { return !m_bare; }

private:
    RegistrySchema m_schema;
    QString m_messageType;
    bool m_bare = false; // a schema file's: no wire-format header
    std::shared_ptr<const avro::Schema> m_avro;
    std::shared_ptr<const protobuf::Schema> m_protobuf;
    QJsonObject m_json; // JSON Schema
};

// The registry's id of `subject` at `version` (-1: latest), with its schema and references.
Result<RegistrySchema> subjectSchema(const RegistryConfig& registry, const QString& subject,
                                     int version = -1);

} // namespace rw
