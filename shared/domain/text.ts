/** Text clean-up for what clerks type or paste (full-width digits and letters, stray spaces). */

/** Converts full-width ASCII (０-９, Ａ-Ｚ, ａ-ｚ, ｛…) and the ideographic space to half-width. */
export function toHalfWidth(text: string): string {
  return text.replace(/[\uFF01-\uFF5E]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0)).replace(/\u3000/g, ' ');
}

/** Trims, converts to half-width, and folds runs of whitespace to one space. */
export function cleanText(text: string): string {
  return toHalfWidth(text).replace(/\s+/g, ' ').trim();
}

/** A code typed by a clerk: half-width, with spaces, dashes and separators removed. */
export function cleanCode(text: string): string {
  return toHalfWidth(text).replace(/[\s\-_.,，、]/g, '');
}
