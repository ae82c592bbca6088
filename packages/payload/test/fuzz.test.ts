// Fuzzing: >= 100,000 random and mutated inputs per decoder; nothing but PayloadError may escape
// and every input finishes (the whole file runs in seconds). Deterministic: a seeded PRNG.
import { describe, it, expect, beforeAll, afterAll } from '@jest/globals';
import {
  PayloadError,
  decodeFeedback,
  decodeGraphMetadata,
  decodeMessage,
  decodeMessageList,
  decodeModelMetadata,
  decodeV2Request,
  decodeV2Response,
  decodeModelMetadataRequest,
  modelMetadataRequestFromProto,
  extractRequestParts,
  feedbackFromProto,
  feedbackToProto,
  graphMetadataFromProto,
  messageFromProto,
  messageListFromProto,
  messageToProto,
  modelMetadataFromProto,
  parseRoute,
  type DecodeOptions,
} from '../src/index.js';
import {
  goldenFeedback,
  goldenGraphMetadataRest,
  goldenList,
  goldenMessages,
  goldenModelMetadata,
} from './golden.js';

const RUNS = 100_000;

function prng(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 4294967296;
  };
}

const FIELDS = [
  'status',
  'meta',
  'data',
  'binData',
  'strData',
  'jsonData',
  'customData',
  'names',
  'tensor',
  'ndarray',
  'tftensor',
  'shape',
  'values',
  'puid',
  'tags',
  'routing',
  'requestPath',
  'metrics',
  'key',
  'type',
  'value',
  'code',
  'info',
  'reason',
  'seldonMessages',
  'request',
  'response',
  'reward',
  'truth',
  'dtype',
  'tensorShape',
  'dim',
  'size',
  'floatVal',
  'intVal',
  'int64Val',
  'stringVal',
  'boolVal',
  'halfVal',
  'tensorContent',
  'inputs',
  'outputs',
  'name',
  'datatype',
  'data',
  'models',
  'versions',
  'schema',
  'messagetype',
  '@type',
  '__proto__',
  'constructor',
  'prototype',
];
const LEAVES: unknown[] = [
  null,
  true,
  false,
  0,
  -1,
  1.5,
  2 ** 31,
  -(2 ** 31) - 1,
  2 ** 53 + 2,
  1e308,
  'NaN',
  'Infinity',
  '-7',
  '1e3',
  '',
  'x',
  'aGk=',
  'a=b',
  'DT_FLOAT',
  'DT_STRING',
  'DT_HALF',
  'FAILURE',
  'COUNTER',
  'FP32',
  'BYTES',
  '9223372036854775808',
];

function randomValue(rnd: () => number, depth: number): unknown {
  const r = rnd();
  if (depth > 5 || r < 0.45) return LEAVES[Math.floor(rnd() * LEAVES.length)];
  if (r < 0.7) return Array.from({ length: Math.floor(rnd() * 4) }, () => randomValue(rnd, depth + 1));
  const o: Record<string, unknown> = {};
  const n = Math.floor(rnd() * 4);
  for (let i = 0; i < n; i++) {
    Object.defineProperty(o, FIELDS[Math.floor(rnd() * FIELDS.length)], {
      value: randomValue(rnd, depth + 1),
      enumerable: true,
      configurable: true,
      writable: true,
    });
  }
  return o;
}

function mutateText(rnd: () => number, text: string): string {
  const chars = '{}[]",:0123456789-.eE ntrufalsNI\\u"x=+/';
  let t = text;
  const edits = 1 + Math.floor(rnd() * 4);
  for (let i = 0; i < edits; i++) {
    const pos = Math.floor(rnd() * (t.length + 1));
    const op = rnd();
    if (op < 0.3) t = t.slice(0, pos) + t.slice(pos + 1);
    else if (op < 0.6) t = t.slice(0, pos) + chars[Math.floor(rnd() * chars.length)] + t.slice(pos);
    else if (op < 0.8) t = t.slice(0, pos) + JSON.stringify(randomValue(rnd, 3)) + t.slice(pos);
    else t = t.slice(0, pos);
  }
  return t;
}

function mutateBytes(rnd: () => number, bytes: Uint8Array): Uint8Array {
  const b = Array.from(bytes);
  const edits = 1 + Math.floor(rnd() * 4);
  for (let i = 0; i < edits; i++) {
    const pos = Math.floor(rnd() * (b.length + 1));
    const op = rnd();
    if (op < 0.3) b[pos] = Math.floor(rnd() * 256);
    else if (op < 0.5) b.splice(pos, 0, Math.floor(rnd() * 256));
    else if (op < 0.7) b.splice(pos, 1);
    else if (op < 0.85) b.length = pos;
    else
      b.splice(
        pos,
        0,
        ...[0x0a, 0x1a, 0x12, 0x22, 0xff, 0x80, 0x01, 0x08].slice(0, 1 + Math.floor(rnd() * 8)),
      );
  }
  return Uint8Array.from(b);
}

interface Failure {
  input: unknown;
  error: unknown;
}

function fuzz(
  seeds: unknown[],
  decode: (input: unknown) => unknown,
  kind: 'json' | 'proto',
  seed: number,
): { failures: Failure[]; rejected: number } {
  const rnd = prng(seed);
  const failures: Failure[] = [];
  let rejected = 0;
  for (let i = 0; i < RUNS; i++) {
    let input: unknown;
    const r = rnd();
    const base = seeds[Math.floor(rnd() * seeds.length)];
    if (kind === 'json') {
      if (r < 0.4) input = mutateText(rnd, base as string);
      else if (r < 0.8) input = randomValue(rnd, 0);
      else if (r < 0.9) input = Buffer.from(mutateText(rnd, base as string));
      else input = JSON.stringify(randomValue(rnd, 0));
    } else {
      input =
        r < 0.8
          ? mutateBytes(rnd, base as Uint8Array)
          : Uint8Array.from({ length: Math.floor(rnd() * 40) }, () => Math.floor(rnd() * 256));
    }
    try {
      decode(input);
    } catch (error) {
      rejected++;
      if (!(error instanceof PayloadError) && failures.length < 5) failures.push({ input, error });
    }
  }
  return { failures, rejected };
}

const jsonSeeds = goldenMessages.map((g) => g.json);
const protoSeeds = goldenMessages.map((g) => messageToProto(decodeMessage(g.json)));
const opts: DecodeOptions = { maxDepth: 20, maxElements: 10_000 };

const decoders: [string, (i: unknown) => unknown, 'json' | 'proto', unknown[]][] = [
  // A decoded message also goes through extractRequestParts (array conversion of whatever passed validation).
  ['decodeMessage', (i) => extractRequestParts(decodeMessage(i, opts), opts), 'json', jsonSeeds],
  ['decodeFeedback', (i) => decodeFeedback(i, opts), 'json', [goldenFeedback, ...jsonSeeds]],
  ['decodeMessageList', (i) => decodeMessageList(i, opts), 'json', [goldenList, `[${jsonSeeds.join(',')}]`]],
  ['decodeModelMetadata', (i) => decodeModelMetadata(i, opts), 'json', goldenModelMetadata],
  ['decodeGraphMetadata', (i) => decodeGraphMetadata(i, opts), 'json', [goldenGraphMetadataRest]],
  [
    'decodeV2Request',
    (i) => decodeV2Request(i, opts),
    'json',
    ['{"id":"a","inputs":[{"name":"x","shape":[2,2],"datatype":"FP32","data":[[1,2],[3,4]]}]}'],
  ],
  [
    'decodeV2Response',
    (i) => decodeV2Response(i, opts),
    'json',
    ['{"model_name":"m","id":"a","outputs":[{"name":"y","shape":[2],"datatype":"BYTES","data":["a","b"]}]}'],
  ],
  ['decodeModelMetadataRequest', (i) => decodeModelMetadataRequest(i, opts), 'json', ['{"name":"model"}']],
  ['parseRoute', (i) => parseRoute(i, opts), 'json', ['[1]', ...jsonSeeds]],
  [
    'messageFromProto',
    (i) => extractRequestParts(messageFromProto(i as Uint8Array, opts), { ...opts, transport: 'grpc' }),
    'proto',
    protoSeeds,
  ],
  [
    'feedbackFromProto',
    (i) => feedbackFromProto(i as Uint8Array, opts),
    'proto',
    [feedbackToProto(decodeFeedback(goldenFeedback))],
  ],
  ['messageListFromProto', (i) => messageListFromProto(i as Uint8Array, opts), 'proto', protoSeeds],
  ['modelMetadataFromProto', (i) => modelMetadataFromProto(i as Uint8Array, opts), 'proto', protoSeeds],
  [
    'modelMetadataRequestFromProto',
    (i) => modelMetadataRequestFromProto(i as Uint8Array, opts),
    'proto',
    protoSeeds,
  ],
  ['graphMetadataFromProto', (i) => graphMetadataFromProto(i as Uint8Array, opts), 'proto', protoSeeds],
];

describe(`fuzzing: ${RUNS} random and mutated inputs per decoder`, () => {
  // Most inputs are rejected; capturing a stack trace per rejection would dominate the run time.
  const stackTraceLimit = Error.stackTraceLimit;
  beforeAll(() => {
    Error.stackTraceLimit = 0;
  });
  afterAll(() => {
    Error.stackTraceLimit = stackTraceLimit;
  });

  decoders.forEach(([name, decode, kind, seeds], n) => {
    it(`${name} throws nothing but PayloadError`, () => {
      const { failures, rejected } = fuzz(seeds, decode, kind, 0x5e1d0 + n);
      expect(failures).toEqual([]);
      // The corpus exercises both outcomes.
      expect(rejected).toBeGreaterThan(RUNS / 10);
      expect(rejected).toBeLessThan(RUNS);
    });
  });
});
