#include "trace_runner.h"

#include <QCoreApplication>

namespace rw {

Result<TraceResult> traceSource(const RecordSource& source, const TraceQuery& query,
                                const std::atomic_bool* cancel)
{
    auto connection = source.reopen();
    if (!connection) return connection.error();
    return runTrace(query, [&](const Filter& f, const SearchOptions& o, const SearchSink& sink) {
        return connection.value()->search(f, o, sink, cancel);
    });
}

namespace {
class TraceWords {
    Q_DECLARE_TR_FUNCTIONS(rw::TraceWords)
public:
    static QString line(const TraceStory& story, const std::function<QString(TimestampMs)>& time)
    {
        int events = 0;
        QStringList counts;
        for (const auto& [type, n] : story.countsByType) {
            events += n;
            const QString name = type.isEmpty() ? tr("(no type)") : type;
            counts << (n > 1 ? QStringLiteral("%1 ×%2").arg(name).arg(n) : name);
        }
        QString s = tr("%Ln event(s) from %1 to %2 (%3 → %4); now: %5.", nullptr, events)
                        .arg(time(story.firstTime), time(story.lastTime), story.firstType, story.lastType,
                             story.finalState) +
                    QLatin1Char(' ') + counts.join(QStringLiteral(", "));
        if (story.redeliveries > 0)
            s += tr(" · %Ln redelivery(s) of the same event, not counted", nullptr, story.redeliveries);
        return s;
    }
};
} // namespace

QString traceStoryLine(const TraceStory& story, const std::function<QString(TimestampMs)>& time)
{
    if (story.lines.empty()) return {};
    return TraceWords::line(story, time);
}

TraceQuery traceQueryOf(const CaseTrace& trace)
{
    TraceQuery q;
    q.key = trace.key;
    q.field = trace.field;
    q.value = trace.value;
    q.topic = trace.topic;
    q.keyPartitioner = trace.keyPartitioner;
    q.identityField = trace.identityField;
    return q;
}

CaseTrace caseTraceOf(const TraceQuery& query, qint64 events)
{
    CaseTrace t;
    t.key = query.key;
    if (!t.key) {
        t.field = query.field;
        t.value = query.value;
    }
    t.topic = query.topic;
    t.keyPartitioner = query.keyPartitioner;
    t.identityField = query.identityField;
    t.events = events;
    return t;
}

} // namespace rw
