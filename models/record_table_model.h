#pragma once
// The message table for one partition of any source (RecordSource). rowCount() is the partition's
// true size, so the scrollbar means the whole range; rows are read in pages of 256 by a worker
// thread (its own connection to the source) into a bounded LRU cache, and a row whose page is not there yet
// shows a placeholder until the page arrives. Thread contract: the model lives on the GUI thread
// and never does I/O there; RecordPageLoader runs on the model's worker thread.

#include "mask_policy.h"
#include "record_source.h"

#include <QAbstractTableModel>
#include <QThread>

#include <atomic>
#include <list>
#include <map>
#include <set>

namespace rw {

struct RecordRow {
    Offset offset = 0;
    TimestampMs timestamp = 0;
    QString keyText; // the key's own text (its first 200 bytes, as UTF-8), for pins: never the preview
    QString key;     // plain-text previews, bounded in length
    QString value;
    QString headers;
    qint64 size = 0; // bytes of key, value, header names and header values
    bool keyNull = true;
    bool valueNull = true;
    bool gap = false; // no record at this offset
};

// Worker side: reads pages of rows through its own connection to the model's source. Lives on
// RecordTableModel's thread.
class RecordPageLoader : public QObject {
    Q_OBJECT
public:
    void setSource(std::shared_ptr<RecordSource> source); // connects again on first use
public slots:
    void load(int generation, const QString& topic, int partition, qint64 firstOffset, int count,
              qint64 page);
    void fetch(int generation, const QString& topic, int partition, qint64 offset);
    void seekTime(int generation, const QString& topic, int partition, qint64 timestamp);
    // Rows for a page of a list view: each ref read on its own (point lookups by rowid).
    void loadRefs(int generation, qint64 page, const QStringList& topics,
                  const std::vector<rw::RecordRef>& refs);
    // Every record of a topic, all partitions merged in time order (ties: partition, offset),
    // delivered in chunks; stops early when the generation moves on or at `cap` rows.
    void merge(int generation, const QString& topic, qint64 cap);
    // The partition's current end (another process may be appending: capture, import).
    void pollEnd(int generation, const QString& topic, int partition);
signals:
    void endFound(int generation, qint64 high);
    void merged(int generation, const std::vector<rw::RecordRef>& refs, bool last, qint64 total);
    void progress(int generation, qint64 done, qint64 total);
    void timeFound(int generation, qint64 offset); // -1: no record at or after the time
    void loaded(int generation, qint64 page, const std::vector<rw::RecordRow>& rows);
    void fetched(int generation, const rw::Record& record);
    void failed(int generation, const QString& message);

public:
    std::atomic_int latestGeneration{0}; // set by the model; long jobs stop when it moves on

private:
    RecordSource* connection(int generation); // this thread's connection; reports failure
    std::shared_ptr<RecordSource> m_source;
    std::unique_ptr<RecordSource> m_connection;

public:
    // What the rows hide (set on the loader's thread, through the model's setMasking).
    std::unique_ptr<Masker> masker;
};

class RecordTableModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column {
        TopicCol,
        PartitionCol,
        OffsetCol,
        TimestampCol,
        KeyCol,
        ValueCol,
        HeadersCol,
        SizeCol,
        ColumnCount
    };
    static constexpr int kPageSize = 256;
    static constexpr int kMaxPages = 64;              // 16k rows cached
    static constexpr qint64 kMaxListRows = 5'000'000; // rows a list view holds (24 bytes each)

    // Typed roles: what a row is, for actions (trace, copy, pin). Actions never parse the cells'
    // display text, which is a bounded, cleaned-up preview; they re-read the record
    // (requestRecord) and use its bytes.
    enum Role {
        TopicRole = Qt::UserRole + 1, // QString
        PartitionRole,                // int
        OffsetRole,                   // qint64
        KeyNullRole,                  // bool: the record has no key (known once the row is read)
        TimestampRole,                // qint64 ms, once known (a list's ref, or the row read)
        GapRole,                      // bool: the offset holds no record
        KeyTextRole,                  // QString: the key's own text (first 200 bytes), once the row is read
    };

    explicit RecordTableModel(QObject* parent = nullptr);
    ~RecordTableModel() override;

    // Shows one partition of a source, offsets low..high (offsets without a record, such as
    // transaction markers or compacted ones, show as such).
    void setPartition(const std::shared_ptr<RecordSource>& source, const QString& topic,
                      PartitionId partition, Offset low, Offset high);
    // Shows every partition of a topic merged in time order (built on the worker; rows arrive
    // in chunks, mergeProgress() tells how far, mergeFinished() when done). Needs a source with a
    // time index (capabilities().timeIndex); others report loadError.
    void setMergedTopic(const std::shared_ptr<RecordSource>& source, const QString& topic);
    // A list view of given records (search results): starts empty, rows are appended as found.
    void setList(const std::shared_ptr<RecordSource>& source, const QString& title);
    void appendRefs(const QString& topic, const std::vector<RecordRef>& refs);
    void appendRefs(const std::vector<std::pair<QString, RecordRef>>& refs);
    // Reorders a list view by time (ties: topic, partition, offset); keeps cached rows valid.
    void sortListByTime();
    // Range mode: asks the worker for the partition's end; records appended since arrive as new
    // rows at the bottom (tailGrew). For following a workspace that is being written to.
    void pollTail();
    bool isList() const { return m_list; }
    bool listTruncated() const { return m_truncated; }
    void clear();
    void setUtc(bool utc);
    // Rows show values and headers with the policy's personal data hidden ("***") while `hide`
    // is on; the rows shown are read again.
    void setMasking(const MaskPolicy& policy, bool hide);

    Offset offsetAt(int row) const;
    const RecordRef* refAt(int row) const;
    QString topicAt(int row) const;
    int rowForOffset(Offset o) const; // range mode only; -1 elsewhere
    const std::shared_ptr<RecordSource>& source() const { return m_source; }
    // Reads the whole record at a row on the worker; recordReady() delivers it.
    void requestRecord(int row);
    // Finds the first row at or after a time on the worker; rowForTime() delivers it (-1: none).
    void requestRowForTime(TimestampMs timestamp);
    bool utc() const { return m_utc; }
    QString topic() const { return m_topic; }
    PartitionId partition() const { return m_partition; }
    int cachedPages() const { return static_cast<int>(m_pages.size()); }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

signals:
    void loadError(const QString& message);
    void recordReady(const rw::Record& record);
    void requestFetch(int generation, const QString& topic, int partition, qint64 offset);
    void requestSeek(int generation, const QString& topic, int partition, qint64 timestamp);
    void rowForTime(int row);
    void mergeProgress(qint64 rows, qint64 total);
    void tailGrew(int added);
    void requestEnd(int generation, const QString& topic, int partition);
    void mergeFinished(qint64 rows, bool truncated);
    void requestRefs(int generation, qint64 page, const QStringList& topics,
                     const std::vector<rw::RecordRef>& refs);
    void requestMerge(int generation, const QString& topic, qint64 cap);
    void requestPage(int generation, const QString& topic, int partition, qint64 firstOffset, int count,
                     qint64 page);

private:
    void onLoaded(int generation, qint64 page, const std::vector<RecordRow>& rows);
    void onMerged(int generation, const std::vector<RecordRef>& refs, bool last, qint64 total);
    void reset(const std::shared_ptr<RecordSource>& source);
    qint32 topicIndex(const QString& topic);
    const RecordRow* row(int r) const;
    QString formatTime(TimestampMs ms) const;

    QThread m_thread;
    RecordPageLoader* m_loader = nullptr;
    int m_generation = 0;
    std::shared_ptr<RecordSource> m_source;
    QString m_topic;
    PartitionId m_partition = 0;
    Offset m_low = 0, m_high = 0;
    bool m_utc = true;
    // List mode (merged topic, search results).
    bool m_list = false;
    bool m_sortedByTime = false;
    bool m_truncated = false;
    std::vector<RecordRef> m_refs;
    QStringList m_topics;
    // page -> rows; LRU order in m_lru (front = most recent). Mutable: data() touches the LRU.
    mutable std::map<qint64, std::pair<std::vector<RecordRow>, std::list<qint64>::iterator>> m_pages;
    mutable std::list<qint64> m_lru;
    mutable std::set<qint64> m_requested;
};

} // namespace rw

Q_DECLARE_METATYPE(std::vector<rw::RecordRow>)
Q_DECLARE_METATYPE(std::vector<rw::RecordRef>)
Q_DECLARE_METATYPE(rw::Record)
