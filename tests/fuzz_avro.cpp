// libFuzzer target: Avro decoding (connectors/avro_codec) on hostile schemas and payloads, as a
// registry, an .avsc file or a broker's records may bring them. Any crash, sanitizer report or
// hang is a bug. The input is split at its first 0xFF byte: before it a schema (JSON text, tried
// when it compiles), after it a payload; a fixed schema with every Avro shape and logical type
// decodes the whole input too. Properties: a failed decode is an error value, never a crash, and
// a decode that succeeds produces valid JSON. Masking (avro::Schema::mask) a datum that decodes:
// paths with a stand-in at every place always succeed and what they write decodes with the same
// schema; any path set either succeeds that way or is an error. The decoded JSON typed back
// (fromJson) is an error or bytes that decode.

#include "avro_codec.h"
#include "json.h"

#include <cstddef>
#include <cstdint>

namespace {

const char* kEveryShape = R"({"type":"record","name":"A","namespace":"n","fields":[
 {"name":"s","type":"string"},{"name":"i","type":"int"},{"name":"l","type":"long"},
 {"name":"f","type":"float"},{"name":"d","type":"double"},{"name":"b","type":"boolean"},
 {"name":"y","type":"bytes"},{"name":"e","type":{"type":"enum","name":"E","symbols":["X","Y","Z"]}},
 {"name":"a","type":{"type":"array","items":["null","int","A"]}},
 {"name":"m","type":{"type":"map","values":{"type":"fixed","name":"F","size":3}}},
 {"name":"ts","type":{"type":"long","logicalType":"timestamp-micros"}},
 {"name":"dt","type":{"type":"int","logicalType":"date"}},
 {"name":"tm","type":{"type":"int","logicalType":"time-millis"}},
 {"name":"dec","type":{"type":"bytes","logicalType":"decimal","precision":38,"scale":9}},
 {"name":"u","type":["null","string",{"type":"string","logicalType":"uuid"}]}]})";

[[noreturn]] void fail()
{
    __builtin_trap();
}

rw::MaskPaths paths(std::initializer_list<const char*> names)
{
    rw::MaskPaths p;
    for (const char* n : names)
        p.segments.push_back(QByteArray(n).split('.'));
    p.hits.assign(p.segments.size(), 0);
    return p;
}

// Masks what decoded; `mustSucceed`: every path has a stand-in in this schema.
void mask(const rw::avro::Schema& schema, QByteArrayView payload, rw::MaskPaths p, bool mustSucceed)
{
    QByteArray masked, text;
    auto r = schema.mask(payload, p, masked);
    if (!r.ok()) {
        if (mustSucceed) fail();
        return;
    }
    if (r.value() && !schema.toJson(masked, text).ok()) fail();
}

bool decode(const rw::avro::Schema& schema, QByteArrayView payload)
{
    QByteArray out;
    if (!schema.toJson(payload, out).ok()) return false;
    if (!rw::json::isValidJson(out)) fail();
    // Its JSON typed back (avro::Schema::fromJson, as produce does): an error or bytes that decode.
    QByteArray again, text;
    if (schema.fromJson(out, again).ok() && !schema.toJson(again, text).ok()) fail();
    return true;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    static const auto fixed = rw::avro::Schema::parse(QByteArrayView(kEveryShape));
    if (!fixed.ok()) fail();
    const QByteArrayView input(reinterpret_cast<const char*>(data), static_cast<qsizetype>(size));
    if (decode(*fixed.value(), input)) {
        mask(*fixed.value(), input, paths({"s", "y", "a", "m", "u", "a.s"}), true);
        mask(*fixed.value(), input, paths({"*"}), false);
    }
    const qsizetype cut = input.indexOf('\xff');
    if (cut > 0) {
        rw::avro::Limits limits;
        limits.maxItems = 1 << 16;
        auto schema = rw::avro::Schema::parse(input.first(cut), {}, limits);
        if (schema.ok() && decode(*schema.value(), input.sliced(cut + 1)))
            mask(*schema.value(), input.sliced(cut + 1), paths({"*", "a.b"}), false);
    }
    return 0;
}
