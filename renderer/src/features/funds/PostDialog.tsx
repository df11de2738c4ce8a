import { z } from 'zod';
import type { Disbursement } from '../../../../shared/api/funds/records';
import { isoDate } from '../../../../shared/api/fields';
import { formatYuan } from '../../../../shared/domain/money';
import { api } from '../../api/client';
import { DateField, today } from '../../components/DateField';
import { FormDialog } from '../../components/FormDialog';
import { useZodForm } from '../../components/useZodForm';

const schema = z.object({ paidOn: z.preprocess((v) => (v === '' ? undefined : v), isoDate('拨付日期')) });

/**
 * 确认拨付 (已审核 → 已拨付) of one row or several, with the day the money went out. After this
 * the rows are final: a mistake is corrected by 冲销 and a new row.
 */
export function PostDialog({ rows, onClose, onSaved }: { rows: Disbursement[]; onClose: () => void; onSaved: () => Promise<unknown> | void }) {
  const dates = [...new Set(rows.map((r) => r.paidOn))];
  const form = useZodForm(schema, { paidOn: dates.length === 1 ? dates[0]! : today() });
  const total = rows.reduce((s, r) => s + r.amountFen, 0);
  const one = rows.length === 1 ? rows[0]! : null;
  const submit = () =>
    form.submit(({ paidOn }) => (one ? api.funds.post({ id: one.id, paidOn }) : api.funds.postMany({ ids: rows.map((r) => r.id), paidOn })));
  return (
    <FormDialog
      title={one ? `确认拨付：${one.recipientName}` : `确认拨付所选的${rows.length}条记录`}
      intro={`${one ? `${formatYuan(one.amountFen)} 元` : `${rows.length} 条，合计 ${formatYuan(total)} 元`}。确认后计入已拨付，不能再修改或删除；如有错误只能冲销后重新登记。`}
      formError={form.formError}
      submitLabel="确认拨付"
      onSubmit={submit}
      onSaved={onSaved}
      onClose={onClose}
    >
      <DateField label="拨付日期" {...form.dateProps('paidOn')} />
    </FormDialog>
  );
}
