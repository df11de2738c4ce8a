import { TextField } from '@mui/material';
import { RetireInput, type UnitRow } from '../../../../shared/api/units';
import { api } from '../../api/client';
import { DateField, today } from '../../components/DateField';
import { FormDialog } from '../../components/FormDialog';
import { useZodForm } from '../../components/useZodForm';
import { useRefreshUnits } from './useUnitMutations';

/** 撤销: the unit leaves the register but keeps its history; it can be restored. */
export function RetireDialog({ row, onClose }: { row: UnitRow; onClose: () => void }) {
  const form = useZodForm(RetireInput, { id: row.id, retiredOn: today(), reason: '' });
  const refresh = useRefreshUnits();
  return (
    <FormDialog
      title={`撤销：${row.name}`}
      intro="撤销后该单位不再出现在在册名单中，其历史记录全部保留，可随时恢复。"
      formError={form.formError}
      submitLabel="确认撤销"
      danger
      onSubmit={() => form.submit((input) => api.units.retire(input))}
      onSaved={refresh}
      onClose={onClose}
    >
      <DateField label="撤销日期" {...form.dateProps('retiredOn')} />
      <TextField label="撤销原因" placeholder="如：撤并入某某村" {...form.textProps('reason')} />
    </FormDialog>
  );
}
