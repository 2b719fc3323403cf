// rewind-cli search and trace.

#include "cli_common.h"
#include "envelope.h"
#include "header_codec.h"
#include "json.h"
#include "json_diff.h"
#include "search.h"
#include "time_parse.h"
#include "trace.h"

#include <QFile>
#include <QRegularExpression>

#include <csignal>

namespace rw::cli {

namespace {

std::atomic_bool g_stop{false};
void onSignal(int)
{
    g_stop = true;
}

// "column N: message" with the filter and a caret under the column.
int filterError(const Error& e, const QString& text)
{
    const int col = Filter::errorColumn(e);
    err() << "rewind-cli: invalid filter: " << e.message << '\n';
    if (col > 0 && !text.contains(QLatin1Char('\n')) && text.size() < 300)
        err() << "  " << text << "\n  " << QString(col - 1, QLatin1Char(' ')) << "^\n";
    err().flush();
    return BadInput;
}

void addPartitionerOptions(QCommandLineParser& p)
{
    p.addOption({QStringLiteral("key-partitioner"),
                 QStringLiteral("For a key lookup, read only the partition this partitioner picks: murmur2 "
                                "(Java clients) or crc32 (librdkafka, kcat). Checked on a sample of a "
                                "workspace first. Default: none, every partition is read."),
                 QStringLiteral("name"), QStringLiteral("none")});
    p.addOption({QStringLiteral("all-partitions"),
                 QStringLiteral("Read every partition for a key lookup (the default; kept for scripts).")});
}

bool partitionerFrom(const QCommandLineParser& p, KeyPartitioner& out)
{
    if (p.isSet(QStringLiteral("all-partitions"))) {
        out = KeyPartitioner::None;
        return true;
    }
    return parsePartitioner(p.value(QStringLiteral("key-partitioner")), out);
}

Result<SearchReport> run(RecordSource& src, const Filter& f, const SearchOptions& o, const SearchSink& sink)
{
    std::signal(SIGINT, onSignal);
    return src.search(f, o, sink, &g_stop);
}

} // namespace

int cmdSearch(const QStringList& args)
{
    QCommandLineParser p;
    addKafkaOptions(p);
    p.addPositionalArgument(QStringLiteral("workspace"),
                            QStringLiteral("Workspace file (or -b/--profile for Kafka)."));
    p.addOption({{QStringLiteral("e"), QStringLiteral("expression")},
                 QStringLiteral("Filter (docs/filter-language.md)."),
                 QStringLiteral("filter")});
    p.addOption({{QStringLiteral("t"), QStringLiteral("topic")},
                 QStringLiteral("Only this topic."),
                 QStringLiteral("topic")});
    p.addOption({{QStringLiteral("p"), QStringLiteral("partition")},
                 QStringLiteral("Only this partition."),
                 QStringLiteral("n")});
    p.addOption({{QStringLiteral("c"), QStringLiteral("count")},
                 QStringLiteral("Stop after this many matches."),
                 QStringLiteral("n")});
    p.addOption(
        {QStringLiteral("no-pushdown"),
         QStringLiteral("Read every record of every partition (no time, partition or key shortcuts).")});
    addPartitionerOptions(p);
    p.addOption({{QStringLiteral("q"), QStringLiteral("quiet")},
                 QStringLiteral("No coverage report on standard error.")});
    p.addOption({QStringLiteral("save-state"),
                 QStringLiteral("Write where the search stopped (also after -c or Ctrl-C) to FILE."),
                 QStringLiteral("file")});
    p.addOption({QStringLiteral("resume"),
                 QStringLiteral("Continue a search saved with --save-state (same filter)."),
                 QStringLiteral("file")});
    addSchemaRegistryOptions(p);
    addMaskOptions(p);
    if (int rc = parseOrExit(
            p, args,
            QStringLiteral("Print the records matching a filter as NDJSON envelopes, and report on standard "
                           "error what was scanned: per partition, offsets, times, matches, records the "
                           "filter could not evaluate, and whether the scan was complete."));
        rc >= 0)
        return rc;
    if (!p.isSet(QStringLiteral("expression"))) return usage(QStringLiteral("search needs -e <filter>"), p);
    const QString text = p.value(QStringLiteral("expression"));
    auto f = Filter::compile(text, currentTimeMs());
    if (!f) return filterError(f.error(), text);
    SearchOptions o;
    o.topic = p.value(QStringLiteral("topic"));
    if (p.isSet(QStringLiteral("partition"))) o.partition = p.value(QStringLiteral("partition")).toInt();
    if (p.isSet(QStringLiteral("count"))) o.maxMatches = p.value(QStringLiteral("count")).toLongLong();
    o.pushdown = !p.isSet(QStringLiteral("no-pushdown"));
    if (!partitionerFrom(p, o.keyPartitioner))
        return usage(QStringLiteral("--key-partitioner takes murmur2, crc32 or none"), p);
    if (p.isSet(QStringLiteral("resume"))) {
        QFile stateFile(p.value(QStringLiteral("resume")));
        if (!stateFile.open(QIODevice::ReadOnly))
            return fail(makeError(
                ErrorCode::NotFound,
                QStringLiteral("cannot read %1: %2").arg(stateFile.fileName(), stateFile.errorString())));
        auto state = searchStateFromJson(stateFile.read(16 << 20), text);
        if (!state) return fail(state.error());
        o.resume = std::move(state.value());
    }
    auto src = openNamedSource(p);
    if (!src)
        return src.error().code == ErrorCode::InvalidArgument ? usage(src.error().message, p)
                                                              : fail(src.error());
    if (!src.value()->capabilities().resumableSearch &&
        (p.isSet(QStringLiteral("resume")) || p.isSet(QStringLiteral("save-state"))))
        return usage(QStringLiteral("--resume and --save-state work on workspaces (Kafka searches restart)"),
                     p);
    auto masker = maskerFor(p, *src.value());
    if (!masker) return fail(masker.error());
    QFile stdoutFile;
    if (!stdoutFile.open(stdout, QIODevice::WriteOnly))
        return fail(makeError(ErrorCode::Io, QStringLiteral("cannot write to standard output")));
    QByteArray buf;
    std::optional<Error> failed;
    RecordView shown;
    auto rep = run(*src.value(), f.value(), o, [&](const QString& topic, const RecordView& v) {
        // The filter saw the record in clear; what is printed is masked.
        if (auto m = masker->record(topic, v, shown); !m) {
            failed = m.error();
            return false;
        }
        (void)appendEnvelope(buf, topic, shown);
        buf.append('\n');
        if (buf.size() > (256 << 10)) {
            stdoutFile.write(buf);
            buf.clear();
        }
        return true;
    });
    stdoutFile.write(buf);
    stdoutFile.flush();
    if (failed) return fail(*failed);
    if (!rep) return fail(rep.error());
    if (int rc = reportUnmatchedMasks(*masker); rc != Ok) return rc;
    if (!p.isSet(QStringLiteral("quiet"))) err() << describeCoverage(rep.value()) << Qt::flush;
    if (p.isSet(QStringLiteral("save-state"))) {
        QFile stateFile(p.value(QStringLiteral("save-state")));
        if (!stateFile.open(QIODevice::WriteOnly | QIODevice::Truncate) ||
            stateFile.write(searchStateJson(text, rep.value())) < 0)
            return fail(makeError(
                ErrorCode::Io,
                QStringLiteral("cannot write %1: %2").arg(stateFile.fileName(), stateFile.errorString())));
    }
    return rep->cancelled ? Cancelled : Ok;
}

int cmdTrace(const QStringList& args)
{
    QCommandLineParser p;
    addKafkaOptions(p);
    p.addPositionalArgument(QStringLiteral("workspace"),
                            QStringLiteral("Workspace file (or -b/--profile for Kafka)."));
    p.addOption({{QStringLiteral("k"), QStringLiteral("key")},
                 QStringLiteral("Every event with this key."),
                 QStringLiteral("key")});
    p.addOption({QStringLiteral("field"),
                 QStringLiteral("Every event whose JSON value has NAME == VALUE (e.g. order_id=o-123)."),
                 QStringLiteral("name=value")});
    p.addOption({{QStringLiteral("t"), QStringLiteral("topic")},
                 QStringLiteral("Only this topic (default: all)."),
                 QStringLiteral("topic")});
    addPartitionerOptions(p);
    p.addOption({QStringLiteral("identity"),
                 QStringLiteral("The JSON field that names an event (default event_id): a second record with "
                                "the same value is a redelivery, not a second event."),
                 QStringLiteral("field")});
    p.addOption({QStringLiteral("all-fields"),
                 QStringLiteral("Also show fields that change on every event (event_id, occurred_at).")});
    p.addOption({QStringLiteral("J"),
                 QStringLiteral("NDJSON: one line per event with its envelope and its changes.")});
    addSchemaRegistryOptions(p);
    addMaskOptions(p);
    if (int rc = parseOrExit(
            p, args,
            QStringLiteral("An entity's history across topics: every event with a key (or a JSON field "
                           "value) in time order, with what changed since the previous event."));
        rc >= 0)
        return rc;
    if (p.isSet(QStringLiteral("key")) == p.isSet(QStringLiteral("field")))
        return usage(QStringLiteral("trace needs either -k <key> or --field name=value"), p);
    TraceQuery q;
    if (p.isSet(QStringLiteral("key"))) {
        q.key = p.value(QStringLiteral("key")).toUtf8();
    } else {
        const QString fv = p.value(QStringLiteral("field"));
        const qsizetype eq = fv.indexOf(QLatin1Char('='));
        if (eq <= 0) return usage(QStringLiteral("--field needs name=value (e.g. order_id=o-123)"), p);
        q.field = fv.left(eq);
        q.value = fv.mid(eq + 1);
    }
    q.topic = p.value(QStringLiteral("topic"));
    if (!partitionerFrom(p, q.keyPartitioner))
        return usage(QStringLiteral("--key-partitioner takes murmur2, crc32 or none"), p);
    q.allFields = p.isSet(QStringLiteral("all-fields"));
    if (p.isSet(QStringLiteral("identity"))) q.identityField = p.value(QStringLiteral("identity"));
    if (auto t = traceFilterText(q); !t) return usage(t.error().message, p);
    auto src = openNamedSource(p);
    if (!src)
        return src.error().code == ErrorCode::InvalidArgument ? usage(src.error().message, p)
                                                              : fail(src.error());
    auto masker = maskerFor(p, *src.value());
    if (!masker) return fail(masker.error());
    std::optional<Error> failed;
    RecordView shown;
    auto traced = runTrace(q, [&](const Filter& f, const SearchOptions& o, const SearchSink& sink) {
        // Events are found in clear and told masked: a masked field shows no change.
        return run(*src.value(), f, o, [&](const QString& topic, const RecordView& v) {
            if (auto m = masker->record(topic, v, shown); !m) {
                failed = m.error();
                return false;
            }
            return sink(topic, shown);
        });
    });
    if (failed) return fail(*failed);
    if (!traced) return fail(traced.error());
    const TraceResult& tr = traced.value();
    const SearchReport* rep = &tr.report;
    QByteArray line;
    for (const TraceEvent& e : tr.events) {
        const Record& r = e.record;
        const std::vector<FieldChange>& changes = e.changes;
        if (p.isSet(QStringLiteral("J"))) {
            line = "{\"record\":";
            appendEnvelope(line, r);
            line += ",\"changes\":[";
            for (size_t i = 0; i < changes.size(); ++i) {
                const FieldChange& c = changes[i];
                line += i ? "," : "";
                line += "{\"path\":";
                json::appendString(line, c.path.toUtf8());
                line += c.kind == FieldChange::Added     ? ",\"kind\":\"added\""
                        : c.kind == FieldChange::Removed ? ",\"kind\":\"removed\""
                                                         : ",\"kind\":\"changed\"";
                line += ",\"before\":";
                json::appendString(line, c.before.toUtf8());
                line += ",\"after\":";
                json::appendString(line, c.after.toUtf8());
                line += "}";
            }
            line += "]";
            if (e.redeliveryOf >= 0) line += ",\"redelivery\":true";
            line += "}";
            out() << line << '\n';
        } else if (e.redeliveryOf >= 0) {
            const Record& of = tr.events[static_cast<size_t>(e.redeliveryOf)].record;
            out() << formatTime(r.timestamp) << "  " << r.topic << '-' << r.partition << '@' << r.offset
                  << "  " << e.type << "  (redelivery of " << of.topic << '-' << of.partition << '@'
                  << of.offset << ", the same " << q.identityField << ": not a second event)\n";
        } else {
            out() << formatTime(r.timestamp) << "  " << r.topic << '-' << r.partition << '@' << r.offset
                  << "  " << e.type << '\n';
            for (const FieldChange& c : changes) {
                if (c.kind == FieldChange::Added)
                    out() << "    + " << c.path << " = " << c.after << '\n';
                else if (c.kind == FieldChange::Removed)
                    out() << "    - " << c.path << " (was " << c.before << ")\n";
                else
                    out() << "    ~ " << c.path << ": " << c.before << " -> " << c.after << '\n';
            }
        }
    }
    out().flush();
    const TraceStory story = traceStory(tr.events);
    if (!story.summary.isEmpty()) err() << story.summary << '\n';
    err() << tr.events.size() << " records" << (tr.truncated ? " (stopped at the limit)" : "");
    if (rep->errors) err() << "; " << rep->errors << " records could not be evaluated";
    for (const QString& a : rep->assumptions)
        err() << "\nassumption: " << a;
    err() << Qt::endl;
    if (int rc = reportUnmatchedMasks(*masker); rc != Ok) return rc;
    return rep->cancelled ? Cancelled : Ok;
}

} // namespace rw::cli
