// MainWindow: the Case page wired to the other pages (what to pin, what the view shows, where a
// view or a range leads), the Case menu, and exports from the window. The case's own work (pins,
// ranges, views, prompts, the report) is CasePage's.

#include "file_dialogs.h"
#include "main_window.h"

#include "banner.h"
#include "case_book.h"
#include "case_page.h"
#include "export_controller.h"
#include "export_dialog.h"
#include "filter_bar.h"
#include "lag_chart.h"
#include "record_inspector.h"
#include "record_table_model.h"
#include "records_page.h"
#include "sources_panel.h"
#include "time_parse.h"
#include "timeline_view.h"
#include "trace_page.h"
#include "trace_view.h"

#include <QAction>
#include <QInputDialog>
#include <QJsonObject>
#include <QLabel>
#include <QLocale>
#include <QMenu>
#include <QMenuBar>
#include <QPushButton>
#include <QStatusBar>
#include <QTabWidget>

#include <qcustomplot.h>

namespace rw {

void MainWindow::buildCases()
{
    m_cases = new CaseBook(appCasesDir(), this);
    m_casePage = new CasePage(m_cases);
    m_tabs->addTab(m_casePage, tr("&Case"));
    m_exports = new ExportController(statusBar(), this);
    connect(m_exports, &ExportController::status, m_status, &QLabel::setText);
    connect(m_exports, &ExportController::notice, m_banner, &Banner::showMessage);
    connect(m_exports, &ExportController::finished, this, &MainWindow::exportFinished);
    connect(m_casePage, &CasePage::status, m_status, &QLabel::setText);
    connect(m_casePage, &CasePage::failed, this,
            [this](const QString& m) { m_banner->showMessage(Banner::Kind::Error, m); });
    connect(m_casePage, &CasePage::reportFinished, this, &MainWindow::reportFinished);
    m_casePage->setViewSnapshot([this] {
        ViewSnapshot s{viewState(), viewState().replayRange()}; // the shaded range, else the zoom
        if (!s.range && timeline()->data().buckets > 0)
            s.range =
                std::pair{timeline()->data().from,
                          timeline()->data().from + timeline()->data().buckets * timeline()->data().bucketMs};
        return s;
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
    connect(m_casePage, &CasePage::caseMade, this, [this] { m_tabs->setCurrentIndex(CaseTab); });
    connect(m_casePage, &CasePage::exportPinsRequested, this, [this] { askExport(QStringLiteral("pins")); });
    connect(m_casePage, &CasePage::bundleRequested, this, [this] { askExport(QStringLiteral("bundle")); });
    // The case workspace as the source: the case opens there, on its kept records.
    connect(m_casePage, &CasePage::openEvidenceRequested, this, [this](const QString& path) {
        const QString name = m_cases->hasCase() ? m_cases->current().name : QString();
        m_cases->saveNow();
        auto once = std::make_shared<QMetaObject::Connection>();
        *once = connect(this, &MainWindow::workspaceLoaded, this, [this, name, once] {
            disconnect(*once);
            if (!name.isEmpty()) m_cases->openWhenListed(name);
            m_tabs->setCurrentIndex(CaseTab);
        });
        openWorkspace(path);
    });

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
    connect(m_tracePage, &TracePage::traced, m_casePage, &CasePage::keepTrace);
    connect(inspector(), &RecordInspector::pinRequested, this, [this](const Record& r) { pinRecord(r); });
    connect(m_tracePage->inspector(), &RecordInspector::pinRequested, this,
            [this](const Record& r) { pinRecord(r); });
}

void MainWindow::buildCaseMenu(QMenu* menu)
{
    QAction* newCase = menu->addAction(tr("&New case…"), this, [this] { m_casePage->askNewCase(); });
    newCase->setObjectName(QStringLiteral("newCaseAction"));
    // Ctrl+B belongs to the table, the trace and the inspectors (each pins what it shows).
    QAction* pin = menu->addAction(tr("&Pin the selected records") + QStringLiteral("\tCtrl+B"), this,
                                   [this] { pinSelectedRecords(); });
    pin->setToolTip(tr("Ctrl+B in the records table, the trace or an inspector"));
    QAction* range =
        menu->addAction(tr("Pin the view's &time range…"), this, [this] { m_casePage->askPinViewRange(); });
    range->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_B));
    menu->addAction(tr("&Save the view in the case…"), this, [this] { m_casePage->askSaveView(); });
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
    menu->addAction(tr("&Report (HTML)…"), this, [this] { m_casePage->askReport(false); });
    menu->addAction(tr("Report (&PDF)…"), this, [this] { m_casePage->askReport(true); });
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
    m_casePage->pin(m_recordsPage->selectedPins(), note);
}

void MainWindow::pinRecord(const Record& record, const QString& note)
{
    m_casePage->pinRecord(record, note);
}

void MainWindow::pinViewRange(const QString& note)
{
    m_casePage->pinViewRange(note);
}

void MainWindow::saveViewInCase(const QString& name)
{
    m_casePage->saveView(name);
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

void MainWindow::writeReport(const QString& path, bool pdf)
{
    m_casePage->writeReport(path, pdf);
}

} // namespace rw
