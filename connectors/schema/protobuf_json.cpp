#include "protobuf_json.h"

#include "json.h"

#include <google/protobuf/descriptor.h>
#include <google/protobuf/message.h>
#include <google/protobuf/reflection.h>

#include <charconv>
#include <cmath>
#include <ctime>

namespace rw::protobuf {

namespace gp = google::protobuf;
using FD = gp::FieldDescriptor;

namespace {

void appendInt(QByteArray& out, long long v)
{
    char buf[24];
    const auto r = std::to_chars(buf, buf + sizeof buf, v);
    out.append(buf, r.ptr - buf);
}

void appendUInt(QByteArray& out, unsigned long long v)
{
    char buf[24];
    const auto r = std::to_chars(buf, buf + sizeof buf, v);
    out.append(buf, r.ptr - buf);
}

void appendDouble(QByteArray& out, double d, bool isFloat)
{
    if (std::isnan(d)) {
        out += "\"NaN\"";
    } else if (std::isinf(d)) {
        out += d > 0 ? "\"Infinity\"" : "\"-Infinity\"";
    } else {
        char buf[32];
        const auto r = isFloat ? std::to_chars(buf, buf + sizeof buf, static_cast<float>(d))
                               : std::to_chars(buf, buf + sizeof buf, d);
        out.append(buf, r.ptr - buf);
    }
}

void appendText(QByteArray& out, const std::string& s)
{
    const QByteArrayView v(s.data(), static_cast<qsizetype>(s.size()));
    if (json::isValidUtf8(v)) {
        json::appendString(out, v);
    } else { // proto2 strings are not checked on parse: show the bytes, never broken JSON
        out += '"';
        out += QByteArray::fromRawData(s.data(), static_cast<qsizetype>(s.size())).toBase64();
        out += '"';
    }
}

void appendName(QByteArray& out, const std::string& name)
{
    json::appendString(out, QByteArrayView(name.data(), static_cast<qsizetype>(name.size())));
    out += ':';
}

// Digits of a fraction of a second as the JSON mapping writes them: none, 3, 6 or 9.
void appendNanos(QByteArray& out, int nanos)
{
    if (nanos <= 0) return;
    char buf[16];
    int digits = 9, value = nanos;
    if (nanos % 1000000 == 0) {
        digits = 3;
        value = nanos / 1000000;
    } else if (nanos % 1000 == 0) {
        digits = 6;
        value = nanos / 1000;
    }
    std::snprintf(buf, sizeof buf, ".%0*d", digits, value);
    out += buf;
}

void appendTimestamp(QByteArray& out, long long seconds, int nanos)
{
    // The JSON mapping's range: 0001-01-01 to 9999-12-31.
    if (seconds < -62135596800LL || seconds > 253402300799LL || nanos < 0 || nanos > 999999999) {
        out += '"';
        appendInt(out, seconds);
        out += "s\"";
        return;
    }
    const std::time_t t = static_cast<std::time_t>(seconds);
    std::tm tm{};
    gmtime_r(&t, &tm);
    char buf[40];
    std::snprintf(buf, sizeof buf, "\"%04d-%02d-%02dT%02d:%02d:%02d", tm.tm_year + 1900, tm.tm_mon + 1,
                  tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec);
    out += buf;
    appendNanos(out, nanos);
    out += "Z\"";
}

void appendValue(const gp::Message& m, QByteArray& out);

void appendScalar(const gp::Message& m, const gp::Reflection* r, const FD* f, int index, QByteArray& out,
                  bool asMapKey = false)
{
    const bool rep = index >= 0;
    switch (f->cpp_type()) {
    case FD::CPPTYPE_INT32: {
        const auto v = rep ? r->GetRepeatedInt32(m, f, index) : r->GetInt32(m, f);
        if (asMapKey) out += '"';
        appendInt(out, v);
        if (asMapKey) out += '"';
        return;
    }
    case FD::CPPTYPE_UINT32: {
        const auto v = rep ? r->GetRepeatedUInt32(m, f, index) : r->GetUInt32(m, f);
        if (asMapKey) out += '"';
        appendUInt(out, v);
        if (asMapKey) out += '"';
        return;
    }
    case FD::CPPTYPE_INT64:
        out += '"';
        appendInt(out, rep ? r->GetRepeatedInt64(m, f, index) : r->GetInt64(m, f));
        out += '"';
        return;
    case FD::CPPTYPE_UINT64:
        out += '"';
        appendUInt(out, rep ? r->GetRepeatedUInt64(m, f, index) : r->GetUInt64(m, f));
        out += '"';
        return;
    case FD::CPPTYPE_DOUBLE:
        appendDouble(out, rep ? r->GetRepeatedDouble(m, f, index) : r->GetDouble(m, f), false);
        return;
    case FD::CPPTYPE_FLOAT:
        appendDouble(out, rep ? r->GetRepeatedFloat(m, f, index) : r->GetFloat(m, f), true);
        return;
    case FD::CPPTYPE_BOOL: {
        const bool v = rep ? r->GetRepeatedBool(m, f, index) : r->GetBool(m, f);
        out += asMapKey ? (v ? "\"true\"" : "\"false\"") : (v ? "true" : "false");
        return;
    }
    case FD::CPPTYPE_ENUM: {
        const int n = rep ? r->GetRepeatedEnumValue(m, f, index) : r->GetEnumValue(m, f);
        if (f->enum_type()->full_name() == "google.protobuf.NullValue") {
            out += "null";
            return;
        }
        if (const auto* e = f->enum_type()->FindValueByNumber(n))
            appendText(out, e->name());
        else
            appendInt(out, n); // a value this schema does not know
        return;
    }
    case FD::CPPTYPE_STRING: {
        std::string scratch;
        const std::string& s = rep ? r->GetRepeatedStringReference(m, f, index, &scratch)
                                   : r->GetStringReference(m, f, &scratch);
        if (f->type() == FD::TYPE_BYTES) {
            out += '"';
            out += QByteArray::fromRawData(s.data(), static_cast<qsizetype>(s.size())).toBase64();
            out += '"';
        } else {
            appendText(out, s);
        }
        return;
    }
    case FD::CPPTYPE_MESSAGE:
        appendValue(rep ? r->GetRepeatedMessage(m, f, index) : r->GetMessage(m, f), out);
        return;
    }
}

// A well-known type in its JSON form; false when `m` is not one.
bool appendWellKnown(const gp::Message& m, QByteArray& out)
{
    const gp::Descriptor* d = m.GetDescriptor();
    if (d->file()->package() != "google.protobuf") return false;
    const std::string& name = d->name();
    const gp::Reflection* r = m.GetReflection();
    auto field = [&](const char* n) { return d->FindFieldByName(n); };
    if (name == "Timestamp") {
        appendTimestamp(out, r->GetInt64(m, field("seconds")), r->GetInt32(m, field("nanos")));
        return true;
    }
    if (name == "Duration") {
        const long long s = r->GetInt64(m, field("seconds"));
        const int n = r->GetInt32(m, field("nanos"));
        out += '"';
        if (s < 0 || n < 0) out += '-';
        appendInt(out, s < 0 ? -s : s);
        appendNanos(out, n < 0 ? -n : n);
        out += "s\"";
        return true;
    }
    if (name == "DoubleValue" || name == "FloatValue" || name == "Int64Value" || name == "UInt64Value" ||
        name == "Int32Value" || name == "UInt32Value" || name == "BoolValue" || name == "StringValue" ||
        name == "BytesValue") {
        appendScalar(m, r, field("value"), -1, out);
        return true;
    }
    if (name == "Empty") {
        out += "{}";
        return true;
    }
    if (name == "FieldMask") {
        const FD* paths = field("paths");
        std::string joined;
        for (int i = 0; i < r->FieldSize(m, paths); ++i) {
            if (i) joined += ',';
            joined += r->GetRepeatedString(m, paths, i);
        }
        appendText(out, joined);
        return true;
    }
    if (name == "Struct") {
        const FD* fields = field("fields");
        out += '{';
        for (int i = 0; i < r->FieldSize(m, fields); ++i) {
            const gp::Message& entry = r->GetRepeatedMessage(m, fields, i);
            const gp::Reflection* er = entry.GetReflection();
            const gp::Descriptor* ed = entry.GetDescriptor();
            if (i) out += ',';
            appendText(out, er->GetString(entry, ed->FindFieldByName("key")));
            out += ':';
            appendValue(er->GetMessage(entry, ed->FindFieldByName("value")), out);
        }
        out += '}';
        return true;
    }
    if (name == "ListValue") {
        const FD* values = field("values");
        out += '[';
        for (int i = 0; i < r->FieldSize(m, values); ++i) {
            if (i) out += ',';
            appendValue(r->GetRepeatedMessage(m, values, i), out);
        }
        out += ']';
        return true;
    }
    if (name == "Value") {
        const gp::OneofDescriptor* kind = d->FindOneofByName("kind");
        const FD* set = kind ? r->GetOneofFieldDescriptor(m, kind) : nullptr;
        if (!set || set->name() == "null_value")
            out += "null";
        else
            appendScalar(m, r, set, -1, out);
        return true;
    }
    if (name == "Any") { // the packed message's type may be unknown here: its bytes, as stored
        out += "{\"@type\":";
        appendText(out, r->GetString(m, field("type_url")));
        out += ",\"value\":\"";
        const std::string v = r->GetString(m, field("value"));
        out += QByteArray::fromRawData(v.data(), static_cast<qsizetype>(v.size())).toBase64();
        out += "\"}";
        return true;
    }
    return false;
}

void appendValue(const gp::Message& m, QByteArray& out)
{
    if (appendWellKnown(m, out)) return;
    const gp::Descriptor* d = m.GetDescriptor();
    const gp::Reflection* r = m.GetReflection();
    out += '{';
    bool first = true;
    for (int i = 0; i < d->field_count(); ++i) {
        const FD* f = d->field(i);
        if (f->is_repeated()) {
            const int n = r->FieldSize(m, f);
            if (!first) out += ',';
            first = false;
            appendName(out, f->name());
            if (f->is_map()) {
                const FD* key = f->message_type()->map_key();
                const FD* value = f->message_type()->map_value();
                out += '{';
                for (int k = 0; k < n; ++k) {
                    const gp::Message& entry = r->GetRepeatedMessage(m, f, k);
                    const gp::Reflection* er = entry.GetReflection();
                    if (k) out += ',';
                    if (key->cpp_type() == FD::CPPTYPE_STRING)
                        appendText(out, er->GetString(entry, key));
                    else
                        appendScalar(entry, er, key, -1, out, true);
                    out += ':';
                    appendScalar(entry, er, value, -1, out);
                }
                out += '}';
            } else {
                out += '[';
                for (int k = 0; k < n; ++k) {
                    if (k) out += ',';
                    appendScalar(m, r, f, k, out);
                }
                out += ']';
            }
            continue;
        }
        // Fields with presence (messages, oneof members, optional) only when set; proto3 scalars
        // always, with their default value.
        if (f->has_presence() && !r->HasField(m, f)) continue;
        if (!first) out += ',';
        first = false;
        appendName(out, f->name());
        appendScalar(m, r, f, -1, out);
    }
    out += '}';
}

} // namespace

void appendJson(const gp::Message& message, QByteArray& out)
{
    appendValue(message, out);
}

} // namespace rw::protobuf
