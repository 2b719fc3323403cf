#include "produce_dialog.h"

#include "dialog_title.h"
#include "envelope.h"
#include "file_dialogs.h"
#include "json.h"
#include "schema_registry.h"
#include "time_parse.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateTime>
#include <QDialogButtonBox>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QLocale>
#include <QPlainTextEdit>
#include <QPointer>
#include <QProgressBar>
#include <QPushButton>
#include <QSpinBox>
#include <QSplitter>
#include <QTableWidget>
#include <QVBoxLayout>

namespace rw {

namespace {

constexpr qint64 kMaxFileBytes = qint64(512) << 20;
const QString kFilePrefix = QStringLiteral("file:"); // a value schema picked as a schema file

QLabel* errorLabel(const QString& name)
{
    auto* l = new QLabel;
    l->setObjectName(name);
    l->setTextFormat(Qt::PlainText);
    l->setWordWrap(true);
    QPalette pal = l->palette();
    pal.setColor(QPalette::WindowText, QColor(0xd0, 0x30, 0x30));
    l->setPalette(pal);
    l->hide();
    return l;
}

QString shortText(const std::optional<QByteArray>& bytes)
{
    if (!bytes) return QStringLiteral("null");
    QString t = QString::fromUtf8(bytes->left(60)).simplified();
    return bytes->size() > 60 ? t + QStringLiteral("…") : t;
}

// What a person edits: text where the bytes are UTF-8, else the bytes shown as Latin-1 (sent
// back as they were when not edited).
QString editable(const std::optional<QByteArray>& bytes)
{
    return bytes ? QString::fromUtf8(*bytes) : QString();
}

// A registry subject picker: "" (none) first, editable so a subject can be typed.
QComboBox* subjectPicker(const QString& name)
{
    auto* c = new QComboBox;
    c->setObjectName(name);
    c->setEditable(true);
    c->addItem(QString());
    c->setInsertPolicy(QComboBox::NoInsert);
    c->setMinimumContentsLength(24);
    return c;
}

} // namespace

ProduceDialog::ProduceDialog(const KafkaProfile& profile, const QStringList& topics, QWidget* parent)
    : QDialog(parent), m_profile(profile), m_sendJobs(new JobRunner(this)),
      m_valueSchemaJobs(new JobRunner(this)), m_keySchemaJobs(new JobRunner(this)),
      m_subjectJobs(new JobRunner(this)), m_topic(new QComboBox), m_unlock(new QCheckBox),
      m_fromHeader(new QCheckBox(tr("To the topic named in header"))), m_headerName(new QLineEdit),
      m_partition(new QSpinBox), m_timestamp(new QLineEdit),
      m_timestampError(errorLabel(QStringLiteral("produceTimestampError"))), m_key(new QLineEdit),
      m_keyError(errorLabel(QStringLiteral("produceKeyError"))), m_value(new QPlainTextEdit),
      m_valueError(errorLabel(QStringLiteral("produceValueError"))), m_headers(new QTableWidget(0, 2)),
      m_headersError(errorLabel(QStringLiteral("produceHeadersError"))),
      m_valueSubject(subjectPicker(QStringLiteral("produceValueSubject"))), m_valueVersion(new QComboBox),
      m_valueMessage(new QLineEdit), m_keySubject(subjectPicker(QStringLiteral("produceKeySubject"))),
      m_keyVersion(new QComboBox), m_schemaNote(new QLabel), m_records(new QListWidget),
      m_keepHeaders(new QCheckBox(tr("Keep the original headers"))),
      m_provenance(new QCheckBox(tr("Add provenance headers (rewind.source.*)"))), m_file(new QLabel),
      m_chooseFile(new QPushButton(tr("From an NDJSON file…"))),
      m_clearFile(new QPushButton(tr("Type one instead"))), m_plan(new QLabel), m_progress(new QProgressBar),
      m_status(new QLabel), m_send(new QPushButton(tr("&Send"))), m_stop(new QPushButton(tr("S&top"))),
      m_editor(new QWidget), m_resendBox(new QWidget)
{
    setObjectName(QStringLiteral("produceDialog"));
    setWindowTitle(tr("Produce to %1").arg(profile.name.isEmpty() ? profile.bootstrap : profile.name));
    fitTitle(this);
    m_topic->setObjectName(QStringLiteral("produceTopic"));
    m_topic->setEditable(true);
    m_topic->setInsertPolicy(QComboBox::NoInsert);
    m_topic->addItems(topics);
    m_topic->setCurrentText(m_prefix);
    m_unlock->setObjectName(QStringLiteral("produceUnlock"));
    m_fromHeader->setObjectName(QStringLiteral("produceFromHeader"));
    m_headerName->setObjectName(QStringLiteral("produceHeaderName"));
    m_headerName->setText(QStringLiteral("__connect.errors.topic"));
    m_headerName->setEnabled(false);
    m_partition->setObjectName(QStringLiteral("producePartition"));
    m_partition->setRange(-1, 1 << 20);
    m_partition->setValue(-1);
    m_partition->setSpecialValueText(tr("by key"));
    m_timestamp->setObjectName(QStringLiteral("produceTimestamp"));
    m_timestamp->setPlaceholderText(tr("now (or 2026-11-19T03:00Z, now-2h)"));
    m_key->setObjectName(QStringLiteral("produceKey"));
    m_key->setPlaceholderText(tr("none (null)"));
    m_value->setObjectName(QStringLiteral("produceValue"));
    m_value->setPlaceholderText(tr("{\"order_id\": \"o-123\"}"));
    m_value->setTabChangesFocus(true);
    m_headers->setObjectName(QStringLiteral("produceHeaders"));
    m_headers->setHorizontalHeaderLabels({tr("Header"), tr("Value")});
    m_headers->horizontalHeader()->setStretchLastSection(true);
    m_headers->verticalHeader()->setVisible(false);
    m_headers->setMinimumHeight(96);
    m_headers->setMaximumHeight(130);
    m_headers->setColumnWidth(0, 200);
    m_valueVersion->setObjectName(QStringLiteral("produceValueVersion"));
    m_keyVersion->setObjectName(QStringLiteral("produceKeyVersion"));
    for (QComboBox* v : {m_valueVersion, m_keyVersion})
        v->addItem(tr("latest"), -1);
    m_valueMessage->setObjectName(QStringLiteral("produceValueMessage"));
    m_valueMessage->setPlaceholderText(tr("Protobuf message"));
    m_valueMessage->setToolTip(tr("Protobuf: the message type (default: the schema's first)"));
    m_schemaNote->setObjectName(QStringLiteral("produceSchemaNote"));
    m_schemaNote->setTextFormat(Qt::PlainText);
    m_schemaNote->setWordWrap(true);
    m_records->setObjectName(QStringLiteral("produceRecords"));
    m_keepHeaders->setObjectName(QStringLiteral("produceKeepHeaders"));
    m_keepHeaders->setChecked(true);
    m_provenance->setObjectName(QStringLiteral("produceProvenance"));
    m_provenance->setChecked(true);
    m_file->setObjectName(QStringLiteral("produceFile"));
    m_file->setTextFormat(Qt::PlainText);
    m_chooseFile->setObjectName(QStringLiteral("produceChooseFile"));
    m_clearFile->setObjectName(QStringLiteral("produceClearFile"));
    m_clearFile->hide();
    m_plan->setObjectName(QStringLiteral("producePlan"));
    m_plan->setTextFormat(Qt::PlainText);
    m_plan->setWordWrap(true);
    m_progress->setObjectName(QStringLiteral("produceProgress"));
    m_progress->hide();
    m_status->setObjectName(QStringLiteral("produceStatus"));
    m_status->setTextFormat(Qt::PlainText);
    m_status->setWordWrap(true);
    m_send->setObjectName(QStringLiteral("produceSend"));
    m_stop->setObjectName(QStringLiteral("produceStop"));
    m_stop->setEnabled(false);

    // Where.
    auto* where = new QFormLayout;
    auto* topicRow = new QHBoxLayout;
    topicRow->addWidget(m_topic, 1);
    topicRow->addWidget(m_unlock);
    where->addRow(tr("Topic"), topicRow);
    where->addRow(tr("Partition"), m_partition);
    where->addRow(tr("Timestamp"), m_timestamp);
    where->addRow(QString(), m_timestampError);

    // What: one record typed, or a file.
    auto* what = new QFormLayout(m_editor);
    what->setContentsMargins(0, 0, 0, 0);
    what->addRow(tr("Key"), m_key);
    what->addRow(QString(), m_keyError);
    what->addRow(tr("Value"), m_value);
    what->addRow(QString(), m_valueError);
    auto* headerButtons = new QHBoxLayout;
    auto* addHeader = new QPushButton(tr("Add header"));
    addHeader->setObjectName(QStringLiteral("produceAddHeader"));
    auto* removeHeader = new QPushButton(tr("Remove header"));
    headerButtons->addWidget(addHeader);
    headerButtons->addWidget(removeHeader);
    headerButtons->addStretch();
    auto* headerBox = new QVBoxLayout;
    headerBox->addWidget(m_headers);
    headerBox->addLayout(headerButtons);
    what->addRow(tr("Headers"), headerBox);
    what->addRow(QString(), m_headersError);

    auto* schemaBox = new QWidget;
    schemaBox->setObjectName(QStringLiteral("produceSchemas"));
    auto* schemas = new QFormLayout(schemaBox);
    schemas->setContentsMargins(0, 0, 0, 0);
    auto* valueSchemaRow = new QHBoxLayout;
    valueSchemaRow->addWidget(m_valueSubject, 1);
    valueSchemaRow->addWidget(m_valueVersion);
    valueSchemaRow->addWidget(m_valueMessage);
    auto* schemaFile = new QPushButton(tr("File…"));
    schemaFile->setObjectName(QStringLiteral("produceValueSchemaFile"));
    schemaFile->setToolTip(
        tr("Encode the value with a schema file (.avsc, .proto, a descriptor set), as a "
           "topic mapped to it is decoded: the payload alone, without the registry's framing"));
    connect(schemaFile, &QPushButton::clicked, this, [this] {
        const QString path =
            askOpenFile(this, tr("Value schema file"), QString(),
                        tr("Schemas (*.avsc *.json *.proto *.desc *.pb *.protoset);;All files (*)"));
        if (!path.isEmpty()) setValueSchemaFile(path, m_valueMessage->text().trimmed());
    });
    valueSchemaRow->addWidget(schemaFile);
    schemas->addRow(tr("Value schema"), valueSchemaRow);
    auto* keySchemaRow = new QHBoxLayout;
    keySchemaRow->addWidget(m_keySubject, 1);
    keySchemaRow->addWidget(m_keyVersion);
    schemas->addRow(tr("Key schema"), keySchemaRow);

    auto* fileRow = new QHBoxLayout;
    fileRow->addWidget(m_chooseFile);
    fileRow->addWidget(m_clearFile);
    fileRow->addWidget(m_file, 1);

    // Send again: the records, and what to do with their headers.
    auto* resend = new QVBoxLayout(m_resendBox);
    resend->setContentsMargins(0, 0, 0, 0);
    resend->addWidget(new QLabel(tr("Records to send again (pick one to edit it):")));
    m_records->setMaximumHeight(120);
    resend->addWidget(m_records);
    auto* resendOptions = new QHBoxLayout;
    resendOptions->addWidget(m_keepHeaders);
    resendOptions->addWidget(m_provenance);
    resendOptions->addStretch();
    resend->addLayout(resendOptions);
    auto* redrive = new QHBoxLayout;
    redrive->addWidget(m_fromHeader);
    redrive->addWidget(m_headerName, 1);
    resend->addLayout(redrive);
    m_resendBox->hide();

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close);
    buttons->addButton(m_send, QDialogButtonBox::ActionRole);
    buttons->addButton(m_stop, QDialogButtonBox::ActionRole);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(where);
    layout->addWidget(m_resendBox);
    layout->addWidget(schemaBox);
    layout->addWidget(m_schemaNote);
    layout->addLayout(fileRow);
    layout->addWidget(m_editor, 1);
    layout->addWidget(m_plan);
    layout->addWidget(m_progress);
    layout->addWidget(m_status);
    layout->addWidget(buttons);
    resize(720, 600);

    connect(addHeader, &QPushButton::clicked, this, [this] {
        const int row = m_headers->rowCount();
        m_headers->insertRow(row);
        m_headers->setItem(row, 0, new QTableWidgetItem);
        m_headers->setItem(row, 1, new QTableWidgetItem);
        m_headers->editItem(m_headers->item(row, 0));
    });
    connect(removeHeader, &QPushButton::clicked, this, [this] {
        if (m_headers->currentRow() >= 0) m_headers->removeRow(m_headers->currentRow());
        checkFields();
    });
    connect(m_topic, &QComboBox::currentTextChanged, this, [this] {
        m_unlock->setChecked(false); // an unlock names one topic: typing another takes it back
        followTopicSubjects();
        updatePlan();
    });
    connect(m_unlock, &QCheckBox::toggled, this, &ProduceDialog::updatePlan);
    connect(m_fromHeader, &QCheckBox::toggled, this, [this](bool on) {
        m_headerName->setEnabled(on);
        m_topic->setEnabled(!on);
        m_unlock->setChecked(false);
        updatePlan();
    });
    connect(m_headerName, &QLineEdit::textChanged, this, &ProduceDialog::updatePlan);
    for (QCheckBox* c : {m_keepHeaders, m_provenance})
        connect(c, &QCheckBox::toggled, this, &ProduceDialog::updatePlan);
    connect(m_partition, &QSpinBox::valueChanged, this, &ProduceDialog::updatePlan);
    connect(m_timestamp, &QLineEdit::textChanged, this, &ProduceDialog::checkFields);
    connect(m_key, &QLineEdit::textChanged, this, &ProduceDialog::checkFields);
    connect(m_value, &QPlainTextEdit::textChanged, this, &ProduceDialog::checkFields);
    connect(m_headers, &QTableWidget::itemChanged, this, &ProduceDialog::checkFields);
    connect(m_valueSubject, &QComboBox::currentTextChanged, this, [this] { loadVersions(false); });
    connect(m_keySubject, &QComboBox::currentTextChanged, this, [this] { loadVersions(true); });
    connect(m_valueVersion, &QComboBox::activated, this, [this] { loadEncoder(false); });
    connect(m_keyVersion, &QComboBox::activated, this, [this] { loadEncoder(true); });
    connect(m_valueMessage, &QLineEdit::editingFinished, this, [this] { loadEncoder(false); });
    connect(m_records, &QListWidget::currentRowChanged, this, [this](int row) {
        storeEdit();
        showEdit(row);
    });
    connect(m_chooseFile, &QPushButton::clicked, this, [this] {
        const QString path = askOpenFile(this, tr("Produce from an NDJSON file"), QString(),
                                         tr("NDJSON envelopes (*.ndjson *.jsonl *.json);;All files (*)"));
        if (!path.isEmpty()) setFile(path);
    });
    connect(m_clearFile, &QPushButton::clicked, this, [this] { setFile(QString()); });
    connect(m_send, &QPushButton::clicked, this, &ProduceDialog::send);
    connect(m_stop, &QPushButton::clicked, this, &ProduceDialog::stop);

    const bool registry = m_profile.registry().has_value();
    for (QWidget* w : std::initializer_list<QWidget*>{m_valueVersion, m_keySubject, m_keyVersion})
        w->setEnabled(registry);
    if (!registry)
        m_schemaNote->setText(tr("This profile has no Schema Registry: values are sent as typed, or "
                                 "encoded with a schema file (File…)."));
    else
        loadSubjects();
    followTopicSubjects();
    updatePlan();
}

void ProduceDialog::loadSubjects()
{
    const auto registry = m_profile.registry();
    if (!registry) return;
    m_subjectJobs->start<QStringList>(
        [config = *registry](const CancelToken&) { return SchemaRegistryClient(config).subjects(); },
        [this](Result<QStringList> subjects) {
            if (!subjects) {
                m_schemaNote->setText(
                    tr("The registry's subjects could not be read: %1").arg(subjects.error().message));
                emit subjectsLoaded();
                return;
            }
            for (QComboBox* c : {m_valueSubject, m_keySubject}) {
                const QString current = c->currentText();
                const QSignalBlocker block(c);
                c->clear();
                c->addItem(QString());
                c->addItems(subjects.value());
                c->setCurrentText(current);
            }
            followTopicSubjects();
            emit subjectsLoaded();
        });
}

void ProduceDialog::followTopicSubjects()
{
    if (!m_items.empty()) return;
    const QString topic = m_topic->currentText().trimmed();
    for (auto [box, suffix, picked] : {std::tuple{m_valueSubject, "-value", &m_autoValueSubject},
                                       std::tuple{m_keySubject, "-key", &m_autoKeySubject}}) {
        const QString current = box->currentText().trimmed();
        if (!current.isEmpty() && current != *picked) continue; // the user's own choice stays
        const QString own = topic + QLatin1String(suffix);
        QString wanted = box->findText(own) >= 0 ? own : QString();
        if (wanted.isEmpty() && box == m_valueSubject) // else the schema file the profile maps the topic to
            for (const SchemaFile& f : m_profile.schemaFiles)
                if (f.topic == topic) {
                    wanted = kFilePrefix + f.path;
                    m_valueMessage->setText(f.messageType);
                }
        *picked = wanted;
        if (wanted != current) box->setCurrentText(wanted);
    }
}

void ProduceDialog::setValueSchema(const QString& subject, int version, const QString& messageType)
{
    m_valueMessage->setText(messageType);
    m_valueSubject->setCurrentText(subject); // loads its versions, then the latest encoder
    if (version > 0) {
        m_valueVersion->clear();
        m_valueVersion->addItem(tr("latest"), -1);
        m_valueVersion->addItem(QString::number(version), version);
        m_valueVersion->setCurrentIndex(1);
    }
    loadEncoder(false);
}

void ProduceDialog::setValueSchemaFile(const QString& path, const QString& messageType)
{
    m_valueMessage->setText(messageType);
    m_valueSubject->setCurrentText(kFilePrefix + path); // loads it
}

void ProduceDialog::setKeySchema(const QString& subject, int version)
{
    m_keySubject->setCurrentText(subject);
    if (version > 0) {
        m_keyVersion->clear();
        m_keyVersion->addItem(tr("latest"), -1);
        m_keyVersion->addItem(QString::number(version), version);
        m_keyVersion->setCurrentIndex(1);
    }
    loadEncoder(true);
}

void ProduceDialog::loadVersions(bool key)
{
    QComboBox* subjectBox = key ? m_keySubject : m_valueSubject;
    QComboBox* versions = key ? m_keyVersion : m_valueVersion;
    const QString subject = subjectBox->currentText().trimmed();
    versions->clear();
    versions->addItem(tr("latest"), -1);
    loadEncoder(key);
    versions->setEnabled(m_profile.registry() && !subject.startsWith(kFilePrefix));
    const auto registry = m_profile.registry();
    if (subject.isEmpty() || !registry || subject.startsWith(kFilePrefix)) return;
    // The versions are a second question: the encoder (latest) does not wait for them.
    auto* runner = new JobRunner(this);
    runner->start<std::vector<int>>(
        [config = *registry, subject](const CancelToken&) {
            return SchemaRegistryClient(config).versions(subject);
        },
        [this, runner, versions, subjectBox, subject](Result<std::vector<int>> list) {
            runner->deleteLater();
            if (!list || subjectBox->currentText().trimmed() != subject) return;
            const int chosen = versions->currentData().toInt();
            const QSignalBlocker block(versions);
            versions->clear();
            versions->addItem(tr("latest"), -1);
            for (auto it = list->rbegin(); it != list->rend(); ++it)
                versions->addItem(QString::number(*it), *it);
            versions->setCurrentIndex(std::max(0, versions->findData(chosen)));
        });
}

void ProduceDialog::loadEncoder(bool key)
{
    QComboBox* subjectBox = key ? m_keySubject : m_valueSubject;
    const QString subject = subjectBox->currentText().trimmed();
    const int version = (key ? m_keyVersion : m_valueVersion)->currentData().toInt();
    const QString message = key ? QString() : m_valueMessage->text().trimmed();
    auto& encoder = key ? m_keyEncoder : m_valueEncoder;
    auto& problem = key ? m_keyEncoderError : m_valueEncoderError;
    JobRunner* jobs = key ? m_keySchemaJobs : m_valueSchemaJobs;
    encoder.reset();
    problem.clear();
    const auto registry = m_profile.registry();
    const bool file = !key && subject.startsWith(kFilePrefix);
    if (subject.isEmpty() || (!registry && !file)) {
        jobs->cancel();
        checkFields();
        return;
    }
    problem = tr("loading %1…").arg(subject);
    checkFields();
    if (file) { // a schema file: the payload alone, as a topic mapped to it is decoded
        jobs->start<std::shared_ptr<const ValueEncoder>>(
            [path = subject.mid(kFilePrefix.size()),
             message](const CancelToken&) -> Result<std::shared_ptr<const ValueEncoder>> {
                auto e = ValueEncoder::fromFile(path, message);
                if (!e) return e.error();
                return std::make_shared<const ValueEncoder>(std::move(e.value()));
            },
            [this](Result<std::shared_ptr<const ValueEncoder>> e) { encoderLoaded(false, std::move(e)); });
        return;
    }
    jobs->start<std::shared_ptr<const ValueEncoder>>(
        [config = *registry, subject, version,
         message](const CancelToken&) -> Result<std::shared_ptr<const ValueEncoder>> {
            auto e = ValueEncoder::fromRegistry(config, subject, version, message);
            if (!e) return e.error();
            return std::make_shared<const ValueEncoder>(std::move(e.value()));
        },
        [this, key](Result<std::shared_ptr<const ValueEncoder>> e) { encoderLoaded(key, std::move(e)); });
}

void ProduceDialog::encoderLoaded(bool key, Result<std::shared_ptr<const ValueEncoder>> e)
{
    auto& target = key ? m_keyEncoder : m_valueEncoder;
    auto& why = key ? m_keyEncoderError : m_valueEncoderError;
    if (e) {
        target = e.value();
        why.clear();
    } else {
        target.reset();
        why = e.error().message;
    }
    checkFields();
    emit schemaReady();
}

void ProduceDialog::setTopic(const QString& topic)
{
    m_topic->setCurrentText(topic);
}

void ProduceDialog::setResend(ResendRead read)
{
    m_items = std::move(read.items);
    m_edits.clear();
    m_records->clear();
    for (const ResendItem& item : m_items) {
        Edit e;
        e.key = editable(item.key);
        e.value = editable(item.shownValue);
        e.headers = item.source.headers;
        m_edits.push_back(e);
        m_records->addItem(QStringLiteral("%1-%2@%3  %4  %5")
                               .arg(item.source.topic)
                               .arg(item.source.partition)
                               .arg(item.source.offset)
                               .arg(shortText(item.key), shortText(item.shownValue)));
    }
    m_resendBox->setVisible(!m_items.empty());
    m_chooseFile->setVisible(m_items.empty());
    // An edited value goes back in its own writer schema: the pickers do not apply.
    if (QWidget* box = findChild<QWidget*>(QStringLiteral("produceSchemas")))
        box->setVisible(m_items.empty());
    if (!m_items.empty()) {
        m_schemaNote->setText(tr("An edited value is encoded again with the schema it was written with; "
                                 "values not edited are sent as stored."));
        setWindowTitle(tr("Send %n record(s) again", nullptr, int(m_items.size())));
        const QString from = m_items.front().source.topic;
        m_topic->setCurrentText(from.startsWith(m_prefix) ? from : m_prefix + from);
    }
    m_shown = -1;
    if (!m_items.empty()) m_records->setCurrentRow(0);
    if (read.missing > 0)
        m_status->setText(
            tr("%n picked record(s) no longer held by the source.", nullptr, int(read.missing)));
    updatePlan();
}

void ProduceDialog::storeEdit()
{
    if (m_shown < 0 || m_shown >= int(m_edits.size())) return;
    Edit& e = m_edits[size_t(m_shown)];
    const QString key = m_key->text(), value = m_value->toPlainText();
    Headers headers = headersFromTable(nullptr);
    if (key != e.key || value != e.value || headers != e.headers) e.edited = true;
    e.key = key;
    e.value = value;
    e.headers = std::move(headers);
    QListWidgetItem* row = m_records->item(m_shown);
    if (row && e.edited && !row->text().startsWith(QStringLiteral("✎ ")))
        row->setText(QStringLiteral("✎ ") + row->text());
}

void ProduceDialog::showEdit(int row)
{
    m_shown = row;
    if (row < 0 || row >= int(m_edits.size())) return;
    m_loadingEdit = true;
    const Edit& e = m_edits[size_t(row)];
    m_key->setText(e.key);
    m_value->setPlainText(e.value);
    setHeadersTable(e.headers);
    m_loadingEdit = false;
    const ResendItem& item = m_items[size_t(row)];
    m_schemaNote->setText(
        item.valueSchemaId >= 0
            ? tr("This value is %1: an edit is encoded again with it.").arg(item.valueSchema)
            : tr("This value is sent as typed."));
    checkFields();
}

void ProduceDialog::setFile(const QString& path)
{
    m_filePath = path;
    m_editor->setVisible(path.isEmpty());
    m_clearFile->setVisible(!path.isEmpty());
    m_file->setText(path.isEmpty() ? QString() : QDir::toNativeSeparators(path));
    updatePlan();
}

Headers ProduceDialog::headersFromTable(QString* error) const
{
    Headers out;
    for (int r = 0; r < m_headers->rowCount(); ++r) {
        const QString name = m_headers->item(r, 0) ? m_headers->item(r, 0)->text() : QString();
        const QString value = m_headers->item(r, 1) ? m_headers->item(r, 1)->text() : QString();
        if (name.trimmed().isEmpty()) {
            if (!value.isEmpty() && error && error->isEmpty())
                *error = tr("Row %1: a header needs a name.").arg(r + 1);
            continue;
        }
        out.push_back({name.toUtf8(), value.toUtf8()});
    }
    return out;
}

void ProduceDialog::setHeadersTable(const Headers& headers)
{
    const QSignalBlocker block(m_headers);
    m_headers->setRowCount(0);
    for (const Header& h : headers) {
        const int row = m_headers->rowCount();
        m_headers->insertRow(row);
        m_headers->setItem(row, 0, new QTableWidgetItem(QString::fromUtf8(h.key)));
        m_headers->setItem(row, 1, new QTableWidgetItem(h.value ? QString::fromUtf8(*h.value) : QString()));
    }
    m_headers->resizeColumnToContents(0);
    m_headers->setColumnWidth(0, std::clamp(m_headers->columnWidth(0), 160, 320));
}

void ProduceDialog::setFieldError(QLabel* label, QWidget* field, const QString& text)
{
    label->setText(text);
    label->setVisible(!text.isEmpty());
    field->setStyleSheet(text.isEmpty() ? QString() : QStringLiteral("border: 1px solid #d03030;"));
}

// Each field checked as it is typed, the error beside it: the time, the header names, and the
// key and value against their schema (the encoder loaded once, encoding here is cheap).
void ProduceDialog::checkFields()
{
    if (m_loadingEdit) return;
    QString timeError;
    if (!m_timestamp->text().trimmed().isEmpty()) {
        auto t = parseTimePoint(m_timestamp->text().trimmed(), QDateTime::currentMSecsSinceEpoch());
        if (!t) timeError = t.error().message;
    }
    setFieldError(m_timestampError, m_timestamp, timeError);
    QString headerError;
    (void)headersFromTable(&headerError);
    setFieldError(m_headersError, m_headers, headerError);

    const bool resend = !m_items.empty();
    for (bool key : {false, true}) {
        QLabel* label = key ? m_keyError : m_valueError;
        QWidget* field = key ? static_cast<QWidget*>(m_key) : m_value;
        const QString text = key ? m_key->text() : m_value->toPlainText();
        const auto& encoder = key ? m_keyEncoder : m_valueEncoder;
        const QString& problem = key ? m_keyEncoderError : m_valueEncoderError;
        QString error;
        if (resend) {
            const ResendItem* item =
                m_shown >= 0 && m_shown < int(m_items.size()) ? &m_items[size_t(m_shown)] : nullptr;
            if (!key && item && item->valueSchemaId >= 0 && text != editable(item->shownValue) &&
                !json::isValidJson(text.toUtf8()))
                error =
                    tr("Not JSON: the value is encoded again with its schema (%1).").arg(item->valueSchema);
        } else if (!problem.isEmpty()) {
            error = problem;
        } else if (encoder && !(key && text.isEmpty())) {
            auto encoded = encodeSide(*encoder, text.toUtf8(), key);
            if (!encoded) error = encoded.error().message;
        }
        setFieldError(label, field, error);
    }
    if (!resend) {
        QStringList fits;
        if (m_valueEncoder && !m_valueEncoder->framed())
            fits << tr("value: %1 file %2, the payload alone (not framed)")
                        .arg(schemaFormatName(m_valueEncoder->schema().ref.format),
                             m_valueEncoder->schema().ref.subject);
        else if (m_valueEncoder)
            fits << tr("value: %1 %2 version %3, id %4")
                        .arg(schemaFormatName(m_valueEncoder->schema().ref.format))
                        .arg(m_valueEncoder->schema().ref.subject)
                        .arg(m_valueEncoder->schema().ref.version)
                        .arg(m_valueEncoder->schema().ref.id);
        if (m_keyEncoder)
            fits << tr("key: %1 %2 version %3, id %4")
                        .arg(schemaFormatName(m_keyEncoder->schema().ref.format))
                        .arg(m_keyEncoder->schema().ref.subject)
                        .arg(m_keyEncoder->schema().ref.version)
                        .arg(m_keyEncoder->schema().ref.id);
        const QString none = m_profile.registry()
                                 ? tr("No schema: the key and value are sent as typed.")
                                 : tr("This profile has no Schema Registry: values are sent as typed, or "
                                      "encoded with a schema file (File…).");
        m_schemaNote->setText(fits.isEmpty() ? none
                                             : tr("Encoded with %1.").arg(fits.join(QStringLiteral("; "))));
    }
    updatePlan();
}

QStringList ProduceDialog::destinationTopics() const
{
    if (!m_items.empty() && m_fromHeader->isChecked()) {
        QStringList topics;
        const QByteArray name = m_headerName->text().toUtf8();
        for (size_t i = 0; i < m_items.size(); ++i) {
            const Headers& hs = i < m_edits.size() ? m_edits[i].headers : m_items[i].source.headers;
            std::optional<QByteArray> named;
            for (const Header& h : hs)
                if (h.key == name) named = h.value;
            const QString t = named ? QString::fromUtf8(*named) : QString();
            if (!topics.contains(t)) topics << t;
        }
        return topics;
    }
    return {m_topic->currentText().trimmed()};
}

void ProduceDialog::updatePlan()
{
    if (m_loadingEdit) return;
    const QStringList topics = destinationTopics();
    QStringList outside;
    for (const QString& t : topics)
        if (!t.startsWith(m_prefix)) outside << (t.isEmpty() ? tr("(no such header)") : t);
    m_unlock->setVisible(!outside.isEmpty());
    m_unlock->setText(tr("Unlock %1").arg(outside.join(QStringLiteral(", "))));
    QString refusal;
    if (m_profile.readOnly)
        refusal = tr("Refused: the profile '%1' is read-only; nothing can be written.").arg(m_profile.name);
    else if (topics.contains(QString()))
        refusal = m_fromHeader->isChecked()
                      ? tr("Refused: a record has no header %1 to name its topic.").arg(m_headerName->text())
                      : tr("Give a topic.");
    else if (!outside.isEmpty() && !m_unlock->isChecked())
        refusal = tr("Refused: %1 is not a sandbox topic (prefix '%2'). Tick Unlock to write to it.")
                      .arg(outside.join(QStringLiteral(", ")), m_prefix);
    QString what;
    const QString where = m_fromHeader->isChecked() && !m_items.empty()
                              ? tr("each to the topic its header %1 names (%2)")
                                    .arg(m_headerName->text(), topics.join(QStringLiteral(", ")))
                              : topics.value(0);
    const QString partition = m_partition->value() < 0 ? tr("partition by key (murmur2, as Kafka's producer)")
                                                       : tr("partition %1").arg(m_partition->value());
    if (!m_items.empty()) {
        int edited = 0;
        for (size_t i = 0; i < m_edits.size(); ++i)
            edited += m_edits[i].edited ||
                      (int(i) == m_shown &&
                       (m_key->text() != m_edits[i].key || m_value->toPlainText() != m_edits[i].value));
        what = tr("%n record(s)", nullptr, int(m_items.size())) +
               tr(" (%1 edited) → %2, %3; original headers %4%5.")
                   .arg(edited)
                   .arg(where, partition, m_keepHeaders->isChecked() ? tr("kept") : tr("stripped"),
                        m_provenance->isChecked() ? tr(", provenance headers added") : QString());
    } else if (!m_filePath.isEmpty()) {
        what = tr("Every line of %1 → %2, %3, each encoded before anything is sent.")
                   .arg(QFileInfo(m_filePath).fileName(), where, partition);
    } else {
        what = tr("1 record → %1, %2.").arg(where, partition);
    }
    m_plan->setText(refusal.isEmpty() ? what : what + QLatin1Char('\n') + refusal);
    const bool fieldsOk =
        m_timestampError->text().isEmpty() && m_headersError->text().isEmpty() &&
        (m_filePath.isEmpty() ? m_valueError->text().isEmpty() && m_keyError->text().isEmpty()
                              : m_valueEncoderError.isEmpty() && m_keyEncoderError.isEmpty());
    m_send->setEnabled(!m_busy && refusal.isEmpty() && fieldsOk);
    m_send->setToolTip(refusal);
}

QString ProduceDialog::planText() const
{
    return m_plan->text();
}
QString ProduceDialog::statusText() const
{
    return m_status->text();
}
QString ProduceDialog::valueError() const
{
    return m_valueError->text();
}
QString ProduceDialog::keyError() const
{
    return m_keyError->text();
}

void ProduceDialog::setBusy(bool busy)
{
    m_busy = busy;
    m_stop->setEnabled(busy);
    m_progress->setVisible(busy || m_progress->value() > 0);
    updatePlan();
}

void ProduceDialog::stop()
{
    if (m_busy) m_sendJobs->stop(); // the job sees it between batches and reports what it sent
}

void ProduceDialog::send()
{
    storeEdit();
    checkFields();
    if (!m_send->isEnabled() || m_busy) {
        m_status->setText(m_send->toolTip().isEmpty() ? tr("Fix the fields marked in red first.")
                                                      : m_send->toolTip());
        return;
    }
    TimestampMs timestamp = 0;
    if (!m_timestamp->text().trimmed().isEmpty()) {
        auto t = parseTimePoint(m_timestamp->text().trimmed(), QDateTime::currentMSecsSinceEpoch());
        if (t) timestamp = t.value();
    }
    const int partition = m_partition->value();
    const QString topic = m_topic->currentText().trimmed();
    const QStringList unlocked = m_unlock->isChecked() ? destinationTopics() : QStringList();
    ProduceEncoders encoders;
    encoders.value = m_valueEncoder;
    encoders.key = m_keyEncoder;
    std::vector<ProduceDraft> drafts;
    const auto registry = m_profile.registry();
    std::vector<std::pair<size_t, qint32>> reencode; // edited schema-encoded values: draft, schema id
    if (!m_items.empty()) {
        encoders = {};
        const QByteArray headerName = m_headerName->text().toUtf8();
        for (size_t i = 0; i < m_items.size(); ++i) {
            const ResendItem& item = m_items[i];
            const Edit& e = m_edits[i];
            ProduceDraft d;
            d.label = tr("record %1 (%2-%3@%4)")
                          .arg(i + 1)
                          .arg(item.source.topic)
                          .arg(item.source.partition)
                          .arg(item.source.offset);
            d.partition = partition;
            d.timestamp = timestamp;
            const bool valueEdited = e.value != editable(item.shownValue);
            d.key = e.key == editable(item.key)
                        ? item.key
                        : (e.key.isEmpty() ? std::nullopt : std::optional<QByteArray>(e.key.toUtf8()));
            if (!valueEdited)
                d.value = item.storedValue;
            else {
                d.value = e.value.toUtf8();
                if (item.valueSchemaId >= 0) reencode.push_back({i, item.valueSchemaId});
            }
            if (m_keepHeaders->isChecked()) d.headers = e.headers;
            if (m_provenance->isChecked()) addProvenance(d.headers, item.source);
            d.topic = topic;
            if (m_fromHeader->isChecked()) {
                d.topic.clear();
                for (const Header& h : e.headers)
                    if (h.key == headerName && h.value) d.topic = QString::fromUtf8(*h.value);
            }
            drafts.push_back(std::move(d));
        }
    } else if (m_filePath.isEmpty()) {
        ProduceDraft d;
        d.label = tr("the record");
        d.topic = topic;
        d.partition = partition;
        d.timestamp = timestamp;
        if (!m_key->text().isEmpty()) d.key = m_key->text().toUtf8();
        d.value = m_value->toPlainText().toUtf8();
        d.headers = headersFromTable(nullptr);
        drafts.push_back(std::move(d));
    }
    const QString file = m_items.empty() ? m_filePath : QString();
    m_positions.clear();
    m_progress->setRange(0, 0);
    m_progress->setValue(0);
    m_status->setText(tr("Sending…"));
    setBusy(true);
    m_sendJobs->startStreaming<ProduceOutcome>(
        [profile = m_profile, prefix = m_prefix, unlocked, drafts = std::move(drafts), encoders, file, topic,
         partition, timestamp, reencode, registry, progressBar = QPointer<QProgressBar>(m_progress)](
            const CancelToken& token, const JobRunner::Post& post) mutable -> Result<ProduceOutcome> {
            if (profile.readOnly)
                return makeError(
                    ErrorCode::Refused,
                    QStringLiteral("the profile '%1' is read-only: nothing is written").arg(profile.name));
            if (!file.isEmpty()) { // the file read here: every line a draft, encoded before any is sent
                QFile in(file);
                if (!in.open(QIODevice::ReadOnly))
                    return makeError(ErrorCode::NotFound,
                                     QStringLiteral("cannot read %1: %2").arg(file, in.errorString()));
                // Every line is encoded before anything is sent, so the file is held whole.
                if (in.size() > kMaxFileBytes)
                    return makeError(ErrorCode::InvalidArgument,
                                     QStringLiteral("%1 is larger than %2 MB: rewind-cli produce streams "
                                                    "files of any size")
                                         .arg(file)
                                         .arg(kMaxFileBytes >> 20));
                qint64 lineNo = 0;
                while (!in.atEnd()) {
                    if (token.cancelled()) return makeError(ErrorCode::Cancelled, QStringLiteral("stopped"));
                    // readLine(max) would make a buffer of `max` for every line: read as it comes.
                    QByteArray line = in.readLine();
                    ++lineNo;
                    if (line.size() > (64 << 20))
                        return makeError(ErrorCode::InvalidArgument,
                                         QStringLiteral("line %1 is longer than 64 MB").arg(lineNo));
                    if (line.trimmed().isEmpty()) continue;
                    auto e = parseEnvelopeLine(line, topic);
                    if (!e)
                        return makeError(ErrorCode::Parse,
                                         QStringLiteral("line %1: %2").arg(lineNo).arg(e.error().message));
                    ProduceDraft d;
                    d.label = QStringLiteral("line %1").arg(lineNo);
                    d.topic = topic;
                    d.partition = partition >= 0 ? partition : (e->hasPartition ? e->record.partition : -1);
                    d.timestamp = e->hasTimestamp ? e->record.timestamp : timestamp;
                    d.key = e->record.key;
                    d.value = e->record.value;
                    d.headers = e->record.headers;
                    drafts.push_back(std::move(d));
                }
            }
            for (const ProduceDraft& d : drafts)
                if (auto r = refuseOutsideSandbox(d.topic, prefix, unlocked); !r) {
                    Error e = r.error();
                    e.message = d.label + QStringLiteral(": ") + e.message;
                    return e;
                }
            // Edited values of schema-encoded records: their writer schema, from the registry.
            std::map<qint32, std::shared_ptr<const ValueEncoder>> bySchema;
            for (const auto& [index, id] : reencode) {
                if (!bySchema.count(id)) {
                    if (!registry)
                        return makeError(
                            ErrorCode::Refused,
                            QStringLiteral("%1: its value is schema-encoded (id %2) and this profile "
                                           "has no registry to encode the edit with")
                                .arg(drafts[index].label)
                                .arg(id));
                    auto schema = SchemaRegistryClient(*registry).fetch(id);
                    if (!schema) return schema.error();
                    auto enc = ValueEncoder::fromSchema(schema.value());
                    if (!enc) return enc.error();
                    bySchema[id] = std::make_shared<const ValueEncoder>(std::move(enc.value()));
                }
                drafts[index].valueEncoder = bySchema[id];
            }
            auto records = encodeDrafts(drafts, encoders);
            if (!records) return records.error();
            if (records->empty())
                return makeError(ErrorCode::InvalidArgument, QStringLiteral("nothing to send"));
            auto client = KafkaClient::connect(profile, KafkaClient::kDefaultTimeoutMs, token.flag());
            if (!client) return client.error();
            return produceInBatches(
                *client.value(), records.value(), token.flag(),
                [&](qint64 done, qint64 total) {
                    post([progressBar, done, total] {
                        if (!progressBar) return;
                        progressBar->setRange(0, int(std::min<qint64>(total, 1 << 30)));
                        progressBar->setValue(int(std::min<qint64>(done, 1 << 30)));
                    });
                },
                file.isEmpty() ? 500 : 5000);
        },
        [this, topic](Result<ProduceOutcome> r) {
            setBusy(false);
            if (!r) {
                const QString message = r.error().message;
                // A record that does not fit its schema: said at the field too.
                if (message.contains(QStringLiteral(": the value does not fit")))
                    setFieldError(m_valueError, m_value, message);
                else if (message.contains(QStringLiteral(": the key does not fit")))
                    setFieldError(m_keyError, m_key, message);
                m_status->setText(tr("Not sent: %1").arg(message));
                updatePlan();
                return;
            }
            m_positions = r->positions;
            QString where;
            if (m_positions.size() == 1)
                where = tr(" (partition %1, offset %2)").arg(m_positions[0].first).arg(m_positions[0].second);
            m_status->setText(r->cancelled
                                  ? tr("Stopped: %n record(s) delivered before Stop; the rest not sent.",
                                       nullptr, int(r->delivered))
                                  : tr("Delivered %n record(s)", nullptr, int(r->delivered)) + where +
                                        QLatin1Char('.'));
            emit produced(topic, r->delivered);
        });
}

} // namespace rw
