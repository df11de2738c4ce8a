import { Chip, MenuItem, Stack, TextField } from '@mui/material';
import { ChangeCodeInput, type StreetNode, type UnitRow } from '../../../../shared/api/units';
import { api } from '../../api/client';
import { DateField, today } from '../../components/DateField';
import { FormDialog } from '../../components/FormDialog';
import { useZodForm } from '../../components/useZodForm';
import { StreetSelect } from './StreetSelect';
import { useUnitKinds } from './useUnitKinds';
import { useRefreshUnits } from './useUnitMutations';

const REASON_PRESETS = ['村改居', '区划调整', '调整所属街道（镇）', '纠正错误代码'];

/** 变更代码: 村改居, re-coding, or moving a unit to another street; the old code is kept. */
export function ChangeCodeDialog({ row, streets, onClose }: { row: UnitRow; streets: StreetNode[]; onClose: () => void }) {
  const isUnit = row.level === 'unit';
  const form = useZodForm(ChangeCodeInput, {
    id: row.id,
    ...(isUnit ? { parentId: row.parentId } : {}),
    newCode: row.code,
    effectiveOn: today(),
    reason: '',
    kind: undefined,
    name: undefined,
  });
  const kinds = useUnitKinds();
  const refresh = useRefreshUnits();
  const optional = (value: string) => (value === '' ? undefined : value);

  return (
    <FormDialog
      title={`变更代码：${row.name}`}
      intro={`现代码 ${row.code}。变更后旧代码留作历史记录，按旧代码仍能查到本单位；经费、整改等记录不受影响。`}
      formError={form.formError}
      submitLabel="确认变更"
      onSubmit={() => form.submit((input) => api.units.changeCode(input))}
      onSaved={refresh}
      onClose={onClose}
    >
      {isUnit && (
        <StreetSelect
          streets={streets}
          fieldProps={form.textProps('parentId')}
          onChosen={(street) => {
            form.set('parentId', street.id);
            form.set('newCode', street.code + String(form.values.newCode ?? '').slice(9));
          }}
        />
      )}
      <TextField label={isUnit ? '新代码（12位）' : '新代码（9位）'} {...form.textProps('newCode')} />
      <DateField label="变更日期" {...form.dateProps('effectiveOn')} />
      <TextField label="变更原因" {...form.textProps('reason')} />
      <Stack direction="row" spacing={1} sx={{ mb: 1 }}>
        {REASON_PRESETS.map((r) => (
          <Chip key={r} label={r} size="small" variant="outlined" onClick={() => form.set('reason', r)} />
        ))}
      </Stack>
      {isUnit && (
        <>
          <TextField
            select
            label="同时修改类别（选填）"
            value={(form.values.kind as string | undefined) ?? ''}
            onChange={(e) => form.set('kind', optional(e.target.value))}
            helperText="村改居时一般改为“村改居社区”"
          >
            <MenuItem value="">不修改</MenuItem>
            {kinds.activeItems.map((k) => (
              <MenuItem key={k.value} value={k.value}>
                {k.label}
              </MenuItem>
            ))}
          </TextField>
          <TextField
            label="同时修改名称（选填）"
            value={(form.values.name as string | undefined) ?? ''}
            onChange={(e) => form.set('name', optional(e.target.value))}
            error={Boolean(form.errorOf('name'))}
            helperText={form.errorOf('name') ?? '如“某某村”改为“某某社区”'}
          />
        </>
      )}
    </FormDialog>
  );
}
