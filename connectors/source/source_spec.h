#pragma once
// SourceSpec: the one way Rewind names a source (a workspace file, a broker's data directory, a
// Kafka cluster), used by the window, the CLI, cases and both ends of a replay job. What kind it
// is is decided by sourceKindOf() alone (the registry, source_registry.h).
// Any thread (plain data).

#include "kafka_profile.h"
#include "schema_registry.h"

#include <QJsonObject>
#include <QString>

#include <optional>
#include <vector>

namespace rw {

// What to open: a path (a workspace file, a data directory, a partition folder, a .log segment)
// or a Kafka profile, and how. The one way Rewind names a source: the window, the CLI, a case and
// both ends of a replay job (replay_job.h).
struct SourceSpec {
    QString path;
    std::optional<KafkaProfile> kafka;
    bool writable = false;
    bool showInternalTopics = false;
    // Records in the Schema Registry wire format are decoded with this registry's schemas
    // (decoding_source.h); unset: they are shown as stored.
    std::optional<RegistryConfig> schemaRegistry;
    std::vector<SchemaFile> schemaFiles; // values of these topics decoded with these files
    // How a replay job names the cluster, kept so the job is written back as it was given: a
    // profile file, or KafkaProfile::sessionRef(name) for a connection of the desktop app (its
    // profile, secrets and all, comes from the app when the job runs); empty: by its bootstrap
    // servers alone.
    QString profileRef;
    static SourceSpec file(const QString& path)
    {
        return {path, std::nullopt, false, false, std::nullopt, {}, {}};
    }
    static SourceSpec cluster(const KafkaProfile& profile)
    {
        return {QString(), profile, false, false, profile.registry(), profile.schemaFiles, {}};
    }
    // A plaintext cluster named by its bootstrap servers, without a profile.
    static SourceSpec bootstrap(const QString& servers);
    // What tells two sources apart (a case's source, the app's open source, a replay's ends):
    // the absolute path, or clusterKey() of the profile's name.
    QString key() const;
    static QString clusterKey(const QString& profileName) { return QStringLiteral("kafka:") + profileName; }
    // A short name people recognise, fit for a file name: the file's name, or "kafka-<profile>".
    QString shortName() const;
};

// A spec as a replay job's JSON names it, beside the topic: {"workspace": path}, {"profile":
// file or session ref} or {"bootstrap": servers}. Reading one reads the profile file it names.
QJsonObject sourceSpecJson(const SourceSpec& spec);
Result<SourceSpec> sourceSpecFromJson(const QJsonObject& o, const QString& which);
} // namespace rw
