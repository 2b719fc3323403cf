#pragma once
// Rewind's main window: a workspace's topics (with partitions, watermarks, counts, largest
// group lag) and consumer groups. Loading runs on a worker; errors show in a non-modal banner.
// GUI thread only.

#include <QMainWindow>

class QCheckBox;
class QLabel;
class QLineEdit;
class QMenu;
class QTableView;
class QTreeWidget;

namespace rw {

class Banner;
class RecordInspector;
class RecordTableModel;
class TopicTreeModel;
class TopicTreeView;
class WorkspaceLoader;
struct WorkspaceOverview;

class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(QWidget* parent = nullptr);
    ~MainWindow() override;

    void openWorkspace(const QString& path);
    QString workspacePath() const { return m_path; }

    TopicTreeModel* topicModel() const { return m_topicModel; }
    RecordTableModel* recordModel() const { return m_recordModel; }
    RecordInspector* inspector() const { return m_inspector; }
    Banner* banner() const { return m_banner; }

signals:
    void workspaceLoaded(const QString& path);
    void workspaceFailed(const QString& path, const QString& message);

protected:
    void closeEvent(QCloseEvent* event) override;

private:
    void buildMenus();
    void chooseWorkspace();
    void reload();
    void showAbout();
    void onLoaded(int job, const WorkspaceOverview& overview);
    void onFailed(int job, const QString& path, const QString& message);
    void rememberRecent(const QString& path);
    void rebuildRecentMenu();
    void showSelection();
    void seek();
    void selectRow(int row);

    WorkspaceLoader* m_loader;
    TopicTreeModel* m_topicModel;
    TopicTreeView* m_topicView;
    QTreeWidget* m_groups;
    RecordTableModel* m_recordModel;
    QTableView* m_records;
    QLabel* m_recordsTitle;
    RecordInspector* m_inspector;
    QLineEdit* m_seek;
    QCheckBox* m_utc;
    Banner* m_banner;
    QLabel* m_status;
    QMenu* m_recentMenu = nullptr;
    QString m_path;
};

} // namespace rw
