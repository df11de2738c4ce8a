import AccountBalanceWalletOutlined from '@mui/icons-material/AccountBalanceWalletOutlined';
import { defineRendererModule } from '../../app/module';
import { FundsPage } from './FundsPage';
import { ProgrammePage } from './ProgrammePage';
import { FundLedgerPrintPage } from './print/FundLedgerPrintPage';
import { FundStatementPrintPage } from './print/FundStatementPrintPage';
import { StatementPage } from './reports/StatementPage';

/** 经费台账: programmes and reports, a programme's page, statements, the printed ledger and statements. */
export const fundsPages = defineRendererModule({
  name: 'funds',
  nav: [{ path: '/funds', label: '经费台账', icon: <AccountBalanceWalletOutlined />, element: <FundsPage /> }],
  routes: [
    { path: 'funds/programmes/:programmeId', element: <ProgrammePage /> },
    /** ?year=2026&unitId=12 or ?year=2026&person=张三 */
    { path: 'funds/statement', element: <StatementPage /> },
  ],
  printRoutes: [
    { path: '/print/fund-ledger/:programmeId', element: <FundLedgerPrintPage /> },
    /** ?year=2026 */
    { path: '/print/fund-statement/:unitId', element: <FundStatementPrintPage /> },
    /** ?year=2026&person=张三 (a person has no id of their own) */
    { path: '/print/fund-statement', element: <FundStatementPrintPage /> },
  ],
});
