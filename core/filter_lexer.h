#pragma once
// Private to the filter compiler: the tokens of the filter language and the lexer that makes them.
// Thread contract: a Lexer is used by one thread (one compile); it holds no shared state.

#include "filter_internal.h"

namespace rw::filter_detail {

enum class Tok {
    End,
    Ident,
    Int,
    Double,
    String,
    LParen,
    RParen,
    LBracket,
    RBracket,
    Comma,
    Dot,
    Not,
    Minus,
    Plus,
    Star,
    Slash,
    Percent,
    And,
    Or,
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
    In,
    True,
    False,
    NullLit,
    Question,
    Colon
};

struct Token {
    Tok t = Tok::End;
    int col = 1; // 1-based
    QString text;
    qint64 i = 0;
    double d = 0;
};

// A token as an error message names it: "end of filter", "'x'", "a string", "a number", "a symbol".
QString describeToken(const Token& t);

class Lexer {
public:
    explicit Lexer(const QString& s) : m_s(s) {}

    Token next();

private:
    Token number(int col);

    Token string(int col, bool raw);

    const QString& m_s;
    qsizetype m_pos = 0;
};

} // namespace rw::filter_detail
