// rewind-cli registry: browse a Schema Registry's subjects and versions, check a schema against a
// subject's compatibility (the registry's own check), register it, soft-delete a version.
#include "audit.h"
#include "cli_common.h"
#include "schema_registry.h"

#include <QFileInfo>
#include <QJsonArray>

namespace rw::cli {

namespace {

QString typeOf(const QJsonObject& version)
{
    return version.value(QLatin1String("schemaType")).toString(QStringLiteral("AVRO"));
}

QString referencesOf(const QJsonObject& version)
{
    QStringList refs;
    for (const QJsonValue& r : version.value(QLatin1String("references")).toArray())
        refs << QStringLiteral("%1 (%2@%3)")
                    .arg(r.toObject().value(QLatin1String("name")).toString(),
                         r.toObject().value(QLatin1String("subject")).toString())
                    .arg(r.toObject().value(QLatin1String("version")).toInt());
    return refs.isEmpty() ? QStringLiteral("-") : refs.join(QStringLiteral(", "));
}

} // namespace

int cmdRegistry(const QStringList& args)
{
    QCommandLineParser p;
    p.addPositionalArgument(QStringLiteral("subject"), QStringLiteral("A subject (default: list them all)."));
    addRegistryOptions(p, QStringLiteral("The registry (Confluent API base URL)."));
    p.addOption(
        {QStringLiteral("check"),
         QStringLiteral("Check this schema file against the subject's compatibility level (the registry's "
                        "own check)."),
         QStringLiteral("file")});
    p.addOption({QStringLiteral("register"),
                 QStringLiteral("Register this schema file as the subject's next version (checked first)."),
                 QStringLiteral("file")});
    p.addOption(
        {QStringLiteral("type"),
         QStringLiteral("The file's schema type: AVRO, PROTOBUF or JSON (default: from .avsc, .proto, "
                        ".json)."),
         QStringLiteral("type")});
    p.addOption({QStringLiteral("delete-version"), QStringLiteral("Soft-delete this version of the subject."),
                 QStringLiteral("version")});
    p.addOption(
        {QStringLiteral("set-level"),
         QStringLiteral("Set the subject's own compatibility level (NONE, BACKWARD, BACKWARD_TRANSITIVE, "
                        "FORWARD, FORWARD_TRANSITIVE, FULL, FULL_TRANSITIVE)."),
         QStringLiteral("level")});
    p.addOption({QStringLiteral("show"), QStringLiteral("Print this version's schema text (or latest)."),
                 QStringLiteral("version")});
    p.addOption(
        {QStringLiteral("execute"), QStringLiteral("Register or delete (default: only show the plan).")});
    if (int rc = parseOrExit(p, args,
                             QStringLiteral("Browse a Schema Registry: subjects with their versions, types, "
                                            "references and compatibility; check a schema against a subject, "
                                            "register it, soft-delete a version (each write with --execute, "
                                            "in the audit log)."));
        rc >= 0)
        return rc;
    auto registry = schemaRegistryFrom(p);
    if (!registry) return usage(QStringLiteral("registry needs --schema-registry URL"), p);
    SchemaRegistryClient client(*registry);
    const QString subject = p.positionalArguments().value(0);
    const bool execute = p.isSet(QStringLiteral("execute"));

    if (subject.isEmpty()) {
        auto subjects = client.subjects();
        if (!subjects) return fail(subjects.error());
        std::vector<QStringList> rows{{QStringLiteral("SUBJECT"), QStringLiteral("VERSIONS"),
                                       QStringLiteral("LATEST ID"), QStringLiteral("TYPE"),
                                       QStringLiteral("REFERENCES"), QStringLiteral("COMPATIBILITY")}};
        for (const QString& s : subjects.value()) {
            auto versions = client.versions(s);
            auto latest = client.version(s);
            auto level = client.compatibility(s);
            rows.push_back(
                {s, versions ? QString::number(versions->size()) : versions.error().message,
                 latest ? QString::number(latest->value(QLatin1String("id")).toInt()) : QStringLiteral("?"),
                 latest ? typeOf(latest.value()) : QStringLiteral("?"),
                 latest ? referencesOf(latest.value()) : QStringLiteral("?"),
                 level ? level.value() : level.error().message});
        }
        out() << formatTable(rows, {false, true, true, false, false, false});
        return Ok;
    }

    // A schema file, for --check and --register.
    auto schemaFile = [&](const QString& path) -> Result<std::pair<QString, QByteArray>> {
        auto text = readSchemaFile(path);
        if (!text) return text.error();
        QString type = p.value(QStringLiteral("type")).toUpper();
        if (type.isEmpty()) {
            const QString ext = QFileInfo(path).suffix().toLower();
            type = ext == QLatin1String("proto")  ? QStringLiteral("PROTOBUF")
                   : ext == QLatin1String("json") ? QStringLiteral("JSON")
                                                  : QStringLiteral("AVRO");
        }
        if (type != QLatin1String("AVRO") && type != QLatin1String("PROTOBUF") &&
            type != QLatin1String("JSON"))
            return makeError(ErrorCode::InvalidArgument, QStringLiteral("--type is AVRO, PROTOBUF or JSON"));
        return std::pair{type, text.value()};
    };

    if (p.isSet(QStringLiteral("check")) || p.isSet(QStringLiteral("register"))) {
        const QString path = p.value(p.isSet(QStringLiteral("register")) ? QStringLiteral("register")
                                                                         : QStringLiteral("check"));
        auto file = schemaFile(path);
        if (!file) return fail(file.error());
        auto level = client.compatibility(subject);
        auto versions = client.versions(subject);
        const bool exists = versions.ok() && !versions->empty();
        if (!versions && versions.error().code != ErrorCode::NotFound) return fail(versions.error());
        bool compatible = true;
        if (exists) {
            auto check = client.checkCompatibility(subject, file->first, file->second);
            if (!check) return fail(check.error());
            compatible = check->compatible;
            out() << file->first << " schema " << path << " against " << subject << " (" << versions->size()
                  << " version(s), compatibility " << (level ? level.value() : QStringLiteral("?"))
                  << "): " << (compatible ? "compatible" : "NOT compatible") << "\n";
            for (const QString& m : check->messages)
                out() << "  " << m << "\n";
        } else {
            out() << subject << " has no version yet: " << path << " would be its first.\n";
        }
        if (!p.isSet(QStringLiteral("register"))) return compatible ? Ok : Refused;
        if (!execute) {
            out() << "Dry run: nothing registered. Add --execute to register it.\n";
            return compatible ? Ok : Refused;
        }
        auto id = client.registerSchema(subject, file->first, file->second);
        auditWrite(QStringLiteral("register schema"), registry->url, subject,
                   QStringLiteral("%1 from %2").arg(file->first, path), id ? nullptr : &id.error());
        if (!id) return fail(id.error());
        out() << "Registered " << path << " under " << subject << ": schema id " << id.value() << ".\n";
        return Ok;
    }

    if (p.isSet(QStringLiteral("set-level"))) {
        const QString level = p.value(QStringLiteral("set-level")).toUpper();
        auto now = client.compatibility(subject);
        out() << "Set " << subject << "'s compatibility level: " << (now ? now.value() : QStringLiteral("?"))
              << " -> " << level << ".\n";
        if (!execute) {
            out() << "Dry run: nothing changed. Add --execute to set it.\n";
            return Ok;
        }
        auto r = client.setCompatibility(subject, level);
        auditWrite(QStringLiteral("set compatibility"), registry->url, subject, level,
                   r ? nullptr : &r.error());
        if (!r) return fail(r.error());
        out() << subject << " now has compatibility " << level << ".\n";
        return Ok;
    }

    if (p.isSet(QStringLiteral("delete-version"))) {
        bool ok = false;
        const int v = p.value(QStringLiteral("delete-version")).toInt(&ok);
        if (!ok || v < 1) return usage(QStringLiteral("--delete-version takes a version number"), p);
        auto version = client.version(subject, v);
        if (!version) return fail(version.error());
        out()
            << "Soft-delete " << subject << " version " << v << " (schema id "
            << version->value(QLatin1String("id")).toInt()
            << "): records written with that id still decode; new records can no longer use it by version.\n";
        if (!execute) {
            out() << "Dry run: nothing deleted. Add --execute to delete it.\n";
            return Ok;
        }
        auto r = client.deleteVersion(subject, v);
        auditWrite(QStringLiteral("delete schema version"), registry->url, subject,
                   QStringLiteral("version %1").arg(v), r ? nullptr : &r.error());
        if (!r) return fail(r.error());
        out() << "Deleted " << subject << " version " << v << ".\n";
        return Ok;
    }

    if (p.isSet(QStringLiteral("show"))) {
        auto version = client.version(subject, p.value(QStringLiteral("show")) == QLatin1String("latest")
                                                   ? -1
                                                   : p.value(QStringLiteral("show")).toInt());
        if (!version) return fail(version.error());
        out() << version->value(QLatin1String("schema")).toString() << "\n";
        return Ok;
    }

    auto versions = client.versions(subject);
    if (!versions) return fail(versions.error());
    auto level = client.compatibility(subject);
    out() << subject << ": compatibility " << (level ? level.value() : level.error().message) << "\n";
    std::vector<QStringList> rows{{QStringLiteral("VERSION"), QStringLiteral("ID"), QStringLiteral("TYPE"),
                                   QStringLiteral("REFERENCES")}};
    for (int v : versions.value()) {
        auto one = client.version(subject, v);
        if (!one) return fail(one.error());
        rows.push_back({QString::number(v), QString::number(one->value(QLatin1String("id")).toInt()),
                        typeOf(one.value()), referencesOf(one.value())});
    }
    out() << formatTable(rows, {true, true, false, false});
    return Ok;
}

} // namespace rw::cli
