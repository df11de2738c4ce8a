import { Box, InputAdornment, MenuItem, Stack, TextField, Typography } from '@mui/material';
import { IncomeBandsForm, PipelineRules, SecurityRules, type Settings } from '../../../../shared/api/settings';
import { describeBand, INCOME_BAND_KEYS, type IncomeBandKey, type IncomeBands } from '../../../../shared/domain/income-bands';
import { fenToWanText, wanToFen } from '../../../../shared/domain/money';
import { useApiQuery } from '../../components/apiQueries';
import { ErrorState, LoadingState } from '../../components/States';
import { SaveBar, Section } from './SettingsParts';
import { useSettings, useSettingsSection } from './useSettingsSection';

/** 阈值与规则: income bands, reserve pool rules, security thresholds. */
export function RulesTab({ readOnly }: { readOnly: boolean }) {
  const settings = useSettings();
  if (settings.isPending) return <LoadingState />;
  if (settings.isError) return <ErrorState error={settings.error} onRetry={() => void settings.refetch()} />;
  return (
    <Stack spacing={2} sx={{ maxWidth: 1100, pb: 2 }}>
      <IncomeBandsSection settings={settings.data} readOnly={readOnly} />
      <PipelineSection settings={settings.data} readOnly={readOnly} />
      <SecuritySection settings={settings.data} readOnly={readOnly} />
    </Stack>
  );
}

const boundField: Record<Exclude<IncomeBandKey, 'weak'>, 'generalFromFen' | 'standardFromFen' | 'richFromFen'> = {
  general: 'generalFromFen',
  standard: 'standardFromFen',
  rich: 'richFromFen',
};

/** the names the schema's messages use for the four bands */
const BAND_NAMES: Record<IncomeBandKey, string> = { weak: '最低档', general: '第二档', standard: '第三档', rich: '最高档' };

function IncomeBandsSection({ settings, readOnly }: { settings: Settings; readOnly: boolean }) {
  const bands = settings.incomeBands;
  const s = useSettingsSection(
    'incomeBands',
    IncomeBandsForm,
    {
      ...bands,
      generalFromFen: fenToWanText(bands.generalFromFen),
      standardFromFen: fenToWanText(bands.standardFromFen),
      richFromFen: fenToWanText(bands.richFromFen),
    },
    (incomeBands) => ({ incomeBands }),
  );
  const v = s.form.values;
  // the ranges as typed so far, for the right-hand column
  const live: IncomeBands | null = (() => {
    const fen = (key: 'generalFromFen' | 'standardFromFen' | 'richFromFen') => wanToFen(String(v[key] ?? ''));
    const [g, st, r] = [fen('generalFromFen'), fen('standardFromFen'), fen('richFromFen')];
    return g === null || st === null || r === null ? null : { ...bands, generalFromFen: g, standardFromFen: st, richFromFen: r };
  })();
  return (
    <Section title="村集体经营性收入档次" hint="按村集体经营性收入把村分为四档（“破五进十”），报表按档次统计各街道的村数和档次变化。下限含本数。">
      <Box sx={{ display: 'grid', gridTemplateColumns: '220px 280px 1fr', columnGap: 2, rowGap: 1, alignItems: 'start', mt: 1.5 }}>
        {INCOME_BAND_KEYS.map((key) => (
          <Box key={key} sx={{ display: 'contents' }}>
            <TextField size="small" label={`${BAND_NAMES[key]}名称`} {...s.form.textProps(`${key}Label`)} slotProps={{ input: { readOnly } }} />
            {key === 'weak' ? (
              <Typography variant="body2" color="text.secondary" sx={{ pt: 1 }}>
                无下限
              </Typography>
            ) : (
              <TextField
                size="small"
                label={`${BAND_NAMES[key]}下限`}
                {...s.form.textProps(boundField[key])}
                slotProps={{ htmlInput: { inputMode: 'decimal' }, input: { readOnly, endAdornment: <InputAdornment position="end">万元</InputAdornment> } }}
              />
            )}
            <Typography variant="body2" sx={{ pt: 1 }}>
              {live ? describeBand(key, live) : '—'}
            </Typography>
          </Box>
        ))}
      </Box>
      <SaveBar readOnly={readOnly} busy={s.busy} formError={s.form.formError} saved={s.saved} onSave={() => void s.save()} onSavedShown={s.clearSaved} />
    </Section>
  );
}

function PipelineSection({ settings, readOnly }: { settings: Settings; readOnly: boolean }) {
  const p = settings.pipeline;
  const s = useSettingsSection('pipeline', PipelineRules, { ...p }, (pipeline) => ({ pipeline }));
  const education = useApiQuery('dictionaries.items', { name: 'education_level' });
  const choices = (current: string) => (education.data ?? []).filter((i) => !i.retired || i.value === current);
  const number = (field: string, label: string, unit?: string, width = 230) => (
    <TextField
      size="small"
      label={label}
      {...s.form.textProps(field)}
      sx={{ width }}
      slotProps={{ htmlInput: { inputMode: 'numeric' }, input: { readOnly, ...(unit ? { endAdornment: <InputAdornment position="end">{unit}</InputAdornment> } : {}) } }}
    />
  );
  const educationSelect = (field: 'youngEducationFloor' | 'otherEducationFloor', label: string) => (
    <TextField select size="small" label={label} {...s.form.textProps(field)} sx={{ width: 300 }} slotProps={{ input: { readOnly } }} disabled={education.isPending}>
      {choices(p[field]).map((i) => (
        <MenuItem key={i.value} value={i.value}>
          {i.label}及以上{i.retired ? '（已停用）' : ''}
        </MenuItem>
      ))}
    </TextField>
  );
  return (
    <Section title="后备人才规则" hint="村党组织书记后备人才库的本地规则：入库年龄、学历要求、队伍结构目标和每村后备人数。">
      {education.isError && <ErrorState error={education.error} onRetry={() => void education.refetch()} />}
      <Stack spacing={1.5} sx={{ mt: 1.5 }}>
        <Stack direction="row" spacing={2} useFlexGap sx={{ flexWrap: 'wrap' }}>
          {number('ageCap', '年龄上限', '周岁')}
          {number('youngAgeMax', '年轻人才年龄上限', '周岁')}
        </Stack>
        <Stack direction="row" spacing={2} useFlexGap sx={{ flexWrap: 'wrap' }}>
          {educationSelect('youngEducationFloor', `学历要求（${String(s.form.values.youngAgeMax ?? '')}周岁及以下）`)}
          {educationSelect('otherEducationFloor', '学历要求（其他人员）')}
        </Stack>
        <Stack direction="row" spacing={2} useFlexGap sx={{ flexWrap: 'wrap' }}>
          {number('partyMemberMinPercent', '党员占比不低于', '%')}
          {number('femaleMinPercent', '女性占比不低于', '%')}
          {number('perVillageMin', '每村最少后备人数', '人')}
          {number('perVillageTarget', '每村目标后备人数', '人')}
        </Stack>
      </Stack>
      <SaveBar readOnly={readOnly} busy={s.busy} formError={s.form.formError} saved={s.saved} onSave={() => void s.save()} onSavedShown={s.clearSaved} />
    </Section>
  );
}

function SecuritySection({ settings, readOnly }: { settings: Settings; readOnly: boolean }) {
  const s = useSettingsSection('security', SecurityRules, { ...settings.security }, (security) => ({ security }));
  const number = (field: string, label: string, unit: string) => (
    <TextField
      size="small"
      label={label}
      {...s.form.textProps(field)}
      sx={{ width: 240 }}
      slotProps={{ htmlInput: { inputMode: 'numeric' }, input: { readOnly, endAdornment: <InputAdornment position="end">{unit}</InputAdornment> } }}
    />
  );
  return (
    <Section title="安全" hint="离开座位时自动锁定，连续输错密码后暂时锁定账户。保存后立即生效。">
      <Stack direction="row" spacing={2} useFlexGap sx={{ flexWrap: 'wrap', mt: 1.5 }}>
        {number('idleLockMinutes', '无操作自动锁定', '分钟')}
        {number('maxFailedLogins', '连续输错密码上限', '次')}
        {number('lockoutMinutes', '输错后锁定时长', '分钟')}
      </Stack>
      <SaveBar readOnly={readOnly} busy={s.busy} formError={s.form.formError} saved={s.saved} onSave={() => void s.save()} onSavedShown={s.clearSaved} />
    </Section>
  );
}
