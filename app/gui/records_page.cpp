#include "records_page.h"

#include "dialog_title.h"
#include "display_format.h"
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

#include <limits>
#include <utility>

namespace rw {

RecordsPage::RecordsPage(Banner* banner, QWidget* parent)
    : QWidget(parent), m_banner(banner), m_recordModel(new RecordTableModel(this)), m_records(new QTableView),
      m_recordsTitle(new QLabel), m_inspector(new RecordInspector), m_seek(new QLineEdit),
      m_utc(new QCheckBox(tr("UTC"))), m_follow(new QCheckBox(tr("Follow"))),
      m_timelineJobs(new JobRunner(this, 2)), m_schemaJobs(new JobRunner(this)),
      m_copyJobs(new JobRunner(this)), m_search(new SearchRunner(this)), m_tailTimer(new QTimer(this))
{
    setObjectName(QStringLiteral("recordsPage"));
    QWidget* timelinePane = buildTimeline();
    buildTable();
    buildSeekBar();
    buildFilterBar();
    QWidget* right = buildRightPane();
    auto* outer = m_recordsSplit = new QSplitter(Qt::Vertical);
    outer->setObjectName(QStringLiteral("recordsSplitter"));
    outer->addWidget(timelinePane);
    outer->addWidget(right);
    outer->setStretchFactor(0, 0);
    outer->setStretchFactor(1, 1);
    outer->setSizes({190, 700});
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(outer);
    m_tailTimer->setInterval(500); // coalesces appends: at most two table updates a second
    connect(m_tailTimer, &QTimer::timeout, this, &RecordsPage::pollTail);
}

void RecordsPage::setSource(const WorkspaceOverview& overview, bool reloaded)
{
    m_search->cancel();
    // A reload keeps the filter (rerunKeptFilter runs it again once the selection is back);
    // another source starts without one: the last one's filter and its counts do not apply there.
    m_keptFilter = reloaded ? m_activeFilter : QString();
    m_keptRange = reloaded ? m_activeRange : std::nullopt;
    m_keptAllTopics = reloaded && m_filterBar->allTopics();
    m_activeFilter.clear();
    m_activeRange.reset();
    m_filterBar->reset();
    if (!reloaded) {
        // Another source: the last one's timeline (and a count still under way) is not this one's.
        m_timelineRange.reset();
        m_timelineJobs->cancel();
        m_timeline->clear();
    }
    m_timeline->setSelection(std::nullopt);
    m_timeline->setMatches({});
    m_overview = overview;
    m_viewTopic.clear();
    m_viewPartition = -1;
    m_recordModel->clear();
}

void RecordsPage::rerunKeptFilter()
{
    if (m_keptFilter.isEmpty() && !m_keptRange) return;
    const QString text = std::exchange(m_keptFilter, QString());
    m_filterBar->setText(text);
    m_filterBar->setTimeRange(std::exchange(m_keptRange, std::nullopt));
    m_filterBar->setAllTopics(m_keptAllTopics);
    if (auto f = m_filterBar->compiled()) runFilter(text, *f);
}

void RecordsPage::showSelection(const QString& topic, int partition, qint64 low, qint64 high)
{
    m_viewTopic = topic;
    m_viewPartition = partition;
    m_viewLow = low;
    m_viewHigh = high;
    reshow();
}

void RecordsPage::reshow()
{
    // A partition, or a cluster topic's merged window (which follows from its end).
    m_follow->setEnabled(m_viewPartition >= 0 || (!m_viewTopic.isEmpty() && m_overview.source &&
                                                  !m_overview.source->capabilities().timeIndex));
    if (filtering() && !m_filterBar->allTopics()) {
        // A filter (or a range) stays on and follows the selection.
        m_filterBar->setText(m_activeFilter);
        m_filterBar->setTimeRange(m_activeRange);
        if (auto f = m_filterBar->compiled()) runFilter(m_activeFilter, *f);
    } else if (!filtering()) {
        const qint64 low = m_viewLow, high = m_viewHigh;
        if (m_viewTopic.isEmpty() || !m_overview.source)
            m_recordModel->clear();
        else if (m_viewPartition >= 0) {
            m_recordModel->setPartition(m_overview.source, m_viewTopic, m_viewPartition, low, high);
            // The overview's end may be old (a cluster, a workspace the CLI appends to): asked
            // again, the table grows to what the partition holds now.
            m_recordModel->pollTail();
        } else if (!m_overview.source->capabilities().timeIndex) {
            // No time index (a cluster): a window of the merged topic, moved by time and paging.
            m_pendingWindowSeek.reset();
            m_recordModel->setMergedWindow(m_overview.source, m_viewTopic,
                                           m_follow->isChecked() ? WindowFrom::End : WindowFrom::Beginning);
        } else
            m_recordModel->setMergedTopic(m_overview.source, m_viewTopic);
    }
    updateRecordsTitle();
    loadTimeline(m_timelineRange); // a zoomed timeline stays zoomed on another topic
    showDamageFor(!filtering() || !m_filterBar->allTopics() ? m_viewTopic : QString(), m_viewPartition);
}

void RecordsPage::clearFilter()
{
    m_search->cancel();
    m_timeline->setSelection(std::nullopt);
    m_timeline->setMatches({});
    m_filterBar->setTimeRange(std::nullopt);
    if (!filtering()) return;
    m_activeFilter.clear();
    m_activeRange.reset();
    reshow();
}

void RecordsPage::showDamageFor(const QString& topic, int partition)
{
    if (m_overview.damage.empty()) return;
    // The partition folder exactly ("/orders-3/"): a topic's name may be another's prefix.
    const QRegularExpression folder(
        QStringLiteral("/%1-%2/").arg(QRegularExpression::escape(topic),
                                      partition >= 0 ? QString::number(partition) : QStringLiteral("\\d+")));
    QStringList here;
    for (const QString& d : m_overview.damage)
        if (topic.isEmpty() || folder.match(d).hasMatch()) here << d;
    if (here.isEmpty()) return;
    if (m_banner->isVisible() && m_banner->text().contains(here.front())) return; // said already
    m_banner->showMessage(Banner::Kind::Error,
                          tr("Records are missing here: %n damaged batch(es) could not be read. %1", nullptr,
                             static_cast<int>(here.size()))
                              .arg(here.front()));
}

void RecordsPage::updateRecordsTitle()
{
    const QLocale loc;
    QString text;
    if (filtering()) {
        text = tr("Filter results · %Ln record(s)%1", nullptr, m_recordModel->rowCount())
                   .arg(m_recordModel->listTruncated() ? tr(" (the first ones)") : QString());
    } else if (m_viewTopic.isEmpty()) {
        text = !m_overview.source ? tr("Open a workspace.")
                                  : tr("Select a topic or a partition to see its records.");
    } else if (m_recordModel->isWindow()) {
        const auto& w = m_recordModel->window();
        const int rows = m_recordModel->rowCount();
        int partitions = 0;
        for (const TopicInfo& t : m_overview.topics)
            if (t.name == m_viewTopic) partitions = static_cast<int>(t.partitions.size());
        const RecordRef* first = rows > 0 ? m_recordModel->refAt(0) : nullptr;
        const RecordRef* last = rows > 0 ? m_recordModel->refAt(rows - 1) : nullptr;
        const QString where =
            !first ? tr("no records here")
                   : tr("%1 to %2")
                         .arg(displayTime(first->timestamp, m_recordModel->utc(), TimeDetail::Seconds),
                              displayTime(last->timestamp, m_recordModel->utc(), TimeDetail::Seconds));
        QString edges;
        if (w && w->atStart && w->atEnd)
            edges = tr(" · the whole topic");
        else if (w && w->atStart)
            edges = tr(" · from its first record");
        else if (w && w->atEnd)
            edges = tr(" · up to its newest record");
        text = tr("%1 · %n partition(s) merged by time · %2 records, %3%4", nullptr, partitions)
                   .arg(m_viewTopic, loc.toString(rows), where, edges);
        m_earlier->setEnabled(w && !w->atStart);
        m_later->setEnabled(w && !w->atEnd);
    } else if (m_viewPartition >= 0) {
        const int rows = m_recordModel->rowCount();
        text =
            tr("%1 · partition %2 · offsets %3 to %4")
                .arg(m_viewTopic)
                .arg(m_viewPartition)
                .arg(loc.toString(m_recordModel->offsetAt(0)),
                     loc.toString(rows > 0 ? m_recordModel->offsetAt(rows - 1) : m_recordModel->offsetAt(0)));
    } else {
        int partitions = 0;
        for (const TopicInfo& t : m_overview.topics)
            if (t.name == m_viewTopic) partitions = static_cast<int>(t.partitions.size());
        text =
            tr("%1 · %n partition(s) merged by time · %2 records%3", nullptr, partitions)
                .arg(m_viewTopic)
                .arg(loc.toString(m_recordModel->rowCount()),
                     m_recordModel->listTruncated() ? tr(" (the first ones; pick a partition for the rest)")
                                                    : QString());
    }
    m_recordsTitle->setText(text);
    m_earlier->setVisible(m_recordModel->isWindow() && !filtering());
    m_later->setVisible(m_recordModel->isWindow() && !filtering());
}

void RecordsPage::loadTimeline(std::optional<std::pair<qint64, qint64>> range)
{
    if (!m_overview.source) return;
    const SourceCapabilities caps = m_overview.source->capabilities();
    if (!caps.timeIndex && !caps.offsetTimeline) {
        m_timelineJobs->cancel();
        m_timeline->setUnavailable(tr("Timeline: counts every record, so it is for workspaces. Capture a "
                                      "range (rewind-cli capture) to see one for Kafka data."));
        m_timelineByPartition->hide();
        // The records take the room the plot had.
        m_recordsSplit->setSizes({m_timeline->sizeHint().height(), m_recordsSplit->height()});
        return;
    }
    if (m_timeline->isUnavailable()) {
        m_timelineByPartition->show();
        m_recordsSplit->setSizes({190, std::max(200, m_recordsSplit->height() - 190)});
    }
    const bool exact = std::exchange(m_timelineExact, false);
    m_timeline->setLoading(exact                 ? tr("Timeline: reading every record's time in range …")
                           : caps.offsetTimeline ? tr("Timeline: asking the brokers for offsets by time …")
                                                 : tr("Timeline: counting records by time …"));
    // A selected topic: split by partition on demand; nothing selected: one series per topic.
    const bool byPartition = !m_viewTopic.isEmpty() && m_timelineByPartition->isChecked();
    m_timelineByPartition->setEnabled(!m_viewTopic.isEmpty());
    m_timelineJobs->start<TimelineData>(
        [source = m_overview.source, topic = m_viewTopic, range, byPartition,
         exact](const CancelToken& cancel) -> Result<TimelineData> {
            auto connection = source->reopen();
            if (!connection) return connection.error();
            const bool offsets = source->capabilities().offsetTimeline && !exact;
            return rw::loadTimeline(*connection.value(), topic, range, offsets ? kOffsetTimelineBuckets : 720,
                                    byPartition, cancel.flag(), exact);
        },
        [this](Result<TimelineData> d) {
            if (!d) {
                m_timeline->setLoading(tr("Timeline: %1").arg(d.error().message));
                return;
            }
            if (d->tooMany) {
                m_timeline->setLoading(
                    tr("Timeline: select a topic (with every topic of this cluster, over %1 topics or "
                       "1,000 partitions, the brokers would be asked too much).")
                        .arg(kMaxOffsetTimelineTopics));
                return;
            }
            m_timeline->setData(d.value());
            emit timelineLoaded();
        });
}

void RecordsPage::selectedRefs(QStringList& topics, std::vector<RecordRef>& refs, int max) const
{
    QModelIndexList rows = m_records->selectionModel()->selectedRows();
    if (rows.isEmpty() && m_records->currentIndex().isValid()) rows << m_records->currentIndex();
    std::sort(rows.begin(), rows.end(),
              [](const QModelIndex& a, const QModelIndex& b) { return a.row() < b.row(); });
    if (rows.size() > max) rows = rows.mid(0, max);
    // The rows' addresses; the records themselves are read again (never taken from the cells).
    refs.reserve(static_cast<size_t>(rows.size()));
    for (const QModelIndex& i : rows) {
        const int row = i.row();
        const QString topic = m_recordModel->topicAt(row);
        qsizetype t = topics.indexOf(topic);
        if (t < 0) {
            t = topics.size();
            topics << topic;
        }
        const RecordRef* ref = m_recordModel->refAt(row);
        refs.push_back({m_recordModel->offsetAt(row), ref ? ref->timestamp : 0,
                        ref ? ref->partition : m_recordModel->partition(), static_cast<qint32>(t)});
    }
}

int RecordsPage::selectedCount() const
{
    const auto n = m_records->selectionModel()->selectedRows().size();
    return n > 0 ? static_cast<int>(n) : m_records->currentIndex().isValid() ? 1 : 0;
}

std::vector<CasePin> RecordsPage::selectedPins() const
{
    QModelIndexList rows = m_records->selectionModel()->selectedRows();
    if (rows.isEmpty() && m_records->currentIndex().isValid()) rows << m_records->currentIndex();
    std::sort(rows.begin(), rows.end(),
              [](const QModelIndex& a, const QModelIndex& b) { return a.row() < b.row(); });
    std::vector<CasePin> pins;
    for (const QModelIndex& i : rows) {
        const QModelIndex row = i.siblingAtColumn(RecordTableModel::KeyCol);
        if (row.data(RecordTableModel::GapRole).toBool()) continue; // no record there
        CasePin p;
        p.topic = row.data(RecordTableModel::TopicRole).toString();
        p.partition = row.data(RecordTableModel::PartitionRole).toInt();
        p.offset = row.data(RecordTableModel::OffsetRole).toLongLong();
        const QVariant ts = row.data(RecordTableModel::TimestampRole);
        if (ts.isValid()) p.timestamp = ts.toLongLong();
        // The key's own bytes (as text), never the cell's preview ("(empty)", ↵ for a newline).
        if (!row.data(RecordTableModel::KeyNullRole).toBool())
            p.key = row.data(RecordTableModel::KeyTextRole).toString();
        pins.push_back(std::move(p));
    }
    return pins;
}

void RecordsPage::applyView(const QString& filter, std::optional<Range> range, std::optional<Range> zoom)
{
    m_timelineRange = zoom;
    loadTimeline(zoom);
    if (filter.trimmed().isEmpty() && !range) {
        clearFilter();
        return;
    }
    m_filterBar->setText(filter);
    m_filterBar->setTimeRange(range);
    if (auto f = m_filterBar->compiled()) runFilter(filter.trimmed(), *f);
}

void RecordsPage::copySelection()
{
    if (!m_overview.source) return;
    QStringList topics;
    std::vector<RecordRef> refs;
    const bool capped = selectedCount() > kMaxCopyRows;
    selectedRefs(topics, refs);
    if (refs.empty()) return;
    emit copied(tr("Copying %Ln record(s) …", nullptr, static_cast<int>(refs.size())));
    m_copyJobs->start<std::pair<QString, QString>>(
        [source = m_overview.source, topics,
         refs](const CancelToken& cancel) -> Result<std::pair<QString, QString>> {
            auto connection = source->reopen();
            if (!connection) return connection.error();
            auto policy = connection.value()->maskPolicy();
            if (!policy) return policy.error();
            Masker masker(policy.value());
            std::vector<QByteArray> lines(refs.size());
            std::optional<Error> failure;
            auto r = connection.value()->readRefs(
                topics, refs,
                [&](size_t i, const RecordView& v) {
                    if (failure) return;
                    RecordView shown;
                    if (auto m = masker.record(topics.value(refs[i].topic), v, false, shown); !m) {
                        failure = m.error();
                        return;
                    }
                    QByteArray line;
                    if (auto a = appendEnvelope(line, topics.value(refs[i].topic), shown); !a)
                        failure = a.error();
                    lines[i] = std::move(line);
                },
                cancel.flag());
            if (!r) return r.error();
            if (failure) return *failure;
            QByteArray all;
            for (const QByteArray& l : lines)
                if (!l.isEmpty()) all += l + '\n';
            QStringList what = policy->fields;
            for (const QString& h : policy->headers)
                what << QStringLiteral("header ") + h;
            return std::pair{QString::fromUtf8(all), what.join(QStringLiteral(", "))};
        },
        [this, n = refs.size(), capped](Result<std::pair<QString, QString>> r) {
            if (!r) {
                emit copied(tr("Nothing copied: %1").arg(r.error().message));
                return;
            }
            QGuiApplication::clipboard()->setText(r->first);
            QString what = tr("Copied %Ln record(s) as NDJSON", nullptr, static_cast<int>(n));
            if (!r->second.isEmpty()) what += tr(" · masked: %1").arg(r->second);
            if (capped)
                what += tr(" · only the first %1 selected rows").arg(QLocale().toString(kMaxCopyRows));
            emit copied(what);
        });
}

void RecordsPage::openSchemaHistory(const QString& topic, std::optional<qint32> schemaId, int change)
{
    if (!m_overview.source || topic.isEmpty()) return;
    if (!m_schemaHistory) {
        m_schemaHistory = new SchemaHistoryDialog(this);
        connect(m_schemaHistory, &SchemaHistoryDialog::timeWanted, this, [this](qint64 t) {
            const QString wanted = m_schemaHistory->history().topic;
            if (wanted != m_viewTopic || m_viewPartition >= 0 || filtering()) {
                m_pendingSeek = t; // the topic's records merged by time, then that time
                emit topicWanted(wanted);
                return;
            }
            seekToTime(t);
        });
    }
    m_schemaHistory->setLoading(topic);
    m_schemaHistory->show();
    m_schemaHistory->raise();
    m_schemaJobs->start<SchemaHistory>(
        [source = m_overview.source, topic](const CancelToken& cancel) {
            return loadSchemaHistory(*source, topic, cancel.flag());
        },
        [this, schemaId, change](Result<SchemaHistory> h) {
            if (!h) {
                m_schemaHistory->setError(h.error().message);
                return;
            }
            m_schemaHistory->setHistory(h.value(), utc());
            if (change >= 0)
                m_schemaHistory->selectChange(change);
            else if (schemaId)
                m_schemaHistory->selectSchema(*schemaId);
        });
}

void RecordsPage::runFilter(const QString& text, const Filter& filter)
{
    if (!m_overview.source) return;
    m_activeFilter = text;
    m_activeRange = m_filterBar->timeRange();
    m_timeline->setSelection(m_activeRange);
    m_timeline->setMatches({});
    SearchOptions o;
    o.timeRange = m_activeRange;
    qint64 total = 0;
    QString scope;
    const bool all = m_filterBar->allTopics() || m_viewTopic.isEmpty();
    m_filterBar->setAllTopics(all); // the box says where the results come from
    if (!all) {
        o.topic = m_viewTopic;
        if (m_viewPartition >= 0) o.partition = m_viewPartition;
    }
    for (const TopicInfo& t : m_overview.topics) {
        if (!all && t.name != m_viewTopic) continue;
        for (const PartitionInfo& p : t.partitions)
            if (all || m_viewPartition < 0 || p.partition == m_viewPartition) total += p.count;
    }
    scope = all ? tr("all topics")
                : (m_viewPartition >= 0 ? tr("%1 partition %2").arg(m_viewTopic).arg(m_viewPartition)
                                        : m_viewTopic);
    m_recordModel->setList(m_overview.source, scope);
    m_searchJob = m_search->start(m_overview.source, filter, o, total);
    m_filterBar->searchStarted(scope);
    updateRecordsTitle();
    showDamageFor(all ? QString() : m_viewTopic, all ? -1 : m_viewPartition);
}

void RecordsPage::setTimeRangeFilter(qint64 from, qint64 to)
{
    // Replaces the range shaded before; the filter's text stays as the user wrote it.
    m_filterBar->setTimeRange(Range{from, to});
    m_pendingSeek.reset();
    if (auto f = m_filterBar->compiled()) runFilter(m_filterBar->text(), *f);
}

void RecordsPage::selectRow(int row)
{
    if (row < 0 || row >= m_recordModel->rowCount()) return;
    emit rowShown();
    const QModelIndex idx = m_recordModel->index(row, RecordTableModel::OffsetCol);
    m_records->setCurrentIndex(idx);
    m_records->scrollTo(idx, QAbstractItemView::PositionAtCenter);
    m_records->setFocus();
}

void RecordsPage::seekToTime(qint64 timestamp)
{
    if (m_recordModel->rowCount() == 0 && m_viewTopic.isEmpty()) return;
    if (m_recordModel->isWindow() && !filtering()) {
        // Within the window shown (or beyond an end it reaches): there; else a window at that time.
        const int rows = m_recordModel->rowCount();
        const auto& w = m_recordModel->window();
        const bool inside = rows > 0 &&
                            (timestamp >= m_recordModel->refAt(0)->timestamp || (w && w->atStart)) &&
                            (timestamp <= m_recordModel->refAt(rows - 1)->timestamp || (w && w->atEnd));
        if (!inside) {
            m_pendingWindowSeek = timestamp;
            m_recordModel->setMergedWindow(m_overview.source, m_viewTopic, WindowFrom::Time, timestamp);
            return;
        }
    }
    m_recordModel->requestRowForTime(timestamp);
}

void RecordsPage::seek()
{
    const QString text = m_seek->text().trimmed();
    if (text.isEmpty()) return;
    if (m_recordModel->rowCount() == 0) {
        m_banner->showMessage(
            Banner::Kind::Info,
            !m_overview.source
                ? tr("Open a workspace first (File ▸ Open), then Go to moves within its records.")
            : m_viewTopic.isEmpty() && !filtering()
                ? tr("Go to moves within the records shown: select a topic (its partitions "
                     "merged by time) or a partition first.")
                : tr("There are no records here to go to."));
        return;
    }
    const int rows = m_recordModel->rowCount();
    bool isNumber = false;
    const qint64 n = text.toLongLong(&isNumber);
    const auto& window = m_recordModel->isWindow() && !filtering() ? m_recordModel->window() : std::nullopt;
    if ((text == QLatin1String("beginning") || text == QLatin1String("start")) && window &&
        !window->atStart) {
        m_pendingWindowSeek = std::numeric_limits<qint64>::min();
        m_recordModel->setMergedWindow(m_overview.source, m_viewTopic, WindowFrom::Beginning);
    } else if (text == QLatin1String("end") && window && !window->atEnd) {
        m_pendingWindowSeek = std::numeric_limits<qint64>::max();
        m_recordModel->setMergedWindow(m_overview.source, m_viewTopic, WindowFrom::End);
    } else if (text == QLatin1String("beginning") || text == QLatin1String("start")) {
        selectRow(0);
    } else if (text == QLatin1String("end")) {
        selectRow(rows - 1);
    } else if (isNumber && n < 0) {
        selectRow(std::max(0, rows + static_cast<int>(std::max<qint64>(n, -rows))));
    } else if (isNumber && text.size() < 13) { // offsets; 13+ digits read as epoch milliseconds
        if (m_recordModel->isList()) {
            // Merged or filtered: the first row at that offset (in any partition shown).
            for (int r = 0; r < rows; ++r)
                if (m_recordModel->offsetAt(r) == n) {
                    selectRow(r);
                    return;
                }
            m_banner->showMessage(
                Banner::Kind::Info,
                tr("No record at offset %1 in this view. Pick a partition to go to an offset.").arg(n));
            return;
        }
        const int row = m_recordModel->rowForOffset(n);
        if (row < 0)
            m_banner->showMessage(Banner::Kind::Info,
                                  tr("Offset %1 is outside this partition (%2 to %3).")
                                      .arg(n)
                                      .arg(m_recordModel->offsetAt(0))
                                      .arg(m_recordModel->offsetAt(std::max(0, rows - 1))));
        else
            selectRow(row);
    } else {
        auto t = parseTimePoint(text, currentTimeMs());
        if (!t) {
            m_banner->showMessage(Banner::Kind::Warning,
                                  tr("Cannot go to \"%1\": %2").arg(text, t.error().message));
            return;
        }
        seekToTime(t.value());
    }
}

void RecordsPage::setFollow(bool follow)
{
    if (m_follow->isChecked() != follow) m_follow->setChecked(follow);
    if (follow) {
        // A merged window follows from the topic's end: the newest records first.
        if (m_recordModel->isWindow() && m_recordModel->window() && !m_recordModel->window()->atEnd) {
            m_pendingWindowSeek = std::numeric_limits<qint64>::max();
            m_recordModel->setMergedWindow(m_overview.source, m_viewTopic, WindowFrom::End);
        }
        pollTail();
        m_tailTimer->start();
        m_records->scrollToBottom();
    } else {
        m_tailTimer->stop();
    }
}

void RecordsPage::pollTail()
{
    m_recordModel->pollTail();
}

void RecordsPage::pickTime()
{
    if (m_recordModel->rowCount() == 0) return;
    QDialog dialog(this);
    dialog.setWindowTitle(tr("Go to a time"));
    fitTitle(&dialog);
    auto* edit = new QDateTimeEdit(&dialog);
    edit->setObjectName(QStringLiteral("timePicker"));
    edit->setCalendarPopup(true);
    edit->setDisplayFormat(QStringLiteral("yyyy-MM-dd HH:mm:ss.zzz"));
    edit->setTimeSpec(m_utc->isChecked() ? Qt::UTC : Qt::LocalTime);
    const qint64 start =
        m_inspector->record().timestamp > 0 ? m_inspector->record().timestamp : m_timeline->data().dataFirst;
    edit->setDateTime(m_utc->isChecked() ? QDateTime::fromMSecsSinceEpoch(start, Qt::UTC)
                                         : QDateTime::fromMSecsSinceEpoch(start));
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, &dialog);
    connect(buttons, &QDialogButtonBox::accepted, &dialog, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, &dialog, &QDialog::reject);
    auto* layout = new QVBoxLayout(&dialog);
    layout->addWidget(new QLabel(m_utc->isChecked() ? tr("Time (UTC):") : tr("Time (local):")));
    layout->addWidget(edit);
    layout->addWidget(buttons);
    if (dialog.exec() == QDialog::Accepted) seekToTime(edit->dateTime().toMSecsSinceEpoch());
}

bool RecordsPage::selectOffset(qint64 offset)
{
    const int row = m_recordModel->rowForOffset(offset);
    if (row < 0) return false;
    selectRow(row);
    return true;
}

void RecordsPage::leaveFilter()
{
    m_search->cancel();
    m_activeFilter.clear();
    m_activeRange.reset();
    m_filterBar->reset();
}

void RecordsPage::focusSeek()
{
    m_seek->setFocus();
    m_seek->selectAll();
}

void RecordsPage::focusFilter()
{
    m_filterBar->edit()->setFocus();
    m_filterBar->edit()->selectAll();
}

void RecordsPage::toggleFollow()
{
    m_follow->toggle();
}

bool RecordsPage::utc() const
{
    return m_utc->isChecked();
}

void RecordsPage::setUtc(bool utc)
{
    m_utc->setChecked(utc);
}

} // namespace rw
