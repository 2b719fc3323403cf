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

} // namespace rw::test
