#pragma once
// Exports of records from the window (the view, a selection, a trace, a case's pins): one at a
// time on a worker over its own connection, with its progress and a Stop button in the status
// bar (the two widgets this owns), and its outcome as one line for the status bar plus what the
// banner should say.
// Thread contract: GUI thread; the export itself runs on the shared pool (JobRunner).

#include "banner.h"
#include "record_export.h"

#include <QObject>

#include <memory>

class QProgressBar;
class QPushButton;
class QStatusBar;

namespace rw {

class JobRunner;
class RecordSource;

class ExportController : public QObject {
    Q_OBJECT
public:
    // Puts its progress bar and Stop button at the right of `bar` (hidden until an export runs).
    ExportController(QStatusBar* bar, QObject* parent);

    void start(const std::shared_ptr<RecordSource>& source, RecordExport job, const QString& path);
    void stop(); // what was written so far is not kept

signals:
    void status(const QString& line);                    // for the status bar
    void notice(Banner::Kind kind, const QString& text); // for the banner
    void finished(bool ok, const QString& message);

private:
    void progressed(qint64 done, qint64 total);
    JobRunner* m_jobs;
    QProgressBar* m_progress;
    QPushButton* m_stop;
};

} // namespace rw
