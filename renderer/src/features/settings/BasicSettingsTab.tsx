import { Stack, TextField } from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import { z } from 'zod';
import { requiredText } from '../../../../shared/api/fields';
import { workingYear, type Settings } from '../../../../shared/api/settings';
import { api } from '../../api/client';
import { ErrorState, LoadingState } from '../../components/States';
import { formatBytes } from '../../components/format';
import { readOnlyProps, Row, SaveBar, Section } from './SettingsParts';
import { useSettings, useSettingsSection } from './useSettingsSection';

const DepartmentInput = z.object({ departmentName: requiredText('部门名称', 50) });
const WorkingYearInput = z.object({ workingYear });

/** 基本设置: the district (fixed at first run), department name, working year, where the data lives. */
export function BasicSettingsTab({ readOnly }: { readOnly: boolean }) {
  const settings = useSettings();
  const info = useQuery({ queryKey: ['settings.systemInfo'], queryFn: () => api.settings.systemInfo() });
  if (settings.isPending || info.isPending) return <LoadingState />;
  if (settings.isError) return <ErrorState error={settings.error} onRetry={() => void settings.refetch()} />;
  if (info.isError) return <ErrorState error={info.error} onRetry={() => void info.refetch()} />;
  const district = settings.data.district;
  return (
    <Stack spacing={2} sx={{ maxWidth: 820, pb: 2 }}>
      <Section title="本区与部门" hint="本区在首次设置时选定，不能修改；部门名称用于打印表格的抬头。">
        <Row label="本区（县）">{district ? `${district.fullName}（代码 ${district.code}）` : '尚未设置'}</Row>
        <DepartmentForm settings={settings.data} readOnly={readOnly} />
      </Section>
      <Section title="工作年度" hint="新录入的年度数据（集体收入、评星定级、经费项目等）默认归入这一年度；未设置时为当前年份。">
        <WorkingYearForm settings={settings.data} readOnly={readOnly} />
      </Section>
      <Section title="数据与版本">
        <Row label="数据目录">{info.data.dataDir}</Row>
        <Row label="数据库文件">{info.data.databaseFile}</Row>
        <Row label="数据库大小">{formatBytes(info.data.databaseBytes)}</Row>
        <Row label="程序版本">
          {info.data.appVersion}（数据版本 {info.data.schemaVersion}）
        </Row>
        <Row label="区划库">{info.data.divisionEdition}</Row>
      </Section>
    </Stack>
  );
}

function DepartmentForm({ settings, readOnly }: { settings: Settings; readOnly: boolean }) {
  const s = useSettingsSection('departmentName', DepartmentInput, { departmentName: settings.departmentName ?? '' }, (v) => v);
  return (
    <Stack direction="row" spacing={1} sx={{ alignItems: 'flex-start', mt: 1.5 }}>
      <TextField label="部门名称（用于打印抬头）" {...s.form.textProps('departmentName')} {...readOnlyProps(readOnly)} sx={{ width: 420 }} />
      <SaveBar readOnly={readOnly} busy={s.busy} formError={s.form.formError} saved={s.saved} onSave={() => void s.save()} onSavedShown={s.clearSaved} />
    </Stack>
  );
}

function WorkingYearForm({ settings, readOnly }: { settings: Settings; readOnly: boolean }) {
  const s = useSettingsSection('workingYear', WorkingYearInput, { workingYear: String(settings.workingYear) }, (v) => v);
  return (
    <Stack direction="row" spacing={1} sx={{ alignItems: 'flex-start' }}>
      <TextField
        label="工作年度"
        {...s.form.textProps('workingYear')}
        sx={{ width: 160 }}
        slotProps={{ htmlInput: { inputMode: 'numeric', maxLength: 4 }, input: { readOnly } }}
      />
      <SaveBar readOnly={readOnly} busy={s.busy} formError={s.form.formError} saved={s.saved} onSave={() => void s.save()} onSavedShown={s.clearSaved} />
    </Stack>
  );
}
