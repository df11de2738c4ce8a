import type { ColumnDefinition } from './definition';

/**
 * The columns every record about a 村（社区） or 街道 carries — which street, which unit, its code —
 * with the header words streets write for them, once for every importer (村情档案, 拨付记录, and
 * the modules to come). A module adds words of its own where its files differ (受款单位 …).
 */

const STREET_WORDS = ['街道', '所属街道', '街道名称', '镇街', '乡镇', '乡镇（街道）', '街镇', '所属镇街'];
const UNIT_NAME_WORDS = ['村（社区）名称', '村（社区）', '村名', '社区名称', '村居名称', '村（居）名称', '村（居）', '村社区名称', '单位名称', '名称'];
const UNIT_CODE_WORDS = ['统计用区划代码', '行政区划代码', '村（社区）代码', '单位代码', '区划编码', '代码', '编码'];

const without = (words: readonly string[], label: string, extra: readonly string[] = []) => [...extra, ...words].filter((w, i, all) => w !== label && all.indexOf(w) === i);

/** 街道（镇）: the street a row belongs to, by name. */
export const streetNameColumn = (): ColumnDefinition => ({ field: 'streetName', label: '街道（镇）', synonyms: without(STREET_WORDS, '街道（镇）'), kind: 'text', maxLength: 50 });

/** The unit a row is about, by name; `label` is the module's own header for it. */
export const unitNameColumn = (options: { label: string; extraSynonyms?: readonly string[]; required?: boolean }): ColumnDefinition => ({
  field: 'unitName',
  label: options.label,
  synonyms: without(UNIT_NAME_WORDS, options.label, options.extraSynonyms),
  kind: 'text',
  maxLength: 50,
  ...(options.required ? { required: true } : {}),
});

/** 区划代码: the unit's (or street's) statistical code; `validate` says which lengths the module takes. */
export const unitCodeColumn = (validate: (value: string) => string | null): ColumnDefinition => ({
  field: 'code',
  label: '区划代码',
  synonyms: without(UNIT_CODE_WORDS, '区划代码'),
  kind: 'code',
  maxLength: 12,
  validate: (v) => validate(String(v)),
});
