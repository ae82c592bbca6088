// The YAML/JSON manifest loader.
import { describe, it, expect } from '@jest/globals';
import { CrdError, parseSeldonDeployment, parseSeldonDeployments } from '@seldon-ts/crd-types';

const doc = (version: string, name: string) => `apiVersion: machinelearning.seldon.io/${version}
kind: SeldonDeployment
metadata:
  name: ${name}
spec:
  predictors:
  - name: p
    graph: {name: m, implementation: SIMPLE_MODEL}
`;

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(CrdError);
    return `${(err as CrdError).code} ${(err as CrdError).path}`;
  }
  return undefined;
}

describe('parseSeldonDeployments', () => {
  it('reads v1, v1alpha2 and v1alpha3 documents from a multi-document file, skipping other kinds', () => {
    const text = [
      doc('v1', 'a'),
      'apiVersion: v1\nkind: Service\nmetadata: {name: s}\n',
      doc('v1alpha2', 'b'),
      doc('v1alpha3', 'c'),
      '',
    ].join('---\n');
    const all = parseSeldonDeployments(text);
    expect(all.map((s) => [s.apiVersion, s.metadata.name])).toEqual([
      ['machinelearning.seldon.io/v1', 'a'],
      ['machinelearning.seldon.io/v1alpha2', 'b'],
      ['machinelearning.seldon.io/v1alpha3', 'c'],
    ]);
    expect(all[0].spec.predictors[0].graph).toEqual({ name: 'm', implementation: 'SIMPLE_MODEL' });
  });

  it('reads JSON and kind: List', () => {
    const one = parseSeldonDeployment(doc('v1', 'a'));
    expect(parseSeldonDeployment(JSON.stringify(one))).toEqual(one);
    const list = JSON.stringify({
      apiVersion: 'v1',
      kind: 'List',
      items: [one, { ...one, metadata: { name: 'b' } }],
    });
    expect(parseSeldonDeployments(list).map((s) => s.metadata.name)).toEqual(['a', 'b']);
  });

  it('reports bad input with a code and the document it is in', () => {
    expect(codeOf(() => parseSeldonDeployments(`${doc('v1', 'a')}---\nfoo: [unclosed\n`))).toBe(
      'SC_ERR_CRD_PARSE document[1]',
    );
    expect(codeOf(() => parseSeldonDeployments('- a list\n'))).toBe('SC_ERR_CRD_PARSE document[0]');
    expect(codeOf(() => parseSeldonDeployments(doc('v2', 'a')))).toBe(
      'SC_ERR_CRD_NOT_SELDON_DEPLOYMENT document[0].apiVersion',
    );
    expect(codeOf(() => parseSeldonDeployment('apiVersion: v1\nkind: ConfigMap\n'))).toBe(
      'SC_ERR_CRD_EMPTY ',
    );
    expect(codeOf(() => parseSeldonDeployment(`${doc('v1', 'a')}---\n${doc('v1', 'b')}`))).toBe(
      'SC_ERR_CRD_PARSE ',
    );
    expect(codeOf(() => parseSeldonDeployments(doc('v1', 'a'), { maxBytes: 10 }))).toBe('SC_ERR_CRD_PARSE ');
  });

  it('survives absurd nesting', () => {
    const deep = `kind: SeldonDeployment\nx: ${'['.repeat(50_000)}${']'.repeat(50_000)}\n`;
    expect(codeOf(() => parseSeldonDeployments(deep))).toMatch(/^SC_ERR_CRD_(PARSE|NOT_SELDON_DEPLOYMENT) /);
  });

  it('refuses alias bombs', () => {
    const bomb = [
      'a: &a [x, x, x, x, x, x, x, x, x, x]',
      ...Array.from({ length: 8 }, (_, i) => {
        const prev = i === 0 ? 'a' : `l${i - 1}`;
        return `l${i}: &l${i} [*${prev}, *${prev}, *${prev}, *${prev}, *${prev}, *${prev}, *${prev}, *${prev}, *${prev}, *${prev}]`;
      }),
      'kind: SeldonDeployment',
    ].join('\n');
    expect(codeOf(() => parseSeldonDeployments(bomb))).toBe('SC_ERR_CRD_PARSE document[0]');
  });
});
