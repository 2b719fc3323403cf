#include "replay_console.h"
#include "file_dialogs.h"

#include "plot_style.h"
#include "source_registry.h"
#include "time_parse.h"

#include <climits>

#include <QCheckBox>
#include <QComboBox>
#include <QDateTime>
#include <QFile>
#include <QFontDatabase>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPlainTextEdit>
#include <QProcess>
#include <QProgressBar>
#include <QPushButton>
#include <QSplitter>
#include <QTableWidget>
#include <QVBoxLayout>

#include <qcustomplot.h>

namespace rw {

namespace {

// Combo boxes carry what they mean in their item data, never as a position.
enum class TargetKind { Workspace, Kafka };
template <typename T> T chosen(const QComboBox* c)
{
    return static_cast<T>(c->currentData().toInt());
}
template <typename T> void choose(QComboBox* c, T value)
{
    c->setCurrentIndex(std::max(0, c->findData(static_cast<int>(value))));
}
QStringList commaList(const QString& text)
{
    QStringList out;
    for (const QString& s : text.split(QLatin1Char(','), Qt::SkipEmptyParts))
        if (!s.trimmed().isEmpty()) out << s.trimmed();
    return out;
}
QString iso(TimestampMs t)
{
    return QDateTime::fromMSecsSinceEpoch(t, Qt::UTC).toString(Qt::ISODateWithMs);
}
} // namespace

ReplayConsole::ReplayConsole(QWidget* parent)
    : QWidget(parent), m_runner(new ReplayRunner(this)), m_topic(new QComboBox), m_partitions(new QLineEdit),
      m_from(new QLineEdit), m_to(new QLineEdit), m_filter(new QLineEdit), m_targetKind(new QComboBox),
      m_targetWhere(new QLineEdit), m_targetTopic(new QLineEdit), m_partitioning(new QComboBox),
      m_timestamps(new QComboBox), m_provenance(new QCheckBox(tr("provenance headers (rewind.source.*)"))),
      m_mask(new QLineEdit), m_remove(new QLineEdit), m_pacing(new QComboBox), m_pacingValue(new QLineEdit),
      m_consumer(new QLineEdit), m_consumerInput(new QComboBox), m_unlock(new QLineEdit),
      m_plan(new QPushButton(tr("&Plan"))), m_run(new QPushButton(tr("&Run"))),
      m_resume(new QPushButton(tr("Res&ume"))), m_pause(new QPushButton(tr("Pa&use"))),
      m_step(new QPushButton(tr("&Step"))), m_cancel(new QPushButton(tr("&Cancel"))),
      m_planText(new QPlainTextEdit), m_progress(new QProgressBar), m_status(new QLabel),
      m_chart(new QCustomPlot), m_output(new QPlainTextEdit), m_runs(new QTableWidget)
{
    setUpFields();
    buildChart();
    buildLayout(buildForm());
    connectControls();
    connectRunner();
}

// Names, placeholders and choices of the form's fields.
void ReplayConsole::setUpFields()
{
    setObjectName(QStringLiteral("replayConsole"));
    m_planText->setObjectName(QStringLiteral("replayPlan"));
    m_status->setObjectName(QStringLiteral("replayStatus"));
    m_output->setObjectName(QStringLiteral("replayConsumerOutput"));
    m_runs->setObjectName(QStringLiteral("replayRuns"));
    m_targetTopic->setObjectName(QStringLiteral("replayTargetTopic"));
    m_targetWhere->setObjectName(QStringLiteral("replayTargetWhere"));
    m_topic->setObjectName(QStringLiteral("replayTopic"));
    m_filter->setObjectName(QStringLiteral("replayFilter"));
    m_mask->setObjectName(QStringLiteral("replayMask"));
    m_pacing->setObjectName(QStringLiteral("replayPacing"));
    m_pacingValue->setObjectName(QStringLiteral("replayPacingValue"));
    m_partitions->setPlaceholderText(tr("all, or 0,3"));
    m_from->setPlaceholderText(tr("from: 2026-11-19T03:00Z, now-2h (empty: the beginning)"));
    m_to->setPlaceholderText(tr("to (exclusive; empty: the end)"));
    m_filter->setPlaceholderText(tr("optional filter: value.type == \"PaymentFailed\""));
    m_targetKind->addItem(tr("Local workspace"), static_cast<int>(TargetKind::Workspace));
    m_targetKind->addItem(tr("Kafka sandbox topic"), static_cast<int>(TargetKind::Kafka));
    m_targetWhere->setPlaceholderText(tr("workspace file, or bootstrap servers"));
    m_partitioning->addItem(tr("keep each record's partition"), true); // item data: ReplayJob::keepPartition
    m_partitioning->addItem(tr("re-partition by key"), false);
    m_timestamps->addItem(tr("keep original timestamps"), true); // item data: ReplayJob::keepTimestamps
    m_timestamps->addItem(tr("stamp now"), false);
    m_provenance->setChecked(true);
    m_mask->setPlaceholderText(tr("mask fields: card_last4, customer.email"));
    m_remove->setPlaceholderText(tr("remove fields: customer.phone"));
    m_pacing->addItem(tr("as fast as possible"), static_cast<int>(ReplayPacing::Fast));
    m_pacing->addItem(tr("original timing ×"), static_cast<int>(ReplayPacing::Original));
    m_pacing->addItem(tr("fixed rate (records/s)"), static_cast<int>(ReplayPacing::Rate));
    m_pacingValue->setText(QStringLiteral("10"));
    m_consumer->setPlaceholderText(tr("consumer command, e.g. python3 examples/revenue_per_hour.py"));
    m_consumerInput->addItem(tr("records on stdin (NDJSON)"), static_cast<int>(ReplayConsumer::Stdin));
    m_consumerInput->addItem(tr("reads the Kafka sandbox itself"), static_cast<int>(ReplayConsumer::Kafka));
    m_unlock->setPlaceholderText(tr("to write a non-sandbox topic, type its exact name"));
    m_planText->setReadOnly(true);
    m_planText->setMaximumBlockCount(200);
    m_planText->setPlaceholderText(tr("Plan shows what would be written where, before anything is."));
    m_output->setReadOnly(true);
    m_output->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_output->setMaximumBlockCount(5000);
    m_output->setPlaceholderText(tr("The consumer's output appears here."));
    m_status->setTextFormat(Qt::PlainText);
    m_status->setWordWrap(true);
    m_progress->setRange(0, 1000);
    m_progress->setValue(0);
    m_runs->setColumnCount(6);
    m_runs->setHorizontalHeaderLabels(
        {tr("Started (UTC)"), tr("Job"), tr("Target"), tr("Written"), tr("Resumed after"), tr("Outcome")});
    m_runs->verticalHeader()->setVisible(false);
    m_runs->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_runs->horizontalHeader()->setStretchLastSection(true);
}

// Live chart: records/s and records written over the run.
void ReplayConsole::buildChart()
{
    m_chart->setObjectName(QStringLiteral("replayChart"));
    m_chart->setMinimumHeight(140);
    m_chart->addGraph();
    m_chart->graph(0)->setName(tr("records/s"));
    m_chart->graph(0)->setPen(QPen(seriesColor(Series::Rate), 2));
    m_chart->addGraph(m_chart->xAxis, m_chart->yAxis2);
    m_chart->graph(1)->setName(tr("written"));
    m_chart->graph(1)->setPen(QPen(seriesColor(Series::Written), 2));
    m_chart->addGraph(m_chart->xAxis, m_chart->yAxis2);
    m_chart->graph(2)->setName(tr("observer lag"));
    m_chart->graph(2)->setPen(QPen(seriesColor(Series::Lag), 2));
    m_chart->yAxis2->setVisible(true);
    m_chart->xAxis->setLabel(tr("seconds"));
    m_chart->yAxis->setLabel(tr("records/s"));
    m_chart->yAxis2->setLabel(tr("written"));
    m_chart->legend->setVisible(true);
    m_chart->legend->setFont(font());
    // The legend in a row under the plot: inside it, it covered the lines and the right axis.
    m_chart->axisRect()->insetLayout()->take(m_chart->legend);
    m_chart->plotLayout()->addElement(1, 0, m_chart->legend);
    m_chart->plotLayout()->setRowStretchFactor(1, 0.001);
    m_chart->legend->setWrap(1); // one entry a line: the chart is narrow beside the plan and the output
    m_chart->legend->setFillOrder(QCPLegend::foColumnsFirst, true);
    m_chart->legend->setBorderPen(Qt::NoPen);
    m_chart->legend->setMargins(QMargins(2, 0, 2, 0));
    applyPlotPalette(m_chart, palette());
}

// The job's form: source, range, filter, target, records, personal data, pacing, consumer.
QFormLayout* ReplayConsole::buildForm()
{
    auto* form = new QFormLayout;
    auto* range = new QHBoxLayout;
    range->addWidget(m_from);
    range->addWidget(m_to);
    auto* src = new QHBoxLayout;
    src->addWidget(m_topic, 1);
    src->addWidget(new QLabel(tr("partitions")));
    src->addWidget(m_partitions);
    form->addRow(tr("Source topic"), src);
    form->addRow(tr("Time range"), range);
    form->addRow(tr("Filter"), m_filter);
    auto* tgt = new QHBoxLayout;
    tgt->addWidget(m_targetKind);
    tgt->addWidget(m_targetWhere, 1);
    form->addRow(tr("Target"), tgt);
    auto* targetTopic = new QHBoxLayout;
    targetTopic->addWidget(m_targetTopic, 1);
    targetTopic->addWidget(m_provenance); // here its words have room in every language
    form->addRow(tr("Target topic"), targetTopic);
    auto* opts = new QHBoxLayout;
    opts->addWidget(m_partitioning);
    opts->addWidget(m_timestamps);
    form->addRow(tr("Records"), opts);
    auto* pii = new QHBoxLayout;
    pii->addWidget(m_mask);
    pii->addWidget(m_remove);
    form->addRow(tr("Personal data"), pii);
    auto* pace = new QHBoxLayout;
    pace->addWidget(m_pacing);
    pace->addWidget(m_pacingValue);
    form->addRow(tr("Pacing"), pace);
    auto* cons = new QHBoxLayout;
    cons->addWidget(m_consumer, 1);
    cons->addWidget(m_consumerInput);
    form->addRow(tr("Consumer"), cons);
    form->addRow(tr("Unlock"), m_unlock);
    return form;
}

void ReplayConsole::buildLayout(QFormLayout* form)
{
    auto* buttons = new QHBoxLayout;
    auto* save = new QPushButton(tr("Save job…"));
    auto* open = new QPushButton(tr("Open job…"));
    save->setToolTip(tr("Save this job as a JSON file for rewind-cli replay"));
    open->setToolTip(tr("Open a replay job file"));
    for (QPushButton* b : {m_plan, m_run, m_resume, m_pause, m_step, m_cancel})
        buttons->addWidget(b);
    buttons->addStretch(1);
    buttons->addWidget(open);
    buttons->addWidget(save);
    connect(save, &QPushButton::clicked, this, &ReplayConsole::saveJob);
    connect(open, &QPushButton::clicked, this, &ReplayConsole::openJob);
    // The form across the whole width, then what a run shows side by side (plan, live chart,
    // consumer output), past runs under them: every part stays readable down to 1280×720.
    m_status->setWordWrap(true);
    auto* live = new QSplitter(Qt::Horizontal);
    live->setObjectName(QStringLiteral("replayLiveSplitter"));
    live->addWidget(m_planText);
    live->addWidget(m_chart);
    live->addWidget(m_output);
    live->setStretchFactor(0, 4);
    live->setStretchFactor(1, 3);
    live->setStretchFactor(2, 3);
    live->setChildrenCollapsible(false);
    live->setSizes({400, 340, 300}); // proportions; the splitter scales them to its width
    m_chart->setMinimumWidth(200);
    m_output->setMinimumWidth(120);
    m_planText->setMinimumWidth(160);
    // Combo boxes as wide as their items when there is room, narrower when not (an explicit
    // minimum overrides the longest item's width, which is long in some languages).
    for (QComboBox* c : {m_topic, m_targetKind, m_partitioning, m_timestamps, m_pacing, m_consumerInput})
        c->setMinimumWidth(90);
    m_provenance->setToolTip(tr("Each written record says where it came from: source topic, partition, "
                                "offset and time, in headers named rewind.source.*"));
    auto* below = new QSplitter(Qt::Vertical);
    below->addWidget(live);
    below->addWidget(m_runs);
    below->setStretchFactor(0, 3);
    below->setStretchFactor(1, 1);
    below->setChildrenCollapsible(false);
    m_runs->setMinimumHeight(60);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 4, 0, 0);
    layout->addLayout(form);
    layout->addLayout(buttons);
    layout->addWidget(m_progress);
    layout->addWidget(m_status);
    layout->addWidget(below, 1);
}

// The buttons, and the target's defaults when its kind changes.
void ReplayConsole::connectControls()
{
    connect(m_plan, &QPushButton::clicked, this, &ReplayConsole::planJob);
    connect(m_run, &QPushButton::clicked, this, [this] { runJob(false); });
    connect(m_resume, &QPushButton::clicked, this, [this] { runJob(true); });
    connect(m_pause, &QPushButton::clicked, this, [this] {
        if (m_runner->paused()) {
            m_runner->resume();
            m_pause->setText(tr("Pa&use"));
        } else {
            m_runner->pause();
            m_pause->setText(tr("Contin&ue"));
        }
        m_step->setEnabled(m_runner->paused());
    });
    connect(m_step, &QPushButton::clicked, m_runner, &ReplayRunner::step);
    connect(m_cancel, &QPushButton::clicked, m_runner, &ReplayRunner::cancel);
    connect(m_targetKind, &QComboBox::currentIndexChanged, this, [this] {
        const QString topic = m_topic->currentText();
        if (chosen<TargetKind>(m_targetKind) == TargetKind::Kafka) {
            m_targetWhere->setText(sourceServers());
            m_targetTopic->setText(ReplayJob::defaultSandboxTopic(topic, currentTimeMs()));
        } else {
            const QString beside = m_source ? m_source->path : QString(); // a file or a data directory
            m_targetWhere->setText(beside.isEmpty() ? QStringLiteral("sandbox.rewind")
                                                    : QFileInfo(beside).absolutePath() +
                                                          QStringLiteral("/sandbox.rewind"));
            m_targetTopic->setText(topic + QStringLiteral("-replay"));
        }
    });
}

// What the runner says: the plan, progress, the consumer's output, the end, past runs.
void ReplayConsole::connectRunner()
{
    connect(m_runner, &ReplayRunner::planned, this, [this](const ReplayPlan& p) {
        m_planText->setPlainText(p.describe());
        m_plannedJob = p.jobId;
        m_status->setText(
            p.unmatchedFields.isEmpty()
                ? tr("Planned: nothing has been written.")
                : tr("⚠ Planned, with a warning: %1 matches no record of this range. Check the path; Run "
                     "refuses until you confirm.")
                      .arg(p.unmatchedFields.join(QStringLiteral(", "))));
        emit planReady();
    });
    connect(m_runner, &ReplayRunner::progress, this, [this](const ReplayProgress& p) {
        const qint64 done = p.skipped + p.written;
        m_progress->setValue(p.total > 0 ? static_cast<int>(std::min<qint64>(1000, done * 1000 / p.total))
                                         : 0);
        const QLocale loc;
        m_status->setText(
            tr("%1 of %2 records · %3 records/s%4%5")
                .arg(loc.toString(done), loc.toString(p.total), loc.toString(p.recordsPerSecond, 'f', 0),
                     p.etaMs >= 0 ? tr(" · %1 s left").arg(p.etaMs / 1000) : QString(),
                     p.observerLag >= 0
                         ? tr(" · observer group: %1 read, lag %2")
                               .arg(loc.toString(p.observerConsumed), loc.toString(p.observerLag))
                         : QString()));
        const double t = static_cast<double>(p.elapsedMs) / 1000.0;
        // records/s now: from the last sample, not the average since the start.
        if (t > m_lastT) {
            m_chart->graph(0)->addData(t, static_cast<double>(done - m_lastDone) / (t - m_lastT));
            m_lastT = t;
            m_lastDone = done;
        }
        m_chart->graph(1)->addData(t, static_cast<double>(done));
        if (p.observerLag >= 0) m_chart->graph(2)->addData(t, static_cast<double>(p.observerLag));
        m_chart->rescaleAxes();
        m_chart->replot(QCustomPlot::rpQueuedReplot);
    });
    connect(m_runner, &ReplayRunner::consumerOutput, this, [this](const QString& text) {
        m_output->moveCursor(QTextCursor::End);
        m_output->insertPlainText(text); // plain text: whatever the consumer prints is not markup
    });
    connect(m_runner, &ReplayRunner::finished, this,
            [this](const ReplayReport& r, const QString& consumerStatus, bool consumerFailed) {
                setRunning(false);
                m_progress->setValue(r.total > 0 ? 1000 : 0);
                const QLocale loc;
                m_status->setText(
                    tr("%Ln record(s) written to %1%2 in %3 s%4%5", nullptr,
                       static_cast<int>(std::min<qint64>(r.written, INT_MAX)))
                        .arg(r.target,
                             r.skipped > 0 ? tr(" after the %1 it already held").arg(loc.toString(r.skipped))
                                           : QString(),
                             loc.toString(static_cast<double>(r.elapsedMs) / 1000.0, 'f', 1),
                             r.cancelled ? tr(" · cancelled: Resume continues it") : QString(),
                             consumerStatus.isEmpty()
                                 ? QString()
                                 : (consumerFailed ? QStringLiteral(" · ✖ ") : QStringLiteral(" · ")) +
                                       consumerStatus));
                refreshJournal();
                emit runFinished(r);
            });
    connect(m_runner, &ReplayRunner::failed, this, [this](const Error& error) {
        const QString& message = error.message;
        setRunning(false);
        QString text = QStringLiteral("✖ ") + message;
        // The engine's words are for every front end; here they become this console's buttons.
        const ReplayRefusal refusal = replayRefusal(message);
        if (refusal == ReplayRefusal::AlreadyWritten)
            text += QLatin1Char(' ') + tr("Click Resume to continue it.");
        if (refusal == ReplayRefusal::UnmatchedFields) {
            if (auto j = job()) m_confirmedFields = replayJobId(j.value()); // the next Run confirms
            text += QLatin1Char(' ') + tr("Click Run again to write anyway.");
        }
        m_status->setText(text);
        refreshJournal();
        emit runFailed(message);
        emit planReady();
    });
    connect(m_runner, &ReplayRunner::journalLoaded, this, [this](const std::vector<JournalEntry>& runs) {
        m_runs->setRowCount(static_cast<int>(runs.size()));
        const QLocale loc;
        for (int i = 0; i < static_cast<int>(runs.size()); ++i) {
            const JournalEntry& e = runs[runs.size() - 1 - static_cast<size_t>(i)]; // newest first
            const QStringList cells = {QDateTime::fromMSecsSinceEpoch(e.started, Qt::UTC)
                                           .toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")),
                                       e.name.isEmpty() ? e.jobId : e.name,
                                       e.target,
                                       loc.toString(e.written),
                                       loc.toString(e.resumedAfter),
                                       e.outcome};
            for (int c = 0; c < cells.size(); ++c)
                m_runs->setItem(i, c, new QTableWidgetItem(cells[c]));
        }
        m_runs->resizeColumnsToContents();
    });
    setRunning(false);
}

void ReplayConsole::setSource(const std::shared_ptr<RecordSource>& source, const QStringList& topics)
{
    const std::optional<SourceSpec> spec =
        source ? std::optional<SourceSpec>(jobSpecOf(source->spec())) : std::nullopt;
    m_runner->setSource(source);
    const bool sameSource = (spec ? spec->key() : QString()) == (m_source ? m_source->key() : QString());
    m_source = spec;
    const QString keep = m_topic->currentText();
    m_topic->clear();
    m_topic->addItems(topics);
    if (topics.contains(keep)) m_topic->setCurrentText(keep);
    if (!sameSource && !m_runner->running()) {
        // Another source: the last one's plan, range, filter and run do not describe this one
        // (walkthrough defect 6.15). What the job does (pacing, masking, consumer) stays.
        m_planText->clear();
        m_plannedJob.clear();
        m_confirmedFields.clear();
        for (QLineEdit* e : {m_partitions, m_from, m_to, m_filter, m_targetTopic, m_unlock})
            e->clear();
        for (int g = 0; g < m_chart->graphCount(); ++g)
            m_chart->graph(g)->data()->clear();
        m_chart->replot();
        m_output->clear();
        m_progress->setValue(0);
        m_status->clear();
    }
    if (!sameSource || m_targetTopic->text().isEmpty()) { // a reload keeps what the user typed
        choose(m_targetKind, spec && isSharedSource(*spec) ? TargetKind::Kafka : TargetKind::Workspace);
        emit m_targetKind->currentIndexChanged(m_targetKind->currentIndex());
    }
    refreshJournal();
}

void ReplayConsole::prefill(const QString& topic, int partition, std::optional<TimestampMs> from,
                            std::optional<TimestampMs> to, const QString& filter)
{
    m_topic->setCurrentText(topic);
    m_partitions->setText(partition >= 0 ? QString::number(partition) : QString());
    m_from->setText(from ? iso(*from) : QString());
    m_to->setText(to ? iso(*to) : QString());
    m_filter->setText(filter);
    emit m_targetKind->currentIndexChanged(m_targetKind->currentIndex());
}

Result<ReplayJob> ReplayConsole::job() const
{
    ReplayJob j;
    j.name = tr("%1 from the replay console").arg(m_topic->currentText());
    if (!m_source)
        return makeError(ErrorCode::InvalidArgument, tr("Open a workspace or a Kafka cluster first."));
    j.source = *m_source; // a cluster's security settings and password come with the session
    j.sourceTopic = m_topic->currentText();
    for (const QString& p : commaList(m_partitions->text())) {
        if (p == QLatin1String("all")) continue;
        bool ok = false;
        const int n = p.toInt(&ok);
        if (!ok || n < 0)
            return makeError(ErrorCode::InvalidArgument,
                             tr("Partitions: '%1' is not a partition number").arg(p));
        j.partitions.push_back(n);
    }
    const TimestampMs now = currentTimeMs();
    if (!m_from->text().trimmed().isEmpty()) {
        auto t = parseTimePoint(m_from->text().trimmed(), now);
        if (!t) return makeError(ErrorCode::InvalidArgument, tr("From: %1").arg(t.error().message));
        j.fromTime = t.value();
    }
    if (!m_to->text().trimmed().isEmpty()) {
        auto t = parseTimePoint(m_to->text().trimmed(), now);
        if (!t) return makeError(ErrorCode::InvalidArgument, tr("To: %1").arg(t.error().message));
        j.toTime = t.value();
    }
    j.filter = m_filter->text().trimmed();
    const QString where = m_targetWhere->text().trimmed();
    if (where.isEmpty())
        return makeError(ErrorCode::InvalidArgument,
                         tr("Say where to write: a workspace file or bootstrap servers."));
    if (chosen<TargetKind>(m_targetKind) == TargetKind::Workspace) {
        j.target = SourceSpec::file(where);
    } else if (m_source && isSharedSource(*m_source) && where == sourceServers()) {
        j.target = *m_source; // the explorer's cluster, with its security settings
    } else if (KafkaProfile::sessionName(where) || where.endsWith(QLatin1String(".json"))) {
        auto t = sourceSpecFromJson(QJsonObject{{QStringLiteral("profile"), where}}, tr("Target"));
        if (!t) return t.error();
        j.target = std::move(t.value());
    } else {
        j.target = SourceSpec::bootstrap(where);
    }
    j.targetTopic = m_targetTopic->text().trimmed();
    if (j.targetTopic.isEmpty())
        return makeError(ErrorCode::InvalidArgument, tr("The target topic is missing."));
    j.keepPartition = m_partitioning->currentData().toBool();
    j.keepTimestamps = m_timestamps->currentData().toBool();
    j.provenance = m_provenance->isChecked();
    j.maskFields = commaList(m_mask->text());
    j.removeFields = commaList(m_remove->text());
    bool ok = false;
    const double v = m_pacingValue->text().toDouble(&ok);
    const auto pacing = chosen<ReplayPacing::Kind>(m_pacing);
    if (pacing == ReplayPacing::Original) {
        if (!ok || v <= 0)
            return makeError(ErrorCode::InvalidArgument, tr("Pacing: the speed factor must be above 0."));
        j.pacing = {ReplayPacing::Original, v, 0};
    } else if (pacing == ReplayPacing::Rate) {
        if (!ok || v <= 0)
            return makeError(ErrorCode::InvalidArgument, tr("Pacing: the rate must be above 0."));
        j.pacing = {ReplayPacing::Rate, 1, v};
    }
    if (!m_consumer->text().trimmed().isEmpty()) {
        j.consumer.command = QProcess::splitCommand(m_consumer->text().trimmed());
        j.consumer.input = chosen<ReplayConsumer::Input>(m_consumerInput);
    }
    j.unlock = m_unlock->text().trimmed();
    if (auto r = j.validate(); !r) return r.error();
    return j;
}

void ReplayConsole::setJob(const ReplayJob& j)
{
    m_topic->setCurrentText(j.sourceTopic);
    QStringList parts;
    for (PartitionId p : j.partitions)
        parts << QString::number(p);
    m_partitions->setText(parts.join(QStringLiteral(",")));
    m_from->setText(j.fromTime ? iso(*j.fromTime) : QString());
    m_to->setText(j.toTime ? iso(*j.toTime) : QString());
    m_filter->setText(j.filter);
    const bool cluster = isSharedSource(j.target);
    choose(m_targetKind, cluster ? TargetKind::Kafka : TargetKind::Workspace);
    const QString servers = j.target.kafka ? j.target.kafka->bootstrap : QString();
    m_targetWhere->setText(!cluster                                                  ? j.target.path
                           : j.target.profileRef.isEmpty()                           ? servers
                           : m_source && j.target.profileRef == m_source->profileRef ? sourceServers()
                                                                                     : j.target.profileRef);
    m_targetTopic->setText(j.targetTopic);
    m_partitioning->setCurrentIndex(std::max(0, m_partitioning->findData(j.keepPartition)));
    m_timestamps->setCurrentIndex(std::max(0, m_timestamps->findData(j.keepTimestamps)));
    m_provenance->setChecked(j.provenance);
    m_mask->setText(j.maskFields.join(QStringLiteral(", ")));
    m_remove->setText(j.removeFields.join(QStringLiteral(", ")));
    choose(m_pacing, j.pacing.kind);
    m_pacingValue->setText(
        QString::number(j.pacing.kind == ReplayPacing::Rate ? j.pacing.rate : j.pacing.speed));
    QStringList quoted;
    for (const QString& a : j.consumer.command)
        quoted << (a.contains(QLatin1Char(' ')) ? QLatin1Char('"') + a + QLatin1Char('"') : a);
    m_consumer->setText(quoted.join(QLatin1Char(' ')));
    choose(m_consumerInput, j.consumer.input);
    m_unlock->setText(j.unlock);
}

void ReplayConsole::planJob()
{
    auto j = job();
    if (!j) {
        m_status->setText(QStringLiteral("✖ ") + j.error().message);
        emit planReady();
        return;
    }
    m_status->setText(tr("Planning …"));
    m_runner->plan(j.value());
}

void ReplayConsole::runJob(bool resume)
{
    auto j = job();
    if (!j) {
        if (j.error().code == ErrorCode::Refused)
            m_runner->auditRefused(m_targetWhere->text(), m_targetTopic->text(), j.error());
        m_status->setText(QStringLiteral("✖ ") + j.error().message);
        emit runFailed(j.error().message);
        return;
    }
    const QString id = replayJobId(j.value());
    if (id != m_plannedJob) { // the plan pane describes another job: do not leave it standing
        m_planText->clear();
        m_plannedJob.clear();
    }
    j->allowUnmatchedFields = id == m_confirmedFields;
    for (int g = 0; g < m_chart->graphCount(); ++g)
        m_chart->graph(g)->data()->clear();
    m_lastT = 0;
    m_lastDone = 0;
    m_output->clear();
    m_progress->setValue(0);
    setRunning(true);
    m_status->setText(resume ? tr("Resuming …") : tr("Running …"));
    m_runner->run(j.value(), resume ? ReplayMode::Resume : ReplayMode::Run);
}

void ReplayConsole::setRunning(bool running)
{
    m_plan->setEnabled(!running);
    m_run->setEnabled(!running);
    m_resume->setEnabled(!running);
    m_pause->setEnabled(running);
    m_step->setEnabled(running && m_runner->paused());
    m_cancel->setEnabled(running);
    if (!running) m_pause->setText(tr("Pa&use"));
}

void ReplayConsole::saveJob()
{
    auto j = job();
    if (!j) {
        m_status->setText(QStringLiteral("✖ ") + j.error().message);
        return;
    }
    const QString path = askSaveFile(this, tr("Save replay job"), QStringLiteral("replay-job.json"),
                                     tr("Replay jobs (*.json)"));
    if (path.isEmpty()) return;
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate) || f.write(j->toJson()) < 0)
        m_status->setText(tr("✖ cannot write %1: %2").arg(path, f.errorString()));
    else
        m_status->setText(tr("Saved %1 (run it again with: rewind-cli replay run %1)").arg(path));
}

void ReplayConsole::openJob()
{
    const QString path = askOpenFile(this, tr("Open replay job"), QString(), tr("Replay jobs (*.json)"));
    if (path.isEmpty()) return;
    auto j = ReplayJob::fromFile(path);
    if (!j) {
        m_status->setText(QStringLiteral("✖ ") + j.error().message);
        return;
    }
    setJob(j.value());
}

void ReplayConsole::refreshJournal()
{
    if (m_source && !workspaceFileOf(*m_source).isEmpty()) m_runner->loadJournal(workspaceFileOf(*m_source));
}

QString ReplayConsole::sourceServers() const
{
    return m_source && m_source->kafka ? m_source->kafka->bootstrap : QString();
}

QString ReplayConsole::planText() const
{
    return m_planText->toPlainText();
}

QString ReplayConsole::statusText() const
{
    return m_status->text();
}

QString ReplayConsole::consumerText() const
{
    return m_output->toPlainText();
}

int ReplayConsole::pastRuns() const
{
    return m_runs->rowCount();
}

} // namespace rw
