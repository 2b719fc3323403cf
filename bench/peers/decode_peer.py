"""Benchmark peer for bench_decode: writes the same Avro and Protobuf payloads Rewind decodes, and
times the Python decoders people use on them (fastavro's schemaless_reader; protobuf's upb
backend ParseFromString + json_format.MessageToJson). Prints one JSON object.

    python decode_peer.py <work dir> <records> [frames]

With `frames`, only the payload files are written (no timing): bench_decode --only search.
"""
import io, json, os, random, struct, subprocess, sys, time, uuid
from decimal import Decimal

import fastavro
from google.protobuf import descriptor_pb2, descriptor_pool, json_format, message_factory
from google.protobuf.internal import api_implementation

here = os.path.dirname(os.path.abspath(__file__))
work, n = sys.argv[1], int(sys.argv[2])
frames_only = len(sys.argv) > 3 and sys.argv[3] == "frames"
rng = random.Random(42)


def record(i):
    return {
        "event_id": str(uuid.UUID(int=rng.getrandbits(128))),
        "order_id": "o-%d" % (i % 50000),
        "status": rng.choice(["CAPTURED", "CAPTURED", "CAPTURED", "FAILED", "REFUNDED"]),
        "amount": Decimal(rng.randint(100, 99999)) / 100,
        "currency": "EUR",
        "at": 1795000000000 + i * 37,
        "attempt": rng.randint(1, 5),
        "customer": {"id": "c-%d" % rng.randint(1, 9999), "email": None if i % 3 else "c%d@example.com" % i,
                     "vip": i % 7 == 0},
        "tags": ["web", "eu"] if i % 2 else ["pos"],
        "attrs": {"psp": "acme", "region": "eu-1"},
        "risk": rng.random(),
    }


def write_frames(path, payloads):
    with open(path, "wb") as f:
        for p in payloads:
            f.write(struct.pack("<I", len(p)))
            f.write(p)


def median_of(runs, fn):
    if frames_only:
        return None
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return sorted(times)[len(times) // 2]


records = [record(i) for i in range(n)]

# Avro
schema = fastavro.parse_schema(json.load(open(os.path.join(here, "payment.avsc"))))
avro = []
for r in records:
    b = io.BytesIO()
    fastavro.schemaless_writer(b, schema, r)
    avro.append(b.getvalue())
write_frames(os.path.join(work, "avro.bin"), avro)


def read_avro():
    for p in avro:
        fastavro.schemaless_reader(io.BytesIO(p), schema, None)


avro_s = median_of(3, read_avro)

# Protobuf
subprocess.run(["protoc", "-I", here, "--include_imports", "--descriptor_set_out",
                os.path.join(work, "order.desc"), "order.proto"], check=True, cwd=here)
fds = descriptor_pb2.FileDescriptorSet.FromString(open(os.path.join(work, "order.desc"), "rb").read())
pool = descriptor_pool.DescriptorPool()
for fd in fds.file:
    pool.Add(fd)
Payment = message_factory.GetMessageClass(pool.FindMessageTypeByName("shop.Payment"))
pb = []
for r in records:
    m = Payment(event_id=r["event_id"], order_id=r["order_id"], status=r["status"],
                amount_cents=int(r["amount"] * 100), currency=r["currency"], attempt=r["attempt"],
                tags=r["tags"], attrs=r["attrs"], risk=r["risk"])
    m.at.FromMilliseconds(r["at"])
    m.customer.id = r["customer"]["id"]
    m.customer.email = r["customer"]["email"] or ""
    m.customer.vip = r["customer"]["vip"]
    pb.append(m.SerializeToString())
write_frames(os.path.join(work, "pb.bin"), pb)


def read_pb():
    for p in pb:
        m = Payment()
        m.ParseFromString(p)
        json_format.MessageToJson(m, preserving_proto_field_name=True, indent=None)


pb_s = median_of(3, read_pb)
print(json.dumps({
    "records": n,
    "fastavro": {"version": fastavro.__version__, "records_per_s": round(n / avro_s) if avro_s else None},
    "python_protobuf": {"backend": api_implementation.Type(),
                        "records_per_s": round(n / pb_s) if pb_s else None},
    "avro_bytes": sum(map(len, avro)), "protobuf_bytes": sum(map(len, pb)),
}))
