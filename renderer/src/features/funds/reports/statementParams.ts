import { fundYear, Recipient } from '../../../../../shared/api/funds/records';
import type { z } from 'zod';

/**
 * Reads a statement's address (?year=2026&unitId=12 or ?year=2026&person=张三) with the
 * contract's own schemas, so a hand-edited or stale link says in Chinese what is wrong instead
 * of asking the service for nonsense. No year: `defaultYear` (the working year).
 */
export function readStatementParams(
  params: URLSearchParams,
  defaultYear: number,
): { ok: true; year: number; recipient: z.infer<typeof Recipient> } | { ok: false; message: string } {
  const yearText = params.get('year');
  const year = fundYear.safeParse(yearText === null ? defaultYear : Number(yearText));
  if (!year.success) return { ok: false, message: year.error.issues[0]?.message ?? '年度不正确' };
  const unitId = params.get('unitId');
  const person = params.get('person');
  if (unitId === null && person === null) return { ok: false, message: '没有指明拨付对象，请从“按拨付对象”列表打开对账单' };
  const recipient = Recipient.safeParse(unitId !== null ? { unitId: Number(unitId) } : { personName: person });
  if (!recipient.success) return { ok: false, message: recipient.error.issues[0]?.message ?? '拨付对象不正确' };
  return { ok: true, year: year.data, recipient: recipient.data };
}
