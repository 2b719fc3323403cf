#pragma once
// The trace view: an order's (or any entity's) history across topics, in time order, each
// event with what changed since the one before. GUI thread only; TraceRunner does the work.

#include "mask_policy.h"
#include "trace.h"

#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QTreeWidget;
class QTreeWidgetItem;

namespace rw {

class TraceView : public QWidget {
    Q_OBJECT
public:
    explicit TraceView(QWidget* parent = nullptr);
    void focusInput(); // the key box, for typing a key or field=value

    // "o-123" (a key) or "order_id=o-123" (a JSON field), as typed.
    void setQueryText(const QString& text);
    // A key as bytes (from a record, never from cell text): traced exactly, even with newlines.
    void setKeyQuery(const QByteArray& key);
    QString queryText() const;
    // The query the input describes, or an error in words.
    Result<TraceQuery> query() const;

    void started();
    void setResult(const TraceResult& result);
    void setFailed(const QString& message);
    void setUtc(bool utc);
    // Personal data: with `hide`, what changed in a field the policy masks (or a header it masks)
    // is shown as "***", as everywhere else in the window.
    void setMasking(const MaskPolicy& policy, bool hide);

    QTreeWidget* tree() const { return m_tree; }
    QString statusText() const;
    const TraceResult& result() const { return m_result; }
    const TraceStory& story() const { return m_story; }

    // The event under a tree item (a change line belongs to its event), or null.
    const TraceEvent* eventAt(QTreeWidgetItem* item) const;
    QComboBox* partitionerBox() const { return m_partitioner; }

signals:
    void runRequested();
    void cancelRequested();
    void recordSelected(const rw::Record& record);
    // The context menu's actions; each carries the record itself (never cell text).
    void showInRecordsRequested(const rw::Record& record);
    void traceKeyRequested(const QByteArray& key);
    void copyRequested(const rw::Record& record);
    void pinRequested(const rw::Record& record, bool withNote); // Ctrl+B or the context menu

private:
    void rebuild();
    void contextMenu(const QPoint& pos);
    enum class TraceBy { Field, Key }; // m_mode's item data
    QComboBox* m_mode;
    QComboBox* m_partitioner;
    QLineEdit* m_input;
    QPushButton* m_run;
    QLabel* m_status;
    QTreeWidget* m_tree;
    TraceResult m_result;
    TraceStory m_story;
    std::optional<QByteArray> m_rawKey; // set by setKeyQuery while the input still shows it
    QString m_rawKeyShown;
    bool m_utc = true;
    MaskPolicy m_mask;
    bool m_hide = false;
};

} // namespace rw
