import { groupByStreet, sumBalances } from '../../../shared/api/funds/ledger-layout';
import type { ProgrammeLedger } from '../../../shared/api/funds/reports';
import type { ServiceContext } from '../context';
import { organisationName } from './fund-report-data';
import { loadAllocations, loadDisbursements, loadProgramme } from './fund-query';
import { localToday } from './fund-rules';

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
    const groups = groupByStreet(allocations);
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
