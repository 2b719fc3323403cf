#pragma once
// Colours a QCustomPlot from a widget palette (light or dark), for every chart in Rewind.
// GUI thread only.

#include <QColor>
#include <QPalette>

class QCustomPlot;

namespace rw {

void applyPlotPalette(QCustomPlot* plot, const QPalette& palette);

// The colours of the series every chart draws (topics have theirs in models/topic_colors.h).
enum class Series { Rate, Written, Lag };
QColor seriesColor(Series series);

} // namespace rw
