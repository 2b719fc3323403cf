#pragma once
// The timeline: a QCustomPlot histogram of records over time, stacked per topic (or per
// partition of one topic). Click to go to a time; drag to pick a time range (for the filter);
// the wheel zooms (the owner reloads finer buckets for the visible range); double-click zooms
// out to everything. GUI thread only; the data comes from TimelineLoader.

#include "timeline_loader.h"

#include <QTimer>
#include <QWidget>

class QCustomPlot;
class QCPItemRect;
class QCPItemStraightLine;
class QLabel;
class QMouseEvent;

namespace rw {

class TimelineView : public QWidget {
    Q_OBJECT
public:
    explicit TimelineView(QWidget* parent = nullptr);

    void setData(const TimelineData& data);
    void setLoading(const QString& what);
    void setUtc(bool utc);
    void markTime(std::optional<TimestampMs> t); // a cursor at the selected record's time
    void clear();

    const TimelineData& data() const { return m_data; }
    QCustomPlot* plot() const { return m_plot; }
    // The bucket with the most records (for tests and the tooltip): start time and count.
    std::pair<TimestampMs, qint64> peak() const;
    // Pixel x of a time on the plot (for tests that click).
    int xForTime(TimestampMs t) const;

signals:
    void timeClicked(qint64 timestamp);
    void rangeSelected(qint64 from, qint64 to);
    void viewChanged(qint64 from, qint64 to); // after zooming, debounced
    void zoomOutRequested();

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
    QCPItemRect* m_band = nullptr;
    QCPItemStraightLine* m_cursor = nullptr;
    TimelineData m_data;
    bool m_utc = true;
    std::optional<double> m_pressX;
    bool m_settingData = false;
    QTimer m_viewDebounce;
};

} // namespace rw
