import { useState } from 'react';
import { Box, Button, Paper, Stack, Typography } from '@mui/material';
import AddOutlined from '@mui/icons-material/AddOutlined';
import { useNavigate } from 'react-router';
import type { Balance, Programme } from '../../../../shared/api/funds/records';
import { useApiQuery } from '../../components/apiQueries';
import { moneyColumn, ReportTable, type ReportColumn } from '../../components/ReportTable';
import { EmptyState, ErrorState, LoadingState } from '../../components/States';
import { useCurrentUser } from '../auth/useCurrentUser';
import { DisbursementImportButton } from './DisbursementImport';
import { useFundsRefresh } from './fundQueries';
import { ProgrammeDialog } from './ProgrammeDialog';
import { RateBar } from './RateBar';
import { programmePath, sumBalances } from './reports/fundFormat';

/** The 合计 of the year's programmes. */
type Sum = { label: string; budgetFen: number; balance: Balance; recipients: number };

const COLUMNS: ReportColumn<Programme, Sum>[] = [
  {
    key: 'name',
    header: '项目名称',
    minWidth: 180,
    cell: (p) => (
      <Box className="clamp" title={p.name} sx={{ fontWeight: 500, color: 'primary.dark' }}>
        {p.name}
      </Box>
    ),
    total: (s) => s.label,
  },
  { key: 'category', header: '资金类别', breakAnywhere: true, cell: (p) => p.categoryLabel },
  { key: 'sourceLevel', header: '来源层级', nowrap: true, cell: (p) => p.sourceLevelLabel },
  { key: 'documentNo', header: '文号', breakAnywhere: true, cell: (p) => p.documentNo ?? '' },
  moneyColumn('budget', '预算', (p) => p.budgetFen, (s) => s.budgetFen),
  moneyColumn('allocated', '已分配', (p) => p.balance.allocatedFen, (s) => s.balance.allocatedFen),
  moneyColumn('paid', '已拨付', (p) => p.balance.paidFen, (s) => s.balance.paidFen),
  moneyColumn('unpaid', '未拨付', (p) => p.balance.unpaidFen, (s) => s.balance.unpaidFen),
  { key: 'rate', header: '拨付率', numeric: true, cell: (p) => <RateBar rateBp={p.balance.rateBp} />, total: (s) => <RateBar rateBp={s.balance.rateBp} /> },
  { key: 'recipients', header: '对象数', numeric: true, cell: (p) => p.recipients, total: (s) => s.recipients },
];

/**
 * 经费项目 of one year: budget, allocated, paid, unpaid and 拨付率 of each programme, and the
 * 合计. A row opens the programme's page; editors create programmes here.
 */
export function ProgrammesPanel({ year }: { year: number }) {
  const navigate = useNavigate();
  const canEdit = useCurrentUser().canCall('funds.createProgramme');
  const refresh = useFundsRefresh();
  const [creating, setCreating] = useState(false);
  const list = useApiQuery('funds.programmes', { year });
  const rows = list.data ?? [];
  const total: Sum = {
    label: `合计（${rows.length} 个项目）`,
    budgetFen: rows.reduce((sum, p) => sum + p.budgetFen, 0),
    balance: sumBalances(rows.map((p) => p.balance)),
    recipients: rows.reduce((n, p) => n + p.recipients, 0),
  };
  const open = (p: Programme) => navigate(programmePath(p.id));

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
        <ReportTable
          label={`${year}年度经费项目`}
          columns={COLUMNS}
          rows={rows}
          rowKey={(p) => p.id}
          rowProps={(p) => ({
            hover: true,
            'data-programme': p.id,
            tabIndex: 0,
            onClick: () => open(p),
            onKeyDown: (e) => {
              if (e.key === 'Enter') open(p);
            },
            sx: { cursor: 'pointer' },
          })}
          total={total}
        />
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
