import { useState } from 'react';
import { Box, Button, Chip, IconButton, Paper, Stack, Tooltip, Typography } from '@mui/material';
import AddOutlined from '@mui/icons-material/AddOutlined';
import DeleteOutlined from '@mui/icons-material/DeleteOutlined';
import EditOutlined from '@mui/icons-material/EditOutlined';
import PlaylistAddOutlined from '@mui/icons-material/PlaylistAddOutlined';
import ReceiptLongOutlined from '@mui/icons-material/ReceiptLongOutlined';
import { useNavigate } from 'react-router';
import type { Allocation, Balance, ProgrammeDetail } from '../../../../shared/api/funds/records';
import { formatYuan } from '../../../../shared/domain/money';
import { api } from '../../api/client';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { moneyColumn, ReportTable, type ReportColumn } from '../../components/ReportTable';
import { EmptyState } from '../../components/States';
import { useMayCall } from '../auth/useCurrentUser';
import { AllocateDialog } from './AllocateDialog';
import { BatchAllocateDialog } from './BatchAllocateDialog';
import { DisbursementDialog } from './DisbursementDialog';
import { useFundsRefresh } from './fundQueries';
import { RateBar } from './RateBar';
import { statementPath, sumBalances } from './reports/fundFormat';
import { groupByStreet, registrableFen } from '../../../../shared/api/funds/ledger-layout';

type Dialog = { kind: 'allocate' } | { kind: 'batch' } | { kind: 'edit'; allocation: Allocation } | { kind: 'delete'; allocation: Allocation } | { kind: 'disburse'; allocation: Allocation };

/**
 * 分配明细: every recipient with what it was allocated, paid, has in flight and still unpaid, by
 * street with a 小计 under each street that has several lines, and the 合计. Editors allocate
 * (one, or a batch from the standard), change an amount (never below what is registered),
 * delete an allocation without disbursements, and register a disbursement from its row.
 */
export function AllocationsTable({ detail }: { detail: ProgrammeDetail }) {
  const navigate = useNavigate();
  const may = useMayCall({ allocate: 'funds.allocate', batch: 'funds.allocateBatch', change: 'funds.updateAllocation', delete: 'funds.deleteAllocation', disburse: 'funds.disburse' });
  const refresh = useFundsRefresh();
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const p = detail.programme;
  const groups = groupByStreet(detail.allocations);
  // one line per street (a programme for streets): no group rows, no 小计
  const grouped = groups.some((g) => g.lines.length > 1);
  const hasRows = new Set(detail.disbursements.map((d) => d.allocationId));
  const total = sumBalances(detail.allocations.map((a) => a.balance));

  const columns: ReportColumn<Allocation, Sum>[] = [
    // 序号 in ledger order (the groups keep the service's order)
    { key: 'no', header: '序号', numeric: true, cell: (_, i) => i + 1 },
    {
      key: 'recipient',
      header: '拨付对象',
      width: '22%',
      cell: (a) => (
        <Box className="clamp" title={a.recipientName}>
          {a.recipientName}
        </Box>
      ),
      total: (s) => s.label,
    },
    { key: 'code', header: '代码', mono: true, cell: (a) => a.code ?? (a.personName ? '个人' : '') },
    moneyColumn('amount', '分配金额', (a) => a.amountFen, (s) => s.allocatedFen),
    ...ledgerBalanceColumns(),
    {
      key: 'due',
      header: '应拨付日期',
      nowrap: true,
      cell: (a) => {
        // its own date, else the programme's
        const due = a.dueOn ?? p.dueOn;
        return (
          <>
            {due ?? (
              <Box component="span" sx={{ color: 'text.disabled' }}>
                未定
              </Box>
            )}
            {a.overdue && <Chip size="small" color="error" label="逾期" sx={{ ml: 0.5, height: 20 }} />}
          </>
        );
      },
    },
    {
      key: 'actions',
      header: '操作',
      alignRight: true,
      nowrap: true,
      cell: (a) => {
        const left = registrableFen(a);
        return (
          <>
            {may.disburse && (
              <Tooltip title={left > 0 ? `尚可登记 ${formatYuan(left)} 元` : '分配金额已全部登记（含待审核、已审核）'}>
                <span>
                  <Button size="small" aria-label={`登记拨付：${a.recipientName}`} disabled={left <= 0} onClick={() => setDialog({ kind: 'disburse', allocation: a })}>
                    登记拨付
                  </Button>
                </span>
              </Tooltip>
            )}
            {may.change && (
              <Tooltip title="修改分配金额">
                <IconButton size="small" aria-label={`修改分配：${a.recipientName}`} onClick={() => setDialog({ kind: 'edit', allocation: a })}>
                  <EditOutlined fontSize="small" />
                </IconButton>
              </Tooltip>
            )}
            {may.delete && (
              <Tooltip title={hasRows.has(a.id) ? '已有拨付记录，不能删除' : '删除分配'}>
                <span>
                  <IconButton size="small" aria-label={`删除分配：${a.recipientName}`} disabled={hasRows.has(a.id)} onClick={() => setDialog({ kind: 'delete', allocation: a })}>
                    <DeleteOutlined fontSize="small" />
                  </IconButton>
                </span>
              </Tooltip>
            )}
            <Tooltip title="本年度对账单">
              <IconButton size="small" aria-label={`对账单：${a.recipientName}`} onClick={() => navigate(statementPath(p.year, a))}>
                <ReceiptLongOutlined fontSize="small" />
              </IconButton>
            </Tooltip>
          </>
        );
      },
    },
  ];

  return (
    <Stack spacing={1} sx={{ flex: 1, minHeight: 0 }}>
      <Stack direction="row" spacing={1} sx={{ alignItems: 'center', minHeight: 36 }}>
        <Typography variant="body2" color="text.secondary" sx={{ flex: 1 }}>
          {detail.allocations.length > 0 && `共 ${detail.allocations.length} 个拨付对象 · 已分配 ${formatYuan(p.balance.allocatedFen)} 元 · 未分配 ${formatYuan(p.unallocatedFen)} 元 · 金额单位：元`}
        </Typography>
        {may.allocate && detail.allocations.length > 0 && (
          <Button startIcon={<AddOutlined />} onClick={() => setDialog({ kind: 'allocate' })}>
            分配
          </Button>
        )}
        {may.batch && detail.allocations.length > 0 && p.recipientKind !== 'person' && (
          <Button variant="contained" startIcon={<PlaylistAddOutlined />} onClick={() => setDialog({ kind: 'batch' })}>
            批量分配
          </Button>
        )}
      </Stack>
      {detail.allocations.length === 0 ? (
        <Paper variant="outlined">
          <EmptyState
            title="尚未分配"
            hint={
              !may.allocate
                ? '经办人分配后在此显示'
                : p.recipientKind === 'person'
                  ? `预算 ${formatYuan(p.budgetFen)} 元尚未分配。本项目拨付给个人，请逐个填写受款人分配。`
                  : `预算 ${formatYuan(p.budgetFen)} 元尚未分配。可以逐个分配，也可以按标准一次分配给所有街道或村（社区）。`
            }
            action={
              may.allocate && (
                <Stack direction="row" spacing={1}>
                  <Button variant="outlined" startIcon={<AddOutlined />} onClick={() => setDialog({ kind: 'allocate' })}>
                    分配
                  </Button>
                  {may.batch && p.recipientKind !== 'person' && (
                    <Button variant="contained" startIcon={<PlaylistAddOutlined />} onClick={() => setDialog({ kind: 'batch' })}>
                      批量分配
                    </Button>
                  )}
                </Stack>
              )
            }
          />
        </Paper>
      ) : (
        <ReportTable
          label="分配明细"
          columns={columns}
          {...(grouped
            ? { groups: groups.map((g) => ({ key: g.streetId ?? 'persons', label: g.streetName, rows: g.lines, subtotal: { ...g.subtotal, label: `${g.streetName}小计` } })) }
            : { rows: groups.flatMap((g) => g.lines) })}
          rowKey={(a) => a.id}
          rowProps={(a) => ({ hover: true, 'data-allocation': a.id })}
          total={{ ...total, label: '合计' }}
          maxHeight="fill"
        />
      )}
      {dialog?.kind === 'allocate' && <AllocateDialog detail={detail} allocation={null} onClose={() => setDialog(null)} onSaved={refresh} />}
      {dialog?.kind === 'edit' && <AllocateDialog detail={detail} allocation={dialog.allocation} onClose={() => setDialog(null)} onSaved={refresh} />}
      {dialog?.kind === 'batch' && <BatchAllocateDialog programme={p} onClose={() => setDialog(null)} onSaved={refresh} />}
      {dialog?.kind === 'disburse' && <DisbursementDialog detail={detail} target={{ mode: 'create', allocationId: dialog.allocation.id }} onClose={() => setDialog(null)} onSaved={refresh} />}
      {dialog?.kind === 'delete' && (
        <ConfirmDialog
          title="删除分配"
          intro={`将删除“${dialog.allocation.recipientName}”在本项目中的分配（${formatYuan(dialog.allocation.amountFen)} 元），金额回到未分配。删除会记入操作日志。`}
          confirmLabel="删除"
          onConfirm={() => api.funds.deleteAllocation({ id: dialog.allocation.id })}
          onDone={refresh}
          onClose={() => setDialog(null)}
        />
      )}
    </Stack>
  );
}

/** A 小计 or the 合计: the balance of its lines, with its label. */
type Sum = Balance & { label: string };

/** 已拨付 · 待拨付 · 未拨付 · 拨付率 of a line, a 小计 or the 合计. */
function ledgerBalanceColumns(): ReportColumn<Allocation, Sum>[] {
  const money = (key: 'paidFen' | 'pendingFen' | 'unpaidFen', header: string, options: { muted?: boolean; headerTitle?: string } = {}) =>
    moneyColumn<Allocation, Sum>(key, header, (a) => a.balance[key], (s) => s[key], options);
  return [
    money('paidFen', '已拨付'),
    money('pendingFen', '待拨付', { muted: true, headerTitle: '已登记、尚未确认拨付（待审核、已审核）的金额' }),
    money('unpaidFen', '未拨付'),
    { key: 'rate', header: '拨付率', numeric: true, cell: (a) => <RateBar rateBp={a.balance.rateBp} width={40} />, total: (s) => <RateBar rateBp={s.rateBp} width={40} /> },
  ];
}
