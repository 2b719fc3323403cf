#include "group_page.h"

#include "group_details.h"
#include "job_runner.h"
#include "lag_chart.h"
#include "reset_dialog.h"
#include "workspace_store.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QListWidget>
#include <QLocale>
#include <QPushButton>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

namespace rw {

GroupPage::GroupPage(QWidget* parent)
    : QWidget(parent), m_model(new GroupLagModel(this)), m_jobs(new JobRunner(this)),
      m_title(new QLabel(tr("Select a consumer group on the left."))), m_table(new QTableView),
      m_membersTitle(new QLabel), m_members(new QListWidget), m_chart(new LagChart)
{
    m_title->setObjectName(QStringLiteral("groupTitle"));
    m_title->setTextFormat(Qt::PlainText);
    m_title->setWordWrap(true); // long in some languages: wraps instead of widening the window
    m_table->setObjectName(QStringLiteral("groupTable"));
    m_table->setModel(m_model);
    m_table->verticalHeader()->setVisible(false);
    m_table->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 6);
    m_table->setAlternatingRowColors(true);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->horizontalHeader()->setStretchLastSection(true);
    // Sortable, e.g. by time behind, as the source listed them until a header is clicked.
    m_table->horizontalHeader()->setSortIndicator(-1, Qt::AscendingOrder);
    m_table->setSortingEnabled(true);
    // Who reads for the group now: client id, host and assigned partitions (live clusters).
    m_membersTitle->setObjectName(QStringLiteral("groupMembersTitle"));
    m_membersTitle->setTextFormat(Qt::PlainText);
    m_membersTitle->setWordWrap(true);
    m_members->setObjectName(QStringLiteral("groupMembers"));
    m_members->setAlternatingRowColors(true);
    m_members->setWordWrap(true);
    m_members->setMaximumHeight(6 * (m_members->fontMetrics().height() + 4));
    auto* membersBox = new QWidget;
    auto* membersLayout = new QVBoxLayout(membersBox);
    membersLayout->setContentsMargins(0, 0, 0, 0);
    membersLayout->addWidget(m_membersTitle);
    membersLayout->addWidget(m_members);
    membersBox->setObjectName(QStringLiteral("groupMembersBox"));
    m_membersTitle->hide();
    m_members->hide();
    auto* split = new QSplitter(Qt::Vertical);
    split->addWidget(membersBox);
    split->addWidget(m_table);
    split->addWidget(m_chart);
    split->setStretchFactor(0, 0);
    split->setStretchFactor(1, 1);
    split->setStretchFactor(2, 2);
    auto* reset = new QPushButton(tr("Reset offsets…"));
    reset->setObjectName(QStringLiteral("resetOffsetsButton"));
    reset->setToolTip(tr("Move where this group resumes: shows the plan before anything changes"));
    connect(reset, &QPushButton::clicked, this, [this] { resetOffsets(); });
    auto* manage = new QPushButton(tr("Delete or copy…"));
    manage->setObjectName(QStringLiteral("groupAdminButton"));
    manage->setToolTip(tr("Delete this group or its offsets for a topic, or copy its offsets to a new "
                          "group (a Kafka cluster's groups): shows the plan first"));
    connect(manage, &QPushButton::clicked, this, [this] {
        if (!m_group.isEmpty()) emit administerRequested(m_group);
    });
    auto* titleRow = new QHBoxLayout;
    titleRow->addWidget(m_title, 1);
    titleRow->addWidget(manage);
    titleRow->addWidget(reset);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 4, 0, 0);
    layout->addLayout(titleRow);
    layout->addWidget(split, 1);
}

void GroupPage::setSource(const WorkspaceOverview& overview)
{
    m_jobs->cancel(); // a group of the last source must not land on this one
    m_source = overview.source;
    m_topics = overview.topics;
    m_readOnly = overview.readOnly;
    m_sourceNote = overview.lagNote;
    m_chart->setEmptyNote(m_sourceNote);
}

void GroupPage::showEmpty(const QString& group, const QString& note)
{
    GroupDetails none;
    none.group = group;
    m_model->setDetails(none);
    m_chart->setEmptyNote(note);
    m_chart->setHistory(group, {});
    m_chart->setBehind(std::nullopt, 0);
    showMembers(none);
}

void GroupPage::showMembers(const GroupDetails& d)
{
    m_members->clear();
    // Only a live cluster knows members; elsewhere (a workspace, a copy) the list stays hidden.
    const bool live = !d.state.isEmpty();
    m_membersTitle->setVisible(live);
    m_members->setVisible(live && (!d.members.isEmpty() || !d.membersNote.isEmpty()));
    if (!live) return;
    const QString protocol = d.protocol == QLatin1String("consumer")  ? tr("consumer protocol (KIP-848)")
                             : d.protocol == QLatin1String("classic") ? tr("classic protocol")
                                                                      : QString();
    QString title = protocol.isEmpty() ? d.state : tr("%1 · %2").arg(d.state, protocol);
    if (!d.membersNote.isEmpty())
        m_members->addItem(d.membersNote);
    else if (d.members.isEmpty())
        title += QStringLiteral(" · ") + tr("no members: nobody reads for this group now");
    else
        title += QStringLiteral(" · ") + tr("%n member(s): client id @ host: assigned partitions", nullptr,
                                            static_cast<int>(d.members.size()));
    for (const QString& m : d.members)
        m_members->addItem(m); // broker data: shown as plain text by the list
    m_membersTitle->setText(title);
}

QStringList GroupPage::memberLines() const
{
    QStringList out;
    out << m_membersTitle->text();
    for (int i = 0; i < m_members->count(); ++i)
        out << m_members->item(i)->text();
    return out;
}

// "billing · total lag 1,204 over 12 partitions", and for partitions without a commit what the
// group would have to read: a group that never read anything is far behind, not at lag 0.
QString GroupPage::headline(const GroupDetails& d)
{
    const QLocale loc;
    const int committed = static_cast<int>(d.partitions.size()) - d.withoutCommit;
    QString s = d.group;
    if (committed > 0)
        s += QStringLiteral(" · ") +
             tr("total lag %1 over %n partition(s)", nullptr, committed).arg(loc.toString(d.totalLag));
    if (d.maxBehindMs > 0)
        s += QStringLiteral(" · ") + tr("up to %1 behind").arg(formatDuration(d.maxBehindMs));
    if (!d.behindProblem.isEmpty())
        s += QStringLiteral(" · ") + tr("time behind not read: %1").arg(d.behindProblem);
    if (d.withoutCommit > 0)
        s += QStringLiteral(" · ") +
             tr("never committed on %n partition(s): %1 records to read from the earliest offset "
                "(auto.offset.reset=earliest), none from the latest",
                nullptr, d.withoutCommit)
                 .arg(loc.toString(d.uncommittedHeld));
    return s;
}

void GroupPage::showGroup(const QString& group)
{
    if (!m_source) return;
    m_group = group;
    m_title->setText(tr("%1 · loading …").arg(group));
    // Never the previous group's rows and chart under this group's name.
    showEmpty(group, tr("loading …"));
    m_jobs->start<GroupDetails>(
        [source = m_source, group](const CancelToken& cancel) -> Result<GroupDetails> {
            auto connection = source->reopen();
            if (!connection) return connection.error();
            return loadGroupDetails(*connection.value(), group, cancel.flag());
        },
        [this](Result<GroupDetails> r) {
            if (!r) {
                const QString m = tr("Could not read the consumer group: %1").arg(r.error().message);
                showEmpty(m_group, m);
                m_title->setText(QStringLiteral("✖ %1 · %2").arg(m_group, m));
                emit failed(m);
                return;
            }
            const GroupDetails& d = r.value();
            m_chart->setEmptyNote(m_sourceNote);
            m_model->setDetails(d);
            m_table->resizeColumnsToContents();
            m_chart->setHistory(d.group, d.history);
            m_chart->setToolTip(d.historyNote); // a cluster: where the history is kept, how long
            m_chart->setBehind(d.oldestUnread, d.maxBehindMs);
            m_title->setText(headline(d));
            showMembers(d);
            emit groupLoaded(d.group);
        });
}

QString GroupPage::titleText() const
{
    return m_title->text();
}

void GroupPage::addSample(const QString& group, const LagSample& sample)
{
    if (group == m_group) m_chart->addSample(sample);
}

void GroupPage::setUtc(bool utc)
{
    m_chart->setUtc(utc);
    m_model->setUtc(utc);
}

ResetDialog* GroupPage::resetOffsets()
{
    if (m_group.isEmpty() || m_model->details().group != m_group) return nullptr;
    std::vector<std::pair<QString, int>> topics;
    for (const PartitionLag& l : m_model->details().partitions) {
        if (!topics.empty() && topics.back().first == l.topic) continue;
        int partitions = 0;
        for (const TopicInfo& t : m_topics)
            if (t.name == l.topic) partitions = static_cast<int>(t.partitions.size());
        topics.emplace_back(l.topic, partitions);
    }
    if (!m_source) return nullptr;
    auto* dialog = new ResetDialog(m_source, m_group, topics, m_readOnly, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &ResetDialog::applied, this, [this](const QString& group) { emit offsetsReset(group); });
    dialog->open();
    return dialog;
}

} // namespace rw
