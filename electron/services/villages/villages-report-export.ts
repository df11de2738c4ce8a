import { deliverExport } from '../files/deliver-export';
import { writeTableWorkbook, tableSheet } from '../../excel/write-table';
import { fileStamp } from '../../core/exports';
import type { ExportedFile } from '../../../shared/api/files';
import type { BandMover, IncomeBandReport } from '../../../shared/api/villages';
import { formatAmount, FEN_PER_WAN } from '../../../shared/domain/money';
import type { ServiceContext } from '../context';
import { DomainError } from '../errors';
import { readSetting } from '../settings/settings-store';
import { localDateTime } from '../audit-log/audit-export';
import { bandMovers, incomeBandReport } from './villages-reports';

type Row = IncomeBandReport['streets'][number] & { streetName: string };

const wan = (fen: number) => Number(formatAmount(fen, FEN_PER_WAN));

/**
 * 村集体经营性收入分档统计 as a workbook: sheet 1 per street and band with a 合计 row, sheet 2
 * the units whose band changed since the year before ("破五进十"). The export is logged.
 */
export async function exportIncomeBandReport(ctx: ServiceContext, input: Parameters<typeof incomeBandReport>[1]): Promise<ExportedFile> {
  if (!ctx.session) throw new DomainError('UNAUTHENTICATED', '请先登录');
  const report = await incomeBandReport(ctx, input);
  const movers = await bandMovers(ctx, input);
  const district = await readSetting(ctx.db, 'district');
  const place = district ? district.fullName.replace(/\s+/g, '') : '';
  const now = ctx.now();
  const bandColumns = report.bands.map((band) => ({
    header: `${band.label}（${band.range}）`,
    width: 18,
    type: 'number' as const,
    value: (row: Row) => row.counts[band.key],
  }));
  const rows: Row[] = [...report.streets, { ...report.totals, streetId: 0, streetCode: '', streetName: '合计' }];
  const bytes = await writeTableWorkbook({
    creator: `${ctx.actor.name}（${ctx.actor.username}）`,
    sheets: [
      tableSheet<Row>({
        sheetName: '分档统计',
        title: `${place}${report.year}年村集体经营性收入分档统计`,
        notes: [`单位：个\u3000\u3000导出时间 ${localDateTime(now)}`],
        columns: [
          { header: '街道（镇）', width: 18, value: (r) => r.streetName },
          ...bandColumns,
          { header: '未填报', width: 10, type: 'number', value: (r) => r.unreported },
          { header: '合计', width: 10, type: 'number', value: (r) => r.total },
          { header: '达标及以上', width: 12, type: 'number', value: (r) => r.standardOrAbove },
        ],
        rows,
        orientation: 'landscape',
      }),
      tableSheet<BandMover>({
        sheetName: '档次变化',
        title: `${place}${movers.previousYear}—${movers.year}年村集体经营性收入档次变化`,
        notes: [
          `可比村（两年均填报）${movers.summary.comparable} 个；上升 ${movers.summary.up} 个，下降 ${movers.summary.down} 个；新进入达标 ${movers.summary.reachedStandard} 个，跌出达标 ${movers.summary.fellBelowStandard} 个`,
        ],
        columns: [
          { header: '街道（镇）', width: 16, value: (m) => m.streetName },
          { header: '村（社区）', width: 18, value: (m) => m.name },
          { header: '代码', width: 15, value: (m) => m.code },
          { header: `${movers.previousYear}年收入（万元）`, width: 16, type: 'number', value: (m) => wan(m.fromIncomeFen) },
          { header: `${movers.previousYear}年档次`, width: 14, value: (m) => m.fromLabel },
          { header: `${movers.year}年收入（万元）`, width: 16, type: 'number', value: (m) => wan(m.toIncomeFen) },
          { header: `${movers.year}年档次`, width: 14, value: (m) => m.toLabel },
          { header: '变化', width: 8, value: (m) => (m.direction === 'up' ? '上升' : '下降') },
        ],
        rows: movers.movers,
        orientation: 'landscape',
      }),
    ],
  });
  const fileName = `${district?.name ?? ''}${report.year}年村集体经营性收入分档统计_${fileStamp(now)}.xlsx`;
  return deliverExport(ctx, { fileName, bytes }, { entity: 'village_year', after: { year: report.year, streets: report.streets.length, movers: movers.movers.length } });
}
