import { AUDIT_FIELD_LABELS, AUDIT_VALUE_LABELS } from './audit-words';
import { findMethod } from './contract';

/**
 * Readable descriptions of audit rows, from their before/after JSON: the field table of the
 * detail drawer and the one-line summary of the list and the export. Pure; accepts any JSON.
 */

/** Fields every update touches; listed in the drawer, left out of the one-line summary. */
const BOOKKEEPING = new Set(['updatedAt', 'createdAt']);

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
  if (typeof value === 'string') return labelFrom(extra, key, value) ?? labelFrom(AUDIT_VALUE_LABELS, key, value) ?? value;
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
