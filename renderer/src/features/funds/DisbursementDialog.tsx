import { Box, MenuItem, TextField } from '@mui/material';
import { z } from 'zod';
import { DisburseInput, type Disbursement, type ProgrammeDetail } from '../../../../shared/api/funds/records';
import { id } from '../../../../shared/api/fields';
import { formatYuan } from '../../../../shared/domain/money';
import { api } from '../../api/client';
import { DateField, today } from '../../components/DateField';
import { FormDialog } from '../../components/FormDialog';
import { useZodForm } from '../../components/useZodForm';
import { registrableFen } from '../../../../shared/api/funds/ledger-layout';
import { MoneyField, moneyProps } from './MoneyField';
import { fenToMoney, requiredMoney } from './moneyInput';

export type DisbursementTarget = { mode: 'create'; allocationId: number | null } | { mode: 'edit'; row: Disbursement };

const schema = DisburseInput.extend({
  allocationId: z.preprocess((v) => (v === '' ? undefined : typeof v === 'string' ? Number(v) : v), id('拨付对象')),
  paidOn: z.preprocess((v) => (v === '' ? undefined : v), DisburseInput.shape.paidOn),
  amountFen: requiredMoney('拨付金额'),
});

/**
 * 登记拨付 (a new row, 待审核) or 修改 a 待审核 row. The amount defaults to what can still be
 * registered against the allocation; the service refuses more than the allocation with every
 * figure (已登记 counts 待审核 and 已审核 rows too), shown here, and nothing is saved.
 */
export function DisbursementDialog({ detail, target, onClose, onSaved }: { detail: ProgrammeDetail; target: DisbursementTarget; onClose: () => void; onSaved: () => Promise<unknown> | void }) {
  const editing = target.mode === 'edit' ? target.row : null;
  const initialAllocation = editing ? editing.allocationId : target.mode === 'create' ? target.allocationId : null;
  const first = detail.allocations.find((a) => a.id === initialAllocation) ?? null;
  const form = useZodForm(schema, {
    allocationId: initialAllocation ?? '',
    paidOn: editing?.paidOn ?? today(),
    amountFen: fenToMoney(editing ? editing.amountFen : first ? Math.max(registrableFen(first), 0) || null : null, '元'),
    voucherNo: editing?.voucherNo ?? '',
    handler: editing?.handler ?? '',
    approver: editing?.approver ?? '',
    note: editing?.note ?? '',
  });
  // opened from an allocation's row (or editing): the recipient is fixed
  const picked = initialAllocation !== null;
  const allocation = detail.allocations.find((a) => a.id === Number(form.values.allocationId)) ?? null;
  // what else is registered against the allocation (this row left out when editing)
  const others = allocation ? allocation.balance.paidFen + allocation.balance.pendingFen - (editing?.amountFen ?? 0) : 0;
  const props = (field: string) => form.textProps(field);

  const submit = () =>
    form.submit(async (parsed) => {
      const { allocationId, ...rest } = parsed;
      if (editing) await api.funds.updateDisbursement({ ...rest, id: editing.id });
      else await api.funds.disburse({ ...rest, allocationId });
    });
  const intro = allocation
    ? `${allocation.recipientName}：分配 ${formatYuan(allocation.amountFen)} 元，已登记 ${formatYuan(others)} 元（含待审核、已审核），尚可登记 ${formatYuan(allocation.amountFen - others)} 元。登记后为“待审核”，审核并确认拨付后计入已拨付。`
    : '选择拨付对象。登记后为“待审核”，审核并确认拨付后计入已拨付。';
  return (
    <FormDialog
      title={editing ? `修改拨付记录：${editing.recipientName}` : allocation && picked ? `登记拨付：${allocation.recipientName}` : '登记拨付'}
      intro={intro}
      formError={form.formError}
      onSubmit={submit}
      onSaved={onSaved}
      onClose={onClose}
    >
      <Box sx={{ display: 'grid', gridTemplateColumns: '1fr 1fr', columnGap: 2, rowGap: 0.5 }}>
        {!picked && (
          <Box sx={{ gridColumn: '1 / -1' }}>
            <TextField
              select
              label="拨付对象"
              {...props('allocationId')}
              onChange={(e) => {
                form.set('allocationId', e.target.value);
                const a = detail.allocations.find((x) => x.id === Number(e.target.value));
                if (a) form.set('amountFen', fenToMoney(Math.max(registrableFen(a), 0) || null, '元'));
              }}
              slotProps={{ select: { MenuProps: { slotProps: { paper: { sx: { maxHeight: 360 } } } } } }}
            >
              {detail.allocations.map((a) => (
                <MenuItem key={a.id} value={a.id} disabled={registrableFen(a) <= 0}>
                  {a.streetName && a.streetName !== a.recipientName ? `${a.streetName} · ` : ''}
                  {a.recipientName}（尚可登记 {formatYuan(Math.max(registrableFen(a), 0))} 元）
                </MenuItem>
              ))}
            </TextField>
          </Box>
        )}
        <DateField label="拨付日期" {...form.dateProps('paidOn')} />
        <MoneyField label="拨付金额" autoFocus={picked} {...moneyProps(form, 'amountFen')} />
        <TextField label="凭证号（选填）" {...props('voucherNo')} slotProps={{ htmlInput: { maxLength: 50 } }} />
        <Box />
        <TextField label="经办人（选填）" {...props('handler')} slotProps={{ htmlInput: { maxLength: 50 } }} />
        <TextField label="审核人（选填）" {...props('approver')} slotProps={{ htmlInput: { maxLength: 50 } }} />
        <Box sx={{ gridColumn: '1 / -1' }}>
          <TextField label="备注（选填）" multiline minRows={2} {...props('note')} />
        </Box>
      </Box>
    </FormDialog>
  );
}
