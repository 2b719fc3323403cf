#include "log_types.h"

#include <QStringList>

#include <algorithm>

namespace rw {

qint64 TopicInfo::count() const
{
    qint64 n = 0;
    for (const auto& p : partitions)
        n += p.count;
    return n;
}

void GroupSummary::noteLag(const QString& topic, qint64 lag)
{
    for (auto& [t, most] : maxLag)
        if (t == topic) {
            most = std::max(most, lag);
            return;
        }
    maxLag.emplace_back(topic, lag);
}

GroupSummary summarizeGroup(const QString& name, const std::vector<PartitionLag>& lags)
{
    GroupSummary g;
    g.name = name;
    for (const PartitionLag& l : lags) {
        if (std::find(g.topics.begin(), g.topics.end(), l.topic) == g.topics.end())
            g.topics.push_back(l.topic);
        if (l.lag) {
            ++g.partitionsWithCommit;
            g.totalLag += *l.lag;
            g.noteLag(l.topic, *l.lag);
        } else {
            ++g.partitionsWithoutCommit;
            g.uncommittedHeld += l.held;
        }
    }
    return g;
}

Result<void> planResetRow(ResetPlanRow& row, const ResetSpec& spec, Offset low, Offset high, Offset atTime,
                          const QString& group)
{
    switch (spec.kind) {
    case ResetKind::Earliest:
        row.target = low;
        break;
    case ResetKind::Latest:
        row.target = high;
        break;
    case ResetKind::ToTime:
        row.target = atTime;
        break;
    case ResetKind::ToOffset:
        row.target = spec.value;
        break;
    case ResetKind::ShiftBy:
        if (!row.current)
            return makeError(ErrorCode::InvalidArgument,
                             QStringLiteral("cannot shift %1-%2: group '%3' has no committed offset there")
                                 .arg(row.topic)
                                 .arg(row.partition)
                                 .arg(group));
        row.target = *row.current + spec.value;
        break;
    }
    row.target = std::clamp<Offset>(row.target, low, high); // like Kafka's tool: stay in range
    return {};
}

QString describeResetPlan(const std::vector<ResetPlanRow>& plan)
{
    QStringList moves;
    for (const ResetPlanRow& row : plan)
        moves << QStringLiteral("%1-%2:%3->%4")
                     .arg(row.topic)
                     .arg(row.partition)
                     .arg(row.current ? QString::number(*row.current) : QStringLiteral("none"))
                     .arg(row.target);
    return moves.join(QLatin1Char(' '));
}

} // namespace rw
