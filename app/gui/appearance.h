#pragma once
// Light or dark colours for the whole window, whatever the desktop offers: "" follows the
// system, "light" and "dark" use Qt's Fusion style with a palette of that kind (charts follow
// palette changes). Kept in the settings (View ▸ Colours); `rewind --colours dark` for one run.
// GUI thread only.

#include <QString>

namespace rw {

QString configuredColours(); // "", "light" or "dark"
void setConfiguredColours(const QString& scheme);
void applyColours(const QString& scheme);

} // namespace rw
