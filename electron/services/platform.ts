import { PLATFORM_DATA_RULES } from '../db/data-checks';
import { platformModule } from '../../shared/api/platform';
import { defineModule } from '../core/module';
import { authStatus, changePassword, createFirstAdmin, lock, login, logout, unlock } from './auth/auth-service';
import { createUser, listUsers, resetPassword, unlockUser, updateUser } from './auth/users-service';
import { setupStatus, completeSetup } from './setup/setup-service';
import { getSettings, systemInfo, updateSettings } from './settings/settings-service';
import {
  addItem,
  deleteItem,
  dictionaryDetail,
  dictionaryItems,
  listDictionaries,
  moveItem,
  restoreItem,
  retireItem,
  updateItem,
} from './dictionaries/dictionaries-service';
import { previewCounty } from './divisions/divisions-service';
import { searchUnits, unitDetail, unitTree } from './units/units-query';
import { changeUnitCode, createUnit, restoreUnit, retireUnit, updateUnit } from './units/units-commands';
import { auditUsers, listAudit } from './audit-log/audit-query';
import { exportAudit } from './audit-log/audit-export';
import { saveExportedFile } from './files/files-service';
import { createBackup } from './backups/backup-make';
import { backupOverview, chooseBackupFolder } from './backups/backup-overview';
import { restoreBackup, undoRestore } from './backups/backup-restore';
import { verifyBackup } from './backups/backup-verify';
import { recordPrint, savePdf } from './print/print-service';
import { closeImport, openImport } from './imports/import-open';
import { commitImport } from './imports/import-commit';
import { previewImport } from './imports/import-analysis';
import { exportImportProblems, importTemplate } from './imports/import-files';
import { ATTACHMENT_DATA_RULES, attachmentHandlers, orgUnitAttachmentOwner } from './attachments/platform-parts';

/**
 * The platform as the main process assembles it: the service behind each of its methods, and
 * the one dictionary its own records hold (单位类别 of 村（社区）).
 */
export const platform = defineModule({
  shared: platformModule,
  handlers: {
    auth: { status: authStatus, createFirstAdmin, login, logout, lock, unlock, heartbeat: () => ({ done: true as const }), changePassword },
    users: { list: listUsers, create: createUser, update: updateUser, resetPassword, unlock: unlockUser },
    setup: { status: setupStatus, complete: completeSetup },
    settings: { get: getSettings, update: updateSettings, systemInfo },
    dictionaries: {
      list: listDictionaries,
      items: dictionaryItems,
      detail: dictionaryDetail,
      addItem,
      updateItem,
      moveItem,
      retireItem,
      restoreItem,
      deleteItem,
    },
    divisions: {
      provinces: (ctx) => ctx.catalog.listProvinces(),
      cities: (ctx, input) => ctx.catalog.listCities(input.provinceCode),
      counties: (ctx, input) => ctx.catalog.listCounties(input.cityCode),
      searchCounties: (ctx, input) => ctx.catalog.searchCounties(input.query, input.limit),
      preview: previewCounty,
    },
    units: {
      tree: unitTree,
      search: searchUnits,
      get: unitDetail,
      create: createUnit,
      update: updateUnit,
      changeCode: changeUnitCode,
      retire: retireUnit,
      restore: restoreUnit,
    },
    print: { record: recordPrint, savePdf },
    audit: { list: listAudit, users: auditUsers, export: exportAudit },
    files: { save: saveExportedFile },
    backups: {
      overview: backupOverview,
      create: createBackup,
      chooseFolder: chooseBackupFolder,
      verify: verifyBackup,
      restore: restoreBackup,
      undoRestore: (ctx) => undoRestore(ctx),
    },
    imports: {
      template: importTemplate,
      open: openImport,
      preview: previewImport,
      exportProblems: exportImportProblems,
      commit: commitImport,
      close: closeImport,
    },
    attachments: attachmentHandlers,
  },
  dictionaryUsage: {
    unit_kind: [{ table: 'org_units', column: 'kind', label: '组织架构 · 村（社区）的单位类别' }],
  },
  dataRules: [...PLATFORM_DATA_RULES, ...ATTACHMENT_DATA_RULES],
  attachmentOwners: { org_unit: orgUnitAttachmentOwner },
});
