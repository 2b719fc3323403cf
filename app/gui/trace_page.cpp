#include "trace_page.h"

#include "envelope.h"
#include "job_runner.h"
#include "record_inspector.h"
#include "trace_runner.h"
#include "trace_view.h"

#include <QApplication>
#include <QClipboard>
#include <QSplitter>
#include <QVBoxLayout>

namespace rw {

TracePage::TracePage(QWidget* parent)
    : QWidget(parent), m_view(new TraceView), m_inspector(new RecordInspector), m_jobs(new JobRunner(this, 2))
{
    setObjectName(QStringLiteral("tracePage"));
    m_inspector->setObjectName(QStringLiteral("traceInspector"));
    connect(m_view, &TraceView::runRequested, this, &TracePage::run);
    // Stop keeps what was found ("stopped before the end").
    connect(m_view, &TraceView::cancelRequested, m_jobs, [this] { m_jobs->stop(); });
    connect(m_view, &TraceView::recordSelected, this,
            [this](const Record& r) { m_inspector->showRecord(r, m_source ? m_source->name() : QString()); });
    connect(m_view, &TraceView::showInRecordsRequested, this, &TracePage::showInRecordsRequested);
    connect(m_view, &TraceView::traceKeyRequested, this, &TracePage::traceKey);
    connect(m_view, &TraceView::copyRequested, this, [this](const Record& r) {
        QByteArray line;
        appendEnvelope(line, r);
        QApplication::clipboard()->setText(QString::fromUtf8(line));
        emit copied(tr("Copied %1-%2 offset %3 as NDJSON.").arg(r.topic).arg(r.partition).arg(r.offset));
    });
    auto* split = new QSplitter(Qt::Vertical);
    split->addWidget(m_view);
    split->addWidget(m_inspector);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(split);
}

void TracePage::setSource(const std::shared_ptr<RecordSource>& source)
{
    const bool same = source && m_source && source->name() == m_source->name();
    m_source = source;
    if (same) return; // a reload: a trace under way goes on
    m_inspector->clear();
    if (m_running) { // a trace of the last source does not belong here
        m_jobs->cancel();
        m_running = false;
        m_view->setFailed(tr("Another source was opened; trace again."));
        emit finished();
    }
}

void TracePage::run()
{
    if (!m_source) return;
    auto q = m_view->query();
    if (!q) {
        m_view->setFailed(q.error().message);
        return;
    }
    m_view->started();
    m_running = true;
    m_inspector->clear(); // the previous trace's record is not part of this one
    m_jobs->start<TraceResult>(
        [source = m_source, query = q.value()](const CancelToken& cancel) {
            return traceSource(*source, query, cancel.flag());
        },
        [this, query = q.value()](Result<TraceResult> r) {
            m_running = false;
            if (r)
                m_view->setResult(r.value());
            else
                m_view->setFailed(r.error().message);
            if (r && !r->report.cancelled) emit traced(query, static_cast<qint64>(r->events.size()));
            emit finished();
        });
}

void TracePage::traceKey(const QByteArray& key)
{
    m_view->setKeyQuery(key);
    run();
}

void TracePage::setUtc(bool utc)
{
    m_view->setUtc(utc);
}

void TracePage::focusInput()
{
    m_view->focusInput();
}

} // namespace rw
