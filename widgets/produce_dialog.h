#pragma once
// Produce and Send again, on a Kafka cluster: topic, partition (or by key), key, value, headers
// and timestamp; the value (and key) typed as JSON and encoded with a registry subject's schema
// (Avro, Protobuf, JSON Schema; picked by subject and version) in the wire format, checked as it
// is typed with the error at the field; many records from an NDJSON file (docs/envelope.md) with
// progress and Stop. Send again: the records picked in the table, a trace or a case, each
// editable, headers kept or stripped, provenance headers added as a replay adds them, sent to one
// topic or each to the topic a header names (a dead-letter redrive).
// Safety: nothing is written with a read-only profile, nor outside the sandbox prefix unless the
// topic is unlocked here by name; the plan (what goes where) is shown before Send; every batch is
// on the audit log (produce_job.h). Registry and broker calls run on JobRunner jobs.
// GUI thread only.

#include "job_runner.h"
#include "kafka_profile.h"
#include "produce_job.h"

#include <QDialog>
#include <QHash>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QPlainTextEdit;
class QProgressBar;
class QPushButton;
class QSpinBox;
class QTableWidget;

namespace rw {

class ProduceDialog : public QDialog {
    Q_OBJECT
public:
    ProduceDialog(const KafkaProfile& profile, const QStringList& topics, QWidget* parent = nullptr);

    void setTopic(const QString& topic);
    // Send again: these records (read masked through their source), each editable.
    void setResend(ResendRead read);
    // Many records: the lines of an NDJSON file, each an envelope (its topic replaced by the
    // dialog's); the editor is then set aside.
    void setFile(const QString& path);

    // The schemas: subject "" is none; version -1 the latest. Loads the encoder on a worker.
    void setValueSchema(const QString& subject, int version = -1, const QString& messageType = {});
    void setKeySchema(const QString& subject, int version = -1);
    // The value encoded with a schema file (the payload alone, as a topic mapped to it decodes).
    void setValueSchemaFile(const QString& path, const QString& messageType = {});
    void loadSubjects(); // the registry's subjects into the pickers

    void send(); // checks, shows the plan in the status, then produces on a worker
    void stop(); // between batches: what was delivered stays, the rest is not sent
    bool busy() const { return m_busy; }

    QString planText() const;
    QString statusText() const;
    QString valueError() const;
    QString keyError() const;
    QString sandboxPrefix() const { return m_prefix; }
    const std::vector<std::pair<PartitionId, Offset>>& positions() const { return m_positions; }

signals:
    void produced(const QString& topic, qint64 delivered); // a send finished (also stopped)
    void subjectsLoaded();
    void schemaReady(); // a picked schema is loaded (or failed: see valueError)

private:
    struct Edit {
        QString key, value;
        Headers headers;
        bool edited = false;
    };
    void updatePlan();
    void checkFields();
    // The topic's own subjects (<topic>-value, <topic>-key: the serializers' default naming)
    // picked where the registry has them and the user has not picked others.
    void followTopicSubjects();
    void loadEncoder(bool key);
    void encoderLoaded(bool key, Result<std::shared_ptr<const ValueEncoder>> encoder);
    void loadVersions(bool key);
    void storeEdit();
    void showEdit(int row);
    Headers headersFromTable(QString* error) const;
    void setHeadersTable(const Headers& headers);
    QStringList destinationTopics() const; // where the records go, as planned
    void setBusy(bool busy);
    void setFieldError(QLabel* label, QWidget* field, const QString& text);

    KafkaProfile m_profile;
    QString m_prefix = QStringLiteral("sandbox.");
    JobRunner* m_sendJobs;
    JobRunner* m_valueSchemaJobs;
    JobRunner* m_keySchemaJobs;
    JobRunner* m_subjectJobs;
    QComboBox* m_topic;
    QCheckBox* m_unlock;
    QCheckBox* m_fromHeader;
    QLineEdit* m_headerName;
    QSpinBox* m_partition;
    QLineEdit* m_timestamp;
    QLabel* m_timestampError;
    QLineEdit* m_key;
    QLabel* m_keyError;
    QPlainTextEdit* m_value;
    QLabel* m_valueError;
    QTableWidget* m_headers;
    QLabel* m_headersError;
    QComboBox* m_valueSubject;
    QComboBox* m_valueVersion;
    QLineEdit* m_valueMessage;
    QComboBox* m_keySubject;
    QComboBox* m_keyVersion;
    QLabel* m_schemaNote;
    QListWidget* m_records;
    QCheckBox* m_keepHeaders;
    QCheckBox* m_provenance;
    QLabel* m_file;
    QPushButton* m_chooseFile;
    QPushButton* m_clearFile;
    QLabel* m_plan;
    QProgressBar* m_progress;
    QLabel* m_status;
    QPushButton* m_send;
    QPushButton* m_stop;
    QWidget* m_editor;
    QWidget* m_resendBox;
    std::shared_ptr<const ValueEncoder> m_valueEncoder, m_keyEncoder;
    QString m_valueEncoderError, m_keyEncoderError;
    std::vector<ResendItem> m_items;
    std::vector<Edit> m_edits;
    int m_shown = -1;
    bool m_loadingEdit = false;
    QString m_filePath;
    QString m_autoValueSubject, m_autoKeySubject; // what followTopicSubjects picked
    bool m_busy = false;
    std::vector<std::pair<PartitionId, Offset>> m_positions;
};

} // namespace rw
