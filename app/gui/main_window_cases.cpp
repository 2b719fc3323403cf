// MainWindow: cases (pins, ranges, views), exports from the window and the case report.

#include "file_dialogs.h"
#include "main_window.h"

#include "banner.h"
#include "case_book.h"
#include "case_page.h"
#include "case_report.h"
#include "case_report_writer.h"
#include "export_controller.h"
#include "export_dialog.h"
#include "filter_bar.h"
#include "job_runner.h"
#include "lag_chart.h"
#include "record_inspector.h"
#include "record_table_model.h"
#include "records_page.h"
#include "sources_panel.h"
#include "time_parse.h"
#include "timeline_view.h"
#include "trace_page.h"
#include "trace_runner.h"
#include "trace_view.h"

#include <QAction>
#include <QInputDialog>
#include <QJsonObject>
#include <QLabel>
#include <QLocale>
#include <QMenu>
#include <QMenuBar>
#include <QPushButton>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTabWidget>

#include <qcustomplot.h>

#include <climits>

namespace rw {

namespace {

CasePin pinOf(const Record& r, const QString& note)
{
    CasePin p;
    p.topic = r.topic;
    p.partition = r.partition;
    p.offset = r.offset;
    p.timestamp = r.timestamp;
    p.note = note;
    if (r.key) p.key = QString::fromUtf8(r.key->left(200));
    return p;
}

} // namespace

void MainWindow::buildCases()
{
    m_cases = new CaseBook(
        QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + QStringLiteral("/cases"), this);
    m_casePage = new CasePage(m_cases);
    m_tabs->addTab(m_casePage, tr("&Case"));
    m_exports = new ExportController(statusBar(), this);
    connect(m_exports, &ExportController::status, m_status, &QLabel::setText);
    connect(m_exports, &ExportController::notice, m_banner, &Banner::showMessage);
    connect(m_exports, &ExportController::finished, this, &MainWindow::exportFinished);
    m_reports = new CaseReportWriter(this);
    connect(m_reports, &CaseReportWriter::finished, this, [this](bool ok, const QString& message) {
        if (ok)
            m_status->setText(message);
        else
            m_banner->showMessage(Banner::Kind::Error, message);
        emit reportFinished(ok, message);
    });

    connect(m_cases, &CaseBook::failed, this,
            [this](const QString& m) { m_banner->showMessage(Banner::Kind::Error, m); });
    auto listCases = [this] {
        QStringList names;
        for (const auto& e : m_cases->list())
            names << e.name;
        m_sources->setCases(names, m_cases->hasCase() ? m_cases->current().name : QString());
    };
    connect(m_cases, &CaseBook::listChanged, this, listCases);
    connect(m_cases, &CaseBook::opened, this, listCases);
    connect(m_cases, &CaseBook::closed, this, listCases);
    auto showRanges = [this] {
        const auto ranges = m_cases->hasCase() ? m_cases->current().ranges : std::vector<CaseRange>{};
        timeline()->setPinnedRanges(ranges);
        lagChart()->setPinnedRanges(ranges);
    };
    connect(m_cases, &CaseBook::rangesChanged, this, showRanges);
    connect(m_cases, &CaseBook::closed, this, showRanges);
    connect(m_cases, &CaseBook::pinsResolved, this, [this](int missing) {
        if (missing > 0)
            m_status->setText(
                tr("Case %1: %Ln pinned record(s) missing (the Case tab says why); the rest of the case "
                   "is there.",
                   nullptr, missing)
                    .arg(m_cases->current().name));
    });
    connect(m_sources, &SourcesPanel::caseChosen, this, [this](const QString& name) {
        m_cases->open(name);
        m_tabs->setCurrentIndex(CaseTab);
    });
    connect(m_casePage, &CasePage::pinActivated, this,
            [this](const QString& topic, int partition, qint64 offset) {
                Record r;
                r.topic = topic;
                r.partition = partition;
                r.offset = offset;
                showRecordInRecords(r);
                m_tabs->setCurrentIndex(RecordsTab);
            });
    connect(m_casePage, &CasePage::rangeActivated, this, [this](qint64 from, qint64 to) {
        if (m_recordsPage->topic().isEmpty() && !m_overview.topics.empty())
            selectTopic(m_overview.topics.front().name);
        setTimeRangeFilter(from, to);
        m_tabs->setCurrentIndex(RecordsTab);
    });
    connect(m_casePage, &CasePage::viewActivated, this,
            [this](const QJsonObject& v) { applyView(ViewState::fromJson(v)); });
    connect(m_casePage, &CasePage::pinRangeRequested, this, [this] {
        bool ok = false;
        const QString note =
            QInputDialog::getText(this, tr("Pin time range"), tr("Note:"), QLineEdit::Normal, {}, &ok);
        if (ok) pinViewRange(note);
    });
    connect(m_casePage, &CasePage::saveViewRequested, this, [this] {
        bool ok = false;
        const QString name = QInputDialog::getText(this, tr("Save the view"), tr("Name:"), QLineEdit::Normal,
                                                   m_recordsPage->topic(), &ok);
        if (ok && !name.trimmed().isEmpty()) saveViewInCase(name.trimmed());
    });
    connect(m_casePage, &CasePage::newCaseRequested, this, [this] {
        bool ok = false;
        const QString name = QInputDialog::getText(
            this, tr("New case"), tr("Name (e.g. the incident or ticket):"), QLineEdit::Normal, {}, &ok);
        if (ok && !name.trimmed().isEmpty()) {
            m_cases->create(name);
            m_tabs->setCurrentIndex(CaseTab);
        }
    });
    connect(m_casePage, &CasePage::exportPinsRequested, this, [this] { askExport(QStringLiteral("pins")); });
    connect(m_casePage, &CasePage::bundleRequested, this, [this] { askExport(QStringLiteral("bundle")); });
    connect(m_casePage, &CasePage::reportRequested, this, &MainWindow::askReport);

    // Pinning from the table, the trace and the inspectors.
    // The note, asked for when wanted; nullopt: the user cancelled.
    auto noteFor = [this](bool withNote) -> std::optional<QString> {
        if (!withNote) return QString();
        bool ok = false;
        const QString note =
            QInputDialog::getText(this, tr("Pin with a note"), tr("Note:"), QLineEdit::Normal, {}, &ok);
        return ok ? std::optional<QString>(note) : std::nullopt;
    };
    connect(m_recordsPage, &RecordsPage::pinRequested, this, [this, noteFor](bool withNote) {
        if (auto note = noteFor(withNote)) pinSelectedRecords(*note);
    });
    connect(m_recordsPage, &RecordsPage::exportRequested, this,
            [this] { askExport(QStringLiteral("selection")); });
    auto pinWithNote = [this, noteFor](const Record& r, bool withNote) {
        if (auto note = noteFor(withNote)) pinRecord(r, *note);
    };
    connect(traceView(), &TraceView::pinRequested, this, pinWithNote);
    // The open case keeps the trace the user last ran, by its own rules, so its report tells the
    // same history (walkthrough defect 6.4).
    connect(m_tracePage, &TracePage::traced, this, [this](const TraceQuery& query, qint64 records) {
        if (!m_cases->hasCase()) return;
        m_cases->setTrace(caseTraceOf(query, records));
        m_status->setText(tr("The case “%1” keeps this trace (%Ln record(s)) for its report.", nullptr,
                             static_cast<int>(std::min<qint64>(records, INT_MAX)))
                              .arg(m_cases->current().name));
    });
    connect(inspector(), &RecordInspector::pinRequested, this, [this](const Record& r) { pinRecord(r); });
    connect(m_tracePage->inspector(), &RecordInspector::pinRequested, this,
            [this](const Record& r) { pinRecord(r); });
}

void MainWindow::buildCaseMenu(QMenu* menu)
{
    QAction* newCase =
        menu->addAction(tr("&New case…"), this, [this] { emit m_casePage->newCaseRequested(); });
    newCase->setObjectName(QStringLiteral("newCaseAction"));
    // Ctrl+B belongs to the table, the trace and the inspectors (each pins what it shows).
    QAction* pin = menu->addAction(tr("&Pin the selected records") + QStringLiteral("\tCtrl+B"), this,
                                   [this] { pinSelectedRecords(); });
    pin->setToolTip(tr("Ctrl+B in the records table, the trace or an inspector"));
    QAction* range = menu->addAction(tr("Pin the view's &time range…"), this,
                                     [this] { emit m_casePage->pinRangeRequested(); });
    range->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_B));
    menu->addAction(tr("&Save the view in the case…"), this,
                    [this] { emit m_casePage->saveViewRequested(); });
    menu->addAction(tr("Show the &case"), this, [this] { m_tabs->setCurrentIndex(CaseTab); });
    menu->addSeparator();
    QMenu* exports = menu->addMenu(tr("&Export"));
    exports->addAction(tr("What the &view shows (filter results, timeline selection)…"), this,
                       [this] { askExport(QStringLiteral("view")); });
    exports->addAction(tr("The &selected records…"), this,
                       [this] { askExport(QStringLiteral("selection")); });
    exports->addAction(tr("The &trace…"), this, [this] { askExport(QStringLiteral("trace")); });
    exports->addAction(tr("The case's &pinned records…"), this,
                       [this] { askExport(QStringLiteral("pins")); });
    menu->addAction(tr("Case &bundle (a workspace to hand on)…"), this,
                    [this] { askExport(QStringLiteral("bundle")); });
    menu->addAction(tr("&Report (HTML)…"), this, [this] { askReport(false); });
    menu->addAction(tr("Report (&PDF)…"), this, [this] { askReport(true); });
}

void MainWindow::setHidePersonalData(bool hide)
{
    m_hidePersonal = hide;
    if (m_hidePersonalAction && m_hidePersonalAction->isChecked() != hide)
        m_hidePersonalAction->setChecked(hide);
    recordModel()->setMasking(m_overview.maskPolicy, hide);
    inspector()->setMasking(m_overview.maskPolicy, hide);
    m_tracePage->inspector()->setMasking(m_overview.maskPolicy, hide);
    traceView()->setMasking(m_overview.maskPolicy, hide);
}

void MainWindow::pinSelectedRecords(const QString& note)
{
    std::vector<CasePin> pins = m_recordsPage->selectedPins();
    if (pins.empty()) {
        m_status->setText(tr("Nothing to pin: select a record in the table first."));
        return;
    }
    for (CasePin& p : pins)
        p.note = note;
    const int added = m_cases->addPins(pins);
    m_status->setText(
        tr("Pinned %Ln record(s) to “%1” (Case tab)", nullptr, added).arg(m_cases->current().name) +
        (added < static_cast<int>(pins.size())
             ? tr(" · %1 already pinned").arg(static_cast<int>(pins.size()) - added)
             : QString()));
}

void MainWindow::pinRecord(const Record& record, const QString& note)
{
    const int added = m_cases->addPins({pinOf(record, note)});
    m_status->setText(
        added ? tr("Pinned %1-%2@%3 to “%4” (Case tab)")
                    .arg(record.topic)
                    .arg(record.partition)
                    .arg(record.offset)
                    .arg(m_cases->current().name)
              : tr("%1-%2@%3 is pinned already").arg(record.topic).arg(record.partition).arg(record.offset));
}

void MainWindow::pinViewRange(const QString& note)
{
    const ViewState v = viewState();
    const auto range = v.replayRange(); // the shaded range, else the zoom
    std::optional<std::pair<TimestampMs, TimestampMs>> r = range;
    if (!r && timeline()->data().buckets > 0)
        r = std::pair{timeline()->data().from,
                      timeline()->data().from + timeline()->data().buckets * timeline()->data().bucketMs};
    if (!r) {
        m_status->setText(tr("No time range to pin: drag across the timeline first."));
        return;
    }
    m_cases->addRange({r->first, r->second, note});
    m_status->setText(
        tr("Pinned %1 – %2 to “%3”")
            .arg(formatTimestampUtc(r->first), formatTimestampUtc(r->second), m_cases->current().name));
}

void MainWindow::saveViewInCase(const QString& name)
{
    m_cases->addView({name, viewState().toJson()});
    m_status->setText(tr("Saved the view “%1” in “%2”").arg(name, m_cases->current().name));
}

void MainWindow::applyView(const ViewState& v)
{
    if (v.topic.isEmpty()) return;
    m_tabs->setCurrentIndex(RecordsTab);
    selectTopic(v.topic, v.partition);
    m_recordsPage->applyView(v.filter, v.range, v.zoom);
}

RecordSet MainWindow::viewRecordSet() const
{
    RecordSet set;
    set.byFilter = true;
    set.topic = m_recordsPage->topic();
    if (m_recordsPage->partition() >= 0) set.partition = m_recordsPage->partition();
    set.filter = m_recordsPage->activeFilter();
    set.timeRange = m_recordsPage->activeRange();
    return set;
}

RecordSet MainWindow::selectedRecordSet() const
{
    RecordSet set;
    m_recordsPage->selectedRefs(set.topics, set.refs, std::numeric_limits<int>::max());
    return set;
}

RecordSet MainWindow::traceRecordSet() const
{
    RecordSet set;
    for (const TraceEvent& e : traceView()->result().events) {
        qsizetype t = set.topics.indexOf(e.record.topic);
        if (t < 0) {
            t = set.topics.size();
            set.topics << e.record.topic;
        }
        set.refs.push_back({e.record.offset, e.record.timestamp, e.record.partition, static_cast<qint32>(t)});
    }
    return set;
}

RecordSet MainWindow::pinRecordSet() const
{
    RecordSet set;
    if (!m_cases->hasCase()) return set;
    for (const CasePin& p : m_cases->current().pins) {
        qsizetype t = set.topics.indexOf(p.topic);
        if (t < 0) {
            t = set.topics.size();
            set.topics << p.topic;
        }
        set.refs.push_back({p.offset, p.timestamp.value_or(0), p.partition, static_cast<qint32>(t)});
    }
    return set;
}

void MainWindow::askExport(const QString& which)
{
    if (!m_overview.source) return;
    const QLocale loc;
    RecordSet set;
    QString what;
    bool bundle = false;
    if (which == QLatin1String("view")) {
        if (m_recordsPage->topic().isEmpty()) {
            m_status->setText(tr("Nothing to export: choose a topic first."));
            return;
        }
        set = viewRecordSet();
        const QString scope =
            set.topic + (set.partition ? QStringLiteral("-%1").arg(*set.partition) : QString());
        what = set.filter.isEmpty() && !set.timeRange ? tr("Every record of %1").arg(scope)
               : set.filter.isEmpty()                 ? tr("The records of %1").arg(scope)
                                      : tr("The records of %1 that match: %2").arg(scope, set.filter);
        if (set.timeRange)
            what +=
                tr(", from %1 to %2")
                    .arg(formatTimestampUtc(set.timeRange->first), formatTimestampUtc(set.timeRange->second));
    } else if (which == QLatin1String("selection")) {
        set = selectedRecordSet();
        what = tr("%Ln selected record(s)", nullptr, static_cast<int>(set.refs.size()));
    } else if (which == QLatin1String("trace")) {
        set = traceRecordSet();
        what = tr("The %Ln record(s) of the trace", nullptr, static_cast<int>(set.refs.size()));
    } else {
        if (!m_cases->hasCase()) {
            m_status->setText(tr("No case is open: pin records first (Ctrl+B)."));
            return;
        }
        set = pinRecordSet();
        bundle = which == QLatin1String("bundle");
        what = tr("The %Ln pinned record(s) of case %1", nullptr, static_cast<int>(set.refs.size()))
                   .arg(m_cases->current().name);
    }
    if (!set.byFilter && set.refs.empty()) {
        m_status->setText(tr("Nothing to export."));
        return;
    }
    exportWithDialog(set, what, bundle);
}

void MainWindow::exportWithDialog(const RecordSet& set, const QString& what, bool bundle)
{
    ExportDialog dialog(what, m_overview.maskPolicy, bundle, this);
    if (dialog.exec() != QDialog::Accepted) return;
    RecordExport job;
    job.format = dialog.format();
    job.records = set;
    job.columns = dialog.columns();
    if (dialog.applyMask()) job.mask = m_overview.maskPolicy;
    if (job.format == ExportFormat::Workspace && m_cases->hasCase()) job.bundleCase = m_cases->current();
    startExport(job, dialog.path());
}

void MainWindow::startExport(RecordExport job, const QString& path)
{
    m_exports->start(m_overview.source, std::move(job), path);
}

void MainWindow::cancelExport()
{
    m_exports->stop();
}

void MainWindow::askReport(bool pdf)
{
    if (!m_cases->hasCase()) {
        m_status->setText(tr("No case is open: pin records first (Ctrl+B)."));
        return;
    }
    QString name = m_cases->current().name; // as a file name on any system
    for (QChar& c : name)
        if (!c.isLetterOrNumber() && c != u'-' && c != u'_' && c != u'.') c = u'_';
    const QString suggested = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation) + u'/' +
                              name + (pdf ? QStringLiteral(".pdf") : QStringLiteral(".html"));
    const QString path = askSaveFile(this, pdf ? tr("Report as PDF") : tr("Report as HTML"), suggested,
                                     pdf ? tr("PDF (*.pdf)") : tr("HTML (*.html)"));
    if (!path.isEmpty()) writeReport(path, pdf);
}

void MainWindow::writeReport(const QString& path, bool pdf)
{
    if (!m_overview.source || !m_cases->hasCase()) return;
    m_cases->saveNow();
    m_status->setText(tr("Writing the report of %1 …").arg(m_cases->current().name));
    m_reports->write(m_overview.source, m_cases->current(), m_overview.maskPolicy, path, pdf);
}

} // namespace rw
