import fs from 'node:fs';
import path from 'node:path';
import { listFiles } from '../../db/backup-folder';
import type { AppServices } from '../context';
import { attachmentsDir, blobFile, incomingDir, removeFile, SHA256_PATTERN, THUMB_SUFFIX, withAttachmentFiles } from './storage';
import { uploadsOf } from './uploads';

/**
 * The sweep: what a crash can leave between a file and its row, put right. Files are written and
 * flushed before their row is committed, and removed only after their row's deletion is committed,
 * so the one thing a crash (or a failed commit whose clean-up failed too) can leave is a file
 * without a row — swept here. A row without its file must never arise; if one is found (a data
 * folder copied by hand without its attachments), it is reported, never "fixed" by deleting data.
 *
 * It runs once for every store an app opens — on the first use of attachments after the start
 * and again after a restore has swapped the data — under the attachments lock, so it never sees
 * an attach or a removal half done.
 */

export interface SweepReport {
  /** files under attachments/ that no row refers to (removed) */
  orphans: string[];
  /** files in attachments-incoming/ no waiting upload holds (removed) */
  incoming: string[];
  /** blob rows whose file is not there (reported; the row stays) */
  missing: string[];
  /** files under attachments/ the store did not write (left alone) */
  foreign: string[];
}

export async function sweepAttachments(app: Pick<AppServices, 'db' | 'dataDir' | 'sessions' | 'now'>): Promise<SweepReport> {
  return withAttachmentFiles(app.dataDir, () => sweepLocked(app));
}

async function sweepLocked(app: Pick<AppServices, 'db' | 'dataDir' | 'sessions' | 'now'>): Promise<SweepReport> {
  const rows = await app.db.selectFrom('attachment_blobs').select(['sha256', 'thumb_bytes']).execute();
  const thumbOf = new Map(rows.map((r) => [r.sha256, r.thumb_bytes !== null]));
  const report: SweepReport = { orphans: [], incoming: [], missing: [], foreign: [] };
  const root = attachmentsDir(app.dataDir);
  for (const rel of listFiles(root)) {
    const [dir, name, ...deeper] = rel.split('/');
    const sha = name?.slice(0, 64) ?? '';
    const ours = deeper.length === 0 && dir !== undefined && name !== undefined && SHA256_PATTERN.test(sha) && dir === sha.slice(0, 2);
    const rest = name?.slice(64) ?? '';
    if (!ours || !(rest === '' || rest === THUMB_SUFFIX || /^\.[0-9a-f]{12}\.tmp$/.test(rest))) {
      report.foreign.push(rel);
      continue;
    }
    const wanted = rest === '' ? thumbOf.has(sha) : rest === THUMB_SUFFIX ? thumbOf.get(sha) === true : false;
    if (!wanted && (await removeFile(path.join(root, dir!, name!)))) report.orphans.push(rel);
  }
  for (const { sha256 } of rows) if (!fs.existsSync(blobFile(app.dataDir, sha256))) report.missing.push(sha256);

  const live = uploadsOf(app).liveFiles();
  const incoming = incomingDir(app.dataDir);
  for (const rel of listFiles(incoming)) {
    const file = path.join(incoming, ...rel.split('/'));
    if (!live.has(file) && (await removeFile(file))) report.incoming.push(rel);
  }
  return report;
}

/** The stores already swept (a restore opens a new one: swept again). */
const swept = new WeakMap<object, Promise<SweepReport>>();

/** Sweeps once per opened store; a failing sweep is tried again on the next use. */
export function ensureSwept(app: Pick<AppServices, 'db' | 'store' | 'dataDir' | 'sessions' | 'now'>): Promise<SweepReport> {
  let done = swept.get(app.store);
  if (!done) {
    done = sweepAttachments(app).then((report) => {
      if (report.missing.length > 0) console.error(`[基层党建台账] 附件文件缺失（数据目录中没有这些文件）：${report.missing.join(', ')}`);
      return report;
    });
    swept.set(app.store, done);
    const store = app.store;
    done.catch(() => swept.delete(store));
  }
  return done;
}

/** Sweeps again on the next use (a file that could not be removed yet, e.g. open in another program on Windows). */
export function sweepAgain(app: Pick<AppServices, 'store'>): void {
  swept.delete(app.store);
}
