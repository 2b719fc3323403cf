#include "decoding_source.h"

#include "schemas_topic.h"

namespace rw {

namespace {

// Turns one view into its decoded form; the result is valid until the next call.
class ViewDecoder {
public:
    explicit ViewDecoder(SchemaCatalog& catalog) : m_catalog(catalog) {}

    const RecordView& apply(const QString& topic, const RecordView& v)
    {
        const bool key = named(v.keyNull, v.key), value = named(v.valueNull, v.value);
        if (!key && !value) return m_catalog.hasFiles() && !v.valueNull ? withFile(topic, v) : v;
        m_out = v;
        if (!key) {
            m_decoding.rawKey = {};
            m_decoding.key = SchemaUse{};
        }
        if (!value) {
            m_decoding.rawValue = {};
            m_decoding.value = SchemaUse{};
        }
        if (key) side(v.key, m_key, m_out.key, m_decoding.rawKey, m_decoding.key, m_memo[0]);
        if (value) side(v.value, m_value, m_out.value, m_decoding.rawValue, m_decoding.value, m_memo[1]);
        m_out.decoding = &m_decoding;
        return m_out;
    }

private:
    // A value not in the wire format, of a topic mapped to a schema file.
    const RecordView& withFile(const QString& topic, const RecordView& v)
    {
        m_value.resize(0); // keeps the capacity (clear() would free it: one allocation a record)
        const DecodeOutcome o = m_catalog.decodeWithFile(topic, v.value, m_value);
        if (!o.decoded && o.error.isEmpty()) return v; // no file for this topic
        m_out = v;
        m_decoding.rawKey = {};
        m_decoding.key = SchemaUse{};
        m_decoding.rawValue = v.value;
        m_decoding.value =
            SchemaUse{o.decoded, -1, schemaFormatName(o.schema.format), o.schema.subject, 0, o.error};
        if (o.decoded) m_out.value = m_value;
        m_out.decoding = &m_decoding;
        return m_out;
    }

    static bool named(bool null, QByteArrayView bytes) { return !null && bytes.size() >= 5 && bytes[0] == 0; }

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
    QByteArray m_key, m_value;
    SchemaCatalog::Memo m_memo[2]; // key, value
    DecodingView m_decoding;
    RecordView m_out;
};

class DecodingSource final : public RecordSource {
public:
    DecodingSource(std::unique_ptr<RecordSource> inner, std::shared_ptr<SchemaCatalog> catalog)
        : RecordSource(inner->spec()), m_inner(std::move(inner)), m_catalog(std::move(catalog))
    {
    }

    QString name() const override { return m_inner->name(); }
    SourceCapabilities capabilities() const override { return m_inner->capabilities(); }
    Result<std::unique_ptr<RecordSource>> reopen() const override
    {
        auto again = m_inner->reopen();
        if (!again) return again.error();
        return decodingSource(std::move(again.value()), m_catalog);
    }
    Result<SourceFacts> facts() override { return m_inner->facts(); }
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
    Result<qint64> scan(const QString& topic, PartitionId partition, Offset from, Offset to,
                        const WorkspaceStore::ScanCallback& callback, qint64 maxCount,
                        const std::atomic_bool* cancel) override
    {
        ensureSchemas();
        ViewDecoder decoder(*m_catalog);
        return m_inner->scan(
            topic, partition, from, to,
            [&](const RecordView& v) { return callback(decoder.apply(topic, v)); }, maxCount, cancel);
    }
    Result<qint64> scanTimes(const QString& topic, PartitionId partition, Offset from, Offset to,
                             const TimeCallback& callback, const std::atomic_bool* cancel) override
    {
        return m_inner->scanTimes(topic, partition, from, to, callback, cancel);
    }
    Result<void> readRefs(const QStringList& topics, const std::vector<RecordRef>& refs,
                          const RefCallback& callback, const std::atomic_bool* cancel) override
    {
        ensureSchemas();
        ViewDecoder decoder(*m_catalog);
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
    Result<std::optional<std::vector<WorkspaceStore::TextHit>>>
    textCandidates(const std::vector<QString>&) override
    {
        return std::optional<std::vector<WorkspaceStore::TextHit>>();
    }
    Result<std::vector<qint64>> histogram(const QString& topic, PartitionId partition, TimestampMs from,
                                          TimestampMs bucketMs, int buckets,
                                          const std::atomic_bool* cancel) override
    {
        return m_inner->histogram(topic, partition, from, bucketMs, buckets, cancel);
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
        auto decoder = std::make_shared<ViewDecoder>(*m_catalog);
        SearchOptions decoded = options;
        decoded.decode = [decoder](const QString& topic, const RecordView& v) -> const RecordView& {
            return decoder->apply(topic, v);
        };
        return m_inner->search(filter, decoded, sink, cancel);
    }

    RecordSource& stored() override { return *m_inner; }
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
};

} // namespace

std::unique_ptr<RecordSource> decodingSource(std::unique_ptr<RecordSource> inner,
                                             std::shared_ptr<SchemaCatalog> catalog)
{
    return std::make_unique<DecodingSource>(std::move(inner), std::move(catalog));
}

} // namespace rw
