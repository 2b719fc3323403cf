// Writes test records with Confluent's official Schema Registry serializers
// (@confluentinc/schemaregistry), so Rewind's decoders are tested on bytes they did not make.
//
//   node write.mjs <registry base URL> < plan.json > records.ndjson
//
// plan.json: {"steps": [{"topic", "format": "avro"|"protobuf"|"json", "schema": text,
//   "references": [{"name", "subject", "version", "schema"}]?, "messageType": "pkg.Msg"?,
//   "keyFormat": same as format?, "keySchema": text?,
//   "records": [{"key": JSON|string, "value": JSON, "timestamp": ms, "partition": n}]}]}
// Each step registers its schema under "<topic>-value" (a new version when the subject has one)
// and serializes its records with it. {"$bytes": "hex"} in a value stands for a Buffer (Avro
// bytes and fixed). Output: one envelope line (docs/envelope.md) per record, value in base64;
// then a last line {"ids": {...}} with the schema id each step got.
import {
  AvroSerializer,
  JsonSerializer,
  ProtobufSerializer,
  SchemaRegistryClient,
  SerdeType,
} from '@confluentinc/schemaregistry';
import { create, fromJson } from '@bufbuild/protobuf';
import { readFileSync } from 'node:fs';

const baseURL = process.argv[2];
if (!baseURL) {
  console.error('usage: node write.mjs <registry base URL> < plan.json');
  process.exit(2);
}
const plan = JSON.parse(readFileSync(0, 'utf8'));
// A client per step: the client caches "latest version" answers, and each step's schema must
// be the latest when its records are written.
let client = null;

const types = { avro: 'AVRO', protobuf: 'PROTOBUF', json: 'JSON' };

function revive(v) {
  if (Array.isArray(v)) return v.map(revive);
  if (v && typeof v === 'object') {
    if (typeof v.$bytes === 'string' && Object.keys(v).length === 1) return Buffer.from(v.$bytes, 'hex');
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, revive(x)]));
  }
  return v;
}

async function serializer(format, serdeType) {
  const conf = { useLatestVersion: true, autoRegisterSchemas: false };
  if (format === 'avro') return new AvroSerializer(client, serdeType, conf);
  if (format === 'json') return new JsonSerializer(client, serdeType, { ...conf, validate: true });
  if (format === 'protobuf') return new ProtobufSerializer(client, serdeType, conf);
  throw new Error(`unknown format ${format}`);
}

// A Protobuf message must be a message object of the schema's type: the serializer's own
// registry of file descriptors gives the type by name once the schema is registered.
async function protobufMessage(ser, topic, typeName, value) {
  const info = await client.getLatestSchemaMetadata(`${topic}-value`);
  const fd = await ser.toFileDesc(client, info);
  const desc = fd.messages.find((m) => m.typeName === typeName) ??
    fd.messages.flatMap((m) => m.nestedMessages).find((m) => m.typeName === typeName);
  if (!desc) throw new Error(`no message ${typeName} in the schema`);
  return create(desc, fromJson(desc, value));
}

const ids = {};
for (const [i, step] of plan.steps.entries()) {
  client = new SchemaRegistryClient({ baseURLs: [baseURL], maxRetries: 0 });
  const subject = `${step.topic}-value`;
  for (const ref of step.references ?? []) {
    await client.register(ref.subject, { schemaType: types[step.format], schema: ref.schema });
  }
  const references = (step.references ?? []).map((r) => ({ name: r.name, subject: r.subject, version: r.version }));
  const id = await client.register(subject, { schemaType: types[step.format], schema: step.schema, references });
  ids[`${i}`] = id;
  const ser = await serializer(step.format, SerdeType.VALUE);
  let keySer = null;
  if (step.keyFormat) {
    await client.register(`${step.topic}-key`, { schemaType: types[step.keyFormat], schema: step.keySchema });
    keySer = await serializer(step.keyFormat, SerdeType.KEY);
  }
  for (const r of step.records) {
    const value = step.format === 'protobuf'
      ? await protobufMessage(ser, step.topic, step.messageType, r.value)
      : revive(r.value);
    const bytes = await ser.serialize(step.topic, value);
    const line = { topic: step.topic, partition: r.partition ?? 0, value: bytes.toString('base64'), value_encoding: 'base64' };
    if (r.timestamp !== undefined) line.timestamp = r.timestamp;
    if (r.key !== undefined) {
      if (keySer) {
        line.key = (await keySer.serialize(step.topic, revive(r.key))).toString('base64');
        line.key_encoding = 'base64';
      } else {
        line.key = String(r.key);
      }
    }
    process.stdout.write(JSON.stringify(line) + '\n');
  }
}
process.stdout.write(JSON.stringify({ ids }) + '\n');
