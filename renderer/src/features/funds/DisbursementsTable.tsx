import { useState } from 'react';
import { Alert, Box, Button, Checkbox, Chip, Paper, Stack, ToggleButton, ToggleButtonGroup, Tooltip, Typography } from '@mui/material';
import AddOutlined from '@mui/icons-material/AddOutlined';
import LockOutlined from '@mui/icons-material/LockOutlined';
import { useMutation } from '@tanstack/react-query';
import { DISBURSEMENT_STATUS_LABELS, type Disbursement, type DisbursementStatus, type ProgrammeDetail } from '../../../../shared/api/funds/records';
import { formatYuan } from '../../../../shared/domain/money';
import { api, errorMessage } from '../../api/client';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { formatDateTime } from '../../components/format';
import { ReportTable, type ReportColumn } from '../../components/ReportTable';
import { EmptyState } from '../../components/States';
import { useMayCall } from '../auth/useCurrentUser';
import { PAID_CANNOT_CHANGE, registrableFen, reversibleFen } from '../../../../shared/api/funds/ledger-layout';
import { DisbursementDialog, type DisbursementTarget } from './DisbursementDialog';
import { DisbursementImportButton } from './DisbursementImport';
import { useFundsRefresh } from './fundQueries';
import { PostDialog } from './PostDialog';
import { ReverseDialog } from './ReverseDialog';

type Filter = 'all' | DisbursementStatus;
type Dialog = { kind: 'form'; target: DisbursementTarget } | { kind: 'post'; rows: Disbursement[] } | { kind: 'reverse'; row: Disbursement } | { kind: 'delete'; row: Disbursement };

const STATUS_COLORS = { pending: 'warning', approved: 'info', paid: 'success' } as const;

/**
 * 拨付记录: every row by date with its status. 待审核 rows can be changed, approved or deleted;
 * 已审核 rows confirmed as paid (with the day) or deleted; 已拨付 rows are final — one with
 * something left can be reversed (冲销), after which the clerk registers the right payment.
 * Several rows are approved or confirmed at once with the checkboxes (all or none).
 */
export function DisbursementsTable({ detail }: { detail: ProgrammeDetail }) {
  const may = useMayCall({
    disburse: 'funds.disburse',
    change: 'funds.updateDisbursement',
    approve: 'funds.approve',
    post: 'funds.post',
    delete: 'funds.deleteDisbursement',
    reverse: 'funds.reverse',
    approveMany: 'funds.approveMany',
    postMany: 'funds.postMany',
  });
  // rows are chosen to approve or confirm them together
  const canSelect = may.approveMany || may.postMany;
  const anyAction = may.change || may.approve || may.post || may.delete || may.reverse;
  const refresh = useFundsRefresh();
  const [filter, setFilter] = useState<Filter>('all');
  const [selected, setSelected] = useState<ReadonlySet<number>>(new Set());
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const approve = useMutation({
    mutationFn: async (ids: number[]) => {
      if (ids.length === 1) await api.funds.approve({ id: ids[0]! });
      else await api.funds.approveMany({ ids });
    },
    onSuccess: async () => {
      setSelected(new Set());
      await refresh();
    },
  });

  const rows = detail.disbursements;
  const byId = new Map(rows.map((d) => [d.id, d]));
  const shown = filter === 'all' ? rows : rows.filter((d) => d.status === filter);
  const count = (s: DisbursementStatus) => rows.filter((d) => d.status === s).length;
  const chosen = rows.filter((d) => selected.has(d.id));
  const chosenPending = chosen.filter((d) => d.status === 'pending');
  const chosenApproved = chosen.filter((d) => d.status === 'approved');
  const selectable = shown.filter((d) => d.status !== 'paid');
  const shownTotal = shown.reduce((s, d) => s + d.amountFen, 0);
  const canRegister = detail.allocations.some((a) => registrableFen(a) > 0);
  const toggle = (id: number, on: boolean) =>
    setSelected((s) => {
      const next = new Set(s);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });

  const columns: ReportColumn<Disbursement, Sum>[] = [
    ...(canSelect
      ? [
          {
            key: 'select',
            padding: 'checkbox',
            header: (
              <Checkbox
                size="small"
                slotProps={{ input: { 'aria-label': '选择全部未拨付的记录' } }}
                disabled={selectable.length === 0}
                checked={selectable.length > 0 && selectable.every((d) => selected.has(d.id))}
                indeterminate={selectable.some((d) => selected.has(d.id)) && !selectable.every((d) => selected.has(d.id))}
                onChange={(e) => setSelected(e.target.checked ? new Set(selectable.map((d) => d.id)) : new Set())}
              />
            ),
            cell: (d) =>
              d.status !== 'paid' && (
                <Checkbox
                  size="small"
                  checked={selected.has(d.id)}
                  onChange={(e) => toggle(d.id, e.target.checked)}
                  slotProps={{ input: { 'aria-label': `选择 ${d.recipientName} ${d.paidOn} 的记录` } }}
                />
              ),
          } satisfies ReportColumn<Disbursement, Sum>,
        ]
      : []),
    ...rowColumns(byId),
    ...(anyAction
      ? [
          {
            key: 'actions',
            header: '操作',
            alignRight: true,
            nowrap: true,
            sx: { '& .MuiButton-root': { minWidth: 0, px: 0.75 } },
            cell: (d) => <RowActions d={d} may={may} busy={approve.isPending} onApprove={() => approve.mutate([d.id])} onDialog={setDialog} />,
          } satisfies ReportColumn<Disbursement, Sum>,
        ]
      : []),
  ];

  return (
    <Stack spacing={1} sx={{ flex: 1, minHeight: 0 }}>
      <Stack direction="row" spacing={1} useFlexGap sx={{ alignItems: 'center', flexWrap: 'wrap', minHeight: 36 }}>
        <ToggleButtonGroup
          size="small"
          exclusive
          value={filter}
          onChange={(_, v: Filter | null) => {
            if (!v) return;
            setFilter(v);
            // what is selected stays what is seen
            setSelected(new Set());
          }}
          aria-label="按状态筛选"
        >
          <ToggleButton value="all">全部（{rows.length}）</ToggleButton>
          {(['pending', 'approved', 'paid'] as const).map((s) => (
            <ToggleButton key={s} value={s}>
              {DISBURSEMENT_STATUS_LABELS[s]}（{count(s)}）
            </ToggleButton>
          ))}
        </ToggleButtonGroup>
        <Box sx={{ flex: 1 }} />
        {canSelect && chosen.length > 0 && <Typography variant="body2">已选 {chosen.length} 条</Typography>}
        {may.approveMany && chosen.length > 0 && (
          <Button variant="outlined" disabled={chosenPending.length === 0 || approve.isPending} onClick={() => approve.mutate(chosenPending.map((d) => d.id))}>
            审核所选（{chosenPending.length}）
          </Button>
        )}
        {may.postMany && chosen.length > 0 && (
          <Button variant="outlined" disabled={chosenApproved.length === 0} onClick={() => setDialog({ kind: 'post', rows: chosenApproved })}>
            确认拨付所选（{chosenApproved.length}）
          </Button>
        )}
        <DisbursementImportButton year={detail.programme.year} programmeId={detail.programme.id} />
        {may.disburse && (
          <Tooltip title={canRegister ? '' : detail.allocations.length === 0 ? '请先分配经费' : '各对象的分配金额已全部登记'}>
            <span>
              <Button variant="contained" startIcon={<AddOutlined />} disabled={!canRegister} onClick={() => setDialog({ kind: 'form', target: { mode: 'create', allocationId: null } })}>
                登记拨付
              </Button>
            </span>
          </Tooltip>
        )}
      </Stack>
      <Typography variant="body2" color="text.secondary" sx={{ display: 'flex', alignItems: 'center', gap: 0.5 }}>
        <LockOutlined sx={{ fontSize: 16 }} />
        {PAID_CANNOT_CHANGE}。{canSelect ? '勾选待审核、已审核的记录可以一次审核或确认拨付。' : ''}
      </Typography>
      {approve.isError && (
        <Alert severity="error" onClose={() => approve.reset()}>
          {errorMessage(approve.error)}
        </Alert>
      )}
      {rows.length === 0 ? (
        <Paper variant="outlined">
          <EmptyState title="尚无拨付记录" hint={may.disburse ? '在“分配明细”中点某个对象的“登记拨付”，或点右上角“登记拨付”' : '经办人登记后在此显示'} />
        </Paper>
      ) : (
        <ReportTable
          label="拨付记录"
          columns={columns}
          rows={shown}
          rowKey={(d) => d.id}
          rowProps={(d) => ({ hover: true, 'data-disbursement': d.id, selected: selected.has(d.id), sx: d.reversesId !== null ? { '& td': { bgcolor: '#fff8f8' } } : undefined })}
          total={{ label: `${filter === 'all' ? '合计' : `${DISBURSEMENT_STATUS_LABELS[filter]}合计`}（${shown.length} 条）`, amountFen: shownTotal }}
          maxHeight="fill"
        />
      )}
      {dialog?.kind === 'form' && <DisbursementDialog detail={detail} target={dialog.target} onClose={() => setDialog(null)} onSaved={refresh} />}
      {dialog?.kind === 'reverse' && <ReverseDialog row={dialog.row} onClose={() => setDialog(null)} onSaved={refresh} />}
      {dialog?.kind === 'post' && (
        <PostDialog
          rows={dialog.rows}
          onClose={() => setDialog(null)}
          onSaved={async () => {
            setSelected(new Set());
            await refresh();
          }}
        />
      )}
      {dialog?.kind === 'delete' && (
        <ConfirmDialog
          title="删除拨付记录"
          intro={`将删除“${dialog.row.recipientName}”${dialog.row.paidOn} 的拨付记录（${formatYuan(dialog.row.amountFen)} 元，${DISBURSEMENT_STATUS_LABELS[dialog.row.status]}）。删除会记入操作日志。`}
          confirmLabel="删除"
          onConfirm={() => api.funds.deleteDisbursement({ id: dialog.row.id })}
          onDone={async () => {
            setSelected((s) => new Set([...s].filter((id) => id !== dialog.row.id)));
            await refresh();
          }}
          onClose={() => setDialog(null)}
        />
      )}
    </Stack>
  );
}

/** The 合计 of the rows shown. */
type Sum = { label: string; amountFen: number };

/** 拨付日期 … 备注: what a row says (a reversal names what it reverses, from `byId`). */
function rowColumns(byId: ReadonlyMap<number, Disbursement>): ReportColumn<Disbursement, Sum>[] {
  return [
    { key: 'paidOn', header: '拨付日期', nowrap: true, cell: (d) => d.paidOn, total: (s) => s.label },
    {
      key: 'recipient',
      header: '拨付对象',
      minWidth: 96,
      cell: (d) => (
        <Box className="clamp" title={d.recipientName}>
          {d.recipientName}
        </Box>
      ),
    },
    { key: 'voucherNo', header: '凭证号', breakAnywhere: true, cell: (d) => d.voucherNo ?? '' },
    { key: 'amount', header: '金额（元）', numeric: true, cell: (d) => <Amount d={d} original={d.reversesId !== null ? (byId.get(d.reversesId) ?? null) : null} />, total: (s) => formatYuan(s.amountFen) },
    {
      key: 'status',
      header: '状态',
      nowrap: true,
      cell: (d) =>
        d.reversesId !== null ? (
          <Chip size="small" color="error" variant="outlined" label="冲销" />
        ) : (
          <Tooltip title={d.status === 'paid' ? PAID_CANNOT_CHANGE : ''}>
            <Chip size="small" color={STATUS_COLORS[d.status]} variant={d.status === 'paid' ? 'filled' : 'outlined'} label={DISBURSEMENT_STATUS_LABELS[d.status]} />
          </Tooltip>
        ),
    },
    { key: 'people', header: '经办人 / 审核人', breakAnywhere: true, cell: (d) => [d.handler, d.approver].filter(Boolean).join(' / ') },
    {
      key: 'steps',
      header: '登记 / 审核 / 确认人',
      sx: { fontSize: 13, minWidth: 110 },
      cell: (d) =>
        steps(d).map((s) => (
          <Box key={s.labels} title={s.times}>
            {s.labels}：
            <Box component="span" sx={{ whiteSpace: 'nowrap' }}>
              {s.name}
            </Box>
          </Box>
        )),
    },
    { key: 'note', header: '备注', minWidth: 120, breakAnywhere: true, cell: (d) => (d.reversesId !== null && d.note ? `冲销原因：${d.note}` : (d.note ?? '')) },
  ];
}

/** The amount; a reversal in red with what it reverses, a reversed row with how much of it was. */
function Amount({ d, original }: { d: Disbursement; original: Disbursement | null }) {
  const reversal = d.reversesId !== null;
  return (
    <>
      <Box component="span" sx={{ color: d.amountFen < 0 ? 'error.main' : undefined, fontWeight: reversal ? 600 : undefined }}>
        {formatYuan(d.amountFen)}
      </Box>
      {reversal && (
        <Typography variant="caption" component="div" color="error.main">
          冲销 {original ? `${original.paidOn} 的 ${formatYuan(original.amountFen)}` : '原记录'}
        </Typography>
      )}
      {!reversal && d.reversedFen > 0 && (
        <Typography variant="caption" component="div" color="text.secondary">
          已冲销 {formatYuan(d.reversedFen)}
        </Typography>
      )}
    </>
  );
}

/** What can be done to a row, by its status, for those who may. */
function RowActions({
  d,
  may,
  busy,
  onApprove,
  onDialog,
}: {
  d: Disbursement;
  may: { change: boolean; approve: boolean; post: boolean; delete: boolean; reverse: boolean };
  busy: boolean;
  onApprove: () => void;
  onDialog: (dialog: Dialog) => void;
}) {
  const left = reversibleFen(d);
  return (
    <>
      {d.status === 'pending' && may.change && (
        <Button size="small" onClick={() => onDialog({ kind: 'form', target: { mode: 'edit', row: d } })}>
          修改
        </Button>
      )}
      {d.status === 'pending' && may.approve && (
        <Button size="small" disabled={busy} onClick={onApprove}>
          审核
        </Button>
      )}
      {d.status === 'approved' && may.post && (
        <Button size="small" onClick={() => onDialog({ kind: 'post', rows: [d] })}>
          确认拨付
        </Button>
      )}
      {d.status !== 'paid' && may.delete && (
        <Button size="small" color="error" onClick={() => onDialog({ kind: 'delete', row: d })}>
          删除
        </Button>
      )}
      {left > 0 && may.reverse && (
        <Tooltip describeChild title={`${PAID_CANNOT_CHANGE}；可冲销 ${formatYuan(left)} 元`}>
          <Button size="small" color="error" onClick={() => onDialog({ kind: 'reverse', row: d })}>
            冲销
          </Button>
        </Tooltip>
      )}
    </>
  );
}

/** Who registered, approved and confirmed a row, one line per person: “登记、审核、确认：王管理”. */
function steps(d: Disbursement): Array<{ labels: string; name: string; times: string }> {
  const all = [
    { label: '登记', name: d.createdBy, at: d.createdAt },
    { label: '审核', name: d.approvedBy, at: d.approvedAt },
    // a reversal is registered and posted in one step
    { label: '确认', name: d.reversesId === null ? d.postedBy : null, at: d.postedAt },
  ];
  const out: Array<{ labels: string; name: string; times: string }> = [];
  for (const s of all) {
    if (!s.name) continue;
    const time = `${s.label}于 ${s.at ? formatDateTime(s.at) : ''}`;
    const last = out[out.length - 1];
    if (last && last.name === s.name) {
      last.labels += `、${s.label}`;
      last.times += `\n${time}`;
    } else out.push({ labels: s.label, name: s.name, times: time });
  }
  return out;
}
