#include "header_codec.h"

namespace rw {
namespace {

void putVarint(QByteArray& out, std::uint64_t v)
{
    while (v >= 0x80) {
        out.append(static_cast<char>((v & 0x7f) | 0x80));
        v >>= 7;
    }
    out.append(static_cast<char>(v));
}

bool getVarint(QByteArrayView in, qsizetype& pos, std::uint64_t& v)
{
    v = 0;
    for (int shift = 0; shift < 64; shift += 7) {
        if (pos >= in.size()) return false;
        const auto b = static_cast<std::uint8_t>(in[pos++]);
        v |= static_cast<std::uint64_t>(b & 0x7f) << shift;
        if (!(b & 0x80)) return true;
    }
    return false;
}

} // namespace

QByteArray encodeHeaders(const Headers& headers)
{
    QByteArray out;
    encodeHeadersInto(out, headers);
    return out;
}

void encodeHeadersInto(QByteArray& out, const Headers& headers)
{
    out.resize(0);
    appendEncodedHeaders(out, headers);
}

void appendEncodedHeaders(QByteArray& out, const Headers& headers)
{
    if (headers.empty()) return;
    putVarint(out, headers.size());
    for (const Header& h : headers) {
        putVarint(out, static_cast<std::uint64_t>(h.key.size()));
        out.append(h.key);
        if (!h.value) {
            putVarint(out, 0);
        } else {
            putVarint(out, static_cast<std::uint64_t>(h.value->size()) + 1);
            out.append(*h.value);
        }
    }
}

Result<void> decodeHeaderViews(QByteArrayView blob, std::vector<HeaderView>& out)
{
    if (blob.isEmpty()) return {};
    qsizetype pos = 0;
    std::uint64_t count = 0;
    if (!getVarint(blob, pos, count) || count > static_cast<std::uint64_t>(blob.size()))
        return makeError(ErrorCode::Corrupt, QStringLiteral("corrupt header block: bad count"));
    for (std::uint64_t i = 0; i < count; ++i) {
        std::uint64_t keyLen = 0;
        if (!getVarint(blob, pos, keyLen) || keyLen > static_cast<std::uint64_t>(blob.size() - pos))
            return makeError(ErrorCode::Corrupt, QStringLiteral("corrupt header block: bad key length"));
        HeaderView h;
        h.key = blob.sliced(pos, static_cast<qsizetype>(keyLen));
        pos += static_cast<qsizetype>(keyLen);
        std::uint64_t valLen = 0;
        if (!getVarint(blob, pos, valLen))
            return makeError(ErrorCode::Corrupt, QStringLiteral("corrupt header block: bad value length"));
        h.valueNull = valLen == 0;
        if (valLen > 0) {
            const std::uint64_t n = valLen - 1;
            if (n > static_cast<std::uint64_t>(blob.size() - pos))
                return makeError(ErrorCode::Corrupt, QStringLiteral("corrupt header block: value overruns"));
            h.value = blob.sliced(pos, static_cast<qsizetype>(n));
            pos += static_cast<qsizetype>(n);
        }
        out.push_back(h);
    }
    if (pos != blob.size())
        return makeError(ErrorCode::Corrupt, QStringLiteral("corrupt header block: trailing bytes"));
    return {};
}

Result<Headers> decodeHeaders(QByteArrayView blob)
{
    std::vector<HeaderView> views;
    if (auto r = decodeHeaderViews(blob, views); !r) return r.error();
    Headers headers;
    headers.reserve(views.size());
    for (const HeaderView& v : views) {
        Header h;
        h.key = v.key.toByteArray();
        if (!v.valueNull) {
            // Non-null, possibly empty: keep it distinct from a null value.
            QByteArray value = v.value.toByteArray();
            if (value.isNull()) value = QByteArray("", 0);
            h.value = std::move(value);
        }
        headers.push_back(std::move(h));
    }
    return headers;
}

void appendHeaderCount(QByteArray& out, size_t count)
{
    putVarint(out, count);
}

void appendHeader(QByteArray& out, QByteArrayView key, QByteArrayView value, bool valueIsNull)
{
    putVarint(out, static_cast<std::uint64_t>(key.size()));
    out.append(key);
    if (valueIsNull) {
        putVarint(out, 0);
        return;
    }
    putVarint(out, static_cast<std::uint64_t>(value.size()) + 1);
    out.append(value);
}

qsizetype headersPayloadSize(const Headers& headers)
{
    qsizetype n = 0;
    for (const Header& h : headers)
        n += h.key.size() + (h.value ? h.value->size() : 0);
    return n;
}

} // namespace rw
