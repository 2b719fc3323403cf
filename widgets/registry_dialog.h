#pragma once
// The Schema Registry of a cluster's profile (its Confluent API: Confluent's own, Apicurio's
// ccompat): subjects, each subject's versions with id, type, references and compatibility level,
// a version's text or its diff against the version before (coloured as the schema history shows
// diffs); a new schema checked against the subject's compatibility with the registry's own check,
// registered, or a version soft-deleted (each asked for first, on the audit log, refused with a
// read-only profile). Registry text is shown as plain text. Calls run on JobRunners.
// GUI thread only.

#include "job_runner.h"
#include "schema_registry.h"

#include <QDialog>
#include <QJsonObject>

class QCheckBox;
class QComboBox;
class QLabel;
class QListWidget;
class QPlainTextEdit;
class QPushButton;

namespace rw {

class RegistryDialog : public QDialog {
    Q_OBJECT
public:
    RegistryDialog(const RegistryConfig& registry, bool readOnly, const QString& owner,
                   QWidget* parent = nullptr);

    void refresh(); // the subjects, read again
    void selectSubject(const QString& subject);
    void selectVersion(int version);
    void setDiff(bool diff); // the version shown as its diff against the version before
    void setNewSchema(const QString& type, const QString& text); // type: AVRO, PROTOBUF, JSON
    void check();
    void registerSchema();
    void deleteVersion();
    void setCompatibility(const QString& level); // the subject's own level, set in the registry
    bool confirmWithoutAsking = false;           // for tests

    QStringList subjects() const;
    QString detailsText() const;
    QString shownText() const;
    QString checkText() const;
    QString statusText() const;

signals:
    void subjectsLoaded();
    void versionShown();
    void checked(bool compatible);
    void registered(qint32 id);
    void deleted();
    void levelSet(const QString& level);
    void failed(const QString& message);

private:
    void loadSubject();
    void showVersion();
    void setNewBusy(bool busy);

    RegistryConfig m_registry;
    bool m_readOnly;
    JobRunner* m_subjectJobs;
    JobRunner* m_versionJobs;
    JobRunner* m_showJobs;
    JobRunner* m_writeJobs;
    QListWidget* m_subjects;
    QListWidget* m_versions;
    QLabel* m_details;
    QCheckBox* m_diff;
    QPlainTextEdit* m_text;
    QComboBox* m_type;
    QPlainTextEdit* m_newSchema;
    QLabel* m_checkResult;
    QLabel* m_status;
    QPushButton* m_check;
    QPushButton* m_register;
    QPushButton* m_delete;
    QComboBox* m_level;
    QPushButton* m_setLevel;
    QString m_compatibility;
    QJsonObject m_shown;    // the version shown, as the registry gives it
    QJsonObject m_previous; // the version before it (empty: none)
};

} // namespace rw
