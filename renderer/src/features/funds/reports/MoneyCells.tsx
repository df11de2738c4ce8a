import { TableCell } from '@mui/material';
import type { Balance } from '../../../../../shared/api/funds/records';
import { formatYuan } from '../../../../../shared/domain/money';
import { formatRate } from './fundFormat';

/**
 * Table cells for money in the 经费台账 reports: 元 with two decimals, right-aligned, digits of
 * equal width so columns line up, never wrapped; a reversal (negative) in red.
 */

export const NUMBER_SX = { textAlign: 'right', fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' } as const;

/** A 小计 / 合计 row: bold on a light band, so it reads as a sum and not as one more recipient. */
export const TOTAL_ROW_SX = { '& td, & th': { fontWeight: 700, bgcolor: 'grey.100' } } as const;
/** the same, kept in view at the bottom of a scrolling table */
export const STICKY_TOTAL_ROW_SX = { '& td, & th': { ...TOTAL_ROW_SX['& td, & th'], position: 'sticky', bottom: 0, zIndex: 1, borderTop: 1, borderColor: 'divider' } } as const;

export function MoneyCell({ fen, muted = false }: { fen: number; /** grey when zero (nothing pending …) */ muted?: boolean }) {
  const color = fen < 0 ? 'error.main' : muted && fen === 0 ? 'text.disabled' : undefined;
  return <TableCell sx={{ ...NUMBER_SX, color }}>{formatYuan(fen)}</TableCell>;
}

export function RateCell({ rateBp }: { rateBp: number | null }) {
  return <TableCell sx={NUMBER_SX}>{formatRate(rateBp)}</TableCell>;
}

/** The columns every balance table shares, in this order. */
export const BALANCE_HEADERS = ['分配', '已拨付', '待审核/在途', '未拨付', '拨付率'] as const;

export function BalanceHeaderCells() {
  return (
    <>
      {BALANCE_HEADERS.map((h) => (
        <TableCell key={h} align="right" sx={{ whiteSpace: 'nowrap' }} title={h === '待审核/在途' ? '已登记尚未拨付（待审核、已审核）的金额' : undefined}>
          {h}
        </TableCell>
      ))}
    </>
  );
}

export function BalanceCells({ balance }: { balance: Balance }) {
  return (
    <>
      <MoneyCell fen={balance.allocatedFen} />
      <MoneyCell fen={balance.paidFen} />
      <MoneyCell fen={balance.pendingFen} muted />
      <MoneyCell fen={balance.unpaidFen} />
      <RateCell rateBp={balance.rateBp} />
    </>
  );
}
