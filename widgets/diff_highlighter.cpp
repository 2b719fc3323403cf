#include "diff_highlighter.h"

#include <QApplication>
#include <QPalette>
#include <QTextCharFormat>

namespace rw {

void DiffHighlighter::highlightBlock(const QString& text)
{
    const bool dark = QApplication::palette().color(QPalette::Base).lightness() < 128;
    QTextCharFormat f;
    if (text.startsWith(QLatin1String("+++")) || text.startsWith(QLatin1String("---"))) {
        f.setFontWeight(QFont::Bold);
    } else if (text.startsWith(QLatin1Char('+'))) {
        f.setForeground(dark ? QColor(0x8f, 0xd9, 0x8f) : QColor(0x1a, 0x7f, 0x37));
        f.setBackground(dark ? QColor(0x1e, 0x3a, 0x24) : QColor(0xe6, 0xff, 0xec));
    } else if (text.startsWith(QLatin1Char('-'))) {
        f.setForeground(dark ? QColor(0xf0, 0x90, 0x90) : QColor(0xb3, 0x1d, 0x28));
        f.setBackground(dark ? QColor(0x44, 0x22, 0x24) : QColor(0xff, 0xeb, 0xe9));
    } else if (text.startsWith(QLatin1String("@@"))) {
        f.setForeground(QApplication::palette().color(QPalette::PlaceholderText));
    } else {
        return;
    }
    setFormat(0, static_cast<int>(text.size()), f);
}

} // namespace rw
