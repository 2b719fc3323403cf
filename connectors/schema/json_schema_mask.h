#pragma once
// Masking a JSON document that a JSON Schema describes (a value in the Schema Registry wire
// format with a JSON Schema), keeping each masked field's type so the document still validates:
// strings become "***", arrays empty, objects have each member masked, null stays null, numbers
// and booleans take the `default` the schema gives that property (found through `properties`,
// `items`, `additionalProperties` and local `$ref`s), or the record is refused with the path named.
// Unmasked parts are copied as written (numbers keep every digit).
// Thread contract: a pure function; any thread.

#include "mask_policy.h"
#include "result.h"

#include <QByteArray>
#include <QJsonObject>

namespace rw {

// Appends the masked document to `out`; false (nothing appended) when no path matched.
Result<bool> maskJsonDocument(QByteArrayView document, const QJsonObject& schema, MaskPaths& paths,
                              QByteArray& out);

} // namespace rw
