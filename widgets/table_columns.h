#pragma once
// Column widths that never cut a heading: a column set to the width of its usual content is
// widened to its heading's, which is longer than the content in some languages ("Смещение"
// over offsets). GUI thread only.

class QTableView;

namespace rw {

// Sets `column` to `contentWidth`, or to what its heading needs when that is more.
void setColumnWidthAtLeastHeading(QTableView* table, int column, int contentWidth);

} // namespace rw
