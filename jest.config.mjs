// One Jest run over every project. Run-wide settings (testTimeout) must live here:
// Jest ignores them in the per-project configs.
export default {
  projects: ['<rootDir>/packages/*', '<rootDir>/apps/*', '<rootDir>/tests'],
  testTimeout: 30000,
};
