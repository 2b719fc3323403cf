#pragma once
// The Trace page: the trace view, the inspector of the chosen event, and the job that runs a
// trace over the open source (newest wins; Stop keeps what was found). The main window tells it
// the source and hears about "show in Records" and copies. GUI thread only.

#include "record.h"
#include "trace.h"

#include <QWidget>

#include <memory>

namespace rw {

class JobRunner;
class RecordSource;
class RecordInspector;
class TraceView;

class TracePage : public QWidget {
    Q_OBJECT
public:
    RecordInspector* inspector() const { return m_inspector; }
    explicit TracePage(QWidget* parent = nullptr);

    void setSource(const std::shared_ptr<RecordSource>& source); // the same source reloaded: goes on
    void run();                                                  // the query in the input
    void traceKey(const QByteArray& key);                        // a record's key, exactly, then run
    void setUtc(bool utc);
    void focusInput();
    TraceView* view() const { return m_view; }

signals:
    void finished();
    // A trace ran to its end: the query as it ran and the records it found.
    void traced(const rw::TraceQuery& query, qint64 records);
    void showInRecordsRequested(const rw::Record& record);
    void copied(const QString& what); // for the status bar

private:
    TraceView* m_view;
    RecordInspector* m_inspector;
    JobRunner* m_jobs;
    std::shared_ptr<RecordSource> m_source;
    bool m_running = false;
};

} // namespace rw
