// The front door's gRPC side: every unary method a Seldon engine serves, relayed as raw bytes to the
// picked predictor's engine (and copied to the shadow), metadata and deadline included.
import * as grpc from '@grpc/grpc-js';
import { identity, rawMethod } from '../internal/grpc-raw.js';
import type { DoorRouting, FrontDoorBackend } from './traffic-picker.js';

// The gRPC methods a Seldon engine serves, per protocol; all are unary.
const GRPC_SERVICES: Record<string, string[]> = {
  'seldon.protos.Seldon': ['Predict', 'SendFeedback', 'ModelMetadata', 'GraphMetadata'],
  'inference.GRPCInferenceService': [
    'ServerLive',
    'ServerReady',
    'ModelReady',
    'ServerMetadata',
    'ModelMetadata',
    'ModelInfer',
  ],
  'tensorflow.serving.PredictionService': [
    'Predict',
    'Classify',
    'Regress',
    'MultiInference',
    'GetModelMetadata',
  ],
  'tensorflow.serving.ModelService': ['GetModelStatus', 'HandleReloadConfigRequest'],
  'grpc.health.v1.Health': ['Check'],
};

interface Relayed {
  err: grpc.ServiceError | null;
  value?: Buffer;
  header?: grpc.Metadata;
}

/** The gRPC side of a running front door. */
export class GrpcDoor {
  readonly server: grpc.Server;
  private readonly clients: Map<string, grpc.Client>;

  constructor(private readonly routing: DoorRouting) {
    const channelOptions: grpc.ChannelOptions = {
      'grpc.max_receive_message_length': routing.maxBodyBytes,
      'grpc.max_send_message_length': routing.maxBodyBytes,
    };
    // One raw-bytes client per predictor engine.
    this.clients = new Map(
      routing.backends.map((b) => [
        b.name,
        new grpc.Client(`127.0.0.1:${b.grpcPort}`, grpc.credentials.createInsecure(), channelOptions),
      ]),
    );
    this.server = new grpc.Server(channelOptions);
    for (const [service, methods] of Object.entries(GRPC_SERVICES)) this.addService(service, methods);
  }

  /** Finishes open calls, then stops. */
  shutdown(): Promise<void> {
    return new Promise<void>((resolve) => this.server.tryShutdown(() => resolve()));
  }

  /** Closes the channels to the engines. */
  closeClients(): void {
    for (const c of this.clients.values()) c.close();
  }

  private addService(service: string, methods: string[]): void {
    const definition: Record<string, grpc.MethodDefinition<Buffer, Buffer>> = {};
    const implementation: grpc.UntypedServiceImplementation = {};
    for (const m of methods) {
      const path = `/${service}/${m}`;
      definition[m] = rawMethod(path, m);
      implementation[m] = this.unaryHandler(path);
    }
    this.server.addService(definition as grpc.ServiceDefinition, implementation);
  }

  /** Relays one method: to the picked predictor, a copy to the shadow. */
  private unaryHandler(path: string): grpc.handleUnaryCall<Buffer, Buffer> {
    const { picker, count } = this.routing;
    return (call, callback) => {
      const target = picker.pick();
      count(target.name);
      if (picker.shadow) {
        count(picker.shadow.name);
        void this.relay(picker.shadow, path, call);
      }
      void this.relay(target, path, call).then(({ err, value, header }) => {
        const md = header?.clone() ?? new grpc.Metadata();
        md.set('seldon-predictor', target.name);
        call.sendMetadata(md);
        if (err) callback({ code: err.code, details: err.details, metadata: err.metadata });
        else callback(null, value);
      });
    };
  }

  /** The call sent to `backend`'s engine with its metadata and deadline; settles with the outcome. */
  private relay(
    backend: FrontDoorBackend,
    path: string,
    call: grpc.ServerUnaryCall<Buffer, Buffer>,
  ): Promise<Relayed> {
    return new Promise<Relayed>((resolve) => {
      const deadline = call.getDeadline();
      let header: grpc.Metadata | undefined;
      const c = this.clients
        .get(backend.name)!
        .makeUnaryRequest(
          path,
          identity,
          identity,
          call.request,
          call.metadata.clone(),
          deadline === Infinity ? {} : { deadline },
          (err, value) => resolve({ err, value, header }),
        );
      c.on('metadata', (md: grpc.Metadata) => (header = md));
    });
  }
}
