#include "broker_watch.h"

#include "job_runner.h"

#include <QDateTime>
#include <QLocale>

namespace rw {

BrokerWatch::BrokerWatch(QObject* parent) : QObject(parent), m_jobs(new JobRunner(this, 1))
{
    m_timer.setSingleShot(true);
    m_timer.setInterval(3000);
    connect(&m_timer, &QTimer::timeout, this, &BrokerWatch::pollNow);
}

void BrokerWatch::setSource(const std::shared_ptr<RecordSource>& source)
{
    m_jobs->cancel();
    m_busy = false;
    m_connection.reset();
    m_timer.stop();
    const bool hadNews = !m_brokers.empty() || m_clusterDownSince != 0;
    m_brokers.clear();
    m_clusterDownSince = 0;
    m_clusterProblem.clear();
    if (hadNews) emit changed();
    if (!source || !source->capabilities().live) return;
    m_connection = std::make_shared<Connection>();
    m_connection->source = source;
    pollNow();
}

void BrokerWatch::setInterval(int ms)
{
    m_timer.setInterval(ms);
}

void BrokerWatch::pollNow()
{
    if (!m_connection || m_busy) return;
    m_busy = true;
    m_timer.stop();
    const TimestampMs at = QDateTime::currentMSecsSinceEpoch();
    auto work = [connection = m_connection](const CancelToken& cancel) -> Result<ClusterBrokers> {
        if (cancel.cancelled()) return makeError(ErrorCode::Cancelled, QStringLiteral("cancelled"));
        if (!connection->reader) {
            auto r = connection->source->reopen();
            if (!r) return r.error();
            connection->reader = std::move(r.value());
        }
        return connection->reader->brokers();
    };
    m_jobs->start<ClusterBrokers>(std::move(work), [this, at](Result<ClusterBrokers> answer) {
        m_busy = false;
        polled(at, answer);
        if (m_connection) m_timer.start();
    });
}

void BrokerWatch::polled(TimestampMs at, const Result<ClusterBrokers>& answer)
{
    ++m_polls;
    if (!answer) {
        if (answer.error().code == ErrorCode::NotFound) { // not a cluster: nothing to watch
            m_connection.reset();
            return;
        }
        if (m_clusterDownSince == 0) m_clusterDownSince = at;
        m_clusterProblem = answer.error().message;
        emit changed();
        return;
    }
    bool news = m_clusterDownSince != 0;
    m_clusterDownSince = 0;
    m_clusterProblem.clear();
    std::map<int, bool> listed;
    for (const BrokerFact& b : answer->brokers) {
        listed[b.id] = true;
        Broker& w = m_brokers[b.id];
        const QString address = QStringLiteral("%1:%2").arg(b.host).arg(b.port);
        news = news || w.address != address || w.reachable != b.reachable || w.problem != b.problem;
        w.id = b.id;
        w.address = address;
        if (b.reachable) {
            w.downSince = 0;
        } else if (w.downSince == 0) {
            w.downSince = at;
        }
        w.reachable = b.reachable;
        w.problem = b.problem;
    }
    for (auto& [id, w] : m_brokers) {
        if (listed.count(id)) continue;
        // Seen before, not listed now: the controller fenced it (stopped, or cut off from it).
        const QString problem =
            tr("no longer listed by the cluster (stopped, or cut off from its controller)");
        news = news || w.reachable || w.problem != problem;
        if (w.reachable || w.downSince == 0) w.downSince = at;
        w.reachable = false;
        w.problem = problem;
    }
    if (news) emit changed();
}

std::vector<BrokerWatch::Broker> BrokerWatch::brokers() const
{
    std::vector<Broker> out;
    for (const auto& [id, b] : m_brokers)
        out.push_back(b);
    return out;
}

QString BrokerWatch::summary() const
{
    const QLocale locale;
    auto when = [&](TimestampMs ms) {
        return locale.toString(QDateTime::fromMSecsSinceEpoch(ms).time(), QStringLiteral("HH:mm:ss"));
    };
    if (m_clusterDownSince != 0)
        return tr("No broker of the cluster answers since %1").arg(when(m_clusterDownSince));
    QStringList down;
    for (const auto& [id, b] : m_brokers)
        if (!b.reachable)
            down << tr("Broker %1 (%2) unreachable since %3").arg(id).arg(b.address, when(b.downSince));
    return down.join(QStringLiteral(" · "));
}

} // namespace rw
