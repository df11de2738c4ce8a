import { useMemo } from 'react';
import { Box, InputAdornment, MenuItem, TextField, Typography } from '@mui/material';
import type { SaveYearInput, VillageYear } from '../../../../shared/api/villages';
import { classifyIncome, incomeBandLabel } from '../../../../shared/domain/income-bands';
import { api } from '../../api/client';
import { useApiQuery } from '../../components/apiQueries';
import { FormDialog } from '../../components/FormDialog';
import { useZodForm } from '../../components/useZodForm';
import { DictionarySelect, type FieldProps } from './DictionarySelect';
import { YEAR_MONEY_FIELDS, YEAR_MONEY_LABELS, yearFormSchema, yearFormValues } from './yearForm';

export type YearTarget = { mode: 'create'; year: number } | { mode: 'edit'; row: VillageYear };

/**
 * One year's figures. Money is typed in 元 (two decimals at most, converted exactly to 分); a
 * save sends this year only, the other years stay as they are.
 */
export function YearDialog({
  unitId,
  unitName,
  target,
  takenYears,
  onClose,
  onSaved,
}: {
  unitId: number;
  unitName: string;
  target: YearTarget;
  takenYears: number[];
  onClose: () => void;
  onSaved: () => Promise<unknown> | void;
}) {
  const editing = target.mode === 'edit';
  const schema = useMemo(() => yearFormSchema(unitId, editing ? null : takenYears), [unitId, editing, takenYears]);
  const form = useZodForm(schema, yearFormValues(unitId, editing ? target.row : null, editing ? target.row.year : target.year));
  const settings = useApiQuery('settings.get');
  const props = (field: string) => form.textProps(field) as FieldProps;

  // the band the typed income falls in, under the current settings
  const income = schema.shape.collectiveIncomeFen.safeParse(form.values.collectiveIncomeFen);
  const bands = settings.data?.incomeBands;
  const band = income.success && typeof income.data === 'number' && bands ? incomeBandLabel(classifyIncome(income.data, bands), bands) : null;

  const save = () => form.submit((parsed) => api.villages.saveYear(parsed as SaveYearInput));
  return (
    <FormDialog
      title={editing ? `编辑${target.row.year}年度数据：${unitName}` : `新增年度数据：${unitName}`}
      intro="金额单位为元，最多两位小数；不掌握的项目可留空。保存只影响本年度，不改动其他年度。"
      formError={form.formError}
      onSubmit={save}
      onSaved={onSaved}
      onClose={onClose}
    >
      <Box sx={{ display: 'grid', gridTemplateColumns: '1fr 1fr', columnGap: 2, rowGap: 0.5 }}>
        <TextField
          label="年度"
          {...props('year')}
          disabled={editing}
          autoFocus={!editing}
          slotProps={{ htmlInput: { inputMode: 'numeric', maxLength: 4 }, input: { endAdornment: <InputAdornment position="end">年</InputAdornment> } }}
        />
        <Typography variant="body2" color="text.secondary" sx={{ pt: 1 }}>
          {editing ? '年度不能修改；录错年度请删除后重新新增。' : `已有数据的年度：${takenYears.length ? [...takenYears].sort((a, b) => b - a).join('、') : '无'}`}
        </Typography>
        {YEAR_MONEY_FIELDS.map((f) => (
          <TextField
            key={f}
            label={`${YEAR_MONEY_LABELS[f]}（元）`}
            {...props(f)}
            autoFocus={editing && f === 'collectiveIncomeFen'}
            helperText={f === 'collectiveIncomeFen' && band && !form.errorOf(f) ? `收入档次：${band}` : props(f).helperText}
            slotProps={{ htmlInput: { inputMode: 'decimal' }, input: { endAdornment: <InputAdornment position="end">元</InputAdornment> } }}
          />
        ))}
        <YesNoSelect label="软弱涣散" props={props('weakOrg')} />
        <DictionarySelect label="评星定级" dictionary="star_rating" props={props('starRating')} />
        <DictionarySelect label="堡垒指数" dictionary="fortress_index" props={props('fortressIndex')} />
        <CountField label="户数" unit="户" props={props('households')} />
        <CountField label="常住人口" unit="人" props={props('residentPopulation')} />
        <CountField label="流动人口" unit="人" props={props('floatingPopulation')} />
        <CountField label="党员" unit="名" props={props('memberTotal')} />
        <Box sx={{ gridColumn: '1 / -1' }}>
          <TextField label="备注" multiline minRows={2} {...props('note')} />
        </Box>
      </Box>
    </FormDialog>
  );
}

function CountField({ label, unit, props }: { label: string; unit: string; props: FieldProps }) {
  return <TextField label={label} {...props} slotProps={{ htmlInput: { inputMode: 'numeric' }, input: { endAdornment: <InputAdornment position="end">{unit}</InputAdornment> } }} />;
}

function YesNoSelect({ label, props }: { label: string; props: FieldProps }) {
  return (
    <TextField select label={label} {...props}>
      <MenuItem value="yes">是</MenuItem>
      <MenuItem value="no">否</MenuItem>
    </TextField>
  );
}
