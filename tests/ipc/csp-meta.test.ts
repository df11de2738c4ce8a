import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../electron/core/csp';
import { REPO_ROOT } from '../helpers/test-context';

/**
 * renderer/index.html repeats the Content-Security-Policy as a <meta> tag (the app:// handler and
 * the headless host also send it as a header), so the page is covered however it is loaded and
 * Electronegativity (npm run check:electron) can read and evaluate it. The two must not drift.
 */
const html = fs.readFileSync(path.join(REPO_ROOT, 'renderer', 'index.html'), 'utf8');
/** Directives a <meta> policy may not carry: browsers ignore them there and log a console error. */
const HEADER_ONLY = ['frame-ancestors', 'report-uri', 'sandbox'];

function metaPolicies(source: string): string[] {
  return [...source.matchAll(/<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]*)"\s*\/?>/gi)].map((m) => m[1]!);
}

describe('Content-Security-Policy <meta> in renderer/index.html', () => {
  it('is the policy of electron/core/csp.ts, less the directives a <meta> cannot carry', () => {
    const expected = CONTENT_SECURITY_POLICY.split(';')
      .map((d) => d.trim())
      .filter((d) => !HEADER_ONLY.includes(d.split(/\s+/)[0]!))
      .join('; ');
    expect(metaPolicies(html)).toEqual([expected]);
    expect(html.match(/Content-Security-Policy/gi)?.length, 'exactly one CSP meta tag').toBe(1);
  });

  it('comes before any script, so it governs all of them', () => {
    const meta = html.search(/<meta\s+http-equiv="Content-Security-Policy"/i);
    const firstScript = html.search(/<script/i);
    expect(meta).toBeGreaterThan(-1);
    expect(firstScript === -1 || meta < firstScript).toBe(true);
  });
});
