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

void RecordPageLoader::use(const std::shared_ptr<RecordSource>& source,
                           const std::shared_ptr<const Masking>& masking)
{
    if (source != m_source) {
        m_connection.reset();
        m_source = source;
    }
    if (masking != m_masking) {
        m_masking = masking;
        m_masker = masking && masking->hide && !masking->policy.empty()
                       ? std::make_unique<Masker>(masking->policy)
                       : nullptr;
    }
}

Result<RecordSource*> RecordPageLoader::connection()
{
    if (m_connection) return m_connection.get();
    if (!m_source)
        return makeError(ErrorCode::Cancelled, QStringLiteral("no source is open")); // nothing shown
    auto c = m_source->reopen();
    if (!c) return c.error();
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

Result<std::vector<RecordRow>> RecordPageLoader::load(const QString& topic, int partition, qint64 firstOffset,
                                                      int count)
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
    auto source = connection();
    if (!source) return source.error();
    const Offset end = firstOffset + count;
    Offset next = firstOffset; // after the last record read
    const auto fill = [&](const RecordView& v) {
        const qint64 i = v.offset - firstOffset;
        if (i >= 0 && i < count) {
            rows[static_cast<size_t>(i)] = makeRow(v, m_masker.get(), topic);
            next = std::max(next, v.offset + 1);
        }
        return true;
    };
    auto r = source.value()->scan(topic, partition, firstOffset, end, fill);
    if (!r) return r.error();
    if (next < end && source.value()->capabilities().live) {
        // The page's tail held no record. On a cluster that may be markers or compaction, or a
        // read that ended early: a broker that just became leader can answer a high watermark
        // below its predecessor's for a moment. Read the tail once more, and leave offsets at or
        // past the high watermark now unread (the page is read again when shown), not "no record".
        r = source.value()->scan(topic, partition, next, end, fill);
        if (!r) return r.error();
        auto marks = source.value()->watermarks(topic, partition);
        if (marks && marks->second < end)
            rows.resize(static_cast<size_t>(std::max(next, marks->second) - firstOffset));
    }
    return rows;
}

Result<std::vector<RecordRow>> RecordPageLoader::loadRefs(const QStringList& topics,
                                                          const std::vector<RecordRef>& refs)
{
    auto source = connection();
    if (!source) return source.error();
    // Rows default to "gone" (a workspace replaced under us, retention or compaction on a
    // cluster): the row says so and the rest of the page still shows.
    std::vector<RecordRow> rows(refs.size());
    for (size_t i = 0; i < refs.size(); ++i) {
        rows[i].offset = refs[i].offset;
        rows[i].timestamp = refs[i].timestamp;
        rows[i].value = tr("(no longer in the source: replaced, deleted by retention or compacted)");
    }
    auto r = source.value()->readRefs(topics, refs, [&](size_t i, const RecordView& v) {
        rows[i] = makeRow(v, m_masker.get(), topics.value(refs[i].topic));
    });
    if (!r) return r.error();
    return rows;
}

Result<void> RecordPageLoader::merge(const QString& topic, qint64 cap, const CancelToken& cancel,
                                     const Chunk& chunk, const Progress& progress)
{
    auto opened = connection();
    if (!opened) return opened.error();
    RecordSource* source = opened.value();
    if (!source->capabilities().timeIndex)
        return makeError(ErrorCode::InvalidArgument,
                         tr("Pick a partition of %1: merging its partitions by time needs every "
                            "record's time (capture the topic into a workspace for that).")
                             .arg(topic));
    auto all = source->topics();
    if (!all) return all.error();
    const auto info =
        std::find_if(all->begin(), all->end(), [&](const TopicInfo& t) { return t.name == topic; });
    if (info == all->end()) return makeError(ErrorCode::NotFound, tr("unknown topic '%1'").arg(topic));
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
                if (cancel.cancelled()) return false;
                progress(read, total);
            }
            return static_cast<qint64>(c.items.size()) < cap;
        });
        if (!r) return r.error();
        if (cancel.cancelled()) return {};
    }
    using Head = std::pair<std::pair<TimestampMs, int>, size_t>; // (time, partition), cursor
    std::priority_queue<Head, std::vector<Head>, std::greater<>> heads;
    for (size_t i = 0; i < cursors.size(); ++i)
        if (!cursors[i].items.empty()) heads.push({{cursors[i].items[0].first, static_cast<int>(i)}, i});
    std::vector<RecordRef> refs;
    refs.reserve(65536);
    qint64 emitted = 0;
    while (!heads.empty() && emitted < cap) {
        const size_t i = heads.top().second;
        heads.pop();
        Cursor& c = cursors[i];
        const auto& [ts, offset] = c.items[c.next++];
        refs.push_back({offset, ts, static_cast<PartitionId>(i), 0});
        ++emitted;
        if (c.next < c.items.size()) heads.push({{c.items[c.next].first, static_cast<int>(i)}, i});
        if (refs.size() == 65536) {
            if (cancel.cancelled()) return {};
            chunk(std::exchange(refs, {}), false, total);
            refs.reserve(65536);
        }
    }
    chunk(std::move(refs), true, total);
    return {};
}

Result<MergeWindow> RecordPageLoader::mergeWindow(const QString& topic, WindowFrom from, TimestampMs at,
                                                  const MergeWindow& around, qint64 cap,
                                                  const CancelToken& cancel, const Chunk& chunk)
{
    auto opened = connection();
    if (!opened) return opened.error();
    RecordSource* source = opened.value();
    auto info = source->topic(topic);
    if (!info) return info.error();
    std::map<PartitionId, std::pair<Offset, Offset>> marks; // low, high now
    for (const PartitionInfo& p : info->partitions)
        marks[p.partition] = {p.low, p.high};
    const qint64 partitions = std::max<qint64>(1, static_cast<qint64>(marks.size()));
    StreamRequest req;
    req.topic = topic;
    req.timeOrder = true;
    // Before: each partition's last `span` records before the window, then only what is at or after
    // the latest first time among partitions that hold more before it: a window with no hole.
    const Offset span = std::max<Offset>(2000, 2 * cap / partitions);
    switch (from) {
    case WindowFrom::Beginning:
        req.start = {OffsetSpec::Beginning, 0};
        req.maxRecords = cap;
        break;
    case WindowFrom::Time:
        req.start = {OffsetSpec::Time, at};
        req.maxRecords = cap;
        break;
    case WindowFrom::After:
        for (const auto& [p, lh] : marks) {
            const Offset begin = around.ends.count(p) ? around.ends.at(p) : lh.first;
            if (begin < lh.second) req.ranges[p] = {std::max(begin, lh.first), lh.second};
        }
        req.maxRecords = cap;
        break;
    case WindowFrom::Before:
    case WindowFrom::End:
        for (const auto& [p, lh] : marks) {
            const Offset end = from == WindowFrom::End  ? lh.second
                               : around.starts.count(p) ? around.starts.at(p)
                                                        : lh.first;
            if (end > lh.first) req.ranges[p] = {std::max(lh.first, end - span), end};
        }
        break;
    }
    std::vector<RecordRef> refs;
    std::map<PartitionId, Offset> firstSeen, lastSeen;
    std::map<PartitionId, TimestampMs> firstTime;
    StreamReport report;
    const bool backwards = from == WindowFrom::Before || from == WindowFrom::End;
    const bool nothing = (from == WindowFrom::After || backwards) && req.ranges.empty();
    if (!nothing) {
        auto r = source->stream(
            req,
            [&](const QString&, const RecordView& v) {
                refs.push_back({v.offset, v.timestamp, v.partition, 0});
                if (!firstSeen.count(v.partition)) {
                    firstSeen[v.partition] = v.offset;
                    firstTime[v.partition] = v.timestamp;
                }
                lastSeen[v.partition] = v.offset;
                if (!backwards && refs.size() >= 65536) {
                    chunk(std::exchange(refs, {}), false, cap);
                    refs.reserve(65536);
                }
                return !cancel.cancelled();
            },
            cancel.flag());
        if (!r) return r.error();
        if (cancel.cancelled()) return makeError(ErrorCode::Cancelled, QStringLiteral("cancelled"));
        report = r.value();
    }
    MergeWindow w;
    if (backwards) {
        std::optional<TimestampMs> cut;
        for (const auto& [p, range] : req.ranges)
            if (range.first > marks[p].first && firstTime.count(p))
                cut = std::max(cut.value_or(firstTime[p]), firstTime[p]);
        // Per partition, everything from its first record at or after the cut (a suffix).
        std::map<PartitionId, Offset> keepFrom;
        for (const RecordRef& ref : refs)
            if ((!cut || ref.timestamp >= *cut) && !keepFrom.count(ref.partition))
                keepFrom[ref.partition] = ref.offset;
        std::erase_if(refs, [&](const RecordRef& ref) {
            auto k = keepFrom.find(ref.partition);
            return k == keepFrom.end() || ref.offset < k->second;
        });
        for (const auto& [p, range] : req.ranges) {
            w.starts[p] = keepFrom.count(p) ? keepFrom[p] : range.second;
            w.ends[p] = range.second;
        }
        for (const auto& [p, lh] : marks)
            if (!w.starts.count(p))
                w.starts[p] = w.ends[p] = from == WindowFrom::End  ? lh.second
                                          : around.starts.count(p) ? around.starts.at(p)
                                                                   : lh.first;
    } else {
        std::map<PartitionId, Offset> began;
        for (const StreamPartition& sp : report.partitions)
            began[sp.partition] = sp.start;
        for (const auto& [p, lh] : marks) {
            const Offset start = from == WindowFrom::After
                                     ? (around.ends.count(p) ? around.ends.at(p) : lh.first)
                                 : firstSeen.count(p) ? firstSeen[p]
                                 : began.count(p)     ? began[p]
                                                      : lh.second;
            w.starts[p] = start;
            w.ends[p] = lastSeen.count(p) ? lastSeen[p] + 1 : start;
        }
    }
    w.atStart = true;
    w.atEnd = true;
    for (const auto& [p, lh] : marks) {
        if (w.starts[p] > lh.first) w.atStart = false;
        if (w.ends[p] < lh.second) w.atEnd = false;
    }
    chunk(std::move(refs), true, cap);
    return w;
}

Result<qint64> RecordPageLoader::pollEnd(const QString& topic, int partition)
{
    auto source = connection();
    if (!source) return source.error();
    auto w = source.value()->watermarks(topic, partition); // re-read: sees other writers' appends
    if (!w) return w.error();
    return w->second;
}

Result<Record> RecordPageLoader::fetch(const QString& topic, int partition, qint64 offset)
{
    auto source = connection();
    if (!source) return source.error();
    auto r = source.value()->read(topic, partition, offset);
    if (!r) return r.error();
    if (!r.value())
        return makeError(
            ErrorCode::NotFound,
            tr("%1-%2 has no record at offset %3 (a transaction marker, compacted or not captured)")
                .arg(topic)
                .arg(partition)
                .arg(offset));
    return std::move(*r.value());
}

Result<qint64> RecordPageLoader::seekTime(const QString& topic, int partition, qint64 timestamp)
{
    auto source = connection();
    if (!source) return source.error();
    auto o = source.value()->offsetForTime(topic, partition, timestamp);
    if (!o) return o.error();
    return o.value().value_or(-1);
}

RecordTableModel::RecordTableModel(QObject* parent)
    : QAbstractTableModel(parent), m_jobs(new JobRunner(this, 1))
{
    qRegisterMetaType<Record>();
}

RecordTableModel::~RecordTableModel() = default; // the runner drops queued jobs, waits for running ones

template <typename T>
void RecordTableModel::read(
    std::function<Result<T>(RecordPageLoader&, const CancelToken&, const JobRunner::Post&)> work,
    std::function<void(T&&)> done)
{
    m_jobs->addStreaming<T>(
        [loader = m_loader, source = m_source, masking = m_masking,
         work = std::move(work)](const CancelToken& cancel, const JobRunner::Post& post) {
            loader->use(source, masking);
            return work(*loader, cancel, post);
        },
        [this, done = std::move(done)](Result<T> r) {
            if (!r) {
                if (r.error().code != ErrorCode::Cancelled) emit loadError(r.error().message);
                return;
            }
            done(std::move(r.value()));
        });
}

void RecordTableModel::newView()
{
    m_jobs->cancel(); // pages of the previous view still in flight are dropped
}

void RecordTableModel::onEnd(qint64 high)
{
    if (m_list || high <= m_high) return;
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
}

// Inside begin/endResetModel: forgets everything of the previous view.
void RecordTableModel::reset(const std::shared_ptr<RecordSource>& source)
{
    newView();
    m_source = source; // each job takes it along: the loader connects again when it changes
    m_pages.clear();
    m_lru.clear();
    m_requested.clear();
    m_refs.clear();
    m_refs.shrink_to_fit();
    m_topics.clear();
    m_list = false;
    m_sortedByTime = false;
    m_truncated = false;
    m_window.reset();
    m_windowBusy = false;
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

void RecordTableModel::startMergedList(const std::shared_ptr<RecordSource>& source, const QString& topic,
                                       std::optional<MergeWindow> window)
{
    beginResetModel();
    reset(source);
    m_list = true;
    m_sortedByTime = true;
    m_topic = topic;
    m_topics = {topic};
    m_window = std::move(window);
    endResetModel();
}

void RecordTableModel::setMergedTopic(const std::shared_ptr<RecordSource>& source, const QString& topic)
{
    startMergedList(source, topic, std::nullopt);
    read<bool>(
        [this, topic](RecordPageLoader& loader, const CancelToken& cancel,
                      const JobRunner::Post& post) -> Result<bool> {
            auto r = loader.merge(
                topic, kMaxListRows, cancel,
                [&](std::vector<RecordRef>&& refs, bool last, qint64 total) {
                    // Posted to the GUI thread, and dropped there once another view has begun.
                    post([this, refs = std::make_shared<std::vector<RecordRef>>(std::move(refs)), last,
                          total] { onMerged(std::move(*refs), last, total); });
                },
                [&](qint64 done, qint64 total) {
                    post([this, done, total] { emit mergeProgress(done, total); });
                });
            if (!r) return r.error();
            return true;
        },
        [](bool&&) {});
}

void RecordTableModel::setMergedWindow(const std::shared_ptr<RecordSource>& source, const QString& topic,
                                       WindowFrom from, TimestampMs at)
{
    startMergedList(source, topic, MergeWindow{});
    loadWindow(from, at, false);
}

void RecordTableModel::earlierWindow()
{
    if (m_window && !m_window->atStart && !m_windowBusy) loadWindow(WindowFrom::Before, 0, false);
}

void RecordTableModel::laterWindow()
{
    if (m_window && !m_window->atEnd && !m_windowBusy) loadWindow(WindowFrom::After, 0, false);
}

void RecordTableModel::loadWindow(WindowFrom from, TimestampMs at, bool append)
{
    const MergeWindow around = *m_window;
    if (!append && from != WindowFrom::Beginning && from != WindowFrom::Time && from != WindowFrom::End) {
        // The rows of the window shown make way for the next (or previous) one.
        startMergedList(std::shared_ptr<RecordSource>(m_source), QString(m_topic), around);
    }
    m_windowBusy = true;
    const qint64 room =
        append ? std::max<qint64>(0, kMaxListRows - static_cast<qint64>(m_refs.size())) : kMergeWindow;
    read<MergeWindow>(
        [this, topic = m_topic, from, at, around, room](RecordPageLoader& loader, const CancelToken& cancel,
                                                        const JobRunner::Post& post) -> Result<MergeWindow> {
            return loader.mergeWindow(topic, from, at, around, std::min(room, kMergeWindow), cancel,
                                      [&](std::vector<RecordRef>&& refs, bool, qint64) {
                                          post([this, refs = std::make_shared<std::vector<RecordRef>>(
                                                          std::move(refs))] { insertRefs(*refs); });
                                      });
        },
        [this, append, around](MergeWindow&& w) {
            m_windowBusy = false;
            if (append) { // the tail: the window grows at its end
                w.starts = around.starts;
                w.atStart = around.atStart;
                m_truncated = static_cast<qint64>(m_refs.size()) >= kMaxListRows;
            }
            m_window = std::move(w);
            emit windowLoaded();
        });
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
    newView();
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

void RecordTableModel::insertRefs(const std::vector<RecordRef>& refs)
{
    if (refs.empty()) return;
    const int first = static_cast<int>(m_refs.size());
    beginInsertRows({}, first, first + static_cast<int>(refs.size()) - 1);
    m_refs.insert(m_refs.end(), refs.begin(), refs.end());
    endInsertRows();
}

void RecordTableModel::onMerged(std::vector<RecordRef>&& refs, bool last, qint64 total)
{
    insertRefs(refs);
    emit mergeProgress(static_cast<qint64>(m_refs.size()), total);
    if (last) {
        m_truncated = static_cast<qint64>(m_refs.size()) < total;
        emit mergeFinished(static_cast<qint64>(m_refs.size()), m_truncated);
    }
}

void RecordTableModel::pollTail()
{
    // A merged window at the end grows by what was written after it.
    if (m_window && m_window->atEnd && !m_windowBusy && static_cast<qint64>(m_refs.size()) < kMaxListRows) {
        loadWindow(WindowFrom::After, 0, true);
        return;
    }
    if (m_list || m_topic.isEmpty()) return;
    read<qint64>([topic = m_topic, partition = m_partition](
                     RecordPageLoader& loader, const CancelToken&,
                     const JobRunner::Post&) { return loader.pollEnd(topic, partition); },
                 [this](qint64&& high) { onEnd(high); });
}

void RecordTableModel::clear()
{
    setPartition(m_source, QString(), 0, 0, 0);
}

void RecordTableModel::setMasking(const MaskPolicy& policy, bool hide)
{
    // Jobs from now on take the new masking along; the pages cached are read again.
    m_masking = std::make_shared<const Masking>(Masking{policy, hide});
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
    QString topic = m_topic;
    PartitionId partition = m_partition;
    Offset offset = m_low + row;
    if (const RecordRef* r = refAt(row)) {
        topic = m_topics.at(r->topic);
        partition = r->partition;
        offset = r->offset;
    } else if (m_list) {
        return;
    }
    read<Record>(
        [topic, partition, offset](RecordPageLoader& loader, const CancelToken&, const JobRunner::Post&) {
            return loader.fetch(topic, partition, offset);
        },
        [this](Record&& r) { emit recordReady(r); });
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
    read<qint64>([topic = m_topic, partition = m_partition,
                  timestamp](RecordPageLoader& loader, const CancelToken&,
                             const JobRunner::Post&) { return loader.seekTime(topic, partition, timestamp); },
                 [this](qint64&& offset) { emit rowForTime(offset < 0 ? -1 : rowForOffset(offset)); });
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
        // A list page read before more rows were appended to it, or a page of a live partition
        // whose tail was not readable yet: read it again.
        m_lru.erase(it->second.second);
        m_pages.erase(it);
    }
    if (m_requested.insert(page).second) {
        auto* self = const_cast<RecordTableModel*>(this);
        auto loaded = [self, page](std::vector<RecordRow>&& rows) { self->onLoaded(page, std::move(rows)); };
        if (m_list) {
            const size_t first = static_cast<size_t>(page * kPageSize);
            const size_t last = std::min(m_refs.size(), first + kPageSize);
            self->read<std::vector<RecordRow>>(
                [topics = m_topics,
                 refs = std::vector<RecordRef>(m_refs.begin() + static_cast<std::ptrdiff_t>(first),
                                               m_refs.begin() + static_cast<std::ptrdiff_t>(last))](
                    RecordPageLoader& loader, const CancelToken&, const JobRunner::Post&) {
                    return loader.loadRefs(topics, refs);
                },
                loaded);
        } else {
            const Offset first = m_low + page * kPageSize;
            const int count = static_cast<int>(std::min<qint64>(kPageSize, m_high - first));
            self->read<std::vector<RecordRow>>(
                [topic = m_topic, partition = m_partition, first,
                 count](RecordPageLoader& loader, const CancelToken&, const JobRunner::Post&) {
                    return loader.load(topic, partition, first, count);
                },
                loaded);
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

void RecordTableModel::onLoaded(qint64 page, std::vector<RecordRow>&& rows)
{
    m_requested.erase(page);
    m_lru.push_front(page);
    m_pages[page] = {std::move(rows), m_lru.begin()};
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
