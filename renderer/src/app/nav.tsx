import type { ReactElement } from 'react';
import AccountTreeOutlined from '@mui/icons-material/AccountTreeOutlined';
import SettingsOutlined from '@mui/icons-material/SettingsOutlined';
import { UnitsPage } from '../features/units/UnitsPage';
import { SettingsPage } from '../features/settings/SettingsPage';

export interface NavItem {
  path: string;
  label: string;
  icon: ReactElement;
  element: ReactElement;
  /** shown below the divider, with the settings */
  secondary?: boolean;
}

/** The modules that exist; a module appears here only once it is built. */
export const NAV_ITEMS: NavItem[] = [
  { path: '/units', label: '组织架构', icon: <AccountTreeOutlined />, element: <UnitsPage /> },
  { path: '/settings', label: '设置', icon: <SettingsOutlined />, element: <SettingsPage />, secondary: true },
];
