import { sql, type Selectable } from 'kysely';
import { PROFILE_FIELD_KINDS, YEAR_FIELD_KINDS, type FieldKind } from '../../../shared/api/villages/field-kinds';
import type { z } from 'zod';
import { entityLabel } from '../../../shared/api/audit-words';
import { actionLabel, type AuditListInput, type AuditPage, type AuditRow, type AuditUser, type ParsedAuditFilter } from '../../../shared/api/audit';
import { summarizeAudit, type ValueLabels } from '../../../shared/api/audit-summary';
import type { AuditLogTable } from '../../db/schema';
import type { Db, ServiceContext } from '../context';

/**
 * Reading the 操作日志 (audit_log): filters, newest first, one page at a time. Read only —
 * nothing here or anywhere else in the app updates or deletes a row (triggers refuse it too).
 */

export type AuditRecord = Selectable<AuditLogTable>;

const escapeLike = (text: string) => text.replace(/[\\%_]/g, (ch) => `\\${ch}`);

/** The start of a local calendar day as a UTC ISO timestamp, comparable with audit_log.at. */
export function localDayStart(isoDate: string, addDays = 0): string {
  const [y, m, d] = isoDate.split('-').map(Number) as [number, number, number];
  return new Date(y, m - 1, d + addDays).toISOString();
}

/** audit_log rows matching the filter (no order, no columns yet). */
export function filteredAudit(db: Db, f: ParsedAuditFilter) {
  let q = db.selectFrom('audit_log');
  if (f.from) q = q.where('at', '>=', localDayStart(f.from));
  if (f.to) q = q.where('at', '<', localDayStart(f.to, 1));
  if (f.userId === null) q = q.where('user_id', 'is', null);
  else if (f.userId !== undefined) q = q.where('user_id', '=', f.userId);
  if (f.actions && f.actions.length > 0) q = q.where('action', 'in', f.actions);
  if (f.entity) q = q.where('entity', '=', f.entity);
  if (f.text) {
    const like = sql<string>`${`%${escapeLike(f.text)}%`} ESCAPE '\\'`;
    q = q.where((eb) => eb.or([eb('entity_id', 'like', like), eb('before_json', 'like', like), eb('after_json', 'like', like)]));
  }
  return q;
}

export async function countAudit(db: Db, f: ParsedAuditFilter): Promise<number> {
  const row = await filteredAudit(db, f)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Newest first; the id breaks ties within the same millisecond. */
export function orderedAudit(db: Db, f: ParsedAuditFilter) {
  return filteredAudit(db, f).selectAll().orderBy('at', 'desc').orderBy('id', 'desc');
}

function parseJson(text: string | null): unknown {
  if (text === null) return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/** Per entity, labels of values kept in dictionaries (单位类别), so the log shows 城市社区, not 'urban'. */
export type EntityValueLabels = Record<string, ValueLabels>;

/** Which logged fields hold dictionary values, per entity, so summaries show labels, not keys. */
const DICTIONARY_FIELDS: Record<string, Record<string, string>> = {
  org_unit: { kind: 'unit_kind' },
  village_profile: dictionaryFieldsOf(PROFILE_FIELD_KINDS),
  village_year: dictionaryFieldsOf(YEAR_FIELD_KINDS),
  fund_programme: { category: 'fund_category', sourceLevel: 'fund_source_level', recipientKind: 'fund_recipient_kind' },
};

function dictionaryFieldsOf(kinds: Record<string, FieldKind>): Record<string, string> {
  return Object.fromEntries(Object.entries(kinds).flatMap(([field, k]) => (k.type === 'dict' ? [[field, k.dictionary]] : [])));
}

export async function loadValueLabels(db: Db): Promise<EntityValueLabels> {
  const items = await db.selectFrom('dict_items').select(['dict', 'value', 'label']).execute();
  const byDictionary = new Map<string, Record<string, string>>();
  for (const item of items) {
    if (!byDictionary.has(item.dict)) byDictionary.set(item.dict, {});
    byDictionary.get(item.dict)![item.value] = item.label;
  }
  return Object.fromEntries(
    Object.entries(DICTIONARY_FIELDS).map(([entity, fields]) => [entity, Object.fromEntries(Object.entries(fields).map(([field, dict]) => [field, byDictionary.get(dict) ?? {}]))]),
  );
}

export function toAuditRow(r: AuditRecord, labels: EntityValueLabels = {}): AuditRow {
  const before = parseJson(r.before_json);
  const after = parseJson(r.after_json);
  return {
    id: r.id,
    at: r.at,
    actor: r.actor,
    userId: r.user_id,
    username: r.username,
    action: r.action,
    actionLabel: actionLabel(r.action),
    entity: r.entity,
    entityLabel: entityLabel(r.entity),
    entityId: r.entity_id,
    summary: summarizeAudit({ action: r.action, entity: r.entity, entityId: r.entity_id, before, after }, Object.hasOwn(labels, r.entity) ? labels[r.entity] : undefined),
    before,
    after,
  };
}

export async function listAudit(ctx: ServiceContext, input: z.output<typeof AuditListInput>): Promise<AuditPage> {
  // One read transaction: the total and the page agree even while others write.
  return ctx.db.transaction().execute(async (trx) => {
    const total = await countAudit(trx, input);
    const records = await orderedAudit(trx, input)
      .limit(input.pageSize)
      .offset(input.page * input.pageSize)
      .execute();
    const labels = await loadValueLabels(trx);
    return { rows: records.map((r) => toAuditRow(r, labels)), total };
  });
}

export const NO_ACCOUNT_NAME = '系统及未登录';

/** Everyone who appears in the log (by account), for the filter; rows without an account last. */
export async function auditUsers(ctx: ServiceContext): Promise<AuditUser[]> {
  const rows = await ctx.db
    .selectFrom('audit_log as a')
    .leftJoin('users as u', 'u.id', 'a.user_id')
    .select(['a.user_id', 'u.username', 'u.display_name'])
    .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.max('a.actor').as('actor')])
    .groupBy(['a.user_id', 'u.username', 'u.display_name'])
    .execute();
  const collator = new Intl.Collator('zh-Hans-CN-u-co-pinyin');
  return rows
    .map((r) => ({
      userId: r.user_id,
      username: r.username,
      name: r.user_id === null ? NO_ACCOUNT_NAME : (r.display_name ?? r.actor),
      count: Number(r.n),
    }))
    .sort((a, b) => (a.userId === null ? 1 : 0) - (b.userId === null ? 1 : 0) || collator.compare(a.name, b.name) || (a.userId ?? 0) - (b.userId ?? 0));
}
