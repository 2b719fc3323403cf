#pragma once
// Personal data in records, and the one mechanism that hides it wherever a policy applies
// (exports, replays, and what builds on them). A policy names JSON paths in values and header
// names: `customer.email`, `customer.*` (every member of customer), `card_last4`; a path goes
// through arrays (items.card masks `card` in every element of `items`). A masked value becomes
// "***", whole (an object or array at a masked path included), so the original text is nowhere
// in the output. Paths that matched nothing in a whole run are reported by the Masker: a typo in
// a path must never pass for a masked field.
// Thread contract: value types; a Masker is used by one thread at a time.

#include "json.h"
#include "record.h"
#include "result.h"

#include <QByteArray>
#include <QStringList>

#include <optional>
#include <vector>

namespace rw {

inline constexpr const char* kMaskedText = "***";

struct MaskPolicy {
    QStringList fields;  // JSON paths in values
    QStringList headers; // header names (exact)

    bool empty() const { return fields.isEmpty() && headers.isEmpty(); }
    MaskPolicy merged(const MaskPolicy& other) const; // both, without repeats
    // Whether a flattened JSON path (json_diff's `customer.email`, `items[2].card`) is masked by
    // the policy or holds a masked field (`customer` holds `customer.email`): its text must not be
    // shown where the policy applies.
    bool touchesPath(const QString& path) const;
    QByteArray toJson() const; // {"fields": [...], "headers": [...]}
    static Result<MaskPolicy> fromJson(QByteArrayView json);
    bool operator==(const MaskPolicy&) const = default;
};

class Masker {
public:
    // removeFields: paths whose members are dropped rather than masked (replay's remove_fields).
    explicit Masker(const MaskPolicy& policy, const QStringList& removeFields = {});

    bool active() const { return !m_fields.empty() || !m_headers.isEmpty(); }
    bool masksValues() const { return !m_fields.empty(); }
    // The value with its fields masked or removed. A null value (tombstone) stays null; a value
    // that is not a JSON object cannot be masked and is an error when the policy has field paths.
    // `changed` (optional) tells whether anything was hidden.
    Result<std::optional<QByteArray>> value(const std::optional<QByteArray>& value, bool* changed = nullptr);
    // The same into `out` (cleared first), for loops that keep their buffer.
    Result<bool> value(QByteArrayView value, QByteArray& out);
    // Whether a header of this name is masked (its value becomes "***"); counts the match.
    bool masksHeader(QByteArrayView name);
    Headers headers(const Headers& headers);
    // A record view with the policy applied, for writers of envelopes (export, copy): `out` is
    // `in` with its value and header block replaced where something was hidden; they point into
    // this Masker's buffers, valid until the next call. `valueAsStored`: the value is
    // schema-encoded bytes, which cannot be masked (an error when the policy has field paths).
    // Errors name the record (topic-partition@offset).
    Result<void> record(const QString& topic, const RecordView& in, bool valueAsStored, RecordView& out);

    // Paths and header names that matched nothing so far.
    QStringList unmatched() const;

private:
    struct Path {
        QList<QByteArray> segments; // UTF-8, compared with member names; "*" matches any
        bool remove = false;
        qint64 hits = 0;
        QString text;
    };
    bool mayHold(QByteArrayView v) const;
    // false: the text is not an object (out is then partly written: the caller truncates).
    bool rewriteObject(QByteArrayView text, const std::vector<std::pair<int, int>>& active, QByteArray& out,
                       bool& changed, int depth);
    void rewriteValue(QByteArrayView raw, bool isObject, bool isArray,
                      const std::vector<std::pair<int, int>>& next, QByteArray& out, bool& changed,
                      int depth);

    std::vector<Path> m_fields;
    QStringList m_headers;
    QList<QByteArray> m_headerNames; // m_headers in UTF-8, compared with every record's headers
    std::vector<qint64> m_headerHits;
    QByteArray m_value, m_headerBlock; // what record() hands out
    std::vector<HeaderView> m_views;
    std::vector<char> m_hide;
    std::vector<std::pair<int, int>> m_all;               // every path at its first segment
    QList<QByteArray> m_quotedFirst;                      // "name" of each path's first segment
    bool m_wildcardFirst = false;                         // a path begins with *: every object may hold it
    std::vector<std::vector<json::Member>> m_members;     // per depth, reused
    std::vector<std::vector<std::pair<int, int>>> m_next; // per depth, reused
};

} // namespace rw
