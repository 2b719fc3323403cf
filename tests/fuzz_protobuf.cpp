// libFuzzer target: Protobuf decoding (connectors/protobuf_codec) on hostile payloads and .proto
// texts, as a registry, a schema file or a broker's records may bring them. Any crash, sanitizer
// report or hang is a bug. The whole input is decoded as a framed record (message indexes, then the
// message) against a fixed schema with nesting, recursion, maps, oneofs and well-known types; split
// at its first 0xFF byte, the part before is compiled as a .proto text and the rest decoded with it.
// Properties: errors are values, never crashes; a decode that succeeds produces valid JSON; a
// record that decodes, masked (protobuf::Schema::maskFramed), still decodes.

#include "json.h"
#include "protobuf_codec.h"

#include <cstddef>
#include <cstdint>

namespace {

const char* kSchema = R"(syntax = "proto3";
package f;
import "google/protobuf/timestamp.proto";
import "google/protobuf/struct.proto";
import "google/protobuf/any.proto";
message Node {
  string name = 1;
  repeated Node children = 2;
  map<string, Node> named = 3;
  oneof v { int64 i = 4; double d = 5; bytes b = 6; Node n = 7; }
  google.protobuf.Timestamp at = 8;
  google.protobuf.Struct extra = 9;
  google.protobuf.Any any = 10;
  enum E { A = 0; B = 1; }
  E e = 11;
  message Inner { sint32 z = 1; fixed64 f = 2; repeated float p = 3 [packed = true]; }
  Inner inner = 12;
}
)";

[[noreturn]] void fail()
{
    __builtin_trap();
}

void decode(const rw::protobuf::Schema& schema, QByteArrayView bytes)
{
    QByteArray out;
    if (!schema.decodeFramed(bytes, out).ok()) return;
    if (!rw::json::isValidJson(out)) fail();
    rw::MaskPaths paths;
    for (const char* p : {"name", "children.name", "named", "b", "at", "inner", "extra"})
        paths.segments.push_back(QByteArray(p).split('.'));
    paths.hits.assign(paths.segments.size(), 0);
    QByteArray masked, again;
    auto r = schema.maskFramed(bytes, paths, masked);
    if (!r.ok()) fail(); // every field of a message that parsed has a stand-in
    if (r.value() && !schema.decodeFramed(masked, again).ok()) fail();
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    static const auto fixed = rw::protobuf::Schema::parse(QByteArrayView(kSchema));
    if (!fixed.ok()) fail();
    const QByteArrayView input(reinterpret_cast<const char*>(data), static_cast<qsizetype>(size));
    decode(*fixed.value(), input);
    const qsizetype cut = input.indexOf('\xff');
    if (cut > 0) {
        auto schema = rw::protobuf::Schema::parse(input.first(cut));
        if (schema.ok()) decode(*schema.value(), input.sliced(cut + 1));
    }
    return 0;
}
