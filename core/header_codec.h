#pragma once
// Compact, binary-safe encoding of an ordered header list. Any thread.
//
// Layout: varint count, then per header: varint keyLen, key bytes, varint (valueLen + 1) with
// 0 meaning a null value, value bytes. Decoding bounds-checks every length.

#include "record.h"
#include "result.h"

namespace rw {

QByteArray encodeHeaders(const Headers& headers);
// The same into a reused buffer (cleared first), for hot loops.
void encodeHeadersInto(QByteArray& out, const Headers& headers);
// Appends the encoded block to `out` (nothing for no headers).
void appendEncodedHeaders(QByteArray& out, const Headers& headers);
Result<Headers> decodeHeaders(QByteArrayView blob);
// The same as views into `blob`, appended to `out` (no copies).
Result<void> decodeHeaderViews(QByteArrayView blob, std::vector<HeaderView>& out);

// Streaming writer of the same format, for sources that hold headers in their own structures:
// appendHeaderCount once (skip it for zero headers), then appendHeader per header.
void appendHeaderCount(QByteArray& out, size_t count);
void appendHeader(QByteArray& out, QByteArrayView key, QByteArrayView value, bool valueIsNull);

// Size of the encoded payload of the headers (keys + values), for statistics.
qsizetype headersPayloadSize(const Headers& headers);

} // namespace rw
