#pragma once
// The filter bar: the filter language with its error shown inline while typing (a wavy
// underline at the column, the message beside it), then a running search's match count,
// progress and a cancel button, and at the end what was covered. GUI thread only; the search
// itself runs in SearchRunner.

#include "filter.h"
#include "search.h"

#include <QLineEdit>
#include <QTimer>
#include <QWidget>

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
    void reset(); // no filter text, no status: another source was opened
    QString statusText() const;
    bool isValid() const { return m_valid; }

    // Driven by the owner while a search runs.
    void searchStarted(const QString& scope);
    void searchProgress(qint64 scanned, qint64 total, qint64 matched);
    void searchFinished(const SearchReport& report, bool truncated);
    void searchFailed(const QString& message);

signals:
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
    QTimer m_debounce;
    bool m_valid = true;
    QString m_scope;
};

} // namespace rw
