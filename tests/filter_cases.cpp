// The filter conformance table (kept out of the Q_OBJECT file: moc misreads some raw strings).

#include "filter_cases.h"

std::vector<FilterCase> filterCases()
{
    std::vector<FilterCase> v;
    auto row = [&](const char* f, int rec, const char* expect) { v.push_back({f, rec, expect}); };
    // Fields
    row(R"(topic == "orders")", 0, "M");
    row(R"(topic == "payments")", 0, "N");
    row(R"(topic != "orders")", 0, "N");
    row("partition == 2", 0, "M");
    row("partition > 1", 0, "M");
    row("partition < 2", 0, "N");
    row("offset >= 100", 0, "M");
    row("offset == 101", 0, "N");
    row("offset in [1, 100, 200]", 0, "M");
    row("partition in [0, 1]", 0, "N");
    row(R"(key == "o-123")", 0, "M");
    row(R"(key.startsWith("o-"))", 0, "M");
    row(R"(key.endsWith("123"))", 0, "M");
    row(R"(key.contains("-12"))", 0, "M");
    row(R"(key.matches("^o-[0-9]+$"))", 0, "M");
    row(R"(key.matches("^x"))", 0, "N");
    row(R"(matches(key, "o-1"))", 0, "M");
    row("key == null", 0, "N");
    row(R"(value.contains("OrderCreated"))", 0, "M");
    row(R"(value.contains("PaymentFailed"))", 0, "N");
    row("size(key) == 5", 0, "M");
    row("key.size() == 5", 0, "M");
    // JSON paths
    row(R"(value.type == "OrderCreated")", 0, "M");
    row(R"(value.type != "OrderCreated")", 0, "N");
    row("value.order_id == key", 0, "M");
    row(R"(value.customer.id == "c-1042")", 0, "M");
    row(R"(value.customer.name.startsWith("Ada"))", 0, "M");
    row(R"(value.customer.email.endsWith("@example.com"))", 0, "M");
    row(R"(value.items[0].sku == "SKU-00042")", 0, "M");
    row("value.items[1].qty == 1", 0, "M");
    row(R"(value.items[2].sku == "x")", 0, "E");
    row("size(value.items) == 2", 0, "M");
    row("value.items.size() == 2", 0, "M");
    row("size(value.tags) == 0", 0, "M");
    row("size(value.customer) == 3", 0, "M");
    row("value.total_cents > 1000", 0, "M");
    row("value.total_cents == 4999", 0, "M");
    row("value.total_cents == 4999.0", 0, "M");
    row("value.price == 12.5", 0, "M");
    row("value.price > 12", 0, "M");
    row("value.price < 12.5", 0, "N");
    row("value.paid == false", 0, "M");
    row("!value.paid", 0, "M");
    row("value.paid", 0, "N");
    row("value.note == null", 0, "M");
    row("value.note != null", 0, "N");
    row("has(value.note)", 0, "M");
    row("has(value.missing)", 0, "N");
    row("has(value.customer.id)", 0, "M");
    row("has(value.customer.phone)", 0, "N");
    row("has(value.items[1])", 0, "M");
    row("has(value.items[5])", 0, "N");
    row(R"(value.missing == "x")", 0, "E");
    row(R"(value.missing == "x" || true)", 0, "M");
    row(R"(value.missing == "x" && false)", 0, "N");
    row(R"(true || value.missing == "x")", 0, "M");
    row(R"(false && value.missing == "x")", 0, "N");
    row(R"(value.missing == "x" || value.type == "OrderCreated")", 0, "M");
    row(R"(value.missing == "x" && value.type == "OrderCreated")", 0, "E");
    row(R"(value.type == "Nope" && value.missing == "x")", 0, "N");
    row("value.unicode == \"Zo\xc3\xab\"", 0, "M");
    row("size(value.unicode) == 3", 0, "M");
    row(R"(value["type"] == "OrderCreated")", 0, "M");
    row(R"(value["customer"]["id"] == "c-1042")", 0, "M");
    row(R"(value.type in ["OrderCreated", "OrderPaid"])", 0, "M");
    row(R"(value.type in ["OrderPaid"])", 0, "N");
    row("value.total_cents in [4999, 5000]", 0, "M");
    row(R"(value.customer == "x")", 0, "E");
    row(R"(value.total_cents == "4999")", 0, "E");
    row(R"(value.total_cents > "a")", 0, "E");
    row("value.type > 5", 0, "E");
    row("value.items == 2", 0, "E");
    // Headers
    row(R"(headers["trace_id"] == "abc123")", 0, "M");
    row(R"(headers.trace_id == "abc123")", 0, "M");
    row(R"(headers["content-type"] == "application/json")", 0, "M");
    row(R"("trace_id" in headers)", 0, "M");
    row(R"("nope" in headers)", 0, "N");
    row("has(headers.trace_id)", 0, "M");
    row("has(headers.nope)", 0, "N");
    row(R"(headers.nope == "x")", 0, "E");
    row(R"(headers.dup == "1")", 0, "M");
    row("headers.nullh == null", 0, "M");
    row("size(headers) == 6", 0, "M");
    row(R"(headers.source.startsWith("checkout"))", 0, "M");
    // Time
    row(R"(timestamp == timestamp("2026-11-19T03:17:00Z"))", 0, "M");
    row(R"(timestamp > "2026-11-19T03:00:00Z")", 0, "M");
    row(R"(timestamp < "2026-11-19T03:00:00Z")", 0, "N");
    row(R"(timestamp >= "2026-11-19T03:17:00Z" && timestamp < "2026-11-19T03:18:00Z")", 0, "M");
    row(R"(timestamp > now - duration("2h"))", 0, "M");
    row(R"(timestamp > now - duration("30m"))", 0, "N");
    row("timestamp < now", 0, "M");
    row(R"(now - timestamp > duration("59m"))", 0, "M");
    row(R"(now - timestamp < duration("59m"))", 0, "N");
    row(R"(timestamp + duration("1h") == now)", 0, "M");
    row(R"(timestamp > "2026-11-19T04:17:00+01:00")", 0, "N");
    row(R"(timestamp >= "2026-11-19T04:17:00+01:00")", 0, "M");
    row(R"(timestamp in ["2026-11-19T03:17:00Z"])", 0, "M");
    row(R"(duration("1h") > duration("30m"))", 0, "M");
    row("timestamp == 1795058220000", 0, "C11");
    row(R"(timestamp > "yesterday")", 0, "C13");
    // Arithmetic
    row("offset + 1 == 101", 0, "M");
    row("offset * 2 == 200", 0, "M");
    row("offset / 3 == 33", 0, "M");
    row("offset % 7 == 2", 0, "M");
    row("offset / 0 == 1", 0, "E");
    row("value.total_cents / 100 == 49", 0, "M");
    row("value.total_cents * 2 > 9000", 0, "M");
    row("value.price * 2 == 25", 0, "M");
    row("-offset < 0", 0, "M");
    row("9223372036854775807 + 1 > 0", 0, "E");
    row(R"("a" + "b" == "ab")", 0, "M");
    row(R"(key + "!" == "o-123!")", 0, "M");
    row("partition == 2.0", 0, "M");
    row("int(value.price) == 12", 0, "M");
    row("double(value.total_cents) == 4999.0", 0, "M");
    row(R"(int("42") == 42)", 0, "M");
    row("int(value.customer.name) == 1", 0, "E");
    row(R"(string(partition) == "2")", 0, "M");
    row(R"(string(value.total_cents) == "4999")", 0, "M");
    row("partition == 2 ? true : false", 0, "M");
    row(R"((partition == 2 ? "a" : "b") == "a")", 0, "M");
    // Logic
    row("!(partition == 2)", 0, "N");
    row("!!(partition == 2)", 0, "M");
    row(R"(partition == 2 && offset == 100 && topic == "orders")", 0, "M");
    row("partition == 1 || offset == 100", 0, "M");
    row(R"((partition == 1 || offset == 99) && topic == "orders")", 0, "N");
    // Another record: the payment, whose amount is a string
    row(R"(value.error_code == "gateway_timeout")", 1, "M");
    row("value.attempt >= 3", 1, "M");
    row("value.amount_cents == 4999", 1, "E");
    row("int(value.amount_cents) == 4999", 1, "M");
    row(R"(value.amount_cents == "4999")", 1, "M");
    row(R"(value.customer.id == "c-1042")", 1, "E");
    row(R"(has(value.customer) ? value.customer.id == "x" : true)", 1, "M");
    row(R"(headers.source == "payment-service")", 1, "M");
    row(R"(topic == "payments" && key == "o-123")", 1, "M");
    // Binary value that is not JSON, null key
    row(R"(value.type == "x")", 2, "E");
    row("has(value.type)", 2, "E");
    row(R"(value.contains("not json"))", 2, "M");
    row("key == null", 2, "M");
    row("key != null", 2, "N");
    row(R"(key.startsWith("o"))", 2, "E");
    row("size(headers) == 0", 2, "M");
    row(R"("x" in headers)", 2, "N");
    row(R"(text("NOT JSON"))", 2, "N"); // text() reads UTF-8 only, like the index; this value is binary
    row(R"(value.contains("not json"))", 2, "M");
    // Tombstone
    row("value == null", 3, "M");
    row("value != null", 3, "N");
    row(R"(value.type == "x")", 3, "E");
    row("has(value.type)", 3, "N");
    row(R"(text("o-9"))", 3, "M");
    // Full-text term
    row(R"(text("refund"))", 0, "N");
    row(R"(text("ada lovelace"))", 0, "M");
    row(R"(text("CHECKOUT"))", 0, "M");
    // Strings and literals
    row(R"(r"a\d" == "a\\d")", 0, "M");
    row("\"a\\u00e9\" == \"a\xc3\xa9\"", 0, "M");
    row(R"(key.matches(r"^o-\d{3}$"))", 0, "M");
    row(R"(value.type.matches("^Order(Created|Paid)$"))", 0, "M");
    row("0x10 == 16", 0, "M");
    row(R"(timestamp - timestamp > duration("1h"))", 0, "N");
    // Compile errors, with the column that is wrong
    row("", 0, "C1");
    row("partition ==", 0, "C13");
    row("partition = 2", 0, "C11");
    row("partition == 2 &&", 0, "C18");
    row(R"(partition == "2")", 0, "C11");
    row("topic > 5", 0, "C7");
    row("foo == 1", 0, "C1");
    row("value.type == 'unterminated", 0, "C15");
    row("size()", 0, "C1");
    row("frobnicate(key)", 0, "C1");
    row(R"(key.frob("x"))", 0, "C5");
    row(R"(key.matches("("))", 0, "C13");
    row("partition & 1", 0, "C11");
    row("(partition == 2", 0, "C16");
    row("partition == 2)", 0, "C15");
    row("partition", 0, "C1");
    row(R"("abc")", 0, "C1");
    row(R"(duration("2x") > duration("1h"))", 0, "C10");
    row(R"(timestamp("not a time") < now)", 0, "C11");
    row("partition in 5", 0, "C14");
    row(R"(partition in ["a"])", 0, "C15");
    row("key.contains(5)", 0, "C14");
    row("has(partition)", 0, "C5");
    row("!partition", 0, "C2");
    row("partition && true", 0, "C1");
    row("value.items[-1] == 1", 0, "C13");
    row(R"(value.type == "x" value.type == "y")", 0, "C19");
    row("1 +", 0, "C4");
    row("timestamp + timestamp > now", 0, "C11");
    row(R"(offset + "x" == "y")", 0, "C8");
    row("offset == 1 == true", 0, "N"); // CEL relations chain left to right: (offset == 1) == true
    row("value..type == 1", 0, "C7");
    row("headers == 1", 0, "C9");
    row("[1, 2] == 1", 0, "C8");
    row("3m > 2", 0, "C2");
    return v;
}
