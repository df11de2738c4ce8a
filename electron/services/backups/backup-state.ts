import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { DEFAULT_LOCATION, type BackupRef } from '../../../shared/api/backups';
import { ATTACHMENTS_DIR, MANIFEST_FILE, type BackupManifest } from '../../db/backup-folder';
import type { AppServices } from '../context';
import { DomainError } from '../errors';

/**
 * 数据备份: backups of the database and the attachments (automatic, manual, before a restore,
 * before an import), listing and verifying them, and restoring one — undoably, because the
 * current data is backed up first. The folder format lives in electron/db/backup-folder.ts.
 *
 * This file holds what the others share: where backups and work folders live, and the
 * in-memory state of one app (the folders the user chose, the full checks made). Beside it:
 * backup-make.ts (writing one), backup-overview.ts (listing), backup-verify.ts (the full check),
 * backup-restore.ts and backup-swap.ts (restoring, undoing), backup-automatic.ts (the daily
 * backup and retention, whose rule is in retention.ts).
 */

export const BACKUPS_DIR_NAME = 'backups';
export const WORK_DIR_PREFIXES = ['.restore-', '.verify-'];

export const backupsDirOf = (ctx: Pick<AppServices, 'dataDir'>) => path.join(ctx.dataDir, BACKUPS_DIR_NAME);
export const attachmentsDirOf = (ctx: Pick<AppServices, 'dataDir'>) => path.join(ctx.dataDir, ATTACHMENTS_DIR);

// ---------------------------------------------------------------------------------------------
// In-memory state of one app: the folders the user chose (opaque handles) and full checks done.

export interface Location {
  dir: string;
  label: string;
}
interface BackupState {
  locations: Map<string, Location>;
  /**
   * folder path → the full check made (passed, or the problem it found), valid while the files'
   * sizes and times are unchanged
   */
  verified: Map<string, { stamp: string; at: string; problem?: string }>;
}
const states = new WeakMap<object, BackupState>();

/** One state per app context: keyed by its session store, which lives as long as the app. */
export function stateOf(ctx: Pick<AppServices, 'sessions'>): BackupState {
  let state = states.get(ctx.sessions);
  if (!state) {
    state = { locations: new Map(), verified: new Map() };
    states.set(ctx.sessions, state);
  }
  return state;
}

export function registerLocation(ctx: AppServices, dir: string, label: string): string {
  const state = stateOf(ctx);
  for (const [handle, loc] of state.locations) if (loc.dir === dir) return handle;
  const handle = crypto.randomBytes(12).toString('base64url');
  state.locations.set(handle, { dir, label });
  if (state.locations.size > 50) state.locations.delete(state.locations.keys().next().value!);
  return handle;
}

export function resolveLocation(ctx: AppServices, location: string | undefined): Location {
  if (!location || location === DEFAULT_LOCATION) return { dir: backupsDirOf(ctx), label: backupsDirOf(ctx) };
  const loc = stateOf(ctx).locations.get(location);
  if (!loc) throw new DomainError('NOT_FOUND', '所选的备份位置已失效（程序重新启动后需要重新选择），请重新选择文件夹。');
  return loc;
}

export function resolveBackup(ctx: AppServices, ref: BackupRef): { dir: string; location: Location } {
  const location = resolveLocation(ctx, ref.location);
  const base = path.resolve(location.dir);
  const dir = path.join(base, ref.name);
  if (path.dirname(dir) !== base || !fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) {
    throw new DomainError('NOT_FOUND', `找不到备份“${ref.name}”，它可能已被移走或删除（或 U 盘已拔出）。`);
  }
  return { dir, location };
}

/** A fresh work folder in the data directory (for a check or a restore); removeLeftovers knows its prefixes. */
export function workDir(ctx: AppServices, prefix: string): string {
  return path.join(ctx.dataDir, `${prefix}${crypto.randomBytes(6).toString('hex')}`);
}

/** Changes when any file of the backup changes size or time: a full check stays valid until then. */
export function checkStamp(dir: string, manifest: BackupManifest): string {
  const parts = [MANIFEST_FILE, ...manifest.files.map((f) => f.path)].map((rel) => {
    try {
      const s = fs.statSync(path.join(dir, ...rel.split('/')));
      return `${s.size}:${s.mtimeMs}`;
    } catch {
      return 'missing';
    }
  });
  return parts.join('|');
}
