#pragma once
// Internals shared by the filter's compiler (filter_compile.cpp) and evaluator (filter.cpp).
// Not a public header.

#include "filter.h"
#include "record.h"

#include <re2/re2.h>
#include <simdjson.h>

#include <deque>
#include <memory>
#include <string>
#include <vector>

namespace rw {
namespace filter_detail {

// ---------------------------------------------------------------------------------------------
// Types and values

enum class Type : std::uint8_t { Null, Bool, Int, Double, String, Timestamp, Duration, List, Map, Dyn };

inline const char* typeName(Type t)
{
    switch (t) {
    case Type::Null:
        return "null";
    case Type::Bool:
        return "a bool";
    case Type::Int:
        return "an int";
    case Type::Double:
        return "a double";
    case Type::String:
        return "a string";
    case Type::Timestamp:
        return "a timestamp";
    case Type::Duration:
        return "a duration";
    case Type::List:
        return "a list";
    case Type::Map:
        return "the headers map";
    case Type::Dyn:
        return "a JSON value";
    }
    return "?";
}

struct Val {
    enum K : std::uint8_t { Err, Null, Bool, Int, Double, Str, Ts, Dur, List, Obj, Arr, Map } k = Err;
    bool b = false;
    qint64 i = 0; // Int, Ts, Dur, and element count for Obj/Arr/List/Map
    double d = 0;
    QByteArrayView s;
    int node = -1; // List: the list node
};

inline const char* kindName(Val::K k)
{
    switch (k) {
    case Val::Null:
        return "null";
    case Val::Bool:
        return "a bool";
    case Val::Int:
        return "an int";
    case Val::Double:
        return "a double";
    case Val::Str:
        return "a string";
    case Val::Ts:
        return "a timestamp";
    case Val::Dur:
        return "a duration";
    case Val::List:
        return "a list";
    case Val::Obj:
        return "an object";
    case Val::Arr:
        return "an array";
    case Val::Map:
        return "the headers";
    default:
        return "an error";
    }
}

struct CompileError {
    int col;
    QString msg;
};

enum class Op : std::uint8_t {
    Lit,
    Topic,
    Partition,
    Offset,
    Timestamp,
    Key,
    Value,
    Headers,
    JsonPath,
    HeaderGet,
    List,
    Not,
    Neg,
    And,
    Or,
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
    In,
    Add,
    Sub,
    Mul,
    Div,
    Mod,
    Contains,
    StartsWith,
    EndsWith,
    Matches,
    Size,
    Has,
    Text,
    ToInt,
    ToDouble,
    ToString,
    Cond
};

struct Node {
    Op op = Op::Lit;
    Type type = Type::Null;
    int col = 1;
    std::vector<int> kids;
    Val lit;                 // Lit
    QByteArray str;          // Lit strings, JsonPath pointer, HeaderGet name, Text term
    int slot = -1;           // JsonPath cache slot
    bool onKey = false;      // JsonPath base
    std::shared_ptr<RE2> re; // Matches
    QString describe;        // for messages: "value.customer.id"
};

// The search ranges a program's top-level conjuncts let a search skip (time, topic, partition, key).
void collectPushdown(const Filter::Program& p, int i, FilterPushdown& out);

} // namespace filter_detail

struct Filter::Program {
    QString text;
    std::vector<filter_detail::Node> nodes;
    int root = -1;
    int slotCount = 0;
    bool valueJson = false;
    bool keyJson = false;
    // Per side (0 value, 1 key): the quoted name of the first field of the side's only JSON path,
    // where the outcome cannot depend on more than that path being absent (no has() of it, no
    // other path that a malformed document would fail); empty: always parse.
    QByteArray absentUnless[2];
    FilterPushdown pushdown;
};

struct Filter::Scratch {
    simdjson::ondemand::parser parser[2]; // one document per parser: value and key
    std::string padded[2];                // value, key, with simdjson's padding
    bool parsed[2] = {false, false};
    bool badJson[2] = {false, false};
    simdjson::ondemand::document doc[2];
    std::vector<filter_detail::Val> slotVal;
    std::deque<std::string> slotStr; // deque: views point into these strings, they must not move
    std::vector<char> slotDone;
    QString error;
    std::vector<HeaderView> headers; // views into the record's header block, for one evaluation
    bool headersDecoded = false;
    QByteArray lowerValue;
    bool lowered = false;
    const QString* topicPtr = nullptr;
    QByteArray topicUtf8;
};

} // namespace rw
