#pragma once
// Which brokers of a live cluster answer, asked every few seconds through the source
// (RecordSource::brokers: each broker asked about itself) on a connection of its own. A broker
// that stops answering, or drops out of the cluster's listing (the controller fences a broker
// that was killed or cut off), is unreachable since the first poll that missed it, until a poll
// finds it answering again; so the window can say which broker and since when while the
// cluster moves its partitions elsewhere. A poll that no broker answers makes the whole cluster
// unreachable since then.
// Thread contract: GUI thread; the asking runs on its JobRunner, one poll at a time (a poll
// waits up to a few seconds for a broker that is cut off; the next starts after it).

#include "record_source.h"

#include <QObject>
#include <QTimer>

#include <map>
#include <memory>

namespace rw {

class JobRunner;

class BrokerWatch : public QObject {
    Q_OBJECT
public:
    struct Broker {
        int id = 0;
        QString address; // host:port as the cluster advertises it
        bool reachable = true;
        TimestampMs downSince = 0; // when a poll first missed it (0: answering)
        QString problem;           // why it did not answer
    };

    explicit BrokerWatch(QObject* parent = nullptr);
    void setSource(const std::shared_ptr<RecordSource>& source); // nullptr or not a cluster: stops
    void setInterval(int ms); // between the end of one poll and the start of the next (3 s)
    void pollNow();

    // Every broker seen since the source was set, by id.
    std::vector<Broker> brokers() const;
    TimestampMs clusterDownSince() const { return m_clusterDownSince; } // 0: some broker answers
    QString clusterProblem() const { return m_clusterProblem; }
    // One line for the status bar; empty while every broker answers.
    QString summary() const;
    int polls() const { return m_polls; }

signals:
    void changed();

private:
    struct Connection {
        std::shared_ptr<RecordSource> source;
        std::unique_ptr<RecordSource> reader; // made on the worker at the first poll
    };
    void polled(TimestampMs at, const Result<ClusterBrokers>& answer);
    std::shared_ptr<Connection> m_connection;
    JobRunner* m_jobs;
    QTimer m_timer;
    bool m_busy = false;
    int m_polls = 0;
    std::map<int, Broker> m_brokers;
    TimestampMs m_clusterDownSince = 0;
    QString m_clusterProblem;
};

} // namespace rw
