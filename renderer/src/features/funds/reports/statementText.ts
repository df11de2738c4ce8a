import type { Disbursement } from '../../../../../shared/api/funds/records';

/** Rows by id, to find what a reversal reverses (its 摘要 names the original's date and 凭证号). */
export const byId = (rows: readonly Disbursement[]) => new Map(rows.map((d) => [d.id, d]));
