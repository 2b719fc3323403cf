#include "source_spec.h"

#include <QFileInfo>

namespace rw {

SourceSpec SourceSpec::bootstrap(const QString& servers)
{
    KafkaProfile p;
    p.name = servers;
    p.bootstrap = servers;
    return cluster(p);
}

QString SourceSpec::key() const
{
    if (kafka) return clusterKey(kafka->name.isEmpty() ? kafka->bootstrap : kafka->name);
    return QFileInfo(path).absoluteFilePath();
}

QString SourceSpec::shortName() const
{
    if (kafka) return QStringLiteral("kafka-") + (kafka->name.isEmpty() ? kafka->bootstrap : kafka->name);
    return QFileInfo(path).fileName();
}

QJsonObject sourceSpecJson(const SourceSpec& spec)
{
    QJsonObject o;
    if (!spec.kafka)
        o[QStringLiteral("workspace")] = spec.path;
    else if (!spec.profileRef.isEmpty())
        o[QStringLiteral("profile")] = spec.profileRef;
    else
        o[QStringLiteral("bootstrap")] = spec.kafka->bootstrap;
    return o;
}

Result<SourceSpec> sourceSpecFromJson(const QJsonObject& o, const QString& which)
{
    const QString workspace = o.value(QStringLiteral("workspace")).toString();
    const QString profile = o.value(QStringLiteral("profile")).toString();
    const QString bootstrap = o.value(QStringLiteral("bootstrap")).toString();
    const int given = !workspace.isEmpty() + !profile.isEmpty() + !bootstrap.isEmpty();
    if (given != 1)
        return makeError(ErrorCode::InvalidArgument,
                         QStringLiteral("%1 needs exactly one of workspace, profile, bootstrap").arg(which));
    if (!workspace.isEmpty()) return SourceSpec::file(workspace);
    if (!bootstrap.isEmpty()) return SourceSpec::bootstrap(bootstrap);
    KafkaProfile p;
    if (const auto session = KafkaProfile::sessionName(profile)) {
        p.name = *session; // the app gives the profile itself when the job runs
    } else {
        auto loaded = KafkaProfile::fromFile(profile);
        if (!loaded)
            return makeError(loaded.error().code,
                             QStringLiteral("%1.profile: %2").arg(which, loaded.error().message));
        p = std::move(loaded.value());
    }
    SourceSpec spec = SourceSpec::cluster(p);
    spec.profileRef = profile;
    return spec;
}

} // namespace rw
