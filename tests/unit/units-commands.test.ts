import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { auditIdentity, ok, openShizhongApp, snapshotDatabase } from '../helpers/test-context';
import { refused } from '../helpers/fixtures';
import type { StreetNode, UnitDetail, UnitRow } from '../../shared/api/units';
import type { DictionaryItem } from '../../shared/api/dictionaries';

/** The 组织架构 commands and queries on a database set up for 济南市市中区. */

type App = Awaited<ReturnType<typeof openShizhongApp>>;
let app: App;
beforeEach(async () => {
  app = await openShizhongApp();
});
afterEach(async () => {
  await app.close();
});

const tree = async (includeRetired = false) => ok<StreetNode[]>(await app.call('units.tree', { includeRetired }));
const streetByCode = async (code: string) => (await tree(true)).find((s) => s.code === code)!;
const unitByCode = async (code: string) =>
  (await tree(true)).flatMap((s) => s.units).find((u) => u.code === code)!;
const search = async (query: string, extra: Record<string, unknown> = {}) => ok<UnitRow[]>(await app.call('units.search', { query, ...extra }));
const detail = async (id: number) => ok<UnitDetail>(await app.call('units.get', { id }));
const auditRows = () =>
  app.store.sqlite.prepare('SELECT * FROM audit_log ORDER BY id').all() as Array<{
    id: number;
    action: string;
    entity: string;
    entity_id: string | null;
    before_json: string | null;
    after_json: string | null;
    actor: string;
    user_id: number | null;
    username: string | null;
    at: string;
  }>;
const lastAudit = () => auditRows().at(-1)!;
const setClock = (iso: string) => app.setClock(iso);

describe('create', () => {
  it('creates a street from a full-width code, with one audit row', async () => {
    const row = ok<UnitRow>(await app.call('units.create', { level: 'street', code: '３７０１０３０９９', name: ' 新区街道 ', kind: '街道', note: ' 试点 ' }));
    expect(row).toMatchObject({
      level: 'street',
      parentId: null,
      streetName: null,
      code: '370103099',
      name: '新区街道',
      fullName: '新区街道',
      kind: '街道',
      urbanRuralClass: null,
      status: 'active',
      retiredOn: null,
      retireReason: null,
      source: 'manual',
      note: '试点',
      updatedAt: '2026-11-22T02:00:00.000Z',
    });
    const streets = await tree();
    expect(streets).toHaveLength(18);
    expect(streets.at(-1)).toMatchObject({ id: row.id, code: '370103099', units: [] });
    const audit = auditRows();
    expect(audit).toHaveLength(2); // setup + this
    // the row names the logged-in account that made the change
    expect(lastAudit()).toMatchObject({ action: 'create', entity: 'org_unit', entity_id: String(row.id), before_json: null, ...(await auditIdentity(app, 'admin')) });
    expect(JSON.parse(lastAudit().after_json!)).toEqual(row);
  });

  it('creates a unit under a street from a full-width, spaced code', async () => {
    const street = ok<UnitRow>(await app.call('units.create', { level: 'street', code: '370103099', name: '新区街道', kind: '街道' }));
    const row = ok<UnitRow>(
      await app.call('units.create', {
        level: 'unit',
        parentId: street.id,
        code: '３７０１０３ ０９９ ００１',
        name: '新区社区',
        fullName: '新区社区居民委员会',
        kind: 'urban',
        urbanRuralClass: '111',
      }),
    );
    expect(row).toMatchObject({
      level: 'unit',
      parentId: street.id,
      streetName: '新区街道',
      code: '370103099001',
      name: '新区社区',
      fullName: '新区社区居民委员会',
      kind: 'urban',
      urbanRuralClass: '111',
      source: 'manual',
      status: 'active',
      note: null,
    });
    expect((await streetByCode('370103099')).units.map((u) => u.code)).toEqual(['370103099001']);
    expect((await detail(street.id)).activeUnitCount).toBe(1);
  });

  it('a street with a lower code is listed first in the tree', async () => {
    ok(await app.call('units.create', { level: 'street', code: '370103001', name: '一号街道', kind: '街道' }));
    const codes = (await tree()).map((s) => s.code);
    expect(codes[0]).toBe('370103001');
    expect(codes).toEqual([...codes].sort());
  });

  it('two creates of the same code at once: one wins, the other is refused', async () => {
    const qixian = await streetByCode('370103018');
    const input = (name: string) => ({ level: 'unit' as const, parentId: qixian.id, code: '370103018060', name, kind: 'urban' });
    const results = await Promise.all([app.call('units.create', input('甲社区')), app.call('units.create', input('乙社区'))]);
    expect(results.map((r) => r.ok).sort()).toEqual([false, true]);
    const loser = results.find((r) => !r.ok)!;
    expect(!loser.ok && loser.error.code).toBe('CONFLICT');
    expect(app.store.sqlite.prepare("SELECT count(*) AS n FROM org_units WHERE code = '370103018060'").get()).toEqual({ n: 1 });
  });

  it('a unit without a full name takes its name; an empty urban-rural class is null', async () => {
    const qixian = await streetByCode('370103018');
    const row = ok<UnitRow>(
      await app.call('units.create', { level: 'unit', parentId: qixian.id, code: '370103018050', name: '贤文社区', kind: 'converted', urbanRuralClass: '' }),
    );
    expect(row).toMatchObject({ name: '贤文社区', fullName: '贤文社区', kind: 'converted', urbanRuralClass: null, streetName: '七贤街道' });
    const units = (await streetByCode('370103018')).units;
    expect(units).toHaveLength(19);
    // code order within the street
    expect(units.map((u) => u.code)).toEqual([...units.map((u) => u.code)].sort());
  });
});

describe('update', () => {
  it('changes name, full name, kind, urban-rural class and note; keeps the code; audits before and after', async () => {
    const before = await unitByCode('370103002001');
    setClock('2027-01-05T08:00:00.000Z');
    const row = ok<UnitRow>(
      await app.call('units.update', {
        id: before.id,
        name: '纬一路新社区',
        fullName: '纬一路新社区居民委员会',
        kind: 'converted',
        urbanRuralClass: '111',
        note: '2024年更名',
      }),
    );
    expect(row).toEqual({
      ...before,
      name: '纬一路新社区',
      fullName: '纬一路新社区居民委员会',
      kind: 'converted',
      urbanRuralClass: '111',
      note: '2024年更名',
      updatedAt: '2027-01-05T08:00:00.000Z',
    });
    expect(await unitByCode('370103002001')).toEqual(row);
    const audit = lastAudit();
    expect(audit).toMatchObject({ action: 'update', entity_id: String(before.id), at: '2027-01-05T08:00:00.000Z', ...(await auditIdentity(app, 'admin')) });
    expect(JSON.parse(audit.before_json!)).toEqual(before);
    expect(JSON.parse(audit.after_json!)).toEqual(row);
    // the pinyin keys follow the name
    expect((await search('wylxsq')).map((u) => u.id)).toEqual([before.id]);
    expect(await search('纬一路社区')).toEqual([]);
  });

  it('clears the urban-rural class when given an empty value', async () => {
    const u = await unitByCode('370103002003');
    ok(await app.call('units.update', { id: u.id, name: u.name, fullName: u.fullName, kind: u.kind, urbanRuralClass: '112' }));
    const row = ok<UnitRow>(await app.call('units.update', { id: u.id, name: u.name, fullName: u.fullName, kind: u.kind, urbanRuralClass: '' }));
    expect(row.urbanRuralClass).toBeNull();
  });

  it('renaming a street renames it everywhere its units show it', async () => {
    const qixian = await streetByCode('370103018');
    const row = ok<UnitRow>(await app.call('units.update', { id: qixian.id, name: '七贤新街道', kind: '镇', urbanRuralClass: '111' }));
    expect(row).toMatchObject({ name: '七贤新街道', fullName: '七贤新街道', kind: '镇', urbanRuralClass: null, code: '370103018' });
    const units = (await streetByCode('370103018')).units;
    expect(units).toHaveLength(18);
    expect(units.every((u) => u.streetName === '七贤新街道')).toBe(true);
    expect((await search('qxxjd'))[0]?.id).toBe(qixian.id);
  });
});

describe('search', () => {
  it('by pinyin initials: "qxjd" finds 七贤街道 first', async () => {
    const found = await search('qxjd');
    expect(found[0]).toMatchObject({ code: '370103018', name: '七贤街道', level: 'street' });
    expect(found.map((u) => u.name)).toEqual(['七贤街道']);
  });

  it('is case- and width-insensitive: "QXJD" and "ｑｘｊｄ" find the same', async () => {
    const expected = (await search('qxjd')).map((u) => u.id);
    expect((await search('QXJD')).map((u) => u.id)).toEqual(expected);
    expect((await search('ｑｘｊｄ')).map((u) => u.id)).toEqual(expected);
    expect((await search('  qxjd  ')).map((u) => u.id)).toEqual(expected);
  });

  it('by part of the initials: "qx" finds 七贤街道 and 七贤庄社区', async () => {
    const names = (await search('qx', { limit: 500 })).map((u) => u.name);
    expect(names).toEqual(expect.arrayContaining(['七贤街道', '七贤庄社区']));
  });

  it('by full pinyin: "qixian" finds 七贤街道 then 七贤庄社区', async () => {
    const found = await search('qixian');
    expect(found.map((u) => [u.level, u.name])).toEqual([
      ['street', '七贤街道'],
      ['unit', '七贤庄社区'],
    ]);
    expect((await search('weiyilu')).map((u) => u.code)).toEqual(['370103002001']);
  });

  it('by name: "七贤" gives the street, then its unit with the street name', async () => {
    const found = await search('七贤');
    expect(found.map((u) => [u.name, u.streetName])).toEqual([
      ['七贤街道', null],
      ['七贤庄社区', '七贤街道'],
    ]);
  });

  it('by the national full name', async () => {
    expect((await search('纬一路社区居民委员会')).map((u) => u.code)).toEqual(['370103002001']);
    expect((await search('村民委员会', { limit: 500 })).length).toBe(77);
  });

  it('by code prefix: a street code lists the street and its 18 units in code order', async () => {
    const found = await search('370103018');
    expect(found).toHaveLength(19);
    expect(found[0]).toMatchObject({ level: 'street', code: '370103018' });
    expect(found.slice(1).every((u) => u.level === 'unit' && u.code.startsWith('370103018'))).toBe(true);
    expect(found.slice(1).map((u) => u.code)).toEqual(found.slice(1).map((u) => u.code).sort());
    expect((await search('370103002001')).map((u) => u.name)).toEqual(['纬一路社区']);
    expect((await search('３７０１０３００２００１')).map((u) => u.name)).toEqual(['纬一路社区']);
  });

  it('honours the limit and returns nothing for blank input', async () => {
    expect(await search('3701', { limit: 5 })).toHaveLength(5);
    expect((await search('3701', { limit: 500 })).length).toBe(17 + 216);
    expect(await search('')).toEqual([]);
    expect(await search('   ')).toEqual([]);
  });

  it('treats % and _ as text, not wildcards', async () => {
    expect(await search('%')).toEqual([]);
    expect(await search('_')).toEqual([]);
    expect(await search('纬_路')).toEqual([]);
    expect(await search("'; DROP TABLE org_units; --")).toEqual([]);
    expect((await tree()).length).toBe(17);
  });

  it('a query over 50 characters is refused in Chinese', async () => {
    const error = refused(await app.call('units.search', { query: '村'.repeat(51) }));
    expect(error.fields?.query).toBe('查找内容不能超过50个字');
  });
});

describe('村改居: changeCode keeps the old code as history', () => {
  it('re-codes, renames and re-kinds 吴家庄村 → 吴家庄社区 with one history row and one audit row', async () => {
    const village = await unitByCode('370103019200');
    expect(village).toMatchObject({ name: '吴家庄村', kind: 'village', streetName: '十六里河街道' });
    const auditBefore = auditRows().length;
    setClock('2027-03-01T09:30:00.000Z');
    const changed = ok<UnitDetail>(
      await app.call('units.changeCode', {
        id: village.id,
        newCode: '３７０１０３０１９０１８',
        effectiveOn: '2024-06-30',
        reason: ' 村改居 ',
        kind: 'converted',
        name: '吴家庄社区',
      }),
    );
    expect(changed).toMatchObject({
      id: village.id,
      code: '370103019018',
      name: '吴家庄社区',
      fullName: '吴家庄社区',
      kind: 'converted',
      parentId: village.parentId,
      streetName: '十六里河街道',
      status: 'active',
      activeUnitCount: 0,
      updatedAt: '2027-03-01T09:30:00.000Z',
    });
    expect(changed.codeHistory).toEqual([
      {
        id: expect.any(Number),
        oldCode: '370103019200',
        newCode: '370103019018',
        oldStreetName: '十六里河街道',
        newStreetName: '十六里河街道',
        effectiveOn: '2024-06-30',
        reason: '村改居',
        recordedAt: '2027-03-01T09:30:00.000Z',
      },
    ]);
    expect(await detail(village.id)).toEqual(changed);
    // exactly one audit row, holding the reason
    const audit = auditRows();
    expect(audit).toHaveLength(auditBefore + 1);
    expect(lastAudit()).toMatchObject({ action: 'change_code', entity_id: String(village.id) });
    expect(JSON.parse(lastAudit().before_json!)).toMatchObject({ code: '370103019200', name: '吴家庄村' });
    expect(JSON.parse(lastAudit().after_json!)).toMatchObject({ code: '370103019018', effectiveOn: '2024-06-30', reason: '村改居' });
  });

  it('search by the old code still finds the unit (now under its new code)', async () => {
    const village = await unitByCode('370103019200');
    ok(await app.call('units.changeCode', { id: village.id, newCode: '370103019018', effectiveOn: '2024-06-30', reason: '村改居', kind: 'converted' }));
    const byOld = await search('370103019200');
    expect(byOld.map((u) => [u.id, u.code, u.name])).toEqual([[village.id, '370103019018', '吴家庄村']]);
    expect((await search('370103019018')).map((u) => u.id)).toEqual([village.id]);
    // without a new name the national full name stays
    expect((await detail(village.id)).fullName).toBe('吴家庄村村民委员会');
  });

  it('keeps every step of the history, newest first, and the old code is free again', async () => {
    const u = await unitByCode('370103019201');
    ok(await app.call('units.changeCode', { id: u.id, newCode: '370103019019', effectiveOn: '2023-01-01', reason: '村改居' }));
    setClock('2027-04-01T00:00:00.000Z');
    const second = ok<UnitDetail>(await app.call('units.changeCode', { id: u.id, newCode: '370103019020', effectiveOn: '2024-01-01', reason: '重新编码' }));
    expect(second.codeHistory.map((h) => [h.oldCode, h.newCode, h.effectiveOn])).toEqual([
      ['370103019019', '370103019020', '2024-01-01'],
      ['370103019201', '370103019019', '2023-01-01'],
    ]);
    expect((await search('370103019201')).map((u2) => u2.id)).toEqual([u.id]);
    expect((await search('370103019019')).map((u2) => u2.id)).toEqual([u.id]);
    // the national list reuses codes: the old code can be given to another unit
    const street = await streetByCode('370103019');
    const reuse = ok<UnitRow>(await app.call('units.create', { level: 'unit', parentId: street.id, code: '370103019201', name: '新仙庄村', kind: 'village' }));
    expect(reuse.code).toBe('370103019201');
  });

  it('moves a unit to another street; the code follows and both street names are recorded', async () => {
    const unit = await unitByCode('370103002001');
    const daguanyuan = await streetByCode('370103002');
    const qixian = await streetByCode('370103018');
    const moved = ok<UnitDetail>(
      await app.call('units.changeCode', { id: unit.id, parentId: qixian.id, newCode: '370103018050', effectiveOn: '2024-09-01', reason: '区划调整' }),
    );
    expect(moved).toMatchObject({ parentId: qixian.id, streetName: '七贤街道', code: '370103018050', name: '纬一路社区', fullName: '纬一路社区居民委员会' });
    expect(moved.codeHistory[0]).toMatchObject({ oldCode: '370103002001', newCode: '370103018050', oldStreetName: '大观园街道', newStreetName: '七贤街道' });
    expect((await streetByCode('370103002')).units.map((u) => u.id)).not.toContain(unit.id);
    expect((await streetByCode('370103018')).units.map((u) => u.id)).toContain(unit.id);
    expect((await detail(daguanyuan.id)).activeUnitCount).toBe(4);
    expect((await detail(qixian.id)).activeUnitCount).toBe(19);
    const row = app.store.sqlite.prepare('SELECT old_parent_id, new_parent_id FROM unit_code_history WHERE unit_id = ?').get(unit.id);
    expect(row).toEqual({ old_parent_id: daguanyuan.id, new_parent_id: qixian.id });
  });

  it('moving to another street needs a code under that street, and a name free there', async () => {
    const unit = await unitByCode('370103018006'); // 七贤庄社区
    const qixian = await streetByCode('370103018');
    const daguanyuan = await streetByCode('370103002');
    ok(await app.call('units.create', { level: 'unit', parentId: daguanyuan.id, code: '370103002050', name: '七贤庄社区', kind: 'urban' }));
    const before = snapshotDatabase(app);
    const clash = refused(
      await app.call('units.changeCode', { id: unit.id, parentId: daguanyuan.id, newCode: '370103002051', effectiveOn: '2024-09-01', reason: '调整' }),
    );
    expect(clash.code).toBe('CONFLICT');
    expect(clash.fields?.name).toContain('七贤庄社区');
    expect(snapshotDatabase(app)).toEqual(before);
    expect((await detail(unit.id)).parentId).toBe(qixian.id);
  });

  it('re-codes an empty street, whose history has no street names', async () => {
    const street = ok<UnitRow>(await app.call('units.create', { level: 'street', code: '370103099', name: '新区街道', kind: '街道' }));
    const changed = ok<UnitDetail>(await app.call('units.changeCode', { id: street.id, newCode: '370103097', effectiveOn: '2024-01-01', reason: '编码调整' }));
    expect(changed).toMatchObject({ code: '370103097', level: 'street', activeUnitCount: 0 });
    expect(changed.codeHistory).toMatchObject([{ oldCode: '370103099', newCode: '370103097', oldStreetName: null, newStreetName: null }]);
  });
});

describe('retire and restore', () => {
  it('retires a unit: hidden from the tree and search unless asked, kept with date and reason', async () => {
    const unit = await unitByCode('370103002001');
    const row = ok<UnitRow>(await app.call('units.retire', { id: unit.id, retiredOn: '2024-12-31', reason: ' 撤并 ' }));
    expect(row).toMatchObject({ id: unit.id, status: 'retired', retiredOn: '2024-12-31', retireReason: '撤并', code: '370103002001' });
    expect((await tree()).find((s) => s.code === '370103002')!.units.map((u) => u.id)).not.toContain(unit.id);
    expect((await tree(true)).find((s) => s.code === '370103002')!.units.map((u) => u.id)).toContain(unit.id);
    expect(await search('纬一路')).toEqual([]);
    expect((await search('纬一路', { includeRetired: true })).map((u) => u.status)).toEqual(['retired']);
    expect((await detail(unit.id)).status).toBe('retired');
    expect((await detail(unit.parentId!)).activeUnitCount).toBe(4);
    expect(lastAudit()).toMatchObject({ action: 'retire', entity_id: String(unit.id) });
  });

  it('restores a retired unit, clearing date and reason', async () => {
    const unit = await unitByCode('370103002001');
    ok(await app.call('units.retire', { id: unit.id, retiredOn: '2024-12-31', reason: '撤并' }));
    const row = ok<UnitRow>(await app.call('units.restore', { id: unit.id }));
    expect(row).toMatchObject({ status: 'active', retiredOn: null, retireReason: null, code: '370103002001' });
    expect(lastAudit()).toMatchObject({ action: 'restore', entity_id: String(unit.id) });
    expect(JSON.parse(lastAudit().before_json!)).toMatchObject({ status: 'retired' });
  });

  it('a street with active units cannot be retired; once they are retired it can, and units come back only after it', async () => {
    const street = await streetByCode('370103002'); // 5 units
    const before = snapshotDatabase(app);
    const error = refused(await app.call('units.retire', { id: street.id, retiredOn: '2024-12-31', reason: '撤并' }));
    expect(error.code).toBe('VALIDATION');
    expect(error.message).toContain('大观园街道');
    expect(error.message).toContain('5');
    expect(snapshotDatabase(app)).toEqual(before);

    for (const u of street.units) ok(await app.call('units.retire', { id: u.id, retiredOn: '2024-12-31', reason: '撤并' }));
    ok(await app.call('units.retire', { id: street.id, retiredOn: '2024-12-31', reason: '撤并' }));
    expect((await tree()).map((s) => s.code)).not.toContain('370103002');

    const snapshot = snapshotDatabase(app);
    const unitFirst = refused(await app.call('units.restore', { id: street.units[0]!.id }));
    expect(unitFirst.fields?.parentId).toContain('已撤销');
    expect(snapshotDatabase(app)).toEqual(snapshot);

    ok(await app.call('units.restore', { id: street.id }));
    ok(await app.call('units.restore', { id: street.units[0]!.id }));
    expect((await streetByCode('370103002')).units.filter((u) => u.status === 'active').map((u) => u.code)).toEqual([street.units[0]!.code]);
  });

  it('a restored unit whose code was taken meanwhile is refused, database unchanged', async () => {
    const unit = await unitByCode('370103002001');
    ok(await app.call('units.retire', { id: unit.id, retiredOn: '2024-12-31', reason: '撤并' }));
    const newcomer = ok<UnitRow>(
      await app.call('units.create', { level: 'unit', parentId: unit.parentId!, code: '370103002001', name: '纬一路东社区', kind: 'urban' }),
    );
    expect(newcomer.code).toBe('370103002001');
    const before = snapshotDatabase(app);
    const error = refused(await app.call('units.restore', { id: unit.id }));
    expect(error.code).toBe('CONFLICT');
    expect(error.message).toContain('370103002001');
    expect(error.message).toContain('纬一路东社区');
    expect(error.fields?.code).toBeDefined();
    expect(snapshotDatabase(app)).toEqual(before);
  });

  it('a restored unit whose name was taken meanwhile is refused', async () => {
    const unit = await unitByCode('370103002001');
    ok(await app.call('units.retire', { id: unit.id, retiredOn: '2024-12-31', reason: '撤并' }));
    ok(await app.call('units.create', { level: 'unit', parentId: unit.parentId!, code: '370103002050', name: '纬一路社区', kind: 'urban' }));
    const before = snapshotDatabase(app);
    const error = refused(await app.call('units.restore', { id: unit.id }));
    expect(error.code).toBe('CONFLICT');
    expect(error.fields?.name).toContain('纬一路社区');
    expect(snapshotDatabase(app)).toEqual(before);
  });
});

describe('audit trail', () => {
  it('every successful mutation writes exactly one row, every refused one none', async () => {
    const qixian = await streetByCode('370103018');
    const unit = await unitByCode('370103018006');
    const steps: Array<[string, unknown, boolean]> = [
      ['units.create', { level: 'street', code: '370103099', name: '新区街道', kind: '街道' }, true],
      ['units.create', { level: 'street', code: '370103099', name: '重复街道', kind: '街道' }, false],
      ['units.create', { level: 'unit', parentId: qixian.id, code: '370103018050', name: '贤文社区', kind: 'urban' }, true],
      ['units.create', { level: 'unit', parentId: qixian.id, code: '370103018050', name: '贤武社区', kind: 'urban' }, false],
      ['units.update', { id: unit.id, name: '七贤庄新社区', kind: 'converted' }, true],
      ['units.update', { id: unit.id, name: '', kind: 'converted' }, false],
      ['units.changeCode', { id: unit.id, newCode: '370103018051', effectiveOn: '2024-01-01', reason: '村改居' }, true],
      ['units.changeCode', { id: unit.id, newCode: '370103018051', effectiveOn: '2024-01-01', reason: '村改居' }, false],
      ['units.retire', { id: unit.id, retiredOn: '2024-12-31', reason: '撤并' }, true],
      ['units.retire', { id: unit.id, retiredOn: '2024-12-31', reason: '撤并' }, false],
      ['units.restore', { id: unit.id }, true],
      ['units.restore', { id: unit.id }, false],
      ['settings.update', { departmentName: '中共济南市市中区委组织部' }, true],
      ['settings.update', { departmentName: '' }, false],
      ['setup.complete', { countyCode: '370103', departmentName: '组织部' }, false],
    ];
    for (const [method, input, succeeds] of steps) {
      const count = auditRows().length;
      const result = await app.callUnchecked(method, input);
      expect(result.ok, `${method} ${JSON.stringify(input)}`).toBe(succeeds);
      expect(auditRows().length, `${method} ${JSON.stringify(input)}`).toBe(count + (succeeds ? 1 : 0));
    }
    expect(auditRows().map((r) => r.action)).toEqual(['setup', 'create', 'create', 'update', 'change_code', 'retire', 'restore', 'settings']);
    const admin = await auditIdentity(app, 'admin');
    for (const row of auditRows()) expect(row, row.action).toMatchObject(admin);
  });

  it("a clerk's change is logged under the clerk's own account", async () => {
    const qixian = await streetByCode('370103018');
    const row = ok<UnitRow>(await app.callAs('clerk')('units.create', { level: 'unit', parentId: qixian.id, code: '370103018050', name: '贤文社区', kind: 'urban' }));
    expect(lastAudit()).toMatchObject({ action: 'create', entity_id: String(row.id), ...(await auditIdentity(app, 'clerk')) });
    expect(lastAudit().user_id).not.toBe((await auditIdentity(app, 'admin')).user_id);
  });

  it('queries write nothing', async () => {
    const before = snapshotDatabase(app);
    await search('qxjd');
    await tree(true);
    await detail(1);
    ok(await app.call('setup.status'));
    ok(await app.call('settings.get'));
    ok(await app.call('dictionaries.items', { name: 'unit_kind' }));
    expect(snapshotDatabase(app)).toEqual(before);
  });
});

describe('queries', () => {
  it('units.get of a street counts its active units and has no history', async () => {
    const qixian = await streetByCode('370103018');
    expect(await detail(qixian.id)).toMatchObject({ code: '370103018', name: '七贤街道', activeUnitCount: 18, codeHistory: [] });
    const missing = refused(await app.call('units.get', { id: 999999 }));
    expect(missing.code).toBe('NOT_FOUND');
  });

  it('the 单位类别 dictionary holds the three seed kinds', async () => {
    expect(ok<DictionaryItem[]>(await app.call('dictionaries.items', { name: 'unit_kind' }))).toEqual([
      { value: 'village', label: '行政村', sortOrder: 1, retired: false },
      { value: 'converted', label: '村改居社区', sortOrder: 2, retired: false },
      { value: 'urban', label: '城市社区', sortOrder: 3, retired: false },
    ]);
    const error = refused(await app.callUnchecked('dictionaries.items', { name: 'nope' }));
    expect(error.fields?.name).toBe('没有这个字典');
  });

  it('a retired dictionary kind cannot be given to a unit', async () => {
    app.store.sqlite.prepare("UPDATE dict_items SET retired = 1 WHERE dict = 'unit_kind' AND value = 'converted'").run();
    const u = await unitByCode('370103002001');
    const error = refused(await app.call('units.update', { id: u.id, name: u.name, kind: 'converted' }));
    expect(error.fields?.kind).toContain('停用');
  });
});
