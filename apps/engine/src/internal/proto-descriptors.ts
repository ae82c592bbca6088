// FileDescriptorProtos for gRPC server reflection, one per .proto file, built from the sources with
// protobufjs. Unlike protobufjs's own Root#toDescriptor (which @grpc/proto-loader uses), each file
// lists the files it depends on, names types fully qualified and names map entries `<Field>Entry`:
// strict clients (grpcurl, protoc's descriptor pool) refuse descriptors without these.
import { readFile } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type * as Protobuf from 'protobufjs';
import type * as Descriptors from 'protobufjs/ext/descriptor/index.js';
import { EMBEDDED_PROTOS } from './reflection-protos.js';

/** The engine's own dependencies, loaded when first needed. */
const require = createRequire(import.meta.url);

type ProtobufModule = typeof Protobuf;
type DescriptorModule = typeof Descriptors;

/** A FileDescriptorProto as a plain object (descriptor.proto field names in lowerCamelCase). */
interface FileDescriptor {
  name: string;
  package: string;
  dependency: string[];
  messageType: Record<string, unknown>[];
  enumType: Record<string, unknown>[];
  service: Record<string, unknown>[];
  syntax: 'proto3';
}

/** FieldDescriptorProto.Type of each scalar type name. */
const SCALAR_TYPES: Readonly<Record<string, number>> = {
  double: 1,
  float: 2,
  int64: 3,
  uint64: 4,
  int32: 5,
  fixed64: 6,
  fixed32: 7,
  bool: 8,
  string: 9,
  bytes: 12,
  uint32: 13,
  sfixed32: 15,
  sfixed64: 16,
  sint32: 17,
  sint64: 18,
};
const TYPE_MESSAGE = 11;
const TYPE_ENUM = 14;
const LABEL_OPTIONAL = 1;
const LABEL_REPEATED = 3;

/**
 * Loads `files` (and what they import) and returns the encoded FileDescriptorProto of every file
 * loaded. File names are resolved against the embedded sources (reflection-protos.ts), then the
 * payload package's proto directory; google/protobuf/* are protobufjs's bundled copies.
 */
export async function loadFileDescriptors(files: readonly string[]): Promise<Buffer[]> {
  const protobuf = require('protobufjs') as ProtobufModule;
  const descriptors = require('protobufjs/ext/descriptor') as DescriptorModule;
  const root = await loadRoot(protobuf, files);
  const wkt = wellKnownTypeFiles(protobuf, root);
  return fileDescriptors(protobuf, root, wkt).map((file) =>
    Buffer.from(
      descriptors.FileDescriptorProto.encode(
        descriptors.FileDescriptorProto.fromObject(file as unknown as Record<string, unknown>),
      ).finish(),
    ),
  );
}

/** The directory of @seldon-ts/payload's .proto files. */
function payloadProtoDir(): string {
  return dirname(createRequire(import.meta.url).resolve('@seldon-ts/payload/proto/prediction.proto'));
}

function loadRoot(protobuf: ProtobufModule, files: readonly string[]): Promise<Protobuf.Root> {
  const root = new protobuf.Root();
  const dir = payloadProtoDir();
  // Files keep the names they are imported by (they become the descriptors' names).
  root.resolvePath = (_origin, target) => target;
  // protobufjs's FetchCallback types its error as non-null; it tests it for truthiness.
  const fetch = (name: string, callback: (err: Error | null, text?: string) => void): void => {
    const embedded = EMBEDDED_PROTOS[name];
    if (embedded !== undefined) callback(null, embedded);
    else
      readFile(join(dir, name), 'utf8', (err, text) =>
        callback(err && new Error(`proto file ${name} not found in ${dir}: ${err.message}`), text),
      );
  };
  root.fetch = fetch as unknown as Protobuf.Root['fetch'];
  return root.load([...files], { keepCase: true }).then((loaded) => {
    loaded.resolveAll();
    return loaded;
  });
}

/**
 * Full name (`.google.protobuf.Struct`) → file, for the bundled well-known types the root loaded
 * (protobufjs adds them without file names). A type goes to the first loaded file that has it:
 * some bundles repeat their imports (type.proto holds Any).
 */
function wellKnownTypeFiles(protobuf: ProtobufModule, root: Protobuf.Root): Map<string, string> {
  const out = new Map<string, string>();
  const common = protobuf.common as unknown as Record<string, Protobuf.INamespace | undefined>;
  const walk = (ns: Protobuf.INamespace, prefix: string, file: string): void => {
    for (const [name, nested] of Object.entries(ns.nested ?? {})) {
      if (!out.has(`${prefix}.${name}`)) out.set(`${prefix}.${name}`, file);
      walk(nested as Protobuf.INamespace, `${prefix}.${name}`, file);
    }
  };
  for (const file of root.files) {
    const json = common[file];
    if (json) walk(json, '', file);
  }
  return out;
}

/** The file an object was declared in. */
function fileOf(obj: Protobuf.ReflectionObject, wkt: Map<string, string>): string {
  for (let o: Protobuf.ReflectionObject | null = obj; o; o = o.parent) if (o.filename) return o.filename;
  const file = wkt.get(obj.fullName);
  if (file === undefined) throw new Error(`no .proto file declares ${obj.fullName}`);
  return file;
}

/** Every file's descriptor: its top-level messages, enums and services, and its dependencies. */
function fileDescriptors(
  protobuf: ProtobufModule,
  root: Protobuf.Root,
  wkt: Map<string, string>,
): FileDescriptor[] {
  const files = new Map<string, FileDescriptor & { deps: Set<string> }>();
  const fileFor = (obj: Protobuf.ReflectionObject): FileDescriptor & { deps: Set<string> } => {
    const name = fileOf(obj, wkt);
    let file = files.get(name);
    if (!file) {
      const pkg = obj.parent?.fullName.slice(1) ?? '';
      file = {
        name,
        package: pkg,
        dependency: [],
        messageType: [],
        enumType: [],
        service: [],
        syntax: 'proto3',
        deps: new Set(),
      };
      files.set(name, file);
    }
    return file;
  };
  const needs = (file: { name: string; deps: Set<string> }, type: Protobuf.ReflectionObject | null) => {
    if (!type) return;
    const other = fileOf(type, wkt);
    if (other !== file.name) file.deps.add(other);
  };
  const walk = (ns: Protobuf.NamespaceBase): void => {
    for (const nested of ns.nestedArray) {
      if (nested instanceof protobuf.Type) {
        const file = fileFor(nested);
        file.messageType.push(messageDescriptor(protobuf, nested, (t) => needs(file, t)));
      } else if (nested instanceof protobuf.Enum) fileFor(nested).enumType.push(enumDescriptor(nested));
      else if (nested instanceof protobuf.Service) {
        const file = fileFor(nested);
        file.service.push(serviceDescriptor(nested, (t) => needs(file, t)));
      } else if (nested instanceof protobuf.Namespace) walk(nested);
    }
  };
  walk(root);
  return [...files.values()].map(({ deps, ...file }) => ({ ...file, dependency: [...deps].sort() }));
}

/** `signature_def` → `SignatureDefEntry`, as protoc names a map field's entry message. */
function mapEntryName(field: string): string {
  return `${field.charAt(0).toUpperCase()}${field.slice(1).replace(/_(\w)/g, (_m, c: string) => c.toUpperCase())}Entry`;
}

/** Fully-qualified type reference (`.pkg.Message`) of a field's message or enum type, or its scalar type. */
function typeOf(
  protobuf: ProtobufModule,
  typeName: string,
  resolved: Protobuf.Type | Protobuf.Enum | null,
  uses: (t: Protobuf.ReflectionObject) => void,
): { type: number; typeName?: string } {
  if (resolved) {
    uses(resolved);
    return {
      type: resolved instanceof protobuf.Enum ? TYPE_ENUM : TYPE_MESSAGE,
      typeName: resolved.fullName,
    };
  }
  const scalar = SCALAR_TYPES[typeName];
  if (scalar === undefined) throw new Error(`unknown field type ${typeName}`);
  return { type: scalar };
}

function messageDescriptor(
  protobuf: ProtobufModule,
  type: Protobuf.Type,
  uses: (t: Protobuf.ReflectionObject) => void,
): Record<string, unknown> {
  const fields: Record<string, unknown>[] = [];
  const nestedType: Record<string, unknown>[] = [];
  const enumType: Record<string, unknown>[] = [];
  const oneofs = type.oneofsArray;
  for (const field of type.fieldsArray) {
    const oneofIndex = field.partOf ? oneofs.indexOf(field.partOf) : -1;
    if (field instanceof protobuf.MapField) {
      const entry = mapEntryName(field.name);
      const key = typeOf(protobuf, field.keyType, null, uses);
      const value = typeOf(protobuf, field.type, field.resolvedType, uses);
      nestedType.push({
        name: entry,
        field: [
          { name: 'key', number: 1, label: LABEL_OPTIONAL, ...key, jsonName: 'key' },
          { name: 'value', number: 2, label: LABEL_OPTIONAL, ...value, jsonName: 'value' },
        ],
        options: { mapEntry: true },
      });
      fields.push({
        name: field.name,
        number: field.id,
        label: LABEL_REPEATED,
        type: TYPE_MESSAGE,
        typeName: `${type.fullName}.${entry}`,
        jsonName: jsonName(field.name),
      });
      continue;
    }
    fields.push({
      name: field.name,
      number: field.id,
      label: field.repeated ? LABEL_REPEATED : LABEL_OPTIONAL,
      ...typeOf(protobuf, field.type, field.resolvedType, uses),
      jsonName: jsonName(field.name),
      ...(oneofIndex >= 0 ? { oneofIndex } : {}),
    });
  }
  for (const nested of type.nestedArray) {
    if (nested instanceof protobuf.Type) nestedType.push(messageDescriptor(protobuf, nested, uses));
    else if (nested instanceof protobuf.Enum) enumType.push(enumDescriptor(nested));
  }
  const reservedRange = (type.reserved ?? [])
    .filter((r): r is number[] => Array.isArray(r))
    .map(([start, end]) => ({ start, end: end + 1 }));
  return {
    name: type.name,
    field: fields,
    nestedType,
    enumType,
    oneofDecl: oneofs.map((o) => ({ name: o.name })),
    reservedRange,
  };
}

/** protoc's default json_name: lowerCamelCase of the field name. */
function jsonName(field: string): string {
  return field.replace(/_(\w)/g, (_m, c: string) => c.toUpperCase());
}

function enumDescriptor(e: Protobuf.Enum): Record<string, unknown> {
  return { name: e.name, value: Object.entries(e.values).map(([name, number]) => ({ name, number })) };
}

function serviceDescriptor(
  service: Protobuf.Service,
  uses: (t: Protobuf.ReflectionObject) => void,
): Record<string, unknown> {
  return {
    name: service.name,
    method: service.methodsArray.map((m) => {
      m.resolve();
      uses(m.resolvedRequestType as Protobuf.Type);
      uses(m.resolvedResponseType as Protobuf.Type);
      return {
        name: m.name,
        inputType: (m.resolvedRequestType as Protobuf.Type).fullName,
        outputType: (m.resolvedResponseType as Protobuf.Type).fullName,
        ...(m.requestStream ? { clientStreaming: true } : {}),
        ...(m.responseStream ? { serverStreaming: true } : {}),
      };
    }),
  };
}
