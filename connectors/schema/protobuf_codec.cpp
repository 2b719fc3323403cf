#include "protobuf_codec.h"

#include "protobuf_json.h"

#include <QStringList>

#include <google/protobuf/compiler/parser.h>
#include <google/protobuf/descriptor.h>
#include <google/protobuf/descriptor.pb.h>
#include <google/protobuf/dynamic_message.h>
#include <google/protobuf/io/coded_stream.h>
#include <google/protobuf/io/tokenizer.h>
#include <google/protobuf/io/zero_copy_stream_impl_lite.h>
#include <google/protobuf/stubs/logging.h>
#include <google/protobuf/util/json_util.h>

#include <mutex>

namespace rw::protobuf {

namespace gp = google::protobuf;

namespace {

constexpr int kRecursionLimit = 64;         // nested messages in one record
constexpr qint64 kMaxSchemaBytes = 4 << 20; // one .proto or descriptor set
constexpr int kMaxIndexes = 64;             // message-index path length

class TextErrors final : public gp::io::ErrorCollector {
public:
    void AddError(int line, gp::io::ColumnNumber column, const std::string& message) override
    {
        if (text.isEmpty())
            text = QStringLiteral("line %1, column %2: %3")
                       .arg(line + 1)
                       .arg(column + 1)
                       .arg(QString::fromStdString(message));
    }
    QString text;
};

class PoolErrors final : public gp::DescriptorPool::ErrorCollector {
public:
    void AddError(const std::string& file, const std::string& element, const gp::Message*, ErrorLocation,
                  const std::string& message) override
    {
        if (text.isEmpty())
            text = QStringLiteral("%1: %2: %3")
                       .arg(QString::fromStdString(file), QString::fromStdString(element),
                            QString::fromStdString(message));
    }
    QString text;
};

// Confluent's message-index list: zigzag varints, count first; count 0 stands for [0].
bool readVarint(const uchar*& p, const uchar* end, quint64& v)
{
    v = 0;
    for (int shift = 0; shift < 64; shift += 7) {
        if (p >= end) return false;
        const uchar b = *p++;
        v |= quint64(b & 0x7f) << shift;
        if (!(b & 0x80)) return true;
    }
    return false;
}

qint64 unzigzag(quint64 v)
{
    return static_cast<qint64>((v >> 1) ^ (~(v & 1) + 1));
}

// Message indexes count the messages declared in the schema: the entry types protoc makes for
// map fields are not among them (Confluent's serializers skip them too).
int declaredNestedCount(const gp::Descriptor* d)
{
    int n = 0;
    for (int i = 0; i < d->nested_type_count(); ++i)
        if (!d->nested_type(i)->options().map_entry()) ++n;
    return n;
}

const gp::Descriptor* declaredNested(const gp::Descriptor* d, int index)
{
    for (int i = 0; i < d->nested_type_count(); ++i)
        if (!d->nested_type(i)->options().map_entry() && index-- == 0) return d->nested_type(i);
    return nullptr;
}

} // namespace

struct Schema::Impl {
    gp::DescriptorPool pool{gp::DescriptorPool::generated_pool()};
    const gp::FileDescriptor* file = nullptr;
    mutable gp::DynamicMessageFactory factory{&pool};

    Impl()
    {
        // libprotobuf logs each string field that is not UTF-8 to stderr; the error reaches the
        // caller as a value instead (one line per hostile record would flood a terminal).
        static std::once_flag quiet;
        std::call_once(quiet,
                       [] { gp::SetLogHandler([](gp::LogLevel, const char*, int, const std::string&) {}); });
        factory.SetDelegateToGeneratedFactory(false);
    }

    Result<const gp::FileDescriptor*> build(const QString& name, QByteArrayView text)
    {
        if (text.size() > kMaxSchemaBytes)
            return makeError(ErrorCode::InvalidArgument, QStringLiteral("%1 is larger than 4 MB").arg(name));
        gp::io::ArrayInputStream in(text.data(), static_cast<int>(text.size()));
        TextErrors errors;
        gp::io::Tokenizer tokens(&in, &errors);
        gp::compiler::Parser parser;
        parser.RecordErrorsTo(&errors);
        gp::FileDescriptorProto proto;
        if (!parser.Parse(&tokens, &proto) || !errors.text.isEmpty())
            return makeError(ErrorCode::Parse,
                             QStringLiteral("%1 is not a valid .proto: %2").arg(name, errors.text));
        proto.set_name(name.toStdString());
        PoolErrors poolErrors;
        const gp::FileDescriptor* f = pool.BuildFileCollectingErrors(proto, &poolErrors);
        if (!f)
            return makeError(ErrorCode::Parse,
                             QStringLiteral("%1 does not build: %2").arg(name, poolErrors.text));
        return f;
    }

    Result<void> print(const gp::Descriptor* type, QByteArrayView payload, QByteArray& out) const
    {
        auto m = parseMessage(type, payload);
        if (!m) return m.error();
        appendJson(*m.value(), out);
        return {};
    }

    Result<std::unique_ptr<gp::Message>> parseMessage(const gp::Descriptor* type,
                                                      QByteArrayView payload) const
    {
        std::unique_ptr<gp::Message> m(factory.GetPrototype(type)->New());
        gp::io::CodedInputStream in(reinterpret_cast<const uint8_t*>(payload.data()),
                                    static_cast<int>(payload.size()));
        in.SetRecursionLimit(kRecursionLimit);
        if (!m->MergePartialFromCodedStream(&in) || !in.ConsumedEntireMessage())
            return makeError(
                ErrorCode::Parse,
                QStringLiteral("Protobuf: the payload is not a valid %1 (truncated, wrong wire type or "
                               "nested deeper than %2)")
                    .arg(QString::fromStdString(type->full_name()))
                    .arg(kRecursionLimit));
        return m;
    }

    // Appends the message masked and encoded again; false (nothing appended) when no path matched.
    Result<bool> mask(const gp::Descriptor* type, QByteArrayView payload, MaskPaths& paths,
                      QByteArray& out) const;
};

Schema::Schema(std::unique_ptr<Impl> impl) : d(std::move(impl)) {}
Schema::~Schema() = default;

Result<std::shared_ptr<const Schema>> Schema::parse(QByteArrayView proto,
                                                    const std::vector<SourceFile>& imports)
{
    auto impl = std::make_unique<Impl>();
    for (const SourceFile& f : imports) {
        if (impl->pool.FindFileByName(f.name.toStdString())) continue; // the same file twice
        if (auto r = impl->build(f.name, f.text); !r) return r.error();
    }
    auto main = impl->build(QStringLiteral("schema.proto"), proto);
    if (!main) return main.error();
    impl->file = main.value();
    if (impl->file->message_type_count() == 0)
        return makeError(ErrorCode::Parse, QStringLiteral("the .proto defines no message"));
    return std::shared_ptr<const Schema>(new Schema(std::move(impl)));
}

Result<std::shared_ptr<const Schema>> Schema::fromDescriptorSet(QByteArrayView bytes)
{
    if (bytes.size() > kMaxSchemaBytes)
        return makeError(ErrorCode::InvalidArgument,
                         QStringLiteral("the descriptor set is larger than 4 MB"));
    gp::FileDescriptorSet set;
    if (!set.ParseFromArray(bytes.data(), static_cast<int>(bytes.size())) || set.file_size() == 0)
        return makeError(ErrorCode::Parse,
                         QStringLiteral("not a Protobuf descriptor set (protoc --descriptor_set_out)"));
    auto impl = std::make_unique<Impl>();
    for (const gp::FileDescriptorProto& fp : set.file()) {
        if (impl->pool.FindFileByName(fp.name())) continue; // a well-known type, or twice
        PoolErrors errors;
        const gp::FileDescriptor* f = impl->pool.BuildFileCollectingErrors(fp, &errors);
        if (!f)
            return makeError(ErrorCode::Parse,
                             QStringLiteral("the descriptor set does not build: %1").arg(errors.text));
        impl->file = f; // the last file: protoc lists dependencies first
    }
    if (!impl->file || impl->file->message_type_count() == 0)
        return makeError(ErrorCode::Parse, QStringLiteral("the descriptor set defines no message"));
    return std::shared_ptr<const Schema>(new Schema(std::move(impl)));
}

namespace {

struct Framed {
    const gp::Descriptor* type = nullptr;
    qsizetype payloadAt = 0; // where the message begins, after the indexes
};

Result<Framed> framedType(const gp::FileDescriptor* file, QByteArrayView bytes)
{
    const auto* p = reinterpret_cast<const uchar*>(bytes.data());
    const uchar* end = p + bytes.size();
    quint64 raw = 0;
    if (!readVarint(p, end, raw))
        return makeError(ErrorCode::Parse, QStringLiteral("Protobuf: the message indexes are truncated"));
    const qint64 count = unzigzag(raw);
    std::vector<qint64> path;
    if (count == 0) path.push_back(0);
    if (count < 0 || count > kMaxIndexes)
        return makeError(ErrorCode::Parse, QStringLiteral("Protobuf: %1 message indexes").arg(count));
    for (qint64 i = 0; i < count; ++i) {
        if (!readVarint(p, end, raw))
            return makeError(ErrorCode::Parse, QStringLiteral("Protobuf: the message indexes are truncated"));
        path.push_back(unzigzag(raw));
    }
    const gp::Descriptor* type = nullptr;
    for (size_t i = 0; i < path.size(); ++i) {
        const qint64 n = path[i];
        const int available = i == 0 ? file->message_type_count() : declaredNestedCount(type);
        if (n < 0 || n >= available)
            return makeError(
                ErrorCode::Parse,
                QStringLiteral("Protobuf: the schema has no message at index %1 (path %2)").arg(n).arg(i));
        type = i == 0 ? file->message_type(static_cast<int>(n)) : declaredNested(type, static_cast<int>(n));
    }
    return Framed{type, p - reinterpret_cast<const uchar*>(bytes.data())};
}

// What a masked field becomes (the rules in the header). A field that holds nothing (unset, or
// an implicit field at its default) stays so: there is nothing to hide, and a oneof keeps its case.
void standIn(gp::Message& msg, const gp::FieldDescriptor* fd, int depth)
{
    const gp::Reflection* ref = msg.GetReflection();
    if (fd->is_repeated()) {
        ref->ClearField(&msg, fd);
        return;
    }
    if (!ref->HasField(msg, fd)) return;
    switch (fd->cpp_type()) {
    case gp::FieldDescriptor::CPPTYPE_STRING:
        ref->SetString(&msg, fd, kMaskedText);
        return;
    case gp::FieldDescriptor::CPPTYPE_MESSAGE: {
        if (depth > kRecursionLimit) {
            ref->ClearField(&msg, fd);
            return;
        }
        gp::Message* sub = ref->MutableMessage(&msg, fd);
        const gp::Descriptor* d = sub->GetDescriptor();
        for (int f = 0; f < d->field_count(); ++f)
            standIn(*sub, d->field(f), depth + 1);
        return;
    }
    default:
        ref->ClearField(&msg, fd);
        return;
    }
}

QByteArray mapKeyText(const gp::Message& entry, const gp::FieldDescriptor* key)
{
    const gp::Reflection* ref = entry.GetReflection();
    switch (key->cpp_type()) {
    case gp::FieldDescriptor::CPPTYPE_STRING:
        return QByteArray::fromStdString(ref->GetString(entry, key));
    case gp::FieldDescriptor::CPPTYPE_INT32:
        return QByteArray::number(ref->GetInt32(entry, key));
    case gp::FieldDescriptor::CPPTYPE_INT64:
        return QByteArray::number(static_cast<qlonglong>(ref->GetInt64(entry, key)));
    case gp::FieldDescriptor::CPPTYPE_UINT32:
        return QByteArray::number(ref->GetUInt32(entry, key));
    case gp::FieldDescriptor::CPPTYPE_UINT64:
        return QByteArray::number(static_cast<qulonglong>(ref->GetUInt64(entry, key)));
    case gp::FieldDescriptor::CPPTYPE_BOOL:
        return ref->GetBool(entry, key) ? QByteArrayLiteral("true") : QByteArrayLiteral("false");
    default:
        return {};
    }
}

void maskMessage(gp::Message& msg, MaskPaths& paths, const std::vector<std::pair<int, int>>& active,
                 bool& changed, int depth)
{
    if (active.empty() || depth > kRecursionLimit) return;
    const gp::Reflection* ref = msg.GetReflection();
    const gp::Descriptor* d = msg.GetDescriptor();
    std::vector<std::pair<int, int>> next, below;
    for (int f = 0; f < d->field_count(); ++f) {
        const gp::FieldDescriptor* fd = d->field(f);
        if (paths.step(active, QByteArray::fromStdString(fd->name()), next)) {
            standIn(msg, fd, depth + 1);
            changed = true;
            continue;
        }
        if (next.empty()) continue;
        if (fd->is_map()) {
            const gp::FieldDescriptor* key = fd->message_type()->map_key();
            const gp::FieldDescriptor* value = fd->message_type()->map_value();
            for (int i = 0; i < ref->FieldSize(msg, fd); ++i) {
                gp::Message* entry = ref->MutableRepeatedMessage(&msg, fd, i);
                if (paths.step(next, mapKeyText(*entry, key), below)) {
                    standIn(*entry, value, depth + 1);
                    changed = true;
                } else if (!below.empty() && value->cpp_type() == gp::FieldDescriptor::CPPTYPE_MESSAGE) {
                    maskMessage(*entry->GetReflection()->MutableMessage(entry, value), paths,
                                std::vector<std::pair<int, int>>(below), changed, depth + 1);
                }
            }
        } else if (fd->cpp_type() == gp::FieldDescriptor::CPPTYPE_MESSAGE) {
            const std::vector<std::pair<int, int>> open = next;
            if (fd->is_repeated()) {
                for (int i = 0; i < ref->FieldSize(msg, fd); ++i)
                    maskMessage(*ref->MutableRepeatedMessage(&msg, fd, i), paths, open, changed, depth + 1);
            } else if (ref->HasField(msg, fd)) {
                maskMessage(*ref->MutableMessage(&msg, fd), paths, open, changed, depth + 1);
            }
        }
    }
}

} // namespace

Result<void> Schema::decodeFramed(QByteArrayView bytes, QByteArray& out, QString* messageName) const
{
    auto framed = framedType(d->file, bytes);
    if (!framed) return framed.error();
    if (messageName) *messageName = QString::fromStdString(framed->type->full_name());
    return d->print(framed->type, bytes.sliced(framed->payloadAt), out);
}

Result<bool> Schema::maskFramed(QByteArrayView bytes, MaskPaths& paths, QByteArray& out) const
{
    auto framed = framedType(d->file, bytes);
    if (!framed) return framed.error();
    QByteArray masked = bytes.first(framed->payloadAt).toByteArray();
    auto r = d->mask(framed->type, bytes.sliced(framed->payloadAt), paths, masked);
    if (!r || !r.value()) return r;
    out.append(masked);
    return true;
}

Result<bool> Schema::mask(QByteArrayView payload, const QString& messageType, MaskPaths& paths,
                          QByteArray& out) const
{
    const gp::Descriptor* type = messageType.isEmpty()
                                     ? d->file->message_type(0)
                                     : d->pool.FindMessageTypeByName(messageType.toStdString());
    if (!type)
        return makeError(ErrorCode::NotFound,
                         QStringLiteral("Protobuf: no message type '%1' in the schema").arg(messageType));
    return d->mask(type, payload, paths, out);
}

Result<void> Schema::decode(QByteArrayView payload, const QString& messageType, QByteArray& out) const
{
    const gp::Descriptor* type = messageType.isEmpty()
                                     ? d->file->message_type(0)
                                     : d->pool.FindMessageTypeByName(messageType.toStdString());
    if (!type)
        return makeError(ErrorCode::NotFound,
                         QStringLiteral("Protobuf: no message type '%1' in the schema").arg(messageType));
    return d->print(type, payload, out);
}

} // namespace rw::protobuf

namespace rw::protobuf {

Result<bool> Schema::Impl::mask(const gp::Descriptor* type, QByteArrayView payload, MaskPaths& paths,
                                QByteArray& out) const
{
    auto m = parseMessage(type, payload);
    if (!m) return m.error();
    bool changed = false;
    maskMessage(*m.value(), paths, paths.all(), changed, 0);
    if (!changed) return false;
    std::string bytes;
    if (!m.value()->SerializePartialToString(&bytes))
        return makeError(ErrorCode::Internal, QStringLiteral("Protobuf: the masked %1 could not be encoded")
                                                  .arg(QString::fromStdString(type->full_name())));
    out.append(bytes.data(), static_cast<qsizetype>(bytes.size()));
    return true;
}

} // namespace rw::protobuf

namespace rw::protobuf {

Result<void> Schema::encodeFramed(QByteArrayView json, const QString& messageType, QByteArray& out) const
{
    const gp::Descriptor* type = messageType.isEmpty()
                                     ? d->file->message_type(0)
                                     : d->pool.FindMessageTypeByName(messageType.toStdString());
    if (!type)
        return makeError(ErrorCode::NotFound,
                         QStringLiteral("Protobuf: no message type '%1' in the schema").arg(messageType));
    // The message indexes: the path from the file's messages down to the type, each index among
    // the declared nested messages (map entries are not counted).
    std::vector<int> path;
    for (const gp::Descriptor* t = type; t; t = t->containing_type()) {
        const gp::Descriptor* parent = t->containing_type();
        int index = 0;
        if (parent) {
            for (int i = 0, k = 0; i < parent->nested_type_count(); ++i) {
                if (parent->nested_type(i)->options().map_entry()) continue;
                if (parent->nested_type(i) == t) index = k;
                ++k;
            }
        } else {
            index = t->index();
        }
        path.insert(path.begin(), index);
    }
    if (type->file() != d->file)
        return makeError(ErrorCode::InvalidArgument,
                         QStringLiteral("Protobuf: %1 is declared in %2, not in the subject's schema")
                             .arg(QString::fromStdString(type->full_name()),
                                  QString::fromStdString(type->file()->name())));
    std::unique_ptr<gp::Message> m(d->factory.GetPrototype(type)->New());
    gp::util::JsonParseOptions options;
    options.ignore_unknown_fields = false;
    const auto status = gp::util::JsonStringToMessage(
        std::string(json.data(), static_cast<size_t>(json.size())), m.get(), options);
    if (!status.ok())
        return makeError(ErrorCode::Parse, QStringLiteral("Protobuf %1: %2")
                                               .arg(QString::fromStdString(type->full_name()),
                                                    QString::fromStdString(std::string(status.message()))));
    std::string bytes;
    if (!m->SerializeToString(&bytes))
        return makeError(ErrorCode::Parse, QStringLiteral("Protobuf %1: required fields are missing")
                                               .arg(QString::fromStdString(type->full_name())));
    const auto zigzag = [&](qint64 v) {
        quint64 z = (static_cast<quint64>(v) << 1) ^ static_cast<quint64>(v >> 63);
        while (z >= 0x80) {
            out += static_cast<char>((z & 0x7f) | 0x80);
            z >>= 7;
        }
        out += static_cast<char>(z);
    };
    if (path.size() == 1 && path[0] == 0) {
        out += '\0';
    } else {
        zigzag(static_cast<qint64>(path.size()));
        for (int i : path)
            zigzag(i);
    }
    out.append(bytes.data(), static_cast<qsizetype>(bytes.size()));
    return {};
}

} // namespace rw::protobuf
