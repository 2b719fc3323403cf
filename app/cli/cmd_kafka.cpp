// rewind-cli against a Kafka cluster: topics, consume, groups (with -b/--profile), capture,
// produce, reset.

#include "capture.h"
#include "cli_common.h"
#include "envelope.h"
#include "json.h"
#include "kafka_browser.h"
#include "offset_spec.h"
#include "produce_job.h"
#include "schema_encode.h"
#include "schemas_topic.h"
#include "time_parse.h"
#include "workspace_store.h"

#include <QFile>
#include <QFileInfo>
#include <QProcessEnvironment>

#include <csignal>

namespace rw::cli {

namespace {

std::atomic_bool g_interrupted{false};

void onSignal(int)
{
    g_interrupted = true;
}

} // namespace

void addKafkaOptions(QCommandLineParser& p)
{
    p.addOption({{QStringLiteral("b"), QStringLiteral("broker")},
                 QStringLiteral("Kafka bootstrap servers (host:port,...)."),
                 QStringLiteral("brokers")});
    p.addOption({QStringLiteral("profile"),
                 QStringLiteral("Kafka connection profile (JSON file; see docs/kafka.md)."),
                 QStringLiteral("file")});
    p.addOption({QStringLiteral("X"),
                 QStringLiteral("Kafka setting key=value (security.protocol, sasl.mechanisms, sasl.username, "
                                "sasl.password, ssl.ca.location, or an allow-listed librdkafka property)."),
                 QStringLiteral("key=value")});
}

bool wantsKafka(const QCommandLineParser& p)
{
    return p.isSet(QStringLiteral("broker")) || p.isSet(QStringLiteral("profile"));
}

Result<KafkaProfile> kafkaProfileFrom(const QCommandLineParser& p)
{
    KafkaProfile profile;
    if (p.isSet(QStringLiteral("profile"))) {
        auto f = KafkaProfile::fromFile(p.value(QStringLiteral("profile")));
        if (!f) return f.error();
        profile = f.value();
    }
    if (p.isSet(QStringLiteral("broker"))) profile.bootstrap = p.value(QStringLiteral("broker"));
    if (profile.name.isEmpty()) profile.name = profile.bootstrap;
    for (const QString& kv : p.values(QStringLiteral("X"))) {
        const qsizetype eq = kv.indexOf(QLatin1Char('='));
        if (eq <= 0)
            return makeError(ErrorCode::InvalidArgument,
                             QStringLiteral("-X needs key=value, got '%1'").arg(kv.left(40)));
        const QString k = kv.left(eq), v = kv.mid(eq + 1);
        if (k == QLatin1String("security.protocol"))
            profile.securityProtocol = v;
        else if (k == QLatin1String("sasl.mechanisms") || k == QLatin1String("sasl.mechanism"))
            profile.saslMechanism = v;
        else if (k == QLatin1String("sasl.username"))
            profile.saslUser = v;
        else if (k == QLatin1String("sasl.password"))
            profile.saslPassword = v;
        else if (k == QLatin1String("ssl.ca.location"))
            profile.caFile = v;
        else if (k == QLatin1String("ssl.certificate.location"))
            profile.certFile = v;
        else if (k == QLatin1String("ssl.key.location"))
            profile.keyFile = v;
        else if (k == QLatin1String("ssl.key.password"))
            profile.keyPassword = v;
        else if (k == QLatin1String("sasl.oauthbearer.token.endpoint.url"))
            profile.oauthTokenUrl = v;
        else if (k == QLatin1String("sasl.oauthbearer.client.id"))
            profile.oauthClientId = v;
        else if (k == QLatin1String("sasl.oauthbearer.client.secret"))
            profile.oauthClientSecret = v;
        else if (k == QLatin1String("sasl.oauthbearer.scope"))
            profile.oauthScope = v;
        else if (k == QLatin1String("sasl.oauthbearer.method") &&
                 v.compare(QLatin1String("oidc"), Qt::CaseInsensitive) == 0)
            continue; // what an OIDC client id and token URL mean already
        else
            profile.extra[k] = v;
    }
    // Secrets may come from the environment so they stay out of shell history and ps.
    const QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    for (const auto& [which, name] :
         {std::pair{ProfileSecret::SaslPassword, "REWIND_SASL_PASSWORD"},
          std::pair{ProfileSecret::KeyPassphrase, "REWIND_SSL_KEY_PASSWORD"},
          std::pair{ProfileSecret::OAuthClientSecret, "REWIND_OIDC_CLIENT_SECRET"}}) {
        const QString value = env.value(QLatin1String(name));
        if (profile.secret(which).isEmpty() && !value.isEmpty()) profile.setSecret(which, value);
    }
    if (profile.usesOAuth() && profile.oauthClientSecret.isEmpty())
        return makeError(
            ErrorCode::InvalidArgument,
            QStringLiteral("OAUTHBEARER needs the OIDC client secret: give it in REWIND_OIDC_CLIENT_SECRET"));
    if (profile.usesSasl() && !profile.usesOAuth() && profile.saslPassword.isEmpty())
        return makeError(ErrorCode::InvalidArgument,
                         QStringLiteral("SASL %1 needs a password: give it in REWIND_SASL_PASSWORD")
                             .arg(profile.saslMechanism.toUpper()));
    if (p.optionNames().contains(QStringLiteral("schema-registry"))) { // commands that offer it
        const auto registry = schemaRegistryFrom(p);
        profile.registryUrl = registry->url;
        profile.registryUser = registry->user;
        profile.registryPassword = registry->password;
    }
    if (p.optionNames().contains(QStringLiteral("schema-file"))) {
        auto files = schemaFilesFrom(p);
        if (!files) return files.error();
        profile.schemaFiles = files.value();
    }
    if (auto v = profile.validate(); !v) return v.error();
    return profile;
}

int kafkaTopics(const QCommandLineParser& p, const KafkaProfile& profile)
{
    auto client = KafkaClient::connect(profile);
    if (!client) return fail(client.error());
    auto c = client.value()->cluster(p.isSet(QStringLiteral("internal")), true);
    if (!c) return fail(c.error());
    std::vector<QStringList> rows{{QStringLiteral("TOPIC"), QStringLiteral("PARTITION"),
                                   QStringLiteral("LEADER"), QStringLiteral("REPLICAS"),
                                   QStringLiteral("ISR"), QStringLiteral("LOW"), QStringLiteral("HIGH"),
                                   QStringLiteral("LSO"), QStringLiteral("COUNT~")}};
    bool found = !p.isSet(QStringLiteral("topic"));
    for (const KafkaTopicInfo& t : c->topics) {
        if (p.isSet(QStringLiteral("topic")) && t.name != p.value(QStringLiteral("topic"))) continue;
        found = true;
        qint64 total = 0;
        for (const KafkaPartitionInfo& pi : t.partitions) {
            rows.push_back({t.name, QString::number(pi.partition), QString::number(pi.leader),
                            fmtList(pi.replicas), fmtList(pi.isr), QString::number(pi.low),
                            QString::number(pi.high), QString::number(pi.stable),
                            QString::number(pi.countEstimate())});
            total += pi.countEstimate();
        }
        rows.push_back({t.name, QStringLiteral("(all %1)").arg(t.partitions.size()), QString(), QString(),
                        QString(), QString(), QString(), QString(), QString::number(total)});
    }
    if (!found)
        return fail(makeError(ErrorCode::NotFound,
                              QStringLiteral("unknown topic '%1'").arg(p.value(QStringLiteral("topic")))));
    out() << "brokers:";
    for (const KafkaBroker& b : c->brokers)
        out() << ' ' << b.id << '@' << b.host << ':' << b.port
              << (b.id == c->controllerId ? " (controller)" : "");
    out() << '\n' << formatTable(rows, {false, true, true, false, false, true, true, true, true});
    out() << "LOW is the log start offset, HIGH the high watermark, LSO the last stable offset (a "
             "read_committed consumer reads up to it; below HIGH while a transaction is open). COUNT~ is "
             "high - low: compaction and transaction markers make it an upper bound.\n";
    return Ok;
}

int kafkaGroups(const QCommandLineParser& p, const KafkaProfile& profile)
{
    auto client = KafkaClient::connect(profile);
    if (!client) return fail(client.error());
    auto list = client.value()->groups();
    if (!list) return fail(list.error());
    const QString only = p.value(QStringLiteral("group"));
    if (only.isEmpty()) {
        std::vector<QStringList> rows{{QStringLiteral("GROUP"), QStringLiteral("STATE"),
                                       QStringLiteral("PROTOCOL"), QStringLiteral("MEMBERS"),
                                       QStringLiteral("TOTAL LAG")}};
        // Every group described in one request and every lag asked together (KafkaClient::
        // describeGroups, groupsLag), not one group after another.
        QStringList names;
        for (const KafkaGroupListing& g : list.value())
            names << g.name;
        auto lags = client.value()->groupsLag(names);
        if (!lags) return fail(lags.error());
        auto described = client.value()->describeGroups(names);
        for (const KafkaGroupListing& g : list.value()) {
            const bool kip848 = g.type == QLatin1String("consumer");
            const KafkaGroupDescription* desc = nullptr;
            if (described && described->count(g.name) && described->at(g.name))
                desc = &described->at(g.name).value();
            qint64 total = 0;
            for (const auto& l : lags->lags[g.name])
                total += l.lag.value_or(0);
            auto refused = lags->refused.find(g.name);
            rows.push_back(
                {g.name, g.state,
                 kip848 ? QStringLiteral("consumer (KIP-848)")
                 : desc ? desc->assignor
                        : QStringLiteral("?"),
                 desc && desc->membersNote.isEmpty() ? QString::number(desc->members.size())
                                                     : QStringLiteral("?"), // KIP-848: not read
                 refused != lags->refused.end() ? refused->second.message : QString::number(total)});
        }
        out() << formatTable(rows, {false, false, false, true, true});
        if (lags->unchecked > 0)
            out() << lags->unchecked
                  << " partitions with a lag of 64 or less were not checked for transaction markers "
                     "(the first 2,000 were, smallest lags first): their lag may count markers.\n";
        return Ok;
    }
    auto desc = client.value()->describeGroup(only); // a KIP-848 group: its listing, no members
    if (!desc) return fail(desc.error());
    const bool kip848 = desc->type == QLatin1String("consumer");
    // Kafka describes any name, answering "Dead" for a group it does not know: that is not found.
    const bool listed =
        std::any_of(list->begin(), list->end(), [&](const KafkaGroupListing& g) { return g.name == only; });
    if (!listed && desc->members.empty() &&
        desc->state.compare(QLatin1String("Dead"), Qt::CaseInsensitive) == 0)
        return fail(makeError(ErrorCode::NotFound, QStringLiteral("unknown consumer group '%1'").arg(only)));
    auto lag = client.value()->groupLag(only);
    if (!lag) return fail(lag.error());
    if (kip848)
        out() << "group " << only << ": state " << desc->state << ", protocol consumer (KIP-848), "
              << desc->membersNote << '\n';
    else
        out() << "group " << only << ": state " << desc->state << ", protocol "
              << (desc->assignor.isEmpty() ? QStringLiteral("-") : desc->assignor) << ", "
              << desc->members.size() << " member(s)\n";
    for (const KafkaGroupMember& m : desc->members) {
        QStringList parts;
        for (const TopicPartition& tp : m.assignment)
            parts << QStringLiteral("%1-%2").arg(tp.topic).arg(tp.partition);
        out() << "  " << m.clientId << " " << m.host << " " << m.consumerId << ": "
              << parts.join(QLatin1Char(' ')) << '\n';
    }
    std::vector<QStringList> rows{{QStringLiteral("TOPIC"), QStringLiteral("PARTITION"),
                                   QStringLiteral("COMMITTED"), QStringLiteral("END"),
                                   QStringLiteral("LAG")}};
    qint64 total = 0;
    for (const KafkaPartitionLag& l : lag.value()) {
        rows.push_back({l.topic, QString::number(l.partition),
                        l.committed ? QString::number(*l.committed) : QStringLiteral("-"),
                        QString::number(l.end), l.lag ? QString::number(*l.lag) : QStringLiteral("-")});
        total += l.lag.value_or(0);
    }
    rows.push_back({QStringLiteral("(total)"), QString(), QString(), QString(), QString::number(total)});
    out() << formatTable(rows, {false, true, true, true, true});
    out() << "END is the last stable offset (transaction markers counted as read).\n";
    return Ok;
}

int cmdCapture(const QStringList& args)
{
    QCommandLineParser p;
    addKafkaOptions(p);
    p.addPositionalArgument(
        QStringLiteral("source"),
        QStringLiteral("A workspace or a Kafka data directory to copy from (or -b/--profile)."));
    p.addOption({{QStringLiteral("t"), QStringLiteral("topic")},
                 QStringLiteral("Topic to capture (required)."),
                 QStringLiteral("topic")});
    p.addOption({{QStringLiteral("p"), QStringLiteral("partition")},
                 QStringLiteral("Only this partition."),
                 QStringLiteral("n")});
    p.addOption({{QStringLiteral("o"), QStringLiteral("offset")},
                 QStringLiteral("Start (as in consume); a second -o e@<time> stops before a time."),
                 QStringLiteral("spec")});
    p.addOption({{QStringLiteral("c"), QStringLiteral("count")},
                 QStringLiteral("At most this many records."),
                 QStringLiteral("n")});
    p.addOption({QStringLiteral("out"), QStringLiteral("Workspace file to write (created if missing)."),
                 QStringLiteral("file")});
    p.addOption({QStringLiteral("as"), QStringLiteral("Topic name in the workspace (default: the same)."),
                 QStringLiteral("topic")});
    addSchemaRegistryOptions(p); // the schemas the records name are kept in the workspace
    if (int rc = parseOrExit(
            p, args,
            QStringLiteral("Copy a range of a topic of a Kafka cluster (or of a data directory or another "
                           "workspace) into a local workspace, with partitions, offsets, timestamps and "
                           "headers as they were, and the schemas the records name."));
        rc >= 0)
        return rc;
    if (!p.isSet(QStringLiteral("topic")) || !p.isSet(QStringLiteral("out")))
        return usage(QStringLiteral("capture needs a source (-b, --profile or a path), -t and --out"), p);
    auto req = streamRequestFrom(p);
    if (!req) return usage(req.error().message, p);
    const QString ws = p.value(QStringLiteral("out"));
    if (!wantsKafka(p) && p.positionalArguments().size() == 1 &&
        QFileInfo(p.positionalArguments().first()).canonicalFilePath() == QFileInfo(ws).canonicalFilePath())
        return usage(QStringLiteral("capture cannot write into the workspace it reads"), p);
    std::signal(SIGINT, onSignal);
    auto source = openNamedSource(p, &g_interrupted);
    if (!source)
        return source.error().code == ErrorCode::InvalidArgument ? usage(source.error().message, p)
                                                                 : fail(source.error());
    const bool existed = QFileInfo::exists(ws);
    auto store =
        existed ? WorkspaceStore::open(ws, WorkspaceStore::Mode::ReadWrite) : WorkspaceStore::create(ws);
    if (!store) return fail(store.error());
    auto rep = captureToWorkspace(*source.value(), req.value(), *store.value(), p.value(QStringLiteral("as")),
                                  &g_interrupted);
    if (!rep) {
        if (!existed) { // a failed capture into a new file leaves nothing behind
            store.value().reset();
            for (const char* suffix : {"", "-wal", "-shm", "-journal"})
                QFile::remove(ws + QLatin1String(suffix));
        }
        return fail(rep.error());
    }
    out() << "Captured " << rep->stream.records << " records of " << req->topic << " into " << ws
          << " (topic " << rep->targetTopic << ")\n";
    for (const StreamPartition& pr : rep->stream.partitions)
        out() << "  partition " << pr.partition << ": offsets " << pr.start << ".." << pr.next << " ("
              << pr.records << " records" << (pr.complete ? ", complete" : ", incomplete") << ")\n";
    if (!rep->schemaIds.empty())
        out() << "  schemas: " << rep->schemaIds.size() << " ids named by the records, " << rep->schemasKept
              << " kept in " << kSchemasTopic
              << (rep->schemaProblems.isEmpty() && rep->schemasKept == 0 &&
                          !p.isSet(QStringLiteral("schema-registry"))
                      ? QStringLiteral(
                            " (give --schema-registry to keep them, so the workspace decodes offline)")
                      : QString())
              << "\n";
    for (const QString& problem : rep->schemaProblems)
        err() << "rewind-cli: " << problem << "\n";
    return rep->stream.cancelled ? Cancelled : Ok;
}

int cmdProduce(const QStringList& args)
{
    QCommandLineParser p;
    addKafkaOptions(p);
    p.addPositionalArgument(QStringLiteral("file"), QStringLiteral("Input (default: standard input)."));
    p.addOption({{QStringLiteral("t"), QStringLiteral("topic")},
                 QStringLiteral("Topic (required)."),
                 QStringLiteral("topic")});
    p.addOption({{QStringLiteral("p"), QStringLiteral("partition")},
                 QStringLiteral("Partition (default: by key, like Kafka's producer)."),
                 QStringLiteral("n")});
    p.addOption({QStringLiteral("K"), QStringLiteral("Key delimiter: each line is key<delim>value."),
                 QStringLiteral("delim")});
    p.addOption({QStringLiteral("H"), QStringLiteral("Header name=value for every record (repeatable)."),
                 QStringLiteral("header")});
    p.addOption({QStringLiteral("J"),
                 QStringLiteral(
                     "Input lines are NDJSON envelopes (docs/envelope.md); their topic is replaced by -t.")});
    p.addOption({QStringLiteral("unlock"),
                 QStringLiteral("Allow writing to a topic without the sandbox prefix: repeat its name here."),
                 QStringLiteral("topic")});
    p.addOption({QStringLiteral("sandbox-prefix"), QStringLiteral("Sandbox prefix (default sandbox.)."),
                 QStringLiteral("prefix"), QStringLiteral("sandbox.")});
    p.addOption({QStringLiteral("create"),
                 QStringLiteral("Create the (sandbox) topic with this many partitions if missing."),
                 QStringLiteral("n")});
    addRegistryOptions(p, QStringLiteral("Schema Registry (Confluent API base URL) for --value-subject and "
                                         "--key-subject (default: the profile's)."));
    p.addOption(
        {QStringLiteral("value-subject"),
         QStringLiteral("Encode each value, typed as JSON, with this subject's schema (Avro, Protobuf or "
                        "JSON Schema; SUBJECT or SUBJECT@VERSION, default the latest) in the wire format."),
         QStringLiteral("subject")});
    p.addOption(
        {QStringLiteral("key-subject"), QStringLiteral("The same for keys."), QStringLiteral("subject")});
    p.addOption(
        {QStringLiteral("value-schema-file"),
         QStringLiteral("Encode each value, typed as JSON, with a schema file (.avsc, .proto, a descriptor "
                        "set): the payload alone, as a topic mapped to the file is decoded."),
         QStringLiteral("file")});
    p.addOption({QStringLiteral("value-message"),
                 QStringLiteral("Protobuf: the value's message type (default: the schema's first)."),
                 QStringLiteral("type")});
    p.addOption({QStringLiteral("key-message"),
                 QStringLiteral("Protobuf: the key's message type (default: the schema's first)."),
                 QStringLiteral("type")});
    if (int rc = parseOrExit(
            p, args,
            QStringLiteral("Produce records to a Kafka topic, like kcat -P. Only sandbox topics unless "
                           "--unlock names the topic; never with a read-only profile. With --value-subject "
                           "(and --key-subject) values typed as JSON are encoded with the registry's schema; "
                           "every line is encoded before anything is sent."));
        rc >= 0)
        return rc;
    if (!wantsKafka(p) || !p.isSet(QStringLiteral("topic")))
        return usage(QStringLiteral("produce needs -b (or --profile) and -t"), p);
    auto profile = kafkaProfileFrom(p);
    if (!profile) return fail(profile.error());
    const QString topic = p.value(QStringLiteral("topic"));
    const QString prefix = p.value(QStringLiteral("sandbox-prefix"));
    if (profile->readOnly)
        return fail(
            makeError(ErrorCode::Refused,
                      QStringLiteral("the profile '%1' is read-only: cannot produce").arg(profile->name)));
    if (auto r = refuseOutsideSandbox(topic, prefix, p.values(QStringLiteral("unlock"))); !r) {
        Error e = r.error();
        e.message += QStringLiteral(" (--unlock %1)").arg(topic);
        return fail(e);
    }
    QFile in;
    const QString path = p.positionalArguments().value(0, QStringLiteral("-"));
    const bool ok = path == QLatin1String("-") ? in.open(stdin, QIODevice::ReadOnly)
                                               : (in.setFileName(path), in.open(QIODevice::ReadOnly));
    if (!ok)
        return fail(
            makeError(ErrorCode::NotFound, QStringLiteral("cannot read %1: %2").arg(path, in.errorString())));
    Headers common;
    for (const QString& h : p.values(QStringLiteral("H"))) {
        const qsizetype eq = h.indexOf(QLatin1Char('='));
        if (eq <= 0) return usage(QStringLiteral("-H needs name=value"), p);
        common.push_back({h.left(eq).toUtf8(), h.mid(eq + 1).toUtf8()});
    }
    // Schemas: each line encoded before anything is sent, so a bad line leaves the topic untouched.
    ProduceEncoders encoders;
    if (p.isSet(QStringLiteral("value-subject")) || p.isSet(QStringLiteral("key-subject"))) {
        std::optional<RegistryConfig> registry = schemaRegistryFrom(p);
        if (!registry) registry = profile->registry();
        if (!registry)
            return usage(
                QStringLiteral("--value-subject and --key-subject need --schema-registry (or a profile "
                               "with a registry)"),
                p);
        const auto encoderFor = [&](const QString& spec, const QString& message) -> Result<ValueEncoder> {
            const qsizetype at = spec.lastIndexOf(QLatin1Char('@'));
            bool numbered = false;
            const int version = at > 0 ? spec.mid(at + 1).toInt(&numbered) : -1;
            if (at > 0 && (!numbered || version < 1))
                return makeError(ErrorCode::InvalidArgument,
                                 QStringLiteral("'%1': a version is a number from 1 (SUBJECT@3)").arg(spec));
            return ValueEncoder::fromRegistry(*registry, at > 0 ? spec.left(at) : spec, version, message);
        };
        if (p.isSet(QStringLiteral("value-subject"))) {
            auto e = encoderFor(p.value(QStringLiteral("value-subject")),
                                p.value(QStringLiteral("value-message")));
            if (!e) return fail(e.error());
            encoders.value = std::make_shared<const ValueEncoder>(std::move(e.value()));
        }
        if (p.isSet(QStringLiteral("key-subject"))) {
            auto e =
                encoderFor(p.value(QStringLiteral("key-subject")), p.value(QStringLiteral("key-message")));
            if (!e) return fail(e.error());
            encoders.key = std::make_shared<const ValueEncoder>(std::move(e.value()));
        }
    }
    if (p.isSet(QStringLiteral("value-schema-file"))) {
        if (p.isSet(QStringLiteral("value-subject")))
            return usage(QStringLiteral("give --value-subject or --value-schema-file, not both"), p);
        auto e = ValueEncoder::fromFile(p.value(QStringLiteral("value-schema-file")),
                                        p.value(QStringLiteral("value-message")));
        if (!e) return fail(e.error());
        encoders.value = std::make_shared<const ValueEncoder>(std::move(e.value()));
    }
    const bool encodes = encoders.value || encoders.key;
    auto client = KafkaClient::connect(profile.value());
    if (!client) return fail(client.error());
    if (p.isSet(QStringLiteral("create")) && !client.value()->topic(topic, false)) {
        if (auto r = client.value()->createTopic(topic, p.value(QStringLiteral("create")).toInt(), -1, prefix,
                                                 p.value(QStringLiteral("unlock")) == topic);
            !r)
            return fail(r.error());
    }
    const QByteArray delim = p.value(QStringLiteral("K")).toUtf8();
    std::vector<ProducerRecord> batch;
    qint64 lineNo = 0, total = 0;
    auto send = [&]() -> int {
        if (batch.empty()) return Ok;
        auto r = client.value()->produce(batch);
        if (!r) return fail(r.error());
        total += r->delivered;
        batch.clear();
        return Ok;
    };
    while (!in.atEnd()) {
        // readLine(max) would make a buffer of `max` for every line: read as it comes.
        QByteArray line = in.readLine();
        ++lineNo;
        if (line.size() > (64 << 20))
            return fail(makeError(ErrorCode::InvalidArgument,
                                  QStringLiteral("line %1 is longer than 64 MB").arg(lineNo)));
        if (line.endsWith('\n')) line.chop(1);
        if (encodes && line.trimmed().isEmpty()) continue; // no JSON on it: not a record
        ProducerRecord r;
        r.topic = topic;
        r.partition =
            p.isSet(QStringLiteral("partition")) ? p.value(QStringLiteral("partition")).toInt() : -1;
        r.timestamp = 0; // the producer stamps it
        if (p.isSet(QStringLiteral("J"))) {
            if (line.trimmed().isEmpty()) continue;
            auto e = parseEnvelopeLine(line, topic);
            if (!e)
                return fail(makeError(ErrorCode::Parse,
                                      QStringLiteral("line %1: %2").arg(lineNo).arg(e.error().message)));
            r.key = e->record.key;
            r.value = e->record.value;
            r.headers = e->record.headers;
            if (e->hasTimestamp) r.timestamp = e->record.timestamp;
            if (e->hasPartition && !p.isSet(QStringLiteral("partition"))) r.partition = e->record.partition;
        } else if (!delim.isEmpty()) {
            const qsizetype at = line.indexOf(delim);
            if (at < 0) {
                r.value = line;
            } else {
                r.key = line.left(at);
                r.value = line.mid(at + delim.size());
            }
        } else {
            r.value = line;
        }
        for (const Header& h : common)
            r.headers.push_back(h);
        if (encodes) {
            ProduceDraft d{r.topic,
                           r.partition,
                           r.timestamp,
                           r.key,
                           r.value,
                           r.headers,
                           QStringLiteral("line %1").arg(lineNo),
                           nullptr};
            auto encoded = encodeDrafts({d}, encoders);
            if (!encoded) return fail(encoded.error());
            r = std::move(encoded->front());
        }
        batch.push_back(std::move(r));
        if (!encodes && batch.size() >= 10000)
            if (int rc = send(); rc != Ok) return rc;
    }
    if (int rc = send(); rc != Ok) return rc;
    err() << "Produced " << total << " records to " << topic << Qt::endl;
    return Ok;
}

int cmdReset(const QStringList& args)
{
    QCommandLineParser p;
    addKafkaOptions(p);
    p.addOption({{QStringLiteral("g"), QStringLiteral("group")},
                 QStringLiteral("Consumer group (required)."),
                 QStringLiteral("group")});
    p.addOption({{QStringLiteral("t"), QStringLiteral("topic")},
                 QStringLiteral("Topic (required)."),
                 QStringLiteral("topic")});
    p.addOption({{QStringLiteral("p"), QStringLiteral("partition")},
                 QStringLiteral("Only this partition."),
                 QStringLiteral("n")});
    p.addOption({QStringLiteral("to-earliest"), QStringLiteral("To the first offset.")});
    p.addOption({QStringLiteral("to-latest"), QStringLiteral("To the end.")});
    p.addOption({QStringLiteral("to-datetime"), QStringLiteral("To the first offset at or after a time."),
                 QStringLiteral("time")});
    p.addOption({QStringLiteral("to-offset"), QStringLiteral("To an offset."), QStringLiteral("offset")});
    p.addOption({QStringLiteral("shift-by"), QStringLiteral("Move by ±N from the committed offset."),
                 QStringLiteral("n")});
    p.addOption({QStringLiteral("execute"), QStringLiteral("Apply the plan (default: only show it).")});
    if (int rc = parseOrExit(
            p, args,
            QStringLiteral("Plan (and with --execute apply) a consumer group offset reset. Refused while "
                           "the group has members, and with a read-only profile."));
        rc >= 0)
        return rc;
    if (!wantsKafka(p) || !p.isSet(QStringLiteral("group")) || !p.isSet(QStringLiteral("topic")))
        return usage(QStringLiteral("reset needs -b (or --profile), -g and -t"), p);
    ResetSpec spec;
    spec.topic = p.value(QStringLiteral("topic"));
    if (p.isSet(QStringLiteral("partition"))) spec.partition = p.value(QStringLiteral("partition")).toInt();
    int kinds = 0;
    if (p.isSet(QStringLiteral("to-earliest"))) {
        spec.kind = ResetKind::Earliest;
        ++kinds;
    }
    if (p.isSet(QStringLiteral("to-latest"))) {
        spec.kind = ResetKind::Latest;
        ++kinds;
    }
    if (p.isSet(QStringLiteral("to-datetime"))) {
        auto t = parseTimePoint(p.value(QStringLiteral("to-datetime")), currentTimeMs());
        if (!t) return usage(t.error().message, p);
        spec.kind = ResetKind::ToTime;
        spec.value = t.value();
        ++kinds;
    }
    if (p.isSet(QStringLiteral("to-offset"))) {
        spec.kind = ResetKind::ToOffset;
        spec.value = p.value(QStringLiteral("to-offset")).toLongLong();
        ++kinds;
    }
    if (p.isSet(QStringLiteral("shift-by"))) {
        spec.kind = ResetKind::ShiftBy;
        spec.value = p.value(QStringLiteral("shift-by")).toLongLong();
        ++kinds;
    }
    if (kinds != 1)
        return usage(
            QStringLiteral(
                "give exactly one of --to-earliest, --to-latest, --to-datetime, --to-offset, --shift-by"),
            p);
    auto profile = kafkaProfileFrom(p);
    if (!profile) return fail(profile.error());
    auto client = KafkaClient::connect(profile.value());
    if (!client) return fail(client.error());
    const QString group = p.value(QStringLiteral("group"));
    auto plan = client.value()->planReset(group, spec);
    if (!plan) return fail(plan.error());
    std::vector<QStringList> rows{{QStringLiteral("TOPIC"), QStringLiteral("PARTITION"),
                                   QStringLiteral("CURRENT"), QStringLiteral("NEW")}};
    for (const ResetPlanRow& r : plan.value())
        rows.push_back({r.topic, QString::number(r.partition),
                        r.current ? QString::number(*r.current) : QStringLiteral("-"),
                        QString::number(r.target)});
    out() << formatTable(rows, {false, true, true, true});
    if (!p.isSet(QStringLiteral("execute"))) {
        out() << "Dry run: nothing changed. Add --execute to apply.\n";
        return Ok;
    }
    if (auto r = client.value()->applyReset(group, plan.value()); !r) return fail(r.error());
    out() << "Applied to group " << group << ".\n";
    return Ok;
}

int cmdTopic(const QStringList& args)
{
    QCommandLineParser p;
    addKafkaOptions(p);
    p.addPositionalArgument(QStringLiteral("topic"), QStringLiteral("The topic."));
    p.addOption({QStringLiteral("create"), QStringLiteral("Create it.")});
    p.addOption({QStringLiteral("partitions"),
                 QStringLiteral("Partitions of a new topic (default 1, or as --like)."),
                 QStringLiteral("n")});
    p.addOption({QStringLiteral("replication-factor"),
                 QStringLiteral("Replicas of a new topic (default: the "
                                "cluster's)."),
                 QStringLiteral("n")});
    p.addOption({QStringLiteral("like"),
                 QStringLiteral("Create it with this topic's partitions and settings."),
                 QStringLiteral("topic")});
    p.addOption({QStringLiteral("delete"), QStringLiteral("Delete it (needs --confirm with its name).")});
    p.addOption({QStringLiteral("confirm"), QStringLiteral("The topic's name typed again, to delete it."),
                 QStringLiteral("topic")});
    p.addOption({QStringLiteral("add-partitions"), QStringLiteral("Grow it to this many partitions."),
                 QStringLiteral("n")});
    p.addOption(
        {QStringLiteral("set"), QStringLiteral("A setting name=value (repeatable)."), QStringLiteral("k=v")});
    p.addOption({QStringLiteral("unset"),
                 QStringLiteral("Take a setting off the topic: back to the cluster's default "
                                "(repeatable)."),
                 QStringLiteral("name")});
    p.addOption({QStringLiteral("unlock"),
                 QStringLiteral("Allow changing a topic without the sandbox prefix: repeat its name here."),
                 QStringLiteral("topic")});
    p.addOption({QStringLiteral("sandbox-prefix"), QStringLiteral("Sandbox prefix (default sandbox.)."),
                 QStringLiteral("prefix"), QStringLiteral("sandbox.")});
    p.addOption({QStringLiteral("execute"), QStringLiteral("Do it (default: only show the plan).")});
    if (int rc =
            parseOrExit(p, args,
                        QStringLiteral("Create, delete, grow or change the settings of a Kafka topic. Shows "
                                       "what will change; --execute does it. Sandbox topics only unless "
                                       "--unlock names the topic; never with a read-only profile."));
        rc >= 0)
        return rc;
    const QString topic = p.positionalArguments().value(0);
    const bool changesSettings = p.isSet(QStringLiteral("set")) || p.isSet(QStringLiteral("unset"));
    const int actions = int(p.isSet(QStringLiteral("create"))) + int(p.isSet(QStringLiteral("delete"))) +
                        int(p.isSet(QStringLiteral("add-partitions"))) +
                        int(changesSettings && !p.isSet(QStringLiteral("create")));
    if (!wantsKafka(p) || topic.isEmpty() || actions != 1)
        return usage(QStringLiteral("topic needs -b (or --profile), a topic and one of --create, --delete, "
                                    "--add-partitions N, --set/--unset"),
                     p);
    auto profile = kafkaProfileFrom(p);
    if (!profile) return fail(profile.error());
    const QString prefix = p.value(QStringLiteral("sandbox-prefix"));
    const bool unlocked = p.value(QStringLiteral("unlock")) == topic;
    if (profile->readOnly)
        return fail(makeError(
            ErrorCode::Refused,
            QStringLiteral("the profile '%1' is read-only: topics cannot be changed").arg(profile->name)));
    if (!topic.startsWith(prefix) && !unlocked)
        return fail(
            makeError(ErrorCode::Refused,
                      QStringLiteral("refusing to change '%1': it is not a sandbox topic (prefix '%2'). To "
                                     "change it anyway, add --unlock %1")
                          .arg(topic, prefix)));
    std::map<QString, QString> set;
    for (const QString& kv : p.values(QStringLiteral("set"))) {
        const qsizetype eq = kv.indexOf(QLatin1Char('='));
        if (eq <= 0) return usage(QStringLiteral("--set needs name=value"), p);
        set[kv.left(eq)] = kv.mid(eq + 1);
    }
    const QStringList unset = p.values(QStringLiteral("unset"));
    auto client = KafkaClient::connect(profile.value());
    if (!client) return fail(client.error());
    const bool execute = p.isSet(QStringLiteral("execute"));
    const auto dryRun = [&] {
        out() << "Dry run: nothing changed. Add --execute to do it.\n";
        return Ok;
    };

    if (p.isSet(QStringLiteral("create"))) {
        int partitions =
            p.isSet(QStringLiteral("partitions")) ? p.value(QStringLiteral("partitions")).toInt() : 1;
        if (p.isSet(QStringLiteral("like"))) {
            const QString like = p.value(QStringLiteral("like"));
            auto info = client.value()->topic(like, false);
            if (!info) return fail(info.error());
            if (!p.isSet(QStringLiteral("partitions")))
                partitions = static_cast<int>(info->partitions.size());
            auto configs = client.value()->topicConfigs({like}, {});
            if (!configs) return fail(configs.error());
            for (const KafkaTopicConfig& c : configs.value()) {
                if (!c.problem.isEmpty()) return fail(makeError(c.problemCode, c.problem));
                for (const KafkaConfigValue& v : c.values)
                    if (!set.count(v.name)) set[v.name] = v.value;
            }
        }
        if (partitions < 1) return usage(QStringLiteral("--partitions must be at least 1"), p);
        if (client.value()->topic(topic, false))
            return fail(makeError(ErrorCode::AlreadyExists, QStringLiteral("topic '%1' exists").arg(topic)));
        const int rf = p.isSet(QStringLiteral("replication-factor"))
                           ? p.value(QStringLiteral("replication-factor")).toInt()
                           : -1;
        out() << "Create " << topic << ": " << partitions << " partition(s), replication factor "
              << (rf < 0 ? QStringLiteral("the cluster's default") : QString::number(rf)) << "\n";
        std::vector<QStringList> rows{{QStringLiteral("SETTING"), QStringLiteral("VALUE")}};
        for (const auto& [k, v] : set)
            rows.push_back({k, v});
        if (rows.size() > 1) out() << formatTable(rows, {false, false});
        if (!execute) return dryRun();
        if (auto r = client.value()->createTopic(topic, partitions, rf, prefix, unlocked, set); !r)
            return fail(r.error());
        out() << "Created " << topic << ".\n";
        return Ok;
    }
    auto info = client.value()->topic(topic, true);
    if (!info) return fail(info.error());
    if (p.isSet(QStringLiteral("delete"))) {
        qint64 records = 0;
        for (const auto& part : info->partitions)
            records += part.high - part.low;
        out() << "Delete " << topic << ": " << info->partitions.size() << " partition(s), " << records
              << " record offset(s) held. This cannot be undone.\n";
        if (p.value(QStringLiteral("confirm")) != topic)
            return execute
                       ? fail(makeError(ErrorCode::InvalidArgument,
                                        QStringLiteral("deleting needs --confirm %1 (the topic's name typed "
                                                       "again); nothing was deleted")
                                            .arg(topic)))
                       : dryRun();
        if (!execute) return dryRun();
        if (auto r = client.value()->deleteTopic(topic, prefix, unlocked); !r) return fail(r.error());
        out() << "Deleted " << topic << ".\n";
        return Ok;
    }
    if (p.isSet(QStringLiteral("add-partitions"))) {
        const int total = p.value(QStringLiteral("add-partitions")).toInt();
        const int now = static_cast<int>(info->partitions.size());
        if (total <= now)
            return fail(makeError(
                ErrorCode::InvalidArgument,
                QStringLiteral("'%1' has %2 partitions: Kafka can add partitions, never take them away")
                    .arg(topic)
                    .arg(now)));
        out() << "Grow " << topic << " from " << now << " to " << total << " partitions.\n"
              << "Keys will map to other partitions (murmur2(key) mod " << total << " instead of mod " << now
              << "): records written after this for a key may land in another partition than its earlier "
                 "ones, so "
                 "their order across the change is no longer kept, and consumers keyed by partition see the "
                 "key "
                 "move.\n";
        if (!execute) return dryRun();
        if (auto r = client.value()->addPartitions(topic, total, prefix, unlocked); !r)
            return fail(r.error());
        out() << "Grew " << topic << " to " << total << " partitions.\n";
        return Ok;
    }
    // Settings: the change against what the topic has now.
    QStringList names;
    for (const auto& [k, v] : set)
        names << k;
    names << unset;
    auto current = client.value()->topicConfigs({topic}, names);
    if (!current) return fail(current.error());
    std::map<QString, KafkaConfigValue> now;
    for (const KafkaTopicConfig& c : current.value()) {
        if (!c.problem.isEmpty()) return fail(makeError(c.problemCode, c.problem));
        for (const KafkaConfigValue& v : c.values)
            now[v.name] = v;
    }
    std::vector<QStringList> rows{
        {QStringLiteral("SETTING"), QStringLiteral("NOW"), QStringLiteral("AFTER")}};
    const auto shown = [&](const QString& name) {
        const auto it = now.find(name);
        if (it == now.end()) return QStringLiteral("(unknown setting)");
        return it->second.value + (it->second.setOnTopic ? QString() : QStringLiteral(" (default)"));
    };
    for (const auto& [k, v] : set)
        rows.push_back({k, shown(k), v});
    for (const QString& k : unset)
        rows.push_back({k, shown(k), QStringLiteral("(the cluster's default)")});
    out() << formatTable(rows, {false, false, false});
    if (!execute) return dryRun();
    if (auto r = client.value()->alterTopicConfig(topic, set, unset, prefix, unlocked); !r)
        return fail(r.error());
    out() << "Changed " << rows.size() - 1 << " setting(s) of " << topic << ".\n";
    return Ok;
}

int cmdGroup(const QStringList& args)
{
    QCommandLineParser p;
    addKafkaOptions(p);
    p.addOption({{QStringLiteral("g"), QStringLiteral("group")},
                 QStringLiteral("Consumer group (required)."),
                 QStringLiteral("group")});
    p.addOption(
        {QStringLiteral("delete"), QStringLiteral("Delete the group (its committed offsets with it).")});
    p.addOption({QStringLiteral("delete-offsets"),
                 QStringLiteral("Delete the group's committed offsets for this topic."),
                 QStringLiteral("topic")});
    p.addOption({QStringLiteral("copy-to"),
                 QStringLiteral("Copy the group's committed offsets to this new group."),
                 QStringLiteral("group")});
    p.addOption({QStringLiteral("execute"), QStringLiteral("Do it (default: only show the plan).")});
    if (int rc =
            parseOrExit(p, args,
                        QStringLiteral("Delete a consumer group, delete its offsets for a topic, or copy its "
                                       "offsets to a new group. Shows the plan; --execute does it. Refused "
                                       "while the group has members, and with a read-only profile."));
        rc >= 0)
        return rc;
    const int actions = int(p.isSet(QStringLiteral("delete"))) +
                        int(p.isSet(QStringLiteral("delete-offsets"))) +
                        int(p.isSet(QStringLiteral("copy-to")));
    if (!wantsKafka(p) || !p.isSet(QStringLiteral("group")) || actions != 1)
        return usage(QStringLiteral("group needs -b (or --profile), -g and one of --delete, --delete-offsets "
                                    "TOPIC, --copy-to GROUP"),
                     p);
    auto profile = kafkaProfileFrom(p);
    if (!profile) return fail(profile.error());
    if (profile->readOnly)
        return fail(makeError(
            ErrorCode::Refused,
            QStringLiteral("the profile '%1' is read-only: groups cannot be changed").arg(profile->name)));
    auto client = KafkaClient::connect(profile.value());
    if (!client) return fail(client.error());
    const QString group = p.value(QStringLiteral("group"));
    const bool execute = p.isSet(QStringLiteral("execute"));
    // The plan: what the group holds now, and what goes.
    auto lag = client.value()->groupLag(group);
    if (!lag) return fail(lag.error());
    std::vector<QStringList> rows{{QStringLiteral("TOPIC"), QStringLiteral("PARTITION"),
                                   QStringLiteral("COMMITTED"), QStringLiteral("AFTER")}};
    const QString topic = p.value(QStringLiteral("delete-offsets"));
    if (p.isSet(QStringLiteral("copy-to"))) {
        const QString to = p.value(QStringLiteral("copy-to"));
        auto plan = client.value()->planCopyOffsets(group, to);
        if (!plan) return fail(plan.error());
        rows[0] = {QStringLiteral("TOPIC"), QStringLiteral("PARTITION"), QStringLiteral("IN ") + to,
                   QStringLiteral("NEW")};
        for (const ResetPlanRow& r : plan.value())
            rows.push_back(
                {r.topic, QString::number(r.partition), QStringLiteral("-"), QString::number(r.target)});
        out() << formatTable(rows, {false, true, true, true});
        if (!execute) {
            out() << "Dry run: nothing changed. Add --execute to copy " << plan->size()
                  << " committed offsets to " << to << ".\n";
            return Ok;
        }
        if (auto r = client.value()->copyOffsets(group, to, plan.value()); !r) return fail(r.error());
        out() << "Copied " << plan->size() << " committed offsets of " << group << " to " << to << ".\n";
        return Ok;
    }
    int held = 0;
    for (const KafkaPartitionLag& l : lag.value()) {
        if (!l.committed || (!topic.isEmpty() && l.topic != topic)) continue;
        rows.push_back({l.topic, QString::number(l.partition), QString::number(*l.committed),
                        QStringLiteral("(deleted)")});
        ++held;
    }
    if (!topic.isEmpty() && held == 0)
        return fail(
            makeError(ErrorCode::NotFound,
                      QStringLiteral("group '%1' has no committed offsets for '%2'").arg(group, topic)));
    out() << formatTable(rows, {false, true, true, false});
    if (!execute) {
        out() << "Dry run: nothing changed. Add --execute to delete "
              << (topic.isEmpty()
                      ? QStringLiteral("group %1").arg(group)
                      : QStringLiteral("the %1 committed offsets of %2 for %3").arg(held).arg(group, topic))
              << ".\n";
        return Ok;
    }
    if (topic.isEmpty()) {
        if (auto r = client.value()->deleteGroup(group); !r) return fail(r.error());
        out() << "Deleted group " << group << ".\n";
        return Ok;
    }
    auto r = client.value()->deleteGroupOffsets(group, topic);
    if (!r) return fail(r.error());
    out() << "Deleted " << r.value() << " committed offsets of " << group << " for " << topic << ".\n";
    return Ok;
}

} // namespace rw::cli
