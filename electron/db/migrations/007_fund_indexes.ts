import type { Migration } from './types';

/**
 * FROZEN: never edit a migration that has shipped; add a new one instead.
 *
 * 经费台账 at scale (tests/bench/funds.bench.ts, 1,000,000 disbursement rows): every ledger,
 * balance and report reads one programme's (or one year's) rows. Without an index on
 * fund_allocations(programme_id) SQLite could only start from the disbursements and scanned all
 * of them for each programme. Starting from the programme's allocations, the rows are then
 * reached by allocation, and with status and amount in that index the sums (待审核/在途, 已拨付)
 * are read from the index alone. The new index begins with allocation_id, so it also serves
 * everything the old single-column one did (the ledger triggers included), which is dropped.
 */
export const m007FundIndexes: Migration = {
  version: 7,
  name: '经费台账：按项目读取分配、按分配汇总拨付的索引',
  sql: `
CREATE INDEX fund_allocations_programme ON fund_allocations(programme_id);
CREATE INDEX fund_disbursements_allocation_sums ON fund_disbursements(allocation_id, status, amount_fen);
DROP INDEX fund_disbursements_allocation;
`,
};
