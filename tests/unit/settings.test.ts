import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { auditRows, ok, openShizhongApp, openTestApp, snapshotDatabase, type AuditRow, type TestApp } from '../helpers/test-context';
import { refused } from '../helpers/fixtures';
import type { Settings } from '../../shared/api/settings';
import type { AuthStatus } from '../../shared/api/auth';
import { DEFAULT_INCOME_BANDS } from '../../shared/domain/income-bands';
import { DEFAULT_RESERVE_RULES } from '../../shared/domain/reserve-rules';

/** 设置 → 基本设置 and 阈值与规则 through the API: typed, validated, administrators only, logged. */

let app: TestApp;
beforeEach(async () => {
  app = await openShizhongApp();
});
afterEach(async () => {
  await app.close();
});

const get = async () => ok<Settings>(await app.call('settings.get'));

async function updateLogged(input: Record<string, unknown>): Promise<{ settings: Settings; row: AuditRow }> {
  const before = auditRows(app).length;
  const settings = ok<Settings>(await app.call('settings.update', input));
  const rows = auditRows(app).slice(before);
  expect(rows).toHaveLength(1);
  expect(rows[0]).toMatchObject({ action: 'settings', entity: 'settings' });
  return { settings, row: rows[0]! };
}

async function refusedUnchanged(input: unknown, message: string, field?: string) {
  const before = snapshotDatabase(app);
  const securityBefore = { ...app.ctx.security };
  const error = refused(await app.callUnchecked('settings.update', input));
  expect(error.message).toBe(message);
  if (field) expect(error.fields?.[field]).toBe(message);
  expect(snapshotDatabase(app)).toEqual(before);
  expect(app.ctx.security).toEqual(securityBefore);
  return error;
}

describe('defaults (DOMAIN.md)', () => {
  it('a set-up database has the department, the current year and the default rules', async () => {
    const s = await get();
    expect(s.district?.code).toBe('370103');
    expect(s.departmentName).toBe('中共市中区委组织部');
    expect(s.workingYear).toBe(2026); // the tests' clock
    expect(s.incomeBands).toEqual({
      weakLabel: '空壳/薄弱村',
      generalLabel: '一般村',
      standardLabel: '达标村',
      richLabel: '富裕村',
      generalFromFen: 5_000_000,
      standardFromFen: 10_000_000,
      richFromFen: 20_000_000,
    });
    expect(s.pipeline).toEqual({
      ageCap: 45,
      youngAgeMax: 35,
      youngEducationFloor: 'junior_college',
      otherEducationFloor: 'senior_high',
      partyMemberMinPercent: 60,
      femaleMinPercent: 20,
      perVillageMin: 1,
      perVillageTarget: 2,
    });
    expect(s.security).toEqual({ idleLockMinutes: 15, maxFailedLogins: 5, lockoutMinutes: 15 });
  });

  it('before setup there is no district or department, and the rest has its defaults', async () => {
    const bare = await openTestApp();
    try {
      const s = ok<Settings>(await bare.call('settings.get'));
      expect(s).toMatchObject({ district: null, departmentName: null, workingYear: 2026, incomeBands: DEFAULT_INCOME_BANDS, pipeline: DEFAULT_RESERVE_RULES });
      // thresholds may be set before setup; the department name needs the district first
      ok(await bare.call('settings.update', { workingYear: 2025 }));
      expect(refused(await bare.call('settings.update', { departmentName: '组织部' })).code).toBe('NOT_READY');
    } finally {
      await bare.close();
    }
  });

  it('everyone may read the settings', async () => {
    for (const role of ['clerk', 'viewer'] as const) expect(ok<Settings>(await app.callAs(role)('settings.get')).workingYear).toBe(2026);
  });
});

describe('settings.update', () => {
  it('sets the working year, with one audit row naming it', async () => {
    const { settings, row } = await updateLogged({ workingYear: '２０２５' });
    expect(settings.workingYear).toBe(2025);
    expect(row.entity_id).toBe('workingYear');
    expect(JSON.parse(row.before_json!)).toEqual({ workingYear: 2026 });
    expect(JSON.parse(row.after_json!)).toEqual({ workingYear: 2025 });
    expect((await get()).workingYear).toBe(2025);
  });

  it('changes the department name (print headers)', async () => {
    const { settings, row } = await updateLogged({ departmentName: ' 中共济南市市中区委组织部 ' });
    expect(settings.departmentName).toBe('中共济南市市中区委组织部');
    expect(JSON.parse(row.after_json!)).toEqual({ departmentName: '中共济南市市中区委组织部' });
  });

  it('saves income bands: names and bounds in fen', async () => {
    const bands = { ...DEFAULT_INCOME_BANDS, weakLabel: '薄弱村', generalFromFen: 3_000_000, richFromFen: 50_000_000 };
    const { settings, row } = await updateLogged({ incomeBands: bands });
    expect(settings.incomeBands).toEqual(bands);
    expect(row.entity_id).toBe('incomeBands');
    expect(JSON.parse(row.before_json!)).toEqual({ incomeBands: DEFAULT_INCOME_BANDS });
  });

  it('saves the reserve pipeline rules', async () => {
    const pipeline = { ...DEFAULT_RESERVE_RULES, ageCap: 50, youngAgeMax: 40, youngEducationFloor: 'bachelor', perVillageTarget: 3 };
    const { settings } = await updateLogged({ pipeline });
    expect(settings.pipeline).toEqual(pipeline);
  });

  it('saves security thresholds and the running app uses them at once', async () => {
    const security = { idleLockMinutes: 30, maxFailedLogins: 3, lockoutMinutes: 60 };
    const { settings } = await updateLogged({ security });
    expect(settings.security).toEqual(security);
    expect(app.ctx.security).toEqual(security);
    expect(ok<AuthStatus>(await app.call('auth.status')).idleLockMinutes).toBe(30);
    // and after the store is opened again (e.g. a restore)
    await app.ctx.reopenStore();
    expect(app.ctx.security).toEqual(security);
  });

  it('several sections in one call: one audit row listing them', async () => {
    const { row } = await updateLogged({ workingYear: 2027, security: { idleLockMinutes: 10, maxFailedLogins: 5, lockoutMinutes: 15 } });
    expect(row.entity_id).toBe('workingYear,security');
    expect(JSON.parse(row.after_json!)).toEqual({ workingYear: 2027, security: { idleLockMinutes: 10, maxFailedLogins: 5, lockoutMinutes: 15 } });
    expect(JSON.parse(row.before_json!)).toEqual({ workingYear: 2026, security: { idleLockMinutes: 15, maxFailedLogins: 5, lockoutMinutes: 15 } });
  });

  it('saving what is already there writes nothing', async () => {
    const before = snapshotDatabase(app);
    ok(await app.call('settings.update', { incomeBands: DEFAULT_INCOME_BANDS, pipeline: DEFAULT_RESERVE_RULES, departmentName: '中共市中区委组织部' }));
    expect(snapshotDatabase(app)).toEqual(before);
  });
});

describe('refused input changes nothing', () => {
  const bands = (patch: Record<string, unknown>) => ({ incomeBands: { ...DEFAULT_INCOME_BANDS, ...patch } });
  const rules = (patch: Record<string, unknown>) => ({ pipeline: { ...DEFAULT_RESERVE_RULES, ...patch } });

  it('income bounds must increase', async () => {
    await refusedUnchanged(bands({ generalFromFen: 10_000_000 }), '一般村下限必须低于达标村下限', 'incomeBands.generalFromFen');
    await refusedUnchanged(bands({ standardFromFen: 30_000_000 }), '达标村下限必须低于富裕村下限', 'incomeBands.standardFromFen');
    await refusedUnchanged(bands({ generalFromFen: 0 }), '一般村下限必须大于0', 'incomeBands.generalFromFen');
    await refusedUnchanged(bands({ richFromFen: 1.5 }), '最高档下限须以分为单位的整数', 'incomeBands.richFromFen');
    await refusedUnchanged(bands({ standardFromFen: -1 }), '第三档下限不能为负数', 'incomeBands.standardFromFen');
    // messages use the names as the administrator set them
    await refusedUnchanged(bands({ generalLabel: '中等村', generalFromFen: 12_000_000 }), '中等村下限必须低于达标村下限');
  });

  it('band names are required and distinct', async () => {
    await refusedUnchanged(bands({ richLabel: ' ' }), '最高档名称不能为空', 'incomeBands.richLabel');
    await refusedUnchanged(bands({ richLabel: '一般村' }), '档次名称“一般村”重复了，每个档次的名称须不同', 'incomeBands.richLabel');
  });

  it('the working year must lie in 2000–2100', async () => {
    await refusedUnchanged({ workingYear: 1999 }, '工作年度应为2000至2100之间的整数', 'workingYear');
    await refusedUnchanged({ workingYear: 2101 }, '工作年度应为2000至2100之间的整数', 'workingYear');
    await refusedUnchanged({ workingYear: 2025.5 }, '工作年度应为2000至2100之间的整数', 'workingYear');
    await refusedUnchanged({ workingYear: '明年' }, '工作年度应为2000至2100之间的整数', 'workingYear');
    await refusedUnchanged({ workingYear: '' }, '请填写工作年度', 'workingYear');
  });

  it('reserve rules: young below the age cap, target not below the minimum, education from the dictionary', async () => {
    await refusedUnchanged(rules({ youngAgeMax: 45 }), '年轻人才年龄上限必须低于后备人才年龄上限', 'pipeline.youngAgeMax');
    await refusedUnchanged(rules({ perVillageTarget: 0 }), '每村目标后备人数不能少于最少后备人数', 'pipeline.perVillageTarget');
    await refusedUnchanged(rules({ femaleMinPercent: 120 }), '女性占比目标（%）应为0至100之间的整数', 'pipeline.femaleMinPercent');
    await refusedUnchanged(rules({ ageCap: 80 }), '后备人才年龄上限应为18至70之间的整数', 'pipeline.ageCap');
    await refusedUnchanged(rules({ youngEducationFloor: 'doctor' }), '所选学历不在“学历”字典中，请从列表中选择', 'pipeline.youngEducationFloor');
    await refusedUnchanged(rules({ otherEducationFloor: '' }), '请选择其他人员的学历要求', 'pipeline.otherEducationFloor');
  });

  it('a retired education level cannot become a floor, but a floor already set stays valid after retiring it', async () => {
    ok(await app.call('dictionaries.retireItem', { name: 'education_level', value: 'bachelor' }));
    await refusedUnchanged(rules({ youngEducationFloor: 'bachelor' }), '学历“本科”已停用，请选择其他学历', 'pipeline.youngEducationFloor');
    ok(await app.call('dictionaries.retireItem', { name: 'education_level', value: 'junior_college' }));
    ok(await app.call('settings.update', rules({ perVillageTarget: 4 })));
  });

  it('security thresholds within their ranges', async () => {
    const security = { idleLockMinutes: 15, maxFailedLogins: 5, lockoutMinutes: 15 };
    await refusedUnchanged({ security: { ...security, idleLockMinutes: 0 } }, '无操作自动锁定时间（分钟）应为1至240之间的整数', 'security.idleLockMinutes');
    await refusedUnchanged({ security: { ...security, maxFailedLogins: 1 } }, '连续输错密码次数上限应为3至20之间的整数', 'security.maxFailedLogins');
    await refusedUnchanged({ security: { idleLockMinutes: 5, maxFailedLogins: 5 } }, '请填写输错密码后锁定时长（分钟）', 'security.lockoutMinutes');
  });

  it('a refused section keeps the whole call from saving', async () => {
    await refusedUnchanged({ workingYear: 2025, ...bands({ generalFromFen: 99_000_000 }) }, '一般村下限必须低于达标村下限');
    expect((await get()).workingYear).toBe(2026);
  });

  it('an empty update and an empty department name are refused', async () => {
    await refusedUnchanged({}, '没有要保存的设置');
    await refusedUnchanged({ departmentName: '' }, '部门名称不能为空', 'departmentName');
  });

  it.each(['clerk', 'viewer'] as const)('%s may not change settings', async (role) => {
    await app.callerFor(role);
    const before = snapshotDatabase(app, { except: ['audit_log'] });
    const count = auditRows(app).length;
    for (const input of [{ workingYear: 2025 }, { departmentName: '组织部' }, { security: { idleLockMinutes: 240, maxFailedLogins: 20, lockoutMinutes: 1 } }]) {
      const error = refused(await app.callAs(role)('settings.update', input));
      expect(error.code).toBe('FORBIDDEN');
      expect(error.message).toContain('没有此项操作的权限');
    }
    expect(snapshotDatabase(app, { except: ['audit_log'] })).toEqual(before);
    expect(auditRows(app).slice(count).map((r) => r.action)).toEqual(['forbidden', 'forbidden', 'forbidden']);
    expect(app.ctx.security).toEqual({ idleLockMinutes: 15, maxFailedLogins: 5, lockoutMinutes: 15 });
  });
});
