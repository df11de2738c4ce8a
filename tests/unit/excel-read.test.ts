import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { builtWorkerUrl, readWorkbook, type ReadResult, type WorkbookData } from '../../electron/excel/read';
import { decodeText, detectDelimiter, parseCsv } from '../../electron/excel/read/csv';

/** The workbook reader: a worker thread with limits, plain frozen data back, Chinese messages. */

const root = path.resolve(import.meta.dirname, '..', '..');
const fixture = (...p: string[]) => new Uint8Array(fs.readFileSync(path.join(root, 'tests', 'fixtures', ...p)));
const corpus = (p: string) => fixture('sheets', 'corpus', p);
const utf8 = (text: string) => new TextEncoder().encode(text);

function ok(r: ReadResult): WorkbookData {
  if (!r.ok) throw new Error(`expected a workbook, got ${r.error.code}: ${r.error.message}`);
  return r.value;
}
const errorOf = (r: ReadResult) => (r.ok ? 'ok' : r.error.code);

async function xlsx(build: (wb: ExcelJS.Workbook) => void): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  build(wb);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

/** A zip by hand: each entry deflated; `descriptor` writes sizes 0 in the local header (flag 8), as streaming zip writers do. */
function zip(entries: Array<{ name: string; data: Uint8Array; descriptor?: boolean; flags?: number }>): Uint8Array {
  const parts: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name);
    const packed = zlib.deflateRawSync(e.data);
    const flags = (e.flags ?? 0) | (e.descriptor ? 8 : 0);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(flags, 6);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(e.descriptor ? 0 : packed.length, 18);
    local.writeUInt32LE(e.descriptor ? 0 : e.data.length, 22);
    local.writeUInt16LE(name.length, 26);
    const desc = Buffer.alloc(e.descriptor ? 16 : 0);
    if (e.descriptor) {
      desc.writeUInt32LE(0x08074b50, 0);
      desc.writeUInt32LE(packed.length, 8);
      desc.writeUInt32LE(e.data.length, 12);
    }
    const cd = Buffer.alloc(46);
    cd.writeUInt32LE(0x02014b50, 0);
    cd.writeUInt16LE(20, 4);
    cd.writeUInt16LE(20, 6);
    cd.writeUInt16LE(flags, 8);
    cd.writeUInt16LE(8, 10);
    cd.writeUInt32LE(packed.length, 20);
    cd.writeUInt32LE(e.data.length, 24);
    cd.writeUInt16LE(name.length, 28);
    cd.writeUInt32LE(offset, 42);
    central.push(cd, name);
    parts.push(local, name, packed, desc);
    offset += local.length + name.length + packed.length + desc.length;
  }
  const cdBytes = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cdBytes.length, 12);
  end.writeUInt32LE(offset, 16);
  return new Uint8Array(Buffer.concat([...parts, cdBytes, end]));
}

describe('CSV files as clerks send them', () => {
  it('GBK with CRLF and UTF-8 with BOM give the same rows; codes stay text', async () => {
    const gbk = ok(await readWorkbook(fixture('divisions', 'jinan_shizhong_370103_villages.gbk.csv'), '村庄.gbk.csv'));
    const bom = ok(await readWorkbook(fixture('divisions', 'jinan_shizhong_370103_villages.utf8bom.csv'), '村庄.csv'));
    expect(gbk.format).toBe('csv');
    expect(gbk.csv).toEqual({ encoding: 'gb18030', delimiter: ',' });
    expect(bom.csv).toEqual({ encoding: 'utf-8-bom', delimiter: ',' });
    expect(gbk.sheets[0]!.rows).toEqual(bom.sheets[0]!.rows);
    expect(gbk.sheets[0]!.name).toBe('村庄.gbk');
    const rows = gbk.sheets[0]!.rows;
    expect(rows).toHaveLength(217);
    expect(rows[0]![0]).toBe('code');
    expect(rows[1]!.slice(0, 2)).toEqual(['370103002001', '纬一路社区居民委员会']);
  });

  it('keeps characters outside the BMP, leading zeros and line breaks in quotes', async () => {
    const plain = ok(await readWorkbook(fixture('divisions', 'villages_not_gbk_encodable_nationwide.csv'), 'x.csv'));
    expect(plain.sheets[0]!.rows.flat().join('')).toContain('𡐓');
    const book = ok(await readWorkbook(utf8('编号\t姓名\t备注\r\n0012\t张三\t"第一行\n第二行"\r\n'), '名单.tsv'));
    expect(book.csv).toEqual({ encoding: 'utf-8', delimiter: '\t' });
    expect(book.sheets[0]!.rows).toEqual([
      ['编号', '姓名', '备注'],
      ['0012', '张三', '第一行\n第二行'],
    ]);
  });

  it('detects semicolons, and reads tab-separated text saved as .xls by other systems', async () => {
    expect(ok(await readWorkbook(utf8('a;b;c\n1;2;3\n'), 'x.csv')).csv?.delimiter).toBe(';');
    const fake = ok(await readWorkbook(utf8('街道\t村名\n大观园\t纬一路\n'), '导出.xls'));
    expect(fake.format).toBe('csv');
    expect(fake.sheets[0]!.rows[1]).toEqual(['大观园', '纬一路']);
    expect(errorOf(await readWorkbook(utf8('Attachment not found!'), 'a.xls'))).toBe('not-spreadsheet');
  });

  it('decodes UTF-16 with BOM, refuses encodings it cannot tell (Latin-1) with advice', async () => {
    const le = new Uint8Array([0xff, 0xfe, ...Buffer.from('姓名,年龄\n张三,35\n', 'utf16le')]);
    expect(ok(await readWorkbook(le, 'u.csv')).sheets[0]!.rows).toEqual([
      ['姓名', '年龄'],
      ['张三', '35'],
    ]);
    const latin1 = await readWorkbook(corpus('csvkit/test_latin1.csv'), 'test_latin1.csv');
    expect(latin1).toEqual({ ok: false, error: { code: 'encoding', message: '无法识别 CSV 文件的文字编码，请在 Excel 中另存为“CSV UTF-8（逗号分隔）”后再导入' } });
  });

  it('pure helpers: decoding order, delimiter choice, RFC 4180 and Excel leniency', () => {
    expect(decodeText(utf8('abc'))?.encoding).toBe('utf-8');
    expect(decodeText(new Uint8Array([0xd5, 0xc5, 0xc8, 0xfd]))).toEqual({ text: '张三', encoding: 'gb18030' });
    expect(decodeText(new Uint8Array([0x41, 0x2c, 0xe9]))).toBe(null); // Latin-1 é: neither UTF-8 nor GB18030
    expect(detectDelimiter('a,b;c\n1,2;3')).toBe(',');
    expect(detectDelimiter('"a,b";c;d\n1;2;3')).toBe(';');
    expect(detectDelimiter('just text')).toBe(null);
    const lim = { maxRows: 100, maxColumns: 10 };
    expect(parseCsv('a,"b ""q"" c",d\r\n\r\n1,,3\r4,5', ',', lim).rows).toEqual([['a', 'b "q" c', 'd'], [], ['1', null, '3'], ['4', '5']]);
    expect(parseCsv('"unterminated,x\ny', ',', lim).rows).toEqual([['unterminated,x\ny']]);
    expect(parseCsv('"a"b,c', ',', lim).rows).toEqual([['ab', 'c']]);
    expect(parseCsv('a\u0000b,c\n\n\n', ',', lim).rows).toEqual([['ab', 'c']]);
    expect(parseCsv('1\n2\n3', ',', { maxRows: 2, maxColumns: 10 })).toEqual({ rows: [], overflow: 'rows' });
    expect(parseCsv('1,2,3', ',', { maxRows: 2, maxColumns: 2 })).toEqual({ rows: [], overflow: 'columns' });
  });
});

describe('workbooks', () => {
  it('reads an .xlsx: text, numbers as stored, booleans, dates as ISO, merges; frozen plain arrays', async () => {
    const bytes = await xlsx((wb) => {
      const ws = wb.addWorksheet('台账');
      ws.addRow(['村名', '收入', '一肩挑', '任职日期', '时间']);
      ws.addRow(['纬一路社区', 1234.56, true, new Date(Date.UTC(2019, 4, 3)), new Date(Date.UTC(2019, 4, 3, 8, 30))]);
      ws.getCell('D2').numFmt = 'yyyy"年"m"月"d"日"';
      ws.getCell('E2').numFmt = 'yyyy-mm-dd hh:mm';
      ws.addRow(['', 0.1 + 0.2, false, null, null]);
      ws.mergeCells('A3:A4');
      wb.addWorksheet('隐藏', { state: 'hidden' }).addRow(['x']);
    });
    const input = new Uint8Array(bytes);
    const book = ok(await readWorkbook(input, '台账.xlsx'));
    expect(input).toEqual(bytes); // the caller's bytes are untouched
    expect(book.format).toBe('xlsx');
    const [ws, hidden] = book.sheets;
    expect(ws!.rows).toEqual([
      ['村名', '收入', '一肩挑', '任职日期', '时间'],
      ['纬一路社区', 1234.56, true, '2019-05-03', '2019-05-03T08:30:00'],
      [null, 0.30000000000000004, false, null, null],
    ]);
    expect(ws!.merges).toEqual([]); // A3:A4 reaches past the last row: clipped to one cell, dropped
    expect(hidden).toMatchObject({ name: '隐藏', hidden: true });
    expect(Object.isFrozen(book)).toBe(true);
    expect(Object.isFrozen(ws!.rows)).toBe(true);
    expect(Object.isFrozen(ws!.rows[0])).toBe(true);
    expect(Object.getPrototypeOf(ws!.rows[0])).toBe(Array.prototype);
  });

  it('keeps merges inside the data, as 0-based inclusive ranges', async () => {
    const bytes = await xlsx((wb) => {
      const ws = wb.addWorksheet('S');
      ws.addRow(['标题']);
      ws.addRow(['街道', '村名']);
      ws.addRow(['大观园街道', 'a']);
      ws.addRow([null, 'b']);
      ws.mergeCells('A1:B1');
      ws.mergeCells('A3:A4');
    });
    expect(ok(await readWorkbook(bytes, 'm.xlsx')).sheets[0]!.merges).toEqual([
      { s: { r: 0, c: 0 }, e: { r: 0, c: 1 } },
      { s: { r: 2, c: 0 }, e: { r: 3, c: 0 } },
    ]);
  });

  it('reads old .xls (BIFF8 and BIFF5 with code pages), .ods, .xlsb and 1904-system dates', async () => {
    expect(ok(await readWorkbook(corpus('poi/chinese-provinces.xls'), 'p.xls')).sheets[0]!.rows[1]).toEqual(['Anhui', '安徽省']);
    expect(ok(await readWorkbook(corpus('poi/testEXCEL_95.xls'), 'e95.xls')).sheets[0]!.rows.length).toBeGreaterThan(0);
    expect(ok(await readWorkbook(corpus('sheetjs/merge_cells.ods'), 'm.ods')).format).toBe('ods');
    expect(ok(await readWorkbook(corpus('poi/date.xlsb'), 'd.xlsb')).sheets[0]!.rows).toEqual([['2013-01-12']]);
    expect(ok(await readWorkbook(corpus('sheetjs/1904__1904.xlsx'), 'd.xlsx')).sheets[0]!.rows[0]).toEqual([1, '1904-01-02', '1904-01-02', '1904-01-02']);
  });

  it('reads an HTML table saved as .xls (what some systems export)', async () => {
    const html = utf8('<html><head><meta charset="utf-8"></head><body><table><tr><td>村名</td><td>代码</td></tr><tr><td>纬一路社区</td><td>0012</td></tr></table></body></html>');
    const book = ok(await readWorkbook(html, '导出.xls'));
    expect(book.format).toBe('html');
    expect(book.sheets[0]!.rows).toEqual([
      ['村名', '代码'],
      ['纬一路社区', '0012'],
    ]);
    expect(errorOf(await readWorkbook(utf8('<html><body><p>登录超时</p></body></html>'), '导出.xls'))).toBe('not-spreadsheet');
  });
});

describe('refusals, each with a Chinese message', () => {
  it('empty, too large, not a spreadsheet', async () => {
    expect(await readWorkbook(new Uint8Array(0), 'a.xlsx')).toEqual({ ok: false, error: { code: 'empty', message: '文件是空的' } });
    expect(await readWorkbook(new Uint8Array(2048), 'a.xlsx', { maxFileBytes: 1024 })).toMatchObject({ ok: false, error: { code: 'too-large', message: expect.stringContaining('文件太大（超过') } });
    expect(await readWorkbook(new Uint8Array(21 * 1024 * 1024), 'big.xlsx')).toMatchObject({ ok: false, error: { code: 'too-large', message: expect.stringContaining('超过 20 MB') } });
    expect(await readWorkbook(utf8('%PDF-1.7\n%âãÏÓ\n1 0 obj'), '台账.xlsx')).toEqual({ ok: false, error: { code: 'not-spreadsheet', message: '不是 Excel 或 CSV 文件，请选择 .xlsx、.xls 或 .csv 文件' } });
    expect(errorOf(await readWorkbook(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0]), 'photo.xls'))).toBe('not-spreadsheet');
    expect(errorOf(await readWorkbook(new Uint8Array(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256)), 'random.xlsx'))).toBe('not-spreadsheet');
    expect(errorOf(await readWorkbook(zip([{ name: 'word/document.xml', data: utf8('<w:document/>') }]), 'report.xlsx'))).toBe('not-spreadsheet');
    expect(errorOf(await readWorkbook(zip([{ name: 'readme.txt', data: utf8('hello') }]), 'a.zip'))).toBe('not-spreadsheet');
    expect(errorOf(await readWorkbook(utf8('\n\n'), 'empty.csv'))).toBe('no-data');
  });

  it('encrypted workbooks and zips', async () => {
    const msg = { ok: false, error: { code: 'encrypted', message: '文件已加密，请在 Excel 中取消密码后再导入' } };
    expect(await readWorkbook(corpus('poi/protected_passtika.xlsx'), '加密.xlsx')).toEqual(msg);
    expect(await readWorkbook(corpus('sheetjs/password_2002_40_xor.xls'), '加密.xls')).toEqual(msg);
    expect(await readWorkbook(corpus('calamine/pass_protected.ods'), '加密.ods')).toEqual(msg);
    expect(await readWorkbook(zip([{ name: '[Content_Types].xml', data: utf8('<Types/>'), flags: 1 }]), 'z.xlsx')).toEqual(msg);
  });

  it('zip bombs: by declared size, and by actual size when the local header declares none', async () => {
    const zeros = new Uint8Array(12 * 1024 * 1024);
    const limits = { maxUnzippedBytes: 8 * 1024 * 1024 };
    const declared = zip([{ name: '[Content_Types].xml', data: utf8('<Types/>') }, { name: 'xl/worksheets/sheet1.xml', data: zeros }]);
    expect(declared.length).toBeLessThan(64 * 1024);
    expect(await readWorkbook(declared, 'bomb.xlsx', limits)).toMatchObject({ ok: false, error: { code: 'zip-bomb', message: expect.stringContaining('文件解压后过大') } });
    const streamed = zip([{ name: '[Content_Types].xml', data: utf8('<Types/>') }, { name: 'xl/worksheets/sheet1.xml', data: zeros, descriptor: true }]);
    expect(errorOf(await readWorkbook(streamed, 'bomb.xlsx', limits))).toBe('zip-bomb');
    expect(errorOf(await readWorkbook(zip(Array.from({ length: 20 }, (_, i) => ({ name: `f${i}`, data: utf8('x') }))), 'many.xlsx', { maxZipEntries: 10 }))).toBe('zip-bomb');
  });

  it('a damaged workbook, and a file that hung SheetJS 0.18.5: a message, in bounded time', async () => {
    expect(await readWorkbook(corpus('exceljs/spec__integration__data__missing-bits.xlsx'), 'x.xlsx')).toMatchObject({ ok: false, error: { code: 'damaged' } });
    const t = Date.now();
    expect(await readWorkbook(corpus('calamine/issue_594_dos.ods'), 'dos.ods', { timeoutMs: 1500 })).toMatchObject({ ok: false, error: { code: 'damaged' } });
    expect(Date.now() - t).toBeLessThan(5000);
  });

  it('a worker still busy at its time limit is stopped, with a message', async () => {
    // 40,000 rows take a few seconds to read; 300 ms is not enough even to start the worker and parse
    const bytes = utf8(Array.from({ length: 40_000 }, (_, i) => `${i},名字${i},${'备注'.repeat(20)}`).join('\n'));
    const t = Date.now();
    expect(await readWorkbook(bytes, 'slow.csv', { timeoutMs: 300 })).toEqual({ ok: false, error: { code: 'timeout', message: '读取超时：文件可能已损坏，或内容过多。可在 Excel 中打开后另存为 .xlsx 再导入' } });
    expect(Date.now() - t).toBeLessThan(3000);
  });

  it('a worker over its heap limit is stopped with a message', async () => {
    const bytes = utf8(Array.from({ length: 40_000 }, (_, i) => `${i},名字${i},${'备注'.repeat(20)}`).join('\n'));
    const r = await readWorkbook(bytes, 'big.csv', { maxHeapMb: 4 });
    expect(r).toEqual({ ok: false, error: { code: 'out-of-memory', message: '文件内容过于复杂，读取时内存不足，请分成几个文件后再导入' } });
  });

  it('too many rows or columns: that sheet gets a message, the others are still read', async () => {
    const bytes = await xlsx((wb) => {
      const long = wb.addWorksheet('长表');
      for (let i = 0; i < 30; i++) long.addRow([i]);
      wb.addWorksheet('宽表').addRow(Array.from({ length: 12 }, (_, i) => i));
      wb.addWorksheet('正常').addRow(['a']);
    });
    const book = ok(await readWorkbook(bytes, 'x.xlsx', { maxRows: 20, maxColumns: 10 }));
    expect(book.sheets.map((s) => [s.name, s.problem, s.rows.length])).toEqual([
      ['长表', '表格行数超过 20 行，请分成几个文件后再导入', 0],
      ['宽表', '表格列数超过 10 列，请删去无关的列后再导入', 0],
      ['正常', null, 1],
    ]);
    const csv = ok(await readWorkbook(utf8('1\n2\n3\n'), 'x.csv', { maxRows: 2 }));
    expect(csv.sheets[0]!.problem).toBe('表格行数超过 2 行，请分成几个文件后再导入');
  });

  it('too much text (one huge shared string repeated in every cell)', async () => {
    expect(await readWorkbook(corpus('poi/poc-shared-strings.xlsx'), 'x.xlsx')).toMatchObject({ ok: false, error: { code: 'too-much-text', message: expect.stringContaining('表格中的文字太多') } });
  });
});

describe('finding the built worker', () => {
  it('next to an entry file, or one folder up from a chunk', () => {
    expect(builtWorkerUrl('file:///app/resources/app.asar/out/main/main.js').href).toBe('file:///app/resources/app.asar/out/main/excel-parse-worker.js');
    expect(builtWorkerUrl('file:///app/resources/app.asar/out/main/chunks/import-Ab12.js').href).toBe('file:///app/resources/app.asar/out/main/excel-parse-worker.js');
  });
});
