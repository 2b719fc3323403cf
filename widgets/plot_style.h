#pragma once
// Colours a QCustomPlot from a widget palette (light or dark), for every chart in Rewind.
// GUI thread only.

#include "case_file.h"

#include <QColor>
#include <QPalette>

class QCustomPlot;

namespace rw {

void applyPlotPalette(QCustomPlot* plot, const QPalette& palette);

// The colours of the series every chart draws (topics have theirs in models/topic_colors.h).
enum class Series { Rate, Written, Lag };
QColor seriesColor(Series series);

// A case's pinned time ranges as shaded bands with their notes (items named "pinnedRange"), on the
// plot's time axis (seconds). Returns how many were drawn; the caller replots.
int drawPinnedRanges(QCustomPlot* plot, const std::vector<CaseRange>& ranges, const QPalette& palette);

} // namespace rw
