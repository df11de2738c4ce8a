import { z } from 'zod';
import { mutation, query } from './define';
import { ExportedFile } from './files';
import { EDITORS, EVERYONE } from '../domain/roles';
import { READ_LIMIT_FILE_BYTES } from '../domain/parse/limits';

/**
 * The import wizard's API, one for every record type (村情档案 now; 经费 disbursements, 后备人才
 * later): choose file → choose sheet → header found → columns mapped (re-mappable, remembered
 * per header layout) → preview with each row's problems → commit in one transaction → summary
 * and a workbook of the rejected rows. The file is read once (imports.open) and held in the main
 * process for this session; every later step names it by importId and is recomputed there from
 * the same pure functions, so the commit writes exactly what the preview showed — or refuses
 * when the data changed meanwhile.
 */

/**
 * Which record type: a key of some module's `importKinds` (its module.ts; all of them in
 * ./import-kinds.ts). Checked against that list by the engine, which says so in Chinese.
 */
const kind = z.string({ error: '不支持导入这类数据' }).regex(/^[a-z][a-z0-9_-]{0,39}$/, '不支持导入这类数据');
const importId = z.string({ error: '缺少导入标识' }).regex(/^[A-Za-z0-9_-]{16,64}$/, '导入标识不正确');

/** A file as the renderer read it (<input type=file> in the window and in a browser alike). */
const MAX_BASE64_CHARS = Math.ceil(READ_LIMIT_FILE_BYTES / 3) * 4 + 4;
export const OpenImportInput = z.object({
  kind,
  fileName: z.string({ error: '缺少文件名' }).trim().min(1, '缺少文件名').max(255, '文件名过长'),
  contentBase64: z
    .string({ error: '缺少文件内容' })
    .max(MAX_BASE64_CHARS, `文件超过 ${Math.round(READ_LIMIT_FILE_BYTES / 1024 / 1024)} MB，请拆分后再导入`)
    .regex(/^[A-Za-z0-9+/]*={0,2}$/, '文件内容不正确'),
});

export const ImportSheet = z.object({
  index: z.number(),
  name: z.string(),
  hidden: z.boolean(),
  /** rows read (after trailing empty rows were dropped) */
  rowCount: z.number(),
  /** why this sheet cannot be imported (too large), else null */
  problem: z.string().nullable(),
  /** how many of the record's columns its best header row matched (0: probably not this sheet) */
  matchedColumns: z.number(),
});
export type ImportSheet = z.infer<typeof ImportSheet>;

export const OpenedImport = z.object({
  importId: z.string(),
  kind,
  fileName: z.string(),
  /** 'xlsx' | 'xls' | 'csv' … */
  format: z.string(),
  /** CSV only: how the text was decoded, in Chinese ('UTF-8', 'GBK') */
  encoding: z.string().nullable(),
  sheets: z.array(ImportSheet),
  /** the sheet the wizard proposes: the visible one whose header fits best */
  suggestedSheet: z.number(),
  /** UTC ISO-8601: the file is forgotten after this (or at logout) */
  expiresAt: z.string(),
});
export type OpenedImport = z.infer<typeof OpenedImport>;

/**
 * What the wizard asks besides the file (a 年度, a 经费项目 …): each record type's own, parsed
 * by the engine with the options schema its module declares (ImportKindDef.options).
 */
/** The option most record types take: the year the rows belong to (null: not chosen yet). */
export const importYearOption = z.number({ error: '请选择年度' }).int('年度应为整数').min(1949, '年度不正确').max(2100, '年度不正确').nullable().default(null);

export const ImportOptions = z.record(z.string(), z.unknown(), { error: '导入选项不正确' }).default({});
export type ImportOptions = z.input<typeof ImportOptions>;

export const PreviewImportInput = z.object({
  importId,
  sheetIndex: z.number({ error: '请选择工作表' }).int().min(0, '请选择工作表'),
  /** 0-based; null finds it */
  headerRow: z.number().int().min(0, '表头行不正确').nullable().default(null),
  /** the field of each column (null: ignore the column); null: mapped by header text or as remembered */
  fields: z.array(z.string().max(60).nullable()).max(1024).nullable().default(null),
  options: ImportOptions,
});
export type PreviewImportInput = z.input<typeof PreviewImportInput>;

export const ROW_STATUSES = ['create', 'update', 'unchanged', 'rejected'] as const;
export type RowStatus = (typeof ROW_STATUSES)[number];
export const ROW_STATUS_LABELS: Record<RowStatus, string> = { create: '新增', update: '更新', unchanged: '无变化', rejected: '有问题' };

export const PreviewColumn = z.object({
  index: z.number(),
  header: z.string(),
  field: z.string().nullable(),
  /** how the field was chosen: label / synonym / contains / remembered / manual */
  how: z.string().nullable(),
  /** money columns: 元 or 万元 */
  unit: z.string().nullable(),
  /** other fields the header could mean (ambiguous headers) */
  alternatives: z.array(z.string()),
});

export const PreviewRow = z.object({
  /** the row as Excel numbers it */
  row: z.number(),
  status: z.enum(ROW_STATUSES),
  /** which record it is, as the clerk knows it ('大观园街道 纬一路社区'), when found or named */
  target: z.string().nullable(),
  /** the cell of every column as shown in the file (same order as columns) */
  cells: z.array(z.string()),
  problems: z.array(z.object({ column: z.number().nullable(), message: z.string() })),
  /** what will change, in Chinese ('党员总数 52 → 56'), or other remarks */
  notes: z.array(z.string()),
});
export type PreviewRow = z.infer<typeof PreviewRow>;

export const ImportCounts = z.object({
  /** data rows (blank, 小计, 合计 and footer rows not counted) */
  rows: z.number(),
  create: z.number(),
  update: z.number(),
  unchanged: z.number(),
  rejected: z.number(),
  blank: z.number(),
  subtotal: z.number(),
});
export type ImportCounts = z.infer<typeof ImportCounts>;

export const ImportPreview = z.object({
  importId: z.string(),
  sheetIndex: z.number(),
  headerRow: z.number(),
  headerRows: z.number(),
  dataStart: z.number(),
  titleLines: z.array(z.string()),
  columns: z.array(PreviewColumn),
  /** required fields no column is mapped to (labels) */
  missingRequired: z.array(z.string()),
  /** the mapping came from an earlier import of the same header layout */
  remembered: z.boolean(),
  counts: ImportCounts,
  /** the trailing 合计 row against the sum of the rows, per column */
  totals: z.array(z.object({ header: z.string(), stated: z.string(), summed: z.string(), matches: z.boolean() })),
  /** the 合计 row, as Excel numbers it, or null */
  totalRow: z.number().nullable(),
  /** rows in file order; at most PREVIEW_ROW_LIMIT, rows with problems always included */
  rows: z.array(PreviewRow),
  rowsOmitted: z.number(),
  /** remarks on the whole file ('年度数据写入 2025 年') */
  notes: z.array(z.string()),
  /** why nothing can be imported yet (e.g. a required column is not mapped); empty when it can */
  blockers: z.array(z.string()),
  /** identifies exactly what this preview would write (every row's outcome, target, notes and values); the commit passes it back */
  plan: z.string(),
});
export type ImportPreview = z.infer<typeof ImportPreview>;

export const PREVIEW_ROW_LIMIT = 2000;

export const CommitImportInput = z.object({
  ...PreviewImportInput.shape,
  /** what the preview showed; the commit refuses if the data changed meanwhile */
  expect: z.object({
    create: z.number().int().min(0),
    update: z.number().int().min(0),
    rejected: z.number().int().min(0),
    /** ImportPreview.plan: the commit writes exactly what was previewed, or nothing */
    plan: z.string({ error: '缺少预览标识，请重新预览' }).regex(/^[0-9a-f]{64}$/, '预览标识不正确，请重新预览'),
  }),
  /** the clerk saw that the 合计 row does not match and imports anyway */
  acceptTotalMismatch: z.boolean().default(false),
});
export type CommitImportInput = z.input<typeof CommitImportInput>;

export const ImportSummary = z.object({
  created: z.number(),
  updated: z.number(),
  unchanged: z.number(),
  rejected: z.number(),
  /** the backup made just before writing (恢复 it to undo the import), or null when nothing was written */
  backupName: z.string().nullable(),
  /** the rejected rows with a 错误原因 column, when there are any */
  rejectedFile: ExportedFile.nullable(),
});
export type ImportSummary = z.infer<typeof ImportSummary>;

export const importsApi = {
  template: mutation('下载导入模板（表头、下拉选项、填写说明）', EVERYONE, z.object({ kind }), ExportedFile),
  open: mutation('打开要导入的 Excel/CSV 文件（只读取，不写入）', EDITORS, OpenImportInput, OpenedImport),
  preview: query('导入预览：表头、列对应关系和每一行的问题（不写入）', EDITORS, PreviewImportInput, ImportPreview),
  exportProblems: mutation('下载有问题的行（附“错误原因”列）', EDITORS, PreviewImportInput, ExportedFile),
  commit: mutation('确认导入：无问题的行在一个事务中写入（导入前自动备份）', EDITORS, CommitImportInput, ImportSummary),
  close: mutation('放弃导入，释放已读取的文件', EDITORS, z.object({ importId }), z.object({ done: z.literal(true) })),
};
