#pragma once
// A topic's schema history: the schema it began with, then each change of writer schema (when,
// where first, in how many partitions) with the difference between the two schemas as a unified
// diff, coloured. Opened from a schema mark on the timeline or from the inspector; the data comes
// from a job (models/schema_history.h). Text from the registry is shown as plain text.
// GUI thread only.

#include "schema_history.h"

#include <QDialog>

class QLabel;
class QListWidget;
class QPlainTextEdit;
class QPushButton;

namespace rw {

class SchemaHistoryDialog : public QDialog {
    Q_OBJECT
public:
    explicit SchemaHistoryDialog(QWidget* parent = nullptr);

    void setLoading(const QString& topic);
    void setError(const QString& message);
    void setHistory(const SchemaHistory& history, bool utc);
    // Row 0 is the schema the topic began with; row i > 0 is change i - 1.
    void selectChange(int change);
    // The change that led to schema `id` (the earliest), else the first schema.
    void selectSchema(qint32 id);

    const SchemaHistory& history() const { return m_history; }
    QString shownText() const; // what the text pane shows (for tests)
    QString summary() const;

signals:
    void timeWanted(qint64 timestamp); // "Go to": the records at the change

private:
    void showRow(int row);

    SchemaHistory m_history;
    QLabel* m_summary;
    QListWidget* m_list;
    QPlainTextEdit* m_text;
    QPushButton* m_goTo;
};

} // namespace rw
