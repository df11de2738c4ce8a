import { Box, TextField } from '@mui/material';
import { z } from 'zod';
import { ReverseInput, type Disbursement } from '../../../../shared/api/funds/records';
import { formatYuan } from '../../../../shared/domain/money';
import { api } from '../../api/client';
import { DateField, today } from '../../components/DateField';
import { FormDialog } from '../../components/FormDialog';
import { useZodForm } from '../../components/useZodForm';
import { MoneyField, moneyProps } from './MoneyField';
import { fenToMoney, optionalMoney } from './moneyInput';
import { reversibleFen } from '../../../../shared/api/funds/ledger-layout';

const schema = ReverseInput.extend({
  paidOn: z.preprocess((v) => (v === '' ? undefined : v), ReverseInput.shape.paidOn),
  amountFen: optionalMoney('冲销金额'),
});

/**
 * 冲销 a paid row: a negative 已拨付 row pointing at it, for all that is left of it or part, with
 * the reason. The original stays as it was; the clerk then registers the correct payment anew.
 */
export function ReverseDialog({ row, onClose, onSaved }: { row: Disbursement; onClose: () => void; onSaved: () => Promise<unknown> | void }) {
  const remaining = reversibleFen(row);
  const form = useZodForm(schema, { id: row.id, paidOn: today() < row.paidOn ? row.paidOn : today(), amountFen: fenToMoney(remaining, '元'), reason: '', voucherNo: '' });
  const submit = () => form.submit((parsed) => api.funds.reverse(parsed));
  return (
    <FormDialog
      title={`冲销拨付记录：${row.recipientName}`}
      intro={
        <>
          原记录：{row.paidOn} 拨付 {formatYuan(row.amountFen)} 元{row.voucherNo ? `（凭证号 ${row.voucherNo}）` : ''}
          {row.reversedFen > 0 ? `，已冲销 ${formatYuan(row.reversedFen)} 元` : ''}，可冲销 {formatYuan(remaining)} 元。
          <br />
          冲销登记一条负数的已拨付记录，原记录保持不变；冲销后可以重新登记正确的拨付。
        </>
      }
      formError={form.formError}
      submitLabel="冲销"
      danger
      onSubmit={submit}
      onSaved={onSaved}
      onClose={onClose}
    >
      <Box sx={{ display: 'grid', gridTemplateColumns: '1fr 1fr', columnGap: 2, rowGap: 0.5 }}>
        <DateField label="冲销日期" {...form.dateProps('paidOn')} />
        <MoneyField label="冲销金额" {...moneyProps(form, 'amountFen')} />
        <Box sx={{ gridColumn: '1 / -1' }}>
          <TextField label="冲销原因" autoFocus multiline minRows={2} placeholder="如：金额登记错误，应为 80,000.00 元" {...form.textProps('reason')} />
        </Box>
        <TextField label="凭证号（选填）" {...form.textProps('voucherNo')} slotProps={{ htmlInput: { maxLength: 50 } }} />
      </Box>
    </FormDialog>
  );
}
