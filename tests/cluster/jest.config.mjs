import preset from '../../jest.preset.mjs';

// The cluster suite: a real single-node Kubernetes (scripts/kube-node), the project's images built
// from the Dockerfile, the operator installed with `kubectl apply -k deploy`. Run by `npm test`
// after the other projects, alone (--runInBand): it drives pods, not in-process servers.
export default {
  ...preset,
  displayName: 'cluster',
  testMatch: ['<rootDir>/*.test.ts'],
  globalSetup: '<rootDir>/support/global-setup.mjs',
  globalTeardown: '<rootDir>/support/global-teardown.mjs',
  testTimeout: 600000,
  verbose: true,
};
