import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseSeldonDeployment, type SeldonDeployment } from '@seldon-ts/crd-types';

const fixturesDir = fileURLToPath(new URL('../fixtures/', import.meta.url));

/** A SeldonDeployment from test/fixtures with namespace `default` and a fixed uid. */
export function loadFixture(file: string): SeldonDeployment {
  const sdep = parseSeldonDeployment(readFileSync(`${fixturesDir}${file}`, 'utf8')) as SeldonDeployment;
  sdep.metadata.namespace ??= 'default';
  sdep.metadata.uid = 'uid-1';
  return sdep;
}
