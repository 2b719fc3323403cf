#include "kafka_datadir_impl.h"

namespace rw {

using namespace datadir;

Result<void> KafkaDataDir::Impl::loadGroups() const
{
    std::call_once(groupsOnce, [&] {
        BatchScratch scratch;
        for (const Part& p : parts) {
            if (p.topic != QLatin1String("__consumer_offsets")) continue;
            (void)forBatches(p, 0, std::numeric_limits<Offset>::max(), scratch, [&](const RecordView& v) {
                parseOffsetCommit(v);
                return true;
            });
        }
    });
    if (groupsError) return *groupsError;
    return {};
}

void KafkaDataDir::Impl::parseOffsetCommit(const RecordView& v) const
{
    struct Cur {
        const uchar* p;
        const uchar* end;
        bool ok = true;
        bool need(qint64 n)
        {
            if (!ok || end - p < n) ok = false;
            return ok;
        }
        qint64 be(int bytes)
        {
            if (!need(bytes)) return 0;
            quint64 x = 0;
            for (int i = 0; i < bytes; ++i)
                x = (x << 8) | p[i];
            p += bytes;
            if (bytes == 2) return static_cast<qint16>(x);
            if (bytes == 4) return static_cast<qint32>(x);
            return static_cast<qint64>(x);
        }
        QString str()
        {
            const qint64 n = be(2);
            if (n < 0 || !need(n)) return ok = false, QString();
            QString s = QString::fromUtf8(reinterpret_cast<const char*>(p), n);
            p += n;
            return s;
        }
        quint64 uvarint()
        {
            quint64 x = 0;
            for (int shift = 0; shift < 64; shift += 7) {
                if (!need(1)) return 0;
                const uchar b = *p++;
                x |= quint64(b & 0x7f) << shift;
                if (!(b & 0x80)) return x;
            }
            ok = false;
            return 0;
        }
        QString compactStr()
        {
            const quint64 n = uvarint();
            if (n == 0) return QString();
            if (!need(static_cast<qint64>(n - 1))) return QString();
            QString s = QString::fromUtf8(reinterpret_cast<const char*>(p), static_cast<qsizetype>(n - 1));
            p += n - 1;
            return s;
        }
    };
    if (v.keyNull) return;
    Cur k{reinterpret_cast<const uchar*>(v.key.data()),
          reinterpret_cast<const uchar*>(v.key.data()) + v.key.size()};
    const qint64 keyVersion = k.be(2);
    if (!k.ok || (keyVersion != 0 && keyVersion != 1)) return;
    const QString group = k.str();
    const QString topic = k.str();
    const PartitionId partition = static_cast<PartitionId>(k.be(4));
    if (!k.ok) return;
    auto& byGroup = commits[group];
    if (v.valueNull) {
        byGroup.erase({topic, partition});
        if (byGroup.empty()) commits.erase(group);
        return;
    }
    Cur c{reinterpret_cast<const uchar*>(v.value.data()),
          reinterpret_cast<const uchar*>(v.value.data()) + v.value.size()};
    const qint64 version = c.be(2);
    Commit commit;
    commit.offset = c.be(8);
    if (version >= 3) (void)c.be(4); // leader epoch
    commit.metadata = version >= 4 ? c.compactStr() : c.str();
    commit.at = c.be(8);
    if (!c.ok || version < 0 || version > 4 || commit.offset < 0) return; // unknown shape: skip
    byGroup[{topic, partition}] = commit;
}

Result<std::vector<GroupOffset>> KafkaDataDir::committedOffsets(const QString& group) const
{
    if (auto r = d->loadGroups(); !r) return r.error();
    std::vector<GroupOffset> out;
    if (auto it = d->commits.find(group); it != d->commits.end())
        for (const auto& [tp, c] : it->second)
            out.push_back({tp.first, tp.second, c.offset, c.metadata});
    return out;
}

Result<std::vector<PartitionLag>> KafkaDataDir::lag(const QString& group) const
{
    if (auto r = d->loadGroups(); !r) return r.error();
    std::vector<PartitionLag> out;
    auto it = d->commits.find(group);
    if (it == d->commits.end())
        return makeError(ErrorCode::NotFound,
                         QStringLiteral("no consumer group '%1' in %2").arg(group, d->path));
    std::vector<QString> topics;
    for (const auto& [tp, c] : it->second)
        if (std::find(topics.begin(), topics.end(), tp.first) == topics.end()) topics.push_back(tp.first);
    for (const QString& t : topics)
        for (const Part& p : d->parts) {
            if (p.topic != t) continue;
            PartitionLag l;
            l.topic = t;
            l.partition = p.partition;
            l.end = p.info.stableEnd(); // as a read_committed consumer sees the end: the LSO
            l.held = p.info.count;
            if (auto c = it->second.find({t, p.partition}); c != it->second.end()) {
                l.committed = c->second.offset;
                l.lag = std::max<qint64>(0, l.end - c->second.offset);
                l.commitTime = c->second.at;
            }
            out.push_back(l);
        }
    return out;
}

Result<std::vector<GroupSummary>> KafkaDataDir::groups() const
{
    if (auto r = d->loadGroups(); !r) return r.error();
    std::vector<GroupSummary> out;
    for (const auto& [name, byPartition] : d->commits) {
        GroupSummary g;
        g.name = name;
        g.state = QStringLiteral("as copied");
        // Every topic it committed on, also those the copy does not hold (no lag there).
        for (const auto& [tp, c] : byPartition)
            if (std::find(g.topics.begin(), g.topics.end(), tp.first) == g.topics.end())
                g.topics.push_back(tp.first);
        auto l = lag(name);
        if (!l) return l.error();
        for (const PartitionLag& pl : l.value()) {
            if (pl.committed) {
                ++g.partitionsWithCommit;
                g.totalLag += pl.lag.value_or(0);
                if (pl.lag) g.noteLag(pl.topic, *pl.lag);
            } else {
                ++g.partitionsWithoutCommit;
                g.uncommittedHeld += pl.held;
            }
        }
        out.push_back(std::move(g));
    }
    return out;
}

} // namespace rw
