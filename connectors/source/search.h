#pragma once
// Runs a filter over a workspace or a Kafka topic and reports honestly what it covered: per
// partition, the offsets and times scanned, matches, records the filter could not evaluate, and
// whether the partition was searched to its end. Pushdowns read less but never change results:
// a time lower bound becomes a start offset (first offset at/after the time), topic/partition
// conditions select partitions. key == "x" reads every partition unless the caller names the
// producers' partitioner (murmur2 for Java clients, crc32 for librdkafka's); then only the
// partition it puts "x" in is read, after a sample of the data has been checked against it (on a
// workspace or data directory; a contradiction means every partition is read, and says so).
// Thread contract: blocking calls for a worker thread; `cancel` may be set from any thread.
// searchStored may start one helper thread of its own for a long read (SearchOptions::threads),
// joined before it returns; the sink and progress are only ever called on the calling thread.

#include "filter.h"
#include "log_types.h"
#include "murmur2.h"

#include <QStringList>

#include <atomic>
#include <functional>

namespace rw {

struct SearchOptions {
    QString topic; // empty: every topic (or the filter's topic == "…")
    std::optional<PartitionId> partition;
    qint64 maxMatches = -1;
    bool pushdown = true;
    // key == "x" → only the partition this partitioner picks for "x" (None: every partition).
    KeyPartitioner keyPartitioner = KeyPartitioner::None;
    // Resume: per topic and partition, the next offset a previous search had not read yet, and
    // whether it had finished there (see SearchReport::toState / fromState).
    std::map<std::pair<QString, PartitionId>, std::pair<Offset, bool>> resume;
    // Called now and then (every ~1k records read) with the records read so far, on the thread
    // that runs the search.
    std::function<void(qint64 scanned)> progress;
    // searchStored over long ranges of records as stored: how many threads read (each with its
    // own connection, RecordSource::reopen) and evaluate. 0: one per core, at most 2; 1: only the
    // calling thread. Results, order and coverage are the same either way; the sink is always
    // called on the calling thread, in partition and offset order.
    int threads = 0;
    // How the parallel read is cut (tests make them small): offsets per piece, and the bytes of
    // matches a helper keeps for one piece before leaving the rest of it to the calling thread.
    qint64 pieceOffsets = 8192;
    qint64 pieceMatchBytes = 4 << 20;
    // The decoding stage's view of each record (decoding_source.h), which the filter and the sink
    // see; unset: records as stored. With it the text index is not used (it holds stored bytes).
    using DecodeFn = std::function<const RecordView&(const QString& topic, const RecordView&)>;
    DecodeFn decode;
    // With `decode`: a decoder of its own for another thread, so the parallel read (`threads`)
    // also covers searches through the decoding stage; unset, those read as `decodedScan` says.
    std::function<DecodeFn()> decoderForThread;
    // With `decode`, over a source whose records are at hand: reads a range as the filter sees it,
    // decoded in batches on a second thread while the filter runs on this one (DecodingSource's
    // scan). Used for the long reads of searchStored; single records still go through `decode`.
    std::function<Result<qint64>(const QString& topic, PartitionId partition, Offset from, Offset to,
                                 const ScanCallback& callback, const std::atomic_bool* cancel)>
        decodedScan;
    // Only records with a timestamp in [first, second) match, whatever the filter says (the
    // timeline's shaded range, an export's time bounds); with pushdown it also bounds what is read.
    std::optional<std::pair<TimestampMs, TimestampMs>> timeRange;
};

struct PartitionCoverage {
    QString topic;
    PartitionId partition = 0;
    Offset from = 0;                                // first offset scanned
    Offset next = 0;                                // next offset not scanned
    Offset end = 0;                                 // end of the partition when the search started
    std::optional<TimestampMs> firstTime, lastTime; // of the records scanned
    qint64 scanned = 0, matched = 0, errors = 0;
    bool complete = false; // everything that could match was read (up to `end`, or a time bound)
    bool skippedByKey = false;
    QString firstError; // "value.x is not present (offset 12)"
};

struct SearchReport {
    std::vector<PartitionCoverage> partitions;
    qint64 scanned = 0, matched = 0, errors = 0;
    bool cancelled = false;
    int threads = 1;         // threads that read records (2: a helper read pieces ahead)
    QStringList assumptions; // e.g. the default-partitioner assumption, in words
};

using SearchSink = std::function<bool(const QString& topic, const RecordView& record)>; // false stops

class RecordSource;
// Over a source whose records are at hand (a workspace, a data directory): reads each partition
// through RecordSource::scan, with the time, key and text-index pushdowns the source offers.
Result<SearchReport> searchStored(RecordSource& source, const Filter& filter, const SearchOptions& options,
                                  const SearchSink& sink, const std::atomic_bool* cancel = nullptr);
// Over a source read as a stream (a live cluster: one consumer, no sampling, a time lower bound
// sent as the start): reads each wanted partition through RecordSource::stream.
Result<SearchReport> searchStreamed(RecordSource& source, const Filter& filter, const SearchOptions& options,
                                    const SearchSink& sink, const std::atomic_bool* cancel = nullptr);

QString describeCoverage(const SearchReport& report); // human summary, one line per partition

// A stopped search saved as JSON, to continue it later with the same filter.
QByteArray searchStateJson(const QString& filterText, const SearchReport& report);
Result<std::map<std::pair<QString, PartitionId>, std::pair<Offset, bool>>>
searchStateFromJson(const QByteArray& json, const QString& filterText);

} // namespace rw
