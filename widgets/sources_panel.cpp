#include "sources_panel.h"

#include "record_source.h"

#include <QDir>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHash>
#include <QHeaderView>
#include <QLabel>
#include <QMenu>
#include <QToolButton>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace rw {

namespace {
constexpr int kKeyRole = Qt::UserRole + 1;  // SourceSpec::key(): the path, or the cluster's key
constexpr int kNameRole = Qt::UserRole + 2; // a profile's or a case's name (the text may be elided)
} // namespace

SourcesPanel::SourcesPanel(QWidget* parent)
    : QWidget(parent), m_tree(new QTreeWidget), m_edit(new QToolButton), m_remove(new QToolButton)
{
    setObjectName(QStringLiteral("sourcesPanel"));
    m_tree->setObjectName(QStringLiteral("sourcesTree"));
    m_tree->setHeaderHidden(true);
    m_tree->setUniformRowHeights(true);
    m_tree->setToolTip(tr("Double-click to open a workspace or connect to a cluster"));
    m_workspaces = new QTreeWidgetItem(m_tree, {tr("Local workspaces")});
    m_kafka = new QTreeWidgetItem(m_tree, {tr("Kafka clusters")});
    m_cases = new QTreeWidgetItem(m_tree, {tr("Cases of this source")});
    m_cases->setToolTip(0, tr("Pinned records, time ranges, notes and views: double-click to open"));
    for (QTreeWidgetItem* i : {m_workspaces, m_kafka, m_cases}) {
        i->setFlags(Qt::ItemIsEnabled);
        QFont f = i->font(0);
        f.setBold(true);
        i->setFont(0, f);
    }
    auto* open = new QToolButton;
    open->setObjectName(QStringLiteral("openButton"));
    open->setText(tr("Open…"));
    open->setToolTip(tr("Open a workspace file (Ctrl+O); the arrow also opens a Kafka data directory"));
    open->setPopupMode(QToolButton::MenuButtonPopup);
    auto* openMenu = new QMenu(open);
    openMenu->addAction(tr("Open workspace…"), this, &SourcesPanel::openFileRequested);
    QAction* openDir =
        openMenu->addAction(tr("Open Kafka data directory…"), this, &SourcesPanel::openDataDirRequested);
    openDir->setObjectName(QStringLiteral("openDataDirAction"));
    openDir->setToolTip(
        tr("A copy of a broker's log.dirs (or one partition folder), read in place and never written"));
    open->setMenu(openMenu);
    auto* add = new QToolButton;
    add->setObjectName(QStringLiteral("addKafkaButton"));
    add->setText(tr("Add Kafka…"));
    add->setToolTip(tr("Add a Kafka connection profile"));
    m_edit->setText(tr("Edit…"));
    m_remove->setText(tr("Remove"));
    m_edit->setEnabled(false);
    m_remove->setEnabled(false);
    connect(open, &QToolButton::clicked, this, &SourcesPanel::openFileRequested);
    connect(add, &QToolButton::clicked, this, &SourcesPanel::addKafkaRequested);
    connect(m_edit, &QToolButton::clicked, this, [this] {
        if (!selectedProfile().isEmpty()) emit editKafkaRequested(selectedProfile());
    });
    connect(m_remove, &QToolButton::clicked, this, [this] {
        if (!selectedProfile().isEmpty()) emit removeKafkaRequested(selectedProfile());
    });
    connect(m_tree, &QTreeWidget::itemActivated, this, &SourcesPanel::activate);
    connect(m_tree, &QTreeWidget::currentItemChanged, this, [this] {
        const bool profile = !selectedProfile().isEmpty();
        m_edit->setEnabled(profile);
        m_remove->setEnabled(profile);
    });
    auto* buttons = new QHBoxLayout;
    buttons->setContentsMargins(0, 0, 0, 0);
    buttons->addWidget(open);
    buttons->addWidget(add);
    buttons->addWidget(m_edit);
    buttons->addWidget(m_remove);
    buttons->addStretch(1);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(new QLabel(tr("<b>Sources</b>")));
    layout->addWidget(m_tree, 1);
    layout->addLayout(buttons);
}

void SourcesPanel::setWorkspaces(const QStringList& paths)
{
    qDeleteAll(m_workspaces->takeChildren());
    // Files of the same name in different folders are told apart by their folder.
    QHash<QString, int> named;
    for (const QString& p : paths)
        ++named[QFileInfo(p).fileName()];
    for (const QString& p : paths) {
        const QFileInfo fi(p);
        QString text = fi.isDir() ? tr("%1 (Kafka data)").arg(fi.fileName()) : fi.fileName();
        if (named.value(fi.fileName()) > 1) {
            QString folder = QDir::toNativeSeparators(fi.absolutePath());
            const QString home = QDir::toNativeSeparators(QDir::homePath());
            if (folder.startsWith(home + QDir::separator()))
                folder = QStringLiteral("~") + folder.mid(home.size());
            text += QStringLiteral(" — ") + folder;
        }
        auto* item = new QTreeWidgetItem(m_workspaces, {text});
        item->setToolTip(0, fi.isDir()
                                ? tr("Kafka data directory, read-only: %1").arg(QDir::toNativeSeparators(p))
                                : QDir::toNativeSeparators(p));
        item->setData(0, kKeyRole, p);
    }
    m_workspaces->setExpanded(true);
}

void SourcesPanel::setProfiles(const QStringList& names)
{
    qDeleteAll(m_kafka->takeChildren());
    for (const QString& n : names) {
        auto* item = new QTreeWidgetItem(m_kafka, {n});
        item->setData(0, kKeyRole, SourceSpec::clusterKey(n));
        item->setData(0, kNameRole, n);
    }
    m_kafka->setExpanded(true);
}

void SourcesPanel::setCases(const QStringList& names, const QString& open)
{
    qDeleteAll(m_cases->takeChildren());
    for (const QString& n : names) {
        auto* item = new QTreeWidgetItem(m_cases, {n});
        item->setData(0, kNameRole, n);
        item->setToolTip(0, n);
        QFont f = item->font(0);
        f.setBold(n == open);
        item->setFont(0, f);
    }
    if (names.isEmpty()) {
        auto* hint = new QTreeWidgetItem(m_cases, {tr("none yet: Ctrl+B pins a record")});
        hint->setFlags(Qt::ItemIsEnabled);
        hint->setForeground(0, palette().color(QPalette::PlaceholderText));
        hint->setData(0, kKeyRole, QStringLiteral("hint"));
    }
    m_cases->setExpanded(true);
}

void SourcesPanel::setCurrent(const QString& key)
{
    m_current = key;
    for (QTreeWidgetItem* group : {m_workspaces, m_kafka})
        for (int i = 0; i < group->childCount(); ++i) {
            QTreeWidgetItem* item = group->child(i);
            QFont f = item->font(0);
            const bool shown = item->data(0, kKeyRole).toString() == key;
            f.setBold(shown);
            item->setFont(0, f);
            if (shown) m_tree->setCurrentItem(item); // selection is not activation: nothing opens
        }
}

QString SourcesPanel::selectedKey() const
{
    QTreeWidgetItem* item = m_tree->currentItem();
    return item && item->parent() ? item->data(0, kKeyRole).toString() : QString();
}

QString SourcesPanel::selectedProfile() const
{
    QTreeWidgetItem* item = m_tree->currentItem();
    if (!item || item->parent() != m_kafka) return QString();
    return item->data(0, kNameRole).toString();
}

void SourcesPanel::activate(QTreeWidgetItem* item)
{
    if (!item || !item->parent()) return;
    if (item->parent() == m_cases) {
        if (item->data(0, kKeyRole).toString() != QLatin1String("hint"))
            emit caseChosen(item->data(0, kNameRole).toString());
        return;
    }
    if (item->parent() == m_kafka)
        emit kafkaChosen(item->data(0, kNameRole).toString());
    else
        emit workspaceChosen(item->data(0, kKeyRole).toString());
}

} // namespace rw
