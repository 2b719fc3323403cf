#pragma once
// The fixture the main-window suites share: a demo workspace made once per suite, writable
// copies of it, and a count of its records read independently of the views.

#include "demo_workspace.h"
#include "translations.h"
#include "workspace_store.h"

#include <QApplication>
#include <QFile>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

namespace rw::test {

// How many records of a workspace satisfy `pred`, read independently of the views.
template <typename Pred> qint64 countIn(const QString& path, const Pred& pred)
{
    auto s = WorkspaceStore::open(path, WorkspaceStore::Mode::ReadOnly);
    if (!s) qFatal("open failed");
    qint64 n = 0;
    for (const TopicInfo& t : s.value()->topics().value())
        for (const PartitionInfo& p : t.partitions)
            for (const Record& r : s.value()->read(t.name, p.partition, p.low, -1).value())
                if (pred(r)) ++n;
    return n;
}

// Shows the window and opens `path` in it; true once it is loaded (15 s at most). A template so
// this header needs no window: any class with openWorkspace() and workspaceLoaded().
template <typename Window> bool showAndOpen(Window& w, const QString& path)
{
    w.show();
    QSignalSpy loaded(&w, &Window::workspaceLoaded);
    w.openWorkspace(path);
    return QTest::qWaitFor([&] { return loaded.size() == 1; }, 15000);
}

class DemoWindowFixture {
protected:
    QTemporaryDir m_dir;
    QString m_ws;
    TimestampMs m_incident = 0;

    // A fresh writable copy of the demo workspace, for tests that write to it.
    QString writableCopy(const QString& name)
    {
        const QString copy = m_dir.filePath(name);
        QFile::remove(copy);
        if (!QFile::copy(m_ws, copy)) qFatal("cannot copy the demo to %s", qPrintable(copy));
        QFile::setPermissions(copy, QFile::ReadOwner | QFile::WriteOwner);
        return copy;
    }

    // Test mode paths, English plural forms as the app installs them, and the demo (20,000 events).
    bool makeDemo()
    {
        QStandardPaths::setTestModeEnabled(true);
        QApplication::setOrganizationName(QStringLiteral("RewindTests"));
        if (!installTranslations(QStringLiteral("en"))) return false;
        m_ws = m_dir.filePath(QStringLiteral("demo.rewind"));
        DemoOptions o;
        o.events = 20000;
        auto rep = createDemoWorkspace(m_ws, o);
        if (!rep.ok()) return false;
        m_incident = rep->incidentStart;
        return true;
    }
};

} // namespace rw::test
