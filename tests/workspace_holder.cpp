// A process that holds a workspace the way the window does, for tst_shared_workspace: the source
// stays open (models' connection), a CaseBook writes pins, notes and summaries and saves them on
// its worker, and every few steps a new connection is opened in the same process and dropped again,
// as a click on a consumer group or a reload does, and a lag sample is written through the
// source's GroupWriter. Meanwhile it watches its own /proc/self/fd for a deleted -wal or -shm.
//
//   workspace_holder WORKSPACE CASE STEPS CASES_DIR
//
// Standard output, one line per fact, for the test to check against a fresh process afterwards:
//   ready                               the case exists and the loop begins
//   pin TOPIC PARTITION OFFSET NOTE     a pin it added (NOTE is the note it has at the end)
//   lag GROUP MS LAG                    a lag sample it wrote (and the source said it kept)
//   deleted FD-TARGET                   a descriptor of the workspace that points at an unlinked file
//   failed MESSAGE                      an error from the case book or a connection
//   done STEPS                          all saved
// Exit code 0 when nothing was deleted and nothing failed.
// Thread contract: the GUI-thread rules of the models it uses; everything runs on main's loop.

#include "case_book.h"
#include "record_source.h"
#include "source_registry.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QTimer>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <set>

using namespace rw;

namespace {

void say(const QString& line)
{
    std::fputs(qPrintable(line + u'\n'), stdout);
    std::fflush(stdout);
}

// Descriptors of this process that point at the workspace or its -wal/-shm, unlinked since.
std::set<QString> deletedDescriptors(const QString& workspace)
{
    std::set<QString> out;
    const QString name = QFileInfo(workspace).fileName();
    const QDir fds(QStringLiteral("/proc/self/fd"));
    for (const QString& fd : fds.entryList(QDir::System | QDir::NoDotAndDotDot)) {
        const QString target = QFileInfo(fds.filePath(fd)).symLinkTarget();
        if (target.contains(name) && target.endsWith(QLatin1String(" (deleted)"))) out.insert(target);
    }
    return out;
}

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    if (args.size() != 5) {
        std::fputs("usage: workspace_holder WORKSPACE CASE STEPS CASES_DIR\n", stderr);
        return 2;
    }
    const QString path = QFileInfo(args[1]).absoluteFilePath();
    const QString caseName = args[2];
    const int steps = args[3].toInt();
    const QString casesDir = args[4];

    SourceSpec spec = SourceSpec::file(path);
    spec.writable = true;
    auto opened = openRecordSource(spec);
    if (!opened) {
        say(QStringLiteral("failed opening: ") + opened.error().message);
        return 1;
    }
    std::shared_ptr<RecordSource> source = std::move(opened.value());
    auto writer = source->groupWriter();
    if (!writer) {
        say(QStringLiteral("failed group writer: ") + writer.error().message);
        return 1;
    }
    auto topics = source->topics();
    if (!topics || topics->empty()) {
        say(QStringLiteral("failed topics: ") + (topics ? QStringLiteral("none") : topics.error().message));
        return 1;
    }
    // The demo's orders: a topic with records at every offset pinned (the CLI adds topics meanwhile).
    const auto orders = std::find_if(topics->begin(), topics->end(),
                                     [](const TopicInfo& t) { return t.name == QLatin1String("orders"); });
    const TopicInfo topic = orders != topics->end() ? *orders : topics->front();

    int failures = 0;
    std::set<QString> deleted;
    CaseBook book(casesDir);
    QObject::connect(&book, &CaseBook::failed, [&](const QString& m) {
        ++failures;
        say(QStringLiteral("failed ") + m);
    });
    auto check = [&] {
        for (const QString& d : deletedDescriptors(path))
            if (deleted.insert(d).second) say(QStringLiteral("deleted ") + d);
    };

    int step = 0;
    std::vector<CasePin> pins;
    QTimer tick;
    tick.setInterval(25);
    QObject::connect(&tick, &QTimer::timeout, [&] {
        check();
        if (step == steps) {
            tick.stop();
            book.setSummary(QStringLiteral("%1 final summary").arg(caseName)); // a change to save last
            book.saveNow(); // the newest save: the only one whose `saved` still arrives
            return;
        }
        // A pin per step, with a note written in a later step (an edit of a saved case).
        CasePin pin;
        const auto& part = topic.partitions[size_t(step) % topic.partitions.size()];
        pin.topic = topic.name;
        pin.partition = part.partition;
        pin.offset = part.low + step / qint64(topic.partitions.size());
        pin.note = QStringLiteral("%1-first-%2").arg(caseName).arg(step);
        if (book.addPins({pin}) != 1) {
            ++failures;
            say(QStringLiteral("failed pin %1 not added").arg(step));
        }
        pins.push_back(pin);
        if (step >= 2) {
            const int row = step - 2;
            pins[size_t(row)].note = QStringLiteral("%1-edited-%2").arg(caseName).arg(row);
            book.setPinNote(row, pins[size_t(row)].note);
        }
        book.setSummary(QStringLiteral("%1 summary after step %2").arg(caseName).arg(step));
        if (step % 4 == 0) book.saveNow();
        if (step % 3 == 0) {
            // A click on a group: another connection of this process, opened and closed.
            auto again = openRecordSource(SourceSpec::file(path));
            if (!again) {
                ++failures;
                say(QStringLiteral("failed reopening: ") + again.error().message);
            } else if (auto g = again.value()->groups(); !g) {
                ++failures;
                say(QStringLiteral("failed groups: ") + g.error().message);
            } else if (!g->empty()) {
                const QString group = g->front().name;
                // Unique per holder and step: the CASE name's hash spreads the two holders apart.
                const LagSample sample{
                    TimestampMs(1'000'000'000'000 + qHash(caseName) % 1'000'000 * 1000) + step, 1000 + step};
                auto kept = writer.value()->keepLagSample(group, sample);
                if (!kept) {
                    ++failures;
                    say(QStringLiteral("failed lag sample: ") + kept.error().message);
                } else if (kept.value()) {
                    say(QStringLiteral("lag %1 %2 %3").arg(group).arg(sample.at).arg(sample.lag));
                }
            }
        }
        ++step;
    });
    QObject::connect(&book, &CaseBook::saved, [&] {
        if (step != steps || tick.isActive()) return;
        check();
        for (const CasePin& p : pins)
            say(QStringLiteral("pin %1 %2 %3 %4").arg(p.topic).arg(p.partition).arg(p.offset).arg(p.note));
        say(QStringLiteral("done %1").arg(steps));
        app.exit(deleted.empty() && failures == 0 ? 0 : 1);
    });
    QObject::connect(&book, &CaseBook::listChanged, [&] {
        if (book.hasCase()) return;
        book.create(caseName);
        if (!book.hasCase()) {
            say(QStringLiteral("failed creating the case"));
            app.exit(1);
            return;
        }
        say(QStringLiteral("ready"));
        tick.start();
    });
    // Never hang a test: a save that failed sends no `saved`.
    QTimer::singleShot(std::chrono::minutes(4), &app, [&] {
        say(QStringLiteral("failed: not done in 4 minutes (step %1 of %2)").arg(step).arg(steps));
        app.exit(1);
    });
    book.setSource(source);
    return app.exec();
}
