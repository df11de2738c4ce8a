import { defineConfig } from 'vitest/config';

/** `npm run bench`: timing runs under tests/bench, kept out of `npm test`. */
export default defineConfig({
  test: { include: ['tests/bench/**/*.bench.ts'], globalSetup: ['tests/helpers/global-setup.ts'], pool: 'forks', testTimeout: 600_000, fileParallelism: false },
});
