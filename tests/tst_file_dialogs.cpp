// The window's file dialogs keep this process's locks on an open workspace (widgets/file_dialogs.h).
// Qt's default dialog reads the files it lists to name their type, and the close() of that read
// drops every POSIX lock the process holds on the file: a dialog browsing the folder of the open
// workspace let another process delete the WAL under the window.

#include "file_dialogs.h"
#include "workspace_store.h"

#include <QFileDialog>
#include <QFileSystemModel>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>
#include <unistd.h>

using namespace rw;

namespace {

// The POSIX locks this process holds on `path`, from /proc/locks.
int locksHeld(const QString& path)
{
    struct stat st {};
    if (::stat(QFile::encodeName(path).constData(), &st) != 0) return -1;
    QFile f(QStringLiteral("/proc/locks"));
    if (!f.open(QIODevice::ReadOnly)) return -1;
    const QByteArray inode = ':' + QByteArray::number(quint64(st.st_ino)) + ' ';
    const QByteArray pid = ' ' + QByteArray::number(qint64(::getpid())) + ' ';
    int n = 0;
    for (const QByteArray& line : f.readAll().split('\n'))
        if (line.contains(inode) && line.contains(pid)) ++n;
    return n;
}

} // namespace

class TstFileDialogs : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    QString m_ws;
    std::unique_ptr<WorkspaceStore> m_store;

    // Shows `dialog` on the workspace's folder until its model has named the workspace's type.
    void browse(QFileDialog& dialog)
    {
        dialog.setViewMode(QFileDialog::Detail);
        dialog.setDirectory(m_dir.path());
        dialog.show();
        auto* model = dialog.findChild<QFileSystemModel*>();
        QVERIFY(model);
        QTRY_VERIFY_WITH_TIMEOUT(!model->type(model->index(m_ws)).isEmpty() &&
                                     !model->fileIcon(model->index(m_ws)).isNull(),
                                 10000);
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_ws = m_dir.filePath(QStringLiteral("open.rewind"));
        auto created = WorkspaceStore::create(m_ws);
        QVERIFY2(created, qPrintable(created ? QString() : created.error().message));
        QVERIFY(created.value()->createTopic(QStringLiteral("t"), 1));
        created.value().reset();
        auto opened = WorkspaceStore::open(m_ws, WorkspaceStore::Mode::ReadWrite);
        QVERIFY(opened);
        m_store = std::move(opened.value());
        QVERIFY(m_store->topics());
        QVERIFY2(locksHeld(m_ws) > 0, "an open workspace holds a lock on its file");
    }

    void ourDialogKeepsTheLocks()
    {
        QFileDialog dialog(nullptr, QStringLiteral("Open workspace"));
        makeFileDialogSafe(dialog);
        browse(dialog);
        QCOMPARE(dialog.testOption(QFileDialog::DontUseNativeDialog), true);
        QVERIFY2(locksHeld(m_ws) > 0, "the dialog dropped the process's locks on the open workspace");
        QVERIFY(m_store->topics());
    }

    // The reason for file_dialogs.h, checked: should Qt's own dialog stop reading the files it
    // lists, this fails, and the workaround can go.
    void qtsDefaultDialogDropsThem()
    {
        QFileDialog dialog(nullptr, QStringLiteral("default"));
        dialog.setOption(QFileDialog::DontUseNativeDialog);
        browse(dialog);
        QCOMPARE(locksHeld(m_ws), 0);
    }
};

QTEST_MAIN(TstFileDialogs)
#include "tst_file_dialogs.moc"
