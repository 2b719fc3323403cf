// The window's Kafka menu: Produce, Send again (from the table, the trace or a case), and the
// cluster's topics, groups and Schema Registry. Each dialog writes through its own connection on
// a worker, shows its plan first and keeps the profile's read-only flag and the sandbox rule.

#include "group_admin_dialog.h"
#include "group_page.h"
#include "job_runner.h"
#include "main_window.h"
#include "produce_dialog.h"
#include "records_page.h"
#include "registry_dialog.h"
#include "topic_admin_dialog.h"

#include <QLabel>
#include <QMenu>

namespace rw {

bool MainWindow::needsCluster()
{
    if (kafkaProfile()) return true;
    m_status->setText(tr("Producing and administering topics, groups and schemas need a Kafka cluster: "
                         "connect to one first (File ▸ Add Kafka cluster…, or a profile in Sources)."));
    return false;
}

void MainWindow::buildKafkaMenu(QMenu* menu)
{
    QAction* produceAction = menu->addAction(tr("&Produce…"), this, [this] { produce(); });
    produceAction->setObjectName(QStringLiteral("produceAction"));
    produceAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_P));
    QMenu* again = menu->addMenu(tr("Send &again"));
    again->addAction(tr("The &selected records…"), this,
                     [this] { resend(selectedRecordSet(), tr("the selected records")); });
    again->addAction(tr("The &trace's records…"), this,
                     [this] { resend(traceRecordSet(), tr("the trace's records")); });
    again->addAction(tr("The case's &pinned records…"), this,
                     [this] { resend(pinRecordSet(), tr("the case's pinned records")); });
    menu->addSeparator();
    menu->addAction(tr("&New topic…"), this,
                    [this] { administerTopics(int(TopicAdminDialog::Action::Create)); });
    menu->addAction(tr("Topic &settings…"), this,
                    [this] { administerTopics(int(TopicAdminDialog::Action::Settings)); });
    menu->addAction(tr("Add p&artitions…"), this,
                    [this] { administerTopics(int(TopicAdminDialog::Action::AddPartitions)); });
    menu->addAction(tr("&Delete topic…"), this,
                    [this] { administerTopics(int(TopicAdminDialog::Action::Delete)); });
    menu->addSeparator();
    menu->addAction(tr("Delete or copy the &group…"), this,
                    [this] { administerGroup(int(GroupAdminDialog::Action::DeleteGroup)); });
    menu->addSeparator();
    QAction* registry = menu->addAction(tr("Schema &Registry…"), this, [this] { browseRegistry(); });
    registry->setObjectName(QStringLiteral("registryAction"));
    connect(m_recordsPage, &RecordsPage::resendRequested, this,
            [this] { resend(selectedRecordSet(), tr("the selected records")); });
    connect(m_groupPage, &GroupPage::administerRequested, this, [this](const QString& group) {
        administerGroup(int(GroupAdminDialog::Action::DeleteGroup), group);
    });
}

namespace {

QStringList topicNames(const WorkspaceOverview& overview)
{
    QStringList names;
    for (const TopicInfo& t : overview.topics)
        names << t.name;
    return names;
}

} // namespace

ProduceDialog* MainWindow::produce()
{
    if (!needsCluster()) return nullptr;
    auto* dialog = new ProduceDialog(*kafkaProfile(), topicNames(m_overview), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    const QString shown = m_recordsPage->topic();
    if (shown.startsWith(dialog->sandboxPrefix())) dialog->setTopic(shown);
    connect(dialog, &ProduceDialog::produced, this, [this](const QString& topic, qint64 n) {
        m_status->setText(tr("Produced %n record(s) to %1.", nullptr, int(n)).arg(topic));
        if (n > 0 && topic == m_recordsPage->topic()) reload(); // the view shows what was written
    });
    m_produceDialog = dialog;
    dialog->show();
    return dialog;
}

ProduceDialog* MainWindow::produceDialog() const
{
    return m_produceDialog;
}

void MainWindow::resend(const RecordSet& set, const QString& what)
{
    if (!needsCluster() || !m_overview.source) return;
    if (set.refs.empty()) {
        m_status->setText(tr("Nothing to send again (%1).").arg(what));
        return;
    }
    if (!m_resendJobs) m_resendJobs = new JobRunner(this);
    m_status->setText(tr("Reading %1 to send them again…").arg(what));
    m_resendJobs->start<ResendRead>(
        [source = m_overview.source, set](const CancelToken& token) -> Result<ResendRead> {
            auto connection = source->reopen();
            if (!connection) return connection.error();
            return readForResend(*connection.value(), set.topics, set.refs, true, token.flag());
        },
        [this, what](Result<ResendRead> read) {
            if (!read) {
                m_status->setText(tr("Could not read %1: %2").arg(what, read.error().message));
                return;
            }
            if (read->items.empty()) {
                m_status->setText(tr("The source no longer holds %1.").arg(what));
                return;
            }
            m_status->clear();
            auto* dialog = new ProduceDialog(*kafkaProfile(), topicNames(m_overview), this);
            dialog->setAttribute(Qt::WA_DeleteOnClose);
            dialog->setResend(std::move(read.value()));
            connect(dialog, &ProduceDialog::produced, this, [this](const QString& topic, qint64 n) {
                m_status->setText(tr("Sent %n record(s) again to %1.", nullptr, int(n)).arg(topic));
                if (n > 0 && topic == m_recordsPage->topic()) reload();
            });
            m_produceDialog = dialog;
            dialog->show();
            emit resendReady(dialog);
        });
}

TopicAdminDialog* MainWindow::administerTopics(int action, const QString& topic)
{
    if (!needsCluster()) return nullptr;
    const QString shown = topic.isEmpty() ? m_recordsPage->topic() : topic;
    auto* dialog = new TopicAdminDialog(*kafkaProfile(), topicNames(m_overview),
                                        static_cast<TopicAdminDialog::Action>(action), shown, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &TopicAdminDialog::applied, this, [this] { reload(); }); // the topic list changed
    dialog->show();
    return dialog;
}

GroupAdminDialog* MainWindow::administerGroup(int action, const QString& group)
{
    if (!needsCluster()) return nullptr;
    const QString name = group.isEmpty() ? m_groupPage->shownGroup() : group;
    if (name.isEmpty()) {
        m_status->setText(tr("Choose a group in the list first."));
        return nullptr;
    }
    auto* dialog =
        new GroupAdminDialog(*kafkaProfile(), name, static_cast<GroupAdminDialog::Action>(action), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &GroupAdminDialog::applied, this, [this] { reload(); });
    dialog->show();
    return dialog;
}

RegistryDialog* MainWindow::browseRegistry()
{
    if (!needsCluster()) return nullptr;
    const KafkaProfile profile = *kafkaProfile();
    const auto registry = profile.registry();
    if (!registry) {
        m_status->setText(tr("The profile %1 has no Schema Registry: add its URL in the profile (Sources ▸ "
                             "Edit).")
                              .arg(profile.name));
        return nullptr;
    }
    auto* dialog = new RegistryDialog(*registry, profile.readOnly,
                                      profile.name.isEmpty() ? profile.bootstrap : profile.name, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->show();
    return dialog;
}

} // namespace rw
