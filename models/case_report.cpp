#include "case_report.h"

#include "case_store.h"
#include "json.h"
#include "time_parse.h"
#include "trace_runner.h"

#include <QCoreApplication>
#include <QLocale>

#include <map>

namespace rw {

// The report's words, in the window's language (its translations' context).
class CaseReport {
    Q_DECLARE_TR_FUNCTIONS(rw::CaseReport)
};

namespace {

constexpr qsizetype kValueShown = 8192; // characters of a pinned record's value in the report

std::optional<std::pair<TimestampMs, TimestampMs>> spanOf(const Case& c,
                                                          const std::vector<CaseReportData::Pin>& pins)
{
    std::optional<std::pair<TimestampMs, TimestampMs>> s;
    auto take = [&](TimestampMs from, TimestampMs to) {
        if (!s) s = std::pair{from, to};
        s->first = std::min(s->first, from);
        s->second = std::max(s->second, to);
    };
    for (const CaseRange& r : c.ranges)
        take(r.from, r.to);
    for (const auto& p : pins)
        if (p.record)
            take(p.record->timestamp, p.record->timestamp + 1);
        else if (p.pin.timestamp)
            take(*p.pin.timestamp, *p.pin.timestamp + 1);
    return s;
}

} // namespace

Result<CaseReportData> gatherCaseReport(RecordSource& source, const Case& c, const MaskPolicy& policy,
                                        const std::atomic_bool* cancel)
{
    CaseReportData d;
    d.c = c;
    d.sourceName = source.name();
    d.generated = currentTimeMs();
    d.masked = policy.fields;
    for (const QString& h : policy.headers)
        d.masked << CaseReport::tr("header %1").arg(h);
    Masker masker(policy);
    // Pinned records, read again and masked.
    auto states = resolvePins(source, c.pins, cancel);
    if (!states) return states.error();
    std::map<QString, int> pinsPerTopic;
    for (size_t i = 0; i < c.pins.size(); ++i) {
        CaseReportData::Pin p{c.pins[i], std::nullopt, states.value()[i].why};
        if (states.value()[i].found) {
            auto r = source.read(p.pin.topic, p.pin.partition, p.pin.offset);
            if (!r) return r.error();
            if (r->has_value()) {
                Record rec = std::move(**r);
                rec.decoding.reset();
                bool changed = false;
                if (auto v = masker.value(rec.value, &changed); v)
                    rec.value = std::move(v.value());
                else
                    rec.value = QByteArray(kMaskedText); // not an object: hidden whole
                rec.headers = masker.headers(rec.headers);
                p.record = std::move(rec);
                ++pinsPerTopic[p.pin.topic];
            }
        }
        d.pins.push_back(std::move(p));
        if (cancel && cancel->load()) return makeError(ErrorCode::Cancelled, QStringLiteral("cancelled"));
    }
    d.span = spanOf(c, d.pins);
    // The timeline of the topic most pins are in, over the span (a little around it).
    int most = 0;
    for (const auto& [topic, n] : pinsPerTopic)
        if (n > most) {
            most = n;
            d.timelineTopic = topic;
        }
    if (d.span) {
        const TimestampMs pad = std::max<TimestampMs>(60'000, (d.span->second - d.span->first) / 10);
        auto t = loadTimeline(source, d.timelineTopic, std::pair{d.span->first - pad, d.span->second + pad},
                              240, false, cancel);
        if (t)
            d.timeline = std::move(t.value());
        else
            d.problems << CaseReport::tr("The timeline: %1").arg(t.error().message);
    }
    // The case's trace, by the rules it was run with in the window.
    if (!c.trace.isEmpty()) {
        auto t = traceSource(source, traceQueryOf(c.trace), cancel);
        if (t) {
            for (TraceEvent& e : t->events) { // the trace's records are masked too
                if (auto v = masker.value(e.record.value); v)
                    e.record.value = std::move(v.value());
                else
                    e.record.value = QByteArray(kMaskedText);
                e.record.headers = masker.headers(e.record.headers);
                e.changes.clear(); // they would show masked fields' old and new values
            }
            d.story = traceStory(t->events);
            d.trace = std::move(t.value());
        } else {
            d.problems << CaseReport::tr("The trace of %1: %2").arg(c.trace.text(), t.error().message);
        }
    }
    // Consumer groups' lag over the span.
    auto groups = source.groups();
    if (!groups)
        d.problems << CaseReport::tr("Consumer groups: %1").arg(groups.error().message);
    else
        for (const GroupSummary& g : groups.value()) {
            auto state = source.group(g.name);
            if (!state) {
                d.problems << CaseReport::tr("Group %1: %2").arg(g.name, state.error().message);
                continue;
            }
            CaseReportData::GroupLag lag{
                g.name, {}, g.totalLag, g.partitionsWithCommit > 0, g.uncommittedHeld};
            for (const LagSample& s : state->history)
                if (!d.span || (s.at >= d.span->first - 3'600'000 && s.at <= d.span->second + 3'600'000))
                    lag.samples.push_back(s);
            d.lag.push_back(std::move(lag));
        }
    return d;
}

namespace {

QString esc(const QString& s)
{
    // Element text and attribute values; control characters other than tab and newline (broker data)
    // are not allowed in XML: shown as U+FFFD.
    QString out;
    out.reserve(s.size());
    for (QChar ch : s) {
        const char16_t c = ch.unicode();
        if (c == u'&')
            out += QStringLiteral("&amp;");
        else if (c == u'<')
            out += QStringLiteral("&lt;");
        else if (c == u'>')
            out += QStringLiteral("&gt;");
        else if (c == u'"')
            out += QStringLiteral("&quot;");
        else if ((c < 0x20 && c != u'\n' && c != u'\t') || c == 0xFFFE || c == 0xFFFF)
            out += QChar(0xFFFD);
        else
            out += ch;
    }
    return out;
}

QString bytesText(const std::optional<QByteArray>& b)
{
    if (!b) return QStringLiteral("null");
    if (!json::isValidUtf8(*b))
        return CaseReport::tr("(binary, %1 bytes) base64:").arg(b->size()) +
               QString::fromLatin1(b->left(3000).toBase64());
    QByteArray text = json::isValidJson(*b) && b->size() < 256 * 1024 ? json::pretty(*b, 2) : *b;
    QString s = QString::fromUtf8(text);
    if (s.size() > kValueShown)
        s = s.left(kValueShown) + QLatin1Char('\n') +
            CaseReport::tr("… (%1 characters more)").arg(s.size() - kValueShown);
    return s;
}

QString when(TimestampMs t) // "2026-11-19 03:17:48.239Z": a narrow column breaks it at the space
{
    return formatTimestampUtc(t).replace(u'T', u' ');
}

} // namespace

QString caseReportHtml(const CaseReportData& d, const QHash<QString, QString>& images, int imageWidth)
{
    const QLocale loc;
    QString h;
    h += QStringLiteral(
             "<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"%3\">\n<head>\n"
             "<meta charset=\"utf-8\"/>\n<title>%1</title>\n<style>\n"
             "body{font-family:sans-serif;%2color:#222}"
             "h1{font-size:1.6em}h2{font-size:1.25em;margin-top:1.6em;border-bottom:1px solid #ccc}"
             "table{border-collapse:collapse;width:100%}td,th{border:1px solid #ccc;padding:3px 6px;"
             "text-align:left;vertical-align:top;font-size:0.9em}th{background:#f0f0f0}"
             "pre{background:#f7f7f7;padding:6px;white-space:pre-wrap;word-break:break-all;font-size:0.85em}"
             ".missing{color:#b00}.meta{color:#666;font-size:0.9em}.note{background:#fff8dc}.addr{white-"
             "space:nowrap}"
             "</style>\n</head>\n<body>\n")
             .arg(esc(d.c.name), imageWidth >= 900 ? QStringLiteral("margin:2em;max-width:70em;") : QString(),
                  loc.bcp47Name());
    h += QStringLiteral("<h1 id=\"title\">%1</h1>\n").arg(esc(d.c.name));
    h +=
        QStringLiteral("<p class=\"meta\" id=\"meta\">%1</p>\n")
            .arg(esc(
                CaseReport::tr("Source: %1 · report made %2 by Rewind").arg(d.sourceName, when(d.generated)) +
                (d.span ? CaseReport::tr(" · covers %1 to %2").arg(when(d.span->first), when(d.span->second))
                        : QString())));
    if (!d.masked.isEmpty())
        h += QStringLiteral("<p class=\"meta\" id=\"masked\">%1</p>\n")
                 .arg(esc(CaseReport::tr("Personal data hidden (***): %1")
                              .arg(d.masked.join(QStringLiteral(", ")))));
    h += QStringLiteral("<h2>%1</h2>\n<div id=\"summary\">").arg(esc(CaseReport::tr("Summary")));
    if (d.c.summary.trimmed().isEmpty())
        h += QStringLiteral("<p><em>%1</em></p>").arg(esc(CaseReport::tr("No summary written.")));
    for (const QString& para : d.c.summary.split(QStringLiteral("\n\n"), Qt::SkipEmptyParts))
        h += QStringLiteral("<p>%1</p>").arg(esc(para).replace(u'\n', QStringLiteral("<br/>")));
    h += QStringLiteral("</div>\n");

    h += QStringLiteral("<h2>%1</h2>\n").arg(esc(CaseReport::tr("Timeline")));
    if (images.contains(QStringLiteral("timeline")))
        h += QStringLiteral("<p><img id=\"timeline\" alt=\"%1\" src=\"%2\" width=\"%3\"/></p>\n")
                 .arg(esc(d.timelineTopic.isEmpty()
                              ? CaseReport::tr("Records over time, with the pinned ranges")
                              : CaseReport::tr("Records over time in %1, with the pinned ranges")
                                    .arg(d.timelineTopic)),
                      esc(images.value(QStringLiteral("timeline"))))
                 .arg(imageWidth);
    h += QStringLiteral("<table width=\"100%\" id=\"ranges\"><thead><tr><th width=\"26%\">%1</th><th "
                        "width=\"26%\">%2</th><th width=\"48%\">%3</th></tr></thead>\n")
             .arg(esc(CaseReport::tr("From")), esc(CaseReport::tr("To")), esc(CaseReport::tr("Note")));
    for (const CaseRange& r : d.c.ranges)
        h += QStringLiteral("<tr><td>%1</td><td>%2</td><td class=\"note\">%3</td></tr>\n")
                 .arg(esc(when(r.from)), esc(when(r.to)), esc(r.note));
    if (d.c.ranges.empty())
        h += QStringLiteral("<tr><td colspan=\"3\"><em>%1</em></td></tr>\n")
                 .arg(esc(CaseReport::tr("No pinned time ranges.")));
    h += QStringLiteral("</table>\n");

    int missing = 0;
    for (const auto& p : d.pins)
        if (!p.record) ++missing;
    h += QStringLiteral("<h2>%1</h2>\n")
             .arg(esc(missing
                          ? CaseReport::tr("Pinned records (%1, %2 missing)")
                                .arg(loc.toString(static_cast<qint64>(d.pins.size())), loc.toString(missing))
                          : CaseReport::tr("Pinned records (%1)")
                                .arg(loc.toString(static_cast<qint64>(d.pins.size())))));
    h += QStringLiteral(
             "<table width=\"100%\" id=\"pins\"><thead><tr><th width=\"30%\">%1</th><th "
             "width=\"24%\">%2</th><th width=\"16%\">%3</th><th width=\"30%\">%4</th></tr></thead>\n")
             .arg(esc(CaseReport::tr("Record")), esc(CaseReport::tr("Time")), esc(CaseReport::tr("Key")),
                  esc(CaseReport::tr("Note")));
    for (const auto& p : d.pins) {
        const QString address =
            QStringLiteral("%1-%2@%3").arg(p.pin.topic).arg(p.pin.partition).arg(p.pin.offset);
        if (!p.record) {
            h += QStringLiteral("<tr class=\"missing\"><td class=\"addr\">%1</td><td>%2</td><td>%3</td><td "
                                "class=\"note\">%4<br/>"
                                "<strong>%6</strong> %5</td></tr>\n")
                     .arg(esc(address), p.pin.timestamp ? esc(when(*p.pin.timestamp)) : QString(),
                          esc(p.pin.key), esc(p.pin.note), esc(p.why), esc(CaseReport::tr("missing:")));
            continue;
        }
        const Record& r = *p.record;
        QString headers;
        for (const Header& x : r.headers)
            headers += esc(QString::fromUtf8(x.key)) + QStringLiteral(": ") +
                       esc(x.value ? QString::fromUtf8(x.value->left(500)) : QStringLiteral("null")) +
                       QStringLiteral("<br/>");
        h += QStringLiteral(
                 "<tr><td class=\"addr\">%1</td><td>%2</td><td>%3</td><td class=\"note\">%4</td></tr>\n"
                 "<tr><td colspan=\"4\">%5<pre>%6</pre></td></tr>\n")
                 .arg(esc(address), esc(when(r.timestamp)),
                      esc(r.key ? bytesText(r.key).left(200) : QStringLiteral("null")), esc(p.pin.note),
                      headers, esc(bytesText(r.value)));
    }
    if (d.pins.empty())
        h += QStringLiteral("<tr><td colspan=\"4\"><em>%1</em></td></tr>\n")
                 .arg(esc(CaseReport::tr("No pinned records.")));
    h += QStringLiteral("</table>\n");

    if (d.trace) {
        const QString of = d.c.trace.key
                               ? esc(bytesText(d.c.trace.key))
                               : esc(d.c.trace.field) + QStringLiteral(" = ") + esc(d.c.trace.value);
        h += QStringLiteral("<h2>%1</h2>\n<p id=\"traceSummary\">%2</p>\n")
                 .arg(esc(CaseReport::tr("Trace of %1")).arg(of), esc(traceStoryLine(d.story, when)));
        const auto shown = static_cast<qint64>(d.trace->events.size());
        if (d.c.trace.events >= 0 && d.c.trace.events != shown)
            h += QStringLiteral("<p id=\"traceSince\">%1</p>\n")
                     .arg(esc(CaseReport::tr("When the case kept this trace it had %1 records; it has %2 now "
                                             "(records were written or removed since).")
                                  .arg(loc.toString(d.c.trace.events), loc.toString(shown))));
        h += QStringLiteral("<table width=\"100%\" id=\"trace\"><thead><tr><th width=\"20%\">%1</th><th "
                            "width=\"40%\">%2</th><th width=\"40%\">%3</th></tr></thead>\n")
                 .arg(esc(CaseReport::tr("Time")), esc(CaseReport::tr("Record")),
                      esc(CaseReport::tr("Event")));
        for (const TraceLine& line : d.story.lines) {
            const TraceEvent& e = d.trace->events[static_cast<size_t>(line.first)];
            QString what =
                line.events > 1 ? QStringLiteral("%1 ×%2").arg(line.type).arg(line.events) : line.type;
            if (!line.progression.isEmpty()) what += QStringLiteral(", ") + line.progression;
            if (line.redeliveries > 0) what += CaseReport::tr(" (+%1 redelivered)").arg(line.redeliveries);
            h += QStringLiteral("<tr><td>%1</td><td class=\"addr\">%2</td><td>%3</td></tr>\n")
                     .arg(esc(when(e.record.timestamp)),
                          esc(QStringLiteral("%1-%2@%3")
                                  .arg(e.record.topic)
                                  .arg(e.record.partition)
                                  .arg(e.record.offset)),
                          esc(what));
        }
        h += QStringLiteral("</table>\n");
    }

    h += QStringLiteral("<h2>%1</h2>\n").arg(esc(CaseReport::tr("Consumer group lag")));
    h +=
        QStringLiteral(
            "<table width=\"100%\" id=\"lag\"><thead><tr><th width=\"21%\">%1</th><th width=\"22%\">%2</th>"
            "<th width=\"16%\">%3</th><th width=\"15%\">%4</th><th width=\"13%\">%5</th>"
            "<th width=\"13%\">%6</th></tr></thead>\n")
            .arg(esc(CaseReport::tr("Group")), esc(CaseReport::tr("Lag now")),
                 esc(CaseReport::tr("At the span's last sample")), esc(CaseReport::tr("Samples in the span")),
                 esc(CaseReport::tr("Highest")), esc(CaseReport::tr("Lowest")));
    for (const auto& g : d.lag) {
        qint64 hi = 0, lo = g.samples.empty() ? 0 : std::numeric_limits<qint64>::max();
        for (const LagSample& s : g.samples) {
            hi = std::max(hi, s.lag);
            lo = std::min(lo, s.lag);
        }
        // A group that never committed has no lag: it would read everything (or nothing) by its
        // auto.offset.reset. Saying 0 would tell it is up to date.
        const QString now = g.committed ? loc.toString(g.lagNow)
                                        : CaseReport::tr("never committed (%1 records from the earliest)")
                                              .arg(loc.toString(g.uncommittedHeld));
        const QString last = g.samples.empty() ? QStringLiteral("–") : loc.toString(g.samples.back().lag);
        h += QStringLiteral("<tr><td>%1</td><td>%2</td><td>%3</td><td>%4</td><td>%5</td><td>%6</td></tr>\n")
                 .arg(esc(g.group), esc(now), last, loc.toString(static_cast<qint64>(g.samples.size())),
                      g.samples.empty() ? QStringLiteral("–") : loc.toString(hi),
                      g.samples.empty() ? QStringLiteral("–") : loc.toString(lo));
    }
    if (d.lag.empty())
        h += QStringLiteral("<tr><td colspan=\"6\"><em>%1</em></td></tr>\n")
                 .arg(esc(CaseReport::tr("No consumer groups.")));
    h += QStringLiteral("</table>\n");
    for (const auto& g : d.lag) {
        const QString key = QStringLiteral("lag-") + g.group;
        if (images.contains(key))
            h += QStringLiteral("<p><img alt=\"%1\" src=\"%2\" width=\"%3\"/></p>\n")
                     .arg(esc(CaseReport::tr("Lag of %1 over time, with the pinned ranges").arg(g.group)),
                          esc(images.value(key)))
                     .arg(imageWidth);
    }
    if (!d.problems.isEmpty()) {
        h += QStringLiteral("<h2>%1</h2>\n<ul id=\"problems\">")
                 .arg(esc(CaseReport::tr("Not in this report")));
        for (const QString& p : d.problems)
            h += QStringLiteral("<li>%1</li>").arg(esc(p));
        h += QStringLiteral("</ul>\n");
    }
    h += QStringLiteral("</body>\n</html>\n");
    return h;
}

} // namespace rw
