
/**
 * How the 经费台账 reports show a rate and add up rows. 拨付率 crosses the API in basis points
 * (10000 = 100%) so that no float is ever summed; it only becomes a percentage here, for reading.
 */

/** 8625 → "86.25%"; null (nothing allocated) → "—". */
export function formatRate(rateBp: number | null): string {
  if (rateBp === null) return '—';
  const abs = Math.abs(rateBp);
  return `${rateBp < 0 ? '-' : ''}${Math.trunc(abs / 100)}.${String(abs % 100).padStart(2, '0')}%`;
}

/** The balance of several rows, for a 合计 row the API does not send (a filtered list): the services' own rule. */
export { sumBalances } from '../../../../../shared/api/funds/ledger-layout';

/** The in-app address of a recipient's year statement (StatementPage). */
export function statementPath(year: number, recipient: { unitId: number | null; personName: string | null }): string {
  const who = recipient.unitId !== null ? `unitId=${recipient.unitId}` : `person=${encodeURIComponent(recipient.personName ?? '')}`;
  return `/funds/statement?year=${year}&${who}`;
}

/** The in-app address of a programme's page. */
export const programmePath = (programmeId: number) => `/funds/programmes/${programmeId}`;
