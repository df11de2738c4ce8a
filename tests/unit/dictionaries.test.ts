import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { auditRows, ok, openShizhongApp, snapshotDatabase, type AuditRow, type TestApp } from '../helpers/test-context';
import { refused } from '../helpers/fixtures';
import type { DictionaryDetail, DictionaryInfo, DictionaryItem, ManagedItem } from '../../shared/api/dictionaries';
import type { StreetNode, UnitRow } from '../../shared/api/units';
import { DICTIONARY_NAMES } from '../../shared/domain/dictionaries';
import { deriveValue } from '../../electron/services/dictionaries/dictionaries-service';

/** 字典管理 through the API: administrators change items, everyone reads, every change logged. */

let app: TestApp;
beforeEach(async () => {
  app = await openShizhongApp();
});
afterEach(async () => {
  await app.close();
});

const parse = (json: string | null) => (json === null ? null : (JSON.parse(json) as Record<string, unknown>));

/** Runs a successful admin call and returns its result and the one audit row it wrote. */
async function logged<T>(method: string, input: unknown): Promise<{ value: T; row: AuditRow }> {
  const before = auditRows(app).length;
  const value = ok<T>(await app.callUnchecked(method, input));
  const rows = auditRows(app).slice(before);
  expect(rows, `${method} should write exactly one audit row`).toHaveLength(1);
  expect(rows[0]).toMatchObject({ action: 'dictionary', username: 'test-admin' });
  return { value, row: rows[0]! };
}

/** Asserts a refusal with this message (or fields[field]) and that nothing changed. */
async function refusedUnchanged(method: string, input: unknown, expected: { message?: string | RegExp; field?: string; fieldMessage?: string; code?: string }) {
  const before = snapshotDatabase(app);
  const error = refused(await app.callUnchecked(method, input));
  if (expected.code) expect(error.code).toBe(expected.code);
  if (typeof expected.message === 'string') expect(error.message).toBe(expected.message);
  else if (expected.message) expect(error.message).toMatch(expected.message);
  if (expected.field) expect(error.fields?.[expected.field]).toBe(expected.fieldMessage ?? error.message);
  expect(snapshotDatabase(app)).toEqual(before);
  return error;
}

const detail = async (name: string) => ok<DictionaryDetail>(await app.callUnchecked('dictionaries.detail', { name }));
const items = async (name: string) => ok<DictionaryItem[]>(await app.callUnchecked('dictionaries.items', { name }));
const unitsOf = async () => ok<StreetNode[]>(await app.call('units.tree', { includeRetired: true })).flatMap((s) => s.units);

describe('reading', () => {
  it('dictionaries.list names every dictionary with its module and counts', async () => {
    const list = ok<DictionaryInfo[]>(await app.call('dictionaries.list'));
    expect(list.map((d) => d.name)).toEqual([...DICTIONARY_NAMES]);
    expect(list.find((d) => d.name === 'unit_kind')).toEqual({
      name: 'unit_kind',
      label: '单位类别',
      description: '村（社区）的类别：行政村、村改居社区、城市社区',
      module: 'units',
      moduleLabel: '组织架构',
      usedBy: ['组织架构 · 村（社区）的单位类别'],
      groups: null,
      itemCount: 3,
      activeCount: 3,
      retiredCount: 0,
    });
    expect(list.find((d) => d.name === 'fund_category')).toMatchObject({ label: '资金类别', moduleLabel: '经费台账', itemCount: 9, activeCount: 9, usedBy: ['经费台账 · 经费项目的资金类别'] });
    expect(list.find((d) => d.name === 'reserve_source')).toMatchObject({ usedBy: [] });
    expect(list.find((d) => d.name === 'venue_checklist')).toMatchObject({ groups: ['一院', '五室', '六有'], itemCount: 12 });
  });

  it('everyone may read: clerk and viewer', async () => {
    for (const role of ['clerk', 'viewer'] as const) {
      expect(ok<DictionaryInfo[]>(await app.callAs(role)('dictionaries.list'))).toHaveLength(DICTIONARY_NAMES.length);
      expect(ok<DictionaryItem[]>(await app.callAs(role)('dictionaries.items', { name: 'six_basics' }))).toHaveLength(6);
      expect(ok<DictionaryDetail>(await app.callAs(role)('dictionaries.detail', { name: 'unit_kind' })).items).toHaveLength(3);
    }
    expect(refused(await app.callAs(null)('dictionaries.list')).code).toBe('UNAUTHENTICATED');
  });

  it('dictionaries.detail counts the records holding each value (216 units: 77 villages, 139 urban)', async () => {
    const d = await detail('unit_kind');
    expect(d.items.map((i) => [i.value, i.label, i.usageCount])).toEqual([
      ['village', '行政村', 77],
      ['converted', '村改居社区', 0],
      ['urban', '城市社区', 139],
    ]);
    expect((await detail('reserve_source')).items.every((i) => i.usageCount === 0)).toBe(true);
  });

  it('items of a grouped dictionary carry their group; others have none', async () => {
    const checklist = await items('venue_checklist');
    expect(checklist[0]).toEqual({ value: 'courtyard', label: '院落（设升旗台）', sortOrder: 1, retired: false, group: '一院' });
    expect((await items('unit_kind'))[0]).toEqual({ value: 'village', label: '行政村', sortOrder: 1, retired: false });
  });

  it('reading writes nothing', async () => {
    const before = snapshotDatabase(app);
    await app.call('dictionaries.list');
    await detail('unit_kind');
    await items('fund_category');
    expect(snapshotDatabase(app)).toEqual(before);
  });
});

describe('addItem', () => {
  it('derives a value from the pinyin of the name, puts the item last and logs it', async () => {
    const { value, row } = await logged<ManagedItem>('dictionaries.addItem', { name: 'reserve_source', label: ' 驻村工作队 ' });
    expect(value).toEqual({ value: 'zhucungongzuodui', label: '驻村工作队', sortOrder: 5, retired: false, usageCount: 0 });
    expect(row).toMatchObject({ entity: 'dict_item', entity_id: 'reserve_source/zhucungongzuodui', before_json: null });
    expect(parse(row.after_json)).toEqual({ dictionary: 'reserve_source', dictionaryLabel: '后备人才来源（四个一批）', value: 'zhucungongzuodui', label: '驻村工作队', sortOrder: 5, retired: false });
    expect((await items('reserve_source')).map((i) => i.label)).toEqual(['村内选拔', '村外回请', '跨村任职', '县乡派任', '驻村工作队']);
  });

  it('takes a typed value (full-width and capitals folded) and a group where the dictionary has groups', async () => {
    const { value } = await logged<ManagedItem>('dictionaries.addItem', { name: 'venue_checklist', label: '档案室', value: 'ＡRCHIVE_room', group: '五室' });
    // placed after the last item of its group, the rest renumbered
    expect(value).toMatchObject({ value: 'archive_room', label: '档案室', group: '五室', sortOrder: 7 });
    const checklist = await items('venue_checklist');
    expect(checklist.map((i) => [i.sortOrder, i.group, i.label]).slice(4, 9)).toEqual([
      [5, '五室', '文化活动室'],
      [6, '五室', '图书室'],
      [7, '五室', '档案室'],
      [8, '六有', '有场所'],
      [9, '六有', '有设施'],
    ]);
    expect(checklist.map((i) => i.sortOrder)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13]);
  });

  it('makes a derived value unique', () => {
    expect(deriveValue('其他', new Set(['qita']))).toBe('qita_2');
    expect(deriveValue('其他', new Set(['qita', 'qita_2']))).toBe('qita_3');
    expect(deriveValue('“两委”委员', new Set())).toBe('liangweiweiyuan');
    expect(deriveValue('2024新增', new Set())).toBe('x2024xinzeng');
    expect(deriveValue('——', new Set())).toBe('item');
  });

  it('refuses a name already in use, an empty name, a bad or taken value, a missing or unknown group', async () => {
    await refusedUnchanged('dictionaries.addItem', { name: 'unit_kind', label: '行政村' }, { message: '“单位类别”中已有“行政村”，名称不能重复', field: 'label', code: 'CONFLICT' });
    await refusedUnchanged('dictionaries.addItem', { name: 'unit_kind', label: '   ' }, { message: '名称不能为空', field: 'label' });
    await refusedUnchanged('dictionaries.addItem', { name: 'unit_kind' }, { message: '请填写名称', field: 'label' });
    await refusedUnchanged('dictionaries.addItem', { name: 'unit_kind', label: '新类别', value: '9abc' }, { field: 'value', message: /条目代码只能由小写字母/ });
    await refusedUnchanged('dictionaries.addItem', { name: 'unit_kind', label: '新类别', value: 'urban' }, { message: '条目代码“urban”已被“城市社区”使用，请换一个或留空', field: 'value' });
    await refusedUnchanged('dictionaries.addItem', { name: 'venue_checklist', label: '档案室' }, { message: '请选择分组（一院、五室、六有）', field: 'group' });
    await refusedUnchanged('dictionaries.addItem', { name: 'venue_checklist', label: '档案室', group: '七室' }, { message: '分组只能是：一院、五室、六有', field: 'group' });
    await refusedUnchanged('dictionaries.addItem', { name: 'unit_kind', label: '新类别', group: '五室' }, { message: '“单位类别”不分组，请不要填写分组', field: 'group' });
    await refusedUnchanged('dictionaries.addItem', { name: 'nope', label: '新类别' }, { message: '没有这个字典', field: 'name' });
  });

  it('points at a retired item of the same name instead of adding a twin', async () => {
    await logged('dictionaries.retireItem', { name: 'star_rating', value: 'unrated' });
    await refusedUnchanged('dictionaries.addItem', { name: 'star_rating', label: '未定级' }, { message: '“评星定级”中已有停用的“未定级”，请恢复该条目，不必新增', field: 'label' });
  });
});

describe('updateItem and moveItem', () => {
  it('renames an item: every record shows the new name, the value stays', async () => {
    const { value, row } = await logged<ManagedItem>('dictionaries.updateItem', { name: 'unit_kind', value: 'converted', label: '村改社区' });
    expect(value).toEqual({ value: 'converted', label: '村改社区', sortOrder: 2, retired: false, usageCount: 0 });
    expect(parse(row.before_json)).toMatchObject({ label: '村改居社区' });
    expect(parse(row.after_json)).toMatchObject({ label: '村改社区' });
    expect((await items('unit_kind')).map((i) => i.label)).toEqual(['行政村', '村改社区', '城市社区']);
  });

  it('changes the group of a checklist item', async () => {
    const { value } = await logged<ManagedItem>('dictionaries.updateItem', { name: 'venue_checklist', value: 'library', label: '图书阅览室', group: '六有' });
    expect(value).toMatchObject({ label: '图书阅览室', group: '六有' });
  });

  it('an unchanged save writes nothing', async () => {
    const before = snapshotDatabase(app);
    ok(await app.call('dictionaries.updateItem', { name: 'unit_kind', value: 'urban', label: '城市社区' }));
    expect(snapshotDatabase(app)).toEqual(before);
  });

  it('refuses a rename onto another name, an empty name and an unknown item', async () => {
    await refusedUnchanged('dictionaries.updateItem', { name: 'unit_kind', value: 'urban', label: '行政村' }, { message: '“单位类别”中已有“行政村”，名称不能重复', field: 'label' });
    await refusedUnchanged('dictionaries.updateItem', { name: 'unit_kind', value: 'urban', label: '' }, { message: '名称不能为空', field: 'label' });
    await refusedUnchanged('dictionaries.updateItem', { name: 'unit_kind', value: 'nope', label: '某类' }, { message: '“单位类别”中的条目“nope”不存在或已被删除', code: 'NOT_FOUND' });
  });

  it('moves an item up and down, renumbering the order, one audit row each', async () => {
    const up = await logged<ManagedItem[]>('dictionaries.moveItem', { name: 'fortress_index', value: 'weak', direction: 'up' });
    expect(up.value.map((i) => [i.value, i.sortOrder])).toEqual([['strong', 1], ['weak', 2], ['medium', 3]]);
    expect(parse(up.row.before_json)).toEqual({ dictionary: 'fortress_index', order: ['strong', 'medium', 'weak'] });
    expect(parse(up.row.after_json)).toEqual({ dictionary: 'fortress_index', order: ['strong', 'weak', 'medium'] });
    const down = await logged<ManagedItem[]>('dictionaries.moveItem', { name: 'fortress_index', value: 'strong', direction: 'down' });
    expect(down.value.map((i) => i.value)).toEqual(['weak', 'strong', 'medium']);
    expect((await items('fortress_index')).map((i) => i.label)).toEqual(['弱', '强', '中']);
  });

  it('refuses to move past either end', async () => {
    await refusedUnchanged('dictionaries.moveItem', { name: 'fortress_index', value: 'strong', direction: 'up' }, { message: '“强”已经排在最前面' });
    await refusedUnchanged('dictionaries.moveItem', { name: 'fortress_index', value: 'weak', direction: 'down' }, { message: '“弱”已经排在最后面' });
  });
});

describe('retire, restore, delete', () => {
  it('retiring 行政村 refuses it for new units while existing units keep it', async () => {
    const { value, row } = await logged<ManagedItem>('dictionaries.retireItem', { name: 'unit_kind', value: 'village' });
    expect(value).toEqual({ value: 'village', label: '行政村', sortOrder: 1, retired: true, usageCount: 77 });
    expect(parse(row.before_json)).toMatchObject({ retired: false });
    expect(parse(row.after_json)).toMatchObject({ retired: true });

    const street = ok<StreetNode[]>(await app.call('units.tree', {})).find((s) => s.code === '370103019')!;
    const before = snapshotDatabase(app);
    const error = refused(await app.call('units.create', { level: 'unit', parentId: street.id, code: '370103019299', name: '新设村', kind: 'village' }));
    expect(error.fields?.kind).toMatch(/^该单位类别已停用/);
    expect(snapshotDatabase(app)).toEqual(before);

    const villages = (await unitsOf()).filter((u: UnitRow) => u.kind === 'village');
    expect(villages).toHaveLength(77);
    expect((await items('unit_kind')).find((i) => i.value === 'village')).toMatchObject({ retired: true, label: '行政村' });
    expect(ok<DictionaryInfo[]>(await app.call('dictionaries.list')).find((d) => d.name === 'unit_kind')).toMatchObject({ activeCount: 2, retiredCount: 1 });
  });

  it('a unit whose kind was retired can still be edited, keeping that kind; changing to a retired kind is refused', async () => {
    await logged('dictionaries.retireItem', { name: 'unit_kind', value: 'village' });
    const village = (await unitsOf()).find((u) => u.kind === 'village')!;
    const renamed = ok<UnitRow>(await app.call('units.update', { id: village.id, name: `${village.name}（改）`, kind: 'village' }));
    expect(renamed).toMatchObject({ name: `${village.name}（改）`, kind: 'village' });
    const urban = (await unitsOf()).find((u) => u.kind === 'urban')!;
    await refusedUnchanged('units.update', { id: urban.id, name: urban.name, kind: 'village' }, { field: 'kind', message: /^该单位类别已停用/ });
  });

  it('restores a retired item', async () => {
    await logged('dictionaries.retireItem', { name: 'unit_kind', value: 'converted' });
    const { value } = await logged<ManagedItem>('dictionaries.restoreItem', { name: 'unit_kind', value: 'converted' });
    expect(value.retired).toBe(false);
    const street = ok<StreetNode[]>(await app.call('units.tree', {})).find((s) => s.code === '370103019')!;
    ok(await app.call('units.create', { level: 'unit', parentId: street.id, code: '370103019299', name: '新设社区', kind: 'converted' }));
  });

  it('refuses to retire twice, to restore an active item, to retire the last item in use, and to restore onto a taken name', async () => {
    await logged('dictionaries.retireItem', { name: 'fortress_index', value: 'medium' });
    await refusedUnchanged('dictionaries.retireItem', { name: 'fortress_index', value: 'medium' }, { message: '“中”已经停用' });
    await refusedUnchanged('dictionaries.restoreItem', { name: 'fortress_index', value: 'strong' }, { message: '“强”没有停用，无需恢复' });
    await logged('dictionaries.retireItem', { name: 'fortress_index', value: 'weak' });
    await refusedUnchanged('dictionaries.retireItem', { name: 'fortress_index', value: 'strong' }, { message: '“强”是“堡垒指数”中唯一在用的条目，不能停用' });
    await refusedUnchanged('dictionaries.deleteItem', { name: 'fortress_index', value: 'strong' }, { message: '“强”是“堡垒指数”中唯一在用的条目，不能删除' });
    await logged('dictionaries.updateItem', { name: 'fortress_index', value: 'strong', label: '中' });
    await refusedUnchanged('dictionaries.restoreItem', { name: 'fortress_index', value: 'medium' }, { message: '“堡垒指数”中已有在用的“中”，请先修改其中一个的名称再恢复', code: 'CONFLICT' });
  });

  it('deletes an item nobody uses, logging what it was', async () => {
    const { value, row } = await logged<{ done: true }>('dictionaries.deleteItem', { name: 'unit_kind', value: 'converted' });
    expect(value).toEqual({ done: true });
    expect(row).toMatchObject({ entity: 'dict_item', entity_id: 'unit_kind/converted', after_json: null });
    expect(parse(row.before_json)).toMatchObject({ value: 'converted', label: '村改居社区' });
    expect((await items('unit_kind')).map((i) => i.value)).toEqual(['village', 'urban']);
  });

  it('refuses to delete a value in use, also once retired: retire it instead', async () => {
    await refusedUnchanged(
      'dictionaries.deleteItem',
      { name: 'unit_kind', value: 'village' },
      { message: '“行政村”正在被 77 条记录使用，不能删除，只能停用', code: 'CONFLICT' },
    );
    await logged('dictionaries.retireItem', { name: 'unit_kind', value: 'urban' });
    await refusedUnchanged('dictionaries.deleteItem', { name: 'unit_kind', value: 'urban' }, { message: '“城市社区”正在被 139 条记录使用，不能删除，只能停用' });
    // a retired unit still holds its kind
    const unit = (await unitsOf()).find((u) => u.kind === 'urban')!;
    ok(await app.call('units.retire', { id: unit.id, retiredOn: '2024-12-31', reason: '撤并' }));
    await refusedUnchanged('dictionaries.deleteItem', { name: 'unit_kind', value: 'urban' }, { message: '“城市社区”正在被 139 条记录使用，不能删除，只能停用' });
  });

  it('the database refuses deleting a 单位类别 in use even below the service', () => {
    expect(() => app.store.sqlite.prepare("DELETE FROM dict_items WHERE dict = 'unit_kind' AND value = 'village'").run()).toThrow(/in use/);
  });
});

describe('only administrators change dictionaries', () => {
  const mutations: Array<[string, unknown]> = [
    ['dictionaries.addItem', { name: 'unit_kind', label: '新类别' }],
    ['dictionaries.updateItem', { name: 'unit_kind', value: 'urban', label: '城区社区' }],
    ['dictionaries.moveItem', { name: 'unit_kind', value: 'urban', direction: 'up' }],
    ['dictionaries.retireItem', { name: 'unit_kind', value: 'converted' }],
    ['dictionaries.restoreItem', { name: 'unit_kind', value: 'converted' }],
    ['dictionaries.deleteItem', { name: 'unit_kind', value: 'converted' }],
  ];

  it.each(['clerk', 'viewer'] as const)('%s is refused every change, and nothing but the refusal is logged', async (role) => {
    await app.callerFor(role);
    for (const [method, input] of mutations) {
      const before = snapshotDatabase(app, { except: ['audit_log'] });
      const logBefore = auditRows(app).length;
      const error = refused(await app.callAsUnchecked(role)(method, input));
      expect(error.code).toBe('FORBIDDEN');
      expect(error.message).toMatch(/没有此项操作的权限：字典/);
      expect(snapshotDatabase(app, { except: ['audit_log'] })).toEqual(before);
      expect(auditRows(app).slice(logBefore).map((r) => [r.action, r.entity_id])).toEqual([['forbidden', method]]);
    }
  });

  it('logged out is refused', async () => {
    const before = snapshotDatabase(app);
    expect(refused(await app.callAs(null)('dictionaries.addItem', { name: 'unit_kind', label: '新类别' })).code).toBe('UNAUTHENTICATED');
    expect(snapshotDatabase(app)).toEqual(before);
  });
});
