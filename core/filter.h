#pragma once
// The filter language: a subset of CEL over records (docs/filter-language.md). Compiled once,
// then evaluated per record. It cannot run code or loop: a compiled filter is a small tree with
// bounded size, regexes are RE2 (linear time) compiled up front, and each JSON path is read at
// most once per record with simdjson's on-demand parser.
// Thread contract: compile() any thread; a Filter object evaluates on one thread at a time
// (copies are cheap and independent).

#include "record.h"
#include "result.h"

#include <memory>
#include <optional>

namespace rw {

struct FilterInput {
    const QString* topic = nullptr;
    PartitionId partition = 0;
    Offset offset = 0;
    TimestampMs timestamp = 0;
    bool keyNull = true;
    QByteArrayView key;
    bool valueNull = true;
    QByteArrayView value;
    QByteArrayView headersBlob; // header_codec format
    // false: the caller reads only the outcome, not Evaluation::error. A field that cannot be in
    // the value (its name's bytes do not occur, nothing is escaped) then reads as absent without
    // parsing the JSON: the same outcome, but the error text is a generic one.
    bool needErrorText = true;

    static FilterInput of(const QString& topic, const RecordView& v)
    {
        return {&topic, v.partition, v.offset, v.timestamp,  v.keyNull,
                v.key,  v.valueNull, v.value,  v.headersBlob};
    }
};

// What the search can use to read less (all optional, all conservative).
struct FilterPushdown {
    std::optional<TimestampMs> fromTime; // records before cannot match
    std::optional<TimestampMs> toTime;   // records at or after cannot match
    std::optional<QString> topic;
    std::optional<PartitionId> partition;
    std::optional<QByteArray> keyEquals;
    std::vector<QString> textTerms; // text("…") terms (all must occur)
};

class Filter {
public:
    struct Limits {
        int maxLength = 64 * 1024; // characters of filter text
        int maxNodes = 2000;
        int maxDepth = 64;
        int maxRegexMemory = 1 << 20; // bytes of one compiled regex
    };
    // Errors are ErrorCode::Parse with "column N: what was expected"; errorColumn() gives N.
    static Result<Filter> compile(const QString& text, TimestampMs nowMs, const Limits& limits);
    static Result<Filter> compile(const QString& text, TimestampMs nowMs);
    static int errorColumn(const Error& e); // 0 when the message has none

    enum class Outcome { Match, NoMatch, Error };
    struct Evaluation {
        Outcome outcome = Outcome::NoMatch;
        QString error; // for Error: what went wrong on this record (missing field, type mismatch, bad JSON)
    };
    Evaluation evaluate(const FilterInput& record) const;

    const FilterPushdown& pushdown() const;
    bool usesValueJson() const;
    QString text() const;

    Filter(const Filter& other);
    Filter& operator=(const Filter& other);
    Filter(Filter&&) noexcept;
    Filter& operator=(Filter&&) noexcept;
    ~Filter();

    struct Program; // compiled form (filter.cpp)
    struct Scratch; // per-instance evaluation buffers

private:
    Filter(std::shared_ptr<const Program> program);
    std::shared_ptr<const Program> m_program;
    std::unique_ptr<Scratch> m_scratch;
};

} // namespace rw
