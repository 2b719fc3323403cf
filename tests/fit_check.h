#pragma once
// Text the window cuts: visible labels, buttons, check boxes, tab titles and table headers whose
// text needs more room than they have, at the window's present size. Each entry names the
// widget and the text, for a test's failure message. GUI thread.

#include <QAbstractButton>
#include <QCheckBox>
#include <QComboBox>
#include <QHeaderView>
#include <QLabel>
#include <QRadioButton>
#include <QStyle>
#include <QStyleOptionButton>
#include <QStyleOptionComboBox>
#include <QTabBar>
#include <QTextDocument>
#include <QWidget>

#include <qcustomplot.h>

namespace rw::test {

inline QString describe(const QWidget* w, const QString& text)
{
    QString name = w->objectName();
    for (const QWidget* p = w->parentWidget(); name.isEmpty() && p; p = p->parentWidget())
        name = p->objectName().isEmpty() ? QString() : p->objectName() + QStringLiteral("/…");
    return QStringLiteral("%1 %2 (%3×%4): \"%5\"")
        .arg(QString::fromLatin1(w->metaObject()->className()), name)
        .arg(w->width())
        .arg(w->height())
        .arg(text.left(120));
}

inline bool shown(const QWidget* w)
{
    return w->isVisible() && w->width() > 0 && w->height() > 0 && !w->visibleRegion().isEmpty();
}

inline QStringList cutTexts(QWidget* root)
{
    QStringList cut;
    for (QLabel* l : root->findChildren<QLabel*>()) {
        if (!shown(l) || l->text().isEmpty() || !l->pixmap().isNull()) continue;
        const QRect room = l->contentsRect();
        const bool rich = l->textFormat() == Qt::RichText ||
                          (l->textFormat() == Qt::AutoText && Qt::mightBeRichText(l->text()));
        if (l->wordWrap() || rich) {
            QTextDocument doc;
            doc.setDefaultFont(l->font());
            doc.setDocumentMargin(0);
            if (rich)
                doc.setHtml(l->text());
            else
                doc.setPlainText(l->text());
            doc.setTextWidth(l->wordWrap() ? room.width() : -1);
            if (doc.size().height() > room.height() + 2 ||
                (!l->wordWrap() && doc.idealWidth() > room.width() + 1))
                cut << describe(l, l->text());
            continue;
        }
        const QFontMetrics fm(l->font());
        const QStringList lines = l->text().split(QLatin1Char('\n'));
        int widest = 0;
        for (const QString& line : lines)
            widest = std::max(widest, fm.horizontalAdvance(line));
        if (widest > room.width() + 1 || fm.lineSpacing() * lines.size() > room.height() + fm.leading() + 2)
            cut << describe(l, l->text());
    }
    // A label or button partly out of its parent's room ("Share…" half past the window's edge).
    auto clipped = [](const QWidget* w) {
        for (const QWidget* p = w->parentWidget(); p; p = p->parentWidget())
            if (p->inherits("QAbstractScrollArea")) return false; // scrolled, not cut
        const QRect shownPart = w->visibleRegion().boundingRect();
        return shownPart.width() + 1 < w->width();
    };
    for (QWidget* w : root->findChildren<QWidget*>()) {
        if ((qobject_cast<QLabel*>(w) || qobject_cast<QAbstractButton*>(w)) && shown(w) && clipped(w))
            cut << describe(w, qobject_cast<QLabel*>(w) ? qobject_cast<QLabel*>(w)->text()
                                                        : qobject_cast<QAbstractButton*>(w)->text());
    }
    for (QAbstractButton* b : root->findChildren<QAbstractButton*>()) {
        if (!shown(b) || b->text().isEmpty()) continue;
        if (!qobject_cast<QCheckBox*>(b) && !qobject_cast<QRadioButton*>(b) && !b->inherits("QPushButton"))
            continue;
        if (b->sizeHint().width() > b->width() + 1) cut << describe(b, b->text());
    }
    for (QComboBox* c : root->findChildren<QComboBox*>()) {
        if (!shown(c) || c->isEditable()) continue;
        const QString text = c->currentIndex() < 0 ? c->placeholderText() : c->currentText();
        QStyleOptionComboBox opt;
        opt.initFrom(c);
        const QRect room =
            c->style()->subControlRect(QStyle::CC_ComboBox, &opt, QStyle::SC_ComboBoxEditField, c);
        if (!text.isEmpty() && c->fontMetrics().horizontalAdvance(text) > room.width() + 1)
            cut << describe(c, text);
    }
    for (QTabBar* bar : root->findChildren<QTabBar*>()) {
        if (!shown(bar)) continue;
        for (int i = 0; i < bar->count(); ++i)
            if (bar->isTabVisible(i) &&
                bar->tabRect(i).width() <
                    bar->fontMetrics().horizontalAdvance(QString(bar->tabText(i)).remove(u'&')) + 8)
                cut << describe(bar, bar->tabText(i));
    }
    for (QHeaderView* h : root->findChildren<QHeaderView*>()) {
        // A header's own region is covered by its viewport: ask the viewport.
        if (!h->isVisible() || !shown(h->viewport()) || h->orientation() != Qt::Horizontal || !h->model())
            continue;
        const QFontMetrics fm(h->font());
        for (int s = 0; s < h->count(); ++s) {
            if (h->isSectionHidden(s) || h->sectionSize(s) == 0) continue;
            const QString text = h->model()->headerData(s, Qt::Horizontal).toString();
            const int x = h->sectionViewportPosition(s);
            // Sections scrolled out of sight are not cut, only out of sight.
            if (text.isEmpty() || x < 0 || x + h->sectionSize(s) > h->viewport()->width()) continue;
            // Room for the text beside the margins and a sort arrow.
            const int margin = 2 * h->style()->pixelMetric(QStyle::PM_HeaderMargin, nullptr, h);
            if (fm.horizontalAdvance(text) + margin > h->sectionSize(s) + 1) cut << describe(h, text);
        }
    }
    // Charts: a legend inside the plot covers lines and axes; an entry narrower than its words.
    for (QCustomPlot* plot : root->findChildren<QCustomPlot*>()) {
        if (!shown(plot) || !plot->legend || !plot->legend->visible()) continue;
        for (QCPAxisRect* r : plot->axisRects())
            if (plot->legend->layout() == r->insetLayout() && plot->legend->outerRect().intersects(r->rect()))
                cut << describe(plot, QStringLiteral("the legend is drawn over the plot"));
        for (int i = 0; i < plot->legend->itemCount(); ++i) {
            QCPAbstractLegendItem* item = plot->legend->item(i);
            auto* p = qobject_cast<QCPPlottableLegendItem*>(item);
            const QString name = p ? p->plottable()->name() : QString();
            if (item->outerRect().width() + 1 < item->minimumOuterSizeHint().width() ||
                item->outerRect().right() > plot->width())
                cut << describe(plot, QStringLiteral("legend entry ") + name);
        }
    }
    return cut;
}

} // namespace rw::test
