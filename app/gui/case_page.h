#pragma once
// The Case page: the case open (models/case_book.h) to read and edit: its summary, its pinned
// records (status found or missing, time, address, key, an editable note; double-click goes to the
// record), its pinned time ranges with notes (double-click filters the view to the range) and its
// saved views (double-click restores one), with the actions that make a case travel: exports of
// its pins, the bundle, the report. The page does the case's own work: pinning (records, the
// view's range, the view itself), asking for names and notes, and writing the report from the
// source the window tells it; the window hands it what other pages show (the selection, the
// view) and shows its status. GUI thread only.

#include "case_file.h"
#include "mask_policy.h"
#include "record.h"
#include "view_state.h"

#include <QWidget>

#include <functional>
#include <memory>
#include <optional>

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
class CaseReportWriter;
class RecordSource;
struct TraceQuery;

// What the window shows when the page asks (to pin its range, to save it as a view): the view,
// and the range to pin (the shaded range, else the zoom, else the whole timeline).
struct ViewSnapshot {
    ViewState view;
    std::optional<ViewState::Range> range;
};

class CasePage : public QWidget {
    Q_OBJECT
public:
    explicit CasePage(CaseBook* book, QWidget* parent = nullptr);

    QTableView* pinTable() const { return m_pins; }
    QTableWidget* rangeTable() const { return m_ranges; }
    QListWidget* viewList() const { return m_views; }
    QPlainTextEdit* summaryEdit() const { return m_summary; }
    QComboBox* caseBox() const { return m_caseBox; }
    QLabel* expiryLabel() const { return m_expiry; }
    QPushButton* keepButton() const { return m_keep; }
    QLineEdit* traceKeyEdit() const { return m_traceKey; }
    QString statusText() const;
    std::vector<int> selectedPinRows() const;

    // The source the cases are about, for the report (its records, masked by the policy).
    void setSource(std::shared_ptr<RecordSource> source, const MaskPolicy& policy);
    void setViewSnapshot(std::function<ViewSnapshot()> snapshot) { m_snapshot = std::move(snapshot); }

    // The case's own work; each says what it did through status().
    void pin(std::vector<CasePin> pins, const QString& note); // the records page's selection
    void pinRecord(const Record& record, const QString& note = {});
    void pinViewRange(const QString& note);
    void saveView(const QString& name);
    void keepTrace(const TraceQuery& query, qint64 records); // the trace the report tells
    // The file dialog, then the report written on a worker (reportFinished).
    void askReport(bool pdf);
    void writeReport(const QString& path, bool pdf);
    // The prompts the page's buttons and the Case menu open.
    void askNewCase();
    void askPinViewRange();
    void askSaveView();

signals:
    void pinActivated(const QString& topic, int partition, qint64 offset);
    void rangeActivated(qint64 from, qint64 to);
    void viewActivated(const QJsonObject& view);
    void exportPinsRequested();
    void bundleRequested();
    void status(const QString& text);    // for the window's status line
    void failed(const QString& message); // for its banner
    void reportFinished(bool ok, const QString& message);
    void caseMade(); // askNewCase made one: the window shows the page
    // The case workspace, to open as the window's source: the evidence kept there, without the
    // cluster.
    void openEvidenceRequested(const QString& path);

private:
    void refreshList();
    void refreshCase();
    void refreshRanges();
    void refreshViews();
    void updateStatus();
    void updateExpiry();
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
    QWidget* m_expiryBar;  // what retention will delete soon, and keeping it
    QLabel* m_expiry;
    QPushButton* m_keep;
    QPushButton* m_openKept;
    qint64 m_keptRecords = -1; // what the last keep wrote, for the bar
    bool m_filling = false;
    qint64 m_openMs = -1;
    CaseReportWriter* m_reports;
    std::shared_ptr<RecordSource> m_source;
    MaskPolicy m_mask;
    std::function<ViewSnapshot()> m_snapshot;
};

} // namespace rw
