#include "group_details.h"

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

Result<GroupDetails> loadGroupDetails(RecordSource& source, const QString& group)
{
    auto state = source.group(group);
    if (!state) return state.error();
    GroupDetails d;
    d.group = group;
    d.state = state->state;
    d.members = state->members;
    d.partitions = std::move(state->partitions);
    d.history = std::move(state->history);
    for (const PartitionLag& l : d.partitions) {
        if (l.lag) {
            d.totalLag += *l.lag;
        } else {
            ++d.withoutCommit;
            d.uncommittedHeld += l.held;
        }
    }
    // Lag as time: the first unread record of each partition against the newest one, where the
    // source knows its partitions' newest times (one record read per lagging partition).
    d.behindMs.assign(d.partitions.size(), std::nullopt);
    std::optional<std::vector<TopicInfo>> topics;
    for (size_t i = 0; i < d.partitions.size(); ++i) {
        const PartitionLag& l = d.partitions[i];
        if (!l.lag) continue;
        if (*l.lag == 0) {
            d.behindMs[i] = 0;
            continue;
        }
        if (!topics) {
            auto t = source.topics();
            if (!t) break; // the lag itself stands; its age stays unknown
            topics = std::move(t.value());
        }
        std::optional<TimestampMs> newest;
        for (const TopicInfo& t : *topics)
            if (t.name == l.topic)
                for (const PartitionInfo& p : t.partitions)
                    if (p.partition == l.partition) newest = p.maxTimestamp;
        if (!newest) continue;
        std::optional<TimestampMs> first;
        auto r = source.scan(
            l.topic, l.partition, *l.committed, l.end,
            [&](const RecordView& v) {
                first = v.timestamp;
                return false;
            },
            1);
        if (!r || !first) continue;
        d.behindMs[i] = std::max<qint64>(0, *newest - *first);
        d.maxBehindMs = std::max(d.maxBehindMs, *d.behindMs[i]);
        if (!d.oldestUnread || *first < *d.oldestUnread) d.oldestUnread = first;
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
    if (recent.size() < 2) {
        c.words = last.lag == 0 ? QObject::tr("caught up") : QObject::tr("not enough history for a rate yet");
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

Result<std::vector<ResetPlanRow>> planWorkspaceReset(WorkspaceStore& store, const QString& group,
                                                     const ResetSpec& spec)
{
    auto t = store.topic(spec.topic);
    if (!t) return t.error();
    auto committed = store.committedOffsets(group);
    if (!committed && committed.error().code != ErrorCode::NotFound) return committed.error();
    std::vector<ResetPlanRow> plan;
    for (const PartitionInfo& p : t->partitions) {
        if (spec.partition && p.partition != *spec.partition) continue;
        ResetPlanRow row;
        row.topic = spec.topic;
        row.partition = p.partition;
        if (committed)
            for (const GroupOffset& o : committed.value())
                if (o.topic == spec.topic && o.partition == p.partition) row.current = o.offset;
        Offset atTime = p.high;
        if (spec.kind == ResetKind::ToTime) {
            auto o = store.offsetForTime(spec.topic, p.partition, spec.value);
            if (!o) return o.error();
            atTime = o.value().value_or(p.high);
        }
        if (auto r = planResetRow(row, spec, p.low, p.high, atTime, group); !r) return r.error();
        plan.push_back(row);
    }
    if (plan.empty())
        return makeError(
            ErrorCode::NotFound,
            QObject::tr("topic '%1' has no partition %2").arg(spec.topic).arg(spec.partition.value_or(-1)));
    return plan;
}

Result<void> applyWorkspaceReset(WorkspaceStore& store, const QString& group,
                                 const std::vector<ResetPlanRow>& plan)
{
    std::vector<GroupOffset> offsets;
    for (const ResetPlanRow& r : plan)
        offsets.push_back({r.topic, r.partition, r.target, QStringLiteral("reset by Rewind")});
    auto r = store.commitOffsets(group, offsets); // one transaction: all or nothing
    (void)store.addAudit(QStringLiteral("reset"), group,
                         (r ? QString() : QStringLiteral("failed: %1; ").arg(r.error().message)) +
                             describeResetPlan(plan));
    return r;
}

Result<std::vector<ResetPlanRow>> planReset(const QString& workspacePath,
                                            const std::optional<KafkaProfile>& kafka, const QString& group,
                                            const ResetSpec& spec)
{
    if (kafka) {
        auto c = KafkaClient::connect(*kafka);
        if (!c) return c.error();
        return c.value()->planReset(group, spec);
    }
    auto s = WorkspaceStore::open(workspacePath, WorkspaceStore::Mode::ReadOnly);
    if (!s) return s.error();
    return planWorkspaceReset(*s.value(), group, spec);
}

Result<void> applyReset(const QString& workspacePath, const std::optional<KafkaProfile>& kafka,
                        const QString& group, const std::vector<ResetPlanRow>& plan)
{
    if (kafka) {
        auto c = KafkaClient::connect(*kafka);
        if (!c) return c.error();
        return c.value()->applyReset(group, plan);
    }
    auto s = WorkspaceStore::open(workspacePath, WorkspaceStore::Mode::ReadWrite);
    if (!s) return s.error();
    return applyWorkspaceReset(*s.value(), group, plan);
}

void LagSamplerWorker::openKafka(const KafkaProfile& profile)
{
    m_store.reset();
    m_client.reset();
    m_last.clear();
    m_kafka = profile;
    m_path = QStringLiteral("kafka:") + profile.name;
}

void LagSamplerWorker::sampleKafka()
{
    if (!m_client) {
        auto c = KafkaClient::connect(*m_kafka);
        if (!c) {
            emit notice(tr("Lag sampling: %1").arg(c.error().message));
            return;
        }
        m_client = std::move(c.value());
    }
    auto groups = m_client->groups();
    if (!groups) {
        m_client.reset(); // reconnect next time
        return;
    }
    const TimestampMs now = currentTimeMs();
    for (const KafkaGroupListing& g : groups.value()) {
        auto lag = m_client->groupLag(g.name);
        if (!lag) continue;
        qint64 total = 0;
        int committed = 0;
        for (const KafkaPartitionLag& l : lag.value())
            if (l.lag) {
                total += *l.lag;
                ++committed;
            }
        if (committed == 0) continue;
        const LagSample s{now, total};
        const bool saved = appendKafkaLagSample(m_kafka->name, g.name, s).ok();
        emit sampled(m_path, g.name, s, saved);
    }
}

void LagSamplerWorker::open(const QString& path)
{
    m_kafka.reset();
    m_client.reset();
    m_store.reset();
    m_last.clear();
    m_path = path;
    if (path.isEmpty()) return;
    auto rw = WorkspaceStore::open(path, WorkspaceStore::Mode::ReadWrite);
    if (rw) {
        m_store = std::move(rw.value());
        m_writable = true;
        return;
    }
    auto ro = WorkspaceStore::open(path, WorkspaceStore::Mode::ReadOnly);
    if (!ro) return; // the main loader reports why the file cannot be opened
    m_store = std::move(ro.value());
    m_writable = false;
    emit notice(tr("Lag history is not saved: %1").arg(rw.error().message));
}

void LagSamplerWorker::sample()
{
    if (m_kafka) {
        sampleKafka();
        return;
    }
    if (!m_store) return;
    auto groups = m_store->groups();
    if (!groups) return;
    const TimestampMs now = currentTimeMs();
    for (const GroupSummary& g : groups.value()) {
        if (g.partitionsWithCommit == 0) continue; // no lag to speak of
        const LagSample s{now, g.totalLag};
        bool saved = false;
        if (m_writable) {
            auto it = m_last.find(g.name);
            if (it == m_last.end()) {
                auto h = m_store->lagSamples(g.name);
                if (h && !h->empty()) it = m_last.emplace(g.name, h->back()).first;
            }
            // A change is always kept; an unchanged lag every 10 minutes while a live series runs
            // (so a steady lag still draws a line), never to restart an old one: a workspace that
            // nothing writes to keeps its history as it was.
            const bool due = it == m_last.end() || it->second.lag != s.lag ||
                             (s.at - it->second.at >= 10 * 60'000 && s.at - it->second.at < 60 * 60'000);
            if (due) {
                if (auto r = m_store->addLagSamples(g.name, {s}); r) {
                    m_last[g.name] = s;
                    saved = true;
                } else {
                    m_writable = false;
                    emit notice(tr("Lag history is not saved: %1").arg(r.error().message));
                }
            }
        }
        if (saved || !m_writable) emit sampled(m_path, g.name, s, saved);
    }
}

LagSampler::LagSampler(QObject* parent) : QObject(parent), m_worker(new LagSamplerWorker)
{
    qRegisterMetaType<LagSample>();
    qRegisterMetaType<KafkaProfile>();
    m_worker->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
    connect(this, &LagSampler::requestOpen, m_worker, &LagSamplerWorker::open, Qt::QueuedConnection);
    connect(this, &LagSampler::requestOpenKafka, m_worker, &LagSamplerWorker::openKafka,
            Qt::QueuedConnection);
    connect(this, &LagSampler::requestSample, m_worker, &LagSamplerWorker::sample, Qt::QueuedConnection);
    connect(m_worker, &LagSamplerWorker::sampled, this, &LagSampler::sampled, Qt::QueuedConnection);
    connect(m_worker, &LagSamplerWorker::notice, this, &LagSampler::notice, Qt::QueuedConnection);
    m_thread.setObjectName(QStringLiteral("lag-sampler"));
    m_thread.start();
    m_timer.setInterval(60'000);
    connect(&m_timer, &QTimer::timeout, this, &LagSampler::sampleNow);
}

LagSampler::~LagSampler()
{
    m_thread.quit();
    m_thread.wait();
}

void LagSampler::setWorkspace(const QString& path)
{
    emit requestOpen(path);
    if (path.isEmpty()) {
        m_timer.stop();
        return;
    }
    sampleNow();
    m_timer.start(60'000);
}

void LagSampler::setKafka(const KafkaProfile& profile)
{
    emit requestOpenKafka(profile);
    m_timer.start(30'000);
    sampleNow();
}

void LagSampler::sampleNow()
{
    emit requestSample();
}

void GroupLagModel::setDetails(const GroupDetails& d)
{
    beginResetModel();
    m_d = d;
    endResetModel();
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
        return tr("How far the first record this group has not read is behind the partition's newest record");
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
