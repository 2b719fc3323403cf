#pragma once
// rewind-cli as a real process, for the suites that drive it (REWIND_CLI is the built binary).

#include <QByteArray>
#include <QProcess>
#include <QStringList>

namespace rw::test {

struct Run {
    int exit = -1; // -2: it crashed
    QByteArray out;
    QByteArray err;
};

// Runs rewind-cli with `args`, `input` on its standard input; a run that hangs for five minutes
// ends the suite.
inline Run cli(const QStringList& args, const QByteArray& input = {})
{
    QProcess p;
    p.start(QStringLiteral(REWIND_CLI), args);
    if (!p.waitForStarted()) qFatal("cannot start rewind-cli");
    if (!input.isEmpty()) p.write(input);
    p.closeWriteChannel();
    if (!p.waitForFinished(300000)) qFatal("rewind-cli hung: %s", qPrintable(args.join(u' ')));
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -2, p.readAllStandardOutput(),
            p.readAllStandardError()};
}

} // namespace rw::test
