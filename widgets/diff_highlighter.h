#pragma once
// A unified diff coloured as it reads in a code review: added lines green, removed red, hunk
// headers muted, file headers bold; follows the light or dark palette. For the schema history
// and the registry browser. GUI thread only.

#include <QSyntaxHighlighter>

namespace rw {

class DiffHighlighter : public QSyntaxHighlighter {
public:
    using QSyntaxHighlighter::QSyntaxHighlighter;

protected:
    void highlightBlock(const QString& text) override;
};

} // namespace rw
