#include "plot_style.h"

#include <QCoreApplication>

#include <qcustomplot.h>

namespace rw {

namespace {

class DateTicker : public QCPAxisTickerDateTime {
protected:
    double getTickStep(const QCPRange& range) override
    {
        const double step = QCPAxisTickerDateTime::getTickStep(range); // seconds
        if (step >= 86'400 - 1)
            setDateTimeFormat(QStringLiteral("ddd d MMM"));
        else if (step >= 60 - 0.001)
            setDateTimeFormat(QStringLiteral("ddd d MMM\nHH:mm"));
        else if (step >= 1 - 1e-6)
            setDateTimeFormat(QStringLiteral("d MMM\nHH:mm:ss"));
        else
            setDateTimeFormat(QStringLiteral("HH:mm:ss\n.zzz"));
        return step;
    }
};

} // namespace

QSharedPointer<QCPAxisTickerDateTime> makeDateTicker()
{
    auto ticker = QSharedPointer<DateTicker>::create();
    ticker->setDateTimeSpec(Qt::UTC);
    ticker->setDateTimeFormat(QStringLiteral("ddd d MMM\nHH:mm"));
    return ticker;
}

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

int drawPinnedRanges(QCustomPlot* plot, const std::vector<CaseRange>& ranges, const QPalette& palette)
{
    for (int i = plot->itemCount() - 1; i >= 0; --i)
        if (plot->item(i)->objectName() == QLatin1String("pinnedRange") ||
            plot->item(i)->objectName() == QLatin1String("pinnedRangeNote"))
            plot->removeItem(i);
    const bool dark = palette.color(QPalette::Base).lightness() < 128;
    const QColor c = dark ? QColor(0xe0, 0xc0, 0x40) : QColor(0xb0, 0x80, 0x00);
    int drawn = 0;
    for (const CaseRange& r : ranges) {
        auto* band = new QCPItemRect(plot);
        band->setObjectName(QStringLiteral("pinnedRange"));
        band->setPen(QPen(c, 1));
        QColor fill = c;
        fill.setAlpha(40);
        band->setBrush(fill);
        band->topLeft->setTypeY(QCPItemPosition::ptAxisRectRatio);
        band->bottomRight->setTypeY(QCPItemPosition::ptAxisRectRatio);
        band->topLeft->setCoords(static_cast<double>(r.from) / 1000.0, 0);
        band->bottomRight->setCoords(static_cast<double>(std::max(r.to, r.from + 1)) / 1000.0, 1);
        band->setLayer(QStringLiteral("background"));
        auto* label = new QCPItemText(plot);
        label->setObjectName(QStringLiteral("pinnedRangeNote"));
        label->position->setTypeX(QCPItemPosition::ptPlotCoords);
        label->position->setTypeY(QCPItemPosition::ptAxisRectRatio);
        label->position->setCoords(static_cast<double>(r.from) / 1000.0, 0.12); // below a schema mark's label
        label->setPositionAlignment(Qt::AlignLeft | Qt::AlignTop);
        label->setPadding(QMargins(3, 1, 3, 1));
        label->setColor(dark ? c : c.darker(130));
        label->setClipToAxisRect(true);
        const QString note = r.note.simplified();
        label->setText(note.isEmpty()     ? QCoreApplication::translate("rw::PlotStyle", "pinned")
                       : note.size() > 40 ? note.left(39) + QStringLiteral("\u2026")
                                          : note);
        QColor base = palette.color(QPalette::Base);
        base.setAlpha(200); // readable over the bars
        label->setBrush(base);
        ++drawn;
    }
    return drawn;
}

} // namespace rw
