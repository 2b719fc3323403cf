#pragma once
// The source's consumer groups beside the topics: name, total lag (never "0" for a partition
// that has no commit: what it would still read is said instead), partitions without a commit,
// and the topics. A click or Enter chooses a group by its name (kept in a role, never read back
// from the cell). Thread contract: GUI thread.

#include "workspace_store.h"

#include <QTreeWidget>

#include <vector>

namespace rw {

class GroupsList : public QTreeWidget {
    Q_OBJECT
public:
    explicit GroupsList(QWidget* parent = nullptr);
    void setGroups(const std::vector<GroupSummary>& groups);

signals:
    void groupChosen(const QString& name);
};

} // namespace rw
