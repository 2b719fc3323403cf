#pragma once
// Where and how to export records from the window: NDJSON (the envelope), CSV with chosen columns
// (standard ones, value.<path>, header.<name>), or a new workspace (a bundle with the case). The
// masking policy's paths are shown and applied unless the user turns it off for this export.
// GUI thread only; it only asks (the window runs the export).

#include "record_export.h"

#include <QDialog>

class QButtonGroup;
class QCheckBox;
class QLabel;
class QLineEdit;
class QListWidget;

namespace rw {

class ExportDialog : public QDialog {
    Q_OBJECT
public:
    // what: "1,234 records matching the filter" and the like; bundle: the workspace format is
    // offered (and chosen) for a case.
    ExportDialog(const QString& what, const MaskPolicy& policy, bool bundle, QWidget* parent = nullptr);

    ExportFormat format() const;
    void setFormat(ExportFormat f);
    QStringList columns() const;
    QString path() const;
    void setPath(const QString& path);
    bool applyMask() const;
    QLineEdit* extraColumns() const { return m_extra; }

private:
    void recall();         // the last export's format, columns and file (settings)
    void remember() const; // this one's, when it is accepted
    void formatChanged();
    void browse();
    QButtonGroup* m_formats;
    QListWidget* m_columns;
    QLineEdit* m_extra;
    QLineEdit* m_path;
    QCheckBox* m_mask;
    QLabel* m_columnsLabel;
};

} // namespace rw
