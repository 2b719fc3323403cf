#include "record_table_model.h"

#include "display_format.h"
#include "topic_colors.h"

#include "header_codec.h"
#include "json.h"

#include <QDateTime>
#include <QLocale>

#include <queue>

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

void RecordPageLoader::setSource(std::shared_ptr<RecordSource> source)
{
    if (source == m_source) return;
    m_connection.reset();
    m_source = std::move(source);
}

RecordSource* RecordPageLoader::connection(int generation)
{
    if (m_connection) return m_connection.get();
    if (!m_source) return nullptr; // nothing shown
    auto c = m_source->reopen();
    if (!c) {
        emit failed(generation, c.error().message);
        return nullptr;
    }
    m_connection = std::move(c.value());
    return m_connection.get();
}

namespace {

RecordRow makeRow(const RecordView& in, Masker* masker, const QString& topic)
{
    RecordView hidden;
    bool unmaskable = false;
    if (masker && masker->active()) unmaskable = !masker->record(topic, in, false, hidden);
    const RecordView& v = masker && masker->active() && !unmaskable ? hidden : in;
    RecordRow row;
    row.offset = v.offset;
    row.timestamp = v.timestamp;
    row.keyNull = v.keyNull;
    row.valueNull = v.valueNull;
    row.key = preview(v.key, v.keyNull);
    if (!in.keyNull) row.keyText = QString::fromUtf8(in.key.first(std::min<qsizetype>(in.key.size(), 200)));
    row.value = unmaskable ? QString::fromLatin1(kMaskedText) : preview(v.value, v.valueNull);
    // Bytes as stored (a decoded key or value counts its stored bytes, not its JSON), + headers below.
    row.size = (v.decoding && v.decoding->key.decoded ? v.decoding->rawKey : v.key).size() +
               (v.decoding && v.decoding->value.decoded ? v.decoding->rawValue : v.value).size();
    if (auto h = decodeHeaders(v.headersBlob); h && !h->empty()) {
        row.size += headersPayloadSize(h.value());
        QStringList parts;
        for (const Header& x : h.value())
            parts << QString::fromUtf8(x.key) + QLatin1Char('=') +
                         (x.value ? preview(*x.value, false) : QStringLiteral("∅"));
        row.headers = parts.join(QStringLiteral(", ")).left(kPreviewChars);
    }
    return row;
}

} // namespace

void RecordPageLoader::load(int generation, const QString& topic, int partition, qint64 firstOffset,
                            int count, qint64 page)
{
    // Row i of the page is offset firstOffset + i. Offsets without a record (a transaction
    // marker, a compacted record, a gap in a capture) get a row that says so.
    std::vector<RecordRow> rows(static_cast<size_t>(count));
    for (int i = 0; i < count; ++i) {
        rows[static_cast<size_t>(i)].offset = firstOffset + i;
        rows[static_cast<size_t>(i)].value =
            tr("(no record at this offset: transaction marker, compacted or not captured)");
        rows[static_cast<size_t>(i)].gap = true;
    }
    auto place = [&](const RecordView& v) {
        const qint64 i = v.offset - firstOffset;
        if (i >= 0 && i < count) rows[static_cast<size_t>(i)] = makeRow(v, masker.get(), topic);
    };
    if (generation != latestGeneration.load()) return;
    RecordSource* source = connection(generation);
    if (!source) return;
    auto r = source->scan(topic, partition, firstOffset, firstOffset + count, [&](const RecordView& v) {
        place(v);
        return true;
    });
    if (!r) {
        emit failed(generation, r.error().message);
        return;
    }
    emit loaded(generation, page, rows);
}

void RecordPageLoader::loadRefs(int generation, qint64 page, const QStringList& topics,
                                const std::vector<RecordRef>& refs)
{
    if (generation != latestGeneration.load()) return;
    RecordSource* source = connection(generation);
    if (!source) return;
    // Rows default to "gone" (a workspace replaced under us, retention or compaction on a
    // cluster): the row says so and the rest of the page still shows.
    std::vector<RecordRow> rows(refs.size());
    for (size_t i = 0; i < refs.size(); ++i) {
        rows[i].offset = refs[i].offset;
        rows[i].timestamp = refs[i].timestamp;
        rows[i].value = tr("(no longer in the source: replaced, deleted by retention or compacted)");
    }
    auto r = source->readRefs(topics, refs, [&](size_t i, const RecordView& v) {
        rows[i] = makeRow(v, masker.get(), topics.value(refs[i].topic));
    });
    if (!r) {
        emit failed(generation, r.error().message);
        return;
    }
    emit loaded(generation, page, rows);
}

void RecordPageLoader::merge(int generation, const QString& topic, qint64 cap)
{
    RecordSource* source = connection(generation);
    if (!source) return;
    if (!source->capabilities().timeIndex) {
        emit failed(generation, tr("Pick a partition of %1: merging its partitions by time needs every "
                                   "record's time (capture the topic into a workspace for that).")
                                    .arg(topic));
        return;
    }
    auto all = source->topics();
    if (!all) {
        emit failed(generation, all.error().message);
        return;
    }
    const auto info =
        std::find_if(all->begin(), all->end(), [&](const TopicInfo& t) { return t.name == topic; });
    if (info == all->end()) {
        emit failed(generation, tr("unknown topic '%1'").arg(topic));
        return;
    }
    qint64 total = 0;
    for (const PartitionInfo& p : info->partitions)
        total += p.count;
    // Each partition's (timestamp, offset) in offset order, then a k-way merge by time. Records
    // within a partition keep their offset order even when timestamps go backwards.
    struct Cursor {
        std::vector<std::pair<TimestampMs, Offset>> items;
        size_t next = 0;
    };
    std::vector<Cursor> cursors(info->partitions.size());
    qint64 read = 0;
    for (const PartitionInfo& p : info->partitions) {
        Cursor& c = cursors[static_cast<size_t>(p.partition)];
        c.items.reserve(static_cast<size_t>(std::min(p.count, cap)));
        auto r = source->scanTimes(topic, p.partition, p.low, p.high, [&](Offset o, TimestampMs ts) {
            c.items.emplace_back(ts, o);
            if ((++read & 0x3ffff) == 0) {
                if (generation != latestGeneration.load()) return false;
                emit progress(generation, read, total);
            }
            return static_cast<qint64>(c.items.size()) < cap;
        });
        if (!r) {
            emit failed(generation, r.error().message);
            return;
        }
        if (generation != latestGeneration.load()) return;
    }
    using Head = std::pair<std::pair<TimestampMs, int>, size_t>; // (time, partition), cursor
    std::priority_queue<Head, std::vector<Head>, std::greater<>> heads;
    for (size_t i = 0; i < cursors.size(); ++i)
        if (!cursors[i].items.empty()) heads.push({{cursors[i].items[0].first, static_cast<int>(i)}, i});
    std::vector<RecordRef> chunk;
    chunk.reserve(65536);
    qint64 emitted = 0;
    while (!heads.empty() && emitted < cap) {
        const size_t i = heads.top().second;
        heads.pop();
        Cursor& c = cursors[i];
        const auto& [ts, offset] = c.items[c.next++];
        chunk.push_back({offset, ts, static_cast<PartitionId>(i), 0});
        ++emitted;
        if (c.next < c.items.size()) heads.push({{c.items[c.next].first, static_cast<int>(i)}, i});
        if (chunk.size() == 65536) {
            if (generation != latestGeneration.load()) return;
            emit merged(generation, chunk, false, total);
            chunk.clear();
        }
    }
    emit merged(generation, chunk, true, total);
}

void RecordPageLoader::pollEnd(int generation, const QString& topic, int partition)
{
    RecordSource* source = connection(generation);
    if (!source) return;
    auto w = source->watermarks(topic, partition); // re-read: sees other writers' appends
    if (!w) {
        emit failed(generation, w.error().message);
        return;
    }
    emit endFound(generation, w->second);
}

void RecordPageLoader::fetch(int generation, const QString& topic, int partition, qint64 offset)
{
    RecordSource* source = connection(generation);
    if (!source) return;
    auto r = source->read(topic, partition, offset);
    if (!r) {
        emit failed(generation, r.error().message);
        return;
    }
    if (!r.value()) {
        emit failed(generation,
                    tr("%1-%2 has no record at offset %3 (a transaction marker, compacted or not captured)")
                        .arg(topic)
                        .arg(partition)
                        .arg(offset));
        return;
    }
    emit fetched(generation, *r.value());
}

void RecordPageLoader::seekTime(int generation, const QString& topic, int partition, qint64 timestamp)
{
    RecordSource* source = connection(generation);
    if (!source) return;
    auto o = source->offsetForTime(topic, partition, timestamp);
    if (!o) {
        emit failed(generation, o.error().message);
        return;
    }
    emit timeFound(generation, o.value().value_or(-1));
}

RecordTableModel::RecordTableModel(QObject* parent) : QAbstractTableModel(parent)
{
    qRegisterMetaType<std::vector<RecordRow>>();
    qRegisterMetaType<std::vector<RecordRef>>();
    qRegisterMetaType<Record>();
    m_loader = new RecordPageLoader;
    m_loader->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, m_loader, &QObject::deleteLater);
    connect(this, &RecordTableModel::requestPage, m_loader, &RecordPageLoader::load, Qt::QueuedConnection);
    connect(this, &RecordTableModel::requestRefs, m_loader, &RecordPageLoader::loadRefs,
            Qt::QueuedConnection);
    connect(this, &RecordTableModel::requestMerge, m_loader, &RecordPageLoader::merge, Qt::QueuedConnection);
    connect(m_loader, &RecordPageLoader::loaded, this, &RecordTableModel::onLoaded, Qt::QueuedConnection);
    connect(m_loader, &RecordPageLoader::merged, this, &RecordTableModel::onMerged, Qt::QueuedConnection);
    connect(
        m_loader, &RecordPageLoader::progress, this,
        [this](int generation, qint64 done, qint64 total) {
            if (generation == m_generation) emit mergeProgress(done, total);
        },
        Qt::QueuedConnection);
    connect(this, &RecordTableModel::requestEnd, m_loader, &RecordPageLoader::pollEnd, Qt::QueuedConnection);
    connect(
        m_loader, &RecordPageLoader::endFound, this,
        [this](int generation, qint64 high) {
            if (generation != m_generation || m_list || high <= m_high) return;
            const int before = rowCount();
            // The page that held the old end was read short: read it again when shown.
            const qint64 lastPage = before > 0 ? (before - 1) / kPageSize : 0;
            if (auto it = m_pages.find(lastPage); it != m_pages.end()) {
                m_lru.erase(it->second.second);
                m_pages.erase(it);
            }
            const qint64 newRows = std::min<qint64>(high - m_low, std::numeric_limits<int>::max());
            if (newRows <= before) return;
            beginInsertRows({}, before, static_cast<int>(newRows) - 1);
            m_high = m_low + newRows;
            endInsertRows();
            emit tailGrew(static_cast<int>(newRows) - before);
        },
        Qt::QueuedConnection);
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
    m_loader->latestGeneration = -1; // a merge in progress stops at its next check
    m_thread.quit();
    m_thread.wait();
}

// Inside begin/endResetModel: forgets everything of the previous view.
void RecordTableModel::reset(const std::shared_ptr<RecordSource>& source)
{
    ++m_generation; // pages of the previous view still in flight are dropped
    m_loader->latestGeneration = m_generation;
    if (source != m_source) {
        QMetaObject::invokeMethod(
            m_loader, [loader = m_loader, source] { loader->setSource(source); }, Qt::QueuedConnection);
        m_source = source;
    }
    m_pages.clear();
    m_lru.clear();
    m_requested.clear();
    m_refs.clear();
    m_refs.shrink_to_fit();
    m_topics.clear();
    m_list = false;
    m_sortedByTime = false;
    m_truncated = false;
    m_topic.clear();
    m_partition = 0;
    m_low = m_high = 0;
}

void RecordTableModel::setPartition(const std::shared_ptr<RecordSource>& source, const QString& topic,
                                    PartitionId partition, Offset low, Offset high)
{
    beginResetModel();
    reset(source);
    m_topic = topic;
    m_partition = partition;
    m_low = low;
    m_high = std::max(low, high);
    endResetModel();
}

void RecordTableModel::setMergedTopic(const std::shared_ptr<RecordSource>& source, const QString& topic)
{
    beginResetModel();
    reset(source);
    m_list = true;
    m_sortedByTime = true;
    m_topic = topic;
    m_topics = {topic};
    endResetModel();
    emit requestMerge(m_generation, topic, kMaxListRows);
}

void RecordTableModel::setList(const std::shared_ptr<RecordSource>& source, const QString& title)
{
    beginResetModel();
    reset(source);
    m_list = true;
    m_topic = title;
    endResetModel();
}

qint32 RecordTableModel::topicIndex(const QString& topic)
{
    qsizetype i = m_topics.indexOf(topic);
    if (i < 0) {
        m_topics << topic;
        i = m_topics.size() - 1;
    }
    return static_cast<qint32>(i);
}

void RecordTableModel::appendRefs(const QString& topic, const std::vector<RecordRef>& refs)
{
    if (!m_list || refs.empty()) return;
    const qint32 t = topicIndex(topic);
    const qint64 room = kMaxListRows - static_cast<qint64>(m_refs.size());
    const qint64 n = std::min<qint64>(room, static_cast<qint64>(refs.size()));
    if (n < static_cast<qint64>(refs.size())) m_truncated = true;
    if (n <= 0) return;
    const int first = static_cast<int>(m_refs.size());
    beginInsertRows({}, first, first + static_cast<int>(n) - 1);
    for (qint64 i = 0; i < n; ++i) {
        RecordRef r = refs[static_cast<size_t>(i)];
        r.topic = t;
        m_refs.push_back(r);
    }
    m_sortedByTime = false;
    endInsertRows();
}

void RecordTableModel::appendRefs(const std::vector<std::pair<QString, RecordRef>>& refs)
{
    if (!m_list || refs.empty()) return;
    const qint64 room = kMaxListRows - static_cast<qint64>(m_refs.size());
    const qint64 n = std::min<qint64>(room, static_cast<qint64>(refs.size()));
    if (n < static_cast<qint64>(refs.size())) m_truncated = true;
    if (n <= 0) return;
    const int first = static_cast<int>(m_refs.size());
    beginInsertRows({}, first, first + static_cast<int>(n) - 1);
    for (qint64 i = 0; i < n; ++i) {
        RecordRef r = refs[static_cast<size_t>(i)].second;
        r.topic = topicIndex(refs[static_cast<size_t>(i)].first);
        m_refs.push_back(r);
    }
    m_sortedByTime = false;
    endInsertRows();
}

void RecordTableModel::sortListByTime()
{
    if (!m_list || m_sortedByTime) return;
    emit layoutAboutToBeChanged({}, QAbstractItemModel::VerticalSortHint);
    std::vector<int> order(m_refs.size());
    for (size_t i = 0; i < order.size(); ++i)
        order[i] = static_cast<int>(i);
    std::stable_sort(order.begin(), order.end(), [this](int a, int b) {
        const RecordRef& x = m_refs[static_cast<size_t>(a)];
        const RecordRef& y = m_refs[static_cast<size_t>(b)];
        if (x.timestamp != y.timestamp) return x.timestamp < y.timestamp;
        const QString &tx = m_topics.at(x.topic), &ty = m_topics.at(y.topic);
        if (tx != ty) return tx < ty;
        return x.partition != y.partition ? x.partition < y.partition : x.offset < y.offset;
    });
    std::vector<RecordRef> sorted(m_refs.size());
    std::vector<int> newRow(m_refs.size());
    for (size_t i = 0; i < order.size(); ++i) {
        sorted[i] = m_refs[static_cast<size_t>(order[i])];
        newRow[static_cast<size_t>(order[i])] = static_cast<int>(i);
    }
    m_refs = std::move(sorted);
    m_sortedByTime = true;
    // Cached pages describe the old order: drop them (and pages in flight).
    ++m_generation;
    m_loader->latestGeneration = m_generation;
    m_pages.clear();
    m_lru.clear();
    m_requested.clear();
    const QModelIndexList from = persistentIndexList();
    QModelIndexList to;
    to.reserve(from.size());
    for (const QModelIndex& i : from)
        to << index(newRow[static_cast<size_t>(i.row())], i.column());
    changePersistentIndexList(from, to);
    emit layoutChanged({}, QAbstractItemModel::VerticalSortHint);
}

void RecordTableModel::onMerged(int generation, const std::vector<RecordRef>& refs, bool last, qint64 total)
{
    if (generation != m_generation) return;
    if (!refs.empty()) {
        const int first = static_cast<int>(m_refs.size());
        beginInsertRows({}, first, first + static_cast<int>(refs.size()) - 1);
        m_refs.insert(m_refs.end(), refs.begin(), refs.end());
        endInsertRows();
    }
    emit mergeProgress(static_cast<qint64>(m_refs.size()), total);
    if (last) {
        m_truncated = static_cast<qint64>(m_refs.size()) < total;
        emit mergeFinished(static_cast<qint64>(m_refs.size()), m_truncated);
    }
}

void RecordTableModel::pollTail()
{
    if (m_list || m_topic.isEmpty()) return;
    emit requestEnd(m_generation, m_topic, m_partition);
}

void RecordTableModel::clear()
{
    setPartition(m_source, QString(), 0, 0, 0);
}

void RecordTableModel::setMasking(const MaskPolicy& policy, bool hide)
{
    auto* loader = m_loader;
    QMetaObject::invokeMethod(
        m_loader,
        [loader, policy, hide] {
            loader->masker = hide && !policy.empty() ? std::make_unique<Masker>(policy) : nullptr;
        },
        Qt::QueuedConnection);
    // Pages read from now on come after the change (the loader takes requests in order).
    m_pages.clear();
    m_lru.clear();
    m_requested.clear();
    if (rowCount() > 0) emit dataChanged(index(0, 0), index(rowCount() - 1, columnCount() - 1));
}

void RecordTableModel::setUtc(bool utc)
{
    m_utc = utc;
    emit headerDataChanged(Qt::Horizontal, TimestampCol, TimestampCol);
    if (rowCount() > 0)
        emit dataChanged(index(0, TimestampCol), index(rowCount() - 1, TimestampCol), {Qt::DisplayRole});
}

const RecordRef* RecordTableModel::refAt(int row) const
{
    if (!m_list || row < 0 || static_cast<size_t>(row) >= m_refs.size()) return nullptr;
    return &m_refs[static_cast<size_t>(row)];
}

Offset RecordTableModel::offsetAt(int row) const
{
    if (m_list) {
        const RecordRef* r = refAt(row);
        return r ? r->offset : -1;
    }
    return m_low + row;
}

QString RecordTableModel::topicAt(int row) const
{
    if (!m_list) return m_topic;
    const RecordRef* r = refAt(row);
    return r ? m_topics.at(r->topic) : QString();
}

void RecordTableModel::requestRecord(int row)
{
    if (row < 0 || row >= rowCount()) return;
    if (const RecordRef* r = refAt(row))
        emit requestFetch(m_generation, m_topics.at(r->topic), r->partition, r->offset);
    else if (!m_list)
        emit requestFetch(m_generation, m_topic, m_partition, m_low + row);
}

void RecordTableModel::requestRowForTime(TimestampMs timestamp)
{
    if (m_list) { // the refs carry their times: answer here
        int found = -1;
        if (m_sortedByTime) {
            auto it = std::lower_bound(m_refs.begin(), m_refs.end(), timestamp,
                                       [](const RecordRef& r, TimestampMs t) { return r.timestamp < t; });
            if (it != m_refs.end()) found = static_cast<int>(it - m_refs.begin());
        } else {
            for (size_t i = 0; i < m_refs.size(); ++i)
                if (m_refs[i].timestamp >= timestamp) {
                    found = static_cast<int>(i);
                    break;
                }
        }
        emit rowForTime(found);
        return;
    }
    if (m_topic.isEmpty()) return;
    emit requestSeek(m_generation, m_topic, m_partition, timestamp);
}

int RecordTableModel::rowForOffset(Offset o) const
{
    if (m_list || o < m_low || o >= m_high) return -1;
    return static_cast<int>(o - m_low);
}

int RecordTableModel::rowCount(const QModelIndex& parent) const
{
    if (parent.isValid()) return 0;
    if (m_list) return static_cast<int>(m_refs.size());
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
        const auto& rows = it->second.first;
        const size_t i = static_cast<size_t>(r % kPageSize);
        if (i < rows.size()) {
            m_lru.splice(m_lru.begin(), m_lru, it->second.second);
            return &rows[i];
        }
        if (!m_list) return nullptr;
        // A list page read before more rows were appended to it: read it again.
        m_lru.erase(it->second.second);
        m_pages.erase(it);
    }
    if (m_requested.insert(page).second) {
        auto* self = const_cast<RecordTableModel*>(this);
        if (m_list) {
            const size_t first = static_cast<size_t>(page * kPageSize);
            const size_t last = std::min(m_refs.size(), first + kPageSize);
            emit self->requestRefs(
                m_generation, page, m_topics,
                std::vector<RecordRef>(m_refs.begin() + static_cast<std::ptrdiff_t>(first),
                                       m_refs.begin() + static_cast<std::ptrdiff_t>(last)));
        } else {
            const Offset first = m_low + page * kPageSize;
            const int count = static_cast<int>(std::min<qint64>(kPageSize, m_high - first));
            emit self->requestPage(m_generation, m_topic, m_partition, first, count, page);
        }
    }
    return nullptr;
}

QString RecordTableModel::formatTime(TimestampMs ms) const
{
    return displayTime(ms, m_utc, TimeDetail::Millis);
}

QVariant RecordTableModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || index.row() >= rowCount()) return {};
    if (role == Qt::TextAlignmentRole)
        return index.column() == OffsetCol || index.column() == SizeCol || index.column() == PartitionCol
                   ? QVariant(Qt::AlignRight | Qt::AlignVCenter)
                   : QVariant();
    if (role == Qt::DecorationRole && index.column() == TopicCol) {
        const RecordRef* at = refAt(index.row());
        return topicColor(at ? m_topics.at(at->topic) : m_topic);
    }
    if (role == TopicRole) return topicAt(index.row());
    if (role == PartitionRole) {
        const RecordRef* at = refAt(index.row());
        return at ? at->partition : m_partition;
    }
    if (role == OffsetRole) return QVariant::fromValue(offsetAt(index.row()));
    if (role == KeyNullRole) {
        const RecordRow* r = row(index.row());
        return r ? QVariant(r->keyNull || r->gap) : QVariant();
    }
    if (role == KeyTextRole) {
        const RecordRow* r = row(index.row());
        return r && !r->keyNull && !r->gap ? QVariant(r->keyText) : QVariant();
    }
    if (role == TimestampRole) {
        if (const RecordRef* ref = refAt(index.row())) return QVariant::fromValue<qint64>(ref->timestamp);
        const RecordRow* r = row(index.row());
        return r && !r->gap ? QVariant::fromValue<qint64>(r->timestamp) : QVariant();
    }
    if (role == GapRole) {
        const RecordRow* r = row(index.row());
        return r ? QVariant(r->gap) : QVariant();
    }
    if (role != Qt::DisplayRole && role != Qt::ToolTipRole && role != Qt::UserRole) return {};
    const RecordRef* ref = refAt(index.row());
    // Known without reading: where the record is (and, in list views, when).
    if (role == Qt::DisplayRole) {
        switch (index.column()) {
        case TopicCol:
            return ref ? m_topics.at(ref->topic) : m_topic;
        case PartitionCol:
            return QString::number(ref ? ref->partition : m_partition);
        case OffsetCol:
            return QString::number(ref ? ref->offset : m_low + index.row());
        case TimestampCol:
            if (ref) return formatTime(ref->timestamp);
            break;
        default:
            break;
        }
    }
    const RecordRow* r = row(index.row());
    if (!r) return role == Qt::DisplayRole ? QVariant(QStringLiteral("…")) : QVariant();
    if (role == Qt::UserRole) return QVariant::fromValue(r->offset);
    switch (index.column()) {
    case TopicCol:
        return ref ? m_topics.at(ref->topic) : m_topic;
    case PartitionCol:
        return QString::number(ref ? ref->partition : m_partition);
    case OffsetCol:
        return QString::number(r->offset);
    case TimestampCol:
        return formatTime(r->timestamp);
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
    case TopicCol:
        return tr("Topic");
    case PartitionCol:
        return tr("Part.");
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
