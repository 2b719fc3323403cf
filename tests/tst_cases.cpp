// Incident cases in the real MainWindow, driven offscreen with QTest: pins from the table, the
// trace and the inspector with notes; pinned time ranges on the timeline and the lag chart; saved
// views; cases kept in the workspace and listed in the sources panel; missing pins and cases from
// a newer version; exports from the window (NDJSON, CSV, a bundle that opens in a fresh process);
// the display's masking (tst_case_report: the report).

#include "banner.h"
#include "case_book.h"
#include "case_fixture.h"
#include "case_page.h"
#include "case_store.h"
#include "cli_run.h"
#include "evidence.h"
#include "filter_bar.h"
#include "lag_chart.h"
#include "main_window.h"
#include "main_window_fixture.h"
#include "record_inspector.h"
#include "record_source.h"
#include "record_table_model.h"
#include "source_registry.h"
#include "sources_panel.h"
#include "test_util.h"
#include "time_parse.h"
#include "timeline_view.h"
#include "trace_view.h"
#include "translations.h"
#include "workspace_store.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLineEdit>
#include <QListWidget>
#include <QProcess>
#include <QPushButton>
#include <QScopeGuard>
#include <QSignalSpy>
#include <QTableView>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeWidget>
#include <QXmlStreamReader>

using namespace rw;
using rw::test::cli;
using rw::test::countIn;
using rw::test::Run;

class TstCases : public QObject, protected rw::test::CaseWindowFixture {
    Q_OBJECT

private slots:
    void initTestCase() { QVERIFY(makeDemo()); }

    // Keeping the evidence (evidence.h) from a source into a case workspace: the pinned records
    // and a range's records at their own offsets; a pin below what was kept before rewrites the
    // partition in offset order; records the source has lost since stay kept; the case's pins
    // resolve in the case workspace alone. A workspace keeps its own records: refused there.
    void evidenceIsKeptAtItsOffsetsAndMerged()
    {
        QTemporaryDir dir;
        const QString src = dir.filePath(QStringLiteral("src.rewind"));
        auto write = [&](Offset from, Offset to) {
            auto store = WorkspaceStore::open(src, WorkspaceStore::Mode::ReadWrite);
            QVERIFY(store.ok());
            std::vector<ProducerRecord> batch;
            for (Offset o = from; o < to; ++o) {
                ProducerRecord r = test::producerRecord(QStringLiteral("t"), 0, 1'800'000'000'000 + o * 1000,
                                                        "k-" + QByteArray::number(o),
                                                        "{\"n\":" + QByteArray::number(o) + "}", {});
                r.offset = o;
                batch.push_back(std::move(r));
            }
            QVERIFY(store.value()->append(batch).ok());
        };
        {
            auto created = WorkspaceStore::create(src);
            QVERIFY(created.ok());
            QVERIFY(created.value()->createTopic(QStringLiteral("t"), 1).ok());
        }
        write(0, 100);
        QVERIFY(canKeepEvidence(SourceSpec::file(src), src).error().code == ErrorCode::InvalidArgument);
        const QString home = dir.filePath(QStringLiteral("home.cases.rewind"));
        auto homeStore = CaseStore::open(home, true);
        QVERIFY(homeStore.ok());
        WorkspaceStore& kept = homeStore.value()->workspace();
        auto keep = [&](Case& c) -> EvidenceReport {
            auto source = openRecordSource(SourceSpec::file(src));
            if (!source) qFatal("%s", qPrintable(source.error().message));
            auto ev = collectEvidence(*source.value(), c);
            if (!ev) qFatal("%s", qPrintable(ev.error().message));
            auto rep = writeEvidence(kept, ev.value(), c);
            if (!rep) qFatal("%s", qPrintable(rep.error().message));
            return rep.value();
        };
        auto offsets = [&]() {
            std::vector<Offset> out;
            for (const Record& r : kept.read(QStringLiteral("t"), 0, 0, -1).value()) {
                if (r.value != "{\"n\":" + QByteArray::number(r.offset) + "}" ||
                    r.timestamp != 1'800'000'000'000 + r.offset * 1000)
                    qFatal("offset %lld holds another record", static_cast<long long>(r.offset));
                out.push_back(r.offset);
            }
            return out;
        };
        auto span = [](Offset from, Offset to) {
            std::vector<Offset> v;
            for (Offset o = from; o < to; ++o)
                v.push_back(o);
            return v;
        };
        Case c;
        c.name = QStringLiteral("evidence");
        c.pins.push_back({QStringLiteral("t"), 0, 50, {}, 0, std::nullopt, {}, 0});
        EvidenceReport r1 = keep(c);
        QCOMPARE(r1.pinsKept, 1);
        QCOMPARE(offsets(), std::vector<Offset>{50});
        QCOMPARE(c.pins[0].kept, r1.at);
        // A range earlier than what is kept ([20 s, 25 s) = offsets 20..24) and a pin far beyond.
        c.ranges.push_back({1'800'000'020'000, 1'800'000'025'000, QStringLiteral("spike"), 0});
        c.pins.push_back({QStringLiteral("t"), 0, 99, {}, 0, std::nullopt, {}, 0});
        EvidenceReport r2 = keep(c);
        QCOMPARE(r2.pinsKept, 2);
        QCOMPARE(r2.ranges, 1);
        QCOMPARE(r2.added, qint64(6)); // 20..24 and 99; 50 was there
        std::vector<Offset> want = span(20, 25);
        want.push_back(50);
        want.push_back(99);
        QCOMPARE(offsets(), want);
        QVERIFY(c.ranges[0].kept > 0);
        // The source loses everything below 60 (retention): a pin at 10 is gone there, and what
        // was kept stays kept.
        {
            auto store = WorkspaceStore::open(src, WorkspaceStore::Mode::ReadWrite);
            QVERIFY(store.ok());
            QVERIFY(store.value()->clearPartition(QStringLiteral("t"), 0).ok());
            QCOMPARE(store.value()->topic(QStringLiteral("t"))->partitions[0].count, qint64(0));
        }
        write(60, 100);
        c.pins.push_back({QStringLiteral("t"), 0, 10, {}, 0, std::nullopt, {}, 0});
        c.pins.push_back({QStringLiteral("t"), 0, 70, {}, 0, std::nullopt, {}, 0});
        EvidenceReport r3 = keep(c);
        QCOMPARE(r3.pinsMissing, 2); // 50 and 10 are gone from the source; 50 was kept before
        QCOMPARE(c.pins[2].kept, TimestampMs(0));
        want = span(20, 25);
        want.push_back(50);
        want.push_back(70);
        want.push_back(99);
        QCOMPARE(offsets(), want);
        // The case opens on the case workspace alone: its kept pins are found there.
        QVERIFY(homeStore.value()->save(c).ok());
        auto alone = openRecordSource(SourceSpec::file(home));
        QVERIFY(alone.ok());
        auto states = resolvePins(*alone.value(), c.pins);
        QVERIFY(states.ok());
        QVERIFY(states->at(0).found);  // 50
        QVERIFY(states->at(1).found);  // 99
        QVERIFY(!states->at(2).found); // 10: never kept
        QVERIFY(states->at(3).found);  // 70
        // A workspace has no retention: nothing expires.
        auto expiry = caseExpiry(*alone.value(), c, states.value(), currentTimeMs());
        QVERIFY(expiry.ok());
        QVERIFY(!expiry->applies);
        QCOMPARE(expiry->pins[0].state, Expiry::State::Never);
    }

    // rewind-cli case --keep: the same keeping from the command line, from a read-only workspace
    // named with --source into the workspace that keeps the case; refused where the two are one.
    void cliKeepsTheEvidence()
    {
        QTemporaryDir dir;
        const QString src = dir.filePath(QStringLiteral("src.rewind"));
        {
            auto created = WorkspaceStore::create(src);
            QVERIFY(created.ok());
            QVERIFY(created.value()->createTopic(QStringLiteral("t"), 2).ok());
            std::vector<ProducerRecord> batch;
            for (int i = 0; i < 40; ++i)
                batch.push_back(test::producerRecord(QStringLiteral("t"), i % 2, 1'800'000'000'000 + i * 1000,
                                                     "k-" + QByteArray::number(i),
                                                     "{\"n\":" + QByteArray::number(i) + "}", {}));
            QVERIFY(created.value()->append(batch).ok());
        }
        const QString home = dir.filePath(QStringLiteral("home.cases.rewind"));
        {
            auto store = CaseStore::open(home, true);
            QVERIFY(store.ok());
            Case c;
            c.name = QStringLiteral("handover");
            c.pins.push_back({QStringLiteral("t"), 0, 3, QStringLiteral("first"), 0, std::nullopt, {}, 0});
            c.pins.push_back({QStringLiteral("t"), 1, 9, {}, 0, std::nullopt, {}, 0});
            c.ranges.push_back({1'800'000'010'000, 1'800'000'014'000, QStringLiteral("four seconds"), 0});
            QVERIFY(store.value()->save(c).ok());
        }
        // Before: the case workspace holds no records, so its pins are missing there.
        const Run before = cli({QStringLiteral("case"), home, QStringLiteral("handover")});
        QCOMPARE(before.exit, 0);
        QVERIFY2(before.err.contains("2 pins, 2 missing"), before.err.constData());
        QVERIFY(!QFileInfo(src).isWritable() || QFile::setPermissions(src, QFileDevice::ReadOwner));
        const Run kept = cli({QStringLiteral("case"), home, QStringLiteral("handover"),
                              QStringLiteral("--source"), src, QStringLiteral("--keep")});
        QVERIFY2(kept.exit == 0, kept.err.constData());
        QVERIFY2(kept.err.contains("kept 2 pinned records and 1 time range: 6 records (6 new)"),
                 kept.err.constData());                                // offsets 3 and 9, and records 10..13
        QVERIFY2(!kept.out.contains("DELETED"), kept.out.constData()); // a workspace has no retention
        const Run after = cli({QStringLiteral("case"), home, QStringLiteral("handover")});
        QCOMPARE(after.exit, 0);
        QVERIFY2(after.err.contains("2 pins, 0 missing"), after.err.constData());
        QCOMPARE(after.out.count("found"), qsizetype(2));
        auto store = WorkspaceStore::open(home, WorkspaceStore::Mode::ReadOnly);
        QVERIFY(store.ok());
        QCOMPARE(store.value()->topic(QStringLiteral("t"))->count(), qint64(6));
        const Case c =
            Case::fromJson(*store.value()->caseDocument(QStringLiteral("handover")).value()).value();
        QVERIFY(c.pins[0].kept > 0 && c.pins[1].kept > 0 && c.ranges[0].kept > 0);
        store.value().reset();
        // The workspace that keeps the case is its source: nothing to keep apart.
        const Run refused =
            cli({QStringLiteral("case"), home, QStringLiteral("handover"), QStringLiteral("--keep")});
        QVERIFY(refused.exit != 0);
        QVERIFY2(refused.err.contains("keeps its records and its cases itself"), refused.err.constData());
    }

    // The document: what a newer Rewind wrote is refused in words; pins without an address are
    // refused; everything survives a round trip.
    void caseDocumentsAreCheckedAndRoundTrip()
    {
        Case c;
        c.name = QStringLiteral("INC-42 payment timeouts");
        c.summary = QStringLiteral("Gateway timed out from 03:17.\nNotifications stalled.");
        c.trace = CaseTrace::fromText(QStringLiteral("order_id=o-1237"));
        c.trace.events = 138;
        c.pins.push_back({QStringLiteral("payments"), 2, 463, QStringLiteral("second capture"), 1,
                          1763522268239, QStringLiteral("o-1237")});
        c.ranges.push_back({1763522268000, 1763523000000, QStringLiteral("the outage")});
        c.views.push_back(
            {QStringLiteral("failures"), QJsonObject{{QStringLiteral("topic"), QStringLiteral("payments")}}});
        auto back = Case::fromJson(c.toJson());
        QVERIFY2(back.ok(), back.ok() ? "" : qPrintable(back.error().message));
        QCOMPARE(back.value(), c);

        QJsonObject newer = QJsonDocument::fromJson(c.toJson()).object();
        newer[QStringLiteral("format")] = kCaseFormat + 1;
        auto refused = Case::fromJson(QJsonDocument(newer).toJson());
        QVERIFY(!refused.ok());
        QCOMPARE(refused.error().code, ErrorCode::NewerSchema);
        QVERIFY2(refused.error().message.contains(QStringLiteral("newer version of Rewind")),
                 qPrintable(refused.error().message));
        QJsonObject badPin = QJsonDocument::fromJson(c.toJson()).object();
        badPin[QStringLiteral("pins")] =
            QJsonArray{QJsonObject{{QStringLiteral("topic"), QStringLiteral("x")},
                                   {QStringLiteral("partition"), -1},
                                   {QStringLiteral("offset"), 3}}};
        auto bad = Case::fromJson(QJsonDocument(badPin).toJson());
        QVERIFY(!bad.ok());
        QVERIFY2(bad.error().message.contains(QStringLiteral("pin 1")), qPrintable(bad.error().message));
        QVERIFY(!Case::fromJson("{\"format\":1").ok());
        QVERIFY(!Case::fromJson("[]").ok());
    }

    // Where a source's cases are kept: a writable workspace keeps its own; a data directory and a
    // cluster (and a read-only workspace) each have a case workspace of their own in the cases
    // folder, one per source.
    void casesHaveAHomeForEveryKindOfSource()
    {
        const QString cases = m_dir.filePath(QStringLiteral("cases"));
        const QString ws = writableCopy(QStringLiteral("home.rewind"));
        QCOMPARE(caseHomeFor(SourceSpec::file(ws), cases), QFileInfo(ws).absoluteFilePath());
        const QString dataDir = m_dir.filePath(QStringLiteral("kafka-logs"));
        QDir().mkpath(dataDir);
        const QString dirHome = caseHomeFor(SourceSpec::file(dataDir), cases);
        QVERIFY2(dirHome.startsWith(cases) && dirHome.endsWith(QStringLiteral(".cases.rewind")),
                 qPrintable(dirHome));
        KafkaProfile prod;
        prod.name = QStringLiteral("prod/eu");
        const QString kafkaHome = caseHomeFor(SourceSpec::cluster(prod), cases);
        QVERIFY2(QFileInfo(kafkaHome).fileName().startsWith(QStringLiteral("kafka-prod_eu-")),
                 qPrintable(kafkaHome));
        QCOMPARE(SourceSpec::cluster(prod).key(), QStringLiteral("kafka:prod/eu"));
        // The case workspace is made on the first save, and keeps the case.
        auto store = CaseStore::open(kafkaHome, true);
        QVERIFY(store.ok());
        Case c;
        c.name = QStringLiteral("lag spike");
        c.source = SourceSpec::cluster(prod).key();
        QVERIFY(store.value()->save(c).ok());
        QCOMPARE(store.value()->load(QStringLiteral("lag spike")).value().source,
                 QStringLiteral("kafka:prod/eu"));
        QVERIFY(store.value()->rename(QStringLiteral("lag spike"), QStringLiteral("INC-9")).ok());
        QCOMPARE(store.value()->list().value().front().name, QStringLiteral("INC-9"));
        QCOMPARE(store.value()->load(QStringLiteral("lag spike")).error().code, ErrorCode::NotFound);
    }

    // Pins from the table (Ctrl+B), the trace and the inspector, a note, a time range shown on
    // the timeline and the lag chart, a saved view; all of it is in the workspace, and a new
    // window lists the case in the sources panel and opens it with every pin found.
    void casesKeepPinsRangesAndViews()
    {
        const QString ws = writableCopy(QStringLiteral("case.rewind"));
        {
            MainWindow w;
            openOn(w, ws);
            CaseBook* book = w.cases();
            QVERIFY(!book->hasCase());
            selectRows(w, 3, 5);
            auto* table = w.findChild<QTableView*>(QStringLiteral("recordTable"));
            QTest::keyClick(table, Qt::Key_B, Qt::ControlModifier);
            QVERIFY(book->hasCase()); // one began, named for now
            QCOMPARE(book->current().pins.size(), size_t(3));
            QCOMPARE(book->current().pins[0].offset, Offset(3));
            QCOMPARE(book->current().pins[2].offset, Offset(5));
            QVERIFY(book->current().pins[0].timestamp.has_value());
            // Again: nothing pinned twice.
            QTest::keyClick(table, Qt::Key_B, Qt::ControlModifier);
            QCOMPARE(book->current().pins.size(), size_t(3));
            // A note, edited in the Case tab's table.
            CasePinModel* pins = book->pinModel();
            QVERIFY(pins->setData(pins->index(1, CasePinModel::NoteCol), QStringLiteral("created twice?"),
                                  Qt::EditRole));
            QCOMPARE(book->current().pins[1].note, QStringLiteral("created twice?"));
            // The inspector's Pin: the record shown (row 8).
            selectRows(w, 8, 8);
            QTRY_COMPARE_WITH_TIMEOUT(w.inspector()->record().offset, Offset(8), 10000);
            w.inspector()->findChild<QPushButton*>(QStringLiteral("inspectorPin"))->click();
            QCOMPARE(book->current().pins.size(), size_t(4));
            // The trace's Ctrl+B: the event selected.
            QSignalSpy traced(&w, &MainWindow::traceFinished);
            w.traceKey(w.inspector()->record().key.value());
            QTRY_COMPARE_WITH_TIMEOUT(traced.size(), 1, 15000);
            QTreeWidget* tree = w.traceView()->tree();
            QVERIFY(tree->topLevelItemCount() > 1);
            tree->setCurrentItem(tree->topLevelItem(tree->topLevelItemCount() - 1));
            const TraceEvent* last = w.traceView()->eventAt(tree->currentItem());
            QVERIFY(last);
            tree->setFocus();
            QTest::keyClick(tree, Qt::Key_B, Qt::ControlModifier);
            QCOMPARE(book->current().pins.size(), size_t(5));
            QCOMPARE(book->current().pins[4].topic, last->record.topic);
            QCOMPARE(book->current().pins[4].offset, last->record.offset);

            // A pinned range: the incident's first ten minutes, on the timeline and the lag chart.
            w.selectTopic(QStringLiteral("payments"));
            w.setTimeRangeFilter(m_incident, m_incident + 600'000);
            w.pinViewRange(QStringLiteral("gateway timeouts"));
            QCOMPARE(book->current().ranges.size(), size_t(1));
            QCOMPARE(book->current().ranges[0].from, m_incident);
            QCOMPARE(book->current().ranges[0].to, m_incident + 600'000);
            QTRY_COMPARE_WITH_TIMEOUT(w.timeline()->pinnedRangesShown(), 1, 10000);
            w.showGroup(QStringLiteral("notifications"));
            QTRY_COMPARE_WITH_TIMEOUT(w.lagChart()->pinnedRangesShown(), 1, 10000);
            // A saved view: the filter and topic.
            w.saveViewInCase(QStringLiteral("incident payments"));
            QCOMPARE(book->current().views.size(), size_t(1));
            book->setSummary(QStringLiteral("Payment gateway timed out."));
            QSignalSpy saved(book, &CaseBook::saved);
            book->rename(QStringLiteral("INC-7")); // saves what changed first
            QTRY_VERIFY_WITH_TIMEOUT(!saved.isEmpty(), 10000);
        }
        // The workspace keeps it; the CLI in its own process reads it.
        {
            auto store = CaseStore::open(ws, false);
            QVERIFY(store.ok());
            auto list = store.value()->list();
            QVERIFY(list.ok());
            QCOMPARE(list->size(), size_t(1));
            QCOMPARE(list->front().name, QStringLiteral("INC-7"));
            QCOMPARE(list->front().pins, qint64(5));
        }
        const Run shown = cli({QStringLiteral("case"), ws, QStringLiteral("INC-7")});
        QVERIFY2(shown.exit == 0, shown.err.constData());
        QVERIFY2(shown.err.contains("5 pins, 0 missing"), shown.err.constData());
        QVERIFY2(shown.out.contains("created twice?") && shown.out.contains("gateway timeouts"),
                 shown.out.constData());

        // A new window: the case is listed in the sources panel and opens from there.
        MainWindow w;
        openOn(w, ws);
        QTreeWidget* sources = w.sources()->tree();
        QTreeWidgetItem* caseItem = nullptr;
        QTRY_VERIFY_WITH_TIMEOUT(
            !sources->findItems(QStringLiteral("INC-7"), Qt::MatchExactly | Qt::MatchRecursive).isEmpty(),
            10000);
        caseItem = sources->findItems(QStringLiteral("INC-7"), Qt::MatchExactly | Qt::MatchRecursive).first();
        QSignalSpy resolved(w.cases(), &CaseBook::pinsResolved);
        emit sources->itemActivated(caseItem, 0);
        QTRY_COMPARE_WITH_TIMEOUT(resolved.size(), 1, 10000);
        QCOMPARE(w.tabs()->currentIndex(), int(MainWindow::CaseTab));
        QCOMPARE(resolved.at(0).at(0).toInt(), 0);
        QCOMPARE(w.cases()->current().summary, QStringLiteral("Payment gateway timed out."));
        QCOMPARE(w.casePage()->rangeTable()->rowCount(), 1);
        QCOMPARE(w.casePage()->rangeTable()->item(0, 2)->text(), QStringLiteral("gateway timeouts"));
        QTRY_COMPARE_WITH_TIMEOUT(w.timeline()->pinnedRangesShown(), 1, 10000);
        QVERIFY2(w.casePage()->statusText().contains(QStringLiteral("5 pinned records")),
                 qPrintable(w.casePage()->statusText()));
        // A double-click on a pin goes to its record.
        QTableView* pinTable = w.casePage()->pinTable();
        emit pinTable->doubleClicked(pinTable->model()->index(3, CasePinModel::TimeCol));
        QTRY_COMPARE_WITH_TIMEOUT(w.inspector()->record().offset, Offset(8), 10000);
        QCOMPARE(w.tabs()->currentIndex(), int(MainWindow::RecordsTab));
        // The saved view comes back: topic and filter.
        QListWidget* views = w.casePage()->viewList();
        QCOMPARE(views->count(), 1);
        QSignalSpy searched(&w, &MainWindow::searchFinished);
        emit views->itemActivated(views->item(0));
        QTRY_VERIFY_WITH_TIMEOUT(!searched.isEmpty(), 15000);
        QCOMPARE(w.viewState().topic, QStringLiteral("payments"));
        QVERIFY2(w.viewState().range.has_value(), qPrintable(w.viewState().filter));
        QCOMPARE(w.viewState().range->first, m_incident);
    }

    // A pin whose record has gone (a deleted sandbox topic, an offset compacted away) shows as
    // missing with the reason, and the rest of the case opens; a case written by a newer
    // version is refused in words, and the window goes on.
    void missingPinsAndNewerCases()
    {
        const QString ws = writableCopy(QStringLiteral("missing.rewind"));
        {
            auto store = CaseStore::open(ws, false);
            QVERIFY(store.ok());
            Case c;
            c.name = QStringLiteral("with gaps");
            c.pins.push_back(
                {QStringLiteral("orders"), 0, 2, QStringLiteral("still there"), 1, std::nullopt, {}});
            c.pins.push_back({QStringLiteral("sandbox-deleted"), 0, 7, QStringLiteral("a replay's"), 1,
                              1763522268239, QStringLiteral("o-9")});
            c.pins.push_back(
                {QStringLiteral("orders"), 0, 99'999'999, QStringLiteral("compacted"), 1, std::nullopt, {}});
            c.pins.push_back(
                {QStringLiteral("orders"), 40, 1, QStringLiteral("no such partition"), 1, std::nullopt, {}});
            QVERIFY(store.value()->save(c).ok());
            auto raw = WorkspaceStore::open(ws, WorkspaceStore::Mode::ReadWrite);
            QVERIFY(raw.ok());
            QJsonObject newer = QJsonDocument::fromJson(c.toJson()).object();
            newer[QStringLiteral("format")] = 7;
            newer[QStringLiteral("name")] = QStringLiteral("from the future");
            QVERIFY(raw.value()
                        ->saveCase(QStringLiteral("from the future"), QJsonDocument(newer).toJson(), 4, 1)
                        .ok());
        }
        MainWindow w;
        openOn(w, ws);
        QTRY_COMPARE_WITH_TIMEOUT(w.cases()->list().size(), size_t(2), 10000);
        QSignalSpy resolved(w.cases(), &CaseBook::pinsResolved);
        w.cases()->open(QStringLiteral("with gaps"));
        QTRY_COMPARE_WITH_TIMEOUT(resolved.size(), 1, 10000);
        QCOMPARE(resolved.at(0).at(0).toInt(), 3);
        const auto& states = w.cases()->states();
        QVERIFY(states[0]->found);
        QVERIFY2(!states[1]->found &&
                     states[1]->why.contains(QStringLiteral("topic sandbox-deleted is gone")),
                 qPrintable(states[1]->why));
        QVERIFY2(!states[2]->found && states[2]->why.contains(QStringLiteral("holds no record")),
                 qPrintable(states[2]->why));
        QVERIFY2(!states[3]->found && states[3]->why.contains(QStringLiteral("partition 40")),
                 qPrintable(states[3]->why));
        CasePinModel* pins = w.cases()->pinModel();
        QCOMPARE(pins->index(1, CasePinModel::StatusCol).data().toString(), QStringLiteral("missing"));
        QCOMPARE(pins->index(1, CasePinModel::KeyCol).data().toString(), QStringLiteral("o-9")); // as pinned
        QVERIFY(!pins->index(1, CasePinModel::TimeCol).data().toString().isEmpty());
        QVERIFY2(w.casePage()->statusText().contains(QStringLiteral("3 missing")),
                 qPrintable(w.casePage()->statusText()));

        w.cases()->open(QStringLiteral("from the future"));
        QTRY_VERIFY_WITH_TIMEOUT(w.banner()->isVisible(), 10000);
        QVERIFY2(w.banner()->text().contains(QStringLiteral("newer version of Rewind")),
                 qPrintable(w.banner()->text()));
        QCOMPARE(w.cases()->current().name, QStringLiteral("with gaps")); // still open, untouched
    }

    // Exports from the window: the filter's results as NDJSON (masked: none of the demo's
    // personal data in it), CSV with chosen columns, the selection, and the case as a bundle that
    // a fresh process opens with every pin found. A stopped export leaves nothing.
    void exportsFromTheWindow()
    {
        const QString ws = writableCopy(QStringLiteral("export.rewind"));
        const QSet<QByteArray> pii = personalData(ws);
        QVERIFY(pii.size() > 50);
        MainWindow w;
        openOn(w, ws);
        QSignalSpy done(&w, &MainWindow::exportFinished);
        // The view: orders-0 filtered to OrderCreated.
        w.filterBar()->setText(QStringLiteral("value.type == \"OrderCreated\""));
        QTest::keyClick(w.filterBar()->findChild<QLineEdit*>(), Qt::Key_Return);
        QSignalSpy searched(&w, &MainWindow::searchFinished);
        QTRY_VERIFY_WITH_TIMEOUT(!searched.isEmpty(), 15000);
        const qint64 created = countIn(ws, [](const Record& r) {
            return r.topic == QLatin1String("orders") && r.partition == 0 &&
                   r.value.value_or(QByteArray()).contains("\"type\":\"OrderCreated\"");
        });
        QVERIFY(created > 10);
        RecordExport ndjson;
        ndjson.records = w.viewRecordSet();
        QCOMPARE(ndjson.records.filter, QStringLiteral("value.type == \"OrderCreated\""));
        ndjson.mask = MaskPolicy{{QStringLiteral("customer.*"), QStringLiteral("shipping_address")}, {}};
        const QString nd = m_dir.filePath(QStringLiteral("view.ndjson"));
        w.startExport(ndjson, nd);
        QTRY_COMPARE_WITH_TIMEOUT(done.size(), 1, 30000);
        QVERIFY2(done.at(0).at(0).toBool(), qPrintable(done.at(0).at(1).toString()));
        const QByteArray all = readAll(nd);
        QCOMPARE(all.count('\n'), created);
        QCOMPARE(hitsIn(all, pii), 0);
        QVERIFY(all.contains("\"email\":\"***\""));

        // CSV: chosen columns, a member of the value among them, masked there too.
        RecordExport csv = ndjson;
        csv.format = ExportFormat::Csv;
        csv.columns = {QStringLiteral("offset"), QStringLiteral("timestamp"),
                       QStringLiteral("value.order_id"), QStringLiteral("value.customer.email"),
                       QStringLiteral("header.trace_id")};
        const QString csvPath = m_dir.filePath(QStringLiteral("view.csv"));
        w.startExport(csv, csvPath);
        QTRY_COMPARE_WITH_TIMEOUT(done.size(), 2, 30000);
        QVERIFY2(done.at(1).at(0).toBool(), qPrintable(done.at(1).at(1).toString()));
        const QList<QByteArray> rows = readAll(csvPath).split('\n');
        QCOMPARE(rows.first().trimmed(),
                 QByteArray("offset,timestamp,value.order_id,value.customer.email,header.trace_id"));
        QCOMPARE(rows.size() - 2, created); // the header, and the last line's end
        const QList<QByteArray> first = rows.at(1).trimmed().split(',');
        QCOMPARE(first.size(), 5);
        QVERIFY2(first[2].startsWith("o-") && first[3] == "***" && first[1].endsWith('Z'),
                 rows.at(1).constData());
        QCOMPARE(hitsIn(readAll(csvPath), pii), 0);

        // The selection, and the case's pins as a bundle.
        w.filterBar()->findChild<QLineEdit*>()->clear();
        w.selectTopic(QStringLiteral("orders"), 0);
        QTRY_VERIFY_WITH_TIMEOUT(w.recordModel()->index(7, 0).data(RecordTableModel::TimestampRole).isValid(),
                                 10000);
        selectRows(w, 4, 7);
        RecordExport selection;
        selection.records = w.selectedRecordSet();
        QCOMPARE(selection.records.refs.size(), size_t(4));
        const QString selPath = m_dir.filePath(QStringLiteral("selection.ndjson"));
        w.startExport(selection, selPath);
        QTRY_COMPARE_WITH_TIMEOUT(done.size(), 3, 30000);
        QCOMPARE(readAll(selPath).count('\n'), 4);
        w.pinSelectedRecords(QStringLiteral("four orders"));
        w.selectTopic(QStringLiteral("payments"), 1);
        QTRY_VERIFY_WITH_TIMEOUT(w.recordModel()->index(3, 0).data(RecordTableModel::TimestampRole).isValid(),
                                 10000);
        selectRows(w, 2, 3);
        w.pinSelectedRecords();
        w.cases()->rename(QStringLiteral("handover"));
        QCOMPARE(w.cases()->current().pins.size(), size_t(6));
        RecordExport bundle;
        bundle.format = ExportFormat::Workspace;
        bundle.records = w.pinRecordSet();
        bundle.bundleCase = w.cases()->current();
        bundle.mask = MaskPolicy{{QStringLiteral("customer.*"), QStringLiteral("shipping_address")}, {}};
        const QString bundlePath = m_dir.filePath(QStringLiteral("handover.rewind"));
        QFile::remove(bundlePath);
        w.startExport(bundle, bundlePath);
        QTRY_COMPARE_WITH_TIMEOUT(done.size(), 4, 30000);
        QVERIFY2(done.at(3).at(0).toBool(), qPrintable(done.at(3).at(1).toString()));
        // A fresh process opens it: every pin found, at the same offsets.
        const Run shown = cli({QStringLiteral("case"), bundlePath, QStringLiteral("handover")});
        QVERIFY2(shown.exit == 0, shown.err.constData());
        QVERIFY2(shown.err.contains("6 pins, 0 missing"), shown.err.constData() + shown.out);
        QVERIFY2(shown.out.contains("four orders"), shown.out.constData());
        const Run topics = cli({QStringLiteral("topics"), bundlePath});
        QVERIFY2(topics.out.contains("orders") && topics.out.contains("payments"), topics.out.constData());
        const Run dump =
            cli({QStringLiteral("export"), bundlePath, QStringLiteral("-O"), QStringLiteral("-")});
        QCOMPARE(dump.out.count('\n'), 6);
        QCOMPARE(hitsIn(dump.out, pii), 0);
        // The bundle keeps the masking policy it was made with.
        const Run policy = cli({QStringLiteral("mask"), bundlePath});
        QVERIFY2(policy.out.contains("customer.*"), policy.out.constData());

        // Stopped at once: an error that says so, and no file.
        RecordExport everything;
        everything.records.byFilter = true;
        const QString stopped = m_dir.filePath(QStringLiteral("stopped.ndjson"));
        w.startExport(everything, stopped);
        w.cancelExport();
        QTRY_COMPARE_WITH_TIMEOUT(done.size(), 5, 30000);
        QVERIFY(!done.at(4).at(0).toBool());
        QVERIFY2(done.at(4).at(1).toString().contains(QStringLiteral("stopped")),
                 qPrintable(done.at(4).at(1).toString()));
        QVERIFY(!QFile::exists(stopped));

        // Walkthrough defect 6.16: a policy whose paths the exported records do not hold (stock
        // events carry no customer) was a yellow warning that read like a failure. It is
        // information: the export is complete, nothing there needed masking.
        w.selectTopic(QStringLiteral("inventory"), 0);
        QTRY_VERIFY_WITH_TIMEOUT(w.recordModel()->index(1, 0).data(RecordTableModel::TimestampRole).isValid(),
                                 10000);
        selectRows(w, 0, 1);
        RecordExport stock;
        stock.records = w.selectedRecordSet();
        stock.mask = MaskPolicy{{QStringLiteral("customer.*")}, {}};
        const QString stockPath = m_dir.filePath(QStringLiteral("stock.ndjson"));
        w.startExport(stock, stockPath);
        QTRY_COMPARE_WITH_TIMEOUT(done.size(), 6, 30000);
        QVERIFY(done.at(5).at(0).toBool());
        QCOMPARE(readAll(stockPath).count('\n'), 2);
        QVERIFY(w.banner()->isVisible());
        QCOMPARE(w.banner()->kind(), Banner::Kind::Info);
        QVERIFY2(w.banner()->text().contains(QStringLiteral("customer.*")) &&
                     !w.banner()->text().contains(QStringLiteral("Check")),
                 qPrintable(w.banner()->text()));

        // Walkthrough defect 6.13: a CSV of what the view shows (a topic's partitions merged by
        // time) came out partition by partition. It follows the view's time order.
        w.selectTopic(QStringLiteral("payments"));
        w.filterBar()->setText(QStringLiteral("value.type == \"PaymentFailed\""));
        QSignalSpy searchedAll(&w, &MainWindow::searchFinished);
        QTest::keyClick(w.filterBar()->findChild<QLineEdit*>(), Qt::Key_Return);
        QTRY_VERIFY_WITH_TIMEOUT(!searchedAll.isEmpty(), 15000);
        RecordExport timed;
        timed.format = ExportFormat::Csv;
        timed.records = w.viewRecordSet();
        QVERIFY(timed.records.byFilter && !timed.records.partition);
        timed.columns = {QStringLiteral("partition"), QStringLiteral("timestamp")};
        const QString timedPath = m_dir.filePath(QStringLiteral("timed.csv"));
        w.startExport(timed, timedPath);
        QTRY_COMPARE_WITH_TIMEOUT(done.size(), 7, 30000);
        QVERIFY2(done.at(6).at(0).toBool(), qPrintable(done.at(6).at(1).toString()));
        QList<QByteArray> lines = readAll(timedPath).trimmed().split('\n');
        lines.removeFirst(); // the header
        const qint64 failedPayments = countIn(ws, [](const Record& r) {
            return r.topic == QLatin1String("payments") &&
                   r.value.value_or(QByteArray()).contains("\"type\":\"PaymentFailed\"");
        });
        QCOMPARE(lines.size(), failedPayments);
        QSet<QByteArray> partitionsSeen;
        QByteArray previous;
        for (const QByteArray& line : lines) {
            const QList<QByteArray> cells = line.trimmed().split(',');
            QCOMPARE(cells.size(), 2);
            partitionsSeen.insert(cells[0]);
            QVERIFY2(previous <= cells[1],
                     (previous + " then " + cells[1]).constData()); // ISO-8601: text order
            previous = cells[1];
        }
        QVERIFY(partitionsSeen.size() > 1);
    }

    // The display hides the policy's personal data until told otherwise: the table's cells, the
    // inspector (Reveal shows one record; its copies stay masked).
    void displayHidesPersonalDataUntilRevealed()
    {
        MainWindow w;
        openOn(w, m_ws);
        QVERIFY(w.hidesPersonalData());
        auto valueAt = [&](int row) {
            return w.recordModel()->index(row, RecordTableModel::ValueCol).data().toString();
        };
        int withCustomer = -1;
        for (int r = 0; r < 20 && withCustomer < 0; ++r)
            if (valueAt(r).contains(QStringLiteral("\"customer\""))) withCustomer = r;
        QVERIFY(withCustomer >= 0);
        QVERIFY2(valueAt(withCustomer).contains(QStringLiteral("\"email\":\"***\"")),
                 qPrintable(valueAt(withCustomer)));
        QVERIFY(!valueAt(withCustomer).contains(QLatin1Char('@')));
        selectRows(w, withCustomer, withCustomer);
        QTRY_VERIFY_WITH_TIMEOUT(w.inspector()->record().offset == withCustomer &&
                                     !w.inspector()->record().topic.isEmpty(),
                                 10000);
        QVERIFY(w.inspector()->showsMasked());
        QVERIFY(!w.inspector()->valueText().contains(QLatin1Char('@')));
        auto* reveal = w.inspector()->findChild<QPushButton*>(QStringLiteral("inspectorReveal"));
        QVERIFY(reveal->isVisible());
        reveal->click();
        QVERIFY(w.inspector()->valueText().contains(QLatin1Char('@')));
        QApplication::clipboard()->clear();
        for (QPushButton* b : w.inspector()->findChildren<QPushButton*>())
            if (b->text() == QStringLiteral("Copy as NDJSON")) b->click();
        QVERIFY(!QApplication::clipboard()->text().isEmpty());
        QVERIFY(!QApplication::clipboard()->text().contains(QLatin1Char('@')));
        // Off: the cells show the values as stored.
        w.setHidePersonalData(false);
        QTRY_VERIFY_WITH_TIMEOUT(valueAt(withCustomer).contains(QLatin1Char('@')), 10000);
        w.setHidePersonalData(true);
        QTRY_VERIFY_WITH_TIMEOUT(valueAt(withCustomer).contains(QStringLiteral("\"email\":\"***\"")), 10000);
    }
};

QTEST_MAIN(TstCases)
#include "tst_cases.moc"
