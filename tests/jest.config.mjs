import preset from '../jest.preset.mjs';

// Repository-wide tests: published artefacts (npm pack + install), docs and options tables.
export default { ...preset, displayName: 'repo', testMatch: ['<rootDir>/*.test.ts'], testTimeout: 300000 };
