// rewind-cli: the command-line companion of Rewind; shares the engine with the GUI.

#include "cli_common.h"
#include "kafka_client.h"

#include <QCoreApplication>

#include <sqlite3.h>

#include <map>

using namespace rw::cli;

namespace {

const char* const kUsage = R"(Usage: rewind-cli <command> [options]

Commands:
  demo      create the demo workspace (a small shop's week of events)
  topics    list topics and partitions with watermarks and counts
  consume   print records (kcat-like: -t, -p, -o, -c, -J, -f)
  groups    consumer groups and their lag
  cluster   a Kafka cluster's brokers, replication problems, topic settings, groups and members
  import    import NDJSON (Rewind envelope or kcat -J output)
  export    export a range as NDJSON
  verify    full integrity check of a workspace, or damage report of a Kafka data directory
  replicas  what copies of a replicated cluster's data directories hold of each partition, compared
  search    records matching a filter (docs/filter-language.md), with a coverage report
  trace     an entity's history across topics (by key or JSON field), with field changes
  index     build the full-text index that text("…") filters use
  capture   copy a Kafka topic range into a workspace
  produce   produce records to a Kafka (sandbox) topic, like kcat -P
  reset     plan and apply a consumer group offset reset (Kafka)
  topic     create (or clone), delete, grow or change the settings of a Kafka topic
  group     delete a consumer group, its offsets for a topic, or copy them to a new group (Kafka)
  replay    plan, run or resume a replay job into a sandbox, exactly once (docs/replay-jobs.md)
  registry  a Schema Registry's subjects and versions; check, register, soft-delete a schema
  schemas   where a topic's writer schema changes: runs of offsets per schema (docs/schemas.md)
  mask      the workspace's masking policy: personal data that every export hides
  case      the cases a workspace keeps (pins, notes, time ranges), each pin found or missing

topics, consume and groups read a workspace file, or Kafka with -b <brokers> / --profile <file>
(and -X key=value for security settings; REWIND_SASL_PASSWORD, REWIND_SSL_KEY_PASSWORD and
REWIND_OIDC_CLIENT_SECRET supply secrets).
Wherever a workspace is read, a copy of a Kafka broker's data directory (log.dirs), one partition
folder or one .log segment works too: read in place, never written (docs/offline-segments.md).

Run 'rewind-cli <command> --help' for a command's options.

Exit codes: 0 success, 1 runtime error, 2 usage error, 3 unknown topic/partition/group/file,
4 workspace unusable (not a workspace, damaged, truncated, newer, read-only),
5 import finished but skipped bad lines, 6 input data could not be parsed, 7 no Kafka broker
answered, 8 Kafka refused the login or an ACL the access, 9 refused by a safety rule, 10 read with damage (a
Kafka data directory had damaged batches: their records are missing, and named on standard
error), 130 cancelled.
)";

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("rewind-cli"));
    QCoreApplication::setApplicationVersion(QStringLiteral(REWIND_VERSION));
    QStringList args = QCoreApplication::arguments();
    if (args.size() < 2 || args[1] == QLatin1String("-h") || args[1] == QLatin1String("--help") ||
        args[1] == QLatin1String("help")) {
        out() << kUsage;
        out().flush();
        return args.size() < 2 ? Usage : Ok;
    }
    if (args[1] == QLatin1String("--version") || args[1] == QLatin1String("-V")) {
        out() << "rewind-cli " << REWIND_VERSION << " (librdkafka " << rw::librdkafkaVersion() << ", SQLite "
              << sqlite3_libversion() << ", Qt " << qVersion() << ")" << Qt::endl;
        return Ok;
    }
    const std::map<QString, int (*)(const QStringList&)> commands = {
        {QStringLiteral("demo"), cmdDemo},         {QStringLiteral("topics"), cmdTopics},
        {QStringLiteral("consume"), cmdConsume},   {QStringLiteral("groups"), cmdGroups},
        {QStringLiteral("import"), cmdImport},     {QStringLiteral("export"), cmdExport},
        {QStringLiteral("verify"), cmdVerify},     {QStringLiteral("capture"), cmdCapture},
        {QStringLiteral("produce"), cmdProduce},   {QStringLiteral("cluster"), cmdCluster},
        {QStringLiteral("reset"), cmdReset},       {QStringLiteral("search"), cmdSearch},
        {QStringLiteral("trace"), cmdTrace},       {QStringLiteral("index"), cmdIndex},
        {QStringLiteral("replay"), cmdReplay},     {QStringLiteral("schemas"), cmdSchemas},
        {QStringLiteral("mask"), cmdMask},         {QStringLiteral("case"), cmdCase},
        {QStringLiteral("replicas"), cmdReplicas}, {QStringLiteral("group"), cmdGroup},
        {QStringLiteral("topic"), cmdTopic},       {QStringLiteral("registry"), cmdRegistry},
    };
    const QString name = args[1];
    auto it = commands.find(name);
    if (it == commands.end()) {
        err() << "rewind-cli: unknown command '" << name << "'\n\n" << kUsage;
        return Usage;
    }
    QStringList sub = args.mid(2);
    sub.prepend(QStringLiteral("rewind-cli ") + name);
    // Damage outside the topic a command reads (-t) is not its concern.
    for (qsizetype i = 1; i < sub.size(); ++i) {
        if ((sub[i] == QLatin1String("-t") || sub[i] == QLatin1String("--topic")) && i + 1 < sub.size())
            limitDamageReport(sub[i + 1]);
        else if (sub[i].startsWith(QLatin1String("--topic=")))
            limitDamageReport(sub[i].mid(8));
    }
    int rc = it->second(sub);
    if (name != QLatin1String("verify")) rc = reportDamage(rc); // verify prints its own report
    out().flush();
    err().flush();
    return rc;
}
