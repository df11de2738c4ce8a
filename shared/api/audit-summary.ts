import { ROLE_LABELS } from '../domain/roles';
import { URBAN_RURAL_CLASSES } from '../domain/division';
import { findMethod } from './contract';
import { UNIT_SOURCE_LABELS, UNIT_STATUS_LABELS } from './units';
import { GENDER_LABELS, VILLAGE_FIELD_LABELS } from './villages';
import { DISBURSEMENT_STATUS_LABELS } from './funds/records';

/**
 * Readable descriptions of audit rows, from their before/after JSON: the field table of the
 * detail drawer and the one-line summary of the list and the export. Pure; accepts any JSON.
 */

/** Chinese names of fields that appear in before/after, whatever the entity. */
export const AUDIT_FIELD_LABELS: Record<string, string> = {
  // 村情档案 (its own list; the labels below win where a key is shared, e.g. 备注)
  ...VILLAGE_FIELD_LABELS,
  // 单位
  id: '编号',
  level: '层级',
  parentId: '所属街道（镇）编号',
  streetName: '所属街道（镇）',
  code: '代码',
  name: '名称',
  fullName: '全称',
  kind: '类别',
  urbanRuralClass: '城乡分类',
  status: '状态',
  retiredOn: '撤销日期',
  retireReason: '撤销原因',
  source: '来源',
  note: '备注',
  updatedAt: '更新时间',
  createdAt: '创建时间',
  effectiveOn: '生效日期',
  reason: '原因',
  // 账户
  username: '用户名',
  displayName: '姓名',
  role: '角色',
  active: '启用',
  mustChangePassword: '须修改密码',
  by: '操作方式',
  // 设置
  district: '本区',
  departmentName: '部门名称',
  streetCount: '街道（镇）数',
  unitCount: '村（社区）数',
  security: '安全设置',
  idleLockMinutes: '自动锁定（分钟）',
  maxFailedLogins: '允许输错密码次数',
  lockoutMinutes: '锁定时长（分钟）',
  // 字典
  dict: '字典',
  dictionary: '字典',
  dictionaryLabel: '字典名称',
  value: '值',
  label: '名称',
  group: '分组',
  sortOrder: '排序',
  retired: '停用',
  // 导出、备份
  rows: '条数',
  fileName: '文件名',
  filter: '筛选条件',
  file: '文件',
  files: '文件数',
  bytes: '大小（字节）',
  location: '位置',
  backup: '备份',
  restoreOf: '恢复自',
  preRestore: '恢复前自动备份',
  undoOf: '撤销的恢复',
  schemaVersion: '数据版本',
  error: '错误',
  // 导入
  what: '导入内容',
  sheet: '工作表',
  sourceFile: '源文件',
  created: '新增',
  updated: '更新',
  unchanged: '无变化',
  rejected: '未导入',
  // 经费台账 (amounts in 分, as stored)
  programmeId: '经费项目编号',
  year: '年度',
  programmeName: '经费项目',
  category: '资金类别',
  sourceLevel: '资金来源层级',
  budgetFen: '预算（分）',
  documentNo: '文号',
  standardText: '拨付标准',
  standardFen: '标准金额（分）',
  recipientKind: '拨付对象类别',
  dueOn: '应拨付日期',
  amountFen: '金额（分）',
  allocationId: '分配编号',
  paidOn: '拨付日期',
  disbursementStatus: '拨付状态',
  voucherNo: '凭证号',
  handler: '经办人',
  approver: '审核人',
  reversesId: '冲销的拨付记录编号',
  createdBy: '登记人',
  approvedBy: '审核操作人',
  postedBy: '确认拨付操作人',
};

/** Fields every update touches; listed in the drawer, left out of the one-line summary. */
const BOOKKEEPING = new Set(['updatedAt', 'createdAt']);

const LOGIN_FAILURE_REASONS: Record<string, string> = {
  'unknown user': '用户名不存在',
  inactive: '账户已停用',
  'locked out': '账户已锁定',
  'wrong password': '密码错误',
  'wrong password, locked out': '密码错误，账户已锁定',
};

const LEVEL_LABELS: Record<string, string> = { street: '街道（镇）', unit: '村（社区）' };

/** Per-field value labels (enumerations); other values show as they are. */
const VALUE_LABELS: Record<string, Record<string, string>> = {
  level: LEVEL_LABELS,
  status: UNIT_STATUS_LABELS,
  source: UNIT_SOURCE_LABELS,
  role: ROLE_LABELS,
  urbanRuralClass: Object.fromEntries(URBAN_RURAL_CLASSES.map((c) => [c.value, c.label])),
  reason: LOGIN_FAILURE_REASONS,
  secretaryGender: GENDER_LABELS,
  disbursementStatus: DISBURSEMENT_STATUS_LABELS,
};

/** The field's Chinese name, or the key itself when unknown. '' is the value of a non-object record. */
export const fieldLabel = (key: string): string => (key === '' ? '内容' : Object.hasOwn(AUDIT_FIELD_LABELS, key) ? AUDIT_FIELD_LABELS[key]! : key);

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Labels for values that live in the database rather than in code (e.g. 单位类别 from the
 * dictionary): field key → stored value → label. They take precedence over the built-in ones.
 */
export type ValueLabels = Record<string, Record<string, string>>;

const labelFrom = (table: ValueLabels | undefined, key: string, value: string): string | null => {
  const labels = table && Object.hasOwn(table, key) ? table[key]! : null;
  return labels && Object.hasOwn(labels, value) ? labels[value]! : null;
};

/** A value as a person reads it. `undefined` = the field is absent on that side. */
export function formatValue(key: string, value: unknown, extra?: ValueLabels): string {
  if (value === undefined) return '—';
  if (value === null || value === '') return '（空）';
  if (typeof value === 'boolean') return value ? '是' : '否';
  if (typeof value === 'string') return labelFrom(extra, key, value) ?? labelFrom(VALUE_LABELS, key, value) ?? value;
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  if (isRecord(value) && typeof value.fullName === 'string') return value.fullName; // a district
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

/** Deep equality of JSON values (key order ignored). */
export function sameJson(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== typeof b || a === null || b === null || typeof a !== 'object') return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const bb = b as unknown[];
    return a.length === bb.length && a.every((v, i) => sameJson(v, bb[i]));
  }
  const ao = a as Record<string, unknown>;
  const bo = b as Record<string, unknown>;
  const ak = Object.keys(ao);
  const bk = Object.keys(bo);
  return ak.length === bk.length && ak.every((k) => Object.hasOwn(bo, k) && sameJson(ao[k], bo[k]));
}

export interface FieldRow {
  key: string;
  label: string;
  before: string;
  after: string;
  changed: boolean;
}

/** A record's fields; a non-object value (a setting's text, a list) is one field under ''. */
function fieldsOf(value: unknown): Record<string, unknown> {
  if (value === undefined || value === null) return {};
  return isRecord(value) ? value : { '': value };
}

/**
 * Every field of either side, before and after, and whether it changed — the drawer's table.
 * Fields present on one side only count as changed (added or removed).
 */
export function fieldRows(before: unknown, after: unknown, extra?: ValueLabels): FieldRow[] {
  const b = fieldsOf(before);
  const a = fieldsOf(after);
  const keys = [...Object.keys(b), ...Object.keys(a).filter((k) => !Object.hasOwn(b, k))];
  return keys.map((key) => {
    const bv = Object.hasOwn(b, key) ? b[key] : undefined;
    const av = Object.hasOwn(a, key) ? a[key] : undefined;
    return { key, label: fieldLabel(key), before: formatValue(key, bv, extra), after: formatValue(key, av, extra), changed: !sameJson(bv, av) };
  });
}

/** The changed fields only. */
export const changedFields = (before: unknown, after: unknown, extra?: ValueLabels): FieldRow[] => fieldRows(before, after, extra).filter((f) => f.changed);

export interface AuditEntryLike {
  action: string;
  entity: string;
  entityId: string | null;
  before: unknown;
  after: unknown;
}

/** How many changed fields the one-line summary spells out before "等 N 项". */
export const SUMMARY_MAX_FIELDS = 4;
const SUMMARY_VALUE_CHARS = 40;

const clip = (text: string, max = SUMMARY_VALUE_CHARS) => (text.length > max ? `${text.slice(0, max)}…` : text);

/** The record's own name, for the start of a summary: 纬一路社区, 张三 … */
function subjectOf(...records: unknown[]): string | null {
  for (const r of records) {
    if (!isRecord(r)) continue;
    for (const key of ['name', 'displayName', 'label', 'username']) {
      const v = r[key];
      if (typeof v === 'string' && v.trim() !== '') return clip(v.trim(), 30);
    }
    if (typeof r.district === 'string' && r.district.trim() !== '') return clip(r.district.trim(), 30);
  }
  return null;
}

const withSubject = (subject: string | null, text: string) => (subject ? (text ? `${subject}：${text}` : subject) : text);

/**
 * One line for a log row, e.g. "纬一路社区：名称 纬一路社区 → 纬一路社区（新）".
 * Changes are spelled out for up to SUMMARY_MAX_FIELDS fields (bookkeeping such as 更新时间
 * left out), the rest counted; never throws, whatever the JSON.
 */
export function summarizeAudit(entry: AuditEntryLike, extra?: ValueLabels): string {
  try {
    return summarize(entry, extra);
  } catch {
    return '';
  }
}

function summarize({ action, entity, entityId, before, after }: AuditEntryLike, extra?: ValueLabels): string {
  const subject = subjectOf(before, after);
  if (action === 'login_failed' && isRecord(after)) {
    const name = typeof after.username === 'string' ? after.username : '';
    const reason = typeof after.reason === 'string' ? formatValue('reason', after.reason) : '';
    return clip([name && `用户名 ${name}`, reason].filter(Boolean).join('：'), 80);
  }
  if (action === 'forbidden' && entity === 'api' && entityId) {
    const method = findMethod(entityId);
    return clip(`被拒绝：${method ? method.summary : entityId}`, 80);
  }
  const hasBefore = before !== undefined && before !== null;
  const hasAfter = after !== undefined && after !== null;
  if (hasBefore && hasAfter) {
    // A setting stored as plain text: name it by its key (entityId).
    if (!isRecord(before) && !isRecord(after) && entityId) {
      return `${fieldLabel(entityId)}：${clip(formatValue(entityId, before, extra))} → ${clip(formatValue(entityId, after, extra))}`;
    }
    const changes = changedFields(before, after, extra);
    const shown = changes.filter((c) => !BOOKKEEPING.has(c.key));
    if (shown.length === 0) return withSubject(subject, changes.length === 0 ? '无内容变化' : '');
    const parts = shown.slice(0, SUMMARY_MAX_FIELDS).map((c) => `${c.label} ${clip(c.before)} → ${clip(c.after)}`);
    const more = shown.length > SUMMARY_MAX_FIELDS ? ` 等 ${shown.length} 项` : '';
    return withSubject(subject, parts.join('；') + more);
  }
  const only = hasAfter ? after : hasBefore ? before : undefined;
  if (only === undefined) return '';
  if (!isRecord(only)) return `${fieldLabel(entityId ?? '')}：${clip(formatValue(entityId ?? '', only, extra))}`;
  // A new record (or a note attached to an action): its name and its code, or its first fields.
  if (subject) {
    const code = typeof only.code === 'string' ? `（代码 ${only.code}）` : '';
    return `${subject}${code}`;
  }
  const fields = Object.entries(only)
    .slice(0, SUMMARY_MAX_FIELDS)
    .map(([k, v]) => `${fieldLabel(k)} ${clip(formatValue(k, v, extra))}`);
  return fields.join('；');
}
