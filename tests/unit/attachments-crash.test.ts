import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { ensureSwept } from '../../electron/services/attachments/maintenance';
import { attachmentsDir, blobFile, incomingDir, thumbFile } from '../../electron/services/attachments/storage';
import { DATABASE_FILE_NAME } from '../../electron/db/open-store';
import type { Attachment } from '../../shared/api/attachments';
import { ok, openShizhongApp, openTestApp, REPO_ROOT, RESOURCES_DIR } from '../helpers/test-context';

/**
 * "A crash between copy and commit": a process attaching and removing files through the real
 * services (tests/helpers/attachment-crash-child.ts) is killed with SIGKILL at random moments,
 * again and again on the same data folder. After every kill, before anything is repaired, no blob
 * row lacks its file (files are flushed before their row commits, removed only after). When the
 * app opens the folder again, its sweep leaves exactly the files the rows refer to, and every
 * attachment the killed process acknowledged is there.
 */

const CHILD = path.join(REPO_ROOT, 'tests', 'helpers', 'attachment-crash-child.ts');
const HOOKS = path.join(REPO_ROOT, 'tests', 'helpers', 'ts-hooks.mjs');
const KILLS = Number(process.env.ATTACHMENT_CRASH_KILLS ?? 8);

interface Ack {
  op: 'attach' | 'remove';
  id: number;
  /** announced before the call (`try`), not acknowledged after it (`ack`) */
  tried?: boolean;
}

function runAndKill(dataDir: string, seed: number, afterMs: number): Promise<{ acks: Ack[]; signal: NodeJS.Signals | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--experimental-transform-types', '--no-warnings', '--import', HOOKS, CHILD, dataDir, RESOURCES_DIR, String(seed)], {
      cwd: REPO_ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let stderr = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      const wasReady = out.includes('ready');
      out += chunk;
      if (!wasReady && out.includes('ready')) setTimeout(() => child.kill('SIGKILL'), afterMs);
    });
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (_code, signal) => {
      const acks = out
        .split('\n')
        .filter((l) => l.startsWith('ack ') || l.startsWith('try '))
        .map((l) => ({ ...(JSON.parse(l.slice(4)) as Ack), tried: l.startsWith('try ') }));
      resolve({ acks, signal, stderr });
    });
  });
}

/** Straight from the file, read-only, the way the killed process left it. */
function rowsNow(dataDir: string) {
  const db = new SQLite(path.join(dataDir, DATABASE_FILE_NAME), { readonly: true });
  try {
    return {
      attachments: db.prepare('SELECT id, blob_sha256 AS sha FROM attachments ORDER BY id').all() as Array<{ id: number; sha: string }>,
      blobs: db.prepare('SELECT sha256, thumb_bytes FROM attachment_blobs ORDER BY sha256').all() as Array<{ sha256: string; thumb_bytes: number | null }>,
    };
  } finally {
    db.close();
  }
}

const sha256 = (file: string) => crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');

describe('killed at random moments while attaching and removing', () => {
  it(`${KILLS} kills: never a row without its file; after the sweep, files = rows; every acknowledged attachment kept`, async () => {
    const setup = await openShizhongApp();
    const dataDir = setup.dataDir;
    await setup.close();

    const live = new Set<number>();
    /** removals under way when the process was killed: committed or not, either is right */
    const maybeGone = new Set<number>();
    let acked = 0;
    let orphansLeft = 0;
    let seed = 20261122;
    for (let k = 0; k < KILLS; k++) {
      const run = await runAndKill(dataDir, seed++, 150 + Math.floor(Math.random() * 2500));
      expect(run.signal, run.stderr.slice(0, 2000)).toBe('SIGKILL');
      for (const ack of run.acks) {
        if (ack.tried) maybeGone.add(ack.id);
        else if (ack.op === 'attach') live.add(ack.id);
        else live.delete(ack.id);
        if (!ack.tried) maybeGone.delete(ack.id);
        if (!ack.tried) acked++;
      }
      // as the kill left it: every row's file is there, whole
      const now = rowsNow(dataDir);
      for (const blob of now.blobs) {
        expect(fs.existsSync(blobFile(dataDir, blob.sha256)), `kill ${k}: blob ${blob.sha256} has no file`).toBe(true);
        expect(sha256(blobFile(dataDir, blob.sha256)), `kill ${k}: blob ${blob.sha256} is not its content`).toBe(blob.sha256);
        if (blob.thumb_bytes !== null) expect(fs.statSync(thumbFile(dataDir, blob.sha256)).size, `kill ${k}`).toBe(blob.thumb_bytes);
      }
      // what the kill caught half way: files without their row (before commit, or after a removal committed)
      const known = new Set(now.blobs.flatMap((b) => [b.sha256, `${b.sha256}.thumb.jpg`]));
      if (fs.existsSync(attachmentsDir(dataDir))) {
        orphansLeft += fs.readdirSync(attachmentsDir(dataDir), { recursive: true, withFileTypes: true }).filter((e) => e.isFile() && !known.has(e.name)).length;
      }
      // every acknowledged attachment committed (and each acknowledged removal too)
      const ids = new Set(now.attachments.map((a) => a.id));
      for (const id of live) if (!maybeGone.has(id)) expect(ids.has(id), `kill ${k}: acknowledged attachment ${id} is gone`).toBe(true);
      for (const id of maybeGone) if (!ids.has(id)) live.delete(id);
      maybeGone.clear();
    }
    expect(acked, 'the victim got some work done between kills').toBeGreaterThan(KILLS);
    console.log(`attachments crash test: ${KILLS} kills, ${acked} acknowledged calls, ${orphansLeft} files found without their row right after a kill`);

    const app = await openTestApp(dataDir);
    try {
      const unitIds = (app.store.sqlite.prepare("SELECT id FROM org_units WHERE level = 'unit' ORDER BY id LIMIT 3").all() as Array<{ id: number }>).map((u) => u.id);
      let listed = 0;
      for (const ownerId of unitIds) listed += ok<Attachment[]>(await app.call('attachments.list', { ownerEntity: 'org_unit', ownerId })).length; // the first use sweeps
      const report = await ensureSwept(app.ctx);
      expect(report.missing, 'no row without its file').toEqual([]);
      const { attachments, blobs } = rowsNow(dataDir);
      expect(listed).toBe(attachments.length);
      expect(new Set(attachments.map((a) => a.sha))).toEqual(new Set(blobs.map((b) => b.sha256)));
      const files = fs.existsSync(attachmentsDir(dataDir)) ? fs.readdirSync(attachmentsDir(dataDir), { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => e.name).sort() : [];
      const expected = blobs.flatMap((b) => (b.thumb_bytes === null ? [b.sha256] : [b.sha256, `${b.sha256}.thumb.jpg`])).sort();
      expect(files, 'after the sweep: exactly the files the rows refer to').toEqual(expected);
      expect(fs.existsSync(incomingDir(dataDir)) ? fs.readdirSync(incomingDir(dataDir)) : [], 'no upload left waiting from a dead process').toEqual([]);
      expect(app.store.sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
    } finally {
      await app.close();
    }
  }, 600_000);
});
