#pragma once
// The open case as a report: what it needs is gathered on a worker (gatherCaseReport, its own
// connection), then its pictures (the timeline, the lag charts) are drawn off screen here on the
// GUI thread, and it is written as HTML (pictures inline) or as PDF through Qt's text layout.
// Thread contract: GUI thread (widgets draw the pictures); the gathering runs on the shared pool.

#include "case_file.h"
#include "case_report.h"
#include "mask_policy.h"

#include <QObject>

#include <memory>

namespace rw {

class JobRunner;
class RecordSource;

class CaseReportWriter : public QObject {
    Q_OBJECT
public:
    explicit CaseReportWriter(QObject* parent);

    void write(const std::shared_ptr<RecordSource>& source, const Case& c, const MaskPolicy& policy,
               const QString& path, bool pdf);
    // The gathered report written to `path`; the error, or empty when it was written.
    static QString render(const CaseReportData& report, const QString& path, bool pdf);

signals:
    void finished(bool ok, const QString& message);

private:
    JobRunner* m_jobs;
};

} // namespace rw
