import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/unit/**/*.test.ts', 'tests/electron/**/*.test.ts', 'tests/server/**/*.test.ts', 'tests/sim/**/*.test.ts'],
    environment: 'node',
    setupFiles: ['tests/setup/fake-indexeddb.ts'],
    testTimeout: 30000,
    pool: 'forks',
  },
});
