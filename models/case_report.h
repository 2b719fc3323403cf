#pragma once
// A case as a report another person reads without Rewind: one self-contained HTML file (pictures
// inline) or a PDF of the same through Qt's text layout. It holds the summary, the timeline with
// the pinned ranges, the pinned ranges and their notes, the pinned records (decoded and masked by
// the policy; missing ones said as such), the trace of the case's key, and the consumer groups'
// lag over the case's time span. gatherCaseReport reads everything on a worker; the pictures are
// drawn by the window (widgets need the GUI thread) and handed to caseReportHtml by name.
// Thread contract: gatherCaseReport blocks (worker, own connection); caseReportHtml any thread.

#include "case_file.h"
#include "mask_policy.h"
#include "timeline_loader.h"
#include "trace.h"

#include <QHash>

namespace rw {

struct CaseReportData {
    Case c;
    QString sourceName;
    TimestampMs generated = 0;
    std::optional<std::pair<TimestampMs, TimestampMs>> span; // of the pins and ranges
    struct Pin {
        CasePin pin;
        std::optional<Record> record; // masked; nullopt: missing
        QString why;                  // when missing
    };
    std::vector<Pin> pins;
    QString timelineTopic; // the topic most pins are in (empty: every topic)
    TimelineData timeline;
    std::optional<TraceResult> trace; // of c.trace
    TraceStory story;
    struct GroupLag {
        QString group;
        std::vector<LagSample> samples; // over the span
        qint64 lagNow = 0;              // over partitions with a commit
        bool committed = true;          // false: the group never committed (no lag to tell)
        qint64 uncommittedHeld = 0;     // records its uncommitted partitions hold
    };
    std::vector<GroupLag> lag;
    QStringList masked;   // what the policy hid
    QStringList problems; // what could not be read (the rest of the report stands)
};

Result<CaseReportData> gatherCaseReport(RecordSource& source, const Case& c, const MaskPolicy& policy,
                                        const std::atomic_bool* cancel = nullptr);

// The report as XHTML (well-formed: any XML reader parses it). `images`: picture name
// ("timeline", "lag-<group>") to the src of an <img> (a data: URL for the file, a resource name
// for the PDF); pictures not given are left out.
// imageWidth: how wide pictures are laid out (pixels of the page the HTML is laid out on).
QString caseReportHtml(const CaseReportData& data, const QHash<QString, QString>& images,
                       int imageWidth = 900);

} // namespace rw
