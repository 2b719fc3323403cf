#pragma once
// The sources sidebar: local workspaces (recent files, open, new demo), Kafka connection
// profiles (add, edit, remove, connect) and the cases of the source shown. GUI thread only; it only shows and
// asks: opening and connecting are the window's job.

#include <QWidget>

class QToolButton;
class QTreeWidget;
class QTreeWidgetItem;

namespace rw {

class SourcesPanel : public QWidget {
    Q_OBJECT
public:
    explicit SourcesPanel(QWidget* parent = nullptr);
    void setWorkspaces(const QStringList& paths);
    void setProfiles(const QStringList& names);
    // The source shown, in bold and selected (a source that failed to open is not left selected).
    void setCurrent(const QString& key); // a path, or "kafka:<profile>"
    QString current() const { return m_current; }
    QString selectedKey() const; // what is selected in the list: a path or "kafka:<profile>"
    void setCases(const QStringList& names, const QString& open); // the cases of the source shown
    QTreeWidget* tree() const { return m_tree; }

signals:
    void workspaceChosen(const QString& path);
    void kafkaChosen(const QString& profile);
    void openFileRequested();
    void openDataDirRequested();
    void addKafkaRequested();
    void editKafkaRequested(const QString& profile);
    void removeKafkaRequested(const QString& profile);
    void caseChosen(const QString& name);

private:
    void activate(QTreeWidgetItem* item);
    QString selectedProfile() const;
    QString m_current;
    QTreeWidget* m_tree;
    QTreeWidgetItem* m_workspaces;
    QTreeWidgetItem* m_kafka;
    QTreeWidgetItem* m_cases;
    QToolButton* m_edit;
    QToolButton* m_remove;
};

} // namespace rw
