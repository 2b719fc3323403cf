#include "case_report_writer.h"

#include "job_runner.h"
#include "lag_chart.h"
#include "record_source.h"
#include "timeline_view.h"

#include <QBuffer>
#include <QFileInfo>
#include <QPageLayout>
#include <QPageSize>
#include <QPdfWriter>
#include <QSaveFile>
#include <QTextDocument>
#include <QUrl>

#include <qcustomplot.h>

namespace rw {

CaseReportWriter::CaseReportWriter(QObject* parent) : QObject(parent), m_jobs(new JobRunner(this)) {}

void CaseReportWriter::write(const std::shared_ptr<RecordSource>& source, const Case& c,
                             const MaskPolicy& policy, const QString& path, bool pdf)
{
    if (!source) return;
    m_jobs->start<CaseReportData>(
        [source, c, policy](const CancelToken& cancel) -> Result<CaseReportData> {
            auto connection = source->reopen();
            if (!connection) return connection.error();
            return gatherCaseReport(*connection.value(), c, policy, cancel.flag());
        },
        [this, path, pdf](Result<CaseReportData> r) {
            const QString error = r ? render(r.value(), path, pdf) : r.error().message;
            if (!error.isEmpty()) {
                emit finished(false, tr("The report was not written: %1").arg(error));
                return;
            }
            int missing = 0;
            for (const auto& p : r->pins)
                if (!p.record) ++missing;
            QString m = tr("Report of %1 written to %2").arg(r->c.name, path);
            if (missing) m += tr(" · %Ln pinned record(s) missing, said so in the report", nullptr, missing);
            emit finished(true, m);
        });
}

QString CaseReportWriter::render(const CaseReportData& report, const QString& path, bool pdf)
{
    // The pictures: drawn here (widgets), off screen, at a fixed size.
    QHash<QString, QImage> pictures;
    {
        TimelineView t;
        t.setAttribute(Qt::WA_DontShowOnScreen); // laid out at its size, never on screen
        t.resize(1200, 300);
        t.show();
        t.setUtc(true);
        t.setData(report.timeline);
        t.setPinnedRanges(report.c.ranges);
        if (report.timeline.buckets > 0)
            pictures.insert(QStringLiteral("timeline"), t.plot()->toPixmap(1200, 280).toImage());
    }
    int charts = 0;
    for (const auto& g : report.lag) {
        if (g.samples.size() < 2 || charts >= 6) continue;
        LagChart chart;
        chart.setAttribute(Qt::WA_DontShowOnScreen);
        chart.resize(1200, 300);
        chart.show();
        chart.setHistory(g.group, g.samples);
        chart.setEndsInThePast(true); // the table says the lag now; the chart, the span's
        chart.setPinnedRanges(report.c.ranges);
        // The whole chart: the words above it (lag now, catch-up) and the plot.
        pictures.insert(QStringLiteral("lag-") + g.group, chart.grab().toImage());
        ++charts;
    }
    QHash<QString, QString> sources;
    for (auto it = pictures.begin(); it != pictures.end(); ++it) {
        if (pdf) {
            sources.insert(it.key(), QStringLiteral("rewind-picture-") + it.key() + QStringLiteral(".png"));
            continue;
        }
        QByteArray png;
        QBuffer buffer(&png);
        buffer.open(QIODevice::WriteOnly);
        it.value().save(&buffer, "PNG");
        sources.insert(it.key(),
                       QStringLiteral("data:image/png;base64,") + QString::fromLatin1(png.toBase64()));
    }
    QString error;
    if (!pdf) {
        const QString html = caseReportHtml(report, sources);
        QSaveFile f(path);
        if (!f.open(QIODevice::WriteOnly) || f.write(html.toUtf8()) < 0 || !f.commit())
            error = f.errorString();
    } else {
        QPdfWriter writer(path);
        writer.setPageSize(QPageSize(QPageSize::A4));
        writer.setPageMargins(QMarginsF(15, 15, 15, 15), QPageLayout::Millimeter);
        writer.setResolution(150);
        // Laid out on the page's text width (points), pictures as wide as it.
        const QSizeF page = writer.pageLayout().paintRect(QPageLayout::Point).size();
        QTextDocument doc;
        doc.setPageSize(page);
        doc.setDocumentMargin(0);
        const int width = static_cast<int>(page.width()) - 2;
        for (auto it = pictures.begin(); it != pictures.end(); ++it)
            doc.addResource(QTextDocument::ImageResource, QUrl(sources.value(it.key())),
                            it.value().scaledToWidth(width * 2, Qt::SmoothTransformation));
        doc.setHtml(caseReportHtml(report, sources, width));
        writer.setTitle(report.c.name);
        writer.setCreator(QStringLiteral("Rewind"));
        doc.print(&writer);
        if (!QFileInfo(path).exists() || QFileInfo(path).size() == 0)
            error = tr("nothing was written to %1").arg(path);
    }
    return error;
}

} // namespace rw
