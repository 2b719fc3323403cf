#pragma once
// The timeline: a QCustomPlot histogram of records over time, stacked per topic (or per
// partition of one topic). Click to go to a time; drag to pick a time range (for the filter);
// the wheel zooms (the owner reloads finer buckets for the visible range); double-click zooms
// out to everything; buttons zoom in, out and back to everything. The time range of a filter
// stays shaded, and the current filter's matches are drawn as bars of their own over the
// records. Topics have their colours of every view (topic_colors.h). GUI thread only; the data
// comes from TimelineLoader.

#include "case_file.h"
#include "timeline_loader.h"

#include <QTimer>
#include <QWidget>

class QCustomPlot;
class QCPItemRect;
class QCPItemStraightLine;
class QLabel;
class QToolButton;
class QMouseEvent;

namespace rw {

class TimelineView : public QWidget {
    Q_OBJECT
public:
    explicit TimelineView(QWidget* parent = nullptr);

    void setData(const TimelineData& data);
    void setLoading(const QString& what);
    // A source with no time index: no plot at all, only why (the next setData shows it again).
    void setUnavailable(const QString& why);
    bool isUnavailable() const;
    void setUtc(bool utc);
    void markTime(std::optional<TimestampMs> t); // a cursor at the selected record's time
    // The filter's time range, shaded until cleared (nullopt).
    void setSelection(std::optional<std::pair<TimestampMs, TimestampMs>> range);
    // The current filter's matches (their times), drawn per bucket; empty: none.
    void setMatches(std::vector<TimestampMs> times);
    // More matches of the running filter, drawn as they stream in (redrawn at most every 200 ms).
    void addMatches(const std::vector<TimestampMs>& times);
    void zoomBy(double factor); // < 1 zooms in around the middle, > 1 out
    void clear();

    const TimelineData& data() const { return m_data; }
    QCustomPlot* plot() const { return m_plot; }
    // The bucket with the most records (for tests and the tooltip): start time and count.
    std::pair<TimestampMs, qint64> peak() const;
    // Pixel x of a time on the plot (for tests that click).
    int xForTime(TimestampMs t) const;
    std::optional<std::pair<TimestampMs, TimestampMs>> selection() const { return m_selection; }
    qint64 matchesShown() const; // matches drawn in the visible buckets
    int schemaMarksShown() const { return m_schemaMarks; }
    // A case's pinned time ranges, drawn as bands with their notes until replaced.
    void setPinnedRanges(const std::vector<CaseRange>& ranges);
    int pinnedRangesShown() const { return m_pinnedShown; }

signals:
    void timeClicked(qint64 timestamp);
    void rangeSelected(qint64 from, qint64 to);
    void viewChanged(qint64 from, qint64 to); // after zooming, debounced
    void zoomOutRequested();
    // "Count exactly" was clicked (counts from offsets only): read every record's time instead.
    void exactCountRequested();
    // A schema mark was clicked: index into data().schemaChanges.
    void schemaChangeClicked(int index);

protected:
    void changeEvent(QEvent* e) override;

private:
    void applyPalette();
    void onPress(QMouseEvent* e);
    void onMove(QMouseEvent* e);
    void onRelease(QMouseEvent* e);
    TimestampMs timeAt(double x) const;
    TimestampMs snappedTime(double x) const;

    QCustomPlot* m_plot;
    QLabel* m_title;
    QToolButton* m_exact = nullptr;
    QTimer* m_matchRedraw = nullptr; // addMatches' throttle
    void drawSelection();
    void drawMatches();
    void drawSchemaMarks();
    int schemaMarkAt(double x) const; // the mark within a few pixels of x, or -1
    QCPItemRect* m_band = nullptr;
    QCPItemRect* m_selectionBand = nullptr;
    std::optional<std::pair<TimestampMs, TimestampMs>> m_selection;
    std::vector<TimestampMs> m_matches;
    qint64 m_matchesShown = 0;
    int m_schemaMarks = 0;
    std::vector<CaseRange> m_pinned;
    int m_pinnedShown = 0;
    QCPItemStraightLine* m_cursor = nullptr;
    TimelineData m_data;
    bool m_utc = true;
    std::optional<double> m_pressX;
    bool m_settingData = false;
    QTimer m_viewDebounce;
};

} // namespace rw
