#include "group_admin_dialog.h"

#include "dialog_title.h"
#include "kafka_client.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

namespace rw {

namespace {

struct GroupFacts {
    QString state;
    int members = 0;
    std::vector<ResetPlanRow> committed;
};

} // namespace

GroupAdminDialog::GroupAdminDialog(const KafkaProfile& profile, const QString& group, Action action,
                                   QWidget* parent)
    : QDialog(parent), m_profile(profile), m_group(group), m_jobs(new JobRunner(this)),
      m_loads(new JobRunner(this)), m_action(new QComboBox), m_topic(new QComboBox),
      m_newGroup(new QLineEdit), m_table(new QTableWidget(0, 3)), m_plan(new QLabel), m_status(new QLabel),
      m_apply(new QPushButton(tr("&Apply")))
{
    setObjectName(QStringLiteral("groupAdminDialog"));
    setWindowTitle(tr("Group %1").arg(group));
    fitTitle(this);
    m_action->setObjectName(QStringLiteral("groupAction"));
    m_action->addItem(tr("Delete the group"), int(Action::DeleteGroup));
    m_action->addItem(tr("Delete its offsets for one topic"), int(Action::DeleteOffsets));
    m_action->addItem(tr("Copy its offsets to a new group"), int(Action::CopyOffsets));
    m_topic->setObjectName(QStringLiteral("groupTopic"));
    m_newGroup->setObjectName(QStringLiteral("groupNewName"));
    m_newGroup->setPlaceholderText(tr("the new group's name"));
    m_table->setObjectName(QStringLiteral("groupPlanTable"));
    m_table->setHorizontalHeaderLabels({tr("Topic"), tr("Partition"), tr("Committed offset")});
    m_table->verticalHeader()->setVisible(false);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->horizontalHeader()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_plan->setObjectName(QStringLiteral("groupPlan"));
    m_status->setObjectName(QStringLiteral("groupStatus"));
    for (QLabel* l : {m_plan, m_status}) {
        l->setTextFormat(Qt::PlainText);
        l->setWordWrap(true);
    }
    m_apply->setObjectName(QStringLiteral("groupApply"));
    auto* form = new QFormLayout;
    form->addRow(tr("Action"), m_action);
    form->addRow(tr("Topic"), m_topic);
    form->addRow(tr("New group"), m_newGroup);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close);
    buttons->addButton(m_apply, QDialogButtonBox::ActionRole);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_table, 1);
    layout->addWidget(m_plan);
    layout->addWidget(m_status);
    layout->addWidget(buttons);
    resize(600, 440);
    connect(m_action, &QComboBox::currentIndexChanged, this, &GroupAdminDialog::updatePlan);
    connect(m_topic, &QComboBox::currentTextChanged, this, &GroupAdminDialog::updatePlan);
    connect(m_newGroup, &QLineEdit::textChanged, this, [this] {
        m_copyPlan.clear();
        m_copyPlannedFor.clear();
        updatePlan();
    });
    connect(m_newGroup, &QLineEdit::editingFinished, this, &GroupAdminDialog::planCopy);
    connect(m_apply, &QPushButton::clicked, this, &GroupAdminDialog::apply);
    setAction(action);
    load();
}

void GroupAdminDialog::setAction(Action a)
{
    m_action->setCurrentIndex(m_action->findData(int(a)));
    updatePlan();
}

GroupAdminDialog::Action GroupAdminDialog::action() const
{
    return static_cast<Action>(m_action->currentData().toInt());
}

void GroupAdminDialog::setTopic(const QString& topic)
{
    m_topic->setCurrentText(topic);
}

void GroupAdminDialog::setNewGroup(const QString& name)
{
    m_newGroup->setText(name);
    planCopy();
}

QString GroupAdminDialog::planText() const
{
    return m_plan->text();
}
QString GroupAdminDialog::statusText() const
{
    return m_status->text();
}
bool GroupAdminDialog::canApply() const
{
    return m_apply->isEnabled();
}

void GroupAdminDialog::load()
{
    m_status->setText(tr("Reading the group…"));
    m_loads->start<GroupFacts>(
        [profile = m_profile, group = m_group](const CancelToken& token) -> Result<GroupFacts> {
            auto client = KafkaClient::connect(profile, KafkaClient::kDefaultTimeoutMs, token.flag());
            if (!client) return client.error();
            GroupFacts f;
            auto desc = client.value()->describeGroup(group);
            if (!desc) return desc.error();
            f.state = desc->state;
            f.members = int(desc->members.size());
            auto lag = client.value()->groupLag(group);
            if (!lag) return lag.error();
            for (const KafkaPartitionLag& l : lag.value())
                if (l.committed) f.committed.push_back({l.topic, l.partition, l.committed, *l.committed});
            return f;
        },
        [this](Result<GroupFacts> f) {
            if (!f) {
                m_status->setText(tr("Could not read the group: %1").arg(f.error().message));
                emit failed(f.error().message);
                return;
            }
            m_status->clear();
            m_state = f->state;
            m_members = f->members;
            m_committed = f->committed;
            QStringList topics;
            for (const ResetPlanRow& r : m_committed)
                if (!topics.contains(r.topic)) topics << r.topic;
            const QString chosen = m_topic->currentText();
            const QSignalBlocker block(m_topic);
            m_topic->clear();
            m_topic->addItems(topics);
            if (!chosen.isEmpty()) m_topic->setCurrentText(chosen);
            updatePlan();
            emit loaded();
        });
}

void GroupAdminDialog::planCopy()
{
    const QString to = m_newGroup->text().trimmed();
    if (action() != Action::CopyOffsets || to.isEmpty() || to == m_copyPlannedFor) return;
    m_status->setText(tr("Planning the copy to %1…").arg(to));
    m_loads->start<std::vector<ResetPlanRow>>(
        [profile = m_profile, from = m_group,
         to](const CancelToken& token) -> Result<std::vector<ResetPlanRow>> {
            auto client = KafkaClient::connect(profile, KafkaClient::kDefaultTimeoutMs, token.flag());
            if (!client) return client.error();
            return client.value()->planCopyOffsets(from, to);
        },
        [this, to](Result<std::vector<ResetPlanRow>> plan) {
            if (!plan) {
                m_copyPlan.clear();
                m_copyPlannedFor.clear();
                m_status->setText(tr("No plan: %1").arg(plan.error().message));
                updatePlan();
                emit failed(plan.error().message);
                return;
            }
            m_status->clear();
            m_copyPlan = plan.value();
            m_copyPlannedFor = to;
            updatePlan();
            emit loaded();
        });
}

void GroupAdminDialog::updatePlan()
{
    const Action a = action();
    m_topic->setEnabled(a == Action::DeleteOffsets);
    m_newGroup->setEnabled(a == Action::CopyOffsets);
    std::vector<ResetPlanRow> rows;
    QString plan, refusal;
    const QString topic = m_topic->currentText();
    switch (a) {
    case Action::DeleteGroup:
        rows = m_committed;
        plan = tr("Delete group %1 (state %2) with its committed offsets on %n partition(s).", nullptr,
                  int(rows.size()))
                   .arg(m_group, m_state);
        break;
    case Action::DeleteOffsets:
        for (const ResetPlanRow& r : m_committed)
            if (r.topic == topic) rows.push_back(r);
        plan = tr("Delete the committed offsets of %1 for %2 (%n partition(s)); the group starts that topic "
                  "again from its auto.offset.reset.",
                  nullptr, int(rows.size()))
                   .arg(m_group, topic);
        if (rows.empty()) refusal = tr("The group has no committed offsets for this topic.");
        break;
    case Action::CopyOffsets:
        rows = m_copyPlan;
        plan = m_copyPlannedFor.isEmpty()
                   ? tr("Name the new group, then Enter: the plan shows what it will start from.")
                   : tr("Give %1 the offsets of %2 on %n partition(s), as listed.", nullptr, int(rows.size()))
                         .arg(m_copyPlannedFor, m_group);
        if (m_copyPlannedFor.isEmpty()) refusal = QStringLiteral(" ");
        break;
    }
    if (m_members > 0 && a != Action::CopyOffsets)
        refusal = tr("Refused: the group has %n member(s) (state %1); stop its consumers first.", nullptr,
                     m_members)
                      .arg(m_state);
    if (m_members < 0) refusal = QStringLiteral(" ");
    if (m_profile.readOnly)
        refusal = tr("Refused: the profile '%1' is read-only; nothing can be changed.").arg(m_profile.name);
    m_table->setRowCount(0);
    for (const ResetPlanRow& r : rows) {
        const int row = m_table->rowCount();
        m_table->insertRow(row);
        m_table->setItem(row, 0, new QTableWidgetItem(r.topic));
        m_table->setItem(row, 1, new QTableWidgetItem(QString::number(r.partition)));
        m_table->setItem(row, 2, new QTableWidgetItem(QString::number(r.target)));
    }
    m_plan->setText(refusal.trimmed().isEmpty() ? plan : plan + QLatin1Char('\n') + refusal);
    m_apply->setEnabled(!m_busy && refusal.isEmpty());
}

void GroupAdminDialog::apply()
{
    updatePlan();
    if (!m_apply->isEnabled()) return;
    const Action a = action();
    const QString topic = m_topic->currentText(), to = m_copyPlannedFor;
    const std::vector<ResetPlanRow> plan = m_copyPlan;
    m_busy = true;
    updatePlan();
    m_status->setText(tr("Applying…"));
    m_jobs->start<int>(
        [profile = m_profile, group = m_group, a, topic, to, plan](const CancelToken& token) -> Result<int> {
            auto client = KafkaClient::connect(profile, KafkaClient::kDefaultTimeoutMs, token.flag());
            if (!client) return client.error();
            KafkaClient& c = *client.value();
            switch (a) {
            case Action::DeleteGroup:
                if (auto r = c.deleteGroup(group); !r) return r.error();
                return 0;
            case Action::DeleteOffsets:
                return c.deleteGroupOffsets(group, topic);
            case Action::CopyOffsets:
                if (auto r = c.copyOffsets(group, to, plan); !r) return r.error();
                return int(plan.size());
            }
            return 0;
        },
        [this, a, topic, to](Result<int> r) {
            m_busy = false;
            if (!r) {
                m_status->setText(tr("Refused, nothing changed: %1").arg(r.error().message));
                updatePlan();
                emit failed(r.error().message);
                return;
            }
            switch (a) {
            case Action::DeleteGroup:
                m_status->setText(tr("Deleted group %1.").arg(m_group));
                break;
            case Action::DeleteOffsets:
                m_status->setText(tr("Deleted the offsets of %1 for %2.").arg(m_group, topic));
                break;
            case Action::CopyOffsets:
                m_status->setText(tr("Copied the offsets to %1.").arg(to));
                break;
            }
            if (a == Action::CopyOffsets) { // copied: a second copy onto it is a new plan, refused
                m_copyPlan.clear();
                m_copyPlannedFor.clear();
            }
            emit applied(a == Action::CopyOffsets ? to : m_group);
            load();
        });
}

} // namespace rw
