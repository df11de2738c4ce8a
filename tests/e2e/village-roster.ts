import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import type ExcelJSModule from 'exceljs';

// exceljs is CommonJS; loaded through require, as Playwright's ESM loader cannot link its dependencies
const ExcelJS = createRequire(import.meta.url)('exceljs') as typeof ExcelJSModule;

/**
 * A 村情统计表 the way a street sends it, for the import wizard's end-to-end test: a merged
 * title, a 单位：万元 line, a two-row merged header (党员人数 over 总数 | 女 | 35岁以下), codes
 * typed some as text and some as numbers, birth months written three ways, 是/√/否, a header
 * no synonym knows (村级党组织负责人 = 党组织书记), a trailing 合计 row and a 填表人 footer —
 * plus a 填表说明 sheet and a hidden 选项 sheet, so the wizard has to pick the sheet.
 */

export type RosterRow = {
  street: string;
  name: string;
  code: string | number;
  secretary: string;
  birth: string;
  members: [number, number, number];
  /** 万元, or anything a clerk may type */
  income: number | string;
  director: string;
};

/** 十六里河街道's roster: four villages already in the register, one new, one with a bad amount. */
export const ROSTER: RosterRow[] = [
  { street: '十六里河街道', name: '吴家庄村', code: '370103019200', secretary: '张守田', birth: '1975.03', members: [56, 18, 6], income: 12.5, director: '是' },
  { street: '十六里河街道', name: '西仙庄村', code: 370103019201, secretary: '李长海', birth: '1980年5月', members: [43, 12, 4], income: 8.3, director: '√' },
  { street: '十六里河街道', name: '石匣村', code: 370103019202, secretary: '王秀兰', birth: '1968-11', members: [38, 15, 3], income: 20, director: '否' },
  { street: '十六里河街道', name: '复兴村', code: '370103019203', secretary: '赵德明', birth: '1972年12月', members: [61, 20, 7], income: 'abc', director: '是' },
  { street: '十六里河街道', name: '石崮沟村', code: 370103019204, secretary: '刘建华', birth: '1985.07', members: [29, 9, 5], income: 5.2, director: '否' },
  { street: '十六里河街道', name: '幸福新村', code: '370103019299', secretary: '孙立新', birth: '1990.10', members: [12, 4, 6], income: 1.05, director: '否' },
];

/** The row (as Excel numbers it) of ROSTER[i]: title, unit line and two header rows come first. */
export const rosterRow = (i: number) => 5 + i;

/** `statedMembers`: the 合计 row's 党员总数 as the street typed it (default: the true sum). */
export async function writeStreetRoster(rows: RosterRow[] = ROSTER, options: { statedMembers?: number } = {}): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('村情统计');
  ws.addRow(['市中区村情统计表（2025年）']);
  ws.mergeCells('A1:K1');
  ws.getCell('A1').font = { size: 16, bold: true };
  ws.getCell('A1').alignment = { horizontal: 'center' };
  ws.addRow(['填报单位：十六里河街道办事处', null, null, null, null, null, null, null, null, null, '单位：万元']);
  ws.addRow(['序号', '街道', '村（社区）名称', '区划代码', '村级党组织负责人', '书记出生年月', '党员人数', null, null, '集体经营性收入', '书记主任一肩挑']);
  ws.addRow([null, null, null, null, null, null, '总数', '女', '35岁以下']);
  for (const c of ['A', 'B', 'C', 'D', 'E', 'F', 'J', 'K']) ws.mergeCells(`${c}3:${c}4`);
  ws.mergeCells('G3:I3');
  rows.forEach((r, i) => ws.addRow([i + 1, r.street, r.name, r.code, r.secretary, r.birth, ...r.members, r.income, r.director]));
  const sum = (k: 0 | 1 | 2) => rows.reduce((s, r) => s + r.members[k], 0);
  // the street's own total: the amounts that are numbers, in 万元 with two decimals
  const income = Math.round(rows.reduce((s, r) => s + (typeof r.income === 'number' ? r.income : 0), 0) * 100) / 100;
  ws.addRow(['合计', null, null, null, null, null, options.statedMembers ?? sum(0), sum(1), sum(2), income, null]);
  ws.addRow([]);
  ws.addRow(['填表人：周敏', null, null, null, '审核人：陈刚', null, null, null, '填报日期：2026年1月10日']);
  ws.getColumn(3).width = 14;
  ws.getColumn(4).width = 16;

  const help = wb.addWorksheet('填表说明');
  help.addRow(['1. 一个村（社区）填一行。']);
  help.addRow(['2. 金额单位为万元。']);
  const choices = wb.addWorksheet('选项');
  choices.state = 'hidden';
  choices.addRow(['是']);
  choices.addRow(['否']);

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gd-roster-'));
  const file = path.join(dir, '十六里河街道村情统计表（2025年）.xlsx');
  await wb.xlsx.writeFile(file);
  return file;
}

/** A downloaded workbook's first sheet as rows of text (for asserting what a clerk would see). */
export async function readWorkbookRows(file: string): Promise<string[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const ws = wb.worksheets[0]!;
  const out: string[][] = [];
  ws.eachRow({ includeEmpty: true }, (row) => {
    const cells: string[] = [];
    row.eachCell({ includeEmpty: true }, (cell, col) => {
      cells[col - 1] = cell.text ?? '';
    });
    out.push(Array.from(cells, (c) => c ?? ''));
  });
  return out;
}
