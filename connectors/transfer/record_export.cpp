#include "record_export.h"

#include "envelope.h"
#include "filter.h"
#include "header_codec.h"
#include "json.h"
#include "record_source.h"
#include "schemas_topic.h"
#include "time_parse.h"
#include "workspace_keep.h"
#include "workspace_store.h"

#include <QFile>
#include <QSaveFile>

#include <map>
#include <set>

namespace rw {

QStringList csvStandardColumns()
{
    return {QStringLiteral("topic"),     QStringLiteral("partition"), QStringLiteral("offset"),
            QStringLiteral("timestamp"), QStringLiteral("key"),       QStringLiteral("value"),
            QStringLiteral("headers"),   QStringLiteral("size")};
}

namespace {

constexpr qint64 kProgressEvery = 4096;

// Where the records go. write() gets each record as the export shows it (decoded where the source
// decodes, masked by the policy); `stored` is the same record as stored (schema bytes), null when
// it was not decoded.
class Sink {
public:
    virtual ~Sink() = default;
    virtual Result<void> write(const QString& topic, const RecordView& shown, const RecordView* stored) = 0;
    virtual Result<void> finish() = 0;
    // Whether `stored` is written (a bundle): its values are then masked as stored too.
    virtual bool writesStored() const { return false; }
};

Error ioError(const QString& path, const QString& why)
{
    return makeError(ErrorCode::Io, QStringLiteral("writing %1: %2").arg(path, why));
}

QString deviceName(const QIODevice& out)
{
    if (const auto* f = qobject_cast<const QFileDevice*>(&out); f && !f->fileName().isEmpty())
        return f->fileName();
    return QStringLiteral("the output");
}

class NdjsonSink : public Sink {
public:
    explicit NdjsonSink(QIODevice& out) : m_out(out) { m_buf.reserve(1 << 20); }
    Result<void> write(const QString& topic, const RecordView& shown, const RecordView*) override
    {
        if (auto a = appendEnvelope(m_buf, topic, shown); !a) return a;
        m_buf.append('\n');
        if (m_buf.size() >= (1 << 20)) return drain();
        return {};
    }
    Result<void> finish() override { return drain(); }

private:
    Result<void> drain()
    {
        if (m_out.write(m_buf) != m_buf.size()) return ioError(deviceName(m_out), m_out.errorString());
        m_buf.resize(0);
        return {};
    }
    QIODevice& m_out;
    QByteArray m_buf;
};

// RFC 4180: fields with a comma, quote or line break are quoted, quotes doubled. A field a
// spreadsheet would run as a formula (=, +, @, -, tab, CR first) gets a leading apostrophe: broker
// data is untrusted, and a CSV is opened in spreadsheets.
void appendCsvField(QByteArray& out, QByteArrayView text)
{
    bool formula = false;
    if (!text.isEmpty()) {
        const char c = text.front();
        formula = c == '=' || c == '+' || c == '@' || c == '\t' || c == '\r' ||
                  (c == '-' && (text.size() == 1 || !(text[1] >= '0' && text[1] <= '9')));
    }
    bool quote = formula;
    for (qsizetype i = 0; i < text.size() && !quote; ++i) {
        const char c = text[i];
        quote = c == ',' || c == '"' || c == '\n' || c == '\r';
    }
    if (!quote) {
        out.append(text);
        return;
    }
    out.append('"');
    if (formula) out.append('\'');
    // Quotes doubled; the runs between them copied whole.
    for (qsizetype from = 0;;) {
        const qsizetype q = text.indexOf('"', from);
        if (q < 0) {
            out.append(text.sliced(from));
            break;
        }
        out.append(text.sliced(from, q - from + 1));
        out.append('"');
        from = q + 1;
    }
    out.append('"');
}

// Bytes as text: UTF-8 as it is, anything else as base64 with a prefix saying so.
void appendBytesField(QByteArray& out, QByteArrayView bytes, bool isNull)
{
    if (isNull) return;
    if (json::isValidUtf8(bytes)) {
        appendCsvField(out, bytes);
        return;
    }
    appendCsvField(out, QByteArray("base64:") + bytes.toByteArray().toBase64());
}

class CsvSink : public Sink {
public:
    CsvSink(QIODevice& out, const QStringList& columns) : m_out(out)
    {
        m_buf.reserve(1 << 20);
        for (const QString& c : columns) {
            Column col;
            if (c.startsWith(QLatin1String("value."))) {
                col.kind = Column::ValuePath;
                for (const QString& s : c.mid(6).split(u'.'))
                    col.path << s.toUtf8();
            } else if (c.startsWith(QLatin1String("header."))) {
                col.kind = Column::Header;
                col.header = c.mid(7).toUtf8();
            } else {
                col.kind = static_cast<Column::Kind>(csvStandardColumns().indexOf(c));
            }
            m_columns.push_back(col);
        }
        for (qsizetype i = 0; i < columns.size(); ++i) {
            if (i) m_buf.append(',');
            appendCsvField(m_buf, columns[i].toUtf8());
        }
        m_buf.append("\r\n");
    }
    Result<void> write(const QString& topic, const RecordView& r, const RecordView*) override
    {
        if (topic != m_topic) {
            m_topic = topic;
            m_topicUtf8 = topic.toUtf8();
        }
        bool headersRead = false;
        for (size_t i = 0; i < m_columns.size(); ++i) {
            if (i) m_buf.append(',');
            const Column& c = m_columns[i];
            switch (c.kind) {
            case Column::Topic:
                appendCsvField(m_buf, m_topicUtf8);
                break;
            case Column::Partition:
                m_buf.append(QByteArray::number(r.partition));
                break;
            case Column::Offset:
                m_buf.append(QByteArray::number(r.offset));
                break;
            case Column::Timestamp:
                appendTimestampUtc(m_buf, r.timestamp);
                break;
            case Column::Key:
                appendBytesField(m_buf, r.key, r.keyNull);
                break;
            case Column::Value:
                appendBytesField(m_buf, r.value, r.valueNull);
                break;
            case Column::Size:
                m_buf.append(QByteArray::number(r.key.size() + r.value.size()));
                break;
            case Column::Headers:
            case Column::Header: {
                if (!headersRead) {
                    m_headers.clear(); // decodeHeaderViews appends
                    if (auto h = decodeHeaderViews(r.headersBlob, m_headers); !h) return h;
                    headersRead = true;
                }
                if (c.kind == Column::Header) {
                    for (const HeaderView& h : m_headers)
                        if (h.key == c.header) {
                            appendBytesField(m_buf, h.value, h.valueNull);
                            break;
                        }
                    break;
                }
                QByteArray& all = m_headerText; // reused: no allocation per record
                all.resize(0);
                for (const HeaderView& h : m_headers) {
                    if (!all.isEmpty()) all.append("; ");
                    all.append(h.key).append('=');
                    if (h.valueNull) continue;
                    if (json::isValidUtf8(h.value))
                        all.append(h.value);
                    else
                        all.append("base64:").append(h.value.toByteArray().toBase64());
                }
                appendCsvField(m_buf, all);
                break;
            }
            case Column::ValuePath:
                appendPath(r, c);
                break;
            }
        }
        m_buf.append("\r\n");
        if (m_buf.size() >= (1 << 20)) return drain();
        return {};
    }
    Result<void> finish() override { return drain(); }

private:
    struct Column {
        enum Kind {
            Topic,
            Partition,
            Offset,
            Timestamp,
            Key,
            Value,
            Headers,
            Size,
            ValuePath,
            Header
        } kind = Topic;
        QList<QByteArray> path;
        QByteArray header;
    };
    // A member of the JSON value: strings as their text, anything else as its JSON; empty when
    // the value is not JSON or has no such member.
    void appendPath(const RecordView& r, const Column& c)
    {
        if (r.valueNull) return;
        QByteArrayView text = r.value;
        json::Value found;
        for (qsizetype s = 0; s < c.path.size(); ++s) {
            if (!json::parseObjectInto(text, m_members)) return;
            const json::Member* m = nullptr;
            for (const json::Member& member : m_members)
                if (member.name == c.path[s]) m = &member;
            if (!m) return;
            found = m->value;
            if (s + 1 < c.path.size()) {
                if (found.type != json::Type::Object) return;
                m_hold = found.raw.toByteArray(); // the next parse reuses m_members
                text = m_hold;
            }
        }
        if (found.type == json::Type::String)
            appendCsvField(m_buf, found.string);
        else if (found.type != json::Type::Null)
            appendCsvField(m_buf, found.raw);
    }
    Result<void> drain()
    {
        if (m_out.write(m_buf) != m_buf.size()) return ioError(deviceName(m_out), m_out.errorString());
        m_buf.resize(0);
        return {};
    }
    QIODevice& m_out;
    QByteArray m_buf, m_hold, m_topicUtf8, m_headerText;
    QString m_topic;
    std::vector<Column> m_columns;
    std::vector<HeaderView> m_headers;
    std::vector<json::Member> m_members;
};

// A new workspace with the records at their own offsets (per partition in increasing order), the
// topics with their partition counts, and the schemas of the records written as stored.
class WorkspaceSink : public Sink {
public:
    WorkspaceSink(WorkspaceStore& store, RecordSource& source, bool masksValues)
        : m_store(store), m_source(source), m_masksValues(masksValues)
    {
    }
    Result<void> write(const QString& topic, const RecordView& shown, const RecordView* stored) override
    {
        if (auto t = ensureTopic(topic); !t) return t;
        // Schema bytes cannot be masked: a record the policy may mask goes in as its decoded,
        // masked JSON; otherwise as stored, with its schema kept beside it.
        const bool asStored = stored && !m_masksValues && shown.decoding &&
                              (shown.decoding->value.schemaId >= 0 || !shown.decoding->value.decoded) &&
                              (shown.decoding->key.schemaId >= 0 || !shown.decoding->key.decoded);
        const RecordView& v = asStored ? *stored : shown;
        if (asStored) {
            if (shown.decoding->key.decoded) m_schemaIds.insert(shown.decoding->key.schemaId);
            if (shown.decoding->value.decoded) m_schemaIds.insert(shown.decoding->value.schemaId);
        }
        auto& last = m_next[{topic, v.partition}];
        if (v.offset < last) return {}; // a repeat (the same record twice in a selection)
        last = v.offset + 1;
        auto owned = toRecord(topic, v); // fails only on a corrupt header block
        if (!owned) return owned.error();
        m_batch.push_back({topic, v.partition, v.offset, v.timestamp, v.timestampType, std::move(owned->key),
                           std::move(owned->value), std::move(owned->headers)});
        if (m_batch.size() >= 5000) return flush();
        return {};
    }
    Result<void> finish() override { return flush(); }
    bool writesStored() const override { return !m_masksValues; }
    const std::set<qint32>& schemaIds() const { return m_schemaIds; }

private:
    Result<void> ensureTopic(const QString& topic)
    {
        if (m_topics.contains(topic)) return {};
        auto t = m_source.topic(topic);
        if (!t) return t.error();
        if (auto c = m_store.createTopic(topic, std::max<int>(1, static_cast<int>(t->partitions.size()))); !c)
            return c;
        m_topics.insert(topic);
        return {};
    }
    Result<void> flush()
    {
        if (m_batch.empty()) return {};
        auto r = m_store.append(m_batch);
        m_batch.clear();
        if (!r) return r.error();
        return {};
    }
    WorkspaceStore& m_store;
    RecordSource& m_source;
    bool m_masksValues;
    QSet<QString> m_topics;
    std::map<std::pair<QString, PartitionId>, Offset> m_next;
    std::vector<ProducerRecord> m_batch;
    std::set<qint32> m_schemaIds;
};

struct Driver {
    RecordSource& source;
    const RecordExport& job;
    Sink& sink;
    Masker masker;
    const std::atomic_bool* cancel;
    ExportOutcome outcome;
    qint64 total = -1;
    std::optional<Error> failure;
    QByteArray storedMasked;

    bool take(const QString& topic, const RecordView& decoded)
    {
        if (failure) return false;
        // Raw: the stored bytes are what is written (and masked, where bytes can be).
        const RecordView v = job.raw ? storedView(decoded) : decoded;
        RecordView hidden;
        if (masker.active())
            if (auto m = masker.record(
                    topic, v, job.raw && decoded.decoding && decoded.decoding->value.decoded, hidden);
                !m) {
                failure = m.error();
                return false;
            }
        const bool hasStored = v.decoding != nullptr;
        RecordView stored = storedView(v);
        if (hasStored && masker.active()) { // the stored bytes keep them hidden too
            stored.headersBlob = hidden.headersBlob;
            if (sink.writesStored() && masker.masksValues() && masker.masksEncoded() && !stored.valueNull) {
                // Schema-encoded: masked and encoded again with the writer schema (a bundle keeps
                // it as stored, with its schema, for any consumer with the registry).
                auto m = masker.storedValue(topic, stored.value, storedMasked);
                if (!m) {
                    failure = makeError(m.error().code, QStringLiteral("%1-%2@%3: %4")
                                                            .arg(topic)
                                                            .arg(v.partition)
                                                            .arg(v.offset)
                                                            .arg(m.error().message));
                    return false;
                }
                if (m.value()) stored.value = storedMasked;
            }
        }
        if (auto w = sink.write(topic, masker.active() ? hidden : v, hasStored ? &stored : nullptr); !w) {
            failure = w.error();
            return false;
        }
        ++outcome.written;
        if (outcome.written % kProgressEvery == 0) {
            if (job.progress) job.progress(outcome.written, total);
            if (cancel && cancel->load()) return false;
        }
        return true;
    }
};

Result<void> runByAddress(Driver& d)
{
    const RecordSet& set = d.job.records;
    d.total = static_cast<qint64>(set.refs.size());
    // Addresses in topics or partitions that are gone are missing; the rest are read together.
    std::vector<qint32> partitionsOf(static_cast<size_t>(set.topics.size()), -1);
    for (qsizetype t = 0; t < set.topics.size(); ++t) {
        auto info = d.source.topic(set.topics[t]);
        if (info)
            partitionsOf[static_cast<size_t>(t)] = static_cast<qint32>(info->partitions.size());
        else if (info.error().code != ErrorCode::NotFound)
            return info.error();
    }
    std::vector<RecordRef> present;
    std::vector<size_t> order; // present[i] is refs[order[i]]
    for (size_t i = 0; i < set.refs.size(); ++i) {
        const RecordRef& r = set.refs[i];
        if (r.topic < 0 || r.topic >= set.topics.size() || r.partition < 0 ||
            r.partition >= partitionsOf[static_cast<size_t>(r.topic)])
            continue;
        present.push_back(r);
        order.push_back(i);
    }
    // Read in (topic, partition, offset) order: nearby records come together, and a workspace
    // bundle appends each partition's offsets increasing. Records are handed on in that order.
    std::vector<size_t> byPlace(present.size());
    for (size_t i = 0; i < byPlace.size(); ++i)
        byPlace[i] = i;
    std::sort(byPlace.begin(), byPlace.end(), [&](size_t a, size_t b) {
        const RecordRef& x = present[a];
        const RecordRef& y = present[b];
        return std::tie(x.topic, x.partition, x.offset) < std::tie(y.topic, y.partition, y.offset);
    });
    std::vector<RecordRef> sorted;
    sorted.reserve(present.size());
    for (size_t i : byPlace)
        sorted.push_back(present[i]);
    qint64 found = 0;
    auto r = d.source.readRefs(
        set.topics, sorted,
        [&](size_t i, const RecordView& v) {
            ++found;
            d.take(set.topics.value(sorted[i].topic), v);
        },
        d.cancel);
    if (!r) return r.error();
    if (d.failure) return *d.failure;
    d.outcome.missing = static_cast<qint64>(set.refs.size()) - found;
    return {};
}

// A file of what a view of one topic shows (NDJSON, CSV) follows the view: partitions merged by
// time. A workspace bundle keeps partition order (it appends each partition's offsets in turn).
// Whether a set names offsets or start/stop times (the CLI's export): read partition by partition.
bool rangeForm(const RecordSet& set)
{
    return set.fromOffset > 0 || set.toOffset != std::numeric_limits<Offset>::max() || set.startTime ||
           set.stopTime || set.perPartition >= 0;
}

bool timeOrdered(const Driver& d)
{
    const RecordSet& set = d.job.records;
    return set.timeOrder && !rangeForm(set) && d.job.format != ExportFormat::Workspace &&
           !set.topic.isEmpty() && !set.partition;
}

Result<void> runByFilter(Driver& d)
{
    const RecordSet& set = d.job.records;
    auto topics = d.source.topics();
    if (!topics) return topics.error();
    qint64 total = 0;
    for (const TopicInfo& t : topics.value())
        if (set.topic.isEmpty() || t.name == set.topic)
            for (const PartitionInfo& p : t.partitions)
                if (!set.partition || *set.partition == p.partition) total += p.count;
    const bool everything = set.filter.trimmed().isEmpty() && !set.timeRange;
    d.total = everything ? total : -1;
    if (everything && timeOrdered(d)) {
        StreamRequest req;
        req.topic = set.topic;
        auto r = d.source.stream(
            req, [&](const QString& topic, const RecordView& v) { return d.take(topic, v); }, d.cancel);
        if (!r) return r.error();
        if (d.failure) return *d.failure;
        return {};
    }
    if (everything) {
        // Partition by partition in offset order, within the range form's bounds.
        bool found = set.topic.isEmpty();
        for (const TopicInfo& t : topics.value()) {
            if (!set.topic.isEmpty() && t.name != set.topic) continue;
            found = true;
            if (set.partition &&
                std::none_of(t.partitions.begin(), t.partitions.end(),
                             [&](const PartitionInfo& p) { return p.partition == *set.partition; }))
                return makeError(ErrorCode::NotFound,
                                 QStringLiteral("topic '%1' has no partition %2 (it has %3)")
                                     .arg(t.name)
                                     .arg(*set.partition)
                                     .arg(t.partitions.size()));
            for (const PartitionInfo& p : t.partitions) {
                if (set.partition && *set.partition != p.partition) continue;
                Offset from = std::max(p.low, set.fromOffset);
                if (set.startTime) {
                    auto o = d.source.offsetForTime(t.name, p.partition, *set.startTime);
                    if (!o) return o.error();
                    from = std::max(from, o.value().value_or(p.high));
                }
                const Offset to = std::min(p.high, set.toOffset);
                if (from >= to) continue;
                auto r = d.source.scan(
                    t.name, p.partition, from, to,
                    [&](const RecordView& v) {
                        if (set.stopTime && v.timestamp >= *set.stopTime) return false;
                        return d.take(t.name, v);
                    },
                    set.perPartition, d.cancel);
                if (!r) return r.error();
                if (d.failure) return *d.failure;
                if (d.cancel && d.cancel->load()) return {};
            }
        }
        if (!found)
            return makeError(ErrorCode::NotFound, QStringLiteral("unknown topic '%1'").arg(set.topic));
        return {};
    }
    // A time range alone is a filter that every record in it matches.
    auto filter = Filter::compile(set.filter.trimmed().isEmpty() ? QStringLiteral("true") : set.filter,
                                  currentTimeMs());
    if (!filter) return filter.error();
    if (timeOrdered(d)) {
        // What the view shows: the topic's partitions merged by time, the filter on each record.
        StreamRequest req;
        req.topic = set.topic;
        std::optional<TimestampMs> from = filter->pushdown().fromTime;
        if (set.timeRange) from = from ? std::max(*from, set.timeRange->first) : set.timeRange->first;
        if (from) req.start = {OffsetSpec::Time, *from};
        req.stopTime = filter->pushdown().toTime;
        if (set.timeRange)
            req.stopTime =
                req.stopTime ? std::min(*req.stopTime, set.timeRange->second) : set.timeRange->second;
        auto r = d.source.stream(
            req,
            [&](const QString& topic, const RecordView& v) {
                if (set.timeRange &&
                    (v.timestamp < set.timeRange->first || v.timestamp >= set.timeRange->second))
                    return true;
                FilterInput in = FilterInput::of(topic, v);
                in.needErrorText = false; // only the outcome decides what is exported
                if (filter->evaluate(in).outcome != Filter::Outcome::Match) return true;
                return d.take(topic, v);
            },
            d.cancel);
        if (!r) return r.error();
        if (d.failure) return *d.failure;
        return {};
    }
    SearchOptions options;
    options.topic = set.topic;
    options.partition = set.partition;
    options.timeRange = set.timeRange;
    auto r = d.source.search(
        filter.value(), options, [&](const QString& topic, const RecordView& v) { return d.take(topic, v); },
        d.cancel);
    if (!r) return r.error();
    if (d.failure) return *d.failure;
    return {};
}

Error cancelledAfter(qint64 written)
{
    return makeError(ErrorCode::Cancelled,
                     QStringLiteral("export cancelled after %1 records; nothing was kept").arg(written));
}

// The job's records through the sink, then the sink finished and the outcome filled in.
Result<ExportOutcome> runExport(RecordSource& source, const RecordExport& job, Sink& sink,
                                const std::atomic_bool* cancel)
{
    Driver d{source, job, sink, Masker(job.mask), cancel, {}, -1, std::nullopt, {}};
    d.masker.setEncoded(source.encodedMasking()); // schema-encoded values: masked, encoded again
    auto r = job.records.byFilter ? runByFilter(d) : runByAddress(d);
    if (!r) return r.error();
    if (cancel && cancel->load()) return cancelledAfter(d.outcome.written);
    if (auto f = sink.finish(); !f) return f.error();
    if (job.progress) job.progress(d.outcome.written, d.total);
    d.outcome.unmatched = d.masker.unmatched();
    d.outcome.masked = job.mask.fields;
    for (const QString& h : job.mask.headers)
        d.outcome.masked << QStringLiteral("header ") + h;
    return d.outcome;
}

} // namespace

Result<ExportOutcome> exportRecords(RecordSource& source, const RecordExport& job, QIODevice& out,
                                    const std::atomic_bool* cancel)
{
    auto run = [&](Sink& sink) { return runExport(source, job, sink, cancel); };
    if (job.format == ExportFormat::Ndjson) {
        NdjsonSink sink(out);
        return run(sink);
    }
    if (job.format != ExportFormat::Csv)
        return makeError(ErrorCode::InvalidArgument,
                         QStringLiteral("a bundle is written to a file of its own"));
    QStringList columns = job.columns.isEmpty() ? csvStandardColumns() : job.columns;
    for (const QString& c : columns)
        if (!csvStandardColumns().contains(c) && !((c.startsWith(QLatin1String("value.")) && c.size() > 6) ||
                                                   (c.startsWith(QLatin1String("header.")) && c.size() > 7)))
            return makeError(ErrorCode::InvalidArgument,
                             QStringLiteral("'%1' is not a CSV column: use %2, value.<path> or header.<name>")
                                 .arg(c, csvStandardColumns().join(QStringLiteral(", "))));
    CsvSink sink(out, columns);
    return run(sink);
}

Result<ExportOutcome> exportRecords(RecordSource& source, const RecordExport& job, const QString& path,
                                    const std::atomic_bool* cancel)
{
    auto run = [&](Sink& sink) { return runExport(source, job, sink, cancel); };
    if (job.format != ExportFormat::Workspace) {
        QSaveFile out(path);
        if (!out.open(QIODevice::WriteOnly)) return ioError(path, out.errorString());
        auto r = exportRecords(source, job, out, cancel);
        if (!r) {
            out.cancelWriting();
            return r;
        }
        if (!out.commit()) return ioError(path, out.errorString());
        return r;
    }

    if (QFile::exists(path))
        return makeError(ErrorCode::AlreadyExists,
                         QStringLiteral("%1 exists: a bundle is a new workspace").arg(path));
    Result<ExportOutcome> r = makeError(ErrorCode::Internal, QString());
    {
        auto created = WorkspaceStore::create(path);
        if (!created) return created.error();
        WorkspaceStore& store = *created.value();
        if (auto b = store.beginBulkLoad(); !b) return b.error();
        // Without a decoding stage, values the policy masks go in as their masked JSON.
        WorkspaceSink sink(store, source, Masker(job.mask).masksValues() && !source.encodedMasking());
        r = run(sink);
        if (r) {
            if (auto e = store.endBulkLoad(); !e) r = e.error();
        }
        if (r && job.withSchemas && !sink.schemaIds().empty()) {
            auto kept = keepSchemas(store, sink.schemaIds(), [&](qint32 id) { return source.schema(id); });
            if (!kept)
                r = kept.error();
            else {
                r->schemas = kept->kept;
                r->problems << kept->problems;
            }
        }
        if (r && !job.mask.empty())
            if (auto k = keepMaskPolicy(store, job.mask); !k) r = k.error();
        if (r && job.bundleCase) {
            Case c = *job.bundleCase;
            c.source.clear(); // the workspace that keeps it
            c.updated = currentTimeMs();
            if (auto s = store.saveCase(c.name, c.toJson(), static_cast<qint64>(c.pins.size()), c.updated);
                !s)
                r = s.error();
        }
    }
    if (!r) {
        QFile::remove(path);
        QFile::remove(path + QStringLiteral("-wal"));
        QFile::remove(path + QStringLiteral("-shm"));
        QFile::remove(path + QStringLiteral("-journal"));
    }
    return r;
}

} // namespace rw
