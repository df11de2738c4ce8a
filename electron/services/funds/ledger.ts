import { sumBalances } from '../../../shared/api/fund-ledger';
import type { LedgerGroup, ProgrammeLedger } from '../../../shared/api/fund-reports';
import type { Allocation } from '../../../shared/api/funds';
import type { ServiceContext } from '../context';
import { loadStreets, organisationName } from './fund-report-data';
import { loadAllocations, loadDisbursements, loadProgramme } from './fund-query';
import { localToday } from './fund-rules';

/** The group of the allocations to persons (书记津贴 …), after the streets. */
export const PERSONS_GROUP = '个人';

/**
 * A programme's ledger, printed and exported from this one structure: its allocations grouped by
 * street in street-code order — the street's own allocation first, then its 村/社区 by code —
 * each group with its 小计, the persons last, the 合计, and every 已拨付 row (reversals
 * negative) by date for the 拨付明细. Read in one transaction, so the 合计 and the 拨付明细
 * describe the same moment.
 */
export async function ledger(ctx: ServiceContext, input: { programmeId: number }): Promise<ProgrammeLedger> {
  return ctx.db.transaction().execute(async (trx) => {
    const programme = await loadProgramme(trx, input.programmeId);
    const allocations = await loadAllocations(trx, localToday(ctx), { programmeId: programme.id });
    const groups = groupByStreet(allocations, await loadStreets(trx));
    const paidRows = (await loadDisbursements(trx, { programmeId: programme.id })).filter((d) => d.status === 'paid');
    return {
      programme,
      groups,
      total: sumBalances(groups.map((g) => g.subtotal)),
      paidRows,
      organisation: await organisationName(trx),
    };
  });
}

/** Allocations by street (street code order), the street itself first; persons as the last group. */
export function groupByStreet(allocations: readonly Allocation[], streets: ReadonlyArray<{ id: number; code: string }>): LedgerGroup[] {
  const order = new Map(streets.map((s, i) => [s.id, i]));
  const byStreet = new Map<number | null, Allocation[]>();
  for (const a of allocations) {
    const key = a.unitId === null ? null : a.streetId;
    const lines = byStreet.get(key) ?? [];
    lines.push(a);
    byStreet.set(key, lines);
  }
  const rank = (key: number | null) => (key === null ? Number.MAX_SAFE_INTEGER : (order.get(key) ?? Number.MAX_SAFE_INTEGER - 1));
  const ownFirst = (streetId: number | null) => (a: Allocation, b: Allocation) =>
    Number(b.unitId === streetId) - Number(a.unitId === streetId) || (a.code ?? '').localeCompare(b.code ?? '') || a.id - b.id;
  return [...byStreet.entries()]
    .sort(([a], [b]) => rank(a) - rank(b) || (a ?? 0) - (b ?? 0))
    .map(([streetId, lines]) => {
      // persons keep the loader's order (by allocation)
      const sorted = streetId === null ? lines : [...lines].sort(ownFirst(streetId));
      return {
        streetId,
        streetName: streetId === null ? PERSONS_GROUP : (sorted[0]!.streetName ?? ''),
        lines: sorted,
        subtotal: sumBalances(sorted.map((a) => a.balance)),
      };
    });
}
