import type { Allocation } from '../../../shared/api/funds/records';
import { defaultDepartmentName } from '../../../shared/api/setup';
import type { Db } from '../context';
import { readSetting } from '../settings/settings-store';
import { loadAllocations } from './fund-query';

/**
 * What the 经费台账 reports share: the allocations of a set of programmes, read through the same
 * loader the programme page uses (so a report's line is exactly the page's line), and adding up
 * balances — a report's total is always the sum of the rows it shows.
 */



export interface ProgrammeRef {
  id: number;
  name: string;
  year: number;
  due_on: string | null;
}

/** Each programme's allocations (balances as of `today`), in the programmes' order. */
export async function allocationsOf<P extends { id: number }>(db: Db, today: string, programmes: readonly P[]): Promise<Array<{ programme: P; allocations: Allocation[] }>> {
  const out: Array<{ programme: P; allocations: Allocation[] }> = [];
  for (const programme of programmes) out.push({ programme, allocations: await loadAllocations(db, today, { programmeId: programme.id }) });
  return out;
}

/** The streets, by code: their order in every report, and their names. */
export async function loadStreets(db: Db): Promise<Array<{ id: number; code: string; name: string; status: string }>> {
  return db.selectFrom('org_units').select(['id', 'code', 'name', 'status']).where('level', '=', 'street').orderBy('code').orderBy('id').execute();
}

/** 填报单位 on every ledger: the department as set up, else its usual name, else the district. */
export async function organisationName(db: Db): Promise<string> {
  const department = await readSetting(db, 'departmentName');
  if (department && department.trim() !== '') return department.trim();
  const district = await readSetting(db, 'district');
  return district ? defaultDepartmentName(district.name) : '';
}

/** Whole days from `from` to `to` (both YYYY-MM-DD). */
export function daysBetween(from: string, to: string): number {
  const day = (d: string) => Date.UTC(Number(d.slice(0, 4)), Number(d.slice(5, 7)) - 1, Number(d.slice(8, 10)));
  return Math.round((day(to) - day(from)) / 86_400_000);
}

/** Persons are listed by name as a Chinese reader expects (pinyin order). */
export const byChineseName = new Intl.Collator('zh-CN').compare;
