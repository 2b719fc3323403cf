#pragma once
// The Records page: the timeline (records over time; click to go there, drag to filter to a
// range), the seek and filter bars, the message table and the inspector of the chosen record,
// with the jobs behind them (pages of rows, the timeline's counts, the filter's search), each
// newest-wins. It reads whatever source the window opened (RecordSource) and never asks its
// kind. The window tells it the source and the selection, and hears about topics to select,
// keys to trace and finished work. GUI thread only.

#include "case_file.h"
#include "record.h"
#include "workspace_overview.h"

#include <QWidget>

#include <optional>

class QCheckBox;
class QToolButton;
class QLabel;
class QLineEdit;
class QSplitter;
class QTableView;
class QTimer;

namespace rw {

class Banner;
class Filter;
class FilterBar;
class JobRunner;
class SchemaHistoryDialog;
class RecordInspector;
class RecordTableModel;
class SearchRunner;
class TimelineView;

class RecordsPage : public QWidget {
    Q_OBJECT
public:
    explicit RecordsPage(Banner* banner, QWidget* parent = nullptr);

    // A source was opened (or the same one reloaded: its filter runs again).
    void setSource(const WorkspaceOverview& overview, bool reloaded);
    void rerunKeptFilter(); // after a reload, once the selection is back
    // The selection in the topic tree: a topic (partition -1: all, merged by time) with the
    // offsets low..high of the partition.
    void showSelection(const QString& topic, int partition, qint64 low, qint64 high);
    // Filters the view to [from, to), keeping the rest of the filter (what dragging does).
    void setTimeRangeFilter(qint64 from, qint64 to);
    void setFollow(bool follow);
    void focusSeek();
    void focusFilter();
    void toggleFollow();
    // Leaves any filter and goes to a record of the partition shown (false: not there any more).
    bool selectOffset(qint64 offset);
    void leaveFilter();

    QString topic() const { return m_viewTopic; }
    int partition() const { return m_viewPartition; }
    using Range = std::pair<TimestampMs, TimestampMs>;
    QString activeFilter() const { return m_activeFilter; }
    std::optional<Range> activeRange() const { return m_activeRange; } // the shaded range searched
    // Whether a search's results are listed (a filter, a range, or both).
    bool filtering() const { return !m_activeFilter.isEmpty() || m_activeRange.has_value(); }
    std::optional<std::pair<qint64, qint64>> zoom() const { return m_timelineRange; }
    bool utc() const;
    void setUtc(bool utc);

    RecordTableModel* model() const { return m_recordModel; }
    RecordInspector* inspector() const { return m_inspector; }
    TimelineView* timeline() const { return m_timeline; }
    FilterBar* filterBar() const { return m_filterBar; }
    QSplitter* splitter() const { return m_recordsSplit; }
    // A topic's schema history, read on a worker, in a window of its own: at the change that led
    // to `schemaId` (or change number `change`; else the latest change).
    void openSchemaHistory(const QString& topic, std::optional<qint32> schemaId, int change = -1);
    SchemaHistoryDialog* schemaHistory() const { return m_schemaHistory; } // null until opened
    // Copies the selected rows as NDJSON envelopes (Ctrl+C), re-read from the source on a
    // worker, with the source's masking policy applied; at most kMaxCopyRows.
    void copySelection();
    static constexpr int kMaxCopyRows = 100'000;
    // The selected rows' addresses (the current row when none is selected), in row order.
    void selectedRefs(QStringList& topics, std::vector<RecordRef>& refs, int max = kMaxCopyRows) const;
    int selectedCount() const;
    // The selected rows as pins (address, time, key as shown).
    std::vector<CasePin> selectedPins() const;
    // A saved view: its filter (empty: none), shaded range and timeline zoom, on the selection shown.
    void applyView(const QString& filter, std::optional<Range> range, std::optional<Range> zoom);

signals:
    void topicWanted(const QString& topic); // the timeline was clicked with nothing selected
    void traceKeyRequested(const QByteArray& key);
    void rowShown(); // a row was selected for the user: the window shows this page
    void utcChanged(bool utc);
    void searchFinished();
    void timelineLoaded();
    void copied(const QString& what); // the status line's words after a copy
    void pinRequested(bool withNote); // Ctrl+B or the context menu on the table
    void exportRequested();           // the context menu: export the selected rows
    void resendRequested();           // the context menu: send the selected rows again
    // The partition shown reaches further than the overview said (another writer appended).
    void partitionEndSeen(const QString& topic, int partition, qint64 high);

private:
    QWidget* buildTimeline();
    void buildTable();
    void buildSeekBar();
    void buildFilterBar();
    QWidget* buildRightPane();
    void reshow();
    void showDamageFor(const QString& topic, int partition);
    void updateRecordsTitle();
    void loadTimeline(std::optional<std::pair<qint64, qint64>> range = std::nullopt);
    void runFilter(const QString& text, const Filter& filter);
    void clearFilter();
    void selectRow(int row);
    void seekToTime(qint64 timestamp);
    void seek();
    void pickTime();
    void pollTail();

    Banner* m_banner;
    RecordTableModel* m_recordModel;
    QTableView* m_records;
    QLabel* m_recordsTitle;
    RecordInspector* m_inspector;
    QLineEdit* m_seek;
    QCheckBox* m_utc;
    QCheckBox* m_follow;
    QSplitter* m_recordsSplit = nullptr; // timeline | records
    TimelineView* m_timeline = nullptr;
    JobRunner* m_timelineJobs; // newest wins: each load cancels the one before
    JobRunner* m_schemaJobs;
    JobRunner* m_copyJobs;
    SchemaHistoryDialog* m_schemaHistory = nullptr;
    QCheckBox* m_timelineByPartition = nullptr;
    FilterBar* m_filterBar = nullptr;
    SearchRunner* m_search;
    QTimer* m_tailTimer;

    WorkspaceOverview m_overview; // the source shown, its topics and damage
    QString m_viewTopic;          // the selection shown: a topic (all partitions) ...
    int m_viewPartition = -1;     // ... or one of its partitions
    qint64 m_viewLow = 0, m_viewHigh = 0;
    QString m_activeFilter;              // the filter whose results are listed; empty: none
    std::optional<Range> m_activeRange;  // and the range they were searched in
    std::optional<qint64> m_pendingSeek; // a time to go to once a merged view is complete
    struct RecordAddress {
        QString topic;
        int partition = 0;
        qint64 offset = 0;
    };
    std::optional<RecordAddress> m_traceOnRecord; // "Trace this key": waiting for the record's bytes
    std::optional<std::pair<qint64, qint64>> m_timelineRange; // zoomed in: kept across selections
    bool m_timelineExact = false;     // the next load reads every record's time ("Count exactly")
    QToolButton* m_earlier = nullptr; // a merged window's neighbours (a cluster topic)
    QToolButton* m_later = nullptr;
    // Where to go once the merged window being read is in: a time, or max/min for its last/first row.
    std::optional<qint64> m_pendingWindowSeek;
    int m_searchJob = 0;
    QString m_keptFilter; // a reload's filter and range, run again by rerunKeptFilter
    std::optional<Range> m_keptRange;
    bool m_keptAllTopics = false;
};

} // namespace rw
