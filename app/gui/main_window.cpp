#include "main_window.h"

#include "banner.h"
#include "record_inspector.h"
#include "record_table_model.h"
#include "time_parse.h"
#include "topic_tree_model.h"
#include "topic_tree_view.h"
#include "workspace_overview.h"

#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QCloseEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMenuBar>
#include <QMessageBox>
#include <QSettings>
#include <QSplitter>
#include <QStatusBar>
#include <QTableView>
#include <QTreeWidget>
#include <QVBoxLayout>

#include <sqlite3.h>

namespace rw {

namespace {
constexpr int kMaxRecent = 8;
}

MainWindow::MainWindow(QWidget* parent)
    : QMainWindow(parent), m_loader(new WorkspaceLoader(this)), m_topicModel(new TopicTreeModel(this)),
      m_topicView(new TopicTreeView), m_groups(new QTreeWidget), m_recordModel(new RecordTableModel(this)),
      m_records(new QTableView), m_recordsTitle(new QLabel), m_inspector(new RecordInspector),
      m_seek(new QLineEdit), m_utc(new QCheckBox(tr("UTC"))), m_banner(new Banner), m_status(new QLabel)
{
    setObjectName(QStringLiteral("mainWindow"));
    setWindowTitle(QStringLiteral("Rewind"));
    resize(1400, 800);

    m_topicView->setModel(m_topicModel);
    m_groups->setObjectName(QStringLiteral("groupsList"));
    m_groups->setHeaderLabels(
        {tr("Consumer group"), tr("Topics"), tr("Total lag"), tr("Partitions without commit")});
    m_groups->setRootIsDecorated(false);
    m_groups->setUniformRowHeights(true);
    m_groups->setAlternatingRowColors(true);
    m_groups->header()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_groups->header()->setStretchLastSection(false);

    auto* topicsLabel = new QLabel(tr("<b>Topics</b>"));
    auto* groupsLabel = new QLabel(tr("<b>Consumer groups</b>"));
    auto* topPane = new QWidget;
    auto* topLayout = new QVBoxLayout(topPane);
    topLayout->setContentsMargins(0, 0, 0, 0);
    topLayout->addWidget(topicsLabel);
    topLayout->addWidget(m_topicView);
    auto* bottomPane = new QWidget;
    auto* bottomLayout = new QVBoxLayout(bottomPane);
    bottomLayout->setContentsMargins(0, 0, 0, 0);
    bottomLayout->addWidget(groupsLabel);
    bottomLayout->addWidget(m_groups);
    auto* split = new QSplitter(Qt::Vertical);
    split->setObjectName(QStringLiteral("mainSplitter"));
    split->addWidget(topPane);
    split->addWidget(bottomPane);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 1);

    // The message table: fixed row heights and no per-row header, so millions of rows cost nothing.
    m_records->setObjectName(QStringLiteral("recordTable"));
    m_records->setModel(m_recordModel);
    m_records->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_records->setSelectionMode(QAbstractItemView::SingleSelection);
    m_records->setWordWrap(false);
    m_records->setAlternatingRowColors(true);
    m_records->verticalHeader()->setVisible(false);
    m_records->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_records->verticalHeader()->setDefaultSectionSize(m_records->fontMetrics().height() + 6);
    m_records->horizontalHeader()->setStretchLastSection(false);
    m_records->horizontalHeader()->setSectionResizeMode(RecordTableModel::ValueCol, QHeaderView::Stretch);
    m_records->setColumnWidth(RecordTableModel::OffsetCol, 80);
    m_records->setColumnWidth(RecordTableModel::TimestampCol, 190);
    m_records->setColumnWidth(RecordTableModel::KeyCol, 110);
    m_records->setColumnWidth(RecordTableModel::HeadersCol, 220);
    m_records->setColumnWidth(RecordTableModel::SizeCol, 60);
    m_recordsTitle->setObjectName(QStringLiteral("recordsTitle"));
    m_recordsTitle->setTextFormat(Qt::PlainText);
    m_recordsTitle->setText(tr("Select a partition to see its records."));
    auto* right = new QWidget;
    auto* rightLayout = new QVBoxLayout(right);
    rightLayout->setContentsMargins(0, 0, 0, 0);
    // Seek bar: an offset, -N from the end, beginning/end, or a time (resolved on the worker).
    m_seek->setObjectName(QStringLiteral("seekBar"));
    m_seek->setPlaceholderText(
        tr("Go to: offset, -N from the end, beginning, end, or a time (2026-11-19T03:17Z, now-2h)  Ctrl+G"));
    m_seek->setClearButtonEnabled(true);
    m_utc->setObjectName(QStringLiteral("utcToggle"));
    m_utc->setChecked(true);
    m_utc->setToolTip(tr("Show timestamps in UTC (unchecked: local time)"));
    connect(m_seek, &QLineEdit::returnPressed, this, &MainWindow::seek);
    connect(m_utc, &QCheckBox::toggled, m_recordModel, &RecordTableModel::setUtc);
    connect(m_recordModel, &RecordTableModel::rowForTime, this, [this](int row) {
        if (row < 0)
            m_banner->showMessage(Banner::Kind::Info,
                                  tr("No record at or after that time in this partition."));
        else
            selectRow(row);
    });
    auto* seekRow = new QHBoxLayout;
    seekRow->addWidget(m_recordsTitle, 1);
    seekRow->addWidget(m_seek, 2);
    seekRow->addWidget(m_utc);
    rightLayout->addLayout(seekRow);
    auto* recordsSplit = new QSplitter(Qt::Vertical);
    recordsSplit->setObjectName(QStringLiteral("recordsSplitter"));
    recordsSplit->addWidget(m_records);
    recordsSplit->addWidget(m_inspector);
    recordsSplit->setStretchFactor(0, 3);
    recordsSplit->setStretchFactor(1, 2);
    rightLayout->addWidget(recordsSplit, 1);
    connect(m_records->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex& current) {
                if (current.isValid())
                    m_recordModel->requestRecord(current.row());
                else
                    m_inspector->clear();
            });
    connect(m_recordModel, &RecordTableModel::recordReady, this,
            [this](const Record& r) { m_inspector->showRecord(r, m_path); });
    connect(m_recordModel, &QAbstractItemModel::modelReset, m_inspector, &RecordInspector::clear);
    auto* horizontal = new QSplitter(Qt::Horizontal);
    horizontal->setObjectName(QStringLiteral("sideSplitter"));
    horizontal->addWidget(split);
    horizontal->addWidget(right);
    horizontal->setStretchFactor(0, 0);
    horizontal->setStretchFactor(1, 1);
    horizontal->setSizes({470, 1000}); // the records get the room; restored from settings below
    connect(m_topicView->selectionModel(), &QItemSelectionModel::currentChanged, this,
            &MainWindow::showSelection);
    connect(m_recordModel, &RecordTableModel::loadError, this, [this](const QString& message) {
        m_banner->showMessage(Banner::Kind::Error, tr("Could not read records: %1").arg(message));
    });

    auto* central = new QWidget;
    auto* layout = new QVBoxLayout(central);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->addWidget(m_banner);
    layout->addWidget(horizontal, 1);
    setCentralWidget(central);
    statusBar()->addWidget(m_status, 1);
    m_status->setText(tr("No workspace open. File ▸ Open (Ctrl+O), or run rewind-cli demo to create one."));

    buildMenus();
    connect(m_loader, &WorkspaceLoader::loaded, this, &MainWindow::onLoaded);
    connect(m_loader, &WorkspaceLoader::failed, this, &MainWindow::onFailed);

    QSettings settings;
    restoreGeometry(settings.value(QStringLiteral("window/geometry")).toByteArray());
    restoreState(settings.value(QStringLiteral("window/state")).toByteArray());
    split->restoreState(settings.value(QStringLiteral("window/split")).toByteArray());
    horizontal->restoreState(settings.value(QStringLiteral("window/side")).toByteArray());
}

MainWindow::~MainWindow() = default;

void MainWindow::buildMenus()
{
    QMenu* file = menuBar()->addMenu(tr("&File"));
    QAction* open = file->addAction(tr("&Open workspace…"), this, &MainWindow::chooseWorkspace);
    open->setShortcut(QKeySequence::Open);
    m_recentMenu = file->addMenu(tr("Open &recent"));
    rebuildRecentMenu();
    QAction* reloadAction = file->addAction(tr("&Reload"), this, &MainWindow::reload);
    reloadAction->setShortcut(QKeySequence::Refresh);
    file->addSeparator();
    QAction* quit = file->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setShortcut(QKeySequence::Quit);
    QMenu* go = menuBar()->addMenu(tr("&Go"));
    QAction* goTo = go->addAction(tr("&Go to offset or time…"), this, [this] {
        m_seek->setFocus();
        m_seek->selectAll();
    });
    goTo->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_G));
    QMenu* help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&About Rewind"), this, &MainWindow::showAbout);
}

void MainWindow::openWorkspace(const QString& path)
{
    m_status->setText(tr("Opening %1 …").arg(QDir::toNativeSeparators(path)));
    m_loader->load(path);
}

void MainWindow::chooseWorkspace()
{
    const QString start = m_path.isEmpty() ? QDir::currentPath() : QFileInfo(m_path).absolutePath();
    const QString path = QFileDialog::getOpenFileName(this, tr("Open workspace"), start,
                                                      tr("Rewind workspaces (*.rewind);;All files (*)"));
    if (!path.isEmpty()) openWorkspace(path);
}

void MainWindow::reload()
{
    if (!m_path.isEmpty()) openWorkspace(m_path);
}

void MainWindow::onLoaded(int, const WorkspaceOverview& o)
{
    m_path = o.path;
    m_banner->hide();
    m_recordModel->clear();
    m_recordsTitle->setText(tr("Select a partition to see its records."));
    m_topicModel->setOverview(o);
    m_topicView->resizeColumnToContents(0);
    m_groups->clear();
    const QLocale loc;
    for (const GroupSummary& g : o.groups) {
        QStringList topics;
        for (const QString& t : g.topics)
            topics << t;
        auto* item = new QTreeWidgetItem(
            m_groups, {g.name, topics.join(QStringLiteral(", ")),
                       g.partitionsWithCommit ? loc.toString(g.totalLag) : QStringLiteral("–"),
                       g.partitionsWithoutCommit ? QString::number(g.partitionsWithoutCommit) : QString()});
        item->setTextAlignment(2, Qt::AlignRight | Qt::AlignVCenter);
        item->setTextAlignment(3, Qt::AlignRight | Qt::AlignVCenter);
    }
    setWindowTitle(tr("%1 — Rewind").arg(QFileInfo(o.path).fileName()));
    const QString topics = o.topics.size() == 1 ? tr("1 topic") : tr("%1 topics").arg(o.topics.size());
    m_status->setText(tr("%1 · %2 · %3 records%4")
                          .arg(QDir::toNativeSeparators(o.path), topics, loc.toString(o.totalRecords),
                               o.readOnly ? tr(" · read-only file") : QString()));
    rememberRecent(o.path);
    emit workspaceLoaded(o.path);
}

void MainWindow::showSelection()
{
    const QModelIndex current = m_topicView->currentIndex();
    const QVariant partition = current.data(TopicTreeModel::PartitionRole);
    if (!current.isValid() || !partition.isValid()) {
        m_recordModel->clear();
        m_recordsTitle->setText(current.isValid()
                                    ? tr("Select one of the topic's partitions to see its records.")
                                    : tr("Select a partition to see its records."));
        return;
    }
    const QString topic = current.data(TopicTreeModel::TopicRole).toString();
    const qint64 low = current.data(TopicTreeModel::LowRole).toLongLong();
    const qint64 high = current.data(TopicTreeModel::HighRole).toLongLong();
    m_recordModel->setPartition(m_path, topic, partition.toInt(), low, high);
    m_recordsTitle->setText(
        tr("%1 · partition %2 · offsets %3 to %4")
            .arg(topic)
            .arg(partition.toInt())
            .arg(QLocale().toString(low), QLocale().toString(std::max<qint64>(low, high - 1))));
}

void MainWindow::selectRow(int row)
{
    if (row < 0 || row >= m_recordModel->rowCount()) return;
    const QModelIndex idx = m_recordModel->index(row, 0);
    m_records->setCurrentIndex(idx);
    m_records->scrollTo(idx, QAbstractItemView::PositionAtCenter);
    m_records->setFocus();
}

void MainWindow::seek()
{
    const QString text = m_seek->text().trimmed();
    if (text.isEmpty() || m_recordModel->topic().isEmpty()) return;
    const int rows = m_recordModel->rowCount();
    bool isNumber = false;
    const qint64 n = text.toLongLong(&isNumber);
    if (text == QLatin1String("beginning") || text == QLatin1String("start")) {
        selectRow(0);
    } else if (text == QLatin1String("end")) {
        selectRow(rows - 1);
    } else if (isNumber && n < 0) {
        selectRow(std::max(0, rows + static_cast<int>(std::max<qint64>(n, -rows))));
    } else if (isNumber && text.size() < 13) { // offsets; 13+ digits read as epoch milliseconds
        const int row = m_recordModel->rowForOffset(n);
        if (row < 0)
            m_banner->showMessage(Banner::Kind::Info,
                                  tr("Offset %1 is outside this partition (%2 to %3).")
                                      .arg(n)
                                      .arg(m_recordModel->offsetAt(0))
                                      .arg(m_recordModel->offsetAt(std::max(0, rows - 1))));
        else
            selectRow(row);
    } else {
        auto t = parseTimePoint(text, currentTimeMs());
        if (!t) {
            m_banner->showMessage(Banner::Kind::Warning,
                                  tr("Cannot go to \"%1\": %2").arg(text, t.error().message));
            return;
        }
        m_recordModel->requestRowForTime(t.value());
    }
}

void MainWindow::onFailed(int, const QString& path, const QString& message)
{
    m_banner->showMessage(
        Banner::Kind::Error,
        tr("Could not open %1: %2\nChoose another workspace with File ▸ Open, or create the demo "
           "with: rewind-cli demo --out demo.rewind")
            .arg(QFileInfo(path).fileName(), message));
    m_status->setText(m_path.isEmpty() ? tr("No workspace open.") : QDir::toNativeSeparators(m_path));
    emit workspaceFailed(path, message);
}

void MainWindow::rememberRecent(const QString& path)
{
    QSettings settings;
    QStringList recent = settings.value(QStringLiteral("recent/workspaces")).toStringList();
    const QString abs = QFileInfo(path).absoluteFilePath();
    recent.removeAll(abs);
    recent.prepend(abs);
    while (recent.size() > kMaxRecent)
        recent.removeLast();
    settings.setValue(QStringLiteral("recent/workspaces"), recent);
    settings.setValue(QStringLiteral("recent/last"), abs);
    rebuildRecentMenu();
}

void MainWindow::rebuildRecentMenu()
{
    m_recentMenu->clear();
    const QStringList recent = QSettings().value(QStringLiteral("recent/workspaces")).toStringList();
    for (const QString& p : recent)
        m_recentMenu->addAction(QDir::toNativeSeparators(p), this, [this, p] { openWorkspace(p); });
    m_recentMenu->setEnabled(!recent.isEmpty());
}

void MainWindow::showAbout()
{
    QMessageBox::about(this, tr("About Rewind"),
                       tr("<h3>Rewind %1</h3><p>A log explorer and replay console for event logs.</p>"
                          "<p>Qt %2 (built with %3) · SQLite %4</p>")
                           .arg(QApplication::applicationVersion(), QString::fromLatin1(qVersion()),
                                QStringLiteral(QT_VERSION_STR), QString::fromLatin1(sqlite3_libversion())));
}

void MainWindow::closeEvent(QCloseEvent* event)
{
    QSettings settings;
    settings.setValue(QStringLiteral("window/geometry"), saveGeometry());
    settings.setValue(QStringLiteral("window/state"), saveState());
    if (auto* split = findChild<QSplitter*>(QStringLiteral("mainSplitter")))
        settings.setValue(QStringLiteral("window/split"), split->saveState());
    if (auto* side = findChild<QSplitter*>(QStringLiteral("sideSplitter")))
        settings.setValue(QStringLiteral("window/side"), side->saveState());
    event->accept();
}

} // namespace rw
