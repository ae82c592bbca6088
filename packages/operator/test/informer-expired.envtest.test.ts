// Regression test for the informer's 410 Gone path: a watch resumed from a resourceVersion that
// etcd has compacted must relist and keep delivering events. It needs its own API server: one
// that compacts every second and serves watches straight from etcd (with the watch cache on, an
// old resourceVersion can stay servable for minutes).
import { describe, it, expect, beforeAll, afterAll } from '@jest/globals';
import { Informer, RESOURCE_TYPES as RT, type KubeClient, type KubeObject } from '@seldon-ts/operator';
import { ensureNamespace, startCluster, unavailable, waitFor, type Envtest } from './helpers/cluster.js';

// In CI a missing API server fails the suite instead of skipping it.
const d = unavailable && !process.env.CI ? describe.skip : describe;
if (unavailable) console.warn(`informer envtest skipped: ${unavailable}`);

const NS = 'relist';

d('informer against an API server that compacts etcd every second', () => {
  let cluster: Envtest;
  let client: KubeClient;

  beforeAll(async () => {
    const started = await startCluster({
      extraApiserverArgs: ['--etcd-compaction-interval=1s', '--watch-cache=false'],
    });
    cluster = started.env;
    client = started.client;
    await ensureNamespace(client, NS);
  }, 90_000);

  afterAll(async () => {
    client?.close();
    await cluster?.stop();
  }, 60_000);

  const configMap = (name: string, watched: boolean, value: string): KubeObject => ({
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name, namespace: NS, labels: { watched: watched ? 'yes' : 'no' } },
    data: { value },
  });

  it('relists after 410 Gone (compacted resourceVersion) and keeps delivering events', async () => {
    const seen: string[] = [];
    // The label selector keeps the informer's resourceVersion where it is while other ConfigMaps
    // change; the 1 s watch timeout makes it resume from that (soon compacted) version.
    const informer = new Informer(
      client,
      RT.configMap,
      (ev, obj) => seen.push(`${ev}:${obj.metadata.name}`),
      { namespace: NS, labelSelector: 'watched=yes', watchTimeoutSeconds: 1, retryDelayMs: 100, resyncMs: 0 },
    );
    informer.start();
    try {
      await informer.synced;
      expect(informer.listCount).toBe(1);
      await client.create(RT.configMap, configMap('before', true, '0'));
      await waitFor(() => seen.includes('add:before'), 'add:before');

      // Move etcd's revision on (unwatched writes) until compaction passes the informer's version.
      await client.create(RT.configMap, configMap('churn', false, '0'));
      let writes = 0;
      await waitFor(
        async () => {
          if (informer.expiredCount > 0 && informer.listCount >= 2) return true;
          await client.mergePatch(RT.configMap, NS, 'churn', { data: { value: String(++writes) } });
          return false;
        },
        'a 410 Gone and a relist',
        60_000,
      );
      expect(informer.expiredCount).toBeGreaterThanOrEqual(1);
      expect(informer.listCount).toBeGreaterThanOrEqual(2);
      // The relist found nothing new: no duplicate add, no spurious delete.
      expect(seen).toEqual(['add:before']);
      expect(informer.get(NS, 'before')).toBeDefined();

      // After the relist, changes still arrive (by the new watch, or by a later relist's diff).
      await client.create(RT.configMap, configMap('after', true, '1'));
      await waitFor(() => seen.includes('add:after'), 'add:after');
      await client.mergePatch(RT.configMap, NS, 'after', { data: { value: '2' } });
      await waitFor(
        () => (informer.get(NS, 'after') as { data?: { value?: string } } | undefined)?.data?.value === '2',
        'update of after',
      );
      expect(seen).toContain('update:after');
      await client.delete(RT.configMap, NS, 'before');
      await waitFor(() => seen.includes('delete:before'), 'delete:before');
      expect(informer.get(NS, 'before')).toBeUndefined();
      expect(informer.list().map((o) => o.metadata.name)).toEqual(['after']);
    } finally {
      await informer.stop();
    }
  }, 90_000);
});
