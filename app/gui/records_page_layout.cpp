// RecordsPage: how the page is put together: the timeline, the table, the seek and filter bars,
// and the inspector, with what each does when used.

#include "records_page.h"

#include "dialog_title.h"
#include "table_columns.h"

#include "banner.h"
#include "envelope.h"
#include "filter_bar.h"
#include "job_runner.h"
#include "mask_policy.h"
#include "record_inspector.h"
#include "record_table_model.h"
#include "schema_history_dialog.h"
#include "search_runner.h"
#include "time_parse.h"
#include "timeline_loader.h"
#include "timeline_view.h"
#include "view_state.h"

#include <QAction>
#include <QCheckBox>
#include <QClipboard>
#include <QDateTimeEdit>
#include <QDialog>
#include <QDialogButtonBox>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMenu>
#include <QRegularExpression>
#include <QSplitter>
#include <QTableView>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

#include <utility>

namespace rw {

// Timeline: records over time; click to go there, drag to filter to a range.
QWidget* RecordsPage::buildTimeline()
{
    m_timeline = new TimelineView;
    m_timelineByPartition = new QCheckBox(tr("per partition"));
    m_timelineByPartition->setObjectName(QStringLiteral("timelineByPartition"));
    m_timelineByPartition->setToolTip(tr("Split the selected topic's bars by partition"));
    connect(m_timelineByPartition, &QCheckBox::toggled, this, [this] { loadTimeline(m_timelineRange); });
    connect(m_timeline, &TimelineView::timeClicked, this, [this](qint64 t) {
        if (m_viewTopic.isEmpty() && !filtering()) {
            // Nothing selected: go to the topic with the most records at that time.
            const TimelineData& d = m_timeline->data();
            const qint64 b = d.bucketMs > 0 ? (t - d.from) / d.bucketMs : -1;
            QString best;
            qint64 most = -1;
            for (const TimelineSeries& s : d.series)
                if (b >= 0 && b < static_cast<qint64>(s.counts.size()) &&
                    s.counts[static_cast<size_t>(b)] > most) {
                    most = s.counts[static_cast<size_t>(b)];
                    best = s.label;
                }
            if (best.isEmpty()) return;
            m_pendingSeek = t;
            emit topicWanted(best);
            return;
        }
        seekToTime(t);
    });
    connect(m_timeline, &TimelineView::rangeSelected, this, &RecordsPage::setTimeRangeFilter);
    connect(m_timeline, &TimelineView::exactCountRequested, this, [this] {
        m_timelineExact = true;
        loadTimeline(m_timelineRange);
    });
    connect(m_inspector, &RecordInspector::schemaHistoryRequested, this,
            [this](const QString& topic, qint32 id) { openSchemaHistory(topic, id); });
    connect(m_timeline, &TimelineView::schemaChangeClicked, this, [this](int index) {
        const TimelineData& d = m_timeline->data();
        if (index < 0 || index >= static_cast<int>(d.schemaChanges.size())) return;
        const SchemaChange change = d.schemaChanges[static_cast<size_t>(index)];
        seekToTime(change.time);
        openSchemaHistory(d.topic, change.after.schemaId);
    });
    connect(m_timeline, &TimelineView::viewChanged, this, [this](qint64 from, qint64 to) {
        m_timelineRange = std::make_pair(from, to);
        loadTimeline(m_timelineRange);
    });
    connect(m_timeline, &TimelineView::zoomOutRequested, this, [this] {
        m_timelineRange.reset();
        loadTimeline();
    });
    auto* timelinePane = new QWidget;
    auto* timelineLayout = new QVBoxLayout(timelinePane);
    timelineLayout->setContentsMargins(0, 0, 0, 0);
    timelineLayout->setSpacing(0);
    timelineLayout->addWidget(m_timeline, 1);
    auto* timelineOptions = new QHBoxLayout;
    timelineOptions->addStretch(1);
    timelineOptions->addWidget(m_timelineByPartition);
    timelineLayout->addLayout(timelineOptions);

    return timelinePane;
}

// The message table: fixed row heights and no per-row header, so millions of rows cost nothing.
void RecordsPage::buildTable()
{
    m_records->setObjectName(QStringLiteral("recordTable"));
    m_records->setModel(m_recordModel);
    m_records->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_records->setSelectionMode(QAbstractItemView::ExtendedSelection); // Shift/Ctrl-click, then Ctrl+C
    auto* copy = new QAction(tr("Copy as NDJSON"), m_records);
    copy->setShortcut(QKeySequence::Copy);
    copy->setShortcutContext(Qt::WidgetShortcut);
    connect(copy, &QAction::triggered, this, &RecordsPage::copySelection);
    m_records->addAction(copy);
    auto* pin = new QAction(tr("Pin to the case"), m_records);
    pin->setObjectName(QStringLiteral("pinRecordsAction"));
    pin->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_B));
    pin->setShortcutContext(Qt::WidgetShortcut);
    connect(pin, &QAction::triggered, this, [this] { emit pinRequested(false); });
    m_records->addAction(pin);
    m_records->setWordWrap(false);
    m_records->setAlternatingRowColors(true);
    m_records->verticalHeader()->setVisible(false);
    m_records->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_records->verticalHeader()->setDefaultSectionSize(m_records->fontMetrics().height() + 6);
    m_records->horizontalHeader()->setStretchLastSection(false);
    m_records->horizontalHeader()->setSectionResizeMode(RecordTableModel::ValueCol, QHeaderView::Stretch);
    // Fixed columns as narrow as their usual content; the Value column stretches into the rest.
    const QFontMetrics fm = m_records->fontMetrics();
    const std::pair<int, const char*> widths[] = {
        {RecordTableModel::TopicCol, "payments\u2003\u2003"}, // room for the topic's colour
        {RecordTableModel::PartitionCol, "Part.\u2002"},
        {RecordTableModel::OffsetCol, "0000000\u2002"},
        {RecordTableModel::TimestampCol, "2026-11-19 03:17:48.239Z\u2002"},
        {RecordTableModel::KeyCol, "o-000000\u2002"},
        {RecordTableModel::HeadersCol, "trace_id=5cd0…\u2002"},
        {RecordTableModel::SizeCol, "00000\u2002"}};
    // Never narrower than the heading, which is longer than the content in some languages.
    for (const auto& [column, sample] : widths)
        setColumnWidthAtLeastHeading(m_records, column, fm.horizontalAdvance(QString::fromUtf8(sample)) + 8);
    m_records->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(m_records, &QWidget::customContextMenuRequested, this, [this](const QPoint& pos) {
        const QModelIndex idx = m_records->indexAt(pos);
        if (!idx.isValid()) return;
        QMenu menu(this);
        const int selected = static_cast<int>(m_records->selectionModel()->selectedRows().size());
        QAction* copyRows =
            menu.addAction(tr("Copy %Ln record(s) as NDJSON", nullptr, std::max(1, selected)));
        QAction* pinRows =
            menu.addAction(tr("Pin %Ln record(s) to the case", nullptr, std::max(1, selected)));
        pinRows->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_B));
        QAction* pinNote = menu.addAction(tr("Pin with a note…"));
        QAction* exportRows = menu.addAction(tr("Export %Ln record(s)…", nullptr, std::max(1, selected)));
        QAction* resend = menu.addAction(tr("Send %Ln record(s) again…", nullptr, std::max(1, selected)));
        resend->setObjectName(QStringLiteral("resendAction"));
        menu.addSeparator();
        QAction* trace = menu.addAction(tr("Trace this key across topics"));
        // Known from the row's typed role; the key itself comes from the record, re-read below.
        trace->setEnabled(!idx.data(RecordTableModel::KeyNullRole).toBool());
        QAction* chosen = menu.exec(m_records->viewport()->mapToGlobal(pos));
        if (selected == 0 && (chosen == copyRows || chosen == pinRows || chosen == pinNote ||
                              chosen == exportRows || chosen == resend))
            m_records->selectRow(idx.row());
        if (chosen == copyRows) {
            copySelection();
            return;
        }
        if (chosen == pinRows || chosen == pinNote) {
            emit pinRequested(chosen == pinNote);
            return;
        }
        if (chosen == exportRows) {
            emit exportRequested();
            return;
        }
        if (chosen == resend) {
            emit resendRequested();
            return;
        }
        if (chosen != trace) return;
        m_traceOnRecord = RecordAddress{idx.data(RecordTableModel::TopicRole).toString(),
                                        idx.data(RecordTableModel::PartitionRole).toInt(),
                                        idx.data(RecordTableModel::OffsetRole).toLongLong()};
        m_recordModel->requestRecord(idx.row());
    });
    m_recordsTitle->setObjectName(QStringLiteral("recordsTitle"));
    m_recordsTitle->setTextFormat(Qt::PlainText);
    m_recordsTitle->setMinimumWidth(40);
    m_recordsTitle->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    m_recordsTitle->setWordWrap(true); // a Kafka topic's hint is long: a second line, never cut
    m_recordsTitle->setText(tr("Select a topic or a partition to see its records."));
}

void RecordsPage::buildSeekBar()
{
    // Seek bar: an offset, -N from the end, beginning/end, or a time (resolved on the worker).
    m_seek->setObjectName(QStringLiteral("seekBar"));
    m_seek->setPlaceholderText(tr("Go to (Ctrl+G): offset, -N, beginning, end, 2026-11-19T03:17Z, now-2h"));
    m_seek->setClearButtonEnabled(true);
    m_utc->setObjectName(QStringLiteral("utcToggle"));
    m_utc->setChecked(true);
    m_utc->setToolTip(tr("Show timestamps in UTC (unchecked: local time)"));
    m_follow->setObjectName(QStringLiteral("followToggle"));
    m_follow->setToolTip(tr("Follow new records as they are appended to this partition (Ctrl+L)"));
    connect(m_follow, &QCheckBox::toggled, this, &RecordsPage::setFollow);
    connect(m_seek, &QLineEdit::returnPressed, this, &RecordsPage::seek);
    connect(m_utc, &QCheckBox::toggled, this, [this](bool utc) {
        m_recordModel->setUtc(utc);
        m_timeline->setUtc(utc);
        m_filterBar->setUtc(utc);
        emit utcChanged(utc);
    });
    connect(m_recordModel, &RecordTableModel::rowForTime, this, [this](int row) {
        if (row < 0)
            m_banner->showMessage(Banner::Kind::Info, tr("No record at or after that time in this view."));
        else
            selectRow(row);
    });
    connect(m_recordModel, &RecordTableModel::mergeProgress, this, [this](qint64 done, qint64 total) {
        m_recordsTitle->setText(tr("%1 · merging partitions by time … %2 of %3")
                                    .arg(m_viewTopic, QLocale().toString(done), QLocale().toString(total)));
    });
    connect(m_recordModel, &RecordTableModel::windowLoaded, this, [this] {
        updateRecordsTitle();
        if (m_pendingWindowSeek) {
            const qint64 t = *m_pendingWindowSeek;
            m_pendingWindowSeek.reset();
            if (t == std::numeric_limits<qint64>::max())
                selectRow(m_recordModel->rowCount() - 1);
            else if (t == std::numeric_limits<qint64>::min())
                selectRow(0);
            else
                m_recordModel->requestRowForTime(t);
        } else if (m_follow->isChecked()) {
            m_records->scrollToBottom();
        }
    });
    connect(m_recordModel, &RecordTableModel::mergeFinished, this, [this] {
        updateRecordsTitle();
        if (m_pendingSeek) {
            const qint64 t = *m_pendingSeek;
            m_pendingSeek.reset();
            seekToTime(t);
        }
    });
    connect(m_recordModel, &RecordTableModel::tailGrew, this, [this](int added) {
        updateRecordsTitle();
        if (const int rows = m_recordModel->rowCount(); rows > 0 && m_viewPartition >= 0 && !filtering())
            emit partitionEndSeen(m_viewTopic, m_viewPartition, m_recordModel->offsetAt(rows - 1) + 1);
        if (m_follow->isChecked() && added > 0) m_records->scrollToBottom();
    });
}

void RecordsPage::buildFilterBar()
{
    // Filter bar: the filter language; results replace the table's rows while active.
    m_filterBar = new FilterBar;
    connect(m_filterBar, &FilterBar::submitted, this, &RecordsPage::runFilter);
    connect(m_filterBar, &FilterBar::cleared, this, &RecordsPage::clearFilter);
    connect(m_filterBar, &FilterBar::cancelRequested, m_search, &SearchRunner::cancel);
    connect(m_search, &SearchRunner::matches, this, [this](int job, const RefBatch& refs) {
        if (job != m_searchJob) return;
        m_recordModel->appendRefs(refs);
        // Drawn on the timeline as they stream in (the whole set again when the search ends).
        std::vector<TimestampMs> times;
        times.reserve(refs.size());
        for (const auto& [topic, ref] : refs)
            times.push_back(ref.timestamp);
        m_timeline->addMatches(times);
    });
    connect(m_search, &SearchRunner::progress, this,
            [this](int job, qint64 scanned, qint64 total, qint64 matched) {
                if (job == m_searchJob) m_filterBar->searchProgress(scanned, total, matched);
            });
    connect(m_search, &SearchRunner::finished, this, [this](int job, const SearchReport& report) {
        if (job != m_searchJob) return;
        m_recordModel->sortListByTime(); // results arrive partition by partition; read them in time order
        m_filterBar->searchFinished(report, m_recordModel->listTruncated());
        std::vector<TimestampMs> times;
        times.reserve(static_cast<size_t>(m_recordModel->rowCount()));
        for (int r = 0; r < m_recordModel->rowCount(); ++r)
            if (const RecordRef* ref = m_recordModel->refAt(r)) times.push_back(ref->timestamp);
        m_timeline->setMatches(std::move(times));
        updateRecordsTitle();
        if (m_pendingSeek) {
            const qint64 t = *m_pendingSeek;
            m_pendingSeek.reset();
            seekToTime(t);
        }
        emit searchFinished();
    });
    connect(m_search, &SearchRunner::failed, this, [this](int job, const Error& error) {
        if (job != m_searchJob) return;
        m_filterBar->searchFailed(error.message);
        emit searchFinished();
    });
}

// The seek row, the filter bar, and the table above the inspector.
QWidget* RecordsPage::buildRightPane()
{
    auto* right = new QWidget;
    auto* rightLayout = new QVBoxLayout(right);
    rightLayout->setContentsMargins(0, 4, 0, 0);
    auto* seekRow = new QHBoxLayout;
    seekRow->addWidget(m_recordsTitle, 1);
    // A merged window of a cluster topic: the one before and the one after it.
    m_earlier = new QToolButton;
    m_earlier->setObjectName(QStringLiteral("windowEarlier"));
    m_earlier->setText(tr("◀ Earlier"));
    m_earlier->setToolTip(tr("The records just before these, all partitions merged by time"));
    m_later = new QToolButton;
    m_later->setObjectName(QStringLiteral("windowLater"));
    m_later->setText(tr("Later ▶"));
    m_later->setToolTip(tr("The records just after these, all partitions merged by time"));
    connect(m_earlier, &QToolButton::clicked, m_recordModel, &RecordTableModel::earlierWindow);
    connect(m_later, &QToolButton::clicked, m_recordModel, &RecordTableModel::laterWindow);
    m_earlier->hide();
    m_later->hide();
    seekRow->addWidget(m_earlier);
    seekRow->addWidget(m_later);
    seekRow->addWidget(m_seek, 1);
    auto* picker = new QToolButton;
    picker->setObjectName(QStringLiteral("timePickerButton"));
    picker->setText(tr("Time…"));
    picker->setToolTip(tr("Pick a date and time to go to"));
    connect(picker, &QToolButton::clicked, this, &RecordsPage::pickTime);
    seekRow->addWidget(picker);
    seekRow->addWidget(m_follow);
    seekRow->addWidget(m_utc);
    rightLayout->addLayout(seekRow);
    rightLayout->addWidget(m_filterBar);
    auto* tableAndInspector = new QSplitter(Qt::Vertical);
    tableAndInspector->addWidget(m_records);
    tableAndInspector->addWidget(m_inspector);
    tableAndInspector->setStretchFactor(0, 3);
    tableAndInspector->setStretchFactor(1, 2);
    rightLayout->addWidget(tableAndInspector, 1);
    connect(m_records->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex& current) {
                if (current.isValid())
                    m_recordModel->requestRecord(current.row());
                else
                    m_inspector->clear();
            });
    connect(m_recordModel, &RecordTableModel::recordReady, this, [this](const Record& r) {
        if (m_traceOnRecord && m_traceOnRecord->topic == r.topic &&
            m_traceOnRecord->partition == r.partition && m_traceOnRecord->offset == r.offset) {
            m_traceOnRecord.reset();
            if (r.key) emit traceKeyRequested(*r.key); // the key's bytes, whatever the cell showed
            return;
        }
        m_inspector->showRecord(r, m_overview.source ? m_overview.source->name() : QString());
        m_timeline->markTime(r.timestamp);
    });
    connect(m_recordModel, &QAbstractItemModel::modelReset, m_inspector, &RecordInspector::clear);
    connect(m_recordModel, &RecordTableModel::loadError, this, [this](const QString& message) {
        m_banner->showMessage(Banner::Kind::Error, tr("Could not read records: %1").arg(message));
    });

    return right;
}

} // namespace rw
