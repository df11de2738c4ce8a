import fs from 'node:fs';
import path from 'node:path';
import { DEFAULT_LOCATION, type BackupEntry } from '../../../shared/api/backups';
import { PARTIAL_PREFIX } from '../../db/backup-folder';
import { forCall, SYSTEM_ACTOR, type AppServices, type ServiceContext } from '../context';
import { backupNow } from './backup-make';
import { listLocation } from './backup-overview';
import { WORK_DIR_PREFIXES, backupsDirOf } from './backup-state';
import { RETENTION, backupsToKeep, dayKey } from './retention';

/**
 * Automatic backups: at most one a day while the app runs, then the retention rule (retention.ts)
 * applied to them; and the clean-up of what an interrupted check, backup or restore left behind.
 */

/** Deletes the automatic backups the retention rule does not keep; returns their names. */
export function pruneAutomaticBackups(ctx: AppServices): string[] {
  const dir = backupsDirOf(ctx);
  const autos = listLocation(ctx, dir, DEFAULT_LOCATION)
    .filter((b) => b.kind === 'auto' && b.check.state !== 'problem' && b.createdAt)
    .map((b) => ({ name: b.name, createdAt: new Date(b.createdAt!) }));
  const keep = backupsToKeep(autos, RETENTION);
  const removed: string[] = [];
  for (const b of autos) {
    if (keep.has(b)) continue;
    fs.rmSync(path.join(dir, b.name), { recursive: true, force: true });
    removed.push(b.name);
  }
  return removed;
}

/**
 * Removes what an interrupted check, backup or restore left behind: copies only. A restore's
 * work folder that still holds the replaced data (`previous/`, after a crash in the middle of
 * swapping files) is kept for a person to look at.
 */
export function removeLeftovers(ctx: AppServices) {
  for (const [dir, prefixes] of [
    [ctx.dataDir, WORK_DIR_PREFIXES],
    [backupsDirOf(ctx), [PARTIAL_PREFIX]],
  ] as const) {
    let names: string[];
    try {
      names = fs.readdirSync(dir);
    } catch {
      continue;
    }
    for (const name of names) {
      if (!prefixes.some((p) => name.startsWith(p))) continue;
      if (name.startsWith('.restore-') && fs.existsSync(path.join(dir, name, 'previous'))) continue;
      fs.rmSync(path.join(dir, name), { recursive: true, force: true });
    }
  }
}

const systemContext = (app: AppServices): ServiceContext => forCall(app, { actor: SYSTEM_ACTOR, session: null, caller: { token: null, setToken: () => {} } });

/**
 * Today's automatic backup, if there is none from today yet (so at most one a day; the first
 * start of a day makes it), then retention. Runs as an ordinary call, never beside a restore.
 */
export async function runAutomaticBackupIfDue(app: AppServices): Promise<BackupEntry | null> {
  return app.gate.shared(async () => {
    const ctx = systemContext(app);
    removeLeftovers(ctx);
    const now = ctx.now();
    const newest = listLocation(ctx, backupsDirOf(ctx), DEFAULT_LOCATION).find((b) => b.kind === 'auto' && b.check.state !== 'problem' && b.createdAt);
    if (newest && dayKey(new Date(newest.createdAt!)) === dayKey(now) && now.getTime() - Date.parse(newest.createdAt!) < 86_400_000) return null;
    const entry = await backupNow(ctx, 'auto');
    pruneAutomaticBackups(ctx);
    return entry;
  });
}

export interface AutomaticBackups {
  stop(): void;
}

/**
 * Starts the automatic backups: a minute after start (the window is up and the first screens
 * have loaded by then; a clerk who closes the app sooner gets the day's backup at the next
 * start), then hourly — an app left open over midnight makes the next day's backup. Failures
 * are logged (and recorded as backup_failed).
 */
export function startAutomaticBackups(
  app: AppServices,
  options: { log?: (message: string, error?: unknown) => void; delayMs?: number; intervalMs?: number } = {},
): AutomaticBackups {
  let stopped = false;
  const run = () => {
    if (stopped) return;
    runAutomaticBackupIfDue(app).catch((error: unknown) => options.log?.('automatic backup failed', error));
  };
  const first = setTimeout(run, options.delayMs ?? 60_000);
  const every = setInterval(run, options.intervalMs ?? 60 * 60_000);
  first.unref?.();
  every.unref?.();
  return {
    stop() {
      stopped = true;
      clearTimeout(first);
      clearInterval(every);
    },
  };
}
