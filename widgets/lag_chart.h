#pragma once
// Lag over time for one consumer group (QCustomPlot), with the catch-up rate and the estimated
// time to catch up in words above it, and lag as time: a line at the oldest unread record and how
// far it is behind. The y-axis follows the zoom; hovering shows the value under the mouse.
// GUI thread only.

#include "case_file.h"
#include "group_details.h"

#include <QWidget>

class QCustomPlot;
class QLabel;
class QMouseEvent;

namespace rw {

class LagChart : public QWidget {
    Q_OBJECT
public:
    explicit LagChart(QWidget* parent = nullptr);
    void setHistory(const QString& group, const std::vector<LagSample>& history);
    void addSample(const LagSample& s); // a live sample for the group shown
    void setUtc(bool utc);
    // Lag as time: the oldest record the group has not read, and how far behind the newest it is.
    void setBehind(std::optional<TimestampMs> oldestUnread, qint64 behindMs);
    QString hoverText() const { return m_hoverText; } // what the tooltip says at the mouse
    QString summaryText() const;                      // the words above the plot
    // A history that ends in the past (a report's span): the caption names its last sample as the
    // lag at that time, never "lag now".
    void setEndsInThePast(bool past)
    {
        m_past = past;
        redraw();
    }
    // What to say when a group has no history (empty: the sampling hint for workspaces).
    void setEmptyNote(const QString& note) { m_emptyNote = note; }
    // A case's pinned time ranges, drawn as bands with their notes.
    void setPinnedRanges(const std::vector<CaseRange>& ranges);
    int pinnedRangesShown() const { return m_pinnedShown; }
    void clear();

    QCustomPlot* plot() const { return m_plot; }
    int pointCount() const;
    QString summary() const; // the words above the chart
    const std::vector<LagSample>& history() const { return m_history; }

protected:
    void changeEvent(QEvent* e) override;

private:
    QString m_emptyNote;
    std::vector<CaseRange> m_pinned;
    int m_pinnedShown = 0;
    void applyPalette();
    void redraw();
    void fitY();
    void hover(QMouseEvent* e);
    // A spacing of samples this long or longer is a hole: over three times the median spacing
    // and over 90 s (none with fewer than three samples).
    qint64 gapThresholdMs() const;
    std::optional<std::pair<TimestampMs, TimestampMs>> gapAt(TimestampMs t) const; // the hole around t
    std::optional<TimestampMs> m_oldestUnread;
    qint64 m_behindMs = 0;
    QString m_hoverText;
    bool m_utc = true;
    bool m_past = false;
    QCustomPlot* m_plot;
    QLabel* m_summary;
    QString m_group;
    std::vector<LagSample> m_history;
};

} // namespace rw
