import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../db/schema';
import type { Store } from '../db/open-store';
import type { DivisionCatalog } from '../divisions/catalog';
import type { Role } from '../../shared/domain/roles';
import type { Session, SessionStore } from '../core/sessions';
import type { CallGate } from '../core/gate';
import type { ExportStore } from '../core/exports';
import type { OpenImportStore } from '../core/open-imports';
import type { ModuleRegistry } from '../core/module';

/** Who is calling: a logged-in user, or the app itself (automatic backups, start-up). */
export interface Actor {
  userId: number | null;
  username: string;
  /** display name, as the log shows it */
  name: string;
  role: Role | null;
}
export const SYSTEM_ACTOR: Actor = { userId: null, username: 'system', name: '系统', role: null };
export const ANONYMOUS_ACTOR: Actor = { userId: null, username: '', name: '未登录', role: null };

export const actorOf = (session: Session | null | undefined): Actor =>
  session ? { userId: session.userId, username: session.username, name: session.displayName, role: session.role } : ANONYMOUS_ACTOR;

/** Login, lock-out and idle-lock thresholds (设置 → 安全). */
export interface SecuritySettings {
  idleLockMinutes: number;
  maxFailedLogins: number;
  lockoutMinutes: number;
}
export const DEFAULT_SECURITY: SecuritySettings = { idleLockMinutes: 15, maxFailedLogins: 5, lockoutMinutes: 15 };

/** What only the desktop shell (or the host, in its own way) can do: OS dialogs. */
export interface Platform {
  /** asks the user for a folder (USB stick, network share); an absolute path, or null if cancelled */
  chooseFolder(title: string): Promise<string | null>;
  /**
   * Desktop only: asks where to save an exported file (suggested name, no folder) and writes it.
   * The chosen name without its folder, or null if cancelled. Absent where there is no dialog
   * (the headless host: the browser downloads GET /api/files/<token> instead).
   */
  saveFile?(suggestedName: string, bytes: Uint8Array, options?: SaveFileOptions): Promise<{ fileName: string } | null>;
  /**
   * Desktop only: the page a window of ours shows now, printed to PDF bytes (A4, `landscape` or
   * not; page numbers, margins and repeated table headers come from the page's own print CSS).
   * `webContentsId` is the calling window's (Caller.webContentsId). Absent in the headless host:
   * there the browser's own print dialog saves the PDF.
   */
  printToPdf?(webContentsId: number, options: { landscape: boolean }): Promise<Uint8Array>;
  /**
   * Desktop only: the system "open" dialog for files (attachments.chooseFiles); the absolute paths
   * of the chosen files, which stay in the main process, or null if cancelled. Absent in the
   * headless host (the browser uploads instead).
   */
  chooseFiles?(options: { title: string; filters: Array<{ name: string; extensions: string[] }> }): Promise<string[] | null>;
  /**
   * Desktop only: asks where to save a copy of `sourceFile` (a stored attachment) under the
   * suggested name, and copies it there. The chosen name without its folder, or null if cancelled.
   */
  saveFileCopy?(suggestedName: string, sourceFile: string): Promise<{ fileName: string } | null>;
}

export interface SaveFileOptions {
  /**
   * Runs once the user has chosen where, with the chosen name (no folder); the file is written by
   * calling `write` inside it. What it records (an audit row in a transaction around `write`)
   * then goes with the file: if it throws before `write`, nothing is written; if `write` fails,
   * its transaction rolls back.
   */
  around?(fileName: string, write: () => Promise<void>): Promise<void>;
}

/** The transport's view of the caller: its session token, and how to hand it a new one. */
export interface Caller {
  token: string | null;
  setToken(token: string | null): void;
  /** desktop: the web contents id of the window the call came from (the shell sets it; absent over HTTP) */
  readonly webContentsId?: number;
}

/** What the app holds once and every call shares. `db` and `store` change when a backup is restored. */
export interface AppServices {
  db: Kysely<Database>;
  store: Store;
  /** closes the store and opens the database file again (after a restore replaced it) */
  reopenStore(): Promise<void>;
  catalog: DivisionCatalog;
  sessions: SessionStore;
  /** exported files waiting to be saved (core/exports.ts) */
  exports: ExportStore;
  /** files opened in the import wizard (core/open-imports.ts) */
  imports: OpenImportStore;
  gate: CallGate;
  /** what the modules add to the platform: importers, dictionary usage, data rules (electron/modules.ts) */
  modules: ModuleRegistry;
  platform: Platform;
  security: SecuritySettings;
  dataDir: string;
  databaseFile: string;
  schemaVersion: number;
  runtime: 'electron' | 'host';
  appVersion: string;
  /** injectable clock, so tests can pin time */
  now(): Date;
}

/** What every service function receives besides its input. */
export interface ServiceContext extends AppServices {
  actor: Actor;
  session: Session | null;
  caller: Caller;
}

/**
 * A per-call context over the shared services. The prototype link (not a copy) keeps `db`
 * current even for a call that reopens the store.
 */
export function forCall(app: AppServices, call: { actor: Actor; session: Session | null; caller: Caller }): ServiceContext {
  return Object.assign(Object.create(app) as AppServices, call) as ServiceContext;
}

/** The same context acting as someone else (e.g. the account that just logged in). */
export function withActor(ctx: ServiceContext, actor: Actor): ServiceContext {
  return Object.assign(Object.create(ctx) as ServiceContext, { actor });
}

export type Db = Kysely<Database> | Transaction<Database>;

/** Record timestamps are UTC ISO-8601 text; the UI shows them in local time. */
export const isoNow = (ctx: Pick<ServiceContext, 'now'>) => ctx.now().toISOString();
