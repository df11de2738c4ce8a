import { useState } from 'react';
import { Alert, Button, Paper, Stack, Table, TableBody, TableCell, TableContainer, TableHead, TableRow, Typography } from '@mui/material';
import FileDownloadOutlined from '@mui/icons-material/FileDownloadOutlined';
import ArrowBackOutlined from '@mui/icons-material/ArrowBackOutlined';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { formatAmount, FEN_PER_WAN } from '../../../../shared/domain/money';
import { api, errorMessage, saveExport } from '../../api/client';
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
  const report = useQuery({ queryKey: ['villages.incomeBandReport', year], queryFn: () => api.villages.incomeBandReport({ year }) });
  const movers = useQuery({ queryKey: ['villages.bandMovers', year], queryFn: () => api.villages.bandMovers({ year }) });
  const exportFile = useMutation({ mutationFn: async () => saveExport(await api.villages.exportBandReport({ year })) });

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
        <Button variant="outlined" startIcon={<FileDownloadOutlined />} disabled={exportFile.isPending} onClick={() => exportFile.mutate()}>
          导出 Excel
        </Button>
      </Stack>
      {exportFile.isError && <Alert severity="error">{errorMessage(exportFile.error)}</Alert>}
      {exportFile.data && <Alert severity="success">{exportFile.data}</Alert>}
      <Stack direction="row" spacing={2} sx={{ alignItems: 'stretch' }}>
        <Paper variant="outlined" sx={{ p: 2, flex: 1, minWidth: 0 }}>
          <Typography variant="subtitle1" component="h3" gutterBottom>
            {r.year}年各街道分档（个）
          </Typography>
          <TableContainer>
            <Table size="small" aria-label="各街道分档统计">
              <TableHead>
                <TableRow>
                  <TableCell>街道（镇）</TableCell>
                  {r.bands.map((b) => (
                    <TableCell key={b.key} align="right" title={b.range}>
                      {b.label}
                    </TableCell>
                  ))}
                  <TableCell align="right">未填报</TableCell>
                  <TableCell align="right">合计</TableCell>
                  <TableCell align="right">达标及以上</TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {[...r.streets, { ...r.totals, streetId: 0, streetName: '合计' }].map((s) => (
                  <TableRow key={s.streetId} sx={s.streetId === 0 ? { '& td': { fontWeight: 700 } } : undefined}>
                    <TableCell>{s.streetName}</TableCell>
                    {r.bands.map((b) => (
                      <TableCell key={b.key} align="right">
                        {s.counts[b.key]}
                      </TableCell>
                    ))}
                    <TableCell align="right">{s.unreported}</TableCell>
                    <TableCell align="right">{s.total}</TableCell>
                    <TableCell align="right">{s.standardOrAbove}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </TableContainer>
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
          <Table size="small" aria-label="档次变化的村">
            <TableHead>
              <TableRow>
                <TableCell>街道（镇）</TableCell>
                <TableCell>村（社区）</TableCell>
                <TableCell>{m.previousYear}年</TableCell>
                <TableCell>{m.year}年</TableCell>
                <TableCell>变化</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {m.movers.map((v) => (
                <TableRow key={v.unitId} hover sx={{ cursor: 'pointer' }} onClick={() => navigate(`/villages/${v.unitId}`)}>
                  <TableCell>{v.streetName}</TableCell>
                  <TableCell>{v.name}</TableCell>
                  <TableCell>
                    {v.fromLabel}（{wan(v.fromIncomeFen)}）
                  </TableCell>
                  <TableCell>
                    {v.toLabel}（{wan(v.toIncomeFen)}）
                  </TableCell>
                  <TableCell sx={{ color: v.direction === 'up' ? 'success.main' : 'error.main' }}>{v.direction === 'up' ? '上升' : '下降'}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
      </Paper>
    </Stack>
  );
}
