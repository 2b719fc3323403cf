#pragma once
// Private to connectors/protobuf_codec.cpp: a parsed Protobuf message as JSON text, walked with
// libprotobuf's reflection. It prints what libprotobuf's own JSON printer prints with
// preserve_proto_field_names and always_print_primitive_fields (tst_schemas compares the two),
// several times faster: that printer serializes the message again and converts it through a type
// resolver. Fields in declaration order; int64 kinds as strings; bytes as base64; enums by name;
// NaN and infinities as strings; the well-known types (Timestamp, Duration, wrappers, Struct,
// Value, ListValue, FieldMask, Empty, Any) as the JSON mapping shows them.
// Thread contract: stateless; any thread.

#include <QByteArray>

namespace google::protobuf {
class Message;
}

namespace rw::protobuf {

void appendJson(const google::protobuf::Message& message, QByteArray& out);

} // namespace rw::protobuf
