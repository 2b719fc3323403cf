#include "topic_admin_dialog.h"

#include "dialog_title.h"
#include "kafka_client.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QStackedWidget>
#include <QTableWidget>
#include <QVBoxLayout>

namespace rw {

namespace {

struct TopicFacts {
    int partitions = 0;
    qint64 records = 0;
    std::vector<TopicSetting> own;
};

enum SettingsColumn { NameCol, CurrentCol, NewCol, DefaultCol };

// A setting's value now (the cell shows "… (default)" where the topic has none of its own).
QString currentValue(const QTableWidgetItem* item)
{
    if (!item) return {};
    const QVariant raw = item->data(Qt::UserRole);
    return raw.isValid() ? raw.toString() : item->text();
}

} // namespace

TopicAdminDialog::TopicAdminDialog(const KafkaProfile& profile, const QStringList& topics, Action initial,
                                   const QString& topic, QWidget* parent)
    : QDialog(parent), m_profile(profile), m_jobs(new JobRunner(this)), m_loads(new JobRunner(this)),
      m_action(new QComboBox), m_pages(new QStackedWidget), m_topic(new QComboBox), m_name(new QLineEdit),
      m_partitions(new QSpinBox), m_replication(new QSpinBox), m_like(new QComboBox),
      m_settingsText(new QPlainTextEdit), m_settings(new QTableWidget(0, 4)), m_total(new QSpinBox),
      m_current(new QLabel), m_confirm(new QLineEdit), m_unlock(new QCheckBox), m_plan(new QLabel),
      m_status(new QLabel), m_apply(new QPushButton(tr("&Apply")))
{
    setObjectName(QStringLiteral("topicAdminDialog"));
    setWindowTitle(tr("Topics of %1").arg(profile.name.isEmpty() ? profile.bootstrap : profile.name));
    fitTitle(this);
    m_action->setObjectName(QStringLiteral("topicAction"));
    m_action->addItem(tr("Create a topic"), int(Action::Create));
    m_action->addItem(tr("Edit its settings"), int(Action::Settings));
    m_action->addItem(tr("Add partitions"), int(Action::AddPartitions));
    m_action->addItem(tr("Delete it"), int(Action::Delete));
    m_topic->setObjectName(QStringLiteral("topicName"));
    m_topic->addItems(topics);
    if (!topic.isEmpty()) m_topic->setCurrentText(topic);
    m_name->setObjectName(QStringLiteral("topicNewName"));
    m_name->setText(m_prefix);
    m_partitions->setObjectName(QStringLiteral("topicPartitions"));
    m_partitions->setRange(1, 100000);
    m_partitions->setValue(1);
    m_replication->setObjectName(QStringLiteral("topicReplication"));
    m_replication->setRange(-1, 32);
    m_replication->setValue(-1);
    m_replication->setSpecialValueText(tr("the cluster's default"));
    m_like->setObjectName(QStringLiteral("topicLike"));
    m_like->addItem(QString());
    m_like->addItems(topics);
    m_settingsText->setObjectName(QStringLiteral("topicNewSettings"));
    m_settingsText->setPlaceholderText(tr("One per line: cleanup.policy=compact, retention.ms=86400000"));
    m_settingsText->setMaximumHeight(100);
    m_settings->setObjectName(QStringLiteral("topicSettings"));
    m_settings->setHorizontalHeaderLabels({tr("Setting"), tr("Now"), tr("New value"), tr("Back to default")});
    m_settings->horizontalHeader()->setSectionResizeMode(NameCol, QHeaderView::ResizeToContents);
    m_settings->horizontalHeader()->setSectionResizeMode(CurrentCol, QHeaderView::ResizeToContents);
    m_settings->horizontalHeader()->setStretchLastSection(true);
    m_settings->verticalHeader()->setVisible(false);
    m_total->setObjectName(QStringLiteral("topicTotalPartitions"));
    m_total->setRange(1, 100000);
    m_current->setTextFormat(Qt::PlainText);
    m_confirm->setObjectName(QStringLiteral("topicConfirm"));
    m_unlock->setObjectName(QStringLiteral("topicUnlock"));
    m_plan->setObjectName(QStringLiteral("topicPlan"));
    m_status->setObjectName(QStringLiteral("topicStatus"));
    for (QLabel* l : {m_plan, m_status}) {
        l->setTextFormat(Qt::PlainText);
        l->setWordWrap(true);
    }
    m_apply->setObjectName(QStringLiteral("topicApply"));

    auto* create = new QWidget;
    auto* createForm = new QFormLayout(create);
    createForm->addRow(tr("Name"), m_name);
    createForm->addRow(tr("Like (partitions and settings of)"), m_like);
    createForm->addRow(tr("Partitions"), m_partitions);
    createForm->addRow(tr("Replication factor"), m_replication);
    createForm->addRow(tr("Settings"), m_settingsText);
    auto* settings = new QWidget;
    auto* settingsBox = new QVBoxLayout(settings);
    settingsBox->addWidget(m_settings);
    auto* addSetting = new QPushButton(tr("Add a setting"));
    addSetting->setObjectName(QStringLiteral("topicAddSetting"));
    settingsBox->addWidget(addSetting, 0, Qt::AlignLeft);
    auto* grow = new QWidget;
    auto* growForm = new QFormLayout(grow);
    growForm->addRow(tr("Now"), m_current);
    growForm->addRow(tr("Partitions in all"), m_total);
    auto* remove = new QWidget;
    auto* removeForm = new QFormLayout(remove);
    removeForm->addRow(tr("Type the topic's name to confirm"), m_confirm);
    m_pages->addWidget(create);
    m_pages->addWidget(settings);
    m_pages->addWidget(grow);
    m_pages->addWidget(remove);

    auto* top = new QFormLayout;
    top->addRow(tr("Action"), m_action);
    top->addRow(tr("Topic"), m_topic);
    m_topRows = top;
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close);
    buttons->addButton(m_apply, QDialogButtonBox::ActionRole);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(m_pages, 1);
    layout->addWidget(m_unlock);
    layout->addWidget(m_plan);
    layout->addWidget(m_status);
    layout->addWidget(buttons);
    resize(640, 520);

    connect(m_action, &QComboBox::currentIndexChanged, this, [this] {
        m_pages->setCurrentIndex(m_action->currentIndex());
        m_topRows->setRowVisible(m_topic, action() != Action::Create);
        m_unlock->setChecked(false);
        if (action() != Action::Create) loadTopic();
        updatePlan();
    });
    connect(m_topic, &QComboBox::currentTextChanged, this, [this] {
        m_unlock->setChecked(false);
        m_confirm->clear();
        loadTopic();
    });
    connect(m_name, &QLineEdit::textChanged, this, [this] {
        m_unlock->setChecked(false);
        updatePlan();
    });
    connect(m_like, &QComboBox::currentTextChanged, this, [this](const QString& like) { setLike(like); });
    for (QSpinBox* s : {m_partitions, m_replication, m_total})
        connect(s, &QSpinBox::valueChanged, this, &TopicAdminDialog::updatePlan);
    connect(m_settingsText, &QPlainTextEdit::textChanged, this, &TopicAdminDialog::updatePlan);
    connect(m_settings, &QTableWidget::itemChanged, this, [this] {
        if (!m_filling) updatePlan();
    });
    connect(addSetting, &QPushButton::clicked, this, [this] {
        const QSignalBlocker block(m_settings);
        const int row = m_settings->rowCount();
        m_settings->insertRow(row);
        m_settings->setItem(row, NameCol, new QTableWidgetItem);
        auto* now = new QTableWidgetItem(tr("(default)"));
        now->setFlags(now->flags() & ~Qt::ItemIsEditable);
        m_settings->setItem(row, CurrentCol, now);
        m_settings->setItem(row, NewCol, new QTableWidgetItem);
        m_settings->editItem(m_settings->item(row, NameCol));
    });
    connect(m_confirm, &QLineEdit::textChanged, this, &TopicAdminDialog::updatePlan);
    connect(m_unlock, &QCheckBox::toggled, this, &TopicAdminDialog::updatePlan);
    connect(m_apply, &QPushButton::clicked, this, &TopicAdminDialog::apply);
    setAction(initial);
    m_pages->setCurrentIndex(m_action->currentIndex());
    m_topRows->setRowVisible(m_topic, initial != Action::Create);
    if (initial != Action::Create) loadTopic();
    updatePlan();
}

void TopicAdminDialog::setAction(Action a)
{
    m_action->setCurrentIndex(m_action->findData(int(a)));
}

TopicAdminDialog::Action TopicAdminDialog::action() const
{
    return static_cast<Action>(m_action->currentData().toInt());
}

QString TopicAdminDialog::topic() const
{
    return action() == Action::Create ? m_name->text().trimmed() : m_topic->currentText().trimmed();
}

void TopicAdminDialog::setNewTopic(const QString& name, int partitions, int replicationFactor)
{
    m_name->setText(name);
    m_partitions->setValue(partitions);
    m_replication->setValue(replicationFactor);
}

void TopicAdminDialog::setNewSettings(const QString& keyValues)
{
    m_settingsText->setPlainText(keyValues);
}

void TopicAdminDialog::setSetting(const QString& name, const QString& value)
{
    int row = -1;
    for (int r = 0; r < m_settings->rowCount(); ++r)
        if (m_settings->item(r, NameCol) && m_settings->item(r, NameCol)->text() == name) row = r;
    if (row < 0) {
        row = m_settings->rowCount();
        m_settings->insertRow(row);
        m_settings->setItem(row, NameCol, new QTableWidgetItem(name));
        m_settings->setItem(row, CurrentCol, new QTableWidgetItem(tr("(default)")));
        m_settings->setItem(row, NewCol, new QTableWidgetItem);
    }
    if (value.isEmpty() && m_settings->item(row, DefaultCol))
        m_settings->item(row, DefaultCol)->setCheckState(Qt::Checked);
    else
        m_settings->item(row, NewCol)->setText(value);
    updatePlan();
}

void TopicAdminDialog::setTotalPartitions(int total)
{
    m_total->setValue(total);
}

void TopicAdminDialog::setConfirmation(const QString& typed)
{
    m_confirm->setText(typed);
}

void TopicAdminDialog::setUnlocked(bool unlocked)
{
    m_unlock->setChecked(unlocked);
}

void TopicAdminDialog::setLike(const QString& like)
{
    if (!like.isEmpty() && m_like->findText(like) < 0) m_like->addItem(like);
    if (m_like->currentText() != like) {
        m_like->setCurrentText(like); // comes back here through the signal
        return;
    }
    if (like.isEmpty()) return;
    m_status->setText(tr("Reading %1's partitions and settings…").arg(like));
    m_loads->start<TopicFacts>(
        [profile = m_profile, like](const CancelToken& token) -> Result<TopicFacts> {
            auto client = KafkaClient::connect(profile, KafkaClient::kDefaultTimeoutMs, token.flag());
            if (!client) return client.error();
            auto info = client.value()->topic(like, false);
            if (!info) return info.error();
            auto configs = client.value()->topicConfigs({like}, {});
            if (!configs) return configs.error();
            TopicFacts f;
            f.partitions = int(info->partitions.size());
            if (!configs->empty()) {
                if (!configs->front().problem.isEmpty())
                    return makeError(configs->front().problemCode, configs->front().problem);
                f.own = configs->front().values;
            }
            return f;
        },
        [this](Result<TopicFacts> f) {
            if (!f) {
                m_status->setText(tr("Could not read it: %1").arg(f.error().message));
                emit failed(f.error().message);
                return;
            }
            m_status->clear();
            m_partitions->setValue(std::max(1, f->partitions));
            QStringList lines;
            for (const TopicSetting& s : f->own)
                if (s.setOnTopic) lines << s.name + QLatin1Char('=') + s.value;
            m_settingsText->setPlainText(lines.join(QLatin1Char('\n')));
            emit loaded();
        });
}

void TopicAdminDialog::loadTopic()
{
    const QString name = m_topic->currentText().trimmed();
    m_own.clear();
    m_partitionCount = 0;
    m_records = -1;
    {
        const QSignalBlocker block(m_settings);
        m_settings->setRowCount(0);
    }
    if (name.isEmpty() || action() == Action::Create) {
        updatePlan();
        return;
    }
    m_status->setText(tr("Reading %1…").arg(name));
    updatePlan();
    m_loads->start<TopicFacts>(
        [profile = m_profile, name](const CancelToken& token) -> Result<TopicFacts> {
            auto client = KafkaClient::connect(profile, KafkaClient::kDefaultTimeoutMs, token.flag());
            if (!client) return client.error();
            auto info = client.value()->topic(name, true);
            if (!info) return info.error();
            TopicFacts f;
            f.partitions = int(info->partitions.size());
            for (const KafkaPartitionInfo& p : info->partitions)
                f.records += p.countEstimate();
            // Its own settings, then the ones that decide what the log keeps, at their defaults.
            auto configs = client.value()->topicConfigs({name}, {});
            if (configs && !configs->empty() && configs->front().problem.isEmpty())
                f.own = configs->front().values;
            auto key = client.value()->topicConfigs({name});
            if (key && !key->empty() && key->front().problem.isEmpty())
                for (const TopicSetting& k : key->front().values)
                    if (std::none_of(f.own.begin(), f.own.end(),
                                     [&](const TopicSetting& o) { return o.name == k.name; }))
                        f.own.push_back(k);
            return f;
        },
        [this](Result<TopicFacts> f) {
            if (!f) {
                m_status->setText(tr("Could not read it: %1").arg(f.error().message));
                emit failed(f.error().message);
                updatePlan();
                return;
            }
            m_status->clear();
            m_partitionCount = f->partitions;
            m_records = f->records;
            m_own = f->own;
            const QLocale loc;
            m_current->setText(tr("%n partition(s)", nullptr, m_partitionCount) +
                               tr(", about %1 records").arg(loc.toString(m_records)));
            m_total->setMinimum(m_partitionCount + 1);
            m_total->setValue(m_partitionCount + 1);
            m_filling = true;
            m_settings->setRowCount(0);
            for (const TopicSetting& s : m_own) {
                const int row = m_settings->rowCount();
                m_settings->insertRow(row);
                auto* nameItem = new QTableWidgetItem(s.name);
                nameItem->setFlags(nameItem->flags() & ~Qt::ItemIsEditable);
                auto* now = new QTableWidgetItem(s.setOnTopic ? s.value : tr("%1 (default)").arg(s.value));
                now->setData(Qt::UserRole, s.value);
                now->setFlags(now->flags() & ~Qt::ItemIsEditable);
                auto* back = new QTableWidgetItem;
                back->setFlags(Qt::ItemIsUserCheckable | Qt::ItemIsEnabled);
                back->setCheckState(Qt::Unchecked);
                if (!s.setOnTopic) back->setFlags(Qt::NoItemFlags); // at its default already
                m_settings->setItem(row, NameCol, nameItem);
                m_settings->setItem(row, CurrentCol, now);
                m_settings->setItem(row, NewCol, new QTableWidgetItem);
                m_settings->setItem(row, DefaultCol, back);
            }
            m_filling = false;
            updatePlan();
            emit loaded();
        });
}

std::vector<TopicAdminDialog::SettingChange> TopicAdminDialog::settingChanges() const
{
    std::vector<SettingChange> out;
    const auto text = [this](int row, int column) {
        const QTableWidgetItem* item = m_settings->item(row, column);
        return item ? item->text().trimmed() : QString();
    };
    for (int r = 0; r < m_settings->rowCount(); ++r) {
        SettingChange c{text(r, NameCol), currentValue(m_settings->item(r, CurrentCol)), text(r, NewCol),
                        false};
        if (c.name.isEmpty()) continue;
        c.toDefault =
            m_settings->item(r, DefaultCol) && m_settings->item(r, DefaultCol)->checkState() == Qt::Checked;
        if (c.toDefault || (!c.next.isEmpty() && c.next != c.now)) out.push_back(std::move(c));
    }
    return out;
}

Result<std::map<QString, QString>> TopicAdminDialog::parsedSettings() const
{
    std::map<QString, QString> out;
    const QStringList lines = m_settingsText->toPlainText().split(QLatin1Char('\n'));
    for (int i = 0; i < lines.size(); ++i) {
        const QString line = lines[i].trimmed();
        if (line.isEmpty()) continue;
        const qsizetype eq = line.indexOf(QLatin1Char('='));
        if (eq <= 0)
            return makeError(ErrorCode::InvalidArgument,
                             tr("Settings, line %1: write name=value (cleanup.policy=compact).").arg(i + 1));
        out[line.left(eq).trimmed()] = line.mid(eq + 1).trimmed();
    }
    return out;
}

bool TopicAdminDialog::canApply() const
{
    return m_apply->isEnabled();
}

QString TopicAdminDialog::planText() const
{
    return m_plan->text();
}
QString TopicAdminDialog::statusText() const
{
    return m_status->text();
}

void TopicAdminDialog::setBusy(bool busy)
{
    m_busy = busy;
    updatePlan();
}

void TopicAdminDialog::updatePlan()
{
    const QString name = topic();
    const bool outside = !name.isEmpty() && !name.startsWith(m_prefix);
    m_unlock->setVisible(outside);
    m_unlock->setText(tr("Unlock %1: it is not a sandbox topic (prefix '%2')").arg(name, m_prefix));
    QString plan, refusal;
    const QLocale loc;
    switch (action()) {
    case Action::Create: {
        auto settings = parsedSettings();
        QStringList set;
        if (settings)
            for (const auto& [k, v] : settings.value())
                set << k + QLatin1Char('=') + v;
        plan = tr("Create %1: %n partition(s), replication factor %2", nullptr, m_partitions->value())
                   .arg(name, m_replication->value() < 0 ? tr("the cluster's default")
                                                         : QString::number(m_replication->value())) +
               (set.isEmpty() ? tr("; the cluster's default settings.")
                              : tr("; settings: %1.").arg(set.join(QStringLiteral(", "))));
        if (!settings) refusal = settings.error().message;
        if (name.isEmpty() || name == m_prefix) refusal = tr("Give the new topic a name.");
        break;
    }
    case Action::Settings: {
        QStringList changes;
        for (const SettingChange& c : settingChanges())
            changes << (c.toDefault ? tr("%1: %2 → the cluster's default").arg(c.name, c.now)
                                    : tr("%1: %2 → %3").arg(c.name, c.now, c.next));
        plan = changes.isEmpty() ? tr("No change yet: type a new value, or tick Back to default.")
                                 : tr("Change %1:\n%2").arg(name, changes.join(QLatin1Char('\n')));
        if (changes.isEmpty()) refusal = QStringLiteral(" ");
        break;
    }
    case Action::AddPartitions:
        plan = tr("Grow %1 from %2 to %3 partitions. Kafka cannot take partitions away. Keys map to other "
                  "partitions from now on (murmur2(key) mod %3 instead of mod %2): a key's new records may "
                  "land in another partition than its earlier ones, so their order across the change is "
                  "no longer kept.")
                   .arg(name)
                   .arg(m_partitionCount)
                   .arg(m_total->value());
        if (m_partitionCount == 0) refusal = QStringLiteral(" ");
        break;
    case Action::Delete:
        plan = tr("Delete %1 and its %n partition(s), about %2 records. This cannot be undone.", nullptr,
                  m_partitionCount)
                   .arg(name, loc.toString(std::max<qint64>(0, m_records)));
        if (m_confirm->text() != name) refusal = tr("Type %1 above to confirm.").arg(name);
        if (m_partitionCount == 0) refusal = QStringLiteral(" ");
        break;
    }
    if (m_profile.readOnly)
        refusal = tr("Refused: the profile '%1' is read-only; nothing can be changed.").arg(m_profile.name);
    else if (outside && !m_unlock->isChecked() && refusal.trimmed().isEmpty())
        refusal = tr("Refused: %1 is not a sandbox topic. Tick Unlock to change it.").arg(name);
    m_plan->setText(refusal.trimmed().isEmpty() ? plan : plan + QLatin1Char('\n') + refusal);
    m_apply->setEnabled(!m_busy && refusal.isEmpty());
}

void TopicAdminDialog::apply()
{
    updatePlan();
    if (!m_apply->isEnabled()) return;
    const Action a = action();
    const QString name = topic();
    const bool unlocked = m_unlock->isChecked();
    std::map<QString, QString> set;
    QStringList unset;
    if (a == Action::Create) {
        auto s = parsedSettings();
        if (!s) return;
        set = s.value();
    } else if (a == Action::Settings) {
        for (const SettingChange& c : settingChanges()) {
            if (c.toDefault)
                unset << c.name;
            else
                set[c.name] = c.next;
        }
    }
    const int partitions = m_partitions->value(), replication = m_replication->value(),
              total = m_total->value();
    m_status->setText(tr("Applying…"));
    setBusy(true);
    m_jobs->start<bool>(
        [profile = m_profile, prefix = m_prefix, a, name, unlocked, set, unset, partitions, replication,
         total](const CancelToken& token) -> Result<bool> {
            auto client = KafkaClient::connect(profile, KafkaClient::kDefaultTimeoutMs, token.flag());
            if (!client) return client.error();
            KafkaClient& c = *client.value();
            Result<void> r;
            switch (a) {
            case Action::Create:
                r = c.createTopic(name, partitions, replication, prefix, unlocked, set);
                break;
            case Action::Settings:
                r = c.alterTopicConfig(name, set, unset, prefix, unlocked);
                break;
            case Action::AddPartitions:
                r = c.addPartitions(name, total, prefix, unlocked);
                break;
            case Action::Delete:
                r = c.deleteTopic(name, prefix, unlocked);
                break;
            }
            if (!r) return r.error();
            return true;
        },
        [this, a, name](Result<bool> r) {
            setBusy(false);
            if (!r) {
                m_status->setText(tr("Refused, nothing changed: %1").arg(r.error().message));
                emit failed(r.error().message);
                return;
            }
            switch (a) {
            case Action::Create:
                m_status->setText(tr("Created %1.").arg(name));
                break;
            case Action::Settings:
                m_status->setText(tr("Changed the settings of %1.").arg(name));
                break;
            case Action::AddPartitions:
                m_status->setText(tr("Grew %1.").arg(name));
                break;
            case Action::Delete:
                m_status->setText(tr("Deleted %1.").arg(name));
                break;
            }
            if (a == Action::Create) { // the next action (settings, delete) is on the new topic
                if (m_topic->findText(name) < 0) {
                    m_topic->addItem(name);
                    m_like->addItem(name);
                }
                const QSignalBlocker block(m_topic);
                m_topic->setCurrentText(name);
            }
            if (a == Action::Settings || a == Action::AddPartitions) loadTopic();
            if (a == Action::Delete) { // gone: not offered again
                m_confirm->clear();
                m_like->removeItem(m_like->findText(name));
                m_topic->removeItem(m_topic->findText(name));
            }
            emit applied(name);
        });
}

} // namespace rw
