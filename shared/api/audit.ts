import { z } from 'zod';
import { mutation, query } from './define';
import { isoDate } from './fields';
import { ExportedFile } from './files';
import { ADMINS } from '../domain/roles';

/**
 * 操作日志: reading, filtering and exporting the append-only audit_log. There is no method that
 * edits or deletes a row (the database refuses it too, by trigger).
 *
 * Access: administrators only (ADMINS), for reading and for exporting. The log records who did
 * what to whom — logins and failed logins with the names typed, whose personal data was
 * unmasked, account changes — so it is itself sensitive; the clerks and viewers it watches
 * should not browse it. Exporting is logged like any other export.
 */

/** Every action the log records, in the order the filter lists them. The one list (electron/services/audit.ts uses its type). */
export const AUDIT_ACTIONS = [
  'create',
  'update',
  'retire',
  'restore',
  'change_code',
  'delete',
  'setup',
  'settings',
  'dictionary',
  'login',
  'login_failed',
  'logout',
  'unlock',
  'password_change',
  'password_reset',
  'forbidden',
  'export',
  'import',
  'print',
  'unmask',
  'backup',
  'backup_failed',
  'restore_backup',
  'undo_restore',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export const AUDIT_ACTION_LABELS: Record<AuditAction, string> = {
  create: '新增',
  update: '修改',
  retire: '撤销',
  restore: '恢复',
  change_code: '变更代码',
  delete: '删除',
  setup: '首次设置',
  settings: '修改设置',
  dictionary: '修改字典',
  login: '登录',
  login_failed: '登录失败',
  logout: '退出',
  unlock: '解锁',
  password_change: '修改密码',
  password_reset: '重置密码',
  forbidden: '越权操作',
  export: '导出',
  import: '导入',
  print: '打印',
  unmask: '查看完整个人信息',
  backup: '备份',
  backup_failed: '备份失败',
  restore_backup: '恢复备份',
  undo_restore: '撤销恢复',
};

export const actionLabel = (action: string): string => (Object.hasOwn(AUDIT_ACTION_LABELS, action) ? AUDIT_ACTION_LABELS[action as AuditAction] : action);

/** '' and null from a form mean "no filter". */
const blankIsAbsent = <T extends z.ZodType>(schema: T) =>
  z.preprocess((v) => (v === '' || v === null ? undefined : typeof v === 'string' ? v.trim() || undefined : v), schema.optional());

const filterShape = {
  /** local calendar days, both inclusive */
  from: blankIsAbsent(isoDate('开始日期')),
  to: blankIsAbsent(isoDate('结束日期')),
  /** one account; null = rows with no account (系统, or a failed login with an unknown name) */
  userId: z.number({ error: '账户编号不正确' }).int('账户编号不正确').positive('账户编号不正确').nullable().optional(),
  actions: z.array(z.enum(AUDIT_ACTIONS, { error: '操作类型不正确' })).max(AUDIT_ACTIONS.length, '操作类型过多').optional(),
  entity: blankIsAbsent(z.string().max(40, '对象类型不正确')),
  /** found in the record number or the before/after content */
  text: blankIsAbsent(z.string().max(100, '搜索内容不能超过100个字')),
};
const fromNotAfterTo = (v: { from?: string; to?: string }) => !v.from || !v.to || v.from <= v.to;
const rangeMessage = { message: '开始日期不能晚于结束日期', path: ['to'] };

export const AuditFilter = z.object(filterShape).refine(fromNotAfterTo, rangeMessage);
export type AuditFilter = z.input<typeof AuditFilter>;
export type ParsedAuditFilter = z.output<typeof AuditFilter>;

export const AUDIT_MAX_PAGE_SIZE = 200;
export const AuditListInput = z
  .object({
    ...filterShape,
    /** 0-based, as the data grid counts */
    page: z.number().int().min(0, '页码不正确').default(0),
    pageSize: z.number().int().min(1, '每页条数不正确').max(AUDIT_MAX_PAGE_SIZE, `每页最多 ${AUDIT_MAX_PAGE_SIZE} 条`).default(50),
  })
  .refine(fromNotAfterTo, rangeMessage);
export type AuditListInput = z.input<typeof AuditListInput>;

export const AuditRow = z.object({
  id: z.number(),
  /** UTC ISO-8601; shown in local time */
  at: z.string(),
  /** display name at the time */
  actor: z.string(),
  userId: z.number().nullable(),
  username: z.string().nullable(),
  action: z.string(),
  actionLabel: z.string(),
  entity: z.string(),
  entityLabel: z.string(),
  entityId: z.string().nullable(),
  /** a short Chinese description built from before/after */
  summary: z.string(),
  before: z.unknown(),
  after: z.unknown(),
});
export type AuditRow = z.infer<typeof AuditRow>;

export const AuditPage = z.object({ rows: z.array(AuditRow), total: z.number() });
export type AuditPage = z.infer<typeof AuditPage>;

export const AuditUser = z.object({
  /** null: rows written without an account (系统, 未登录, unknown names at login) */
  userId: z.number().nullable(),
  username: z.string().nullable(),
  /** the account's current display name */
  name: z.string(),
  count: z.number(),
});
export type AuditUser = z.infer<typeof AuditUser>;

/** Most rows one export may hold; past that the user narrows the filter. */
export const AUDIT_EXPORT_MAX_ROWS = 50_000;

export const auditApi = {
  list: query('查询操作日志（按时间倒序，可筛选）', ADMINS, AuditListInput, AuditPage),
  users: query('操作日志中出现的账户（筛选用）', ADMINS, z.object({}).default({}), z.array(AuditUser)),
  export: mutation('导出操作日志为 Excel（导出本身记入日志）', ADMINS, AuditFilter, ExportedFile),
};
