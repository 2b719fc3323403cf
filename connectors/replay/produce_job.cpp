#include "produce_job.h"

#include "json.h"
#include "mask_policy.h"
#include "record_source.h"

namespace rw {

Result<void> refuseOutsideSandbox(const QString& topic, const QString& sandboxPrefix,
                                  const QStringList& unlocked)
{
    if (topic.isEmpty()) return makeError(ErrorCode::InvalidArgument, QStringLiteral("no topic given"));
    if (topic.startsWith(sandboxPrefix) || unlocked.contains(topic)) return {};
    return makeError(ErrorCode::Refused,
                     QStringLiteral("refusing to write to '%1': it is not a sandbox topic (prefix '%2'); "
                                    "unlock it by name to write anyway")
                         .arg(topic, sandboxPrefix));
}

Result<QByteArray> encodeSide(const ValueEncoder& encoder, QByteArrayView typed, bool isKey)
{
    if (isKey && !json::isValidJson(typed)) { // a bare key: the JSON string of its text
        QByteArray quoted;
        json::appendString(quoted, typed);
        return encoder.encode(quoted);
    }
    return encoder.encode(typed);
}

Result<std::vector<ProducerRecord>> encodeDrafts(const std::vector<ProduceDraft>& drafts,
                                                 const ProduceEncoders& encoders)
{
    std::vector<ProducerRecord> out;
    out.reserve(drafts.size());
    for (const ProduceDraft& d : drafts) {
        ProducerRecord r;
        r.topic = d.topic;
        r.partition = d.partition;
        r.timestamp = d.timestamp;
        r.key = d.key;
        r.value = d.value;
        r.headers = d.headers;
        for (auto [encoder, side, isKey] : {std::tuple{encoders.value.get(), &r.value, false},
                                            std::tuple{encoders.key.get(), &r.key, true}}) {
            if (!isKey && d.valueEncoder) encoder = d.valueEncoder.get();
            if (!encoder || !*side) continue; // a null value stays a tombstone
            auto encoded = encodeSide(*encoder, **side, isKey);
            if (!encoded)
                return makeError(ErrorCode::Parse,
                                 QStringLiteral("%1: the %2 does not fit %3: %4")
                                     .arg(d.label, isKey ? QStringLiteral("key") : QStringLiteral("value"),
                                          encoder->framed() ? QStringLiteral("%1 (id %2)")
                                                                  .arg(encoder->schema().ref.subject)
                                                                  .arg(encoder->schema().ref.id)
                                                            : encoder->schema().ref.subject,
                                          encoded.error().message));
            *side = std::move(encoded.value());
        }
        out.push_back(std::move(r));
    }
    return out;
}

Result<ProduceOutcome> produceInBatches(KafkaClient& client, const std::vector<ProducerRecord>& records,
                                        const std::atomic_bool* cancel,
                                        const std::function<void(qint64, qint64)>& progress, size_t batch)
{
    ProduceOutcome out;
    const qint64 total = qint64(records.size());
    if (progress) progress(0, total);
    for (size_t at = 0; at < records.size(); at += batch) {
        if (cancel && cancel->load()) {
            out.cancelled = true;
            break;
        }
        const size_t end = std::min(records.size(), at + std::max<size_t>(batch, 1));
        std::vector<ProducerRecord> part(records.begin() + qsizetype(at), records.begin() + qsizetype(end));
        auto r = client.produce(part);
        if (!r) {
            Error e = r.error();
            e.message += QStringLiteral(" (%1 of %2 records delivered before this batch)")
                             .arg(out.delivered)
                             .arg(total);
            return e;
        }
        out.delivered += r->delivered;
        out.positions.insert(out.positions.end(), r->positions.begin(), r->positions.end());
        if (progress) progress(out.delivered, total);
    }
    return out;
}

void addProvenance(Headers& headers, const Record& source)
{
    headers.push_back({"rewind.source.topic", source.topic.toUtf8()});
    headers.push_back({"rewind.source.partition", QByteArray::number(source.partition)});
    headers.push_back({"rewind.source.offset", QByteArray::number(source.offset)});
    headers.push_back({"rewind.source.timestamp", QByteArray::number(source.timestamp)});
}

Result<ResendRead> readForResend(RecordSource& source, const QStringList& topics,
                                 const std::vector<RecordRef>& refs, bool mask,
                                 const std::atomic_bool* cancel)
{
    MaskPolicy policy;
    if (mask) {
        auto p = source.maskPolicy();
        if (!p) return p.error();
        policy = p.value();
    }
    Masker masker(policy);
    masker.setEncoded(source.encodedMasking());
    ResendRead out;
    std::vector<std::optional<ResendItem>> found(refs.size());
    Error failure;
    bool failed = false;
    auto r = source.readRefs(
        topics, refs,
        [&](size_t index, const RecordView& view) {
            if (failed || index >= found.size()) return;
            const QString topic = topics.value(refs[index].topic);
            auto rec = toRecord(topic, view);
            if (!rec) {
                failure = rec.error();
                failed = true;
                return;
            }
            ResendItem item;
            item.source = std::move(rec.value());
            const RecordDecoding* dec = item.source.decoding ? &*item.source.decoding : nullptr;
            item.key = dec && dec->rawKey ? dec->rawKey : item.source.key;
            const std::optional<QByteArray> stored = dec && dec->rawValue ? dec->rawValue : item.source.value;
            if (dec && dec->value.decoded) {
                item.valueSchemaId = dec->value.schemaId;
                item.valueSchema =
                    QStringLiteral("%1, %2 version %3 (id %4)")
                        .arg(dec->value.format,
                             dec->value.subject.isEmpty() ? QStringLiteral("?") : dec->value.subject)
                        .arg(dec->value.version)
                        .arg(dec->value.schemaId);
            }
            if (masker.active() && stored) {
                QByteArray masked;
                auto m = masker.storedValue(topic, *stored, masked);
                if (!m) {
                    failure = m.error();
                    failed = true;
                    return;
                }
                item.storedValue = masked;
                auto shown = masker.value(item.source.value);
                if (!shown) {
                    failure = shown.error();
                    failed = true;
                    return;
                }
                item.shownValue = shown.value();
            } else {
                item.storedValue = stored;
                item.shownValue = item.source.value;
            }
            if (masker.active()) item.source.headers = masker.headers(item.source.headers);
            found[index] = std::move(item);
        },
        cancel);
    if (!r) return r.error();
    if (failed) return failure;
    if (cancel && cancel->load()) return makeError(ErrorCode::Cancelled, QStringLiteral("cancelled"));
    for (auto& s : found) {
        if (s)
            out.items.push_back(std::move(*s));
        else
            ++out.missing;
    }
    return out;
}

} // namespace rw
