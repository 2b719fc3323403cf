#pragma once
// Schemas and expected texts of tst_schemas, kept out of the test file (Qt's moc cannot read raw
// string literals there).

namespace rw::test {

inline const char* kMoneyProto = R"(syntax = "proto3";
package common;
message Money {
  string currency = 1;
  int64 units = 2;
  int32 nanos = 3;
}
)";

// Version 1 of shop.Order; version 2 adds `note`. Line is nested: its message index is [0, 0].
inline const char* kOrderProtoV1 = R"(syntax = "proto3";
package shop;
import "common/money.proto";
import "google/protobuf/timestamp.proto";
import "google/protobuf/wrappers.proto";
message Order {
  string order_id = 1;
  repeated Line lines = 2;
  map<string, string> labels = 3;
  oneof payment {
    string card_last4 = 4;
    string iban = 5;
  }
  google.protobuf.Timestamp placed_at = 6;
  enum State { NEW = 0; PAID = 1; }
  State state = 7;
  google.protobuf.Int32Value attempts = 9;
  message Line {
    string sku = 1;
    int32 qty = 2;
    common.Money price = 3;
  }
}
)";

inline const char* kOrderV2Field = "  string note = 8;\n";

inline const char* kJsonSchema =
    R"({"$schema":"http://json-schema.org/draft-07/schema#","type":"object","properties":{"order_id":{"type":"string"},"total":{"type":"number"}},"required":["order_id"]})";

inline const char* kAgreeSchema =
    R"({"type":"record","name":"R","fields":[{"name":"s","type":"string"},{"name":"n","type":"long"},{"name":"l","type":{"type":"array","items":"int"}},{"name":"e","type":{"type":"enum","name":"E","symbols":["X","Y"]}}]})";
inline const char* kOfflineDecoded = R"({"s":"offline","n":7,"l":[1],"e":"X"})";

// Every shape the JSON printers must agree on, and a message of it in text format.
inline const char* kPrinterProto = R"(syntax = "proto3";
package p;
import "google/protobuf/timestamp.proto";
import "google/protobuf/duration.proto";
import "google/protobuf/struct.proto";
import "google/protobuf/wrappers.proto";
import "google/protobuf/field_mask.proto";
import "google/protobuf/empty.proto";
message All {
  int32 i32 = 1; int64 i64 = 2; uint32 u32 = 3; uint64 u64 = 4; sint32 s32 = 5; sint64 s64 = 6;
  fixed32 f32 = 7; fixed64 f64 = 8; sfixed32 sf32 = 9; sfixed64 sf64 = 10;
  float fl = 11; double db = 12; bool b = 13; string s = 14; bytes by = 15;
  enum Color { RED = 0; GREEN = 1; BLUE = 2; }
  Color color = 16;
  repeated int64 ri64 = 17; repeated string rs = 18; repeated Color rc = 19;
  map<int32, string> mi = 20; map<string, All> ms = 21; map<bool, int64> mb = 22;
  oneof choice { string cs = 23; All cm = 24; }
  optional int32 opt = 25;
  google.protobuf.Timestamp ts = 26; google.protobuf.Duration du = 27; google.protobuf.Struct st = 28;
  google.protobuf.Value va = 29; google.protobuf.ListValue lv = 30; google.protobuf.Int64Value w64 = 31;
  google.protobuf.StringValue ws = 32; google.protobuf.BoolValue wb = 33; google.protobuf.FieldMask fm = 34;
  google.protobuf.Empty em = 35; repeated google.protobuf.Timestamp rts = 36; All child = 37;
  double nan = 38; float inf = 39;
}
)";

inline const char* kPrinterMessage = R"(
i32: -7 i64: -9007199254740993 u32: 4000000000 u64: 18446744073709551615 s32: -3 s64: -4
f32: 5 f64: 6 sf32: -8 sf64: -9 fl: 0.1 db: 2.5e-300 b: true s: "h\303\251llo \"q\"\n" by: "\000\377ab"
color: BLUE ri64: [1, -2, 3] rs: ["a", "b"] rc: [GREEN, RED]
mi { key: 1 value: "one" } mi { key: -2 value: "minus two" }
ms { key: "k" value { s: "inner" ri64: 5 } } mb { key: true value: 10 }
cm { i32: 1 } opt: 0
ts { seconds: 1795000000 nanos: 239000000 } du { seconds: -1 nanos: -500000000 }
st { fields { key: "a" value { number_value: 1.5 } } fields { key: "b" value { list_value { values { string_value: "x" } values { null_value: NULL_VALUE } values { bool_value: false } } } } }
va { struct_value { fields { key: "n" value { null_value: NULL_VALUE } } } }
lv { values { number_value: 3 } }
w64 { value: 12 } ws { value: "" } wb { value: true } fm { paths: "a.b" paths: "c" } em { }
rts { seconds: 0 } rts { seconds: 1 nanos: 1000 }
child { s: "child" mi { key: 3 value: "" } }
nan: nan inf: -inf
)";

// Masking: an Avro record with a field of every kind a policy may name.
inline const char* kMaskAvro = R"({"type":"record","name":"Customer","namespace":"shop","fields":[
 {"name":"name","type":"string"},
 {"name":"email","type":["null","string"],"default":null},
 {"name":"age","type":"int","default":0},
 {"name":"vip","type":"boolean"},
 {"name":"address","type":{"type":"record","name":"Address","fields":[
   {"name":"street","type":"string"},{"name":"zip","type":"int","default":0}]}},
 {"name":"cards","type":{"type":"array","items":"string"}},
 {"name":"tags","type":{"type":"map","values":"string"}},
 {"name":"kind","type":{"type":"enum","name":"Kind","symbols":["UNKNOWN","PERSON","FIRM"],"default":"UNKNOWN"}},
 {"name":"salary","type":["null","long"]},
 {"name":"items","type":{"type":"array","items":{"type":"record","name":"Item","fields":[
   {"name":"sku","type":"string"},{"name":"card","type":"string"}]}}}]})";

// Masking: a JSON Schema with defaults, a local reference and an array of objects.
inline const char* kMaskJsonSchema = R"({"$schema":"http://json-schema.org/draft-07/schema#","type":"object",
 "definitions":{"address":{"type":"object","properties":{"street":{"type":"string"},"zip":{"type":"integer","default":0}}}},
 "properties":{"name":{"type":"string"},"total":{"type":"number","default":0},"vip":{"type":"boolean"},
  "address":{"$ref":"#/definitions/address"},
  "lines":{"type":"array","items":{"type":"object","properties":{"sku":{"type":"string"},"card":{"type":"string"}}}}}})";

// Masking with the official serializers: one record of each format with personal data, the
// policy that hides it, and the text none of the masked records may still hold.
inline const char* kMaskAvroValue =
    R"({"name":"Alice Example","email":"alice@example.com","age":41,"vip":true,
 "address":{"street":"1 Main St","zip":12345},"cards":["4111111111111111"],"tags":{"home":"Elm 2","work":"Oak 9"},
 "kind":"PERSON","salary":90000,"items":[{"sku":"A-1","card":"5555444433332222"}]})";
inline const char* kMaskOrderValue =
    R"({"orderId":"o-7","lines":[{"sku":"A-1","qty":2,"price":{"currency":"EUR","units":"12","nanos":0}}],
 "labels":{"email":"bob@example.com"},"cardLast4":"9876","placedAt":"2026-11-18T03:17:48.239Z","state":"PAID","attempts":3})";
inline const char* kMaskJsonValue = R"({"name":"Carol Example","total":12.5,"vip":false,
 "address":{"street":"7 Hill Rd","zip":54321},"lines":[{"sku":"B-2","card":"6011000990139424"}]})";
inline const char* kMaskSecrets[] = {
    "Alice Example", "alice@example.com", "1 Main St",       "4111111111111111",
    "Elm 2",         "5555444433332222",  "bob@example.com", "9876",
    "Carol Example", "7 Hill Rd",         "6011000990139424"};

// The demo's OrderCreated and PaymentAuthorized events as Avro and Protobuf (tst_schemas writes
// the demo's own records with them and masks them with the demo's policy).
inline const char* kDemoOrderAvro = R"({"type":"record","name":"OrderCreated","namespace":"demo","fields":[
 {"name":"event_id","type":"string"},{"name":"type","type":"string"},{"name":"order_id","type":"string"},
 {"name":"occurred_at","type":"string"},
 {"name":"customer","type":{"type":"record","name":"Customer","fields":[{"name":"id","type":"string"},
   {"name":"name","type":"string"},{"name":"email","type":"string"},{"name":"phone","type":"string"}]}},
 {"name":"shipping_address","type":{"type":"record","name":"Address","fields":[{"name":"street","type":"string"},
   {"name":"city","type":"string"},{"name":"postcode","type":"string"},{"name":"country","type":"string"}]}},
 {"name":"items","type":{"type":"array","items":{"type":"record","name":"Item","fields":[{"name":"sku","type":"string"},
   {"name":"qty","type":"int"},{"name":"unit_price_cents","type":"long"}]}}},
 {"name":"total_cents","type":"long"},{"name":"currency","type":"string"}]})";
inline const char* kDemoPaymentProto = R"(syntax = "proto3";
package demo;
message PaymentAuthorized {
  string event_id = 1;
  string type = 2;
  string order_id = 3;
  string occurred_at = 4;
  string payment_id = 5;
  int64 amount_cents = 6;
  string currency = 7;
  string method = 8;
  string card_last4 = 9;
}
)";

// rewind-cli produce with schemas: values typed as JSON, one line each (key TAB value).
inline const char* kProduceAvroLines =
    "o-1\t{\"name\":\"Ann\",\"email\":\"ann@example.com\",\"age\":30,\"vip\":true,"
    "\"address\":{\"street\":\"1 "
    "Elm\",\"zip\":1000},\"cards\":[\"4000\"],\"tags\":{\"a\":\"b\"},\"kind\":\"FIRM\","
    "\"salary\":{\"long\":90000},\"items\":[{\"sku\":\"A-1\",\"card\":\"1\"}]}\n"
    "o-2\t{\"name\":\"Bo\",\"vip\":false,\"address\":{\"street\":\"2 Oak\"},\"cards\":[],\"tags\":{},"
    "\"kind\":\"PERSON\",\"salary\":null,\"items\":[]}\n";
inline const char* kProduceOrderLines =
    "o-3\t{\"order_id\":\"o-3\",\"lines\":[{\"sku\":\"C-3\",\"qty\":4,"
    "\"price\":{\"currency\":\"EUR\",\"units\":\"7\",\"nanos\":0}}],\"labels\":{\"channel\":\"app\"},"
    "\"iban\":\"DE89370400440532013000\",\"placed_at\":\"2026-11-18T03:17:48.239Z\",\"state\":\"PAID\","
    "\"attempts\":2}\n";
inline const char* kProduceJsonLines = "j-1\t{\"name\":\"Cy\",\"total\":12345678901234567,\"vip\":true,"
                                       "\"lines\":[{\"sku\":\"D-4\",\"card\":\"x\"}]}\n";

} // namespace rw::test
