#include "decoding_source.h"

#include "channel.h"

#include "schemas_topic.h"

#include <QHash>
#include <QMutex>

#include <set>
#include <thread>
#include <tuple>

namespace rw {

namespace {

// What was left undecoded, shared by a source and every connection reopen() makes of it. Counted
// once a record; the first few records of each reason are kept to be named.
class UndecodedTally {
public:
    static constexpr int kFirst = 5;
    static constexpr size_t kMaxRemembered = 1'000'000; // records told apart; beyond, counted as met

    void note(const QString& topic, const RecordView& v, const DecodingView& d)
    {
        QMutexLocker lock(&m_mutex);
        const auto ref = std::make_tuple(topic, v.partition, v.offset);
        if (m_seen.size() < kMaxRemembered) {
            if (!m_seen.insert(ref).second) return;
        }
        ++m_records;
        const QString where = QStringLiteral("%1-%2@%3").arg(topic).arg(v.partition).arg(v.offset);
        for (const auto& [side, use] :
             {std::pair{QStringLiteral("key"), &d.key}, std::pair{QStringLiteral("value"), &d.value}}) {
            if (use->decoded || use->error.isEmpty()) continue;
            UndecodedReport::Reason& r = m_reasons[side + QStringLiteral(": ") + use->error];
            ++r.records;
            if (r.first.size() < kFirst) r.first << where;
        }
    }
    UndecodedReport report() const
    {
        QMutexLocker lock(&m_mutex);
        UndecodedReport out;
        out.records = m_records;
        for (auto it = m_reasons.begin(); it != m_reasons.end(); ++it) {
            UndecodedReport::Reason r = it.value();
            r.reason = it.key();
            out.reasons.push_back(std::move(r));
        }
        std::sort(out.reasons.begin(), out.reasons.end(),
                  [](const UndecodedReport::Reason& a, const UndecodedReport::Reason& b) {
                      return a.records != b.records ? a.records > b.records : a.reason < b.reason;
                  });
        return out;
    }

private:
    mutable QMutex m_mutex;
    std::set<std::tuple<QString, PartitionId, Offset>> m_seen;
    QHash<QString, UndecodedReport::Reason> m_reasons;
    qint64 m_records = 0;
};

// How a key or value stands to the Schema Registry wire format (0x00, a 4-byte schema id, ...).
struct Wire {
    enum Kind { Plain, Framed, Malformed } kind = Plain;
    qint32 id = -1;
    QString why; // Malformed: why the bytes cannot be a wire-format header
};

Wire wireOf(bool null, QByteArrayView bytes)
{
    if (null || bytes.isEmpty() || bytes[0] != 0) return {};
    if (bytes.size() < 5)
        return {
            Wire::Malformed, -1,
            QStringLiteral("begins with the wire format's 0x00 but has %1 byte(s), too few for a schema id")
                .arg(bytes.size())};
    const auto header = parseWireHeader(bytes);
    if (!header) {
        const auto* p = reinterpret_cast<const uchar*>(bytes.data());
        const quint32 id = (quint32(p[1]) << 24) | (quint32(p[2]) << 16) | (quint32(p[3]) << 8) | p[4];
        return {Wire::Malformed, -1,
                QStringLiteral("schema id %1 is out of range: the wire format's ids are below 2^31").arg(id)};
    }
    return {Wire::Framed, header->id, {}};
}

// Turns one view into its decoded form; the result is valid until the next call.
// The rule for a value of a topic mapped to a schema file: it is unframed (the file's datum
// whole) unless its first five bytes name a schema id that the registry or the source's
// `_schemas` knows. A datum whose first field is 0, false, "" or an empty array, or a null union
// branch, begins with 0x00 too, and must not be taken for the wire format (docs/schemas.md).
class ViewDecoder {
public:
    ViewDecoder(SchemaCatalog& catalog, UndecodedTally* tally) : m_catalog(catalog), m_tally(tally) {}

    const RecordView& apply(const QString& topic, const RecordView& v)
    {
        const Wire key = wireOf(v.keyNull, v.key), value = wireOf(v.valueNull, v.value);
        const bool byFile = !v.valueNull && m_catalog.hasFiles() && m_catalog.hasFile(topic) &&
                            !(value.kind == Wire::Framed && known(value.id));
        if (key.kind == Wire::Plain && value.kind == Wire::Plain && !byFile) return v;
        m_out = v;
        sideOf(key, v.key, m_key, m_out.key, m_decoding.rawKey, m_decoding.key, m_memo[0]);
        if (byFile)
            withFile(topic, v.value, value);
        else
            sideOf(value, v.value, m_value, m_out.value, m_decoding.rawValue, m_decoding.value, m_memo[1]);
        m_out.decoding = &m_decoding;
        if (m_tally && ((!m_decoding.key.decoded && !m_decoding.key.error.isEmpty()) ||
                        (!m_decoding.value.decoded && !m_decoding.value.error.isEmpty())))
            m_tally->note(topic, v, m_decoding);
        return m_out;
    }

private:
    bool known(qint32 id)
    {
        SchemaCatalog::Memo& memo = m_memo[1];
        if (memo.id != id) memo = {id, m_catalog.lookup(id)};
        return memo.entry && memo.entry->schema.has_value();
    }

    void sideOf(const Wire& w, QByteArrayView bytes, QByteArray& buffer, QByteArrayView& shown,
                QByteArrayView& raw, SchemaUse& use, SchemaCatalog::Memo& memo)
    {
        switch (w.kind) {
        case Wire::Plain:
            raw = {};
            use = SchemaUse{};
            return;
        case Wire::Malformed:
            raw = bytes;
            use = SchemaUse{false, -1, QString(), QString(), 0, w.why};
            return;
        case Wire::Framed:
            side(bytes, buffer, shown, raw, use, memo);
            return;
        }
    }

    // A value of a topic mapped to a schema file, decoded whole with the file.
    void withFile(const QString& topic, QByteArrayView bytes, const Wire& w)
    {
        m_value.resize(0); // keeps the capacity (clear() would free it: one allocation a record)
        const DecodeOutcome o = m_catalog.decodeWithFile(topic, bytes, m_value);
        m_decoding.rawValue = bytes;
        QString error = o.error;
        if (!o.decoded && w.kind == Wire::Framed)
            error +=
                QStringLiteral(" (its first bytes would name schema id %1, which neither a registry nor the "
                               "source's _schemas knows, so it was read as unframed)")
                    .arg(w.id);
        m_decoding.value =
            SchemaUse{o.decoded, -1, schemaFormatName(o.schema.format), o.schema.subject, 0, error};
        if (o.decoded) m_out.value = m_value;
    }

    void side(QByteArrayView bytes, QByteArray& buffer, QByteArrayView& shown, QByteArrayView& raw,
              SchemaUse& use, SchemaCatalog::Memo& memo)
    {
        buffer.resize(0); // keeps the capacity
        const DecodeOutcome o = m_catalog.decode(bytes, buffer, &memo);
        raw = bytes;
        use.decoded = o.decoded;
        if (use.schemaId != o.schema.id || !use.error.isEmpty() || !o.error.isEmpty()) { // else as before
            use.schemaId = o.schema.id;
            use.format = schemaFormatName(o.schema.format);
            use.subject = o.schema.subject;
            use.version = o.schema.version;
            use.error = o.error;
        }
        if (o.decoded) shown = buffer;
    }

    SchemaCatalog& m_catalog;
    UndecodedTally* m_tally;
    QByteArray m_key, m_value;
    SchemaCatalog::Memo m_memo[2]; // key, value
    DecodingView m_decoding;
    RecordView m_out;
};

// Records copied out of a scan, decoded together on another thread (DecodingSource::scan): while
// the worker decodes one batch, the reading thread fetches the next. Views handed out point into
// the batch, valid until it is reused.
class Batch {
public:
    static constexpr size_t kRecords = 2048;

    void add(const RecordView& v)
    {
        Item it{v, m_raw.size(), m_raw.size() + v.key.size(), m_raw.size() + v.key.size() + v.value.size()};
        m_raw.append(v.key);
        m_raw.append(v.value);
        m_raw.append(v.headersBlob);
        m_items.push_back(it);
    }
    size_t size() const { return m_items.size(); }
    void clear()
    {
        m_items.clear();
        m_raw.resize(0);
    }

    // Decodes every record (on any one thread at a time) and makes the views to hand out.
    void decode(ViewDecoder& decoder, const QString& topic)
    {
        const size_t n = m_items.size();
        m_decoded.resize(0);
        m_decodings.clear();
        m_decodings.reserve(n);
        m_out.assign(n, Out{});
        m_views.resize(n);
        for (size_t i = 0; i < n; ++i) {
            RecordView v = stored(i);
            const RecordView& d = decoder.apply(topic, v);
            m_views[i] = v;
            if (!d.decoding) continue;
            Out& o = m_out[i];
            o.decoding = static_cast<qsizetype>(m_decodings.size());
            m_decodings.push_back(*d.decoding);
            if (d.key.data() != v.key.data() || d.key.size() != v.key.size())
                o.key = {m_decoded.size(), d.key.size()}, m_decoded.append(d.key);
            if (d.value.data() != v.value.data() || d.value.size() != v.value.size())
                o.value = {m_decoded.size(), d.value.size()}, m_decoded.append(d.value);
        }
        // The decoded texts stay where they are from here on: the views can point at them.
        for (size_t i = 0; i < n; ++i) {
            const Out& o = m_out[i];
            if (o.decoding < 0) continue;
            RecordView& v = m_views[i];
            if (o.key.first >= 0) v.key = QByteArrayView(m_decoded.constData() + o.key.first, o.key.second);
            if (o.value.first >= 0)
                v.value = QByteArrayView(m_decoded.constData() + o.value.first, o.value.second);
            v.decoding = &m_decodings[static_cast<size_t>(o.decoding)];
        }
    }
    const RecordView& view(size_t i) const { return m_views[i]; }

private:
    struct Item {
        RecordView v; // its byte views are not used: the bytes are in m_raw from these positions
        qsizetype key, value, headers;
    };
    struct Out {
        std::pair<qsizetype, qsizetype> key{-1, 0}, value{-1, 0}; // in m_decoded
        qsizetype decoding = -1;
    };
    RecordView stored(size_t i) const
    {
        const Item& it = m_items[i];
        RecordView v = it.v;
        const char* base = m_raw.constData();
        v.key = QByteArrayView(base + it.key, it.value - it.key);
        v.value = QByteArrayView(base + it.value, it.headers - it.value);
        v.headersBlob = QByteArrayView(base + it.headers, it.v.headersBlob.size());
        v.decoding = nullptr;
        return v;
    }

    QByteArray m_raw;
    std::vector<Item> m_items;
    QByteArray m_decoded;
    std::vector<DecodingView> m_decodings;
    std::vector<Out> m_out;
    std::vector<RecordView> m_views;
};

// Masks schema-encoded values with the catalog's schemas (SchemaCatalog::mask).
class CatalogMasking final : public EncodedMasking {
public:
    explicit CatalogMasking(std::shared_ptr<SchemaCatalog> catalog) : m_catalog(std::move(catalog)) {}
    Result<bool> mask(const QString& topic, QByteArrayView stored, MaskPaths& paths, QByteArray& out) override
    {
        return m_catalog->mask(topic, stored, paths, out);
    }

private:
    std::shared_ptr<SchemaCatalog> m_catalog;
};

class DecodingSource final : public RecordSource {
public:
    DecodingSource(std::unique_ptr<RecordSource> inner, std::shared_ptr<SchemaCatalog> catalog,
                   std::shared_ptr<UndecodedTally> tally)
        : RecordSource(inner->spec()), m_inner(std::move(inner)), m_catalog(std::move(catalog)),
          m_tally(std::move(tally))
    {
    }

    QString name() const override { return m_inner->name(); }
    SourceCapabilities capabilities() const override { return m_inner->capabilities(); }
    std::shared_ptr<EncodedMasking> encodedMasking() override
    {
        return std::make_shared<CatalogMasking>(m_catalog);
    }
    Result<std::unique_ptr<RecordSource>> reopen() const override
    {
        auto again = m_inner->reopen();
        if (!again) return again.error();
        return std::unique_ptr<RecordSource>(
            std::make_unique<DecodingSource>(std::move(again.value()), m_catalog, m_tally));
    }
    Result<SourceFacts> facts() override { return m_inner->facts(); }
    Result<SourceFacts> quickFacts() override { return m_inner->quickFacts(); }
    // The schemas topic is the stage's own input, not a topic people browse: listed only with the
    // internal topics (it stays readable by name).
    Result<std::vector<TopicInfo>> topics() override
    {
        auto all = m_inner->topics();
        if (!all || spec().showInternalTopics) return all;
        std::erase_if(all.value(), [](const TopicInfo& t) { return t.name == kSchemasTopic; });
        return all;
    }
    Result<TopicInfo> topic(const QString& name) override { return m_inner->topic(name); }
    Result<bool> hasTopic(const QString& name) override { return m_inner->hasTopic(name); }
    Result<std::pair<Offset, Offset>> watermarks(const QString& topic, PartitionId partition) override
    {
        return m_inner->watermarks(topic, partition);
    }
    // Long ranges are decoded on a second thread, a batch behind the reading: browsing a
    // schema-encoded topic then costs about the larger of reading and decoding, not their sum.
    Result<qint64> scan(const QString& topic, PartitionId partition, Offset from, Offset to,
                        const ScanCallback& callback, qint64 maxCount,
                        const std::atomic_bool* cancel) override
    {
        ensureSchemas();
        const qint64 wanted = maxCount < 0 ? qint64(to - from) : std::min<qint64>(maxCount, to - from);
        if (wanted < static_cast<qint64>(2 * Batch::kRecords)) {
            ViewDecoder decoder(*m_catalog, m_tally.get());
            return m_inner->scan(
                topic, partition, from, to,
                [&](const RecordView& v) { return callback(decoder.apply(topic, v)); }, maxCount, cancel);
        }
        // Two batches: one filling here while the other is decoded by a helper thread; they
        // travel through two bounded channels (core/channel.h), so the reader is at most one
        // batch ahead. The decoder is used by one thread at a time: the helper, then this one.
        ViewDecoder decoder(*m_catalog, m_tally.get());
        Batch batches[2];
        Batch* filling = &batches[0];
        Batch* spare = &batches[1];
        BoundedChannel<Batch*> toDecode(1), decoded(1);
        std::thread helper([&] {
            while (auto b = toDecode.pop()) {
                (*b)->decode(decoder, topic);
                if (!decoded.push(std::move(*b))) return;
            }
            decoded.finish();
        });
        bool inFlight = false;
        qint64 handed = 0;
        bool stopped = false;
        auto deliver = [&](const Batch& b) {
            for (size_t i = 0; i < b.size(); ++i) {
                if (cancel && cancel->load()) return false;
                ++handed;
                if (!callback(b.view(i))) return false;
            }
            return true;
        };
        // The batch in flight, decoded, handed on; its buffer becomes the spare.
        auto collect = [&] {
            if (!inFlight) return;
            inFlight = false;
            auto b = decoded.pop();
            if (!b) return;
            spare = *b;
            if (!stopped && !deliver(*spare)) stopped = true;
        };
        auto read = m_inner->scan(
            topic, partition, from, to,
            [&](const RecordView& v) {
                filling->add(v);
                if (filling->size() < Batch::kRecords) return true;
                collect();
                if (stopped) return false;
                (void)toDecode.push(std::move(filling));
                inFlight = true;
                filling = spare;
                filling->clear();
                return !(cancel && cancel->load());
            },
            maxCount, cancel);
        collect();
        toDecode.finish();
        helper.join();
        if (!stopped && filling->size() > 0) {
            filling->decode(decoder, topic);
            (void)deliver(*filling);
        }
        if (!read) return read.error();
        return handed;
    }
    // The inner source's stream (one consumer on a cluster, following if asked), decoded as it
    // passes.
    Result<StreamReport> stream(const StreamRequest& request, const StreamSink& sink,
                                const std::atomic_bool* cancel) override
    {
        ensureSchemas();
        ViewDecoder decoder(*m_catalog, m_tally.get());
        return m_inner->stream(
            request,
            [&](const QString& topic, const RecordView& v) { return sink(topic, decoder.apply(topic, v)); },
            cancel);
    }
    Result<Offset> startOfLast(const QString& topic, PartitionId partition, Offset low, Offset high,
                               qint64 count, const std::atomic_bool* cancel) override
    {
        return m_inner->startOfLast(topic, partition, low, high, count, cancel);
    }
    UndecodedReport undecoded() const override { return m_tally->report(); }
    Result<qint64> scanTimes(const QString& topic, PartitionId partition, Offset from, Offset to,
                             const TimeCallback& callback, const std::atomic_bool* cancel) override
    {
        return m_inner->scanTimes(topic, partition, from, to, callback, cancel);
    }
    Result<void> readRefs(const QStringList& topics, const std::vector<RecordRef>& refs,
                          const RefCallback& callback, const std::atomic_bool* cancel) override
    {
        ensureSchemas();
        ViewDecoder decoder(*m_catalog, m_tally.get());
        return m_inner->readRefs(
            topics, refs,
            [&](size_t i, const RecordView& v) {
                callback(i, decoder.apply(topics.value(refs[i].topic), v));
            },
            cancel);
    }
    Result<std::optional<Offset>> offsetForTime(const QString& topic, PartitionId partition,
                                                TimestampMs ts) override
    {
        return m_inner->offsetForTime(topic, partition, ts);
    }
    Result<Offset> endOffsetBefore(const QString& topic, PartitionId partition, TimestampMs ts) override
    {
        return m_inner->endOffsetBefore(topic, partition, ts);
    }
    // The text index holds the stored bytes, not the decoded text: a search here reads records.
    Result<std::optional<std::vector<TextHit>>> textCandidates(const std::vector<QString>&) override
    {
        return std::optional<std::vector<TextHit>>();
    }
    Result<std::vector<qint64>> histogram(const QString& topic, PartitionId partition, TimestampMs from,
                                          TimestampMs bucketMs, int buckets,
                                          const std::atomic_bool* cancel) override
    {
        return m_inner->histogram(topic, partition, from, bucketMs, buckets, cancel);
    }
    Result<std::vector<std::vector<qint64>>> histograms(const std::vector<TopicPartition>& partitions,
                                                        TimestampMs from, TimestampMs bucketMs, int buckets,
                                                        const std::atomic_bool* cancel) override
    {
        return m_inner->histograms(partitions, from, bucketMs, buckets, cancel);
    }
    Result<std::vector<RangeEdges>> rangeEdges(const QString& topic, const std::vector<OffsetRange>& ranges,
                                               const std::atomic_bool* cancel) override
    {
        return m_inner->rangeEdges(topic, ranges, cancel);
    }
    Result<std::vector<GroupSummary>> groups() override { return m_inner->groups(); }
    Result<std::vector<PartitionLag>> groupLag(const QString& name) override
    {
        return m_inner->groupLag(name);
    }
    Result<GroupState> group(const QString& name) override { return m_inner->group(name); }
    Result<std::vector<ResetPlanRow>> planGroupReset(const QString& group, const ResetSpec& spec) override
    {
        return m_inner->planGroupReset(group, spec);
    }
    Result<std::unique_ptr<GroupWriter>> groupWriter() const override { return m_inner->groupWriter(); }
    Result<SearchReport> search(const Filter& filter, const SearchOptions& options, const SearchSink& sink,
                                const std::atomic_bool* cancel) override
    {
        ensureSchemas();
        auto decoder = std::make_shared<ViewDecoder>(*m_catalog, m_tally.get());
        SearchOptions decoded = options;
        decoded.decode = [decoder](const QString& topic, const RecordView& v) -> const RecordView& {
            return decoder->apply(topic, v);
        };
        // Another thread of the search decodes with a decoder of its own (its parallel read).
        decoded.decoderForThread = [catalog = m_catalog, tally = m_tally]() -> SearchOptions::DecodeFn {
            auto own = std::make_shared<ViewDecoder>(*catalog, tally.get());
            return [own](const QString& topic, const RecordView& v) -> const RecordView& {
                return own->apply(topic, v);
            };
        };
        // A stored source's long reads come through this stage's batched scan.
        decoded.decodedScan = [this](const QString& topic, PartitionId partition, Offset from, Offset to,
                                     const ScanCallback& callback, const std::atomic_bool* stop) {
            return scan(topic, partition, from, to, callback, -1, stop);
        };
        return m_inner->search(filter, decoded, sink, cancel);
    }

    RecordSource& stored() override { return *m_inner; }
    Result<MaskPolicy> maskPolicy() override { return m_inner->maskPolicy(); }
    Result<ClusterBrokers> brokers() override { return m_inner->brokers(); }
    Result<std::vector<TopicSetting>> topicSettings(const QString& topic) override
    {
        return m_inner->topicSettings(topic);
    }
    Result<RegistrySchema> schema(qint32 id) override
    {
        ensureSchemas();
        return m_catalog->schema(id);
    }

private:
    // The source's own schemas topic, read once (on this connection) before the first decode.
    void ensureSchemas()
    {
        m_catalog->loadOffline([this]() -> Result<QHash<qint32, RegistrySchema>> {
            auto topic = readSchemasTopic(*m_inner);
            if (!topic) return topic.error();
            return topic->byId;
        });
    }

    std::unique_ptr<RecordSource> m_inner;
    std::shared_ptr<SchemaCatalog> m_catalog;
    std::shared_ptr<UndecodedTally> m_tally;
};

} // namespace

std::unique_ptr<RecordSource> decodingSource(std::unique_ptr<RecordSource> inner,
                                             std::shared_ptr<SchemaCatalog> catalog)
{
    return std::make_unique<DecodingSource>(std::move(inner), std::move(catalog),
                                            std::make_shared<UndecodedTally>());
}

} // namespace rw
