import { Paper, Stack, Table, TableBody, TableCell, TableContainer, TableHead, TableRow, Typography } from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import type { SummaryGroup, YearSummary } from '../../../../../shared/api/funds/reports';
import { formatYuan } from '../../../../../shared/domain/money';
import { api } from '../../../api/client';
import { EmptyState, ErrorState, LoadingState } from '../../../components/States';
import { useExportButton } from './ExportButton';
import { BudgetBarChart } from './FundCharts';
import { formatRate } from './fundFormat';
import { BalanceCells, BalanceHeaderCells, MoneyCell, NUMBER_SX, TOTAL_ROW_SX } from './MoneyCells';
import { SummaryCard, SummaryCardRow } from './SummaryCards';

/**
 * 年度汇总: the year's money at a glance — the totals, what is overdue, and the same money by
 * 资金类别 and by 资金来源层级 (a chart of 预算 / 已分配 / 已拨付 and the table with its 合计).
 * `onShowOverdue` switches the page to the 逾期未拨付 tab.
 */
export function YearSummaryPanel({ year, onShowOverdue }: { year: number; onShowOverdue?: () => void }) {
  const summary = useQuery({ queryKey: ['funds.yearSummary', year], queryFn: () => api.funds.yearSummary({ year }) });
  const exporter = useExportButton(() => api.funds.exportYearSummary({ year }));

  if (summary.isPending) return <LoadingState />;
  if (summary.isError) return <ErrorState error={summary.error} onRetry={() => void summary.refetch()} />;
  const s = summary.data;
  if (s.programmes === 0) return <EmptyState title={`${year}年还没有经费项目`} hint="在“经费项目”中新建项目并分配后，这里按资金类别和来源层级汇总" />;
  const b = s.balance;
  return (
    <Stack spacing={2}>
      <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
        <Typography variant="subtitle1" component="h3" sx={{ flex: 1 }}>
          {year}年经费汇总（{s.programmes} 个项目，单位：元）
        </Typography>
        {exporter.button}
      </Stack>
      {exporter.feedback}
      <SummaryCardRow>
        <SummaryCard label="预算" value={formatYuan(s.budgetFen)} detail={`未分配 ${formatYuan(s.budgetFen - b.allocatedFen)}`} />
        <SummaryCard label="已分配" value={formatYuan(b.allocatedFen)} />
        <SummaryCard label="已拨付" value={formatYuan(b.paidFen)} detail={b.pendingFen > 0 ? `另有待审核/在途 ${formatYuan(b.pendingFen)}` : undefined} />
        <SummaryCard label="未拨付" value={formatYuan(b.unpaidFen)} />
        <SummaryCard label="拨付率" value={formatRate(b.rateBp)} detail="已拨付 ÷ 已分配" />
        <SummaryCard
          label="逾期未拨付"
          value={`${s.overdue.allocations} 笔`}
          detail={s.overdue.allocations > 0 ? `未拨付 ${formatYuan(s.overdue.unpaidFen)}${onShowOverdue ? ' · 查看' : ''}` : '没有逾期'}
          tone={s.overdue.allocations > 0 ? 'warning' : undefined}
          onClick={s.overdue.allocations > 0 ? onShowOverdue : undefined}
        />
      </SummaryCardRow>
      <Stack direction="row" spacing={2} sx={{ alignItems: 'stretch' }}>
        <Paper variant="outlined" sx={{ p: 2, flex: 1, minWidth: 0 }}>
          <Typography variant="subtitle2" component="h4" gutterBottom>
            按资金类别
          </Typography>
          <BudgetBarChart title={`${year}年各资金类别的预算、分配和拨付`} groups={chartGroups(s.byCategory)} />
        </Paper>
        <Paper variant="outlined" sx={{ p: 2, flex: 1, minWidth: 0 }}>
          <Typography variant="subtitle2" component="h4" gutterBottom>
            按资金来源层级
          </Typography>
          <BudgetBarChart title={`${year}年各资金来源层级的预算、分配和拨付`} groups={chartGroups(s.bySourceLevel)} />
        </Paper>
      </Stack>
      <GroupTable title="按资金类别" groupHeader="资金类别" groups={s.byCategory} summary={s} />
      <GroupTable title="按资金来源层级" groupHeader="资金来源层级" groups={s.bySourceLevel} summary={s} />
    </Stack>
  );
}

const chartGroups = (groups: readonly SummaryGroup[]) =>
  groups.map((g) => ({ key: g.value, label: g.label, budgetFen: g.budgetFen, allocatedFen: g.balance.allocatedFen, paidFen: g.balance.paidFen }));

function GroupTable({ title, groupHeader, groups, summary }: { title: string; groupHeader: string; groups: readonly SummaryGroup[]; summary: YearSummary }) {
  return (
    <Paper variant="outlined" sx={{ p: 2 }}>
      <Typography variant="subtitle2" component="h4" gutterBottom>
        {title}汇总
      </Typography>
      <TableContainer>
        {/* fixed layout: both tables' columns line up, one under the other */}
        <Table size="small" aria-label={`${summary.year}年经费汇总${title}`} sx={{ tableLayout: 'fixed', minWidth: 900 }}>
          <TableHead>
            <TableRow>
              <TableCell sx={{ width: '26%' }}>{groupHeader}</TableCell>
              <TableCell align="right" sx={{ width: '7%' }}>
                项目数
              </TableCell>
              <TableCell align="right">预算</TableCell>
              <BalanceHeaderCells />
            </TableRow>
          </TableHead>
          <TableBody>
            {groups.map((g) => (
              <TableRow key={g.value}>
                <TableCell>{g.label}</TableCell>
                <TableCell sx={NUMBER_SX}>{g.programmes}</TableCell>
                <MoneyCell fen={g.budgetFen} />
                <BalanceCells balance={g.balance} />
              </TableRow>
            ))}
            <TableRow sx={TOTAL_ROW_SX}>
              <TableCell>合计</TableCell>
              <TableCell sx={NUMBER_SX}>{summary.programmes}</TableCell>
              <MoneyCell fen={summary.budgetFen} />
              <BalanceCells balance={summary.balance} />
            </TableRow>
          </TableBody>
        </Table>
      </TableContainer>
    </Paper>
  );
}
