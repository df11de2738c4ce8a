import { useState } from 'react';
import { Alert, Box, Stack, Tab, Tabs, Typography } from '@mui/material';
import { useCurrentUser } from '../auth/useCurrentUser';
import { BasicSettingsTab } from './BasicSettingsTab';
import { RulesTab } from './RulesTab';
import { DictionariesTab } from './DictionariesTab';

const TABS = [
  { value: 'basic', label: '基本设置' },
  { value: 'rules', label: '阈值与规则' },
  { value: 'dictionaries', label: '字典管理' },
] as const;
type TabValue = (typeof TABS)[number]['value'];

/**
 * 设置: 基本设置 (district, department, working year, data), 阈值与规则 (income bands, reserve
 * rules, security) and 字典管理. Everyone sees it; only 管理员 can change it (the API refuses
 * the others too).
 */
export function SettingsPage() {
  const [tab, setTab] = useState<TabValue>('basic');
  const readOnly = !useCurrentUser().canCall('settings.update');
  return (
    <Stack spacing={1.5} sx={{ height: '100%', minHeight: 0 }}>
      <Typography variant="h6" component="h2">
        设置
      </Typography>
      <Box sx={{ borderBottom: 1, borderColor: 'divider' }}>
        <Tabs value={tab} onChange={(_, value: TabValue) => setTab(value)} aria-label="设置分类">
          {TABS.map((t) => (
            <Tab key={t.value} value={t.value} label={t.label} id={`settings-tab-${t.value}`} aria-controls={`settings-panel-${t.value}`} />
          ))}
        </Tabs>
      </Box>
      {readOnly && <Alert severity="info">只有管理员可以修改设置和字典；您可以查看。</Alert>}
      <Box role="tabpanel" id={`settings-panel-${tab}`} aria-labelledby={`settings-tab-${tab}`} sx={{ flex: 1, minHeight: 0 }}>
        {tab === 'basic' && <BasicSettingsTab readOnly={readOnly} />}
        {tab === 'rules' && <RulesTab readOnly={readOnly} />}
        {tab === 'dictionaries' && <DictionariesTab />}
      </Box>
    </Stack>
  );
}
