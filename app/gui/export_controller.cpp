#include "export_controller.h"

#include "job_runner.h"
#include "record_source.h"

#include <QLocale>
#include <QProgressBar>
#include <QPushButton>
#include <QStatusBar>

namespace rw {

ExportController::ExportController(QStatusBar* bar, QObject* parent)
    : QObject(parent), m_jobs(new JobRunner(this)), m_progress(new QProgressBar),
      m_stop(new QPushButton(tr("Stop")))
{
    m_progress->setObjectName(QStringLiteral("exportProgress"));
    m_progress->setMaximumWidth(220);
    m_progress->setTextVisible(true);
    m_progress->hide();
    m_stop->setObjectName(QStringLiteral("exportStop"));
    m_stop->setToolTip(tr("Stop the export: nothing of it is kept"));
    m_stop->hide();
    connect(m_stop, &QPushButton::clicked, this, &ExportController::stop);
    bar->addPermanentWidget(m_progress);
    bar->addPermanentWidget(m_stop);
}

void ExportController::stop()
{
    m_jobs->stop();
}

void ExportController::progressed(qint64 done, qint64 total)
{
    const QLocale loc;
    if (total > 0) {
        m_progress->setRange(0, 1000);
        m_progress->setValue(static_cast<int>(std::min<qint64>(1000, done * 1000 / total)));
        m_progress->setFormat(tr("%1 of %2").arg(loc.toString(done), loc.toString(total)));
    } else {
        m_progress->setFormat(tr("%1 records").arg(loc.toString(done)));
    }
}

void ExportController::start(const std::shared_ptr<RecordSource>& source, RecordExport job,
                             const QString& path)
{
    if (!source) return;
    m_progress->setRange(0, 0);
    m_progress->setFormat(tr("Exporting …"));
    m_progress->show();
    m_stop->show();
    emit status(tr("Exporting to %1 …").arg(path));
    m_jobs->startStreaming<ExportOutcome>(
        [this, source, job, path](const CancelToken& cancel,
                                  const JobRunner::Post& post) mutable -> Result<ExportOutcome> {
            auto connection = source->reopen();
            if (!connection) return connection.error();
            // Progress on the GUI thread (`this` is touched only there, by the posted function).
            job.progress = [this, post](qint64 done, qint64 total) {
                post([this, done, total] { progressed(done, total); });
            };
            return exportRecords(*connection.value(), job, path, cancel.flag());
        },
        [this, path, format = job.format](Result<ExportOutcome> r) {
            m_progress->hide();
            m_stop->hide();
            if (!r) {
                const bool stopped = r.error().code == ErrorCode::Cancelled;
                const QString m = stopped ? tr("Export stopped: %1").arg(r.error().message)
                                          : tr("Export failed: %1").arg(r.error().message);
                emit status(m);
                if (!stopped) emit notice(Banner::Kind::Error, m);
                emit finished(false, m);
                return;
            }
            QString m = tr("Exported %Ln record(s) to %1", nullptr, static_cast<int>(r->written)).arg(path);
            if (r->missing) m += tr(" · %1 no longer in the source").arg(r->missing);
            if (!r->masked.isEmpty()) m += tr(" · masked: %1").arg(r->masked.join(QStringLiteral(", ")));
            if (format == ExportFormat::Workspace && r->schemas)
                m += tr(" · %Ln schema(s)", nullptr, r->schemas);
            emit status(m);
            // The policy's paths need not occur in every export: that is information, not a
            // failure (the export is complete; nothing there needed masking).
            if (!r->unmatched.isEmpty())
                emit notice(Banner::Kind::Info,
                            tr("Export complete. None of the exported records holds %1, so "
                               "nothing there needed masking.")
                                .arg(r->unmatched.join(QStringLiteral(", "))));
            if (!r->problems.isEmpty())
                emit notice(Banner::Kind::Warning, r->problems.join(QStringLiteral("; ")));
            emit finished(true, m);
        });
}

} // namespace rw
