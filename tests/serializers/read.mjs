// Reads records back with Confluent's official Schema Registry deserializers
// (@confluentinc/schemaregistry), so what Rewind writes (masked records, produced records) is
// checked by code Rewind did not write.
//
//   node read.mjs <registry base URL> [descriptor set file] < records.ndjson > values.ndjson
//
// Input: envelope lines (docs/envelope.md) whose value is in the wire format, base64
// (`value_encoding: "base64"`) or text. The schema type comes from the registry. Output: one line
// per record, {"topic", "partition", "offset", "value": the deserialized value} (bytes as
// {"$bytes": hex}, 64-bit integers as strings), or {"error": text} for a record that does not read.
//
// The Protobuf deserializer asks the registry for the schema as a serialized FileDescriptorProto
// (`?format=serialized`), which the test registry (Apicurio 2.4) does not give: it answers with the
// .proto text. With a descriptor set (protoc --include_imports --descriptor_set_out) the client
// below answers those requests from it, matching files by package and first message name; the
// framing, message indexes and decoding stay Confluent's.
import {
  AvroDeserializer,
  JsonDeserializer,
  ProtobufDeserializer,
  SchemaRegistryClient,
  SerdeType,
} from '@confluentinc/schemaregistry';
import { fromBinary, toBinary } from '@bufbuild/protobuf';
import { FileDescriptorProtoSchema, FileDescriptorSetSchema } from '@bufbuild/protobuf/wkt';
import { readFileSync } from 'node:fs';

const baseURL = process.argv[2];
if (!baseURL) {
  console.error('usage: node read.mjs <registry base URL> [descriptor set file] < records.ndjson');
  process.exit(2);
}
const files = process.argv[3]
  ? fromBinary(FileDescriptorSetSchema, readFileSync(process.argv[3])).file
  : [];

function serializedFor(protoText) {
  const pkg = /^\s*package\s+([\w.]+)\s*;/m.exec(protoText)?.[1] ?? '';
  const msg = /^\s*message\s+(\w+)/m.exec(protoText)?.[1];
  const file = files.find((f) => (f.package ?? '') === pkg && f.messageType.some((m) => m.name === msg));
  if (!file) throw new Error(`no file of package '${pkg}' with message '${msg}' in the descriptor set`);
  return Buffer.from(toBinary(FileDescriptorProtoSchema, file)).toString('base64');
}

class Client extends SchemaRegistryClient {
  async getBySubjectAndId(subject, id, format) {
    const info = await super.getBySubjectAndId(subject, id, undefined);
    return this.serialized(info, format);
  }
  async getSchemaMetadata(subject, version, deleted, format) {
    const info = await super.getSchemaMetadata(subject, version, deleted, undefined);
    return this.serialized(info, format);
  }
  serialized(info, format) {
    if (format !== 'serialized' || info.schemaType !== 'PROTOBUF' || files.length === 0) return info;
    return { ...info, schema: serializedFor(info.schema) };
  }
}

const client = new Client({ baseURLs: [baseURL], maxRetries: 0 });
const conf = {};
const readers = {
  AVRO: new AvroDeserializer(client, SerdeType.VALUE, conf),
  PROTOBUF: new ProtobufDeserializer(client, SerdeType.VALUE, conf),
  JSON: new JsonDeserializer(client, SerdeType.VALUE, { validate: true }),
};

function plain(v) {
  if (typeof v === 'bigint') return v.toString();
  if (v instanceof Uint8Array) return { $bytes: Buffer.from(v).toString('hex') };
  if (Array.isArray(v)) return v.map(plain);
  if (v instanceof Map) return Object.fromEntries([...v].map(([k, x]) => [String(k), plain(x)]));
  if (v && typeof v === 'object') {
    return Object.fromEntries(
      Object.entries(v)
        .filter(([k]) => k !== '$typeName' && k !== '$unknown')
        .map(([k, x]) => [k, plain(x)]),
    );
  }
  return v;
}

const lines = readFileSync(0, 'utf8').split('\n').filter((l) => l.trim().startsWith('{'));
for (const line of lines) {
  const e = JSON.parse(line);
  if (e.value == null) continue;
  const bytes = Buffer.from(e.value, e.value_encoding === 'base64' ? 'base64' : 'utf8');
  const out = { topic: e.topic, partition: e.partition, offset: e.offset };
  try {
    if (bytes.length < 5 || bytes[0] !== 0) throw new Error('not in the wire format');
    const id = bytes.readInt32BE(1);
    const type = (await client.getBySubjectAndId(`${e.topic}-value`, id)).schemaType ?? 'AVRO';
    out.value = plain(await readers[type].deserialize(e.topic, bytes));
  } catch (err) {
    out.error = String(err?.message ?? err);
  }
  process.stdout.write(JSON.stringify(out) + '\n');
}
