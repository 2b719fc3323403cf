// rewind-cli case: the cases a workspace keeps (pins with notes, pinned time ranges, saved views,
// a summary; core/case_file.h), whether each pin's record is still there and, on a cluster, when
// retention will delete it; --keep copies what the case pins into its case workspace (evidence.h).
#include "case_store.h"
#include "cli_common.h"
#include "evidence.h"
#include "source_registry.h"
#include "time_parse.h"
#include "workspace_store.h"

#include <QFileInfo>

namespace rw::cli {

namespace {

QString caseExpiryCell(const Expiry& e, TimestampMs now)
{
    QString text = expiryText(e, now);
    if (e.kept)
        text =
            e.state == Expiry::State::Gone ? QStringLiteral("kept (gone)") : QStringLiteral("kept; ") + text;
    return text;
}

} // namespace

int cmdCase(const QStringList& args)
{
    QCommandLineParser p;
    p.addPositionalArgument(QStringLiteral("workspace"),
                            QStringLiteral("The workspace that keeps the cases (a case bundle, or a case "
                                           "workspace of a cluster's); with -b/--profile, leave it out: the "
                                           "cluster's case workspace is used."),
                            QStringLiteral("[workspace]"));
    p.addPositionalArgument(QStringLiteral("case"), QStringLiteral("A case to show (default: list them)."),
                            QStringLiteral("[case]"));
    const QCommandLineOption sourceOpt(QStringLiteral("source"),
                                       QStringLiteral("Look the pins up in this workspace or data directory "
                                                      "(default: the workspace that keeps the case)."),
                                       QStringLiteral("path"));
    p.addOption(sourceOpt);
    addKafkaOptions(p);
    const QCommandLineOption casesOpt(
        QStringLiteral("cases"),
        QStringLiteral("With -b/--profile: the folder of the window's case workspaces (default: the window's "
                       "own, %1).")
            .arg(windowCasesDir()),
        QStringLiteral("dir"));
    p.addOption(casesOpt);
    const QCommandLineOption keepOpt(
        QStringLiteral("keep"),
        QStringLiteral("Keep the evidence: copy the case's pinned records and the records of its time ranges "
                       "(with their schemas) from the source into the case workspace, so the case opens "
                       "without the source."));
    p.addOption(keepOpt);
    if (int rc = parseOrExit(
            p, args,
            QStringLiteral("List a workspace's cases, or show one: its summary, time ranges, saved views and "
                           "pins, each pin found or missing and, on a cluster, when retention deletes it."));
        rc >= 0)
        return rc;
    const QStringList pos = p.positionalArguments();
    const bool cluster = wantsKafka(p);
    std::shared_ptr<RecordSource> source;
    QString home, name;
    if (cluster) {
        if (pos.size() > 1) return usage(QStringLiteral("with -b/--profile, give at most a case"), p);
        if (p.isSet(sourceOpt)) return usage(QStringLiteral("give either --source or -b/--profile"), p);
        auto profile = kafkaProfileFrom(p);
        if (!profile) return fail(profile.error());
        auto s = openRecordSource(SourceSpec::cluster(profile.value()));
        if (!s) return fail(s.error());
        source = s.value();
        home = caseHomeFor(source->spec(), p.isSet(casesOpt) ? p.value(casesOpt) : windowCasesDir());
        if (!pos.isEmpty()) name = pos[0];
        if (!QFileInfo::exists(home))
            return fail(
                makeError(ErrorCode::NotFound,
                          QStringLiteral("no cases are kept for %1 yet (%2)").arg(source->name(), home)));
    } else {
        if (pos.isEmpty() || pos.size() > 2)
            return usage(QStringLiteral("case needs a workspace (or -b/--profile) and at most one case"), p);
        home = pos[0];
        if (pos.size() == 2) name = pos[1];
    }
    if (p.isSet(keepOpt) && name.isEmpty()) return usage(QStringLiteral("--keep needs a case"), p);
    auto store = openWorkspace(home, p.isSet(keepOpt) ? WorkspaceStore::Mode::ReadWrite
                                                      : WorkspaceStore::Mode::ReadOnly);
    if (!store) return fail(store.error());
    if (name.isEmpty()) {
        auto list = store.value()->cases();
        if (!list) return fail(list.error());
        std::vector<QStringList> rows{
            {QStringLiteral("CASE"), QStringLiteral("PINS"), QStringLiteral("UPDATED")}};
        for (const auto& c : list.value())
            rows.push_back({c.name, QString::number(c.pins), formatTime(c.updated)});
        out() << formatTable(rows, {false, true, false});
        return Ok;
    }
    auto doc = store.value()->caseDocument(name);
    if (!doc) return fail(doc.error());
    if (!doc->has_value())
        return fail(makeError(ErrorCode::NotFound, QStringLiteral("%1 keeps no case '%2'").arg(home, name)));
    auto c = Case::fromJson(**doc);
    if (!c)
        return fail(makeError(c.error().code, QStringLiteral("case '%1': %2").arg(name, c.error().message)));
    if (!source) {
        auto s = openSource(p.isSet(sourceOpt) ? p.value(sourceOpt) : home);
        if (!s) return fail(s.error());
        source = s.value();
    }
    if (p.isSet(keepOpt)) {
        if (auto ok = canKeepEvidence(source->spec(), home); !ok) return fail(ok.error());
        auto ev = collectEvidence(*source, c.value());
        if (!ev) return fail(ev.error());
        auto rep = writeEvidence(*store.value(), ev.value(), c.value());
        if (!rep) return fail(rep.error());
        c->updated = currentTimeMs();
        if (auto saved = store.value()->saveCase(c->name, c->toJson(), static_cast<qint64>(c->pins.size()),
                                                 c->updated);
            !saved)
            return fail(saved.error());
        err() << "kept " << rep->pinsKept
              << (rep->pinsKept == 1 ? " pinned record and " : " pinned records and ") << rep->ranges
              << (rep->ranges == 1 ? " time range: " : " time ranges: ") << rep->records << " records ("
              << rep->added << " new), " << rep->schemas << " schemas, in " << home << '\n';
        if (rep->pinsMissing > 0) err() << rep->pinsMissing << " pinned records were gone already\n";
        for (const QString& problem : rep->problems)
            err() << "problem: " << problem << '\n';
    }
    auto states = resolvePins(*source, c->pins);
    if (!states) return fail(states.error());
    auto expiry = caseExpiry(*source, c.value(), states.value(), currentTimeMs());
    if (!expiry) return fail(expiry.error());
    const bool retention = expiry->applies;
    const TimestampMs now = expiry->now;
    out() << "case: " << c->name << '\n';
    if (!c->summary.isEmpty()) out() << "summary: " << c->summary << '\n';
    for (size_t i = 0; i < c->ranges.size(); ++i) {
        const CaseRange& r = c->ranges[i];
        out() << "range: " << formatTime(r.from) << " .. " << formatTime(r.to) << "  " << r.note;
        if (retention || r.kept) out() << "  (deleted: " << caseExpiryCell(expiry->ranges[i], now) << ')';
        out() << '\n';
    }
    for (const CaseView& v : c->views)
        out() << "view: " << v.name << '\n';
    QStringList head{QStringLiteral("STATUS"), QStringLiteral("TOPIC"), QStringLiteral("PARTITION"),
                     QStringLiteral("OFFSET"), QStringLiteral("TIME"),  QStringLiteral("KEY")};
    std::vector<bool> right{false, false, true, true, false, false};
    if (retention) {
        head << QStringLiteral("DELETED");
        right.push_back(false);
    }
    head << QStringLiteral("NOTE");
    right.push_back(false);
    std::vector<QStringList> rows{head};
    int missing = 0;
    for (size_t i = 0; i < c->pins.size(); ++i) {
        const CasePin& pin = c->pins[i];
        const PinState& s = states.value()[i];
        if (!s.found) ++missing;
        const auto ts = s.found ? s.timestamp : pin.timestamp;
        QStringList row{s.found ? QStringLiteral("found") : QStringLiteral("missing"),
                        pin.topic,
                        QString::number(pin.partition),
                        QString::number(pin.offset),
                        ts ? formatTime(*ts) : QString(),
                        s.found ? s.key : pin.key};
        if (retention) row << caseExpiryCell(expiry->pins[i], now);
        row << (s.found ? pin.note : pin.note + QStringLiteral(" (") + s.why + u')');
        rows.push_back(row);
    }
    out() << formatTable(rows, right);
    if (retention) {
        const int due = expiry->pinsDueWithin(24 * 3'600'000LL);
        out() << due << (due == 1 ? " pin" : " pins") << " will be deleted within 24 h";
        if (const int ranges = expiry->rangesDueWithin(24 * 3'600'000LL); ranges > 0)
            out() << ", and " << ranges << (ranges == 1 ? " time range" : " time ranges");
        out() << " (not counting what is kept in " << home << ")\n";
        for (size_t i = 0; i < c->pins.size(); ++i) {
            const Expiry& e = expiry->pins[i];
            if (e.state == Expiry::State::Expires && e.at)
                err() << c->pins[i].topic << '-' << c->pins[i].partition << '@' << c->pins[i].offset
                      << ": from " << formatTime(*e.at) << ": " << e.why << '\n';
        }
    }
    err() << c->pins.size() << " pins, " << missing << " missing\n";
    return Ok;
}

} // namespace rw::cli
