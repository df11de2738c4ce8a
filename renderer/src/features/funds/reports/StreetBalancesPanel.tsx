import { Box, Paper, Typography } from '@mui/material';
import type { Balance } from '../../../../../shared/api/funds/records';
import { useApiQuery } from '../../../components/apiQueries';
import { ReportTable, type ReportColumn } from '../../../components/ReportTable';
import { EmptyState, ErrorState, LoadingState } from '../../../components/States';
import { balanceColumns } from './balanceColumns';
import { RateBarChart } from './FundCharts';

/** A street, the persons' line (no street, no count) or the 合计. */
type Line = { key: string | number; label: string; code?: string; recipients: number | ''; balance: Balance };

const COLUMNS: ReportColumn<Line>[] = [
  {
    key: 'street',
    header: '街道（镇）',
    nowrap: true,
    cell: (l) => (
      <Box component="span" title={l.code}>
        {l.label}
      </Box>
    ),
    total: (l) => l.label,
  },
  { key: 'recipients', header: '拨付对象', headerTitle: '街道本身及其有分配的村、社区', numeric: true, cell: (l) => l.recipients, total: (l) => l.recipients },
  ...balanceColumns<Line>(),
];

/**
 * 按街道: each street with its 村/社区 (what reached the street as a whole), the allocations to
 * persons on their own row, the 合计, and 拨付率 per street as a chart.
 */
export function StreetBalancesPanel({ year }: { year: number }) {
  const report = useApiQuery('funds.streetBalances', { year });
  if (report.isPending) return <LoadingState />;
  if (report.isError) return <ErrorState error={report.error} onRetry={() => void report.refetch()} />;
  const r = report.data;
  if (r.total.allocatedFen === 0 && r.total.pendingFen === 0) return <EmptyState title={`${year}年还没有分配给任何街道或个人`} hint="在“经费项目”中分配后，这里按街道汇总分配和拨付" />;
  const hasPersons = r.persons.allocatedFen !== 0 || r.persons.paidFen !== 0 || r.persons.pendingFen !== 0;
  return (
    // the chart beside the table where the window is wide enough, under it otherwise
    <Box sx={{ display: 'grid', gap: 2, alignItems: 'start', gridTemplateColumns: { xs: 'minmax(0, 1fr)', xl: 'minmax(0, 1fr) 380px' } }}>
      <Paper variant="outlined" sx={{ p: 2, minWidth: 0 }}>
        <Typography variant="subtitle2" component="h3" gutterBottom>
          {year}年各街道（含所属村、社区）分配和拨付（单位：元）
        </Typography>
        <ReportTable
          label={`${year}年各街道的分配和拨付`}
          columns={COLUMNS}
          rows={[
            ...r.rows.map((s) => ({ key: s.streetId, label: s.streetName, code: s.code, recipients: s.recipients, balance: s.balance })),
            ...(hasPersons ? [{ key: 'persons', label: '个人（书记津贴等）', recipients: '' as const, balance: r.persons }] : []),
          ]}
          rowKey={(l) => l.key}
          rowProps={() => ({ hover: true })}
          // persons are not counted per street; a count without them would read as the whole
          total={{ key: 'total', label: '合计', recipients: hasPersons ? '' : r.rows.reduce((n, s) => n + s.recipients, 0), balance: r.total }}
          outlined={false}
        />
      </Paper>
      <Paper variant="outlined" sx={{ p: 2, minWidth: 0 }}>
        <Typography variant="subtitle2" component="h3" gutterBottom>
          各街道拨付率
        </Typography>
        <RateBarChart
          title={`${year}年各街道拨付率`}
          rows={[
            ...r.rows.map((s) => ({ key: s.streetId, label: s.streetName, rateBp: s.balance.rateBp })),
            ...(hasPersons ? [{ key: 'persons', label: '个人', rateBp: r.persons.rateBp }] : []),
            { key: 'total', label: '合计', rateBp: r.total.rateBp },
          ]}
        />
      </Paper>
    </Box>
  );
}
