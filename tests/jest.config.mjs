import preset from '../jest.preset.mjs';

// Repository-wide tests: published artefacts (npm pack + install), docs and options tables.
// The cluster and soak suites have Jest configs of their own and run apart from the main run
// (scripts/test.mjs): their folders are kept out of this project.
export default {
  ...preset,
  displayName: 'repo',
  testMatch: ['<rootDir>/*.test.ts'],
  testPathIgnorePatterns: ['/node_modules/', '<rootDir>/cluster/', '<rootDir>/soak/'],
  testTimeout: 300000,
};
