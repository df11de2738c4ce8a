import { deliverExport } from '../files/deliver-export';
import type { z } from 'zod';
import type { StatementInput, SummaryGroup } from '../../../shared/api/funds/reports';
import type { ExportedFile } from '../../../shared/api/files';
import { DISBURSEMENT_STATUS_LABELS, type Allocation, type Balance, type Disbursement, type Programme } from '../../../shared/api/funds/records';
import { disbursementSummary, recipientNameHeader, statementSummary, sumBalances } from '../../../shared/api/funds/ledger-layout';
import { fileStamp } from '../../core/exports';
import { EXCEL_MAX_ROWS, ledgerRowCount, ledgerSheet, writeLedgerBook, type LedgerColumn, type LedgerSheet } from '../../excel/write-grouped-ledger';
import type { ServiceContext } from '../context';
import { DomainError } from '../errors';
import { readSetting } from '../settings/settings-store';
import { organisationName } from './fund-report-data';
import { loadProgramme } from './fund-query';
import { statement, summariseYear } from './fund-reports';
import { ledger } from './ledger-report';
import { localToday, yuan } from './fund-rules';

/**
 * The 经费台账 workbooks finance and auditors receive, each written from the same structure the
 * screen and the print page show (ledger, statement, yearSummary), so the file cannot disagree
 * with them: titles, 填报单位 and 单位：元, 小计 and 合计 as SUM formulas with exact cached
 * results, the signature line, A4 landscape. Every export is logged before the file is handed out.
 */

const GAP = '\u3000\u3000';
const rate = (b: Balance) => (b.rateBp === null ? null : b.rateBp / 10_000);
const session = (ctx: ServiceContext) => {
  if (!ctx.session) throw new DomainError('UNAUTHENTICATED', '请先登录');
  return ctx.session;
};
const unitLine = (organisation: string, ...parts: Array<string | null>) => [`填报单位：${organisation}`, ...parts.filter((p): p is string => !!p), '单位：元'].join(GAP);

const count = (n: number) => n.toLocaleString('en-US');

/** Refuses a sheet Excel could not hold, in words, before anything is written or logged. */
function ensureFits(rows: number, what: string, advice: string): void {
  if (rows > EXCEL_MAX_ROWS) {
    throw new DomainError('VALIDATION', `${what}，需要 ${count(rows)} 行，超过 Excel 一张工作表的上限（${count(EXCEL_MAX_ROWS)} 行），无法导出。${advice}`);
  }
}


const creatorOf = (ctx: ServiceContext) => `${ctx.actor.name}（${ctx.actor.username}）`;

// ---------------------------------------------------------------- a programme's 台账

interface LedgerLine {
  seq: number;
  a: Allocation;
}

export async function exportLedger(ctx: ServiceContext, input: { programmeId: number }): Promise<ExportedFile> {
  session(ctx);
  const programme = await loadProgramme(ctx.db, input.programmeId);
  const { paid } = await ctx.db
    .selectFrom('fund_disbursements as d')
    .innerJoin('fund_allocations as a', 'a.id', 'd.allocation_id')
    .select((eb) => eb.fn.countAll<number>().as('paid'))
    .where('a.programme_id', '=', programme.id)
    .where('d.status', '=', 'paid')
    .executeTakeFirstOrThrow();
  ensureFits(ledgerRowCount({ rows: Number(paid), groups: 1, noSubtotals: true }), `“${programme.name}”的拨付明细有 ${count(Number(paid))} 条`, '请按拨付对象分别导出对账单');

  const data = await ledger(ctx, input);
  const p = data.programme;
  const lines: LedgerLine[][] = [];
  let seq = 0;
  for (const g of data.groups) lines.push(g.lines.map((a) => ({ seq: ++seq, a })));
  const hasPersons = data.groups.some((g) => g.streetId === null);
  const nameHeader = recipientNameHeader(p, hasPersons);
  const groupRate = (rows: readonly LedgerLine[]) => rate(sumBalances(rows.map((r) => r.a.balance)));
  const summaryColumns: Array<LedgerColumn<LedgerLine>> = [
    { header: '序号', width: 6, type: 'number', align: 'center', value: (r) => r.seq },
    { header: '街道（镇）', width: 16, value: (r) => (r.a.unitId === null ? '' : r.a.streetName) },
    { header: nameHeader, width: 24, value: (r) => r.a.recipientName },
    { header: '区划代码', width: 15, value: (r) => r.a.code },
    { header: '分配金额', width: 16, type: 'yuan', value: (r) => r.a.amountFen },
    { header: '已拨付', width: 16, type: 'yuan', value: (r) => r.a.balance.paidFen },
    { header: '未拨付', width: 16, type: 'yuan', value: (r) => r.a.balance.unpaidFen },
    { header: '拨付率', width: 9, type: 'percent', value: (r) => rate(r.a.balance), total: groupRate },
    { header: '应拨付日期', width: 12, align: 'center', value: (r) => r.a.dueOn ?? p.dueOn },
    { header: '备注', width: 24, wrap: true, value: (r) => r.a.note },
  ];

  const allocationById = new Map(data.groups.flatMap((g) => g.lines.map((a) => [a.id, a] as const)));
  const paidById = new Map(data.paidRows.map((d) => [d.id, d]));
  const detailColumns: Array<LedgerColumn<Disbursement>> = [
    { header: '拨付日期', width: 12, align: 'center', value: (d) => d.paidOn },
    { header: '凭证号', width: 14, value: (d) => d.voucherNo },
    { header: '街道（镇）', width: 16, value: (d) => allocationById.get(d.allocationId)?.streetName ?? '' },
    { header: nameHeader, width: 22, value: (d) => d.recipientName },
    { header: '摘要', width: 36, wrap: true, value: (d) => disbursementSummary(d, d.reversesId === null ? undefined : paidById.get(d.reversesId)) },
    { header: '金额', width: 16, type: 'yuan', value: (d) => d.amountFen },
    { header: '经办人', width: 10, value: (d) => d.handler },
    { header: '审核人', width: 10, value: (d) => d.approver },
  ];

  const heading = `${p.year}年度${p.name}`;
  const subtitle = unitLine(data.organisation, `资金类别：${p.categoryLabel}`, p.documentNo ? `文号：${p.documentNo}` : null, p.standardText ? `标准：${p.standardText}` : null, `预算：${yuan(p.budgetFen)}`);
  const bytes = await writeLedgerBook({
    creator: creatorOf(ctx),
    sheets: [
      ledgerSheet<LedgerLine>({ sheetName: '分配及拨付汇总', title: `${heading}台账`, subtitle, columns: summaryColumns, groups: data.groups.map((g, i) => ({ label: g.streetName, rows: lines[i]! })) }),
      ledgerSheet<Disbursement>({ sheetName: '拨付明细', title: `${heading}拨付明细`, subtitle: unitLine(data.organisation, '含冲销（负数）'), columns: detailColumns, groups: [{ label: '', rows: data.paidRows }], noSubtotals: true }),
    ],
  });
  const fileName = `${heading}台账_${fileStamp(ctx.now())}.xlsx`;
  return deliverExport(ctx, { fileName, bytes }, { entity: 'fund_programme', entityId: p.id, after: { name: p.name, year: p.year, rows: data.paidRows.length } });
}

// ---------------------------------------------------------------- a recipient's 对账单

type StatementRow =
  | { kind: 'allocation'; seq: number; programmeName: string; categoryLabel: string; a: Allocation; dueOn: string | null }
  | { kind: 'disbursement'; d: Disbursement; original: Disbursement | undefined };

function statementLineSummary(r: StatementRow): string {
  if (r.kind === 'disbursement') return statementSummary(r.d, r.original);
  const due = r.dueOn ? `，应于 ${r.dueOn} 前拨付` : '';
  return `分配：${r.categoryLabel}${due}${r.a.note ? `；${r.a.note}` : ''}`;
}

const STATEMENT_COLUMNS: Array<LedgerColumn<StatementRow>> = [
  { header: '序号', width: 6, type: 'number', align: 'center', value: (r) => (r.kind === 'allocation' ? r.seq : null) },
  { header: '经费项目', width: 24, wrap: true, value: (r) => (r.kind === 'allocation' ? r.programmeName : null) },
  { header: '拨付日期', width: 12, align: 'center', value: (r) => (r.kind === 'disbursement' ? r.d.paidOn : null) },
  { header: '凭证号', width: 14, value: (r) => (r.kind === 'disbursement' ? r.d.voucherNo : null) },
  { header: '摘要', width: 34, wrap: true, value: statementLineSummary },
  { header: '状态', width: 10, align: 'center', value: (r) => (r.kind === 'allocation' ? null : r.d.reversesId !== null ? '冲销' : DISBURSEMENT_STATUS_LABELS[r.d.status]) },
  { header: '分配金额', width: 15, type: 'yuan', value: (r) => (r.kind === 'allocation' ? r.a.amountFen : null) },
  { header: '已拨付', width: 15, type: 'yuan', value: (r) => (r.kind === 'disbursement' && r.d.status === 'paid' ? r.d.amountFen : null) },
  { header: '待审核/在途', width: 15, type: 'yuan', value: (r) => (r.kind === 'disbursement' && r.d.status !== 'paid' ? r.d.amountFen : null) },
  // the allocation's own 未拨付, on its line; the 小计 adds them up
  { header: '未拨付', width: 15, type: 'yuan', value: (r) => (r.kind === 'allocation' ? r.a.balance.unpaidFen : null) },
];

export async function exportStatement(ctx: ServiceContext, input: z.output<typeof StatementInput>): Promise<ExportedFile> {
  session(ctx);
  const s = await statement(ctx, input);
  // an allocation without its own 应拨付日期 is due by the programme's
  const programmeIds = [...new Set(s.lines.map((l) => l.programmeId))];
  const programmeDue = new Map(
    programmeIds.length === 0 ? [] : (await ctx.db.selectFrom('fund_programmes').select(['id', 'due_on']).where('id', 'in', programmeIds).execute()).map((p) => [p.id, p.due_on]),
  );
  let seq = 0;
  const groups = s.lines.map((line) => {
    const byId = new Map(line.disbursements.map((d) => [d.id, d]));
    const rows: StatementRow[] = [
      { kind: 'allocation', seq: ++seq, programmeName: line.programmeName, categoryLabel: line.categoryLabel, a: line.allocation, dueOn: line.allocation.dueOn ?? programmeDue.get(line.programmeId) ?? null },
      ...line.disbursements.map((d): StatementRow => ({ kind: 'disbursement', d, original: d.reversesId === null ? undefined : byId.get(d.reversesId) })),
    ];
    return { label: line.programmeName, rows };
  });
  const rows = groups.reduce((n, g) => n + g.rows.length, 0);
  ensureFits(ledgerRowCount({ rows, groups: groups.length }), `该对账单有 ${count(rows)} 条记录`, '请联系管理员');
  const who = [s.name, s.code ? `（${s.code}）` : ''].join('');
  const bytes = await writeLedgerBook({
    creator: creatorOf(ctx),
    sheets: [
      ledgerSheet<StatementRow>({
        sheetName: '对账单',
        title: `${s.year}年度经费对账单 — ${s.name}`,
        subtitle: unitLine(await organisationName(ctx.db), `拨付对象：${who}`, s.streetName && s.streetName !== s.name ? `所属街道（镇）：${s.streetName}` : null),
        columns: STATEMENT_COLUMNS,
        groups,
      }),
    ],
  });
  const fileName = `${s.year}年度经费对账单_${s.name}_${fileStamp(ctx.now())}.xlsx`;
  return deliverExport(ctx, { fileName, bytes }, { entity: 'fund_allocation', entityId: null, after: { name: s.name, ...(s.code ? { code: s.code } : {}), year: s.year, rows: s.lines.length } });
}

// ---------------------------------------------------------------- the year's 经费汇总

const figureColumns = <R>(budget: (r: R) => number, balance: (r: R) => Balance): Array<LedgerColumn<R>> => [
  { header: '预算', width: 16, type: 'yuan', value: budget },
  { header: '已分配', width: 16, type: 'yuan', value: (r) => balance(r).allocatedFen },
  { header: '已拨付', width: 16, type: 'yuan', value: (r) => balance(r).paidFen },
  { header: '未拨付', width: 16, type: 'yuan', value: (r) => balance(r).unpaidFen },
  { header: '拨付率', width: 9, type: 'percent', value: (r) => rate(balance(r)), total: (rows) => rate(sumBalances(rows.map(balance))) },
];

const groupSheet = (sheetName: string, title: string, subtitle: string, header: string, rows: SummaryGroup[]): LedgerSheet<never> =>
  ledgerSheet<SummaryGroup>({
    sheetName,
    title,
    subtitle,
    columns: [
      { header, width: 30, value: (g) => g.label },
      { header: '项目数', width: 8, type: 'number', sum: true, value: (g) => g.programmes },
      ...figureColumns<SummaryGroup>((g) => g.budgetFen, (g) => g.balance),
    ],
    groups: [{ label: '', rows }],
    noSubtotals: true,
  });

export async function exportYearSummary(ctx: ServiceContext, input: { year: number }): Promise<ExportedFile> {
  session(ctx);
  const { summary, programmes } = await ctx.db.transaction().execute((trx) => summariseYear(trx, localToday(ctx), input.year));
  const subtitle = unitLine(await organisationName(ctx.db));
  const numbered = programmes.map((p, i) => ({ seq: i + 1, p }));
  const bytes = await writeLedgerBook({
    creator: creatorOf(ctx),
    sheets: [
      groupSheet('按资金类别', `${input.year}年度经费汇总（按资金类别）`, subtitle, '资金类别', summary.byCategory),
      groupSheet('按资金来源层级', `${input.year}年度经费汇总（按资金来源层级）`, subtitle, '资金来源层级', summary.bySourceLevel),
      ledgerSheet<{ seq: number; p: Programme }>({
        sheetName: '项目明细',
        title: `${input.year}年度经费项目明细`,
        subtitle,
        columns: [
          { header: '序号', width: 6, type: 'number', align: 'center', value: (r) => r.seq },
          { header: '经费项目', width: 26, wrap: true, value: (r) => r.p.name },
          { header: '资金类别', width: 20, wrap: true, value: (r) => r.p.categoryLabel },
          { header: '资金来源层级', width: 10, align: 'center', value: (r) => r.p.sourceLevelLabel },
          { header: '文号', width: 18, value: (r) => r.p.documentNo },
          { header: '拨付对象', width: 9, align: 'center', value: (r) => r.p.recipientKindLabel },
          ...figureColumns<{ seq: number; p: Programme }>((r) => r.p.budgetFen, (r) => r.p.balance),
          { header: '应拨付日期', width: 12, align: 'center', value: (r) => r.p.dueOn },
        ],
        groups: [{ label: '', rows: numbered }],
        noSubtotals: true,
      }),
    ],
  });
  // district-wide, so named by the district as the other district reports are
  const district = await readSetting(ctx.db, 'district');
  const fileName = `${district?.name ?? ''}${input.year}年度经费汇总_${fileStamp(ctx.now())}.xlsx`;
  return deliverExport(ctx, { fileName, bytes }, { entity: 'fund_programme', entityId: null, after: { year: input.year, rows: programmes.length } });
}
