#pragma once
// The window's file dialogs: Qt's own dialog with an icon provider that never reads the files it
// lists. Qt's default provider asks QMimeDatabase for each file's type, which opens files it cannot
// name by their suffix (*.rewind among them) and closes them again; on Linux that close drops all
// of this process's POSIX locks on an open workspace, and another process may then checkpoint and
// delete the WAL under the window (SQLite's "How To Corrupt", 2.2). A native dialog runs in this
// process too (GTK sniffs the same way), so none is used.
// Thread contract: GUI thread.

#include <QString>

class QFileDialog;
class QWidget;

namespace rw {

// Sets up a dialog as the functions below do (non-native, the provider that does not peek).
void makeFileDialogSafe(QFileDialog& dialog);

// Empty when cancelled. `filter` as QFileDialog's ("Workspaces (*.rewind);;All files (*)").
QString askOpenFile(QWidget* parent, const QString& title, const QString& dir, const QString& filter);
QString askSaveFile(QWidget* parent, const QString& title, const QString& path, const QString& filter);
QString askDirectory(QWidget* parent, const QString& title, const QString& dir);

} // namespace rw
