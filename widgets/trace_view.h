#pragma once
// The trace view: an order's (or any entity's) history across topics, in time order, each
// event with what changed since the one before. GUI thread only; TraceRunner does the work.

#include "trace.h"

#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QTreeWidget;

namespace rw {

class TraceView : public QWidget {
    Q_OBJECT
public:
    explicit TraceView(QWidget* parent = nullptr);

    // "o-123" (a key) or "order_id=o-123" (a JSON field), as typed.
    void setQueryText(const QString& text);
    QString queryText() const;
    // The query the input describes, or an error in words.
    Result<TraceQuery> query() const;

    void started();
    void setResult(const TraceResult& result);
    void setFailed(const QString& message);
    void setUtc(bool utc);

    QTreeWidget* tree() const { return m_tree; }
    QString statusText() const;
    const TraceResult& result() const { return m_result; }

signals:
    void runRequested();
    void cancelRequested();
    void recordSelected(const rw::Record& record);

private:
    void rebuild();
    QComboBox* m_mode;
    QLineEdit* m_input;
    QPushButton* m_run;
    QLabel* m_status;
    QTreeWidget* m_tree;
    TraceResult m_result;
    bool m_utc = true;
};

} // namespace rw
