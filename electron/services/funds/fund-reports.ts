import type { z } from 'zod';
import { sumBalances } from '../../../shared/api/funds/ledger-layout';
import {
  recipientKey,
  type OverdueAllocation,
  type OverdueInput,
  type RecipientBalance,
  type RecipientBalancesInput,
  type RecipientStatement,
  type StatementInput,
  type StreetBalances,
  type SummaryGroup,
  type YearSummary,
} from '../../../shared/api/funds/reports';
import type { Allocation, Balance, Programme } from '../../../shared/api/funds/records';
import type { DictionaryName } from '../../../shared/domain/dictionaries';
import type { Db, ServiceContext } from '../context';
import { findUnit } from '../units/unit-row';
import { notFound } from '../errors';
import { allocationsOf, byChineseName, daysBetween, loadStreets, type ProgrammeRef } from './fund-report-data';
import { loadDisbursement, loadProgrammes } from './fund-query';
import { localToday } from './fund-rules';
import { labelOf, loadLabels } from './recipients';

export { ledger } from './ledger-report';

/**
 * 经费台账 reports (shared/api/fund-reports.ts): the year by category and source level, balances
 * per recipient and per street, a recipient's statement, overdue allocations. Every figure comes
 * from the allocations as the programme page loads them (fund-query.ts) and every total is the
 * sum of the rows the report shows. Each report reads in one transaction.
 */

// ---------------------------------------------------------------- the year

/** Programme groups in dictionary order (values no longer in the dictionary last); empty groups left out. */
async function groupBy(db: Db, programmes: readonly Programme[], dict: DictionaryName, keyOf: (p: Programme) => { value: string; label: string }): Promise<SummaryGroup[]> {
  const items = await db.selectFrom('dict_items').select(['value', 'sort_order']).where('dict', '=', dict).execute();
  const order = new Map(items.map((i) => [i.value, i.sort_order]));
  const groups = new Map<string, { label: string; members: Programme[] }>();
  for (const p of programmes) {
    const { value, label } = keyOf(p);
    const group = groups.get(value) ?? { label, members: [] };
    group.members.push(p);
    groups.set(value, group);
  }
  const rank = (value: string) => order.get(value) ?? Number.MAX_SAFE_INTEGER;
  return [...groups.entries()]
    .sort(([a], [b]) => rank(a) - rank(b) || a.localeCompare(b))
    .map(([value, g]) => ({
      value,
      label: g.label,
      programmes: g.members.length,
      budgetFen: g.members.reduce((n, p) => n + p.budgetFen, 0),
      balance: sumBalances(g.members.map((p) => p.balance)),
    }));
}

/** The year's summary and the programmes it sums (one read, for the export's 项目明细). */
export async function summariseYear(db: Db, today: string, year: number): Promise<{ summary: YearSummary; programmes: Programme[] }> {
  const programmes = await loadProgrammes(db, { year });
  const late = await overdueAllocations(db, today, year);
  const summary: YearSummary = {
    year,
    programmes: programmes.length,
    budgetFen: programmes.reduce((n, p) => n + p.budgetFen, 0),
    balance: sumBalances(programmes.map((p) => p.balance)),
    byCategory: await groupBy(db, programmes, 'fund_category', (p) => ({ value: p.category, label: p.categoryLabel })),
    bySourceLevel: await groupBy(db, programmes, 'fund_source_level', (p) => ({ value: p.sourceLevel, label: p.sourceLevelLabel })),
    overdue: { allocations: late.length, unpaidFen: late.reduce((n, o) => n + o.allocation.balance.unpaidFen, 0) },
  };
  return { summary, programmes };
}

export async function yearSummary(ctx: ServiceContext, input: { year: number }): Promise<YearSummary> {
  return (await ctx.db.transaction().execute((trx) => summariseYear(trx, localToday(ctx), input.year))).summary;
}

async function programmesOfYear(db: Db, year: number): Promise<ProgrammeRef[]> {
  return db.selectFrom('fund_programmes').select(['id', 'name', 'year', 'due_on']).where('year', '=', year).orderBy('id').execute();
}

// ---------------------------------------------------------------- per recipient, per street

interface Accumulated {
  first: Allocation;
  programmes: Set<number>;
  overdue: number;
  balances: Balance[];
}

/** Every allocation of the year, by recipient (recipientKey). */
async function byRecipient(db: Db, today: string, year: number): Promise<Map<string, Accumulated>> {
  const out = new Map<string, Accumulated>();
  for (const { programme, allocations } of await allocationsOf(db, today, await programmesOfYear(db, year))) {
    for (const a of allocations) {
      const key = recipientKey(a);
      const acc = out.get(key) ?? { first: a, programmes: new Set<number>(), overdue: 0, balances: [] };
      acc.programmes.add(programme.id);
      if (a.overdue) acc.overdue++;
      acc.balances.push(a.balance);
      out.set(key, acc);
    }
  }
  return out;
}

export async function recipientBalances(ctx: ServiceContext, input: z.output<typeof RecipientBalancesInput>): Promise<RecipientBalance[]> {
  const search = input.search.toLowerCase();
  const recipients = await ctx.db.transaction().execute((trx) => byRecipient(trx, localToday(ctx), input.year));
  const rows: RecipientBalance[] = [];
  for (const [key, acc] of recipients) {
    const a = acc.first;
    if (input.streetId !== null && (a.unitId === null || a.streetId !== input.streetId)) continue;
    if (search && !a.recipientName.toLowerCase().includes(search) && !(a.code ?? '').toLowerCase().includes(search)) continue;
    rows.push({
      key,
      unitId: a.unitId,
      personName: a.personName,
      name: a.recipientName,
      code: a.code,
      streetId: a.streetId,
      streetName: a.streetName,
      programmes: acc.programmes.size,
      overdueAllocations: acc.overdue,
      balance: sumBalances(acc.balances),
    });
  }
  // units by code, then persons by name
  return rows.sort((x, y) => Number(x.unitId === null) - Number(y.unitId === null) || (x.code ?? '').localeCompare(y.code ?? '') || byChineseName(x.name, y.name));
}

export async function streetBalances(ctx: ServiceContext, input: { year: number }): Promise<StreetBalances> {
  return ctx.db.transaction().execute(async (trx) => {
    const recipients = await byRecipient(trx, localToday(ctx), input.year);
    const perStreet = new Map<number, { recipients: number; balances: Balance[] }>();
    const persons: Balance[] = [];
    for (const acc of recipients.values()) {
      if (acc.first.unitId === null || acc.first.streetId === null) {
        persons.push(...acc.balances);
        continue;
      }
      const street = perStreet.get(acc.first.streetId) ?? { recipients: 0, balances: [] };
      street.recipients++;
      street.balances.push(...acc.balances);
      perStreet.set(acc.first.streetId, street);
    }
    // every active street (a street with nothing shows zeros), and a retired one that still has money
    const rows = (await loadStreets(trx))
      .filter((s) => s.status === 'active' || perStreet.has(s.id))
      .map((s) => ({ streetId: s.id, streetName: s.name, code: s.code, recipients: perStreet.get(s.id)?.recipients ?? 0, balance: sumBalances(perStreet.get(s.id)?.balances ?? []) }));
    const personsBalance = sumBalances(persons);
    return { rows, persons: personsBalance, total: sumBalances([...rows.map((r) => r.balance), personsBalance]) };
  });
}

// ---------------------------------------------------------------- one recipient's statement

export async function statement(ctx: ServiceContext, input: z.output<typeof StatementInput>): Promise<RecipientStatement> {
  return ctx.db.transaction().execute(async (trx) => {
    const who = 'unitId' in input.recipient ? { unitId: input.recipient.unitId, personName: null } : { unitId: null, personName: input.recipient.personName };
    let name = who.personName ?? '';
    let code: string | null = null;
    let streetName: string | null = null;
    if (who.unitId !== null) {
      const unit = await findUnit(trx, who.unitId);
      if (!unit) throw notFound('该拨付对象');
      name = unit.name;
      code = unit.code;
      streetName = unit.level === 'street' ? unit.name : ((await findUnit(trx, unit.parent_id ?? 0))?.name ?? null);
    }
    // only the programmes that gave this recipient something are read
    let q = trx.selectFrom('fund_programmes as p').innerJoin('fund_allocations as a', 'a.programme_id', 'p.id').select(['p.id', 'p.name', 'p.year', 'p.due_on', 'p.category']).distinct().where('p.year', '=', input.year);
    q = who.unitId !== null ? q.where('a.unit_id', '=', who.unitId) : q.where('a.person_name', '=', who.personName);
    const programmes = await q.orderBy('p.id').execute();
    const labels = await loadLabels(trx, ['fund_category']);
    const key = recipientKey(who);
    const lines: RecipientStatement['lines'] = [];
    for (const { programme, allocations } of await allocationsOf(trx, localToday(ctx), programmes)) {
      for (const allocation of allocations.filter((a) => recipientKey(a) === key)) {
        const ids = await trx.selectFrom('fund_disbursements').select('id').where('allocation_id', '=', allocation.id).orderBy('paid_on').orderBy('id').execute();
        const disbursements = [];
        for (const { id } of ids) disbursements.push(await loadDisbursement(trx, id));
        lines.push({ programmeId: programme.id, programmeName: programme.name, categoryLabel: labelOf(labels, 'fund_category', programme.category), allocation, disbursements });
      }
    }
    return { year: input.year, key, name, code, streetName, lines, total: sumBalances(lines.map((l) => l.allocation.balance)) };
  });
}

// ---------------------------------------------------------------- overdue

/** Allocations past their 应拨付日期 (own, else the programme's) on `asOf` with something unpaid; most overdue first. */
async function overdueAllocations(db: Db, asOf: string, year: number | null): Promise<OverdueAllocation[]> {
  // only programmes where something can be due before the day are read
  let q = db
    .selectFrom('fund_programmes as p')
    .select(['p.id', 'p.name', 'p.year', 'p.due_on'])
    .where((eb) => eb.or([eb('p.due_on', '<', asOf), eb.exists(eb.selectFrom('fund_allocations as a').select('a.id').whereRef('a.programme_id', '=', 'p.id').where('a.due_on', '<', asOf))]));
  if (year !== null) q = q.where('p.year', '=', year);
  const programmes = await q.orderBy('p.year').orderBy('p.id').execute();
  const out: OverdueAllocation[] = [];
  for (const { programme, allocations } of await allocationsOf(db, asOf, programmes)) {
    for (const allocation of allocations) {
      if (!allocation.overdue) continue;
      const dueOn = (allocation.dueOn ?? programme.due_on)!;
      out.push({ allocation, programmeName: programme.name, year: programme.year, dueOn, daysOverdue: daysBetween(dueOn, asOf) });
    }
  }
  // stable: equal days keep year, programme and code order
  return out.sort((a, b) => b.daysOverdue - a.daysOverdue);
}

export async function overdue(ctx: ServiceContext, input: z.output<typeof OverdueInput>): Promise<OverdueAllocation[]> {
  return ctx.db.transaction().execute((trx) => overdueAllocations(trx, input.asOf ?? localToday(ctx), input.year));
}
