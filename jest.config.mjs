// One Jest run over every project. Run-wide settings (testTimeout) must live here:
// Jest ignores them in the per-project configs.
export default {
  projects: ['<rootDir>/packages/*', '<rootDir>/apps/*', '<rootDir>/tests'],
  testTimeout: 30000,
  // One worker runs every suite on a 2-core machine, and what ~140 suites leave behind (module
  // registries, native modules such as ONNX Runtime) adds up: in one CI run the worker held 1.9 GB
  // and the Jest phase took 29 minutes (8 before the model servers came). A worker holding more
  // than this after a suite is replaced by a fresh one.
  workerIdleMemoryLimit: '800MB',
};
