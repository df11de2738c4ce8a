import type { DictionaryName } from '../../domain/dictionaries';
import type { VillageListRow } from './list';

/**
 * The columns of the 村情档案 list, once: the grid's headers and the Excel export's columns
 * come from here, so what the clerk sees is what the file holds.
 */
export type ListColumnKind = 'text' | 'count' | 'yuan' | 'flag' | { dictionary: DictionaryName };

export interface VillageListColumn {
  field: keyof VillageListRow & string;
  label: string;
  kind: ListColumnKind;
  /** grid width in pixels; the export derives its width from it */
  width: number;
  /** shown before the clerk changes the columns */
  shownByDefault: boolean;
}

export const VILLAGE_LIST_COLUMNS: readonly VillageListColumn[] = [
  { field: 'streetName', label: '街道（镇）', kind: 'text', width: 110, shownByDefault: true },
  { field: 'name', label: '名称', kind: 'text', width: 150, shownByDefault: true },
  { field: 'code', label: '代码', kind: 'text', width: 122, shownByDefault: false },
  { field: 'kind', label: '类别', kind: { dictionary: 'unit_kind' }, width: 96, shownByDefault: true },
  { field: 'secretaryName', label: '书记', kind: 'text', width: 144, shownByDefault: true },
  { field: 'secretaryIsDirector', label: '一肩挑', kind: 'flag', width: 70, shownByDefault: false },
  { field: 'firstSecretaryName', label: '第一书记', kind: 'text', width: 84, shownByDefault: true },
  { field: 'memberTotal', label: '党员', kind: 'count', width: 64, shownByDefault: true },
  { field: 'households', label: '户数', kind: 'count', width: 70, shownByDefault: false },
  { field: 'residentPopulation', label: '常住人口', kind: 'count', width: 84, shownByDefault: false },
  { field: 'collectiveIncomeFen', label: '集体经营性收入（元）', kind: 'yuan', width: 168, shownByDefault: true },
  { field: 'incomeBandLabel', label: '收入档次', kind: 'text', width: 96, shownByDefault: true },
  { field: 'collectiveAssetsFen', label: '集体资产（元）', kind: 'yuan', width: 130, shownByDefault: false },
  { field: 'liabilitiesFen', label: '负债（元）', kind: 'yuan', width: 120, shownByDefault: false },
  { field: 'starRating', label: '评星定级', kind: { dictionary: 'star_rating' }, width: 80, shownByDefault: true },
  { field: 'fortressIndex', label: '堡垒指数', kind: { dictionary: 'fortress_index' }, width: 80, shownByDefault: false },
  { field: 'weakOrg', label: '软弱涣散', kind: 'flag', width: 80, shownByDefault: true },
  { field: 'coopLed', label: '领办合作社', kind: 'flag', width: 90, shownByDefault: false },
];

export const VILLAGE_LIST_FIELDS = VILLAGE_LIST_COLUMNS.map((c) => c.field) as [string, ...string[]];
