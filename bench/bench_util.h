#pragma once
// Small helpers every benchmark shares: elapsed seconds, the median of repeated runs, and the
// runs themselves as JSON (benchmarks report the median and list every run). Header-only.

#include <QElapsedTimer>
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

inline QJsonArray toJson(const std::vector<double>& v)
{
    QJsonArray a;
    for (double x : v)
        a.append(x);
    return a;
}

} // namespace rw::bench
