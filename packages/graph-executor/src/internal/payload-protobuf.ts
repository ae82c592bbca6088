// @seldon-ts/payload's protobuf side (the codec, the wire reader), loaded on first use. protobufjs
// and the generated messages take about 10 MB of a process's memory and a graph whose front door
// and nodes all speak REST never touches a protobuf payload, so the executor imports the package's
// JSON entry and reaches for this only when a payload is or becomes protobuf. It is loaded
// synchronously (require of an ES module, Node >= 20.19) because it is used inside synchronous
// payload code; where gRPC is served or called the package is loaded already and this finds it.
import { createRequire } from 'node:module';

export type PayloadProtobuf = typeof import('@seldon-ts/payload');

let loaded: PayloadProtobuf | undefined;

export function payloadProtobuf(): PayloadProtobuf {
  loaded ??= createRequire(import.meta.url)('@seldon-ts/payload') as PayloadProtobuf;
  return loaded;
}
