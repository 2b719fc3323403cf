// rewind-cli consume: kcat-like reading of a workspace.

#include "cli_common.h"
#include "envelope.h"
#include "merged_reader.h"
#include "offset_spec.h"
#include "time_parse.h"

#include <QFile>

#include <cstdio>

namespace rw::cli {
namespace {

} // namespace

// kcat's format tokens: %t topic, %p partition, %o offset, %k key, %s value, %K key length,
// %S value length, %T timestamp (ms), %h headers (k=v,k=v), %%; escapes \n \t \\.
void appendFormatted(QByteArray& out, const QByteArray& fmt, const Record& r)
{
    for (qsizetype i = 0; i < fmt.size(); ++i) {
        const char c = fmt[i];
        if (c == '\\' && i + 1 < fmt.size()) {
            const char e = fmt[++i];
            out.append(e == 'n' ? '\n' : e == 't' ? '\t' : e == '0' ? '\0' : e);
            continue;
        }
        if (c != '%' || i + 1 >= fmt.size()) {
            out.append(c);
            continue;
        }
        switch (fmt[++i]) {
        case 't':
            out.append(r.topic.toUtf8());
            break;
        case 'p':
            out.append(QByteArray::number(r.partition));
            break;
        case 'o':
            out.append(QByteArray::number(r.offset));
            break;
        case 'k':
            if (r.key) out.append(*r.key);
            break;
        case 's':
            if (r.value) out.append(*r.value);
            break;
        case 'K':
            out.append(QByteArray::number(r.key ? r.key->size() : -1));
            break;
        case 'S':
            out.append(QByteArray::number(r.value ? r.value->size() : -1));
            break;
        case 'T':
            out.append(QByteArray::number(r.timestamp));
            break;
        case 'h': {
            bool first = true;
            for (const Header& h : r.headers) {
                if (!first) out.append(',');
                first = false;
                out.append(h.key).append('=');
                if (h.value) out.append(*h.value);
            }
            break;
        }
        case '%':
            out.append('%');
            break;
        default:
            out.append('%').append(fmt[i]);
        }
    }
}

int cmdConsume(const QStringList& args)
{
    QCommandLineParser p;
    p.addPositionalArgument(
        QStringLiteral("workspace"),
        QStringLiteral("The workspace file, or a Kafka data directory or .log segment (read-only)."));
    const QCommandLineOption topicOpt({QStringLiteral("t"), QStringLiteral("topic")},
                                      QStringLiteral("Topic to read (required)."), QStringLiteral("topic"));
    const QCommandLineOption partOpt({QStringLiteral("p"), QStringLiteral("partition")},
                                     QStringLiteral("Partition (default: all, merged in time order)."),
                                     QStringLiteral("n"));
    const QCommandLineOption offsetOpt(
        {QStringLiteral("o"), QStringLiteral("offset")},
        QStringLiteral(
            "Start: beginning, end, <offset>, -<N> (N before the end of each partition), "
            "@<time> or s@<time> (epoch ms, ISO-8601, now-2h). Give e@<time> as a second -o to stop "
            "before that time."),
        QStringLiteral("spec"));
    const QCommandLineOption countOpt({QStringLiteral("c"), QStringLiteral("count")},
                                      QStringLiteral("Stop after this many records in total."),
                                      QStringLiteral("n"));
    const QCommandLineOption jsonOpt(
        QStringLiteral("J"), QStringLiteral("Print each record as an NDJSON envelope (docs/envelope.md)."));
    const QCommandLineOption fmtOpt(QStringLiteral("f"),
                                    QStringLiteral("Format string: %t %p %o %k %s %K %S %T %h, \\n \\t."),
                                    QStringLiteral("format"));
    const QCommandLineOption exitOpt(
        QStringLiteral("e"),
        QStringLiteral("Exit at the end of the data (always so for workspaces; for kcat compatibility)."));
    const QCommandLineOption quietOpt(QStringLiteral("q"),
                                      QStringLiteral("Quiet (accepted for kcat compatibility)."));
    p.addOptions({topicOpt, partOpt, offsetOpt, countOpt, jsonOpt, fmtOpt, exitOpt, quietOpt});
    addKafkaOptions(p);
    addSchemaRegistryOptions(p);
    if (int rc = parseOrExit(p, args,
                             QStringLiteral("Print records of a topic in a workspace or, with -b/--profile, "
                                            "in Kafka (like kcat -C; without "
                                            "-e it then keeps reading new records until interrupted)."));
        rc >= 0)
        return rc;
    if (!p.isSet(topicOpt)) return usage(QStringLiteral("consume needs -t <topic>"), p);
    if (p.isSet(jsonOpt) && p.isSet(fmtOpt)) return usage(QStringLiteral("-J and -f cannot be combined"), p);
    if (wantsKafka(p)) {
        auto profile = kafkaProfileFrom(p);
        if (!profile) return fail(profile.error());
        return kafkaConsume(p, profile.value(),
                            p.isSet(fmtOpt) ? p.value(fmtOpt).toUtf8() : QByteArray("%s\\n"),
                            p.isSet(jsonOpt));
    }
    if (p.positionalArguments().size() != 1)
        return usage(QStringLiteral("consume needs exactly one workspace file (or -b for Kafka)"), p);
    if (!p.isSet(topicOpt)) return usage(QStringLiteral("consume needs -t <topic>"), p);
    if (p.isSet(jsonOpt) && p.isSet(fmtOpt)) return usage(QStringLiteral("-J and -f cannot be combined"), p);

    OffsetSpec start;
    std::optional<TimestampMs> stopTime;
    for (const QString& spec : p.values(offsetOpt)) {
        auto s = parseOffsetSpec(spec, currentTimeMs());
        if (!s) return usage(s.error().message, p);
        if (s->kind == OffsetSpec::StopAtTime)
            stopTime = s->value;
        else
            start = s.value();
    }
    qint64 count = -1;
    if (p.isSet(countOpt)) {
        bool ok = false;
        count = p.value(countOpt).toLongLong(&ok);
        if (!ok || count < 0) return usage(QStringLiteral("-c needs a non-negative number"), p);
    }
    std::optional<PartitionId> partition;
    if (p.isSet(partOpt)) {
        bool ok = false;
        const int n = p.value(partOpt).toInt(&ok);
        if (!ok || n < 0) return usage(QStringLiteral("-p needs a partition number"), p);
        partition = n;
    }

    auto files = schemaFilesFrom(p);
    if (!files) return usage(files.error().message, p);
    auto store = openSource(p.positionalArguments().first(), false, schemaRegistryFrom(p), files.value());
    if (!store) return fail(store.error());
    const QString topicName = p.value(topicOpt);
    auto topic = store.value()->topic(topicName);
    if (!topic) return fail(topic.error());
    if (partition && static_cast<size_t>(*partition) >= topic->partitions.size())
        return fail(
            makeError(ErrorCode::NotFound, QStringLiteral("topic '%1' has no partition %2 (it has %3)")
                                               .arg(topicName)
                                               .arg(*partition)
                                               .arg(topic->partitions.size())));
    std::vector<PartitionRange> ranges;
    for (const PartitionInfo& pi : topic->partitions) {
        if (partition && pi.partition != *partition) continue;
        PartitionRange r{topicName, pi.partition, pi.low, pi.high};
        switch (start.kind) {
        case OffsetSpec::Beginning:
            break;
        case OffsetSpec::End:
            r.from = pi.high;
            break;
        case OffsetSpec::Absolute:
            r.from = std::max<Offset>(start.value, pi.low);
            break;
        case OffsetSpec::FromEnd:
            r.from = std::max<Offset>(pi.low, pi.high - start.value);
            break;
        case OffsetSpec::StopAtTime:
            break; // handled below
        case OffsetSpec::Time: {
            auto o = store.value()->offsetForTime(topicName, pi.partition, start.value);
            if (!o) return fail(o.error());
            r.from = o.value().value_or(pi.high);
            break;
        }
        }
        if (stopTime) { // kcat's e@: stop each partition at its first record at/after that time
            auto o = store.value()->offsetForTime(topicName, pi.partition, *stopTime);
            if (!o) return fail(o.error());
            r.to = o.value().value_or(pi.high);
        }
        ranges.push_back(r);
    }
    MergedReader reader(*store.value(), ranges);
    const QByteArray fmt = p.isSet(fmtOpt) ? p.value(fmtOpt).toUtf8() : QByteArray("%s\\n");
    const bool asJson = p.isSet(jsonOpt);
    QFile stdoutFile;
    if (!stdoutFile.open(stdout, QIODevice::WriteOnly))
        return fail(makeError(ErrorCode::Io, QStringLiteral("cannot write to standard output")));
    QByteArray buf;
    qint64 n = 0;
    Record rec;
    while (count < 0 || n < count) {
        auto more = reader.next(rec);
        if (!more) return fail(more.error());
        if (!more.value()) break;
        if (asJson) {
            appendEnvelope(buf, rec);
            buf.append('\n');
        } else {
            appendFormatted(buf, fmt, rec);
        }
        ++n;
        if (buf.size() > (256 << 10)) {
            if (stdoutFile.write(buf) != buf.size())
                return fail(makeError(ErrorCode::Io,
                                      QStringLiteral("writing output: %1").arg(stdoutFile.errorString())));
            buf.clear();
        }
    }
    if (stdoutFile.write(buf) != buf.size())
        return fail(
            makeError(ErrorCode::Io, QStringLiteral("writing output: %1").arg(stdoutFile.errorString())));
    stdoutFile.flush();
    return Ok;
}

} // namespace rw::cli
