#pragma once
// Keeps a live source's watermarks fresh: every few seconds (and on demand) it reads the topics'
// partitions again on a worker, on a connection of its own, and hands them over, so the topic
// tree does not show a cluster as it was when connected until F5. Sources that are not live are
// not polled. Thread contract: GUI thread; the reading runs on its JobRunner (one thread, so the
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
    void setInterval(int ms) { m_timer.setInterval(ms); }
    void pollNow();

signals:
    void polled(const std::vector<rw::TopicInfo>& topics);

private:
    struct Connection {
        std::shared_ptr<RecordSource> source;
        std::unique_ptr<RecordSource> reader; // made on the worker at the first poll
    };
    std::shared_ptr<Connection> m_connection;
    JobRunner* m_jobs;
    QTimer m_timer;
};

} // namespace rw
