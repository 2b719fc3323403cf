#include "plot_style.h"

#include <qcustomplot.h>

namespace rw {

QColor seriesColor(Series series)
{
    switch (series) {
    case Series::Rate:
        return QColor(0x3b, 0x82, 0xc4);
    case Series::Written:
        return QColor(0x3a, 0xa6, 0x5b);
    case Series::Lag:
        break;
    }
    return QColor(0xc9, 0x4c, 0x4c);
}

void applyPlotPalette(QCustomPlot* plot, const QPalette& pal)
{
    plot->setBackground(pal.brush(QPalette::Base));
    for (QCPAxis* a : {plot->xAxis, plot->yAxis, plot->yAxis2}) {
        a->setBasePen(QPen(pal.color(QPalette::Text)));
        a->setTickPen(QPen(pal.color(QPalette::Text)));
        a->setSubTickPen(QPen(pal.color(QPalette::Text)));
        a->setTickLabelColor(pal.color(QPalette::Text));
        a->setLabelColor(pal.color(QPalette::Text));
        a->grid()->setPen(QPen(pal.color(QPalette::Mid), 0, Qt::DotLine));
    }
    plot->legend->setBrush(pal.brush(QPalette::Base));
    plot->legend->setTextColor(pal.color(QPalette::Text));
}

} // namespace rw
