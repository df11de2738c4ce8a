import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ok, openShizhongApp, snapshotDatabase } from '../helpers/test-context';
import { refused } from '../helpers/fixtures';
import type { StreetNode, UnitRow } from '../../shared/api/units';

/**
 * Bad input to the units commands: each is refused with a Chinese message that names the
 * field, the field's key in `fields`, and not a single byte of the database changed — first
 * through the services, then straight at SQLite to show the database refuses on its own.
 */

let app: Awaited<ReturnType<typeof openShizhongApp>>;
let daguanyuan: StreetNode; // 370103002 大观园街道
let qixian: StreetNode; // 370103018 七贤街道
let weiyilu: UnitRow; // 370103002001 纬一路社区
let retiredStreetId: number;
let retiredUnitId: number;

beforeAll(async () => {
  app = await openShizhongApp();
  // a retired street (empty, manual) and a retired unit, for the rules about retired records
  const street = ok<UnitRow>(await app.call('units.create', { level: 'street', code: '370103098', name: '已撤街道', kind: '街道' }));
  ok(await app.call('units.retire', { id: street.id, retiredOn: '2024-01-01', reason: '合并' }));
  retiredStreetId = street.id;
  const tree = ok<StreetNode[]>(await app.call('units.tree', {}));
  daguanyuan = tree.find((s) => s.code === '370103002')!;
  qixian = tree.find((s) => s.code === '370103018')!;
  weiyilu = daguanyuan.units.find((u) => u.code === '370103002001')!;
  const unit = ok<UnitRow>(
    await app.call('units.create', { level: 'unit', parentId: qixian.id, code: '370103018096', name: '已撤社区', kind: 'urban' }),
  );
  ok(await app.call('units.changeCode', { id: unit.id, newCode: '370103018099', effectiveOn: '2023-01-01', reason: '重新编码' }));
  ok(await app.call('units.retire', { id: unit.id, retiredOn: '2024-01-01', reason: '撤并' }));
  retiredUnitId = unit.id;
});
afterAll(async () => {
  await app.close();
});

interface Case {
  title: string;
  method: string;
  input: () => Record<string, unknown>;
  code: 'VALIDATION' | 'CONFLICT' | 'NOT_FOUND';
  field?: string;
  /** words the message must contain (the field's name, the offending value …) */
  says: string[];
}

/** Overrides are given as an object, or as a function when they need ids known only after setup. */
type Overrides = Record<string, unknown> | (() => Record<string, unknown>);
const resolve = (o: Overrides) => (typeof o === 'function' ? o() : o);
const unit = (o: Overrides) => () => ({ level: 'unit', parentId: daguanyuan.id, code: '370103002099', name: '新建社区', kind: 'urban', ...resolve(o) });
const street = (o: Overrides) => () => ({ level: 'street', code: '370103097', name: '新建街道', kind: '街道', ...resolve(o) });
const move = (o: Overrides) => () => ({ id: weiyilu.id, newCode: '370103002099', effectiveOn: '2024-06-30', reason: '村改居', ...resolve(o) });
const edit = (o: Overrides) => () => ({ id: weiyilu.id, name: '纬一路社区', kind: 'urban', ...resolve(o) });

const CASES: Case[] = [
  // creating a unit
  { title: 'unit: duplicate code', method: 'units.create', input: unit({ code: '370103002001' }), code: 'CONFLICT', field: 'code', says: ['代码', '370103002001', '纬一路社区'] },
  { title: 'unit: duplicate code typed full-width', method: 'units.create', input: unit({ code: '３７０１０３ ００２ ００１' }), code: 'CONFLICT', field: 'code', says: ['代码', '370103002001'] },
  { title: 'unit: code of 11 digits', method: 'units.create', input: unit({ code: '37010300209' }), code: 'VALIDATION', field: 'code', says: ['代码', '12位'] },
  { title: 'unit: code of 13 digits', method: 'units.create', input: unit({ code: '3701030020990' }), code: 'VALIDATION', field: 'code', says: ['代码', '12位'] },
  { title: 'unit: code with a letter', method: 'units.create', input: unit({ code: '37010300209A' }), code: 'VALIDATION', field: 'code', says: ['代码', '12位'] },
  { title: 'unit: code with a Chinese character', method: 'units.create', input: unit({ code: '37010300209号' }), code: 'VALIDATION', field: 'code', says: ['代码'] },
  { title: 'unit: empty code', method: 'units.create', input: unit({ code: '' }), code: 'VALIDATION', field: 'code', says: ['代码', '不能为空'] },
  { title: 'unit: code as a number', method: 'units.create', input: unit({ code: 370103002099 }), code: 'VALIDATION', field: 'code', says: ['代码'] },
  { title: 'unit: code under another street', method: 'units.create', input: unit({ code: '370103018098' }), code: 'VALIDATION', field: 'code', says: ['代码', '大观园街道', '370103002'] },
  { title: 'unit: code under another county', method: 'units.create', input: unit({ code: '370105001099' }), code: 'VALIDATION', field: 'code', says: ['代码', '370103002'] },
  { title: 'unit: empty name', method: 'units.create', input: unit({ name: '' }), code: 'VALIDATION', field: 'name', says: ['名称', '不能为空'] },
  { title: 'unit: whitespace-only name', method: 'units.create', input: unit({ name: '   ' }), code: 'VALIDATION', field: 'name', says: ['名称', '不能为空'] },
  { title: 'unit: ideographic-space-only name', method: 'units.create', input: unit({ name: '\u3000\u3000' }), code: 'VALIDATION', field: 'name', says: ['名称', '不能为空'] },
  { title: 'unit: missing name', method: 'units.create', input: unit({ name: undefined }), code: 'VALIDATION', field: 'name', says: ['名称'] },
  { title: 'unit: name over 50 characters', method: 'units.create', input: unit({ name: '社'.repeat(51) }), code: 'VALIDATION', field: 'name', says: ['名称', '50'] },
  { title: 'unit: name already used in the street', method: 'units.create', input: unit({ name: '纬一路社区' }), code: 'CONFLICT', field: 'name', says: ['纬一路社区'] },
  { title: 'unit: created under a unit', method: 'units.create', input: unit(() => ({ parentId: weiyilu.id })), code: 'VALIDATION', field: 'parentId', says: ['街道', '纬一路社区'] },
  { title: 'unit: parent that does not exist', method: 'units.create', input: unit({ parentId: 999999 }), code: 'VALIDATION', field: 'parentId', says: ['所属街道', '不存在'] },
  { title: 'unit: parent id not a number', method: 'units.create', input: unit({ parentId: '1' }), code: 'VALIDATION', field: 'parentId', says: ['所属街道'] },
  { title: 'unit: kind not in the dictionary', method: 'units.create', input: unit({ kind: 'farm' }), code: 'VALIDATION', field: 'kind', says: ['单位类别'] },
  { title: 'unit: urban-rural class not in the standard', method: 'units.create', input: unit({ urbanRuralClass: '999' }), code: 'VALIDATION', field: 'urbanRuralClass', says: ['城乡分类'] },
  // creating a street
  { title: 'street: duplicate code', method: 'units.create', input: street({ code: '370103018' }), code: 'CONFLICT', field: 'code', says: ['代码', '370103018', '七贤街道'] },
  { title: 'street: code of 8 digits', method: 'units.create', input: street({ code: '37010309' }), code: 'VALIDATION', field: 'code', says: ['街道', '代码', '9位'] },
  { title: 'street: code of 12 digits', method: 'units.create', input: street({ code: '370103097001' }), code: 'VALIDATION', field: 'code', says: ['街道', '代码', '9位'] },
  { title: 'street: code outside the district', method: 'units.create', input: street({ code: '370105097' }), code: 'VALIDATION', field: 'code', says: ['代码', '370103'] },
  { title: 'street: empty name', method: 'units.create', input: street({ name: ' ' }), code: 'VALIDATION', field: 'name', says: ['街道', '名称', '不能为空'] },
  { title: 'street: name already used', method: 'units.create', input: street({ name: '七贤街道' }), code: 'CONFLICT', field: 'name', says: ['七贤街道'] },
  { title: 'street: unknown kind', method: 'units.create', input: street({ kind: '村' }), code: 'VALIDATION', field: 'kind', says: ['类别'] },
  // editing
  { title: 'update: empty name', method: 'units.update', input: edit({ name: '' }), code: 'VALIDATION', field: 'name', says: ['名称', '不能为空'] },
  { title: 'update: whitespace-only name', method: 'units.update', input: edit({ name: ' \t ' }), code: 'VALIDATION', field: 'name', says: ['名称', '不能为空'] },
  { title: 'update: name of a neighbour', method: 'units.update', input: edit({ name: '睦和苑社区' }), code: 'CONFLICT', field: 'name', says: ['睦和苑社区'] },
  { title: 'update: kind not in the dictionary', method: 'units.update', input: edit({ kind: 'farm' }), code: 'VALIDATION', field: 'kind', says: ['类别'] },
  { title: 'update: street kind that is a unit kind', method: 'units.update', input: () => ({ id: qixian.id, name: '七贤街道', kind: 'urban' }), code: 'VALIDATION', field: 'kind', says: ['类别'] },
  { title: 'update: unknown id', method: 'units.update', input: edit({ id: 999999 }), code: 'NOT_FOUND', says: ['单位'] },
  // changing a code / moving
  { title: 'changeCode: new code of 11 digits', method: 'units.changeCode', input: move({ newCode: '37010300209' }), code: 'VALIDATION', field: 'newCode', says: ['代码', '12位'] },
  { title: 'changeCode: new code of 13 digits', method: 'units.changeCode', input: move({ newCode: '3701030020990' }), code: 'VALIDATION', field: 'newCode', says: ['代码', '12位'] },
  { title: 'changeCode: new code with letters', method: 'units.changeCode', input: move({ newCode: '37010300209A' }), code: 'VALIDATION', field: 'newCode', says: ['代码'] },
  { title: 'changeCode: new code under another street', method: 'units.changeCode', input: move({ newCode: '370103018098' }), code: 'VALIDATION', field: 'newCode', says: ['代码', '大观园街道'] },
  { title: 'changeCode: new code already used', method: 'units.changeCode', input: move({ newCode: '370103002003' }), code: 'CONFLICT', field: 'newCode', says: ['代码', '370103002003'] },
  { title: 'changeCode: same code, same street', method: 'units.changeCode', input: move({ newCode: '370103002001' }), code: 'VALIDATION', field: 'newCode', says: ['代码', '相同'] },
  { title: 'changeCode: moved under a unit', method: 'units.changeCode', input: move(() => ({ parentId: daguanyuan.units[1]!.id })), code: 'VALIDATION', field: 'parentId', says: ['街道'] },
  { title: 'changeCode: moved under a retired street', method: 'units.changeCode', input: move(() => ({ parentId: retiredStreetId, newCode: '370103098001' })), code: 'VALIDATION', field: 'parentId', says: ['街道', '已撤销'] },
  { title: 'changeCode: moved to another street keeping the old code', method: 'units.changeCode', input: move(() => ({ parentId: qixian.id, newCode: '370103002001' })), code: 'VALIDATION', field: 'newCode', says: ['代码', '七贤街道', '370103018'] },
  { title: 'changeCode: empty new name', method: 'units.changeCode', input: move({ name: ' ' }), code: 'VALIDATION', field: 'name', says: ['名称', '不能为空'] },
  { title: 'changeCode: empty reason', method: 'units.changeCode', input: move({ reason: '' }), code: 'VALIDATION', field: 'reason', says: ['变更原因'] },
  { title: 'changeCode: impossible date', method: 'units.changeCode', input: move({ effectiveOn: '2024-02-30' }), code: 'VALIDATION', field: 'effectiveOn', says: ['变更日期'] },
  { title: 'changeCode: date in another format', method: 'units.changeCode', input: move({ effectiveOn: '2024/06/30' }), code: 'VALIDATION', field: 'effectiveOn', says: ['变更日期'] },
  { title: 'changeCode: new kind not in the dictionary', method: 'units.changeCode', input: move({ kind: 'farm' }), code: 'VALIDATION', field: 'kind', says: ['类别'] },
  { title: 'changeCode: a street with units', method: 'units.changeCode', input: () => ({ id: qixian.id, newCode: '370103097', effectiveOn: '2024-06-30', reason: '调整' }), code: 'VALIDATION', field: 'newCode', says: ['七贤街道', '村（社区）'] },
  { title: 'changeCode: a street given a parent', method: 'units.changeCode', input: () => ({ id: qixian.id, parentId: daguanyuan.id, newCode: '370103097', effectiveOn: '2024-06-30', reason: '调整' }), code: 'VALIDATION', field: 'parentId', says: ['街道'] },
  { title: 'changeCode: a retired unit', method: 'units.changeCode', input: () => ({ id: retiredUnitId, newCode: '370103018097', effectiveOn: '2024-06-30', reason: '调整' }), code: 'VALIDATION', says: ['已撤销'] },
  // retire / restore
  { title: 'retire: impossible date', method: 'units.retire', input: () => ({ id: weiyilu.id, retiredOn: '2024-13-01', reason: '撤并' }), code: 'VALIDATION', field: 'retiredOn', says: ['撤销日期'] },
  { title: 'retire: empty reason', method: 'units.retire', input: () => ({ id: weiyilu.id, retiredOn: '2024-01-01', reason: '  ' }), code: 'VALIDATION', field: 'reason', says: ['撤销原因'] },
  { title: 'retire: a street with units', method: 'units.retire', input: () => ({ id: qixian.id, retiredOn: '2024-01-01', reason: '撤并' }), code: 'VALIDATION', says: ['七贤街道', '18'] },
  { title: 'retire: already retired', method: 'units.retire', input: () => ({ id: retiredUnitId, retiredOn: '2024-01-01', reason: '撤并' }), code: 'VALIDATION', says: ['已经撤销'] },
  { title: 'restore: an active unit', method: 'units.restore', input: () => ({ id: weiyilu.id }), code: 'VALIDATION', says: ['无需恢复'] },
  { title: 'restore: unknown id', method: 'units.restore', input: () => ({ id: 999999 }), code: 'NOT_FOUND', says: ['不存在'] },
];

describe('refused through the services, database unchanged', () => {
  it.each(CASES.map((c) => [c.title, c] as const))('%s', async (_title, c) => {
    const before = snapshotDatabase(app);
    const error = refused(await app.callUnchecked(c.method, c.input()));
    expect(error.code).toBe(c.code);
    for (const word of c.says) expect(error.message).toContain(word);
    if (c.field) {
      expect(error.fields, `fields of: ${error.message}`).toBeDefined();
      expect(Object.keys(error.fields!)).toContain(c.field);
      expect(error.fields![c.field]).toMatch(/[\u4e00-\u9fff]/);
    }
    expect(snapshotDatabase(app)).toEqual(before);
  });

  it('a street whose units are all retired cannot change its code, with a message naming them (not a generic one)', async () => {
    // The trigger org_units_street_code_frozen counts retired units too; the service only
    // counts active ones, so the clerk gets the generic constraint text and no field.
    const s = ok<UnitRow>(await app.call('units.create', { level: 'street', code: '370103096', name: '试点街道', kind: '街道' }));
    const u = ok<UnitRow>(await app.call('units.create', { level: 'unit', parentId: s.id, code: '370103096001', name: '试点社区', kind: 'urban' }));
    ok(await app.call('units.retire', { id: u.id, retiredOn: '2024-01-01', reason: '撤并' }));
    const before = snapshotDatabase(app);
    const error = refused(await app.call('units.changeCode', { id: s.id, newCode: '370103095', effectiveOn: '2024-06-30', reason: '调整' }));
    expect(snapshotDatabase(app)).toEqual(before);
    expect(error.message).not.toContain('数据不符合规则');
    expect(error.fields?.newCode).toBeDefined();
  });
});

describe('the database itself refuses, below the services', () => {
  const at = '2026-11-22T02:00:00.000Z';
  const insert = (row: Record<string, unknown>) => {
    const values = {
      level: 'unit',
      parent_id: daguanyuan.id,
      code: '370103002099',
      name: '直写社区',
      full_name: '直写社区居民委员会',
      kind: 'urban',
      urban_rural_class: null,
      status: 'active',
      retired_on: null,
      source: 'manual',
      created_at: at,
      updated_at: at,
      ...row,
    };
    const columns = Object.keys(values);
    return () =>
      app.store.sqlite
        .prepare(`INSERT INTO org_units (${columns.join(', ')}) VALUES (${columns.map((c) => `@${c}`).join(', ')})`)
        .run(values);
  };
  const exec = (sql: string, ...params: unknown[]) => () => app.store.sqlite.prepare(sql).run(...params);

  const DB_CASES: Array<[string, () => () => unknown, string, RegExp?]> = [
    // a unit's 12-digit code can never equal a parent's code cut to 9 digits, so either trigger may speak first
    ['unit under a unit', () => insert({ parent_id: weiyilu.id }), 'SQLITE_CONSTRAINT_TRIGGER', /parent must be a street|sit under its street/],
    ['unit without a parent', () => insert({ parent_id: null }), 'SQLITE_CONSTRAINT_TRIGGER'],
    ['unit code not under its street', () => insert({ code: '370103018098' }), 'SQLITE_CONSTRAINT_TRIGGER', /sit under its street/],
    ['unit code of 11 digits', () => insert({ code: '37010300209' }), 'SQLITE_CONSTRAINT_CHECK'],
    ['unit code of 13 digits', () => insert({ code: '3701030020990' }), 'SQLITE_CONSTRAINT_CHECK'],
    ['unit code with a letter', () => insert({ code: '37010300209a' }), 'SQLITE_CONSTRAINT_CHECK'],
    ['empty name', () => insert({ name: '' }), 'SQLITE_CONSTRAINT_CHECK'],
    ['whitespace-only name', () => insert({ name: '   ' }), 'SQLITE_CONSTRAINT_CHECK'],
    ['empty full name', () => insert({ full_name: ' ' }), 'SQLITE_CONSTRAINT_CHECK'],
    ['duplicate active code', () => insert({ code: '370103002001' }), 'SQLITE_CONSTRAINT_UNIQUE'],
    ['unknown level', () => insert({ level: 'village' }), 'SQLITE_CONSTRAINT_CHECK'],
    ['street with a parent', () => insert({ level: 'street', code: '370103097', parent_id: daguanyuan.id }), 'SQLITE_CONSTRAINT_CHECK'],
    ['street code of 12 digits', () => insert({ level: 'street', code: '370103097001', parent_id: null }), 'SQLITE_CONSTRAINT_CHECK'],
    ['retired without a date', () => insert({ status: 'retired' }), 'SQLITE_CONSTRAINT_CHECK'],
    ['active with a retirement date', () => insert({ retired_on: '2024-01-01' }), 'SQLITE_CONSTRAINT_CHECK'],
    ['urban-rural class outside the standard', () => insert({ urban_rural_class: '999' }), 'SQLITE_CONSTRAINT_CHECK'],
    ['text in an INTEGER column (STRICT)', () => insert({ sort_order: 'first' }), 'SQLITE_CONSTRAINT_DATATYPE'],
    ['moving a unit under a unit', () => exec('UPDATE org_units SET parent_id = ? WHERE id = ?', daguanyuan.units[1]!.id, weiyilu.id), 'SQLITE_CONSTRAINT_TRIGGER', /parent must be a street|sit under its street/],
    ['moving a unit to another street, code unchanged', () => exec('UPDATE org_units SET parent_id = ? WHERE id = ?', qixian.id, weiyilu.id), 'SQLITE_CONSTRAINT_TRIGGER', /sit under its street/],
    ['re-coding a unit outside its street', () => exec("UPDATE org_units SET code = '370103018098' WHERE id = ?", weiyilu.id), 'SQLITE_CONSTRAINT_TRIGGER', /sit under its street/],
    ['re-coding a unit onto a taken code', () => exec("UPDATE org_units SET code = '370103002003' WHERE id = ?", weiyilu.id), 'SQLITE_CONSTRAINT_UNIQUE'],
    ['re-coding a street that has units', () => exec("UPDATE org_units SET code = '370103097' WHERE id = ?", qixian.id), 'SQLITE_CONSTRAINT_TRIGGER', /cannot change code/],
    ['emptying a name', () => exec("UPDATE org_units SET name = '' WHERE id = ?", weiyilu.id), 'SQLITE_CONSTRAINT_CHECK'],
    // ON DELETE RESTRICT is enforced by SQLite as an internal trigger
    ['deleting a street that has units', () => exec('DELETE FROM org_units WHERE id = ?', qixian.id), 'SQLITE_CONSTRAINT_TRIGGER', /FOREIGN KEY/],
    ['deleting a unit that has code history', () => exec('DELETE FROM org_units WHERE id = ?', retiredUnitId), 'SQLITE_CONSTRAINT_TRIGGER', /FOREIGN KEY/],
    ['a code history row whose new code equals the old', () => exec("INSERT INTO unit_code_history (unit_id, old_code, new_code, effective_on, reason, recorded_at) VALUES (?, '370103002001', '370103002001', '2024-01-01', '调整', ?)", weiyilu.id, at), 'SQLITE_CONSTRAINT_CHECK'],
    ['a code history row without a reason', () => exec("INSERT INTO unit_code_history (unit_id, old_code, new_code, effective_on, reason, recorded_at) VALUES (?, '370103002001', '370103002098', '2024-01-01', ' ', ?)", weiyilu.id, at), 'SQLITE_CONSTRAINT_CHECK'],
    ['a dictionary item without a label', () => exec("INSERT INTO dict_items (dict, value, label) VALUES ('unit_kind', 'farm', ' ')"), 'SQLITE_CONSTRAINT_CHECK'],
    // migration 008: the no-replace guard refuses a taken key before the unique index does
    ['a duplicate dictionary value', () => exec("INSERT INTO dict_items (dict, value, label) VALUES ('unit_kind', 'village', '村')"), 'SQLITE_CONSTRAINT_TRIGGER', /not replaced/],
    ['a dictionary value replaced', () => exec("INSERT OR REPLACE INTO dict_items (dict, value, label) VALUES ('unit_kind', 'village', '村')"), 'SQLITE_CONSTRAINT_TRIGGER', /not replaced/],
    ['editing the audit log', () => exec("UPDATE audit_log SET actor = 'someone else'"), 'SQLITE_CONSTRAINT_TRIGGER', /append-only/],
    ['deleting from the audit log', () => exec('DELETE FROM audit_log'), 'SQLITE_CONSTRAINT_TRIGGER', /append-only/],
  ];

  it.each(DB_CASES)('%s', (_title, make, code, message) => {
    const before = snapshotDatabase(app);
    const run = make();
    let thrown: unknown;
    try {
      run();
    } catch (error) {
      thrown = error;
    }
    expect(thrown, 'the statement should have been refused').toBeInstanceOf(Error);
    expect((thrown as { code?: string }).code).toBe(code);
    if (message) expect((thrown as Error).message).toMatch(message);
    expect(snapshotDatabase(app)).toEqual(before);
  });

  it('a retired unit frees its code: the same code can be inserted again (control for the unique index)', () => {
    const retired = app.store.sqlite.prepare('SELECT code, parent_id FROM org_units WHERE id = ?').get(retiredUnitId) as { code: string; parent_id: number };
    const result = insert({ code: retired.code, parent_id: retired.parent_id, name: '复用代码社区' })() as { changes: number };
    expect(result.changes).toBe(1);
    app.store.sqlite.prepare("DELETE FROM org_units WHERE name = '复用代码社区'").run();
  });
});
