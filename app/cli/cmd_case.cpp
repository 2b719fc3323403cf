// rewind-cli case: the cases a workspace keeps (pins with notes, pinned time ranges, saved views,
// a summary; core/case_file.h), and whether each pin's record is still there.
#include "case_store.h"
#include "cli_common.h"
#include "workspace_store.h"

namespace rw::cli {

int cmdCase(const QStringList& args)
{
    QCommandLineParser p;
    p.addPositionalArgument(QStringLiteral("workspace"),
                            QStringLiteral("The workspace that keeps the cases (a case bundle, or a case "
                                           "workspace of a cluster's)."));
    p.addPositionalArgument(QStringLiteral("case"), QStringLiteral("A case to show (default: list them)."),
                            QStringLiteral("[case]"));
    const QCommandLineOption sourceOpt(QStringLiteral("source"),
                                       QStringLiteral("Look the pins up in this workspace or data directory "
                                                      "(default: the workspace that keeps the case)."),
                                       QStringLiteral("path"));
    p.addOption(sourceOpt);
    if (int rc =
            parseOrExit(p, args,
                        QStringLiteral("List a workspace's cases, or show one: its summary, time ranges, "
                                       "saved views and pins, each pin found or missing."));
        rc >= 0)
        return rc;
    const QStringList pos = p.positionalArguments();
    if (pos.isEmpty() || pos.size() > 2)
        return usage(QStringLiteral("case needs a workspace and at most one case"), p);
    auto store = openWorkspace(pos[0], WorkspaceStore::Mode::ReadOnly);
    if (!store) return fail(store.error());
    if (pos.size() == 1) {
        auto list = store.value()->cases();
        if (!list) return fail(list.error());
        std::vector<QStringList> rows{
            {QStringLiteral("CASE"), QStringLiteral("PINS"), QStringLiteral("UPDATED")}};
        for (const auto& c : list.value())
            rows.push_back({c.name, QString::number(c.pins), formatTime(c.updated)});
        out() << formatTable(rows, {false, true, false});
        return Ok;
    }
    auto doc = store.value()->caseDocument(pos[1]);
    if (!doc) return fail(doc.error());
    if (!doc->has_value())
        return fail(
            makeError(ErrorCode::NotFound, QStringLiteral("%1 keeps no case '%2'").arg(pos[0], pos[1])));
    auto c = Case::fromJson(**doc);
    if (!c)
        return fail(
            makeError(c.error().code, QStringLiteral("case '%1': %2").arg(pos[1], c.error().message)));
    auto source = openSource(p.isSet(sourceOpt) ? p.value(sourceOpt) : pos[0]);
    if (!source) return fail(source.error());
    auto states = resolvePins(*source.value(), c->pins);
    if (!states) return fail(states.error());
    out() << "case: " << c->name << '\n';
    if (!c->summary.isEmpty()) out() << "summary: " << c->summary << '\n';
    for (const CaseRange& r : c->ranges)
        out() << "range: " << formatTime(r.from) << " .. " << formatTime(r.to) << "  " << r.note << '\n';
    for (const CaseView& v : c->views)
        out() << "view: " << v.name << '\n';
    std::vector<QStringList> rows{{QStringLiteral("STATUS"), QStringLiteral("TOPIC"),
                                   QStringLiteral("PARTITION"), QStringLiteral("OFFSET"),
                                   QStringLiteral("TIME"), QStringLiteral("KEY"), QStringLiteral("NOTE")}};
    int missing = 0;
    for (size_t i = 0; i < c->pins.size(); ++i) {
        const CasePin& pin = c->pins[i];
        const PinState& s = states.value()[i];
        if (!s.found) ++missing;
        const auto ts = s.found ? s.timestamp : pin.timestamp;
        rows.push_back({s.found ? QStringLiteral("found") : QStringLiteral("missing"), pin.topic,
                        QString::number(pin.partition), QString::number(pin.offset),
                        ts ? formatTime(*ts) : QString(), s.found ? s.key : pin.key,
                        s.found ? pin.note : pin.note + QStringLiteral(" (") + s.why + u')'});
    }
    out() << formatTable(rows, {false, false, true, true, false, false, false});
    err() << c->pins.size() << " pins, " << missing << " missing\n";
    return Ok;
}

} // namespace rw::cli
