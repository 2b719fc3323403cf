#pragma once
// Small helpers every benchmark shares: elapsed seconds, the median of repeated runs, the runs
// themselves as JSON (benchmarks report the median and list every run), and the process's
// memory. Header-only.

#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>

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

inline QJsonArray toJson(const std::vector<double>& v)
{
    QJsonArray a;
    for (double x : v)
        a.append(x);
    return a;
}

} // namespace rw::bench
