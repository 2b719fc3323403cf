#pragma once
// Colours a QCustomPlot from a widget palette (light or dark), for every chart in Rewind.
// GUI thread only.

#include "case_file.h"

#include <QColor>
#include <QPalette>
#include <QSharedPointer>

class QCustomPlot;
class QCPAxisTickerDateTime;

namespace rw {

void applyPlotPalette(QCustomPlot* plot, const QPalette& palette);

// The colours of the series every chart draws (topics have theirs in models/topic_colors.h).
enum class Series { Rate, Written, Lag };
QColor seriesColor(Series series);

// A case's pinned time ranges as shaded bands with their notes (items named "pinnedRange"), on the
// plot's time axis (seconds). Returns how many were drawn; the caller replots.
int drawPinnedRanges(QCustomPlot* plot, const std::vector<CaseRange>& ranges, const QPalette& palette);

// A time axis (seconds since the epoch, UTC) whose labels are as fine as its ticks: days when the
// ticks are days apart, HH:mm, then seconds and milliseconds as one zooms in, so no two ticks read
// the same (a coarser format repeated "Thu 19 Nov 03:17" on every tick of a zoomed-in chart).
QSharedPointer<QCPAxisTickerDateTime> makeDateTicker();

} // namespace rw
