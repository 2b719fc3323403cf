#include "record_table_model.h"

#include "display_format.h"
#include "topic_colors.h"

#include "kafka_browser.h"

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

namespace {

RecordRow makeRow(const RecordView& v)
{
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
    return row;
}

} // namespace

void RecordPageLoader::setKafka(const std::optional<KafkaProfile>& profile)
{
    m_client.reset();
    m_kafka = profile;
    if (profile) m_store.reset();
}

Result<KafkaClient*> RecordPageLoader::client()
{
    if (!m_client) {
        auto c = KafkaClient::connect(*m_kafka);
        if (!c) return c.error();
        m_client = std::move(c.value());
    }
    return m_client.get();
}

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
        if (i >= 0 && i < count) rows[static_cast<size_t>(i)] = makeRow(v);
    };
    if (m_kafka) {
        if (generation != latestGeneration.load()) return;
        BrowseRequest req;
        req.topic = topic;
        req.partitions = {partition};
        req.start = {BrowseStart::AtOffset, firstOffset};
        req.endOffset = firstOffset + count;
        req.stallTimeoutMs = 10000;
        QByteArray headersBuf;
        auto r = KafkaBrowser(*m_kafka).runViews(req, [&](const KafkaRecordView& k) {
            place(k.toView(headersBuf));
            return true;
        });
        if (!r) {
            emit failed(generation, r.error().message);
            return;
        }
        emit loaded(generation, page, rows);
        return;
    }
    if (!ensureStore(generation)) return;
    auto r = m_store->scan(topic, partition, firstOffset, firstOffset + count, [&](const RecordView& v) {
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
    if (m_kafka) {
        loadKafkaRefs(generation, page, topics, refs);
        return;
    }
    if (!ensureStore(generation)) return;
    std::vector<RecordRow> rows;
    rows.reserve(refs.size());
    for (const RecordRef& ref : refs) {
        const QString& topic = topics.at(ref.topic);
        bool found = false;
        auto r = m_store->scan(topic, ref.partition, ref.offset, ref.offset + 1, [&](const RecordView& v) {
            rows.push_back(makeRow(v));
            found = true;
            return false;
        });
        if (!r) {
            emit failed(generation, r.error().message);
            return;
        }
        if (!found) { // gone (a workspace replaced under us): say so in the row, keep the rest
            RecordRow gone;
            gone.offset = ref.offset;
            gone.timestamp = ref.timestamp;
            gone.value = tr("(no longer in the workspace)");
            rows.push_back(std::move(gone));
        }
    }
    emit loaded(generation, page, rows);
}

void RecordPageLoader::loadKafkaRefs(int generation, qint64 page, const QStringList& topics,
                                     const std::vector<RecordRef>& refs)
{
    // Rows default to "not found"; each run of nearby offsets of one partition is read with one
    // browse (a consumer each), so a page of scattered results costs a handful of fetches.
    std::vector<RecordRow> rows(refs.size());
    std::map<std::pair<qint32, PartitionId>, std::map<Offset, std::vector<size_t>>> wanted;
    for (size_t i = 0; i < refs.size(); ++i) {
        rows[i].offset = refs[i].offset;
        rows[i].timestamp = refs[i].timestamp;
        rows[i].value = tr("(no longer in the topic: deleted by retention or compaction)");
        wanted[{refs[i].topic, refs[i].partition}][refs[i].offset].push_back(i);
    }
    constexpr Offset kMaxGap = 256;
    for (const auto& [tp, offsets] : wanted) {
        auto it = offsets.begin();
        while (it != offsets.end()) {
            const Offset first = it->first;
            Offset last = first;
            auto end = it;
            while (end != offsets.end() && end->first - last <= kMaxGap) {
                last = end->first;
                ++end;
            }
            BrowseRequest req;
            req.topic = topics.at(tp.first);
            req.partitions = {tp.second};
            req.start = {BrowseStart::AtOffset, first};
            req.endOffset = last + 1;
            req.stallTimeoutMs = 10000;
            QByteArray headersBuf;
            auto r = KafkaBrowser(*m_kafka).runViews(req, [&](const KafkaRecordView& k) {
                if (auto w = offsets.find(k.offset); w != offsets.end())
                    for (size_t i : w->second)
                        rows[i] = makeRow(k.toView(headersBuf));
                return true;
            });
            if (!r) {
                emit failed(generation, r.error().message);
                return;
            }
            if (generation != latestGeneration.load()) return;
            it = end;
        }
    }
    emit loaded(generation, page, rows);
}

void RecordPageLoader::merge(int generation, const QString& topic, qint64 cap)
{
    if (m_kafka) {
        emit failed(generation, tr("On Kafka, pick a partition of %1 (or capture the topic into a workspace "
                                   "to see its partitions merged by time).")
                                    .arg(topic));
        return;
    }
    if (!ensureStore(generation)) return;
    auto info = m_store->topic(topic);
    if (!info) {
        emit failed(generation, info.error().message);
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
        auto r = m_store->scanTimes(topic, p.partition, p.low, p.high, [&](Offset o, TimestampMs ts) {
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
    if (m_kafka) {
        auto c = client();
        if (!c) {
            emit failed(generation, c.error().message);
            return;
        }
        auto w = c.value()->watermarks(topic, partition);
        if (!w) {
            emit failed(generation, w.error().message);
            return;
        }
        emit endFound(generation, w->second);
        return;
    }
    if (!ensureStore(generation)) return;
    auto t = m_store->topic(topic); // re-reads the catalogue: sees other writers' appends
    if (!t) {
        emit failed(generation, t.error().message);
        return;
    }
    if (partition >= 0 && static_cast<size_t>(partition) < t->partitions.size())
        emit endFound(generation, t->partitions[static_cast<size_t>(partition)].high);
}

void RecordPageLoader::fetch(int generation, const QString& topic, int partition, qint64 offset)
{
    if (m_kafka) {
        BrowseRequest req;
        req.topic = topic;
        req.partitions = {partition};
        req.start = {BrowseStart::AtOffset, offset};
        req.endOffset = offset + 1;
        std::optional<Record> got;
        auto r = KafkaBrowser(*m_kafka).run(req, [&](Record&& rec) {
            if (rec.offset == offset) got = std::move(rec);
            return false;
        });
        if (!r) {
            emit failed(generation, r.error().message);
            return;
        }
        if (!got) {
            emit failed(generation,
                        tr("%1-%2 has no record at offset %3 (a transaction marker, or compacted away)")
                            .arg(topic)
                            .arg(partition)
                            .arg(offset));
            return;
        }
        emit fetched(generation, *got);
        return;
    }
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
    if (m_kafka) {
        auto c = client();
        if (!c) {
            emit failed(generation, c.error().message);
            return;
        }
        auto o = c.value()->offsetsForTime(topic, {partition}, timestamp);
        if (!o) {
            emit failed(generation, o.error().message);
            return;
        }
        auto w = c.value()->watermarks(topic, partition);
        const Offset found = o->empty() ? -1 : o->front();
        emit timeFound(generation, w && found >= w->second ? -1 : found);
        return;
    }
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
void RecordTableModel::reset(const QString& workspacePath)
{
    ++m_generation; // pages of the previous view still in flight are dropped
    m_loader->latestGeneration = m_generation;
    if (workspacePath != m_path || m_kafka) {
        QMetaObject::invokeMethod(
            m_loader,
            [loader = m_loader, workspacePath] {
                loader->setKafka(std::nullopt);
                loader->open(workspacePath);
            },
            Qt::QueuedConnection);
        m_kafka = false;
    }
    m_path = workspacePath;
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

void RecordTableModel::setPartition(const QString& workspacePath, const QString& topic, PartitionId partition,
                                    Offset low, Offset high)
{
    beginResetModel();
    reset(workspacePath);
    m_topic = topic;
    m_partition = partition;
    m_low = low;
    m_high = std::max(low, high);
    endResetModel();
}

void RecordTableModel::setKafkaPartition(const KafkaProfile& profile, const QString& topic,
                                         PartitionId partition, Offset low, Offset high)
{
    beginResetModel();
    reset(QStringLiteral("kafka:") + profile.name);
    QMetaObject::invokeMethod(
        m_loader, [loader = m_loader, profile] { loader->setKafka(profile); }, Qt::QueuedConnection);
    m_kafka = true;
    m_topic = topic;
    m_partition = partition;
    m_low = low;
    m_high = std::max(low, high);
    endResetModel();
}

void RecordTableModel::setMergedTopic(const QString& workspacePath, const QString& topic)
{
    beginResetModel();
    reset(workspacePath);
    m_list = true;
    m_sortedByTime = true;
    m_topic = topic;
    m_topics = {topic};
    endResetModel();
    emit requestMerge(m_generation, topic, kMaxListRows);
}

void RecordTableModel::setList(const QString& workspacePath, const QString& title,
                               const std::optional<KafkaProfile>& kafka)
{
    beginResetModel();
    reset(workspacePath);
    if (kafka) {
        QMetaObject::invokeMethod(
            m_loader, [loader = m_loader, profile = *kafka] { loader->setKafka(profile); },
            Qt::QueuedConnection);
        m_kafka = true;
    }
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
    setPartition(m_path, QString(), 0, 0, 0);
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
