#include "ndjson_io.h"

#include "envelope.h"
#include "murmur2.h"
#include "time_parse.h"

#include <QFileDevice>
#include <QHash>

#include <condition_variable>
#include <deque>
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

// What the reading thread hands the writing thread, in input order.
struct ImportStep {
    enum class Kind { Records, CreateTopic, EnsurePartitions, Fail };
    Kind kind = Kind::Records;
    QByteArray arena;            // the records' bytes: refs point into it
    std::vector<AppendRef> refs; // Records
    std::vector<QString> topics; // the names refs' topic indexes stand for
    std::vector<qint64> lines;   // the input line of each record
    qint64 bytesRead = 0;        // of the input, when this step was made
    QString topic;               // CreateTopic, EnsurePartitions
    int partitions = 0;
    qint64 line = 0;
    std::optional<Error> error; // Fail
};

// A bounded hand-off from one producing thread to one consuming thread. The producer finishes it
// with finish(); the consumer abandons it with abandon(), after which push() refuses.
template <typename T> class Channel {
public:
    explicit Channel(size_t capacity) : m_capacity(capacity) {}
    bool push(T&& v)
    {
        std::unique_lock lock(m_mutex);
        m_cv.wait(lock, [&] { return m_abandoned || m_items.size() < m_capacity; });
        if (m_abandoned) return false;
        m_items.push_back(std::move(v));
        m_cv.notify_all();
        return true;
    }
    std::optional<T> pop() // empty once the producer has finished and everything was taken
    {
        std::unique_lock lock(m_mutex);
        m_cv.wait(lock, [&] { return m_finished || !m_items.empty(); });
        if (m_items.empty()) return std::nullopt;
        T v = std::move(m_items.front());
        m_items.pop_front();
        m_cv.notify_all();
        return v;
    }
    void finish()
    {
        std::lock_guard lock(m_mutex);
        m_finished = true;
        m_cv.notify_all();
    }
    void abandon()
    {
        std::lock_guard lock(m_mutex);
        m_abandoned = true;
        m_items.clear();
        m_cv.notify_all();
    }

private:
    const size_t m_capacity;
    std::mutex m_mutex;
    std::condition_variable m_cv;
    std::deque<T> m_items;
    bool m_finished = false;
    bool m_abandoned = false;
};

// The reading side of an import: splits and parses lines into one arena per batch, picks
// partitions, and says which topics and partitions the store must create first. Touches no
// store; runs on its own thread. A batch is a few large allocations, not several per record.
class ImportReader {
public:
    ImportReader(QIODevice& in, const ImportOptions& options, const std::vector<TopicInfo>& existing,
                 Channel<ImportStep>& out)
        : m_in(in), m_options(options), m_defaultTopic(options.defaultTopic.toUtf8()), m_out(out),
          m_reader(in, options.maxLineBytes)
    {
        for (const TopicInfo& t : existing) {
            m_topicIndex.insert(t.name.toUtf8(), static_cast<int>(m_topics.size()));
            m_topics.push_back(t.name);
            m_topicBytes.push_back(t.name.toUtf8());
            m_partitions.push_back(static_cast<int>(t.partitions.size()));
        }
    }

    // Lines read, skipped and their errors: read by the writer only after the thread has ended.
    qint64 lines = 0;
    qint64 skipped = 0;
    std::vector<LineError> errors;

    void run()
    {
        if (read()) flush();
        m_out.finish();
    }

private:
    struct Slices {
        qsizetype keyAt, keyLen, valueAt, valueLen, headersAt, headersLen;
    };

    bool send(ImportStep&& step) { return m_out.push(std::move(step)); }

    bool fail(Error e)
    {
        ImportStep step;
        step.kind = ImportStep::Kind::Fail;
        step.error = std::move(e);
        send(std::move(step));
        return false;
    }

    bool flush()
    {
        if (m_refs.empty()) return true;
        ImportStep step;
        step.arena = std::move(m_arena);
        m_arena = QByteArray();
        const QByteArrayView arena(step.arena);
        for (size_t i = 0; i < m_refs.size(); ++i) { // the arena has stopped growing: views now
            const Slices& sl = m_slices[i];
            m_refs[i].key = arena.sliced(sl.keyAt, sl.keyLen);
            m_refs[i].value = arena.sliced(sl.valueAt, sl.valueLen);
            m_refs[i].headersBlob = arena.sliced(sl.headersAt, sl.headersLen);
        }
        step.refs = std::move(m_refs);
        step.lines = std::move(m_lines);
        step.topics = m_topics;
        step.bytesRead = m_reader.bytesRead();
        m_refs = {};
        m_lines = {};
        m_slices.clear();
        return send(std::move(step));
    }

    // false: skipping is off, the import ends
    bool bad(qint64 lineNo, const QString& message)
    {
        if (errors.size() < 100) errors.push_back({lineNo, message});
        ++skipped;
        if (m_options.skipBad) return true;
        return fail(makeError(ErrorCode::Parse, QStringLiteral("line %1: %2").arg(lineNo).arg(message)));
    }

    int topicIndex(const QByteArray& name)
    {
        if (m_lastTopic >= 0 && m_topicBytes[static_cast<size_t>(m_lastTopic)] == name) return m_lastTopic;
        auto it = m_topicIndex.constFind(name);
        if (it == m_topicIndex.constEnd()) {
            const QByteArray owned(name.constData(), name.size()); // `name` may borrow the line
            it = m_topicIndex.insert(owned, static_cast<int>(m_topics.size()));
            m_topics.push_back(QString::fromUtf8(owned));
            m_topicBytes.push_back(owned);
            m_partitions.push_back(-1); // not in the store yet
        }
        m_lastTopic = *it;
        return *it;
    }

    bool read()
    {
        QByteArrayView line;
        qint64 lineNo = 0;
        const TimestampMs now = currentTimeMs();
        EnvelopeSlices e;
        while (true) {
            const auto status = m_reader.next(line);
            if (status == LineReader::Status::End) return true;
            ++lineNo;
            if (status == LineReader::Status::IoError)
                return fail(
                    makeError(ErrorCode::Io, QStringLiteral("reading input: %1").arg(m_in.errorString())));
            if (status == LineReader::Status::TooLong) {
                ++lines;
                if (!bad(lineNo,
                         QStringLiteral("line is longer than %1 MiB").arg(m_options.maxLineBytes >> 20)))
                    return false;
                continue;
            }
            if (line.trimmed().isEmpty()) continue;
            ++lines;
            const qsizetype mark = m_arena.size();
            if (auto parsed = parseEnvelopeInto(line, m_defaultTopic, m_arena, e); !parsed) {
                if (!bad(lineNo, parsed.error().message)) return false;
                continue;
            }
            const int ti = topicIndex(e.topic);
            int& known = m_partitions[static_cast<size_t>(ti)];
            const int needed = e.hasPartition ? e.partition + 1 : 0;
            if (known < 0 || needed > known) {
                // The records before this line go first; this line's bytes move to the next batch.
                QByteArray tail = m_arena.sliced(mark);
                m_arena.truncate(mark);
                if (!flush()) return false;
                m_arena = std::move(tail);
                for (qsizetype* at : {&e.keyAt, &e.valueAt, &e.headersAt})
                    *at -= mark;
                ImportStep step;
                step.topic = m_topics[static_cast<size_t>(ti)];
                step.line = lineNo;
                if (known < 0) {
                    step.kind = ImportStep::Kind::CreateTopic;
                    step.partitions = std::max(needed, m_options.newTopicPartitions);
                } else {
                    step.kind = ImportStep::Kind::EnsurePartitions;
                    step.partitions = needed;
                }
                known = step.partitions;
                if (!send(std::move(step))) return false;
            }
            AppendRef ref;
            ref.topic = ti;
            ref.offset = m_options.keepOffsets ? e.offset : std::nullopt;
            ref.timestamp = e.hasTimestamp ? e.timestamp : now;
            ref.timestampType = e.timestampType;
            ref.keyNull = e.keyNull;
            ref.valueNull = e.valueNull;
            if (e.hasPartition) {
                ref.partition = e.partition;
            } else if (!e.keyNull) {
                ref.partition = defaultPartition(QByteArrayView(m_arena).sliced(e.keyAt, e.keyLen), known);
            } else {
                quint32& rr = m_roundRobin[m_topics[static_cast<size_t>(ti)]];
                ref.partition = static_cast<PartitionId>(rr++ % static_cast<quint32>(known));
            }
            m_refs.push_back(ref);
            m_slices.push_back({e.keyAt, e.keyLen, e.valueAt, e.valueLen, e.headersAt, e.headersLen});
            m_lines.push_back(lineNo);
            if (static_cast<qint64>(m_refs.size()) >= m_options.batchSize && !flush()) return false;
        }
    }

    QIODevice& m_in;
    const ImportOptions& m_options;
    const QByteArray m_defaultTopic;
    std::vector<QString> m_topics;        // every topic seen or existing; refs index it
    std::vector<QByteArray> m_topicBytes; // the same names as UTF-8
    std::vector<int> m_partitions;        // per topic: partitions the store has (-1: not created yet)
    QHash<QByteArray, int> m_topicIndex;
    int m_lastTopic = -1;
    QHash<QString, quint32> m_roundRobin;
    Channel<ImportStep>& m_out;
    LineReader m_reader;
    QByteArray m_arena;
    std::vector<AppendRef> m_refs;
    std::vector<Slices> m_slices;
    std::vector<qint64> m_lines;
};

} // namespace

// Two threads: this one writes to the store while a reader thread parses the next batches (the
// parse costs about as much as the append, so the import takes the time of the slower of them
// instead of their sum). Steps arrive in input order, so the first error reported is the first
// in the input, as before.
Result<ImportReport> importNdjson(WorkspaceStore& store, QIODevice& in, const ImportOptions& options)
{
    ImportReport report;
    if (auto r = store.begin(); !r) return r.error();
    auto existing = store.topics();
    if (!existing) {
        store.rollback();
        return existing.error();
    }
    Channel<ImportStep> channel(3);
    ImportReader reader(in, options, existing.value(), channel);
    std::thread readerThread([&] { reader.run(); });
    auto abort = [&](Error e) -> Result<ImportReport> {
        channel.abandon();
        readerThread.join();
        store.rollback();
        return e;
    };
    while (auto step = channel.pop()) {
        switch (step->kind) {
        case ImportStep::Kind::Fail:
            return abort(*step->error);
        case ImportStep::Kind::CreateTopic:
        case ImportStep::Kind::EnsurePartitions: {
            auto r = step->kind == ImportStep::Kind::CreateTopic
                         ? store.createTopic(step->topic, step->partitions)
                         : store.ensurePartitions(step->topic, step->partitions);
            if (!r)
                return abort(makeError(r.error().code,
                                       QStringLiteral("line %1: %2").arg(step->line).arg(r.error().message)));
            if (step->kind == ImportStep::Kind::CreateTopic) report.createdTopics.push_back(step->topic);
            break;
        }
        case ImportStep::Kind::Records: {
            auto r = store.appendRefs(step->topics, step->refs);
            if (!r) // the store names topic, partition and offset; the lines narrow it down
                return abort(makeError(r.error().code, QStringLiteral("lines %1-%2: %3")
                                                           .arg(step->lines.front())
                                                           .arg(step->lines.back())
                                                           .arg(r.error().message)));
            report.imported += r->appended;
            if (options.progress && !options.progress(step->bytesRead))
                return abort(makeError(ErrorCode::Cancelled,
                                       QStringLiteral("import cancelled; nothing was imported")));
            break;
        }
        }
    }
    readerThread.join();
    report.lines = reader.lines;
    report.skipped = reader.skipped;
    report.errors = std::move(reader.errors);
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
