#include "plot_style.h"

#include <qcustomplot.h>

namespace rw {

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
