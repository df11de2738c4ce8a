import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ExportedFile } from '../../shared/api/files';
import type { ImportPreview, OpenedImport } from '../../shared/api/imports';
import { VILLAGE_IMPORT } from '../../shared/api/villages/import-definition';
import { ROLE_LABELS } from '../../shared/domain/roles';
import { DIVISION_FIXTURES, readDivisionFixture, refused } from '../helpers/fixtures';
import { base64, loadWorkbook, streetRoster, zipArchive } from '../helpers/import-files';
import { auditRows, ok, openShizhongApp, snapshotDatabase, type TestApp } from '../helpers/test-context';

/** A well-formed plan id that matches no preview (for refusals decided before the plan is compared). */
const NO_PLAN = '0'.repeat(64);

/**
 * The import engine around any record type: opening a file (hostile or odd files refused in
 * Chinese), the opened file held per session for half an hour, who may use the wizard, the
 * template, and the header row and column mapping the clerk may override.
 */

let app: TestApp;
beforeEach(async () => {
  app = await openShizhongApp();
});
afterEach(async () => {
  await app.close();
});

const GONE = '导入的文件已关闭或超过 30 分钟未操作，请重新选择文件';
const ROWS = [
  [1, '大观园街道', '纬一路社区', '370103002001', 50, 20, 8, 12.5, '是', '王建国', '1975.03'],
  [2, '大观园街道', '睦和苑社区', '370103002003', 40, 10, 5, 3, '√', '李红', '1980年5月'],
];

const openInput = (bytes: Uint8Array, fileName = '村情.xlsx') => ({ kind: 'villages', fileName, contentBase64: base64(bytes) });
async function openRoster(caller = app.call): Promise<OpenedImport> {
  return ok<OpenedImport>(await caller('imports.open', openInput(await streetRoster(ROWS))));
}
const previewInput = (opened: OpenedImport, extra: Record<string, unknown> = {}) => ({ importId: opened.importId, sheetIndex: 0, options: { year: 2025 }, ...extra });

describe('imports.open refuses what it cannot read, in Chinese, keeping nothing', () => {
  it.each([
    ['an empty file', new Uint8Array(0), '村情.xlsx', '“村情.xlsx”无法导入：文件是空的'],
    ['random bytes named .xlsx', new Uint8Array(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256)), '村情.xlsx', '“村情.xlsx”无法导入：不是 Excel 或 CSV 文件，请选择 .xlsx、.xls 或 .csv 文件'],
    ['a PDF renamed .xlsx', new TextEncoder().encode('%PDF-1.7\n1 0 obj'), '村情.xlsx', '“村情.xlsx”无法导入：不是 Excel 或 CSV 文件，请选择 .xlsx、.xls 或 .csv 文件'],
    [
      'a Word document (.docx is a zip too)',
      zipArchive([
        { name: '[Content_Types].xml', data: '<Types/>' },
        { name: 'word/document.xml', data: '<w:document/>' },
      ]),
      '村情.docx',
      '“村情.docx”无法导入：不是 Excel 或 CSV 文件，请选择 .xlsx、.xls 或 .csv 文件',
    ],
    ['an encrypted zip', zipArchive([{ name: '[Content_Types].xml', data: '<Types/>', flags: 1 }]), '村情.xlsx', '“村情.xlsx”无法导入：文件已加密，请在 Excel 中取消密码后再导入'],
  ])('%s', async (_, bytes, fileName, message) => {
    const before = snapshotDatabase(app, { except: ['audit_log'] });
    const error = refused(await app.call('imports.open', openInput(bytes, fileName)));
    expect(error).toMatchObject({ code: 'VALIDATION', message });
    expect(snapshotDatabase(app, { except: ['audit_log'] })).toEqual(before);
    expect(app.ctx.imports.size).toBe(0);
  });

  it('a cut-off workbook is reported as damaged', async () => {
    const whole = await streetRoster(ROWS);
    const error = refused(await app.call('imports.open', openInput(whole.subarray(0, Math.floor(whole.length / 2)))));
    expect(error.message).toBe('“村情.xlsx”无法导入：文件已损坏或格式无法识别，读不出内容。可在 Excel 或 WPS 中打开后另存为 .xlsx 再导入');
    expect(app.ctx.imports.size).toBe(0);
  });

  it('an unknown kind, content that is not base64, a missing file name', async () => {
    const before = snapshotDatabase(app, { except: ['audit_log'] });
    const bytes = await streetRoster(ROWS);
    expect(refused(await app.call('imports.open', { ...openInput(bytes), kind: 'members' })).message).toBe('不支持导入这类数据');
    expect(refused(await app.call('imports.open', { ...openInput(bytes), contentBase64: '不是base64!' })).message).toBe('文件内容不正确');
    expect(refused(await app.call('imports.open', { ...openInput(bytes), fileName: '  ' })).message).toBe('缺少文件名');
    expect(refused(await app.call('imports.template', { kind: 'members' })).message).toBe('不支持导入这类数据');
    expect(snapshotDatabase(app, { except: ['audit_log'] })).toEqual(before);
    expect(app.ctx.imports.size).toBe(0);
  });
});

describe('a CSV saved by Excel in GBK', () => {
  it('opens as GBK, and with its columns mapped by hand every unit is found by its code', async () => {
    const file = path.join(DIVISION_FIXTURES, 'jinan_shizhong_370103_villages.gbk.csv');
    const expected = readDivisionFixture('jinan_shizhong_370103_villages.csv');
    const opened = ok<OpenedImport>(await app.call('imports.open', openInput(new Uint8Array(fs.readFileSync(file)), '市中区村居.csv')));
    expect(opened).toMatchObject({ format: 'csv', encoding: 'GBK', suggestedSheet: 0 });
    expect(opened.sheets).toHaveLength(1);
    expect(opened.sheets[0]!.rowCount).toBe(expected.length + 1);

    // English headers: the clerk says the header is the first line; nothing maps until the clerk
    // says which column is which. The first village is data, not a second header row (its
    // cells are codes and names written as text)
    const auto = ok<ImportPreview>(await app.call('imports.preview', previewInput(opened, { headerRow: 0, options: { year: null } })));
    expect(auto).toMatchObject({ headerRow: 0, headerRows: 1, dataStart: 1 });
    expect(auto.columns.map((c) => c.header)).toEqual(Object.keys(expected[0]!));
    expect(auto.counts.rows).toBe(expected.length);
    expect(auto.missingRequired).toEqual(['村（社区）名称']);
    expect(auto.blockers[0]).toBe('还没有对应到必填的列：村（社区）名称。请在“核对列”中指定');

    const fields = auto.columns.map((c) => ({ code: 'code', name: 'unitName', parent_name: 'streetName' })[c.header] ?? null);
    const p = ok<ImportPreview>(await app.call('imports.preview', previewInput(opened, { headerRow: 0, options: { year: null }, fields })));
    expect(p.blockers).toEqual([]);
    expect(p.columns.filter((c) => c.field).map((c) => [c.header, c.field, c.how])).toEqual([
      ['code', 'code', 'manual'],
      ['name', 'unitName', 'manual'],
      ['parent_name', 'streetName', 'manual'],
    ]);
    // identity columns only: every row is a known unit, nothing to change
    expect(p.counts).toMatchObject({ rows: expected.length, unchanged: expected.length, create: 0, update: 0, rejected: 0 });
    expect(p.rows[0]).toMatchObject({ row: 2, target: '大观园街道 纬一路社区', cells: expect.arrayContaining(['370103002001', '纬一路社区居民委员会', '大观园街道']) });
  });
});

describe('an opened file belongs to the session that opened it, for half an hour', () => {
  it('another session cannot use it', async () => {
    const opened = await openRoster();
    const clerk = app.callAs('clerk');
    const error = refused(await clerk('imports.preview', previewInput(opened)));
    expect(error).toEqual({ code: 'NOT_FOUND', message: GONE });
    expect(refused(await clerk('imports.commit', { ...previewInput(opened), expect: { create: 0, update: 2, rejected: 0, plan: NO_PLAN } })).message).toBe(GONE);
    // closing someone else's file does nothing
    ok(await clerk('imports.close', { importId: opened.importId }));
    ok(await app.call('imports.preview', previewInput(opened)));
  });

  it('closed, it is gone', async () => {
    const opened = await openRoster();
    ok(await app.call('imports.close', { importId: opened.importId }));
    expect(app.ctx.imports.size).toBe(0);
    expect(refused(await app.call('imports.preview', previewInput(opened))).message).toBe(GONE);
  });

  it('expires 30 minutes after its last use; each use starts the half hour again', async () => {
    const start = app.ctx.now().getTime();
    const at = (minutes: number) => app.setClock(new Date(start + minutes * 60_000));
    const opened = await openRoster();
    expect(opened.expiresAt).toBe(new Date(start + 30 * 60_000).toISOString());
    at(29);
    ok(await app.call('imports.preview', previewInput(opened)));
    at(58);
    ok(await app.call('imports.preview', previewInput(opened)));
    at(58 + 31);
    expect(refused(await app.call('imports.preview', previewInput(opened))).message).toBe(GONE);
    expect(app.ctx.imports.size).toBe(0);
  });

  it('logging out forgets the session’s files', async () => {
    const clerk = app.callAs('clerk');
    await openRoster(clerk);
    await openRoster();
    expect(app.ctx.imports.size).toBe(2);
    ok(await clerk('auth.logout', {}));
    expect(app.ctx.imports.size).toBe(1);
  });
});

describe('who may import', () => {
  it('查阅 may download the template but not open, preview or commit', async () => {
    const viewer = app.callAs('viewer');
    const file = ok<ExportedFile>(await viewer('imports.template', { kind: 'villages' }));
    expect(file.fileName).toBe('村情档案导入模板.xlsx');

    const opened = await openRoster();
    const before = snapshotDatabase(app, { except: ['audit_log'] });
    for (const [method, input] of [
      ['imports.open', openInput(await streetRoster(ROWS))],
      ['imports.preview', previewInput(opened)],
      ['imports.commit', { ...previewInput(opened), expect: { create: 0, update: 2, rejected: 0, plan: NO_PLAN } }],
    ] as const) {
      const error = refused(await viewer(method, input));
      expect(error.code, method).toBe('FORBIDDEN');
      expect(error.message, method).toContain(ROLE_LABELS.viewer);
      expect(auditRows(app).at(-1), method).toMatchObject({ action: 'forbidden', entity: 'api', entity_id: method });
    }
    expect(snapshotDatabase(app, { except: ['audit_log'] })).toEqual(before);
    // the clerk (经办人) may
    ok(await app.callAs('clerk')('imports.open', openInput(await streetRoster(ROWS))));
  });
});

describe('imports.template', () => {
  it('has every column of the definition as its header, and opens back with every column mapped by its label and no rows', async () => {
    const file = ok<ExportedFile>(await app.call('imports.template', { kind: 'villages' }));
    expect(auditRows(app).at(-1)).toMatchObject({ action: 'export', entity: 'import_template' });
    const entry = app.ctx.exports.take(file.token, (await app.callerFor('admin')).token);
    const ws = (await loadWorkbook(entry.bytes)).worksheets[0]!;
    const labels = VILLAGE_IMPORT.columns.map((c) => c.label);
    const header = Array.from({ length: labels.length + 1 }, (_, i) => ws.getCell(2, i + 1).text);
    expect(header.at(-1)).toBe('');
    expect(header.slice(0, -1).map((h) => h.replace(/^\*/, ''))).toEqual(labels);
    // required columns are marked
    expect(header[labels.indexOf('村（社区）名称')]).toBe('*村（社区）名称');

    const opened = ok<OpenedImport>(await app.call('imports.open', openInput(entry.bytes, file.fileName)));
    expect(opened.sheets[opened.suggestedSheet]!.matchedColumns).toBe(labels.length);
    const p = ok<ImportPreview>(await app.call('imports.preview', previewInput(opened, { sheetIndex: opened.suggestedSheet })));
    expect(p.headerRow).toBe(1);
    expect(p.columns.map((c) => [c.field, c.how])).toEqual(VILLAGE_IMPORT.columns.map((c) => [c.field, 'label']));
    expect(p.counts).toMatchObject({ rows: 0, create: 0, update: 0, unchanged: 0, rejected: 0 });
    expect(p.rows).toEqual([]);
    expect(p.blockers).toEqual([]);
  });
});

describe('the header row and the columns, as the clerk overrides them', () => {
  it('a header row forced to the title row maps nothing and blocks; one beyond the sheet is refused', async () => {
    const opened = await openRoster();
    const found = ok<ImportPreview>(await app.call('imports.preview', previewInput(opened)));
    expect(found.headerRow).toBe(2);

    const wrong = ok<ImportPreview>(await app.call('imports.preview', previewInput(opened, { headerRow: 0 })));
    expect(wrong.headerRow).toBe(0);
    expect(wrong.columns.every((c) => c.field === null)).toBe(true);
    expect(wrong.missingRequired).toEqual(['村（社区）名称']);
    expect(wrong.blockers).toEqual(['还没有对应到必填的列：村（社区）名称。请在“核对列”中指定', '没有任何一列对应到要导入的内容，请在“核对列”中指定']);
    const before = snapshotDatabase(app, { except: ['audit_log'] });
    const expectCounts = { create: wrong.counts.create, update: wrong.counts.update, rejected: wrong.counts.rejected, plan: wrong.plan };
    expect(refused(await app.call('imports.commit', { ...previewInput(opened, { headerRow: 0 }), expect: expectCounts })).message).toBe(wrong.blockers[0]);

    const beyond = refused(await app.call('imports.preview', previewInput(opened, { headerRow: 100 })));
    expect(beyond).toMatchObject({ code: 'VALIDATION', message: '第 101 行不在工作表“村情统计”中，请重新指定表头所在的行' });
    expect(refused(await app.call('imports.preview', previewInput(opened, { sheetIndex: 3 }))).message).toBe('文件中没有这个工作表，请重新选择');
    expect(snapshotDatabase(app, { except: ['audit_log'] })).toEqual(before);
  });

  it('a fields array of the wrong length, or naming a field that does not exist, is refused', async () => {
    const opened = await openRoster();
    const p = ok<ImportPreview>(await app.call('imports.preview', previewInput(opened)));
    const fields = p.columns.map((c) => c.field);
    const before = snapshotDatabase(app, { except: ['audit_log'] });
    const expectCounts = { create: 0, update: 2, rejected: 0, plan: NO_PLAN };

    const short = refused(await app.call('imports.preview', previewInput(opened, { fields: fields.slice(1) })));
    expect(short).toMatchObject({ code: 'VALIDATION', message: '列对应关系与表头的列数不符（表头行可能已改变），请重新核对各列' });
    expect(refused(await app.call('imports.commit', { ...previewInput(opened, { fields: [...fields, null] }), expect: expectCounts })).message).toBe(short.message);

    const unknown = [...fields];
    unknown[0] = 'password';
    expect(refused(await app.call('imports.preview', previewInput(opened, { fields: unknown }))).message).toBe('没有“password”这一项，请重新选择该列对应的内容');
    expect(refused(await app.call('imports.commit', { ...previewInput(opened, { fields: unknown }), expect: expectCounts })).message).toBe('没有“password”这一项，请重新选择该列对应的内容');
    expect(snapshotDatabase(app, { except: ['audit_log'] })).toEqual(before);
  });
});
