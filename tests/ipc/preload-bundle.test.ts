import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../helpers/test-context';

/**
 * A sandboxed preload can require only 'electron' (and a few Node built-ins): any other
 * require() throws when the window loads, window.api is then missing and every page fails.
 * So: build the real preload with the project's own electron.vite.config.ts (in memory) and
 * check the one CommonJS file it produces.
 */
describe('preload bundle', () => {
  it('is a single CommonJS file that requires nothing but electron', { timeout: 60_000 }, async () => {
    const { resolveConfig } = await import('electron-vite');
    const { build } = await import('vite');
    const nodeEnv = process.env.NODE_ENV;
    let output: unknown;
    try {
      const resolved = await resolveConfig(
        { root: REPO_ROOT, configFile: path.join(REPO_ROOT, 'electron.vite.config.ts'), logLevel: 'silent', build: { write: false } },
        'build',
        'production',
      );
      const preload = resolved.config?.preload;
      expect(preload, 'electron.vite.config.ts has no preload build').toBeDefined();
      output = await build(preload!);
    } finally {
      process.env.NODE_ENV = nodeEnv;
    }
    const results = (Array.isArray(output) ? output : [output]) as Array<{ output: Array<{ type: string; fileName: string; code?: string }> }>;
    const chunks = results.flatMap((r) => r.output).filter((o) => o.type === 'chunk');
    expect(chunks.map((c) => c.fileName)).toEqual(['preload.cjs']);
    const code = chunks[0]!.code!;
    expect(code).not.toMatch(/^\s*import\s|^\s*export\s/m);
    const required = [...new Set([...code.matchAll(/\brequire\(\s*["']([^"']+)["']\s*\)/g)].map((m) => m[1]))];
    expect(
      required,
      'the sandboxed preload may only require("electron"); bundle its dependencies (electron.vite.config.ts → preload.build.externalizeDeps: false)',
    ).toEqual(['electron']);
    expect(code).toContain('exposeInMainWorld');
  });
});
