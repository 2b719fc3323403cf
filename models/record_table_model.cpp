#include "record_table_model.h"

#include "header_codec.h"
#include "json.h"

#include <QDateTime>
#include <QLocale>

namespace rw {

namespace {

constexpr int kPreviewChars = 300;

// Payload bytes as one line of plain text: UTF-8 when valid, else a hex preview; control
// characters shown as visible symbols; bounded length. Never interpreted as markup.
QString preview(QByteArrayView bytes, bool isNull)
{
    if (isNull) return QStringLiteral("∅ null");
    if (bytes.isEmpty()) return QStringLiteral("(empty)");
    const QByteArrayView head = bytes.first(std::min<qsizetype>(bytes.size(), kPreviewChars * 4));
    QString s;
    if (json::isValidUtf8(head) || json::isValidUtf8(head.first(std::max<qsizetype>(0, head.size() - 3)))) {
        s = QString::fromUtf8(head);
        for (QChar& c : s)
            if (c.unicode() < 0x20 || c.unicode() == 0x7f)
                c = c == QLatin1Char('\n') ? QChar(0x21B5) : QChar(0xFFFD);
    } else {
        s = QStringLiteral("binary ") +
            QString::fromLatin1(head.first(std::min<qsizetype>(head.size(), 48)).toByteArray().toHex(' '));
    }
    if (s.size() > kPreviewChars)
        s = s.left(kPreviewChars) + QChar(0x2026);
    else if (head.size() < bytes.size())
        s += QChar(0x2026);
    return s;
}

} // namespace

void RecordPageLoader::open(const QString& path)
{
    if (path == m_path && m_store) return;
    m_store.reset();
    m_path = path;
}

bool RecordPageLoader::ensureStore(int generation)
{
    if (m_store) return true;
    auto s = WorkspaceStore::open(m_path, WorkspaceStore::Mode::ReadOnly);
    if (!s) {
        emit failed(generation, s.error().message);
        return false;
    }
    m_store = std::move(s.value());
    return true;
}

void RecordPageLoader::load(int generation, const QString& topic, int partition, qint64 firstOffset,
                            int count, qint64 page)
{
    if (!ensureStore(generation)) return;
    std::vector<RecordRow> rows;
    rows.reserve(static_cast<size_t>(count));
    QByteArray headersText;
    auto r = m_store->scan(topic, partition, firstOffset, firstOffset + count, [&](const RecordView& v) {
        RecordRow row;
        row.offset = v.offset;
        row.timestamp = v.timestamp;
        row.keyNull = v.keyNull;
        row.valueNull = v.valueNull;
        row.key = preview(v.key, v.keyNull);
        row.value = preview(v.value, v.valueNull);
        row.size = v.key.size() + v.value.size(); // + header names and values, below
        if (auto h = decodeHeaders(v.headersBlob); h && !h->empty()) {
            row.size += headersPayloadSize(h.value());
            QStringList parts;
            for (const Header& x : h.value())
                parts << QString::fromUtf8(x.key) + QLatin1Char('=') +
                             (x.value ? preview(*x.value, false) : QStringLiteral("∅"));
            row.headers = parts.join(QStringLiteral(", ")).left(kPreviewChars);
        }
        rows.push_back(std::move(row));
        return true;
    });
    if (!r) {
        emit failed(generation, r.error().message);
        return;
    }
    emit loaded(generation, page, rows);
}

void RecordPageLoader::fetch(int generation, const QString& topic, int partition, qint64 offset)
{
    if (!ensureStore(generation)) return;
    auto r = m_store->read(topic, partition, offset, 1);
    if (!r) {
        emit failed(generation, r.error().message);
        return;
    }
    if (r->empty() || r->front().offset != offset) {
        emit failed(generation, tr("%1-%2 has no record at offset %3").arg(topic).arg(partition).arg(offset));
        return;
    }
    emit fetched(generation, r->front());
}

void RecordPageLoader::seekTime(int generation, const QString& topic, int partition, qint64 timestamp)
{
    if (!ensureStore(generation)) return;
    auto o = m_store->offsetForTime(topic, partition, timestamp);
    if (!o) {
        emit failed(generation, o.error().message);
        return;
    }
    emit timeFound(generation, o.value().value_or(-1));
}

RecordTableModel::RecordTableModel(QObject* parent) : QAbstractTableModel(parent)
{
    qRegisterMetaType<std::vector<RecordRow>>();
    qRegisterMetaType<Record>();
    m_loader = new RecordPageLoader;
    m_loader->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, m_loader, &QObject::deleteLater);
    connect(this, &RecordTableModel::requestPage, m_loader, &RecordPageLoader::load, Qt::QueuedConnection);
    connect(m_loader, &RecordPageLoader::loaded, this, &RecordTableModel::onLoaded, Qt::QueuedConnection);
    connect(this, &RecordTableModel::requestFetch, m_loader, &RecordPageLoader::fetch, Qt::QueuedConnection);
    connect(this, &RecordTableModel::requestSeek, m_loader, &RecordPageLoader::seekTime,
            Qt::QueuedConnection);
    connect(
        m_loader, &RecordPageLoader::timeFound, this,
        [this](int generation, qint64 offset) {
            if (generation == m_generation) emit rowForTime(offset < 0 ? -1 : rowForOffset(offset));
        },
        Qt::QueuedConnection);
    connect(
        m_loader, &RecordPageLoader::fetched, this,
        [this](int generation, const Record& r) {
            if (generation == m_generation) emit recordReady(r);
        },
        Qt::QueuedConnection);
    connect(
        m_loader, &RecordPageLoader::failed, this,
        [this](int generation, const QString& message) {
            if (generation == m_generation) emit loadError(message);
        },
        Qt::QueuedConnection);
    m_thread.setObjectName(QStringLiteral("record-pages"));
    m_thread.start();
}

RecordTableModel::~RecordTableModel()
{
    m_thread.quit();
    m_thread.wait();
}

void RecordTableModel::setPartition(const QString& workspacePath, const QString& topic, PartitionId partition,
                                    Offset low, Offset high)
{
    beginResetModel();
    ++m_generation; // pages of the previous partition still in flight are dropped
    if (workspacePath != m_path)
        QMetaObject::invokeMethod(
            m_loader, [loader = m_loader, workspacePath] { loader->open(workspacePath); },
            Qt::QueuedConnection);
    m_path = workspacePath;
    m_topic = topic;
    m_partition = partition;
    m_low = low;
    m_high = std::max(low, high);
    m_pages.clear();
    m_lru.clear();
    m_requested.clear();
    endResetModel();
}

void RecordTableModel::clear()
{
    setPartition(m_path, QString(), 0, 0, 0);
}

void RecordTableModel::setUtc(bool utc)
{
    m_utc = utc;
    emit headerDataChanged(Qt::Horizontal, TimestampCol, TimestampCol);
    if (rowCount() > 0)
        emit dataChanged(index(0, TimestampCol), index(rowCount() - 1, TimestampCol), {Qt::DisplayRole});
}

void RecordTableModel::requestRecord(int row)
{
    if (row < 0 || row >= rowCount()) return;
    emit requestFetch(m_generation, m_topic, m_partition, m_low + row);
}

void RecordTableModel::requestRowForTime(TimestampMs timestamp)
{
    if (m_topic.isEmpty()) return;
    emit requestSeek(m_generation, m_topic, m_partition, timestamp);
}

int RecordTableModel::rowForOffset(Offset o) const
{
    if (o < m_low || o >= m_high) return -1;
    return static_cast<int>(o - m_low);
}

int RecordTableModel::rowCount(const QModelIndex& parent) const
{
    if (parent.isValid()) return 0;
    // Qt's models count rows in int: cap there (a partition of more than 2^31 records shows the
    // first 2^31 - 1, and the status line says so).
    return static_cast<int>(std::min<qint64>(m_high - m_low, std::numeric_limits<int>::max()));
}

int RecordTableModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

const RecordRow* RecordTableModel::row(int r) const
{
    const qint64 page = r / kPageSize;
    auto it = m_pages.find(page);
    if (it != m_pages.end()) {
        m_lru.splice(m_lru.begin(), m_lru, it->second.second);
        const auto& rows = it->second.first;
        const size_t i = static_cast<size_t>(r % kPageSize);
        return i < rows.size() ? &rows[i] : nullptr;
    }
    if (m_requested.insert(page).second) {
        const Offset first = m_low + page * kPageSize;
        const int count = static_cast<int>(std::min<qint64>(kPageSize, m_high - first));
        emit const_cast<RecordTableModel*>(this)->requestPage(m_generation, m_topic, m_partition, first,
                                                              count, page);
    }
    return nullptr;
}

QVariant RecordTableModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || index.row() >= rowCount()) return {};
    if (role == Qt::TextAlignmentRole)
        return index.column() == OffsetCol || index.column() == SizeCol
                   ? QVariant(Qt::AlignRight | Qt::AlignVCenter)
                   : QVariant();
    if (role != Qt::DisplayRole && role != Qt::ToolTipRole && role != Qt::UserRole) return {};
    if (index.column() == OffsetCol && role == Qt::DisplayRole)
        return QString::number(m_low + index.row()); // known without reading
    const RecordRow* r = row(index.row());
    if (!r) return role == Qt::DisplayRole ? QVariant(QStringLiteral("…")) : QVariant();
    if (role == Qt::UserRole) return QVariant::fromValue(r->offset);
    switch (index.column()) {
    case OffsetCol:
        return QString::number(r->offset);
    case TimestampCol: {
        const QDateTime t = m_utc ? QDateTime::fromMSecsSinceEpoch(r->timestamp, Qt::UTC)
                                  : QDateTime::fromMSecsSinceEpoch(r->timestamp);
        return t.toString(QStringLiteral("yyyy-MM-dd HH:mm:ss.zzz")) +
               (m_utc ? QStringLiteral("Z") : QString());
    }
    case KeyCol:
        return r->key;
    case ValueCol:
        return r->value;
    case HeadersCol:
        return r->headers;
    case SizeCol:
        return QLocale().toString(r->size);
    default:
        return {};
    }
}

QVariant RecordTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (role != Qt::DisplayRole) return {};
    if (orientation == Qt::Vertical) return {};
    switch (section) {
    case OffsetCol:
        return tr("Offset");
    case TimestampCol:
        return m_utc ? tr("Timestamp (UTC)") : tr("Timestamp (local)");
    case KeyCol:
        return tr("Key");
    case ValueCol:
        return tr("Value");
    case HeadersCol:
        return tr("Headers");
    case SizeCol:
        return tr("Size");
    default:
        return {};
    }
}

void RecordTableModel::onLoaded(int generation, qint64 page, const std::vector<RecordRow>& rows)
{
    if (generation != m_generation) return;
    m_requested.erase(page);
    m_lru.push_front(page);
    m_pages[page] = {rows, m_lru.begin()};
    while (m_pages.size() > static_cast<size_t>(kMaxPages)) {
        const qint64 old = m_lru.back();
        m_lru.pop_back();
        m_pages.erase(old);
    }
    const int first = static_cast<int>(page * kPageSize);
    const int last = std::min(rowCount() - 1, first + kPageSize - 1);
    if (first <= last)
        emit dataChanged(index(first, 0), index(last, ColumnCount - 1), {Qt::DisplayRole, Qt::ToolTipRole});
}

} // namespace rw
