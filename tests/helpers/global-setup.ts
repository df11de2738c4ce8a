import { execFileSync } from 'node:child_process';
import path from 'node:path';

/**
 * The services read the national division list from resources/divisions, which is generated
 * (not committed). Build it before any test runs; the script skips when it is up to date.
 */
export default function setup() {
  const root = path.resolve(import.meta.dirname, '..', '..');
  execFileSync(process.execPath, [path.join(root, 'scripts', 'build-divisions.mjs')], { stdio: 'inherit' });
}
