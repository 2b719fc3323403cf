#pragma once
// The message table for one partition of any source (RecordSource). rowCount() is the partition's
// true size, so the scrollbar means the whole range; rows are read in pages of 256 by jobs on the
// shared pool (JobRunner, one after another, through their own connection to the source) into a
// bounded LRU cache, and a row whose page is not there yet shows a placeholder until the page
// arrives. Another view cancels the jobs of the one before. Thread contract: the model lives on
// the GUI thread and never does I/O there; RecordPageLoader is used by one job at a time.

#include "job_runner.h"
#include "mask_policy.h"
#include "record_source.h"

#include <QAbstractTableModel>
#include <QCoreApplication>

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

// Worker side: reads pages of rows through its own connection to the model's source. The
// model's jobs use it one at a time (its JobRunner runs them one after another), on the shared
// pool; each call checks `cancel` in its long loops.
// What the rows hide: the policy, while the window's "hide personal data" is on.
struct Masking {
    MaskPolicy policy;
    bool hide = false;
};

// A window of a topic's partitions merged by time, where the whole topic cannot be merged (a
// cluster: no local time index): each partition's [start, end) in it, and whether it reaches
// every partition's first or last record (as the read found them).
struct MergeWindow {
    std::map<PartitionId, Offset> starts, ends;
    bool atStart = false, atEnd = false;
};
// Where a window begins: the topic's first records, a time, right after the window shown (the
// next one, or what was appended since) or right before it (the previous one).
enum class WindowFrom { Beginning, Time, After, Before, End };

class RecordPageLoader {
    Q_DECLARE_TR_FUNCTIONS(rw::RecordPageLoader)
public:
    // Each job says what it reads and hides; another source connects again on first use.
    void use(const std::shared_ptr<RecordSource>& source, const std::shared_ptr<const Masking>& masking);
    // Rows of [firstOffset, firstOffset + count) of one partition; offsets without a record get
    // a row that says so. On a live source, fewer rows when the tail lies at or past the
    // partition's high watermark now (not readable yet: the page is read again).
    Result<std::vector<RecordRow>> load(const QString& topic, int partition, qint64 firstOffset, int count);
    Result<Record> fetch(const QString& topic, int partition, qint64 offset);
    Result<qint64> seekTime(const QString& topic, int partition, qint64 timestamp); // -1: none after
    // Rows for a page of a list view: each ref read on its own (point lookups by rowid).
    Result<std::vector<RecordRow>> loadRefs(const QStringList& topics, const std::vector<RecordRef>& refs);
    // Every record of a topic, all partitions merged in time order (ties: partition, offset),
    // handed to `chunk` as it goes (the last with `last` set); stops early on cancel or at `cap`.
    using Chunk = std::function<void(std::vector<RecordRef>&& refs, bool last, qint64 total)>;
    using Progress = std::function<void(qint64 done, qint64 total)>;
    Result<void> merge(const QString& topic, qint64 cap, const CancelToken& cancel, const Chunk& chunk,
                       const Progress& progress);
    // A window of at most about `cap` records merged by time, read by one merged browse (each
    // partition's records in offset order); `from`/`at`/`around` say where (see WindowFrom).
    Result<MergeWindow> mergeWindow(const QString& topic, WindowFrom from, TimestampMs at,
                                    const MergeWindow& around, qint64 cap, const CancelToken& cancel,
                                    const Chunk& chunk);
    // The partition's current end (another process may be appending: capture, import).
    Result<qint64> pollEnd(const QString& topic, int partition);

private:
    Result<RecordSource*> connection(); // this job's connection, opened on first use
    std::shared_ptr<RecordSource> m_source;
    std::unique_ptr<RecordSource> m_connection;
    std::shared_ptr<const Masking> m_masking;
    std::unique_ptr<Masker> m_masker; // what the rows hide
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
    // A window of a topic merged by time (about kMergeWindow records), for a source without a
    // time index (a cluster): from the beginning, a time, the end; earlierWindow/laterWindow
    // move it, pollTail appends what was written after it (when it reaches the end). Rows
    // arrive in chunks; windowLoaded() when done.
    static constexpr qint64 kMergeWindow = 100'000;
    void setMergedWindow(const std::shared_ptr<RecordSource>& source, const QString& topic,
                         WindowFrom from = WindowFrom::Beginning, TimestampMs at = 0);
    void earlierWindow();
    void laterWindow();
    bool isWindow() const { return m_window.has_value(); }
    const std::optional<MergeWindow>& window() const { return m_window; }
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
    void rowForTime(int row);
    void mergeProgress(qint64 rows, qint64 total);
    void tailGrew(int added);
    void mergeFinished(qint64 rows, bool truncated);
    void windowLoaded(); // a merged window (or what pollTail appended to it) is in

private:
    // Runs `work` on the loader as a job of the current view; its result reaches `done` on the
    // GUI thread unless the view changed since; a failure is reported as loadError.
    template <typename T>
    void read(std::function<Result<T>(RecordPageLoader&, const CancelToken&, const JobRunner::Post&)> work,
              std::function<void(T&&)> done);
    void onLoaded(qint64 page, std::vector<RecordRow>&& rows);
    void onMerged(std::vector<RecordRef>&& refs, bool last, qint64 total);
    void insertRefs(const std::vector<RecordRef>& refs); // rows at the bottom
    void onEnd(qint64 high);
    void loadWindow(WindowFrom from, TimestampMs at, bool append);
    // An empty list of a topic's records merged by time (a window of them, or all).
    void startMergedList(const std::shared_ptr<RecordSource>& source, const QString& topic,
                         std::optional<MergeWindow> window);
    void newView(); // cancels the jobs of the view before
    void reset(const std::shared_ptr<RecordSource>& source);
    qint32 topicIndex(const QString& topic);
    const RecordRow* row(int r) const;
    QString formatTime(TimestampMs ms) const;

    std::shared_ptr<RecordPageLoader> m_loader = std::make_shared<RecordPageLoader>();
    JobRunner* m_jobs;
    std::shared_ptr<RecordSource> m_source;
    std::shared_ptr<const Masking> m_masking;
    QString m_topic;
    PartitionId m_partition = 0;
    Offset m_low = 0, m_high = 0;
    bool m_utc = true;
    // List mode (merged topic, search results).
    bool m_list = false;
    bool m_sortedByTime = false;
    bool m_truncated = false;
    std::optional<MergeWindow> m_window; // a merged window of a topic (setMergedWindow)
    bool m_windowBusy = false;           // a window (or its tail) is being read
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
