#include "source_kinds.h"

#include "kafka_datadir.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>

namespace rw {
namespace {

// A copy of a broker's data directory (or one partition folder, or one .log segment), read in
// place through KafkaDataDir and never written. Its index is built once; every connection of
// one opened source shares it.
class DataDirSource final : public StoredSource<const KafkaDataDir> {
public:
    DataDirSource(SourceSpec spec, std::shared_ptr<const KafkaDataDir> dir)
        : StoredSource(std::move(spec)), m_dir(std::move(dir))
    {
        m_backend = m_dir.get();
    }
    static Result<std::unique_ptr<RecordSource>> open(const SourceSpec& spec)
    {
        if (spec.writable)
            return makeError(ErrorCode::ReadOnly,
                             QStringLiteral("%1 is a Kafka data directory or segment: it opens read-only, "
                                            "and nothing is ever written to it")
                                 .arg(spec.path));
        auto dir = KafkaDataDir::open(spec.path);
        if (!dir) return dir.error();
        return std::unique_ptr<RecordSource>(std::make_unique<DataDirSource>(spec, std::move(dir.value())));
    }
    QString name() const override { return spec().path; }
    // A copy does not move; every batch's times are in its table.
    SourceCapabilities capabilities() const override
    {
        return {false, false, true, true, true, SchemaFilesHome::None};
    }
    Result<std::unique_ptr<RecordSource>> reopen() const override
    {
        return std::unique_ptr<RecordSource>(std::make_unique<DataDirSource>(spec(), m_dir));
    }
    Result<SourceFacts> facts() override
    {
        SourceFacts f;
        f.readOnly = true;
        f.lagNote = QCoreApplication::translate("rw::SourceWords",
                                                "a copy of a data directory has no lag history; the table "
                                                "shows each partition's lag at the time of the copy");
        f.damage = m_dir->issues();
        f.hiddenTransactions = static_cast<int>(m_dir->abortedTransactions().size());
        f.name = QFileInfo(spec().path).fileName();
        f.title = QCoreApplication::translate("rw::SourceWords", "%1 (Kafka data, read-only)").arg(f.name);
        f.statusLead = QCoreApplication::translate("rw::SourceWords", "Kafka data directory %1 · read-only")
                           .arg(QDir::toNativeSeparators(spec().path));
        if (f.hiddenTransactions)
            f.statusTail =
                QCoreApplication::translate("rw::SourceWords", " · %Ln aborted or open transaction(s) hidden",
                                            nullptr, f.hiddenTransactions);
        return f;
    }
    Result<std::vector<TopicInfo>> topics() override { return m_dir->topics(spec().showInternalTopics); }
    Result<std::vector<GroupSummary>> groups() override { return m_dir->groups(); }
    Result<std::vector<PartitionLag>> groupLag(const QString& name) override { return m_dir->lag(name); }
    // Lag as of the copy; a copy keeps no history.
    Result<GroupState> group(const QString& name) override
    {
        auto lag = m_dir->lag(name);
        if (!lag) return lag.error();
        GroupState g;
        g.partitions = std::move(lag.value());
        return g;
    }

private:
    std::shared_ptr<const KafkaDataDir> m_dir;
};

} // namespace

Result<std::unique_ptr<RecordSource>> openDataDirSource(const SourceSpec& spec)
{
    return DataDirSource::open(spec);
}

} // namespace rw
