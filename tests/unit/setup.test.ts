import { afterEach, describe, expect, it } from 'vitest';
import { auditIdentity, ok, openShizhongApp, openTestApp, snapshotDatabase } from '../helpers/test-context';
import { readDivisionFixture, refused } from '../helpers/fixtures';
import type { SetupStatus } from '../../shared/api/setup';
import type { Settings } from '../../shared/api/settings';
import type { StreetNode, UnitRow } from '../../shared/api/units';

/** First run: choose the district, load its streets and units from the national list. */

type App = Awaited<ReturnType<typeof openTestApp>>;
const opened: App[] = [];
async function fresh(): Promise<App> {
  const app = await openTestApp();
  opened.push(app);
  return app;
}
async function shizhong(): Promise<App> {
  const app = await openShizhongApp();
  opened.push(app);
  return app;
}
afterEach(async () => {
  while (opened.length) await opened.pop()!.close();
});

const SHIZHONG = {
  code: '370103',
  name: '市中区',
  cityCode: '3701',
  cityName: '济南市',
  provinceCode: '37',
  provinceName: '山东省',
  fullName: '山东省 济南市 市中区',
};

/** The everyday name clerks use, worked out independently of the app's own rule list. */
function expectedShortName(full: string): string {
  if (full.endsWith('社区居民委员会')) return full.slice(0, -'居民委员会'.length);
  if (full.endsWith('社区居委会')) return full.slice(0, -'居委会'.length);
  if (full.endsWith('村村民委员会')) return full.slice(0, -'村民委员会'.length);
  if (full.endsWith('村民委员会')) return `${full.slice(0, -'村民委员会'.length)}村`;
  return full; // e.g. 前龙窝居民委员会, 袁柳东居居民委员会: no invented short form
}

describe('setup.status', () => {
  it('is not ready on a fresh database', async () => {
    const app = await fresh();
    expect(ok<SetupStatus>(await app.call('setup.status'))).toEqual({ ready: false, district: null, departmentName: null });
    const settings = ok<Settings>(await app.call('settings.get'));
    expect({ district: settings.district, departmentName: settings.departmentName }).toEqual({ district: null, departmentName: null });
    expect(ok<StreetNode[]>(await app.call('units.tree', {}))).toEqual([]);
  });

  it('is ready with the district and department after setup', async () => {
    const app = await shizhong();
    expect(ok<SetupStatus>(await app.call('setup.status', {}))).toEqual({ ready: true, district: SHIZHONG, departmentName: '中共市中区委组织部' });
  });
});

describe('setup.complete for 济南市市中区 (370103)', () => {
  it('returns the district and counts', async () => {
    const app = await fresh();
    const result = ok(await app.call('setup.complete', { countyCode: '370103', departmentName: '  中共市中区委组织部 ' }));
    expect(result).toEqual({ district: SHIZHONG, streetCount: 17, unitCount: 216 });
  });

  it('accepts a full-width county code', async () => {
    const app = await fresh();
    const result = ok<{ district: { code: string } }>(await app.call('setup.complete', { countyCode: '３７０１０３', departmentName: '组织部' }));
    expect(result.district.code).toBe('370103');
  });

  it('loads the 17 streets of the extract, with names, kinds and code order', async () => {
    const app = await shizhong();
    const tree = ok<StreetNode[]>(await app.call('units.tree', {}));
    const towns = readDivisionFixture('jinan_shizhong_370103_towns.csv');
    expect(tree.map((s) => [s.code, s.name, s.units.length])).toEqual(towns.map((t) => [t.code, t.name, Number(t.village_count)]));
    for (const s of tree) {
      expect(s).toMatchObject({ level: 'street', parentId: null, streetName: null, kind: '街道', fullName: s.name, status: 'active', source: 'national' });
    }
  });

  it('loads every one of the 216 units with its code, street, full name and short name', async () => {
    const app = await shizhong();
    const tree = ok<StreetNode[]>(await app.call('units.tree', {}));
    const loaded = new Map(tree.flatMap((s) => s.units.map((u) => [u.code, { unit: u, street: s }] as const)));
    const rows = readDivisionFixture('jinan_shizhong_370103_villages.csv');
    expect(rows).toHaveLength(216);
    expect(loaded.size).toBe(216);
    for (const row of rows) {
      const entry = loaded.get(row.code!);
      expect(entry, row.code).toBeDefined();
      const { unit, street } = entry!;
      expect(street.code).toBe(row.parent_code);
      expect(unit).toMatchObject({
        level: 'unit',
        parentId: street.id,
        streetName: row.parent_name,
        code: row.code,
        fullName: row.name,
        name: expectedShortName(row.name!),
        status: 'active',
        source: 'national',
        urbanRuralClass: null,
        retiredOn: null,
      });
    }
  });

  it('shortens the usual suffixes and keeps odd ones whole (spot checks)', async () => {
    const app = await shizhong();
    const units = ok<StreetNode[]>(await app.call('units.tree', {})).flatMap((s) => s.units);
    const byCode = (code: string) => units.find((u) => u.code === code)!;
    expect(byCode('370103002001')).toMatchObject({ name: '纬一路社区', fullName: '纬一路社区居民委员会', kind: 'urban' });
    expect(byCode('370103010011')).toMatchObject({ name: '英西南路社区', fullName: '英西南路社区居委会', kind: 'urban' });
    expect(byCode('370103019200')).toMatchObject({ name: '吴家庄村', fullName: '吴家庄村村民委员会', kind: 'village' });
    expect(byCode('370103019205')).toMatchObject({ name: '瓦峪沟村', fullName: '瓦峪沟村民委员会', kind: 'village' });
    expect(byCode('370103018001')).toMatchObject({ name: '前龙窝居民委员会', fullName: '前龙窝居民委员会', kind: 'urban' });
  });

  it('guesses kinds: the 77 村民委员会 are villages, the other 139 urban communities', async () => {
    const app = await shizhong();
    const units = ok<StreetNode[]>(await app.call('units.tree', {})).flatMap((s) => s.units);
    const villages = units.filter((u) => u.kind === 'village');
    expect(villages).toHaveLength(77);
    expect(villages.every((u) => u.fullName.endsWith('村民委员会') && u.code.slice(9, 10) === '2')).toBe(true);
    expect(units.filter((u) => u.kind === 'urban')).toHaveLength(139);
    expect(units.filter((u) => u.kind === 'converted')).toHaveLength(0);
  });

  it('writes the settings and exactly one audit row', async () => {
    const app = await shizhong();
    const settings = app.store.sqlite.prepare('SELECT key, value, updated_at FROM settings ORDER BY key').all() as Array<{ key: string; value: string; updated_at: string }>;
    expect(settings.map((s) => s.key)).toEqual(['departmentName', 'district', 'setupCompletedAt']);
    const values = Object.fromEntries(settings.map((s) => [s.key, JSON.parse(s.value) as unknown]));
    expect(values).toEqual({ departmentName: '中共市中区委组织部', district: SHIZHONG, setupCompletedAt: '2026-11-22T02:00:00.000Z' });
    const read = ok<Settings>(await app.call('settings.get'));
    expect({ district: read.district, departmentName: read.departmentName }).toEqual({ district: SHIZHONG, departmentName: '中共市中区委组织部' });

    const audit = app.store.sqlite.prepare('SELECT * FROM audit_log').all() as Array<Record<string, unknown>>;
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ action: 'setup', entity: 'settings', entity_id: '370103', at: '2026-11-22T02:00:00.000Z', before_json: null, ...(await auditIdentity(app, 'admin')) });
    expect(JSON.parse(audit[0]!.after_json as string)).toEqual({
      district: '山东省 济南市 市中区',
      departmentName: '中共市中区委组织部',
      streetCount: 17,
      unitCount: 216,
    });
  });

  it('stores pinyin search keys for every street and unit', async () => {
    const app = await shizhong();
    const row = app.store.sqlite.prepare("SELECT name_initials, name_pinyin FROM org_units WHERE code = '370103018'").get();
    expect(row).toEqual({ name_initials: 'qxjd', name_pinyin: 'qixianjiedao' });
    const empty = app.store.sqlite.prepare("SELECT count(*) AS n FROM org_units WHERE name_initials = '' OR name_pinyin = ''").get() as { n: number };
    expect(empty.n).toBe(0);
  });
});

describe('setup.complete refusals', () => {
  it('a second setup is refused with CONFLICT and the database is unchanged', async () => {
    const app = await shizhong();
    const before = snapshotDatabase(app);
    for (const countyCode of ['370103', '370105']) {
      const error = refused(await app.call('setup.complete', { countyCode, departmentName: '另一个组织部' }));
      expect(error.code).toBe('CONFLICT');
      expect(error.message).toContain('首次设置已经完成');
    }
    expect(snapshotDatabase(app)).toEqual(before);
  });

  it('an unknown county code is refused naming the county, nothing written', async () => {
    const app = await fresh();
    const before = snapshotDatabase(app);
    const error = refused(await app.call('setup.complete', { countyCode: '379999', departmentName: '组织部' }));
    expect(error.code).toBe('VALIDATION');
    expect(error.message).toContain('区县');
    expect(error.message).toContain('379999');
    expect(error.fields?.countyCode).toBe(error.message);
    expect(snapshotDatabase(app)).toEqual(before);
    expect(ok<SetupStatus>(await app.call('setup.status')).ready).toBe(false);
  });

  it.each([
    ['37010', '区县代码必须是6位数字'],
    ['3701031', '区县代码必须是6位数字'],
    ['37a103', '区县代码必须是6位数字'],
    ['', '区县代码不能为空'],
  ])('a malformed county code %j is refused: %s', async (countyCode, message) => {
    const app = await fresh();
    const before = snapshotDatabase(app);
    const error = refused(await app.call('setup.complete', { countyCode, departmentName: '组织部' }));
    expect(error).toMatchObject({ code: 'VALIDATION', message });
    expect(error.fields?.countyCode).toBe(message);
    expect(snapshotDatabase(app)).toEqual(before);
  });

  it.each([[''], ['   '], ['\u3000']])('an empty department name %j is refused naming the field', async (departmentName) => {
    const app = await fresh();
    const before = snapshotDatabase(app);
    const error = refused(await app.call('setup.complete', { countyCode: '370103', departmentName }));
    expect(error).toMatchObject({ code: 'VALIDATION', message: '部门名称不能为空' });
    expect(error.fields?.departmentName).toBe('部门名称不能为空');
    expect(snapshotDatabase(app)).toEqual(before);
  });

  it('a missing department name is refused naming the field', async () => {
    const app = await fresh();
    const error = refused(await app.call('setup.complete', { countyCode: '370103' }));
    expect(error.code).toBe('VALIDATION');
    expect(error.fields?.departmentName).toContain('部门名称');
  });

  it('a department name over 50 characters is refused', async () => {
    const app = await fresh();
    const error = refused(await app.call('setup.complete', { countyCode: '370103', departmentName: '组'.repeat(51) }));
    expect(error.fields?.departmentName).toBe('部门名称不能超过50个字');
  });
});

describe('setup is all or nothing', () => {
  it('two setups at once: one wins, the other is refused, the units are loaded once', async () => {
    const app = await fresh();
    const results = await Promise.all([
      app.call('setup.complete', { countyCode: '370103', departmentName: '组织部甲' }),
      app.call('setup.complete', { countyCode: '370105', departmentName: '组织部乙' }),
    ]);
    expect(results.map((r) => r.ok).sort()).toEqual([false, true]);
    const loser = results.find((r) => !r.ok)!;
    expect(!loser.ok && loser.error.code).toBe('CONFLICT');
    const count = app.store.sqlite.prepare('SELECT count(*) AS n FROM org_units').get() as { n: number };
    const status = ok<SetupStatus>(await app.call('setup.status'));
    expect(count.n).toBe(status.district!.code === '370103' ? 17 + 216 : 15 + 277);
    expect(app.store.sqlite.prepare('SELECT count(*) AS n FROM audit_log').get()).toEqual({ n: 1 });
  });

  it('a failure half-way through loading rolls everything back', async () => {
    const app = await fresh();
    // a row the load will collide with (only reachable below the services)
    app.store.sqlite
      .prepare(
        "INSERT INTO org_units (level, parent_id, code, name, full_name, kind, source, created_at, updated_at) VALUES ('street', NULL, '370103022', '占位', '占位', '街道', 'manual', 'x', 'x')",
      )
      .run();
    const before = snapshotDatabase(app);
    const error = refused(await app.call('setup.complete', { countyCode: '370103', departmentName: '组织部' }));
    expect(error.code).toBe('VALIDATION');
    expect(snapshotDatabase(app)).toEqual(before);
    expect(ok<SetupStatus>(await app.call('setup.status')).ready).toBe(false);
  });
});

describe('before setup', () => {
  it('units.create is refused with NOT_READY and writes nothing', async () => {
    const app = await fresh();
    const before = snapshotDatabase(app);
    const street = refused(await app.call('units.create', { level: 'street', code: '370103099', name: '新街道', kind: '街道' }));
    expect(street.code).toBe('NOT_READY');
    expect(street.message).toContain('首次设置');
    const unit = refused(await app.call('units.create', { level: 'unit', parentId: 1, code: '370103099001', name: '新社区', kind: 'urban' }));
    expect(unit.code).toBe('NOT_READY');
    expect(snapshotDatabase(app)).toEqual(before);
  });

  it('settings.update is refused with NOT_READY', async () => {
    const app = await fresh();
    const error = refused(await app.call('settings.update', { departmentName: '组织部' }));
    expect(error.code).toBe('NOT_READY');
  });

  it('divisions.preview shows what setup would load', async () => {
    const app = await fresh();
    const preview = ok<{ county: unknown; streets: Array<{ code: string; name: string; kind: string; unitCount: number }>; unitCount: number; edition: string }>(
      await app.call('divisions.preview', { countyCode: '370103' }),
    );
    expect(preview.county).toEqual(SHIZHONG);
    expect(preview.streets).toHaveLength(17);
    expect(preview.unitCount).toBe(216);
    expect(preview.streets[16]).toEqual({ code: '370103022', name: '陡沟街道', kind: '街道', unitCount: 26 });
    expect(preview.edition).toContain('2023');
    const error = refused(await app.call('divisions.preview', { countyCode: '379999' }));
    expect(error.fields?.countyCode).toContain('379999');
  });
});

describe('settings after setup', () => {
  it('settings.update changes the department name with one audit row', async () => {
    const app = await shizhong();
    const settings = ok<Settings>(await app.call('settings.update', { departmentName: ' 中共济南市市中区委组织部 ' }));
    expect(settings.departmentName).toBe('中共济南市市中区委组织部');
    const audit = app.store.sqlite.prepare("SELECT * FROM audit_log WHERE action = 'settings'").all() as Array<Record<string, string>>;
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ entity: 'settings', entity_id: 'departmentName', ...(await auditIdentity(app, 'admin')) });
    expect(JSON.parse(audit[0]!.before_json!)).toEqual({ departmentName: '中共市中区委组织部' });
    expect(JSON.parse(audit[0]!.after_json!)).toEqual({ departmentName: '中共济南市市中区委组织部' });
    const before = snapshotDatabase(app);
    expect(refused(await app.call('settings.update', { departmentName: ' ' })).fields?.departmentName).toBe('部门名称不能为空');
    expect(snapshotDatabase(app)).toEqual(before);
  });
});

describe('any district of China can be set up', () => {
  it.each([
    ['441900', '广东省 东莞市', 36, 609],
    ['110101', '北京市 东城区', 17, 169],
    ['371522', '山东省 聊城市 莘县', 24, 878],
  ])('%s %s: %i streets, %i units', async (countyCode, fullName, streetCount, unitCount) => {
    const app = await fresh();
    const result = ok<{ district: { fullName: string }; streetCount: number; unitCount: number }>(
      await app.call('setup.complete', { countyCode, departmentName: '组织部' }),
    );
    expect(result).toMatchObject({ district: { fullName }, streetCount, unitCount });
    const tree = ok<StreetNode[]>(await app.call('units.tree', {}));
    expect(tree).toHaveLength(streetCount);
    expect(tree.reduce((n, s) => n + s.units.length, 0)).toBe(unitCount);
  });

  it('襄阳市襄城区 420602 keeps 莫𡐓村委会 intact and findable', async () => {
    const app = await fresh();
    ok(await app.call('setup.complete', { countyCode: '420602', departmentName: '组织部' }));
    const units = ok<StreetNode[]>(await app.call('units.tree', {})).flatMap((s) => s.units);
    const unit = units.find((u) => u.code === '420602006207');
    expect(unit).toMatchObject({ name: '莫\u{21413}村', fullName: '莫\u{21413}村委会', kind: 'village' });
    const found = ok<UnitRow[]>(await app.call('units.search', { query: '\u{21413}' }));
    expect(found.map((u) => u.code)).toEqual(['420602006207']);
  });
});
