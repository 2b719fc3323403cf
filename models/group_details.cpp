#include "group_details.h"

#include <algorithm>
#include <utility>

#include "display_format.h"

#include "json.h"
#include "time_parse.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QStandardPaths>

#include <QDateTime>
#include <QLocale>
#include <QMetaObject>

#include <map>

namespace rw {

Result<GroupDetails> loadGroupDetails(RecordSource& source, const QString& group,
                                      const std::atomic_bool* cancel)
{
    auto state = source.group(group);
    if (!state) return state.error();
    GroupDetails d;
    d.group = group;
    d.state = state->state;
    d.members = state->members;
    d.protocol = state->protocol;
    d.membersNote = state->membersNote;
    d.partitions = std::move(state->partitions);
    d.history = std::move(state->history);
    d.historyNote = state->historyNote;
    for (const PartitionLag& l : d.partitions) {
        if (l.lag) {
            d.totalLag += *l.lag;
        } else {
            ++d.withoutCommit;
            d.uncommittedHeld += l.held;
        }
    }
    // Lag as time: the first unread record of each partition against the newest one it holds.
    // Read per topic, every lagging partition at once (a cluster: one consumer for the first
    // unread records, one for the newest), at most kMaxBehindPartitions of them (the most lagging
    // first); the rest stay unknown and say so.
    d.behindMs.assign(d.partitions.size(), std::nullopt);
    std::vector<size_t> lagging;
    for (size_t i = 0; i < d.partitions.size(); ++i) {
        const PartitionLag& l = d.partitions[i];
        if (!l.lag) continue;
        if (*l.lag == 0)
            d.behindMs[i] = 0;
        else
            lagging.push_back(i);
    }
    if (lagging.size() > kMaxBehindPartitions) {
        std::stable_sort(lagging.begin(), lagging.end(),
                         [&](size_t a, size_t b) { return *d.partitions[a].lag > *d.partitions[b].lag; });
        d.behindUnread = static_cast<int>(lagging.size() - kMaxBehindPartitions);
        lagging.resize(kMaxBehindPartitions);
    }
    std::map<QString, std::vector<size_t>> byTopic;
    for (size_t i : lagging)
        byTopic[d.partitions[i].topic].push_back(i);
    for (const auto& [topic, rows] : byTopic) {
        if (cancel && cancel->load()) return makeError(ErrorCode::Cancelled, QStringLiteral("cancelled"));
        std::vector<OffsetRange> ranges;
        for (size_t i : rows)
            ranges.push_back({d.partitions[i].partition, *d.partitions[i].committed, d.partitions[i].end});
        auto edges = source.rangeEdges(topic, ranges, cancel);
        if (!edges) {
            if (edges.error().code == ErrorCode::Cancelled) return edges.error();
            d.behindProblem = edges.error().message; // the lag itself stands; its age stays unknown
            continue;
        }
        for (size_t k = 0; k < rows.size(); ++k) {
            const RangeEdges& e = edges.value()[k];
            if (!e.first || !e.newest) continue;
            const size_t i = rows[k];
            d.behindMs[i] = std::max<qint64>(0, *e.newest - *e.first);
            d.maxBehindMs = std::max(d.maxBehindMs, *d.behindMs[i]);
            if (!d.oldestUnread || *e.first < *d.oldestUnread) d.oldestUnread = e.first;
        }
    }
    return d;
}

QString formatDuration(qint64 ms)
{
    const qint64 s = ms / 1000, m = s / 60, h = m / 60, d = h / 24;
    if (d > 0) return h % 24 ? QObject::tr("%1 d %2 h").arg(d).arg(h % 24) : QObject::tr("%1 d").arg(d);
    if (h > 0) return m % 60 ? QObject::tr("%1 h %2 min").arg(h).arg(m % 60) : QObject::tr("%1 h").arg(h);
    if (m > 0) return QObject::tr("%1 min").arg(m);
    return QObject::tr("%1 s").arg(s);
}

namespace {

QString duration(qint64 ms)
{
    const qint64 min = ms / 60'000;
    if (min < 1) return QObject::tr("under a minute");
    if (min < 120) return QObject::tr("about %1 min").arg(min);
    const qint64 h = min / 60;
    if (h < 48) return QObject::tr("about %1 h").arg(h);
    return QObject::tr("about %1 days").arg(h / 24);
}

} // namespace

CatchUp estimateCatchUp(const std::vector<LagSample>& history, TimestampMs window)
{
    CatchUp c;
    if (history.empty()) {
        c.words = QObject::tr("no lag history yet");
        return c;
    }
    const LagSample& last = history.back();
    std::vector<const LagSample*> recent;
    for (const LagSample& s : history)
        if (s.at >= last.at - window) recent.push_back(&s);
    // A jump no consumer makes (an offset reset, a topic recreated) starts the history afresh: a
    // rate across it would say "falling behind" right after a reset to the earliest offset. A jump
    // is a change ten times the usual one between samples, and at least 100 records.
    bool jumped = false;
    if (recent.size() >= 3) {
        std::vector<qint64> steps;
        for (size_t i = 1; i < recent.size(); ++i)
            steps.push_back(std::abs(recent[i]->lag - recent[i - 1]->lag));
        auto median = [](std::vector<qint64> v) -> qint64 {
            if (v.empty()) return 0;
            std::nth_element(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(v.size() / 2), v.end());
            return v[v.size() / 2];
        };
        // The latest step that dwarfs the steps just before it and the one after it.
        for (size_t i = steps.size(); i-- > 1;) {
            const size_t from = i >= 3 ? i - 3 : 0;
            const qint64 before = median({steps.begin() + static_cast<std::ptrdiff_t>(from),
                                          steps.begin() + static_cast<std::ptrdiff_t>(i)});
            const bool aboveAfter =
                i + 1 == steps.size() || steps[i] > 10 * std::max<qint64>(steps[i + 1], 1);
            if (steps[i] >= 100 && steps[i] > 10 * std::max<qint64>(before, 1) && aboveAfter) {
                recent.erase(recent.begin(), recent.begin() + static_cast<std::ptrdiff_t>(i + 1));
                jumped = true;
                break;
            }
        }
    }
    if (recent.size() < 2) {
        c.words = last.lag == 0 ? QObject::tr("caught up")
                  : jumped
                      ? QObject::tr("the lag jumped (an offset reset?): not enough history since for a rate")
                      : QObject::tr("not enough history for a rate yet");
        return c;
    }
    // Least squares over (seconds since the first recent sample, lag).
    double n = 0, sx = 0, sy = 0, sxx = 0, sxy = 0;
    const TimestampMs t0 = recent.front()->at;
    for (const LagSample* s : recent) {
        const double x = static_cast<double>(s->at - t0) / 1000.0, y = static_cast<double>(s->lag);
        n += 1;
        sx += x;
        sy += y;
        sxx += x * x;
        sxy += x * y;
    }
    const double den = n * sxx - sx * sx;
    if (den <= 0) {
        c.words = QObject::tr("not enough history for a rate yet");
        return c;
    }
    const double slope = (n * sxy - sx * sy) / den; // lag change per second
    c.ratePerSecond = -slope;
    const QLocale loc;
    if (last.lag == 0) {
        c.words = QObject::tr("caught up");
    } else if (-slope > 0.01) {
        c.etaMs = static_cast<qint64>(static_cast<double>(last.lag) / -slope * 1000.0);
        c.words = QObject::tr("catching up at %1 records/s; %2 to go at this rate")
                      .arg(loc.toString(-slope, 'f', -slope < 10 ? 1 : 0), duration(*c.etaMs));
    } else if (slope > 0.01) {
        c.words = QObject::tr("falling behind by %1 records/min; it will not catch up at this rate")
                      .arg(loc.toString(slope * 60, 'f', 0));
    } else {
        c.words = QObject::tr("lag is steady: not catching up");
    }
    return c;
}

void LagSamplerWorker::open(const std::shared_ptr<RecordSource>& source, const Notice& notice)
{
    m_reader.reset();
    m_writer.reset();
    m_path.clear();
    // A source that does not move (a copy of a data directory) has no lag to follow.
    if (!source || !source->capabilities().live) return;
    m_path = source->name();
    auto reader = source->reopen();
    if (!reader) return; // the main loader reports why the source cannot be read
    m_reader = std::move(reader.value());
    auto writer = source->groupWriter();
    if (writer)
        m_writer = std::move(writer.value());
    else // kept in memory only, for the chart
        notice(tr("Lag history is not saved: %1").arg(writer.error().message));
}

void LagSamplerWorker::sample(const Notice& notice, const Sampled& sampled)
{
    if (!m_reader) return;
    auto groups = m_reader->groups();
    if (!groups) {
        notice(tr("Lag sampling: %1").arg(groups.error().message));
        return;
    }
    keep(groups.value(), notice, sampled);
}

void LagSamplerWorker::keep(const std::vector<GroupSummary>& groups, const Notice& notice,
                            const Sampled& sampled)
{
    if (!m_reader) return;
    const TimestampMs now = currentTimeMs();
    for (const GroupSummary& g : groups) {
        if (g.partitionsWithCommit == 0) continue; // no lag to speak of
        const LagSample s{now, g.totalLag};
        bool saved = false;
        if (m_writer) {
            auto kept = m_writer->keepLagSample(g.name, s);
            if (!kept) {
                m_writer.reset();
                notice(tr("Lag history is not saved: %1").arg(kept.error().message));
            } else {
                saved = kept.value();
            }
        }
        if (saved || !m_writer) sampled(m_path, g.name, s, saved);
    }
}

LagSampler::LagSampler(QObject* parent) : QObject(parent), m_jobs(new JobRunner(this, 1))
{
    qRegisterMetaType<LagSample>();
    m_timer.setInterval(30'000);
    connect(&m_timer, &QTimer::timeout, this, &LagSampler::sampleNow);
}

void LagSampler::setSource(const std::shared_ptr<RecordSource>& source,
                           std::optional<std::vector<GroupSummary>> read)
{
    m_jobs->cancel(); // a sample of the last source still waiting is dropped
    m_jobs->addStreaming<bool>(
        [this, worker = m_worker, source](const CancelToken&, const JobRunner::Post& post) -> Result<bool> {
            worker->open(source, [&](const QString& m) { post([this, m] { emit notice(m); }); });
            return true;
        },
        [](Result<bool>) {});
    if (!source || !source->capabilities().live) {
        m_timer.stop();
        return;
    }
    m_sampling = 0; // the last source's sample, if any, was dropped above
    m_again = false;
    sample(std::move(read));
    m_timer.start(); // every 30 s, or what setInterval asked
}

void LagSampler::sampleNow()
{
    // One sample at a time: while a cluster's coordinator moves, a sample may take longer than
    // the interval (each group is asked again for up to 30 s); the next waits for the next tick.
    if (m_sampling > 0) {
        m_again = true; // taken when the one under way is done
        return;
    }
    sample(std::nullopt);
}

void LagSampler::sample(std::optional<std::vector<GroupSummary>> read)
{
    ++m_sampling;
    m_jobs->addStreaming<bool>(
        [this, worker = m_worker, read = std::move(read)](const CancelToken&,
                                                          const JobRunner::Post& post) -> Result<bool> {
            auto onNotice = [&](const QString& m) { post([this, m] { emit notice(m); }); };
            auto onSampled = [&](const QString& path, const QString& group, const LagSample& s, bool saved) {
                post([this, path, group, s, saved] { emit sampled(path, group, s, saved); });
            };
            if (read)
                worker->keep(*read, onNotice, onSampled);
            else
                worker->sample(onNotice, onSampled);
            return true;
        },
        [this](Result<bool>) {
            m_sampling = std::max(0, m_sampling - 1);
            if (m_sampling == 0 && std::exchange(m_again, false)) sample(std::nullopt);
        });
}

void GroupLagModel::setDetails(const GroupDetails& d)
{
    beginResetModel();
    m_d = d;
    order();
    endResetModel();
}

void GroupLagModel::sort(int column, Qt::SortOrder order)
{
    m_sortColumn = column;
    m_sortOrder = order;
    emit layoutAboutToBeChanged({}, QAbstractItemModel::VerticalSortHint);
    this->order();
    emit layoutChanged({}, QAbstractItemModel::VerticalSortHint);
}

void GroupLagModel::order()
{
    if (m_sortColumn < 0 || m_d.partitions.empty()) return;
    std::vector<size_t> rows(m_d.partitions.size());
    for (size_t i = 0; i < rows.size(); ++i)
        rows[i] = i;
    m_d.behindMs.resize(m_d.partitions.size());
    // Unknown values (no commit, behind not read) sort after every known one, either way.
    auto key = [&](size_t i) -> std::optional<qint64> {
        const PartitionLag& l = m_d.partitions[i];
        switch (m_sortColumn) {
        case CommittedCol:
            return l.committed;
        case EndCol:
            return l.end;
        case LagCol:
            return l.lag;
        case CommitTimeCol:
            return l.commitTime;
        case BehindCol:
            return m_d.behindMs[i];
        default:
            return std::nullopt;
        }
    };
    const bool descending = m_sortOrder == Qt::DescendingOrder;
    std::stable_sort(rows.begin(), rows.end(), [&](size_t a, size_t b) {
        if (m_sortColumn == TopicCol || m_sortColumn == PartitionCol) {
            const PartitionLag &x = m_d.partitions[a], &y = m_d.partitions[b];
            const int c = m_sortColumn == TopicCol ? QString::compare(x.topic, y.topic) : 0;
            const bool less = c != 0 ? c < 0 : x.partition < y.partition;
            const bool more = c != 0 ? c > 0 : x.partition > y.partition;
            return descending ? more : less;
        }
        const auto ka = key(a), kb = key(b);
        if (!ka || !kb) return ka.has_value() && !kb.has_value();
        return descending ? *ka > *kb : *ka < *kb;
    });
    std::vector<PartitionLag> partitions;
    std::vector<std::optional<qint64>> behind;
    for (size_t i : rows) {
        partitions.push_back(std::move(m_d.partitions[i]));
        behind.push_back(m_d.behindMs[i]);
    }
    m_d.partitions = std::move(partitions);
    m_d.behindMs = std::move(behind);
}

void GroupLagModel::setUtc(bool utc)
{
    m_utc = utc;
    if (rowCount() > 0) emit dataChanged(index(0, CommitTimeCol), index(rowCount() - 1, CommitTimeCol));
}

int GroupLagModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_d.partitions.size());
}

int GroupLagModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant GroupLagModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || index.row() >= rowCount()) return {};
    const PartitionLag& l = m_d.partitions[static_cast<size_t>(index.row())];
    if (role == Qt::TextAlignmentRole)
        return index.column() == TopicCol || index.column() == CommitTimeCol || index.column() == BehindCol
                   ? QVariant()
                   : QVariant(Qt::AlignRight | Qt::AlignVCenter);
    if (role == Qt::UserRole && index.column() == LagCol) return QVariant::fromValue(l.lag.value_or(-1));
    if (role == Qt::ToolTipRole && index.column() == BehindCol)
        return m_d.behindUnread > 0
                   ? tr("How far the first record this group has not read is behind the partition's newest "
                        "record (read for the %1 most lagging partitions; %2 more not read)")
                         .arg(kMaxBehindPartitions)
                         .arg(m_d.behindUnread)
                   : tr("How far the first record this group has not read is behind the partition's newest "
                        "record");
    if (role != Qt::DisplayRole) return {};
    const QLocale loc;
    switch (index.column()) {
    case TopicCol:
        return l.topic;
    case PartitionCol:
        return QString::number(l.partition);
    case CommittedCol:
        return l.committed ? loc.toString(*l.committed) : tr("no commit");
    case EndCol:
        return loc.toString(l.end);
    case LagCol:
        // Without a commit: what the group would read from the earliest offset, never a bare 0.
        return l.lag ? loc.toString(*l.lag) : tr("≤ %1").arg(loc.toString(l.held));
    case BehindCol: {
        const size_t i = static_cast<size_t>(index.row());
        if (i >= m_d.behindMs.size() || !m_d.behindMs[i]) return QString();
        return *m_d.behindMs[i] == 0 ? tr("caught up") : formatDuration(*m_d.behindMs[i]);
    }
    case CommitTimeCol:
        if (!l.commitTime) return QString();
        return displayTime(*l.commitTime, m_utc, TimeDetail::Seconds);
    default:
        return {};
    }
}

QVariant GroupLagModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (role != Qt::DisplayRole || orientation != Qt::Horizontal) return {};
    switch (section) {
    case TopicCol:
        return tr("Topic");
    case PartitionCol:
        return tr("Partition");
    case CommittedCol:
        return tr("Committed");
    case EndCol:
        return tr("End");
    case LagCol:
        return tr("Lag");
    case CommitTimeCol:
        return m_utc ? tr("Committed at (UTC)") : tr("Committed at (local)");
    case BehindCol:
        return tr("Behind");
    default:
        return {};
    }
}

} // namespace rw
