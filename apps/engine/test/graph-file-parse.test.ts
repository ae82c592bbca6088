// Graph files: JSON (what the operator mounts) is read with JSON.parse, YAML with the YAML parser,
// and both give the same predictor; broken JSON is reported by the YAML parser, naming the file.
import { describe, it, expect } from '@jest/globals';
import { loadPredictorFile } from '../src/config.js';

const predictor = {
  name: 'p',
  graph: { name: 'model', type: 'MODEL', endpoint: { service_host: 'localhost', service_port: 9000 } },
};
const sdep = {
  apiVersion: 'machinelearning.seldon.io/v1',
  kind: 'SeldonDeployment',
  metadata: { name: 'd', namespace: 'ns' },
  spec: { predictors: [{ ...predictor, componentSpecs: [] }] },
};
const yamlOf = (o: unknown) => JSON.stringify(o, null, 2).replace(/^(\s*)"([^"]+)":/gm, '$1$2:');

describe('graph file parsing', () => {
  it('reads a JSON predictor and the same predictor in YAML alike', () => {
    const fromJson = loadPredictorFile('/g/predictor.json', undefined, () => JSON.stringify(predictor));
    const fromYaml = loadPredictorFile('/g/predictor.yaml', undefined, () => yamlOf(predictor));
    expect(fromJson.predictor).toEqual(predictor);
    expect(fromYaml.predictor).toEqual(predictor);
  });

  it('reads a JSON SeldonDeployment and the same in YAML alike', () => {
    const fromJson = loadPredictorFile('/g/sdep.json', 'p', () => JSON.stringify(sdep));
    const fromYaml = loadPredictorFile('/g/sdep.yaml', 'p', () => yamlOf(sdep));
    expect(fromJson).toEqual(fromYaml);
    expect(fromJson.deploymentName).toBe('d');
  });

  it('reads flow-style YAML that starts like JSON', () => {
    const loaded = loadPredictorFile('/g/graph.yaml', undefined, () => '{name: m, type: MODEL}');
    expect(loaded.predictor.graph).toEqual({ name: 'm', type: 'MODEL' });
  });

  it('reports broken JSON through the YAML parser, naming the file', () => {
    expect(() => loadPredictorFile('/g/predictor.json', undefined, () => '{"name": "p",')).toThrow(
      expect.objectContaining({
        code: 'SC_ERR_ENGINE_CONFIG_INVALID',
        message: expect.stringContaining('/g/predictor.json is not valid YAML/JSON'),
      }),
    );
  });
});
