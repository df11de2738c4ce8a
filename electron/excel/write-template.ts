import ExcelJS from 'exceljs';
import type { ColumnDefinition, RecordDefinition } from '../../shared/domain/parse/definition';
import { describeColumn, requiredMark } from '../../shared/domain/parse/describe';
import type { DictionaryOption } from '../../shared/domain/parse/dictionary';
import { DICTIONARIES, type DictionaryName } from '../../shared/domain/dictionaries';
import { columnLetter } from '../../shared/domain/parse/cells';
import { safeSheetName, safeText, textWidth, wrappedLines } from './write-table';

/**
 * The import template of a record type, made from its RecordDefinition, so a clerk who fills it
 * in gets a file our importer reads back without a question: the header is exactly the
 * definition's labels (required ones marked '*'), code/text/年月/date columns are text-formatted
 * so Excel does not turn '370103002001' into 3.70103E+11 or '2019-05' into a date, and
 * dictionary and 是/否 columns have dropdowns. A '填写说明' sheet says what each column takes
 * (describeColumn), and a hidden '选项' sheet holds the dropdown lists.
 */

export interface ImportTemplateInput {
  definition: RecordDefinition;
  /** the title row, e.g. '村情档案导入模板' */
  title: string;
  /** dictionary items by dictionary key; every dictionary the definition names must be here */
  dictionaries: Readonly<Record<string, readonly DictionaryOption[]>>;
  /** general notes for the 填写说明 sheet, one per row */
  notes?: readonly string[];
}

/** Rows given formats and dropdowns: the header is row 2, data rows 3..1002. */
export const TEMPLATE_FIRST_ROW = 3;
export const TEMPLATE_LAST_ROW = 1002;
export const OPTIONS_SHEET = '选项';
export const GUIDE_SHEET = '填写说明';

/** Kinds whose cells must stay text: Excel would turn codes into numbers and 年月 into dates. */
const TEXT_KINDS = new Set<ColumnDefinition['kind']>(['code', 'text', 'month', 'date']);

const CJK_FONT = '宋体';
const THIN = { style: 'thin' as const, color: { argb: 'FFB0B0B0' } };
const BORDER: Partial<ExcelJS.Borders> = { top: THIN, left: THIN, bottom: THIN, right: THIN };
const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8ECF2' } };
const LINE_HEIGHT = 14;
const TITLE_STYLE: Partial<ExcelJS.Style> = { font: { name: CJK_FONT, size: 16, bold: true }, alignment: { horizontal: 'center', vertical: 'middle' } };
const HEADER_STYLE: Partial<ExcelJS.Style> = {
  font: { name: CJK_FONT, size: 11, bold: true },
  alignment: { horizontal: 'center', vertical: 'middle', wrapText: true },
  fill: HEADER_FILL,
  border: BORDER,
};
const BODY_STYLE: Partial<ExcelJS.Style> = { font: { name: CJK_FONT, size: 10 }, alignment: { vertical: 'top', wrapText: true }, border: BORDER };
const PAGE_SETUP: Partial<ExcelJS.PageSetup> = {
  paperSize: 9, // A4
  orientation: 'landscape',
  fitToPage: true,
  fitToWidth: 1,
  fitToHeight: 0,
  horizontalCentered: true,
  margins: { left: 0.4, right: 0.4, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
};
const FOOTER = { oddFooter: '&C第 &P 页，共 &N 页', evenFooter: '&C第 &P 页，共 &N 页' };


/** Room for what the clerk types where the label is short: a 12-digit code, a date, a name. */
function contentWidth(c: ColumnDefinition): number {
  if (c.kind === 'code') return Math.min(c.maxLength ?? 12, 16) + 2;
  if (c.kind === 'date') return 12;
  if (c.kind === 'text') return 16;
  return 0;
}

/** ExcelJS 4.4 has worksheet.dataValidations (ranges such as 'D3:D1002') but does not type it. */
function addValidation(ws: ExcelJS.Worksheet, range: string, validation: ExcelJS.DataValidation): void {
  (ws as unknown as { dataValidations: { add(address: string, v: ExcelJS.DataValidation): void } }).dataValidations.add(range, validation);
}

function mergedTitle(ws: ExcelJS.Worksheet, title: string, lastCol: number): void {
  const cell = ws.getCell(1, 1);
  cell.value = safeText(title);
  cell.style = TITLE_STYLE;
  ws.getRow(1).height = 28;
  if (lastCol > 1) ws.mergeCells(1, 1, 1, lastCol);
}

/** The label over a dictionary's list on the 选项 sheet: its own name, else the first column using it. */
function dictionaryLabel(key: string, definition: RecordDefinition): string {
  return DICTIONARIES[key as DictionaryName]?.label ?? definition.columns.find((c) => c.dictionary === key)?.label ?? key;
}

export async function writeImportTemplate(input: ImportTemplateInput): Promise<Uint8Array> {
  const { definition, dictionaries } = input;
  const optionsOf = (c: ColumnDefinition) => (c.kind === 'dictionary' ? dictionaries[c.dictionary ?? ''] : undefined);
  for (const c of definition.columns) {
    // a template without a column's dropdown would accept anything and fail at import
    if (c.kind === 'dictionary' && !optionsOf(c)?.length) throw new Error(`导入模板缺少字典“${c.dictionary}”的选项`);
  }

  const wb = new ExcelJS.Workbook();
  wb.creator = '基层党建台账';
  const dataSheetName = safeSheetName(definition.label);
  const keys = [...new Set(definition.columns.filter((c) => c.kind === 'dictionary').map((c) => c.dictionary!))];
  // the list of dictionary i is column i+1 of the 选项 sheet, under its label
  const listRanges = new Map(keys.map((key, i) => [key, listRange(i + 1, dictionaries[key]!.length)]));
  writeDataSheet(wb, input, dataSheetName, listRanges, optionsOf);
  writeGuideSheet(wb, input, dataSheetName, optionsOf);
  writeOptionsSheet(wb, input, keys);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

/**
 * A dropdown's list as a range on the 选项 sheet: an inline list ('"a,b,c"') is limited to 255
 * characters, which a configurable dictionary soon outgrows.
 */
function listRange(col: number, count: number): string {
  const letter = columnLetter(col - 1);
  return `'${OPTIONS_SHEET}'!$${letter}$2:$${letter}$${count + 1}`;
}

/** The hidden list sheet: one column per dictionary, its label on top. */
function writeOptionsSheet(wb: ExcelJS.Workbook, input: ImportTemplateInput, keys: readonly string[]): void {
  const ws = wb.addWorksheet(OPTIONS_SHEET, { state: 'hidden' });
  keys.forEach((key, i) => {
    const col = i + 1;
    const options = input.dictionaries[key]!;
    const label = dictionaryLabel(key, input.definition);
    ws.getCell(1, col).value = safeText(label);
    ws.getCell(1, col).font = { name: CJK_FONT, bold: true };
    options.forEach((o, r) => (ws.getCell(r + 2, col).value = safeText(o.label)));
    ws.getColumn(col).width = Math.max(12, ...[label, ...options.map((o) => o.label)].map((t) => textWidth(t) + 2));
  });
}

function writeDataSheet(
  wb: ExcelJS.Workbook,
  input: ImportTemplateInput,
  name: string,
  listRanges: Map<string, string>,
  optionsOf: (c: ColumnDefinition) => readonly DictionaryOption[] | undefined,
): void {
  const { columns } = input.definition;
  const ws = wb.addWorksheet(name, {
    views: [{ state: 'frozen', xSplit: 0, ySplit: 2, showGridLines: true }],
    pageSetup: { ...PAGE_SETUP, printTitlesRow: '2:2' },
    headerFooter: FOOTER,
  });
  // formats first, on the whole column: every cell typed in later inherits '@', without making
  // a thousand empty rows part of the sheet (and of every printout)
  columns.forEach((c, i) => {
    const column = ws.getColumn(i + 1);
    column.width = Math.min(40, Math.max(10, textWidth(requiredMark(c) + c.label) + 2, contentWidth(c)));
    if (TEXT_KINDS.has(c.kind)) column.numFmt = '@';
  });
  mergedTitle(ws, input.title, columns.length);

  const header = ws.getRow(2);
  let lines = 1;
  columns.forEach((c, i) => {
    const cell = header.getCell(i + 1);
    // a red '*' in front of required labels (read back as '*label'; normalizeHeader drops it)
    const label = safeText(c.label);
    cell.value = c.required ? { richText: [{ text: requiredMark(c), font: { name: CJK_FONT, size: 11, bold: true, color: { argb: 'FFC00000' } } }, { text: label, font: { name: CJK_FONT, size: 11, bold: true } }] } : label;
    cell.style = HEADER_STYLE;
    cell.note = `${c.required ? '必填。' : ''}${describeColumn(c, optionsOf(c))}`;
    lines = Math.max(lines, wrappedLines(requiredMark(c) + c.label, ws.getColumn(i + 1).width ?? 10));
  });
  header.height = Math.max(24, lines * LINE_HEIGHT + 6);

  columns.forEach((c, i) => {
    const range = `${columnLetter(i)}${TEMPLATE_FIRST_ROW}:${columnLetter(i)}${TEMPLATE_LAST_ROW}`;
    const list = c.kind === 'dictionary' ? listRanges.get(c.dictionary!) : c.kind === 'boolean' ? '"是,否"' : null;
    if (!list) return;
    addValidation(ws, range, {
      type: 'list',
      allowBlank: true,
      formulae: [list],
      showErrorMessage: true,
      errorStyle: 'stop',
      errorTitle: '输入有误',
      error: '请从下拉列表中选择',
      showInputMessage: true,
      promptTitle: c.label.slice(0, 32), // Excel's limits: title 32, message 255 characters
      prompt: describeColumn(c, optionsOf(c)).slice(0, 255),
    });
  });
}

/** 填写说明: the title, the general notes, then one row per column: 列名 | 是否必填 | 填写要求 | 也可识别的表头. */
function writeGuideSheet(
  wb: ExcelJS.Workbook,
  input: ImportTemplateInput,
  dataSheetName: string,
  optionsOf: (c: ColumnDefinition) => readonly DictionaryOption[] | undefined,
): void {
  const widths = [26, 10, 60, 44];
  const ws = wb.addWorksheet(GUIDE_SHEET, { pageSetup: { ...PAGE_SETUP }, headerFooter: FOOTER });
  widths.forEach((w, i) => (ws.getColumn(i + 1).width = w));
  mergedTitle(ws, `${input.title}填写说明`, widths.length);

  const notes = [`请在“${dataSheetName}”工作表第 ${TEMPLATE_FIRST_ROW} 行起逐行填写，每行一条；表头带“*”的列必须填写，表头文字请勿改动。`, ...(input.notes ?? [])];
  const total = widths.reduce((a, b) => a + b, 0);
  let r = 2;
  for (const note of notes) {
    const cell = ws.getCell(r, 1);
    cell.value = safeText(note);
    cell.style = { font: { name: CJK_FONT, size: 10 }, alignment: { vertical: 'top', wrapText: true } };
    ws.mergeCells(r, 1, r, widths.length);
    ws.getRow(r).height = wrappedLines(note, total) * LINE_HEIGHT + 4;
    r++;
  }
  r++; // a blank row before the table

  const headerRow = r;
  ['列名', '是否必填', '填写要求', '也可识别的表头'].forEach((text, i) => {
    const cell = ws.getCell(r, i + 1);
    cell.value = text;
    cell.style = HEADER_STYLE;
  });
  ws.getRow(r).height = 22;
  ws.pageSetup.printTitlesRow = `${headerRow}:${headerRow}`;
  for (const c of input.definition.columns) {
    r++;
    const texts = [requiredMark(c) + c.label, c.required ? '必填' : '选填', describeColumn(c, optionsOf(c)), (c.synonyms ?? []).join('、')];
    texts.forEach((text, i) => {
      const cell = ws.getCell(r, i + 1);
      cell.value = safeText(text);
      cell.style = i === 1 ? { ...BODY_STYLE, alignment: { vertical: 'top', horizontal: 'center' } } : BODY_STYLE;
    });
    ws.getRow(r).height = Math.max(...texts.map((t, i) => wrappedLines(t, widths[i]!))) * LINE_HEIGHT + 4;
  }
  ws.views = [{ state: 'frozen', xSplit: 0, ySplit: headerRow }];
}
