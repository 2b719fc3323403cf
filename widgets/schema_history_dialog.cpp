#include "schema_history_dialog.h"

#include "diff_highlighter.h"

#include "dialog_title.h"

#include "display_format.h"

#include <QApplication>
#include <QDialogButtonBox>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QLocale>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSet>
#include <QSplitter>
#include <QSyntaxHighlighter>
#include <QVBoxLayout>

#include <set>

namespace rw {

SchemaHistoryDialog::SchemaHistoryDialog(QWidget* parent)
    : QDialog(parent), m_summary(new QLabel), m_list(new QListWidget), m_text(new QPlainTextEdit),
      m_goTo(new QPushButton(tr("Go to these records")))
{
    setObjectName(QStringLiteral("schemaHistory"));
    setWindowTitle(tr("Schema history"));
    fitTitle(this);
    m_summary->setObjectName(QStringLiteral("schemaHistorySummary"));
    m_summary->setTextFormat(Qt::PlainText);
    m_summary->setWordWrap(true);
    m_list->setObjectName(QStringLiteral("schemaHistoryList"));
    m_text->setObjectName(QStringLiteral("schemaHistoryText"));
    m_text->setReadOnly(true);
    m_text->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_text->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    new DiffHighlighter(m_text->document());
    m_goTo->setObjectName(QStringLiteral("schemaHistoryGoTo"));
    m_goTo->setToolTip(tr("Show the topic's records from where this schema was first used"));
    auto* split = new QSplitter(Qt::Horizontal);
    split->addWidget(m_list);
    split->addWidget(m_text);
    split->setStretchFactor(0, 1);
    split->setStretchFactor(1, 2);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close);
    buttons->addButton(m_goTo, QDialogButtonBox::ActionRole);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_list, &QListWidget::currentRowChanged, this, &SchemaHistoryDialog::showRow);
    connect(m_goTo, &QPushButton::clicked, this, [this] {
        const int row = m_list->currentRow();
        if (row == 0 && !m_history.runs.empty()) {
            TimestampMs first = m_history.runs.front().firstTime;
            for (const SchemaRun& r : m_history.runs)
                first = std::min(first, r.firstTime);
            emit timeWanted(first);
        } else if (row > 0 && row <= static_cast<int>(m_history.changes.size())) {
            emit timeWanted(m_history.changes[static_cast<size_t>(row - 1)].time);
        }
    });
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_summary);
    layout->addWidget(split, 1);
    layout->addWidget(buttons);
    resize(900, 520);
}

void SchemaHistoryDialog::setLoading(const QString& topic)
{
    m_history = {};
    m_list->clear();
    m_text->clear();
    m_goTo->setEnabled(false);
    m_summary->setText(tr("%1: reading the schema ids of its records …").arg(topic));
}

void SchemaHistoryDialog::setError(const QString& message)
{
    m_summary->setText(tr("The schema history could not be read: %1").arg(message));
}

void SchemaHistoryDialog::setHistory(const SchemaHistory& h, bool utc)
{
    m_history = h;
    m_list->clear();
    std::set<qint32> ids;
    std::set<PartitionId> partitions;
    qint64 records = 0;
    TimestampMs first = 0;
    for (const SchemaRun& r : h.runs) {
        ids.insert(r.schema.schemaId);
        partitions.insert(r.partition);
        records += r.records;
        if (first == 0 || r.firstTime < first) first = r.firstTime;
    }
    m_summary->setText(
        h.runs.empty() ? tr("%1 has no records.").arg(h.topic)
                       : tr("%1: %2 over %3 in %4; %5.")
                             .arg(h.topic, tr("%n writer schema(s)", nullptr, static_cast<int>(ids.size())),
                                  tr("%Ln record(s)", nullptr, static_cast<int>(records)),
                                  tr("%n partition(s)", nullptr, static_cast<int>(partitions.size())),
                                  tr("%n change(s)", nullptr, static_cast<int>(h.changes.size()))));
    if (h.runs.empty()) return;
    // One subject throughout (the usual case): named once above, versions in the list.
    QSet<QString> subjects;
    for (const SchemaRun& r : h.runs)
        if (r.schema.schemaId >= 0) subjects.insert(r.schema.subject);
    const bool oneSubject = subjects.size() == 1 && !subjects.begin()->isEmpty();
    if (oneSubject)
        m_summary->setText(m_summary->text() + QLatin1Char('\n') + tr("Subject: %1").arg(*subjects.begin()));
    auto name = [&](const SchemaUse& u) {
        if (!oneSubject || u.schemaId < 0 || u.subject.isEmpty()) return schemaLabel(u);
        return tr("v%1 (id %2)").arg(u.version).arg(u.schemaId);
    };
    m_list->addItem(
        tr("%1\n    began with %2").arg(displayTime(first, utc, TimeDetail::Seconds), name(h.first)));
    for (const SchemaChange& c : h.changes) {
        QString where = tr("partition %1, offset %2").arg(c.partition).arg(c.offset);
        if (c.partitions > 1) where += tr(" · in %n partition(s)", nullptr, c.partitions);
        m_list->addItem(
            tr("%1\n    %2 → %3\n    %4")
                .arg(displayTime(c.time, utc, TimeDetail::Millis), name(c.before), name(c.after), where));
    }
    m_goTo->setEnabled(true);
    m_list->setCurrentRow(h.changes.empty() ? 0 : 1);
}

void SchemaHistoryDialog::selectChange(int change)
{
    if (change + 1 < m_list->count()) m_list->setCurrentRow(change + 1);
}

void SchemaHistoryDialog::selectSchema(qint32 id)
{
    for (size_t i = 0; i < m_history.changes.size(); ++i)
        if (m_history.changes[i].after.schemaId == id) {
            m_list->setCurrentRow(static_cast<int>(i) + 1);
            return;
        }
    if (m_list->count() > 0) m_list->setCurrentRow(0);
}

void SchemaHistoryDialog::showRow(int row)
{
    if (row < 0) {
        m_text->clear();
        return;
    }
    if (row == 0) {
        m_text->setPlainText(!m_history.firstText.isEmpty() ? m_history.firstText
                             : m_history.first.schemaId < 0
                                 ? tr("The first records are not in the Schema Registry wire format.")
                                 : tr("Schema id %1 cannot be read: %2")
                                       .arg(m_history.first.schemaId)
                                       .arg(m_history.first.error));
        return;
    }
    const auto i = static_cast<size_t>(row - 1);
    if (i < m_history.diffs.size()) m_text->setPlainText(m_history.diffs[i]);
}

QString SchemaHistoryDialog::shownText() const
{
    return m_text->toPlainText();
}

QString SchemaHistoryDialog::summary() const
{
    return m_summary->text();
}

} // namespace rw
