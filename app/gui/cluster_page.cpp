#include "cluster_page.h"

#include "group_details.h"
#include "job_runner.h"

#include <QFont>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QSplitter>
#include <QTableWidget>
#include <QVBoxLayout>

#include <algorithm>

namespace rw {

namespace {

// At most this many problem partitions are listed (a broker down can take thousands with it).
constexpr int kMaxProblemRows = 1000;

QTableWidget* table(const QString& objectName, const QStringList& headers)
{
    auto* t = new QTableWidget(0, static_cast<int>(headers.size()));
    t->setObjectName(objectName);
    t->setHorizontalHeaderLabels(headers);
    t->verticalHeader()->setVisible(false);
    t->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    t->verticalHeader()->setDefaultSectionSize(t->fontMetrics().height() + 6);
    t->setEditTriggers(QAbstractItemView::NoEditTriggers);
    t->setSelectionBehavior(QAbstractItemView::SelectRows);
    t->setAlternatingRowColors(true);
    t->horizontalHeader()->setStretchLastSection(true);
    return t;
}

// A cell of broker or cluster text: shown as plain text (QTableWidgetItem never renders markup).
QTableWidgetItem* cell(const QString& text, bool right = false)
{
    auto* item = new QTableWidgetItem(text);
    if (right) item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
    return item;
}

// A setting's value as Kafka gives it, with what it means where a number alone says little:
// "3600000 (1h 0m)", "-1 (no limit)", "1048588 (1.0 MiB)".
QString readable(const QString& name, const QString& value)
{
    bool ok = false;
    const qint64 n = value.toLongLong(&ok);
    if (!ok) return value;
    const bool ms = name.endsWith(QLatin1String(".ms")), bytes = name.endsWith(QLatin1String(".bytes"));
    if (!ms && !bytes) return value;
    if (n < 0) return ClusterPage::tr("%1 (no limit)").arg(value);
    const QString meaning =
        ms ? formatDuration(n) : QLocale().formattedDataSize(n, 1, QLocale::DataSizeIecFormat);
    return QStringLiteral("%1 (%2)").arg(value, meaning);
}

QLabel* heading(const QString& objectName)
{
    auto* l = new QLabel;
    l->setObjectName(objectName);
    l->setTextFormat(Qt::PlainText);
    l->setWordWrap(true);
    return l;
}

QWidget* box(QLabel* title, QWidget* body)
{
    auto* w = new QWidget;
    auto* layout = new QVBoxLayout(w);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(title);
    layout->addWidget(body, 1);
    return w;
}

} // namespace

ClusterPage::ClusterPage(QWidget* parent)
    : QWidget(parent), m_brokerJobs(new JobRunner(this)), m_settingJobs(new JobRunner(this)),
      m_title(heading(QStringLiteral("clusterTitle"))),
      m_brokers(table(QStringLiteral("clusterBrokers"),
                      {tr("Broker"), tr("Host"), tr("Port"), tr("Rack"), tr("Role"), tr("Reachable")})),
      m_problemsTitle(heading(QStringLiteral("clusterProblemsTitle"))),
      m_problems(table(QStringLiteral("clusterProblems"),
                       {tr("Topic"), tr("Partition"), tr("Problem"), tr("Replication")})),
      m_settingsTitle(heading(QStringLiteral("clusterSettingsTitle"))),
      m_settings(table(QStringLiteral("clusterSettings"), {tr("Setting"), tr("Value"), tr("Set where")}))
{
    m_title->setText(tr("Open a Kafka cluster to see its brokers."));
    m_problems->setToolTip(tr("Double-click a partition to show it in the topic tree"));
    connect(m_problems, &QTableWidget::cellActivated, this, [this](int row, int) {
        const QTableWidgetItem* topic = m_problems->item(row, 0);
        const QTableWidgetItem* partition = m_problems->item(row, 1);
        if (topic && partition) emit partitionWanted(topic->text(), partition->data(Qt::UserRole).toInt());
    });
    auto* refresh = new QPushButton(tr("Refresh"));
    refresh->setObjectName(QStringLiteral("clusterRefresh"));
    refresh->setToolTip(tr("Ask every broker again, and read the topic's settings again"));
    connect(refresh, &QPushButton::clicked, this, &ClusterPage::refresh);
    auto* titleRow = new QHBoxLayout;
    titleRow->addWidget(m_title, 1);
    titleRow->addWidget(refresh);
    auto* split = new QSplitter(Qt::Vertical);
    split->addWidget(m_brokers);
    split->addWidget(box(m_problemsTitle, m_problems));
    split->addWidget(box(m_settingsTitle, m_settings));
    // The brokers are few: their table starts small, the problems and settings get the room.
    const int line = m_brokers->fontMetrics().height() + 6;
    split->setSizes({5 * line, 12 * line, 9 * line});
    split->setStretchFactor(0, 1);
    split->setStretchFactor(1, 3);
    split->setStretchFactor(2, 2);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 4, 0, 0);
    layout->addLayout(titleRow);
    layout->addWidget(split, 1);
    m_problemsTitle->hide();
    m_problems->hide();
    m_settingsTitle->hide();
    m_settings->hide();
}

void ClusterPage::setSource(const WorkspaceOverview& overview)
{
    m_brokerJobs->cancel();
    m_settingJobs->cancel();
    m_source = overview.source;
    m_cluster = overview.source && overview.brokers > 0;
    m_brokerCount = overview.brokers;
    m_brokers->setRowCount(0);
    m_settings->setRowCount(0);
    m_problemsTitle->setVisible(m_cluster);
    m_problems->setVisible(m_cluster);
    m_settingsTitle->setVisible(m_cluster);
    m_settings->setVisible(m_cluster);
    if (!m_cluster) {
        m_title->setText(tr("%1 is not a Kafka cluster: it has no brokers, replicas or topic settings.")
                             .arg(overview.title.isEmpty() ? overview.path : overview.title));
        m_problems->setRowCount(0);
        return;
    }
    listProblems(overview);
    loadBrokers();
    loadSettings();
}

void ClusterPage::setReplicas(const WorkspaceOverview& overview)
{
    if (m_cluster && overview.source == m_source) listProblems(overview);
}

void ClusterPage::listProblems(const WorkspaceOverview& o)
{
    struct Row {
        QString topic;
        int partition;
        const ReplicaFact* fact;
    };
    std::vector<Row> rows;
    for (auto it = o.replicas.constBegin(); it != o.replicas.constEnd(); ++it)
        if (!it->healthy()) rows.push_back({it.key().first, it.key().second, &it.value()});
    std::sort(rows.begin(), rows.end(), [](const Row& a, const Row& b) {
        return a.topic != b.topic ? a.topic < b.topic : a.partition < b.partition;
    });
    const int total = static_cast<int>(rows.size());
    const int shown = std::min(total, kMaxProblemRows);
    m_problems->setRowCount(shown);
    for (int i = 0; i < shown; ++i) {
        const Row& r = rows[static_cast<size_t>(i)];
        m_problems->setItem(i, 0, cell(r.topic));
        auto* partition = cell(QString::number(r.partition), true);
        partition->setData(Qt::UserRole, r.partition);
        m_problems->setItem(i, 1, partition);
        auto* problem = cell(r.fact->problem());
        problem->setForeground(QColor(0xc0, 0x30, 0x30));
        m_problems->setItem(i, 2, problem);
        m_problems->setItem(i, 3, cell(r.fact->summary()));
    }
    m_problems->resizeColumnsToContents();
    const QLocale loc;
    if (total == 0)
        m_problemsTitle->setText(
            tr("Replication: all %Ln partition(s) have a leader and every replica in sync.", nullptr,
               static_cast<int>(o.replicas.size())));
    else if (shown < total)
        m_problemsTitle->setText(
            tr("Partitions with a replication problem: %1 of %2, the first %3 listed")
                .arg(loc.toString(total), loc.toString(o.replicas.size()), loc.toString(shown)));
    else
        m_problemsTitle->setText(tr("Partitions with a replication problem: %1 of %2")
                                     .arg(loc.toString(total), loc.toString(o.replicas.size())));
}

void ClusterPage::loadBrokers()
{
    if (!m_cluster) return;
    m_title->setText(tr("Asking %Ln broker(s) …", nullptr, m_brokerCount));
    m_brokerJobs->start<ClusterBrokers>(
        [source = m_source](const CancelToken&) -> Result<ClusterBrokers> {
            auto connection = source->reopen();
            if (!connection) return connection.error();
            return connection.value()->brokers();
        },
        [this](Result<ClusterBrokers> r) {
            if (!r) {
                m_title->setText(tr("✖ Could not describe the cluster: %1").arg(r.error().message));
                emit brokersLoaded();
                return;
            }
            const ClusterBrokers& c = r.value();
            m_brokers->setRowCount(static_cast<int>(c.brokers.size()));
            int down = 0, controller = -1;
            for (int i = 0; i < static_cast<int>(c.brokers.size()); ++i) {
                const BrokerFact& b = c.brokers[static_cast<size_t>(i)];
                m_brokers->setItem(i, 0, cell(QString::number(b.id), true));
                m_brokers->setItem(i, 1, cell(b.host));
                m_brokers->setItem(i, 2, cell(QString::number(b.port), true));
                m_brokers->setItem(i, 3, cell(b.rack.isEmpty() ? tr("–") : b.rack));
                m_brokers->setItem(i, 4, cell(b.controller ? tr("controller") : tr("–")));
                auto* reach = cell(b.reachable ? tr("yes") : tr("no: %1").arg(b.problem));
                if (!b.reachable) reach->setForeground(QColor(0xc0, 0x30, 0x30));
                m_brokers->setItem(i, 5, reach);
                down += !b.reachable;
                if (b.controller) controller = b.id;
            }
            m_brokers->resizeColumnsToContents();
            QString title = tr("Cluster %1 · %Ln broker(s)", nullptr, static_cast<int>(c.brokers.size()))
                                .arg(c.clusterId.isEmpty() ? tr("(no id)") : c.clusterId);
            if (controller >= 0) title += QStringLiteral(" · ") + tr("controller %1").arg(controller);
            if (down > 0) title += QStringLiteral(" · ") + tr("%Ln not answering", nullptr, down);
            m_title->setText(title);
            emit brokersLoaded();
        });
}

void ClusterPage::showTopic(const QString& topic)
{
    if (topic == m_topic && m_settings->rowCount() > 0) return;
    m_topic = topic;
    loadSettings();
}

void ClusterPage::loadSettings()
{
    if (!m_cluster) return;
    m_settings->setRowCount(0);
    if (m_topic.isEmpty()) {
        m_settingJobs->cancel();
        m_settingsTitle->setText(tr("Select a topic in the tree to see its settings."));
        return;
    }
    m_settingsTitle->setText(tr("Settings of %1 · loading …").arg(m_topic));
    m_settingJobs->start<std::vector<TopicSetting>>(
        [source = m_source, topic = m_topic](const CancelToken&) -> Result<std::vector<TopicSetting>> {
            auto connection = source->reopen();
            if (!connection) return connection.error();
            return connection.value()->topicSettings(topic);
        },
        [this, topic = m_topic](Result<std::vector<TopicSetting>> r) {
            if (!r) {
                m_settingsTitle->setText(tr("Settings of %1: %2").arg(topic, r.error().message));
                emit settingsLoaded(topic);
                return;
            }
            m_settings->setRowCount(static_cast<int>(r->size()));
            int overridden = 0;
            for (int i = 0; i < static_cast<int>(r->size()); ++i) {
                const TopicSetting& s = (*r)[static_cast<size_t>(i)];
                auto* name = cell(s.name);
                auto* value = cell(readable(s.name, s.value));
                auto* where = cell(s.setOnTopic ? tr("this topic") : tr("cluster default"));
                if (s.setOnTopic) {
                    QFont bold = name->font();
                    bold.setBold(true);
                    for (QTableWidgetItem* item : {name, value, where})
                        item->setFont(bold);
                    ++overridden;
                }
                m_settings->setItem(i, 0, name);
                m_settings->setItem(i, 1, value);
                m_settings->setItem(i, 2, where);
            }
            m_settings->resizeColumnsToContents();
            m_settingsTitle->setText(
                tr("Settings of %1 · %Ln set on the topic (bold), the rest the cluster's defaults", nullptr,
                   overridden)
                    .arg(topic));
            emit settingsLoaded(topic);
        });
}

void ClusterPage::refresh()
{
    loadBrokers();
    loadSettings();
}

QString ClusterPage::titleText() const
{
    return m_title->text();
}

QString ClusterPage::settingsTitleText() const
{
    return m_settingsTitle->text();
}

QString ClusterPage::problemsTitleText() const
{
    return m_problemsTitle->text();
}

} // namespace rw
