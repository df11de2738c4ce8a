import { villagesModule } from '../../../shared/api/villages/module';
import { defineModule } from '../../core/module';
import { getVillage, listVillages } from './villages-query';
import { deleteYear, saveProfile, saveYear } from './villages-commands';
import { endFirstSecretary, setFirstSecretary, updateFirstSecretary } from './first-secretaries';
import { bandMovers, incomeBandReport } from './villages-reports';
import { exportIncomeBandReport } from './villages-report-export';
import { exportVillageList } from './villages-list-export';
import { villageImporter } from './village-import';

/** 村情档案 as the main process assembles it (the shared half: shared/api/villages/module.ts). */
export const villages = defineModule({
  shared: villagesModule,
  handlers: {
    villages: {
      list: listVillages,
      get: getVillage,
      saveProfile,
      saveYear,
      deleteYear,
      setFirstSecretary,
      endFirstSecretary,
      updateFirstSecretary,
      incomeBandReport,
      bandMovers,
      exportBandReport: exportIncomeBandReport,
      exportList: exportVillageList,
    },
  },
  dictionaryUsage: {
    star_rating: [{ table: 'village_years', column: 'star_rating', label: '村情村况 · 年度评星定级' }],
    fortress_index: [{ table: 'village_years', column: 'fortress_index', label: '村情村况 · 年度堡垒指数' }],
    party_org_type: [{ table: 'village_profiles', column: 'party_org_type', label: '村情村况 · 党组织类型' }],
    education_level: [{ table: 'village_profiles', column: 'secretary_education', label: '村情村况 · 党组织书记学历' }],
  },
  importers: { villages: villageImporter },
});
