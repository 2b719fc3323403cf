#pragma once
// The filter bar: the filter language with its error shown inline while typing (a wavy
// underline at the column, the message beside it), the time range the timeline shaded as a chip
// of its own (a typed value, never text in the filter), then a running search's match count,
// progress and a cancel button, and at the end what was covered. GUI thread only; the search
// itself runs in SearchRunner.

#include "filter.h"
#include "search.h"

#include <QLineEdit>
#include <QTimer>
#include <QWidget>

#include <optional>
#include <utility>

class QCheckBox;
class QLabel;
class QProgressBar;
class QToolButton;

namespace rw {

// A line edit that can underline one column (1-based) as an error.
class FilterEdit : public QLineEdit {
    Q_OBJECT
public:
    using QLineEdit::QLineEdit;
    void setErrorColumn(int column);
    int errorColumn() const { return m_errorColumn; }

protected:
    void paintEvent(QPaintEvent* e) override;

private:
    int m_errorColumn = 0;
};

class FilterBar : public QWidget {
    Q_OBJECT
public:
    explicit FilterBar(QWidget* parent = nullptr);

    FilterEdit* edit() const { return m_edit; }
    QString text() const;
    void setText(const QString& text); // validates at once
    bool allTopics() const;
    void setAllTopics(bool all);
    void reset(); // no filter text, no range, no status: another source was opened
    // Only records in [first, second) are searched for; shown as a chip whose ✕ takes it off (and
    // runs the filter without it). Setting it does not run anything.
    using Range = std::pair<TimestampMs, TimestampMs>;
    void setTimeRange(std::optional<Range> range);
    std::optional<Range> timeRange() const { return m_range; }
    void setUtc(bool utc); // the chip's times in UTC or local time, as the table shows them
    // What submitted() hands out for the current text and range: the text compiled, or a filter
    // every record matches when there is only a range; nullopt when neither (or the text is bad).
    std::optional<Filter> compiled() const;
    QString statusText() const;
    bool isValid() const { return m_valid; }

    // Driven by the owner while a search runs.
    void searchStarted(const QString& scope);
    void searchProgress(qint64 scanned, qint64 total, qint64 matched);
    void searchFinished(const SearchReport& report, bool truncated);
    void searchFailed(const QString& message);

signals:
    // The text (empty for a range alone) and what it compiled to; the range is timeRange().
    void submitted(const QString& text, const rw::Filter& filter);
    void cleared();
    void cancelRequested();

private:
    void validate();
    void submit();
    void setStatus(const QString& text, bool error);

    FilterEdit* m_edit;
    QLabel* m_status;
    QProgressBar* m_progress;
    QToolButton* m_cancel;
    QCheckBox* m_all;
    QToolButton* m_rangeChip;
    std::optional<Range> m_range;
    bool m_utc = true;
    QTimer m_debounce;
    bool m_valid = true;
    QString m_scope;
};

} // namespace rw
