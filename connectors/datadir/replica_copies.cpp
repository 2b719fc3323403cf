#include "replica_copies.h"

#include "kafka_datadir_impl.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <algorithm>
#include <map>

namespace rw {

namespace {

// The leader-epoch checkpoint: a version line ("0"), a count line, then "epoch offset" lines.
QList<QByteArray> checkpointLines(const QString& path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly) || f.size() > (16 << 20)) return {};
    QList<QByteArray> lines = f.readAll().split('\n');
    if (lines.size() < 2 || lines[0].trimmed() != "0") return {};
    return lines.mid(2);
}

} // namespace

DataDirCopy replicaCopiesOf(const KafkaDataDir& dir)
{
    DataDirCopy out;
    out.path = dir.path();
    // The log dir: the path itself, or the parent of a partition folder or segment.
    QString logDir = dir.path();
    if (!QFileInfo(QDir(logDir).filePath(QStringLiteral("replication-offset-checkpoint"))).exists() &&
        !QFileInfo(QDir(logDir).filePath(QStringLiteral("meta.properties"))).exists())
        logDir = QFileInfo(QFileInfo(logDir).isDir() ? logDir : QFileInfo(logDir).path()).path();
    {
        QFile meta(QDir(logDir).filePath(QStringLiteral("meta.properties")));
        if (meta.open(QIODevice::ReadOnly) && meta.size() < (1 << 16))
            for (const QByteArray& line : meta.readAll().split('\n'))
                if (line.startsWith("node.id=")) {
                    bool ok = false;
                    const int id = line.mid(8).trimmed().toInt(&ok);
                    if (ok) out.nodeId = id;
                }
    }
    const auto hw = datadir::readCheckpoint(logDir, QStringLiteral("replication-offset-checkpoint"));
    for (const TopicInfo& t : dir.topics(true)) {
        for (const PartitionInfo& p : t.partitions) {
            ReplicaCopy c;
            c.topic = t.name;
            c.partition = p.partition;
            c.logStart = p.low;
            c.logEnd = p.high;
            if (auto h = hw.find({t.name, p.partition}); h != hw.end()) c.highWatermark = h->second;
            const QString folder =
                QDir(logDir).filePath(QStringLiteral("%1-%2").arg(t.name).arg(p.partition));
            for (const QByteArray& line :
                 checkpointLines(QDir(folder).filePath(QStringLiteral("leader-epoch-checkpoint")))) {
                const QList<QByteArray> parts = line.trimmed().split(' ');
                if (parts.size() != 2) continue;
                bool okE = false, okO = false;
                const qint32 epoch = parts[0].toInt(&okE);
                const Offset start = parts[1].toLongLong(&okO);
                if (okE && okO && epoch >= 0 && start >= 0) c.epochs.push_back({epoch, start});
            }
            std::sort(c.epochs.begin(), c.epochs.end());
            out.partitions.push_back(std::move(c));
        }
    }
    return out;
}

std::vector<PartitionComparison> compareCopies(const std::vector<DataDirCopy>& copies)
{
    std::map<std::pair<QString, PartitionId>, std::vector<const ReplicaCopy*>> byPartition;
    for (size_t i = 0; i < copies.size(); ++i)
        for (const ReplicaCopy& c : copies[i].partitions) {
            auto& slot = byPartition[{c.topic, c.partition}];
            slot.resize(copies.size(), nullptr);
            slot[i] = &c;
        }
    std::vector<PartitionComparison> out;
    for (const auto& [key, held] : byPartition) {
        PartitionComparison cmp;
        cmp.topic = key.first;
        cmp.partition = key.second;
        int ref = -1;
        for (size_t i = 0; i < held.size(); ++i) {
            if (!held[i]) continue;
            if (ref < 0 || held[i]->lastEpoch() > held[size_t(ref)]->lastEpoch() ||
                (held[i]->lastEpoch() == held[size_t(ref)]->lastEpoch() &&
                 held[i]->logEnd > held[size_t(ref)]->logEnd))
                ref = int(i);
        }
        const ReplicaCopy& r = *held[size_t(ref)];
        // Where the reference's records of `epoch` end: the start of its next newer epoch, or
        // its log end (Kafka's answer to OffsetsForLeaderEpoch).
        auto endOfEpoch = [&](qint32 epoch) {
            for (const auto& [e, start] : r.epochs)
                if (e > epoch) return start;
            return r.logEnd;
        };
        for (size_t i = 0; i < held.size(); ++i) {
            ReplicaVerdict v;
            v.copy = int(i);
            if (!held[i]) {
                v.kind = ReplicaVerdict::Kind::Missing;
            } else if (int(i) == ref) {
                v.kind = ReplicaVerdict::Kind::Reference;
            } else {
                const ReplicaCopy& c = *held[i];
                const Offset end = c.epochs.empty() ? r.logEnd : endOfEpoch(c.lastEpoch());
                if (c.logEnd > end) {
                    v.kind = ReplicaVerdict::Kind::Diverged;
                    v.at = end;
                } else if (c.logEnd < r.logEnd) {
                    v.kind = ReplicaVerdict::Kind::Behind;
                    v.by = r.logEnd - c.logEnd;
                } else {
                    v.kind = ReplicaVerdict::Kind::Same;
                }
            }
            cmp.verdicts.push_back(v);
        }
        out.push_back(std::move(cmp));
    }
    return out;
}

} // namespace rw
