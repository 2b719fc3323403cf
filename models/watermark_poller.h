#pragma once
// Keeps a live source's watermarks fresh: every few seconds (and on demand) it reads the topics'
// partitions again on a worker, on a connection of its own, and hands them over, so the topic
// tree does not show a cluster as it was when connected until F5. Sources that are not live are
// not polled. A poll of every topic is as costly as the cluster is large (30,000 partitions:
// about a second of the client's and the brokers' time), so the wait between two is at least
// ten times what the last one took; the topic a view shows is read alone (pollTopic).
// Thread contract: GUI thread; the reading runs on its JobRunner (one thread, so the
// connection is used by one thread at a time).

#include "record_source.h"

#include <QObject>
#include <QTimer>

#include <memory>

namespace rw {

class JobRunner;

class WatermarkPoller : public QObject {
    Q_OBJECT
public:
    explicit WatermarkPoller(QObject* parent = nullptr);
    void setSource(const std::shared_ptr<RecordSource>& source); // nullptr or not live: stops
    void setInterval(int ms);             // the shortest wait between polls of every topic (10 s)
    void pollNow();                       // every topic, now
    void pollTopic(const QString& topic); // this topic alone, now
    int nextPollMs() const { return m_timer.interval(); } // between polls of every topic
    qint64 lastPollMs() const { return m_lastPollMs; }    // what the last of every topic took

signals:
    void polled(const std::vector<rw::TopicInfo>& topics);

private:
    struct Connection {
        std::shared_ptr<RecordSource> source;
        std::unique_ptr<RecordSource> reader; // made on the worker at the first poll
    };
    std::shared_ptr<Connection> m_connection;
    void poll(const QString& topic);
    JobRunner* m_jobs;
    QTimer m_timer;
    int m_interval = 10'000;
    qint64 m_lastPollMs = 0;
};

} // namespace rw
