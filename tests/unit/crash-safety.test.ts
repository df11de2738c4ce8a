import { spawn } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openStore, type Store } from '../../electron/db/open-store';
import { REPO_ROOT, tempDir } from '../helpers/test-context';

/**
 * The "kill -9" requirement: a writer process (tests/helpers/crash-writer.mjs, run by
 * this project's Node) commits business transactions, each with its audit row, and is killed
 * with SIGKILL at random moments, a couple of hundred times. Afterwards the database opens with
 * the real openStore, passes integrity_check and foreign_key_check, holds every write the writer
 * acknowledged, and every change has its audit row and every audit row its change.
 */

const WRITER = path.join(REPO_ROOT, 'tests', 'helpers', 'crash-writer.mjs');
const KILLS = Number(process.env.CRASH_KILLS ?? 200);

interface Ack {
  op: 'street' | 'units' | 'update';
  ids: number[];
  notes: string[];
}

interface Run {
  acks: Ack[];
  settings: Record<string, unknown> | null;
  signal: NodeJS.Signals | null;
  stderr: string;
}

/** Starts the writer, kills it with SIGKILL `afterMs` after it is ready (or, if `early`, that long after spawning). */
function runAndKill(file: string, seed: number, afterMs: number, early: boolean): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [WRITER, file, String(seed)], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let stderr = '';
    let timer: NodeJS.Timeout | undefined;
    const kill = () => child.kill('SIGKILL');
    if (early) timer = setTimeout(kill, afterMs);
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      const wasReady = out.includes('\n');
      out += chunk;
      if (!early && !wasReady && out.includes('\n')) timer = setTimeout(kill, afterMs);
    });
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const guard = setTimeout(kill, 10_000); // never hang the suite
    child.on('error', reject);
    child.on('exit', (_code, signal) => {
      clearTimeout(timer);
      clearTimeout(guard);
      // only complete lines count: a line cut by the kill was never acknowledged
      const lines = out.split('\n').slice(0, -1);
      const ready = lines.find((l) => l.startsWith('ready '));
      resolve({
        acks: lines.filter((l) => l.startsWith('ack ')).map((l) => JSON.parse(l.slice(4)) as Ack),
        settings: ready ? (JSON.parse(ready.slice(6)) as Record<string, unknown>) : null,
        signal,
        stderr,
      });
    });
  });
}

interface AuditRow {
  id: number;
  action: string;
  entity_id: string;
  before_json: string | null;
  after_json: string;
}
interface UnitRow {
  id: number;
  code: string;
  note: string | null;
  level: string;
  parent_id: number | null;
}

/** Everything the writer acknowledged is there; changes and audit rows match one for one. */
function checkConsistency(store: Store, acks: Ack[]) {
  const sqlite = store.sqlite;
  expect(sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
  expect(sqlite.pragma('foreign_key_check')).toEqual([]);

  const units = new Map((sqlite.prepare("SELECT id, code, note, level, parent_id FROM org_units WHERE code LIKE '9%'").all() as UnitRow[]).map((u) => [u.id, u]));
  const audit = sqlite.prepare("SELECT id, action, entity_id, before_json, after_json FROM audit_log WHERE actor = '崩溃测试' ORDER BY id").all() as AuditRow[];

  // every acknowledged write is present
  for (const ack of acks) {
    for (const id of ack.ids) expect(units.has(id), `acknowledged ${ack.op} of ${id}`).toBe(true);
    if (ack.op === 'update') {
      const [id] = ack.ids;
      expect(audit.some((a) => a.action === 'update' && a.entity_id === String(id) && JSON.parse(a.after_json).note === ack.notes[0])).toBe(true);
    }
  }

  // each unit: exactly one create row, then a chain of update rows whose last `after` is the unit's state
  const byUnit = new Map<number, AuditRow[]>();
  for (const a of audit) {
    const id = Number(a.entity_id);
    expect(units.has(id), `audit row ${a.id} without its change`).toBe(true);
    byUnit.set(id, [...(byUnit.get(id) ?? []), a]);
  }
  for (const unit of units.values()) {
    const rows = byUnit.get(unit.id) ?? [];
    expect(rows.length, `unit ${unit.id} without its audit row`).toBeGreaterThan(0);
    expect(rows[0]!.action).toBe('create');
    expect(JSON.parse(rows[0]!.after_json).code).toBe(unit.code);
    expect(rows.filter((r) => r.action === 'create')).toHaveLength(1);
    for (let i = 1; i < rows.length; i++) expect(JSON.parse(rows[i]!.before_json!).note).toBe(JSON.parse(rows[i - 1]!.after_json).note);
    expect(JSON.parse(rows.at(-1)!.after_json).note).toBe(unit.note);
  }

  // a batch of units is all there or not at all
  const batches = new Map<string, { size: number; seen: number }>();
  for (const a of audit) {
    const after = JSON.parse(a.after_json) as { note: string; batch?: number };
    if (a.action !== 'create' || after.batch === undefined) continue;
    const b = batches.get(after.note) ?? { size: after.batch, seen: 0 };
    b.seen++;
    batches.set(after.note, b);
  }
  for (const [note, b] of batches) expect(b.seen, `batch ${note}`).toBe(b.size);
  return { units: units.size, audit: audit.length, batches: batches.size };
}

/** Connection settings as openStore leaves them, which the writer must use too. */
function connectionSettings(store: Store) {
  const read = (name: string) => store.sqlite.pragma(name, { simple: true });
  return {
    journal_mode: read('journal_mode'),
    synchronous: read('synchronous'),
    foreign_keys: read('foreign_keys'),
    busy_timeout: read('busy_timeout'),
    trusted_schema: read('trusted_schema'),
  };
}

/** One database, killed `kills` times in a row; returns what it saw. */
async function lane(kills: number, firstSeed: number) {
  const dir = tempDir('gd-crash-');
  // the schema comes from the real store; the writer uses the same connection settings
  const created = await openStore({ dataDir: dir });
  const file = created.file;
  const expectedSettings = connectionSettings(created);
  await created.close();

  const acks: Ack[] = [];
  let killed = 0;
  let seed = firstSeed;
  for (let i = 0; i < kills; i++) {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    const early = i % 10 === 9; // sometimes while it is still opening the database
    const run = await runAndKill(file, seed, early ? seed % 120 : seed % 100, early);
    expect(run.stderr, 'writer error output').toBe('');
    if (run.settings) expect(run.settings).toEqual(expectedSettings);
    if (run.signal === 'SIGKILL') killed++;
    acks.push(...run.acks);
    // now and then, and at the end: open it as the app does and check everything
    if (i % 20 === 19 || i === kills - 1) {
      const store = await openStore({ dataDir: dir });
      try {
        checkConsistency(store, acks);
      } finally {
        await store.close();
      }
    }
  }
  const store = await openStore({ dataDir: dir });
  try {
    return { killed, acks: acks.length, ...checkConsistency(store, acks) };
  } finally {
    await store.close();
  }
}

describe('crash safety: SIGKILL at random moments', () => {
  // four databases side by side, to get a couple of hundred kills done in well under a minute
  const LANES = 4;
  it(`${KILLS} kills: integrity, foreign keys, every acknowledged write, audit rows one for one with changes`, async () => {
    const started = Date.now();
    const results = await Promise.all(Array.from({ length: LANES }, (_, i) => lane(Math.ceil(KILLS / LANES), 20261122 + i * 7919)));
    const total = results.reduce(
      (t, r) => ({ killed: t.killed + r.killed, acks: t.acks + r.acks, units: t.units + r.units, audit: t.audit + r.audit, batches: t.batches + r.batches }),
      { killed: 0, acks: 0, units: 0, audit: 0, batches: 0 },
    );
    expect(total.killed).toBe(LANES * Math.ceil(KILLS / LANES));
    // it really wrote a lot between the kills
    expect(total.acks).toBeGreaterThan(total.killed);
    for (const r of results) expect(r.units).toBeGreaterThan(20);
    console.log(
      `crash test: ${total.killed} kills, ${total.acks} acknowledged transactions, ${total.units} rows, ${total.audit} audit rows, ${total.batches} batches, ${Date.now() - started} ms`,
    );
  }, 180_000);
});
