#pragma once
// The offset-reset dialog: choose where a consumer group should resume (earliest, latest, a
// time, an offset, or shifted by ±N; one topic, one partition or all), see the plan (current →
// new per partition) and only then apply it. Refused for read-only sources and, on Kafka, while
// the group has members (the connector checks). GUI thread only; the plan and the apply run as JobRunner
// jobs.

#include "group_details.h"
#include "job_runner.h"
#include "record_source.h"

#include <QDialog>

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QTableWidget;

namespace rw {

class ResetDialog : public QDialog {
    Q_OBJECT
public:
    // topics: the group's topics with their partition counts.
    // Plans on the source, applies through its GroupWriter (each on a connection of its own).
    ResetDialog(const std::shared_ptr<RecordSource>& source, const QString& group,
                const std::vector<std::pair<QString, int>>& topics, bool readOnly, QWidget* parent = nullptr);

    void setSpec(ResetKind kind, const QString& value, const QString& topic, int partition = -1);
    void preview();
    void apply();                      // asks for confirmation unless confirmed is set
    bool confirmWithoutAsking = false; // for tests
    const std::vector<ResetPlanRow>& plan() const { return m_plan; }
    QString statusText() const;

signals:
    void applied(const QString& group);
    void planReady();

private:
    Result<ResetSpec> spec() const;
    void invalidatePlan();

    void showPlan(const std::vector<ResetPlanRow>& plan);
    void showFailure(const Error& error);

    JobRunner* m_jobs;
    std::shared_ptr<RecordSource> m_source;
    QString m_group;
    bool m_readOnly;
    std::vector<std::pair<QString, int>> m_topics;
    QComboBox* m_topic;
    QComboBox* m_partition;
    QComboBox* m_kind;
    QLineEdit* m_value;
    QTableWidget* m_table;
    QLabel* m_status;
    QPushButton* m_preview;
    QPushButton* m_apply;
    std::vector<ResetPlanRow> m_plan;
};

} // namespace rw
