#include "workspace_store_impl.h"

#include "header_codec.h"
#include "json.h"
#include "row_feed.h"
#include "sqlite_util.h"
#include "time_parse.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QUrl>

#include <algorithm>
#include <map>
#include <set>

namespace rw {

Result<void> WorkspaceStore::createGroup(const QString& group, const std::vector<QString>& topicNames)
{
    if (auto r = d->refuseIfReadOnly("create a consumer group"); !r) return r;
    if (group.isEmpty()) return makeError(ErrorCode::InvalidArgument, QStringLiteral("a group needs a name"));
    sql::Transaction tx = d->write();
    if (auto r = d->beginWrite(tx); !r) return r;
    auto gid = d->groupId(group, true);
    if (!gid) return gid.error();
    sql::Stmt ins(d->db, "INSERT OR IGNORE INTO group_topics(group_id, topic_id) VALUES(?, ?)");
    for (const QString& t : topicNames) {
        auto it = d->topics.constFind(t);
        if (it == d->topics.constEnd())
            return makeError(ErrorCode::NotFound, QStringLiteral("unknown topic '%1'").arg(t));
        ins.reset();
        ins.bind(1, gid.value()).bind(2, it->id);
        if (ins.step() != SQLITE_DONE) {
            return d->err(QStringLiteral("subscribing group '%1'").arg(group));
        }
    }
    if (auto r = tx.commit(); !r) return r;
    return {};
}

Result<void> WorkspaceStore::commitOffsets(const QString& group, const std::vector<GroupOffset>& offsets,
                                           std::optional<TimestampMs> at)
{
    if (auto r = d->refuseIfReadOnly("commit offsets"); !r) return r;
    std::vector<QString> topicNames;
    for (const GroupOffset& o : offsets)
        if (std::find(topicNames.begin(), topicNames.end(), o.topic) == topicNames.end())
            topicNames.push_back(o.topic);
    sql::Transaction tx = d->write();
    if (auto r = d->beginWrite(tx); !r) return r;
    ++d->txDepth; // createGroup below joins this transaction
    auto created = createGroup(group, topicNames);
    --d->txDepth;
    if (!created) return created.error();
    auto gid = d->groupId(group, false);
    if (!gid) return gid.error();
    sql::Stmt up(d->db,
                 "INSERT INTO group_offsets(group_id, pid, committed, metadata, commit_ms) VALUES(?,?,?,?,?) "
                 "ON CONFLICT(group_id, pid) DO UPDATE SET committed=excluded.committed, "
                 "metadata=excluded.metadata, commit_ms=excluded.commit_ms");
    const TimestampMs now = currentTimeMs();
    for (const GroupOffset& o : offsets) {
        auto pr = d->part(o.topic, o.partition);
        if (!pr) return pr.error();
        if (o.offset < 0 || o.offset > pr.value()->next)
            return makeError(ErrorCode::OutOfRange,
                             QStringLiteral("cannot commit offset %1 for %2-%3: valid offsets are 0..%4")
                                 .arg(o.offset)
                                 .arg(o.topic)
                                 .arg(o.partition)
                                 .arg(pr.value()->next));
        up.reset();
        up.bind(1, gid.value())
            .bind(2, pr.value()->pid)
            .bind(3, o.offset)
            .bindText(4, o.metadata)
            .bind(5, at.value_or(now));
        if (up.step() != SQLITE_DONE) return d->err(QStringLiteral("committing offsets"));
    }
    if (auto r = tx.commit(); !r) return r;
    return {};
}

Result<std::vector<GroupOffset>> WorkspaceStore::committedOffsets(const QString& group)
{
    auto gid = d->groupId(group, false);
    if (!gid) return gid.error();
    sql::Stmt q(d->db, "SELECT t.name, p.partition, o.committed, o.metadata FROM group_offsets o "
                       "JOIN partitions p ON p.id = o.pid JOIN topics t ON t.id = p.topic_id "
                       "WHERE o.group_id = ? ORDER BY t.name, p.partition");
    q.bind(1, gid.value());
    std::vector<GroupOffset> out;
    int rc;
    while ((rc = q.step()) == SQLITE_ROW)
        out.push_back({q.text(0), static_cast<PartitionId>(q.int64(1)), q.int64(2), q.text(3)});
    if (rc != SQLITE_DONE) return d->err(QStringLiteral("reading offsets of '%1'").arg(group));
    return out;
}

Result<std::vector<PartitionLag>> WorkspaceStore::lag(const QString& group)
{
    if (d->txDepth == 0) {
        if (auto r = d->loadCatalogue(); !r) return r.error();
    }
    auto gid = d->groupId(group, false);
    if (!gid) return gid.error();
    // Every partition of a subscribed topic, plus any other partition with a commit.
    std::set<qint64> pids;
    sql::Stmt sub(d->db, "SELECT p.id FROM group_topics g JOIN partitions p ON p.topic_id = g.topic_id "
                         "WHERE g.group_id = ?");
    sub.bind(1, gid.value());
    while (sub.step() == SQLITE_ROW)
        pids.insert(sub.int64(0));
    struct Commit {
        Offset offset;
        TimestampMs at;
    };
    std::map<qint64, Commit> commits;
    sql::Stmt q(d->db, "SELECT pid, committed, commit_ms FROM group_offsets WHERE group_id = ?");
    q.bind(1, gid.value());
    int rc;
    while ((rc = q.step()) == SQLITE_ROW) {
        commits[q.int64(0)] = {q.int64(1), q.int64(2)};
        pids.insert(q.int64(0));
    }
    if (rc != SQLITE_DONE) return d->err(QStringLiteral("reading offsets of '%1'").arg(group));
    std::vector<PartitionLag> out;
    for (qint64 pid : pids) {
        auto pit = d->parts.find(pid);
        if (pit == d->parts.end()) continue;
        const PartState& p = pit->second;
        PartitionLag l;
        l.topic = p.topic;
        l.partition = p.partition;
        l.end = p.next;
        l.held = p.count;
        if (auto c = commits.find(pid); c != commits.end()) {
            l.committed = c->second.offset;
            l.commitTime = c->second.at;
            l.lag = std::max<qint64>(0, p.next - c->second.offset);
        }
        out.push_back(std::move(l));
    }
    std::sort(out.begin(), out.end(), [](const PartitionLag& a, const PartitionLag& b) {
        return a.topic != b.topic ? a.topic < b.topic : a.partition < b.partition;
    });
    return out;
}

Result<void> WorkspaceStore::addLagSamples(const QString& group, const std::vector<LagSample>& samples,
                                           bool create)
{
    if (auto r = d->refuseIfReadOnly("record lag samples"); !r) return r;
    sql::Transaction tx = d->write();
    if (auto r = d->beginWrite(tx); !r) return r;
    auto gid = d->groupId(group, create);
    if (!gid) return gid.error();
    sql::Stmt ins(d->db, "INSERT OR REPLACE INTO lag_samples(group_id, ts, lag) VALUES(?, ?, ?)");
    for (const LagSample& l : samples) {
        ins.reset();
        ins.bind(1, gid.value()).bind(2, l.at).bind(3, l.lag);
        if (ins.step() != SQLITE_DONE) {
            return d->err(QStringLiteral("recording lag of '%1'").arg(group));
        }
    }
    if (auto r = tx.commit(); !r) return r;
    return {};
}

Result<qint64> WorkspaceStore::pruneLagSamples(const QString& group, TimestampMs before, qint64 keep)
{
    if (auto r = d->refuseIfReadOnly("prune lag samples"); !r) return r.error();
    auto gid = d->groupId(group, false);
    if (!gid) return gid.error();
    sql::Transaction tx = d->write();
    if (auto r = d->beginWrite(tx); !r) return r.error();
    sql::Stmt del(d->db, "DELETE FROM lag_samples WHERE group_id = ?1 AND (ts < ?2 OR ts <= (SELECT ts FROM "
                         "lag_samples WHERE group_id = ?1 ORDER BY ts DESC LIMIT 1 OFFSET ?3))");
    del.bind(1, gid.value()).bind(2, before).bind(3, std::max<qint64>(0, keep));
    if (del.step() != SQLITE_DONE)
        return d->err(QStringLiteral("pruning the lag history of '%1'").arg(group));
    const qint64 gone = sqlite3_changes64(d->db);
    if (auto r = tx.commit(); !r) return r.error();
    return gone;
}

Result<qint64> WorkspaceStore::startJournal(const QString& name, const QString& jobId, const QString& jobJson,
                                            const QString& target, qint64 resumedAfter)
{
    if (auto r = d->refuseIfReadOnly("write the replay journal"); !r) return r.error();
    sql::Stmt ins(d->db,
                  "INSERT INTO replay_journal(name, job_id, job_json, target, started_ms, outcome, written, "
                  "resumed_after) VALUES(?, ?, ?, ?, ?, 'running', 0, ?)");
    ins.bindText(1, name)
        .bindText(2, jobId)
        .bindText(3, jobJson)
        .bindText(4, target)
        .bind(5, currentTimeMs())
        .bind(6, resumedAfter);
    if (ins.step() != SQLITE_DONE) return d->err(QStringLiteral("writing the replay journal"));
    return sqlite3_last_insert_rowid(d->db);
}

Result<void> WorkspaceStore::updateJournal(qint64 id, qint64 written, const std::optional<QString>& outcome)
{
    if (auto r = d->refuseIfReadOnly("write the replay journal"); !r) return r;
    sql::Stmt up(d->db,
                 outcome ? "UPDATE replay_journal SET written = ?, outcome = ?, finished_ms = ? WHERE id = ?"
                         : "UPDATE replay_journal SET written = ? WHERE id = ?");
    up.bind(1, written);
    if (outcome)
        up.bindText(2, *outcome).bind(3, currentTimeMs()).bind(4, id);
    else
        up.bind(2, id);
    if (up.step() != SQLITE_DONE) return d->err(QStringLiteral("writing the replay journal"));
    return {};
}

Result<std::vector<JournalEntry>> WorkspaceStore::journal()
{
    std::vector<JournalEntry> out;
    if (!d->hasJournal) return out;
    sql::Stmt q(d->db,
                "SELECT id, name, job_id, job_json, target, started_ms, finished_ms, outcome, written, "
                "resumed_after FROM replay_journal ORDER BY id");
    int rc;
    while ((rc = q.step()) == SQLITE_ROW) {
        JournalEntry e;
        e.id = q.int64(0);
        e.name = q.text(1);
        e.jobId = q.text(2);
        e.jobJson = q.text(3);
        e.target = q.text(4);
        e.started = q.int64(5);
        if (!q.isNull(6)) e.finished = q.int64(6);
        e.outcome = q.text(7);
        e.written = q.int64(8);
        e.resumedAfter = q.int64(9);
        out.push_back(std::move(e));
    }
    if (rc != SQLITE_DONE) return d->err(QStringLiteral("reading the replay journal"));
    return out;
}

Result<void> WorkspaceStore::addAudit(const QString& action, const QString& target, const QString& detail)
{
    if (auto r = d->refuseIfReadOnly("write the audit log"); !r) return r;
    sql::Stmt ins(d->db, "INSERT INTO audit_log(ts, action, target, detail) VALUES(?, ?, ?, ?)");
    ins.bind(1, currentTimeMs()).bindText(2, action).bindText(3, target).bindText(4, detail);
    if (ins.step() != SQLITE_DONE) return d->err(QStringLiteral("writing the audit log"));
    return {};
}

Result<std::vector<AuditEntry>> WorkspaceStore::auditLog()
{
    std::vector<AuditEntry> out;
    if (!d->hasJournal) return out;
    sql::Stmt q(d->db, "SELECT ts, action, target, detail FROM audit_log ORDER BY id");
    int rc;
    while ((rc = q.step()) == SQLITE_ROW)
        out.push_back({q.int64(0), q.text(1), q.text(2), q.text(3)});
    if (rc != SQLITE_DONE) return d->err(QStringLiteral("reading the audit log"));
    return out;
}

Result<std::vector<LagSample>> WorkspaceStore::lagSamples(const QString& group, TimestampMs from,
                                                          TimestampMs to)
{
    auto gid = d->groupId(group, false);
    if (!gid) return gid.error();
    std::vector<LagSample> out;
    if (!d->hasLagSamples) return out; // an older file opened read-only has no history
    sql::Stmt q(d->db,
                "SELECT ts, lag FROM lag_samples WHERE group_id = ? AND ts >= ? AND ts < ? ORDER BY ts");
    q.bind(1, gid.value()).bind(2, from).bind(3, to);
    int rc;
    while ((rc = q.step()) == SQLITE_ROW)
        out.push_back({q.int64(0), q.int64(1)});
    if (rc != SQLITE_DONE) return d->err(QStringLiteral("reading the lag history of '%1'").arg(group));
    return out;
}

Result<std::vector<GroupSummary>> WorkspaceStore::groups()
{
    sql::Stmt q(d->db, "SELECT name FROM groups ORDER BY name");
    std::vector<QString> names;
    int rc;
    while ((rc = q.step()) == SQLITE_ROW)
        names.push_back(q.text(0));
    if (rc != SQLITE_DONE) return d->err(QStringLiteral("listing groups"));
    std::vector<GroupSummary> out;
    for (const QString& name : names) {
        auto lags = lag(name);
        if (!lags) return lags.error();
        out.push_back(summarizeGroup(name, lags.value()));
    }
    return out;
}

} // namespace rw
