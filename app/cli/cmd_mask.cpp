// rewind-cli mask: the masking policy a workspace keeps: which JSON paths of values and which
// headers hold personal data. Exports (and what builds on them) hide them ("***").
#include "cli_common.h"
#include "schemas_topic.h"
#include "workspace_keep.h"
#include "workspace_store.h"

namespace rw::cli {

int cmdMask(const QStringList& args)
{
    QCommandLineParser p;
    p.addPositionalArgument(QStringLiteral("workspace"), QStringLiteral("The workspace file."));
    const QCommandLineOption fieldOpt(QStringLiteral("field"),
                                      QStringLiteral("Add a JSON path of values that holds personal data: "
                                                     "customer.email, customer.* (every member), items.card "
                                                     "(through arrays). Repeatable."),
                                      QStringLiteral("path"));
    const QCommandLineOption headerOpt(
        QStringLiteral("header"), QStringLiteral("Add a header whose value is personal data (repeatable)."),
        QStringLiteral("name"));
    const QCommandLineOption removeOpt(
        QStringLiteral("remove"), QStringLiteral("Take a path or header name off the policy (repeatable)."),
        QStringLiteral("path-or-name"));
    const QCommandLineOption clearOpt(QStringLiteral("clear"), QStringLiteral("Empty the policy."));
    p.addOptions({fieldOpt, headerOpt, removeOpt, clearOpt});
    if (int rc =
            parseOrExit(p, args,
                        QStringLiteral("Show or change the workspace's masking policy: personal data that "
                                       "every export hides. Prints the policy as JSON."));
        rc >= 0)
        return rc;
    if (p.positionalArguments().size() != 1) return usage(QStringLiteral("mask needs one workspace file"), p);
    const bool writes = p.isSet(fieldOpt) || p.isSet(headerOpt) || p.isSet(removeOpt) || p.isSet(clearOpt);
    auto store = openWorkspace(p.positionalArguments().first(),
                               writes ? WorkspaceStore::Mode::ReadWrite : WorkspaceStore::Mode::ReadOnly);
    if (!store) return fail(store.error());
    auto policy = keptMaskPolicy(*store.value());
    if (!policy) return fail(policy.error());
    MaskPolicy m = p.isSet(clearOpt) ? MaskPolicy{} : policy.value();
    for (const QString& r : p.values(removeOpt)) {
        m.fields.removeAll(r);
        m.headers.removeAll(r);
    }
    m = m.merged({p.values(fieldOpt), p.values(headerOpt)});
    for (const QString& f : m.fields)
        if (f.split(QLatin1Char('.')).contains(QString()))
            return usage(QStringLiteral("'%1' is not a path: names separated by single dots").arg(f), p);
    if (writes)
        if (auto r = keepMaskPolicy(*store.value(), m); !r) return fail(r.error());
    out() << m.toJson() << '\n';
    out().flush();
    return Ok;
}

} // namespace rw::cli
