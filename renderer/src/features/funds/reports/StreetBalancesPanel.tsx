import { Box, Paper, Table, TableBody, TableCell, TableContainer, TableHead, TableRow, Typography } from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../../api/client';
import { EmptyState, ErrorState, LoadingState } from '../../../components/States';
import { RateBarChart } from './FundCharts';
import { BalanceCells, BalanceHeaderCells, NUMBER_SX, TOTAL_ROW_SX } from './MoneyCells';

/**
 * 按街道: each street with its 村/社区 (what reached the street as a whole), the allocations to
 * persons on their own row, the 合计, and 拨付率 per street as a chart.
 */
export function StreetBalancesPanel({ year }: { year: number }) {
  const report = useQuery({ queryKey: ['funds.streetBalances', year], queryFn: () => api.funds.streetBalances({ year }) });
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
        <TableContainer>
          <Table size="small" aria-label={`${year}年各街道的分配和拨付`}>
            <TableHead>
              <TableRow>
                <TableCell>街道（镇）</TableCell>
                <TableCell align="right" title="街道本身及其有分配的村、社区" sx={{ whiteSpace: 'nowrap' }}>
                  拨付对象
                </TableCell>
                <BalanceHeaderCells />
              </TableRow>
            </TableHead>
            <TableBody>
              {r.rows.map((s) => (
                <TableRow key={s.streetId} hover>
                  <TableCell sx={{ whiteSpace: 'nowrap' }} title={s.code}>
                    {s.streetName}
                  </TableCell>
                  <TableCell sx={NUMBER_SX}>{s.recipients}</TableCell>
                  <BalanceCells balance={s.balance} />
                </TableRow>
              ))}
              {hasPersons && (
                <TableRow hover>
                  <TableCell sx={{ whiteSpace: 'nowrap' }}>个人（书记津贴等）</TableCell>
                  <TableCell sx={NUMBER_SX} />
                  <BalanceCells balance={r.persons} />
                </TableRow>
              )}
              <TableRow sx={TOTAL_ROW_SX}>
                <TableCell>合计</TableCell>
                {/* persons are not counted per street; a count without them would read as the whole */}
                <TableCell sx={NUMBER_SX}>{hasPersons ? '' : r.rows.reduce((n, s) => n + s.recipients, 0)}</TableCell>
                <BalanceCells balance={r.total} />
              </TableRow>
            </TableBody>
          </Table>
        </TableContainer>
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
