#include "trace_view.h"

#include "trace_runner.h"

#include "display_format.h"

#include <QAction>
#include <QComboBox>
#include <QDateTime>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMenu>
#include <QPushButton>
#include <QTreeWidget>
#include <QVBoxLayout>

#include <climits>

namespace rw {

namespace {
constexpr int kEventIndexRole = Qt::UserRole + 1;
constexpr int kMaxChangeText = 200;
constexpr size_t kMaxShownEvents = 20'000; // a tree item each; more are summarised in the status

QString clip(const QString& s)
{
    QString out = s.left(kMaxChangeText);
    for (QChar& c : out)
        if (c.unicode() < 0x20) c = QChar(0xFFFD);
    return s.size() > kMaxChangeText ? out + QChar(0x2026) : out;
}
} // namespace

TraceView::TraceView(QWidget* parent)
    : QWidget(parent), m_mode(new QComboBox), m_partitioner(new QComboBox), m_input(new QLineEdit),
      m_run(new QPushButton(tr("Trace"))), m_status(new QLabel), m_tree(new QTreeWidget)
{
    setObjectName(QStringLiteral("traceView"));
    m_mode->setObjectName(QStringLiteral("traceMode"));
    m_input->setObjectName(QStringLiteral("traceInput"));
    m_tree->setObjectName(QStringLiteral("traceTree"));
    m_status->setObjectName(QStringLiteral("traceStatus"));
    m_mode->addItem(tr("JSON field = value"), static_cast<int>(TraceBy::Field));
    m_mode->addItem(tr("Key"), static_cast<int>(TraceBy::Key));
    // A key trace reads every partition unless the user knows how the producers placed keys.
    m_partitioner->setObjectName(QStringLiteral("tracePartitioner"));
    m_partitioner->setMinimumWidth(90);
    m_partitioner->addItem(tr("All partitions"), QVariant::fromValue(int(KeyPartitioner::None)));
    m_partitioner->addItem(tr("Key's partition: murmur2 (Java clients)"),
                           QVariant::fromValue(int(KeyPartitioner::Murmur2)));
    m_partitioner->addItem(tr("Key's partition: crc32 (librdkafka, kcat)"),
                           QVariant::fromValue(int(KeyPartitioner::Crc32)));
    m_partitioner->setToolTip(tr("For a key: read only the partition the producers' partitioner puts it in "
                                 "(checked on a sample of a workspace first). All partitions never misses "
                                 "an event."));
    m_input->setPlaceholderText(tr("order_id=o-000123   (or, as a key: o-000123)"));
    m_input->setClearButtonEnabled(true);
    m_status->setTextFormat(Qt::PlainText);
    m_status->setWordWrap(true);
    m_status->setText(tr("Every event about one order (or customer, or key) across all topics, in time "
                         "order, with what changed between events."));
    m_tree->setHeaderLabels({tr("Time"), tr("Where"), tr("Event"), tr("Changes")});
    m_tree->setUniformRowHeights(true);
    m_tree->setAlternatingRowColors(true);
    m_tree->header()->setStretchLastSection(true);
    auto* row = new QHBoxLayout;
    row->addWidget(m_mode);
    row->addWidget(m_input, 1);
    row->addWidget(m_partitioner);
    row->addWidget(m_run);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(row);
    layout->addWidget(m_status);
    layout->addWidget(m_tree, 1);
    connect(m_run, &QPushButton::clicked, this, [this] {
        if (m_run->text() == tr("Stop"))
            emit cancelRequested();
        else
            emit runRequested();
    });
    connect(m_input, &QLineEdit::returnPressed, this, &TraceView::runRequested);
    m_tree->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(m_tree, &QWidget::customContextMenuRequested, this, &TraceView::contextMenu);
    auto* pinAction = new QAction(tr("Pin to the case"), m_tree);
    pinAction->setObjectName(QStringLiteral("tracePinAction"));
    pinAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_B));
    pinAction->setShortcutContext(Qt::WidgetShortcut);
    connect(pinAction, &QAction::triggered, this, [this] {
        if (const TraceEvent* e = eventAt(m_tree->currentItem())) emit pinRequested(e->record, false);
    });
    m_tree->addAction(pinAction);
    connect(m_tree, &QTreeWidget::itemDoubleClicked, this, [this](QTreeWidgetItem* item) {
        if (const TraceEvent* e = eventAt(item)) emit showInRecordsRequested(e->record);
    });
    connect(m_tree, &QTreeWidget::currentItemChanged, this, [this](QTreeWidgetItem* item) {
        if (const TraceEvent* e = eventAt(item)) emit recordSelected(e->record);
    });
}

void TraceView::setKeyQuery(const QByteArray& key)
{
    QString shown = QString::fromUtf8(key);
    for (QChar& c : shown)
        if (c.unicode() < 0x20) c = QChar(0xFFFD); // a line edit shows one line
    m_input->setText(shown);
    m_mode->setCurrentIndex(m_mode->findData(static_cast<int>(TraceBy::Key)));
    m_rawKey = key;
    m_rawKeyShown = shown;
}

void TraceView::setQueryText(const QString& text)
{
    m_rawKey.reset();
    m_input->setText(text);
    const bool field = text.contains(QLatin1Char('='));
    m_mode->setCurrentIndex(m_mode->findData(static_cast<int>(field ? TraceBy::Field : TraceBy::Key)));
}

QString TraceView::queryText() const
{
    return m_input->text();
}

Result<TraceQuery> TraceView::query() const
{
    TraceQuery q;
    const bool byKey = static_cast<TraceBy>(m_mode->currentData().toInt()) == TraceBy::Key;
    if (byKey && m_rawKey && m_input->text() == m_rawKeyShown) {
        q.key = *m_rawKey; // exactly the record's key bytes (also an empty key)
    } else {
        const QString text = m_input->text().trimmed();
        if (text.isEmpty())
            return makeError(ErrorCode::InvalidArgument,
                             tr("Type a key, or a field and value like order_id=o-123."));
        if (byKey) {
            q.key = text.toUtf8();
        } else {
            const qsizetype eq = text.indexOf(QLatin1Char('='));
            if (eq <= 0)
                return makeError(ErrorCode::InvalidArgument,
                                 tr("Write the field and the value as name=value, e.g. order_id=o-123."));
            q.field = text.left(eq).trimmed();
            q.value = text.mid(eq + 1).trimmed();
        }
    }
    if (auto t = traceFilterText(q); !t) return t.error();
    q.keyPartitioner = static_cast<KeyPartitioner>(m_partitioner->currentData().toInt());
    return q;
}

const TraceEvent* TraceView::eventAt(QTreeWidgetItem* item) const
{
    while (item && !item->data(0, kEventIndexRole).isValid())
        item = item->parent();
    if (!item) return nullptr;
    const int i = item->data(0, kEventIndexRole).toInt();
    return i >= 0 && static_cast<size_t>(i) < m_result.events.size()
               ? &m_result.events[static_cast<size_t>(i)]
               : nullptr;
}

void TraceView::contextMenu(const QPoint& pos)
{
    const TraceEvent* e = eventAt(m_tree->itemAt(pos));
    if (!e) return;
    const Record record = e->record; // the menu's actions may run after a new trace replaced it
    QMenu menu(this);
    QAction* show = menu.addAction(tr("Show in Records"));
    QAction* copy = menu.addAction(tr("Copy as NDJSON"));
    QAction* trace = menu.addAction(tr("Trace this key"));
    trace->setEnabled(record.key.has_value());
    QAction* pin = menu.addAction(tr("Pin to the case"));
    pin->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_B));
    QAction* pinNote = menu.addAction(tr("Pin with a note…"));
    QAction* chosen = menu.exec(m_tree->viewport()->mapToGlobal(pos));
    if (chosen == pin || chosen == pinNote)
        emit pinRequested(record, chosen == pinNote);
    else if (chosen == show)
        emit showInRecordsRequested(record);
    else if (chosen == copy)
        emit copyRequested(record);
    else if (chosen == trace && record.key)
        emit traceKeyRequested(*record.key);
}

void TraceView::started()
{
    m_tree->clear();
    m_result = {};
    m_run->setText(tr("Stop"));
    m_status->setText(tr("Tracing …"));
}

void TraceView::setFailed(const QString& message)
{
    m_run->setText(tr("Trace"));
    m_status->setText(tr("⚠ %1").arg(message));
}

void TraceView::setUtc(bool utc)
{
    m_utc = utc;
    rebuild();
}

void TraceView::setResult(const TraceResult& result)
{
    m_result = result;
    m_story = traceStory(m_result.events);
    m_run->setText(tr("Trace"));
    rebuild();
    const QLocale loc;
    QStringList topics;
    for (const TraceEvent& e : m_result.events)
        if (!topics.contains(e.record.topic)) topics << e.record.topic;
    const int read = static_cast<int>(std::min<qint64>(m_result.report.scanned, INT_MAX));
    QString s = m_result.events.empty()
                    ? tr("No events in the scanned range (%Ln record(s) read).", nullptr, read)
                    : tr("%Ln record(s) across %1", nullptr, static_cast<int>(m_result.events.size()))
                              .arg(topics.join(QStringLiteral(", "))) +
                          tr(" · %Ln record(s) read", nullptr, read) +
                          (m_result.report.cancelled ? tr(" · stopped before the end") : QString());
    if (m_result.truncated) s += tr(" · stopped at the event limit");
    if (!m_story.lines.empty()) {
        const QString story = traceStoryLine(
            m_story, [this](TimestampMs t) { return displayTime(t, m_utc, TimeDetail::Seconds); });
        s = story + QLatin1Char('\n') + s;
    }
    if (m_result.events.size() > kMaxShownEvents)
        s += tr(" · the first %1 are listed; narrow the trace to a topic")
                 .arg(loc.toString(qint64(kMaxShownEvents)));
    for (const QString& a : m_result.report.assumptions)
        s += QStringLiteral("\n") + tr("Assumption: %1").arg(a);
    s += QStringLiteral("\n") + tr("Filter: %1").arg(m_result.filterText);
    m_status->setText(s);
}

void TraceView::setMasking(const MaskPolicy& policy, bool hide)
{
    if (m_mask == policy && m_hide == hide) return;
    m_mask = policy;
    m_hide = hide;
    rebuild();
}

void TraceView::rebuild()
{
    m_tree->clear();
    QList<QTreeWidgetItem*> items;
    auto changeSummary = [](const TraceEvent& e) {
        QStringList summary;
        for (const FieldChange& c : e.changes)
            summary << (c.kind == FieldChange::Added     ? QStringLiteral("+")
                        : c.kind == FieldChange::Removed ? QStringLiteral("−")
                                                         : QStringLiteral("~")) +
                           c.path;
        return clip(summary.join(QStringLiteral(", ")));
    };
    auto where = [](const Record& r) {
        return QStringLiteral("%1-%2 @%3").arg(r.topic).arg(r.partition).arg(r.offset);
    };
    auto addChanges = [this](QTreeWidgetItem* parent, const TraceEvent& e, int index) {
        for (const FieldChange& c : e.changes) {
            const bool hidden = m_hide && m_mask.touchesPath(c.path);
            const QString before = hidden ? QString::fromLatin1(kMaskedText) : clip(c.before);
            const QString after = hidden ? QString::fromLatin1(kMaskedText) : clip(c.after);
            QString line;
            if (c.kind == FieldChange::Added)
                line = tr("+ %1 = %2").arg(c.path, after);
            else if (c.kind == FieldChange::Removed)
                line = tr("− %1 (was %2)").arg(c.path, before);
            else
                line = tr("~ %1: %2 → %3").arg(c.path, before, after);
            auto* child = new QTreeWidgetItem(parent, {QString(), QString(), QString(), line});
            child->setData(0, kEventIndexRole, index);
        }
    };
    // Redeliveries of the events in [first, last], under the line that holds them.
    auto addRedeliveries = [&](QTreeWidgetItem* parent, const TraceLine& line) {
        for (size_t i = static_cast<size_t>(line.last) + 1; i < m_result.events.size(); ++i) {
            const TraceEvent& e = m_result.events[i];
            if (e.redeliveryOf < line.first || e.redeliveryOf > line.last) continue;
            QString attempt;
            for (const Header& h : e.record.headers)
                if (h.key.contains("attempt") && h.value)
                    attempt = QStringLiteral(", %1: %2")
                                  .arg(QString::fromUtf8(h.key),
                                       m_hide && m_mask.headers.contains(QString::fromUtf8(h.key))
                                           ? QString::fromLatin1(kMaskedText)
                                           : clip(QString::fromUtf8(*h.value)));
            auto* child = new QTreeWidgetItem(
                parent, {displayTime(e.record.timestamp, m_utc, TimeDetail::Millis), where(e.record),
                         QStringLiteral("↻ ") + clip(e.type),
                         tr("redelivery of %1 (the same %2%3): not a second event")
                             .arg(where(m_result.events[static_cast<size_t>(e.redeliveryOf)].record),
                                  QStringLiteral("event_id"), attempt)});
            child->setData(0, kEventIndexRole, static_cast<int>(i));
            child->setForeground(2, palette().color(QPalette::PlaceholderText));
        }
    };
    size_t shownEvents = 0;
    for (const TraceLine& line : m_story.lines) {
        if (shownEvents >= kMaxShownEvents) break;
        const TraceEvent& first = m_result.events[static_cast<size_t>(line.first)];
        const Record& r = first.record;
        QTreeWidgetItem* item = nullptr;
        if (line.events == 1) {
            item = new QTreeWidgetItem({displayTime(r.timestamp, m_utc, TimeDetail::Millis), where(r),
                                        clip(first.type),
                                        line.first == 0 ? tr("first event") : changeSummary(first)});
            item->setData(0, kEventIndexRole, line.first);
            addChanges(item, first, line.first);
            ++shownEvents;
        } else {
            // A run of one event type, folded: each event is a row inside it.
            const TraceEvent& last = m_result.events[static_cast<size_t>(line.last)];
            item = new QTreeWidgetItem(
                {displayTime(r.timestamp, m_utc, TimeDetail::Millis), where(r),
                 QStringLiteral("%1 ×%2").arg(clip(first.type)).arg(line.events),
                 (line.progression.isEmpty() ? QString() : line.progression + QStringLiteral(" · ")) +
                     tr("until %1").arg(displayTime(last.record.timestamp, m_utc, TimeDetail::Millis))});
            item->setData(0, kEventIndexRole, line.first);
            for (int i = line.first; i <= line.last && shownEvents < kMaxShownEvents; ++i) {
                const TraceEvent& e = m_result.events[static_cast<size_t>(i)];
                if (e.redeliveryOf >= 0) continue;
                auto* child = new QTreeWidgetItem(
                    item, {displayTime(e.record.timestamp, m_utc, TimeDetail::Millis), where(e.record),
                           clip(e.type), i == 0 ? tr("first event") : changeSummary(e)});
                child->setData(0, kEventIndexRole, i);
                ++shownEvents;
            }
        }
        if (line.redeliveries > 0) {
            item->setText(2, item->text(2) + QStringLiteral("  ↻%1").arg(line.redeliveries));
            addRedeliveries(item, line);
        }
        items << item;
    }
    m_tree->addTopLevelItems(items);
    // Short change lists open (and an event's redeliveries show); runs and long lists stay folded.
    for (qsizetype i = 0; i < items.size(); ++i) {
        const TraceLine& line = m_story.lines[static_cast<size_t>(i)];
        const TraceEvent& e = m_result.events[static_cast<size_t>(line.first)];
        items[i]->setExpanded(line.events == 1 && (e.changes.size() <= 6 || line.redeliveries > 0));
    }
    for (int c = 0; c < 3; ++c)
        m_tree->resizeColumnToContents(c);
}

QString TraceView::statusText() const
{
    return m_status->text();
}

void TraceView::focusInput()
{
    m_input->setFocus();
}

} // namespace rw
