import { fundsModule } from '../../../shared/api/funds/module';
import { defineModule } from '../../core/module';
import { listProgrammes, programmeDetail } from './fund-query';
import { createProgramme, deleteProgramme, updateProgramme } from './programmes';
import { allocate, deleteAllocation, updateAllocation } from './allocations';
import { allocateBatch, previewBatch } from './batch-allocate';
import { approve, approveMany, deleteDisbursement, disburse, post, postMany, reverse, updateDisbursement } from './disbursements';
import { ledger, overdue, recipientBalances, statement, streetBalances, yearSummary } from './fund-reports';
import { exportLedger, exportStatement, exportYearSummary } from './fund-exports';
import { FUND_DATA_RULES } from './data-rules';
import { disbursementImporter } from './disbursement-import';

/** 经费台账 as the main process assembles it (the shared half: shared/api/funds/module.ts). */
export const funds = defineModule({
  shared: fundsModule,
  handlers: {
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
  },
  dictionaryUsage: {
    fund_category: [{ table: 'fund_programmes', column: 'category', label: '经费台账 · 经费项目的资金类别' }],
    fund_source_level: [{ table: 'fund_programmes', column: 'source_level', label: '经费台账 · 经费项目的资金来源层级' }],
    fund_recipient_kind: [{ table: 'fund_programmes', column: 'recipient_kind', label: '经费台账 · 经费项目的拨付对象类别' }],
  },
  importers: { disbursements: disbursementImporter },
  dataRules: FUND_DATA_RULES,
});
