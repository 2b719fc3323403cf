#pragma once
// Shows one whole record: value (pretty JSON with colouring, text, or hex), key, headers and
// metadata, with copy actions. Payload text is always plain text, never markup; values over
// 1 MiB show their first MiB until "Show all". GUI thread only.

#include "mask_policy.h"
#include "record.h"

#include <QWidget>

class QLabel;
class QPlainTextEdit;
class QPushButton;
class QTabWidget;
class QTableWidget;

namespace rw {

class RecordInspector : public QWidget {
    Q_OBJECT
public:
    explicit RecordInspector(QWidget* parent = nullptr);

    void showRecord(const Record& record, const QString& sourceHint);
    void clear();
    const Record& record() const { return m_record; }
    QString valueText() const;
    QString currentView() const;  // "json", "text" or "hex"
    QString copyFeedback() const; // what the last copy put on the clipboard, shown for a few seconds

    static constexpr qsizetype kShowLimit = qsizetype(1) << 20;

signals:
    // "Schema history": the record's topic and the schema id of its value.
    void schemaHistoryRequested(const QString& topic, qint32 schemaId);
    void pinRequested(const rw::Record& record); // "Pin" (Ctrl+B while the inspector has focus)

public:
    // The masking policy (mask_policy.h): copies are always masked by it; the view is too while
    // `hide` is on, except for a record the user reveals ("Reveal", until the next record).
    void setMasking(const MaskPolicy& policy, bool hide);
    bool showsMasked() const { return m_showsMasked; }

private:
    void render(bool all);
    void copyJson();
    void copyEnvelope();
    void copyCommand();
    void copied(const QString& what, qsizetype chars);

    Record m_record;
    QString m_source;
    bool m_has = false;
    QLabel* m_title;
    QLabel* m_schema = nullptr; // which schema decoded the key and value, or why it could not
    QPushButton* m_schemaHistory = nullptr;
    QTabWidget* m_tabs;
    QPlainTextEdit* m_value;
    QPlainTextEdit* m_key;
    QPlainTextEdit* m_hex;
    QTableWidget* m_headers;
    QPushButton* m_showAll;
    QLabel* m_copied;
    QString m_view;
    MaskPolicy m_policy;
    bool m_hide = true, m_revealed = false, m_showsMasked = false;
    Record m_masked; // m_record with the policy applied
    QPushButton* m_reveal = nullptr;
    const Record& copySource() const { return m_policy.empty() ? m_record : m_masked; }
};

} // namespace rw
