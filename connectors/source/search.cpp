#include "search.h"

#include "record_source.h"

#include "time_parse.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace rw {

namespace {

// Shared per-record bookkeeping of both sources.
struct Scanner {
    Filter filter;
    const SearchOptions& options;
    const SearchSink& sink;
    SearchReport& report;
    bool stop = false;

    bool onRecord(PartitionCoverage& c, const QString& topic, const RecordView& stored)
    {
        return onView(c, topic, options.decode ? options.decode(topic, stored) : stored);
    }

    // A record as the filter sees it (decoded already, or as stored without a decoding stage).
    bool onView(PartitionCoverage& c, const QString& topic, const RecordView& v)
    {
        const FilterInput in = FilterInput::of(topic, v);
        ++c.scanned;
        ++report.scanned;
        c.next = v.offset + 1;
        if (!c.firstTime || v.timestamp < *c.firstTime) c.firstTime = v.timestamp;
        if (!c.lastTime || v.timestamp > *c.lastTime) c.lastTime = v.timestamp;
        if (options.timeRange &&
            (v.timestamp < options.timeRange->first || v.timestamp >= options.timeRange->second))
            return true;
        const auto r = filter.evaluate(in);
        if (r.outcome == Filter::Outcome::Error) {
            ++c.errors;
            ++report.errors;
            if (c.firstError.isEmpty())
                c.firstError = QStringLiteral("%1 (offset %2)").arg(r.error).arg(v.offset);
            return true;
        }
        if (r.outcome == Filter::Outcome::NoMatch) return true;
        ++c.matched;
        ++report.matched;
        if (!sink(topic, v) || (options.maxMatches >= 0 && report.matched >= options.maxMatches)) {
            stop = true;
            return false;
        }
        return true;
    }
};

// The key pushdown, when the caller named a partitioner. On a store, up to kSample keyed records
// at each end of every partition are checked against it first: one that sits elsewhere means the
// assumption is wrong for this topic, and every partition is read.
constexpr qint64 kKeySample = 64;

Result<bool> partitionerHolds(RecordSource& store, const TopicInfo& t, KeyPartitioner k, bool decoding,
                              QString& contradiction)
{
    const auto n = static_cast<std::int32_t>(t.partitions.size());
    for (const PartitionInfo& p : t.partitions) {
        bool holds = true;
        auto check = [&](const RecordView& v) {
            if (v.keyNull || v.key.isEmpty()) return true; // unkeyed: any partition
            if (decoding && v.key.size() >= 5 && v.key[0] == 0) {
                // A schema-encoded key: the producer hashed its bytes, not the decoded text the
                // filter names, so the partition cannot be worked out from the filter.
                holds = false;
                contradiction = QStringLiteral("%1-%2 offset %3, whose key is schema-encoded")
                                    .arg(t.name)
                                    .arg(p.partition)
                                    .arg(v.offset);
                return false;
            }
            if (partitionFor(k, v.key, n) != p.partition) {
                holds = false;
                contradiction = QStringLiteral("%1-%2 offset %3").arg(t.name).arg(p.partition).arg(v.offset);
                return false;
            }
            return true;
        };
        auto head = store.scan(t.name, p.partition, p.low, p.high, check, kKeySample);
        if (!head) return head.error();
        if (holds && p.high - p.low > kKeySample) {
            auto tail = store.scan(t.name, p.partition, std::max<Offset>(p.low, p.high - kKeySample), p.high,
                                   check, kKeySample);
            if (!tail) return tail.error();
        }
        if (!holds) return false;
    }
    return true;
}

struct KeyPushdown {
    QStringList read;         // "orders-3"
    QStringList contradicted; // "orders (a record with another partition at orders-1 offset 7)"
};

Result<std::optional<PartitionId>> keyPartition(RecordSource* store, const Filter& f, const SearchOptions& o,
                                                const TopicInfo* info, const QString& topic, int partitions,
                                                KeyPushdown& kp)
{
    if (!o.pushdown || o.keyPartitioner == KeyPartitioner::None || !f.pushdown().keyEquals)
        return std::optional<PartitionId>();
    if (!store && o.decode) { // decoded keys, and no sample to tell whether they were encoded
        kp.contradicted << QStringLiteral("%1 (its keys may be schema-encoded)").arg(topic);
        return std::optional<PartitionId>();
    }
    if (store && info) {
        QString where;
        auto holds = partitionerHolds(*store, *info, o.keyPartitioner, static_cast<bool>(o.decode), where);
        if (!holds) return holds.error();
        if (!holds.value()) {
            kp.contradicted << QStringLiteral("%1 (%2 holds a key %3 would put elsewhere)")
                                   .arg(topic, where, QLatin1String(partitionerName(o.keyPartitioner)));
            return std::optional<PartitionId>();
        }
    }
    const PartitionId p = partitionFor(o.keyPartitioner, *f.pushdown().keyEquals, partitions);
    kp.read << QStringLiteral("%1-%2").arg(topic).arg(p);
    return std::optional<PartitionId>(p);
}

void noteKeyAssumption(const Filter& f, const SearchOptions& o, const KeyPushdown& kp, SearchReport& report)
{
    const QString name = QLatin1String(partitionerName(o.keyPartitioner));
    if (!kp.read.isEmpty())
        report.assumptions
            << QStringLiteral("key == \"%1\": only %2 read, assuming the producers used the %3 partitioner "
                              "(checked on a sample). Search without it to read every partition.")
                   .arg(QString::fromUtf8(*f.pushdown().keyEquals), kp.read.join(QStringLiteral(", ")), name);
    for (const QString& c : kp.contradicted)
        report.assumptions
            << QStringLiteral("the %1 partitioner does not fit %2: every partition was read").arg(name, c);
}

// The times a search may skip reading before and from (with pushdown): the filter's own bounds
// and the caller's range, whichever is narrower.
std::optional<TimestampMs> readFrom(const Filter& f, const SearchOptions& o)
{
    if (!o.pushdown) return std::nullopt;
    std::optional<TimestampMs> t = f.pushdown().fromTime;
    if (o.timeRange) t = t ? std::max(*t, o.timeRange->first) : o.timeRange->first;
    return t;
}

std::optional<TimestampMs> readUntil(const Filter& f, const SearchOptions& o)
{
    if (!o.pushdown) return std::nullopt;
    std::optional<TimestampMs> t = f.pushdown().toTime;
    if (o.timeRange) t = t ? std::min(*t, o.timeRange->second) : o.timeRange->second;
    return t;
}

bool topicWanted(const Filter& f, const SearchOptions& o, const QString& topic)
{
    if (!o.topic.isEmpty()) return topic == o.topic;
    if (o.pushdown && f.pushdown().topic) return topic == *f.pushdown().topic;
    return true;
}

std::optional<PartitionId> partitionWanted(const Filter& f, const SearchOptions& o)
{
    if (o.partition) return o.partition;
    if (o.pushdown && f.pushdown().partition) return f.pushdown().partition;
    return std::nullopt;
}

} // namespace

Result<SearchReport> searchStored(RecordSource& store, const Filter& filter, const SearchOptions& options,
                                  const SearchSink& sink, const std::atomic_bool* cancel)
{
    auto topics = store.topics();
    if (!topics) return topics.error();
    SearchReport report;
    // text("…") terms of 3+ characters with a complete index: read only the records it names.
    std::optional<std::map<std::pair<QString, PartitionId>, std::vector<Offset>>> candidates;
    const auto& terms = filter.pushdown().textTerms;
    if (options.pushdown && !options.decode && !terms.empty() &&
        std::all_of(terms.begin(), terms.end(), [](const QString& t) { return t.size() >= 3; })) {
        auto hitsOr = store.textCandidates(terms);
        if (!hitsOr) return hitsOr.error();
        if (hitsOr.value()) {
            candidates.emplace();
            for (const auto& h : *hitsOr.value())
                (*candidates)[{h.topic, h.partition}].push_back(h.offset);
            report.assumptions << QStringLiteral(
                                      "text(): records were taken from the text index (%1 candidates)")
                                      .arg(hitsOr.value()->size());
        }
    }
    Scanner scan{filter, options, sink, report};
    bool topicFound = options.topic.isEmpty();
    KeyPushdown keyPush;
    for (const TopicInfo& t : topics.value()) {
        if (!topicWanted(filter, options, t.name)) continue;
        topicFound = true;
        const auto onlyPartition = partitionWanted(filter, options);
        auto byKeyOr =
            keyPartition(&store, filter, options, &t, t.name, static_cast<int>(t.partitions.size()), keyPush);
        if (!byKeyOr) return byKeyOr.error();
        const auto byKey = byKeyOr.value();
        for (const PartitionInfo& p : t.partitions) {
            if (onlyPartition && p.partition != *onlyPartition) continue;
            PartitionCoverage c;
            c.topic = t.name;
            c.partition = p.partition;
            c.from = p.low;
            c.next = p.low;
            c.end = p.high;
            if (byKey && p.partition != *byKey) {
                c.skippedByKey = true;
                c.complete = true; // nothing there can match under the stated assumption
                report.partitions.push_back(c);
                continue;
            }
            if (const auto from = readFrom(filter, options)) {
                auto o = store.offsetForTime(t.name, p.partition, *from);
                if (!o) return o.error();
                c.from = o.value().value_or(p.high); // earlier offsets all have earlier timestamps
                c.next = c.from;
            }
            if (auto it = options.resume.find({t.name, p.partition}); it != options.resume.end()) {
                c.from = std::max(
                    c.from, it->second.first); // read before; after a complete run, only what came since
                c.next = c.from;
            }
            Offset bound = p.high;
            if (const auto until = readUntil(filter, options)) {
                // Exact: from `bound` on every record is at or after the upper time.
                auto e = store.endOffsetBefore(t.name, p.partition, *until);
                if (!e) return e.error();
                bound = std::max(c.from, e.value());
            }
            if (scan.stop || (cancel && cancel->load())) {
                report.partitions.push_back(c);
                continue;
            }
            if (candidates) {
                // The index covered the whole partition; only its candidates are read.
                for (Offset o : (*candidates)[{t.name, p.partition}]) {
                    if (o < c.from || scan.stop) continue;
                    auto r = store.scan(t.name, p.partition, o, o + 1,
                                        [&](const RecordView& v) { return scan.onRecord(c, t.name, v); });
                    if (!r) return r.error();
                }
                if (!scan.stop) c.next = p.high;
                c.complete = !scan.stop;
                report.partitions.push_back(c);
                continue;
            }
            qint64 seen = 0;
            const bool decoded = options.decode && options.decodedScan;
            const ScanCallback each = [&](const RecordView& v) {
                if ((++seen & 1023) == 0) {
                    if (options.progress) options.progress(report.scanned);
                    if (cancel && cancel->load()) return false;
                }
                return decoded ? scan.onView(c, t.name, v) : scan.onRecord(c, t.name, v);
            };
            auto r = decoded ? options.decodedScan(t.name, p.partition, c.from, bound, each, cancel)
                             : store.scan(t.name, p.partition, c.from, bound, each);
            if (!r) return r.error();
            // Complete: everything that could match was read (the rest lies past a time bound).
            c.complete = !scan.stop && !(cancel && cancel->load()) && (c.next >= bound || c.from >= bound);
            report.partitions.push_back(c);
        }
    }
    if (!topicFound)
        return makeError(ErrorCode::NotFound, QStringLiteral("unknown topic '%1'").arg(options.topic));
    noteKeyAssumption(filter, options, keyPush, report);
    report.cancelled = cancel && cancel->load();
    return report;
}

Result<SearchReport> searchStreamed(RecordSource& source, const Filter& filter, const SearchOptions& options,
                                    const SearchSink& sink, const std::atomic_bool* cancel)
{
    // One named topic is asked for alone (an internal one too); else every topic the source lists.
    Result<std::vector<TopicInfo>> topics = std::vector<TopicInfo>{};
    if (options.topic.isEmpty()) {
        topics = source.topics();
    } else if (auto one = source.topic(options.topic)) {
        topics.value().push_back(std::move(one.value()));
    } else if (one.error().code != ErrorCode::NotFound) {
        return one.error();
    }
    if (!topics) return topics.error();
    SearchReport report;
    Scanner scan{filter, options, sink, report};
    bool topicFound = options.topic.isEmpty();
    KeyPushdown keyPush;
    for (const TopicInfo& t : topics.value()) {
        if (!topicWanted(filter, options, t.name)) continue;
        topicFound = true;
        const auto onlyPartition = partitionWanted(filter, options);
        // Not sampled first (that would cost a fetch per partition): the user's word.
        auto byKeyOr = keyPartition(nullptr, filter, options, nullptr, t.name,
                                    static_cast<int>(t.partitions.size()), keyPush);
        if (!byKeyOr) return byKeyOr.error();
        const auto byKey = byKeyOr.value();
        StreamRequest req;
        req.topic = t.name;
        req.timeOrder = false;
        for (const PartitionInfo& p : t.partitions) {
            if (onlyPartition && p.partition != *onlyPartition) continue;
            if (byKey && p.partition != *byKey) continue;
            req.partitions.push_back(p.partition);
        }
        if (const auto from = readFrom(filter, options)) req.start = OffsetSpec{OffsetSpec::Time, *from};
        std::map<PartitionId, PartitionCoverage> cov;
        auto rep = req.partitions.empty() ? Result<StreamReport>(StreamReport{})
                                          : source.stream(
                                                req,
                                                [&](const QString& topic, const RecordView& v) {
                                                    PartitionCoverage& c = cov[v.partition];
                                                    if ((report.scanned & 1023) == 1023 && options.progress)
                                                        options.progress(report.scanned + 1);
                                                    return scan.onRecord(c, topic, v);
                                                },
                                                cancel);
        if (!rep) return rep.error();
        for (const PartitionInfo& p : t.partitions) {
            if (onlyPartition && p.partition != *onlyPartition) continue;
            PartitionCoverage c = cov[p.partition];
            c.topic = t.name;
            c.partition = p.partition;
            c.end = p.high;
            if (byKey && p.partition != *byKey) {
                c.skippedByKey = true;
                c.complete = true;
            }
            for (const StreamPartition& sp : rep->partitions) {
                if (sp.partition != p.partition) continue;
                c.from = sp.start;
                c.next = std::max(c.next, sp.next);
                c.complete = sp.complete;
            }
            report.partitions.push_back(c);
        }
        if (scan.stop || rep->cancelled) break;
    }
    if (!topicFound)
        return makeError(ErrorCode::NotFound, QStringLiteral("unknown topic '%1'").arg(options.topic));
    noteKeyAssumption(filter, options, keyPush, report);
    report.cancelled = cancel && cancel->load();
    return report;
}

QByteArray searchStateJson(const QString& filterText, const SearchReport& report)
{
    QJsonArray parts;
    for (const PartitionCoverage& c : report.partitions) {
        QJsonObject o;
        o[QStringLiteral("topic")] = c.topic;
        o[QStringLiteral("partition")] = c.partition;
        o[QStringLiteral("next")] = static_cast<qint64>(std::max(c.next, c.from));
        o[QStringLiteral("complete")] = c.complete;
        parts.append(o);
    }
    QJsonObject root;
    root[QStringLiteral("filter")] = filterText;
    root[QStringLiteral("partitions")] = parts;
    return QJsonDocument(root).toJson(QJsonDocument::Indented);
}

Result<std::map<std::pair<QString, PartitionId>, std::pair<Offset, bool>>>
searchStateFromJson(const QByteArray& json, const QString& filterText)
{
    QJsonParseError e;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &e);
    if (!doc.isObject())
        return makeError(ErrorCode::Parse,
                         QStringLiteral("the search state is not JSON: %1").arg(e.errorString()));
    const QJsonObject root = doc.object();
    if (root.value(QStringLiteral("filter")).toString() != filterText)
        return makeError(ErrorCode::InvalidArgument,
                         QStringLiteral("the saved search was for another filter (%1)")
                             .arg(root.value(QStringLiteral("filter")).toString()));
    std::map<std::pair<QString, PartitionId>, std::pair<Offset, bool>> out;
    for (const QJsonValue& v : root.value(QStringLiteral("partitions")).toArray()) {
        const QJsonObject o = v.toObject();
        const qint64 next = o.value(QStringLiteral("next")).toInteger(-1);
        if (next < 0 || !o.value(QStringLiteral("topic")).isString())
            return makeError(ErrorCode::Parse, QStringLiteral("the search state has a bad partition entry"));
        out[{o.value(QStringLiteral("topic")).toString(), o.value(QStringLiteral("partition")).toInt()}] = {
            next, o.value(QStringLiteral("complete")).toBool()};
    }
    return out;
}

QString describeCoverage(const SearchReport& r)
{
    QString out;
    for (const PartitionCoverage& c : r.partitions) {
        out += QStringLiteral("%1-%2: ").arg(c.topic).arg(c.partition);
        if (c.skippedByKey) {
            out += QStringLiteral("not read (key assumption)\n");
            continue;
        }
        out += QStringLiteral("offsets %1..%2 of %3, %4 scanned, %5 matched")
                   .arg(c.from)
                   .arg(c.next)
                   .arg(c.end)
                   .arg(c.scanned)
                   .arg(c.matched);
        if (c.firstTime)
            out += QStringLiteral(", times %1 .. %2")
                       .arg(formatTimestampUtc(*c.firstTime), formatTimestampUtc(*c.lastTime));
        out += c.complete ? QStringLiteral(", complete") : QStringLiteral(", INCOMPLETE");
        if (c.errors) out += QStringLiteral(", %1 not evaluable (first: %2)").arg(c.errors).arg(c.firstError);
        out += QLatin1Char('\n');
    }
    out += QStringLiteral("total: %1 scanned, %2 matched, %3 not evaluable%4\n")
               .arg(r.scanned)
               .arg(r.matched)
               .arg(r.errors)
               .arg(r.cancelled ? QStringLiteral(", CANCELLED") : QString());
    if (r.matched == 0) out += QStringLiteral("no match in the scanned range\n");
    for (const QString& a : r.assumptions)
        out += QStringLiteral("assumption: %1\n").arg(a);
    return out;
}

} // namespace rw
