import SQLite from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { auditRowHash, verifyAuditChain } from '../../electron/db/audit-chain';
import { LATEST_SCHEMA_VERSION, MIGRATIONS } from '../../electron/db/migrations';
import { migrate } from '../../electron/db/migrations/apply';
import { checkSchema } from '../../electron/db/schema-check';

/**
 * Every migration keeps the data written before it (in the spirit of Signal Desktop's ts/sql
 * migration tests). For each migration N ≥ 2: a database is made at N−1, representative rows are
 * written into every table it has (TABLE_ROWS, plus the rows case N adds to exercise what it
 * changes), N is applied, and every row written before is still there with the same values (new
 * columns aside); then case N checks what N itself promises. A migration without a case here
 * fails the first test: append migration 009, append its case.
 */

type Value = string | number | null;
type Row = Record<string, Value>;
type Db = SQLite.Database;

const AT = '2026-11-22T02:00:00.000Z';
const stamps = { created_at: AT, updated_at: AT };

/** A connection as the app opens one (electron/db/open-store.ts, applyConnectionPragmas). */
function open(): Db {
  const db = new SQLite(':memory:');
  db.pragma('foreign_keys = ON');
  db.pragma('trusted_schema = OFF');
  db.pragma('recursive_triggers = ON');
  return db;
}

const version = (db: Db) => db.pragma('user_version', { simple: true }) as number;
const tablesOf = (db: Db) =>
  (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name").all() as Array<{ name: string }>).map((t) => t.name);
const columnsOf = (db: Db, table: string) => (db.pragma(`table_info("${table}")`) as Array<{ name: string }>).map((c) => c.name);
const count = (db: Db, sql: string, ...args: Value[]) => (db.prepare(sql).get(...args) as { n: number }).n;

/** Inserts the row's values for the columns the table has at this version (columns of later migrations are left out). */
function insert(db: Db, table: string, row: Row): number {
  const have = new Set(columnsOf(db, table));
  const keys = Object.keys(row).filter((k) => have.has(k));
  return Number(db.prepare(`INSERT INTO ${table} (${keys.join(', ')}) VALUES (${keys.map(() => '?').join(', ')})`).run(...keys.map((k) => row[k])).lastInsertRowid);
}

/** The SQLite error message a statement raises (fails the test if it succeeds). */
function refusal(db: Db, sql: string, ...args: Value[]): string {
  try {
    db.prepare(sql).run(...args);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error(`expected the database to refuse: ${sql}`);
}

// ---------------------------------------------------------------- representative rows

/**
 * Rows for every table, written with the columns the table has at the version being tested;
 * NULLs and values, defaults left to the database, Chinese text, a character outside the BMP,
 * quotes and line breaks, every status a row can be in. In foreign-key order.
 */
const TABLE_ROWS: ReadonlyArray<readonly [table: string, write: (db: Db) => void]> = [
  [
    'settings',
    (db) => {
      insert(db, 'settings', { key: 'departmentName', value: JSON.stringify('中共市中区委组织部'), updated_at: AT });
      insert(db, 'settings', { key: 'incomeBands', value: JSON.stringify({ generalFromFen: 5_000_000, standardFromFen: 10_000_000, richFromFen: 20_000_000 }), updated_at: AT });
      insert(db, 'settings', { key: 'gd_note', value: JSON.stringify('“引号”\n第二行 莫\u{21413}'), updated_at: '2025-01-01T00:00:00.000Z' });
    },
  ],
  [
    'dict_items',
    (db) => {
      insert(db, 'dict_items', { dict: 'unit_kind', value: 'gd_custom', label: '自定义类别', sort_order: 4, retired: 0, group_label: null });
      insert(db, 'dict_items', { dict: 'unit_kind', value: 'gd_retired', label: '停用类别', sort_order: 5, retired: 1 });
      insert(db, 'dict_items', { dict: 'gd_list', value: 'gd_grouped', label: '分组条目', sort_order: 1, group_label: '五室' });
    },
  ],
  [
    'users',
    (db) => {
      const hash = 'scrypt$16384$8$1$c2FsdA==$aGFzaA==';
      insert(db, 'users', { id: 1, username: 'admin', display_name: '管理员', role: 'admin', password_hash: hash, last_login_at: AT, ...stamps });
      insert(db, 'users', {
        id: 2,
        username: 'ZhangSan',
        display_name: '张三',
        role: 'clerk',
        password_hash: `${hash}2`,
        must_change_password: 1,
        active: 1,
        failed_attempts: 3,
        locked_until: '2026-11-22T02:15:00.000Z',
        last_login_at: null,
        ...stamps,
      });
      insert(db, 'users', { id: 3, username: 'chayue', display_name: '查阅员', role: 'viewer', password_hash: `${hash}3`, active: 0, ...stamps });
    },
  ],
  [
    'org_units',
    (db) => {
      const unit = (row: Row) => insert(db, 'org_units', { level: 'unit', source: 'national', status: 'active', urban_rural_class: null, ...stamps, ...row });
      insert(db, 'org_units', { id: 10, level: 'street', parent_id: null, code: '370103001', name: '大观园街道', full_name: '大观园街道办事处', kind: '街道', source: 'national', name_initials: 'dgyjd', name_pinyin: 'daguanyuanjiedao', sort_order: 1, ...stamps });
      insert(db, 'org_units', { id: 11, level: 'street', parent_id: null, code: '370103002', name: '杆石桥街道', full_name: '杆石桥街道办事处', kind: '街道', source: 'manual', note: '手工添加', ...stamps });
      unit({ id: 20, parent_id: 10, code: '370103001001', name: '纬一路社区', full_name: '纬一路社区居民委员会', kind: 'urban', urban_rural_class: '111', name_initials: 'wylsq', name_pinyin: 'weiyilushequ' });
      unit({ id: 21, parent_id: 10, code: '370103001201', name: '王官庄村', full_name: '王官庄村村民委员会', kind: 'village', urban_rural_class: '220', sort_order: 2, note: '备注：“引号”\n第二行' });
      unit({ id: 22, parent_id: 11, code: '370103002001', name: '已撤销社区', full_name: '已撤销社区居民委员会', kind: 'converted', status: 'retired', retired_on: '2025-06-30', retire_reason: '合并到纬一路社区', source: 'manual' });
      unit({ id: 23, parent_id: 10, code: '370103001202', name: '莫\u{21413}村', full_name: '莫\u{21413}村村民委员会', kind: 'gd_custom' });
    },
  ],
  [
    'unit_code_history',
    (db) => {
      insert(db, 'unit_code_history', { unit_id: 20, old_code: '370103001099', new_code: '370103001001', old_parent_id: 10, new_parent_id: 10, effective_on: '2024-01-01', reason: '区划代码调整', recorded_at: AT });
      insert(db, 'unit_code_history', { unit_id: 22, old_code: '370103001003', new_code: '370103002001', old_parent_id: 10, new_parent_id: 11, effective_on: '2024-07-01', reason: '划入杆石桥街道', recorded_at: AT });
      insert(db, 'unit_code_history', { unit_id: 21, old_code: '370103001299', new_code: '370103001201', old_parent_id: null, new_parent_id: null, effective_on: '2023-01-01', reason: '更正', recorded_at: AT });
    },
  ],
  [
    'audit_log',
    (db) => {
      const row = (r: Row) => insert(db, 'audit_log', { at: AT, entity_id: null, before_json: null, after_json: null, user_id: null, username: null, ...r });
      row({ actor: '系统', action: 'setup', entity: 'settings', after_json: JSON.stringify({ countyCode: '370103', departmentName: '中共市中区委组织部' }) });
      row({ at: '2026-11-22T02:01:00.000Z', actor: '管理员', action: 'create', entity: 'org_unit', entity_id: '20', after_json: JSON.stringify({ name: '纬一路社区', note: null }), user_id: 1, username: 'admin' });
      row({ at: '2026-11-22T02:02:00.000Z', actor: '张三', action: 'update', entity: 'org_unit', entity_id: '21', before_json: JSON.stringify({ note: null }), after_json: JSON.stringify({ note: '备注：“引号”\n第二行 \u{21413}' }), user_id: 2, username: 'ZhangSan' });
      row({ at: '2026-11-22T02:03:00.000Z', actor: 'lisi', action: 'login_failed', entity: 'user', after_json: JSON.stringify({ username: 'lisi', reason: 'unknown user' }), username: 'lisi' });
      // the same moment twice: the order is the id's
      row({ at: '2026-11-22T02:03:00.000Z', actor: '管理员', action: 'export', entity: 'audit_log', after_json: JSON.stringify({ fileName: '操作日志.xlsx', rows: 4 }), user_id: 1, username: 'admin' });
    },
  ],
  [
    'village_profiles',
    (db) => {
      insert(db, 'village_profiles', {
        unit_id: 21,
        households: 812,
        resident_population: 2650,
        floating_population: 120,
        area_m2: 3_450_000,
        arable_land_mu_x100: 12_345,
        forest_land_mu_x100: 0,
        party_org_type: 'general_branch',
        member_total: 86,
        member_female: 20,
        member_under35: 12,
        member_over70: 30,
        member_avg_age_x10: 563,
        member_outflow: 5,
        member_inflow: 2,
        secretary_name: '王建国',
        secretary_gender: 'male',
        secretary_birth_month: '1971-03',
        secretary_education: 'junior_college',
        secretary_since_month: '2021-01',
        secretary_phone: '13812345678',
        secretary_is_director: 1,
        director_name: '王建国',
        director_phone: null,
        supervisor_name: '李秀英',
        supervisor_phone: '0531-86123456',
        committee_count: 5,
        graduate_official: '刘洋',
        party_assistant: null,
        coop_led: 1,
        coop_name: '王官庄村股份经济合作社',
        venue_area_m2_x100: 45_000,
        venue_meets_standard: 1,
        note: '书记主任“一肩挑”',
        ...stamps,
      });
      insert(db, 'village_profiles', { unit_id: 20, ...stamps }); // every figure unknown, flags by default
    },
  ],
  [
    'village_years',
    (db) => {
      const base = { households: null, resident_population: null, floating_population: null, member_total: null, note: null, ...stamps };
      insert(db, 'village_years', { ...base, unit_id: 21, year: 2024, collective_income_fen: 12_345_678, collective_assets_fen: 90_000_000, liabilities_fen: 0, star_rating: 'four_star', fortress_index: 'strong', weak_org: 0, households: 810, member_total: 85 });
      insert(db, 'village_years', { ...base, unit_id: 21, year: 2025, collective_income_fen: -50_000, star_rating: null, fortress_index: 'weak', weak_org: 1, note: '整顿' });
      insert(db, 'village_years', { unit_id: 20, year: 2025, ...stamps });
    },
  ],
  [
    'village_first_secretaries',
    (db) => {
      insert(db, 'village_first_secretaries', { unit_id: 21, name: '陈晨', dispatching_unit: '市财政局', started_on: '2021-03-01', ended_on: '2023-03-01', note: null, ...stamps });
      insert(db, 'village_first_secretaries', { unit_id: 21, name: '赵磊', dispatching_unit: null, started_on: '2023-03-01', ended_on: null, note: '现任', ...stamps });
    },
  ],
  [
    'import_mappings',
    (db) => {
      insert(db, 'import_mappings', { definition_key: 'villages.profile', fingerprint: 'f0e1d2c3', fields_json: JSON.stringify(['unitCode', null, 'households']), headers_json: JSON.stringify(['代码', '备注', '户数']), updated_at: AT, updated_by: '管理员' });
    },
  ],
  [
    'fund_programmes',
    (db) => {
      const none = { document_no: null, standard_text: null, standard_fen: null, due_on: null, note: null };
      insert(db, 'fund_programmes', { ...none, id: 1, year: 2026, name: '区域化党建工作经费', category: 'regional', source_level: 'district', budget_fen: 170_000_000, document_no: '市中组字〔2026〕8号', standard_text: '每街道10万元', standard_fen: 10_000_000, recipient_kind: 'street', due_on: '2026-06-30', ...stamps });
      insert(db, 'fund_programmes', { ...none, id: 2, year: 2025, name: '书记津贴', category: 'secretary_allowance', source_level: 'street', budget_fen: 1_000_000, recipient_kind: 'person', note: '按月发放', ...stamps });
    },
  ],
  [
    'fund_allocations',
    (db) => {
      insert(db, 'fund_allocations', { id: 1, programme_id: 1, unit_id: 10, person_name: null, amount_fen: 10_000_000, due_on: null, note: null, ...stamps });
      insert(db, 'fund_allocations', { id: 2, programme_id: 1, unit_id: 11, person_name: null, amount_fen: 10_000_000, due_on: '2026-12-31', note: '第二批', ...stamps });
      insert(db, 'fund_allocations', { id: 3, programme_id: 2, unit_id: null, person_name: '张三', amount_fen: 500_000, due_on: null, note: null, ...stamps });
    },
  ],
  [
    'fund_disbursements',
    (db) => {
      const row = (r: Row) => insert(db, 'fund_disbursements', { paid_on: '2026-07-01', voucher_no: null, handler: null, approver: null, note: null, status: 'pending', reverses_id: null, created_at: AT, created_by: '张三', ...r });
      const approve = (id: number) => db.prepare("UPDATE fund_disbursements SET status = 'approved', approved_at = ?, approved_by = '管理员' WHERE id = ?").run(AT, id);
      const post = (id: number) => db.prepare("UPDATE fund_disbursements SET status = 'paid', posted_at = ?, posted_by = '管理员' WHERE id = ?").run(AT, id);
      const paid = row({ allocation_id: 1, amount_fen: 6_000_000, voucher_no: '记-01', handler: '王红', approver: '李明', note: '第一批' });
      approve(paid);
      post(paid);
      row({ allocation_id: 1, paid_on: '2026-08-01', amount_fen: -1_000_000, status: 'paid', reverses_id: paid, voucher_no: '记-09', note: '多拨，冲回', posted_at: AT, posted_by: '张三' });
      row({ allocation_id: 1, paid_on: '2026-09-10', amount_fen: 2_000_000 }); // 待审核
      approve(row({ allocation_id: 3, paid_on: '2025-10-01', amount_fen: 200_000 })); // 已审核
    },
  ],
  [
    'attachment_blobs',
    () => {
      // written with their attachments (the next entry): a blob row is only ever written for a file something refers to
    },
  ],
  [
    'attachments',
    (db) => {
      db.transaction(() => {
        const at = (r: Row) => insert(db, 'attachments', { created_at: AT, created_by: '张三', ...r });
        at({ id: 1, blob_sha256: SHA_PHOTO, owner_entity: 'org_unit', owner_id: 21, file_name: '村委会照片.jpg' });
        at({ id: 2, blob_sha256: SHA_PHOTO, owner_entity: 'org_unit', owner_id: 20, file_name: '“引号”莫\u{21413}.jpg', created_by: '管理员' });
        at({ id: 3, blob_sha256: SHA_PDF, owner_entity: 'org_unit', owner_id: 22, file_name: '整改报告（已撤销社区）.pdf' });
        insert(db, 'attachment_blobs', { sha256: SHA_PHOTO, bytes: 2_345_678, mime: 'image/jpeg', width: 4000, height: 3000, thumb_bytes: 18_000, created_at: AT });
        insert(db, 'attachment_blobs', { sha256: SHA_PDF, bytes: 120_000, mime: 'application/pdf', width: null, height: null, thumb_bytes: null, created_at: AT });
      })();
    },
  ],
];

const SHA_PHOTO = 'a'.repeat(63) + '1';
const SHA_PDF = 'b'.repeat(63) + '2';

/** Writes the representative rows of every table the database has at its version; every table gets some. */
function writeTableRows(db: Db) {
  const tables = tablesOf(db);
  const known = new Set(TABLE_ROWS.map(([t]) => t));
  const without = tables.filter((t) => !known.has(t));
  expect(without, `tables at version ${version(db)} without representative rows: add them to TABLE_ROWS`).toEqual([]);
  for (const [table, write] of TABLE_ROWS) if (tables.includes(table)) write(db);
  for (const table of tables) expect(count(db, `SELECT count(*) AS n FROM ${table}`), `rows written into ${table}`).toBeGreaterThan(0);
}

// ---------------------------------------------------------------- what survives

interface TableSnapshot {
  columns: string[];
  rows: Map<number, Row>;
}
type Snapshot = Map<string, TableSnapshot>;

function snapshot(db: Db): Snapshot {
  return new Map(
    tablesOf(db).map((table) => {
      const rows = db.prepare(`SELECT rowid AS "__rowid", * FROM "${table}" ORDER BY rowid`).all() as Array<Row & { __rowid: number }>;
      return [table, { columns: columnsOf(db, table), rows: new Map(rows.map(({ __rowid, ...row }) => [__rowid, row])) }];
    }),
  );
}

/** Every row of `before` is in `after` under the same rowid, with the same value in every column it had. */
function expectSurvived(before: Snapshot, after: Snapshot, step: string) {
  for (const [table, { columns, rows }] of before) {
    const now = after.get(table);
    expect(now, `${step}: table ${table} is gone`).toBeDefined();
    expect(columns.filter((c) => !now!.columns.includes(c)), `${step}: columns of ${table} gone`).toEqual([]);
    for (const [rowid, row] of rows) {
      const kept = now!.rows.get(rowid);
      expect(kept, `${step}: ${table} row ${rowid} is gone (${JSON.stringify(row)})`).toBeDefined();
      expect(Object.fromEntries(columns.map((c) => [c, kept![c]])), `${step}: ${table} row ${rowid}`).toEqual(row);
    }
  }
}

/** Rows of `table` at N that were not there at N−1. */
const added = (db: Db, before: Snapshot, table: string) =>
  (db.prepare(`SELECT rowid AS "__rowid", * FROM "${table}" ORDER BY rowid`).all() as Array<Row & { __rowid: number }>).filter((r) => !before.get(table)?.rows.has(r.__rowid));
/** The rows written before N, as they are at N (every column, new ones included). */
const oldRows = (db: Db, before: Snapshot, table: string) =>
  (db.prepare(`SELECT rowid AS "__rowid", * FROM "${table}" ORDER BY rowid`).all() as Array<Row & { __rowid: number }>).filter((r) => before.get(table)!.rows.has(r.__rowid));

// ---------------------------------------------------------------- one case per migration

interface MigrationCase {
  /** rows beyond TABLE_ROWS that exercise what N changes, written at N−1 */
  write?: (db: Db) => void;
  /** what N promises, checked right after it (the rows written before are already compared) */
  promises: (db: Db, before: Snapshot) => void;
}

const CASES: Record<number, MigrationCase> = {
  2: {
    // 本机账户: users appears; audit_log gains user_id and username
    promises(db, before) {
      expect(oldRows(db, before, 'audit_log').map((r) => [r.user_id, r.username])).toEqual([...before.get('audit_log')!.rows.values()].map(() => [null, null]));
      expect(count(db, 'SELECT count(*) AS n FROM users')).toBe(0);
      // a row written now names its account
      insert(db, 'users', { id: 7, username: 'wangwu', display_name: '王五', role: 'clerk', password_hash: 'scrypt$x', ...stamps });
      insert(db, 'audit_log', { at: AT, actor: '王五', action: 'login', entity: 'user', entity_id: '7', user_id: 7, username: 'wangwu' });
      expect(refusal(db, "INSERT INTO audit_log (at, actor, action, entity, user_id) VALUES (?, 'x', 'login', 'user', 99)", AT)).toBe('FOREIGN KEY constraint failed');
      // still append-only; accounts are never deleted
      expect(refusal(db, "UPDATE audit_log SET actor = 'x' WHERE id = 1")).toBe('audit log is append-only');
      expect(refusal(db, 'DELETE FROM users WHERE id = 7')).toBe('users are not deleted');
    },
  },
  3: {
    // 字典: group_label; the seeds of every list; values frozen; an item in use is not deleted; active labels unique
    promises(db, before) {
      expect(oldRows(db, before, 'dict_items').filter((r) => r.group_label !== null), 'items written before 003 have no group').toEqual([]);
      const seeds = added(db, before, 'dict_items');
      const dicts = new Set(seeds.map((r) => r.dict));
      expect(dicts.has('unit_kind')).toBe(false);
      expect(seeds.filter((r) => r.dict === 'star_rating').map((r) => r.value)).toEqual(['five_star', 'four_star', 'three_star', 'unrated']);
      expect(new Set(seeds.filter((r) => r.dict === 'venue_checklist').map((r) => r.group_label))).toEqual(new Set(['一院', '五室', '六有']));
      expect(seeds.length).toBeGreaterThan(100);
      expect(seeds.filter((r) => r.retired !== 0), 'seeds are in use').toEqual([]);
      const custom = db.prepare("SELECT id FROM dict_items WHERE value = 'gd_custom'").get() as { id: number };
      expect(refusal(db, "UPDATE dict_items SET value = 'renamed' WHERE id = ?", custom.id)).toBe('dictionary values never change');
      // 行政村 is held by 王官庄村, the custom kind by 莫𡐓村
      expect(refusal(db, "DELETE FROM dict_items WHERE dict = 'unit_kind' AND value = 'village'")).toBe('dictionary value in use');
      expect(refusal(db, "DELETE FROM dict_items WHERE dict = 'unit_kind' AND value = 'gd_custom'")).toBe('dictionary value in use');
      expect(refusal(db, "INSERT INTO dict_items (dict, value, label) VALUES ('unit_kind', 'gd_other', '自定义类别')")).toMatch(/^UNIQUE constraint failed/);
      // a retired item's label is free again
      insert(db, 'dict_items', { dict: 'unit_kind', value: 'gd_again', label: '停用类别' });
    },
  },
  4: {
    // 村情档案: party_org_type seeds, the three tables, their unit and dictionary rules
    promises(db, before) {
      expect(added(db, before, 'dict_items').map((r) => [r.dict, r.value])).toEqual([
        ['party_org_type', 'committee'],
        ['party_org_type', 'general_branch'],
        ['party_org_type', 'branch'],
      ]);
      for (const t of ['village_profiles', 'village_years', 'village_first_secretaries']) expect(count(db, `SELECT count(*) AS n FROM ${t}`)).toBe(0);
      expect(refusal(db, 'INSERT INTO village_profiles (unit_id, created_at, updated_at) VALUES (10, ?, ?)', AT, AT)).toBe('village file must belong to a unit');
      insert(db, 'village_profiles', { unit_id: 21, party_org_type: 'committee', secretary_education: 'bachelor', ...stamps });
      insert(db, 'village_years', { unit_id: 22, year: 2024, star_rating: 'three_star', ...stamps }); // a retired unit keeps its years
      expect(refusal(db, "INSERT INTO village_years (unit_id, year, star_rating, created_at, updated_at) VALUES (21, 2024, 'gd_none', ?, ?)", AT, AT)).toBe('value not in dictionary');
      expect(refusal(db, "DELETE FROM dict_items WHERE dict = 'star_rating' AND value = 'three_star'")).toBe('dictionary value in use');
      // the existing rules still hold on the existing rows
      expect(refusal(db, "UPDATE org_units SET code = '370103009' WHERE id = 10")).toBe('street with units cannot change code');
    },
  },
  5: {
    // 导入列对应: the table, keyed by record type and header layout
    promises(db) {
      expect(count(db, 'SELECT count(*) AS n FROM import_mappings')).toBe(0);
      const mapping = { definition_key: 'units', fingerprint: 'abc', fields_json: '["code"]', headers_json: '["代码"]', updated_at: AT, updated_by: '管理员' };
      insert(db, 'import_mappings', mapping);
      expect(refusal(db, "INSERT INTO import_mappings (definition_key, fingerprint, fields_json, headers_json, updated_at, updated_by) VALUES ('units', 'abc', '[]', '[]', ?, 'x')", AT)).toMatch(/^UNIQUE constraint failed/);
      expect(refusal(db, "INSERT INTO import_mappings (definition_key, fingerprint, fields_json, headers_json, updated_at, updated_by) VALUES ('units', 'def', '{', '[]', ?, 'x')", AT)).toMatch(/^CHECK constraint failed/);
    },
  },
  6: {
    // 经费台账: three tables whose ledger rules the database holds, paying the units already registered
    promises(db) {
      for (const t of ['fund_programmes', 'fund_allocations', 'fund_disbursements']) expect(count(db, `SELECT count(*) AS n FROM ${t}`)).toBe(0);
      insert(db, 'fund_programmes', { id: 1, year: 2026, name: '村级组织运转经费', category: 'village_operation', source_level: 'city', budget_fen: 100_000, recipient_kind: 'village', ...stamps });
      insert(db, 'fund_allocations', { id: 1, programme_id: 1, unit_id: 23, amount_fen: 60_000, ...stamps });
      expect(refusal(db, 'INSERT INTO fund_allocations (programme_id, unit_id, amount_fen, created_at, updated_at) VALUES (1, 20, 40001, ?, ?)', AT, AT)).toBe('fund: allocations exceed budget');
      expect(refusal(db, 'INSERT INTO fund_allocations (programme_id, unit_id, amount_fen, created_at, updated_at) VALUES (1, 99, 1, ?, ?)', AT, AT)).toBe('FOREIGN KEY constraint failed');
      insert(db, 'fund_disbursements', { allocation_id: 1, paid_on: '2026-05-01', amount_fen: 60_000, status: 'pending', created_at: AT, created_by: '张三' });
      expect(refusal(db, "INSERT INTO fund_disbursements (allocation_id, paid_on, amount_fen, status, created_at, created_by) VALUES (1, '2026-05-02', 1, 'pending', ?, 'x')", AT)).toBe('fund: disbursements exceed allocation');
      // a unit that holds an allocation (and nothing else) cannot be removed from the register
      expect(refusal(db, 'DELETE FROM org_units WHERE id = 23')).toBe('FOREIGN KEY constraint failed');
    },
  },
  7: {
    // indexes only: the rows are read through the new ones, the ledger rules hold as before
    promises(db) {
      const indexes = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name LIKE 'fund\\_%' ESCAPE '\\'").all() as Array<{ name: string }>).map((i) => i.name);
      expect(indexes).toEqual(expect.arrayContaining(['fund_allocations_programme', 'fund_disbursements_allocation_sums']));
      expect(indexes).not.toContain('fund_disbursements_allocation');
      const plan = (sql: string) => (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as Array<{ detail: string }>).map((p) => p.detail).join('\n');
      expect(plan('SELECT id FROM fund_allocations WHERE programme_id = 1')).toContain('fund_allocations_programme');
      expect(plan("SELECT sum(amount_fen) FROM fund_disbursements WHERE allocation_id = 1 AND status = 'paid'")).toContain('COVERING INDEX fund_disbursements_allocation_sums');
      // Σ 已拨付 of allocation 1 read through the index: 6万 paid, 1万 reversed
      expect(db.prepare("SELECT sum(amount_fen) AS paid FROM fund_disbursements WHERE allocation_id = 1 AND status = 'paid'").get()).toEqual({ paid: 5_000_000 });
      expect(refusal(db, "INSERT INTO fund_disbursements (allocation_id, paid_on, amount_fen, status, created_at, created_by) VALUES (1, '2026-10-01', 3000001, 'pending', ?, 'x')", AT)).toBe('fund: disbursements exceed allocation');
      expect(refusal(db, "UPDATE fund_disbursements SET amount_fen = 1 WHERE status = 'paid' AND reverses_id IS NULL")).toBe('fund: a paid disbursement cannot be changed');
    },
  },
  8: {
    // REPLACE guards; the audit hash chain computed for the rows already written
    write(db) {
      // more audit rows: the chain must link many, in id order, whatever their times
      for (let i = 0; i < 20; i++) {
        insert(db, 'audit_log', { at: `2026-11-${String(21 - (i % 3)).padStart(2, '0')}T0${i % 10}:00:00.000Z`, actor: `经办人${i}`, action: 'update', entity: 'fund_disbursement', entity_id: String(i), before_json: i % 2 ? null : '{}', after_json: JSON.stringify({ n: i, text: '“引号”\u{21413}' }), user_id: (i % 3) + 1, username: ['admin', 'ZhangSan', 'chayue'][i % 3]! });
      }
    },
    promises(db, before) {
      const rows = oldRows(db, before, 'audit_log');
      expect(rows.length).toBe(before.get('audit_log')!.rows.size);
      expect(rows.filter((r) => typeof r.chain_hash !== 'string' || !/^[0-9a-f]{64}$/.test(r.chain_hash)), 'audit rows written before 008 without a chain_hash').toEqual([]);
      expect(new Set(rows.map((r) => r.chain_hash)).size, 'chain hashes differ').toBe(rows.length);
      expect(verifyAuditChain(db)).toEqual({ ok: true, rows: rows.length });
      // the append-only rule is back in place after the one update that wrote the hashes
      expect(refusal(db, "UPDATE audit_log SET chain_hash = NULL WHERE id = 1")).toBe('audit log is append-only');
      // REPLACE cannot get round the rows the database keeps (on the app's connection as on any other)
      for (const recursive of [1, 0]) {
        db.pragma(`recursive_triggers = ${recursive}`);
        expect(refusal(db, "INSERT OR REPLACE INTO audit_log (id, at, actor, action, entity) VALUES (1, ?, 'x', 'login', 'user')", AT)).toBe('audit log is append-only');
        expect(refusal(db, "INSERT OR REPLACE INTO fund_disbursements (id, allocation_id, paid_on, amount_fen, status, created_at, created_by) VALUES (1, 1, '2026-07-01', 1, 'pending', ?, 'x')", AT)).toBe('fund: a disbursement cannot be replaced');
        expect(refusal(db, "INSERT OR REPLACE INTO users (username, display_name, role, password_hash, created_at, updated_at) VALUES ('zhangsan', 'x', 'admin', 'scrypt$x', ?, ?)", AT, AT)).toBe('users are not replaced');
        expect(refusal(db, "INSERT OR REPLACE INTO dict_items (dict, value, label) VALUES ('unit_kind', 'gd_custom', 'x')")).toBe('dictionary items are not replaced');
        expect(refusal(db, "UPDATE OR REPLACE fund_disbursements SET id = 1 WHERE id = 3")).toBe('fund: a disbursement keeps its id');
      }
      db.pragma('recursive_triggers = ON');
      // the next row (as writeAudit links it) continues the chain the migration computed
      const last = rows.at(-1)!;
      const next = { id: Number(last.id) + 1, at: AT, actor: '管理员', user_id: 1, username: 'admin', action: 'login', entity: 'user', entity_id: '1', before_json: null, after_json: null };
      insert(db, 'audit_log', { ...next, chain_hash: auditRowHash(String(last.chain_hash), next) });
      expect(verifyAuditChain(db)).toEqual({ ok: true, rows: rows.length + 1 });
    },
  },
  9: {
    // 附件: two tables whose reference count the database keeps, owners that exist
    promises(db) {
      for (const t of ['attachment_blobs', 'attachments']) expect(count(db, `SELECT count(*) AS n FROM ${t}`)).toBe(0);
      const sha = (c: string) => c.repeat(64);
      const attachRow = (id: number, blob: string, ownerId: number) =>
        db.prepare("INSERT INTO attachments (id, blob_sha256, owner_entity, owner_id, file_name, created_at, created_by) VALUES (?, ?, 'org_unit', ?, 'x.jpg', ?, '张三')").run(id, blob, ownerId, AT);
      const blobRow = (blob: string, mime = 'image/jpeg', width: number | null = 10) =>
        db.prepare('INSERT INTO attachment_blobs (sha256, bytes, mime, width, height, thumb_bytes, created_at) VALUES (?, 10, ?, ?, ?, NULL, ?)').run(blob, mime, width, width, AT);
      // the reference first, then its blob, in one transaction (the foreign key is checked at COMMIT)
      db.transaction(() => {
        attachRow(1, sha('c'), 21);
        attachRow(2, sha('c'), 23);
        blobRow(sha('c'));
      })();
      expect(refusal(db, "INSERT INTO attachment_blobs (sha256, bytes, mime, created_at) VALUES (?, 1, 'application/pdf', ?)", sha('d'), AT)).toBe('attachment: a stored file without a reference');
      expect(() => db.transaction(() => attachRow(3, sha('e'), 21))()).toThrow('FOREIGN KEY constraint failed');
      expect(refusal(db, "INSERT INTO attachments (blob_sha256, owner_entity, owner_id, file_name, created_at, created_by) VALUES (?, 'org_unit', 999, 'x', ?, 'x')", sha('c'), AT)).toBe('attachment: its record does not exist');
      expect(refusal(db, 'DELETE FROM org_units WHERE id = 23')).toBe('unit has attachments');
      // a stored file never changes, is never replaced, and is not deleted while referenced
      expect(refusal(db, 'UPDATE attachment_blobs SET bytes = 11')).toBe('attachment: a stored file never changes');
      for (const recursive of [1, 0]) {
        db.pragma(`recursive_triggers = ${recursive}`);
        expect(refusal(db, "INSERT OR REPLACE INTO attachment_blobs (sha256, bytes, mime, width, height, created_at) VALUES (?, 1, 'image/png', 1, 1, ?)", sha('c'), AT)).toBe('attachment: a stored file is not replaced');
      }
      db.pragma('recursive_triggers = ON');
      expect(refusal(db, 'DELETE FROM attachment_blobs WHERE sha256 = ?', sha('c'))).toBe('FOREIGN KEY constraint failed');
      // an attachment keeps its file, owner and author; only its name changes
      expect(refusal(db, 'UPDATE attachments SET owner_id = 20 WHERE id = 1')).toBe('attachment: only its file name changes');
      expect(refusal(db, "UPDATE attachments SET blob_sha256 = ? WHERE id = 1", sha('f'))).toBe('attachment: only its file name changes');
      db.prepare("UPDATE attachments SET file_name = '改名.jpg' WHERE id = 1").run();
      // what is stored is checked: the name of the content, its type, a picture's size
      db.transaction(() => {
        attachRow(5, 'C'.repeat(64), 21);
        expect(() => blobRow('C'.repeat(64))).toThrow(/^CHECK constraint failed/);
        db.prepare('DELETE FROM attachments WHERE id = 5').run();
        attachRow(4, sha('9'), 21);
        expect(() => blobRow(sha('9'), 'image/gif')).toThrow(/^CHECK constraint failed/);
        expect(() => blobRow(sha('9'), 'application/pdf', 10)).toThrow(/^CHECK constraint failed/);
        expect(() => blobRow(sha('9'), 'image/png', null)).toThrow(/^CHECK constraint failed/);
        db.prepare('DELETE FROM attachments WHERE id = 4').run();
      })();
      // the count: the blob stays while one reference is left, and goes with the last
      db.prepare('DELETE FROM attachments WHERE id = 1').run();
      expect(count(db, 'SELECT count(*) AS n FROM attachment_blobs')).toBe(1);
      db.prepare('DELETE FROM attachments WHERE id = 2').run();
      expect(count(db, 'SELECT count(*) AS n FROM attachment_blobs')).toBe(0);
      // and a unit without attachments is only held by its other records, as before
      expect(refusal(db, 'DELETE FROM org_units WHERE id = 10')).toBe('FOREIGN KEY constraint failed');
    },
  },
};

// ---------------------------------------------------------------- the tests

describe('migrations keep the data written before them', () => {
  it('every migration after the first has a case here (a new migration needs one), and every table representative rows', () => {
    const versions = MIGRATIONS.map((m) => m.version);
    expect(versions).toEqual(versions.map((_, i) => i + 1));
    expect(Object.keys(CASES).map(Number).sort((a, b) => a - b)).toEqual(versions.filter((v) => v >= 2));
    const db = open();
    migrate(db, 0);
    expect(TABLE_ROWS.map(([t]) => t).sort()).toEqual(tablesOf(db));
  });

  it.each(MIGRATIONS.filter((m) => m.version >= 2).map((m) => [m.version, m.name] as const))('%i %s: rows written at the version before survive it', (n) => {
    const step = CASES[n];
    if (!step) throw new Error(`migration ${n} has no case in tests/unit/migrations.test.ts: write rows at ${n - 1} and check what ${n} promises`);
    const db = open();
    migrate(db, 0, n - 1);
    writeTableRows(db);
    step.write?.(db);
    const before = snapshot(db);

    migrate(db, n - 1, n);
    expect(version(db)).toBe(n);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    // upgraded, the schema is exactly the one a database created at n has
    expect(checkSchema(db, n)).toEqual([]);
    expectSurvived(before, snapshot(db), `migration ${n}`);
    step.promises(db, before);
    db.close();
  });

  it(`a database of version 1 upgraded to ${LATEST_SCHEMA_VERSION} in one go keeps every row, its audit rows chained`, () => {
    const db = open();
    migrate(db, 0, 1);
    writeTableRows(db);
    const before = snapshot(db);
    migrate(db, 1);
    expect(version(db)).toBe(LATEST_SCHEMA_VERSION);
    expect(checkSchema(db, LATEST_SCHEMA_VERSION)).toEqual([]);
    expectSurvived(before, snapshot(db), `1 → ${LATEST_SCHEMA_VERSION}`);
    expect(verifyAuditChain(db)).toEqual({ ok: true, rows: before.get('audit_log')!.rows.size });
    db.close();
  });
});
