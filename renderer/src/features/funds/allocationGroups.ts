import type { Allocation, Balance } from '../../../../shared/api/funds';
import { sumBalances } from './reports/fundFormat';

export interface AllocationGroup {
  /** null: allocations to persons */
  streetId: number | null;
  streetName: string;
  lines: Allocation[];
  subtotal: Balance;
}

/**
 * Allocations by street, as the service orders them (code order: a street, then its 村/社区;
 * persons last), so a street's lines are consecutive. Persons form one group '个人'.
 */
export function groupByStreet(allocations: readonly Allocation[]): AllocationGroup[] {
  const groups: AllocationGroup[] = [];
  for (const a of allocations) {
    const last = groups[groups.length - 1];
    if (last && last.streetId === a.streetId) last.lines.push(a);
    else groups.push({ streetId: a.streetId, streetName: a.streetId === null ? '个人' : (a.streetName ?? ''), lines: [a], subtotal: a.balance });
  }
  for (const g of groups) g.subtotal = sumBalances(g.lines.map((l) => l.balance));
  return groups;
}

/** What can still be registered against an allocation: allocated − paid − in flight. */
export const registrableFen = (a: Allocation) => a.balance.unpaidFen - a.balance.pendingFen;
