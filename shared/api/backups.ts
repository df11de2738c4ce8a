import { z } from 'zod';
import { mutation, query } from './define';
import { ADMINS, EDITORS } from '../domain/roles';

/**
 * 数据备份: automatic, manual and undoable restores. A backup is a folder holding the database,
 * the attachments and a manifest (see electron/db/backup-folder.ts). The renderer never sees or
 * sends a file-system path to act on: backups are named by a location (`default` = the data
 * folder's backups/, or an opaque handle for a folder the user chose in the OS dialog) and the
 * backup folder's own name.
 */

export const BACKUP_KINDS = ['auto', 'manual', 'pre_migration', 'pre_restore', 'pre_import'] as const;
export type BackupKind = (typeof BACKUP_KINDS)[number];

export const BACKUP_KIND_LABELS: Record<BackupKind, string> = {
  auto: '自动',
  manual: '手动',
  pre_migration: '升级前',
  pre_restore: '恢复前',
  pre_import: '导入前',
};

export const DEFAULT_LOCATION = 'default';

/** Which backup: its location (`default`, or a handle from chooseFolder) and its folder name. */
export const BackupRef = z.object({
  location: z
    .string({ error: '请选择备份位置' })
    .regex(/^(default|[A-Za-z0-9_-]{8,64})$/, '备份位置不正确，请重新选择文件夹'),
  name: z
    .string({ error: '请选择要恢复的备份' })
    .min(1, '请选择要恢复的备份')
    .max(200, '备份名称过长')
    .refine((n) => !/[\\/]/.test(n) && n !== '.' && n !== '..' && !n.includes('\0'), '备份名称不正确'),
});
export type BackupRef = z.infer<typeof BackupRef>;

/**
 * How far a backup has been checked:
 * - `ok`: the manifest is readable and every listed file is there with its size (the contents
 *   were verified when the backup was written);
 * - `verified`: checked in full just now (hashes, SQLite integrity, our tables, version);
 * - `problem`: it cannot be restored; `message` says why.
 */
export const BackupCheck = z.object({
  state: z.enum(['ok', 'verified', 'problem']),
  message: z.string(),
});
export type BackupCheck = z.infer<typeof BackupCheck>;

export const BackupEntry = z.object({
  ref: BackupRef,
  /** the folder name, e.g. 基层党建台账备份-20261122-103000-自动 */
  name: z.string(),
  /** null when the folder has no readable manifest */
  kind: z.enum(BACKUP_KINDS).nullable(),
  /** ISO-8601 UTC, from the manifest (or the folder's time when there is none) */
  createdAt: z.string().nullable(),
  createdBy: z.string().nullable(),
  appVersion: z.string().nullable(),
  schemaVersion: z.number().nullable(),
  /** bytes on disk of the whole backup folder */
  bytes: z.number(),
  attachmentFiles: z.number(),
  /** for 恢复前 backups: the backup whose restore made this copy */
  restoreOf: z.string().nullable(),
  check: BackupCheck,
});
export type BackupEntry = z.infer<typeof BackupEntry>;

export const LastRestore = z.object({
  at: z.string(),
  by: z.string(),
  /** the backup that was restored */
  backupName: z.string(),
  /** the 恢复前 backup that 撤销上次恢复 brings back */
  preRestoreName: z.string(),
  /** true when that 恢复前 backup is still in the list */
  undoable: z.boolean(),
});
export type LastRestore = z.infer<typeof LastRestore>;

export const ChosenLocation = z.object({ handle: z.string(), label: z.string() });
export type ChosenLocation = z.infer<typeof ChosenLocation>;

export const BackupOverview = z.object({
  dataDir: z.string(),
  databaseFile: z.string(),
  databaseBytes: z.number(),
  attachmentsDir: z.string(),
  attachmentsBytes: z.number(),
  attachmentFiles: z.number(),
  backupsDir: z.string(),
  backupsBytes: z.number(),
  schemaVersion: z.number(),
  /** backups in the default location, newest first */
  backups: z.array(BackupEntry),
  lastRestore: LastRestore.nullable(),
  retention: z.object({ daily: z.number(), weekly: z.number(), monthly: z.number() }),
});
export type BackupOverview = z.infer<typeof BackupOverview>;

export const ChooseFolderInput = z.object({
  /** what the folder is for: the dialog's title, and whether to list the backups found in it */
  purpose: z.enum(['backup', 'restore'], { error: '用途不正确' }),
});

export const ChooseFolderResult = z.discriminatedUnion('chosen', [
  z.object({ chosen: z.literal(false), message: z.string() }),
  z.object({
    chosen: z.literal(true),
    location: ChosenLocation,
    /** for purpose `restore`: the backups found in (or as) the chosen folder, newest first */
    backups: z.array(BackupEntry),
  }),
]);
export type ChooseFolderResult = z.infer<typeof ChooseFolderResult>;

export const CreateBackupInput = z.object({
  /** a handle from chooseFolder; left out = the default location */
  location: BackupRef.shape.location.optional(),
});

export const RestoreResult = z.object({
  restored: z.string(),
  /** the 恢复前 backup of the data that was replaced */
  preRestore: BackupEntry,
  schemaVersion: z.number(),
  /** the restored data came from an older version and was upgraded */
  upgraded: z.boolean(),
  /** the caller's account is not in the restored data (or differs): log in again */
  loggedOut: z.boolean(),
});
export type RestoreResult = z.infer<typeof RestoreResult>;

const NoInput = z.object({}).default({});

export const backupsApi = {
  overview: query('数据位置、大小与备份列表', EDITORS, NoInput, BackupOverview),
  create: mutation('立即备份', EDITORS, CreateBackupInput, BackupEntry),
  chooseFolder: mutation('选择备份位置（U 盘、共享文件夹）', EDITORS, ChooseFolderInput, ChooseFolderResult),
  verify: query('完整校验一份备份', EDITORS, z.object({ ref: BackupRef }), BackupEntry),
  restore: mutation('从备份恢复数据', ADMINS, z.object({ ref: BackupRef }), RestoreResult, { exclusive: true }),
  undoRestore: mutation('撤销上次恢复', ADMINS, NoInput, RestoreResult, { exclusive: true }),
};
