import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { BackupOverview } from '../../shared/api/backups';
import type { ExportedFile } from '../../shared/api/files';
import type { ImportPreview, ImportSummary, OpenedImport, PreviewImportInput } from '../../shared/api/imports';
import type { StreetNode, UnitRow } from '../../shared/api/units';
import type { VillageDetail } from '../../shared/api/villages';
import { refused } from '../helpers/fixtures';
import { base64, loadWorkbook, ROSTER_HEADER, rowValues, streetRoster, type RosterOptions, type RosterRow } from '../helpers/import-files';
import { auditRows, ok, openShizhongApp, snapshotDatabase, type TestApp } from '../helpers/test-context';

/** A well-formed plan id that matches no preview (for refusals decided before the plan is compared). */
const NO_PLAN = '0'.repeat(64);

/**
 * 村情档案 through the import wizard, as a clerk uses it: a street's roster (title, 单位：万元,
 * two-row merged header, merged 街道 cells, 合计 row, footer) opened, previewed and committed.
 * What the preview showed is what is written; a refusal writes nothing.
 */

let app: TestApp;
/** 大观园街道 纬一路社区, 大观园街道 睦和苑社区, 杆石桥街道 春元里社区 */
let u1: UnitRow;
let u2: UnitRow;
let u3: UnitRow;
/** another unit of 大观园街道, another of 杆石桥街道 */
let u4: UnitRow;
let u5: UnitRow;

const unitsByCode = async () => new Map(ok<StreetNode[]>(await app.call('units.tree', {})).flatMap((s) => s.units.map((u) => [u.code, u] as const)));

beforeEach(async () => {
  app = await openShizhongApp();
  const units = await unitsByCode();
  u1 = units.get('370103002001')!;
  u2 = units.get('370103002003')!;
  u3 = units.get('370103003001')!;
  u4 = [...units.values()].find((u) => u.code.startsWith('370103002') && u !== u1 && u !== u2)!;
  u5 = [...units.values()].find((u) => u.code.startsWith('370103003') && u !== u3)!;
  expect([u1.name, u2.name, u3.name]).toEqual(['纬一路社区', '睦和苑社区', '春元里社区']);
});
afterEach(async () => {
  await app.close();
});

/** The three rows of the usual roster: 街道 merged over rows 5–6, codes as text and as a number, three ways of writing 年月. */
const GOOD_ROWS: RosterRow[] = [
  [1, '大观园街道', '纬一路社区', '370103002001', 50, 20, 8, 12.5, '是', '王建国', '1975.03'],
  [2, null, '睦和苑社区', 370103002003, 40, 10, 5, 3, '√', '李红', '1980年5月'],
  [3, '杆石桥街道', '春元里社区', '370103003001', 30, 5, 2, 0.75, '否', '赵明', 1968.11],
];
const GOOD_TOTAL: RosterRow = ['合计', null, null, null, 120, 35, 15, 16.25];
const FILE_NAME = '大观园街道村情统计.xlsx';

async function open(bytes: Uint8Array, fileName = FILE_NAME): Promise<OpenedImport> {
  return ok<OpenedImport>(await app.call('imports.open', { kind: 'villages', fileName, contentBase64: base64(bytes) }));
}

async function openRoster(rows: RosterRow[], options: RosterOptions = {}) {
  return open(await streetRoster(rows, options));
}

type Options = { year: number | null };
const inputOf = (opened: OpenedImport, options: Options, extra: Partial<PreviewImportInput> = {}) => ({ importId: opened.importId, sheetIndex: opened.suggestedSheet, options, ...extra });

async function preview(opened: OpenedImport, options: Options, extra: Partial<PreviewImportInput> = {}) {
  return ok<ImportPreview>(await app.call('imports.preview', inputOf(opened, options, extra)));
}

/** Commits what the preview showed. */
async function commit(opened: OpenedImport, options: Options, p: ImportPreview, extra: Record<string, unknown> = {}) {
  const expectCounts = { create: p.counts.create, update: p.counts.update, rejected: p.counts.rejected, plan: p.plan };
  return app.call('imports.commit', { ...inputOf(opened, options), fields: p.columns.map((c) => c.field), expect: expectCounts, ...extra });
}

const village = async (unitId: number) => ok<VillageDetail>(await app.call('villages.get', { unitId }));
const yearRow = (unitId: number, year: number) => app.store.sqlite.prepare('SELECT * FROM village_years WHERE unit_id = ? AND year = ?').get(unitId, year);
const backupNames = async () => ok<BackupOverview>(await app.call('backups.overview', {})).backups.map((b) => b.name);

describe('a street roster, previewed and committed', () => {
  it('previews every row (merged 街道, 万元 from the title, three 年月 forms, 是/√/否, text and numeric codes, 合计 checked) and writes exactly that', async () => {
    // U1 has an older year that must stay as it is; U3's secretary is already 一肩挑
    ok(await app.call('villages.saveYear', { unitId: u1.id, year: 2024, collectiveIncomeFen: 8_000_000, starRating: 'five_star' }));
    ok(await app.call('villages.saveProfile', { unitId: u3.id, secretaryIsDirector: true }));
    const year2024 = yearRow(u1.id, 2024);

    const opened = await openRoster(GOOD_ROWS, { total: GOOD_TOTAL, merges: ['B5:B6'] });
    expect(opened).toMatchObject({ kind: 'villages', fileName: FILE_NAME, format: 'xlsx', encoding: null, suggestedSheet: 0 });
    expect(opened.sheets).toEqual([{ index: 0, name: '村情统计', hidden: false, rowCount: 9, problem: null, matchedColumns: 10 }]);

    const p = await preview(opened, { year: 2025 });
    expect(p).toMatchObject({ headerRow: 2, headerRows: 2, dataStart: 4, remembered: false, totalRow: 8, rowsOmitted: 0, blockers: [], missingRequired: [] });
    expect(p.titleLines).toEqual(['市中区村情统计表（2025年）', '填报单位：市中区委组织部 单位：万元']);
    expect(p.columns.map((c) => [c.header, c.field, c.how])).toEqual([
      ['序号', null, null],
      ['街道', 'streetName', 'label'],
      ['村（社区）名称', 'unitName', 'label'],
      ['区划代码', 'code', 'label'],
      ['党员人数/总数', 'memberTotal', 'synonym'],
      ['党员人数/女', 'memberFemale', 'synonym'],
      ['党员人数/35岁以下', 'memberUnder35', 'synonym'],
      ['集体经营性收入', 'collectiveIncomeFen', 'label'],
      ['书记主任 一肩挑', 'secretaryIsDirector', 'label'],
      ['党组织书记', 'secretaryName', 'label'],
      ['书记出生年月', 'secretaryBirthMonth', 'label'],
    ]);
    // the header says no unit: the title line's 万元 applies
    expect(p.columns[7]!.unit).toBe('万元');
    expect(p.counts).toEqual({ rows: 3, create: 0, update: 3, unchanged: 0, rejected: 0, blank: 0, subtotal: 0 });
    expect(p.totals).toEqual([
      { header: '党员人数/总数', stated: '120', summed: '120', matches: true },
      { header: '党员人数/女', stated: '35', summed: '35', matches: true },
      { header: '党员人数/35岁以下', stated: '15', summed: '15', matches: true },
      { header: '集体经营性收入', stated: '162,500.00元', summed: '162,500.00元', matches: true },
    ]);
    expect(p.notes).toEqual(['年度数据写入 2025 年，其他年度不受影响']);

    expect(p.rows.map((r) => [r.row, r.status, r.target, r.problems])).toEqual([
      [5, 'update', '大观园街道 纬一路社区', []],
      [6, 'update', '大观园街道 睦和苑社区', []],
      [7, 'update', '杆石桥街道 春元里社区', []],
    ]);
    // the merged 街道 cell counts for the row under it
    expect(p.rows[1]!.cells).toEqual(['2', '大观园街道', '睦和苑社区', '370103002003', '40', '10', '5', '3', '√', '李红', '1980年5月']);
    expect(p.rows[0]!.notes).toEqual([
      '党员总数 （空） → 50 名',
      '女党员数 （空） → 20 名',
      '35岁及以下党员数 （空） → 8 名',
      '党组织书记 （空） → 王建国',
      '书记出生年月 （空） → 1975年3月',
      '书记主任“一肩挑” 否 → 是',
      '……共 8 项变化',
    ]);
    expect(p.rows[1]!.notes).toContain('书记出生年月 （空） → 1980年5月');
    expect(p.rows[2]!.notes).toContain('书记出生年月 （空） → 1968年11月');
    expect(p.rows[2]!.notes).toContain('书记主任“一肩挑” 是 → 否');

    const logBefore = auditRows(app).length;
    const summary = ok<ImportSummary>(await commit(opened, { year: 2025 }, p));
    expect(summary).toMatchObject({ created: 0, updated: 3, unchanged: 0, rejected: 0, rejectedFile: null });
    expect(summary.backupName).toEqual(expect.any(String));

    const profiles = await Promise.all([u1, u2, u3].map(async (u) => (await village(u.id)).profile));
    expect(profiles.map((x) => [x.memberTotal, x.memberFemale, x.memberUnder35, x.secretaryName, x.secretaryBirthMonth, x.secretaryIsDirector])).toEqual([
      [50, 20, 8, '王建国', '1975-03', true],
      [40, 10, 5, '李红', '1980-05', true],
      [30, 5, 2, '赵明', '1968-11', false],
    ]);
    // 万元 → 分; the profile's 党员总数 also goes to the chosen year
    const years = await Promise.all([u1, u2, u3].map(async (u) => (await village(u.id)).years.find((y) => y.year === 2025)!));
    expect(years.map((y) => [y.collectiveIncomeFen, y.memberTotal])).toEqual([
      [12_500_000, 50],
      [3_000_000, 40],
      [750_000, 30],
    ]);
    // another year is not touched, not even its updated_at
    expect(yearRow(u1.id, 2024)).toEqual(year2024);

    // one row per record written, then the import's own row naming the file, the counts and the backup
    const log = auditRows(app).slice(logBefore);
    const yearIds = [u1, u2, u3].map((u) => String((yearRow(u.id, 2025) as { id: number }).id));
    expect(log.map((r) => [r.action, r.entity, r.entity_id])).toEqual([
      ['create', 'village_profile', String(u1.id)],
      ['create', 'village_year', yearIds[0]],
      ['create', 'village_profile', String(u2.id)],
      ['create', 'village_year', yearIds[1]],
      ['update', 'village_profile', String(u3.id)],
      ['create', 'village_year', yearIds[2]],
      ['import', 'import', 'villages'],
    ]);
    expect(JSON.parse(log.at(-1)!.after_json!)).toEqual({
      what: '村情档案',
      fileName: FILE_NAME,
      sheet: '村情统计',
      year: 2025,
      created: 0,
      updated: 3,
      unchanged: 0,
      rejected: 0,
      backup: summary.backupName,
    });

    // the 导入前 backup is there to undo the import
    const overview = ok<BackupOverview>(await app.call('backups.overview', {}));
    expect(overview.backups.find((b) => b.name === summary.backupName)).toMatchObject({ kind: 'pre_import' });
  });

  it('is idempotent: the same file again finds every row 无变化 and writes nothing but its log row, without a backup', async () => {
    const bytes = await streetRoster(GOOD_ROWS, { total: GOOD_TOTAL, merges: ['B5:B6'] });
    const first = await open(bytes);
    ok(await commit(first, { year: 2025 }, await preview(first, { year: 2025 })));
    const backups = await backupNames();

    const again = await open(bytes);
    const p = await preview(again, { year: 2025 });
    expect(p.counts).toEqual({ rows: 3, create: 0, update: 0, unchanged: 3, rejected: 0, blank: 0, subtotal: 0 });
    expect(p.rows.map((r) => [r.status, r.notes])).toEqual([
      ['unchanged', []],
      ['unchanged', []],
      ['unchanged', []],
    ]);
    const before = snapshotDatabase(app, { except: ['audit_log'] });
    const logBefore = auditRows(app).length;
    const summary = ok<ImportSummary>(await commit(again, { year: 2025 }, p));
    expect(summary).toEqual({ created: 0, updated: 0, unchanged: 3, rejected: 0, backupName: null, rejectedFile: null });
    expect(snapshotDatabase(app, { except: ['audit_log'] })).toEqual(before);
    expect(auditRows(app).slice(logBefore).map((r) => r.action)).toEqual(['import']);
    expect(await backupNames()).toEqual(backups);
  });

  it('a blank cell keeps what is stored (an import never clears a field)', async () => {
    ok(await app.call('villages.saveProfile', { unitId: u1.id, secretaryName: '老书记', secretaryBirthMonth: '1960-01', memberTotal: 10 }));
    const opened = await openRoster([[1, '大观园街道', '纬一路社区', '370103002001', 50, null, null, null, null, '', null]]);
    const p = await preview(opened, { year: 2025 });
    expect(p.rows.map((r) => [r.status, r.notes])).toEqual([['update', ['党员总数 10 名 → 50 名', '2025年党员总数 （空） → 50 名']]]);
    expect(refused(await app.call('imports.exportProblems', inputOf(opened, { year: 2025 }))).message).toBe('预览中没有有问题的行，无需下载');
    ok(await commit(opened, { year: 2025 }, p));
    const { profile } = await village(u1.id);
    expect([profile.memberTotal, profile.secretaryName, profile.secretaryBirthMonth, profile.memberFemale]).toEqual([50, '老书记', '1960-01', null]);
  });
});

describe('rows with problems', () => {
  it('are rejected with their reasons; the good rows are written; the rejected ones come back as a workbook with 原行号 and 错误原因', async () => {
    const rows: RosterRow[] = [
      [1, '大观园街道', '纬一路社区', '370103002001', 50, 20, 8, 12.5, '是', '王建国', '1975.03'],
      [2, '大观园街道', '睦和苑社区', '370103002003', 40, 10, 5, 'abc', '√', '李红', '1980年5月'],
      [3, '杆石桥街道', u5.name, `${u5.code}1`, 30, 5, 2, 0.75, '否', '赵明', 1968.11],
      [4, '不存在街道', '某某社区', null, 30, 5, 2, 0.75, '否', '钱程', null],
      [5, '大观园街道', '纬一路社区', '370103002001', 50, 20, 8, 12.5, '是', '王建国', '1975.03'],
      [6, '大观园街道', u4.name, u4.code, 4, 10, 1, 1, '否', null, null],
      [7, '大观园街道', '新新社区', null, 4, 1, 1, 1, '否', null, null],
      [8, '杆石桥街道', '春元里社区', 370103003001, 30, 5, 2, 0.75, '否', '赵明', 1968.11],
    ];
    const opened = await openRoster(rows);
    const p = await preview(opened, { year: 2025 });
    expect(p.counts).toEqual({ rows: 8, create: 0, update: 2, unchanged: 0, rejected: 6, blank: 0, subtotal: 0 });
    const problems = (row: number) => p.rows.find((r) => r.row === row)!.problems;
    expect(p.rows.map((r) => [r.row, r.status])).toEqual([
      [5, 'update'],
      [6, 'rejected'],
      [7, 'rejected'],
      [8, 'rejected'],
      [9, 'rejected'],
      [10, 'rejected'],
      [11, 'rejected'],
      [12, 'update'],
    ]);
    expect(problems(6)).toEqual([{ column: 7, message: '集体经营性收入（万元）：“abc”不是金额' }]);
    expect(problems(7)).toEqual([{ column: 3, message: `区划代码：“${u5.code}1”超过 12 位` }]);
    expect(problems(8)).toEqual([{ column: 2, message: '本区没有名为“不存在街道”的街道（镇）' }]);
    expect(problems(9)).toEqual([{ column: null, message: '与第 5 行是同一个村（社区），同一文件中只能出现一次' }]);
    expect(problems(10)).toEqual([{ column: 5, message: '女党员数（10）不能多于党员总数（4）' }]);
    expect(problems(11)).toEqual([{ column: 2, message: '大观园街道没有“新新社区”；如是新设的村（社区），请填写12位区划代码' }]);
    // a rejected row plans no change
    expect(p.rows.filter((r) => r.status === 'rejected').every((r) => r.notes.length === 0)).toBe(true);

    // before committing, the clerk may download the same rows (logged as an export)
    const problemsFile = ok<ExportedFile>(await app.call('imports.exportProblems', inputOf(opened, { year: 2025 })));
    expect(auditRows(app).at(-1)).toMatchObject({ action: 'export', entity: 'import_problems' });
    const problemsSheet = (await loadWorkbook(app.ctx.exports.take(problemsFile.token, (await app.callerFor('admin')).token).bytes)).worksheets[0]!;
    expect(Array.from({ length: problemsSheet.rowCount - 2 }, (_, i) => problemsSheet.getCell(i + 3, 12).value)).toEqual([6, 7, 8, 9, 10, 11]);

    const summary = ok<ImportSummary>(await commit(opened, { year: 2025 }, p));
    expect(summary).toMatchObject({ created: 0, updated: 2, unchanged: 0, rejected: 6 });
    expect((await village(u1.id)).profile.secretaryName).toBe('王建国');
    expect((await village(u3.id)).profile.secretaryName).toBe('赵明');
    for (const u of [u2, u4, u5]) {
      const detail = await village(u.id);
      expect(detail.profile.saved).toBe(false);
      expect(detail.years).toEqual([]);
    }

    const entry = app.ctx.exports.take(summary.rejectedFile!.token, (await app.callerFor('admin')).token);
    expect(summary.rejectedFile!.fileName).toMatch(/^大观园街道村情统计_未导入的行_.*\.xlsx$/);
    const ws = (await loadWorkbook(entry.bytes)).worksheets[0]!;
    // the title keeps the 单位：万元 of the original, so the amounts are read the same way again
    expect(ws.getCell('A1').text).toContain('单位：万元');
    expect(rowValues(ws, 2, 13)).toEqual([...p.columns.map((c) => c.header), '原行号', '错误原因']);
    const data = Array.from({ length: ws.rowCount - 2 }, (_, i) => rowValues(ws, i + 3, 13));
    expect(data.map((d) => [d[11], d[12]])).toEqual([
      [6, '集体经营性收入（万元）：“abc”不是金额'],
      [7, `区划代码：“${u5.code}1”超过 12 位`],
      [8, '本区没有名为“不存在街道”的街道（镇）'],
      [9, '与第 5 行是同一个村（社区），同一文件中只能出现一次'],
      [10, '女党员数（10）不能多于党员总数（4）'],
      [11, '大观园街道没有“新新社区”；如是新设的村（社区），请填写12位区划代码'],
    ]);
    expect(data[0]!.slice(0, 11)).toEqual([2, '大观园街道', '睦和苑社区', '370103002003', 40, 10, 5, 'abc', '√', '李红', '1980年5月']);
  });

  it('a new 12-digit code under one of our streets, with a new name, creates the unit and its profile', async () => {
    const opened = await openRoster([[1, '大观园街道', '新设社区', '370103002999', 12, 3, 1, 2.5, '否', '周新', '1990.07']]);
    const p = await preview(opened, { year: 2025 });
    expect(p.counts).toMatchObject({ create: 1, update: 0, rejected: 0 });
    expect(p.rows[0]).toMatchObject({ status: 'create', target: '大观园街道 新设社区', problems: [] });
    expect(p.rows[0]!.notes.slice(0, 2)).toEqual(['新增到大观园街道', '单位类别按名称定为“城市社区”，如不对请在组织架构中修改']);

    const summary = ok<ImportSummary>(await commit(opened, { year: 2025 }, p));
    expect(summary).toMatchObject({ created: 1, updated: 0, rejected: 0 });
    const street = ok<StreetNode[]>(await app.call('units.tree', {})).find((s) => s.code === '370103002')!;
    const created = street.units.find((u) => u.code === '370103002999')!;
    expect(created).toMatchObject({ name: '新设社区', kind: 'urban', status: 'active' });
    const detail = await village(created.id);
    expect([detail.profile.memberTotal, detail.profile.secretaryName, detail.profile.secretaryBirthMonth]).toEqual([12, '周新', '1990-07']);
    expect(detail.years.map((y) => [y.year, y.collectiveIncomeFen])).toEqual([[2025, 2_500_000]]);
  });
});

describe('whole-file checks', () => {
  it('yearly columns without a chosen year: a blocker in the preview, the commit refused, nothing written', async () => {
    const opened = await openRoster(GOOD_ROWS);
    const p = await preview(opened, { year: null });
    expect(p.blockers).toEqual(['表中有年度数据（集体经营性收入），请先选择写入哪一年']);
    const before = snapshotDatabase(app, { except: ['audit_log'] });
    const backups = await backupNames();
    expect(refused(await commit(opened, { year: null }, p)).message).toBe('表中有年度数据（集体经营性收入），请先选择写入哪一年');
    expect(snapshotDatabase(app, { except: ['audit_log'] })).toEqual(before);
    expect(await backupNames()).toEqual(backups);
  });

  it('a 合计 row that does not match: shown, refused at commit unless the clerk accepts it', async () => {
    const opened = await openRoster(GOOD_ROWS, { total: ['合计', null, null, null, 999, 35, 15, 16.25] });
    const p = await preview(opened, { year: 2025 });
    expect(p.totals.find((t) => t.header === '党员人数/总数')).toEqual({ header: '党员人数/总数', stated: '999', summed: '120', matches: false });
    expect(p.totals.filter((t) => !t.matches)).toHaveLength(1);
    expect(p.notes.some((n) => n.includes('合计'))).toBe(false);
    expect(p.blockers).toEqual([]);

    const before = snapshotDatabase(app, { except: ['audit_log'] });
    expect(refused(await commit(opened, { year: 2025 }, p)).message).toBe('合计行“党员人数/总数”为 999，各行相加为 120，两者不符。请核对文件，或确认“仍然导入”');
    expect(snapshotDatabase(app, { except: ['audit_log'] })).toEqual(before);

    const summary = ok<ImportSummary>(await commit(opened, { year: 2025 }, p, { acceptTotalMismatch: true }));
    expect(summary).toMatchObject({ updated: 3, rejected: 0 });
    expect((await village(u1.id)).profile.memberTotal).toBe(50);
  });

  it('data changed after the preview (a row became 无变化), or counts that are not the preview’s: refused, nothing written', async () => {
    const opened = await openRoster([GOOD_ROWS[0]!]);
    const p = await preview(opened, { year: 2025 });
    expect(p.counts).toMatchObject({ update: 1, unchanged: 0 });
    // meanwhile someone types the same figures in by hand
    ok(await app.call('villages.saveProfile', { unitId: u1.id, memberTotal: 50, memberFemale: 20, memberUnder35: 8, secretaryIsDirector: true, secretaryName: '王建国', secretaryBirthMonth: '1975-03' }));
    ok(await app.call('villages.saveYear', { unitId: u1.id, year: 2025, collectiveIncomeFen: 12_500_000, memberTotal: 50 }));
    const message = '预览之后数据已有变化（可能有人刚修改了村情档案或组织架构），请重新预览、核对后再确认导入';
    const before = snapshotDatabase(app, { except: ['audit_log'] });
    const backups = await backupNames();
    const stale = refused(await commit(opened, { year: 2025 }, p));
    expect(stale).toMatchObject({ code: 'CONFLICT', message });
    expect(snapshotDatabase(app, { except: ['audit_log'] })).toEqual(before);
    expect(await backupNames()).toEqual(backups);

    // counts the preview did not show
    const other = await openRoster([GOOD_ROWS[2]!]);
    const wrong = refused(await app.call('imports.commit', { ...inputOf(other, { year: 2025 }), expect: { create: 1, update: 0, rejected: 0, plan: NO_PLAN } }));
    expect(wrong).toMatchObject({ code: 'CONFLICT', message });
    expect(snapshotDatabase(app, { except: ['audit_log'] })).toEqual(before);
    expect(await backupNames()).toEqual(backups);
  });

  it('a quantity column whose header states another unit blocks the import', async () => {
    const header = [...ROSTER_HEADER];
    header[10] = '村域面积（亩）';
    const opened = await openRoster([[1, '大观园街道', '纬一路社区', '370103002001', 50, 20, 8, 12.5, '是', '王建国', 35]], { header });
    const p = await preview(opened, { year: 2025 });
    expect(p.columns[10]).toMatchObject({ header: '村域面积（亩）', field: 'areaM2' });
    const message = '“村域面积（亩）”的单位是亩，系统按平方公里读取“村域面积”。请在表中换算成平方公里，或把这一列设为“不导入”';
    expect(p.blockers).toEqual([message]);
    const before = snapshotDatabase(app, { except: ['audit_log'] });
    expect(refused(await commit(opened, { year: 2025 }, p)).message).toBe(message);
    expect(snapshotDatabase(app, { except: ['audit_log'] })).toEqual(before);

    // set to 不导入, the rest of the row imports
    const fields = p.columns.map((c) => c.field);
    fields[10] = null;
    const unblocked = await preview(opened, { year: 2025 }, { fields });
    expect(unblocked.blockers).toEqual([]);
    expect(unblocked.columns[10]).toMatchObject({ field: null, how: null });
  });
});

describe('the column mapping', () => {
  it('a column mapped by hand is remembered for the same header layout', async () => {
    const header = [...ROSTER_HEADER];
    header[7] = '收入情况';
    const bytes = await streetRoster([GOOD_ROWS[0]!], { header });
    const opened = await open(bytes);
    const first = await preview(opened, { year: 2025 });
    expect(first.columns[7]).toMatchObject({ header: '收入情况', field: null, how: null });
    // the 收入 column is not read: only the profile and the year's 党员总数 would change
    const fields = first.columns.map((c) => c.field);
    fields[7] = 'collectiveIncomeFen';
    const mapped = await preview(opened, { year: 2025 }, { fields });
    expect(mapped.columns[7]).toMatchObject({ field: 'collectiveIncomeFen', how: 'manual', unit: '万元' });
    expect(mapped.remembered).toBe(false);
    ok(await commit(opened, { year: 2025 }, mapped));
    expect((await village(u1.id)).years.find((y) => y.year === 2025)!.collectiveIncomeFen).toBe(12_500_000);

    const next = await open(bytes, '下月的表.xlsx');
    const p = await preview(next, { year: 2025 });
    expect(p.remembered).toBe(true);
    expect(p.columns[7]).toMatchObject({ field: 'collectiveIncomeFen', how: 'remembered', unit: '万元' });
    expect(p.columns.filter((c) => c.field).map((c) => c.how)).toEqual(Array(10).fill('remembered'));
    expect(p.columns.map((c) => c.field)).toEqual(fields);
    expect(p.counts).toMatchObject({ unchanged: 1, update: 0 });
  });
});

describe('an older year', () => {
  it('after 2025 is imported, a 2024 sheet writes the 2024 row only and leaves the profile as it is', async () => {
    const opened = await openRoster([GOOD_ROWS[0]!]);
    ok(await commit(opened, { year: 2025 }, await preview(opened, { year: 2025 })));
    const year2025 = yearRow(u1.id, 2025);
    const profileBefore = (await village(u1.id)).profile;

    const older = await openRoster([[1, '大观园街道', '纬一路社区', '370103002001', 45, 18, 7, 10, '否', '前任书记', '1960.01']], { title: '市中区村情统计表（2024年）' });
    const p = await preview(older, { year: 2024 });
    expect(p.notes).toEqual(['年度数据写入 2024 年，其他年度不受影响']);
    expect(p.rows[0]!.status).toBe('update');
    expect(p.rows[0]!.notes).toEqual([
      '已有 2025 年的数据，基本情况不按本表（2024 年）更新，只写入 2024 年度数据',
      '2024年集体经营性收入 （空） → 100,000.00元',
      '2024年党员总数 （空） → 45 名',
    ]);
    ok(await commit(older, { year: 2024 }, p));
    expect((await village(u1.id)).profile).toEqual(profileBefore);
    expect(yearRow(u1.id, 2025)).toEqual(year2025);
    expect((await village(u1.id)).years.map((y) => [y.year, y.collectiveIncomeFen, y.memberTotal])).toEqual([
      [2025, 12_500_000, 50],
      [2024, 10_000_000, 45],
    ]);
  });
});
