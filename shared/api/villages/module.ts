import { z } from 'zod';
import { importYearOption } from '../imports';
import { defineApiModule } from '../module';
import { VILLAGE_IMPORT } from './import-definition';
import { villagesApi } from './methods';
import { VILLAGE_FIELD_LABELS } from './profile';
import { GENDER_LABELS } from './value-schemas';

/** What the 村情档案 import asks besides the file: the year its yearly figures go to. */
export const VillageImportOptions = z
  .object({
    year: importYearOption,
  })
  .strict()
  .default({ year: null });
export type VillageImportOptions = z.input<typeof VillageImportOptions>;

/** 村情档案 (DOMAIN.md §1): one file per village or community, its yearly figures, its 第一书记. */
export const villagesModule = defineApiModule({
  name: 'villages',
  label: '村情档案',
  api: { villages: villagesApi },
  tables: { village_profiles: '村情档案', village_years: '村情年度数据', village_first_secretaries: '第一书记' },
  auditEntities: { village_profile: '村情档案', village_year: '村情年度数据', first_secretary: '第一书记' },
  auditFields: VILLAGE_FIELD_LABELS,
  auditValues: { secretaryGender: GENDER_LABELS },
  printForms: { village_brief: { label: '村情简表', entity: 'org_unit' } },
  importKinds: { villages: { label: '村情档案', record: VILLAGE_IMPORT, options: VillageImportOptions } },
});
