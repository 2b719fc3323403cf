#pragma once
// Field-level difference between two JSON documents, for an order's history ("what changed
// between these two events"). Nested fields are flattened to paths: customer.email, items[0].qty.
// Any thread.

#include <QByteArrayView>
#include <QString>

#include <vector>

namespace rw {

struct FieldChange {
    enum Kind { Added, Removed, Changed } kind = Changed;
    QString path;
    QString before; // compact JSON text; empty for Added
    QString after;  // compact JSON text; empty for Removed
};

// Not-JSON on either side gives no field changes (callers compare raw bytes then).
std::vector<FieldChange> diffJson(QByteArrayView before, QByteArrayView after);

} // namespace rw
