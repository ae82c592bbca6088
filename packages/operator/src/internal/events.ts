import { randomBytes } from 'node:crypto';
import type { KubeClient, KubeObject } from './kube/client.js';
import { RT } from './kube/resources.js';

export const EVENT_SOURCE = 'seldon-controller-manager';

/** Writes core/v1 Events about a SeldonDeployment; failures are swallowed (events are best effort). */
export class EventRecorder {
  /** Events recorded (for tests and metrics). */
  readonly recorded: { reason: string; type: string; message: string; object: string }[] = [];
  /** Events recorded since start. */
  count = 0;

  constructor(
    private readonly client: KubeClient,
    private readonly enabled = true,
  ) {}

  record(obj: KubeObject, type: 'Normal' | 'Warning', reason: string, message: string): void {
    const ns = obj.metadata.namespace ?? 'default';
    this.count++;
    this.recorded.push({ reason, type, message, object: `${ns}/${obj.metadata.name}` });
    if (this.recorded.length > 1000) this.recorded.splice(0, 500);
    if (!this.enabled) return;
    const now = new Date().toISOString();
    void this.client
      .create(RT.event, {
        apiVersion: 'v1',
        kind: 'Event',
        metadata: {
          name: `${obj.metadata.name}.${Date.now().toString(16)}${randomBytes(3).toString('hex')}`,
          namespace: ns,
        },
        involvedObject: {
          apiVersion: obj.apiVersion,
          kind: obj.kind,
          name: obj.metadata.name,
          namespace: ns,
          uid: obj.metadata.uid,
          resourceVersion: obj.metadata.resourceVersion,
        },
        reason,
        message,
        type,
        source: { component: EVENT_SOURCE },
        firstTimestamp: now,
        lastTimestamp: now,
        count: 1,
      })
      .catch(() => undefined);
  }
}
