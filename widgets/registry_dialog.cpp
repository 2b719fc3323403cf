#include "registry_dialog.h"

#include "audit.h"
#include "dialog_title.h"
#include "diff_highlighter.h"
#include "text_diff.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSplitter>
#include <QVBoxLayout>

namespace rw {

namespace {

struct SubjectFacts {
    std::vector<int> versions;
    QString compatibility;
};

struct VersionPair {
    QJsonObject shown, previous;
};

// A schema as people read it: JSON (Avro, JSON Schema) indented, Protobuf as written.
QString readable(const QJsonObject& version)
{
    const QString text = version.value(QLatin1String("schema")).toString();
    const QJsonDocument doc = QJsonDocument::fromJson(text.toUtf8());
    if (doc.isObject() || doc.isArray()) return QString::fromUtf8(doc.toJson(QJsonDocument::Indented));
    return text;
}

QString typeOf(const QJsonObject& version)
{
    const QString t = version.value(QLatin1String("schemaType")).toString();
    return t.isEmpty() ? QStringLiteral("AVRO") : t; // the registry leaves Avro's out
}

} // namespace

RegistryDialog::RegistryDialog(const RegistryConfig& registry, bool readOnly, const QString& owner,
                               QWidget* parent)
    : QDialog(parent), m_registry(registry), m_readOnly(readOnly), m_subjectJobs(new JobRunner(this)),
      m_versionJobs(new JobRunner(this)), m_showJobs(new JobRunner(this)), m_writeJobs(new JobRunner(this)),
      m_subjects(new QListWidget), m_versions(new QListWidget), m_details(new QLabel),
      m_diff(new QCheckBox(tr("Diff against the version before"))), m_text(new QPlainTextEdit),
      m_type(new QComboBox), m_newSchema(new QPlainTextEdit), m_checkResult(new QLabel), m_status(new QLabel),
      m_check(new QPushButton(tr("&Check compatibility"))), m_register(new QPushButton(tr("&Register"))),
      m_delete(new QPushButton(tr("Soft-&delete this version"))), m_level(new QComboBox),
      m_setLevel(new QPushButton(tr("Set &level")))
{
    setObjectName(QStringLiteral("registryDialog"));
    setWindowTitle(tr("Schema Registry of %1").arg(owner));
    fitTitle(this);
    m_subjects->setObjectName(QStringLiteral("registrySubjects"));
    m_versions->setObjectName(QStringLiteral("registryVersions"));
    m_details->setObjectName(QStringLiteral("registryDetails"));
    m_diff->setObjectName(QStringLiteral("registryDiff"));
    m_text->setObjectName(QStringLiteral("registryText"));
    m_type->setObjectName(QStringLiteral("registryNewType"));
    m_newSchema->setObjectName(QStringLiteral("registryNewSchema"));
    m_checkResult->setObjectName(QStringLiteral("registryCheckResult"));
    m_status->setObjectName(QStringLiteral("registryStatus"));
    m_check->setObjectName(QStringLiteral("registryCheck"));
    m_register->setObjectName(QStringLiteral("registryRegister"));
    m_delete->setObjectName(QStringLiteral("registryDelete"));
    m_level->setObjectName(QStringLiteral("registryLevel"));
    m_setLevel->setObjectName(QStringLiteral("registrySetLevel"));
    m_level->addItems({QStringLiteral("NONE"), QStringLiteral("BACKWARD"),
                       QStringLiteral("BACKWARD_TRANSITIVE"), QStringLiteral("FORWARD"),
                       QStringLiteral("FORWARD_TRANSITIVE"), QStringLiteral("FULL"),
                       QStringLiteral("FULL_TRANSITIVE")});
    m_level->setToolTip(
        tr("The subject's own compatibility level: what the registry lets a new version change"));
    for (QLabel* l : {m_details, m_checkResult, m_status}) {
        l->setTextFormat(Qt::PlainText);
        l->setWordWrap(true);
    }
    for (QPlainTextEdit* t : {m_text, m_newSchema}) {
        t->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
        t->setLineWrapMode(QPlainTextEdit::NoWrap);
    }
    m_text->setReadOnly(true);
    new DiffHighlighter(m_text->document()); // only diffs have +/- lines in the first column
    m_type->addItems({QStringLiteral("AVRO"), QStringLiteral("PROTOBUF"), QStringLiteral("JSON")});
    m_newSchema->setPlaceholderText(tr("A new schema for the selected subject: check it, then register it."));
    m_versions->setMaximumWidth(110);
    if (readOnly) {
        for (QPushButton* b : {m_register, m_delete, m_setLevel}) {
            b->setEnabled(false);
            b->setToolTip(tr("This profile is read-only."));
        }
    }

    auto* filter = new QLineEdit;
    filter->setObjectName(QStringLiteral("registryFilter"));
    filter->setPlaceholderText(tr("Filter subjects"));
    filter->setClearButtonEnabled(true);
    connect(filter, &QLineEdit::textChanged, this, [this](const QString& text) {
        for (int i = 0; i < m_subjects->count(); ++i)
            m_subjects->item(i)->setHidden(!m_subjects->item(i)->text().contains(text, Qt::CaseInsensitive));
    });
    auto* subjectsBox = new QWidget;
    auto* subjectsLayout = new QVBoxLayout(subjectsBox);
    subjectsLayout->setContentsMargins(0, 0, 0, 0);
    subjectsLayout->addWidget(filter);
    subjectsLayout->addWidget(m_subjects, 1);
    auto* browse = new QSplitter;
    browse->addWidget(subjectsBox);
    browse->addWidget(m_versions);
    auto* right = new QWidget;
    auto* rightBox = new QVBoxLayout(right);
    rightBox->setContentsMargins(0, 0, 0, 0);
    rightBox->addWidget(m_details);
    auto* textTools = new QHBoxLayout;
    textTools->addWidget(m_diff);
    textTools->addStretch();
    textTools->addWidget(new QLabel(tr("Compatibility")));
    textTools->addWidget(m_level);
    textTools->addWidget(m_setLevel);
    textTools->addWidget(m_delete);
    rightBox->addLayout(textTools);
    rightBox->addWidget(m_text, 1);
    browse->addWidget(right);
    browse->setStretchFactor(2, 1);
    browse->setSizes({280, 110, 500});
    auto* newBox = new QWidget;
    auto* newLayout = new QVBoxLayout(newBox);
    newLayout->setContentsMargins(0, 0, 0, 0);
    auto* newTools = new QHBoxLayout;
    newTools->addWidget(new QLabel(tr("New schema")));
    newTools->addWidget(m_type);
    newTools->addStretch();
    newTools->addWidget(m_check);
    newTools->addWidget(m_register);
    newLayout->addLayout(newTools);
    newLayout->addWidget(m_newSchema, 1);
    newLayout->addWidget(m_checkResult);
    auto* split = new QSplitter(Qt::Vertical);
    split->addWidget(browse);
    split->addWidget(newBox);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close);
    auto* reload = buttons->addButton(tr("Re&load"), QDialogButtonBox::ActionRole);
    connect(reload, &QPushButton::clicked, this, &RegistryDialog::refresh);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(split, 1);
    layout->addWidget(m_status);
    layout->addWidget(buttons);
    resize(900, 640);

    connect(m_subjects, &QListWidget::currentTextChanged, this, &RegistryDialog::loadSubject);
    connect(m_versions, &QListWidget::currentRowChanged, this, &RegistryDialog::showVersion);
    connect(m_diff, &QCheckBox::toggled, this, &RegistryDialog::showVersion);
    connect(m_check, &QPushButton::clicked, this, &RegistryDialog::check);
    connect(m_register, &QPushButton::clicked, this, &RegistryDialog::registerSchema);
    connect(m_delete, &QPushButton::clicked, this, &RegistryDialog::deleteVersion);
    connect(m_setLevel, &QPushButton::clicked, this, [this] { setCompatibility(m_level->currentText()); });
    connect(m_newSchema, &QPlainTextEdit::textChanged, m_checkResult, &QLabel::clear);
    refresh();
}

QStringList RegistryDialog::subjects() const
{
    QStringList out;
    for (int i = 0; i < m_subjects->count(); ++i)
        out << m_subjects->item(i)->text();
    return out;
}
QString RegistryDialog::detailsText() const
{
    return m_details->text();
}
QString RegistryDialog::shownText() const
{
    return m_text->toPlainText();
}
QString RegistryDialog::checkText() const
{
    return m_checkResult->text();
}
QString RegistryDialog::statusText() const
{
    return m_status->text();
}

void RegistryDialog::refresh()
{
    m_status->setText(tr("Reading the subjects…"));
    m_subjectJobs->start<QStringList>(
        [config = m_registry](const CancelToken&) { return SchemaRegistryClient(config).subjects(); },
        [this](Result<QStringList> list) {
            if (!list) {
                m_status->setText(tr("The registry did not answer: %1").arg(list.error().message));
                emit failed(list.error().message);
                return;
            }
            const QString current = m_subjects->currentItem() ? m_subjects->currentItem()->text() : QString();
            QStringList sorted = list.value();
            sorted.sort();
            {
                const QSignalBlocker block(m_subjects);
                m_subjects->clear();
                m_subjects->addItems(sorted);
            }
            m_status->setText(tr("%n subject(s).", nullptr, int(sorted.size())));
            emit subjectsLoaded();
            if (!current.isEmpty()) selectSubject(current);
        });
}

void RegistryDialog::selectSubject(const QString& subject)
{
    const auto found = m_subjects->findItems(subject, Qt::MatchExactly);
    if (found.isEmpty()) return;
    if (m_subjects->currentItem() == found.front())
        loadSubject();
    else
        m_subjects->setCurrentItem(found.front());
}

void RegistryDialog::selectVersion(int version)
{
    for (int i = 0; i < m_versions->count(); ++i)
        if (m_versions->item(i)->data(Qt::UserRole).toInt() == version) m_versions->setCurrentRow(i);
}

void RegistryDialog::setDiff(bool diff)
{
    m_diff->setChecked(diff);
}

void RegistryDialog::loadSubject()
{
    const QString subject = m_subjects->currentItem() ? m_subjects->currentItem()->text() : QString();
    {
        const QSignalBlocker block(m_versions);
        m_versions->clear();
    }
    m_text->clear();
    m_details->clear();
    m_shown = {};
    if (subject.isEmpty()) return;
    m_versionJobs->start<SubjectFacts>(
        [config = m_registry, subject](const CancelToken&) -> Result<SubjectFacts> {
            SchemaRegistryClient client(config);
            SubjectFacts f;
            auto versions = client.versions(subject);
            if (!versions) return versions.error();
            f.versions = versions.value();
            auto level = client.compatibility(subject);
            f.compatibility = level ? level.value() : QStringLiteral("?");
            return f;
        },
        [this, subject](Result<SubjectFacts> f) {
            if (!f) {
                m_status->setText(tr("%1: %2").arg(subject, f.error().message));
                emit failed(f.error().message);
                return;
            }
            m_compatibility = f->compatibility;
            m_level->setCurrentText(m_compatibility.section(QLatin1Char(' '), 0, 0));
            {
                const QSignalBlocker block(m_versions);
                for (int v : f->versions) {
                    auto* item = new QListWidgetItem(tr("version %1").arg(v));
                    item->setData(Qt::UserRole, v);
                    m_versions->addItem(item);
                }
            }
            if (m_versions->count() > 0) m_versions->setCurrentRow(m_versions->count() - 1); // the latest
        });
}

void RegistryDialog::showVersion()
{
    const QString subject = m_subjects->currentItem() ? m_subjects->currentItem()->text() : QString();
    const int row = m_versions->currentRow();
    if (subject.isEmpty() || row < 0) return;
    const int version = m_versions->item(row)->data(Qt::UserRole).toInt();
    const int before = row > 0 ? m_versions->item(row - 1)->data(Qt::UserRole).toInt() : -1;
    const bool diff = m_diff->isChecked();
    m_showJobs->start<VersionPair>(
        [config = m_registry, subject, version, before, diff](const CancelToken&) -> Result<VersionPair> {
            SchemaRegistryClient client(config);
            VersionPair p;
            auto shown = client.version(subject, version);
            if (!shown) return shown.error();
            p.shown = shown.value();
            if (diff && before > 0) {
                auto previous = client.version(subject, before);
                if (!previous) return previous.error();
                p.previous = previous.value();
            }
            return p;
        },
        [this, subject, version, before, diff](Result<VersionPair> p) {
            if (!p) {
                m_status->setText(tr("%1 version %2: %3").arg(subject).arg(version).arg(p.error().message));
                emit failed(p.error().message);
                return;
            }
            m_shown = p->shown;
            m_previous = p->previous;
            QStringList refs;
            for (const QJsonValue& r : m_shown.value(QLatin1String("references")).toArray()) {
                const QJsonObject o = r.toObject();
                refs << tr("%1 (%2 version %3)")
                            .arg(o.value(QLatin1String("name")).toString(),
                                 o.value(QLatin1String("subject")).toString())
                            .arg(o.value(QLatin1String("version")).toInt());
            }
            m_details->setText(tr("%1 version %2 of %3 · id %4 · %5 · compatibility %6 · references: %7")
                                   .arg(subject)
                                   .arg(version)
                                   .arg(m_versions->count())
                                   .arg(m_shown.value(QLatin1String("id")).toInt())
                                   .arg(typeOf(m_shown), m_compatibility,
                                        refs.isEmpty() ? tr("none") : refs.join(QStringLiteral(", "))));
            if (diff && before > 0)
                m_text->setPlainText(unifiedDiff(readable(m_previous), readable(m_shown),
                                                 tr("version %1").arg(before),
                                                 tr("version %1").arg(version)));
            else if (diff)
                m_text->setPlainText(
                    tr("Version %1 is the subject's first: nothing to compare.").arg(version) +
                    QStringLiteral("\n\n") + readable(m_shown));
            else
                m_text->setPlainText(readable(m_shown));
            if (m_newSchema->toPlainText().isEmpty()) {
                m_type->setCurrentText(typeOf(m_shown));
            }
            emit versionShown();
        });
}

void RegistryDialog::setNewSchema(const QString& type, const QString& text)
{
    m_type->setCurrentText(type.toUpper());
    m_newSchema->setPlainText(text);
}

void RegistryDialog::setNewBusy(bool busy)
{
    m_check->setEnabled(!busy);
    m_register->setEnabled(!busy && !m_readOnly);
    m_delete->setEnabled(!busy && !m_readOnly);
    m_setLevel->setEnabled(!busy && !m_readOnly);
}

void RegistryDialog::check()
{
    const QString subject = m_subjects->currentItem() ? m_subjects->currentItem()->text() : QString();
    if (subject.isEmpty() || m_newSchema->toPlainText().trimmed().isEmpty()) {
        m_checkResult->setText(tr("Pick a subject and write the new schema first."));
        return;
    }
    m_checkResult->setText(tr("Checking…"));
    setNewBusy(true);
    m_writeJobs->start<SchemaRegistryClient::Compatibility>(
        [config = m_registry, subject, type = m_type->currentText(),
         text = m_newSchema->toPlainText().toUtf8()](const CancelToken&) {
            return SchemaRegistryClient(config).checkCompatibility(subject, type, text);
        },
        [this, subject](Result<SchemaRegistryClient::Compatibility> c) {
            setNewBusy(false);
            if (!c) {
                m_checkResult->setText(tr("The registry refused the check: %1").arg(c.error().message));
                emit failed(c.error().message);
                return;
            }
            QString text = c->compatible ? tr("Compatible with %1 (%2).").arg(subject, m_compatibility)
                                         : tr("NOT compatible with %1 (%2).").arg(subject, m_compatibility);
            if (!c->messages.isEmpty()) text += QLatin1Char('\n') + c->messages.join(QLatin1Char('\n'));
            m_checkResult->setText(text);
            emit checked(c->compatible);
        });
}

void RegistryDialog::registerSchema()
{
    const QString subject = m_subjects->currentItem() ? m_subjects->currentItem()->text() : QString();
    if (m_readOnly || subject.isEmpty() || m_newSchema->toPlainText().trimmed().isEmpty()) return;
    if (!confirmWithoutAsking &&
        QMessageBox::question(
            this, tr("Register"),
            tr("Register this %1 schema as a new version of %2?").arg(m_type->currentText(), subject)) !=
            QMessageBox::Yes)
        return;
    m_checkResult->setText(tr("Registering…"));
    setNewBusy(true);
    m_writeJobs->start<qint32>(
        [config = m_registry, subject, type = m_type->currentText(),
         text = m_newSchema->toPlainText().toUtf8()](const CancelToken&) -> Result<qint32> {
            auto id = SchemaRegistryClient(config).registerSchema(subject, type, text);
            auditWrite(QStringLiteral("register schema"), config.url, subject,
                       QStringLiteral("%1 from the window").arg(type), id ? nullptr : &id.error());
            return id;
        },
        [this, subject](Result<qint32> id) {
            setNewBusy(false);
            if (!id) {
                m_checkResult->setText(tr("Refused, nothing registered: %1").arg(id.error().message));
                emit failed(id.error().message);
                return;
            }
            m_checkResult->setText(tr("Registered under %1: schema id %2.").arg(subject).arg(id.value()));
            emit registered(id.value());
            loadSubject();
        });
}

void RegistryDialog::setCompatibility(const QString& level)
{
    const QString subject = m_subjects->currentItem() ? m_subjects->currentItem()->text() : QString();
    if (m_readOnly || subject.isEmpty()) return;
    m_level->setCurrentText(level);
    setNewBusy(true);
    m_writeJobs->start<bool>(
        [config = m_registry, subject, level](const CancelToken&) -> Result<bool> {
            auto r = SchemaRegistryClient(config).setCompatibility(subject, level);
            auditWrite(QStringLiteral("set compatibility"), config.url, subject, level,
                       r ? nullptr : &r.error());
            if (!r) return r.error();
            return true;
        },
        [this, subject, level](Result<bool> r) {
            setNewBusy(false);
            if (!r) {
                m_status->setText(tr("Refused, nothing changed: %1").arg(r.error().message));
                emit failed(r.error().message);
                return;
            }
            m_compatibility = level;
            m_status->setText(tr("%1 now has compatibility %2.").arg(subject, level));
            emit levelSet(level);
            showVersion();
        });
}

void RegistryDialog::deleteVersion()
{
    const QString subject = m_subjects->currentItem() ? m_subjects->currentItem()->text() : QString();
    const int row = m_versions->currentRow();
    if (m_readOnly || subject.isEmpty() || row < 0) return;
    const int version = m_versions->item(row)->data(Qt::UserRole).toInt();
    if (!confirmWithoutAsking &&
        QMessageBox::question(this, tr("Soft-delete"),
                              tr("Soft-delete %1 version %2? Records written with its id still decode; new "
                                 "records can no longer use it by version.")
                                  .arg(subject)
                                  .arg(version)) != QMessageBox::Yes)
        return;
    setNewBusy(true);
    m_writeJobs->start<bool>(
        [config = m_registry, subject, version](const CancelToken&) -> Result<bool> {
            auto r = SchemaRegistryClient(config).deleteVersion(subject, version);
            auditWrite(QStringLiteral("delete schema version"), config.url, subject,
                       QStringLiteral("version %1").arg(version), r ? nullptr : &r.error());
            if (!r) return r.error();
            return true;
        },
        [this, subject, version](Result<bool> r) {
            setNewBusy(false);
            if (!r) {
                m_status->setText(tr("Refused, nothing deleted: %1").arg(r.error().message));
                emit failed(r.error().message);
                return;
            }
            m_status->setText(tr("Soft-deleted %1 version %2.").arg(subject).arg(version));
            emit deleted();
            loadSubject();
        });
}

} // namespace rw
