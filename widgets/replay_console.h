#pragma once
// The replay console: a job form (prefilled from the explorer's selection and filter), the plan
// before anything is written, run / resume / pause / step / cancel, progress with throughput and
// ETA, a live chart, the consumer's output, and past runs from the journal. GUI thread only;
// ReplayRunner does the work.

#include "replay_runner.h"

#include <QWidget>

class QFormLayout;

class QCheckBox;
class QComboBox;
class QCustomPlot;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QProgressBar;
class QPushButton;
class QTableWidget;

namespace rw {

class ReplayConsole : public QWidget {
    Q_OBJECT
public:
    explicit ReplayConsole(QWidget* parent = nullptr);

    // The explorer's open source (nullptr: none) and its topics. Jobs name a workspace or data
    // directory by its path and a cluster's connection "session:<name>" (KafkaProfile::sessionRef);
    // the source itself, with a profile's security settings and password, goes to the runner in
    // memory (ReplayContext).
    void setSource(const std::shared_ptr<RecordSource>& source, const QStringList& topics);
    // From the explorer's selection: topic, partition (-1: all), time range and filter.
    void prefill(const QString& topic, int partition, std::optional<TimestampMs> from,
                 std::optional<TimestampMs> to, const QString& filter);
    Result<ReplayJob> job() const;
    void setJob(const ReplayJob& job);

    ReplayRunner* runner() const { return m_runner; }
    QString planText() const;
    QString statusText() const;
    QString consumerText() const;
    int pastRuns() const;
    QCustomPlot* chart() const { return m_chart; }

signals:
    void runFinished(const rw::ReplayReport& report);
    void runFailed(const QString& message);
    void planReady();

public slots:
    void planJob();
    void runJob(bool resume = false);

private:
    void setUpFields();
    void buildChart();
    QFormLayout* buildForm();
    void buildLayout(QFormLayout* form);
    void connectControls();
    void connectRunner();
    void setRunning(bool running);
    void saveJob();
    void openJob();
    void refreshJournal();

    ReplayRunner* m_runner;
    // The open source as a job names it (jobSpecOf): the job's source, and the default target.
    std::optional<SourceSpec> m_source;
    QString sourceServers() const; // the open cluster's bootstrap servers (empty: not a cluster)
    QString m_plannedJob;          // the job id the plan pane describes (empty: none)
    QString m_confirmedFields;     // the job id whose unmatched mask/remove paths the user confirmed
    QComboBox* m_topic;
    QLineEdit* m_partitions;
    QLineEdit* m_from;
    QLineEdit* m_to;
    QLineEdit* m_filter;
    QComboBox* m_targetKind;
    QLineEdit* m_targetWhere;
    QLineEdit* m_targetTopic;
    QComboBox* m_partitioning;
    QComboBox* m_timestamps;
    QCheckBox* m_provenance;
    QLineEdit* m_mask;
    QLineEdit* m_remove;
    QComboBox* m_pacing;
    QLineEdit* m_pacingValue;
    QLineEdit* m_consumer;
    QComboBox* m_consumerInput;
    QLineEdit* m_unlock;
    QPushButton* m_plan;
    QPushButton* m_run;
    QPushButton* m_resume;
    QPushButton* m_pause;
    QPushButton* m_step;
    QPushButton* m_cancel;
    QPlainTextEdit* m_planText;
    QProgressBar* m_progress;
    QLabel* m_status;
    QCustomPlot* m_chart;
    QPlainTextEdit* m_output;
    QTableWidget* m_runs;
    double m_lastT = 0;    // last chart sample: seconds since the start
    qint64 m_lastDone = 0; // and records done then
};

} // namespace rw
