// `seldon-engine call`, the built CLI (npm test builds first) against real engines on loopback: the
// JSON of the REST API goes over gRPC and the answer comes back as the REST API's JSON.
import { describe, it, expect, beforeAll, afterAll } from '@jest/globals';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as grpc from '@grpc/grpc-js';
import { inferenceServices } from '@seldon-ts/payload';
import { startMicroservice } from '@seldon-ts/model-wrapper';
import { startEngine, type EngineHandle } from 'seldon-engine';
import MockClassifier from '../../../examples/mock-classifier/mock-classifier.js';
import { CALL_OPTIONS } from '../src/internal/call-command.js';
import { CLI, repoRoot } from './run-helpers.js';
import { bindGrpc, get, post, startGrpcEngine, unit, type RunningNode } from './support/nodes.js';
import { makeTestCertificate, type TestCertificate } from './support/tls.js';

type Obj = Record<string, any>;

interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `seldon-engine call <args>` from dist/, with `stdin` piped in. */
function call(args: string[], stdin = ''): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, 'call', ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(stdin);
  });
}

/** A loopback port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((r) => server.close(() => r()));
  return port;
}

/** The mock classifier as its image runs it: the image is what answers name (meta.requestPath, metadata). */
async function startMockClassifier(): Promise<RunningNode> {
  const ms = await startMicroservice(new MockClassifier(), {
    httpPort: 0,
    grpcPort: 0,
    metricsPort: null,
    host: '127.0.0.1',
    annotationsPath: '/nonexistent',
    env: { PREDICTIVE_UNIT_ID: 'classifier', PREDICTIVE_UNIT_IMAGE: 'seldonio/mock_classifier:1.18.2' },
  } as never);
  return { name: 'classifier', httpPort: ms.httpPort, grpcPort: ms.grpcPort, close: () => ms.close() };
}

const REQUEST = '{"data":{"ndarray":[[1.0,2.0,5.0]]}}';

beforeAll(() => {
  if (!existsSync(CLI))
    throw new Error(`${CLI} is missing: build first (npx tsc -b apps/engine/tsconfig.lib.json)`);
});

describe('seldon-engine call, protocol seldon', () => {
  let node: RunningNode;
  let engine: EngineHandle;
  let dir: string;
  let port: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'engine-call-'));
    node = await startMockClassifier();
    engine = await startGrpcEngine(unit(node, 'MODEL', {}, 'grpc'));
    port = String(engine.grpcPort);
  });
  afterAll(async () => {
    await engine?.close();
    await node?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('Predict prints the JSON the REST API answers for the same request', async () => {
    const res = await call(['--port', port, REQUEST]);
    expect(res).toMatchObject({ code: 0, stderr: '' });
    expect(res.stdout).toBe(
      '{"meta":{"requestPath":{"classifier":"seldonio/mock_classifier:1.18.2"}},' +
        '"data":{"names":["proba"],"ndarray":[[0.43782349911420193]]}}\n',
    );
    const rest = await post(engine.httpPort, '/api/v1.0/predictions', REQUEST);
    expect(rest.status).toBe(200);
    expect(JSON.parse(res.stdout)).toEqual(rest.json());
  });

  it('reads the request from @file and from standard input (-), and takes --address', async () => {
    const file = join(dir, 'request.json');
    writeFileSync(file, REQUEST);
    const inline = await call(['--port', port, REQUEST]);
    const fromFile = await call(['--address', `127.0.0.1:${port}`, `@${file}`]);
    const fromStdin = await call(['--port', port, '-'], REQUEST);
    expect(fromFile).toEqual(inline);
    expect(fromStdin).toEqual(inline);
  });

  it('SendFeedback, ModelMetadata and GraphMetadata answer what REST answers', async () => {
    const feedback = '{"request":{"data":{"ndarray":[[1,2,5]]}},"reward":1}';
    const sent = await call(['--port', port, '--method', 'SendFeedback', feedback]);
    expect(sent.code).toBe(0);
    const restFeedback = await post(engine.httpPort, '/api/v1.0/feedback', feedback);
    expect(JSON.parse(sent.stdout)).toEqual({
      meta: { requestPath: { classifier: 'seldonio/mock_classifier:1.18.2' } },
      data: { ndarray: [] },
    });
    expect(restFeedback.json()).toEqual({ ...JSON.parse(sent.stdout), data: { names: [], ndarray: [] } });

    const model = await call(['--port', port, '--method', 'metadata', '--model', 'classifier']);
    expect(model.code).toBe(0);
    expect(JSON.parse(model.stdout)).toEqual({ name: 'seldonio/mock_classifier', versions: ['1.18.2'] });
    const restModel = (await get(engine.httpPort, '/api/v1.0/metadata/classifier')).json();
    expect(restModel).toMatchObject(JSON.parse(model.stdout));

    const graph = await call(['--port', port, '--method', 'GraphMetadata']);
    expect(graph.code).toBe(0);
    const restGraph = (await get(engine.httpPort, '/api/v1.0/metadata')).json();
    // Protobuf does not carry empty lists and maps: those fields of REST's answer are absent here.
    expect(restGraph.models.classifier).toMatchObject(JSON.parse(model.stdout));
    expect(JSON.parse(graph.stdout)).toEqual({
      name: restGraph.name,
      models: { classifier: JSON.parse(model.stdout) },
      graphinputs: null,
      graphoutputs: null,
    });
  });

  it('a node error exits 1 with the gRPC status name, the details and the engine error code', async () => {
    const res = await call(['--port', port, '{"data":{"ndarray":[1,2,3]}}']);
    expect(res.code).toBe(1);
    expect(res.stdout).toBe('');
    expect(res.stderr).toContain(
      `seldon-engine call: Predict (/seldon.protos.Seldon/Predict) on 127.0.0.1:${port} failed: ` +
        'INVALID_ARGUMENT (3): node classifier (',
    );
    expect(res.stderr).toContain(
      'failed: mock classifier expects a 2-D array of numbers (rows of features) [SC_ERR_GRAPH_NODE_ERROR_RESPONSE]\n',
    );
  });

  it('a method the engine does not serve exits 1 with UNIMPLEMENTED', async () => {
    const res = await call(['--port', port, '--protocol', 'v2', '--method', 'ServerLive']);
    expect(res.code).toBe(1);
    expect(res.stderr).toContain('ServerLive (/inference.GRPCInferenceService/ServerLive)');
    expect(res.stderr).toContain('UNIMPLEMENTED (12)');
  });

  it('no engine at the address exits 1 with UNAVAILABLE naming the address', async () => {
    const free = await closedPort();
    const res = await call(['--port', String(free), '--deadline-ms', '5000', REQUEST]);
    expect(res.code).toBe(1);
    expect(res.stderr).toContain(`on 127.0.0.1:${free} failed: UNAVAILABLE (14)`);
  });

  it('bad JSON exits 2 naming the problem and where it is, before calling', async () => {
    const syntax = await call(['--port', port, '{"data":']);
    expect(syntax.code).toBe(2);
    expect(syntax.stderr).toContain(
      'the request (the command-line argument) cannot be sent as Predict: SC_ERR_PAYLOAD_INVALID_JSON: invalid JSON',
    );
    const field = await call(['--port', port, '-'], '{"data":{"ndarray":"1,2"}}');
    expect(field.code).toBe(2);
    expect(field.stderr).toContain(
      'the request (standard input) cannot be sent as Predict: SC_ERR_PAYLOAD_WRONG_TYPE: expected an array, got string (at $.data.ndarray)',
    );
    const missing = await call(['--port', port, `@${join(dir, 'nope.json')}`]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain(`cannot read the request file ${join(dir, 'nope.json')}`);
  });

  it('bad options exit 2 with the reason; --help prints the usage and exits 0', async () => {
    const method = await call(['--port', port, '--method', 'Classify', REQUEST]);
    expect(method.code).toBe(2);
    expect(method.stderr).toContain(
      '--method Classify: seldon has no such method; one of Predict, SendFeedback, ModelMetadata, GraphMetadata',
    );
    const both = await call(['--port', port, '--address', 'localhost:1', REQUEST]);
    expect(both.code).toBe(2);
    expect(both.stderr).toContain('--address and --port both given');
    const none = await call(['--port', port]);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('Predict needs a JSON request');
    const help = await call(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain("seldon-engine call [options] '<json>'");
    expect(help.stdout).toContain('--deadline-ms N');
  });
});

describe('seldon-engine call, protocol v2', () => {
  let node: grpc.Server;
  let engine: EngineHandle;
  let port: string;
  const svc = inferenceServices.GRPCInferenceService;

  beforeAll(async () => {
    node = new grpc.Server();
    node.addService(svc as unknown as grpc.ServiceDefinition, {
      // Multiplies FP32 inputs by 10; an input named "raw" is answered in raw_output_contents.
      ModelInfer: (call: grpc.ServerUnaryCall<Obj, Obj>, cb: grpc.sendUnaryData<Obj>) => {
        const input = (call.request.inputs as Obj[])[0];
        if (input.name === 'raw') {
          const ints = Buffer.alloc(16);
          ints.writeBigInt64LE(7n, 0);
          ints.writeBigInt64LE(-1n, 8);
          const strings = Buffer.from([2, 0, 0, 0, 0x61, 0x62, 1, 0, 0, 0, 0x63]);
          cb(null, {
            modelName: call.request.modelName,
            outputs: [
              { name: 'ints', datatype: 'INT64', shape: ['2'] },
              { name: 'strings', datatype: 'BYTES', shape: ['2'] },
            ],
            rawOutputContents: [ints, strings],
          });
          return;
        }
        cb(null, {
          modelName: call.request.modelName,
          id: call.request.id,
          parameters: call.request.parameters,
          outputs: [
            {
              name: 'y',
              datatype: input.datatype,
              shape: input.shape,
              contents: { fp32Contents: input.contents.fp32Contents.map((x: number) => x * 10) },
            },
          ],
        });
      },
      ModelMetadata: (call: grpc.ServerUnaryCall<Obj, Obj>, cb: grpc.sendUnaryData<Obj>) =>
        cb(null, {
          name: call.request.name,
          platform: 'test',
          inputs: [{ name: 'x', datatype: 'FP32', shape: ['-1', '2'] }],
          parameters: { content_type: { stringParam: 'np' } },
        }),
    });
    const nodePort = await bindGrpc(node);
    const endpoint = {
      service_host: '127.0.0.1',
      service_port: nodePort,
      grpcPort: nodePort,
      httpPort: nodePort,
    };
    engine = await startEngine({
      host: '127.0.0.1',
      httpPort: 0,
      grpcPort: 0,
      protocol: 'v2',
      transport: 'grpc',
      log: () => undefined,
      predictor: { name: 'p', graph: { name: 'm', type: 'MODEL', endpoint } },
    } as never);
    await engine.ready(5000);
    port = String(engine.grpcPort);
  });
  afterAll(async () => {
    await engine?.close();
    node?.forceShutdown();
  });

  it('ModelInfer takes the v2 REST request (nested data) and prints the v2 REST response', async () => {
    const request = JSON.stringify({
      id: 'r1',
      parameters: { tag: 'a', n: 3, on: true },
      inputs: [
        {
          name: 'x',
          shape: [2, 2],
          datatype: 'FP32',
          data: [
            [1, 2],
            [3, 4],
          ],
        },
      ],
    });
    const res = await call(['--port', port, '--protocol', 'v2', '--model', 'm', request]);
    expect(res).toMatchObject({ code: 0, stderr: '' });
    expect(JSON.parse(res.stdout)).toEqual({
      model_name: 'm',
      id: 'r1',
      parameters: { tag: 'a', n: 3, on: true },
      outputs: [{ name: 'y', shape: [2, 2], datatype: 'FP32', data: [10, 20, 30, 40] }],
    });
  });

  it('ModelInfer reads raw_output_contents (INT64, BYTES)', async () => {
    const request = '{"inputs":[{"name":"raw","shape":[1],"datatype":"FP32","data":[0]}]}';
    const res = await call(['--port', port, '--protocol', 'v2', '--model', 'm', request]);
    expect(res.code).toBe(0);
    expect(JSON.parse(res.stdout).outputs).toEqual([
      { name: 'ints', shape: [2], datatype: 'INT64', data: [7, -1] },
      { name: 'strings', shape: [2], datatype: 'BYTES', data: ['ab', 'c'] },
    ]);
  });

  it('ModelMetadata, ServerLive and ServerMetadata need no JSON', async () => {
    const meta = await call([
      '--port',
      port,
      '--protocol',
      'v2',
      '--method',
      'ModelMetadata',
      '--model',
      'm',
    ]);
    expect(meta.code).toBe(0);
    expect(JSON.parse(meta.stdout)).toEqual({
      name: 'm',
      versions: [],
      platform: 'test',
      inputs: [{ name: 'x', datatype: 'FP32', shape: [-1, 2] }],
      outputs: [],
      parameters: { content_type: 'np' },
    });
    const live = await call(['--port', port, '--protocol', 'v2', '--method', 'serverlive']);
    expect(JSON.parse(live.stdout)).toEqual({ live: true });
    const server = await call(['--port', port, '--protocol', 'v2', '--method', 'ServerMetadata']);
    expect(JSON.parse(server.stdout)).toMatchObject({ name: 'seldon-engine' });
  });

  it('a request gRPC cannot carry exits 2 naming the field', async () => {
    const request =
      '{"parameters":{"rate":0.5},"inputs":[{"name":"x","shape":[1],"datatype":"FP32","data":[1]}]}';
    const res = await call(['--port', port, '--protocol', 'v2', request]);
    expect(res.code).toBe(2);
    expect(res.stderr).toContain('SC_ERR_PAYLOAD_WRONG_TYPE');
    expect(res.stderr).toContain('(at $.parameters.rate)');
    const typo = await call(['--port', port, '--protocol', 'v2', '--method', 'ModelReady', '{"nmae":"m"}']);
    expect(typo.code).toBe(2);
    expect(typo.stderr).toContain(
      'cannot be sent as ModelReady: SC_ERR_PAYLOAD_UNKNOWN_FIELD: ModelReady requests have no field "nmae" (at $.nmae)',
    );
  });
});

describe('seldon-engine call over TLS', () => {
  let certificate: TestCertificate;
  let engine: EngineHandle;
  beforeAll(async () => {
    certificate = makeTestCertificate('engine-call-tls-');
    engine = await startEngine({
      host: '127.0.0.1',
      httpPort: 0,
      grpcPort: 0,
      log: () => undefined,
      tls: { certFile: certificate.certFile, keyFile: certificate.keyFile },
      predictor: { name: 'p', graph: { name: 's', implementation: 'SIMPLE_MODEL' } },
    } as never);
  });
  afterAll(async () => {
    await engine?.close();
    certificate?.remove();
  });

  it('--cacert trusts the engine certificate; plaintext to a TLS port fails with UNAVAILABLE', async () => {
    const address = `127.0.0.1:${engine.grpcPort}`;
    const tls = await call(['--address', address, '--cacert', certificate.certFile, REQUEST]);
    expect(tls.stderr).toBe('');
    expect(tls.code).toBe(0);
    expect(JSON.parse(tls.stdout).data).toBeDefined();
    const plain = await call(['--address', address, '--deadline-ms', '5000', REQUEST]);
    expect(plain.code).toBe(1);
    expect(plain.stderr).toContain('UNAVAILABLE (14)');
  });
});

describe('docs/cli.md, seldon-engine call', () => {
  it('its option table lists exactly the options the command accepts', () => {
    const doc = readFileSync(`${repoRoot}docs/cli.md`, 'utf8');
    const start = doc.indexOf('## `seldon-engine call`');
    expect(start).toBeGreaterThan(0);
    const section = doc.slice(start, doc.indexOf('\n## ', start + 1));
    const documented = [...section.matchAll(/^\| `(--[a-z-]+)`/gm)].map((m) => m[1]);
    expect(documented.sort()).toEqual(
      Object.keys(CALL_OPTIONS)
        .map((o) => `--${o}`)
        .sort(),
    );
  });
});
