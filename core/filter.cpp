#include "filter_internal.h"

#include "header_codec.h"
#include "json.h"
#include "time_parse.h"

#include <charconv>
#include <cmath>
#include <cstring>

namespace rw {

using namespace filter_detail;

// ---------------------------------------------------------------------------------------------
// Evaluation

namespace {

struct Eval {
    const Filter::Program& p;
    Filter::Scratch& s;
    const FilterInput& in;

    const Node& node(int i) const { return p.nodes[static_cast<size_t>(i)]; }

    Val fail(const QString& msg)
    {
        if (s.error.isEmpty()) s.error = msg;
        return Val{};
    }

    Val str(QByteArrayView v) const
    {
        Val r;
        r.k = Val::Str;
        r.s = v;
        return r;
    }

    bool ensureDoc(int which)
    {
        if (s.parsed[which]) return !s.badJson[which];
        s.parsed[which] = true;
        const QByteArrayView raw = which == 0 ? in.value : in.key;
        if ((which == 0 ? in.valueNull : in.keyNull) || raw.isEmpty()) {
            s.badJson[which] = true;
            return false;
        }
        std::string& buf = s.padded[which];
        buf.assign(raw.data(), static_cast<size_t>(raw.size()));
        buf.reserve(buf.size() + simdjson::SIMDJSON_PADDING);
        auto r =
            s.parser[which].iterate(simdjson::padded_string_view(buf.data(), buf.size(), buf.capacity()));
        if (r.error()) {
            s.badJson[which] = true;
            return false;
        }
        s.doc[which] = std::move(r.value_unsafe());
        return true;
    }

    Val json(int i)
    {
        const Node& n = node(i);
        const size_t slot = static_cast<size_t>(n.slot);
        if (s.slotDone[slot]) {
            if (s.slotVal[slot].k == Val::Err)
                return fail(QStringLiteral("%1 is not present or not readable").arg(n.describe));
            return s.slotVal[slot];
        }
        s.slotDone[slot] = 1;
        Val& out = s.slotVal[slot];
        out = Val{};
        const int which = n.onKey ? 1 : 0;
        // The prefilter: without escapes, a member named "x" shows as the bytes "x" (quotes
        // included); where they do not occur the path is absent, or the document malformed, and
        // either reads as an error here (Program::absentUnless says when nothing else can tell
        // the two apart). Only the message would differ, and the caller does not read it.
        if (!in.needErrorText && !p.absentUnless[which].isEmpty() && !s.parsed[which]) {
            const QByteArrayView raw = which == 0 ? in.value : in.key;
            if (!(which == 0 ? in.valueNull : in.keyNull) && !raw.isEmpty() &&
                std::memchr(raw.data(), '\\', static_cast<size_t>(raw.size())) == nullptr &&
                memmem(raw.data(), static_cast<size_t>(raw.size()), p.absentUnless[which].constData(),
                       static_cast<size_t>(p.absentUnless[which].size())) == nullptr)
                return out; // Err, without a message
        }
        if (!ensureDoc(which)) {
            out.k = Val::Err;
            return fail(QStringLiteral("%1: the %2 is not JSON")
                            .arg(n.describe, QLatin1String(which ? "key" : "value")));
        }
        auto v =
            s.doc[which].at_pointer(std::string_view(n.str.constData(), static_cast<size_t>(n.str.size())));
        if (!s.doc[which].is_alive())
            s.badJson[which] = true; // simdjson abandoned a malformed document: never touch it again
        if (v.error()) {
            const auto e = v.error();
            if (s.badJson[which])
                return fail(QStringLiteral("%1: the %2 is not valid JSON")
                                .arg(n.describe, QLatin1String(which ? "key" : "value")));
            if (e == simdjson::NO_SUCH_FIELD || e == simdjson::INDEX_OUT_OF_BOUNDS ||
                e == simdjson::INCORRECT_TYPE || e == simdjson::INVALID_JSON_POINTER)
                return fail(QStringLiteral("%1 is not present").arg(n.describe));
            // Malformed JSON: simdjson abandons the document (found by fuzzing); never touch it again.
            s.badJson[which] = true;
            return fail(QStringLiteral("%1: the %2 is not valid JSON")
                            .arg(n.describe, QLatin1String(which ? "key" : "value")));
        }
        simdjson::ondemand::value val = v.value_unsafe();
        simdjson::ondemand::json_type t;
        auto invalid = [&](const char* what) {
            s.badJson[which] = true;
            return fail(QStringLiteral("%1: %2").arg(n.describe, QLatin1String(what)));
        };
        if (val.type().get(t)) return invalid("invalid JSON");
        switch (t) {
        case simdjson::ondemand::json_type::string: {
            std::string_view sv;
            if (val.get_string().get(sv)) return invalid("invalid JSON string");
            s.slotStr[slot].assign(sv); // the parser's string buffer is reused by the next lookup
            out.k = Val::Str;
            out.s = QByteArrayView(s.slotStr[slot].data(), static_cast<qsizetype>(s.slotStr[slot].size()));
            return out;
        }
        case simdjson::ondemand::json_type::number: {
            const std::string_view tok = val.raw_json_token();
            std::string_view num = tok;
            while (!num.empty() &&
                   (num.back() == ' ' || num.back() == '\n' || num.back() == '\r' || num.back() == '\t'))
                num.remove_suffix(1);
            qint64 iv = 0;
            auto [ptr, ec] = std::from_chars(num.data(), num.data() + num.size(), iv);
            if (ec == std::errc() && ptr == num.data() + num.size()) {
                out.k = Val::Int;
                out.i = iv;
            } else {
                double dv = 0;
                if (val.get_double().get(dv)) return invalid("invalid number");
                out.k = Val::Double;
                out.d = dv;
            }
            return out;
        }
        case simdjson::ondemand::json_type::boolean: {
            bool bv = false;
            if (val.get_bool().get(bv)) return invalid("invalid JSON");
            out.k = Val::Bool;
            out.b = bv;
            return out;
        }
        case simdjson::ondemand::json_type::null:
            out.k = Val::Null;
            return out;
        case simdjson::ondemand::json_type::array: {
            size_t cnt = 0;
            if (val.count_elements().get(cnt)) return invalid("invalid JSON array");
            out.k = Val::Arr;
            out.i = static_cast<qint64>(cnt);
            return out;
        }
        case simdjson::ondemand::json_type::object: {
            size_t cnt = 0;
            if (val.count_fields().get(cnt)) return invalid("invalid JSON object");
            out.k = Val::Obj;
            out.i = static_cast<qint64>(cnt);
            return out;
        }
        }
        return fail(QStringLiteral("%1: unsupported JSON").arg(n.describe));
    }

    // Views into the record's header block: no copy per record (a damaged block reads as none).
    const std::vector<HeaderView>& headers()
    {
        if (!s.headersDecoded) {
            s.headersDecoded = true;
            s.headers.clear(); // decodeHeaderViews appends
            if (!decodeHeaderViews(in.headersBlob, s.headers)) s.headers.clear();
        }
        return s.headers;
    }

    Val header(const Node& n)
    {
        for (const HeaderView& h : headers())
            if (h.key == QByteArrayView(n.str))
                return h.valueNull ? Val{Val::Null, false, 0, 0, {}, -1} : str(h.value);
        return fail(QStringLiteral("%1 is not present").arg(n.describe));
    }

    bool truthy(const Val& v, const Node& n, bool& ok)
    {
        if (v.k == Val::Bool) return v.b;
        ok = false;
        if (v.k != Val::Err)
            fail(QStringLiteral("column %1: expected true/false, got %2")
                     .arg(n.col)
                     .arg(QLatin1String(kindName(v.k))));
        return false;
    }

    static bool isNum(const Val& v) { return v.k == Val::Int || v.k == Val::Double; }
    static double num(const Val& v) { return v.k == Val::Int ? static_cast<double>(v.i) : v.d; }

    // -1, 0, 1, or 2 when not comparable
    int compare(const Val& a, const Val& b)
    {
        if (isNum(a) && isNum(b)) {
            if (a.k == Val::Int && b.k == Val::Int) return a.i < b.i ? -1 : a.i > b.i ? 1 : 0;
            const double x = num(a), y = num(b);
            if (std::isnan(x) || std::isnan(y)) return 2;
            return x < y ? -1 : x > y ? 1 : 0;
        }
        if (a.k != b.k) return 2;
        switch (a.k) {
        case Val::Str: {
            const int c = a.s.compare(b.s);
            return c < 0 ? -1 : c > 0 ? 1 : 0;
        }
        case Val::Ts:
        case Val::Dur:
            return a.i < b.i ? -1 : a.i > b.i ? 1 : 0;
        case Val::Bool:
            return a.b == b.b ? 0 : (a.b ? 1 : -1);
        case Val::Null:
            return 0;
        default:
            return 2;
        }
    }

    Val boolean(bool b) const { return Val{Val::Bool, b, 0, 0, {}, -1}; }

    // Evaluates both operands; false (with `err` set to the error) when either fails.
    bool operands(const Node& n, Val& a, Val& b, Val& err)
    {
        a = eval(n.kids[0]);
        if (a.k == Val::Err) {
            err = a;
            return false;
        }
        b = eval(n.kids[1]);
        if (b.k == Val::Err) {
            err = b;
            return false;
        }
        return true;
    }

    Val mismatch(const Node& n, const Val& a, const Val& b)
    {
        return fail(QStringLiteral("column %1: cannot compare %2 with %3")
                        .arg(n.col)
                        .arg(QLatin1String(kindName(a.k)), QLatin1String(kindName(b.k))));
    }

    Val eval(int i)
    {
        const Node& n = node(i);
        switch (n.op) {
        case Op::Lit:
            return n.lit;
        case Op::Topic:
            if (s.topicPtr != in.topic) {
                s.topicPtr = in.topic;
                s.topicUtf8 = in.topic ? in.topic->toUtf8() : QByteArray();
            }
            return str(QByteArrayView(s.topicUtf8));
        case Op::Partition:
            return Val{Val::Int, false, in.partition, 0, {}, -1};
        case Op::Offset:
            return Val{Val::Int, false, in.offset, 0, {}, -1};
        case Op::Timestamp:
            return Val{Val::Ts, false, in.timestamp, 0, {}, -1};
        case Op::Key:
            if (in.keyNull) return Val{Val::Null, false, 0, 0, {}, -1};
            return str(in.key);
        case Op::Value:
            if (in.valueNull) return Val{Val::Null, false, 0, 0, {}, -1};
            return str(in.value);
        case Op::Headers:
            return Val{Val::Map, false, static_cast<qint64>(headers().size()), 0, {}, -1};
        case Op::JsonPath:
            return json(i);
        case Op::HeaderGet:
            return header(n);
        case Op::List:
            return Val{Val::List, false, static_cast<qint64>(n.kids.size()), 0, {}, i};
        case Op::Not: {
            const Val v = eval(n.kids[0]);
            bool ok = true;
            const bool b = truthy(v, n, ok);
            return ok ? boolean(!b) : Val{};
        }
        case Op::Neg: {
            const Val v = eval(n.kids[0]);
            if (v.k == Val::Int) return Val{Val::Int, false, -v.i, 0, {}, -1};
            if (v.k == Val::Double) return Val{Val::Double, false, 0, -v.d, {}, -1};
            if (v.k == Val::Dur) return Val{Val::Dur, false, -v.i, 0, {}, -1};
            return v.k == Val::Err ? v : fail(QStringLiteral("column %1: '-' needs a number").arg(n.col));
        }
        case Op::And:
        case Op::Or: {
            // CEL semantics: an error on one side is absorbed when the other side decides.
            const bool isAnd = n.op == Op::And;
            const Val a = eval(n.kids[0]);
            bool okA = a.k != Val::Err;
            const bool ba = okA ? truthy(a, n, okA) : false;
            if (okA && ba != isAnd) return boolean(ba);
            const QString errorA = s.error;
            s.error.clear();
            const Val b = eval(n.kids[1]);
            bool okB = b.k != Val::Err;
            const bool bb = okB ? truthy(b, n, okB) : false;
            if (okB && bb != isAnd) {
                s.error.clear();
                return boolean(bb);
            }
            if (okA && okB) return boolean(isAnd);
            if (!errorA.isEmpty()) s.error = errorA;
            return Val{};
        }
        case Op::Eq:
        case Op::Ne: {
            Val a, b, e;
            if (!operands(n, a, b, e)) return e;
            bool eq;
            if (a.k == Val::Null || b.k == Val::Null) {
                eq = a.k == b.k;
            } else {
                const int c = compare(a, b);
                if (c == 2) return mismatch(n, a, b);
                eq = c == 0;
            }
            return boolean(n.op == Op::Eq ? eq : !eq);
        }
        case Op::Lt:
        case Op::Le:
        case Op::Gt:
        case Op::Ge: {
            Val a, b, e;
            if (!operands(n, a, b, e)) return e;
            const int c = compare(a, b);
            if (c == 2 || a.k == Val::Bool || a.k == Val::Null) return mismatch(n, a, b);
            const bool r = n.op == Op::Lt ? c < 0 : n.op == Op::Le ? c <= 0 : n.op == Op::Gt ? c > 0 : c >= 0;
            return boolean(r);
        }
        case Op::In: {
            const Val a = eval(n.kids[0]);
            if (a.k == Val::Err) return a;
            const Node& rhs = node(n.kids[1]);
            if (rhs.op == Op::Headers) {
                if (a.k != Val::Str)
                    return fail(QStringLiteral("column %1: 'in headers' needs a string").arg(n.col));
                for (const HeaderView& h : headers())
                    if (h.key == a.s) return boolean(true);
                return boolean(false);
            }
            for (int e : rhs.kids) {
                const Val b = node(e).lit;
                if (a.k == Val::Null || b.k == Val::Null) {
                    if (a.k == b.k) return boolean(true);
                    continue;
                }
                const int c = compare(a, b);
                if (c == 2) return mismatch(n, a, b);
                if (c == 0) return boolean(true);
            }
            return boolean(false);
        }
        case Op::Add:
        case Op::Sub:
        case Op::Mul:
        case Op::Div:
        case Op::Mod:
            return arithmetic(n);
        case Op::Contains:
        case Op::StartsWith:
        case Op::EndsWith:
        case Op::Matches: {
            Val a, b, e;
            if (!operands(n, a, b, e)) return e;
            if (a.k != Val::Str || b.k != Val::Str)
                return fail(QStringLiteral("column %1: expected strings, got %2 and %3")
                                .arg(n.col)
                                .arg(QLatin1String(kindName(a.k)), QLatin1String(kindName(b.k))));
            switch (n.op) {
            case Op::Contains:
                return boolean(a.s.contains(b.s));
            case Op::StartsWith:
                return boolean(a.s.startsWith(b.s));
            case Op::EndsWith:
                return boolean(a.s.endsWith(b.s));
            default:
                return boolean(
                    RE2::PartialMatch(re2::StringPiece(a.s.data(), static_cast<size_t>(a.s.size())), *n.re));
            }
        }
        case Op::Size: {
            const Val a = eval(n.kids[0]);
            switch (a.k) {
            case Val::Err:
                return a;
            case Val::Str:
                return Val{Val::Int, false, QString::fromUtf8(a.s).size(), 0, {}, -1};
            case Val::List:
            case Val::Map:
            case Val::Obj:
            case Val::Arr:
                return Val{Val::Int, false, a.i, 0, {}, -1};
            default:
                return fail(
                    QStringLiteral("column %1: size() of %2").arg(n.col).arg(QLatin1String(kindName(a.k))));
            }
        }
        case Op::Has: {
            const Node& path = node(n.kids[0]);
            if (path.op == Op::JsonPath && (path.onKey ? in.keyNull : in.valueNull))
                return boolean(false); // a tombstone has no fields
            const QString saved = s.error;
            const Val a = eval(n.kids[0]);
            if (a.k != Val::Err) return boolean(true);
            s.error = saved; // absence is the answer, not an error
            if (node(n.kids[0]).op == Op::JsonPath) {
                const int which = node(n.kids[0]).onKey ? 1 : 0;
                if (s.badJson[which])
                    return fail(QStringLiteral("has(%1): the %2 is not JSON")
                                    .arg(node(n.kids[0]).describe, QLatin1String(which ? "key" : "value")));
            }
            return boolean(false);
        }
        case Op::Text: {
            // Case-insensitive substring over the UTF-8 key, value and header values: exactly what
            // the workspace's text index (FTS5 trigram) answers, so both give the same records.
            const QByteArrayView term(n.str);
            auto hit = [&](QByteArrayView hay) {
                if (!json::isValidUtf8(hay)) return false;
                bool ascii = true;
                for (char ch : hay)
                    if (static_cast<unsigned char>(ch) >= 0x80) {
                        ascii = false;
                        break;
                    }
                if (ascii) return hay.toByteArray().toLower().contains(term);
                return QString::fromUtf8(hay).toLower().contains(QString::fromUtf8(term));
            };
            if (!in.keyNull && hit(in.key)) return boolean(true);
            if (!in.valueNull && hit(in.value)) return boolean(true);
            for (const HeaderView& h : headers())
                if (!h.valueNull && hit(h.value)) return boolean(true);
            return boolean(false);
        }
        case Op::ToInt: {
            const Val a = eval(n.kids[0]);
            if (a.k == Val::Int || a.k == Val::Ts || a.k == Val::Dur)
                return Val{Val::Int, false, a.i, 0, {}, -1};
            if (a.k == Val::Double && std::isfinite(a.d) && std::fabs(a.d) < 9.2e18)
                return Val{Val::Int, false, static_cast<qint64>(a.d), 0, {}, -1};
            if (a.k == Val::Str) {
                bool ok = false;
                const qint64 v = a.s.toByteArray().trimmed().toLongLong(&ok);
                if (ok) return Val{Val::Int, false, v, 0, {}, -1};
            }
            return a.k == Val::Err ? a
                                   : fail(QStringLiteral("column %1: int() cannot convert %2")
                                              .arg(n.col)
                                              .arg(QLatin1String(kindName(a.k))));
        }
        case Op::ToDouble: {
            const Val a = eval(n.kids[0]);
            if (isNum(a)) return Val{Val::Double, false, 0, num(a), {}, -1};
            if (a.k == Val::Str) {
                bool ok = false;
                const double v = a.s.toByteArray().trimmed().toDouble(&ok);
                if (ok) return Val{Val::Double, false, 0, v, {}, -1};
            }
            return a.k == Val::Err ? a
                                   : fail(QStringLiteral("column %1: double() cannot convert %2")
                                              .arg(n.col)
                                              .arg(QLatin1String(kindName(a.k))));
        }
        case Op::ToString: {
            const Val a = eval(n.kids[0]);
            if (a.k == Val::Str) return a;
            std::string& buf = s.slotStr.emplace_back();
            if (a.k == Val::Int)
                buf = std::to_string(a.i);
            else if (a.k == Val::Double)
                buf = QByteArray::number(a.d, 'g', 17).toStdString();
            else if (a.k == Val::Bool)
                buf = a.b ? "true" : "false";
            else if (a.k == Val::Ts)
                buf = formatTimestampUtc(a.i).toStdString();
            else
                return a.k == Val::Err ? a
                                       : fail(QStringLiteral("column %1: string() cannot convert %2")
                                                  .arg(n.col)
                                                  .arg(QLatin1String(kindName(a.k))));
            return str(QByteArrayView(buf.data(), static_cast<qsizetype>(buf.size())));
        }
        case Op::Cond: {
            const Val c = eval(n.kids[0]);
            bool ok = true;
            const bool b = c.k == Val::Err ? (ok = false) : truthy(c, n, ok);
            if (!ok) return Val{};
            return eval(n.kids[b ? 1 : 2]);
        }
        }
        return fail(QStringLiteral("internal: unknown operation"));
    }

    Val arithmetic(const Node& n)
    {
        Val a, b, e;
        if (!operands(n, a, b, e)) return e;
        auto bad = [&] {
            return fail(QStringLiteral("column %1: cannot do arithmetic on %2 and %3")
                            .arg(n.col)
                            .arg(QLatin1String(kindName(a.k)), QLatin1String(kindName(b.k))));
        };
        if ((a.k == Val::Ts || a.k == Val::Dur) && (b.k == Val::Ts || b.k == Val::Dur) &&
            (n.op == Op::Add || n.op == Op::Sub)) {
            Val r;
            r.k = (a.k == Val::Ts) != (b.k == Val::Ts) ? Val::Ts : Val::Dur;
            r.i = n.op == Op::Add ? a.i + b.i : a.i - b.i;
            return r;
        }
        if (a.k == Val::Str && b.k == Val::Str && n.op == Op::Add) {
            std::string& buf = s.slotStr.emplace_back();
            buf.assign(a.s.data(), static_cast<size_t>(a.s.size()));
            buf.append(b.s.data(), static_cast<size_t>(b.s.size()));
            return str(QByteArrayView(buf.data(), static_cast<qsizetype>(buf.size())));
        }
        if (!isNum(a) || !isNum(b)) return bad();
        if (a.k == Val::Int && b.k == Val::Int) {
            qint64 r = 0;
            switch (n.op) {
            case Op::Add:
                if (__builtin_add_overflow(a.i, b.i, &r))
                    return fail(QStringLiteral("column %1: integer overflow").arg(n.col));
                break;
            case Op::Sub:
                if (__builtin_sub_overflow(a.i, b.i, &r))
                    return fail(QStringLiteral("column %1: integer overflow").arg(n.col));
                break;
            case Op::Mul:
                if (__builtin_mul_overflow(a.i, b.i, &r))
                    return fail(QStringLiteral("column %1: integer overflow").arg(n.col));
                break;
            case Op::Div:
            case Op::Mod:
                if (b.i == 0) return fail(QStringLiteral("column %1: division by zero").arg(n.col));
                if (a.i == std::numeric_limits<qint64>::min() && b.i == -1)
                    return fail(QStringLiteral("column %1: integer overflow").arg(n.col));
                r = n.op == Op::Div ? a.i / b.i : a.i % b.i;
                break;
            default:
                return bad();
            }
            return Val{Val::Int, false, r, 0, {}, -1};
        }
        const double x = num(a), y = num(b);
        double r = 0;
        switch (n.op) {
        case Op::Add:
            r = x + y;
            break;
        case Op::Sub:
            r = x - y;
            break;
        case Op::Mul:
            r = x * y;
            break;
        case Op::Div:
            r = x / y;
            break;
        case Op::Mod:
            return fail(QStringLiteral("column %1: '%%' needs integers").arg(n.col));
        default:
            return bad();
        }
        return Val{Val::Double, false, 0, r, {}, -1};
    }
};

} // namespace

Filter::Filter(std::shared_ptr<const Program> program)
    : m_program(std::move(program)), m_scratch(std::make_unique<Scratch>())
{
    m_scratch->slotVal.resize(static_cast<size_t>(m_program->slotCount));
    m_scratch->slotStr.resize(static_cast<size_t>(m_program->slotCount));
    m_scratch->slotDone.resize(static_cast<size_t>(m_program->slotCount));
}

Filter::Filter(const Filter& o) : Filter(o.m_program) {}
Filter& Filter::operator=(const Filter& o)
{
    if (this != &o) *this = Filter(o.m_program);
    return *this;
}
Filter::Filter(Filter&&) noexcept = default;
Filter& Filter::operator=(Filter&&) noexcept = default;
Filter::~Filter() = default;

Filter::Evaluation Filter::evaluate(const FilterInput& record) const
{
    Scratch& s = *m_scratch;
    s.parsed[0] = s.parsed[1] = false;
    s.badJson[0] = s.badJson[1] = false;
    std::fill(s.slotDone.begin(), s.slotDone.end(), 0);
    s.slotStr.resize(static_cast<size_t>(m_program->slotCount));
    s.error.clear();
    s.headersDecoded = false;
    s.lowered = false;
    Eval e{*m_program, s, record};
    const Val v = e.eval(m_program->root);
    if (v.k == Val::Bool) return {v.b ? Outcome::Match : Outcome::NoMatch, {}};
    if (v.k == Val::Err)
        return {Outcome::Error, s.error.isEmpty() ? QStringLiteral("evaluation error") : s.error};
    return {Outcome::Error,
            QStringLiteral("the filter gave %1 instead of true/false").arg(QLatin1String(kindName(v.k)))};
}

const FilterPushdown& Filter::pushdown() const
{
    return m_program->pushdown;
}

bool Filter::usesValueJson() const
{
    return m_program->valueJson;
}

QString Filter::text() const
{
    return m_program->text;
}

} // namespace rw
