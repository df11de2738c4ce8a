/** Text clean-up for what clerks type or paste (full-width digits and letters, stray spaces). */

const shift = (ch: string) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0);

/** Converts every full-width ASCII character (０-９, Ａ-Ｚ, （, ，…) and the ideographic space to half-width. */
export function toHalfWidth(text: string): string {
  return text.replace(/[\uFF01-\uFF5E]/g, shift).replace(/\u3000/g, ' ');
}

/**
 * Trims, folds runs of whitespace to one space, and turns full-width digits and Latin letters
 * into ASCII. Chinese punctuation such as （）and ，stays: it is correct in names.
 */
export function cleanText(text: string): string {
  return text
    .replace(/[\uFF10-\uFF19\uFF21-\uFF3A\uFF41-\uFF5A]/g, shift)
    .replace(/\s+/g, ' ')
    .trim();
}

/** A code typed by a clerk: half-width, with spaces, dashes and separators removed. */
export function cleanCode(text: string): string {
  return toHalfWidth(text).replace(/[\s\-_.,、]/g, '');
}

/** A name as imports compare it: half-width, without any spaces ('纬一路 社区' = '纬一路社区'). */
export const compactName = (text: string) => toHalfWidth(text).replace(/[\s\u00a0]/g, '');

/** 大观园街道 / 大观园街道办事处 / 大观园 all name the same street. */
export const streetNameKey = (text: string) => compactName(text).replace(/(街道办事处|办事处|街道|镇|乡)$/, '');
