// libFuzzer target: the filter compiler and evaluator on arbitrary input. The first line is the
// filter; the rest is the record's value (and its first 64 bytes the key). Evaluating with and
// without the raw-byte prefilter must give the same outcome. Any crash, sanitizer report,
// hang or unbounded memory is a bug: hostile filter text and hostile data must only ever give
// errors.

#include "filter.h"
#include "header_codec.h"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const QByteArrayView all(reinterpret_cast<const char*>(data), static_cast<qsizetype>(size));
    const qsizetype nl = all.indexOf('\n');
    const QByteArrayView filterText = nl < 0 ? all : all.first(nl);
    const QByteArrayView rest = nl < 0 ? QByteArrayView() : all.sliced(nl + 1);
    auto f = rw::Filter::compile(QString::fromUtf8(filterText), 1795058220000);
    if (!f) return 0;
    static const QString topic = QStringLiteral("orders");
    const QByteArray headers = rw::encodeHeaders({{"trace_id", QByteArray("abc")}, {"x", std::nullopt}});
    const QByteArray key = rest.toByteArray().left(64);
    rw::FilterInput in;
    in.topic = &topic;
    in.partition = 3;
    in.offset = 42;
    in.timestamp = 1795058220000;
    in.keyNull = false;
    in.key = key;
    in.valueNull = false;
    in.value = rest;
    in.headersBlob = headers;
    // The prefilter (FilterInput::needErrorText false: an absent field's name is looked for in
    // the bytes before any parse) must give the outcome the full evaluation gives, always.
    const auto full = f->evaluate(in);
    in.needErrorText = false;
    if (f->evaluate(in).outcome != full.outcome) __builtin_trap();
    in.needErrorText = true;
    in.valueNull = true;
    in.value = {};
    in.headersBlob = rest; // arbitrary bytes as a header block: must be rejected, not trusted
    (void)f->evaluate(in);
    return 0;
}
