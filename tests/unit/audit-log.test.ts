import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeAudit } from '../../electron/services/audit';
import type { Actor } from '../../electron/services/context';
import { SYSTEM_ACTOR } from '../../electron/services/context';
import { localDayStart } from '../../electron/services/audit-log/audit-query';
import { AUDIT_MAX_PAGE_SIZE, type AuditFilter, type AuditPage, type AuditUser } from '../../shared/api/audit';
import { listMethods } from '../../shared/api/contract';
import { ADMINS } from '../../shared/domain/roles';
import { refused } from '../helpers/fixtures';
import { ok, openTestApp, type TestApp } from '../helpers/test-context';

/**
 * 操作日志 reading: every filter narrows to exactly the rows a plain JavaScript filter over the
 * whole table picks, newest first, page totals right; only administrators read it; nothing can
 * change or delete a row.
 */

let app: TestApp;
let zhang: Actor;
let li: Actor;

interface Seed {
  at: string;
  actor: Actor;
  action: string;
  entity: string;
  entityId?: string | number | null;
  before?: unknown;
  after?: unknown;
}

async function insertAccount(username: string, displayName: string, role: 'clerk' | 'viewer'): Promise<Actor> {
  const at = '2026-10-01T00:00:00.000Z';
  const row = await app.ctx.db
    .insertInto('users')
    .values({ username, display_name: displayName, role, password_hash: 'scrypt$test', created_at: at, updated_at: at })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { userId: row.id, username, name: displayName, role };
}

async function seed(rows: Seed[]) {
  for (const r of rows) {
    await writeAudit(app.ctx.db, { actor: r.actor, now: () => new Date(r.at) }, {
      action: r.action as never,
      entity: r.entity,
      entityId: r.entityId ?? null,
      before: r.before,
      after: r.after,
    });
  }
}

const unit = { id: 101, code: '370103001001', name: '纬一路社区', status: 'active', note: null };
/** a few milliseconds either side of local midnight, wherever the tests run */
const justBefore = (day: string) => new Date(new Date(localDayStart(day)).getTime() - 1).toISOString();

beforeAll(async () => {
  app = await openTestApp();
  zhang = await insertAccount('zhangsan', '张三', 'clerk');
  li = await insertAccount('lisi', '李四', 'viewer');
  const unknownName: Actor = { userId: null, username: 'wangwu', name: 'wangwu', role: null };
  await seed([
    { at: '2026-11-01T01:00:00.000Z', actor: zhang, action: 'create', entity: 'org_unit', entityId: 101, after: unit },
    { at: '2026-11-05T03:00:00.000Z', actor: zhang, action: 'update', entity: 'org_unit', entityId: 101, before: unit, after: { ...unit, name: '纬一路社区（新）' } },
    { at: '2026-11-10T05:00:00.000Z', actor: li, action: 'login', entity: 'user', entityId: li.userId },
    // same millisecond as the login: the later row (higher id) comes first
    { at: '2026-11-10T05:00:00.000Z', actor: li, action: 'export', entity: 'audit_log', after: { fileName: '操作日志.xlsx', rows: 12, note: '完成率 100%' } },
    { at: '2026-11-15T06:00:00.000Z', actor: unknownName, action: 'login_failed', entity: 'user', after: { username: 'wangwu', reason: 'unknown user' } },
    { at: '2026-11-20T07:00:00.000Z', actor: SYSTEM_ACTOR, action: 'backup', entity: 'backup', entityId: 'auto_20261120', after: { kind: 'auto', location: '默认位置' } },
    // local-day boundaries of 2026-11-12
    { at: justBefore('2026-11-12'), actor: zhang, action: 'dictionary', entity: 'dict_item', entityId: 'unit_kind/a', after: { label: '甲' } },
    { at: localDayStart('2026-11-12'), actor: zhang, action: 'dictionary', entity: 'dict_item', entityId: 'unit_kind/b', after: { label: '乙' } },
    { at: justBefore('2026-11-13'), actor: li, action: 'dictionary', entity: 'dict_item', entityId: 'unit_kind/c', after: { label: '丙' } },
    { at: localDayStart('2026-11-13'), actor: li, action: 'dictionary', entity: 'dict_item', entityId: 'unit_kind/d', after: { label: '丁' } },
  ]);
  // older filler for paging
  const filler: Seed[] = [];
  for (let i = 0; i < 30; i++) {
    const at = new Date(Date.UTC(2026, 9, 1 + i, 8, 0, 0)).toISOString();
    filler.push({ at, actor: i % 2 ? zhang : li, action: 'settings', entity: 'settings', entityId: 'departmentName', before: `部门${i}`, after: `部门${i + 1}` });
  }
  await seed(filler);
});
afterAll(async () => {
  await app.close();
});

interface RawRow {
  id: number;
  at: string;
  user_id: number | null;
  action: string;
  entity: string;
  entity_id: string | null;
  before_json: string | null;
  after_json: string | null;
}
const allRaw = () => app.store.sqlite.prepare('SELECT * FROM audit_log').all() as RawRow[];

const localDay = (iso: string) => {
  const d = new Date(iso);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
};

/** The same filter, written plainly over every row: the reference the service must match. */
function expected(f: AuditFilter): number[] {
  const text = typeof f.text === 'string' ? f.text.toLowerCase() : '';
  return allRaw()
    .filter((r) => !f.from || localDay(r.at) >= (f.from as string))
    .filter((r) => !f.to || localDay(r.at) <= (f.to as string))
    .filter((r) => f.userId === undefined || r.user_id === f.userId)
    .filter((r) => !f.actions || f.actions.length === 0 || f.actions.includes(r.action as never))
    .filter((r) => !f.entity || r.entity === f.entity)
    .filter((r) => !text || [r.entity_id, r.before_json, r.after_json].some((v) => v !== null && v.toLowerCase().includes(text)))
    .sort((a, b) => (a.at === b.at ? b.id - a.id : a.at < b.at ? 1 : -1))
    .map((r) => r.id);
}

async function listAll(f: AuditFilter): Promise<{ ids: number[]; totals: number[]; pages: AuditPage[] }> {
  const pages: AuditPage[] = [];
  for (let page = 0; ; page++) {
    const p = ok<AuditPage>(await app.call('audit.list', { ...f, page, pageSize: AUDIT_MAX_PAGE_SIZE }));
    pages.push(p);
    if ((page + 1) * AUDIT_MAX_PAGE_SIZE >= p.total) break;
  }
  return { ids: pages.flatMap((p) => p.rows.map((r) => r.id)), totals: pages.map((p) => p.total), pages };
}

describe('audit.list', () => {
  it('without a filter: every row, newest first, ties broken by the later id', async () => {
    const { ids, totals } = await listAll({});
    expect(ids).toEqual(expected({}));
    expect(totals[0]).toBe(allRaw().length);
    const login = allRaw().find((r) => r.action === 'login')!;
    const exp = allRaw().find((r) => r.action === 'export')!;
    expect(ids.indexOf(exp.id)).toBe(ids.indexOf(login.id) - 1);
  });

  const filters: Array<[string, () => AuditFilter]> = [
    ['from', () => ({ from: '2026-11-05' })],
    ['to', () => ({ to: '2026-11-05' })],
    ['one local day, boundaries exact', () => ({ from: '2026-11-12', to: '2026-11-12' })],
    ['an account', () => ({ userId: zhang.userId })],
    ['another account', () => ({ userId: li.userId })],
    ['rows without an account', () => ({ userId: null })],
    ['actions', () => ({ actions: ['create', 'update'] })],
    ['one action', () => ({ actions: ['login_failed'] })],
    ['entity', () => ({ entity: 'org_unit' })],
    ['text in before/after', () => ({ text: '纬一路' })],
    ['text in the record number', () => ({ text: 'unit_kind/' })],
    ['text, ASCII case ignored', () => ({ text: 'WANGWU' })],
    ['a literal %', () => ({ text: '100%' })],
    ['a literal _', () => ({ text: 'o_2026' })],
    ['everything at once', () => ({ from: '2026-11-01', to: '2026-11-30', userId: zhang.userId, actions: ['update', 'create', 'dictionary'], entity: 'org_unit', text: '社区' })],
  ];

  it.each(filters)('%s: exactly the matching rows, narrower than all, newest first', async (_name, make) => {
    const f = make();
    const want = expected(f);
    const { ids, totals } = await listAll(f);
    expect(ids).toEqual(want);
    expect(new Set(totals)).toEqual(new Set([want.length]));
    expect(want.length).toBeGreaterThan(0);
    expect(want.length).toBeLessThan(allRaw().length);
  });

  it('the day filter uses local calendar days: midnight belongs to the new day', async () => {
    const { pages } = await listAll({ from: '2026-11-12', to: '2026-11-12' });
    expect(pages[0]!.rows.map((r) => r.entityId)).toEqual(['unit_kind/c', 'unit_kind/b']);
  });

  it('a _ or % in the search is a character, not a wildcard', async () => {
    expect(ok<AuditPage>(await app.call('audit.list', { text: '_' })).total).toBe(expected({ text: '_' }).length);
    expect(ok<AuditPage>(await app.call('audit.list', { text: '%' })).total).toBe(1);
  });

  it('pages: same total on each, no row twice, none missing, past the end empty', async () => {
    const all = expected({});
    const seen: number[] = [];
    for (let page = 0; page * 7 < all.length; page++) {
      const p = ok<AuditPage>(await app.call('audit.list', { page, pageSize: 7 }));
      expect(p.total).toBe(all.length);
      expect(p.rows.length).toBe(Math.min(7, all.length - page * 7));
      seen.push(...p.rows.map((r) => r.id));
    }
    expect(seen).toEqual(all);
    expect(ok<AuditPage>(await app.call('audit.list', { page: 100, pageSize: 7 }))).toEqual({ rows: [], total: all.length });
  });

  it('rows carry labels, the parsed before/after and the summary', async () => {
    const p = ok<AuditPage>(await app.call('audit.list', { actions: ['update'], entity: 'org_unit' }));
    expect(p.rows).toHaveLength(1);
    expect(p.rows[0]).toMatchObject({
      actor: '张三',
      username: 'zhangsan',
      userId: zhang.userId,
      action: 'update',
      actionLabel: '修改',
      entity: 'org_unit',
      entityLabel: '单位',
      entityId: '101',
      summary: '纬一路社区：名称 纬一路社区 → 纬一路社区（新）',
      before: unit,
      after: { ...unit, name: '纬一路社区（新）' },
    });
    const failed = ok<AuditPage>(await app.call('audit.list', { actions: ['login_failed'] })).rows[0]!;
    expect(failed).toMatchObject({ actor: 'wangwu', userId: null, actionLabel: '登录失败', summary: '用户名 wangwu：用户名不存在' });
  });

  it('refuses a page over 200 rows, a reversed date range, a bad date or action, in Chinese', async () => {
    expect(refused(await app.call('audit.list', { pageSize: AUDIT_MAX_PAGE_SIZE + 1 })).code).toBe('VALIDATION');
    expect(refused(await app.call('audit.list', { from: '2026-11-20', to: '2026-11-01' })).fields).toEqual({ to: '开始日期不能晚于结束日期' });
    expect(refused(await app.call('audit.list', { from: '2026-02-30' })).code).toBe('VALIDATION');
    expect(refused(await app.callUnchecked('audit.list', { actions: ['drop_table'] })).code).toBe('VALIDATION');
  });

  it('blank filter fields from a form mean no filter', async () => {
    expect(ok<AuditPage>(await app.call('audit.list', { from: '', to: '', entity: '', text: '  ' })).total).toBe(allRaw().length);
  });
});

describe('audit.users', () => {
  it('everyone in the log with their count; rows without an account last', async () => {
    const users = ok<AuditUser[]>(await app.call('audit.users'));
    const count = (id: number | null) => allRaw().filter((r) => r.user_id === id).length;
    expect(users.find((u) => u.userId === zhang.userId)).toEqual({ userId: zhang.userId, username: 'zhangsan', name: '张三', count: count(zhang.userId) });
    expect(users.find((u) => u.userId === li.userId)).toEqual({ userId: li.userId, username: 'lisi', name: '李四', count: count(li.userId) });
    expect(users.at(-1)).toEqual({ userId: null, username: null, name: '系统及未登录', count: count(null) });
    expect(users.reduce((n, u) => n + u.count, 0)).toBe(allRaw().length);
  });
});

describe('who may read it, and that nobody can change it', () => {
  it('only administrators read and export the log; others are refused and the refusal is logged', async () => {
    for (const role of ['clerk', 'viewer'] as const) {
      for (const method of ['audit.list', 'audit.users', 'audit.export']) {
        expect(refused(await app.callAsUnchecked(role)(method, {})).code).toBe('FORBIDDEN');
      }
    }
    expect(refused(await app.callAs(null)('audit.list', {})).code).toBe('UNAUTHENTICATED');
    const refusals = ok<AuditPage>(await app.call('audit.list', { actions: ['forbidden'], text: 'audit.' }));
    expect(refusals.total).toBe(6);
    for (const [name, def] of listMethods()) if (name.startsWith('audit.')) expect(def.access).toEqual(ADMINS);
  });

  it('the contract has no method that changes the log other than exporting it', () => {
    const auditMethods = listMethods().filter(([name]) => name.startsWith('audit.'));
    expect(auditMethods.map(([name]) => name).sort()).toEqual(['audit.export', 'audit.list', 'audit.users']);
    expect(auditMethods.filter(([, def]) => def.mutates).map(([name]) => name)).toEqual(['audit.export']);
    // nor any other namespace offering to edit, delete or clear log rows
    for (const [name, def] of listMethods()) {
      expect(`${name} ${def.summary}`).not.toMatch(/(删除|修改|清空|编辑).{0,4}(操作)?日志|audit\.(update|delete|remove|clear|purge|edit)/);
    }
  });

  it('the database refuses UPDATE and DELETE of log rows, and the rows stay as they were', () => {
    const before = allRaw();
    const sqlite = app.store.sqlite;
    expect(() => sqlite.prepare("UPDATE audit_log SET actor = '他人' WHERE id = ?").run(before[0]!.id)).toThrow(/append-only/);
    expect(() => sqlite.prepare('DELETE FROM audit_log WHERE id = ?').run(before[0]!.id)).toThrow(/append-only/);
    expect(() => sqlite.prepare('DELETE FROM audit_log').run()).toThrow(/append-only/);
    expect(allRaw()).toEqual(before);
  });
});
