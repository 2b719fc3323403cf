#include "avro_codec.h"

#include "time_parse.h"

#include "json.h"

#include <QDate>
#include <QDateTime>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTime>

#include <avro.h>

#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstring>

namespace rw::avro {

namespace {

enum class Kind : quint8 {
    Null,
    Boolean,
    Int,
    Long,
    Float,
    Double,
    Bytes,
    String,
    Record,
    Enum,
    Array,
    Map,
    Union,
    Fixed
};
enum class Logical : quint8 {
    None,
    TimestampMillis,
    TimestampMicros,
    LocalTimestampMillis,
    LocalTimestampMicros,
    Date,
    TimeMillis,
    TimeMicros,
    Decimal,
};

struct Node {
    Kind kind = Kind::Null;
    Logical logical = Logical::None;
    int scale = 0;
    qint64 size = 0;               // fixed
    std::vector<int> kids;         // record fields, array/map item, union branches
    std::vector<QByteArray> names; // record: "\"field\":" rendered; enum: "\"SYMBOL\"" rendered
    QString fullName;              // named types
    std::vector<QByteArray> plain; // record: field names; enum: symbols (UTF-8, as written)
    std::vector<std::optional<QJsonValue>> defaults; // record: each field's default
    int enumDefault = -1;                            // enum: its default symbol's index
};

struct Fail {
    QString message;
};

// memcpy for the short strings most fields hold (ids, codes), without a call: two overlapping
// moves of one word each, never outside [0, n) of either side (n >= sizeof(Word)).
template <typename Word>
[[gnu::always_inline]] inline void copyOverlapping(char* d, const char* s, qsizetype n)
{
    constexpr auto w = static_cast<qsizetype>(sizeof(Word));
    Word head, tail;
    std::memcpy(&head, s, sizeof head);
    std::memcpy(&tail, s + n - w, sizeof tail);
    std::memcpy(d, &head, sizeof head);
    std::memcpy(d + n - w, &tail, sizeof tail);
}

[[gnu::always_inline]] inline void copySmall(char* d, const char* s, qsizetype n)
{
    if (n > 16)
        std::memcpy(d, s, static_cast<size_t>(n));
    else if (n >= 8)
        copyOverlapping<quint64>(d, s, n);
    else if (n >= 4)
        copyOverlapping<quint32>(d, s, n);
    else
        for (qsizetype k = 0; k < n; ++k)
            d[k] = s[k];
}

// Appends through a raw pointer into the QByteArray's own buffer: QByteArray::append goes
// through insert() (aliasing and detach checks) on every call, which cost more than the decoding
// of the short pieces a record is made of. The array gets its final size when the writer goes.
class Writer {
public:
    explicit Writer(QByteArray& out) : m_out(out), m_len(out.size()) { grow(256); }
    ~Writer() { m_out.resize(m_len); }
    Writer(const Writer&) = delete;
    Writer& operator=(const Writer&) = delete;

    // The decoder's innermost calls: kept inline (GCC stopped inlining them once the file grew,
    // and the decoder lost ~15%: bench_decode).
    [[gnu::always_inline]] void put(char c)
    {
        if (m_len == m_cap) grow(1);
        m_data[m_len++] = c;
    }
    [[gnu::always_inline]] void put(const char* s, qsizetype n)
    {
        if (m_cap - m_len < n) grow(n);
        copySmall(m_data + m_len, s, n);
        m_len += n;
    }
    void put(const char* s) { put(s, static_cast<qsizetype>(std::strlen(s))); }
    [[gnu::always_inline]] void put(QByteArrayView v) { put(v.data(), v.size()); }
    void put(const QByteArray& a) { put(a.constData(), a.size()); }
    qsizetype size() const { return m_len; }
    // n bytes to fill, at the end.
    [[gnu::always_inline]] char* claim(qsizetype n)
    {
        if (m_cap - m_len < n) grow(n);
        m_len += n;
        return m_data + m_len - n;
    }
    void truncate(qsizetype n) { m_len = std::min(m_len, n); }

private:
    void grow(qsizetype need)
    {
        const qsizetype cap = std::max(m_cap * 2, m_len + need + 64);
        m_out.resize(cap);
        m_data = m_out.data();
        m_cap = cap;
    }

    QByteArray& m_out;
    char* m_data = nullptr;
    qsizetype m_len = 0, m_cap = 0;
};

// A JSON string of valid UTF-8 (as json::appendString, written through the Writer).
void appendString(Writer& out, QByteArrayView utf8)
{
    static constexpr char kHex[] = "0123456789abcdef";
    out.put('"');
    qsizetype runStart = 0;
    for (qsizetype i = 0; i < utf8.size(); ++i) {
        const auto c = static_cast<unsigned char>(utf8[i]);
        if (c >= 0x20 && c != '"' && c != '\\') continue;
        out.put(utf8.sliced(runStart, i - runStart));
        runStart = i + 1;
        switch (c) {
        case '"':
            out.put("\\\"", 2);
            break;
        case '\\':
            out.put("\\\\", 2);
            break;
        case '\n':
            out.put("\\n", 2);
            break;
        case '\r':
            out.put("\\r", 2);
            break;
        case '\t':
            out.put("\\t", 2);
            break;
        case '\b':
            out.put("\\b", 2);
            break;
        case '\f':
            out.put("\\f", 2);
            break;
        default: {
            const char esc[6] = {'\\', 'u', '0', '0', kHex[c >> 4], kHex[c & 15]};
            out.put(esc, 6);
        }
        }
    }
    out.put(utf8.sliced(runStart));
    out.put('"');
}

// True when none of 8 bytes needs a second look in a JSON string: no control character, nothing
// beyond ASCII, no '"' or '\\'. (The "less than" test is exact for bytes below 0x80, and bytes
// from 0x80 fail anyway; a borrow can only flag a chunk that needs a look already.)
inline bool plainChunk(quint64 x)
{
    constexpr quint64 ones = 0x0101010101010101ULL, high = 0x8080808080808080ULL;
    const quint64 control = (x - ones * 0x20) & ~x & high;
    const quint64 q = x ^ (ones * '"'), b = x ^ (ones * '\\');
    const quint64 quote = (q - ones) & ~q & high, backslash = (b - ones) & ~b & high;
    return ((x & high) | control | quote | backslash) == 0;
}

// A string of the payload as a JSON string; false when it is not UTF-8. Plain ASCII (the usual
// case: ids, codes, e-mail addresses) is copied as it is, 8 bytes checked at a time.
bool appendCheckedString(Writer& out, QByteArrayView s)
{
    const char* p = s.data();
    const qsizetype n = s.size();
    qsizetype i = 0;
    for (; i + 8 <= n; i += 8) {
        quint64 x;
        std::memcpy(&x, p + i, 8);
        if (!plainChunk(x)) break;
    }
    for (; i < n; ++i) {
        const auto c = static_cast<uchar>(p[i]);
        if (c < 0x20 || c >= 0x80 || c == '"' || c == '\\') break;
    }
    if (i == n) {
        char* d = out.claim(n + 2);
        d[0] = '"';
        copySmall(d + 1, p, n);
        d[n + 1] = '"';
        return true;
    }
    if (!json::isValidUtf8(s)) return false;
    appendString(out, s);
    return true;
}

void appendInt(Writer& out, long long v)
{
    char buf[24];
    const auto r = std::to_chars(buf, buf + sizeof buf, v);
    out.put(buf, r.ptr - buf);
}

// Two digits of v (0..99) at p.
inline void twoDigits(char* p, long long v)
{
    p[0] = static_cast<char>('0' + v / 10);
    p[1] = static_cast<char>('0' + v % 10);
}

// "yyyy-MM-dd", or false when the year is outside 1..9999 (ISO 8601's range here).
bool appendDate(Writer& out, long long days)
{
    if (days < -719162 || days > 2932896) return false;
    int y, m, d;
    civilFromDays(days, y, m, d);
    char buf[10];
    twoDigits(buf, y / 100);
    twoDigits(buf + 2, y % 100);
    buf[4] = '-';
    twoDigits(buf + 5, m);
    buf[7] = '-';
    twoDigits(buf + 8, d);
    out.put(buf, sizeof buf);
    return true;
}

// "HH:mm:ss.zzz" (and three more digits for microseconds); ms is within one day.
void appendClock(Writer& out, long long ms, int micros)
{
    char buf[15];
    twoDigits(buf, ms / 3600000);
    buf[2] = ':';
    twoDigits(buf + 3, ms / 60000 % 60);
    buf[5] = ':';
    twoDigits(buf + 6, ms / 1000 % 60);
    buf[8] = '.';
    const long long milli = ms % 1000;
    buf[9] = static_cast<char>('0' + milli / 100);
    twoDigits(buf + 10, milli % 100);
    qsizetype n = 12;
    if (micros >= 0) {
        buf[12] = static_cast<char>('0' + micros / 100);
        twoDigits(buf + 13, micros % 100);
        n = 15;
    }
    out.put(buf, n);
}

} // namespace

struct Schema::Impl {
    std::vector<Node> nodes;
    int root = 0;
    Limits limits;
    QHash<QString, int> named;

    // ---- compiling -------------------------------------------------------------------------

    [[noreturn]] static void fail(const QString& why) { throw Fail{why}; }

    static QString qualify(const QString& name, const QString& ns)
    {
        if (name.contains(QLatin1Char('.')) || ns.isEmpty()) return name;
        return ns + QLatin1Char('.') + name;
    }

    static QByteArray quoted(const QString& s)
    {
        QByteArray out;
        json::appendString(out, s.toUtf8());
        return out;
    }

    int add(Node n)
    {
        if (nodes.size() > 100000) fail(QStringLiteral("the schema has more than 100,000 types"));
        nodes.push_back(std::move(n));
        return static_cast<int>(nodes.size()) - 1;
    }

    static Logical logicalOf(const QString& name, Kind k)
    {
        if (k == Kind::Long) {
            if (name == QLatin1String("timestamp-millis")) return Logical::TimestampMillis;
            if (name == QLatin1String("timestamp-micros")) return Logical::TimestampMicros;
            if (name == QLatin1String("local-timestamp-millis")) return Logical::LocalTimestampMillis;
            if (name == QLatin1String("local-timestamp-micros")) return Logical::LocalTimestampMicros;
            if (name == QLatin1String("time-micros")) return Logical::TimeMicros;
        }
        if (k == Kind::Int) {
            if (name == QLatin1String("date")) return Logical::Date;
            if (name == QLatin1String("time-millis")) return Logical::TimeMillis;
        }
        if ((k == Kind::Bytes || k == Kind::Fixed) && name == QLatin1String("decimal"))
            return Logical::Decimal;
        return Logical::None; // unknown logical types fall back to the underlying type (the spec says so)
    }

    static bool primitive(const QString& t, Kind& k)
    {
        static const QHash<QString, Kind> map{
            {QStringLiteral("null"), Kind::Null},   {QStringLiteral("boolean"), Kind::Boolean},
            {QStringLiteral("int"), Kind::Int},     {QStringLiteral("long"), Kind::Long},
            {QStringLiteral("float"), Kind::Float}, {QStringLiteral("double"), Kind::Double},
            {QStringLiteral("bytes"), Kind::Bytes}, {QStringLiteral("string"), Kind::String},
        };
        auto it = map.find(t);
        if (it == map.end()) return false;
        k = *it;
        return true;
    }

    int compile(const QJsonValue& v, const QString& ns, int depth)
    {
        if (depth > 256) fail(QStringLiteral("the schema nests deeper than 256 levels"));
        if (v.isString()) {
            const QString t = v.toString();
            Kind k;
            if (primitive(t, k)) return add(Node{k, Logical::None, 0, 0, {}, {}, {}, {}, {}, -1});
            auto it = named.find(qualify(t, ns));
            if (it == named.end()) it = named.find(t);
            if (it == named.end()) fail(QStringLiteral("unknown type '%1'").arg(t));
            return *it;
        }
        if (v.isArray()) {
            Node u;
            u.kind = Kind::Union;
            const int at = add(u);
            std::vector<int> kids;
            for (const QJsonValue& b : v.toArray())
                kids.push_back(compile(b, ns, depth + 1));
            if (kids.empty()) fail(QStringLiteral("a union without branches"));
            nodes[static_cast<size_t>(at)].kids = std::move(kids);
            return at;
        }
        if (!v.isObject()) fail(QStringLiteral("a type must be a name, an object or a union"));
        const QJsonObject o = v.toObject();
        const QString type = o.value(QLatin1String("type")).toString();
        if (o.value(QLatin1String("type")).isObject() || o.value(QLatin1String("type")).isArray())
            return compile(o.value(QLatin1String("type")), ns, depth + 1);
        Kind k;
        if (primitive(type, k)) {
            Node n{
                k, logicalOf(o.value(QLatin1String("logicalType")).toString(), k), 0, 0, {}, {}, {}, {}, {},
                -1};
            if (n.logical == Logical::Decimal) n.scale = o.value(QLatin1String("scale")).toInt(0);
            return add(std::move(n));
        }
        if (type == QLatin1String("array") || type == QLatin1String("map")) {
            Node n;
            n.kind = type == QLatin1String("array") ? Kind::Array : Kind::Map;
            const int at = add(n);
            const int item =
                compile(o.value(n.kind == Kind::Array ? QLatin1String("items") : QLatin1String("values")), ns,
                        depth + 1);
            nodes[static_cast<size_t>(at)].kids = {item};
            return at;
        }
        if (type != QLatin1String("record") && type != QLatin1String("error") &&
            type != QLatin1String("enum") && type != QLatin1String("fixed"))
            fail(QStringLiteral("unknown type '%1'").arg(type));
        const QString name = o.value(QLatin1String("name")).toString();
        if (name.isEmpty()) fail(QStringLiteral("a %1 without a name").arg(type));
        const QString ownNs =
            o.contains(QLatin1String("namespace"))
                ? o.value(QLatin1String("namespace")).toString()
                : (name.contains(QLatin1Char('.')) ? name.section(QLatin1Char('.'), 0, -2) : ns);
        Node n;
        n.fullName = qualify(name, ownNs);
        if (type == QLatin1String("enum")) {
            n.kind = Kind::Enum;
            for (const QJsonValue& s : o.value(QLatin1String("symbols")).toArray()) {
                n.names.push_back(quoted(s.toString()));
                n.plain.push_back(s.toString().toUtf8());
                if (s.toString() == o.value(QLatin1String("default")).toString())
                    n.enumDefault = static_cast<int>(n.plain.size()) - 1;
            }
            if (n.names.empty()) fail(QStringLiteral("enum %1 has no symbols").arg(n.fullName));
            const int at = add(std::move(n));
            named.insert(nodes[static_cast<size_t>(at)].fullName, at);
            return at;
        }
        if (type == QLatin1String("fixed")) {
            n.kind = Kind::Fixed;
            n.size = o.value(QLatin1String("size")).toInteger(-1);
            if (n.size < 0 || n.size > (1 << 20))
                fail(QStringLiteral("fixed %1 has a bad size").arg(n.fullName));
            n.logical = logicalOf(o.value(QLatin1String("logicalType")).toString(), Kind::Fixed);
            n.scale = o.value(QLatin1String("scale")).toInt(0);
            const int at = add(std::move(n));
            named.insert(nodes[static_cast<size_t>(at)].fullName, at);
            return at;
        }
        n.kind = Kind::Record;
        const int at = add(std::move(n));
        named.insert(nodes[static_cast<size_t>(at)].fullName, at); // before the fields: recursion
        std::vector<int> kids;
        std::vector<QByteArray> names, plain;
        std::vector<std::optional<QJsonValue>> defaults;
        for (const QJsonValue& f : o.value(QLatin1String("fields")).toArray()) {
            const QJsonObject fo = f.toObject();
            const QString fname = fo.value(QLatin1String("name")).toString();
            if (fname.isEmpty()) fail(QStringLiteral("record %1 has a field without a name").arg(name));
            kids.push_back(compile(fo.value(QLatin1String("type")), ownNs, depth + 1));
            names.push_back(quoted(fname) + ':');
            plain.push_back(fname.toUtf8());
            defaults.push_back(fo.contains(QLatin1String("default"))
                                   ? std::optional<QJsonValue>(fo.value(QLatin1String("default")))
                                   : std::nullopt);
        }
        Node& rec = nodes[static_cast<size_t>(at)];
        rec.kids = std::move(kids);
        rec.names = std::move(names);
        rec.plain = std::move(plain);
        rec.defaults = std::move(defaults);
        return at;
    }

    // ---- decoding --------------------------------------------------------------------------

    struct Reader {
        const uchar* p;
        const uchar* end;
        qint64 items = 0;

        [[noreturn]] void truncated() const { fail(QStringLiteral("the payload ends early (truncated)")); }
        qint64 varlong()
        {
            if (p < end && !(*p & 0x80)) { // one byte: most lengths, indexes and small numbers
                const quint64 b = *p++;
                return static_cast<qint64>((b >> 1) ^ (~(b & 1) + 1));
            }
            quint64 v = 0;
            for (int shift = 0; shift < 70; shift += 7) {
                if (p >= end) truncated();
                const uchar b = *p++;
                if (shift == 63 && (b & 0x7e)) fail(QStringLiteral("a varint longer than 64 bits"));
                v |= quint64(b & 0x7f) << shift;
                if (!(b & 0x80)) return static_cast<qint64>((v >> 1) ^ (~(v & 1) + 1));
            }
            fail(QStringLiteral("a varint longer than 10 bytes"));
        }
        QByteArrayView take(qint64 n)
        {
            if (n < 0) fail(QStringLiteral("a negative length (%1)").arg(n));
            if (n > end - p) truncated();
            QByteArrayView v(reinterpret_cast<const char*>(p), n);
            p += n;
            return v;
        }
    };

    static void appendHex(Writer& out, QByteArrayView b)
    {
        static constexpr char kHex[] = "0123456789abcdef";
        char* p = out.claim(4 + 2 * b.size());
        *p++ = '"';
        *p++ = '0';
        *p++ = 'x';
        for (char c : b) {
            *p++ = kHex[static_cast<uchar>(c) >> 4];
            *p++ = kHex[static_cast<uchar>(c) & 15];
        }
        *p = '"';
    }

    // Two's-complement big-endian integer with `scale` decimals, as exact decimal text.
    static void appendDecimal(Writer& out, QByteArrayView b, int scale)
    {
        if (b.isEmpty()) {
            out.put('0');
            return;
        }
        if (b.size() > 64) { // beyond any decimal's precision: not worth a quadratic conversion
            appendHex(out, b);
            return;
        }
        if (b.size() <= 7) { // up to 56 bits: exact in a qint64, no big division
            qint64 v = static_cast<signed char>(b[0]) < 0 ? -1 : 0;
            for (char c : b)
                v = static_cast<qint64>((static_cast<quint64>(v) << 8) | static_cast<uchar>(c));
            const bool neg = v < 0;
            char buf[24];
            const auto r = std::to_chars(buf, buf + sizeof buf, neg ? -v : v);
            QByteArrayView digits(buf, r.ptr - buf);
            if (neg) out.put('-');
            if (scale <= 0) {
                out.put(digits);
            } else if (digits.size() <= scale) {
                out.put("0.");
                out.put(QByteArray(scale - digits.size(), '0'));
                out.put(digits);
            } else {
                out.put(digits.first(digits.size() - scale));
                out.put('.');
                out.put(digits.last(scale));
            }
            return;
        }
        std::vector<quint8> mag(b.begin(), b.end());
        const bool negative = mag[0] & 0x80;
        if (negative) { // magnitude = two's complement
            for (quint8& x : mag)
                x = static_cast<quint8>(~x);
            for (size_t i = mag.size(); i-- > 0;)
                if (++mag[i] != 0) break;
        }
        QByteArray digits;
        while (true) { // repeated division by 10
            bool zero = true;
            int rem = 0;
            for (quint8& x : mag) {
                const int cur = rem * 256 + x;
                x = static_cast<quint8>(cur / 10);
                rem = cur % 10;
                if (x) zero = false;
            }
            digits.prepend(static_cast<char>('0' + rem));
            if (zero) break;
        }
        if (scale > 0) {
            if (digits.size() <= scale) digits.prepend(QByteArray(scale - digits.size() + 1, '0'));
            digits.insert(digits.size() - scale, '.');
        }
        if (negative) out.put('-');
        out.put(digits);
    }

    static void appendTime(Writer& out, qint64 v, Logical l)
    {
        const bool micros = l == Logical::TimestampMicros || l == Logical::LocalTimestampMicros;
        // Floor divisions written so that no value of v overflows.
        const qint64 ms = micros ? v / 1000 - (v % 1000 < 0 ? 1 : 0) : v;
        const qint64 days = ms / 86400000 - (ms % 86400000 < 0 ? 1 : 0);
        const qint64 inDay = ms - days * 86400000;
        const qsizetype mark = out.size();
        out.put('"');
        if (!appendDate(out, days)) { // out of ISO's range: the number
            out.truncate(mark);
            appendInt(out, v);
            return;
        }
        out.put('T');
        appendClock(out, inDay, micros ? static_cast<int>(((v % 1000) + 1000) % 1000) : -1);
        if (l == Logical::TimestampMillis || l == Logical::TimestampMicros) out.put('Z');
        out.put('"');
    }

    void value(int i, Reader& r, Writer& out, int depth) const
    {
        if (depth > limits.maxDepth)
            fail(QStringLiteral("the record nests deeper than %1 levels").arg(limits.maxDepth));
        if (out.size() > limits.maxOutput)
            fail(QStringLiteral("the decoded record exceeds %1 MB").arg(limits.maxOutput >> 20));
        const Node& n = nodes[static_cast<size_t>(i)];
        switch (n.kind) {
        case Kind::Null:
            out.put("null");
            return;
        case Kind::Boolean: {
            const QByteArrayView b = r.take(1);
            if (static_cast<uchar>(b[0]) > 1)
                fail(QStringLiteral("a boolean byte of %1").arg(int(uchar(b[0]))));
            out.put(b[0] ? "true" : "false");
            return;
        }
        case Kind::Int:
        case Kind::Long: {
            const qint64 v = r.varlong();
            if (n.kind == Kind::Int && (v < INT32_MIN || v > INT32_MAX))
                fail(QStringLiteral("an int out of range"));
            if (n.logical == Logical::Date) {
                const qsizetype mark = out.size();
                out.put('"');
                if (appendDate(out, v)) {
                    out.put('"');
                    return;
                }
                out.truncate(mark);
            } else if (n.logical == Logical::TimeMillis || n.logical == Logical::TimeMicros) {
                const qint64 ms = n.logical == Logical::TimeMicros ? v / 1000 : v;
                if (v >= 0 && ms < 86400000) {
                    out.put('"');
                    appendClock(out, ms, n.logical == Logical::TimeMicros ? static_cast<int>(v % 1000) : -1);
                    out.put('"');
                    return;
                }
            } else if (n.logical != Logical::None) {
                appendTime(out, v, n.logical);
                return;
            }
            appendInt(out, v);
            return;
        }
        case Kind::Float:
        case Kind::Double: {
            const QByteArrayView b = r.take(n.kind == Kind::Float ? 4 : 8);
            double d;
            if (n.kind == Kind::Float) {
                float f;
                std::memcpy(&f, b.data(), 4);
                d = f;
            } else {
                std::memcpy(&d, b.data(), 8);
            }
            if (std::isnan(d))
                out.put("\"NaN\"");
            else if (std::isinf(d))
                out.put(d > 0 ? "\"Infinity\"" : "\"-Infinity\"");
            else { // the shortest text that reads back as the same number (0.1, not 0.1000000000000000055)
                char buf[32];
                const auto end = n.kind == Kind::Float
                                     ? std::to_chars(buf, buf + sizeof buf, static_cast<float>(d))
                                     : std::to_chars(buf, buf + sizeof buf, d);
                out.put(buf, end.ptr - buf);
            }
            return;
        }
        case Kind::Bytes:
        case Kind::Fixed: {
            const QByteArrayView b = r.take(n.kind == Kind::Fixed ? n.size : r.varlong());
            if (n.logical == Logical::Decimal)
                appendDecimal(out, b, n.scale);
            else
                appendHex(out, b);
            return;
        }
        case Kind::String: {
            if (!appendCheckedString(out, r.take(r.varlong())))
                fail(QStringLiteral("a string that is not UTF-8"));
            return;
        }
        case Kind::Record:
            out.put('{');
            for (size_t f = 0; f < n.kids.size(); ++f) {
                if (f) out.put(',');
                out.put(n.names[f]);
                value(n.kids[f], r, out, depth + 1);
            }
            out.put('}');
            return;
        case Kind::Enum: {
            const qint64 e = r.varlong();
            if (e < 0 || e >= static_cast<qint64>(n.names.size()))
                fail(QStringLiteral("enum %1 has no symbol %2").arg(n.fullName).arg(e));
            out.put(n.names[static_cast<size_t>(e)]);
            return;
        }
        case Kind::Union: {
            const qint64 b = r.varlong();
            if (b < 0 || b >= static_cast<qint64>(n.kids.size()))
                fail(QStringLiteral("union branch %1 of %2").arg(b).arg(n.kids.size()));
            value(n.kids[static_cast<size_t>(b)], r, out, depth + 1);
            return;
        }
        case Kind::Array:
        case Kind::Map: {
            const bool map = n.kind == Kind::Map;
            out.put(map ? '{' : '[');
            bool first = true;
            for (;;) {
                qint64 count = r.varlong();
                if (count == 0) break;
                if (count < 0) {
                    if (count == INT64_MIN) fail(QStringLiteral("a block count out of range"));
                    count = -count;
                    (void)r.varlong(); // the block's size in bytes
                }
                if (count > limits.maxItems - r.items) // compared before adding: counts are untrusted
                    fail(QStringLiteral("more than %1 items in one record").arg(limits.maxItems));
                r.items += count;
                for (qint64 k = 0; k < count; ++k) {
                    if (!first) out.put(',');
                    first = false;
                    if (map) {
                        if (!appendCheckedString(out, r.take(r.varlong())))
                            fail(QStringLiteral("a map key that is not UTF-8"));
                        out.put(':');
                    }
                    value(n.kids[0], r, out, depth + 1);
                }
            }
            out.put(map ? '}' : ']');
            return;
        }
        }
    }

    // ---- masking ---------------------------------------------------------------------------

    static void putVarlong(QByteArray& out, qint64 v)
    {
        quint64 z = (static_cast<quint64>(v) << 1) ^ static_cast<quint64>(v >> 63);
        while (z >= 0x80) {
            out += static_cast<char>((z & 0x7f) | 0x80);
            z >>= 7;
        }
        out += static_cast<char>(z);
    }

    static QString kindName(const Node& n)
    {
        switch (n.kind) {
        case Kind::Null:
            return QStringLiteral("null");
        case Kind::Boolean:
            return QStringLiteral("boolean");
        case Kind::Int:
            return QStringLiteral("int");
        case Kind::Long:
            return QStringLiteral("long");
        case Kind::Float:
            return QStringLiteral("float");
        case Kind::Double:
            return QStringLiteral("double");
        case Kind::Bytes:
            return n.logical == Logical::Decimal ? QStringLiteral("decimal") : QStringLiteral("bytes");
        case Kind::String:
            return QStringLiteral("string");
        case Kind::Record:
            return QStringLiteral("record");
        case Kind::Enum:
            return QStringLiteral("enum");
        case Kind::Array:
            return QStringLiteral("array");
        case Kind::Map:
            return QStringLiteral("map");
        case Kind::Union:
            return QStringLiteral("union");
        case Kind::Fixed:
            return QStringLiteral("fixed");
        }
        return {};
    }

    void checkDepth(int depth) const
    {
        if (depth > limits.maxDepth)
            fail(QStringLiteral("the record nests deeper than %1 levels").arg(limits.maxDepth));
    }

    // Reads past one datum (checked as value() checks it).
    void skip(int i, Reader& r, int depth) const
    {
        checkDepth(depth);
        const Node& n = nodes[static_cast<size_t>(i)];
        switch (n.kind) {
        case Kind::Null:
            return;
        case Kind::Boolean:
            if (static_cast<uchar>(r.take(1)[0]) > 1) fail(QStringLiteral("a boolean byte above 1"));
            return;
        case Kind::Int:
        case Kind::Long: {
            const qint64 v = r.varlong();
            if (n.kind == Kind::Int && (v < INT32_MIN || v > INT32_MAX))
                fail(QStringLiteral("an int out of range"));
            return;
        }
        case Kind::Float:
            (void)r.take(4);
            return;
        case Kind::Double:
            (void)r.take(8);
            return;
        case Kind::Bytes:
        case Kind::String:
            (void)r.take(r.varlong());
            return;
        case Kind::Fixed:
            (void)r.take(n.size);
            return;
        case Kind::Record:
            for (int k : n.kids)
                skip(k, r, depth + 1);
            return;
        case Kind::Enum: {
            const qint64 e = r.varlong();
            if (e < 0 || e >= static_cast<qint64>(n.names.size()))
                fail(QStringLiteral("enum %1 has no symbol %2").arg(n.fullName).arg(e));
            return;
        }
        case Kind::Union:
            skip(n.kids[static_cast<size_t>(branch(n, r))], r, depth + 1);
            return;
        case Kind::Array:
        case Kind::Map:
            for (qint64 count; (count = blockCount(r)) != 0;)
                for (qint64 k = 0; k < count; ++k) {
                    if (n.kind == Kind::Map) (void)r.take(r.varlong());
                    skip(n.kids[0], r, depth + 1);
                }
            return;
        }
    }

    static qint64 branch(const Node& n, Reader& r)
    {
        const qint64 b = r.varlong();
        if (b < 0 || b >= static_cast<qint64>(n.kids.size()))
            fail(QStringLiteral("union branch %1 of %2").arg(b).arg(n.kids.size()));
        return b;
    }

    // The next block's item count (0: the end), counted against the limit.
    qint64 blockCount(Reader& r) const
    {
        qint64 count = r.varlong();
        if (count < 0) {
            if (count == INT64_MIN) fail(QStringLiteral("a block count out of range"));
            count = -count;
            (void)r.varlong(); // the block's size in bytes
        }
        if (count > limits.maxItems - r.items)
            fail(QStringLiteral("more than %1 items in one record").arg(limits.maxItems));
        r.items += count;
        return count;
    }

    struct MaskRun {
        MaskPaths& paths;
        QByteArray& out;
        QStringList where; // the names down to the datum being masked
        bool changed = false;
    };

    [[noreturn]] void noStandIn(const Node& n, const MaskRun& m) const
    {
        fail(QStringLiteral("%1 is an Avro %2, which has no safe stand-in, and the schema gives the "
                            "field no default: give it one, or leave the path out of the masking policy")
                 .arg(m.where.join(QLatin1Char('.')), kindName(n)));
    }

    void copy(int i, Reader& r, MaskRun& m, int depth) const
    {
        const uchar* from = r.p;
        skip(i, r, depth);
        m.out.append(reinterpret_cast<const char*>(from), r.p - from);
    }

    // A datum with paths still open below it.
    void rewrite(int i, Reader& r, MaskRun& m, const std::vector<std::pair<int, int>>& active,
                 int depth) const
    {
        if (active.empty()) return copy(i, r, m, depth);
        checkDepth(depth);
        const Node& n = nodes[static_cast<size_t>(i)];
        std::vector<std::pair<int, int>> next;
        const auto member = [&](QByteArrayView name, int kid, const std::optional<QJsonValue>& def) {
            const bool masked = m.paths.step(active, name, next);
            m.where.push_back(QString::fromUtf8(name));
            if (masked) {
                standIn(kid, def, r, m, depth + 1);
                m.changed = true;
            } else {
                rewrite(kid, r, m, std::vector<std::pair<int, int>>(next), depth + 1);
            }
            m.where.pop_back();
        };
        switch (n.kind) {
        case Kind::Record:
            for (size_t f = 0; f < n.kids.size(); ++f)
                member(n.plain[f], n.kids[f], n.defaults[f]);
            return;
        case Kind::Union: {
            const qint64 b = branch(n, r);
            putVarlong(m.out, b);
            rewrite(n.kids[static_cast<size_t>(b)], r, m, active, depth + 1);
            return;
        }
        case Kind::Array:
        case Kind::Map:
            // Written again as plain blocks (a count, the items; no byte sizes): a masked item
            // changes its length.
            for (qint64 count; (count = blockCount(r)) != 0;) {
                putVarlong(m.out, count);
                for (qint64 k = 0; k < count; ++k) {
                    if (n.kind == Kind::Array) {
                        rewrite(n.kids[0], r, m, active, depth + 1);
                        continue;
                    }
                    const QByteArrayView key = r.take(r.varlong());
                    putVarlong(m.out, key.size());
                    m.out.append(key);
                    member(key, n.kids[0], std::nullopt);
                }
            }
            putVarlong(m.out, 0);
            return;
        default:
            copy(i, r, m, depth);
            return;
        }
    }

    // What a masked datum becomes (the rules in the header).
    void standIn(int i, const std::optional<QJsonValue>& def, Reader& r, MaskRun& m, int depth) const
    {
        checkDepth(depth);
        const Node& n = nodes[static_cast<size_t>(i)];
        switch (n.kind) {
        case Kind::Null:
            return;
        case Kind::String:
            skip(i, r, depth);
            putVarlong(m.out, 3);
            m.out.append(kMaskedText);
            return;
        case Kind::Bytes:
            if (n.logical == Logical::Decimal) break;
            skip(i, r, depth);
            putVarlong(m.out, 3);
            m.out.append(kMaskedText);
            return;
        case Kind::Array:
        case Kind::Map:
            skip(i, r, depth);
            putVarlong(m.out, 0);
            return;
        case Kind::Record:
            for (size_t f = 0; f < n.kids.size(); ++f) {
                m.where.push_back(QString::fromUtf8(n.plain[f]));
                standIn(n.kids[f], n.defaults[f], r, m, depth + 1);
                m.where.pop_back();
            }
            return;
        case Kind::Union: {
            const qint64 b = branch(n, r);
            const int kid = n.kids[static_cast<size_t>(b)];
            const Kind k = nodes[static_cast<size_t>(kid)].kind;
            const bool keeps =
                k == Kind::Null || k == Kind::String || k == Kind::Array || k == Kind::Map ||
                k == Kind::Record ||
                (k == Kind::Bytes && nodes[static_cast<size_t>(kid)].logical != Logical::Decimal);
            if (keeps) {
                putVarlong(m.out, b);
                standIn(kid, std::nullopt, r, m, depth + 1);
                return;
            }
            skip(kid, r, depth + 1);
            if (def) { // a union's default is of its first branch
                putVarlong(m.out, 0);
                encode(n.kids[0], *def, m, depth + 1);
                return;
            }
            for (size_t nb = 0; nb < n.kids.size(); ++nb)
                if (nodes[static_cast<size_t>(n.kids[nb])].kind == Kind::Null) {
                    putVarlong(m.out, static_cast<qint64>(nb));
                    return;
                }
            noStandIn(nodes[static_cast<size_t>(kid)], m);
        }
        case Kind::Enum:
            if (!def && n.enumDefault >= 0) {
                skip(i, r, depth);
                putVarlong(m.out, n.enumDefault);
                return;
            }
            break;
        default:
            break;
        }
        if (!def) noStandIn(n, m);
        skip(i, r, depth);
        encode(i, *def, m, depth);
    }

    [[noreturn]] static void badDefault(const Node& n, const MaskRun& m)
    {
        fail(QStringLiteral("%1: the schema's default does not fit its type %2")
                 .arg(m.where.join(QLatin1Char('.')), kindName(n)));
    }

    // A default value (JSON, as the schema gives it) in Avro binary.
    void encode(int i, const QJsonValue& v, MaskRun& m, int depth) const
    {
        checkDepth(depth);
        const Node& n = nodes[static_cast<size_t>(i)];
        const auto bad = [&] { badDefault(n, m); };
        QByteArray& out = m.out;
        switch (n.kind) {
        case Kind::Null:
            if (!v.isNull()) bad();
            return;
        case Kind::Boolean:
            if (!v.isBool()) bad();
            out += v.toBool() ? '\1' : '\0';
            return;
        case Kind::Int:
        case Kind::Long:
            if (!v.isDouble()) bad();
            putVarlong(out, v.toInteger());
            return;
        case Kind::Float: {
            if (!v.isDouble()) bad();
            const float f = static_cast<float>(v.toDouble());
            char b[4];
            std::memcpy(b, &f, 4);
            out.append(b, 4);
            return;
        }
        case Kind::Double: {
            if (!v.isDouble()) bad();
            const double d = v.toDouble();
            char b[8];
            std::memcpy(b, &d, 8);
            out.append(b, 8);
            return;
        }
        case Kind::String: {
            if (!v.isString()) bad();
            const QByteArray u = v.toString().toUtf8();
            putVarlong(out, u.size());
            out.append(u);
            return;
        }
        case Kind::Bytes:
        case Kind::Fixed: { // a string whose code points 0-255 are the bytes
            if (!v.isString()) bad();
            QByteArray b;
            for (const QChar c : v.toString()) {
                if (c.unicode() > 255) bad();
                b += static_cast<char>(c.unicode());
            }
            if (n.kind == Kind::Fixed && b.size() != n.size) bad();
            if (n.kind == Kind::Bytes) putVarlong(out, b.size());
            out.append(b);
            return;
        }
        case Kind::Enum: {
            for (size_t e = 0; e < n.plain.size(); ++e)
                if (v.isString() && v.toString().toUtf8() == n.plain[e]) {
                    putVarlong(out, static_cast<qint64>(e));
                    return;
                }
            badDefault(n, m);
        }
        case Kind::Record: {
            if (!v.isObject()) bad();
            const QJsonObject o = v.toObject();
            for (size_t f = 0; f < n.kids.size(); ++f) {
                const QString name = QString::fromUtf8(n.plain[f]);
                if (o.contains(name))
                    encode(n.kids[f], o.value(name), m, depth + 1);
                else if (n.defaults[f])
                    encode(n.kids[f], *n.defaults[f], m, depth + 1);
                else
                    bad();
            }
            return;
        }
        case Kind::Array: {
            if (!v.isArray()) bad();
            const QJsonArray a = v.toArray();
            if (!a.isEmpty()) {
                putVarlong(out, a.size());
                for (const QJsonValue& item : a)
                    encode(n.kids[0], item, m, depth + 1);
            }
            putVarlong(out, 0);
            return;
        }
        case Kind::Map: {
            if (!v.isObject()) bad();
            const QJsonObject o = v.toObject();
            if (!o.isEmpty()) {
                putVarlong(out, o.size());
                for (auto it = o.begin(); it != o.end(); ++it) {
                    const QByteArray k = it.key().toUtf8();
                    putVarlong(out, k.size());
                    out.append(k);
                    encode(n.kids[0], it.value(), m, depth + 1);
                }
            }
            putVarlong(out, 0);
            return;
        }
        case Kind::Union:
            putVarlong(out, 0);
            encode(n.kids[0], v, m, depth + 1);
            return;
        }
    }

    // ---- encoding from JSON ----------------------------------------------------------------

    [[noreturn]] static void expected(const QStringList& where, const QString& what)
    {
        fail(QStringLiteral("%1: expected %2")
                 .arg(where.isEmpty() ? QStringLiteral("(the value)") : where.join(QLatin1Char('.')), what));
    }

    QString typeName(const Node& n) const { return n.fullName.isEmpty() ? kindName(n) : n.fullName; }

    static qint64 integer(const json::Value& v, const QStringList& where)
    {
        qint64 x = 0;
        if (v.type != json::Type::Number || !json::toInt64(v, x))
            expected(where, QStringLiteral("an integer"));
        return x;
    }

    // Milliseconds (or microseconds) since the epoch from ISO 8601 text, UTC unless it says.
    static qint64 instant(const json::Value& v, bool micros, const QStringList& where)
    {
        if (v.type == json::Type::Number) return integer(v, where);
        if (v.type != json::Type::String)
            expected(where, QStringLiteral("a time (ISO 8601 text or a number)"));
        QString text = QString::fromUtf8(v.string);
        QDateTime t = QDateTime::fromString(text, Qt::ISODateWithMs);
        if (!t.isValid()) expected(where, QStringLiteral("a time in ISO 8601 (2026-11-18T03:17:48.239Z)"));
        if (t.timeSpec() == Qt::LocalTime) t.setTimeSpec(Qt::UTC);
        qint64 out = t.toMSecsSinceEpoch() * (micros ? 1000 : 1);
        if (micros) { // up to six digits of fraction
            static const QRegularExpression frac(QStringLiteral("\\.(\\d{4,6})"));
            const auto m = frac.match(text);
            if (m.hasMatch()) out += m.captured(1).leftJustified(6, QLatin1Char('0')).mid(3).toLongLong();
        }
        return out;
    }

    void fromJson(int i, const json::Value& v, QByteArray& out, QStringList& where, int depth) const
    {
        checkDepth(depth);
        const Node& n = nodes[static_cast<size_t>(i)];
        switch (n.kind) {
        case Kind::Null:
            if (v.type != json::Type::Null) expected(where, QStringLiteral("null"));
            return;
        case Kind::Boolean:
            if (v.type != json::Type::Bool) expected(where, QStringLiteral("true or false"));
            out += v.raw == "true" ? '\1' : '\0';
            return;
        case Kind::Int:
        case Kind::Long: {
            qint64 x = 0;
            if (n.logical == Logical::Date && v.type == json::Type::String) {
                const QDate d = QDate::fromString(QString::fromUtf8(v.string), Qt::ISODate);
                if (!d.isValid()) expected(where, QStringLiteral("a date (YYYY-MM-DD)"));
                x = QDate(1970, 1, 1).daysTo(d);
            } else if ((n.logical == Logical::TimeMillis || n.logical == Logical::TimeMicros) &&
                       v.type == json::Type::String) {
                const QTime t = QTime::fromString(QString::fromUtf8(v.string), Qt::ISODateWithMs);
                if (!t.isValid()) expected(where, QStringLiteral("a time of day (HH:MM:SS.mmm)"));
                x = t.msecsSinceStartOfDay() * (n.logical == Logical::TimeMicros ? 1000 : 1);
            } else if (n.logical == Logical::TimestampMillis || n.logical == Logical::LocalTimestampMillis) {
                x = instant(v, false, where);
            } else if (n.logical == Logical::TimestampMicros || n.logical == Logical::LocalTimestampMicros) {
                x = instant(v, true, where);
            } else {
                x = integer(v, where);
            }
            if (n.kind == Kind::Int && (x < INT32_MIN || x > INT32_MAX))
                expected(where, QStringLiteral("an int (32 bits)"));
            putVarlong(out, x);
            return;
        }
        case Kind::Float:
        case Kind::Double: {
            double d = 0;
            if (v.type == json::Type::Number) {
                bool ok = false;
                d = QByteArray(v.raw.data(), v.raw.size()).toDouble(&ok);
                if (!ok) expected(where, QStringLiteral("a number"));
            } else if (v.type == json::Type::String &&
                       (v.string == "NaN" || v.string == "Infinity" || v.string == "-Infinity")) {
                d = v.string == "NaN" ? std::nan("") : (v.string == "Infinity" ? HUGE_VAL : -HUGE_VAL);
            } else {
                expected(where, QStringLiteral("a number"));
            }
            if (n.kind == Kind::Float) {
                const float f = static_cast<float>(d);
                out.append(reinterpret_cast<const char*>(&f), 4);
            } else {
                out.append(reinterpret_cast<const char*>(&d), 8);
            }
            return;
        }
        case Kind::String:
            if (v.type != json::Type::String) expected(where, QStringLiteral("a string"));
            putVarlong(out, v.string.size());
            out += v.string;
            return;
        case Kind::Bytes:
        case Kind::Fixed: {
            QByteArray b;
            if (n.logical == Logical::Decimal) {
                // An exact number: its digits scaled to the schema's scale, as a two's complement.
                if (v.type != json::Type::Number && v.type != json::Type::String)
                    expected(where, QStringLiteral("a decimal number"));
                QByteArray text =
                    v.type == json::Type::String ? v.string : QByteArray(v.raw.data(), v.raw.size());
                const bool negative = text.startsWith('-');
                if (negative) text.remove(0, 1);
                const qsizetype dot = text.indexOf('.');
                QByteArray digits = dot < 0 ? text : text.left(dot) + text.mid(dot + 1);
                qsizetype fraction = dot < 0 ? 0 : text.size() - dot - 1;
                if (fraction > n.scale)
                    expected(where, QStringLiteral("at most %1 decimal places").arg(n.scale));
                digits += QByteArray(n.scale - fraction, '0');
                bool ok = !digits.isEmpty() && digits.size() <= 18;
                for (char c : digits)
                    ok = ok && c >= '0' && c <= '9';
                if (!ok) expected(where, QStringLiteral("a decimal number of at most 18 digits"));
                qint64 unscaled = digits.toLongLong() * (negative ? -1 : 1);
                for (int k = 7; k >= 0; --k)
                    b += static_cast<char>((unscaled >> (8 * k)) & 0xff);
                while (b.size() > 1 &&
                       ((b[0] == '\0' && !(b[1] & 0x80)) || (b[0] == '\xff' && (b[1] & 0x80))))
                    b.remove(0, 1);
                if (n.kind == Kind::Fixed) {
                    if (b.size() > n.size)
                        expected(where, QStringLiteral("a decimal that fits %1 bytes").arg(n.size));
                    b.prepend(QByteArray(n.size - b.size(), unscaled < 0 ? '\xff' : '\0'));
                }
            } else {
                if (v.type != json::Type::String)
                    expected(where, QStringLiteral("bytes (\"0x\" and hex digits)"));
                if (v.string.startsWith("0x")) {
                    b = QByteArray::fromHex(v.string.mid(2));
                    if (b.size() * 2 != v.string.size() - 2)
                        expected(where, QStringLiteral("bytes (\"0x\" and hex digits)"));
                } else { // Avro's own JSON: one code point 0-255 a byte
                    for (const QChar c : QString::fromUtf8(v.string)) {
                        if (c.unicode() > 255)
                            expected(where, QStringLiteral("bytes (\"0x\" and hex digits)"));
                        b += static_cast<char>(c.unicode());
                    }
                }
                if (n.kind == Kind::Fixed && b.size() != n.size)
                    expected(where, QStringLiteral("%1 bytes").arg(n.size));
            }
            if (n.kind == Kind::Bytes) putVarlong(out, b.size());
            out += b;
            return;
        }
        case Kind::Enum:
            if (v.type == json::Type::String)
                for (size_t e = 0; e < n.plain.size(); ++e)
                    if (n.plain[e] == v.string) {
                        putVarlong(out, static_cast<qint64>(e));
                        return;
                    }
            expected(where,
                     QStringLiteral("one of %1")
                         .arg(QString::fromUtf8(
                             n.plain.size() <= 12 ? QByteArrayList(n.plain.begin(), n.plain.end()).join(", ")
                                                  : QByteArray("the enum's symbols"))));
        case Kind::Record: {
            if (v.type != json::Type::Object)
                expected(where, QStringLiteral("an object (record %1)").arg(n.fullName));
            auto members = json::parseObject(v.raw);
            if (!members) expected(where, QStringLiteral("an object"));
            for (const json::Member& m : members.value())
                if (std::find(n.plain.begin(), n.plain.end(), m.name) == n.plain.end()) {
                    where.push_back(QString::fromUtf8(m.name));
                    fail(QStringLiteral("%1: record %2 has no such field")
                             .arg(where.join(QLatin1Char('.')), n.fullName));
                }
            for (size_t f = 0; f < n.kids.size(); ++f) {
                where.push_back(QString::fromUtf8(n.plain[f]));
                const auto it = std::find_if(members->begin(), members->end(),
                                             [&](const json::Member& m) { return m.name == n.plain[f]; });
                if (it != members->end()) {
                    fromJson(n.kids[f], it->value, out, where, depth + 1);
                } else if (n.defaults[f]) {
                    MaskPaths none;
                    MaskRun run{none, out, where, false};
                    encode(n.kids[f], *n.defaults[f], run, depth + 1);
                } else {
                    fail(QStringLiteral("%1: missing, and the field has no default")
                             .arg(where.join(QLatin1Char('.'))));
                }
                where.pop_back();
            }
            return;
        }
        case Kind::Array: {
            if (v.type != json::Type::Array) expected(where, QStringLiteral("an array"));
            auto items = json::parseArray(v.raw);
            if (!items) expected(where, QStringLiteral("an array"));
            if (!items->empty()) {
                putVarlong(out, static_cast<qint64>(items->size()));
                for (size_t k = 0; k < items->size(); ++k) {
                    where.push_back(QStringLiteral("[%1]").arg(k));
                    fromJson(n.kids[0], items.value()[k], out, where, depth + 1);
                    where.pop_back();
                }
            }
            putVarlong(out, 0);
            return;
        }
        case Kind::Map: {
            if (v.type != json::Type::Object) expected(where, QStringLiteral("an object (a map)"));
            auto members = json::parseObject(v.raw);
            if (!members) expected(where, QStringLiteral("an object"));
            if (!members->empty()) {
                putVarlong(out, static_cast<qint64>(members->size()));
                for (const json::Member& m : members.value()) {
                    putVarlong(out, m.name.size());
                    out += m.name;
                    where.push_back(QString::fromUtf8(m.name));
                    fromJson(n.kids[0], m.value, out, where, depth + 1);
                    where.pop_back();
                }
            }
            putVarlong(out, 0);
            return;
        }
        case Kind::Union: {
            // Avro's JSON encoding: {"type name": value}.
            if (v.type == json::Type::Object) {
                auto members = json::parseObject(v.raw);
                if (members && members->size() == 1)
                    for (size_t b = 0; b < n.kids.size(); ++b) {
                        const Node& k = nodes[static_cast<size_t>(n.kids[b])];
                        const QString name = QString::fromUtf8(members->front().name);
                        if (name == typeName(k) ||
                            (!k.fullName.isEmpty() && k.fullName.endsWith(QLatin1Char('.') + name))) {
                            putVarlong(out, static_cast<qint64>(b));
                            fromJson(n.kids[b], members->front().value, out, where, depth + 1);
                            return;
                        }
                    }
            }
            // As it is: the first branch that takes it.
            QStringList tried;
            for (size_t b = 0; b < n.kids.size(); ++b) {
                QByteArray attempt;
                QStringList at = where;
                try {
                    fromJson(n.kids[b], v, attempt, at, depth + 1);
                } catch (const Fail&) {
                    tried << typeName(nodes[static_cast<size_t>(n.kids[b])]);
                    continue;
                }
                putVarlong(out, static_cast<qint64>(b));
                out += attempt;
                return;
            }
            expected(where, QStringLiteral("a value of one of %1").arg(tried.join(QStringLiteral(", "))));
        }
        }
    }
};

Schema::Schema(std::unique_ptr<Impl> impl) : d(std::move(impl)) {}
Schema::~Schema() = default;

Result<std::shared_ptr<const Schema>>
Schema::parse(QByteArrayView json, const std::vector<QByteArray>& references, const Limits& limits)
{
    if (json.size() > limits.maxSchemaBytes)
        return makeError(
            ErrorCode::InvalidArgument,
            QStringLiteral("the Avro schema is larger than %1 MB").arg(limits.maxSchemaBytes >> 20));
    // avro-c checks a self-contained schema the way the Avro libraries do (one with references
    // names types it cannot see: ours alone checks that one).
    if (references.empty()) {
        avro_schema_t checked = nullptr;
        if (avro_schema_from_json_length(json.data(), static_cast<size_t>(json.size()), &checked) != 0)
            return makeError(ErrorCode::Parse, QStringLiteral("not a valid Avro schema: %1")
                                                   .arg(QString::fromUtf8(avro_strerror()).trimmed()));
        avro_schema_decref(checked);
    }
    auto impl = std::make_unique<Impl>();
    impl->limits = limits;
    try {
        auto parseOne = [&](QByteArrayView text) {
            QJsonParseError err;
            const QByteArray copy = text.toByteArray();
            QJsonDocument doc = QJsonDocument::fromJson(copy, &err);
            QJsonValue v;
            if (err.error == QJsonParseError::NoError)
                v = doc.isArray() ? QJsonValue(doc.array()) : QJsonValue(doc.object());
            else if (copy.trimmed().startsWith('"')) // a primitive schema: "string"
                v = QJsonValue(QString::fromUtf8(copy.trimmed().mid(1).chopped(1)));
            else
                Impl::fail(QStringLiteral("the schema is not JSON: %1").arg(err.errorString()));
            return impl->compile(v, QString(), 0);
        };
        for (const QByteArray& ref : references)
            (void)parseOne(ref);
        impl->root = parseOne(json);
    } catch (const Fail& f) {
        return makeError(ErrorCode::Parse, QStringLiteral("not a usable Avro schema: %1").arg(f.message));
    }
    return std::shared_ptr<const Schema>(new Schema(std::move(impl)));
}

Result<void> Schema::toJson(QByteArrayView payload, QByteArray& out) const
{
    Impl::Reader r{reinterpret_cast<const uchar*>(payload.data()),
                   reinterpret_cast<const uchar*>(payload.data()) + payload.size()};
    try {
        Writer w(out);
        d->value(d->root, r, w, 0);
    } catch (const Fail& f) {
        return makeError(ErrorCode::Parse, QStringLiteral("Avro: %1").arg(f.message));
    }
    if (r.p != r.end)
        return makeError(ErrorCode::Parse,
                         QStringLiteral("Avro: %1 bytes are left after the record: the payload "
                                        "does not match its schema")
                             .arg(r.end - r.p));
    return {};
}

} // namespace rw::avro

namespace rw::avro {

Result<bool> Schema::mask(QByteArrayView payload, MaskPaths& paths, QByteArray& out) const
{
    Impl::Reader r{reinterpret_cast<const uchar*>(payload.data()),
                   reinterpret_cast<const uchar*>(payload.data()) + payload.size()};
    QByteArray masked;
    masked.reserve(payload.size() + 16);
    Impl::MaskRun run{paths, masked, {}, false};
    try {
        d->rewrite(d->root, r, run, paths.all(), 0);
    } catch (const Fail& f) {
        return makeError(ErrorCode::Refused, QStringLiteral("Avro: %1").arg(f.message));
    }
    if (r.p != r.end)
        return makeError(ErrorCode::Parse,
                         QStringLiteral("Avro: %1 bytes are left after the record: the payload "
                                        "does not match its schema")
                             .arg(r.end - r.p));
    if (!run.changed) return false;
    out.append(masked);
    return true;
}

} // namespace rw::avro

namespace rw::avro {

Result<void> Schema::fromJson(QByteArrayView text, QByteArray& out) const
{
    // One element of an array, so an object, an array and a scalar are read alike; the views of
    // the parsed value point into `wrapped`.
    const QByteArray wrapped = QByteArray("[") + text.trimmed().toByteArray() + "]";
    auto items = json::parseArray(wrapped);
    if (!items || items->size() != 1)
        return makeError(ErrorCode::Parse, QStringLiteral("the value is not JSON"));
    QByteArray encoded;
    QStringList where;
    try {
        d->fromJson(d->root, items->front(), encoded, where, 0);
    } catch (const Fail& f) {
        return makeError(ErrorCode::Parse, f.message);
    }
    out += encoded;
    return {};
}

} // namespace rw::avro
