#pragma once
// A small strict JSON reader for untrusted single-line documents (NDJSON envelopes) and the
// writer helpers export uses. Not a DOM: it hands out raw spans, so an embedded JSON value can
// be stored byte-for-byte as it was written. Nesting depth is capped. Any thread.

#include "result.h"

#include <QByteArray>
#include <QByteArrayView>

#include <vector>

namespace rw::json {

constexpr int kMaxDepth = 128;

enum class Type { Null, Bool, Number, String, Array, Object };

struct Value {
    Type type = Type::Null;
    QByteArrayView raw;     // the value's exact text in the input
    QByteArray string;      // decoded UTF-8, for Type::String only
    qsizetype position = 0; // byte offset of the value in the parsed input
};

struct Member {
    QByteArray name; // decoded; may share the input's memory (like Value::raw): valid while it is
    Value value;
};

// Top-level object (surrounding whitespace allowed). Errors carry the byte column (1-based).
// lenientUtf8 accepts strings holding bytes that are not UTF-8 (kcat writes binary that way).
Result<std::vector<Member>> parseObject(QByteArrayView text, bool lenientUtf8 = false);
// Top-level array.
Result<std::vector<Value>> parseArray(QByteArrayView text, bool lenientUtf8 = false);
// The same into a vector the caller reuses (cleared first), with every decoded string that has no
// escapes sharing the input's memory: no allocation per member once `out` has grown. Hot loops.
Result<void> parseObjectInto(QByteArrayView text, std::vector<Member>& out, bool lenientUtf8 = false);
Result<void> parseArrayInto(QByteArrayView text, std::vector<Value>& out, bool lenientUtf8 = false);
// True when text is exactly one valid JSON value (with optional surrounding whitespace).
bool isValidJson(QByteArrayView text);

bool isValidUtf8(QByteArrayView bytes);
// Appends a quoted JSON string; `utf8` must be valid UTF-8 (check with isValidUtf8).
void appendString(QByteArray& out, QByteArrayView utf8);

// Indented JSON, members in their original order (unlike QJsonDocument, which sorts them).
// Returns an empty string when `text` is not valid JSON.
QByteArray pretty(QByteArrayView text, int indent = 4);

// Integer parsing of a Number value's raw text; fails on fractions, exponents or overflow.
bool toInt64(const Value& v, qint64& out);

} // namespace rw::json
