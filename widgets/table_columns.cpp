#include "table_columns.h"

#include <QHeaderView>
#include <QStyle>
#include <QTableView>

#include <algorithm>

namespace rw {

void setColumnWidthAtLeastHeading(QTableView* table, int column, int contentWidth)
{
    const QHeaderView* head = table->horizontalHeader();
    int heading = 0;
    if (const QAbstractItemModel* model = table->model()) {
        const QString text = model->headerData(column, Qt::Horizontal, Qt::DisplayRole).toString();
        // The text, its margins on both sides and room for a sort arrow.
        heading = head->fontMetrics().horizontalAdvance(text) +
                  2 * head->style()->pixelMetric(QStyle::PM_HeaderMargin, nullptr, head) + 8;
    }
    table->setColumnWidth(column, std::max(contentWidth, heading));
}

} // namespace rw
