#pragma once
// A dialog at least as wide as its title needs, so the title bar never elides it ("Reset offsets
// of notifications-…"): the title's width in the title-bar font, plus room for the window
// manager's buttons, capped at the screen's width. Call after setWindowTitle. GUI thread only.

class QWidget;

namespace rw {

void fitTitle(QWidget* dialog);
int titleWidthNeeded(const QWidget* dialog); // what fitTitle makes the minimum width

} // namespace rw
