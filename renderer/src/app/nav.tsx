import type { ReactElement } from 'react';
import AccountTreeOutlined from '@mui/icons-material/AccountTreeOutlined';
import SettingsOutlined from '@mui/icons-material/SettingsOutlined';
import ManageAccountsOutlined from '@mui/icons-material/ManageAccountsOutlined';
import type { Role } from '../../../shared/domain/roles';
import { UsersPage } from '../features/users/UsersPage';
import { UnitsPage } from '../features/units/UnitsPage';
import { SettingsPage } from '../features/settings/SettingsPage';
import HistoryOutlined from '@mui/icons-material/HistoryOutlined';
import { AuditLogPage } from '../features/audit/AuditLogPage';
import BackupOutlined from '@mui/icons-material/BackupOutlined';
import { BackupsPage } from '../features/backups/BackupsPage';
import HomeWorkOutlined from '@mui/icons-material/HomeWorkOutlined';
import { VillagesPage } from '../features/villages/VillagesPage';
import { IncomeReportPage } from '../features/villages/IncomeReportPage';
import { VillageDetailPage } from '../features/villages/VillageDetailPage';
import { VillageBriefPrintPage } from '../features/villages/print/VillageBriefPrintPage';
import AccountBalanceWalletOutlined from '@mui/icons-material/AccountBalanceWalletOutlined';
import { FundsPage } from '../features/funds/FundsPage';
import { ProgrammePage } from '../features/funds/ProgrammePage';
import { StatementPage } from '../features/funds/reports/StatementPage';
import { FundLedgerPrintPage } from '../features/funds/print/FundLedgerPrintPage';
import { FundStatementPrintPage } from '../features/funds/print/FundStatementPrintPage';

export interface NavItem {
  path: string;
  label: string;
  icon: ReactElement;
  element: ReactElement;
  /** shown below the divider, with the settings */
  secondary?: boolean;
  /** only these roles see it (the API refuses the others anyway); all roles when absent */
  roles?: Role[];
}

/** The modules that exist; a module appears here only once it is built. */
export const NAV_ITEMS: NavItem[] = [
  { path: '/villages', label: '村情档案', icon: <HomeWorkOutlined />, element: <VillagesPage /> },
  { path: '/funds', label: '经费台账', icon: <AccountBalanceWalletOutlined />, element: <FundsPage /> },
  { path: '/units', label: '组织架构', icon: <AccountTreeOutlined />, element: <UnitsPage /> },
  { path: '/users', label: '账户管理', icon: <ManageAccountsOutlined />, element: <UsersPage />, secondary: true, roles: ['admin'] },
  { path: '/audit', label: '操作日志', icon: <HistoryOutlined />, element: <AuditLogPage />, secondary: true, roles: ['admin'] },
  { path: '/backups', label: '数据备份', icon: <BackupOutlined />, element: <BackupsPage />, secondary: true, roles: ['admin', 'clerk'] },
  { path: '/settings', label: '设置', icon: <SettingsOutlined />, element: <SettingsPage />, secondary: true },
];

/** Pages reached from a module (a record's own page), inside the app frame. */
export const PAGE_ROUTES: Array<{ path: string; element: ReactElement }> = [
  { path: 'villages/report', element: <IncomeReportPage /> },
  { path: 'villages/:unitId', element: <VillageDetailPage /> },
  { path: 'funds/programmes/:programmeId', element: <ProgrammePage /> },
  /** ?year=2026&unitId=12 or ?year=2026&person=张三 */
  { path: 'funds/statement', element: <StatementPage /> },
];

/** Print views: the page alone, A4, with a toolbar that does not print. */
export const PRINT_ROUTES: Array<{ path: string; element: ReactElement }> = [
  { path: '/print/village/:unitId', element: <VillageBriefPrintPage /> },
  { path: '/print/village-street/:streetId', element: <VillageBriefPrintPage /> },
  { path: '/print/fund-ledger/:programmeId', element: <FundLedgerPrintPage /> },
  /** ?year=2026 */
  { path: '/print/fund-statement/:unitId', element: <FundStatementPrintPage /> },
  /** ?year=2026&person=张三 (a person has no id of their own) */
  { path: '/print/fund-statement', element: <FundStatementPrintPage /> },
];
