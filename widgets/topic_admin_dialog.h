#pragma once
// Topic administration on a Kafka cluster: create a topic (partitions, replication factor,
// settings, or like another topic: its partitions and settings cloned), edit a topic's settings
// (the diff against its current values shown before Apply), add partitions (saying what that does
// to the key → partition mapping), delete (the topic's name typed to confirm).
// Safety: every action shows its plan first; nothing with a read-only profile; outside the
// sandbox prefix only once the topic is unlocked here by name; the broker's refusal (ACLs,
// policies) is shown as it gives it; KafkaClient puts every action on the audit log.
// Broker calls run on a JobRunner. GUI thread only.

#include "job_runner.h"
#include "kafka_profile.h"
#include "log_types.h"

#include <QDialog>

#include <map>

class QCheckBox;
class QComboBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QSpinBox;
class QStackedWidget;
class QTableWidget;

namespace rw {

class TopicAdminDialog : public QDialog {
    Q_OBJECT
public:
    enum class Action { Create, Settings, AddPartitions, Delete };
    TopicAdminDialog(const KafkaProfile& profile, const QStringList& topics, Action action,
                     const QString& topic = {}, QWidget* parent = nullptr);

    void setAction(Action action);
    Action action() const;
    // Create.
    void setNewTopic(const QString& name, int partitions, int replicationFactor = -1);
    void setLike(const QString& topic);            // clone its partitions and settings (loads them)
    void setNewSettings(const QString& keyValues); // "name=value" per line
    // Settings: a value for a setting ("" takes it off the topic: back to the default).
    void setSetting(const QString& name, const QString& value);
    // Add partitions.
    void setTotalPartitions(int total);
    // Delete.
    void setConfirmation(const QString& typed);
    void setUnlocked(bool unlocked);

    void apply();
    bool busy() const { return m_busy; }
    QString planText() const;
    QString statusText() const;
    bool canApply() const;

signals:
    void loaded(); // the topic's settings or partitions are read
    void applied(const QString& topic);
    void failed(const QString& message);

private:
    void loadTopic();
    void updatePlan();
    QString topic() const;
    Result<std::map<QString, QString>> parsedSettings() const;
    // The settings table's changes: a new value, or back to the cluster's default.
    struct SettingChange {
        QString name, now, next;
        bool toDefault = false;
    };
    std::vector<SettingChange> settingChanges() const;
    void setBusy(bool busy);

    KafkaProfile m_profile;
    QString m_prefix = QStringLiteral("sandbox.");
    JobRunner* m_jobs;
    JobRunner* m_loads;
    QComboBox* m_action;
    QFormLayout* m_topRows = nullptr;
    QStackedWidget* m_pages;
    QComboBox* m_topic; // the topic acted on (Settings, AddPartitions, Delete)
    QLineEdit* m_name;  // Create
    QSpinBox* m_partitions;
    QSpinBox* m_replication;
    QComboBox* m_like;
    QPlainTextEdit* m_settingsText;
    QTableWidget* m_settings; // Settings: name, current, new
    QSpinBox* m_total;
    QLabel* m_current;
    QLineEdit* m_confirm;
    QCheckBox* m_unlock;
    QLabel* m_plan;
    QLabel* m_status;
    QPushButton* m_apply;
    std::vector<TopicSetting> m_own; // the topic's own settings, as read
    int m_partitionCount = 0;        // the topic's, as read
    qint64 m_records = -1;           // its records (high - low), as read
    bool m_busy = false;
    bool m_filling = false;
};

} // namespace rw
