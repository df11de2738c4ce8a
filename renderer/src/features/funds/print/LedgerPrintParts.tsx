import type { CSSProperties, ReactNode } from 'react';
import { Box, Typography } from '@mui/material';
import { formatYuan } from '../../../../../shared/domain/money';
import { LEDGER_SIGNATURES } from '../../../../../shared/api/funds/ledger-layout';
import type { Balance } from '../../../../../shared/api/funds/records';
import { formatRate } from '../reports/fundFormat';

/**
 * The pieces every printed 经费台账 form shares, as finance and auditors expect them on paper
 * (and as the Excel ledger writes them): a centred title, the 填报单位 / 单位：元 line, ruled
 * tables (their header repeats on every page and no row is cut in two: the print CSS of every
 * print view does that, features/print/print-css.ts), 小计 and 合计 rows in bold, and the
 * signature line.
 */

export const cell: CSSProperties = { border: '0.75pt solid #000', padding: '2.5pt 4pt', verticalAlign: 'middle', overflowWrap: 'anywhere' };
const headCell: CSSProperties = { ...cell, background: '#eee', fontWeight: 700, textAlign: 'center' };
export const numCell: CSSProperties = { ...cell, textAlign: 'right', fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' };
export const centerCell: CSSProperties = { ...cell, textAlign: 'center' };
/** 小计 / 合计 rows */
export const sumRow: CSSProperties = { fontWeight: 700, background: '#f5f5f5' };

/** Money in a ruled table: 元, two decimals; a reversal (negative) in red. */
export function Money({ fen, style }: { fen: number; style?: CSSProperties }) {
  return <td style={{ ...numCell, ...(fen < 0 ? { color: '#c00' } : null), ...style }}>{formatYuan(fen)}</td>;
}

/** The ruled table: fixed column widths (percent), a header row (repeated on each printed page by the print CSS). */
export function LedgerTable({ columns, label, children }: { columns: ReadonlyArray<{ header: string; width: string }>; label: string; children: ReactNode }) {
  return (
    <table aria-label={label} style={{ width: '100%', borderCollapse: 'collapse', tableLayout: 'fixed', fontSize: '9.5pt' }}>
      <colgroup>
        {columns.map((c) => (
          <col key={c.header} style={{ width: c.width }} />
        ))}
      </colgroup>
      <thead>
        <tr>
          {columns.map((c) => (
            <th key={c.header} style={headCell}>
              {c.header}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>{children}</tbody>
    </table>
  );
}

export function LedgerTitle({ title, left, right = '单位：元' }: { title: string; left: ReactNode; right?: ReactNode }) {
  return (
    <>
      <Typography component="h1" sx={{ textAlign: 'center', fontSize: '16pt', fontWeight: 700, letterSpacing: '1pt', color: '#000', overflowWrap: 'anywhere' }}>
        {title}
      </Typography>
      <Box sx={{ display: 'flex', justifyContent: 'space-between', gap: '12pt', fontSize: '9.5pt', mt: '6pt', mb: '3pt' }}>
        <span>{left}</span>
        <span style={{ whiteSpace: 'nowrap' }}>{right}</span>
      </Box>
    </>
  );
}

/** The facts under the title (文号, 标准, 区划代码 …), spaced as the Excel line is. */
export function InfoLine({ items }: { items: ReadonlyArray<string | false | null | undefined | ''> }) {
  return <Box sx={{ fontSize: '9.5pt', mb: '4pt' }}>{items.filter(Boolean).join('\u3000\u3000')}</Box>;
}

/**
 * A 小计 or 合计 row: the label across the first `span` columns, then 分配 / 已拨付 / 未拨付 of
 * the balance, 拨付率 when `rate`, and `blank` empty cells to the table's end.
 */
export function BalanceSumRow({ label, span, balance, rate = false, blank = 0, style = sumRow }: { label: ReactNode; span: number; balance: Balance; rate?: boolean; blank?: number; style?: CSSProperties }) {
  return (
    <tr style={style}>
      <td colSpan={span} style={centerCell}>
        {label}
      </td>
      <Money fen={balance.allocatedFen} />
      <Money fen={balance.paidFen} />
      <Money fen={balance.unpaidFen} />
      {rate && <td style={numCell}>{formatRate(balance.rateBp)}</td>}
      {Array.from({ length: blank }, (_, i) => (
        <td key={i} style={cell} />
      ))}
    </tr>
  );
}

export function SectionTitle({ children }: { children: ReactNode }) {
  return <Typography sx={{ fontSize: '11pt', fontWeight: 700, mt: '10pt', mb: '3pt', color: '#000', breakAfter: 'avoid' }}>{children}</Typography>;
}

/** 单位负责人 / 审核人 / 填表人 / 报出日期 — each with room to sign; kept on the same page as the table's end. */
export function SignatureLine() {
  return (
    <Box sx={{ display: 'flex', justifyContent: 'space-between', fontSize: '10pt', mt: '14pt', breakInside: 'avoid', breakBefore: 'avoid' }} data-testid="signature-line">
      {LEDGER_SIGNATURES.map((label) => (
        <span key={label} style={{ flex: 1 }}>
          {label}
        </span>
      ))}
    </Box>
  );
}
