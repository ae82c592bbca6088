// The images built by the global setup from the root Dockerfile: each answers --help, runs as uid
// 8888 with a read-only root filesystem, and a component image serves with a plain `docker run`.
import { afterAll, describe, expect, test } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { predict } from './support/clients.js';
import { sleep, waitFor } from './support/kube.js';

const docker = (args: string[]): { status: number; stdout: string; stderr: string } => {
  const res = spawnSync('docker', args, { encoding: 'utf8' });
  return { status: res.status ?? 1, stdout: res.stdout ?? '', stderr: res.stderr ?? '' };
};
const started: string[] = [];

afterAll(() => {
  for (const id of started) docker(['rm', '-f', id]);
});

describe.each([
  ['seldon-ts/engine:0.1.0', 'seldon-engine — the Seldon Core v1 service orchestrator'],
  ['seldon-ts/operator:0.1.0', 'seldon-operator'],
  ['seldon-ts/microservice:0.1.0', 'Usage: seldon-microservice <module>[:Export] [options]'],
])('%s', (image, helpLine) => {
  test('runs as uid 8888 and answers --help on a read-only root filesystem', () => {
    expect(docker(['image', 'inspect', '--format', '{{.Config.User}}', image]).stdout.trim()).toBe(
      '8888:8888',
    );
    const help = docker(['run', '--rm', '--read-only', '--network', 'none', image, '--help']);
    expect(help.stderr).toBe('');
    expect(help.status).toBe(0);
    expect(help.stdout).toContain(helpLine);
  });
});

test('a component image built with seldon-microservice build serves with docker run -p 9000', async () => {
  const run = docker([
    'run',
    '-d',
    '--read-only',
    '-p',
    '127.0.0.1::9000',
    'seldon-ts-examples/mock-classifier:0.1.0',
  ]);
  expect(run.status).toBe(0);
  const id = run.stdout.trim();
  started.push(id);
  const port = docker(['port', id, '9000']).stdout.trim().split(':').pop();
  const answer = await waitFor(
    'the component answering',
    async () => {
      await sleep(200);
      return predict(`http://127.0.0.1:${port}`, { data: { ndarray: [[1.0, 2.0, 5.0]] } });
    },
    30_000,
    300,
  );
  expect(answer.data).toEqual({ names: ['proba'], ndarray: [[0.43782349911420193]] });
  expect(docker(['exec', id, 'id', '-u']).stdout.trim()).toBe('8888');
});
