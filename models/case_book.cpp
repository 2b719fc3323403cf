#include "case_book.h"

#include "display_format.h"
#include "group_details.h"
#include "job_runner.h"
#include "record_source.h"
#include "time_parse.h"
#include "workspace_store.h"

#include <QColor>
#include <QDateTime>
#include <QLocale>

#include <mutex>

namespace rw {

// The case store of one home, opened on the first job that needs it; jobs take turns.
struct CaseBook::Holder {
    QString home;
    std::mutex mutex;
    std::unique_ptr<CaseStore> store;
    // The store, opened (and made when `create`) if need be; nullptr with NotFound when the home
    // does not exist and nothing is to be written.
    Result<CaseStore*> get(bool create)
    {
        if (!store) {
            auto s = CaseStore::open(home, create);
            if (!s) return s.error();
            store = std::move(s.value());
        }
        return store.get();
    }
};

// ---- CasePinModel ----

CasePinModel::CasePinModel(CaseBook* book) : QAbstractTableModel(book), m_book(book) {}

int CasePinModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() || !m_book->m_open ? 0 : static_cast<int>(m_book->m_case.pins.size());
}

int CasePinModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant CasePinModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || index.row() >= rowCount()) return {};
    const size_t row = static_cast<size_t>(index.row());
    const CasePin& pin = m_book->m_case.pins[row];
    const std::optional<PinState>& state = m_book->m_states[row];
    const Expiry* expiry = m_book->m_expiry && m_book->m_expiry->applies &&
                                   m_book->m_expiry->pins.size() == m_book->m_case.pins.size()
                               ? &m_book->m_expiry->pins[row]
                               : nullptr;
    if (index.column() == ExpiresCol) return expiryData(expiry, role);
    switch (role) {
    case TopicRole:
        return pin.topic;
    case PartitionRole:
        return pin.partition;
    case OffsetRole:
        return QVariant::fromValue<qint64>(pin.offset);
    case FoundRole:
        return state ? QVariant(state->found) : QVariant();
    case TimestampRole: {
        const auto ts = state && state->found ? state->timestamp : pin.timestamp;
        return ts ? QVariant::fromValue<qint64>(*ts) : QVariant();
    }
    case Qt::ToolTipRole:
        if (index.column() == StatusCol && state && !state->found) return state->why;
        if (index.column() == NoteCol) return pin.note;
        return {};
    case Qt::DisplayRole:
    case Qt::EditRole:
        switch (index.column()) {
        case StatusCol:
            return !state         ? CaseBook::tr("…")
                   : state->found ? CaseBook::tr("found")
                                  : CaseBook::tr("missing");
        case TimeCol: {
            const auto ts = state && state->found ? state->timestamp : pin.timestamp;
            return ts ? displayTime(*ts, m_utc, TimeDetail::Millis) : QString();
        }
        case TopicCol:
            return pin.topic;
        case PartitionCol:
            return pin.partition;
        case OffsetCol:
            return QVariant::fromValue<qint64>(pin.offset);
        case KeyCol:
            return state && state->found ? state->key : pin.key;
        case NoteCol:
            return pin.note;
        default:
            return {};
        }
    case Qt::ForegroundRole:
        if (state && !state->found) return QColor(0xc0, 0x30, 0x30);
        return {};
    case Qt::TextAlignmentRole:
        if (index.column() == PartitionCol || index.column() == OffsetCol)
            return QVariant(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    default:
        return {};
    }
}

QVariant CasePinModel::headerData(int section, Qt::Orientation o, int role) const
{
    if (o != Qt::Horizontal || role != Qt::DisplayRole) return {};
    switch (section) {
    case StatusCol:
        return CaseBook::tr("Status");
    case ExpiresCol:
        return CaseBook::tr("Deleted");
    case TimeCol:
        return CaseBook::tr("Time");
    case TopicCol:
        return CaseBook::tr("Topic");
    case PartitionCol:
        return CaseBook::tr("Part.");
    case OffsetCol:
        return CaseBook::tr("Offset");
    case KeyCol:
        return CaseBook::tr("Key");
    case NoteCol:
        return CaseBook::tr("Note");
    default:
        return {};
    }
}

Qt::ItemFlags CasePinModel::flags(const QModelIndex& index) const
{
    Qt::ItemFlags f = QAbstractTableModel::flags(index);
    if (index.column() == NoteCol) f |= Qt::ItemIsEditable;
    return f;
}

bool CasePinModel::setData(const QModelIndex& index, const QVariant& value, int role)
{
    if (role != Qt::EditRole || index.column() != NoteCol || index.row() >= rowCount()) return false;
    m_book->setPinNote(index.row(), value.toString());
    return true;
}

void CasePinModel::setUtc(bool utc)
{
    m_utc = utc;
    if (rowCount() > 0) emit dataChanged(index(0, TimeCol), index(rowCount() - 1, TimeCol));
}

QString CaseBook::expiryLabel(const Expiry& e, TimestampMs now)
{
    QString when;
    switch (e.state) {
    case Expiry::State::Unknown:
        when = tr("not known");
        break;
    case Expiry::State::Never:
        when = tr("never");
        break;
    case Expiry::State::Compact:
        when = tr("when compacted");
        break;
    case Expiry::State::Gone:
        when = tr("gone");
        break;
    case Expiry::State::Expires:
        when = !e.at          ? tr("not known")
               : *e.at <= now ? tr("due now")
                              : tr("in %1").arg(formatDuration(*e.at - now));
        break;
    }
    if (!e.kept) return when;
    return e.state == Expiry::State::Gone ? tr("kept; gone from the source") : tr("kept; %1").arg(when);
}

QVariant CasePinModel::expiryData(const Expiry* e, int role) const
{
    if (!e) return {};
    const TimestampMs now = m_book->m_expiry->now;
    switch (role) {
    case Qt::DisplayRole:
        return CaseBook::expiryLabel(*e, now);
    case ExpiresRole:
        return e->state == Expiry::State::Expires && e->at ? QVariant::fromValue<qint64>(*e->at) : QVariant();
    case Qt::ToolTipRole: {
        QString tip = e->why;
        if (e->at)
            tip = CaseBook::tr("From %1: %2").arg(displayTime(*e->at, m_utc, TimeDetail::Seconds), tip);
        if (e->kept)
            tip += u'\n' + CaseBook::tr("Kept in the case workspace at %1.")
                               .arg(displayTime(e->kept, m_utc, TimeDetail::Seconds));
        return tip;
    }
    case Qt::ForegroundRole:
        if (e->kept) return QColor(0x2e, 0x7d, 0x32);
        if (e->state == Expiry::State::Gone) return QColor(0xc0, 0x30, 0x30);
        if (e->state == Expiry::State::Expires && e->at && *e->at <= now + kExpiryWarnMs)
            return QColor(0xc0, 0x60, 0x00);
        return {};
    default:
        return {};
    }
}

void CasePinModel::expiryChanged()
{
    if (rowCount() > 0) emit dataChanged(index(0, ExpiresCol), index(rowCount() - 1, ExpiresCol));
}

void CasePinModel::reset()
{
    beginResetModel();
    endResetModel();
}

void CasePinModel::statesChanged()
{
    if (rowCount() > 0) emit dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
}

// ---- CaseBook ----

CaseBook::CaseBook(const QString& casesDir, QObject* parent)
    : QObject(parent), m_casesDir(casesDir), m_pins(new CasePinModel(this)), m_loads(new JobRunner(this)),
      m_resolve(new JobRunner(this)), m_saves(new JobRunner(this, 1)), m_expiries(new JobRunner(this)),
      m_keeps(new JobRunner(this))
{
    m_saveTimer.setSingleShot(true);
    m_saveTimer.setInterval(400);
    connect(&m_saveTimer, &QTimer::timeout, this, &CaseBook::saveNow);
    m_expiryTimer.setInterval(30'000);
    connect(&m_expiryTimer, &QTimer::timeout, this, [this, ticks = 0]() mutable {
        if (!m_expiry || !m_expiry->applies) return;
        if (++ticks % 20 == 0) { // the log start and the write rate move: look again every 10 min
            lookUpExpiry();
            return;
        }
        m_expiry->now = currentTimeMs(); // "in 58 s" counts down
        m_pins->expiryChanged();
        emit expiryChanged();
    });
    m_expiryTimer.start();
}

CaseBook::~CaseBook()
{
    saveNow();
}

void CaseBook::setSource(std::shared_ptr<RecordSource> source)
{
    saveNow();
    m_source = std::move(source);
    m_loads->cancel();
    m_resolve->cancel();
    m_expiries->cancel();
    m_keeps->cancel();
    m_keeping = false;
    m_expiry.reset();
    const bool wasOpen = m_open;
    m_open = false;
    m_case = {};
    m_states.clear();
    m_pins->reset();
    m_list.clear();
    m_listed = false;
    m_openWhenListed.clear();
    m_home = m_source ? caseHomeFor(m_source->spec(), m_casesDir) : QString();
    m_holder = std::make_shared<Holder>();
    m_holder->home = m_home;
    if (wasOpen) emit closed();
    emit rangesChanged();
    emit viewsChanged();
    refreshList();
}

void CaseBook::refreshList()
{
    if (!m_holder) return;
    m_loads->start<std::vector<WorkspaceStore::CaseEntry>>(
        [holder = m_holder](const CancelToken&) -> Result<std::vector<WorkspaceStore::CaseEntry>> {
            std::lock_guard lock(holder->mutex);
            auto store = holder->get(false);
            if (!store) {
                if (store.error().code == ErrorCode::NotFound)
                    return std::vector<WorkspaceStore::CaseEntry>{};
                return store.error();
            }
            return store.value()->list();
        },
        [this](Result<std::vector<WorkspaceStore::CaseEntry>> r) {
            if (!r) {
                emit failed(tr("Cases: %1").arg(r.error().message));
                return;
            }
            m_list = std::move(r.value());
            m_listed = true;
            // The case open may not be saved yet: it is listed all the same.
            if (m_open && std::none_of(m_list.begin(), m_list.end(),
                                       [&](const auto& e) { return e.name == m_case.name; }))
                m_list.push_back({m_case.name, static_cast<qint64>(m_case.pins.size()), m_case.updated});
            emit listChanged();
            // A case to open once the list is known (the one open at the last close).
            const QString pending = std::exchange(m_openWhenListed, QString());
            if (!m_open && !pending.isEmpty() &&
                std::any_of(m_list.begin(), m_list.end(), [&](const auto& e) { return e.name == pending; }))
                open(pending);
        });
}

void CaseBook::openWhenListed(const QString& name)
{
    if (m_listed) {
        if (std::any_of(m_list.begin(), m_list.end(), [&](const auto& e) { return e.name == name; }))
            open(name);
        return;
    }
    m_openWhenListed = name;
}

void CaseBook::open(const QString& name)
{
    if (!m_holder) return;
    saveNow();
    QElapsedTimer clock;
    clock.start();
    m_loads->start<Case>(
        [holder = m_holder, name](const CancelToken&) -> Result<Case> {
            std::lock_guard lock(holder->mutex);
            auto store = holder->get(false);
            if (!store) return store.error();
            return store.value()->load(name);
        },
        [this, clock](Result<Case> r) {
            if (!r) {
                emit failed(tr("The case could not be opened: %1").arg(r.error().message));
                return;
            }
            showCase(std::move(r.value()), clock.elapsed());
        });
}

void CaseBook::showCase(Case c, qint64 elapsedMs)
{
    m_case = std::move(c);
    m_open = true;
    m_states.assign(m_case.pins.size(), std::nullopt);
    m_expiry.reset();
    m_pins->reset();
    emit opened(m_case.name, elapsedMs);
    emit expiryChanged();
    emit rangesChanged();
    emit viewsChanged();
    resolve();
}

void CaseBook::resolve()
{
    if (!m_source || !m_open) return;
    m_resolve->start<std::vector<PinState>>(
        [source = m_source, pins = m_case.pins](const CancelToken& cancel) -> Result<std::vector<PinState>> {
            auto connection = source->reopen();
            if (!connection) return connection.error();
            return resolvePins(*connection.value(), pins, cancel.flag());
        },
        [this, count = m_case.pins.size()](Result<std::vector<PinState>> r) {
            if (!r) {
                emit failed(tr("The case's pins could not be looked up: %1").arg(r.error().message));
                return;
            }
            if (r->size() != count || m_states.size() != count) return; // pins changed since: looked up again
            bool learned = false; // what a found record is now, kept for when it has gone
            for (size_t i = 0; i < count; ++i) {
                PinState& s = r.value()[i];
                CasePin& pin = m_case.pins[i];
                if (s.found && (pin.timestamp != s.timestamp || pin.key != s.key)) {
                    pin.timestamp = s.timestamp;
                    pin.key = s.key;
                    learned = true;
                }
                m_states[i] = std::move(s);
            }
            if (learned) changed();
            m_pins->statesChanged();
            emit pinsResolved(missingPins());
            lookUpExpiry();
        });
}

void CaseBook::lookUpExpiry()
{
    if (!m_source || !m_open) return;
    std::vector<PinState> states;
    if (std::all_of(m_states.begin(), m_states.end(), [](const auto& s) { return s.has_value(); }))
        for (const auto& s : m_states)
            states.push_back(*s);
    m_expiries->start<CaseExpiry>(
        [source = m_source, c = m_case, states](const CancelToken& cancel) -> Result<CaseExpiry> {
            auto connection = source->reopen();
            if (!connection) return connection.error();
            return caseExpiry(*connection.value(), c, states, currentTimeMs(), cancel.flag());
        },
        [this, pins = m_case.pins.size(), ranges = m_case.ranges.size()](Result<CaseExpiry> r) {
            if (!r) {
                emit failed(tr("When retention deletes the case's records could not be worked out: %1")
                                .arg(r.error().message));
                return;
            }
            if (pins != m_case.pins.size() || ranges != m_case.ranges.size()) return; // looked up again
            m_expiry = std::move(r.value());
            m_pins->expiryChanged();
            emit expiryChanged();
        });
}

void CaseBook::cancelKeeping()
{
    m_keeps->cancel();
    m_keeping = false;
}

void CaseBook::keepEvidence()
{
    if (!m_source || !m_open || m_keeping) return;
    if (auto ok = canKeepEvidence(m_source->spec(), m_home); !ok) {
        emit failed(tr("The evidence is not kept apart: %1").arg(ok.error().message));
        return;
    }
    saveNow();
    m_keeping = true;
    struct Kept {
        EvidenceReport report;
        Case c;
    };
    m_keeps->startStreaming<Kept>(
        [self = this, source = m_source, holder = m_holder,
         c = m_case](const CancelToken& cancel, const JobRunner::Post& post) -> Result<Kept> {
            auto connection = source->reopen();
            if (!connection) return connection.error();
            auto ev = collectEvidence(*connection.value(), c, cancel.flag(), [&](qint64 n) {
                post([self, n] { emit self->evidenceProgress(n); }); // runs only while the job is current
            });
            if (!ev) return ev.error();
            std::lock_guard lock(holder->mutex);
            auto store = holder->get(true);
            if (!store) return store.error();
            Kept out{{}, c};
            auto rep = writeEvidence(store.value()->workspace(), ev.value(), out.c);
            if (!rep) return rep.error();
            out.report = rep.value();
            return out;
        },
        [this](Result<Kept> r) {
            m_keeping = false;
            if (!r) {
                emit failed(tr("The evidence could not be kept: %1").arg(r.error().message));
                emit expiryChanged();
                return;
            }
            const Kept& k = r.value();
            for (const CasePin& p : k.c.pins) {
                if (p.kept != k.report.at) continue;
                const int i = m_case.pinIndex(p.topic, p.partition, p.offset);
                if (i >= 0) m_case.pins[static_cast<size_t>(i)].kept = p.kept;
            }
            for (CaseRange& range : m_case.ranges)
                for (const CaseRange& kr : k.c.ranges)
                    if (kr.from == range.from && kr.to == range.to && kr.kept == k.report.at)
                        range.kept = kr.kept;
            changed();
            saveNow();
            if (m_expiry) { // kept now: no longer counted as due
                for (size_t i = 0; i < m_expiry->pins.size() && i < m_case.pins.size(); ++i)
                    m_expiry->pins[i].kept = m_case.pins[i].kept;
                for (size_t i = 0; i < m_expiry->ranges.size() && i < m_case.ranges.size(); ++i)
                    m_expiry->ranges[i].kept = m_case.ranges[i].kept;
            }
            m_pins->expiryChanged();
            emit evidenceKept(k.report);
            emit expiryChanged();
        });
    emit expiryChanged();
}

int CaseBook::missingPins() const
{
    int n = 0;
    for (const auto& s : m_states)
        if (s && !s->found) ++n;
    return n;
}

void CaseBook::create(const QString& name)
{
    const QString n = name.trimmed();
    if (n.isEmpty()) return;
    if (!m_listed) { // the name could be a saved case's, and saving would replace it
        emit failed(tr("The cases of this source are still being read: make the case again in a moment."));
        return;
    }
    if (std::any_of(m_list.begin(), m_list.end(), [&](const auto& e) { return e.name == n; })) {
        emit failed(tr("There is a case named '%1' already.").arg(n));
        return;
    }
    begin(n);
}

void CaseBook::begin(const QString& n)
{
    saveNow();
    Case c;
    c.name = n;
    c.source = m_source ? m_source->spec().key() : QString();
    c.created = c.updated = currentTimeMs();
    m_list.push_back({n, 0, c.updated});
    showCase(std::move(c), 0);
    emit listChanged();
    m_dirty = true;
    saveNow();
}

void CaseBook::ensureCase()
{
    if (m_open) return;
    // Named for the second it began: unique even before the saved cases are listed.
    begin(tr("Case %1").arg(QDateTime::currentDateTime().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"))));
}

void CaseBook::rename(const QString& to)
{
    const QString n = to.trimmed();
    if (!m_open || n.isEmpty() || n == m_case.name) return;
    if (std::any_of(m_list.begin(), m_list.end(), [&](const auto& e) { return e.name == n; })) {
        emit failed(tr("There is a case named '%1' already.").arg(n));
        return;
    }
    saveNow();
    const QString from = m_case.name;
    m_case.name = n;
    for (auto& e : m_list)
        if (e.name == from) e.name = n;
    emit listChanged();
    emit opened(n, 0);
    m_saves->start<bool>(
        [holder = m_holder, from, n](const CancelToken&) -> Result<bool> {
            std::lock_guard lock(holder->mutex);
            auto store = holder->get(true);
            if (!store) return store.error();
            if (auto r = store.value()->rename(from, n); !r) return r.error();
            return true;
        },
        [this](Result<bool> r) {
            if (!r) {
                emit failed(tr("The case could not be renamed: %1").arg(r.error().message));
                return;
            }
            emit saved();
        });
}

void CaseBook::removeCurrent()
{
    if (!m_open) return;
    const QString name = m_case.name;
    m_saveTimer.stop();
    m_dirty = false;
    m_open = false;
    m_case = {};
    m_states.clear();
    m_pins->reset();
    m_list.erase(std::remove_if(m_list.begin(), m_list.end(), [&](const auto& e) { return e.name == name; }),
                 m_list.end());
    emit closed();
    emit rangesChanged();
    emit viewsChanged();
    emit listChanged();
    m_saves->start<bool>(
        [holder = m_holder, name](const CancelToken&) -> Result<bool> {
            std::lock_guard lock(holder->mutex);
            auto store = holder->get(false);
            if (!store) return store.error().code == ErrorCode::NotFound ? Result<bool>(true) : store.error();
            if (auto r = store.value()->remove(name); !r) return r.error();
            return true;
        },
        [this](Result<bool> r) {
            if (!r) emit failed(tr("The case could not be deleted: %1").arg(r.error().message));
        });
}

int CaseBook::addPins(const std::vector<CasePin>& pins)
{
    if (pins.empty()) return 0;
    ensureCase();
    const int before = static_cast<int>(m_case.pins.size());
    QSet<QString> have;
    for (const CasePin& p : m_case.pins)
        have.insert(p.topic + u'\x1f' + QString::number(p.partition) + u'\x1f' + QString::number(p.offset));
    std::vector<CasePin> added;
    for (CasePin p : pins) {
        const QString k =
            p.topic + u'\x1f' + QString::number(p.partition) + u'\x1f' + QString::number(p.offset);
        if (have.contains(k)) continue;
        have.insert(k);
        if (!p.pinnedAt) p.pinnedAt = currentTimeMs();
        added.push_back(std::move(p));
    }
    if (added.empty()) return 0;
    m_pins->beginInsertRows({}, before, before + static_cast<int>(added.size()) - 1);
    for (CasePin& p : added) {
        PinState s; // pinned from a record on screen: it is there
        s.found = true;
        s.timestamp = p.timestamp;
        s.key = p.key;
        m_states.emplace_back(std::move(s));
        m_case.pins.push_back(std::move(p));
    }
    m_pins->endInsertRows();
    emit pinsChanged();
    changed();
    if (std::any_of(m_case.pins.end() - static_cast<std::ptrdiff_t>(added.size()), m_case.pins.end(),
                    [](const CasePin& p) { return !p.timestamp; }))
        resolve(); // pinned from a row not read yet: its time and key come from the record
    else
        lookUpExpiry();
    return static_cast<int>(added.size());
}

void CaseBook::removePins(std::vector<int> rows)
{
    std::sort(rows.begin(), rows.end(), std::greater<>());
    rows.erase(std::unique(rows.begin(), rows.end()), rows.end());
    for (int row : rows) {
        if (row < 0 || row >= static_cast<int>(m_case.pins.size())) continue;
        m_pins->beginRemoveRows({}, row, row);
        m_case.pins.erase(m_case.pins.begin() + row);
        m_states.erase(m_states.begin() + row);
        m_pins->endRemoveRows();
    }
    emit pinsChanged();
    changed();
    lookUpExpiry();
}

void CaseBook::setPinNote(int row, const QString& note)
{
    if (row < 0 || row >= static_cast<int>(m_case.pins.size()) ||
        m_case.pins[static_cast<size_t>(row)].note == note)
        return;
    m_case.pins[static_cast<size_t>(row)].note = note;
    emit m_pins->dataChanged(m_pins->index(row, CasePinModel::NoteCol),
                             m_pins->index(row, CasePinModel::NoteCol));
    changed();
}

void CaseBook::addRange(const CaseRange& range)
{
    ensureCase();
    m_case.ranges.push_back(range);
    m_case.ranges.back().kept = 0;
    emit rangesChanged();
    changed();
    lookUpExpiry();
}

void CaseBook::removeRange(int index)
{
    if (index < 0 || index >= static_cast<int>(m_case.ranges.size())) return;
    m_case.ranges.erase(m_case.ranges.begin() + index);
    emit rangesChanged();
    changed();
    lookUpExpiry();
}

void CaseBook::setRangeNote(int index, const QString& note)
{
    if (index < 0 || index >= static_cast<int>(m_case.ranges.size())) return;
    m_case.ranges[static_cast<size_t>(index)].note = note;
    emit rangesChanged();
    changed();
}

void CaseBook::addView(const CaseView& view)
{
    ensureCase();
    m_case.views.push_back(view);
    emit viewsChanged();
    changed();
}

void CaseBook::removeView(int index)
{
    if (index < 0 || index >= static_cast<int>(m_case.views.size())) return;
    m_case.views.erase(m_case.views.begin() + index);
    emit viewsChanged();
    changed();
}

void CaseBook::setSummary(const QString& summary)
{
    if (!m_open || m_case.summary == summary) return;
    m_case.summary = summary;
    changed();
}

void CaseBook::setTrace(const CaseTrace& trace)
{
    if (!m_open || m_case.trace == trace) return;
    m_case.trace = trace;
    changed();
    emit traceChanged();
}

void CaseBook::changed()
{
    m_case.updated = currentTimeMs();
    m_dirty = true;
    m_saveTimer.start();
}

void CaseBook::saveNow()
{
    m_saveTimer.stop();
    if (!m_dirty || !m_open || !m_holder) return;
    m_dirty = false;
    for (auto& e : m_list)
        if (e.name == m_case.name) {
            e.pins = static_cast<qint64>(m_case.pins.size());
            e.updated = m_case.updated;
        }
    m_saves->start<bool>(
        [holder = m_holder, c = m_case](const CancelToken&) -> Result<bool> {
            std::lock_guard lock(holder->mutex);
            auto store = holder->get(true);
            if (!store) return store.error();
            if (auto r = store.value()->save(c); !r) return r.error();
            return true;
        },
        [this](Result<bool> r) {
            if (!r) {
                emit failed(tr("The case could not be saved: %1").arg(r.error().message));
                return;
            }
            emit saved();
        });
}

} // namespace rw
