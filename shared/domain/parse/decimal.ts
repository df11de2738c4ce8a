import { toHalfWidth } from '../text';

/**
 * Exact decimals from text, with integer arithmetic only (never a float multiplication):
 * the building block of the money, integer and decimal parsers.
 */

/** value = (negative ? -1 : 1) × digits × 10^-scale; digits has no leading zeros ('0' for zero). */
export interface ExactDecimal {
  negative: boolean;
  digits: string;
  scale: number;
}

const PLAIN = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d{1,4}))?$/;

/** '1234.50', '-0.5', '.5', '1.2E+5' → an exact decimal; null for anything else. No separators here. */
export function exactDecimal(text: string): ExactDecimal | null {
  const m = PLAIN.exec(text);
  if (!m) return null;
  const [, sign, whole = '', fraction = '', exp = '0'] = m;
  if (whole === '' && fraction === '') return null;
  let digits = `${whole}${fraction}`;
  let scale = fraction.length - Number(exp);
  if (scale < 0) {
    digits += '0'.repeat(-scale);
    scale = 0;
  }
  // drop fractional zeros, then leading zeros
  while (scale > 0 && digits.endsWith('0')) {
    digits = digits.slice(0, -1);
    scale--;
  }
  digits = digits.replace(/^0+/, '');
  if (digits === '') return { negative: false, digits: '0', scale: 0 };
  return { negative: sign === '-', digits, scale };
}

/**
 * The decimal times 10^places as an integer, or null when that leaves a fraction (the value has
 * more than `places` decimals) — never rounded.
 */
export function scaledInteger(d: ExactDecimal, places: number): bigint | null {
  if (d.scale > places) return null;
  const n = BigInt(d.digits + '0'.repeat(places - d.scale));
  return d.negative ? -n : n;
}

/** The decimal as plain text: '-1234.5'. */
export function decimalText(d: ExactDecimal): string {
  const { scale } = d;
  const digits = d.digits.padStart(scale + 1, '0');
  const int = scale ? digits.slice(0, digits.length - scale) : digits;
  const frac = scale ? digits.slice(digits.length - scale) : '';
  return `${d.negative ? '-' : ''}${int}${frac ? `.${frac}` : ''}`;
}

export type NumberTextProblem = 'grouping' | 'not-a-number';

/**
 * What a clerk typed, as plain numeric text: full-width digits and signs made half-width, the
 * minus signs of CJK input methods (－ − —) made '-', spaces removed, and thousands separators
 * (',' '，') removed — only where they group by three ('1,234,567.5'); '12,34' is refused
 * rather than read as 1234 (it may be a decimal comma).
 */
export function plainNumberText(raw: string): { ok: true; text: string } | { ok: false; problem: NumberTextProblem } {
  let text = toHalfWidth(raw)
    .replace(/[\u2212\u2012\u2013\u2014\ufe63]/g, '-')
    .replace(/[\u00a0\u2000-\u200b\u202f\u205f\ufeff]/g, ' ')
    .trim();
  // a space between digits is a separator (French style); other spaces are noise
  text = text.replace(/(\d) +(?=\d)/g, '$1,').replace(/ +/g, '');
  if (text.includes(',')) {
    const m = /^([+-]?)([\d,]*)(\.\d*)?$/.exec(text);
    if (!m) return { ok: false, problem: 'not-a-number' };
    const [, sign = '', whole = '', fraction = ''] = m;
    if (!/^\d{1,3}(,\d{3})*$/.test(whole)) return { ok: false, problem: 'grouping' };
    text = `${sign}${whole.replace(/,/g, '')}${fraction}`;
  }
  return exactDecimal(text) ? { ok: true, text } : { ok: false, problem: 'not-a-number' };
}
