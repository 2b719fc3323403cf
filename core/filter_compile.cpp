#include "filter_lexer.h"

#include "time_parse.h"

#include <QRegularExpression>

namespace rw {

using namespace filter_detail;

namespace {

class Parser {
public:
    Parser(const QString& text, TimestampMs now, const Filter::Limits& limits, Filter::Program& p)
        : m_lex(text), m_now(now), m_limits(limits), m_p(p)
    {
        advance();
    }

    int parse()
    {
        const int root = ternary();
        if (m_tok.t != Tok::End)
            throw CompileError{m_tok.col,
                               QStringLiteral("unexpected %1 after a complete expression (missing && or ||?)")
                                   .arg(describeToken(m_tok))};
        return root;
    }

private:
    void advance() { m_tok = m_lex.next(); }
    bool accept(Tok t)
    {
        if (m_tok.t != t) return false;
        advance();
        return true;
    }
    void expect(Tok t, const char* what)
    {
        if (m_tok.t != t)
            throw CompileError{
                m_tok.col,
                QStringLiteral("expected %1, found %2").arg(QLatin1String(what), describeToken(m_tok))};
        advance();
    }

    int add(Node n)
    {
        if (static_cast<int>(m_p.nodes.size()) >= m_limits.maxNodes)
            throw CompileError{
                n.col, QStringLiteral("the filter is too large (more than %1 parts)").arg(m_limits.maxNodes)};
        m_p.nodes.push_back(std::move(n));
        return static_cast<int>(m_p.nodes.size()) - 1;
    }
    Node& at(int i) { return m_p.nodes[static_cast<size_t>(i)]; }

    struct DepthGuard {
        int& d;
        DepthGuard(int& depth, int limit, int col) : d(depth)
        {
            if (++d > limit)
                throw CompileError{
                    col, QStringLiteral("the filter nests too deeply (more than %1 levels)").arg(limit)};
        }
        ~DepthGuard() { --d; }
    };

    int ternary()
    {
        DepthGuard g(m_depth, m_limits.maxDepth, m_tok.col);
        const int cond = orExpr();
        if (m_tok.t != Tok::Question) return cond;
        const int col = m_tok.col;
        advance();
        const int a = ternary();
        expect(Tok::Colon, "':' of a ? : expression");
        const int b = ternary();
        requireBool(cond, "the condition of ? :");
        Node n{Op::Cond, unify(at(a).type, at(b).type, col), col, {cond, a, b}, {}, {}, -1, false, nullptr,
               {}};
        return add(std::move(n));
    }

    int orExpr()
    {
        int l = andExpr();
        while (m_tok.t == Tok::Or) {
            const int col = m_tok.col;
            advance();
            const int r = andExpr();
            requireBool(l, "'||'");
            requireBool(r, "'||'");
            l = add(Node{Op::Or, Type::Bool, col, {l, r}, {}, {}, -1, false, nullptr, {}});
        }
        return l;
    }

    int andExpr()
    {
        int l = relation();
        while (m_tok.t == Tok::And) {
            const int col = m_tok.col;
            advance();
            const int r = relation();
            requireBool(l, "'&&'");
            requireBool(r, "'&&'");
            l = add(Node{Op::And, Type::Bool, col, {l, r}, {}, {}, -1, false, nullptr, {}});
        }
        return l;
    }

    int relation()
    {
        DepthGuard g(m_depth, m_limits.maxDepth, m_tok.col);
        int l = additive();
        while (true) {
            const Tok t = m_tok.t;
            Op op;
            switch (t) {
            case Tok::Eq:
                op = Op::Eq;
                break;
            case Tok::Ne:
                op = Op::Ne;
                break;
            case Tok::Lt:
                op = Op::Lt;
                break;
            case Tok::Le:
                op = Op::Le;
                break;
            case Tok::Gt:
                op = Op::Gt;
                break;
            case Tok::Ge:
                op = Op::Ge;
                break;
            case Tok::In:
                op = Op::In;
                break;
            default:
                return l;
            }
            const int col = m_tok.col;
            advance();
            int r = additive();
            if (op == Op::In)
                checkIn(l, r, col);
            else
                checkCompare(op, l, r, col);
            l = add(Node{op, Type::Bool, col, {l, r}, {}, {}, -1, false, nullptr, {}});
        }
    }

    int additive()
    {
        int l = multiplicative();
        while (m_tok.t == Tok::Plus || m_tok.t == Tok::Minus) {
            const Op op = m_tok.t == Tok::Plus ? Op::Add : Op::Sub;
            const int col = m_tok.col;
            advance();
            const int r = multiplicative();
            l = add(Node{op, arithmeticType(op, l, r, col), col, {l, r}, {}, {}, -1, false, nullptr, {}});
            fold(l);
        }
        return l;
    }

    int multiplicative()
    {
        int l = unary();
        while (m_tok.t == Tok::Star || m_tok.t == Tok::Slash || m_tok.t == Tok::Percent) {
            const Op op = m_tok.t == Tok::Star ? Op::Mul : m_tok.t == Tok::Slash ? Op::Div : Op::Mod;
            const int col = m_tok.col;
            advance();
            const int r = unary();
            l = add(Node{op, arithmeticType(op, l, r, col), col, {l, r}, {}, {}, -1, false, nullptr, {}});
            fold(l);
        }
        return l;
    }

    int unary()
    {
        DepthGuard g(m_depth, m_limits.maxDepth, m_tok.col);
        const int col = m_tok.col;
        if (accept(Tok::Not)) {
            const int x = unary();
            requireBool(x, "'!'");
            return add(Node{Op::Not, Type::Bool, col, {x}, {}, {}, -1, false, nullptr, {}});
        }
        if (accept(Tok::Minus)) {
            const int x = unary();
            const Type t = at(x).type;
            if (t != Type::Int && t != Type::Double && t != Type::Duration && t != Type::Dyn)
                throw CompileError{col, QStringLiteral("'-' needs a number or a duration, not %1")
                                            .arg(QLatin1String(typeName(t)))};
            const int n = add(Node{Op::Neg, t, col, {x}, {}, {}, -1, false, nullptr, {}});
            fold(n);
            return n;
        }
        return postfix(primary());
    }

    // value.a.b[0], headers["x"], x.contains("y")
    int postfix(int base)
    {
        while (true) {
            if (m_tok.t == Tok::Dot) {
                advance();
                if (m_tok.t != Tok::Ident)
                    throw CompileError{m_tok.col,
                                       QStringLiteral("expected a field or method name after '.', found %1")
                                           .arg(describeToken(m_tok))};
                const Token name = m_tok;
                advance();
                if (m_tok.t == Tok::LParen) {
                    base = method(base, name);
                    continue;
                }
                base = select(base, name.text.toUtf8(), name.col, name.text);
                continue;
            }
            if (m_tok.t == Tok::LBracket) {
                const int col = m_tok.col;
                advance();
                const Token idx = m_tok;
                if (idx.t != Tok::String && idx.t != Tok::Int)
                    throw CompileError{idx.col,
                                       QStringLiteral("expected a quoted name or an index inside [ ]")};
                advance();
                expect(Tok::RBracket, "']'");
                if (idx.t == Tok::String)
                    base = select(base, idx.text.toUtf8(), col, QStringLiteral("[\"%1\"]").arg(idx.text));
                else
                    base = index(base, idx.i, col);
                continue;
            }
            return base;
        }
    }

    static QByteArray pointerEscape(const QByteArray& name)
    {
        QByteArray out = name;
        out.replace('~', "~0");
        out.replace('/', "~1");
        return out;
    }

    int select(int base, const QByteArray& name, int col, const QString& shown)
    {
        Node& b = at(base);
        if (b.op == Op::Headers) {
            Node n{Op::HeaderGet,
                   Type::String,
                   col,
                   {},
                   {},
                   name,
                   -1,
                   false,
                   nullptr,
                   QStringLiteral("headers[\"%1\"]").arg(QString::fromUtf8(name))};
            return add(std::move(n));
        }
        if (b.op == Op::Value || b.op == Op::Key || b.op == Op::JsonPath) {
            Node n{Op::JsonPath, Type::Dyn, col, {}, {}, {}, -1, false, nullptr, {}};
            if (b.op == Op::JsonPath) {
                n.str = b.str + '/' + pointerEscape(name);
                n.onKey = b.onKey;
                n.describe =
                    b.describe + (shown.startsWith(QLatin1Char('[')) ? shown : QLatin1Char('.') + shown);
                // Reuse the node: the base path is no longer needed on its own.
                b.str = n.str;
                b.describe = n.describe;
                b.col = col;
                return base;
            }
            n.str = '/' + pointerEscape(name);
            n.onKey = b.op == Op::Key;
            n.describe = (n.onKey ? QStringLiteral("key") : QStringLiteral("value")) +
                         (shown.startsWith(QLatin1Char('[')) ? shown : QLatin1Char('.') + shown);
            (n.onKey ? m_p.keyJson : m_p.valueJson) = true;
            return add(std::move(n));
        }
        throw CompileError{col, QStringLiteral("%1 has no fields; only value, key (as JSON) and headers do")
                                    .arg(QLatin1String(typeName(b.type)))};
    }

    int index(int base, qint64 i, int col)
    {
        Node& b = at(base);
        if (b.op != Op::JsonPath && b.op != Op::Value && b.op != Op::Key)
            throw CompileError{col, QStringLiteral("[%1] needs a JSON array (value.items[0])").arg(i)};
        if (i < 0) throw CompileError{col, QStringLiteral("array indexes start at 0")};
        return select(base, QByteArray::number(i), col, QStringLiteral("[%1]").arg(i));
    }

    int primary()
    {
        const Token t = m_tok;
        switch (t.t) {
        case Tok::Int:
            advance();
            return lit(Val{Val::Int, false, t.i, 0, {}, -1}, Type::Int, t.col);
        case Tok::Double:
            advance();
            return lit(Val{Val::Double, false, 0, t.d, {}, -1}, Type::Double, t.col);
        case Tok::True:
            advance();
            return lit(Val{Val::Bool, true, 0, 0, {}, -1}, Type::Bool, t.col);
        case Tok::False:
            advance();
            return lit(Val{Val::Bool, false, 0, 0, {}, -1}, Type::Bool, t.col);
        case Tok::NullLit:
            advance();
            return lit(Val{Val::Null, false, 0, 0, {}, -1}, Type::Null, t.col);
        case Tok::String: {
            advance();
            return stringLit(t.text, t.col);
        }
        case Tok::LParen: {
            advance();
            const int e = ternary();
            expect(Tok::RParen, "')'");
            return e;
        }
        case Tok::LBracket:
            return list();
        case Tok::Ident:
            return identifier();
        case Tok::End:
            throw CompileError{t.col, QStringLiteral("expected an expression, found end of filter")};
        default:
            throw CompileError{t.col,
                               QStringLiteral("expected an expression, found %1").arg(describeToken(t))};
        }
    }

    int lit(Val v, Type type, int col)
    {
        Node n;
        n.op = Op::Lit;
        n.type = type;
        n.col = col;
        n.lit = v;
        return add(std::move(n));
    }

    int stringLit(const QString& s, int col)
    {
        Node n;
        n.op = Op::Lit;
        n.type = Type::String;
        n.col = col;
        n.str = s.toUtf8();
        n.lit.k = Val::Str;
        const int i = add(std::move(n));
        at(i).lit.s = QByteArrayView(at(i).str); // fixed up again after the nodes vector settles
        return i;
    }

    int list()
    {
        const int col = m_tok.col;
        advance();
        Node n{Op::List, Type::List, col, {}, {}, {}, -1, false, nullptr, {}};
        if (!accept(Tok::RBracket)) {
            while (true) {
                const int e = ternary();
                if (at(e).op != Op::Lit)
                    throw CompileError{at(e).col, QStringLiteral("list elements must be constants")};
                n.kids.push_back(e);
                if (n.kids.size() > 10000)
                    throw CompileError{col,
                                       QStringLiteral("the list is too long (more than 10000 elements)")};
                if (accept(Tok::RBracket)) break;
                expect(Tok::Comma, "',' or ']' in the list");
            }
        }
        return add(std::move(n));
    }

    int identifier()
    {
        const Token t = m_tok;
        advance();
        if (m_tok.t == Tok::LParen) return function(t);
        Node n;
        n.col = t.col;
        n.describe = t.text;
        if (t.text == QLatin1String("topic")) {
            n.op = Op::Topic;
            n.type = Type::String;
        } else if (t.text == QLatin1String("partition")) {
            n.op = Op::Partition;
            n.type = Type::Int;
        } else if (t.text == QLatin1String("offset")) {
            n.op = Op::Offset;
            n.type = Type::Int;
        } else if (t.text == QLatin1String("timestamp")) {
            n.op = Op::Timestamp;
            n.type = Type::Timestamp;
        } else if (t.text == QLatin1String("key")) {
            n.op = Op::Key;
            n.type = Type::String;
        } else if (t.text == QLatin1String("value")) {
            n.op = Op::Value;
            n.type = Type::String;
        } else if (t.text == QLatin1String("headers")) {
            n.op = Op::Headers;
            n.type = Type::Map;
        } else if (t.text == QLatin1String("now")) {
            return lit(Val{Val::Ts, false, m_now, 0, {}, -1}, Type::Timestamp, t.col);
        } else {
            throw CompileError{
                t.col,
                QStringLiteral("unknown name '%1' (fields: topic, partition, offset, timestamp, key, value, "
                               "headers; and now)")
                    .arg(t.text)};
        }
        return add(std::move(n));
    }

    std::vector<int> arguments()
    {
        expect(Tok::LParen, "'('");
        std::vector<int> args;
        if (accept(Tok::RParen)) return args;
        while (true) {
            args.push_back(ternary());
            if (accept(Tok::RParen)) return args;
            expect(Tok::Comma, "',' or ')' after an argument");
        }
    }

    QByteArray constantString(int node, const char* what)
    {
        Node& n = at(node);
        if (n.op != Op::Lit || n.lit.k != Val::Str)
            throw CompileError{n.col, QStringLiteral("%1 takes a quoted string").arg(QLatin1String(what))};
        return n.str;
    }

    int function(const Token& name)
    {
        const int col = name.col;
        std::vector<int> args = arguments();
        auto argc = [&](size_t n) {
            if (args.size() != n)
                throw CompileError{col, QStringLiteral("%1() takes %2 argument%3, got %4")
                                            .arg(name.text)
                                            .arg(n)
                                            .arg(n == 1 ? "" : "s")
                                            .arg(args.size())};
        };
        const QString& f = name.text;
        if (f == QLatin1String("duration")) {
            argc(1);
            const QByteArray s = constantString(args[0], "duration()");
            auto d = parseDurationMs(QString::fromUtf8(s));
            if (!d) throw CompileError{at(args[0]).col, d.error().message};
            return lit(Val{Val::Dur, false, d.value(), 0, {}, -1}, Type::Duration, col);
        }
        if (f == QLatin1String("timestamp")) {
            argc(1);
            const QByteArray s = constantString(args[0], "timestamp()");
            auto t = parseTimePoint(QString::fromUtf8(s), m_now);
            if (!t) throw CompileError{at(args[0]).col, t.error().message};
            return lit(Val{Val::Ts, false, t.value(), 0, {}, -1}, Type::Timestamp, col);
        }
        if (f == QLatin1String("size")) {
            argc(1);
            return sizeOf(args[0], col);
        }
        if (f == QLatin1String("has")) {
            argc(1);
            const Node& a = at(args[0]);
            if (a.op != Op::JsonPath && a.op != Op::HeaderGet)
                throw CompileError{
                    a.col,
                    QStringLiteral("has() takes a field path such as value.customer.id or headers.trace_id")};
            return add(Node{Op::Has, Type::Bool, col, {args[0]}, {}, {}, -1, false, nullptr, {}});
        }
        if (f == QLatin1String("matches") || f == QLatin1String("contains") ||
            f == QLatin1String("startsWith") || f == QLatin1String("endsWith")) {
            argc(2);
            Token t = name;
            return stringMethod(args[0], t, {args[1]});
        }
        if (f == QLatin1String("text")) {
            argc(1);
            const QByteArray term = constantString(args[0], "text()");
            if (term.trimmed().isEmpty())
                throw CompileError{at(args[0]).col, QStringLiteral("text() needs a word to look for")};
            m_textTerms.push_back(QString::fromUtf8(term));
            return add(Node{Op::Text,
                            Type::Bool,
                            col,
                            {},
                            {},
                            QString::fromUtf8(term).toLower().toUtf8(),
                            -1,
                            false,
                            nullptr,
                            {}});
        }
        if (f == QLatin1String("int") || f == QLatin1String("double") || f == QLatin1String("string")) {
            argc(1);
            const Op op = f == QLatin1String("int")      ? Op::ToInt
                          : f == QLatin1String("double") ? Op::ToDouble
                                                         : Op::ToString;
            const Type t = op == Op::ToInt ? Type::Int : op == Op::ToDouble ? Type::Double : Type::String;
            return add(Node{op, t, col, {args[0]}, {}, {}, -1, false, nullptr, {}});
        }
        throw CompileError{
            col, QStringLiteral("unknown function '%1' (functions: size, has, matches, contains, startsWith, "
                                "endsWith, duration, timestamp, text, int, double, string)")
                     .arg(f)};
    }

    int sizeOf(int x, int col)
    {
        const Type t = at(x).type;
        if (t != Type::String && t != Type::List && t != Type::Map && t != Type::Dyn)
            throw CompileError{col,
                               QStringLiteral("size() needs a string, list, headers or a JSON value, not %1")
                                   .arg(QLatin1String(typeName(t)))};
        return add(Node{Op::Size, Type::Int, col, {x}, {}, {}, -1, false, nullptr, {}});
    }

    int method(int target, const Token& name)
    {
        std::vector<int> args = arguments();
        if (name.text == QLatin1String("size")) {
            if (!args.empty())
                throw CompileError{name.col, QStringLiteral("size() takes no arguments as a method")};
            return sizeOf(target, name.col);
        }
        return stringMethod(target, name, args);
    }

    int stringMethod(int target, const Token& name, const std::vector<int>& args)
    {
        const QString& f = name.text;
        Op op;
        if (f == QLatin1String("contains"))
            op = Op::Contains;
        else if (f == QLatin1String("startsWith"))
            op = Op::StartsWith;
        else if (f == QLatin1String("endsWith"))
            op = Op::EndsWith;
        else if (f == QLatin1String("matches"))
            op = Op::Matches;
        else
            throw CompileError{
                name.col,
                QStringLiteral("unknown method '%1' (methods: contains, startsWith, endsWith, matches, size)")
                    .arg(f)};
        if (args.size() != 1) throw CompileError{name.col, QStringLiteral("%1() takes one argument").arg(f)};
        const Type tt = at(target).type;
        if (tt != Type::String && tt != Type::Dyn)
            throw CompileError{at(target).col,
                               QStringLiteral("%1() needs a string, but %2 is %3")
                                   .arg(f, describeNode(target), QLatin1String(typeName(tt)))};
        const Type at0 = at(args[0]).type;
        if (at0 != Type::String && at0 != Type::Dyn)
            throw CompileError{
                at(args[0]).col,
                QStringLiteral("%1() needs a string argument, not %2").arg(f, QLatin1String(typeName(at0)))};
        Node n{op, Type::Bool, name.col, {target, args[0]}, {}, {}, -1, false, nullptr, {}};
        if (op == Op::Matches) {
            const QByteArray pattern = constantString(args[0], "matches()");
            RE2::Options o;
            o.set_max_mem(m_limits.maxRegexMemory);
            o.set_log_errors(false);
            auto re = std::make_shared<RE2>(
                re2::StringPiece(pattern.constData(), static_cast<size_t>(pattern.size())), o);
            if (!re->ok())
                throw CompileError{
                    at(args[0]).col,
                    QStringLiteral("bad regular expression: %1").arg(QString::fromStdString(re->error()))};
            n.re = std::move(re);
        }
        return add(std::move(n));
    }

    QString describeNode(int i)
    {
        const Node& n = at(i);
        if (!n.describe.isEmpty()) return n.describe;
        return QStringLiteral("the expression at column %1").arg(n.col);
    }

    void requireBool(int i, const char* where)
    {
        const Type t = at(i).type;
        if (t != Type::Bool && t != Type::Dyn)
            throw CompileError{at(i).col,
                               QStringLiteral("%1 needs true/false on both sides, but %2 is %3")
                                   .arg(QLatin1String(where), describeNode(i), QLatin1String(typeName(t)))};
    }

    static bool numeric(Type t) { return t == Type::Int || t == Type::Double; }

    Type unify(Type a, Type b, int col)
    {
        if (a == b || b == Type::Null) return a;
        if (a == Type::Null) return b;
        if (a == Type::Dyn || b == Type::Dyn) return Type::Dyn;
        if (numeric(a) && numeric(b)) return Type::Double;
        throw CompileError{col, QStringLiteral("both branches of ? : must have one type, not %1 and %2")
                                    .arg(QLatin1String(typeName(a)), QLatin1String(typeName(b)))};
    }

    Type arithmeticType(Op op, int l, int r, int col)
    {
        const Type a = at(l).type, b = at(r).type;
        if (a == Type::Dyn || b == Type::Dyn) return Type::Dyn;
        if (op == Op::Add || op == Op::Sub) {
            if (a == Type::Timestamp && b == Type::Duration) return Type::Timestamp;
            if (op == Op::Add && a == Type::Duration && b == Type::Timestamp) return Type::Timestamp;
            if (op == Op::Sub && a == Type::Timestamp && b == Type::Timestamp) return Type::Duration;
            if (a == Type::Duration && b == Type::Duration) return Type::Duration;
            if (op == Op::Add && a == Type::String && b == Type::String) return Type::String;
        }
        if (numeric(a) && numeric(b)) return a == Type::Int && b == Type::Int ? Type::Int : Type::Double;
        const char* sym = op == Op::Add   ? "+"
                          : op == Op::Sub ? "-"
                          : op == Op::Mul ? "*"
                          : op == Op::Div ? "/"
                                          : "%";
        throw CompileError{
            col, QStringLiteral("cannot apply '%1' to %2 and %3")
                     .arg(QLatin1String(sym), QLatin1String(typeName(a)), QLatin1String(typeName(b)))};
    }

    // A string constant compared with a timestamp is read as a time ("2026-11-19T03:17:00Z").
    void coerceTimeLiteral(int tsSide, int other)
    {
        if (at(tsSide).type != Type::Timestamp) return;
        Node& o = at(other);
        if (o.op != Op::Lit || o.lit.k != Val::Str) return;
        auto t = parseTimePoint(QString::fromUtf8(o.str), m_now);
        if (!t)
            throw CompileError{
                o.col, QStringLiteral("%1 is compared with a timestamp but is not a time: %2")
                           .arg(QStringLiteral("\"%1\"").arg(QString::fromUtf8(o.str)), t.error().message)};
        o.lit = Val{Val::Ts, false, t.value(), 0, {}, -1};
        o.type = Type::Timestamp;
    }

    void checkCompare(Op op, int l, int r, int col)
    {
        coerceTimeLiteral(l, r);
        coerceTimeLiteral(r, l);
        const Type a = at(l).type, b = at(r).type;
        if (a == Type::Dyn || b == Type::Dyn) return;
        const bool equality = op == Op::Eq || op == Op::Ne;
        if (equality && (a == Type::Null || b == Type::Null)) return;
        const bool ok = a == b ? (equality || (a != Type::Bool && a != Type::List && a != Type::Map))
                               : numeric(a) && numeric(b);
        if (!ok)
            throw CompileError{
                col, QStringLiteral("%1 is %2 and cannot be compared with %3")
                         .arg(describeNode(l), QLatin1String(typeName(a)), QLatin1String(typeName(b)))};
    }

    void checkIn(int l, int r, int col)
    {
        const Type b = at(r).type;
        if (b == Type::Map) {
            if (at(l).type != Type::String && at(l).type != Type::Dyn)
                throw CompileError{col, QStringLiteral("'in headers' needs a header name (a string)")};
            return;
        }
        if (b != Type::List)
            throw CompileError{at(r).col,
                               QStringLiteral("'in' needs a list [..] or headers on its right, not %1")
                                   .arg(QLatin1String(typeName(b)))};
        const Type a = at(l).type;
        for (int e : at(r).kids) {
            coerceTimeLiteral(l, e);
            const Type t = at(e).type;
            if (a != Type::Dyn && t != a && !(numeric(a) && numeric(t)) && t != Type::Null)
                throw CompileError{at(e).col, QStringLiteral("%1 is %2, but this list element is %3")
                                                  .arg(describeNode(l), QLatin1String(typeName(a)),
                                                       QLatin1String(typeName(t)))};
        }
    }

    // Constant arithmetic (now - duration("2h")) becomes one literal.
    void fold(int i)
    {
        Node& n = at(i);
        for (int k : n.kids)
            if (at(k).op != Op::Lit || at(k).lit.k == Val::Str) return;
        const Val a = at(n.kids[0]).lit;
        if (n.op == Op::Neg) {
            Val v = a;
            if (v.k == Val::Double)
                v.d = -v.d;
            else
                v.i = -v.i;
            n.op = Op::Lit;
            n.lit = v;
            n.kids.clear();
            return;
        }
        const Val b = at(n.kids[1]).lit;
        Val v;
        if ((a.k == Val::Ts && b.k == Val::Dur) || (a.k == Val::Dur && b.k == Val::Dur) ||
            (a.k == Val::Dur && b.k == Val::Ts)) {
            v.k = (a.k == Val::Ts || b.k == Val::Ts) ? Val::Ts : Val::Dur;
            v.i = n.op == Op::Add ? a.i + b.i : a.i - b.i;
        } else if (a.k == Val::Ts && b.k == Val::Ts && n.op == Op::Sub) {
            v.k = Val::Dur;
            v.i = a.i - b.i;
        } else {
            return; // numbers are evaluated at run time (division by zero must be an error there)
        }
        n.op = Op::Lit;
        n.lit = v;
        n.kids.clear();
    }

public:
    std::vector<QString> m_textTerms;

private:
    Lexer m_lex;
    Token m_tok;
    TimestampMs m_now;
    Filter::Limits m_limits;
    Filter::Program& m_p;
    int m_depth = 0;
};

} // namespace

Result<Filter> Filter::compile(const QString& text, TimestampMs nowMs)
{
    return compile(text, nowMs, Limits{});
}

Result<Filter> Filter::compile(const QString& text, TimestampMs nowMs, const Limits& limits)
{
    if (text.size() > limits.maxLength)
        return makeError(ErrorCode::Parse,
                         QStringLiteral("column %1: the filter is longer than %2 characters")
                             .arg(limits.maxLength + 1)
                             .arg(limits.maxLength));
    if (text.trimmed().isEmpty())
        return makeError(ErrorCode::Parse,
                         QStringLiteral("column 1: the filter is empty (try value.contains(\"refund\"))"));
    auto program = std::make_shared<Program>();
    program->text = text;
    try {
        Parser parser(text, nowMs, limits, *program);
        program->root = parser.parse();
        program->pushdown.textTerms = parser.m_textTerms;
        const Node& root = program->nodes[static_cast<size_t>(program->root)];
        if (root.type != Type::Bool && root.type != Type::Dyn)
            throw CompileError{
                root.col, QStringLiteral("a filter must be true or false for each record, but this is %1 "
                                         "(compare it: == != < > contains …)")
                              .arg(QLatin1String(typeName(root.type)))};
    } catch (const CompileError& e) {
        return makeError(ErrorCode::Parse, QStringLiteral("column %1: %2").arg(e.col).arg(e.msg));
    }
    // String literals point into their own node; fix the views now that the vector is final.
    for (Node& n : program->nodes) {
        if (n.op == Op::Lit && n.lit.k == Val::Str) n.lit.s = QByteArrayView(n.str);
        if (n.op == Op::JsonPath) n.slot = program->slotCount++;
    }
    collectPushdown(*program, program->root, program->pushdown);
    // The prefilter's needles (Filter::Program::absentUnless): one path on a side, read by no
    // has(), whose first step is an object member named without pointer escapes.
    for (int side = 0; side < 2; ++side) {
        int paths = 0;
        const Node* only = nullptr;
        bool probed = false;
        for (const Node& n : program->nodes) {
            if (n.op == Op::JsonPath && n.onKey == (side == 1)) {
                ++paths;
                only = &n;
            }
            if (n.op == Op::Has && !n.kids.empty()) {
                const Node& k = program->nodes[static_cast<size_t>(n.kids[0])];
                probed = probed || (k.op == Op::JsonPath && k.onKey == (side == 1));
            }
        }
        if (paths != 1 || probed || !only->str.startsWith('/')) continue;
        const qsizetype end = only->str.indexOf('/', 1);
        const QByteArray first = only->str.mid(1, end < 0 ? -1 : end - 1);
        const bool index = !first.isEmpty() && std::all_of(first.begin(), first.end(),
                                                           [](char c) { return c >= '0' && c <= '9'; });
        if (first.isEmpty() || index || first.contains('~')) continue;
        program->absentUnless[side] = '"' + first + '"';
    }
    return Filter(std::move(program));
}

int Filter::errorColumn(const Error& e)
{
    static const QRegularExpression re(QStringLiteral("^column (\\d+):"));
    const auto m = re.match(e.message);
    return m.hasMatch() ? m.captured(1).toInt() : 0;
}

} // namespace rw
