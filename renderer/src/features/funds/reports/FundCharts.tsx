import { Box, Stack, Tooltip, Typography } from '@mui/material';
import { formatAmount, formatYuan, FEN_PER_WAN } from '../../../../../shared/domain/money';
import { formatRate } from './fundFormat';

/**
 * The 经费台账 charts, drawn as plain boxes like the income band chart (IncomeBandChart): they
 * print as they show, need no chart library, and read without hovering — every bar carries its
 * figure. Bars are in 万元 for reading; the exact 元 is in the tooltip and the table beneath.
 */

export const FUND_COLORS = { budget: '#b0bec5', allocated: '#64b5f6', paid: '#43a047' } as const;
const SERIES = [
  { key: 'budget', label: '预算' },
  { key: 'allocated', label: '已分配' },
  { key: 'paid', label: '已拨付' },
] as const;

const wan = (fen: number) => `${formatAmount(fen, FEN_PER_WAN)}万`;

export interface BarGroup {
  key: string;
  label: string;
  budgetFen: number;
  allocatedFen: number;
  paidFen: number;
}

function Legend() {
  return (
    <Stack direction="row" spacing={2} sx={{ mb: 1, flexWrap: 'wrap' }}>
      {SERIES.map((s) => (
        <Stack key={s.key} direction="row" spacing={0.5} sx={{ alignItems: 'center' }}>
          <Box sx={{ width: 12, height: 12, bgcolor: FUND_COLORS[s.key], borderRadius: 0.5 }} />
          <Typography variant="caption">{s.label}</Typography>
        </Stack>
      ))}
    </Stack>
  );
}

/** Per group (资金类别, 资金来源层级): three bars — 预算, 已分配, 已拨付 — on one scale. */
export function BudgetBarChart({ groups, title }: { groups: readonly BarGroup[]; title: string }) {
  const widest = Math.max(1, ...groups.flatMap((g) => [g.budgetFen, g.allocatedFen, g.paidFen]));
  return (
    <Box role="img" aria-label={title}>
      <Legend />
      <Stack spacing={1.25}>
        {groups.map((g) => (
          <Box key={g.key}>
            <Typography variant="body2" sx={{ mb: 0.25, overflowWrap: 'anywhere' }}>
              {g.label}
            </Typography>
            {SERIES.map((s) => {
              const fen = s.key === 'budget' ? g.budgetFen : s.key === 'allocated' ? g.allocatedFen : g.paidFen;
              return (
                <Tooltip key={s.key} title={`${g.label}：${s.label} ${formatYuan(fen)} 元`} placement="top-start">
                  <Stack direction="row" spacing={0.75} sx={{ alignItems: 'center', height: 14 }}>
                    <Box sx={{ flex: 1, display: 'flex', alignItems: 'center', minWidth: 0 }}>
                      <Box sx={{ width: `${(Math.max(0, fen) / widest) * 100}%`, minWidth: fen > 0 ? 2 : 0, height: 10, bgcolor: FUND_COLORS[s.key], borderRadius: 0.5 }} />
                    </Box>
                    <Typography variant="caption" sx={{ width: 84, flexShrink: 0, textAlign: 'right', fontVariantNumeric: 'tabular-nums', lineHeight: 1 }}>
                      {wan(fen)}
                    </Typography>
                  </Stack>
                </Tooltip>
              );
            })}
          </Box>
        ))}
      </Stack>
    </Box>
  );
}

/** 拨付率 per row (street): a track of 100% and the paid part, the percentage beside it. */
export function RateBarChart({ rows, title }: { rows: ReadonlyArray<{ key: string | number; label: string; rateBp: number | null }>; title: string }) {
  return (
    <Stack spacing={0.5} role="img" aria-label={title} sx={{ maxWidth: 800 }}>
      {rows.map((r) => {
        const pct = r.rateBp === null ? 0 : Math.min(100, Math.max(0, r.rateBp / 100));
        return (
          <Stack key={r.key} direction="row" spacing={1} sx={{ alignItems: 'center' }}>
            <Typography variant="body2" noWrap sx={{ width: 120, flexShrink: 0, textAlign: 'right' }} title={r.label}>
              {r.label}
            </Typography>
            <Box sx={{ flex: 1, height: 14, bgcolor: 'grey.200', borderRadius: 0.5, overflow: 'hidden' }}>
              <Box sx={{ width: `${pct}%`, height: '100%', bgcolor: pct >= 100 ? FUND_COLORS.paid : pct >= 60 ? '#81c784' : '#ffb74d' }} />
            </Box>
            <Typography variant="caption" sx={{ width: 56, flexShrink: 0, textAlign: 'right', fontVariantNumeric: 'tabular-nums', color: r.rateBp === null ? 'text.disabled' : undefined }}>
              {r.rateBp === null ? '未分配' : formatRate(r.rateBp)}
            </Typography>
          </Stack>
        );
      })}
    </Stack>
  );
}
