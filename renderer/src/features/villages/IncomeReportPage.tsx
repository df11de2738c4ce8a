import { useState } from 'react';
import { Button, Paper, Stack, Typography } from '@mui/material';
import ArrowBackOutlined from '@mui/icons-material/ArrowBackOutlined';
import { useNavigate } from 'react-router';
import type { BandCountRow, BandMover, IncomeBandReport } from '../../../../shared/api/villages';
import { formatAmount, FEN_PER_WAN } from '../../../../shared/domain/money';
import { api } from '../../api/client';
import { useApiQuery } from '../../components/apiQueries';
import { useExportButton } from '../../components/ExportButton';
import { ReportTable, type ReportColumn } from '../../components/ReportTable';
import { EmptyState, ErrorState, LoadingState } from '../../components/States';
import { useWorkingYear, YearSelect } from '../../components/YearSelect';
import { IncomeBandChart } from './IncomeBandChart';

const wan = (fen: number) => `${formatAmount(fen, FEN_PER_WAN)}万`;

/** 村集体经营性收入分档统计 by street for a year, with the chart and the movers since last year ("破五进十"). */
export function IncomeReportPage() {
  const navigate = useNavigate();
  const workingYear = useWorkingYear();
  const [chosenYear, setYear] = useState<number | null>(null);
  const year = chosenYear ?? workingYear;
  const report = useApiQuery('villages.incomeBandReport', { year });
  const movers = useApiQuery('villages.bandMovers', { year });
  const exporter = useExportButton(() => api.villages.exportBandReport({ year }));

  if (report.isPending || movers.isPending) return <LoadingState />;
  if (report.isError) return <ErrorState error={report.error} onRetry={() => void report.refetch()} />;
  if (movers.isError) return <ErrorState error={movers.error} onRetry={() => void movers.refetch()} />;
  const r = report.data;
  const m = movers.data;
  return (
    <Stack spacing={2}>
      <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
        <Button startIcon={<ArrowBackOutlined />} onClick={() => navigate('/villages')}>
          村情档案
        </Button>
        <Typography variant="h6" component="h2" sx={{ flex: 1 }}>
          村集体经营性收入分档统计
        </Typography>
        <YearSelect value={year} onChange={setYear} />
        {exporter.button}
      </Stack>
      {exporter.feedback}
      <Stack direction="row" spacing={2} sx={{ alignItems: 'stretch' }}>
        <Paper variant="outlined" sx={{ p: 2, flex: 1, minWidth: 0 }}>
          <Typography variant="subtitle1" component="h3" gutterBottom>
            {r.year}年各街道分档（个）
          </Typography>
          <ReportTable label="各街道分档统计" columns={bandColumns(r)} rows={r.streets} rowKey={(st) => st.streetId} total={{ ...r.totals, streetName: '合计' }} outlined={false} />
        </Paper>
        <Paper variant="outlined" sx={{ p: 2, width: 420, flexShrink: 0 }}>
          <Typography variant="subtitle1" component="h3" gutterBottom>
            分档图
          </Typography>
          {r.totals.total === r.totals.unreported ? <EmptyState title={`${r.year}年还没有填报收入`} hint="在村情档案的“年度数据”中填写后即可统计" /> : <IncomeBandChart report={r} />}
        </Paper>
      </Stack>
      <Paper variant="outlined" sx={{ p: 2 }}>
        <Typography variant="subtitle1" component="h3">
          {m.previousYear}—{m.year}年档次变化（“破五进十”进展）
        </Typography>
        <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
          两年均填报的村 {m.summary.comparable} 个：上升 {m.summary.up} 个，下降 {m.summary.down} 个；新进入达标 {m.summary.reachedStandard} 个，跌出达标 {m.summary.fellBelowStandard} 个；达标及以上由 {m.summary.standardOrAbovePrevious} 个变为 {m.summary.standardOrAbove} 个。
        </Typography>
        {m.movers.length === 0 ? (
          <EmptyState title="没有档次变化的村" />
        ) : (
          <ReportTable
            label="档次变化的村"
            columns={moverColumns(m.previousYear, m.year)}
            rows={m.movers}
            rowKey={(v) => v.unitId}
            rowProps={(v) => ({ hover: true, sx: { cursor: 'pointer' }, onClick: () => navigate(`/villages/${v.unitId}`) })}
            outlined={false}
            maxHeight="none"
          />
        )}
      </Paper>
    </Stack>
  );
}

type BandRow = BandCountRow & { streetName: string };

/** 街道（镇）, each band, 未填报, 合计, 达标及以上; the 合计 row adds up the streets. */
function bandColumns(r: IncomeBandReport): ReportColumn<BandRow>[] {
  const column = (key: string, header: string, of: (s: BandRow) => number | string, extra: Partial<ReportColumn<BandRow>> = {}): ReportColumn<BandRow> => ({
    key,
    header,
    numeric: true,
    cell: of,
    total: of,
    ...extra,
  });
  return [
    column('street', '街道（镇）', (s) => s.streetName, { numeric: false }),
    ...r.bands.map((b) => column(b.key, b.label, (s) => s.counts[b.key], { headerTitle: b.range })),
    column('unreported', '未填报', (s) => s.unreported),
    column('total', '合计', (s) => s.total),
    column('standardOrAbove', '达标及以上', (s) => s.standardOrAbove),
  ];
}

/** A unit whose band changed: where it was and is, with the income in 万元. */
function moverColumns(previousYear: number, year: number): ReportColumn<BandMover>[] {
  return [
    { key: 'street', header: '街道（镇）', cell: (v) => v.streetName },
    { key: 'name', header: '村（社区）', cell: (v) => v.name },
    { key: 'from', header: `${previousYear}年`, cell: (v) => `${v.fromLabel}（${wan(v.fromIncomeFen)}）` },
    { key: 'to', header: `${year}年`, cell: (v) => `${v.toLabel}（${wan(v.toIncomeFen)}）` },
    { key: 'direction', header: '变化', cell: (v) => <Typography component="span" variant="body2" sx={{ color: v.direction === 'up' ? 'success.main' : 'error.main' }}>{v.direction === 'up' ? '上升' : '下降'}</Typography> },
  ];
}
