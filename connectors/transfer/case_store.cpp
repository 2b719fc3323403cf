#include "case_store.h"

#include "record_source.h"
#include "source_registry.h"
#include "time_parse.h"
#include "workspace_store.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFileInfo>
#include <QHash>

namespace rw {

Result<std::vector<PinState>> resolvePins(RecordSource& source, const std::vector<CasePin>& pins,
                                          const std::atomic_bool* cancel)
{
    std::vector<PinState> states(pins.size());
    QStringList topics;
    QHash<QString, int> partitions; // -1: the topic is gone
    std::vector<RecordRef> refs;
    std::vector<size_t> which;
    for (size_t i = 0; i < pins.size(); ++i) {
        const CasePin& pin = pins[i];
        auto it = partitions.find(pin.topic);
        if (it == partitions.end()) {
            auto t = source.topic(pin.topic);
            if (!t && t.error().code != ErrorCode::NotFound) return t.error();
            it = partitions.insert(pin.topic, t ? static_cast<int>(t->partitions.size()) : -1);
        }
        if (*it < 0) {
            states[i].why = QStringLiteral("topic %1 is gone").arg(pin.topic);
            continue;
        }
        if (pin.partition >= *it) {
            states[i].why = QStringLiteral("partition %1 of %2 is gone").arg(pin.partition).arg(pin.topic);
            continue;
        }
        qsizetype t = topics.indexOf(pin.topic);
        if (t < 0) {
            t = topics.size();
            topics << pin.topic;
        }
        refs.push_back({pin.offset, 0, pin.partition, static_cast<qint32>(t)});
        which.push_back(i);
    }
    auto r = source.readRefs(
        topics, refs,
        [&](size_t i, const RecordView& v) {
            PinState& s = states[which[i]];
            s.found = true;
            s.timestamp = v.timestamp;
            if (!v.keyNull) s.key = QString::fromUtf8(v.key.first(std::min<qsizetype>(200, v.key.size())));
        },
        cancel);
    if (!r) return r.error();
    for (size_t i : which)
        if (!states[i].found)
            states[i].why =
                QStringLiteral("offset %1 of %2-%3 holds no record any more (compacted, deleted or expired)")
                    .arg(pins[i].offset)
                    .arg(pins[i].topic)
                    .arg(pins[i].partition);
    return states;
}

Result<std::unique_ptr<CaseStore>> CaseStore::open(const QString& home, bool create)
{
    if (!QFileInfo::exists(home)) {
        if (!create)
            return makeError(ErrorCode::NotFound, QStringLiteral("no cases are kept at %1 yet").arg(home));
        if (!QDir().mkpath(QFileInfo(home).absolutePath()))
            return makeError(
                ErrorCode::Io,
                QStringLiteral("cannot make the folder for cases %1").arg(QFileInfo(home).absolutePath()));
        auto s = WorkspaceStore::create(home);
        if (!s) return s.error();
        return std::unique_ptr<CaseStore>(new CaseStore(std::move(s.value())));
    }
    auto s = WorkspaceStore::open(home, WorkspaceStore::Mode::ReadWrite);
    if (!s) return s.error();
    return std::unique_ptr<CaseStore>(new CaseStore(std::move(s.value())));
}

Result<std::vector<WorkspaceStore::CaseEntry>> CaseStore::list()
{
    return m_store->cases();
}

Result<Case> CaseStore::load(const QString& name)
{
    auto doc = m_store->caseDocument(name);
    if (!doc) return doc.error();
    if (!doc->has_value())
        return makeError(ErrorCode::NotFound, QStringLiteral("there is no case '%1'").arg(name));
    auto c = Case::fromJson(**doc);
    if (!c) return makeError(c.error().code, QStringLiteral("case '%1': %2").arg(name, c.error().message));
    return c;
}

Result<void> CaseStore::save(const Case& c)
{
    if (c.name.trimmed().isEmpty())
        return makeError(ErrorCode::InvalidArgument, QStringLiteral("a case needs a name"));
    return m_store->saveCase(c.name, c.toJson(), static_cast<qint64>(c.pins.size()),
                             c.updated ? c.updated : currentTimeMs());
}

Result<void> CaseStore::remove(const QString& name)
{
    return m_store->deleteCase(name);
}

Result<void> CaseStore::rename(const QString& from, const QString& to)
{
    if (to.trimmed().isEmpty())
        return makeError(ErrorCode::InvalidArgument, QStringLiteral("a case needs a name"));
    if (from == to) return {};
    auto existing = m_store->caseDocument(to);
    if (!existing) return existing.error();
    if (existing->has_value())
        return makeError(ErrorCode::AlreadyExists,
                         QStringLiteral("there is a case named '%1' already").arg(to));
    auto c = load(from);
    if (!c) return c.error();
    c->name = to;
    if (auto r = m_store->begin(); !r) return r;
    if (auto r = save(*c); !r) {
        m_store->rollback();
        return r;
    }
    if (auto r = m_store->deleteCase(from); !r) {
        m_store->rollback();
        return r;
    }
    return m_store->commit();
}

} // namespace rw
