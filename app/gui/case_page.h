#pragma once
// The Case page: the case open (models/case_book.h) to read and edit: its summary, its pinned
// records (status found or missing, time, address, key, an editable note; double-click goes to the
// record), its pinned time ranges with notes (double-click filters the view to the range) and its
// saved views (double-click restores one), with the actions that make a case travel: exports of
// its pins, the bundle, the report. The window does the work; the page shows and asks.
// GUI thread only.

#include "case_file.h"

#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QPlainTextEdit;
class QTableView;
class QTableWidget;
class QPushButton;

namespace rw {

class CaseBook;

class CasePage : public QWidget {
    Q_OBJECT
public:
    explicit CasePage(CaseBook* book, QWidget* parent = nullptr);

    QTableView* pinTable() const { return m_pins; }
    QTableWidget* rangeTable() const { return m_ranges; }
    QListWidget* viewList() const { return m_views; }
    QPlainTextEdit* summaryEdit() const { return m_summary; }
    QComboBox* caseBox() const { return m_caseBox; }
    QLineEdit* traceKeyEdit() const { return m_traceKey; }
    QString statusText() const;
    std::vector<int> selectedPinRows() const;

signals:
    void pinActivated(const QString& topic, int partition, qint64 offset);
    void rangeActivated(qint64 from, qint64 to);
    void viewActivated(const QJsonObject& view);
    void pinRangeRequested();
    void saveViewRequested();
    void exportPinsRequested();
    void bundleRequested();
    void reportRequested(bool pdf);
    void newCaseRequested();

private:
    void refreshList();
    void refreshCase();
    void refreshRanges();
    void refreshViews();
    void updateStatus();
    void renameCase();
    void deleteCase();

    CaseBook* m_book;
    QComboBox* m_caseBox;
    QLabel* m_status;
    QPlainTextEdit* m_summary;
    QLineEdit* m_traceKey;
    QTableView* m_pins;
    QTableWidget* m_ranges;
    QListWidget* m_views;
    QPushButton* m_export; // its menu: report, bundle, export
    bool m_filling = false;
    qint64 m_openMs = -1;
};

} // namespace rw
