#include "schema_registry.h"

#include "json_schema_mask.h"

#include "json.h"

#include <QCoreApplication>
#include <QDir>
#include <QEventLoop>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QRegularExpression>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QTimer>
#include <QUrl>

namespace rw {

namespace {
constexpr qint64 kMaxAnswerBytes = 16 << 20; // a registry answer larger than this is refused
constexpr int kMaxReferences = 256;
constexpr auto kRetryAfter = std::chrono::seconds(30); // a failed fetch is tried again after this
} // namespace

QString schemaFormatName(SchemaFormat f)
{
    switch (f) {
    case SchemaFormat::Avro:
        return QStringLiteral("Avro");
    case SchemaFormat::Protobuf:
        return QStringLiteral("Protobuf");
    case SchemaFormat::Json:
        return QStringLiteral("JSON Schema");
    }
    return {};
}

std::optional<WireHeader> parseWireHeader(QByteArrayView bytes)
{
    if (bytes.size() < 5 || bytes[0] != 0) return std::nullopt;
    const auto* p = reinterpret_cast<const uchar*>(bytes.data());
    WireHeader h;
    h.id = static_cast<qint32>((quint32(p[1]) << 24) | (quint32(p[2]) << 16) | (quint32(p[3]) << 8) | p[4]);
    if (h.id < 0) return std::nullopt;
    return h;
}

SchemaRegistryClient::SchemaRegistryClient(RegistryConfig config) : m_config(std::move(config)) {}

Result<QByteArray> SchemaRegistryClient::get(const QString& path)
{
    return request("GET", path, {});
}

Result<QByteArray> SchemaRegistryClient::request(const QByteArray& method, const QString& path,
                                                 const QByteArray& body)
{
    if (!QCoreApplication::instance())
        return makeError(ErrorCode::Internal,
                         QStringLiteral("the registry client needs a Qt application object"));
    QString base = m_config.url.trimmed();
    while (base.endsWith(QLatin1Char('/')))
        base.chop(1);
    const QUrl url(base + path);
    if (!url.isValid() || (url.scheme() != QLatin1String("http") && url.scheme() != QLatin1String("https")))
        return makeError(ErrorCode::InvalidArgument,
                         QStringLiteral("'%1' is not an http(s) URL of a Schema Registry").arg(m_config.url));
    QNetworkRequest req(url);
    req.setRawHeader("Accept", "application/vnd.schemaregistry.v1+json, application/json");
    req.setTransferTimeout(m_config.timeoutMs);
    if (!m_config.user.isEmpty())
        req.setRawHeader("Authorization",
                         "Basic " +
                             (m_config.user + QLatin1Char(':') + m_config.password).toUtf8().toBase64());
    if (url.scheme() == QLatin1String("https")) {
        QSslConfiguration ssl = QSslConfiguration::defaultConfiguration();
        if (!m_config.caFile.isEmpty()) {
            auto cas = QSslCertificate::fromPath(m_config.caFile);
            if (cas.isEmpty())
                return makeError(ErrorCode::InvalidArgument,
                                 QStringLiteral("no PEM certificate in %1").arg(m_config.caFile));
            ssl.addCaCertificates(cas);
        }
        if (m_config.insecureSkipVerify) ssl.setPeerVerifyMode(QSslSocket::VerifyNone);
        req.setSslConfiguration(ssl);
    }
    if (!body.isEmpty())
        req.setHeader(QNetworkRequest::ContentTypeHeader, "application/vnd.schemaregistry.v1+json");
    QNetworkAccessManager nam;
    QEventLoop loop;
    QNetworkReply* reply = method == "GET" ? nam.get(req) : nam.sendCustomRequest(req, method, body);
    QByteArray answer;
    bool tooLarge = false;
    QObject::connect(reply, &QNetworkReply::readyRead, &loop, [&] {
        answer += reply->readAll();
        if (answer.size() > kMaxAnswerBytes) {
            tooLarge = true;
            reply->abort();
        }
    });
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    QTimer guard; // setTransferTimeout covers stalls; this covers a slow trickle
    guard.setSingleShot(true);
    QObject::connect(&guard, &QTimer::timeout, reply, &QNetworkReply::abort);
    guard.start(m_config.timeoutMs * 3);
    loop.exec();
    answer += reply->readAll();
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const auto netError = reply->error();
    const QString netText = reply->errorString();
    reply->deleteLater();
    const QString where = base;
    if (tooLarge)
        return makeError(ErrorCode::Corrupt, QStringLiteral("the registry at %1 answered more than %2 MB")
                                                 .arg(where)
                                                 .arg(kMaxAnswerBytes >> 20));
    if (status == 401 || status == 403)
        return makeError(
            ErrorCode::AuthenticationFailed,
            QStringLiteral("the registry at %1 refused the credentials (HTTP %2)").arg(where).arg(status));
    if (status == 404) {
        const QJsonObject o = QJsonDocument::fromJson(answer).object();
        const QString msg = o.value(QLatin1String("message")).toString();
        return makeError(ErrorCode::NotFound, msg.isEmpty()
                                                  ? QStringLiteral("not found at %1%2").arg(where, path)
                                                  : QStringLiteral("%1 (%2)").arg(msg.left(300), where));
    }
    if (status == 0 || netError == QNetworkReply::ConnectionRefusedError ||
        netError == QNetworkReply::HostNotFoundError || netError == QNetworkReply::OperationCanceledError ||
        netError == QNetworkReply::TimeoutError)
        return makeError(netError == QNetworkReply::OperationCanceledError ||
                                 netError == QNetworkReply::TimeoutError
                             ? ErrorCode::Timeout
                             : ErrorCode::Unreachable,
                         QStringLiteral("the Schema Registry at %1 did not answer: %2").arg(where, netText));
    if (status == 409 || status == 422) { // the registry's own refusal: incompatible, invalid
        const QJsonObject o = QJsonDocument::fromJson(answer).object();
        const QString msg = o.value(QLatin1String("message")).toString();
        return makeError(status == 409 ? ErrorCode::Refused : ErrorCode::Parse,
                         QStringLiteral("the registry refused it (HTTP %1): %2")
                             .arg(status)
                             .arg(msg.isEmpty() ? QString::fromUtf8(answer.left(300)) : msg.left(600)));
    }
    if (status < 200 || status >= 300)
        return makeError(ErrorCode::Io, QStringLiteral("the registry at %1 answered HTTP %2: %3")
                                            .arg(where)
                                            .arg(status)
                                            .arg(QString::fromUtf8(answer.left(300))));
    return answer;
}

Result<qint32> SchemaRegistryClient::subjectVersionId(const QString& subject, int version)
{
    auto body = get(QStringLiteral("/subjects/%1/versions/%2")
                        .arg(QString::fromLatin1(QUrl::toPercentEncoding(subject)))
                        .arg(version < 0 ? QStringLiteral("latest") : QString::number(version)));
    if (!body) {
        if (body.error().code == ErrorCode::NotFound)
            return makeError(
                ErrorCode::NotFound,
                version < 0
                    ? QStringLiteral("the registry has no subject '%1'").arg(subject)
                    : QStringLiteral("the registry has no version %2 of '%1'").arg(subject).arg(version));
        return body.error();
    }
    const QJsonObject o = QJsonDocument::fromJson(body.value()).object();
    const int id = o.value(QLatin1String("id")).toInt(-1);
    if (id < 0)
        return makeError(ErrorCode::Parse,
                         QStringLiteral("the registry's answer for '%1' has no schema id").arg(subject));
    return id;
}

Result<RegistrySchema> SchemaRegistryClient::fetch(qint32 id)
{
    auto body = get(QStringLiteral("/schemas/ids/%1").arg(id));
    if (!body) {
        if (body.error().code == ErrorCode::NotFound)
            return makeError(ErrorCode::NotFound, QStringLiteral("the registry has no schema id %1").arg(id));
        return body.error();
    }
    auto parseSchema = [](const QByteArray& text, const QString& what) -> Result<QJsonObject> {
        QJsonParseError err;
        const QJsonDocument doc = QJsonDocument::fromJson(text, &err);
        if (err.error != QJsonParseError::NoError || !doc.isObject() ||
            !doc.object().value(QLatin1String("schema")).isString())
            return makeError(ErrorCode::Parse,
                             QStringLiteral("the registry's answer for %1 is not a schema").arg(what));
        return doc.object();
    };
    auto o = parseSchema(body.value(), QStringLiteral("id %1").arg(id));
    if (!o) return o.error();
    RegistrySchema s;
    s.ref.id = id;
    const QString type = o->value(QLatin1String("schemaType")).toString(QStringLiteral("AVRO")).toUpper();
    if (type == QLatin1String("AVRO"))
        s.ref.format = SchemaFormat::Avro;
    else if (type == QLatin1String("PROTOBUF"))
        s.ref.format = SchemaFormat::Protobuf;
    else if (type == QLatin1String("JSON"))
        s.ref.format = SchemaFormat::Json;
    else
        return makeError(ErrorCode::Parse,
                         QStringLiteral("schema id %1 has the unknown type '%2'").arg(id).arg(type.left(40)));
    s.text = o->value(QLatin1String("schema")).toString().toUtf8();
    // References, depth first (a reference may have its own), each once.
    QSet<QString> seen;
    std::function<Result<void>(const QJsonArray&, int)> resolve = [&](const QJsonArray& refs,
                                                                      int depth) -> Result<void> {
        if (depth > 32)
            return makeError(ErrorCode::Parse, QStringLiteral("schema references nest deeper than 32"));
        for (const QJsonValue& r : refs) {
            const QString subject = r.toObject().value(QLatin1String("subject")).toString();
            const int version = r.toObject().value(QLatin1String("version")).toInt(-1);
            const QString key = subject + QLatin1Char('/') + QString::number(version);
            if (subject.isEmpty() || seen.contains(key)) continue;
            if (seen.size() >= kMaxReferences)
                return makeError(ErrorCode::Parse,
                                 QStringLiteral("more than %1 schema references").arg(kMaxReferences));
            seen.insert(key);
            auto rb = get(QStringLiteral("/subjects/%1/versions/%2")
                              .arg(QString::fromLatin1(QUrl::toPercentEncoding(subject)))
                              .arg(version < 0 ? QStringLiteral("latest") : QString::number(version)));
            if (!rb) return rb.error();
            auto ro = parseSchema(rb.value(), QStringLiteral("reference %1").arg(key));
            if (!ro) return ro.error();
            if (auto sub = resolve(ro->value(QLatin1String("references")).toArray(), depth + 1); !sub)
                return sub;
            s.references.push_back({r.toObject().value(QLatin1String("name")).toString(), subject,
                                    ro->value(QLatin1String("version")).toInt(version),
                                    ro->value(QLatin1String("id")).toInt(-1),
                                    ro->value(QLatin1String("schema")).toString().toUtf8()});
        }
        return {};
    };
    if (auto r = resolve(o->value(QLatin1String("references")).toArray(), 0); !r) return r.error();
    // Subject and version, for people: optional (older registries lack the call).
    if (auto vb = get(QStringLiteral("/schemas/ids/%1/versions").arg(id))) {
        const QJsonArray versions = QJsonDocument::fromJson(vb.value()).array();
        if (!versions.isEmpty()) {
            const QJsonObject last = versions.last().toObject();
            s.ref.subject = last.value(QLatin1String("subject")).toString().left(500);
            s.ref.version = last.value(QLatin1String("version")).toInt();
        }
    }
    return s;
}

Result<void> SchemaCatalog::compileSchema(const RegistrySchema& schema, Entry& e)
{
    switch (schema.ref.format) {
    case SchemaFormat::Avro: {
        std::vector<QByteArray> refs;
        for (const SchemaReference& r : schema.references)
            refs.push_back(r.text);
        auto compiled = avro::Schema::parse(schema.text, refs);
        if (!compiled) return compiled.error();
        e.avro = compiled.value();
        return {};
    }
    case SchemaFormat::Protobuf: {
        std::vector<protobuf::SourceFile> imports;
        for (const SchemaReference& r : schema.references)
            imports.push_back({r.name, r.text});
        auto compiled = protobuf::Schema::parse(schema.text, imports);
        if (!compiled) return compiled.error();
        e.protobuf = compiled.value();
        return {};
    }
    case SchemaFormat::Json:
        return {}; // the payload is JSON text already: checked per record
    }
    return {};
}

Result<SchemaFile> SchemaFile::parse(const QString& text)
{
    const qsizetype eq = text.indexOf(QLatin1Char('='));
    if (eq <= 0 || eq == text.size() - 1)
        return makeError(
            ErrorCode::InvalidArgument,
            QStringLiteral("a schema file is mapped as topic=path (or topic=path#package.Message), "
                           "not '%1'")
                .arg(text.left(200)));
    SchemaFile f;
    f.topic = text.left(eq).trimmed();
    f.path = text.mid(eq + 1).trimmed();
    if (const qsizetype hash = f.path.lastIndexOf(QLatin1Char('#')); hash > 0) {
        f.messageType = f.path.mid(hash + 1);
        f.path.truncate(hash);
    }
    return f;
}

Result<QByteArray> readSchemaFile(const QString& path)
{
    constexpr qint64 kMax = 4 << 20;
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return makeError(ErrorCode::NotFound,
                         QStringLiteral("cannot read %1: %2").arg(path, f.errorString()));
    QByteArray text = f.read(kMax + 1); // bounded also where the size is not known (a pipe)
    if (text.size() > kMax)
        return makeError(ErrorCode::InvalidArgument, QStringLiteral("%1 is larger than 4 MB").arg(path));
    return text;
}

namespace {

// For a .proto, the files it imports, read from beside it.
Result<std::vector<protobuf::SourceFile>> protoImports(const QString& path, const QByteArray& text,
                                                       int depth = 0)
{
    std::vector<protobuf::SourceFile> out;
    if (depth > 32)
        return makeError(ErrorCode::Parse, QStringLiteral("imports of %1 nest deeper than 32").arg(path));
    static const QRegularExpression import(
        QStringLiteral("^\\s*import\\s+(?:public\\s+|weak\\s+)?\"([^\"]+)\"\\s*;"),
        QRegularExpression::MultilineOption);
    const QDir dir = QFileInfo(path).dir();
    for (auto it = import.globalMatch(QString::fromUtf8(text)); it.hasNext();) {
        const QString name = it.next().captured(1);
        if (name.startsWith(QLatin1String("google/protobuf/"))) continue; // well-known: built in
        const QString file = dir.filePath(name);
        auto imported = readSchemaFile(file);
        if (!imported) return imported.error();
        auto nested = protoImports(file, imported.value(), depth + 1);
        if (!nested) return nested.error();
        out.insert(out.end(), nested->begin(), nested->end()); // dependencies first
        out.push_back({name, imported.value()});
    }
    return out;
}

} // namespace

Result<CompiledSchemaFile> compileSchemaFile(const QString& path)
{
    CompiledSchemaFile out;
    auto text = readSchemaFile(path);
    if (!text) return text.error();
    const QString suffix = QFileInfo(path).suffix().toLower();
    if (suffix == QLatin1String("avsc") || suffix == QLatin1String("json")) {
        auto s = avro::Schema::parse(text.value());
        if (!s) return s.error();
        out.avro = s.value();
    } else if (suffix == QLatin1String("proto")) {
        out.format = SchemaFormat::Protobuf;
        auto imports = protoImports(path, text.value());
        if (!imports) return imports.error();
        auto s = protobuf::Schema::parse(text.value(), imports.value());
        if (!s) return s.error();
        out.protobuf = s.value();
    } else {
        out.format = SchemaFormat::Protobuf;
        auto s = protobuf::Schema::fromDescriptorSet(text.value());
        if (!s) return s.error();
        out.protobuf = s.value();
    }
    return out;
}

SchemaCatalog::SchemaCatalog(std::optional<RegistryConfig> registry, std::vector<SchemaFile> files)
    : m_registry(std::move(registry))
{
    for (SchemaFile& file : files) {
        FileSchema fs;
        fs.file = std::move(file);
        auto compiled = compileSchemaFile(fs.file.path);
        if (compiled) {
            fs.format = compiled->format;
            fs.avro = compiled->avro;
            fs.protobuf = compiled->protobuf;
        } else {
            fs.error = compiled.error().message;
        }
        if (!fs.error.isEmpty()) fs.error = QStringLiteral("schema file %1: %2").arg(fs.file.path, fs.error);
        m_files.push_back(std::move(fs));
    }
}

bool SchemaCatalog::hasFile(const QString& topic) const
{
    return std::any_of(m_files.begin(), m_files.end(),
                       [&](const FileSchema& f) { return f.file.topic == topic; });
}

QString SchemaCatalog::fileProblem(const QString& topic) const
{
    for (const FileSchema& f : m_files)
        if (f.file.topic == topic) return f.error;
    return {};
}

DecodeOutcome SchemaCatalog::decodeWithFile(const QString& topic, QByteArrayView bytes, QByteArray& out)
{
    DecodeOutcome o;
    const auto it = std::find_if(m_files.begin(), m_files.end(),
                                 [&](const FileSchema& f) { return f.file.topic == topic; });
    if (it == m_files.end()) return o;
    o.schema.format = it->format;
    o.schema.subject = QFileInfo(it->file.path).fileName();
    if (!it->error.isEmpty()) {
        o.error = it->error;
        return o;
    }
    const qsizetype mark = out.size();
    auto r = it->avro ? it->avro->toJson(bytes, out) : it->protobuf->decode(bytes, it->file.messageType, out);
    if (!r) {
        out.truncate(mark);
        o.error = QStringLiteral("%1: %2").arg(o.schema.subject, r.error().message);
        return o;
    }
    o.decoded = true;
    return o;
}

std::shared_ptr<const SchemaCatalog::Entry> SchemaCatalog::entry(qint32 id)
{
    {
        QMutexLocker lock(&m_mutex);
        auto it = m_entries.find(id);
        if (it != m_entries.end()) {
            const auto& e = *it;
            // NotFound stays; an unreachable registry is asked again after a while.
            if (!e->error || e->error->code == ErrorCode::NotFound ||
                std::chrono::steady_clock::now() - e->failedAt < kRetryAfter)
                return e;
        }
    }
    auto e = std::make_shared<Entry>();
    std::optional<RegistrySchema> offline;
    {
        QMutexLocker lock(&m_offlineMutex);
        if (auto it = m_offline.find(id); it != m_offline.end()) offline = *it;
    }
    if (offline) {
        e->schema = *offline;
        if (auto compiled = compileSchema(*offline, *e); !compiled)
            e->error = makeError(compiled.error().code,
                                 QStringLiteral("schema id %1: %2").arg(id).arg(compiled.error().message));
    } else if (!m_registry) {
        e->error = makeError(
            ErrorCode::NotFound,
            QStringLiteral("schema id %1: no Schema Registry is set for this source, and its schemas topic "
                           "does not hold the id")
                .arg(id));
    } else {
        SchemaRegistryClient client(*m_registry);
        auto fetched = client.fetch(id);
        if (!fetched) {
            e->error = fetched.error();
            if (!e->error->message.startsWith(QStringLiteral("schema id ")))
                e->error->message = QStringLiteral("schema id %1: %2").arg(id).arg(e->error->message);
        } else {
            e->schema = fetched.value();
            if (auto compiled = compileSchema(fetched.value(), *e); !compiled)
                e->error =
                    makeError(compiled.error().code,
                              QStringLiteral("schema id %1: %2").arg(id).arg(compiled.error().message));
        }
    }
    e->failedAt = std::chrono::steady_clock::now();
    QMutexLocker lock(&m_mutex);
    m_entries.insert(id, e);
    return e;
}

void SchemaCatalog::loadOffline(const OfflineLoader& load)
{
    QMutexLocker lock(&m_offlineMutex);
    if (m_offlineLoaded) return;
    m_offlineLoaded = true;
    auto loaded = load();
    if (!loaded) return; // no schemas from the topic: each record then says its id is unknown
    m_offline = std::move(loaded.value());
}

Result<RegistrySchema> SchemaCatalog::schema(qint32 id)
{
    auto e = entry(id);
    if (e->schema) return *e->schema;
    return *e->error;
}

DecodeOutcome SchemaCatalog::decode(QByteArrayView bytes, QByteArray& out, Memo* memo)
{
    DecodeOutcome o;
    const auto header = parseWireHeader(bytes);
    if (!header) return o;
    std::shared_ptr<const Entry> looked;
    if (!memo || memo->id != header->id) {
        looked = entry(header->id);
        if (memo) *memo = {header->id, looked};
    }
    const Entry* e = memo ? memo->entry.get() : looked.get();
    if (e->schema) o.schema = e->schema->ref;
    o.schema.id = header->id;
    if (e->error || !e->schema) {
        o.error =
            e->error ? e->error->message : QStringLiteral("schema id %1 cannot be decoded").arg(header->id);
        return o;
    }
    const qsizetype mark = out.size();
    const QByteArrayView payload = bytes.sliced(header->payloadAt);
    Result<void> r;
    if (e->avro) {
        r = e->avro->toJson(payload, out);
    } else if (e->protobuf) {
        r = e->protobuf->decodeFramed(payload, out);
    } else if (json::isValidJson(payload)) { // JSON Schema: the payload is the JSON document
        out.append(payload.trimmed());
    } else {
        r = makeError(ErrorCode::Parse, QStringLiteral("the payload is not JSON"));
    }
    if (!r) {
        out.truncate(mark);
        o.error = QStringLiteral("schema id %1: %2").arg(header->id).arg(r.error().message);
        return o;
    }
    o.decoded = true;
    return o;
}

Result<bool> SchemaCatalog::mask(const QString& topic, QByteArrayView stored, MaskPaths& paths,
                                 QByteArray& out)
{
    out.resize(0);
    const auto header = parseWireHeader(stored);
    std::shared_ptr<const Entry> e;
    if (header) e = entry(header->id);
    const bool registry = e && e->schema && !e->error;
    if (!registry && hasFile(topic)) {
        const auto it = std::find_if(m_files.begin(), m_files.end(),
                                     [&](const FileSchema& f) { return f.file.topic == topic; });
        if (!it->error.isEmpty()) return makeError(ErrorCode::Refused, it->error);
        auto r = it->avro ? it->avro->mask(stored, paths, out)
                          : it->protobuf->mask(stored, it->file.messageType, paths, out);
        if (!r) return r.error();
        if (!r.value()) out.append(stored);
        return true;
    }
    if (!header) return false;
    if (!registry)
        return makeError(ErrorCode::Refused,
                         QStringLiteral("schema id %1 cannot be had (%2), so the value cannot be masked")
                             .arg(header->id)
                             .arg(e && e->error ? e->error->message : QStringLiteral("unknown")));
    const QByteArrayView payload = stored.sliced(header->payloadAt);
    out.append(stored.first(header->payloadAt));
    Result<bool> r = false;
    if (e->avro) {
        r = e->avro->mask(payload, paths, out);
    } else if (e->protobuf) {
        r = e->protobuf->maskFramed(payload, paths, out);
    } else {
        const QJsonObject schema = QJsonDocument::fromJson(e->schema->text).object();
        r = maskJsonDocument(payload, schema, paths, out);
    }
    if (!r)
        return makeError(r.error().code,
                         QStringLiteral("schema id %1: %2").arg(header->id).arg(r.error().message));
    if (!r.value()) {
        out.resize(0);
        out.append(stored);
    }
    return true;
}

namespace {

QString encodedSubject(const QString& subject)
{
    return QString::fromLatin1(QUrl::toPercentEncoding(subject));
}

QByteArray schemaBody(const QString& type, const QByteArray& text)
{
    QJsonObject o{{QStringLiteral("schema"), QString::fromUtf8(text)}};
    if (!type.isEmpty() && type != QLatin1String("AVRO")) o.insert(QStringLiteral("schemaType"), type);
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

} // namespace

Result<QStringList> SchemaRegistryClient::subjects()
{
    auto body = get(QStringLiteral("/subjects"));
    if (!body) return body.error();
    QStringList out;
    for (const QJsonValue& v : QJsonDocument::fromJson(body.value()).array())
        out << v.toString();
    out.sort();
    return out;
}

Result<std::vector<int>> SchemaRegistryClient::versions(const QString& subject)
{
    auto body = get(QStringLiteral("/subjects/%1/versions").arg(encodedSubject(subject)));
    if (!body) return body.error();
    std::vector<int> out;
    for (const QJsonValue& v : QJsonDocument::fromJson(body.value()).array())
        out.push_back(v.toInt());
    return out;
}

Result<QJsonObject> SchemaRegistryClient::version(const QString& subject, int version)
{
    auto body = get(QStringLiteral("/subjects/%1/versions/%2")
                        .arg(encodedSubject(subject))
                        .arg(version < 0 ? QStringLiteral("latest") : QString::number(version)));
    if (!body) return body.error();
    return QJsonDocument::fromJson(body.value()).object();
}

Result<QString> SchemaRegistryClient::compatibility(const QString& subject)
{
    auto own = get(QStringLiteral("/config/%1").arg(encodedSubject(subject)));
    if (own) {
        const QJsonObject o = QJsonDocument::fromJson(own.value()).object();
        const QString level = o.value(QLatin1String("compatibilityLevel"))
                                  .toString(o.value(QLatin1String("compatibility")).toString());
        if (!level.isEmpty()) return level;
    } else if (own.error().code != ErrorCode::NotFound) {
        return own.error();
    }
    auto global = get(QStringLiteral("/config"));
    if (!global) return global.error();
    const QJsonObject o = QJsonDocument::fromJson(global.value()).object();
    return o.value(QLatin1String("compatibilityLevel"))
               .toString(o.value(QLatin1String("compatibility")).toString()) +
           QStringLiteral(" (the registry's default)");
}

Result<SchemaRegistryClient::Compatibility>
SchemaRegistryClient::checkCompatibility(const QString& subject, const QString& type, const QByteArray& text)
{
    auto body = request("POST",
                        QStringLiteral("/compatibility/subjects/%1/versions/latest?verbose=true")
                            .arg(encodedSubject(subject)),
                        schemaBody(type, text));
    if (!body) return body.error();
    const QJsonObject o = QJsonDocument::fromJson(body.value()).object();
    Compatibility c;
    c.compatible = o.value(QLatin1String("is_compatible")).toBool();
    for (const QJsonValue& m : o.value(QLatin1String("messages")).toArray())
        c.messages << m.toString().left(600);
    return c;
}

Result<qint32> SchemaRegistryClient::registerSchema(const QString& subject, const QString& type,
                                                    const QByteArray& text)
{
    auto body = request("POST", QStringLiteral("/subjects/%1/versions").arg(encodedSubject(subject)),
                        schemaBody(type, text));
    if (!body) return body.error();
    const int id = QJsonDocument::fromJson(body.value()).object().value(QLatin1String("id")).toInt(-1);
    if (id < 0) return makeError(ErrorCode::Parse, QStringLiteral("the registry's answer has no schema id"));
    return id;
}

Result<void> SchemaRegistryClient::deleteVersion(const QString& subject, int version)
{
    auto body = request(
        "DELETE", QStringLiteral("/subjects/%1/versions/%2").arg(encodedSubject(subject)).arg(version), {});
    if (!body) return body.error();
    return {};
}

Result<void> SchemaRegistryClient::setCompatibility(const QString& subject, const QString& level)
{
    static const QStringList levels = {QStringLiteral("NONE"),
                                       QStringLiteral("BACKWARD"),
                                       QStringLiteral("BACKWARD_TRANSITIVE"),
                                       QStringLiteral("FORWARD"),
                                       QStringLiteral("FORWARD_TRANSITIVE"),
                                       QStringLiteral("FULL"),
                                       QStringLiteral("FULL_TRANSITIVE")};
    if (!levels.contains(level))
        return makeError(ErrorCode::InvalidArgument, QStringLiteral("'%1' is not a compatibility level (%2)")
                                                         .arg(level, levels.join(QStringLiteral(", "))));
    QJsonObject o{{QStringLiteral("compatibility"), level}};
    auto body = request("PUT", QStringLiteral("/config/%1").arg(encodedSubject(subject)),
                        QJsonDocument(o).toJson(QJsonDocument::Compact));
    if (!body) return body.error();
    return {};
}

} // namespace rw
