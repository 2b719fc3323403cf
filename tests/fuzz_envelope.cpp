// libFuzzer target: the NDJSON envelope parser (core/envelope, core/json) on arbitrary lines, as
// `rewind-cli import` meets them. Any crash, sanitizer report or hang is a bug: import input is
// untrusted. Properties checked on every line that parses:
//   - the bulk form (parseEnvelopeInto, slices into an arena) and the record form
//     (parseEnvelopeLine) agree on every field;
//   - a failed parse leaves the arena exactly as it was;
//   - exporting the record and parsing that line again gives the same record (byte-exact round
//     trip, binary and null included).

#include "envelope.h"
#include "header_codec.h"

#include <cstddef>
#include <cstdint>

namespace {
[[noreturn]] void fail()
{
    __builtin_trap();
}
} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const QByteArrayView line(reinterpret_cast<const char*>(data), static_cast<qsizetype>(size));
    QByteArray arena("prefix");
    rw::EnvelopeSlices s;
    auto bulk = rw::parseEnvelopeInto(line, "fallback", arena, s);
    auto rec = rw::parseEnvelopeLine(line, QStringLiteral("fallback"));
    if (bulk.ok() != rec.ok()) fail();
    if (!bulk) {
        if (arena != "prefix") fail();
        return 0;
    }
    const rw::ProducerRecord& r = rec->record;
    if (QString::fromUtf8(s.topic) != r.topic || s.partition != r.partition || s.offset != r.offset ||
        s.timestamp != r.timestamp || s.timestampType != r.timestampType || s.keyNull != !r.key ||
        s.valueNull != !r.value)
        fail();
    if (r.key && QByteArrayView(arena).sliced(s.keyAt, s.keyLen) != *r.key) fail();
    if (r.value && QByteArrayView(arena).sliced(s.valueAt, s.valueLen) != *r.value) fail();
    if (QByteArrayView(arena).sliced(s.headersAt, s.headersLen) != rw::encodeHeaders(r.headers)) fail();
    // Round trip through an exported line (offsets and timestamps made explicit, as export does).
    rw::Record full;
    full.topic = r.topic;
    full.partition = r.partition;
    full.offset = r.offset.value_or(0);
    full.timestamp = r.timestamp;
    full.timestampType = r.timestampType;
    full.key = r.key;
    full.value = r.value;
    full.headers = r.headers;
    QByteArray out;
    rw::appendEnvelope(out, full);
    auto again = rw::parseEnvelopeLine(out);
    if (!again) fail();
    const rw::ProducerRecord& a = again->record;
    if (a.topic != full.topic || a.partition != full.partition || a.offset.value_or(-1) != full.offset ||
        a.timestamp != full.timestamp || a.timestampType != full.timestampType || a.key != full.key ||
        a.value != full.value || a.headers != full.headers)
        fail();
    return 0;
}
