#pragma once
// Schemas for records in the Schema Registry wire format (byte 0x00, a 4-byte big-endian schema
// id, for Protobuf message indexes, then the payload): where schemas come from and how a record's
// key or value becomes JSON text.
//  - SchemaRegistryClient asks a Confluent-compatible registry (Confluent, Apicurio's ccompat API,
//    Redpanda, Karapace) for a schema by id, with basic auth and TLS, and resolves its references.
//  - SchemaCatalog is what decoding uses: schemas by id, compiled once, from the registry (fetched
//    on the first record that names an id, on the reading thread, then cached; a failed fetch is
//    remembered for a while so a registry that is down costs one timeout, not one per record).
// Thread contract: a SchemaCatalog is shared by every connection of a source and may be used from
// any thread at once; SchemaRegistryClient is used by one thread at a time (the catalog makes one
// per fetch). Registry answers are untrusted: sizes are capped, JSON is checked.

#include "avro_codec.h"
#include "protobuf_codec.h"
#include "result.h"

#include <QByteArray>
#include <QHash>
#include <QJsonObject>
#include <QMutex>
#include <QString>

#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <vector>

namespace rw {

enum class SchemaFormat : quint8 { Avro, Protobuf, Json };
QString schemaFormatName(SchemaFormat f);

struct RegistryConfig {
    QString url;      // base URL, e.g. http://host:8081 or http://host:8080/apis/ccompat/v7
    QString user;     // basic auth, when set
    QString password; // from the keychain; never written to settings or logs
    QString caFile;   // PEM file of CAs to trust besides the system's (TLS)
    bool insecureSkipVerify = false;
    int timeoutMs = 10000;
    bool operator==(const RegistryConfig&) const = default;
};

// Where a record's schema is: the wire-format header (id) and what the registry says of it.
struct SchemaRef {
    qint32 id = -1;
    SchemaFormat format = SchemaFormat::Avro;
    QString subject; // empty when the registry does not say
    int version = 0;
    bool operator==(const SchemaRef&) const = default;
};

struct SchemaReference {
    QString name; // how the schema names it (a Protobuf import path, an Avro type name)
    QString subject;
    int version = 0;
    qint32 id = -1;
    QByteArray text; // the referenced schema
};

struct RegistrySchema {
    SchemaRef ref;
    QByteArray text;                         // the schema as the registry gives it
    std::vector<SchemaReference> references; // what it references, dependencies first
};

// The header of a record in the wire format: its schema id and where the payload starts (for
// Protobuf the message indexes follow the id). nullopt when the bytes are not in the format.
struct WireHeader {
    qint32 id = 0;
    qsizetype payloadAt = 5;
};
std::optional<WireHeader> parseWireHeader(QByteArrayView bytes);

class SchemaRegistryClient {
public:
    explicit SchemaRegistryClient(RegistryConfig config);
    // GET /schemas/ids/{id} with its references (GET /subjects/{s}/versions/{v}), and the
    // subject and version that hold it (GET /schemas/ids/{id}/versions, where the registry has it).
    Result<RegistrySchema> fetch(qint32 id);
    // GET /subjects/{s}/versions/{v|latest}: the schema id a subject's version has.
    Result<qint32> subjectVersionId(const QString& subject, int version = -1);

    // Browsing and changing the registry (its Confluent API): subjects, a subject's versions,
    // one version as the registry gives it (subject, version, id, schemaType, schema, references),
    // the subject's compatibility level (its own, else the registry's default, said so).
    Result<QStringList> subjects();
    Result<std::vector<int>> versions(const QString& subject);
    Result<QJsonObject> version(const QString& subject, int version = -1);
    Result<QString> compatibility(const QString& subject);
    // The registry's own check of a schema against the subject's level (verbose: its reasons).
    struct Compatibility {
        bool compatible = false;
        QStringList messages;
    };
    // `type`: AVRO, PROTOBUF or JSON.
    Result<Compatibility> checkCompatibility(const QString& subject, const QString& type,
                                             const QByteArray& text);
    // A new version (or the id of the same schema registered before); refused by the registry
    // when incompatible (409) or invalid (422), with its message.
    Result<qint32> registerSchema(const QString& subject, const QString& type, const QByteArray& text);
    // The subject's own compatibility level (NONE, BACKWARD, …, FULL_TRANSITIVE).
    Result<void> setCompatibility(const QString& subject, const QString& level);
    // A version soft-deleted (the registry keeps it for ids already written).
    Result<void> deleteVersion(const QString& subject, int version);

private:
    Result<QByteArray> get(const QString& path);
    Result<QByteArray> request(const QByteArray& method, const QString& path, const QByteArray& body);
    RegistryConfig m_config;
};

// A schema file mapped to a topic, for teams without a registry: an Avro schema (.avsc), a .proto
// (its imports looked up beside it) or a descriptor set (protoc --descriptor_set_out; .desc, .pb,
// .protoset), with the message type for Protobuf (default: the file's first message). Values of
// that topic that are not in the wire format are decoded with it, whole.
struct SchemaFile {
    QString topic;
    QString path;
    QString messageType;
    bool operator==(const SchemaFile&) const = default;
    // "topic=path" or "topic=path#package.Message"
    static Result<SchemaFile> parse(const QString& text);
};

// A schema file compiled (what SchemaCatalog decodes a mapped topic with, and what the producer
// encodes with): .avsc/.json Avro, .proto (imports beside it), else a descriptor set.
struct CompiledSchemaFile {
    SchemaFormat format = SchemaFormat::Avro;
    std::shared_ptr<const avro::Schema> avro;
    std::shared_ptr<const protobuf::Schema> protobuf;
};
Result<CompiledSchemaFile> compileSchemaFile(const QString& path);
// A schema file's text, refused above 4 MB (any thread).
Result<QByteArray> readSchemaFile(const QString& path);

// One decoded key or value: JSON text and where its schema came from, or why it could not be
// decoded (the raw bytes are then shown as they are).
struct DecodeOutcome {
    bool decoded = false; // false with an empty error: not in the wire format (left as it is)
    SchemaRef schema;
    QString error;
};

class SchemaCatalog {
public:
    explicit SchemaCatalog(std::optional<RegistryConfig> registry, std::vector<SchemaFile> files = {});
    const std::optional<RegistryConfig>& registry() const { return m_registry; }

    // Schemas at hand without a registry (a `_schemas` topic of the source itself), asked before
    // the registry. `load` runs once, on the first caller's thread; later callers wait for it.
    using OfflineLoader = std::function<Result<QHash<qint32, RegistrySchema>>()>;
    void loadOffline(const OfflineLoader& load);

    // Decodes a value of `topic` that is not in the wire format with the file mapped to the topic
    // (decoded == false and no error when none is).
    DecodeOutcome decodeWithFile(const QString& topic, QByteArrayView bytes, QByteArray& out);
    bool hasFiles() const { return !m_files.empty(); }
    bool hasFile(const QString& topic) const;
    // Why the file mapped to `topic` cannot decode (unreadable, not a schema, no such message
    // type); empty when it can or none is mapped.
    QString fileProblem(const QString& topic) const;

    // Decodes `bytes` when they are in the wire format: appends the JSON text to `out`.
    // `memo` (one per reading loop, optional) remembers the last schema used, so a run of records
    // of one schema skips the shared cache's lock.
    struct Entry;
    struct Memo {
        qint32 id = -1;
        std::shared_ptr<const Entry> entry;
    };
    DecodeOutcome decode(QByteArrayView bytes, QByteArray& out, Memo* memo = nullptr);
    // The schema of an id, fetched and compiled (or the error that stopped it).
    Result<RegistrySchema> schema(qint32 id);
    // A value of `topic` as stored, masked at `paths` and encoded again with its writer schema and
    // framing (avro::Schema::mask, protobuf::Schema::maskFramed, maskJsonDocument): true with
    // `out` holding it (the stored bytes when no path matched), false when the value is not
    // schema-encoded (neither in the wire format nor of a topic mapped to a schema file). A value
    // whose schema cannot be had is refused: it must not be written unmasked.
    Result<bool> mask(const QString& topic, QByteArrayView stored, MaskPaths& paths, QByteArray& out);

    struct Entry {
        std::optional<RegistrySchema> schema;
        std::shared_ptr<const avro::Schema> avro;
        std::shared_ptr<const protobuf::Schema> protobuf;
        std::optional<Error> error;
        std::chrono::steady_clock::time_point failedAt;
    };
    // The schema of an id as the catalog holds it (fetched and compiled on first use): whether
    // the registry or the source's `_schemas` knows the id, or why not.
    std::shared_ptr<const Entry> lookup(qint32 id) { return entry(id); }

private:
    std::shared_ptr<const Entry> entry(qint32 id);
    static Result<void> compileSchema(const RegistrySchema& schema, Entry& e);

    std::optional<RegistryConfig> m_registry;
    struct FileSchema {
        SchemaFile file;
        SchemaFormat format = SchemaFormat::Avro;
        std::shared_ptr<const avro::Schema> avro;
        std::shared_ptr<const protobuf::Schema> protobuf;
        QString error;
    };
    std::vector<FileSchema> m_files; // compiled when the catalog is made; read-only afterwards
    QMutex m_offlineMutex;
    bool m_offlineLoaded = false;
    QHash<qint32, RegistrySchema> m_offline;
    mutable QMutex m_mutex;
    QHash<qint32, std::shared_ptr<const Entry>> m_entries;
};

} // namespace rw
