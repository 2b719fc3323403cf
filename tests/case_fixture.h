#pragma once
// What the case suites share: a window opened on a workspace with rows of orders-0 read, rows
// selected with the mouse, and what the demo's personal data is, to look for it in what is
// written.

#include "main_window.h"
#include "main_window_fixture.h"
#include "record_table_model.h"
#include "workspace_store.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>
#include <QSignalSpy>
#include <QTableView>
#include <QTest>

namespace rw::test {

class CaseWindowFixture : protected DemoWindowFixture {
protected:
    // The demo's personal data as stored in orders and payments (what the policy names).
    static QSet<QByteArray> personalData(const QString& ws)
    {
        QSet<QByteArray> pii;
        auto store = WorkspaceStore::open(ws, WorkspaceStore::Mode::ReadOnly);
        if (!store) qFatal("open failed");
        for (const QString& topic : {QStringLiteral("orders"), QStringLiteral("payments")})
            for (const Record& r : store.value()->read(topic, 0, 0, -1).value()) {
                const QJsonObject v = QJsonDocument::fromJson(r.value.value_or(QByteArray())).object();
                const QJsonObject c = v.value(QLatin1String("customer")).toObject();
                for (const char* k : {"email", "name", "phone"})
                    if (c.contains(QLatin1String(k)))
                        pii.insert(c.value(QLatin1String(k)).toString().toUtf8());
                const QJsonObject a = v.value(QLatin1String("shipping_address")).toObject();
                if (a.contains(QLatin1String("street")))
                    pii.insert(a.value(QLatin1String("street")).toString().toUtf8());
            }
        return pii;
    }

    static int hitsIn(const QByteArray& text, const QSet<QByteArray>& values)
    {
        int n = 0;
        for (const QByteArray& v : values)
            n += text.contains(v) ? 1 : 0;
        return n;
    }

    static QByteArray readAll(const QString& path)
    {
        QFile f(path);
        return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
    }

    // A window on `ws`, loaded, showing orders-0 with its rows read.
    void openOn(MainWindow& w, const QString& ws)
    {
        w.resize(1400, 900);
        w.show();
        QSignalSpy loaded(&w, &MainWindow::workspaceLoaded);
        w.openWorkspace(ws);
        QTRY_COMPARE_WITH_TIMEOUT(loaded.size(), 1, 15000);
        w.selectTopic(QStringLiteral("orders"), 0);
        QTRY_VERIFY_WITH_TIMEOUT(w.recordModel()->rowCount() > 10, 15000);
        QTRY_VERIFY_WITH_TIMEOUT(w.recordModel()->index(5, 0).data(RecordTableModel::TimestampRole).isValid(),
                                 10000);
    }

    void selectRows(MainWindow& w, int first, int last)
    {
        auto* table = w.findChild<QTableView*>(QStringLiteral("recordTable"));
        table->setFocus();
        QTest::mouseClick(table->viewport(), Qt::LeftButton, {},
                          table->visualRect(table->model()->index(first, 1)).center());
        if (last > first)
            QTest::mouseClick(table->viewport(), Qt::LeftButton, Qt::ShiftModifier,
                              table->visualRect(table->model()->index(last, 1)).center());
    }
};

} // namespace rw::test
