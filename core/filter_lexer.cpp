#include "filter_lexer.h"

namespace rw::filter_detail {

QString describeToken(const Token& t)
{
    switch (t.t) {
    case Tok::End:
        return QStringLiteral("end of filter");
    case Tok::Ident:
        return QStringLiteral("'%1'").arg(t.text);
    case Tok::String:
        return QStringLiteral("a string");
    case Tok::Int:
    case Tok::Double:
        return QStringLiteral("a number");
    default:
        return QStringLiteral("a symbol");
    }
}

Token Lexer::next()
{
    while (m_pos < m_s.size() && m_s[m_pos].isSpace())
        ++m_pos;
    Token t;
    t.col = static_cast<int>(m_pos) + 1;
    if (m_pos >= m_s.size()) return t;
    const QChar c = m_s[m_pos];
    auto two = [&](const char* op) { return m_s.mid(m_pos, 2) == QLatin1String(op); };
    if (c.isLetter() || c == QLatin1Char('_')) {
        qsizetype e = m_pos;
        while (e < m_s.size() && (m_s[e].isLetterOrNumber() || m_s[e] == QLatin1Char('_')))
            ++e;
        t.text = m_s.mid(m_pos, e - m_pos);
        // r"raw" and r'raw' strings
        if ((t.text == QLatin1String("r") || t.text == QLatin1String("R")) && e < m_s.size() &&
            (m_s[e] == QLatin1Char('"') || m_s[e] == QLatin1Char('\''))) {
            m_pos = e;
            return string(t.col, true);
        }
        m_pos = e;
        t.t = t.text == QLatin1String("true")    ? Tok::True
              : t.text == QLatin1String("false") ? Tok::False
              : t.text == QLatin1String("null")  ? Tok::NullLit
              : t.text == QLatin1String("in")    ? Tok::In
                                                 : Tok::Ident;
        return t;
    }
    if (c.isDigit()) return number(t.col);
    if (c == QLatin1Char('"') || c == QLatin1Char('\'')) return string(t.col, false);
    if (two("&&")) {
        m_pos += 2;
        t.t = Tok::And;
        return t;
    }
    if (two("||")) {
        m_pos += 2;
        t.t = Tok::Or;
        return t;
    }
    if (two("==")) {
        m_pos += 2;
        t.t = Tok::Eq;
        return t;
    }
    if (two("!=")) {
        m_pos += 2;
        t.t = Tok::Ne;
        return t;
    }
    if (two("<=")) {
        m_pos += 2;
        t.t = Tok::Le;
        return t;
    }
    if (two(">=")) {
        m_pos += 2;
        t.t = Tok::Ge;
        return t;
    }
    ++m_pos;
    switch (c.unicode()) {
    case '(':
        t.t = Tok::LParen;
        return t;
    case ')':
        t.t = Tok::RParen;
        return t;
    case '[':
        t.t = Tok::LBracket;
        return t;
    case ']':
        t.t = Tok::RBracket;
        return t;
    case ',':
        t.t = Tok::Comma;
        return t;
    case '.':
        t.t = Tok::Dot;
        return t;
    case '!':
        t.t = Tok::Not;
        return t;
    case '-':
        t.t = Tok::Minus;
        return t;
    case '+':
        t.t = Tok::Plus;
        return t;
    case '*':
        t.t = Tok::Star;
        return t;
    case '/':
        t.t = Tok::Slash;
        return t;
    case '%':
        t.t = Tok::Percent;
        return t;
    case '<':
        t.t = Tok::Lt;
        return t;
    case '>':
        t.t = Tok::Gt;
        return t;
    case '?':
        t.t = Tok::Question;
        return t;
    case ':':
        t.t = Tok::Colon;
        return t;
    case '=':
        throw CompileError{t.col, QStringLiteral("'=' is not an operator; use '==' to compare")};
    case '&':
    case '|':
        throw CompileError{t.col, QStringLiteral("'%1' is not an operator; use '%1%1'").arg(c)};
    default:
        throw CompileError{t.col, QStringLiteral("unexpected character '%1'").arg(c)};
    }
}

Token Lexer::number(int col)
{
    Token t;
    t.col = col;
    qsizetype e = m_pos;
    bool isDouble = false;
    if (m_s.mid(m_pos, 2).toLower() == QLatin1String("0x")) {
        e += 2;
        while (e < m_s.size() && isxdigit(m_s[e].toLatin1()))
            ++e;
        bool ok = false;
        t.i = m_s.mid(m_pos + 2, e - m_pos - 2).toLongLong(&ok, 16);
        if (!ok) throw CompileError{col, QStringLiteral("bad hexadecimal number")};
        t.t = Tok::Int;
        m_pos = e;
        return t;
    }
    while (e < m_s.size() && m_s[e].isDigit())
        ++e;
    if (e + 1 < m_s.size() && m_s[e] == QLatin1Char('.') && m_s[e + 1].isDigit()) {
        isDouble = true;
        ++e;
        while (e < m_s.size() && m_s[e].isDigit())
            ++e;
    }
    if (e < m_s.size() && (m_s[e] == QLatin1Char('e') || m_s[e] == QLatin1Char('E'))) {
        qsizetype x = e + 1;
        if (x < m_s.size() && (m_s[x] == QLatin1Char('+') || m_s[x] == QLatin1Char('-'))) ++x;
        if (x < m_s.size() && m_s[x].isDigit()) {
            isDouble = true;
            e = x;
            while (e < m_s.size() && m_s[e].isDigit())
                ++e;
        }
    }
    const QString text = m_s.mid(m_pos, e - m_pos);
    m_pos = e;
    if (m_pos < m_s.size() && (m_s[m_pos].isLetter() || m_s[m_pos] == QLatin1Char('_')))
        throw CompileError{
            static_cast<int>(m_pos) + 1,
            QStringLiteral("unexpected '%1' after a number (durations are written duration(\"2h\"))")
                .arg(m_s[m_pos])};
    bool ok = false;
    if (isDouble) {
        t.t = Tok::Double;
        t.d = text.toDouble(&ok);
    } else {
        t.t = Tok::Int;
        t.i = text.toLongLong(&ok);
    }
    if (!ok) throw CompileError{col, QStringLiteral("number out of range")};
    return t;
}

Token Lexer::string(int col, bool raw)
{
    Token t;
    t.col = col;
    t.t = Tok::String;
    const QChar quote = m_s[m_pos];
    ++m_pos;
    QString out;
    while (true) {
        if (m_pos >= m_s.size())
            throw CompileError{col, QStringLiteral("unterminated string (missing closing %1)").arg(quote)};
        const QChar c = m_s[m_pos++];
        if (c == quote) break;
        if (c != QLatin1Char('\\') || raw) {
            out += c;
            continue;
        }
        if (m_pos >= m_s.size()) throw CompileError{col, QStringLiteral("unterminated string")};
        const QChar e = m_s[m_pos++];
        switch (e.unicode()) {
        case 'n':
            out += QLatin1Char('\n');
            break;
        case 't':
            out += QLatin1Char('\t');
            break;
        case 'r':
            out += QLatin1Char('\r');
            break;
        case '\\':
            out += QLatin1Char('\\');
            break;
        case '"':
            out += QLatin1Char('"');
            break;
        case '\'':
            out += QLatin1Char('\'');
            break;
        case 'u': {
            bool ok = false;
            const uint cp = m_s.mid(m_pos, 4).toUInt(&ok, 16);
            if (!ok || m_s.mid(m_pos, 4).size() != 4)
                throw CompileError{static_cast<int>(m_pos) - 1,
                                   QStringLiteral("bad \\u escape (expected 4 hex digits)")};
            out += QChar(static_cast<char16_t>(cp));
            m_pos += 4;
            break;
        }
        default:
            throw CompileError{static_cast<int>(m_pos) - 1, QStringLiteral("unknown escape \\%1").arg(e)};
        }
    }
    t.text = out;
    return t;
}

} // namespace rw::filter_detail
