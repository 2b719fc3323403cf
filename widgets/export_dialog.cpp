#include "export_dialog.h"

#include "dialog_title.h"

#include "file_dialogs.h"
#include "settings_keys.h"

#include <QButtonGroup>
#include <QCheckBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QRadioButton>
#include <QSettings>
#include <QStandardPaths>
#include <QVBoxLayout>

namespace rw {

ExportDialog::ExportDialog(const QString& what, const MaskPolicy& policy, bool bundle, QWidget* parent)
    : QDialog(parent), m_formats(new QButtonGroup(this)), m_columns(new QListWidget), m_extra(new QLineEdit),
      m_path(new QLineEdit), m_mask(new QCheckBox), m_columnsLabel(new QLabel(tr("CSV columns:")))
{
    setWindowTitle(tr("Export records"));
    fitTitle(this);
    auto* whatLabel = new QLabel(what);
    whatLabel->setTextFormat(Qt::PlainText);
    whatLabel->setWordWrap(true);
    const std::pair<ExportFormat, QString> formats[] = {
        {ExportFormat::Ndjson, tr("NDJSON: one envelope a line (re-imports byte for byte)")},
        {ExportFormat::Csv, tr("CSV with the columns below (for spreadsheets)")},
        {ExportFormat::Workspace,
         tr("Workspace bundle: the records at their offsets, the case and the schemas "
            "they need, for a colleague to open")}};
    auto* formatBox = new QVBoxLayout;
    for (const auto& [f, label] : formats) {
        auto* b = new QRadioButton(label);
        b->setObjectName(QStringLiteral("exportFormat%1").arg(static_cast<int>(f)));
        m_formats->addButton(b, static_cast<int>(f));
        formatBox->addWidget(b);
    }
    m_formats->button(static_cast<int>(bundle ? ExportFormat::Workspace : ExportFormat::Ndjson))
        ->setChecked(true);
    connect(m_formats, &QButtonGroup::idToggled, this, [this](int, bool on) {
        if (on) formatChanged();
    });
    m_columns->setObjectName(QStringLiteral("exportColumns"));
    for (const QString& c : csvStandardColumns()) {
        auto* item = new QListWidgetItem(c, m_columns);
        item->setFlags(item->flags() | Qt::ItemIsUserCheckable);
        item->setCheckState(c == QLatin1String("size") ? Qt::Unchecked : Qt::Checked);
    }
    m_columns->setMaximumHeight(m_columns->sizeHintForRow(0) * 5);
    m_extra->setObjectName(QStringLiteral("exportExtraColumns"));
    m_extra->setPlaceholderText(tr("More columns: value.customer.id, header.trace_id"));
    m_path->setObjectName(QStringLiteral("exportPath"));
    auto* browseButton = new QPushButton(tr("Browse…"));
    connect(browseButton, &QPushButton::clicked, this, &ExportDialog::browse);
    auto* pathRow = new QHBoxLayout;
    pathRow->addWidget(m_path, 1);
    pathRow->addWidget(browseButton);
    QStringList hidden = policy.fields;
    for (const QString& h : policy.headers)
        hidden << tr("header %1").arg(h);
    m_mask->setObjectName(QStringLiteral("exportMask"));
    m_mask->setText(policy.empty() ? tr("No masking policy: every value is exported as it is")
                                   : tr("Hide personal data: %1").arg(hidden.join(QStringLiteral(", "))));
    m_mask->setChecked(!policy.empty());
    m_mask->setEnabled(!policy.empty());
    auto* form = new QFormLayout;
    form->addRow(tr("Format:"), formatBox);
    form->addRow(m_columnsLabel, m_columns);
    form->addRow(QString(), m_extra);
    form->addRow(tr("File:"), pathRow);
    form->addRow(QString(), m_mask);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("Export"));
    connect(buttons, &QDialogButtonBox::accepted, this, [this, bundle] {
        if (m_path->text().trimmed().isEmpty()) return;
        if (!bundle) remember();
        accept();
    });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(whatLabel);
    layout->addLayout(form);
    layout->addWidget(buttons);
    if (!bundle) recall();
    formatChanged();
}

// The last export's choices come back (walkthrough defect 6.15: format, columns and path were
// asked again every time).
void ExportDialog::recall()
{
    QSettings settings;
    const int f = settings.value(settings::kExportFormat, -1).toInt();
    if (f == static_cast<int>(ExportFormat::Ndjson) || f == static_cast<int>(ExportFormat::Csv))
        m_formats->button(f)->setChecked(true);
    if (settings.contains(settings::kExportColumns)) {
        const QStringList ticked = settings.value(settings::kExportColumns).toStringList();
        for (int i = 0; i < m_columns->count(); ++i)
            m_columns->item(i)->setCheckState(ticked.contains(m_columns->item(i)->text()) ? Qt::Checked
                                                                                          : Qt::Unchecked);
    }
    m_extra->setText(settings.value(settings::kExportExtraColumns).toString());
    m_path->setText(settings.value(settings::kExportPath).toString());
}

void ExportDialog::remember() const
{
    QSettings settings;
    settings.setValue(settings::kExportFormat, static_cast<int>(format()));
    QStringList ticked;
    for (int i = 0; i < m_columns->count(); ++i)
        if (m_columns->item(i)->checkState() == Qt::Checked) ticked << m_columns->item(i)->text();
    settings.setValue(settings::kExportColumns, ticked);
    settings.setValue(settings::kExportExtraColumns, m_extra->text());
    settings.setValue(settings::kExportPath, path());
}

ExportFormat ExportDialog::format() const
{
    return static_cast<ExportFormat>(m_formats->checkedId());
}

void ExportDialog::setFormat(ExportFormat f)
{
    m_formats->button(static_cast<int>(f))->setChecked(true);
}

QStringList ExportDialog::columns() const
{
    QStringList out;
    for (int i = 0; i < m_columns->count(); ++i)
        if (m_columns->item(i)->checkState() == Qt::Checked) out << m_columns->item(i)->text();
    for (const QString& c : m_extra->text().split(u',', Qt::SkipEmptyParts))
        if (!c.trimmed().isEmpty()) out << c.trimmed();
    return out;
}

QString ExportDialog::path() const
{
    return m_path->text().trimmed();
}

void ExportDialog::setPath(const QString& path)
{
    m_path->setText(path);
}

bool ExportDialog::applyMask() const
{
    return m_mask->isChecked();
}

void ExportDialog::formatChanged()
{
    const ExportFormat f = format();
    m_columns->setEnabled(f == ExportFormat::Csv);
    m_extra->setEnabled(f == ExportFormat::Csv);
    m_columnsLabel->setEnabled(f == ExportFormat::Csv);
    // The file's extension follows the format.
    const QString ext = f == ExportFormat::Csv      ? QStringLiteral(".csv")
                        : f == ExportFormat::Ndjson ? QStringLiteral(".ndjson")
                                                    : QStringLiteral(".rewind");
    QString p = m_path->text().trimmed();
    if (p.isEmpty())
        p = QDir(QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation))
                .filePath(QStringLiteral("export"));
    const QFileInfo fi(p);
    m_path->setText(QDir(fi.absolutePath()).filePath(fi.completeBaseName() + ext));
}

void ExportDialog::browse()
{
    const ExportFormat f = format();
    const QString filter = f == ExportFormat::Csv      ? tr("CSV (*.csv)")
                           : f == ExportFormat::Ndjson ? tr("NDJSON (*.ndjson *.jsonl)")
                                                       : tr("Rewind workspace (*.rewind)");
    const QString p = askSaveFile(this, tr("Export to"), m_path->text(), filter);
    if (!p.isEmpty()) m_path->setText(p);
}

} // namespace rw
