#pragma once
// Consumer group administration on a Kafka cluster: delete a group (refused while it has members),
// delete its committed offsets for one topic, or copy its offsets to a new group (the plan shown
// first, as the offset reset shows its plan). Nothing with a read-only profile; the broker's
// refusal (ACLs, a live group) is shown as it gives it; KafkaClient puts every action on the
// audit log. Broker calls run on a JobRunner. GUI thread only.

#include "job_runner.h"
#include "kafka_profile.h"
#include "log_types.h"

#include <QDialog>

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QTableWidget;

namespace rw {

class GroupAdminDialog : public QDialog {
    Q_OBJECT
public:
    enum class Action { DeleteGroup, DeleteOffsets, CopyOffsets };
    GroupAdminDialog(const KafkaProfile& profile, const QString& group, Action action,
                     QWidget* parent = nullptr);

    void setAction(Action action);
    Action action() const;
    void setTopic(const QString& topic);   // DeleteOffsets
    void setNewGroup(const QString& name); // CopyOffsets: plans at once
    void apply();
    QString planText() const;
    QString statusText() const;
    bool canApply() const;
    QTableWidget* planTable() const { return m_table; }

signals:
    void loaded();
    void applied(const QString& group);
    void failed(const QString& message);

private:
    void load();
    void planCopy();
    void updatePlan();

    KafkaProfile m_profile;
    QString m_group;
    JobRunner* m_jobs;
    JobRunner* m_loads;
    QComboBox* m_action;
    QComboBox* m_topic;
    QLineEdit* m_newGroup;
    QTableWidget* m_table;
    QLabel* m_plan;
    QLabel* m_status;
    QPushButton* m_apply;
    QString m_state;
    int m_members = -1;
    std::vector<ResetPlanRow> m_committed; // the group's commits, as read (current = committed)
    std::vector<ResetPlanRow> m_copyPlan;
    QString m_copyPlannedFor;
    bool m_busy = false;
};

} // namespace rw
