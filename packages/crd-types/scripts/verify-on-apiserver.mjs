// Manual check on a real kube-apiserver (scripts/kube-envtest, v1.20): installs
// deploy/crd/seldondeployments.yaml, waits for Established, creates every fixture in its apiVersion
// (raw and defaulted) and checks the stored spec is unchanged (nothing pruned), reads through v1,
// writes status, reads scale. Needs `npx tsc -b packages/crd-types` first.
// Run: node packages/crd-types/scripts/verify-on-apiserver.mjs
import { envtestUnavailableReason, startEnvtest } from '../../../scripts/kube-envtest/envtest.mjs';
import { readFileSync, readdirSync } from 'node:fs';
import https from 'node:https';
import { parse } from 'yaml';
import * as crd from '../dist/index.js';

const unavailable = envtestUnavailableReason();
if (unavailable) {
  console.error(unavailable);
  process.exit(2);
}
const env = await startEnvtest();
let failures = 0;
const req = (method, path, body) =>
  new Promise((resolve, reject) => {
    const r = https.request(
      env.server + path,
      {
        method,
        ca: env.caPem,
        headers: { Authorization: `Bearer ${env.token}`, 'Content-Type': 'application/json' },
      },
      (res) => {
        let data = '';
        res.on('data', (c) => (data += c));
        res.on('end', () => resolve({ status: res.statusCode, body: data ? JSON.parse(data) : undefined }));
      },
    );
    r.on('error', reject);
    if (body) r.write(JSON.stringify(body));
    r.end();
  });
try {
  const manifest = parse(
    readFileSync(new URL('../../../deploy/crd/seldondeployments.yaml', import.meta.url), 'utf8'),
  );
  let r = await req('POST', '/apis/apiextensions.k8s.io/v1/customresourcedefinitions', manifest);
  console.log('create CRD', r.status, r.status >= 300 ? JSON.stringify(r.body).slice(0, 2000) : '');
  for (let i = 0; i < 100; i++) {
    r = await req(
      'GET',
      '/apis/apiextensions.k8s.io/v1/customresourcedefinitions/seldondeployments.machinelearning.seldon.io',
    );
    const conds = r.body.status?.conditions ?? [];
    if (conds.some((c) => c.type === 'Established' && c.status === 'True')) {
      console.log(
        'established; NonStructural?',
        JSON.stringify(conds.filter((c) => c.type === 'NonStructuralSchema')),
      );
      break;
    }
    await new Promise((res) => setTimeout(res, 100));
  }
  for (const ns of ['models', 'kafka', 'seldon'])
    await req('POST', '/api/v1/namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } });
  const dir = new URL('../test/fixtures', import.meta.url).pathname;
  for (const f of readdirSync(dir).filter((x) => x.endsWith('.yaml'))) {
    const sdep = crd.parseSeldonDeployment(readFileSync(`${dir}/${f}`, 'utf8'));
    for (const [label, obj] of [
      ['raw', sdep],
      [
        'defaulted',
        {
          ...crd.defaultSeldonDeployment(sdep),
          metadata: { ...sdep.metadata, name: sdep.metadata.name + '-d' },
        },
      ],
    ]) {
      const ns = obj.metadata.namespace || 'default';
      const version = obj.apiVersion.split('/')[1];
      const res = await req(
        'POST',
        `/apis/machinelearning.seldon.io/${version}/namespaces/${ns}/seldondeployments`,
        obj,
      );
      if (res.status !== 201) {
        failures++;
        console.log(f, label, 'FAILED', res.status, JSON.stringify(res.body).slice(0, 600));
        continue;
      }
      const canon = (v) =>
        Array.isArray(v)
          ? v.map(canon)
          : v && typeof v === 'object'
            ? Object.fromEntries(
                Object.keys(v)
                  .sort()
                  .map((k) => [k, canon(v[k])]),
              )
            : v;
      const same = JSON.stringify(canon(res.body.spec)) === JSON.stringify(canon(obj.spec));
      console.log(f, label, res.status, 'spec round-trips:', same);
      if (!same) {
        failures++;
        console.log(JSON.stringify(obj.spec));
        console.log(JSON.stringify(res.body.spec));
      }
    }
  }
  // served as v1 too
  r = await req('GET', '/apis/machinelearning.seldon.io/v1/namespaces/default/seldondeployments/egreedy');
  console.log('egreedy via v1:', r.status, r.body.apiVersion);
  // type error rejected by the API server
  const bad = crd.parseSeldonDeployment(readFileSync(`${dir}/minimal-model.yaml`, 'utf8'));
  bad.metadata.name = 'bad';
  bad.spec.predictors[0].traffic = 'fifty';
  r = await req('POST', '/apis/machinelearning.seldon.io/v1/namespaces/default/seldondeployments', bad);
  console.log('bad traffic:', r.status, r.body.message);
  // status subresource + scale
  r = await req(
    'PUT',
    '/apis/machinelearning.seldon.io/v1/namespaces/default/seldondeployments/seldon-model/status',
    {
      ...(
        await req(
          'GET',
          '/apis/machinelearning.seldon.io/v1/namespaces/default/seldondeployments/seldon-model',
        )
      ).body,
      status: {
        state: 'Available',
        replicas: 1,
        address: { url: 'http://x' },
        deploymentStatus: { d: { replicas: 1, availableReplicas: 1 } },
        conditions: [{ type: 'Ready', status: 'True' }],
      },
    },
  );
  console.log('status update:', r.status, JSON.stringify(r.body.status));
  r = await req(
    'GET',
    '/apis/machinelearning.seldon.io/v1/namespaces/default/seldondeployments/seldon-model/scale',
  );
  console.log('scale without spec.replicas:', r.status, JSON.stringify(r.body));
  const withReplicas = crd.parseSeldonDeployment(readFileSync(`${dir}/minimal-model.yaml`, 'utf8'));
  withReplicas.metadata.name = 'scaled';
  withReplicas.spec.replicas = 2;
  r = await req(
    'POST',
    '/apis/machinelearning.seldon.io/v1/namespaces/default/seldondeployments',
    withReplicas,
  );
  r = await req(
    'GET',
    '/apis/machinelearning.seldon.io/v1/namespaces/default/seldondeployments/scaled/scale',
  );
  console.log('scale:', r.status, JSON.stringify(r.body.spec), JSON.stringify(r.body.status));
  r = await req('GET', '/apis/machinelearning.seldon.io/v1/namespaces/default/seldondeployments', undefined);
  console.log('list:', r.status, r.body.items.length);
} finally {
  await env.stop();
}
console.log(failures === 0 ? 'OK' : `${failures} failures`);
process.exit(failures === 0 ? 0 : 1);
