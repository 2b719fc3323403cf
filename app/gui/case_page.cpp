#include "case_page.h"

#include "case_book.h"
#include "case_report_writer.h"
#include "display_format.h"
#include "file_dialogs.h"
#include "group_details.h"
#include "table_columns.h"
#include "time_parse.h"
#include "trace_runner.h"

#include <QAction>
#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QLocale>
#include <QMenu>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSplitter>
#include <QStandardPaths>
#include <QTableView>
#include <QTableWidget>
#include <QToolButton>
#include <QVBoxLayout>

#include <climits>

namespace rw {

CasePage::CasePage(CaseBook* book, QWidget* parent)
    : QWidget(parent), m_book(book), m_caseBox(new QComboBox), m_status(new QLabel),
      m_summary(new QPlainTextEdit), m_traceKey(new QLineEdit), m_pins(new QTableView),
      m_ranges(new QTableWidget(0, 4)), m_views(new QListWidget), m_export(new QPushButton),
      m_expiryBar(new QWidget), m_expiry(new QLabel), m_keep(new QPushButton), m_openKept(new QPushButton),
      m_reports(new CaseReportWriter(this))
{
    connect(m_reports, &CaseReportWriter::finished, this, [this](bool ok, const QString& message) {
        if (ok)
            emit status(message);
        else
            emit failed(message);
        emit reportFinished(ok, message);
    });
    connect(m_book, &CaseBook::pinsResolved, this, [this](int missing) {
        if (missing > 0)
            emit status(tr("Case %1: %Ln pinned record(s) missing (the Case tab says why); the rest of the "
                           "case is there.",
                           nullptr, missing)
                            .arg(m_book->current().name));
    });
    m_caseBox->setObjectName(QStringLiteral("caseBox"));
    m_caseBox->setMinimumContentsLength(12);
    m_caseBox->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    auto* newCase = new QPushButton(tr("New…"));
    newCase->setObjectName(QStringLiteral("caseNew"));
    auto* rename = new QPushButton(tr("Rename…"));
    auto* remove = new QPushButton(tr("Delete"));
    m_export->setObjectName(QStringLiteral("caseExport"));
    m_export->setText(tr("Share"));
    auto* menu = new QMenu(m_export);
    menu->addAction(tr("Report (HTML)…"), this, [this] { askReport(false); });
    menu->addAction(tr("Report (PDF)…"), this, [this] { askReport(true); });
    menu->addSeparator();
    menu->addAction(tr("Case bundle: a workspace with the pinned records…"), this,
                    [this] { emit bundleRequested(); });
    menu->addAction(tr("Export the pinned records…"), this, [this] { emit exportPinsRequested(); });
    m_export->setMenu(menu);
    connect(newCase, &QPushButton::clicked, this, &CasePage::askNewCase);
    connect(rename, &QPushButton::clicked, this, &CasePage::renameCase);
    connect(remove, &QPushButton::clicked, this, &CasePage::deleteCase);
    connect(m_caseBox, &QComboBox::activated, this, [this](int i) {
        const QString name = m_caseBox->itemText(i);
        if (!m_book->hasCase() || m_book->current().name != name) m_book->open(name);
    });
    auto* top = new QHBoxLayout;
    top->addWidget(new QLabel(tr("Case:")));
    top->addWidget(m_caseBox, 1);
    top->addWidget(newCase);
    top->addWidget(rename);
    top->addWidget(remove);
    top->addWidget(m_export);

    m_status->setObjectName(QStringLiteral("caseStatus"));
    m_status->setTextFormat(Qt::PlainText);
    m_status->setWordWrap(true); // a long path never widens the window
    m_status->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    m_summary->setObjectName(QStringLiteral("caseSummary"));
    m_summary->setPlaceholderText(tr("Summary: what happened, what was found, what is still open …"));
    m_summary->setMaximumBlockCount(10000);
    connect(m_summary, &QPlainTextEdit::textChanged, this, [this] {
        if (!m_filling) m_book->setSummary(m_summary->toPlainText());
    });
    m_traceKey->setObjectName(QStringLiteral("caseTraceKey"));
    m_traceKey->setPlaceholderText(tr("The trace the report shows: a key (o-1237) or field=value"));
    m_traceKey->setToolTip(tr("A trace run while the case is open is kept here, with its rules. "
                              "Type a key, or a field and value like order_id=o-1237."));
    connect(m_traceKey, &QLineEdit::textEdited, this,
            [this](const QString& t) { m_book->setTrace(CaseTrace::fromText(t)); });
    connect(m_book, &CaseBook::traceChanged, this, [this] {
        if (!m_traceKey->hasFocus()) m_traceKey->setText(m_book->current().trace.text());
    });

    m_pins->setObjectName(QStringLiteral("casePins"));
    m_pins->setModel(m_book->pinModel());
    m_pins->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_pins->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_pins->setEditTriggers(QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed |
                            QAbstractItemView::AnyKeyPressed);
    m_pins->verticalHeader()->setVisible(false);
    m_pins->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_pins->verticalHeader()->setDefaultSectionSize(m_pins->fontMetrics().height() + 6);
    m_pins->horizontalHeader()->setStretchLastSection(true);
    m_pins->setAlternatingRowColors(true);
    m_pins->setWordWrap(false);
    const QFontMetrics fm = m_pins->fontMetrics();
    m_pins->setColumnWidth(CasePinModel::StatusCol, fm.horizontalAdvance(tr("missing")) + 24);
    m_pins->setColumnWidth(CasePinModel::TimeCol,
                           fm.horizontalAdvance(QStringLiteral("2026-11-19 03:17:48.239Z")) + 16);
    // Never narrower than the heading (longer than the numbers in some languages).
    setColumnWidthAtLeastHeading(m_pins, CasePinModel::PartitionCol,
                                 fm.horizontalAdvance(QStringLiteral("Part.  ")));
    setColumnWidthAtLeastHeading(m_pins, CasePinModel::OffsetCol,
                                 fm.horizontalAdvance(QStringLiteral("0000000  ")));
    connect(m_pins, &QTableView::doubleClicked, this, [this](const QModelIndex& i) {
        if (i.column() == CasePinModel::NoteCol) return; // edits the note
        emit pinActivated(i.data(CasePinModel::TopicRole).toString(),
                          i.data(CasePinModel::PartitionRole).toInt(),
                          i.data(CasePinModel::OffsetRole).toLongLong());
    });
    auto* unpin = new QAction(tr("Unpin"), m_pins);
    unpin->setShortcut(QKeySequence::Delete);
    unpin->setShortcutContext(Qt::WidgetShortcut);
    connect(unpin, &QAction::triggered, this, [this] { m_book->removePins(selectedPinRows()); });
    m_pins->addAction(unpin);
    m_pins->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(m_pins, &QWidget::customContextMenuRequested, this, [this, unpin](const QPoint& pos) {
        const QModelIndex idx = m_pins->indexAt(pos);
        if (!idx.isValid()) return;
        QMenu m(this);
        QAction* go = m.addAction(tr("Show in Records"));
        QAction* note = m.addAction(tr("Edit note"));
        m.addAction(unpin);
        QAction* chosen = m.exec(m_pins->viewport()->mapToGlobal(pos));
        if (chosen == go)
            emit pinActivated(idx.data(CasePinModel::TopicRole).toString(),
                              idx.data(CasePinModel::PartitionRole).toInt(),
                              idx.data(CasePinModel::OffsetRole).toLongLong());
        else if (chosen == note)
            m_pins->edit(idx.siblingAtColumn(CasePinModel::NoteCol));
    });

    m_ranges->setObjectName(QStringLiteral("caseRanges"));
    m_ranges->setHorizontalHeaderLabels({tr("From"), tr("To"), tr("Note"), tr("Deleted")});
    m_ranges->horizontalHeader()->setSectionResizeMode(2, QHeaderView::Stretch);
    m_ranges->verticalHeader()->setVisible(false);
    m_ranges->setSelectionBehavior(QAbstractItemView::SelectRows);
    connect(m_ranges, &QTableWidget::itemChanged, this, [this](QTableWidgetItem* item) {
        if (!m_filling && item->column() == 2) m_book->setRangeNote(item->row(), item->text());
    });
    connect(m_ranges, &QTableWidget::cellDoubleClicked, this, [this](int row, int column) {
        if (column == 2 || row >= static_cast<int>(m_book->current().ranges.size())) return;
        const CaseRange& r = m_book->current().ranges[static_cast<size_t>(row)];
        emit rangeActivated(r.from, r.to);
    });
    auto* pinRange = new QPushButton(tr("Pin the view's time range"));
    pinRange->setObjectName(QStringLiteral("casePinRange"));
    pinRange->setToolTip(
        tr("The time range the timeline selected (or its zoom), with a note (Ctrl+Shift+B)"));
    connect(pinRange, &QPushButton::clicked, this, &CasePage::askPinViewRange);
    auto* removeRange = new QPushButton(tr("Remove"));
    connect(removeRange, &QPushButton::clicked, this, [this] {
        if (m_ranges->currentRow() >= 0) m_book->removeRange(m_ranges->currentRow());
    });

    m_views->setObjectName(QStringLiteral("caseViews"));
    connect(m_views, &QListWidget::itemActivated, this, [this](QListWidgetItem* item) {
        const int row = m_views->row(item);
        if (row >= 0 && row < static_cast<int>(m_book->current().views.size()))
            emit viewActivated(m_book->current().views[static_cast<size_t>(row)].view);
    });
    auto* saveView = new QPushButton(tr("Save the view…"));
    saveView->setObjectName(QStringLiteral("caseSaveView"));
    saveView->setToolTip(tr("Topic, partition, filter and zoom, to come back to"));
    connect(saveView, &QPushButton::clicked, this, &CasePage::askSaveView);
    auto* removeView = new QPushButton(tr("Remove"));
    connect(removeView, &QPushButton::clicked, this, [this] {
        if (m_views->currentRow() >= 0) m_book->removeView(m_views->currentRow());
    });

    auto* rangesBox = new QWidget;
    auto* rl = new QVBoxLayout(rangesBox);
    rl->setContentsMargins(0, 0, 0, 0);
    rl->addWidget(new QLabel(tr("Pinned time ranges")));
    rl->addWidget(m_ranges, 1);
    auto* rb = new QHBoxLayout;
    rb->addWidget(pinRange);
    rb->addWidget(removeRange);
    rb->addStretch(1);
    rl->addLayout(rb);
    auto* viewsBox = new QWidget;
    auto* vl = new QVBoxLayout(viewsBox);
    vl->setContentsMargins(0, 0, 0, 0);
    vl->addWidget(new QLabel(tr("Saved views")));
    vl->addWidget(m_views, 1);
    auto* vb = new QHBoxLayout;
    vb->addWidget(saveView);
    vb->addWidget(removeView);
    vb->addStretch(1);
    vl->addLayout(vb);
    auto* bottom = new QSplitter(Qt::Horizontal);
    bottom->addWidget(rangesBox);
    bottom->addWidget(viewsBox);
    bottom->setStretchFactor(0, 3);
    bottom->setStretchFactor(1, 2);

    auto* summaryBox = new QWidget;
    auto* sl = new QVBoxLayout(summaryBox);
    sl->setContentsMargins(0, 0, 0, 0);
    sl->addWidget(m_summary, 1);
    sl->addWidget(m_traceKey);
    auto* pinsBox = new QWidget;
    auto* pl = new QVBoxLayout(pinsBox);
    pl->setContentsMargins(0, 0, 0, 0);
    auto* pinsHint =
        new QLabel(tr("Pinned records (Ctrl+B in Records, Trace or the inspector pins; double-click the "
                      "note to edit it)"));
    pinsHint->setWordWrap(true);
    pinsHint->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    pl->addWidget(pinsHint);
    pl->addWidget(m_pins, 1);
    auto* split = new QSplitter(Qt::Vertical);
    split->addWidget(summaryBox);
    split->addWidget(pinsBox);
    split->addWidget(bottom);
    split->setStretchFactor(0, 1);
    split->setStretchFactor(1, 3);
    split->setStretchFactor(2, 1);

    // Evidence that will expire: what retention deletes within a day, and keeping it.
    m_expiry->setObjectName(QStringLiteral("caseExpiry"));
    m_expiry->setTextFormat(Qt::PlainText);
    m_expiry->setWordWrap(true);
    m_expiry->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    m_keep->setObjectName(QStringLiteral("caseKeep"));
    m_keep->setText(tr("Keep the evidence"));
    m_keep->setToolTip(tr("Copies the pinned records and every record of the pinned time ranges (in the "
                          "case's topics), with their schemas, into the case workspace, so the case opens "
                          "without the cluster and after retention deleted them there."));
    connect(m_keep, &QPushButton::clicked, this, [this] {
        if (m_book->keepingEvidence()) {
            m_book->cancelKeeping();
            emit status(tr("Keeping the evidence was cancelled; what was kept before stays."));
            updateExpiry();
            return;
        }
        m_keptRecords = -1;
        m_book->keepEvidence();
    });
    m_openKept->setObjectName(QStringLiteral("caseOpenKept"));
    m_openKept->setText(tr("Open the kept evidence"));
    m_openKept->setToolTip(tr("Opens the case workspace as the window's source: the case and its kept "
                              "records, without the cluster."));
    connect(m_openKept, &QPushButton::clicked, this, [this] { emit openEvidenceRequested(m_book->home()); });
    auto* eb = new QHBoxLayout(m_expiryBar);
    eb->setContentsMargins(6, 3, 6, 3);
    eb->addWidget(m_expiry, 1);
    eb->addWidget(m_keep);
    eb->addWidget(m_openKept);
    m_expiryBar->setAutoFillBackground(true);
    m_expiryBar->hide();
    connect(m_book, &CaseBook::expiryChanged, this, &CasePage::updateExpiry);
    connect(m_book, &CaseBook::evidenceProgress, this, [this](qint64 n) {
        m_expiry->setText(tr("Keeping the evidence: %1 records read…").arg(QLocale().toString(n)));
    });
    connect(m_book, &CaseBook::evidenceKept, this, [this](const EvidenceReport& r) {
        m_keptRecords = r.records;
        QString text = tr("Kept %Ln pinned record(s)", nullptr, r.pinsKept) +
                       tr(" and %Ln time range(s)", nullptr, r.ranges) +
                       tr(": %1 records in %2").arg(QLocale().toString(r.records), m_book->home());
        if (r.pinsMissing > 0) text += tr(" · gone already: %Ln pinned record(s)", nullptr, r.pinsMissing);
        if (r.schemas > 0) text += tr(" · %Ln schema(s)", nullptr, r.schemas);
        if (!r.problems.isEmpty()) text += tr(" · problems: %1").arg(r.problems.join(QStringLiteral("; ")));
        emit status(text);
        refreshRanges();
    });

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(m_status);
    layout->addWidget(m_expiryBar);
    layout->addWidget(split, 1);

    connect(m_book, &CaseBook::listChanged, this, &CasePage::refreshList);
    connect(m_book, &CaseBook::opened, this, [this](const QString&, qint64 ms) {
        m_openMs = ms;
        refreshList();
        refreshCase();
    });
    connect(m_book, &CaseBook::closed, this, [this] {
        refreshList();
        refreshCase();
    });
    connect(m_book, &CaseBook::pinsResolved, this, &CasePage::updateStatus);
    connect(m_book, &CaseBook::pinsChanged, this, &CasePage::updateStatus);
    connect(m_book, &CaseBook::rangesChanged, this, [this] {
        refreshRanges();
        updateStatus();
    });
    connect(m_book, &CaseBook::viewsChanged, this, [this] {
        refreshViews();
        updateStatus();
    });
    refreshCase();
}

std::vector<int> CasePage::selectedPinRows() const
{
    std::vector<int> rows;
    for (const QModelIndex& i : m_pins->selectionModel()->selectedRows())
        rows.push_back(i.row());
    if (rows.empty() && m_pins->currentIndex().isValid()) rows.push_back(m_pins->currentIndex().row());
    return rows;
}

void CasePage::refreshList()
{
    m_filling = true;
    m_caseBox->clear();
    for (const auto& e : m_book->list())
        m_caseBox->addItem(e.name);
    if (m_book->hasCase())
        m_caseBox->setCurrentText(m_book->current().name);
    else
        m_caseBox->setCurrentIndex(-1);
    m_caseBox->setPlaceholderText(
        m_book->list().empty() ? tr("No cases yet: pin a record (Ctrl+B) or make one") : tr("Choose a case"));
    m_filling = false;
}

void CasePage::refreshCase()
{
    m_filling = true;
    const bool open = m_book->hasCase();
    m_summary->setPlainText(open ? m_book->current().summary : QString());
    m_summary->setEnabled(open);
    m_traceKey->setText(open ? m_book->current().trace.text() : QString());
    m_traceKey->setEnabled(open);
    m_export->setEnabled(open);
    m_filling = false;
    refreshRanges();
    refreshViews();
    updateStatus();
    updateExpiry();
}

void CasePage::refreshRanges()
{
    m_filling = true;
    const auto& ranges = m_book->hasCase() ? m_book->current().ranges : std::vector<CaseRange>{};
    m_ranges->setRowCount(static_cast<int>(ranges.size()));
    for (int i = 0; i < static_cast<int>(ranges.size()); ++i) {
        const CaseRange& r = ranges[static_cast<size_t>(i)];
        auto* from = new QTableWidgetItem(displayTime(r.from, true, TimeDetail::Seconds));
        auto* to = new QTableWidgetItem(displayTime(r.to, true, TimeDetail::Seconds));
        from->setFlags(from->flags() & ~Qt::ItemIsEditable);
        to->setFlags(to->flags() & ~Qt::ItemIsEditable);
        m_ranges->setItem(i, 0, from);
        m_ranges->setItem(i, 1, to);
        m_ranges->setItem(i, 2, new QTableWidgetItem(r.note));
        auto* deleted = new QTableWidgetItem;
        deleted->setFlags(deleted->flags() & ~Qt::ItemIsEditable);
        const auto& expiry = m_book->expiry();
        if (expiry && expiry->applies && expiry->ranges.size() == ranges.size()) {
            const Expiry& e = expiry->ranges[static_cast<size_t>(i)];
            deleted->setText(CaseBook::expiryLabel(e, expiry->now));
            deleted->setToolTip(
                e.at ? tr("From %1: %2").arg(displayTime(*e.at, true, TimeDetail::Seconds), e.why) : e.why);
            if (!e.kept && e.state == Expiry::State::Expires && e.at && *e.at <= expiry->now + kExpiryWarnMs)
                deleted->setForeground(QColor(0xc0, 0x60, 0x00));
        }
        m_ranges->setItem(i, 3, deleted);
    }
    m_ranges->resizeColumnToContents(0);
    m_ranges->resizeColumnToContents(1);
    m_ranges->resizeColumnToContents(3);
    m_filling = false;
}

void CasePage::refreshViews()
{
    m_views->clear();
    if (!m_book->hasCase()) return;
    for (const CaseView& v : m_book->current().views) {
        const QString filter = v.view.value(QStringLiteral("filter")).toString();
        auto* item = new QListWidgetItem(v.name);
        item->setToolTip(tr("%1 · filter: %2")
                             .arg(v.view.value(QStringLiteral("topic")).toString(),
                                  filter.isEmpty() ? tr("none") : filter));
        m_views->addItem(item);
    }
}

void CasePage::updateExpiry()
{
    const auto& expiry = m_book->expiry();
    const bool keeping = m_book->keepingEvidence();
    const Case& c = m_book->current();
    const bool anyKept =
        m_book->hasCase() &&
        (std::any_of(c.pins.begin(), c.pins.end(), [](const CasePin& p) { return p.kept; }) ||
         std::any_of(c.ranges.begin(), c.ranges.end(), [](const CaseRange& r) { return r.kept; }));
    const bool applies = m_book->hasCase() && expiry && expiry->applies;
    m_expiryBar->setVisible(applies || anyKept || keeping);
    refreshRanges();
    if (!m_expiryBar->isVisible()) return;
    m_keep->setText(keeping ? tr("Cancel keeping") : tr("Keep the evidence"));
    m_keep->setEnabled(!c.pins.empty() || !c.ranges.empty() || keeping);
    m_openKept->setVisible(anyKept && !keeping);
    if (keeping) {
        if (!m_expiry->text().startsWith(tr("Keeping the evidence")))
            m_expiry->setText(tr("Keeping the evidence: reading the pinned records and ranges…"));
        return;
    }
    QStringList parts;
    bool warn = false;
    if (applies) {
        const int pins = expiry->pinsDueWithin(kExpiryWarnMs),
                  ranges = expiry->rangesDueWithin(kExpiryWarnMs);
        std::optional<TimestampMs> first;
        for (const auto* list : {&expiry->pins, &expiry->ranges})
            for (const Expiry& e : *list)
                if (!e.kept && e.state == Expiry::State::Expires && e.at && (!first || *e.at < *first))
                    first = e.at;
        if (pins > 0 || ranges > 0) {
            warn = true;
            QString t = pins > 0 ? tr("%Ln pin(s) will be deleted within 24 h", nullptr, pins)
                                 : tr("%Ln time range(s) will be deleted within 24 h", nullptr, ranges);
            if (pins > 0 && ranges > 0) t += tr(", and %Ln time range(s)", nullptr, ranges);
            if (first)
                t += *first <= expiry->now
                         ? tr(" (the first is due now)")
                         : tr(" (the first in %1)").arg(formatDuration(*first - expiry->now));
            parts << t + tr(" by the cluster's retention");
        } else if (anyKept && !first) {
            // nothing else to say: the kept part below says what goes from the cluster
        } else if (first) {
            parts << tr("Retention deletes nothing pinned within 24 h (the first in %1)")
                         .arg(formatDuration(*first - expiry->now));
        } else {
            parts << tr("Retention deletes nothing pinned");
        }
        if (const int gone = expiry->pinsGone(); gone > 0)
            parts << tr("%Ln pinned record(s) gone already", nullptr, gone);
    }
    if (anyKept) {
        TimestampMs at = 0;
        int pins = 0, ranges = 0;
        for (const CasePin& p : c.pins)
            if (p.kept) {
                ++pins;
                at = std::max(at, p.kept);
            }
        for (const CaseRange& r : c.ranges)
            if (r.kept) {
                ++ranges;
                at = std::max(at, r.kept);
            }
        QString t = tr("Kept in the case workspace %1: %Ln pinned record(s)", nullptr, pins)
                        .arg(displayTime(at, true, TimeDetail::Seconds));
        if (ranges > 0) t += tr(" and %Ln time range(s)", nullptr, ranges);
        if (m_keptRecords >= 0) t += tr(" (%1 records)").arg(QLocale().toString(m_keptRecords));
        if (const int keptDue = applies ? expiry->keptDueWithin(kExpiryWarnMs) : 0; keptDue > 0)
            t += tr("; %Ln of them go from the cluster within 24 h", nullptr, keptDue);
        parts << t;
    }
    m_expiry->setText(parts.join(QStringLiteral(" · ")));
    QPalette pal = palette();
    if (warn) pal.setColor(QPalette::Window, QColor(0xff, 0xf0, 0xd0));
    m_expiryBar->setPalette(pal);
}

QString CasePage::statusText() const
{
    return m_status->text();
}

void CasePage::updateStatus()
{
    if (!m_book->hasCase()) {
        m_status->setText(
            m_book->list().empty()
                ? tr("No case open. Pin a record with Ctrl+B (in Records, Trace or the inspector) "
                     "and a case begins; cases are kept in %1.")
                      .arg(m_book->home())
                : tr("No case open: choose one above or in the sources panel."));
        return;
    }
    const Case& c = m_book->current();
    const QLocale loc;
    QString text = tr("%Ln pinned record(s)", nullptr, static_cast<int>(c.pins.size()));
    const int missing = m_book->missingPins();
    if (missing > 0) text += tr(" · %1 missing (hover the status for why)").arg(QLocale().toString(missing));
    text += tr(" · %Ln time range(s) · %1", nullptr, static_cast<int>(c.ranges.size()))
                .arg(tr("%Ln saved view(s)", nullptr, static_cast<int>(c.views.size())));
    if (m_openMs >= 0) text += tr(" · opened in %1 ms").arg(m_openMs);
    text += tr(" · kept in %1").arg(m_book->home());
    m_status->setText(text);
}

void CasePage::setSource(std::shared_ptr<RecordSource> source, const MaskPolicy& policy)
{
    m_source = std::move(source);
    m_mask = policy;
}

void CasePage::pin(std::vector<CasePin> pins, const QString& note)
{
    if (pins.empty()) {
        emit status(tr("Nothing to pin: select a record in the table first."));
        return;
    }
    for (CasePin& p : pins)
        p.note = note;
    const int added = m_book->addPins(pins);
    emit status(tr("Pinned %Ln record(s) to “%1” (Case tab)", nullptr, added).arg(m_book->current().name) +
                (added < static_cast<int>(pins.size())
                     ? tr(" · %1 already pinned").arg(static_cast<int>(pins.size()) - added)
                     : QString()));
}

void CasePage::pinRecord(const Record& record, const QString& note)
{
    CasePin p;
    p.topic = record.topic;
    p.partition = record.partition;
    p.offset = record.offset;
    p.timestamp = record.timestamp;
    p.note = note;
    if (record.key) p.key = QString::fromUtf8(record.key->left(200));
    const int added = m_book->addPins({p});
    emit status(
        added ? tr("Pinned %1-%2@%3 to “%4” (Case tab)")
                    .arg(record.topic)
                    .arg(record.partition)
                    .arg(record.offset)
                    .arg(m_book->current().name)
              : tr("%1-%2@%3 is pinned already").arg(record.topic).arg(record.partition).arg(record.offset));
}

void CasePage::pinViewRange(const QString& note)
{
    const auto r = m_snapshot ? m_snapshot().range : std::nullopt;
    if (!r) {
        emit status(tr("No time range to pin: drag across the timeline first."));
        return;
    }
    m_book->addRange({r->first, r->second, note});
    emit status(
        tr("Pinned %1 – %2 to “%3”")
            .arg(formatTimestampUtc(r->first), formatTimestampUtc(r->second), m_book->current().name));
}

void CasePage::saveView(const QString& name)
{
    if (!m_snapshot) return;
    m_book->addView({name, m_snapshot().view.toJson()});
    emit status(tr("Saved the view “%1” in “%2”").arg(name, m_book->current().name));
}

void CasePage::keepTrace(const TraceQuery& query, qint64 records)
{
    // The open case keeps the trace the user last ran, by its own rules, so its report tells the
    // same history (walkthrough defect 6.4).
    if (!m_book->hasCase()) return;
    m_book->setTrace(caseTraceOf(query, records));
    emit status(tr("The case “%1” keeps this trace (%Ln record(s)) for its report.", nullptr,
                   static_cast<int>(std::min<qint64>(records, INT_MAX)))
                    .arg(m_book->current().name));
}

void CasePage::askReport(bool pdf)
{
    if (!m_book->hasCase()) {
        emit status(tr("No case is open: pin records first (Ctrl+B)."));
        return;
    }
    QString name = m_book->current().name; // as a file name on any system
    for (QChar& c : name)
        if (!c.isLetterOrNumber() && c != u'-' && c != u'_' && c != u'.') c = u'_';
    const QString suggested = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation) + u'/' +
                              name + (pdf ? QStringLiteral(".pdf") : QStringLiteral(".html"));
    const QString path = askSaveFile(this, pdf ? tr("Report as PDF") : tr("Report as HTML"), suggested,
                                     pdf ? tr("PDF (*.pdf)") : tr("HTML (*.html)"));
    if (!path.isEmpty()) writeReport(path, pdf);
}

void CasePage::writeReport(const QString& path, bool pdf)
{
    if (!m_source || !m_book->hasCase()) return;
    m_book->saveNow();
    emit status(tr("Writing the report of %1 …").arg(m_book->current().name));
    m_reports->write(m_source, m_book->current(), m_mask, path, pdf);
}

void CasePage::askNewCase()
{
    bool ok = false;
    const QString name = QInputDialog::getText(
        this, tr("New case"), tr("Name (e.g. the incident or ticket):"), QLineEdit::Normal, {}, &ok);
    if (!ok || name.trimmed().isEmpty()) return;
    m_book->create(name);
    if (m_book->hasCase() && m_book->current().name == name.trimmed()) emit caseMade();
}

void CasePage::askPinViewRange()
{
    bool ok = false;
    const QString note =
        QInputDialog::getText(this, tr("Pin time range"), tr("Note:"), QLineEdit::Normal, {}, &ok);
    if (ok) pinViewRange(note);
}

void CasePage::askSaveView()
{
    bool ok = false;
    const QString name = QInputDialog::getText(this, tr("Save the view"), tr("Name:"), QLineEdit::Normal,
                                               m_snapshot ? m_snapshot().view.topic : QString(), &ok);
    if (ok && !name.trimmed().isEmpty()) saveView(name.trimmed());
}

void CasePage::renameCase()
{
    if (!m_book->hasCase()) return;
    bool ok = false;
    const QString name = QInputDialog::getText(this, tr("Rename case"), tr("New name:"), QLineEdit::Normal,
                                               m_book->current().name, &ok);
    if (ok) m_book->rename(name);
}

void CasePage::deleteCase()
{
    if (!m_book->hasCase()) return;
    if (QMessageBox::question(this, tr("Delete case"),
                              tr("Delete the case '%1' with its %Ln pin(s)? The records themselves stay.",
                                 nullptr, static_cast<int>(m_book->current().pins.size()))
                                  .arg(m_book->current().name)) != QMessageBox::Yes)
        return;
    m_book->removeCurrent();
}

} // namespace rw
