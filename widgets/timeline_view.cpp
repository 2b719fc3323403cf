#include "timeline_view.h"

#include <QDateTime>
#include <QLabel>
#include <QLocale>
#include <QVBoxLayout>

#include "plot_style.h"

#include <qcustomplot.h>

namespace rw {

namespace {

QString bucketWords(TimestampMs ms)
{
    if (ms % 86'400'000 == 0)
        return ms == 86'400'000 ? QObject::tr("day") : QObject::tr("%1 days").arg(ms / 86'400'000);
    if (ms % 3'600'000 == 0)
        return ms == 3'600'000 ? QObject::tr("hour") : QObject::tr("%1 h").arg(ms / 3'600'000);
    if (ms % 60'000 == 0)
        return ms == 60'000 ? QObject::tr("minute") : QObject::tr("%1 min").arg(ms / 60'000);
    return ms == 1000 ? QObject::tr("second") : QObject::tr("%1 s").arg(ms / 1000);
}

// Distinct colours for stacked series, readable on light and dark backgrounds.
QColor seriesColor(size_t i)
{
    static const QColor kColors[] = {QColor(0x3b, 0x82, 0xc4), QColor(0xe0, 0x8a, 0x1e),
                                     QColor(0x3a, 0xa6, 0x5b), QColor(0xc9, 0x4c, 0x4c),
                                     QColor(0x8e, 0x6c, 0xc0), QColor(0x2a, 0xa7, 0xa7),
                                     QColor(0xb0, 0x7a, 0x50), QColor(0xd0, 0x6f, 0xb0)};
    return kColors[i % std::size(kColors)];
}

} // namespace

TimelineView::TimelineView(QWidget* parent) : QWidget(parent), m_plot(new QCustomPlot), m_title(new QLabel)
{
    setObjectName(QStringLiteral("timeline"));
    m_plot->setObjectName(QStringLiteral("timelinePlot"));
    m_title->setObjectName(QStringLiteral("timelineTitle"));
    m_title->setTextFormat(Qt::PlainText);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addWidget(m_title);
    layout->addWidget(m_plot, 1);
    setMinimumHeight(120);

    applyPalette();
    auto ticker = QSharedPointer<QCPAxisTickerDateTime>::create();
    ticker->setDateTimeSpec(Qt::UTC);
    ticker->setDateTimeFormat(QStringLiteral("ddd d MMM\nHH:mm"));
    m_plot->xAxis->setTicker(ticker);
    m_plot->yAxis->setLabel(tr("records"));
    m_plot->yAxis->ticker()->setTickCount(3);
    m_plot->setInteractions(QCP::iRangeZoom);
    m_plot->axisRect()->setRangeZoom(Qt::Horizontal);
    m_plot->legend->setVisible(false);
    m_plot->legend->setFont(font());
    // The legend goes in a row under the plot, one line wide, so it never hides bars.
    m_plot->axisRect()->insetLayout()->take(m_plot->legend);
    m_plot->plotLayout()->addElement(1, 0, m_plot->legend);
    m_plot->plotLayout()->setRowStretchFactor(1, 0.001);
    m_plot->legend->setFillOrder(QCPLegend::foColumnsFirst);
    m_plot->legend->setBorderPen(Qt::NoPen);
    m_plot->legend->setMargins(QMargins(2, 0, 2, 0));
    m_plot->legend->setRowSpacing(0);
    m_plot->setToolTip(tr("Click: go to that time · Drag: filter to a time range · Wheel: zoom · "
                          "Double-click: everything"));

    m_viewDebounce.setSingleShot(true);
    m_viewDebounce.setInterval(250);
    connect(&m_viewDebounce, &QTimer::timeout, this, [this] {
        const QCPRange r = m_plot->xAxis->range();
        emit viewChanged(static_cast<qint64>(r.lower * 1000), static_cast<qint64>(r.upper * 1000));
    });
    connect(m_plot->xAxis, qOverload<const QCPRange&>(&QCPAxis::rangeChanged), this, [this] {
        if (!m_settingData) m_viewDebounce.start();
    });
    connect(m_plot, &QCustomPlot::mousePress, this, &TimelineView::onPress);
    connect(m_plot, &QCustomPlot::mouseMove, this, &TimelineView::onMove);
    connect(m_plot, &QCustomPlot::mouseRelease, this, &TimelineView::onRelease);
    connect(m_plot, &QCustomPlot::mouseDoubleClick, this, [this] { emit zoomOutRequested(); });
    clear();
}

void TimelineView::clear()
{
    m_data = {};
    m_plot->clearPlottables();
    m_plot->clearItems();
    m_band = nullptr;
    m_cursor = nullptr;
    m_plot->legend->setVisible(false);
    m_title->setText(tr("Timeline: open a workspace."));
    m_plot->replot();
}

void TimelineView::setLoading(const QString& what)
{
    m_title->setText(what);
}

void TimelineView::setUtc(bool utc)
{
    m_utc = utc;
    auto ticker = qSharedPointerDynamicCast<QCPAxisTickerDateTime>(m_plot->xAxis->ticker());
    if (ticker) ticker->setDateTimeSpec(utc ? Qt::UTC : Qt::LocalTime);
    m_plot->replot();
}

void TimelineView::setData(const TimelineData& d)
{
    const std::optional<TimestampMs> cursor =
        m_cursor ? std::optional<TimestampMs>(static_cast<TimestampMs>(m_cursor->point1->key() * 1000))
                 : std::nullopt;
    m_settingData = true;
    m_data = d;
    m_plot->clearPlottables();
    m_plot->clearItems();
    m_band = nullptr;
    m_cursor = nullptr;
    const double width = static_cast<double>(d.bucketMs) / 1000.0;
    QVector<double> keys(d.buckets);
    for (int i = 0; i < d.buckets; ++i)
        keys[i] = static_cast<double>(d.from + static_cast<qint64>(i) * d.bucketMs) / 1000.0 + width / 2;
    QCPBars* below = nullptr;
    double maxStack = 0;
    std::vector<double> stack(static_cast<size_t>(d.buckets), 0.0);
    for (size_t s = 0; s < d.series.size(); ++s) {
        auto* bars = new QCPBars(m_plot->xAxis, m_plot->yAxis);
        bars->setName(d.series[s].label);
        bars->setWidthType(QCPBars::wtPlotCoords);
        bars->setWidth(width);
        const QColor c = seriesColor(s);
        bars->setPen(Qt::NoPen);
        bars->setBrush(c);
        QVector<double> values(d.buckets);
        for (int i = 0; i < d.buckets; ++i) {
            values[i] = static_cast<double>(d.series[s].counts[static_cast<size_t>(i)]);
            stack[static_cast<size_t>(i)] += values[i];
            maxStack = std::max(maxStack, stack[static_cast<size_t>(i)]);
        }
        bars->setData(keys, values, true);
        if (below) bars->moveAbove(below);
        below = bars;
    }
    const bool legend = d.series.size() > 1 && d.series.size() <= 16;
    m_plot->legend->setVisible(legend);
    m_plot->plotLayout()->setRowStretchFactor(1, legend ? 0.001 : 0.0001);
    if (d.buckets > 0) {
        m_plot->xAxis->setRange(static_cast<double>(d.from) / 1000.0,
                                static_cast<double>(d.from + d.buckets * d.bucketMs) / 1000.0);
        m_plot->yAxis->setRange(0, std::max(1.0, maxStack * 1.1));
    }
    const QLocale loc;
    const auto [peakAt, peakCount] = peak();
    m_title->setText(d.buckets == 0 ? tr("Timeline: no records.")
                                    : tr("%1 · records per %2 · %3 records · busiest: %4 (%5)")
                                          .arg(d.topic.isEmpty() ? tr("All topics") : d.topic,
                                               bucketWords(d.bucketMs), loc.toString(d.records),
                                               (m_utc ? QDateTime::fromMSecsSinceEpoch(peakAt, Qt::UTC)
                                                      : QDateTime::fromMSecsSinceEpoch(peakAt))
                                                       .toString(QStringLiteral("ddd yyyy-MM-dd HH:mm")) +
                                                   (m_utc ? QStringLiteral("Z") : QString()),
                                               loc.toString(peakCount)));
    markTime(cursor);
    m_plot->replot();
    m_settingData = false;
}

std::pair<TimestampMs, qint64> TimelineView::peak() const
{
    std::pair<TimestampMs, qint64> best{m_data.from, 0};
    for (int i = 0; i < m_data.buckets; ++i) {
        qint64 sum = 0;
        for (const TimelineSeries& s : m_data.series)
            sum += s.counts[static_cast<size_t>(i)];
        if (sum > best.second) best = {m_data.from + i * m_data.bucketMs, sum};
    }
    return best;
}

void TimelineView::markTime(std::optional<TimestampMs> t)
{
    if (!t) {
        if (m_cursor) m_plot->removeItem(m_cursor);
        m_cursor = nullptr;
        m_plot->replot(QCustomPlot::rpQueuedReplot);
        return;
    }
    if (!m_cursor) {
        m_cursor = new QCPItemStraightLine(m_plot);
        m_cursor->setPen(QPen(palette().color(QPalette::Highlight), 1.5));
    }
    const double x = static_cast<double>(*t) / 1000.0;
    m_cursor->point1->setCoords(x, 0);
    m_cursor->point2->setCoords(x, 1);
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

int TimelineView::xForTime(TimestampMs t) const
{
    return static_cast<int>(m_plot->xAxis->coordToPixel(static_cast<double>(t) / 1000.0));
}

TimestampMs TimelineView::timeAt(double x) const
{
    return static_cast<TimestampMs>(m_plot->xAxis->pixelToCoord(x) * 1000.0);
}

TimestampMs TimelineView::snappedTime(double x) const
{
    const TimestampMs t = timeAt(x);
    if (m_data.buckets == 0 || m_data.bucketMs <= 0) return t;
    const double pxPerBucket =
        std::abs(m_plot->xAxis->coordToPixel(static_cast<double>(m_data.bucketMs) / 1000.0) -
                 m_plot->xAxis->coordToPixel(0));
    if (pxPerBucket >= 6) return t; // bars wide enough to hit: the exact time
    // Bars a pixel or two wide: take the tallest within 4 pixels, from its start.
    const qint64 first = (timeAt(x - 4) - m_data.from) / m_data.bucketMs;
    const qint64 last = (timeAt(x + 4) - m_data.from) / m_data.bucketMs;
    qint64 best = -1, bestCount = -1;
    for (qint64 b = std::max<qint64>(0, first); b <= std::min<qint64>(m_data.buckets - 1, last); ++b) {
        qint64 sum = 0;
        for (const TimelineSeries& s : m_data.series)
            sum += s.counts[static_cast<size_t>(b)];
        if (sum > bestCount) {
            bestCount = sum;
            best = b;
        }
    }
    return best < 0 ? t : m_data.from + best * m_data.bucketMs;
}

void TimelineView::onPress(QMouseEvent* e)
{
    if (e->button() != Qt::LeftButton || m_data.buckets == 0) return;
    m_pressX = e->position().x();
}

void TimelineView::onMove(QMouseEvent* e)
{
    if (!m_pressX || !(e->buttons() & Qt::LeftButton)) return;
    if (std::abs(e->position().x() - *m_pressX) < 4) return;
    if (!m_band) {
        m_band = new QCPItemRect(m_plot);
        QColor c = palette().color(QPalette::Highlight);
        m_band->setPen(QPen(c));
        c.setAlpha(60);
        m_band->setBrush(c);
        m_band->topLeft->setTypeY(QCPItemPosition::ptAxisRectRatio);
        m_band->bottomRight->setTypeY(QCPItemPosition::ptAxisRectRatio);
    }
    m_band->topLeft->setCoords(m_plot->xAxis->pixelToCoord(*m_pressX), 0);
    m_band->bottomRight->setCoords(m_plot->xAxis->pixelToCoord(e->position().x()), 1);
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

void TimelineView::onRelease(QMouseEvent* e)
{
    if (!m_pressX || e->button() != Qt::LeftButton) return;
    const double x0 = *m_pressX, x1 = e->position().x();
    m_pressX.reset();
    if (m_band) {
        m_plot->removeItem(m_band);
        m_band = nullptr;
        m_plot->replot(QCustomPlot::rpQueuedReplot);
    }
    if (std::abs(x1 - x0) < 4) {
        emit timeClicked(snappedTime(x1));
        return;
    }
    const TimestampMs a = timeAt(std::min(x0, x1)), b = timeAt(std::max(x0, x1));
    emit rangeSelected(a, b);
}

// Follows the system's light or dark palette, also when it changes while running.
void TimelineView::applyPalette()
{
    applyPlotPalette(m_plot, palette());
}

void TimelineView::changeEvent(QEvent* e)
{
    QWidget::changeEvent(e);
    if (e->type() == QEvent::PaletteChange) {
        applyPalette();
        m_plot->replot();
    }
}

} // namespace rw
