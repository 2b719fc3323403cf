#pragma once
// Test data of tst_schemas: JSON texts kept out of the test file, whose raw string literals
// Qt's moc cannot read.

#include <QByteArray>

namespace rw::test {

inline const char* raw(int i)
{
    static const char* texts[] = {
        R"({"type":"record","name":"Payment","namespace":"shop","fields":[
            {"name":"order_id","type":"string"},
            {"name":"amount","type":{"type":"bytes","logicalType":"decimal","precision":10,"scale":2}},
            {"name":"status","type":{"type":"enum","name":"Status","symbols":["CAPTURED","FAILED"]}},
            {"name":"at","type":{"type":"long","logicalType":"timestamp-millis"}},
            {"name":"day","type":{"type":"int","logicalType":"date"}},
            {"name":"id","type":{"type":"string","logicalType":"uuid"}},
            {"name":"tags","type":{"type":"array","items":"string"}},
            {"name":"attrs","type":{"type":"map","values":"long"}},
            {"name":"card","type":["null",{"type":"record","name":"Card","fields":[{"name":"last4","type":"string"},{"name":"fp","type":{"type":"fixed","name":"Fp","size":4}}]}],"default":null},
            {"name":"ratio","type":"double"},
            {"name":"ok","type":"boolean"}]})",
        R"({"name":"ok","type":"boolean"}])",
        R"({"name":"ok","type":"boolean"},{"name":"channel","type":"string","default":"web"}])",
        R"({"key":"o-)",
        R"(","timestamp":)",
        R"(,"value":{"order_id":"o-)",
        R"(","amount":{"$bytes":"3039"},"status":")",
        R"(","at":1795000000239,"day":20409,"id":"2f1b6a2e-6a0f-4f3e-9d5c-0b4c2e8a9f10","tags":["a","b\n\"c"],"attrs":{"tries":3},"card":)",
        R"({"last4":"4242","fp":{"$bytes":"deadbeef"}})",
        R"(,"ratio":-0.5,"ok":true)",
        R"({"steps":[{"topic":")",
        R"(","format":"avro","schema":)",
        R"(,"records":[)",
        R"(}}]},{"topic":")",
        R"(","format":"avro","schema":)",
        R"(,"records":[)",
        R"(,"channel":"pos"}}]}]})",
        R"({"order_id":"o-1","amount":123.45,"status":"CAPTURED","at":"2026-11-18T11:06:40.239Z",)",
        R"("day":"2025-11-17","id":"2f1b6a2e-6a0f-4f3e-9d5c-0b4c2e8a9f10","tags":["a","b\n\"c"],)",
        R"("attrs":{"tries":3},"card":{"last4":"4242","fp":"0xdeadbeef"},"ratio":-0.5,"ok":true})",
        R"("card":null)",
        R"("ok":true,"channel":"pos"})",
        R"(value.status == "FAILED" && value.card.last4 == "4242")",
        R"({"type":"record","name":"R","fields":[{"name":"s","type":"string"},{"name":"n","type":"long"},{"name":"l","type":{"type":"array","items":"int"}},{"name":"e","type":{"type":"enum","name":"E","symbols":["X","Y"]}}]})",
        R"({"steps":[{"topic":")",
        R"(","format":"avro","schema":)",
        R"(,"records":[{"value":{"s":"héllo","n":-1234567890123,"l":[1,-2,300],"e":"Y"}}]}]})",
        R"({"type":"record","name":"B","fields":[{"name":"s","type":"string"},{"name":"xs","type":{"type":"array","items":"null"}}]})",
        R"({"steps":[{"topic":")",
        R"(","format":"avro","schema":)",
        R"(,"records":[{"value":{"s":"fine","xs":[null]}}]}]})",
        R"({"s":"fine","xs":[null]})",
        R"({"type":"record","name":"R","fields":[{"name":"x","type":"Nope"}]})",
        R"({"type":"array","items":)",
        R"({"type":"record","name":"L","fields":[{"name":"next","type":["null","L"]}]})",
    };
    return texts[i];
}

} // namespace rw::test
