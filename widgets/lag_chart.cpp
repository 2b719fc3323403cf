#include "lag_chart.h"

#include <QDateTime>
#include <QLabel>
#include <QLocale>
#include <QMouseEvent>
#include <QToolTip>
#include <QVBoxLayout>
#include <QtNumeric>

#include "display_format.h"
#include "plot_style.h"

#include <algorithm>
#include <climits>
#include <limits>

#include <qcustomplot.h>

namespace rw {

LagChart::LagChart(QWidget* parent) : QWidget(parent), m_plot(new QCustomPlot), m_summary(new QLabel)
{
    setObjectName(QStringLiteral("lagChart"));
    m_plot->setObjectName(QStringLiteral("lagPlot"));
    m_summary->setObjectName(QStringLiteral("lagSummary"));
    m_summary->setTextFormat(Qt::PlainText);
    m_summary->setWordWrap(true);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_summary);
    layout->addWidget(m_plot, 1);
    setMinimumHeight(160);
    applyPalette();
    m_plot->xAxis->setTicker(makeDateTicker());
    m_plot->yAxis->setLabel(tr("lag (records)"));
    m_plot->setInteractions(QCP::iRangeZoom | QCP::iRangeDrag);
    m_plot->axisRect()->setRangeZoom(Qt::Horizontal);
    m_plot->axisRect()->setRangeDrag(Qt::Horizontal);
    auto* g = m_plot->addGraph();
    QColor c = seriesColor(Series::Lag);
    g->setPen(QPen(c, 2));
    c.setAlpha(50);
    g->setBrush(c);
    g->setLineStyle(QCPGraph::lsStepLeft);
    m_plot->setMouseTracking(true);
    connect(m_plot->xAxis, qOverload<const QCPRange&>(&QCPAxis::rangeChanged), this, [this] { fitY(); });
    connect(m_plot, &QCustomPlot::mouseMove, this, &LagChart::hover);
    clear();
}

// The y-axis follows the zoom: the highest lag in the visible time range sets its top.
void LagChart::fitY()
{
    const QCPRange x = m_plot->xAxis->range();
    double top = 0;
    qint64 before = -1; // the step that is in force at the left edge
    for (const LagSample& s : m_history) {
        const double t = static_cast<double>(s.at) / 1000.0;
        if (t < x.lower) {
            before = s.lag;
            continue;
        }
        if (t > x.upper) break;
        top = std::max(top, static_cast<double>(s.lag));
    }
    top = std::max(top, static_cast<double>(before));
    m_plot->yAxis->setRange(0, std::max(1.0, top * 1.1));
}

void LagChart::hover(QMouseEvent* e)
{
    if (m_history.empty()) return;
    const auto t = static_cast<TimestampMs>(m_plot->xAxis->pixelToCoord(e->position().x()) * 1000.0);
    if (const auto hole = gapAt(t)) {
        m_hoverText = tr("no sample from %1 to %2")
                          .arg(displayTime(hole->first, m_utc, TimeDetail::Minutes, true),
                               displayTime(hole->second, m_utc, TimeDetail::Minutes, true));
        QToolTip::showText(e->globalPosition().toPoint(), m_hoverText, m_plot);
        return;
    }
    const LagSample* at = nullptr;
    for (const LagSample& s : m_history) {
        if (s.at > t) break;
        at = &s;
    }
    if (!at) return;
    m_hoverText = tr("%1 · lag %Ln record(s)", nullptr, static_cast<int>(std::min<qint64>(at->lag, INT_MAX)))
                      .arg(displayTime(at->at, m_utc, TimeDetail::Minutes, true));
    QToolTip::showText(e->globalPosition().toPoint(), m_hoverText, m_plot);
}

void LagChart::setBehind(std::optional<TimestampMs> oldestUnread, qint64 behindMs)
{
    m_oldestUnread = oldestUnread;
    m_behindMs = behindMs;
    redraw();
}

void LagChart::clear()
{
    m_group.clear();
    m_history.clear();
    m_oldestUnread.reset();
    m_behindMs = 0;
    m_summary->setText(tr("Select a consumer group to see its lag over time."));
    m_plot->graph(0)->data()->clear();
    m_plot->replot();
}

void LagChart::setUtc(bool utc)
{
    if (auto t = qSharedPointerDynamicCast<QCPAxisTickerDateTime>(m_plot->xAxis->ticker()))
        t->setDateTimeSpec(utc ? Qt::UTC : Qt::LocalTime);
    m_utc = utc;
    redraw();
}

QString LagChart::summaryText() const
{
    return m_summary->text();
}

void LagChart::setHistory(const QString& group, const std::vector<LagSample>& history)
{
    m_group = group;
    m_history = history;
    redraw();
}

void LagChart::addSample(const LagSample& s)
{
    if (!m_history.empty() && s.at <= m_history.back().at) return;
    m_history.push_back(s);
    redraw();
}

int LagChart::pointCount() const
{
    return m_plot->graph(0)->dataCount();
}

QString LagChart::summary() const
{
    return m_summary->text();
}

void LagChart::setPinnedRanges(const std::vector<CaseRange>& ranges)
{
    m_pinned = ranges;
    redraw();
}

qint64 LagChart::gapThresholdMs() const
{
    if (m_history.size() < 3) return std::numeric_limits<qint64>::max();
    std::vector<qint64> steps;
    steps.reserve(m_history.size() - 1);
    for (size_t i = 1; i < m_history.size(); ++i)
        steps.push_back(m_history[i].at - m_history[i - 1].at);
    std::nth_element(steps.begin(), steps.begin() + static_cast<std::ptrdiff_t>(steps.size() / 2),
                     steps.end());
    return std::max<qint64>(90'000, 3 * steps[steps.size() / 2]);
}

std::optional<std::pair<TimestampMs, TimestampMs>> LagChart::gapAt(TimestampMs t) const
{
    const qint64 gap = gapThresholdMs();
    for (size_t i = 1; i < m_history.size(); ++i)
        if (m_history[i - 1].at < t && t < m_history[i].at)
            return m_history[i].at - m_history[i - 1].at > gap
                       ? std::optional(std::pair(m_history[i - 1].at, m_history[i].at))
                       : std::nullopt;
    return std::nullopt;
}

void LagChart::redraw()
{
    QVector<double> x, y;
    x.reserve(static_cast<qsizetype>(m_history.size()));
    y.reserve(static_cast<qsizetype>(m_history.size()));
    double maxLag = 0;
    // Where samples are missing (sampling failed while a coordinator moved, the window was
    // closed), the line breaks: a step drawn across the hole would claim a lag nobody measured.
    // A hole is a spacing over three times the usual one (and over 90 s); the last value before
    // it is drawn for one usual spacing.
    const qint64 gap = gapThresholdMs();
    for (size_t i = 0; i < m_history.size(); ++i) {
        const LagSample& s = m_history[i];
        x << static_cast<double>(s.at) / 1000.0;
        y << static_cast<double>(s.lag);
        maxLag = std::max(maxLag, static_cast<double>(s.lag));
        if (i + 1 < m_history.size() && m_history[i + 1].at - s.at > gap) {
            const double held = static_cast<double>(s.at + gap / 3) / 1000.0;
            x << held << held;
            y << static_cast<double>(s.lag) << qQNaN();
        }
    }
    m_plot->graph(0)->setData(x, y, true);
    m_plot->graph(0)->setName(m_group);
    if (!x.isEmpty()) {
        const double pad = std::max(60.0, (x.back() - x.front()) * 0.02);
        m_plot->xAxis->setRange(x.front() - pad, x.back() + pad);
        m_plot->yAxis->setRange(0, std::max(1.0, maxLag * 1.1));
    }
    // No samples, no dates: an empty chart dated 1 January 1970 reads like data (walkthrough 6.14).
    m_plot->xAxis->setTickLabels(!x.isEmpty());
    m_plot->yAxis->setTickLabels(!x.isEmpty());
    // Lag as time: where the oldest unread record sits on the time axis.
    m_plot->clearItems();
    if (m_oldestUnread && m_behindMs > 0) {
        auto* line = new QCPItemStraightLine(m_plot);
        line->setPen(QPen(seriesColor(Series::Lag), 1, Qt::DashLine));
        const double at = static_cast<double>(*m_oldestUnread) / 1000.0;
        line->point1->setCoords(at, 0);
        line->point2->setCoords(at, 1);
        auto* label = new QCPItemText(m_plot);
        label->setColor(palette().color(QPalette::Text));
        label->position->setTypeY(QCPItemPosition::ptAxisRectRatio);
        label->position->setCoords(at, 0.05);
        label->setPositionAlignment(Qt::AlignLeft | Qt::AlignTop);
        label->setPadding(QMargins(4, 0, 0, 0));
        label->setText(tr("oldest unread · %1 behind").arg(formatDuration(m_behindMs)));
    }
    m_pinnedShown = drawPinnedRanges(m_plot, m_pinned, palette());
    const QLocale loc;
    if (m_history.empty() && !m_emptyNote.isEmpty()) {
        m_summary->setText(QStringLiteral("%1: %2").arg(m_group, m_emptyNote));
    } else if (m_history.empty()) {
        m_summary->setText(tr("%1: no lag history yet. Rewind samples the lag every minute while the "
                              "workspace is open.")
                               .arg(m_group));
    } else {
        const CatchUp c = estimateCatchUp(m_history);
        QString behind;
        if (m_oldestUnread && m_behindMs > 0)
            behind = tr(" · %1 behind (oldest unread record: %2)")
                         .arg(formatDuration(m_behindMs),
                              displayTime(*m_oldestUnread, m_utc, TimeDetail::Seconds));
        if (m_past)
            m_summary->setText(tr("%1 · lag %2 at %3 (the span's last sample) · %4 samples since %5")
                                   .arg(m_group, loc.toString(m_history.back().lag),
                                        displayTime(m_history.back().at, m_utc, TimeDetail::Minutes))
                                   .arg(m_history.size())
                                   .arg(displayTime(m_history.front().at, m_utc, TimeDetail::Minutes)));
        else
            m_summary->setText(tr("%1 · lag now %2%3 · %4 · %5 samples since %6")
                                   .arg(m_group, loc.toString(m_history.back().lag), behind, c.words)
                                   .arg(m_history.size())
                                   .arg(displayTime(m_history.front().at, m_utc, TimeDetail::Minutes)));
    }
    m_plot->replot();
}

// Follows the system's light or dark palette, also when it changes while running.
void LagChart::applyPalette()
{
    applyPlotPalette(m_plot, palette());
}

void LagChart::changeEvent(QEvent* e)
{
    QWidget::changeEvent(e);
    if (e->type() == QEvent::PaletteChange) {
        applyPalette();
        m_plot->replot();
    }
}

} // namespace rw
