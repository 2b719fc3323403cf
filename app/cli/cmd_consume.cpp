// rewind-cli consume: kcat-like reading of a workspace.

#include "cli_common.h"
#include "envelope.h"
#include "header_codec.h"
#include "merged_reader.h"
#include "offset_spec.h"
#include "time_parse.h"

#include <QFile>

#include <csignal>
#include <cstdio>

namespace rw::cli {
namespace {

std::atomic_bool g_stop{false};
void onSignal(int)
{
    g_stop = true;
}

} // namespace

// kcat's format tokens: %t topic, %p partition, %o offset, %k key, %s value, %K key length,
// %S value length, %T timestamp (ms), %h headers (k=v,k=v), %%; escapes \n \t \\.
void appendFormatted(QByteArray& out, const QByteArray& fmt, const QString& topic, const RecordView& r)
{
    thread_local std::vector<HeaderView> headers; // views into the record
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
            out.append(topic.toUtf8());
            break;
        case 'p':
            out.append(QByteArray::number(r.partition));
            break;
        case 'o':
            out.append(QByteArray::number(r.offset));
            break;
        case 'k':
            if (!r.keyNull) out.append(r.key);
            break;
        case 's':
            if (!r.valueNull) out.append(r.value);
            break;
        case 'K':
            out.append(QByteArray::number(r.keyNull ? -1 : r.key.size()));
            break;
        case 'S':
            out.append(QByteArray::number(r.valueNull ? -1 : r.value.size()));
            break;
        case 'T':
            out.append(QByteArray::number(r.timestamp));
            break;
        case 'h': {
            headers.clear();
            if (!r.headersBlob.isEmpty() && !decodeHeaderViews(r.headersBlob, headers)) headers.clear();
            bool first = true;
            for (const HeaderView& h : headers) {
                if (!first) out.append(',');
                first = false;
                out.append(h.key).append('=');
                if (!h.valueNull) out.append(h.value);
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
    addMaskOptions(p);
    if (int rc = parseOrExit(p, args,
                             QStringLiteral("Print records of a topic in a workspace or, with -b/--profile, "
                                            "in Kafka (like kcat -C; without "
                                            "-e it then keeps reading new records until interrupted)."));
        rc >= 0)
        return rc;
    if (!p.isSet(topicOpt)) return usage(QStringLiteral("consume needs -t <topic>"), p);
    if (p.isSet(jsonOpt) && p.isSet(fmtOpt)) return usage(QStringLiteral("-J and -f cannot be combined"), p);
    if (!wantsKafka(p) && p.positionalArguments().size() != 1)
        return usage(QStringLiteral("consume needs exactly one workspace file (or -b for Kafka)"), p);

    auto request = streamRequestFrom(p);
    if (!request) return usage(request.error().message, p);

    std::signal(SIGINT, onSignal);
    std::signal(SIGTERM, onSignal);
    auto source = openNamedSource(p, &g_stop);
    if (!source) return fail(source.error());
    StreamRequest req = request.value();
    // Like kcat: on a live source, without -e keep reading new records until interrupted.
    req.follow = source.value()->capabilities().live && !p.isSet(exitOpt);
    auto masker = maskerFor(p, *source.value());
    if (!masker) return fail(masker.error());
    const QByteArray fmt = p.isSet(fmtOpt) ? p.value(fmtOpt).toUtf8() : QByteArray("%s\\n");
    const bool asJson = p.isSet(jsonOpt);
    QFile stdoutFile;
    if (!stdoutFile.open(stdout, QIODevice::WriteOnly))
        return fail(makeError(ErrorCode::Io, QStringLiteral("cannot write to standard output")));
    QByteArray buf;
    std::optional<Error> failed;
    auto flush = [&] {
        if (stdoutFile.write(buf) != buf.size()) {
            failed =
                makeError(ErrorCode::Io, QStringLiteral("writing output: %1").arg(stdoutFile.errorString()));
            return false;
        }
        stdoutFile.flush();
        buf.clear();
        return true;
    };
    RecordView shown;
    auto rep = source.value()->stream(
        req,
        [&](const QString& topic, const RecordView& v) {
            if (auto m = masker->record(topic, v, shown); !m) {
                failed = m.error();
                return false;
            }
            if (asJson) {
                if (auto a = appendEnvelope(buf, topic, shown); !a) {
                    failed = a.error();
                    return false;
                }
                buf.append('\n');
            } else {
                appendFormatted(buf, fmt, topic, shown);
            }
            if (buf.size() > (256 << 10) || req.follow) return flush();
            return true;
        },
        &g_stop);
    if (!failed) flush();
    if (failed) return fail(*failed);
    if (!rep) return fail(rep.error());
    if (int rc = reportUnmatchedMasks(*masker); rc != Ok) return rc;
    return rep->cancelled ? Cancelled : Ok;
}

} // namespace rw::cli
