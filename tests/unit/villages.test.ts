import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { auditIdentity, auditRows, ok, openShizhongApp, snapshotDatabase } from '../helpers/test-context';
import { refused } from '../helpers/fixtures';
import type { StreetNode } from '../../shared/api/units';
import {
  formatQuantity,
  parseQuantity,
  profileIssues,
  ProfileForm,
  SaveProfileInput,
  type FirstSecretary,
  type VillageDetail,
  type VillagePage,
  type VillageProfile,
  type VillageYear,
} from '../../shared/api/villages';
import type { DictionaryDetail } from '../../shared/api/dictionaries';

/** 村情档案: saves, refusals, history of 第一书记, masking of phones, dictionary usage (real SQLite, 市中区). */

type App = Awaited<ReturnType<typeof openShizhongApp>>;
let app: App;
let streets: StreetNode[];
/** three villages of the first street, and a village of another street */
let unitA: { id: number; name: string };
let unitB: { id: number; name: string };
let otherStreetUnit: { id: number; name: string };

beforeEach(async () => {
  app = await openShizhongApp();
  streets = ok<StreetNode[]>(await app.call('units.tree', {}));
  const withUnits = streets.filter((s) => s.units.length >= 2);
  unitA = withUnits[0]!.units[0]!;
  unitB = withUnits[0]!.units[1]!;
  otherStreetUnit = withUnits[1]!.units[0]!;
});
afterEach(async () => {
  await app.close();
});

const lastAudit = () => auditRows(app).at(-1)!;
const newAudit = (since: number) => auditRows(app).slice(since);
const get = async (unitId: number, reveal = false, role: 'admin' | 'clerk' | 'viewer' = 'admin') =>
  ok<VillageDetail>(await app.callAs(role)('villages.get', { unitId, reveal }));

/** Calls and expects a refusal naming `field` with `message`, the database unchanged (also the log). */
async function refusedUnchanged(method: string, input: unknown, expected: { field: string; message: string | RegExp; code?: string }) {
  const before = snapshotDatabase(app);
  const error = refused(await app.callUnchecked(method, input));
  if (typeof expected.message === 'string') expect(error.message).toBe(expected.message);
  else expect(error.message).toMatch(expected.message);
  expect(error.fields?.[expected.field], JSON.stringify(error)).toBe(error.message);
  expect(error.code).toBe(expected.code ?? 'VALIDATION');
  expect(snapshotDatabase(app)).toEqual(before);
  return error;
}

describe('saveProfile', () => {
  it('creates the profile with one audit row, then a partial update keeps the other fields and logs before → after', async () => {
    const since = auditRows(app).length;
    const saved = ok<VillageProfile>(
      await app.call('villages.saveProfile', {
        unitId: unitA.id,
        households: '３２０',
        residentPopulation: 1050,
        areaM2: parseQuantity('areaM2', '2.35'),
        arableLandMuX100: parseQuantity('arableLandMuX100', '812.5'),
        partyOrgType: 'general_branch',
        memberTotal: 48,
        memberFemale: 12,
        memberUnder35: 6,
        memberOver70: 15,
        memberAvgAgeX10: parseQuantity('memberAvgAgeX10', '58.6'),
        secretaryName: '王建国',
        secretaryGender: '男',
        secretaryBirthMonth: '1972.3',
        secretaryEducation: 'junior_college',
        secretarySinceMonth: '2021年1月',
        secretaryPhone: '138 1234 5678',
        secretaryIsDirector: true,
        coopLed: true,
        coopName: '兴农种植专业合作社',
        venueAreaM2X100: 52_050,
        venueMeetsStandard: true,
      }),
    );
    expect(saved).toMatchObject({
      unitId: unitA.id,
      name: unitA.name,
      saved: true,
      households: 320,
      residentPopulation: 1050,
      floatingPopulation: null,
      areaM2: 2_350_000,
      arableLandMuX100: 81_250,
      partyOrgType: 'general_branch',
      memberAvgAgeX10: 586,
      secretaryGender: 'male',
      secretaryBirthMonth: '1972-03',
      secretarySinceMonth: '2021-01',
      secretaryPhone: '138****5678',
      secretaryIsDirector: true,
      directorName: null,
      coopLed: true,
      venueMeetsStandard: true,
      phonesRevealed: false,
      updatedAt: '2026-11-22T02:00:00.000Z',
    });
    expect(formatQuantity('areaM2', saved.areaM2)).toBe('2.35');
    expect(formatQuantity('venueAreaM2X100', saved.venueAreaM2X100)).toBe('520.5');
    const rows = newAudit(since);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ action: 'create', entity: 'village_profile', entity_id: String(unitA.id), before_json: null, ...(await auditIdentity(app, 'admin')) });
    const after = JSON.parse(rows[0]!.after_json!);
    expect(after).toMatchObject({ name: unitA.name, households: 320, secretaryPhone: '138****5678' });
    // the log never holds the full phone
    expect(rows[0]!.after_json).not.toContain('13812345678');

    app.setClock('2026-11-23T02:00:00.000Z');
    const updated = ok<VillageProfile>(await app.callAs('clerk')('villages.saveProfile', { unitId: unitA.id, households: 330, note: '  新建文化广场 ' }));
    expect(updated).toMatchObject({ households: 330, residentPopulation: 1050, memberTotal: 48, secretaryName: '王建国', note: '新建文化广场', updatedAt: '2026-11-23T02:00:00.000Z' });
    expect(newAudit(since)).toHaveLength(2);
    const row = lastAudit();
    expect(row).toMatchObject({ action: 'update', entity: 'village_profile', entity_id: String(unitA.id), ...(await auditIdentity(app, 'clerk')) });
    expect(JSON.parse(row.before_json!)).toMatchObject({ households: 320, note: null });
    expect(JSON.parse(row.after_json!)).toMatchObject({ households: 330, note: '新建文化广场' });
    // null clears a field
    expect(ok<VillageProfile>(await app.call('villages.saveProfile', { unitId: unitA.id, coopName: null })).coopName).toBeNull();
  });

  it('a unit never saved reads as an empty profile with its 组织架构 fields', async () => {
    const { profile, years, firstSecretaries, currentFirstSecretary } = await get(unitB.id);
    expect(profile).toMatchObject({ unitId: unitB.id, name: unitB.name, saved: false, updatedAt: null, households: null, secretaryIsDirector: false, coopLed: false, venueMeetsStandard: null });
    expect(profile.streetName).toBe(streets.find((s) => s.units.some((u) => u.id === unitB.id))!.name);
    expect(years).toEqual([]);
    expect(firstSecretaries).toEqual([]);
    expect(currentFirstSecretary).toBeNull();
  });

  it('refuses negative counts, parts larger than the whole, bad dates and phones — naming the field, changing nothing', async () => {
    await refusedUnchanged('villages.saveProfile', { unitId: unitA.id, households: -1 }, { field: 'households', message: '户数不能为负数' });
    await refusedUnchanged('villages.saveProfile', { unitId: unitA.id, memberTotal: 10, memberFemale: 11 }, { field: 'memberFemale', message: '女党员数（11）不能多于党员总数（10）' });
    await refusedUnchanged('villages.saveProfile', { unitId: unitA.id, memberTotal: 10, memberUnder35: 12 }, { field: 'memberUnder35', message: '35岁及以下党员数（12）不能多于党员总数（10）' });
    await refusedUnchanged('villages.saveProfile', { unitId: unitA.id, memberTotal: 10, memberUnder35: 6, memberOver70: 5 }, { field: 'memberOver70', message: /之和（11）不能多于党员总数（10）/ });
    await refusedUnchanged('villages.saveProfile', { unitId: unitA.id, households: 12.5 }, { field: 'households', message: '户数应为整数' });
    await refusedUnchanged('villages.saveProfile', { unitId: unitA.id, secretaryBirthMonth: '1972-13' }, { field: 'secretaryBirthMonth', message: '党组织书记出生年月不是有效的年月' });
    await refusedUnchanged('villages.saveProfile', { unitId: unitA.id, secretaryPhone: '138****5678' }, { field: 'secretaryPhone', message: '党组织书记联系电话应为11位手机号或固定电话（如 0531-86012345）' });
    await refusedUnchanged('villages.saveProfile', { unitId: unitA.id, memberAvgAgeX10: 1500 }, { field: 'memberAvgAgeX10', message: '党员平均年龄应在18岁至100岁之间' });
    await refusedUnchanged('villages.saveProfile', { unitId: unitA.id, coopLed: false, coopName: '某合作社' }, { field: 'coopName', message: '未领办合作社时不能填写合作社名称' });
    await refusedUnchanged(
      'villages.saveProfile',
      { unitId: unitA.id, secretaryName: '王建国', secretaryIsDirector: true, directorName: '李四' },
      { field: 'directorName', message: '书记主任“一肩挑”时，村（居）委会主任应为党组织书记本人' },
    );
    await refusedUnchanged('villages.saveProfile', { unitId: unitA.id }, { field: '_', message: '没有要保存的内容' });
  });

  it('checks the rules on the values as stored: a later save of one field cannot break them', async () => {
    ok(await app.call('villages.saveProfile', { unitId: unitA.id, memberTotal: 10, memberFemale: 4 }));
    await refusedUnchanged('villages.saveProfile', { unitId: unitA.id, memberFemale: 11 }, { field: 'memberFemale', message: '女党员数（11）不能多于党员总数（10）' });
    await refusedUnchanged('villages.saveProfile', { unitId: unitA.id, memberTotal: 3 }, { field: 'memberFemale', message: '女党员数（4）不能多于党员总数（3）' });
    // and the database holds the rule below the service
    expect(() => app.store.sqlite.prepare('UPDATE village_profiles SET member_female = 11 WHERE unit_id = ?').run(unitA.id)).toThrow(/CHECK/);
  });

  it('refuses a dictionary value that does not exist, or was retired — but a value the record already holds stays', async () => {
    await refusedUnchanged('villages.saveProfile', { unitId: unitA.id, partyOrgType: 'party_group' }, { field: 'partyOrgType', message: '所选党组织类型不在“党组织类型”字典中，请从列表中选择' });
    ok(await app.call('villages.saveProfile', { unitId: unitA.id, secretaryEducation: 'bachelor' }));
    ok(await app.call('dictionaries.retireItem', { name: 'education_level', value: 'bachelor' }));
    // unchanged value: still saves (other fields edited)
    ok(await app.call('villages.saveProfile', { unitId: unitA.id, secretaryEducation: 'bachelor', secretaryName: '张敏' }));
    // a NEW holder of the retired value is refused
    await refusedUnchanged('villages.saveProfile', { unitId: unitB.id, secretaryEducation: 'bachelor' }, { field: 'secretaryEducation', message: '学历“本科”已停用，请选择其他学历' });
  });

  it('refuses a street, and an id that is no unit', async () => {
    const street = streets[0]!;
    await refusedUnchanged('villages.saveProfile', { unitId: street.id, households: 1 }, { field: 'unitId', message: `“${street.name}”是街道（镇），村情档案只建在村（社区）上，请选择村（社区）` });
    await refusedUnchanged('villages.saveProfile', { unitId: 999_999, households: 1 }, { field: 'unitId', message: '该村（社区）不存在或已被删除', code: 'NOT_FOUND' });
    refused(await app.call('villages.get', { unitId: street.id }));
    // the database refuses too
    expect(() =>
      app.store.sqlite.prepare("INSERT INTO village_profiles (unit_id, created_at, updated_at) VALUES (?, 'x', 'x')").run(street.id),
    ).toThrow(/belong to a unit/);
  });

  it('a 查阅 account cannot save: FORBIDDEN, and nothing but the refusal is logged', async () => {
    await app.callerFor('viewer');
    for (const [method, input] of [
      ['villages.saveProfile', { unitId: unitA.id, households: 1 }],
      ['villages.saveYear', { unitId: unitA.id, year: 2024, weakOrg: true }],
      ['villages.deleteYear', { unitId: unitA.id, year: 2024 }],
      ['villages.setFirstSecretary', { unitId: unitA.id, name: '刘洋', startedOn: '2024-03-01' }],
    ] as const) {
      const before = snapshotDatabase(app, { except: ['audit_log'] });
      const since = auditRows(app).length;
      const error = refused(await app.callAs('viewer')(method, input));
      expect(error.code).toBe('FORBIDDEN');
      expect(error.message).toContain('查阅');
      expect(snapshotDatabase(app, { except: ['audit_log'] })).toEqual(before);
      expect(newAudit(since).map((r) => r.action)).toEqual(['forbidden']);
    }
  });

  it('the form schema and profileIssues give the same messages as the service, as the user types', () => {
    expect(profileIssues({ memberTotal: 5, memberFemale: 6 })).toEqual([{ path: 'memberFemale', message: '女党员数（6）不能多于党员总数（5）' }]);
    expect(profileIssues({ memberFemale: 6 })).toEqual([]);
    const parsed = SaveProfileInput.safeParse({ unitId: 1, memberTotal: '5', memberFemale: '６' });
    expect(parsed.success).toBe(false);
    expect(parsed.error!.issues[0]).toMatchObject({ path: ['memberFemale'], message: '女党员数（6）不能多于党员总数（5）' });
    const form = ProfileForm.safeParse({});
    expect(form.success).toBe(false); // a full form needs its flags
    expect(parseQuantity('arableLandMuX100', '12.345')).toBeUndefined();
    expect(parseQuantity('arableLandMuX100', '')).toBeNull();
  });
});

describe('saveYear / deleteYear', () => {
  it('inserts a year, updates only that year, one audit row each; the band follows the settings', async () => {
    const since = auditRows(app).length;
    const y2023 = ok<VillageYear>(
      await app.call('villages.saveYear', { unitId: unitA.id, year: 2023, collectiveIncomeFen: 4_800_000, starRating: 'three_star', fortressIndex: 'medium', memberTotal: 45 }),
    );
    expect(y2023).toMatchObject({ year: 2023, collectiveIncomeFen: 4_800_000, incomeBand: 'weak', incomeBandLabel: '空壳/薄弱村', weakOrg: false, liabilitiesFen: null });
    const y2024 = ok<VillageYear>(await app.call('villages.saveYear', { unitId: unitA.id, year: '2024', collectiveIncomeFen: 12_000_000, starRating: 'four_star' }));
    expect(y2024).toMatchObject({ year: 2024, incomeBand: 'standard', incomeBandLabel: '达标村' });
    app.setClock('2026-12-01T00:00:00.000Z');
    const updated = ok<VillageYear>(await app.call('villages.saveYear', { unitId: unitA.id, year: 2024, weakOrg: true, note: '列入整顿' }));
    expect(updated).toMatchObject({ id: y2024.id, collectiveIncomeFen: 12_000_000, starRating: 'four_star', weakOrg: true, note: '列入整顿', updatedAt: '2026-12-01T00:00:00.000Z' });
    const { years } = await get(unitA.id);
    expect(years.map((y) => y.year)).toEqual([2024, 2023]);
    expect(years[1]).toEqual(y2023);

    const rows = newAudit(since);
    expect(rows.map((r) => [r.action, r.entity])).toEqual([
      ['create', 'village_year'],
      ['create', 'village_year'],
      ['update', 'village_year'],
    ]);
    expect(JSON.parse(rows[2]!.before_json!)).toMatchObject({ name: unitA.name, year: 2024, weakOrg: false });
    expect(JSON.parse(rows[2]!.after_json!)).toMatchObject({ name: unitA.name, year: 2024, weakOrg: true });

    ok(await app.call('villages.deleteYear', { unitId: unitA.id, year: 2023 }));
    expect((await get(unitA.id)).years.map((y) => y.year)).toEqual([2024]);
    expect(lastAudit()).toMatchObject({ action: 'delete', entity: 'village_year', entity_id: String(y2023.id), after_json: null });
    expect(JSON.parse(lastAudit().before_json!)).toMatchObject({ year: 2023, collectiveIncomeFen: 4_800_000 });
    await refusedUnchanged('villages.deleteYear', { unitId: unitA.id, year: 2023 }, { field: 'year', message: `“${unitA.name}”没有2023年度的数据`, code: 'NOT_FOUND' });
  });

  it('refuses a bad year, negative money, unknown or newly retired dictionary values — changing nothing', async () => {
    await refusedUnchanged('villages.saveYear', { unitId: unitA.id, year: 1999, weakOrg: true }, { field: 'year', message: '年度应为2000至2100之间的整数' });
    await refusedUnchanged('villages.saveYear', { unitId: unitA.id, year: 2101, weakOrg: true }, { field: 'year', message: '年度应为2000至2100之间的整数' });
    await refusedUnchanged('villages.saveYear', { unitId: unitA.id, year: 2024, collectiveAssetsFen: -1 }, { field: 'collectiveAssetsFen', message: '集体资产不能为负数' });
    await refusedUnchanged('villages.saveYear', { unitId: unitA.id, year: 2024, collectiveIncomeFen: 1.5 }, { field: 'collectiveIncomeFen', message: '集体经营性收入应为金额（以分为单位的整数）' });
    await refusedUnchanged('villages.saveYear', { unitId: unitA.id, year: 2024, memberTotal: -3 }, { field: 'memberTotal', message: '党员总数不能为负数' });
    await refusedUnchanged('villages.saveYear', { unitId: unitA.id, year: 2024, starRating: 'six_star' }, { field: 'starRating', message: '所选评星定级不在“评星定级”字典中，请从列表中选择' });
    await refusedUnchanged('villages.saveYear', { unitId: unitA.id, year: 2024, fortressIndex: '强' }, { field: 'fortressIndex', message: '所选堡垒指数不在字典中，请从列表中选择' });
    await refusedUnchanged('villages.saveYear', { unitId: streets[0]!.id, year: 2024, weakOrg: true }, { field: 'unitId', message: /是街道（镇），村情档案只建在村（社区）上/ });
    await refusedUnchanged('villages.saveYear', { unitId: unitA.id, year: 2024 }, { field: '_', message: '没有要保存的年度数据' });

    ok(await app.call('villages.saveYear', { unitId: unitA.id, year: 2023, starRating: 'unrated' }));
    ok(await app.call('dictionaries.retireItem', { name: 'star_rating', value: 'unrated' }));
    // the 2023 row keeps its value and can still be edited
    ok(await app.call('villages.saveYear', { unitId: unitA.id, year: 2023, starRating: 'unrated', weakOrg: true }));
    // a new row, or another unit, may not take the retired value
    await refusedUnchanged('villages.saveYear', { unitId: unitA.id, year: 2024, starRating: 'unrated' }, { field: 'starRating', message: '评星定级“未定级”已停用，请选择其他评星定级' });
    await refusedUnchanged('villages.saveYear', { unitId: unitB.id, year: 2023, starRating: 'unrated' }, { field: 'starRating', message: '评星定级“未定级”已停用，请选择其他评星定级' });
  });

  it('the database keeps a yearly row to its unit and year, one row per unit and year', async () => {
    const row = ok<VillageYear>(await app.call('villages.saveYear', { unitId: unitA.id, year: 2023, weakOrg: true }));
    ok(await app.call('villages.saveYear', { unitId: unitA.id, year: 2024, weakOrg: true }));
    const db = app.store.sqlite;
    expect(() => db.prepare('UPDATE village_years SET year = 2025 WHERE id = ?').run(row.id)).toThrow(/never changes unit or year/);
    expect(() => db.prepare('UPDATE village_years SET unit_id = ? WHERE id = ?').run(unitB.id, row.id)).toThrow(/never changes unit or year/);
    expect(() =>
      db.prepare("INSERT INTO village_years (unit_id, year, created_at, updated_at) VALUES (?, 2023, 'x', 'x')").run(unitA.id),
    ).toThrow(/UNIQUE/);
    expect(() => db.prepare("UPDATE village_years SET star_rating = 'six_star' WHERE id = ?").run(row.id)).toThrow(/not in dictionary/);
  });
});

describe('第一书记', () => {
  it('appointing keeps the predecessor as history; ending and correcting are logged', async () => {
    const since = auditRows(app).length;
    const first = ok<FirstSecretary>(await app.call('villages.setFirstSecretary', { unitId: unitA.id, name: '刘洋', dispatchingUnit: '区财政局', startedOn: '2021-03-01' }));
    expect(first).toMatchObject({ name: '刘洋', dispatchingUnit: '区财政局', startedOn: '2021-03-01', endedOn: null, current: true });
    expect(newAudit(since)).toHaveLength(1);
    expect(lastAudit()).toMatchObject({ action: 'create', entity: 'first_secretary', entity_id: String(first.id) });
    expect(JSON.parse(lastAudit().after_json!)).toMatchObject({ name: '刘洋', unitName: unitA.name });

    const second = ok<FirstSecretary>(await app.call('villages.setFirstSecretary', { unitId: unitA.id, name: '陈晨', startedOn: '2023-03-01', previousEndedOn: '2023-02-28' }));
    expect(second.current).toBe(true);
    const detail = await get(unitA.id);
    expect(detail.currentFirstSecretary).toMatchObject({ id: second.id, name: '陈晨' });
    expect(detail.firstSecretaries.map((f) => [f.name, f.startedOn, f.endedOn, f.current])).toEqual([
      ['陈晨', '2023-03-01', null, true],
      ['刘洋', '2021-03-01', '2023-02-28', false],
    ]);
    // ending the predecessor and appointing: two rows, each its own change
    expect(newAudit(since).map((r) => [r.action, r.entity_id])).toEqual([
      ['create', String(first.id)],
      ['update', String(first.id)],
      ['create', String(second.id)],
    ]);

    const ended = ok<FirstSecretary>(await app.call('villages.endFirstSecretary', { unitId: unitA.id, endedOn: '2025-02-28' }));
    expect(ended).toMatchObject({ id: second.id, endedOn: '2025-02-28', current: false });
    expect((await get(unitA.id)).currentFirstSecretary).toBeNull();
    await refusedUnchanged('villages.endFirstSecretary', { unitId: unitA.id, endedOn: '2025-03-01' }, { field: 'unitId', message: `“${unitA.name}”目前没有在任的第一书记` });

    const corrected = ok<FirstSecretary>(await app.call('villages.updateFirstSecretary', { id: first.id, name: '刘阳', dispatchingUnit: '区财政局', startedOn: '2021-03-01', endedOn: '2023-02-28' }));
    expect(corrected.name).toBe('刘阳');
    expect(JSON.parse(lastAudit().before_json!)).toMatchObject({ name: '刘洋' });
    expect(JSON.parse(lastAudit().after_json!)).toMatchObject({ name: '刘阳' });
  });

  it('refuses overlapping terms, a second current one, and dates before the current term', async () => {
    const first = ok<FirstSecretary>(await app.call('villages.setFirstSecretary', { unitId: unitA.id, name: '刘洋', startedOn: '2021-03-01' }));
    await refusedUnchanged(
      'villages.setFirstSecretary',
      { unitId: unitA.id, name: '陈晨', startedOn: '2020-01-01' },
      { field: 'startedOn', message: '现任第一书记“刘洋”自 2021-03-01 任职，前任离任日期不能早于该日期' },
    );
    await refusedUnchanged(
      'villages.setFirstSecretary',
      { unitId: unitA.id, name: '陈晨', startedOn: '2023-03-01', previousEndedOn: '2023-04-01' },
      { field: 'previousEndedOn', message: '前任第一书记离任日期不能晚于新任第一书记的任职开始日期' },
    );
    await refusedUnchanged(
      'villages.setFirstSecretary',
      { unitId: unitB.id, name: '陈晨', startedOn: '2023-03-01', previousEndedOn: '2023-02-28' },
      { field: 'previousEndedOn', message: `“${unitB.name}”目前没有在任的第一书记，不必填写前任离任日期` },
    );
    await refusedUnchanged('villages.setFirstSecretary', { unitId: unitA.id, name: '', startedOn: '2023-03-01' }, { field: 'name', message: '第一书记姓名不能为空' });
    await refusedUnchanged('villages.setFirstSecretary', { unitId: unitA.id, name: '陈晨', startedOn: '2023-02-30' }, { field: 'startedOn', message: '任职开始日期不是有效日期' });
    await refusedUnchanged('villages.endFirstSecretary', { unitId: unitA.id, endedOn: '2021-01-01' }, { field: 'endedOn', message: '离任日期不能早于“刘洋”的任职开始日期 2021-03-01' });

    ok(await app.call('villages.setFirstSecretary', { unitId: unitA.id, name: '陈晨', startedOn: '2023-03-01' }));
    await refusedUnchanged(
      'villages.updateFirstSecretary',
      { id: first.id, name: '刘洋', startedOn: '2021-03-01', endedOn: '2023-06-30' },
      { field: 'startedOn', message: '与第一书记“陈晨”的任职时间（2023-03-01 至 今）重叠', code: 'CONFLICT' },
    );
    await refusedUnchanged(
      'villages.updateFirstSecretary',
      { id: first.id, name: '刘洋', startedOn: '2021-03-01', endedOn: null },
      { field: 'endedOn', message: `“${unitA.name}”的现任第一书记是“陈晨”，同一村（社区）只能有一位现任第一书记，请填写离任日期`, code: 'CONFLICT' },
    );
    // and the database holds it too
    expect(() =>
      app.store.sqlite
        .prepare("INSERT INTO village_first_secretaries (unit_id, name, started_on, created_at, updated_at) VALUES (?, '某某', '2022-01-01', 'x', 'x')")
        .run(unitA.id),
    ).toThrow(/overlap|UNIQUE/);
  });
});

describe('phones are personal data', () => {
  const phones = { secretaryPhone: '13812345678', directorPhone: '0531-86012345', supervisorPhone: '13900001111' };

  it('masked in every output unless an administrator or clerk reveals them; each reveal is logged', async () => {
    const saved = ok<VillageProfile>(await app.call('villages.saveProfile', { unitId: unitA.id, directorName: '李四', ...phones }));
    expect([saved.secretaryPhone, saved.directorPhone, saved.supervisorPhone]).toEqual(['138****5678', '0531-******45', '139****1111']);
    for (const role of ['admin', 'clerk', 'viewer'] as const) {
      const since = auditRows(app).length;
      const masked = await get(unitA.id, false, role);
      expect(masked.profile).toMatchObject({ secretaryPhone: '138****5678', phonesRevealed: false });
      expect(newAudit(since)).toEqual([]);
    }
    for (const role of ['admin', 'clerk'] as const) {
      const since = auditRows(app).length;
      const full = await get(unitA.id, true, role);
      expect(full.profile).toMatchObject({ ...phones, phonesRevealed: true });
      const rows = newAudit(since);
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ action: 'unmask', entity: 'village_profile', entity_id: String(unitA.id), ...(await auditIdentity(app, role)) });
      expect(JSON.parse(rows[0]!.after_json!)).toEqual({ fields: ['phone'], purpose: 'view' });
    }
  });

  it('a 查阅 account asking for full phones is refused, and no reveal is logged', async () => {
    ok(await app.call('villages.saveProfile', { unitId: unitA.id, ...phones }));
    const since = auditRows(app).length;
    const error = refused(await app.callAs('viewer')('villages.get', { unitId: unitA.id, reveal: true }));
    expect(error).toMatchObject({ code: 'FORBIDDEN', message: '查阅账户只能看到遮盖后的个人信息（身份证号、电话）' });
    expect(newAudit(since).filter((r) => r.action === 'unmask')).toEqual([]);
  });

  it('revealing a file without phones logs nothing', async () => {
    const since = auditRows(app).length;
    expect((await get(unitB.id, true)).profile.phonesRevealed).toBe(true);
    expect(newAudit(since)).toEqual([]);
  });
});

describe('dictionary usage', () => {
  it('a star rating held by a yearly row cannot be deleted, only retired', async () => {
    ok(await app.call('villages.saveYear', { unitId: unitA.id, year: 2024, starRating: 'five_star', fortressIndex: 'strong' }));
    ok(await app.call('villages.saveProfile', { unitId: unitA.id, partyOrgType: 'branch', secretaryEducation: 'bachelor' }));
    const detail = ok<DictionaryDetail>(await app.call('dictionaries.detail', { name: 'star_rating' }));
    expect(detail.dictionary.usedBy).toEqual(['村情村况 · 年度评星定级']);
    expect(detail.items.find((i) => i.value === 'five_star')!.usageCount).toBe(1);

    for (const [name, value, label] of [
      ['star_rating', 'five_star', '五星'],
      ['fortress_index', 'strong', '强'],
      ['party_org_type', 'branch', '党支部'],
      ['education_level', 'bachelor', '本科'],
    ] as const) {
      const before = snapshotDatabase(app);
      const error = refused(await app.call('dictionaries.deleteItem', { name, value }));
      expect(error).toMatchObject({ code: 'CONFLICT', message: `“${label}”正在被 1 条记录使用，不能删除，只能停用` });
      expect(snapshotDatabase(app)).toEqual(before);
      // below the service, the database refuses as well
      expect(() => app.store.sqlite.prepare('DELETE FROM dict_items WHERE dict = ? AND value = ?').run(name, value)).toThrow(/in use/);
    }
    // a value nobody holds can go
    ok(await app.call('dictionaries.deleteItem', { name: 'star_rating', value: 'three_star' }));
  });
});

describe('list (examples; the filters are checked against a plain filter in villages-properties)', () => {
  it('defaults to the working year and shows the profile and that year', async () => {
    ok(await app.call('settings.update', { workingYear: 2024 }));
    ok(await app.call('villages.saveProfile', { unitId: unitA.id, secretaryName: '王建国', memberTotal: 48, coopLed: true }));
    ok(await app.call('villages.saveYear', { unitId: unitA.id, year: 2024, collectiveIncomeFen: 25_000_000, starRating: 'five_star' }));
    ok(await app.call('villages.saveYear', { unitId: unitA.id, year: 2023, collectiveIncomeFen: 1_000_000 }));
    ok(await app.call('villages.setFirstSecretary', { unitId: unitA.id, name: '刘洋', startedOn: '2024-03-01' }));
    const page = ok<VillagePage>(await app.callAs('viewer')('villages.list', { text: '王建国' }));
    expect(page.year).toBe(2024);
    expect(page.total).toBe(1);
    expect(page.rows[0]).toMatchObject({
      unitId: unitA.id,
      secretaryName: '王建国',
      memberTotal: 48,
      coopLed: true,
      firstSecretaryName: '刘洋',
      hasYear: true,
      collectiveIncomeFen: 25_000_000,
      incomeBand: 'rich',
      incomeBandLabel: '富裕村',
      starRating: 'five_star',
    });
    expect(page.bands.map((b) => b.label)).toEqual(['空壳/薄弱村', '一般村', '达标村', '富裕村']);
    const y2023 = ok<VillagePage>(await app.call('villages.list', { year: 2023, text: '刘洋' }));
    expect(y2023.rows[0]).toMatchObject({ collectiveIncomeFen: 1_000_000, incomeBand: 'weak', starRating: null });
    // every unit is listed, paged
    const all = ok<VillagePage>(await app.call('villages.list', { pageSize: 10 }));
    expect(all.total).toBe(streets.reduce((n, s) => n + s.units.length, 0));
    expect(all.rows).toHaveLength(10);
    const other = ok<VillagePage>(await app.call('villages.list', { streetId: streets.find((s) => s.units.some((u) => u.id === otherStreetUnit.id))!.id, pageSize: 500 }));
    expect(other.rows.map((r) => r.unitId)).toContain(otherStreetUnit.id);
    expect(other.rows.map((r) => r.unitId)).not.toContain(unitA.id);
  });
});

describe('reports count the units that existed in the year', () => {
  it('a unit retired in mid-2024 counts in 2024, not in 2025; the list shows it only when asked', async () => {
    ok(await app.call('villages.saveYear', { unitId: unitA.id, year: 2024, collectiveIncomeFen: 6_000_000 }));
    ok(await app.call('villages.saveYear', { unitId: unitA.id, year: 2025, collectiveIncomeFen: 11_000_000 }));
    ok(await app.call('units.retire', { id: unitA.id, retiredOn: '2024-06-30', reason: '撤并' }));
    const total = streets.reduce((n, s) => n + s.units.length, 0);
    const r2024 = ok<{ totals: { total: number; counts: Record<string, number>; unreported: number } }>(await app.call('villages.incomeBandReport', { year: 2024 }));
    expect(r2024.totals).toMatchObject({ total, unreported: total - 1, counts: { weak: 0, general: 1, standard: 0, rich: 0 } });
    const r2025 = ok<{ totals: { total: number; unreported: number } }>(await app.call('villages.incomeBandReport', { year: 2025 }));
    expect(r2025.totals).toMatchObject({ total: total - 1, unreported: total - 1 });
    expect(ok<VillagePage>(await app.call('villages.list', { year: 2024, pageSize: 500 })).rows.map((r) => r.unitId)).not.toContain(unitA.id);
    const withRetired = ok<VillagePage>(await app.call('villages.list', { year: 2024, includeRetired: true, pageSize: 500 }));
    expect(withRetired.rows.find((r) => r.unitId === unitA.id)).toMatchObject({ status: 'retired', incomeBand: 'general' });
    // and its file stays readable
    expect((await get(unitA.id)).years.map((y) => y.year)).toEqual([2025, 2024]);
  });

  it('movers name both bands and the "破五进十" progress', async () => {
    ok(await app.call('villages.saveYear', { unitId: unitA.id, year: 2023, collectiveIncomeFen: 4_000_000 }));
    ok(await app.call('villages.saveYear', { unitId: unitA.id, year: 2024, collectiveIncomeFen: 10_000_000 }));
    ok(await app.call('villages.saveYear', { unitId: unitB.id, year: 2023, collectiveIncomeFen: 21_000_000 }));
    ok(await app.call('villages.saveYear', { unitId: unitB.id, year: 2024, collectiveIncomeFen: 19_999_999 }));
    ok(await app.call('villages.saveYear', { unitId: otherStreetUnit.id, year: 2024, collectiveIncomeFen: 30_000_000 }));
    const report = ok<{ movers: Array<Record<string, unknown>>; summary: Record<string, number> }>(await app.callAs('viewer')('villages.bandMovers', { year: 2024 }));
    expect(report.movers).toEqual([
      expect.objectContaining({ unitId: unitA.id, fromBand: 'weak', fromLabel: '空壳/薄弱村', toBand: 'standard', toLabel: '达标村', fromIncomeFen: 4_000_000, toIncomeFen: 10_000_000, direction: 'up' }),
      expect.objectContaining({ unitId: unitB.id, fromBand: 'rich', toBand: 'standard', direction: 'down' }),
    ]);
    expect(report.summary).toEqual({ comparable: 2, up: 1, down: 1, reachedStandard: 1, fellBelowStandard: 0, standardOrAbovePrevious: 1, standardOrAbove: 2 });
  });
});
