import { createHash } from 'node:crypto';
import { PREVIEW_ROW_LIMIT, type ImportCounts, type ImportPreview, type PreviewImportInput, type PreviewRow } from '../../../shared/api/imports';
import { cellForMessage, type CellValue } from '../../../shared/domain/parse/cells';
import { detectHeader, fillMerges, findDataRange, type DataRange, type HeaderDetection } from '../../../shared/domain/parse/header';
import { headerFingerprint, mapColumns, remapColumn, type ColumnMapping } from '../../../shared/domain/parse/mapping';
import { checkTotals, parseRecords, type ParsedRecord, type TotalCheck } from '../../../shared/domain/parse/records';
import type { SheetData } from '../../excel/read';
import type { OpenImport } from '../../core/open-imports';
import type { Db, ServiceContext } from '../context';
import { DomainError } from '../errors';
import type { Importer, RowPlan } from './importer';
import { importerFor, parseImportOptions } from './importers';
import { loadRememberedMapping } from './remembered-mappings';
import type { z } from 'zod';

/**
 * One sheet of an opened file, through the engine: header → mapping (the clerk's, else the one
 * remembered for this layout, else by header text) → rows parsed → 合计 checked → rows planned
 * by the record type's importer. Preview, problem export and commit all call this, so what the
 * clerk saw is what is written.
 */

type Input = z.output<typeof PreviewImportInput>;

export interface Analysis {
  file: OpenImport;
  importer: Importer<unknown, unknown>;
  sheet: SheetData;
  header: HeaderDetection;
  mapping: ColumnMapping;
  remembered: boolean;
  range: DataRange;
  /** the sheet's rows with merged cells filled down (as the rows were parsed) */
  rows: ReadonlyArray<readonly CellValue[]>;
  records: ParsedRecord[];
  totals: TotalCheck[];
  plans: RowPlan<unknown>[];
  blockers: string[];
  notes: string[];
  /** the kind's own options, as its module's schema parsed them */
  options: unknown;
}

/** The parts that need no database: which sheet, header, mapping, parsed rows. */
export async function parseSheet(ctx: ServiceContext, db: Db, input: Input) {
  const file = ctx.imports.get(input.importId, ctx.session?.token);
  const importer = importerFor(ctx, file.kind);
  const definition = importer.definition;
  const sheet = file.book.sheets[input.sheetIndex];
  if (!sheet) throw new DomainError('VALIDATION', '文件中没有这个工作表，请重新选择', { sheetIndex: '文件中没有这个工作表' });
  if (sheet.problem) throw new DomainError('VALIDATION', `工作表“${sheet.name}”不能导入：${sheet.problem}`, { sheetIndex: sheet.problem });
  if (sheet.rows.length === 0) throw new DomainError('VALIDATION', `工作表“${sheet.name}”是空的，请选择其他工作表`, { sheetIndex: '工作表是空的' });
  const header = detectHeader(sheet.rows, sheet.merges, definition, { headerRow: input.headerRow });
  if (!header) {
    const message =
      input.headerRow === null ? `在工作表“${sheet.name}”的前 30 行中找不到表头，请指定表头所在的行` : `第 ${input.headerRow + 1} 行不在工作表“${sheet.name}”中，请重新指定表头所在的行`;
    throw new DomainError('VALIDATION', message, { headerRow: message });
  }
  const remembered = await loadRememberedMapping(db, definition.key, headerFingerprint(header.labels));
  let mapping = mapColumns(definition, header.labels, { remembered, titleUnit: header.unitHint });
  if (input.fields) {
    if (input.fields.length !== header.labels.length) {
      throw new DomainError('VALIDATION', '列对应关系与表头的列数不符（表头行可能已改变），请重新核对各列', { fields: '列数不符' });
    }
    const known = new Set(definition.columns.map((c) => c.field));
    const unknown = input.fields.find((f) => f !== null && !known.has(f));
    if (unknown) throw new DomainError('VALIDATION', `没有“${unknown}”这一项，请重新选择该列对应的内容`, { fields: '未知的字段' });
    input.fields.forEach((field, index) => {
      if (mapping.columns[index]!.field !== field) mapping = remapColumn(definition, mapping, index, field, header.unitHint);
    });
  }
  const range = findDataRange(sheet.rows, header.dataStart);
  const dictionaries = await importer.dictionaries(db);
  const parseInput = { definition, mapping, rows: sheet.rows, merges: sheet.merges, range, dictionaries };
  const records = parseRecords(parseInput);
  const totals = checkTotals(parseInput, records);
  const rows = fillMerges(sheet.rows, sheet.merges, { fromRow: range.start, toRow: range.end, verticalOnly: true });
  return { file, importer, sheet, header, mapping, remembered: remembered !== null && mapping.columns.some((c) => c.how === 'remembered'), range, records, totals, rows };
}

/** imports.preview: nothing is written. */
export async function previewImport(ctx: ServiceContext, input: Input): Promise<ImportPreview> {
  return toPreview(await analyse(ctx, ctx.db, input));
}

export async function analyse(ctx: ServiceContext, db: Db, input: Input): Promise<Analysis> {
  const parsed = await parseSheet(ctx, db, input);
  return planSheet(ctx, db, parsed, parseImportOptions(parsed.importer.kind, input.options));
}

/** The database half: the importer's file check and its plan of every row. */
export async function planSheet(ctx: ServiceContext, db: Db, parsed: Awaited<ReturnType<typeof parseSheet>>, options: unknown): Promise<Analysis> {
  const { importer, mapping, records } = parsed;
  const labelOf = new Map(importer.definition.columns.map((c) => [c.field, c.label]));
  const blockers: string[] = [];
  if (mapping.missingRequired.length > 0) blockers.push(`还没有对应到必填的列：${mapping.missingRequired.map((f) => labelOf.get(f) ?? f).join('、')}。请在“核对列”中指定`);
  if (!mapping.columns.some((c) => c.field !== null)) blockers.push('没有任何一列对应到要导入的内容，请在“核对列”中指定');
  const check = await importer.checkFile(ctx, mapping, options, db);
  blockers.push(...check.blockers);
  const plans = await importer.plan(db, ctx, records, mapping, options);
  // a 合计 row that does not match is the clerk's call: shown through `totals`, accepted at commit
  return { ...parsed, totals: parsed.totals.checks, plans, blockers, notes: check.notes, options };
}

/**
 * What a set of plans would write, as one hash: every row's outcome, target, problems, notes and
 * values. The preview hands it out and the commit compares it with a fresh plan — so a change by
 * someone else that only moves a balance note (not a count) still stops the commit.
 */
export function planFingerprint(plans: ReadonlyArray<RowPlan<unknown>>): string {
  const hash = createHash('sha256');
  for (const p of plans) hash.update(JSON.stringify([p.row, p.status, p.target, p.problems.map((x) => x.message), p.notes, p.payload ?? null])).update('\n');
  return hash.digest('hex');
}

export function countPlans(a: Pick<Analysis, 'plans' | 'range'>): ImportCounts {
  const counts: ImportCounts = { rows: a.plans.length, create: 0, update: 0, unchanged: 0, rejected: 0, blank: a.range.blankRows.length, subtotal: a.range.subtotalRows.length };
  for (const p of a.plans) counts[p.status]++;
  return counts;
}

/** The cells of one row as the clerk sees them in the file. */
export function rowCells(a: Pick<Analysis, 'rows' | 'header'>, row: number): string[] {
  const cells = a.rows[row - 1] ?? [];
  return a.header.labels.map((_, c) => {
    const v = cells[c] ?? null;
    return v === null ? '' : cellForMessage(v);
  });
}

export function toPreview(a: Analysis): ImportPreview {
  const counts = countPlans(a);
  const withProblems = new Set(a.plans.filter((p) => p.status === 'rejected').map((p) => p.row));
  // every row with a problem, then the others in order, up to the limit; shown in file order
  const budget = Math.max(0, PREVIEW_ROW_LIMIT - withProblems.size);
  const shownRows = new Set<number>(withProblems);
  for (const p of a.plans) {
    if (shownRows.size >= withProblems.size + budget) break;
    shownRows.add(p.row);
  }
  const rows: PreviewRow[] = a.plans
    .filter((p) => shownRows.has(p.row))
    .map((p) => ({
      row: p.row,
      status: p.status,
      target: p.target,
      cells: rowCells(a, p.row),
      problems: p.problems.map((x) => ({ column: x.column, message: x.message })),
      notes: p.notes,
    }));
  return {
    importId: a.file.id,
    sheetIndex: a.file.book.sheets.indexOf(a.sheet),
    headerRow: a.header.headerRow,
    headerRows: a.header.headerRows,
    dataStart: a.header.dataStart,
    titleLines: a.header.titleLines,
    columns: a.mapping.columns.map((c) => ({ index: c.index, header: c.header, field: c.field, how: c.how, unit: c.unit, alternatives: c.alternatives })),
    missingRequired: a.mapping.missingRequired.map((f) => a.importer.definition.columns.find((c) => c.field === f)?.label ?? f),
    remembered: a.remembered,
    counts,
    totals: a.totals.map((t) => ({ header: t.header, stated: t.stated, summed: t.summed, matches: t.matches })),
    totalRow: a.range.totalRow === null ? null : a.range.totalRow + 1,
    rows,
    rowsOmitted: a.plans.length - rows.length,
    notes: a.notes,
    blockers: a.blockers,
    plan: planFingerprint(a.plans),
  };
}
