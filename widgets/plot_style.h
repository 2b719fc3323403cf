#pragma once
// Colours a QCustomPlot from a widget palette (light or dark), for every chart in Rewind.
// GUI thread only.

#include <QPalette>

class QCustomPlot;

namespace rw {

void applyPlotPalette(QCustomPlot* plot, const QPalette& palette);

} // namespace rw
