import { Fragment } from 'react';
import { Box } from '@mui/material';
import type { ProgrammeLedger } from '../../../../../shared/api/funds/reports';
import type { Disbursement } from '../../../../../shared/api/funds/records';
import { formatYuan } from '../../../../../shared/domain/money';
import { formatRate } from '../reports/fundFormat';
import { byId } from '../reports/statementText';
import { disbursementSummary, recipientNameHeader } from '../../../../../shared/api/funds/ledger-layout';
import { BalanceSumRow, cell, centerCell, InfoLine, LedgerTable, LedgerTitle, Money, numCell, SectionTitle, SignatureLine, sumRow } from './LedgerPrintParts';

/** The allocation table's columns (A4 landscape: 269 mm of width), as the Excel ledger has them. */
const columns = (nameHeader: string) => [
  { header: '序号', width: '5%' },
  { header: '街道（镇）', width: '12%' },
  { header: nameHeader, width: '17%' },
  { header: '区划代码', width: '11%' },
  { header: '分配金额', width: '10.5%' },
  { header: '已拨付', width: '10.5%' },
  { header: '未拨付', width: '10.5%' },
  { header: '拨付率', width: '6.5%' },
  { header: '应拨付日期', width: '8%' },
  { header: '备注', width: '9%' },
];

/** The 拨付明细 columns, as the export's second sheet has them. */
const detailColumns = (nameHeader: string) => [
  { header: '拨付日期', width: '9%' },
  { header: '凭证号', width: '12%' },
  { header: '街道（镇）', width: '12%' },
  { header: nameHeader, width: '17%' },
  { header: '摘要', width: '24%' },
  { header: '金额', width: '12%' },
  { header: '经办人', width: '7%' },
  { header: '审核人', width: '7%' },
];

/**
 * A programme's 台账 on paper, from the same structure as the Excel export (funds.ledger):
 * the allocations by street with 小计 rows and the 合计, then the 拨付明细 — every paid row,
 * reversals negative — with its 合计, and the signature line.
 */
export function FundLedger({ ledger }: { ledger: ProgrammeLedger }) {
  const p = ledger.programme;
  const info = [
    `资金类别：${p.categoryLabel}`,
    `资金来源：${p.sourceLevelLabel}`,
    p.documentNo && `文号：${p.documentNo}`,
    p.standardText && `拨付标准：${p.standardText}`,
    `预算：${formatYuan(p.budgetFen)}`,
  ].filter(Boolean);
  // 序号 runs through the whole table, across the street groups
  const serialOf = new Map(ledger.groups.flatMap((g) => g.lines).map((a, i) => [a.id, i + 1]));
  const paidTotal = ledger.paidRows.reduce((n, d) => n + d.amountFen, 0);
  const nameHeader = recipientNameHeader(p, ledger.groups.some((g) => g.streetId === null));
  const mainCols = columns(nameHeader);
  const detailCols = detailColumns(nameHeader);
  const paidById = byId(ledger.paidRows);
  const allocationById = new Map(ledger.groups.flatMap((g) => g.lines.map((a) => [a.id, a] as const)));
  // persons have no street; a unit's street is its allocation's
  const streetOf = (d: Disbursement) => {
    const a = allocationById.get(d.allocationId);
    return a && a.unitId !== null ? (a.streetName ?? '') : '';
  };
  return (
    <Box>
      <LedgerTitle title={`${p.year}年度${p.name}台账`} left={`填报单位：${ledger.organisation}`} />
      <InfoLine items={info} />
      <LedgerTable columns={mainCols} label="分配和拨付">
        {ledger.groups.length === 0 && (
          <tr>
            <td colSpan={mainCols.length} style={centerCell}>
              尚未分配
            </td>
          </tr>
        )}
        {ledger.groups.map((g) => (
          <Fragment key={g.streetId ?? 'persons'}>
            {g.lines.map((a) => (
              <tr key={a.id}>
                <td style={centerCell}>{serialOf.get(a.id)}</td>
                <td style={cell}>{a.unitId === null ? '' : (a.streetName ?? '')}</td>
                <td style={cell}>{a.recipientName}</td>
                <td style={{ ...cell, fontVariantNumeric: 'tabular-nums' }}>{a.code ?? ''}</td>
                <Money fen={a.amountFen} />
                <Money fen={a.balance.paidFen} />
                <Money fen={a.balance.unpaidFen} />
                <td style={numCell}>{formatRate(a.balance.rateBp)}</td>
                <td style={centerCell}>{a.dueOn ?? p.dueOn ?? ''}</td>
                <td style={{ ...cell, fontSize: '8.5pt' }}>{a.note ?? ''}</td>
              </tr>
            ))}
            <BalanceSumRow label={`${g.streetName}小计`} span={4} balance={g.subtotal} rate blank={2} />
          </Fragment>
        ))}
        <BalanceSumRow label="合计" span={4} balance={ledger.total} rate blank={2} />
      </LedgerTable>
      <SectionTitle>拨付明细（含冲销，冲销为负数）</SectionTitle>
      <LedgerTable columns={detailCols} label="拨付明细">
        {ledger.paidRows.length === 0 && (
          <tr>
            <td colSpan={detailCols.length} style={centerCell}>
              尚无已拨付的记录
            </td>
          </tr>
        )}
        {ledger.paidRows.map((d) => (
          <tr key={d.id}>
            <td style={centerCell}>{d.paidOn}</td>
            <td style={cell}>{d.voucherNo ?? ''}</td>
            <td style={cell}>{streetOf(d)}</td>
            <td style={cell}>{d.recipientName}</td>
            <td style={{ ...cell, fontSize: '8.5pt' }}>{disbursementSummary(d, d.reversesId === null ? undefined : paidById.get(d.reversesId))}</td>
            <Money fen={d.amountFen} />
            <td style={cell}>{d.handler ?? ''}</td>
            <td style={cell}>{d.approver ?? ''}</td>
          </tr>
        ))}
        <tr style={sumRow}>
          <td colSpan={5} style={centerCell}>
            合计
          </td>
          <Money fen={paidTotal} />
          <td colSpan={2} style={cell} />
        </tr>
      </LedgerTable>
      <SignatureLine />
    </Box>
  );
}
