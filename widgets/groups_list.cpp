#include "groups_list.h"

#include <QHeaderView>
#include <QLocale>

namespace rw {

namespace {
constexpr int kNameRole = Qt::UserRole + 1;
}

GroupsList::GroupsList(QWidget* parent) : QTreeWidget(parent)
{
    setObjectName(QStringLiteral("groupsList"));
    setHeaderLabels({tr("Consumer group"), tr("Topics"), tr("Total lag"), tr("No commit")});
    setRootIsDecorated(false);
    setUniformRowHeights(true);
    setAlternatingRowColors(true);
    header()->setSectionResizeMode(QHeaderView::ResizeToContents);
    // Lag first, the (long) topic list last: the numbers must not be pushed out of a narrow pane.
    header()->moveSection(1, 3);
    header()->setSectionResizeMode(1, QHeaderView::Stretch);
    header()->setStretchLastSection(false);
    setToolTip(tr("Click a group to see its lag per partition and over time"));
    auto chosen = [this](QTreeWidgetItem* item) { emit groupChosen(item->data(0, kNameRole).toString()); };
    connect(this, &QTreeWidget::itemClicked, this, chosen);
    connect(this, &QTreeWidget::itemActivated, this, chosen);
}

void GroupsList::setGroups(const std::vector<GroupSummary>& groups)
{
    clear();
    const QLocale loc;
    for (const GroupSummary& g : groups) {
        QStringList topics;
        for (const QString& t : g.topics)
            topics << t;
        // A partition never committed is not "lag 0": the group would still read what it holds.
        QString lag = g.partitionsWithCommit ? loc.toString(g.totalLag) : QString();
        if (g.partitionsWithoutCommit)
            lag += (lag.isEmpty() ? QString() : QStringLiteral(" + ")) +
                   tr("≤ %1 uncommitted").arg(loc.toString(g.uncommittedHeld));
        auto* item = new QTreeWidgetItem(
            this, {g.name, topics.join(QStringLiteral(", ")), lag,
                   g.partitionsWithoutCommit ? QString::number(g.partitionsWithoutCommit) : QString()});
        item->setData(0, kNameRole, g.name);
        item->setTextAlignment(2, Qt::AlignRight | Qt::AlignVCenter);
        item->setTextAlignment(3, Qt::AlignRight | Qt::AlignVCenter);
    }
}

} // namespace rw
