import { Alert, Button, Dialog, DialogActions, DialogContent, DialogContentText, DialogTitle, Stack, TextField } from '@mui/material';
import { useMutation } from '@tanstack/react-query';
import { RetireInput, type UnitRow } from '../../../../shared/api/units';
import { api } from '../../api/client';
import { DateField, today } from '../../components/DateField';
import { useZodForm } from '../../components/useZodForm';
import { useRefreshUnits } from './useUnitMutations';

/** 撤销: the unit leaves the register but keeps its history; it can be restored. */
export function RetireDialog({ row, onClose }: { row: UnitRow; onClose: () => void }) {
  const form = useZodForm(RetireInput, { id: row.id, retiredOn: today(), reason: '' });
  const refresh = useRefreshUnits();
  const save = useMutation({ mutationFn: () => form.submit((input) => api.units.retire(input)) });
  return (
    <Dialog open onClose={onClose} aria-labelledby="retire-title">
      <DialogTitle id="retire-title">撤销：{row.name}</DialogTitle>
      <DialogContent>
        <DialogContentText sx={{ mb: 2 }}>
          撤销后该单位不再出现在在册名单中，其历史记录全部保留，可随时恢复。
        </DialogContentText>
        <Stack spacing={0.5}>
          <DateField
            label="撤销日期"
            name="retiredOn"
            value={String(form.values.retiredOn ?? '')}
            onChange={(v) => form.set('retiredOn', v)}
            error={Boolean(form.errorOf('retiredOn'))}
            helperText={form.errorOf('retiredOn') ?? ' '}
          />
          <TextField label="撤销原因" placeholder="如：撤并入某某村" {...form.textProps('reason')} />
          {form.formError && <Alert severity="error">{form.formError}</Alert>}
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>取消</Button>
        <Button
          variant="contained"
          color="error"
          disabled={save.isPending}
          onClick={async () => {
            if (await save.mutateAsync()) {
              await refresh();
              onClose();
            }
          }}
        >
          确认撤销
        </Button>
      </DialogActions>
    </Dialog>
  );
}
