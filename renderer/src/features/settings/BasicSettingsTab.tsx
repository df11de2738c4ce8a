import { Stack, TextField } from '@mui/material';
import { z } from 'zod';
import { requiredText } from '../../../../shared/api/fields';
import { workingYear, type Settings } from '../../../../shared/api/settings';
import { useApiQuery } from '../../components/apiQueries';
import { ErrorState, LoadingState } from '../../components/States';
import { formatBytes } from '../../components/format';
import { Row, SaveBar, Section } from './SettingsParts';
import { useSettings, useSettingsSection } from './useSettingsSection';

const BasicInput = z.object({ departmentName: requiredText('部门名称', 50), workingYear });

/** 基本设置: the district (fixed at first run), department name, working year, where the data lives. */
export function BasicSettingsTab({ readOnly }: { readOnly: boolean }) {
  const settings = useSettings();
  const info = useApiQuery('settings.systemInfo');
  if (settings.isPending || info.isPending) return <LoadingState />;
  if (settings.isError) return <ErrorState error={settings.error} onRetry={() => void settings.refetch()} />;
  if (info.isError) return <ErrorState error={info.error} onRetry={() => void info.refetch()} />;
  const district = settings.data.district;
  return (
    <Stack spacing={2} sx={{ maxWidth: 820, pb: 2 }}>
      <Section title="本区、部门与工作年度" hint="本区在首次设置时选定，不能修改；部门名称用于打印表格的抬头。">
        <Row label="本区（县）">{district ? `${district.fullName}（代码 ${district.code}）` : '尚未设置'}</Row>
        <BasicForm settings={settings.data} readOnly={readOnly} />
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

/** Department name and working year, saved together (one 保存, one log row listing what changed). */
function BasicForm({ settings, readOnly }: { settings: Settings; readOnly: boolean }) {
  const s = useSettingsSection(null, BasicInput, { departmentName: settings.departmentName ?? '', workingYear: String(settings.workingYear) }, (v) => v);
  return (
    <Stack spacing={0.5} sx={{ mt: 1.5 }}>
      <TextField label="部门名称（用于打印抬头）" {...s.form.textProps('departmentName')} sx={{ width: 420 }} slotProps={{ input: { readOnly } }} />
      <TextField
        label="工作年度"
        {...s.form.textProps('workingYear')}
        helperText={s.form.errorOf('workingYear') ?? '新录入的年度数据默认归入这一年度'}
        sx={{ width: 420 }}
        slotProps={{ htmlInput: { inputMode: 'numeric', maxLength: 4 }, input: { readOnly } }}
      />
      <SaveBar readOnly={readOnly} busy={s.busy} formError={s.form.formError} saved={s.saved} onSave={() => void s.save()} onSavedShown={s.clearSaved} />
    </Stack>
  );
}
