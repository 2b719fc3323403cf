#pragma once
// The topic tree: topics with their partitions, sortable, uniform rows. GUI thread only.

#include <QTreeView>

namespace rw {

class TopicTreeView : public QTreeView {
    Q_OBJECT
public:
    explicit TopicTreeView(QWidget* parent = nullptr);
    void setModel(QAbstractItemModel* model) override;
};

} // namespace rw
