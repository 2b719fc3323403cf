#include "search.h"

#include "record_source.h"

#include "time_parse.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QScopeGuard>

#include <condition_variable>
#include <mutex>
#include <thread>

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
        FilterInput in = FilterInput::of(topic, v);
        in.needErrorText = c.firstError.isEmpty(); // only a partition's first error is told
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

namespace {

// One partition of a stored search, worked out before any record is read.
struct PartitionPlan {
    QString topic;
    PartitionCoverage c; // from, next and end set
    Offset bound = 0;    // read [c.from, bound)
    bool read = true;    // false: not read under the key assumption (c says so)
};

// The coverage of a read that was not stopped: done up to `bound`, and complete unless cancelled.
// (Without stop or cancel everything in [from, bound) was read, so `next` is `bound` even when
// the last offsets hold no record: markers, compaction.)
void finishPartition(PartitionCoverage& c, Offset bound, bool stopped, bool cancelled)
{
    if (!stopped && !cancelled) c.next = std::max(c.next, bound);
    c.complete = !stopped && !cancelled && (c.next >= bound || c.from >= bound);
}

// What one piece's read adds to its partition's coverage (pieces are merged in offset order).
void addCoverage(PartitionCoverage& c, const PartitionCoverage& w)
{
    if (w.scanned == 0) return;
    c.scanned += w.scanned;
    c.matched += w.matched;
    c.errors += w.errors;
    if (c.firstError.isEmpty()) c.firstError = w.firstError;
    c.next = w.next;
    if (!c.firstTime || *w.firstTime < *c.firstTime) c.firstTime = w.firstTime;
    if (!c.lastTime || *w.lastTime > *c.lastTime) c.lastTime = w.lastTime;
}

// A slice [from, to) of one plan's range, read by whichever thread takes it first.
struct Piece {
    size_t plan = 0;
    Offset from = 0, to = 0;
    bool last = false; // the plan's last piece: its coverage is final after it
};

// Matches of a piece read ahead, kept (copied) until the calling thread hands them to the sink.
struct PieceResult {
    struct Match {
        RecordView v;     // as handed in; its byte views are only sizes here, the bytes are in `bytes`
        qsizetype at = 0; // where its key, value, headers (and raw bytes) start
        std::optional<DecodingView> decoding; // likewise: what the decoding stage said of it
    };
    PartitionCoverage c; // what the piece read: counts, times, first error, next
    std::vector<Match> matches;
    QByteArray bytes;  // the matches' bytes, one after another
    bool full = false; // stopped after its last match, the bytes kept being enough
    std::optional<Error> error;
    DecodingView decoding; // of the match view() made last

    void keep(const RecordView& v)
    {
        Match m{v, bytes.size(), std::nullopt};
        bytes.append(v.key).append(v.value).append(v.headersBlob);
        if (v.decoding) {
            m.decoding = *v.decoding;
            bytes.append(v.decoding->rawKey).append(v.decoding->rawValue);
        }
        matches.push_back(std::move(m));
    }

    RecordView view(size_t k)
    {
        const Match& m = matches[k];
        const char* b = bytes.constData() + m.at;
        auto next = [&b](qsizetype size) {
            const QByteArrayView out(b, size);
            b += size;
            return out;
        };
        RecordView v = m.v;
        v.key = next(m.v.key.size());
        v.value = next(m.v.value.size());
        v.headersBlob = next(m.v.headersBlob.size());
        v.decoding = nullptr;
        if (m.decoding) {
            decoding = *m.decoding;
            decoding.rawKey = next(m.decoding->rawKey.size());
            decoding.rawValue = next(m.decoding->rawValue.size());
            v.decoding = &decoding;
        }
        return v;
    }
};

// Reads one piece with a filter (and, through the decoding stage, a decoder) of its own, keeping
// the matches (up to options.pieceMatchBytes) rather than handing them out: the calling thread
// delivers them in order. Without `keep`, only counts (a re-read up to where a stop fell).
std::unique_ptr<PieceResult> readPiece(RecordSource& source, const Filter& filter,
                                       const SearchOptions& options, const SearchOptions::DecodeFn& decode,
                                       const PartitionPlan& plan, Offset from, Offset to, bool keep,
                                       const std::function<bool()>& tick)
{
    auto out = std::make_unique<PieceResult>();
    out->c.topic = plan.topic;
    out->c.partition = plan.c.partition;
    out->c.from = from;
    out->c.next = from;
    SearchOptions local;
    local.timeRange = options.timeRange;
    local.decode = decode;
    SearchReport ignored;
    const SearchSink hold = [&](const QString&, const RecordView& v) {
        if (!keep) return true;
        out->keep(v);
        return out->bytes.size() < options.pieceMatchBytes;
    };
    Scanner scan{filter, local, hold, ignored};
    qint64 seen = 0;
    auto r = source.scan(plan.topic, plan.c.partition, from, to, [&](const RecordView& v) {
        if ((++seen & 1023) == 0 && !tick()) return false;
        return scan.onRecord(out->c, plan.topic, v);
    });
    if (!r) out->error = r.error();
    out->full = scan.stop;
    return out;
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
    // Every partition's range first (the pushdowns), then the reads.
    std::vector<PartitionPlan> plans;
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
            PartitionPlan plan;
            plan.topic = t.name;
            PartitionCoverage& c = plan.c;
            c.topic = t.name;
            c.partition = p.partition;
            c.from = p.low;
            c.next = p.low;
            c.end = p.high;
            plan.bound = p.high;
            if (byKey && p.partition != *byKey) {
                c.skippedByKey = true;
                c.complete = true; // nothing there can match under the stated assumption
                plan.read = false;
                plans.push_back(std::move(plan));
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
            if (const auto until = readUntil(filter, options)) {
                // Exact: from `bound` on every record is at or after the upper time.
                auto e = store.endOffsetBefore(t.name, p.partition, *until);
                if (!e) return e.error();
                plan.bound = std::max(c.from, e.value());
            }
            plans.push_back(std::move(plan));
        }
    }
    if (!topicFound)
        return makeError(ErrorCode::NotFound, QStringLiteral("unknown topic '%1'").arg(options.topic));

    // Several threads: long reads of records as stored, cut into pieces in (partition, offset)
    // order. A helper with a connection of its own reads pieces ahead and keeps their matches;
    // this thread reads the next piece itself when nobody has taken it, and hands out every
    // piece's matches in order, so the sink sees what a read on this thread alone would show.
    // Through the decoding stage, each thread decodes its own pieces with a decoder of its own.
    qint64 toRead = 0;
    for (const PartitionPlan& plan : plans)
        if (plan.read) toRead += std::max<Offset>(0, plan.bound - plan.c.from);
    const int threads = options.threads > 0
                            ? options.threads
                            : std::clamp(static_cast<int>(std::thread::hardware_concurrency()), 1, 2);
    const qint64 pieceSize = std::max<qint64>(1, options.pieceOffsets);
    const bool parallel = !candidates && (!options.decode || options.decoderForThread) && threads > 1 &&
                          toRead >= 2 * pieceSize;

    Scanner scan{filter, options, sink, report};
    // Alone, through the decoding stage's batched scan (a second thread decodes); in parallel, each
    // thread decodes what it reads.
    const bool decoded = options.decode && options.decodedScan && !parallel;
    std::atomic<qint64> scannedAll{0}; // by every thread, for progress
    auto cancelled = [&] { return cancel && cancel->load(); };
    // The calling thread's own read of [from, to) of a plan: matches go to the sink as found.
    auto readHere = [&](PartitionPlan& plan, Offset from, Offset to) -> Result<void> {
        qint64 seen = 0;
        const ScanCallback each = [&](const RecordView& v) {
            if ((++seen & 1023) == 0) {
                if (options.progress) options.progress(scannedAll += 1024);
                if (cancelled()) return false;
            }
            return decoded ? scan.onView(plan.c, plan.topic, v) : scan.onRecord(plan.c, plan.topic, v);
        };
        auto r = decoded ? options.decodedScan(plan.topic, plan.c.partition, from, to, each, cancel)
                         : store.scan(plan.topic, plan.c.partition, from, to, each);
        if (!r) return r.error();
        return {};
    };

    if (!parallel) {
        for (PartitionPlan& plan : plans) {
            PartitionCoverage& c = plan.c;
            if (plan.read && !scan.stop && !cancelled()) {
                if (candidates) {
                    // The index covered the whole partition; only its candidates are read.
                    for (Offset o : (*candidates)[{plan.topic, c.partition}]) {
                        if (o < c.from || o >= plan.bound || scan.stop) continue;
                        auto r = store.scan(plan.topic, c.partition, o, o + 1, [&](const RecordView& v) {
                            return scan.onRecord(c, plan.topic, v);
                        });
                        if (!r) return r.error();
                    }
                } else if (auto r = readHere(plan, c.from, plan.bound); !r) {
                    return r.error();
                }
                finishPartition(c, plan.bound, scan.stop, cancelled());
            }
            report.partitions.push_back(c);
        }
        noteKeyAssumption(filter, options, keyPush, report);
        report.cancelled = cancelled();
        return report;
    }

    std::vector<Piece> pieces;
    for (size_t i = 0; i < plans.size(); ++i) {
        const PartitionPlan& plan = plans[i];
        Offset from = plan.read ? plan.c.from : 0;
        const Offset to = plan.read ? std::max(from, plan.bound) : 0;
        do {
            const Offset end = std::min<Offset>(to, from + pieceSize);
            pieces.push_back({i, from, end, end >= to});
            from = end;
        } while (from < to);
    }
    constexpr size_t kAhead = 4; // pieces read ahead of the one handed out: bounds what is kept
    std::mutex mutex;
    std::condition_variable changed;
    size_t nextClaim = 0, handing = 0;
    bool quit = false;
    std::vector<std::unique_ptr<PieceResult>> done(pieces.size());
    std::atomic_bool stopReads{false};
    bool helped = false; // under `mutex`
    auto tick = [&] {
        scannedAll += 1024;
        return !stopReads.load() && !cancelled();
    };
    auto readAhead = [&](RecordSource& source, const Filter& f, const SearchOptions::DecodeFn& decode,
                         size_t j) {
        const Piece& pc = pieces[j];
        const PartitionPlan& plan = plans[pc.plan];
        return plan.read && pc.from < pc.to
                   ? readPiece(source, f, options, decode, plan, pc.from, pc.to, true, tick)
                   : std::make_unique<PieceResult>();
    };
    // Opened here: reopen() is not promised to be safe beside this thread's reads.
    auto second = store.reopen();
    std::thread helper([&] {
        if (!second) return; // this thread reads everything
        RecordSource& source = *second.value();
        const Filter own = filter;
        const SearchOptions::DecodeFn decode = options.decode ? options.decoderForThread() : nullptr;
        std::unique_lock lock(mutex);
        for (;;) {
            changed.wait(lock,
                         [&] { return quit || (nextClaim < pieces.size() && nextClaim < handing + kAhead); });
            if (quit) return;
            const size_t j = nextClaim++;
            lock.unlock();
            auto result = readAhead(source, own, decode, j);
            lock.lock();
            done[j] = std::move(result);
            helped = true;
            changed.notify_all();
        }
    });
    auto joinHelper = qScopeGuard([&] {
        {
            std::lock_guard lock(mutex);
            quit = true;
        }
        stopReads = true;
        changed.notify_all();
        helper.join();
    });

    for (size_t i = 0; i < pieces.size(); ++i) {
        const Piece& pc = pieces[i];
        PartitionPlan& plan = plans[pc.plan];
        PartitionCoverage& c = plan.c;
        if (plan.read && !scan.stop && !cancelled()) {
            std::unique_ptr<PieceResult> got;
            bool here = false;
            {
                std::unique_lock lock(mutex);
                handing = i;
                changed.notify_all();
                while (!done[i]) {
                    if (nextClaim == i) { // nobody took it: read it here, straight to the sink
                        ++nextClaim;
                        here = true;
                        break;
                    }
                    if (nextClaim < pieces.size() && nextClaim < i + kAhead) { // work ahead meanwhile
                        const size_t j = nextClaim++;
                        lock.unlock();
                        auto result = readAhead(store, filter, options.decode, j);
                        lock.lock();
                        done[j] = std::move(result);
                        continue;
                    }
                    changed.wait_for(lock, std::chrono::milliseconds(100));
                    if (options.progress) options.progress(scannedAll.load());
                }
                if (!here) got = std::move(done[i]);
            }
            if (here) {
                if (pc.from < pc.to)
                    if (auto r = readHere(plan, pc.from, pc.to); !r) return r.error();
            } else if (got->error) {
                return *got->error;
            } else {
                size_t k = 0;
                bool stopped = false;
                for (; k < got->matches.size() && !stopped; ++k) {
                    ++report.matched;
                    stopped = !sink(plan.topic, got->view(k)) ||
                              (options.maxMatches >= 0 && report.matched >= options.maxMatches);
                }
                if (stopped) {
                    // Where a read on this thread alone would have stopped: up to that match.
                    auto upTo = readPiece(store, filter, options, options.decode, plan, pc.from,
                                          got->matches[k - 1].v.offset + 1, false, [] { return true; });
                    if (upTo->error) return *upTo->error;
                    got = std::move(upTo);
                    scan.stop = true;
                }
                addCoverage(c, got->c);
                report.scanned += got->c.scanned;
                report.errors += got->c.errors;
                if (got->full && !stopped && got->c.next < pc.to) // the rest of the piece, here
                    if (auto r = readHere(plan, got->c.next, pc.to); !r) return r.error();
            }
            if (options.progress) options.progress(scannedAll.load());
        }
        if (pc.last) {
            if (plan.read) finishPartition(c, plan.bound, scan.stop, cancelled());
            report.partitions.push_back(c);
        }
    }
    {
        std::lock_guard lock(mutex);
        report.threads = helped ? 2 : 1;
    }
    noteKeyAssumption(filter, options, keyPush, report);
    report.cancelled = cancelled();
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
