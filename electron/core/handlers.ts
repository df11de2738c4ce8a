import type { Contract } from '../../shared/api/contract';
import type { MethodDef, OutputOf, ParsedInputOf } from '../../shared/api/define';
import type { ServiceContext } from '../services/context';
import { authStatus, changePassword, createFirstAdmin, lock, login, logout, unlock } from '../services/auth/auth-service';
import { createUser, listUsers, resetPassword, unlockUser, updateUser } from '../services/auth/users-service';
import { setupStatus, completeSetup } from '../services/setup/setup-service';
import { getSettings, systemInfo, updateSettings } from '../services/settings/settings-service';
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
} from '../services/dictionaries/dictionaries-service';
import { previewCounty } from '../services/divisions/divisions-service';
import { searchUnits, unitDetail, unitTree } from '../services/units/units-query';
import { changeUnitCode, createUnit, restoreUnit, retireUnit, updateUnit } from '../services/units/units-commands';
import { getVillage, listVillages } from '../services/villages/villages-query';
import { deleteYear, saveProfile, saveYear } from '../services/villages/villages-commands';
import { endFirstSecretary, setFirstSecretary, updateFirstSecretary } from '../services/villages/first-secretaries';
import { bandMovers, incomeBandReport } from '../services/villages/villages-reports';
import { auditUsers, listAudit } from '../services/audit-log/audit-query';
import { exportAudit } from '../services/audit-log/audit-export';
import { saveExportedFile } from '../services/files/files-service';
import { createBackup } from '../services/backups/backup-make';
import { backupOverview, chooseBackupFolder } from '../services/backups/backup-overview';
import { restoreBackup, undoRestore } from '../services/backups/backup-restore';
import { verifyBackup } from '../services/backups/backup-verify';
import { recordPrint } from '../services/print/print-service';
import { exportIncomeBandReport } from '../services/villages/villages-report-export';
import { exportVillageList } from '../services/villages/villages-list-export';
import { closeImport, openImport } from '../services/imports/import-open';
import { commitImport } from '../services/imports/import-commit';
import { previewImport } from '../services/imports/import-analysis';
import { exportImportProblems, importTemplate } from '../services/imports/import-files';
import { listProgrammes, programmeDetail } from '../services/funds/fund-query';
import { createProgramme, deleteProgramme, updateProgramme } from '../services/funds/programmes';
import { allocate, deleteAllocation, updateAllocation } from '../services/funds/allocations';
import { allocateBatch, previewBatch } from '../services/funds/batch-allocate';
import { approve, approveMany, deleteDisbursement, disburse, post, postMany, reverse, updateDisbursement } from '../services/funds/disbursements';
import { ledger, overdue, recipientBalances, statement, streetBalances, yearSummary } from '../services/funds/fund-reports';
import { exportLedger, exportStatement, exportYearSummary } from '../services/funds/fund-exports';

type HandlerFor<M extends MethodDef> = (ctx: ServiceContext, input: ParsedInputOf<M>) => Promise<OutputOf<M>> | OutputOf<M>;

/** The service function behind each contract method; the type makes the map complete. */
export type Handlers = {
  [N in keyof Contract]: { [K in keyof Contract[N]]: Contract[N][K] extends MethodDef ? HandlerFor<Contract[N][K]> : never };
};

export const handlers: Handlers = {
  print: { record: recordPrint },
  auth: { status: authStatus, createFirstAdmin, login, logout, lock, unlock, heartbeat: () => ({ done: true }), changePassword },
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
  funds: {
    programmes: listProgrammes,
    programme: programmeDetail,
    createProgramme,
    updateProgramme,
    deleteProgramme,
    allocate,
    previewBatch,
    allocateBatch,
    updateAllocation,
    deleteAllocation,
    disburse,
    updateDisbursement,
    approve,
    post,
    deleteDisbursement,
    approveMany,
    postMany,
    reverse,
    ledger,
    yearSummary,
    recipientBalances,
    streetBalances,
    statement,
    overdue,
    exportLedger,
    exportStatement,
    exportYearSummary,
  },
};
