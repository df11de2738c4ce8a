import { deliverExport } from '../files/deliver-export';
import type { z } from 'zod';
import type { ExportedFile } from '../../../shared/api/files';
import { VILLAGE_LIST_COLUMNS, type VillageListColumn } from '../../../shared/api/villages/list-columns';
import type { villagesApi, VillageListRow } from '../../../shared/api/villages';
import { fileStamp } from '../../core/exports';
import { tableSheet, writeTableWorkbook, type TableColumn } from '../../excel/write-table';
import { localDateTime } from '../audit-log/audit-export';
import type { ServiceContext } from '../context';
import { DomainError } from '../errors';
import { readSetting } from '../settings/settings-store';
import { listVillages } from './villages-query';

type Input = z.output<(typeof villagesApi)['exportList']['input']>;
const PAGE = 500;
export const VILLAGE_EXPORT_MAX_ROWS = 20_000;

/**
 * The 村情档案 list as the clerk sees it — same filter, same columns in the same order — as a
 * styled workbook: title with the district and year, the filter and date, bold frozen header,
 * 元 with thousands separators, A4 landscape with the header repeated. The export is logged.
 */
export async function exportVillageList(ctx: ServiceContext, input: Input): Promise<ExportedFile> {
  if (!ctx.session) throw new DomainError('UNAUTHENTICATED', '请先登录');
  const first = await listVillages(ctx, { ...input.filter, page: 0, pageSize: PAGE });
  if (first.total > VILLAGE_EXPORT_MAX_ROWS) {
    throw new DomainError('VALIDATION', `符合条件的村（社区）有 ${first.total} 个，超过单次导出上限 ${VILLAGE_EXPORT_MAX_ROWS} 个，请按街道分次导出`);
  }
  const { year } = first;
  const rows: VillageListRow[] = [...first.rows];
  for (let page = 1; rows.length < first.total; page++) {
    const next = await listVillages(ctx, { ...input.filter, page, pageSize: PAGE });
    if (next.rows.length === 0) break;
    rows.push(...next.rows);
  }
  const labels = await dictionaryLabels(ctx);
  const chosen = input.columns.map((field) => VILLAGE_LIST_COLUMNS.find((c) => c.field === field)!);
  const district = await readSetting(ctx.db, 'district');
  const place = district ? district.fullName.replace(/\s+/g, '') : '';
  const now = ctx.now();
  const bytes = await writeTableWorkbook({
    creator: `${ctx.actor.name}（${ctx.actor.username}）`,
    sheets: [
      tableSheet<VillageListRow>({
        sheetName: '村情档案',
        title: `${place}村情档案（${year}年度）`,
        notes: [`共 ${rows.length} 个村（社区）\u3000导出时间 ${localDateTime(now)}\u3000导出人 ${ctx.actor.name}`],
        columns: chosen.map((c) => toTableColumn(c, labels)),
        rows,
        orientation: 'landscape',
      }),
    ],
  });
  const fileName = `${district?.name ?? ''}村情档案_${year}年_${fileStamp(now)}.xlsx`;
  return deliverExport(ctx, { fileName, bytes }, { entity: 'village_profile', after: { rows: rows.length, year, columns: input.columns } });
}

function toTableColumn(c: VillageListColumn, labels: Map<string, Map<string, string>>): TableColumn<VillageListRow> {
  const width = Math.max(6, Math.round(c.width / 8));
  const raw = (row: VillageListRow) => row[c.field] as unknown;
  if (c.kind === 'yuan') return { header: c.label, width, type: 'yuan', value: (row) => raw(row) as number | null };
  if (c.kind === 'count') return { header: c.label, width, type: 'number', value: (row) => raw(row) as number | null };
  if (c.kind === 'flag') return { header: c.label, width, align: 'center', value: (row) => (raw(row) ? '是' : '') };
  if (c.kind === 'text') return { header: c.label, width, value: (row) => raw(row) as string | null };
  const dictionary = labels.get(c.kind.dictionary);
  return { header: c.label, width, value: (row) => (raw(row) ? (dictionary?.get(String(raw(row))) ?? '') : '') };
}

async function dictionaryLabels(ctx: ServiceContext): Promise<Map<string, Map<string, string>>> {
  const items = await ctx.db.selectFrom('dict_items').select(['dict', 'value', 'label']).execute();
  const byDictionary = new Map<string, Map<string, string>>();
  for (const item of items) {
    if (!byDictionary.has(item.dict)) byDictionary.set(item.dict, new Map());
    byDictionary.get(item.dict)!.set(item.value, item.label);
  }
  return byDictionary;
}
