#!/usr/bin/env node
/**
 * `npm run bench`: performance targets live here, not in timed unit tests.
 * Runs the TypeScript benchmarks under tests/bench with vitest's bench runner and prints
 * their tables. Each benchmark states its target in its name.
 */
import { spawnSync } from 'node:child_process';

const result = spawnSync('vitest', ['run', '--config', 'vitest.bench.config.ts', ...process.argv.slice(2)], { stdio: 'inherit', shell: process.platform === 'win32' });
process.exit(result.status ?? 1);
