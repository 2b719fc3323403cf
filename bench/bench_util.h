#pragma once
// Small helpers every benchmark shares: elapsed seconds, the median of repeated runs, the runs
// themselves as JSON (benchmarks report the median and list every run), and the process's
// memory, and waiting on a window without spinning. Header-only.

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QJsonArray>
#include <QTimer>

#include <algorithm>
#include <vector>

namespace rw::bench {

inline double secondsOf(const QElapsedTimer& t)
{
    return static_cast<double>(t.nsecsElapsed()) / 1e9;
}

inline double median(std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    return v.empty() ? 0 : v[v.size() / 2];
}

// A line of /proc/self/status in KiB: VmRSS (all resident), RssAnon (heap), RssFile (mapped
// files, shared and reclaimable); -1 where it cannot be read.
inline qint64 statusKiB(const char* field)
{
    QFile f(QStringLiteral("/proc/self/status"));
    if (!f.open(QIODevice::ReadOnly)) return -1;
    const QByteArray prefix = QByteArray(field) + ':';
    for (const QByteArray& line : f.readAll().split('\n'))
        if (line.startsWith(prefix)) return line.mid(prefix.size()).trimmed().split(' ').front().toLongLong();
    return -1;
}

// Runs the event loop until done() holds or timeoutMs pass; true if done() held. It sleeps until
// the next event: processEvents(AllEvents, ms) returns at once when nothing is pending, and a
// loop around it spun a core that the window and the brokers being measured needed (the cluster
// overview read 0.3-0.6 s slower on 2 cores).
template <typename Done> bool waitUntil(Done done, int timeoutMs)
{
    QElapsedTimer t;
    t.start();
    QTimer wake; // done() may turn true without an event of its own: looked at every 10 ms
    wake.start(10);
    while (!done() && t.elapsed() < timeoutMs)
        QCoreApplication::processEvents(QEventLoop::AllEvents | QEventLoop::WaitForMoreEvents);
    return done();
}

inline QJsonArray toJson(const std::vector<double>& v)
{
    QJsonArray a;
    for (double x : v)
        a.append(x);
    return a;
}

} // namespace rw::bench
