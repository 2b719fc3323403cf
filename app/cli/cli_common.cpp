#include "cli_common.h"

#include "kafka_datadir.h"
#include "source_registry.h"
#include "time_parse.h"
#include "workspace_store.h"

#include <QRegularExpression>

#include <cstdio>

namespace rw::cli {

QTextStream& out()
{
    static QTextStream s(stdout);
    return s;
}

QTextStream& err()
{
    static QTextStream s(stderr);
    return s;
}

int exitFor(const Error& e)
{
    switch (e.code) {
    case ErrorCode::NotFound:
        return NotFound;
    case ErrorCode::NotAWorkspace:
    case ErrorCode::Corrupt:
    case ErrorCode::Truncated:
    case ErrorCode::NewerSchema:
    case ErrorCode::ReadOnly:
        return BadWorkspace;
    case ErrorCode::InvalidArgument:
        return Usage;
    case ErrorCode::Parse:
        return BadInput;
    case ErrorCode::Unreachable:
    case ErrorCode::Timeout:
        return Unreachable;
    case ErrorCode::AuthenticationFailed:
    case ErrorCode::NotAuthorized:
        return AuthFailed;
    case ErrorCode::Refused:
        return Refused;
    case ErrorCode::Cancelled:
        return Cancelled;
    default:
        return Failure;
    }
}

int fail(const Error& e)
{
    out().flush();
    err() << "rewind-cli: " << e.message << Qt::endl;
    return exitFor(e);
}

int usage(const QString& message, const QCommandLineParser& parser)
{
    out().flush();
    err() << "rewind-cli: " << message << "\n\n" << parser.helpText();
    err().flush();
    return Usage;
}

int parseOrExit(QCommandLineParser& parser, const QStringList& args, const QString& description)
{
    parser.setApplicationDescription(description);
    parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsCompactedShortOptions);
    const QCommandLineOption help({QStringLiteral("h"), QStringLiteral("help")},
                                  QStringLiteral("Show this help."));
    parser.addOption(help);
    if (!parser.parse(args)) return usage(parser.errorText(), parser);
    if (parser.isSet(help)) {
        out() << parser.helpText();
        out().flush();
        return Ok;
    }
    return -1;
}

namespace {
std::vector<std::shared_ptr<RecordSource>> g_readSources;     // files: their damage is reported
std::vector<std::shared_ptr<RecordSource>> g_decodingSources; // every source: what it left undecoded
QStringList g_damageTopics;

// The summary every reading command ends with: records left undecoded, by reason, and the first.
void reportUndecoded()
{
    for (const auto& source : g_decodingSources) {
        const UndecodedReport r = source->undecoded();
        if (r.records == 0) continue;
        err() << "rewind-cli: " << r.records << (r.records == 1 ? " record" : " records")
              << " read could not be decoded and " << (r.records == 1 ? "is" : "are")
              << " shown as stored (key_error / value_error in -J and export say why):\n";
        int shown = 0;
        for (const UndecodedReport::Reason& reason : r.reasons) {
            if (++shown > 20) {
                err() << "  … and " << (r.reasons.size() - 20) << " other reasons\n";
                break;
            }
            err() << "  " << reason.records << "  " << reason.reason
                  << "  (first: " << reason.first.join(QStringLiteral(", ")) << ")\n";
        }
    }
    g_decodingSources.clear();
}
} // namespace

Result<StreamRequest> streamRequestFrom(const QCommandLineParser& p)
{
    StreamRequest req;
    req.topic = p.value(QStringLiteral("topic"));
    for (const QString& spec : p.values(QStringLiteral("offset"))) {
        auto s = parseOffsetSpec(spec, currentTimeMs());
        if (!s) return s.error();
        if (s->kind == OffsetSpec::StopAtTime)
            req.stopTime = s->value;
        else
            req.start = s.value();
    }
    if (p.isSet(QStringLiteral("count"))) {
        bool ok = false;
        req.maxRecords = p.value(QStringLiteral("count")).toLongLong(&ok);
        if (!ok || req.maxRecords < 0)
            return makeError(ErrorCode::InvalidArgument, QStringLiteral("-c needs a non-negative number"));
    }
    if (p.isSet(QStringLiteral("partition"))) {
        bool ok = false;
        const int n = p.value(QStringLiteral("partition")).toInt(&ok);
        if (!ok || n < 0)
            return makeError(ErrorCode::InvalidArgument, QStringLiteral("-p needs a partition number"));
        req.partitions = {n};
    }
    return req;
}

Result<std::shared_ptr<RecordSource>> openNamedSource(const QCommandLineParser& p,
                                                      const std::atomic_bool* cancel)
{
    if (wantsKafka(p)) {
        if (!p.positionalArguments().isEmpty())
            return makeError(ErrorCode::InvalidArgument,
                             QStringLiteral("give either a workspace file or -b/--profile, not both"));
        auto profile = kafkaProfileFrom(p); // with the registry and schema files given
        if (!profile) return profile.error();
        auto s = openRecordSource(SourceSpec::cluster(profile.value()), cancel);
        if (s) g_decodingSources.push_back(s.value());
        return s;
    }
    if (p.positionalArguments().size() != 1)
        return makeError(
            ErrorCode::InvalidArgument,
            QStringLiteral("give one workspace file (or a Kafka data directory), or -b/--profile for Kafka"));
    std::optional<RegistryConfig> registry;
    std::vector<SchemaFile> files;
    if (p.optionNames().contains(QStringLiteral("schema-registry"))) registry = schemaRegistryFrom(p);
    if (p.optionNames().contains(QStringLiteral("schema-file"))) {
        auto f = schemaFilesFrom(p);
        if (!f) return f.error();
        files = f.value();
    }
    return openSource(p.positionalArguments().first(), false, registry, files);
}

Result<std::shared_ptr<RecordSource>> openSource(const QString& path, bool showInternalTopics,
                                                 std::optional<RegistryConfig> registry,
                                                 std::vector<SchemaFile> schemaFiles)
{
    auto s = openRecordSource(
        {path, std::nullopt, false, showInternalTopics, std::move(registry), std::move(schemaFiles), {}});
    if (s) {
        g_readSources.push_back(s.value());
        g_decodingSources.push_back(s.value());
    }
    return s;
}

void addMaskOptions(QCommandLineParser& parser)
{
    parser.addOption(
        {QStringLiteral("mask"),
         QStringLiteral("Also mask this JSON path of values (customer.email, customer.*; repeatable), "
                        "besides the source's masking policy (rewind-cli mask)."),
         QStringLiteral("path")});
    parser.addOption({QStringLiteral("mask-header"),
                      QStringLiteral("Also mask this header's value (repeatable)."), QStringLiteral("name")});
    parser.addOption({QStringLiteral("unmasked"),
                      QStringLiteral("Print personal data in clear: ignore the source's masking policy.")});
}

OutputMasker::OutputMasker(const MaskPolicy& policy, const MaskPolicy& given)
    : m_given(given), m_masker(policy.merged(given)),
      m_headersOnly(MaskPolicy{{}, policy.merged(given).headers})
{
}

Result<void> OutputMasker::record(const QString& topic, const RecordView& in, RecordView& out)
{
    if (!m_masker.active()) {
        out = in;
        return {};
    }
    auto r = m_masker.record(topic, in, false, out);
    if (r || r.error().code != ErrorCode::Refused) return r;
    // Not a JSON object (binary, text, schema bytes left undecoded): hidden whole.
    static const QByteArray hidden(kMaskedText);
    RecordView whole = in;
    whole.value = hidden;
    ++m_hiddenWhole;
    return m_headersOnly.record(topic, whole, false, out);
}

Result<OutputMasker> maskerFor(const QCommandLineParser& parser, RecordSource& source)
{
    const MaskPolicy given{parser.values(QStringLiteral("mask")),
                           parser.values(QStringLiteral("mask-header"))};
    if (parser.isSet(QStringLiteral("unmasked"))) {
        if (!given.empty())
            return makeError(ErrorCode::InvalidArgument,
                             QStringLiteral("--unmasked cannot be combined with --mask"));
        return OutputMasker(MaskPolicy{}, MaskPolicy{});
    }
    auto policy = source.maskPolicy();
    if (!policy) return policy.error();
    return OutputMasker(policy.value(), given);
}

int reportUnmatchedMasks(const OutputMasker& masker)
{
    if (masker.hiddenWhole() > 0)
        err() << "rewind-cli: masking: " << masker.hiddenWhole()
              << (masker.hiddenWhole() == 1 ? " value was" : " values were")
              << " not a JSON object and printed as \"***\" whole\n";
    bool typo = false;
    for (const QString& u : masker.unmatched()) {
        const bool given = masker.given().fields.contains(u) || (u.startsWith(QLatin1String("header ")) &&
                                                                 masker.given().headers.contains(u.mid(7)));
        if (!given) continue; // the policy's own paths need not occur in every read
        err() << "rewind-cli: masking: " << u << " matched nothing: nothing was masked for it (a typo?)\n";
        typo = true;
    }
    err().flush();
    return typo ? Refused : Ok;
}

void addRegistryOptions(QCommandLineParser& parser, const QString& urlHelp)
{
    parser.addOption({QStringLiteral("schema-registry"), urlHelp, QStringLiteral("url")});
    parser.addOption(
        {QStringLiteral("schema-registry-user"),
         QStringLiteral("Basic-auth user for the registry (password: REWIND_SCHEMA_REGISTRY_PASSWORD)."),
         QStringLiteral("name")});
}

void addSchemaRegistryOptions(QCommandLineParser& parser)
{
    addRegistryOptions(parser, QStringLiteral("Decode records in the Schema Registry wire format with this "
                                              "registry's schemas (Confluent API base URL)."));
    parser.addOption(
        {QStringLiteral("schema-file"),
         QStringLiteral("Decode values of TOPIC that are not in the wire format with this .avsc, .proto "
                        "or descriptor set (repeatable)."),
         QStringLiteral("topic=path[#Message]")});
}

Result<std::vector<SchemaFile>> schemaFilesFrom(const QCommandLineParser& parser)
{
    std::vector<SchemaFile> out;
    for (const QString& v : parser.values(QStringLiteral("schema-file"))) {
        auto f = SchemaFile::parse(v);
        if (!f) return f.error();
        out.push_back(f.value());
    }
    return out;
}

std::optional<RegistryConfig> schemaRegistryFrom(const QCommandLineParser& parser)
{
    if (!parser.isSet(QStringLiteral("schema-registry"))) return std::nullopt;
    RegistryConfig c;
    c.url = parser.value(QStringLiteral("schema-registry"));
    c.user = parser.value(QStringLiteral("schema-registry-user"));
    c.password = qEnvironmentVariable("REWIND_SCHEMA_REGISTRY_PASSWORD");
    return c;
}

Result<std::unique_ptr<WorkspaceStore>> openWorkspace(const QString& path, WorkspaceStore::Mode mode)
{
    return WorkspaceStore::open(path, mode);
}

void limitDamageReport(const QString& topic)
{
    if (!topic.isEmpty()) g_damageTopics << topic;
}

int reportDamage(int rc)
{
    reportUndecoded();
    static const QRegularExpression folder(QStringLiteral("([^/]+)-\\d+/[^/]*$"));
    qint64 shown = 0;
    for (const auto& source : g_readSources) {
        auto facts = source->facts();
        if (!facts) continue;
        for (const SegmentIssue& i : facts->damage) {
            const auto m = folder.match(i.file);
            if (!g_damageTopics.isEmpty() && m.hasMatch() && !g_damageTopics.contains(m.captured(1)))
                continue;
            err() << "rewind-cli: damage in " << i.file << " at byte " << i.position << ": " << i.what
                  << '\n';
            ++shown;
        }
    }
    g_readSources.clear();
    if (shown == 0) return rc;
    err() << "rewind-cli: " << shown << (shown == 1 ? " problem" : " problems")
          << " in the data directory: the output lacks the records named above (rewind-cli verify "
             "reports them all)\n";
    err().flush();
    return rc == Ok ? ReadWithDamage : rc;
}

QString formatTime(TimestampMs ms)
{
    return formatTimestampUtc(ms);
}

QString fmtList(const std::vector<int>& v)
{
    QStringList s;
    for (int x : v)
        s << QString::number(x);
    return s.join(QLatin1Char(','));
}

QString formatTable(const std::vector<QStringList>& rows, const std::vector<bool>& rightAlign)
{
    std::vector<qsizetype> width;
    for (const QStringList& r : rows)
        for (qsizetype i = 0; i < r.size(); ++i) {
            if (static_cast<size_t>(i) >= width.size()) width.push_back(0);
            width[static_cast<size_t>(i)] = std::max(width[static_cast<size_t>(i)], r[i].size());
        }
    QString s;
    for (const QStringList& r : rows) {
        QString line;
        for (qsizetype i = 0; i < r.size(); ++i) {
            const auto w = static_cast<int>(width[static_cast<size_t>(i)]);
            const bool right =
                static_cast<size_t>(i) < rightAlign.size() && rightAlign[static_cast<size_t>(i)];
            if (i) line += QStringLiteral("  ");
            line += right ? r[i].rightJustified(w) : (i + 1 == r.size() ? r[i] : r[i].leftJustified(w));
        }
        s += line + QLatin1Char('\n');
    }
    return s;
}

} // namespace rw::cli
