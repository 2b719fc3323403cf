#include "evidence.h"

#include "schemas_topic.h"
#include "source_registry.h"
#include "time_parse.h"
#include "workspace_keep.h"

#include <QFileInfo>
#include <QHash>
#include <QSet>

#include <algorithm>
#include <cmath>

namespace rw {

namespace {

constexpr qint64 kRateWindowMs = 3'600'000; // the write rate is measured over the last hour
constexpr Offset kMergeGap = 64;            // nearby pins are read (and kept) as one range
constexpr int kMaxRangeTopics = 50;
constexpr size_t kMaxRangePartitions = 2000;

// What decides when a topic's records go.
struct Retention {
    bool known = false;
    QString problem;
    bool deletes = true, compacts = false;
    qint64 ms = -1, bytes = -1; // -1: unbounded
    // Bytes per record (key, value, headers and Kafka's per-record overhead), measured when
    // retention.bytes bounds the topic; per partition, records per second over the last hour.
    double recordBytes = 0;
    QHash<PartitionId, double> rate;
    QHash<PartitionId, std::pair<Offset, Offset>> marks;
};

Result<Retention> retentionOf(RecordSource& source, const QString& topic, TimestampMs now,
                              const std::atomic_bool* cancel)
{
    Retention r;
    auto settings = source.topicSettings(topic);
    if (!settings) {
        if (settings.error().code == ErrorCode::NotFound) return r; // no retention here
        r.problem = settings.error().message;
        return r;
    }
    r.known = true;
    for (const TopicSetting& s : settings.value()) {
        if (s.name == QLatin1String("retention.ms")) r.ms = s.value.toLongLong();
        if (s.name == QLatin1String("retention.bytes")) r.bytes = s.value.toLongLong();
        if (s.name == QLatin1String("cleanup.policy")) {
            r.deletes = s.value.contains(QLatin1String("delete"));
            r.compacts = s.value.contains(QLatin1String("compact"));
        }
    }
    auto t = source.topic(topic);
    if (!t) return t.error();
    for (const PartitionInfo& p : t->partitions)
        r.marks.insert(p.partition, {p.low, p.high});
    if (r.deletes && r.bytes >= 0) {
        // Sizes from the newest records (what retention.bytes weighs is what is written now).
        qint64 bytes = 0, n = 0;
        for (const PartitionInfo& p : t->partitions) {
            if (p.high <= p.low) continue;
            auto s = source.scan(
                topic, p.partition, std::max(p.low, p.high - 50), p.high,
                [&](const RecordView& v) {
                    bytes += v.key.size() + v.value.size() + v.headersBlob.size() + 20;
                    ++n;
                    return true;
                },
                50, cancel);
            if (!s) return s.error();
            if (n >= 20) break;
        }
        r.recordBytes = n ? static_cast<double>(bytes) / static_cast<double>(n) : 0;
        for (const PartitionInfo& p : t->partitions) {
            auto o = source.offsetForTime(topic, p.partition, now - kRateWindowMs);
            if (!o) return o.error();
            const Offset from = o->value_or(p.high);
            r.rate.insert(p.partition, static_cast<double>(p.high - from) * 1000.0 / kRateWindowMs);
        }
    }
    return r;
}

QString settingText(qint64 v, bool bytes)
{
    if (v < 0) return QStringLiteral("-1");
    if (!bytes) return QStringLiteral("%1 (%2)").arg(v).arg(spanText(v));
    if (v >= (qint64(1) << 30))
        return QStringLiteral("%1 (%2 GiB)").arg(v).arg(double(v) / (1 << 30), 0, 'f', 1);
    if (v >= (qint64(1) << 20))
        return QStringLiteral("%1 (%2 MiB)").arg(v).arg(double(v) / (1 << 20), 0, 'f', 1);
    return QString::number(v);
}

// When retention may delete the record at `offset` (time `ts`) of one partition.
Expiry expiryAt(const Retention& r, const QString& topic, PartitionId partition, Offset offset,
                std::optional<TimestampMs> ts, TimestampMs now)
{
    Expiry e;
    if (!r.known) {
        if (r.problem.isEmpty()) {
            e.state = Expiry::State::Never;
            e.why = QStringLiteral("this source keeps its records: nothing deletes them");
        } else {
            e.why = QStringLiteral("the topic's settings could not be read: %1").arg(r.problem);
        }
        return e;
    }
    const auto marks = r.marks.value(partition, {0, 0});
    if (offset < marks.first) {
        e.state = Expiry::State::Gone;
        e.why = QStringLiteral("deleted: %1-%2 now begins at offset %3")
                    .arg(topic)
                    .arg(partition)
                    .arg(marks.first);
        return e;
    }
    if (!r.deletes) {
        e.state = Expiry::State::Compact;
        e.why = QStringLiteral("cleanup.policy=compact: kept while it is the newest record of its key; "
                               "a newer record with the same key lets the cleaner drop it");
        return e;
    }
    QStringList how;
    if (r.ms >= 0 && ts) {
        e.at = *ts + r.ms;
        how << QStringLiteral("retention.ms=%1: Kafka deletes a segment once its newest record is older "
                              "than that, so not before the record's time plus %2")
                   .arg(settingText(r.ms, false), spanText(r.ms));
    } else if (r.ms >= 0) {
        how << QStringLiteral("retention.ms=%1, but the record's time is not known")
                   .arg(settingText(r.ms, false));
    }
    if (r.bytes >= 0) {
        const double after = static_cast<double>(std::max<Offset>(0, marks.second - offset)) * r.recordBytes;
        const double rate = r.rate.value(partition, 0) * r.recordBytes; // bytes per second
        const double left = static_cast<double>(r.bytes) - after;
        std::optional<TimestampMs> bySize;
        if (left <= 0)
            bySize = now;
        else if (rate > 0)
            bySize = now + static_cast<TimestampMs>(std::min(left / rate * 1000.0, 1e15));
        how << QStringLiteral("retention.bytes=%1: about %2 bytes follow it in its partition, written at "
                              "about %3 bytes/s over the last hour (%4 bytes a record)")
                   .arg(settingText(r.bytes, true))
                   .arg(static_cast<qint64>(after))
                   .arg(static_cast<qint64>(rate))
                   .arg(static_cast<qint64>(r.recordBytes));
        if (bySize && (!e.at || *bySize < *e.at)) {
            e.at = bySize;
            e.bySize = true;
        }
    }
    if (r.compacts)
        how << QStringLiteral("compacted too: a newer record of its key lets the cleaner drop it sooner");
    if (!e.at) {
        e.state = Expiry::State::Never;
        e.why = r.ms < 0 && r.bytes < 0 ? QStringLiteral("retention.ms=-1 and retention.bytes=-1: kept until "
                                                         "someone deletes it")
                                        : how.join(QStringLiteral("; ")) +
                                              QStringLiteral("; nothing is being written, so not for now");
        return e;
    }
    e.state = Expiry::State::Expires;
    how << QStringLiteral("the brokers check every 5 min by default (log.retention.check.interval.ms), "
                          "and delete whole segments, so it may go later, not sooner");
    e.why = how.join(QStringLiteral("; "));
    return e;
}

} // namespace

QString spanText(qint64 ms)
{
    const qint64 s = std::max<qint64>(0, ms) / 1000;
    if (s < 120) return QStringLiteral("%1 s").arg(s);
    const qint64 m = s / 60;
    if (m < 120) return QStringLiteral("%1 min").arg(m);
    const qint64 h = m / 60;
    if (h < 48)
        return m % 60 ? QStringLiteral("%1 h %2 min").arg(h).arg(m % 60) : QStringLiteral("%1 h").arg(h);
    return h % 24 ? QStringLiteral("%1 d %2 h").arg(h / 24).arg(h % 24) : QStringLiteral("%1 d").arg(h / 24);
}

QString expiryText(const Expiry& e, TimestampMs now)
{
    switch (e.state) {
    case Expiry::State::Unknown:
        return QStringLiteral("?");
    case Expiry::State::Never:
        return QStringLiteral("never");
    case Expiry::State::Compact:
        return QStringLiteral("when compacted");
    case Expiry::State::Gone:
        return QStringLiteral("gone");
    case Expiry::State::Expires:
        if (!e.at) return QStringLiteral("?");
        return *e.at <= now ? QStringLiteral("due now") : QStringLiteral("in %1").arg(spanText(*e.at - now));
    }
    return {};
}

int CaseExpiry::pinsDueWithin(qint64 ms) const
{
    return static_cast<int>(std::count_if(pins.begin(), pins.end(), [&](const Expiry& e) {
        return !e.kept && e.state == Expiry::State::Expires && e.at && *e.at <= now + ms;
    }));
}

int CaseExpiry::rangesDueWithin(qint64 ms) const
{
    return static_cast<int>(std::count_if(ranges.begin(), ranges.end(), [&](const Expiry& e) {
        return !e.kept && e.state == Expiry::State::Expires && e.at && *e.at <= now + ms;
    }));
}

int CaseExpiry::keptDueWithin(qint64 ms) const
{
    int n = 0;
    for (const auto* list : {&pins, &ranges})
        n += static_cast<int>(std::count_if(list->begin(), list->end(), [&](const Expiry& e) {
            return e.kept && e.state == Expiry::State::Expires && e.at && *e.at <= now + ms;
        }));
    return n;
}

int CaseExpiry::pinsGone() const
{
    return static_cast<int>(std::count_if(
        pins.begin(), pins.end(), [](const Expiry& e) { return !e.kept && e.state == Expiry::State::Gone; }));
}

Result<QStringList> rangeTopics(RecordSource& source, const Case& c)
{
    QStringList topics;
    for (const CasePin& p : c.pins)
        if (!topics.contains(p.topic)) topics << p.topic;
    if (!c.trace.topic.isEmpty() && !topics.contains(c.trace.topic)) topics << c.trace.topic;
    if (!topics.isEmpty()) return topics;
    auto all = source.topics();
    if (!all) return all.error();
    for (const TopicInfo& t : all.value())
        if (!t.name.startsWith(u'_')) topics << t.name;
    return topics;
}

Result<CaseExpiry> caseExpiry(RecordSource& source, const Case& c, const std::vector<PinState>& states,
                              TimestampMs now, const std::atomic_bool* cancel)
{
    CaseExpiry out;
    out.now = now;
    QHash<QString, Retention> retention;
    auto of = [&](const QString& topic) -> Result<const Retention*> {
        auto it = retention.find(topic);
        if (it == retention.end()) {
            auto r = retentionOf(source, topic, now, cancel);
            if (!r) {
                if (r.error().code != ErrorCode::NotFound) return r.error();
                it = retention.insert(topic, Retention{}); // the topic is gone: its pins are missing
            } else {
                it = retention.insert(topic, r.value());
            }
        }
        out.applies = out.applies || it->known;
        return &*it;
    };
    for (size_t i = 0; i < c.pins.size(); ++i) {
        if (cancel && cancel->load()) return makeError(ErrorCode::Cancelled, QStringLiteral("cancelled"));
        const CasePin& pin = c.pins[i];
        auto r = of(pin.topic);
        if (!r) return r.error();
        Expiry e;
        if (i < states.size() && !states[i].found) {
            e.state = Expiry::State::Gone;
            e.why = states[i].why;
            if (r.value()->known && r.value()->marks.contains(pin.partition) &&
                pin.offset < r.value()->marks.value(pin.partition).first)
                e.why = expiryAt(*r.value(), pin.topic, pin.partition, pin.offset, pin.timestamp, now).why;
        } else {
            const auto ts = i < states.size() && states[i].timestamp ? states[i].timestamp : pin.timestamp;
            e = expiryAt(*r.value(), pin.topic, pin.partition, pin.offset, ts, now);
        }
        e.kept = pin.kept;
        out.pins.push_back(std::move(e));
    }
    if (!c.ranges.empty()) {
        auto topics = rangeTopics(source, c);
        if (!topics) return topics.error();
        for (const CaseRange& range : c.ranges) {
            Expiry soonest;
            soonest.state = Expiry::State::Never;
            QStringList gone;
            bool any = false;
            size_t partitions = 0;
            for (const QString& topic : topics.value().mid(0, kMaxRangeTopics)) {
                if (partitions > kMaxRangePartitions) break; // said below
                if (cancel && cancel->load())
                    return makeError(ErrorCode::Cancelled, QStringLiteral("cancelled"));
                auto r = of(topic);
                if (!r) return r.error();
                const Retention& ret = *r.value();
                if (!ret.known) {
                    Expiry e = expiryAt(ret, topic, 0, 0, range.from, now);
                    if (!any) soonest = e;
                    continue;
                }
                partitions += static_cast<size_t>(ret.marks.size());
                for (auto it = ret.marks.begin(); it != ret.marks.end(); ++it) {
                    const auto [low, high] = it.value();
                    if (high <= low) continue;
                    auto first = source.offsetForTime(topic, it.key(), range.from);
                    if (!first) return first.error();
                    if (!first->has_value()) continue; // nothing at or after the range
                    auto end = source.offsetForTime(topic, it.key(), range.to);
                    if (!end) return end.error();
                    const Offset to = end->value_or(high);
                    if (**first == low && low > 0) // the partition begins inside or after the range
                        gone << QStringLiteral("%1-%2").arg(topic).arg(it.key());
                    if (to <= **first) continue; // no record in the range
                    Expiry e = expiryAt(ret, topic, it.key(), **first, range.from, now);
                    if (e.state == Expiry::State::Expires && (!soonest.at || *e.at < *soonest.at)) {
                        soonest = e;
                        soonest.why = QStringLiteral("%1-%2 first: %3").arg(topic).arg(it.key()).arg(e.why);
                    } else if (!any && e.state != Expiry::State::Expires &&
                               soonest.state != Expiry::State::Expires) {
                        soonest = e;
                    }
                    any = true;
                }
            }
            if (!gone.isEmpty()) {
                if (!any) {
                    soonest.state = Expiry::State::Gone;
                    soonest.at.reset();
                    soonest.why = QStringLiteral("deleted: %1 begin after the range").arg(gone.join(u", "));
                } else {
                    soonest.why = QStringLiteral("its start may be deleted already (%1 begin inside it); %2")
                                      .arg(gone.join(u", "), soonest.why);
                }
            }
            if (partitions > kMaxRangePartitions)
                soonest.why += QStringLiteral(" (the topics' first %1 partitions looked at)").arg(partitions);
            else if (topics->size() > kMaxRangeTopics)
                soonest.why += QStringLiteral(" (the first %1 of %2 topics looked at)")
                                   .arg(kMaxRangeTopics)
                                   .arg(topics->size());
            soonest.kept = range.kept;
            out.ranges.push_back(std::move(soonest));
        }
    }
    return out;
}

Result<void> canKeepEvidence(const SourceSpec& spec, const QString& home)
{
    const QString own = workspaceFileOf(spec);
    if (!own.isEmpty() && QFileInfo(own).absoluteFilePath() == QFileInfo(home).absoluteFilePath())
        return makeError(ErrorCode::InvalidArgument,
                         QStringLiteral("%1 keeps its records and its cases itself: there is nothing to keep "
                                        "apart")
                             .arg(QFileInfo(own).fileName()));
    return {};
}

Result<Evidence> collectEvidence(RecordSource& source, const Case& c, const std::atomic_bool* cancel,
                                 const std::function<void(qint64)>& progress)
{
    Evidence ev;
    // Offset intervals to read per topic and partition: the pins, and each range's offsets.
    std::map<QString, std::map<PartitionId, std::vector<std::pair<Offset, Offset>>>> want;
    std::map<QString, TopicInfo> infos;
    auto info = [&](const QString& topic) -> Result<const TopicInfo*> {
        auto it = infos.find(topic);
        if (it == infos.end()) {
            auto t = source.topic(topic);
            if (!t) {
                if (t.error().code == ErrorCode::NotFound) return static_cast<const TopicInfo*>(nullptr);
                return t.error();
            }
            it = infos.emplace(topic, std::move(t.value())).first;
        }
        return &it->second;
    };
    for (size_t i = 0; i < c.pins.size(); ++i) {
        const CasePin& pin = c.pins[i];
        auto t = info(pin.topic);
        if (!t) return t.error();
        const PartitionInfo* p = nullptr;
        if (t.value())
            for (const PartitionInfo& pi : t.value()->partitions)
                if (pi.partition == pin.partition) p = &pi;
        if (!p || pin.offset < p->low || pin.offset >= p->high) continue;
        want[pin.topic][pin.partition].push_back({pin.offset, pin.offset + 1});
    }
    if (!c.ranges.empty()) {
        auto topics = rangeTopics(source, c);
        if (!topics) return topics.error();
        if (topics->size() > kMaxRangeTopics)
            return makeError(
                ErrorCode::InvalidArgument,
                QStringLiteral("the case's time ranges cover %1 topics; at most %2 are kept: pin a "
                               "record of the topics that matter, or name one in the trace")
                    .arg(topics->size())
                    .arg(kMaxRangeTopics));
        size_t partitions = 0;
        for (const QString& topic : topics.value()) {
            auto t = info(topic);
            if (!t) return t.error();
            if (!t.value()) continue;
            partitions += t.value()->partitions.size();
            if (partitions > kMaxRangePartitions)
                return makeError(ErrorCode::InvalidArgument,
                                 QStringLiteral("the case's time ranges cover more than %1 partitions: pin a "
                                                "record of the topics that matter")
                                     .arg(kMaxRangePartitions));
            for (const PartitionInfo& p : t.value()->partitions) {
                if (p.high <= p.low) continue;
                for (const CaseRange& range : c.ranges) {
                    if (cancel && cancel->load())
                        return makeError(ErrorCode::Cancelled, QStringLiteral("cancelled"));
                    auto first = source.offsetForTime(topic, p.partition, range.from);
                    if (!first) return first.error();
                    if (!first->has_value()) continue;
                    auto end = source.offsetForTime(topic, p.partition, range.to);
                    if (!end) return end.error();
                    const Offset from = std::max(p.low, **first),
                                 to = std::min(p.high, end->value_or(p.high));
                    if (to > from) want[topic][p.partition].push_back({from, to});
                }
            }
        }
    }
    std::set<qint32> schemaIds;
    // Read in rounds: round k reads the k-th interval of every partition of a topic at once.
    for (auto& [topic, parts] : want) {
        auto t = info(topic);
        if (!t) return t.error();
        Evidence::Part& part = ev.topics[topic];
        for (const PartitionInfo& p : t.value()->partitions)
            part.partitions = std::max(part.partitions, p.partition + 1);
        // What is kept: the intervals, overlaps joined; what is read: those a few offsets apart
        // read as one (fewer reads), the records between them left out.
        size_t rounds = 0;
        std::map<PartitionId, std::vector<std::pair<Offset, Offset>>> keepOnly;
        for (auto& [partition, intervals] : parts) {
            std::sort(intervals.begin(), intervals.end());
            auto join = [&](Offset gap) {
                std::vector<std::pair<Offset, Offset>> merged;
                for (const auto& iv : intervals) {
                    if (!merged.empty() && iv.first <= merged.back().second + gap)
                        merged.back().second = std::max(merged.back().second, iv.second);
                    else
                        merged.push_back(iv);
                }
                return merged;
            };
            keepOnly[partition] = join(0);
            intervals = join(kMergeGap);
            rounds = std::max(rounds, intervals.size());
        }
        auto wanted = [&](PartitionId partition, Offset offset) {
            const auto& list = keepOnly[partition];
            auto it =
                std::upper_bound(list.begin(), list.end(), offset,
                                 [](Offset o, const std::pair<Offset, Offset>& iv) { return o < iv.first; });
            return it != list.begin() && offset < std::prev(it)->second;
        };
        for (size_t k = 0; k < rounds; ++k) {
            StreamRequest req;
            req.topic = topic;
            req.timeOrder = false;
            for (const auto& [partition, intervals] : parts)
                if (k < intervals.size()) req.ranges[partition] = intervals[k];
            std::optional<Error> over;
            auto rep = source.stored().stream(
                req,
                [&](const QString&, const RecordView& v) {
                    if (!wanted(v.partition, v.offset)) return true;
                    auto rec = toRecord(topic, v);
                    if (!rec) {
                        over = rec.error();
                        return false;
                    }
                    for (QByteArrayView b : {v.key, v.value})
                        if (auto h = parseWireHeader(b)) schemaIds.insert(h->id);
                    ev.bytes += v.key.size() + v.value.size() + v.headersBlob.size();
                    ++ev.records;
                    part.records[v.partition].push_back(std::move(rec.value()));
                    if (ev.records > kMaxEvidenceRecords || ev.bytes > kMaxEvidenceBytes) {
                        over =
                            makeError(ErrorCode::InvalidArgument,
                                      QStringLiteral("the evidence is more than %1 records or %2 MiB: keep "
                                                     "shorter time ranges, or export the range instead")
                                          .arg(kMaxEvidenceRecords)
                                          .arg(kMaxEvidenceBytes >> 20));
                        return false;
                    }
                    if (progress && ev.records % 5000 == 0) progress(ev.records);
                    return true;
                },
                cancel);
            if (over) return *over;
            if (!rep) return rep.error();
            if (rep->cancelled || (cancel && cancel->load()))
                return makeError(ErrorCode::Cancelled, QStringLiteral("cancelled"));
        }
        for (auto& [partition, records] : part.records)
            std::sort(records.begin(), records.end(),
                      [](const Record& a, const Record& b) { return a.offset < b.offset; });
    }
    for (size_t i = 0; i < c.pins.size(); ++i) {
        const CasePin& pin = c.pins[i];
        bool found = false;
        if (auto t = ev.topics.find(pin.topic); t != ev.topics.end())
            if (auto p = t->second.records.find(pin.partition); p != t->second.records.end()) {
                auto at = std::lower_bound(p->second.begin(), p->second.end(), pin.offset,
                                           [](const Record& r, Offset o) { return r.offset < o; });
                found = at != p->second.end() && at->offset == pin.offset;
            }
        (found ? ev.pinsFound : ev.pinsMissing).push_back(static_cast<int>(i));
    }
    for (qint32 id : schemaIds) {
        auto s = source.schema(id);
        if (s)
            ev.schemas.emplace(id, std::move(s.value()));
        else
            ev.problems << QStringLiteral("schema %1: %2").arg(id).arg(s.error().message);
    }
    auto mask = source.maskPolicy();
    if (mask) ev.mask = mask.value();
    if (progress) progress(ev.records);
    return ev;
}

Result<EvidenceReport> writeEvidence(WorkspaceStore& store, const Evidence& ev, Case& c)
{
    EvidenceReport rep;
    rep.at = currentTimeMs();
    if (auto r = store.begin(); !r) return r.error();
    auto fail = [&](const Error& e) -> Result<EvidenceReport> {
        store.rollback();
        return e;
    };
    for (const auto& [topic, part] : ev.topics) {
        auto have = store.topic(topic);
        if (!have) {
            if (have.error().code != ErrorCode::NotFound) return fail(have.error());
            if (auto r = store.createTopic(topic, std::max(1, part.partitions)); !r) return fail(r.error());
            have = store.topic(topic);
            if (!have) return fail(have.error());
        } else if (auto r = store.ensurePartitions(topic, std::max(1, part.partitions)); !r) {
            return fail(r.error());
        }
        for (const auto& [partition, records] : part.records) {
            if (records.empty()) continue;
            Offset keptEnd = 0;
            qint64 keptCount = 0;
            for (const PartitionInfo& p : have->partitions)
                if (p.partition == partition) {
                    keptEnd = p.high;
                    keptCount = p.count;
                }
            std::vector<ProducerRecord> batch;
            auto add = [&](const Record& r) {
                batch.push_back(
                    {topic, partition, r.offset, r.timestamp, r.timestampType, r.key, r.value, r.headers});
            };
            if (keptCount == 0 || records.front().offset >= keptEnd) {
                for (const Record& r : records)
                    add(r);
                rep.added += static_cast<qint64>(records.size());
            } else {
                // Records below those kept before: the partition is written again, in offset order,
                // with both (the earlier copy wins nothing: a record is the same at its offset).
                auto old = store.read(topic, partition, 0, -1);
                if (!old) return fail(old.error());
                auto o = old->begin();
                for (const Record& r : records) {
                    while (o != old->end() && o->offset < r.offset)
                        add(*o++);
                    if (o != old->end() && o->offset == r.offset)
                        ++o;
                    else
                        ++rep.added;
                    add(r);
                }
                for (; o != old->end(); ++o)
                    add(*o);
                if (auto r = store.clearPartition(topic, partition); !r) return fail(r.error());
            }
            for (size_t from = 0; from < batch.size(); from += 5000) {
                std::vector<ProducerRecord> slice(
                    batch.begin() + static_cast<std::ptrdiff_t>(from),
                    batch.begin() + static_cast<std::ptrdiff_t>(std::min(batch.size(), from + 5000)));
                if (auto r = store.append(slice); !r) return fail(r.error());
            }
            rep.records += static_cast<qint64>(batch.size());
        }
    }
    if (auto r = store.commit(); !r) return r.error();
    if (!ev.schemas.empty()) {
        std::set<qint32> ids;
        for (const auto& [id, s] : ev.schemas)
            ids.insert(id);
        auto kept = keepSchemas(store, ids, [&](qint32 id) -> Result<RegistrySchema> {
            auto it = ev.schemas.find(id);
            if (it == ev.schemas.end()) return makeError(ErrorCode::NotFound, QStringLiteral("not read"));
            return it->second;
        });
        if (!kept)
            rep.problems << kept.error().message;
        else {
            rep.schemas = kept->kept;
            rep.problems << kept->problems;
        }
    }
    rep.problems << ev.problems;
    if (!ev.mask.empty()) {
        auto current = keptMaskPolicy(store);
        if (current && current->empty())
            if (auto r = keepMaskPolicy(store, ev.mask); !r) rep.problems << r.error().message;
    }
    for (int i : ev.pinsFound)
        c.pins[static_cast<size_t>(i)].kept = rep.at;
    rep.pinsKept = static_cast<int>(ev.pinsFound.size());
    rep.pinsMissing = static_cast<int>(ev.pinsMissing.size());
    for (CaseRange& r : c.ranges)
        r.kept = rep.at;
    rep.ranges = static_cast<int>(c.ranges.size());
    return rep;
}

} // namespace rw
