#include "timeline_view.h"

#include <QDateTime>
#include <QLabel>
#include <QLocale>
#include <QVBoxLayout>

#include "display_format.h"
#include "plot_style.h"
#include "topic_colors.h"

#include <QHBoxLayout>
#include <QToolButton>

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

} // namespace

TimelineView::TimelineView(QWidget* parent) : QWidget(parent), m_plot(new QCustomPlot), m_title(new QLabel)
{
    setObjectName(QStringLiteral("timeline"));
    m_plot->setObjectName(QStringLiteral("timelinePlot"));
    m_title->setObjectName(QStringLiteral("timelineTitle"));
    m_title->setTextFormat(Qt::PlainText);
    m_title->setMinimumWidth(40);
    m_title->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred); // never widens the window
    auto* head = new QHBoxLayout;
    head->setContentsMargins(0, 0, 0, 0);
    head->addWidget(m_title, 1);
    auto button = [&](const QString& text, const QString& name, const QString& tip) {
        auto* b = new QToolButton;
        b->setText(text);
        b->setObjectName(name);
        b->setToolTip(tip);
        b->setAutoRaise(true);
        head->addWidget(b);
        return b;
    };
    connect(button(QStringLiteral("+"), QStringLiteral("timelineZoomIn"), tr("Zoom in (or the wheel)")),
            &QToolButton::clicked, this, [this] { zoomBy(0.5); });
    connect(button(QStringLiteral("−"), QStringLiteral("timelineZoomOut"), tr("Zoom out")),
            &QToolButton::clicked, this, [this] { zoomBy(2.0); });
    connect(button(tr("All"), QStringLiteral("timelineZoomReset"), tr("Everything (or double-click)")),
            &QToolButton::clicked, this, [this] { emit zoomOutRequested(); });
    m_exact = button(tr("Count exactly"), QStringLiteral("timelineExact"),
                     tr("These counts are offsets between times, read from the brokers without reading "
                        "a record; transaction markers, aborted and compacted records take offsets too. "
                        "Read every record's time in this range instead."));
    m_exact->hide();
    connect(m_exact, &QToolButton::clicked, this, [this] { emit exactCountRequested(); });
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addLayout(head);
    layout->addWidget(m_plot, 1);
    setMinimumHeight(120);

    applyPalette();
    m_plot->xAxis->setTicker(makeDateTicker());
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
    m_selectionBand = nullptr;
    m_selection.reset();
    m_matches.clear();
    m_matchesShown = 0;
    m_cursor = nullptr;
    m_plot->legend->setVisible(false);
    // Nothing to show: no axis dates and counts of what was shown before (walkthrough defect 6.6).
    m_plot->xAxis->setTickLabels(false);
    m_plot->yAxis->setTickLabels(false);
    m_title->setText(tr("Timeline: open a workspace."));
    m_plot->replot();
}

void TimelineView::setLoading(const QString& what)
{
    m_title->setText(what);
}

void TimelineView::setUnavailable(const QString& why)
{
    clear();
    m_title->setWordWrap(true); // no plot below it: the words have the room
    m_title->setText(why);
    m_plot->hide();
    for (QToolButton* b : findChildren<QToolButton*>())
        b->hide();
    setMinimumHeight(0);
}

bool TimelineView::isUnavailable() const
{
    return m_plot->isHidden();
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
    if (m_plot->isHidden()) {
        m_title->setWordWrap(false);
        m_plot->show();
        for (QToolButton* b : findChildren<QToolButton*>())
            b->show();
        setMinimumHeight(120);
    }
    // No series (a cluster with too many topics to draw at once, say): no dates or counts either.
    m_plot->xAxis->setTickLabels(!d.series.empty());
    m_plot->yAxis->setTickLabels(!d.series.empty());
    m_plot->clearPlottables();
    m_plot->clearItems();
    m_band = nullptr;
    m_selectionBand = nullptr;
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
        // A topic's colour is its colour everywhere; partitions are its shades.
        const QColor c = d.topic.isEmpty() ? topicColor(d.series[s].label)
                                           : partitionColor(d.topic, static_cast<int>(s),
                                                            static_cast<int>(d.series.size()));
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
    // Counts from offsets say so: "≈" and why where offsets may not all be records.
    const QString approx = d.approximate() ? QStringLiteral("≈") : QString();
    // Short in the title (it shares a row with the buttons), the why in its tooltip.
    QString how, why;
    if (d.fromOffsets) {
        how = d.compacted       ? tr(" · from offsets; compacted")
              : d.approximate() ? tr(" · from offsets; markers")
                                : tr(" · from offsets");
        why = d.compacted
                  ? tr("Counted from offsets, no record read. The topic is compacted: fewer records than "
                       "counted.")
              : d.approximate() ? tr("Counted from offsets, no record read. Transaction markers (and aborted "
                                     "records) take offsets: fewer records than counted.")
                                : tr("Counted from offsets, no record read.");
    }
    if (d.notAuthorized > 0) how += tr(" · %n topic(s) you may not read left out", nullptr, d.notAuthorized);
    m_exact->setVisible(d.fromOffsets && d.buckets > 0);
    m_title->setText(d.buckets == 0 ? tr("Timeline: no records.")
                                    : tr("%1 · records per %2 · %3 records · busiest: %4 (%5)")
                                              .arg(d.topic.isEmpty() ? tr("All topics") : d.topic,
                                                   bucketWords(d.bucketMs), approx + loc.toString(d.records),
                                                   displayTime(peakAt, m_utc, TimeDetail::Minutes, true),
                                                   approx + loc.toString(peakCount)) +
                                          how);
    m_title->setToolTip(why.isEmpty() ? m_title->text() : m_title->text() + QStringLiteral("\n") + why);
    drawMatches();
    drawSchemaMarks();
    m_pinnedShown = drawPinnedRanges(m_plot, m_pinned, palette());
    drawSelection();
    markTime(cursor);
    m_plot->replot();
    m_settingData = false;
}

void TimelineView::zoomBy(double factor)
{
    if (m_data.buckets == 0) return;
    const QCPRange r = m_plot->xAxis->range();
    const double mid = r.center(), half = r.size() * factor / 2;
    const double lo = static_cast<double>(m_data.dataFirst) / 1000.0,
                 hi = static_cast<double>(m_data.dataLast) / 1000.0;
    if (factor > 1 && r.lower <= lo && r.upper >= hi) return; // everything is shown already
    m_plot->xAxis->setRange(std::max(mid - half, lo - half * 0.05), std::min(mid + half, hi + half * 0.05));
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

void TimelineView::setPinnedRanges(const std::vector<CaseRange>& ranges)
{
    m_pinned = ranges;
    m_pinnedShown = drawPinnedRanges(m_plot, m_pinned, palette());
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

void TimelineView::setSelection(std::optional<std::pair<TimestampMs, TimestampMs>> range)
{
    m_selection = range;
    drawSelection();
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

void TimelineView::drawSelection()
{
    if (!m_selection) {
        if (m_selectionBand) m_plot->removeItem(m_selectionBand);
        m_selectionBand = nullptr;
        return;
    }
    if (!m_selectionBand) {
        m_selectionBand = new QCPItemRect(m_plot);
        m_selectionBand->setObjectName(QStringLiteral("timelineSelection"));
        QColor c = palette().color(QPalette::Highlight);
        m_selectionBand->setPen(QPen(c, 1, Qt::DashLine));
        c.setAlpha(45);
        m_selectionBand->setBrush(c);
        m_selectionBand->topLeft->setTypeY(QCPItemPosition::ptAxisRectRatio);
        m_selectionBand->bottomRight->setTypeY(QCPItemPosition::ptAxisRectRatio);
        m_selectionBand->setLayer(QStringLiteral("background"));
    }
    m_selectionBand->topLeft->setCoords(static_cast<double>(m_selection->first) / 1000.0, 0);
    m_selectionBand->bottomRight->setCoords(static_cast<double>(m_selection->second) / 1000.0, 1);
}

void TimelineView::addMatches(const std::vector<TimestampMs>& times)
{
    m_matches.insert(m_matches.end(), times.begin(), times.end());
    if (!m_matchRedraw) {
        m_matchRedraw = new QTimer(this);
        m_matchRedraw->setSingleShot(true);
        m_matchRedraw->setInterval(200);
        connect(m_matchRedraw, &QTimer::timeout, this, [this] {
            drawMatches();
            m_plot->replot(QCustomPlot::rpQueuedReplot);
        });
    }
    if (!m_matchRedraw->isActive()) m_matchRedraw->start();
}

void TimelineView::setMatches(std::vector<TimestampMs> times)
{
    if (m_matchRedraw) m_matchRedraw->stop();
    m_matches = std::move(times);
    drawMatches();
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

qint64 TimelineView::matchesShown() const
{
    return m_matchesShown;
}

// The matches per bucket, as narrower bars in front of the records they are among.
void TimelineView::drawMatches()
{
    for (int i = m_plot->plottableCount() - 1; i >= 0; --i)
        if (m_plot->plottable(i)->objectName() == QLatin1String("timelineMatches"))
            m_plot->removePlottable(i);
    m_matchesShown = 0;
    if (m_matches.empty() || m_data.buckets == 0 || m_data.bucketMs <= 0) return;
    std::vector<double> counts(static_cast<size_t>(m_data.buckets), 0.0);
    for (TimestampMs t : m_matches) {
        if (t < m_data.from) continue;
        const qint64 b = (t - m_data.from) / m_data.bucketMs;
        if (b >= m_data.buckets) continue;
        counts[static_cast<size_t>(b)] += 1;
        ++m_matchesShown;
    }
    const double width = static_cast<double>(m_data.bucketMs) / 1000.0;
    QVector<double> keys(m_data.buckets), values(m_data.buckets);
    for (int i = 0; i < m_data.buckets; ++i) {
        keys[i] =
            static_cast<double>(m_data.from + static_cast<qint64>(i) * m_data.bucketMs) / 1000.0 + width / 2;
        values[i] = counts[static_cast<size_t>(i)];
    }
    auto* bars = new QCPBars(m_plot->xAxis, m_plot->yAxis);
    bars->setObjectName(QStringLiteral("timelineMatches"));
    bars->setName(tr("filter matches"));
    bars->setWidthType(QCPBars::wtPlotCoords);
    bars->setWidth(width * 0.6);
    bars->setPen(QPen(matchColor().darker(130), 1));
    bars->setBrush(matchColor());
    bars->setData(keys, values, true);
    m_plot->legend->setVisible(true);
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
        if (const int mark = schemaMarkAt(x1); mark >= 0) {
            emit schemaChangeClicked(mark);
            return;
        }
        emit timeClicked(snappedTime(x1));
        return;
    }
    const TimestampMs a = timeAt(std::min(x0, x1)), b = timeAt(std::max(x0, x1));
    emit rangeSelected(a, b);
}

// Where the topic's writer schema changed: a dashed line with the new schema's name at the top
// (subject and version are the registry's text: drawn as plain text, shortened).
void TimelineView::drawSchemaMarks()
{
    m_schemaMarks = 0;
    const bool dark = palette().color(QPalette::Base).lightness() < 128;
    const QColor c = dark ? QColor(0xff, 0xb8, 0x6c) : QColor(0xc0, 0x56, 0x00);
    for (const SchemaChange& change : m_data.schemaChanges) {
        const double x = static_cast<double>(change.time) / 1000.0;
        auto* line = new QCPItemStraightLine(m_plot);
        line->setObjectName(QStringLiteral("timelineSchemaMark"));
        line->setPen(QPen(c, 1.5, Qt::DashLine));
        line->point1->setCoords(x, 0);
        line->point2->setCoords(x, 1);
        auto* label = new QCPItemText(m_plot);
        label->setObjectName(QStringLiteral("timelineSchemaLabel"));
        label->position->setTypeX(QCPItemPosition::ptPlotCoords);
        label->position->setTypeY(QCPItemPosition::ptAxisRectRatio);
        label->position->setCoords(x, 0);
        label->setPositionAlignment(Qt::AlignLeft | Qt::AlignTop);
        label->setPadding(QMargins(3, 1, 3, 1));
        label->setColor(c);
        QFont f = font();
        f.setPointSizeF(f.pointSizeF() * 0.85);
        label->setFont(f);
        const QString name = change.after.schemaId < 0        ? tr("not schema-encoded")
                             : change.after.subject.isEmpty() ? tr("schema id %1").arg(change.after.schemaId)
                                                              : tr("v%1").arg(change.after.version);
        label->setText(QStringLiteral("◆ ") + name.left(40));
        ++m_schemaMarks;
    }
    m_plot->setToolTip(m_schemaMarks > 0
                           ? tr("Click: go to that time · Drag: filter to a time range · Wheel: zoom · "
                                "Double-click: everything · Click a ◆ schema mark: what changed")
                           : tr("Click: go to that time · Drag: filter to a time range · Wheel: zoom · "
                                "Double-click: everything"));
}

int TimelineView::schemaMarkAt(double x) const
{
    int best = -1;
    double bestDistance = 6;
    for (size_t i = 0; i < m_data.schemaChanges.size(); ++i) {
        const double px =
            m_plot->xAxis->coordToPixel(static_cast<double>(m_data.schemaChanges[i].time) / 1000.0);
        if (std::abs(px - x) < bestDistance) {
            bestDistance = std::abs(px - x);
            best = static_cast<int>(i);
        }
    }
    return best;
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
