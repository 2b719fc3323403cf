#include "ndjson_io.h"

#include "envelope.h"
#include "murmur2.h"
#include "time_parse.h"

#include <QFileDevice>
#include <QHash>

namespace rw {
namespace {

// Splits a device into lines without an upper bound on the input size, with a cap per line.
class LineReader {
public:
    LineReader(QIODevice& in, qint64 maxLine) : m_in(in), m_maxLine(maxLine) {}

    enum class Status { Line, End, TooLong, IoError };

    Status next(QByteArray& line)
    {
        while (true) {
            const qsizetype nl = m_buf.indexOf('\n', m_pos);
            if (nl >= 0) {
                qsizetype end = nl;
                if (end > m_pos && m_buf[end - 1] == '\r') --end;
                const qsizetype start = m_pos;
                m_pos = nl + 1;
                if (end - start > m_maxLine) return Status::TooLong;
                line = m_buf.mid(start, end - start);
                return Status::Line;
            }
            if (m_buf.size() - m_pos > m_maxLine) {
                // Skip the rest of this over-long line.
                m_skipping = true;
                m_buf.clear();
                m_pos = 0;
            }
            if (m_pos > 0) {
                m_buf.remove(0, m_pos);
                m_pos = 0;
            }
            const QByteArray chunk = m_in.read(4 << 20);
            if (chunk.isEmpty()) {
                if (auto* f = qobject_cast<QFileDevice*>(&m_in); f && f->error() != QFileDevice::NoError)
                    return Status::IoError;
                if (m_skipping) {
                    m_skipping = false;
                    m_buf.clear();
                    return Status::TooLong;
                }
                if (m_buf.isEmpty()) return Status::End;
                line = m_buf;
                if (line.endsWith('\r')) line.chop(1);
                m_buf.clear();
                return Status::Line;
            }
            m_bytes += chunk.size();
            if (m_skipping) {
                const qsizetype nl2 = chunk.indexOf('\n');
                if (nl2 < 0) continue;
                m_skipping = false;
                m_buf = chunk.mid(nl2 + 1);
                m_pos = 0;
                return Status::TooLong;
            }
            m_buf.append(chunk);
        }
    }
    qint64 bytesRead() const { return m_bytes; }

private:
    QIODevice& m_in;
    qint64 m_maxLine;
    QByteArray m_buf;
    qsizetype m_pos = 0;
    qint64 m_bytes = 0;
    bool m_skipping = false;
};

} // namespace

Result<ImportReport> importNdjson(WorkspaceStore& store, QIODevice& in, const ImportOptions& options)
{
    ImportReport report;
    if (auto r = store.begin(); !r) return r.error();
    auto abort = [&](Error e) -> Result<ImportReport> {
        store.rollback();
        return e;
    };
    auto existing = store.topics();
    if (!existing) return abort(existing.error());
    QHash<QString, int> partitionsOf;
    for (const TopicInfo& t : existing.value())
        partitionsOf.insert(t.name, static_cast<int>(t.partitions.size()));
    QHash<QString, quint32> roundRobin;

    std::vector<ProducerRecord> batch;
    batch.reserve(static_cast<size_t>(options.batchSize));
    std::vector<qint64> batchLines;
    auto flush = [&]() -> Result<void> {
        if (batch.empty()) return {};
        auto r = store.append(batch);
        if (!r) {
            // Name the line: re-run record by record is costly; the store names topic/partition/offset.
            return makeError(r.error().code, QStringLiteral("lines %1-%2: %3")
                                                 .arg(batchLines.front())
                                                 .arg(batchLines.back())
                                                 .arg(r.error().message));
        }
        report.imported += r->appended;
        batch.clear();
        batchLines.clear();
        return {};
    };
    auto bad = [&](qint64 lineNo, const QString& message) -> bool {
        if (report.errors.size() < 100) report.errors.push_back({lineNo, message});
        ++report.skipped;
        return options.skipBad;
    };

    LineReader reader(in, options.maxLineBytes);
    QByteArray line;
    qint64 lineNo = 0;
    const TimestampMs now = currentTimeMs();
    while (true) {
        const auto status = reader.next(line);
        if (status == LineReader::Status::End) break;
        ++lineNo;
        if (status == LineReader::Status::IoError)
            return abort(makeError(ErrorCode::Io, QStringLiteral("reading input: %1").arg(in.errorString())));
        if (status == LineReader::Status::TooLong) {
            ++report.lines;
            const QString m = QStringLiteral("line is longer than %1 MiB").arg(options.maxLineBytes >> 20);
            if (!bad(lineNo, m))
                return abort(makeError(ErrorCode::Parse, QStringLiteral("line %1: %2").arg(lineNo).arg(m)));
            continue;
        }
        if (line.trimmed().isEmpty()) continue;
        ++report.lines;
        auto parsed = parseEnvelopeLine(line, options.defaultTopic);
        if (!parsed) {
            if (!bad(lineNo, parsed.error().message))
                return abort(makeError(
                    ErrorCode::Parse, QStringLiteral("line %1: %2").arg(lineNo).arg(parsed.error().message)));
            continue;
        }
        EnvelopeRecord& e = parsed.value();
        ProducerRecord& rec = e.record;
        if (!options.keepOffsets) rec.offset.reset();
        if (!e.hasTimestamp) rec.timestamp = now;
        auto known = partitionsOf.find(rec.topic);
        const int needed = e.hasPartition ? rec.partition + 1 : 0;
        if (known == partitionsOf.end()) {
            if (auto f = flush(); !f) return abort(f.error());
            const int n = std::max(needed, options.newTopicPartitions);
            if (auto r = store.createTopic(rec.topic, n); !r)
                return abort(makeError(r.error().code,
                                       QStringLiteral("line %1: %2").arg(lineNo).arg(r.error().message)));
            report.createdTopics.push_back(rec.topic);
            known = partitionsOf.insert(rec.topic, n);
        } else if (needed > *known) {
            if (auto f = flush(); !f) return abort(f.error());
            if (auto r = store.ensurePartitions(rec.topic, needed); !r)
                return abort(makeError(r.error().code,
                                       QStringLiteral("line %1: %2").arg(lineNo).arg(r.error().message)));
            *known = needed;
        }
        if (!e.hasPartition) {
            rec.partition =
                rec.key ? defaultPartition(*rec.key, *known)
                        : static_cast<PartitionId>(roundRobin[rec.topic]++ % static_cast<quint32>(*known));
        }
        batch.push_back(std::move(rec));
        batchLines.push_back(lineNo);
        if (static_cast<qint64>(batch.size()) >= options.batchSize) {
            if (auto f = flush(); !f) return abort(f.error());
            if (options.progress && !options.progress(reader.bytesRead()))
                return abort(makeError(ErrorCode::Cancelled,
                                       QStringLiteral("import cancelled; nothing was imported")));
        }
    }
    if (auto f = flush(); !f) return abort(f.error());
    if (auto r = store.commit(); !r) return r.error();
    return report;
}

Result<qint64> exportNdjson(WorkspaceStore& store, const ExportSelection& sel, QIODevice& out)
{
    auto topics = store.topics();
    if (!topics) return topics.error();
    bool topicFound = sel.topic.isEmpty();
    qint64 written = 0;
    QByteArray buf;
    buf.reserve(1 << 20);
    auto drain = [&]() -> Result<void> {
        if (out.write(buf) != buf.size())
            return makeError(ErrorCode::Io, QStringLiteral("writing output: %1").arg(out.errorString()));
        buf.clear();
        return {};
    };
    for (const TopicInfo& t : topics.value()) {
        if (!sel.topic.isEmpty() && t.name != sel.topic) continue;
        topicFound = true;
        if (sel.partition &&
            (*sel.partition < 0 || static_cast<size_t>(*sel.partition) >= t.partitions.size()))
            return makeError(ErrorCode::NotFound, QStringLiteral("topic '%1' has no partition %2 (it has %3)")
                                                      .arg(t.name)
                                                      .arg(*sel.partition)
                                                      .arg(t.partitions.size()));
        for (const PartitionInfo& p : t.partitions) {
            if (sel.partition && p.partition != *sel.partition) continue;
            Offset from = sel.from;
            if (sel.fromTime) {
                auto o = store.offsetForTime(t.name, p.partition, *sel.fromTime);
                if (!o) return o.error();
                from = std::max(from, o.value().value_or(p.high));
            }
            std::optional<Error> failure;
            bool cancelled = false;
            auto r = store.scan(
                t.name, p.partition, from, sel.to,
                [&](const RecordView& v) {
                    if (sel.toTime && v.timestamp >= *sel.toTime) return false;
                    if (auto a = appendEnvelope(buf, t.name, v); !a) {
                        failure = a.error();
                        return false;
                    }
                    buf.append('\n');
                    ++written;
                    if (buf.size() >= (1 << 20)) {
                        if (auto w = drain(); !w) {
                            failure = w.error();
                            return false;
                        }
                        if (sel.progress && !sel.progress(written)) {
                            cancelled = true;
                            return false;
                        }
                    }
                    return true;
                },
                sel.maxCount);
            if (!r) return r.error();
            if (failure) return *failure;
            if (cancelled)
                return makeError(ErrorCode::Cancelled,
                                 QStringLiteral("export cancelled after %1 records").arg(written));
        }
    }
    if (!topicFound)
        return makeError(ErrorCode::NotFound, QStringLiteral("unknown topic '%1'").arg(sel.topic));
    if (auto w = drain(); !w) return w.error();
    return written;
}

} // namespace rw
