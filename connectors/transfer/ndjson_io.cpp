#include "ndjson_io.h"

#include "channel.h"

#include "header_codec.h"

#include "envelope.h"
#include "murmur2.h"
#include "time_parse.h"
#include "workspace_store.h"

#include <QFileDevice>
#include <QHash>

#include <condition_variable>
#include <deque>
#include <map>
#include <mutex>
#include <thread>

namespace rw {
namespace {

// Splits a device into lines without an upper bound on the input size, with a cap per line.
class LineReader {
public:
    LineReader(QIODevice& in, qint64 maxLine) : m_in(in), m_maxLine(maxLine) {}

    enum class Status { Line, End, TooLong, IoError };

    // `line` is valid until the next call.
    Status next(QByteArrayView& line)
    {
        while (true) {
            const qsizetype nl = m_buf.indexOf('\n', m_pos);
            if (nl >= 0) {
                qsizetype end = nl;
                if (end > m_pos && m_buf[end - 1] == '\r') --end;
                const qsizetype start = m_pos;
                m_pos = nl + 1;
                if (end - start > m_maxLine) return Status::TooLong;
                line = QByteArrayView(m_buf).sliced(start, end - start);
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
                m_last = std::move(m_buf);
                m_buf = QByteArray();
                if (m_last.endsWith('\r')) m_last.chop(1);
                line = m_last;
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
    QByteArray m_last; // the final line without a newline
    qsizetype m_pos = 0;
    qint64 m_bytes = 0;
    bool m_skipping = false;
};

} // namespace

namespace {

// Whole lines cut from the input, with their line numbers, for one parser.
struct LineBlock {
    struct Line {
        qsizetype at = 0, len = 0;
        qint64 number = 0;
        bool tooLong = false;
    };
    qint64 seq = 0;
    QByteArray text;
    std::vector<Line> lines; // blank lines left out
    qint64 bytesRead = 0;    // of the input, when the block was cut
    QString ioError;         // not empty: reading failed after these lines (an optional<Error> here
                             // trips GCC 12's -Wuninitialized on the move out of the channel)
};

// A block parsed: the records' bytes in one arena, everything the store needs but partitions
// that depend on the store (those the writer picks, in input order).
struct ParsedBlock {
    struct Row {
        int topic = 0; // into topics
        bool hasPartition = false;
        PartitionId partition = 0;
        std::optional<Offset> offset;
        TimestampMs timestamp = 0;
        TimestampType timestampType = TimestampType::CreateTime;
        bool keyNull = true, valueNull = true;
        qsizetype keyAt = 0, keyLen = 0, valueAt = 0, valueLen = 0, headersAt = 0, headersLen = 0;
        qint64 line = 0;
    };
    QByteArray arena;
    std::vector<QByteArray> topics; // the topic names this block's rows use
    std::vector<Row> rows;
    qint64 lines = 0, skipped = 0;
    std::vector<LineError> errors; // bad lines, the first 100 of the block
    std::optional<Error> fatal;    // the import ends after the rows before it
    qint64 bytesRead = 0;
};

// Cuts the input into blocks of batchSize lines. Cheap: one copy and a newline search.
qint64 splitLines(QIODevice& in, const ImportOptions& options, BoundedChannel<LineBlock>& out)
{
    LineReader reader(in, options.maxLineBytes);
    QByteArrayView line;
    qint64 lineNo = 0, seq = 0;
    LineBlock block;
    auto send = [&]() -> bool {
        block.seq = seq++;
        block.bytesRead = reader.bytesRead();
        const bool ok = out.push(std::move(block));
        block = LineBlock{};
        return ok;
    };
    while (true) {
        const auto status = reader.next(line);
        if (status == LineReader::Status::End) break;
        ++lineNo;
        if (status == LineReader::Status::IoError) {
            block.ioError = QStringLiteral("reading input: %1").arg(in.errorString());
            break;
        }
        if (status == LineReader::Status::TooLong) {
            block.lines.push_back({0, 0, lineNo, true});
        } else {
            if (line.trimmed().isEmpty()) continue;
            block.lines.push_back({block.text.size(), line.size(), lineNo, false});
            block.text.append(line);
        }
        if (static_cast<qint64>(block.lines.size()) >= options.batchSize && !send()) return seq;
    }
    if (!block.lines.empty() || !block.ioError.isEmpty()) send();
    return seq;
}

ParsedBlock parseBlock(const LineBlock& in, const ImportOptions& options, QByteArrayView defaultTopic,
                       TimestampMs now)
{
    ParsedBlock out;
    out.bytesRead = in.bytesRead;
    out.arena.reserve(in.text.size());
    EnvelopeSlices e;
    QHash<QByteArray, int> index;
    int last = -1;
    auto bad = [&](qint64 lineNo, const QString& message) -> bool {
        if (out.errors.size() < 100) out.errors.push_back({lineNo, message});
        ++out.skipped;
        if (options.skipBad) return true;
        out.fatal = makeError(ErrorCode::Parse, QStringLiteral("line %1: %2").arg(lineNo).arg(message));
        return false;
    };
    for (const LineBlock::Line& l : in.lines) {
        ++out.lines;
        if (l.tooLong) {
            if (!bad(l.number, QStringLiteral("line is longer than %1 MiB").arg(options.maxLineBytes >> 20)))
                return out;
            continue;
        }
        if (auto r =
                parseEnvelopeInto(QByteArrayView(in.text).sliced(l.at, l.len), defaultTopic, out.arena, e);
            !r) {
            if (!bad(l.number, r.error().message)) return out;
            continue;
        }
        int topic = last >= 0 && out.topics[static_cast<size_t>(last)] == e.topic ? last : -1;
        if (topic < 0) {
            auto it = index.constFind(e.topic);
            if (it == index.constEnd()) {
                const QByteArray owned(e.topic.constData(), e.topic.size()); // e.topic may borrow the line
                it = index.insert(owned, static_cast<int>(out.topics.size()));
                out.topics.push_back(owned);
            }
            topic = last = *it;
        }
        out.rows.push_back({topic, e.hasPartition, e.partition, options.keepOffsets ? e.offset : std::nullopt,
                            e.hasTimestamp ? e.timestamp : now, e.timestampType, e.keyNull, e.valueNull,
                            e.keyAt, e.keyLen, e.valueAt, e.valueLen, e.headersAt, e.headersLen, l.number});
    }
    if (!in.ioError.isEmpty()) out.fatal = makeError(ErrorCode::Io, in.ioError);
    return out;
}

// The writing side: takes parsed blocks in input order, creates topics and partitions as lines
// first need them, picks the partitions that depend on the store, and appends.
class ImportWriter {
public:
    ImportWriter(WorkspaceStore& store, const ImportOptions& options, ImportReport& report,
                 const std::vector<TopicInfo>& existing)
        : m_store(store), m_options(options), m_report(report)
    {
        for (const TopicInfo& t : existing)
            addTopic(t.name.toUtf8(), static_cast<int>(t.partitions.size()));
    }

    Result<void> write(const ParsedBlock& b)
    {
        m_report.lines += b.lines;
        m_report.skipped += b.skipped;
        for (const LineError& e : b.errors)
            if (m_report.errors.size() < 100) m_report.errors.push_back(e);
        std::vector<int> topicOf; // block topic -> ours
        for (const QByteArray& name : b.topics) {
            auto it = m_index.constFind(name);
            topicOf.push_back(it != m_index.constEnd() ? *it : addTopic(name, -1));
        }
        m_refs.clear();
        m_lines.clear();
        const QByteArrayView arena(b.arena);
        for (const ParsedBlock::Row& row : b.rows) {
            const int t = topicOf[static_cast<size_t>(row.topic)];
            int& known = m_partitions[static_cast<size_t>(t)];
            const int needed = row.hasPartition ? row.partition + 1 : 0;
            if (known < 0 || needed > known) {
                // As a sequential import would: the lines before this one are written first.
                if (auto r = flush(); !r) return r;
                const QString& name = m_topics[static_cast<size_t>(t)];
                const int n = known < 0 ? std::max(needed, m_options.newTopicPartitions) : needed;
                auto r = known < 0 ? m_store.createTopic(name, n) : m_store.ensurePartitions(name, n);
                if (!r)
                    return makeError(r.error().code,
                                     QStringLiteral("line %1: %2").arg(row.line).arg(r.error().message));
                if (known < 0) m_report.createdTopics.push_back(name);
                known = n;
            }
            AppendRef ref;
            ref.topic = t;
            ref.offset = row.offset;
            ref.timestamp = row.timestamp;
            ref.timestampType = row.timestampType;
            ref.keyNull = row.keyNull;
            ref.valueNull = row.valueNull;
            ref.key = arena.sliced(row.keyAt, row.keyLen);
            ref.value = arena.sliced(row.valueAt, row.valueLen);
            ref.headersBlob = arena.sliced(row.headersAt, row.headersLen);
            if (row.hasPartition)
                ref.partition = row.partition;
            else if (!row.keyNull)
                ref.partition = defaultPartition(ref.key, known);
            else
                ref.partition = static_cast<PartitionId>(m_roundRobin[static_cast<size_t>(t)]++ %
                                                         static_cast<quint32>(known));
            m_refs.push_back(ref);
            m_lines.push_back(row.line);
        }
        if (auto r = flush(); !r) return r;
        if (b.fatal) return *b.fatal;
        if (m_options.progress && !m_options.progress(b.bytesRead))
            return makeError(ErrorCode::Cancelled, QStringLiteral("import cancelled; nothing was imported"));
        return {};
    }

private:
    int addTopic(const QByteArray& name, int partitions)
    {
        const int i = static_cast<int>(m_topics.size());
        m_index.insert(name, i);
        m_topics.push_back(QString::fromUtf8(name));
        m_partitions.push_back(partitions); // -1: not in the store yet
        m_roundRobin.push_back(0);
        return i;
    }

    Result<void> flush()
    {
        if (m_refs.empty()) return {};
        auto r = m_store.appendRefs(m_topics, m_refs);
        if (!r) // the store names topic, partition and offset; the lines narrow it down
            return makeError(r.error().code, QStringLiteral("lines %1-%2: %3")
                                                 .arg(m_lines.front())
                                                 .arg(m_lines.back())
                                                 .arg(r.error().message));
        m_report.imported += r->appended;
        m_refs.clear();
        m_lines.clear();
        return {};
    }

    WorkspaceStore& m_store;
    const ImportOptions& m_options;
    ImportReport& m_report;
    std::vector<QString> m_topics;
    std::vector<int> m_partitions; // per topic: partitions the store has (-1: not created yet)
    std::vector<quint32> m_roundRobin;
    QHash<QByteArray, int> m_index;
    std::vector<AppendRef> m_refs;
    std::vector<qint64> m_lines;
};

} // namespace

// Threads: one cuts the input into blocks of lines, parsers (two where there are two cores)
// parse blocks into arenas, and this thread appends them in input order. Parsing costs more than
// the append, so it is the part that runs twice; the first error reported is still the first in
// the input, as in a sequential import.
Result<ImportReport> importNdjson(WorkspaceStore& store, QIODevice& in, const ImportOptions& options)
{
    ImportReport report;
    if (auto r = store.begin(); !r) return r.error();
    auto existing = store.topics();
    if (!existing) {
        store.rollback();
        return existing.error();
    }
    const QByteArray defaultTopic = options.defaultTopic.toUtf8();
    const TimestampMs now = currentTimeMs();
    const unsigned parsers = std::clamp(std::thread::hardware_concurrency(), 1u, 2u);
    BoundedChannel<LineBlock> blocks(parsers + 2);
    OrderedChannel<ParsedBlock> parsed(parsers + 2);
    std::vector<std::thread> threads;
    threads.emplace_back([&] {
        parsed.setTotal(splitLines(in, options, blocks));
        blocks.finish();
    });
    for (unsigned i = 0; i < parsers; ++i)
        threads.emplace_back([&] {
            while (auto b = blocks.pop()) {
                const qint64 seq = b->seq;
                if (!parsed.put(seq, parseBlock(*b, options, defaultTopic, now))) return;
            }
        });
    auto stopThreads = [&] {
        blocks.abandon();
        parsed.abandon();
        for (std::thread& t : threads)
            t.join();
    };
    ImportWriter writer(store, options, report, existing.value());
    while (auto b = parsed.take()) {
        if (auto r = writer.write(*b); !r) {
            stopThreads();
            store.rollback();
            return r.error();
        }
    }
    stopThreads();
    if (auto r = store.commit(); !r) return r.error();
    return report;
}

} // namespace rw
