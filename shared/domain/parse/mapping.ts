import type { ColumnDefinition, RecordDefinition } from './definition';
import { moneyUnitFromText, type MoneyUnit } from './money';
import { toHalfWidth } from '../text';

/**
 * Columns of a file → fields of a record definition, by header text: exact label, then a
 * synonym, then containment ("fuzzy"). Unmapped, ambiguous and duplicate columns and missing
 * required fields are reported; every column can be re-mapped by hand (remapColumn), and a
 * mapping is remembered per header layout (headerFingerprint).
 */

/**
 * Header text as compared: half-width, no white space (clerks write '姓  名' and break lines
 * in headers), no bracketed parts ('收入（万元）', '类型(党委/党总支/党支部)'), no required
 * markers ('*姓名') or trailing colons, lower-case Latin letters.
 */
export function normalizeHeader(text: string): string {
  return toHalfWidth(text)
    .replace(/\([^()]*\)|\[[^[\]]*\]|【[^【】]*】|〔[^〔〕]*〕|<[^<>]*>|《[^《》]*》/g, '')
    .replace(/[\s\u00a0*※★☆#:：,，.。、'"“”‘’`]/g, '')
    .toLowerCase();
}

/** Stable across runs and machines; cyrb53 (public domain). */
function hash53(text: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(16).padStart(14, '0');
}

/**
 * The identity of a header layout: the same columns in the same order (white space, full-width
 * forms and letter case aside; units kept, since 元 and 万元 layouts differ) give the same value.
 */
export function headerFingerprint(labels: readonly string[]): string {
  const parts = labels.map((l) => toHalfWidth(l).replace(/[\s\u00a0]/g, '').toLowerCase());
  while (parts.length && parts[parts.length - 1] === '') parts.pop();
  return `h1-${parts.length}-${hash53(parts.join('\u001f'))}`;
}

export type MatchHow = 'label' | 'synonym' | 'contains' | 'remembered' | 'manual';

export interface MappedColumn {
  /** 0-based column of the sheet */
  index: number;
  /** the header text as shown ('党员人数/女' for a two-row header) */
  header: string;
  field: string | null;
  how: MatchHow | null;
  /** money columns: the unit the header says, else the title lines, else the definition's */
  unit: MoneyUnit | null;
  /** other fields this header could also mean (when ambiguous) */
  alternatives: string[];
}

export interface ColumnMapping {
  definitionKey: string;
  fingerprint: string;
  columns: MappedColumn[];
  /** non-empty headers mapped to nothing */
  unmapped: number[];
  /** headers that fit several fields equally well (left unmapped until the clerk chooses) */
  ambiguous: Array<{ index: number; fields: string[] }>;
  /** fields claimed by more than one header: the first keeps it */
  duplicates: Array<{ field: string; indexes: number[] }>;
  /** required fields no column is mapped to */
  missingRequired: string[];
}

/** What a clerk's choice is saved as: per layout, the field of each column. */
export interface RememberedMapping {
  fingerprint: string;
  fields: ReadonlyArray<string | null>;
}

interface Candidate {
  field: string;
  how: 'label' | 'synonym' | 'contains';
  /** higher is better: 3 label, 2 synonym, 1 contains (+ length of the matched text / 1000) */
  score: number;
}

function termsOf(column: ColumnDefinition): Array<{ term: string; how: 'label' | 'synonym' }> {
  return [
    { term: normalizeHeader(column.label), how: 'label' as const },
    ...(column.synonyms ?? []).map((s) => ({ term: normalizeHeader(s), how: 'synonym' as const })),
  ].filter((t) => t.term !== '');
}

/** The best field(s) for one header text; several when they tie. */
export function candidatesFor(definition: RecordDefinition, header: string): Candidate[] {
  const h = normalizeHeader(header);
  if (!h) return [];
  const forms = h.includes('/') ? [h, h.replace(/\//g, '')] : [h];
  const best = new Map<string, Candidate>();
  for (const column of definition.columns) {
    let cand: Candidate | null = null;
    for (const { term, how } of termsOf(column)) {
      let score = 0;
      if (forms.includes(term)) score = how === 'label' ? 3 : 2;
      else if (term.length >= 2 && forms.some((f) => f.includes(term))) score = 1 + term.length / 1000;
      else if (h.length >= 2 && !h.includes('/') && term.includes(h)) score = 1 + h.length / 1000;
      if (score > (cand?.score ?? 0)) cand = { field: column.field, how: score >= 2 ? how : 'contains', score };
    }
    if (cand) best.set(column.field, cand);
  }
  const all = [...best.values()].sort((a, b) => b.score - a.score);
  return all.filter((c) => c.score === all[0]?.score);
}

/**
 * Maps the headers to fields. With a remembered mapping for the same layout, the clerk's earlier
 * choice is used as it was (fields the definition no longer has are dropped).
 */
export function mapColumns(
  definition: RecordDefinition,
  headers: readonly string[],
  options: { remembered?: RememberedMapping | null; titleUnit?: MoneyUnit | null } = {},
): ColumnMapping {
  const fingerprint = headerFingerprint(headers);
  const known = new Set(definition.columns.map((c) => c.field));
  const fields: Array<string | null> = headers.map(() => null);
  const how: Array<MatchHow | null> = headers.map(() => null);
  const alternatives: string[][] = headers.map(() => []);
  const ambiguous: Array<{ index: number; fields: string[] }> = [];

  if (options.remembered && options.remembered.fingerprint === fingerprint) {
    const taken = new Set<string>();
    options.remembered.fields.forEach((f, i) => {
      if (i < headers.length && f && known.has(f) && !taken.has(f)) {
        fields[i] = f;
        how[i] = 'remembered';
        taken.add(f);
      }
    });
  } else {
    const proposals: Array<{ index: number; cand: Candidate }> = [];
    headers.forEach((header, index) => {
      const cands = candidatesFor(definition, header);
      if (cands.length > 1) {
        ambiguous.push({ index, fields: cands.map((c) => c.field) });
        alternatives[index] = cands.map((c) => c.field);
      } else if (cands.length === 1) {
        proposals.push({ index, cand: cands[0]! });
      }
    });
    // stronger matches first; on equal strength the leftmost column wins
    proposals.sort((a, b) => b.cand.score - a.cand.score || a.index - b.index);
    // a field matched equally well by two headers is reported as a duplicate (the first keeps it)
    const taken = new Map<string, number>();
    for (const { index, cand } of proposals) {
      const score = taken.get(cand.field);
      if (score !== undefined && score > cand.score) continue;
      fields[index] = cand.field;
      how[index] = cand.how;
      taken.set(cand.field, cand.score);
    }
  }
  return finishMapping(definition, headers, fields, how, alternatives, ambiguous, fingerprint, options.titleUnit ?? null);
}

/** The clerk re-maps one column (null = ignore it); a field taken elsewhere moves to this column. */
export function remapColumn(definition: RecordDefinition, mapping: ColumnMapping, index: number, field: string | null, titleUnit: MoneyUnit | null = null): ColumnMapping {
  if (field !== null && !definition.columns.some((c) => c.field === field)) throw new Error(`未知字段：${field}`);
  const fields = mapping.columns.map((c) => (c.index === index ? field : c.field === field && field !== null ? null : c.field));
  const how = mapping.columns.map((c) => (c.index === index ? (field === null ? null : 'manual') : fields[c.index] === null ? null : c.how));
  const alternatives = mapping.columns.map((c) => (c.index === index ? [] : c.alternatives));
  const ambiguous = mapping.ambiguous.filter((a) => a.index !== index);
  return finishMapping(definition, mapping.columns.map((c) => c.header), fields, how, alternatives, ambiguous, mapping.fingerprint, titleUnit);
}

/** What to remember for this layout once the clerk commits. */
export function rememberMapping(mapping: ColumnMapping): RememberedMapping {
  return { fingerprint: mapping.fingerprint, fields: mapping.columns.map((c) => c.field) };
}

function finishMapping(
  definition: RecordDefinition,
  headers: readonly string[],
  fields: Array<string | null>,
  how: Array<MatchHow | null>,
  alternatives: string[][],
  ambiguous: Array<{ index: number; fields: string[] }>,
  fingerprint: string,
  titleUnit: MoneyUnit | null,
): ColumnMapping {
  const byField = new Map(definition.columns.map((c) => [c.field, c]));
  const columns: MappedColumn[] = headers.map((header, index) => {
    const field = fields[index] ?? null;
    const def = field ? byField.get(field) : undefined;
    const unit = def?.kind === 'money' ? (moneyUnitFromText(header) ?? titleUnit ?? def.unit ?? '元') : null;
    return { index, header, field, how: field ? (how[index] ?? null) : null, unit, alternatives: alternatives[index] ?? [] };
  });
  const seen = new Map<string, number[]>();
  for (const c of columns) if (c.field) seen.set(c.field, [...(seen.get(c.field) ?? []), c.index]);
  const duplicates = [...seen].filter(([, idx]) => idx.length > 1).map(([field, indexes]) => ({ field, indexes }));
  // a duplicate keeps its first column only
  for (const d of duplicates) for (const i of d.indexes.slice(1)) Object.assign(columns[i]!, { field: null, how: null, unit: null });
  const ambiguousIdx = new Set(ambiguous.map((a) => a.index));
  const unmapped = columns.filter((c) => !c.field && normalizeHeader(c.header) !== '' && !ambiguousIdx.has(c.index)).map((c) => c.index);
  const mapped = new Set(columns.map((c) => c.field));
  const missingRequired = definition.columns.filter((c) => c.required && !mapped.has(c.field)).map((c) => c.field);
  return { definitionKey: definition.key, fingerprint, columns, unmapped, ambiguous, duplicates, missingRequired };
}
