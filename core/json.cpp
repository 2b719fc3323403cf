#include "json.h"

#include <simdjson.h>

#include <cctype>
#include <cstring>
#include <limits>

namespace rw::json {
namespace {

class Parser {
public:
    explicit Parser(QByteArrayView s, bool lenientUtf8 = false, bool borrow = false)
        : m_s(s), m_lenient(lenientUtf8), m_borrow(borrow)
    {
    }

    Error error(const char* what) const
    {
        return makeError(ErrorCode::Parse,
                         QStringLiteral("JSON: %1 at column %2").arg(QLatin1String(what)).arg(m_pos + 1));
    }

    void skipWs()
    {
        while (m_pos < m_s.size()) {
            const char c = m_s[m_pos];
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') break;
            ++m_pos;
        }
    }
    bool atEnd() const { return m_pos >= m_s.size(); }
    char peek() const { return m_pos < m_s.size() ? m_s[m_pos] : '\0'; }

    // Parses one value at the cursor. `decode` asks for the decoded string of a String value
    // (values inside skipped objects and arrays are only validated: decoding them cost an
    // allocation each for nothing).
    bool value(Value& out, int depth, Error& err, bool decode = true)
    {
        skipWs();
        if (atEnd()) {
            err = error("unexpected end of input");
            return false;
        }
        if (depth > kMaxDepth) {
            err = error("nesting too deep");
            return false;
        }
        const qsizetype start = m_pos;
        out.position = start;
        const char c = peek();
        bool good = false;
        if (c == '{') {
            out.type = Type::Object;
            good = skipObject(depth, err);
        } else if (c == '[') {
            out.type = Type::Array;
            good = skipArray(depth, err);
        } else if (c == '"') {
            out.type = Type::String;
            good = string(decode ? &out.string : nullptr, err);
        } else if (c == 't' || c == 'f' || c == 'n') {
            const char* word = c == 't' ? "true" : c == 'f' ? "false" : "null";
            const qsizetype n = static_cast<qsizetype>(strlen(word));
            if (m_s.size() - m_pos >= n && m_s.sliced(m_pos, n) == QByteArrayView(word, n)) {
                m_pos += n;
                out.type = c == 'n' ? Type::Null : Type::Bool;
                good = true;
            } else {
                err = error("invalid literal");
            }
        } else if (c == '-' || (c >= '0' && c <= '9')) {
            out.type = Type::Number;
            good = number(err);
        } else {
            err = error("unexpected character");
        }
        if (good) out.raw = m_s.sliced(start, m_pos - start);
        return good;
    }

    // `borrow`: a decoded string without escapes shares the input's memory instead of copying it.
    bool string(QByteArray* decoded, Error& err, bool borrow = false)
    {
        ++m_pos; // opening quote
        const qsizetype contentStart = m_pos;
        bool plain = true;
        bool ascii = true;
        while (true) {
            // Eight bytes at a time past plain ASCII text (no quote, backslash, control byte or
            // byte >= 0x80): most of an envelope's strings.
            while (m_s.size() - m_pos >= 8) {
                std::uint64_t x;
                memcpy(&x, m_s.data() + m_pos, 8);
                constexpr std::uint64_t ones = 0x0101010101010101ULL, highs = 0x8080808080808080ULL;
                const std::uint64_t quote = x ^ (ones * '"'), slash = x ^ (ones * '\\');
                const std::uint64_t special =
                    ((quote - ones) & ~quote) | ((slash - ones) & ~slash) | (x - ones * 0x20) | x;
                if (special & highs) break;
                m_pos += 8;
            }
            if (atEnd()) {
                err = error("unterminated string");
                return false;
            }
            const auto c = static_cast<unsigned char>(m_s[m_pos]);
            if (c == '"') break;
            if (c < 0x20) {
                err = error("control character in string");
                return false;
            }
            if (c >= 0x80) ascii = false;
            if (c == '\\') {
                plain = false;
                ++m_pos;
                if (atEnd()) {
                    err = error("unterminated escape");
                    return false;
                }
                const char e = m_s[m_pos];
                if (e == 'u') {
                    if (m_s.size() - m_pos < 5) {
                        err = error("short \\u escape");
                        return false;
                    }
                    for (int i = 1; i <= 4; ++i) {
                        if (!isxdigit(static_cast<unsigned char>(m_s[m_pos + i]))) {
                            err = error("bad \\u escape");
                            return false;
                        }
                    }
                    m_pos += 5;
                    continue;
                }
                if (!strchr("\"\\/bfnrt", e) || e == '\0') {
                    err = error("bad escape");
                    return false;
                }
                ++m_pos;
                continue;
            }
            ++m_pos;
        }
        const QByteArrayView content = m_s.sliced(contentStart, m_pos - contentStart);
        ++m_pos; // closing quote
        if (!m_lenient && !ascii && !isValidUtf8(content)) {
            m_pos = contentStart;
            err = error("invalid UTF-8 in string");
            return false;
        }
        if (!decoded) return true;
        if (plain && (borrow || m_borrow)) {
            *decoded = QByteArray::fromRawData(content.data(), content.size());
            return true;
        }
        if (plain) {
            *decoded = content.toByteArray();
            if (decoded->isNull()) *decoded = QByteArray("", 0);
            return true;
        }
        return unescape(content, *decoded, contentStart, err);
    }

    bool unescape(QByteArrayView in, QByteArray& out, qsizetype base, Error& err)
    {
        out = QByteArray("", 0);
        out.reserve(in.size());
        for (qsizetype i = 0; i < in.size(); ++i) {
            const char c = in[i];
            if (c != '\\') {
                out.append(c);
                continue;
            }
            const char e = in[++i];
            switch (e) {
            case '"':
                out.append('"');
                break;
            case '\\':
                out.append('\\');
                break;
            case '/':
                out.append('/');
                break;
            case 'b':
                out.append('\b');
                break;
            case 'f':
                out.append('\f');
                break;
            case 'n':
                out.append('\n');
                break;
            case 'r':
                out.append('\r');
                break;
            case 't':
                out.append('\t');
                break;
            case 'u': {
                std::uint32_t cp = hex4(in.sliced(i + 1, 4));
                i += 4;
                if (cp >= 0xD800 && cp <= 0xDBFF) {
                    if (i + 6 < in.size() && in[i + 1] == '\\' && in[i + 2] == 'u') {
                        const std::uint32_t lo = hex4(in.sliced(i + 3, 4));
                        if (lo >= 0xDC00 && lo <= 0xDFFF) {
                            cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
                            i += 6;
                        } else {
                            m_pos = base + i;
                            err = error("unpaired surrogate");
                            return false;
                        }
                    } else {
                        m_pos = base + i;
                        err = error("unpaired surrogate");
                        return false;
                    }
                } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
                    m_pos = base + i;
                    err = error("unpaired surrogate");
                    return false;
                }
                appendUtf8(out, cp);
                break;
            }
            default:
                break; // validated above
            }
        }
        return true;
    }

    static std::uint32_t hex4(QByteArrayView h)
    {
        std::uint32_t v = 0;
        for (char c : h) {
            v <<= 4;
            if (c >= '0' && c <= '9')
                v |= std::uint32_t(c - '0');
            else if (c >= 'a' && c <= 'f')
                v |= std::uint32_t(c - 'a' + 10);
            else
                v |= std::uint32_t(c - 'A' + 10);
        }
        return v;
    }

    static void appendUtf8(QByteArray& out, std::uint32_t cp)
    {
        if (cp < 0x80) {
            out.append(static_cast<char>(cp));
        } else if (cp < 0x800) {
            out.append(static_cast<char>(0xC0 | (cp >> 6)));
            out.append(static_cast<char>(0x80 | (cp & 0x3F)));
        } else if (cp < 0x10000) {
            out.append(static_cast<char>(0xE0 | (cp >> 12)));
            out.append(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
            out.append(static_cast<char>(0x80 | (cp & 0x3F)));
        } else {
            out.append(static_cast<char>(0xF0 | (cp >> 18)));
            out.append(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
            out.append(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
            out.append(static_cast<char>(0x80 | (cp & 0x3F)));
        }
    }

    bool digits()
    {
        const qsizetype s = m_pos;
        while (!atEnd() && peek() >= '0' && peek() <= '9')
            ++m_pos;
        return m_pos > s;
    }

    bool number(Error& err)
    {
        if (peek() == '-') ++m_pos;
        if (peek() == '0') {
            ++m_pos;
        } else if (!digits()) {
            err = error("bad number");
            return false;
        }
        if (peek() == '.') {
            ++m_pos;
            if (!digits()) {
                err = error("bad fraction");
                return false;
            }
        }
        if (peek() == 'e' || peek() == 'E') {
            ++m_pos;
            if (peek() == '+' || peek() == '-') ++m_pos;
            if (!digits()) {
                err = error("bad exponent");
                return false;
            }
        }
        return true;
    }

    bool skipObject(int depth, Error& err)
    {
        ++m_pos;
        skipWs();
        if (peek() == '}') {
            ++m_pos;
            return true;
        }
        while (true) {
            skipWs();
            if (peek() != '"') {
                err = error("expected member name");
                return false;
            }
            if (!string(nullptr, err)) return false;
            skipWs();
            if (peek() != ':') {
                err = error("expected ':'");
                return false;
            }
            ++m_pos;
            Value v;
            if (!value(v, depth + 1, err, false)) return false;
            skipWs();
            if (peek() == ',') {
                ++m_pos;
                continue;
            }
            if (peek() == '}') {
                ++m_pos;
                return true;
            }
            err = error("expected ',' or '}'");
            return false;
        }
    }

    bool skipArray(int depth, Error& err)
    {
        ++m_pos;
        skipWs();
        if (peek() == ']') {
            ++m_pos;
            return true;
        }
        while (true) {
            Value v;
            if (!value(v, depth + 1, err, false)) return false;
            skipWs();
            if (peek() == ',') {
                ++m_pos;
                continue;
            }
            if (peek() == ']') {
                ++m_pos;
                return true;
            }
            err = error("expected ',' or ']'");
            return false;
        }
    }

    // Top-level members of an object, each value validated fully.
    bool members(std::vector<Member>& out, Error& err)
    {
        skipWs();
        if (peek() != '{') {
            err = error("expected a JSON object");
            return false;
        }
        ++m_pos;
        skipWs();
        if (peek() == '}') {
            ++m_pos;
            return trailing(err);
        }
        while (true) {
            skipWs();
            if (peek() != '"') {
                err = error("expected member name");
                return false;
            }
            Member m;
            if (!string(&m.name, err, true)) return false;
            skipWs();
            if (peek() != ':') {
                err = error("expected ':'");
                return false;
            }
            ++m_pos;
            if (!value(m.value, 1, err)) return false;
            out.push_back(std::move(m));
            skipWs();
            if (peek() == ',') {
                ++m_pos;
                continue;
            }
            if (peek() == '}') {
                ++m_pos;
                return trailing(err);
            }
            err = error("expected ',' or '}'");
            return false;
        }
    }

    bool elements(std::vector<Value>& out, Error& err)
    {
        skipWs();
        if (peek() != '[') {
            err = error("expected a JSON array");
            return false;
        }
        ++m_pos;
        skipWs();
        if (peek() == ']') {
            ++m_pos;
            return trailing(err);
        }
        while (true) {
            Value v;
            if (!value(v, 1, err)) return false;
            out.push_back(std::move(v));
            skipWs();
            if (peek() == ',') {
                ++m_pos;
                continue;
            }
            if (peek() == ']') {
                ++m_pos;
                return trailing(err);
            }
            err = error("expected ',' or ']'");
            return false;
        }
    }

    bool trailing(Error& err)
    {
        skipWs();
        if (!atEnd()) {
            err = error("trailing characters");
            return false;
        }
        return true;
    }

private:
    QByteArrayView m_s;
    qsizetype m_pos = 0;
    bool m_lenient = false;
    bool m_borrow = false; // every decoded string without escapes shares the input's memory
};

// simdjson's full validation (UTF-8, grammar, a nesting limit no deeper than ours): when it says
// valid, the parser below would too. Everything it rejects or cannot judge (numbers out of its
// range) gets the parser's own verdict and error message.
bool simdjsonValid(QByteArrayView text)
{
    thread_local simdjson::dom::parser fast;
    thread_local bool allocated = false;
    if (!allocated) allocated = fast.allocate(1 << 20, kMaxDepth) == simdjson::SUCCESS;
    return allocated && text.size() <= (1 << 20) &&
           fast.parse(text.data(), static_cast<size_t>(text.size()), true).error() == simdjson::SUCCESS;
}

} // namespace

Result<std::vector<Member>> parseObject(QByteArrayView text, bool lenientUtf8)
{
    Parser p(text, lenientUtf8);
    std::vector<Member> out;
    Error err;
    if (!p.members(out, err)) return err;
    return out;
}

Result<std::vector<Value>> parseArray(QByteArrayView text, bool lenientUtf8)
{
    Parser p(text, lenientUtf8);
    std::vector<Value> out;
    Error err;
    if (!p.elements(out, err)) return err;
    return out;
}

Result<void> parseObjectInto(QByteArrayView text, std::vector<Member>& out, bool lenientUtf8)
{
    out.clear();
    Parser p(text, lenientUtf8, true);
    Error err;
    if (!p.members(out, err)) return err;
    return {};
}

Result<void> parseArrayInto(QByteArrayView text, std::vector<Value>& out, bool lenientUtf8)
{
    out.clear();
    Parser p(text, lenientUtf8, true);
    Error err;
    if (!p.elements(out, err)) return err;
    return {};
}

bool isValidJson(QByteArrayView text)
{
    // Fast path: simdjson validates without building anything. Only its "valid" is taken, and with
    // a nesting limit no deeper than ours, so it never accepts what the parser below rejects;
    // everything it rejects (or cannot judge, like numbers out of range) gets the parser's verdict.
    if (simdjsonValid(text)) return true;
    Parser p(text);
    Value v;
    Error err;
    return p.value(v, 0, err) && p.trailing(err);
}

bool isValidUtf8(QByteArrayView bytes)
{
    const auto* s = reinterpret_cast<const unsigned char*>(bytes.data());
    const qsizetype n = bytes.size();
    qsizetype i = 0;
    while (i < n) {
        // Fast path over ASCII, 8 bytes at a time.
        while (i + 8 <= n) {
            std::uint64_t w;
            memcpy(&w, s + i, 8);
            if (w & 0x8080808080808080ull) break;
            i += 8;
        }
        if (i >= n) break;
        const unsigned char c = s[i];
        if (c < 0x80) {
            ++i;
            continue;
        }
        int len;
        std::uint32_t cp;
        if ((c & 0xE0) == 0xC0) {
            len = 2;
            cp = c & 0x1F;
        } else if ((c & 0xF0) == 0xE0) {
            len = 3;
            cp = c & 0x0F;
        } else if ((c & 0xF8) == 0xF0) {
            len = 4;
            cp = c & 0x07;
        } else {
            return false;
        }
        if (i + len > n) return false;
        for (int k = 1; k < len; ++k) {
            if ((s[i + k] & 0xC0) != 0x80) return false;
            cp = (cp << 6) | (s[i + k] & 0x3F);
        }
        if ((len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) ||
            cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
            return false;
        i += len;
    }
    return true;
}

void appendString(QByteArray& out, QByteArrayView utf8)
{
    static const char hex[] = "0123456789abcdef";
    out.append('"');
    qsizetype runStart = 0;
    for (qsizetype i = 0; i < utf8.size(); ++i) {
        const auto c = static_cast<unsigned char>(utf8[i]);
        if (c >= 0x20 && c != '"' && c != '\\') continue;
        out.append(utf8.sliced(runStart, i - runStart));
        switch (c) {
        case '"':
            out.append("\\\"");
            break;
        case '\\':
            out.append("\\\\");
            break;
        case '\n':
            out.append("\\n");
            break;
        case '\r':
            out.append("\\r");
            break;
        case '\t':
            out.append("\\t");
            break;
        case '\b':
            out.append("\\b");
            break;
        case '\f':
            out.append("\\f");
            break;
        default:
            out.append("\\u00");
            out.append(hex[c >> 4]);
            out.append(hex[c & 0xF]);
        }
        runStart = i + 1;
    }
    out.append(utf8.sliced(runStart));
    out.append('"');
}

namespace {

void prettyValue(const Value& v, QByteArray& out, int indent, int level)
{
    const QByteArray pad(indent * (level + 1), ' '), close(indent * level, ' ');
    if (v.type == Type::Object) {
        auto members = parseObject(v.raw);
        if (!members || members->empty()) {
            out.append("{}");
            return;
        }
        out.append("{\n");
        for (size_t i = 0; i < members->size(); ++i) {
            const Member& m = members.value()[i];
            out.append(pad);
            appendString(out, m.name);
            out.append(": ");
            prettyValue(m.value, out, indent, level + 1);
            out.append(i + 1 < members->size() ? ",\n" : "\n");
        }
        out.append(close).append('}');
    } else if (v.type == Type::Array) {
        auto elems = parseArray(v.raw);
        if (!elems || elems->empty()) {
            out.append("[]");
            return;
        }
        out.append("[\n");
        for (size_t i = 0; i < elems->size(); ++i) {
            out.append(pad);
            prettyValue(elems.value()[i], out, indent, level + 1);
            out.append(i + 1 < elems->size() ? ",\n" : "\n");
        }
        out.append(close).append(']');
    } else {
        out.append(v.raw); // scalars exactly as written
    }
}

} // namespace

QByteArray pretty(QByteArrayView text, int indent)
{
    Parser p(text);
    Value v;
    Error err;
    if (!p.value(v, 0, err) || !p.trailing(err)) return {};
    QByteArray out;
    out.reserve(text.size() * 2);
    prettyValue(v, out, indent, 0);
    return out;
}

bool toInt64(const Value& v, qint64& out)
{
    if (v.type != Type::Number) return false;
    bool ok = false;
    out = v.raw.toByteArray().toLongLong(&ok);
    return ok;
}

} // namespace rw::json
