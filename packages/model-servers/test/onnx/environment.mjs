// Jest environment of the ONNX tests: the test realm uses the host's typed-array constructors.
// onnxruntime-node's native binding creates output arrays in the host realm, and
// onnxruntime-common (loaded inside Jest's vm context) checks them with `instanceof`, which fails
// across realms ("A int64 tensor's data must be type of BigInt64Array"). jest-environment-node
// already shares ArrayBuffer and Uint8Array for the same reason. Outside Jest there is one realm.
import { TestEnvironment } from 'jest-environment-node';

const TYPED_ARRAYS = [
  'Int8Array',
  'Uint8ClampedArray',
  'Int16Array',
  'Uint16Array',
  'Int32Array',
  'Uint32Array',
  'Float32Array',
  'Float64Array',
  'BigInt64Array',
  'BigUint64Array',
];

export default class OnnxTestEnvironment extends TestEnvironment {
  constructor(config, context) {
    super(config, context);
    for (const name of TYPED_ARRAYS) this.global[name] = globalThis[name];
  }
}
