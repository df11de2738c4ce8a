import { Fragment } from 'react';
import { Box } from '@mui/material';
import type { RecipientStatement } from '../../../../../shared/api/funds/reports';
import { formatRate } from '../reports/fundFormat';
import { byId } from '../reports/statementText';
import { disbursementStatusLabel, statementSummary } from '../../../../../shared/api/funds/ledger-layout';
import { BalanceSumRow, cell, centerCell, InfoLine, LedgerTable, LedgerTitle, Money, SignatureLine } from './LedgerPrintParts';

/** A4 portrait: 182 mm of width. */
const COLUMNS = [
  { header: '日期', width: '12%' },
  { header: '凭证号', width: '13%' },
  { header: '摘要', width: '28%' },
  { header: '状态', width: '8%' },
  { header: '分配金额', width: '13%' },
  { header: '拨付金额', width: '13%' },
  { header: '未拨付', width: '13%' },
];

/**
 * A recipient's 对账单 on paper: per programme a heading row with its allocation, each
 * disbursement (pending ones marked, reversals negative), the programme's 小计; the year's 合计
 * and the signature line — so a street can tick it off against its own books.
 */
export function FundStatement({ statement: s, organisation }: { statement: RecipientStatement; organisation: string }) {
  const info = [s.streetName && s.streetName !== s.name && `所属街道（镇）：${s.streetName}`, s.code && `区划代码：${s.code}`, `拨付率：${formatRate(s.total.rateBp)}`];
  return (
    <Box>
      <LedgerTitle title={`${s.name}${s.year}年度经费对账单`} left={`填报单位：${organisation}`} />
      <InfoLine items={info} />
      <LedgerTable columns={COLUMNS} label="对账单">
        {s.lines.length === 0 && (
          <tr>
            <td colSpan={COLUMNS.length} style={centerCell}>
              本年度没有分配
            </td>
          </tr>
        )}
        {s.lines.map((line) => (
          <Fragment key={line.allocation.id}>
            <tr style={{ background: '#fafafa' }}>
              <td colSpan={4} style={{ ...cell, fontWeight: 700 }}>
                {line.programmeName}
                <span style={{ fontWeight: 400, fontSize: '8.5pt' }}>
                  （{line.categoryLabel}
                  {line.allocation.dueOn ? `，应拨付日期 ${line.allocation.dueOn}` : ''}）
                </span>
              </td>
              <Money fen={line.allocation.amountFen} />
              <td style={cell} />
              <td style={cell} />
            </tr>
            {line.disbursements.map((d) => (
              <tr key={d.id} style={d.status !== 'paid' ? { color: '#555' } : undefined}>
                <td style={centerCell}>{d.paidOn}</td>
                <td style={cell}>{d.voucherNo ?? ''}</td>
                <td style={{ ...cell, fontSize: '8.5pt' }}>{statementSummary(d, d.reversesId === null ? undefined : byId(line.disbursements).get(d.reversesId))}</td>
                <td style={centerCell}>{disbursementStatusLabel(d)}</td>
                <td style={cell} />
                <Money fen={d.amountFen} style={d.status !== 'paid' ? { fontStyle: 'italic' } : undefined} />
                <td style={cell} />
              </tr>
            ))}
            <BalanceSumRow label="小计" span={4} balance={line.allocation.balance} style={{}} />
          </Fragment>
        ))}
        <BalanceSumRow label="合计" span={4} balance={s.total} />
      </LedgerTable>
      {s.total.pendingFen !== 0 && (
        <Box sx={{ fontSize: '9pt', mt: '4pt' }}>注：待审核、已审核的记录尚未拨付，不计入小计和合计的拨付金额。</Box>
      )}
      <SignatureLine />
    </Box>
  );
}
