#pragma once
// Shared pieces of rewind-cli's commands: exit codes, output, workspace opening. Main thread.

#include "kafka_profile.h"
#include "mask_policy.h"
#include "record_source.h"
#include "result.h"
#include "workspace_store.h"

#include <QCommandLineParser>
#include <QStringList>
#include <QTextStream>

namespace rw::cli {

// Exit codes (also in `rewind-cli --help` and README.md).
enum Exit : int {
    Ok = 0,
    Failure = 1,         // I/O or other runtime error
    Usage = 2,           // bad arguments
    NotFound = 3,        // unknown topic, partition, group or file
    BadWorkspace = 4,    // not a workspace, damaged, truncated, newer schema, read-only
    PartialImport = 5,   // import finished but skipped bad lines (--skip-bad)
    BadInput = 6,        // input data (NDJSON, times) could not be parsed
    Unreachable = 7,     // no Kafka broker answered in time
    AuthFailed = 8,      // Kafka authentication failed
    Refused = 9,         // refused by a safety rule (read-only profile, non-sandbox topic, live group)
    ReadWithDamage = 10, // finished, but a data directory had damage: records missing (on stderr)
    Cancelled = 130,
};

QTextStream& out();
QTextStream& err();

int exitFor(const Error& e);
int fail(const Error& e); // prints "rewind-cli: <message>" and maps the code
int usage(const QString& message, const QCommandLineParser& parser);

// Parses args (args[0] is "rewind-cli <command>"); handles --help. Returns -1 to go on.
int parseOrExit(QCommandLineParser& parser, const QStringList& args, const QString& description);

// Opens a workspace file or a Kafka data directory to read it. A source opened here is
// remembered, so that after the command reportDamage() can say what could not be read.
Result<std::shared_ptr<RecordSource>> openSource(const QString& path, bool showInternalTopics = false,
                                                 std::optional<RegistryConfig> registry = std::nullopt,
                                                 std::vector<SchemaFile> schemaFiles = {});
// -t, -p, -o (kcat's grammar; a second -o e@<time> stops) and -c as a stream request (consume,
// capture). Errors are usage errors.
Result<StreamRequest> streamRequestFrom(const QCommandLineParser& p);
// The source a reading command names: -b/--profile (a cluster, with the registry and schema files
// given) or one positional path (a workspace, a data directory or segment). Remembered like
// openSource's, so that after the command its undecoded records are summed up on stderr.
Result<std::shared_ptr<RecordSource>> openNamedSource(const QCommandLineParser& p,
                                                      const std::atomic_bool* cancel = nullptr);
// Personal data in what a reading command prints: the source's masking policy (a workspace's own,
// a profile's) with what --mask PATH / --mask-header NAME add, unless --unmasked. One mechanism
// with export's (mask_policy.h). A value that is not a JSON object cannot be masked field by field:
// it is printed as "***" whole, and counted.
void addMaskOptions(QCommandLineParser& parser);
class OutputMasker {
public:
    OutputMasker(const MaskPolicy& policy, const MaskPolicy& given);
    // `in` as printed: `out` points into `in` or into this masker's buffers until the next call.
    Result<void> record(const QString& topic, const RecordView& in, RecordView& out);
    const MaskPolicy& given() const { return m_given; }
    QStringList unmatched() const { return m_masker.unmatched(); }
    qint64 hiddenWhole() const { return m_hiddenWhole; }

private:
    MaskPolicy m_given;
    Masker m_masker, m_headersOnly;
    qint64 m_hiddenWhole = 0;
};
Result<OutputMasker> maskerFor(const QCommandLineParser& parser, RecordSource& source);
// After the command: paths given with --mask that matched nothing (a typo?) make it exit 9;
// values hidden whole are said on stderr.
int reportUnmatchedMasks(const OutputMasker& masker);
// --schema-registry URL and --schema-registry-user NAME (the password from the environment,
// REWIND_SCHEMA_REGISTRY_PASSWORD): records in the Schema Registry wire format are decoded.
// Also --schema-file TOPIC=PATH[#Message] (repeatable): values of TOPIC not in the wire format are
// decoded with that .avsc, .proto or descriptor set.
void addSchemaRegistryOptions(QCommandLineParser& parser);
// --schema-registry URL (its help says what the command uses it for) and --schema-registry-user.
void addRegistryOptions(QCommandLineParser& parser, const QString& urlHelp);
std::optional<RegistryConfig> schemaRegistryFrom(const QCommandLineParser& parser);
Result<std::vector<SchemaFile>> schemaFilesFrom(const QCommandLineParser& parser);
// Opens a workspace file itself (commands that write it or need its own features).
Result<std::unique_ptr<WorkspaceStore>> openWorkspace(const QString& path, WorkspaceStore::Mode mode);
// Only damage in these topics' partition folders concerns this command (default: all of it).
void limitDamageReport(const QString& topic);
// Prints every problem met in the data directories the command read (file, byte, what was lost)
// to stderr; a successful exit becomes ReadWithDamage when there was any.
int reportDamage(int rc);

QString formatTime(TimestampMs ms); // UTC, ISO-8601 with milliseconds
QString formatTable(const std::vector<QStringList>& rows, const std::vector<bool>& rightAlign);
QString fmtList(const std::vector<int>& v); // "1,2,3": broker ids of replicas and ISRs

int cmdDemo(const QStringList& args);
int cmdTopics(const QStringList& args);
int cmdConsume(const QStringList& args);
int cmdGroups(const QStringList& args);
int cmdImport(const QStringList& args);
int cmdExport(const QStringList& args);
int cmdVerify(const QStringList& args);
int cmdReplicas(const QStringList& args);
int cmdCapture(const QStringList& args);
int cmdProduce(const QStringList& args);
int cmdCluster(const QStringList& args);
int cmdReset(const QStringList& args);
int cmdGroup(const QStringList& args);
int cmdTopic(const QStringList& args);
int cmdRegistry(const QStringList& args);
int cmdSearch(const QStringList& args);
int cmdTrace(const QStringList& args);
int cmdIndex(const QStringList& args);
int cmdReplay(const QStringList& args);
int cmdSchemas(const QStringList& args);
int cmdMask(const QStringList& args);
int cmdCase(const QStringList& args);

// Kafka sources (cmd_kafka.cpp).
void addKafkaOptions(QCommandLineParser& p);
bool wantsKafka(const QCommandLineParser& p);
Result<KafkaProfile> kafkaProfileFrom(const QCommandLineParser& p);
int kafkaTopics(const QCommandLineParser& p, const KafkaProfile& profile);
int kafkaGroups(const QCommandLineParser& p, const KafkaProfile& profile);
// kcat's -f format tokens (cmd_consume.cpp).
void appendFormatted(QByteArray& out, const QByteArray& fmt, const QString& topic, const RecordView& r);

} // namespace rw::cli
