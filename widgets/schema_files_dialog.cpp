#include "schema_files_dialog.h"

#include "dialog_title.h"
#include "file_dialogs.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

namespace rw {

namespace {
enum Column { TopicCol, FileCol, MessageCol };
}

SchemaFilesDialog::SchemaFilesDialog(QWidget* parent)
    : QDialog(parent), m_intro(new QLabel), m_table(new QTableWidget(0, 3)), m_problem(new QLabel)
{
    setObjectName(QStringLiteral("schemaFiles"));
    setWindowTitle(tr("Schema files"));
    fitTitle(this);
    m_intro->setWordWrap(true);
    m_intro->setTextFormat(Qt::PlainText);
    m_intro->setText(tr("Values of these topics are decoded with a schema file: an Avro schema "
                        "(.avsc), a .proto (its imports are looked up beside it) or a descriptor set "
                        "(protoc --descriptor_set_out). The workspace keeps the list, so the window and "
                        "rewind-cli decode the topics wherever it is opened. Records in the Schema "
                        "Registry wire format need no file: they name their schema."));
    m_table->setObjectName(QStringLiteral("schemaFilesTable"));
    m_table->setHorizontalHeaderLabels({tr("Topic"), tr("Schema file"), tr("Message type (Protobuf)")});
    m_table->horizontalHeader()->setSectionResizeMode(FileCol, QHeaderView::Stretch);
    m_table->verticalHeader()->setVisible(false);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_problem->setObjectName(QStringLiteral("schemaFilesProblem"));
    m_problem->setTextFormat(Qt::PlainText);
    m_problem->setWordWrap(true);
    m_problem->hide();
    auto* add = new QPushButton(tr("Add file…"));
    add->setObjectName(QStringLiteral("schemaFilesAdd"));
    auto* remove = new QPushButton(tr("Remove"));
    remove->setObjectName(QStringLiteral("schemaFilesRemove"));
    connect(add, &QPushButton::clicked, this, &SchemaFilesDialog::chooseFile);
    connect(remove, &QPushButton::clicked, this, [this] {
        if (m_table->currentRow() >= 0) m_table->removeRow(m_table->currentRow());
    });
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel);
    buttons->button(QDialogButtonBox::Save)->setObjectName(QStringLiteral("schemaFilesSave"));
    connect(buttons, &QDialogButtonBox::accepted, this, [this] {
        m_problem->hide();
        emit saveRequested(files());
    });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto* row = new QHBoxLayout;
    row->addWidget(add);
    row->addWidget(remove);
    row->addStretch(1);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_intro);
    layout->addWidget(m_table, 1);
    layout->addLayout(row);
    layout->addWidget(m_problem);
    layout->addWidget(buttons);
    resize(760, 360);
}

void SchemaFilesDialog::setWorkspace(const QString& path, const QStringList& topics,
                                     const std::vector<SchemaFile>& files)
{
    m_workspace = path;
    m_topics = topics;
    m_table->setRowCount(0);
    m_problem->hide();
    for (const SchemaFile& f : files)
        addFile(f.topic, f.path, f.messageType);
}

void SchemaFilesDialog::addFile(const QString& topic, const QString& path, const QString& messageType)
{
    int row = -1;
    for (int r = 0; r < m_table->rowCount(); ++r)
        if (auto* c = qobject_cast<QComboBox*>(m_table->cellWidget(r, TopicCol));
            c && c->currentText() == topic)
            row = r;
    if (row < 0) {
        row = m_table->rowCount();
        m_table->insertRow(row);
    }
    auto* topicBox = new QComboBox;
    topicBox->setEditable(true);
    topicBox->addItems(m_topics);
    topicBox->setCurrentText(topic);
    m_table->setCellWidget(row, TopicCol, topicBox);
    auto* file = new QTableWidgetItem(QDir::toNativeSeparators(path));
    file->setToolTip(path);
    m_table->setItem(row, FileCol, file);
    m_table->setItem(row, MessageCol, new QTableWidgetItem(messageType));
    m_table->setCurrentCell(row, FileCol);
}

std::vector<SchemaFile> SchemaFilesDialog::files() const
{
    std::vector<SchemaFile> out;
    for (int r = 0; r < m_table->rowCount(); ++r) {
        auto* topic = qobject_cast<QComboBox*>(m_table->cellWidget(r, TopicCol));
        const QTableWidgetItem* file = m_table->item(r, FileCol);
        const QTableWidgetItem* message = m_table->item(r, MessageCol);
        if (!topic || !file || topic->currentText().trimmed().isEmpty() || file->text().trimmed().isEmpty())
            continue;
        out.push_back({topic->currentText().trimmed(), QDir::fromNativeSeparators(file->text().trimmed()),
                       message ? message->text().trimmed() : QString()});
    }
    return out;
}

void SchemaFilesDialog::setProblem(const QString& text)
{
    m_problem->setText(text);
    m_problem->setVisible(!text.isEmpty());
}

void SchemaFilesDialog::chooseFile()
{
    const QString path = askOpenFile(this, tr("Schema file"), QFileInfo(m_workspace).absolutePath(),
                                     tr("Schemas (*.avsc *.proto *.desc *.pb *.protoset);;All files (*)"));
    if (path.isEmpty()) return;
    // A new row, for the first topic without a file (the topic can be changed in the row).
    QStringList mapped;
    for (const SchemaFile& f : files())
        mapped << f.topic;
    QString topic;
    for (const QString& t : m_topics)
        if (!mapped.contains(t)) {
            topic = t;
            break;
        }
    addFile(topic, path);
}

} // namespace rw
