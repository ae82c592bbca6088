// The examples' manifests are the ones that go to Kubernetes, unchanged: they pass the admission
// webhook's validation, the operator builds every node container from them, and the local-run
// hints (seldon.io/local-*) never reach a pod.
import { describe, it, expect } from '@jest/globals';
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  findNode,
  isPrepackaged,
  parseSeldonDeployment,
  prepackagedImage,
  validateSeldonDeployment,
} from '@seldon-ts/crd-types';
import type { PredictiveUnit } from '@seldon-ts/crd-types';
import { desiredState, configFromEnv } from '@seldon-ts/operator';

const repoRoot = fileURLToPath(new URL('../', import.meta.url));

const examples = readdirSync(`${repoRoot}examples`).filter((d) =>
  existsSync(`${repoRoot}examples/${d}/seldondeployment.yaml`),
);

function nodeNames(node: PredictiveUnit): string[] {
  return [node.name, ...(node.children ?? []).flatMap(nodeNames)];
}

describe('example manifests on Kubernetes', () => {
  it('covers the five examples of the README', () => {
    expect(examples).toEqual(
      expect.arrayContaining([
        'mock-classifier',
        'egreedy-router',
        'three-step-chain',
        'image-echo',
        'kafka-model',
      ]),
    );
  });

  it.each(examples)(
    '%s: valid for the webhook; the operator builds its containers without local hints',
    (name) => {
      const sdep = parseSeldonDeployment(
        readFileSync(`${repoRoot}examples/${name}/seldondeployment.yaml`, 'utf8'),
      );
      expect(validateSeldonDeployment(sdep)).toEqual({ valid: true, errors: [] });

      const state = desiredState(
        sdep,
        configFromEnv({ EXECUTOR_CONTAINER_IMAGE_AND_VERSION: 'seldonio/seldon-core-executor:1.18.2' }),
      );
      const deployments = state.objects.filter((o) => o.kind === 'Deployment') as unknown as {
        spec: {
          template: {
            metadata: { annotations?: Record<string, string> };
            spec: { containers: { name: string; image?: string }[] };
          };
        };
      }[];
      const containers = deployments.flatMap((d) => d.spec.template.spec.containers);
      for (const predictor of sdep.spec.predictors) {
        for (const node of nodeNames(predictor.graph)) {
          // A prepackaged server (ONNX_SERVER, XGBOOST_SERVER) gets the image of predictor_servers.
          const unit = findNode(predictor.graph, node)!;
          const declared = isPrepackaged(unit)
            ? prepackagedImage(unit.implementation!, sdep.spec.protocol)
            : predictor.componentSpecs!.flatMap((c) => c.spec!.containers!).find((c) => c.name === node)!
                .image;
          expect(declared).toBeDefined();
          expect(containers).toContainEqual(expect.objectContaining({ name: node, image: declared }));
        }
      }
      for (const d of deployments) {
        const annotations = Object.keys(d.spec.template.metadata.annotations ?? {});
        expect(annotations.filter((k) => k.startsWith('seldon.io/local-'))).toEqual([]);
      }
    },
  );
});
