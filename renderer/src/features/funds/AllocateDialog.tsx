import { useMemo, useState } from 'react';
import { Box, TextField } from '@mui/material';
import { z } from 'zod';
import { AllocateInput, type Allocation, type ProgrammeDetail } from '../../../../shared/api/funds/records';
import type { UnitRow } from '../../../../shared/api/units';
import { formatYuan } from '../../../../shared/domain/money';
import { id, optionalText, requiredText } from '../../../../shared/api/fields';
import { api } from '../../api/client';
import { DateField } from '../../components/DateField';
import { FormDialog } from '../../components/FormDialog';
import { useZodForm } from '../../components/useZodForm';
import { MoneyField, moneyProps } from './MoneyField';
import { fenToMoney, requiredMoney } from './moneyInput';
import { UnitPicker } from './UnitPicker';
import { acceptsUnit } from './unitChoices';

const dueOn = z.preprocess((v) => (v === '' ? null : v), AllocateInput.shape.dueOn);
const common = { amountFen: requiredMoney('分配金额'), dueOn, note: optionalText('备注', 1000) };
const unitSchema = z.object({ unitId: id('拨付对象'), ...common });
const personSchema = z.object({ personName: requiredText('受款人姓名', 50), ...common });
const editSchema = z.object(common);

/**
 * 分配 one recipient (a unit from the picker, or a person's name when the programme pays
 * persons), or 修改 an allocation's amount, due date and note. The amount defaults to the
 * programme's standard; the service refuses what passes the budget, or an amount below what is
 * already registered, with the figures.
 */
export function AllocateDialog({
  detail,
  allocation,
  onClose,
  onSaved,
}: {
  detail: ProgrammeDetail;
  /** null: a new allocation */
  allocation: Allocation | null;
  onClose: () => void;
  onSaved: () => Promise<unknown> | void;
}) {
  const p = detail.programme;
  const person = p.recipientKind === 'person';
  const schema = allocation ? editSchema : person ? personSchema : unitSchema;
  const form = useZodForm(schema, {
    unitId: null,
    personName: '',
    amountFen: fenToMoney(allocation?.amountFen ?? p.standardFen, '万元'),
    dueOn: allocation?.dueOn ?? '',
    note: allocation?.note ?? '',
  });
  const [unit, setUnit] = useState<UnitRow | null>(null);
  const taken = useMemo(() => new Set(detail.allocations.flatMap((a) => (a.unitId === null ? [] : [a.unitId]))), [detail.allocations]);
  const registered = allocation ? allocation.balance.paidFen + allocation.balance.pendingFen : 0;
  const recipientError = form.errorOf('unitId') ?? form.errorOf('recipient');

  const submit = () =>
    form.submit(async (parsed) => {
      const values = parsed as z.output<typeof unitSchema> & z.output<typeof personSchema>;
      const { amountFen, dueOn: due, note } = values;
      if (allocation) await api.funds.updateAllocation({ id: allocation.id, amountFen, dueOn: due, note });
      else await api.funds.allocate({ programmeId: p.id, recipient: person ? { personName: values.personName } : { unitId: values.unitId }, amountFen, dueOn: due, note });
    });

  const intro = allocation
    ? registered > 0
      ? `已登记拨付 ${formatYuan(registered)} 元（含待审核、已审核），分配金额不能低于这个数。`
      : '尚无拨付记录，可以调增或调减。'
    : `本项目未分配 ${formatYuan(p.unallocatedFen)} 元。${p.standardFen !== null ? `金额默认为拨付标准 ${formatYuan(p.standardFen)} 元。` : ''}`;
  return (
    <FormDialog title={allocation ? `修改分配：${allocation.recipientName}` : '分配经费'} intro={intro} formError={form.formError} onSubmit={submit} onSaved={onSaved} onClose={onClose}>
      <Box sx={{ display: 'grid', gridTemplateColumns: '1fr 1fr', columnGap: 2, rowGap: 0.5 }}>
        <Box sx={{ gridColumn: '1 / -1' }}>
          {allocation ? (
            <TextField label="拨付对象" value={allocation.recipientName} disabled helperText=" " />
          ) : person ? (
            <TextField label="受款人姓名" autoFocus {...form.textProps('personName')} slotProps={{ htmlInput: { maxLength: 50 } }} />
          ) : (
            <UnitPicker
              label={`拨付对象（${p.recipientKindLabel}）`}
              value={unit}
              onChange={(u) => {
                setUnit(u);
                form.set('unitId', u?.id ?? null);
                form.set('recipient', undefined);
              }}
              accept={(u) => acceptsUnit(p.recipientKind, u)}
              taken={taken}
              error={Boolean(recipientError)}
              helperText={recipientError}
            />
          )}
        </Box>
        <MoneyField label="分配金额" autoFocus={Boolean(allocation)} {...moneyProps(form, 'amountFen')} />
        <DateField label={`应拨付日期（选填${p.dueOn ? `，默认 ${p.dueOn}` : ''}）`} {...form.dateProps('dueOn')} />
        <Box sx={{ gridColumn: '1 / -1' }}>
          <TextField label="备注（选填）" multiline minRows={2} {...form.textProps('note')} />
        </Box>
      </Box>
    </FormDialog>
  );
}
