import zlib from 'node:zlib';
import ExcelJS from 'exceljs';

/**
 * Spreadsheets shaped like what streets send, built in the tests: a merged title, a 单位 line, a
 * two-row merged header, a merged 街道 column, a 合计 row and a footer.
 */

export type RosterRow = Array<string | number | boolean | Date | null>;

export const ROSTER_HEADER = ['序号', '街道', '村（社区）名称', '区划代码', '党员人数', null, null, '集体经营性收入', '书记主任\n一肩挑', '党组织书记', '书记出生年月'];
export const ROSTER_SUBHEADER = [null, null, null, null, '总数', '女', '35岁以下'];

export interface RosterOptions {
  title?: string;
  unitLine?: string;
  total?: RosterRow | null;
  header?: Array<string | null>;
  /** more merged ranges, e.g. 'B5:B6' (a 街道 cell over two villages) */
  merges?: string[];
}

/** A street roster: rows start at Excel row 5 (title, unit line, two header rows above). */
export async function streetRoster(rows: RosterRow[], options: RosterOptions = {}): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('村情统计');
  ws.addRow([options.title ?? '市中区村情统计表（2025年）']);
  ws.mergeCells('A1:K1');
  ws.addRow(['填报单位：市中区委组织部', null, null, null, null, null, null, options.unitLine ?? '单位：万元']);
  ws.addRow(options.header ?? ROSTER_HEADER);
  ws.addRow(ROSTER_SUBHEADER);
  for (const c of ['A', 'B', 'C', 'D', 'H', 'I', 'J', 'K']) ws.mergeCells(`${c}3:${c}4`);
  ws.mergeCells('E3:G3');
  for (const r of rows) ws.addRow(r);
  for (const m of options.merges ?? []) ws.mergeCells(m);
  if (options.total) ws.addRow(options.total);
  ws.addRow(['填表人：张三', null, null, null, null, null, null, '审核人：李四']);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

/** A plain table: the header in row 1, the rows under it, nothing else on the sheet. */
export async function tableWorkbook(header: Array<string | null>, rows: RosterRow[], sheetName = 'Sheet1'): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(sheetName);
  ws.addRow(header);
  for (const r of rows) ws.addRow(r);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

export const base64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');

/** Loads an .xlsx (an exported file's bytes) for the assertions. */
export async function loadWorkbook(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  return wb;
}

/** The values of a worksheet row from column 1 on (ExcelJS's row.values starts at index 1). */
export function rowValues(ws: ExcelJS.Worksheet, row: number, width: number): unknown[] {
  return Array.from({ length: width }, (_, i) => ws.getCell(row, i + 1).value);
}

/**
 * A zip by hand (deflated entries): a Word document, or a zip flagged as encrypted (flags 1),
 * as clerks pick by mistake.
 */
export function zipArchive(entries: Array<{ name: string; data: string; flags?: number }>): Uint8Array {
  const parts: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name);
    const data = Buffer.from(e.data);
    const packed = zlib.deflateRawSync(data);
    const crc = zlib.crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(e.flags ?? 0, 6);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(packed.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(name.length, 26);
    const cd = Buffer.alloc(46);
    cd.writeUInt32LE(0x02014b50, 0);
    cd.writeUInt16LE(20, 4);
    cd.writeUInt16LE(20, 6);
    cd.writeUInt16LE(e.flags ?? 0, 8);
    cd.writeUInt16LE(8, 10);
    cd.writeUInt32LE(crc, 16);
    cd.writeUInt32LE(packed.length, 20);
    cd.writeUInt32LE(data.length, 24);
    cd.writeUInt16LE(name.length, 28);
    cd.writeUInt32LE(offset, 42);
    parts.push(local, name, packed);
    central.push(cd, name);
    offset += local.length + name.length + packed.length;
  }
  const cdSize = central.reduce((n, b) => n + b.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cdSize, 12);
  end.writeUInt32LE(offset, 16);
  return new Uint8Array(Buffer.concat([...parts, ...central, end]));
}

export const DISBURSEMENT_HEADER = ['序号', '街道（镇）', '单位名称', '区划代码', '拨付日期', '拨付金额', '凭证号', '经办人', '审核人', '备注'];

export interface DisbursementListOptions {
  title?: string;
  /** the line under the title, e.g. '单位：万元'; null: none (the header is then row 2) */
  unitLine?: string | null;
  header?: Array<string | null>;
  total?: RosterRow | null;
}

/**
 * A 拨付 list as the finance office sends it: a merged title, a '单位：万元' line, one header
 * row, the rows (from Excel row 4), an optional 合计 row and a footer.
 */
export async function disbursementList(rows: RosterRow[], options: DisbursementListOptions = {}): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('拨付明细');
  const header = options.header ?? DISBURSEMENT_HEADER;
  ws.addRow([options.title ?? '2026年区域化党建工作经费拨付明细表']);
  ws.mergeCells(1, 1, 1, header.length);
  const unitLine = options.unitLine === undefined ? '单位：万元' : options.unitLine;
  if (unitLine !== null) ws.addRow([null, null, null, null, null, null, null, null, null, unitLine]);
  ws.addRow(header);
  for (const r of rows) ws.addRow(r);
  if (options.total) ws.addRow(options.total);
  ws.addRow(['制表人：张三', null, null, null, null, null, null, '审核人：李四']);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}
