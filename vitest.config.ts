import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'fixtures/**/*.test.ts', 'electron/**/*.test.ts', 'scripts/**/*.test.ts'],
    exclude: ['src/ui/e2e/**', 'node_modules/**'],
    environment: 'node',
    testTimeout: 60_000,
    pool: 'forks',
    // Memory tests measure what is retained after a collection, not garbage timing.
    execArgv: ['--expose-gc'],
  },
});
