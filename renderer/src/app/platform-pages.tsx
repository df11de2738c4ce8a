import AccountTreeOutlined from '@mui/icons-material/AccountTreeOutlined';
import BackupOutlined from '@mui/icons-material/BackupOutlined';
import HistoryOutlined from '@mui/icons-material/HistoryOutlined';
import ManageAccountsOutlined from '@mui/icons-material/ManageAccountsOutlined';
import SettingsOutlined from '@mui/icons-material/SettingsOutlined';
import { AuditLogPage } from '../features/audit/AuditLogPage';
import { BackupsPage } from '../features/backups/BackupsPage';
import { SettingsPage } from '../features/settings/SettingsPage';
import { UnitsPage } from '../features/units/UnitsPage';
import { UsersPage } from '../features/users/UsersPage';
import { defineRendererModule } from './module';

/** The platform's pages: 组织架构 with the modules, the rest below the divider. */
export const organisationPages = defineRendererModule({
  name: 'organisation',
  nav: [{ path: '/units', label: '组织架构', icon: <AccountTreeOutlined />, element: <UnitsPage /> }],
});

export const administrationPages = defineRendererModule({
  name: 'administration',
  nav: [
    { path: '/users', label: '账户管理', icon: <ManageAccountsOutlined />, element: <UsersPage />, secondary: true, shownIfCan: 'users.list' },
    { path: '/audit', label: '操作日志', icon: <HistoryOutlined />, element: <AuditLogPage />, secondary: true, shownIfCan: 'audit.list' },
    { path: '/backups', label: '数据备份', icon: <BackupOutlined />, element: <BackupsPage />, secondary: true, shownIfCan: 'backups.overview' },
    { path: '/settings', label: '设置', icon: <SettingsOutlined />, element: <SettingsPage />, secondary: true },
  ],
});
