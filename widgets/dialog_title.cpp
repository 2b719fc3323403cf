#include "dialog_title.h"

#include <QApplication>
#include <QFontMetrics>
#include <QScreen>
#include <QWidget>

#include <algorithm>

namespace rw {

int titleWidthNeeded(const QWidget* dialog)
{
    // Title bars are often bold and a little larger than the text of the window.
    QFont font = QApplication::font("QMdiSubWindowTitleBar");
    font.setBold(true);
    font.setPointSizeF(font.pointSizeF() * 1.1);
    const int text = QFontMetrics(font).horizontalAdvance(dialog->windowTitle());
    constexpr int kButtonsAndMargins = 160; // close, maximise, an icon and the frame
    int width = text + kButtonsAndMargins;
    if (const QScreen* screen = dialog->screen())
        width = std::min(width, screen->availableGeometry().width() - 40);
    return width;
}

void fitTitle(QWidget* dialog)
{
    dialog->setMinimumWidth(std::max(dialog->minimumWidth(), titleWidthNeeded(dialog)));
}

} // namespace rw
