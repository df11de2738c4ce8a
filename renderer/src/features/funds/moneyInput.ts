import { z } from 'zod';
import { fenAmount } from '../../../../shared/api/funds/records';
import { FEN_PER_WAN, FEN_PER_YUAN, formatAmount, parseAmount } from '../../../../shared/domain/money';
import type { MoneyUnit } from '../../../../shared/domain/parse/money';
import { toHalfWidth } from '../../../../shared/domain/text';

/**
 * An amount as a form holds it: the text the clerk typed and the unit it is typed in (元 or
 * 万元). It becomes integer 分 exactly (shared/domain/money.ts parseAmount) — never through a
 * float — and is then checked by the contract's own fenAmount, so the form and the service
 * refuse the same amounts with the same words.
 */
export interface MoneyValue {
  text: string;
  unit: MoneyUnit;
}

export const FEN_PER_UNIT: Record<MoneyUnit, number> = { 元: FEN_PER_YUAN, 万元: FEN_PER_WAN };

/** The text as the parser reads it: half-width, without thousands separators or spaces. */
const clean = (text: string) => toHalfWidth(text).trim().replace(/[,，\s]/g, '');

/** 分 of a typed amount, or null when blank or not an exact amount. */
export function moneyToFen(value: MoneyValue): number | null {
  const text = clean(value.text);
  return text === '' ? null : parseAmount(text, FEN_PER_UNIT[value.unit]);
}

/** A stored amount as the field shows it in `unit` (no trailing zeros); '' for none. */
export const fenToMoney = (fen: number | null | undefined, unit: MoneyUnit): MoneyValue => ({ text: fen === null || fen === undefined ? '' : formatAmount(fen, FEN_PER_UNIT[unit]), unit });

/** The same amount in the other unit when it reads as one (else the text stays as typed). */
export function switchUnit(value: MoneyValue, unit: MoneyUnit): MoneyValue {
  const fen = moneyToFen(value);
  return fen === null ? { ...value, unit } : fenToMoney(fen, unit);
}

/** Text → 分 (null when blank), with the message that says what is wrong with the text. */
function typedFen(label: string) {
  return z.custom<MoneyValue>((v) => typeof v === 'object' && v !== null && 'text' in v, `请填写${label}`).transform((value, ctx) => {
    const text = clean(value.text);
    if (text === '') return null;
    const m = /^-?\d+(?:\.(\d*))?$/.exec(text);
    if (!m) {
      ctx.addIssue({ code: 'custom', message: `${label}应为金额（${value.unit}），如 ${value.unit === '万元' ? '12.5' : '125000.00'}` });
      return z.NEVER;
    }
    const fen = parseAmount(text, FEN_PER_UNIT[value.unit]);
    if (fen === null) {
      const places = value.unit === '万元' ? 6 : 2;
      const tooPrecise = (m[1] ?? '').length > places;
      ctx.addIssue({ code: 'custom', message: tooPrecise ? `${label}应精确到分（以${value.unit}填写最多${places}位小数）` : `${label}过大` });
      return z.NEVER;
    }
    return fen;
  });
}

/** A required amount: typed text → 分 → the contract's fenAmount (positive, whole 分, not too large). */
export const requiredMoney = (label: string) => typedFen(label).pipe(fenAmount(label));

/** An optional amount: blank is null. */
export const optionalMoney = (label: string) => typedFen(label).pipe(fenAmount(label).nullable());
