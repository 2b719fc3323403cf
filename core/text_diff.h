#pragma once
// A line diff of two texts (longest common subsequence after the common ends are trimmed), in the
// unified form people know from `diff -u`. For small texts: schemas, configurations; a middle part
// of more than ~4M line pairs is shown as removed and added whole rather than computed.
// Any thread.

#include <QString>
#include <QStringList>

#include <vector>

namespace rw {

struct DiffLine {
    enum Kind : char { Same = ' ', Removed = '-', Added = '+' } kind = Same;
    QString text;
};

std::vector<DiffLine> diffLines(const QStringList& before, const QStringList& after);

// "--- beforeName\n+++ afterName\n@@ -a,b +c,d @@\n" hunks with `context` lines around changes;
// empty when the texts have the same lines.
QString unifiedDiff(const QString& before, const QString& after, const QString& beforeName,
                    const QString& afterName, int context = 3);

} // namespace rw
