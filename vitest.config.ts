import { defineConfig } from 'vitest/config';

// One command runs every tier. Unit tests run twice, under the Vietnamese time zone and under UTC,
// because deadline arithmetic must not depend on the server's zone. `npm test`
// (scripts/run-tests.mjs) runs the e2e project and the others as two vitest processes at once:
// vitest itself queues both serial projects behind each other (decision 0081).
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit-hcm',
          include: ['src/**/*.test.ts', 'bots/**/*.test.ts', 'workers/**/*.test.ts'],
          env: { TZ: 'Asia/Ho_Chi_Minh' },
          setupFiles: ['test/helpers/assert-time-zone.ts', 'test/helpers/fast-check-seed.ts'],
        },
      },
      {
        test: {
          name: 'unit-utc',
          include: ['src/**/*.test.ts', 'bots/**/*.test.ts', 'workers/**/*.test.ts'],
          env: { TZ: 'UTC' },
          setupFiles: ['test/helpers/assert-time-zone.ts', 'test/helpers/fast-check-seed.ts'],
        },
      },
      {
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          env: { TZ: 'UTC' },
          testTimeout: 60_000,
          hookTimeout: 120_000,
          // Files have their own database and queue prefix, but two at once on a loaded 2-core
          // machine timed out (docs/decisions/0025).
          fileParallelism: false,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          // The app and the command line run from dist/, as in production (decision 0043).
          globalSetup: ['test/helpers/build-dist.ts'],
          testTimeout: 120_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
