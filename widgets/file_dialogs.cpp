#include "file_dialogs.h"

#include <QFileDialog>
#include <QFileIconProvider>

namespace rw {

namespace {

// Icons and type names from the name and kind alone: nothing is opened.
class NamesOnlyIconProvider : public QFileIconProvider {
public:
    QIcon icon(IconType type) const override { return QFileIconProvider::icon(type); }
    QIcon icon(const QFileInfo& info) const override
    {
        return QFileIconProvider::icon(info.isDir() ? QFileIconProvider::Folder : QFileIconProvider::File);
    }
    QString type(const QFileInfo& info) const override
    {
        if (info.isDir()) return QFileDialog::tr("Folder");
        const QString suffix = info.suffix();
        return suffix.isEmpty() ? QFileDialog::tr("File") : QFileDialog::tr("%1 File").arg(suffix);
    }
};

QString ask(QWidget* parent, const QString& title, const QString& where, const QString& filter,
            QFileDialog::AcceptMode accept, QFileDialog::FileMode mode)
{
    QFileDialog dialog(parent, title, where, filter);
    makeFileDialogSafe(dialog);
    dialog.setAcceptMode(accept);
    dialog.setFileMode(mode);
    if (mode == QFileDialog::Directory) dialog.setOption(QFileDialog::ShowDirsOnly);
    if (dialog.exec() != QDialog::Accepted || dialog.selectedFiles().isEmpty()) return {};
    return dialog.selectedFiles().constFirst();
}

} // namespace

void makeFileDialogSafe(QFileDialog& dialog)
{
    static NamesOnlyIconProvider provider; // outlives every dialog; a dialog does not own it
    dialog.setOption(QFileDialog::DontUseNativeDialog);
    dialog.setIconProvider(&provider);
}

QString askOpenFile(QWidget* parent, const QString& title, const QString& dir, const QString& filter)
{
    return ask(parent, title, dir, filter, QFileDialog::AcceptOpen, QFileDialog::ExistingFile);
}

QString askSaveFile(QWidget* parent, const QString& title, const QString& path, const QString& filter)
{
    return ask(parent, title, path, filter, QFileDialog::AcceptSave, QFileDialog::AnyFile);
}

QString askDirectory(QWidget* parent, const QString& title, const QString& dir)
{
    return ask(parent, title, dir, QString(), QFileDialog::AcceptOpen, QFileDialog::Directory);
}

} // namespace rw
