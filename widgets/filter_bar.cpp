#include "filter_bar.h"

#include "display_format.h"
#include "time_parse.h"

#include <QAction>
#include <QCheckBox>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLocale>
#include <QPainter>
#include <QPainterPath>
#include <QProgressBar>
#include <QToolButton>

#include <climits>

namespace rw {

void FilterEdit::setErrorColumn(int column)
{
    if (column == m_errorColumn) return;
    m_errorColumn = column;
    update();
}

void FilterEdit::paintEvent(QPaintEvent* e)
{
    QLineEdit::paintEvent(e);
    if (m_errorColumn <= 0) return;
    // Where the column's character sits, measured from the cursor's own rectangle and the text's
    // advance between the two positions. Moving the cursor to measure (as this did once) clears
    // the selection and schedules another paint: a busy loop for as long as the error shows.
    const QString t = displayText();
    const int col = std::min<int>(m_errorColumn - 1, static_cast<int>(t.size()));
    const int cur = std::min<int>(cursorPosition(), static_cast<int>(t.size()));
    const QFontMetrics fm = fontMetrics();
    const int cursorX = cursorRect().center().x();
    auto xAt = [&](int pos) {
        return cursorX + fm.horizontalAdvance(t.left(pos)) - fm.horizontalAdvance(t.left(cur));
    };
    const int x0 = xAt(col);
    int x1 = xAt(std::min<int>(col + 1, static_cast<int>(t.size())));
    if (x1 <= x0 + 2) x1 = x0 + fm.horizontalAdvance(QLatin1Char('m'));
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    p.setPen(QPen(QColor(0xd0, 0x30, 0x30), 1.2));
    const int y = height() - 6;
    QPainterPath wave;
    wave.moveTo(x0, y);
    for (int x = x0; x < x1; x += 2)
        wave.lineTo(x + 1, y + ((x - x0) / 2 % 2 ? -1.5 : 1.5));
    p.drawPath(wave);
}

FilterBar::FilterBar(QWidget* parent)
    : QWidget(parent), m_edit(new FilterEdit), m_status(new QLabel), m_progress(new QProgressBar),
      m_cancel(new QToolButton), m_all(new QCheckBox(tr("All topics"))), m_rangeChip(new QToolButton)
{
    setObjectName(QStringLiteral("filterBar"));
    m_edit->setObjectName(QStringLiteral("filterEdit"));
    m_status->setObjectName(QStringLiteral("filterStatus"));
    m_all->setObjectName(QStringLiteral("filterAllTopics"));
    m_edit->setPlaceholderText(tr("Filter (Ctrl+F): value.status == \"failed\" · key == \"o-123\" · "
                                  "timestamp > now - duration(\"2h\") · text(\"refund\")"));
    m_edit->setClearButtonEnabled(true);
    m_status->setTextFormat(Qt::PlainText);
    m_status->setMinimumWidth(120);
    m_status->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred); // never widens the window
    m_status->setWordWrap(true); // an error wraps onto a second line rather than being cut
    m_progress->setMaximumWidth(120);
    m_progress->setMaximumHeight(16);
    m_progress->setTextVisible(false);
    m_progress->hide();
    m_cancel->setText(tr("Stop"));
    m_cancel->setToolTip(tr("Stop the search (what was found stays)"));
    m_cancel->hide();
    m_all->setToolTip(tr("Search every topic instead of the selected topic or partition"));
    m_rangeChip->setObjectName(QStringLiteral("filterRange"));
    m_rangeChip->setToolButtonStyle(Qt::ToolButtonTextOnly);
    m_rangeChip->setAutoRaise(false);
    m_rangeChip->setFixedHeight(m_edit->sizeHint().height()); // the row keeps its height either way
    m_rangeChip->hide();
    connect(m_rangeChip, &QToolButton::clicked, this, [this] {
        setTimeRange(std::nullopt);
        submit(); // the filter without the range, or nothing when there is no text
    });
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_rangeChip);
    layout->addWidget(m_edit, 3);
    layout->addWidget(m_all);
    layout->addWidget(m_progress);
    layout->addWidget(m_cancel);
    layout->addWidget(m_status, 2);
    m_debounce.setSingleShot(true);
    m_debounce.setInterval(150);
    connect(&m_debounce, &QTimer::timeout, this, &FilterBar::validate);
    connect(m_edit, &QLineEdit::textEdited, this, [this] { m_debounce.start(); });
    connect(m_edit, &QLineEdit::returnPressed, this, &FilterBar::submit);
    connect(m_cancel, &QToolButton::clicked, this, &FilterBar::cancelRequested);
    connect(m_edit, &QLineEdit::textChanged, this, [this](const QString& t) {
        if (t.isEmpty()) { // the clear button, or everything deleted
            m_edit->setErrorColumn(0);
            m_valid = true;
            setStatus(QString(), false);
            if (m_range)
                submit(); // the range alone stays on
            else
                emit cleared();
        }
    });
    auto* escape = new QAction(m_edit);
    escape->setShortcut(Qt::Key_Escape);
    escape->setShortcutContext(Qt::WidgetShortcut);
    m_edit->addAction(escape);
    connect(escape, &QAction::triggered, m_edit, &QLineEdit::clear);
}

QString FilterBar::text() const
{
    return m_edit->text().trimmed();
}

void FilterBar::setText(const QString& text)
{
    m_edit->setText(text);
    validate();
}

bool FilterBar::allTopics() const
{
    return m_all->isChecked();
}

void FilterBar::setAllTopics(bool all)
{
    m_all->setChecked(all);
}

void FilterBar::reset()
{
    m_debounce.stop();
    const QSignalBlocker block(m_edit); // no cleared(): the owner is resetting itself
    m_edit->clear();
    m_edit->setErrorColumn(0);
    m_valid = true;
    m_progress->hide();
    m_cancel->hide();
    m_all->setChecked(false);
    setTimeRange(std::nullopt);
    setStatus(QString(), false);
}

void FilterBar::setTimeRange(std::optional<Range> range)
{
    m_range = range;
    m_rangeChip->setVisible(range.has_value());
    if (!range) return;
    // Minutes keep the chip short beside the filter (the tooltip has the milliseconds); a range
    // of a few minutes shows its seconds.
    const TimeDetail detail =
        range->second - range->first < 10 * 60'000 ? TimeDetail::Seconds : TimeDetail::Minutes;
    m_rangeChip->setText(
        tr("%1 – %2  ✕")
            .arg(displayTime(range->first, m_utc, detail), displayTime(range->second, m_utc, detail)));
    m_rangeChip->setToolTip(tr("Only records from %1 to %2 (the range shaded on the timeline). "
                               "Click to search without it.")
                                .arg(formatTimestampUtc(range->first), formatTimestampUtc(range->second)));
}

void FilterBar::setUtc(bool utc)
{
    m_utc = utc;
    setTimeRange(m_range); // the chip in the new time
}

std::optional<Filter> FilterBar::compiled() const
{
    const QString t = text();
    if (t.isEmpty() && !m_range) return std::nullopt;
    auto f = Filter::compile(t.isEmpty() ? QStringLiteral("true") : t, currentTimeMs());
    if (!f) return std::nullopt;
    return std::move(f.value());
}

QString FilterBar::statusText() const
{
    return m_status->text();
}

void FilterBar::setStatus(const QString& text, bool error)
{
    m_status->setText(text);
    m_status->setToolTip(text); // the whole text, also when the bar is too narrow for it
    QPalette pal = m_status->palette();
    pal.setColor(QPalette::WindowText,
                 error ? QColor(0xd0, 0x30, 0x30) : palette().color(QPalette::WindowText));
    m_status->setPalette(pal);
}

void FilterBar::validate()
{
    const QString t = text();
    if (t.isEmpty()) {
        m_valid = true;
        m_edit->setErrorColumn(0);
        setStatus(QString(), false);
        return;
    }
    auto f = Filter::compile(t, currentTimeMs());
    if (f) {
        m_valid = true;
        m_edit->setErrorColumn(0);
        if (m_status->text().startsWith(QStringLiteral("⚠"))) setStatus(tr("Enter to search"), false);
        return;
    }
    m_valid = false;
    // The column counts in the trimmed text; the edit shows the untrimmed one.
    const int lead = static_cast<int>(m_edit->text().indexOf(t)); // leading blanks
    const int col = Filter::errorColumn(f.error());
    m_edit->setErrorColumn(col > 0 ? col + std::max(0, lead) : 0);
    setStatus(QStringLiteral("⚠ ") + f.error().message, true);
}

void FilterBar::submit()
{
    m_debounce.stop();
    const QString t = text();
    if (t.isEmpty() && !m_range) {
        emit cleared();
        return;
    }
    validate();
    if (auto f = compiled()) emit submitted(t, *f);
}

void FilterBar::searchStarted(const QString& scope)
{
    m_scope = scope;
    m_progress->setRange(0, 1000);
    m_progress->setValue(0);
    m_progress->show();
    m_cancel->show();
    setStatus(tr("Searching %1 …").arg(scope), false);
}

void FilterBar::searchProgress(qint64 scanned, qint64 total, qint64 matched)
{
    const QLocale loc;
    m_progress->setValue(total > 0 ? static_cast<int>(std::min<qint64>(1000, scanned * 1000 / total)) : 0);
    setStatus(tr("%Ln match(es)", nullptr, static_cast<int>(std::min<qint64>(matched, INT_MAX))) +
                  tr(" · %1 of %2 read").arg(loc.toString(scanned), loc.toString(total)),
              false);
}

void FilterBar::searchFinished(const SearchReport& report, bool truncated)
{
    m_progress->hide();
    m_cancel->hide();
    const QLocale loc;
    qint64 partitions = 0, complete = 0;
    for (const PartitionCoverage& c : report.partitions) {
        ++partitions;
        if (c.complete) ++complete;
    }
    QString firstError;
    for (const PartitionCoverage& c : report.partitions)
        if (!c.firstError.isEmpty()) {
            firstError = c.firstError;
            break;
        }
    QString text;
    // Records the filter could not evaluate are said first when they leave nothing else: a
    // filter that errors on every record is a mistake in the filter, not "no match".
    const bool mostlyErrors = report.errors > 0 && report.matched == 0;
    if (mostlyErrors)
        text = tr("⚠ The filter could not be evaluated on %1 of %n record(s) read: %2", nullptr,
                  static_cast<int>(std::min<qint64>(report.scanned, INT_MAX)))
                   .arg(loc.toString(report.errors), firstError);
    else if (report.matched == 0)
        text = tr("No match in the scanned range (%Ln record(s) read)", nullptr,
                  static_cast<int>(std::min<qint64>(report.scanned, INT_MAX)));
    else
        text = tr("%Ln match(es)", nullptr, static_cast<int>(std::min<qint64>(report.matched, INT_MAX))) +
               tr(" in %Ln record(s) read", nullptr,
                  static_cast<int>(std::min<qint64>(report.scanned, INT_MAX)));
    if (report.cancelled || complete < partitions)
        text += tr(" · stopped: %1 of %n partition(s) complete", nullptr, static_cast<int>(partitions))
                    .arg(complete);
    else
        text += tr(" · complete");
    if (truncated) text += tr(" · the first %1 are listed").arg(loc.toString(5'000'000));
    if (report.errors && !mostlyErrors)
        text += tr(" · %1 records could not be evaluated (%2)").arg(loc.toString(report.errors), firstError);
    if (!report.assumptions.isEmpty()) text += tr(" · assumption (see tooltip)");
    setStatus(text, mostlyErrors);
    QString tip = text + QStringLiteral("\n\n") + describeCoverage(report);
    for (const QString& a : report.assumptions)
        tip += QStringLiteral("\nassumption: ") + a;
    m_status->setToolTip(tip);
}

void FilterBar::searchFailed(const QString& message)
{
    m_progress->hide();
    m_cancel->hide();
    setStatus(tr("⚠ Search failed: %1").arg(message), true);
}

} // namespace rw
