/**
 * Money is integer 分 (fen) everywhere it is stored or computed; people type and read 元 (two
 * decimals) or 万元. These helpers convert exactly, without floating-point drift.
 */

import { exactDecimal, scaledInteger } from './parse/decimal';

export const FEN_PER_YUAN = 100;
export const FEN_PER_WAN = 1_000_000;

/**
 * Parses a decimal amount typed in a unit worth `fenPerUnit` fen (100 for 元, 1,000,000 for 万元)
 * into integer fen. Returns null for anything that is not a plain decimal, or that has more
 * decimals than fen can hold (e.g. 0.001 元). Exact: built on the same integer-only decimal
 * reading as the Excel import (parse/decimal.ts).
 */
export function parseAmount(text: string, fenPerUnit: number): number | null {
  const cleaned = text.trim().replace(/[,，\s]/g, '');
  if (!/^-?\d+(\.\d*)?$/.test(cleaned)) return null;
  const decimal = exactDecimal(cleaned);
  if (!decimal) return null;
  const fen = scaledInteger(decimal, Math.round(Math.log10(fenPerUnit)));
  if (fen === null) return null;
  const n = Number(fen);
  return Number.isSafeInteger(n) ? n : null;
}

export const yuanToFen = (text: string) => parseAmount(text, FEN_PER_YUAN);
export const wanToFen = (text: string) => parseAmount(text, FEN_PER_WAN);

/** Fen as a decimal in a unit worth `fenPerUnit` fen, without trailing zeros: 5000000 → "5" (万元). */
export function formatAmount(fen: number, fenPerUnit: number): string {
  const places = Math.round(Math.log10(fenPerUnit));
  const negative = fen < 0;
  const digits = String(Math.abs(fen)).padStart(places + 1, '0');
  const whole = digits.slice(0, digits.length - places);
  const fraction = digits.slice(digits.length - places).replace(/0+$/, '');
  return `${negative ? '-' : ''}${whole}${fraction ? `.${fraction}` : ''}`;
}

export const fenToWanText = (fen: number) => formatAmount(fen, FEN_PER_WAN);

/** 1234567 fen → "12,345.67" (元, two decimals, thousands separators), as ledgers print it. */
export function formatYuan(fen: number): string {
  const negative = fen < 0;
  const digits = String(Math.abs(fen)).padStart(3, '0');
  const whole = digits.slice(0, -2).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${negative ? '-' : ''}${whole}.${digits.slice(-2)}`;
}
