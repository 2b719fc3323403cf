#pragma once
// The schema files a workspace keeps for topics whose values are not in the Schema Registry wire
// format (plain Avro binary, Protobuf messages): one row per topic with the file (.avsc, .proto,
// descriptor set) and, for Protobuf, the message type. Saving hands the list to the window, which
// keeps it in the workspace and reopens it. GUI thread only.

#include "schema_registry.h"

#include <QDialog>

class QLabel;
class QTableWidget;

namespace rw {

class SchemaFilesDialog : public QDialog {
    Q_OBJECT
public:
    explicit SchemaFilesDialog(QWidget* parent = nullptr);

    void setWorkspace(const QString& path, const QStringList& topics, const std::vector<SchemaFile>& files);
    // A row for a topic (replacing its row if it has one), as "Add file…" makes after the picker.
    void addFile(const QString& topic, const QString& path, const QString& messageType = QString());
    std::vector<SchemaFile> files() const;
    void setProblem(const QString& text); // shown under the table (a save that failed)

signals:
    void saveRequested(const std::vector<SchemaFile>& files);

private:
    void chooseFile();

    QString m_workspace;
    QStringList m_topics;
    QLabel* m_intro;
    QTableWidget* m_table;
    QLabel* m_problem;
};

} // namespace rw
