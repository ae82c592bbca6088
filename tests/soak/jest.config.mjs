import preset from '../../jest.preset.mjs';

// The soak suite: issue 17's full-size payload-logging delivery (20,000 events at a 100 events/s
// sink, a 20 s outage, kill -9 with thousands spooled). Minutes of mostly idle waiting, so it is not
// in the main Jest run: `npm run test:soak` alone, and `npm test` runs it beside the cluster suite.
// It spawns the built engine CLI (apps/engine/dist/cli.js): build the engine first.
export default {
  ...preset,
  displayName: 'soak',
  testMatch: ['<rootDir>/*.test.ts'],
  testTimeout: 300000,
  verbose: true,
};
