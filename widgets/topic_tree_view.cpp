#include "topic_tree_view.h"

#include <QHeaderView>
#include <QSortFilterProxyModel>

namespace rw {

TopicTreeView::TopicTreeView(QWidget* parent) : QTreeView(parent)
{
    setObjectName(QStringLiteral("topicTree"));
    setUniformRowHeights(true);
    setAlternatingRowColors(true);
    setSelectionMode(QAbstractItemView::SingleSelection);
    setSelectionBehavior(QAbstractItemView::SelectRows);
    setEditTriggers(QAbstractItemView::NoEditTriggers);
    setSortingEnabled(true);
    header()->setStretchLastSection(false);
    header()->setSectionResizeMode(QHeaderView::ResizeToContents);
}

void TopicTreeView::setModel(QAbstractItemModel* model)
{
    QTreeView::setModel(model);
    sortByColumn(0, Qt::AscendingOrder);
}

} // namespace rw
