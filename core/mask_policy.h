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

#include <memory>
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

// The paths of a policy as maskers walk them: each path's names (UTF-8; "*" matches any), and how
// many fields each masked, summed over a run.
struct MaskPaths {
    std::vector<QList<QByteArray>> segments;
    std::vector<qint64> hits; // one per path
    // One step down: of the paths open at `active` (path, segment), which ones `name` completes
    // (masked, counted) and which stay open below it (`next`).
    bool step(const std::vector<std::pair<int, int>>& active, QByteArrayView name,
              std::vector<std::pair<int, int>>& next);
    std::vector<std::pair<int, int>> all() const; // every path at its first name
};

// Masks values encoded with a schema (Avro, Protobuf, JSON Schema) by decoding them, masking the
// policy's paths, and encoding them again with the same writer schema and framing: a consumer
// with the schema reads the masked record. A masked field keeps its type (docs/masking.md).
// Implemented where schemas are known (the decoding stage); a Masker without one refuses.
class EncodedMasking {
public:
    virtual ~EncodedMasking() = default;
    // `stored`: the value of a record of `topic` as stored. Writes into `out` (cleared first) the
    // value with every field at the paths masked; false when it is not schema-encoded (a plain
    // value: the caller masks it as JSON). An error names the path that cannot be masked.
    virtual Result<bool> mask(const QString& topic, QByteArrayView stored, MaskPaths& paths,
                              QByteArray& out) = 0;
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
    // this Masker's buffers, valid until the next call. `valueAsStored`: the value is as
    // stored, maybe schema-encoded: masked as storedValue() does (refused without setEncoded()).
    // Errors name the record (topic-partition@offset).
    Result<void> record(const QString& topic, const RecordView& in, bool valueAsStored, RecordView& out);

    // Schema-encoded values are masked by `encoded` (re-encoded with their writer schema); without
    // it they are refused. Field removal (removeFields) never applies to them: refused.
    void setEncoded(std::shared_ptr<EncodedMasking> encoded) { m_encoded = std::move(encoded); }
    bool masksEncoded() const { return m_encoded != nullptr; }
    // A value as stored, which may be schema-encoded: masked and re-encoded (true: `out` holds
    // it), or masked as JSON when it is not encoded. Errors as value().
    Result<bool> storedValue(const QString& topic, QByteArrayView stored, QByteArray& out);

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

    std::shared_ptr<EncodedMasking> m_encoded;
    MaskPaths m_encodedPaths;        // m_fields for `m_encoded` (masked ones only), hits added back
    std::vector<int> m_encodedIndex; // m_encodedPaths' index -> m_fields'
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
