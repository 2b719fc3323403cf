#include "reset_dialog.h"

#include "dialog_title.h"

#include "time_parse.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMessageBox>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

namespace rw {

ResetDialog::ResetDialog(const std::shared_ptr<RecordSource>& source, const QString& group,
                         const std::vector<std::pair<QString, int>>& topics, bool readOnly, QWidget* parent)
    : QDialog(parent), m_jobs(new JobRunner(this)), m_source(source), m_group(group), m_readOnly(readOnly),
      m_topics(topics), m_topic(new QComboBox), m_partition(new QComboBox), m_kind(new QComboBox),
      m_value(new QLineEdit), m_table(new QTableWidget), m_status(new QLabel),
      m_preview(new QPushButton(tr("&Preview plan"))), m_apply(new QPushButton(tr("&Apply")))
{
    setObjectName(QStringLiteral("resetDialog"));
    setWindowTitle(tr("Reset offsets of %1").arg(group));
    fitTitle(this);
    for (const auto& [name, partitions] : topics)
        m_topic->addItem(name, partitions);
    m_kind->addItem(tr("Earliest"), static_cast<int>(ResetKind::Earliest));
    m_kind->addItem(tr("Latest"), static_cast<int>(ResetKind::Latest));
    m_kind->addItem(tr("To time"), static_cast<int>(ResetKind::ToTime));
    m_kind->addItem(tr("To offset"), static_cast<int>(ResetKind::ToOffset));
    m_kind->addItem(tr("Shift by ±N"), static_cast<int>(ResetKind::ShiftBy));
    m_value->setPlaceholderText(tr("2026-11-19T03:00Z, now-2h, an offset, or -100"));
    auto fillPartitions = [this] {
        m_partition->clear();
        m_partition->addItem(tr("all partitions"), -1);
        for (int p = 0; p < m_topic->currentData().toInt(); ++p)
            m_partition->addItem(QString::number(p), p);
    };
    fillPartitions();
    connect(m_topic, &QComboBox::currentIndexChanged, this, [this, fillPartitions] {
        fillPartitions();
        invalidatePlan();
    });
    connect(m_partition, &QComboBox::currentIndexChanged, this, &ResetDialog::invalidatePlan);
    connect(m_kind, &QComboBox::currentIndexChanged, this, [this] {
        const auto k = static_cast<ResetKind>(m_kind->currentData().toInt());
        m_value->setEnabled(k != ResetKind::Earliest && k != ResetKind::Latest);
        invalidatePlan();
    });
    connect(m_value, &QLineEdit::textChanged, this, &ResetDialog::invalidatePlan);
    m_value->setEnabled(false);
    m_table->setColumnCount(5);
    m_table->setHorizontalHeaderLabels(
        {tr("Topic"), tr("Partition"), tr("Committed now"), tr("New"), tr("Change")});
    m_table->verticalHeader()->setVisible(false);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_status->setTextFormat(Qt::PlainText);
    m_status->setWordWrap(true);
    m_status->setObjectName(QStringLiteral("resetStatus"));
    m_apply->setEnabled(false);
    if (readOnly)
        m_apply->setToolTip(tr("This source is read-only: the plan can be previewed, not applied."));
    connect(m_preview, &QPushButton::clicked, this, &ResetDialog::preview);
    connect(m_apply, &QPushButton::clicked, this, &ResetDialog::apply);
    auto* form = new QFormLayout;
    form->addRow(tr("Topic"), m_topic);
    form->addRow(tr("Partition"), m_partition);
    form->addRow(tr("Move to"), m_kind);
    form->addRow(tr("Value"), m_value);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close);
    buttons->addButton(m_preview, QDialogButtonBox::ActionRole);
    buttons->addButton(m_apply, QDialogButtonBox::ActionRole);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_table, 1);
    layout->addWidget(m_status);
    layout->addWidget(buttons);
    resize(640, 480);
}

void ResetDialog::setSpec(ResetKind kind, const QString& value, const QString& topic, int partition)
{
    m_topic->setCurrentIndex(m_topic->findText(topic));
    m_kind->setCurrentIndex(m_kind->findData(static_cast<int>(kind)));
    m_value->setText(value);
    m_partition->setCurrentIndex(m_partition->findData(partition));
}

Result<ResetSpec> ResetDialog::spec() const
{
    ResetSpec s;
    s.kind = static_cast<ResetKind>(m_kind->currentData().toInt());
    s.topic = m_topic->currentText();
    if (s.topic.isEmpty())
        return makeError(ErrorCode::InvalidArgument, tr("The group has no topic to reset."));
    if (m_partition->currentData().toInt() >= 0) s.partition = m_partition->currentData().toInt();
    const QString v = m_value->text().trimmed();
    bool ok = false;
    switch (s.kind) {
    case ResetKind::Earliest:
    case ResetKind::Latest:
        break;
    case ResetKind::ToTime: {
        auto t = parseTimePoint(v, currentTimeMs());
        if (!t) return makeError(ErrorCode::InvalidArgument, tr("Not a time: %1").arg(t.error().message));
        s.value = t.value();
        break;
    }
    case ResetKind::ToOffset:
    case ResetKind::ShiftBy:
        s.value = v.toLongLong(&ok);
        if (!ok || (s.kind == ResetKind::ToOffset && s.value < 0))
            return makeError(ErrorCode::InvalidArgument, s.kind == ResetKind::ToOffset
                                                             ? tr("Type an offset (0 or more).")
                                                             : tr("Type how far to move, like -100 or 50."));
        break;
    }
    return s;
}

void ResetDialog::invalidatePlan()
{
    m_plan.clear();
    m_table->setRowCount(0);
    m_apply->setEnabled(false);
    m_status->setText(tr("Preview the plan first; nothing changes until you apply it."));
}

void ResetDialog::preview()
{
    invalidatePlan();
    auto s = spec();
    if (!s) {
        m_status->setText(QStringLiteral("✖ ") + s.error().message);
        emit planReady();
        return;
    }
    m_status->setText(tr("Planning …"));
    m_jobs->start<std::vector<ResetPlanRow>>(
        [source = m_source, group = m_group,
         spec = s.value()](const CancelToken&) -> Result<std::vector<ResetPlanRow>> {
            auto connection = source->reopen();
            if (!connection) return connection.error();
            return connection.value()->planGroupReset(group, spec);
        },
        [this](Result<std::vector<ResetPlanRow>> plan) {
            if (plan)
                showPlan(plan.value());
            else
                showFailure(plan.error());
        });
}

void ResetDialog::showPlan(const std::vector<ResetPlanRow>& plan)
{
    m_plan = plan;
    const QLocale loc;
    m_table->setRowCount(static_cast<int>(plan.size()));
    qint64 moved = 0;
    for (int i = 0; i < static_cast<int>(plan.size()); ++i) {
        const ResetPlanRow& r = plan[static_cast<size_t>(i)];
        const QString delta = r.current ? (r.target - *r.current >= 0 ? QStringLiteral("+") : QString()) +
                                              loc.toString(r.target - *r.current)
                                        : tr("first commit");
        if (!r.current || r.target != *r.current) ++moved;
        const QStringList cells = {r.topic, QString::number(r.partition),
                                   r.current ? loc.toString(*r.current) : tr("no commit"),
                                   loc.toString(r.target), delta};
        for (int c = 0; c < cells.size(); ++c)
            m_table->setItem(i, c, new QTableWidgetItem(cells[c]));
    }
    m_table->resizeColumnsToContents();
    m_status->setText(m_readOnly
                          ? tr("Plan: %1 of %n partition(s) would move. This source is read-only, so it "
                               "cannot be applied.",
                               nullptr, static_cast<int>(plan.size()))
                                .arg(moved)
                          : tr("Plan: %1 of %n partition(s) move. Nothing has changed yet: Apply commits "
                               "it (refused while the group has live members).",
                               nullptr, static_cast<int>(plan.size()))
                                .arg(moved));
    m_apply->setEnabled(!m_readOnly && !plan.empty());
    emit planReady();
}

void ResetDialog::showFailure(const Error& error)
{
    m_status->setText(QStringLiteral("✖ ") + error.message);
    m_preview->setEnabled(true);
    emit planReady();
}

void ResetDialog::apply()
{
    if (m_plan.empty() || m_readOnly) return;
    if (!confirmWithoutAsking && QMessageBox::question(this, tr("Apply the reset"),
                                                       tr("Commit new offsets for %1 on %n partition(s)?",
                                                          nullptr, static_cast<int>(m_plan.size()))
                                                           .arg(m_group)) != QMessageBox::Yes)
        return;
    m_apply->setEnabled(false);
    m_status->setText(tr("Applying …"));
    m_preview->setEnabled(false); // a new plan must not supersede the apply under way
    m_jobs->start<bool>(
        [source = m_source, group = m_group, plan = m_plan](const CancelToken&) -> Result<bool> {
            auto writer = source->groupWriter();
            if (!writer) return writer.error();
            auto r = writer.value()->applyReset(group, plan);
            if (!r) return r.error();
            return true;
        },
        [this](Result<bool> r) {
            if (!r) {
                showFailure(r.error());
                return;
            }
            m_status->setText(tr("Applied."));
            emit applied(m_group);
            accept();
        });
}

QString ResetDialog::statusText() const
{
    return m_status->text();
}

} // namespace rw
