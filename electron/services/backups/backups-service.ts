import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import {
  BACKUP_KIND_LABELS,
  DEFAULT_LOCATION,
  type BackupCheck,
  type BackupEntry,
  type BackupKind,
  type BackupOverview,
  type BackupRef,
  type ChooseFolderResult,
  type LastRestore,
  type RestoreResult,
} from '../../../shared/api/backups';
import {
  ATTACHMENTS_DIR,
  BACKUP_DATABASE_FILE,
  BACKUP_FOLDER_PREFIX,
  BackupProblem,
  MANIFEST_FILE,
  PARTIAL_PREFIX,
  folderSize,
  quickCheck,
  stageAndVerify,
  writeBackupFolder,
  type BackupIo,
  type BackupManifest,
} from '../../db/backup-folder';
import { writeAudit } from '../audit';
import { forCall, SYSTEM_ACTOR, type Actor, type AppServices, type ServiceContext } from '../context';
import { DomainError } from '../errors';
import { RETENTION, backupsToKeep, dayKey } from './retention';

/**
 * 数据备份: backups of the database and the attachments (automatic, manual, before a restore,
 * before an import), listing and verifying them, and restoring one — undoably, because the
 * current data is backed up first. The folder format lives in electron/db/backup-folder.ts.
 */

export const BACKUPS_DIR_NAME = 'backups';
/** another session active within this window blocks a restore */
export const RESTORE_BUSY_WINDOW_MS = 10 * 60_000;
const WORK_DIR_PREFIXES = ['.restore-', '.verify-'];

export const backupsDirOf = (ctx: Pick<AppServices, 'dataDir'>) => path.join(ctx.dataDir, BACKUPS_DIR_NAME);
export const attachmentsDirOf = (ctx: Pick<AppServices, 'dataDir'>) => path.join(ctx.dataDir, ATTACHMENTS_DIR);

// ---------------------------------------------------------------------------------------------
// In-memory state of one app: the folders the user chose (opaque handles) and full checks done.

interface Location {
  dir: string;
  label: string;
}
interface BackupState {
  locations: Map<string, Location>;
  /** folder path → the check made, valid while the files' sizes and times are unchanged */
  verified: Map<string, { stamp: string; at: string }>;
}
const states = new WeakMap<object, BackupState>();

/** One state per app context: keyed by its session store, which lives as long as the app. */
function stateOf(ctx: Pick<AppServices, 'sessions'>): BackupState {
  let state = states.get(ctx.sessions);
  if (!state) {
    state = { locations: new Map(), verified: new Map() };
    states.set(ctx.sessions, state);
  }
  return state;
}

function registerLocation(ctx: AppServices, dir: string, label: string): string {
  const state = stateOf(ctx);
  for (const [handle, loc] of state.locations) if (loc.dir === dir) return handle;
  const handle = crypto.randomBytes(12).toString('base64url');
  state.locations.set(handle, { dir, label });
  if (state.locations.size > 50) state.locations.delete(state.locations.keys().next().value!);
  return handle;
}

function resolveLocation(ctx: AppServices, location: string | undefined): Location {
  if (!location || location === DEFAULT_LOCATION) return { dir: backupsDirOf(ctx), label: backupsDirOf(ctx) };
  const loc = stateOf(ctx).locations.get(location);
  if (!loc) throw new DomainError('NOT_FOUND', '所选的备份位置已失效（程序重新启动后需要重新选择），请重新选择文件夹。');
  return loc;
}

function resolveBackup(ctx: AppServices, ref: BackupRef): { dir: string; location: Location } {
  const location = resolveLocation(ctx, ref.location);
  const base = path.resolve(location.dir);
  const dir = path.join(base, ref.name);
  if (path.dirname(dir) !== base || !fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) {
    throw new DomainError('NOT_FOUND', `找不到备份“${ref.name}”，它可能已被移走或删除（或 U 盘已拔出）。`);
  }
  return { dir, location };
}

// ---------------------------------------------------------------------------------------------
// Listing

const fileSize = (file: string) => {
  try {
    return fs.statSync(file).size;
  } catch {
    return 0;
  }
};

/** Changes when any file of the backup changes size or time: a full check stays valid until then. */
function checkStamp(dir: string, manifest: BackupManifest): string {
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

const timeText = (iso: string) => {
  const d = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
};

/** What the list shows for one backup folder (quick check, plus a full check made earlier). */
function describeBackup(ctx: AppServices, dir: string, ref: BackupRef): BackupEntry {
  const { manifest, problem } = quickCheck(dir);
  let check: BackupCheck;
  if (problem) check = { state: 'problem', message: problem.userMessage };
  else {
    const verified = stateOf(ctx).verified.get(dir);
    check =
      verified && manifest && verified.stamp === checkStamp(dir, manifest)
        ? { state: 'verified', message: `已完整校验（${timeText(verified.at)}）` }
        : { state: 'ok', message: '写入时已校验，文件齐全' };
  }
  const size = folderSize(dir);
  let createdAt = manifest?.createdAt ?? null;
  if (!createdAt) {
    try {
      createdAt = fs.statSync(dir).mtime.toISOString();
    } catch {
      createdAt = null;
    }
  }
  return {
    ref,
    name: ref.name,
    kind: manifest?.kind ?? null,
    createdAt,
    createdBy: manifest?.createdBy ?? null,
    appVersion: manifest?.appVersion ?? null,
    schemaVersion: manifest?.schemaVersion ?? null,
    bytes: size.bytes,
    attachmentFiles: manifest ? manifest.files.filter((f) => f.path.startsWith(`${ATTACHMENTS_DIR}/`)).length : 0,
    restoreOf: manifest?.restoreOf ?? null,
    check,
  };
}

/** A folder that is, or claims to be, a backup: ours by name, or holding a manifest or a database file. */
function looksLikeBackup(dir: string, name: string): boolean {
  if (name.startsWith(BACKUP_FOLDER_PREFIX)) return true;
  try {
    return fs.readdirSync(dir).some((f) => f === MANIFEST_FILE || f.toLowerCase().endsWith('.sqlite') || f.toLowerCase().endsWith('.db'));
  } catch {
    return false;
  }
}

/** The backups in one location, newest first. */
function listLocation(ctx: AppServices, dir: string, location: string): BackupEntry[] {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  return entries
    .filter((e) => e.isDirectory() && !e.name.startsWith('.') && looksLikeBackup(path.join(dir, e.name), e.name))
    .map((e) => describeBackup(ctx, path.join(dir, e.name), { location, name: e.name }))
    .sort((a, b) => (b.createdAt ?? '').localeCompare(a.createdAt ?? '') || b.name.localeCompare(a.name));
}

/** The most recent restore recorded in the current data, if the latest restore event is a restore (not its undo). */
async function lastRestore(ctx: AppServices): Promise<LastRestore | null> {
  const row = await ctx.db
    .selectFrom('audit_log')
    .select(['action', 'at', 'actor', 'after_json'])
    .where('action', 'in', ['restore_backup', 'undo_restore'])
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (!row || row.action !== 'restore_backup' || !row.after_json) return null;
  let after: { backup?: unknown; preRestore?: unknown };
  try {
    after = JSON.parse(row.after_json) as typeof after;
  } catch {
    return null;
  }
  if (typeof after.backup !== 'string' || typeof after.preRestore !== 'string') return null;
  const preDir = path.join(backupsDirOf(ctx), after.preRestore);
  const undoable = fs.existsSync(preDir) && quickCheck(preDir).problem === null;
  return { at: row.at, by: row.actor, backupName: after.backup, preRestoreName: after.preRestore, undoable };
}

export async function backupOverview(ctx: ServiceContext): Promise<BackupOverview> {
  const backups = listLocation(ctx, backupsDirOf(ctx), DEFAULT_LOCATION);
  const attachments = folderSize(attachmentsDirOf(ctx));
  return {
    dataDir: ctx.dataDir,
    databaseFile: ctx.databaseFile,
    databaseBytes: fileSize(ctx.databaseFile) + fileSize(`${ctx.databaseFile}-wal`),
    attachmentsDir: attachmentsDirOf(ctx),
    attachmentsBytes: attachments.bytes,
    attachmentFiles: attachments.files,
    backupsDir: backupsDirOf(ctx),
    backupsBytes: backups.reduce((sum, b) => sum + b.bytes, 0),
    schemaVersion: ctx.schemaVersion,
    backups,
    lastRestore: await lastRestore(ctx),
    retention: RETENTION,
  };
}

// ---------------------------------------------------------------------------------------------
// Making a backup

export interface BackupNowOptions {
  /** a handle from chooseFolder; default: <dataDir>/backups */
  location?: string;
  /** for 恢复前 backups: the backup about to be restored */
  restoreOf?: string | null;
  /**
   * false: write no "backup" row (a 恢复前 backup is logged by its restore's row, which names it;
   * the replaced file could not keep the row anyway). Failures are logged regardless.
   */
  audit?: boolean;
  /** test seam: the writes (a failing one simulates a full or read-only disk) */
  io?: BackupIo;
}

const errorCode = (error: unknown) =>
  typeof error === 'object' && error !== null && 'code' in error ? String((error as { code: unknown }).code) : '';

/** The Chinese reason a backup could not be written to `where`. */
export function writeFailureMessage(error: unknown, where: string): string {
  const code = errorCode(error);
  const tail = '未留下不完整的备份，当前数据没有任何改动。';
  if (['EACCES', 'EPERM', 'SQLITE_READONLY', 'SQLITE_PERM', 'SQLITE_CANTOPEN'].includes(code)) {
    return `无法写入${where}：没有写入权限（或 U 盘有写保护）。请换一个文件夹后重试。${tail}`;
  }
  if (code === 'EROFS') return `${where}是只读的（如 U 盘写保护、光盘），无法写入。请换一个位置后重试。${tail}`;
  if (['ENOSPC', 'EDQUOT', 'SQLITE_FULL'].includes(code)) return `${where}空间不足，备份没有完成。请清理空间或换一个位置后重试。${tail}`;
  if (code === 'ENOENT' || code === 'ENOTDIR') return `${where}不存在或不是文件夹（U 盘可能已拔出）。请重新选择位置。${tail}`;
  if (code === 'EIO' || code.startsWith('SQLITE_IOERR')) return `写入${where}时发生读写错误（磁盘或 U 盘可能有故障）。请换一个位置后重试。${tail}`;
  return `备份没有完成：写入${where}时出错${code ? `（${code}）` : ''}。请换一个位置或稍后重试。${tail}`;
}

/**
 * Makes one verified backup of the current data (database and attachments) and logs it. For
 * other modules too: call `backupNow(ctx, 'pre_import')` before a bulk import — before opening
 * the import's transaction, so the copy shows the data as it was. A failure is logged as
 * backup_failed and thrown as a DomainError with a Chinese message; it leaves no partial folder
 * behind.
 */
export async function backupNow(ctx: ServiceContext, kind: BackupKind, options: BackupNowOptions = {}): Promise<BackupEntry> {
  const location = resolveLocation(ctx, options.location);
  const inside = path.relative(path.resolve(attachmentsDirOf(ctx)), path.resolve(location.dir));
  if (!inside.startsWith('..') && !path.isAbsolute(inside)) {
    throw new DomainError('VALIDATION', '不能把备份存到数据目录的附件文件夹里，请换一个位置（如 U 盘或共享文件夹）。');
  }
  const where = options.location && options.location !== DEFAULT_LOCATION ? `所选位置“${location.label}”` : `备份文件夹“${location.dir}”`;
  let written;
  try {
    written = await writeBackupFolder({
      sqlite: ctx.store.sqlite,
      attachmentsDir: attachmentsDirOf(ctx),
      targetDir: location.dir,
      kind,
      createdAt: ctx.now(),
      appVersion: ctx.appVersion,
      createdBy: ctx.actor.name,
      restoreOf: options.restoreOf ?? null,
      io: options.io,
    });
  } catch (error) {
    const message = writeFailureMessage(error, where);
    try {
      await writeAudit(ctx.db, ctx, {
        action: 'backup_failed',
        entity: 'backup',
        entityId: BACKUP_KIND_LABELS[kind],
        after: { kind, location: location.label, error: `${errorCode(error) || 'ERROR'}: ${String((error as Error)?.message ?? error).slice(0, 300)}` },
      });
    } catch {
      // the data disk itself may be full: the refusal stands without its log row
    }
    throw new DomainError('VALIDATION', message);
  }
  const entry = describeBackup(ctx, written.dir, { location: options.location ?? DEFAULT_LOCATION, name: written.name });
  if (options.audit === false) return entry;
  try {
    await writeAudit(ctx.db, ctx, {
      action: 'backup',
      entity: 'backup',
      entityId: written.name,
      after: { kind, location: location.label, bytes: entry.bytes, files: written.manifest.files.length, restoreOf: options.restoreOf ?? undefined },
    });
  } catch (error) {
    // no backup without its log row
    fs.rmSync(written.dir, { recursive: true, force: true });
    throw error;
  }
  return entry;
}

export async function createBackup(ctx: ServiceContext, input: { location?: string | undefined }): Promise<BackupEntry> {
  return backupNow(ctx, 'manual', { location: input.location });
}

export async function chooseBackupFolder(ctx: ServiceContext, input: { purpose: 'backup' | 'restore' }): Promise<ChooseFolderResult> {
  const title = input.purpose === 'backup' ? '选择备份保存位置（U 盘或共享文件夹）' : '选择要恢复的备份文件夹';
  const chosen = await ctx.platform.chooseFolder(title);
  if (!chosen) return { chosen: false, message: '已取消：没有选择文件夹，未做任何改动。' };
  const dir = path.resolve(chosen);
  if (input.purpose === 'restore' && looksLikeBackup(dir, path.basename(dir)) && path.dirname(dir) !== dir) {
    // the chosen folder is itself a backup: its parent is the location
    const handle = registerLocation(ctx, path.dirname(dir), path.dirname(dir));
    return { chosen: true, location: { handle, label: dir }, backups: [describeBackup(ctx, dir, { location: handle, name: path.basename(dir) })] };
  }
  const handle = registerLocation(ctx, dir, dir);
  return { chosen: true, location: { handle, label: dir }, backups: listLocation(ctx, dir, handle) };
}

/** The full check (the same one a restore makes), on a scratch copy; the result is remembered for the list. */
export async function verifyBackup(ctx: ServiceContext, input: { ref: BackupRef }): Promise<BackupEntry> {
  const { dir } = resolveBackup(ctx, input.ref);
  const scratch = workDir(ctx, '.verify-');
  try {
    const manifest = await stageAndVerify(dir, scratch);
    stateOf(ctx).verified.set(dir, { stamp: checkStamp(dir, manifest), at: ctx.now().toISOString() });
    return describeBackup(ctx, dir, input.ref);
  } catch (error) {
    stateOf(ctx).verified.delete(dir);
    if (!(error instanceof BackupProblem)) throw error;
    return { ...describeBackup(ctx, dir, input.ref), check: { state: 'problem', message: error.userMessage } };
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}

function workDir(ctx: AppServices, prefix: string): string {
  return path.join(ctx.dataDir, `${prefix}${crypto.randomBytes(6).toString('hex')}`);
}

// ---------------------------------------------------------------------------------------------
// Automatic backups and retention

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

// ---------------------------------------------------------------------------------------------
// Restore

/** Refuses while another session (another window or user) was active in the last 10 minutes. */
function refuseIfOthersActive(ctx: ServiceContext) {
  const now = ctx.now().getTime();
  const others = ctx.sessions.list().filter((s) => s.token !== ctx.session?.token && now - s.lastActiveAt < RESTORE_BUSY_WINDOW_MS);
  if (others.length === 0) return;
  const names = [...new Set(others.map((s) => s.displayName || s.username))].join('、');
  throw new DomainError('CONFLICT', `另一个窗口（${names}）正在使用，请其退出后再恢复。当前数据没有任何改动。`);
}

const refusal = (error: unknown) => new DomainError('VALIDATION', `${(error as BackupProblem).userMessage}当前数据没有任何改动。`);

/** Moves a file or folder if it exists; true when it did. */
function moveIfExists(from: string, to: string): boolean {
  if (!fs.existsSync(from)) return false;
  fs.mkdirSync(path.dirname(to), { recursive: true });
  fs.renameSync(from, to);
  return true;
}

/**
 * Replaces the live database and attachments with the verified copies in `incoming`, keeping the
 * replaced ones in `previous` until the new data has opened; puts them back if it does not.
 */
async function swapInAndReopen(ctx: ServiceContext, incoming: string, previous: string): Promise<{ undo(): Promise<void> }> {
  const live = ctx.databaseFile;
  const liveAttachments = attachmentsDirOf(ctx);
  const sides = ['-wal', '-shm'];
  fs.mkdirSync(previous, { recursive: true });
  await ctx.store.close();

  let replacedDb = false;
  let movedAttachments = false;
  let placedAttachments = false;
  const putBack = () => {
    for (const side of sides) fs.rmSync(`${live}${side}`, { force: true });
    if (replacedDb) fs.renameSync(path.join(previous, BACKUP_DATABASE_FILE), live);
    for (const side of sides) moveIfExists(path.join(previous, `db${side}`), `${live}${side}`);
    if (placedAttachments) fs.rmSync(liveAttachments, { recursive: true, force: true });
    if (movedAttachments) fs.renameSync(path.join(previous, ATTACHMENTS_DIR), liveAttachments);
  };

  /** Puts the replaced files back and reopens them; if even that fails the work folder must be kept. */
  const putBackAndReopen = async (closeFirst: boolean) => {
    try {
      if (closeFirst) await ctx.store.close();
      putBack();
      await ctx.reopenStore();
    } catch (error) {
      throw new RestoreStuck(String(error));
    }
  };
  const rollBack = async (message: string): Promise<never> => {
    await putBackAndReopen(false);
    throw new DomainError('VALIDATION', message);
  };

  try {
    // the replaced database stays reachable (hard link, or a copy where links are not possible)
    try {
      fs.linkSync(live, path.join(previous, BACKUP_DATABASE_FILE));
    } catch {
      fs.copyFileSync(live, path.join(previous, BACKUP_DATABASE_FILE));
    }
    // stale -wal/-shm belong to the replaced file and must not meet the new one
    for (const side of sides) moveIfExists(`${live}${side}`, path.join(previous, `db${side}`));
    fs.renameSync(path.join(incoming, BACKUP_DATABASE_FILE), live); // atomic replace
    replacedDb = true;
    movedAttachments = moveIfExists(liveAttachments, path.join(previous, ATTACHMENTS_DIR));
    fs.renameSync(path.join(incoming, ATTACHMENTS_DIR), liveAttachments);
    placedAttachments = true;
  } catch (error) {
    const code = errorCode(error);
    const hint = code === 'EBUSY' || code === 'EPERM' || code === 'EACCES' ? '，附件或数据文件可能正被其他程序打开' : '';
    await rollBack(`恢复没有完成：替换数据文件时出错（${code || String(error).slice(0, 80)}${hint}）。原来的数据已放回，没有任何改动。`);
  }

  try {
    await ctx.reopenStore(); // runs the migrations when the backup is older
  } catch (error) {
    const detail = (error as { userMessage?: string }).userMessage ?? String(error).slice(0, 120);
    await rollBack(`恢复没有完成：备份中的数据无法打开（${detail}）。原来的数据已放回，没有任何改动。`);
  }
  return { undo: () => putBackAndReopen(true) };
}

/** A restore that failed and could not put the replaced data back: its work folder is evidence and must stay. */
class RestoreStuck extends Error {
  constructor(detail: string) {
    super(`restore failed and the replaced data could not be put back: ${detail}`);
    this.name = 'RestoreStuck';
  }
}

/** Keeps each session whose account is in the restored data unchanged; ends the others. */
async function reconcileSessions(ctx: ServiceContext): Promise<boolean> {
  let callerKept = false;
  for (const session of ctx.sessions.list()) {
    const user = await ctx.db.selectFrom('users').select(['id', 'username', 'role', 'active']).where('id', '=', session.userId).executeTakeFirst();
    const same = user && user.username === session.username && user.role === session.role && user.active === 1;
    if (same) {
      if (session.token === ctx.session?.token) callerKept = true;
    } else ctx.sessions.end(session.token);
  }
  if (ctx.session && !callerKept) ctx.caller.setToken(null);
  return ctx.session ? !callerKept : false;
}

async function restoreFrom(ctx: ServiceContext, dir: string, name: string, mode: 'restore' | 'undo', undoOf?: string): Promise<RestoreResult> {
  refuseIfOthersActive(ctx);
  const work = workDir(ctx, '.restore-');
  const incoming = path.join(work, 'incoming');
  let keepWork = false;
  try {
    let manifest: BackupManifest;
    try {
      manifest = await stageAndVerify(dir, incoming);
    } catch (error) {
      if (error instanceof BackupProblem) throw refusal(error);
      throw error;
    }

    // the current data first, so that this restore can be undone (its row is the restore's row)
    let preRestore: BackupEntry;
    try {
      preRestore = await backupNow(ctx, 'pre_restore', { restoreOf: name, audit: false });
    } catch (error) {
      const why = error instanceof DomainError ? error.message : String(error);
      throw new DomainError('VALIDATION', `恢复前无法先备份当前数据，因此没有恢复：${why}`);
    }
    const dropPreRestore = () => fs.rmSync(path.join(backupsDirOf(ctx), preRestore.name), { recursive: true, force: true });
    const stuck = () => {
      keepWork = true;
      return new DomainError(
        'INTERNAL',
        `恢复没有完成，原来的数据也未能自动放回。请关闭程序，不要删除数据目录中的“${path.basename(work)}”文件夹，并联系技术支持；` +
          `恢复前的数据已另存为备份“${preRestore.name}”，可以用它恢复。`,
      );
    };

    let swapped: { undo(): Promise<void> };
    try {
      swapped = await swapInAndReopen(ctx, incoming, path.join(work, 'previous'));
    } catch (error) {
      if (error instanceof RestoreStuck) throw stuck();
      dropPreRestore();
      throw error;
    }

    // the log of the restored data says who restored which backup; without that row, no restore
    try {
      // the actor's account may not exist in the restored data: keep the name, drop the link
      let actor: Actor = ctx.actor;
      if (actor.userId !== null) {
        const same = await ctx.db.selectFrom('users').select('id').where('id', '=', actor.userId).where('username', '=', actor.username).executeTakeFirst();
        if (!same) actor = { ...actor, userId: null };
      }
      await writeAudit(ctx.db, { actor, now: () => ctx.now() }, {
        action: mode === 'restore' ? 'restore_backup' : 'undo_restore',
        entity: 'backup',
        entityId: name,
        after: {
          backup: name,
          kind: manifest.kind,
          createdAt: manifest.createdAt,
          schemaVersion: manifest.schemaVersion,
          preRestore: preRestore.name,
          ...(undoOf ? { undoOf } : {}),
        },
      });
    } catch (error) {
      try {
        await swapped.undo();
      } catch (undoError) {
        if (undoError instanceof RestoreStuck) throw stuck();
        throw undoError;
      }
      dropPreRestore();
      throw error;
    }

    const loggedOut = await reconcileSessions(ctx);
    return { restored: name, preRestore, schemaVersion: ctx.schemaVersion, upgraded: manifest.schemaVersion < ctx.schemaVersion, loggedOut };
  } finally {
    if (!keepWork) fs.rmSync(work, { recursive: true, force: true });
  }
}

export async function restoreBackup(ctx: ServiceContext, input: { ref: BackupRef }): Promise<RestoreResult> {
  refuseIfOthersActive(ctx);
  const { dir } = resolveBackup(ctx, input.ref);
  return restoreFrom(ctx, dir, input.ref.name, 'restore');
}

/** Brings back the data as it was before the most recent restore (its 恢复前 backup). */
export async function undoRestore(ctx: ServiceContext): Promise<RestoreResult> {
  refuseIfOthersActive(ctx);
  const last = await lastRestore(ctx);
  if (!last) throw new DomainError('NOT_FOUND', '没有可以撤销的恢复：当前数据不是由“恢复”得来的，或上次恢复已经撤销。');
  const dir = path.join(backupsDirOf(ctx), last.preRestoreName);
  if (!fs.existsSync(dir)) throw new DomainError('NOT_FOUND', `无法撤销：上次恢复前的备份“${last.preRestoreName}”已不在备份文件夹中。`);
  return restoreFrom(ctx, dir, last.preRestoreName, 'undo', last.backupName);
}
