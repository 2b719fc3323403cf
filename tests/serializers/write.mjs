// Writes test records with Confluent's official Schema Registry serializers
// (@confluentinc/schemaregistry), so Rewind's decoders are tested on bytes they did not make.
//
//   node write.mjs <registry base URL> < plan.json > records.ndjson
//
// plan.json: {"steps": [{"topic", "format": "avro"|"protobuf"|"json", "schema": text,
//   "references": [{"name", "subject", "version", "schema"}]?, "messageType": "pkg.Msg"?,
//   "keyFormat": same as format?, "keySchema": text?,
//   "records": [{"key": JSON|string, "value": JSON, "timestamp": ms, "partition": n}]}]}
// A Protobuf step also gives "descriptorSet" (base64 of protoc --include_imports
// --descriptor_set_out for the same .proto files): the JS serializer takes message types from
// descriptors, while the registry gets the .proto text, as registries hold it.
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
import { create, createFileRegistry, fromBinary, fromJson } from '@bufbuild/protobuf';
import { FileDescriptorSetSchema } from '@bufbuild/protobuf/wkt';
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

async function serializer(format, serdeType, registry) {
  const conf = { useLatestVersion: true, autoRegisterSchemas: false };
  if (format === 'avro') return new AvroSerializer(client, serdeType, conf);
  if (format === 'json') return new JsonSerializer(client, serdeType, { ...conf, validate: true });
  if (format === 'protobuf') return new ProtobufSerializer(client, serdeType, { ...conf, registry });
  throw new Error(`unknown format ${format}`);
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
  let descriptors = null;
  if (step.format === 'protobuf') {
    descriptors = createFileRegistry(fromBinary(FileDescriptorSetSchema, Buffer.from(step.descriptorSet, 'base64')));
  }
  const ser = await serializer(step.format, SerdeType.VALUE, descriptors);
  let keySer = null;
  if (step.keyFormat) {
    await client.register(`${step.topic}-key`, { schemaType: types[step.keyFormat], schema: step.keySchema });
    keySer = await serializer(step.keyFormat, SerdeType.KEY);
  }
  for (const r of step.records) {
    let value = revive(r.value);
    if (descriptors) {
      const desc = descriptors.getMessage(step.messageType);
      if (!desc) throw new Error(`no message ${step.messageType} in the descriptor set`);
      value = create(desc, fromJson(desc, r.value));
    }
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
