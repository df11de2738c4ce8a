import { useState } from 'react';
import { Box, Button, Paper, Stack, Table, TableBody, TableCell, TableContainer, TableFooter, TableHead, TableRow, Typography } from '@mui/material';
import AddOutlined from '@mui/icons-material/AddOutlined';
import { useQuery } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import type { Programme } from '../../../../shared/api/funds/records';
import { formatYuan } from '../../../../shared/domain/money';
import { api } from '../../api/client';
import { EmptyState, ErrorState, LoadingState } from '../../components/States';
import { useCurrentUser } from '../auth/useCurrentUser';
import { DisbursementImportButton } from './DisbursementImport';
import { programmesKey, useFundsRefresh } from './fundQueries';
import { ProgrammeDialog } from './ProgrammeDialog';
import { RateBar } from './RateBar';
import { programmePath, sumBalances } from './reports/fundFormat';
import { fundTableSx } from './fundTableSx';

/**
 * 经费项目 of one year: budget, allocated, paid, unpaid and 拨付率 of each programme, and the
 * 合计. A row opens the programme's page; editors create programmes here.
 */
export function ProgrammesPanel({ year }: { year: number }) {
  const navigate = useNavigate();
  const { can } = useCurrentUser();
  const canEdit = can('admin', 'clerk');
  const refresh = useFundsRefresh();
  const [creating, setCreating] = useState(false);
  const list = useQuery({ queryKey: programmesKey(year), queryFn: () => api.funds.programmes({ year }) });
  const rows = list.data ?? [];
  const total = sumBalances(rows.map((p) => p.balance));
  const budget = rows.reduce((sum, p) => sum + p.budgetFen, 0);

  const createButton = canEdit && (
    <Button variant="contained" startIcon={<AddOutlined />} onClick={() => setCreating(true)}>
      新建经费项目
    </Button>
  );
  return (
    <Stack spacing={1.5}>
      <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
        <Typography color="text.secondary" sx={{ flex: 1 }}>
          {year}年度{rows.length > 0 ? ` · 共 ${rows.length} 个经费项目 · 金额单位：元` : ''}
        </Typography>
        <DisbursementImportButton year={year} />
        {rows.length > 0 && createButton}
      </Stack>
      {list.isPending && <LoadingState label="正在加载经费项目…" />}
      {list.isError && <ErrorState error={list.error} onRetry={() => void list.refetch()} />}
      {list.isSuccess && rows.length === 0 && (
        <Paper variant="outlined">
          <EmptyState title="本年度还没有经费项目" hint={canEdit ? '先新建经费项目，再把预算分配到街道、村（社区）或个人' : '经办人新建后在此显示'} action={createButton} />
        </Paper>
      )}
      {rows.length > 0 && (
        <TableContainer component={Paper} variant="outlined">
          <Table size="small" aria-label={`${year}年度经费项目`} sx={fundTableSx}>
            <TableHead>
              <TableRow>
                <TableCell sx={{ minWidth: 180 }}>项目名称</TableCell>
                <TableCell>资金类别</TableCell>
                <TableCell>来源层级</TableCell>
                <TableCell>文号</TableCell>
                <TableCell className="num">预算</TableCell>
                <TableCell className="num">已分配</TableCell>
                <TableCell className="num">已拨付</TableCell>
                <TableCell className="num">未拨付</TableCell>
                <TableCell className="num">拨付率</TableCell>
                <TableCell className="num">对象数</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {rows.map((p) => (
                <ProgrammeRow key={p.id} p={p} onOpen={() => navigate(programmePath(p.id))} />
              ))}
            </TableBody>
            <TableFooter>
              <TableRow className="total">
                <TableCell colSpan={4}>合计（{rows.length} 个项目）</TableCell>
                <TableCell className="num">{formatYuan(budget)}</TableCell>
                <TableCell className="num">{formatYuan(total.allocatedFen)}</TableCell>
                <TableCell className="num">{formatYuan(total.paidFen)}</TableCell>
                <TableCell className="num">{formatYuan(total.unpaidFen)}</TableCell>
                <TableCell className="num">
                  <RateBar rateBp={total.rateBp} />
                </TableCell>
                <TableCell className="num">{rows.reduce((n, p) => n + p.recipients, 0)}</TableCell>
              </TableRow>
            </TableFooter>
          </Table>
        </TableContainer>
      )}
      {creating && (
        <ProgrammeDialog
          year={year}
          programme={null}
          onClose={() => setCreating(false)}
          onSaved={async (saved) => {
            await refresh();
            navigate(programmePath(saved.id));
          }}
        />
      )}
    </Stack>
  );
}

function ProgrammeRow({ p, onOpen }: { p: Programme; onOpen: () => void }) {
  return (
    <TableRow
      hover
      data-programme={p.id}
      tabIndex={0}
      onClick={onOpen}
      onKeyDown={(e) => {
        if (e.key === 'Enter') onOpen();
      }}
      sx={{ cursor: 'pointer' }}
    >
      <TableCell>
        <Box className="clamp" title={p.name} sx={{ fontWeight: 500, color: 'primary.dark' }}>
          {p.name}
        </Box>
      </TableCell>
      <TableCell className="wrap">{p.categoryLabel}</TableCell>
      <TableCell sx={{ whiteSpace: 'nowrap' }}>{p.sourceLevelLabel}</TableCell>
      <TableCell className="wrap">{p.documentNo ?? ''}</TableCell>
      <TableCell className="num">{formatYuan(p.budgetFen)}</TableCell>
      <TableCell className="num">{formatYuan(p.balance.allocatedFen)}</TableCell>
      <TableCell className="num">{formatYuan(p.balance.paidFen)}</TableCell>
      <TableCell className="num">{formatYuan(p.balance.unpaidFen)}</TableCell>
      <TableCell className="num">
        <RateBar rateBp={p.balance.rateBp} />
      </TableCell>
      <TableCell className="num">{p.recipients}</TableCell>
    </TableRow>
  );
}
