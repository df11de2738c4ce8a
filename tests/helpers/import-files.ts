import ExcelJS from 'exceljs';

/**
 * Spreadsheets shaped like what streets send, built in the tests: a merged title, a 单位 line, a
 * two-row merged header, a merged 街道 column, a 合计 row and a footer.
 */

export type RosterRow = Array<string | number | boolean | Date | null>;

export const ROSTER_HEADER = ['序号', '街道', '村（社区）名称', '区划代码', '党员人数', null, null, '集体经营性收入', '书记主任\n一肩挑', '党组织书记', '书记出生年月'];
export const ROSTER_SUBHEADER = [null, null, null, null, '总数', '女', '35岁以下'];

/** A street roster: rows start at Excel row 5 (title, unit line, two header rows above). */
export async function streetRoster(rows: RosterRow[], options: { title?: string; unitLine?: string; total?: RosterRow | null; header?: Array<string | null> } = {}): Promise<Uint8Array> {
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
  if (options.total) ws.addRow(options.total);
  ws.addRow(['填表人：张三', null, null, null, null, null, null, '审核人：李四']);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

export const base64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');
