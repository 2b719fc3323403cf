#include "text_diff.h"

#include <algorithm>

namespace rw {

std::vector<DiffLine> diffLines(const QStringList& a, const QStringList& b)
{
    qsizetype head = 0;
    while (head < a.size() && head < b.size() && a[head] == b[head])
        ++head;
    qsizetype tail = 0;
    while (tail < a.size() - head && tail < b.size() - head &&
           a[a.size() - 1 - tail] == b[b.size() - 1 - tail])
        ++tail;
    std::vector<DiffLine> out;
    out.reserve(static_cast<size_t>(std::max(a.size(), b.size()) + 8));
    for (qsizetype i = 0; i < head; ++i)
        out.push_back({DiffLine::Same, a[i]});
    const qsizetype n = a.size() - head - tail, m = b.size() - head - tail;
    if (n * m > 4'000'000) { // too big to compare line by line: all of it changed
        for (qsizetype i = 0; i < n; ++i)
            out.push_back({DiffLine::Removed, a[head + i]});
        for (qsizetype j = 0; j < m; ++j)
            out.push_back({DiffLine::Added, b[head + j]});
    } else {
        // lcs[i][j]: the common subsequence length of a[head+i..] and b[head+j..].
        const qsizetype w = m + 1;
        std::vector<quint32> lcs(static_cast<size_t>((n + 1) * w), 0);
        for (qsizetype i = n - 1; i >= 0; --i)
            for (qsizetype j = m - 1; j >= 0; --j)
                lcs[static_cast<size_t>(i * w + j)] =
                    a[head + i] == b[head + j] ? lcs[static_cast<size_t>((i + 1) * w + j + 1)] + 1
                                               : std::max(lcs[static_cast<size_t>((i + 1) * w + j)],
                                                          lcs[static_cast<size_t>(i * w + j + 1)]);
        qsizetype i = 0, j = 0;
        while (i < n || j < m) {
            if (i < n && j < m && a[head + i] == b[head + j]) {
                out.push_back({DiffLine::Same, a[head + i]});
                ++i;
                ++j;
            } else if (i < n && (j == m || lcs[static_cast<size_t>((i + 1) * w + j)] >=
                                               lcs[static_cast<size_t>(i * w + j + 1)])) {
                out.push_back({DiffLine::Removed, a[head + i]}); // removals first, as diff -u
                ++i;
            } else {
                out.push_back({DiffLine::Added, b[head + j]});
                ++j;
            }
        }
    }
    for (qsizetype i = a.size() - tail; i < a.size(); ++i)
        out.push_back({DiffLine::Same, a[i]});
    return out;
}

QString unifiedDiff(const QString& before, const QString& after, const QString& beforeName,
                    const QString& afterName, int context)
{
    auto lines = [](const QString& t) {
        QStringList l = t.split(QLatin1Char('\n'));
        if (!l.isEmpty() && l.last().isEmpty()) l.removeLast();
        return l;
    };
    const std::vector<DiffLine> d = diffLines(lines(before), lines(after));
    const qsizetype size = static_cast<qsizetype>(d.size());
    QString out;
    qsizetype at = 0;
    // Line numbers (1-based) of d[at] in each text.
    qsizetype lineA = 1, lineB = 1;
    while (at < size) {
        qsizetype change = at;
        qsizetype la = lineA, lb = lineB;
        while (change < size && d[static_cast<size_t>(change)].kind == DiffLine::Same) {
            ++change;
            ++la;
            ++lb;
        }
        if (change == size) break;
        // The hunk starts `context` lines before the change and runs until `context` unchanged
        // lines follow the last change that is closer than 2*context to the one before.
        const qsizetype start = std::max(at, change - context);
        la -= change - start;
        lb -= change - start;
        qsizetype end = change, sameRun = 0;
        for (qsizetype k = change; k < size; ++k) {
            if (d[static_cast<size_t>(k)].kind == DiffLine::Same) {
                if (++sameRun > 2 * context) break;
            } else {
                sameRun = 0;
                end = k + 1;
            }
        }
        const qsizetype stop = std::min(size, end + context);
        qsizetype countA = 0, countB = 0;
        QString body;
        for (qsizetype k = start; k < stop; ++k) {
            const DiffLine& l = d[static_cast<size_t>(k)];
            if (l.kind != DiffLine::Added) ++countA;
            if (l.kind != DiffLine::Removed) ++countB;
            body += QChar::fromLatin1(static_cast<char>(l.kind)) + l.text + QLatin1Char('\n');
        }
        if (out.isEmpty()) out = QStringLiteral("--- %1\n+++ %2\n").arg(beforeName, afterName);
        out += QStringLiteral("@@ -%1,%2 +%3,%4 @@\n")
                   .arg(countA ? la : la - 1)
                   .arg(countA)
                   .arg(countB ? lb : lb - 1)
                   .arg(countB) +
               body;
        lineA = la + countA;
        lineB = lb + countB;
        at = stop;
    }
    return out;
}

} // namespace rw
