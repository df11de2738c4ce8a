import type { ReactNode } from 'react';
import { Box, Chip, Paper, Stack, Typography } from '@mui/material';
import type { ProgrammeDetail } from '../../../../shared/api/funds/records';
import { formatYuan } from '../../../../shared/domain/money';
import { RateBar } from './RateBar';

/** The facts of a programme under its name: category, source, recipients, 文号, standard, due date, note. */
export function ProgrammeFacts({ detail }: { detail: ProgrammeDetail }) {
  const p = detail.programme;
  const facts = [
    p.documentNo && `文号：${p.documentNo}`,
    (p.standardText || p.standardFen !== null) && `拨付标准：${[p.standardText, p.standardFen !== null && `每个对象 ${formatYuan(p.standardFen)} 元`].filter(Boolean).join('，')}`,
    `应拨付日期：${p.dueOn ?? '未定'}`,
  ].filter(Boolean);
  return (
    <Box sx={{ minWidth: 0 }}>
      <Stack direction="row" spacing={0.75} useFlexGap sx={{ alignItems: 'center', flexWrap: 'wrap', mb: 0.5 }}>
        <Chip size="small" label={`${p.year}年度`} />
        <Chip size="small" variant="outlined" label={p.categoryLabel} />
        <Chip size="small" variant="outlined" label={`来源：${p.sourceLevelLabel}`} />
        <Chip size="small" variant="outlined" label={`拨付对象：${p.recipientKindLabel}`} />
      </Stack>
      <Typography variant="body2" color="text.secondary">
        {facts.map((fact, i) => (
          // a fact breaks only between facts, never inside a date or an amount
          <Box component="span" key={i} sx={{ display: 'inline-block', mr: 1.5 }}>
            {fact}
          </Box>
        ))}
      </Typography>
      {p.note && (
        <Typography variant="body2" color="text.secondary" sx={{ wordBreak: 'break-all', whiteSpace: 'pre-wrap' }}>
          备注：{p.note}
        </Typography>
      )}
    </Box>
  );
}

/**
 * The programme's money at a glance: what was budgeted, allocated, left to allocate, paid, in
 * flight (待拨付: 待审核 + 已审核, split from the rows), still unpaid, and the rate. Every figure comes
 * from the service's balances, computed from the rows.
 */
export function BalanceCards({ detail }: { detail: ProgrammeDetail }) {
  const p = detail.programme;
  const b = p.balance;
  const sum = (status: 'pending' | 'approved') => detail.disbursements.filter((d) => d.status === status).reduce((s, d) => s + d.amountFen, 0);
  return (
    <Box role="group" aria-label="项目结余" sx={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(150px, 1fr))', gap: 1 }}>
      <Card label="预算" fen={p.budgetFen} />
      <Card label="已分配" fen={b.allocatedFen} detail={`${p.recipients} 个对象`} />
      <Card label="未分配" fen={p.unallocatedFen} tone={p.unallocatedFen > 0 ? undefined : 'muted'} />
      <Card label="已拨付" fen={b.paidFen} tone="good" />
      <Card label="待拨付" fen={b.pendingFen} detail={[`待审核 ${formatYuan(sum('pending'))}`, `已审核 ${formatYuan(sum('approved'))}`]} />
      <Card label="未拨付" fen={b.unpaidFen} detail="已分配 − 已拨付" />
      <Card label="拨付率" value={<RateBar rateBp={b.rateBp} width={64} align="left" />} detail="已拨付 ÷ 已分配" />
    </Box>
  );
}

function Card({ label, fen, value, detail, tone }: { label: string; fen?: number; value?: ReactNode; detail?: string | string[]; tone?: 'good' | 'muted' }) {
  return (
    <Paper variant="outlined" sx={{ px: 1.5, py: 1 }} aria-label={label} role="figure">
      <Typography variant="body2" color="text.secondary" noWrap>
        {label}
      </Typography>
      <Typography
        component="div"
        sx={{ fontSize: 18, fontWeight: 600, fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap', color: tone === 'good' ? 'success.dark' : tone === 'muted' ? 'text.secondary' : undefined }}
      >
        {fen !== undefined ? (
          <>
            {formatYuan(fen)}
            <Typography component="span" variant="body2" color="text.secondary" sx={{ ml: 0.5 }}>
              元
            </Typography>
          </>
        ) : (
          value
        )}
      </Typography>
      {[detail ?? []].flat().map((line) => (
        <Typography key={line} variant="caption" color="text.secondary" component="div" noWrap title={line} sx={{ fontVariantNumeric: 'tabular-nums', lineHeight: 1.5 }}>
          {line}
        </Typography>
      ))}
    </Paper>
  );
}
