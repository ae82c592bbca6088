import { startEnvtest } from '/work/main/scripts/kube-envtest/envtest.mjs';
import { KubeClient, RESOURCE_TYPES as RT } from '/work/main/packages/operator/dist/index.js';
import { parseAllDocuments } from 'yaml';
import { readFileSync } from 'node:fs';
const env = await startEnvtest();
try {
  const c = await KubeClient.create({ kubeconfigPath: env.kubeconfigPath });
  const crd = parseAllDocuments(readFileSync('/work/main/deploy/crd/seldondeployments.yaml','utf8'))[0].toJS();
  await c.apply(RT.crd, crd, 't');
  await new Promise(r=>setTimeout(r,3000));
  await c.create(RT.seldonDeployment, {apiVersion:'machinelearning.seldon.io/v1',kind:'SeldonDeployment',metadata:{name:'x',namespace:'default'},spec:{predictors:[{name:'p',graph:{name:'a'}}]}});
  for (const patch of [{status:{state:'Creating', description:''}}, {status:{state:'Creating', description:'x'}}, {status:{state:'Creating', description:''}}]) {
    try { const r = await c.mergePatch(RT.seldonDeployment,'default','x',patch,'status'); console.log('ok', JSON.stringify(r.status)); } catch(e) { console.log('ERR', e.message); }
  }
} finally { await env.stop(); }
